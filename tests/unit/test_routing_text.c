/* test_routing_text: the decision on the text module's analysis (route_input.text): rule
 * keywords, urgency and outage phrases on stems and folded forms, exact keywords, and the
 * language detected when the event has none (route_text_detect, route_language), gathered as
 * the pipeline does. Pure: no servers (the language fingerprints are read from
 * /usr/share/libexttextcat). */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "domain/domain.h"
#include "routing/routing.h"
#include "text/text.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define NOW_MS INT64_C(1700000090000)

/* clang-format off */
static const struct team_info TEAMS[] = {
    { .team = "legal", .queue = "legal-q", .timezone = "UTC" },
    { .team = "technical", .queue = "technical-q", .timezone = "UTC" },
    { .team = "triage", .queue = "triage", .timezone = "UTC" },
    { .team = "general", .queue = "general-q", .timezone = "UTC" },
};
static const struct category_route CATEGORIES[] = {
    { .category = "technical", .team = "technical", .product_area = "platform" },
};
/* clang-format on */

struct fx {
    text_langid *lid;
    text_analyzer *az;
    text_doc *subject_doc, *body_doc;
    route_phrases *phrases;
    struct ticket ticket;
    char subject[512];
    char body[2048];
    struct customer customer;
    struct route_rule rules[4];
    size_t n_rules;
    struct policy policy;
    struct urgency_weights weights;
    struct text_language detected;
    struct route_text text;
    struct route_input in;
    struct route_output out;
};

static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof(*fx));
    char err[256];
    static const char *const langs[] = {TEXT_LANGS_COMMON};
    if (!fx)
        return -1;
    *state = fx;
    /* As the pipeline makes them: common languages to detect, every Snowball stemmer. */
    fx->lid = text_langid_new(NULL, langs, N_OF(langs), err, sizeof(err));
    if (fx->lid)
        fx->az = text_analyzer_new(NULL, 0, fx->lid, err, sizeof(err));
    fx->subject_doc = text_doc_new();
    fx->body_doc = text_doc_new();
    if (!fx->lid || !fx->az || !fx->subject_doc || !fx->body_doc) {
        fprintf(stderr, "setup: %s\n", err);
        return -1;
    }
    strcpy(fx->ticket.ticket_id, "T-1");
    strcpy(fx->ticket.customer_id, "acme");
    strcpy(fx->ticket.channel, "email");
    strcpy(fx->ticket.language, "en");
    fx->ticket.subject = fx->subject;
    fx->ticket.body = fx->body;
    strcpy(fx->customer.customer_id, "acme");
    fx->customer.tier = TIER_PRO;
    strcpy(fx->customer.language, "de");
    fx->policy.categories = CATEGORIES;
    fx->policy.n_categories = N_OF(CATEGORIES);
    fx->policy.teams = TEAMS;
    fx->policy.n_teams = N_OF(TEAMS);
    fx->policy.confidence_threshold = 0.70;
    fx->policy.triage_team = "triage";
    fx->policy.triage_queue = "triage";
    fx->policy.senior_queue = "senior";
    fx->policy.default_team = "general";
    urgency_weights_default(&fx->weights);
    return 0;
}

static int fx_teardown(void **state)
{
    struct fx *fx = *state;
    route_phrases_free(fx->phrases);
    text_doc_free(fx->subject_doc);
    text_doc_free(fx->body_doc);
    text_analyzer_free(fx->az);
    text_langid_free(fx->lid);
    free(fx);
    return 0;
}

static struct route_rule *fx_rule(struct fx *fx, const char *name, const char *keyword)
{
    assert_true(fx->n_rules < N_OF(fx->rules));
    struct route_rule *rule = &fx->rules[fx->n_rules];
    memset(rule, 0, sizeof(*rule));
    strcpy(rule->name, name);
    rule->position = (int)fx->n_rules++;
    if (keyword)
        strcpy(rule->keywords[rule->n_keywords++], keyword);
    strcpy(rule->team, "legal");
    return rule;
}

