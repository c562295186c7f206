/* report_gather: the report's figures, computed in SQL in one read-only REPEATABLE READ snapshot
 * (decisions, ticket_events, shadow_comparisons, training_examples, models) and gathered into
 * one JSON object. Definitions: docs/report.md. */
#include <jansson.h>
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/report_internal.h"

enum col_kind { COL_INT, COL_REAL, COL_TEXT };

struct metric {
    const char *name;
    enum col_kind kind;
};

/* The per-group figures, in the column order of METRICS_SQL's `g` and METRIC_COLS. */
static const struct metric METRICS[] = {
    {"tickets", COL_INT},
    {"live", COL_INT},
    {"shadow", COL_INT},
    {"accurate", COL_INT},
    {"accuracy", COL_REAL},
    {"reassigned", COL_INT},
    {"reassignment_rate", COL_REAL},
    {"first_response_tickets", COL_INT},
    {"first_response_median_min", COL_REAL},
    {"first_response_p90_min", COL_REAL},
    {"resolved_tickets", COL_INT},
    {"resolution_median_h", COL_REAL},
    {"resolution_p90_h", COL_REAL},
};
#define N_METRICS (sizeof(METRICS) / sizeof(METRICS[0]))

#define METRIC_COLS(t)                                                                             \
    t ".tickets, " t ".live, " t ".shadow, " t ".accurate, " t ".accuracy, " t ".reassigned, " t   \
      ".reassignment_rate, " t ".fr_n, " t ".fr_med, " t ".fr_p90, " t ".res_n, " t ".res_med, " t \
      ".res_p90"

/* The bounds: $1, $2 the period; $3, $4 the baseline (timestamptz text). */
#define SPANS_SQL                                                                                  \
    "WITH b(side, lo, hi) AS (VALUES ('period', $1::timestamptz, $2::timestamptz),"                \
    " ('baseline', $3::timestamptz, $4::timestamptz))"

/* One row per ticket and side. first_team is where the ticket was first routed: the decision's
 * team, or for a shadow ticket the team people assigned when the comparison knows it (a shadow
 * decision's team is only the router's suggestion). A ticket is misrouted when a REASSIGNED event
 * names a team other than its previous team or its first team, or a MISROUTE_FLAGGED event
 * exists. */
