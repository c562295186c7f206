#include "routing/routing.h"

#include <string.h>
#include <strings.h>

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

static bool agent_eligible(const struct agent_candidate *agent, const char *team, const char *skill)
{
    return agent->active && strcmp(agent->team, team) == 0 && agent->load < agent->capacity &&
           agent->capacity > 0 && agent_skill(agent, skill) >= 0;
}

/* Negative when a ranks before b. */
static int agent_compare(const struct agent_candidate *a, const struct agent_candidate *b,
                         const char *skill)
{
    double la = (double)a->load / a->capacity, lb = (double)b->load / b->capacity;
    if (la != lb)
        return la < lb ? -1 : 1;
    double pa = agent_skill(a, skill), pb = agent_skill(b, skill);
    if (pa != pb)
        return pa > pb ? -1 : 1;
    return strcmp(a->agent_id, b->agent_id);
}

size_t route_rank_agents(const struct route_decision *decision, const char *required_skill,
                         const struct agent_candidate *agents, size_t n_agents, size_t *out_idx,
                         size_t max)
{
    bool any_speaks = false;
    for (size_t i = 0; i < n_agents && !any_speaks; i++)
        any_speaks = agent_eligible(&agents[i], decision->team, required_skill) &&
                     agent_speaks(&agents[i], decision->language);

    size_t n = 0;
    for (size_t i = 0; i < n_agents; i++) {
        const struct agent_candidate *agent = &agents[i];
        if (!agent_eligible(agent, decision->team, required_skill))
            continue;
        if (any_speaks && !agent_speaks(agent, decision->language))
            continue;
        /* Insertion into the sorted prefix; n stays small (a team's agents). */
        size_t pos = n < max ? n : max;
        while (pos > 0 && agent_compare(agent, &agents[out_idx[pos - 1]], required_skill) < 0)
            pos--;
        if (pos >= max)
            continue;
        size_t end = n < max ? n : max - 1;
        memmove(&out_idx[pos + 1], &out_idx[pos], (end - pos) * sizeof(*out_idx));
        out_idx[pos] = i;
        if (n < max)
            n++;
    }
    return n;
}
