#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

void route_context_free(struct route_context *ctx)
{
    if (!ctx)
        return;
    free(ctx->rules);
    free(ctx->categories);
    free(ctx->teams);
    free(ctx->agents);
    free(ctx->agents_by_team);
    free(ctx->perf);
    free(ctx->perf_first);
    free(ctx->perf_count);
    for (size_t i = 0; i < ctx->n_zones; i++)
        tz_zone_free(ctx->zones[i]);
    free(ctx->zones);
    route_phrases_free(ctx->phrases);
    free(ctx);
}

static PGresult *query(store_conn *pg, const char *sql, char *err, size_t errlen)
{
    PGresult *res = st_exec(pg, sql);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "postgres: %s", PQerrorMessage(pg->conn));
        PQclear(res);
        return NULL;
    }
    return res;
}

/* The zone of that name, loaded once per context; UTC when the name is unknown (the refused
 * name goes to refused). */
static const tz_zone *zone_get(struct route_context *ctx, const char *name, FILE *refused)
{
    for (size_t i = 0; i < ctx->n_zones; i++)
        if (strcmp(tz_zone_name(ctx->zones[i]), name) == 0)
            return ctx->zones[i];
    char err[256];
    tz_zone *zone = tz_zone_load(NULL, name, err, sizeof(err));
    if (!zone) {
        if (refused)
            fprintf(refused, "time zone %s: %s (UTC used)\n", name, err);
        zone = tz_zone_fixed(name, 0);
        if (!zone)
            return NULL;
    }
    tz_zone **grown = realloc(ctx->zones, (ctx->n_zones + 1) * sizeof(*grown));
    if (!grown) {
        tz_zone_free(zone);
        return NULL;
    }
    ctx->zones = grown;
    ctx->zones[ctx->n_zones++] = zone;
    return zone;
}

/* "09:00:00" -> 540; "24:00:00" -> 1440. */
static int minutes_of(const char *hhmmss)
{
    int h = 0, m = 0;
    if (sscanf(hhmmss, "%d:%d", &h, &m) != 2)
        return 0;
    return h * 60 + m;
}

/* Postgres smallint[] literal {1,2,3} -> bit mask. */
static unsigned days_mask_of(const char *text)
{
    unsigned mask = 0;
    for (const char *p = text; *p; p++)
        if (*p >= '1' && *p <= '7' && (p[1] == ',' || p[1] == '}'))
            mask |= 1u << (*p - '0');
    return mask;
}

static int teams_load(store_conn *pg, struct route_context *ctx, FILE *refused, char *err,
                      size_t errlen)
{
    PGresult *res = query(pg,
                          "SELECT team, queue, timezone, coalesce(oncall_target, '') AS oncall, "
                          "hours_start::text AS hs, "
                          "CASE WHEN hours_end = '24:00' THEN '24:00:00' ELSE hours_end::text "
                          "END AS he, work_days::text AS days, "
                          "coalesce(overflow_team, '') AS overflow FROM teams ORDER BY team",
                          err, errlen);
    if (!res)
        return TR_EIO;
    int n = PQntuples(res);
    struct team_info *teams = calloc((size_t)n + 1, sizeof(*teams));
    if (!teams) {
        PQclear(res);
        return TR_ENOMEM;
    }
    for (int i = 0; i < n; i++) {
        struct team_info *t = &teams[i];
        tr_strlcpy(t->team, store_col(res, i, "team"), TR_NAME_MAX);
        tr_strlcpy(t->queue, store_col(res, i, "queue"), TR_NAME_MAX);
        tr_strlcpy(t->timezone, store_col(res, i, "timezone"), TR_NAME_MAX);
        tr_strlcpy(t->oncall_target, store_col(res, i, "oncall"), TR_NAME_MAX);
        tr_strlcpy(t->overflow_team, store_col(res, i, "overflow"), TR_NAME_MAX);
        t->hours.start_min = minutes_of(store_col(res, i, "hs"));
        t->hours.end_min = minutes_of(store_col(res, i, "he"));
        t->hours.days_mask = days_mask_of(store_col(res, i, "days"));
        t->hours.zone = zone_get(ctx, t->timezone, refused);
    }
    ctx->teams = teams;
    ctx->policy.teams = teams;
    ctx->policy.n_teams = (size_t)n;
    PQclear(res);
    return 0;
}

