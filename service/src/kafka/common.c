#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kafka/kafka_internal.h"
#include "log/log.h"

static void on_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    (void)rk;
    if (level <= 3)
        log_error("kafka %s: %s", fac, buf);
    else if (level <= 4)
        log_warn("kafka %s: %s", fac, buf);
    else
        log_debug("kafka %s: %s", fac, buf);
}

/* Keys that only a consumer reads: not given to producers, which would warn about each. */
static bool consumer_only(const char *key)
{
    /* clang-format off */
    static const char *const KEYS[] = {
        "group.id", "group.instance.id", "auto.offset.reset", "enable.auto.commit",
        "auto.commit.interval.ms", "enable.auto.offset.store", "partition.assignment.strategy",
        "session.timeout.ms", "heartbeat.interval.ms", "max.poll.interval.ms",
        "fetch.wait.max.ms", "fetch.min.bytes", "fetch.max.bytes", "isolation.level",
        "enable.partition.eof", "group.protocol.type", "check.crcs",
    };
    /* clang-format on */
    for (size_t i = 0; i < sizeof(KEYS) / sizeof(KEYS[0]); i++)
        if (strcmp(key, KEYS[i]) == 0)
            return true;
    return false;
}

rd_kafka_conf_t *kafka_conf_build(const struct config *cfg, const char *const *defaults,
                                  bool consumer, char *err, size_t errlen)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    for (size_t i = 0; defaults && defaults[i]; i += 2) {
        if (rd_kafka_conf_set(conf, defaults[i], defaults[i + 1], err, errlen) != RD_KAFKA_CONF_OK)
            goto fail;
    }
    for (size_t i = 0; i < cfg->n_kafka; i++) {
        char reason[256];
        if (!consumer && consumer_only(cfg->kafka[i].key))
            continue;
        if (rd_kafka_conf_set(conf, cfg->kafka[i].key, cfg->kafka[i].value, reason,
                              sizeof(reason)) != RD_KAFKA_CONF_OK) {
            snprintf(err, errlen, "kafka.%s: %s", cfg->kafka[i].key, reason);
            goto fail;
        }
    }
    rd_kafka_conf_set_log_cb(conf, on_log);
    return conf;
fail:
    rd_kafka_conf_destroy(conf);
    return NULL;
}

void kafka_msg_free(struct kafka_msg *msg)
{
    if (!msg)
        return;
    if (msg->impl)
        rd_kafka_message_destroy(msg->impl);
    free(msg);
}
