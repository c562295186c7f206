/* Fault scenario: poison messages between good ones (garbage bytes, no magic byte, invalid
 * UTF-8 in valid Avro, an empty ticket_id, an unknown schema id, text over 64 KiB, Avro cut
 * short): each lands on the dead-letter topic with a reason naming what is wrong, the original
 * bytes and its source; every good ticket is decided. */
#include "fault_harness.h"

static int run_teardown(void **state)
{
    return fault_run_free(*state);
}

static void test_poison_messages_go_to_dlq_with_reason_and_the_rest_is_decided(void **state)
{
    struct fault_run *f = fault_run_new(6, "poison messages between good ones", 0);
    *state = f;
    fault_router_start(f, 0);
    if (!fault_router_await_assigned(f, 0, 30000))
        fault_note(f, "router never logged an assignment of %s", f->tickets_topic);
    int64_t t0 = tr_now_unix_ms();
    fault_start_producing(f);
    fault_finish_producing(f);
    fault_await_all(f, f->produce_done_ms, 60000);
    f->row.outage_s = 0;
    snprintf(f->row.note, sizeof(f->row.note),
             "7 kinds of invalid event among the tickets (stream %.1f s); recover: last sent "
             "to all decided",
             fault_secs(t0, f->produce_done_ms));

    /* The reason says what is wrong (codec.h lists the texts). */
    static const char *const want[FAULT_N_POISON] = {"avro",      "magic", "utf-8", "ticket_id",
                                                     "schema id", "65536", "avro"};
    for (size_t i = 0; i < f->n_dlq; i++) {
        const struct fault_dlq *q = &f->dlq[i];
        size_t pl = strlen(f->prefix);
        if (strncmp(q->key, f->prefix, pl) != 0 || strncmp(q->key + pl, "-poison-", 8) != 0)
            continue;
        int kind = atoi(q->key + pl + 8);
        if (kind >= 0 && kind < FAULT_N_POISON && !fault_contains_ci(q->reason, want[kind]))
            fault_note(f, "dead letter %s: reason '%s' does not mention '%s'", q->key, q->reason,
                       want[kind]);
    }
    fault_verify(f);
}

int main(void)
{
    fault_install_restore();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(
            test_poison_messages_go_to_dlq_with_reason_and_the_rest_is_decided, run_teardown),
    };
    int failed = cmocka_run_group_tests_name("fault.poison", tests, NULL, NULL);
    fault_results_print(stdout);
    return failed;
}
