/* Writing the model file (MODEL_FORMAT.md): the body in format 4 (int8 weights rows with their
 * scales, a one-lookup feature table) or, on request, the previous format 3 (float weights), the
 * header with its checksums, then the bytes parsed into a classifier, so that a trained model and
 * a loaded one are the same bytes and predict the same. */
#include "classify/classify_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct writer {
    unsigned char *buf; /* NULL: only count */
    size_t pos;
};

static void put(struct writer *w, const void *src, size_t n)
{
    if (w->buf && n)
        memcpy(w->buf + w->pos, src, n);
    w->pos += n;
}

static void put_u32(struct writer *w, uint32_t v)
{
    put(w, &v, 4);
}

static void put_u64(struct writer *w, uint64_t v)
{
    put(w, &v, 8);
}

static void put_f64(struct writer *w, double v)
{
    put(w, &v, 8);
}

static void put_pad(struct writer *w, size_t align)
{
    static const unsigned char zero[MODEL_ROW_ALIGN];
    put(w, zero, (align - w->pos % align) % align);
}

static void put_str(struct writer *w, const char *s)
{
    uint32_t n = (uint32_t)strlen(s) + 1;
    put_u32(w, n);
    put(w, s, n);
}

/* Quantise x[0..n) to int8 with one scale (max |x| / 127); returns the scale. */
static float quantise(const float *x, size_t n, int8_t *q)
{
    float mx = 0;
    for (size_t i = 0; i < n; i++)
        mx = fabsf(x[i]) > mx ? fabsf(x[i]) : mx;
    float scale = mx / 127.0f, inv = mx > 0 ? 127.0f / mx : 0;
    for (size_t i = 0; i < n; i++) {
        long v = lrintf(x[i] * inv);
        q[i] = (int8_t)(v > 127 ? 127 : v < -127 ? -127 : v);
    }
    return scale;
}

void model_row_quantise(const float *w, uint32_t k, uint32_t h, unsigned char *row, size_t stride)
{
    memset(row, 0, stride);
    int8_t *q = (int8_t *)(row + MODEL_ROW_HEAD);
    float scale[2] = {quantise(w, k, q), quantise(w + k, h, q + k)};
    memcpy(row, scale, sizeof(scale));
}

/* Everything before the tables: sizes, parameters, metrics, strings, label names. */
static void write_head(struct writer *w, const struct model_parts *m)
{
    const struct classify_train_params *p = m->params;
    const struct classify_train_metrics *x = m->metrics;
    put_u32(w, m->n_labels);
    put_u32(w, m->n_features);
    put_u32(w, m->table_slots);
    put_u32(w, m->oos_index);
    put_f64(w, m->temperature);
    put_f64(w, m->threshold);
    put_u64(w, p->seed);
    put_u32(w, p->epochs);
    put_u32(w, p->min_df);
    put_u32(w, p->char_ngram_min);
    put_u32(w, p->char_ngram_max);
    put_u32(w, p->loss);
    put_u32(w, p->word_ngram_max);
    put_u32(w, p->span_ngram_min);
    put_u32(w, p->span_ngram_max);
    put_u32(w, p->word_pair_window);
    put_u32(w, m->hidden);
    put_f64(w, p->l2);
    put_f64(w, p->learning_rate);
    put_f64(w, p->calib_fraction);
    put_f64(w, p->cost);
    if (m->format == MODEL_FORMAT_INT8) {
        put_f64(w, p->class_weight);
        put_f64(w, p->class_weight_max);
    }
    put_u64(w, x->n_examples);
    put_u64(w, x->n_calib);
    put_u64(w, x->n_features);
    put_f64(w, x->temperature);
    put_f64(w, x->calib_accuracy);
    put_f64(w, x->calib_nll_before);
    put_f64(w, x->calib_nll_after);
    put_f64(w, x->calib_ece_before);
    put_f64(w, x->calib_ece_after);
    put_f64(w, x->train_accuracy);
    if (m->format == MODEL_FORMAT_INT8)
        put_f64(w, x->calib_macro_f1);
    put_str(w, p->model_version ? p->model_version : "unversioned");
    put_str(w, p->oos_label ? p->oos_label : "");
    uint32_t labels_len = 0;
    for (uint32_t i = 0; i < m->n_labels; i++)
        labels_len += (uint32_t)strlen(m->labels[i]) + 1;
    put_u32(w, labels_len);
    for (uint32_t i = 0; i < m->n_labels; i++)
        put(w, m->labels[i], strlen(m->labels[i]) + 1);
    put_pad(w, 8);
}

