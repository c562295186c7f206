/* signals: detection behaviour on the starter model, training, and the model file. */
#include "test_support.h"

#include "common/error.h"
#include "signals/signals.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const langs[] = {SIGNALS_LANGS};

struct fixture {
    signals_model *model;
    text_analyzer *az;
    text_doc *doc;
    struct signals_example *ex;
    size_t n;
    char *bufs[12];
    char *patterns;
};

static struct fixture fx;

/* The model of data/signals/train + valid and patterns.tsv, as bench_signals trains it (without
 * the ordinary rows of the shared data sets, which a unit test must not depend on, and with the
 * default threshold 0.5 rather than the ones bench_signals picks on the validation split). */
static int setup(void **state)
{
    (void)state;
    static const char *const files[] = {"security", "legal",    "outage",
                                        "churn",    "distress", "ordinary"};
    char path[1024], err[256];
    size_t len;
    for (size_t i = 0; i < 12; i++) {
        snprintf(path, sizeof(path), "%s/data/signals/%s/%s.tsv", TEST_SOURCE_DIR,
                 i < 6 ? "train" : "valid", files[i % 6]);
        assert_int_equal(tr_file_read(path, &fx.bufs[i], &len, err, sizeof(err)), 0);
        assert_int_equal(signals_examples_parse(fx.bufs[i], len, &fx.ex, &fx.n, err, sizeof(err)),
                         0);
    }
    snprintf(path, sizeof(path), "%s/data/signals/patterns.tsv", TEST_SOURCE_DIR);
    assert_int_equal(tr_file_read(path, &fx.patterns, &len, err, sizeof(err)), 0);
    struct signals_train_params p;
    signals_train_params_default(&p);
    p.patterns = fx.patterns;
    p.patterns_len = len;
    p.model_version = "test-1";
    if (signals_train(fx.ex, fx.n, &p, &fx.model, NULL, err, sizeof(err)) != 0)
        fail_msg("train: %s", err);
    fx.az = text_analyzer_new(langs, 5, NULL, err, sizeof(err));
    fx.doc = text_doc_new();
    assert_non_null(fx.az);
    assert_non_null(fx.doc);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    signals_free(fx.model);
    text_analyzer_free(fx.az);
    text_doc_free(fx.doc);
    free(fx.ex);
    for (size_t i = 0; i < 12; i++)
        free(fx.bufs[i]);
    free(fx.patterns);
    return 0;
}

static struct signals_result score(const char *lang, const char *text)
{
    struct signals_result r;
    assert_int_equal(signals_score_text(fx.model, fx.az, fx.doc, lang, text, strlen(text), &r), 0);
    for (int k = 0; k < SIGNALS_N; k++) {
        assert_true(r.s[k].score >= 0 && r.s[k].score <= 1);
        assert_true(r.s[k].reason[0] != '\0');
    }
    return r;
}

static void fires(int kind, const char *lang, const char *text)
{
    struct signals_result r = score(lang, text);
    if (!r.s[kind].fired)
        fail_msg("%s should fire (%s) on: %s", signals_name(kind), r.s[kind].reason, text);
}

static void quiet(int kind, const char *lang, const char *text)
{
    struct signals_result r = score(lang, text);
    if (r.s[kind].fired)
        fail_msg("%s should not fire (%s) on: %s", signals_name(kind), r.s[kind].reason, text);
}

static void test_signals_fire(void **state)
{
    (void)state;
    fires(SIGNALS_SECURITY, "en", "Help, our account was hacked and the data breach is public");
    fires(SIGNALS_LEGAL, "en", "We will take legal action and our lawyers will file a lawsuit");
    fires(SIGNALS_OUTAGE, "en", "Your site is down, nobody can log in, we get 503 everywhere");
    fires(SIGNALS_CHURN, "en", "We will cancel our subscription and switch to a competitor");
    fires(SIGNALS_DISTRESS, "en", "This is unacceptable, I am furious and desperate");
}

static void test_benign_mentions_do_not_fire(void **state)
{
    (void)state;
    quiet(SIGNALS_SECURITY, "en", "I reset my password for security reasons");
    quiet(SIGNALS_LEGAL, "en", "Our lawyer needs a copy of the invoice");
    quiet(SIGNALS_OUTAGE, "en", "Is the outage from last week's status page resolved?");
    quiet(SIGNALS_CHURN, "en", "How do I cancel a single order placed by mistake?");
}

