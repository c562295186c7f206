/* ticket-router report against a real PostgreSQL: known decisions, events, shadow comparisons,
 * feedback and models over a period and its baseline give exactly the figures worked out by hand
 * below; an empty database gives no figures ("-", null); bad dates are usage errors. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "test_support.h"

#define CONF TEST_SOURCE_DIR "/deploy/local.conf"

struct fixture {
    struct test_env env;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    test_env_setup(&f->env, "report");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    test_env_teardown(&f->env);
    free(f);
    return 0;
}

/* ---- data ---- */

/* created: a timestamptz literal ('2026-03-02 00:00:00+00') or NULL (then decided_at counts). */
static void decision(const struct fixture *f, const char *id, const char *mode,
                     const char *category, const char *tier, const char *team,
                     const char *model_version, const char *created, const char *decided)
{
    char sql[1024];
    snprintf(sql, sizeof(sql),
             "INSERT INTO decisions (ticket_id, decision_id, customer_id, customer_tier, team,"
             " queue, priority, category, confidence, model_version, mode, fallback,"
             " ticket_created_at, decided_at, latency_us, payload)"
             " VALUES ('%s', 'd-%s', 'c-%s', '%s', '%s', '%s', 'P3', '%s', 0.9, '%s', '%s',"
             " false, %s, '%s', 100, '\\x00'::bytea)",
             id, id, id, tier, team, team, category, model_version, mode, created, decided);
    test_sql(&f->env, sql);
}

/* team, previous_team and correct_category: SQL literals ('billing') or NULL. */
static void event(const struct fixture *f, const char *id, const char *ticket, const char *type,
                  const char *team, const char *previous_team, const char *correct_category,
                  const char *occurred)
{
    char sql[1024];
    snprintf(sql, sizeof(sql),
             "INSERT INTO ticket_events (event_id, ticket_id, type, team, previous_team,"
             " correct_category, occurred_at) VALUES ('%s', '%s', '%s', %s, %s, %s, '%s')",
             id, ticket, type, team, previous_team, correct_category, occurred);
    test_sql(&f->env, sql);
}

static void comparison(const struct fixture *f, const char *ticket, const char *category,
                       const char *shadow_team, const char *manual_team, const char *team_agrees,
                       const char *agent_agrees, const char *assigned)
{
    char sql[1024];
    snprintf(sql, sizeof(sql),
             "INSERT INTO shadow_comparisons (ticket_id, category, customer_tier, shadow_team,"
             " manual_team, team_agrees, agent_agrees, decided_at, assigned_at)"
             " VALUES ('%s', '%s', 'pro', '%s', %s, %s, %s, '%s', '%s')",
             ticket, category, shadow_team, manual_team, team_agrees, agent_agrees, assigned,
             assigned);
    test_sql(&f->env, sql);
}

static void example(const struct fixture *f, const char *ticket, const char *source,
                    const char *label_kind, const char *created)
{
    char sql[512];
    snprintf(sql, sizeof(sql),
             "INSERT INTO training_examples (ticket_id, text, label, source, label_kind,"
             " created_at) VALUES ('%s', 'some text', 'billing', '%s', '%s', '%s')",
             ticket, source, label_kind, created);
    test_sql(&f->env, sql);
}

static void model(const struct fixture *f, const char *version, const char *published,
                  const char *accuracy)
{
    char sql[512];
    snprintf(sql, sizeof(sql),
             "INSERT INTO models (model_version, published_at, examples, holdout, accuracy,"
             " macro_f1, verdict, model) VALUES ('%s', %s, 100, 20, %s, 0.8, 'test',"
             " '\\x00'::bytea)",
             version, published, accuracy);
    test_sql(&f->env, sql);
}

