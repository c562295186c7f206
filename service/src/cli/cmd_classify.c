/* The classifier's commands: train, eval, classify. Reading the data (CSV, JSON Lines,
 * PostgreSQL) happens here, so the classify module stays pure. See docs/classifier.md. */
#include "classify/classify.h"
#include "cli/cli.h"
#include "cli/model_args.h"
#include "common/error.h"
#include "store/store.h"

#include <errno.h>
#include <jansson.h>
#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOP_CONFUSIONS 10
#define ECE_BINS 15
/* Classify for at least this long when measuring throughput, for a stable figure. */
#define THROUGHPUT_MIN_US 500000

/* ---- data ---------------------------------------------------------------------------------------
 */

struct rows {
    size_t n, cap;
    char **text, **label; /* owned */
};

static void rows_clear(struct rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->text[i]);
        free(r->label[i]);
    }
    free(r->text);
    free(r->label);
    memset(r, 0, sizeof(*r));
}

/* Takes ownership of text and label. */
static int rows_push(struct rows *r, char *text, char *label)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 1024;
        char **t = realloc(r->text, cap * sizeof(char *));
        if (t)
            r->text = t;
        char **l = realloc(r->label, cap * sizeof(char *));
        if (l)
            r->label = l;
        if (!t || !l) {
            free(text);
            free(label);
            return TR_ENOMEM;
        }
        r->cap = cap;
    }
    r->text[r->n] = text;
    r->label[r->n] = label;
    r->n++;
    return 0;
}

/* Column names from a comma-separated list; returns the count (at most max). */
static size_t split_names(const char *list, char names[][128], size_t max)
{
    size_t n = 0;
    const char *p = list;
    while (*p && n < max) {
        const char *c = strchr(p, ',');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        if (len >= 128)
            len = 127;
        memcpy(names[n], p, len);
        names[n][len] = '\0';
        n++;
        if (!c)
            break;
        p = c + 1;
    }
    return n;
}

/* One CSV record (RFC 4180: quoted fields, "" inside quotes, CRLF or LF). The fields are
 * unescaped in place in buf and NUL-terminated; *pos moves past the record. Returns the number
 * of fields, 0 at the end of input. */
