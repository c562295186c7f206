/* Unit tests of the classifier: training, prediction, calibration, the model file. */
#include "test_support.h"

#include "classify/classify.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N_CLASSES 4
#define PER_CLASS 12

static const char *const CLASS_NAMES[N_CLASSES] = {"billing", "login", "shipping", "printer"};
static const char *const CLASS_WORDS[N_CLASSES][4] = {
    {"invoice", "charged", "refund", "payment"},
    {"password", "login", "locked", "account"},
    {"parcel", "delivery", "courier", "tracking"},
    {"printer", "toner", "jammed", "paper"},
};
static const char *const FILLER[] = {"please help", "hi team",      "it is urgent",
                                     "again today", "since monday", "for my colleague"};

struct toy {
    char text[N_CLASSES * PER_CLASS][96];
    struct classify_example ex[N_CLASSES * PER_CLASS];
    size_t n;
};

static void toy_build(struct toy *t)
{
    t->n = 0;
    for (size_t c = 0; c < N_CLASSES; c++)
        for (size_t i = 0; i < PER_CLASS; i++) {
            char *s = t->text[t->n];
            snprintf(s, sizeof(t->text[0]), "%s %s %s", CLASS_WORDS[c][i % 4], FILLER[(i + c) % 6],
                     CLASS_WORDS[c][(i + 1) % 4]);
            t->ex[t->n] = (struct classify_example){s, strlen(s), CLASS_NAMES[c]};
            t->n++;
        }
}

static classifier *toy_train(const struct toy *t, unsigned threads)
{
    struct classify_train_params p;
    classify_train_params_default(&p);
    p.seed = 7;
    p.model_version = "test-1";
    p.min_df = 1;
    p.threads = threads;
    classifier *m = NULL;
    char err[256] = "";
    int rc = classifier_train(t->ex, t->n, &p, &m, err, sizeof(err));
    if (rc)
        fail_msg("train: %s (%s)", err, tr_strerror(rc));
    return m;
}

static void tmp_path(char *buf, size_t len, const char *what)
{
    char u[96];
    test_unique(u, sizeof(u), what);
    snprintf(buf, len, "/tmp/%s.model", u);
}

static void test_train_separable_classes_perfectly(void **state)
{
    (void)state;
    struct toy t;
    toy_build(&t);
    classifier *m = toy_train(&t, 2);
    assert_int_equal(classifier_n_labels(m), N_CLASSES);
    assert_string_equal(classifier_version(m), "test-1");
    classify_scratch *s = classify_scratch_new();
    struct classify_result r;
    for (size_t i = 0; i < t.n; i++) {
        assert_int_equal(classifier_predict(m, s, t.ex[i].text, t.ex[i].len, 3, &r), 0);
        assert_string_equal(r.top[0].label, t.ex[i].label);
        assert_int_equal(r.n, 3);
        assert_true(r.top[0].confidence >= r.top[1].confidence);
    }
    /* Unseen combinations of each class's words. */
    const char *unseen[N_CLASSES] = {
        "My PAYMENT was charged twice, I want a refund!", "locked out: my password does not work",
        "where is the courier with my parcel?", "the printer says paper jammed"};
    for (size_t c = 0; c < N_CLASSES; c++) {
        assert_int_equal(classifier_predict(m, s, unseen[c], strlen(unseen[c]), 1, &r), 0);
        assert_string_equal(r.top[0].label, CLASS_NAMES[c]);
    }
    classify_scratch_free(s);
    classifier_free(m);
}

static void test_train_is_deterministic_and_thread_independent(void **state)
{
    (void)state;
    struct toy t;
    toy_build(&t);
    classifier *a = toy_train(&t, 1), *b = toy_train(&t, 2);
    char pa[256], pb[256], err[256];
    tmp_path(pa, sizeof(pa), "det-a");
    tmp_path(pb, sizeof(pb), "det-b");
    assert_int_equal(classifier_save(a, pa, err, sizeof(err)), 0);
    assert_int_equal(classifier_save(b, pb, err, sizeof(err)), 0);
    char *da = NULL, *db = NULL;
    size_t la = 0, lb = 0;
    assert_int_equal(tr_file_read(pa, &da, &la, err, sizeof(err)), 0);
    assert_int_equal(tr_file_read(pb, &db, &lb, err, sizeof(err)), 0);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db, la);
    free(da);
    free(db);
    unlink(pa);
    unlink(pb);
    classifier_free(a);
    classifier_free(b);
}