/* The period is 2026-03-02 .. 2026-03-30 (ISO weeks 10..13), so the default baseline is
 * 2026-02-02 .. 2026-03-02 (weeks 6..9); the misroute week is 2026-03-23 .. 2026-03-30.
 *
 * period   mode    category  tier        misrouted  reassigned  first resp  resolved
 *   p1     live    billing   pro         -          -           30 min      4 h   (created at
 *                                                                                  the start)
 *   p2     live    billing   enterprise  moved      yes         10 min      2 h
 *   p3     live    technical pro         -          yes (same team) 60 min  -
 *   p4     live    technical free        flagged    -           20 min      6 h
 *   p5     shadow  account   free        -          yes (to the team people chose) 40 min
 *   p6     live    billing   pro         moved      yes         -           -
 *   p7     live    billing   free        moved      yes         -           -
 *   => 7 tickets (6 live, 1 shadow), accuracy 3/7, reassignment 5/7, first response median
 *      30 min (p90 52), resolution median 4 h (p90 5.6)
 * baseline
 *   b1     live    billing   pro         -          -           60 min      8 h
 *   b2     live    billing   free        moved (+ flagged in the misroute week) 120 min
 *   b3     shadow  technical pro         -          -           -           -
 *   b4     live    technical enterprise  -          -           30 min      -  (1 s before the
 *                                                                              period)
 *   => 4 tickets, accuracy 3/4, reassignment 1/4, first response median 60 min
 * outside: x1 created at the period's end (excluded: until is exclusive). */
