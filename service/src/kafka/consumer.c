#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kafka/kafka_internal.h"
#include "log/log.h"

struct kafka_consumer {
    rd_kafka_t *rk;
    kafka_revoke_fn on_revoke;
    void *arg;
    atomic_int assigned;
    bool paused; /* poll thread only: what kafka_consumer_pause asked for */
};

static void partitions_log(const char *what, const rd_kafka_topic_partition_list_t *parts)
{
    char buf[512] = "";
    size_t used = 0;
    for (int i = 0; i < parts->cnt && used < sizeof(buf) - 1; i++)
        used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s[%d]", i ? "," : "",
                                 parts->elems[i].topic, parts->elems[i].partition);
    log_info("kafka %s partitions=%s", what, buf);
}

static void on_rebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err,
                         rd_kafka_topic_partition_list_t *parts, void *opaque)
{
    kafka_consumer *kc = opaque;
    bool cooperative = strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        partitions_log("assigned", parts);
        if (cooperative) {
            rd_kafka_error_t *error = rd_kafka_incremental_assign(rk, parts);
            if (error) {
                log_error("kafka incremental assign failed err=%s", rd_kafka_error_string(error));
                rd_kafka_error_destroy(error);
            }
        } else {
            rd_kafka_assign(rk, parts);
        }
        atomic_fetch_add(&kc->assigned, parts->cnt);
        /* librdkafka remembers a partition's pause across revoke and assign: set it to what is
         * wanted now, or a partition paused before a rebalance would never fetch again. */
        if (kc->paused)
            rd_kafka_pause_partitions(rk, parts);
        else
            rd_kafka_resume_partitions(rk, parts);
        return;
    }
    /* Revoked or lost: finish what is in flight so its offsets are stored, commit them while we
     * still own the partitions, then let them go. */
    partitions_log(err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS ? "revoked" : "lost", parts);
    if (kc->on_revoke) {
        struct kafka_partition *list = calloc((size_t)parts->cnt + 1, sizeof(*list));
        for (int i = 0; list && i < parts->cnt; i++)
            list[i] = (struct kafka_partition){parts->elems[i].topic, parts->elems[i].partition};
        /* Out of memory: every partition counts as revoked (safe: their work is read again). */
        kc->on_revoke(kc->arg, list, list ? (size_t)parts->cnt : 0);
        free(list);
    }
    if (!rd_kafka_assignment_lost(rk)) {
        rd_kafka_resp_err_t cerr = rd_kafka_commit(rk, NULL, 0);
        if (cerr && cerr != RD_KAFKA_RESP_ERR__NO_OFFSET)
            log_warn("kafka commit on revoke failed err=%s", rd_kafka_err2str(cerr));
    }
    if (cooperative) {
        rd_kafka_error_t *error = rd_kafka_incremental_unassign(rk, parts);
        if (error) {
            log_error("kafka incremental unassign failed err=%s", rd_kafka_error_string(error));
            rd_kafka_error_destroy(error);
        }
        atomic_fetch_sub(&kc->assigned, parts->cnt);
    } else {
        rd_kafka_assign(rk, NULL);
        atomic_store(&kc->assigned, 0);
    }
}

kafka_consumer *kafka_consumer_new(const struct config *cfg, const char *const *topics, size_t n,
                                   kafka_revoke_fn on_revoke, void *arg, char *err, size_t errlen)
{
    /* At least once: offsets are stored by us after the work is durable, committed by the
     * library in the background. Tuned for latency: small fetch waits. */
    /* clang-format off */
    static const char *const DEFAULTS[] = {
        "enable.auto.offset.store", "false",
        "enable.auto.commit", "true",
        "auto.commit.interval.ms", "1000",
        "auto.offset.reset", "earliest",
        "partition.assignment.strategy", "cooperative-sticky",
        "fetch.wait.max.ms", "20",
        "session.timeout.ms", "10000",
        "heartbeat.interval.ms", "1000",
        "socket.nagle.disable", "true",
        /* A subscribed topic created after the start is found within 10 s, not 5 min. */
        "topic.metadata.refresh.interval.ms", "10000",
        NULL,
    };
    /* clang-format on */
    kafka_consumer *kc = calloc(1, sizeof(*kc));
    rd_kafka_topic_partition_list_t *subs = NULL;
    rd_kafka_conf_t *conf = NULL;
    if (!kc) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    kc->on_revoke = on_revoke;
    kc->arg = arg;
    if (!(conf = kafka_conf_build(cfg, DEFAULTS, true, err, errlen)))
        goto fail;
    rd_kafka_conf_set_rebalance_cb(conf, on_rebalance);
    rd_kafka_conf_set_opaque(conf, kc);
    kc->rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, errlen);
    if (!kc->rk)
        goto fail; /* rd_kafka_new frees conf only on success */
    conf = NULL;   /* kc->rk owns it now */
    rd_kafka_poll_set_consumer(kc->rk);
    subs = rd_kafka_topic_partition_list_new((int)n);
    for (size_t i = 0; i < n; i++)
        rd_kafka_topic_partition_list_add(subs, topics[i], RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t rerr = rd_kafka_subscribe(kc->rk, subs);
    rd_kafka_topic_partition_list_destroy(subs);
    if (rerr) {
        snprintf(err, errlen, "subscribe: %s", rd_kafka_err2str(rerr));
        goto fail;
    }
    return kc;
fail:
    if (conf)
        rd_kafka_conf_destroy(conf);
    if (kc->rk)
        rd_kafka_destroy(kc->rk);
    free(kc);
    return NULL;
}

