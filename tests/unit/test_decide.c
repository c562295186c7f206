/* test_decide: the one pure decision with its agent step and escalations (route_decide_full
 * given agents, outage window and mode; route_pick_agents; route_claimed). No servers: what
 * the pipeline would gather is built here. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "domain/domain.h"
#include "routing/routing.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define NOW_MS INT64_C(1700000090000)

/* clang-format off */
static const struct team_info TEAMS[] = {
    { .team = "billing", .queue = "billing-q", .oncall_target = "pager:billing",
      .overflow_team = "general" },
    { .team = "general", .queue = "general-q" },
    { .team = "security", .queue = "security-q", .oncall_target = "pager:security" },
    { .team = "triage", .queue = "triage" },
};
static const struct category_route CATEGORIES[] = {
    { .category = "billing", .team = "billing", .required_skill = "invoices",
      .product_area = "payments" },
    { .category = "login", .team = "security" },
};
/* clang-format on */

#define MAX_AGENTS 8

struct fx {
    struct ticket ticket;
    char subject[256], body[1024];
    struct customer customer;
    struct classification cls;
    struct route_rule rules[4];
    size_t n_rules;
    struct policy policy;
    struct agent_candidate agents[MAX_AGENTS];
    int loads[MAX_AGENTS];
    enum presence presence[MAX_AGENTS];
    size_t n_agents;
    struct agent_perf perf[4];
    size_t n_perf;
    struct route_agents ra;
    struct route_outage outage;
    struct route_input in;
    struct route_output out;
};

static struct agent_candidate *fx_agent(struct fx *fx, const char *id, const char *team,
                                        int capacity, int load)
{
    assert_true(fx->n_agents < MAX_AGENTS);
    struct agent_candidate *a = &fx->agents[fx->n_agents];
    memset(a, 0, sizeof(*a));
    strcpy(a->agent_id, id);
    strcpy(a->team, team);
    a->active = true;
    a->capacity = capacity;
    strcpy(a->languages[a->n_languages++], "en");
    strcpy(a->skills[a->n_skills], "invoices");
    a->proficiency[a->n_skills++] = 0.5;
    a->load = 99; /* ignored: the gathered load below counts */
    fx->loads[fx->n_agents] = load;
    fx->presence[fx->n_agents] = PRESENCE_ONLINE;
    fx->n_agents++;
    return a;
}

static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof(*fx));
    if (!fx)
        return -1;
    strcpy(fx->ticket.ticket_id, "T-1");
    strcpy(fx->ticket.customer_id, "acme");
    strcpy(fx->subject, "Invoice question");
    strcpy(fx->body, "Please explain the second line of my invoice.");
    fx->ticket.subject = fx->subject;
    fx->ticket.body = fx->body;
    strcpy(fx->ticket.language, "en");
    fx->ticket.created_at_ms = NOW_MS - 1000;
    strcpy(fx->customer.customer_id, "acme");
    fx->customer.tier = TIER_PRO;
    strcpy(fx->customer.account_manager, "am:jane");
    strcpy(fx->cls.model_version, "m-test");
    strcpy(fx->cls.category, "billing");
    fx->cls.confidence = 0.95;
    fx->cls.n_top = 1;
    strcpy(fx->cls.top[0].category, "billing");
    fx->cls.top[0].confidence = 0.95;
    fx->policy.categories = CATEGORIES;
    fx->policy.n_categories = N_OF(CATEGORIES);
    fx->policy.teams = TEAMS;
    fx->policy.n_teams = N_OF(TEAMS);
    fx->policy.confidence_threshold = 0.70;
    fx->policy.triage_team = "triage";
    fx->policy.triage_queue = "triage";
    fx->policy.senior_queue = "senior";
    fx->policy.default_team = "general";
    fx->policy.outage_customers = 3;
    fx->policy.outage_window_s = 600;
    fx->policy.outage_notify = "oncall:engineering";
    for (int i = 0; i < 4; i++)
        fx->policy.first_response_timeout_min[i] = 10.0 * (i + 1);
    agent_weights_default(&fx->policy.agent_weights);
    *state = fx;
    return 0;
}

static int fx_teardown(void **state)
{
    free(*state);
    return 0;
}