static void seed(const struct fixture *f)
{
    decision(f, "p1", "LIVE", "billing", "pro", "billing", "m2", "'2026-03-02 00:00:00+00'",
             "2026-03-02 00:00:01+00");
    event(f, "e1", "p1", "FIRST_RESPONSE", "NULL", "NULL", "NULL", "2026-03-02 00:30:00+00");
    event(f, "e2", "p1", "RESOLVED", "NULL", "NULL", "NULL", "2026-03-02 04:00:00+00");

    decision(f, "p2", "LIVE", "billing", "enterprise", "billing", "m2", "'2026-03-10 09:00:00+00'",
             "2026-03-10 09:00:01+00");
    event(f, "e3", "p2", "FIRST_RESPONSE", "NULL", "NULL", "NULL", "2026-03-10 09:10:00+00");
    event(f, "e4", "p2", "REASSIGNED", "'technical'", "'billing'", "NULL",
          "2026-03-10 10:00:00+00");
    event(f, "e5", "p2", "RESOLVED", "NULL", "NULL", "NULL", "2026-03-10 11:00:00+00");

    decision(f, "p3", "LIVE", "technical", "pro", "technical", "m2", "'2026-03-24 08:00:00+00'",
             "2026-03-24 08:00:01+00");
    event(f, "e6", "p3", "FIRST_RESPONSE", "NULL", "NULL", "NULL", "2026-03-24 09:00:00+00");
    event(f, "e7", "p3", "REASSIGNED", "'technical'", "'technical'", "NULL",
          "2026-03-25 08:00:00+00");

    decision(f, "p4", "LIVE", "technical", "free", "technical", "m2", "'2026-03-26 12:00:00+00'",
             "2026-03-26 12:00:01+00");
    event(f, "e8", "p4", "FIRST_RESPONSE", "NULL", "NULL", "NULL", "2026-03-26 12:20:00+00");
    event(f, "e9", "p4", "MISROUTE_FLAGGED", "NULL", "NULL", "'billing'", "2026-03-27 09:00:00+00");
    event(f, "e10", "p4", "RESOLVED", "NULL", "NULL", "NULL", "2026-03-26 18:00:00+00");

    /* Shadow: the router suggested billing, people chose account; the REASSIGNED event names
     * the team people chose, so it is no move away from the first team. */
    decision(f, "p5", "SHADOW", "account", "free", "billing", "m1", "NULL",
             "2026-03-27 15:00:00+00");
    comparison(f, "p5", "account", "billing", "'account'", "false", "false",
               "2026-03-27 15:05:00+00");
    event(f, "e11", "p5", "FIRST_RESPONSE", "NULL", "NULL", "NULL", "2026-03-27 15:40:00+00");
    event(f, "e12", "p5", "REASSIGNED", "'account'", "NULL", "NULL", "2026-03-27 16:00:00+00");

    decision(f, "p6", "LIVE", "billing", "pro", "billing", "m2", "'2026-03-28 10:00:00+00'",
             "2026-03-28 10:00:01+00");
    event(f, "e13", "p6", "REASSIGNED", "'technical'", "'billing'", "NULL",
          "2026-03-28 11:00:00+00");
    decision(f, "p7", "LIVE", "billing", "free", "billing", "m2", "'2026-03-29 09:00:00+00'",
             "2026-03-29 09:00:01+00");
    event(f, "e14", "p7", "REASSIGNED", "'technical'", "'billing'", "NULL",
          "2026-03-29 10:00:00+00");

    decision(f, "x1", "LIVE", "billing", "pro", "billing", "m2", "'2026-03-30 00:00:00+00'",
             "2026-03-30 00:00:01+00");
    event(f, "e15", "x1", "REASSIGNED", "'technical'", "'billing'", "NULL",
          "2026-03-30 01:00:00+00");

    decision(f, "b1", "LIVE", "billing", "pro", "billing", "m1", "'2026-02-03 10:00:00+00'",
             "2026-02-03 10:00:01+00");
    event(f, "e20", "b1", "FIRST_RESPONSE", "NULL", "NULL", "NULL", "2026-02-03 11:00:00+00");
    event(f, "e21", "b1", "RESOLVED", "NULL", "NULL", "NULL", "2026-02-03 18:00:00+00");
    decision(f, "b2", "LIVE", "billing", "free", "billing", "m1", "'2026-02-10 10:00:00+00'",
             "2026-02-10 10:00:01+00");
    event(f, "e22", "b2", "FIRST_RESPONSE", "NULL", "NULL", "NULL", "2026-02-10 12:00:00+00");
    event(f, "e23", "b2", "REASSIGNED", "'technical'", "'billing'", "NULL",
          "2026-02-10 13:00:00+00");
    event(f, "e24", "b2", "MISROUTE_FLAGGED", "NULL", "NULL", "'technical'",
          "2026-03-25 10:00:00+00");
    decision(f, "b3", "SHADOW", "technical", "pro", "technical", "m1", "NULL",
             "2026-02-20 10:00:00+00");
    comparison(f, "b3", "technical", "technical", "'technical'", "true", "true",
               "2026-02-20 10:05:00+00");
    decision(f, "b4", "LIVE", "technical", "enterprise", "technical", "m1",
             "'2026-03-01 23:59:59+00'", "2026-03-02 00:00:05+00");
    event(f, "e25", "b4", "FIRST_RESPONSE", "NULL", "NULL", "NULL", "2026-03-02 00:29:59+00");

    /* Shadow comparisons of the period without decisions of their own: with p5, 5 compared,
     * 4 with a known manual team, 1 agreeing on the team, 1 on the agent. */
    comparison(f, "s2", "billing", "billing", "'billing'", "true", "true",
               "2026-03-05 10:00:00+00");
    comparison(f, "s3", "billing", "billing", "'technical'", "false", "false",
               "2026-03-06 10:00:00+00");
    comparison(f, "s4", "billing", "billing", "NULL", "NULL", "false", "2026-03-07 10:00:00+00");
    comparison(f, "s5", "account", "billing", "'account'", "false", "false",
               "2026-03-08 10:00:00+00");

    example(f, "p4", "misroute", "category", "2026-03-27 09:00:01+00");
    example(f, "b2", "misroute", "category", "2026-03-25 10:00:01+00");
    example(f, "p2", "reassignment", "team", "2026-03-10 10:00:01+00");
    example(f, "h1", "historical", "category", "2026-03-03 00:00:00+00");
    example(f, "b2x", "misroute", "category", "2026-02-11 00:00:00+00");
    example(f, "x1", "reassignment", "team", "2026-04-05 00:00:00+00");

    model(f, "m1", "'2026-01-10 00:00:00+00'", "0.81");
    model(f, "m2", "'2026-03-01 12:00:00+00'", "0.86");
    model(f, "m3", "NULL", "0.9"); /* never published */
}

/* ---- running and reading the report ---- */

static char *report_run(const struct fixture *f, const char *const *args, int expect_status)
{
    char out_path[256], err[256];
    snprintf(out_path, sizeof(out_path), "/tmp/%s.report.out", f->env.suffix);
    remove(out_path);
    int status = test_tool_run(&f->env, args, out_path);
    char *out = NULL;
    assert_int_equal(tr_file_read(out_path, &out, NULL, err, sizeof(err)), 0);
    remove(out_path);
    if (status != expect_status)
        fail_msg("report exited %d, expected %d; output:\n%s", status, expect_status, out);
    return out;
}

