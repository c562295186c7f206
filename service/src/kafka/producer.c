#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kafka/kafka_internal.h"
#include "log/log.h"

struct kafka_producer {
    rd_kafka_t *rk;
    pthread_t thread;
    bool thread_started;
    atomic_bool stopping;
};

void kafka_delivery_init(struct kafka_delivery *d)
{
    memset(d, 0, sizeof(*d));
    pthread_mutex_init(&d->lock, NULL);
    pthread_cond_init(&d->done, NULL);
}

void kafka_delivery_destroy(struct kafka_delivery *d)
{
    pthread_mutex_destroy(&d->lock);
    pthread_cond_destroy(&d->done);
}

int kafka_delivery_wait(struct kafka_delivery *d, int timeout_ms)
{
    struct timespec deadline;
    tr_deadline_after_ms(&deadline, timeout_ms);
    pthread_mutex_lock(&d->lock);
    int rc = 0;
    while (d->pending > 0 && rc == 0)
        if (pthread_cond_timedwait(&d->done, &d->lock, &deadline) == ETIMEDOUT)
            rc = TR_ETIMEOUT;
    if (d->pending == 0)
        rc = d->failed ? TR_EIO : 0;
    pthread_mutex_unlock(&d->lock);
    return rc;
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk;
    (void)opaque;
    struct kafka_delivery *d = m->_private;
    if (m->err)
        log_warn("kafka delivery failed topic=%s partition=%d err=%s", rd_kafka_topic_name(m->rkt),
                 m->partition, rd_kafka_err2str(m->err));
    if (!d)
        return;
    pthread_mutex_lock(&d->lock);
    if (m->err && !d->failed++)
        snprintf(d->error, sizeof(d->error), "delivery to %s: %s", rd_kafka_topic_name(m->rkt),
                 rd_kafka_err2str(m->err));
    if (--d->pending == 0)
        pthread_cond_broadcast(&d->done);
    pthread_mutex_unlock(&d->lock);
}

/* Serves delivery reports as they come, so workers waiting on them are woken at once. */
static void *producer_main(void *arg)
{
    kafka_producer *kp = arg;
    while (!atomic_load(&kp->stopping))
        rd_kafka_poll(kp->rk, 50);
    return NULL;
}

kafka_producer *kafka_producer_new(const struct config *cfg, char *err, size_t errlen)
{
    /* clang-format off */
    static const char *const DEFAULTS[] = {
        "enable.idempotence", "true",
        "acks", "all",
        "linger.ms", "1",
        "compression.type", "lz4",
        "socket.nagle.disable", "true",
        "message.timeout.ms", "30000",
        NULL,
    };
    /* clang-format on */
    kafka_producer *kp = calloc(1, sizeof(*kp));
    if (!kp) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    rd_kafka_conf_t *conf = kafka_conf_build(cfg, DEFAULTS, false, err, errlen);
    if (!conf)
        goto fail;
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    /* The consumer-only keys given as kafka.* are harmless here; silence their warnings. */
    kp->rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, errlen);
    if (!kp->rk) {
        rd_kafka_conf_destroy(conf); /* rd_kafka_new frees conf only on success */
        goto fail;
    }
    conf = NULL; /* kp->rk owns it now */
    if (pthread_create(&kp->thread, NULL, producer_main, kp) != 0) {
        snprintf(err, errlen, "cannot start the producer thread");
        goto fail;
    }
    kp->thread_started = true;
    return kp;
fail:
    kafka_producer_free(kp, 0);
    return NULL;
}

void kafka_producer_free(kafka_producer *kp, int timeout_ms)
{
    if (!kp)
        return;
    if (kp->rk) {
        rd_kafka_resp_err_t err = rd_kafka_flush(kp->rk, timeout_ms);
        if (err)
            log_warn("kafka flush left %d messages err=%s", rd_kafka_outq_len(kp->rk),
                     rd_kafka_err2str(err));
    }
    atomic_store(&kp->stopping, true);
    if (kp->thread_started)
        pthread_join(kp->thread, NULL);
    if (kp->rk)
        rd_kafka_destroy(kp->rk);
    free(kp);
}

int kafka_produce(kafka_producer *kp, const char *topic, const void *key, size_t key_len,
                  const void *payload, size_t len, const struct kafka_header *headers,
                  size_t n_headers, struct kafka_delivery *d, char *err, size_t errlen)
{
    if (d) {
        pthread_mutex_lock(&d->lock);
        d->pending++;
        pthread_mutex_unlock(&d->lock);
    }
    for (int attempt = 0;; attempt++) {
        rd_kafka_headers_t *hdrs = NULL;
        if (n_headers) {
            hdrs = rd_kafka_headers_new(n_headers);
            for (size_t i = 0; i < n_headers; i++)
                rd_kafka_header_add(hdrs, headers[i].name, -1, headers[i].value, -1);
        }
        rd_kafka_resp_err_t rerr = rd_kafka_producev(
            kp->rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_KEY((void *)key, key_len),
            RD_KAFKA_V_VALUE((void *)payload, len), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
            RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_OPAQUE(d), RD_KAFKA_V_END);
        if (!rerr)
            return 0; /* the message owns hdrs now */
        if (hdrs)
            rd_kafka_headers_destroy(hdrs);
        if (rerr == RD_KAFKA_RESP_ERR__QUEUE_FULL && attempt < 500) {
            /* Reports are served by the producer thread: wait for room. */
            struct timespec ts = {0, 10 * 1000000};
            nanosleep(&ts, NULL);
            continue;
        }
        snprintf(err, errlen, "produce to %s: %s", topic, rd_kafka_err2str(rerr));
        if (d) {
            pthread_mutex_lock(&d->lock);
            d->pending--;
            pthread_cond_broadcast(&d->done);
            pthread_mutex_unlock(&d->lock);
        }
        return TR_EIO;
    }
}

size_t kafka_producer_message_max(kafka_producer *kp)
{
    char value[32];
    size_t size = sizeof(value);
    if (rd_kafka_conf_get(rd_kafka_conf(kp->rk), "message.max.bytes", value, &size) !=
        RD_KAFKA_CONF_OK)
        return 1000000; /* librdkafka's default */
    long n = atol(value);
    return n > 0 ? (size_t)n : 1000000;
}
