#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

#define MAX_TEAM 256
#define MAX_RANKED 32

int64_t first_response_timeout_ms(const struct route_context *ctx, enum priority priority)
{
    int i = priority >= PRIORITY_P1 && priority <= PRIORITY_P4 ? priority - 1 : 2;
    return (int64_t)(ctx->timeout_min[i] * 60000.0);
}

int team_agents_load(struct worker_state *ws, const struct route_context *ctx, const char *team,
                     const char *category, struct agent_candidate *out, size_t max)
{
    const char *ids[MAX_TEAM];
    size_t n = 0;
    if (max > MAX_TEAM)
        max = MAX_TEAM;
    for (size_t i = 0; i < ctx->n_agents && n < max; i++) {
        if (strcmp(ctx->agents[i].team, team) != 0)
            continue;
        out[n] = ctx->agents[i];
        ids[n] = out[n].agent_id;
        const struct agent_perf *perf = route_context_perf(ctx, out[n].agent_id, category);
        if (perf) {
            out[n].perf_assigned = perf->assigned;
            out[n].perf_resolution_min = perf->median_resolution_min;
            out[n].perf_reassign_rate = perf->reassignment_rate;
        }
        n++;
    }
    if (ws->batch_ctx && ws->batch_ctx->ctx == ctx && ws->batch_loads) {
        /* The batch's snapshot: no round trip. */
        for (size_t i = 0, k = 0; i < ctx->n_agents && k < n; i++) {
            if (strcmp(ctx->agents[i].team, team) != 0)
                continue;
            out[k].load = ws->batch_loads[i];
            out[k].presence = ws->batch_presence[i];
            k++;
        }
        return (int)n;
    }
    int loads[MAX_TEAM];
    enum presence presence[MAX_TEAM];
    if (n && load_agents_get(ws->redis, ids, n, loads, presence) != 0)
        return TR_EIO;
    for (size_t i = 0; i < n; i++) {
        out[i].load = loads[i];
        out[i].presence = presence[i];
    }
    return (int)n;
}

/* A claim the batch made: later tickets of the batch see the agent's load one higher. */
static void batch_load_taken(struct worker_state *ws, const struct route_context *ctx,
                             const char *agent_id)
{
    if (!ws->batch_ctx || ws->batch_ctx->ctx != ctx || !ws->batch_loads)
        return;
    for (size_t i = 0; i < ctx->n_agents; i++)
        if (strcmp(ctx->agents[i].agent_id, agent_id) == 0) {
            ws->batch_loads[i]++;
            return;
        }
}

/* "why this agent and not the next" */
static void choice_explain(struct route_decision *d, const struct agent_candidate *team,
                           const size_t *ranked, const double *scores, size_t n_ranked, size_t r)
{
    const struct agent_candidate *a = &team[ranked[r]];
    char next[TR_REASON_MAX] = "";
    if (r + 1 < n_ranked)
        snprintf(next, sizeof(next), "; next %s score %.2f load %d/%d",
                 team[ranked[r + 1]].agent_id, scores[r + 1], team[ranked[r + 1]].load,
                 team[ranked[r + 1]].capacity);
    reason_list_addf(&d->reasons, "agent %s: score %.2f, load %d/%d, %s, %zu eligible%s%s",
                     a->agent_id, scores[r], a->load, a->capacity, presence_name(a->presence),
                     n_ranked, r ? " (better ones filled up meanwhile)" : "", next);
}

static int team_assign(pipeline *p, struct worker_state *ws, const struct route_context *ctx,
                       struct route_decision *d, const char *skill, bool senior_only,
                       const char *exclude_agent);

int agent_assign(pipeline *p, struct worker_state *ws, const struct route_context *ctx,
                 struct route_decision *d, const char *skill, bool senior_only,
                 const char *exclude_agent)
{
    int rc = team_assign(p, ws, ctx, d, skill, senior_only, exclude_agent);
    if (rc != 0 || d->agent_id[0] || exclude_agent[0])
        return rc;
    /* Nobody in the team: its overflow team's agents, if it has one (one hop). */
    const struct team_info *team = policy_team_find(&ctx->policy, d->team);
    if (!team || !team->overflow_team[0] || !policy_team_find(&ctx->policy, team->overflow_team))
        return 0;
    struct route_decision overflow = *d;
    tr_strlcpy(overflow.team, team->overflow_team, sizeof(overflow.team));
    tr_strlcpy(overflow.queue, policy_team_find(&ctx->policy, team->overflow_team)->queue,
               sizeof(overflow.queue));
    reason_list_addf(&overflow.reasons, "overflow from %s to %s", d->team, overflow.team);
    /* The overflow team's agents may not have the home team's skill: any of them will do. */
    rc = team_assign(p, ws, ctx, &overflow, "", senior_only, "");
    if (rc == 0 && overflow.agent_id[0])
        *d = overflow;
    return rc;
}

