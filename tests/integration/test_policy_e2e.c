/* Routing policy end to end, against the real Kafka broker, PostgreSQL and Redis: escalations,
 * one outage incident across two router processes, first-response time-outs, presence and
 * reopened tickets. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codec/codec.h"
#include "test_support.h"

#define MAX_SEEN 1024

struct fixture {
    struct test_env env;
    char tickets_b[160]; /* the second router's own tickets topic (escalation tests) */
    pid_t routers[2];
    size_t n_routers;
    codec *codec;
    kafka_producer *producer;
    kafka_consumer *reader; /* decisions and escalations, from the start */
    size_t n_decisions, n_escalations;
    struct route_decision decisions[MAX_SEEN];
    struct escalation escalations[MAX_SEEN];
};

/* Extra environment of the first router (a group's setup sets it around fixture_new). */
static const char *const *router0_env;

static struct fixture *fixture_new(const char *name, const char *sql, size_t n_routers)
{
    struct fixture *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    test_env_setup(&f->env, name);
    test_sql(&f->env, sql);
    char err[256], log_path[256];
    /* A second router reads a tickets topic of its own (same database, Redis, decisions topic),
     * so that both processes certainly handle part of a burst: in one consumer group the
     * assignor might give one of them only tickets.events partitions. */
    snprintf(f->tickets_b, sizeof(f->tickets_b), "%s-b", f->env.topic_tickets);
    const char *topic_b = f->tickets_b;
    assert_int_equal(kafka_topics_create(&f->env.cfg, &topic_b, 1, 3, 1, 20000, err, sizeof(err)),
                     0);
    char env_topic[200], env_group[200];
    snprintf(env_topic, sizeof(env_topic), "TICKET_ROUTER_TOPIC_TICKETS=%s", f->tickets_b);
    snprintf(env_group, sizeof(env_group), "TICKET_ROUTER_KAFKA_GROUP_ID=%s-b", f->env.group);
    const char *extra_b[] = {env_topic, env_group, NULL};
    f->n_routers = n_routers;
    for (size_t i = 0; i < n_routers; i++) {
        snprintf(log_path, sizeof(log_path), "/tmp/%s.router%zu.log", f->env.suffix, i);
        f->routers[i] = test_router_start(&f->env, i == 1 ? extra_b : router0_env, log_path);
    }
    f->codec = codec_new(NULL, err, sizeof(err));
    f->producer = kafka_producer_new(&f->env.cfg, err, sizeof(err));
    assert_non_null(f->codec);
    assert_non_null(f->producer);
    struct config cfg;
    char group[128];
    test_unique(group, sizeof(group), "policy-reader");
    assert_int_equal(config_load(&cfg, NULL, NULL, err, sizeof(err)), 0);
    assert_int_equal(
        config_kafka_set(&cfg, "bootstrap.servers", test_env("TR_TEST_KAFKA", "127.0.0.1:9092")),
        0);
    assert_int_equal(config_kafka_set(&cfg, "group.id", group), 0);
    const char *topics[] = {f->env.topic_decisions, f->env.topic_escalations};
    f->reader = kafka_consumer_new(&cfg, topics, 2, NULL, NULL, err, sizeof(err));
    config_clear(&cfg);
    assert_non_null(f->reader);
    return f;
}

static int fixture_free(void **state)
{
    struct fixture *f = *state;
    kafka_producer_free(f->producer, 5000);
    kafka_consumer_free(f->reader);
    codec_free(f->codec);
    for (size_t i = 0; i < f->n_routers; i++)
        assert_int_equal(test_router_stop(f->routers[i], SIGTERM, 20000), 0);
    test_env_teardown(&f->env);
    free(f);
    return 0;
}

static void produce(struct fixture *f, const char *topic, const char *key, void *buf, size_t len)
{
    char err[256];
    struct kafka_delivery d;
    kafka_delivery_init(&d);
    assert_int_equal(kafka_produce(f->producer, topic, key, strlen(key), buf, len, NULL, 0, &d, err,
                                   sizeof(err)),
                     0);
    assert_int_equal(kafka_delivery_wait(&d, 30000), 0);
    kafka_delivery_destroy(&d);
    free(buf);
}

