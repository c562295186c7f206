/* test_routing: route_decide (rules, classifier, fallbacks, priority, SLA, decision id) and
 * route_rank_agents (eligibility, language preference, order, max). Pure: no servers. */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "domain/domain.h"
#include "routing/routing.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define CREATED_MS INT64_C(1700000000000)
#define NOW_MS INT64_C(1700000090000)

/* clang-format off */
static const struct team_info TEAMS[] = {
    { .team = "billing", .queue = "billing-q", .timezone = "UTC" },
    { .team = "accounts", .queue = "accounts-q", .timezone = "UTC" },
    { .team = "security", .queue = "security-q", .timezone = "UTC" },
    { .team = "triage", .queue = "triage", .timezone = "UTC" },
    { .team = "general", .queue = "general-q", .timezone = "UTC" },
};
static const struct category_route CATEGORIES[] = {
    { .category = "billing", .team = "billing", .required_skill = "invoices" },
    { .category = "login", .team = "accounts", .required_skill = "" },
    { .category = "outage", .team = "ghost-team", .required_skill = "" }, /* a team nobody configured */
};
/* clang-format on */

/* One route_decide call: every input is a field, tests change what they need. */
struct fx {
    struct ticket ticket;
    char subject[256];
    char body[1024];
    struct customer customer;
    bool has_customer;
    struct classification cls;
    bool has_cls;
    struct route_rule rules[8];
    size_t n_rules;
    struct policy policy;
    struct route_input in;
    struct route_decision decision;
    char skill[TR_NAME_MAX];
};

static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof(*fx));
    if (!fx)
        return -1;
    strcpy(fx->ticket.ticket_id, "T-1001");
    strcpy(fx->ticket.customer_id, "acme");
    strcpy(fx->subject, "A question");
    strcpy(fx->body, "Hello, I have a question about my account.");
    fx->ticket.subject = fx->subject;
    fx->ticket.body = fx->body;
    strcpy(fx->ticket.channel, "email");
    strcpy(fx->ticket.language, "en");
    fx->ticket.created_at_ms = CREATED_MS;

    strcpy(fx->customer.customer_id, "acme");
    fx->customer.tier = TIER_PRO;
    strcpy(fx->customer.sla_policy, "standard");
    fx->customer.first_response_min[0] = 15;
    fx->customer.first_response_min[1] = 60;
    fx->customer.first_response_min[2] = 240;
    fx->customer.first_response_min[3] = 1440;
    strcpy(fx->customer.language, "de");
    fx->has_customer = true;

    strcpy(fx->cls.model_version, "m-test");
    fx->has_cls = false;

    fx->policy.categories = CATEGORIES;
    fx->policy.n_categories = N_OF(CATEGORIES);
    fx->policy.teams = TEAMS;
    fx->policy.n_teams = N_OF(TEAMS);
    fx->policy.confidence_threshold = 0.70;
    fx->policy.triage_team = "triage";
    fx->policy.triage_queue = "triage";
    fx->policy.senior_queue = "senior";
    fx->policy.default_team = "general";
    *state = fx;
    return 0;
}

static int fx_teardown(void **state)
{
    free(*state);
    return 0;
}

static void fx_classify(struct fx *fx, const char *category, double confidence)
{
    fx->has_cls = true;
    strcpy(fx->cls.category, category);
    fx->cls.confidence = confidence;
    fx->cls.n_top = 1;
    strcpy(fx->cls.top[0].category, category);
    fx->cls.top[0].confidence = confidence;
}

/* Appends a rule (position = its index) with no condition and no action. */
static struct route_rule *fx_rule(struct fx *fx, const char *name)
{
    assert_true(fx->n_rules < N_OF(fx->rules));
    struct route_rule *rule = &fx->rules[fx->n_rules];
    memset(rule, 0, sizeof(*rule));
    strcpy(rule->name, name);
    rule->position = (int)fx->n_rules;
    fx->n_rules++;
    return rule;
}

static void rule_keyword(struct route_rule *rule, const char *keyword)
{
    strcpy(rule->keywords[rule->n_keywords++], keyword);
}

static void fx_decide(struct fx *fx)
{
    fx->policy.rules = fx->rules;
    fx->policy.n_rules = fx->n_rules;
    fx->in.ticket = &fx->ticket;
    fx->in.customer = fx->has_customer ? &fx->customer : NULL;
    fx->in.policy = &fx->policy;
    fx->in.classification = fx->has_cls ? &fx->cls : NULL;
    fx->in.now_unix_ms = NOW_MS;
    assert_int_equal(route_decide(&fx->in, &fx->decision, fx->skill), 0);
}

static void assert_reason(const struct reason_list *list, const char *needle)
{
    for (size_t i = 0; i < list->n; i++)
        if (strstr(list->items[i], needle))
            return;
    fprintf(stderr, "reasons (%zu):\n", list->n);
    for (size_t i = 0; i < list->n; i++)
        fprintf(stderr, "  %s\n", list->items[i]);
    fail_msg("no reason contains '%s'", needle);
}

/* ---- route_decide: inputs ---- */

static void test_decide_rejects_missing_inputs(void **state)
{
    struct fx *fx = *state;
    fx_decide(fx); /* fills fx->in */
    struct route_input in = fx->in;
    in.ticket = NULL;
    assert_int_equal(route_decide(&in, &fx->decision, fx->skill), TR_EINVAL);
    in = fx->in;
    in.policy = NULL;
    assert_int_equal(route_decide(&in, &fx->decision, fx->skill), TR_EINVAL);
    assert_int_equal(route_decide(NULL, &fx->decision, fx->skill), TR_EINVAL);
    assert_int_equal(route_decide(&fx->in, NULL, fx->skill), TR_EINVAL);
    assert_int_equal(route_decide(&fx->in, &fx->decision, NULL), TR_EINVAL);
}

