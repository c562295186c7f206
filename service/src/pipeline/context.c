#include <stdlib.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

int context_holder_init(struct context_holder *h, struct route_context *initial)
{
    pthread_mutex_init(&h->lock, NULL);
    h->current = calloc(1, sizeof(*h->current));
    if (!h->current)
        return TR_ENOMEM;
    h->current->ctx = initial;
    h->current->refs = 1; /* the holder's own reference */
    return 0;
}

static void ref_drop(struct context_ref *ref)
{
    route_context_free(ref->ctx);
    free(ref);
}

void context_holder_destroy(struct context_holder *h)
{
    if (h->current)
        ref_drop(h->current);
    h->current = NULL;
    pthread_mutex_destroy(&h->lock);
}

struct context_ref *context_acquire(struct context_holder *h)
{
    pthread_mutex_lock(&h->lock);
    struct context_ref *ref = h->current;
    ref->refs++;
    pthread_mutex_unlock(&h->lock);
    return ref;
}

void context_release(struct context_holder *h, struct context_ref *ref)
{
    pthread_mutex_lock(&h->lock);
    bool last = --ref->refs == 0;
    pthread_mutex_unlock(&h->lock);
    if (last)
        ref_drop(ref);
}

void context_swap(struct context_holder *h, struct route_context *fresh)
{
    struct context_ref *ref = calloc(1, sizeof(*ref));
    if (!ref) {
        route_context_free(fresh);
        return;
    }
    ref->ctx = fresh;
    ref->refs = 1;
    pthread_mutex_lock(&h->lock);
    struct context_ref *old = h->current;
    h->current = ref;
    bool last = --old->refs == 0;
    pthread_mutex_unlock(&h->lock);
    if (last)
        ref_drop(old);
}

int context_load(pipeline *p, store_conn *pg, struct route_context **out, char *err, size_t errlen)
{
    struct route_context *ctx = NULL;
    int rc = store_context_load(pg, &ctx, NULL, err, errlen);
    if (rc != 0)
        return rc;
    const struct config *cfg = p->cfg;
    ctx->policy.confidence_threshold = cfg->confidence_threshold;
    ctx->policy.triage_team = cfg->triage_team;
    ctx->policy.triage_queue = cfg->triage_queue;
    ctx->policy.senior_queue = cfg->senior_queue;
    ctx->policy.default_team = cfg->default_team;
    ctx->loaded_at_ms = tr_now_unix_ms();
    if (ctx->n_rules_refused)
        log_warn("routing rules refused=%zu (run ticket-router rules check for reasons)",
                 ctx->n_rules_refused);
    *out = ctx;
    return 0;
}

#define PURGE_EVERY_US (3600LL * 1000000)

/* Reloads the routing context on NOTIFY (rules, teams, agents changed) and every
 * cache.context_refresh_ms, on its own connection. */
void *context_refresher_main(void *arg)
{
    pipeline *p = arg;
    char err[512];
    store_conn *pg = NULL;
    int64_t last_load_us = tr_mono_us();
    int64_t last_purge_us = 0;
    while (!atomic_load(&p->stopping)) {
        if (!pg) {
            pg = store_conn_new(p->cfg->pg_dsn, err, sizeof(err));
            if (!pg || store_listen(pg) != 0) {
                store_conn_free(pg);
                pg = NULL;
                tr_sleep_ms(1000);
                continue;
            }
        }
        /* Short waits, so that shutdown is not held up by a quiet channel. */
        int got = store_wait_notify(pg, 250);
        if (atomic_load(&p->stopping))
            break;
        if (got < 0) {
            store_conn_free(pg);
            pg = NULL;
            continue;
        }
        if (got & STORE_NOTIFY_MODEL) {
            if (model_refresh(p, pg) < 0)
                log_warn("published model could not be read (will retry)");
            if (!(got & STORE_NOTIFY_CONFIG))
                continue;
        }
        if (!got && tr_mono_us() - last_load_us < (int64_t)p->cfg->context_refresh_ms * 1000)
            continue;
        last_load_us = tr_mono_us();
        /* A missed notification (connection lost meanwhile) is caught up here. */
        if (model_refresh(p, pg) < 0)
            log_warn("published model could not be read (will retry)");
        if (tr_mono_us() - last_purge_us > PURGE_EVERY_US) {
            long deleted = 0;
            last_purge_us = tr_mono_us();
            if (p->cfg->feedback_text_retention_days &&
                store_ticket_texts_purge(pg, p->cfg->feedback_text_retention_days, &deleted) == 0 &&
                deleted > 0)
                log_info("ticket texts past retention deleted=%ld days=%u", deleted,
                         p->cfg->feedback_text_retention_days);
            if (p->cfg->dlq_retention_days &&
                store_dead_letters_purge(pg, p->cfg->dlq_retention_days, &deleted) == 0 &&
                deleted > 0)
                log_info("dead letters past retention deleted=%ld days=%u", deleted,
                         p->cfg->dlq_retention_days);
        }
        struct route_context *fresh = NULL;
        if (context_load(p, pg, &fresh, err, sizeof(err)) == 0) {
            if (got)
                log_info("routing context reloaded rules=%zu agents=%zu teams=%zu",
                         fresh->policy.n_rules, fresh->n_agents, fresh->policy.n_teams);
            context_swap(&p->context, fresh);
        } else {
            log_warn("routing context reload failed err=%s", err);
        }
    }
    store_conn_free(pg);
    return NULL;
}