static void test_save_load_round_trip_predicts_identically(void **state)
{
    (void)state;
    struct toy t;
    toy_build(&t);
    classifier *m = toy_train(&t, 2);
    char path[256], err[256];
    tmp_path(path, sizeof(path), "roundtrip");
    assert_int_equal(classifier_save(m, path, err, sizeof(err)), 0);
    classifier *back = classifier_load(path, err, sizeof(err));
    if (!back)
        fail_msg("load: %s", err);
    assert_string_equal(classifier_version(back), "test-1");
    assert_int_equal(classifier_n_labels(back), classifier_n_labels(m));
    assert_int_equal(classifier_metrics(back)->n_examples, t.n);
    assert_true(classifier_metrics(back)->temperature == classifier_metrics(m)->temperature);
    classify_scratch *s = classify_scratch_new();
    double p1[N_CLASSES], p2[N_CLASSES];
    const char *probe[] = {"refund my invoice", "courier lost", "", "完全に無関係な文"};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(classifier_predict_probs(m, s, probe[i], strlen(probe[i]), p1), 0);
        assert_int_equal(classifier_predict_probs(back, s, probe[i], strlen(probe[i]), p2), 0);
        assert_memory_equal(p1, p2, sizeof(p1));
        double sum = 0;
        for (size_t c = 0; c < N_CLASSES; c++)
            sum += p1[c];
        assert_true(fabs(sum - 1.0) < 1e-9);
    }
    classify_scratch_free(s);
    classifier_free(back);
    classifier_free(m);
    unlink(path);
}

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void expect_refused(const char *path, const char *why)
{
    char err[256] = "";
    classifier *m = classifier_load(path, err, sizeof(err));
    assert_null(m);
    if (!strstr(err, why))
        fail_msg("error '%s' does not mention '%s'", err, why);
}

static void test_corrupted_and_truncated_files_are_refused(void **state)
{
    (void)state;
    struct toy t;
    toy_build(&t);
    classifier *m = toy_train(&t, 2);
    char path[256], bad[256], err[256];
    tmp_path(path, sizeof(path), "good");
    tmp_path(bad, sizeof(bad), "bad");
    assert_int_equal(classifier_save(m, path, err, sizeof(err)), 0);
    classifier_free(m);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(tr_file_read(path, &data, &len, err, sizeof(err)), 0);

    data[len / 2] ^= 0x40; /* one flipped bit in the body */
    write_bytes(bad, data, len);
    expect_refused(bad, "corrupted");
    data[len / 2] ^= 0x40;

    write_bytes(bad, data, len - 100); /* truncated */
    expect_refused(bad, "truncated");
    write_bytes(bad, data, 20); /* shorter than the header */
    expect_refused(bad, "not a ticket-router model");
    write_bytes(bad, "", 0);
    expect_refused(bad, "not a ticket-router model");

    data[9] ^= 1; /* header (format version) */
    write_bytes(bad, data, len);
    expect_refused(bad, "header is corrupted");
    data[9] ^= 1;

    write_bytes(bad, data, len); /* the intact copy still loads */
    classifier *ok = classifier_load(bad, err, sizeof(err));
    assert_non_null(ok);
    classifier_free(ok);
    expect_refused("/nonexistent/dir/x.model", "cannot open");
    free(data);
    unlink(path);
    unlink(bad);
}

/* CRC-32 (IEEE, as zlib), bit by bit: enough to forge a valid header in a test. */
static uint32_t crc32_bitwise(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xFFFFFFFFu;
}

/* Files of format versions 1 (before word pairs and the one-vs-rest solver) and 2 (before the
 * hidden layer) with an intact header checksum are refused by their version, not misread. */
