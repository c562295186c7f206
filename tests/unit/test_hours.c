/* test_hours: team business hours (team_hours_open, team_hours_next_open) in UTC,
 * Europe/Berlin, America/New_York, Asia/Kathmandu and Australia/Sydney, across weekends,
 * overnight hours and daylight saving changes. Expected instants were computed independently
 * with GNU date, e.g. `TZ=Europe/Berlin date -d @1711954800`. Pure: no servers. */
#include "test_support.h"

#include <stdio.h>
#include <string.h>

#include "common/tz.h"
#include "routing/routing.h"

#define S(unix_s) ((int64_t)(unix_s)*1000)
#define MON (1u << 1)
#define TUE (1u << 2)
#define WED (1u << 3)
#define THU (1u << 4)
#define FRI (1u << 5)
#define SAT (1u << 6)
#define SUN (1u << 7)
#define WEEKDAYS (MON | TUE | WED | THU | FRI)
#define EVERY_DAY (WEEKDAYS | SAT | SUN)

static tz_zone *zone_load(const char *name)
{
    char err[256] = "";
    tz_zone *zone = tz_zone_load(NULL, name, err, sizeof(err));
    if (!zone)
        fail_msg("tz_zone_load %s: %s", name, err);
    return zone;
}

static struct team_hours hours_make(int start_min, int end_min, unsigned days_mask,
                                    const tz_zone *zone)
{
    return (struct team_hours){
        .start_min = start_min, .end_min = end_min, .days_mask = days_mask, .zone = zone};
}

#define assert_open(hours, ms) assert_true(team_hours_open((hours), (ms)))
#define assert_closed(hours, ms) assert_false(team_hours_open((hours), (ms)))

/* ---- open / closed ---- */

static void test_open_edges_in_utc(void **state)
{
    (void)state;
    struct team_hours hours = hours_make(9 * 60, 17 * 60, WEEKDAYS, NULL);
    const int64_t wed_0900 = S(1711530000); /* 2024-03-27 09:00Z, a Wednesday */
    assert_closed(&hours, wed_0900 - 1);
    assert_open(&hours, wed_0900);
    assert_open(&hours, wed_0900 + S(8 * 3600) - 1); /* 16:59:59.999 */
    assert_closed(&hours, wed_0900 + S(8 * 3600));   /* 17:00: end is exclusive */
}

static void test_closed_on_the_weekend(void **state)
{
    (void)state;
    struct team_hours hours = hours_make(9 * 60, 17 * 60, WEEKDAYS, NULL);
    assert_closed(&hours, S(1711800000)); /* Sat 2024-03-30 12:00Z */
    assert_closed(&hours, S(1711886400)); /* Sun 2024-03-31 12:00Z */
    assert_open(&hours, S(1711972800));   /* Mon 2024-04-01 12:00Z */
}

static void test_open_edges_in_each_zone(void **state)
{
    (void)state;
    static const struct {
        const char *zone;
        int64_t open_s;  /* a weekday's 09:00 local */
        int64_t close_s; /* the same day's 17:00 local */
    } CASES[] = {
        {"Europe/Berlin", 1711526400, 1711555200},    /* Wed 2024-03-27, +01:00 */
        {"America/New_York", 1709906400, 1709935200}, /* Fri 2024-03-08, -05:00 */
        {"Asia/Kathmandu", 1718594100, 1718622900},   /* Mon 2024-06-17, +05:45 */
        {"Australia/Sydney", 1712268000, 1712296800}, /* Fri 2024-04-05, +11:00 */
    };
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); i++) {
        tz_zone *zone = zone_load(CASES[i].zone);
        struct team_hours hours = hours_make(9 * 60, 17 * 60, WEEKDAYS, zone);
        if (team_hours_open(&hours, S(CASES[i].open_s) - 1) ||
            !team_hours_open(&hours, S(CASES[i].open_s)) ||
            !team_hours_open(&hours, S(CASES[i].close_s) - 1) ||
            team_hours_open(&hours, S(CASES[i].close_s)))
            fail_msg("%s: wrong edges around %lld..%lld", CASES[i].zone, (long long)CASES[i].open_s,
                     (long long)CASES[i].close_s);
        tz_zone_free(zone);
    }
}

