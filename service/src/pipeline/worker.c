#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

#define DELIVERY_TIMEOUT_MS 60000

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
int pipeline_dead_letter(pipeline *p, const struct kafka_msg *msg, int code, const char *reason,
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
    /* The key is the ticket id by contract (it may be anything on a bad message). */
    int key_len = msg->key && msg->key_len < TR_ID_MAX ? (int)msg->key_len : 0;
    log_warn("dead letter ticket=%.*s topic=%s partition=%d offset=%" PRId64 " err=%s reason=%s",
             key_len, msg->key ? (const char *)msg->key : "", msg->topic, msg->partition,
             msg->offset, tr_strerror(code), reason);
    atomic_fetch_add_explicit(&p->stats.dead_letters, 1, memory_order_relaxed);
    metrics_add(p->metrics.dead_letters, (const char *[]){msg->topic, tr_strerror(code)}, 1);
    return kafka_produce(p->producer, p->cfg->topic_dlq, msg->key, msg->key_len, msg->payload,
                         msg->len, headers, sizeof(headers) / sizeof(headers[0]), d, err,
                         sizeof(err));
}

const char *pipeline_decision_topic(const pipeline *p)
{
    return p->mode == ROUTE_MODE_SHADOW ? p->cfg->topic_shadow : p->cfg->topic_decisions;
}

/* Counters and the log line of a new decision. */
static void decision_counted(pipeline *p, const struct route_decision *d)
{
    atomic_fetch_add_explicit(&p->stats.decisions, 1, memory_order_relaxed);
    const char *mode = route_mode_name(d->mode);
    metrics_add(p->metrics.decisions,
                (const char *[]){mode, d->category, d->team, tier_name(d->customer_tier),
                                 priority_name(d->priority)},
                1);
    if (d->fallback) {
        atomic_fetch_add_explicit(&p->stats.fallbacks, 1, memory_order_relaxed);
        metrics_add(p->metrics.fallbacks, (const char *[]){mode, d->team}, 1);
    }
    if (d->agent_id[0] && d->mode == ROUTE_MODE_LIVE)
        atomic_fetch_add_explicit(&p->stats.assigned, 1, memory_order_relaxed);
}

void shadow_counted(pipeline *p, const struct shadow_comparison *cmp)
{
    if (!cmp->compared)
        return;
    const char *result = cmp->team_agrees < 0 ? "unknown" : cmp->team_agrees ? "agree" : "disagree";
    metrics_add(p->metrics.shadow, (const char *[]){cmp->category, result}, 1);
}

