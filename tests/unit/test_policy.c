/* test_policy: the routing policy as data (issue 4). Rules are built from JSON with
 * store_rule_parse, as the store loads them, then route_decide_full decides with the default
 * urgency weights at a fixed instant. Covers each condition kind (matches and does not), each
 * action, escalation ids and one escalation per kind, holding until a team opens (also across
 * Dublin's daylight saving change), outage reports, and the shipped decision trees of
 * deploy/seed/demo.sql as a table. Instants were computed with GNU date, e.g.
 * `TZ=Europe/Dublin date -d @1721201400`. Pure: no servers. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "common/tz.h"
#include "domain/domain.h"
#include "routing/routing.h"
#include "store/store.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
/* A JSON object written as it is, so the rules read like the data: JSON({"tiers": ["free"]}). */
#define JSON(...) #__VA_ARGS__
#define S(unix_s) ((int64_t)(unix_s)*1000)
#define MIN_MS INT64_C(60000)
#define DAY_MS (INT64_C(24) * 3600 * 1000)

#define MON (1u << 1)
#define TUE (1u << 2)
#define WED (1u << 3)
#define THU (1u << 4)
#define FRI (1u << 5)
#define SAT (1u << 6)
#define SUN (1u << 7)
#define WEEKDAYS (MON | TUE | WED | THU | FRI)
#define EVERY_DAY (WEEKDAYS | SAT | SUN)

/* Instants (Europe/Dublin is UTC+1 in summer, UTC+0 in winter; billing opens 08:00 local). */
#define WED_1000Z S(1721210400)    /* Wed 2024-07-17 10:00Z = 11:00 IST: billing open */
#define WED_0730Z S(1721201400)    /* Wed 2024-07-17 07:30Z = 08:30 IST: open */
#define WED_2000Z S(1721246400)    /* Wed 2024-07-17 20:00Z = 21:00 IST: closed */
#define THU_0700Z S(1721286000)    /* Thu 2024-07-18 07:00Z = 08:00 IST: opens */
#define SAT_1200Z S(1721476800)    /* Sat 2024-07-20 12:00Z = 13:00 IST: weekend */
#define MON_0700Z S(1721631600)    /* Mon 2024-07-22 07:00Z = 08:00 IST: opens */
#define WINTER_0730Z S(1705476600) /* Wed 2024-01-17 07:30Z = 07:30 GMT: closed */
#define WINTER_0800Z S(1705478400) /* Wed 2024-01-17 08:00Z = 08:00 GMT: opens */
#define SPRING_0730Z S(1711956600) /* Mon 2024-04-01 07:30Z = 08:30 IST (DST began Sun) */
#define AUTUMN_0730Z S(1730100600) /* Mon 2024-10-28 07:30Z = 07:30 GMT (DST ended Sun) */
#define AUTUMN_0800Z S(1730102400) /* Mon 2024-10-28 08:00Z = 08:00 GMT */

static tz_zone *DUBLIN, *BERLIN, *CHICAGO;

static tz_zone *zone_load(const char *name)
{
    char err[256] = "";
    tz_zone *zone = tz_zone_load(NULL, name, err, sizeof(err));
    if (!zone)
        fail_msg("tz_zone_load %s: %s", name, err);
    return zone;
}

static int zones_load(void **state)
{
    (void)state;
    DUBLIN = zone_load("Europe/Dublin");
    BERLIN = zone_load("Europe/Berlin");
    CHICAGO = zone_load("America/Chicago");
    return 0;
}

static int zones_free(void **state)
{
    (void)state;
    tz_zone_free(DUBLIN);
    tz_zone_free(BERLIN);
    tz_zone_free(CHICAGO);
    return 0;
}

static struct team_hours hours_make(int start_h, int end_h, unsigned days, const tz_zone *zone)
{
    return (struct team_hours){
        .start_min = start_h * 60, .end_min = end_h * 60, .days_mask = days, .zone = zone};
}

/* The seed's customers, one of each kind the decision trees tell apart. */
enum cust { C_FREE, C_PRO, C_PRO_HIGH, C_ENT, C_ENT_MID, C_NONE };
/* clang-format off */
static const struct customer CUSTOMERS[] = {
    [C_FREE] = { .customer_id = "cust-free", .tier = TIER_FREE, .contract_value = 0,
                 .value_percentile = 0.10, .sla_policy = "standard",
                 .first_response_min = {240, 480, 1440, 2880}, .language = "en" },
    [C_PRO] = { .customer_id = "cust-pro", .tier = TIER_PRO, .contract_value = 20000,
                .value_percentile = 0.60, .sla_policy = "business",
                .first_response_min = {60, 240, 480, 1440}, .language = "en",
                .account_manager = "am:pat" },
    [C_PRO_HIGH] = { .customer_id = "cust-pro-high", .tier = TIER_PRO, .contract_value = 60000,
                     .value_percentile = 0.85, .sla_policy = "business",
                     .first_response_min = {60, 240, 480, 1440}, .language = "en",
                     .account_manager = "am:lee" },
    [C_ENT] = { .customer_id = "cust-ent", .tier = TIER_ENTERPRISE, .contract_value = 120000,
                .value_percentile = 0.95, .sla_policy = "enterprise",
                .first_response_min = {30, 60, 240, 480}, .language = "en",
                .account_manager = "am:jane" },
    [C_ENT_MID] = { .customer_id = "cust-ent-mid", .tier = TIER_ENTERPRISE, .contract_value = 40000,
                    .value_percentile = 0.50, .sla_policy = "enterprise",
                    .first_response_min = {30, 60, 240, 480}, .language = "en" },
};
/* clang-format on */

/* One route_decide_full call: every input is a field, tests change what they need. */
struct fx {
    struct ticket ticket;
    char subject[256];
    char body[1024];
    struct customer customer;
    bool has_customer;
    struct classification cls;
    bool has_cls;
    struct route_rule rules[24];
    size_t n_rules;
    struct team_info teams[8];
    size_t n_teams;
    struct category_route categories[12];
    size_t n_categories;
    const char *outage_phrases[4];
    size_t n_outage_phrases;
    struct policy policy;
    struct urgency_weights weights;
    int64_t now_ms;
    struct route_input in;
    struct route_output out;
};

static void team_add(struct fx *fx, const char *team, const char *oncall, struct team_hours hours)
{
    struct team_info *t = &fx->teams[fx->n_teams++];
    tr_strlcpy(t->team, team, sizeof(t->team));
    tr_strlcpy(t->queue, team, sizeof(t->queue));
    tr_strlcpy(t->timezone, hours.zone ? tz_zone_name(hours.zone) : "UTC", sizeof(t->timezone));
    tr_strlcpy(t->oncall_target, oncall, sizeof(t->oncall_target));
    t->hours = hours;
}

static void category_add(struct fx *fx, const char *category, const char *team, const char *skill,
                         const char *area)
{
    struct category_route *c = &fx->categories[fx->n_categories++];
    tr_strlcpy(c->category, category, sizeof(c->category));
    tr_strlcpy(c->team, team, sizeof(c->team));
    tr_strlcpy(c->required_skill, skill, sizeof(c->required_skill));
    tr_strlcpy(c->product_area, area, sizeof(c->product_area));
}

static void text_set(struct fx *fx, const char *subject, const char *body)
{
    tr_strlcpy(fx->subject, subject, sizeof(fx->subject));
    tr_strlcpy(fx->body, body, sizeof(fx->body));
}

static void customer_set(struct fx *fx, enum cust which)
{
    fx->has_customer = which != C_NONE;
    if (fx->has_customer)
        fx->customer = CUSTOMERS[which];
}

static void cls_set(struct fx *fx, const char *category, double confidence)
{
    fx->has_cls = true;
    memset(&fx->cls, 0, sizeof(fx->cls));
    tr_strlcpy(fx->cls.category, category, sizeof(fx->cls.category));
    fx->cls.confidence = confidence;
    fx->cls.n_top = 1;
    tr_strlcpy(fx->cls.top[0].category, category, sizeof(fx->cls.top[0].category));
    fx->cls.top[0].confidence = confidence;
    tr_strlcpy(fx->cls.model_version, "test-model", sizeof(fx->cls.model_version));
}

