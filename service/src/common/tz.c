/* tz: TZif files (RFC 8536, versions 1 to 3) and their POSIX TZ footer, without the C library's
 * localtime/setenv("TZ"), which share process-wide state. Civil dates come from Howard
 * Hinnant's days-from-civil algorithms, valid for the whole int64 range of seconds we accept. */
#include "common/tz.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TZ_DEFAULT_DIR "/usr/share/zoneinfo"
#define TZ_NAME_MAX 255
#define TZ_FILE_MAX (1024 * 1024) /* real zones are under 4 KiB; this bounds a hostile file */
#define TZ_HEADER_LEN 44
#define SECS_PER_DAY INT64_C(86400)

struct tz_type {
    int32_t offset_s;
    bool is_dst;
};

/* One POSIX rule date: Jn (julian, no Feb 29), n (zero-based, with Feb 29) or Mm.w.d. */
enum tz_date_kind { TZ_DATE_JULIAN1, TZ_DATE_JULIAN0, TZ_DATE_MWD };
struct tz_date {
    enum tz_date_kind kind;
    int day;        /* J: 1..365; n: 0..365; M: weekday 0 (Sunday)..6 */
    int week;       /* M: 1..5 (5 = last) */
    int month;      /* M: 1..12 */
    int32_t time_s; /* local time of the change, -167h..167h (RFC 8536 extension) */
};

/* The TZ string footer: standard time, and optionally daylight time with its two changes. */
struct tz_rule {
    int32_t std_offset_s; /* seconds east of UTC (the string says west: sign inverted) */
    int32_t dst_offset_s;
    bool has_dst;
    struct tz_date start, end; /* start: into DST, in standard time; end: out, in DST time */
};

struct tz_zone {
    char *name;
    size_t n_trans;
    int64_t *trans; /* ascending unix seconds */
    uint8_t *trans_type;
    size_t n_types;
    struct tz_type *types;
    bool has_rule;
    struct tz_rule rule;
};

/* ---- civil dates ---- */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
    return a - floor_div(a, b) * b;
}

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int64_t y, int m)
{
    static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : DAYS[m - 1];
}

/* Days since 1970-01-01 of the proleptic Gregorian date y-m-d. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;                                   /* 0..399 */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* 0..365, from March 1 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* 0..146096 */
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* 0 = Sunday .. 6 = Saturday; 1970-01-01 was a Thursday. */
static int weekday_sun0(int64_t days)
{
    return (int)floor_mod(days + 4, 7);
}

/* ---- POSIX TZ string ---- */

static const char *parse_tz_name(const char *p)
{
    if (*p == '<') {
        const char *q = ++p;
        while (*q && *q != '>') {
            if (!(*q == '+' || *q == '-' || (*q >= '0' && *q <= '9') || (*q >= 'A' && *q <= 'Z') ||
                  (*q >= 'a' && *q <= 'z')))
                return NULL;
            q++;
        }
        return *q == '>' && q - p >= 3 ? q + 1 : NULL;
    }
    const char *q = p;
    while ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z'))
        q++;
    return q - p >= 3 ? q : NULL;
}

static const char *parse_num(const char *p, int min, int max, int *out)
{
    int v = 0;
    if (*p < '0' || *p > '9')
        return NULL;
    while (*p >= '0' && *p <= '9') {
        v = v * 10 + (*p++ - '0');
        if (v > max)
            return NULL;
    }
    if (v < min)
        return NULL;
    *out = v;
    return p;
}

/* [+-]hh[:mm[:ss]] with hours up to max_h; the result keeps the written sign. */
static const char *parse_hms(const char *p, int max_h, int32_t *out)
{
    int sign = 1, h = 0, m = 0, s = 0;
    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    if (!(p = parse_num(p, 0, max_h, &h)))
        return NULL;
    if (*p == ':') {
        if (!(p = parse_num(p + 1, 0, 59, &m)))
            return NULL;
        if (*p == ':' && !(p = parse_num(p + 1, 0, 59, &s)))
            return NULL;
    }
    *out = sign * (h * 3600 + m * 60 + s);
    return p;
}

static const char *parse_date(const char *p, struct tz_date *date)
{
    if (*p == 'J') {
        date->kind = TZ_DATE_JULIAN1;
        p = parse_num(p + 1, 1, 365, &date->day);
    } else if (*p == 'M') {
        date->kind = TZ_DATE_MWD;
        if (!(p = parse_num(p + 1, 1, 12, &date->month)) || *p != '.' ||
            !(p = parse_num(p + 1, 1, 5, &date->week)) || *p != '.')
            return NULL;
        p = parse_num(p + 1, 0, 6, &date->day);
    } else {
        date->kind = TZ_DATE_JULIAN0;
        p = parse_num(p, 0, 365, &date->day);
    }
    if (!p)
        return NULL;
    date->time_s = 2 * 3600;
    if (*p == '/')
        p = parse_hms(p + 1, 167, &date->time_s);
    return p;
}

