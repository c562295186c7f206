/* common: error codes, time and string helpers. Knows nothing of tickets.
 * Threads: any. */
#ifndef TR_COMMON_ERROR_H
#define TR_COMMON_ERROR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TR_MUST_CHECK __attribute__((warn_unused_result))
#define TR_PRINTF(fmt_idx, args_idx) __attribute__((format(printf, fmt_idx, args_idx)))

/* Fallible functions return 0 or one of these. The code says what to do next:
 * bad input (TR_EDECODE, TR_EINVAL): dead-letter and commit;
 * a dependency failed (TR_EIO, TR_ETIMEOUT): retry later, no commit. */
enum {
    TR_OK = 0,
    TR_EINVAL = -1,    /* invalid argument or input */
    TR_ENOMEM = -2,    /* out of memory */
    TR_EIO = -3,       /* a dependency failed: retry later */
    TR_ETIMEOUT = -4,  /* a dependency was too slow: retry later */
    TR_ENOTFOUND = -5, /* no such row or key */
    TR_EDECODE = -6,   /* bytes that are not a valid event */
    TR_EFULL = -7,     /* no capacity left */
    TR_ETOOBIG = -8,   /* input over a size limit */
    TR_ECONFLICT = -9, /* state disagrees (a changed migration, a duplicate) */
};

/* A short constant name for code ("EINVAL"). Never NULL. */
const char *tr_strerror(int code);

/* Wall clock and monotonic clock. */
int64_t tr_now_unix_ms(void);
int64_t tr_now_unix_us(void);
int64_t tr_mono_us(void);

/* snprintf into dst that always terminates and returns 0, or TR_ETOOBIG when truncated. */
int tr_strlcpy(char *dst, const char *src, size_t dstlen);

/* Case-insensitive ASCII search of needle in haystack (NULL-safe: NULL finds nothing). */
const char *tr_strcasestr(const char *haystack, const char *needle);

/* Read a whole file into a NUL-terminated heap buffer. Caller owns *out; free with free().
 * Returns 0, TR_EIO (reason in err) or TR_ENOMEM. */
TR_MUST_CHECK int tr_file_read(const char *path, char **out, size_t *len, char *err, size_t errlen);

/* FNV-1a 64 of the NUL-terminated s, continuing from h (TR_FNV1A_SEED to start): stable across
 * processes and versions, for ids and for spreading keys. */
#define TR_FNV1A_SEED UINT64_C(0xcbf29ce484222325)
uint64_t tr_fnv1a(const char *s, uint64_t h);

/* Grow the array *p of *cap elements of elem bytes to hold at least need (doubling, from 64):
 * 0, or TR_ENOMEM with *p and *cap unchanged. */
TR_MUST_CHECK int tr_reserve(void **p, size_t *cap, size_t need, size_t elem);

/* crc32 (IEEE 802.3, reflected, as zlib's) of len bytes: the model files' checksums. */
uint32_t tr_crc32(const void *data, size_t len);
/* Whether this host stores integers little-endian (the model files' byte order). */
bool tr_little_endian(void);

/* True when s is valid UTF-8 of length len. */
int tr_utf8_is_valid(const char *s, size_t len);

/* Sleep for ms milliseconds; a signal does not cut it short. */
void tr_sleep_ms(int64_t ms);

/* The CLOCK_REALTIME instant ms from now, for pthread_cond_timedwait. */
struct timespec;
void tr_deadline_after_ms(struct timespec *out, int64_t ms);

#endif