/* The seed's teams (deploy/seed/demo.sql), its category routes, and a team that never opens. */
static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof(*fx));
    if (!fx)
        return -1;
    strcpy(fx->ticket.ticket_id, "T-2001");
    strcpy(fx->ticket.customer_id, "cust-pro");
    strcpy(fx->ticket.channel, "email");
    strcpy(fx->ticket.language, "en");
    fx->ticket.subject = fx->subject;
    fx->ticket.body = fx->body;
    text_set(fx, "A question", "Hello, I have a question.");
    customer_set(fx, C_PRO);
    team_add(fx, "billing", "pagerduty:billing-oncall", hours_make(8, 18, WEEKDAYS, DUBLIN));
    team_add(fx, "technical", "pagerduty:technical-oncall", hours_make(0, 24, EVERY_DAY, NULL));
    team_add(fx, "security", "pagerduty:security-oncall", hours_make(0, 24, EVERY_DAY, NULL));
    team_add(fx, "retention", "", hours_make(9, 18, WEEKDAYS, BERLIN));
    team_add(fx, "general", "", hours_make(7, 19, WEEKDAYS | SAT, CHICAGO));
    team_add(fx, "triage", "pagerduty:support-duty-manager", hours_make(0, 24, EVERY_DAY, NULL));
    team_add(fx, "never", "", (struct team_hours){0}); /* zeroed hours: never open */
    category_add(fx, "billing", "billing", "billing", "billing");
    category_add(fx, "refund", "billing", "refunds", "payments");
    category_add(fx, "technical", "technical", "troubleshooting", "platform");
    category_add(fx, "bug", "technical", "bugs", "platform");
    category_add(fx, "integration", "technical", "integrations", "integrations");
    category_add(fx, "login", "accounts", "sso", "identity");
    category_add(fx, "security", "security", "security", "security");
    category_add(fx, "other", "general", "general", "");
    urgency_weights_default(&fx->weights);
    fx->now_ms = WED_1000Z;
    *state = fx;
    return 0;
}

static int fx_teardown(void **state)
{
    free(*state);
    return 0;
}

static void rule_add(struct fx *fx, const char *name, int position, const char *conditions,
                     const char *actions)
{
    char err[256] = "";
    assert_true(fx->n_rules < N_OF(fx->rules));
    int rc = store_rule_parse(name, position, conditions, actions, &fx->rules[fx->n_rules], err,
                              sizeof(err));
    if (rc != 0)
        fail_msg("store_rule_parse %s: %s (conditions %s, actions %s)", name, err, conditions,
                 actions);
    fx->n_rules++;
}

static int rule_cmp(const void *a, const void *b)
{
    const struct route_rule *x = a, *y = b;
    if (x->position != y->position)
        return x->position < y->position ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* As the store orders them: ORDER BY position, name. */
static void rules_sort(struct fx *fx)
{
    qsort(fx->rules, fx->n_rules, sizeof(fx->rules[0]), rule_cmp);
}

static void decide(struct fx *fx)
{
    fx->policy = (struct policy){
        .rules = fx->rules,
        .n_rules = fx->n_rules,
        .categories = fx->categories,
        .n_categories = fx->n_categories,
        .teams = fx->teams,
        .n_teams = fx->n_teams,
        .confidence_threshold = 0.70,
        .triage_team = "triage",
        .triage_queue = "triage",
        .senior_queue = "senior",
        .default_team = "general",
        .outage_phrases = fx->n_outage_phrases ? fx->outage_phrases : NULL,
        .n_outage_phrases = fx->n_outage_phrases,
    };
    agent_weights_default(&fx->policy.agent_weights);
    fx->in = (struct route_input){
        .ticket = &fx->ticket,
        .customer = fx->has_customer ? &fx->customer : NULL,
        .policy = &fx->policy,
        .classification = fx->has_cls ? &fx->cls : NULL,
        .weights = &fx->weights,
        .now_unix_ms = fx->now_ms,
    };
    assert_int_equal(route_decide_full(&fx->in, &fx->out), 0);
}

static bool fired(const struct fx *fx, const char *name)
{
    const struct reason_list *l = &fx->out.decision.rules_fired;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i], name) == 0)
            return true;
    return false;
}

static bool has_reason(const struct reason_list *l, const char *needle)
{
    for (size_t i = 0; i < l->n; i++)
        if (strstr(l->items[i], needle))
            return true;
    return false;
}

/* True when a lone rule with these conditions fires on the fixture's ticket. */
static bool probe(struct fx *fx, const char *conditions)
{
    fx->n_rules = 0;
    rule_add(fx, "probe", 1, conditions, JSON({"queue" : "probe-q"}));
    decide(fx);
    bool hit = fired(fx, "probe");
    assert_int_equal(hit, strcmp(fx->out.decision.queue, "probe-q") == 0);
    return hit;
}

/* "KIND[notify,...] KIND[...]" in the order the escalations came out. */
static void escalations_str(const struct route_output *o, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < o->n_escalations && used < len; i++) {
        const struct escalation *e = &o->escalations[i];
        used += (size_t)snprintf(buf + used, len - used, "%s%s[", i ? " " : "",
                                 escalation_kind_name(e->kind));
        for (size_t j = 0; j < e->n_notify && used < len; j++)
            used += (size_t)snprintf(buf + used, len - used, "%s%s", j ? "," : "", e->notify[j]);
        if (used < len)
            used += (size_t)snprintf(buf + used, len - used, "]");
    }
}

/* ---- conditions: each kind matches and does not ---- */

static void test_keywords_match_case_insensitively_in_subject_or_body(void **state)
{
    struct fx *fx = *state;
    text_set(fx, "REFUND please", "Hello.");
    assert_true(probe(fx, JSON({"keywords_any" : [ "chargeback", "refund" ]})));
    text_set(fx, "Hello", "We were Charged Twice for June.");
    assert_true(probe(fx, JSON({"keywords_any" : ["charged twice"]})));
    text_set(fx, "Hello", "Thanks for the rapid answer, refunds are fine.");
    assert_false(probe(fx, JSON({"keywords_any" : ["api"]})));    /* not inside "rapid" */
    assert_false(probe(fx, JSON({"keywords_any" : ["refund"]}))); /* "refunds": another word */
    assert_false(probe(fx, JSON({"keywords_any" : ["invoice"]})));
}

static void test_categories_match_the_classifier_category(void **state)
{
    struct fx *fx = *state;
    cls_set(fx, "billing", 0.9);
    assert_true(probe(fx, JSON({"categories" : [ "refund", "billing" ]})));
    assert_true(probe(fx, JSON({"category" : "billing"})));
    assert_false(probe(fx, JSON({"categories" : ["login"]})));
}

static void test_tiers_match_the_customer_tier_unknown_counts_as_free(void **state)
{
    struct fx *fx = *state;
    customer_set(fx, C_PRO);
    assert_true(probe(fx, JSON({"tiers" : [ "pro", "enterprise" ]})));
    assert_false(probe(fx, JSON({"tiers" : ["free"]})));
    customer_set(fx, C_ENT);
    assert_true(probe(fx, JSON({"tier" : "enterprise"})));
    customer_set(fx, C_NONE);
    assert_true(probe(fx, JSON({"tiers" : ["free"]})));
    assert_false(probe(fx, JSON({"tiers" : ["enterprise"]})));
}

static void test_min_confidence_bound(void **state)
{
    struct fx *fx = *state;
    cls_set(fx, "billing", 0.80);
    assert_true(probe(fx, JSON({"min_confidence" : 0.75})));
    assert_true(probe(fx, JSON({"min_confidence" : 0.80})));
    assert_false(probe(fx, JSON({"min_confidence" : 0.85})));
    fx->has_cls = false; /* no model: confidence 0 */
    assert_false(probe(fx, JSON({"min_confidence" : 0.10})));
}

