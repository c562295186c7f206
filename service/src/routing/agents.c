#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "routing/routing_internal.h"

void agent_weights_default(struct agent_weights *weights)
{
    *weights = (struct agent_weights){
        .proficiency = 0.4,
        .speed = 0.2,
        .quality = 0.2,
        .load = 0.2,
        .redistribution_share = 0.8,
    };
}

static bool agent_speaks(const struct agent_candidate *agent, const char *language)
{
    for (size_t i = 0; i < agent->n_languages; i++) {
        /* "pt" matches "pt-BR" and the other way round: compare the primary subtag, ignoring case
         * as BCP 47 does. */
        size_t a = strcspn(agent->languages[i], "-_"), b = strcspn(language, "-_");
        if (a == b && strncasecmp(agent->languages[i], language, a) == 0)
            return true;
    }
    return false;
}

static double agent_skill(const struct agent_candidate *agent, const char *skill)
{
    if (!skill[0])
        return 0.5;
    for (size_t i = 0; i < agent->n_skills; i++)
        if (strcmp(agent->skills[i], skill) == 0)
            return agent->proficiency[i];
    return -1; /* lacks the skill */
}

static bool agent_eligible(const struct rank_view *v, const char *team, const char *skill,
                           bool check_shift, int64_t now_ms)
{
    const struct agent_candidate *agent = v->agent;
    return agent->active && !v->excluded && strcmp(agent->team, team) == 0 && agent->capacity > 0 &&
           v->load < agent->capacity && v->presence != PRESENCE_OFFLINE &&
           agent_skill(agent, skill) >= 0 &&
           (!check_shift || !agent->has_shift || team_hours_open(&agent->shift, now_ms));
}

/* Lower is better: away agents after online ones, busy ones after the others. */
static int agent_group(const struct rank_view *v, const struct agent_weights *w)
{
    int group = v->presence == PRESENCE_AWAY ? 2 : 0;
    if ((double)v->load >= w->redistribution_share * v->agent->capacity)
        group += 1;
    return group;
}

/* 0..1 per part, weighted. Speed compares with the team's median on the category, so a fast
 * agent scores above 0.5 and one with no history sits at 0.5. */
static double agent_score(const struct rank_view *v, const char *skill,
                          const struct agent_weights *w, double team_median_min)
{
    double proficiency = agent_skill(v->agent, skill);
    double speed = 0.5, quality = 0.5;
    if (v->perf_assigned > 0) {
        quality = 1.0 - v->perf_reassign_rate;
        if (team_median_min > 0 && v->perf_resolution_min > 0)
            speed = team_median_min / (team_median_min + v->perf_resolution_min);
    }
    double load = 1.0 - (double)v->load / v->agent->capacity;
    return w->proficiency * proficiency + w->speed * speed + w->quality * quality + w->load * load;
}

static int compare(int group_a, double score_a, const char *id_a, int group_b, double score_b,
                   const char *id_b)
{
    if (group_a != group_b)
        return group_a < group_b ? -1 : 1;
    if (fabs(score_a - score_b) > 1e-9)
        return score_a > score_b ? -1 : 1;
    return strcmp(id_a, id_b);
}

size_t route_rank_views(const struct route_decision *decision, const char *required_skill,
                        const struct rank_view *views, size_t n_views,
                        const struct agent_weights *weights, int64_t now_ms, size_t *out_idx,
                        double *scores, size_t max)
{
    struct agent_weights defaults;
    if (!weights) {
        agent_weights_default(&defaults);
        weights = &defaults;
    }
    bool check_shift = now_ms > 0;
    bool any_speaks = false;
    double median_sum = 0;
    int median_n = 0;
    for (size_t i = 0; i < n_views; i++) {
        const struct rank_view *v = &views[i];
        if (!agent_eligible(v, decision->team, required_skill, check_shift, now_ms))
            continue;
        any_speaks = any_speaks || agent_speaks(v->agent, decision->language);
        if (v->perf_assigned > 0 && v->perf_resolution_min > 0) {
            median_sum += v->perf_resolution_min;
            median_n++;
        }
    }
    double team_median = median_n ? median_sum / median_n : 0;

    size_t n = 0;
    double local_scores[64];
    int groups[64];
    if (max > 64)
        max = 64;
    for (size_t i = 0; i < n_views; i++) {
        const struct rank_view *v = &views[i];
        if (!agent_eligible(v, decision->team, required_skill, check_shift, now_ms))
            continue;
        if (any_speaks && !agent_speaks(v->agent, decision->language))
            continue;
        double score = agent_score(v, required_skill, weights, team_median);
        int group = agent_group(v, weights);
        const char *id = v->agent->agent_id;
        /* Insertion into the sorted prefix; n stays small (a team's agents). */
        size_t pos = n < max ? n : max;
        while (pos > 0 && compare(group, score, id, groups[pos - 1], local_scores[pos - 1],
                                  views[out_idx[pos - 1]].agent->agent_id) < 0)
            pos--;
        if (pos >= max)
            continue;
        size_t end = n < max ? n : max - 1;
        memmove(&out_idx[pos + 1], &out_idx[pos], (end - pos) * sizeof(*out_idx));
        memmove(&local_scores[pos + 1], &local_scores[pos], (end - pos) * sizeof(double));
        memmove(&groups[pos + 1], &groups[pos], (end - pos) * sizeof(int));
        out_idx[pos] = i;
        local_scores[pos] = score;
        groups[pos] = group;
        if (n < max)
            n++;
    }
    if (scores)
        memcpy(scores, local_scores, n * sizeof(double));
    return n;
}

size_t route_rank_agents_at(const struct route_decision *decision, const char *required_skill,
                            const struct agent_candidate *agents, size_t n_agents,
                            const struct agent_weights *weights, int64_t now_ms, size_t *out_idx,
                            double *scores, size_t max)
{
    struct rank_view *views = calloc(n_agents + 1, sizeof(*views));
    if (!views)
        return 0;
    for (size_t i = 0; i < n_agents; i++)
        views[i] = (struct rank_view){
            .agent = &agents[i],
            .load = agents[i].load,
            .presence = agents[i].presence,
            .perf_assigned = agents[i].perf_assigned,
            .perf_resolution_min = agents[i].perf_resolution_min,
            .perf_reassign_rate = agents[i].perf_reassign_rate,
        };
    size_t n = route_rank_views(decision, required_skill, views, n_agents, weights, now_ms, out_idx,
                                scores, max);
    free(views);
    return n;
}

size_t route_rank_agents(const struct route_decision *decision, const char *required_skill,
                         const struct agent_candidate *agents, size_t n_agents, size_t *out_idx,
                         size_t max)
{
    return route_rank_agents_at(decision, required_skill, agents, n_agents, NULL, 0, out_idx, NULL,
                                max);
}