static void fx_decide(struct fx *fx, enum route_mode mode, bool with_outage)
{
    fx->policy.rules = fx->rules;
    fx->policy.n_rules = fx->n_rules;
    fx->ra = (struct route_agents){.agents = fx->agents,
                                   .n = fx->n_agents,
                                   .loads = fx->loads,
                                   .presence = fx->presence,
                                   .perf = fx->perf,
                                   .n_perf = fx->n_perf};
    fx->in = (struct route_input){
        .ticket = &fx->ticket,
        .customer = &fx->customer,
        .policy = &fx->policy,
        .classification = &fx->cls,
        .now_unix_ms = NOW_MS,
        .agents = &fx->ra,
        .mode = mode,
        .outage = with_outage ? &fx->outage : NULL,
    };
    assert_int_equal(route_decide_full(&fx->in, &fx->out), 0);
}

/* fx_decide with the text's signals. */
static void fx_decide_with(struct fx *fx, const struct route_signals *signals)
{
    fx->policy.rules = fx->rules;
    fx->policy.n_rules = fx->n_rules;
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    fx->in.signals = signals;
    assert_int_equal(route_decide_full(&fx->in, &fx->out), 0);
}

static bool has_reason(const struct reason_list *list, const char *needle)
{
    for (size_t i = 0; i < list->n; i++)
        if (strstr(list->items[i], needle))
            return true;
    return false;
}

static void assert_reason(const struct reason_list *list, const char *needle)
{
    if (has_reason(list, needle))
        return;
    for (size_t i = 0; i < list->n; i++)
        fprintf(stderr, "  %s\n", list->items[i]);
    fail_msg("no reason contains '%s'", needle);
}

static void test_candidates_in_score_order_and_claim_deadline(void **state)
{
    struct fx *fx = *state;
    fx_agent(fx, "b-busy", "billing", 10, 6);
    fx_agent(fx, "b-free", "billing", 10, 0);
    fx_agent(fx, "g-1", "general", 10, 0);
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    const struct route_output *o = &fx->out;
    assert_string_equal(o->decision.team, "billing");
    assert_true(o->claim);
    assert_string_equal(o->decision.agent_id, ""); /* live: the claim decides */
    assert_int_equal(o->n_home, 2);
    assert_string_equal(o->candidates[0].agent_id, "b-free");
    assert_string_equal(o->candidates[1].agent_id, "b-busy");
    assert_int_equal(o->candidates[1].load, 6); /* the gathered load, not the struct's */
    assert_int_equal(o->candidates[0].index, 1);
    /* the overflow team's agents come after the home team's */
    assert_int_equal(o->n_candidates, 3);
    assert_string_equal(o->candidates[2].agent_id, "g-1");
    int64_t timeout = route_first_response_timeout_ms(&fx->policy, o->decision.priority);
    assert_true(timeout > 0);
    assert_int_equal(o->claim_due_ms, NOW_MS + timeout);
    assert_string_equal(o->decision.required_skill, "invoices");
}

static void test_full_and_offline_agents_are_not_candidates(void **state)
{
    struct fx *fx = *state;
    fx_agent(fx, "b-full", "billing", 3, 3);
    fx_agent(fx, "b-off", "billing", 3, 0);
    fx_agent(fx, "b-ok", "billing", 3, 1);
    fx->presence[1] = PRESENCE_OFFLINE;
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    assert_int_equal(fx->out.n_home, 1);
    assert_string_equal(fx->out.candidates[0].agent_id, "b-ok");
}

static void test_capacity_threshold_puts_busy_agents_last(void **state)
{
    struct fx *fx = *state;
    /* b-hot is the better score on proficiency but at 80% of capacity: after b-cool. */
    struct agent_candidate *hot = fx_agent(fx, "b-hot", "billing", 10, 8);
    hot->proficiency[0] = 1.0;
    fx_agent(fx, "b-cool", "billing", 10, 7);
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    assert_int_equal(fx->out.n_home, 2);
    assert_string_equal(fx->out.candidates[0].agent_id, "b-cool");
    assert_string_equal(fx->out.candidates[1].agent_id, "b-hot");
    /* Below the threshold, the better score wins. */
    fx->loads[0] = 2;
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    assert_string_equal(fx->out.candidates[0].agent_id, "b-hot");
}

static void test_claimed_sets_agent_and_explains(void **state)
{
    struct fx *fx = *state;
    fx_agent(fx, "b-1", "billing", 10, 0);
    fx_agent(fx, "b-2", "billing", 10, 5);
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    route_claimed(&fx->policy, &fx->out, 1, "b-2");
    assert_string_equal(fx->out.decision.agent_id, "b-2");
    assert_reason(&fx->out.decision.reasons, "agent b-2: score");
    assert_reason(&fx->out.decision.reasons, "better ones filled up meanwhile");
}

