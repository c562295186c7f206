#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_internal.h"
#include "kafka/kafka.h"
#include "store/store.h"

/* Re-drive: every dead letter not re-driven before goes back to the topic it came from (its
 * x-dlq-source-topic header), same key and bytes, once the cause is fixed. A consumer group of
 * its own remembers how far it got, so a second run sends only new dead letters. */
enum { DLQ_CONFIG, DLQ_MAX, DLQ_TIMEOUT, DLQ_GROUP, DLQ_DRY_RUN };
static const struct cli_option DLQ_OPTIONS[] = {
    [DLQ_CONFIG] = {"config", "FILE", CLI_CONFIG_HELP},
    [DLQ_MAX] = {"max", "N", "re-drive at most N dead letters (default 0: all)"},
    [DLQ_TIMEOUT] = {"timeout-ms", "MS", "stop after MS without a dead letter (default 10000)"},
    [DLQ_GROUP] = {"group", "G",
                   "consumer group that remembers how far re-driving got (default "
                   "ticket-router-dlq-redrive)"},
    [DLQ_DRY_RUN] = {"dry-run", NULL, "print what would be re-driven; send and commit nothing"},
};
static const struct cli_command DLQ = {
    "dlq redrive", "[--config FILE] [--max N] [--timeout-ms MS] [--group G] [--dry-run]",
    "Send every dead letter not re-driven before back to the topic it came from (its "
    "x-dlq-source-topic header), same key and bytes, once the cause is fixed; a record cut to fit "
    "the dead-letter topic (x-dlq-truncated) sends the original kept in PostgreSQL. Only what is "
    "in the dead-letter topic at the start is re-driven.",
    CLI_OPTIONS(DLQ_OPTIONS)};

/* The bytes to send back: the record's own, or for a record cut to fit the dead-letter topic
 * (x-dlq-truncated) the original kept whole in PostgreSQL. *owned is set when the bytes were
 * fetched (free() it). 0, or nonzero with the reason in err. */
static int original_bytes(const struct config *cfg, store_conn **pg, const struct kafka_msg *msg,
                          const char *source, const void **bytes, size_t *len, void **owned,
                          char *err, size_t errlen)
{
    char truncated[8] = "", partition[16] = "", offset[24] = "";
    *bytes = msg->payload;
    *len = msg->len;
    *owned = NULL;
    if (kafka_msg_header(msg, "x-dlq-truncated", truncated, sizeof(truncated)) != 0 ||
        strcmp(truncated, "true") != 0)
        return 0;
    if (kafka_msg_header(msg, "x-dlq-source-partition", partition, sizeof(partition)) != 0 ||
        kafka_msg_header(msg, "x-dlq-source-offset", offset, sizeof(offset)) != 0) {
        snprintf(err, errlen, "a cut dead letter without its source partition and offset");
        return TR_EINVAL;
    }
    if (!*pg && !(*pg = store_conn_new(cfg->pg_dsn, err, errlen)))
        return TR_EIO;
    size_t n = 0;
    int rc = store_dead_letter_get(*pg, source, (int32_t)atol(partition), atoll(offset), owned, &n);
    if (rc == TR_ENOTFOUND)
        snprintf(err, errlen,
                 "the original of %s[%s]@%s is no longer kept in PostgreSQL (dlq.retention_days)",
                 source, partition, offset);
    else if (rc != 0)
        snprintf(err, errlen, "postgres: %s", store_last_error(*pg));
    if (rc != 0)
        return rc;
    *bytes = *owned;
    *len = n;
    return 0;
}

/* Send msg back to source, same key and bytes (the whole original for a cut one), and wait for
 * the acknowledgement. 0, or nonzero with the reason in err. */
static int redrive_send(kafka_producer *kp, const struct config *cfg, store_conn **pg,
                        const struct kafka_msg *msg, const char *source, const char *reason,
                        char *err, size_t errlen)
{
    const void *bytes = NULL;
    size_t len = 0;
    void *owned = NULL;
    int rc = original_bytes(cfg, pg, msg, source, &bytes, &len, &owned, err, errlen);
    if (rc != 0)
        return rc;
    char offset[24];
    snprintf(offset, sizeof(offset), "%" PRId64, msg->offset);
    const struct kafka_header headers[] = {{"x-redriven-from-dlq-offset", offset},
                                           {"x-redriven-reason", reason}};
    struct kafka_delivery d;
    kafka_delivery_init(&d);
    rc = kafka_produce(kp, source, msg->key, msg->key_len, bytes, len, headers, 2, &d, err, errlen);
    if (rc == 0 && (rc = kafka_delivery_wait(&d, 30000)) != 0)
        snprintf(err, errlen, "%s", d.error);
    kafka_delivery_destroy(&d);
    free(owned);
    return rc;
}

/* One re-drive run. */
struct redrive {
    const struct config *cfg;
    kafka_consumer *kc;
    kafka_producer *kp;
    store_conn *pg; /* opened for the first cut dead letter */
    bool dry_run;
    long sent, skipped;
};

/* Re-drive one dead letter (or say that it would be), or skip one without a source topic; then
 * commit past it. Frees msg. 0, or -1 after printing why: a failed re-drive stops the run. */