static void test_older_format_version_is_refused(void **state)
{
    (void)state;
    struct toy t;
    toy_build(&t);
    classifier *m = toy_train(&t, 1);
    char path[256], old[256], err[256] = "";
    tmp_path(path, sizeof(path), "classify-v1");
    tmp_path(old, sizeof(old), "classify-v1-old");
    assert_int_equal(classifier_save(m, path, err, sizeof(err)), 0);
    classifier_free(m);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(tr_file_read(path, &data, &len, err, sizeof(err)), 0);
    for (uint32_t version = 1; version <= 2; version++) {
        memcpy(data + 8, &version, 4);
        uint32_t crc = crc32_bitwise((const unsigned char *)data, 28);
        memcpy(data + 28, &crc, 4);
        write_bytes(old, data, len);
        char why[64];
        snprintf(why, sizeof(why), "format version %u is not supported", version);
        expect_refused(old, why);
    }
    free(data);
    unlink(path);
    unlink(old);
}

/* The hidden layer is on by default and stored; without it (no_hidden) the model is the linear
 * one alone, smaller, and still separates separable classes. */
static void test_hidden_layer_on_by_default_and_optional(void **state)
{
    (void)state;
    struct toy t;
    toy_build(&t);
    classifier *with = toy_train(&t, 1);
    assert_true(classifier_params(with)->hidden > 0);
    struct classify_train_params p;
    classify_train_params_default(&p);
    p.seed = 7;
    p.min_df = 1;
    p.no_hidden = true;
    classifier *lin = NULL;
    char err[256] = "";
    int rc = classifier_train(t.ex, t.n, &p, &lin, err, sizeof(err));
    if (rc)
        fail_msg("train: %s (%s)", err, tr_strerror(rc));
    assert_int_equal(classifier_params(lin)->hidden, 0);
    assert_true(classifier_params(lin)->no_hidden);
    assert_true(classifier_size_bytes(lin) < classifier_size_bytes(with));
    classify_scratch *s = classify_scratch_new();
    struct classify_result r;
    for (size_t i = 0; i < t.n; i++) {
        assert_int_equal(classifier_predict(lin, s, t.ex[i].text, t.ex[i].len, 1, &r), 0);
        assert_string_equal(r.top[0].label, t.ex[i].label);
        assert_int_equal(classifier_predict(with, s, t.ex[i].text, t.ex[i].len, 1, &r), 0);
        assert_string_equal(r.top[0].label, t.ex[i].label);
    }
    p.no_hidden = false;
    p.hidden = 5000; /* over the limit */
    classifier *bad = NULL;
    assert_int_equal(classifier_train(t.ex, t.n, &p, &bad, err, sizeof(err)), TR_EINVAL);
    assert_null(bad);
    classify_scratch_free(s);
    classifier_free(lin);
    classifier_free(with);
}

/* The one-vs-rest SVMs (dual coordinate descent) also separate separable classes, and are
 * deterministic. */
static void test_ovr_solvers_separate_classes(void **state)
{
    (void)state;
    struct toy t;
    toy_build(&t);
    const unsigned losses[] = {CLASSIFY_LOSS_OVR_SQHINGE, CLASSIFY_LOSS_OVR_HINGE};
    for (size_t l = 0; l < 2; l++) {
        classifier *m[2] = {NULL, NULL};
        for (int k = 0; k < 2; k++) {
            struct classify_train_params p;
            classify_train_params_default(&p);
            p.seed = 7;
            p.min_df = 1;
            p.loss = losses[l];
            p.threads = (unsigned)k + 1;
            char err[256] = "";
            int rc = classifier_train(t.ex, t.n, &p, &m[k], err, sizeof(err));
            if (rc)
                fail_msg("train: %s (%s)", err, tr_strerror(rc));
        }
        assert_int_equal(classifier_params(m[0])->loss, losses[l]);
        classify_scratch *s = classify_scratch_new();
        struct classify_result r;
        for (size_t i = 0; i < t.n; i++) {
            assert_int_equal(classifier_predict(m[0], s, t.ex[i].text, t.ex[i].len, 1, &r), 0);
            assert_string_equal(r.top[0].label, t.ex[i].label);
        }
        assert_int_equal(classifier_size_bytes(m[0]), classifier_size_bytes(m[1]));
        classify_scratch_free(s);
        classifier_free(m[0]);
        classifier_free(m[1]);
    }
}