/* The text the model reads (and feedback examples keep): subject, a line break, body. */
static size_t ticket_text(const struct ticket *t, char *text, size_t cap)
{
    int n = snprintf(text, cap, "%s\n%s", t->subject, t->body);
    return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

static void classify_ticket(const classifier *model, struct worker_state *ws, const char *text,
                            size_t len, struct classification *out)
{
    memset(out, 0, sizeof(*out));
    struct classify_result res;
    tr_strlcpy(out->model_version, classifier_version(model), sizeof(out->model_version));
    if (classifier_predict(model, ws->scratch, text, len, TR_TOP_CLASSES, &res) != 0 ||
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

struct replay_ctx {
    pipeline *p;
    const char *ticket_id;
    struct outbox *ob;
    int rc;
};

static void replay_escalation(void *arg, const char *escalation_id, const void *payload, size_t len)
{
    (void)escalation_id;
    struct replay_ctx *r = arg;
    void *copy = malloc(len ? len : 1);
    if (!copy) {
        r->rc = TR_ENOMEM;
        return;
    }
    memcpy(copy, payload, len);
    if (outbox_add(r->ob, r->p->cfg->topic_escalations, r->ticket_id, copy, len) != 0)
        r->rc = TR_ENOMEM;
}

/* An outage report: one incident per product area across every replica (Redis), one
 * escalation from the ticket that opened it, the others attached to it. */
static int outage_check(pipeline *p, struct worker_state *ws, const struct route_context *ctx,
                        const struct ticket *t, struct route_output *o, int64_t now_ms)
{
    struct load_outage outage;
    if (load_outage_report(ws->redis, o->outage_area, t->customer_id, t->ticket_id, now_ms,
                           ctx->outage_window_s, ctx->outage_customers, &outage) != 0)
        return TR_EIO;
    struct route_decision *d = &o->decision;
    if (!outage.incident_id[0]) {
        reason_list_addf(&d->reasons, "outage watch %s: %d of %d customers within %d s",
                         o->outage_area, outage.customers, ctx->outage_customers,
                         ctx->outage_window_s);
        return 0;
    }
    reason_list_addf(&d->reasons, "outage incident %s: %d customers report %s down%s",
                     outage.incident_id, outage.customers, o->outage_area,
                     outage.opened ? " (opened by this ticket)" : "");
    if (!outage.opened || o->n_escalations == ROUTE_MAX_ESCALATIONS)
        return 0;
    struct escalation *e = &o->escalations[o->n_escalations++];
    memset(e, 0, sizeof(*e));
    snprintf(e->escalation_id, sizeof(e->escalation_id), "esc-%.120s", outage.incident_id);
    tr_strlcpy(e->ticket_id, t->ticket_id, sizeof(e->ticket_id));
    tr_strlcpy(e->customer_id, t->customer_id, sizeof(e->customer_id));
    tr_strlcpy(e->incident_id, outage.incident_id, sizeof(e->incident_id));
    e->kind = ESCALATION_OUTAGE;
    e->severity = SEVERITY_CRITICAL;
    tr_strlcpy(e->team, d->team, sizeof(e->team));
    const struct team_info *team = policy_team_find(&ctx->policy, d->team);
    tr_strlcpy(e->notify[e->n_notify++],
               team && team->oncall_target[0] ? team->oncall_target : p->cfg->outage_notify,
               TR_NAME_MAX);
    snprintf(e->summary, sizeof(e->summary),
             "OUTAGE: %d customers report %s down within %d s; first: \"%.100s\"", outage.customers,
             o->outage_area, ctx->outage_window_s, t->subject);
    reason_list_addf(&e->reasons, "product area %s", o->outage_area);
    reason_list_addf(&e->reasons, "later reports attach to incident %s", outage.incident_id);
    e->created_at_ms = now_ms;
    atomic_fetch_add_explicit(&p->stats.incidents, 1, memory_order_relaxed);
    return store_incident_insert(ws->pg, outage.incident_id, o->outage_area, t->ticket_id,
                                 outage.customers);
}

/* Encode, store and queue each escalation. */
static int escalations_keep(pipeline *p, struct worker_state *ws, const struct route_output *o,
                            struct outbox *ob)
{
    for (size_t i = 0; i < o->n_escalations; i++) {
        const struct escalation *e = &o->escalations[i];
        void *payload = NULL;
        size_t len = 0;
        if (codec_escalation_encode(ws->codec, e, &payload, &len) != 0)
            return TR_ENOMEM;
        int rc = store_escalation_insert(ws->pg, e, payload, len);
        if (rc != 0 && rc != TR_ECONFLICT) {
            free(payload);
            return rc;
        }
        atomic_fetch_add_explicit(&p->stats.escalations, 1, memory_order_relaxed);
        metrics_add(p->metrics.escalations,
                    (const char *[]){escalation_kind_name(e->kind), severity_name(e->severity)}, 1);
        log_info("escalation ticket=%s kind=%s severity=%s id=%s", e->ticket_id,
                 escalation_kind_name(e->kind), severity_name(e->severity), e->escalation_id);
        if (outbox_add(ob, p->cfg->topic_escalations, e->ticket_id, payload, len) != 0)
            return TR_ENOMEM;
    }
    return 0;
}

/* One ticket, inside the batch's transaction. Returns 0 with what to publish added to ob (or
 * with a dead letter produced with d), TR_EIO when a dependency failed (retry the batch). */
static int ticket_handle(pipeline *p, struct worker_state *ws, const struct kafka_msg *msg,
                         struct kafka_delivery *d, struct outbox *ob)
{
    int64_t start_us = tr_mono_us();
    char err[512];
    struct ticket ticket = {0};
    void *payload = NULL;
    size_t len = 0;
    struct context_ref *ref = NULL;
    struct model_ref *mref = NULL;
    struct route_output *o = NULL;
    int rc = codec_ticket_decode(ws->codec, msg->payload, msg->len, &ticket, err, sizeof(err));
    if (rc != 0) {
        rc = pipeline_dead_letter(p, msg, rc, err, d);
        goto out;
    }

    /* Step 2, idempotency: a ticket decided before gets its stored decision (and escalations)
     * again. */
    rc = store_decision_get(ws->pg, ticket.ticket_id, &payload, &len);
    if (rc == 0) {
        atomic_fetch_add_explicit(&p->stats.replays, 1, memory_order_relaxed);
        log_info("ticket already decided, republishing ticket=%s", ticket.ticket_id);
        rc = outbox_add(ob, pipeline_decision_topic(p), ticket.ticket_id, payload, len);
        payload = NULL;
        struct replay_ctx r = {.p = p, .ticket_id = ticket.ticket_id, .ob = ob};
        if (rc == 0)
            rc = store_escalations_each(ws->pg, ticket.ticket_id, replay_escalation, &r);
        if (rc == 0)
            rc = r.rc;
        goto out;
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
    char *text = ws->text;
    size_t text_len = ticket_text(&ticket, text, sizeof(ws->text));
    mref = model_acquire(&p->models);
    if (mref->model) {
        classify_ticket(mref->model, ws, text, text_len, &cls);
        metrics_observe(p->metrics.confidence, NULL, cls.confidence);
    }

    ref = context_acquire(&p->context);
    struct route_input in = {
        .ticket = &ticket,
        .customer = known ? &customer : NULL,
        .policy = &ref->ctx->policy,
        .classification = mref->model ? &cls : NULL,
        .weights = &ref->ctx->urgency,
        .now_unix_ms = now_ms,
    };
    o = malloc(sizeof(*o));
    if (!o) {
        rc = TR_ENOMEM;
        goto out;
    }
    rc = route_decide_full(&in, o);
    if (rc != 0) {
        rc = pipeline_dead_letter(p, msg, rc, "routing refused the ticket", d);
        goto out;
    }
    struct route_decision *decision = &o->decision;
    decision->mode = p->mode;
    if (o->outage_area[0] && (rc = outage_check(p, ws, ref->ctx, &ticket, o, now_ms)) != 0)
        goto out;
    rc = o->held ? 0
                 : agent_assign(p, ws, ref->ctx, decision, o->required_skill, o->senior_only, "");
    tr_strlcpy(decision->required_skill, o->required_skill, sizeof(decision->required_skill));
    decision->senior_only = o->senior_only;
    if (rc != 0)
        goto out;
    decision->latency_us = tr_mono_us() - start_us;

    rc = codec_decision_encode(ws->codec, decision, &payload, &len);
    if (rc != 0) {
        rc = pipeline_dead_letter(p, msg, rc, "decision could not be encoded", d);
        goto out;
    }
    rc = store_decision_insert(ws->pg, decision, ticket.created_at_ms, payload, len,
                               p->cfg->feedback_text_retention_days > 0 ? text : NULL);
    if (rc == TR_ECONFLICT) {
        /* Decided meanwhile (another replica during a rebalance): publish the stored one. */
        free(payload);
        payload = NULL;
        rc = store_decision_get(ws->pg, ticket.ticket_id, &payload, &len);
        if (rc == 0)
            rc = outbox_add(ob, pipeline_decision_topic(p), ticket.ticket_id, payload, len);
        payload = NULL;
        atomic_fetch_add_explicit(&p->stats.replays, 1, memory_order_relaxed);
        goto out;
    }
    if (rc != 0)
        goto out;
    if (p->mode == ROUTE_MODE_SHADOW) {
        /* The manual assignment may have come first. */
        struct shadow_comparison cmp;
        if ((rc = store_shadow_compare(ws->pg, ticket.ticket_id, &cmp)) != 0)
            goto out;
        shadow_counted(p, &cmp);
    }
    decision_counted(p, decision);
    log_info("decided ticket=%s team=%s queue=%s agent=%s priority=%s category=%s "
             "confidence=%.2f fallback=%d escalations=%zu latency_us=%" PRId64,
             decision->ticket_id, decision->team, decision->queue,
             decision->agent_id[0] ? decision->agent_id : "-", priority_name(decision->priority),
             decision->category, decision->confidence, decision->fallback, o->n_escalations,
             decision->latency_us);
    /* The decision first, then its escalations. */
    rc = outbox_add(ob, pipeline_decision_topic(p), ticket.ticket_id, payload, len);
    payload = NULL;
    if (rc == 0) {
        ob->items[ob->n - 1].created_at_ms = ticket.created_at_ms > 0 ? ticket.created_at_ms : 1;
        ob->items[ob->n - 1].start_us = start_us;
        rc = escalations_keep(p, ws, o, ob);
    }
out:
    if (ref)
        context_release(&p->context, ref);
    if (mref)
        model_release(&p->models, mref);
    free(o);
    free(payload);
    ticket_clear(&ticket);
    if (rc != 0 && rc != TR_ENOMEM)
        log_debug("ticket retry ticket=%s topic=%s partition=%d offset=%" PRId64 " err=%s",
                  ticket.ticket_id[0] ? ticket.ticket_id : "-", msg->topic, msg->partition,
                  msg->offset, tr_strerror(rc));
    return rc == 0 ? 0 : TR_EIO;
}

/* Tickets of one batch: decided inside one transaction, committed, then published, so that a
 * decision is durable before anyone sees it and the batch costs one commit. Returns 0 when every
 * outcome was produced with d, TR_EIO to retry the batch (everything in it is idempotent). */
static int tickets_run(pipeline *p, struct worker_state *ws, struct job *job, size_t from,
                       size_t to, struct kafka_delivery *d)
{
    struct outbox ob = {0};
    int rc = store_begin(ws->pg);
    for (size_t i = from; rc == 0 && i < to; i++)
        rc = ticket_handle(p, ws, job->msgs[i], d, &ob);
    if (rc == 0)
        rc = store_commit(ws->pg);
    else
        store_rollback(ws->pg);
    if (rc == 0)
        rc = outbox_publish(p, &ob, d);
    outbox_clear(&ob);
    free(ob.items);
    return rc == 0 ? 0 : TR_EIO;
}

/* Runs a batch from one partition: every message gets its outcome produced, the broker
 * acknowledges them all, and only then is the offset after the last one stored. A dependency
 * failure retries the batch from the first message not yet done, with backoff. */
/* Both stores answer: a failure that repeats now is the message's, not theirs. */
static bool dependencies_healthy(struct worker_state *ws)
{
    return store_ping(ws->pg) == 0 && load_ping(ws->redis) == 0;
}

/* Runs a batch from one partition: every message gets its outcome produced, the broker
 * acknowledges them all, and only then is the offset after the last one stored. A failure
 * retries from the first message not yet done, with backoff. When failures repeat while
 * PostgreSQL and Redis answer, the batch goes one message at a time, and a message that still
 * fails MAX_ATTEMPTS times goes to the dead-letter topic (a poison message must not stop the
 * partition). */
#define SINGLE_AFTER 3
#define MAX_ATTEMPTS 6
void pipeline_job_run(void *ctx, unsigned worker, void *arg)
{
    pipeline *p = ctx;
    struct job *job = arg;
    struct worker_state *ws = &p->workers[worker];
    bool is_tickets = strcmp(job->msgs[0]->topic, p->cfg->topic_tickets) == 0;
    int64_t backoff_ms = 50;
    size_t done = 0;
    int attempts = 0; /* failures of the message at `done`, in a row, while the stores answer */
    for (size_t i = 0; i < ws->n_abandoned || ws->abandon_all; i++) {
        if (ws->abandon_all || (ws->abandoned[i].partition == job->msgs[0]->partition &&
                                strcmp(ws->abandoned[i].topic, job->msgs[0]->topic) == 0)) {
            /* An earlier batch of this partition was given up: storing this one's offset would
             * skip that one. Both are read again after the restart. */
            job_free(job);
            return;
        }
    }
    while (done < job->n) {
        struct kafka_delivery d;
        kafka_delivery_init(&d);
        size_t i = done;
        int rc = redis_ensure_whole(p, ws);
        if (rc == 0 && attempts >= MAX_ATTEMPTS && dependencies_healthy(ws)) {
            char reason[160];
            snprintf(reason, sizeof(reason), "failed %d times while PostgreSQL and Redis answer",
                     attempts);
            rc = pipeline_dead_letter(p, job->msgs[done], TR_EIO, reason, &d);
            i = rc == 0 ? done + 1 : done;
        } else if (rc == 0 && is_tickets) {
            size_t to = attempts >= SINGLE_AFTER ? done + 1 : job->n;
            rc = tickets_run(p, ws, job, done, to, &d);
            i = rc == 0 ? to : done;
        } else if (rc == 0) {
            for (; i < job->n && rc == 0; i++) {
                rc = pipeline_event_handle(p, ws, job->msgs[i], &d);
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
            attempts = 0;
        }
        if (rc == 0 && drc == 0) {
            atomic_store(&p->deps_ok, true);
            backoff_ms = 50;
            continue;
        }
        /* Something failed: nothing after `done` is lost; it is tried again. Only failures
         * while both stores answer count towards giving the message up. */
        ws->redis_checked_us = 0; /* Redis may have lost its data: check before the retry */
        bool pg_ok = store_ping(ws->pg) == 0, redis_ok = load_ping(ws->redis) == 0;
        if (pg_ok && redis_ok)
            attempts++;
        else
            attempts = 0;
        atomic_fetch_add_explicit(&p->stats.dependency_errors, 1, memory_order_relaxed);
        metrics_add(p->metrics.dependency_errors,
                    (const char *[]){!pg_ok      ? "postgres"
                                     : !redis_ok ? "redis"
                                                 : "kafka"},
                    1);
        atomic_store(&p->deps_ok, false);
        log_warn("batch failed, retrying topic=%s partition=%d offset=%" PRId64
                 " attempt=%d backoff_ms=%" PRId64,
                 job->msgs[done]->topic, job->msgs[done]->partition, job->msgs[done]->offset,
                 attempts, backoff_ms);
        if (stopping(p)) {
            /* Not stored: read again after the restart, and so are the later batches of this
             * partition. */
            if (ws->n_abandoned < ABANDONED_MAX) {
                tr_strlcpy(ws->abandoned[ws->n_abandoned].topic, job->msgs[done]->topic,
                           sizeof(ws->abandoned[0].topic));
                ws->abandoned[ws->n_abandoned].partition = job->msgs[done]->partition;
                ws->n_abandoned++;
            } else {
                ws->abandon_all = true;
            }
            break;
        }
        tr_sleep_ms(backoff_ms);
        backoff_ms = backoff_ms * 2 > p->cfg->retry_backoff_max_ms
                         ? (int64_t)p->cfg->retry_backoff_max_ms
                         : backoff_ms * 2;
    }
    job_free(job);
}
