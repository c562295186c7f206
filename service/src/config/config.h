/* config: one key=value file plus environment overrides -> struct config.
 * Keys are a table (config.c); `kafka.*` keys pass to librdkafka without the prefix, as kcat
 * does; any other unknown key is an error naming file:line. The environment overrides the file:
 * key `postgres.dsn` <-> TICKET_ROUTER_POSTGRES_DSN (upper case, '.' -> '_'); for kafka keys,
 * TICKET_ROUTER_KAFKA_SASL_PASSWORD -> kafka.sasl.password ('_' -> '.'). A TICKET_ROUTER_*
 * variable that names no key is ignored, not an error: Kubernetes sets TICKET_ROUTER_SERVICE_HOST,
 * TICKET_ROUTER_PORT_9464_TCP... for a Service named ticket-router (and a Service named
 * ticket-router-redis sets TICKET_ROUTER_REDIS_PORT=tcp://..., which is ignored too). The ignored
 * names are listed in env_ignored for the caller to log once.
 * Secrets (DSN, passwords) never print: config_dump shows them as ***.
 * Threads: a loaded config is immutable; read it from any thread. */
#ifndef TR_CONFIG_H
#define TR_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/error.h"

#define CONFIG_KAFKA_MAX 64

struct config_kv {
    char *key; /* without the "kafka." prefix */
    char *value;
};

struct config {
    char *mode; /* "live" or "shadow" */
    unsigned workers;
    char *log_level;
    char *log_format; /* "text" or "json" */
    unsigned http_port;
    char *pg_dsn;
    char *redis_host;
    unsigned redis_port;
    char *redis_password;
    unsigned redis_db;
    unsigned redis_timeout_ms;
    char *redis_prefix;
    char *topic_tickets;
    char *topic_events;
    char *topic_decisions;
    char *topic_escalations;
    char *topic_shadow;
    char *topic_dlq;
    unsigned topic_partitions;
    unsigned topic_replication;
    unsigned schema_ticket_created;
    unsigned schema_ticket_event;
    unsigned schema_routing_decision;
    unsigned schema_escalation;
    double confidence_threshold;
    char *triage_queue;
    char *triage_team;
    char *senior_queue;
    char *default_team;
    char *outage_notify;
    char *model_path;
    char *signals_path; /* the escalation-signals model (signals module); "": none */
    /* Days the ticket texts are kept for feedback examples (0: not kept, no examples). */
    unsigned feedback_text_retention_days;
    unsigned customer_cache_ttl_ms;
    unsigned customer_cache_slots; /* process-wide customer cache size (entries) */
    unsigned agent_load_ms; /* agents' load and presence read again after this (0: every batch) */
    unsigned history_refresh_ms; /* agent performance rollup refresh period */
    unsigned context_refresh_ms;
    char *migrations_dir;
    unsigned batch_max;
    unsigned retry_backoff_max_ms;
    unsigned shutdown_timeout_ms;
    /* Largest dead-letter record value (0: what the producer may send, less room for the key and
     * headers); larger originals go as a prefix and are kept whole in PostgreSQL. */
    unsigned dlq_max_bytes;
    unsigned dlq_retention_days; /* kept originals are deleted after this many days */
    char *http_bind;             /* address /metrics, /healthz and /readyz listen on */
    /* /healthz fails when the poll loop or a worker with work made no progress for this long. */
    unsigned liveness_timeout_ms;
    /* On a rebalance, unfinished work of revoked partitions is given up within this time. */
    unsigned revoke_timeout_ms;
    size_t n_kafka;
    struct config_kv kafka[CONFIG_KAFKA_MAX];
    /* The TICKET_ROUTER_* environment variables that were ignored, comma-separated in
     * environment order ("TICKET_ROUTER_SERVICE_HOST,TICKET_ROUTER_PORT"), or NULL for none. */
    char *env_ignored;
};

/* Fill cfg with the defaults, then the file (path may be NULL: defaults and environment only),
 * then the environment (envp: NULL-terminated "NAME=value" array, usually `environ`; NULL for
 * none), then validate. On error returns TR_EINVAL with "file:line: reason" in err and leaves
 * cfg cleared. The caller owns cfg's strings: release with config_clear(). */
TR_MUST_CHECK int config_load(struct config *cfg, const char *path, char *const *envp, char *err,
                              size_t errlen);
void config_clear(struct config *cfg);

/* The value of a kafka.* key (without the prefix), or NULL. Borrowed: valid while cfg lives. */
const char *config_kafka_get(const struct config *cfg, const char *key);

/* Set a kafka.* key (without the prefix), replacing an earlier value. 0 or TR_ENOMEM/TR_EINVAL. */
TR_MUST_CHECK int config_kafka_set(struct config *cfg, const char *key, const char *value);

/* Write every key and value, secrets as ***. */
void config_dump(const struct config *cfg, FILE *out);

#endif