static const char METRICS_SQL[] = SPANS_SQL
    ", t AS ("
    " SELECT b.side, d.ticket_id, d.mode, d.category, d.customer_tier AS tier,"
    "  coalesce(d.ticket_created_at, d.decided_at) AS created,"
    "  (date_trunc('week', coalesce(d.ticket_created_at, d.decided_at))::date"
    "   - date_trunc('week', b.lo)::date) / 7 AS week_no,"
    "  CASE WHEN d.mode = 'SHADOW' AND sc.manual_team IS NOT NULL THEN sc.manual_team"
    "   ELSE d.team END AS first_team"
    " FROM decisions d"
    " JOIN b ON coalesce(d.ticket_created_at, d.decided_at) >= b.lo"
    "  AND coalesce(d.ticket_created_at, d.decided_at) < b.hi"
    " LEFT JOIN shadow_comparisons sc ON sc.ticket_id = d.ticket_id AND d.mode = 'SHADOW'"
    "), m AS ("
    " SELECT t.*,"
    "  EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.ticket_id"
    "   AND e.type = 'REASSIGNED') AS reassigned,"
    "  EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.ticket_id"
    "   AND (e.type = 'MISROUTE_FLAGGED' OR (e.type = 'REASSIGNED' AND e.team IS NOT NULL"
    "    AND (e.team <> e.previous_team OR e.team <> t.first_team)))) AS misrouted,"
    "  (SELECT extract(epoch FROM min(e.occurred_at) - t.created)::float8 / 60"
    "   FROM ticket_events e WHERE e.ticket_id = t.ticket_id"
    "   AND e.type = 'FIRST_RESPONSE') AS fr_min,"
    "  (SELECT extract(epoch FROM min(e.occurred_at) - t.created)::float8 / 3600"
    "   FROM ticket_events e WHERE e.ticket_id = t.ticket_id"
    "   AND e.type = 'RESOLVED') AS res_h"
    " FROM t"
    "), g AS ("
    " SELECT side,"
    "  CASE WHEN GROUPING(mode) = 0 THEN 'mode' WHEN GROUPING(category) = 0 THEN 'category'"
    "   WHEN GROUPING(tier) = 0 THEN 'tier' WHEN GROUPING(week_no) = 0 THEN 'week'"
    "   ELSE 'overall' END AS dim,"
    "  coalesce(mode, category, tier, week_no::text, '') AS key,"
    "  count(*) AS tickets,"
    "  count(*) FILTER (WHERE mode = 'LIVE') AS live,"
    "  count(*) FILTER (WHERE mode = 'SHADOW') AS shadow,"
    "  count(*) FILTER (WHERE NOT misrouted) AS accurate,"
    "  count(*) FILTER (WHERE NOT misrouted)::float8 / count(*) AS accuracy,"
    "  count(*) FILTER (WHERE reassigned) AS reassigned,"
    "  count(*) FILTER (WHERE reassigned)::float8 / count(*) AS reassignment_rate,"
    "  count(fr_min) AS fr_n,"
    "  percentile_cont(0.5) WITHIN GROUP (ORDER BY fr_min) AS fr_med,"
    "  percentile_cont(0.9) WITHIN GROUP (ORDER BY fr_min) AS fr_p90,"
    "  count(res_h) AS res_n,"
    "  percentile_cont(0.5) WITHIN GROUP (ORDER BY res_h) AS res_med,"
    "  percentile_cont(0.9) WITHIN GROUP (ORDER BY res_h) AS res_p90"
    " FROM m"
    " GROUP BY GROUPING SETS ((side), (side, mode), (side, category), (side, tier),"
    "  (side, week_no))"
    ")"
    " SELECT coalesce(p.dim, q.dim) AS dim, coalesce(p.key, q.key) AS key, " METRIC_COLS(
        "p") ", " METRIC_COLS("q") " FROM (SELECT * FROM g WHERE side = 'period') p"
                                   " FULL JOIN (SELECT * FROM g WHERE side = 'baseline')"
                                   " q ON q.dim = p.dim AND q.key = p.key"
                                   " ORDER BY 1, coalesce(p.tickets, 0) DESC,"
                                   " coalesce(q.tickets, 0) DESC, 2";

/* Shadow comparisons of the period ($1, $2): the total (grouping 1) and by category. */
static const char SHADOW_SQL[] =
    "SELECT GROUPING(category), category, count(*), count(team_agrees),"
    " count(*) FILTER (WHERE team_agrees),"
    " count(*) FILTER (WHERE team_agrees)::float8 / nullif(count(team_agrees), 0),"
    " count(*) FILTER (WHERE agent_agrees),"
    " count(*) FILTER (WHERE agent_agrees)::float8 / nullif(count(*), 0)"
    " FROM shadow_comparisons WHERE assigned_at >= $1::timestamptz AND assigned_at < "
    "$2::timestamptz"
    " GROUP BY ROLLUP (category) ORDER BY 1 DESC, 3 DESC, 2";

static const char DISAGREE_SQL[] =
    "SELECT category, shadow_team, manual_team, count(*) FROM shadow_comparisons"
    " WHERE assigned_at >= $1::timestamptz AND assigned_at < $2::timestamptz"
    " AND team_agrees = false"
    " GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3 LIMIT 10";

/* Misroute events of the period's last 7 days ($1 the window's start, $2 its end), counted once
 * per ticket and pattern. A reassignment back to the first team is no misroute pattern. */
