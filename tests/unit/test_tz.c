/* test_tz: TZif zones from /usr/share/zoneinfo and the POSIX TZ footer rule. Expected values
 * were computed independently with GNU date and glibc, e.g. `TZ=Europe/Berlin date -d @1711846800`
 * and `TZ='AAA3BBB,J60/2,J300/2' date -d @4107560400`. Pure: no servers. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/error.h"
#include "common/tz.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* One expected local time at a unix second. */
struct want {
    int64_t unix_s;
    int32_t offset_s;
    int is_dst;
    int year, month, day, iso_weekday, hour, minute;
};

static void check_wants(const tz_zone *zone, const struct want *wants, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct want *w = &wants[i];
        struct tz_local local;
        memset(&local, 0x5a, sizeof(local));
        tz_local(zone, w->unix_s * 1000, &local);
        if (local.offset_s != w->offset_s || local.is_dst != w->is_dst || local.year != w->year ||
            local.month != w->month || local.day != w->day || local.iso_weekday != w->iso_weekday ||
            local.minute_of_day != w->hour * 60 + w->minute)
            fail_msg("%s at %lld: got offset %d dst %d %04d-%02d-%02d wd %d min %d, "
                     "want offset %d dst %d %04d-%02d-%02d wd %d min %d",
                     tz_zone_name(zone), (long long)w->unix_s, local.offset_s, local.is_dst,
                     local.year, local.month, local.day, local.iso_weekday, local.minute_of_day,
                     w->offset_s, w->is_dst, w->year, w->month, w->day, w->iso_weekday,
                     w->hour * 60 + w->minute);
    }
}

static tz_zone *load_or_fail(const char *dir, const char *name)
{
    char err[256] = "";
    tz_zone *zone = tz_zone_load(dir, name, err, sizeof(err));
    if (!zone)
        fail_msg("tz_zone_load %s: %s", name, err);
    assert_string_equal(tz_zone_name(zone), name);
    return zone;
}

static void check_zone(const char *name, const struct want *wants, size_t n)
{
    tz_zone *zone = load_or_fail(NULL, name);
    check_wants(zone, wants, n);
    tz_zone_free(zone);
}

/* ---- synthetic TZif files in a temporary directory ---- */

struct tmpdir {
    char path[64];
};

static void tmpdir_make(struct tmpdir *dir)
{
    snprintf(dir->path, sizeof(dir->path), "/tmp/test_tz.XXXXXX");
    assert_non_null(mkdtemp(dir->path));
}

static void tmpdir_write(const struct tmpdir *dir, const char *name, const void *data, size_t len)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/%s", dir->path, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void tmpdir_remove(const struct tmpdir *dir, const char *const *names, size_t n)
{
    char path[128];
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir->path, names[i]);
        assert_int_equal(unlink(path), 0);
    }
    assert_int_equal(rmdir(dir->path), 0);
}

static size_t put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
    return 4;
}

/* A header with no transitions, one time type of offset_s, designation "AAA", leap_count
 * leap records, followed by its data block (time_size 4 or 8). */
static size_t put_block(unsigned char *p, char version, int32_t offset_s, uint32_t leap_count,
                        size_t time_size)
{
    size_t n = 0;
    memcpy(p, "TZif", 4);
    p[4] = (unsigned char)version;
    memset(p + 5, 0, 15);
    n = 20;
    n += put32(p + n, 0);          /* isut */
    n += put32(p + n, 0);          /* isstd */
    n += put32(p + n, leap_count); /* leap */
    n += put32(p + n, 0);          /* time */
    n += put32(p + n, 1);          /* type */
    n += put32(p + n, 4);          /* chars */
    n += put32(p + n, (uint32_t)offset_s);
    p[n++] = 0; /* isdst */
    p[n++] = 0; /* designation index */
    memcpy(p + n, "AAA", 4);
    n += 4;
    for (uint32_t i = 0; i < leap_count; i++) {
        memset(p + n, 0, time_size + 4);
        n += time_size + 4;
    }
    return n;
}

