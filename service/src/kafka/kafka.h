/* kafka: consumer, producer, offsets and topic admin (librdkafka). The rest of the program
 * sees only these types. Consumption is at least once: auto commit of stored offsets only,
 * and offsets are stored by the caller once a message's work is durable.
 * Threads: kafka_consumer_poll from the poll thread only; kafka_offset_store, kafka_produce and
 * the delivery functions from any thread. */
#ifndef TR_KAFKA_H
#define TR_KAFKA_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "config/config.h"

typedef struct kafka_consumer kafka_consumer;
typedef struct kafka_producer kafka_producer;

/* One consumed message. Fields point into the library's message, valid until kafka_msg_free. */
struct kafka_msg {
    const char *topic;
    int32_t partition;
    int64_t offset;
    const void *key; /* may be NULL */
    size_t key_len;
    const void *payload; /* may be NULL (tombstone) */
    size_t len;
    int64_t timestamp_ms; /* broker or producer time, 0 when unknown */
    void *impl;
};
void kafka_msg_free(struct kafka_msg *msg); /* NULL-safe */
/* The last value of header name into buf (NUL-terminated, cut to len): 0, or TR_ENOTFOUND. */
int kafka_msg_header(const struct kafka_msg *msg, const char *name, char *buf, size_t len);

/* A partition of a topic; topic borrowed. */
struct kafka_partition {
    const char *topic;
    int32_t partition;
};
/* Called from inside kafka_consumer_poll (poll thread) before the n partitions are revoked or
 * lost (borrowed during the call): settle the work on them so that finished work has its
 * offsets stored; the consumer then commits. */
typedef void (*kafka_revoke_fn)(void *arg, const struct kafka_partition *parts, size_t n);

/* Subscribe to n topics with the kafka.* settings of cfg (group.id, bootstrap.servers, ...).
 * Caller owns the result; free with kafka_consumer_free(). NULL with the reason in err. */
kafka_consumer *kafka_consumer_new(const struct config *cfg, const char *const *topics, size_t n,
                                   kafka_revoke_fn on_revoke, void *arg, char *err, size_t errlen);

/* Wait up to timeout_ms for a message. Returns 1 with *out (caller owns; kafka_msg_free), 0 when
 * none came, TR_EIO on a fatal consumer error (reason in err: stop the service). Transient
 * errors are logged and return 0. */
TR_MUST_CHECK int kafka_consumer_poll(kafka_consumer *kc, int timeout_ms, struct kafka_msg **out,
                                      char *err, size_t errlen);

/* Commit offset (the next one to read) now, synchronously. 0 or TR_EIO. */
TR_MUST_CHECK int kafka_offset_commit(kafka_consumer *kc, const char *topic, int32_t partition,
                                      int64_t next_offset);

/* The end offsets (high watermarks) of every partition of topic, now: highs[p] for partition
 * p, up to max partitions; *n gets the partition count. 0 or TR_EIO. */
TR_MUST_CHECK int kafka_topic_ends(kafka_consumer *kc, const char *topic, int64_t *highs, int max,
                                   int *n, int timeout_ms);

/* Store offset (the next one to read: message offset + 1) for commit. */
TR_MUST_CHECK int kafka_offset_store(kafka_consumer *kc, const char *topic, int32_t partition,
                                     int64_t next_offset);

/* Consumer lag of every partition assigned now: fn(topic, partition, lag) where lag is the high
 * watermark minus the next offset to read (the position, else the committed offset). Partitions
 * whose lag cannot be known within timeout_ms are left out. Safe from any thread. Returns how
 * many partitions were reported. */
int kafka_consumer_lag_each(kafka_consumer *kc, int timeout_ms,
                            void (*fn)(void *arg, const char *topic, int32_t partition,
                                       int64_t lag),
                            void *arg);

/* Number of partitions assigned now. */
int kafka_consumer_assigned(kafka_consumer *kc);

/* Pause or resume fetching on every assigned partition (a dependency is down). */
void kafka_consumer_pause(kafka_consumer *kc, bool pause);

/* Commit stored offsets synchronously, leave the group, destroy. NULL-safe. */
void kafka_consumer_free(kafka_consumer *kc);

/* Waits for the broker's acknowledgement of a set of produced messages. */
struct kafka_delivery {
    pthread_mutex_t lock;
    pthread_cond_t done;
    int pending;     /* lock */
    int failed;      /* lock */
    char error[256]; /* lock: the first failure, "delivery to TOPIC: librdkafka's error" */
};
void kafka_delivery_init(struct kafka_delivery *d);
void kafka_delivery_destroy(struct kafka_delivery *d);
/* Wait until every message produced with d is acknowledged or failed, up to timeout_ms.
 * Returns 0 when all were delivered, TR_EIO when any failed, TR_ETIMEOUT. */
TR_MUST_CHECK int kafka_delivery_wait(struct kafka_delivery *d, int timeout_ms);

/* Idempotent producer with the kafka.* settings of cfg; a thread serves delivery reports. */
kafka_producer *kafka_producer_new(const struct config *cfg, char *err, size_t errlen);
/* Flush up to timeout_ms, stop the report thread, destroy. NULL-safe. */
void kafka_producer_free(kafka_producer *kp, int timeout_ms);

/* The largest message the producer may send (its message.max.bytes). */
size_t kafka_producer_message_max(kafka_producer *kp);

struct kafka_header {
    const char *name;
    const char *value;
};

/* Queue a message; d (may be NULL) is counted and signalled when the broker answers.
 * Copies key, payload and headers. On __QUEUE_FULL it waits briefly and retries.
 * Returns 0, or TR_EIO with the reason in err when the message could not be queued. */
TR_MUST_CHECK int kafka_produce(kafka_producer *kp, const char *topic, const void *key,
                                size_t key_len, const void *payload, size_t len,
                                const struct kafka_header *headers, size_t n_headers,
                                struct kafka_delivery *d, char *err, size_t errlen);

/* Create topics (n names) with partitions and replication; topics that exist are fine.
 * Returns 0 or TR_EIO with the reason in err. */
TR_MUST_CHECK int kafka_topics_create(const struct config *cfg, const char *const *topics, size_t n,
                                      int partitions, int replication, int timeout_ms, char *err,
                                      size_t errlen);

#endif
