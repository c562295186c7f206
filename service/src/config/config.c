#include "config/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum config_type { CFG_STRING, CFG_UINT, CFG_DOUBLE };
enum { CFG_SECRET = 1 };

struct config_key {
    const char *name;
    enum config_type type;
    const char *def; /* NULL: no default (empty string for strings) */
    size_t offset;
    int flags;
};

#define FIELD(name) offsetof(struct config, name)
/* Tables read best as columns. */
/* clang-format off */
static const struct config_key KEYS[] = {
    /* name                          type        default                        field */
    { "mode",                        CFG_STRING, "live",                        FIELD(mode), 0 },
    { "workers",                     CFG_UINT,   "4",                           FIELD(workers), 0 },
    { "log.level",                   CFG_STRING, "info",                        FIELD(log_level), 0 },
    { "log.format",                  CFG_STRING, "text",                        FIELD(log_format), 0 },
    { "http.port",                   CFG_UINT,   "9464",                        FIELD(http_port), 0 },
    { "postgres.dsn",                CFG_STRING, "host=127.0.0.1 port=5432 dbname=ticket_router user=postgres",
                                                                                FIELD(pg_dsn), CFG_SECRET },
    { "redis.host",                  CFG_STRING, "127.0.0.1",                   FIELD(redis_host), 0 },
    { "redis.port",                  CFG_UINT,   "6379",                        FIELD(redis_port), 0 },
    { "redis.password",              CFG_STRING, "",                            FIELD(redis_password), CFG_SECRET },
    { "redis.db",                    CFG_UINT,   "0",                           FIELD(redis_db), 0 },
    { "redis.timeout_ms",            CFG_UINT,   "2000",                        FIELD(redis_timeout_ms), 0 },
    { "redis.key_prefix",            CFG_STRING, "tr:",                         FIELD(redis_prefix), 0 },
    { "topic.tickets",               CFG_STRING, "tickets.created",             FIELD(topic_tickets), 0 },
    { "topic.events",                CFG_STRING, "tickets.events",              FIELD(topic_events), 0 },
    { "topic.decisions",             CFG_STRING, "routing.decisions",           FIELD(topic_decisions), 0 },
    { "topic.escalations",           CFG_STRING, "routing.escalations",         FIELD(topic_escalations), 0 },
    { "topic.shadow",                CFG_STRING, "routing.shadow",              FIELD(topic_shadow), 0 },
    { "topic.dlq",                   CFG_STRING, "tickets.created.dlq",         FIELD(topic_dlq), 0 },
    { "topic.partitions",            CFG_UINT,   "6",                           FIELD(topic_partitions), 0 },
    { "topic.replication",           CFG_UINT,   "1",                           FIELD(topic_replication), 0 },
    { "schema.id.ticket_created",    CFG_UINT,   "1001",                        FIELD(schema_ticket_created), 0 },
    { "schema.id.ticket_event",      CFG_UINT,   "1002",                        FIELD(schema_ticket_event), 0 },
    { "schema.id.routing_decision",  CFG_UINT,   "1003",                        FIELD(schema_routing_decision), 0 },
    { "schema.id.escalation",        CFG_UINT,   "1004",                        FIELD(schema_escalation), 0 },
    { "routing.confidence_threshold",CFG_DOUBLE, "0.70",                        FIELD(confidence_threshold), 0 },
    { "routing.triage_queue",        CFG_STRING, "triage",                      FIELD(triage_queue), 0 },
    { "routing.triage_team",         CFG_STRING, "triage",                      FIELD(triage_team), 0 },
    { "routing.senior_queue",        CFG_STRING, "senior",                      FIELD(senior_queue), 0 },
    { "routing.default_team",        CFG_STRING, "general",                     FIELD(default_team), 0 },
    { "routing.outage_notify",       CFG_STRING, "oncall:engineering",          FIELD(outage_notify), 0 },
    { "model.path",                  CFG_STRING, "",                            FIELD(model_path), 0 },
    { "signals.path",                CFG_STRING, "",                            FIELD(signals_path), 0 },
    { "feedback.text_retention_days",CFG_UINT,   "180",                         FIELD(feedback_text_retention_days), 0 },
    { "cache.customer_ttl_ms",       CFG_UINT,   "300000",                      FIELD(customer_cache_ttl_ms), 0 },
    { "cache.customer_slots",        CFG_UINT,   "262144",                      FIELD(customer_cache_slots), 0 },
    { "cache.history_refresh_ms",    CFG_UINT,   "900000",                      FIELD(history_refresh_ms), 0 },
    { "cache.agent_load_ms",         CFG_UINT,   "250",                         FIELD(agent_load_ms), 0 },
    { "cache.context_refresh_ms",    CFG_UINT,   "5000",                        FIELD(context_refresh_ms), 0 },
    { "migrations.dir",              CFG_STRING, "migrations",                  FIELD(migrations_dir), 0 },
    { "batch.max",                   CFG_UINT,   "256",                         FIELD(batch_max), 0 },
    { "retry.backoff_max_ms",        CFG_UINT,   "5000",                        FIELD(retry_backoff_max_ms), 0 },
    { "shutdown.timeout_ms",         CFG_UINT,   "10000",                       FIELD(shutdown_timeout_ms), 0 },
    { "dlq.max_bytes",               CFG_UINT,   "0",                           FIELD(dlq_max_bytes), 0 },
    { "dlq.retention_days",          CFG_UINT,   "30",                          FIELD(dlq_retention_days), 0 },
    { "http.bind",                   CFG_STRING, "0.0.0.0",                     FIELD(http_bind), 0 },
    { "liveness.timeout_ms",         CFG_UINT,   "60000",                       FIELD(liveness_timeout_ms), 0 },
    { "revoke.timeout_ms",           CFG_UINT,   "10000",                       FIELD(revoke_timeout_ms), 0 },
};
/* clang-format on */
#define N_KEYS (sizeof(KEYS) / sizeof(KEYS[0]))

