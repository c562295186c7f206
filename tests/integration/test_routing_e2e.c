/* End to end against the real Kafka broker, PostgreSQL and Redis: the built ticket-router runs
 * as a separate process on its own database, topics, group and Redis keys. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "codec/codec.h"
#include "test_support.h"

static const char FIXTURE[] =
    "INSERT INTO sla_policies VALUES ('gold', 'enterprise', 30, 60, 240, 480);"
    "INSERT INTO customers (customer_id, tier, contract_value, sla_policy, language) VALUES"
    " ('c-free', 'free', 0, NULL, 'en'), ('c-ent', 'enterprise', 100000, 'gold', 'en');"
    "INSERT INTO teams (team, queue) VALUES ('billing', 'billing-q'), ('technical', 'tech-q'),"
    " ('triage', 'triage'), ('general', 'general');"
    "INSERT INTO agents (agent_id, team, capacity, languages) VALUES"
    " ('a-bill-1', 'billing', 3, '{en}'), ('a-bill-2', 'billing', 3, '{en}'),"
    " ('a-tech-1', 'technical', 50, '{en}'), ('a-tech-off', 'technical', 50, '{en}');"
    "UPDATE agents SET active = false WHERE agent_id = 'a-tech-off';"
    "INSERT INTO agent_skills VALUES ('a-bill-1', 'billing', 0.9), ('a-bill-2', 'billing', 0.6);"
    "INSERT INTO category_teams VALUES ('billing', 'billing', 'billing', NULL),"
    " ('technical', 'technical', NULL, NULL);"
    "INSERT INTO routing_rules (name, position, conditions, actions) VALUES"
    " ('billing-kw', 10, '{\"keywords_any\": [\"invoice\", \"refund\"]}', '{\"category\": "
    "\"billing\"}'),"
    " ('tech-kw', 20, '{\"keywords_any\": [\"crash\", \"error\"]}', '{\"category\": "
    "\"technical\"}');";

struct fixture {
    struct test_env env;
    pid_t router;
    char log_path[256];
    codec *codec;
    kafka_producer *producer;
    kafka_consumer *decisions; /* reads the decisions topic from the start, for every test */
    size_t n_seen;
    struct route_decision seen[512];
};

static int group_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    test_env_setup(&f->env, "e2e");
    test_sql(&f->env, FIXTURE);
    snprintf(f->log_path, sizeof(f->log_path), "/tmp/%s.router.log", f->env.suffix);
    f->router = test_router_start(&f->env, NULL, f->log_path);
    char err[256];
    f->codec = codec_new(NULL, err, sizeof(err));
    f->producer = kafka_producer_new(&f->env.cfg, err, sizeof(err));
    assert_non_null(f->codec);
    assert_non_null(f->producer);
    char group[128];
    test_unique(group, sizeof(group), "e2e-reader");
    struct config cfg;
    assert_int_equal(config_load(&cfg, NULL, NULL, err, sizeof(err)), 0);
    assert_int_equal(
        config_kafka_set(&cfg, "bootstrap.servers", test_env("TR_TEST_KAFKA", "127.0.0.1:9092")),
        0);
    assert_int_equal(config_kafka_set(&cfg, "group.id", group), 0);
    const char *topic = f->env.topic_decisions;
    f->decisions = kafka_consumer_new(&cfg, &topic, 1, NULL, NULL, err, sizeof(err));
    config_clear(&cfg);
    assert_non_null(f->decisions);
    *state = f;
    return 0;
}

static int group_teardown(void **state)
{
    struct fixture *f = *state;
    kafka_producer_free(f->producer, 5000);
    kafka_consumer_free(f->decisions);
    codec_free(f->codec);
    if (f->router > 0)
        test_router_stop(f->router, SIGKILL, 5000);
    test_env_teardown(&f->env);
    free(f);
    return 0;
}

static void produce_ticket(struct fixture *f, const char *ticket_id, const char *customer,
                           const char *subject, const char *body)
{
    struct ticket t = {0};
    snprintf(t.ticket_id, sizeof(t.ticket_id), "%s", ticket_id);
    snprintf(t.customer_id, sizeof(t.customer_id), "%s", customer);
    t.subject = (char *)subject;
    t.body = (char *)body;
    snprintf(t.channel, sizeof(t.channel), "email");
    t.created_at_ms = tr_now_unix_ms();
    void *buf = NULL;
    size_t len = 0;
    assert_int_equal(codec_ticket_encode(f->codec, &t, &buf, &len), 0);
    char err[256];
    assert_int_equal(kafka_produce(f->producer, f->env.topic_tickets, ticket_id, strlen(ticket_id),
                                   buf, len, NULL, 0, NULL, err, sizeof(err)),
                     0);
    free(buf);
}

