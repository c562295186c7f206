/* test_dead_letter: dead letters can always be written, against the real broker, PostgreSQL and
 * Redis.
 * - A 1 MiB and an 8 MiB ticket (the tickets topic accepts 16 MiB) each end in the dead-letter
 *   topic as a prefix with their reason, full size and SHA-256; the originals are kept whole in
 *   PostgreSQL (dead_letters), and the tickets after them on the same partition are decided.
 *   Before, the oversized original was republished whole, the producer refused it, and the
 *   partition stalled for ever ("batch failed" every 5 s, nothing in the DLQ).
 * - The dead-letter topic deleted during a run: the router says so (step=dead_letter with
 *   librdkafka's error, never a database failure), counts it, reports not ready, and resumes by
 *   itself once the topic is back: the dead letter lands, the ticket after it is decided. */
#include "test_support.h"

#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/error.h"
#include "store/store.h"

#define MIB (1024 * 1024)

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk;
    (void)opaque;
    *(rd_kafka_resp_err_t *)m->_private = m->err;
}

static rd_kafka_t *client_new(rd_kafka_type_t type)
{
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (rd_kafka_conf_set(conf, "bootstrap.servers", test_env("TR_TEST_KAFKA", "127.0.0.1:9092"),
                          err, sizeof(err)) != RD_KAFKA_CONF_OK ||
        rd_kafka_conf_set(conf, "message.max.bytes", "20000000", err, sizeof(err)) !=
            RD_KAFKA_CONF_OK ||
        rd_kafka_conf_set(conf, "compression.type", "lz4", err, sizeof(err)) != RD_KAFKA_CONF_OK)
        fail_msg("conf: %s", err);
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    rd_kafka_t *rk = rd_kafka_new(type, conf, err, sizeof(err));
    if (!rk)
        fail_msg("rd_kafka_new: %s", err);
    return rk;
}

/* Wait for one admin result event and fail on any error in it. */
static void admin_wait(rd_kafka_t *rk, rd_kafka_queue_t *queue, const char *what)
{
    rd_kafka_event_t *ev = rd_kafka_queue_poll(queue, 30000);
    if (!ev)
        fail_msg("%s: no answer", what);
    if (rd_kafka_event_error(ev))
        fail_msg("%s: %s", what, rd_kafka_event_error_string(ev));
    const rd_kafka_topic_result_t **res = NULL;
    size_t n = 0;
    if (rd_kafka_event_type(ev) == RD_KAFKA_EVENT_DELETETOPICS_RESULT)
        res = rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(ev), &n);
    else if (rd_kafka_event_type(ev) == RD_KAFKA_EVENT_CREATETOPICS_RESULT)
        res = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
    for (size_t i = 0; i < n; i++)
        if (rd_kafka_topic_result_error(res[i]))
            fail_msg("%s %s: %s", what, rd_kafka_topic_result_name(res[i]),
                     rd_kafka_topic_result_error_string(res[i]));
    rd_kafka_event_destroy(ev);
    (void)rk;
}

static void topic_max_bytes_set(const char *topic, const char *max)
{
    rd_kafka_t *rk = client_new(RD_KAFKA_PRODUCER);
    rd_kafka_queue_t *queue = rd_kafka_queue_new(rk);
    rd_kafka_ConfigResource_t *res = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic);
    assert_int_equal(rd_kafka_ConfigResource_set_config(res, "max.message.bytes", max), 0);
    rd_kafka_AlterConfigs(rk, &res, 1, NULL, queue);
    admin_wait(rk, queue, "alter configs");
    rd_kafka_ConfigResource_destroy(res);
    rd_kafka_queue_destroy(queue);
    rd_kafka_destroy(rk);
}