static void test_decide_copies_ticket_ids_and_time(void **state)
{
    struct fx *fx = *state;
    fx_decide(fx);
    assert_string_equal(fx->decision.ticket_id, "T-1001");
    assert_string_equal(fx->decision.customer_id, "acme");
    assert_int_equal(fx->decision.decided_at_ms, NOW_MS);
    assert_true(fx->decision.customer_known);
    assert_int_equal(fx->decision.customer_tier, TIER_PRO);
}

/* ---- classifier ---- */

static void test_decide_confident_category_maps_to_team(void **state)
{
    struct fx *fx = *state;
    fx_classify(fx, "billing", 0.91);
    fx_decide(fx);
    assert_string_equal(fx->decision.category, "billing");
    assert_string_equal(fx->decision.team, "billing");
    assert_string_equal(fx->decision.queue, "billing-q");
    assert_string_equal(fx->skill, "invoices");
    assert_false(fx->decision.fallback);
    assert_float_equal(fx->decision.confidence, 0.91, 1e-6);
    assert_string_equal(fx->decision.model_version, "m-test");
    assert_int_equal(fx->decision.n_top, 1);
    assert_reason(&fx->decision.reasons, "category billing maps to team billing");
}

static void test_decide_confidence_equal_to_threshold_is_confident(void **state)
{
    struct fx *fx = *state;
    fx_classify(fx, "login", 0.70);
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "accounts");
    assert_false(fx->decision.fallback);
}

static void test_decide_below_threshold_goes_to_triage_with_fallback(void **state)
{
    struct fx *fx = *state;
    fx_classify(fx, "billing", 0.69);
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "triage");
    assert_string_equal(fx->decision.queue, "triage");
    assert_true(fx->decision.fallback);
    assert_string_equal(fx->skill, "");
    assert_reason(&fx->decision.reasons, "triage queue");
}

static void test_decide_below_threshold_enterprise_goes_to_senior_queue(void **state)
{
    struct fx *fx = *state;
    fx->customer.tier = TIER_ENTERPRISE;
    fx_classify(fx, "billing", 0.40);
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "triage");
    assert_string_equal(fx->decision.queue, "senior");
    assert_true(fx->decision.fallback);
    assert_reason(&fx->decision.reasons, "senior queue");
}

static void test_decide_out_of_scope_goes_to_triage(void **state)
{
    struct fx *fx = *state;
    fx_classify(fx, "billing", 0.95);
    fx->cls.out_of_scope = true;
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "triage");
    assert_true(fx->decision.fallback);
}

static void test_decide_no_classifier_no_rule_goes_to_triage(void **state)
{
    struct fx *fx = *state;
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "triage");
    assert_string_equal(fx->decision.queue, "triage");
    assert_string_equal(fx->decision.category, "unknown");
    assert_string_equal(fx->decision.model_version, "none");
    assert_true(fx->decision.fallback);
}

static void test_decide_category_without_route_goes_to_triage(void **state)
{
    struct fx *fx = *state;
    fx_classify(fx, "shipping", 0.99);
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "triage");
    assert_string_equal(fx->decision.category, "shipping");
    assert_true(fx->decision.fallback);
}

/* ---- rules ---- */

static void test_decide_rule_keyword_sets_team(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->body, "I want a refund for last month.");
    struct route_rule *r = fx_rule(fx, "refunds");
    rule_keyword(r, "chargeback");
    rule_keyword(r, "refund");
    strcpy(r->team, "billing");
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "billing");
    assert_string_equal(fx->decision.queue, "billing-q");
    assert_false(fx->decision.fallback);
    assert_int_equal(fx->decision.rules_fired.n, 1);
    assert_string_equal(fx->decision.rules_fired.items[0], "refunds");
    assert_reason(&fx->decision.reasons, "rule refunds fired on \"refund\"");
}

static void test_decide_rule_keyword_in_subject_matches(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->subject, "Refund");
    struct route_rule *r = fx_rule(fx, "refunds");
    rule_keyword(r, "refund");
    strcpy(r->team, "billing");
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "billing");
}

/* Whether keyword fires on body; word boundaries, ASCII case folded. */
static const struct {
    const char *keyword;
    const char *body;
    bool fires;
} KEYWORD_CASES[] = {
    {"refund", "refund please", true},
    {"refund", "Please REFUND me", true},
    {"refund", "(refund)", true},
    {"refund", "need a refund.", true},
    {"refund", "refund-request", true},
    {"refund", "refunds", false},
    {"refund", "prerefund", false},
    {"refund", "refunded already", false},
    {"refund", "refund2", false},
    {"refund", "refunded, so no refund needed", true}, /* a later occurrence at a boundary */
    {"refund", "", false},
    {"credit card", "my Credit Card was charged", true},
    {"credit card", "my credit cards", false},
    {"credit card", "credit  card", false},
    {"2fa", "lost my 2FA device", true},
};

static void test_decide_keyword_matches_whole_words_case_insensitively(void **state)
{
    struct fx *fx = *state;
    for (size_t i = 0; i < N_OF(KEYWORD_CASES); i++) {
        fx->n_rules = 0;
        strcpy(fx->body, KEYWORD_CASES[i].body);
        struct route_rule *r = fx_rule(fx, "kw");
        rule_keyword(r, KEYWORD_CASES[i].keyword);
        strcpy(r->team, "billing");
        fx_decide(fx);
        bool fired = fx->decision.rules_fired.n == 1;
        if (fired != KEYWORD_CASES[i].fires)
            fail_msg("case %zu: keyword '%s' in '%s': fired %d, want %d", i,
                     KEYWORD_CASES[i].keyword, KEYWORD_CASES[i].body, fired,
                     KEYWORD_CASES[i].fires);
    }
}

