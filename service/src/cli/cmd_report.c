/* report: routing quality for a support lead, read from PostgreSQL (decisions, ticket_events,
 * shadow_comparisons, training_examples, models). Read-only, in one REPEATABLE READ snapshot.
 * The figures are computed in SQL and gathered into one JSON object; --json prints it, the text
 * form renders the same object as tables. Definitions: docs/report.md. */
#include <jansson.h>
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/cli_internal.h"

#define REPORT_DAY_S INT64_C(86400)
#define REPORT_DEFAULT_DAYS 28

enum { OPT_CONFIG, OPT_SINCE, OPT_UNTIL, OPT_BASELINE_SINCE, OPT_BASELINE_UNTIL, OPT_JSON };
static const struct cli_option REPORT_OPTIONS[] = {
    [OPT_CONFIG] = {"config", "FILE", CLI_CONFIG_HELP},
    [OPT_SINCE] = {"since", "YYYY-MM-DD",
                   "first day of the period, UTC (default: 28 days "
                   "before --until)"},
    [OPT_UNTIL] = {"until", "YYYY-MM-DD", "end of the period, excluded (default: now)"},
    [OPT_BASELINE_SINCE] = {"baseline-since", "YYYY-MM-DD",
                            "first day of the baseline (default: the period just before, as "
                            "long)"},
    [OPT_BASELINE_UNTIL] = {"baseline-until", "YYYY-MM-DD", "end of the baseline, excluded"},
    [OPT_JSON] = {"json", NULL, "print the report as one JSON object instead of tables"},
};
static const struct cli_command REPORT = {
    "report",
    "[--config FILE] [--since YYYY-MM-DD] [--until YYYY-MM-DD]\n"
    "       [--baseline-since YYYY-MM-DD --baseline-until YYYY-MM-DD] [--json]",
    "Routing quality for a support lead, read from PostgreSQL in one read-only snapshot: "
    "accuracy, reassignments, response and resolution times by week, team, category and tier, "
    "shadow agreement, misroutes, feedback and the models. Definitions: docs/report.md.",
    CLI_OPTIONS(REPORT_OPTIONS)};

/* A half-open interval [lo, hi) in unix seconds, and the same as ISO 8601 UTC text. */
struct span {
    int64_t lo_s, hi_s;
    char lo[32], hi[32];
};

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

/* ---- dates ---- */

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int64_t)era * 146097 + doe - 719468;
}

/* "YYYY-MM-DD" (1970..9999, a real day) to the unix seconds of its UTC midnight. */
static bool day_parse(const char *s, int64_t *out_s)
{
    static const int MDAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > MDAYS[m - 1] + (m == 2 && leap))
        return false;
    *out_s = days_from_civil(y, m, d) * REPORT_DAY_S;
    return true;
}

static void iso_format(int64_t s, char *buf, size_t len)
{
    time_t t = (time_t)s;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A day as "YYYY-MM-DD", or with the time when it is not midnight. */
static void human_format(int64_t s, char *buf, size_t len)
{
    time_t t = (time_t)s;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, len, s % REPORT_DAY_S ? "%Y-%m-%d %H:%M" : "%Y-%m-%d", &tm);
}

static void span_set(struct span *sp, int64_t lo_s, int64_t hi_s)
{
    sp->lo_s = lo_s;
    sp->hi_s = hi_s;
    iso_format(lo_s, sp->lo, sizeof(sp->lo));
    iso_format(hi_s, sp->hi, sizeof(sp->hi));
}

static bool opt_day(const char *const *opt, int which, int64_t *out_s, bool *given)
{
    const char *v = opt[which];
    *given = v != NULL;
    if (v && !day_parse(v, out_s)) {
        fprintf(stderr, "ticket-router report: --%s: '%s' is not a date (YYYY-MM-DD)\n",
                REPORT_OPTIONS[which].name, v);
        return false;
    }
    return true;
}

