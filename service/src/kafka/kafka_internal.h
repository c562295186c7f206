/* kafka_internal: shared by the kafka module's files only. */
#ifndef TR_KAFKA_INTERNAL_H
#define TR_KAFKA_INTERNAL_H

#include <librdkafka/rdkafka.h>
#include <stdbool.h>

#include "kafka/kafka.h"

/* A conf with our defaults, then every kafka.* key of cfg (they win; consumer-only keys are
 * skipped unless consumer). NULL with the reason in err. */
rd_kafka_conf_t *kafka_conf_build(const struct config *cfg, const char *const *defaults,
                                  bool consumer, char *err, size_t errlen);

#endif
