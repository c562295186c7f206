/* Benchmark (prints figures, no verdicts). Two stages:
 *   1. thresholds: train on data/signals/train (+ 9/10 of the ordinary English rows below), score
 *      data/signals/valid (phrasings split off the training data, never in train/) and the other
 *      tenth of those English rows, and choose each signal's threshold there: the highest recall
 *      whose false alarms stay within 1% overall and 2% in every language (the middle of the
 *      thresholds that reach it);
 *   2. the model: train on train + valid + all those English rows with those thresholds, save,
 *      load back, and report per signal and language recall and false alarms on
 *      data/signals/heldout2 (written apart, never trained or tuned on) and on the older
 *      data/signals/heldout (partly contaminated, see its README), false alarms on the ordinary
 *      English tickets not trained on (the other BANKING77 rows, CLINC150 val.csv), and the
 *      speed of the signals step beside the classifier's, one ticket at a time on one thread.
 * Ordinary English text: every fifth row of BANKING77 and CLINC150 train.csv, each weighing
 * $BENCH_PUBLIC_WEIGHT (default 0.2, so they do not outweigh the other languages' ordinary text).
 *   bench_signals [SIGNALS_DIR [DATA_DIR]]   (defaults: data/signals of the source tree;
 *                                             $TR_DATA_DIR, then /work/shared/data)
 *   BENCH_SIGNALS_MODEL=path: also keep the trained model file there.
 *   BENCH_NO_CLASSIFIER=1: skip training the classifier (no classifier-only figure).
 *   BENCH_L2, BENCH_EPOCHS, BENCH_POS_WEIGHT: training parameters (0 or unset: the defaults).
 *   BENCH_NO_HELDOUT=1: stop after training (no held-out figures: for working on data/model).
 *   BENCH_VERBOSE=1: list the misses and false alarms on the VALIDATION split (never on the
 *   held-out sets, so nobody tunes on them).
 * tests/bench/bench_signals.md says how to read the output. */
#include "test_support.h"

#include "classify/classify.h"
#include "common/error.h"
#include "signals/signals.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_LANGS 5
static const char *const langs[N_LANGS] = {SIGNALS_LANGS};

struct set {
    struct signals_example *ex;
    size_t n;
    char **bufs;
    size_t n_bufs;
};

static void set_clear(struct set *s)
{
    free(s->ex);
    for (size_t i = 0; i < s->n_bufs; i++)
        free(s->bufs[i]);
    free(s->bufs);
}

static void keep_buf(struct set *s, char *buf)
{
    s->bufs = realloc(s->bufs, (s->n_bufs + 1) * sizeof(*s->bufs));
    if (!s->bufs)
        abort();
    s->bufs[s->n_bufs++] = buf;
}