static void produce_raw(struct fixture *f, const char *topic, const char *key, const void *buf,
                        size_t len)
{
    char err[256];
    assert_int_equal(kafka_produce(f->producer, topic, key, strlen(key), buf, len, NULL, 0, NULL,
                                   err, sizeof(err)),
                     0);
}

/* Decisions on the decisions topic whose ticket id starts with prefix: waits until `expected`
 * came (or 60 s), then 1.5 s more to catch any extra one. Returns how many came. */
static size_t decisions_collect(struct fixture *f, const char *prefix, size_t expected,
                                struct route_decision *out, size_t max)
{
    int64_t deadline = tr_now_unix_ms() + 60000, settle_until = 0;
    size_t got = 0;
    for (;;) {
        got = 0;
        for (size_t i = 0; i < f->n_seen; i++)
            if (strncmp(f->seen[i].ticket_id, prefix, strlen(prefix)) == 0 && got < max)
                out[got++] = f->seen[i];
        int64_t now = tr_now_unix_ms();
        if (got >= expected && !settle_until)
            settle_until = now + 1500;
        if (now > deadline || (settle_until && now > settle_until))
            break;
        struct kafka_msg *msg = NULL;
        char err[256];
        int rc = kafka_consumer_poll(f->decisions, 100, &msg, err, sizeof(err));
        assert_true(rc >= 0);
        if (rc == 1) {
            assert_true(f->n_seen < sizeof(f->seen) / sizeof(f->seen[0]));
            assert_int_equal(codec_decision_decode(f->codec, msg->payload, msg->len,
                                                   &f->seen[f->n_seen], err, sizeof(err)),
                             0);
            f->n_seen++;
            kafka_msg_free(msg);
        }
    }
    return got;
}

static void test_n_tickets_yield_n_decisions_agents_within_capacity(void **state)
{
    struct fixture *f = *state;
    char prefix[96], id[128];
    test_unique(prefix, sizeof(prefix), "cap");
    for (int i = 0; i < 10; i++) {
        snprintf(id, sizeof(id), "%s-bill-%d", prefix, i);
        produce_ticket(f, id, i % 2 ? "c-free" : "c-ent", "Question about my invoice",
                       "The invoice for March looks wrong, please check.");
    }
    for (int i = 0; i < 4; i++) {
        snprintf(id, sizeof(id), "%s-tech-%d", prefix, i);
        produce_ticket(f, id, "c-free", "App crash", "The app shows an error and crashes.");
    }
    for (int i = 0; i < 2; i++) {
        snprintf(id, sizeof(id), "%s-vague-%d", prefix, i);
        produce_ticket(f, id, "c-unknown", "Hello", "Can someone call me back?");
    }
    static struct route_decision d[64];
    size_t n = decisions_collect(f, prefix, 16, d, 64);
    assert_int_equal(n, 16);

    int per_agent_bill1 = 0, per_agent_bill2 = 0, queued_billing = 0, tech = 0, triage = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(d[i].ticket_id, d[j].ticket_id);
        if (strstr(d[i].ticket_id, "-bill-")) {
            assert_string_equal(d[i].team, "billing");
            assert_string_equal(d[i].category, "billing");
            assert_string_equal(d[i].queue, "billing-q");
            if (strcmp(d[i].agent_id, "a-bill-1") == 0)
                per_agent_bill1++;
            else if (strcmp(d[i].agent_id, "a-bill-2") == 0)
                per_agent_bill2++;
            else {
                assert_string_equal(d[i].agent_id, "");
                queued_billing++;
            }
        } else if (strstr(d[i].ticket_id, "-tech-")) {
            assert_string_equal(d[i].team, "technical");
            assert_string_equal(d[i].agent_id, "a-tech-1"); /* never the inactive one */
            tech++;
        } else {
            assert_string_equal(d[i].team, "triage");
            assert_string_equal(d[i].queue, "triage");
            assert_true(d[i].fallback);
            assert_false(d[i].customer_known);
            triage++;
        }
        assert_true(d[i].decision_id[0] != '\0');
    }
    /* Capacity 3 each: exactly six assigned, four queued, nobody above capacity. */
    assert_int_equal(per_agent_bill1, 3);
    assert_int_equal(per_agent_bill2, 3);
    assert_int_equal(queued_billing, 4);
    assert_int_equal(tech, 4);
    assert_int_equal(triage, 2);
    assert_int_equal(test_redis_hget_long(&f->env, "load", "a-bill-1"), 3);
    assert_int_equal(test_redis_hget_long(&f->env, "load", "a-bill-2"), 3);

    char sql[256];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM decisions WHERE ticket_id LIKE '%s-%%'",
             prefix);
    assert_int_equal(test_sql_long(&f->env, sql), 16);
    /* Enterprise SLA: P2 within 60 minutes of creation. */
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM decisions WHERE ticket_id LIKE '%s-bill-%%' AND "
             "customer_tier = 'enterprise' AND priority = 'P2' AND first_response_due IS NOT NULL",
             prefix);
    assert_int_equal(test_sql_long(&f->env, sql), 5);
}

