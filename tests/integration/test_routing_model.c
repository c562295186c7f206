/* The classifier in the service: a model trained here drives the category, the team and the
 * triage fallback of the running router, and names itself in every decision. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codec/codec.h"
#include "test_support.h"

static const char FIXTURE[] =
    "INSERT INTO customers (customer_id, tier) VALUES ('c-m', 'pro');"
    "INSERT INTO teams (team, queue) VALUES ('billing', 'billing-q'), ('technical', 'tech-q'),"
    " ('triage', 'triage');"
    "INSERT INTO agents (agent_id, team, capacity) VALUES ('a-b', 'billing', 100),"
    " ('a-t', 'technical', 100);"
    "INSERT INTO category_teams (category, team) VALUES ('billing', 'billing'),"
    " ('technical', 'technical');";

struct fixture {
    struct test_env env;
    pid_t router;
    char model_path[128];
    codec *codec;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    test_env_setup(&f->env, "model");
    test_sql(&f->env, FIXTURE);
    snprintf(f->model_path, sizeof(f->model_path), "/tmp/%s.model", f->env.suffix);
    test_two_class_model(f->model_path, "it-model-7");
    char env_model[200], log_path[256];
    snprintf(env_model, sizeof(env_model), "TICKET_ROUTER_MODEL_PATH=%s", f->model_path);
    const char *extra[] = {env_model, NULL};
    snprintf(log_path, sizeof(log_path), "/tmp/%s.router.log", f->env.suffix);
    f->router = test_router_start(&f->env, extra, log_path);
    char err[256];
    f->codec = codec_new(NULL, err, sizeof(err));
    assert_non_null(f->codec);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(test_router_stop(f->router, SIGTERM, 20000), 0);
    codec_free(f->codec);
    unlink(f->model_path);
    test_env_teardown(&f->env);
    free(f);
    return 0;
}

static void send(struct fixture *f, const char *id, const char *text)
{
    test_send_ticket(&f->env, f->codec, id, "c-m", "", text);
}

struct collected {
    codec *codec;
    const char *prefix;
    size_t n;
    struct route_decision d[8];
};

static void collect(const struct kafka_msg *msg, void *arg)
{
    struct collected *c = arg;
    struct route_decision d;
    char err[256];
    if (codec_decision_decode(c->codec, msg->payload, msg->len, &d, err, sizeof(err)) == 0 &&
        strncmp(d.ticket_id, c->prefix, strlen(c->prefix)) == 0 && c->n < 8)
        c->d[c->n++] = d;
}

static const struct route_decision *find(const struct collected *c, const char *suffix)
{
    for (size_t i = 0; i < c->n; i++) {
        size_t len = strlen(c->d[i].ticket_id), sl = strlen(suffix);
        if (len >= sl && strcmp(c->d[i].ticket_id + len - sl, suffix) == 0)
            return &c->d[i];
    }
    fail_msg("no decision for %s", suffix);
    return NULL;
}

static void test_model_category_drives_team_and_fallback(void **state)
{
    struct fixture *f = *state;
    char prefix[96], id[128];
    test_unique(prefix, sizeof(prefix), "m");
    snprintf(id, sizeof(id), "%s-bill", prefix);
    send(f, id, "my refund and invoice question");
    snprintf(id, sizeof(id), "%s-tech", prefix);
    send(f, id, "my api and timeout question");
    snprintf(id, sizeof(id), "%s-vague", prefix);
    send(f, id, "zzz xxx"); /* not a word nor a character n-gram the model knows */

    struct collected c = {.codec = f->codec, .prefix = prefix};
    test_consume(f->env.topic_decisions, 3, 8, 60000, 1000, collect, &c);
    assert_int_equal(c.n, 3);

    const struct route_decision *bill = find(&c, "-bill");
    assert_string_equal(bill->category, "billing");
    assert_string_equal(bill->team, "billing");
    assert_string_equal(bill->agent_id, "a-b");
    assert_string_equal(bill->model_version, "it-model-7");
    assert_true(bill->confidence >= 0.70);
    assert_true(bill->n_top >= 2);
    assert_string_equal(bill->top[0].category, "billing");
    assert_false(bill->fallback);

    const struct route_decision *tech = find(&c, "-tech");
    assert_string_equal(tech->team, "technical");
    assert_string_equal(tech->model_version, "it-model-7");

    /* No known word: the model is unsure, the ticket goes to people. */
    const struct route_decision *vague = find(&c, "-vague");
    assert_true(vague->confidence < 0.70);
    assert_true(vague->fallback);
    assert_string_equal(vague->team, "triage");
    assert_string_equal(vague->queue, "triage");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_category_drives_team_and_fallback),
    };
    return cmocka_run_group_tests_name("integration.routing_model", tests, setup, teardown);
}