static json_t *report_json(const struct fixture *f, const char *since, const char *until)
{
    const char *args[] = {"report", "--config", CONF,  "--json", "--since",
                          since,    "--until",  until, NULL};
    char *out = report_run(f, args, 0);
    json_error_t jerr;
    json_t *root = json_loads(out, 0, &jerr);
    if (!root)
        fail_msg("report --json: %s at line %d\n%s", jerr.text, jerr.line, out);
    free(out);
    return root;
}

/* The value at a dotted path ("overall.period.tickets", "by_week.0.week"); NULL when absent. */
static json_t *at(json_t *root, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "%s", path);
    json_t *v = root;
    char *save = NULL;
    for (char *part = strtok_r(buf, ".", &save); part && v; part = strtok_r(NULL, ".", &save))
        v = json_is_array(v) ? json_array_get(v, strtoul(part, NULL, 10))
                             : json_object_get(v, part);
    return v;
}

static long long int_at(json_t *root, const char *path)
{
    json_t *v = at(root, path);
    if (!json_is_integer(v))
        fail_msg("%s is not an integer", path);
    return json_integer_value(v);
}

static const char *str_at(json_t *root, const char *path)
{
    json_t *v = at(root, path);
    if (!json_is_string(v))
        fail_msg("%s is not a string", path);
    return json_string_value(v);
}

static void expect_real(json_t *root, const char *path, double expected)
{
    json_t *v = at(root, path);
    if (!json_is_number(v))
        fail_msg("%s is not a number, expected %.12g", path, expected);
    double got = json_number_value(v), diff = got - expected;
    if (diff > 1e-9 || diff < -1e-9)
        fail_msg("%s = %.12g, expected %.12g", path, got, expected);
}

static void expect_null(json_t *root, const char *path)
{
    if (!json_is_null(at(root, path)))
        fail_msg("%s is not null", path);
}

static void expect_text(const char *out, const char *needle)
{
    if (!strstr(out, needle)) {
        fprintf(stderr, "%s\n", out);
        fail_msg("'%s' not in the report (printed above)", needle);
    }
}

/* A row of the overall table: label, period, baseline, change, aligned as the report does. */
static void expect_overall_row(const char *out, const char *label, const char *period,
                               const char *baseline, const char *change)
{
    char line[160];
    snprintf(line, sizeof(line), "\n%-32s %12s %12s %12s\n", label, period, baseline, change);
    expect_text(out, line);
}

/* ---- tests ---- */