static void test_max_confidence_bound(void **state)
{
    struct fx *fx = *state;
    cls_set(fx, "billing", 0.40);
    assert_true(probe(fx, JSON({"max_confidence" : 0.50})));
    assert_false(probe(fx, JSON({"max_confidence" : 0.30})));
    cls_set(fx, "billing", 0.60);
    assert_true(probe(fx, JSON({"min_confidence" : 0.5, "max_confidence" : 0.7})));
    assert_false(probe(fx, JSON({"min_confidence" : 0.65, "max_confidence" : 0.7})));
}

static void test_language_matches_the_ticket_language(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->ticket.language, "de");
    assert_true(probe(fx, JSON({"language" : "de"})));
    assert_false(probe(fx, JSON({"language" : "fr"})));
}

static void test_channel_matches_the_ticket_channel(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->ticket.channel, "chat");
    assert_true(probe(fx, JSON({"channel" : "chat"})));
    assert_false(probe(fx, JSON({"channel" : "email"})));
}

static void test_product_area_from_the_ticket_or_the_category_route(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->ticket.product_area, "payments");
    assert_true(probe(fx, JSON({"product_areas" : [ "identity", "payments" ]})));
    assert_false(probe(fx, JSON({"product_area" : "identity"})));
    /* No area on the ticket: the classifier's category route gives one. */
    fx->ticket.product_area[0] = '\0';
    cls_set(fx, "login", 0.9);
    assert_true(probe(fx, JSON({"product_area" : "identity"})));
    assert_false(probe(fx, JSON({"product_area" : "payments"})));
    /* Neither: no area, the condition cannot hold. */
    fx->has_cls = false;
    assert_false(probe(fx, JSON({"product_area" : "identity"})));
}

static void test_contract_value_min_is_inclusive_and_needs_a_customer(void **state)
{
    struct fx *fx = *state;
    customer_set(fx, C_PRO); /* 20000 */
    assert_true(probe(fx, JSON({"contract_value_min" : 10000})));
    assert_true(probe(fx, JSON({"contract_value_min" : 20000})));
    assert_false(probe(fx, JSON({"contract_value_min" : 50000})));
    customer_set(fx, C_NONE);
    assert_false(probe(fx, JSON({"contract_value_min" : 1})));
}

static void test_contract_value_max_is_exclusive(void **state)
{
    struct fx *fx = *state;
    customer_set(fx, C_PRO); /* 20000 */
    assert_true(probe(fx, JSON({"contract_value_max" : 50000})));
    assert_false(probe(fx, JSON({"contract_value_max" : 20000})));
    assert_false(probe(fx, JSON({"contract_value_max" : 10000})));
    customer_set(fx, C_NONE); /* an unknown customer has no value to exceed the bound */
    assert_true(probe(fx, JSON({"contract_value_max" : 50000})));
}

static void test_value_percentile_min(void **state)
{
    struct fx *fx = *state;
    customer_set(fx, C_ENT); /* 0.95 */
    assert_true(probe(fx, JSON({"value_percentile_min" : 0.9})));
    customer_set(fx, C_PRO); /* 0.60 */
    assert_false(probe(fx, JSON({"value_percentile_min" : 0.9})));
    assert_true(probe(fx, JSON({"value_percentile_min" : 0.6})));
    customer_set(fx, C_NONE);
    assert_false(probe(fx, JSON({"value_percentile_min" : 0.1})));
}

static void test_urgency_min_compares_the_urgency_score(void **state)
{
    struct fx *fx = *state;
    customer_set(fx, C_PRO);                      /* tier pro: 10 */
    text_set(fx, "Urgent", "Please look at it."); /* "urgent": 25 */
    assert_true(probe(fx, JSON({"urgency_min" : 30})));
    assert_float_equal(fx->out.urgency.score, 35, 1e-9);
    assert_true(probe(fx, JSON({"urgency_min" : 35})));
    assert_false(probe(fx, JSON({"urgency_min" : 40})));
    text_set(fx, "Hello", "Please look at it.");
    assert_false(probe(fx, JSON({"urgency_min" : 30})));
    assert_float_equal(fx->out.urgency.score, 10, 1e-9);
}

static void test_churned_within_days(void **state)
{
    struct fx *fx = *state;
    customer_set(fx, C_PRO);
    fx->customer.churned_at_ms = fx->now_ms - 10 * DAY_MS;
    assert_true(probe(fx, JSON({"churned_within_days" : 30})));
    assert_true(probe(fx, JSON({"churned_within_days" : 10})));
    assert_false(probe(fx, JSON({"churned_within_days" : 5})));
    fx->customer.churned_at_ms = 0; /* never churned */
    assert_false(probe(fx, JSON({"churned_within_days" : 30})));
    customer_set(fx, C_NONE);
    assert_false(probe(fx, JSON({"churned_within_days" : 30})));
}

static void test_at_risk_flag(void **state)
{
    struct fx *fx = *state;
    customer_set(fx, C_PRO);
    fx->customer.at_risk = true;
    assert_true(probe(fx, JSON({"at_risk" : true})));
    assert_false(probe(fx, JSON({"at_risk" : false})));
    fx->customer.at_risk = false;
    assert_false(probe(fx, JSON({"at_risk" : true})));
    assert_true(probe(fx, JSON({"at_risk" : false})));
    customer_set(fx, C_NONE);
    assert_false(probe(fx, JSON({"at_risk" : true})));
    assert_true(probe(fx, JSON({"at_risk" : false})));
}

static void test_customer_known_flag(void **state)
{
    struct fx *fx = *state;
    customer_set(fx, C_PRO);
    assert_true(probe(fx, JSON({"customer_known" : true})));
    assert_false(probe(fx, JSON({"customer_known" : false})));
    customer_set(fx, C_NONE);
    assert_false(probe(fx, JSON({"customer_known" : true})));
    assert_true(probe(fx, JSON({"customer_known" : false})));
}

static void test_team_open_with_hours_team(void **state)
{
    struct fx *fx = *state;
    fx->now_ms = WED_1000Z;
    assert_true(probe(fx, JSON({"team_open" : true, "hours_team" : "billing"})));
    assert_false(probe(fx, JSON({"team_open" : false, "hours_team" : "billing"})));
    fx->now_ms = SAT_1200Z;
    assert_false(probe(fx, JSON({"team_open" : true, "hours_team" : "billing"})));
    assert_true(probe(fx, JSON({"team_open" : false, "hours_team" : "billing"})));
    assert_true(probe(fx, JSON({"team_open" : true, "hours_team" : "security"}))); /* 24/7 */
}

static void test_team_open_with_zeroed_hours_is_never_open(void **state)
{
    struct fx *fx = *state;
    const int64_t instants[] = {WED_1000Z, WED_2000Z, SAT_1200Z, WINTER_0730Z};
    for (size_t i = 0; i < N_OF(instants); i++) {
        fx->now_ms = instants[i];
        assert_false(probe(fx, JSON({"team_open" : true, "hours_team" : "never"})));
        assert_true(probe(fx, JSON({"team_open" : false, "hours_team" : "never"})));
    }
    /* A team nobody configured: neither open nor closed. */
    assert_false(probe(fx, JSON({"team_open" : true, "hours_team" : "ghost"})));
    assert_false(probe(fx, JSON({"team_open" : false, "hours_team" : "ghost"})));
}

