/* test_urgency: urgency_text_has (case, punctuation, word boundaries, negations, suffixes,
 * non-English and non-ASCII text) and urgency_assess (scores and priorities derived from the
 * default weights documented in service/src/routing/urgency.c, signals, bounds). Pure. */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/domain.h"
#include "routing/routing.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static void assert_score(double got, double want)
{
    if (fabs(got - want) > 1e-9) {
        print_error("score %g != %g\n", got, want);
        fail();
    }
}

/* A ticket over borrowed strings (urgency_assess only reads it). */
static struct ticket ticket_of(const char *subject, const char *body)
{
    struct ticket ticket = {.ticket_id = "T-1", .customer_id = "acme"};
    ticket.subject = (char *)subject;
    ticket.body = (char *)body;
    return ticket;
}

static struct customer customer_of(enum tier tier, double value_percentile, bool at_risk)
{
    return (struct customer){.customer_id = "acme",
                             .tier = tier,
                             .value_percentile = value_percentile,
                             .at_risk = at_risk};
}

static struct urgency_result assess(const char *subject, const char *body,
                                    const struct customer *customer, const char *category)
{
    struct urgency_weights weights;
    urgency_weights_default(&weights);
    struct ticket ticket = ticket_of(subject, body);
    struct urgency_result r;
    memset(&r, 0xA5, sizeof(r)); /* every field must be written */
    urgency_assess(&weights, &ticket, customer, category, &r);
    return r;
}

static bool has_signal(const struct urgency_result *r, const char *signal)
{
    for (size_t i = 0; i < r->n_signals; i++)
        if (strcmp(r->signals[i], signal) == 0)
            return true;
    return false;
}

struct text_case {
    const char *text;
    const char *phrase;
    bool want;
};

static void check_text_cases(const struct text_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool got = urgency_text_has(cases[i].text, cases[i].phrase);
        if (got != cases[i].want) {
            print_error("urgency_text_has(\"%s\", \"%s\") = %d, want %d\n", cases[i].text,
                        cases[i].phrase, got, cases[i].want);
            fail();
        }
    }
}

/* ---- matching ---- */

static void test_text_has_ignores_case_and_punctuation(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        {"URGENT!!!", "urgent", true},
        {"...urgent...", "urgent", true},
        {"Re: [Urgent] invoice", "urgent", true},
        {"(asap)", "ASAP", true},
        {"Data-loss after update", "data loss", true},
        {"DATA, LOSS", "data loss", true},
        {"we are losing   money\n\tfast", "losing money", true},
        {"urgent", "urgent!", true},
    };
    check_text_cases(cases, N_OF(cases));
}

static void test_text_has_respects_word_boundaries(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        {"the download fails", "down", false},
        {"downtime", "down", false},
        {"an insurgent group", "urgent", false},
        {"urgentissimo", "urgent", false},
        {"crashpad report", "crash", false},
        {"brokenness", "broken", false},
        {"production is down", "production down", false}, /* words must be adjacent */
        {"locked me out", "locked out", false},
        {"the site is down", "down", true},
        {"down", "down", true},
    };
    check_text_cases(cases, N_OF(cases));
}

static void test_text_has_matches_simple_suffixes(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        {"the app is crashing", "crash", true},
        {"it crashed twice", "crash", true},
        {"it crashes on start", "crash", true},
        {"two crashes", "crashed", true},
        {"please reply urgently", "urgent", true},
        {"several outages today", "outage", true},
        {"we are being hacked", "hacked", true},
        {"someone is hacking us", "hacked", true},
        {"my account got locked out", "locked out", true},
        {"the page stopped working", "not working", false},
        {"export is not working", "not working", true},
        {"export does not work", "not working", true},
        {"the breaches", "breach", true},
        {"the server stopped", "stop", true},
        {"logging in fails and I can't log in", "can't log in", true},
    };
    check_text_cases(cases, N_OF(cases));
}

