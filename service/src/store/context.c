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
    free(ctx);
}

static PGresult *query(store_conn *pg, const char *sql, char *err, size_t errlen)
{
    PGresult *res = PQexec(pg->conn, sql);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "postgres: %s", PQerrorMessage(pg->conn));
        PQclear(res);
        return NULL;
    }
    return res;
}

static int teams_load(store_conn *pg, struct route_context *ctx, char *err, size_t errlen)
{
    PGresult *res = query(pg,
                          "SELECT team, queue, timezone, coalesce(oncall_target, '') AS oncall "
                          "FROM teams ORDER BY team",
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
        tr_strlcpy(teams[i].team, store_col(res, i, "team"), TR_NAME_MAX);
        tr_strlcpy(teams[i].queue, store_col(res, i, "queue"), TR_NAME_MAX);
        tr_strlcpy(teams[i].timezone, store_col(res, i, "timezone"), TR_NAME_MAX);
        tr_strlcpy(teams[i].oncall_target, store_col(res, i, "oncall"), TR_NAME_MAX);
    }
    ctx->teams = teams;
    ctx->policy.teams = teams;
    ctx->policy.n_teams = (size_t)n;
    PQclear(res);
    return 0;
}

static int categories_load(store_conn *pg, struct route_context *ctx, char *err, size_t errlen)
{
    PGresult *res = query(pg,
                          "SELECT category, team, coalesce(required_skill, '') AS skill "
                          "FROM category_teams ORDER BY category",
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

static int agents_load(store_conn *pg, struct route_context *ctx, char *err, size_t errlen)
{
    PGresult *res = query(pg,
                          "SELECT a.agent_id, a.team, a.active, a.seniority, a.capacity, "
                          "  a.languages::text AS languages, "
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
        /* skills: [["billing",0.9],...] */
        const char *p = store_col(res, i, "skills");
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
    ctx->agents = agents;
    ctx->n_agents = (size_t)n;
    PQclear(res);
    return 0;
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
        rc = teams_load(pg, ctx, err, errlen);
    if (rc == 0)
        rc = categories_load(pg, ctx, err, errlen);
    if (rc == 0)
        rc = rules_load(pg, ctx, refused, err, errlen);
    if (rc == 0)
        rc = agents_load(pg, ctx, err, errlen);
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
