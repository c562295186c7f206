/* test_support: helpers shared by the tests (cmocka is the framework).
 * Integration helpers talk to the real servers: PostgreSQL (TR_TEST_PG, default
 * host=127.0.0.1 port=5432 user=postgres), Redis (127.0.0.1:6379) and Kafka
 * (TR_TEST_KAFKA, default 127.0.0.1:9092). Each test environment gets its own database,
 * topics, consumer group and Redis key prefix, so runs never see each other's data.
 * Threads: test main thread. */
#ifndef TR_TEST_SUPPORT_H
#define TR_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <cmocka.h>

#include "codec/codec.h"
#include "config/config.h"
#include "kafka/kafka.h"

/* The source tree (for proto/, migrations/, shared data) and the built ticket-router. */
#define TEST_SOURCE_DIR TR_SOURCE_DIR
#define TEST_BINARY TR_BINARY

/* A string unique to this process and call, for topic names, ids and keys. */
void test_unique(char *buf, size_t len, const char *prefix);

/* Environment value or fallback. */
const char *test_env(const char *name, const char *fallback);

struct test_env {
    char suffix[64];
    char db_name[96];
    char dsn[256];
    char topic_tickets[128];
    char topic_events[128];
    char topic_decisions[128];
    char topic_escalations[128];
    char topic_shadow[128];
    char topic_dlq[128];
    char group[128];
    char redis_prefix[96];
    struct config cfg; /* defaults + the above, for the test's own Kafka clients */
};

/* Create a fresh database with the migrations applied, and unique topics (3 partitions).
 * Returns 0 or fails the test. */
int test_env_setup(struct test_env *env, const char *name);
/* Drop the database and the Redis keys; free cfg. */
void test_env_teardown(struct test_env *env);

/* An empty database of its own (no migrations): its name and DSN. Drop with test_db_drop. */
void test_db_create(char *name, size_t name_len, char *dsn, size_t dsn_len);
void test_db_drop(const char *name);

/* Run SQL on the environment's database; fails the test on error. */
void test_sql(const struct test_env *env, const char *sql);
/* First column of the first row as a number (0 when no row). */
long test_sql_long(const struct test_env *env, const char *sql);

/* Start `ticket-router run` with the environment's settings (plus extra "NAME=value" strings,
 * NULL-terminated, may be NULL); its stderr goes to log_path. Returns the pid. */
pid_t test_router_start(const struct test_env *env, const char *const *extra, const char *log_path);
/* Run `ticket-router ARGS...` (args NULL-terminated, without the program name) with the
 * environment's settings, its stdout and stderr to out_path; wait for it and return its exit
 * status (128+signal when killed). */
int test_tool_run(const struct test_env *env, const char *const *args, const char *out_path);

/* Send sig, wait up to timeout_ms; returns the exit status (128+signal when killed by one),
 * or -1 after killing it with SIGKILL at the deadline. */
int test_router_stop(pid_t pid, int sig, int timeout_ms);

/* Produce one message and wait for its acknowledgement; fails the test on error. */
void test_produce(const struct test_env *env, const char *topic, const char *key,
                  const void *payload, size_t len);

/* Encode a TicketCreated (id, customer, subject, body; created now) with c and produce it to the
 * environment's tickets topic keyed by id, waiting for the acknowledgement; fails the test on
 * error. Borrows all arguments. */
void test_send_ticket(const struct test_env *env, codec *c, const char *id, const char *customer,
                      const char *subject, const char *body);

/* Read from topic (from the beginning, own group) until n messages came or timeout_ms passed,
 * then a further settle_ms to catch extra ones (up to max). Calls fn for each message (borrowed:
 * valid during the call; messages must not outlive their consumer). Returns how many came. */
size_t test_consume(const char *topic, size_t n, size_t max, int timeout_ms, int settle_ms,
                    void (*fn)(const struct kafka_msg *msg, void *arg), void *arg);

/* The value of header name of a consumed message into buf ("" when absent). */
void test_msg_header(const struct kafka_msg *msg, const char *name, char *buf, size_t len);

/* A separable two-class set: text i ("my <word> and <word> question") is billing for odd i,
 * technical for even i, from eight words each. */
void test_two_class_text(size_t i, char *text, size_t len, const char **label);
/* Train a classifier on the first 64 such texts and save it to path with version. */
void test_two_class_model(const char *path, const char *version);

/* GET http://host:port/path with curl (5 s at most): the status (0 when nothing answers), and
 * the body's first line into body (may be NULL). */
int test_http_get(const char *host, unsigned port, const char *path, char *body, size_t len);
/* The value of one series (name with its labels, exactly as exposed) on the router's /metrics at
 * 127.0.0.1:port; -1 when absent. */
long test_metric(unsigned port, const char *series);
/* A port for a router's HTTP endpoint, from base and the process id. */
unsigned test_port(unsigned base);

/* The router a test started: test_router_teardown (a cmocka teardown) kills it when an assertion
 * left it running. Set it to 0 once stopped. */
extern pid_t test_router;
int test_router_teardown(void **state);

/* Redis HGET <prefix><key> field as a number (0 when absent). */
long test_redis_hget_long(const struct test_env *env, const char *key, const char *field);
/* Whether the router's claims hash holds ticket_id (a claimed agent), and whether its deadlines
 * sorted set does (a first-response time-out pending). */
bool test_redis_claimed(const struct test_env *env, const char *ticket_id);
bool test_redis_deadline(const struct test_env *env, const char *ticket_id);

#endif
