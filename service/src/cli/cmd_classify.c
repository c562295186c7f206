/* The classifier's commands: train, eval, classify. The examples, the evaluation report and
 * train --publish are in model_data.c, model_eval.c and model_publish.c (model_internal.h).
 * See docs/classifier.md. */
#include "classify/classify.h"
#include "cli/cli.h"
#include "cli/model_args.h"
#include "cli/model_internal.h"
#include "common/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* MIN-MAX, or "none" (sets *off). Unset (NULL) leaves everything as it is. */
static int ngrams_parse(const char *arg, const char *name, unsigned *min, unsigned *max, bool *off)
{
    if (!arg)
        return 0;
    if (strcmp(arg, "none") == 0) {
        *off = true;
        return 0;
    }
    if (sscanf(arg, "%u-%u", min, max) != 2 || *min < 1 || *max < *min)
        return cli_usage_error(&MODEL_TRAIN, "%s wants MIN-MAX (e.g. 2-5) or none", name);
    *off = false;
    return 0;
}

/* The training parameters from the options; 0, or 2 after printing a usage error. */
static int train_params(const struct model_opts *o, struct classify_train_params *p)
{
    classify_train_params_default(p);
    if (o->has_seed)
        p->seed = o->seed;
    p->model_version = o->model_version;
    p->oos_label = o->oos_label;
    if (o->threshold >= 0)
        p->threshold = o->threshold;
    p->epochs = o->epochs;
    p->l2 = o->l2;
    p->learning_rate = o->lr;
    p->min_df = o->min_df;
    p->calib_fraction = o->calib;
    if (o->threads)
        p->threads = o->threads;
    p->cost = o->cost;
    if (o->loss) {
        static const char *const LOSSES[] = {"hinge", "logistic", "ovr-sqhinge", "ovr-hinge"};
        size_t l = 0;
        while (l < sizeof(LOSSES) / sizeof(LOSSES[0]) && strcmp(o->loss, LOSSES[l]) != 0)
            l++;
        if (l == sizeof(LOSSES) / sizeof(LOSSES[0]))
            return cli_usage_error(&MODEL_TRAIN,
                                   "--loss must be hinge, logistic, ovr-sqhinge or ovr-hinge");
        p->loss = (unsigned)l;
    }
    p->word_ngram_max = o->word_ngrams;
    if (o->has_class_weight)
        p->class_weight = o->class_weight;
    p->class_weight_max = o->class_weight_max;
    p->model_format = o->model_format;
    if (o->has_hidden) {
        p->hidden = o->hidden;
        p->no_hidden = o->hidden == 0;
    }
    if (o->has_word_pairs) {
        p->word_pair_window = o->word_pairs;
        p->no_word_pairs = o->word_pairs == 0;
    }
    if (ngrams_parse(o->char_ngrams, "--char-ngrams", &p->char_ngram_min, &p->char_ngram_max,
                     &p->no_char_ngrams) ||
        ngrams_parse(o->span_ngrams, "--span-ngrams", &p->span_ngram_min, &p->span_ngram_max,
                     &p->no_span_ngrams))
        return 2;
    return 0;
}

/* Check what train needs and find its database: --pg-dsn (discouraged: the password shows in
 * the process list), else with --config or --publish postgres.dsn from the configuration and
 * the environment, as the other commands read it (cfg keeps the string; the caller clears it).
 * Returns 0, or the exit status after printing why. */
static int train_prepare(struct model_opts *o, struct config *cfg, char *version, size_t len)
{
    if (!o->out)
        return cli_usage_error(&MODEL_TRAIN, "--out MODEL is required");
    bool database = o->pg_dsn || o->config || o->publish;
    if (!o->data && !database)
        return cli_usage_error(&MODEL_TRAIN, "--data FILE --text COLS --label COL is required, "
                                             "or --config FILE to train on the database");
    if (o->data && (!o->text || !o->label))
        return cli_usage_error(&MODEL_TRAIN, "--data requires --text COLS and --label COL");
    if (database && !o->pg_dsn) {
        if (!cli_config_load(o->config, cfg))
            return 2;
        o->pg_dsn = cfg->pg_dsn;
    }
    if (o->publish) {
        if (o->holdout <= 0)
            o->holdout = 0.1; /* measured on a held-out slice before it may replace anything */
        if (!o->model_version) {
            time_t now = time(NULL);
            struct tm tm;
            gmtime_r(&now, &tm);
            strftime(version, len, "%Y%m%d-%H%M%S", &tm);
            o->model_version = version;
        }
    }
    return 0;
}

