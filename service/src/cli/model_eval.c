/* model_eval: a classifier measured on labelled rows (eval, train --report, train --publish):
 * accuracy, macro-F1, calibration, head classes, coverage, out of scope, the most frequent
 * confusions and throughput, printed as text or JSON. */
#include "cli/model_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOP_CONFUSIONS 10
#define ECE_BINS 15
/* Classify for at least this long when measuring throughput, for a stable figure. */
#define THROUGHPUT_MIN_US 500000

struct class_stat {
    const char *name;
    size_t support, predicted, correct;
};

struct confusion {
    size_t truth, pred, count;
};

static int cmp_confusion(const void *a, const void *b)
{
    const struct confusion *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return x->truth != y->truth ? (x->truth < y->truth ? -1 : 1)
                                : (x->pred < y->pred ? -1 : x->pred > y->pred);
}

static double safe_div(double a, double b)
{
    return b > 0 ? a / b : 0;
}

/* One evaluation in progress: the prediction for each row and the counts by class. The classes
 * are the model's labels (k), then the truth labels the model does not know. */
struct eval {
    const classifier *model;
    const struct model_rows *rows;
    const char *oos; /* the out-of-scope label, or NULL */
    int oos_idx;     /* its class, or -1 */
    size_t n, k, n_classes;
    struct class_stat *cls;                   /* k + n slots */
    size_t *truth, *pred;                     /* per row: class indexes */
    double *conf;                             /* per row: confidence of the prediction */
    bool *correct, *flag_oos;                 /* per row */
    size_t *confusion;                        /* n_classes x n_classes: truth, predicted */
    struct confusion top[TOP_CONFUSIONS + 1]; /* the most frequent, most frequent first */
    size_t n_conf;
    classify_scratch *scratch;
    struct model_eval_summary e;
};

/* The class of a truth label; a label the model does not know gets a class of its own. */
static size_t eval_truth(struct eval *ev, const char *label)
{
    int t = classifier_label_index(ev->model, label);
    if (t >= 0)
        return (size_t)t;
    size_t c = ev->k;
    while (c < ev->n_classes && strcmp(ev->cls[c].name, label) != 0)
        c++;
    if (c == ev->n_classes)
        ev->cls[ev->n_classes++].name = label;
    return c;
}

/* Classify every row at the threshold. A text over the size limit counts as wrong. */
static int eval_predict(struct eval *ev)
{
    size_t too_big = 0;
    for (size_t i = 0; i < ev->n; i++) {
        const char *text = ev->rows->text[i];
        ev->truth[i] = eval_truth(ev, ev->rows->label[i]);
        struct classify_result res;
        int prc = classifier_predict_at(ev->model, ev->scratch, text, strlen(text), 1,
                                        ev->e.threshold, &res);
        if (prc == TR_ETOOBIG) {
            too_big++;
            res.n = 1;
            res.top[0].label = classifier_label(ev->model, 0);
            res.top[0].confidence = 0;
            res.out_of_scope = true;
        } else if (prc) {
            return prc;
        }
        ev->pred[i] = (size_t)classifier_label_index(ev->model, res.top[0].label);
        ev->conf[i] = res.top[0].confidence;
        ev->flag_oos[i] = res.out_of_scope;
        ev->correct[i] = ev->pred[i] == ev->truth[i];
    }
    if (too_big)
        fprintf(stderr, "%zu texts over the size limit counted as wrong\n", too_big);
    return 0;
}

/* Throughput: the same texts again, one at a time, on this thread. */
static void eval_throughput(struct eval *ev)
{
    int64_t t0 = tr_mono_us(), elapsed = 0;
    size_t done = 0;
    while (elapsed < THROUGHPUT_MIN_US && ev->n > 0) {
        for (size_t i = 0; i < ev->n; i++) {
            const char *text = ev->rows->text[i];
            struct classify_result res;
            if (classifier_predict(ev->model, ev->scratch, text, strlen(text), 3, &res) == 0)
                done++;
        }
        elapsed = tr_mono_us() - t0;
    }
    ev->e.throughput = elapsed > 0 ? (double)done * 1e6 / (double)elapsed : 0;
}

