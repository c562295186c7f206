/* Training: feature dictionary and IDF from the data, then a linear model by SGD, with the
 * multiclass hinge loss (Crammer-Singer, the default: 0.5-1 point better on intents here) or the
 * multinomial logistic loss, L2 regularisation (weights kept as scale * v so that the decay is O(1)
 * per step) and averaging of the end-of-epoch weights over the second half of the epochs; then,
 * unless disabled, a one-hidden-layer network on the same features, averaged with the linear
 * model in log-probability (the linear scores at their own fitted temperature). Two models are
 * trained side by side: one without the calibration slice, whose logits on the slice fit the
 * temperatures, and the final one on everything, which keeps them. */
#include "classify/classify_internal.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRAIN_DEFAULT_EPOCHS 20
#define TRAIN_DEFAULT_L2 1e-4
#define TRAIN_DEFAULT_LR 0.5
#define TRAIN_DEFAULT_MIN_DF 2
#define TRAIN_DEFAULT_CHAR_MIN 2
#define TRAIN_DEFAULT_CHAR_MAX 5
#define TRAIN_DEFAULT_SPAN_MIN 1
#define TRAIN_DEFAULT_SPAN_MAX 5
#define TRAIN_DEFAULT_WORD_MAX 3
#define TRAIN_DEFAULT_PAIR_WINDOW 8
/* The one-hidden-layer network: units, passes of SGD, initial step (decaying linearly to 0), and
 * its share of the averaged log-probabilities (the rest is the linear model's, at its own fitted
 * temperature). */
#define TRAIN_DEFAULT_HIDDEN 32
#define TRAIN_MLP_EPOCHS 10
#define TRAIN_MLP_LR 0.05
#define TRAIN_MLP_MIX 0.4
#define TRAIN_MAX_HIDDEN 1024
/* The weights (features x labels x 4 bytes) are kept under this by raising min_df for the rarest
 * features, so that the model file stays well under the 50 MB target. */
#define TRAIN_WEIGHTS_BUDGET_BYTES (40u * 1000 * 1000)
#define TRAIN_DEFAULT_CALIB 0.1
#define TRAIN_DEFAULT_COST 1.0
/* A class whose gradient is smaller than this is not updated for the example: with a peaked
 * softmax most of the 77..150 classes are, and skipping them halves training time. */
#define TRAIN_GRAD_SKIP 1e-5

void classify_train_params_default(struct classify_train_params *p)
{
    *p = (struct classify_train_params){
        .seed = 1,
        .model_version = NULL,
        .oos_label = NULL,
        .threshold = CLASSIFY_DEFAULT_THRESHOLD,
        .epochs = TRAIN_DEFAULT_EPOCHS,
        .l2 = TRAIN_DEFAULT_L2,
        .learning_rate = TRAIN_DEFAULT_LR,
        .min_df = TRAIN_DEFAULT_MIN_DF,
        .char_ngram_min = TRAIN_DEFAULT_CHAR_MIN,
        .char_ngram_max = TRAIN_DEFAULT_CHAR_MAX,
        .span_ngram_min = TRAIN_DEFAULT_SPAN_MIN,
        .span_ngram_max = TRAIN_DEFAULT_SPAN_MAX,
        .word_ngram_max = TRAIN_DEFAULT_WORD_MAX,
        .word_pair_window = TRAIN_DEFAULT_PAIR_WINDOW,
        .no_span_ngrams = true,
        .calib_fraction = TRAIN_DEFAULT_CALIB,
        .threads = 2,
        .loss = CLASSIFY_LOSS_HINGE,
        .cost = TRAIN_DEFAULT_COST,
        .hidden = TRAIN_DEFAULT_HIDDEN,
        .class_weight = CLASSIFY_DEFAULT_CLASS_WEIGHT,
        .class_weight_max = CLASSIFY_DEFAULT_CLASS_WEIGHT_MAX,
        .model_format = MODEL_FORMAT_INT8,
    };
}

static void params_resolve(const struct classify_train_params *in, struct classify_train_params *p)
{
    struct classify_train_params d;
    classify_train_params_default(&d);
    *p = *in;
    if (!p->model_version)
        p->model_version = "unversioned";
    if (p->threshold <= 0)
        p->threshold = d.threshold;
    if (!p->epochs)
        p->epochs = d.epochs;
    if (!(p->l2 > 0))
        p->l2 = d.l2;
    if (!(p->learning_rate > 0))
        p->learning_rate = d.learning_rate;
    if (!p->min_df)
        p->min_df = d.min_df;
    if (!p->char_ngram_min || !p->char_ngram_max) {
        p->char_ngram_min = d.char_ngram_min;
        p->char_ngram_max = d.char_ngram_max;
    }
    if (!p->span_ngram_min || !p->span_ngram_max) {
        p->span_ngram_min = d.span_ngram_min;
        p->span_ngram_max = d.span_ngram_max;
    }
    if (!p->word_ngram_max)
        p->word_ngram_max = d.word_ngram_max;
    if (p->no_word_pairs)
        p->word_pair_window = 0;
    else if (!p->word_pair_window)
        p->word_pair_window = d.word_pair_window;
    if (p->no_char_ngrams)
        p->char_ngram_min = p->char_ngram_max = 0;
    if (p->no_span_ngrams)
        p->span_ngram_min = p->span_ngram_max = 0;
    if (!(p->calib_fraction > 0))
        p->calib_fraction = d.calib_fraction;
    if (!p->threads)
        p->threads = d.threads;
    if (!(p->cost > 0))
        p->cost = d.cost;
    if (p->no_hidden)
        p->hidden = 0;
    else if (!p->hidden)
        p->hidden = d.hidden;
    if (p->class_weight < 0)
        p->class_weight = d.class_weight;
    if (!(p->class_weight_max > 0))
        p->class_weight_max = d.class_weight_max;
    if (!p->model_format)
        p->model_format = d.model_format;
}

