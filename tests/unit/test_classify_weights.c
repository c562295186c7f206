/* Unit tests of the classifier's class weighting, its int8 model format (4) against the float
 * format (3) of the same trained model, and the reading of format 3 files. */
#include "test_support.h"

#include "classify/classify.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N_COMMON 60
#define N_COMMON_VPN 8 /* common examples worded as the rare class's are */
#define N_RARE 4
#define N_MAX (N_COMMON + N_RARE)

static const char *const TOPICS[] = {"printer", "laptop", "monitor", "keyboard", "mouse",
                                     "badge",   "desk",   "chair",   "phone",    "headset"};
static const char *const ISSUES[] = {"broken", "slow", "missing", "noisy", "dirty", "stuck"};

/* An imbalanced set: 60 "general" tickets, 8 of which read "vpn <issue>", and 4 "network"
 * tickets that read the same. The words cannot tell the two apart, so the counts decide:
 * unweighted, 8 against 4 for "general"; weighted (balanced, capped at 5), 4 x 5 against
 * 8 x 0.53 for "network". */
struct imbalanced {
    char text[N_MAX][96];
    struct classify_example ex[N_MAX];
    size_t n;
};

static void imbalanced_build(struct imbalanced *d)
{
    d->n = 0;
    for (size_t i = 0; i < N_COMMON; i++) {
        char *s = d->text[d->n];
        if (i < N_COMMON_VPN)
            snprintf(s, sizeof(d->text[0]), "vpn %s", ISSUES[i % 6]);
        else
            snprintf(s, sizeof(d->text[0]), "my %s is %s", TOPICS[i % 10], ISSUES[(i / 10) % 6]);
        d->ex[d->n++] = (struct classify_example){s, strlen(s), "general"};
    }
    for (size_t i = 0; i < N_RARE; i++) {
        char *s = d->text[d->n];
        snprintf(s, sizeof(d->text[0]), "vpn %s", ISSUES[i]);
        d->ex[d->n++] = (struct classify_example){s, strlen(s), "network"};
    }
}

static classifier *train_with(const struct classify_example *ex, size_t n, double class_weight,
                              unsigned format)
{
    struct classify_train_params p;
    classify_train_params_default(&p);
    p.seed = 3;
    p.min_df = 1;
    p.threads = 1;
    p.class_weight = class_weight;
    p.model_format = format;
    classifier *m = NULL;
    char err[256] = "";
    int rc = classifier_train(ex, n, &p, &m, err, sizeof(err));
    if (rc)
        fail_msg("train: %s (%s)", err, tr_strerror(rc));
    return m;
}

/* Probes worded as both classes' vpn tickets. */
static const char *const PROBES[] = {"vpn", "vpn slow", "vpn broken", "vpn missing", "vpn noisy"};

static size_t probes_labelled(const classifier *m, const char *label)
{
    classify_scratch *s = classify_scratch_new();
    assert_non_null(s);
    size_t hits = 0;
    for (size_t i = 0; i < sizeof(PROBES) / sizeof(PROBES[0]); i++) {
        struct classify_result r;
        assert_int_equal(classifier_predict(m, s, PROBES[i], strlen(PROBES[i]), 1, &r), 0);
        hits += strcmp(r.top[0].label, label) == 0;
    }
    classify_scratch_free(s);
    return hits;
}

/* Balanced weighting recovers the rare class that the unweighted model leaves to the majority,
 * and records itself in the model. */
static void test_class_weight_recovers_rare_class(void **state)
{
    (void)state;
    struct imbalanced d;
    imbalanced_build(&d);
    classifier *plain = train_with(d.ex, d.n, 0, 0);
    classifier *weighted = train_with(d.ex, d.n, 1.0, 0);
    size_t n_probes = sizeof(PROBES) / sizeof(PROBES[0]);
    size_t plain_hits = probes_labelled(plain, "network");
    size_t weighted_hits = probes_labelled(weighted, "network");
    if (!(weighted_hits == n_probes && plain_hits == 0))
        fail_msg("rare class on %zu probes: unweighted %zu (want 0), weighted %zu (want %zu)",
                 n_probes, plain_hits, weighted_hits, n_probes);
    assert_true(classifier_params(weighted)->class_weight == 1.0);
    assert_true(classifier_params(weighted)->class_weight_max == CLASSIFY_DEFAULT_CLASS_WEIGHT_MAX);
    assert_true(classifier_params(plain)->class_weight == 0.0);
    classifier_free(plain);
    classifier_free(weighted);
}

/* On a balanced set every class weight is 1: the model is the unweighted one, bit for bit. */
static void test_class_weight_is_a_no_op_on_balanced_data(void **state)
{
    (void)state;
    struct imbalanced d;
    imbalanced_build(&d);
    /* 4 "network" and the 4 first "general" examples without vpn */
    struct classify_example ex[2 * N_RARE];
    for (size_t i = 0; i < N_RARE; i++) {
        ex[i] = d.ex[N_COMMON_VPN + i];
        ex[N_RARE + i] = d.ex[N_COMMON + i];
    }
    classifier *a = train_with(ex, 2 * N_RARE, 0, 0);
    classifier *b = train_with(ex, 2 * N_RARE, 1.0, 0);
    /* The files differ only in the recorded weighting: compare predictions. */
    classify_scratch *s = classify_scratch_new();
    double pa[2], pb[2];
    for (size_t i = 0; i < 2 * N_RARE; i++) {
        assert_int_equal(classifier_predict_probs(a, s, ex[i].text, ex[i].len, pa), 0);
        assert_int_equal(classifier_predict_probs(b, s, ex[i].text, ex[i].len, pb), 0);
        if (pa[0] != pb[0] || pa[1] != pb[1])
            fail_msg("text %zu: %.17g %.17g vs %.17g %.17g", i, pa[0], pa[1], pb[0], pb[1]);
    }
    classify_scratch_free(s);
    classifier_free(a);
    classifier_free(b);
}

