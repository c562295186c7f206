/* pipeline_internal: shared by the pipeline's files only. */
#ifndef TR_PIPELINE_INTERNAL_H
#define TR_PIPELINE_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>

#include "classify/classify.h"
#include "codec/codec.h"
#include "kafka/kafka.h"
#include "load/load.h"
#include "pipeline/pipeline.h"
#include "routing/routing.h"
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

/* ---- per-worker customer cache ---- */
#define CUSTOMER_CACHE_SLOTS 4096
struct customer_slot {
    bool used;
    bool found;
    int64_t fetched_at_ms;
    struct customer customer;
};
struct customer_cache {
    struct customer_slot *slots; /* CUSTOMER_CACHE_SLOTS */
    int64_t ttl_ms;
};
int customer_cache_init(struct customer_cache *cache, int64_t ttl_ms);
void customer_cache_clear(struct customer_cache *cache);
/* The customer from the cache or the store: 0 found, TR_ENOTFOUND, TR_EIO. */
int customer_cache_get(struct customer_cache *cache, store_conn *pg, const char *customer_id,
                       int64_t now_ms, struct customer *out);

struct worker_state {
    codec *codec;
    store_conn *pg;
    load_conn *redis;
    classify_scratch *scratch;
    struct customer_cache customers;
};

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
    classifier *model;
    struct context_holder context;
    pthread_t refresher;
    bool refresher_started;
    atomic_bool stopping;
    volatile sig_atomic_t *stop_flag;
    atomic_bool deps_ok;
    struct {
        atomic_uint_fast64_t tickets_in, decisions, replays, dead_letters, events_in, fallbacks,
            assigned, dependency_errors;
    } stats;
};

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

#endif
