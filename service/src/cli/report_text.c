/* report_text: the report's JSON object rendered as tables for a support lead. */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/report_internal.h"

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

void report_text_render(const struct report *r)
{
    char lo[32], hi[32], blo[32], bhi[32];
    report_human_format(r->period.lo_s, lo, sizeof(lo));
    report_human_format(r->period.hi_s, hi, sizeof(hi));
    report_human_format(r->baseline.lo_s, blo, sizeof(blo));
    report_human_format(r->baseline.hi_s, bhi, sizeof(bhi));
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
