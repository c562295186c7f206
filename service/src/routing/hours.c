/* hours: a team's business hours in the team's zone.
 *
 * Semantics, all in local time of hours->zone (NULL: UTC):
 * - start < end: open on a day in days_mask from start to end, [start, end); end 1440 is the
 *   next midnight. Open around the clock is 0-1440.
 * - end < start: the hours cross midnight and belong to the day they start: Fri 22:00-06:00
 *   with Friday in days_mask is open Fri 22:00-24:00 and Sat 00:00-06:00, whether or not
 *   Saturday is in days_mask. end 0 (e.g. 22:00-00:00) means until midnight.
 * - start == end: closed (an empty interval, never "24 hours", which 0-1440 already says).
 * - start outside 0..1439, end outside 0..1440, or no day in bits 1..7 of days_mask: never
 *   open, and team_hours_next_open returns 0.
 * Being open is a function of the local weekday and minute, so when clocks go back an hour the
 * repeated local hour counts twice, and when they go forward the skipped hour never happens:
 * an opening at 02:30 on the spring-forward day opens at the first minute that exists, 03:00. */
#include "routing/routing.h"

#define MIN_MS INT64_C(60000)
#define DAY_MIN 1440
/* A week finds the next start; one more covers a week whose only opening fell into a skipped
 * hour (Sunday 02:30-03:00 on the spring-forward Sunday opens the Sunday after). */
#define SCAN_MS (INT64_C(15) * DAY_MIN * MIN_MS)

static bool hours_valid(const struct team_hours *hours)
{
    return hours->start_min >= 0 && hours->start_min < DAY_MIN && hours->end_min >= 0 &&
           hours->end_min <= DAY_MIN && hours->start_min != hours->end_min &&
           (hours->days_mask & 0xFEu) != 0;
}

static bool day_in_mask(const struct team_hours *hours, int iso_weekday)
{
    return (hours->days_mask >> iso_weekday) & 1u;
}

static bool local_is_open(const struct team_hours *hours, const struct tz_local *local)
{
    int minute = local->minute_of_day;
    if (hours->start_min < hours->end_min)
        return day_in_mask(hours, local->iso_weekday) && minute >= hours->start_min &&
               minute < hours->end_min;
    /* Across midnight: this evening's hours, or the tail of those that began yesterday. */
    int yesterday = local->iso_weekday == 1 ? 7 : local->iso_weekday - 1;
    return (day_in_mask(hours, local->iso_weekday) && minute >= hours->start_min) ||
           (day_in_mask(hours, yesterday) && minute < hours->end_min);
}

bool team_hours_open(const struct team_hours *hours, int64_t unix_ms)
{
    if (!hours_valid(hours))
        return false;
    struct tz_local local;
    tz_local(hours->zone, unix_ms, &local);
    return local_is_open(hours, &local);
}

/* The first millisecond in (lo, hi] whose UTC offset differs from the one at lo, given that
 * the offset at hi differs. Zones change offset at most a few times a year, so within the
 * few days scanned there is one change between lo and hi. */
static int64_t offset_change_find(const struct tz_zone *zone, int64_t lo, int64_t hi)
{
    struct tz_local local;
    tz_local(zone, lo, &local);
    int32_t offset_s = local.offset_s;
    while (hi - lo > 1) {
        int64_t mid = lo + (hi - lo) / 2;
        tz_local(zone, mid, &local);
        if (local.offset_s == offset_s)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

/* Milliseconds from the local time in local (at unix_ms) to the next start of the hours on a
 * day in days_mask, assuming the UTC offset stays as it is. The result is > 0 when closed. */
static int64_t next_start_delta_ms(const struct team_hours *hours, const struct tz_local *local,
                                   int64_t unix_ms)
{
    /* Milliseconds into the current local minute; offsets may have seconds (LMT). */
    int64_t local_ms = unix_ms + (int64_t)local->offset_s * 1000;
    int64_t into_minute_ms = ((local_ms % MIN_MS) + MIN_MS) % MIN_MS;
    for (int k = 0; k <= 7; k++) {
        int weekday = (local->iso_weekday - 1 + k) % 7 + 1;
        int minutes = k * DAY_MIN + hours->start_min - local->minute_of_day;
        if (minutes > 0 && day_in_mask(hours, weekday))
            return minutes * MIN_MS - into_minute_ms;
    }
    return SCAN_MS + 1; /* not reached: hours_valid() guarantees a day within a week */
}

/* Closed to open happens either at a start time or where the offset changes (the clock
 * jumps into the hours). Step from start to start, assuming a constant offset; when the offset
 * at the guess differs, the jump lies between, so look at the instant of the change first. */
int64_t team_hours_next_open(const struct team_hours *hours, int64_t unix_ms)
{
    if (!hours_valid(hours) || unix_ms > INT64_MAX - 3 * SCAN_MS)
        return 0;
    int64_t cur = unix_ms;
    for (int step = 0; step < 32 && cur - unix_ms <= SCAN_MS; step++) {
        struct tz_local local, guess_local;
        tz_local(hours->zone, cur, &local);
        if (local_is_open(hours, &local))
            return cur;
        int64_t guess = cur + next_start_delta_ms(hours, &local, cur);
        tz_local(hours->zone, guess, &guess_local);
        cur = guess_local.offset_s == local.offset_s ? guess
                                                     : offset_change_find(hours->zone, cur, guess);
    }
    return 0;
}
