/* test_config: defaults, the key=value file, kafka.* pass-through, environment overrides (and
 * the Kubernetes Service links ignored and listed),
 * refusals with their reasons, and secrets hidden by config_dump. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/error.h"
#include "config/config.h"

/* A config file under /tmp holding text; the path goes to path (PATH_LEN bytes). */
#define PATH_LEN 64
static void file_write(char *path, const char *text)
{
    snprintf(path, PATH_LEN, "/tmp/test_config-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* config_load of text (NULL: no file) and envp; the reason goes to err. */
static int load_text(struct config *cfg, const char *text, char *const *envp, char *err,
                     size_t errlen)
{
    char path[PATH_LEN] = "";
    if (text)
        file_write(path, text);
    int rc = config_load(cfg, text ? path : NULL, envp, err, errlen);
    if (text)
        unlink(path);
    return rc;
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("'%s' does not contain '%s'", haystack, needle);
}

static void assert_not_contains(const char *haystack, const char *needle)
{
    if (strstr(haystack, needle))
        fail_msg("'%s' contains '%s'", haystack, needle);
}

static void test_load_without_file_gives_defaults(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    assert_int_equal(config_load(&cfg, NULL, NULL, err, sizeof(err)), 0);
    assert_string_equal(cfg.mode, "live");
    assert_int_equal(cfg.workers, 4);
    assert_string_equal(cfg.log_level, "info");
    assert_string_equal(cfg.log_format, "text");
    assert_int_equal(cfg.http_port, 9464);
    assert_string_equal(cfg.redis_host, "127.0.0.1");
    assert_int_equal(cfg.redis_port, 6379);
    assert_string_equal(cfg.redis_password, "");
    assert_string_equal(cfg.topic_tickets, "tickets.created");
    assert_string_equal(cfg.topic_dlq, "tickets.created.dlq");
    assert_int_equal(cfg.topic_partitions, 6);
    assert_int_equal(cfg.schema_ticket_created, 1001);
    assert_float_equal(cfg.confidence_threshold, 0.70, 1e-6);
    assert_string_equal(cfg.triage_queue, "triage");
    assert_string_equal(cfg.senior_queue, "senior");
    assert_string_equal(cfg.default_team, "general");
    assert_string_equal(cfg.model_path, "");
    assert_int_equal(cfg.batch_max, 256);
    assert_string_equal(config_kafka_get(&cfg, "bootstrap.servers"), "127.0.0.1:9092");
    assert_string_equal(config_kafka_get(&cfg, "group.id"), "ticket-router");
    assert_int_equal(cfg.n_kafka, 2);
    config_clear(&cfg);
}

static void test_load_file_skips_comments_blanks_and_trims_spaces(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    const char *text = "# ticket-router\n"
                       "\n"
                       "   \t\n"
                       "   # an indented comment\n"
                       "workers   =   8   \n"
                       "mode=shadow\n"
                       "\tredis.host\t=\tcache.internal\t\n"
                       "routing.confidence_threshold = 0.55\n"
                       "postgres.dsn = host=db port=5432\n";
    int rc = load_text(&cfg, text, NULL, err, sizeof(err));
    if (rc != 0)
        fail_msg("config_load: %s", err);
    assert_int_equal(cfg.workers, 8);
    assert_string_equal(cfg.mode, "shadow");
    assert_string_equal(cfg.redis_host, "cache.internal");
    assert_float_equal(cfg.confidence_threshold, 0.55, 1e-6);
    /* Only the first '=' splits: the DSN keeps its own. */
    assert_string_equal(cfg.pg_dsn, "host=db port=5432");
    /* Keys the file does not name keep their defaults. */
    assert_int_equal(cfg.redis_port, 6379);
    config_clear(&cfg);
}

static void test_load_collects_kafka_keys_without_prefix(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    const char *text = "kafka.security.protocol = SASL_SSL\n"
                       "kafka.bootstrap.servers = broker-1:9092,broker-2:9092\n"
                       "kafka.sasl.mechanisms = PLAIN\n";
    int rc = load_text(&cfg, text, NULL, err, sizeof(err));
    if (rc != 0)
        fail_msg("config_load: %s", err);
    assert_string_equal(config_kafka_get(&cfg, "security.protocol"), "SASL_SSL");
    assert_string_equal(config_kafka_get(&cfg, "sasl.mechanisms"), "PLAIN");
    /* The file replaces the default rather than adding a second entry. */
    assert_string_equal(config_kafka_get(&cfg, "bootstrap.servers"), "broker-1:9092,broker-2:9092");
    assert_int_equal(cfg.n_kafka, 4);
    assert_null(config_kafka_get(&cfg, "kafka.security.protocol"));
    assert_null(config_kafka_get(&cfg, "no.such.key"));
    config_clear(&cfg);
}

static void test_kafka_set_replaces_earlier_value(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    assert_int_equal(config_load(&cfg, NULL, NULL, err, sizeof(err)), 0);
    assert_int_equal(config_kafka_set(&cfg, "client.id", "a"), 0);
    assert_int_equal(config_kafka_set(&cfg, "client.id", "b"), 0);
    assert_string_equal(config_kafka_get(&cfg, "client.id"), "b");
    assert_int_equal(cfg.n_kafka, 3);
    config_clear(&cfg);
}

static void test_load_unknown_key_names_file_and_line(void **state)
{
    (void)state;
    char path[PATH_LEN];
    file_write(path, "# comment\nworkers = 2\nwokers = 3\n");
    struct config cfg;
    char err[256] = "";
    assert_int_equal(config_load(&cfg, path, NULL, err, sizeof(err)), TR_EINVAL);
    char where[PATH_LEN + 8];
    snprintf(where, sizeof(where), "%s:3", path);
    assert_contains(err, where);
    assert_contains(err, "wokers");
    unlink(path);
}

static void test_load_line_without_equals_names_file_and_line(void **state)
{
    (void)state;
    char path[PATH_LEN];
    file_write(path, "workers 2\n");
    struct config cfg;
    char err[256] = "";
    assert_int_equal(config_load(&cfg, path, NULL, err, sizeof(err)), TR_EINVAL);
    char where[PATH_LEN + 8];
    snprintf(where, sizeof(where), "%s:1", path);
    assert_contains(err, where);
    unlink(path);
}

static void test_load_missing_file_is_refused(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    assert_int_equal(
        config_load(&cfg, "/tmp/test_config-does-not-exist.conf", NULL, err, sizeof(err)),
        TR_EINVAL);
    assert_contains(err, "/tmp/test_config-does-not-exist.conf");
}

/* Values the loader must refuse, and a word its reason must contain. */
static const struct {
    const char *text;
    const char *reason;
} BAD_VALUES[] = {
    {"workers = four\n", "workers"},
    {"workers = -1\n", "workers"},
    {"workers = 8x\n", "workers"},
    {"workers = \n", "workers"},
    {"workers = 0\n", "workers"},
    {"workers = 257\n", "workers"},
    {"redis.port = 99999999999\n", "redis.port"},
    {"redis.port = 70000\n", "port"},
    {"routing.confidence_threshold = high\n", "routing.confidence_threshold"},
    {"routing.confidence_threshold = 0.5.1\n", "routing.confidence_threshold"},
    {"routing.confidence_threshold = 1.5\n", "routing.confidence_threshold"},
    {"routing.confidence_threshold = -0.1\n", "routing.confidence_threshold"},
    {"mode = turbo\n", "mode"},
    {"mode = LIVE\n", "mode"},
    {"log.format = xml\n", "log.format"},
    {"topic.partitions = 0\n", "topic.partitions"},
};

static void test_load_refuses_bad_values(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(BAD_VALUES) / sizeof(BAD_VALUES[0]); i++) {
        struct config cfg;
        char err[256] = "";
        int rc = load_text(&cfg, BAD_VALUES[i].text, NULL, err, sizeof(err));
        if (rc != TR_EINVAL)
            fail_msg("case %zu '%s': rc %d, want TR_EINVAL", i, BAD_VALUES[i].text, rc);
        assert_contains(err, BAD_VALUES[i].reason);
    }
}

static void test_load_failure_leaves_config_cleared(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    assert_int_equal(load_text(&cfg, "redis.host = x\nmode = turbo\n", NULL, err, sizeof(err)),
                     TR_EINVAL);
    assert_null(cfg.mode);
    assert_null(cfg.redis_host);
    assert_int_equal(cfg.n_kafka, 0);
    config_clear(&cfg); /* a cleared config may be cleared again */
}

static void test_environment_overrides_file(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    const char *text = "postgres.dsn = host=file-db\n"
                       "routing.confidence_threshold = 0.5\n"
                       "kafka.bootstrap.servers = file:9092\n"
                       "workers = 2\n";
    char *envp[] = {
        "PATH=/usr/bin",
        "TICKET_ROUTER_POSTGRES_DSN=host=env-db user=router",
        "TICKET_ROUTER_ROUTING_CONFIDENCE_THRESHOLD=0.8",
        "TICKET_ROUTER_KAFKA_BOOTSTRAP_SERVERS=h:1",
        "TICKET_ROUTER_REDIS_TIMEOUT_MS=750",
        NULL,
    };
    int rc = load_text(&cfg, text, envp, err, sizeof(err));
    if (rc != 0)
        fail_msg("config_load: %s", err);
    assert_string_equal(cfg.pg_dsn, "host=env-db user=router");
    assert_float_equal(cfg.confidence_threshold, 0.8, 1e-6);
    assert_string_equal(config_kafka_get(&cfg, "bootstrap.servers"), "h:1");
    assert_int_equal(cfg.redis_timeout_ms, 750);
    assert_int_equal(cfg.workers, 2); /* not in the environment: the file's value */
    config_clear(&cfg);
}

static void test_environment_kafka_key_maps_underscores_to_dots(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    char *envp[] = {"TICKET_ROUTER_KAFKA_SASL_PASSWORD=opensesame", NULL};
    assert_int_equal(config_load(&cfg, NULL, envp, err, sizeof(err)), 0);
    assert_string_equal(config_kafka_get(&cfg, "sasl.password"), "opensesame");
    config_clear(&cfg);
}

/* What Kubernetes sets for a Service named ticket-router (port 9464 named http), for one named
 * ticket-router-metrics and for one named ticket-router-redis, whose REDIS_PORT is also the
 * environment name of redis.port. */
static char *K8S_ENV[] = {
    "TICKET_ROUTER_SERVICE_HOST=10.96.0.10",
    "TICKET_ROUTER_SERVICE_PORT=9464",
    "TICKET_ROUTER_SERVICE_PORT_HTTP=9464",
    "TICKET_ROUTER_PORT=tcp://10.96.0.10:9464",
    "TICKET_ROUTER_PORT_9464_TCP=tcp://10.96.0.10:9464",
    "TICKET_ROUTER_PORT_9464_TCP_PROTO=tcp",
    "TICKET_ROUTER_PORT_9464_TCP_PORT=9464",
    "TICKET_ROUTER_PORT_9464_TCP_ADDR=10.96.0.10",
    "TICKET_ROUTER_METRICS_SERVICE_HOST=10.96.0.11",
    "TICKET_ROUTER_METRICS_SERVICE_PORT=9090",
    "TICKET_ROUTER_METRICS_PORT=tcp://10.96.0.11:9090",
    "TICKET_ROUTER_METRICS_PORT_9090_TCP=tcp://10.96.0.11:9090",
    "TICKET_ROUTER_METRICS_PORT_9090_TCP_PROTO=tcp",
    "TICKET_ROUTER_METRICS_PORT_9090_TCP_PORT=9090",
    "TICKET_ROUTER_METRICS_PORT_9090_TCP_ADDR=10.96.0.11",
    "TICKET_ROUTER_REDIS_PORT=tcp://10.96.0.12:6379",
    "TICKET_ROUTER_REDIS_SERVICE_HOST=10.96.0.12",
    "TICKET_ROUTER_KAFKA_SERVICE_HOST=10.96.0.13",
    "TICKET_ROUTER_KAFKA_PORT_9092_TCP_ADDR=10.96.0.13",
    NULL,
};
#define N_K8S_ENV (sizeof(K8S_ENV) / sizeof(K8S_ENV[0]) - 1)

static void test_environment_kubernetes_service_links_are_ignored(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    int rc = config_load(&cfg, NULL, K8S_ENV, err, sizeof(err));
    if (rc != 0)
        fail_msg("config_load: %s", err);
    assert_int_equal(cfg.http_port, 9464);
    assert_int_equal(cfg.redis_port, 6379);
    assert_int_equal(cfg.n_kafka, 2); /* nothing went to librdkafka */
    config_clear(&cfg);
}

static void test_environment_ignored_variables_are_listed_by_name(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    assert_int_equal(config_load(&cfg, NULL, K8S_ENV, err, sizeof(err)), 0);
    assert_non_null(cfg.env_ignored);
    /* Every name, in environment order, comma-separated, no values. */
    char want[2048] = "";
    for (size_t i = 0; i < N_K8S_ENV; i++) {
        size_t n = strcspn(K8S_ENV[i], "=");
        snprintf(want + strlen(want), sizeof(want) - strlen(want), "%s%.*s", i ? "," : "", (int)n,
                 K8S_ENV[i]);
    }
    assert_string_equal(cfg.env_ignored, want);
    assert_not_contains(cfg.env_ignored, "10.96");
    config_clear(&cfg);
    assert_null(cfg.env_ignored);
}

static void test_environment_unknown_variable_is_ignored_and_listed(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    char *envp[] = {"TICKET_ROUTER_WOKERS=3", NULL};
    int rc = config_load(&cfg, NULL, envp, err, sizeof(err));
    if (rc != 0)
        fail_msg("config_load: %s", err);
    assert_int_equal(cfg.workers, 4);
    assert_string_equal(cfg.env_ignored, "TICKET_ROUTER_WOKERS");
    config_clear(&cfg);
}

static void test_environment_without_unknown_variables_lists_none(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    char *envp[] = {"TICKET_ROUTER_WORKERS=3", "HOME=/root", NULL};
    assert_int_equal(config_load(&cfg, NULL, envp, err, sizeof(err)), 0);
    assert_null(cfg.env_ignored);
    config_clear(&cfg);
}

static void test_environment_key_still_overrides_beside_service_links(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    char *envp[N_K8S_ENV + 4];
    memcpy(envp, K8S_ENV, N_K8S_ENV * sizeof(*envp));
    envp[N_K8S_ENV] = "TICKET_ROUTER_WORKERS=7";
    envp[N_K8S_ENV + 1] = "TICKET_ROUTER_REDIS_PORT=6380";
    envp[N_K8S_ENV + 2] = "TICKET_ROUTER_KAFKA_GROUP_ID=g-k8s";
    envp[N_K8S_ENV + 3] = NULL;
    int rc = load_text(&cfg, "workers = 2\n", envp, err, sizeof(err));
    if (rc != 0)
        fail_msg("config_load: %s", err);
    assert_int_equal(cfg.workers, 7);
    assert_int_equal(cfg.redis_port, 6380);
    assert_string_equal(config_kafka_get(&cfg, "group.id"), "g-k8s");
    assert_not_contains(cfg.env_ignored, "WORKERS");
    assert_not_contains(cfg.env_ignored, "GROUP");
    config_clear(&cfg);
}

static void test_file_misspelt_key_is_still_refused_beside_service_links(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    assert_int_equal(load_text(&cfg, "workers = 2\nservice.host = x\n", K8S_ENV, err, sizeof(err)),
                     TR_EINVAL);
    assert_contains(err, ":2: unknown key 'service.host'");
    assert_null(cfg.env_ignored);
}

static void test_environment_bad_value_names_the_variable(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    char *envp[] = {"TICKET_ROUTER_REDIS_PORT=6379x", NULL};
    assert_int_equal(config_load(&cfg, NULL, envp, err, sizeof(err)), TR_EINVAL);
    assert_contains(err, "TICKET_ROUTER_REDIS_PORT");
    assert_contains(err, "redis.port");
}

static void test_environment_bad_value_is_refused(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    char *envp[] = {"TICKET_ROUTER_ROUTING_CONFIDENCE_THRESHOLD=1.2", NULL};
    assert_int_equal(config_load(&cfg, NULL, envp, err, sizeof(err)), TR_EINVAL);
    assert_contains(err, "routing.confidence_threshold");
}

static void test_environment_ignores_other_variables(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    char *envp[] = {"HOME=/root", "TICKET_ROUTERX=1", "WORKERS=9", NULL};
    int rc = config_load(&cfg, NULL, envp, err, sizeof(err));
    if (rc != 0)
        fail_msg("config_load: %s", err);
    assert_int_equal(cfg.workers, 4);
    config_clear(&cfg);
}

static void test_dump_hides_secrets(void **state)
{
    (void)state;
    struct config cfg;
    char err[256] = "";
    const char *text = "postgres.dsn = host=db password=hunter2\n"
                       "redis.password = swordfish\n"
                       "kafka.sasl.password = opensesame\n"
                       "kafka.sasl.username = router\n";
    int rc = load_text(&cfg, text, NULL, err, sizeof(err));
    if (rc != 0)
        fail_msg("config_load: %s", err);
    char *dump = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&dump, &len);
    assert_non_null(out);
    config_dump(&cfg, out);
    assert_int_equal(fclose(out), 0);
    assert_contains(dump, "postgres.dsn = ***\n");
    assert_contains(dump, "redis.password = ***\n");
    assert_contains(dump, "kafka.sasl.password = ***\n");
    assert_not_contains(dump, "hunter2");
    assert_not_contains(dump, "swordfish");
    assert_not_contains(dump, "opensesame");
    /* Everything else prints as it is. */
    assert_contains(dump, "kafka.sasl.username = router\n");
    assert_contains(dump, "workers = 4\n");
    assert_contains(dump, "redis.host = 127.0.0.1\n");
    assert_contains(dump, "routing.confidence_threshold = 0.7\n");
    free(dump);
    config_clear(&cfg);
}