static int redrive_one(struct redrive *rd, struct kafka_msg *msg)
{
    char source[256], reason[512] = "", err[512];
    (void)kafka_msg_header(msg, "x-dlq-reason", reason, sizeof(reason));
    if (kafka_msg_header(msg, "x-dlq-source-topic", source, sizeof(source)) != 0) {
        printf("skip partition=%d offset=%" PRId64 ": no x-dlq-source-topic header\n",
               msg->partition, msg->offset);
        rd->skipped++;
    } else if (rd->dry_run) {
        printf("would re-drive partition=%d offset=%" PRId64 " to %s (was: %s)\n", msg->partition,
               msg->offset, source, reason);
        rd->sent++;
    } else {
        if (redrive_send(rd->kp, rd->cfg, &rd->pg, msg, source, reason, err, sizeof(err)) != 0) {
            fprintf(stderr, "ticket-router dlq: re-drive to %s failed: %s\n", source, err);
            kafka_msg_free(msg);
            return -1;
        }
        printf("re-driven partition=%d offset=%" PRId64 " to %s (was: %s)\n", msg->partition,
               msg->offset, source, reason);
        rd->sent++;
    }
    /* Committed one by one: a crash re-drives at most this message again. */
    if (!rd->dry_run &&
        kafka_offset_commit(rd->kc, msg->topic, msg->partition, msg->offset + 1) != 0)
        fprintf(stderr, "ticket-router dlq: commit failed at offset %" PRId64 "\n", msg->offset);
    kafka_msg_free(msg);
    return 0;
}

/* Re-drive what topic holds now, at most max (0: all), until timeout_ms pass without a dead
 * letter. 0, or -1 after printing why. */
static int redrive_run(struct redrive *rd, const char *topic, long max, long timeout_ms)
{
    char err[512];
    /* Only what is in the DLQ now: a re-driven message that fails again lands in the DLQ once
     * more, and must wait for the next run rather than loop. */
    enum { MAX_PARTITIONS = 1024 };
    static int64_t ends[MAX_PARTITIONS];
    int n_partitions = 0;
    if (kafka_topic_ends(rd->kc, topic, ends, MAX_PARTITIONS, &n_partitions, 10000) != 0) {
        fprintf(stderr, "ticket-router dlq: cannot read the end offsets of %s\n", topic);
        return -1;
    }
    int64_t idle_until = tr_now_unix_ms() + timeout_ms;
    while ((max == 0 || rd->sent < max) && tr_now_unix_ms() < idle_until) {
        struct kafka_msg *msg = NULL;
        int rc = kafka_consumer_poll(rd->kc, 100, &msg, err, sizeof(err));
        if (rc < 0) {
            fprintf(stderr, "ticket-router dlq: %s\n", err);
            return -1;
        }
        if (rc == 0)
            continue;
        if (msg->partition < 0 || msg->partition >= n_partitions ||
            msg->offset >= ends[msg->partition]) {
            kafka_msg_free(msg); /* arrived after the start: the next run's */
            continue;
        }
        idle_until = tr_now_unix_ms() + timeout_ms;
        if (redrive_one(rd, msg) != 0)
            return -1;
    }
    return 0;
}

int cli_dlq(int argc, char **argv)
{
    const char *opt[5];
    int status = 1;
    long max = 0, timeout_ms = 0;
    if (!cli_subcommand(&DLQ, "redrive", argc, argv, &status) ||
        !cli_parse(&DLQ, argc - 1, argv + 1, opt, &status))
        return status;
    if (!cli_long(&DLQ, "max", opt[DLQ_MAX], 0, 0, &max) ||
        !cli_long(&DLQ, "timeout-ms", opt[DLQ_TIMEOUT], 10000, 0, &timeout_ms))
        return 2;
    struct config cfg;
    if (!cli_config_load(opt[DLQ_CONFIG], &cfg))
        return 2;
    struct redrive rd = {.cfg = &cfg, .dry_run = opt[DLQ_DRY_RUN] != NULL};
    char group[160], err[512];
    snprintf(group, sizeof(group), "%s",
             opt[DLQ_GROUP] ? opt[DLQ_GROUP] : "ticket-router-dlq-redrive");
    const char *topic = cfg.topic_dlq;
    if (config_kafka_set(&cfg, "group.id", group) != 0 ||
        config_kafka_set(&cfg, "enable.auto.commit", "false") != 0 ||
        !(rd.kp = kafka_producer_new(&cfg, err, sizeof(err))) ||
        !(rd.kc = kafka_consumer_new(&cfg, &topic, 1, NULL, NULL, err, sizeof(err)))) {
        fprintf(stderr, "ticket-router dlq: %s\n", err);
        goto out;
    }
    if (redrive_run(&rd, topic, max, timeout_ms) != 0)
        goto out;
    printf("%s %ld dead letters, skipped %ld\n", rd.dry_run ? "would re-drive" : "re-drove",
           rd.sent, rd.skipped);
    status = 0;
out:
    kafka_consumer_free(rd.kc);
    kafka_producer_free(rd.kp, 10000);
    store_conn_free(rd.pg);
    config_clear(&cfg);
    return status;
}