static void test_text_has_matches_negation_variants(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        {"I can't access my account", "can't access", true},
        {"I cant access my account", "can't access", true},
        {"I cannot access my account", "can't access", true},
        {"I can not access my account", "can't access", true},
        {"I CAN\xe2\x80\x99T ACCESS my account", "can't access", true}, /* U+2019 */
        {"I can`t access", "cannot access", true},
        {"I can access my account", "can't access", false},
        {"I can now access my account", "can't access", false},
        {"it won't load", "will not load", true},
        {"it will not load", "won't load", true},
        {"the sync doesn't work", "does not work", true},
        {"the sync does not work", "doesn't work", true},
        {"the sync isn't working", "not working", true},
        {"it is not working", "isn't working", true},
    };
    check_text_cases(cases, N_OF(cases));
}

static void test_text_has_folds_non_ascii_and_other_languages(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        {"Es urgente, por favor", "urgent", true},
        {"\xc2\xa1URGENTE!", "urgente", true}, /* ¡ */
        {"DRINGEND: Server weg", "dringend", true},
        {"Le site ne fonctionne pas", "ne fonctionne pas", true},
        {"La aplicaci\xc3\xb3n no funciona", "no funciona", true},
        {"O sistema N\xc3\x83O FUNCIONA", "n\xc3\xa3o funciona", true}, /* NÃO / não */
        {"nao funciona", "n\xc3\xa3o funciona", true},
        {"Stra\xc3\x9f"
         "e gesperrt",
         "strasse", true},                                   /* ß */
        {"\xc3\x89MERGENCE", "emergence", true},             /* É */
        {"\xd0\xa1\xd0\xa0\xd0\x9e\xd0\xa7\xd0\x9d\xd0\x9e", /* СРОЧНО */
         "\xd1\x81\xd1\x80\xd0\xbe\xd1\x87\xd0\xbd\xd0\xbe", true},
        {"\xf0\x9f\x94\xa5urgent\xf0\x9f\x94\xa5", "urgent", true}, /* emoji separate words */
        {"\xe7\xb4\xa7\xe6\x80\xa5 urgent", "urgent", true},        /* CJK before */
        {"emerg\xc3\xaancia", "emergencia", true},
    };
    check_text_cases(cases, N_OF(cases));
}

static void test_text_has_survives_invalid_utf8(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        {"\xff\xfeurgent\xc3", "urgent", true}, {"\xc3(urgent\xe2\x82", "urgent", true},
        {"\xed\xa0\x80urgent", "urgent", true}, /* an encoded surrogate is a stray byte run */
        {"\xc0\xafurgent", "urgent", true},     /* overlong '/' */
        {"urgent", "\xff\xff", false},
    };
    check_text_cases(cases, N_OF(cases));
}

static void test_text_has_null_and_empty_inputs(void **state)
{
    (void)state;
    assert_false(urgency_text_has(NULL, "urgent"));
    assert_false(urgency_text_has("urgent", NULL));
    assert_false(urgency_text_has("urgent", ""));
    assert_false(urgency_text_has("urgent", "!!!"));
    assert_false(urgency_text_has("", "urgent"));
}

static void test_text_has_overlong_words_never_match(void **state)
{
    (void)state;
    const char *w40 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    char text[128];
    snprintf(text, sizeof(text), "%s urgent", w40);
    assert_true(urgency_text_has(text, "urgent"));
    assert_false(urgency_text_has(w40, w40));
    /* An overlong word still separates: "urgent <long> down" is not "urgent down". */
    snprintf(text, sizeof(text), "urgent %s down", w40);
    assert_false(urgency_text_has(text, "urgent down"));
    /* Nine-word phrases are beyond the window. */
    assert_false(urgency_text_has("a b c d e f g h i", "a b c d e f g h i"));
    assert_true(urgency_text_has("a b c d e f g h", "a b c d e f g h"));
}

/* ---- weights ---- */