int kafka_consumer_poll(kafka_consumer *kc, int timeout_ms, struct kafka_msg **out, char *err,
                        size_t errlen)
{
    rd_kafka_message_t *m = rd_kafka_consumer_poll(kc->rk, timeout_ms);
    if (!m)
        return 0;
    if (m->err) {
        int rc = 0;
        if (m->err == RD_KAFKA_RESP_ERR__FATAL) {
            char reason[256];
            rd_kafka_resp_err_t cause = rd_kafka_fatal_error(kc->rk, reason, sizeof(reason));
            snprintf(err, errlen, "fatal consumer error %s: %s", rd_kafka_err2name(cause), reason);
            rc = TR_EIO;
        } else if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            /* Informational: the library retries by itself. */
            log_warn("kafka consumer err=%s", rd_kafka_message_errstr(m));
        }
        rd_kafka_message_destroy(m);
        return rc;
    }
    struct kafka_msg *msg = calloc(1, sizeof(*msg));
    if (!msg) {
        /* Not consumed as far as offsets go: it is read again after a restart. */
        rd_kafka_message_destroy(m);
        snprintf(err, errlen, "out of memory");
        return TR_EIO;
    }
    msg->topic = rd_kafka_topic_name(m->rkt);
    msg->partition = m->partition;
    msg->offset = m->offset;
    msg->key = m->key;
    msg->key_len = m->key_len;
    msg->payload = m->payload;
    msg->len = m->len;
    rd_kafka_timestamp_type_t tstype;
    int64_t ts = rd_kafka_message_timestamp(m, &tstype);
    msg->timestamp_ms = ts > 0 ? ts : 0;
    msg->impl = m;
    *out = msg;
    return 1;
}

int kafka_offset_store(kafka_consumer *kc, const char *topic, int32_t partition,
                       int64_t next_offset)
{
    /* librdkafka 2.0.2 has no rd_kafka_offset_store_message: a one-entry list. */
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(list, topic, partition)->offset = next_offset;
    rd_kafka_resp_err_t err = rd_kafka_offsets_store(kc->rk, list);
    rd_kafka_topic_partition_list_destroy(list);
    /* __STATE: the partition was revoked meanwhile; the next owner reads it again. */
    return err ? TR_EIO : 0;
}

int kafka_consumer_assigned(kafka_consumer *kc)
{
    return atomic_load(&kc->assigned);
}