static void fx_text(struct fx *fx, const char *subject, const char *body)
{
    snprintf(fx->subject, sizeof(fx->subject), "%s", subject);
    snprintf(fx->body, sizeof(fx->body), "%s", body);
}

/* Gather as the pipeline does (phrases compiled for the policy, language detected when the
 * event has none, subject and body analysed), then decide. */
static void fx_decide(struct fx *fx)
{
    char err[256];
    fx->policy.rules = fx->rules;
    fx->policy.n_rules = fx->n_rules;
    route_phrases_free(fx->phrases);
    fx->phrases = route_phrases_new(fx->az, &fx->policy, &fx->weights, NULL, err, sizeof(err));
    assert_non_null(fx->phrases);
    int rc = route_text_detect(fx->az, &fx->ticket, &fx->customer, &fx->detected);
    assert_true(rc >= 0);
    const struct text_language *detected = rc == 1 ? &fx->detected : NULL;
    const char *lang = route_language(&fx->ticket, &fx->customer, detected);
    assert_int_equal(route_text_analyze(fx->az, lang, &fx->ticket, fx->subject_doc, fx->body_doc),
                     0);
    fx->text = (struct route_text){fx->subject_doc, fx->body_doc, fx->phrases};
    fx->in = (struct route_input){
        .ticket = &fx->ticket,
        .customer = &fx->customer,
        .policy = &fx->policy,
        .weights = &fx->weights,
        .now_unix_ms = NOW_MS,
        .text = &fx->text,
        .detected_language = detected,
    };
    assert_int_equal(route_decide_full(&fx->in, &fx->out), 0);
}

static bool fired(const struct fx *fx, const char *rule)
{
    for (size_t i = 0; i < fx->out.decision.rules_fired.n; i++)
        if (strcmp(fx->out.decision.rules_fired.items[i], rule) == 0)
            return true;
    return false;
}

static bool has_signal(const struct fx *fx, const char *signal)
{
    for (size_t i = 0; i < fx->out.urgency.n_signals; i++)
        if (strcmp(fx->out.urgency.signals[i], signal) == 0)
            return true;
    return false;
}

static void assert_reason(const struct fx *fx, const char *needle)
{
    const struct reason_list *list = &fx->out.decision.reasons;
    for (size_t i = 0; i < list->n; i++)
        if (strstr(list->items[i], needle))
            return;
    fprintf(stderr, "reasons (%zu):\n", list->n);
    for (size_t i = 0; i < list->n; i++)
        fprintf(stderr, "  %s\n", list->items[i]);
    fail_msg("no reason contains '%s'", needle);
}

/* Decide subject/body and check whether rule fired. */
static void expect_rule(struct fx *fx, const char *subject, const char *body, const char *rule,
                        bool want)
{
    fx_text(fx, subject, body);
    fx_decide(fx);
    if (fired(fx, rule) != want)
        fail_msg("rule %s on \"%s\" / \"%s\" (language %s): fired %d, want %d", rule, subject, body,
                 fx->out.decision.language, !want, want);
}

/* ---- rule keywords ---- */

static void test_keyword_matches_plural_and_any_case(void **state)
{
    struct fx *fx = *state;
    fx_rule(fx, "legal", "lawyer");
    expect_rule(fx, "Invoice dispute", "Our lawyers will file a claim.", "legal", true);
    expect_rule(fx, "Lawyer", "Please call me back.", "legal", true);
    expect_rule(fx, "INVOICE", "OUR LAWYERS ARE INVOLVED NOW", "legal", true);
    expect_rule(fx, "Invoice", "Our law firm called.", "legal", false);
    /* The raw-text matching (no analysis) never saw the plural: */
    fx->in.text = NULL;
    fx_text(fx, "Invoice dispute", "Our lawyers will file a claim.");
    assert_int_equal(route_decide_full(&fx->in, &fx->out), 0);
    assert_false(fired(fx, "legal"));
}