static void test_negation_does_not_fire(void **state)
{
    (void)state;
    quiet(SIGNALS_DISTRESS, "en", "This is not urgent, whenever you have time");
    quiet(SIGNALS_CHURN, "en", "We are not planning to cancel our subscription");
    quiet(SIGNALS_SECURITY, "en", "There was no data breach, I only want a new password");
    quiet(SIGNALS_LEGAL, "de", "Wir werden keine rechtlichen Schritte einleiten");
    quiet(SIGNALS_CHURN, "pt", "Não vamos cancelar a assinatura, só queremos mais licenças");
    /* the same pattern without the negation fires, and the reason names it */
    struct signals_result r = score("en", "We are planning to cancel our subscription");
    assert_true(r.s[SIGNALS_CHURN].fired);
    assert_non_null(strstr(r.s[SIGNALS_CHURN].reason, "pattern"));
    r = score("en", "We are not planning to cancel our subscription");
    assert_non_null(strstr(r.s[SIGNALS_CHURN].reason, "negated"));
}

static void test_stemmed_and_accented_variants_fire(void **state)
{
    (void)state;
    /* inflections the training set does not hold, and accents dropped or added */
    fires(SIGNALS_SECURITY, "de", "Unser Konto wurde GEHACKT!!");
    fires(SIGNALS_SECURITY, "fr", "nos comptes ont ete pirates hier soir");
    fires(SIGNALS_LEGAL, "es", "Vamos a demandarlos, ya hablamos con los abogados");
    fires(SIGNALS_OUTAGE, "pt", "o sistema esta fora do ar e ninguem consegue entrar");
    fires(SIGNALS_CHURN, "fr", "nous allons résilier et passer chez un concurrent");
}

static void test_one_sentence_of_a_longer_mail_fires(void **state)
{
    (void)state;
    /* the score is the text's or its strongest sentence's: ordinary sentences around a threat
     * do not dilute it */
    const char *alone = "We will take legal action and our lawyers will file a lawsuit.";
    const char *mixed = "Hello, please update the billing address on our invoices. Also the CSV "
                        "export has the wrong separator for Excel. We will take legal action and "
                        "our lawyers will file a lawsuit. Thanks, Anna";
    struct signals_result a = score("en", alone), b = score("en", mixed);
    assert_true(b.s[SIGNALS_LEGAL].fired);
    assert_true(b.s[SIGNALS_LEGAL].score >= a.s[SIGNALS_LEGAL].score - 1e-9);
    /* churn said through a negation is churn */
    fires(SIGNALS_CHURN, "en", "We have decided we will not be renewing the contract");
    fires(SIGNALS_CHURN, "es", "No renovaremos el contrato");
}

static void test_model_file_round_trips(void **state)
{
    (void)state;
    char path[256], err[256];
    test_unique(path, sizeof(path), "/tmp/test-signals.model");
    assert_int_equal(signals_save(fx.model, path, err, sizeof(err)), 0);
    signals_model *back = signals_load(path, err, sizeof(err));
    if (!back)
        fail_msg("load: %s", err);
    assert_string_equal(signals_version(back), "test-1");
    assert_int_equal(signals_n_patterns(back), signals_n_patterns(fx.model));
    const char *texts[] = {"our account was hacked", "ich kündige den Vertrag",
                           "the invoice total is wrong"};
    for (size_t i = 0; i < 3; i++) {
        struct signals_result a, b;
        assert_int_equal(
            signals_score_text(fx.model, fx.az, fx.doc, "en", texts[i], strlen(texts[i]), &a), 0);
        assert_int_equal(
            signals_score_text(back, fx.az, fx.doc, "en", texts[i], strlen(texts[i]), &b), 0);
        for (int k = 0; k < SIGNALS_N; k++) {
            assert_true(a.s[k].score == b.s[k].score);
            assert_string_equal(a.s[k].reason, b.s[k].reason);
        }
        assert_true(signals_threshold(back, 0) == signals_threshold(fx.model, 0));
    }
    /* bytes in memory load the same */
    void *bytes;
    size_t len;
    assert_int_equal(signals_to_bytes(back, &bytes, &len), 0);
    signals_model *again = signals_load_bytes(bytes, len, err, sizeof(err));
    assert_non_null(again);
    signals_free(again);
    free(bytes);
    signals_free(back);
    remove(path);
}