static void test_default_weights_are_the_documented_ones(void **state)
{
    (void)state;
    struct urgency_weights w;
    urgency_weights_default(&w);
    assert_true(w.n_phrases > 30 && w.n_phrases <= URGENCY_MAX_PHRASES);
    assert_int_equal(w.n_categories, 9);
    assert_score(w.tier[TIER_FREE], 0);
    assert_score(w.tier[TIER_PRO], 10);
    assert_score(w.tier[TIER_ENTERPRISE], 25);
    assert_score(w.unknown_customer, 5);
    assert_score(w.top_value, 20);
    assert_score(w.top_value_cut, 0.90);
    assert_score(w.at_risk, 10);
    assert_score(w.p1_min, 70);
    assert_score(w.p2_min, 45);
    assert_score(w.p3_min, 20);
    struct {
        const char *phrase;
        double weight;
    } some[] = {
        {"urgent", 25},       {"asap", 20},         {"emergency", 30},       {"outage", 35},
        {"down", 15},         {"can't access", 30}, {"can't log in", 25},    {"locked out", 25},
        {"losing money", 35}, {"data loss", 40},    {"breach", 40},          {"hacked", 40},
        {"legal action", 30}, {"lawyer", 30},       {"production down", 40}, {"broken", 15},
        {"not working", 15},  {"crash", 15},        {"dringend", 25},        {"no funciona", 15}};
    for (size_t i = 0; i < N_OF(some); i++) {
        size_t j = 0;
        while (j < w.n_phrases && strcmp(w.phrases[j].phrase, some[i].phrase) != 0)
            j++;
        if (j == w.n_phrases) {
            print_error("default phrase \"%s\" missing\n", some[i].phrase);
            fail();
        }
        assert_score(w.phrases[j].weight, some[i].weight);
    }
    /* Every default phrase can match (none is too long or empty after normalising). */
    for (size_t i = 0; i < w.n_phrases; i++) {
        if (!urgency_text_has(w.phrases[i].phrase, w.phrases[i].phrase)) {
            print_error("default phrase \"%s\" does not match itself\n", w.phrases[i].phrase);
            fail();
        }
    }
}

/* ---- scores and priorities ---- */

struct priority_case {
    const char *name;
    const char *subject;
    const char *body;
    bool known;
    enum tier tier;
    double value_percentile;
    bool at_risk;
    const char *category;
    double score;
    enum priority priority;
};

