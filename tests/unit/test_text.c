/* Unit tests of the text module's analysis: folding, tokens, contractions, stems, phrases.
 * Language detection is in test_text_language.c. */
#include "test_support.h"

#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const LANGS[] = {"en", "de", "fr", "es", "pt"};

struct fixture {
    text_analyzer *az;
    text_doc *doc;
};

static int setup(void **state)
{
    static struct fixture f;
    char err[256];
    f.az = text_analyzer_new(LANGS, 5, NULL, err, sizeof(err));
    f.doc = text_doc_new();
    if (!f.az || !f.doc) {
        fprintf(stderr, "setup: %s\n", err);
        return -1;
    }
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    text_doc_free(f->doc);
    text_analyzer_free(f->az);
    return 0;
}

static void expect_folded(const char *in, const char *want)
{
    char out[256];
    size_t len = 0;
    assert_int_equal(text_normalize(in, strlen(in), out, sizeof(out), &len), 0);
    assert_string_equal(out, want);
    assert_int_equal(len, strlen(want));
}

/* Tokens of text in lang as "surface/stem" separated by spaces; numbers get '#', codes '@'. */
static const char *tokens_of(struct fixture *f, const char *lang, const char *text)
{
    static char buf[2048];
    assert_int_equal(text_analyze(f->az, lang, text, strlen(text), f->doc), 0);
    const struct text_token *t = text_doc_tokens(f->doc);
    size_t n = text_doc_n_tokens(f->doc), used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *mark = t[i].kind == TEXT_TOKEN_NUMBER ? "#"
                           : t[i].kind == TEXT_TOKEN_CODE ? "@"
                                                          : "";
        assert_int_equal(strlen(t[i].surface), t[i].surface_len);
        assert_int_equal(strlen(t[i].stem), t[i].stem_len);
        used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s%s/%s", i ? " " : "", mark,
                                 t[i].surface, t[i].stem);
        assert_true(used < sizeof(buf));
    }
    return buf;
}

static bool matches(struct fixture *f, const char *lang, const char *text, const char *phrase,
                    enum text_match mode)
{
    char err[256];
    assert_int_equal(text_analyze(f->az, lang, text, strlen(text), f->doc), 0);
    text_phrase *p = text_phrase_new(f->az, phrase, strlen(phrase), mode, err, sizeof(err));
    if (!p)
        fail_msg("phrase \"%s\": %s", phrase, err);
    bool hit = text_phrase_match(p, f->doc);
    /* The one-off path must agree with the compiled one. */
    int once = text_match(f->az, f->doc, phrase, strlen(phrase), mode);
    assert_int_equal(once, hit ? 1 : 0);
    text_phrase_free(p);
    return hit;
}

/* ---- folding ----------------------------------------------------------------------------------
 */

static void test_normalize_folds_case_accents_and_width(void **state)
{
    (void)state;
    expect_folded("NÃO FUNCIONA", "nao funciona");
    expect_folded("não funciona", "nao funciona");
    expect_folded("Straße STRASSE", "strasse strasse");
    expect_folded("Ça coûte cher, naïve café", "ca coute cher, naive cafe");
    expect_folded("ＦＵＬＬＷＩＤＴＨ ﬁle", "fullwidth file"); /* NFKC: width and ligatures */
    expect_folded("e\xCC\x81te\xCC\x81", "ete");               /* decomposed accents */
    expect_folded("ΣΟΦΟΣ Ελλάδα", "σοφοσ ελλαδα");             /* final sigma folded too */
    expect_folded("ПРИВЕТ Ёлка", "привет елка");
}

static void test_normalize_keeps_marks_that_are_letters(void **state)
{
    (void)state;
    expect_folded("ガス", "ガス");     /* kana voicing mark stays, recomposed */
    expect_folded("हिन्दी", "हिन्दी");   /* Devanagari vowel signs stay */
    expect_folded("한국어", "한국어"); /* Hangul syllables survive decomposition */
    expect_folded("مَرْحَبًا", "مرحبا");   /* Arabic vowel marks are optional: dropped */
}