static const char MISROUTE_SQL[] =
    "SELECT category, from_team, kind, target, count(DISTINCT ticket_id) FROM ("
    " SELECT d.ticket_id, d.category, r.first_team AS from_team,"
    "  CASE WHEN e.type = 'MISROUTE_FLAGGED' THEN 'category' ELSE 'team' END AS kind,"
    "  CASE WHEN e.type = 'MISROUTE_FLAGGED' THEN e.correct_category ELSE e.team END AS target"
    " FROM ticket_events e JOIN decisions d ON d.ticket_id = e.ticket_id"
    " LEFT JOIN shadow_comparisons sc ON sc.ticket_id = d.ticket_id AND d.mode = 'SHADOW'"
    " CROSS JOIN LATERAL (SELECT CASE WHEN sc.manual_team IS NOT NULL THEN sc.manual_team"
    "  ELSE d.team END AS first_team) r"
    " WHERE e.occurred_at >= $1::timestamptz AND e.occurred_at < $2::timestamptz"
    "  AND (e.type = 'MISROUTE_FLAGGED' OR (e.type = 'REASSIGNED' AND e.team IS NOT NULL"
    "   AND e.team <> r.first_team))"
    ") x GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1, 2, 3, 4 LIMIT 10";

static const char FEEDBACK_SQL[] =
    SPANS_SQL " SELECT x.source, x.label_kind,"
              " count(*) FILTER (WHERE b.side = 'period'),"
              " count(*) FILTER (WHERE b.side = 'baseline')"
              " FROM training_examples x JOIN b ON x.created_at >= b.lo AND x.created_at < b.hi"
              " GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, 1, 2";

static const char MODEL_SQL[] =
    "SELECT model_version, to_char(published_at AT TIME ZONE 'UTC',"
    " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), accuracy"
    " FROM models WHERE published_at IS NOT NULL ORDER BY published_at DESC LIMIT 1";

static const char VERSIONS_SQL[] =
    SPANS_SQL " SELECT d.model_version,"
              " count(*) FILTER (WHERE b.side = 'period'),"
              " count(*) FILTER (WHERE b.side = 'baseline')"
              " FROM decisions d JOIN b ON coalesce(d.ticket_created_at, d.decided_at) >= b.lo"
              " AND coalesce(d.ticket_created_at, d.decided_at) < b.hi"
              " GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1";

/* Run sql with n text parameters; NULL (after printing why) on failure. */
static PGresult *report_query(struct report *r, const char *what, const char *sql, int n,
                              const char *const *params)
{
    PGresult *res = PQexecParams(r->conn, sql, n, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK && PQresultStatus(res) != PGRES_COMMAND_OK) {
        fprintf(stderr, "ticket-router report: %s query failed: %s", what, PQerrorMessage(r->conn));
        PQclear(res);
        return NULL;
    }
    return res;
}

static json_t *cell(const PGresult *res, int row, int col, enum col_kind kind)
{
    if (PQgetisnull(res, row, col))
        return json_null();
    const char *v = PQgetvalue(res, row, col);
    switch (kind) {
    case COL_INT:
        return json_integer(strtoll(v, NULL, 10));
    case COL_REAL:
        return json_real(strtod(v, NULL));
    case COL_TEXT:
        break;
    }
    return json_string(v);
}

/* The metrics of one side from the columns starting at col; a side without tickets in the group
 * has counts 0 and no rates. */
static json_t *metrics_from_row(const PGresult *res, int row, int col)
{
    json_t *m = json_object();
    bool absent = PQgetisnull(res, row, col);
    for (size_t i = 0; i < N_METRICS; i++) {
        json_t *v = absent && METRICS[i].kind == COL_INT
                        ? json_integer(0)
                        : cell(res, row, col + (int)i, METRICS[i].kind);
        json_object_set_new(m, METRICS[i].name, v);
    }
    return m;
}

static json_t *metrics_empty(void)
{
    json_t *m = json_object();
    for (size_t i = 0; i < N_METRICS; i++)
        json_object_set_new(m, METRICS[i].name,
                            METRICS[i].kind == COL_INT ? json_integer(0) : json_null());
    return m;
}

