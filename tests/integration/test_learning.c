/* The learning loop against the real servers: shadow mode claims nothing and records its
 * agreement with the manual assignments; misroute flags and reassignments become labelled
 * training examples; a model published by `train --publish` is picked up by the running router
 * and named in the next decisions, and a worse one is not published. */
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "codec/codec.h"
#include "test_support.h"

static const char FIXTURE[] =
    "INSERT INTO customers (customer_id, tier) VALUES ('c-l', 'pro');"
    "INSERT INTO teams (team, queue) VALUES ('billing', 'billing-q'), ('technical', 'tech-q'),"
    " ('triage', 'triage');"
    "INSERT INTO agents (agent_id, team, capacity) VALUES ('a-b', 'billing', 100),"
    " ('a-t', 'technical', 100);"
    "INSERT INTO category_teams (category, team) VALUES ('billing', 'billing'),"
    " ('technical', 'technical');";

struct fixture {
    struct test_env env;
    pid_t router;
    unsigned port;
    char model_path[128], log_path[256];
    codec *codec;
};

static void csv_write(const char *path)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "text,label\n");
    for (size_t i = 0; i < 200; i++) {
        char text[96];
        const char *label;
        test_two_class_text(i, text, sizeof(text), &label);
        fprintf(fp, "\"%s\",%s\n", text, label);
    }
    fclose(fp);
}

static unsigned free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(a);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

static struct fixture *fixture_new(const char *name, const char *mode)
{
    struct fixture *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    test_env_setup(&f->env, name);
    test_sql(&f->env, FIXTURE);
    snprintf(f->model_path, sizeof(f->model_path), "/tmp/%s.model", f->env.suffix);
    test_two_class_model(f->model_path, "it-v1");
    f->port = free_port();
    char env_model[200], env_mode[64], env_port[64];
    snprintf(env_model, sizeof(env_model), "TICKET_ROUTER_MODEL_PATH=%s", f->model_path);
    snprintf(env_mode, sizeof(env_mode), "TICKET_ROUTER_MODE=%s", mode);
    snprintf(env_port, sizeof(env_port), "TICKET_ROUTER_HTTP_PORT=%u", f->port);
    const char *extra[] = {env_model, env_mode, env_port, NULL};
    snprintf(f->log_path, sizeof(f->log_path), "/tmp/%s.router.log", f->env.suffix);
    f->router = test_router_start(&f->env, extra, f->log_path);
    char err[256];
    f->codec = codec_new(NULL, err, sizeof(err));
    assert_non_null(f->codec);
    return f;
}

static int live_setup(void **state)
{
    *state = fixture_new("learn", "live");
    return 0;
}

static int shadow_setup(void **state)
{
    *state = fixture_new("shadow", "shadow");
    return 0;
}

static int fixture_free(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(test_router_stop(f->router, SIGTERM, 20000), 0);
    codec_free(f->codec);
    unlink(f->model_path);
    test_env_teardown(&f->env);
    free(f);
    return 0;
}

static void send_ticket(struct fixture *f, const char *id, const char *text)
{
    test_send_ticket(&f->env, f->codec, id, "c-l", "Question", text);
}

static void send_event(struct fixture *f, const char *ticket_id, enum ticket_event_type type,
                       const char *agent, const char *team, const char *previous_team,
                       const char *correct_category)
{
    struct ticket_event ev = {0};
    test_unique(ev.event_id, sizeof(ev.event_id), "ev");
    snprintf(ev.ticket_id, sizeof(ev.ticket_id), "%s", ticket_id);
    snprintf(ev.agent_id, sizeof(ev.agent_id), "%s", agent);
    snprintf(ev.team, sizeof(ev.team), "%s", team);
    snprintf(ev.previous_team, sizeof(ev.previous_team), "%s", previous_team);
    snprintf(ev.correct_category, sizeof(ev.correct_category), "%s", correct_category);
    ev.type = type;
    ev.occurred_at_ms = tr_now_unix_ms();
    void *buf = NULL;
    size_t len = 0;
    assert_int_equal(codec_ticket_event_encode(f->codec, &ev, &buf, &len), 0);
    test_produce(&f->env, f->env.topic_events, ticket_id, buf, len);
    free(buf);
}

