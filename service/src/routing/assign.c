/* The agent step of a decision and the outage escalation: pure, over what the pipeline gathered
 * (agents with load and presence, the outage window). The pipeline claims in the order given
 * here and reports the outcome with route_claimed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "routing/routing_internal.h"

#define MAX_HOME 16
#define MAX_OVERFLOW (ROUTE_MAX_CANDIDATES - MAX_HOME)

int route_perf_compare(const void *a, const void *b)
{
    const struct agent_perf *x = a, *y = b;
    int c = strcmp(x->agent_id, y->agent_id);
    return c ? c : strcmp(x->category, y->category);
}

const struct agent_perf *route_perf_find(const struct agent_perf *perf, size_t n,
                                         const char *agent_id, const char *category)
{
    if (!perf || n == 0)
        return NULL;
    struct agent_perf key;
    tr_strlcpy(key.agent_id, agent_id, sizeof(key.agent_id));
    tr_strlcpy(key.category, category, sizeof(key.category));
    return bsearch(&key, perf, n, sizeof(*perf), route_perf_compare);
}

void route_perf_index(const struct agent_perf *perf, size_t n_perf,
                      const struct agent_candidate *agents, size_t n, size_t *first, size_t *count)
{
    for (size_t i = 0; i < n; i++) {
        size_t lo = 0, hi = n_perf; /* the first row not before the agent's */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(perf[mid].agent_id, agents[i].agent_id) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t end = lo;
        while (end < n_perf && strcmp(perf[end].agent_id, agents[i].agent_id) == 0)
            end++;
        first[i] = lo;
        count[i] = end - lo;
    }
}