static const char ENV_PREFIX[] = "TICKET_ROUTER_";

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    return s;
}

static const struct config_key *key_find(const char *name)
{
    for (size_t i = 0; i < N_KEYS; i++)
        if (strcmp(KEYS[i].name, name) == 0)
            return &KEYS[i];
    return NULL;
}

static int value_set(struct config *cfg, const struct config_key *k, const char *value, char *err,
                     size_t errlen)
{
    void *field = (char *)cfg + k->offset;
    char *end = NULL;
    switch (k->type) {
    case CFG_STRING: {
        char *copy = strdup(value);
        if (!copy)
            return TR_ENOMEM;
        free(*(char **)field);
        *(char **)field = copy;
        return 0;
    }
    case CFG_UINT: {
        errno = 0;
        unsigned long v = strtoul(value, &end, 10);
        if (errno || end == value || *end || v > 0xFFFFFFFFul || value[0] == '-') {
            snprintf(err, errlen, "%s: not a non-negative integer: '%s'", k->name, value);
            return TR_EINVAL;
        }
        *(unsigned *)field = (unsigned)v;
        return 0;
    }
    case CFG_DOUBLE: {
        errno = 0;
        double v = strtod(value, &end);
        if (errno || end == value || *end) {
            snprintf(err, errlen, "%s: not a number: '%s'", k->name, value);
            return TR_EINVAL;
        }
        *(double *)field = v;
        return 0;
    }
    }
    return TR_EINVAL;
}

static int kafka_set(struct config *cfg, const char *key, const char *value, char *err,
                     size_t errlen)
{
    for (size_t i = 0; i < cfg->n_kafka; i++) {
        if (strcmp(cfg->kafka[i].key, key) == 0) {
            char *copy = strdup(value);
            if (!copy)
                return TR_ENOMEM;
            free(cfg->kafka[i].value);
            cfg->kafka[i].value = copy;
            return 0;
        }
    }
    if (cfg->n_kafka == CONFIG_KAFKA_MAX) {
        snprintf(err, errlen, "too many kafka.* keys (at most %d)", CONFIG_KAFKA_MAX);
        return TR_EINVAL;
    }
    struct config_kv *kv = &cfg->kafka[cfg->n_kafka];
    kv->key = strdup(key);
    kv->value = strdup(value);
    if (!kv->key || !kv->value) {
        free(kv->key);
        free(kv->value);
        kv->key = kv->value = NULL;
        return TR_ENOMEM;
    }
    cfg->n_kafka++;
    return 0;
}

/* One key = value pair from any source. */
static int pair_set(struct config *cfg, const char *key, const char *value, char *err,
                    size_t errlen)
{
    if (strncmp(key, "kafka.", 6) == 0 && key[6])
        return kafka_set(cfg, key + 6, value, err, errlen);
    const struct config_key *k = key_find(key);
    if (!k) {
        snprintf(err, errlen, "unknown key '%s'", key);
        return TR_EINVAL;
    }
    return value_set(cfg, k, value, err, errlen);
}

static int file_apply(struct config *cfg, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return TR_EINVAL;
    }
    char line[4096];
    int lineno = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof(line), f)) {
        lineno++;
        char *s = trim(line);
        if (*s == '\0' || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%d: expected key = value", path, lineno);
            rc = TR_EINVAL;
            break;
        }
        *eq = '\0';
        char *key = trim(s), *value = trim(eq + 1);
        char reason[256] = "";
        rc = pair_set(cfg, key, value, reason, sizeof(reason));
        if (rc != 0)
            snprintf(err, errlen, "%s:%d: %s", path, lineno, reason);
    }
    fclose(f);
    return rc;
}

