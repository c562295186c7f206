#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

#define DELIVERY_TIMEOUT_MS 60000
#define MAX_RANKED 32

void job_free(struct job *job)
{
    if (!job)
        return;
    for (size_t i = 0; i < job->n; i++)
        kafka_msg_free(job->msgs[i]);
    free(job);
}

static bool stopping(const pipeline *p)
{
    return atomic_load(&((pipeline *)p)->stopping) || (p->stop_flag && *p->stop_flag);
}

/* Bad input: to the dead-letter topic with the reason and where it came from. Never lost. */
static int dead_letter(pipeline *p, const struct kafka_msg *msg, int code, const char *reason,
                       struct kafka_delivery *d)
{
    char partition[16], offset[24];
    snprintf(partition, sizeof(partition), "%d", msg->partition);
    snprintf(offset, sizeof(offset), "%" PRId64, msg->offset);
    const struct kafka_header headers[] = {
        {"x-dlq-reason", reason},           {"x-dlq-error", tr_strerror(code)},
        {"x-dlq-source-topic", msg->topic}, {"x-dlq-source-partition", partition},
        {"x-dlq-source-offset", offset},
    };
    char err[256];
    log_warn("dead letter topic=%s partition=%d offset=%" PRId64 " err=%s reason=%s", msg->topic,
             msg->partition, msg->offset, tr_strerror(code), reason);
    atomic_fetch_add_explicit(&p->stats.dead_letters, 1, memory_order_relaxed);
    return kafka_produce(p->producer, p->cfg->topic_dlq, msg->key, msg->key_len, msg->payload,
                         msg->len, headers, sizeof(headers) / sizeof(headers[0]), d, err,
                         sizeof(err));
}

static const char *decision_topic(const pipeline *p)
{
    return p->mode == ROUTE_MODE_SHADOW ? p->cfg->topic_shadow : p->cfg->topic_decisions;
}

static void classify_ticket(const pipeline *p, struct worker_state *ws, const struct ticket *t,
                            struct classification *out)
{
    memset(out, 0, sizeof(*out));
    char text[TR_TEXT_MAX + 2];
    int n = snprintf(text, sizeof(text), "%s\n%s", t->subject, t->body);
    size_t len = n < 0 ? 0 : (size_t)n < sizeof(text) ? (size_t)n : sizeof(text) - 1;
    struct classify_result res;
    tr_strlcpy(out->model_version, classifier_version(p->model), sizeof(out->model_version));
    if (classifier_predict(p->model, ws->scratch, text, len, TR_TOP_CLASSES, &res) != 0 ||
        res.n == 0) {
        out->out_of_scope = true;
        return;
    }
    tr_strlcpy(out->category, res.top[0].label, sizeof(out->category));
    out->confidence = res.top[0].confidence;
    out->out_of_scope = res.out_of_scope;
    out->n_top = res.n < TR_TOP_CLASSES ? res.n : TR_TOP_CLASSES;
    for (size_t i = 0; i < out->n_top; i++) {
        tr_strlcpy(out->top[i].category, res.top[i].label, sizeof(out->top[i].category));
        out->top[i].confidence = res.top[i].confidence;
    }
}

