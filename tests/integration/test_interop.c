/* An independent Kafka client (tests/interop: Java, Apache Avro's own encoder and decoder, only
 * the schemas in proto/) talks to the running router through the real broker. */
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "test_support.h"

static const char FIXTURE[] =
    "INSERT INTO customers (customer_id, tier) VALUES ('c-interop', 'pro');"
    "INSERT INTO teams (team, queue) VALUES ('billing', 'billing'), ('triage', 'triage');"
    "INSERT INTO agents (agent_id, team, capacity) VALUES ('a-interop', 'billing', 100);"
    "INSERT INTO routing_rules (name, position, conditions, actions) VALUES ('billing', 1,"
    " '{\"keywords_any\": [\"invoice\"]}', '{\"team\": \"billing\", \"category\": \"billing\"}');";

struct fixture {
    struct test_env env;
    pid_t router;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    test_env_setup(&f->env, "interop");
    test_sql(&f->env, FIXTURE);
    char log_path[256];
    snprintf(log_path, sizeof(log_path), "/tmp/%s.router.log", f->env.suffix);
    f->router = test_router_start(&f->env, NULL, log_path);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(test_router_stop(f->router, SIGTERM, 20000), 0);
    test_env_teardown(&f->env);
    free(f);
    return 0;
}

/* Runs tests/interop/run.sh with args; returns its exit status. */
static int interop_run(const char *const *args)
{
    char *argv[32];
    size_t n = 0;
    argv[n++] = (char *)"bash";
    argv[n++] = (char *)TEST_SOURCE_DIR "/tests/interop/run.sh";
    for (size_t i = 0; args[i] && n < 31; i++)
        argv[n++] = (char *)args[i];
    argv[n] = NULL;
    extern char **environ;
    pid_t pid;
    assert_int_equal(posix_spawnp(&pid, "bash", NULL, NULL, argv, environ), 0);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void test_java_avro_client_gets_a_decision_per_ticket(void **state)
{
    struct fixture *f = *state;
    char prefix[96];
    test_unique(prefix, sizeof(prefix), "java");
    const char *args[] = {"--bootstrap",
                          test_env("TR_TEST_KAFKA", "127.0.0.1:9092"),
                          "--tickets-topic",
                          f->env.topic_tickets,
                          "--decisions-topic",
                          f->env.topic_decisions,
                          "--dlq-topic",
                          f->env.topic_dlq,
                          "--count",
                          "20",
                          "--prefix",
                          prefix,
                          "--customer",
                          "c-interop",
                          "--keyword",
                          "invoice",
                          "--expect-team",
                          "billing",
                          "--timeout",
                          "90",
                          NULL};
    assert_int_equal(interop_run(args), 0);
    char sql[256];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM decisions WHERE ticket_id LIKE '%s%%'",
             prefix);
    assert_int_equal(test_sql_long(&f->env, sql), 20);
}

static void test_java_client_with_unknown_schema_id_lands_in_dlq(void **state)
{
    struct fixture *f = *state;
    char prefix[96];
    test_unique(prefix, sizeof(prefix), "java-bad");
    const char *args[] = {"--bootstrap",
                          test_env("TR_TEST_KAFKA", "127.0.0.1:9092"),
                          "--tickets-topic",
                          f->env.topic_tickets,
                          "--decisions-topic",
                          f->env.topic_decisions,
                          "--dlq-topic",
                          f->env.topic_dlq,
                          "--count",
                          "3",
                          "--prefix",
                          prefix,
                          "--customer",
                          "c-interop",
                          "--ticket-schema-id",
                          "999",
                          "--expect",
                          "dlq",
                          "--timeout",
                          "90",
                          NULL};
    assert_int_equal(interop_run(args), 0);
    char sql[256];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM decisions WHERE ticket_id LIKE '%s%%'",
             prefix);
    assert_int_equal(test_sql_long(&f->env, sql), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_java_avro_client_gets_a_decision_per_ticket),
        cmocka_unit_test(test_java_client_with_unknown_schema_id_lands_in_dlq),
    };
    return cmocka_run_group_tests_name("integration.interop", tests, setup, teardown);
}
