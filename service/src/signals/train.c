/* Training: one logistic model per signal over the shared hashed features, by AdaGrad SGD, with
 * Platt calibration fitted on out-of-fold scores (k rounds, each trained without one fold). */
#include "signals/signals_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void signals_train_params_default(struct signals_train_params *params)
{
    memset(params, 0, sizeof(*params));
    params->seed = 1;
    params->hash_bits = 17;
    params->epochs = 12;
    params->l2 = 1e-5;
    params->pos_weight = 0.5;
    params->folds = 4;
    params->max_false_alarm = 0.003;
    for (int k = 0; k < SIGNALS_N; k++)
        params->threshold[k] = 0.5;
}

/* The examples as features, with each signal's target and weight. */
struct data {
    size_t n;
    size_t *off, *len; /* features of example i: idx/val[off[i] .. off[i] + len[i]) */
    size_t *ntok;      /* of which the first ntok[i] are stem features, the rest patterns' */
    uint32_t *idx;
    float *val;
    size_t n_feat, cap_feat;
    signed char (*y)[SIGNALS_N]; /* 1, 0, or -1 when the example says nothing of the signal */
    double (*w)[SIGNALS_N];      /* training weight (rebalanced) */
    double (*cw)[SIGNALS_N];     /* calibration weight (as given) */
    unsigned *fold;
};

static void data_clear(struct data *d)
{
    free(d->off);
    free(d->len);
    free(d->ntok);
    free(d->idx);
    free(d->val);
    free(d->y);
    free(d->w);
    free(d->cw);
    free(d->fold);
}

