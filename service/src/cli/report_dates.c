/* report_dates: the calendar of the report: UTC days, ISO 8601 text and ISO weeks. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/report_internal.h"

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
bool report_day_parse(const char *s, int64_t *out_s)
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
void report_human_format(int64_t s, char *buf, size_t len)
{
    time_t t = (time_t)s;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, len, s % REPORT_DAY_S ? "%Y-%m-%d %H:%M" : "%Y-%m-%d", &tm);
}

void report_span_set(struct span *sp, int64_t lo_s, int64_t hi_s)
{
    sp->lo_s = lo_s;
    sp->hi_s = hi_s;
    iso_format(lo_s, sp->lo, sizeof(sp->lo));
    iso_format(hi_s, sp->hi, sizeof(sp->hi));
}

/* The Monday 00:00 UTC (unix day number) of the week holding unix day d. */
int64_t report_week_monday(int64_t d)
{
    return d - ((d % 7 + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

/* ISO week label ("2026-W44") and start day of the week starting on unix day monday. */
void report_week_label(int64_t monday, char *label, size_t label_len, char *start, size_t start_len)
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

int64_t report_span_weeks(const struct span *sp)
{
    int64_t first = report_week_monday(sp->lo_s / REPORT_DAY_S);
    int64_t last = report_week_monday((sp->hi_s - 1) / REPORT_DAY_S);
    return (last - first) / 7 + 1;
}
