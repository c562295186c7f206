/* codec: Avro events <-> our structs (domain/domain.h), in the Confluent wire framing
 * (magic byte 0, 4-byte big-endian schema id, Avro binary); schemas from proto/, embedded.
 * Threads: one codec per thread (it owns Avro values and buffers); the rest any thread.
 * Errors: 0 or a negative TR_E* code; TR_EDECODE and TR_ETOOBIG mean bad input: dead-letter it
 * with the reason written to err. */
#ifndef TR_CODEC_H
#define TR_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "domain/domain.h"

/* Default Confluent schema ids (configurable). */
#define CODEC_SCHEMA_ID_TICKET_CREATED 1001
#define CODEC_SCHEMA_ID_TICKET_EVENT 1002
#define CODEC_SCHEMA_ID_ROUTING_DECISION 1003
#define CODEC_SCHEMA_ID_ESCALATION 1004

/* Bytes of the Confluent framing before the Avro body. */
#define CODEC_FRAME_HEADER 5

struct codec_schema_ids {
    int32_t ticket_created;
    int32_t ticket_event;
    int32_t routing_decision;
    int32_t escalation;
};
#define CODEC_SCHEMA_IDS_DEFAULT                                                                   \
    {                                                                                              \
        .ticket_created = CODEC_SCHEMA_ID_TICKET_CREATED,                                          \
        .ticket_event = CODEC_SCHEMA_ID_TICKET_EVENT,                                              \
        .routing_decision = CODEC_SCHEMA_ID_ROUTING_DECISION,                                      \
        .escalation = CODEC_SCHEMA_ID_ESCALATION,                                                  \
    }

enum codec_schema {
    CODEC_TICKET_CREATED = 0,
    CODEC_TICKET_EVENT,
    CODEC_ROUTING_DECISION,
    CODEC_ESCALATION,
    CODEC_N_SCHEMAS,
};

/* The embedded schema JSON, byte for byte the file proto/<name>.avsc, and its name
 * ("TicketCreated"...). Static strings; NULL for an unknown value. Threads: any. */
const char *codec_schema_json(enum codec_schema which);
const char *codec_schema_name(enum codec_schema which);

typedef struct codec codec;

/* Parse the embedded schemas and build reusable values for the schema ids in ids (borrowed;
 * NULL means CODEC_SCHEMA_IDS_DEFAULT). On failure returns NULL with the reason in err.
 * The caller owns the result; free with codec_free(), which accepts NULL. */
codec *codec_new(const struct codec_schema_ids *ids, char *err, size_t errlen);
void codec_free(codec *c);

/* Read the schema id of a framed message without decoding it. Returns 0 or TR_EDECODE
 * (too short, or no magic byte). Threads: any. */
TR_MUST_CHECK int codec_frame_schema_id(const void *buf, size_t len, int32_t *schema_id);

/* Decoders. Borrow buf. Check the magic byte, the exact schema id, that the Avro body is
 * well-formed and ends exactly at len, that every string is valid UTF-8 without NUL bytes and
 * fits its field (never silently truncated), that required ids are non-empty and that
 * arrays fit their fixed-size lists. out is overwritten, not freed first.
 * Returns 0, TR_EDECODE with the reason in err ("missing magic byte", "unknown schema id 7",
 * "avro: ...", "missing ticket_id", "ticket_id longer than 127 bytes", "invalid UTF-8 in body"),
 * TR_ETOOBIG ("text over 65536 bytes": subject + body beyond TR_TEXT_MAX) or TR_ENOMEM.
 * On failure out is left zeroed. */

/* On success out owns subject and body (never NULL); free with ticket_clear(). */
TR_MUST_CHECK int codec_ticket_decode(codec *c, const void *buf, size_t len, struct ticket *out,
                                      char *err, size_t errlen);
/* The symbol UNKNOWN (and any symbol past this build's enum) decodes as TICKET_EVENT_UNKNOWN. */
TR_MUST_CHECK int codec_ticket_event_decode(codec *c, const void *buf, size_t len,
                                            struct ticket_event *out, char *err, size_t errlen);
TR_MUST_CHECK int codec_decision_decode(codec *c, const void *buf, size_t len,
                                        struct route_decision *out, char *err, size_t errlen);
TR_MUST_CHECK int codec_escalation_decode(codec *c, const void *buf, size_t len,
                                          struct escalation *out, char *err, size_t errlen);

/* Encoders. Borrow the struct; empty optional strings ("") are written as null, NULL subject or
 * body as "". Invalid UTF-8 (e.g. a reason cut mid-character) is written with each bad byte
 * replaced by '?', so our own text never fails a reader's UTF-8 check. Sizes are not checked
 * here (an empty ticket_id or an oversized body encodes, and decoding refuses it). On success
 * *buf is the framed message: the caller owns it; free with free(). Returns 0, TR_EINVAL (an
 * enum, n_top, n_notify or a list count out of range, or a fixed-size field without its NUL) or
 * TR_ENOMEM; on failure *buf is NULL. */
TR_MUST_CHECK int codec_ticket_encode(codec *c, const struct ticket *ticket, void **buf,
                                      size_t *len);
TR_MUST_CHECK int codec_ticket_event_encode(codec *c, const struct ticket_event *event, void **buf,
                                            size_t *len);
TR_MUST_CHECK int codec_decision_encode(codec *c, const struct route_decision *decision, void **buf,
                                        size_t *len);
TR_MUST_CHECK int codec_escalation_encode(codec *c, const struct escalation *esc, void **buf,
                                          size_t *len);

/* One-line JSON (jansson) for logs, `tail` and the DLQ: the same field names as the schemas,
 * enums as their symbols, absent optional fields as null; invalid UTF-8 shown with '?'.
 * The caller owns the result; free with free(). NULL only when out of memory. Threads: any. */
char *codec_ticket_json(const struct ticket *ticket);
char *codec_ticket_event_json(const struct ticket_event *event);
char *codec_decision_json(const struct route_decision *decision);
char *codec_escalation_json(const struct escalation *esc);

#endif
