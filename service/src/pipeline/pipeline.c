#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

/* The partitions being revoked, for pipeline_revoking (copied: the list is borrowed). */
static void revoked_set(pipeline *p, const struct kafka_partition *parts, size_t n)
{
    pthread_mutex_lock(&p->revoke_lock);
    free(p->revoked);
    free(p->revoked_names);
    p->revoked = calloc(n + 1, sizeof(*p->revoked));
    p->revoked_names = calloc(n + 1, sizeof(*p->revoked_names));
    p->n_revoked = 0;
    for (size_t i = 0; p->revoked && p->revoked_names && i < n; i++) {
        tr_strlcpy(p->revoked_names[i], parts[i].topic, sizeof(p->revoked_names[i]));
        p->revoked[i] = (struct kafka_partition){p->revoked_names[i], parts[i].partition};
        p->n_revoked++;
    }
    /* Out of memory: n_revoked 0 means every partition, which is safe. */
    pthread_mutex_unlock(&p->revoke_lock);
}

static void on_revoke(void *arg, const struct kafka_partition *parts, size_t n)
{
    pipeline *p = arg;
    if (!p->pool)
        return;
    revoked_set(p, parts, n);
    /* Jobs that finish store their offsets before the partitions go. A job of a revoked
     * partition that keeps failing (a dependency is down) gives up, and queued ones of revoked
     * partitions are dropped: the next owner reads them again, which is safe (idempotent).
     * Partitions that stay (cooperative rebalancing) carry on. Bounded, so that the poll thread
     * stays within max.poll.interval.ms and this replica stays in the group. */
    atomic_store(&p->revoking, true);
    int64_t start_us = tr_mono_us();
    if (worker_pool_drain_for(p->pool, (int)p->cfg->revoke_timeout_ms) != 0)
        log_warn("rebalance: work still retrying after %u ms; revoked partitions' unfinished "
                 "work is read again by their next owner, partitions that stay carry on",
                 p->cfg->revoke_timeout_ms);
    atomic_store(&p->revoking, false);
    revoked_set(p, NULL, 0);
    /* Given-up partitions may come back in the next assignment: start them afresh. */
    atomic_fetch_add(&p->assignment_gen, 1);
    log_info("rebalance: in-flight work settled in %lld ms",
             (long long)((tr_mono_us() - start_us) / 1000));
}

int worker_state_init(const struct config *cfg, const text_langid *lid, struct worker_state *ws,
                      char *err, size_t errlen)
{
    struct codec_schema_ids ids = {
        .ticket_created = (int32_t)cfg->schema_ticket_created,
        .ticket_event = (int32_t)cfg->schema_ticket_event,
        .routing_decision = (int32_t)cfg->schema_routing_decision,
        .escalation = (int32_t)cfg->schema_escalation,
    };
    struct load_options lopts = {
        .host = cfg->redis_host,
        .port = (int)cfg->redis_port,
        .password = cfg->redis_password,
        .db = (int)cfg->redis_db,
        .timeout_ms = (int)cfg->redis_timeout_ms,
        .prefix = cfg->redis_prefix,
    };
    if (!(ws->codec = codec_new(&ids, err, errlen)))
        return TR_EINVAL;
    if (!(ws->pg = store_conn_new(cfg->pg_dsn, err, errlen)))
        return TR_EIO;
    if (!(ws->redis = load_conn_new(&lopts, err, errlen)))
        return TR_EIO;
    if (!(ws->scratch = classify_scratch_new()) ||
        !(ws->pending = calloc(1, sizeof(*ws->pending)))) {
        snprintf(err, errlen, "out of memory");
        return TR_ENOMEM;
    }
    /* Every Snowball language, as the context's phrases are compiled (context_load). */
    if (!(ws->az = text_analyzer_new(NULL, 0, lid, err, errlen)))
        return TR_ENOMEM;
    if (!(ws->subject_doc = text_doc_new()) || !(ws->body_doc = text_doc_new())) {
        snprintf(err, errlen, "out of memory");
        return TR_ENOMEM;
    }
    return 0;
}

