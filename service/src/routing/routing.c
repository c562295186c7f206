#include "routing/routing_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define DAY_MS (24 * 3600 * 1000LL)

const struct team_info *policy_team_find(const struct policy *policy, const char *team)
{
    for (size_t i = 0; i < policy->n_teams; i++)
        if (strcmp(policy->teams[i].team, team) == 0)
            return &policy->teams[i];
    return NULL;
}

static const struct category_route *category_find(const struct policy *policy, const char *category)
{
    for (size_t i = 0; i < policy->n_categories; i++)
        if (strcmp(policy->categories[i].category, category) == 0)
            return &policy->categories[i];
    return NULL;
}

void route_decision_id(const char *ticket_id, char *out, size_t outlen)
{
    /* FNV-1a 64: stable across processes and versions, so a replay carries the same id. */
    snprintf(out, outlen, "dec-%016llx", (unsigned long long)tr_fnv1a(ticket_id, TR_FNV1A_SEED));
}

/* Without the text module's analysis: a keyword matches at word boundaries,
 * case-insensitively (ASCII). */
static bool text_has_phrase(const char *text, const char *phrase)
{
    size_t n = strlen(phrase);
    for (const char *p = text; p && *p; p++) {
        const char *hit = tr_strcasestr(p, phrase);
        if (!hit)
            return false;
        bool start_ok = hit == text || !isalnum((unsigned char)hit[-1]);
        bool end_ok = !isalnum((unsigned char)hit[n]);
        if (start_ok && end_ok)
            return true;
        p = hit;
    }
    return false;
}

static bool in_list(const char (*list)[TR_NAME_MAX], size_t n, const char *value)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], value) == 0)
            return true;
    return false;
}

/* What the rules see while they are evaluated. */
struct eval {
    const struct route_input *in;
    const struct route_hits *hits; /* the analysed text's matches; NULL: match the raw text */
    const char *language;          /* the decision's */
    const char *category;
    double confidence;
    enum tier tier;
    const char *team_so_far;
    const char *product_area;
    double urgency;
};

static bool hours_match(const struct eval *ev, const struct route_rule *rule)
{
    const struct policy *policy = ev->in->policy;
    const char *team_name = rule->hours_team[0] ? rule->hours_team : ev->team_so_far;
    if (!team_name[0]) {
        const struct category_route *route = category_find(policy, ev->category);
        team_name = route ? route->team : "";
    }
    const struct team_info *team = policy_team_find(policy, team_name);
    if (!team)
        return false; /* no such team: a business-hours condition cannot hold */
    bool open = team_hours_open(&team->hours, ev->in->now_unix_ms);
    return open == (rule->team_open == ROUTE_YES);
}

static const char *const SIGNAL_NAMES[ROUTE_SIGNALS] = {"security", "legal", "outage", "churn",
                                                        "distress"};
/* What a rule fired on when a signal made it match. */
static const char *const SIGNAL_MATCHED[ROUTE_SIGNALS] = {
    "signal security", "signal legal", "signal outage", "signal churn", "signal distress"};

int route_signal_parse(const char *name)
{
    for (int k = 0; k < ROUTE_SIGNALS; k++)
        if (strcmp(name, SIGNAL_NAMES[k]) == 0)
            return k;
    return -1;
}

/* The first of the rule's signals that fired, or -1 (none did, or no signals were scored). */
static int signal_fired(const struct route_rule *rule, const struct route_signals *signals)
{
    for (int k = 0; signals && k < ROUTE_SIGNALS; k++)
        if ((rule->signals_mask & (1u << k)) && signals->fired[k])
            return k;
    return -1;
}

/* Every signal with its score, strongest reason of those that fired. */
static void signals_explain(const struct route_signals *signals, struct reason_list *reasons)
{
    char line[TR_REASON_MAX];
    size_t used = 0;
    line[0] = '\0';
    for (int k = 0; k < ROUTE_SIGNALS && used < sizeof(line); k++) {
        int n = snprintf(line + used, sizeof(line) - used, "%s%s %.2f%s", k ? ", " : "",
                         SIGNAL_NAMES[k], signals->score[k], signals->fired[k] ? " (fired)" : "");
        used += n > 0 ? (size_t)n : 0;
    }
    reason_list_addf(reasons, "signals: %s", line);
    for (int k = 0; k < ROUTE_SIGNALS; k++)
        if (signals->fired[k])
            reason_list_addf(reasons, "signal %s: %s", SIGNAL_NAMES[k], signals->reason[k]);
}