static void test_normalize_apostrophes_become_ascii(void **state)
{
    (void)state;
    expect_folded("can\xE2\x80\x99t can\xC2\xB4t can`t", "can't can't can't");
}

static void test_normalize_invalid_utf8_becomes_space(void **state)
{
    (void)state;
    expect_folded("caf\xE9 ok\xFF\xFEyes", "caf  ok  yes");
}

static void test_normalize_reports_truncation_on_a_character(void **state)
{
    (void)state;
    char out[16];
    size_t len = 0;
    /* "nao é" folds to "nao e" (5 bytes): fits with its NUL in 6. */
    assert_int_equal(text_normalize("NÃO É", strlen("NÃO É"), out, 6, &len), 0);
    assert_string_equal(out, "nao e");
    assert_int_equal(text_normalize("NÃO É", strlen("NÃO É"), out, 5, &len), TR_ETOOBIG);
    assert_string_equal(out, "nao ");
    assert_int_equal(len, 5);
    /* Kana are three bytes: the third does not fit whole, so out ends after two. */
    assert_int_equal(text_normalize("ガスガ", strlen("ガスガ"), out, 8, &len), TR_ETOOBIG);
    assert_int_equal(len, 9);
    assert_string_equal(out, "ガス");
    assert_int_equal(text_normalize("abc", 3, NULL, 0, &len), TR_ETOOBIG);
    assert_int_equal(len, 3);
    assert_int_equal(text_normalize(NULL, 3, out, sizeof(out), &len), TR_EINVAL);
}

static void test_analyze_refuses_oversized_text(void **state)
{
    struct fixture *f = *state;
    size_t len = TEXT_MAX_BYTES + 1;
    char *big = malloc(len);
    assert_non_null(big);
    memset(big, 'a', len);
    assert_int_equal(text_analyze(f->az, "en", big, len, f->doc), TR_ETOOBIG);
    size_t out_len;
    assert_int_equal(text_normalize(big, len, NULL, 0, &out_len), TR_ETOOBIG);
    free(big);
}

/* ---- tokens -----------------------------------------------------------------------------------
 */

static void test_tokens_keep_error_codes_and_numbers_whole(void **state)
{
    struct fixture *f = *state;
    assert_string_equal(tokens_of(f, "en", "Error E-1042 and 0x80070005"),
                        "error/error @e-1042/e-1042 and/and @0x80070005/0x80070005");
    assert_string_equal(tokens_of(f, "en", "HTTP 503 errors"), "http/http #503/503 errors/error");
    assert_string_equal(tokens_of(f, "en", "ERR_CONNECTION_REFUSED on v2.3.1, paid 1,000.50."),
                        "@err_connection_refused/err_connection_refused on/on @v2.3.1/v2.3.1 "
                        "paid/paid #1,000.50/1,000.50");
    assert_string_equal(tokens_of(f, "en", "covid-19 since 2024-05-01"),
                        "@covid-19/covid-19 since/sinc @2024-05-01/2024-05-01");
}

static void test_tokens_split_hyphenated_words_and_punctuation(void **state)
{
    struct fixture *f = *state;
    assert_string_equal(tokens_of(f, "en", "log-in (e-mail)... done!"),
                        "log/log in/in e/e mail/mail done/done");
    assert_string_equal(tokens_of(f, "en", "--- 'quoted' -5"), "quoted/quot #5/5");
}

static void test_tokens_cjk_one_per_character(void **state)
{
    struct fixture *f = *state;
    assert_string_equal(tokens_of(f, NULL, "我的卡 OK"), "我/我 的/的 卡/卡 ok/ok");
}