/* Kubernetes sets, for each Service S in the namespace (S upper case, '-' -> '_'): S_SERVICE_HOST,
 * S_SERVICE_PORT, S_SERVICE_PORT_<port name>, S_PORT=tcp://ip:port and
 * S_PORT_<port>_<PROTO>[_PROTO|_PORT|_ADDR]. name is the part after TICKET_ROUTER_ (n bytes). */
static bool is_service_link(const char *name, size_t n, const char *value)
{
    char words[260];
    snprintf(words, sizeof(words), "_%.*s_", (int)n, name);
    if (strstr(words, "_SERVICE_HOST_") || strstr(words, "_SERVICE_PORT_"))
        return true;
    /* S_PORT=tcp://...: S may be "REDIS", whose REDIS_PORT is also the key redis.port. */
    if ((n == 4 || (n > 4 && name[n - 5] == '_')) && strncmp(name + n - 4, "PORT", 4) == 0 &&
        (strncmp(value, "tcp://", 6) == 0 || strncmp(value, "udp://", 6) == 0 ||
         strncmp(value, "sctp://", 7) == 0))
        return true;
    for (const char *p = strstr(words, "_PORT_"); p; p = strstr(p + 1, "_PORT_")) {
        const char *d = p + 6;
        while (isdigit((unsigned char)*d))
            d++;
        if (d > p + 6 && (strncmp(d, "_TCP_", 5) == 0 || strncmp(d, "_UDP_", 5) == 0 ||
                          strncmp(d, "_SCTP_", 6) == 0))
            return true;
    }
    return false;
}

/* The key whose environment name (upper case, '.' -> '_') is name[0..n), or NULL. */
static const struct config_key *env_key_find(const char *name, size_t n)
{
    for (size_t i = 0; i < N_KEYS; i++) {
        const char *kn = KEYS[i].name;
        if (strlen(kn) != n)
            continue;
        size_t j = 0;
        while (j < n && name[j] == (kn[j] == '.' ? '_' : (char)toupper((unsigned char)kn[j])))
            j++;
        if (j == n)
            return &KEYS[i];
    }
    return NULL;
}

enum { ENV_IGNORED = 1 };

/* One TICKET_ROUTER_<name>=value: 0 when applied, ENV_IGNORED when it names no key, or an
 * error. TICKET_ROUTER_POSTGRES_DSN -> postgres.dsn; KAFKA_* map '_' to '.'. */
static int env_entry_apply(struct config *cfg, const char *name, size_t n, const char *value,
                           char *err, size_t errlen)
{
    char key[256];
    if (n >= sizeof(key) || is_service_link(name, n, value))
        return ENV_IGNORED;
    if (strncmp(name, "KAFKA_", 6) == 0) {
        for (size_t i = 0; i < n; i++)
            key[i] = name[i] == '_' ? '.' : (char)tolower((unsigned char)name[i]);
        key[n] = '\0';
        return pair_set(cfg, key, value, err, errlen);
    }
    const struct config_key *k = env_key_find(name, n);
    if (!k)
        return ENV_IGNORED;
    char reason[256] = "";
    int rc = value_set(cfg, k, value, reason, sizeof(reason));
    if (rc != 0)
        snprintf(err, errlen, "environment: %s%.*s: %s", ENV_PREFIX, (int)n, name, reason);
    return rc;
}

/* Appends the variable's name (n bytes) to cfg->env_ignored. */
static int ignored_add(struct config *cfg, const char *name, size_t n)
{
    size_t have = cfg->env_ignored ? strlen(cfg->env_ignored) : 0;
    char *list = realloc(cfg->env_ignored, have + n + 2);
    if (!list)
        return TR_ENOMEM;
    if (have)
        list[have++] = ',';
    memcpy(list + have, name, n);
    list[have + n] = '\0';
    cfg->env_ignored = list;
    return 0;
}

/* Variables outside the TICKET_ROUTER_ prefix are not ours; inside it, a name that is no key is
 * listed in env_ignored rather than refused, so the Service links Kubernetes adds cannot stop
 * the service (a misspelt key in the file is still an error). */