/* The confusion matrix, the counts by class, accuracy, macro-F1 and calibration error. */
static int eval_counts(struct eval *ev)
{
    size_t nc = ev->n_classes;
    struct class_stat *cls = ev->cls;
    if (!(ev->confusion = calloc(nc * nc, sizeof(size_t))))
        return TR_ENOMEM;
    for (size_t i = 0; i < ev->n; i++) {
        cls[ev->truth[i]].support++;
        cls[ev->pred[i]].predicted++;
        cls[ev->truth[i]].correct += ev->correct[i];
        ev->e.correct += ev->correct[i];
        ev->confusion[ev->truth[i] * nc + ev->pred[i]]++;
    }
    ev->e.accuracy = safe_div((double)ev->e.correct, (double)ev->n);
    size_t f1_classes = 0;
    for (size_t c = 0; c < nc; c++) {
        if (!cls[c].support && !cls[c].predicted)
            continue;
        double p = safe_div((double)cls[c].correct, (double)cls[c].predicted);
        double r = safe_div((double)cls[c].correct, (double)cls[c].support);
        ev->e.macro_f1 += safe_div(2 * p * r, p + r);
        f1_classes++;
    }
    ev->e.macro_f1 = safe_div(ev->e.macro_f1, (double)f1_classes);
    ev->e.ece = classify_ece(ev->conf, ev->correct, ev->n, ECE_BINS);
    return 0;
}

/* Head classes: the most frequent classes that together make up 80% of the rows. */
static int eval_head(struct eval *ev)
{
    size_t nc = ev->n_classes, n = ev->n;
    const struct class_stat *cls = ev->cls;
    size_t *order = malloc(nc * sizeof(size_t));
    if (!order)
        return TR_ENOMEM;
    for (size_t c = 0; c < nc; c++)
        order[c] = c;
    for (size_t a = 1; a < nc; a++) /* insertion sort by support, stable */
        for (size_t b = a; b > 0 && cls[order[b - 1]].support < cls[order[b]].support; b--) {
            size_t tmp = order[b];
            order[b] = order[b - 1];
            order[b - 1] = tmp;
        }
    bool *head = calloc(nc, sizeof(bool));
    if (!head) {
        free(order);
        return TR_ENOMEM;
    }
    size_t cum = 0;
    for (size_t c = 0; c < nc && (double)cum < 0.8 * (double)n; c++) {
        head[order[c]] = true;
        cum += cls[order[c]].support;
        ev->e.head_classes++;
    }
    size_t head_right = 0;
    for (size_t i = 0; i < n; i++)
        head_right += head[ev->truth[i]] && ev->correct[i];
    ev->e.head_accuracy = safe_div((double)head_right, (double)cum);
    ev->e.head_share = safe_div((double)cum, (double)n);
    free(head);
    free(order);
    return 0;
}

/* Coverage: tickets routed automatically (confident, and not predicted out of scope). */
static void eval_coverage(struct eval *ev)
{
    for (int t = 0; t < 10; t++) {
        double th = 0.5 + 0.05 * t;
        size_t covered = 0, right = 0;
        for (size_t i = 0; i < ev->n; i++)
            if (ev->conf[i] >= th && (int)ev->pred[i] != ev->oos_idx) {
                covered++;
                right += ev->correct[i];
            }
        ev->e.cov[t] = safe_div((double)covered, (double)ev->n);
        ev->e.cov_acc[t] = safe_div((double)right, (double)covered);
    }
}

/* In-scope accuracy and how well the out-of-scope rows are caught. */
static void eval_oos(struct eval *ev)
{
    struct model_eval_summary *e = &ev->e;
    size_t in_right = 0, in_right_thr = 0, oos_caught = 0, flagged = 0, flagged_right = 0;
    for (size_t i = 0; i < ev->n; i++) {
        bool is_oos = strcmp(ev->rows->label[i], ev->oos) == 0;
        flagged += ev->flag_oos[i];
        if (is_oos) {
            e->n_oos++;
            oos_caught += ev->flag_oos[i];
            flagged_right += ev->flag_oos[i];
        } else {
            e->n_in++;
            in_right += ev->correct[i];
            in_right_thr += ev->correct[i] && !ev->flag_oos[i];
        }
    }
    e->has_oos = true;
    e->in_scope_acc = safe_div((double)in_right, (double)e->n_in);
    e->in_scope_acc_thr = safe_div((double)in_right_thr, (double)e->n_in);
    e->oos_recall = safe_div((double)oos_caught, (double)e->n_oos);
    e->oos_precision = safe_div((double)flagged_right, (double)flagged);
}