static void test_team_open_without_hours_team_uses_the_team_so_far_or_the_category(void **state)
{
    struct fx *fx = *state;
    fx->now_ms = SAT_1200Z; /* billing closed, technical open */
    /* The team an earlier rule decided. */
    fx->n_rules = 0;
    rule_add(fx, "to-technical", 1, "{}", JSON({"team" : "technical"}));
    rule_add(fx, "if-open", 2, JSON({"team_open" : true}), JSON({"queue" : "open-q"}));
    rule_add(fx, "if-closed", 3, JSON({"team_open" : false}), JSON({"queue" : "closed-q"}));
    decide(fx);
    assert_true(fired(fx, "if-open"));
    assert_false(fired(fx, "if-closed"));
    assert_string_equal(fx->out.decision.queue, "open-q");
    /* No team yet: the category's team (billing, closed on Saturday). */
    cls_set(fx, "billing", 0.9);
    fx->n_rules = 0;
    rule_add(fx, "if-open", 2, JSON({"team_open" : true}), JSON({"queue" : "open-q"}));
    rule_add(fx, "if-closed", 3, JSON({"team_open" : false}), JSON({"queue" : "closed-q"}));
    decide(fx);
    assert_false(fired(fx, "if-open"));
    assert_true(fired(fx, "if-closed"));
    assert_string_equal(fx->out.decision.team, "billing");
    assert_string_equal(fx->out.decision.queue, "closed-q");
    /* The same on Wednesday morning: open. */
    fx->now_ms = WED_1000Z;
    decide(fx);
    assert_true(fired(fx, "if-open"));
    assert_false(fired(fx, "if-closed"));
}

/* ---- actions ---- */

static void test_team_first_rule_that_sets_it_wins_queue_from_the_team(void **state)
{
    struct fx *fx = *state;
    text_set(fx, "Invoice", "The invoice is wrong.");
    rule_add(fx, "to-billing", 1, JSON({"keywords_any" : ["invoice"]}), JSON({"team" : "billing"}));
    rule_add(fx, "to-technical", 2, "{}", JSON({"team" : "technical"}));
    decide(fx);
    assert_true(fired(fx, "to-billing"));
    assert_true(fired(fx, "to-technical"));
    assert_string_equal(fx->out.decision.team, "billing");
    assert_string_equal(fx->out.decision.queue, "billing");
    assert_false(fx->out.decision.fallback);
}

static void test_queue_first_rule_that_sets_it_wins(void **state)
{
    struct fx *fx = *state;
    rule_add(fx, "vip-queue", 1, "{}", JSON({"team" : "billing", "queue" : "billing-vip"}));
    rule_add(fx, "other-queue", 2, "{}", JSON({"queue" : "other"}));
    decide(fx);
    assert_string_equal(fx->out.decision.team, "billing");
    assert_string_equal(fx->out.decision.queue, "billing-vip");
}

static void
test_category_of_a_keyword_rule_is_seen_by_later_rules_without_a_classifier(void **state)
{
    struct fx *fx = *state;
    text_set(fx, "Invoice", "The invoice is wrong.");
    rule_add(fx, "kw-billing", 1, JSON({"keywords_any" : ["invoice"]}),
             JSON({"category" : "billing"}));
    rule_add(fx, "on-billing", 2, JSON({"categories" : ["billing"]}), JSON({"priority" : "P3"}));
    decide(fx);
    assert_true(fired(fx, "on-billing"));
    assert_string_equal(fx->out.decision.category, "billing");
    assert_float_equal(fx->out.decision.confidence, 1.0, 1e-9);
    assert_string_equal(fx->out.decision.team, "billing"); /* the category's route */
    assert_string_equal(fx->out.required_skill, "billing");
    assert_int_equal(fx->out.decision.priority, PRIORITY_P3);
}

static void test_category_of_a_keyword_rule_does_not_override_a_confident_classifier(void **state)
{
    struct fx *fx = *state;
    text_set(fx, "Invoice", "The invoice is wrong.");
    cls_set(fx, "refund", 0.9);
    rule_add(fx, "kw-billing", 1, JSON({"keywords_any" : ["invoice"]}),
             JSON({"category" : "billing"}));
    rule_add(fx, "on-billing", 2, JSON({"categories" : ["billing"]}), JSON({"priority" : "P1"}));
    decide(fx);
    assert_true(fired(fx, "kw-billing"));
    assert_false(fired(fx, "on-billing"));
    assert_string_equal(fx->out.decision.category, "refund");
    assert_string_equal(fx->out.decision.team, "billing");
    assert_string_equal(fx->out.required_skill, "refunds");
}

static void test_priority_most_urgent_wins(void **state)
{
    struct fx *fx = *state;
    customer_set(fx, C_PRO); /* urgency 10: P4 */
    rule_add(fx, "p3", 1, "{}", JSON({"priority" : "P3"}));
    rule_add(fx, "p2", 2, "{}", JSON({"priority" : "P2"}));
    rule_add(fx, "p4", 3, "{}", JSON({"priority" : "P4"}));
    decide(fx);
    assert_int_equal(fx->out.urgency.priority, PRIORITY_P4);
    assert_int_equal(fx->out.decision.priority, PRIORITY_P2);
    /* A rule never lowers the urgency's priority. */
    customer_set(fx, C_ENT); /* 25 + top 10% 20 = 45: P2 */
    fx->n_rules = 0;
    rule_add(fx, "p4", 1, "{}", JSON({"priority" : "P4"}));
    decide(fx);
    assert_int_equal(fx->out.urgency.priority, PRIORITY_P2);
    assert_int_equal(fx->out.decision.priority, PRIORITY_P2);
}

static void test_required_skill_first_set_wins(void **state)
{
    struct fx *fx = *state;
    rule_add(fx, "skill-x", 1, "{}", JSON({"required_skill" : "x"}));
    rule_add(fx, "skill-y", 2, "{}", JSON({"required_skill" : "y"}));
    decide(fx);
    assert_string_equal(fx->out.required_skill, "x");
    /* Without a rule's skill, the category route's. */
    fx->n_rules = 0;
    cls_set(fx, "refund", 0.9);
    decide(fx);
    assert_string_equal(fx->out.decision.team, "billing");
    assert_string_equal(fx->out.required_skill, "refunds");
}

static void test_required_skill_of_the_rule_that_sets_the_team_wins(void **state)
{
    struct fx *fx = *state;
    rule_add(fx, "skill-only", 1, "{}", JSON({"required_skill" : "general"}));
    rule_add(fx, "team-and-skill", 2, "{}",
             JSON({"team" : "billing", "required_skill" : "invoices"}));
    rule_add(fx, "later-team", 3, "{}", JSON({"team" : "technical", "required_skill" : "bugs"}));
    decide(fx);
    assert_string_equal(fx->out.decision.team, "billing");
    assert_string_equal(fx->out.required_skill, "invoices");
}

static void test_senior_action_sets_senior_only(void **state)
{
    struct fx *fx = *state;
    rule_add(fx, "no-senior", 1, "{}", JSON({"senior" : false, "queue" : "q"}));
    decide(fx);
    assert_false(fx->out.senior_only);
    rule_add(fx, "senior", 2, "{}", JSON({"senior" : true}));
    decide(fx);
    assert_true(fired(fx, "senior"));
    assert_true(fx->out.senior_only);
}

static void test_stop_ends_rule_evaluation(void **state)
{
    struct fx *fx = *state;
    rule_add(fx, "before", 1, "{}", JSON({"required_skill" : "security"}));
    rule_add(fx, "stopper", 2, "{}", JSON({"team" : "security", "stop" : true}));
    rule_add(fx, "after", 3, "{}", JSON({"priority" : "P1", "team" : "billing"}));
    decide(fx);
    assert_true(fired(fx, "before"));
    assert_true(fired(fx, "stopper"));
    assert_false(fired(fx, "after"));
    assert_int_equal(fx->out.decision.rules_fired.n, 2);
    assert_string_equal(fx->out.decision.team, "security");
    assert_int_equal(fx->out.decision.priority, PRIORITY_P4); /* pro, no words: urgency 10 */
}

/* ---- hold until open ---- */