static void test_plain_keyword_fires_on_benign_mentions_too(void **state)
{
    struct fx *fx = *state;
    /* Keywords are keywords: telling a threat from a mention is the signals' job. */
    fx_rule(fx, "legal", "lawyer");
    expect_rule(fx, "Invoice copy", "our lawyer needs a copy of the invoice", "legal", true);
    assert_reason(fx, "rule legal fired on \"lawyer\"");
}

static void test_accented_keyword_matches_unaccented_text_and_back(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->ticket.language, "pt");
    fx_rule(fx, "broken-pt", "não funciona");
    fx_rule(fx, "broken-plain", "nao funciona");
    expect_rule(fx, "Ajuda", "O PAINEL NÃO FUNCIONA desde ontem", "broken-pt", true);
    assert_true(fired(fx, "broken-plain"));
    expect_rule(fx, "Ajuda", "o painel nao funciona", "broken-pt", true);
    assert_true(fired(fx, "broken-plain"));
    expect_rule(fx, "Ajuda", "o painel funciona bem", "broken-pt", false);
}

static void test_error_code_keyword_matches_only_exactly(void **state)
{
    struct fx *fx = *state;
    fx_rule(fx, "code", "E-1042");
    expect_rule(fx, "Sync failed", "The sync stops with error e-1042 every night.", "code", true);
    expect_rule(fx, "Error E-1042", "", "code", true);
    expect_rule(fx, "Sync failed", "The sync stops with error E-10421.", "code", false);
    expect_rule(fx, "Sync failed", "The sync stops with error E-1043.", "code", false);
    expect_rule(fx, "Sync failed", "The sync stops with error E 1042.", "code", false);
}

static void test_quoted_keyword_is_not_stemmed(void **state)
{
    struct fx *fx = *state;
    fx_rule(fx, "exact", "\"billing\"");
    fx_rule(fx, "stemmed", "billing");
    expect_rule(fx, "Question", "We were billed twice.", "stemmed", true);
    assert_false(fired(fx, "exact"));
    expect_rule(fx, "BILLING question", "", "exact", true);
    assert_reason(fx, "rule exact fired on \"\"billing\"\"");
}

static void test_keyword_does_not_span_subject_and_body(void **state)
{
    struct fx *fx = *state;
    fx_rule(fx, "legal", "legal action");
    expect_rule(fx, "Legal", "Action needed on my invoice.", "legal", false);
    expect_rule(fx, "Invoice", "We will take legal actions.", "legal", true);
}

/* ---- urgency and outage phrases ---- */

static void test_urgency_cant_access_matches_cannot_and_can_not(void **state)
{
    struct fx *fx = *state;
    const char *texts[] = {"I cannot access the dashboard.", "I CAN NOT ACCESS THE DASHBOARD",
                           "I can't access the dashboard.", "I can’t access the dashboard."};
    /* Also when an English text is analysed in another language (a short ticket of a German
     * customer): phrases are compiled in every language. */
    const char *langs[] = {"en", "de", "fr"};
    for (size_t l = 0; l < N_OF(langs); l++)
        for (size_t i = 0; i < N_OF(texts); i++) {
            strcpy(fx->ticket.language, langs[l]);
            fx_text(fx, "Help", texts[i]);
            fx_decide(fx);
            if (!has_signal(fx, "phrase:can't access"))
                fail_msg("\"%s\" (%s): no phrase:can't access (score %.0f)", texts[i], langs[l],
                         fx->out.urgency.score);
        }
    strcpy(fx->ticket.language, "en");
    fx_text(fx, "Help", "I can access the dashboard now.");
    fx_decide(fx);
    assert_false(has_signal(fx, "phrase:can't access"));
}

static void test_urgency_longest_phrase_counts_alone(void **state)
{
    struct fx *fx = *state;
    fx_text(fx, "Production down!", "Since 9:00.");
    fx_decide(fx);
    assert_true(has_signal(fx, "phrase:production down"));
    assert_false(has_signal(fx, "phrase:down"));
    /* The same score as the raw-text matching gives. */
    struct urgency_result raw;
    urgency_assess(&fx->weights, &fx->ticket, &fx->customer, "", &raw);
    assert_true(raw.score == fx->out.urgency.score);
    fx_text(fx, "Production down", "and the site is down too");
    fx_decide(fx);
    assert_true(has_signal(fx, "phrase:down"));
}