static void topic_delete(const char *topic)
{
    rd_kafka_t *rk = client_new(RD_KAFKA_PRODUCER);
    rd_kafka_queue_t *queue = rd_kafka_queue_new(rk);
    rd_kafka_DeleteTopic_t *del = rd_kafka_DeleteTopic_new(topic);
    rd_kafka_DeleteTopics(rk, &del, 1, NULL, queue);
    admin_wait(rk, queue, "delete topic");
    rd_kafka_DeleteTopic_destroy(del);
    rd_kafka_queue_destroy(queue);
    rd_kafka_destroy(rk);
}

static void topic_create(const char *topic)
{
    char err[256];
    rd_kafka_t *rk = client_new(RD_KAFKA_PRODUCER);
    rd_kafka_queue_t *queue = rd_kafka_queue_new(rk);
    rd_kafka_NewTopic_t *t = rd_kafka_NewTopic_new(topic, 3, 1, err, sizeof(err));
    assert_non_null(t);
    /* The broker may still be deleting the old one: retry for a while. */
    for (int i = 0; i < 60; i++) {
        rd_kafka_CreateTopics(rk, &t, 1, NULL, queue);
        rd_kafka_event_t *ev = rd_kafka_queue_poll(queue, 30000);
        assert_non_null(ev);
        size_t n = 0;
        const rd_kafka_topic_result_t **res =
            rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
        rd_kafka_resp_err_t e =
            n ? rd_kafka_topic_result_error(res[0]) : RD_KAFKA_RESP_ERR_NO_ERROR;
        rd_kafka_event_destroy(ev);
        if (e == RD_KAFKA_RESP_ERR_NO_ERROR || e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
            break;
        tr_sleep_ms(500);
    }
    rd_kafka_NewTopic_destroy(t);
    rd_kafka_queue_destroy(queue);
    rd_kafka_destroy(rk);
}

/* Produce key/payload to partition 0 of topic and wait for the acknowledgement. The topic's new
 * max.message.bytes may take a moment to apply on the broker: a refusal is tried again. */
static void produce_p0(rd_kafka_t *rk, const char *topic, const char *key, const void *payload,
                       size_t len)
{
    rd_kafka_resp_err_t delivered = RD_KAFKA_RESP_ERR_NO_ERROR;
    for (int attempt = 0; attempt < 20; attempt++) {
        delivered = RD_KAFKA_RESP_ERR__IN_PROGRESS;
        rd_kafka_resp_err_t err = rd_kafka_producev(
            rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(0),
            RD_KAFKA_V_KEY((void *)key, strlen(key)), RD_KAFKA_V_VALUE((void *)payload, len),
            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_OPAQUE(&delivered),
            RD_KAFKA_V_END);
        if (err)
            fail_msg("produce %s: %s", key, rd_kafka_err2str(err));
        if (rd_kafka_flush(rk, 60000) != RD_KAFKA_RESP_ERR_NO_ERROR)
            fail_msg("flush %s", key);
        if (delivered == RD_KAFKA_RESP_ERR_NO_ERROR)
            return;
        tr_sleep_ms(500);
    }
    fail_msg("produce %s: %s", key, rd_kafka_err2str(delivered));
}

/* A framed TicketCreated whose body is len bytes of text that does not compress away. */
static void *big_ticket(codec *c, const char *id, size_t body_len, size_t *len)
{
    char *body = malloc(body_len + 1);
    assert_non_null(body);
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < body_len; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        body[i] = (char)('a' + x % 26);
    }
    body[body_len] = '\0';
    struct ticket t = {0};
    tr_strlcpy(t.ticket_id, id, sizeof(t.ticket_id));
    tr_strlcpy(t.customer_id, "cust-1", sizeof(t.customer_id));
    t.subject = (char *)"a very long ticket";
    t.body = body;
    t.created_at_ms = tr_now_unix_ms();
    void *buf = NULL;
    if (codec_ticket_encode(c, &t, &buf, len) != 0)
        fail_msg("encode %s", id);
    free(body);
    return buf;
}