static size_t csv_record(char *buf, size_t len, size_t *pos, char **fields, size_t max)
{
    size_t i = *pos, n = 0;
    if (i >= len)
        return 0;
    for (;;) {
        char *out = buf + i, *start = out;
        if (i < len && buf[i] == '"') {
            i++;
            while (i < len) {
                if (buf[i] == '"') {
                    if (i + 1 < len && buf[i + 1] == '"') {
                        *out++ = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                *out++ = buf[i++];
            }
            while (i < len && buf[i] != ',' && buf[i] != '\n') /* junk after the quote */
                i++;
        } else {
            while (i < len && buf[i] != ',' && buf[i] != '\n')
                out++, i++;
            if (out > start && out[-1] == '\r')
                out--;
        }
        char sep = i < len ? buf[i] : '\n';
        *out = '\0';
        if (n < max)
            fields[n++] = start;
        i++;
        if (sep == '\n')
            break;
    }
    *pos = i;
    return n;
}

static char *join_fields(char *const *parts, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(parts[i]) + 1;
    char *s = malloc(len + 1);
    if (!s)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (!*parts[i])
            continue;
        if (o)
            s[o++] = '\n'; /* a title and a body read as separate lines */
        size_t l = strlen(parts[i]);
        memcpy(s + o, parts[i], l);
        o += l;
    }
    s[o] = '\0';
    return s;
}

#define MAX_COLS 256
#define MAX_TEXT_COLS 16

static int load_csv(const char *path, const char *text_cols, const char *label_col,
                    struct rows *rows)
{
    char *buf = NULL, err[256];
    size_t len = 0;
    if (tr_file_read(path, &buf, &len, err, sizeof(err)) != 0) {
        fprintf(stderr, "cannot read %s: %s\n", path, err);
        return TR_EIO;
    }
    int rc = TR_EINVAL;
    char *fields[MAX_COLS];
    char names[MAX_TEXT_COLS][128];
    size_t n_text = split_names(text_cols, names, MAX_TEXT_COLS);
    int text_at[MAX_TEXT_COLS], label_at = -1;
    size_t pos = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* byte order mark */
    size_t n_head = csv_record(buf, len, &pos, fields, MAX_COLS);
    for (size_t t = 0; t < n_text; t++) {
        text_at[t] = -1;
        for (size_t f = 0; f < n_head; f++)
            if (strcmp(fields[f], names[t]) == 0)
                text_at[t] = (int)f;
        if (text_at[t] < 0) {
            fprintf(stderr, "%s: no column '%s' in the header\n", path, names[t]);
            goto out;
        }
    }
    for (size_t f = 0; label_col && f < n_head; f++)
        if (strcmp(fields[f], label_col) == 0)
            label_at = (int)f;
    if (label_col && label_at < 0) {
        fprintf(stderr, "%s: no column '%s' in the header\n", path, label_col);
        goto out;
    }
    size_t line = 1, skipped = 0, nf;
    while ((nf = csv_record(buf, len, &pos, fields, MAX_COLS)) > 0) {
        line++;
        if (nf == 1 && !*fields[0])
            continue; /* blank line */
        if (nf < n_head || (label_at >= 0 && !*fields[label_at])) {
            skipped++;
            continue;
        }
        char *parts[MAX_TEXT_COLS];
        for (size_t t = 0; t < n_text; t++)
            parts[t] = fields[text_at[t]];
        char *text = join_fields(parts, n_text);
        char *label = strdup(label_at >= 0 ? fields[label_at] : "");
        if (!text || !label || rows_push(rows, text, label)) {
            rc = TR_ENOMEM;
            goto out;
        }
    }
    if (skipped)
        fprintf(stderr, "%s: skipped %zu records with missing fields or label\n", path, skipped);
    rc = 0;
out:
    free(buf);
    return rc;
}

static char *json_field_string(json_t *v)
{
    char tmp[64];
    if (json_is_string(v))
        return strdup(json_string_value(v));
    if (json_is_integer(v)) {
        snprintf(tmp, sizeof(tmp), "%lld", (long long)json_integer_value(v));
        return strdup(tmp);
    }
    if (json_is_real(v)) {
        snprintf(tmp, sizeof(tmp), "%g", json_real_value(v));
        return strdup(tmp);
    }
    return strdup("");
}

static int load_jsonl(const char *path, const char *text_cols, const char *label_col,
                      struct rows *rows)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno));
        return TR_EIO;
    }
    char names[MAX_TEXT_COLS][128];
    size_t n_text = split_names(text_cols, names, MAX_TEXT_COLS);
    char *line = NULL;
    size_t cap = 0, lineno = 0, skipped = 0;
    ssize_t got;
    int rc = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (got <= 1)
            continue;
        json_error_t jerr;
        json_t *obj = json_loadb(line, (size_t)got, 0, &jerr);
        if (!json_is_object(obj)) {
            fprintf(stderr, "%s:%zu: not a JSON object: %s\n", path, lineno, jerr.text);
            json_decref(obj);
            rc = TR_EINVAL;
            break;
        }
        char *parts[MAX_TEXT_COLS] = {0};
        for (size_t t = 0; t < n_text; t++)
            parts[t] = json_field_string(json_object_get(obj, names[t]));
        char *label = label_col ? json_field_string(json_object_get(obj, label_col)) : strdup("");
        json_decref(obj);
        bool ok = label != NULL;
        for (size_t t = 0; t < n_text; t++)
            ok = ok && parts[t];
        char *text = ok ? join_fields(parts, n_text) : NULL;
        for (size_t t = 0; t < n_text; t++)
            free(parts[t]);
        if (!text) {
            free(label);
            rc = TR_ENOMEM;
            break;
        }
        if (label_col && !*label) {
            free(text);
            free(label);
            skipped++;
            continue;
        }
        if ((rc = rows_push(rows, text, label)))
            break;
    }
    free(line);
    fclose(f);
    if (skipped)
        fprintf(stderr, "%s: skipped %zu records without a label\n", path, skipped);
    return rc;
}