static void test_report_figures_match_hand_computed_values(void **state)
{
    struct fixture *f = *state;
    seed(f);
    json_t *r = report_json(f, "2026-03-02", "2026-03-30");

    assert_string_equal(str_at(r, "period.since"), "2026-03-02T00:00:00Z");
    assert_string_equal(str_at(r, "period.until"), "2026-03-30T00:00:00Z");
    assert_string_equal(str_at(r, "baseline.since"), "2026-02-02T00:00:00Z");
    assert_string_equal(str_at(r, "baseline.until"), "2026-03-02T00:00:00Z");

    /* Overall, period vs baseline. */
    assert_int_equal(int_at(r, "overall.period.tickets"), 7);
    assert_int_equal(int_at(r, "overall.period.live"), 6);
    assert_int_equal(int_at(r, "overall.period.shadow"), 1);
    assert_int_equal(int_at(r, "overall.period.accurate"), 3);
    expect_real(r, "overall.period.accuracy", 3.0 / 7.0);
    assert_int_equal(int_at(r, "overall.period.reassigned"), 5);
    expect_real(r, "overall.period.reassignment_rate", 5.0 / 7.0);
    assert_int_equal(int_at(r, "overall.period.first_response_tickets"), 5);
    expect_real(r, "overall.period.first_response_median_min", 30.0);
    expect_real(r, "overall.period.first_response_p90_min", 52.0);
    assert_int_equal(int_at(r, "overall.period.resolved_tickets"), 3);
    expect_real(r, "overall.period.resolution_median_h", 4.0);
    expect_real(r, "overall.period.resolution_p90_h", 5.6);
    assert_int_equal(int_at(r, "overall.baseline.tickets"), 4);
    assert_int_equal(int_at(r, "overall.baseline.shadow"), 1);
    expect_real(r, "overall.baseline.accuracy", 0.75);
    expect_real(r, "overall.baseline.reassignment_rate", 0.25);
    expect_real(r, "overall.baseline.first_response_median_min", 60.0);
    expect_real(r, "overall.baseline.resolution_median_h", 8.0);
    assert_int_equal(int_at(r, "overall.difference.tickets"), 3);
    expect_real(r, "overall.difference.accuracy", 3.0 / 7.0 - 0.75);
    expect_real(r, "overall.difference.first_response_median_min", -30.0);

    /* By mode: live first (more tickets). */
    assert_string_equal(str_at(r, "overall.by_mode.0.mode"), "LIVE");
    assert_int_equal(int_at(r, "overall.by_mode.0.period.tickets"), 6);
    expect_real(r, "overall.by_mode.0.period.accuracy", 2.0 / 6.0);
    assert_string_equal(str_at(r, "overall.by_mode.1.mode"), "SHADOW");
    expect_real(r, "overall.by_mode.1.period.accuracy", 1.0);

    /* By category, most period tickets first; account had no baseline tickets. */
    assert_int_equal(json_array_size(at(r, "by_category")), 3);
    assert_string_equal(str_at(r, "by_category.0.category"), "billing");
    assert_int_equal(int_at(r, "by_category.0.period.tickets"), 4);
    expect_real(r, "by_category.0.period.accuracy", 0.25);
    expect_real(r, "by_category.0.baseline.accuracy", 0.5);
    expect_real(r, "by_category.0.difference.accuracy", -0.25);
    assert_string_equal(str_at(r, "by_category.1.category"), "technical");
    expect_real(r, "by_category.1.period.accuracy", 0.5);
    expect_real(r, "by_category.1.baseline.accuracy", 1.0);
    assert_string_equal(str_at(r, "by_category.2.category"), "account");
    assert_int_equal(int_at(r, "by_category.2.baseline.tickets"), 0);
    expect_null(r, "by_category.2.baseline.accuracy");
    expect_null(r, "by_category.2.difference.accuracy");

    /* By tier: free p4 p5 p7, pro p1 p3 p6, enterprise p2. */
    assert_int_equal(json_array_size(at(r, "by_tier")), 3);
    assert_string_equal(str_at(r, "by_tier.2.tier"), "enterprise");
    expect_real(r, "by_tier.2.period.accuracy", 0.0);
    expect_real(r, "by_tier.2.baseline.accuracy", 1.0);

    /* By ISO week: four weeks each side, week n of the period beside week n of the baseline. */
    assert_int_equal(json_array_size(at(r, "by_week")), 4);
    assert_string_equal(str_at(r, "by_week.0.week"), "2026-W10");
    assert_string_equal(str_at(r, "by_week.0.week_start"), "2026-03-02");
    assert_string_equal(str_at(r, "by_week.0.baseline_week"), "2026-W06");
    assert_int_equal(int_at(r, "by_week.0.period.tickets"), 1);
    assert_int_equal(int_at(r, "by_week.2.period.tickets"), 0);
    expect_null(r, "by_week.2.period.accuracy");
    assert_int_equal(int_at(r, "by_week.2.baseline.tickets"), 1);
    assert_string_equal(str_at(r, "by_week.3.week"), "2026-W13");
    assert_int_equal(int_at(r, "by_week.3.period.tickets"), 5);
    expect_real(r, "by_week.3.period.accuracy", 2.0 / 5.0);

    /* Shadow agreement over the period's comparisons. */
    assert_int_equal(int_at(r, "shadow.compared"), 5);
    assert_int_equal(int_at(r, "shadow.team_known"), 4);
    expect_real(r, "shadow.team_agreement", 0.25);
    expect_real(r, "shadow.agent_agreement", 0.2);
    assert_string_equal(str_at(r, "shadow.by_category.0.category"), "billing");
    expect_real(r, "shadow.by_category.0.team_agreement", 0.5);
    expect_real(r, "shadow.by_category.0.agent_agreement", 1.0 / 3.0);
    expect_real(r, "shadow.by_category.1.team_agreement", 0.0);
    assert_int_equal(json_array_size(at(r, "shadow.disagreements")), 2);
    assert_string_equal(str_at(r, "shadow.disagreements.0.category"), "account");
    assert_string_equal(str_at(r, "shadow.disagreements.0.shadow_team"), "billing");
    assert_string_equal(str_at(r, "shadow.disagreements.0.manual_team"), "account");
    assert_int_equal(int_at(r, "shadow.disagreements.0.count"), 2);

    /* The week's misroutes: p6 and p7 billing -> technical; b2 and p4 flagged. */
    assert_string_equal(str_at(r, "misroutes_week.since"), "2026-03-23T00:00:00Z");
    assert_int_equal(json_array_size(at(r, "misroutes_week.patterns")), 3);
    assert_string_equal(str_at(r, "misroutes_week.patterns.0.category"), "billing");
    assert_string_equal(str_at(r, "misroutes_week.patterns.0.from_team"), "billing");
    assert_string_equal(str_at(r, "misroutes_week.patterns.0.to_kind"), "team");
    assert_string_equal(str_at(r, "misroutes_week.patterns.0.to"), "technical");
    assert_int_equal(int_at(r, "misroutes_week.patterns.0.count"), 2);
    assert_string_equal(str_at(r, "misroutes_week.patterns.1.to_kind"), "category");
    assert_string_equal(str_at(r, "misroutes_week.patterns.2.category"), "technical");
    assert_string_equal(str_at(r, "misroutes_week.patterns.2.to"), "billing");
    assert_int_equal(int_at(r, "misroutes_week.patterns.2.count"), 1);

    /* Feedback: 4 examples in the period, 1 in the baseline. */
    assert_int_equal(int_at(r, "feedback.period"), 4);
    assert_int_equal(int_at(r, "feedback.baseline"), 1);
    assert_string_equal(str_at(r, "feedback.by_source.0.source"), "misroute");
    assert_string_equal(str_at(r, "feedback.by_source.0.label_kind"), "category");
    assert_int_equal(int_at(r, "feedback.by_source.0.period"), 2);
    assert_int_equal(int_at(r, "feedback.by_source.0.baseline"), 1);
    assert_int_equal(json_array_size(at(r, "feedback.by_source")), 3);

    /* Model: the newest published one, and the decisions per version. */
    assert_string_equal(str_at(r, "model.published.model_version"), "m2");
    assert_string_equal(str_at(r, "model.published.published_at"), "2026-03-01T12:00:00Z");
    expect_real(r, "model.published.accuracy", 0.86);
    assert_string_equal(str_at(r, "model.decisions_by_version.0.model_version"), "m2");
    assert_int_equal(int_at(r, "model.decisions_by_version.0.period"), 6);
    assert_int_equal(int_at(r, "model.decisions_by_version.0.baseline"), 0);
    assert_int_equal(int_at(r, "model.decisions_by_version.1.period"), 1);
    assert_int_equal(int_at(r, "model.decisions_by_version.1.baseline"), 4);
    json_decref(r);
}