/* Polls sql (one number) until it reaches want or 30 s pass; returns the last value. */
static long await_sql(struct fixture *f, const char *sql, long want)
{
    long v = 0;
    for (int i = 0; i < 300; i++) {
        if ((v = test_sql_long(&f->env, sql)) >= want)
            return v;
        tr_sleep_ms(100);
    }
    return v;
}

/* The value of one series (exact name and labels) on the router's /metrics; -1 when absent. */
static double metric(struct fixture *f, const char *series)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "curl -sf http://127.0.0.1:%u/metrics", f->port);
    FILE *fp = popen(cmd, "r");
    assert_non_null(fp);
    char line[1024];
    double v = -1;
    size_t n = strlen(series);
    while (fgets(line, sizeof(line), fp))
        if (strncmp(line, series, n) == 0 && line[n] == ' ')
            v = strtod(line + n + 1, NULL);
    pclose(fp);
    return v;
}

/* The sum of every series of a family on /metrics (0 when it has none). */
static double metric_sum(struct fixture *f, const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "curl -sf http://127.0.0.1:%u/metrics", f->port);
    FILE *fp = popen(cmd, "r");
    assert_non_null(fp);
    char line[1024];
    double sum = 0;
    size_t n = strlen(name);
    while (fgets(line, sizeof(line), fp))
        if (strncmp(line, name, n) == 0 && (line[n] == ' ' || line[n] == '{'))
            sum += strtod(strrchr(line, ' ') + 1, NULL);
    pclose(fp);
    return sum;
}

static void test_misroute_and_reassignment_become_training_examples(void **state)
{
    struct fixture *f = *state;
    char prefix[96], t1[128], t2[128], t3[128], sql[512];
    test_unique(prefix, sizeof(prefix), "fb");
    snprintf(t1, sizeof(t1), "%s-1", prefix);
    snprintf(t2, sizeof(t2), "%s-2", prefix);
    snprintf(t3, sizeof(t3), "%s-3", prefix);
    send_ticket(f, t1, "my refund and invoice question");
    send_ticket(f, t2, "my payment and receipt question");
    send_ticket(f, t3, "my billing and price question");
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM decisions WHERE ticket_id LIKE '%s-%%' AND team = 'billing'",
             prefix);
    assert_int_equal(await_sql(f, sql, 3), 3);
    /* The text it was classified from is kept for feedback. */
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM ticket_texts WHERE ticket_id = '%s' "
             "AND text = E'Question\\nmy refund and invoice question'",
             t1);
    assert_int_equal(test_sql_long(&f->env, sql), 1);

    /* A person says t1 is technical; t2 is moved to the technical team; t3 to triage, which
     * no category maps to: its example is labelled with the team. */
    send_event(f, t1, TICKET_EVENT_MISROUTE_FLAGGED, "", "", "", "technical");
    send_event(f, t2, TICKET_EVENT_REASSIGNED, "a-t", "technical", "billing", "");
    send_event(f, t3, TICKET_EVENT_REASSIGNED, "", "triage", "billing", "");
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM training_examples WHERE ticket_id LIKE '%s-%%'", prefix);
    assert_int_equal(await_sql(f, sql, 3), 3);
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM training_examples WHERE ticket_id = '%s' AND source = 'misroute'"
             " AND label = 'technical' AND label_kind = 'category' AND text LIKE '%%refund%%'",
             t1);
    assert_int_equal(test_sql_long(&f->env, sql), 1);
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM training_examples WHERE ticket_id = '%s' AND "
             "source = 'reassignment' AND label = 'technical' AND label_kind = 'category'",
             t2);
    assert_int_equal(test_sql_long(&f->env, sql), 1);
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM training_examples WHERE ticket_id = '%s' AND "
             "source = 'reassignment' AND label = 'triage' AND label_kind = 'team'",
             t3);
    assert_int_equal(test_sql_long(&f->env, sql), 1);

    /* Counted: feedback by the decision's category, examples by source. */
    assert_true(metric(f, "ticket_router_feedback_total{kind=\"misroute\",category=\"billing\"}") ==
                1);
    assert_true(
        metric(f, "ticket_router_feedback_total{kind=\"reassigned_team\",category=\"billing\"}") ==
        2);
    assert_true(metric(f, "ticket_router_training_examples_total{source=\"reassignment\","
                          "label_kind=\"category\"}") == 1);
    assert_true(metric(f, "ticket_router_training_examples_total{source=\"reassignment\","
                          "label_kind=\"team\"}") == 1);
    assert_true(metric(f, "ticket_router_model_info{version=\"it-v1\"}") == 1);
}

