/* test_worker_pool: every job runs once, jobs with one key run in submission order on one
 * worker, drain waits, submit blocks on a full queue, free runs what is queued. */
#include "test_support.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/error.h"
#include "worker_pool/worker_pool.h"

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* A job: its key, its place among the jobs of that key, and how long it takes. */
struct job {
    unsigned key;
    unsigned seq;
    unsigned id;
    long sleep_ms;
};

#define MAX_JOBS 20000
#define MAX_KEYS 64

/* What the workers saw; everything under lock. */
struct record {
    pthread_mutex_t lock;
    unsigned runs[MAX_JOBS];
    unsigned next_seq[MAX_KEYS]; /* the seq the next job of a key must carry */
    int worker_of_key[MAX_KEYS]; /* -1: none yet */
    unsigned out_of_order;
    unsigned wrong_worker;
    atomic_uint done;
    /* A gate the first gated job waits at, to hold a worker busy. */
    pthread_cond_t gate_cond;
    bool gate_open;
    bool gate_reached;
};

static struct record *record_new(void)
{
    struct record *rec = calloc(1, sizeof(*rec));
    assert_non_null(rec);
    pthread_mutex_init(&rec->lock, NULL);
    pthread_cond_init(&rec->gate_cond, NULL);
    rec->gate_open = true;
    for (size_t i = 0; i < MAX_KEYS; i++)
        rec->worker_of_key[i] = -1;
    return rec;
}

static void record_free(struct record *rec)
{
    pthread_mutex_destroy(&rec->lock);
    pthread_cond_destroy(&rec->gate_cond);
    free(rec);
}

static void gate_close(struct record *rec)
{
    pthread_mutex_lock(&rec->lock);
    rec->gate_open = false;
    rec->gate_reached = false;
    pthread_mutex_unlock(&rec->lock);
}

static void gate_open(struct record *rec)
{
    pthread_mutex_lock(&rec->lock);
    rec->gate_open = true;
    pthread_cond_broadcast(&rec->gate_cond);
    pthread_mutex_unlock(&rec->lock);
}

/* Wait until a job stands at the closed gate (so its worker is busy). */
static void gate_wait_reached(struct record *rec)
{
    pthread_mutex_lock(&rec->lock);
    while (!rec->gate_reached)
        pthread_cond_wait(&rec->gate_cond, &rec->lock);
    pthread_mutex_unlock(&rec->lock);
}

static void run_job(void *ctx, unsigned worker, void *arg)
{
    struct record *rec = ctx;
    struct job *job = arg;
    pthread_mutex_lock(&rec->lock);
    if (!rec->gate_open) {
        rec->gate_reached = true;
        pthread_cond_broadcast(&rec->gate_cond);
        while (!rec->gate_open)
            pthread_cond_wait(&rec->gate_cond, &rec->lock);
    }
    rec->runs[job->id]++;
    if (job->seq != rec->next_seq[job->key])
        rec->out_of_order++;
    rec->next_seq[job->key] = job->seq + 1;
    if (rec->worker_of_key[job->key] < 0)
        rec->worker_of_key[job->key] = (int)worker;
    else if (rec->worker_of_key[job->key] != (int)worker)
        rec->wrong_worker++;
    pthread_mutex_unlock(&rec->lock);
    if (job->sleep_ms)
        sleep_ms(job->sleep_ms);
    free(job); /* the job is the run function's */
    atomic_fetch_add(&rec->done, 1);
}

/* Submits job number id for key, seq following the earlier jobs of that key. */
static void submit(worker_pool *pool, unsigned *next_seq, unsigned key, unsigned id, long sleep)
{
    struct job *job = malloc(sizeof(*job));
    assert_non_null(job);
    *job = (struct job){.key = key, .seq = next_seq[key]++, .id = id, .sleep_ms = sleep};
    int rc = worker_pool_submit(pool, key, job);
    if (rc != 0)
        free(job);
    assert_int_equal(rc, 0);
}

static worker_pool *pool_new(unsigned n_workers, size_t queue_cap, struct record *rec)
{
    char err[256] = "";
    worker_pool *pool = worker_pool_new(n_workers, queue_cap, run_job, rec, err, sizeof(err));
    if (!pool)
        fail_msg("worker_pool_new: %s", err);
    return pool;
}

static void test_new_with_zero_workers_fails_with_reason(void **state)
{
    (void)state;
    char err[256] = "";
    assert_null(worker_pool_new(0, 16, run_job, NULL, err, sizeof(err)));
    assert_non_null(strstr(err, "worker"));
}

static void test_new_with_zero_queue_capacity_fails_with_reason(void **state)
{
    (void)state;
    char err[256] = "";
    assert_null(worker_pool_new(2, 0, run_job, NULL, err, sizeof(err)));
    assert_true(err[0] != '\0');
}

static void test_free_accepts_null(void **state)
{
    (void)state;
    worker_pool_free(NULL);
}

static void test_size_is_number_of_workers(void **state)
{
    (void)state;
    struct record *rec = record_new();
    worker_pool *pool = pool_new(3, 4, rec);
    assert_int_equal(worker_pool_size(pool), 3);
    worker_pool_free(pool);
    record_free(rec);
}

