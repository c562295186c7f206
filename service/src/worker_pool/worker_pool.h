/* worker_pool: a fixed set of threads, one bounded queue each.
 * Ordering promise: jobs submitted with the same key run on one worker, one at a time, in the
 * order submitted (key = topic and partition), so offsets are stored in order.
 * Threads: worker_pool_submit and worker_pool_drain from any thread (normally the poll thread);
 * new/free from the owner thread. */
#ifndef TR_WORKER_POOL_H
#define TR_WORKER_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

typedef struct worker_pool worker_pool;

/* Runs one job on worker number `worker` (0..n_workers-1); the job is the run function's from
 * then on (it frees it). ctx is the pointer given to worker_pool_new. */
typedef void (*worker_fn)(void *ctx, unsigned worker, void *job);

/* Start n_workers threads whose queues hold queue_cap jobs each. On failure returns NULL with
 * the reason in err. Caller owns the result; free with worker_pool_free(). */
worker_pool *worker_pool_new(unsigned n_workers, size_t queue_cap, worker_fn run, void *ctx,
                             char *err, size_t errlen);

/* Queue job for the worker that owns key; blocks while that queue is full.
 * Takes ownership of job on success. Returns TR_EINVAL once the pool is stopping. */
TR_MUST_CHECK int worker_pool_submit(worker_pool *pool, uint64_t key, void *job);

/* What worker_pool_take_queued does with a queued job: take it, leave it, or stop looking. */
enum worker_take { WORKER_TAKE_LEAVE = 0, WORKER_TAKE = 1, WORKER_TAKE_STOP = 2 };
typedef enum worker_take (*worker_take_fn)(void *job, void *arg);

/* From a run function: take jobs still queued for this worker that `take` accepts, oldest
 * first, into out (up to max); the others stay queued in their order. Jobs of one key keep
 * their order as long as `take` leaves none of a key it takes from (return STOP instead).
 * Returns how many; the caller owns them. */
size_t worker_pool_take_queued(worker_pool *pool, unsigned worker, worker_take_fn take, void *arg,
                               void **out, size_t max);

/* Wait until every job submitted so far has finished. */
void worker_pool_drain(worker_pool *pool);

/* Wait up to timeout_ms until every job submitted so far has finished: 0, or TR_ETIMEOUT when
 * some are still queued or running (they go on). */
TR_MUST_CHECK int worker_pool_drain_for(worker_pool *pool, int timeout_ms);

/* Jobs queued or running now on one worker (liveness: work waiting for a thread). */
size_t worker_pool_worker_pending(worker_pool *pool, unsigned worker);

/* Jobs queued or running now (for metrics and back-pressure). */
size_t worker_pool_pending(worker_pool *pool);

unsigned worker_pool_size(const worker_pool *pool);

/* Run every queued job, stop and join the threads, free. Accepts NULL and a half-built pool. */
void worker_pool_free(worker_pool *pool);

#endif