static bool log_has(const struct fixture *f, const char *text)
{
    FILE *fp = fopen(f->log_path, "r");
    if (!fp)
        return false;
    char line[4096];
    bool found = false;
    while (!found && fgets(line, sizeof(line), fp))
        found = strstr(line, text) != NULL;
    fclose(fp);
    return found;
}

static void test_published_model_is_picked_up_without_restart(void **state)
{
    struct fixture *f = *state;
    char csv[160], out[160], out_path[200], version[128];
    snprintf(csv, sizeof(csv), "/tmp/%s.train.csv", f->env.suffix);
    snprintf(out, sizeof(out), "/tmp/%s.v2.model", f->env.suffix);
    snprintf(out_path, sizeof(out_path), "/tmp/%s.train.out", f->env.suffix);
    csv_write(csv);
    snprintf(version, sizeof(version), "it-v2-%s", f->env.suffix);
    const char *args[] = {
        "train",    "--data",   csv,         "--text",          "text",  "--label", "label",
        "--pg-dsn", f->env.dsn, "--publish", "--model-version", version, "--out",   out,
        "--quiet",  NULL};
    assert_int_equal(test_tool_run(&f->env, args, out_path), 0);
    char sql[512];
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM models WHERE model_version = '%s' AND published_at IS NOT NULL"
             " AND holdout = 20 AND accuracy = 1 AND octet_length(model) > 1000",
             version);
    assert_int_equal(test_sql_long(&f->env, sql), 1);

    /* The running router reloads it (NOTIFY) and names it in the next decision. */
    char want[192];
    snprintf(want, sizeof(want), "model reloaded version=%s", version);
    for (int i = 0; i < 200 && !log_has(f, want); i++)
        tr_sleep_ms(100);
    assert_true(log_has(f, want));
    char id[128];
    test_unique(id, sizeof(id), "after-v2");
    send_ticket(f, id, "my api and timeout question");
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM decisions WHERE ticket_id = '%s' AND model_version = '%s' "
             "AND team = 'technical'",
             id, version);
    assert_int_equal(await_sql(f, sql, 1), 1);

    /* A worse model (regularised into guessing) is stored with its verdict, not published.
     * --l2 applies to the linear model only, so the hidden layer is turned off. */
    char bad[128];
    snprintf(bad, sizeof(bad), "it-bad-%s", f->env.suffix);
    const char *bad_args[] = {"train",
                              "--data",
                              csv,
                              "--text",
                              "text",
                              "--label",
                              "label",
                              "--pg-dsn",
                              f->env.dsn,
                              "--publish",
                              "--model-version",
                              bad,
                              "--l2",
                              "10",
                              "--hidden",
                              "0",
                              "--out",
                              out,
                              "--quiet",
                              NULL};
    assert_int_equal(test_tool_run(&f->env, bad_args, out_path), 0);
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM models WHERE model_version = '%s' AND published_at IS NULL "
             "AND baseline_version = '%s' AND verdict LIKE 'kept the current model%%'",
             bad, version);
    assert_int_equal(test_sql_long(&f->env, sql), 1);
    test_unique(id, sizeof(id), "after-bad");
    send_ticket(f, id, "my refund and invoice question");
    snprintf(
        sql, sizeof(sql),
        "SELECT count(*) FROM decisions WHERE ticket_id = '%.100s' AND model_version = '%.100s' "
        "AND team = 'billing'",
        id, version);
    assert_int_equal(await_sql(f, sql, 1), 1);
    unlink(csv);
    unlink(out);
    unlink(out_path);
}

static void ignore(const struct kafka_msg *msg, void *arg)
{
    (void)msg;
    (void)arg;
}

/* Messages on a topic of this test's own (all of them are this test's). */
static size_t count_messages(const char *topic, size_t want, int timeout_ms)
{
    return test_consume(topic, want, 64, timeout_ms, 1000, ignore, NULL);
}