/* Choose and claim the agent. Returns 0 (assigned or queued), TR_EIO when Redis failed. */
static int agent_assign(pipeline *p, struct worker_state *ws, const struct route_context *ctx,
                        struct route_decision *d, const char *skill)
{
    /* The team's agents, with their load from Redis in one call. */
    struct agent_candidate team[256];
    const char *ids[256];
    size_t n = 0;
    for (size_t i = 0; i < ctx->n_agents && n < 256; i++) {
        if (strcmp(ctx->agents[i].team, d->team) != 0)
            continue;
        team[n] = ctx->agents[i];
        ids[n] = ctx->agents[i].agent_id;
        n++;
    }
    if (n == 0) {
        reason_list_addf(&d->reasons, "no active agent in team %s: queue %s", d->team, d->queue);
        return 0;
    }
    int loads[256];
    if (load_get(ws->redis, ids, n, loads) != 0)
        return TR_EIO;
    for (size_t i = 0; i < n; i++)
        team[i].load = loads[i];
    size_t ranked[MAX_RANKED];
    size_t n_ranked = route_rank_agents(d, skill, team, n, ranked, MAX_RANKED);
    if (n_ranked == 0 && p->mode == ROUTE_MODE_LIVE) {
        /* A replay after a crash between claim and store: the claim holds the agent at
         * capacity, so ranking skips it; the ticket keeps the agent it already has. */
        char holder[TR_ID_MAX];
        int rc = load_claim_get(ws->redis, d->ticket_id, holder);
        if (rc == 0) {
            tr_strlcpy(d->agent_id, holder, sizeof(d->agent_id));
            reason_list_addf(&d->reasons, "already claimed by %s on an earlier attempt", holder);
            return 0;
        }
        if (rc != TR_ENOTFOUND)
            return TR_EIO;
    }
    if (n_ranked == 0) {
        reason_list_addf(&d->reasons, "all %zu agents of %s full or unqualified: queue %s", n,
                         d->team, d->queue);
        return 0;
    }
    if (p->mode == ROUTE_MODE_SHADOW) {
        const struct agent_candidate *a = &team[ranked[0]];
        tr_strlcpy(d->agent_id, a->agent_id, sizeof(d->agent_id));
        reason_list_addf(&d->reasons, "shadow: would assign %s (load %d/%d), nothing claimed",
                         a->agent_id, a->load, a->capacity);
        return 0;
    }
    for (size_t r = 0; r < n_ranked; r++) {
        const struct agent_candidate *a = &team[ranked[r]];
        char holder[TR_ID_MAX];
        int rc = load_claim(ws->redis, d->ticket_id, a->agent_id, a->capacity, holder);
        if (rc == TR_EFULL)
            continue; /* taken meanwhile by another replica: the next best */
        if (rc != 0)
            return rc;
        tr_strlcpy(d->agent_id, holder, sizeof(d->agent_id));
        if (strcmp(holder, a->agent_id) != 0)
            reason_list_addf(&d->reasons, "already claimed by %s on an earlier attempt", holder);
        else
            reason_list_addf(&d->reasons, "agent %s: lowest load %d/%d among %zu eligible%s",
                             a->agent_id, a->load, a->capacity, n_ranked,
                             r ? " (better ones filled up meanwhile)" : "");
        return 0;
    }
    reason_list_addf(&d->reasons, "eligible agents of %s filled up: queue %s", d->team, d->queue);
    return 0;
}

/* What a ticket publishes once the batch's decisions are committed. */
struct outcome {
    const char *key; /* the ticket id: points into ticket_ids */
    void *payload;   /* owned; NULL: nothing to publish (dead-lettered already) */
    size_t len;
};

/* One ticket, inside the batch's transaction. Returns 0 with the decision to publish in *out
 * (or with a dead letter produced with d), TR_EIO when a dependency failed (retry the batch). */
static int ticket_handle(pipeline *p, struct worker_state *ws, const struct kafka_msg *msg,
                         struct kafka_delivery *d, struct outcome *out, char *key_buf)
{
    int64_t start_us = tr_mono_us();
    char err[512];
    struct ticket ticket = {0};
    void *payload = NULL;
    size_t len = 0;
    struct context_ref *ref = NULL;
    int rc = codec_ticket_decode(ws->codec, msg->payload, msg->len, &ticket, err, sizeof(err));
    if (rc != 0) {
        rc = dead_letter(p, msg, rc, err, d);
        goto out;
    }
    if (msg->key_len && (msg->key_len != strlen(ticket.ticket_id) ||
                         memcmp(msg->key, ticket.ticket_id, msg->key_len) != 0))
        log_debug("ticket key differs from ticket_id ticket=%s", ticket.ticket_id);

    /* Step 2, idempotency: a ticket decided before gets its stored decision again. */
    rc = store_decision_get(ws->pg, ticket.ticket_id, &payload, &len);
    if (rc == 0) {
        atomic_fetch_add_explicit(&p->stats.replays, 1, memory_order_relaxed);
        log_info("ticket already decided, republishing ticket=%s", ticket.ticket_id);
        goto publish;
    }
    if (rc != TR_ENOTFOUND)
        goto out;