static void set_add_file(struct set *s, const char *path)
{
    char err[256], *buf;
    size_t len;
    if (tr_file_read(path, &buf, &len, err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        exit(1);
    }
    keep_buf(s, buf);
    if (signals_examples_parse(buf, len, &s->ex, &s->n, err, sizeof(err))) {
        fprintf(stderr, "%s: %s\n", path, err);
        exit(1);
    }
}

/* First field of each CSV record (quoted or not), unescaped in place; every `every`-th record
 * (index % every == 0) goes to a (when not NULL), the others to b (when not NULL). */
static void set_add_csv(struct set *a, struct set *b, const char *path, size_t every)
{
    char err[256], *buf;
    size_t len;
    if (tr_file_read(path, &buf, &len, err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        exit(1);
    }
    keep_buf(a ? a : b, buf);
    size_t pos = 0, rec = 0;
    while (pos < len) {
        char *field = buf + pos, *w = field;
        if (buf[pos] == '"') {
            pos++;
            while (pos < len) {
                if (buf[pos] == '"' && pos + 1 < len && buf[pos + 1] == '"') {
                    *w++ = '"';
                    pos += 2;
                } else if (buf[pos] == '"') {
                    pos++;
                    break;
                } else
                    *w++ = buf[pos++];
            }
        } else
            while (pos < len && buf[pos] != ',' && buf[pos] != '\n')
                *w++ = buf[pos++];
        size_t flen = (size_t)(w - field);
        /* skip the rest of the record (later fields are never quoted with newlines here) */
        while (pos < len && buf[pos] != '\n')
            pos++;
        pos++;
        if (rec++ == 0)
            continue; /* header */
        struct set *to = (rec - 2) % every == 0 ? a : b;
        if (!to)
            continue;
        field[flen] = '\0';
        to->ex = realloc(to->ex, (to->n + 1) * sizeof(*to->ex));
        if (!to->ex)
            abort();
        to->ex[to->n++] = (struct signals_example){.text = field,
                                                   .len = flen,
                                                   .lang = "en",
                                                   .kind = SIGNALS_ALL,
                                                   .label = 0,
                                                   .weight = 1.0};
    }
}

static int lang_index(const char *lang)
{
    for (int i = 0; i < N_LANGS; i++)
        if (strcmp(lang, langs[i]) == 0)
            return i;
    return -1;
}

static double now_s(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void pct(char *buf, size_t len, size_t k, size_t n)
{
    if (!n)
        snprintf(buf, len, "      -");
    else
        snprintf(buf, len, "%5.1f%% (%zu/%zu)", 100.0 * (double)k / (double)n, k, n);
}

static void concat(struct set *dst, const struct set *src, size_t every, size_t pick, bool keep)
{
    for (size_t i = 0; i < src->n; i++) {
        bool in = every == 0 || (i % every == pick) == keep;
        if (!in)
            continue;
        dst->ex = realloc(dst->ex, (dst->n + 1) * sizeof(*dst->ex));
        if (!dst->ex)
            abort();
        dst->ex[dst->n++] = src->ex[i];
    }
}

/* y of example e for signal k: 1, 0, or -1 (says nothing of k). */
static int label_for(const struct signals_example *e, int k)
{
    if (e->kind == SIGNALS_ALL)
        return 0;
    return e->kind == k ? e->label : -1;
}

#define MAX_FA_ALL 0.01
#define MAX_FA_LANG 0.02
#define MAX_FA_HARD 0.05

/* Threshold for signal k from validation scores sc[i * SIGNALS_N + k]: the highest recall whose
 * false alarms on ordinary text stay within MAX_FA_ALL overall and MAX_FA_LANG in every language,
 * and on the hard negatives (hard[i]: benign mentions, negations of every signal) within
 * MAX_FA_HARD; the middle of the thresholds that reach it. */
static double choose_threshold(const struct set *v, const bool *hard, const double *sc, int k)
{
    double best_rec = -1;
    int lo = -1, hi = -1;
    for (int step = 5; step <= 99; step++) {
        double t = step / 100.0;
        size_t tp = 0, np = 0, fp = 0, nn = 0, fpl[N_LANGS] = {0}, nnl[N_LANGS] = {0};
        size_t fh = 0, nh = 0;
        for (size_t i = 0; i < v->n; i++) {
            int y = label_for(&v->ex[i], k), li = lang_index(v->ex[i].lang);
            bool fired = sc[i * SIGNALS_N + k] >= t;
            if (y == 1) {
                np++;
                tp += fired;
            } else if (y == 0 && hard[i]) {
                nh++;
                fh += fired;
            } else if (y == 0) {
                nn++;
                fp += fired;
                if (li >= 0) {
                    nnl[li]++;
                    fpl[li] += fired;
                }
            }
        }
        bool ok = (nn == 0 || (double)fp <= MAX_FA_ALL * (double)nn) &&
                  (nh == 0 || (double)fh <= MAX_FA_HARD * (double)nh);
        for (int l = 0; l < N_LANGS; l++)
            if (nnl[l] && (double)fpl[l] > MAX_FA_LANG * (double)nnl[l])
                ok = false;
        if (!ok)
            continue;
        double rec = np ? (double)tp / (double)np : 0;
        if (rec > best_rec + 1e-12) {
            best_rec = rec;
            lo = hi = step;
        } else if (rec > best_rec - 1e-12)
            hi = step;
    }
    return lo < 0 ? 0.99 : (lo + hi) / 2 / 100.0;
}

/* Per signal and language: recall on positives, false alarms on the benign texts written for
 * that signal, false alarms on every benign text of the language. */
static void report(const char *title, const signals_model *model, text_analyzer *az, text_doc *doc,
                   const struct set *s, const double *scores, bool verbose)
{
    size_t tp[SIGNALS_N][N_LANGS] = {{0}}, np[SIGNALS_N][N_LANGS] = {{0}};
    size_t fb[SIGNALS_N][N_LANGS] = {{0}}, nb[SIGNALS_N][N_LANGS] = {{0}};
    size_t fo[SIGNALS_N][N_LANGS] = {{0}}, no[N_LANGS] = {0};
    size_t fa_any[N_LANGS] = {0}, ord_n[N_LANGS] = {0}, ord_any[N_LANGS] = {0};
    for (size_t i = 0; i < s->n; i++) {
        const struct signals_example *e = &s->ex[i];
        int li = lang_index(e->lang);
        struct signals_result r;
        if (li < 0)
            continue;
        if (scores) {
            for (int k = 0; k < SIGNALS_N; k++) {
                r.s[k].score = scores[i * SIGNALS_N + k];
                r.s[k].fired = r.s[k].score >= signals_threshold(model, k);
                snprintf(r.s[k].reason, sizeof(r.s[k].reason), "score %.2f", r.s[k].score);
            }
        } else if (signals_score_text(model, az, doc, e->lang, e->text, e->len, &r))
            continue;
        if (e->label == 1) {
            np[e->kind][li]++;
            tp[e->kind][li] += r.s[e->kind].fired;
            if (verbose && !r.s[e->kind].fired)
                printf("  MISS %s/%s %.2f: %s\n", signals_name(e->kind), e->lang,
                       r.s[e->kind].score, e->text);
            continue;
        }
        no[li]++;
        bool any = false;
        for (int k = 0; k < SIGNALS_N; k++) {
            fo[k][li] += r.s[k].fired;
            any |= r.s[k].fired;
            if (e->kind == k) {
                nb[k][li]++;
                fb[k][li] += r.s[k].fired;
            }
            if (verbose && r.s[k].fired)
                printf("  FALSE %s/%s (%s): %s\n", signals_name(k), e->lang, r.s[k].reason,
                       e->text);
        }
        fa_any[li] += any;
        if (e->kind == SIGNALS_ALL) {
            ord_n[li]++;
            ord_any[li] += any;
        }
    }
    printf("\n%s\n", title);
    printf("%-9s %-4s %-20s %-20s %-20s\n", "signal", "lang", "recall", "false alarms: benign",
           "false alarms: all");
    printf("%-9s %-4s %-20s %-20s %-20s\n", "", "", "", "mentions of it", "benign of the lang");
    for (int k = 0; k < SIGNALS_N; k++)
        for (int l = 0; l < N_LANGS; l++) {
            char a[40], b[40], c[40];
            pct(a, sizeof(a), tp[k][l], np[k][l]);
            pct(b, sizeof(b), fb[k][l], nb[k][l]);
            pct(c, sizeof(c), fo[k][l], no[l]);
            printf("%-9s %-4s %-20s %-20s %-20s\n", signals_name(k), langs[l], a, b, c);
        }
    printf("benign texts with any signal fired:");
    for (int l = 0; l < N_LANGS; l++) {
        char a[40];
        pct(a, sizeof(a), fa_any[l], no[l]);
        printf("  %s %s", langs[l], a);
    }
    printf("\nordinary texts (signal \"all\") with any signal fired:");
    for (int l = 0; l < N_LANGS; l++) {
        char a[40];
        pct(a, sizeof(a), ord_any[l], ord_n[l]);
        printf("  %s %s", langs[l], a);
    }
    printf("\n");
}

static double *score_all(const signals_model *model, text_analyzer *az, text_doc *doc,
                         const struct set *s)
{
    double *sc = calloc(s->n * SIGNALS_N + 1, sizeof(double));
    if (!sc)
        abort();
    for (size_t i = 0; i < s->n; i++) {
        struct signals_result r;
        const struct signals_example *e = &s->ex[i];
        if (signals_score_text(model, az, doc, e->lang, e->text, e->len, &r))
            continue;
        for (int k = 0; k < SIGNALS_N; k++)
            sc[i * SIGNALS_N + k] = r.s[k].score;
    }
    return sc;
}

int main(int argc, char **argv)
{
    char sdir[1024], ddir[1024], path[1200], err[512];
    snprintf(sdir, sizeof(sdir), "%s", argc > 1 ? argv[1] : TEST_SOURCE_DIR "/data/signals");
    snprintf(ddir, sizeof(ddir), "%s",
             argc > 2 ? argv[2] : test_env("TR_DATA_DIR", "/work/shared/data"));
    static const char *const files[] = {"security", "legal",    "outage",
                                        "churn",    "distress", "ordinary"};
    struct set train = {0}, valid = {0}, held = {0}, held_old = {0}, pub = {0}, ordinary_eval = {0};
    size_t n_valid_hard = 0; /* valid/: the signal files (hard negatives) come first */
    for (size_t i = 0; i < 6; i++) {
        if (i == 5)
            n_valid_hard = valid.n;
        snprintf(path, sizeof(path), "%s/train/%s.tsv", sdir, files[i]);
        set_add_file(&train, path);
        snprintf(path, sizeof(path), "%s/valid/%s.tsv", sdir, files[i]);
        set_add_file(&valid, path);
        snprintf(path, sizeof(path), "%s/heldout2/%s.tsv", sdir, files[i]);
        set_add_file(&held, path);
        snprintf(path, sizeof(path), "%s/heldout/%s.tsv", sdir, files[i]);
        set_add_file(&held_old, path);
    }
    snprintf(path, sizeof(path), "%s/banking77/train.csv", ddir);
    set_add_csv(&pub, &ordinary_eval, path, 5);
    size_t n_b77_eval = ordinary_eval.n;
    snprintf(path, sizeof(path), "%s/clinc150/train.csv", ddir);
    set_add_csv(&pub, NULL, path, 5);
    snprintf(path, sizeof(path), "%s/clinc150/val.csv", ddir);
    set_add_csv(NULL, &ordinary_eval, path, 1 << 30);
    double pub_w = atof(test_env("BENCH_PUBLIC_WEIGHT", "0.2"));
    for (size_t i = 0; i < pub.n; i++)
        pub.ex[i].weight = pub_w > 0 ? pub_w : 1.0;
    char *patterns;
    size_t patterns_len;
    snprintf(path, sizeof(path), "%s/patterns.tsv", sdir);
    if (tr_file_read(path, &patterns, &patterns_len, err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    text_analyzer *az = text_analyzer_new(langs, N_LANGS, NULL, err, sizeof(err));
    text_doc *doc = text_doc_new();
    if (!az || !doc) {
        fprintf(stderr, "analyzer: %s\n", err);
        return 1;
    }
    bool verbose = getenv("BENCH_VERBOSE") != NULL;

    /* stage 1: thresholds from the validation split */
    struct set t1 = {0}, v1 = {0};
    concat(&t1, &train, 0, 0, true);
    concat(&t1, &pub, 10, 0, false);
    concat(&v1, &valid, 0, 0, true);
    concat(&v1, &pub, 10, 0, true);
    printf("stage 1 (thresholds): train %zu examples of data/signals/train + %zu ordinary English "
           "rows (weight %.2f); validation %zu of data/signals/valid + %zu English rows\n",
           train.n, t1.n - train.n, pub_w, valid.n, v1.n - valid.n);
    struct signals_train_params params;
    signals_train_params_default(&params);
    params.model_version = "bench";
    params.patterns = patterns;
    params.patterns_len = patterns_len;
    /* training parameters other than the defaults, for experiments on the validation split */
    params.l2 = atof(test_env("BENCH_L2", "0"));
    params.epochs = (unsigned)atoi(test_env("BENCH_EPOCHS", "0"));
    params.pos_weight = atof(test_env("BENCH_POS_WEIGHT", "0"));
    signals_model *m1 = NULL;
    double t0 = now_s(CLOCK_MONOTONIC);
    if (signals_train(t1.ex, t1.n, &params, &m1, NULL, err, sizeof(err))) {
        fprintf(stderr, "train: %s\n", err);
        return 1;
    }
    printf("trained in %.1f s\n", now_s(CLOCK_MONOTONIC) - t0);
    double *vs = score_all(m1, az, doc, &v1);
    bool *hard = calloc(v1.n + 1, sizeof(bool));
    if (!hard)
        abort();
    for (size_t i = 0; i < n_valid_hard; i++)
        hard[i] = v1.ex[i].label == 0;
    for (int k = 0; k < SIGNALS_N; k++)
        params.threshold[k] = choose_threshold(&v1, hard, vs, k);
    free(hard);
    printf("thresholds chosen on the validation split (highest recall with false alarms on "
           "ordinary text <= %.0f%% overall and <= %.0f%% per language, on the hard negatives "
           "<= %.0f%%):",
           100 * MAX_FA_ALL, 100 * MAX_FA_LANG, 100 * MAX_FA_HARD);
    for (int k = 0; k < SIGNALS_N; k++)
        printf(" %s %.3f", signals_name(k), params.threshold[k]);
    printf("\n");
    /* the stage-1 model with those thresholds, on the validation split */
    signals_model *m1t = NULL;
    if (signals_train(t1.ex, t1.n, &params, &m1t, NULL, err, sizeof(err))) {
        fprintf(stderr, "train: %s\n", err);
        return 1;
    }
    report("validation split (data/signals/valid + 1/10 of the English rows; stage-1 model)", m1t,
           az, doc, &v1, vs, verbose);
    signals_free(m1);
    signals_free(m1t);
    free(vs);

    /* stage 2: the model */
    struct set all = {0};
    concat(&all, &train, 0, 0, true);
    concat(&all, &valid, 0, 0, true);
    size_t n_own = all.n;
    concat(&all, &pub, 0, 0, true);
    printf("\nstage 2 (the model): %zu examples of data/signals/train + valid, %zu ordinary "
           "English rows (every 5th of BANKING77 and CLINC150 train.csv, weight %.2f)\n",
           n_own, all.n - n_own, pub_w);
    struct signals_train_metrics m;
    signals_model *trained = NULL;
    t0 = now_s(CLOCK_MONOTONIC);
    if (signals_train(all.ex, all.n, &params, &trained, &m, err, sizeof(err))) {
        fprintf(stderr, "train: %s\n", err);
        return 1;
    }
    printf("trained in %.1f s; %zu patterns\n", now_s(CLOCK_MONOTONIC) - t0,
           signals_n_patterns(trained));
    for (int k = 0; k < SIGNALS_N; k++)
        printf("  %-8s out-of-fold (training data): recall %.3f, false alarms %.3f "
               "(%zu pos / %zu neg), threshold %.2f\n",
               signals_name(k), m.oof_recall[k], m.oof_false_alarm[k], m.n_pos[k], m.n_neg[k],
               signals_threshold(trained, k));
    const char *keep = getenv("BENCH_SIGNALS_MODEL");
    char model_path[512];
    if (keep)
        snprintf(model_path, sizeof(model_path), "%s", keep);
    else
        test_unique(model_path, sizeof(model_path), "/tmp/bench-signals.model");
    if (signals_save(trained, model_path, err, sizeof(err))) {
        fprintf(stderr, "save: %s\n", err);
        return 1;
    }
    signals_free(trained);
    signals_model *model = signals_load(model_path, err, sizeof(err));
    if (!model) {
        fprintf(stderr, "load: %s\n", err);
        return 1;
    }
    FILE *fp = fopen(model_path, "rb");
    long size = 0;
    if (fp && fseek(fp, 0, SEEK_END) == 0)
        size = ftell(fp);
    if (fp)
        fclose(fp);
    printf("model file: %.2f MB (loaded back from the file for everything below)\n",
           (double)size / 1e6);
    if (!keep)
        remove(model_path);

    if (getenv("BENCH_NO_HELDOUT")) { /* while working on the data or the model */
        printf("\nBENCH_NO_HELDOUT: held-out sets not scored\n");
        return 0;
    }
    report("HELD OUT (data/signals/heldout2: written apart from the training data, never trained "
           "or tuned on)",
           model, az, doc, &held, NULL, false);
    report("older held-out set (data/signals/heldout; its English security and churn rows are "
           "CONTAMINATED: patterns were broadened after looking at their misses)",
           model, az, doc, &held_old, NULL, false);

    /* ordinary English tickets not trained on */
    size_t fe[SIGNALS_N][2] = {{0}}, fe_any[2] = {0};
    for (size_t i = 0; i < ordinary_eval.n; i++) {
        struct signals_result r;
        const struct signals_example *e = &ordinary_eval.ex[i];
        if (signals_score_text(model, az, doc, "en", e->text, e->len, &r))
            continue;
        bool any = false;
        for (int k = 0; k < SIGNALS_N; k++) {
            fe[k][i < n_b77_eval] += r.s[k].fired;
            any |= r.s[k].fired;
        }
        fe_any[i < n_b77_eval] += any;
    }
    printf("\nfalse alarms on ordinary English tickets not trained on:\n");
    for (int k = 0; k < SIGNALS_N; k++) {
        char a[40], b[40];
        pct(a, sizeof(a), fe[k][1], n_b77_eval);
        pct(b, sizeof(b), fe[k][0], ordinary_eval.n - n_b77_eval);
        printf("  %-9s BANKING77 (4/5 of train.csv) %-22s CLINC150 val.csv %s\n", signals_name(k),
               a, b);
    }
    {
        char a[40], b[40];
        pct(a, sizeof(a), fe_any[1], n_b77_eval);
        pct(b, sizeof(b), fe_any[0], ordinary_eval.n - n_b77_eval);
        printf("  %-9s BANKING77 (4/5 of train.csv) %-22s CLINC150 val.csv %s\n", "any", a, b);
    }
    struct set *train_for_clf = &all;

    /* speed: one text at a time, on this thread; the same texts for every step */
    classifier *clf = NULL;
    classify_scratch *scratch = NULL;
    if (!getenv("BENCH_NO_CLASSIFIER")) {
        struct classify_example *cex = calloc(train_for_clf->n, sizeof(*cex));
        size_t nc = 0;
        char *cbuf = NULL, clabel[64];
        size_t clen = 0;
        snprintf(path, sizeof(path), "%s/banking77/train.csv", ddir);
        if (!cex || tr_file_read(path, &cbuf, &clen, err, sizeof(err))) {
            fprintf(stderr, "classifier data: %s\n", err);
            return 1;
        }
        /* The classifier of the same run: BANKING77, trained with the default parameters on
         * the fifth of train.csv the signals trained on, labels from the same rows. */
        char *save = NULL;
        size_t row = 0;
        for (char *line = strtok_r(cbuf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            if (row++ == 0 || (row - 2) % 5)
                continue;
            char *comma = strrchr(line, ',');
            if (!comma)
                continue;
            *comma = '\0';
            snprintf(clabel, sizeof(clabel), "%s", comma + 1);
            char *text = line;
            if (*text == '"') {
                text++;
                size_t tl = strlen(text);
                if (tl && text[tl - 1] == '"')
                    text[tl - 1] = '\0';
            }
            cex[nc].text = text;
            cex[nc].len = strlen(text);
            cex[nc].label = comma + 1;
            nc++;
        }
        struct classify_train_params cp;
        classify_train_params_default(&cp);
        t0 = now_s(CLOCK_MONOTONIC);
        if (classifier_train(cex, nc, &cp, &clf, err, sizeof(err))) {
            fprintf(stderr, "classifier: %s\n", err);
            return 1;
        }
        printf("\nclassifier for the speed comparison: BANKING77, %zu rows, default parameters, "
               "trained in %.1f s\n",
               nc, now_s(CLOCK_MONOTONIC) - t0);
        scratch = classify_scratch_new();
        free(cex);
        free(cbuf);
    }
    /* the texts: the ordinary rows evaluated above and the held-out texts (all languages) */
    size_t nt = ordinary_eval.n + held.n;
    const struct signals_example **tx = malloc(nt * sizeof(*tx));
    for (size_t i = 0; i < ordinary_eval.n; i++)
        tx[i] = &ordinary_eval.ex[i];
    for (size_t i = 0; i < held.n; i++)
        tx[ordinary_eval.n + i] = &held.ex[i];
    /* The router's whole text path needs language detection: an analyzer with fingerprints. */
    static const char *const common[] = {TEXT_LANGS_COMMON};
    text_langid *lid =
        text_langid_new(NULL, common, sizeof(common) / sizeof(common[0]), err, sizeof(err));
    text_analyzer *az_lid = lid ? text_analyzer_new(langs, N_LANGS, lid, err, sizeof(err)) : NULL;
    if (!az_lid)
        fprintf(stderr, "language detection (libexttextcat-data): %s; no whole-path line\n", err);
    enum { S_ANALYSE, S_SCORE, S_BOTH, S_CLASSIFY, S_PATH, S_N };
    static const char *const step_name[S_N] = {
        "text_analyze alone", "signals_score (on the analysed doc)", "text_analyze + signals_score",
        "classifier_predict top 3 (classifier only)",
        "whole path: detect + analyze + signals + classify"};
    enum { ROUNDS = 7 };
    double rate[S_N][ROUNDS];
    volatile double sink = 0;
    for (int round = 0; round < ROUNDS; round++)
        for (int s = 0; s < S_N; s++) {
            if ((s == S_CLASSIFY && !clf) || (s == S_PATH && (!clf || !az_lid))) {
                rate[s][round] = 0;
                continue;
            }
            double cpu = 0;
            for (size_t i = 0; i < nt; i++) {
                const struct signals_example *e = tx[i];
                struct signals_result r;
                struct classify_result cr;
                if (s == S_SCORE) {
                    if (text_analyze(az, e->lang, e->text, e->len, doc))
                        continue;
                    double a = now_s(CLOCK_THREAD_CPUTIME_ID);
                    if (signals_score(model, doc, NULL, &r) == 0)
                        sink += r.s[0].score;
                    cpu += now_s(CLOCK_THREAD_CPUTIME_ID) - a;
                    continue;
                }
                double a = now_s(CLOCK_THREAD_CPUTIME_ID);
                if (s == S_ANALYSE) {
                    if (text_analyze(az, e->lang, e->text, e->len, doc) == 0)
                        sink += (double)text_doc_n_tokens(doc);
                } else if (s == S_BOTH) {
                    if (signals_score_text(model, az, doc, e->lang, e->text, e->len, &r) == 0)
                        sink += r.s[0].score;
                } else if (s == S_PATH) {
                    /* As the router does for a ticket without a language: detect it, analyse in
                     * it, score the signals on that analysis, classify. */
                    struct text_language lang;
                    int d = text_detect_language(az_lid, e->text, e->len, NULL, &lang);
                    const char *tag =
                        d == 0 && strcmp(lang.tag, TEXT_LANG_UNKNOWN) != 0 ? lang.tag : "en";
                    if (text_analyze(az_lid, tag, e->text, e->len, doc) == 0 &&
                        signals_score(model, doc, NULL, &r) == 0 &&
                        classifier_predict(clf, scratch, e->text, e->len, 3, &cr) == 0)
                        sink += r.s[0].score + cr.top[0].confidence;
                } else if (classifier_predict(clf, scratch, e->text, e->len, 3, &cr) == 0)
                    sink += cr.top[0].confidence;
                cpu += now_s(CLOCK_THREAD_CPUTIME_ID) - a;
            }
            rate[s][round] = (double)nt / cpu;
        }
    printf("\nspeed: %zu texts (ordinary + held out), one at a time, one thread, per second of "
           "this thread's CPU time; min / median / max of %d interleaved rounds\n",
           nt, ROUNDS);
    for (int s = 0; s < S_N; s++) {
        qsort(rate[s], ROUNDS, sizeof(double), cmp_double);
        if ((s == S_CLASSIFY && !clf) || (s == S_PATH && (!clf || !az_lid)))
            continue;
        printf("  %-50s %9.0f / %9.0f / %9.0f texts/s\n", step_name[s], rate[s][0],
               rate[s][ROUNDS / 2], rate[s][ROUNDS - 1]);
    }
    (void)sink;
    free(tx);
    classify_scratch_free(scratch);
    classifier_free(clf);
    text_doc_free(doc);
    text_analyzer_free(az_lid);
    text_langid_free(lid);
    text_analyzer_free(az);
    signals_free(model);
    free(patterns);
    set_clear(&train);
    set_clear(&valid);
    set_clear(&held);
    set_clear(&held_old);
    set_clear(&pub);
    set_clear(&ordinary_eval);
    free(t1.ex);
    free(v1.ex);
    free(all.ex);
    return 0;
}