static void test_shadow_mode_claims_nothing_and_records_agreement(void **state)
{
    struct fixture *f = *state;
    char prefix[96], id[5][128], sql[512];
    test_unique(prefix, sizeof(prefix), "sh");
    for (int i = 0; i < 5; i++)
        snprintf(id[i], sizeof(id[i]), "%s-%d", prefix, i);
    /* Ticket 4's manual assignment comes before the router decided it. */
    send_event(f, id[4], TICKET_EVENT_ASSIGNED, "a-t", "technical", "", "");
    send_ticket(f, id[0], "my refund and invoice question");  /* billing */
    send_ticket(f, id[1], "my payment and receipt question"); /* billing */
    send_ticket(f, id[2], "my api and timeout question");     /* technical */
    send_ticket(f, id[3], "my crash and exception question"); /* technical */
    send_ticket(f, id[4], "my bug and login fails question"); /* technical */
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM decisions WHERE ticket_id LIKE '%s-%%' AND mode = 'SHADOW' "
             "AND agent_id IS NOT NULL",
             prefix);
    assert_int_equal(await_sql(f, sql, 5), 5);
    /* Published on the shadow topic only; nobody's load moved. */
    assert_int_equal(count_messages(f->env.topic_shadow, 5, 30000), 5);
    assert_int_equal(count_messages(f->env.topic_decisions, 0, 2000), 0);
    assert_int_equal(test_redis_hget_long(&f->env, "load", "a-b"), 0);
    assert_int_equal(test_redis_hget_long(&f->env, "load", "a-t"), 0);

    /* People assign: 0 agrees (billing), 1 goes to technical (disagrees), 2 to a-t without a
     * team (its agent's team, technical: agrees), 3 to billing (disagrees). */
    send_event(f, id[0], TICKET_EVENT_ASSIGNED, "a-b", "billing", "", "");
    send_event(f, id[1], TICKET_EVENT_ASSIGNED, "a-t", "technical", "", "");
    send_event(f, id[2], TICKET_EVENT_ASSIGNED, "a-t", "", "", "");
    send_event(f, id[3], TICKET_EVENT_ASSIGNED, "a-b", "billing", "", "");
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM shadow_comparisons WHERE ticket_id LIKE '%s-%%'", prefix);
    assert_int_equal(await_sql(f, sql, 5), 5);
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM shadow_comparisons WHERE ticket_id LIKE '%s-%%' AND team_agrees",
             prefix);
    assert_int_equal(test_sql_long(&f->env, sql), 3);
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM shadow_comparisons WHERE ticket_id IN ('%s', '%s') AND "
             "NOT team_agrees AND manual_team <> shadow_team",
             id[1], id[3]);
    assert_int_equal(test_sql_long(&f->env, sql), 2);
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM shadow_comparisons WHERE ticket_id = '%s' AND team_agrees "
             "AND manual_team = 'technical' AND manual_agent_id = 'a-t'",
             id[4]);
    assert_int_equal(test_sql_long(&f->env, sql), 1);
    /* A reopened shadow ticket claims nothing either. */
    send_event(f, id[0], TICKET_EVENT_REOPENED, "a-b", "", "", "");
    /* The next event of the ticket (same partition, in order) is stored once that one is done. */
    send_event(f, id[0], TICKET_EVENT_FIRST_RESPONSE, "a-b", "", "", "");
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM ticket_events WHERE ticket_id = '%s' AND type = "
             "'FIRST_RESPONSE'",
             id[0]);
    assert_int_equal(await_sql(f, sql, 1), 1);
    assert_int_equal(test_redis_hget_long(&f->env, "load", "a-b"), 0);
    assert_int_equal(test_redis_hget_long(&f->env, "load", "a-t"), 0);
    assert_true(metric_sum(f, "ticket_router_dependency_errors_total") == 0); /* no retries */
    assert_true(metric(f, "ticket_router_shadow_comparisons_total{category=\"technical\","
                          "result=\"agree\"}") == 2);
    assert_true(metric(f, "ticket_router_shadow_comparisons_total{category=\"billing\","
                          "result=\"disagree\"}") == 1);
    assert_true(metric(f, "ticket_router_decisions_total{mode=\"SHADOW\",category=\"billing\","
                          "team=\"billing\",tier=\"pro\",priority=\"P3\"}") >= 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_misroute_and_reassignment_become_training_examples,
                                        live_setup, fixture_free),
        cmocka_unit_test_setup_teardown(test_published_model_is_picked_up_without_restart,
                                        live_setup, fixture_free),
        cmocka_unit_test_setup_teardown(test_shadow_mode_claims_nothing_and_records_agreement,
                                        shadow_setup, fixture_free),
    };
    return cmocka_run_group_tests_name("integration.learning", tests, NULL, NULL);
}
