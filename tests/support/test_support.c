#include "test_support.h"

#include "classify/classify.h"

#include <fcntl.h>
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/error.h"
#include "store/store.h"

extern char **environ;

void test_unique(char *buf, size_t len, const char *prefix)
{
    static atomic_uint counter;
    unsigned n = atomic_fetch_add(&counter, 1);
    snprintf(buf, len, "%s-%ld-%d-%u", prefix, (long)time(NULL), (int)getpid(), n);
}

const char *test_env(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

static const char *pg_base(void)
{
    return test_env("TR_TEST_PG", "host=127.0.0.1 port=5432 user=postgres");
}

static void admin_sql(const char *sql)
{
    char dsn[512];
    snprintf(dsn, sizeof(dsn), "%s dbname=postgres", pg_base());
    PGconn *conn = PQconnectdb(dsn);
    if (PQstatus(conn) != CONNECTION_OK)
        fail_msg("postgres: %s", PQerrorMessage(conn));
    PGresult *res = PQexec(conn, sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        fail_msg("postgres %s: %s", sql, PQerrorMessage(conn));
    PQclear(res);
    PQfinish(conn);
}

void test_db_create(char *name, size_t name_len, char *dsn, size_t dsn_len)
{
    char uniq[64];
    test_unique(uniq, sizeof(uniq), "db");
    snprintf(name, name_len, "tr_it_%s", uniq);
    for (char *p = name; *p; p++)
        *p = *p == '-' ? '_' : *p;
    snprintf(dsn, dsn_len, "%s dbname=%s", pg_base(), name);
    char sql[256];
    snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
    admin_sql(sql);
}

void test_db_drop(const char *name)
{
    char sql[256];
    snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
    admin_sql(sql);
}

int test_env_setup(struct test_env *env, const char *name)
{
    memset(env, 0, sizeof(*env));
    char uniq[64];
    test_unique(uniq, sizeof(uniq), name);
    snprintf(env->suffix, sizeof(env->suffix), "%s", uniq);
    /* Database names: lower case, no dashes. */
    snprintf(env->db_name, sizeof(env->db_name), "tr_it_%s", uniq);
    for (char *p = env->db_name; *p; p++)
        *p = *p == '-' ? '_' : (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
    snprintf(env->dsn, sizeof(env->dsn), "%s dbname=%s", pg_base(), env->db_name);
    snprintf(env->topic_tickets, sizeof(env->topic_tickets), "it.%s.tickets", uniq);
    snprintf(env->topic_events, sizeof(env->topic_events), "it.%s.events", uniq);
    snprintf(env->topic_decisions, sizeof(env->topic_decisions), "it.%s.decisions", uniq);
    snprintf(env->topic_escalations, sizeof(env->topic_escalations), "it.%s.escalations", uniq);
    snprintf(env->topic_shadow, sizeof(env->topic_shadow), "it.%s.shadow", uniq);
    snprintf(env->topic_dlq, sizeof(env->topic_dlq), "it.%s.dlq", uniq);
    snprintf(env->group, sizeof(env->group), "it-%s", uniq);
    snprintf(env->redis_prefix, sizeof(env->redis_prefix), "it:%s:", uniq);

    char sql[256];
    snprintf(sql, sizeof(sql), "CREATE DATABASE %s", env->db_name);
    admin_sql(sql);
    char err[1024];
    store_conn *pg = store_conn_new(env->dsn, err, sizeof(err));
    if (!pg)
        fail_msg("%s", err);
    if (store_migrate(pg, TEST_SOURCE_DIR "/migrations", NULL, err, sizeof(err)) != 0)
        fail_msg("migrate: %s", err);
    store_conn_free(pg);

    if (config_load(&env->cfg, NULL, NULL, err, sizeof(err)) != 0)
        fail_msg("config: %s", err);
    if (config_kafka_set(&env->cfg, "bootstrap.servers",
                         test_env("TR_TEST_KAFKA", "127.0.0.1:9092")) != 0)
        fail_msg("config");
    const char *topics[] = {env->topic_tickets,     env->topic_events, env->topic_decisions,
                            env->topic_escalations, env->topic_shadow, env->topic_dlq};
    if (kafka_topics_create(&env->cfg, topics, 6, 3, 1, 20000, err, sizeof(err)) != 0)
        fail_msg("topics: %s", err);
    return 0;
}

static redisContext *redis_connect(void)
{
    struct timeval tv = {2, 0};
    redisContext *redis = redisConnectWithTimeout("127.0.0.1", 6379, tv);
    if (!redis || redis->err)
        fail_msg("redis: %s", redis ? redis->errstr : "out of memory");
    return redis;
}

void test_env_teardown(struct test_env *env)
{
    char sql[256];
    snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", env->db_name);
    admin_sql(sql);
    redisContext *redis = redis_connect();
    freeReplyObject(
        redisCommand(redis, "DEL %sload %sclaims", env->redis_prefix, env->redis_prefix));
    redisFree(redis);
    config_clear(&env->cfg);
}

static PGresult *env_exec(const struct test_env *env, PGconn **conn, const char *sql)
{
    *conn = PQconnectdb(env->dsn);
    if (PQstatus(*conn) != CONNECTION_OK)
        fail_msg("postgres: %s", PQerrorMessage(*conn));
    PGresult *res = PQexec(*conn, sql);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        fail_msg("postgres: %s\n%s", PQerrorMessage(*conn), sql);
    return res;
}

void test_sql(const struct test_env *env, const char *sql)
{
    PGconn *conn;
    PQclear(env_exec(env, &conn, sql));
    PQfinish(conn);
}

long test_sql_long(const struct test_env *env, const char *sql)
{
    PGconn *conn;
    PGresult *res = env_exec(env, &conn, sql);
    long v = PQntuples(res) > 0 && !PQgetisnull(res, 0, 0) ? atol(PQgetvalue(res, 0, 0)) : 0;
    PQclear(res);
    PQfinish(conn);
    return v;
}

/* The environment of a ticket-router child: ours without TICKET_ROUTER_*, then the test's
 * settings, then extra. Caller frees the array (the strings live in vars and extra). */
static char **child_env(const struct test_env *env, const char *const *extra, char (*vars)[300])
{
    size_t nv = 0;
    snprintf(vars[nv++], 300, "TICKET_ROUTER_POSTGRES_DSN=%s", env->dsn);
    snprintf(vars[nv++], 300, "TICKET_ROUTER_TOPIC_TICKETS=%s", env->topic_tickets);
    snprintf(vars[nv++], 300, "TICKET_ROUTER_TOPIC_EVENTS=%s", env->topic_events);
    snprintf(vars[nv++], 300, "TICKET_ROUTER_TOPIC_DECISIONS=%s", env->topic_decisions);
    snprintf(vars[nv++], 300, "TICKET_ROUTER_TOPIC_ESCALATIONS=%s", env->topic_escalations);
    snprintf(vars[nv++], 300, "TICKET_ROUTER_TOPIC_SHADOW=%s", env->topic_shadow);
    snprintf(vars[nv++], 300, "TICKET_ROUTER_TOPIC_DLQ=%s", env->topic_dlq);
    snprintf(vars[nv++], 300, "TICKET_ROUTER_KAFKA_GROUP_ID=%s", env->group);
    snprintf(vars[nv++], 300, "TICKET_ROUTER_KAFKA_BOOTSTRAP_SERVERS=%s",
             test_env("TR_TEST_KAFKA", "127.0.0.1:9092"));
    snprintf(vars[nv++], 300, "TICKET_ROUTER_REDIS_KEY_PREFIX=%s", env->redis_prefix);
    snprintf(vars[nv++], 300, "TICKET_ROUTER_HTTP_PORT=0");
    snprintf(vars[nv++], 300, "TICKET_ROUTER_WORKERS=2");
    snprintf(vars[nv++], 300, "TICKET_ROUTER_CACHE_CONTEXT_REFRESH_MS=500");
    size_t n_env = 0;
    while (environ[n_env])
        n_env++;
    size_t n_extra = 0;
    while (extra && extra[n_extra])
        n_extra++;
    char **envp = calloc(n_env + nv + n_extra + 1, sizeof(*envp));
    size_t k = 0;
    for (size_t i = 0; i < n_env; i++)
        if (strncmp(environ[i], "TICKET_ROUTER_", 14) != 0)
            envp[k++] = environ[i];
    for (size_t i = 0; i < nv; i++)
        envp[k++] = vars[i];
    for (size_t i = 0; i < n_extra; i++)
        envp[k++] = (char *)extra[i];
    envp[k] = NULL;
    return envp;
}

static pid_t child_spawn(const struct test_env *env, const char *const *extra, char **argv,
                         const char *log_path, int out_fd)
{
    char vars[16][300];
    char **envp = child_env(env, extra, vars);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, log_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (out_fd == 1)
        posix_spawn_file_actions_adddup2(&actions, 2, 1);
    pid_t pid;
    int rc = posix_spawn(&pid, TEST_BINARY, &actions, NULL, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    free(envp);
    if (rc != 0)
        fail_msg("cannot start %s: %s", TEST_BINARY, strerror(rc));
    return pid;
}

pid_t test_router_start(const struct test_env *env, const char *const *extra, const char *log_path)
{
    char *argv[] = {(char *)TEST_BINARY, (char *)"run", NULL};
    return child_spawn(env, extra, argv, log_path, 2);
}

int test_tool_run(const struct test_env *env, const char *const *args, const char *out_path)
{
    char *argv[32];
    size_t n = 0;
    argv[n++] = (char *)TEST_BINARY;
    for (size_t i = 0; args[i] && n < 31; i++)
        argv[n++] = (char *)args[i];
    argv[n] = NULL;
    pid_t pid = child_spawn(env, NULL, argv, out_path, 1);
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int test_router_stop(pid_t pid, int sig, int timeout_ms)
{
    kill(pid, sig);
    for (int waited = 0; waited < timeout_ms; waited += 20) {
        int status;
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        tr_sleep_ms(20);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return -1;
}

void test_produce(const struct test_env *env, const char *topic, const char *key,
                  const void *payload, size_t len)
{
    char err[512];
    kafka_producer *kp = kafka_producer_new(&env->cfg, err, sizeof(err));
    if (!kp)
        fail_msg("producer: %s", err);
    struct kafka_delivery d;
    kafka_delivery_init(&d);
    if (kafka_produce(kp, topic, key, key ? strlen(key) : 0, payload, len, NULL, 0, &d, err,
                      sizeof(err)) != 0)
        fail_msg("produce: %s", err);
    int rc = kafka_delivery_wait(&d, 30000);
    kafka_delivery_destroy(&d);
    kafka_producer_free(kp, 5000);
    if (rc != 0)
        fail_msg("delivery to %s failed", topic);
}

void test_send_ticket(const struct test_env *env, codec *c, const char *id, const char *customer,
                      const char *subject, const char *body)
{
    struct ticket t = {0};
    tr_strlcpy(t.ticket_id, id, sizeof(t.ticket_id));
    tr_strlcpy(t.customer_id, customer, sizeof(t.customer_id));
    t.subject = (char *)subject; /* borrowed: only read by the encoder */
    t.body = (char *)body;
    t.created_at_ms = tr_now_unix_ms();
    void *buf = NULL;
    size_t len = 0;
    if (codec_ticket_encode(c, &t, &buf, &len) != 0)
        fail_msg("encode ticket %s", id);
    test_produce(env, env->topic_tickets, id, buf, len);
    free(buf);
}

size_t test_consume(const char *topic, size_t n, size_t max, int timeout_ms, int settle_ms,
                    void (*fn)(const struct kafka_msg *msg, void *arg), void *arg)
{
    struct config cfg;
    char err[512], group[160];
    if (config_load(&cfg, NULL, NULL, err, sizeof(err)) != 0)
        fail_msg("config: %s", err);
    test_unique(group, sizeof(group), "it-reader");
    if (config_kafka_set(&cfg, "bootstrap.servers", test_env("TR_TEST_KAFKA", "127.0.0.1:9092")) ||
        config_kafka_set(&cfg, "group.id", group) ||
        config_kafka_set(&cfg, "enable.auto.commit", "false"))
        fail_msg("config");
    kafka_consumer *kc = kafka_consumer_new(&cfg, &topic, 1, NULL, NULL, err, sizeof(err));
    if (!kc)
        fail_msg("consumer: %s", err);
    size_t got = 0;
    int64_t start = tr_now_unix_ms(), settle_until = 0;
    while (got < max) {
        int64_t now = tr_now_unix_ms();
        if (now - start > timeout_ms || (settle_until && now > settle_until))
            break;
        struct kafka_msg *msg = NULL;
        int rc = kafka_consumer_poll(kc, 100, &msg, err, sizeof(err));
        if (rc < 0)
            fail_msg("poll: %s", err);
        if (rc == 1) {
            fn(msg, arg);
            kafka_msg_free(msg);
            if (++got == n)
                settle_until = tr_now_unix_ms() + settle_ms;
        }
    }
    kafka_consumer_free(kc);
    config_clear(&cfg);
    return got;
}

void test_msg_header(const struct kafka_msg *msg, const char *name, char *buf, size_t len)
{
    buf[0] = '\0';
    rd_kafka_headers_t *hdrs = NULL;
    if (rd_kafka_message_headers(msg->impl, &hdrs) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return;
    const void *value;
    size_t size;
    if (rd_kafka_header_get_last(hdrs, name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        size_t n = size < len - 1 ? size : len - 1;
        memcpy(buf, value, n);
        buf[n] = '\0';
    }
}

long test_redis_hget_long(const struct test_env *env, const char *key, const char *field)
{
    redisContext *redis = redis_connect();
    redisReply *reply = redisCommand(redis, "HGET %s%s %s", env->redis_prefix, key, field);
    long v = reply && reply->type == REDIS_REPLY_STRING ? atol(reply->str) : 0;
    freeReplyObject(reply);
    redisFree(redis);
    return v;
}

/* 1 when the command's reply is a non-nil string or a positive integer. */
static bool redis_has(const struct test_env *env, const char *cmd, const char *key,
                      const char *member)
{
    redisContext *redis = redis_connect();
    redisReply *reply = redisCommand(redis, "%s %s%s %s", cmd, env->redis_prefix, key, member);
    bool has = reply && ((reply->type == REDIS_REPLY_INTEGER && reply->integer > 0) ||
                         reply->type == REDIS_REPLY_STRING);
    freeReplyObject(reply);
    redisFree(redis);
    return has;
}

bool test_redis_claimed(const struct test_env *env, const char *ticket_id)
{
    return redis_has(env, "HEXISTS", "claims", ticket_id);
}

bool test_redis_deadline(const struct test_env *env, const char *ticket_id)
{
    return redis_has(env, "ZSCORE", "deadlines", ticket_id);
}

static const char *const TWO_CLASS_BILLING[] = {
    "invoice", "charged", "payment", "refund", "billing", "receipt", "price", "subscription fee"};
static const char *const TWO_CLASS_TECHNICAL[] = {"error",   "crash", "login fails", "api",
                                                  "timeout", "bug",   "server down", "exception"};

void test_two_class_text(size_t i, char *text, size_t len, const char **label)
{
    const char *const *words = i % 2 ? TWO_CLASS_BILLING : TWO_CLASS_TECHNICAL;
    snprintf(text, len, "my %s and %s question", words[(i / 2) % 8], words[(i / 2 + 3) % 8]);
    *label = i % 2 ? "billing" : "technical";
}

void test_two_class_model(const char *path, const char *version)
{
    struct classify_example ex[64];
    char texts[64][96];
    for (size_t i = 0; i < 64; i++) {
        test_two_class_text(i, texts[i], sizeof(texts[i]), &ex[i].label);
        ex[i].text = texts[i];
        ex[i].len = strlen(texts[i]);
    }
    struct classify_train_params params;
    classify_train_params_default(&params);
    params.model_version = version;
    classifier *model = NULL;
    char err[256];
    assert_int_equal(classifier_train(ex, 64, &params, &model, err, sizeof(err)), 0);
    assert_int_equal(classifier_save(model, path, err, sizeof(err)), 0);
    classifier_free(model);
}

int test_http_get(const char *host, unsigned port, const char *path, char *body, size_t len)
{
    char cmd[320];
    snprintf(cmd, sizeof(cmd),
             "curl -s -m 5 -w '%%{http_code}' http://%s:%u%s 2>/dev/null | tail -n 2", host, port,
             path);
    FILE *f = popen(cmd, "r");
    if (!f)
        return 0;
    char first[512] = "", second[64] = "";
    if (!fgets(first, sizeof(first), f))
        first[0] = '\0';
    if (!fgets(second, sizeof(second), f)) {
        /* Only the status came (an empty body). */
        tr_strlcpy(second, first, sizeof(second));
        first[0] = '\0';
    }
    pclose(f);
    if (body)
        tr_strlcpy(body, first, len);
    return atoi(second);
}

long test_metric(unsigned port, const char *series)
{
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "curl -s -m 5 http://127.0.0.1:%u/metrics | grep -F '%s '", port,
             series);
    FILE *f = popen(cmd, "r");
    if (!f)
        return -1;
    char line[512] = "";
    long v = -1;
    while (fgets(line, sizeof(line), f))
        if (strncmp(line, series, strlen(series)) == 0 && line[strlen(series)] == ' ') {
            v = atol(line + strlen(series) + 1);
            break;
        }
    pclose(f);
    return v;
}

unsigned test_port(unsigned base)
{
    return base + (unsigned)(getpid() % 20000);
}

pid_t test_router;

int test_router_teardown(void **state)
{
    (void)state;
    if (test_router > 0)
        test_router_stop(test_router, SIGKILL, 5000);
    test_router = 0;
    return 0;
}