static void test_claimed_earlier_and_none(void **state)
{
    struct fx *fx = *state;
    fx_agent(fx, "b-1", "billing", 10, 0);
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    struct route_output copy = fx->out;
    route_claimed(&fx->policy, &fx->out, -1, "b-9");
    assert_string_equal(fx->out.decision.agent_id, "b-9");
    assert_reason(&fx->out.decision.reasons, "already claimed by b-9 on an earlier attempt");
    route_claimed(&fx->policy, &copy, -1, NULL);
    assert_string_equal(copy.decision.agent_id, "");
    assert_reason(&copy.decision.reasons, "eligible agents of billing filled up: queue billing-q");
}

static void test_overflow_when_team_has_nobody_available(void **state)
{
    struct fx *fx = *state;
    fx_agent(fx, "b-full", "billing", 2, 2);
    struct agent_candidate *g = fx_agent(fx, "g-1", "general", 5, 0);
    g->n_skills = 0; /* the overflow team's agents need not have the home team's skill */
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    assert_int_equal(fx->out.n_home, 0);
    assert_int_equal(fx->out.n_candidates, 1);
    assert_reason(&fx->out.decision.reasons, "none of 1 agents of billing available");
    assert_string_equal(fx->out.decision.team, "billing"); /* until the claim says otherwise */
    route_claimed(&fx->policy, &fx->out, 0, "g-1");
    assert_string_equal(fx->out.decision.agent_id, "g-1");
    assert_string_equal(fx->out.decision.team, "general");
    assert_string_equal(fx->out.decision.queue, "general-q");
    assert_reason(&fx->out.decision.reasons, "overflow from billing to general");
}

static void test_no_overflow_without_overflow_team(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->cls.category, "login"); /* security: no overflow team */
    fx_agent(fx, "g-1", "general", 5, 0);
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    assert_string_equal(fx->out.decision.team, "security");
    assert_int_equal(fx->out.n_candidates, 0);
    assert_true(fx->out.claim); /* still claimed: an earlier attempt's claim is found */
    assert_reason(&fx->out.decision.reasons, "no active agent in team security");
}

static void test_senior_only_rule_filters_agents(void **state)
{
    struct fx *fx = *state;
    struct route_rule *r = &fx->rules[fx->n_rules++];
    memset(r, 0, sizeof(*r));
    strcpy(r->name, "vip");
    r->senior_only = true;
    fx_agent(fx, "b-junior", "billing", 10, 0);
    struct agent_candidate *s = fx_agent(fx, "b-senior", "billing", 10, 5);
    s->senior = true;
    fx_agent(fx, "g-junior", "general", 10, 0);
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    assert_true(fx->out.decision.senior_only);
    assert_reason(&fx->out.decision.reasons, "senior agents only");
    assert_int_equal(fx->out.n_home, 1);
    assert_string_equal(fx->out.candidates[0].agent_id, "b-senior");
    assert_int_equal(fx->out.n_candidates, 1); /* nor a junior of the overflow team */
}

static void test_shadow_picks_without_claiming(void **state)
{
    struct fx *fx = *state;
    fx_agent(fx, "b-1", "billing", 10, 3);
    fx_agent(fx, "b-2", "billing", 10, 0);
    fx_decide(fx, ROUTE_MODE_SHADOW, false);
    assert_false(fx->out.claim);
    assert_int_equal(fx->out.decision.mode, ROUTE_MODE_SHADOW);
    assert_string_equal(fx->out.decision.agent_id, "b-2");
    assert_reason(&fx->out.decision.reasons, "shadow mode: nothing claimed");
}

static void test_held_ticket_has_no_candidates(void **state)
{
    struct fx *fx = *state;
    /* NOW_MS is a Tuesday, 22:14 UTC; the team works weekdays 09:00-17:00 UTC. */
    static const struct team_info office[] = {
        {.team = "billing",
         .queue = "billing-q",
         .hours = {.start_min = 9 * 60, .end_min = 17 * 60, .days_mask = 0x3E}}};
    assert_false(team_hours_open(&office[0].hours, NOW_MS));
    fx->policy.teams = office;
    fx->policy.n_teams = 1;
    struct route_rule *r = &fx->rules[fx->n_rules++];
    memset(r, 0, sizeof(*r));
    strcpy(r->name, "hold");
    r->hold_until_open = true;
    fx_agent(fx, "b-1", "billing", 10, 0);
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    assert_true(fx->out.held);
    assert_int_equal(fx->out.n_candidates, 0);
    assert_false(fx->out.claim);
    assert_reason(&fx->out.decision.reasons, "team billing closed now");
}