static void send_ticket_to(struct fixture *f, const char *topic, const char *id,
                           const char *customer, const char *area, const char *subject,
                           const char *body)
{
    struct ticket t = {0};
    snprintf(t.ticket_id, sizeof(t.ticket_id), "%s", id);
    snprintf(t.customer_id, sizeof(t.customer_id), "%s", customer);
    snprintf(t.product_area, sizeof(t.product_area), "%s", area);
    t.subject = (char *)subject;
    t.body = (char *)body;
    t.created_at_ms = tr_now_unix_ms();
    void *buf = NULL;
    size_t len = 0;
    assert_int_equal(codec_ticket_encode(f->codec, &t, &buf, &len), 0);
    produce(f, topic, id, buf, len);
}

static void send_ticket(struct fixture *f, const char *id, const char *customer, const char *area,
                        const char *subject, const char *body)
{
    send_ticket_to(f, f->env.topic_tickets, id, customer, area, subject, body);
}

static void send_event(struct fixture *f, const char *ticket_id, enum ticket_event_type type,
                       const char *agent, const char *presence)
{
    struct ticket_event ev = {0};
    test_unique(ev.event_id, sizeof(ev.event_id), "ev");
    snprintf(ev.ticket_id, sizeof(ev.ticket_id), "%s", ticket_id);
    snprintf(ev.agent_id, sizeof(ev.agent_id), "%s", agent);
    snprintf(ev.presence, sizeof(ev.presence), "%s", presence);
    ev.type = type;
    ev.occurred_at_ms = tr_now_unix_ms();
    void *buf = NULL;
    size_t len = 0;
    assert_int_equal(codec_ticket_event_encode(f->codec, &ev, &buf, &len), 0);
    produce(f, f->env.topic_events, ticket_id[0] ? ticket_id : agent, buf, len);
}

static size_t count_decisions(const struct fixture *f, const char *prefix, const char *suffix)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n_decisions; i++) {
        const struct route_decision *d = &f->decisions[i];
        size_t len = strlen(d->decision_id), sl = suffix ? strlen(suffix) : 0;
        if (strncmp(d->ticket_id, prefix, strlen(prefix)) == 0 &&
            (!suffix || (len >= sl && strcmp(d->decision_id + len - sl, suffix) == 0)))
            n++;
    }
    return n;
}

/* Read until at least `want` decisions whose ticket id starts with prefix (and decision id ends
 * with suffix, if given) came, or timeout_ms; then settle_ms more for extra ones. */
static size_t await_decisions(struct fixture *f, const char *prefix, const char *suffix,
                              size_t want, int timeout_ms, int settle_ms)
{
    int64_t deadline = tr_now_unix_ms() + timeout_ms, settle_until = 0;
    for (;;) {
        size_t n = count_decisions(f, prefix, suffix);
        int64_t now = tr_now_unix_ms();
        if (n >= want && !settle_until)
            settle_until = now + settle_ms;
        if (now > deadline || (settle_until && now > settle_until))
            return n;
        struct kafka_msg *msg = NULL;
        char err[256];
        int rc = kafka_consumer_poll(f->reader, 100, &msg, err, sizeof(err));
        assert_true(rc >= 0);
        if (rc == 0)
            continue;
        int32_t schema = 0;
        assert_int_equal(codec_frame_schema_id(msg->payload, msg->len, &schema), 0);
        if (schema == CODEC_SCHEMA_ID_ROUTING_DECISION && f->n_decisions < MAX_SEEN)
            assert_int_equal(codec_decision_decode(f->codec, msg->payload, msg->len,
                                                   &f->decisions[f->n_decisions++], err,
                                                   sizeof(err)),
                             0);
        else if (schema == CODEC_SCHEMA_ID_ESCALATION && f->n_escalations < MAX_SEEN)
            assert_int_equal(codec_escalation_decode(f->codec, msg->payload, msg->len,
                                                     &f->escalations[f->n_escalations++], err,
                                                     sizeof(err)),
                             0);
        kafka_msg_free(msg);
    }
}

static const struct route_decision *decision_of(const struct fixture *f, const char *ticket_id,
                                                const char *suffix)
{
    for (size_t i = 0; i < f->n_decisions; i++) {
        const struct route_decision *d = &f->decisions[i];
        size_t len = strlen(d->decision_id), sl = strlen(suffix);
        if (strcmp(d->ticket_id, ticket_id) == 0 && len >= sl &&
            strcmp(d->decision_id + len - sl, suffix) == 0)
            return d;
    }
    fail_msg("no decision %s for %s", suffix, ticket_id);
    return NULL;
}

