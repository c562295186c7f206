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

const char *pipeline_decision_topic(const pipeline *p)
{
    return p->mode == ROUTE_MODE_SHADOW ? p->cfg->topic_shadow : p->cfg->topic_decisions;
}

/* Counters and the log line of a new decision, once stored. */
void decision_counted(pipeline *p, const struct route_decision *d, size_t n_escalations)
{
    log_info("decided ticket=%s team=%s queue=%s agent=%s priority=%s category=%s "
             "confidence=%.2f fallback=%d escalations=%zu latency_us=%" PRId64,
             d->ticket_id, d->team, d->queue, d->agent_id[0] ? d->agent_id : "-",
             priority_name(d->priority), d->category, d->confidence, d->fallback, n_escalations,
             d->latency_us);
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

/* An outage report: one incident per product area across every replica (Redis), one
 * escalation from the ticket that opened it, the others attached to it. */
static int outage_check(pipeline *p, struct worker_state *ws, const struct route_context *ctx,
                        const struct ticket *t, struct route_output *o, int64_t now_ms)
{
    struct load_outage outage;
    if (load_outage_report(ws->redis, o->outage_area, t->customer_id, t->ticket_id, now_ms,
                           ctx->outage_window_s, ctx->outage_customers, &outage) != 0) {
        worker_fail(ws, "outage_report", "redis: %s", load_last_error(ws->redis));
        return TR_EIO;
    }
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
    if (store_incident_insert(ws->pg, outage.incident_id, o->outage_area, t->ticket_id,
                              outage.customers) != 0) {
        worker_fail(ws, "persist_incident", "postgres: %s", store_last_error(ws->pg));
        return TR_EIO;
    }
    return 0;
}

/* Encode and queue each escalation; batch.c stores them with the decisions. */
static int escalations_queue(pipeline *p, struct worker_state *ws, const struct route_output *o,
                             struct outbox *ob)
{
    for (size_t i = 0; i < o->n_escalations; i++) {
        const struct escalation *e = &o->escalations[i];
        void *payload = NULL;
        size_t len = 0;
        if (codec_escalation_encode(ws->codec, e, &payload, &len) != 0)
            return TR_ENOMEM;
        if (outbox_add(ob, p->cfg->topic_escalations, e->ticket_id, payload, len) != 0)
            return TR_ENOMEM;
        if (pending_escalation_add(ws, e, ob->n - 1) != 0)
            return TR_ENOMEM;
    }
    return 0;
}

/* One decoded ticket of a batch, not decided before, inside the batch's transaction. Returns 0
 * with what to publish added to ob (or with a dead letter produced with d), TR_EIO when a
 * dependency failed (retry the batch). */
int ticket_route(pipeline *p, struct worker_state *ws, struct batch_item *it,
                 struct kafka_delivery *d, struct outbox *ob)
{
    int64_t start_us = it->start_us;
    const struct kafka_msg *msg = it->msg;
    struct ticket ticket = it->ticket; /* borrowed: the item keeps and frees it */
    void *payload = NULL;
    size_t len = 0;
    struct context_ref *ref = NULL;
    struct model_ref *mref = NULL;
    struct route_output *o = NULL;
    int rc = 0;
    int64_t now_ms = it->now_ms;
    struct customer customer = it->customer;
    bool known = it->known;

    struct classification cls;
    char *text = ws->text;
    size_t text_len = ticket_text(&ticket, text, sizeof(ws->text));
    mref = model_acquire(&p->models);
    if (mref->model) {
        classify_ticket(mref->model, ws, text, text_len, &cls);
        metrics_observe(p->metrics.confidence, NULL, cls.confidence);
    }

    ref = ws->batch_ctx ? ws->batch_ctx : context_acquire(&p->context);
    if (known)
        customer.value_percentile =
            route_value_percentile(ref->ctx->value_quantiles, ref->ctx->n_value_quantiles,
                                   ref->ctx->value_customers, customer.contract_value);
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
        rc = pipeline_dead_letter(p, ws, msg, rc, "routing refused the ticket", d);
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
    if (rc != 0) {
        worker_fail(ws, "claim", "redis: %s", load_last_error(ws->redis));
        goto out;
    }
    decision->latency_us = tr_mono_us() - start_us;

    rc = codec_decision_encode(ws->codec, decision, &payload, &len);
    if (rc != 0) {
        rc = pipeline_dead_letter(p, ws, msg, rc, "decision could not be encoded", d);
        goto out;
    }
    /* Stored with the rest of the batch in one round trip (batch.c), then counted and logged;
     * the decision goes out first, then its escalations. */
    rc = outbox_add(ob, pipeline_decision_topic(p), ticket.ticket_id, payload, len);
    payload = NULL;
    if (rc == 0) {
        ob->items[ob->n - 1].created_at_ms = ticket.created_at_ms > 0 ? ticket.created_at_ms : 1;
        ob->items[ob->n - 1].start_us = start_us;
        rc =
            pending_decision_add(ws, decision, ticket.created_at_ms,
                                 p->cfg->feedback_text_retention_days > 0 ? text : NULL, ob->n - 1);
    }
    if (rc == 0)
        rc = escalations_queue(p, ws, o, ob);
out:
    if (ref && ref != ws->batch_ctx)
        context_release(&p->context, ref);
    if (mref)
        model_release(&p->models, mref);
    free(o);
    free(payload);
    if (rc != 0 && rc != TR_ENOMEM)
        log_debug("ticket retry ticket=%s topic=%s partition=%d offset=%" PRId64 " err=%s",
                  ticket.ticket_id[0] ? ticket.ticket_id : "-", msg->topic, msg->partition,
                  msg->offset, tr_strerror(rc));
    return rc == 0 ? 0 : TR_EIO;
}

#define SINGLE_AFTER 3
#define MAX_ATTEMPTS 6

/* Both stores answer: a failure that repeats now is the message's, not theirs. */
static bool dependencies_healthy(struct worker_state *ws)
{
    return store_ping(ws->pg) == 0 && load_ping(ws->redis) == 0;
}

/* Which dependency a failed step names ("postgres: ...", "redis: ...", else kafka). */
static const char *failed_dependency(const struct worker_state *ws)
{
    if (strncmp(ws->fail_err, "postgres", 8) == 0)
        return "postgres";
    if (strncmp(ws->fail_err, "redis", 5) == 0)
        return "redis";
    return "kafka";
}

/* What failed was writing to the dead-letter topic: the message cannot be given up there. */
static bool dead_letter_failed(const pipeline *p, const struct worker_state *ws)
{
    if (strcmp(ws->fail_step, "dead_letter") == 0)
        return true;
    char prefix[TR_NAME_MAX * 2 + 32];
    snprintf(prefix, sizeof(prefix), "kafka: delivery to %s:", p->cfg->topic_dlq);
    return strncmp(ws->fail_err, prefix, strlen(prefix)) == 0;
}

/* Partitions whose batch was given up (stopping or revoked): their later batches must not store
 * offsets past it. Returns true when job belongs to one. */
static bool job_abandoned(const struct worker_state *ws, const struct job *job)
{
    for (size_t i = 0; i < ws->n_abandoned; i++)
        if (ws->abandoned[i].partition == job->msgs[0]->partition &&
            strcmp(ws->abandoned[i].topic, job->msgs[0]->topic) == 0)
            return true;
    return ws->abandon_all;
}

static void job_abandon(struct worker_state *ws, const struct kafka_msg *msg)
{
    if (ws->n_abandoned < ABANDONED_MAX) {
        tr_strlcpy(ws->abandoned[ws->n_abandoned].topic, msg->topic,
                   sizeof(ws->abandoned[0].topic));
        ws->abandoned[ws->n_abandoned].partition = msg->partition;
        ws->n_abandoned++;
    } else {
        ws->abandon_all = true;
    }
}

/* One attempt at the messages from `done`: returns the index after the last one handled and
 * sets *rc. */
static size_t job_attempt(pipeline *p, struct worker_state *ws, struct job *job, size_t done,
                          int attempts, struct kafka_delivery *d, int *rc)
{
    bool is_tickets = strcmp(job->msgs[0]->topic, p->cfg->topic_tickets) == 0;
    size_t i = done;
    /* The last attempt's failure names the reason if the message is given up now. */
    char reason[640];
    snprintf(reason, sizeof(reason), "failed %d times at step %s (%s)", attempts, ws->fail_step,
             ws->fail_err);
    worker_fail_clear(ws);
    *rc = redis_ensure_whole(p, ws);
    if (*rc != 0) {
        if (!ws->fail_step[0])
            worker_fail(ws, "redis_check", "redis: %s", load_last_error(ws->redis));
    } else if (attempts >= MAX_ATTEMPTS && dependencies_healthy(ws)) {
        *rc = pipeline_dead_letter(p, ws, job->msgs[done], TR_EIO, reason, d);
        i = *rc == 0 ? done + 1 : done;
    } else if (is_tickets) {
        size_t to = attempts >= SINGLE_AFTER ? done + 1 : job->n;
        *rc = tickets_run(p, ws, job, done, to, d);
        i = *rc == 0 ? to : done;
    } else {
        for (; i < job->n && *rc == 0; i++) {
            *rc = pipeline_event_handle(p, ws, job->msgs[i], d);
            if (*rc != 0) {
                if (!ws->fail_step[0])
                    worker_fail(ws, "event", "%s", tr_strerror(*rc));
                break;
            }
        }
    }
    return i;
}

/* Runs a batch from one partition: every message gets its outcome produced, the broker
 * acknowledges them all, and only then is the offset after the last one stored. A failure
 * retries from the first message not yet done, with backoff, and the log names the step that
 * failed and its error. When failures repeat while PostgreSQL and Redis answer, the batch goes
 * one message at a time, and a message that still fails MAX_ATTEMPTS times goes to the
 * dead-letter topic (a poison message must not stop the partition), unless what fails is the
 * dead-letter topic itself: then the router reports not ready and retries until it can write
 * there again. A partition being revoked or a shutdown gives the batch up (the next owner, or
 * the restart, reads it again). */
void pipeline_job_run(void *ctx, unsigned worker, void *arg)
{
    pipeline *p = ctx;
    struct job *job = arg;
    struct worker_state *ws = &p->workers[worker];
    int64_t backoff_ms = 50;
    size_t done = 0;
    int attempts = 0; /* failures of the message at `done`, in a row, while the stores answer */
    unsigned gen = atomic_load(&p->assignment_gen);
    if (ws->assignment_gen != gen && !stopping(p)) {
        /* A rebalance came since: given-up partitions are read afresh from their commit. */
        ws->n_abandoned = 0;
        ws->abandon_all = false;
        ws->assignment_gen = gen;
    }
    if (job_abandoned(ws, job) ||
        pipeline_revoking(p, job->msgs[0]->topic, job->msgs[0]->partition)) {
        /* An earlier batch of this partition was given up, or the partition is going: storing
         * this one's offset would skip that one. Both are read again. */
        job_free(job);
        return;
    }
    worker_progress(p, worker);
    while (done < job->n) {
        struct kafka_delivery d;
        kafka_delivery_init(&d);
        int rc = 0;
        int64_t t0 = tr_mono_us();
        size_t i = job_attempt(p, ws, job, done, attempts, &d, &rc);
        int64_t t1 = tr_mono_us();
        int drc = kafka_delivery_wait(&d, DELIVERY_TIMEOUT_MS);
        log_debug("job partition=%d messages=%zu work_us=%lld ack_wait_us=%lld",
                  job->msgs[done]->partition, i - done, (long long)(t1 - t0),
                  (long long)(tr_mono_us() - t1));
        if (drc != 0 && rc == 0)
            worker_fail(ws, "delivery", "kafka: %s",
                        drc == TR_ETIMEOUT ? "no acknowledgement in time" : d.error);
        kafka_delivery_destroy(&d);
        worker_progress(p, worker);
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
         * while both stores answer count towards giving the message up, and never a failure of
         * the dead-letter topic itself. */
        ws->redis_checked_us = 0; /* Redis may have lost its data: check before the retry */
        bool dlq = dead_letter_failed(p, ws);
        if (dlq && strcmp(ws->fail_step, "dead_letter") != 0)
            metrics_add(p->metrics.dead_letter_failures, (const char *[]){p->cfg->topic_dlq}, 1);
        /* Waiting for Redis to be rebuilt says nothing about the message: not counted. */
        bool waiting = strcmp(ws->fail_step, "redis_check") == 0;
        bool healthy = !dlq && !waiting && dependencies_healthy(ws);
        attempts = healthy ? attempts + 1 : waiting ? attempts : 0;
        const char *dependency = failed_dependency(ws);
        atomic_fetch_add_explicit(&p->stats.dependency_errors, 1, memory_order_relaxed);
        metrics_add(p->metrics.dependency_errors, (const char *[]){dependency}, 1);
        atomic_store(&p->deps_ok, false);
        log_warn("batch failed, retrying step=%s dependency=%s topic=%s partition=%d "
                 "offset=%" PRId64 " attempt=%d backoff_ms=%" PRId64 " err=%s",
                 ws->fail_step[0] ? ws->fail_step : "unknown", dependency, job->msgs[done]->topic,
                 job->msgs[done]->partition, job->msgs[done]->offset, attempts, backoff_ms,
                 ws->fail_err[0] ? ws->fail_err : "-");
        if (stopping(p) ||
            pipeline_revoking(p, job->msgs[done]->topic, job->msgs[done]->partition)) {
            /* Not stored: read again after the restart or by the partition's next owner, and so
             * are the later batches of this partition. */
            job_abandon(ws, job->msgs[done]);
            break;
        }
        pipeline_backoff(p, backoff_ms, job->msgs[done]->topic, job->msgs[done]->partition);
        backoff_ms = backoff_ms * 2 > p->cfg->retry_backoff_max_ms
                         ? (int64_t)p->cfg->retry_backoff_max_ms
                         : backoff_ms * 2;
    }
    worker_idle(p, worker);
    job_free(job);
}
