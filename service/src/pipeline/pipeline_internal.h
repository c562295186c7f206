/* pipeline_internal: shared by the pipeline's files only. */
#ifndef TR_PIPELINE_INTERNAL_H
#define TR_PIPELINE_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>

#include "classify/classify.h"
#include "codec/codec.h"
#include "kafka/kafka.h"
#include "load/load.h"
#include "metrics/registry.h"
#include "pipeline/pipeline.h"
#include "routing/routing.h"
#include "signals/signals.h"
#include "store/store.h"
#include "worker_pool/worker_pool.h"

/* ---- routing context snapshot: immutable, swapped by pointer, freed when unused ---- */
struct context_ref {
    struct route_context *ctx;
    int refs; /* holder->lock */
};

struct context_holder {
    pthread_mutex_t lock;
    struct context_ref *current; /* lock */
};

/* ---- the customer cache: one per process, bounded, invalidated by NOTIFY (cache.c) ---- */
#define CUSTOMER_CACHE_LOCKS 64
struct customer_slot {
    bool used;
    bool found; /* false: the customer is unknown (cached too, so a flood does not query) */
    int64_t fetched_at_ms;
    struct customer customer;
};
struct customer_cache {
    bool ready;
    struct customer_slot *slots; /* n_slots, direct-mapped: a collision evicts */
    size_t n_slots;
    int64_t ttl_ms;
    pthread_mutex_t locks[CUSTOMER_CACHE_LOCKS]; /* slot i: locks[i % CUSTOMER_CACHE_LOCKS] */
    atomic_uint_fast64_t gen;                    /* bumped by every invalidation */
    atomic_uint_fast64_t hits, misses;
};
int customer_cache_init(struct customer_cache *cache, size_t n_slots, int64_t ttl_ms);
void customer_cache_destroy(struct customer_cache *cache); /* a never-initialised one too */
/* Drop customer_id ("*": every customer). Any thread. */
void customer_cache_invalidate(struct customer_cache *cache, const char *customer_id);
/* The customers of n tickets: known[i] and out[i]; the misses fetched with one statement.
 * 0, TR_EIO (PostgreSQL failed), TR_ENOMEM. Any thread. */
int customer_cache_get_many(struct customer_cache *cache, store_conn *pg, const char *const *ids,
                            size_t n, int64_t now_ms, struct customer *out, bool *known);

/* ---- the agents' load and presence, one copy per process (agents.c) ---- */
struct agent_snapshot {
    bool ready;
    pthread_mutex_t lock;
    int64_t ttl_us;                  /* 0: read every batch */
    const struct route_context *ctx; /* lock: whose agents (compared, never read) */
    int64_t ctx_loaded_at_ms;        /* lock */
    size_t n;                        /* lock */
    int *loads;                      /* lock: n */
    enum presence *presence;         /* lock: n */
    int64_t fetched_us;              /* lock: when read from Redis (monotonic) */
    uint64_t gen;                    /* lock: bumped by every invalidation */
};
int agent_snapshot_init(struct agent_snapshot *s, int64_t ttl_ms);
void agent_snapshot_destroy(struct agent_snapshot *s); /* a never-initialised one too */
/* The load and presence of ctx's agents into loads and presence (ctx->n_agents each): the
 * process's copy when fresh, else read with redis in one round trip. 0, TR_EIO, TR_ENOMEM. */
int agent_snapshot_get(struct agent_snapshot *s, load_conn *redis, const struct route_context *ctx,
                       int *loads, enum presence *presence);
/* This process claimed a ticket for agent `index` of ctx: its load is one higher. */
void agent_snapshot_claimed(struct agent_snapshot *s, const struct route_context *ctx,
                            size_t index);
/* This process changed agent_id's load by delta (a release, a move) while holding ctx. */
void agent_snapshot_adjust(struct agent_snapshot *s, const struct route_context *ctx,
                           const char *agent_id, int delta);
/* The thread that reads the snapshot ahead of the batches (arg: pipeline). */
void *agent_refresher_main(void *arg);
/* Presence changed, or Redis was rebuilt: read again before next use. */
void agent_snapshot_invalidate(struct agent_snapshot *s);

