#include "worker_pool/worker_pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct worker {
    worker_pool *pool;
    unsigned index;
    pthread_t thread;
    bool started;
    pthread_mutex_t lock;
    pthread_cond_t not_empty;
    pthread_cond_t not_full;
    pthread_cond_t idle;
    void **ring;   /* lock */
    size_t head;   /* lock */
    size_t count;  /* lock: queued, not yet taken */
    bool running;  /* lock: a job is being run */
    bool stopping; /* lock */
};

struct worker_pool {
    unsigned n_workers;
    size_t queue_cap;
    worker_fn run;
    void *ctx;
    struct worker *workers;
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    worker_pool *pool = w->pool;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (w->count == 0 && !w->stopping)
            pthread_cond_wait(&w->not_empty, &w->lock);
        if (w->count == 0 && w->stopping)
            break;
        void *job = w->ring[w->head];
        w->head = (w->head + 1) % pool->queue_cap;
        w->count--;
        w->running = true;
        pthread_cond_signal(&w->not_full);
        pthread_mutex_unlock(&w->lock);

        pool->run(pool->ctx, w->index, job);

        pthread_mutex_lock(&w->lock);
        w->running = false;
        if (w->count == 0)
            pthread_cond_broadcast(&w->idle);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

worker_pool *worker_pool_new(unsigned n_workers, size_t queue_cap, worker_fn run, void *ctx,
                             char *err, size_t errlen)
{
    if (n_workers == 0 || queue_cap == 0) {
        snprintf(err, errlen, "worker pool needs at least one worker and one queue slot");
        return NULL;
    }
    worker_pool *pool = calloc(1, sizeof(*pool));
    if (!pool || !(pool->workers = calloc(n_workers, sizeof(*pool->workers)))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    pool->n_workers = n_workers;
    pool->queue_cap = queue_cap;
    pool->run = run;
    pool->ctx = ctx;
    for (unsigned i = 0; i < n_workers; i++) {
        struct worker *w = &pool->workers[i];
        w->pool = pool;
        w->index = i;
        pthread_mutex_init(&w->lock, NULL);
        pthread_cond_init(&w->not_empty, NULL);
        pthread_cond_init(&w->not_full, NULL);
        pthread_cond_init(&w->idle, NULL);
        if (!(w->ring = calloc(queue_cap, sizeof(*w->ring)))) {
            snprintf(err, errlen, "out of memory");
            goto fail;
        }
    }
    for (unsigned i = 0; i < n_workers; i++) {
        struct worker *w = &pool->workers[i];
        if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
            snprintf(err, errlen, "cannot start worker thread %u", i);
            goto fail;
        }
        w->started = true;
    }
    return pool;
fail:
    worker_pool_free(pool); /* accepts NULL and a partly built pool */
    return NULL;
}

/* splitmix64 finaliser: spreads consecutive partition numbers over the workers. */
static unsigned worker_for(const worker_pool *pool, uint64_t key)
{
    key ^= key >> 30;
    key *= 0xbf58476d1ce4e5b9ull;
    key ^= key >> 27;
    key *= 0x94d049bb133111ebull;
    key ^= key >> 31;
    return (unsigned)(key % pool->n_workers);
}

int worker_pool_submit(worker_pool *pool, uint64_t key, void *job)
{
    struct worker *w = &pool->workers[worker_for(pool, key)];
    pthread_mutex_lock(&w->lock);
    while (w->count == pool->queue_cap && !w->stopping)
        pthread_cond_wait(&w->not_full, &w->lock);
    if (w->stopping) {
        pthread_mutex_unlock(&w->lock);
        return TR_EINVAL;
    }
    w->ring[(w->head + w->count) % pool->queue_cap] = job;
    w->count++;
    pthread_cond_signal(&w->not_empty);
    pthread_mutex_unlock(&w->lock);
    return 0;
}

size_t worker_pool_take_queued(worker_pool *pool, unsigned worker, worker_take_fn take, void *arg,
                               void **out, size_t max)
{
    struct worker *w = &pool->workers[worker];
    size_t taken = 0, kept = 0;
    pthread_mutex_lock(&w->lock);
    bool stop = false;
    for (size_t i = 0; i < w->count; i++) {
        void *job = w->ring[(w->head + i) % pool->queue_cap];
        enum worker_take verdict = stop || taken == max ? WORKER_TAKE_LEAVE : take(job, arg);
        if (verdict == WORKER_TAKE_STOP)
            stop = true;
        if (verdict == WORKER_TAKE) {
            out[taken++] = job;
            continue;
        }
        /* Kept: moved up over the taken ones, order unchanged. */
        w->ring[(w->head + kept) % pool->queue_cap] = job;
        kept++;
    }
    w->count = kept;
    if (taken)
        pthread_cond_broadcast(&w->not_full);
    pthread_mutex_unlock(&w->lock);
    return taken;
}

void worker_pool_drain(worker_pool *pool)
{
    for (unsigned i = 0; i < pool->n_workers; i++) {
        struct worker *w = &pool->workers[i];
        pthread_mutex_lock(&w->lock);
        while (w->count > 0 || w->running)
            pthread_cond_wait(&w->idle, &w->lock);
        pthread_mutex_unlock(&w->lock);
    }
}

int worker_pool_drain_for(worker_pool *pool, int timeout_ms)
{
    struct timespec deadline;
    tr_deadline_after_ms(&deadline, timeout_ms);
    int rc = 0;
    for (unsigned i = 0; i < pool->n_workers && rc == 0; i++) {
        struct worker *w = &pool->workers[i];
        pthread_mutex_lock(&w->lock);
        while ((w->count > 0 || w->running) && rc == 0)
            if (pthread_cond_timedwait(&w->idle, &w->lock, &deadline) == ETIMEDOUT)
                rc = TR_ETIMEOUT;
        pthread_mutex_unlock(&w->lock);
    }
    return rc;
}

size_t worker_pool_worker_pending(worker_pool *pool, unsigned worker)
{
    if (worker >= pool->n_workers)
        return 0;
    struct worker *w = &pool->workers[worker];
    pthread_mutex_lock(&w->lock);
    size_t n = w->count + (w->running ? 1 : 0);
    pthread_mutex_unlock(&w->lock);
    return n;
}

size_t worker_pool_pending(worker_pool *pool)
{
    size_t n = 0;
    for (unsigned i = 0; i < pool->n_workers; i++) {
        struct worker *w = &pool->workers[i];
        pthread_mutex_lock(&w->lock);
        n += w->count + (w->running ? 1 : 0);
        pthread_mutex_unlock(&w->lock);
    }
    return n;
}

unsigned worker_pool_size(const worker_pool *pool)
{
    return pool->n_workers;
}

void worker_pool_free(worker_pool *pool)
{
    if (!pool)
        return;
    for (unsigned i = 0; pool->workers && i < pool->n_workers; i++) {
        struct worker *w = &pool->workers[i];
        if (!w->ring)
            continue;
        pthread_mutex_lock(&w->lock);
        w->stopping = true;
        pthread_cond_broadcast(&w->not_empty);
        pthread_cond_broadcast(&w->not_full);
        pthread_mutex_unlock(&w->lock);
    }
    for (unsigned i = 0; pool->workers && i < pool->n_workers; i++) {
        struct worker *w = &pool->workers[i];
        if (w->started)
            pthread_join(w->thread, NULL);
        if (w->ring) {
            pthread_mutex_destroy(&w->lock);
            pthread_cond_destroy(&w->not_empty);
            pthread_cond_destroy(&w->not_full);
            pthread_cond_destroy(&w->idle);
        }
        free(w->ring);
    }
    free(pool->workers);
    free(pool);
}