static void test_same_ticket_twice_is_assigned_once(void **state)
{
    struct fixture *f = *state;
    char prefix[96], id[128];
    test_unique(prefix, sizeof(prefix), "dup");
    snprintf(id, sizeof(id), "%s-1", prefix);
    long tech_load_before = test_redis_hget_long(&f->env, "load", "a-tech-1");
    produce_ticket(f, id, "c-free", "crash", "It crashed with an error");
    static struct route_decision d[8];
    assert_int_equal(decisions_collect(f, prefix, 1, d, 8), 1);
    produce_ticket(f, id, "c-free", "crash", "It crashed with an error");
    size_t n = decisions_collect(f, prefix, 2, d, 8);
    /* The replay republishes the stored decision: same id, same agent, no second claim. */
    assert_int_equal(n, 2);
    assert_string_equal(d[0].decision_id, d[1].decision_id);
    assert_string_equal(d[0].agent_id, d[1].agent_id);
    assert_string_equal(d[0].agent_id, "a-tech-1");
    assert_int_equal(test_redis_hget_long(&f->env, "load", "a-tech-1"), tech_load_before + 1);
    char sql[256];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM decisions WHERE ticket_id = '%s'", id);
    assert_int_equal(test_sql_long(&f->env, sql), 1);
}

static void produce_event(struct fixture *f, const char *ticket_id, enum ticket_event_type type)
{
    struct ticket_event ev = {0};
    test_unique(ev.event_id, sizeof(ev.event_id), "ev");
    snprintf(ev.ticket_id, sizeof(ev.ticket_id), "%s", ticket_id);
    ev.type = type;
    ev.occurred_at_ms = tr_now_unix_ms();
    void *buf = NULL;
    size_t len = 0;
    assert_int_equal(codec_ticket_event_encode(f->codec, &ev, &buf, &len), 0);
    produce_raw(f, f->env.topic_events, ticket_id, buf, len);
    free(buf);
}

/* Waits (up to 30 s) until has(env, ticket_id) is want; returns the last answer. */
static bool await_redis(struct fixture *f, bool (*has)(const struct test_env *, const char *),
                        const char *ticket_id, bool want)
{
    bool v = !want;
    for (int i = 0; i < 300 && (v = has(&f->env, ticket_id)) != want; i++)
        tr_sleep_ms(100);
    return v;
}

/* The same ticket decided again once its agent answered (a duplicate webhook, a replay after a
 * crash): the stored decision goes out again, the claim stays the first one's and the deadline
 * the first response cleared is not revived. */
static void test_replay_after_first_response_keeps_state(void **state)
{
    struct fixture *f = *state;
    char prefix[96], id[128];
    test_unique(prefix, sizeof(prefix), "dupfr");
    snprintf(id, sizeof(id), "%s-1", prefix);
    long load_before = test_redis_hget_long(&f->env, "load", "a-tech-1");
    produce_ticket(f, id, "c-free", "crash", "It crashed with an error");
    static struct route_decision d[8];
    assert_int_equal(decisions_collect(f, prefix, 1, d, 8), 1);
    assert_true(test_redis_claimed(&f->env, id));
    assert_true(test_redis_deadline(&f->env, id));
    produce_event(f, id, TICKET_EVENT_FIRST_RESPONSE);
    assert_false(await_redis(f, test_redis_deadline, id, false));
    produce_ticket(f, id, "c-free", "crash", "It crashed with an error");
    assert_int_equal(decisions_collect(f, prefix, 2, d, 8), 2);
    assert_string_equal(d[0].decision_id, d[1].decision_id);
    assert_false(test_redis_deadline(&f->env, id));
    assert_true(test_redis_claimed(&f->env, id));
    assert_int_equal(test_redis_hget_long(&f->env, "load", "a-tech-1"), load_before + 1);
}