void worker_state_clear(struct worker_state *ws)
{
    codec_free(ws->codec);
    store_conn_free(ws->pg);
    load_conn_free(ws->redis);
    classify_scratch_free(ws->scratch);
    text_doc_free(ws->subject_doc);
    text_doc_free(ws->body_doc);
    text_analyzer_free(ws->az);
    if (ws->pending) {
        pending_clear(ws->pending);
        free(ws->pending->d);
        free(ws->pending->e);
        free(ws->pending);
    }
    memset(ws, 0, sizeof(*ws));
}

static int workers_new(pipeline *p, char *err, size_t errlen)
{
    p->n_workers = p->cfg->workers;
    p->workers = calloc(p->n_workers, sizeof(*p->workers));
    p->worker_beat_us = calloc(p->n_workers, sizeof(*p->worker_beat_us));
    if (!p->workers || !p->worker_beat_us) {
        snprintf(err, errlen, "out of memory");
        return TR_ENOMEM;
    }
    for (unsigned i = 0; i < p->n_workers; i++) {
        int rc = worker_state_init(p->cfg, p->langid, &p->workers[i], err, errlen);
        if (rc != 0)
            return rc;
    }
    int rc = worker_state_init(p->cfg, NULL, &p->sweeper_state, err, errlen);
    return rc == 0 ? worker_state_init(p->cfg, NULL, &p->agents_state, err, errlen) : rc;
}