/* A slim TZif v2 file: no transitions at all, only the footer decides. */
static size_t tzif_slim(unsigned char *buf, int32_t offset_s, const char *footer)
{
    size_t n = put_block(buf, '2', offset_s, 0, 4);
    n += put_block(buf + n, '2', offset_s, 0, 8);
    n += (size_t)sprintf((char *)buf + n, "\n%s\n", footer);
    return n;
}

static tz_zone *slim_zone(const char *footer, int32_t offset_s)
{
    struct tmpdir dir;
    unsigned char buf[512];
    const char *names[] = {"Slim"};
    tmpdir_make(&dir);
    tmpdir_write(&dir, "Slim", buf, tzif_slim(buf, offset_s, footer));
    tz_zone *zone = load_or_fail(dir.path, "Slim");
    tmpdir_remove(&dir, names, N_OF(names));
    return zone;
}

/* ---- known instants in the system's zones ---- */

static void test_utc_epoch_leap_day_and_far_future(void **state)
{
    (void)state;
    const struct want wants[] = {
        {0, 0, 0, 1970, 1, 1, 4, 0, 0},
        {-1, 0, 0, 1969, 12, 31, 3, 23, 59},
        {951827640, 0, 0, 2000, 2, 29, 2, 12, 34},
        {4107542400, 0, 0, 2100, 3, 1, 1, 0, 0},
    };
    check_zone("UTC", wants, N_OF(wants));
}

static void test_milliseconds_before_epoch_round_down(void **state)
{
    (void)state;
    struct tz_local local;
    tz_local(NULL, -1, &local); /* NULL zone is UTC */
    assert_int_equal(local.year, 1969);
    assert_int_equal(local.day, 31);
    assert_int_equal(local.minute_of_day, 23 * 60 + 59);
    tz_local(NULL, 59999, &local);
    assert_int_equal(local.minute_of_day, 0);
    tz_local(NULL, 60000, &local);
    assert_int_equal(local.minute_of_day, 1);
}

static void test_fixed_zone_applies_its_offset(void **state)
{
    (void)state;
    tz_zone *zone = tz_zone_fixed("+0545", 5 * 3600 + 45 * 60);
    assert_non_null(zone);
    assert_string_equal(tz_zone_name(zone), "+0545");
    const struct want wants[] = {{1718452800, 20700, 0, 2024, 6, 15, 6, 17, 45}};
    check_wants(zone, wants, N_OF(wants));
    tz_zone_free(zone);

    zone = tz_zone_fixed(NULL, 0);
    assert_non_null(zone);
    assert_string_equal(tz_zone_name(zone), "UTC");
    tz_zone_free(zone);
    tz_zone_free(NULL);
}

static void test_berlin_spring_forward(void **state)
{
    (void)state;
    const struct want wants[] = {
        {1711846799, 3600, 0, 2024, 3, 31, 7, 1, 59}, /* 01:59:59 CET */
        {1711846800, 7200, 1, 2024, 3, 31, 7, 3, 0},  /* 03:00 CEST: 02:xx does not exist */
        {1711526400, 3600, 0, 2024, 3, 27, 3, 9, 0},
        {1712127600, 7200, 1, 2024, 4, 3, 3, 9, 0},
    };
    check_zone("Europe/Berlin", wants, N_OF(wants));
}

static void test_berlin_fall_back(void **state)
{
    (void)state;
    const struct want wants[] = {
        {1729990799, 7200, 1, 2024, 10, 27, 7, 2, 59}, /* 02:59:59 CEST */
        {1729990800, 3600, 0, 2024, 10, 27, 7, 2, 0},  /* 02:00 CET again */
        {1730102400, 3600, 0, 2024, 10, 28, 1, 9, 0},
    };
    check_zone("Europe/Berlin", wants, N_OF(wants));
}

static void test_new_york_both_ways(void **state)
{
    (void)state;
    const struct want wants[] = {
        {1710053999, -18000, 0, 2024, 3, 10, 7, 1, 59},
        {1710054000, -14400, 1, 2024, 3, 10, 7, 3, 0},
        {1730613599, -14400, 1, 2024, 11, 3, 7, 1, 59},
        {1730613600, -18000, 0, 2024, 11, 3, 7, 1, 0},
    };
    check_zone("America/New_York", wants, N_OF(wants));
}