/* Parses e.g. "CET-1CEST,M3.5.0,M10.5.0/3" or "<+0545>-5:45". Returns false when malformed. */
static bool rule_parse(const char *s, struct tz_rule *rule)
{
    int32_t west = 0;
    const char *p = parse_tz_name(s);
    if (!p || !(p = parse_hms(p, 24, &west)))
        return false;
    memset(rule, 0, sizeof(*rule));
    rule->std_offset_s = -west;
    rule->dst_offset_s = rule->std_offset_s;
    if (*p == '\0')
        return true;
    if (!(p = parse_tz_name(p)))
        return false;
    rule->has_dst = true;
    rule->dst_offset_s = rule->std_offset_s + 3600;
    if (*p != ',' && *p != '\0') {
        if (!(p = parse_hms(p, 24, &west)))
            return false;
        rule->dst_offset_s = -west;
    }
    if (*p == '\0') {
        /* No dates: POSIX leaves them to the implementation; tzcode and glibc use the US rule. */
        p = "M3.2.0,M11.1.0";
    } else {
        p++; /* the comma */
    }
    if (!(p = parse_date(p, &rule->start)) || *p != ',' || !(p = parse_date(p + 1, &rule->end)))
        return false;
    return *p == '\0';
}

/* Local seconds since the epoch (in the offset then in force) at which date happens in year. */
static int64_t date_local_s(const struct tz_date *date, int64_t year)
{
    int64_t days;
    switch (date->kind) {
    case TZ_DATE_JULIAN1:
        days = days_from_civil(year, 1, 1) + date->day - 1 + (is_leap(year) && date->day >= 60);
        break;
    case TZ_DATE_JULIAN0:
        days = days_from_civil(year, 1, 1) + date->day;
        break;
    default: {
        int64_t first = days_from_civil(year, date->month, 1);
        int mday = 1 + (int)floor_mod(date->day - weekday_sun0(first), 7) + (date->week - 1) * 7;
        while (mday > month_days(year, date->month))
            mday -= 7;
        days = first + mday - 1;
        break;
    }
    }
    return days * SECS_PER_DAY + date->time_s;
}

/* Which side of the rule applies at unix second t: the latest change at or before t among
 * those of the neighbouring years, which copes with DST across new year (southern zones) and
 * with change times beyond 24h. */
static bool rule_is_dst(const struct tz_rule *rule, int64_t t)
{
    if (!rule->has_dst)
        return false;
    int64_t y;
    int m, d;
    civil_from_days(floor_div(t + rule->std_offset_s, SECS_PER_DAY), &y, &m, &d);
    bool dst = false;
    int64_t best = INT64_MIN;
    for (int64_t year = y - 1; year <= y + 1; year++) {
        int64_t start = date_local_s(&rule->start, year) - rule->std_offset_s;
        int64_t end = date_local_s(&rule->end, year) - rule->dst_offset_s;
        /* Ends are looked at before starts and a start wins a tie: a rule in DST all year
         * ("EST5EDT,0/0,J365/25") ends and restarts at the same instant. */
        if (end <= t && end > best) {
            best = end;
            dst = false;
        }
        if (start <= t && start >= best) {
            best = start;
            dst = true;
        }
    }
    return dst;
}

/* ---- TZif ---- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tzif_counts {
    uint32_t isut, isstd, leap, time, type, chars;
};

static void counts_read(const unsigned char *h, struct tzif_counts *c)
{
    c->isut = be32(h + 20);
    c->isstd = be32(h + 24);
    c->leap = be32(h + 28);
    c->time = be32(h + 32);
    c->type = be32(h + 36);
    c->chars = be32(h + 40);
}

/* Bytes of the data block after a header, with time_size 4 (v1) or 8 (v2+). */
static size_t block_len(const struct tzif_counts *c, size_t time_size)
{
    return (size_t)c->time * time_size + c->time + (size_t)c->type * 6 + c->chars +
           (size_t)c->leap * (time_size + 4) + c->isstd + c->isut;
}

