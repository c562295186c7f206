/* test_customer_cache: the process-wide customer cache, against the real broker, PostgreSQL and
 * Redis. A customer changed in PostgreSQL reaches the next decision at once (NOTIFY drops the
 * cached copy; the TTL is set to an hour so only the invalidation can explain it), a customer
 * added after a ticket from an unknown id is known for the next one, and tickets of customers
 * already seen are decided without fetching them again (the cache's hit counter). The value
 * percentile comes from the quantiles in the routing context, not from counting customers per
 * ticket. */
#include "test_support.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/error.h"

static const char FIXTURE[] =
    "INSERT INTO customers (customer_id, tier, contract_value) VALUES ('c-1', 'pro', 10),"
    " ('c-2', 'free', 0), ('c-3', 'free', 0), ('c-4', 'free', 0);"
    "INSERT INTO teams (team, queue) VALUES ('triage', 'triage'), ('general', 'general');";

struct seen {
    size_t n;
    struct route_decision d[16];
};

static void collect(const struct kafka_msg *msg, void *arg)
{
    struct seen *s = arg;
    char err[256];
    codec *c = codec_new(NULL, err, sizeof(err));
    assert_non_null(c);
    if (s->n < 16 &&
        codec_decision_decode(c, msg->payload, msg->len, &s->d[s->n], err, sizeof(err)) == 0)
        s->n++;
    codec_free(c);
}

static const struct route_decision *find(const struct seen *s, const char *ticket_id)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->d[i].ticket_id, ticket_id) == 0)
            return &s->d[i];
    return NULL;
}

/* Send ticket id for customer and wait until the decisions topic holds `total` decisions. */
static const struct route_decision *decide(struct test_env *env, codec *c, struct seen *s,
                                           const char *id, const char *customer, size_t total)
{
    test_send_ticket(env, c, id, customer, "question", "a general question about my account");
    s->n = 0;
    test_consume(env->topic_decisions, total, 16, 30000, 0, collect, s);
    const struct route_decision *d = find(s, id);
    if (!d)
        fail_msg("no decision for %s", id);
    return d;
}

static void test_changed_customer_reaches_the_next_decision(void **state)
{
    (void)state;
    struct test_env env;
    test_env_setup(&env, "custcache");
    test_sql(&env, FIXTURE);
    unsigned port = test_port(22000);
    char port_var[64];
    snprintf(port_var, sizeof(port_var), "TICKET_ROUTER_HTTP_PORT=%u", port);
    const char *extra[] = {port_var, "TICKET_ROUTER_CACHE_CUSTOMER_TTL_MS=3600000", NULL};
    test_router = test_router_start(&env, extra, "/tmp/test_customer_cache.log");
    char err[256];
    codec *c = codec_new(NULL, err, sizeof(err));
    assert_non_null(c);
    struct seen s = {0};
    char id[8][TR_ID_MAX];
    for (int i = 0; i < 8; i++)
        snprintf(id[i], sizeof(id[i]), "%s-%d", env.suffix, i);

    const struct route_decision *d = decide(&env, c, &s, id[0], "c-1", 1);
    assert_int_equal(d->customer_tier, TIER_PRO);
    /* Four customers, c-1 the only one paying: the top of the distribution. */
    d = decide(&env, c, &s, id[1], "c-1", 2);
    assert_int_equal(d->customer_tier, TIER_PRO);
    long hits = test_metric(port, "ticket_router_customer_cache_total{result=\"hit\"}");
    assert_true(hits >= 1);

    test_sql(&env, "UPDATE customers SET tier = 'enterprise' WHERE customer_id = 'c-1'");
    tr_sleep_ms(300); /* the NOTIFY reaches the router within milliseconds */
    d = decide(&env, c, &s, id[2], "c-1", 3);
    assert_int_equal(d->customer_tier, TIER_ENTERPRISE);

    /* Unknown, then added: the next ticket knows it. */
    d = decide(&env, c, &s, id[3], "c-new", 4);
    assert_false(d->customer_known);
    test_sql(&env, "INSERT INTO customers (customer_id, tier) VALUES ('c-new', 'enterprise')");
    tr_sleep_ms(300);
    d = decide(&env, c, &s, id[4], "c-new", 5);
    assert_true(d->customer_known);
    assert_int_equal(d->customer_tier, TIER_ENTERPRISE);

    assert_int_equal(test_router_stop(test_router, SIGTERM, 20000), 0);
    test_router = 0;
    codec_free(c);
    test_env_teardown(&env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_changed_customer_reaches_the_next_decision,
                                  test_router_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
