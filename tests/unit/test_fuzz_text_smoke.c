/* The text-pipeline fuzz target (tests/fuzz/fuzz_text_pipeline.c) driven without libFuzzer, so
 * every build (and the sanitizer build in CI) runs it: seeded random bytes, invalid UTF-8,
 * long inputs and mutations of realistic tickets. A crash or a sanitizer report fails it, and so
 * does a broken promise of the classifier (the target aborts: over CLASSIFY_MAX_TEXT_BYTES must be
 * refused with TR_ETOOBIG, anything shorter answered). */
#include "test_support.h"

#include "../fuzz/fuzz_text_pipeline.c"

static uint32_t rng = 2463534242u;
static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void test_random_bytes_do_not_crash(void **state)
{
    (void)state;
    uint8_t buf[2048];
    for (int round = 0; round < 3000; round++) {
        size_t n = next_random() % sizeof(buf);
        for (size_t i = 0; i < n; i++)
            buf[i] = (uint8_t)next_random();
        assert_int_equal(LLVMFuzzerTestOneInput(buf, n), 0);
    }
}

static void test_mutated_tickets_do_not_crash(void **state)
{
    (void)state;
    static const char *const SEEDS[] = {
        "URGENT!!! We can't access production, losing money: https://x.example/a?b=1",
        "> On Mon, Bob wrote:\n> old text\n-- \nSent from my iPhone\nBest regards",
        "Rechnung falsch, bitte dringend prüfen. Não funciona! 请帮忙 \xf0\x9f\x94\xa5",
        "\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc invalid utf-8 everywhere \xff\xfe",
    };
    uint8_t buf[4096];
    for (int round = 0; round < 4000; round++) {
        const char *seed = SEEDS[round % 4];
        size_t n = strlen(seed);
        memcpy(buf, seed, n);
        for (int m = 0; m < 8; m++) {
            uint32_t r = next_random();
            size_t at = n ? r % n : 0;
            switch (r >> 29) {
            case 0: /* flip a bit */
                buf[at] ^= (uint8_t)(1u << ((r >> 8) % 8));
                break;
            case 1: /* insert a byte */
                if (n < sizeof(buf) - 1) {
                    memmove(buf + at + 1, buf + at, n - at);
                    buf[at] = (uint8_t)(r >> 16);
                    n++;
                }
                break;
            case 2: /* cut */
                n = at;
                break;
            default: /* duplicate a span */
                if (n * 2 < sizeof(buf)) {
                    memcpy(buf + n, buf, n);
                    n *= 2;
                }
            }
        }
        assert_int_equal(LLVMFuzzerTestOneInput(buf, n), 0);
    }
}

/* A ticket text of n bytes: realistic words over and over, so the limit is the only reason to
 * refuse it (one 64 KiB word would not tell a size check from a token-length check). */
static char *ticket_text_of(size_t n)
{
    static const char WORDS[] = "my invoice is wrong and the app crashes on start, urgent! ";
    char *text = malloc(n);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        text[i] = WORDS[i % (sizeof(WORDS) - 1)];
    return text;
}

static void test_oversized_input_is_refused_with_etoobig(void **state)
{
    (void)state;
    size_t n = CLASSIFY_MAX_TEXT_BYTES + 1;
    char *big = ticket_text_of(n);
    /* The whole target first (urgency and keywords take the text too): it aborts when the
     * classifier does not refuse, and the sanitizer build checks it reads nothing out of bounds. */
    (void)LLVMFuzzerTestOneInput((const uint8_t *)big, n);

    /* Room for every token, so TR_ETOOBIG can only mean the text itself is too long. */
    char *tokens = malloc(2 * n);
    assert_non_null(tokens);
    assert_int_equal(classify_tokens(scratch, big, n, tokens, 2 * n), TR_ETOOBIG);
    assert_true(classify_tokens(scratch, big, n - 1, tokens, 2 * n) > 0);
    free(tokens);
    struct classify_result res = {0};
    assert_int_equal(classifier_predict(model, scratch, big, n, 3, &res), TR_ETOOBIG);
    assert_int_equal(res.n, 0);

    /* One byte less is within the limit: answered, not refused. */
    assert_int_equal(classifier_predict(model, scratch, big, n - 1, 3, &res), 0);
    assert_int_equal(res.n, 3);
    assert_non_null(res.top[0].label);
    free(big);
}

static int teardown(void **state)
{
    (void)state;
    classifier_free(model);
    classify_scratch_free(scratch);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_bytes_do_not_crash),
        cmocka_unit_test(test_mutated_tickets_do_not_crash),
        cmocka_unit_test(test_oversized_input_is_refused_with_etoobig),
    };
    return cmocka_run_group_tests_name("unit.fuzz_text_smoke", tests, NULL, teardown);
}
