/* The model file (MODEL_FORMAT.md): a 32-byte header with magic, format version, body size and
 * checksums, then a body read in place, so that a trained model and a loaded one are the same
 * bytes and predict the same. */
#include "classify/classify_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MODEL_MAX_HIDDEN 1024
#define MODEL_MAX_LABELS 100000
#define MODEL_MAX_BYTES ((size_t)1 << 31)

/* ---- parsing ----------------------------------------------------------------------------------
 */

struct reader {
    const unsigned char *buf;
    size_t pos, len;
    bool bad;
};

static const void *take(struct reader *r, size_t n)
{
    if (r->bad || n > r->len - r->pos) {
        r->bad = true;
        return NULL;
    }
    const void *p = r->buf + r->pos;
    r->pos += n;
    return p;
}

static uint32_t take_u32(struct reader *r)
{
    uint32_t v = 0;
    const void *p = take(r, 4);
    if (p)
        memcpy(&v, p, 4);
    return v;
}

static uint64_t take_u64(struct reader *r)
{
    uint64_t v = 0;
    const void *p = take(r, 8);
    if (p)
        memcpy(&v, p, 8);
    return v;
}

static double take_f64(struct reader *r)
{
    double v = 0;
    const void *p = take(r, 8);
    if (p)
        memcpy(&v, p, 8);
    return v;
}

static void take_pad8(struct reader *r)
{
    (void)take(r, (8 - r->pos % 8) % 8);
}

static const char *take_str(struct reader *r)
{
    uint32_t n = take_u32(r);
    const char *s = take(r, n);
    if (!s || n == 0 || s[n - 1] != '\0') {
        r->bad = true;
        return NULL;
    }
    return s;
}

static void take_pad(struct reader *r, size_t align)
{
    (void)take(r, (align - r->pos % align) % align);
}

static void take_tables_v3(struct reader *r, classifier *m, uint32_t slots)
{
    m->dict.keys = take(r, (size_t)slots * 8);
    m->dict.values = take(r, (size_t)slots * 4);
    take_pad8(r);
    m->dict.idf = take(r, (size_t)m->n_features * 4);
    m->bias = take(r, (size_t)m->n_labels * 4);
    m->hidden_bias = take(r, (size_t)m->hidden * 4);
    take_pad8(r);
    m->hidden_out = take(r, (size_t)m->hidden * m->n_labels * 4);
    take_pad8(r);
    m->weights = take(r, (size_t)m->n_features * (m->n_labels + m->hidden) * 4);
    take_pad8(r);
}

static void take_tables_v4(struct reader *r, classifier *m, uint32_t slots)
{
    m->dict.slots = take(r, (size_t)slots * sizeof(struct feature_slot));
    m->bias = take(r, (size_t)m->n_labels * 4);
    m->hidden_bias = take(r, (size_t)m->hidden * 4);
    take_pad8(r);
    m->hidden_out = take(r, (size_t)m->hidden * m->n_labels * 4);
    take_pad(r, MODEL_ROW_ALIGN);
    m->row_stride = model_row_stride((size_t)m->n_labels + m->hidden);
    m->rows = take(r, (size_t)m->n_features * m->row_stride);
    m->dict.rows = m->rows;
    m->dict.row_stride = m->row_stride;
}

/* Every key's value names a feature below n_features (and, in format 4, its IDF is a number). */
static bool feature_indexes_valid(const classifier *m, uint32_t slots)
{
    for (uint32_t s = 0; s < slots; s++) {
        if (m->dict.slots) {
            const struct feature_slot *fs = &m->dict.slots[s];
            if (fs->key && ((fs->value & FEAT_INDEX_MASK) >= m->n_features || !isfinite(fs->idf)))
                return false;
        } else if (m->dict.keys[s] && (m->dict.values[s] & FEAT_INDEX_MASK) >= m->n_features) {
            return false;
        }
    }
    return true;
}

/* The 32-byte header: magic, checksums, format version, size. False with the reason in err. */
static bool header_check(const unsigned char *blob, size_t len, uint32_t *version_out, char *err,
                         size_t errlen)
{
    if (!tr_little_endian()) {
        snprintf(err, errlen, "model files are little-endian; this host is not");
        return false;
    }
    if (len < MODEL_HEADER_SIZE || memcmp(blob, MODEL_MAGIC, 8) != 0) {
        snprintf(err, errlen, "not a ticket-router model file (bad magic)");
        return false;
    }
    uint32_t version, header_size, body_crc, header_crc;
    uint64_t body_size;
    memcpy(&version, blob + 8, 4);
    memcpy(&header_size, blob + 12, 4);
    memcpy(&body_size, blob + 16, 8);
    memcpy(&body_crc, blob + 24, 4);
    memcpy(&header_crc, blob + 28, 4);
    if (tr_crc32(blob, 28) != header_crc) {
        snprintf(err, errlen, "model header is corrupted (checksum mismatch)");
        return false;
    }
    if ((version != MODEL_FORMAT_FLOAT && version != MODEL_FORMAT_INT8) ||
        header_size != MODEL_HEADER_SIZE) {
        snprintf(err, errlen,
                 "model format version %u is not supported (this build reads %d and %d); retrain "
                 "the model with this build",
                 version, MODEL_FORMAT_FLOAT, MODEL_FORMAT_INT8);
        return false;
    }
    *version_out = version;
    if (body_size != len - MODEL_HEADER_SIZE) {
        snprintf(err, errlen,
                 "model file is truncated or has trailing bytes (%zu body bytes, "
                 "header says %llu)",
                 len - MODEL_HEADER_SIZE, (unsigned long long)body_size);
        return false;
    }
    if (tr_crc32(blob + MODEL_HEADER_SIZE, body_size) != body_crc) {
        snprintf(err, errlen, "model file is corrupted (body checksum mismatch)");
        return false;
    }
    return true;
}

