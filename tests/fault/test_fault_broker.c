/* Fault scenario: the Kafka broker restarted mid-stream (deploy/stack down, then up; the broker
 * keeps its data). The router, the test's producer and its reader all reconnect. The broker is
 * restarted through the deploy/stack of the tree that started it (found from its command line).
 * A broker that deploy/stack cannot stop (one it did not start: Docker, a system service) fails
 * the scenario: the restart was not tested, and a skip would count as a pass in CTest. */
#include "fault_harness.h"

static int run_teardown(void **state)
{
    return fault_run_free(*state);
}

static void test_broker_restarted_mid_stream_loses_nothing(void **state)
{
    struct fault_run *f = fault_run_new(2, "Kafka broker restart", 0);
    *state = f;
    fault_router_start(f, 0);
    if (!fault_router_await_assigned(f, 0, 30000))
        fault_note(f, "router never logged an assignment of %s", f->tickets_topic);
    fault_start_producing(f);
    if (!fault_await_decided(f, 40, 60000))
        fault_note(f, "only %zu decisions before the restart", f->n_decided);

    size_t at_stop = f->n_decided;
    int64_t t0 = tr_now_unix_ms();
    bool stopped = fault_kafka_stack("down");
    bool was_down = !fault_kafka_up();
    int64_t t_down = tr_now_unix_ms();
    bool up = fault_kafka_start();
    int64_t t1 = tr_now_unix_ms();
    if (!was_down)
        fault_note(f,
                   "the broker at 9092 did not stop (%s/deploy/stack down %s): not started by "
                   "a deploy/stack, so the restart was not tested; start it with deploy/stack up",
                   fault_stack_root, stopped ? "left it alone" : "failed");
    if (!up)
        fault_note(f, "the broker did not come back (log /tmp/tr-fault-servers.log)");
    f->row.outage_s = fault_secs(t0, t1);
    if (was_down)
        snprintf(f->row.note, sizeof(f->row.note),
                 "restarted at %zu/%d decided: down %.1f s, up again %.1f s later", at_stop,
                 FAULT_N, fault_secs(t0, t_down), fault_secs(t_down, t1));
    else
        snprintf(f->row.note, sizeof(f->row.note),
                 "NOT restarted: %.80s/deploy/stack could not stop the broker", fault_stack_root);
    if (waitpid(f->routers[0], NULL, WNOHANG) != 0) {
        fault_note(f, "the router exited during the broker restart (log %s)", f->log_path[0]);
        f->routers[0] = 0;
    }
    fault_finish_producing(f);
    fault_await_all(f, t1, 90000);
    fault_verify(f);
}

int main(void)
{
    fault_install_restore();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_broker_restarted_mid_stream_loses_nothing, run_teardown),
    };
    int failed = cmocka_run_group_tests_name("fault.broker", tests, NULL, NULL);
    fault_results_print(stdout);
    return failed;
}