/* Each case: one condition on a rule; the ticket is email, "en", pro tier, classified billing
 * at 0.80. */
enum cond { C_TIER, C_CHANNEL, C_LANGUAGE, C_MIN_CONF, C_MAX_CONF, C_CATEGORY };
static const struct {
    enum cond cond;
    const char *text;
    unsigned tiers_mask;
    double value;
    bool fires;
} CONDITION_CASES[] = {
    {C_TIER, NULL, 1u << TIER_PRO, 0, true},
    {C_TIER, NULL, (1u << TIER_FREE) | (1u << TIER_PRO), 0, true},
    {C_TIER, NULL, 1u << TIER_ENTERPRISE, 0, false},
    {C_CHANNEL, "email", 0, 0, true},
    {C_CHANNEL, "chat", 0, 0, false},
    {C_LANGUAGE, "en", 0, 0, true},
    {C_LANGUAGE, "pt", 0, 0, false},
    {C_MIN_CONF, NULL, 0, 0.80, true},
    {C_MIN_CONF, NULL, 0, 0.81, false},
    {C_MAX_CONF, NULL, 0, 0.80, true},
    {C_MAX_CONF, NULL, 0, 0.50, false},
    {C_CATEGORY, "billing", 0, 0, true},
    {C_CATEGORY, "login", 0, 0, false},
};

static void test_decide_rule_conditions_must_hold(void **state)
{
    struct fx *fx = *state;
    fx_classify(fx, "billing", 0.80);
    for (size_t i = 0; i < N_OF(CONDITION_CASES); i++) {
        fx->n_rules = 0;
        struct route_rule *r = fx_rule(fx, "cond");
        strcpy(r->queue, "special");
        switch (CONDITION_CASES[i].cond) {
        case C_TIER:
            r->tiers_mask = CONDITION_CASES[i].tiers_mask;
            break;
        case C_CHANNEL:
            strcpy(r->channel, CONDITION_CASES[i].text);
            break;
        case C_LANGUAGE:
            strcpy(r->language, CONDITION_CASES[i].text);
            break;
        case C_MIN_CONF:
            r->min_confidence = CONDITION_CASES[i].value;
            break;
        case C_MAX_CONF:
            r->max_confidence = CONDITION_CASES[i].value;
            break;
        case C_CATEGORY:
            strcpy(r->categories[r->n_categories++], CONDITION_CASES[i].text);
            break;
        }
        fx_decide(fx);
        bool fired = fx->decision.rules_fired.n == 1;
        if (fired != CONDITION_CASES[i].fires)
            fail_msg("case %zu: fired %d, want %d", i, fired, CONDITION_CASES[i].fires);
        assert_string_equal(fx->decision.queue, fired ? "special" : "billing-q");
    }
}

static void test_decide_rule_needs_keyword_and_other_conditions(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->body, "refund please");
    struct route_rule *r = fx_rule(fx, "enterprise-refunds");
    rule_keyword(r, "refund");
    r->tiers_mask = 1u << TIER_ENTERPRISE;
    strcpy(r->team, "billing");
    fx_decide(fx); /* the customer is pro */
    assert_int_equal(fx->decision.rules_fired.n, 0);
    assert_string_equal(fx->decision.team, "triage");
}

static void test_decide_first_rule_setting_team_wins(void **state)
{
    struct fx *fx = *state;
    struct route_rule *r = fx_rule(fx, "first");
    strcpy(r->team, "billing");
    r = fx_rule(fx, "second");
    strcpy(r->team, "accounts");
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "billing");
    assert_int_equal(fx->decision.rules_fired.n, 2);
    assert_string_equal(fx->decision.rules_fired.items[0], "first");
    assert_string_equal(fx->decision.rules_fired.items[1], "second");
}

static void test_decide_later_rule_fills_fields_earlier_rules_left_unset(void **state)
{
    struct fx *fx = *state;
    struct route_rule *r = fx_rule(fx, "team-only");
    strcpy(r->team, "billing");
    r = fx_rule(fx, "queue-and-skill");
    strcpy(r->team, "accounts");
    strcpy(r->queue, "vip");
    strcpy(r->required_skill, "refunds");
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "billing");
    assert_string_equal(fx->decision.queue, "vip");
    assert_string_equal(fx->skill, "refunds");
}

static void test_decide_most_urgent_rule_priority_wins(void **state)
{
    struct fx *fx = *state;
    struct route_rule *r = fx_rule(fx, "p3");
    r->priority = PRIORITY_P3;
    r = fx_rule(fx, "p1");
    r->priority = PRIORITY_P1;
    r = fx_rule(fx, "p2");
    r->priority = PRIORITY_P2;
    fx_decide(fx);
    assert_int_equal(fx->decision.priority, PRIORITY_P1);
}

static void test_decide_rule_priority_never_lowers_urgency(void **state)
{
    struct fx *fx = *state;
    fx->customer.tier = TIER_ENTERPRISE; /* P2 before rules */
    struct route_rule *r = fx_rule(fx, "p4");
    r->priority = PRIORITY_P4;
    fx_decide(fx);
    assert_int_equal(fx->decision.priority, PRIORITY_P2);
}

