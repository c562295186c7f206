/* Fault scenarios on the router's dependencies: PostgreSQL stopped for 10 s mid-stream; Redis
 * stopped and started again empty (no persistence); Redis FLUSHALL mid-stream. After Redis
 * loses its data the router is expected to rebuild <prefix>load and <prefix>claims from the
 * open decisions in PostgreSQL: fault_verify checks load = claims = open decisions per agent.
 * Every scenario starts the server again in its own code path and in the teardown. */
#include "fault_harness.h"

static int run_teardown(void **state)
{
    return fault_run_free(*state);
}

static long log_lines(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return 0;
    long n = 0;
    int c;
    while ((c = fgetc(fp)) != EOF)
        n += c == '\n';
    fclose(fp);
    return n;
}

static void start_mid_stream(struct fault_run *f)
{
    fault_router_start(f, 0);
    if (!fault_router_await_assigned(f, 0, 30000))
        fault_note(f, "router never logged an assignment of %s", f->tickets_topic);
    fault_start_producing(f);
    if (!fault_await_decided(f, 40, 60000))
        fault_note(f, "only %zu decisions before the fault", f->n_decided);
}

static void expect_router_alive(struct fault_run *f)
{
    if (waitpid(f->routers[0], NULL, WNOHANG) != 0) {
        fault_note(f, "the router exited during the fault (log %s)", f->log_path[0]);
        f->routers[0] = 0;
    }
}

static void test_postgres_stopped_10s_mid_stream_pauses_and_resumes(void **state)
{
    struct fault_run *f = fault_run_new(3, "PostgreSQL stopped 10 s", 0);
    *state = f;
    start_mid_stream(f);

    size_t at_stop = f->n_decided;
    long lines_before = log_lines(f->log_path[0]);
    int64_t t0 = tr_now_unix_ms();
    bool stopped = fault_pg_stop();
    /* The outage: 10 s from the stop, reading the topics meanwhile; then start it again. */
    int64_t left = 10000 - (tr_now_unix_ms() - t0);
    if (left > 0)
        fault_pump(f, (int)left);
    size_t during = f->n_decided;
    bool started = fault_pg_start();
    int64_t t1 = tr_now_unix_ms();
    long lines_outage = log_lines(f->log_path[0]) - lines_before;
    if (!stopped)
        fault_note(f, "PostgreSQL did not stop");
    if (!started)
        fault_note(f, "PostgreSQL did not start again");
    f->row.outage_s = fault_secs(t0, t1);
    expect_router_alive(f);
    bool paused = fault_file_has_line(f->log_path[0], "consumption paused", NULL);
    snprintf(f->row.note, sizeof(f->row.note),
             "stopped at %zu/%d decided; %zu decided during; %ld log lines in the outage; "
             "paused: %s",
             at_stop, FAULT_N, during - at_stop, lines_outage, paused ? "yes" : "no");
    fault_finish_producing(f);
    fault_await_all(f, t1, 60000);
    fault_verify(f);
}

static void test_redis_restarted_empty_mid_stream_load_rebuilt_from_postgres(void **state)
{
    struct fault_run *f = fault_run_new(41, "Redis restarted empty", 0);
    *state = f;
    start_mid_stream(f);

    size_t at_stop = f->n_decided;
    int64_t t0 = tr_now_unix_ms();
    bool stopped = fault_redis_stop();
    int64_t left = 3000 - (tr_now_unix_ms() - t0);
    if (left > 0)
        fault_pump(f, (int)left);
    bool started = fault_redis_start();
    int64_t t1 = tr_now_unix_ms();
    if (!stopped)
        fault_note(f, "Redis did not stop");
    if (!started)
        fault_note(f, "Redis did not start again");
    f->row.outage_s = fault_secs(t0, t1);
    expect_router_alive(f);
    snprintf(f->row.note, sizeof(f->row.note),
             "stopped at %zu/%d decided, 3 s down, back with no data", at_stop, FAULT_N);
    fault_finish_producing(f);
    fault_await_all(f, t1, 60000);
    fault_verify(f);
}

static void test_redis_flushall_mid_stream_load_rebuilt_from_postgres(void **state)
{
    struct fault_run *f = fault_run_new(42, "Redis FLUSHALL", 0);
    *state = f;
    start_mid_stream(f);

    size_t at_flush = f->n_decided;
    int64_t t0 = tr_now_unix_ms();
    if (!fault_redis_flushall())
        fault_note(f, "FLUSHALL failed");
    f->row.outage_s = 0;
    snprintf(f->row.note, sizeof(f->row.note), "FLUSHALL at %zu/%d decided", at_flush, FAULT_N);
    fault_finish_producing(f);
    fault_await_all(f, t0, 60000);
    expect_router_alive(f);
    fault_verify(f);
}

int main(void)
{
    fault_install_restore();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_postgres_stopped_10s_mid_stream_pauses_and_resumes,
                                  run_teardown),
        cmocka_unit_test_teardown(test_redis_restarted_empty_mid_stream_load_rebuilt_from_postgres,
                                  run_teardown),
        cmocka_unit_test_teardown(test_redis_flushall_mid_stream_load_rebuilt_from_postgres,
                                  run_teardown),
    };
    int failed = cmocka_run_group_tests_name("fault.deps", tests, NULL, NULL);
    fault_results_print(stdout);
    return failed;
}
