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

/* Compile the keywords and phrases once per context, so that a decision costs one pass over
 * the analysed text. The analyzer stems every Snowball language, as the workers' do
 * (worker_state_init): a phrase is compared in the ticket's language. */
static int context_phrases_compile(struct route_context *ctx, char *err, size_t errlen)
{
    text_analyzer *az = text_analyzer_new(NULL, 0, NULL, err, errlen);
    if (!az)
        return TR_ENOMEM;
    char reason[512];
    size_t refused = 0;
    ctx->phrases =
        route_phrases_new(az, &ctx->policy, &ctx->urgency, &refused, reason, sizeof(reason));
    text_analyzer_free(az);
    if (!ctx->phrases) {
        snprintf(err, errlen, "routing phrases: %s", reason);
        return TR_ENOMEM;
    }
    if (refused)
        log_warn("routing phrases not compiled=%zu first=%s (rule keywords among them match the "
                 "raw text; urgency and outage phrases never match)",
                 refused, reason);
    return 0;
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
    ctx->policy.outage_notify = cfg->outage_notify;
    ctx->loaded_at_ms = tr_now_unix_ms();
    if (ctx->n_rules_refused)
        log_warn("routing rules refused=%zu (run ticket-router rules check for reasons)",
                 ctx->n_rules_refused);
    if ((rc = context_phrases_compile(ctx, err, errlen)) != 0) {
        route_context_free(ctx);
        return rc;
    }
    *out = ctx;
    return 0;
}

#define PURGE_EVERY_US (3600LL * 1000000)
#define QUANTILES_EVERY_US (60LL * 1000000) /* after customers changed, at most this often */

struct refresher {
    pipeline *p;
    bool customers_changed;
    int64_t last_load_us, last_purge_us, last_quantiles_us, last_history_us;
};

static void on_customer(void *arg, const char *customer_id)
{
    struct refresher *r = arg;
    customer_cache_invalidate(&r->p->customers, customer_id);
    r->customers_changed = true;
}

static void purge_old(pipeline *p, store_conn *pg)
{
    long deleted = 0;
    if (p->cfg->feedback_text_retention_days &&
        store_ticket_texts_purge(pg, p->cfg->feedback_text_retention_days, &deleted) == 0 &&
        deleted > 0)
        log_info("ticket texts past retention deleted=%ld days=%u", deleted,
                 p->cfg->feedback_text_retention_days);
    if (p->cfg->dlq_retention_days &&
        store_dead_letters_purge(pg, p->cfg->dlq_retention_days, &deleted) == 0 && deleted > 0)
        log_info("dead letters past retention deleted=%ld days=%u", deleted,
                 p->cfg->dlq_retention_days);
}

/* What history teaches, off the decision path: value quantiles a minute after customers
 * changed, agent performance every cache.history_refresh_ms. Returns true when something was
 * refreshed (the context is then reloaded). */
static bool history_refresh(struct refresher *r, store_conn *pg)
{
    int64_t now = tr_mono_us();
    unsigned what = 0;
    if (r->customers_changed && now - r->last_quantiles_us > QUANTILES_EVERY_US)
        what |= STORE_HISTORY_QUANTILES;
    if (now - r->last_history_us > (int64_t)r->p->cfg->history_refresh_ms * 1000)
        what |= STORE_HISTORY_PERFORMANCE | STORE_HISTORY_QUANTILES;
    if (!what)
        return false;
    int rc = store_history_refresh(pg, what);
    int64_t took_ms = (tr_mono_us() - now) / 1000;
    if (rc < 0) {
        log_warn("history refresh failed (will retry) err=%s", store_last_error(pg));
        return false;
    }
    if (what & STORE_HISTORY_QUANTILES) {
        r->last_quantiles_us = now;
        r->customers_changed = false;
    }
    if (what & STORE_HISTORY_PERFORMANCE)
        r->last_history_us = now;
    if (rc == 1)
        log_info("history refreshed quantiles=%d performance=%d took_ms=%lld",
                 (what & STORE_HISTORY_QUANTILES) != 0, (what & STORE_HISTORY_PERFORMANCE) != 0,
                 (long long)took_ms);
    return rc == 1;
}

static void context_reload(pipeline *p, store_conn *pg, bool announce)
{
    char err[512];
    struct route_context *fresh = NULL;
    int64_t start_us = tr_mono_us();
    if (context_load(p, pg, &fresh, err, sizeof(err)) != 0) {
        log_warn("routing context reload failed err=%s", err);
        return;
    }
    metrics_observe(p->metrics.context_reload, NULL, (double)(tr_mono_us() - start_us) / 1e6);
    if (announce)
        log_info("routing context reloaded rules=%zu agents=%zu teams=%zu", fresh->policy.n_rules,
                 fresh->n_agents, fresh->policy.n_teams);
    context_swap(&p->context, fresh);
}

/* Reloads the routing context on NOTIFY (rules, teams, agents changed) and every
 * cache.context_refresh_ms, on its own connection; drops changed customers from the cache;
 * refreshes what history teaches on its own slow schedule. */
void *context_refresher_main(void *arg)
{
    pipeline *p = arg;
    char err[512];
    store_conn *pg = NULL;
    int64_t now = tr_mono_us();
    /* The first performance refresh comes one period after the start (the migration made one,
     * and another replica may have made one since). */
    struct refresher r = {.p = p, .last_load_us = now, .last_history_us = now};
    while (!atomic_load(&p->stopping)) {
        if (!pg) {
            pg = store_conn_new(p->cfg->pg_dsn, err, sizeof(err));
            if (!pg || store_listen(pg) != 0) {
                store_conn_free(pg);
                pg = NULL;
                tr_sleep_ms(1000);
                continue;
            }
            /* Changes missed while not listening: forget every cached customer. */
            customer_cache_invalidate(&p->customers, "*");
        }
        /* Short waits, so that shutdown is not held up by a quiet channel. */
        int got = store_wait_notify(pg, 250, on_customer, &r);
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
        }
        bool refreshed = history_refresh(&r, pg);
        if (!(got & STORE_NOTIFY_CONFIG) && !refreshed &&
            tr_mono_us() - r.last_load_us < (int64_t)p->cfg->context_refresh_ms * 1000)
            continue;
        r.last_load_us = tr_mono_us();
        /* A missed notification (connection lost meanwhile) is caught up here. */
        if (model_refresh(p, pg) < 0)
            log_warn("published model could not be read (will retry)");
        if (tr_mono_us() - r.last_purge_us > PURGE_EVERY_US) {
            r.last_purge_us = tr_mono_us();
            purge_old(p, pg);
        }
        context_reload(p, pg, (got & STORE_NOTIFY_CONFIG) != 0);
    }
    store_conn_free(pg);
    return NULL;
}
