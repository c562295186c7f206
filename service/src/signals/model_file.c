/* The model file (docs/signals.md): a 32-byte header with two CRC-32s, then the thresholds,
 * calibration, version, the patterns' text and the weights, all little-endian. */
#include "signals/signals_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

signals_model *signals_model_alloc(unsigned hash_bits, const char *version, const char *patterns,
                                   size_t patterns_len)
{
    signals_model *model = calloc(1, sizeof(*model));
    if (!model)
        return NULL;
    model->hash_bits = hash_bits;
    model->version = strdup(version ? version : "unversioned");
    model->weights = calloc((size_t)1 << hash_bits, SIGNALS_N * sizeof(float));
    model->patterns_src = malloc(patterns_len + 1);
    if (!model->version || !model->weights || !model->patterns_src) {
        signals_free(model);
        return NULL;
    }
    if (patterns_len)
        memcpy(model->patterns_src, patterns, patterns_len);
    model->patterns_src[patterns_len] = '\0';
    model->patterns_len = patterns_len;
    for (int k = 0; k < SIGNALS_N; k++) {
        model->threshold[k] = 0.5;
        model->platt_a[k] = 1.0;
    }
    return model;
}

void signals_free(signals_model *model)
{
    if (!model)
        return;
    signals_patterns_clear(model);
    free(model->version);
    free(model->weights);
    free(model->patterns_src);
    free(model);
}

static size_t pad8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

static size_t weights_bytes(unsigned hash_bits)
{
    return ((size_t)1 << hash_bits) * SIGNALS_N * sizeof(float);
}

/* Everything before the weights, in the body. */
static size_t body_head_bytes(const signals_model *model)
{
    size_t n = 16 + 3 * SIGNALS_N * 8 + pad8(SIGNALS_N * 4);
    n += 4 + strlen(model->version) + 1;
    n += 4 + model->patterns_len;
    return pad8(n);
}

int signals_to_bytes(const signals_model *model, void **bytes, size_t *len)
{
    if (!model || !bytes || !len)
        return TR_EINVAL;
    size_t body = body_head_bytes(model) + weights_bytes(model->hash_bits);
    unsigned char *buf = calloc(1, SIGNALS_HEADER_BYTES + body);
    if (!buf)
        return TR_ENOMEM;
    unsigned char *p = buf + SIGNALS_HEADER_BYTES;
    uint32_t u32[4] = {SIGNALS_N, model->hash_bits, (uint32_t)model->n_patterns, 0};
    memcpy(p, u32, sizeof(u32));
    p += sizeof(u32);
    memcpy(p, model->threshold, sizeof(model->threshold));
    p += sizeof(model->threshold);
    memcpy(p, model->platt_a, sizeof(model->platt_a));
    p += sizeof(model->platt_a);
    memcpy(p, model->platt_b, sizeof(model->platt_b));
    p += sizeof(model->platt_b);
    memcpy(p, model->bias, sizeof(model->bias));
    p += pad8(sizeof(model->bias));
    uint32_t vlen = (uint32_t)strlen(model->version) + 1;
    memcpy(p, &vlen, 4);
    memcpy(p + 4, model->version, vlen);
    p += 4 + vlen;
    uint32_t plen = (uint32_t)model->patterns_len;
    memcpy(p, &plen, 4);
    memcpy(p + 4, model->patterns_src, plen);
    p = buf + SIGNALS_HEADER_BYTES + body_head_bytes(model);
    memcpy(p, model->weights, weights_bytes(model->hash_bits));

    uint32_t version = SIGNALS_FORMAT_VERSION, header = SIGNALS_HEADER_BYTES;
    uint64_t body64 = body;
    memcpy(buf, SIGNALS_MAGIC, 8);
    memcpy(buf + 8, &version, 4);
    memcpy(buf + 12, &header, 4);
    memcpy(buf + 16, &body64, 8);
    uint32_t crc = tr_crc32(buf + SIGNALS_HEADER_BYTES, body);
    memcpy(buf + 24, &crc, 4);
    crc = tr_crc32(buf, 28);
    memcpy(buf + 28, &crc, 4);
    *bytes = buf;
    *len = SIGNALS_HEADER_BYTES + body;
    return 0;
}

int signals_save(const signals_model *model, const char *path, char *err, size_t errlen)
{
    if (!model || !path) {
        snprintf(err, errlen, "no model or path");
        return TR_EINVAL;
    }
    void *bytes = NULL;
    size_t len = 0;
    if (signals_to_bytes(model, &bytes, &len)) {
        snprintf(err, errlen, "out of memory");
        return TR_ENOMEM;
    }
    char tmp[4096];
    if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
        free(bytes);
        snprintf(err, errlen, "path too long");
        return TR_EINVAL;
    }
    FILE *fp = fopen(tmp, "wb");
    int rc = 0;
    if (!fp || fwrite(bytes, 1, len, fp) != len) {
        snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
        rc = TR_EIO;
    }
    if (fp && fclose(fp) != 0 && !rc) {
        snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
        rc = TR_EIO;
    }
    if (!rc && rename(tmp, path) != 0) {
        snprintf(err, errlen, "rename to %s: %s", path, strerror(errno));
        rc = TR_EIO;
    }
    if (rc)
        remove(tmp);
    free(bytes);
    return rc;
}

/* Bounds-checked reader over the body. */
struct reader {
    const unsigned char *p;
    size_t len, pos;
    bool bad;
};

