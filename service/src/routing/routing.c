#include "routing/routing.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

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
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *p = (const unsigned char *)ticket_id; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ull;
    }
    snprintf(out, outlen, "dec-%016llx", (unsigned long long)h);
}

/* A keyword matches at word boundaries, case-insensitively (ASCII). */
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

static bool rule_matches(const struct route_rule *rule, const struct route_input *in,
                         const char *category, double confidence, enum tier tier,
                         const char **matched_keyword)
{
    const struct ticket *t = in->ticket;
    *matched_keyword = NULL;
    if (rule->n_keywords) {
        for (size_t i = 0; i < rule->n_keywords && !*matched_keyword; i++)
            if (text_has_phrase(t->subject, rule->keywords[i]) ||
                text_has_phrase(t->body, rule->keywords[i]))
                *matched_keyword = rule->keywords[i];
        if (!*matched_keyword)
            return false;
    }
    if (rule->n_categories) {
        bool any = false;
        for (size_t i = 0; i < rule->n_categories && !any; i++)
            any = strcmp(rule->categories[i], category) == 0;
        if (!any)
            return false;
    }
    if (rule->tiers_mask && !(rule->tiers_mask & (1u << tier)))
        return false;
    if (rule->min_confidence > 0 && confidence < rule->min_confidence)
        return false;
    if (rule->max_confidence > 0 && confidence > rule->max_confidence)
        return false;
    if (rule->language[0] && strcmp(rule->language, in->ticket->language) != 0)
        return false;
    if (rule->channel[0] && strcmp(rule->channel, in->ticket->channel) != 0)
        return false;
    return true;
}

static void set_once(char *dst, const char *src)
{
    if (!dst[0] && src[0])
        tr_strlcpy(dst, src, TR_NAME_MAX);
}

/* Priority before rules: enterprise P2, pro P3, free P4; an unknown customer P3. */
static enum priority base_priority(const struct customer *customer)
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