static void test_contractions_have_one_form(void **state)
{
    struct fixture *f = *state;
    const char *want = "i/i can/can not/not access/access";
    assert_string_equal(tokens_of(f, "en", "I can't access"), want);
    assert_string_equal(tokens_of(f, "en", "I cannot access"), want);
    assert_string_equal(tokens_of(f, "en", "I can not access"), want);
    assert_string_equal(tokens_of(f, "en", "I CAN\xE2\x80\x99T access"), want);
    assert_string_equal(tokens_of(f, "en", "I cant access"), want); /* English only */
    assert_string_equal(tokens_of(f, "en", "won't don't isn't"),
                        "will/will not/not do/do not/not is/is not/not");
    assert_string_equal(tokens_of(f, "en", "wont dont doesnt"),
                        "will/will not/not do/do not/not does/doe not/not");
    assert_string_equal(tokens_of(f, "en", "I'm sure it's what we've said, let's go"),
                        "i/i am/am sure/sure it/it is/is what/what we/we have/have said/said "
                        "let/let us/us go/go");
    assert_string_equal(tokens_of(f, "en", "the lawyer's letter"),
                        "the/the lawyer/lawyer letter/letter");
}

static void test_bare_negations_are_english_only(void **state)
{
    struct fixture *f = *state;
    /* French "dont" (of which) is a word, not "do not". */
    assert_string_equal(tokens_of(f, "fr", "le dossier dont je parle"),
                        "le/le dossier/dossi dont/dont je/je parle/parl");
}

static void test_french_elisions_expand(void **state)
{
    struct fixture *f = *state;
    assert_string_equal(tokens_of(f, "fr", "L'accès n'est pas possible qu'aujourd'hui"),
                        "le/le acces/acce ne/ne est/est pas/pas possible/possibl que/que "
                        "aujourd'hui/aujourd'hui");
}

/* ---- stems and phrases ----------------------------------------------------------------------- */

static void test_phrase_matches_inflections_and_case(void **state)
{
    struct fixture *f = *state;
    assert_true(matches(f, "en", "Our lawyers will file a claim", "lawyer", TEXT_MATCH_STEM));
    assert_true(matches(f, "en", "Talk to our Lawyer today", "lawyer", TEXT_MATCH_STEM));
    assert_true(matches(f, "en", "LAWYERS ARE INVOLVED", "lawyer", TEXT_MATCH_STEM));
    assert_true(matches(f, "en", "the lawyer's letter", "lawyers", TEXT_MATCH_STEM));
    assert_true(matches(f, "en", "we filed a claim", "file a claim", TEXT_MATCH_STEM));
    assert_false(matches(f, "en", "a claim we filed", "file a claim", TEXT_MATCH_STEM));
}

static void test_phrase_matches_accents_both_ways(void **state)
{
    struct fixture *f = *state;
    assert_true(matches(f, "pt", "O SISTEMA NÃO FUNCIONA!", "não funciona", TEXT_MATCH_STEM));
    assert_true(matches(f, "pt", "O SISTEMA NÃO FUNCIONA!", "nao funciona", TEXT_MATCH_STEM));
    assert_true(matches(f, "pt", "o sistema nao funciona", "NÃO FUNCIONA", TEXT_MATCH_STEM));
    assert_true(matches(f, "pt", "o sistema não está funcionando", "não está funcionando",
                        TEXT_MATCH_EXACT));
    assert_true(matches(f, "pt", "o sistema nao esta funcionando", "não funciona",
                        TEXT_MATCH_STEM) == false); /* "esta" sits between them */
    assert_true(matches(f, "de", "Die Straße ist gesperrt", "strasse", TEXT_MATCH_EXACT));
}

static void test_phrase_matches_whole_tokens_only(void **state)
{
    struct fixture *f = *state;
    assert_false(matches(f, "en", "our lawyers called", "law", TEXT_MATCH_STEM));
    assert_false(matches(f, "en", "error 5030 again", "503", TEXT_MATCH_EXACT));
    assert_true(matches(f, "en", "got an HTTP 503 again", "http 503", TEXT_MATCH_EXACT));
    assert_false(matches(f, "en", "got an HTTP 504 again", "HTTP 503", TEXT_MATCH_EXACT));
    assert_false(matches(f, "en", "code E-10425", "E-1042", TEXT_MATCH_EXACT));
    assert_true(matches(f, "en", "code e-1042.", "E-1042", TEXT_MATCH_EXACT));
}