static void test_end_1440_is_midnight(void **state)
{
    (void)state;
    struct team_hours evening = hours_make(20 * 60, 1440, SAT, NULL);
    const int64_t sat_2000 = S(1711828800); /* Sat 2024-03-30 20:00Z */
    assert_closed(&evening, sat_2000 - 1);
    assert_open(&evening, sat_2000);
    assert_open(&evening, sat_2000 + S(4 * 3600) - 1); /* 23:59:59.999 */
    assert_closed(&evening, sat_2000 + S(4 * 3600));   /* Sun 00:00 */

    struct team_hours always = hours_make(0, 1440, EVERY_DAY, NULL);
    for (int64_t t = S(1711800000); t < S(1711800000 + 7 * 86400); t += S(997))
        assert_open(&always, t);
}

static void test_overnight_hours_belong_to_the_day_they_start(void **state)
{
    (void)state;
    struct team_hours hours = hours_make(22 * 60, 6 * 60, FRI, NULL);
    assert_closed(&hours, S(1711749600) - 1); /* Fri 2024-03-29 21:59:59.999 */
    assert_open(&hours, S(1711749600));       /* Fri 22:00 */
    assert_open(&hours, S(1711756800));       /* Sat 00:00, Saturday not in the mask */
    assert_open(&hours, S(1711778400) - 1);   /* Sat 05:59:59.999 */
    assert_closed(&hours, S(1711778400));     /* Sat 06:00 */
    assert_closed(&hours, S(1711836000));     /* Sat 22:00: Saturday's own hours are off */
    assert_closed(&hours, S(1711688400));     /* Fri 05:00: Thursday is off */

    /* Sunday night runs into Monday morning across the week's end. */
    struct team_hours sunday = hours_make(22 * 60, 6 * 60, SUN, NULL);
    assert_open(&sunday, S(1711922400)); /* Sun 2024-03-31 22:00 */
    assert_open(&sunday, S(1711940400)); /* Mon 2024-04-01 03:00 */

    /* End 0 with a later start: until midnight. */
    struct team_hours to_midnight = hours_make(22 * 60, 0, FRI, NULL);
    assert_open(&to_midnight, S(1711756800) - 1);
    assert_closed(&to_midnight, S(1711756800));
}

static void test_start_equal_end_is_closed(void **state)
{
    (void)state;
    struct team_hours hours = hours_make(9 * 60, 9 * 60, EVERY_DAY, NULL);
    assert_closed(&hours, S(1711530000));
    assert_closed(&hours, S(1711530000) + 1);
    assert_int_equal(team_hours_next_open(&hours, S(1711530000)), 0);
}

static void test_invalid_hours_never_open(void **state)
{
    (void)state;
    const struct team_hours bad[] = {
        hours_make(-1, 600, EVERY_DAY, NULL),
        hours_make(1440, 600, EVERY_DAY, NULL),
        hours_make(540, 1441, EVERY_DAY, NULL),
        hours_make(540, 1020, 1u, NULL), /* bit 0 is no weekday */
        hours_make(540, 1020, 1u << 8, NULL),
        hours_make(0, 0, 0, NULL), /* a zeroed struct */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (team_hours_open(&bad[i], S(1711530000)) ||
            team_hours_next_open(&bad[i], S(1711530000)) != 0)
            fail_msg("hours #%zu (%d-%d mask 0x%x) should never open", i, bad[i].start_min,
                     bad[i].end_min, bad[i].days_mask);
    }
}

/* ---- daylight saving: 09:00 local is a different UTC instant before and after ---- */

static void test_berlin_dst_moves_the_utc_opening(void **state)
{
    (void)state;
    tz_zone *zone = zone_load("Europe/Berlin");
    struct team_hours hours = hours_make(9 * 60, 17 * 60, WEEKDAYS, zone);
    /* Wed 2024-03-27 (CET): 09:00 is 08:00Z; Wed 2024-04-03 (CEST): 09:00 is 07:00Z. */
    assert_closed(&hours, S(1711524600)); /* 07:30Z = 08:30 CET */
    assert_open(&hours, S(1711526400));
    assert_closed(&hours, S(1712127600) - 1);
    assert_open(&hours, S(1712127600));
    assert_open(&hours, S(1712129400)); /* 07:30Z = 09:30 CEST */
    /* Autumn: Mon 2024-10-28 (CET) opens at 08:00Z again. */
    assert_closed(&hours, S(1730102400) - 1);
    assert_open(&hours, S(1730102400));
    tz_zone_free(zone);
}