static void *small_ticket(codec *c, const char *id, size_t *len)
{
    struct ticket t = {0};
    tr_strlcpy(t.ticket_id, id, sizeof(t.ticket_id));
    tr_strlcpy(t.customer_id, "cust-1", sizeof(t.customer_id));
    t.subject = (char *)"invoice question";
    t.body = (char *)"please send the invoice again";
    t.created_at_ms = tr_now_unix_ms();
    void *buf = NULL;
    if (codec_ticket_encode(c, &t, &buf, len) != 0)
        fail_msg("encode %s", id);
    return buf;
}

struct seen {
    size_t n;
    char keys[16][TR_ID_MAX];
    char truncated[16][8], size[16][24], sha[16][72], reason[16][160];
    size_t len[16];
};

static void collect(const struct kafka_msg *msg, void *arg)
{
    struct seen *s = arg;
    if (s->n >= 16)
        return;
    size_t k = msg->key_len < TR_ID_MAX - 1 ? msg->key_len : TR_ID_MAX - 1;
    memcpy(s->keys[s->n], msg->key, k);
    s->keys[s->n][k] = '\0';
    test_msg_header(msg, "x-dlq-truncated", s->truncated[s->n], sizeof(s->truncated[0]));
    test_msg_header(msg, "x-dlq-original-size", s->size[s->n], sizeof(s->size[0]));
    test_msg_header(msg, "x-dlq-original-sha256", s->sha[s->n], sizeof(s->sha[0]));
    test_msg_header(msg, "x-dlq-reason", s->reason[s->n], sizeof(s->reason[0]));
    s->len[s->n] = msg->len;
    s->n++;
}

static int find(const struct seen *s, const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->keys[i], key) == 0)
            return (int)i;
    return -1;
}

static codec *codec_default(void)
{
    char err[256];
    struct codec_schema_ids ids = {
        .ticket_created = 1001, .ticket_event = 1002, .routing_decision = 1003, .escalation = 1004};
    codec *c = codec_new(&ids, err, sizeof(err));
    if (!c)
        fail_msg("codec: %s", err);
    return c;
}

static bool file_has(const char *path, const char *needle)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    char line[4096];
    bool found = false;
    while (!found && fgets(line, sizeof(line), f))
        found = strstr(line, needle) != NULL;
    fclose(f);
    return found;
}