/* ---- the data set as sparse vectors ------------------------------------------------------------
 */

static void dataset_clear(struct dataset *ds)
{
    free(ds->y);
    free(ds->row);
    free(ds->idx);
    free(ds->val);
    memset(ds, 0, sizeof(*ds));
}

/* Raw keys of every text, back to back. */
struct raw_keys {
    uint64_t *keys;
    size_t n_keys, cap;
    size_t *start; /* n + 1 */
};

/* Counting table: key -> document frequency. */
struct df_table {
    uint64_t *keys;
    uint32_t *df, *last_doc;
    size_t cap, used;
};

static uint64_t slot_hash(uint64_t key)
{
    key ^= key >> 33;
    key *= UINT64_C(0xff51afd7ed558ccd);
    key ^= key >> 33;
    return key;
}

static int df_grow(struct df_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1 << 16;
    uint64_t *keys = calloc(cap, sizeof(uint64_t));
    uint32_t *df = calloc(cap, sizeof(uint32_t));
    uint32_t *last = calloc(cap, sizeof(uint32_t));
    if (!keys || !df || !last) {
        free(keys);
        free(df);
        free(last);
        return TR_ENOMEM;
    }
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->keys[i])
            continue;
        size_t s = slot_hash(t->keys[i]) & (cap - 1);
        while (keys[s])
            s = (s + 1) & (cap - 1);
        keys[s] = t->keys[i];
        df[s] = t->df[i];
        last[s] = t->last_doc[i];
    }
    free(t->keys);
    free(t->df);
    free(t->last_doc);
    t->keys = keys;
    t->df = df;
    t->last_doc = last;
    t->cap = cap;
    return 0;
}

static int df_add(struct df_table *t, uint64_t key, uint32_t doc)
{
    if (2 * (t->used + 1) > t->cap && df_grow(t))
        return TR_ENOMEM;
    size_t s = slot_hash(key) & (t->cap - 1);
    while (t->keys[s] && t->keys[s] != key)
        s = (s + 1) & (t->cap - 1);
    if (!t->keys[s]) {
        t->keys[s] = key;
        t->df[s] = 1;
        t->last_doc[s] = doc;
        t->used++;
    } else if (t->last_doc[s] != doc) {
        t->df[s]++;
        t->last_doc[s] = doc;
    }
    return 0;
}

/* The model's feature table, built from the counts. */
struct dict_build {
    uint64_t *keys;
    uint32_t *values;
    float *idf;
    uint32_t slots, n_features;
};

static size_t df_kept(const struct df_table *t, unsigned min_df)
{
    size_t kept = 0;
    for (size_t i = 0; i < t->cap; i++)
        kept += t->keys[i] && t->df[i] >= min_df;
    return kept;
}

/* Keep the features seen in at least *min_df documents, raising *min_df while the weights would
 * exceed TRAIN_WEIGHTS_BUDGET_BYTES with width weights per feature (classes + hidden units). */
static int dict_from_df(const struct df_table *t, size_t n_docs, unsigned *min_df, uint32_t width,
                        struct dict_build *d)
{
    size_t kept = df_kept(t, *min_df);
    while (kept > 0 && kept * width * sizeof(float) > TRAIN_WEIGHTS_BUDGET_BYTES)
        kept = df_kept(t, ++*min_df);
    if (kept >= FEAT_INDEX_MASK / 2)
        return TR_ETOOBIG;
    size_t slots = 16;
    while (slots < 2 * kept + 1)
        slots *= 2;
    d->keys = calloc(slots, sizeof(uint64_t));
    d->values = calloc(slots, sizeof(uint32_t));
    d->idf = malloc((kept ? kept : 1) * sizeof(float));
    if (!d->keys || !d->values || !d->idf)
        return TR_ENOMEM;
    d->slots = (uint32_t)slots;
    struct feature_dict view = {.keys = d->keys, .values = d->values, .mask = d->slots - 1};
    uint32_t idx = 0;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->keys[i] || t->df[i] < *min_df)
            continue;
        uint64_t key = t->keys[i];
        uint32_t s = features_slot(key, view.mask);
        while (d->keys[s])
            s = (s + 1) & view.mask;
        d->keys[s] = key;
        d->values[s] = idx | ((key & FEAT_BLOCK_CHAR) ? FEAT_VALUE_CHAR : 0);
        d->idf[idx] = (float)(log((1.0 + (double)n_docs) / (1.0 + t->df[i])) + 1.0);
        idx++;
    }
    d->n_features = idx;
    return 0;
}