static void test_hold_until_open_when_closed_deadline_from_next_opening(void **state)
{
    struct fx *fx = *state;
    customer_set(fx, C_PRO); /* P1: 60 min */
    fx->now_ms = WED_2000Z;
    fx->ticket.created_at_ms = WED_2000Z - 5 * MIN_MS;
    rule_add(fx, "hold", 1, "{}",
             JSON({"team" : "billing", "priority" : "P1", "hold_until_open" : true}));
    decide(fx);
    assert_true(fx->out.held);
    assert_int_equal(fx->out.decision.priority, PRIORITY_P1);
    assert_int_equal(fx->out.decision.first_response_due_ms, THU_0700Z + 60 * MIN_MS);
    assert_true(has_reason(&fx->out.decision.reasons, "team billing closed now"));
    /* Over the weekend: Monday 08:00 in Dublin. */
    fx->now_ms = SAT_1200Z;
    fx->ticket.created_at_ms = 0;
    decide(fx);
    assert_true(fx->out.held);
    assert_int_equal(fx->out.decision.first_response_due_ms, MON_0700Z + 60 * MIN_MS);
}

static void test_hold_until_open_when_open_is_not_held(void **state)
{
    struct fx *fx = *state;
    customer_set(fx, C_PRO);
    fx->now_ms = WED_1000Z;
    fx->ticket.created_at_ms = WED_1000Z - 5 * MIN_MS;
    rule_add(fx, "hold", 1, "{}",
             JSON({"team" : "billing", "priority" : "P1", "hold_until_open" : true}));
    decide(fx);
    assert_false(fx->out.held);
    assert_int_equal(fx->out.decision.first_response_due_ms, WED_1000Z - 5 * MIN_MS + 60 * MIN_MS);
}

static void test_hold_until_open_for_a_team_that_never_opens_is_not_held(void **state)
{
    struct fx *fx = *state;
    customer_set(fx, C_PRO);
    fx->now_ms = WED_1000Z;
    rule_add(fx, "hold", 1, "{}",
             JSON({"team" : "never", "priority" : "P1", "hold_until_open" : true}));
    decide(fx);
    assert_string_equal(fx->out.decision.team, "never");
    assert_false(fx->out.held); /* no opening to wait for: due from now */
    assert_int_equal(fx->out.decision.first_response_due_ms, WED_1000Z + 60 * MIN_MS);
}

/* Billing opens 08:00 Dublin time: 07:00Z in summer (IST, UTC+1), 08:00Z in winter (GMT). */
static void test_business_hours_across_dublin_daylight_saving(void **state)
{
    struct fx *fx = *state;
    static const struct {
        const char *what;
        int64_t now_ms;
        bool held;
        int64_t opens_ms; /* when held */
    } CASES[] = {
        {"summer 07:30Z = 08:30 IST", WED_0730Z, false, 0},
        {"winter 07:30Z = 07:30 GMT", WINTER_0730Z, true, WINTER_0800Z},
        {"Monday after DST began, 07:30Z = 08:30 IST", SPRING_0730Z, false, 0},
        {"Monday after DST ended, 07:30Z = 07:30 GMT", AUTUMN_0730Z, true, AUTUMN_0800Z},
    };
    customer_set(fx, C_PRO); /* P4 (urgency 10): 1440 min */
    text_set(fx, "Invoice", "Please send the invoice again.");
    rule_add(fx, "billing", 50, JSON({"keywords_any" : ["invoice"]}),
             JSON({"category" : "billing", "required_skill" : "billing"}));
    rule_add(fx, "billing-after-hours", 141,
             JSON({"categories" : ["billing"], "team_open" : false, "hours_team" : "billing"}),
             JSON({"hold_until_open" : true}));
    for (size_t i = 0; i < N_OF(CASES); i++) {
        fx->now_ms = CASES[i].now_ms;
        decide(fx);
        int64_t due = (CASES[i].held ? CASES[i].opens_ms : CASES[i].now_ms) + 1440 * MIN_MS;
        if (fx->out.held != CASES[i].held || fired(fx, "billing-after-hours") != CASES[i].held ||
            fx->out.decision.first_response_due_ms != due)
            fail_msg("%s: held %d (want %d), due %lld (want %lld)", CASES[i].what, fx->out.held,
                     CASES[i].held, (long long)fx->out.decision.first_response_due_ms,
                     (long long)due);
        assert_string_equal(fx->out.decision.team, "billing");
    }
}

/* ---- escalations ---- */

static void test_escalate_each_kind(void **state)
{
    struct fx *fx = *state;
    static const struct {
        const char *kind;
        enum escalation_kind want;
        const char *severity;
        enum severity want_severity;
    } KINDS[] = {
        {"SECURITY", ESCALATION_SECURITY, "CRITICAL", SEVERITY_CRITICAL},
        {"LEGAL", ESCALATION_LEGAL, "HIGH", SEVERITY_HIGH},
        {"VIP_DISTRESS", ESCALATION_VIP_DISTRESS, "HIGH", SEVERITY_HIGH},
        {"CHURN_RETURN", ESCALATION_CHURN_RETURN, "MEDIUM", SEVERITY_MEDIUM},
        {"OUTAGE", ESCALATION_OUTAGE, "CRITICAL", SEVERITY_CRITICAL},
        {"SLA_TIMEOUT", ESCALATION_SLA_TIMEOUT, "LOW", SEVERITY_LOW},
        {"AFTER_HOURS_VALUE", ESCALATION_AFTER_HOURS_VALUE, "HIGH", SEVERITY_HIGH},
        {"CHURN_THREAT", ESCALATION_CHURN_THREAT, "HIGH", SEVERITY_HIGH},
    };
    text_set(fx, "Something happened", "Please look.");
    for (size_t i = 0; i < N_OF(KINDS); i++) {
        char actions[256];
        snprintf(actions, sizeof(actions),
                 "{\"team\": \"billing\", \"escalate\": {\"kind\": \"%s\", \"severity\": \"%s\","
                 " \"notify\": [\"slack:#x\"]}}",
                 KINDS[i].kind, KINDS[i].severity);
        fx->n_rules = 0;
        rule_add(fx, "esc", 1, "{}", actions);
        decide(fx);
        assert_int_equal(fx->out.n_escalations, 1);
        const struct escalation *e = &fx->out.escalations[0];
        assert_int_equal(e->kind, KINDS[i].want);
        assert_string_equal(escalation_kind_name(e->kind), KINDS[i].kind);
        assert_int_equal(e->severity, KINDS[i].want_severity);
        assert_string_equal(e->ticket_id, "T-2001");
        assert_string_equal(e->customer_id, "cust-pro");
        assert_string_equal(e->team, "billing");
        assert_int_equal(e->n_notify, 1);
        assert_string_equal(e->notify[0], "slack:#x");
        assert_int_equal(e->created_at_ms, fx->now_ms);
        assert_non_null(strstr(e->summary, KINDS[i].kind));
        assert_non_null(strstr(e->summary, "Something happened"));
        assert_true(has_reason(&e->reasons, "rule esc"));
    }
}

static void test_escalate_without_severity_is_high(void **state)
{
    struct fx *fx = *state;
    rule_add(fx, "esc", 1, "{}", JSON({"escalate" : {"kind" : "LEGAL"}}));
    decide(fx);
    assert_int_equal(fx->out.n_escalations, 1);
    assert_int_equal(fx->out.escalations[0].severity, SEVERITY_HIGH);
    assert_int_equal(fx->out.escalations[0].n_notify, 0);
    assert_string_equal(fx->out.escalations[0].team, "triage"); /* no team: the triage team */
}

