/* fault_harness: what every fault scenario shares (included by tests/fault/test_*.c only).
 *
 * One run: a fresh database, topics and Redis prefix (test_env_setup), an organisation of 30
 * customers and 8 agents with tight capacities, 200 good tickets (a tenth of them security
 * reports that escalate) and 7 invalid events between them, produced at a steady pace by a
 * thread while the scenario injects its fault. A reader follows the decisions, escalations and
 * dead-letter topics from the start. fault_verify then checks what issue 5 asks:
 *   - every ticket has exactly one stored decision and at least one published one; copies on the
 *     topic are allowed only when identical to the stored bytes (same decision_id);
 *   - nobody above capacity: Redis load and open decisions per agent both within
 *     agents.capacity, and the load, the claims and the decisions agree;
 *   - one escalation per security ticket, stored and published, no duplicate id;
 *   - every invalid event on the dead-letter topic with its reason and source headers, bytes
 *     unchanged;
 * and records one row of the results table (build dir tests/fault-results/NN.tsv), which
 * test_zz_report prints and, with TR_FAULT_RESULTS set, writes to tests/fault/RESULTS.md.
 *
 * Servers: fault_pg_*, fault_redis_* and fault_kafka_* stop and start the machine's PostgreSQL,
 * Redis and the Kafka broker of deploy/stack. fault_servers_restore (called by every teardown
 * and at exit) starts whatever is down again, so a failing scenario never leaves a server
 * stopped. Threads: test main thread, plus the producer thread (kafka_produce only). */
#ifndef TR_FAULT_HARNESS_H
#define TR_FAULT_HARNESS_H

#include <dirent.h>
#include <errno.h>
#include <hiredis/hiredis.h>
#include <libgen.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "codec/codec.h"
#include "fault_results.h"
#include "test_support.h"

#define FAULT_N 200             /* good tickets per scenario */
#define FAULT_SECURITY_EVERY 10 /* ticket i with i % 10 == 0 reports a breach: one escalation */
#define FAULT_N_POISON 7
#define FAULT_MAX_MSGS 4096
#define FAULT_PG_PING "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=2"

/* Customers c-00..c-29 of every tier; billing has 4 agents of capacity 6 (24 places for about
 * 60 billing tickets), technical 3 of 25 (75 for about 100), security 1 of 5 (for 20): every
 * team runs full, so a double claim or a lost load shows up as an agent above capacity. */
static const char FAULT_FIXTURE[] =
    "INSERT INTO customers (customer_id, tier, contract_value)"
    " SELECT 'c-' || lpad(i::text, 2, '0'), (ARRAY['free', 'pro', 'enterprise'])[1 + i % 3],"
    "        i * 1000 FROM generate_series(0, 29) AS i;"
    "INSERT INTO teams (team, queue, oncall_target) VALUES ('billing', 'billing-q', NULL),"
    " ('technical', 'tech-q', 'pagerduty:eng'), ('security', 'security-q', 'pagerduty:security'),"
    " ('triage', 'triage', NULL), ('general', 'general', NULL);"
    "INSERT INTO agents (agent_id, team, capacity) VALUES"
    " ('b-1', 'billing', 6), ('b-2', 'billing', 6), ('b-3', 'billing', 6), ('b-4', 'billing', 6),"
    " ('t-1', 'technical', 25), ('t-2', 'technical', 25), ('t-3', 'technical', 25),"
    " ('s-1', 'security', 5);"
    "INSERT INTO agent_skills VALUES ('b-1', 'billing', 0.9), ('b-2', 'billing', 0.7),"
    " ('b-3', 'billing', 0.6), ('b-4', 'billing', 0.5);"
    "INSERT INTO category_teams (category, team) VALUES ('billing', 'billing'),"
    " ('technical', 'technical'), ('security', 'security');"
    "INSERT INTO routing_rules (name, position, conditions, actions) VALUES"
    " ('security-incident', 10, '{\"keywords_any\": [\"breach\"]}',"
    "  '{\"team\": \"security\", \"category\": \"security\", \"priority\": \"P1\","
    "    \"escalate\": {\"kind\": \"SECURITY\", \"severity\": \"CRITICAL\","
    "    \"notify\": [\"oncall\"]}, \"stop\": true}'),"
    " ('billing-kw', 20, '{\"keywords_any\": [\"invoice\"]}', '{\"category\": \"billing\"}'),"
    " ('tech-kw', 30, '{\"keywords_any\": [\"crash\"]}', '{\"category\": \"technical\"}');";

struct fault_msg {
    char key[160];
    void *bytes;
    size_t len;
    bool poison;
};

struct fault_pub { /* one decision seen on the decisions topic */
    int index;     /* ticket number, -1 when not one of ours */
    char decision_id[160];
    char agent_id[160];
    void *bytes;
    size_t len;
};

struct fault_dlq {
    char key[160];
    char reason[256];
    char source_topic[200];
    char source_partition[32];
    char source_offset[32];
    void *bytes;
    size_t len;
};

struct fault_run {
    struct fault_row row;
    struct test_env env;
    char prefix[96];
    char tickets_topic[200]; /* where the tickets go (the env's, or a wider one) */
    char log_path[2][256];
    const char *extra[8]; /* router environment additions, NULL-terminated */
    char extra_buf[8][256];
    size_t n_extra;
    pid_t routers[2];
    codec *codec;
    kafka_producer *producer;
    kafka_consumer *reader;