/* The same ticket decided again after it was resolved: the new attempt finds room and claims an
 * agent before the store says the ticket had a decision; that claim and its deadline are
 * withdrawn, so the agents' load is what the decisions that stand say. */
static void test_replay_after_resolution_claims_nothing(void **state)
{
    struct fixture *f = *state;
    char prefix[96], id[128];
    test_unique(prefix, sizeof(prefix), "dupres");
    snprintf(id, sizeof(id), "%s-1", prefix);
    long load_before = test_redis_hget_long(&f->env, "load", "a-tech-1");
    produce_ticket(f, id, "c-free", "crash", "It crashed with an error");
    static struct route_decision d[8];
    assert_int_equal(decisions_collect(f, prefix, 1, d, 8), 1);
    assert_string_equal(d[0].agent_id, "a-tech-1");
    produce_event(f, id, TICKET_EVENT_RESOLVED);
    assert_false(await_redis(f, test_redis_claimed, id, false));
    assert_int_equal(test_redis_hget_long(&f->env, "load", "a-tech-1"), load_before);
    produce_ticket(f, id, "c-free", "crash", "It crashed with an error");
    assert_int_equal(decisions_collect(f, prefix, 2, d, 8), 2);
    assert_string_equal(d[0].decision_id, d[1].decision_id);
    assert_false(test_redis_claimed(&f->env, id));
    assert_false(test_redis_deadline(&f->env, id));
    assert_int_equal(test_redis_hget_long(&f->env, "load", "a-tech-1"), load_before);
    char sql[256];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM decisions WHERE ticket_id = '%s'", id);
    assert_int_equal(test_sql_long(&f->env, sql), 1);
}

struct dlq_check {
    const char *prefix;
    const char *source;
    size_t len;
    size_t mine;
};

static void dlq_inspect(const struct kafka_msg *msg, void *arg)
{
    struct dlq_check *check = arg;
    char reason[256], source[256];
    size_t plen = strlen(check->prefix);
    if (msg->key_len <= plen || memcmp(msg->key, check->prefix, plen) != 0)
        return;
    check->mine++;
    test_msg_header(msg, "x-dlq-reason", reason, sizeof(reason));
    test_msg_header(msg, "x-dlq-source-topic", source, sizeof(source));
    assert_true(reason[0] != '\0');
    assert_string_equal(source, check->source);
    /* The original bytes are kept, so nothing is lost. */
    assert_int_equal(msg->len, check->len);
}

static void test_malformed_event_goes_to_dlq_and_service_goes_on(void **state)
{
    struct fixture *f = *state;
    char prefix[96], id[128];
    test_unique(prefix, sizeof(prefix), "dlq");
    snprintf(id, sizeof(id), "%s-bad", prefix);
    const char garbage[] = "\x00\x00\x00\x03\xe9this is not avro";
    produce_raw(f, f->env.topic_tickets, id, garbage, sizeof(garbage) - 1);
    snprintf(id, sizeof(id), "%s-good", prefix);
    produce_ticket(f, id, "c-free", "refund", "Please refund my invoice");

    static struct route_decision d[4];
    assert_int_equal(decisions_collect(f, prefix, 1, d, 4), 1);
    assert_string_equal(d[0].ticket_id, id);

    struct dlq_check check = {
        .prefix = prefix, .source = f->env.topic_tickets, .len = sizeof(garbage) - 1};
    test_consume(f->env.topic_dlq, 1, 16, 30000, 1000, dlq_inspect, &check);
    size_t mine = check.mine;
    assert_int_equal(mine, 1);
}