static void test_new_york_dst_moves_the_utc_opening(void **state)
{
    (void)state;
    tz_zone *zone = zone_load("America/New_York");
    struct team_hours hours = hours_make(9 * 60, 17 * 60, WEEKDAYS, zone);
    /* Fri 2024-03-08 (EST): 14:00Z; Mon 2024-03-11 (EDT): 13:00Z. */
    assert_closed(&hours, S(1709904600)); /* Fri 13:30Z = 08:30 EST */
    assert_open(&hours, S(1709906400));
    assert_closed(&hours, S(1710162000) - 1);
    assert_open(&hours, S(1710162000));
    assert_open(&hours, S(1710163800)); /* Mon 13:30Z = 09:30 EDT */
    /* Fri 2024-11-01 (EDT): 13:00Z; Mon 2024-11-04 (EST): 14:00Z. */
    assert_open(&hours, S(1730466000));
    assert_closed(&hours, S(1730728800) - S(1800)); /* 13:30Z = 08:30 EST */
    assert_open(&hours, S(1730728800));
    tz_zone_free(zone);
}

/* ---- next_open ---- */

static void test_next_open_is_now_when_open(void **state)
{
    (void)state;
    struct team_hours hours = hours_make(9 * 60, 17 * 60, WEEKDAYS, NULL);
    assert_int_equal(team_hours_next_open(&hours, S(1711530000) + 123), S(1711530000) + 123);
}

static void test_next_open_later_today_and_across_weekend(void **state)
{
    (void)state;
    struct team_hours hours = hours_make(9 * 60, 17 * 60, WEEKDAYS, NULL);
    /* Wed 2024-03-27 06:00:30.250Z -> 09:00Z the same day. */
    assert_int_equal(team_hours_next_open(&hours, S(1711519230) + 250), S(1711530000));
    /* Fri 2024-03-29 17:00Z -> Mon 2024-04-01 09:00Z. */
    assert_int_equal(team_hours_next_open(&hours, S(1711731600)), S(1711962000));
    /* Overnight Friday hours: from Sat 06:00 the next opening is next Friday 22:00. */
    struct team_hours night = hours_make(22 * 60, 6 * 60, FRI, NULL);
    assert_int_equal(team_hours_next_open(&night, S(1711778400)), S(1712354400));
}

static void test_next_open_across_weekend_and_dst_change(void **state)
{
    (void)state;
    static const struct {
        const char *zone;
        int64_t from_s, want_s;
    } CASES[] = {
        /* Fri 17:00 CET -> Mon 09:00 CEST (spring forward on Sunday 2024-03-31) */
        {"Europe/Berlin", 1711728000, 1711954800},
        /* Fri 17:00 CEST -> Mon 09:00 CET (fall back on Sunday 2024-10-27) */
        {"Europe/Berlin", 1729868400, 1730102400},
        /* Fri 17:00 EST -> Mon 09:00 EDT (2024-03-10) */
        {"America/New_York", 1709935200, 1710162000},
        /* Fri 17:00 EDT -> Mon 09:00 EST (2024-11-03) */
        {"America/New_York", 1730494800, 1730728800},
        /* Fri 17:00 AEDT -> Mon 09:00 AEST (2024-04-07) */
        {"Australia/Sydney", 1712296800, 1712530800},
        /* Fri 17:00 AEST -> Mon 09:00 AEDT (2024-10-06) */
        {"Australia/Sydney", 1728025200, 1728252000},
    };
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); i++) {
        tz_zone *zone = zone_load(CASES[i].zone);
        struct team_hours hours = hours_make(9 * 60, 17 * 60, WEEKDAYS, zone);
        int64_t got = team_hours_next_open(&hours, S(CASES[i].from_s));
        tz_zone_free(zone);
        if (got != S(CASES[i].want_s))
            fail_msg("%s from %lld: next open %lld, want %lld", CASES[i].zone,
                     (long long)CASES[i].from_s, (long long)got, (long long)S(CASES[i].want_s));
    }
}

static void test_next_open_in_spring_forward_gap(void **state)
{
    (void)state;
    /* Sunday hours from 02:30, a time that does not exist on the change day: they open at the
     * first minute that does, 03:00 local (the change instant). */
    tz_zone *berlin = zone_load("Europe/Berlin");
    struct team_hours hours = hours_make(2 * 60 + 30, 5 * 60, SUN, berlin);
    assert_int_equal(team_hours_next_open(&hours, S(1711800000)), S(1711846800));
    assert_closed(&hours, S(1711846800) - 1); /* 01:59:59.999 CET */
    assert_open(&hours, S(1711846800));       /* 03:00 CEST */
    /* Hours wholly inside the skipped hour do not happen that Sunday: the Sunday after. */
    struct team_hours in_gap = hours_make(2 * 60 + 30, 3 * 60, SUN, berlin);
    assert_int_equal(team_hours_next_open(&in_gap, S(1711800000)), S(1712449800));
    tz_zone_free(berlin);

    tz_zone *new_york = zone_load("America/New_York");
    hours = hours_make(2 * 60 + 30, 5 * 60, SUN, new_york);
    assert_int_equal(team_hours_next_open(&hours, S(1709985600)), S(1710054000));
    tz_zone_free(new_york);
}

