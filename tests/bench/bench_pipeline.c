/* bench_pipeline: the tools of the pipeline benchmark (tests/bench/pipeline/run drives them).
 *
 *   bench_pipeline produce     --topic T --n N [--rate R] --customers C --data CSV --prefix P
 *       Encode N TicketCreated events (text from the CSV's first column, e.g. BANKING77; customers
 *       Zipf-like over c0000001..C, exponent 0.9, the same law as history.sql) and produce them,
 *       as fast as the broker takes them, or at R per second. Ids are P-00000000 ...
 *   bench_pipeline observe     --topic T --n N --timeout-s S
 *       Read T from the beginning (no group) until N messages came; print the count and the
 *       producer timestamps of the first and last one (so the rate of whoever produced them).
 *   bench_pipeline latency     --in T --out T2 --rate R --seconds S --customers C --data CSV
 *                              --prefix P [--warmup-s W] [--drain-s D]
 *       Produce to T at R per second for S seconds (open loop: each ticket's created_at is its
 *       scheduled time) while reading T2; latency = arrival on T2 of the message keyed by the
 *       ticket id minus that scheduled time. Prints p50/p99/p99.9 after the warm-up, and how
 *       many never arrived within the drain time.
 *   bench_pipeline passthrough --config F [--max-s S]
 *       The bare service: consume topic.tickets and produce one ~410-byte message per input to
 *       topic.decisions, through the router's own kafka module (so exactly its librdkafka
 *       settings: idempotent producer, enable.auto.offset.store=false, ...), storing each
 *       offset only after the delivery report of its output. Runs until SIGTERM/SIGINT.
 *   bench_pipeline delete-topics --brokers B TOPIC...
 *       Delete the benchmark's topics (librdkafka admin API).
 *
 * Every loop is bounded by a count and a time limit; every output line is key=value.
 * Threads: main, plus the observer thread of `latency`. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <librdkafka/rdkafka.h>

#include "codec/codec.h"
#include "common/error.h"
#include "config/config.h"
#include "kafka/kafka.h"

#define BENCH_OUT_BYTES 410 /* a RoutingDecision as the router publishes it, about */
#define BENCH_MAX_PARTITIONS 256
#define BENCH_INFLIGHT_MAX 64
#define BENCH_TEXTS_MAX 20000

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

__attribute__((format(printf, 1, 2), noreturn)) static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bench_pipeline: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

/* ------------------------------------------------------------------------------- arguments */

struct args {
    const char *topic, *in, *out, *data, *prefix, *config, *brokers;
    long n, customers, rate, seconds, timeout_s, warmup_s, drain_s, max_s;
};

static void args_parse(struct args *a, int argc, char **argv)
{
    *a = (struct args){.brokers = "127.0.0.1:9092",
                       .prefix = "bench",
                       .customers = 10000,
                       .timeout_s = 300,
                       .warmup_s = 2,
                       .drain_s = 10,
                       .max_s = 3600};
    for (int i = 2; i < argc; i++) {
        const char *k = argv[i];
        if (i + 1 >= argc)
            die("%s needs a value", k);
        const char *v = argv[++i];
        if (!strcmp(k, "--topic"))
            a->topic = v;
        else if (!strcmp(k, "--in"))
            a->in = v;
        else if (!strcmp(k, "--out"))
            a->out = v;
        else if (!strcmp(k, "--data"))
            a->data = v;
        else if (!strcmp(k, "--prefix"))
            a->prefix = v;
        else if (!strcmp(k, "--config"))
            a->config = v;
        else if (!strcmp(k, "--brokers"))
            a->brokers = v;
        else if (!strcmp(k, "--n"))
            a->n = atol(v);
        else if (!strcmp(k, "--customers"))
            a->customers = atol(v);
        else if (!strcmp(k, "--rate"))
            a->rate = atol(v);
        else if (!strcmp(k, "--seconds"))
            a->seconds = atol(v);
        else if (!strcmp(k, "--timeout-s"))
            a->timeout_s = atol(v);
        else if (!strcmp(k, "--warmup-s"))
            a->warmup_s = atol(v);
        else if (!strcmp(k, "--drain-s"))
            a->drain_s = atol(v);
        else if (!strcmp(k, "--max-s"))
            a->max_s = atol(v);
        else
            die("unknown option %s", k);
    }
}