static void test_report_explicit_baseline_is_used(void **state)
{
    struct fixture *f = *state;
    seed(f);
    /* Baseline = the first week of the period's baseline only: b1. */
    const char *args[] = {
        "report",           "--config",   CONF,         "--json",           "--since",
        "2026-03-02",       "--until",    "2026-03-30", "--baseline-since", "2026-02-02",
        "--baseline-until", "2026-02-09", NULL};
    char *out = report_run(f, args, 0);
    json_t *r = json_loads(out, 0, NULL);
    free(out);
    assert_non_null(r);
    assert_string_equal(str_at(r, "baseline.until"), "2026-02-09T00:00:00Z");
    assert_int_equal(int_at(r, "overall.baseline.tickets"), 1);
    expect_real(r, "overall.baseline.accuracy", 1.0);
    expect_real(r, "overall.difference.accuracy", 3.0 / 7.0 - 1.0);
    json_decref(r);
}

static void test_report_text_has_headings_and_figures(void **state)
{
    struct fixture *f = *state;
    seed(f);
    const char *args[] = {"report",     "--config", CONF,         "--since",
                          "2026-03-02", "--until",  "2026-03-30", NULL};
    char *out = report_run(f, args, 0);
    expect_text(out, "period    2026-03-02 .. 2026-03-30 (28.0 days)");
    expect_text(out, "baseline  2026-02-02 .. 2026-03-02");
    expect_text(out, "\nOverall\n");
    expect_text(out, "By category: routing quality");
    expect_text(out, "By customer tier: speed");
    expect_text(out, "By ISO week");
    expect_text(out, "2026-W13 vs 2026-W09");
    expect_text(out, "Shadow agreement");
    expect_text(out, "Most common misroutes");
    expect_text(out, "Feedback");
    expect_text(out, "Model");
    expect_text(out, "Definitions");
    /* accuracy 3/7 vs 3/4, change -32.1 pp; median first response 30 vs 60 min. */
    expect_overall_row(out, "routing accuracy", "42.9%", "75.0%", "-32.1 pp");
    expect_overall_row(out, "first response median (min)", "30.0", "60.0", "-30.0");
    expect_text(out, "billing -> technical");
    expect_text(out, "published model m2");
    free(out);
}