static bool rule_matches(const struct route_rule *rule, const struct eval *ev,
                         const char **matched_keyword)
{
    const struct ticket *t = ev->in->ticket;
    const struct customer *c = ev->in->customer;
    *matched_keyword = NULL;
    if (rule->n_keywords) {
        size_t r = (size_t)(rule - ev->in->policy->rules);
        for (size_t i = 0; i < rule->n_keywords && !*matched_keyword; i++) {
            int hit = ev->hits ? route_hits_keyword(ev->hits, r, i) : -1;
            if (hit < 0) /* not compiled: the raw text */
                hit = text_has_phrase(t->subject, rule->keywords[i]) ||
                      text_has_phrase(t->body, rule->keywords[i]);
            if (hit)
                *matched_keyword = rule->keywords[i];
        }
        if (!*matched_keyword)
            return false;
    }
    if (rule->signals_mask) {
        int k = signal_fired(rule, ev->in->signals);
        if (k < 0)
            return false;
        if (!*matched_keyword)
            *matched_keyword = SIGNAL_MATCHED[k];
    }
    if (rule->n_categories && !in_list(rule->categories, rule->n_categories, ev->category))
        return false;
    if (rule->tiers_mask && !(rule->tiers_mask & (1u << ev->tier)))
        return false;
    if (rule->min_confidence > 0 && ev->confidence < rule->min_confidence)
        return false;
    if (rule->max_confidence > 0 && ev->confidence > rule->max_confidence)
        return false;
    if (rule->language[0] && strcmp(rule->language, ev->language) != 0)
        return false;
    if (rule->channel[0] && strcmp(rule->channel, t->channel) != 0)
        return false;
    if (rule->n_product_areas &&
        !in_list(rule->product_areas, rule->n_product_areas, ev->product_area))
        return false;
    if (rule->contract_value_min > 0 && (!c || c->contract_value < rule->contract_value_min))
        return false;
    if (rule->contract_value_max > 0 && c && c->contract_value >= rule->contract_value_max)
        return false;
    if (rule->value_percentile_min > 0 && (!c || c->value_percentile < rule->value_percentile_min))
        return false;
    if (rule->urgency_min > 0 && ev->urgency < rule->urgency_min)
        return false;
    if (rule->churned_within_days > 0 &&
        (!c || c->churned_at_ms <= 0 ||
         ev->in->now_unix_ms - c->churned_at_ms > rule->churned_within_days * DAY_MS))
        return false;
    if (rule->at_risk != ROUTE_ANY && (c && c->at_risk) != (rule->at_risk == ROUTE_YES))
        return false;
    if (rule->customer_known != ROUTE_ANY && (c != NULL) != (rule->customer_known == ROUTE_YES))
        return false;
    if (rule->team_open != ROUTE_ANY && !hours_match(ev, rule))
        return false;
    return true;
}

static void set_once(char *dst, const char *src)
{
    if (!dst[0] && src[0])
        tr_strlcpy(dst, src, TR_NAME_MAX);
}

/* Priority without urgency weights: enterprise P2, pro P3, free P4; an unknown customer P3. */
static enum priority tier_priority(const struct customer *customer)
{
    if (!customer)
        return PRIORITY_P3;
    switch (customer->tier) {
    case TIER_ENTERPRISE:
        return PRIORITY_P2;
    case TIER_PRO:
        return PRIORITY_P3;
    default:
        return PRIORITY_P4;
    }
}

