#include <inttypes.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_internal.h"
#include "codec/codec.h"
#include "kafka/kafka.h"
#include "log/log.h"

static struct codec_schema_ids ids_of(const struct config *cfg)
{
    struct codec_schema_ids ids = {
        .ticket_created = (int32_t)cfg->schema_ticket_created,
        .ticket_event = (int32_t)cfg->schema_ticket_event,
        .routing_decision = (int32_t)cfg->schema_routing_decision,
        .escalation = (int32_t)cfg->schema_escalation,
    };
    return ids;
}

/* Sample texts: one JSON object a line with subject, body, customer_id, language, channel. */
static json_t *samples_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot open %s", path);
        return NULL;
    }
    json_t *all = json_array();
    char line[16384];
    int lineno = 0;
    while (fgets(line, sizeof(line), f)) {
        lineno++;
        if (line[0] == '\n' || line[0] == '#')
            continue;
        json_error_t jerr;
        json_t *obj = json_loads(line, 0, &jerr);
        if (!json_is_object(obj)) {
            snprintf(err, errlen, "%s:%d: %s", path, lineno, jerr.text);
            json_decref(obj);
            json_decref(all);
            fclose(f);
            return NULL;
        }
        json_array_append_new(all, obj);
    }
    fclose(f);
    if (json_array_size(all) == 0) {
        snprintf(err, errlen, "%s: no samples", path);
        json_decref(all);
        return NULL;
    }
    return all;
}

static const char *str_of(json_t *obj, const char *key, const char *fallback)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? s : fallback;
}

enum { PRODUCE_CONFIG, PRODUCE_COUNT, PRODUCE_FILE, PRODUCE_PREFIX, PRODUCE_CUSTOMER };
static const struct cli_option PRODUCE_OPTIONS[] = {
    [PRODUCE_CONFIG] = {"config", "FILE", CLI_CONFIG_HELP},
    [PRODUCE_COUNT] = {"count", "N", "how many tickets (default 10)"},
    [PRODUCE_FILE] = {"file", "JSONL",
                      "sample texts, one JSON object a line with subject, body, customer_id, "
                      "language, channel (default deploy/seed/sample_tickets.jsonl)"},
    [PRODUCE_PREFIX] = {"prefix", "ID_PREFIX",
                        "ticket ids are ID_PREFIX-0 .. ID_PREFIX-(N-1) (default T<unix ms>)"},
    [PRODUCE_CUSTOMER] = {"customer", "ID", "customer id for every ticket (default: the sample's)"},
};
static const struct cli_command PRODUCE = {
    "produce", "[--config FILE] [--count N] [--file JSONL] [--prefix ID_PREFIX] [--customer ID]",
    "Send sample TicketCreated events to the tickets topic, cycling through the sample texts, "
    "and wait for their acknowledgements.",
    CLI_OPTIONS(PRODUCE_OPTIONS)};