static int load_pg(const char *dsn, struct rows *rows)
{
    PGconn *pg = PQconnectdb(dsn);
    PGresult *res = NULL;
    int rc = TR_EIO;
    if (PQstatus(pg) != CONNECTION_OK) {
        fprintf(stderr, "cannot connect to PostgreSQL: %s", PQerrorMessage(pg));
        goto out;
    }
    /* Examples labelled with a team (no single category fits) are for people, not the model. */
    res = PQexec(pg, "SELECT text, label FROM training_examples WHERE label_kind = 'category' "
                     "ORDER BY id");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        fprintf(stderr, "reading training_examples failed: %s", PQerrorMessage(pg));
        goto out;
    }
    for (int i = 0; i < PQntuples(res); i++) {
        char *text = strdup(PQgetvalue(res, i, 0));
        char *label = strdup(PQgetvalue(res, i, 1));
        if (!text || !label || rows_push(rows, text, label)) {
            rc = TR_ENOMEM;
            goto out;
        }
    }
    rc = 0;
out:
    PQclear(res);
    PQfinish(pg);
    return rc;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int load_rows(const struct model_opts *o, bool need_label, struct rows *rows)
{
    if (o->pg_dsn) {
        /* The database's examples, after the file's historical ones when both are given. */
        if (o->data) {
            struct model_opts file_only = *o;
            file_only.pg_dsn = NULL;
            int rc = load_rows(&file_only, need_label, rows);
            if (rc != 0)
                return rc;
        }
        int rc = load_pg(o->pg_dsn, rows);
        if (rc == 0 && rows->n == 0) {
            fprintf(stderr, "no training examples (file or training_examples)\n");
            rc = TR_EINVAL;
        }
        return rc;
    }
    if (!o->data || !o->text || (need_label && !o->label)) {
        fprintf(stderr, "need --data FILE --text COLS --label COL (or the database)\n");
        return TR_EINVAL;
    }
    bool jsonl = o->format ? strcmp(o->format, "jsonl") == 0
                           : ends_with(o->data, ".jsonl") || ends_with(o->data, ".ndjson");
    if (o->format && !jsonl && strcmp(o->format, "csv") != 0) {
        fprintf(stderr, "--format must be csv or jsonl\n");
        return TR_EINVAL;
    }
    int rc = jsonl ? load_jsonl(o->data, o->text, o->label, rows)
                   : load_csv(o->data, o->text, o->label, rows);
    if (!rc && rows->n == 0) {
        fprintf(stderr, "%s: no rows\n", o->data);
        rc = TR_EINVAL;
    }
    return rc;
}

/* Keep the rows whose holdout flag equals keep_holdout. */
static void rows_filter(struct rows *r, const bool *holdout, bool keep_holdout)
{
    size_t w = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (holdout[i] == keep_holdout) {
            r->text[w] = r->text[i];
            r->label[w] = r->label[i];
            w++;
        } else {
            free(r->text[i]);
            free(r->label[i]);
        }
    }
    r->n = w;
}

static int rows_split(struct rows *r, double fraction, uint64_t seed, bool keep_holdout)
{
    bool *holdout = malloc((r->n ? r->n : 1) * sizeof(bool));
    if (!holdout)
        return TR_ENOMEM;
    int rc = classify_split_holdout((const char *const *)r->label, r->n, fraction, seed, holdout);
    if (!rc)
        rows_filter(r, holdout, keep_holdout);
    free(holdout);
    return rc;
}

/* ---- evaluation ---------------------------------------------------------------------------------
 */

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

struct eval_out {
    size_t n, correct;
    double accuracy, macro_f1, ece, head_accuracy, head_share;
    size_t head_classes;
    double cov[10], cov_acc[10];
    double throughput;
    bool has_oos;
    double threshold, in_scope_acc, in_scope_acc_thr, oos_recall, oos_precision;
    size_t n_in, n_oos;
};

static double safe_div(double a, double b)
{
    return b > 0 ? a / b : 0;
}