static void test_rule_escalations_name_who_to_tell(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->body, "Someone got into our admin account. Our lawyer will hear of it.");
    struct route_rule *r = &fx->rules[fx->n_rules++];
    memset(r, 0, sizeof(*r));
    strcpy(r->name, "breach");
    strcpy(r->keywords[r->n_keywords++], "admin account");
    strcpy(r->team, "security");
    r->escalate = true;
    r->escalation_kind = ESCALATION_SECURITY;
    r->escalation_severity = SEVERITY_CRITICAL;
    strcpy(r->notify[r->n_notify++], "oncall");
    r = &fx->rules[fx->n_rules++];
    memset(r, 0, sizeof(*r));
    strcpy(r->name, "legal");
    strcpy(r->keywords[r->n_keywords++], "lawyer");
    r->escalate = true;
    r->escalation_kind = ESCALATION_LEGAL;
    r->escalation_severity = SEVERITY_HIGH;
    strcpy(r->notify[r->n_notify++], "account_manager");
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    assert_int_equal(fx->out.n_escalations, 2);
    assert_int_equal(fx->out.escalations[0].kind, ESCALATION_SECURITY);
    assert_string_equal(fx->out.escalations[0].notify[0], "pager:security");
    assert_int_equal(fx->out.escalations[1].kind, ESCALATION_LEGAL);
    assert_string_equal(fx->out.escalations[1].notify[0], "am:jane");
    assert_string_equal(fx->out.decision.team, "security");
}

/* A signals_any rule acts on a signal that fired, not on one below its threshold; every
 * decision with signals lists their scores. */
static void test_signal_rule_fires_only_on_a_fired_signal(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->body, "We will cancel at renewal.");
    struct route_rule *r = &fx->rules[fx->n_rules++];
    memset(r, 0, sizeof(*r));
    strcpy(r->name, "churn-risk");
    r->signals_mask = 1u << ROUTE_SIGNAL_CHURN;
    strcpy(r->team, "security");
    struct route_signals sig = {0};
    sig.score[ROUTE_SIGNAL_CHURN] = 0.60;
    strcpy(sig.reason[ROUTE_SIGNAL_CHURN], "model score 0.60");
    fx_decide_with(fx, &sig);
    assert_string_not_equal(fx->out.decision.team, "security");
    assert_reason(&fx->out.decision.reasons, "signals: security 0.00, legal 0.00, outage 0.00, "
                                             "churn 0.60, distress 0.00");
    assert_false(has_reason(&fx->out.decision.reasons, "churn-risk"));
    sig.score[ROUTE_SIGNAL_CHURN] = 0.91;
    sig.fired[ROUTE_SIGNAL_CHURN] = true;
    strcpy(sig.reason[ROUTE_SIGNAL_CHURN], "pattern \"cancel\"; score 0.91");
    fx_decide_with(fx, &sig);
    assert_string_equal(fx->out.decision.team, "security");
    assert_reason(&fx->out.decision.reasons, "churn 0.91 (fired)");
    assert_reason(&fx->out.decision.reasons, "rule churn-risk fired on \"signal churn\"");
    assert_reason(&fx->out.decision.reasons, "signal churn: pattern \"cancel\"; score 0.91");
}

/* With outage/on_signal, a report in words no outage phrase knows counts when the outage signal
 * fired; without it, or below the threshold, it does not. */
static void test_outage_signal_counts_as_a_report_when_enabled(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->subject, "Payments");
    strcpy(fx->body, "Every checkout answers with a blank page since nine.");
    struct route_signals sig = {0};
    sig.score[ROUTE_SIGNAL_OUTAGE] = 0.93;
    sig.fired[ROUTE_SIGNAL_OUTAGE] = true;
    fx_decide_with(fx, &sig);
    assert_string_equal(fx->out.outage_area, ""); /* off by default */
    fx->policy.outage_on_signal = true;
    fx_decide_with(fx, &sig);
    assert_string_equal(fx->out.outage_area, "payments");
    sig.fired[ROUTE_SIGNAL_OUTAGE] = false;
    fx_decide_with(fx, &sig);
    assert_string_equal(fx->out.outage_area, "");
}