static void test_every_job_runs_exactly_once(void **state)
{
    (void)state;
    struct record *rec = record_new();
    worker_pool *pool = pool_new(4, 32, rec);
    unsigned next_seq[MAX_KEYS] = {0};
    enum { N = 5000 };
    for (unsigned i = 0; i < N; i++)
        submit(pool, next_seq, i % MAX_KEYS, i, 0);
    worker_pool_drain(pool);
    assert_int_equal(atomic_load(&rec->done), N);
    for (unsigned i = 0; i < N; i++)
        if (rec->runs[i] != 1)
            fail_msg("job %u ran %u times", i, rec->runs[i]);
    worker_pool_free(pool);
    record_free(rec);
}

static void test_same_key_jobs_run_in_submission_order(void **state)
{
    (void)state;
    struct record *rec = record_new();
    worker_pool *pool = pool_new(6, 8, rec);
    unsigned next_seq[MAX_KEYS] = {0};
    /* Keys in a scrambled order, so neighbouring submissions belong to different keys. */
    uint32_t seed = 7;
    for (unsigned i = 0; i < MAX_JOBS; i++) {
        seed = seed * 1103515245u + 12345u;
        submit(pool, next_seq, (seed >> 16) % MAX_KEYS, i, 0);
    }
    worker_pool_drain(pool);
    assert_int_equal(atomic_load(&rec->done), MAX_JOBS);
    assert_int_equal(rec->out_of_order, 0);
    for (unsigned k = 0; k < MAX_KEYS; k++)
        assert_int_equal(rec->next_seq[k], next_seq[k]);
    worker_pool_free(pool);
    record_free(rec);
}

static void test_same_key_jobs_run_on_one_worker(void **state)
{
    (void)state;
    struct record *rec = record_new();
    worker_pool *pool = pool_new(4, 8, rec);
    unsigned next_seq[MAX_KEYS] = {0};
    for (unsigned i = 0; i < 4000; i++)
        submit(pool, next_seq, i % MAX_KEYS, i, 0);
    worker_pool_drain(pool);
    assert_int_equal(rec->wrong_worker, 0);
    /* 64 keys over 4 workers: more than one worker is used. */
    bool several = false;
    for (unsigned k = 1; k < MAX_KEYS; k++)
        several |= rec->worker_of_key[k] != rec->worker_of_key[0];
    assert_true(several);
    worker_pool_free(pool);
    record_free(rec);
}

static void test_drain_waits_for_all_jobs(void **state)
{
    (void)state;
    struct record *rec = record_new();
    worker_pool *pool = pool_new(3, 64, rec);
    unsigned next_seq[MAX_KEYS] = {0};
    enum { N = 60 };
    for (unsigned i = 0; i < N; i++)
        submit(pool, next_seq, i % 7, i, 2);
    worker_pool_drain(pool);
    assert_int_equal(atomic_load(&rec->done), N);
    assert_int_equal(worker_pool_pending(pool), 0);
    worker_pool_free(pool);
    record_free(rec);
}

static void test_pending_counts_queued_and_running_jobs(void **state)
{
    (void)state;
    struct record *rec = record_new();
    worker_pool *pool = pool_new(1, 8, rec);
    unsigned next_seq[MAX_KEYS] = {0};
    gate_close(rec);
    submit(pool, next_seq, 1, 0, 0);
    gate_wait_reached(rec); /* job 0 is running */
    submit(pool, next_seq, 1, 1, 0);
    submit(pool, next_seq, 2, 2, 0);
    assert_int_equal(worker_pool_pending(pool), 3);
    gate_open(rec);
    worker_pool_drain(pool);
    assert_int_equal(worker_pool_pending(pool), 0);
    worker_pool_free(pool);
    record_free(rec);
}

struct submitter {
    worker_pool *pool;
    unsigned *next_seq;
    atomic_bool returned;
};

static void *submit_one(void *arg)
{
    struct submitter *s = arg;
    struct job *job = malloc(sizeof(*job));
    if (job) {
        *job = (struct job){.key = 1, .seq = s->next_seq[1]++, .id = 3};
        if (worker_pool_submit(s->pool, 1, job) != 0)
            free(job);
    }
    atomic_store(&s->returned, true);
    return NULL;
}

static void test_submit_blocks_while_queue_full_then_proceeds(void **state)
{
    (void)state;
    struct record *rec = record_new();
    worker_pool *pool = pool_new(1, 2, rec);
    unsigned next_seq[MAX_KEYS] = {0};
    gate_close(rec);
    submit(pool, next_seq, 1, 0, 0);
    gate_wait_reached(rec); /* the worker holds job 0; the queue is empty */
    submit(pool, next_seq, 1, 1, 0);
    submit(pool, next_seq, 1, 2, 0); /* the queue (2 slots) is full */

    struct submitter s = {.pool = pool, .next_seq = next_seq};
    atomic_init(&s.returned, false);
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, submit_one, &s), 0);
    sleep_ms(100);
    assert_false(atomic_load(&s.returned)); /* still waiting for a slot */

    gate_open(rec);
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_true(atomic_load(&s.returned));
    worker_pool_drain(pool);
    assert_int_equal(atomic_load(&rec->done), 4);
    assert_int_equal(rec->out_of_order, 0);
    for (unsigned i = 0; i < 4; i++)
        assert_int_equal(rec->runs[i], 1);
    worker_pool_free(pool);
    record_free(rec);
}