/* Prints the report to fp; the headline figures also go to summary (may be NULL). */
static int evaluate(const classifier *model, const struct rows *rows, const struct model_opts *o,
                    FILE *fp, struct eval_out *summary)
{
    size_t n = rows->n, k = classifier_n_labels(model);
    const char *oos = o->oos_label ? o->oos_label : classifier_params(model)->oos_label;
    double thr = o->threshold >= 0 ? o->threshold : classifier_threshold(model);
    int oos_idx = oos ? classifier_label_index(model, oos) : -1;
    size_t n_classes = k; /* model labels, then truth labels the model does not know */
    struct class_stat *cls = calloc(k + n, sizeof(*cls));
    size_t *truth = malloc(n * sizeof(size_t)), *pred = malloc(n * sizeof(size_t));
    double *conf = malloc(n * sizeof(double));
    bool *correct = malloc(n * sizeof(bool)), *flag_oos = malloc(n * sizeof(bool));
    size_t *confusion = NULL;
    classify_scratch *scratch = classify_scratch_new();
    struct eval_out e = {.n = n, .threshold = thr};
    int rc = TR_ENOMEM;
    if (!cls || !truth || !pred || !conf || !correct || !flag_oos || !scratch)
        goto out;
    for (size_t c = 0; c < k; c++)
        cls[c].name = classifier_label(model, c);
    size_t too_big = 0;
    for (size_t i = 0; i < n; i++) {
        int t = classifier_label_index(model, rows->label[i]);
        if (t < 0) {
            size_t c = k;
            while (c < n_classes && strcmp(cls[c].name, rows->label[i]) != 0)
                c++;
            if (c == n_classes)
                cls[n_classes++].name = rows->label[i];
            t = (int)c;
        }
        truth[i] = (size_t)t;
        struct classify_result res;
        int prc = classifier_predict_at(model, scratch, rows->text[i], strlen(rows->text[i]), 1,
                                        thr, &res);
        if (prc == TR_ETOOBIG) {
            too_big++;
            res.n = 1;
            res.top[0].label = classifier_label(model, 0);
            res.top[0].confidence = 0;
            res.out_of_scope = true;
        } else if (prc) {
            rc = prc;
            goto out;
        }
        pred[i] = (size_t)classifier_label_index(model, res.top[0].label);
        conf[i] = res.top[0].confidence;
        flag_oos[i] = res.out_of_scope;
        correct[i] = pred[i] == truth[i];
    }
    if (too_big)
        fprintf(stderr, "%zu texts over the size limit counted as wrong\n", too_big);
    /* Throughput: the same texts again, one at a time, on this thread. */
    int64_t t0 = tr_mono_us(), elapsed = 0;
    size_t done = 0;
    while (elapsed < THROUGHPUT_MIN_US && n > 0) {
        for (size_t i = 0; i < n; i++) {
            struct classify_result res;
            if (classifier_predict(model, scratch, rows->text[i], strlen(rows->text[i]), 3, &res) ==
                0)
                done++;
        }
        elapsed = tr_mono_us() - t0;
    }
    e.throughput = elapsed > 0 ? (double)done * 1e6 / (double)elapsed : 0;

    if (!(confusion = calloc(n_classes * n_classes, sizeof(size_t))))
        goto out;
    for (size_t i = 0; i < n; i++) {
        cls[truth[i]].support++;
        cls[pred[i]].predicted++;
        cls[truth[i]].correct += correct[i];
        e.correct += correct[i];
        confusion[truth[i] * n_classes + pred[i]]++;
    }
    e.accuracy = safe_div((double)e.correct, (double)n);
    size_t f1_classes = 0;
    for (size_t c = 0; c < n_classes; c++) {
        if (!cls[c].support && !cls[c].predicted)
            continue;
        double p = safe_div((double)cls[c].correct, (double)cls[c].predicted);
        double r = safe_div((double)cls[c].correct, (double)cls[c].support);
        e.macro_f1 += safe_div(2 * p * r, p + r);
        f1_classes++;
    }
    e.macro_f1 = safe_div(e.macro_f1, (double)f1_classes);
    e.ece = classify_ece(conf, correct, n, ECE_BINS);

    /* Head classes: the most frequent classes that together make up 80% of the rows. */
    size_t *order = malloc(n_classes * sizeof(size_t));
    if (!order)
        goto out;
    for (size_t c = 0; c < n_classes; c++)
        order[c] = c;
    for (size_t a = 1; a < n_classes; a++) /* insertion sort by support, stable */
        for (size_t b = a; b > 0 && cls[order[b - 1]].support < cls[order[b]].support; b--) {
            size_t tmp = order[b];
            order[b] = order[b - 1];
            order[b - 1] = tmp;
        }
    bool *head = calloc(n_classes, sizeof(bool));
    if (!head) {
        free(order);
        goto out;
    }
    size_t cum = 0;
    for (size_t c = 0; c < n_classes && (double)cum < 0.8 * (double)n; c++) {
        head[order[c]] = true;
        cum += cls[order[c]].support;
        e.head_classes++;
    }
    size_t head_right = 0;
    for (size_t i = 0; i < n; i++)
        head_right += head[truth[i]] && correct[i];
    e.head_accuracy = safe_div((double)head_right, (double)cum);
    e.head_share = safe_div((double)cum, (double)n);
    free(head);
    free(order);

    /* Coverage: tickets routed automatically (confident, and not predicted out of scope). */
    for (int t = 0; t < 10; t++) {
        double th = 0.5 + 0.05 * t;
        size_t covered = 0, right = 0;
        for (size_t i = 0; i < n; i++)
            if (conf[i] >= th && (int)pred[i] != oos_idx) {
                covered++;
                right += correct[i];
            }
        e.cov[t] = safe_div((double)covered, (double)n);
        e.cov_acc[t] = safe_div((double)right, (double)covered);
    }
    if (oos && oos_idx >= 0) {
        size_t in_right = 0, in_right_thr = 0, oos_caught = 0, flagged = 0, flagged_right = 0;
        for (size_t i = 0; i < n; i++) {
            bool is_oos = strcmp(rows->label[i], oos) == 0;
            flagged += flag_oos[i];
            if (is_oos) {
                e.n_oos++;
                oos_caught += flag_oos[i];
                flagged_right += flag_oos[i];
            } else {
                e.n_in++;
                in_right += correct[i];
                in_right_thr += correct[i] && !flag_oos[i];
            }
        }
        e.has_oos = true;
        e.in_scope_acc = safe_div((double)in_right, (double)e.n_in);
        e.in_scope_acc_thr = safe_div((double)in_right_thr, (double)e.n_in);
        e.oos_recall = safe_div((double)oos_caught, (double)e.n_oos);
        e.oos_precision = safe_div((double)flagged_right, (double)flagged);
    }

    size_t n_conf = 0;
    struct confusion top[TOP_CONFUSIONS + 1];
    for (size_t a = 0; a < n_classes; a++)
        for (size_t b = 0; b < n_classes; b++) {
            size_t cnt = confusion[a * n_classes + b];
            if (a == b || cnt == 0)
                continue;
            struct confusion c = {a, b, cnt};
            if (n_conf < TOP_CONFUSIONS)
                top[n_conf++] = c;
            else if (cmp_confusion(&c, &top[n_conf - 1]) < 0)
                top[n_conf - 1] = c;
            else
                continue;
            qsort(top, n_conf, sizeof(top[0]), cmp_confusion);
        }

    if (o->json) {
        json_t *j =
            json_pack("{s:s, s:I, s:f, s:f, s:f, s:I, s:f, s:f, s:f, s:f}", "model_version",
                      classifier_version(model), "n", (json_int_t)n, "accuracy", e.accuracy,
                      "macro_f1", e.macro_f1, "ece", e.ece, "head_classes",
                      (json_int_t)e.head_classes, "head_share", e.head_share, "head_accuracy",
                      e.head_accuracy, "throughput_per_s", e.throughput, "threshold", thr);
        json_t *classes = json_array(), *confs = json_array(), *cov = json_array();
        for (size_t c = 0; c < n_classes; c++) {
            double p = safe_div((double)cls[c].correct, (double)cls[c].predicted);
            double r = safe_div((double)cls[c].correct, (double)cls[c].support);
            json_array_append_new(classes,
                                  json_pack("{s:s, s:I, s:f, s:f, s:f}", "label", cls[c].name,
                                            "support", (json_int_t)cls[c].support, "precision", p,
                                            "recall", r, "f1", safe_div(2 * p * r, p + r)));
        }
        for (size_t c = 0; c < n_conf; c++)
            json_array_append_new(
                confs, json_pack("{s:s, s:s, s:I}", "truth", cls[top[c].truth].name, "predicted",
                                 cls[top[c].pred].name, "count", (json_int_t)top[c].count));
        for (int t = 0; t < 10; t++)
            json_array_append_new(cov, json_pack("{s:f, s:f, s:f}", "threshold", 0.5 + 0.05 * t,
                                                 "coverage", e.cov[t], "accuracy", e.cov_acc[t]));
        json_object_set_new(j, "classes", classes);
        json_object_set_new(j, "confusions", confs);
        json_object_set_new(j, "coverage", cov);
        if (e.has_oos)
            json_object_set_new(
                j, "oos",
                json_pack("{s:s, s:I, s:I, s:f, s:f, s:f, s:f}", "label", oos, "n_in_scope",
                          (json_int_t)e.n_in, "n_oos", (json_int_t)e.n_oos, "in_scope_accuracy",
                          e.in_scope_acc, "in_scope_accuracy_at_threshold", e.in_scope_acc_thr,
                          "oos_recall", e.oos_recall, "oos_precision", e.oos_precision));
        char *s = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
        if (s)
            fprintf(fp, "%s\n", s);
        free(s);
        json_decref(j);
    } else {
        fprintf(fp, "model %s: %zu labels, %zu examples evaluated\n", classifier_version(model), k,
                n);
        fprintf(fp, "accuracy          %.2f%% (%zu/%zu)\n", 100 * e.accuracy, e.correct, n);
        fprintf(fp, "macro-F1          %.2f%%\n", 100 * e.macro_f1);
        fprintf(fp, "ECE (15 bins)     %.4f\n", e.ece);
        fprintf(fp, "head classes      %zu classes = %.1f%% of rows, accuracy %.2f%%\n",
                e.head_classes, 100 * e.head_share, 100 * e.head_accuracy);
        fprintf(fp, "throughput        %.0f tickets/s (one at a time, one thread)\n", e.throughput);
        if (e.has_oos) {
            fprintf(fp, "out of scope      label '%s', threshold %.2f\n", oos, thr);
            fprintf(fp, "  in-scope accuracy           %.2f%% (%zu rows; argmax)\n",
                    100 * e.in_scope_acc, e.n_in);
            fprintf(fp, "  in-scope routed correctly   %.2f%% (right and above the threshold)\n",
                    100 * e.in_scope_acc_thr);
            fprintf(fp, "  out-of-scope recall         %.2f%% (%zu rows)\n", 100 * e.oos_recall,
                    e.n_oos);
            fprintf(fp, "  out-of-scope precision      %.2f%%\n", 100 * e.oos_precision);
        }
        fprintf(fp, "\ncoverage vs accuracy (routed automatically = confidence >= threshold)\n");
        fprintf(fp, "  threshold  coverage  accuracy\n");
        for (int t = 0; t < 10; t++)
            fprintf(fp, "  %9.2f  %7.2f%%  %7.2f%%\n", 0.5 + 0.05 * t, 100 * e.cov[t],
                    100 * e.cov_acc[t]);
        fprintf(fp, "\nmost frequent confusions (truth -> predicted: count)\n");
        for (size_t c = 0; c < n_conf; c++)
            fprintf(fp, "  %s -> %s: %zu\n", cls[top[c].truth].name, cls[top[c].pred].name,
                    top[c].count);
        fprintf(fp, "\nper class        precision  recall     F1  support\n");
        for (size_t c = 0; c < n_classes; c++) {
            double p = safe_div((double)cls[c].correct, (double)cls[c].predicted);
            double r = safe_div((double)cls[c].correct, (double)cls[c].support);
            fprintf(fp, "  %-28s %6.2f%% %6.2f%% %6.2f%% %6zu\n", cls[c].name, 100 * p, 100 * r,
                    100 * safe_div(2 * p * r, p + r), cls[c].support);
        }
    }
    rc = 0;
    if (summary)
        *summary = e;
out:
    if (rc)
        fprintf(stderr, "evaluation failed: %s\n", tr_strerror(rc));
    classify_scratch_free(scratch);
    free(cls);
    free(truth);
    free(pred);
    free(conf);
    free(correct);
    free(flag_oos);
    free(confusion);
    return rc;
}