    /* what the producer thread sends, in order */
    struct fault_msg msgs[FAULT_N + FAULT_N_POISON];
    size_t n_msgs;
    int interval_us;
    pthread_t thread;
    bool thread_started;
    atomic_int produced; /* messages handed to the producer */
    atomic_int produce_failed;
    struct kafka_delivery delivery;
    int64_t produce_done_ms;

    /* what the reader saw */
    struct fault_pub *pubs;
    size_t n_pubs;
    bool decided[FAULT_N];
    size_t n_decided; /* distinct tickets with a decision on the topic */
    char (*esc_ids)[160];
    size_t n_esc_msgs;
    struct fault_dlq *dlq;
    size_t n_dlq;

    char failures[4096];
};

/* ------------------------------------------------------------------ small helpers */

__attribute__((format(printf, 2, 3))) static inline void fault_note(struct fault_run *f,
                                                                    const char *fmt, ...)
{
    size_t used = strlen(f->failures);
    if (used >= sizeof(f->failures) - 2)
        return;
    if (used)
        f->failures[used++] = '\n';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->failures + used, sizeof(f->failures) - used, fmt, ap);
    va_end(ap);
    fprintf(stderr, "[fault] %s: FAILED CHECK: %s\n", f->row.scenario, f->failures + used);
}

__attribute__((format(printf, 1, 2))) static inline void fault_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "[fault] ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
}

static inline double fault_secs(int64_t from_ms, int64_t to_ms)
{
    return (double)(to_ms - from_ms) / 1000.0;
}

static inline int fault_sh(const char *cmd)
{
    int rc = system(cmd);
    return rc == -1 ? -1 : WIFEXITED(rc) ? WEXITSTATUS(rc) : 128 + WTERMSIG(rc);
}

/* Case-insensitive strstr (strcasestr is a GNU extension). */
static inline bool fault_contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && (hay[i] | 0x20) == (needle[i] | 0x20))
            i++;
        if (i == n)
            return true;
    }
    return n == 0;
}

static inline bool fault_file_has_line(const char *path, const char *a, const char *b)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return false;
    char line[2048];
    bool found = false;
    while (!found && fgets(line, sizeof(line), fp))
        found = strstr(line, a) && (!b || strstr(line, b));
    fclose(fp);
    return found;
}

/* ------------------------------------------------------------------ servers */

static inline bool fault_pg_up(void)
{
    return PQping(FAULT_PG_PING) == PQPING_OK;
}

/* The cluster version under /etc/postgresql (the highest), e.g. "15". */
static inline void fault_pg_version(char *buf, size_t len)
{
    snprintf(buf, len, "15");
    DIR *dir = opendir("/etc/postgresql");
    if (!dir)
        return;
    long best = 0;
    struct dirent *de;
    while ((de = readdir(dir)))
        if (de->d_name[0] >= '0' && de->d_name[0] <= '9' && atol(de->d_name) > best) {
            best = atol(de->d_name);
            snprintf(buf, len, "%.15s", de->d_name);
        }
    closedir(dir);
}

static inline int fault_pg_ctl(const char *action)
{
    char ver[32], cmd[256];
    fault_pg_version(ver, sizeof(ver));
    snprintf(cmd, sizeof(cmd),
             "pg_ctlcluster --skip-systemctl-redirect %s main %s >>/tmp/tr-fault-servers.log 2>&1",
             ver, action);
    return fault_sh(cmd);
}

static inline bool fault_wait(bool (*up)(void), bool want, int timeout_ms)
{
    for (int waited = 0; waited <= timeout_ms; waited += 100) {
        if (up() == want)
            return true;
        tr_sleep_ms(100);
    }
    return false;
}

static inline bool fault_pg_start(void)
{
    if (fault_pg_up())
        return true;
    fault_log("starting PostgreSQL");
    fault_pg_ctl("start");
    return fault_wait(fault_pg_up, true, 30000);
}

static inline bool fault_pg_stop(void)
{
    fault_log("stopping PostgreSQL");
    fault_pg_ctl("stop");
    return fault_wait(fault_pg_up, false, 30000);
}

static inline redisContext *fault_redis(void)
{
    struct timeval tv = {2, 0};
    redisContext *r = redisConnectWithTimeout("127.0.0.1", 6379, tv);
    if (r && r->err) {
        redisFree(r);
        r = NULL;
    }
    return r;
}

static inline bool fault_redis_up(void)
{
    redisContext *r = fault_redis();
    if (!r)
        return false;
    redisReply *reply = redisCommand(r, "PING");
    bool ok = reply && reply->type == REDIS_REPLY_STATUS;
    freeReplyObject(reply);
    redisFree(r);
    return ok;
}

static inline bool fault_redis_start(void)
{
    if (fault_redis_up())
        return true;
    fault_log("starting Redis (empty: no persistence)");
    fault_sh("redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" "
             "--appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log "
             ">>/tmp/tr-fault-servers.log 2>&1");
    return fault_wait(fault_redis_up, true, 20000);
}

static inline bool fault_redis_stop(void)
{
    fault_log("stopping Redis (shutdown nosave)");
    fault_sh("redis-cli shutdown nosave >>/tmp/tr-fault-servers.log 2>&1");
    return fault_wait(fault_redis_up, false, 20000);
}

static inline bool fault_redis_flushall(void)
{
    redisContext *r = fault_redis();
    if (!r)
        return false;
    redisReply *reply = redisCommand(r, "FLUSHALL");
    bool ok = reply && reply->type == REDIS_REPLY_STATUS;
    freeReplyObject(reply);
    redisFree(r);
    return ok;
}