static bool reasons_have(const struct route_decision *d, const char *text)
{
    for (size_t i = 0; i < d->reasons.n; i++)
        if (strstr(d->reasons.items[i], text))
            return true;
    return false;
}

/* ---- escalations and the outage incident, two routers in one group ---- */

static const char ESCALATION_FIXTURE[] =
    "INSERT INTO teams (team, queue, oncall_target) VALUES ('security', 'security',"
    " 'pagerduty:security'), ('technical', 'technical', 'pagerduty:eng'),"
    " ('triage', 'triage', NULL);"
    "INSERT INTO customers (customer_id, tier, contract_value, account_manager) VALUES"
    " ('c-ent', 'enterprise', 500000, 'am:alice'), ('c-1', 'pro', 100, NULL),"
    " ('c-2', 'pro', 100, NULL), ('c-3', 'pro', 100, NULL), ('c-4', 'pro', 100, NULL),"
    " ('c-5', 'pro', 100, NULL), ('c-6', 'pro', 100, NULL), ('c-7', 'pro', 100, NULL),"
    " ('c-8', 'pro', 100, NULL);"
    "INSERT INTO agents (agent_id, team, capacity, seniority) VALUES"
    " ('sec-1', 'security', 10, 'senior'), ('tech-1', 'technical', 100, 'tier1'),"
    " ('tech-2', 'technical', 100, 'tier1');"
    "INSERT INTO category_teams (category, team, product_area) VALUES"
    " ('security', 'security', NULL), ('technical', 'technical', NULL);"
    "INSERT INTO routing_rules (name, position, conditions, actions) VALUES"
    " ('security-incident', 10, '{\"keywords_any\": [\"breach\", \"data leak\"]}',"
    "  '{\"team\": \"security\", \"category\": \"security\", \"priority\": \"P1\","
    "    \"escalate\": {\"kind\": \"SECURITY\", \"severity\": \"CRITICAL\","
    "    \"notify\": [\"oncall\", \"account_manager\"]}, \"stop\": true}'),"
    " ('technical', 20, '{\"keywords_any\": [\"down\", \"error\"]}',"
    "  '{\"category\": \"technical\"}');"
    "INSERT INTO routing_weights VALUES ('outage', 'customers', 5), ('outage', 'window_s', 600);";

static int escalations_setup(void **state)
{
    *state = fixture_new("policy-esc", ESCALATION_FIXTURE, 2);
    return 0;
}

static void test_enterprise_security_report_is_p1_with_one_security_escalation(void **state)
{
    struct fixture *f = *state;
    char id[96];
    test_unique(id, sizeof(id), "sec");
    send_ticket(f, id, "c-ent", "", "Data breach",
                "We found our customer list on a paste site: a data breach via your API?");
    assert_int_equal(await_decisions(f, id, NULL, 1, 60000, 2000), 1);
    const struct route_decision *d = decision_of(f, id, "");
    assert_string_equal(d->team, "security");
    assert_int_equal(d->priority, PRIORITY_P1);
    assert_string_equal(d->agent_id, "sec-1");
    size_t found = 0;
    for (size_t i = 0; i < f->n_escalations; i++) {
        const struct escalation *e = &f->escalations[i];
        if (strcmp(e->ticket_id, id) != 0)
            continue;
        found++;
        assert_int_equal(e->kind, ESCALATION_SECURITY);
        assert_int_equal(e->severity, SEVERITY_CRITICAL);
        assert_int_equal(e->n_notify, 2);
        assert_string_equal(e->notify[0], "pagerduty:security");
        assert_string_equal(e->notify[1], "am:alice");
        assert_non_null(strstr(e->summary, "Data breach"));
    }
    assert_int_equal(found, 1);
}

