/* test_open_decisions: what a Redis rebuild reads (store_open_claims_each) against the real
 * PostgreSQL: the open live decisions with an agent, kept on the decision by a trigger on
 * ticket_events (migrations/0006) whichever order the lifecycle events come in, with the agent
 * of a later reassignment. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

struct seen {
    size_t n;
    char tickets[8][32], agents[8][32];
};

static void collect(void *arg, const char *ticket_id, const char *agent_id)
{
    struct seen *s = arg;
    if (s->n < 8) {
        snprintf(s->tickets[s->n], sizeof(s->tickets[0]), "%s", ticket_id);
        snprintf(s->agents[s->n], sizeof(s->agents[0]), "%s", agent_id);
        s->n++;
    }
}

static const char *agent_of(const struct seen *s, const char *ticket_id)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->tickets[i], ticket_id) == 0)
            return s->agents[i];
    return NULL;
}

/* A decision row of ticket t with agent a (NULL: none), in mode m. */
static void decision(struct test_env *env, const char *t, const char *a, const char *m)
{
    char sql[1024];
    snprintf(
        sql, sizeof(sql),
        "INSERT INTO decisions (ticket_id, decision_id, customer_id, customer_tier, team, "
        "queue, agent_id, priority, category, confidence, model_version, mode, fallback, "
        "decided_at, latency_us, payload) VALUES ('%s', 'd-%s', 'c', 'free', 'x', 'x', %s%s%s, "
        "'P3', 'x', 0.9, 'm', '%s', false, now() - interval '1 hour', 1, '\\x00')",
        t, t, a ? "'" : "", a ? a : "NULL", a ? "'" : "", m);
    test_sql(env, sql);
}

static void event(struct test_env *env, const char *id, const char *t, const char *type,
                  const char *agent, int minutes_ago)
{
    char sql[512];
    snprintf(sql, sizeof(sql),
             "INSERT INTO ticket_events (event_id, ticket_id, type, agent_id, occurred_at) VALUES "
             "('%s', '%s', '%s', %s%s%s, now() - interval '%d minutes')",
             id, t, type, agent ? "'" : "", agent ? agent : "NULL", agent ? "'" : "", minutes_ago);
    test_sql(env, sql);
}

static void test_open_decisions_follow_the_lifecycle_events(void **state)
{
    (void)state;
    struct test_env env;
    test_env_setup(&env, "open");
    decision(&env, "t-open", "ann", "LIVE");
    decision(&env, "t-resolved", "ann", "LIVE");
    decision(&env, "t-reopened", "bob", "LIVE");
    decision(&env, "t-late-close", "bob", "LIVE");
    decision(&env, "t-moved", "ann", "LIVE");
    decision(&env, "t-shadow", "ann", "SHADOW");
    decision(&env, "t-queued", NULL, "LIVE");
    event(&env, "e1", "t-resolved", "RESOLVED", NULL, 30);
    event(&env, "e2", "t-reopened", "CLOSED", NULL, 40);
    event(&env, "e3", "t-reopened", "REOPENED", NULL, 20);
    /* Out of order: the reopening arrives first, the older close after it. */
    event(&env, "e4", "t-late-close", "REOPENED", NULL, 10);
    event(&env, "e5", "t-late-close", "RESOLVED", NULL, 50);
    event(&env, "e6", "t-moved", "REASSIGNED", "carl", 5);

    char err[256];
    store_conn *pg = store_conn_new(env.dsn, err, sizeof(err));
    assert_non_null(pg);
    struct seen s = {0};
    int n = store_open_claims_each(pg, collect, &s);
    assert_int_equal(n, 4);
    assert_string_equal(agent_of(&s, "t-open"), "ann");
    assert_string_equal(agent_of(&s, "t-reopened"), "bob");
    assert_string_equal(agent_of(&s, "t-late-close"), "bob");
    assert_string_equal(agent_of(&s, "t-moved"), "carl");
    assert_null(agent_of(&s, "t-resolved"));
    assert_null(agent_of(&s, "t-shadow"));
    assert_null(agent_of(&s, "t-queued"));
    /* Closed again after the reopening: no longer open. */
    event(&env, "e7", "t-reopened", "RESOLVED", NULL, 1);
    s.n = 0;
    assert_int_equal(store_open_claims_each(pg, collect, &s), 3);
    assert_null(agent_of(&s, "t-reopened"));
    /* The rebuild reads the open decisions through their partial index. */
    assert_int_equal(test_sql_long(&env, "SELECT count(*) FROM pg_indexes WHERE indexname = "
                                         "'decisions_open'"),
                     1);
    store_conn_free(pg);
    test_env_teardown(&env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_decisions_follow_the_lifecycle_events),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