static void test_bad_file_clear_error(void **state)
{
    (void)state;
    char err[256];
    void *bytes;
    size_t len;
    assert_int_equal(signals_to_bytes(fx.model, &bytes, &len), 0);
    unsigned char *b = bytes;

    assert_null(signals_load_bytes("hello", 5, err, sizeof(err)));
    assert_non_null(strstr(err, "not a ticket-router signals model"));
    assert_null(signals_load_bytes(b, len - 4, err, sizeof(err)));
    assert_non_null(strstr(err, "truncated"));
    b[len / 2] ^= 0x40;
    assert_null(signals_load_bytes(b, len, err, sizeof(err)));
    assert_non_null(strstr(err, "corrupted"));
    b[len / 2] ^= 0x40;
    b[8] = 9; /* format version, header checksum now wrong too */
    assert_null(signals_load_bytes(b, len, err, sizeof(err)));
    assert_non_null(strstr(err, "header is corrupted"));
    free(bytes);
    assert_null(signals_load("/nonexistent/signals.model", err, sizeof(err)));
    assert_non_null(strstr(err, "/nonexistent/signals.model"));
}

static void test_training_on_a_tiny_set_learns_it(void **state)
{
    (void)state;
    /* no patterns: the model alone must learn that "zorbified" means a breach here */
    struct signals_example ex[64];
    size_t n = 0;
    static const char *const pos[] = {"the zorbified server leaks", "we got zorbified today",
                                      "zorbified again, help", "accounts zorbified overnight"};
    static const char *const neg[] = {"please send the invoice",    "how do I add a user",
                                      "change the billing address", "export to csv fails",
                                      "what are your prices",       "reset my password please"};
    for (int rep = 0; rep < 4; rep++) {
        for (size_t i = 0; i < 4; i++)
            ex[n++] =
                (struct signals_example){pos[i], strlen(pos[i]), "en", SIGNALS_SECURITY, 1, 1.0};
        for (size_t i = 0; i < 6; i++)
            ex[n++] = (struct signals_example){neg[i], strlen(neg[i]), "en", SIGNALS_ALL, 0, 1.0};
    }
    for (int k = 1; k < SIGNALS_N; k++) /* every signal needs a positive */
        ex[n++] = (struct signals_example){"xyzzy plugh", 11, "en", k, 1, 1.0};
    struct signals_train_params p;
    signals_train_params_default(&p);
    p.hash_bits = 14;
    signals_model *m = NULL;
    char err[256];
    if (signals_train(ex, n, &p, &m, NULL, err, sizeof(err)))
        fail_msg("train: %s", err);
    struct signals_result r;
    const char *t = "our data was zorbified";
    assert_int_equal(signals_score_text(m, fx.az, fx.doc, "en", t, strlen(t), &r), 0);
    assert_true(r.s[SIGNALS_SECURITY].fired);
    assert_non_null(strstr(r.s[SIGNALS_SECURITY].reason, "model score"));
    t = "please send the invoice for march";
    assert_int_equal(signals_score_text(m, fx.az, fx.doc, "en", t, strlen(t), &r), 0);
    assert_false(r.s[SIGNALS_SECURITY].fired);
    signals_free(m);

    /* unusable data is refused with a reason */
    assert_int_equal(signals_train(ex, 3, &p, &m, NULL, err, sizeof(err)), TR_EINVAL);
    assert_non_null(strstr(err, "needs at least one positive"));
    assert_null(m);
}

static void test_examples_and_patterns_errors(void **state)
{
    (void)state;
    char buf[] = "security\ten\t1\tour account was hacked\nbogus\ten\t1\tx\n";
    struct signals_example *ex = NULL;
    size_t n = 0;
    char err[256];
    assert_int_equal(signals_examples_parse(buf, strlen(buf), &ex, &n, err, sizeof(err)),
                     TR_EINVAL);
    assert_non_null(strstr(err, "line 2"));
    free(ex);

    struct signals_example one[6];
    for (int k = 0; k < SIGNALS_N; k++)
        one[k] = (struct signals_example){"x y", 3, "en", k, 1, 1.0};
    one[5] = (struct signals_example){"a b", 3, "en", SIGNALS_ALL, 0, 1.0};
    struct signals_train_params p;
    signals_train_params_default(&p);
    p.hash_bits = 12;
    p.patterns = "security\txx\thacked\n";
    p.patterns_len = strlen(p.patterns);
    signals_model *m = NULL;
    assert_int_equal(signals_train(one, 6, &p, &m, NULL, err, sizeof(err)), TR_EINVAL);
    assert_non_null(strstr(err, "patterns line 1"));
    assert_null(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signals_fire),
        cmocka_unit_test(test_benign_mentions_do_not_fire),
        cmocka_unit_test(test_negation_does_not_fire),
        cmocka_unit_test(test_stemmed_and_accented_variants_fire),
        cmocka_unit_test(test_one_sentence_of_a_longer_mail_fires),
        cmocka_unit_test(test_model_file_round_trips),
        cmocka_unit_test(test_bad_file_clear_error),
        cmocka_unit_test(test_training_on_a_tiny_set_learns_it),
        cmocka_unit_test(test_examples_and_patterns_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