#define ABANDONED_MAX 64
struct worker_state {
    int64_t redis_checked_us; /* when Redis was last found whole (its epoch key present) */
    /* Partitions whose batch was given up at shutdown: their later batches must not store
     * offsets past it (they are read again after the restart). */
    size_t n_abandoned;
    bool abandon_all; /* more than ABANDONED_MAX: every later batch is left for the restart */
    unsigned assignment_gen; /* p->assignment_gen when the list was last valid */
    struct {
        char topic[TR_NAME_MAX * 2];
        int32_t partition;
    } abandoned[ABANDONED_MAX];
    /* Dead letters produced in this attempt, counted once the broker acknowledged them (a
     * retried message is counted once). */
    struct dead_count {
        const char *topic; /* the source message's, valid until its job is freed */
        int code;
        unsigned n;
    } dead[8]; /* by topic and error; a ninth kind is counted with the eighth */
    size_t n_dead;
    char fail_step[32]; /* the step that failed in this attempt ("" none), for the log */
    char fail_err[512]; /* and its error: "postgres: ...", "redis: ...", "kafka: ..." */
    codec *codec;
    store_conn *pg;
    load_conn *redis;
    classify_scratch *scratch;
    /* The text module: this worker's analyzer (stemmers of every Snowball language, detection
     * with the pipeline's text_langid) and the ticket being decided, analysed. */
    text_analyzer *az;
    text_doc *subject_doc, *body_doc;
    char text[TR_TEXT_MAX + 2]; /* the ticket text being decided */
    /* The batch being routed: its context (one reference for the whole batch) and every
     * agent's load and presence (the process's snapshot), raised for each ticket decided as if
     * its first candidate took it (the claim script checks capacity again). NULL between
     * batches. */
    struct pending *pending; /* the batch's writes, stored in one round trip (batch.c) */
    struct context_ref *batch_ctx;
    int *batch_loads;              /* batch_ctx->ctx->n_agents */
    enum presence *batch_presence; /* batch_ctx->ctx->n_agents */
};

/* What a batch publishes once its decisions are committed. */
struct outbox_item {
    const char *topic; /* borrowed from the config */
    char key[TR_ID_MAX];
    void *payload; /* owned */
    size_t len;
    /* A new decision: when its ticket was created (ms) and when the router took it up (mono
     * us), for the latency histograms at publish time; 0 for anything else. */
    int64_t created_at_ms, start_us;
};
struct outbox {
    size_t n, cap;
    struct outbox_item *items;
};
/* Takes ownership of payload (also on failure). 0 or TR_ENOMEM. */
int outbox_add(struct outbox *ob, const char *topic, const char *key, void *payload, size_t len);
/* Produce every item with d, then empty the box. 0 or TR_EIO. */
int outbox_publish(pipeline *p, struct worker_state *ws, struct outbox *ob,
                   struct kafka_delivery *d);
void outbox_clear(struct outbox *ob);

/* ---- the model in use: swapped without a restart when a new version is published ---- */
struct model_ref {
    classifier *model; /* NULL: no model (keyword rules only) */
    int refs;          /* holder->lock */
};
struct model_holder {
    pthread_mutex_t lock;
    struct model_ref *current; /* lock */
    char failed_version[128];  /* refresher thread only: a published version that was refused */
};

/* ---- metrics (observe.c) ---- */
struct pipeline_metrics {
    metrics_registry *reg;
    metrics_family *decisions, *fallbacks, *escalations, *dead_letters, *events, *dependency_errors,
        *latency, *processing, *confidence, *shadow, *feedback, *examples, *model_reloads, *lag,
        *agent_load, *agent_capacity, *model_info, *dependency_up, *dead_letter_failures,
        *context_reload;
};
int pipeline_metrics_init(struct pipeline_metrics *m);
void pipeline_metrics_free(struct pipeline_metrics *m);

/* A batch of messages from one partition, in offset order. */
struct job {
    size_t n;
    struct kafka_msg *msgs[];
};

struct pipeline {
    const struct config *cfg;
    enum route_mode mode;
    kafka_consumer *consumer;
    kafka_producer *producer;
    worker_pool *pool;
    struct worker_state *workers;
    unsigned n_workers;
    struct model_holder models;
    struct context_holder context;
    text_langid *langid;    /* language fingerprints, read once at start; shared by the analyzers */
    signals_model *signals; /* signals.path, read once at start; NULL: none (read-only, shared) */
    struct customer_cache customers;
    struct agent_snapshot agents;
    struct worker_state agents_state; /* the agent refresher's connections */
    pthread_t agent_refresher;
    bool agent_refresher_started;
    pthread_t refresher;
    bool refresher_started;
    struct worker_state sweeper_state; /* the deadline sweeper's own connections */
    pthread_t sweeper;
    bool sweeper_started;
    atomic_bool stopping;
    volatile sig_atomic_t *stop_flag;
    atomic_bool deps_ok;
    size_t dlq_value_max; /* largest dead-letter record value; larger originals are cut */
    /* A rebalance is taking these partitions away: their unfinished work is given up
     * (on_revoke). n_revoked 0 with revoking set: every partition. */
    atomic_bool revoking;
    pthread_mutex_t revoke_lock;
    bool revoke_lock_ready;
    struct kafka_partition *revoked; /* revoke_lock; topics point into revoked_names */
    char (*revoked_names)[TR_NAME_MAX * 2];
    size_t n_revoked;
    atomic_uint assignment_gen; /* bumped after each revoke: workers forget given-up partitions */
    /* Liveness: when the poll loop last went round, and per worker when its job last made
     * progress (0: no job running). Monotonic microseconds. */
    _Atomic int64_t poll_beat_us;
    _Atomic int64_t *worker_beat_us; /* n_workers */
    int64_t metrics_refreshed_us;    /* probe_lock: when the scrape's gauges were last read */
    struct {
        atomic_uint_fast64_t tickets_in, decisions, replays, dead_letters, events_in, fallbacks,
            assigned, dependency_errors, escalations, reroutes, incidents, metrics_refreshes,
            batches;
    } stats;
    struct pipeline_metrics metrics;
    /* The scrape's own connections (/metrics, /readyz run on the HTTP server's thread). */
    pthread_mutex_t probe_lock;
    bool probe_lock_ready;
    struct worker_state probe; /* probe_lock */
    int64_t probe_checked_us;  /* probe_lock: when the stores were last pinged */
    bool probe_pg_ok, probe_redis_ok;
};