static void test_kathmandu_quarter_hour_offset(void **state)
{
    (void)state;
    const struct want wants[] = {
        {504901799, 19800, 0, 1985, 12, 31, 2, 23, 59}, /* +05:30 until 1986 */
        {504901800, 20700, 0, 1986, 1, 1, 3, 0, 15},    /* then +05:45 */
        {1718452800, 20700, 0, 2024, 6, 15, 6, 17, 45},
        {4102444800, 20700, 0, 2100, 1, 1, 5, 5, 45}, /* footer "<+0545>-5:45" */
    };
    check_zone("Asia/Kathmandu", wants, N_OF(wants));
}

static void test_sydney_dst_across_new_year(void **state)
{
    (void)state;
    const struct want wants[] = {
        {1712419199, 39600, 1, 2024, 4, 7, 7, 2, 59}, /* AEDT ends in April */
        {1712419200, 36000, 0, 2024, 4, 7, 7, 2, 0},
        {1728143999, 36000, 0, 2024, 10, 6, 7, 1, 59}, /* and starts in October */
        {1728144000, 39600, 1, 2024, 10, 6, 7, 3, 0},
        {1735649999, 39600, 1, 2024, 12, 31, 2, 23, 59}, /* DST through new year */
        {1735650000, 39600, 1, 2025, 1, 1, 3, 0, 0},
    };
    check_zone("Australia/Sydney", wants, N_OF(wants));
}

/* The system files list transitions up to 2037; 2100 is decided by their footers alone. */
static void test_footer_rule_in_year_2100(void **state)
{
    (void)state;
    const struct want berlin[] = {
        {4109878799, 3600, 0, 2100, 3, 28, 7, 1, 59}, {4109878800, 7200, 1, 2100, 3, 28, 7, 3, 0},
        {4118126400, 7200, 1, 2100, 7, 1, 4, 14, 0},  {4128627599, 7200, 1, 2100, 10, 31, 7, 2, 59},
        {4128627600, 3600, 0, 2100, 10, 31, 7, 2, 0},
    };
    const struct want new_york[] = {
        {4108690799, -18000, 0, 2100, 3, 14, 7, 1, 59},
        {4108690800, -14400, 1, 2100, 3, 14, 7, 3, 0},
        {4129250399, -14400, 1, 2100, 11, 7, 7, 1, 59},
        {4129250400, -18000, 0, 2100, 11, 7, 7, 1, 0},
    };
    const struct want sydney[] = {
        {4110451199, 39600, 1, 2100, 4, 4, 7, 2, 59},  {4110451200, 36000, 0, 2100, 4, 4, 7, 2, 0},
        {4126175999, 36000, 0, 2100, 10, 3, 7, 1, 59}, {4126176000, 39600, 1, 2100, 10, 3, 7, 3, 0},
        {4133980800, 39600, 1, 2101, 1, 1, 6, 11, 0},
    };
    check_zone("Europe/Berlin", berlin, N_OF(berlin));
    check_zone("America/New_York", new_york, N_OF(new_york));
    check_zone("Australia/Sydney", sydney, N_OF(sydney));
}

/* ---- footer forms on their own (slim files with no transitions) ---- */

static void test_footer_southern_rule_alone(void **state)
{
    (void)state;
    tz_zone *zone = slim_zone("AEST-10AEDT,M10.1.0,M4.1.0/3", 36000);
    const struct want wants[] = {
        {1712419199, 39600, 1, 2024, 4, 7, 7, 2, 59},  {1712419200, 36000, 0, 2024, 4, 7, 7, 2, 0},
        {1728144000, 39600, 1, 2024, 10, 6, 7, 3, 0},  {4133941200, 39600, 1, 2101, 1, 1, 6, 0, 0},
        {4118040000, 36000, 0, 2100, 6, 30, 3, 22, 0},
    };
    check_wants(zone, wants, N_OF(wants));
    tz_zone_free(zone);
}