static void escalation_add(const struct route_input *in, const struct route_rule *rule,
                           const struct route_decision *d, const struct urgency_result *urgency,
                           struct route_output *out)
{
    for (size_t i = 0; i < out->n_escalations; i++)
        if (out->escalations[i].kind == rule->escalation_kind)
            return; /* one escalation of each kind per ticket */
    if (out->n_escalations == ROUTE_MAX_ESCALATIONS)
        return;
    struct escalation *e = &out->escalations[out->n_escalations++];
    memset(e, 0, sizeof(*e));
    const char *kind = escalation_kind_name(rule->escalation_kind);
    /* Stable per ticket and kind, so a replay repeats the same id. */
    snprintf(e->escalation_id, sizeof(e->escalation_id), "esc-%016llx",
             (unsigned long long)tr_fnv1a(kind, tr_fnv1a(d->ticket_id, TR_FNV1A_SEED)));
    tr_strlcpy(e->ticket_id, d->ticket_id, sizeof(e->ticket_id));
    tr_strlcpy(e->customer_id, d->customer_id, sizeof(e->customer_id));
    e->kind = rule->escalation_kind;
    e->severity = rule->escalation_severity;
    tr_strlcpy(e->team, d->team[0] ? d->team : in->policy->triage_team, sizeof(e->team));
    const struct customer *c = in->customer;
    /* "oncall" is the on-call of the team the rule is about: the team whose hours it checks,
     * else the team it routes to, else the ticket's final team. */
    const char *oncall_team = rule->hours_team[0] ? rule->hours_team
                              : rule->team[0]     ? rule->team
                                                  : e->team;
    const struct team_info *team = policy_team_find(in->policy, oncall_team);
    for (size_t i = 0; i < rule->n_notify; i++) {
        const char *target = rule->notify[i];
        /* Placeholders: the customer's account manager, the team's on-call. */
        if (strcmp(target, "account_manager") == 0)
            target = c && c->account_manager[0] ? c->account_manager : "";
        else if (strcmp(target, "oncall") == 0)
            target = team && team->oncall_target[0] ? team->oncall_target : "";
        if (target[0])
            tr_strlcpy(e->notify[e->n_notify++], target, TR_NAME_MAX);
    }
    /* Enough for a person to judge without opening the helpdesk. */
    snprintf(e->summary, sizeof(e->summary), "%s %s: \"%.120s\" from %s (%s%s)", kind,
             severity_name(e->severity), in->ticket->subject, d->customer_id,
             c ? tier_name(c->tier) : "unknown customer",
             c && c->value_percentile >= 0.9 ? ", top 10% by value" : "");
    reason_list_addf(&e->reasons, "rule %s", rule->name);
    for (size_t i = 0; i < urgency->n_signals && e->reasons.n < 6; i++)
        reason_list_addf(&e->reasons, "signal %s", urgency->signals[i]);
    if (c && c->account_manager[0])
        reason_list_addf(&e->reasons, "account manager %s", c->account_manager);
    e->created_at_ms = in->now_unix_ms;
}

static bool is_outage_report(const struct route_input *in, const struct route_hits *hits,
                             const char *category)
{
    if (strcmp(category, "outage") == 0)
        return true;
    if (in->policy->outage_on_signal && in->signals && in->signals->fired[ROUTE_SIGNAL_OUTAGE])
        return true;
    if (hits)
        return route_hits_outage(hits);
    const struct policy *policy = in->policy;
    const char *const *phrases =
        policy->outage_phrases ? policy->outage_phrases : ROUTE_OUTAGE_PHRASES;
    size_t n = policy->outage_phrases ? policy->n_outage_phrases : ROUTE_N_OUTAGE_PHRASES;
    for (size_t i = 0; i < n; i++)
        if (urgency_text_has(in->ticket->subject, phrases[i]) ||
            urgency_text_has(in->ticket->body, phrases[i]))
            return true;
    return false;
}

/* The event's language, else the detected one, else the customer's, else English; the reasons
 * say which when the event had none. */
static void language_resolve(const struct route_input *in, struct route_decision *out)
{
    const struct text_language *detected = in->detected_language;
    const struct customer *c = in->customer;
    tr_strlcpy(out->language, route_language(in->ticket, c, detected), sizeof(out->language));
    if (in->ticket->language[0] || !detected)
        return;
    if (strcmp(out->language, detected->tag) == 0) {
        reason_list_addf(&out->reasons, "language %s detected (confidence %.2f)%s", detected->tag,
                         detected->confidence,
                         detected->from_hint ? ", the customer's among close candidates" : "");
        return;
    }
    const char *why = detected->too_short ? "text too short to tell" : "text too mixed to tell";
    if (c && c->language[0])
        reason_list_addf(&out->reasons, "language not detected (%s): customer's language %s", why,
                         out->language);
    else
        reason_list_addf(&out->reasons, "language not detected (%s): default %s", why,
                         out->language);
}

