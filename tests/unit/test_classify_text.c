/* Unit tests of the classifier's text pipeline: normalisation, tokens, e-mail clean-up, limits. */
#include "test_support.h"

#include "classify/classify.h"

#include <stdlib.h>
#include <string.h>

static void expect_tokens(const char *text, const char *want)
{
    classify_scratch *s = classify_scratch_new();
    assert_non_null(s);
    char buf[1024];
    int n = classify_tokens(s, text, strlen(text), buf, sizeof(buf));
    assert_true(n >= 0);
    assert_string_equal(buf, want);
    classify_scratch_free(s);
}

static void test_tokens_case_fold_and_strip_accents(void **state)
{
    (void)state;
    expect_tokens("Café ÜBER Straße", "cafe uber strasse");
    expect_tokens("ＦＵＬＬＷＩＤＴＨ Ｔｅｘｔ", "fullwidth text"); /* NFKC */
}

static void test_tokens_urls_and_emails_become_one_token(void **state)
{
    (void)state;
    expect_tokens("see https://example.com/a?b=1 now", "see <url> now");
    expect_tokens("www.example.org/reset broken", "<url> broken");
    expect_tokens("mail Bob.Smith@Example.com please", "mail <email> please");
}

static void test_tokens_numbers_become_shapes(void **state)
{
    (void)state;
    expect_tokens("order 12345678 costs $45.99 on 4g", "order 00000 costs 00 00 on 0g");
}

static void test_tokens_keep_apostrophes_inside_words(void **state)
{
    (void)state;
    expect_tokens("I don't know 'why'", "i don't know why");
    expect_tokens("I can\xE2\x80\x99t log in", "i can't log in"); /* U+2019 lumped to ' */
}

static void test_tokens_cjk_one_per_character(void **state)
{
    (void)state;
    expect_tokens("我的卡丢了", "我 的 卡 丢 了");
    expect_tokens("カード error", "カ ー ド error");
    expect_tokens("Привет МИР", "привет мир");
}

static void test_tokens_drop_quoted_reply(void **state)
{
    (void)state;
    expect_tokens("My card is broken\n> old text\n>> older", "my card is broken");
    expect_tokens("Refund please\r\n\r\nOn Mon, 1 Jan 2024, Ann <a@b.c> wrote:\r\n> hello\r\n",
                  "refund please");
    expect_tokens("Still waiting\n-----Original Message-----\nFrom: x\nold", "still waiting");
}

static void test_tokens_drop_signatures(void **state)
{
    (void)state;
    expect_tokens("Printer jammed\n-- \nJohn Smith\nACME Corp", "printer jammed");
    expect_tokens("Printer jammed\n\nSent from my iPhone", "printer jammed");
    expect_tokens("Printer jammed again\nBest regards,\nJohn", "printer jammed again");
    /* A closing phrase on the first line is content, not a signature. */
    expect_tokens("thanks for the refund", "thanks for the refund");
}

static void test_tokens_only_quotes_keeps_the_quote(void **state)
{
    (void)state;
    expect_tokens("> forwarded: card lost", "forwarded card lost");
}

static void test_tokens_empty_and_blank_input(void **state)
{
    (void)state;
    classify_scratch *s = classify_scratch_new();
    char buf[16];
    assert_int_equal(classify_tokens(s, "", 0, buf, sizeof(buf)), 0);
    assert_string_equal(buf, "");
    assert_int_equal(classify_tokens(s, " \t\n ?! ", 8, buf, sizeof(buf)), 0);
    assert_int_equal(classify_tokens(s, NULL, 0, buf, sizeof(buf)), 0);
    classify_scratch_free(s);
}

static void test_tokens_invalid_utf8_is_skipped(void **state)
{
    (void)state;
    expect_tokens("ab\xFF\xFE cd \xC3", "ab cd");
}

static void test_tokens_oversized_input_is_refused(void **state)
{
    (void)state;
    size_t len = CLASSIFY_MAX_TEXT_BYTES + 1;
    char *big = malloc(len);
    assert_non_null(big);
    memset(big, 'a', len);
    classify_scratch *s = classify_scratch_new();
    char buf[16];
    assert_int_equal(classify_tokens(s, big, len, buf, sizeof(buf)), TR_ETOOBIG);
    /* Exactly at the limit is fine (one long word). */
    assert_true(classify_tokens(s, big, len - 1, buf, sizeof(buf)) == TR_ETOOBIG); /* buf small */
    char *out = malloc(len + 1);
    assert_int_equal(classify_tokens(s, big, len - 1, out, len + 1), 1);
    free(out);
    free(big);
    classify_scratch_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens_case_fold_and_strip_accents),
        cmocka_unit_test(test_tokens_urls_and_emails_become_one_token),
        cmocka_unit_test(test_tokens_numbers_become_shapes),
        cmocka_unit_test(test_tokens_keep_apostrophes_inside_words),
        cmocka_unit_test(test_tokens_cjk_one_per_character),
        cmocka_unit_test(test_tokens_drop_quoted_reply),
        cmocka_unit_test(test_tokens_drop_signatures),
        cmocka_unit_test(test_tokens_only_quotes_keeps_the_quote),
        cmocka_unit_test(test_tokens_empty_and_blank_input),
        cmocka_unit_test(test_tokens_invalid_utf8_is_skipped),
        cmocka_unit_test(test_tokens_oversized_input_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