static void test_footer_julian_day_forms(void **state)
{
    (void)state;
    /* Jn never counts February 29: J60 is March 1 in every year. */
    tz_zone *zone = slim_zone("AAA3BBB,J60/2,J300/2", -10800);
    const struct want julian1[] = {
        {3981416399, -10800, 0, 2096, 3, 1, 4, 1, 59},
        {3981416400, -7200, 1, 2096, 3, 1, 4, 3, 0},
        {4107560399, -10800, 0, 2100, 3, 1, 1, 1, 59},
        {4107560400, -7200, 1, 2100, 3, 1, 1, 3, 0},
    };
    check_wants(zone, julian1, N_OF(julian1));
    tz_zone_free(zone);

    /* n counts from zero and includes February 29: 59 is Feb 29 in a leap year. */
    zone = slim_zone("AAA3BBB,59/2,299/2", -10800);
    const struct want julian0[] = {
        {3981329999, -10800, 0, 2096, 2, 29, 3, 1, 59},
        {3981330000, -7200, 1, 2096, 2, 29, 3, 3, 0},
        {4107560399, -10800, 0, 2100, 3, 1, 1, 1, 59},
        {4107560400, -7200, 1, 2100, 3, 1, 1, 3, 0},
    };
    check_wants(zone, julian0, N_OF(julian0));
    tz_zone_free(zone);
}

static void test_footer_signed_and_long_change_times(void **state)
{
    (void)state;
    /* America/Nuuk: a change at -1:00, i.e. 23:00 on the day before. */
    tz_zone *zone = slim_zone("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", -7200);
    const struct want nuuk[] = {
        {4109878799, -7200, 0, 2100, 3, 27, 6, 22, 59},
        {4109878800, -3600, 1, 2100, 3, 28, 7, 0, 0},
    };
    check_wants(zone, nuuk, N_OF(nuuk));
    tz_zone_free(zone);

    /* Asia/Jerusalem: the Thursday rule at 26:00, i.e. Friday 02:00. */
    zone = slim_zone("IST-2IDT,M3.4.4/26,M10.5.0", 7200);
    const struct want jerusalem[] = {
        {4109702399, 7200, 0, 2100, 3, 26, 5, 1, 59},
        {4109702400, 10800, 1, 2100, 3, 26, 5, 3, 0},
    };
    check_wants(zone, jerusalem, N_OF(jerusalem));
    tz_zone_free(zone);

    /* Europe/Dublin: "daylight" time is the winter one (negative DST). */
    zone = slim_zone("IST-1GMT0,M10.5.0,M3.5.0/1", 3600);
    const struct want dublin[] = {
        {4118126400, 3600, 0, 2100, 7, 1, 4, 13, 0},
        {4103697600, 0, 1, 2100, 1, 15, 5, 12, 0},
    };
    check_wants(zone, dublin, N_OF(dublin));
    tz_zone_free(zone);

    zone = slim_zone("<+0545>-5:45", 20700);
    const struct want kathmandu[] = {{4102444800, 20700, 0, 2100, 1, 1, 5, 5, 45}};
    check_wants(zone, kathmandu, N_OF(kathmandu));
    tz_zone_free(zone);
}

static void test_footer_without_dates_uses_us_rule(void **state)
{
    (void)state;
    tz_zone *zone = slim_zone("EST5EDT", -18000);
    const struct want wants[] = {
        {4108690799, -18000, 0, 2100, 3, 14, 7, 1, 59},
        {4108690800, -14400, 1, 2100, 3, 14, 7, 3, 0},
    };
    check_wants(zone, wants, N_OF(wants));
    tz_zone_free(zone);
}

static void test_v1_file_without_footer(void **state)
{
    (void)state;
    struct tmpdir dir;
    unsigned char buf[128];
    const char *names[] = {"Old"};
    tmpdir_make(&dir);
    tmpdir_write(&dir, "Old", buf, put_block(buf, '\0', -3 * 3600, 0, 4));
    tz_zone *zone = load_or_fail(dir.path, "Old");
    tmpdir_remove(&dir, names, N_OF(names));
    const struct want wants[] = {{0, -10800, 0, 1969, 12, 31, 3, 21, 0}};
    check_wants(zone, wants, N_OF(wants));
    tz_zone_free(zone);
}

/* ---- refusals ---- */