static void classification_copy(const struct classification *cls, struct route_decision *out)
{
    tr_strlcpy(out->category, cls->category, sizeof(out->category));
    tr_strlcpy(out->model_version, cls->model_version, sizeof(out->model_version));
    out->n_top = cls->n_top < TR_TOP_CLASSES ? cls->n_top : TR_TOP_CLASSES;
    memcpy(out->top, cls->top, out->n_top * sizeof(out->top[0]));
    char top[TR_REASON_MAX] = "";
    size_t used = 0;
    for (size_t i = 0; i < out->n_top && used < sizeof(top); i++)
        used += (size_t)snprintf(top + used, sizeof(top) - used, "%s%s %.2f", i ? ", " : "",
                                 cls->top[i].category, cls->top[i].confidence);
    reason_list_addf(&out->reasons, "classifier %s: %s%s", cls->model_version, top,
                     cls->out_of_scope ? " (out of scope)" : "");
}

static void urgency_find(const struct route_input *in, const struct route_hits *hits,
                         const char *category, struct urgency_result *out)
{
    if (!hits) {
        urgency_assess(in->weights, in->ticket, in->customer, category, out);
        return;
    }
    unsigned count[URGENCY_MAX_PHRASES];
    route_hits_urgency(hits, count);
    urgency_score(in->weights, count, in->customer, category, out);
}

/* The team when no rule named one: the category's mapping, or a fallback queue. */
static void team_resolve(const struct route_input *in, bool confident, struct route_output *o)
{
    const struct policy *policy = in->policy;
    struct route_decision *out = &o->decision;
    const struct customer *customer = in->customer;
    if (!out->team[0] && confident && out->category[0]) {
        const struct category_route *route = category_find(policy, out->category);
        if (route) {
            tr_strlcpy(out->team, route->team, sizeof(out->team));
            set_once(o->required_skill, route->required_skill);
            reason_list_addf(&out->reasons, "category %s maps to team %s", out->category,
                             route->team);
        }
    }
    if (!out->team[0]) {
        /* Fallback: unclear tickets go to people. Enterprise customers' go to senior agents. */
        out->fallback = true;
        tr_strlcpy(out->team, policy->triage_team, sizeof(out->team));
        bool senior = customer && customer->tier == TIER_ENTERPRISE;
        if (!out->queue[0])
            tr_strlcpy(out->queue, senior ? policy->senior_queue : policy->triage_queue,
                       sizeof(out->queue));
        reason_list_addf(&out->reasons, "unclear (confidence %.2f < %.2f): %s", out->confidence,
                         policy->confidence_threshold,
                         senior ? "enterprise customer, senior queue" : "triage queue");
    }
    const struct team_info *team = policy_team_find(policy, out->team);
    if (!team && strcmp(out->team, policy->triage_team) != 0) {
        reason_list_addf(&out->reasons, "team %s not configured: default team %s", out->team,
                         policy->default_team);
        tr_strlcpy(out->team, policy->default_team, sizeof(out->team));
        out->fallback = true;
        team = policy_team_find(policy, out->team);
    }
    if (!out->queue[0])
        tr_strlcpy(out->queue, team ? team->queue : out->team, sizeof(out->queue));
}

static void deadline_set(const struct route_input *in, bool hold, struct route_output *o)
{
    struct route_decision *out = &o->decision;
    const struct customer *customer = in->customer;
    const struct ticket *t = in->ticket;
    int64_t since = t->created_at_ms > 0 ? t->created_at_ms : in->now_unix_ms;
    if (hold) {
        const struct team_info *team = policy_team_find(in->policy, out->team);
        if (team && !team_hours_open(&team->hours, in->now_unix_ms)) {
            int64_t opens = team_hours_next_open(&team->hours, in->now_unix_ms);
            if (opens > 0) {
                since = opens;
                o->held = true;
                reason_list_addf(&out->reasons,
                                 "team %s closed now: queued until it opens in %lld min", out->team,
                                 (long long)((opens - in->now_unix_ms) / 60000));
            }
        }
    }
    if (customer && customer->first_response_min[out->priority - 1] > 0) {
        int minutes = customer->first_response_min[out->priority - 1];
        out->first_response_due_ms = since + (int64_t)minutes * 60000;
        reason_list_addf(&out->reasons, "SLA %s: first response within %d min at %s",
                         customer->sla_policy, minutes, priority_name(out->priority));
    }
}

/* An outage report, once its window is recorded: the reasons, and from the ticket that opened
 * the incident the one escalation (the others attach to it). */