/* Sizes, parameters, metrics and strings, as written by write_head() in model_write.c. */
static void take_head(struct reader *r, classifier *m, uint32_t *slots)
{
    m->n_labels = take_u32(r);
    m->n_features = take_u32(r);
    *slots = take_u32(r);
    m->oos_index = take_u32(r);
    m->temperature = take_f64(r);
    m->threshold = take_f64(r);
    struct classify_train_params *p = &m->params;
    p->seed = take_u64(r);
    p->epochs = take_u32(r);
    p->min_df = take_u32(r);
    p->char_ngram_min = take_u32(r);
    p->char_ngram_max = take_u32(r);
    p->loss = take_u32(r);
    p->word_ngram_max = take_u32(r);
    p->span_ngram_min = take_u32(r);
    p->span_ngram_max = take_u32(r);
    p->word_pair_window = take_u32(r);
    m->hidden = take_u32(r);
    p->l2 = take_f64(r);
    p->learning_rate = take_f64(r);
    p->calib_fraction = take_f64(r);
    p->cost = take_f64(r);
    if (m->format == MODEL_FORMAT_INT8) {
        p->class_weight = take_f64(r);
        p->class_weight_max = take_f64(r);
    }
    p->model_format = m->format;
    p->no_char_ngrams = p->char_ngram_max == 0;
    p->no_span_ngrams = p->span_ngram_max == 0;
    p->no_word_pairs = p->word_pair_window == 0;
    p->hidden = m->hidden;
    p->no_hidden = m->hidden == 0;
    p->threshold = m->threshold;
    struct classify_train_metrics *x = &m->metrics;
    x->n_examples = take_u64(r);
    x->n_calib = take_u64(r);
    x->n_features = take_u64(r);
    x->temperature = take_f64(r);
    x->calib_accuracy = take_f64(r);
    x->calib_nll_before = take_f64(r);
    x->calib_nll_after = take_f64(r);
    x->calib_ece_before = take_f64(r);
    x->calib_ece_after = take_f64(r);
    x->train_accuracy = take_f64(r);
    if (m->format == MODEL_FORMAT_INT8)
        x->calib_macro_f1 = take_f64(r);
    p->model_version = take_str(r);
    p->oos_label = take_str(r);
    if (p->oos_label && !*p->oos_label)
        p->oos_label = NULL;
}