static void test_outage_burst_opens_one_incident_across_two_routers(void **state)
{
    struct fixture *f = *state;
    char prefix[96], id[128], customer[16];
    test_unique(prefix, sizeof(prefix), "out");
    for (int i = 1; i <= 8; i++) {
        snprintf(id, sizeof(id), "%s-%d", prefix, i);
        snprintf(customer, sizeof(customer), "c-%d", i);
        /* Alternately to each router. */
        send_ticket_to(f, i % 2 ? f->env.topic_tickets : f->tickets_b, id, customer, "checkout",
                       "Checkout is down",
                       "Our customers cannot pay: checkout is down since a few minutes.");
    }
    assert_int_equal(await_decisions(f, prefix, NULL, 8, 60000, 3000), 8);
    size_t outage = 0, attached = 0;
    char incident[TR_ID_MAX] = "";
    for (size_t i = 0; i < f->n_escalations; i++) {
        const struct escalation *e = &f->escalations[i];
        if (strncmp(e->ticket_id, prefix, strlen(prefix)) != 0)
            continue;
        assert_int_equal(e->kind, ESCALATION_OUTAGE);
        assert_string_equal(e->notify[0], "pagerduty:eng");
        snprintf(incident, sizeof(incident), "%s", e->incident_id);
        outage++;
    }
    assert_int_equal(outage, 1);
    assert_true(incident[0] != '\0');
    for (size_t i = 0; i < f->n_decisions; i++)
        if (strncmp(f->decisions[i].ticket_id, prefix, strlen(prefix)) == 0 &&
            reasons_have(&f->decisions[i], incident))
            attached++;
    /* The 5th report opens it, the 6th to 8th join it: four decisions name it. */
    assert_int_equal(attached, 4);
    assert_int_equal(test_sql_long(&f->env, "SELECT count(*) FROM incidents"), 1);
}

/* ---- time-outs, presence and reopened tickets ---- */

static const char TIMEOUT_FIXTURE[] =
    "INSERT INTO teams (team, queue) VALUES ('support', 'support'), ('triage', 'triage');"
    "INSERT INTO customers (customer_id, tier) VALUES ('c-p', 'pro');"
    "INSERT INTO agents (agent_id, team, capacity) VALUES ('s-1', 'support', 10),"
    " ('s-2', 'support', 10);"
    "INSERT INTO category_teams (category, team) VALUES ('general', 'support');"
    "INSERT INTO routing_rules (name, position, conditions, actions) VALUES"
    " ('general', 10, '{\"keywords_any\": [\"help\"]}', '{\"category\": \"general\"}');"
    /* Three seconds without a first response, at every priority. */
    "INSERT INTO routing_weights VALUES ('timeout', 'p1', 0.05), ('timeout', 'p2', 0.05),"
    " ('timeout', 'p3', 0.05), ('timeout', 'p4', 0.05);";

static int timeouts_setup(void **state)
{
    *state = fixture_new("policy-timeout", TIMEOUT_FIXTURE, 1);
    return 0;
}

static void test_no_first_response_reroutes_and_moves_the_load(void **state)
{
    struct fixture *f = *state;
    char id[96];
    test_unique(id, sizeof(id), "to");
    send_ticket(f, id, "c-p", "", "help", "I need help with my settings");
    assert_int_equal(await_decisions(f, id, NULL, 1, 60000, 0), 1);
    char first[TR_ID_MAX];
    snprintf(first, sizeof(first), "%s", decision_of(f, id, "")->agent_id);
    assert_true(first[0] != '\0');
    assert_int_equal(await_decisions(f, id, "-r1", 1, 30000, 0), 1);
    const struct route_decision *r1 = decision_of(f, id, "-r1");
    assert_string_not_equal(r1->agent_id, first);
    assert_true(reasons_have(r1, "no first response"));
    /* The load moved with it. */
    const char *other = strcmp(first, "s-1") == 0 ? "s-2" : "s-1";
    assert_string_equal(r1->agent_id, other);
    char sql[256];
    snprintf(sql, sizeof(sql), "SELECT revision FROM decisions WHERE ticket_id = '%s'", id);
    assert_true(test_sql_long(&f->env, sql) >= 1);
    send_event(f, id, TICKET_EVENT_RESOLVED, "", "");
}

/* A security ticket needs the security skill: its re-route looks for another agent who has it
 * and, finding none, keeps the ticket with its agent and escalates, rather than handing it to
 * the first free agent without the skill. */
