/* codec: lifecycle, Confluent framing, and reading/writing one Avro datum with reused values. */
#include "codec/codec_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *codec_schema_json(enum codec_schema which)
{
    return (unsigned)which < CODEC_N_SCHEMAS ? CODEC_SCHEMAS[which].json : NULL;
}

const char *codec_schema_name(enum codec_schema which)
{
    return (unsigned)which < CODEC_N_SCHEMAS ? CODEC_SCHEMAS[which].name : NULL;
}

static int codec_type_init(struct codec_type *type, enum codec_schema which, int32_t id, char *err,
                           size_t errlen)
{
    const struct codec_embedded_schema *emb = &CODEC_SCHEMAS[which];
    type->id = id;
    if (avro_schema_from_json_length(emb->json, emb->len, &type->schema) != 0) {
        type->schema = NULL;
        snprintf(err, errlen, "schema %s: %s", emb->name, avro_strerror());
        return TR_EINVAL;
    }
    const char *const *names = CODEC_FIELD_NAMES[which];
    for (size_t i = 0; names[i]; i++) {
        type->field[i] = avro_schema_record_field_get_index(type->schema, names[i]);
        if (type->field[i] < 0) {
            snprintf(err, errlen, "schema %s has no field %s", emb->name, names[i]);
            return TR_EINVAL;
        }
    }
    type->iface = avro_generic_class_from_schema(type->schema);
    if (!type->iface || avro_generic_value_new(type->iface, &type->value) != 0) {
        snprintf(err, errlen, "schema %s: %s", emb->name, avro_strerror());
        return TR_ENOMEM;
    }
    type->has_value = true;
    return 0;
}

static int codec_score_init(codec *c, char *err, size_t errlen)
{
    struct codec_type *rd = &c->types[CODEC_ROUTING_DECISION];
    avro_schema_t top =
        avro_schema_record_field_get_by_index(rd->schema, rd->field[RD_TOP_CLASSES]);
    avro_schema_t item = top && is_avro_array(top) ? avro_schema_array_items(top) : NULL;
    if (item && is_avro_link(item))
        item = avro_schema_link_target(item);
    if (!item || !is_avro_record(item)) {
        snprintf(err, errlen, "schema RoutingDecision: top_classes is not an array of records");
        return TR_EINVAL;
    }
    c->score_category = avro_schema_record_field_get_index(item, "category");
    c->score_confidence = avro_schema_record_field_get_index(item, "confidence");
    if (c->score_category < 0 || c->score_confidence < 0) {
        snprintf(err, errlen, "schema RoutingDecision: CategoryScore lacks category/confidence");
        return TR_EINVAL;
    }
    return 0;
}

codec *codec_new(const struct codec_schema_ids *ids, char *err, size_t errlen)
{
    static const struct codec_schema_ids DEFAULT_IDS = CODEC_SCHEMA_IDS_DEFAULT;
    static const char EMPTY[1];
    if (!ids)
        ids = &DEFAULT_IDS;
    const int32_t id_of[CODEC_N_SCHEMAS] = {ids->ticket_created, ids->ticket_event,
                                            ids->routing_decision, ids->escalation};
    codec *c = calloc(1, sizeof(*c));
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    for (int i = 0; i < CODEC_N_SCHEMAS; i++) {
        if (codec_type_init(&c->types[i], (enum codec_schema)i, id_of[i], err, errlen) != 0)
            goto fail; /* it wrote the reason */
    }
    if (codec_score_init(c, err, errlen) != 0)
        goto fail;
    /* Memory readers and writers are re-pointed at each message's buffer. */
    c->reader = avro_reader_memory(EMPTY, 0);
    c->writer = avro_writer_memory(EMPTY, 0);
    if (!c->reader || !c->writer) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    return c;
fail:
    codec_free(c);
    return NULL;
}

void codec_free(codec *c)
{
    if (!c)
        return;
    for (int i = 0; i < CODEC_N_SCHEMAS; i++) {
        struct codec_type *type = &c->types[i];
        if (type->has_value)
            avro_value_decref(&type->value);
        if (type->iface)
            avro_value_iface_decref(type->iface);
        if (type->schema)
            avro_schema_decref(type->schema);
    }
    if (c->reader)
        avro_reader_free(c->reader);
    if (c->writer)
        avro_writer_free(c->writer);
    free(c->scratch);
    free(c);
}

int codec_frame_schema_id(const void *buf, size_t len, int32_t *schema_id)
{
    const unsigned char *p = buf;
    if (!p || len < CODEC_FRAME_HEADER || p[0] != 0)
        return TR_EDECODE;
    *schema_id = (int32_t)((uint32_t)p[1] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 8 |
                           (uint32_t)p[4]);
    return 0;
}

int codec_frame_check(const struct codec_type *type, const void *buf, size_t len, const char **body,
                      size_t *body_len, char *err, size_t errlen)
{
    const unsigned char *p = buf;
    int32_t id;
    if (!p || len < 1 || p[0] != 0) {
        snprintf(err, errlen, "missing magic byte");
        return TR_EDECODE;
    }
    if (codec_frame_schema_id(buf, len, &id) != 0) {
        snprintf(err, errlen, "truncated schema id (%zu bytes)", len);
        return TR_EDECODE;
    }
    if (id != type->id) {
        snprintf(err, errlen, "unknown schema id %" PRId32, id);
        return TR_EDECODE;
    }
    *body = (const char *)p + CODEC_FRAME_HEADER;
    *body_len = len - CODEC_FRAME_HEADER;
    return codec_avro_validate(type->schema, *body, *body_len, err, errlen);
}

int codec_read(codec *c, enum codec_schema which, const void *buf, size_t len, char *err,
               size_t errlen)
{
    struct codec_type *type = &c->types[which];
    const char *body;
    size_t body_len;
    int rc = codec_frame_check(type, buf, len, &body, &body_len, err, errlen);
    if (rc != 0)
        return rc;
    avro_reader_memory_set_source(c->reader, body, (int64_t)body_len);
    if (avro_value_read(c->reader, &type->value) != 0) {
        snprintf(err, errlen, "avro: %s", avro_strerror());
        return TR_EDECODE;
    }
    return 0;
}

int codec_write(codec *c, enum codec_schema which, void **buf, size_t *len)
{
    struct codec_type *type = &c->types[which];
    size_t size;
    *buf = NULL;
    *len = 0;
    if (avro_value_sizeof(&type->value, &size) != 0)
        return TR_EINVAL; /* a value we built is incomplete: a bug in this module */
    unsigned char *out = malloc(CODEC_FRAME_HEADER + size);
    if (!out)
        return TR_ENOMEM;
    uint32_t id = (uint32_t)type->id;
    out[0] = 0;
    out[1] = (unsigned char)(id >> 24);
    out[2] = (unsigned char)(id >> 16);
    out[3] = (unsigned char)(id >> 8);
    out[4] = (unsigned char)id;
    avro_writer_memory_set_dest(c->writer, (const char *)out + CODEC_FRAME_HEADER, (int64_t)size);
    if (avro_value_write(c->writer, &type->value) != 0) {
        free(out);
        return TR_EINVAL;
    }
    *buf = out;
    *len = CODEC_FRAME_HEADER + size;
    return 0;
}
