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

struct merge {
    const char *topic;
    int32_t partition;
    size_t n, max; /* messages in the merged job so far, and its bound (batch.max) */
};

static enum worker_take merge_take(void *arg_job, void *arg)
{
    const struct job *job = arg_job;
    struct merge *m = arg;
    if (job->msgs[0]->partition != m->partition || strcmp(job->msgs[0]->topic, m->topic) != 0)
        return WORKER_TAKE_LEAVE;
    if (m->n + job->n > m->max)
        return WORKER_TAKE_STOP; /* the rest of this partition stays queued, in order */
    m->n += job->n;
    return WORKER_TAKE;
}

/* The later jobs of the same partition already queued for this worker join this one: under
 * load batches grow up to batch.max (I/O is paid per batch), while at a low rate a ticket
 * never waits for others. */
static struct job *job_merge_queued(pipeline *p, unsigned worker, struct job *job)
{
    size_t max = p->cfg->batch_max > job->n ? p->cfg->batch_max : job->n;
    if (max == job->n)
        return job;
    struct job *big = malloc(sizeof(*big) + max * sizeof(big->msgs[0]));
    void **more = malloc(max * sizeof(*more));
    struct merge m = {.topic = job->msgs[0]->topic,
                      .partition = job->msgs[0]->partition,
                      .n = job->n,
                      .max = max};
    size_t k =
        big && more ? worker_pool_take_queued(p->pool, worker, merge_take, &m, more, max) : 0;
    if (k == 0) {
        free(big);
        free(more);
        return job;
    }
    big->n = 0;
    for (size_t i = 0; i < job->n; i++)
        big->msgs[big->n++] = job->msgs[i];
    free(job); /* the shell: its messages are big's now */
    for (size_t j = 0; j < k; j++) {
        struct job *next = more[j];
        for (size_t i = 0; i < next->n; i++)
            big->msgs[big->n++] = next->msgs[i];
        free(next);
    }
    free(more);
    return big;
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
    job = job_merge_queued(p, worker, job);
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
        dead_letters_settle(p, ws, drc == 0 && i > done); /* else produced again by the retry */
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