/* lid (may be NULL: no language detection) is borrowed and must outlive ws. */
int worker_state_init(const struct config *cfg, const text_langid *lid, struct worker_state *ws,
                      char *err, size_t errlen);
void worker_state_clear(struct worker_state *ws);

/* model.c */
int model_holder_init(struct model_holder *h, classifier *initial); /* takes initial */
void model_holder_destroy(struct model_holder *h);
struct model_ref *model_acquire(struct model_holder *h);
void model_release(struct model_holder *h, struct model_ref *ref);
/* The newest published model in PostgreSQL, when it is not the one in use: fetched, loaded and
 * swapped in. Returns 1 when a new model is in use now, 0 when nothing changed, TR_EIO. A model
 * that does not load is logged, counted and not tried again. Refresher thread. */
int model_refresh(pipeline *p, store_conn *pg);

/* context.c */
int context_holder_init(struct context_holder *h, struct route_context *initial);
void context_holder_destroy(struct context_holder *h);
struct context_ref *context_acquire(struct context_holder *h);
void context_release(struct context_holder *h, struct context_ref *ref);
void context_swap(struct context_holder *h, struct route_context *fresh);
void *context_refresher_main(void *arg); /* arg: pipeline */
/* Load a fresh snapshot and set its policy thresholds from cfg. */
int context_load(pipeline *p, store_conn *pg, struct route_context **out, char *err, size_t errlen);

/* worker.c: runs one job on a worker. */
void pipeline_job_run(void *ctx, unsigned worker, void *job);
void job_free(struct job *job);
/* outbox.c: where decisions go in this mode (decisions, or the shadow topic). */
const char *pipeline_decision_topic(const pipeline *p);

/* batch.c: one ticket of a batch, decoded, with what was gathered for it. */
struct batch_item {
    const struct kafka_msg *msg; /* borrowed from the job */
    struct ticket ticket;        /* decoded (valid), owned: ticket_clear */
    bool valid;                  /* decoded; false: dead-lettered */
    bool known;                  /* the customer exists */
    struct customer customer;
    int64_t now_ms;           /* the batch's clock, read once */
    int64_t start_us;         /* when the router took it up */
    struct route_output *out; /* owned: its decision, once decided; NULL: dead-lettered */
    bool claimed_new;         /* batch_claim: this attempt claimed the agent */
    char *text;               /* owned: the text kept with the decision; NULL: not kept */
};
/* A batch of tickets [from, to) of job: gathered, routed in one transaction, committed, then
 * published with d. 0, or TR_EIO with the failed step in ws (everything is idempotent). */
int tickets_run(pipeline *p, struct worker_state *ws, struct job *job, size_t from, size_t to,
                struct kafka_delivery *d);
/* outbox.c: the batch's writes, kept until they are stored with one round trip. The payloads are
 * the outbox's (items[ob_index]), valid until it is published. */
struct pending_decision {
    struct route_decision decision;
    int64_t ticket_created_at_ms;
    char *text; /* owned; NULL: not kept */
    size_t ob_index;
    size_t n_escalations;
    bool claimed_new; /* this attempt claimed its agent (withdrawn if the ticket had a decision) */
};
struct pending_escalation {
    struct escalation esc;
    size_t ob_index;
    size_t decision; /* index of its decision in pending.d */
};
struct pending {
    size_t n, cap, m, mcap;
    struct pending_decision *d;
    struct pending_escalation *e;
};
/* Queue a decision (copied; text copied, may be NULL) whose payload is ob's item ob_index. */
int pending_decision_add(struct worker_state *ws, const struct route_decision *decision,
                         int64_t ticket_created_at_ms, const char *text, size_t ob_index);
