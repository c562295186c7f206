/* Fault scenario: a rebalance during a dependency outage. PostgreSQL is stopped mid-stream, so
 * the first router's batches keep failing and retrying; a second router joins the group, which
 * revokes partitions from the first; PostgreSQL stays down longer than max.poll.interval.ms.
 * The first router must give the revoked partitions' unfinished work up within
 * revoke.timeout_ms (the new owner reads it again, which is safe) instead of waiting for
 * PostgreSQL inside the rebalance callback, where its poll thread would block past
 * max.poll.interval.ms and it would be thrown out of the group. Then PostgreSQL comes back:
 * 0 lost, 0 duplicate decisions, no agent over capacity, both routers still running. */
#include "fault_harness.h"

static int run_teardown(void **state)
{
    return fault_run_free(*state);
}

static void test_rebalance_during_postgres_outage_loses_and_duplicates_nothing(void **state)
{
    struct fault_run *f = fault_run_new(9, "rebalance while PostgreSQL is down", 8);
    *state = f;
    fault_extra_add(f, "TICKET_ROUTER_KAFKA_MAX_POLL_INTERVAL_MS=8000");
    fault_extra_add(f, "TICKET_ROUTER_REVOKE_TIMEOUT_MS=3000");
    fault_router_start(f, 0);
    if (!fault_router_await_assigned(f, 0, 30000))
        fault_note(f, "router 0 never logged an assignment of %s", f->tickets_topic);
    fault_start_producing(f);
    if (!fault_await_decided(f, 40, 60000))
        fault_note(f, "only %zu decisions before the fault", f->n_decided);

    /* The second router starts (it needs PostgreSQL to load its context), and PostgreSQL stops
     * while it is joining: the rebalance that revokes partitions from router 0 comes while
     * router 0's batches fail and retry. */
    fault_router_start(f, 1);
    for (int waited = 0; waited < 30000; waited += 20) {
        if (fault_file_has_line(f->log_path[1], "routing context loaded", NULL))
            break;
        tr_sleep_ms(20);
    }
    size_t at_stop = f->n_decided;
    int64_t t0 = tr_now_unix_ms();
    bool stopped = fault_pg_stop();
    /* Down for longer than max.poll.interval.ms after the second router joined. */
    fault_pump(f, 14000);
    bool started = fault_pg_start();
    int64_t t1 = tr_now_unix_ms();
    if (!stopped)
        fault_note(f, "PostgreSQL did not stop");
    if (!started)
        fault_note(f, "PostgreSQL did not start again");
    f->row.outage_s = fault_secs(t0, t1);

    for (int i = 0; i < 2; i++)
        if (waitpid(f->routers[i], NULL, WNOHANG) != 0) {
            fault_note(f, "router %d exited during the fault (log %s)", i, f->log_path[i]);
            f->routers[i] = 0;
        }
    if (fault_file_has_line(f->log_path[0], "max.poll.interval", NULL) ||
        fault_file_has_line(f->log_path[0], "maximum poll interval", NULL) ||
        fault_file_has_line(f->log_path[0], "MAX_POLL_EXCEEDED", NULL))
        fault_note(f, "router 0 was thrown out of the group (poll interval exceeded)");
    if (!fault_file_has_line(f->log_path[0], "rebalance: in-flight work settled", NULL))
        fault_note(f, "router 0 never finished a rebalance");
    if (!fault_router_await_assigned(f, 1, 30000))
        fault_note(f, "router 1 never got partitions");
    snprintf(f->row.note, sizeof(f->row.note),
             "stopped at %zu/%d decided as a second router joined; 14 s outage "
             "(max.poll.interval.ms 8 s, revoke.timeout_ms 3 s)",
             at_stop, FAULT_N);
    fault_finish_producing(f);
    fault_await_all(f, t1, 90000);
    fault_verify(f);
}

int main(void)
{
    fault_install_restore();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(
            test_rebalance_during_postgres_outage_loses_and_duplicates_nothing, run_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