    int64_t now_ms = tr_now_unix_ms();
    struct customer customer;
    rc = customer_cache_get(&ws->customers, ws->pg, ticket.customer_id, now_ms, &customer);
    if (rc != 0 && rc != TR_ENOTFOUND)
        goto out;
    bool known = rc == 0;

    struct classification cls;
    if (p->model)
        classify_ticket(p, ws, &ticket, &cls);

    ref = context_acquire(&p->context);
    struct route_input in = {
        .ticket = &ticket,
        .customer = known ? &customer : NULL,
        .policy = &ref->ctx->policy,
        .classification = p->model ? &cls : NULL,
        .now_unix_ms = now_ms,
    };
    struct route_decision decision;
    char skill[TR_NAME_MAX];
    rc = route_decide(&in, &decision, skill);
    if (rc != 0) {
        rc = dead_letter(p, msg, rc, "routing refused the ticket", d);
        goto out;
    }
    decision.mode = p->mode;
    rc = agent_assign(p, ws, ref->ctx, &decision, skill);
    if (rc != 0)
        goto out;
    decision.latency_us = tr_mono_us() - start_us;

    rc = codec_decision_encode(ws->codec, &decision, &payload, &len);
    if (rc != 0) {
        rc = dead_letter(p, msg, rc, "decision could not be encoded", d);
        goto out;
    }
    rc = store_decision_insert(ws->pg, &decision, ticket.created_at_ms, payload, len);
    if (rc == TR_ECONFLICT) {
        /* Decided meanwhile (another replica during a rebalance): publish the stored one. */
        free(payload);
        payload = NULL;
        rc = store_decision_get(ws->pg, ticket.ticket_id, &payload, &len);
        if (rc != 0)
            goto out;
        atomic_fetch_add_explicit(&p->stats.replays, 1, memory_order_relaxed);
    } else if (rc != 0) {
        goto out;
    } else {
        atomic_fetch_add_explicit(&p->stats.decisions, 1, memory_order_relaxed);
        if (decision.fallback)
            atomic_fetch_add_explicit(&p->stats.fallbacks, 1, memory_order_relaxed);
        if (decision.agent_id[0])
            atomic_fetch_add_explicit(&p->stats.assigned, 1, memory_order_relaxed);
        log_info("decided ticket=%s team=%s queue=%s agent=%s priority=%s category=%s "
                 "confidence=%.2f fallback=%d latency_us=%" PRId64,
                 decision.ticket_id, decision.team, decision.queue,
                 decision.agent_id[0] ? decision.agent_id : "-", priority_name(decision.priority),
                 decision.category, decision.confidence, decision.fallback, decision.latency_us);
    }
publish:
    tr_strlcpy(key_buf, ticket.ticket_id, TR_ID_MAX);
    out->key = key_buf;
    out->payload = payload;
    out->len = len;
    payload = NULL; /* out owns it now */
    rc = 0;
out:
    if (ref)
        context_release(&p->context, ref);
    free(payload);
    ticket_clear(&ticket);
    if (rc != 0 && rc != TR_ENOMEM)
        log_debug("ticket retry topic=%s partition=%d offset=%" PRId64 " err=%s", msg->topic,
                  msg->partition, msg->offset, tr_strerror(rc));
    return rc == 0 ? 0 : TR_EIO;
}

/* A lifecycle event: recorded once; resolved and closed tickets free their agent. */
static int event_handle(pipeline *p, struct worker_state *ws, const struct kafka_msg *msg,
                        struct kafka_delivery *d)
{
    char err[512];
    struct ticket_event event;
    int rc = codec_ticket_event_decode(ws->codec, msg->payload, msg->len, &event, err, sizeof(err));
    if (rc != 0)
        return dead_letter(p, msg, rc, err, d);
    atomic_fetch_add_explicit(&p->stats.events_in, 1, memory_order_relaxed);
    rc = store_event_insert(ws->pg, &event);
    if (rc != 0 && rc != TR_ECONFLICT)
        return TR_EIO;
    if (event.type == TICKET_EVENT_RESOLVED || event.type == TICKET_EVENT_CLOSED) {
        char agent[TR_ID_MAX];
        rc = load_release(ws->redis, event.ticket_id, agent);
        if (rc == 0)
            log_info("load released ticket=%s agent=%s event=%s", event.ticket_id, agent,
                     ticket_event_type_name(event.type));
        else if (rc != TR_ENOTFOUND)
            return TR_EIO;
    }
    return 0;
}