static inline bool fault_kafka_up(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(9092)};
    sa.sin_addr.s_addr = htonl(0x7f000001);
    bool ok = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
    close(fd);
    return ok;
}

/* The tree whose deploy/stack started the running broker: the java process's last argument is
 * <root>/deploy/.stack/server.properties. Falls back to this source tree. */
static char fault_stack_root[1024] = TEST_SOURCE_DIR;

static inline void fault_kafka_find_root(void)
{
    DIR *proc = opendir("/proc");
    if (!proc)
        return;
    struct dirent *de;
    while ((de = readdir(proc))) {
        if (de->d_name[0] < '1' || de->d_name[0] > '9')
            continue;
        char path[300], cmd[8192];
        snprintf(path, sizeof(path), "/proc/%s/cmdline", de->d_name);
        FILE *fp = fopen(path, "r");
        if (!fp)
            continue;
        size_t n = fread(cmd, 1, sizeof(cmd) - 1, fp);
        fclose(fp);
        cmd[n] = '\0';
        const char *last = NULL;
        bool is_kafka = false;
        for (size_t i = 0; i < n; i += strlen(cmd + i) + 1) {
            if (strcmp(cmd + i, "kafka.Kafka") == 0)
                is_kafka = true;
            last = cmd + i;
        }
        const char *tail = "/deploy/.stack/server.properties";
        if (is_kafka && last && strlen(last) > strlen(tail) &&
            strcmp(last + strlen(last) - strlen(tail), tail) == 0) {
            snprintf(fault_stack_root, sizeof(fault_stack_root), "%.*s",
                     (int)(strlen(last) - strlen(tail)), last);
            break;
        }
    }
    closedir(proc);
}

static inline bool fault_kafka_stack(const char *action)
{
    char cmd[1400];
    snprintf(cmd, sizeof(cmd), "'%s/deploy/stack' %s >>/tmp/tr-fault-servers.log 2>&1",
             fault_stack_root, action);
    fault_log("%s/deploy/stack %s", fault_stack_root, action);
    return fault_sh(cmd) == 0;
}

static inline bool fault_kafka_start(void)
{
    if (fault_kafka_up())
        return true;
    return fault_kafka_stack("up") && fault_kafka_up();
}

/* Start whatever is down. Safe to call any number of times. */
static inline void fault_servers_restore(void)
{
    if (!fault_pg_up() && !fault_pg_start())
        fault_log("PostgreSQL DID NOT COME BACK: start it by hand");
    if (!fault_redis_up() && !fault_redis_start())
        fault_log("Redis DID NOT COME BACK: start it by hand");
    if (!fault_kafka_up() && !fault_kafka_start())
        fault_log("Kafka DID NOT COME BACK: start it by hand (deploy/stack up)");
}

static inline void fault_restore_at_exit(void)
{
    fault_servers_restore();
}

