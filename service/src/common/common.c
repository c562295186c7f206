#include "common/error.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *tr_strerror(int code)
{
    switch (code) {
    case TR_OK:
        return "OK";
    case TR_EINVAL:
        return "EINVAL";
    case TR_ENOMEM:
        return "ENOMEM";
    case TR_EIO:
        return "EIO";
    case TR_ETIMEOUT:
        return "ETIMEOUT";
    case TR_ENOTFOUND:
        return "ENOTFOUND";
    case TR_EDECODE:
        return "EDECODE";
    case TR_EFULL:
        return "EFULL";
    case TR_ETOOBIG:
        return "ETOOBIG";
    case TR_ECONFLICT:
        return "ECONFLICT";
    default:
        return "EUNKNOWN";
    }
}

static int64_t clock_us(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t tr_now_unix_ms(void)
{
    return clock_us(CLOCK_REALTIME) / 1000;
}

int64_t tr_now_unix_us(void)
{
    return clock_us(CLOCK_REALTIME);
}

int64_t tr_mono_us(void)
{
    return clock_us(CLOCK_MONOTONIC);
}

int tr_strlcpy(char *dst, const char *src, size_t dstlen)
{
    if (dstlen == 0)
        return TR_ETOOBIG;
    size_t n = src ? strlen(src) : 0;
    if (n >= dstlen) {
        memcpy(dst, src, dstlen - 1);
        dst[dstlen - 1] = '\0';
        return TR_ETOOBIG;
    }
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
    return 0;
}

const char *tr_strcasestr(const char *haystack, const char *needle)
{
    if (!haystack || !needle)
        return NULL;
    size_t n = strlen(needle);
    if (n == 0)
        return haystack;
    for (const char *p = haystack; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return p;
    }
    return NULL;
}

int tr_file_read(const char *path, char **out, size_t *len, char *err, size_t errlen)
{
    int rc = TR_EIO;
    char *buf = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        goto out;
    }
    if (fseek(f, 0, SEEK_END) != 0)
        goto io_fail;
    long size = ftell(f);
    if (size < 0 || fseek(f, 0, SEEK_SET) != 0)
        goto io_fail;
    buf = malloc((size_t)size + 1);
    if (!buf) {
        rc = TR_ENOMEM;
        snprintf(err, errlen, "out of memory reading %s", path);
        goto out;
    }
    if (fread(buf, 1, (size_t)size, f) != (size_t)size)
        goto io_fail;
    buf[size] = '\0';
    *out = buf;
    buf = NULL;
    if (len)
        *len = (size_t)size;
    rc = 0;
    goto out;
io_fail:
    snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
out:
    free(buf);
    if (f)
        fclose(f);
    return rc;
}

uint64_t tr_fnv1a(const char *s, uint64_t h)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

int tr_utf8_is_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned c = *p;
        size_t n;
        unsigned cp;
        if (c < 0x80) {
            p++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if ((size_t)(end - p) <= n)
            return 0;
        for (size_t i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        /* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        p += n + 1;
    }
    return 1;
}

void tr_sleep_ms(int64_t ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

void tr_deadline_after_ms(struct timespec *out, int64_t ms)
{
    clock_gettime(CLOCK_REALTIME, out);
    out->tv_sec += ms / 1000;
    out->tv_nsec += (long)(ms % 1000) * 1000000;
    if (out->tv_nsec >= 1000000000) {
        out->tv_sec++;
        out->tv_nsec -= 1000000000;
    }
}

int tr_reserve(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * elem);
    if (!q)
        return TR_ENOMEM;
    *p = q;
    *cap = n;
    return 0;
}

/* ---- crc32 (IEEE 802.3, reflected, as zlib), slicing by 8 ------------------------------------ */

/* The tables are built on the stack per call (8 KiB, microseconds): checksums run only when a
 * model file is read or written, and the module keeps no globals. */
static void crc_init(uint32_t crc_table[8][256])
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++)
        for (int t = 1; t < 8; t++)
            crc_table[t][i] = (crc_table[t - 1][i] >> 8) ^ crc_table[0][crc_table[t - 1][i] & 0xff];
}

uint32_t tr_crc32(const void *data, size_t len)
{
    uint32_t crc_table[8][256];
    crc_init(crc_table);
    const unsigned char *p = data;
    uint32_t c = 0xFFFFFFFFu;
    while (len >= 8) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + 4, 4);
        lo ^= c;
        c = crc_table[7][lo & 0xff] ^ crc_table[6][(lo >> 8) & 0xff] ^
            crc_table[5][(lo >> 16) & 0xff] ^ crc_table[4][lo >> 24] ^ crc_table[3][hi & 0xff] ^
            crc_table[2][(hi >> 8) & 0xff] ^ crc_table[1][(hi >> 16) & 0xff] ^
            crc_table[0][hi >> 24];
        p += 8;
        len -= 8;
    }
    while (len--)
        c = crc_table[0][(c ^ *p++) & 0xff] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

bool tr_little_endian(void)
{
    const uint16_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}
