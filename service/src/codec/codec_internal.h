/* codec_internal: what the codec's files share; not part of the module's contract.
 * Threads: as codec.h (a codec belongs to one thread; the tables are immutable). */
#ifndef TR_CODEC_INTERNAL_H
#define TR_CODEC_INTERNAL_H

#include <avro.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codec/codec.h"

/* The schema texts, generated at build time from proto/ (codec_schemas.c). */
struct codec_embedded_schema {
    const char *name;
    const char *json;
    size_t len;
};
extern const struct codec_embedded_schema CODEC_SCHEMAS[CODEC_N_SCHEMAS];

/* Our names for the fields of each schema, in the order of the tables in codec_fields.c.
 * codec_new() maps them to Avro field indices, so a schema may reorder its fields freely. */
enum {
    TC_TICKET_ID,
    TC_CUSTOMER_ID,
    TC_REQUESTER_EMAIL,
    TC_SUBJECT,
    TC_BODY,
    TC_CHANNEL,
    TC_LANGUAGE,
    TC_PRODUCT_AREA,
    TC_CREATED_AT,
    TC_N
};
enum {
    TE_EVENT_ID,
    TE_TICKET_ID,
    TE_TYPE,
    TE_AGENT_ID,
    TE_TEAM,
    TE_PREVIOUS_AGENT_ID,
    TE_PREVIOUS_TEAM,
    TE_CORRECT_CATEGORY,
    TE_PRESENCE,
    TE_REASON,
    TE_OCCURRED_AT,
    TE_N
};
enum {
    RD_DECISION_ID,
    RD_TICKET_ID,
    RD_CUSTOMER_ID,
    RD_CUSTOMER_TIER,
    RD_CUSTOMER_KNOWN,
    RD_TEAM,
    RD_QUEUE,
    RD_AGENT_ID,
    RD_PRIORITY,
    RD_FIRST_RESPONSE_DUE,
    RD_CATEGORY,
    RD_CONFIDENCE,
    RD_TOP_CLASSES,
    RD_LANGUAGE,
    RD_FALLBACK,
    RD_MODE,
    RD_MODEL_VERSION,
    RD_REASONS,
    RD_RULES_FIRED,
    RD_DECIDED_AT,
    RD_LATENCY_US,
    RD_N
};
enum {
    ES_ESCALATION_ID,
    ES_TICKET_ID,
    ES_CUSTOMER_ID,
    ES_KIND,
    ES_SEVERITY,
    ES_INCIDENT_ID,
    ES_TEAM,
    ES_NOTIFY,
    ES_SUMMARY,
    ES_REASONS,
    ES_CREATED_AT,
    ES_N
};
#define CODEC_MAX_FIELDS RD_N

/* Field names by schema; NULL-terminated lists. */
extern const char *const *const CODEC_FIELD_NAMES[CODEC_N_SCHEMAS];

struct codec_type {
    avro_schema_t schema;
    avro_value_iface_t *iface;
    avro_value_t value; /* reused for every message of this type */
    bool has_value;
    int32_t id;
    int field[CODEC_MAX_FIELDS]; /* our field enum -> Avro field index */
};

struct codec {
    struct codec_type types[CODEC_N_SCHEMAS];
    int score_category; /* CategoryScore field indices */
    int score_confidence;
    avro_reader_t reader;
    avro_writer_t writer;
    char *scratch; /* UTF-8 repair buffer for encoding */
    size_t scratch_cap;
};

/* Check the framing and that body is one well-formed datum of schema that ends exactly at len,
 * with every length, count, branch and symbol in range, so that avro-c can read it safely
 * (avro-c trusts lengths: a negative string length makes it write before its buffer).
 * On success *body and *body_len are the Avro bytes. Returns 0 or TR_EDECODE with the reason. */
int codec_frame_check(const struct codec_type *type, const void *buf, size_t len, const char **body,
                      size_t *body_len, char *err, size_t errlen);
int codec_avro_validate(avro_schema_t schema, const char *body, size_t len, char *err,
                        size_t errlen);

/* Frame and read the datum into type->value. Returns 0 or TR_EDECODE/TR_ENOMEM with reason. */
int codec_read(codec *c, enum codec_schema which, const void *buf, size_t len, char *err,
               size_t errlen);
/* Serialize type->value, framed, into a new buffer. Returns 0 or TR_ENOMEM/TR_EIO. */
int codec_write(codec *c, enum codec_schema which, void **buf, size_t *len);

/* The bytes of s with each byte that is not part of valid UTF-8 replaced by '?'. Returns s itself
 * when valid, else a copy in c's scratch buffer (valid until the next call), NULL on ENOMEM. */
const char *codec_utf8_repair(char **scratch, size_t *cap, const char *s, size_t n);

#endif
