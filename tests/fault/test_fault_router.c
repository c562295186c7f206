/* Fault scenarios on the router process itself: kill -9 mid-stream and restart; two routers in
 * one group with one killed (the other takes its partitions over); SIGTERM under load, restart.
 * Each: 200 tickets and 7 invalid events, then every check of fault_harness.h. */
#include "fault_harness.h"

static int run_teardown(void **state)
{
    return fault_run_free(*state);
}

static bool router_alive(pid_t pid)
{
    return pid > 0 && waitpid(pid, NULL, WNOHANG) == 0;
}

static void test_router_killed_mid_stream_then_restarted_loses_nothing(void **state)
{
    struct fault_run *f = fault_run_new(1, "router kill -9, restart", 0);
    *state = f;
    fault_router_start(f, 0);
    if (!fault_router_await_assigned(f, 0, 30000))
        fault_note(f, "router never logged an assignment of %s", f->tickets_topic);
    fault_start_producing(f);
    if (!fault_await_decided(f, 40, 60000))
        fault_note(f, "only %zu decisions before the kill", f->n_decided);

    int64_t t0 = tr_now_unix_ms();
    size_t at_kill = f->n_decided;
    test_router_stop(f->routers[0], SIGKILL, 5000);
    f->routers[0] = 0;
    tr_sleep_ms(1000);
    fault_router_start(f, 0);
    int64_t t1 = tr_now_unix_ms();
    f->row.outage_s = fault_secs(t0, t1);
    snprintf(f->row.note, sizeof(f->row.note), "killed at %zu/%d decided, restarted after 1 s",
             at_kill, FAULT_N);
    fault_finish_producing(f);
    fault_await_all(f, t1, 60000);
    fault_verify(f);
}

static void test_two_routers_one_killed_the_other_takes_over(void **state)
{
    /* 8 tickets partitions + 3 events partitions: each of the two gets tickets partitions. */
    struct fault_run *f = fault_run_new(5, "two routers, one kill -9", 8);
    *state = f;
    fault_router_start(f, 0);
    fault_router_start(f, 1);
    for (int i = 0; i < 2; i++)
        if (!fault_router_await_assigned(f, i, 30000))
            fault_note(f, "router %d never logged an assignment of %s", i, f->tickets_topic);
    fault_start_producing(f);
    if (!fault_await_decided(f, 40, 60000))
        fault_note(f, "only %zu decisions before the kill", f->n_decided);

    int64_t t0 = tr_now_unix_ms();
    size_t at_kill = f->n_decided;
    test_router_stop(f->routers[0], SIGKILL, 5000);
    f->routers[0] = 0;
    fault_finish_producing(f);
    fault_await_all(f, t0, 60000);
    if (!router_alive(f->routers[1]))
        fault_note(f, "the surviving router exited (log %s)", f->log_path[1]);
    snprintf(f->row.note, sizeof(f->row.note),
             "one killed at %zu/%d decided, no restart; session.timeout.ms 6000", at_kill, FAULT_N);
    fault_verify(f);
}

static void test_second_router_joins_mid_stream(void **state)
{
    /* Scaling out while tickets flow: a cooperative rebalance moves partitions to the newcomer;
     * the first router finishes and commits what it gives up. */
    struct fault_run *f = fault_run_new(8, "second router joins mid-stream", 8);
    *state = f;
    fault_router_start(f, 0);
    if (!fault_router_await_assigned(f, 0, 30000))
        fault_note(f, "router 0 never logged an assignment of %s", f->tickets_topic);
    fault_start_producing(f);
    if (!fault_await_decided(f, 40, 60000))
        fault_note(f, "only %zu decisions before the join", f->n_decided);
    int64_t t0 = tr_now_unix_ms();
    size_t at_join = f->n_decided;
    fault_router_start(f, 1);
    fault_finish_producing(f);
    fault_await_all(f, t0, 60000);
    bool took = fault_router_await_assigned(f, 1, 1000);
    if (!took)
        fault_note(f, "router 1 never logged an assignment of %s", f->tickets_topic);
    snprintf(f->row.note, sizeof(f->row.note),
             "second router started at %zu/%d decided; it took partitions: %s", at_join, FAULT_N,
             took ? "yes" : "no");
    fault_verify(f);
}

static void test_sigterm_under_load_exits_zero_in_time_and_restart_finishes(void **state)
{
    struct fault_run *f = fault_run_new(7, "SIGTERM under load, restart", 0);
    *state = f;
    /* 200 tickets in about 2 s; the signal comes once 60 are sent, while they flow. */
    fault_router_start(f, 0);
    if (!fault_router_await_assigned(f, 0, 30000))
        fault_note(f, "router never logged an assignment of %s", f->tickets_topic);
    fault_start_producing(f);
    while (atomic_load(&f->produced) < 60)
        fault_pump(f, 20);

    int64_t t0 = tr_now_unix_ms();
    size_t at_term = f->n_decided;
    int status = test_router_stop(f->routers[0], SIGTERM, 15000);
    int64_t stopped = tr_now_unix_ms();
    f->routers[0] = 0;
    if (status != 0)
        fault_note(f,
                   "SIGTERM: exit status %d after %.1f s (want 0 within 15 s; -1: killed at "
                   "the deadline)",
                   status, fault_secs(t0, stopped));
    fault_router_start(f, 0);
    int64_t t1 = tr_now_unix_ms();
    f->row.outage_s = fault_secs(t0, t1);
    snprintf(f->row.note, sizeof(f->row.note),
             "SIGTERM at 60/%d sent, %zu seen decided: exit %d in %.1f s", FAULT_N, at_term, status,
             fault_secs(t0, stopped));
    fault_finish_producing(f);
    fault_await_all(f, t1, 60000);
    fault_verify(f);
}

int main(void)
{
    fault_install_restore();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_router_killed_mid_stream_then_restarted_loses_nothing,
                                  run_teardown),
        cmocka_unit_test_teardown(test_two_routers_one_killed_the_other_takes_over, run_teardown),
        cmocka_unit_test_teardown(test_second_router_joins_mid_stream, run_teardown),
        cmocka_unit_test_teardown(test_sigterm_under_load_exits_zero_in_time_and_restart_finishes,
                                  run_teardown),
    };
    int failed = cmocka_run_group_tests_name("fault.router", tests, NULL, NULL);
    fault_results_print(stdout);
    return failed;
}