static void test_decide_base_priority_follows_tier(void **state)
{
    static const struct {
        bool known;
        enum tier tier;
        enum priority want;
    } cases[] = {
        {true, TIER_ENTERPRISE, PRIORITY_P2},
        {true, TIER_PRO, PRIORITY_P3},
        {true, TIER_FREE, PRIORITY_P4},
        {false, TIER_FREE, PRIORITY_P3},
    };
    struct fx *fx = *state;
    for (size_t i = 0; i < N_OF(cases); i++) {
        fx->has_customer = cases[i].known;
        fx->customer.tier = cases[i].tier;
        fx_decide(fx);
        if (fx->decision.priority != cases[i].want)
            fail_msg("case %zu: priority P%d, want P%d", i, (int)fx->decision.priority,
                     (int)cases[i].want);
    }
}

static void test_decide_stop_ends_rule_evaluation(void **state)
{
    struct fx *fx = *state;
    struct route_rule *r = fx_rule(fx, "stopper");
    r->priority = PRIORITY_P3;
    r->stop = true;
    r = fx_rule(fx, "never");
    r->priority = PRIORITY_P1;
    strcpy(r->team, "billing");
    fx_decide(fx);
    assert_int_equal(fx->decision.priority, PRIORITY_P3);
    assert_int_equal(fx->decision.rules_fired.n, 1);
    assert_string_equal(fx->decision.rules_fired.items[0], "stopper");
    assert_string_equal(fx->decision.team, "triage");
}

static void test_decide_stop_on_unmatched_rule_does_not_end_evaluation(void **state)
{
    struct fx *fx = *state;
    struct route_rule *r = fx_rule(fx, "unmatched-stopper");
    rule_keyword(r, "zebra");
    r->stop = true;
    r = fx_rule(fx, "later");
    strcpy(r->team, "billing");
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "billing");
}

static void test_decide_keyword_rule_category_stands_in_without_classifier(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->body, "Where is my invoice?");
    struct route_rule *r = fx_rule(fx, "invoices");
    rule_keyword(r, "invoice");
    strcpy(r->category, "billing");
    fx_decide(fx);
    assert_string_equal(fx->decision.category, "billing");
    assert_string_equal(fx->decision.team, "billing");
    assert_string_equal(fx->skill, "invoices");
    assert_false(fx->decision.fallback);
    assert_float_equal(fx->decision.confidence, 1.0, 1e-9);
}

static void test_decide_keyword_rule_category_overrides_unsure_classifier(void **state)
{
    struct fx *fx = *state;
    fx_classify(fx, "login", 0.40);
    strcpy(fx->body, "Where is my invoice?");
    struct route_rule *r = fx_rule(fx, "invoices");
    rule_keyword(r, "invoice");
    strcpy(r->category, "billing");
    fx_decide(fx);
    assert_string_equal(fx->decision.category, "billing");
    assert_string_equal(fx->decision.team, "billing");
    assert_false(fx->decision.fallback);
    assert_float_equal(fx->decision.confidence, 0.40, 1e-6); /* the classifier's, reported */
}

static void test_decide_confident_classifier_keeps_its_category_over_rule(void **state)
{
    struct fx *fx = *state;
    fx_classify(fx, "login", 0.90);
    strcpy(fx->body, "Where is my invoice?");
    struct route_rule *r = fx_rule(fx, "invoices");
    rule_keyword(r, "invoice");
    strcpy(r->category, "billing");
    fx_decide(fx);
    assert_string_equal(fx->decision.category, "login");
    assert_string_equal(fx->decision.team, "accounts");
}

static void test_decide_rule_skill_wins_over_category_route_skill(void **state)
{
    struct fx *fx = *state;
    fx_classify(fx, "billing", 0.90);
    struct route_rule *r = fx_rule(fx, "vip-skill");
    strcpy(r->required_skill, "vip");
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "billing");
    assert_string_equal(fx->skill, "vip");
}

/* ---- customer, team, language ---- */

static void test_decide_unknown_customer_is_flagged_free_tier(void **state)
{
    struct fx *fx = *state;
    fx->has_customer = false;
    fx_decide(fx);
    assert_false(fx->decision.customer_known);
    assert_int_equal(fx->decision.customer_tier, TIER_FREE);
    assert_reason(&fx->decision.reasons, "unknown");
    assert_reason(&fx->decision.reasons, "acme");
    assert_int_equal(fx->decision.first_response_due_ms, 0);
}

static void test_decide_unknown_customer_is_not_sent_to_senior_queue(void **state)
{
    struct fx *fx = *state;
    fx->has_customer = false;
    fx->customer.tier = TIER_ENTERPRISE; /* not passed */
    fx_decide(fx);
    assert_string_equal(fx->decision.queue, "triage");
}

static void test_decide_unconfigured_rule_team_goes_to_default_team(void **state)
{
    struct fx *fx = *state;
    struct route_rule *r = fx_rule(fx, "ghost");
    strcpy(r->team, "ghost-team");
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "general");
    assert_string_equal(fx->decision.queue, "general-q");
    assert_true(fx->decision.fallback);
    assert_reason(&fx->decision.reasons, "team ghost-team not configured");
}

static void test_decide_unconfigured_category_team_goes_to_default_team(void **state)
{
    struct fx *fx = *state;
    fx_classify(fx, "outage", 0.95);
    fx_decide(fx);
    assert_string_equal(fx->decision.team, "general");
    assert_true(fx->decision.fallback);
}

static void test_decide_language_from_ticket_then_customer_then_english(void **state)
{
    struct fx *fx = *state;
    fx_decide(fx);
    assert_string_equal(fx->decision.language, "en");
    strcpy(fx->ticket.language, "pt-BR");
    fx_decide(fx);
    assert_string_equal(fx->decision.language, "pt-BR");
    fx->ticket.language[0] = '\0';
    fx_decide(fx);
    assert_string_equal(fx->decision.language, "de");
    fx->has_customer = false;
    fx_decide(fx);
    assert_string_equal(fx->decision.language, "en");
}