int cli_train(int argc, char **argv)
{
    struct model_opts o;
    struct config cfg = {0};
    struct classify_train_params p;
    char version[64];
    int status = 2;
    if (!model_opts_parse(&MODEL_TRAIN, argc, argv, &o, &status))
        return status;
    if ((status = train_prepare(&o, &cfg, version, sizeof(version))) != 0 ||
        (status = train_params(&o, &p)) != 0) {
        config_clear(&cfg);
        return status;
    }
    struct model_rows rows = {0};
    struct classify_example *ex = NULL;
    classifier *model = NULL;
    char err[512] = "";
    status = 1;
    if (model_rows_load(&o, true, &rows) != 0)
        goto out;
    struct model_rows held = {0};
    size_t n_all = rows.n;
    if (o.holdout > 0 &&
        model_rows_holdout(&rows, &held, o.holdout, o.has_split_seed ? o.split_seed : p.seed) != 0)
        goto out;
    if (!(ex = malloc(rows.n * sizeof(*ex)))) {
        model_rows_clear(&held);
        goto out;
    }
    for (size_t i = 0; i < rows.n; i++)
        ex[i] = (struct classify_example){rows.text[i], strlen(rows.text[i]), rows.label[i]};
    int64_t t0 = tr_mono_us();
    int rc = classifier_train(ex, rows.n, &p, &model, err, sizeof(err));
    double secs = (double)(tr_mono_us() - t0) / 1e6;
    if (rc == 0)
        rc = classifier_save(model, o.out, err, sizeof(err));
    if (rc) {
        fprintf(stderr, "train failed: %s (%s)\n", err, tr_strerror(rc));
        model_rows_clear(&held);
        goto out;
    }
    const struct classify_train_metrics *m = classifier_metrics(model);
    if (!o.quiet)
        fprintf(stderr,
                "trained %s on %zu of %zu examples, %zu labels, %llu features in %.2f s; "
                "model %s %.1f MB\n"
                "calibration slice %llu: accuracy %.2f%%, macro-F1 %.2f%%, temperature %.3f, NLL "
                "%.4f -> %.4f, ECE %.4f -> %.4f; training accuracy %.2f%%\n",
                classifier_version(model), rows.n, n_all, classifier_n_labels(model),
                (unsigned long long)m->n_features, secs, o.out,
                (double)classifier_size_bytes(model) / 1e6, (unsigned long long)m->n_calib,
                100 * m->calib_accuracy, 100 * m->calib_macro_f1, m->temperature,
                m->calib_nll_before, m->calib_nll_after, m->calib_ece_before, m->calib_ece_after,
                100 * m->train_accuracy);
    status = 0;
    if (o.holdout > 0 && (o.report || o.json)) {
        if (!o.quiet && !o.json)
            printf("hold-out evaluation on %zu examples (%.0f%%)\n", held.n, 100 * o.holdout);
        if (model_evaluate(model, &held, &o, stdout, NULL) != 0)
            status = 1;
    }
    if (o.publish && status == 0)
        status = model_publish(&o, model, &held, secs);
    model_rows_clear(&held);
out:
    classifier_free(model);
    free(ex);
    model_rows_clear(&rows);
    config_clear(&cfg);
    return status;
}

int cli_eval(int argc, char **argv)
{
    struct model_opts o;
    int status = 2;
    if (!model_opts_parse(&MODEL_EVAL, argc, argv, &o, &status))
        return status;
    if (!o.model || !o.data || !o.text || !o.label)
        return cli_usage_error(&MODEL_EVAL, "--model, --data, --text and --label are required");
    char err[512];
    struct model_rows rows = {0};
    status = 1;
    classifier *model = classifier_load(o.model, err, sizeof(err));
    if (!model) {
        fprintf(stderr, "%s\n", err);
        goto out;
    }
    if (model_rows_load(&o, true, &rows) != 0)
        goto out;
    if (o.holdout > 0) {
        uint64_t seed = o.has_split_seed ? o.split_seed : classifier_params(model)->seed;
        if (model_rows_split(&rows, o.holdout, seed, true) != 0) {
            fprintf(stderr, "cannot split the data (--holdout must be in (0, 1))\n");
            goto out;
        }
    }
    status = model_evaluate(model, &rows, &o, stdout, NULL) == 0 ? 0 : 1;
out:
    model_rows_clear(&rows);
    classifier_free(model);
    return status;
}

int cli_classify(int argc, char **argv)
{
    struct model_opts o;
    int st = 2;
    if (!model_opts_parse(&MODEL_CLASSIFY, argc, argv, &o, &st))
        return st;
    if (!o.model)
        return cli_usage_error(&MODEL_CLASSIFY, "--model MODEL is required");
    char err[512];
    classifier *model = classifier_load(o.model, err, sizeof(err));
    if (!model) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    classify_scratch *scratch = classify_scratch_new();
    double thr = o.threshold >= 0 ? o.threshold : classifier_threshold(model);
    size_t k = o.top ? o.top : 3;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int status = scratch ? 0 : 1;
    while (scratch && (got = getline(&line, &cap, stdin)) >= 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        struct classify_result res;
        int rc = classifier_predict_at(model, scratch, line, (size_t)got, k, thr, &res);
        if (rc) {
            printf("error: %s\n",
                   rc == TR_ETOOBIG ? "text over the size limit (ETOOBIG)" : tr_strerror(rc));
            status = 1;
            continue;
        }
        for (size_t i = 0; i < res.n; i++)
            printf("%s%s %.3f", i ? "  " : "", res.top[i].label, res.top[i].confidence);
        printf("%s\n", res.out_of_scope ? "  [out of scope: triage]" : "");
        fflush(stdout);
    }
    free(line);
    classify_scratch_free(scratch);
    classifier_free(model);
    return status;
}