/* ------------------------------------------------------------------- texts and customers */

struct texts {
    char **text;
    size_t n;
};

/* The first column of each CSV row (quoted with "" escapes, or bare up to the comma). */
static void texts_load(struct texts *t, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("cannot open %s", path);
    t->text = calloc(BENCH_TEXTS_MAX, sizeof(*t->text));
    char line[4096];
    bool header = true;
    while (t->n < BENCH_TEXTS_MAX && fgets(line, sizeof(line), f)) {
        if (header) {
            header = false;
            continue;
        }
        char out[4096];
        size_t o = 0;
        const char *p = line;
        if (*p == '"') {
            for (p++; *p && o + 1 < sizeof(out); p++) {
                if (*p == '"' && p[1] == '"')
                    out[o++] = *p++;
                else if (*p == '"')
                    break;
                else
                    out[o++] = *p;
            }
        } else {
            for (; *p && *p != ',' && *p != '\n' && o + 1 < sizeof(out); p++)
                out[o++] = *p;
        }
        out[o] = '\0';
        if (o > 0)
            t->text[t->n++] = strdup(out);
    }
    fclose(f);
    if (t->n == 0)
        die("no texts in %s", path);
}

static void texts_free(struct texts *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->text[i]);
    free(t->text);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static double rng_u(void)
{
    rng_state ^= rng_state << 13; /* xorshift64 */
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* Customer number of a Zipf-like law (exponent 0.9) over a fixed permutation of 1..c: the
 * same as history.sql, so the busiest customers of the history are the busiest here. */
static long customer_pick(long c)
{
    double x = pow((pow((double)c, 0.1) - 1) * rng_u() + 1, 10);
    long idx = (long)x;
    if (idx < 1)
        idx = 1;
    if (idx > c)
        idx = c;
    return ((idx - 1) * 7919) % c + 1;
}

/* ------------------------------------------------------------------------ plain producer */

static void on_dr(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk;
    atomic_long *failed = opaque;
    if (m->err)
        atomic_fetch_add(failed, 1);
}

static rd_kafka_t *producer_new(const char *brokers, atomic_long *failed)
{
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (rd_kafka_conf_set(conf, "bootstrap.servers", brokers, err, sizeof(err)) ||
        rd_kafka_conf_set(conf, "linger.ms", "1", err, sizeof(err)) ||
        rd_kafka_conf_set(conf, "enable.idempotence", "true", err, sizeof(err)) ||
        rd_kafka_conf_set(conf, "socket.nagle.disable", "true", err, sizeof(err)) ||
        rd_kafka_conf_set(conf, "queue.buffering.max.messages", "1000000", err, sizeof(err)))
        die("producer config: %s", err);
    rd_kafka_conf_set_dr_msg_cb(conf, on_dr);
    rd_kafka_conf_set_opaque(conf, failed);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
    if (!rk) {
        rd_kafka_conf_destroy(conf); /* rd_kafka_new frees conf only on success */
        die("producer: %s", err);
    }
    return rk;
}

static void produce_one(rd_kafka_t *rk, const char *topic, const char *key, void *buf, size_t len)
{
    for (int tries = 0; tries < 1000; tries++) {
        rd_kafka_resp_err_t e = rd_kafka_producev(
            rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_KEY(key, strlen(key)),
            RD_KAFKA_V_VALUE(buf, len), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_FREE), RD_KAFKA_V_END);
        if (e == RD_KAFKA_RESP_ERR_NO_ERROR)
            return;
        if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL)
            die("produce: %s", rd_kafka_err2str(e));
        rd_kafka_poll(rk, 10);
    }
    die("produce: %s", "queue full for 10 s");
}