static int categories_load(store_conn *pg, struct route_context *ctx, char *err, size_t errlen)
{
    PGresult *res =
        query(pg,
              "SELECT category, team, coalesce(required_skill, '') AS skill, "
              "coalesce(product_area, '') AS area FROM category_teams ORDER BY category",
              err, errlen);
    if (!res)
        return TR_EIO;
    int n = PQntuples(res);
    struct category_route *cats = calloc((size_t)n + 1, sizeof(*cats));
    if (!cats) {
        PQclear(res);
        return TR_ENOMEM;
    }
    for (int i = 0; i < n; i++) {
        tr_strlcpy(cats[i].category, store_col(res, i, "category"), TR_NAME_MAX);
        tr_strlcpy(cats[i].team, store_col(res, i, "team"), TR_NAME_MAX);
        tr_strlcpy(cats[i].required_skill, store_col(res, i, "skill"), TR_NAME_MAX);
        tr_strlcpy(cats[i].product_area, store_col(res, i, "area"), TR_NAME_MAX);
    }
    ctx->categories = cats;
    ctx->policy.categories = cats;
    ctx->policy.n_categories = (size_t)n;
    PQclear(res);
    return 0;
}

static int rules_load(store_conn *pg, struct route_context *ctx, FILE *refused, char *err,
                      size_t errlen)
{
    PGresult *res = query(pg,
                          "SELECT name, position, conditions::text AS conditions, "
                          "actions::text AS actions FROM routing_rules WHERE enabled "
                          "ORDER BY position, name",
                          err, errlen);
    if (!res)
        return TR_EIO;
    int n = PQntuples(res);
    struct route_rule *rules = calloc((size_t)n + 1, sizeof(*rules));
    if (!rules) {
        PQclear(res);
        return TR_ENOMEM;
    }
    size_t kept = 0;
    for (int i = 0; i < n; i++) {
        char reason[256];
        const char *name = store_col(res, i, "name");
        if (store_rule_parse(name, atoi(store_col(res, i, "position")),
                             store_col(res, i, "conditions"), store_col(res, i, "actions"),
                             &rules[kept], reason, sizeof(reason)) != 0) {
            ctx->n_rules_refused++;
            if (refused)
                fprintf(refused, "rule %s refused: %s\n", name, reason);
            continue;
        }
        kept++;
    }
    ctx->rules = rules;
    ctx->policy.rules = rules;
    ctx->policy.n_rules = kept;
    PQclear(res);
    return 0;
}

/* Postgres text[] literal {en,de,"pt-BR"} into fixed slots. */
static size_t array_parse(const char *text, char (*out)[TR_LANG_MAX], size_t max)
{
    size_t n = 0;
    const char *p = text;
    if (*p == '{')
        p++;
    while (*p && *p != '}' && n < max) {
        if (*p == '"')
            p++;
        size_t len = strcspn(p, ",}\"");
        if (len > 0 && len < TR_LANG_MAX) {
            memcpy(out[n], p, len);
            out[n][len] = '\0';
            n++;
        }
        p += len;
        if (*p == '"')
            p++;
        if (*p == ',')
            p++;
    }
    return n;
}

static void skills_parse(const char *p, struct agent_candidate *a)
{
    /* [["billing",0.9],...] */
    while (a->n_skills < ROUTE_MAX_SKILLS && (p = strstr(p, "[\"")) != NULL) {
        p += 2;
        size_t len = strcspn(p, "\"");
        if (len >= TR_NAME_MAX)
            len = TR_NAME_MAX - 1;
        memcpy(a->skills[a->n_skills], p, len);
        a->skills[a->n_skills][len] = '\0';
        p += strcspn(p, ",");
        if (*p == ',')
            p++;
        a->proficiency[a->n_skills] = atof(p);
        a->n_skills++;
    }
}

struct team_key {
    const char *team;
    size_t index;
};