static void test_notify_placeholders_resolve_to_account_manager_and_team_oncall(void **state)
{
    struct fx *fx = *state;
    customer_set(fx, C_PRO); /* am:pat */
    rule_add(
        fx, "esc", 1, "{}", JSON({
            "team" : "billing",
            "escalate" :
                {"kind" : "LEGAL", "notify" : [ "account_manager", "oncall", "exec:vp-support" ]}
        }));
    decide(fx);
    char got[512];
    escalations_str(&fx->out, got, sizeof(got));
    assert_string_equal(got, "LEGAL[am:pat,pagerduty:billing-oncall,exec:vp-support]");
    assert_true(has_reason(&fx->out.escalations[0].reasons, "account manager am:pat"));
    /* No account manager, a team without on-call: the placeholders resolve to nobody. */
    customer_set(fx, C_ENT_MID);
    fx->n_rules = 0;
    rule_add(
        fx, "esc", 1, "{}", JSON({
            "team" : "retention",
            "escalate" :
                {"kind" : "LEGAL", "notify" : [ "account_manager", "oncall", "exec:vp-support" ]}
        }));
    decide(fx);
    escalations_str(&fx->out, got, sizeof(got));
    assert_string_equal(got, "LEGAL[exec:vp-support]");
    /* Unknown customer, no team from the rules: triage's on-call. */
    customer_set(fx, C_NONE);
    fx->n_rules = 0;
    rule_add(
        fx, "esc", 1, "{}",
        JSON({"escalate" : {"kind" : "SECURITY", "notify" : [ "account_manager", "oncall" ]}}));
    decide(fx);
    escalations_str(&fx->out, got, sizeof(got));
    assert_string_equal(got, "SECURITY[pagerduty:support-duty-manager]");
}

static void test_escalation_ids_stable_per_ticket_and_kind(void **state)
{
    struct fx *fx = *state;
    rule_add(fx, "sec", 1, "{}", JSON({"escalate" : {"kind" : "SECURITY"}}));
    rule_add(fx, "legal", 2, "{}", JSON({"escalate" : {"kind" : "LEGAL"}}));
    decide(fx);
    assert_int_equal(fx->out.n_escalations, 2);
    char sec[TR_ID_MAX], legal[TR_ID_MAX];
    tr_strlcpy(sec, fx->out.escalations[0].escalation_id, sizeof(sec));
    tr_strlcpy(legal, fx->out.escalations[1].escalation_id, sizeof(legal));
    assert_int_equal(strlen(sec), 20);
    assert_int_equal(strncmp(sec, "esc-", 4), 0);
    assert_int_equal(strspn(sec + 4, "0123456789abcdef"), 16);
    assert_string_not_equal(sec, legal);
    /* The same ticket again, later and with other text: the same ids (a replay). */
    fx->now_ms += 3600 * 1000;
    text_set(fx, "Other", "Other text.");
    decide(fx);
    assert_string_equal(fx->out.escalations[0].escalation_id, sec);
    assert_string_equal(fx->out.escalations[1].escalation_id, legal);
    /* Another ticket: other ids. */
    strcpy(fx->ticket.ticket_id, "T-2002");
    decide(fx);
    assert_string_not_equal(fx->out.escalations[0].escalation_id, sec);
    assert_string_not_equal(fx->out.escalations[1].escalation_id, legal);
    assert_string_not_equal(fx->out.escalations[0].escalation_id,
                            fx->out.escalations[1].escalation_id);
}

static void test_one_escalation_per_kind_first_rule_wins(void **state)
{
    struct fx *fx = *state;
    rule_add(fx, "sec-a", 1, "{}",
             JSON({"escalate" : {"kind" : "SECURITY", "severity" : "CRITICAL", "notify" : "a"}}));
    rule_add(fx, "sec-b", 2, "{}",
             JSON({"escalate" : {"kind" : "SECURITY", "severity" : "LOW", "notify" : "b"}}));
    rule_add(fx, "legal", 3, "{}", JSON({"escalate" : {"kind" : "LEGAL", "notify" : "c"}}));
    decide(fx);
    assert_true(fired(fx, "sec-a"));
    assert_true(fired(fx, "sec-b"));
    char got[512];
    escalations_str(&fx->out, got, sizeof(got));
    assert_string_equal(got, "SECURITY[a] LEGAL[c]");
    assert_int_equal(fx->out.escalations[0].severity, SEVERITY_CRITICAL);
}

/* ---- outage reports ---- */

static void test_outage_area_from_the_ticket_when_it_says_is_down(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->ticket.product_area, "checkout");
    text_set(fx, "Checkout", "The checkout is down for all our users.");
    decide(fx);
    assert_string_equal(fx->out.outage_area, "checkout");
    text_set(fx, "Outage", "Since 9:00 nothing works.");
    decide(fx);
    assert_string_equal(fx->out.outage_area, "checkout");
}

static void test_outage_area_from_the_category_route(void **state)
{
    struct fx *fx = *state;
    text_set(fx, "Outage?", "We see an outage of the API since 9:00.");
    /* The keyword rule names the category; its route's product area is the outage's. */
    rule_add(fx, "technical", 110, JSON({"keywords_any" : [ "outage", "api" ]}),
             JSON({"category" : "technical"}));
    decide(fx);
    assert_string_equal(fx->out.decision.category, "technical");
    assert_string_equal(fx->out.outage_area, "platform");
    /* The classifier's category, likewise. */
    fx->n_rules = 0;
    cls_set(fx, "integration", 0.9);
    text_set(fx, "Webhooks", "The webhook delivery is down.");
    decide(fx);
    assert_string_equal(fx->out.outage_area, "integrations");
}

static void test_outage_area_not_set_without_area_or_words(void **state)
{
    struct fx *fx = *state;
    /* The words, but no product area anywhere. */
    text_set(fx, "Help", "Everything is down.");
    decide(fx);
    assert_string_equal(fx->out.decision.category, "unknown");
    assert_string_equal(fx->out.outage_area, "");
    cls_set(fx, "other", 0.9); /* a route without a product area */
    decide(fx);
    assert_string_equal(fx->out.outage_area, "");
    /* A product area, but no such words. */
    fx->has_cls = false;
    strcpy(fx->ticket.product_area, "checkout");
    text_set(fx, "Checkout colour", "How do I change the colour of the checkout button?");
    decide(fx);
    assert_string_equal(fx->out.outage_area, "");
    cls_set(fx, "technical", 0.9);
    decide(fx);
    assert_string_equal(fx->out.outage_area, "");
}

static void test_outage_phrases_from_the_policy_replace_the_built_in_list(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->ticket.product_area, "checkout");
    fx->outage_phrases[0] = "kaputt";
    fx->n_outage_phrases = 1;
    text_set(fx, "Checkout", "The checkout is down.");
    decide(fx);
    assert_string_equal(fx->out.outage_area, "");
    text_set(fx, "Checkout", "Der Checkout ist kaputt.");
    decide(fx);
    assert_string_equal(fx->out.outage_area, "checkout");
}

/* ---- the shipped decision trees (deploy/seed/demo.sql), as a table ---- */

struct seed_rule {
    const char *name;
    int position;
    const char *conditions;
    const char *actions;
};