/* Encode ticket i (created at created_ms) into *buf (caller frees). */
static void ticket_make(codec *c, const struct args *a, const struct texts *t, long i,
                        int64_t created_ms, char *id, size_t idlen, void **buf, size_t *len)
{
    static const char *const channels[] = {"email", "chat", "web", "email", "api"};
    struct ticket tk = {0};
    snprintf(id, idlen, "%s-%08ld", a->prefix, i);
    tr_strlcpy(tk.ticket_id, id, sizeof(tk.ticket_id));
    snprintf(tk.customer_id, sizeof(tk.customer_id), "c%07ld", customer_pick(a->customers));
    tk.subject = "";
    tk.body = t->text[(size_t)(rng_u() * (double)t->n) % t->n];
    tr_strlcpy(tk.channel, channels[i % 5], sizeof(tk.channel));
    tk.created_at_ms = created_ms;
    if (codec_ticket_encode(c, &tk, buf, len) != 0)
        die("encode ticket %s", id);
}

static void sleep_until_us(int64_t mono_us)
{
    int64_t d = mono_us - tr_mono_us();
    if (d <= 0)
        return;
    struct timespec ts = {.tv_sec = d / 1000000, .tv_nsec = (long)(d % 1000000) * 1000};
    nanosleep(&ts, NULL);
}

static int cmd_produce(const struct args *a)
{
    if (!a->topic || !a->data || a->n <= 0)
        die("%s", "produce needs --topic, --data and --n");
    struct texts t = {0};
    texts_load(&t, a->data);
    char err[512];
    codec *c = codec_new(NULL, err, sizeof(err));
    if (!c)
        die("codec: %s", err);
    atomic_long failed = 0;
    rd_kafka_t *rk = producer_new(a->brokers, &failed);
    int64_t t0 = tr_mono_us();
    for (long i = 0; i < a->n && !stop_requested; i++) {
        if (a->rate > 0)
            sleep_until_us(t0 + i * 1000000 / a->rate);
        char id[128];
        void *buf = NULL;
        size_t len = 0;
        ticket_make(c, a, &t, i, tr_now_unix_ms(), id, sizeof(id), &buf, &len);
        produce_one(rk, a->topic, id, buf, len);
        rd_kafka_poll(rk, 0);
    }
    if (rd_kafka_flush(rk, 60000) != RD_KAFKA_RESP_ERR_NO_ERROR)
        die("%s", "flush timed out");
    double s = (double)(tr_mono_us() - t0) / 1e6;
    printf("produced=%ld failed=%ld seconds=%.2f rate=%.0f\n", a->n, (long)atomic_load(&failed), s,
           (double)a->n / s);
    rd_kafka_destroy(rk);
    codec_free(c);
    texts_free(&t);
    return atomic_load(&failed) ? 1 : 0;
}

/* ------------------------------------------------------------------------------- observer */

