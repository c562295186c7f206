/* test_load_rebuild: load_rebuild against the real Redis (127.0.0.1:6379). A rebuild replaces
 * load and claims, sets the epoch and frees the lock in one round trip, and says so at once:
 * it used to read one reply more than it sent (waiting for the whole Redis time-out) and took
 * the lock's reply for EXEC's, so every rebuild reported a failure and the first batch after a
 * Redis restart was retried ("batch failed" and a pause at every start with a fresh Redis). */
#include "test_support.h"

#include <hiredis/hiredis.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "load/load.h"

static load_conn *conn_new(const char *prefix)
{
    struct load_options opts = {
        .host = test_env("TR_TEST_REDIS_HOST", "127.0.0.1"),
        .port = atoi(test_env("TR_TEST_REDIS_PORT", "6379")),
        .timeout_ms = 3000,
        .prefix = prefix,
    };
    char err[256] = "";
    load_conn *conn = load_conn_new(&opts, err, sizeof(err));
    if (!conn)
        fail_msg("load_conn_new %s:%d: %s", opts.host, opts.port, err);
    return conn;
}

static void keys_delete(const char *prefix)
{
    redisContext *redis = redisConnect(test_env("TR_TEST_REDIS_HOST", "127.0.0.1"),
                                       atoi(test_env("TR_TEST_REDIS_PORT", "6379")));
    assert_non_null(redis);
    redisReply *reply =
        redisCommand(redis, "DEL %sload %sclaims %sepoch %srebuild-lock %sdeadlines", prefix,
                     prefix, prefix, prefix, prefix);
    freeReplyObject(reply);
    redisFree(redis);
}

static void test_rebuild_succeeds_at_once_and_restores_claims(void **state)
{
    (void)state;
    char unique[80], prefix[96];
    test_unique(unique, sizeof(unique), "rebuild");
    snprintf(prefix, sizeof(prefix), "test:%s:", unique);
    load_conn *conn = conn_new(prefix);

    assert_int_equal(load_epoch_present(conn), 0);
    assert_int_equal(load_rebuild_lock(conn, 30000), 1);
    const char *tickets[] = {"t-1", "t-2", "t-3"};
    const char *agents[] = {"ann", "ann", "bob"};
    int64_t start = tr_mono_us();
    int rc = load_rebuild(conn, tickets, agents, 3);
    int64_t took_ms = (tr_mono_us() - start) / 1000;
    assert_int_equal(rc, 0);
    /* One round trip on loopback: far below the 3 s time-out it used to wait for. */
    if (took_ms >= 1500)
        fail_msg("load_rebuild took %lld ms (waited for a reply that never comes)",
                 (long long)took_ms);
    assert_int_equal(load_epoch_present(conn), 1);
    /* The lock is free again: another rebuild could take it. */
    assert_int_equal(load_rebuild_lock(conn, 30000), 1);

    char holder[TR_ID_MAX];
    assert_int_equal(load_claim_get(conn, "t-2", holder), 0);
    assert_string_equal(holder, "ann");
    const char *ids[] = {"ann", "bob", "carol"};
    int loads[3];
    enum presence presence[3];
    assert_int_equal(load_agents_get(conn, ids, 3, loads, presence), 0);
    assert_int_equal(loads[0], 2);
    assert_int_equal(loads[1], 1);
    assert_int_equal(loads[2], 0);
    /* The connection is still in step: the next command gets its own reply. */
    assert_int_equal(load_ping(conn), 0);
    assert_int_equal(load_claim(conn, "t-4", "bob", 5, holder), 0);
    assert_string_equal(holder, "bob");

    load_conn_free(conn);
    keys_delete(prefix);
}

/* A batch's claims: each ticket goes to its first candidate with room, also past the first
 * round's four (a second round trip for those whose first four were full); a ticket twice in
 * the batch finds its first claim; a ticket nobody has room for gets none; a new claim sets the
 * deadline, an earlier one keeps its own. */
static void test_claims_go_past_full_candidates_in_order(void **state)
{
    (void)state;
    char unique[80], prefix[96];
    test_unique(unique, sizeof(unique), "claims");
    snprintf(prefix, sizeof(prefix), "test:%s:", unique);
    load_conn *conn = conn_new(prefix);
    assert_int_equal(load_rebuild_lock(conn, 30000), 1);
    const char *tickets[] = {"old-1", "old-2", "old-3", "old-4"};
    const char *holders[] = {"a1", "a2", "a3", "a4"};
    assert_int_equal(load_rebuild(conn, tickets, holders, 4), 0); /* a1..a4 hold one each */
    const char *agents[] = {"a1", "a2", "a3", "a4", "a5", "a6"};
    const int full[] = {1, 1, 1, 1, 1, 1}; /* a1..a4 are full, a5 and a6 have room for one */
    const int roomy[] = {5, 5};
    struct load_claim_req reqs[4] = {
        {.ticket_id = "t-1", .n = 6, .agent_ids = agents, .capacities = full, .due_ms = 1000},
        {.ticket_id = "t-1", .n = 6, .agent_ids = agents, .capacities = full, .due_ms = 2000},
        {.ticket_id = "t-2", .n = 2, .agent_ids = agents, .capacities = roomy},
        {.ticket_id = "t-3", .n = 4, .agent_ids = agents, .capacities = full},
    };
    assert_int_equal(load_claims_first(conn, reqs, 4), 0);
    assert_int_equal(reqs[0].index, 4); /* a5, found in the second round */
    assert_string_equal(reqs[0].holder, "a5");
    assert_int_equal(reqs[0].n, 6);      /* the request is given back as it came */
    assert_int_equal(reqs[1].index, -1); /* the same ticket again: its first claim */
    assert_string_equal(reqs[1].holder, "a5");
    assert_int_equal(reqs[2].index, 0); /* room within the first round */
    assert_string_equal(reqs[2].holder, "a1");
    assert_int_equal(reqs[3].index, -1); /* four candidates, all full: none */
    assert_string_equal(reqs[3].holder, "");
    redisContext *redis = redisConnect(test_env("TR_TEST_REDIS_HOST", "127.0.0.1"),
                                       atoi(test_env("TR_TEST_REDIS_PORT", "6379")));
    assert_non_null(redis);
    redisReply *reply = redisCommand(redis, "ZSCORE %sdeadlines t-1", prefix);
    assert_non_null(reply);
    assert_int_equal(reply->type, REDIS_REPLY_STRING);
    assert_int_equal(atol(reply->str), 1000); /* the new claim's, not the second attempt's */
    freeReplyObject(reply);
    redisFree(redis);
    const char *ids[] = {"a1", "a5", "a6"};
    int loads[3];
    enum presence presence[3];
    assert_int_equal(load_agents_get(conn, ids, 3, loads, presence), 0);
    assert_int_equal(loads[0], 2);
    assert_int_equal(loads[1], 1);
    assert_int_equal(loads[2], 0);
    load_conn_free(conn);
    keys_delete(prefix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rebuild_succeeds_at_once_and_restores_claims),
        cmocka_unit_test(test_claims_go_past_full_candidates_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