static void dict_build_clear(struct dict_build *d)
{
    free(d->keys);
    free(d->values);
    free(d->idf);
    memset(d, 0, sizeof(*d));
}

static int raw_keys_collect(const struct classify_example *ex, size_t n,
                            const struct feature_config *fcfg, classify_scratch *s,
                            struct raw_keys *raw, struct df_table *df, char *err, size_t errlen)
{
    if (!(raw->start = malloc((n + 1) * sizeof(size_t))))
        return TR_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        raw->start[i] = raw->n_keys;
        int rc = text_tokenize(s, ex[i].text ? ex[i].text : "", ex[i].text ? ex[i].len : 0);
        if (!rc)
            rc = features_hash(s, fcfg);
        if (rc) {
            snprintf(err, errlen, "example %zu: %s", i + 1,
                     rc == TR_ETOOBIG ? "text over the size limit" : "out of memory");
            return rc;
        }
        if (tr_reserve((void **)&raw->keys, &raw->cap, raw->n_keys + s->n_keys, sizeof(uint64_t)))
            return TR_ENOMEM;
        memcpy(raw->keys + raw->n_keys, s->keys, s->n_keys * sizeof(uint64_t));
        raw->n_keys += s->n_keys;
        for (size_t j = 0; j < s->n_keys; j++)
            if (df_add(df, s->keys[j], (uint32_t)i))
                return TR_ENOMEM;
    }
    raw->start[n] = raw->n_keys;
    return 0;
}

static int dataset_build(const struct raw_keys *raw, size_t n, const struct feature_dict *dict,
                         classify_scratch *s, struct dataset *ds)
{
    ds->n = n;
    size_t cap = 0;
    if (!(ds->row = malloc((n + 1) * sizeof(size_t))))
        return TR_ENOMEM;
    size_t nnz = 0;
    for (size_t i = 0; i < n; i++) {
        size_t nk = raw->start[i + 1] - raw->start[i];
        if (tr_reserve((void **)&s->keys, &s->keys_cap, nk ? nk : 1, sizeof(uint64_t)))
            return TR_ENOMEM;
        memcpy(s->keys, raw->keys + raw->start[i], nk * sizeof(uint64_t));
        s->n_keys = nk;
        if (features_vectorize(s, dict))
            return TR_ENOMEM;
        size_t c2 = cap;
        if (tr_reserve((void **)&ds->idx, &cap, nnz + s->n_feat + 1, sizeof(uint32_t)) ||
            tr_reserve((void **)&ds->val, &c2, nnz + s->n_feat + 1, sizeof(float)))
            return TR_ENOMEM;
        ds->row[i] = nnz;
        memcpy(ds->idx + nnz, s->feat, s->n_feat * sizeof(uint32_t));
        memcpy(ds->val + nnz, s->val, s->n_feat * sizeof(float));
        nnz += s->n_feat;
    }
    ds->row[n] = nnz;
    return 0;
}

/* ---- SGD
 * ----------------------------------------------------------------------------------------- */

struct sgd_job {
    const struct dataset *ds;
    const bool *skip; /* NULL: use every example */
    uint32_t n_features, n_labels;
    const struct classify_train_params *p;
    uint64_t seed;
    const float *class_w;     /* weight of an example of each class in the loss */
    float *w, *b;             /* results: n_features x n_labels, n_labels */
    float *w1, *b1, *w2, *b2; /* the network: n_features x H, H, H x n_labels, n_labels */
    int rc;
};

static void scores_compute(const struct dataset *ds, size_t i, const float *w, const float *b,
                           double scale, uint32_t k, float *acc, double *z)
{
    memset(acc, 0, k * sizeof(float));
    for (size_t j = ds->row[i]; j < ds->row[i + 1]; j++) {
        const float *row = w + (size_t)ds->idx[j] * k;
        float v = ds->val[j];
        for (uint32_t c = 0; c < k; c++)
            acc[c] += v * row[c];
    }
    for (uint32_t c = 0; c < k; c++)
        z[c] = b[c] + scale * acc[c];
}

static void *cd_run(struct sgd_job *job)
{
    size_t fk = (size_t)job->n_features * job->n_labels;
    job->w = calloc(fk ? fk : 1, sizeof(float));
    job->b = calloc(job->n_labels, sizeof(float));
    job->rc = TR_ENOMEM;
    if (job->w && job->b)
        job->rc = dual_cd_train(job->ds, job->skip, job->n_features, job->n_labels, job->p->loss,
                                job->p->cost, job->seed, job->w, job->b);
    return NULL;
}

