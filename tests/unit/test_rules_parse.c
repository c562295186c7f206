/* test_rules_parse: store_rule_parse turns a rule's JSON conditions and actions into a
 * validated struct route_rule, and refuses anything it does not understand. Pure: no server. */
#include "test_support.h"

#include <stdio.h>
#include <string.h>

#include "common/error.h"
#include "domain/domain.h"
#include "routing/routing.h"
#include "store/store.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("'%s' does not contain '%s'", haystack, needle);
}

static void test_parse_valid_rule_fills_every_field(void **state)
{
    (void)state;
    struct route_rule rule;
    char err[256] = "";
    const char *conditions = "{\"keywords_any\": [\"refund\", \"chargeback\"],"
                             " \"categories\": [\"billing\"],"
                             " \"tiers\": [\"pro\", \"enterprise\"],"
                             " \"min_confidence\": 0.25, \"max_confidence\": 0.9,"
                             " \"language\": \"pt-BR\", \"channel\": \"email\"}";
    const char *actions = "{\"team\": \"billing\", \"queue\": \"billing-vip\","
                          " \"category\": \"refunds\", \"priority\": \"P2\","
                          " \"required_skill\": \"invoices\", \"stop\": true}";
    int rc = store_rule_parse("refunds", 7, conditions, actions, &rule, err, sizeof(err));
    if (rc != 0)
        fail_msg("store_rule_parse: %s", err);
    assert_string_equal(rule.name, "refunds");
    assert_int_equal(rule.position, 7);
    assert_int_equal(rule.n_keywords, 2);
    assert_string_equal(rule.keywords[0], "refund");
    assert_string_equal(rule.keywords[1], "chargeback");
    assert_int_equal(rule.n_categories, 1);
    assert_string_equal(rule.categories[0], "billing");
    assert_int_equal(rule.tiers_mask, (1u << TIER_PRO) | (1u << TIER_ENTERPRISE));
    assert_float_equal(rule.min_confidence, 0.25, 1e-9);
    assert_float_equal(rule.max_confidence, 0.9, 1e-6);
    assert_string_equal(rule.language, "pt-BR");
    assert_string_equal(rule.channel, "email");
    assert_string_equal(rule.team, "billing");
    assert_string_equal(rule.queue, "billing-vip");
    assert_string_equal(rule.category, "refunds");
    assert_int_equal(rule.priority, PRIORITY_P2);
    assert_string_equal(rule.required_skill, "invoices");
    assert_true(rule.stop);
}

static void test_parse_single_strings_stand_for_lists(void **state)
{
    (void)state;
    struct route_rule rule;
    char err[256] = "";
    int rc = store_rule_parse("r", 1,
                              "{\"keywords_any\": \"outage\", \"category\": \"incident\","
                              " \"tier\": \"free\"}",
                              "{\"priority\": \"P1\"}", &rule, err, sizeof(err));
    if (rc != 0)
        fail_msg("store_rule_parse: %s", err);
    assert_int_equal(rule.n_keywords, 1);
    assert_string_equal(rule.keywords[0], "outage");
    assert_int_equal(rule.n_categories, 1);
    assert_string_equal(rule.categories[0], "incident");
    assert_int_equal(rule.tiers_mask, 1u << TIER_FREE);
    assert_int_equal(rule.priority, PRIORITY_P1);
}

static void test_parse_signals_any(void **state)
{
    (void)state;
    struct route_rule rule;
    char err[256] = "";
    int rc = store_rule_parse("sig", 1, "{\"signals_any\": [\"security\", \"churn\"]}",
                              "{\"team\": \"security\"}", &rule, err, sizeof(err));
    if (rc != 0)
        fail_msg("store_rule_parse: %s", err);
    assert_int_equal(rule.signals_mask, (1u << ROUTE_SIGNAL_SECURITY) | (1u << ROUTE_SIGNAL_CHURN));
    rc = store_rule_parse("sig", 1, "{\"signals_any\": [\"angry\"]}", "{\"team\": \"x\"}", &rule,
                          err, sizeof(err));
    assert_int_equal(rc, TR_EINVAL);
    assert_non_null(strstr(err, "unknown signal 'angry'"));
}

static void test_parse_empty_conditions_match_everything(void **state)
{
    (void)state;
    struct route_rule rule;
    char err[256] = "";
    int rc = store_rule_parse("all", 1, "{}", "{\"team\": \"general\"}", &rule, err, sizeof(err));
    if (rc != 0)
        fail_msg("store_rule_parse: %s", err);
    assert_int_equal(rule.n_keywords, 0);
    assert_int_equal(rule.n_categories, 0);
    assert_int_equal(rule.tiers_mask, 0);
    assert_false(rule.stop);
    assert_int_equal(rule.priority, 0);
}

static void test_parse_accepts_priority_spellings(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        enum priority want;
    } cases[] = {
        {"{\"priority\": \"P1\"}", PRIORITY_P1},
        {"{\"priority\": \"p4\"}", PRIORITY_P4},
        {"{\"priority\": \"3\"}", PRIORITY_P3},
    };
    for (size_t i = 0; i < N_OF(cases); i++) {
        struct route_rule rule;
        char err[256] = "";
        int rc = store_rule_parse("r", 1, "{}", cases[i].json, &rule, err, sizeof(err));
        if (rc != 0)
            fail_msg("case %zu %s: %s", i, cases[i].json, err);
        assert_int_equal(rule.priority, cases[i].want);
    }
}