pipeline *pipeline_new(const struct config *cfg, char *err, size_t errlen)
{
    pipeline *p = calloc(1, sizeof(*p));
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    p->cfg = cfg;
    p->mode = strcmp(cfg->mode, "shadow") == 0 ? ROUTE_MODE_SHADOW : ROUTE_MODE_LIVE;
    atomic_store(&p->deps_ok, true);
    if (pipeline_metrics_init(&p->metrics) != 0 || pthread_mutex_init(&p->probe_lock, NULL) != 0) {
        snprintf(err, errlen, "out of memory");
        free(p);
        return NULL;
    }
    p->probe_lock_ready = true;
    p->revoke_lock_ready = pthread_mutex_init(&p->revoke_lock, NULL) == 0;
    if (customer_cache_init(&p->customers, cfg->customer_cache_slots, cfg->customer_cache_ttl_ms) !=
        0) {
        snprintf(err, errlen, "out of memory (cache.customer_slots %u)", cfg->customer_cache_slots);
        goto fail;
    }
    if (agent_snapshot_init(&p->agents, cfg->agent_load_ms) != 0) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    /* Detection of the language of tickets that come without one (the common languages: fewer
     * confuse less, see text.h). */
    static const char *const langs[] = {TEXT_LANGS_COMMON};
    char lid_err[512];
    p->langid =
        text_langid_new(NULL, langs, sizeof(langs) / sizeof(langs[0]), lid_err, sizeof(lid_err));
    if (!p->langid) {
        snprintf(err, errlen, "language fingerprints (%s, libexttextcat-data): %s",
                 TEXT_LANGID_DEFAULT_DIR, lid_err);
        goto fail;
    }
    if (cfg->signals_path[0]) {
        char reason[512];
        p->signals = signals_load(cfg->signals_path, reason, sizeof(reason));
        if (!p->signals) {
            snprintf(err, errlen, "signals %s: %s", cfg->signals_path, reason);
            goto fail;
        }
        log_info("signals loaded path=%s version=%s", cfg->signals_path,
                 signals_version(p->signals));
    }
    if (workers_new(p, err, errlen) != 0)
        goto fail;
    if (worker_state_init(cfg, NULL, &p->probe, err, errlen) != 0)
        goto fail;
    classifier *initial = NULL;
    if (cfg->model_path[0]) {
        char reason[512];
        initial = classifier_load(cfg->model_path, reason, sizeof(reason));
        if (!initial) {
            snprintf(err, errlen, "model %s: %s", cfg->model_path, reason);
            goto fail;
        }
        log_info("model loaded path=%s version=%s labels=%zu", cfg->model_path,
                 classifier_version(initial), classifier_n_labels(initial));
    }
    if (model_holder_init(&p->models, initial) != 0) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    /* A model published in PostgreSQL (train --publish) takes over from model.path. */
    if (model_refresh(p, p->workers[0].pg) < 0)
        log_warn("published models could not be read: keeping %s",
                 initial ? "model.path" : "keyword rules only");
    struct model_ref *mref = model_acquire(&p->models);
    if (!mref->model)
        log_warn("no model (model.path empty, none published): categories come from keyword "
                 "rules only");
    model_release(&p->models, mref);
    struct route_context *ctx = NULL;
    if (context_load(p, p->workers[0].pg, &ctx, err, errlen) != 0)
        goto fail;
    if (ctx->n_value_quantiles == 0 &&
        store_history_refresh(p->workers[0].pg, STORE_HISTORY_QUANTILES) == 1) {
        /* Customers loaded after the migration: their value distribution, once, now. */
        route_context_free(ctx);
        ctx = NULL;
        if (context_load(p, p->workers[0].pg, &ctx, err, errlen) != 0)
            goto fail;
    }
    if (context_holder_init(&p->context, ctx) != 0) {
        route_context_free(ctx);
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    log_info("routing context loaded rules=%zu categories=%zu teams=%zu agents=%zu",
             ctx->policy.n_rules, ctx->policy.n_categories, ctx->policy.n_teams, ctx->n_agents);
    if (pthread_create(&p->refresher, NULL, context_refresher_main, p) != 0) {
        snprintf(err, errlen, "cannot start the context refresher");
        goto fail;
    }
    p->refresher_started = true;
    if (!(p->producer = kafka_producer_new(cfg, err, errlen)))
        goto fail;
    p->dlq_value_max = dead_letter_value_max(cfg, kafka_producer_message_max(p->producer));
    /* A worker stuck retrying (a dependency is down) must not fill its queue before consumption
     * pauses: a full queue blocks the poll thread, which then misses max.poll.interval.ms and
     * leaves the group. Jobs are a pointer each; what they hold is already in memory. */
    if (!(p->pool = worker_pool_new(cfg->workers, 4096, pipeline_job_run, p, err, errlen)))
        goto fail;
    if (cfg->agent_load_ms > 0) {
        if (pthread_create(&p->agent_refresher, NULL, agent_refresher_main, p) != 0) {
            snprintf(err, errlen, "cannot start the agent load refresher");
            goto fail;
        }
        p->agent_refresher_started = true;
    }
    if (p->mode == ROUTE_MODE_LIVE) {
        if (pthread_create(&p->sweeper, NULL, deadline_sweeper_main, p) != 0) {
            snprintf(err, errlen, "cannot start the deadline sweeper");
            goto fail;
        }
        p->sweeper_started = true;
    }
    const char *topics[] = {cfg->topic_tickets, cfg->topic_events};
    if (!(p->consumer = kafka_consumer_new(cfg, topics, 2, on_revoke, p, err, errlen)))
        goto fail;
    return p;
fail:
    pipeline_free(p);
    return NULL;
}

static uint64_t partition_key(const struct kafka_msg *msg)
{
    return tr_fnv1a(msg->topic, TR_FNV1A_SEED) ^ (uint64_t)(uint32_t)msg->partition;
}

/* Groups one poll round by partition, in order, and hands each group to its worker. */
static int batch_submit(pipeline *p, struct kafka_msg **msgs, size_t n)
{
    bool *taken = calloc(n, sizeof(*taken));
    if (!taken)
        return TR_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (taken[i])
            continue;
        size_t count = 0;
        for (size_t j = i; j < n; j++)
            if (!taken[j] && msgs[j]->partition == msgs[i]->partition &&
                strcmp(msgs[j]->topic, msgs[i]->topic) == 0)
                count++;
        struct job *job = malloc(sizeof(*job) + count * sizeof(job->msgs[0]));
        if (!job) {
            rc = TR_ENOMEM;
            break;
        }
        job->n = 0;
        for (size_t j = i; j < n; j++) {
            if (!taken[j] && msgs[j]->partition == msgs[i]->partition &&
                strcmp(msgs[j]->topic, msgs[i]->topic) == 0) {
                taken[j] = true;
                job->msgs[job->n++] = msgs[j];
            }
        }
        if (worker_pool_submit(p->pool, partition_key(job->msgs[0]), job) != 0) {
            /* Stopping: not processed, offsets not stored; read again after restart. */
            job_free(job);
        }
    }
    /* On failure, messages not yet in a job are freed here; they are read again later. */
    for (size_t i = 0; rc != 0 && i < n; i++)
        if (!taken[i])
            kafka_msg_free(msgs[i]);
    free(taken);
    return rc;
}