int route_decide(const struct route_input *in, struct route_decision *out, char *required_skill)
{
    if (!in || !in->ticket || !in->policy || !out || !required_skill)
        return TR_EINVAL;
    const struct ticket *t = in->ticket;
    const struct policy *policy = in->policy;
    const struct customer *customer = in->customer;
    const struct classification *cls = in->classification;

    memset(out, 0, sizeof(*out));
    required_skill[0] = '\0';
    tr_strlcpy(out->ticket_id, t->ticket_id, sizeof(out->ticket_id));
    tr_strlcpy(out->customer_id, t->customer_id, sizeof(out->customer_id));
    route_decision_id(t->ticket_id, out->decision_id, sizeof(out->decision_id));
    out->customer_known = customer != NULL;
    out->customer_tier = customer ? customer->tier : TIER_FREE;
    out->decided_at_ms = in->now_unix_ms;
    /* Language: the event's, then the customer's, then English. */
    tr_strlcpy(out->language,
               t->language[0] ? t->language
                              : (customer && customer->language[0] ? customer->language : "en"),
               sizeof(out->language));
    if (!customer)
        reason_list_addf(&out->reasons, "customer %s unknown: default tier free, flagged",
                         t->customer_id);

    double confidence = 0;
    if (cls) {
        tr_strlcpy(out->category, cls->category, sizeof(out->category));
        tr_strlcpy(out->model_version, cls->model_version, sizeof(out->model_version));
        confidence = cls->confidence;
        out->n_top = cls->n_top < TR_TOP_CLASSES ? cls->n_top : TR_TOP_CLASSES;
        memcpy(out->top, cls->top, out->n_top * sizeof(out->top[0]));
        char top[TR_REASON_MAX] = "";
        size_t used = 0;
        for (size_t i = 0; i < out->n_top && used < sizeof(top); i++)
            used += (size_t)snprintf(top + used, sizeof(top) - used, "%s%s %.2f", i ? ", " : "",
                                     cls->top[i].category, cls->top[i].confidence);
        reason_list_addf(&out->reasons, "classifier %s: %s", cls->model_version, top);
    } else {
        tr_strlcpy(out->model_version, "none", sizeof(out->model_version));
    }
    out->confidence = confidence;

    /* Rules in position order. Team, queue, category and skill: the first rule that sets one
     * wins; priority: the most urgent wins; a rule with stop ends the evaluation. */
    enum priority priority = base_priority(customer);
    char rule_category[TR_NAME_MAX] = "";
    for (size_t i = 0; i < policy->n_rules; i++) {
        const struct route_rule *rule = &policy->rules[i];
        const char *kw = NULL;
        if (!rule_matches(rule, in, out->category, confidence, out->customer_tier, &kw))
            continue;
        reason_list_addf(&out->rules_fired, "%s", rule->name);
        if (kw)
            reason_list_addf(&out->reasons, "rule %s fired on \"%s\"", rule->name, kw);
        else
            reason_list_addf(&out->reasons, "rule %s fired", rule->name);
        set_once(out->team, rule->team);
        set_once(out->queue, rule->queue);
        set_once(rule_category, rule->category);
        set_once(required_skill, rule->required_skill);
        if (rule->priority && rule->priority < priority)
            priority = rule->priority;
        if (rule->stop)
            break;
    }

    /* A keyword rule's category stands in for the classifier when there is none, or when the
     * classifier is unsure. */
    bool confident = cls && !cls->out_of_scope && confidence >= policy->confidence_threshold;
    if (rule_category[0] && (!confident || out->team[0])) {
        tr_strlcpy(out->category, rule_category, sizeof(out->category));
        confident = true;
        if (!cls)
            out->confidence = 1.0;
    }
    if (!out->team[0] && confident && out->category[0]) {
        const struct category_route *route = category_find(policy, out->category);
        if (route) {
            tr_strlcpy(out->team, route->team, sizeof(out->team));
            set_once(required_skill, route->required_skill);
            reason_list_addf(&out->reasons, "category %s maps to team %s", out->category,
                             route->team);
        }
    }
    if (!out->category[0])
        tr_strlcpy(out->category, "unknown", sizeof(out->category));

    if (!out->team[0]) {
        /* Fallback: unclear tickets go to people. Enterprise customers' go to senior agents. */
        out->fallback = true;
        tr_strlcpy(out->team, policy->triage_team, sizeof(out->team));
        if (customer && customer->tier == TIER_ENTERPRISE) {
            tr_strlcpy(out->queue, policy->senior_queue, sizeof(out->queue));
            reason_list_addf(&out->reasons,
                             "unclear (confidence %.2f < %.2f): enterprise customer, senior queue",
                             confidence, policy->confidence_threshold);
        } else {
            tr_strlcpy(out->queue, policy->triage_queue, sizeof(out->queue));
            reason_list_addf(&out->reasons, "unclear (confidence %.2f < %.2f): triage queue",
                             confidence, policy->confidence_threshold);
        }
    }
    const struct team_info *team = policy_team_find(policy, out->team);
    if (!team && !out->fallback) {
        reason_list_addf(&out->reasons, "team %s not configured: default team %s", out->team,
                         policy->default_team);
        tr_strlcpy(out->team, policy->default_team, sizeof(out->team));
        out->fallback = true;
        team = policy_team_find(policy, out->team);
    }
    if (!out->queue[0])
        tr_strlcpy(out->queue, team ? team->queue : out->team, sizeof(out->queue));

    out->priority = priority;
    if (customer && customer->first_response_min[priority - 1] > 0) {
        int minutes = customer->first_response_min[priority - 1];
        int64_t since = t->created_at_ms > 0 ? t->created_at_ms : in->now_unix_ms;
        out->first_response_due_ms = since + (int64_t)minutes * 60000;
        reason_list_addf(&out->reasons, "SLA %s: first response within %d min at %s",
                         customer->sla_policy, minutes, priority_name(priority));
    }
    return 0;
}