void kafka_consumer_pause(kafka_consumer *kc, bool pause)
{
    kc->paused = pause;
    rd_kafka_topic_partition_list_t *parts = NULL;
    if (rd_kafka_assignment(kc->rk, &parts) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return;
    if (pause)
        rd_kafka_pause_partitions(kc->rk, parts);
    else
        rd_kafka_resume_partitions(kc->rk, parts);
    rd_kafka_topic_partition_list_destroy(parts);
}

void kafka_consumer_free(kafka_consumer *kc)
{
    if (!kc)
        return;
    rd_kafka_resp_err_t err = rd_kafka_commit(kc->rk, NULL, 0);
    if (err && err != RD_KAFKA_RESP_ERR__NO_OFFSET)
        log_warn("kafka final commit failed err=%s", rd_kafka_err2str(err));
    rd_kafka_consumer_close(kc->rk);
    rd_kafka_destroy(kc->rk);
    free(kc);
}

int kafka_msg_header(const struct kafka_msg *msg, const char *name, char *buf, size_t len)
{
    rd_kafka_headers_t *hdrs = NULL;
    const void *value = NULL;
    size_t size = 0;
    if (len == 0 || rd_kafka_message_headers(msg->impl, &hdrs) != RD_KAFKA_RESP_ERR_NO_ERROR ||
        rd_kafka_header_get_last(hdrs, name, &value, &size) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return TR_ENOTFOUND;
    size_t n = size < len - 1 ? size : len - 1;
    if (n)
        memcpy(buf, value, n);
    buf[n] = '\0';
    return 0;
}

int kafka_offset_commit(kafka_consumer *kc, const char *topic, int32_t partition,
                        int64_t next_offset)
{
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(list, topic, partition)->offset = next_offset;
    rd_kafka_resp_err_t err = rd_kafka_commit(kc->rk, list, 0);
    rd_kafka_topic_partition_list_destroy(list);
    return err ? TR_EIO : 0;
}

int kafka_topic_ends(kafka_consumer *kc, const char *topic, int64_t *highs, int max, int *n,
                     int timeout_ms)
{
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(kc->rk, topic, NULL);
    const struct rd_kafka_metadata *md = NULL;
    int rc = TR_EIO;
    if (!rkt || rd_kafka_metadata(kc->rk, 0, rkt, &md, timeout_ms) != RD_KAFKA_RESP_ERR_NO_ERROR)
        goto out;
    if (md->topic_cnt != 1 || md->topics[0].err)
        goto out;
    *n = md->topics[0].partition_cnt;
    rc = 0;
    for (int i = 0; i < *n && rc == 0; i++) {
        int32_t partition = md->topics[0].partitions[i].id;
        int64_t low = 0, high = 0;
        if (partition < 0 || partition >= max ||
            rd_kafka_query_watermark_offsets(kc->rk, topic, partition, &low, &high, timeout_ms) !=
                RD_KAFKA_RESP_ERR_NO_ERROR)
            rc = TR_EIO;
        else
            highs[partition] = high;
    }
out:
    if (md)
        rd_kafka_metadata_destroy(md);
    if (rkt)
        rd_kafka_topic_destroy(rkt);
    return rc;
}

int kafka_consumer_lag_each(kafka_consumer *kc, int timeout_ms,
                            void (*fn)(void *arg, const char *topic, int32_t partition,
                                       int64_t lag),
                            void *arg)
{
    rd_kafka_topic_partition_list_t *parts = NULL;
    if (!kc || rd_kafka_assignment(kc->rk, &parts) != RD_KAFKA_RESP_ERR_NO_ERROR || !parts)
        return 0;
    int reported = 0;
    /* Where each partition will be read next: the position once something was fetched, else
     * the committed offset (asked of the broker once for all of them). */
    rd_kafka_position(kc->rk, parts);
    bool need_committed = false;
    for (int i = 0; i < parts->cnt; i++)
        need_committed |= parts->elems[i].offset < 0;
    rd_kafka_topic_partition_list_t *committed = NULL;
    if (need_committed) {
        committed = rd_kafka_topic_partition_list_copy(parts);
        if (rd_kafka_committed(kc->rk, committed, timeout_ms) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            rd_kafka_topic_partition_list_destroy(committed);
            committed = NULL;
        }
    }
    for (int i = 0; i < parts->cnt; i++) {
        const rd_kafka_topic_partition_t *tp = &parts->elems[i];
        int64_t next = tp->offset;
        if (next < 0 && committed)
            next = committed->elems[i].offset;
        int64_t low = -1, high = -1;
        if (rd_kafka_get_watermark_offsets(kc->rk, tp->topic, tp->partition, &low, &high) !=
                RD_KAFKA_RESP_ERR_NO_ERROR ||
            high < 0) {
            if (rd_kafka_query_watermark_offsets(kc->rk, tp->topic, tp->partition, &low, &high,
                                                 timeout_ms) != RD_KAFKA_RESP_ERR_NO_ERROR)
                continue;
        }
        if (next < 0)
            next = low; /* nothing committed: reading starts at the beginning */
        if (next < 0 || high < 0)
            continue;
        fn(arg, tp->topic, tp->partition, high > next ? high - next : 0);
        reported++;
    }
    if (committed)
        rd_kafka_topic_partition_list_destroy(committed);
    rd_kafka_topic_partition_list_destroy(parts);
    return reported;
}