static void test_exact_mode_does_not_stem(void **state)
{
    struct fixture *f = *state;
    assert_false(matches(f, "en", "our lawyers", "lawyer", TEXT_MATCH_EXACT));
    assert_true(matches(f, "en", "OUR LAWYER", "lawyer", TEXT_MATCH_EXACT));
    assert_true(matches(f, "en", "failed with 0X80070005", "0x80070005", TEXT_MATCH_EXACT));
}

static void test_contractions_match_each_other(void **state)
{
    struct fixture *f = *state;
    assert_true(matches(f, "en", "I cannot log in", "can't log in", TEXT_MATCH_STEM));
    assert_true(matches(f, "en", "I can not log in", "cannot log in", TEXT_MATCH_EXACT));
    assert_true(matches(f, "en", "it won't start", "will not start", TEXT_MATCH_STEM));
    assert_true(matches(f, "en", "the app isn't loading", "is not loading", TEXT_MATCH_STEM));
}

static void test_stemming_per_language(void **state)
{
    struct fixture *f = *state;
    assert_true(matches(f, "de", "Unsere Anwälte melden sich", "anwalt", TEXT_MATCH_STEM));
    assert_true(matches(f, "de", "Die Rechnungen sind falsch", "Rechnung", TEXT_MATCH_STEM));
    assert_true(matches(f, "de", "Ich will kündigen", "Kündigung", TEXT_MATCH_STEM));
    assert_true(matches(f, "fr", "Nos avocats vont porter plainte", "avocat", TEXT_MATCH_STEM));
    assert_true(matches(f, "fr", "les factures de mars", "facture", TEXT_MATCH_STEM));
    assert_true(matches(f, "fr", "je veux résilier", "résiliation", TEXT_MATCH_STEM));
    assert_true(
        matches(f, "es", "Nuestros abogados presentarán una demanda", "abogado", TEXT_MATCH_STEM));
    assert_true(matches(f, "es", "las facturas de marzo", "factura", TEXT_MATCH_STEM));
    assert_true(
        matches(f, "pt", "Nossos advogados vão entrar com uma ação", "advogado", TEXT_MATCH_STEM));
    assert_true(matches(f, "pt", "o sistema não está funcionando", "funciona", TEXT_MATCH_STEM));
    /* Stems are per language: German suffix rules do not apply to an English text. */
    assert_string_equal(tokens_of(f, "de", "Rechnungen"), "rechnungen/rechnung");
    assert_string_equal(tokens_of(f, "en", "Rechnungen"), "rechnungen/rechnungen");
}

static void test_unstemmed_language_matches_on_folded_forms(void **state)
{
    struct fixture *f = *state;
    /* Japanese: no stemmer among LANGS; a phrase still matches folded tokens. */
    assert_true(matches(f, "ja", "カードが使えない", "カード", TEXT_MATCH_STEM));
    assert_true(matches(f, NULL, "Our LAWYERS", "lawyers", TEXT_MATCH_STEM));
    assert_false(matches(f, NULL, "Our LAWYERS", "lawyer", TEXT_MATCH_STEM));
    assert_string_equal(text_doc_language(f->doc), "");
}

