/* tz: time zones from the system's TZif files (/usr/share/zoneinfo), without touching the
 * process-wide TZ. tz_load reads a zone once; tz_local converts an instant to local time in it,
 * including daylight saving changes. Threads: a loaded tz_zone is immutable; any thread. */
#ifndef TR_COMMON_TZ_H
#define TR_COMMON_TZ_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

typedef struct tz_zone tz_zone;

/* Load the IANA zone name ("Europe/Berlin", "UTC") from dir (NULL: /usr/share/zoneinfo).
 * Refuses names with "..", absolute paths, and files that are not TZif (v1, v2 or v3), with the
 * reason in err. Caller owns the result; free with tz_zone_free() (NULL-safe). */
tz_zone *tz_zone_load(const char *dir, const char *name, char *err, size_t errlen);
/* A fixed offset zone ("UTC" when offset_s is 0), for tests and as a fallback. */
tz_zone *tz_zone_fixed(const char *name, int32_t offset_s);
void tz_zone_free(tz_zone *zone);
const char *tz_zone_name(const tz_zone *zone);

struct tz_local {
    int32_t offset_s; /* UTC offset in force at that instant, seconds east of UTC */
    int is_dst;
    int year, month, day; /* month 1..12, day 1..31 */
    int iso_weekday;      /* 1 = Monday .. 7 = Sunday */
    int minute_of_day;    /* 0..1439 */
};

/* Local time of unix_ms in zone; beyond the file's last transition, its POSIX TZ footer rule
 * (e.g. "CET-1CEST,M3.5.0,M10.5.0/3") applies. Pure. */
void tz_local(const tz_zone *zone, int64_t unix_ms, struct tz_local *out);

#endif