static void test_outage_report_needs_its_window(void **state)
{
    struct fx *fx = *state;
    strcpy(fx->subject, "Payments are down");
    strcpy(fx->body, "Checkout is not working for any of our customers.");
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    assert_string_equal(fx->out.outage_area, "payments"); /* the category's product area */
    assert_int_equal(fx->out.n_escalations, 0);           /* not without the window */
    /* Below the threshold: watched, no escalation. */
    fx->outage = (struct route_outage){.customers = 2};
    fx_decide(fx, ROUTE_MODE_LIVE, true);
    assert_int_equal(fx->out.n_escalations, 0);
    assert_reason(&fx->out.decision.reasons, "outage watch payments: 2 of 3 customers");
    /* The ticket that opened the incident carries the one escalation, to the team's on-call. */
    fx->outage = (struct route_outage){.incident_id = "inc-1", .opened = true, .customers = 3};
    fx_decide(fx, ROUTE_MODE_LIVE, true);
    assert_int_equal(fx->out.n_escalations, 1);
    const struct escalation *e = &fx->out.escalations[0];
    assert_int_equal(e->kind, ESCALATION_OUTAGE);
    assert_int_equal(e->severity, SEVERITY_CRITICAL);
    assert_string_equal(e->incident_id, "inc-1");
    assert_string_equal(e->notify[0], "pager:billing");
    assert_int_equal(e->created_at_ms, NOW_MS);
    /* Later reports attach to it without an escalation. */
    fx->outage.opened = false;
    fx_decide(fx, ROUTE_MODE_LIVE, true);
    assert_int_equal(fx->out.n_escalations, 0);
    assert_reason(&fx->out.decision.reasons, "outage incident inc-1: 3 customers report");
}

static void test_outage_without_oncall_goes_to_configured_target(void **state)
{
    struct fx *fx = *state;
    static const struct team_info no_oncall[] = {{.team = "billing", .queue = "billing-q"}};
    fx->policy.teams = no_oncall;
    fx->policy.n_teams = 1;
    strcpy(fx->subject, "outage");
    fx->outage = (struct route_outage){.incident_id = "inc-2", .opened = true, .customers = 3};
    fx_decide(fx, ROUTE_MODE_LIVE, true);
    assert_int_equal(fx->out.n_escalations, 1);
    assert_string_equal(fx->out.escalations[0].notify[0], "oncall:engineering");
}

static void test_reroute_pick_excludes_current_agent_and_overflow(void **state)
{
    struct fx *fx = *state;
    fx_agent(fx, "b-1", "billing", 10, 0);
    fx_agent(fx, "b-2", "billing", 10, 4);
    fx_agent(fx, "g-1", "general", 10, 0);
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    struct route_output o = {0};
    o.decision = fx->out.decision;
    struct route_pick pick = {.policy = &fx->policy,
                              .agents = &fx->ra,
                              .mode = ROUTE_MODE_LIVE,
                              .required_skill = "invoices",
                              .exclude_agent = "b-1",
                              .now_ms = NOW_MS};
    route_pick_agents(&pick, &o);
    assert_int_equal(o.n_candidates, 1);
    assert_string_equal(o.candidates[0].agent_id, "b-2");
}

static void test_same_inputs_same_decision(void **state)
{
    struct fx *fx = *state;
    fx_agent(fx, "b-1", "billing", 10, 1);
    fx_agent(fx, "b-2", "billing", 10, 2);
    fx->perf[0] = (struct agent_perf){
        .agent_id = "b-2", .category = "billing", .assigned = 40, .median_resolution_min = 20};
    fx->perf[1] = (struct agent_perf){
        .agent_id = "b-1", .category = "billing", .assigned = 40, .median_resolution_min = 90};
    fx->n_perf = 2;
    qsort(fx->perf, fx->n_perf, sizeof(fx->perf[0]), route_perf_compare);
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    struct route_output *first = malloc(sizeof(*first));
    assert_non_null(first);
    *first = fx->out;
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    assert_memory_equal(&first->decision, &fx->out.decision, sizeof(first->decision));
    assert_int_equal(first->n_candidates, fx->out.n_candidates);
    /* the faster agent ranks first though busier */
    assert_string_equal(fx->out.candidates[0].agent_id, "b-2");
    free(first);
}