/* A consumer without a group, assigned every partition of topic from the beginning. */
static rd_kafka_t *reader_new(const char *brokers, const char *topic)
{
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (rd_kafka_conf_set(conf, "bootstrap.servers", brokers, err, sizeof(err)) ||
        rd_kafka_conf_set(conf, "group.id", "bench-pipeline-reader", err, sizeof(err)) ||
        rd_kafka_conf_set(conf, "enable.auto.commit", "false", err, sizeof(err)) ||
        rd_kafka_conf_set(conf, "fetch.wait.max.ms", "5", err, sizeof(err)) ||
        rd_kafka_conf_set(conf, "socket.nagle.disable", "true", err, sizeof(err)))
        die("reader config: %s", err);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof(err));
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        die("reader: %s", err);
    }
    rd_kafka_poll_set_consumer(rk);
    const struct rd_kafka_metadata *md = NULL;
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
    int parts = 0;
    for (int tries = 0; tries < 100 && parts == 0; tries++) {
        if (rd_kafka_metadata(rk, 0, rkt, &md, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            if (md->topic_cnt == 1 && !md->topics[0].err)
                parts = md->topics[0].partition_cnt;
            rd_kafka_metadata_destroy(md);
        }
        if (parts == 0)
            sleep_until_us(tr_mono_us() + 100000);
    }
    rd_kafka_topic_destroy(rkt);
    if (parts == 0)
        die("no partitions for topic %s", topic);
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(parts);
    for (int p = 0; p < parts; p++)
        rd_kafka_topic_partition_list_add(list, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    if (rd_kafka_assign(rk, list) != RD_KAFKA_RESP_ERR_NO_ERROR)
        die("assign %s", topic);
    rd_kafka_topic_partition_list_destroy(list);
    return rk;
}

static int cmd_observe(const struct args *a)
{
    if (!a->topic || a->n <= 0)
        die("%s", "observe needs --topic and --n");
    rd_kafka_t *rk = reader_new(a->brokers, a->topic);
    long got = 0;
    int64_t first = INT64_MAX, last = 0, start = tr_mono_us();
    while (got < a->n && !stop_requested && tr_mono_us() - start < a->timeout_s * 1000000) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
        if (!m)
            continue;
        if (!m->err) {
            got++;
            int64_t ts = rd_kafka_message_timestamp(m, NULL);
            if (ts > 0 && ts < first)
                first = ts;
            if (ts > last)
                last = ts;
        }
        rd_kafka_message_destroy(m);
    }
    double span = got > 1 && last > first ? (double)(last - first) / 1000.0 : 0;
    printf("observed=%ld first_ms=%" PRId64 " last_ms=%" PRId64 " span_s=%.3f rate=%.0f "
           "waited_s=%.1f\n",
           got, first == INT64_MAX ? 0 : first, last, span, span > 0 ? (double)(got - 1) / span : 0,
           (double)(tr_mono_us() - start) / 1e6);
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    return got == a->n ? 0 : 1;
}

/* -------------------------------------------------------------------------------- latency */

struct lat_run {
    const struct args *a;
    const char *prefix;
    long n;
    int64_t *sched_us;   /* wall-clock microseconds each ticket was due (written before use) */
    int64_t *lat_us;     /* -1 until its output arrived */
    atomic_long arrived; /* outputs matched */
    atomic_int producer_done;
    int64_t done_at_us; /* wall clock when the producer finished (after producer_done) */
};

