/* Prediction: text -> features -> scores (linear model + hidden layer, one pass over the
 * weights rows) -> calibrated probabilities -> top classes. */
#include "classify/classify_internal.h"

#include <math.h>
#include <string.h>

/* y[0..n) += a * x[0..n), in blocks of 8 that the compiler turns into vector instructions. */
static void axpy(float *restrict y, const float *restrict x, float a, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (size_t j = 0; j < 8; j++)
            y[i + j] += a * x[i + j];
    for (; i < n; i++)
        y[i] += a * x[i];
}

void model_scores(const float *weights, const float *bias, const float *hidden_bias,
                  const float *hidden_out, uint32_t k, uint32_t hidden, const uint32_t *idx,
                  const float *val, size_t n, float *acc, float *z)
{
    size_t width = (size_t)k + hidden;
    memset(acc, 0, width * sizeof(float));
    for (size_t j = 0; j < n; j++)
        axpy(acc, weights + (size_t)idx[j] * width, val[j], width);
    memcpy(z, bias, k * sizeof(float));
    axpy(z, acc, 1.0f, k);
    for (uint32_t q = 0; q < hidden; q++) {
        float h = acc[k + q] + hidden_bias[q];
        if (h > 0)
            axpy(z, hidden_out + (size_t)q * k, h, k);
    }
}

/* y[0..n) += a * x[0..n) for int8 x; the compiler vectorises the conversion and the sum. */
static void axpy_q8(float *restrict y, const int8_t *restrict x, float a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        y[i] += a * (float)x[i];
}

/* How far ahead (in features) the scoring pass prefetches a weights row, for the rows that the
 * lookup's own prefetch has not brought in yet. */
#define SCORE_PREFETCH_ROWS 4

void model_scores_q8(const classifier *m, const uint32_t *idx, const float *val, size_t n,
                     float *acc, float *z)
{
    uint32_t k = m->n_labels, hidden = m->hidden;
    size_t stride = m->row_stride;
    memset(acc, 0, ((size_t)k + hidden) * sizeof(float));
    for (size_t j = 0; j < n; j++) {
        if (j + SCORE_PREFETCH_ROWS < n)
            __builtin_prefetch(m->rows + (size_t)idx[j + SCORE_PREFETCH_ROWS] * stride);
        const unsigned char *row = m->rows + (size_t)idx[j] * stride;
        float scale[2];
        memcpy(scale, row, sizeof(scale));
        const int8_t *q = (const int8_t *)(row + MODEL_ROW_HEAD);
        axpy_q8(acc, q, val[j] * scale[0], k);
        if (hidden)
            axpy_q8(acc + k, q + k, val[j] * scale[1], hidden);
    }
    memcpy(z, m->bias, k * sizeof(float));
    axpy(z, acc, 1.0f, k);
    for (uint32_t q = 0; q < hidden; q++) {
        float h = acc[k + q] + m->hidden_bias[q];
        if (h > 0)
            axpy(z, m->hidden_out + (size_t)q * k, h, k);
    }
}

/* Fill scratch->probs with the calibrated probabilities of every label. */
static int predict_probs(const classifier *m, classify_scratch *s, const char *text, size_t len)
{
    int rc = text_tokenize(s, text, len);
    if (!rc)
        rc = features_hash(s, &m->fcfg);
    if (!rc)
        rc = features_vectorize(s, &m->dict);
    if (rc)
        return rc;
    size_t k = m->n_labels, width = k + m->hidden;
    if (width > s->scores_cap) {
        size_t c1 = s->scores_cap, c2 = s->scores_cap;
        if (tr_reserve((void **)&s->scores, &c1, 2 * width, sizeof(float)) ||
            tr_reserve((void **)&s->probs, &c2, width, sizeof(double)))
            return TR_ENOMEM;
        s->scores_cap = c1 / 2 < c2 ? c1 / 2 : c2;
    }
    if (s->n_feat == 0) {
        /* No evidence. The biases alone would not do: the hidden layer's output for an empty
         * vector was never trained and can be confident about anything. */
        for (size_t c = 0; c < k; c++)
            s->probs[c] = 1.0 / (double)k;
        return 0;
    }
    float *z = s->scores, *acc = s->scores + width;
    if (m->format == MODEL_FORMAT_INT8)
        model_scores_q8(m, s->feat, s->val, s->n_feat, acc, z);
    else
        model_scores(m->weights, m->bias, m->hidden_bias, m->hidden_out, m->n_labels, m->hidden,
                     s->feat, s->val, s->n_feat, acc, z);
    double mx = z[0];
    for (size_t c = 1; c < k; c++)
        if (z[c] > mx)
            mx = z[c];
    double sum = 0, inv_t = 1.0 / m->temperature;
    for (size_t c = 0; c < k; c++) {
        s->probs[c] = exp((z[c] - mx) * inv_t);
        sum += s->probs[c];
    }
    for (size_t c = 0; c < k; c++)
        s->probs[c] /= sum;
    return 0;
}

int classifier_predict_probs(const classifier *model, classify_scratch *scratch, const char *text,
                             size_t len, double *probs)
{
    if (!model || !scratch || (!text && len) || !probs)
        return TR_EINVAL;
    int rc = predict_probs(model, scratch, text ? text : "", len);
    if (rc)
        return rc;
    memcpy(probs, scratch->probs, model->n_labels * sizeof(double));
    return 0;
}

int classifier_predict_at(const classifier *model, classify_scratch *scratch, const char *text,
                          size_t len, size_t k, double threshold, struct classify_result *out)
{
    if (!model || !scratch || (!text && len) || !out || k == 0)
        return TR_EINVAL;
    int rc = predict_probs(model, scratch, text ? text : "", len);
    if (rc)
        return rc;
    if (k > CLASSIFY_TOP_MAX)
        k = CLASSIFY_TOP_MAX;
    if (k > model->n_labels)
        k = model->n_labels;
    size_t best[CLASSIFY_TOP_MAX];
    size_t n = 0;
    const double *p = scratch->probs;
    for (size_t c = 0; c < model->n_labels; c++) {
        if (n == k && p[c] <= p[best[n - 1]])
            continue;
        size_t i = n < k ? n++ : n - 1; /* insert, dropping the last when full */
        while (i > 0 && p[best[i - 1]] < p[c]) {
            best[i] = best[i - 1];
            i--;
        }
        best[i] = c;
    }
    out->n = n;
    for (size_t i = 0; i < n; i++) {
        out->top[i].label = model->labels[best[i]];
        out->top[i].confidence = p[best[i]];
    }
    out->out_of_scope = best[0] == model->oos_index || p[best[0]] < threshold;
    return 0;
}

int classifier_predict(const classifier *model, classify_scratch *scratch, const char *text,
                       size_t len, size_t k, struct classify_result *out)
{
    if (!model)
        return TR_EINVAL;
    return classifier_predict_at(model, scratch, text, len, k, model->threshold, out);
}