/* Format 3's tables: keys, values, IDF, biases, hidden-to-class weights, float weights. */
static void write_tables_v3(struct writer *w, const struct model_parts *m)
{
    put(w, m->keys, (size_t)m->table_slots * 8);
    put(w, m->values, (size_t)m->table_slots * 4);
    put_pad(w, 8);
    put(w, m->idf, (size_t)m->n_features * 4);
    put(w, m->bias, (size_t)m->n_labels * 4);
    put(w, m->hidden_bias, (size_t)m->hidden * 4);
    put_pad(w, 8);
    put(w, m->hidden_out, (size_t)m->hidden * m->n_labels * 4);
    put_pad(w, 8);
    put(w, m->weights, (size_t)m->n_features * (m->n_labels + m->hidden) * 4);
    put_pad(w, 8);
}

/* Format 4's feature table: the same keys, each moved to the slot its own low bits name. */
static void write_slots_v4(struct writer *w, const struct model_parts *m)
{
    size_t bytes = (size_t)m->table_slots * sizeof(struct feature_slot);
    if (!w->buf) {
        w->pos += bytes;
        return;
    }
    struct feature_slot *slots = (struct feature_slot *)(w->buf + w->pos);
    memset(slots, 0, bytes);
    uint32_t mask = m->table_slots - 1;
    for (uint32_t s = 0; s < m->table_slots; s++) {
        if (!m->keys[s])
            continue;
        uint32_t at = features_slot4(m->keys[s], mask);
        while (slots[at].key)
            at = (at + 1) & mask;
        slots[at] = (struct feature_slot){.key = m->keys[s],
                                          .value = m->values[s],
                                          .idf = m->idf[m->values[s] & FEAT_INDEX_MASK]};
    }
    w->pos += bytes;
}

static void write_tables_v4(struct writer *w, const struct model_parts *m)
{
    write_slots_v4(w, m);
    put(w, m->bias, (size_t)m->n_labels * 4);
    put(w, m->hidden_bias, (size_t)m->hidden * 4);
    put_pad(w, 8);
    put(w, m->hidden_out, (size_t)m->hidden * m->n_labels * 4);
    put_pad(w, MODEL_ROW_ALIGN);
    size_t width = (size_t)m->n_labels + m->hidden, stride = model_row_stride(width);
    for (size_t f = 0; f < m->n_features; f++) {
        if (w->buf)
            model_row_quantise(m->weights + f * width, m->n_labels, m->hidden, w->buf + w->pos,
                               stride);
        w->pos += stride;
    }
}

static void write_body(struct writer *w, const struct model_parts *m)
{
    write_head(w, m);
    if (m->format == MODEL_FORMAT_INT8)
        write_tables_v4(w, m);
    else
        write_tables_v3(w, m);
}

int model_build(const struct model_parts *parts, classifier **out, char *err, size_t errlen)
{
    struct writer w = {.buf = NULL, .pos = MODEL_HEADER_SIZE};
    write_body(&w, parts);
    size_t len = w.pos;
    unsigned char *blob = calloc(1, len);
    if (!blob) {
        snprintf(err, errlen, "out of memory for a %zu-byte model", len);
        return TR_ENOMEM;
    }
    w.buf = blob;
    w.pos = MODEL_HEADER_SIZE;
    write_body(&w, parts);
    uint32_t version = parts->format, header_size = MODEL_HEADER_SIZE;
    uint64_t body_size = len - MODEL_HEADER_SIZE;
    uint32_t body_crc = tr_crc32(blob + MODEL_HEADER_SIZE, body_size);
    memcpy(blob, MODEL_MAGIC, 8);
    memcpy(blob + 8, &version, 4);
    memcpy(blob + 12, &header_size, 4);
    memcpy(blob + 16, &body_size, 8);
    memcpy(blob + 24, &body_crc, 4);
    uint32_t header_crc = tr_crc32(blob, 28);
    memcpy(blob + 28, &header_crc, 4);
    *out = model_parse(blob, len, err, errlen);
    return *out ? 0 : TR_EINVAL;
}