static void test_phrase_compiled_once_serves_every_language(void **state)
{
    struct fixture *f = *state;
    char err[256];
    text_phrase *p =
        text_phrase_new(f->az, "Kündigung", strlen("Kündigung"), TEXT_MATCH_STEM, err, sizeof(err));
    assert_non_null(p);
    const char *de = "Wir kündigen zum Monatsende";
    assert_int_equal(text_analyze(f->az, "de-DE", de, strlen(de), f->doc), 0);
    assert_string_equal(text_doc_language(f->doc), "de");
    assert_int_equal(text_phrase_find(p, f->doc, 0), 1);
    assert_int_equal(text_phrase_find(p, f->doc, 2), -1);
    const char *en = "about the kundigung letter";
    assert_int_equal(text_analyze(f->az, "en", en, strlen(en), f->doc), 0);
    assert_int_equal(text_phrase_find(p, f->doc, 0), 2);
    text_phrase_free(p);
}

static void test_phrase_find_reports_each_position(void **state)
{
    struct fixture *f = *state;
    char err[256];
    text_phrase *p = text_phrase_new(f->az, "not working", 11, TEXT_MATCH_STEM, err, sizeof(err));
    assert_non_null(p);
    const char *text = "It isn't working. Still not working? It doesn't work at all.";
    assert_int_equal(text_analyze(f->az, "en", text, strlen(text), f->doc), 0);
    long at = text_phrase_find(p, f->doc, 0);
    assert_int_equal(at, 2);
    at = text_phrase_find(p, f->doc, (size_t)at + 1);
    assert_int_equal(at, 5);
    at = text_phrase_find(p, f->doc, (size_t)at + 1);
    assert_int_equal(at, 9); /* "doesn't work": does not work, and work is working's stem */
    assert_int_equal(text_phrase_find(p, f->doc, (size_t)at + 1), -1);
    text_phrase_free(p);
}

static void test_phrase_set_finds_what_each_phrase_finds(void **state)
{
    struct fixture *f = *state;
    char err[256];
    const char *const texts[][2] = {
        {"Our LAWYERS say it isn't working: error e-1042, and I cannot log in.", "en"},
        {"O sistema NÃO FUNCIONA e os advogados querem o reembolso", "pt"},
        {"Rückerstattung bitte, der Anwalt wartet", "de"},
        {"", NULL},
    };
    struct {
        const char *text;
        enum text_match mode;
    } const defs[] = {
        {"lawyer", TEXT_MATCH_STEM},       {"not working", TEXT_MATCH_STEM},
        {"E-1042", TEXT_MATCH_EXACT},      {"refund", TEXT_MATCH_STEM},
        {"can't log in", TEXT_MATCH_STEM}, {"não funciona", TEXT_MATCH_STEM},
        {"advogado", TEXT_MATCH_STEM},     {"reembolso", TEXT_MATCH_EXACT},
        {"Anwälte", TEXT_MATCH_STEM},      {"lawyers", TEXT_MATCH_EXACT},
    };
    enum { N = sizeof(defs) / sizeof(defs[0]) };
    text_phrase *phrases[N];
    for (size_t i = 0; i < N; i++) {
        phrases[i] = text_phrase_new(f->az, defs[i].text, strlen(defs[i].text), defs[i].mode, err,
                                     sizeof(err));
        assert_non_null(phrases[i]);
    }
    text_phrase_set *set =
        text_phrase_set_new((const text_phrase *const *)phrases, N, err, sizeof(err));
    assert_non_null(set);
    const size_t want_hits[] = {5, 3, 1, 0};
    for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
        const char *text = texts[t][0];
        assert_int_equal(text_analyze(f->az, texts[t][1], text, strlen(text), f->doc), 0);
        bool matched[N];
        size_t hits = text_phrase_set_match(set, f->doc, matched);
        assert_int_equal(hits, want_hits[t]);
        for (size_t i = 0; i < N; i++)
            if (matched[i] != text_phrase_match(phrases[i], f->doc))
                fail_msg("\"%s\" in \"%s\": set says %d", defs[i].text, text, matched[i]);
    }
    text_phrase_set_free(set);
    for (size_t i = 0; i < N; i++)
        text_phrase_free(phrases[i]);
    text_phrase_set_free(NULL);
}