/* Agent i's record on category: among its own rows when the table is indexed. */
static const struct agent_perf *perf_of(const struct route_agents *ra, size_t i,
                                        const char *category)
{
    if (!ra->perf_first)
        return route_perf_find(ra->perf, ra->n_perf, ra->agents[i].agent_id, category);
    const struct agent_perf *rows = ra->perf + ra->perf_first[i];
    size_t lo = 0, hi = ra->perf_count[i];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(rows[mid].category, category);
        if (c == 0)
            return &rows[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int64_t route_first_response_timeout_ms(const struct policy *policy, enum priority priority)
{
    int i = priority >= PRIORITY_P1 && priority <= PRIORITY_P4 ? priority - 1 : 2;
    return (int64_t)(policy->first_response_timeout_min[i] * 60000.0);
}

/* The team's agents as ranking reads them: borrowed static fields, load and presence as
 * gathered, performance on the category. */
struct team_view {
    size_t n;
    struct rank_view *views; /* n; view.index is the agent's index in route_agents */
};

/* The indexes of team's agents: a range of ra->by_team, else every agent (the caller skips
 * the others). */
static void team_range(const struct route_agents *ra, const char *team, const size_t **idx,
                       size_t *from, size_t *to)
{
    *idx = ra->by_team;
    *from = 0;
    *to = ra->n;
    if (!ra->by_team)
        return;
    size_t lo = 0, hi = ra->n; /* first whose team is >= team */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ra->agents[ra->by_team[mid]].team, team) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *from = lo;
    while (hi < ra->n && strcmp(ra->agents[ra->by_team[hi]].team, team) == 0)
        hi++;
    *to = hi;
}

static int team_view_fill(const struct route_agents *ra, const char *team, const char *category,
                          const char *exclude_agent, bool senior_only, struct team_view *v)
{
    const size_t *idx;
    size_t from, to;
    team_range(ra, team, &idx, &from, &to);
    free(v->views);
    v->n = 0;
    v->views = calloc(to - from + 1, sizeof(*v->views));
    if (!v->views)
        return TR_ENOMEM;
    for (size_t k = from; k < to; k++) {
        size_t i = idx ? idx[k] : k;
        const struct agent_candidate *a = &ra->agents[i];
        if (strcmp(a->team, team) != 0)
            continue;
        const struct agent_perf *perf = perf_of(ra, i, category);
        v->views[v->n++] = (struct rank_view){
            .agent = a,
            .index = i,
            /* the one being replaced, and juniors when only seniors may take it */
            .excluded = (exclude_agent[0] && strcmp(a->agent_id, exclude_agent) == 0) ||
                        (senior_only && !a->senior),
            .load = ra->loads ? ra->loads[i] : 0,
            .presence = ra->presence ? ra->presence[i] : PRESENCE_UNKNOWN,
            .perf_assigned = perf ? perf->assigned : 0,
            .perf_resolution_min = perf ? perf->median_resolution_min : 0,
            .perf_reassign_rate = perf ? perf->reassignment_rate : 0,
        };
    }
    return 0;
}

/* Rank v for decision d into out's candidates from out->n_candidates, at most max. */
static size_t team_rank(const struct route_pick *pick, const struct route_decision *d,
                        const char *skill, const struct team_view *v, size_t max,
                        struct route_output *out)
{
    size_t ranked[ROUTE_MAX_CANDIDATES];
    double scores[ROUTE_MAX_CANDIDATES];
    size_t n = route_rank_views(d, skill, v->views, v->n, &pick->policy->agent_weights,
                                pick->now_ms, ranked, scores, max);
    for (size_t r = 0; r < n; r++) {
        const struct rank_view *a = &v->views[ranked[r]];
        struct route_candidate *c = &out->candidates[out->n_candidates++];
        tr_strlcpy(c->agent_id, a->agent->agent_id, sizeof(c->agent_id));
        tr_strlcpy(c->team, a->agent->team, sizeof(c->team));
        c->index = a->index;
        c->capacity = a->agent->capacity;
        c->load = a->load;
        c->presence = a->presence;
        c->score = scores[r];
    }
    return n;
}

void route_pick_agents(const struct route_pick *pick, struct route_output *out)
{
    struct route_decision *d = &out->decision;
    const char *exclude = pick->exclude_agent ? pick->exclude_agent : "";
    const char *skill = pick->required_skill ? pick->required_skill : "";
    out->n_candidates = out->n_home = 0;
    out->claim_due_ms = pick->now_ms + route_first_response_timeout_ms(pick->policy, d->priority);
    struct team_view view = {0}, *v = &view;
    if (team_view_fill(pick->agents, d->team, d->category, exclude, pick->senior_only, v) != 0)
        return; /* out of memory: no candidates, the ticket waits in its queue */
    if (pick->senior_only)
        reason_list_addf(&d->reasons, "senior agents only");
    size_t in_team = v->n;
    if (in_team == 0)
        reason_list_addf(&d->reasons, "no active agent in team %s: queue %s", d->team, d->queue);
    else
        out->n_home = team_rank(pick, d, skill, v, MAX_HOME, out);
    if (in_team && out->n_home == 0)
        reason_list_addf(&d->reasons,
                         "none of %zu agents of %s available (full, offline, off shift or "
                         "unqualified): queue %s",
                         in_team, d->team, d->queue);
    /* Nobody in the team, or all of them full when claimed: its overflow team's agents, if it
     * has one (one hop). They may not have the home team's skill: any of them will do. */
    const struct team_info *team = policy_team_find(pick->policy, d->team);
    if (!exclude[0] && team && team->overflow_team[0] &&
        policy_team_find(pick->policy, team->overflow_team)) {
        struct route_decision overflow = *d;
        tr_strlcpy(overflow.team, team->overflow_team, sizeof(overflow.team));
        if (team_view_fill(pick->agents, overflow.team, d->category, "", pick->senior_only, v) == 0)
            team_rank(pick, &overflow, "", v, MAX_OVERFLOW, out);
    }
    free(v->views);
    out->claim = pick->mode == ROUTE_MODE_LIVE;
    if (pick->mode == ROUTE_MODE_SHADOW && out->n_candidates) {
        route_claimed(pick->policy, out, 0, out->candidates[0].agent_id);
        reason_list_addf(&d->reasons, "shadow mode: nothing claimed");
    }
}

/* "why this agent and not the next" */
static void choice_explain(struct route_decision *d, const struct route_candidate *c, size_t n,
                           size_t r)
{
    const struct route_candidate *a = &c[r];
    char next[TR_REASON_MAX] = "";
    if (r + 1 < n)
        snprintf(next, sizeof(next), "; next %s score %.2f load %d/%d", c[r + 1].agent_id,
                 c[r + 1].score, c[r + 1].load, c[r + 1].capacity);
    reason_list_addf(&d->reasons, "agent %s: score %.2f, load %d/%d, %s, %zu eligible%s%s",
                     a->agent_id, a->score, a->load, a->capacity, presence_name(a->presence), n,
                     r ? " (better ones filled up meanwhile)" : "", next);
}

void route_claimed(const struct policy *policy, struct route_output *out, int index,
                   const char *holder)
{
    struct route_decision *d = &out->decision;
    if (index < 0 && holder) {
        tr_strlcpy(d->agent_id, holder, sizeof(d->agent_id));
        reason_list_addf(&d->reasons, "already claimed by %s on an earlier attempt", holder);
        return;
    }
    if (index < 0 || (size_t)index >= out->n_candidates) {
        if (out->n_home)
            reason_list_addf(&d->reasons, "eligible agents of %s filled up: queue %s", d->team,
                             d->queue);
        return;
    }
    size_t r = (size_t)index;
    const struct route_candidate *c = &out->candidates[r];
    tr_strlcpy(d->agent_id, c->agent_id, sizeof(d->agent_id));
    if (r < out->n_home) {
        choice_explain(d, out->candidates, out->n_home, r);
        return;
    }
    /* An overflow agent: the ticket moves to that team and its queue. */
    const struct team_info *team = policy_team_find(policy, c->team);
    reason_list_addf(&d->reasons, "overflow from %s to %s", d->team, c->team);
    tr_strlcpy(d->team, c->team, sizeof(d->team));
    if (team)
        tr_strlcpy(d->queue, team->queue, sizeof(d->queue));
    choice_explain(d, out->candidates + out->n_home, out->n_candidates - out->n_home,
                   r - out->n_home);
}