static int env_apply(struct config *cfg, char *const *envp, char *err, size_t errlen)
{
    for (; envp && *envp; envp++) {
        const char *entry = *envp;
        if (strncmp(entry, ENV_PREFIX, sizeof(ENV_PREFIX) - 1) != 0)
            continue;
        const char *name = entry + sizeof(ENV_PREFIX) - 1;
        const char *eq = strchr(name, '=');
        if (!eq || eq == name)
            continue;
        size_t n = (size_t)(eq - name);
        int rc = env_entry_apply(cfg, name, n, eq + 1, err, errlen);
        if (rc == ENV_IGNORED)
            rc = ignored_add(cfg, entry, (size_t)(eq - entry));
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int validate(const struct config *cfg, char *err, size_t errlen)
{
    if (strcmp(cfg->mode, "live") != 0 && strcmp(cfg->mode, "shadow") != 0) {
        snprintf(err, errlen, "mode: must be live or shadow, not '%s'", cfg->mode);
        return TR_EINVAL;
    }
    if (cfg->workers == 0 || cfg->workers > 256) {
        snprintf(err, errlen, "workers: must be 1..256");
        return TR_EINVAL;
    }
    /* Written so that NaN fails too. */
    if (!(cfg->confidence_threshold >= 0 && cfg->confidence_threshold <= 1)) {
        snprintf(err, errlen, "routing.confidence_threshold: must be within 0..1");
        return TR_EINVAL;
    }
    if (strcmp(cfg->log_format, "text") != 0 && strcmp(cfg->log_format, "json") != 0) {
        snprintf(err, errlen, "log.format: must be text or json");
        return TR_EINVAL;
    }
    if (cfg->redis_port == 0 || cfg->redis_port > 65535 || cfg->http_port > 65535) {
        snprintf(err, errlen, "redis.port/http.port: must be a TCP port");
        return TR_EINVAL;
    }
    if (cfg->topic_partitions == 0 || cfg->batch_max == 0) {
        snprintf(err, errlen, "topic.partitions and batch.max must be positive");
        return TR_EINVAL;
    }
    return 0;
}

int config_load(struct config *cfg, const char *path, char *const *envp, char *err, size_t errlen)
{
    memset(cfg, 0, sizeof(*cfg));
    int rc = 0;
    for (size_t i = 0; i < N_KEYS && rc == 0; i++)
        rc = value_set(cfg, &KEYS[i], KEYS[i].def ? KEYS[i].def : "", err, errlen);
    if (rc == 0)
        rc = kafka_set(cfg, "bootstrap.servers", "127.0.0.1:9092", err, errlen);
    if (rc == 0)
        rc = kafka_set(cfg, "group.id", "ticket-router", err, errlen);
    if (rc == 0 && path)
        rc = file_apply(cfg, path, err, errlen);
    if (rc == 0)
        rc = env_apply(cfg, envp, err, errlen);
    if (rc == 0)
        rc = validate(cfg, err, errlen);
    if (rc == TR_ENOMEM)
        snprintf(err, errlen, "out of memory");
    if (rc != 0) {
        config_clear(cfg);
        return rc == TR_ENOMEM ? rc : TR_EINVAL;
    }
    return 0;
}

void config_clear(struct config *cfg)
{
    for (size_t i = 0; i < N_KEYS; i++)
        if (KEYS[i].type == CFG_STRING)
            free(*(char **)((char *)cfg + KEYS[i].offset));
    for (size_t i = 0; i < cfg->n_kafka; i++) {
        free(cfg->kafka[i].key);
        free(cfg->kafka[i].value);
    }
    free(cfg->env_ignored);
    memset(cfg, 0, sizeof(*cfg));
}

const char *config_kafka_get(const struct config *cfg, const char *key)
{
    for (size_t i = 0; i < cfg->n_kafka; i++)
        if (strcmp(cfg->kafka[i].key, key) == 0)
            return cfg->kafka[i].value;
    return NULL;
}

static int is_secret_kafka_key(const char *key)
{
    return strstr(key, "password") || strstr(key, "secret") || strstr(key, "sasl.oauthbearer");
}

void config_dump(const struct config *cfg, FILE *out)
{
    for (size_t i = 0; i < N_KEYS; i++) {
        const struct config_key *k = &KEYS[i];
        const void *field = (const char *)cfg + k->offset;
        if (k->flags & CFG_SECRET)
            fprintf(out, "%s = ***\n", k->name);
        else if (k->type == CFG_STRING)
            fprintf(out, "%s = %s\n", k->name, *(char *const *)field);
        else if (k->type == CFG_UINT)
            fprintf(out, "%s = %u\n", k->name, *(const unsigned *)field);
        else
            fprintf(out, "%s = %g\n", k->name, *(const double *)field);
    }
    for (size_t i = 0; i < cfg->n_kafka; i++)
        fprintf(out, "kafka.%s = %s\n", cfg->kafka[i].key,
                is_secret_kafka_key(cfg->kafka[i].key) ? "***" : cfg->kafka[i].value);
}

int config_kafka_set(struct config *cfg, const char *key, const char *value)
{
    char err[128];
    return kafka_set(cfg, key, value, err, sizeof(err));
}