static void test_next_open_in_repeated_hour(void **state)
{
    (void)state;
    tz_zone *zone = zone_load("Europe/Berlin");
    /* 02:30 on the fall-back day happens twice; the first time counts. */
    struct team_hours sunday = hours_make(2 * 60 + 30, 4 * 60, SUN, zone);
    assert_int_equal(team_hours_next_open(&sunday, S(1729944000)), S(1729989000));
    /* Hours ending inside the repeated hour open again when the clock goes back:
     * closed at 02:45 CEST, open from 02:00 CET (the change instant). */
    struct team_hours early = hours_make(60, 2 * 60 + 30, EVERY_DAY, zone);
    assert_closed(&early, S(1729989900));
    assert_int_equal(team_hours_next_open(&early, S(1729989900)), S(1729990800));
    tz_zone_free(zone);
}

static void test_next_open_without_open_days_is_zero(void **state)
{
    (void)state;
    struct team_hours hours = hours_make(9 * 60, 17 * 60, 0, NULL);
    assert_false(team_hours_open(&hours, S(1711530000)));
    assert_int_equal(team_hours_next_open(&hours, S(1711530000)), 0);
}

/* Whatever the zone and the starting instant, next_open is open, and nothing in between is:
 * checked every hour or so over eight days around each change of 2024. */
static void test_next_open_agrees_with_open(void **state)
{
    (void)state;
    static const char *const ZONES[] = {"Europe/Berlin", "America/New_York", "Australia/Sydney",
                                        "Asia/Kathmandu"};
    /* Eight days from 2024-03-26, 10-22, 03-05, 10-29, 04-02 and 10-01: each change of 2024. */
    static const int64_t FROM_S[] = {1711411200, 1729555200, 1709596800,
                                     1730160000, 1712016000, 1727740800};
    const struct team_hours shapes[] = {
        hours_make(9 * 60, 17 * 60, WEEKDAYS, NULL), hours_make(2 * 60 + 30, 3 * 60, SUN, NULL),
        hours_make(22 * 60, 6 * 60, FRI | SAT, NULL), hours_make(0, 1440, SAT, NULL),
        hours_make(23 * 60 + 59, 1, TUE, NULL)};
    for (size_t z = 0; z < sizeof(ZONES) / sizeof(ZONES[0]); z++) {
        tz_zone *zone = zone_load(ZONES[z]);
        for (size_t s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++) {
            struct team_hours hours = shapes[s];
            hours.zone = zone;
            for (size_t f = 0; f < sizeof(FROM_S) / sizeof(FROM_S[0]); f++) {
                for (int64_t t = S(FROM_S[f]); t < S(FROM_S[f] + 8 * 86400); t += S(3607) + 13) {
                    int64_t next = team_hours_next_open(&hours, t);
                    bool ok = next >= t && team_hours_open(&hours, next);
                    /* Nothing opens earlier: check the minute before (or t itself). */
                    if (ok && next > t)
                        ok = !team_hours_open(&hours, next - 1) &&
                             !team_hours_open(&hours, next > t + 60000 ? next - 60000 : t);
                    if (!ok) {
                        tz_zone_free(zone);
                        fail_msg("%s shape %zu from %lld: next open %lld", ZONES[z], s,
                                 (long long)t, (long long)next);
                    }
                }
            }
        }
        tz_zone_free(zone);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_edges_in_utc),
        cmocka_unit_test(test_closed_on_the_weekend),
        cmocka_unit_test(test_open_edges_in_each_zone),
        cmocka_unit_test(test_end_1440_is_midnight),
        cmocka_unit_test(test_overnight_hours_belong_to_the_day_they_start),
        cmocka_unit_test(test_start_equal_end_is_closed),
        cmocka_unit_test(test_invalid_hours_never_open),
        cmocka_unit_test(test_berlin_dst_moves_the_utc_opening),
        cmocka_unit_test(test_new_york_dst_moves_the_utc_opening),
        cmocka_unit_test(test_next_open_is_now_when_open),
        cmocka_unit_test(test_next_open_later_today_and_across_weekend),
        cmocka_unit_test(test_next_open_across_weekend_and_dst_change),
        cmocka_unit_test(test_next_open_in_spring_forward_gap),
        cmocka_unit_test(test_next_open_in_repeated_hour),
        cmocka_unit_test(test_next_open_without_open_days_is_zero),
        cmocka_unit_test(test_next_open_agrees_with_open),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