static const char SKILL_FIXTURE[] =
    "INSERT INTO teams (team, queue) VALUES ('support', 'support'), ('triage', 'triage');"
    "INSERT INTO customers (customer_id, tier) VALUES ('c-p', 'pro');"
    "INSERT INTO agents (agent_id, team, capacity) VALUES ('sec-1', 'support', 10),"
    " ('gen-1', 'support', 10), ('gen-2', 'support', 10);"
    "INSERT INTO agent_skills (agent_id, skill) VALUES ('sec-1', 'security');"
    "INSERT INTO category_teams (category, team, required_skill) VALUES"
    " ('security', 'support', 'security');"
    "INSERT INTO routing_rules (name, position, conditions, actions) VALUES"
    " ('security', 10, '{\"keywords_any\": [\"phishing\"]}', '{\"category\": \"security\"}');"
    "INSERT INTO routing_weights VALUES ('timeout', 'p1', 0.05), ('timeout', 'p2', 0.05),"
    " ('timeout', 'p3', 0.05), ('timeout', 'p4', 0.05);";

static int skill_setup(void **state)
{
    *state = fixture_new("policy-skill", SKILL_FIXTURE, 1);
    return 0;
}

static void test_reroute_keeps_the_required_skill(void **state)
{
    struct fixture *f = *state;
    char id[96];
    test_unique(id, sizeof(id), "sk");
    send_ticket(f, id, "c-p", "", "phishing", "I got a phishing mail that looks like you");
    assert_int_equal(await_decisions(f, id, NULL, 1, 60000, 0), 1);
    assert_string_equal(decision_of(f, id, "")->agent_id, "sec-1");
    assert_int_equal(await_decisions(f, id, "-r1", 1, 30000, 0), 1);
    const struct route_decision *r1 = decision_of(f, id, "-r1");
    assert_string_equal(r1->agent_id, "sec-1");
    assert_true(reasons_have(r1, "nobody else available"));
    assert_int_equal(test_redis_hget_long(&f->env, "load", "gen-1"), 0);
    assert_int_equal(test_redis_hget_long(&f->env, "load", "gen-2"), 0);
    send_event(f, id, TICKET_EVENT_RESOLVED, "", "");
}

static void test_first_response_stops_the_timer(void **state)
{
    struct fixture *f = *state;
    char id[96];
    test_unique(id, sizeof(id), "fr");
    send_ticket(f, id, "c-p", "", "help", "help me please");
    assert_int_equal(await_decisions(f, id, NULL, 1, 60000, 0), 1);
    send_event(f, id, TICKET_EVENT_FIRST_RESPONSE, decision_of(f, id, "")->agent_id, "");
    /* Well past the three seconds: no revision. */
    assert_int_equal(await_decisions(f, id, "-r1", 1, 8000, 0), 0);
    send_event(f, id, TICKET_EVENT_RESOLVED, "", "");
}

static void test_offline_agent_gets_nothing_and_reopened_ticket_moves(void **state)
{
    struct fixture *f = *state;
    send_event(f, "", TICKET_EVENT_AGENT_PRESENCE, "s-1", "offline");
    tr_sleep_ms(1500); /* events and tickets are different topics: let the presence land */
    char prefix[96], id[128];
    test_unique(prefix, sizeof(prefix), "pr");
    for (int i = 0; i < 3; i++) {
        snprintf(id, sizeof(id), "%s-%d", prefix, i);
        send_ticket(f, id, "c-p", "", "help", "help needed");
    }
    assert_int_equal(await_decisions(f, prefix, NULL, 3, 60000, 0), 3);
    for (int i = 0; i < 3; i++) {
        snprintf(id, sizeof(id), "%s-%d", prefix, i);
        assert_string_equal(decision_of(f, id, "")->agent_id, "s-2");
        send_event(f, id, TICKET_EVENT_FIRST_RESPONSE, "s-2", "");
    }
    /* s-2 resolves one, then goes offline while s-1 comes back; the customer reopens it. */
    snprintf(id, sizeof(id), "%s-0", prefix);
    send_event(f, id, TICKET_EVENT_RESOLVED, "s-2", "");
    send_event(f, "", TICKET_EVENT_AGENT_PRESENCE, "s-2", "offline");
    send_event(f, "", TICKET_EVENT_AGENT_PRESENCE, "s-1", "online");
    tr_sleep_ms(1500);
    send_event(f, id, TICKET_EVENT_REOPENED, "", "");
    assert_int_equal(await_decisions(f, id, "-r1", 1, 30000, 0), 1);
    const struct route_decision *r1 = decision_of(f, id, "-r1");
    assert_string_equal(r1->agent_id, "s-1");
    assert_true(reasons_have(r1, "reopened while s-2 is offline"));
}