int cli_produce(int argc, char **argv)
{
    const char *opt[5];
    int status = 1;
    long count = 0;
    if (!cli_parse(&PRODUCE, argc, argv, opt, &status))
        return status;
    if (!cli_long(&PRODUCE, "count", opt[PRODUCE_COUNT], 10, 0, &count))
        return 2;
    struct config cfg;
    if (!cli_config_load(opt[PRODUCE_CONFIG], &cfg))
        return 2;
    const char *file = opt[PRODUCE_FILE] ? opt[PRODUCE_FILE] : "deploy/seed/sample_tickets.jsonl";
    char default_prefix[64];
    snprintf(default_prefix, sizeof(default_prefix), "T%" PRId64, tr_now_unix_ms());
    const char *prefix = opt[PRODUCE_PREFIX] ? opt[PRODUCE_PREFIX] : default_prefix;
    const char *customer = opt[PRODUCE_CUSTOMER];
    char err[512];
    json_t *samples = NULL;
    kafka_producer *kp = NULL;
    struct codec_schema_ids ids = ids_of(&cfg);
    codec *c = codec_new(&ids, err, sizeof(err));
    struct kafka_delivery d;
    kafka_delivery_init(&d);
    if (!c || !(samples = samples_load(file, err, sizeof(err))) ||
        !(kp = kafka_producer_new(&cfg, err, sizeof(err)))) {
        fprintf(stderr, "ticket-router produce: %s\n", err);
        goto out;
    }
    for (long i = 0; i < count; i++) {
        json_t *s = json_array_get(samples, (size_t)i % json_array_size(samples));
        struct ticket t = {0};
        snprintf(t.ticket_id, sizeof(t.ticket_id), "%s-%ld", prefix, i);
        tr_strlcpy(t.customer_id, customer ? customer : str_of(s, "customer_id", "C-unknown"),
                   sizeof(t.customer_id));
        t.subject = (char *)str_of(s, "subject", "");
        t.body = (char *)str_of(s, "body", "");
        tr_strlcpy(t.channel, str_of(s, "channel", "email"), sizeof(t.channel));
        tr_strlcpy(t.language, str_of(s, "language", ""), sizeof(t.language));
        tr_strlcpy(t.product_area, str_of(s, "product_area", ""), sizeof(t.product_area));
        t.created_at_ms = tr_now_unix_ms();
        void *buf = NULL;
        size_t len = 0;
        if (codec_ticket_encode(c, &t, &buf, &len) != 0) {
            fprintf(stderr, "ticket-router produce: cannot encode sample %ld\n", i);
            goto out;
        }
        int rc = kafka_produce(kp, cfg.topic_tickets, t.ticket_id, strlen(t.ticket_id), buf, len,
                               NULL, 0, &d, err, sizeof(err));
        free(buf);
        if (rc != 0) {
            fprintf(stderr, "ticket-router produce: %s\n", err);
            goto out;
        }
    }
    if (kafka_delivery_wait(&d, 30000) != 0) {
        fprintf(stderr, "ticket-router produce: delivery failed: %s\n", d.error);
        goto out;
    }
    printf("produced %ld tickets to %s (ids %s-0..%s-%ld)\n", count, cfg.topic_tickets, prefix,
           prefix, count - 1);
    status = 0;
out:
    kafka_producer_free(kp, 10000);
    kafka_delivery_destroy(&d);
    json_decref(samples);
    codec_free(c);
    config_clear(&cfg);
    return status;
}

/* One line for a person: who got the ticket and why. Caller frees. */
static char *decision_brief(const struct route_decision *d)
{
    char reasons[1024] = "";
    size_t used = 0;
    for (size_t i = 0; i < d->reasons.n && used < sizeof(reasons); i++)
        used += (size_t)snprintf(reasons + used, sizeof(reasons) - used, "%s%s", i ? "; " : "",
                                 d->reasons.items[i]);
    size_t len = 2600; /* the fields and all the reasons, never cut */
    char *out = malloc(len);
    if (out)
        snprintf(out, len, "%-28s %-10s tier=%-10s team=%-10s queue=%-10s agent=%-16s %s %s%s: %s",
                 d->ticket_id, d->category, tier_name(d->customer_tier), d->team, d->queue,
                 d->agent_id[0] ? d->agent_id : "-", priority_name(d->priority),
                 d->fallback ? "fallback " : "", route_mode_name(d->mode), reasons);
    return out;
}

/* Renders msg as JSON (or a brief line for decisions) into *out (NULL when undecodable).
 * Returns false when the message is not for this prefix. */
static bool message_render(codec *c, const struct codec_schema_ids *ids,
                           const struct kafka_msg *msg, const char *prefix, bool brief, char **out)
{
    char err[512];
    int32_t schema = 0;
    size_t plen = strlen(prefix);
    *out = NULL;
    if (plen && (msg->key_len < plen || memcmp(msg->key, prefix, plen) != 0))
        return false;
    if (codec_frame_schema_id(msg->payload, msg->len, &schema) != 0)
        return true;
    if (schema == ids->routing_decision) {
        struct route_decision dec;
        if (codec_decision_decode(c, msg->payload, msg->len, &dec, err, sizeof(err)) == 0)
            *out = brief ? decision_brief(&dec) : codec_decision_json(&dec);
    } else if (schema == ids->escalation) {
        struct escalation esc;
        if (codec_escalation_decode(c, msg->payload, msg->len, &esc, err, sizeof(err)) == 0)
            *out = codec_escalation_json(&esc);
    } else if (schema == ids->ticket_created) {
        struct ticket t;
        if (codec_ticket_decode(c, msg->payload, msg->len, &t, err, sizeof(err)) == 0) {
            *out = codec_ticket_json(&t);
            ticket_clear(&t);
        }
    } else if (schema == ids->ticket_event) {
        struct ticket_event ev;
        if (codec_ticket_event_decode(c, msg->payload, msg->len, &ev, err, sizeof(err)) == 0)
            *out = codec_ticket_event_json(&ev);
    }
    return true;
}