static int tzif_parse(tz_zone *zone, const unsigned char *buf, size_t len, char *err, size_t errlen)
{
    struct tzif_counts c;
    if (len < TZ_HEADER_LEN || memcmp(buf, "TZif", 4) != 0) {
        snprintf(err, errlen, "not a TZif file");
        return TR_EDECODE;
    }
    /* Version 4 (RFC 9636) only differs in leap second tables, which are refused below. */
    int version = buf[4] == 0 ? 1 : buf[4] - '0';
    if (version < 1 || version > 4) {
        snprintf(err, errlen, "unsupported TZif version byte 0x%02x", buf[4]);
        return TR_EDECODE;
    }
    counts_read(buf, &c);
    size_t time_size = 4;
    const unsigned char *data = buf + TZ_HEADER_LEN;
    /* Counts are at most 2^32 each, so these sums cannot overflow a 64-bit size_t. */
    size_t v1_len = block_len(&c, 4);
    if (v1_len > len - TZ_HEADER_LEN) {
        snprintf(err, errlen, "truncated TZif data");
        return TR_EDECODE;
    }
    const unsigned char *end = buf + len;
    if (version >= 2) {
        const unsigned char *h2 = data + v1_len;
        if ((size_t)(end - h2) < TZ_HEADER_LEN || memcmp(h2, "TZif", 4) != 0) {
            snprintf(err, errlen, "missing TZif v2 header");
            return TR_EDECODE;
        }
        counts_read(h2, &c);
        time_size = 8;
        data = h2 + TZ_HEADER_LEN;
        if (block_len(&c, 8) > (size_t)(end - data)) {
            snprintf(err, errlen, "truncated TZif v2 data");
            return TR_EDECODE;
        }
    }
    if (c.type == 0 || c.type > 256 || c.chars == 0 || (c.isstd && c.isstd != c.type) ||
        (c.isut && c.isut != c.type)) {
        snprintf(err, errlen, "inconsistent TZif counts");
        return TR_EDECODE;
    }
    if (c.leap != 0) {
        /* "right/" zones count leap seconds; our instants are POSIX seconds. */
        snprintf(err, errlen, "TZif with leap seconds is not supported");
        return TR_EDECODE;
    }
    zone->n_trans = c.time;
    zone->n_types = c.type;
    zone->trans = malloc((c.time ? c.time : 1) * sizeof(*zone->trans));
    zone->trans_type = malloc(c.time ? c.time : 1);
    zone->types = malloc(c.type * sizeof(*zone->types));
    if (!zone->trans || !zone->trans_type || !zone->types) {
        snprintf(err, errlen, "out of memory");
        return TR_ENOMEM;
    }
    const unsigned char *p = data;
    for (uint32_t i = 0; i < c.time; i++, p += time_size) {
        zone->trans[i] = time_size == 8 ? be64(p) : (int32_t)be32(p);
        if (i > 0 && zone->trans[i] <= zone->trans[i - 1]) {
            snprintf(err, errlen, "TZif transitions out of order");
            return TR_EDECODE;
        }
    }
    for (uint32_t i = 0; i < c.time; i++, p++) {
        if (*p >= c.type) {
            snprintf(err, errlen, "TZif transition type out of range");
            return TR_EDECODE;
        }
        zone->trans_type[i] = *p;
    }
    for (uint32_t i = 0; i < c.type; i++, p += 6) {
        int32_t offset = (int32_t)be32(p);
        if (offset < -25 * 3600 || offset > 26 * 3600 || p[4] > 1 || p[5] >= c.chars) {
            snprintf(err, errlen, "TZif time type %u out of range", i);
            return TR_EDECODE;
        }
        zone->types[i] = (struct tz_type){.offset_s = offset, .is_dst = p[4] == 1};
    }
    if (version < 2)
        return 0;
    /* The footer: "\n" TZ-string "\n" right after the v2 data block. */
    p = data + block_len(&c, 8);
    if (p >= end || *p != '\n') {
        snprintf(err, errlen, "missing TZif footer");
        return TR_EDECODE;
    }
    const unsigned char *nl = memchr(p + 1, '\n', (size_t)(end - p - 1));
    if (!nl || nl - p - 1 > 127) {
        snprintf(err, errlen, "bad TZif footer");
        return TR_EDECODE;
    }
    char footer[128];
    memcpy(footer, p + 1, (size_t)(nl - p - 1));
    footer[nl - p - 1] = '\0';
    if (footer[0] == '\0')
        return 0; /* empty: no rule beyond the last transition */
    if (!rule_parse(footer, &zone->rule)) {
        snprintf(err, errlen, "bad TZ footer \"%s\"", footer);
        return TR_EDECODE;
    }
    zone->has_rule = true;
    return 0;
}

/* IANA names are ASCII letters, digits and "/_+-."; no absolute paths and no "..". */
static bool name_is_safe(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > TZ_NAME_MAX || name[0] == '/' || strstr(name, "..") ||
        name[len - 1] == '/' || strstr(name, "//"))
        return false;
    for (const char *p = name; *p; p++) {
        char ch = *p;
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
              ch == '/' || ch == '_' || ch == '+' || ch == '-' || ch == '.'))
            return false;
    }
    return true;
}