static int team_assign(pipeline *p, struct worker_state *ws, const struct route_context *ctx,
                       struct route_decision *d, const char *skill, bool senior_only,
                       const char *exclude_agent)
{
    struct agent_candidate team[MAX_TEAM];
    int n = team_agents_load(ws, ctx, d->team, d->category, team, MAX_TEAM);
    if (n < 0)
        return TR_EIO;
    for (int i = 0; i < n; i++) {
        if (exclude_agent[0] && strcmp(team[i].agent_id, exclude_agent) == 0)
            team[i].active = false; /* the one being replaced */
        if (senior_only && !team[i].senior)
            team[i].active = false;
    }
    if (senior_only)
        reason_list_addf(&d->reasons, "senior agents only");
    if (n == 0) {
        reason_list_addf(&d->reasons, "no active agent in team %s: queue %s", d->team, d->queue);
        return 0;
    }
    size_t ranked[MAX_RANKED];
    double scores[MAX_RANKED];
    int64_t now_ms = tr_now_unix_ms();
    size_t n_ranked = route_rank_agents_at(d, skill, team, (size_t)n, &ctx->policy.agent_weights,
                                           now_ms, ranked, scores, MAX_RANKED);
    if (n_ranked == 0 && p->mode == ROUTE_MODE_LIVE && !exclude_agent[0]) {
        /* A replay after a crash between claim and store: the claim holds the agent at
         * capacity, so ranking skips it; the ticket keeps the agent it already has. */
        char holder[TR_ID_MAX];
        int rc = load_claim_get(ws->redis, d->ticket_id, holder);
        if (rc == 0) {
            tr_strlcpy(d->agent_id, holder, sizeof(d->agent_id));
            reason_list_addf(&d->reasons, "already claimed by %s on an earlier attempt", holder);
            return 0;
        }
        if (rc != TR_ENOTFOUND)
            return TR_EIO;
    }
    if (n_ranked == 0) {
        reason_list_addf(&d->reasons,
                         "none of %d agents of %s available (full, offline, off shift or "
                         "unqualified): queue %s",
                         n, d->team, d->queue);
        return 0;
    }
    if (p->mode == ROUTE_MODE_SHADOW) {
        tr_strlcpy(d->agent_id, team[ranked[0]].agent_id, sizeof(d->agent_id));
        choice_explain(d, team, ranked, scores, n_ranked, 0);
        reason_list_addf(&d->reasons, "shadow mode: nothing claimed");
        return 0;
    }
    int64_t due = now_ms + first_response_timeout_ms(ctx, d->priority);
    for (size_t r = 0; r < n_ranked; r++) {
        const struct agent_candidate *a = &team[ranked[r]];
        char holder[TR_ID_MAX];
        /* A new claim sets its deadline in the same call; a move sets it after. */
        int rc =
            exclude_agent[0]
                ? load_claim_move(ws->redis, d->ticket_id, exclude_agent, a->agent_id, a->capacity)
                : load_claim_due(ws->redis, d->ticket_id, a->agent_id, a->capacity, due, holder);
        if (rc == TR_EFULL)
            continue; /* taken meanwhile by another replica: the next best */
        if (rc != 0)
            return rc; /* TR_ECONFLICT from a move: the claim is gone (resolved meanwhile) */
        batch_load_taken(ws, ctx, exclude_agent[0] ? a->agent_id : holder);
        if (exclude_agent[0])
            tr_strlcpy(holder, a->agent_id, sizeof(holder));
        tr_strlcpy(d->agent_id, holder, sizeof(d->agent_id));
        if (strcmp(holder, a->agent_id) != 0)
            reason_list_addf(&d->reasons, "already claimed by %s on an earlier attempt", holder);
        else
            choice_explain(d, team, ranked, scores, n_ranked, r);
        if (exclude_agent[0] && load_deadline_set(ws->redis, d->ticket_id, due) != 0)
            return TR_EIO;
        return 0;
    }
    reason_list_addf(&d->reasons, "eligible agents of %s filled up: queue %s", d->team, d->queue);
    return 0;
}