/* A richer synthetic set (8 classes, shared filler words) for comparing the two formats. */
#define Q_CLASSES 8
#define Q_PER_CLASS 20
struct richer {
    char text[Q_CLASSES * Q_PER_CLASS][128];
    char label[Q_CLASSES][16];
    struct classify_example ex[Q_CLASSES * Q_PER_CLASS];
    size_t n;
};

static void richer_build(struct richer *d)
{
    static const char *const WORDS[] = {
        "account", "card", "refund", "transfer", "limit",   "pin",      "app",    "fee",
        "balance", "cash", "top",    "up",       "pending", "declined", "verify", "identity"};
    uint64_t x = 12345;
    d->n = 0;
    for (size_t c = 0; c < Q_CLASSES; c++) {
        snprintf(d->label[c], sizeof(d->label[0]), "class%zu", c);
        for (size_t i = 0; i < Q_PER_CLASS; i++) {
            size_t used = 0;
            char *s = d->text[d->n];
            for (size_t w = 0; w < 6; w++) {
                x = x * 6364136223846793005u + 1442695040888963407u;
                size_t pick = w < 2 ? (c * 2 + w) % 16 : (size_t)(x >> 33) % 16;
                used += (size_t)snprintf(s + used, sizeof(d->text[0]) - used, "%s%s", w ? " " : "",
                                         WORDS[pick]);
            }
            d->ex[d->n++] = (struct classify_example){s, strlen(s), d->label[c]};
        }
    }
}

/* The int8 model (format 4) scores like the float model (format 3) trained the same way: same
 * top class and probabilities within 0.02 on every text, and smaller. */
static void test_int8_scores_match_float(void **state)
{
    (void)state;
    struct richer *d = malloc(sizeof(*d));
    assert_non_null(d);
    richer_build(d);
    classifier *f = train_with(d->ex, d->n, 1.0, 3);
    classifier *q = train_with(d->ex, d->n, 1.0, 4);
    assert_int_equal(classifier_params(f)->model_format, 3);
    assert_int_equal(classifier_params(q)->model_format, 4);
    assert_true(classifier_size_bytes(q) < classifier_size_bytes(f));
    classify_scratch *s = classify_scratch_new();
    double pf[Q_CLASSES], pq[Q_CLASSES], worst = 0;
    for (size_t i = 0; i < d->n; i++) {
        assert_int_equal(classifier_predict_probs(f, s, d->ex[i].text, d->ex[i].len, pf), 0);
        assert_int_equal(classifier_predict_probs(q, s, d->ex[i].text, d->ex[i].len, pq), 0);
        size_t bf = 0, bq = 0;
        for (size_t c = 0; c < Q_CLASSES; c++) {
            bf = pf[c] > pf[bf] ? c : bf;
            bq = pq[c] > pq[bq] ? c : bq;
            worst = fmax(worst, fabs(pf[c] - pq[c]));
        }
        if (bf != bq)
            fail_msg("text %zu \"%s\": top class %zu (float) vs %zu (int8)", i, d->ex[i].text, bf,
                     bq);
    }
    if (!(worst < 0.02))
        fail_msg("largest probability difference %.4f, want < 0.02", worst);
    classify_scratch_free(s);
    classifier_free(f);
    classifier_free(q);
    free(d);
}

/* A format 3 file (the previous format, byte for byte what the previous code wrote) still loads
 * from disk and predicts what it predicted before saving; a format 4 file the same. */
static void test_format3_and_format4_files_load(void **state)
{
    (void)state;
    struct richer *d = malloc(sizeof(*d));
    assert_non_null(d);
    richer_build(d);
    for (unsigned format = 3; format <= 4; format++) {
        classifier *m = train_with(d->ex, d->n, 0, format);
        char path[256], err[256] = "";
        test_unique(path, sizeof(path), "/tmp/test-classify-format");
        assert_int_equal(classifier_save(m, path, err, sizeof(err)), 0);
        classifier *back = classifier_load(path, err, sizeof(err));
        if (!back)
            fail_msg("format %u: %s", format, err);
        assert_int_equal(classifier_params(back)->model_format, format);
        classify_scratch *s = classify_scratch_new();
        double a[Q_CLASSES], b[Q_CLASSES];
        for (size_t i = 0; i < d->n; i++) {
            assert_int_equal(classifier_predict_probs(m, s, d->ex[i].text, d->ex[i].len, a), 0);
            assert_int_equal(classifier_predict_probs(back, s, d->ex[i].text, d->ex[i].len, b), 0);
            assert_memory_equal(a, b, sizeof(a));
        }
        classify_scratch_free(s);
        classifier_free(back);
        classifier_free(m);
        unlink(path);
    }
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_class_weight_recovers_rare_class),
        cmocka_unit_test(test_class_weight_is_a_no_op_on_balanced_data),
        cmocka_unit_test(test_int8_scores_match_float),
        cmocka_unit_test(test_format3_and_format4_files_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