/* period - baseline for each metric; null when either is. */
static json_t *metrics_difference(const json_t *p, const json_t *b)
{
    json_t *d = json_object();
    for (size_t i = 0; i < N_METRICS; i++) {
        const json_t *pv = json_object_get(p, METRICS[i].name);
        const json_t *bv = json_object_get(b, METRICS[i].name);
        json_t *v;
        if (!json_is_number(pv) || !json_is_number(bv))
            v = json_null();
        else if (json_is_integer(pv) && json_is_integer(bv))
            v = json_integer(json_integer_value(pv) - json_integer_value(bv));
        else
            v = json_real(json_number_value(pv) - json_number_value(bv));
        json_object_set_new(d, METRICS[i].name, v);
    }
    return d;
}

/* {keyname: key, period, baseline, difference}; takes ownership of key, p and b. */
static json_t *side_by_side(const char *keyname, json_t *key, json_t *p, json_t *b)
{
    json_t *row = json_object();
    json_t *d = metrics_difference(p, b);
    if (keyname)
        json_object_set_new(row, keyname, key);
    json_object_set_new(row, "period", p);
    json_object_set_new(row, "baseline", b);
    json_object_set_new(row, "difference", d);
    return row;
}

static json_t *span_json(const struct span *sp)
{
    return json_pack("{s:s, s:s, s:f}", "since", sp->lo, "until", sp->hi, "days",
                     (double)(sp->hi_s - sp->lo_s) / (double)REPORT_DAY_S);
}

/* The week rows: the n-th week of the period beside the n-th week of the baseline (equally long
 * spans that start on the same weekday have weeks of the same shape). */
static json_t *weeks_json(const struct report *r, const PGresult *res)
{
    json_t *weeks = json_array();
    int64_t n = report_span_weeks(&r->period), nb = report_span_weeks(&r->baseline);
    int64_t pmon = report_week_monday(r->period.lo_s / REPORT_DAY_S);
    int64_t bmon = report_week_monday(r->baseline.lo_s / REPORT_DAY_S);
    for (int64_t w = 0; w < (n > nb ? n : nb); w++) {
        json_t *p = NULL, *b = NULL;
        char key[32];
        snprintf(key, sizeof(key), "%lld", (long long)w);
        for (int i = 0; i < PQntuples(res); i++) {
            if (strcmp(PQgetvalue(res, i, 0), "week") != 0 || strcmp(PQgetvalue(res, i, 1), key))
                continue;
            p = metrics_from_row(res, i, 2);
            b = metrics_from_row(res, i, 2 + (int)N_METRICS);
        }
        char label[16], start[16];
        report_week_label(pmon + 7 * w, label, sizeof(label), start, sizeof(start));
        json_t *row = side_by_side("week", w < n ? json_string(label) : json_null(),
                                   p ? p : metrics_empty(), b ? b : metrics_empty());
        json_object_set_new(row, "week_start", w < n ? json_string(start) : json_null());
        report_week_label(bmon + 7 * w, label, sizeof(label), start, sizeof(start));
        json_object_set_new(row, "baseline_week", w < nb ? json_string(label) : json_null());
        json_object_set_new(row, "baseline_week_start", w < nb ? json_string(start) : json_null());
        json_array_append_new(weeks, row);
    }
    return weeks;
}