int pipeline_run(pipeline *p, volatile sig_atomic_t *stop)
{
    p->stop_flag = stop;
    size_t cap = p->cfg->batch_max;
    struct kafka_msg **batch = calloc(cap, sizeof(*batch));
    if (!batch)
        return 1;
    int status = 0;
    char err[512];
    log_info("routing mode=%s workers=%u topics=%s,%s", p->cfg->mode, p->cfg->workers,
             p->cfg->topic_tickets, p->cfg->topic_events);
    bool paused = false;
    while (!*stop) {
        atomic_store(&p->poll_beat_us, tr_mono_us());
        /* While a dependency is down, fetch nothing new: the failing batch retries with backoff
         * and proves the recovery. Polling goes on (rebalances, heartbeats). */
        bool ok = atomic_load(&p->deps_ok);
        if (!ok && !paused) {
            kafka_consumer_pause(p->consumer, true);
            paused = true;
            log_warn("consumption paused: a dependency is failing");
        } else if (ok && paused) {
            kafka_consumer_pause(p->consumer, false);
            paused = false;
            log_info("consumption resumed");
        }
        size_t n = 0;
        int rc = kafka_consumer_poll(p->consumer, 100, &batch[0], err, sizeof(err));
        if (rc == 1) {
            n = 1;
            /* Whatever else is already here, without waiting: one batch per poll round. */
            while (n < cap &&
                   (rc = kafka_consumer_poll(p->consumer, 0, &batch[n], err, sizeof(err))) == 1)
                n++;
        }
        for (size_t i = 0; i < n; i++)
            if (strcmp(batch[i]->topic, p->cfg->topic_tickets) == 0)
                atomic_fetch_add_explicit(&p->stats.tickets_in, 1, memory_order_relaxed);
        if (n > 0 && batch_submit(p, batch, n) != 0)
            log_error("out of memory submitting a batch of %zu messages", n);
        if (rc < 0) {
            log_error("%s", err);
            status = 1;
            break;
        }
    }
    free(batch);
    log_info("stopping: finishing in-flight tickets pending=%zu", worker_pool_pending(p->pool));
    worker_pool_drain(p->pool);
    return status;
}

void pipeline_free(pipeline *p)
{
    if (!p)
        return;
    atomic_store(&p->stopping, true);
    /* Jobs first (they store offsets), then the consumer commits them and leaves. */
    worker_pool_free(p->pool);
    p->pool = NULL;
    kafka_consumer_free(p->consumer);
    kafka_producer_free(p->producer, (int)p->cfg->shutdown_timeout_ms);
    if (p->refresher_started)
        pthread_join(p->refresher, NULL);
    if (p->sweeper_started)
        pthread_join(p->sweeper, NULL);
    if (p->agent_refresher_started)
        pthread_join(p->agent_refresher, NULL);
    if (p->context.current)
        context_holder_destroy(&p->context);
    for (unsigned i = 0; p->workers && i < p->n_workers; i++)
        worker_state_clear(&p->workers[i]);
    worker_state_clear(&p->sweeper_state);
    worker_state_clear(&p->agents_state);
    worker_state_clear(&p->probe);
    text_langid_free(p->langid); /* after the analyzers that borrow it */
    signals_free(p->signals);
    free(p->workers);
    free(p->worker_beat_us);
    model_holder_destroy(&p->models);
    customer_cache_destroy(&p->customers);
    agent_snapshot_destroy(&p->agents);
    pipeline_metrics_free(&p->metrics);
    if (p->probe_lock_ready)
        pthread_mutex_destroy(&p->probe_lock);
    if (p->revoke_lock_ready)
        pthread_mutex_destroy(&p->revoke_lock);
    free(p->revoked);
    free(p->revoked_names);
    free(p);
}