/* Copied from deploy/seed/demo.sql (in its order; the store sorts them by position). */
/* clang-format off */
static const struct seed_rule SEED_RULES[] = {
    {"security-incident", 10,
     "{\"keywords_any\": [\"breach\", \"data leak\", \"leaked\", \"hacked\", \"ransomware\"]}",
     "{\"team\": \"security\", \"category\": \"security\", \"required_skill\": \"security\", \"priority\": \"P1\", \"escalate\": {\"kind\": \"SECURITY\", \"severity\": \"CRITICAL\", \"notify\": [\"oncall\", \"slack:#security-incidents\"]}, \"stop\": true}"},
    {"refund", 40,
     "{\"keywords_any\": [\"refund\", \"money back\", \"chargeback\", \"reimburse\", \"rückerstattung\", \"geld zurück\", \"remboursement\", \"rembourser\", \"reembolso\", \"devolución\"]}",
     "{\"category\": \"refund\", \"required_skill\": \"refunds\"}"},
    {"billing", 50,
     "{\"keywords_any\": [\"invoice\", \"charged twice\", \"double charge\", \"billing\", \"payment failed\", \"credit card\", \"receipt\", \"vat number\", \"pricing\", \"rechnung\", \"abbuchung\", \"facture\", \"prélèvement\", \"factura\", \"cobro\", \"fatura\"]}",
     "{\"category\": \"billing\", \"required_skill\": \"billing\"}"},
    {"integration", 80,
     "{\"keywords_any\": [\"webhook\", \"zapier\", \"salesforce\", \"hubspot\", \"slack integration\", \"jira integration\", \"integration\", \"oauth app\", \"not syncing\", \"sync fails\", \"sync issue\", \"integración\", \"intégration\", \"integração\"]}",
     "{\"category\": \"integration\", \"required_skill\": \"integrations\"}"},
    {"bug", 100,
     "{\"keywords_any\": [\"bug\", \"crash\", \"crashes\", \"error 500\", \"500 error\", \"stack trace\", \"exception\", \"regression\", \"broken\", \"fehler\", \"absturz\", \"plantage\", \"error al\"]}",
     "{\"category\": \"bug\", \"required_skill\": \"bugs\"}"},
    {"technical", 110,
     "{\"keywords_any\": [\"timeout\", \"timed out\", \"latency\", \"slow\", \"outage\", \"is down\", \"api\", \"rate limit\", \"dns\", \"ssl\", \"certificate\", \"not loading\", \"sehr langsam\", \"très lent\", \"muy lento\"]}",
     "{\"category\": \"technical\", \"required_skill\": \"troubleshooting\"}"},
    {"legal-threat", 5,
     "{\"keywords_any\": [\"lawyer\", \"legal action\", \"lawsuit\", \"sue you\", \"attorney\", \"solicitor\", \"small claims\", \"anwalt\", \"rechtliche schritte\", \"avocat\", \"poursuites\", \"abogado\", \"demanda\", \"advogado\", \"processo judicial\"]}",
     "{\"priority\": \"P2\", \"escalate\": {\"kind\": \"LEGAL\", \"severity\": \"HIGH\", \"notify\": [\"exec:vp-support\", \"account_manager\"]}}"},
    {"vip-distress", 6,
     "{\"value_percentile_min\": 0.9, \"urgency_min\": 75}",
     "{\"priority\": \"P1\", \"escalate\": {\"kind\": \"VIP_DISTRESS\", \"severity\": \"HIGH\", \"notify\": [\"account_manager\", \"slack:#vip-customers\"]}}"},
    {"churned-returns", 15,
     "{\"churned_within_days\": 365}",
     "{\"team\": \"retention\", \"required_skill\": \"retention\", \"escalate\": {\"kind\": \"CHURN_RETURN\", \"severity\": \"MEDIUM\", \"notify\": [\"account_manager\", \"slack:#support-retention\"]}}"},
    {"technical-free-tier1", 130,
     "{\"categories\": [\"technical\", \"bug\", \"integration\"], \"tiers\": [\"free\"]}",
     "{\"team\": \"general\", \"required_skill\": \"general\"}"},
    {"technical-enterprise-senior", 131,
     "{\"categories\": [\"technical\", \"bug\", \"integration\"], \"tiers\": [\"enterprise\"]}",
     "{\"senior\": true}"},
    {"billing-after-hours-high-value", 140,
     "{\"categories\": [\"billing\", \"refund\"], \"team_open\": false, \"hours_team\": \"billing\", \"contract_value_min\": 50000}",
     "{\"priority\": \"P2\", \"escalate\": {\"kind\": \"AFTER_HOURS_VALUE\", \"severity\": \"HIGH\", \"notify\": [\"oncall\"]}}"},
    {"billing-after-hours", 141,
     "{\"categories\": [\"billing\", \"refund\"], \"team_open\": false, \"hours_team\": \"billing\", \"contract_value_max\": 50000}",
     "{\"hold_until_open\": true}"},
};

/* Urgency with the default weights and no classifier (category 0): free 0, pro 10,
 * enterprise 25, top 10% by value +20, unknown customer 5, plus the phrases found;
 * >= 70 P1, >= 45 P2, >= 20 P3, else P4. */
static const struct tree_case {
    const char *what;
    enum cust customer;
    int churned_days_ago; /* 0: not churned */
    int64_t now_ms;
    const char *subject;
    const char *body;
    /* expected */
    const char *team;
    const char *queue;
    enum priority priority;
    bool held;
    int64_t held_until_ms; /* the next opening when held */
    bool senior;
    const char *escalations; /* "KIND[notify,...] ..." in rule order */
} TREE_CASES[] = {
    {"free technical question: tier one", C_FREE, 0, WED_1000Z,
     "API requests time out", "Every API request to /v1/orders times out after 30 seconds.",
     "general", "general", PRIORITY_P4, false, 0, false, ""},
    {"free bug report: tier one", C_FREE, 0, SAT_1200Z,
     "App crashes on start", "The mobile app crashes every time I open it.",
     "general", "general", PRIORITY_P4, false, 0, false, ""},
    {"free integration question: tier one", C_FREE, 0, WED_2000Z,
     "Zapier", "Our Zapier zap is not syncing contacts.",
     "general", "general", PRIORITY_P4, false, 0, false, ""},
    {"enterprise technical question: a senior engineer", C_ENT, 0, WED_1000Z,
     "API latency", "Latency on the API went up to 4 seconds.",
     "technical", "technical", PRIORITY_P2, false, 0, true, ""},
    {"enterprise below the top 10%, bug: a senior engineer", C_ENT_MID, 0, SAT_1200Z,
     "Export bug", "There is a bug in the CSV export.",
     "technical", "technical", PRIORITY_P3, false, 0, true, ""},
    {"pro technical question: the technical team, anyone", C_PRO, 0, WED_1000Z,
     "SSL certificate", "The SSL certificate on our custom domain shows a warning.",
     "technical", "technical", PRIORITY_P4, false, 0, false, ""},
    {"billing in business hours: billing, now", C_PRO, 0, WED_1000Z,
     "Invoice", "The invoice for March shows the wrong VAT number.",
     "billing", "billing", PRIORITY_P4, false, 0, false, ""},
    {"billing on a weekday evening, low value: held until the morning", C_PRO, 0, WED_2000Z,
     "Invoice", "The invoice for March shows the wrong VAT number.",
     "billing", "billing", PRIORITY_P4, true, THU_0700Z, false, ""},
    {"billing on a Saturday, free: held until Monday", C_FREE, 0, SAT_1200Z,
     "Receipt", "Can I get a receipt for my last payment?",
     "billing", "billing", PRIORITY_P4, true, MON_0700Z, false, ""},
    {"billing at 07:30Z in summer (08:30 IST): open", C_PRO, 0, WED_0730Z,
     "Invoice", "Please resend the invoice.",
     "billing", "billing", PRIORITY_P4, false, 0, false, ""},
    {"billing at 07:30Z in winter (07:30 GMT): held until 08:00Z", C_PRO, 0, WINTER_0730Z,
     "Invoice", "Please resend the invoice.",
     "billing", "billing", PRIORITY_P4, true, WINTER_0800Z, false, ""},
    {"billing after hours, high value: the on-call billing manager", C_PRO_HIGH, 0, WED_2000Z,
     "Charged twice", "We were charged twice for June.",
     "billing", "billing", PRIORITY_P2, false, 0, false,
     "AFTER_HOURS_VALUE[pagerduty:billing-oncall]"},
    {"refund on a Saturday, top enterprise: the on-call billing manager", C_ENT, 0, SAT_1200Z,
     "Refund", "Please refund the duplicate payment.",
     "billing", "billing", PRIORITY_P2, false, 0, false,
     "AFTER_HOURS_VALUE[pagerduty:billing-oncall]"},
    {"high value billing in hours: nobody paged", C_PRO_HIGH, 0, WED_1000Z,
     "Charged twice", "We were charged twice for June.",
     "billing", "billing", PRIORITY_P4, false, 0, false, ""},
    {"unknown customer, billing after hours: held", C_NONE, 0, WED_2000Z,
     "Invoice", "Where is my invoice?",
     "billing", "billing", PRIORITY_P4, true, THU_0700Z, false, ""},
    {"churned customer comes back: retention", C_PRO, 30, WED_1000Z,
     "Invoice", "We are back, please send a new invoice.",
     "retention", "retention", PRIORITY_P4, false, 0, false,
     "CHURN_RETURN[am:pat,slack:#support-retention]"},
    {"churned over a year ago: routed as usual", C_PRO, 400, WED_1000Z,
     "Invoice", "We are back, please send a new invoice.",
     "billing", "billing", PRIORITY_P4, false, 0, false, ""},
    {"security breach: security, P1, paged, nothing else applies", C_PRO, 30, WED_1000Z,
     "We were hacked", "Someone hacked our admin account and changed the invoice details.",
     "security", "security", PRIORITY_P1, false, 0, false,
     "SECURITY[pagerduty:security-oncall,slack:#security-incidents]"},
    {"legal threat on a billing ticket: legal escalation, billing", C_PRO, 0, WED_1000Z,
     "Invoice dispute", "My lawyer will be in touch about this invoice.",
     "billing", "billing", PRIORITY_P2, false, 0, false, "LEGAL[exec:vp-support,am:pat]"},
    {"top customer in distress: their account manager", C_ENT, 0, WED_1000Z,
     "URGENT: checkout broken", "We are losing money every minute, the checkout is broken.",
     "technical", "technical", PRIORITY_P1, false, 0, true,
     "VIP_DISTRESS[am:jane,slack:#vip-customers]"},
    {"the same words from an enterprise outside the top 10%: no VIP escalation", C_ENT_MID, 0,
     WED_1000Z, "URGENT: checkout broken",
     "We are losing money every minute, the checkout is broken.",
     "technical", "technical", PRIORITY_P1, false, 0, true, ""},
    {"top customer, calm billing question: no escalation", C_ENT, 0, WED_1000Z,
     "Invoice address", "Please update the address on our invoice.",
     "billing", "billing", PRIORITY_P2, false, 0, false, ""},
    {"top customer threatens legal action over a breach: legal, VIP, security", C_ENT, 0,
     WED_1000Z, "Data breach", "Our lawyer says the breach of our data is your fault.",
     "security", "security", PRIORITY_P1, false, 0, false,
     "LEGAL[exec:vp-support,am:jane] VIP_DISTRESS[am:jane,slack:#vip-customers] "
     "SECURITY[pagerduty:security-oncall,slack:#security-incidents]"},
};
/* clang-format on */