/* ---- commands
 * ------------------------------------------------------------------------------------ */

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

/* The whole file at path; caller frees. NULL when unreadable. */
static void *file_read(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    void *buf = NULL;
    long size = fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : -1;
    if (size >= 0 && fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc(size ? (size_t)size : 1)) &&
        fread(buf, 1, (size_t)size, fp) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    *len = (size_t)size;
    return buf;
}

/* train --publish: measure the new model and the published one on the same held-out slice and
 * publish the new one (PostgreSQL `models`; running routers pick it up) only when it is not
 * worse. Every candidate is stored with its metrics and the verdict. Returns the exit status. */
static int publish(const struct model_opts *o, const classifier *model, const struct rows *held,
                   double train_secs)
{
    char err[512];
    int status = 1;
    struct model_opts silent = *o;
    silent.json = false;
    struct eval_out cand = {0}, base = {0};
    struct model_record rec = {0};
    classifier *current = NULL;
    void *bytes = NULL;
    size_t len = 0;
    char *metrics = NULL;
    FILE *devnull = fopen("/dev/null", "w");
    store_conn *pg = store_conn_new(o->pg_dsn, err, sizeof(err));
    if (!devnull || !pg) {
        fprintf(stderr, "publish: %s\n", pg ? "cannot open /dev/null" : err);
        goto out;
    }
    if (evaluate(model, held, &silent, devnull, &cand) != 0)
        goto out;
    tr_strlcpy(rec.model_version, classifier_version(model), sizeof(rec.model_version));
    int rc = store_model_published(pg, rec.baseline_version, sizeof(rec.baseline_version));
    if (rc == 0) {
        void *cur = NULL;
        size_t cur_len = 0;
        if (store_model_fetch(pg, rec.baseline_version, &cur, &cur_len) == 0)
            current = classifier_load_bytes(cur, cur_len, err, sizeof(err));
        free(cur);
        if (current && evaluate(current, held, &silent, devnull, &base) != 0)
            goto out;
    } else if (rc != TR_ENOTFOUND) {
        fprintf(stderr, "publish: cannot read the published models\n");
        goto out;
    }
    rec.examples = classifier_metrics(model)->n_examples;
    rec.holdout = held->n;
    rec.accuracy = cand.accuracy;
    rec.macro_f1 = cand.macro_f1;
    rec.baseline_accuracy = base.accuracy;
    if (!rec.baseline_version[0]) {
        rec.publish = true;
        snprintf(rec.verdict, sizeof(rec.verdict), "published: no model was published before");
    } else if (!current) {
        rec.publish = true;
        snprintf(rec.verdict, sizeof(rec.verdict),
                 "published: the current model %.100s could not be loaded (%.100s)",
                 rec.baseline_version, err);
    } else {
        rec.publish = cand.accuracy >= base.accuracy;
        snprintf(rec.verdict, sizeof(rec.verdict), "%s: %.2f%% against %.2f%% for %s",
                 rec.publish ? "published" : "kept the current model (the new one is worse)",
                 100 * cand.accuracy, 100 * base.accuracy, rec.baseline_version);
    }
    json_t *j =
        json_pack("{s:f, s:f, s:f, s:I, s:I, s:I, s:f, s:f}", "accuracy", cand.accuracy, "macro_f1",
                  cand.macro_f1, "ece", cand.ece, "examples", (json_int_t)rec.examples, "holdout",
                  (json_int_t)rec.holdout, "labels", (json_int_t)classifier_n_labels(model),
                  "train_seconds", train_secs, "throughput_per_s", cand.throughput);
    if (j && current)
        json_object_set_new(j, "baseline_accuracy", json_real(base.accuracy));
    metrics = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    rec.metrics_json = metrics;
    if (!(bytes = file_read(o->out, &len))) {
        fprintf(stderr, "publish: cannot read %s back\n", o->out);
        goto out;
    }
    if (store_model_insert(pg, &rec, bytes, len, err, sizeof(err)) != 0) {
        fprintf(stderr, "publish: model %s: %s\n", rec.model_version, err);
        goto out;
    }
    printf("model %s: accuracy %.2f%%, macro-F1 %.2f%% on %llu held-out examples; %s\n",
           rec.model_version, 100 * cand.accuracy, 100 * cand.macro_f1,
           (unsigned long long)rec.holdout, rec.verdict);
    status = 0;
out:
    free(metrics);
    free(bytes);
    classifier_free(current);
    store_conn_free(pg);
    if (devnull)
        fclose(devnull);
    return status;
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

/* Move a seeded stratified fraction of rows to held, to evaluate on later. The strings move
 * with their rows (rows_clear on both frees each once). 0, or -1 after printing why. */
static int train_holdout(struct rows *rows, struct rows *held, double fraction, uint64_t seed)
{
    held->n = held->cap = rows->n;
    held->text = malloc(rows->n * sizeof(char *));
    held->label = malloc(rows->n * sizeof(char *));
    bool *mask = malloc(rows->n * sizeof(bool));
    if (!held->text || !held->label || !mask ||
        classify_split_holdout((const char *const *)rows->label, rows->n, fraction, seed, mask) !=
            0) {
        fprintf(stderr, "cannot split the data (--holdout must be in (0, 1))\n");
        free(mask);
        held->n = 0;
        rows_clear(held);
        return -1;
    }
    size_t a = 0, b = 0;
    for (size_t i = 0; i < rows->n; i++) {
        if (mask[i]) {
            held->text[b] = rows->text[i];
            held->label[b++] = rows->label[i];
        } else {
            rows->text[a] = rows->text[i];
            rows->label[a++] = rows->label[i];
        }
    }
    rows->n = a;
    held->n = b;
    free(mask);
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
    struct rows rows = {0};
    struct classify_example *ex = NULL;
    classifier *model = NULL;
    char err[512] = "";
    status = 1;
    if (load_rows(&o, true, &rows) != 0)
        goto out;
    struct rows held = {0};
    size_t n_all = rows.n;
    if (o.holdout > 0 &&
        train_holdout(&rows, &held, o.holdout, o.has_split_seed ? o.split_seed : p.seed) != 0)
        goto out;
    if (!(ex = malloc(rows.n * sizeof(*ex)))) {
        rows_clear(&held);
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
        rows_clear(&held);
        goto out;
    }
    const struct classify_train_metrics *m = classifier_metrics(model);
    if (!o.quiet)
        fprintf(stderr,
                "trained %s on %zu of %zu examples, %zu labels, %llu features in %.2f s; "
                "model %s %.1f MB\n"
                "calibration slice %llu: accuracy %.2f%%, temperature %.3f, NLL %.4f -> %.4f, "
                "ECE %.4f -> %.4f; training accuracy %.2f%%\n",
                classifier_version(model), rows.n, n_all, classifier_n_labels(model),
                (unsigned long long)m->n_features, secs, o.out,
                (double)classifier_size_bytes(model) / 1e6, (unsigned long long)m->n_calib,
                100 * m->calib_accuracy, m->temperature, m->calib_nll_before, m->calib_nll_after,
                m->calib_ece_before, m->calib_ece_after, 100 * m->train_accuracy);
    status = 0;
    if (o.holdout > 0 && (o.report || o.json)) {
        if (!o.quiet && !o.json)
            printf("hold-out evaluation on %zu examples (%.0f%%)\n", held.n, 100 * o.holdout);
        if (evaluate(model, &held, &o, stdout, NULL) != 0)
            status = 1;
    }
    if (o.publish && status == 0)
        status = publish(&o, model, &held, secs);
    rows_clear(&held);
out:
    classifier_free(model);
    free(ex);
    rows_clear(&rows);
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
    struct rows rows = {0};
    status = 1;
    classifier *model = classifier_load(o.model, err, sizeof(err));
    if (!model) {
        fprintf(stderr, "%s\n", err);
        goto out;
    }
    if (load_rows(&o, true, &rows) != 0)
        goto out;
    if (o.holdout > 0) {
        uint64_t seed = o.has_split_seed ? o.split_seed : classifier_params(model)->seed;
        if (rows_split(&rows, o.holdout, seed, true) != 0) {
            fprintf(stderr, "cannot split the data (--holdout must be in (0, 1))\n");
            goto out;
        }
    }
    status = evaluate(model, &rows, &o, stdout, NULL) == 0 ? 0 : 1;
out:
    rows_clear(&rows);
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
