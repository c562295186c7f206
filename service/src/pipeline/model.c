/* The model in use, and picking up a newly published one without a restart: the refresher
 * thread sees the publication (NOTIFY ticket_router_model, or its periodic check), fetches the
 * file from PostgreSQL, loads it (checksums and all) and swaps it in; tickets in flight finish
 * with the model they started with. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

int model_holder_init(struct model_holder *h, classifier *initial)
{
    memset(h, 0, sizeof(*h));
    h->current = calloc(1, sizeof(*h->current));
    if (!h->current || pthread_mutex_init(&h->lock, NULL) != 0) {
        free(h->current);
        h->current = NULL;
        classifier_free(initial);
        return TR_ENOMEM;
    }
    h->current->model = initial;
    h->current->refs = 1; /* the holder's own */
    return 0;
}

static void ref_drop(struct model_ref *ref)
{
    classifier_free(ref->model);
    free(ref);
}

void model_holder_destroy(struct model_holder *h)
{
    if (!h->current)
        return;
    ref_drop(h->current);
    h->current = NULL;
    pthread_mutex_destroy(&h->lock);
}

struct model_ref *model_acquire(struct model_holder *h)
{
    pthread_mutex_lock(&h->lock);
    struct model_ref *ref = h->current;
    ref->refs++;
    pthread_mutex_unlock(&h->lock);
    return ref;
}

void model_release(struct model_holder *h, struct model_ref *ref)
{
    pthread_mutex_lock(&h->lock);
    bool last = --ref->refs == 0;
    pthread_mutex_unlock(&h->lock);
    if (last)
        ref_drop(ref);
}

/* Takes fresh; NULL-safe on failure. */
static int model_swap(struct model_holder *h, classifier *fresh)
{
    struct model_ref *ref = calloc(1, sizeof(*ref));
    if (!ref) {
        classifier_free(fresh);
        return TR_ENOMEM;
    }
    ref->model = fresh;
    ref->refs = 1;
    pthread_mutex_lock(&h->lock);
    struct model_ref *old = h->current;
    h->current = ref;
    bool last = --old->refs == 0;
    pthread_mutex_unlock(&h->lock);
    if (last)
        ref_drop(old);
    return 0;
}

int model_refresh(pipeline *p, store_conn *pg)
{
    struct model_holder *h = &p->models;
    char version[128];
    int rc = store_model_published(pg, version, sizeof(version));
    if (rc == TR_ENOTFOUND)
        return 0; /* nothing published: model.path (or none) stays */
    if (rc != 0)
        return TR_EIO;
    struct model_ref *ref = model_acquire(h);
    bool same = ref->model && strcmp(classifier_version(ref->model), version) == 0;
    model_release(h, ref);
    if (same || strcmp(h->failed_version, version) == 0)
        return 0;
    void *bytes = NULL;
    size_t len = 0;
    rc = store_model_fetch(pg, version, &bytes, &len);
    if (rc != 0)
        return rc == TR_ENOTFOUND ? 0 : TR_EIO;
    char err[512];
    classifier *fresh = classifier_load_bytes(bytes, len, err, sizeof(err));
    free(bytes);
    if (!fresh || strcmp(classifier_version(fresh), version) != 0) {
        if (fresh)
            snprintf(err, sizeof(err), "the file says version %s", classifier_version(fresh));
        classifier_free(fresh);
        log_error("published model refused version=%s err=%s (keeping the model in use)", version,
                  err);
        tr_strlcpy(h->failed_version, version, sizeof(h->failed_version));
        metrics_add(p->metrics.model_reloads, (const char *[]){"refused"}, 1);
        return 0;
    }
    size_t labels = classifier_n_labels(fresh);
    if (model_swap(h, fresh) != 0)
        return TR_EIO;
    metrics_add(p->metrics.model_reloads, (const char *[]){"loaded"}, 1);
    log_info("model reloaded version=%s labels=%zu bytes=%zu", version, labels, len);
    return 1;
}