static void test_assess_priority_table(void **state)
{
    (void)state;
    /* Scores are sums of the documented default weights. */
    /* clang-format off */
    static const struct priority_case cases[] = {
        /* production down 40 + enterprise 25 + technical 10 */
        {"enterprise production down", "Production down", "Nothing loads for our users.",
         true, TIER_ENTERPRISE, 0.5, false, "technical", 75, PRIORITY_P1},
        /* feature_request -10 + free 0 */
        {"free avatar question", "How do I change my avatar?", "I'd like a new profile picture.",
         true, TIER_FREE, 0.1, false, "feature_request", -10, PRIORITY_P4},
        /* urgent 25 + can't log in 25 + login 15 + pro 10 */
        {"pro urgent login", "Urgent: can't log in", "", true, TIER_PRO, 0.5, false, "login",
         75, PRIORITY_P1},
        /* the same without a category: 60 */
        {"pro urgent login, no category", "Urgent: can't log in", "", true, TIER_PRO, 0.5, false,
         NULL, 60, PRIORITY_P2},
        /* unknown 5 + billing 5 */
        {"unknown invoice question", "Invoice question", "Where is my invoice?", false,
         TIER_FREE, 0, false, "billing", 10, PRIORITY_P4},
        /* urgent 25 + unknown 5 + billing 5 */
        {"unknown urgent invoice", "URGENT invoice question", "", false, TIER_FREE, 0, false,
         "billing", 35, PRIORITY_P3},
        /* broken 15 + pro 10 */
        {"pro broken export", "The export is broken", "", true, TIER_PRO, 0.5, false, NULL,
         25, PRIORITY_P3},
        /* the same, top 10% by value: + 20 = 45, expedited P3 -> P2 */
        {"pro broken export, top value", "The export is broken", "", true, TIER_PRO, 0.95, false,
         NULL, 45, PRIORITY_P2},
        /* exactly at the cut counts */
        {"top value at the cut", "The export is broken", "", true, TIER_PRO, 0.90, false, NULL,
         45, PRIORITY_P2},
        {"just below the cut", "The export is broken", "", true, TIER_PRO, 0.89, false, NULL,
         25, PRIORITY_P3},
        /* broken 15 + free 0: P4; at risk + 10: P3 */
        {"free broken", "broken", "", true, TIER_FREE, 0, false, NULL, 15, PRIORITY_P4},
        {"free broken at risk", "broken", "", true, TIER_FREE, 0, true, NULL, 25, PRIORITY_P3},
        /* a phrase counts once however often and however written */
        {"repeated phrase", "urgent urgent", "URGENT! Urgently!", true, TIER_FREE, 0, false,
         NULL, 25, PRIORITY_P3},
        /* "production down" swallows its "down"; a separate "down" counts: 40 + 15 */
        {"longest phrase wins", "Production down", "The site is down", true, TIER_FREE, 0,
         false, NULL, 55, PRIORITY_P2},
        {"production down alone", "Production down", "", true, TIER_FREE, 0, false, NULL, 40,
         PRIORITY_P3},
        /* no phrase across subject and body */
        {"no phrase across subject and body", "Production", "down", true, TIER_FREE, 0, false,
         NULL, 15, PRIORITY_P4},
        /* urgent 25 + no funciona 15 */
        {"spanish", "\xc2\xa1Urgente!", "La aplicaci\xc3\xb3n no funciona", true, TIER_FREE, 0,
         false, NULL, 40, PRIORITY_P3},
        /* dringend 25 + ausfall 35 */
        {"german", "DRINGEND: Ausfall der Produktion", "", true, TIER_FREE, 0, false, NULL, 60,
         PRIORITY_P2},
        /* não funciona 15 + não consigo acessar 30 + enterprise 25 */
        {"portuguese", "N\xc3\xa3o consigo acessar",
         "O painel N\xc3\x83O FUNCIONA h\xc3\xa1 2 horas", true, TIER_ENTERPRISE, 0, false, NULL,
         70, PRIORITY_P1},
        /* category names compare case-insensitively: security 40 + enterprise 25 */
        {"category case", "Question", "", true, TIER_ENTERPRISE, 0, false, "SECURITY", 65,
         PRIORITY_P2},
        /* an unknown category adds nothing */
        {"unknown category", "Question", "", true, TIER_PRO, 0, false, "gardening", 10,
         PRIORITY_P4},
    };
    /* clang-format on */
    for (size_t i = 0; i < N_OF(cases); i++) {
        const struct priority_case *c = &cases[i];
        struct customer customer = customer_of(c->tier, c->value_percentile, c->at_risk);
        struct urgency_result r =
            assess(c->subject, c->body, c->known ? &customer : NULL, c->category);
        if (fabs(r.score - c->score) > 1e-9 || r.priority != c->priority) {
            print_error("case \"%s\": score %g priority P%d, want %g P%d\n", c->name, r.score,
                        (int)r.priority, c->score, (int)c->priority);
            for (size_t k = 0; k < r.n_signals && k < URGENCY_MAX_SIGNALS; k++)
                print_error("  signal %s\n", r.signals[k]);
            fail();
        }
    }
}