/* A regular file of at most TZ_FILE_MAX bytes (a directory or device name is refused). */
static int file_read(const char *path, unsigned char **out, size_t *len, char *err, size_t errlen)
{
    int rc = TR_EIO;
    unsigned char *buf = NULL;
    struct stat st;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        rc = errno == ENOENT ? TR_ENOTFOUND : TR_EIO;
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        goto out;
    }
    if (fstat(fd, &st) != 0) {
        snprintf(err, errlen, "cannot stat %s: %s", path, strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode) || st.st_size > TZ_FILE_MAX) {
        rc = TR_EINVAL;
        snprintf(err, errlen, "%s is not a zone file", path);
        goto out;
    }
    size_t size = (size_t)st.st_size, got = 0;
    if (!(buf = malloc(size ? size : 1))) {
        rc = TR_ENOMEM;
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            snprintf(err, errlen, "cannot read %s: %s", path, n < 0 ? strerror(errno) : "short");
            goto out;
        }
        got += (size_t)n;
    }
    *out = buf;
    buf = NULL;
    *len = size;
    rc = 0;
out:
    free(buf);
    if (fd >= 0)
        close(fd);
    return rc;
}

tz_zone *tz_zone_load(const char *dir, const char *name, char *err, size_t errlen)
{
    tz_zone *zone = NULL;
    unsigned char *buf = NULL;
    size_t len = 0;
    char path[4096];

    if (!name || !name_is_safe(name)) {
        snprintf(err, errlen, "invalid zone name \"%s\"", name ? name : "(null)");
        goto fail;
    }
    if (!dir)
        dir = TZ_DEFAULT_DIR;
    if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path)) {
        snprintf(err, errlen, "zone path too long");
        goto fail;
    }
    if (file_read(path, &buf, &len, err, errlen) != 0)
        goto fail; /* it wrote the reason */
    if (!(zone = calloc(1, sizeof(*zone))) || !(zone->name = strdup(name))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    char why[160];
    if (tzif_parse(zone, buf, len, why, sizeof(why)) != 0) {
        snprintf(err, errlen, "zone %s: %s", name, why);
        goto fail;
    }
    free(buf);
    return zone;
fail:
    free(buf);
    tz_zone_free(zone); /* accepts NULL and a partly built zone */
    return NULL;
}

tz_zone *tz_zone_fixed(const char *name, int32_t offset_s)
{
    tz_zone *zone = calloc(1, sizeof(*zone));
    if (!zone || !(zone->types = malloc(sizeof(*zone->types))) ||
        !(zone->name = strdup(name ? name : "UTC"))) {
        tz_zone_free(zone);
        return NULL;
    }
    zone->n_types = 1;
    zone->types[0] = (struct tz_type){.offset_s = offset_s, .is_dst = false};
    return zone;
}

void tz_zone_free(tz_zone *zone)
{
    if (!zone)
        return;
    free(zone->name);
    free(zone->trans);
    free(zone->trans_type);
    free(zone->types);
    free(zone);
}

const char *tz_zone_name(const tz_zone *zone)
{
    return zone ? zone->name : "UTC";
}

/* The offset in force at unix second t: the transitions, then the footer rule beyond them. */
static struct tz_type zone_type_at(const tz_zone *zone, int64_t t)
{
    if (!zone)
        return (struct tz_type){0, false};
    bool after_last = zone->n_trans == 0 || t >= zone->trans[zone->n_trans - 1];
    if (after_last && zone->has_rule) {
        bool dst = rule_is_dst(&zone->rule, t);
        return (struct tz_type){dst ? zone->rule.dst_offset_s : zone->rule.std_offset_s, dst};
    }
    if (zone->n_trans == 0 || t < zone->trans[0])
        return zone->types[0];         /* RFC 8536: type 0 before the first transition */
    size_t lo = 0, hi = zone->n_trans; /* the last transition <= t is in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (zone->trans[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return zone->types[zone->trans_type[lo]];
}

/* zone NULL is UTC (team_hours uses that for a team without a zone). */
void tz_local(const tz_zone *zone, int64_t unix_ms, struct tz_local *out)
{
    int64_t t = floor_div(unix_ms, 1000);
    struct tz_type type = zone_type_at(zone, t);
    int64_t local = t + type.offset_s;
    int64_t days = floor_div(local, SECS_PER_DAY);
    int64_t year;
    civil_from_days(days, &year, &out->month, &out->day);
    out->offset_s = type.offset_s;
    out->is_dst = type.is_dst;
    out->year = (int)year;
    out->iso_weekday = (int)floor_mod(days + 3, 7) + 1;
    out->minute_of_day = (int)((local - days * SECS_PER_DAY) / 60);
}