static void test_phrase_rejects_empty_and_overlong(void **state)
{
    struct fixture *f = *state;
    char err[256] = "";
    assert_null(text_phrase_new(f->az, " ... ", 5, TEXT_MATCH_STEM, err, sizeof(err)));
    assert_non_null(strstr(err, "tokens"));
    const char *long_phrase = "a b c d e f g h i j k l m n o p q";
    assert_null(text_phrase_new(f->az, long_phrase, strlen(long_phrase), TEXT_MATCH_STEM, err,
                                sizeof(err)));
    assert_int_equal(text_match(f->az, f->doc, "!!", 2, TEXT_MATCH_STEM), 0);
}

static void test_analyzer_rejects_a_language_without_stemmer(void **state)
{
    (void)state;
    char err[256] = "";
    const char *langs[] = {"en", "xx"};
    assert_null(text_analyzer_new(langs, 2, NULL, err, sizeof(err)));
    assert_non_null(strstr(err, "xx"));
    text_analyzer *all = text_analyzer_new(NULL, 0, NULL, err, sizeof(err));
    assert_non_null(all);
    assert_true(text_analyzer_has_language(all, "pt-BR"));
    assert_true(text_analyzer_has_language(all, "ar"));
    assert_false(text_analyzer_has_language(all, "ja"));
    text_analyzer_free(all);
    text_analyzer_free(NULL);
    text_doc_free(NULL);
    text_phrase_free(NULL);
}

static void test_doc_is_reused_across_texts(void **state)
{
    struct fixture *f = *state;
    char text[4096];
    for (size_t i = 0; i + 16 < sizeof(text); i += 16)
        memcpy(text + i, "lawyers called. ", 16);
    text[4080] = '\0';
    assert_int_equal(text_analyze(f->az, "en", text, strlen(text), f->doc), 0);
    assert_int_equal(text_doc_n_tokens(f->doc), 510);
    assert_string_equal(tokens_of(f, "en", "short"), "short/short");
    size_t len = 0;
    assert_string_equal(text_doc_folded(f->doc, &len), "short");
    assert_int_equal(len, 5);
    assert_int_equal(text_analyze(f->az, "en", "", 0, f->doc), 0);
    assert_int_equal(text_doc_n_tokens(f->doc), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_folds_case_accents_and_width),
        cmocka_unit_test(test_normalize_keeps_marks_that_are_letters),
        cmocka_unit_test(test_normalize_apostrophes_become_ascii),
        cmocka_unit_test(test_normalize_invalid_utf8_becomes_space),
        cmocka_unit_test(test_normalize_reports_truncation_on_a_character),
        cmocka_unit_test(test_analyze_refuses_oversized_text),
        cmocka_unit_test(test_tokens_keep_error_codes_and_numbers_whole),
        cmocka_unit_test(test_tokens_split_hyphenated_words_and_punctuation),
        cmocka_unit_test(test_tokens_cjk_one_per_character),
        cmocka_unit_test(test_contractions_have_one_form),
        cmocka_unit_test(test_bare_negations_are_english_only),
        cmocka_unit_test(test_french_elisions_expand),
        cmocka_unit_test(test_phrase_matches_inflections_and_case),
        cmocka_unit_test(test_phrase_matches_accents_both_ways),
        cmocka_unit_test(test_phrase_matches_whole_tokens_only),
        cmocka_unit_test(test_exact_mode_does_not_stem),
        cmocka_unit_test(test_contractions_match_each_other),
        cmocka_unit_test(test_stemming_per_language),
        cmocka_unit_test(test_unstemmed_language_matches_on_folded_forms),
        cmocka_unit_test(test_phrase_compiled_once_serves_every_language),
        cmocka_unit_test(test_phrase_find_reports_each_position),
        cmocka_unit_test(test_phrase_set_finds_what_each_phrase_finds),
        cmocka_unit_test(test_phrase_rejects_empty_and_overlong),
        cmocka_unit_test(test_analyzer_rejects_a_language_without_stemmer),
        cmocka_unit_test(test_doc_is_reused_across_texts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