/* The period and the baseline from the options; false (after printing why) on bad usage. */
static bool spans_parse(const char *const *opt, int64_t now_s, struct span *period,
                        struct span *baseline)
{
    int64_t lo = 0, hi = now_s, blo = 0, bhi = 0;
    bool has_lo, has_hi, has_blo, has_bhi;
    if (!opt_day(opt, OPT_SINCE, &lo, &has_lo) || !opt_day(opt, OPT_UNTIL, &hi, &has_hi) ||
        !opt_day(opt, OPT_BASELINE_SINCE, &blo, &has_blo) ||
        !opt_day(opt, OPT_BASELINE_UNTIL, &bhi, &has_bhi))
        return false;
    if (!has_hi)
        hi = now_s;
    if (!has_lo)
        lo = hi - REPORT_DEFAULT_DAYS * REPORT_DAY_S;
    if (lo >= hi) {
        fprintf(stderr, "ticket-router report: the period is empty: --since must be before "
                        "--until (until is exclusive)\n");
        return false;
    }
    if (has_blo != has_bhi) {
        fprintf(stderr, "ticket-router report: give both --baseline-since and --baseline-until, "
                        "or neither\n");
        return false;
    }
    if (!has_blo) {
        blo = lo - (hi - lo);
        bhi = lo;
    } else if (blo >= bhi) {
        fprintf(stderr, "ticket-router report: the baseline is empty: --baseline-since must be "
                        "before --baseline-until\n");
        return false;
    }
    span_set(period, lo, hi);
    span_set(baseline, blo, bhi);
    return true;
}

