/* Training, the whole: labels, features (train_features.c), then two models trained side by
 * side, one without the calibration slice, whose logits on the slice fit the temperatures, and
 * the final one on everything, which keeps them. Each is a linear model (train_linear.c) and,
 * unless disabled, a one-hidden-layer network on the same features (train_mlp.c), averaged in
 * log-probability (the linear scores at their own fitted temperature). */
#include "classify/train_internal.h"

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
#define TRAIN_DEFAULT_HIDDEN 32
#define TRAIN_MAX_HIDDEN 1024
#define TRAIN_DEFAULT_CALIB 0.1
#define TRAIN_DEFAULT_COST 1.0

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

/* ---- labels, weights, measures ----------------------------------------------------------- */

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

/* The class with the highest of k logits (the first of equals). */
static uint32_t logits_argmax(const double *z, uint32_t k)
{
    uint32_t best = 0;
    for (uint32_t c = 1; c < k; c++)
        if (z[c] > z[best])
            best = c;
    return best;
}

/* Macro-F1 of the argmax of logits (n x k) against y: the mean F1 of the classes that occur in y
 * or are predicted, as `eval` reports it. */
static double macro_f1(const double *logits, const uint32_t *y, size_t n, uint32_t k)
{
    size_t *cnt = calloc(3 * (size_t)k, sizeof(size_t)); /* support, predicted, correct */
    if (!cnt)
        return 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t best = logits_argmax(logits + i * k, k);
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

/* ---- the models ------------------------------------------------------------------------- */

static void *sgd_run(void *arg)
{
    struct sgd_job *job = arg;
    train_linear(job);
    if (!job->rc && job->p->hidden)
        job->rc = train_mlp(job);
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
        train_scores(ds, i, w, b, 1.0, k, acc, logits + r * k);
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

/* Everything a training run holds, released by train_state_clear() on every path. */
struct train_state {
    struct classify_train_params p;
    struct classify_train_metrics metrics;
    classify_scratch *s;
    struct dict_build dict;
    struct dataset ds;
    const char **labels;
    uint32_t n_labels;
    bool *calib; /* the calibration slice */
    size_t n, n_calib;
    float *class_w;
    struct sgd_job jobs[2]; /* [0]: the final model on everything; [1]: without the slice */
    struct combined models[2];
};

static void train_state_clear(struct train_state *st)
{
    classify_scratch_free(st->s);
    dict_build_clear(&st->dict);
    dataset_clear(&st->ds);
    free(st->labels);
    free(st->calib);
    free(st->class_w);
    for (int j = 0; j < 2; j++) {
        free(st->jobs[j].w);
        free(st->jobs[j].b);
        free(st->jobs[j].w1);
        free(st->jobs[j].b1);
        free(st->jobs[j].w2);
        free(st->jobs[j].b2);
        combined_clear(&st->models[j]);
    }
}

/* The arguments and the resolved parameters; TR_EINVAL with the reason in err. */
static int train_check(const struct classify_example *examples, size_t n,
                       const struct classify_train_params *params, struct classify_train_params *p,
                       char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++)
        if (!examples[i].label || !*examples[i].label) {
            snprintf(err, errlen, "example %zu has no label", i + 1);
            return TR_EINVAL;
        }
    params_resolve(params, p);
    if (p->char_ngram_min > p->char_ngram_max || p->char_ngram_max > 8 ||
        p->span_ngram_min > p->span_ngram_max || p->span_ngram_max > 8 || p->word_ngram_max > 3 ||
        p->word_pair_window > 16 || p->calib_fraction >= 0.5 || p->loss > CLASSIFY_LOSS_OVR_HINGE ||
        p->hidden > TRAIN_MAX_HIDDEN || !(p->class_weight <= 4) || p->class_weight_max < 1 ||
        (p->model_format != MODEL_FORMAT_FLOAT && p->model_format != MODEL_FORMAT_INT8)) {
        snprintf(err, errlen,
                 "invalid parameters (character n-grams 1..8, word n-grams 1..3, word pairs "
                 "0..16, calibration < 0.5, loss, hidden units 0..1024, class weight power 0..4 "
                 "and cap >= 1, model format 3 or 4)");
        return TR_EINVAL;
    }
    return 0;
}

/* Labels, features, the calibration slice and the class weights. */
static int train_prepare(struct train_state *st, const struct classify_example *examples, char *err,
                         size_t errlen)
{
    const struct classify_train_params *p = &st->p;
    size_t n = st->n;
    struct feature_config fcfg = {.word_max = p->word_ngram_max,
                                  .char_min = p->char_ngram_min,
                                  .char_max = p->char_ngram_max,
                                  .span_min = p->span_ngram_min,
                                  .span_max = p->span_ngram_max,
                                  .pair_window = p->word_pair_window};
    int rc;
    if (!(st->s = classify_scratch_new()) || !(st->ds.y = malloc(n * sizeof(uint32_t))) ||
        !(st->calib = calloc(n, sizeof(bool))))
        return TR_ENOMEM;
    if ((rc = labels_index(examples, n, &st->labels, &st->n_labels, st->ds.y)))
        return rc;
    if (st->n_labels < 2) {
        snprintf(err, errlen, "need at least 2 distinct labels");
        return TR_EINVAL;
    }
    if ((rc = train_features(examples, n, &fcfg, &st->p.min_df, st->n_labels + p->hidden, st->s,
                             &st->dict, &st->ds, err, errlen)))
        return rc;
    if ((rc = split_holdout_idx(st->ds.y, n, st->n_labels, p->calib_fraction, p->seed ^ 0xca11b,
                                st->calib)))
        return rc;
    for (size_t i = 0; i < n; i++)
        st->n_calib += st->calib[i];
    st->class_w = class_weights(st->ds.y, n, st->n_labels, p->class_weight, p->class_weight_max);
    return st->class_w ? 0 : TR_ENOMEM;
}

/* Train both models, then combine each: the linear part at its fitted temperature's share. */
static int train_models(struct train_state *st, char *err, size_t errlen)
{
    const struct classify_train_params *p = &st->p;
    size_t n_calib = st->n_calib;
    for (int j = 0; j < 2; j++)
        st->jobs[j] = (struct sgd_job){.ds = &st->ds,
                                       .class_w = st->class_w,
                                       .skip = j ? st->calib : NULL,
                                       .n_features = st->dict.n_features,
                                       .n_labels = st->n_labels,
                                       .p = p,
                                       .seed = p->seed + (uint64_t)j * 7919};
    int rc = run_jobs(st->jobs, n_calib ? 2 : 1, p->threads);
    if (rc) {
        snprintf(err, errlen, "out of memory while training");
        return rc;
    }
    /* With the network, the linear scores enter at their own fitted temperature (their share
     * of the averaged log-probabilities); the temperature of the sum is fitted afterwards. */
    double lin_scale = 1.0;
    if (n_calib && p->hidden) {
        uint32_t *calib_y = malloc(n_calib * sizeof(uint32_t));
        double *logits = calib_y ? logits_of(&st->ds, st->calib, n_calib, st->jobs[1].w,
                                             st->jobs[1].b, st->n_labels, calib_y)
                                 : NULL;
        if (logits)
            lin_scale = calibrate_temperature(logits, calib_y, n_calib, st->n_labels);
        free(logits);
        free(calib_y);
        if (!logits)
            return TR_ENOMEM;
    }
    if (p->hidden)
        lin_scale = (1.0 - TRAIN_MLP_MIX) / lin_scale;
    for (int j = 0; j < (n_calib ? 2 : 1); j++)
        if (combine(&st->jobs[j], lin_scale, &st->models[j]))
            return TR_ENOMEM;
    return 0;
}

/* The temperature and the calibration figures from the calibration model's logits on the
 * slice, and the final model's accuracy on its own training data. */
static int train_measure(struct train_state *st)
{
    size_t n = st->n, n_calib = st->n_calib;
    uint32_t k = st->n_labels;
    struct classify_train_metrics *m = &st->metrics;
    *m = (struct classify_train_metrics){
        .n_examples = n, .n_calib = n_calib, .n_features = st->dict.n_features, .temperature = 1.0};
    uint32_t *y = malloc((n ? n : 1) * sizeof(uint32_t));
    double *logits = NULL;
    if (y && n_calib &&
        (logits =
             logits_of_model(&st->ds, st->calib, n_calib, &st->models[1], k, st->p.hidden, y))) {
        m->temperature = calibrate_temperature(logits, y, n_calib, k);
        calibrate_measure(logits, y, n_calib, k, 1.0, &m->calib_nll_before, &m->calib_ece_before,
                          &m->calib_accuracy);
        calibrate_measure(logits, y, n_calib, k, m->temperature, &m->calib_nll_after,
                          &m->calib_ece_after, NULL);
        m->calib_macro_f1 = macro_f1(logits, y, n_calib, k);
        free(logits);
    } else if (n_calib) {
        free(y);
        return TR_ENOMEM;
    }
    if (!y || !(logits = logits_of_model(&st->ds, NULL, n, &st->models[0], k, st->p.hidden, y))) {
        free(y);
        return TR_ENOMEM;
    }
    size_t right = 0;
    for (size_t i = 0; i < n; i++) {
        right += logits_argmax(logits + i * k, k) == y[i];
    }
    m->train_accuracy = (double)right / (double)n;
    free(logits);
    free(y);
    return 0;
}

static int train_build(const struct train_state *st, classifier **out, char *err, size_t errlen)
{
    const struct classify_train_params *p = &st->p;
    uint32_t oos_index = UINT32_MAX;
    for (uint32_t c = 0; p->oos_label && c < st->n_labels; c++)
        if (strcmp(st->labels[c], p->oos_label) == 0)
            oos_index = c;
    struct model_parts parts = {
        .params = p,
        .metrics = &st->metrics,
        .labels = st->labels,
        .n_labels = st->n_labels,
        .oos_index = oos_index,
        .temperature = st->metrics.temperature,
        .threshold = p->threshold,
        .n_features = st->dict.n_features,
        .table_slots = st->dict.slots,
        .keys = st->dict.keys,
        .values = st->dict.values,
        .idf = st->dict.idf,
        .hidden = p->hidden,
        .format = p->model_format,
        .bias = st->models[0].bias,
        .weights = st->models[0].weights,
        .hidden_bias = st->models[0].hidden_bias,
        .hidden_out = st->models[0].hidden_out,
    };
    return model_build(&parts, out, err, errlen);
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
    struct train_state st = {.n = n};
    int rc = train_check(examples, n, params, &st.p, err, errlen);
    if (rc)
        return rc;
    if (!(rc = train_prepare(&st, examples, err, errlen)) &&
        !(rc = train_models(&st, err, errlen)) && !(rc = train_measure(&st)))
        rc = train_build(&st, out, err, errlen);
    if (rc == TR_ENOMEM && err && errlen && !*err)
        snprintf(err, errlen, "out of memory");
    train_state_clear(&st);
    return rc;
}