static void eval_top_confusions(struct eval *ev)
{
    size_t nc = ev->n_classes;
    for (size_t a = 0; a < nc; a++)
        for (size_t b = 0; b < nc; b++) {
            size_t cnt = ev->confusion[a * nc + b];
            if (a == b || cnt == 0)
                continue;
            struct confusion c = {a, b, cnt};
            if (ev->n_conf < TOP_CONFUSIONS)
                ev->top[ev->n_conf++] = c;
            else if (cmp_confusion(&c, &ev->top[ev->n_conf - 1]) < 0)
                ev->top[ev->n_conf - 1] = c;
            else
                continue;
            qsort(ev->top, ev->n_conf, sizeof(ev->top[0]), cmp_confusion);
        }
}

static void eval_print_json(const struct eval *ev, FILE *fp)
{
    const struct model_eval_summary *e = &ev->e;
    const struct class_stat *cls = ev->cls;
    json_t *j =
        json_pack("{s:s, s:I, s:f, s:f, s:f, s:I, s:f, s:f, s:f, s:f}", "model_version",
                  classifier_version(ev->model), "n", (json_int_t)ev->n, "accuracy", e->accuracy,
                  "macro_f1", e->macro_f1, "ece", e->ece, "head_classes",
                  (json_int_t)e->head_classes, "head_share", e->head_share, "head_accuracy",
                  e->head_accuracy, "throughput_per_s", e->throughput, "threshold", e->threshold);
    json_t *classes = json_array(), *confs = json_array(), *cov = json_array();
    for (size_t c = 0; c < ev->n_classes; c++) {
        double p = safe_div((double)cls[c].correct, (double)cls[c].predicted);
        double r = safe_div((double)cls[c].correct, (double)cls[c].support);
        json_array_append_new(classes, json_pack("{s:s, s:I, s:f, s:f, s:f}", "label", cls[c].name,
                                                 "support", (json_int_t)cls[c].support, "precision",
                                                 p, "recall", r, "f1", safe_div(2 * p * r, p + r)));
    }
    for (size_t c = 0; c < ev->n_conf; c++)
        json_array_append_new(
            confs, json_pack("{s:s, s:s, s:I}", "truth", cls[ev->top[c].truth].name, "predicted",
                             cls[ev->top[c].pred].name, "count", (json_int_t)ev->top[c].count));
    for (int t = 0; t < 10; t++)
        json_array_append_new(cov, json_pack("{s:f, s:f, s:f}", "threshold", 0.5 + 0.05 * t,
                                             "coverage", e->cov[t], "accuracy", e->cov_acc[t]));
    json_object_set_new(j, "classes", classes);
    json_object_set_new(j, "confusions", confs);
    json_object_set_new(j, "coverage", cov);
    if (e->has_oos)
        json_object_set_new(
            j, "oos",
            json_pack("{s:s, s:I, s:I, s:f, s:f, s:f, s:f}", "label", ev->oos, "n_in_scope",
                      (json_int_t)e->n_in, "n_oos", (json_int_t)e->n_oos, "in_scope_accuracy",
                      e->in_scope_acc, "in_scope_accuracy_at_threshold", e->in_scope_acc_thr,
                      "oos_recall", e->oos_recall, "oos_precision", e->oos_precision));
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
    if (s)
        fprintf(fp, "%s\n", s);
    free(s);
    json_decref(j);
}