static int team_key_compare(const void *a, const void *b)
{
    const struct team_key *x = a, *y = b;
    int c = strcmp(x->team, y->team);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The agents' indexes ordered by team, so that a decision reads only its team's. */
static int agents_by_team(struct route_context *ctx)
{
    size_t n = ctx->n_agents;
    struct team_key *keys = calloc(n + 1, sizeof(*keys));
    ctx->agents_by_team = calloc(n + 1, sizeof(*ctx->agents_by_team));
    if (!keys || !ctx->agents_by_team) {
        free(keys);
        return TR_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        keys[i] = (struct team_key){ctx->agents[i].team, i};
    qsort(keys, n, sizeof(*keys), team_key_compare);
    for (size_t i = 0; i < n; i++)
        ctx->agents_by_team[i] = keys[i].index;
    free(keys);
    return 0;
}

static int agents_load(store_conn *pg, struct route_context *ctx, FILE *refused, char *err,
                       size_t errlen)
{
    PGresult *res = query(pg,
                          "SELECT a.agent_id, a.team, a.active, a.seniority, a.capacity, "
                          "  a.languages::text AS languages, a.timezone, "
                          "  coalesce(a.shift_start::text, '') AS ss, "
                          "  coalesce(a.shift_end::text, '') AS se, "
                          "  coalesce(json_agg(json_build_array(s.skill, s.proficiency)) "
                          "    FILTER (WHERE s.skill IS NOT NULL), '[]')::text AS skills "
                          "FROM agents a LEFT JOIN agent_skills s ON s.agent_id = a.agent_id "
                          "WHERE a.active GROUP BY a.agent_id ORDER BY a.agent_id",
                          err, errlen);
    if (!res)
        return TR_EIO;
    int n = PQntuples(res);
    struct agent_candidate *agents = calloc((size_t)n + 1, sizeof(*agents));
    if (!agents) {
        PQclear(res);
        return TR_ENOMEM;
    }
    for (int i = 0; i < n; i++) {
        struct agent_candidate *a = &agents[i];
        tr_strlcpy(a->agent_id, store_col(res, i, "agent_id"), TR_ID_MAX);
        tr_strlcpy(a->team, store_col(res, i, "team"), TR_NAME_MAX);
        a->active = store_col(res, i, "active")[0] == 't';
        const char *seniority = store_col(res, i, "seniority");
        a->senior = strcmp(seniority, "senior") == 0 || strcmp(seniority, "lead") == 0;
        a->capacity = atoi(store_col(res, i, "capacity"));
        a->n_languages = array_parse(store_col(res, i, "languages"), a->languages, ROUTE_MAX_LANGS);
        skills_parse(store_col(res, i, "skills"), a);
        const char *ss = store_col(res, i, "ss"), *se = store_col(res, i, "se");
        if (ss[0] && se[0]) {
            a->has_shift = true;
            a->shift.start_min = minutes_of(ss);
            a->shift.end_min = minutes_of(se);
            a->shift.days_mask = 0xFE; /* every day: the shift says when in the day */
            a->shift.zone = zone_get(ctx, store_col(res, i, "timezone"), refused);
        }
    }
    ctx->agents = agents;
    ctx->n_agents = (size_t)n;
    PQclear(res);
    return agents_by_team(ctx);
}

static int perf_load(store_conn *pg, struct route_context *ctx, char *err, size_t errlen)
{
    PGresult *res = query(pg,
                          "SELECT agent_id, category, assigned, median_resolution_min, "
                          "reassignment_rate FROM agent_performance_rollup",
                          err, errlen);
    if (!res)
        return TR_EIO;
    int n = PQntuples(res);
    ctx->perf = calloc((size_t)n + 1, sizeof(*ctx->perf));
    if (!ctx->perf) {
        PQclear(res);
        return TR_ENOMEM;
    }
    for (int i = 0; i < n; i++) {
        struct agent_perf *p = &ctx->perf[i];
        tr_strlcpy(p->agent_id, store_col(res, i, "agent_id"), TR_ID_MAX);
        tr_strlcpy(p->category, store_col(res, i, "category"), TR_NAME_MAX);
        p->assigned = atoi(store_col(res, i, "assigned"));
        p->median_resolution_min = atof(store_col(res, i, "median_resolution_min"));
        p->reassignment_rate = atof(store_col(res, i, "reassignment_rate"));
    }
    ctx->n_perf = (size_t)n;
    qsort(ctx->perf, ctx->n_perf, sizeof(*ctx->perf), route_perf_compare);
    PQclear(res);
    ctx->perf_first = calloc(ctx->n_agents + 1, sizeof(*ctx->perf_first));
    ctx->perf_count = calloc(ctx->n_agents + 1, sizeof(*ctx->perf_count));
    if (!ctx->perf_first || !ctx->perf_count)
        return TR_ENOMEM;
    route_perf_index(ctx->perf, ctx->n_perf, ctx->agents, ctx->n_agents, ctx->perf_first,
                     ctx->perf_count);
    return 0;
}

static void weight_apply(struct route_context *ctx, const char *kind, const char *key,
                         double weight, FILE *refused)
{
    struct urgency_weights *u = &ctx->urgency;
    struct agent_weights *a = &ctx->policy.agent_weights;
    if (strcmp(kind, "phrase") == 0 || strcmp(kind, "category") == 0) {
        bool phrase = kind[0] == 'p';
        size_t *n = phrase ? &u->n_phrases : &u->n_categories;
        size_t max = phrase ? URGENCY_MAX_PHRASES : URGENCY_MAX_CATEGORIES;
        for (size_t i = 0; i < *n; i++) {
            char *name = phrase ? u->phrases[i].phrase : u->categories[i].category;
            if (strcmp(name, key) == 0) {
                if (phrase)
                    u->phrases[i].weight = weight;
                else
                    u->categories[i].weight = weight;
                return;
            }
        }
        if (*n == max || strlen(key) >= TR_NAME_MAX) {
            if (refused)
                fprintf(refused, "routing_weights %s '%s': no room (at most %zu)\n", kind, key,
                        max);
            return;
        }
        if (phrase) {
            tr_strlcpy(u->phrases[*n].phrase, key, TR_NAME_MAX);
            u->phrases[*n].weight = weight;
        } else {
            tr_strlcpy(u->categories[*n].category, key, TR_NAME_MAX);
            u->categories[*n].weight = weight;
        }
        (*n)++;
        return;
    }
    enum tier tier;
    /* clang-format off */
    struct { const char *kind, *key; double *field; } settings[] = {
        {"urgency", "unknown_customer", &u->unknown_customer},
        {"urgency", "top_value", &u->top_value},
        {"urgency", "top_value_cut", &u->top_value_cut},
        {"urgency", "at_risk", &u->at_risk},
        {"urgency", "p1_min", &u->p1_min},
        {"urgency", "p2_min", &u->p2_min},
        {"urgency", "p3_min", &u->p3_min},
        {"agent", "proficiency", &a->proficiency},
        {"agent", "speed", &a->speed},
        {"agent", "quality", &a->quality},
        {"agent", "load", &a->load},
        {"agent", "redistribution_share", &a->redistribution_share},
    };
    /* clang-format on */
    for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
        if (strcmp(settings[i].kind, kind) == 0 && strcmp(settings[i].key, key) == 0) {
            *settings[i].field = weight;
            return;
        }
    }
    if (strcmp(kind, "tier") == 0 && tier_parse(key, &tier)) {
        u->tier[tier] = weight;
    } else if (strcmp(kind, "timeout") == 0 && weight > 0 && key[0] == 'p' && key[1] >= '1' &&
               key[1] <= '4' && !key[2]) {
        ctx->policy.first_response_timeout_min[key[1] - '1'] = weight;
    } else if (strcmp(kind, "outage") == 0 && strcmp(key, "customers") == 0 && weight >= 1) {
        ctx->policy.outage_customers = (int)weight;
    } else if (strcmp(kind, "outage") == 0 && strcmp(key, "window_s") == 0 && weight >= 1) {
        ctx->policy.outage_window_s = (int)weight;
    } else if (strcmp(kind, "outage") == 0 && strcmp(key, "on_signal") == 0) {
        ctx->policy.outage_on_signal = weight != 0;
    } else if (refused) {
        fprintf(refused, "routing_weights: unknown %s key '%s' (ignored)\n", kind, key);
    }
}

static int weights_load(store_conn *pg, struct route_context *ctx, FILE *refused, char *err,
                        size_t errlen)
{
    urgency_weights_default(&ctx->urgency);
    agent_weights_default(&ctx->policy.agent_weights);
    ctx->policy.outage_customers = 5;
    ctx->policy.outage_window_s = 600;
    /* Re-route an assigned ticket nobody answered: quickly for urgent ones. */
    static const double TIMEOUTS[] = {15, 60, 240, 480};
    memcpy(ctx->policy.first_response_timeout_min, TIMEOUTS, sizeof(TIMEOUTS));
    PGresult *res =
        query(pg, "SELECT kind, key, weight FROM routing_weights ORDER BY kind, key", err, errlen);
    if (!res)
        return TR_EIO;
    for (int i = 0; i < PQntuples(res); i++) {
        double weight = atof(store_col(res, i, "weight"));
        if (!isfinite(weight))
            continue;
        weight_apply(ctx, store_col(res, i, "kind"), store_col(res, i, "key"), weight, refused);
    }
    PQclear(res);
    return 0;
}

static int quantiles_load(store_conn *pg, struct route_context *ctx, char *err, size_t errlen)
{
    PGresult *res = query(pg,
                          "SELECT value, (extract(epoch FROM refreshed_at) * 1000)::int8 AS at, "
                          "customers FROM customer_value_quantiles ORDER BY q",
                          err, errlen);
    if (!res)
        return TR_EIO;
    int n = PQntuples(res);
    ctx->n_value_quantiles = n > 1001 ? 1001 : (size_t)n;
    for (size_t i = 0; i < ctx->n_value_quantiles; i++)
        ctx->value_quantiles[i] = atof(PQgetvalue(res, (int)i, 0));
    ctx->history_refreshed_ms = n ? strtoll(PQgetvalue(res, 0, 1), NULL, 10) : 0;
    ctx->value_customers = n ? strtoll(PQgetvalue(res, 0, 2), NULL, 10) : 0;
    PQclear(res);
    return 0;
}

int store_history_refresh(store_conn *pg, unsigned what)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    /* Session lock: released right after, also when the refresh fails. */
    PGresult *res = st_exec(pg, "SELECT pg_try_advisory_lock(7215004)");
    bool locked = PQresultStatus(res) == PGRES_TUPLES_OK && PQgetvalue(res, 0, 0)[0] == 't';
    int rc = PQresultStatus(res) == PGRES_TUPLES_OK ? 0 : TR_EIO;
    PQclear(res);
    if (!locked)
        return rc;
    rc = 1;
    if (what & STORE_HISTORY_QUANTILES) {
        res = st_exec(pg, "SELECT ticket_router_refresh_value_quantiles()");
        rc = PQresultStatus(res) == PGRES_TUPLES_OK ? rc : TR_EIO;
        PQclear(res);
    }
    if (rc == 1 && (what & STORE_HISTORY_PERFORMANCE)) {
        res = st_exec(pg, "SELECT ticket_router_refresh_agent_performance()");
        rc = PQresultStatus(res) == PGRES_TUPLES_OK ? rc : TR_EIO;
        PQclear(res);
    }
    res = st_exec(pg, "SELECT pg_advisory_unlock(7215004)");
    PQclear(res);
    return rc;
}