/* The Monday 00:00 UTC (unix day number) of the week holding unix day d. */
static int64_t week_monday(int64_t d)
{
    return d - ((d % 7 + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

/* ISO week label ("2026-W44") and start day of the week starting on unix day monday. */
static void week_label(int64_t monday, char *label, size_t label_len, char *start, size_t start_len)
{
    time_t t = (time_t)((monday + 3) * REPORT_DAY_S); /* the Thursday names the ISO year */
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(label, label_len, "%04d-W%02d", (tm.tm_year + 1900) % 10000,
             (tm.tm_yday / 7 + 1) % 100);
    t = (time_t)(monday * REPORT_DAY_S);
    gmtime_r(&t, &tm);
    strftime(start, start_len, "%Y-%m-%d", &tm);
}

static int64_t span_weeks(const struct span *sp)
{
    int64_t first = week_monday(sp->lo_s / REPORT_DAY_S);
    int64_t last = week_monday((sp->hi_s - 1) / REPORT_DAY_S);
    return (last - first) / 7 + 1;
}

/* ---- queries ---- */

struct report {
    PGconn *conn;
    struct span period, baseline;
    json_t *root;
};

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
    int64_t n = span_weeks(&r->period), nb = span_weeks(&r->baseline);
    int64_t pmon = week_monday(r->period.lo_s / REPORT_DAY_S);
    int64_t bmon = week_monday(r->baseline.lo_s / REPORT_DAY_S);
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
        week_label(pmon + 7 * w, label, sizeof(label), start, sizeof(start));
        json_t *row = side_by_side("week", w < n ? json_string(label) : json_null(),
                                   p ? p : metrics_empty(), b ? b : metrics_empty());
        json_object_set_new(row, "week_start", w < n ? json_string(start) : json_null());
        week_label(bmon + 7 * w, label, sizeof(label), start, sizeof(start));
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
    span_set(&week, lo > r->period.lo_s ? lo : r->period.lo_s, r->period.hi_s);
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

/* ---- text ---- */

enum fmt { FMT_INT, FMT_PCT, FMT_NUM };

/* v formatted for a table cell: "-" when there is no figure; delta adds the sign (and "pp" to
 * percentages, which are differences of rates). */
static const char *fmt_cell(const json_t *v, enum fmt f, bool delta, char *buf, size_t len)
{
    if (!json_is_number(v))
        return "-";
    double x = json_number_value(v);
    switch (f) {
    case FMT_INT:
        if (delta)
            snprintf(buf, len, "%+lld", (long long)x);
        else
            snprintf(buf, len, "%lld", (long long)x);
        break;
    case FMT_PCT:
        if (delta)
            snprintf(buf, len, "%+.1f pp", 100.0 * x);
        else
            snprintf(buf, len, "%.1f%%", 100.0 * x);
        break;
    case FMT_NUM:
        if (delta)
            snprintf(buf, len, "%+.1f", x);
        else
            snprintf(buf, len, "%.1f", x);
        break;
    }
    return buf;
}

static const json_t *side_metric(const json_t *row, const char *side, const char *metric)
{
    return json_object_get(json_object_get(row, side), metric);
}

static void text_heading(const char *title)
{
    printf("\n%s\n", title);
    for (const char *p = title; *p; p++)
        putchar('-');
    putchar('\n');
}

static void text_overall(const json_t *overall)
{
    static const struct {
        const char *label, *metric;
        enum fmt f;
    } ROWS[] = {
        {"tickets", "tickets", FMT_INT},
        {"  routed by the router (live)", "live", FMT_INT},
        {"  routed by people (shadow)", "shadow", FMT_INT},
        {"routing accuracy", "accuracy", FMT_PCT},
        {"reassignment rate", "reassignment_rate", FMT_PCT},
        {"tickets with a first response", "first_response_tickets", FMT_INT},
        {"first response median (min)", "first_response_median_min", FMT_NUM},
        {"first response p90 (min)", "first_response_p90_min", FMT_NUM},
        {"tickets resolved", "resolved_tickets", FMT_INT},
        {"resolution median (h)", "resolution_median_h", FMT_NUM},
        {"resolution p90 (h)", "resolution_p90_h", FMT_NUM},
    };
    text_heading("Overall");
    printf("%-32s %12s %12s %12s\n", "", "period", "baseline", "change");
    for (size_t i = 0; i < sizeof(ROWS) / sizeof(ROWS[0]); i++) {
        char a[32], b[32], c[32];
        printf("%-32s %12s %12s %12s\n", ROWS[i].label,
               fmt_cell(side_metric(overall, "period", ROWS[i].metric), ROWS[i].f, false, a,
                        sizeof(a)),
               fmt_cell(side_metric(overall, "baseline", ROWS[i].metric), ROWS[i].f, false, b,
                        sizeof(b)),
               fmt_cell(side_metric(overall, "difference", ROWS[i].metric), ROWS[i].f, true, c,
                        sizeof(c)));
    }
}

struct gcol {
    const char *head, *side, *metric;
    enum fmt f;
};

static const struct gcol QUALITY_COLS[] = {
    {"tickets", "period", "tickets", FMT_INT},
    {"(base)", "baseline", "tickets", FMT_INT},
    {"live", "period", "live", FMT_INT},
    {"shadow", "period", "shadow", FMT_INT},
    {"accuracy", "period", "accuracy", FMT_PCT},
    {"(base)", "baseline", "accuracy", FMT_PCT},
    {"change", "difference", "accuracy", FMT_PCT},
    {"reassigned", "period", "reassignment_rate", FMT_PCT},
    {"(base)", "baseline", "reassignment_rate", FMT_PCT},
    {"change", "difference", "reassignment_rate", FMT_PCT},
};

static const struct gcol SPEED_COLS[] = {
    {"responded", "period", "first_response_tickets", FMT_INT},
    {"resp med", "period", "first_response_median_min", FMT_NUM},
    {"(base)", "baseline", "first_response_median_min", FMT_NUM},
    {"change", "difference", "first_response_median_min", FMT_NUM},
    {"resp p90", "period", "first_response_p90_min", FMT_NUM},
    {"(base)", "baseline", "first_response_p90_min", FMT_NUM},
    {"resolved", "period", "resolved_tickets", FMT_INT},
    {"resol med", "period", "resolution_median_h", FMT_NUM},
    {"(base)", "baseline", "resolution_median_h", FMT_NUM},
    {"change", "difference", "resolution_median_h", FMT_NUM},
    {"resol p90", "period", "resolution_p90_h", FMT_NUM},
    {"(base)", "baseline", "resolution_p90_h", FMT_NUM},
};

/* The row's label: its key, and for weeks the baseline week it is compared with. */
static void group_key(const json_t *row, const char *keyname, char *buf, size_t len)
{
    const char *key = json_string_value(json_object_get(row, keyname));
    const char *bweek = json_string_value(json_object_get(row, "baseline_week"));
    if (strcmp(keyname, "week") == 0)
        snprintf(buf, len, "%s vs %s", key ? key : "-", bweek ? bweek : "-");
    else
        snprintf(buf, len, "%s", key ? key : "-");
}

static void text_group_table(const json_t *rows, const char *keyname, const char *keyhead,
                             const struct gcol *cols, size_t n_cols)
{
    int kw = (int)strlen(keyhead);
    char key[128], buf[32];
    size_t i;
    const json_t *row;
    json_array_foreach(rows, i, row)
    {
        group_key(row, keyname, key, sizeof(key));
        if ((int)strlen(key) > kw)
            kw = (int)strlen(key);
    }
    printf("%-*s", kw, keyhead);
    for (size_t c = 0; c < n_cols; c++)
        printf(" %10s", cols[c].head);
    putchar('\n');
    json_array_foreach(rows, i, row)
    {
        group_key(row, keyname, key, sizeof(key));
        printf("%-*s", kw, key);
        for (size_t c = 0; c < n_cols; c++)
            printf(" %10s", fmt_cell(side_metric(row, cols[c].side, cols[c].metric), cols[c].f,
                                     strcmp(cols[c].side, "difference") == 0, buf, sizeof(buf)));
        putchar('\n');
    }
    if (json_array_size(rows) == 0)
        printf("-\n");
}

static void text_group(const json_t *rows, const char *title, const char *keyname,
                       const char *keyhead)
{
    char heading[128];
    snprintf(heading, sizeof(heading), "%s: routing quality", title);
    text_heading(heading);
    text_group_table(rows, keyname, keyhead, QUALITY_COLS,
                     sizeof(QUALITY_COLS) / sizeof(QUALITY_COLS[0]));
    snprintf(heading, sizeof(heading), "%s: speed (first response in min, resolution in h)", title);
    text_heading(heading);
    text_group_table(rows, keyname, keyhead, SPEED_COLS,
                     sizeof(SPEED_COLS) / sizeof(SPEED_COLS[0]));
}

static const char *str_or_dash(const json_t *v)
{
    return json_is_string(v) ? json_string_value(v) : "-";
}

static void text_shadow(const json_t *shadow)
{
    char a[32], b[32], c[32], d[32];
    text_heading("Shadow agreement (comparisons assigned in the period)");
    printf("%-24s %s\n", "compared tickets",
           fmt_cell(json_object_get(shadow, "compared"), FMT_INT, false, a, sizeof(a)));
    printf("%-24s %s (%s of %s with a known manual team)\n", "team agreement",
           fmt_cell(json_object_get(shadow, "team_agreement"), FMT_PCT, false, a, sizeof(a)),
           fmt_cell(json_object_get(shadow, "team_agreed"), FMT_INT, false, b, sizeof(b)),
           fmt_cell(json_object_get(shadow, "team_known"), FMT_INT, false, c, sizeof(c)));
    printf("%-24s %s (%s of %s)\n", "agent agreement",
           fmt_cell(json_object_get(shadow, "agent_agreement"), FMT_PCT, false, a, sizeof(a)),
           fmt_cell(json_object_get(shadow, "agent_agreed"), FMT_INT, false, b, sizeof(b)),
           fmt_cell(json_object_get(shadow, "compared"), FMT_INT, false, c, sizeof(c)));

    const json_t *rows = json_object_get(shadow, "by_category");
    size_t i;
    const json_t *row;
    printf("\n%-20s %10s %10s %10s\n", "category", "compared", "team", "agent");
    json_array_foreach(rows, i, row)
    {
        printf("%-20s %10s %10s %10s\n", str_or_dash(json_object_get(row, "category")),
               fmt_cell(json_object_get(row, "compared"), FMT_INT, false, a, sizeof(a)),
               fmt_cell(json_object_get(row, "team_agreement"), FMT_PCT, false, b, sizeof(b)),
               fmt_cell(json_object_get(row, "agent_agreement"), FMT_PCT, false, c, sizeof(c)));
    }
    if (json_array_size(rows) == 0)
        printf("-\n");

    printf("\nTop disagreements\n%-20s %-36s %8s\n", "category", "shadow team -> manual team",
           "tickets");
    rows = json_object_get(shadow, "disagreements");
    json_array_foreach(rows, i, row)
    {
        snprintf(d, sizeof(d), "%s -> %s", str_or_dash(json_object_get(row, "shadow_team")),
                 str_or_dash(json_object_get(row, "manual_team")));
        printf("%-20s %-36s %8s\n", str_or_dash(json_object_get(row, "category")), d,
               fmt_cell(json_object_get(row, "count"), FMT_INT, false, a, sizeof(a)));
    }
    if (json_array_size(rows) == 0)
        printf("-\n");
}

/* "2026-03-23T00:00:00Z" as "2026-03-23", any other time as "2026-03-23 06:05". */
static void iso_human(const char *iso, char *buf, size_t len)
{
    if (strlen(iso) != 20)
        snprintf(buf, len, "%s", iso);
    else if (strcmp(iso + 10, "T00:00:00Z") == 0)
        snprintf(buf, len, "%.10s", iso);
    else
        snprintf(buf, len, "%.10s %.5s", iso, iso + 11);
}

static void text_misroutes(const json_t *mis)
{
    char heading[160], a[32], to[160], lo[32], hi[32];
    iso_human(str_or_dash(json_object_get(mis, "since")), lo, sizeof(lo));
    iso_human(str_or_dash(json_object_get(mis, "until")), hi, sizeof(hi));
    snprintf(heading, sizeof(heading), "Most common misroutes of the last 7 days (%s .. %s)", lo,
             hi);
    text_heading(heading);
    printf("%-20s %-44s %8s\n", "category", "routed to -> moved to / flagged as", "tickets");
    size_t i;
    const json_t *row;
    const json_t *rows = json_object_get(mis, "patterns");
    json_array_foreach(rows, i, row)
    {
        bool flagged = strcmp(str_or_dash(json_object_get(row, "to_kind")), "category") == 0;
        snprintf(to, sizeof(to), "%s -> %s%s", str_or_dash(json_object_get(row, "from_team")),
                 flagged ? "category " : "", str_or_dash(json_object_get(row, "to")));
        printf("%-20s %-44s %8s\n", str_or_dash(json_object_get(row, "category")), to,
               fmt_cell(json_object_get(row, "count"), FMT_INT, false, a, sizeof(a)));
    }
    if (json_array_size(rows) == 0)
        printf("-\n");
}

static void text_feedback(const json_t *fb)
{
    char a[32], b[32];
    text_heading("Feedback (training examples created)");
    printf("%-16s %-12s %10s %10s\n", "source", "label kind", "period", "baseline");
    size_t i;
    const json_t *row;
    json_array_foreach(json_object_get(fb, "by_source"), i, row)
    {
        printf("%-16s %-12s %10s %10s\n", str_or_dash(json_object_get(row, "source")),
               str_or_dash(json_object_get(row, "label_kind")),
               fmt_cell(json_object_get(row, "period"), FMT_INT, false, a, sizeof(a)),
               fmt_cell(json_object_get(row, "baseline"), FMT_INT, false, b, sizeof(b)));
    }
    printf("%-29s %10s %10s\n", "total",
           fmt_cell(json_object_get(fb, "period"), FMT_INT, false, a, sizeof(a)),
           fmt_cell(json_object_get(fb, "baseline"), FMT_INT, false, b, sizeof(b)));
}

static void text_model(const json_t *model)
{
    char a[32], b[32];
    text_heading("Model");
    const json_t *pub = json_object_get(model, "published");
    if (json_is_object(pub))
        printf("published model %s since %s, held-out accuracy %s\n",
               str_or_dash(json_object_get(pub, "model_version")),
               str_or_dash(json_object_get(pub, "published_at")),
               fmt_cell(json_object_get(pub, "accuracy"), FMT_PCT, false, a, sizeof(a)));
    else
        printf("published model -\n");
    printf("\n%-30s %10s %10s\n", "decisions by model version", "period", "baseline");
    size_t i;
    const json_t *row;
    const json_t *rows = json_object_get(model, "decisions_by_version");
    json_array_foreach(rows, i, row)
    {
        printf("%-30s %10s %10s\n", str_or_dash(json_object_get(row, "model_version")),
               fmt_cell(json_object_get(row, "period"), FMT_INT, false, a, sizeof(a)),
               fmt_cell(json_object_get(row, "baseline"), FMT_INT, false, b, sizeof(b)));
    }
    if (json_array_size(rows) == 0)
        printf("-\n");
}

static void text_render(const struct report *r)
{
    char lo[32], hi[32], blo[32], bhi[32];
    human_format(r->period.lo_s, lo, sizeof(lo));
    human_format(r->period.hi_s, hi, sizeof(hi));
    human_format(r->baseline.lo_s, blo, sizeof(blo));
    human_format(r->baseline.hi_s, bhi, sizeof(bhi));
    printf("ticket-router report (UTC; the end of each range is excluded)\n");
    printf("period    %s .. %s (%.1f days)\n", lo, hi,
           (double)(r->period.hi_s - r->period.lo_s) / (double)REPORT_DAY_S);
    printf("baseline  %s .. %s (%.1f days)\n", blo, bhi,
           (double)(r->baseline.hi_s - r->baseline.lo_s) / (double)REPORT_DAY_S);
    const json_t *overall = json_object_get(r->root, "overall");
    text_overall(overall);
    text_group(json_object_get(overall, "by_mode"), "By mode", "mode", "mode");
    text_group(json_object_get(r->root, "by_category"), "By category", "category", "category");
    text_group(json_object_get(r->root, "by_tier"), "By customer tier", "tier", "tier");
    text_group(json_object_get(r->root, "by_week"), "By ISO week (period vs baseline week)", "week",
               "week");
    text_shadow(json_object_get(r->root, "shadow"));
    text_misroutes(json_object_get(r->root, "misroutes_week"));
    text_feedback(json_object_get(r->root, "feedback"));
    text_model(json_object_get(r->root, "model"));
    printf("\nDefinitions (docs/report.md)\n"
           "  tickets: decisions created (ticket_created_at, else decided_at) in the range;\n"
           "    live = routed by the router, shadow = routed by people while the router watched\n"
           "  accuracy: share of tickets neither moved to another team (REASSIGNED) nor\n"
           "    MISROUTE_FLAGGED; reassigned: share with at least one REASSIGNED event\n"
           "  first response / resolution: first FIRST_RESPONSE / RESOLVED event minus creation;\n"
           "    median and p90 (interpolated) over the tickets that have one\n"
           "  change: period minus baseline (pp = percentage points); '-': no data\n"
           "  shadow agreement: team agreement over comparisons with a known manual team, agent\n"
           "    agreement over all comparisons\n"
           "  misroutes: tickets moved by REASSIGNED to another team than first routed to, or\n"
           "    MISROUTE_FLAGGED (-> the correct category), in the period's last 7 days\n");
}

/* ---- the command ---- */

int cli_report(int argc, char **argv)
{
    const char *opt[6];
    int status = 1;
    if (!cli_parse(&REPORT, argc, argv, opt, &status))
        return status;
    struct report r = {0};
    if (!spans_parse(opt, (int64_t)time(NULL), &r.period, &r.baseline)) {
        fputc('\n', stderr);
        cli_usage(&REPORT, stderr);
        return 2;
    }
    struct config cfg;
    if (!cli_config_load(opt[OPT_CONFIG], &cfg))
        return 2;
    r.conn = PQconnectdb(cfg.pg_dsn);
    if (PQstatus(r.conn) != CONNECTION_OK) {
        /* libpq's message names host and database, never the password or the whole DSN. */
        fprintf(stderr, "ticket-router report: cannot connect to PostgreSQL: %s",
                PQerrorMessage(r.conn));
        goto out;
    }
    /* One snapshot for every section, in UTC so weeks and days are UTC ones. */
    PGresult *res = PQexec(r.conn, "SET TIME ZONE 'UTC';"
                                   " BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    if (!ok) {
        fprintf(stderr, "ticket-router report: cannot start a read-only snapshot: %s",
                PQerrorMessage(r.conn));
        goto out;
    }
    r.root = json_object();
    json_object_set_new(r.root, "period", span_json(&r.period));
    json_object_set_new(r.root, "baseline", span_json(&r.baseline));
    if (!report_metrics(&r) || !report_shadow(&r) || !report_misroutes(&r) ||
        !report_feedback(&r) || !report_model(&r))
        goto out;
    if (opt[OPT_JSON]) {
        if (json_dumpf(r.root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(12)) != 0)
            goto out;
        putchar('\n');
    } else {
        text_render(&r);
    }
    if (fflush(stdout) != 0) {
        perror("ticket-router report: stdout");
        goto out;
    }
    status = 0;
out:
    json_decref(r.root);
    PQfinish(r.conn); /* NULL-safe */
    config_clear(&cfg);
    return status;
}
