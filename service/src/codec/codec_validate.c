/* codec_validate: a bounds-checked walk over one Avro datum before avro-c reads it.
 * avro-c trusts the lengths and counts it reads (a negative string length makes it write before
 * its buffer, a huge one asks malloc for terabytes), so hostile bytes are refused here first. */
#include "codec/codec_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cursor {
    const unsigned char *start, *p, *end;
    char *err;
    size_t errlen;
};

static int fail(struct cursor *cur, const char *what)
{
    snprintf(cur->err, cur->errlen, "avro: %s at byte %td", what, cur->p - cur->start);
    return TR_EDECODE;
}

static int read_long(struct cursor *cur, int64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (cur->p >= cur->end)
            return fail(cur, "truncated");
        unsigned b = *cur->p++;
        if (shift == 63 && b > 1)
            return fail(cur, "varint too long");
        v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            *out = (int64_t)(v >> 1) ^ -(int64_t)(v & 1); /* zigzag */
            return 0;
        }
    }
    return fail(cur, "varint too long");
}

static size_t remaining(const struct cursor *cur)
{
    return (size_t)(cur->end - cur->p);
}

static int skip(struct cursor *cur, int64_t n, const char *what)
{
    if (n < 0)
        return fail(cur, what);
    if ((uint64_t)n > remaining(cur))
        return fail(cur, "truncated");
    cur->p += n;
    return 0;
}

static int walk(struct cursor *cur, avro_schema_t schema);

static int walk_blocks(struct cursor *cur, avro_schema_t items, bool is_map)
{
    for (;;) {
        int64_t count, size;
        if (read_long(cur, &count) != 0)
            return TR_EDECODE;
        if (count == 0)
            return 0;
        if (count < 0) {
            if (count == INT64_MIN)
                return fail(cur, "bad block count");
            count = -count;
            if (read_long(cur, &size) != 0)
                return TR_EDECODE;
            if (size < 0 || (uint64_t)size > remaining(cur))
                return fail(cur, "bad block size");
        }
        /* Every item of our schemas takes at least one byte, so a larger count is a lie. */
        if ((uint64_t)count > remaining(cur))
            return fail(cur, "block count beyond the data");
        for (int64_t i = 0; i < count; i++) {
            int64_t klen;
            if (is_map && (read_long(cur, &klen) != 0 || skip(cur, klen, "bad key length") != 0))
                return TR_EDECODE;
            if (walk(cur, items) != 0)
                return TR_EDECODE;
        }
    }
}

static int walk(struct cursor *cur, avro_schema_t schema)
{
    int64_t v;
    switch (avro_typeof(schema)) {
    case AVRO_NULL:
        return 0;
    case AVRO_BOOLEAN:
        if (cur->p >= cur->end)
            return fail(cur, "truncated");
        if (*cur->p > 1)
            return fail(cur, "bad boolean");
        cur->p++;
        return 0;
    case AVRO_INT32:
        if (read_long(cur, &v) != 0)
            return TR_EDECODE;
        return v < INT32_MIN || v > INT32_MAX ? fail(cur, "int out of range") : 0;
    case AVRO_INT64:
        return read_long(cur, &v);
    case AVRO_FLOAT:
        return skip(cur, 4, "float");
    case AVRO_DOUBLE:
        return skip(cur, 8, "double");
    case AVRO_STRING:
    case AVRO_BYTES:
        if (read_long(cur, &v) != 0)
            return TR_EDECODE;
        return skip(cur, v, "negative length");
    case AVRO_FIXED:
        return skip(cur, avro_schema_fixed_size(schema), "fixed");
    case AVRO_ENUM:
        if (read_long(cur, &v) != 0)
            return TR_EDECODE;
        if (v < 0 || v >= avro_schema_enum_number_of_symbols(schema))
            return fail(cur, "enum symbol out of range");
        return 0;
    case AVRO_UNION:
        if (read_long(cur, &v) != 0)
            return TR_EDECODE;
        if (v < 0 || (uint64_t)v >= avro_schema_union_size(schema))
            return fail(cur, "union branch out of range");
        return walk(cur, avro_schema_union_branch(schema, (int)v));
    case AVRO_RECORD: {
        size_t n = avro_schema_record_size(schema);
        for (size_t i = 0; i < n; i++) {
            if (walk(cur, avro_schema_record_field_get_by_index(schema, (int)i)) != 0)
                return TR_EDECODE;
        }
        return 0;
    }
    case AVRO_ARRAY:
        return walk_blocks(cur, avro_schema_array_items(schema), false);
    case AVRO_MAP:
        return walk_blocks(cur, avro_schema_map_values(schema), true);
    case AVRO_LINK:
        return walk(cur, avro_schema_link_target(schema));
    }
    return fail(cur, "unsupported schema type");
}

int codec_avro_validate(avro_schema_t schema, const char *body, size_t len, char *err,
                        size_t errlen)
{
    struct cursor cur = {.start = (const unsigned char *)body,
                         .p = (const unsigned char *)body,
                         .end = (const unsigned char *)body + len,
                         .err = err,
                         .errlen = errlen};
    if (walk(&cur, schema) != 0)
        return TR_EDECODE;
    if (cur.p != cur.end) {
        snprintf(err, errlen, "avro: %zu bytes of trailing garbage", remaining(&cur));
        return TR_EDECODE;
    }
    return 0;
}

const char *codec_utf8_repair(char **scratch, size_t *cap, const char *s, size_t n)
{
    if (tr_utf8_is_valid(s, n))
        return s;
    if (*cap < n + 1) {
        char *grown = realloc(*scratch, n + 1);
        if (!grown)
            return NULL;
        *scratch = grown;
        *cap = n + 1;
    }
    char *out = *scratch;
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        size_t seq = b < 0x80             ? 1
                     : (b & 0xE0) == 0xC0 ? 2
                     : (b & 0xF0) == 0xE0 ? 3
                     : (b & 0xF8) == 0xF0 ? 4
                                          : 0;
        if (seq && seq <= n - i && tr_utf8_is_valid(s + i, seq)) {
            memcpy(out + i, s + i, seq);
            i += seq;
        } else {
            out[i++] = '?';
        }
    }
    out[n] = '\0';
    return out;
}