static void test_assess_thresholds_are_inclusive(void **state)
{
    (void)state;
    struct urgency_weights w;
    urgency_weights_default(&w);
    w.n_phrases = 1;
    strcpy(w.phrases[0].phrase, "ping");
    struct ticket ticket = ticket_of("ping", "");
    struct customer customer = customer_of(TIER_FREE, 0, false);
    struct {
        double weight;
        enum priority want;
    } steps[] = {{70, PRIORITY_P1}, {69.5, PRIORITY_P2}, {45, PRIORITY_P2}, {44.9, PRIORITY_P3},
                 {20, PRIORITY_P3}, {19.9, PRIORITY_P4}, {0, PRIORITY_P4}};
    for (size_t i = 0; i < N_OF(steps); i++) {
        w.phrases[0].weight = steps[i].weight;
        struct urgency_result r;
        urgency_assess(&w, &ticket, &customer, NULL, &r);
        assert_score(r.score, steps[i].weight);
        assert_int_equal(r.priority, steps[i].want);
    }
}

static void test_assess_lists_signals_by_weight(void **state)
{
    (void)state;
    struct customer customer = customer_of(TIER_ENTERPRISE, 0.97, true);
    struct urgency_result r = assess("Urgent: can't log in", "", &customer, "login");
    /* urgent 25, can't log in 25, enterprise 25, value 20, login 15, at_risk 10 */
    assert_score(r.score, 120);
    assert_int_equal(r.priority, PRIORITY_P1);
    assert_int_equal(r.n_signals, 6);
    assert_string_equal(r.signals[0], "phrase:urgent");
    assert_string_equal(r.signals[1], "phrase:can't log in");
    assert_string_equal(r.signals[2], "tier:enterprise");
    assert_string_equal(r.signals[3], "value:top 10%");
    assert_string_equal(r.signals[4], "category:login");
    assert_string_equal(r.signals[5], "at_risk");
}

static void test_assess_signals_are_bounded(void **state)
{
    (void)state;
    struct customer customer = customer_of(TIER_ENTERPRISE, 0.99, true);
    struct urgency_result r = assess("URGENT emergency: outage",
                                     "data loss, a breach, we were hacked, losing money; "
                                     "our lawyer mentions legal action; crash after crash",
                                     &customer, "security");
    /* 40 * 3 (data loss, breach, hacked) + security 40 + 35 * 2 (outage, losing money)
     * + 30 * 3 (emergency, lawyer, legal action) + urgent 25 + crash 15
     * + enterprise 25 + value 20 + at_risk 10 */
    assert_score(r.score, 415);
    assert_int_equal(r.priority, PRIORITY_P1);
    assert_int_equal(r.n_signals, URGENCY_MAX_SIGNALS);
    /* Highest first; equal weights in the order of the weights table, phrases first. */
    const char *want[URGENCY_MAX_SIGNALS] = {
        "phrase:data loss", "phrase:breach",       "phrase:hacked",    "category:security",
        "phrase:outage",    "phrase:losing money", "phrase:emergency", "phrase:legal action"};
    for (size_t i = 0; i < URGENCY_MAX_SIGNALS; i++)
        assert_string_equal(r.signals[i], want[i]);
}

static void test_assess_negative_weight_is_listed_last(void **state)
{
    (void)state;
    struct customer customer = customer_of(TIER_PRO, 0, false);
    struct urgency_result r = assess("Idea: it is broken", "", &customer, "feature_request");
    assert_score(r.score, 15);
    assert_int_equal(r.n_signals, 3);
    assert_string_equal(r.signals[0], "phrase:broken");
    assert_string_equal(r.signals[1], "tier:pro");
    assert_string_equal(r.signals[2], "category:feature_request");
}

static void test_assess_unknown_customer(void **state)
{
    (void)state;
    struct urgency_result r = assess("Hello", "Just a question", NULL, NULL);
    assert_score(r.score, 5);
    assert_int_equal(r.priority, PRIORITY_P4);
    assert_int_equal(r.n_signals, 1);
    assert_string_equal(r.signals[0], "customer:unknown");
    assert_false(has_signal(&r, "tier:free"));
}