static void test_load_refuses_nan_threshold(void **state)
{
    (void)state;
    static const char *const values[] = {"nan", "NaN", "-nan"};
    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        char env[96];
        snprintf(env, sizeof(env), "TICKET_ROUTER_ROUTING_CONFIDENCE_THRESHOLD=%s", values[i]);
        char *envp[] = {env, NULL};
        struct config cfg;
        char err[256] = "";
        int rc = config_load(&cfg, NULL, envp, err, sizeof(err));
        if (rc == 0)
            config_clear(&cfg);
        if (rc != TR_EINVAL)
            fail_msg("threshold '%s': rc %d, want TR_EINVAL (%d)", values[i], rc, TR_EINVAL);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_refuses_nan_threshold),
        cmocka_unit_test(test_load_without_file_gives_defaults),
        cmocka_unit_test(test_load_file_skips_comments_blanks_and_trims_spaces),
        cmocka_unit_test(test_load_collects_kafka_keys_without_prefix),
        cmocka_unit_test(test_kafka_set_replaces_earlier_value),
        cmocka_unit_test(test_load_unknown_key_names_file_and_line),
        cmocka_unit_test(test_load_line_without_equals_names_file_and_line),
        cmocka_unit_test(test_load_missing_file_is_refused),
        cmocka_unit_test(test_load_refuses_bad_values),
        cmocka_unit_test(test_load_failure_leaves_config_cleared),
        cmocka_unit_test(test_environment_overrides_file),
        cmocka_unit_test(test_environment_kafka_key_maps_underscores_to_dots),
        cmocka_unit_test(test_environment_kubernetes_service_links_are_ignored),
        cmocka_unit_test(test_environment_ignored_variables_are_listed_by_name),
        cmocka_unit_test(test_environment_unknown_variable_is_ignored_and_listed),
        cmocka_unit_test(test_environment_without_unknown_variables_lists_none),
        cmocka_unit_test(test_environment_key_still_overrides_beside_service_links),
        cmocka_unit_test(test_file_misspelt_key_is_still_refused_beside_service_links),
        cmocka_unit_test(test_environment_bad_value_names_the_variable),
        cmocka_unit_test(test_environment_bad_value_is_refused),
        cmocka_unit_test(test_environment_ignores_other_variables),
        cmocka_unit_test(test_dump_hides_secrets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