static void test_oversized_tickets_are_dead_lettered_and_kept_whole(void **state)
{
    (void)state;
    struct test_env env;
    test_env_setup(&env, "deadletter");
    topic_max_bytes_set(env.topic_tickets, "16777216");
    codec *c = codec_default();
    rd_kafka_t *rk = client_new(RD_KAFKA_PRODUCER);
    char id[5][TR_ID_MAX];
    const size_t sizes[] = {0, MIB, 0, 8 * MIB, 0};
    size_t big_len[5] = {0};
    void *big[5] = {0};
    for (int i = 0; i < 5; i++) {
        snprintf(id[i], sizeof(id[i]), "%s-t%d", env.suffix, i);
        size_t len = 0;
        void *buf = sizes[i] ? big_ticket(c, id[i], sizes[i], &len) : small_ticket(c, id[i], &len);
        produce_p0(rk, env.topic_tickets, id[i], buf, len);
        if (sizes[i]) {
            big[i] = buf;
            big_len[i] = len;
        } else {
            free(buf);
        }
    }
    rd_kafka_destroy(rk);

    const char *log = "/tmp/test_dead_letter_big.log";
    unlink(log);
    pid_t router = test_router_start(&env, NULL, log);
    struct seen decisions = {0}, dlq = {0};
    size_t n_dec = test_consume(env.topic_decisions, 3, 16, 60000, 1000, collect, &decisions);
    size_t n_dlq = test_consume(env.topic_dlq, 2, 16, 30000, 500, collect, &dlq);
    assert_int_equal(test_router_stop(router, SIGTERM, 20000), 0);

    assert_int_equal(n_dec, 3);
    assert_true(find(&decisions, id[0]) >= 0 && find(&decisions, id[2]) >= 0 &&
                find(&decisions, id[4]) >= 0);
    assert_int_equal(n_dlq, 2);
    for (int i = 1; i <= 3; i += 2) {
        int k = find(&dlq, id[i]);
        assert_true(k >= 0);
        assert_string_equal(dlq.truncated[k], "true");
        assert_int_equal(atol(dlq.size[k]), (long)big_len[i]);
        assert_true(dlq.len[k] < 1000000);
        assert_non_null(strstr(dlq.reason[k], "over"));
        /* The original is kept whole, and the header's hash is the original's. */
        char sql[512];
        snprintf(sql, sizeof(sql),
                 "SELECT count(*) FROM dead_letters WHERE source_topic = '%s' AND size = %zu "
                 "AND sha256 = '%s' AND encode(sha256(payload), 'hex') = sha256",
                 env.topic_tickets, big_len[i], dlq.sha[k]);
        assert_int_equal(test_sql_long(&env, sql), 1);
        char err[256];
        store_conn *pg = store_conn_new(env.dsn, err, sizeof(err));
        assert_non_null(pg);
        void *kept = NULL;
        size_t kept_len = 0;
        snprintf(sql, sizeof(sql),
                 "SELECT source_offset FROM dead_letters WHERE source_topic = '%s' AND size = %zu",
                 env.topic_tickets, big_len[i]);
        assert_int_equal(store_dead_letter_get(pg, env.topic_tickets, 0, test_sql_long(&env, sql),
                                               &kept, &kept_len),
                         0);
        assert_int_equal(kept_len, big_len[i]);
        assert_memory_equal(kept, big[i], big_len[i]);
        free(kept);
        store_conn_free(pg);
    }
    assert_false(file_has(log, "batch failed"));

    /* dlq redrive sends the whole originals back (its producer may send 16 MiB). */
    const char *conf = "/tmp/test_dead_letter_redrive.conf";
    FILE *fp = fopen(conf, "w");
    assert_non_null(fp);
    fprintf(fp, "kafka.message.max.bytes = 20000000\n");
    fclose(fp);
    const char *args[] = {"dlq", "redrive", "--config", conf, "--timeout-ms", "3000", NULL};
    assert_int_equal(test_tool_run(&env, args, "/tmp/test_dead_letter_redrive.out"), 0);
    struct seen back = {0};
    assert_int_equal(test_consume(env.topic_tickets, 7, 16, 60000, 1000, collect, &back), 7);
    for (int i = 1; i <= 3; i += 2) {
        int copies = 0; /* the one first produced and the one re-driven */
        for (size_t k = 0; k < back.n; k++)
            copies += strcmp(back.keys[k], id[i]) == 0 && back.len[k] == big_len[i];
        if (copies != 2)
            fail_msg("the original of %s (%zu bytes) was not re-driven whole", id[i], big_len[i]);
    }
    for (int i = 0; i < 5; i++)
        free(big[i]);
    codec_free(c);
    test_env_teardown(&env);
}

/* The sum of the series of family whose labels start with labels_prefix (e.g. topic="x"). */
static long metric_sum(unsigned port, const char *family, const char *labels_prefix)
{
    char cmd[128], prefix[512];
    snprintf(prefix, sizeof(prefix), "%s{%s", family, labels_prefix);
    snprintf(cmd, sizeof(cmd), "curl -s -m 5 http://127.0.0.1:%u/metrics", port);
    FILE *f = popen(cmd, "r");
    if (!f)
        return -1;
    char line[1024];
    long sum = 0;
    while (fgets(line, sizeof(line), f))
        if (strncmp(line, prefix, strlen(prefix)) == 0) {
            const char *v = strrchr(line, ' ');
            sum += v ? atol(v + 1) : 0;
        }
    pclose(f);
    return sum;
}