static void test_dlq_redrive_sends_dead_letters_back_once(void **state)
{
    struct fixture *f = *state;
    char out_path[256];
    snprintf(out_path, sizeof(out_path), "/tmp/%s.redrive.log", f->env.suffix);
    char group[128];
    test_unique(group, sizeof(group), "redrive");
    const char *args[] = {"dlq", "redrive", "--group", group, "--timeout-ms", "4000", NULL};
    assert_int_equal(test_tool_run(&f->env, args, out_path), 0);
    char *out = NULL;
    char err[256];
    assert_int_equal(tr_file_read(out_path, &out, NULL, err, sizeof(err)), 0);
    /* The malformed ticket of the test before: back to the tickets topic once. */
    assert_non_null(strstr(out, "re-drove 1 dead letters"));
    char first[64] = "";
    /* "partition=P offset=O": offsets count per partition. */
    const char *at = strstr(out, "partition=");
    assert_non_null(at);
    snprintf(first, sizeof(first), "%.*s", (int)(strstr(at, " to ") - at), at);
    free(out);
    /* The router reads it again and dead-letters it again (it is still malformed): two copies
     * in the DLQ now, the second from the re-driven message. */
    struct dlq_check check = {.prefix = "dlq-", .source = f->env.topic_tickets, .len = 21};
    test_consume(f->env.topic_dlq, 2, 16, 30000, 1000, dlq_inspect, &check);
    assert_int_equal(check.mine, 2);
    /* A second run re-drives only the new dead letter, never the first one again. */
    snprintf(out_path, sizeof(out_path), "/tmp/%s.redrive2.log", f->env.suffix);
    assert_int_equal(test_tool_run(&f->env, args, out_path), 0);
    assert_int_equal(tr_file_read(out_path, &out, NULL, err, sizeof(err)), 0);
    assert_non_null(strstr(out, "re-drove 1 dead letters"));
    at = strstr(out, "partition=");
    assert_non_null(at);
    assert_true(strncmp(at, first, strlen(first)) != 0);
    free(out);
}

static void test_resolved_event_frees_agent_load(void **state)
{
    struct fixture *f = *state;
    char prefix[96], id[128];
    test_unique(prefix, sizeof(prefix), "res");
    snprintf(id, sizeof(id), "%s-1", prefix);
    produce_ticket(f, id, "c-free", "crash", "error on start");
    static struct route_decision d[4];
    assert_int_equal(decisions_collect(f, prefix, 1, d, 4), 1);
    long load = test_redis_hget_long(&f->env, "load", "a-tech-1");
    assert_true(load >= 1);

    struct ticket_event ev = {0};
    snprintf(ev.event_id, sizeof(ev.event_id), "%s-ev", prefix);
    snprintf(ev.ticket_id, sizeof(ev.ticket_id), "%s", id);
    snprintf(ev.agent_id, sizeof(ev.agent_id), "a-tech-1");
    ev.type = TICKET_EVENT_RESOLVED;
    ev.occurred_at_ms = tr_now_unix_ms();
    void *buf = NULL;
    size_t len = 0;
    assert_int_equal(codec_ticket_event_encode(f->codec, &ev, &buf, &len), 0);
    produce_raw(f, f->env.topic_events, id, buf, len);
    free(buf);

    char sql[256];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM ticket_events WHERE event_id = '%s-ev'",
             prefix);
    long stored = 0, now_load = load;
    for (int i = 0; i < 200 && (stored == 0 || now_load == load); i++) {
        tr_sleep_ms(100);
        stored = test_sql_long(&f->env, sql);
        now_load = test_redis_hget_long(&f->env, "load", "a-tech-1");
    }
    assert_int_equal(stored, 1);
    assert_int_equal(now_load, load - 1);
}

static void test_sigterm_finishes_and_exits_zero(void **state)
{
    struct fixture *f = *state;
    char prefix[96], id[128];
    test_unique(prefix, sizeof(prefix), "term");
    for (int i = 0; i < 20; i++) {
        snprintf(id, sizeof(id), "%s-%d", prefix, i);
        produce_ticket(f, id, "c-free", "crash", "error");
    }
    static struct route_decision d[32];
    assert_int_equal(decisions_collect(f, prefix, 20, d, 32), 20);
    int status = test_router_stop(f->router, SIGTERM, 20000);
    f->router = 0;
    assert_int_equal(status, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_n_tickets_yield_n_decisions_agents_within_capacity),
        cmocka_unit_test(test_same_ticket_twice_is_assigned_once),
        cmocka_unit_test(test_replay_after_first_response_keeps_state),
        cmocka_unit_test(test_replay_after_resolution_claims_nothing),
        cmocka_unit_test(test_malformed_event_goes_to_dlq_and_service_goes_on),
        cmocka_unit_test(test_dlq_redrive_sends_dead_letters_back_once),
        cmocka_unit_test(test_resolved_event_frees_agent_load),
        cmocka_unit_test(test_sigterm_finishes_and_exits_zero),
    };
    return cmocka_run_group_tests_name("integration.routing_e2e", tests, group_setup,
                                       group_teardown);
}