/* Rules that must be refused, and a word the reason must contain. */
static const struct {
    const char *name;
    const char *conditions;
    const char *actions;
    const char *reason;
} REFUSED[] = {
    {"r", "{\"keyword\": \"refund\"}", "{\"team\": \"billing\"}", "keyword"},
    {"r", "{\"tiers\": [\"platinum\"]}", "{\"team\": \"billing\"}", "platinum"},
    {"r", "{\"tier\": \"pro\", \"tiers\": 3}", "{\"team\": \"billing\"}", "tiers"},
    {"r", "{\"keywords_any\": [\"\"]}", "{\"team\": \"billing\"}", "keywords_any"},
    {"r", "{\"keywords_any\": [1]}", "{\"team\": \"billing\"}", "keywords_any"},
    {"r",
     "{\"keywords_any\": [\"k1\",\"k2\",\"k3\",\"k4\",\"k5\",\"k6\",\"k7\",\"k8\",\"k9\","
     "\"k10\",\"k11\",\"k12\",\"k13\",\"k14\",\"k15\",\"k16\",\"k17\"]}",
     "{\"team\": \"billing\"}", "at most 16"},
    {"r", "{\"min_confidence\": 1.5}", "{\"team\": \"billing\"}", "min_confidence"},
    {"r", "{\"max_confidence\": \"high\"}", "{\"team\": \"billing\"}", "max_confidence"},
    {"r", "{\"channel\": \"\"}", "{\"team\": \"billing\"}", "channel"},
    {"r", "{}", "{\"priority\": \"P5\"}", "priority"},
    {"r", "{}", "{\"priority\": \"urgent\"}", "priority"},
    {"r", "{}", "{\"priority\": 1}", "priority"},
    {"r", "{}", "{\"priority\": \"P0\"}", "priority"},
    {"r", "{}", "{\"stop\": \"yes\"}", "stop"},
    {"r", "{}", "{\"team\": 5}", "team"},
    {"r", "{}", "{\"assign\": \"bob\"}", "assign"},
    {"r", "{}", "{}", "at least one action"},
    {"r", "{\"keywords_any\": \"refund\"}", "{\"stop\": false}", "at least one action"},
    {"r", "{\"keywords_any\": ", "{\"team\": \"billing\"}", "JSON"},
    {"r", "{}", "not json", "JSON"},
    {"r", "[]", "{\"team\": \"billing\"}", "objects"},
    {"", "{}", "{\"team\": \"billing\"}", "name"},
};

static void test_parse_refuses_invalid_rules_with_reason(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(REFUSED); i++) {
        struct route_rule rule;
        char err[256] = "";
        int rc = store_rule_parse(REFUSED[i].name, 1, REFUSED[i].conditions, REFUSED[i].actions,
                                  &rule, err, sizeof(err));
        if (rc != TR_EINVAL)
            fail_msg("case %zu (%s / %s): rc %d, want TR_EINVAL", i, REFUSED[i].conditions,
                     REFUSED[i].actions, rc);
        if (!strstr(err, REFUSED[i].reason))
            fail_msg("case %zu: reason '%s' does not contain '%s'", i, err, REFUSED[i].reason);
    }
}

static void test_parse_refuses_unknown_condition_key(void **state)
{
    (void)state;
    struct route_rule rule;
    char err[256] = "";
    assert_int_equal(store_rule_parse("r", 1, "{\"sentiment\": \"angry\"}",
                                      "{\"team\": \"billing\"}", &rule, err, sizeof(err)),
                     TR_EINVAL);
    assert_contains(err, "unknown condition 'sentiment'");
}

static void test_parse_refuses_bad_priority(void **state)
{
    (void)state;
    struct route_rule rule;
    char err[256] = "";
    assert_int_equal(
        store_rule_parse("r", 1, "{}", "{\"priority\": \"P9\"}", &rule, err, sizeof(err)),
        TR_EINVAL);
    assert_contains(err, "priority");
}

static void test_parse_refuses_bad_tier(void **state)
{
    (void)state;
    struct route_rule rule;
    char err[256] = "";
    assert_int_equal(store_rule_parse("r", 1, "{\"tiers\": [\"pro\", \"gold\"]}",
                                      "{\"team\": \"billing\"}", &rule, err, sizeof(err)),
                     TR_EINVAL);
    assert_contains(err, "unknown tier 'gold'");
}

static void test_parse_refuses_rule_without_action(void **state)
{
    (void)state;
    struct route_rule rule;
    char err[256] = "";
    assert_int_equal(
        store_rule_parse("r", 1, "{\"keywords_any\": [\"refund\"]}", "{}", &rule, err, sizeof(err)),
        TR_EINVAL);
    assert_contains(err, "at least one action");
}

static void test_parse_refuses_name_too_long(void **state)
{
    (void)state;
    char name[TR_NAME_MAX + 1];
    memset(name, 'x', TR_NAME_MAX);
    name[TR_NAME_MAX] = '\0';
    struct route_rule rule;
    char err[256] = "";
    assert_int_equal(
        store_rule_parse(name, 1, "{}", "{\"team\": \"billing\"}", &rule, err, sizeof(err)),
        TR_EINVAL);
    assert_contains(err, "name");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid_rule_fills_every_field),
        cmocka_unit_test(test_parse_single_strings_stand_for_lists),
        cmocka_unit_test(test_parse_empty_conditions_match_everything),
        cmocka_unit_test(test_parse_accepts_priority_spellings),
        cmocka_unit_test(test_parse_refuses_invalid_rules_with_reason),
        cmocka_unit_test(test_parse_refuses_unknown_condition_key),
        cmocka_unit_test(test_parse_refuses_bad_priority),
        cmocka_unit_test(test_parse_refuses_bad_tier),
        cmocka_unit_test(test_parse_signals_any),
        cmocka_unit_test(test_parse_refuses_rule_without_action),
        cmocka_unit_test(test_parse_refuses_name_too_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