static void *linear_run(struct sgd_job *job)
{
    if (job->p->loss == CLASSIFY_LOSS_OVR_SQHINGE || job->p->loss == CLASSIFY_LOSS_OVR_HINGE)
        return cd_run(job);
    const struct dataset *ds = job->ds;
    uint32_t k = job->n_labels;
    size_t fk = (size_t)job->n_features * k;
    size_t *order = malloc((ds->n ? ds->n : 1) * sizeof(size_t));
    float *w = calloc(fk ? fk : 1, sizeof(float));
    float *avg = calloc(fk ? fk : 1, sizeof(float));
    double *b = calloc(k, sizeof(double));
    double *bavg = calloc(k, sizeof(double));
    float *bf = calloc(k, sizeof(float));
    float *acc = malloc(k * sizeof(float));
    double *z = malloc(k * sizeof(double));
    float *g = malloc(k * sizeof(float));
    uint32_t *active = malloc(k * sizeof(uint32_t));
    job->rc = TR_ENOMEM;
    if (!order || !w || !avg || !b || !bavg || !bf || !acc || !z || !g || !active)
        goto out;
    size_t n = 0;
    for (size_t i = 0; i < ds->n; i++)
        if (!job->skip || !job->skip[i])
            order[n++] = i;
    uint64_t rng = job->seed;
    double lr = job->p->learning_rate, l2 = job->p->l2, scale = 1.0;
    uint64_t t = 0;
    unsigned epochs = job->p->epochs, averaged = 0;
    for (unsigned e = 0; e < epochs; e++) {
        for (size_t i = n; i > 1; i--) {
            size_t j = (size_t)(split_rand(&rng) % i);
            size_t tmp = order[i - 1];
            order[i - 1] = order[j];
            order[j] = tmp;
        }
        for (size_t o = 0; o < n; o++, t++) {
            size_t i = order[o];
            double eta = lr / (1.0 + lr * l2 * (double)t);
            for (uint32_t c = 0; c < k; c++)
                bf[c] = (float)b[c];
            scores_compute(ds, i, w, bf, scale, k, acc, z);
            double mx = z[0], sum = 0;
            for (uint32_t c = 1; c < k; c++)
                if (z[c] > mx)
                    mx = z[c];
            for (uint32_t c = 0; c < k; c++)
                sum += (z[c] = exp(z[c] - mx));
            uint32_t n_active = 0;
            if (job->p->loss == CLASSIFY_LOSS_HINGE) {
                /* Crammer-Singer: push the true class above the best other one by a margin. */
                uint32_t y = ds->y[i], other = y == 0 ? 1 : 0;
                for (uint32_t c = 0; c < k; c++)
                    if (c != y && z[c] > z[other])
                        other = c;
                if (1.0 - (log(z[y]) - log(z[other])) > 0) {
                    float cw = job->class_w[y];
                    g[y] = -cw;
                    g[other] = cw;
                    b[y] += eta * cw;
                    b[other] -= eta * cw;
                    active[n_active++] = y;
                    active[n_active++] = other;
                }
            } else {
                for (uint32_t c = 0; c < k; c++) {
                    double grad =
                        job->class_w[ds->y[i]] * (z[c] / sum - (c == ds->y[i] ? 1.0 : 0.0));
                    b[c] -= eta * grad;
                    if (fabs(grad) > TRAIN_GRAD_SKIP) {
                        g[c] = (float)grad;
                        active[n_active++] = c;
                    }
                }
            }
            scale *= 1.0 - eta * l2;
            float coef = (float)(eta / scale);
            for (size_t j = ds->row[i]; j < ds->row[i + 1]; j++) {
                float *row = w + (size_t)ds->idx[j] * k;
                float step = coef * ds->val[j];
                for (uint32_t a = 0; a < n_active; a++)
                    row[active[a]] -= step * g[active[a]];
            }
            if (scale < 1e-6) {
                for (size_t x = 0; x < fk; x++)
                    w[x] *= (float)scale;
                scale = 1.0;
            }
        }
        if (2 * (e + 1) > epochs) { /* second half: average the end-of-epoch weights */
            for (size_t x = 0; x < fk; x++)
                avg[x] += (float)scale * w[x];
            for (uint32_t c = 0; c < k; c++)
                bavg[c] += b[c];
            averaged++;
        }
    }
    for (size_t x = 0; x < fk; x++)
        avg[x] /= (float)averaged;
    for (uint32_t c = 0; c < k; c++)
        bf[c] = (float)(bavg[c] / averaged);
    job->w = avg;
    avg = NULL; /* the job owns it now */
    job->b = bf;
    bf = NULL;
    job->rc = 0;
out:
    free(order);
    free(w);
    free(avg);
    free(b);
    free(bavg);
    free(bf);
    free(acc);
    free(z);
    free(g);
    free(active);
    return NULL;
}

/* ---- labels ------------------------------------------------------------------------------------
 */

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted distinct labels and each example's label index. */
static int labels_index(const struct classify_example *ex, size_t n, const char ***labels,
                        uint32_t *n_labels, uint32_t *y)
{
    const char **l = malloc(n * sizeof(char *));
    if (!l)
        return TR_ENOMEM;
    for (size_t i = 0; i < n; i++)
        l[i] = ex[i].label;
    qsort(l, n, sizeof(char *), cmp_str_ptr);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || strcmp(l[u - 1], l[i]) != 0)
            l[u++] = l[i];
    for (size_t i = 0; i < n; i++) {
        const char **hit = bsearch(&ex[i].label, l, u, sizeof(char *), cmp_str_ptr);
        y[i] = (uint32_t)(hit - l);
    }
    *labels = l;
    *n_labels = (uint32_t)u;
    return 0;
}