static void *gate_open_later(void *arg)
{
    sleep_ms(50);
    gate_open(arg);
    return NULL;
}

static void test_free_runs_queued_jobs(void **state)
{
    (void)state;
    struct record *rec = record_new();
    worker_pool *pool = pool_new(2, 32, rec);
    unsigned next_seq[MAX_KEYS] = {0};
    gate_close(rec);
    submit(pool, next_seq, 5, 0, 0);
    gate_wait_reached(rec);
    enum { N = 20 };
    for (unsigned i = 1; i < N; i++)
        submit(pool, next_seq, 5, i, 0); /* all behind the gated job, on its worker */
    assert_int_equal(worker_pool_pending(pool), N);
    /* The gate opens only once free has begun, so free finds the jobs still queued. */
    pthread_t opener;
    assert_int_equal(pthread_create(&opener, NULL, gate_open_later, rec), 0);
    worker_pool_free(pool); /* no drain first */
    assert_int_equal(pthread_join(opener, NULL), 0);
    assert_int_equal(atomic_load(&rec->done), N);
    assert_int_equal(rec->out_of_order, 0);
    record_free(rec);
}

/* worker_pool_take_queued: a running job takes the queued jobs `take` accepts, oldest first,
 * stops where told, and the others run after it in their order. */
struct take_ctx {
    worker_pool *pool;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool go;
    unsigned order[16], n_order;
    unsigned taken[16], n_taken;
};

static enum worker_take take_odd_until_seven(void *job, void *arg)
{
    (void)arg;
    unsigned id = *(const unsigned *)job;
    if (id == 7)
        return WORKER_TAKE_STOP;
    return id % 2 ? WORKER_TAKE : WORKER_TAKE_LEAVE;
}

static void take_run(void *ctx, unsigned worker, void *job)
{
    struct take_ctx *t = ctx;
    unsigned id = *(const unsigned *)job;
    if (id == 0) {
        pthread_mutex_lock(&t->lock);
        while (!t->go)
            pthread_cond_wait(&t->cond, &t->lock);
        pthread_mutex_unlock(&t->lock);
        void *out[16];
        size_t k = worker_pool_take_queued(t->pool, worker, take_odd_until_seven, NULL, out, 16);
        pthread_mutex_lock(&t->lock);
        for (size_t i = 0; i < k; i++)
            t->taken[t->n_taken++] = *(const unsigned *)out[i];
        pthread_mutex_unlock(&t->lock);
    }
    pthread_mutex_lock(&t->lock);
    t->order[t->n_order++] = id;
    pthread_mutex_unlock(&t->lock);
}

static void test_take_queued_takes_accepted_jobs_in_order(void **state)
{
    (void)state;
    static unsigned ids[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    struct take_ctx *t = calloc(1, sizeof(*t));
    assert_non_null(t);
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->cond, NULL);
    char err[128];
    t->pool = worker_pool_new(1, 16, take_run, t, err, sizeof(err));
    assert_non_null(t->pool);
    for (int i = 0; i < 10; i++)
        assert_int_equal(worker_pool_submit(t->pool, 1, &ids[i]), 0);
    pthread_mutex_lock(&t->lock);
    t->go = true;
    pthread_cond_broadcast(&t->cond);
    pthread_mutex_unlock(&t->lock);
    worker_pool_drain(t->pool);
    assert_int_equal(t->n_taken, 3);
    unsigned taken[] = {1, 3, 5};
    assert_memory_equal(t->taken, taken, sizeof(taken));
    unsigned order[] = {0, 2, 4, 6, 7, 8, 9};
    assert_int_equal(t->n_order, 7);
    assert_memory_equal(t->order, order, sizeof(order));
    worker_pool_free(t->pool);
    pthread_mutex_destroy(&t->lock);
    pthread_cond_destroy(&t->cond);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_with_zero_workers_fails_with_reason),
        cmocka_unit_test(test_new_with_zero_queue_capacity_fails_with_reason),
        cmocka_unit_test(test_free_accepts_null),
        cmocka_unit_test(test_size_is_number_of_workers),
        cmocka_unit_test(test_every_job_runs_exactly_once),
        cmocka_unit_test(test_same_key_jobs_run_in_submission_order),
        cmocka_unit_test(test_same_key_jobs_run_on_one_worker),
        cmocka_unit_test(test_drain_waits_for_all_jobs),
        cmocka_unit_test(test_pending_counts_queued_and_running_jobs),
        cmocka_unit_test(test_submit_blocks_while_queue_full_then_proceeds),
        cmocka_unit_test(test_free_runs_queued_jobs),
        cmocka_unit_test(test_take_queued_takes_accepted_jobs_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