static void test_report_on_empty_database_has_no_figures(void **state)
{
    struct fixture *f = *state;
    json_t *r = report_json(f, "2026-03-02", "2026-03-30");
    assert_int_equal(int_at(r, "overall.period.tickets"), 0);
    expect_null(r, "overall.period.accuracy");
    expect_null(r, "overall.period.first_response_median_min");
    expect_null(r, "overall.difference.accuracy");
    assert_int_equal(json_array_size(at(r, "by_category")), 0);
    assert_int_equal(json_array_size(at(r, "by_week")), 4);
    assert_int_equal(int_at(r, "shadow.compared"), 0);
    expect_null(r, "shadow.team_agreement");
    expect_null(r, "shadow.agent_agreement");
    assert_int_equal(json_array_size(at(r, "misroutes_week.patterns")), 0);
    assert_int_equal(int_at(r, "feedback.period"), 0);
    expect_null(r, "model.published");
    json_decref(r);

    const char *args[] = {"report", "--config", CONF, "--since", "2026-03-02", NULL};
    char *out = report_run(f, args, 0);
    expect_overall_row(out, "routing accuracy", "-", "-", "-");
    expect_text(out, "published model -");
    free(out);
}

static void test_report_bad_usage_exits_2_and_database_error_exits_1(void **state)
{
    struct fixture *f = *state;
    const char *bad_day[] = {"report", "--config", CONF, "--since", "2026-02-30", NULL};
    free(report_run(f, bad_day, 2));
    const char *not_a_date[] = {"report", "--config", CONF, "--until", "yesterday", NULL};
    free(report_run(f, not_a_date, 2));
    const char *reversed[] = {"report",     "--config", CONF,         "--since",
                              "2026-03-10", "--until",  "2026-03-01", NULL};
    free(report_run(f, reversed, 2));
    const char *half_baseline[] = {"report",           "--config",   CONF,
                                   "--baseline-since", "2026-01-01", NULL};
    free(report_run(f, half_baseline, 2));
    const char *unknown[] = {"report", "--config", CONF, "--weeks", "4", NULL};
    free(report_run(f, unknown, 2));

    /* A database that does not exist: exit 1, and the password in the DSN is not printed. */
    struct fixture other = *f;
    snprintf(other.env.dsn, sizeof(other.env.dsn),
             "host=127.0.0.1 port=5432 user=postgres password=s3cret-pw dbname=%s_missing",
             f->env.db_name);
    const char *args[] = {"report", "--config", CONF, NULL};
    char *out = report_run(&other, args, 1);
    expect_text(out, "ticket-router report: cannot connect to PostgreSQL");
    assert_null(strstr(out, "s3cret-pw"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_report_figures_match_hand_computed_values, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_explicit_baseline_is_used, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_text_has_headings_and_figures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_on_empty_database_has_no_figures, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_report_bad_usage_exits_2_and_database_error_exits_1,
                                        setup, teardown),
    };
    return cmocka_run_group_tests_name("integration.report", tests, NULL, NULL);
}