/* ---- SLA ---- */

static void test_decide_sla_deadline_is_created_at_plus_priority_minutes(void **state)
{
    struct fx *fx = *state;
    fx->customer.tier = TIER_ENTERPRISE; /* P2: 60 min */
    fx_decide(fx);
    assert_int_equal(fx->decision.priority, PRIORITY_P2);
    assert_int_equal(fx->decision.first_response_due_ms, CREATED_MS + 60 * 60000);
    assert_reason(&fx->decision.reasons, "SLA standard");
}

static void test_decide_sla_deadline_follows_rule_priority(void **state)
{
    struct fx *fx = *state;
    struct route_rule *r = fx_rule(fx, "urgent");
    r->priority = PRIORITY_P1;
    fx_decide(fx);
    assert_int_equal(fx->decision.first_response_due_ms, CREATED_MS + 15 * 60000);
}

static void test_decide_sla_deadline_uses_now_without_created_at(void **state)
{
    struct fx *fx = *state;
    fx->ticket.created_at_ms = 0; /* pro: P3, 240 min */
    fx_decide(fx);
    assert_int_equal(fx->decision.first_response_due_ms, NOW_MS + 240 * 60000);
}

static void test_decide_no_sla_when_priority_has_no_minutes(void **state)
{
    struct fx *fx = *state;
    fx->customer.first_response_min[2] = 0; /* pro: P3 */
    fx_decide(fx);
    assert_int_equal(fx->decision.first_response_due_ms, 0);
}

/* ---- decision id ---- */

static void test_decision_id_is_stable_and_differs_per_ticket(void **state)
{
    (void)state;
    char a[TR_ID_MAX], b[TR_ID_MAX], c[TR_ID_MAX];
    route_decision_id("T-1001", a, sizeof(a));
    route_decision_id("T-1001", b, sizeof(b));
    route_decision_id("T-1002", c, sizeof(c));
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(a), 4 + 16);
    assert_memory_equal(a, "dec-", 4);
    assert_int_equal(strspn(a + 4, "0123456789abcdef"), 16);
}

static void test_decision_id_is_fnv1a_64_of_ticket_id(void **state)
{
    (void)state;
    /* Published FNV-1a 64 values: the id must not change between versions (replays). */
    char out[TR_ID_MAX];
    route_decision_id("", out, sizeof(out));
    assert_string_equal(out, "dec-cbf29ce484222325");
    route_decision_id("a", out, sizeof(out));
    assert_string_equal(out, "dec-af63dc4c8601ec8c");
}

static void test_decide_sets_decision_id_of_ticket(void **state)
{
    struct fx *fx = *state;
    char want[TR_ID_MAX];
    route_decision_id("T-1001", want, sizeof(want));
    fx_decide(fx);
    assert_string_equal(fx->decision.decision_id, want);
}

/* ---- route_rank_agents ---- */

static void agent_init(struct agent_candidate *a, const char *id, const char *team, int load,
                       int capacity, const char *language)
{
    memset(a, 0, sizeof(*a));
    strcpy(a->agent_id, id);
    strcpy(a->team, team);
    a->active = true;
    a->load = load;
    a->capacity = capacity;
    if (language) {
        strcpy(a->languages[0], language);
        a->n_languages = 1;
    }
}

static void agent_skill_add(struct agent_candidate *a, const char *skill, double proficiency)
{
    strcpy(a->skills[a->n_skills], skill);
    a->proficiency[a->n_skills] = proficiency;
    a->n_skills++;
}

static void decision_for(struct route_decision *d, const char *team, const char *language)
{
    memset(d, 0, sizeof(*d));
    strcpy(d->team, team);
    strcpy(d->language, language);
}

/* The agent ids ranked, joined by ',' for one readable comparison. */
static void ranked_ids(const struct agent_candidate *agents, const size_t *idx, size_t n, char *out,
                       size_t outlen)
{
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        strncat(out, i ? "," : "", outlen - strlen(out) - 1);
        strncat(out, agents[idx[i]].agent_id, outlen - strlen(out) - 1);
    }
}

static void test_rank_filters_ineligible_agents(void **state)
{
    (void)state;
    struct agent_candidate agents[7];
    agent_init(&agents[0], "inactive", "billing", 0, 5, "en");
    agents[0].active = false;
    agent_init(&agents[1], "other-team", "accounts", 0, 5, "en");
    agent_init(&agents[2], "full", "billing", 5, 5, "en");
    agent_init(&agents[3], "over-full", "billing", 7, 5, "en");
    agent_init(&agents[4], "no-capacity", "billing", 0, 0, "en");
    agent_init(&agents[5], "no-skill", "billing", 0, 5, "en");
    agent_skill_add(&agents[5], "refunds", 0.9);
    agent_init(&agents[6], "ok", "billing", 4, 5, "en");
    agent_skill_add(&agents[6], "invoices", 0.1);
    struct route_decision d;
    decision_for(&d, "billing", "en");
    size_t idx[7];
    char ids[256];
    size_t n = route_rank_agents(&d, "invoices", agents, N_OF(agents), idx, N_OF(idx));
    ranked_ids(agents, idx, n, ids, sizeof(ids));
    assert_string_equal(ids, "ok");
}

static void test_rank_without_required_skill_accepts_any_skills(void **state)
{
    (void)state;
    struct agent_candidate agents[2];
    agent_init(&agents[0], "a", "billing", 0, 5, "en");
    agent_init(&agents[1], "b", "billing", 0, 5, "en");
    agent_skill_add(&agents[1], "refunds", 0.9);
    struct route_decision d;
    decision_for(&d, "billing", "en");
    size_t idx[2];
    char ids[256];
    size_t n = route_rank_agents(&d, "", agents, N_OF(agents), idx, N_OF(idx));
    ranked_ids(agents, idx, n, ids, sizeof(ids));
    assert_string_equal(ids, "a,b");
}