static void test_team_index_gives_the_same_candidates(void **state)
{
    struct fx *fx = *state;
    fx_agent(fx, "b-busy", "billing", 10, 6);
    fx_agent(fx, "g-1", "general", 10, 0);
    fx_agent(fx, "b-free", "billing", 10, 0);
    fx_agent(fx, "s-1", "security", 10, 0);
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    struct route_output *scan = malloc(sizeof(*scan));
    assert_non_null(scan);
    *scan = fx->out;
    static const size_t by_team[] = {0, 2, 1, 3}; /* billing, billing, general, security */
    fx->ra.by_team = by_team;
    struct route_output *o = malloc(sizeof(*o));
    assert_non_null(o);
    assert_int_equal(route_decide_full(&fx->in, o), 0);
    assert_int_equal(o->n_candidates, 3);
    assert_int_equal(o->n_candidates, scan->n_candidates);
    for (size_t k = 0; k < o->n_candidates; k++) {
        assert_string_equal(o->candidates[k].agent_id, scan->candidates[k].agent_id);
        assert_int_equal(o->candidates[k].index, scan->candidates[k].index);
    }
    assert_string_equal(o->candidates[0].agent_id, "b-free");
    assert_string_equal(o->candidates[2].agent_id, "g-1");
    free(o);
    free(scan);
}

/* The per-agent index of the performance table finds the same records as the search of the
 * whole table: the faster agent ranks first either way, and an agent without rows has none. */
static void test_perf_index_finds_each_agents_rows(void **state)
{
    struct fx *fx = *state;
    fx_agent(fx, "b-1", "billing", 10, 1);
    fx_agent(fx, "b-2", "billing", 10, 2);
    fx_agent(fx, "b-3", "billing", 10, 2);
    fx->perf[0] = (struct agent_perf){
        .agent_id = "b-2", .category = "billing", .assigned = 40, .median_resolution_min = 20};
    fx->perf[1] = (struct agent_perf){
        .agent_id = "b-1", .category = "billing", .assigned = 40, .median_resolution_min = 90};
    fx->perf[2] = (struct agent_perf){
        .agent_id = "b-2", .category = "access", .assigned = 40, .median_resolution_min = 900};
    fx->perf[3] = (struct agent_perf){
        .agent_id = "a-0", .category = "billing", .assigned = 40, .median_resolution_min = 5};
    fx->n_perf = 4;
    qsort(fx->perf, fx->n_perf, sizeof(fx->perf[0]), route_perf_compare);
    size_t first[3], count[3];
    route_perf_index(fx->perf, fx->n_perf, fx->agents, 3, first, count);
    assert_int_equal(count[0], 1); /* b-1 */
    assert_string_equal(fx->perf[first[0]].agent_id, "b-1");
    assert_int_equal(count[1], 2); /* b-2: access, billing */
    assert_string_equal(fx->perf[first[1]].agent_id, "b-2");
    assert_string_equal(fx->perf[first[1] + 1].category, "billing");
    assert_int_equal(count[2], 0); /* b-3 */
    fx_decide(fx, ROUTE_MODE_LIVE, false);
    struct route_output *scan = malloc(sizeof(*scan));
    assert_non_null(scan);
    *scan = fx->out;
    fx->ra.perf_first = first;
    fx->ra.perf_count = count;
    struct route_output *o = malloc(sizeof(*o));
    assert_non_null(o);
    assert_int_equal(route_decide_full(&fx->in, o), 0);
    assert_int_equal(o->n_candidates, 3);
    for (size_t k = 0; k < o->n_candidates; k++)
        assert_string_equal(o->candidates[k].agent_id, scan->candidates[k].agent_id);
    assert_string_equal(o->candidates[0].agent_id, "b-2");
    assert_memory_equal(&o->decision, &scan->decision, sizeof(o->decision));
    free(o);
    free(scan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
        T(test_candidates_in_score_order_and_claim_deadline),
        T(test_full_and_offline_agents_are_not_candidates),
        T(test_capacity_threshold_puts_busy_agents_last),
        T(test_claimed_sets_agent_and_explains),
        T(test_claimed_earlier_and_none),
        T(test_overflow_when_team_has_nobody_available),
        T(test_no_overflow_without_overflow_team),
        T(test_senior_only_rule_filters_agents),
        T(test_shadow_picks_without_claiming),
        T(test_held_ticket_has_no_candidates),
        T(test_rule_escalations_name_who_to_tell),
        T(test_signal_rule_fires_only_on_a_fired_signal),
        T(test_outage_signal_counts_as_a_report_when_enabled),
        T(test_outage_report_needs_its_window),
        T(test_outage_without_oncall_goes_to_configured_target),
        T(test_reroute_pick_excludes_current_agent_and_overflow),
        T(test_same_inputs_same_decision),
        T(test_team_index_gives_the_same_candidates),
        T(test_perf_index_finds_each_agents_rows),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