static void test_oversized_and_bad_input_to_predict(void **state)
{
    (void)state;
    struct toy t;
    toy_build(&t);
    classifier *m = toy_train(&t, 2);
    classify_scratch *s = classify_scratch_new();
    struct classify_result r;
    size_t len = CLASSIFY_MAX_TEXT_BYTES + 1;
    char *big = calloc(1, len);
    memset(big, 'x', len);
    assert_int_equal(classifier_predict(m, s, big, len, 1, &r), TR_ETOOBIG);
    assert_int_equal(classifier_predict(m, s, "x", 1, 0, &r), TR_EINVAL);
    assert_int_equal(classifier_predict(m, NULL, "x", 1, 1, &r), TR_EINVAL);
    /* No usable token: still a prediction, and it is out of scope at a high threshold. */
    assert_int_equal(classifier_predict_at(m, s, "   ", 3, 10, 0.9, &r), 0);
    assert_int_equal(r.n, N_CLASSES);
    assert_true(r.out_of_scope);
    free(big);
    classify_scratch_free(s);
    classifier_free(m);
}

/* Text of which the model knows no word and no character n-gram: no evidence, so every label
 * gets 1/k and the ticket is out of scope. (The biases alone would say anything: the hidden
 * layer never saw an empty vector.) */
static void test_unknown_words_give_equal_probabilities(void **state)
{
    (void)state;
    char path[128];
    tmp_path(path, sizeof(path), "two-class");
    test_two_class_model(path, "unknown-1");
    char err[256] = "";
    classifier *m = classifier_load(path, err, sizeof(err));
    if (!m)
        fail_msg("load: %s", err);
    classify_scratch *s = classify_scratch_new();
    struct classify_result r;
    const char *texts[] = {"zzz xxx", "", "!!! ???"};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(classifier_predict(m, s, texts[i], strlen(texts[i]), 2, &r), 0);
        assert_int_equal(r.n, 2);
        assert_float_equal(r.top[0].confidence, 0.5, 1e-9);
        assert_float_equal(r.top[1].confidence, 0.5, 1e-9);
        assert_true(r.out_of_scope);
    }
    const char *known = "my refund and invoice question";
    assert_int_equal(classifier_predict(m, s, known, strlen(known), 2, &r), 0);
    assert_string_equal(r.top[0].label, "billing");
    assert_false(r.out_of_scope);
    classify_scratch_free(s);
    classifier_free(m);
    unlink(path);
}

/* Two classes whose only words are shared 80/20: a calibrated model says about 0.8. */
static void test_calibration_matches_label_frequencies(void **state)
{
    (void)state;
    enum { N = 1000 };
    static struct classify_example ex[N];
    const char *texts[2] = {"alpha report", "beta report"};
    uint64_t rng = 12345;
    for (size_t i = 0; i < N; i++) {
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t which = i % 2;
        bool flip = (rng >> 33) % 100 < 20;
        ex[i] = (struct classify_example){texts[which], strlen(texts[which]),
                                          (which ^ flip) ? "b" : "a"};
    }
    struct classify_train_params p;
    classify_train_params_default(&p);
    p.min_df = 1;
    p.calib_fraction = 0.3;
    classifier *m = NULL;
    char err[256];
    assert_int_equal(classifier_train(ex, N, &p, &m, err, sizeof(err)), 0);
    classify_scratch *s = classify_scratch_new();
    struct classify_result r;
    assert_int_equal(classifier_predict(m, s, "alpha report", 12, 2, &r), 0);
    assert_string_equal(r.top[0].label, "a");
    if (fabs(r.top[0].confidence - 0.8) > 0.08)
        fail_msg("confidence %.3f, want about 0.80", r.top[0].confidence);
    const struct classify_train_metrics *x = classifier_metrics(m);
    if (x->calib_ece_after > 0.06)
        fail_msg("ECE after calibration %.3f", x->calib_ece_after);
    classify_scratch_free(s);
    classifier_free(m);
}

static void test_ece_of_synthetic_predictions(void **state)
{
    (void)state;
    enum { N = 20000 };
    static double conf[N];
    static bool right[N];
    uint64_t rng = 99;
    for (size_t i = 0; i < N; i++) {
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        conf[i] = 0.5 + 0.5 * (double)((rng >> 11) % 1000) / 1000.0;
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        right[i] = (double)((rng >> 11) % 100000) / 100000.0 < conf[i];
    }
    double calibrated = classify_ece(conf, right, N, 15);
    if (calibrated > 0.02)
        fail_msg("ECE of calibrated predictions %.4f", calibrated);
    for (size_t i = 0; i < N; i++)
        right[i] = false;
    assert_true(classify_ece(conf, right, N, 15) > 0.7);
}