static int64_t wall_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void *lat_observer(void *arg)
{
    struct lat_run *r = arg;
    rd_kafka_t *rk = reader_new(r->a->brokers, r->a->out);
    size_t plen = strlen(r->prefix);
    for (;;) {
        if (atomic_load(&r->arrived) >= r->n || stop_requested)
            break;
        if (atomic_load(&r->producer_done) &&
            wall_us() - r->done_at_us > (int64_t)r->a->drain_s * 1000000)
            break;
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 50);
        if (!m)
            continue;
        int64_t now = wall_us();
        if (!m->err && m->key && m->key_len > plen + 1 && m->key_len < 64 &&
            !memcmp(m->key, r->prefix, plen)) {
            char num[64];
            memcpy(num, (const char *)m->key + plen + 1, m->key_len - plen - 1);
            num[m->key_len - plen - 1] = '\0';
            long i = atol(num);
            if (i >= 0 && i < r->n && r->lat_us[i] < 0) {
                r->lat_us[i] = now - r->sched_us[i];
                atomic_fetch_add(&r->arrived, 1);
            }
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    return NULL;
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}

static double pct_ms(const int64_t *sorted, long n, double q)
{
    if (n == 0)
        return 0;
    long i = (long)ceil(q * (double)n) - 1;
    if (i < 0)
        i = 0;
    if (i >= n)
        i = n - 1;
    return (double)sorted[i] / 1000.0;
}

static int cmd_latency(const struct args *a)
{
    if (!a->in || !a->out || !a->data || a->rate <= 0 || a->seconds <= 0)
        die("%s", "latency needs --in, --out, --data, --rate and --seconds");
    struct texts t = {0};
    texts_load(&t, a->data);
    char err[512];
    codec *c = codec_new(NULL, err, sizeof(err));
    if (!c)
        die("codec: %s", err);
    struct lat_run r = {.a = a, .prefix = a->prefix, .n = a->rate * a->seconds};
    r.sched_us = calloc((size_t)r.n, sizeof(*r.sched_us));
    r.lat_us = malloc((size_t)r.n * sizeof(*r.lat_us));
    for (long i = 0; i < r.n; i++)
        r.lat_us[i] = -1;
    pthread_t th;
    if (pthread_create(&th, NULL, lat_observer, &r) != 0)
        die("%s", "thread");
    sleep_until_us(tr_mono_us() + 2000000); /* the reader has its partitions */
    atomic_long failed = 0;
    rd_kafka_t *rk = producer_new(a->brokers, &failed);
    int64_t t0 = tr_mono_us(), w0 = wall_us(), late = 0;
    for (long i = 0; i < r.n && !stop_requested; i++) {
        int64_t due = i * 1000000 / a->rate;
        sleep_until_us(t0 + due);
        int64_t behind = tr_mono_us() - (t0 + due);
        if (behind > 1000)
            late++;
        r.sched_us[i] = w0 + due;
        char id[128];
        void *buf = NULL;
        size_t len = 0;
        ticket_make(c, a, &t, i, (w0 + due) / 1000, id, sizeof(id), &buf, &len);
        produce_one(rk, a->in, id, buf, len);
        rd_kafka_poll(rk, 0);
    }
    rd_kafka_flush(rk, 30000);
    r.done_at_us = wall_us();
    atomic_store(&r.producer_done, 1);
    pthread_join(th, NULL);

    long skip = a->rate * a->warmup_s, m = 0, missing = 0;
    int64_t *s = malloc((size_t)r.n * sizeof(*s));
    for (long i = skip; i < r.n; i++) {
        if (r.lat_us[i] < 0)
            missing++;
        else
            s[m++] = r.lat_us[i];
    }
    qsort(s, (size_t)m, sizeof(*s), cmp_i64);
    printf("sent=%ld arrived=%ld measured=%ld missing=%ld late_sends=%" PRId64 " ", r.n,
           (long)atomic_load(&r.arrived), m, missing, late);
    if (m > 0) /* no output at all: no percentiles, rather than zeros */
        printf("p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f", pct_ms(s, m, 0.50),
               pct_ms(s, m, 0.99), pct_ms(s, m, 0.999), (double)s[m - 1] / 1000.0);
    else
        printf("p50_ms=- p99_ms=- p999_ms=- max_ms=-");
    printf(" failed=%ld\n", (long)atomic_load(&failed));
    free(s);
    rd_kafka_destroy(rk);
    free(r.sched_us);
    free(r.lat_us);
    codec_free(c);
    texts_free(&t);
    return 0;
}

/* ---------------------------------------------------------------------------- passthrough */

/* Outputs produced together; their offsets are stored once every delivery report came. */
struct pt_batch {
    struct kafka_delivery d;
    int64_t next[BENCH_MAX_PARTITIONS]; /* offset + 1 of the last input per partition; 0: none */
    long n;
};

struct passthrough {
    const struct config *cfg;
    kafka_consumer *kc;
    struct pt_batch ring[BENCH_INFLIGHT_MAX];
    int head, count; /* ring[head] is the oldest open or closed batch */
    bool open;       /* ring[(head + count - 1)] takes new outputs */
    long processed, stored;
    int failed;
};

static void pt_store(struct passthrough *pt, struct pt_batch *b)
{
    for (int p = 0; p < BENCH_MAX_PARTITIONS; p++)
        if (b->next[p] > 0 && kafka_offset_store(pt->kc, pt->cfg->topic_tickets, p, b->next[p]))
            pt->failed = 1;
    pt->stored += b->n;
}

/* Retire finished batches from the oldest; wait up to timeout_ms for the oldest when asked. */
static void pt_retire(struct passthrough *pt, int timeout_ms, bool all)
{
    while (pt->count > 0) {
        struct pt_batch *b = &pt->ring[pt->head];
        bool is_open = pt->open && pt->count == 1;
        if (is_open && !all)
            return;
        int rc = kafka_delivery_wait(&b->d, timeout_ms);
        if (rc == TR_ETIMEOUT)
            return;
        if (rc != 0) {
            fprintf(stderr, "bench_pipeline: delivery failed: %s\n", b->d.error);
            pt->failed = 1;
        } else {
            pt_store(pt, b);
        }
        kafka_delivery_destroy(&b->d);
        if (is_open)
            pt->open = false;
        pt->head = (pt->head + 1) % BENCH_INFLIGHT_MAX;
        pt->count--;
    }
}

static struct pt_batch *pt_open(struct passthrough *pt)
{
    if (pt->open)
        return &pt->ring[(pt->head + pt->count - 1) % BENCH_INFLIGHT_MAX];
    if (pt->count == BENCH_INFLIGHT_MAX)
        pt_retire(pt, 30000, false);
    struct pt_batch *b = &pt->ring[(pt->head + pt->count) % BENCH_INFLIGHT_MAX];
    memset(b->next, 0, sizeof(b->next));
    b->n = 0;
    kafka_delivery_init(&b->d);
    pt->count++;
    pt->open = true;
    return b;
}

static void pt_on_revoke(void *arg, const struct kafka_partition *parts, size_t n)
{
    (void)parts;
    (void)n;
    pt_retire(arg, 30000, true); /* every output acknowledged and stored before the commit */
}

static int cmd_passthrough(const struct args *a)
{
    if (!a->config)
        die("%s", "passthrough needs --config");
    struct config cfg;
    char err[512];
    if (config_load(&cfg, a->config, NULL, err, sizeof(err)) != 0)
        die("config: %s", err);
    static struct passthrough pt; /* the ring is large: not on the stack */
    pt.cfg = &cfg;
    const char *topics[] = {cfg.topic_tickets};
    pt.kc = kafka_consumer_new(&cfg, topics, 1, pt_on_revoke, &pt, err, sizeof(err));
    if (!pt.kc)
        die("consumer: %s", err);
    kafka_producer *kp = kafka_producer_new(&cfg, err, sizeof(err));
    if (!kp)
        die("producer: %s", err);
    unsigned batch_max = cfg.batch_max ? cfg.batch_max : 256;
    unsigned char out[BENCH_OUT_BYTES];
    int64_t start = tr_mono_us();
    while (!stop_requested && !pt.failed && tr_mono_us() - start < a->max_s * 1000000) {
        struct kafka_msg *msg = NULL;
        int rc = kafka_consumer_poll(pt.kc, pt.open ? 0 : 100, &msg, err, sizeof(err));
        if (rc < 0) {
            fprintf(stderr, "bench_pipeline: consumer: %s\n", err);
            pt.failed = 1;
            break;
        }
        if (rc == 0) {
            pt.open = false; /* nothing more waiting: the batch is complete */
            pt_retire(&pt, 0, false);
            continue;
        }
        struct pt_batch *b = pt_open(&pt);
        /* The output: Confluent framing (schema 1003), the input's bytes, padding. */
        memset(out, 'x', sizeof(out));
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        out[3] = 0x03;
        out[4] = 0xeb;
        size_t copy = msg->len < sizeof(out) - 5 ? msg->len : sizeof(out) - 5;
        if (msg->payload && copy)
            memcpy(out + 5, msg->payload, copy);
        if (kafka_produce(kp, cfg.topic_decisions, msg->key, msg->key_len, out, sizeof(out), NULL,
                          0, &b->d, err, sizeof(err)) != 0) {
            fprintf(stderr, "bench_pipeline: produce: %s\n", err);
            pt.failed = 1;
        }
        if (msg->partition >= 0 && msg->partition < BENCH_MAX_PARTITIONS)
            b->next[msg->partition] = msg->offset + 1;
        b->n++;
        pt.processed++;
        kafka_msg_free(msg);
        if ((unsigned long)b->n >= batch_max)
            pt.open = false;
        pt_retire(&pt, 0, false);
    }
    pt_retire(&pt, 30000, true);
    fprintf(stderr, "bench_pipeline: passthrough processed=%ld stored=%ld failed=%d\n",
            pt.processed, pt.stored, pt.failed);
    kafka_consumer_free(pt.kc);
    kafka_producer_free(kp, 10000);
    config_clear(&cfg);
    return pt.failed ? 1 : 0;
}

static int cmd_delete_topics(int argc, char **argv)
{
    const char *brokers = "127.0.0.1:9092";
    int first = 2;
    if (argc > 3 && !strcmp(argv[2], "--brokers")) {
        brokers = argv[3];
        first = 4;
    }
    int n = argc - first;
    if (n <= 0)
        return 0;
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (rd_kafka_conf_set(conf, "bootstrap.servers", brokers, err, sizeof(err)))
        die("config: %s", err);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        die("admin: %s", err);
    }
    rd_kafka_DeleteTopic_t **del = calloc((size_t)n, sizeof(*del));
    for (int i = 0; i < n; i++)
        del[i] = rd_kafka_DeleteTopic_new(argv[first + i]);
    rd_kafka_queue_t *q = rd_kafka_queue_new(rk);
    rd_kafka_DeleteTopics(rk, del, (size_t)n, NULL, q);
    rd_kafka_event_t *ev = rd_kafka_queue_poll(q, 30000);
    int bad = 0;
    if (!ev) {
        bad = n;
    } else {
        const rd_kafka_DeleteTopics_result_t *res = rd_kafka_event_DeleteTopics_result(ev);
        size_t cnt = 0;
        const rd_kafka_topic_result_t **tr =
            res ? rd_kafka_DeleteTopics_result_topics(res, &cnt) : NULL;
        for (size_t i = 0; i < cnt; i++)
            if (rd_kafka_topic_result_error(tr[i]) &&
                rd_kafka_topic_result_error(tr[i]) != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
                bad++;
        rd_kafka_event_destroy(ev);
    }
    printf("deleted_topics=%d failed=%d\n", n - bad, bad);
    rd_kafka_DeleteTopic_destroy_array(del, (size_t)n);
    free(del);
    rd_kafka_queue_destroy(q);
    rd_kafka_destroy(rk);
    return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        die("%s", "usage: bench_pipeline produce|observe|latency|passthrough [options]");
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    rng_state ^= (uint64_t)tr_mono_us() * 0x2545F4914F6CDD1DULL;
    if (!strcmp(argv[1], "delete-topics"))
        return cmd_delete_topics(argc, argv);
    struct args a;
    args_parse(&a, argc, argv);
    if (!strcmp(argv[1], "produce"))
        return cmd_produce(&a);
    if (!strcmp(argv[1], "observe"))
        return cmd_observe(&a);
    if (!strcmp(argv[1], "latency"))
        return cmd_latency(&a);
    if (!strcmp(argv[1], "passthrough"))
        return cmd_passthrough(&a);
    die("unknown command %s", argv[1]);
    return 2;
}