static void test_rule_and_team_added_at_run_time_apply_without_restart(void **state)
{
    struct fixture *f = *state;
    test_sql(&f->env, "INSERT INTO teams (team, queue) VALUES ('special', 'special-q');"
                      "INSERT INTO agents (agent_id, team, capacity) VALUES ('sp-1', 'special', 5);"
                      "INSERT INTO routing_rules (name, position, conditions, actions) VALUES"
                      " ('special', 1, '{\"keywords_any\": [\"zebra\"]}',"
                      "  '{\"team\": \"special\"}');");
    tr_sleep_ms(2000); /* NOTIFY, then the reload */
    char id[96];
    test_unique(id, sizeof(id), "zebra");
    send_ticket(f, id, "c-p", "", "zebra", "help with the zebra crossing");
    assert_int_equal(await_decisions(f, id, NULL, 1, 60000, 0), 1);
    const struct route_decision *d = decision_of(f, id, "");
    assert_string_equal(d->team, "special");
    assert_string_equal(d->queue, "special-q");
    assert_string_equal(d->agent_id, "sp-1");
    assert_true(d->rules_fired.n >= 1);
    assert_string_equal(d->rules_fired.items[0], "special");
}

static void test_full_team_overflows_to_its_overflow_team(void **state)
{
    struct fixture *f = *state;
    test_sql(
        &f->env,
        "INSERT INTO teams (team, queue, overflow_team) VALUES ('small', 'small-q', 'support');"
        "INSERT INTO agents (agent_id, team, capacity) VALUES ('sm-1', 'small', 1);"
        "INSERT INTO routing_rules (name, position, conditions, actions) VALUES"
        " ('small', 2, '{\"keywords_any\": [\"tiny\"]}', '{\"team\": \"small\"}');");
    tr_sleep_ms(2000);
    char prefix[96], id[128];
    test_unique(prefix, sizeof(prefix), "tiny");
    snprintf(id, sizeof(id), "%s-1", prefix);
    send_ticket(f, id, "c-p", "", "tiny", "a tiny question");
    assert_int_equal(await_decisions(f, id, NULL, 1, 60000, 0), 1);
    assert_string_equal(decision_of(f, id, "")->agent_id, "sm-1");
    snprintf(id, sizeof(id), "%s-2", prefix);
    send_ticket(f, id, "c-p", "", "tiny", "another tiny question");
    assert_int_equal(await_decisions(f, id, NULL, 1, 60000, 0), 1);
    const struct route_decision *d = decision_of(f, id, "");
    assert_string_equal(d->team, "support"); /* sm-1 is full */
    assert_true(strcmp(d->agent_id, "s-1") == 0 || strcmp(d->agent_id, "s-2") == 0);
    assert_true(reasons_have(d, "overflow from small to support"));
}

/* ---- escalation signals (signals.path) ---- */

static const char SIGNALS_FIXTURE[] =
    "INSERT INTO teams (team, queue, oncall_target) VALUES ('security', 'security',"
    " 'pagerduty:security'), ('billing', 'billing', NULL), ('triage', 'triage', NULL);"
    "INSERT INTO customers (customer_id, tier, contract_value) VALUES ('c-s', 'pro', 100);"
    "INSERT INTO agents (agent_id, team, capacity, seniority) VALUES"
    " ('sec-1', 'security', 10, 'senior'), ('bill-1', 'billing', 100, 'tier1');"
    "INSERT INTO routing_rules (name, position, conditions, actions) VALUES"
    " ('security-signal', 10, '{\"signals_any\": [\"security\"]}',"
    "  '{\"team\": \"security\", \"priority\": \"P1\","
    "    \"escalate\": {\"kind\": \"SECURITY\", \"severity\": \"CRITICAL\","
    "    \"notify\": [\"oncall\"]}, \"stop\": true}'),"
    " ('billing', 20, '{\"keywords_any\": [\"invoice\"]}', '{\"team\": \"billing\"}');";

static char signals_model_path[256];