int store_context_load(store_conn *pg, struct route_context **out, FILE *refused, char *err,
                       size_t errlen)
{
    if (store_ensure(pg) != 0) {
        snprintf(err, errlen, "postgres: %s", PQerrorMessage(pg->conn));
        return TR_EIO;
    }
    struct route_context *ctx = calloc(1, sizeof(*ctx));
    if (!ctx)
        return TR_ENOMEM;
    /* One snapshot: every table read in the same repeatable-read transaction. */
    int rc = store_exec(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err, errlen);
    if (rc == 0)
        rc = teams_load(pg, ctx, refused, err, errlen);
    if (rc == 0)
        rc = categories_load(pg, ctx, err, errlen);
    if (rc == 0)
        rc = rules_load(pg, ctx, refused, err, errlen);
    if (rc == 0)
        rc = agents_load(pg, ctx, refused, err, errlen);
    if (rc == 0)
        rc = weights_load(pg, ctx, refused, err, errlen);
    if (rc == 0)
        rc = perf_load(pg, ctx, err, errlen);
    if (rc == 0)
        rc = quantiles_load(pg, ctx, err, errlen);
    char ignored[64];
    if (store_exec(pg, rc == 0 ? "COMMIT" : "ROLLBACK", ignored, sizeof(ignored)) != 0 && rc == 0)
        rc = TR_EIO;
    if (rc != 0) {
        route_context_free(ctx);
        return rc;
    }
    *out = ctx;
    return 0;
}