static inline void fault_on_signal(int sig)
{
    fault_servers_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Call first in main: whatever happens later, the servers are started again at exit. */
static inline void fault_install_restore(void)
{
    atexit(fault_restore_at_exit);
    signal(SIGINT, fault_on_signal);
    signal(SIGTERM, fault_on_signal);
    fault_kafka_find_root();
}

/* ------------------------------------------------------------------ the messages */

static inline void fault_encode_ticket(struct fault_run *f, struct fault_msg *m, const char *id,
                                       const char *customer, const char *subject, const char *body)
{
    struct ticket t = {0};
    snprintf(t.ticket_id, sizeof(t.ticket_id), "%.127s", id);
    snprintf(t.customer_id, sizeof(t.customer_id), "%.127s", customer);
    snprintf(t.channel, sizeof(t.channel), "email");
    t.subject = (char *)subject;
    t.body = (char *)body;
    t.created_at_ms = tr_now_unix_ms();
    assert_int_equal(codec_ticket_encode(f->codec, &t, &m->bytes, &m->len), 0);
}

static inline void fault_add_poison(struct fault_run *f, int kind)
{
    struct fault_msg *m = &f->msgs[f->n_msgs++];
    m->poison = true;
    snprintf(m->key, sizeof(m->key), "%s-poison-%d", f->prefix, kind);
    char id[200];
    snprintf(id, sizeof(id), "%s-poison-%d", f->prefix, kind);
    switch (kind) {
    case 0: { /* right framing, garbage Avro */
        static const char garbage[] = "\x00\x00\x00\x03\xe9this is not avro \xff\xff\xff";
        m->len = sizeof(garbage) - 1;
        m->bytes = malloc(m->len);
        memcpy(m->bytes, garbage, m->len);
        break;
    }
    case 1: { /* no magic byte at all */
        static const char text[] = "{\"ticket_id\": \"plain json, not the wire format\"}";
        m->len = sizeof(text) - 1;
        m->bytes = malloc(m->len);
        memcpy(m->bytes, text, m->len);
        break;
    }
    case 2: { /* valid Avro, invalid UTF-8 in the body (the encoder would repair it: patch) */
        fault_encode_ticket(f, m, id, "c-01", "crash", "before @@@@ after");
        unsigned char *p = m->bytes;
        for (size_t i = 0; i + 4 <= m->len; i++)
            if (memcmp(p + i, "@@@@", 4) == 0) {
                memcpy(p + i, "\xff\xfe\xc3\x28", 4);
                break;
            }
        break;
    }
    case 3: /* valid Avro, empty ticket_id */
        fault_encode_ticket(f, m, "", "c-02", "crash", "no id");
        break;
    case 4: { /* valid Avro under an unknown schema id */
        fault_encode_ticket(f, m, id, "c-03", "crash", "unknown schema");
        unsigned char *p = m->bytes;
        p[1] = 0, p[2] = 0, p[3] = 0x27, p[4] = 0x0f; /* 9999 */
        break;
    }
    case 5: { /* text over 64 KiB */
        char *body = malloc(70001);
        memset(body, 'a', 70000);
        body[70000] = '\0';
        fault_encode_ticket(f, m, id, "c-04", "crash", body);
        free(body);
        break;
    }
    default: /* valid frame, Avro cut short */
        fault_encode_ticket(f, m, id, "c-05", "crash", "this record is cut in the middle");
        m->len /= 2;
        break;
    }
}

static inline void fault_build_messages(struct fault_run *f)
{
    int poison_every = FAULT_N / FAULT_N_POISON;
    int kind = 0;
    for (int i = 0; i < FAULT_N; i++) {
        struct fault_msg *m = &f->msgs[f->n_msgs++];
        snprintf(m->key, sizeof(m->key), "%s-%03d", f->prefix, i);
        char customer[32];
        if (i % 25 == 7)
            snprintf(customer, sizeof(customer), "c-unknown-%d", i);
        else
            snprintf(customer, sizeof(customer), "c-%02d", i % 30);
        if (i % FAULT_SECURITY_EVERY == 0)
            fault_encode_ticket(f, m, m->key, customer, "Possible data breach",
                                "We think there was a breach of our account last night.");
        else if (i % 3 == 0)
            fault_encode_ticket(f, m, m->key, customer, "Question about my invoice",
                                "The invoice for March looks wrong, please check.");
        else
            fault_encode_ticket(f, m, m->key, customer, "App crash",
                                "The app shows a crash on start, every time.");
        if (i % poison_every == poison_every / 2 && kind < FAULT_N_POISON)
            fault_add_poison(f, kind++);
    }
    while (kind < FAULT_N_POISON)
        fault_add_poison(f, kind++);
}

static inline int fault_expected_escalations(void)
{
    return (FAULT_N + FAULT_SECURITY_EVERY - 1) / FAULT_SECURITY_EVERY;
}

static inline void *fault_producer_main(void *arg)
{
    struct fault_run *f = arg;
    for (size_t i = 0; i < f->n_msgs; i++) {
        const struct fault_msg *m = &f->msgs[i];
        char err[256];
        if (kafka_produce(f->producer, f->tickets_topic, m->key, strlen(m->key), m->bytes, m->len,
                          NULL, 0, &f->delivery, err, sizeof(err)) != 0) {
            fprintf(stderr, "[fault] produce %s: %s\n", m->key, err);
            atomic_fetch_add(&f->produce_failed, 1);
        }
        atomic_fetch_add(&f->produced, 1);
        if (f->interval_us > 0) {
            struct timespec ts = {0, (long)f->interval_us * 1000L};
            nanosleep(&ts, NULL);
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------ set up, routers */

/* Environment additions for every router of the run: a short session time-out, so that a
 * killed router's partitions move within seconds (the librdkafka default is 45 s). */
static inline void fault_extra_add(struct fault_run *f, const char *kv)
{
    assert_true(f->n_extra < 7);
    snprintf(f->extra_buf[f->n_extra], sizeof(f->extra_buf[0]), "%s", kv);
    f->extra[f->n_extra] = f->extra_buf[f->n_extra];
    f->n_extra++;
    f->extra[f->n_extra] = NULL;
}

/* A run of scenario `order` (its place in the table) named `name`. partitions > 0: the tickets
 * go to a topic of their own with that many partitions (the env's has 3). */
static inline struct fault_run *fault_run_new(int order, const char *name, int partitions)
{
    struct fault_run *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    f->row.order = order;
    snprintf(f->row.scenario, sizeof(f->row.scenario), "%s", name);
    snprintf(f->row.status, sizeof(f->row.status), "FAIL (did not finish)");
    f->row.tickets_in = FAULT_N;
    f->row.dlq_expected = FAULT_N_POISON;
    fault_results_write(&f->row); /* a crash still leaves a FAIL row */
    fault_servers_restore();
    test_env_setup(&f->env, "fault");
    test_sql(&f->env, FAULT_FIXTURE);
    test_unique(f->prefix, sizeof(f->prefix), "ft");
    snprintf(f->tickets_topic, sizeof(f->tickets_topic), "%s", f->env.topic_tickets);
    char err[256];
    if (partitions > 0) {
        snprintf(f->tickets_topic, sizeof(f->tickets_topic), "%s-w", f->env.topic_tickets);
        const char *t = f->tickets_topic;
        assert_int_equal(
            kafka_topics_create(&f->env.cfg, &t, 1, partitions, 1, 20000, err, sizeof(err)), 0);
        char kv[256];
        snprintf(kv, sizeof(kv), "TICKET_ROUTER_TOPIC_TICKETS=%s", f->tickets_topic);
        fault_extra_add(f, kv);
    }
    fault_extra_add(f, "TICKET_ROUTER_KAFKA_SESSION_TIMEOUT_MS=6000");
    fault_extra_add(f, "TICKET_ROUTER_KAFKA_HEARTBEAT_INTERVAL_MS=1000");
    for (int i = 0; i < 2; i++)
        snprintf(f->log_path[i], sizeof(f->log_path[i]), "/tmp/%s.router%d.log", f->env.suffix, i);
    f->codec = codec_new(NULL, err, sizeof(err));
    assert_non_null(f->codec);
    f->producer = kafka_producer_new(&f->env.cfg, err, sizeof(err));
    assert_non_null(f->producer);
    kafka_delivery_init(&f->delivery);

    struct config cfg;
    char group[128];
    test_unique(group, sizeof(group), "fault-reader");
    assert_int_equal(config_load(&cfg, NULL, NULL, err, sizeof(err)), 0);
    assert_int_equal(
        config_kafka_set(&cfg, "bootstrap.servers", test_env("TR_TEST_KAFKA", "127.0.0.1:9092")),
        0);
    assert_int_equal(config_kafka_set(&cfg, "group.id", group), 0);
    const char *topics[] = {f->env.topic_decisions, f->env.topic_escalations, f->env.topic_dlq};
    f->reader = kafka_consumer_new(&cfg, topics, 3, NULL, NULL, err, sizeof(err));
    config_clear(&cfg);
    assert_non_null(f->reader);

    f->pubs = calloc(FAULT_MAX_MSGS, sizeof(*f->pubs));
    f->esc_ids = calloc(FAULT_MAX_MSGS, sizeof(*f->esc_ids));
    f->dlq = calloc(64, sizeof(*f->dlq));
    assert_true(f->pubs && f->esc_ids && f->dlq);
    fault_build_messages(f);
    f->interval_us = 10000; /* 200 tickets in about 2 s */
    fault_log("%s: prefix %s, router log %s", name, f->prefix, f->log_path[0]);
    return f;
}

static inline void fault_router_start(struct fault_run *f, int which)
{
    f->routers[which] = test_router_start(&f->env, f->extra, f->log_path[which]);
}

/* Wait until router `which` logs an assignment of the tickets topic. */
static inline bool fault_router_await_assigned(struct fault_run *f, int which, int timeout_ms)
{
    char needle[220];
    snprintf(needle, sizeof(needle), "%s[", f->tickets_topic);
    for (int waited = 0; waited < timeout_ms; waited += 100) {
        if (fault_file_has_line(f->log_path[which], "assign", needle))
            return true;
        tr_sleep_ms(100);
    }
    return false;
}

static inline void fault_start_producing(struct fault_run *f)
{
    assert_int_equal(pthread_create(&f->thread, NULL, fault_producer_main, f), 0);
    f->thread_started = true;
}

static inline void fault_finish_producing(struct fault_run *f)
{
    if (!f->thread_started)
        return;
    pthread_join(f->thread, NULL);
    f->thread_started = false;
    int rc = kafka_delivery_wait(&f->delivery, 120000);
    f->produce_done_ms = tr_now_unix_ms();
    if (rc != 0 || atomic_load(&f->produce_failed))
        fault_note(f, "the test's own producer failed (%d, %d failed): %s", rc,
                   atomic_load(&f->produce_failed), f->delivery.error);
}

/* ------------------------------------------------------------------ the reader */

static inline int fault_ticket_index(const struct fault_run *f, const char *ticket_id)
{
    size_t pl = strlen(f->prefix);
    if (strncmp(ticket_id, f->prefix, pl) != 0 || ticket_id[pl] != '-')
        return -1;
    const char *num = ticket_id + pl + 1;
    char *end = NULL;
    long i = strtol(num, &end, 10);
    if (end == num || *end || i < 0 || i >= FAULT_N)
        return -1;
    return (int)i;
}

static inline void fault_take(struct fault_run *f, const struct kafka_msg *msg)
{
    char err[256];
    if (strcmp(msg->topic, f->env.topic_decisions) == 0) {
        static struct route_decision d;
        if (codec_decision_decode(f->codec, msg->payload, msg->len, &d, err, sizeof(err)) != 0) {
            fault_note(f, "undecodable decision at offset %lld: %s", (long long)msg->offset, err);
            return;
        }
        if (f->n_pubs >= FAULT_MAX_MSGS)
            return;
        struct fault_pub *p = &f->pubs[f->n_pubs++];
        p->index = fault_ticket_index(f, d.ticket_id);
        snprintf(p->decision_id, sizeof(p->decision_id), "%s", d.decision_id);
        snprintf(p->agent_id, sizeof(p->agent_id), "%s", d.agent_id);
        p->len = msg->len;
        p->bytes = malloc(msg->len);
        memcpy(p->bytes, msg->payload, msg->len);
        if (p->index >= 0 && !f->decided[p->index]) {
            f->decided[p->index] = true;
            f->n_decided++;
        }
    } else if (strcmp(msg->topic, f->env.topic_escalations) == 0) {
        static struct escalation e;
        if (codec_escalation_decode(f->codec, msg->payload, msg->len, &e, err, sizeof(err)) != 0) {
            fault_note(f, "undecodable escalation: %s", err);
            return;
        }
        if (f->n_esc_msgs < FAULT_MAX_MSGS)
            snprintf(f->esc_ids[f->n_esc_msgs++], sizeof(f->esc_ids[0]), "%s", e.escalation_id);
    } else if (strcmp(msg->topic, f->env.topic_dlq) == 0 && f->n_dlq < 64) {
        struct fault_dlq *q = &f->dlq[f->n_dlq++];
        snprintf(q->key, sizeof(q->key), "%.*s", (int)(msg->key_len < 159 ? msg->key_len : 159),
                 msg->key ? (const char *)msg->key : "");
        test_msg_header(msg, "x-dlq-reason", q->reason, sizeof(q->reason));
        test_msg_header(msg, "x-dlq-source-topic", q->source_topic, sizeof(q->source_topic));
        test_msg_header(msg, "x-dlq-source-partition", q->source_partition,
                        sizeof(q->source_partition));
        test_msg_header(msg, "x-dlq-source-offset", q->source_offset, sizeof(q->source_offset));
        q->len = msg->len;
        q->bytes = malloc(msg->len ? msg->len : 1);
        if (msg->len)
            memcpy(q->bytes, msg->payload, msg->len);
    }
}

/* Read for up to ms. */
static inline void fault_pump(struct fault_run *f, int ms)
{
    int64_t until = tr_now_unix_ms() + ms;
    do {
        struct kafka_msg *msg = NULL;
        char err[256];
        int rc = kafka_consumer_poll(f->reader, 50, &msg, err, sizeof(err));
        if (rc < 0) {
            fault_note(f, "reader: %s", err);
            return;
        }
        if (rc == 1) {
            fault_take(f, msg);
            kafka_msg_free(msg);
        }
    } while (tr_now_unix_ms() < until);
}

/* Read until `want` distinct tickets have a decision on the topic, or timeout_ms. */
static inline bool fault_await_decided(struct fault_run *f, size_t want, int timeout_ms)
{
    int64_t deadline = tr_now_unix_ms() + timeout_ms;
    while (f->n_decided < want && tr_now_unix_ms() < deadline)
        fault_pump(f, 100);
    return f->n_decided >= want;
}

static inline size_t fault_dlq_mine(const struct fault_run *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n_dlq; i++)
        if (strncmp(f->dlq[i].key, f->prefix, strlen(f->prefix)) == 0)
            n++;
    return n;
}

/* Read until every ticket is decided and every poison message dead-lettered (or timeout_ms);
 * records the recovery time from `fault_cleared_ms`, then reads 2 s more for late copies. */
static inline void fault_await_all(struct fault_run *f, int64_t fault_cleared_ms, int timeout_ms)
{
    int64_t deadline = tr_now_unix_ms() + timeout_ms;
    while ((f->n_decided < FAULT_N || fault_dlq_mine(f) < FAULT_N_POISON) &&
           tr_now_unix_ms() < deadline)
        fault_pump(f, 100);
    if (f->n_decided >= FAULT_N)
        f->row.recover_s = fault_secs(fault_cleared_ms, tr_now_unix_ms());
    else
        f->row.recover_s = -1;
    fault_pump(f, 2000);
}

/* ------------------------------------------------------------------ the checks */

static inline PGresult *fault_query(struct fault_run *f, PGconn *conn, const char *sql)
{
    /* Binary results: text columns come as their bytes, bytea as the raw bytes. */
    PGresult *res = PQexecParams(conn, sql, 0, NULL, NULL, NULL, NULL, 1);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        fault_note(f, "query failed: %s: %s", PQerrorMessage(conn), sql);
        PQclear(res);
        return NULL;
    }
    return res;
}

static inline long fault_be_int8(const PGresult *res, int row, int col)
{
    const unsigned char *p = (const unsigned char *)PQgetvalue(res, row, col);
    int64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = (v << 8) | p[i];
    return (long)v;
}

static inline long fault_be_int4(const PGresult *res, int row, int col)
{
    const unsigned char *p = (const unsigned char *)PQgetvalue(res, row, col);
    return (long)(int32_t)((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
                           (uint32_t)p[3]);
}

struct fault_stored {
    bool present;
    char decision_id[160];
    char agent_id[160];
    const void *payload;
    size_t len;
};

static inline void fault_check_decisions(struct fault_run *f, PGconn *conn,
                                         struct fault_stored *stored, PGresult **keep)
{
    char sql[512];
    snprintf(sql, sizeof(sql),
             "SELECT count(*), count(DISTINCT ticket_id) FROM decisions WHERE ticket_id LIKE "
             "'%s-%%'",
             f->prefix);
    PGresult *res = fault_query(f, conn, sql);
    if (!res)
        return;
    long rows = fault_be_int8(res, 0, 0), distinct = fault_be_int8(res, 0, 1);
    PQclear(res);
    f->row.stored = rows;
    if (rows != distinct)
        fault_note(f, "decisions: %ld rows for %ld tickets", rows, distinct);

    snprintf(sql, sizeof(sql),
             "SELECT ticket_id, decision_id, coalesce(agent_id, ''), payload FROM decisions "
             "WHERE ticket_id LIKE '%s-%%'",
             f->prefix);
    res = fault_query(f, conn, sql);
    if (!res)
        return;
    *keep = res;
    for (int r = 0; r < PQntuples(res); r++) {
        char tid[200];
        snprintf(tid, sizeof(tid), "%.*s", PQgetlength(res, r, 0), PQgetvalue(res, r, 0));
        int i = fault_ticket_index(f, tid);
        if (i < 0) {
            fault_note(f, "decision for a ticket never sent: %s", tid);
            f->row.duplicates++;
            continue;
        }
        if (stored[i].present)
            f->row.duplicates++;
        stored[i].present = true;
        snprintf(stored[i].decision_id, sizeof(stored[i].decision_id), "%.*s",
                 PQgetlength(res, r, 1), PQgetvalue(res, r, 1));
        snprintf(stored[i].agent_id, sizeof(stored[i].agent_id), "%.*s", PQgetlength(res, r, 2),
                 PQgetvalue(res, r, 2));
        stored[i].payload = PQgetvalue(res, r, 3);
        stored[i].len = (size_t)PQgetlength(res, r, 3);
    }

    /* Published copies: each identical to the stored decision. */
    size_t per_ticket[FAULT_N] = {0};
    long conflicting = 0;
    for (size_t k = 0; k < f->n_pubs; k++) {
        const struct fault_pub *p = &f->pubs[k];
        if (p->index < 0)
            continue;
        per_ticket[p->index]++;
        const struct fault_stored *s = &stored[p->index];
        if (!s->present)
            continue; /* counted as lost below */
        if (strcmp(p->decision_id, s->decision_id) != 0 || p->len != s->len ||
            memcmp(p->bytes, s->payload, s->len) != 0) {
            if (conflicting++ < 5)
                fault_note(f,
                           "%s-%03d: published decision %s (agent '%s', %zu bytes) differs from "
                           "the stored %s (agent '%s', %zu bytes)",
                           f->prefix, p->index, p->decision_id, p->agent_id, p->len, s->decision_id,
                           s->agent_id, s->len);
        }
    }
    f->row.duplicates += conflicting;
    long lost = 0, republished = 0, missing_pub = 0, missing_store = 0;
    for (int i = 0; i < FAULT_N; i++) {
        if (per_ticket[i] > 1)
            republished += (long)per_ticket[i] - 1;
        if (!per_ticket[i] || !stored[i].present)
            lost++;
        if (!per_ticket[i] && missing_pub++ < 5)
            fault_note(f, "%s-%03d: no decision published", f->prefix, i);
        if (!stored[i].present && missing_store++ < 5)
            fault_note(f, "%s-%03d: no decision stored", f->prefix, i);
    }
    f->row.decisions_out = (long)f->n_decided;
    f->row.republished = republished;
    f->row.lost = lost;
    if (lost)
        fault_note(f, "%ld of %d tickets lost (%ld without a published decision, %ld unstored)",
                   lost, FAULT_N, missing_pub, missing_store);
}

/* Capacity, and load = claims = open decisions per agent (no ticket is resolved in these runs,
 * so every decision with an agent is open). */
static inline void fault_check_load(struct fault_run *f, PGconn *conn,
                                    const struct fault_stored *stored)
{
    PGresult *res = fault_query(f, conn,
                                "SELECT a.agent_id, a.capacity, count(d.ticket_id)"
                                " FROM agents a LEFT JOIN decisions d ON d.agent_id = a.agent_id"
                                " GROUP BY a.agent_id, a.capacity ORDER BY 1");
    if (!res)
        return;
    redisContext *redis = fault_redis();
    if (!redis) {
        fault_note(f, "Redis unreachable for the checks");
        PQclear(res);
        return;
    }
    for (int r = 0; r < PQntuples(res); r++) {
        char agent[160];
        snprintf(agent, sizeof(agent), "%.*s", PQgetlength(res, r, 0), PQgetvalue(res, r, 0));
        long cap = fault_be_int4(res, r, 1), open = fault_be_int8(res, r, 2);
        redisReply *reply = redisCommand(redis, "HGET %sload %s", f->env.redis_prefix, agent);
        long load = reply && reply->type == REDIS_REPLY_STRING ? atol(reply->str) : 0;
        freeReplyObject(reply);
        if (open > cap) {
            fault_note(f, "agent %s has %ld open decisions, capacity %ld", agent, open, cap);
            f->row.over_capacity++;
        }
        if (load > cap) {
            fault_note(f, "agent %s: Redis load %ld above capacity %ld", agent, load, cap);
            f->row.over_capacity++;
        }
        if (load != open) {
            fault_note(f, "agent %s: Redis load %ld but %ld open decisions in PostgreSQL", agent,
                       load, open);
            f->row.load_mismatch++;
        }
    }
    PQclear(res);

    /* Claims: one per decision with an agent, naming that agent. */
    long with_agent = 0, claim_bad = 0;
    for (int i = 0; i < FAULT_N; i++) {
        if (!stored[i].present || !stored[i].agent_id[0])
            continue;
        with_agent++;
        redisReply *reply =
            redisCommand(redis, "HGET %sclaims %s-%03d", f->env.redis_prefix, f->prefix, i);
        const char *holder = reply && reply->type == REDIS_REPLY_STRING ? reply->str : "";
        if (strcmp(holder, stored[i].agent_id) != 0 && claim_bad++ < 5)
            fault_note(f, "%s-%03d: decided for %s, Redis claim says '%s'", f->prefix, i,
                       stored[i].agent_id, holder);
        freeReplyObject(reply);
    }
    redisReply *reply = redisCommand(redis, "HLEN %sclaims", f->env.redis_prefix);
    long n_claims = reply && reply->type == REDIS_REPLY_INTEGER ? (long)reply->integer : -1;
    freeReplyObject(reply);
    redisFree(redis);
    if (n_claims != with_agent)
        fault_note(f, "Redis holds %ld claims for %ld decisions with an agent", n_claims,
                   with_agent);
    if (claim_bad)
        f->row.load_mismatch += claim_bad;
    f->row.assigned = with_agent;
}

static inline void fault_check_escalations(struct fault_run *f, PGconn *conn)
{
    char sql[512];
    snprintf(sql, sizeof(sql),
             "SELECT count(*), count(DISTINCT escalation_id), count(DISTINCT (ticket_id, kind))"
             " FROM escalations WHERE ticket_id LIKE '%s-%%'",
             f->prefix);
    PGresult *res = fault_query(f, conn, sql);
    if (!res)
        return;
    long rows = fault_be_int8(res, 0, 0), ids = fault_be_int8(res, 0, 1),
         per_kind = fault_be_int8(res, 0, 2);
    PQclear(res);
    long want = fault_expected_escalations();
    if (rows != want || ids != rows || per_kind != rows) {
        fault_note(f, "escalations stored: %ld rows, %ld ids, %ld (ticket, kind); want %ld", rows,
                   ids, per_kind, want);
        f->row.duplicates += rows > want ? rows - want : 0;
    }
    /* Published: the same set of ids (copies of one id are republications). */
    long distinct = 0;
    for (size_t i = 0; i < f->n_esc_msgs; i++) {
        if (strncmp(f->esc_ids[i], "", 1) == 0)
            continue;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(f->esc_ids[i], f->esc_ids[j]) == 0;
        distinct += !seen;
    }
    f->row.escalations = distinct;
    if (distinct != want)
        fault_note(f, "escalations published: %ld distinct ids (%zu messages), want %ld", distinct,
                   f->n_esc_msgs, want);
}

static inline void fault_check_dlq(struct fault_run *f)
{
    long mine = 0, copies = 0;
    for (size_t i = 0; i < f->n_dlq; i++) {
        const struct fault_dlq *q = &f->dlq[i];
        if (strncmp(q->key, f->prefix, strlen(f->prefix)) != 0)
            continue;
        /* A replayed invalid event is dead-lettered again (at least once): a copy, not a new
         * dead letter. */
        bool again = false;
        for (size_t j = 0; j < i && !again; j++)
            again = strcmp(f->dlq[j].key, q->key) == 0;
        if (again) {
            copies++;
            continue;
        }
        mine++;
        const struct fault_msg *orig = NULL;
        for (size_t k = 0; k < f->n_msgs && !orig; k++)
            if (f->msgs[k].poison && strcmp(f->msgs[k].key, q->key) == 0)
                orig = &f->msgs[k];
        if (!orig) {
            fault_note(f, "dead letter %s is not one of the invalid events (reason %s)", q->key,
                       q->reason);
            continue;
        }
        if (!q->reason[0] || strcmp(q->source_topic, f->tickets_topic) != 0 ||
            !q->source_partition[0] || !q->source_offset[0])
            fault_note(f, "dead letter %s: reason '%s', source '%s' [%s] @%s", q->key, q->reason,
                       q->source_topic, q->source_partition, q->source_offset);
        if (q->len != orig->len || memcmp(q->bytes, orig->bytes, orig->len) != 0)
            fault_note(f, "dead letter %s: %zu bytes, the original had %zu", q->key, q->len,
                       orig->len);
    }
    f->row.dlq = mine;
    f->row.dlq_copies = copies;
    if (mine != FAULT_N_POISON)
        fault_note(f, "%ld of %d invalid events dead-lettered", mine, FAULT_N_POISON);
}

/* Every check; records the row (status ok or FAIL) and fails the test on any failed check. */
static inline void fault_verify(struct fault_run *f)
{
    PGconn *conn = PQconnectdb(f->env.dsn);
    if (PQstatus(conn) != CONNECTION_OK) {
        fault_note(f, "postgres: %s", PQerrorMessage(conn));
    } else {
        static struct fault_stored stored[FAULT_N];
        memset(stored, 0, sizeof(stored));
        PGresult *keep = NULL;
        fault_check_decisions(f, conn, stored, &keep);
        fault_check_load(f, conn, stored);
        fault_check_escalations(f, conn);
        PQclear(keep);
    }
    PQfinish(conn);
    fault_check_dlq(f);
    if (f->failures[0])
        snprintf(f->row.status, sizeof(f->row.status), "FAIL");
    else
        snprintf(f->row.status, sizeof(f->row.status), "ok");
    fault_results_write(&f->row);
    if (f->failures[0])
        fail_msg("%s: %s", f->row.scenario, f->failures);
}

/* Teardown: routers killed, servers restored, everything freed, the row kept. */
static inline int fault_run_free(struct fault_run *f)
{
    if (!f)
        return 0;
    fault_servers_restore();
    for (int i = 0; i < 2; i++)
        if (f->routers[i] > 0)
            test_router_stop(f->routers[i], SIGKILL, 5000);
    if (f->thread_started)
        pthread_join(f->thread, NULL);
    if (f->failures[0] && strcmp(f->row.status, "ok") == 0)
        snprintf(f->row.status, sizeof(f->row.status), "FAIL");
    fault_results_write(&f->row);
    kafka_producer_free(f->producer, 5000);
    kafka_delivery_destroy(&f->delivery);
    kafka_consumer_free(f->reader);
    codec_free(f->codec);
    for (size_t i = 0; i < f->n_msgs; i++)
        free(f->msgs[i].bytes);
    for (size_t i = 0; i < f->n_pubs; i++)
        free(f->pubs[i].bytes);
    for (size_t i = 0; i < f->n_dlq; i++)
        free(f->dlq[i].bytes);
    free(f->pubs);
    free(f->esc_ids);
    free(f->dlq);
    test_env_teardown(&f->env);
    free(f);
    return 0;
}

#endif