static volatile sig_atomic_t tail_stop;
static void on_tail_signal(int sig)
{
    (void)sig;
    tail_stop = 1;
}

enum { TAIL_CONFIG, TAIL_TOPIC, TAIL_COUNT, TAIL_TIMEOUT, TAIL_PREFIX, TAIL_SHORT };
static const struct cli_option TAIL_OPTIONS[] = {
    [TAIL_CONFIG] = {"config", "FILE", CLI_CONFIG_HELP},
    [TAIL_TOPIC] = {"topic", "T", "the topic to read (default: the topic.decisions key)"},
    [TAIL_COUNT] = {"count", "N", "stop after N messages; exit 1 if fewer came (default 0: never)"},
    [TAIL_TIMEOUT] = {"timeout-ms", "MS", "stop after MS (default 0: never)"},
    [TAIL_PREFIX] = {"prefix", "TICKET_ID_PREFIX", "only messages whose key starts with it"},
    [TAIL_SHORT] = {"short", NULL, "decisions as one line for a person instead of JSON"},
};
static const struct cli_command TAIL = {
    "tail",
    "[--config FILE] [--topic T] [--count N] [--timeout-ms MS]\n"
    "       [--prefix TICKET_ID_PREFIX] [--short]",
    "Print the messages of a topic (decisions unless --topic) as JSON, one a line, from the "
    "beginning, with a consumer group of its own. SIGINT or SIGTERM stop it.",
    CLI_OPTIONS(TAIL_OPTIONS)};

int cli_tail(int argc, char **argv)
{
    const char *opt[6];
    int status = 1;
    long count = 0, timeout_ms = 0;
    if (!cli_parse(&TAIL, argc, argv, opt, &status))
        return status;
    if (!cli_long(&TAIL, "count", opt[TAIL_COUNT], 0, 0, &count) ||
        !cli_long(&TAIL, "timeout-ms", opt[TAIL_TIMEOUT], 0, 0, &timeout_ms))
        return 2;
    struct config cfg;
    if (!cli_config_load(opt[TAIL_CONFIG], &cfg))
        return 2;
    const char *topic = opt[TAIL_TOPIC] ? opt[TAIL_TOPIC] : cfg.topic_decisions;
    const char *prefix = opt[TAIL_PREFIX] ? opt[TAIL_PREFIX] : "";
    bool brief = opt[TAIL_SHORT] != NULL;
    char group[64], err[512];
    snprintf(group, sizeof(group), "ticket-router-tail-%" PRId64, tr_now_unix_us());
    kafka_consumer *kc = NULL;
    struct codec_schema_ids ids = ids_of(&cfg);
    codec *c = codec_new(&ids, err, sizeof(err));
    if (!c || config_kafka_set(&cfg, "group.id", group) != 0 ||
        config_kafka_set(&cfg, "enable.auto.commit", "false") != 0 ||
        !(kc = kafka_consumer_new(&cfg, &topic, 1, NULL, NULL, err, sizeof(err)))) {
        fprintf(stderr, "ticket-router tail: %s\n", err);
        goto out;
    }
    signal(SIGINT, on_tail_signal);
    signal(SIGTERM, on_tail_signal);
    int64_t deadline = timeout_ms > 0 ? tr_now_unix_ms() + timeout_ms : 0;
    long seen = 0;
    while (!tail_stop && (count == 0 || seen < count) &&
           (!deadline || tr_now_unix_ms() < deadline)) {
        struct kafka_msg *msg = NULL;
        int rc = kafka_consumer_poll(kc, 100, &msg, err, sizeof(err));
        if (rc < 0) {
            fprintf(stderr, "ticket-router tail: %s\n", err);
            goto out;
        }
        if (rc == 0)
            continue;
        char *json = NULL;
        bool matched = message_render(c, &ids, msg, prefix, brief, &json);
        if (matched && json)
            printf("%s\n", json);
        else if (matched)
            printf("{\"undecodable\":true,\"partition\":%d,\"offset\":%" PRId64 ",\"bytes\":%zu}\n",
                   msg->partition, msg->offset, msg->len);
        fflush(stdout);
        free(json);
        kafka_msg_free(msg);
        if (matched)
            seen++;
    }
    status = count == 0 || seen >= count ? 0 : 1;
out:
    kafka_consumer_free(kc);
    codec_free(c);
    config_clear(&cfg);
    return status;
}