/* Ticket language, the agents' languages (one each, "-" none), the ranking wanted. */
static const struct {
    const char *ticket_language;
    const char *agent_languages[3];
    const char *want;
} LANGUAGE_CASES[] = {
    /* clang-format off */
    {"pt",    {"en", "pt", "de"},    "a1"},
    {"pt-BR", {"en", "pt", "de"},    "a1"},
    {"pt",    {"en", "pt-BR", "de"}, "a1"},
    {"pt-BR", {"pt-PT", "en", "pt"}, "a0,a2"},
    {"fr",    {"en", "pt", "de"},    "a0,a1,a2"},
    {"en",    {"en", "-", "en"},     "a0,a2"},
    {"ja",    {"-", "-", "-"},       "a0,a1,a2"},
    /* clang-format on */
};

static void test_rank_prefers_ticket_language_when_anyone_speaks_it(void **state)
{
    (void)state;
    for (size_t c = 0; c < N_OF(LANGUAGE_CASES); c++) {
        struct agent_candidate agents[3];
        for (size_t i = 0; i < 3; i++) {
            char id[8];
            snprintf(id, sizeof(id), "a%zu", i);
            const char *lang = LANGUAGE_CASES[c].agent_languages[i];
            agent_init(&agents[i], id, "billing", 0, 5, strcmp(lang, "-") ? lang : NULL);
        }
        struct route_decision d;
        decision_for(&d, "billing", LANGUAGE_CASES[c].ticket_language);
        size_t idx[3];
        char ids[256];
        size_t n = route_rank_agents(&d, "", agents, 3, idx, 3);
        ranked_ids(agents, idx, n, ids, sizeof(ids));
        if (strcmp(ids, LANGUAGE_CASES[c].want) != 0)
            fail_msg("case %zu (ticket %s): ranked '%s', want '%s'", c,
                     LANGUAGE_CASES[c].ticket_language, ids, LANGUAGE_CASES[c].want);
    }
}

static void test_rank_language_preference_counts_only_eligible_speakers(void **state)
{
    (void)state;
    struct agent_candidate agents[2];
    agent_init(&agents[0], "pt-full", "billing", 3, 3, "pt");
    agent_init(&agents[1], "en-free", "billing", 0, 3, "en");
    struct route_decision d;
    decision_for(&d, "billing", "pt");
    size_t idx[2];
    char ids[256];
    size_t n = route_rank_agents(&d, "", agents, N_OF(agents), idx, N_OF(idx));
    ranked_ids(agents, idx, n, ids, sizeof(ids));
    assert_string_equal(ids, "en-free");
}

static void test_rank_agent_with_several_languages_matches_any(void **state)
{
    (void)state;
    struct agent_candidate agents[2];
    agent_init(&agents[0], "en-only", "billing", 0, 3, "en");
    agent_init(&agents[1], "polyglot", "billing", 2, 3, "en");
    strcpy(agents[1].languages[1], "es");
    strcpy(agents[1].languages[2], "pt");
    agents[1].n_languages = 3;
    struct route_decision d;
    decision_for(&d, "billing", "pt-BR");
    size_t idx[2];
    char ids[256];
    size_t n = route_rank_agents(&d, "", agents, N_OF(agents), idx, N_OF(idx));
    ranked_ids(agents, idx, n, ids, sizeof(ids));
    assert_string_equal(ids, "polyglot");
}

static void test_rank_orders_by_score_then_id(void **state)
{
    (void)state;
    struct agent_candidate agents[6];
    /* Default weights, no history: 0.4 proficiency + 0.2 * 0.5 speed + 0.2 * 0.5 quality +
     * 0.2 * (1 - load share). */
    agent_init(&agents[0], "half", "billing", 2, 4, "en");       /* 0.40 + 0.2 + 0.10 = 0.70 */
    agent_init(&agents[1], "quarter", "billing", 1, 4, "en");    /* 0.08 + 0.2 + 0.15 = 0.43 */
    agent_init(&agents[2], "tenth-b", "billing", 1, 10, "en");   /* 0.20 + 0.2 + 0.18 = 0.58 */
    agent_init(&agents[3], "tenth-a", "billing", 1, 10, "en");   /* 0.58, ties by id */
    agent_init(&agents[4], "tenth-pro", "billing", 2, 20, "en"); /* 0.36 + 0.2 + 0.18 = 0.74 */
    agent_init(&agents[5], "third", "billing", 2, 6, "en");      /* 0.28 + 0.2 + 0.13 = 0.61 */
    agent_skill_add(&agents[0], "invoices", 1.0);
    agent_skill_add(&agents[1], "invoices", 0.2);
    agent_skill_add(&agents[2], "invoices", 0.5);
    agent_skill_add(&agents[3], "invoices", 0.5);
    agent_skill_add(&agents[4], "invoices", 0.9);
    agent_skill_add(&agents[5], "invoices", 0.7);
    struct route_decision d;
    decision_for(&d, "billing", "en");
    size_t idx[6];
    char ids[256];
    size_t n = route_rank_agents(&d, "invoices", agents, N_OF(agents), idx, N_OF(idx));
    ranked_ids(agents, idx, n, ids, sizeof(ids));
    assert_string_equal(ids, "tenth-pro,half,third,tenth-a,tenth-b,quarter");
}