static void test_outage_phrase_matches_folded_text(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->ticket.language, "de");
    strcpy(fx->ticket.product_area, "platform");
    fx_text(fx, "DIE PLATTFORM FUNKTIONIERT NICHT", "");
    fx_decide(fx);
    assert_string_equal(fx->out.outage_area, "platform");
    fx_text(fx, "Rechnung", "Bitte senden Sie die Rechnung.");
    fx_decide(fx);
    assert_string_equal(fx->out.outage_area, "");
}

static void test_phrases_of_another_policy_fall_back_to_the_raw_text(void **state)
{
    struct fx *fx = *state;
    fx_rule(fx, "legal", "lawyer");
    fx_text(fx, "Invoice", "Our lawyers will call.");
    fx_decide(fx);
    assert_true(fired(fx, "legal"));
    struct policy other = fx->policy;
    struct route_rule copy = fx->rules[0];
    other.rules = &copy;
    fx->in.policy = &other;
    assert_int_equal(route_decide_full(&fx->in, &fx->out), 0);
    assert_false(fired(fx, "legal")); /* "lawyers" is not "lawyer" as raw text */
}

/* ---- language ---- */

static void test_arabic_ticket_of_german_customer_is_arabic(void **state)
{
    struct fx *fx = *state;
    fx->ticket.language[0] = '\0';
    fx_text(fx, "مشكلة في الفاتورة",
            "سيقوم محامونا برفع دعوى إذا لم يتم تصحيح الفاتورة قبل يوم الجمعة.");
    fx_decide(fx);
    assert_string_equal(fx->out.decision.language, "ar");
    assert_reason(fx, "language ar detected (confidence 0.");
}

static void test_short_ticket_falls_back_to_the_customer_language(void **state)
{
    struct fx *fx = *state;
    fx->ticket.language[0] = '\0';
    fx_text(fx, "Help", "invoice wrong");
    fx_decide(fx);
    assert_string_equal(fx->out.decision.language, "de");
    assert_reason(fx, "language not detected (text too short to tell): customer's language de");
}

static void test_event_language_wins_without_detection(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->ticket.language, "fr");
    fx_text(fx, "Invoice", "Could you please send me a copy of the last three invoices?");
    fx_decide(fx);
    assert_null(fx->in.detected_language);
    assert_string_equal(fx->out.decision.language, "fr");
}

static void test_language_rule_sees_the_detected_language(void **state)
{
    struct fx *fx = *state;
    struct route_rule *rule = fx_rule(fx, "arabic", NULL);
    strcpy(rule->language, "ar");
    fx->ticket.language[0] = '\0';
    expect_rule(fx, "مشكلة في الفاتورة",
                "هل يمكنكم إرسال نسخة من آخر ثلاث فواتير لسجلاتنا من فضلكم؟", "arabic", true);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_keyword_matches_plural_and_any_case),
        T(test_plain_keyword_fires_on_benign_mentions_too),
        T(test_accented_keyword_matches_unaccented_text_and_back),
        T(test_error_code_keyword_matches_only_exactly),
        T(test_quoted_keyword_is_not_stemmed),
        T(test_keyword_does_not_span_subject_and_body),
        T(test_urgency_cant_access_matches_cannot_and_can_not),
        T(test_urgency_longest_phrase_counts_alone),
        T(test_outage_phrase_matches_folded_text),
        T(test_phrases_of_another_policy_fall_back_to_the_raw_text),
        T(test_arabic_ticket_of_german_customer_is_arabic),
        T(test_short_ticket_falls_back_to_the_customer_language),
        T(test_event_language_wins_without_detection),
        T(test_language_rule_sees_the_detected_language),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