/* Queue an escalation of the last queued decision, its payload ob's item ob_index. */
int pending_escalation_add(struct worker_state *ws, const struct escalation *e, size_t ob_index);
void pending_clear(struct pending *pending);
/* observe.c: counters and the log line of a decision once stored. */
void decision_counted(pipeline *p, const struct route_decision *d, size_t n_escalations);
/* decide.c: the whole decision of one gathered ticket of the batch (classified, the outage
 * window recorded when it reports one), into it->out; what is left is to claim its agent. 0, a
 * dead letter produced with d (it->out NULL), or TR_EIO (the failed step in ws). */
int ticket_decide(pipeline *p, struct worker_state *ws, struct batch_item *it,
                  struct kafka_delivery *d);
/* Claim the agents of the batch's decided tickets, in one round trip, and settle each decision
 * with the outcome. 0 or TR_EIO. */
int batch_claim(pipeline *p, struct worker_state *ws, struct batch_item *items, size_t n);
/* A decided and claimed ticket: encoded and queued to publish (and store) with ob. 0, a dead
 * letter produced with d, TR_EIO or TR_ENOMEM. */
int ticket_queue(pipeline *p, struct worker_state *ws, struct batch_item *it,
                 struct kafka_delivery *d, struct outbox *ob);
/* The agents of ctx as the decision reads them, with the load and presence gathered for them
 * (ctx->n_agents each, borrowed). */
struct route_agents agents_view(const struct route_context *ctx, const int *loads,
                                const enum presence *presence);

/* events.c: one tickets.events message: recorded, then its effect on load, presence, deadlines
 * and re-routes. 0, or TR_EIO to retry. */
int pipeline_event_handle(pipeline *p, struct worker_state *ws, const struct kafka_msg *msg,
                          struct kafka_delivery *d);
/* Count a shadow comparison that was just written (observe.c). */
void shadow_counted(pipeline *p, const struct shadow_comparison *cmp);
/* deadletter.c: dead-letter msg with reason. An original larger than p->dlq_value_max is
 * kept whole in PostgreSQL and goes as a prefix with its size and SHA-256 in headers. 0, or
 * TR_EIO with the failed step in ws. */
int pipeline_dead_letter(pipeline *p, struct worker_state *ws, const struct kafka_msg *msg,
                         int code, const char *reason, struct kafka_delivery *d);
/* Count the dead letters of the attempt that was just acknowledged (acked) or drop them
 * (not acknowledged: they are produced again by the retry). */
void dead_letters_settle(pipeline *p, struct worker_state *ws, bool acked);
/* The largest dead-letter value for cfg and the producer's message.max.bytes. */
size_t dead_letter_value_max(const struct config *cfg, size_t producer_max);
/* Record the step that failed and its error (printf), for the retry line. */
void worker_fail(struct worker_state *ws, const char *step, const char *fmt, ...) TR_PRINTF(3, 4);
void worker_fail_clear(struct worker_state *ws);

/* health.c: liveness beats, the rebalance flag and a sleep that ends early on either. */
void worker_progress(pipeline *p, unsigned worker);
void worker_idle(pipeline *p, unsigned worker);
/* True when topic/partition is being revoked now (its work must be given up). */
bool pipeline_revoking(pipeline *p, const char *topic, int32_t partition);
/* Sleep ms, waking early when stopping or when topic/partition is being revoked. */
void pipeline_backoff(pipeline *p, int64_t ms, const char *topic, int32_t partition);

/* rebuild.c: make sure Redis holds the whole load and claims (it keeps nothing on disk); after
 * a restart or a flush, one replica rebuilds them from PostgreSQL while the others wait.
 * Checked at most once a second per worker. 0, or TR_EIO to retry later. */
int redis_ensure_whole(pipeline *p, struct worker_state *ws);

/* The ticket's current decision, decoded from its stored payload: 0, TR_ENOTFOUND (no decision,
 * or one that no longer decodes: logged), TR_EIO. */
int stored_decision_load(struct worker_state *ws, const char *ticket_id,
                         struct route_decision *out);

/* reroute.c: move an assigned ticket to the next best agent (or escalate when nobody can take
 * it) and publish the new decision revision with why. Returns 0, TR_ENOTFOUND when the ticket
 * has no decision or no claim any more (nothing to do), TR_EIO. */
int ticket_reroute(pipeline *p, struct worker_state *ws, const char *ticket_id, const char *why,
                   bool escalate_if_alone, struct kafka_delivery *d);
void *deadline_sweeper_main(void *arg); /* arg: pipeline */

#endif