static bool report_metrics(struct report *r)
{
    const char *params[] = {r->period.lo, r->period.hi, r->baseline.lo, r->baseline.hi};
    PGresult *res = report_query(r, "routing metrics", METRICS_SQL, 4, params);
    if (!res)
        return false;
    json_t *overall = NULL, *by_mode = json_array(), *by_category = json_array(),
           *by_tier = json_array();
    for (int i = 0; i < PQntuples(res); i++) {
        const char *dim = PQgetvalue(res, i, 0);
        json_t *p = metrics_from_row(res, i, 2);
        json_t *b = metrics_from_row(res, i, 2 + (int)N_METRICS);
        json_t *key = json_string(PQgetvalue(res, i, 1));
        if (strcmp(dim, "overall") == 0) {
            json_decref(overall); /* one overall row at most; keeps a second one from leaking */
            json_decref(key);
            overall = side_by_side(NULL, NULL, p, b);
        } else if (strcmp(dim, "mode") == 0) {
            json_array_append_new(by_mode, side_by_side("mode", key, p, b));
        } else if (strcmp(dim, "category") == 0) {
            json_array_append_new(by_category, side_by_side("category", key, p, b));
        } else if (strcmp(dim, "tier") == 0) {
            json_array_append_new(by_tier, side_by_side("tier", key, p, b));
        } else {
            json_decref(key); /* weeks: weeks_json pairs them */
            json_decref(p);
            json_decref(b);
        }
    }
    if (!overall)
        overall = side_by_side(NULL, NULL, metrics_empty(), metrics_empty());
    json_object_set_new(overall, "by_mode", by_mode);
    json_object_set_new(r->root, "overall", overall);
    json_object_set_new(r->root, "by_category", by_category);
    json_object_set_new(r->root, "by_tier", by_tier);
    json_object_set_new(r->root, "by_week", weeks_json(r, res));
    PQclear(res);
    return true;
}

static json_t *agreement_row(const PGresult *res, int i)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "compared", cell(res, i, 2, COL_INT),
                     "team_known", cell(res, i, 3, COL_INT), "team_agreed",
                     cell(res, i, 4, COL_INT), "team_agreement", cell(res, i, 5, COL_REAL),
                     "agent_agreed", cell(res, i, 6, COL_INT), "agent_agreement",
                     cell(res, i, 7, COL_REAL));
}

static bool report_shadow(struct report *r)
{
    const char *params[] = {r->period.lo, r->period.hi};
    PGresult *res = report_query(r, "shadow agreement", SHADOW_SQL, 2, params);
    if (!res)
        return false;
    json_t *shadow = NULL, *by_category = json_array();
    for (int i = 0; i < PQntuples(res); i++) {
        json_t *row = agreement_row(res, i);
        if (strcmp(PQgetvalue(res, i, 0), "1") == 0) {
            json_decref(shadow);
            shadow = row;
        } else {
            json_object_set_new(row, "category", cell(res, i, 1, COL_TEXT));
            json_array_append_new(by_category, row);
        }
    }
    PQclear(res);
    if (!shadow) /* no comparisons: ROLLUP of nothing gives no total row */
        shadow =
            json_pack("{s:i, s:i, s:i, s:n, s:i, s:n}", "compared", 0, "team_known", 0,
                      "team_agreed", 0, "team_agreement", "agent_agreed", 0, "agent_agreement");
    json_object_set_new(shadow, "by_category", by_category);
    json_object_set_new(r->root, "shadow", shadow);

    res = report_query(r, "shadow disagreements", DISAGREE_SQL, 2, params);
    if (!res)
        return false;
    json_t *patterns = json_array();
    for (int i = 0; i < PQntuples(res); i++)
        json_array_append_new(
            patterns, json_pack("{s:o, s:o, s:o, s:o}", "category", cell(res, i, 0, COL_TEXT),
                                "shadow_team", cell(res, i, 1, COL_TEXT), "manual_team",
                                cell(res, i, 2, COL_TEXT), "count", cell(res, i, 3, COL_INT)));
    json_object_set_new(shadow, "disagreements", patterns);
    PQclear(res);
    return true;
}

static bool report_misroutes(struct report *r)
{
    struct span week;
    int64_t lo = r->period.hi_s - 7 * REPORT_DAY_S;
    report_span_set(&week, lo > r->period.lo_s ? lo : r->period.lo_s, r->period.hi_s);
    const char *params[] = {week.lo, week.hi};
    PGresult *res = report_query(r, "misroute patterns", MISROUTE_SQL, 2, params);
    if (!res)
        return false;
    json_t *patterns = json_array();
    for (int i = 0; i < PQntuples(res); i++)
        json_array_append_new(
            patterns,
            json_pack("{s:o, s:o, s:o, s:o, s:o}", "category", cell(res, i, 0, COL_TEXT),
                      "from_team", cell(res, i, 1, COL_TEXT), "to_kind", cell(res, i, 2, COL_TEXT),
                      "to", cell(res, i, 3, COL_TEXT), "count", cell(res, i, 4, COL_INT)));
    PQclear(res);
    json_object_set_new(
        r->root, "misroutes_week",
        json_pack("{s:s, s:s, s:o}", "since", week.lo, "until", week.hi, "patterns", patterns));
    return true;
}