static void outage_apply(const struct route_input *in, struct route_output *o)
{
    const struct policy *policy = in->policy;
    const struct route_outage *outage = in->outage;
    struct route_decision *d = &o->decision;
    if (!outage->incident_id[0]) {
        reason_list_addf(&d->reasons, "outage watch %s: %d of %d customers within %d s",
                         o->outage_area, outage->customers, policy->outage_customers,
                         policy->outage_window_s);
        return;
    }
    reason_list_addf(&d->reasons, "outage incident %s: %d customers report %s down%s",
                     outage->incident_id, outage->customers, o->outage_area,
                     outage->opened ? " (opened by this ticket)" : "");
    if (!outage->opened || o->n_escalations == ROUTE_MAX_ESCALATIONS)
        return;
    struct escalation *e = &o->escalations[o->n_escalations++];
    memset(e, 0, sizeof(*e));
    snprintf(e->escalation_id, sizeof(e->escalation_id), "esc-%.120s", outage->incident_id);
    tr_strlcpy(e->ticket_id, d->ticket_id, sizeof(e->ticket_id));
    tr_strlcpy(e->customer_id, d->customer_id, sizeof(e->customer_id));
    tr_strlcpy(e->incident_id, outage->incident_id, sizeof(e->incident_id));
    e->kind = ESCALATION_OUTAGE;
    e->severity = SEVERITY_CRITICAL;
    tr_strlcpy(e->team, d->team, sizeof(e->team));
    const struct team_info *team = policy_team_find(policy, d->team);
    const char *notify = team && team->oncall_target[0] ? team->oncall_target
                         : policy->outage_notify        ? policy->outage_notify
                                                        : "";
    if (notify[0])
        tr_strlcpy(e->notify[e->n_notify++], notify, TR_NAME_MAX);
    snprintf(e->summary, sizeof(e->summary),
             "OUTAGE: %d customers report %s down within %d s; first: \"%.100s\"",
             outage->customers, o->outage_area, policy->outage_window_s, in->ticket->subject);
    reason_list_addf(&e->reasons, "product area %s", o->outage_area);
    reason_list_addf(&e->reasons, "later reports attach to incident %s", outage->incident_id);
    e->created_at_ms = in->now_unix_ms;
}

