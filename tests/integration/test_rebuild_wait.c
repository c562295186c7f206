/* test_rebuild_wait: tickets that wait for Redis to be rebuilt are decided, not dead-lettered,
 * against the real broker, PostgreSQL and Redis. Another replica holds the rebuild lock (a
 * rebuild over a long history takes seconds: 14 s at 5,000,000 decisions) while the router's
 * batches wait; waiting used to count towards giving the message up, so after six retries
 * good tickets went to the dead-letter topic with an empty reason. */
#include "test_support.h"

#include <hiredis/hiredis.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"

static void ignore(const struct kafka_msg *msg, void *arg)
{
    (void)msg;
    (void)arg;
}

static void redis_run(const char *fmt, const char *key)
{
    redisContext *redis = redisConnect(test_env("TR_TEST_REDIS_HOST", "127.0.0.1"),
                                       atoi(test_env("TR_TEST_REDIS_PORT", "6379")));
    assert_true(redis && !redis->err);
    redisReply *reply = redisCommand(redis, fmt, key);
    assert_non_null(reply);
    freeReplyObject(reply);
    redisFree(redis);
}

static void test_tickets_waiting_for_a_rebuild_are_decided_not_dead_lettered(void **state)
{
    (void)state;
    struct test_env env;
    test_env_setup(&env, "rebuildwait");
    char lock[160];
    snprintf(lock, sizeof(lock), "%srebuild-lock", env.redis_prefix);
    /* Another replica is rebuilding (the epoch is missing: a fresh prefix). */
    redis_run("SET %s other PX 60000", lock);
    const char *extra[] = {"TICKET_ROUTER_RETRY_BACKOFF_MAX_MS=400", NULL};
    test_router = test_router_start(&env, extra, "/tmp/test_rebuild_wait.log");
    char err[256];
    codec *c = codec_new(NULL, err, sizeof(err));
    assert_non_null(c);
    for (int i = 0; i < 3; i++) {
        char id[TR_ID_MAX];
        snprintf(id, sizeof(id), "%s-%d", env.suffix, i);
        test_send_ticket(&env, c, id, "c-1", "invoice", "please send the invoice again");
    }
    /* More than six retries (each waits 2 s for the rebuild, then 0.4 s) while the lock is held:
     * the old code gave the first ticket of each partition up after six. */
    tr_sleep_ms(20000);
    assert_int_equal(test_sql_long(&env, "SELECT count(*) FROM decisions"), 0);
    redis_run("DEL %s", lock);
    assert_int_equal(test_consume(env.topic_decisions, 3, 8, 30000, 500, ignore, NULL), 3);
    assert_int_equal(test_consume(env.topic_dlq, 0, 8, 1000, 0, ignore, NULL), 0);
    assert_int_equal(test_router_stop(test_router, SIGTERM, 20000), 0);
    test_router = 0;
    codec_free(c);
    test_env_teardown(&env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_tickets_waiting_for_a_rebuild_are_decided_not_dead_lettered,
                                  test_router_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