static void test_rank_busy_agent_only_when_nobody_else(void **state)
{
    (void)state;
    struct agent_candidate agents[2];
    agent_init(&agents[0], "expert-busy", "billing", 8, 10, "en"); /* 80%: redistribution */
    agent_init(&agents[1], "novice-idle", "billing", 0, 10, "en");
    agent_skill_add(&agents[0], "invoices", 1.0);
    agent_skill_add(&agents[1], "invoices", 0.1);
    struct route_decision d;
    decision_for(&d, "billing", "en");
    size_t idx[2];
    char ids[256];
    size_t n = route_rank_agents(&d, "invoices", agents, 2, idx, 2);
    ranked_ids(agents, idx, n, ids, sizeof(ids));
    assert_string_equal(ids, "novice-idle,expert-busy");
    agents[1].load = 10; /* the idle one fills up: the busy expert is the only one left */
    n = route_rank_agents(&d, "invoices", agents, 2, idx, 2);
    ranked_ids(agents, idx, n, ids, sizeof(ids));
    assert_string_equal(ids, "expert-busy");
}

static void test_rank_skips_offline_and_puts_away_last(void **state)
{
    (void)state;
    struct agent_candidate agents[3];
    agent_init(&agents[0], "away", "billing", 0, 10, "en");
    agent_init(&agents[1], "offline", "billing", 0, 10, "en");
    agent_init(&agents[2], "online", "billing", 5, 10, "en");
    agents[0].presence = PRESENCE_AWAY;
    agents[1].presence = PRESENCE_OFFLINE;
    agents[2].presence = PRESENCE_ONLINE;
    struct route_decision d;
    decision_for(&d, "billing", "en");
    size_t idx[3];
    char ids[256];
    size_t n = route_rank_agents(&d, "", agents, 3, idx, 3);
    ranked_ids(agents, idx, n, ids, sizeof(ids));
    assert_string_equal(ids, "online,away");
}

static void test_rank_skips_agents_off_shift(void **state)
{
    (void)state;
    struct agent_candidate agents[2];
    agent_init(&agents[0], "night", "billing", 0, 10, "en");
    agent_init(&agents[1], "day", "billing", 0, 10, "en");
    agents[0].has_shift = true;
    agents[0].shift =
        (struct team_hours){.start_min = 22 * 60, .end_min = 6 * 60, .days_mask = 0xFE};
    agents[1].has_shift = true;
    agents[1].shift =
        (struct team_hours){.start_min = 9 * 60, .end_min = 17 * 60, .days_mask = 0xFE};
    struct route_decision d;
    decision_for(&d, "billing", "en");
    size_t idx[2];
    char ids[256];
    /* 2023-11-14 12:00 UTC: only the day shift works. */
    size_t n = route_rank_agents_at(&d, "", agents, 2, NULL, INT64_C(1699963200000), idx, NULL, 2);
    ranked_ids(agents, idx, n, ids, sizeof(ids));
    assert_string_equal(ids, "day");
    /* 23:00 UTC the same day: only the night shift. */
    n = route_rank_agents_at(&d, "", agents, 2, NULL, INT64_C(1700002800000), idx, NULL, 2);
    ranked_ids(agents, idx, n, ids, sizeof(ids));
    assert_string_equal(ids, "night");
}

static void test_rank_prefers_faster_more_reliable_agent(void **state)
{
    (void)state;
    struct agent_candidate agents[2];
    agent_init(&agents[0], "slow", "billing", 0, 10, "en");
    agent_init(&agents[1], "quick", "billing", 0, 10, "en");
    agents[0].perf_assigned = 40;
    agents[0].perf_resolution_min = 300;
    agents[0].perf_reassign_rate = 0.3;
    agents[1].perf_assigned = 40;
    agents[1].perf_resolution_min = 60;
    agents[1].perf_reassign_rate = 0.05;
    struct route_decision d;
    decision_for(&d, "billing", "en");
    size_t idx[2];
    double scores[2];
    char ids[256];
    size_t n = route_rank_agents_at(&d, "", agents, 2, NULL, 0, idx, scores, 2);
    ranked_ids(agents, idx, n, ids, sizeof(ids));
    assert_string_equal(ids, "quick,slow");
    assert_true(scores[0] > scores[1]);
}

static void test_rank_respects_max(void **state)
{
    (void)state;
    struct agent_candidate agents[5];
    /* Arrives worst first, so every later agent displaces one already kept. */
    agent_init(&agents[0], "e", "billing", 4, 5, "en");
    agent_init(&agents[1], "d", "billing", 3, 5, "en");
    agent_init(&agents[2], "c", "billing", 2, 5, "en");
    agent_init(&agents[3], "b", "billing", 1, 5, "en");
    agent_init(&agents[4], "a", "billing", 0, 5, "en");
    struct route_decision d;
    decision_for(&d, "billing", "en");
    size_t idx[5] = {99, 99, 99, 99, 99};
    char ids[256];
    size_t n = route_rank_agents(&d, "", agents, N_OF(agents), idx, 2);
    ranked_ids(agents, idx, n, ids, sizeof(ids));
    assert_string_equal(ids, "a,b");
    assert_int_equal(idx[2], 99); /* nothing written past max */
    assert_int_equal(route_rank_agents(&d, "", agents, N_OF(agents), idx, 0), 0);
}