static void test_assess_empty_and_missing_text(void **state)
{
    (void)state;
    struct customer customer = customer_of(TIER_PRO, 0, false);
    struct urgency_result r = assess("", "", &customer, "");
    assert_score(r.score, 10);
    assert_int_equal(r.priority, PRIORITY_P4);
    assert_int_equal(r.n_signals, 1);
    assert_string_equal(r.signals[0], "tier:pro");

    r = assess(NULL, NULL, &customer, NULL); /* a zeroed ticket */
    assert_score(r.score, 10);

    struct urgency_weights w;
    urgency_weights_default(&w);
    urgency_assess(&w, NULL, NULL, NULL, &r);
    assert_score(r.score, 5);
    assert_int_equal(r.priority, PRIORITY_P4);
}

static void test_assess_free_tier_adds_no_signal(void **state)
{
    (void)state;
    struct customer customer = customer_of(TIER_FREE, 0.2, false);
    struct urgency_result r = assess("Hello", "", &customer, NULL);
    assert_score(r.score, 0);
    assert_int_equal(r.priority, PRIORITY_P4);
    assert_int_equal(r.n_signals, 0);
}

static void test_assess_very_long_text(void **state)
{
    (void)state;
    size_t len = 200000;
    char *body = malloc(len + 1);
    assert_non_null(body);
    const char *filler = "lorem ipsum dolor sit amet ";
    size_t fl = strlen(filler);
    for (size_t i = 0; i < len; i++)
        body[i] = filler[i % fl];
    const char *tail = " we are losing money";
    memcpy(body + len - strlen(tail), tail, strlen(tail));
    body[len] = '\0';
    struct customer customer = customer_of(TIER_FREE, 0, false);
    struct urgency_result r = assess("", body, &customer, NULL);
    assert_score(r.score, 35);
    assert_true(has_signal(&r, "phrase:losing money"));

    /* One enormous word, then a phrase. */
    memset(body, 'x', len);
    memcpy(body + len - strlen(tail), tail, strlen(tail));
    r = assess(body, body, &customer, NULL);
    assert_score(r.score, 35);

    /* A 200 KB word of two-byte letters (é, ß) that fold to ASCII. */
    for (size_t i = 0; i + 2 <= len; i += 2) {
        body[i] = (char)0xC3;
        body[i + 1] = (i / 2) % 7 ? (char)0xA9 : (char)0x9F; /* é, ß */
    }
    r = assess(body, body, &customer, NULL);
    assert_score(r.score, 0);
    free(body);
}

static void test_assess_custom_weights(void **state)
{
    (void)state;
    struct urgency_weights w = {0};
    w.n_phrases = 3;
    strcpy(w.phrases[0].phrase, "urgent");
    w.phrases[0].weight = 25;
    strcpy(w.phrases[1].phrase, "URGENTE"); /* the same words after normalising: counts once */
    w.phrases[1].weight = 30;
    strcpy(w.phrases[2].phrase, "refund now");
    w.phrases[2].weight = 7.5;
    w.n_categories = 1;
    strcpy(w.categories[0].category, "Billing");
    w.categories[0].weight = 2.5;
    w.top_value = 100;
    w.top_value_cut = 0; /* out of range: nobody is expedited */
    w.p1_min = 30, w.p2_min = 20, w.p3_min = 10;
    struct ticket ticket = ticket_of("Urgente", "Refunds now, please");
    struct customer customer = customer_of(TIER_FREE, 1.0, false);
    struct urgency_result r;
    urgency_assess(&w, &ticket, &customer, "billing", &r);
    assert_score(r.score, 35);
    assert_int_equal(r.priority, PRIORITY_P1);
    assert_int_equal(r.n_signals, 3);
    assert_string_equal(r.signals[0], "phrase:urgent");
    assert_string_equal(r.signals[1], "phrase:refund now");
    assert_string_equal(r.signals[2], "category:Billing");
}