static const void *take(struct reader *r, size_t n)
{
    if (r->bad || n > r->len - r->pos) {
        r->bad = true;
        return NULL;
    }
    const void *at = r->p + r->pos;
    r->pos += n;
    return at;
}

signals_model *signals_load_bytes(const void *bytes, size_t len, char *err, size_t errlen)
{
    const unsigned char *b = bytes;
    if (!bytes) {
        snprintf(err, errlen, "no bytes");
        return NULL;
    }
    if (!tr_little_endian()) {
        snprintf(err, errlen, "signals model files are little-endian; this host is not");
        return NULL;
    }
    if (len < SIGNALS_HEADER_BYTES || memcmp(b, SIGNALS_MAGIC, 8) != 0) {
        snprintf(err, errlen, "not a ticket-router signals model file");
        return NULL;
    }
    uint32_t version, header, crc_body, crc_head;
    uint64_t body;
    memcpy(&version, b + 8, 4);
    memcpy(&header, b + 12, 4);
    memcpy(&body, b + 16, 8);
    memcpy(&crc_body, b + 24, 4);
    memcpy(&crc_head, b + 28, 4);
    if (tr_crc32(b, 28) != crc_head) {
        snprintf(err, errlen, "signals model header is corrupted (checksum)");
        return NULL;
    }
    if (version != SIGNALS_FORMAT_VERSION) {
        snprintf(err, errlen,
                 "signals model format version %u is not supported (this build reads %d); "
                 "retrain the model with this build",
                 version, SIGNALS_FORMAT_VERSION);
        return NULL;
    }
    if (header != SIGNALS_HEADER_BYTES || body != len - SIGNALS_HEADER_BYTES) {
        snprintf(err, errlen,
                 "signals model file is truncated or has trailing bytes (%zu bytes, header says "
                 "%llu)",
                 len, (unsigned long long)(body + SIGNALS_HEADER_BYTES));
        return NULL;
    }
    if (tr_crc32(b + SIGNALS_HEADER_BYTES, (size_t)body) != crc_body) {
        snprintf(err, errlen, "signals model file is corrupted (checksum of the body)");
        return NULL;
    }
    struct reader r = {.p = b + SIGNALS_HEADER_BYTES, .len = (size_t)body};
    uint32_t u32[4];
    double thr[SIGNALS_N], pa[SIGNALS_N], pb[SIGNALS_N];
    float bias[SIGNALS_N];
    const void *at = take(&r, sizeof(u32));
    if (at)
        memcpy(u32, at, sizeof(u32));
    if (r.bad || u32[0] != SIGNALS_N || u32[1] < 12 || u32[1] > 22) {
        snprintf(err, errlen, "signals model file does not add up (signals or hash bits)");
        return NULL;
    }
    if ((at = take(&r, sizeof(thr))))
        memcpy(thr, at, sizeof(thr));
    if ((at = take(&r, sizeof(pa))))
        memcpy(pa, at, sizeof(pa));
    if ((at = take(&r, sizeof(pb))))
        memcpy(pb, at, sizeof(pb));
    if ((at = take(&r, sizeof(bias))))
        memcpy(bias, at, sizeof(bias));
    take(&r, pad8(sizeof(bias)) - sizeof(bias));
    uint32_t vlen = 0, plen = 0;
    if ((at = take(&r, 4)))
        memcpy(&vlen, at, 4);
    const char *ver = take(&r, vlen);
    if ((at = take(&r, 4)))
        memcpy(&plen, at, 4);
    const char *pat = take(&r, plen);
    take(&r, pad8(r.pos) - r.pos);
    const void *weights = take(&r, weights_bytes(u32[1]));
    if (r.bad || vlen == 0 || ver[vlen - 1] != '\0' || r.pos != r.len) {
        snprintf(err, errlen, "signals model file does not add up (sections)");
        return NULL;
    }
    for (int k = 0; k < SIGNALS_N; k++)
        if (!(thr[k] >= 0 && thr[k] <= 1)) {
            snprintf(err, errlen, "signals model file has a threshold outside 0..1");
            return NULL;
        }
    signals_model *model = signals_model_alloc(u32[1], ver, pat, plen);
    if (!model) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    memcpy(model->threshold, thr, sizeof(thr));
    memcpy(model->platt_a, pa, sizeof(pa));
    memcpy(model->platt_b, pb, sizeof(pb));
    memcpy(model->bias, bias, sizeof(bias));
    memcpy(model->weights, weights, weights_bytes(u32[1]));
    if (signals_patterns_compile(model, err, errlen) != 0) {
        signals_free(model);
        return NULL;
    }
    if (model->n_patterns != u32[2]) {
        snprintf(err, errlen, "signals model has %zu patterns, its header says %u",
                 model->n_patterns, u32[2]);
        signals_free(model);
        return NULL;
    }
    return model;
}

signals_model *signals_load(const char *path, char *err, size_t errlen)
{
    char *buf = NULL;
    size_t len = 0;
    if (!path) {
        snprintf(err, errlen, "no path");
        return NULL;
    }
    if (tr_file_read(path, &buf, &len, err, errlen) != 0)
        return NULL; /* it wrote the reason */
    char why[256];
    signals_model *model = signals_load_bytes(buf, len, why, sizeof(why));
    if (!model)
        snprintf(err, errlen, "%s: %s", path, why);
    free(buf);
    return model;
}