static void test_shipped_decision_trees(void **state)
{
    struct fx *fx = *state;
    for (size_t i = 0; i < N_OF(SEED_RULES); i++)
        rule_add(fx, SEED_RULES[i].name, SEED_RULES[i].position, SEED_RULES[i].conditions,
                 SEED_RULES[i].actions);
    rules_sort(fx);
    int failures = 0;
    for (size_t i = 0; i < N_OF(TREE_CASES); i++) {
        const struct tree_case *c = &TREE_CASES[i];
        customer_set(fx, c->customer);
        if (fx->has_customer)
            strcpy(fx->ticket.customer_id, fx->customer.customer_id);
        else
            strcpy(fx->ticket.customer_id, "cust-unknown");
        if (fx->has_customer && c->churned_days_ago)
            fx->customer.churned_at_ms = c->now_ms - c->churned_days_ago * DAY_MS;
        snprintf(fx->ticket.ticket_id, sizeof(fx->ticket.ticket_id), "T-tree-%zu", i);
        fx->now_ms = c->now_ms;
        text_set(fx, c->subject, c->body);
        decide(fx);
        const struct route_decision *d = &fx->out.decision;
        char esc[1024];
        escalations_str(&fx->out, esc, sizeof(esc));
        int64_t due = 0;
        if (fx->has_customer)
            due = (c->held ? c->held_until_ms : c->now_ms) +
                  fx->customer.first_response_min[c->priority - 1] * MIN_MS;
        if (strcmp(d->team, c->team) != 0 || strcmp(d->queue, c->queue) != 0 ||
            d->priority != c->priority || fx->out.held != c->held ||
            fx->out.senior_only != c->senior || strcmp(esc, c->escalations) != 0 ||
            d->first_response_due_ms != due) {
            char fired_list[512] = "";
            size_t used = 0;
            for (size_t r = 0; r < d->rules_fired.n && used < sizeof(fired_list); r++)
                used += (size_t)snprintf(fired_list + used, sizeof(fired_list) - used, "%s%s",
                                         r ? "," : "", d->rules_fired.items[r]);
            print_error("case %zu \"%s\":\n"
                        "  want team %s queue %s %s held %d senior %d due %lld esc \"%s\"\n"
                        "  got  team %s queue %s %s held %d senior %d due %lld esc \"%s\"\n"
                        "  (category %s, urgency %.0f, rules %s)\n",
                        i, c->what, c->team, c->queue, priority_name(c->priority), c->held,
                        c->senior, (long long)due, c->escalations, d->team, d->queue,
                        priority_name(d->priority), fx->out.held, fx->out.senior_only,
                        (long long)d->first_response_due_ms, esc, d->category,
                        fx->out.urgency.score, fired_list);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* Four rules of one kind must not crowd out a rule of another kind. */
static void test_one_escalation_per_kind_even_after_four_rules_of_one_kind(void **state)
{
    struct fx *fx = *state;
    for (int i = 0; i < 4; i++) {
        char name[16];
        snprintf(name, sizeof(name), "sec-%d", i);
        rule_add(fx, name, i + 1, "{}", JSON({"escalate" : {"kind" : "SECURITY"}}));
    }
    rule_add(fx, "legal", 10, "{}", JSON({"escalate" : {"kind" : "LEGAL"}}));
    decide(fx);
    assert_true(fired(fx, "legal"));
    char got[512];
    escalations_str(&fx->out, got, sizeof(got));
    assert_string_equal(got, "SECURITY[] LEGAL[]");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_keywords_match_case_insensitively_in_subject_or_body),
        T(test_categories_match_the_classifier_category),
        T(test_tiers_match_the_customer_tier_unknown_counts_as_free),
        T(test_min_confidence_bound),
        T(test_max_confidence_bound),
        T(test_language_matches_the_ticket_language),
        T(test_channel_matches_the_ticket_channel),
        T(test_product_area_from_the_ticket_or_the_category_route),
        T(test_contract_value_min_is_inclusive_and_needs_a_customer),
        T(test_contract_value_max_is_exclusive),
        T(test_value_percentile_min),
        T(test_urgency_min_compares_the_urgency_score),
        T(test_churned_within_days),
        T(test_at_risk_flag),
        T(test_customer_known_flag),
        T(test_team_open_with_hours_team),
        T(test_team_open_with_zeroed_hours_is_never_open),
        T(test_team_open_without_hours_team_uses_the_team_so_far_or_the_category),
        T(test_team_first_rule_that_sets_it_wins_queue_from_the_team),
        T(test_queue_first_rule_that_sets_it_wins),
        T(test_category_of_a_keyword_rule_is_seen_by_later_rules_without_a_classifier),
        T(test_category_of_a_keyword_rule_does_not_override_a_confident_classifier),
        T(test_priority_most_urgent_wins),
        T(test_required_skill_first_set_wins),
        T(test_required_skill_of_the_rule_that_sets_the_team_wins),
        T(test_senior_action_sets_senior_only),
        T(test_stop_ends_rule_evaluation),
        T(test_hold_until_open_when_closed_deadline_from_next_opening),
        T(test_hold_until_open_when_open_is_not_held),
        T(test_hold_until_open_for_a_team_that_never_opens_is_not_held),
        T(test_business_hours_across_dublin_daylight_saving),
        T(test_escalate_each_kind),
        T(test_escalate_without_severity_is_high),
        T(test_notify_placeholders_resolve_to_account_manager_and_team_oncall),
        T(test_escalation_ids_stable_per_ticket_and_kind),
        T(test_one_escalation_per_kind_first_rule_wins),
        T(test_one_escalation_per_kind_even_after_four_rules_of_one_kind),
        T(test_outage_area_from_the_ticket_when_it_says_is_down),
        T(test_outage_area_from_the_category_route),
        T(test_outage_area_not_set_without_area_or_words),
        T(test_outage_phrases_from_the_policy_replace_the_built_in_list),
        T(test_shipped_decision_trees),
    };
#undef T
    return cmocka_run_group_tests(tests, zones_load, zones_free);
}