static void eval_print_text(const struct eval *ev, FILE *fp)
{
    const struct model_eval_summary *e = &ev->e;
    const struct class_stat *cls = ev->cls;
    fprintf(fp, "model %s: %zu labels, %zu examples evaluated\n", classifier_version(ev->model),
            ev->k, ev->n);
    fprintf(fp, "accuracy          %.2f%% (%zu/%zu)\n", 100 * e->accuracy, e->correct, ev->n);
    fprintf(fp, "macro-F1          %.2f%%\n", 100 * e->macro_f1);
    fprintf(fp, "ECE (15 bins)     %.4f\n", e->ece);
    fprintf(fp, "head classes      %zu classes = %.1f%% of rows, accuracy %.2f%%\n",
            e->head_classes, 100 * e->head_share, 100 * e->head_accuracy);
    fprintf(fp, "throughput        %.0f tickets/s (one at a time, one thread)\n", e->throughput);
    if (e->has_oos) {
        fprintf(fp, "out of scope      label '%s', threshold %.2f\n", ev->oos, e->threshold);
        fprintf(fp, "  in-scope accuracy           %.2f%% (%zu rows; argmax)\n",
                100 * e->in_scope_acc, e->n_in);
        fprintf(fp, "  in-scope routed correctly   %.2f%% (right and above the threshold)\n",
                100 * e->in_scope_acc_thr);
        fprintf(fp, "  out-of-scope recall         %.2f%% (%zu rows)\n", 100 * e->oos_recall,
                e->n_oos);
        fprintf(fp, "  out-of-scope precision      %.2f%%\n", 100 * e->oos_precision);
    }
    fprintf(fp, "\ncoverage vs accuracy (routed automatically = confidence >= threshold)\n");
    fprintf(fp, "  threshold  coverage  accuracy\n");
    for (int t = 0; t < 10; t++)
        fprintf(fp, "  %9.2f  %7.2f%%  %7.2f%%\n", 0.5 + 0.05 * t, 100 * e->cov[t],
                100 * e->cov_acc[t]);
    fprintf(fp, "\nmost frequent confusions (truth -> predicted: count)\n");
    for (size_t c = 0; c < ev->n_conf; c++)
        fprintf(fp, "  %s -> %s: %zu\n", cls[ev->top[c].truth].name, cls[ev->top[c].pred].name,
                ev->top[c].count);
    fprintf(fp, "\nper class        precision  recall     F1  support\n");
    for (size_t c = 0; c < ev->n_classes; c++) {
        double p = safe_div((double)cls[c].correct, (double)cls[c].predicted);
        double r = safe_div((double)cls[c].correct, (double)cls[c].support);
        fprintf(fp, "  %-28s %6.2f%% %6.2f%% %6.2f%% %6zu\n", cls[c].name, 100 * p, 100 * r,
                100 * safe_div(2 * p * r, p + r), cls[c].support);
    }
}

int model_evaluate(const classifier *model, const struct model_rows *rows,
                   const struct model_opts *o, FILE *fp, struct model_eval_summary *summary)
{
    size_t n = rows->n, k = classifier_n_labels(model);
    const char *oos = o->oos_label ? o->oos_label : classifier_params(model)->oos_label;
    double thr = o->threshold >= 0 ? o->threshold : classifier_threshold(model);
    struct eval ev = {.model = model,
                      .rows = rows,
                      .oos = oos,
                      .oos_idx = oos ? classifier_label_index(model, oos) : -1,
                      .n = n,
                      .k = k,
                      .n_classes = k,
                      .e = {.n = n, .threshold = thr}};
    ev.cls = calloc(k + n, sizeof(*ev.cls));
    ev.truth = malloc(n * sizeof(size_t));
    ev.pred = malloc(n * sizeof(size_t));
    ev.conf = malloc(n * sizeof(double));
    ev.correct = malloc(n * sizeof(bool));
    ev.flag_oos = malloc(n * sizeof(bool));
    ev.scratch = classify_scratch_new();
    int rc = TR_ENOMEM;
    if (!ev.cls || !ev.truth || !ev.pred || !ev.conf || !ev.correct || !ev.flag_oos || !ev.scratch)
        goto out;
    for (size_t c = 0; c < k; c++)
        ev.cls[c].name = classifier_label(model, c);
    if ((rc = eval_predict(&ev)) != 0)
        goto out;
    eval_throughput(&ev);
    if ((rc = eval_counts(&ev)) != 0 || (rc = eval_head(&ev)) != 0)
        goto out;
    eval_coverage(&ev);
    if (oos && ev.oos_idx >= 0)
        eval_oos(&ev);
    eval_top_confusions(&ev);
    if (o->json)
        eval_print_json(&ev, fp);
    else
        eval_print_text(&ev, fp);
    if (summary)
        *summary = ev.e;
out:
    if (rc)
        fprintf(stderr, "evaluation failed: %s\n", tr_strerror(rc));
    classify_scratch_free(ev.scratch);
    free(ev.cls);
    free(ev.truth);
    free(ev.pred);
    free(ev.conf);
    free(ev.correct);
    free(ev.flag_oos);
    free(ev.confusion);
    return rc;
}