static uint64_t next_rand(uint64_t *s)
{
    uint64_t x = (*s += UINT64_C(0x9e3779b97f4a7c15));
    x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

static int featurize(const signals_model *model, const struct signals_example *ex, size_t n,
                     struct data *d, char *err, size_t errlen)
{
    static const char *const langs[] = {SIGNALS_LANGS};
    int rc = TR_ENOMEM;
    text_analyzer *az =
        text_analyzer_new(langs, sizeof(langs) / sizeof(langs[0]), NULL, err, errlen);
    text_doc *doc = text_doc_new();
    if (!az || !doc)
        goto done;
    for (size_t i = 0; i < n; i++) {
        const char *lang = ex[i].lang && ex[i].lang[0] ? ex[i].lang : NULL;
        rc = text_analyze(az, lang, ex[i].text, ex[i].len, doc);
        if (rc) {
            snprintf(err, errlen, "example %zu: %s", i + 1,
                     rc == TR_ETOOBIG ? "text too long" : "cannot analyse the text");
            goto done;
        }
        size_t need = d->n_feat + 2 * text_doc_n_tokens(doc) + 2 * model->n_patterns + 16;
        size_t cap = d->cap_feat;
        if (tr_reserve((void **)&d->idx, &cap, need, sizeof(*d->idx)) ||
            tr_reserve((void **)&d->val, &d->cap_feat, need, sizeof(*d->val))) {
            rc = TR_ENOMEM;
            goto done;
        }
        struct signals_sink sink = {.mask = (1u << model->hash_bits) - 1,
                                    .idx = d->idx + d->n_feat,
                                    .val = d->val + d->n_feat,
                                    .cap = need - d->n_feat};
        struct signals_hits hits;
        signals_features(model, doc, &sink, &hits);
        d->off[i] = d->n_feat;
        d->len[i] = sink.n;
        d->ntok[i] = sink.n_token_feats;
        d->n_feat += sink.n;
    }
    rc = 0;
done:
    if (rc == TR_ENOMEM)
        snprintf(err, errlen, "out of memory");
    text_doc_free(doc);
    text_analyzer_free(az);
    return rc;
}

/* Train weights and bias on the examples whose fold is not skip (skip = folds: all). */
static int fit(const struct data *d, const struct signals_train_params *p, unsigned skip,
               unsigned hash_bits, float *weights, float *bias)
{
    size_t nw = ((size_t)1 << hash_bits) * SIGNALS_N;
    float *g2 = calloc(nw, sizeof(float));
    size_t *order = malloc(2 * d->n * sizeof(*order));
    if (!g2 || !order) {
        free(g2);
        free(order);
        return TR_ENOMEM;
    }
    memset(weights, 0, nw * sizeof(float));
    double gb[SIGNALS_N] = {0};
    for (int k = 0; k < SIGNALS_N; k++)
        bias[k] = 0;
    size_t m = 0;
    /* Every example is seen whole, and those with pattern features also as their patterns
     * alone (at half weight): a curated pattern must carry a text whose other words the
     * training set never saw, so the model may not lean on the stems alone. */
    for (size_t i = 0; i < d->n; i++)
        if (d->fold[i] != skip) {
            order[m++] = 2 * i;
            if (d->len[i] > d->ntok[i])
                order[m++] = 2 * i + 1;
        }
    uint64_t rs = p->seed * 7919 + skip;
    const double lr = 0.4;
    for (unsigned e = 0; e < p->epochs; e++) {
        for (size_t i = m; i > 1; i--) {
            size_t j = (size_t)(next_rand(&rs) % i);
            size_t t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        for (size_t o = 0; o < m; o++) {
            size_t i = order[o] / 2;
            bool patterns_only = order[o] & 1;
            size_t first = patterns_only ? d->ntok[i] : 0;
            const uint32_t *idx = d->idx + d->off[i] + first;
            const float *val = d->val + d->off[i] + first;
            size_t nf = d->len[i] - first;
            double vw = patterns_only ? 0.5 : 1.0;
            double z[SIGNALS_N], g[SIGNALS_N];
            for (int k = 0; k < SIGNALS_N; k++)
                z[k] = bias[k];
            for (size_t f = 0; f < nf; f++) {
                const float *w = weights + (size_t)idx[f] * SIGNALS_N;
                for (int k = 0; k < SIGNALS_N; k++)
                    z[k] += (double)w[k] * val[f];
            }
            for (int k = 0; k < SIGNALS_N; k++) {
                g[k] = d->y[i][k] < 0 ? 0 : (signals_sigmoid(z[k]) - d->y[i][k]) * d->w[i][k] * vw;
                if (g[k] != 0) {
                    gb[k] += g[k] * g[k];
                    bias[k] -= (float)(lr * g[k] / sqrt(gb[k] + 1e-8));
                }
            }
            for (size_t f = 0; f < nf; f++) {
                size_t base = (size_t)idx[f] * SIGNALS_N;
                for (int k = 0; k < SIGNALS_N; k++) {
                    if (g[k] == 0)
                        continue;
                    double gk = g[k] * val[f] + p->l2 * weights[base + k];
                    g2[base + k] += (float)(gk * gk);
                    weights[base + k] -= (float)(lr * gk / sqrt((double)g2[base + k] + 1e-8));
                }
            }
        }
    }
    free(g2);
    free(order);
    return 0;
}

static double logit_of(const struct data *d, size_t i, const float *weights, const float *bias,
                       int k)
{
    double z = bias[k];
    for (size_t f = 0; f < d->len[i]; f++)
        z += (double)weights[(size_t)d->idx[d->off[i] + f] * SIGNALS_N + k] * d->val[d->off[i] + f];
    return z;
}

/* Platt scaling: a, b minimising the weighted log loss of sigmoid(a z + b) against Platt's
 * smoothed targets, by Newton's method. */
static void platt_fit(const double *z, const signed char *y, const double *w, size_t n,
                      double *out_a, double *out_b)
{
    double np = 0, nn = 0;
    for (size_t i = 0; i < n; i++)
        if (y[i] == 1)
            np += w[i];
        else
            nn += w[i];
    double tp = (np + 1) / (np + 2), tn = 1 / (nn + 2);
    double a = 1, b = 0;
    for (int it = 0; it < 100; it++) {
        double g1 = 0, g2 = 0, h11 = 1e-9, h12 = 0, h22 = 1e-9;
        for (size_t i = 0; i < n; i++) {
            double t = y[i] == 1 ? tp : tn;
            double pr = signals_sigmoid(a * z[i] + b);
            double r = (pr - t) * w[i], s = pr * (1 - pr) * w[i];
            g1 += r * z[i];
            g2 += r;
            h11 += s * z[i] * z[i];
            h12 += s * z[i];
            h22 += s;
        }
        double det = h11 * h22 - h12 * h12;
        if (det <= 0)
            break;
        double da = (h22 * g1 - h12 * g2) / det, db = (h11 * g2 - h12 * g1) / det;
        a -= da;
        b -= db;
        if (fabs(da) < 1e-9 && fabs(db) < 1e-9)
            break;
    }
    *out_a = a;
    *out_b = b;
}

/* The lowest threshold (0.05..0.95 by 0.01) whose weighted false alarms among the negatives'
 * out-of-fold scores stay within max_fa. */
static double auto_threshold(const signals_model *model, int k, const double *z,
                             const signed char *y, const double *w, size_t n, double max_fa)
{
    double neg = 0;
    for (size_t i = 0; i < n; i++)
        if (y[i] != 1)
            neg += w[i];
    for (int step = 5; step < 95; step++) {
        double t = step / 100.0, fa = 0;
        for (size_t i = 0; i < n; i++)
            if (y[i] != 1 && signals_sigmoid(model->platt_a[k] * z[i] + model->platt_b[k]) >= t)
                fa += w[i];
        if (fa <= max_fa * neg)
            return t;
    }
    return 0.95;
}

static int check(const struct signals_example *ex, size_t n, const struct signals_train_params *p,
                 char *err, size_t errlen)
{
    if (!ex || n == 0 || !p) {
        snprintf(err, errlen, "no examples");
        return TR_EINVAL;
    }
    if (p->hash_bits < 12 || p->hash_bits > 22 || p->folds < 2 || p->epochs == 0) {
        snprintf(err, errlen, "hash_bits must be 12..22, folds >= 2 and epochs >= 1");
        return TR_EINVAL;
    }
    size_t pos[SIGNALS_N] = {0}, neg[SIGNALS_N] = {0};
    for (size_t i = 0; i < n; i++) {
        if (!ex[i].text ||
            (ex[i].kind != SIGNALS_ALL && (ex[i].kind < 0 || ex[i].kind >= SIGNALS_N)) ||
            (ex[i].label != 0 && ex[i].label != 1) || !(ex[i].weight > 0) ||
            (ex[i].kind == SIGNALS_ALL && ex[i].label != 0)) {
            snprintf(err, errlen,
                     "example %zu: want a text, a signal (or all with label 0), label 0 or 1 and "
                     "a weight > 0",
                     i + 1);
            return TR_EINVAL;
        }
        if (ex[i].len > TEXT_MAX_BYTES) {
            snprintf(err, errlen, "example %zu: text over %d bytes", i + 1, TEXT_MAX_BYTES);
            return TR_ETOOBIG;
        }
        for (int k = 0; k < SIGNALS_N; k++)
            if (ex[i].kind == SIGNALS_ALL || ex[i].kind == k)
                (ex[i].label ? pos : neg)[k]++;
    }
    for (int k = 0; k < SIGNALS_N; k++)
        if (!pos[k] || !neg[k]) {
            snprintf(err, errlen, "signal %s needs at least one positive and one negative example",
                     signals_name(k));
            return TR_EINVAL;
        }
    return 0;
}

int signals_train(const struct signals_example *examples, size_t n,
                  const struct signals_train_params *params, signals_model **out,
                  struct signals_train_metrics *metrics, char *err, size_t errlen)
{
    struct signals_train_params p;
    signals_train_params_default(&p);
    if (params) {
        p = *params;
        if (!p.hash_bits)
            p.hash_bits = 17;
        if (!p.epochs)
            p.epochs = 12;
        if (!(p.l2 > 0))
            p.l2 = 1e-5;
        if (!(p.pos_weight > 0))
            p.pos_weight = 0.5;
        if (!p.folds)
            p.folds = 4;
        if (!(p.max_false_alarm > 0))
            p.max_false_alarm = 0.003;
        for (int k = 0; k < SIGNALS_N; k++)
            if (p.threshold[k] > 1)
                p.threshold[k] = 1;
    }
    if (!out) {
        snprintf(err, errlen, "no place for the model");
        return TR_EINVAL;
    }
    *out = NULL;
    int rc = check(examples, n, &p, err, errlen);
    if (rc)
        return rc;
    struct data d = {.n = n};
    double *oof = NULL, *cz = NULL, *cwk = NULL;
    signed char *cy = NULL;
    float *tmp_w = NULL;
    signals_model *model = signals_model_alloc(p.hash_bits, p.model_version, p.patterns,
                                               p.patterns ? p.patterns_len : 0);
    if (!model)
        goto nomem;
    if ((rc = signals_patterns_compile(model, err, errlen)))
        goto fail;
    d.off = calloc(n, sizeof(*d.off));
    d.len = calloc(n, sizeof(*d.len));
    d.ntok = calloc(n, sizeof(*d.ntok));
    d.y = calloc(n, sizeof(*d.y));
    d.w = calloc(n, sizeof(*d.w));
    d.cw = calloc(n, sizeof(*d.cw));
    d.fold = calloc(n, sizeof(*d.fold));
    oof = calloc(n * SIGNALS_N, sizeof(*oof));
    cz = calloc(n, sizeof(*cz));
    cwk = calloc(n, sizeof(*cwk));
    cy = calloc(n, sizeof(*cy));
    tmp_w = malloc(((size_t)1 << p.hash_bits) * SIGNALS_N * sizeof(float));
    if (!d.off || !d.len || !d.ntok || !d.y || !d.w || !d.cw || !d.fold || !oof || !cz || !cwk ||
        !cy || !tmp_w)
        goto nomem;
    if ((rc = featurize(model, examples, n, &d, err, errlen)))
        goto fail;

    /* Targets, and positives weighed up to pos_weight of the negatives when they are fewer. */
    double wp[SIGNALS_N] = {0}, wn[SIGNALS_N] = {0};
    uint64_t rs = p.seed;
    for (size_t i = 0; i < n; i++) {
        d.fold[i] = (unsigned)(next_rand(&rs) % p.folds);
        for (int k = 0; k < SIGNALS_N; k++) {
            bool applies = examples[i].kind == SIGNALS_ALL || examples[i].kind == k;
            d.y[i][k] = applies ? (signed char)examples[i].label : -1;
            d.cw[i][k] = applies ? examples[i].weight : 0;
            if (applies)
                (examples[i].label ? wp : wn)[k] += examples[i].weight;
        }
    }
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < SIGNALS_N; k++) {
            double s =
                d.y[i][k] == 1 && wp[k] < p.pos_weight * wn[k] ? p.pos_weight * wn[k] / wp[k] : 1.0;
            d.w[i][k] = d.cw[i][k] * s;
        }

    float tmp_b[SIGNALS_N];
    for (unsigned f = 0; f < p.folds; f++) {
        if (fit(&d, &p, f, p.hash_bits, tmp_w, tmp_b))
            goto nomem;
        for (size_t i = 0; i < n; i++)
            if (d.fold[i] == f)
                for (int k = 0; k < SIGNALS_N; k++)
                    oof[i * SIGNALS_N + k] = logit_of(&d, i, tmp_w, tmp_b, k);
    }
    if (fit(&d, &p, p.folds, p.hash_bits, model->weights, model->bias))
        goto nomem;
    if (metrics)
        memset(metrics, 0, sizeof(*metrics));
    for (int k = 0; k < SIGNALS_N; k++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (d.y[i][k] >= 0) {
                cz[m] = oof[i * SIGNALS_N + k];
                cy[m] = d.y[i][k];
                cwk[m] = d.cw[i][k];
                m++;
            }
        platt_fit(cz, cy, cwk, m, &model->platt_a[k], &model->platt_b[k]);
        model->threshold[k] = p.threshold[k] > 0
                                  ? p.threshold[k]
                                  : auto_threshold(model, k, cz, cy, cwk, m, p.max_false_alarm);
        if (!metrics)
            continue;
        size_t tp = 0, fp = 0;
        for (size_t i = 0; i < m; i++) {
            bool fired = signals_sigmoid(model->platt_a[k] * cz[i] + model->platt_b[k]) >=
                         model->threshold[k];
            if (cy[i] == 1) {
                metrics->n_pos[k]++;
                tp += fired;
            } else {
                metrics->n_neg[k]++;
                fp += fired;
            }
        }
        metrics->platt_a[k] = model->platt_a[k];
        metrics->platt_b[k] = model->platt_b[k];
        metrics->oof_recall[k] = metrics->n_pos[k] ? (double)tp / (double)metrics->n_pos[k] : 0;
        metrics->oof_false_alarm[k] =
            metrics->n_neg[k] ? (double)fp / (double)metrics->n_neg[k] : 0;
    }
    rc = 0;
    *out = model;
    model = NULL;
    goto done;
nomem:
    snprintf(err, errlen, "out of memory");
    rc = TR_ENOMEM;
fail:
done:
    signals_free(model);
    data_clear(&d);
    free(oof);
    free(cz);
    free(cwk);
    free(cy);
    free(tmp_w);
    return rc;
}