static void test_assess_long_phrase_signal_is_truncated(void **state)
{
    (void)state;
    struct urgency_weights w = {0};
    w.n_phrases = 1;
    memset(w.phrases[0].phrase, 'p', TR_NAME_MAX - 1);
    w.phrases[0].phrase[3] = ' '; /* "ppp ppp...": words short enough to match */
    w.phrases[0].phrase[20] = ' ';
    w.phrases[0].phrase[40] = ' ';
    w.phrases[0].weight = 1;
    struct ticket ticket = ticket_of(w.phrases[0].phrase, "");
    struct urgency_result r;
    urgency_assess(&w, &ticket, NULL, NULL, &r);
    assert_score(r.score, 1);
    assert_int_equal(r.n_signals, 1);
    assert_int_equal(strlen(r.signals[0]), TR_NAME_MAX - 1);
    assert_memory_equal(r.signals[0], "phrase:ppp ", 11);
}

/* The value percentile from quantiles matches counting customers (the old per-ticket query:
 * customers below / (customers - 1)) within the quantiles' resolution. */
static void test_value_percentile_from_quantiles(void **state)
{
    (void)state;
    /* 10,001 customers with values 0..10000: quantile q/1000 is exactly 10 q. */
    static double q[1001];
    for (int i = 0; i <= 1000; i++)
        q[i] = 10.0 * i;
    assert_true(route_value_percentile(q, 1001, 10001, 0) == 0);
    assert_true(route_value_percentile(q, 1001, 10001, 10000) == 1);
    for (int v = 0; v <= 10000; v += 37) {
        double exact = (double)v / 10000.0;
        double got = route_value_percentile(q, 1001, 10001, v);
        if (got < exact - 0.001 || got > exact + 0.001)
            fail_msg("value %d: percentile %.4f, exact %.4f", v, got, exact);
    }
    /* A sole customer is at the top, as counting customers said. */
    assert_true(route_value_percentile(q, 1001, 1, 0) == 1);
    /* Above every customer, below every customer, and no distribution yet. */
    assert_true(route_value_percentile(q, 1001, 10001, 1e9) == 1);
    assert_true(route_value_percentile(q, 1001, 10001, -1) == 0);
    assert_true(route_value_percentile(q, 0, 0, 500) == 0);
    /* Many equal values (most customers on the free tier at 0): a paying one is above them. */
    for (int i = 0; i <= 1000; i++)
        q[i] = i < 900 ? 0 : 1000.0 * (i - 899);
    assert_true(route_value_percentile(q, 1001, 10001, 0) == 0);
    assert_true(route_value_percentile(q, 1001, 10001, 1) >= 0.9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_has_ignores_case_and_punctuation),
        cmocka_unit_test(test_text_has_respects_word_boundaries),
        cmocka_unit_test(test_text_has_matches_simple_suffixes),
        cmocka_unit_test(test_text_has_matches_negation_variants),
        cmocka_unit_test(test_text_has_folds_non_ascii_and_other_languages),
        cmocka_unit_test(test_text_has_survives_invalid_utf8),
        cmocka_unit_test(test_text_has_null_and_empty_inputs),
        cmocka_unit_test(test_text_has_overlong_words_never_match),
        cmocka_unit_test(test_default_weights_are_the_documented_ones),
        cmocka_unit_test(test_assess_priority_table),
        cmocka_unit_test(test_assess_thresholds_are_inclusive),
        cmocka_unit_test(test_assess_lists_signals_by_weight),
        cmocka_unit_test(test_assess_signals_are_bounded),
        cmocka_unit_test(test_assess_negative_weight_is_listed_last),
        cmocka_unit_test(test_assess_unknown_customer),
        cmocka_unit_test(test_assess_empty_and_missing_text),
        cmocka_unit_test(test_assess_free_tier_adds_no_signal),
        cmocka_unit_test(test_assess_very_long_text),
        cmocka_unit_test(test_assess_custom_weights),
        cmocka_unit_test(test_assess_long_phrase_signal_is_truncated),
        cmocka_unit_test(test_value_percentile_from_quantiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
