/* report: routing quality for a support lead, read from PostgreSQL (decisions, ticket_events,
 * shadow_comparisons, training_examples, models). Read-only, in one REPEATABLE READ snapshot.
 * The figures are computed in SQL and gathered into one JSON object; --json prints it, the text
 * form renders the same object as tables. Definitions: docs/report.md. This file has the
 * options and the output; the parts are in report_internal.h. */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/cli_internal.h"
#include "cli/report_internal.h"

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

static bool opt_day(const char *const *opt, int which, int64_t *out_s, bool *given)
{
    const char *v = opt[which];
    *given = v != NULL;
    if (v && !report_day_parse(v, out_s)) {
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
    report_span_set(period, lo, hi);
    report_span_set(baseline, blo, bhi);
    return true;
}

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
    if (!report_gather(&r, cfg.pg_dsn))
        goto out;
    if (opt[OPT_JSON]) {
        if (json_dumpf(r.root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(12)) != 0)
            goto out;
        putchar('\n');
    } else {
        report_text_render(&r);
    }
    if (fflush(stdout) != 0) {
        perror("ticket-router report: stdout");
        goto out;
    }
    status = 0;
out:
    report_clear(&r);
    config_clear(&cfg);
    return status;
}