int route_decide_full(const struct route_input *in, struct route_output *o)
{
    if (!in || !in->ticket || !in->policy || !o)
        return TR_EINVAL;
    const struct ticket *t = in->ticket;
    const struct policy *policy = in->policy;
    const struct customer *customer = in->customer;
    const struct classification *cls = in->classification;
    struct route_decision *out = &o->decision;

    memset(o, 0, sizeof(*o));
    tr_strlcpy(out->ticket_id, t->ticket_id, sizeof(out->ticket_id));
    tr_strlcpy(out->customer_id, t->customer_id, sizeof(out->customer_id));
    route_decision_id(t->ticket_id, out->decision_id, sizeof(out->decision_id));
    out->customer_known = customer != NULL;
    out->customer_tier = customer ? customer->tier : TIER_FREE;
    out->decided_at_ms = in->now_unix_ms;
    language_resolve(in, out);
    if (in->signals)
        signals_explain(in->signals, &out->reasons);
    if (!customer)
        reason_list_addf(&out->reasons, "customer %s unknown: default tier free, flagged",
                         t->customer_id);
    if (cls)
        classification_copy(cls, out);
    else
        tr_strlcpy(out->model_version, "none", sizeof(out->model_version));
    out->confidence = cls ? cls->confidence : 0;
    bool confident = cls && !cls->out_of_scope && out->confidence >= policy->confidence_threshold;

    /* Keywords and phrases: on the analysed text when there is one, in one pass. */
    struct route_hits hits_store;
    const struct route_hits *hits = route_hits_find(in, &hits_store) ? &hits_store : NULL;
    /* Urgency first, on the classifier's category (rules may change the category after). */
    if (in->weights)
        urgency_find(in, hits, confident ? out->category : "", &o->urgency);
    enum priority priority = in->weights ? o->urgency.priority : tier_priority(customer);

    const struct category_route *cat_route = category_find(policy, out->category);
    struct eval ev = {
        .in = in,
        .hits = hits,
        .language = out->language,
        .category = out->category,
        .confidence = out->confidence,
        .tier = out->customer_tier,
        .team_so_far = out->team,
        .product_area =
            t->product_area[0] ? t->product_area : (cat_route ? cat_route->product_area : ""),
        .urgency = o->urgency.score,
    };

    /* Rules in position order. Team, queue, category and skill: the first rule that sets one
     * wins (the skill of the rule that sets the team wins over earlier ones); priority: the most
     * urgent wins; escalations: one of each kind; stop ends it. */
    char rule_category[TR_NAME_MAX] = "";
    bool hold = false;
    const struct route_rule *escalating[ROUTE_MAX_ESCALATIONS];
    size_t n_escalating = 0;
    for (size_t i = 0; i < policy->n_rules; i++) {
        const struct route_rule *rule = &policy->rules[i];
        const char *kw = NULL;
        if (!rule_matches(rule, &ev, &kw))
            continue;
        reason_list_addf(&out->rules_fired, "%s", rule->name);
        if (kw)
            reason_list_addf(&out->reasons, "rule %s fired on \"%s\"", rule->name, kw);
        else
            reason_list_addf(&out->reasons, "rule %s fired", rule->name);
        if (!out->team[0] && rule->team[0] && rule->required_skill[0])
            /* The rule that picks the team knows what that team's agents need. */
            tr_strlcpy(o->required_skill, rule->required_skill, sizeof(o->required_skill));
        set_once(out->team, rule->team);
        set_once(out->queue, rule->queue);
        set_once(rule_category, rule->category);
        /* Later rules see the category a keyword rule gave, when the classifier had none. */
        if (rule_category[0] && !confident)
            ev.category = rule_category;
        set_once(o->required_skill, rule->required_skill);
        if (rule->priority && rule->priority < priority)
            priority = rule->priority;
        hold = hold || rule->hold_until_open;
        o->senior_only = o->senior_only || rule->senior_only;
        if (rule->escalate && n_escalating < ROUTE_MAX_ESCALATIONS) {
            /* One of each kind: the first rule of a kind speaks for it. */
            bool seen = false;
            for (size_t k = 0; k < n_escalating && !seen; k++)
                seen = escalating[k]->escalation_kind == rule->escalation_kind;
            if (!seen)
                escalating[n_escalating++] = rule;
        }
        if (rule->stop)
            break;
    }

    /* A keyword rule's category stands in for the classifier when there is none, or when the
     * classifier is unsure. */
    if (rule_category[0] && (!confident || out->team[0])) {
        tr_strlcpy(out->category, rule_category, sizeof(out->category));
        confident = true;
        if (!cls)
            out->confidence = 1.0;
    }
    team_resolve(in, confident, o);
    if (!out->category[0])
        tr_strlcpy(out->category, "unknown", sizeof(out->category));

    out->priority = priority;
    if (in->weights && o->urgency.n_signals) {
        char signals[TR_REASON_MAX] = "";
        size_t used = 0;
        for (size_t i = 0; i < o->urgency.n_signals && used < sizeof(signals); i++)
            used += (size_t)snprintf(signals + used, sizeof(signals) - used, "%s%s", i ? ", " : "",
                                     o->urgency.signals[i]);
        reason_list_addf(&out->reasons, "urgency %.0f -> %s: %s", o->urgency.score,
                         priority_name(o->urgency.priority), signals);
    }
    deadline_set(in, hold, o);
    for (size_t i = 0; i < n_escalating; i++)
        escalation_add(in, escalating[i], out, &o->urgency, o);

    const struct category_route *final_route = category_find(policy, out->category);
    const char *area =
        t->product_area[0] ? t->product_area : (final_route ? final_route->product_area : "");
    if (area[0] && is_outage_report(in, hits, out->category))
        tr_strlcpy(o->outage_area, area, sizeof(o->outage_area));
    if (o->outage_area[0] && in->outage)
        outage_apply(in, o);

    out->mode = in->mode;
    tr_strlcpy(out->required_skill, o->required_skill, sizeof(out->required_skill));
    out->senior_only = o->senior_only;
    if (in->agents && !o->held) {
        struct route_pick pick = {
            .policy = policy,
            .agents = in->agents,
            .mode = in->mode,
            .required_skill = o->required_skill,
            .senior_only = o->senior_only,
            .exclude_agent = "",
            .now_ms = in->now_unix_ms,
        };
        route_pick_agents(&pick, o);
    }
    if (hits)
        route_hits_clear(&hits_store);
    return 0;
}

int route_decide(const struct route_input *in, struct route_decision *out, char *required_skill)
{
    if (!out || !required_skill)
        return TR_EINVAL;
    struct route_output o;
    int rc = route_decide_full(in, &o);
    if (rc == 0) {
        *out = o.decision;
        tr_strlcpy(required_skill, o.required_skill, TR_NAME_MAX);
    }
    return rc;
}