/* Macro-F1 of the argmax of logits (n x k) against y: the mean F1 of the classes that occur in y
 * or are predicted, as `eval` reports it. */
static double macro_f1(const double *logits, const uint32_t *y, size_t n, uint32_t k)
{
    size_t *cnt = calloc(3 * (size_t)k, sizeof(size_t)); /* support, predicted, correct */
    if (!cnt)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const double *z = logits + i * k;
        uint32_t best = 0;
        for (uint32_t c = 1; c < k; c++)
            if (z[c] > z[best])
                best = c;
        cnt[y[i]]++;
        cnt[k + best]++;
        cnt[2 * (size_t)k + y[i]] += best == y[i];
    }
    double sum = 0;
    size_t classes = 0;
    for (uint32_t c = 0; c < k; c++) {
        size_t support = cnt[c], predicted = cnt[k + c], right = cnt[2 * (size_t)k + c];
        if (!support && !predicted)
            continue;
        classes++;
        if (right)
            sum += 2.0 * (double)right / (double)(support + predicted);
    }
    free(cnt);
    return classes ? sum / (double)classes : 0;
}

/* Weight of each class's examples: (n / (k n_c))^power, scaled so that the examples' mean weight
 * is 1, then capped at max. power 0: all 1. */
static float *class_weights(const uint32_t *y, size_t n, uint32_t k, double power, double max)
{
    float *w = malloc(k * sizeof(float));
    size_t *count = calloc(k, sizeof(size_t));
    if (!w || !count) {
        free(w);
        free(count);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        count[y[i]]++;
    double total = 0;
    for (uint32_t c = 0; c < k; c++) {
        double raw = count[c] ? pow((double)n / ((double)k * (double)count[c]), power) : 1.0;
        w[c] = (float)raw;
        total += raw * (double)count[c];
    }
    for (uint32_t c = 0; c < k; c++) {
        double x = w[c] * ((double)n / total);
        w[c] = (float)(x < max ? x : max);
    }
    free(count);
    return w;
}

/* ---- the whole
 * ------------------------------------------------------------------------------------ */

/* ---- the network ------------------------------------------------------------------------------
 */

static double rand_unit(uint64_t *state)
{
    return ((double)(split_rand(state) >> 11) + 0.5) / 9007199254740992.0;
}

/* One hidden layer of ReLU units over the same sparse vectors, softmax cross-entropy, plain SGD
 * with a step decaying linearly to 0 over TRAIN_MLP_EPOCHS passes (no averaging, no weight
 * decay). The non-linear half of the model: alone about as good as the linear model (0.6 point
 * worse on BANKING77), averaged with it about half a point better than either. */
static int mlp_train(struct sgd_job *job)
{
    const struct dataset *ds = job->ds;
    uint32_t k = job->n_labels, hn = job->p->hidden;
    size_t fh = (size_t)job->n_features * hn;
    float *w1 = malloc((fh ? fh : 1) * sizeof(float));
    float *b1 = calloc(hn, sizeof(float));
    float *w2 = malloc((size_t)hn * k * sizeof(float));
    float *b2 = calloc(k, sizeof(float));
    float *h = malloc(hn * sizeof(float)), *gh = malloc(hn * sizeof(float));
    double *z = malloc(k * sizeof(double));
    size_t *order = malloc((ds->n ? ds->n : 1) * sizeof(size_t));
    int rc = TR_ENOMEM;
    if (!w1 || !b1 || !w2 || !b2 || !h || !gh || !z || !order)
        goto out;
    uint64_t rng = job->seed ^ UINT64_C(0x6d6c70);
    for (size_t i = 0; i < fh; i++)
        w1[i] = (float)((rand_unit(&rng) - 0.5) * 0.2);
    double a2 = sqrt(6.0 / (hn + k)); /* Glorot */
    for (size_t i = 0; i < (size_t)hn * k; i++)
        w2[i] = (float)((rand_unit(&rng) * 2 - 1) * a2);
    size_t n = 0;
    for (size_t i = 0; i < ds->n; i++)
        if (!job->skip || !job->skip[i])
            order[n++] = i;
    double total = (double)n * TRAIN_MLP_EPOCHS, t = 0;
    for (unsigned e = 0; e < TRAIN_MLP_EPOCHS; e++) {
        for (size_t i = n; i > 1; i--) {
            size_t j = (size_t)(split_rand(&rng) % i), tmp = order[i - 1];
            order[i - 1] = order[j];
            order[j] = tmp;
        }
        for (size_t o = 0; o < n; o++, t++) {
            size_t i = order[o];
            float lr = (float)(TRAIN_MLP_LR * (1.0 - t / total));
            memcpy(h, b1, hn * sizeof(float));
            for (size_t j = ds->row[i]; j < ds->row[i + 1]; j++) {
                const float *r = w1 + (size_t)ds->idx[j] * hn;
                float v = ds->val[j];
                for (uint32_t q = 0; q < hn; q++)
                    h[q] += v * r[q];
            }
            for (uint32_t q = 0; q < hn; q++)
                h[q] = h[q] > 0 ? h[q] : 0;
            double mx = -INFINITY, sum = 0;
            for (uint32_t c = 0; c < k; c++) {
                double a = b2[c];
                for (uint32_t q = 0; q < hn; q++)
                    a += h[q] * w2[(size_t)q * k + c];
                z[c] = a;
                if (a > mx)
                    mx = a;
            }
            for (uint32_t c = 0; c < k; c++)
                sum += (z[c] = exp(z[c] - mx));
            memset(gh, 0, hn * sizeof(float));
            for (uint32_t c = 0; c < k; c++) {
                float g =
                    job->class_w[ds->y[i]] * (float)(z[c] / sum - (c == ds->y[i] ? 1.0 : 0.0));
                if (fabsf(g) < (float)TRAIN_GRAD_SKIP)
                    continue;
                for (uint32_t q = 0; q < hn; q++) {
                    gh[q] += g * w2[(size_t)q * k + c];
                    w2[(size_t)q * k + c] -= lr * g * h[q];
                }
                b2[c] -= lr * g;
            }
            for (uint32_t q = 0; q < hn; q++)
                if (h[q] <= 0)
                    gh[q] = 0;
            for (size_t j = ds->row[i]; j < ds->row[i + 1]; j++) {
                float *r = w1 + (size_t)ds->idx[j] * hn;
                float v = lr * ds->val[j];
                for (uint32_t q = 0; q < hn; q++)
                    r[q] -= v * gh[q];
            }
            for (uint32_t q = 0; q < hn; q++)
                b1[q] -= lr * gh[q];
        }
    }
    job->w1 = w1;
    job->b1 = b1;
    job->w2 = w2;
    job->b2 = b2;
    w1 = b1 = w2 = b2 = NULL; /* the job owns them now */
    rc = 0;
out:
    free(w1);
    free(b1);
    free(w2);
    free(b2);
    free(h);
    free(gh);
    free(z);
    free(order);
    return rc;
}

static void *sgd_run(void *arg)
{
    struct sgd_job *job = arg;
    (void)linear_run(job);
    if (!job->rc && job->p->hidden)
        job->rc = mlp_train(job);
    return NULL;
}

/* The model's arrays (as model_parts) from a job: the linear weights times lin_scale, the
 * network's output layer times TRAIN_MLP_MIX, interleaved per feature. */
struct combined {
    float *weights, *bias, *hidden_bias, *hidden_out;
};

static int combine(const struct sgd_job *job, double lin_scale, struct combined *m)
{
    uint32_t k = job->n_labels, hn = job->p->hidden;
    size_t width = (size_t)k + hn, nf = job->n_features;
    m->weights = malloc((nf ? nf : 1) * width * sizeof(float));
    m->bias = malloc(k * sizeof(float));
    m->hidden_bias = malloc((hn ? hn : 1) * sizeof(float));
    m->hidden_out = malloc((hn ? (size_t)hn * k : 1) * sizeof(float));
    if (!m->weights || !m->bias || !m->hidden_bias || !m->hidden_out)
        return TR_ENOMEM;
    for (size_t f = 0; f < nf; f++) {
        float *row = m->weights + f * width;
        for (uint32_t c = 0; c < k; c++)
            row[c] = (float)(lin_scale * job->w[f * k + c]);
        for (uint32_t q = 0; q < hn; q++)
            row[k + q] = job->w1[f * hn + q];
    }
    for (uint32_t c = 0; c < k; c++)
        m->bias[c] = (float)(lin_scale * job->b[c] + (hn ? TRAIN_MLP_MIX * job->b2[c] : 0));
    for (uint32_t q = 0; q < hn; q++)
        m->hidden_bias[q] = job->b1[q];
    for (size_t x = 0; x < (size_t)hn * k; x++)
        m->hidden_out[x] = (float)(TRAIN_MLP_MIX * job->w2[x]);
    return 0;
}

static void combined_clear(struct combined *m)
{
    free(m->weights);
    free(m->bias);
    free(m->hidden_bias);
    free(m->hidden_out);
    memset(m, 0, sizeof(*m));
}

/* Scores of the rows of ds in want (NULL: all) under m, as the loaded model computes them. */
static double *logits_of_model(const struct dataset *ds, const bool *want, size_t n_want,
                               const struct combined *m, uint32_t k, uint32_t hn, uint32_t *y_out)
{
    double *logits = malloc((n_want ? n_want : 1) * k * sizeof(double));
    float *acc = malloc(((size_t)k + hn) * sizeof(float));
    float *z = malloc(k * sizeof(float));
    if (!logits || !acc || !z) {
        free(logits);
        free(acc);
        free(z);
        return NULL;
    }
    size_t r = 0;
    for (size_t i = 0; i < ds->n; i++) {
        if (want && !want[i])
            continue;
        model_scores(m->weights, m->bias, m->hidden_bias, m->hidden_out, k, hn,
                     ds->idx + ds->row[i], ds->val + ds->row[i], ds->row[i + 1] - ds->row[i], acc,
                     z);
        for (uint32_t c = 0; c < k; c++)
            logits[r * k + c] = z[c];
        y_out[r++] = ds->y[i];
    }
    free(acc);
    free(z);
    return logits;
}

static double *logits_of(const struct dataset *ds, const bool *want, size_t n_want, const float *w,
                         const float *b, uint32_t k, uint32_t *y_out)
{
    double *logits = malloc((n_want ? n_want : 1) * k * sizeof(double));
    float *acc = malloc(k * sizeof(float));
    if (!logits || !acc) {
        free(logits);
        free(acc);
        return NULL;
    }
    size_t r = 0;
    for (size_t i = 0; i < ds->n; i++) {
        if (want && !want[i])
            continue;
        scores_compute(ds, i, w, b, 1.0, k, acc, logits + r * k);
        y_out[r++] = ds->y[i];
    }
    free(acc);
    return logits;
}

static int run_jobs(struct sgd_job *jobs, size_t n_jobs, unsigned threads)
{
    if (threads >= 2 && n_jobs == 2) {
        pthread_t th;
        if (pthread_create(&th, NULL, sgd_run, &jobs[1]) == 0) {
            sgd_run(&jobs[0]);
            pthread_join(th, NULL);
            return jobs[0].rc ? jobs[0].rc : jobs[1].rc;
        }
    }
    for (size_t i = 0; i < n_jobs; i++)
        sgd_run(&jobs[i]);
    for (size_t i = 0; i < n_jobs; i++)
        if (jobs[i].rc)
            return jobs[i].rc;
    return 0;
}

int classifier_train(const struct classify_example *examples, size_t n,
                     const struct classify_train_params *params, classifier **out, char *err,
                     size_t errlen)
{
    if (!examples || !params || !out || n < 2) {
        snprintf(err, errlen, "need at least 2 examples");
        return TR_EINVAL;
    }
    *out = NULL;
    if (errlen)
        err[0] = '\0';
    for (size_t i = 0; i < n; i++)
        if (!examples[i].label || !*examples[i].label) {
            snprintf(err, errlen, "example %zu has no label", i + 1);
            return TR_EINVAL;
        }
    struct classify_train_params p;
    params_resolve(params, &p);
    if (p.char_ngram_min > p.char_ngram_max || p.char_ngram_max > 8 ||
        p.span_ngram_min > p.span_ngram_max || p.span_ngram_max > 8 || p.word_ngram_max > 3 ||
        p.word_pair_window > 16 || p.calib_fraction >= 0.5 || p.loss > CLASSIFY_LOSS_OVR_HINGE ||
        p.hidden > TRAIN_MAX_HIDDEN || !(p.class_weight <= 4) || p.class_weight_max < 1 ||
        (p.model_format != MODEL_FORMAT_FLOAT && p.model_format != MODEL_FORMAT_INT8)) {
        snprintf(err, errlen,
                 "invalid parameters (character n-grams 1..8, word n-grams 1..3, word pairs "
                 "0..16, calibration < 0.5, loss, hidden units 0..1024, class weight power 0..4 "
                 "and cap >= 1, model format 3 or 4)");
        return TR_EINVAL;
    }
    int rc = TR_ENOMEM;
    struct feature_config fcfg = {.word_max = p.word_ngram_max,
                                  .char_min = p.char_ngram_min,
                                  .char_max = p.char_ngram_max,
                                  .span_min = p.span_ngram_min,
                                  .span_max = p.span_ngram_max,
                                  .pair_window = p.word_pair_window};
    classify_scratch *s = classify_scratch_new();
    struct raw_keys raw = {0};
    struct df_table df = {0};
    struct dict_build dict = {0};
    struct dataset ds = {0};
    const char **labels = NULL;
    uint32_t n_labels = 0;
    bool *calib = NULL;
    double *logits = NULL;
    uint32_t *calib_y = NULL;
    float *class_w = NULL;
    struct sgd_job jobs[2];
    struct combined models[2];
    memset(jobs, 0, sizeof(jobs));
    memset(models, 0, sizeof(models));
    if (!s || !(ds.y = malloc(n * sizeof(uint32_t))) || !(calib = calloc(n, sizeof(bool))))
        goto out;
    if ((rc = labels_index(examples, n, &labels, &n_labels, ds.y)))
        goto out;
    if (n_labels < 2) {
        snprintf(err, errlen, "need at least 2 distinct labels");
        rc = TR_EINVAL;
        goto out;
    }
    if ((rc = raw_keys_collect(examples, n, &fcfg, s, &raw, &df, err, errlen)))
        goto out;
    if ((rc = dict_from_df(&df, n, &p.min_df, n_labels + p.hidden, &dict))) {
        snprintf(err, errlen, rc == TR_ETOOBIG ? "too many features" : "out of memory");
        goto out;
    }
    free(df.keys);
    free(df.df);
    free(df.last_doc);
    memset(&df, 0, sizeof(df));
    struct feature_dict view = {
        .keys = dict.keys, .values = dict.values, .mask = dict.slots - 1, .idf = dict.idf};
    if ((rc = dataset_build(&raw, n, &view, s, &ds)))
        goto out;
    free(raw.keys);
    free(raw.start);
    memset(&raw, 0, sizeof(raw));

    if ((rc = split_holdout_idx(ds.y, n, n_labels, p.calib_fraction, p.seed ^ 0xca11b, calib)))
        goto out;
    size_t n_calib = 0;
    for (size_t i = 0; i < n; i++)
        n_calib += calib[i];
    /* jobs[0]: the final model on everything; jobs[1]: the calibration model. */
    if (!(class_w = class_weights(ds.y, n, n_labels, p.class_weight, p.class_weight_max)))
        goto out;
    for (int j = 0; j < 2; j++)
        jobs[j] = (struct sgd_job){.ds = &ds,
                                   .class_w = class_w,
                                   .skip = j ? calib : NULL,
                                   .n_features = dict.n_features,
                                   .n_labels = n_labels,
                                   .p = &p,
                                   .seed = p.seed + (uint64_t)j * 7919};
    if ((rc = run_jobs(jobs, n_calib ? 2 : 1, p.threads))) {
        snprintf(err, errlen, "out of memory while training");
        goto out;
    }

    struct classify_train_metrics metrics = {
        .n_examples = n, .n_calib = n_calib, .n_features = dict.n_features, .temperature = 1.0};
    rc = TR_ENOMEM;
    /* With the network, the linear scores enter at their own fitted temperature (their share
     * of the averaged log-probabilities); the temperature of the sum is fitted afterwards. */
    double lin_scale = 1.0;
    if (n_calib && p.hidden) {
        if (!(calib_y = malloc(n_calib * sizeof(uint32_t))) ||
            !(logits = logits_of(&ds, calib, n_calib, jobs[1].w, jobs[1].b, n_labels, calib_y)))
            goto out;
        lin_scale = calibrate_temperature(logits, calib_y, n_calib, n_labels);
        free(logits);
        free(calib_y);
        logits = NULL;
        calib_y = NULL;
    }
    if (p.hidden)
        lin_scale = (1.0 - TRAIN_MLP_MIX) / lin_scale;
    for (int j = 0; j < (n_calib ? 2 : 1); j++)
        if (combine(&jobs[j], lin_scale, &models[j]))
            goto out;
    if (n_calib) {
        if (!(calib_y = malloc(n_calib * sizeof(uint32_t))) ||
            !(logits =
                  logits_of_model(&ds, calib, n_calib, &models[1], n_labels, p.hidden, calib_y)))
            goto out;
        metrics.temperature = calibrate_temperature(logits, calib_y, n_calib, n_labels);
        calibrate_measure(logits, calib_y, n_calib, n_labels, 1.0, &metrics.calib_nll_before,
                          &metrics.calib_ece_before, &metrics.calib_accuracy);
        calibrate_measure(logits, calib_y, n_calib, n_labels, metrics.temperature,
                          &metrics.calib_nll_after, &metrics.calib_ece_after, NULL);
        metrics.calib_macro_f1 = macro_f1(logits, calib_y, n_calib, n_labels);
    }
    free(logits);
    free(calib_y);
    logits = NULL;
    if (!(calib_y = malloc(n * sizeof(uint32_t))) ||
        !(logits = logits_of_model(&ds, NULL, n, &models[0], n_labels, p.hidden, calib_y)))
        goto out;
    size_t right = 0;
    for (size_t i = 0; i < n; i++) {
        const double *z = logits + i * n_labels;
        uint32_t best = 0;
        for (uint32_t c = 1; c < n_labels; c++)
            if (z[c] > z[best])
                best = c;
        right += best == calib_y[i];
    }
    metrics.train_accuracy = (double)right / (double)n;

    uint32_t oos_index = UINT32_MAX;
    for (uint32_t c = 0; p.oos_label && c < n_labels; c++)
        if (strcmp(labels[c], p.oos_label) == 0)
            oos_index = c;
    struct model_parts parts = {
        .params = &p,
        .metrics = &metrics,
        .labels = labels,
        .n_labels = n_labels,
        .oos_index = oos_index,
        .temperature = metrics.temperature,
        .threshold = p.threshold,
        .n_features = dict.n_features,
        .table_slots = dict.slots,
        .keys = dict.keys,
        .values = dict.values,
        .idf = dict.idf,
        .hidden = p.hidden,
        .format = p.model_format,
        .bias = models[0].bias,
        .weights = models[0].weights,
        .hidden_bias = models[0].hidden_bias,
        .hidden_out = models[0].hidden_out,
    };
    rc = model_build(&parts, out, err, errlen);
out:
    if (rc == TR_ENOMEM && err && errlen && !*err)
        snprintf(err, errlen, "out of memory");
    classify_scratch_free(s);
    free(raw.keys);
    free(raw.start);
    free(df.keys);
    free(df.df);
    free(df.last_doc);
    dict_build_clear(&dict);
    dataset_clear(&ds);
    free(labels);
    free(calib);
    free(logits);
    free(calib_y);
    free(class_w);
    for (int j = 0; j < 2; j++) {
        free(jobs[j].w);
        free(jobs[j].b);
        free(jobs[j].w1);
        free(jobs[j].b1);
        free(jobs[j].w2);
        free(jobs[j].b2);
        combined_clear(&models[j]);
    }
    return rc;
}