/* Tickets of one batch: decided inside one transaction, committed, then published, so that a
 * decision is durable before anyone sees it and the batch costs one commit. Returns 0 when every
 * outcome was produced with d, TR_EIO to retry the batch (everything in it is idempotent). */
static int tickets_run(pipeline *p, struct worker_state *ws, struct job *job, size_t from,
                       struct kafka_delivery *d)
{
    size_t n = job->n - from;
    struct outcome *outcomes = calloc(n, sizeof(*outcomes));
    char(*keys)[TR_ID_MAX] = calloc(n, TR_ID_MAX);
    char err[512];
    int rc = outcomes && keys ? store_begin(ws->pg) : TR_ENOMEM;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = ticket_handle(p, ws, job->msgs[from + i], d, &outcomes[i], keys[i]);
    if (rc == 0)
        rc = store_commit(ws->pg);
    else if (outcomes && keys)
        store_rollback(ws->pg);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (outcomes[i].payload)
            rc = kafka_produce(p->producer, decision_topic(p), outcomes[i].key,
                               strlen(outcomes[i].key), outcomes[i].payload, outcomes[i].len, NULL,
                               0, d, err, sizeof(err));
    for (size_t i = 0; outcomes && i < n; i++)
        free(outcomes[i].payload);
    free(outcomes);
    free(keys);
    return rc == 0 ? 0 : TR_EIO;
}

/* Runs a batch from one partition: every message gets its outcome produced, the broker
 * acknowledges them all, and only then is the offset after the last one stored. A dependency
 * failure retries the batch from the first message not yet done, with backoff. */
void pipeline_job_run(void *ctx, unsigned worker, void *arg)
{
    pipeline *p = ctx;
    struct job *job = arg;
    struct worker_state *ws = &p->workers[worker];
    bool is_tickets = strcmp(job->msgs[0]->topic, p->cfg->topic_tickets) == 0;
    int64_t backoff_ms = 50;
    size_t done = 0;
    while (done < job->n) {
        struct kafka_delivery d;
        kafka_delivery_init(&d);
        size_t i = done;
        int rc = 0;
        if (is_tickets) {
            rc = tickets_run(p, ws, job, done, &d);
            i = rc == 0 ? job->n : done;
        } else {
            for (; i < job->n && rc == 0; i++) {
                rc = event_handle(p, ws, job->msgs[i], &d);
                if (rc != 0)
                    break;
            }
        }
        int drc = kafka_delivery_wait(&d, DELIVERY_TIMEOUT_MS);
        kafka_delivery_destroy(&d);
        if (drc == 0 && i > done) {
            const struct kafka_msg *last = job->msgs[i - 1];
            if (kafka_offset_store(p->consumer, last->topic, last->partition, last->offset + 1) !=
                0)
                log_debug("offset not stored (partition revoked) partition=%d", last->partition);
            done = i;
        }
        if (rc == 0 && drc == 0) {
            atomic_store(&p->deps_ok, true);
            continue;
        }
        /* A dependency failed: nothing after `done` is lost; it is tried again. */
        atomic_fetch_add_explicit(&p->stats.dependency_errors, 1, memory_order_relaxed);
        atomic_store(&p->deps_ok, false);
        log_warn("dependency failure, retrying topic=%s partition=%d offset=%" PRId64
                 " backoff_ms=%" PRId64,
                 job->msgs[done]->topic, job->msgs[done]->partition, job->msgs[done]->offset,
                 backoff_ms);
        if (stopping(p))
            break; /* not stored: read again after the restart */
        tr_sleep_ms(backoff_ms);
        backoff_ms = backoff_ms * 2 > p->cfg->retry_backoff_max_ms
                         ? (int64_t)p->cfg->retry_backoff_max_ms
                         : backoff_ms * 2;
    }
    job_free(job);
}
