/* report_internal: the parts of `report` (cmd_report.c: options and output). report_dates.c:
 * UTC days and ISO weeks; report_gather.c: the figures, from PostgreSQL into one JSON object;
 * report_text.c: that object as tables. Definitions: docs/report.md.
 * Threads: main thread only. */
#ifndef TR_CLI_REPORT_INTERNAL_H
#define TR_CLI_REPORT_INTERNAL_H

#include <jansson.h>
#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REPORT_DAY_S INT64_C(86400)

/* A half-open interval [lo, hi) in unix seconds, and the same as ISO 8601 UTC text. */
struct span {
    int64_t lo_s, hi_s;
    char lo[32], hi[32];
};

/* One report: the spans it compares, and once gathered the connection and the figures.
 * Start from {0}; report_clear() releases what it holds. */
struct report {
    PGconn *conn;
    struct span period, baseline;
    json_t *root; /* the whole report, as --json prints it */
};

/* ---- report_dates.c ---- */

/* "YYYY-MM-DD" (1970..9999, a real day) to the unix seconds of its UTC midnight. */
bool report_day_parse(const char *s, int64_t *out_s);

/* A day as "YYYY-MM-DD", or with the time when it is not midnight. */
void report_human_format(int64_t s, char *buf, size_t len);

/* sp = [lo_s, hi_s), with its ISO 8601 text. */
void report_span_set(struct span *sp, int64_t lo_s, int64_t hi_s);

/* The Monday 00:00 UTC (unix day number) of the week holding unix day d. */
int64_t report_week_monday(int64_t d);

/* ISO week label ("2026-W44") and start day of the week starting on unix day monday. */
void report_week_label(int64_t monday, char *label, size_t label_len, char *start,
                       size_t start_len);

/* How many weeks (Monday to Sunday) sp touches. */
int64_t report_span_weeks(const struct span *sp);

/* ---- report_gather.c ---- */

/* Connect to dsn, open one read-only snapshot in UTC and gather every section of r->period
 * against r->baseline into r->root. False after printing why. Either way the caller calls
 * report_clear(). */
bool report_gather(struct report *r, const char *dsn);

/* Release the figures and close the connection (both may be unset). */
void report_clear(struct report *r);

/* ---- report_text.c ---- */

/* Print the gathered report to stdout as tables, with the definitions. */
void report_text_render(const struct report *r);

#endif