static bool report_feedback(struct report *r)
{
    const char *params[] = {r->period.lo, r->period.hi, r->baseline.lo, r->baseline.hi};
    PGresult *res = report_query(r, "feedback", FEEDBACK_SQL, 4, params);
    if (!res)
        return false;
    json_int_t total = 0, btotal = 0;
    json_t *rows = json_array();
    for (int i = 0; i < PQntuples(res); i++) {
        json_t *row = json_pack("{s:o, s:o, s:o, s:o}", "source", cell(res, i, 0, COL_TEXT),
                                "label_kind", cell(res, i, 1, COL_TEXT), "period",
                                cell(res, i, 2, COL_INT), "baseline", cell(res, i, 3, COL_INT));
        total += json_integer_value(json_object_get(row, "period"));
        btotal += json_integer_value(json_object_get(row, "baseline"));
        json_array_append_new(rows, row);
    }
    PQclear(res);
    json_object_set_new(
        r->root, "feedback",
        json_pack("{s:I, s:I, s:o}", "period", total, "baseline", btotal, "by_source", rows));
    return true;
}

static bool report_model(struct report *r)
{
    PGresult *res = report_query(r, "model", MODEL_SQL, 0, NULL);
    if (!res)
        return false;
    json_t *published = json_null();
    if (PQntuples(res) > 0) {
        json_decref(published);
        published =
            json_pack("{s:o, s:o, s:o}", "model_version", cell(res, 0, 0, COL_TEXT), "published_at",
                      cell(res, 0, 1, COL_TEXT), "accuracy", cell(res, 0, 2, COL_REAL));
    }
    PQclear(res);
    json_t *model = json_pack("{s:o}", "published", published);
    json_object_set_new(r->root, "model", model);

    const char *params[] = {r->period.lo, r->period.hi, r->baseline.lo, r->baseline.hi};
    res = report_query(r, "model versions", VERSIONS_SQL, 4, params);
    if (!res)
        return false;
    json_t *versions = json_array();
    for (int i = 0; i < PQntuples(res); i++)
        json_array_append_new(versions, json_pack("{s:o, s:o, s:o}", "model_version",
                                                  cell(res, i, 0, COL_TEXT), "period",
                                                  cell(res, i, 1, COL_INT), "baseline",
                                                  cell(res, i, 2, COL_INT)));
    PQclear(res);
    json_object_set_new(model, "decisions_by_version", versions);
    return true;
}

bool report_gather(struct report *r, const char *dsn)
{
    r->conn = PQconnectdb(dsn);
    if (PQstatus(r->conn) != CONNECTION_OK) {
        /* libpq's message names host and database, never the password or the whole DSN. */
        fprintf(stderr, "ticket-router report: cannot connect to PostgreSQL: %s",
                PQerrorMessage(r->conn));
        return false;
    }
    /* One snapshot for every section, in UTC so weeks and days are UTC ones. */
    PGresult *res = PQexec(r->conn, "SET TIME ZONE 'UTC';"
                                    " BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    if (!ok) {
        fprintf(stderr, "ticket-router report: cannot start a read-only snapshot: %s",
                PQerrorMessage(r->conn));
        return false;
    }
    r->root = json_object();
    json_object_set_new(r->root, "period", span_json(&r->period));
    json_object_set_new(r->root, "baseline", span_json(&r->baseline));
    return report_metrics(r) && report_shadow(r) && report_misroutes(r) && report_feedback(r) &&
           report_model(r);
}

void report_clear(struct report *r)
{
    json_decref(r->root);
    PQfinish(r->conn); /* NULL-safe */
    r->root = NULL;
    r->conn = NULL;
}