static void test_deleted_dead_letter_topic_is_reported_and_recovered(void **state)
{
    (void)state;
    struct test_env env;
    test_env_setup(&env, "dlqgone");
    codec *c = codec_default();
    unsigned port = test_port(20000);
    char port_var[64];
    snprintf(port_var, sizeof(port_var), "TICKET_ROUTER_HTTP_PORT=%u", port);
    const char *extra[] = {port_var, "TICKET_ROUTER_KAFKA_ALLOW_AUTO_CREATE_TOPICS=false",
                           "TICKET_ROUTER_KAFKA_MESSAGE_TIMEOUT_MS=4000",
                           "TICKET_ROUTER_RETRY_BACKOFF_MAX_MS=500", NULL};
    const char *log = "/tmp/test_dead_letter_gone.log";
    unlink(log);
    pid_t router = test_router_start(&env, extra, log);
    rd_kafka_t *rk = client_new(RD_KAFKA_PRODUCER);
    char id[3][TR_ID_MAX];
    for (int i = 0; i < 3; i++)
        snprintf(id[i], sizeof(id[i]), "%s-t%d", env.suffix, i);
    produce_p0(rk, env.topic_tickets, id[0], "not avro at all", 15);
    struct seen dlq = {0};
    assert_int_equal(test_consume(env.topic_dlq, 1, 4, 60000, 0, collect, &dlq), 1);

    topic_delete(env.topic_dlq);
    produce_p0(rk, env.topic_tickets, id[1], "still not avro", 14);
    size_t len = 0;
    void *ok = small_ticket(c, id[2], &len);
    produce_p0(rk, env.topic_tickets, id[2], ok, len);
    free(ok);
    /* The router cannot write the dead letter: not ready, and the log says why. */
    bool reported = false;
    for (int i = 0; i < 300 && !reported; i++) {
        reported = file_has(log, "step=dead_letter") || file_has(log, "kafka: delivery to");
        if (!reported)
            tr_sleep_ms(100);
    }
    assert_true(reported);
    assert_int_equal(test_http_get("127.0.0.1", port, "/readyz", NULL, 0), 503);
    assert_false(file_has(log, "dependency=postgres"));
    assert_false(file_has(log, "dependency=redis"));

    topic_create(env.topic_dlq);
    struct seen dec = {0}, dlq2 = {0};
    /* The good ticket is decided. An attempt that published its decision before the dead
     * letter's delivery failed is retried, and the retry publishes the stored decision again
     * (at least once: the same bytes), so one or two copies may come, never another decision. */
    size_t nd = test_consume(env.topic_decisions, 1, 4, 90000, 500, collect, &dec);
    assert_true(nd >= 1 && nd <= 2);
    for (size_t i = 0; i < nd; i++) {
        assert_string_equal(dec.keys[i], id[2]);
        assert_int_equal(dec.len[i], dec.len[0]);
    }
    assert_true(test_consume(env.topic_dlq, 1, 4, 30000, 500, collect, &dlq2) >= 1);
    assert_true(find(&dlq2, id[1]) >= 0);
    int ready = 0;
    for (int i = 0; i < 100 && ready != 200; i++) {
        ready = test_http_get("127.0.0.1", port, "/readyz", NULL, 0);
        if (ready != 200)
            tr_sleep_ms(100);
    }
    assert_int_equal(ready, 200);
    /* Two bad tickets, two dead letters: the attempts while the topic was gone count nothing. */
    char topic_label[256];
    snprintf(topic_label, sizeof(topic_label), "topic=\"%s\"", env.topic_tickets);
    assert_int_equal(metric_sum(port, "ticket_router_dead_letters_total", topic_label), 2);
    assert_int_equal(test_router_stop(router, SIGTERM, 20000), 0);
    rd_kafka_destroy(rk);
    codec_free(c);
    test_env_teardown(&env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oversized_tickets_are_dead_lettered_and_kept_whole),
        cmocka_unit_test(test_deleted_dead_letter_topic_is_reported_and_recovered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