static void test_split_holdout_is_stratified_and_seeded(void **state)
{
    (void)state;
    const char *labels[40];
    for (size_t i = 0; i < 40; i++)
        labels[i] = i < 30 ? "big" : (i < 39 ? "small" : "single");
    bool a[40], b[40], c[40];
    assert_int_equal(classify_split_holdout(labels, 40, 0.2, 5, a), 0);
    assert_int_equal(classify_split_holdout(labels, 40, 0.2, 5, b), 0);
    assert_int_equal(classify_split_holdout(labels, 40, 0.2, 6, c), 0);
    assert_memory_equal(a, b, sizeof(a));
    size_t big = 0, small = 0, diff = 0;
    for (size_t i = 0; i < 40; i++) {
        big += i < 30 && a[i];
        small += i >= 30 && i < 39 && a[i];
        diff += a[i] != c[i];
    }
    assert_int_equal(big, 6);
    assert_int_equal(small, 2);
    assert_false(a[39]); /* a lone example stays in training */
    assert_true(diff > 0);
}

static void test_train_rejects_unusable_data(void **state)
{
    (void)state;
    struct classify_example one[2] = {{"a", 1, "x"}, {"b", 1, "x"}};
    struct classify_train_params p;
    classify_train_params_default(&p);
    classifier *m = NULL;
    char err[256];
    assert_int_equal(classifier_train(one, 2, &p, &m, err, sizeof(err)), TR_EINVAL);
    assert_null(m);
    assert_non_null(strstr(err, "2 distinct labels"));
    struct classify_example nolabel[2] = {{"a", 1, "x"}, {"b", 1, ""}};
    assert_int_equal(classifier_train(nolabel, 2, &p, &m, err, sizeof(err)), TR_EINVAL);
}

static void test_oos_label_marks_out_of_scope(void **state)
{
    (void)state;
    struct toy t;
    toy_build(&t);
    struct classify_train_params p;
    classify_train_params_default(&p);
    p.min_df = 1;
    p.oos_label = "printer"; /* pretend the printer tickets are out of scope */
    p.threshold = 0.3;
    classifier *m = NULL;
    char err[256];
    assert_int_equal(classifier_train(t.ex, t.n, &p, &m, err, sizeof(err)), 0);
    assert_true(fabs(classifier_threshold(m) - 0.3) < 1e-12);
    classify_scratch *s = classify_scratch_new();
    struct classify_result r;
    const char *txt = "toner and paper jammed in the printer";
    assert_int_equal(classifier_predict(m, s, txt, strlen(txt), 1, &r), 0);
    assert_string_equal(r.top[0].label, "printer");
    assert_true(r.out_of_scope);
    txt = "refund the payment on my invoice";
    assert_int_equal(classifier_predict(m, s, txt, strlen(txt), 1, &r), 0);
    assert_false(r.out_of_scope);
    classify_scratch_free(s);
    classifier_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_train_separable_classes_perfectly),
        cmocka_unit_test(test_train_is_deterministic_and_thread_independent),
        cmocka_unit_test(test_save_load_round_trip_predicts_identically),
        cmocka_unit_test(test_corrupted_and_truncated_files_are_refused),
        cmocka_unit_test(test_older_format_version_is_refused),
        cmocka_unit_test(test_hidden_layer_on_by_default_and_optional),
        cmocka_unit_test(test_ovr_solvers_separate_classes),
        cmocka_unit_test(test_oversized_and_bad_input_to_predict),
        cmocka_unit_test(test_unknown_words_give_equal_probabilities),
        cmocka_unit_test(test_calibration_matches_label_frequencies),
        cmocka_unit_test(test_ece_of_synthetic_predictions),
        cmocka_unit_test(test_split_holdout_is_stratified_and_seeded),
        cmocka_unit_test(test_train_rejects_unusable_data),
        cmocka_unit_test(test_oos_label_marks_out_of_scope),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