classifier *model_parse(unsigned char *blob, size_t len, char *err, size_t errlen)
{
    classifier *m = calloc(1, sizeof(*m));
    if (!m) {
        snprintf(err, errlen, "out of memory");
        free(blob);
        return NULL;
    }
    m->blob = blob;
    m->blob_len = len;
    if (!header_check(blob, len, &m->format, err, errlen))
        goto fail;
    struct reader r = {.buf = blob, .pos = MODEL_HEADER_SIZE, .len = len};
    uint32_t slots = 0;
    take_head(&r, m, &slots);
    struct classify_train_params *p = &m->params;
    uint32_t labels_len = take_u32(&r);
    const char *labels = take(&r, labels_len);
    if (r.bad || m->n_labels < 2 || m->n_labels > MODEL_MAX_LABELS || slots == 0 ||
        (slots & (slots - 1)) != 0 || slots <= m->n_features ||
        (m->oos_index != UINT32_MAX && m->oos_index >= m->n_labels) || !(m->temperature > 0) ||
        !isfinite(m->temperature) || !(m->threshold >= 0 && m->threshold <= 1) ||
        p->char_ngram_max < p->char_ngram_min || p->char_ngram_max > 16 ||
        (p->char_ngram_max && !p->char_ngram_min) || p->span_ngram_max < p->span_ngram_min ||
        p->span_ngram_max > 16 || (p->span_ngram_max && !p->span_ngram_min) ||
        p->word_ngram_max < 1 || p->word_ngram_max > 3 || p->word_pair_window > 16 ||
        m->hidden > MODEL_MAX_HIDDEN || labels_len == 0 || labels[labels_len - 1] != '\0') {
        snprintf(err, errlen, "model file has an invalid header section");
        goto fail;
    }
    if (!(m->labels = malloc(m->n_labels * sizeof(char *)))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    size_t off = 0;
    for (uint32_t i = 0; i < m->n_labels; i++) {
        if (off >= labels_len) {
            snprintf(err, errlen, "model file has fewer label names than labels");
            goto fail;
        }
        m->labels[i] = labels + off;
        off += strlen(labels + off) + 1;
    }
    take_pad8(&r);
    if (m->format == MODEL_FORMAT_INT8)
        take_tables_v4(&r, m, slots);
    else
        take_tables_v3(&r, m, slots);
    if (r.bad || r.pos != len) {
        snprintf(err, errlen, "model file sections do not add up to its size");
        goto fail;
    }
    if (!feature_indexes_valid(m, slots)) {
        snprintf(err, errlen, "model file has a feature index out of range");
        goto fail;
    }
    m->dict.mask = slots - 1;
    m->fcfg.word_max = p->word_ngram_max;
    m->fcfg.char_min = p->char_ngram_min;
    m->fcfg.char_max = p->char_ngram_max;
    m->fcfg.span_min = p->span_ngram_min;
    m->fcfg.span_max = p->span_ngram_max;
    m->fcfg.pair_window = p->word_pair_window;
    return m;
fail:
    classifier_free(m);
    return NULL;
}

/* ---- files ------------------------------------------------------------------------------------
 */

classifier *classifier_load(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open model %s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    unsigned char *blob = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "model %s is not a regular file", path);
        goto fail;
    }
    size_t len = (size_t)st.st_size;
    if (len > MODEL_MAX_BYTES) {
        snprintf(err, errlen, "model %s is too large (%zu bytes)", path, len);
        goto fail;
    }
    if (!(blob = malloc(len ? len : 1))) {
        snprintf(err, errlen, "out of memory for model %s (%zu bytes)", path, len);
        goto fail;
    }
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, blob + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            snprintf(err, errlen, "cannot read model %s: %s", path,
                     n < 0 ? strerror(errno) : "file shrank while reading");
            goto fail;
        }
        got += (size_t)n;
    }
    close(fd);
    char why[200];
    classifier *m = model_parse(blob, len, why, sizeof(why));
    if (!m)
        snprintf(err, errlen, "refusing model %s: %s", path, why);
    return m;
fail:
    close(fd);
    free(blob);
    return NULL;
}

int classifier_save(const classifier *model, const char *path, char *err, size_t errlen)
{
    if (!model || !path) {
        snprintf(err, errlen, "no model or path");
        return TR_EINVAL;
    }
    char tmp[4096];
    if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
        snprintf(err, errlen, "model path too long");
        return TR_EINVAL;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
        return TR_EIO;
    }
    size_t done = 0;
    while (done < model->blob_len) {
        ssize_t n = write(fd, model->blob + done, model->blob_len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
            close(fd);
            unlink(tmp);
            return TR_EIO;
        }
        done += (size_t)n;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        snprintf(err, errlen, "cannot flush %s: %s", tmp, strerror(errno));
        unlink(tmp);
        return TR_EIO;
    }
    if (rename(tmp, path) != 0) {
        snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
        unlink(tmp);
        return TR_EIO;
    }
    return 0;
}

void classifier_free(classifier *model)
{
    if (!model)
        return;
    free(model->labels);
    free(model->blob);
    free(model);
}

/* ---- accessors --------------------------------------------------------------------------------
 */

const char *classifier_version(const classifier *model)
{
    return model->params.model_version;
}

size_t classifier_n_labels(const classifier *model)
{
    return model->n_labels;
}

const char *classifier_label(const classifier *model, size_t i)
{
    return i < model->n_labels ? model->labels[i] : NULL;
}

int classifier_label_index(const classifier *model, const char *label)
{
    for (uint32_t i = 0; i < model->n_labels; i++)
        if (strcmp(model->labels[i], label) == 0)
            return (int)i;
    return -1;
}

double classifier_threshold(const classifier *model)
{
    return model->threshold;
}

const struct classify_train_params *classifier_params(const classifier *model)
{
    return &model->params;
}

const struct classify_train_metrics *classifier_metrics(const classifier *model)
{
    return &model->metrics;
}

size_t classifier_size_bytes(const classifier *model)
{
    return model->blob_len;
}

classifier *classifier_load_bytes(const void *bytes, size_t len, char *err, size_t errlen)
{
    if (!bytes || len > MODEL_MAX_BYTES) {
        snprintf(err, errlen, "refusing model: %s", bytes ? "too large" : "no bytes");
        return NULL;
    }
    unsigned char *blob = malloc(len ? len : 1);
    if (!blob) {
        snprintf(err, errlen, "out of memory for a model of %zu bytes", len);
        return NULL;
    }
    memcpy(blob, bytes, len);
    char why[200];
    classifier *m = model_parse(blob, len, why, sizeof(why));
    if (!m)
        snprintf(err, errlen, "refusing model: %s", why);
    return m;
}