static void expect_refused(const char *dir, const char *name, const char *reason)
{
    char err[256] = "";
    tz_zone *zone = tz_zone_load(dir, name, err, sizeof(err));
    if (zone) {
        tz_zone_free(zone);
        fail_msg("zone \"%s\" loaded, want refused with \"%s\"", name ? name : "(null)", reason);
    }
    if (!strstr(err, reason))
        fail_msg("zone \"%s\": reason \"%s\", want it to contain \"%s\"", name ? name : "(null)",
                 err, reason);
}

static void test_refuses_traversal_and_bad_names(void **state)
{
    (void)state;
    expect_refused(NULL, "../../../etc/passwd", "invalid zone name");
    expect_refused(NULL, "Europe/../../etc/passwd", "invalid zone name");
    expect_refused(NULL, "/etc/localtime", "invalid zone name");
    expect_refused(NULL, "", "invalid zone name");
    expect_refused(NULL, NULL, "invalid zone name");
    expect_refused(NULL, "Europe/Berlin\n", "invalid zone name");
    expect_refused(NULL, "Europe/ Berlin", "invalid zone name");
}

static void test_refuses_missing_zone_and_directory(void **state)
{
    (void)state;
    expect_refused(NULL, "Europe/Atlantis", "cannot open");
    expect_refused(NULL, "Europe", "not a zone file");
}

static void test_refuses_files_that_are_not_tzif(void **state)
{
    (void)state;
    struct tmpdir dir;
    unsigned char buf[512];
    const char *names[] = {"Text", "Short", "Cut", "Version9", "Leap", "BadFooter", "NoFooter"};
    tmpdir_make(&dir);
    tmpdir_write(&dir, "Text", "# tz database zone table\n", 25);
    tmpdir_write(&dir, "Short", "TZif2", 5);
    size_t n = tzif_slim(buf, 3600, "CET-1CEST,M3.5.0,M10.5.0/3");
    tmpdir_write(&dir, "Cut", buf, 50);
    buf[4] = '9';
    tmpdir_write(&dir, "Version9", buf, n);
    n = put_block(buf, '2', 0, 1, 4);
    n += put_block(buf + n, '2', 0, 1, 8);
    n += (size_t)sprintf((char *)buf + n, "\nUTC0\n");
    tmpdir_write(&dir, "Leap", buf, n);
    tmpdir_write(&dir, "BadFooter", buf, tzif_slim(buf, 3600, "CET-1CEST,M13.5.0,M10.5.0"));
    n = put_block(buf, '2', 0, 0, 4);
    n += put_block(buf + n, '2', 0, 0, 8);
    tmpdir_write(&dir, "NoFooter", buf, n);

    expect_refused(dir.path, "Text", "not a TZif file");
    expect_refused(dir.path, "Short", "not a TZif file");
    expect_refused(dir.path, "Cut", "truncated");
    expect_refused(dir.path, "Version9", "unsupported TZif version");
    expect_refused(dir.path, "Leap", "leap seconds");
    expect_refused(dir.path, "BadFooter", "bad TZ footer");
    expect_refused(dir.path, "NoFooter", "missing TZif footer");
    tmpdir_remove(&dir, names, N_OF(names));

    expect_refused(NULL, "zone.tab", "not a TZif file"); /* a real file in the zone directory */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utc_epoch_leap_day_and_far_future),
        cmocka_unit_test(test_milliseconds_before_epoch_round_down),
        cmocka_unit_test(test_fixed_zone_applies_its_offset),
        cmocka_unit_test(test_berlin_spring_forward),
        cmocka_unit_test(test_berlin_fall_back),
        cmocka_unit_test(test_new_york_both_ways),
        cmocka_unit_test(test_kathmandu_quarter_hour_offset),
        cmocka_unit_test(test_sydney_dst_across_new_year),
        cmocka_unit_test(test_footer_rule_in_year_2100),
        cmocka_unit_test(test_footer_southern_rule_alone),
        cmocka_unit_test(test_footer_julian_day_forms),
        cmocka_unit_test(test_footer_signed_and_long_change_times),
        cmocka_unit_test(test_footer_without_dates_uses_us_rule),
        cmocka_unit_test(test_v1_file_without_footer),
        cmocka_unit_test(test_refuses_traversal_and_bad_names),
        cmocka_unit_test(test_refuses_missing_zone_and_directory),
        cmocka_unit_test(test_refuses_files_that_are_not_tzif),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