/* Reference order for the randomized comparison below. */
static const struct agent_candidate *g_ref_agents;
static int ref_compare(const void *pa, const void *pb)
{
    const struct agent_candidate *a = &g_ref_agents[*(const size_t *)pa];
    const struct agent_candidate *b = &g_ref_agents[*(const size_t *)pb];
    /* Default weights, no history, everyone online: busy (>= 80%) after the others, then the
     * score, then the id. */
    double la = (double)a->load / a->capacity, lb = (double)b->load / b->capacity;
    int ga = la >= 0.8, gb = lb >= 0.8;
    if (ga != gb)
        return ga - gb;
    double sa = 0.4 * a->proficiency[0] + 0.2 + 0.2 * (1 - la);
    double sb = 0.4 * b->proficiency[0] + 0.2 + 0.2 * (1 - lb);
    if (fabs(sa - sb) > 1e-9)
        return sa > sb ? -1 : 1;
    return strcmp(a->agent_id, b->agent_id);
}

static void test_rank_top_max_equals_full_sort_prefix(void **state)
{
    (void)state;
    enum { N = 60 };
    struct agent_candidate *agents = calloc(N, sizeof(*agents));
    assert_non_null(agents);
    uint32_t seed = 12345;
    for (int round = 0; round < 50; round++) {
        size_t eligible[N], n_eligible = 0;
        for (size_t i = 0; i < N; i++) {
            seed = seed * 1103515245u + 12345u;
            char id[16];
            snprintf(id, sizeof(id), "ag%03zu", (i * 37) % N);
            int capacity = 1 + (int)((seed >> 8) % 8);
            agent_init(&agents[i], id, "billing", (int)((seed >> 12) % (unsigned)capacity),
                       capacity, "en");
            agent_skill_add(&agents[i], "invoices", (double)((seed >> 16) % 4) / 4.0);
            agents[i].active = (seed >> 20) % 5 != 0;
            if (agents[i].active)
                eligible[n_eligible++] = i;
        }
        g_ref_agents = agents;
        qsort(eligible, n_eligible, sizeof(eligible[0]), ref_compare);
        struct route_decision d;
        decision_for(&d, "billing", "en");
        size_t max = 1 + (size_t)round % 7, idx[N];
        size_t n = route_rank_agents(&d, "invoices", agents, N, idx, max);
        size_t want = n_eligible < max ? n_eligible : max;
        if (n != want)
            fail_msg("round %d: ranked %zu, want %zu", round, n, want);
        for (size_t i = 0; i < n; i++)
            if (idx[i] != eligible[i])
                fail_msg("round %d rank %zu: %s, want %s", round, i, agents[idx[i]].agent_id,
                         agents[eligible[i]].agent_id);
    }
    free(agents);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_decide_rejects_missing_inputs),
        T(test_decide_copies_ticket_ids_and_time),
        T(test_decide_confident_category_maps_to_team),
        T(test_decide_confidence_equal_to_threshold_is_confident),
        T(test_decide_below_threshold_goes_to_triage_with_fallback),
        T(test_decide_below_threshold_enterprise_goes_to_senior_queue),
        T(test_decide_out_of_scope_goes_to_triage),
        T(test_decide_no_classifier_no_rule_goes_to_triage),
        T(test_decide_category_without_route_goes_to_triage),
        T(test_decide_rule_keyword_sets_team),
        T(test_decide_rule_keyword_in_subject_matches),
        T(test_decide_keyword_matches_whole_words_case_insensitively),
        T(test_decide_rule_conditions_must_hold),
        T(test_decide_rule_needs_keyword_and_other_conditions),
        T(test_decide_first_rule_setting_team_wins),
        T(test_decide_later_rule_fills_fields_earlier_rules_left_unset),
        T(test_decide_most_urgent_rule_priority_wins),
        T(test_decide_rule_priority_never_lowers_urgency),
        T(test_decide_base_priority_follows_tier),
        T(test_decide_stop_ends_rule_evaluation),
        T(test_decide_stop_on_unmatched_rule_does_not_end_evaluation),
        T(test_decide_keyword_rule_category_stands_in_without_classifier),
        T(test_decide_keyword_rule_category_overrides_unsure_classifier),
        T(test_decide_confident_classifier_keeps_its_category_over_rule),
        T(test_decide_rule_skill_wins_over_category_route_skill),
        T(test_decide_unknown_customer_is_flagged_free_tier),
        T(test_decide_unknown_customer_is_not_sent_to_senior_queue),
        T(test_decide_unconfigured_rule_team_goes_to_default_team),
        T(test_decide_unconfigured_category_team_goes_to_default_team),
        T(test_decide_language_from_ticket_then_customer_then_english),
        T(test_decide_sla_deadline_is_created_at_plus_priority_minutes),
        T(test_decide_sla_deadline_follows_rule_priority),
        T(test_decide_sla_deadline_uses_now_without_created_at),
        T(test_decide_no_sla_when_priority_has_no_minutes),
        T(test_decide_sets_decision_id_of_ticket),
        cmocka_unit_test(test_decision_id_is_stable_and_differs_per_ticket),
        cmocka_unit_test(test_decision_id_is_fnv1a_64_of_ticket_id),
        cmocka_unit_test(test_rank_filters_ineligible_agents),
        cmocka_unit_test(test_rank_without_required_skill_accepts_any_skills),
        cmocka_unit_test(test_rank_prefers_ticket_language_when_anyone_speaks_it),
        cmocka_unit_test(test_rank_language_preference_counts_only_eligible_speakers),
        cmocka_unit_test(test_rank_agent_with_several_languages_matches_any),
        cmocka_unit_test(test_rank_orders_by_score_then_id),
        cmocka_unit_test(test_rank_busy_agent_only_when_nobody_else),
        cmocka_unit_test(test_rank_skips_offline_and_puts_away_last),
        cmocka_unit_test(test_rank_skips_agents_off_shift),
        cmocka_unit_test(test_rank_prefers_faster_more_reliable_agent),
        cmocka_unit_test(test_rank_respects_max),
        cmocka_unit_test(test_rank_top_max_equals_full_sort_prefix),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