static int signals_setup(void **state)
{
    /* The model, trained on the examples the repository ships, by the command users run. */
    test_unique(signals_model_path, sizeof(signals_model_path), "/tmp/signals-e2e");
    strncat(signals_model_path, ".model",
            sizeof(signals_model_path) - strlen(signals_model_path) - 1);
    const char *args[] = {
        "signals",          "train", "--data", TR_SOURCE_DIR "/data/signals", "--out",
        signals_model_path, NULL};
    struct test_env none = {0};
    assert_int_equal(test_tool_run(&none, args, "/tmp/signals-e2e-train.log"), 0);
    static char env_signals[300];
    snprintf(env_signals, sizeof(env_signals), "TICKET_ROUTER_SIGNALS_PATH=%s", signals_model_path);
    const char *const extra[] = {env_signals, NULL};
    router0_env = extra;
    *state = fixture_new("policy-signals", SIGNALS_FIXTURE, 1);
    router0_env = NULL;
    return 0;
}

static int signals_teardown(void **state)
{
    unlink(signals_model_path);
    return fixture_free(state);
}

/* A compromised account described without any of the security rule's words (it has none: it
 * acts on the signal) escalates; an invoice question lists the signals, none fired. */
static void test_security_signal_escalates_and_every_decision_lists_signals(void **state)
{
    struct fixture *f = *state;
    char sec[96], bill[96];
    test_unique(sec, sizeof(sec), "sig-sec");
    test_unique(bill, sizeof(bill), "sig-bill");
    send_ticket(f, sec, "c-s", "", "Our account was hacked",
                "Someone hacked our admin account last night and created new API keys.");
    send_ticket(f, bill, "c-s", "", "Invoice copy", "Could you send me a copy of the invoice?");
    assert_int_equal(await_decisions(f, "sig-", NULL, 2, 60000, 1500), 2);
    const struct route_decision *d = decision_of(f, sec, "");
    assert_string_equal(d->team, "security");
    assert_int_equal(d->priority, PRIORITY_P1);
    assert_true(reasons_have(d, "signals: security"));
    assert_true(reasons_have(d, "rule security-signal fired on \"signal security\""));
    size_t n = 0;
    for (size_t i = 0; i < f->n_escalations; i++)
        if (strcmp(f->escalations[i].ticket_id, sec) == 0) {
            assert_int_equal(f->escalations[i].kind, ESCALATION_SECURITY);
            n++;
        }
    assert_int_equal(n, 1);
    const struct route_decision *b = decision_of(f, bill, "");
    assert_string_equal(b->team, "billing");
    assert_true(reasons_have(b, "signals: security 0."));
    assert_false(reasons_have(b, "(fired)"));
    for (size_t i = 0; i < f->n_escalations; i++)
        assert_string_not_equal(f->escalations[i].ticket_id, bill);
}

int main(void)
{
    const struct CMUnitTest escalations[] = {
        cmocka_unit_test(test_enterprise_security_report_is_p1_with_one_security_escalation),
        cmocka_unit_test(test_outage_burst_opens_one_incident_across_two_routers),
    };
    const struct CMUnitTest timeouts[] = {
        cmocka_unit_test(test_no_first_response_reroutes_and_moves_the_load),
        cmocka_unit_test(test_first_response_stops_the_timer),
        cmocka_unit_test(test_offline_agent_gets_nothing_and_reopened_ticket_moves),
        cmocka_unit_test(test_rule_and_team_added_at_run_time_apply_without_restart),
        cmocka_unit_test(test_full_team_overflows_to_its_overflow_team),
    };
    int failed = cmocka_run_group_tests_name("integration.policy_escalations", escalations,
                                             escalations_setup, fixture_free);
    failed += cmocka_run_group_tests_name("integration.policy_timeouts", timeouts, timeouts_setup,
                                          fixture_free);
    const struct CMUnitTest skills[] = {
        cmocka_unit_test(test_reroute_keeps_the_required_skill),
    };
    failed +=
        cmocka_run_group_tests_name("integration.policy_skills", skills, skill_setup, fixture_free);
    const struct CMUnitTest signals[] = {
        cmocka_unit_test(test_security_signal_escalates_and_every_decision_lists_signals),
    };
    failed += cmocka_run_group_tests_name("integration.policy_signals", signals, signals_setup,
                                          signals_teardown);
    return failed;
}
