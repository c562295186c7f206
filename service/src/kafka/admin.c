#include <stdio.h>
#include <stdlib.h>

#include "kafka/kafka_internal.h"

int kafka_topics_create(const struct config *cfg, const char *const *topics, size_t n,
                        int partitions, int replication, int timeout_ms, char *err, size_t errlen)
{
    int rc = TR_EIO;
    rd_kafka_t *rk = NULL;
    rd_kafka_queue_t *queue = NULL;
    rd_kafka_event_t *event = NULL;
    rd_kafka_NewTopic_t **specs = calloc(n, sizeof(*specs));
    rd_kafka_AdminOptions_t *options = NULL;
    rd_kafka_conf_t *conf = kafka_conf_build(cfg, NULL, false, err, errlen);
    if (!specs || !conf)
        goto out;
    rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, errlen);
    if (!rk)
        goto out;
    conf = NULL; /* rk owns it now */
    for (size_t i = 0; i < n; i++) {
        specs[i] = rd_kafka_NewTopic_new(topics[i], partitions, replication, err, errlen);
        if (!specs[i])
            goto out;
    }
    queue = rd_kafka_queue_new(rk);
    options = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
    rd_kafka_AdminOptions_set_operation_timeout(options, timeout_ms, err, errlen);
    rd_kafka_AdminOptions_set_request_timeout(options, timeout_ms, err, errlen);
    rd_kafka_CreateTopics(rk, specs, n, options, queue);
    event = rd_kafka_queue_poll(queue, timeout_ms + 2000);
    if (!event) {
        snprintf(err, errlen, "create topics: no answer from the broker within %d ms", timeout_ms);
        goto out;
    }
    if (rd_kafka_event_error(event)) {
        snprintf(err, errlen, "create topics: %s", rd_kafka_event_error_string(event));
        goto out;
    }
    const rd_kafka_CreateTopics_result_t *result = rd_kafka_event_CreateTopics_result(event);
    size_t n_results = 0;
    const rd_kafka_topic_result_t **results =
        rd_kafka_CreateTopics_result_topics(result, &n_results);
    rc = 0;
    for (size_t i = 0; i < n_results; i++) {
        rd_kafka_resp_err_t terr = rd_kafka_topic_result_error(results[i]);
        if (terr && terr != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
            snprintf(err, errlen, "create topic %s: %s", rd_kafka_topic_result_name(results[i]),
                     rd_kafka_topic_result_error_string(results[i]));
            rc = TR_EIO;
        }
    }
out:
    if (event)
        rd_kafka_event_destroy(event);
    if (options)
        rd_kafka_AdminOptions_destroy(options);
    if (queue)
        rd_kafka_queue_destroy(queue);
    if (specs)
        for (size_t i = 0; i < n; i++)
            if (specs[i])
                rd_kafka_NewTopic_destroy(specs[i]);
    free(specs);
    if (conf)
        rd_kafka_conf_destroy(conf);
    if (rk)
        rd_kafka_destroy(rk);
    return rc;
}
