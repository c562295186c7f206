#include "log/log.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

int log_current_level = LOG_INFO;
static int log_json;

static const char *const LEVEL_NAMES[] = {"error", "warn", "info", "debug"};

int log_level_parse(const char *s, enum log_level *out)
{
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(s, LEVEL_NAMES[i]) == 0) {
            *out = (enum log_level)i;
            return 1;
        }
    }
    return 0;
}

void log_set_level(enum log_level level)
{
    log_current_level = level;
}

void log_set_json(int json)
{
    log_json = json;
}

/* Appends src[0..n) to dst as JSON string content; control bytes become \u00XX. Returns the new
 * length (stops short of cap). */
static size_t json_escape(char *dst, size_t o, size_t cap, const char *src, size_t n)
{
    for (size_t i = 0; i < n && o + 7 < cap; i++) {
        unsigned char c = (unsigned char)src[i];
        if (c == '"' || c == '\\') {
            dst[o++] = '\\';
            dst[o++] = (char)c;
        } else if (c < 0x20) {
            o += (size_t)snprintf(dst + o, cap - o, "\\u%04x", c);
        } else {
            dst[o++] = (char)c;
        }
    }
    dst[o] = '\0';
    return o;
}

static size_t put(char *dst, size_t o, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (o + n + 1 > cap)
        n = cap > o + 1 ? cap - o - 1 : 0;
    memcpy(dst + o, s, n);
    dst[o + n] = '\0';
    return o + n;
}

/* A key=value pair starts at p: an identifier (letters, digits, _ . -) then '='. Returns the
 * key's length, or 0. */
static size_t key_at(const char *p)
{
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '.' || p[n] == '-')
        n++;
    return n > 0 && p[n] == '=' && isalpha((unsigned char)p[0]) ? n : 0;
}

/* Where the next " key=" begins after p, or the end. */
static const char *value_end(const char *p)
{
    for (; *p; p++)
        if (*p == ' ' && key_at(p + 1))
            return p;
    return p;
}

/* A value that is a plain JSON number (integers and decimals, no leading zeros but "0"). */
static bool is_number(const char *v, size_t n)
{
    size_t i = v[0] == '-' ? 1 : 0;
    if (i >= n || !isdigit((unsigned char)v[i]) || (v[i] == '0' && i + 1 < n && v[i + 1] != '.'))
        return false;
    bool dot = false;
    for (; i < n; i++) {
        if (v[i] == '.' && !dot && i + 1 < n)
            dot = true;
        else if (!isdigit((unsigned char)v[i]))
            return false;
    }
    return true;
}

/* {"ts":..,"level":..,"msg":"what happened","ticket_id":"..","key":"value",..}: the words up to
 * the first key=value are the message; every key=value after them becomes a field (ticket=
 * becomes ticket_id, so a line about a ticket can be found by it); a value runs to the next
 * " key=". Numbers stay numbers. */
void log_format_json(char *out, size_t cap, const char *when, const char *level, const char *msg)
{
    size_t o = 0;
    o = put(out, o, cap, "{\"ts\":\"");
    o = put(out, o, cap, when);
    o = put(out, o, cap, "\",\"level\":\"");
    o = put(out, o, cap, level);
    o = put(out, o, cap, "\",\"msg\":\"");
    const char *first = msg;
    while (*first && !(first == msg ? key_at(first) : first[-1] == ' ' && key_at(first)))
        first++;
    size_t text_len = (size_t)(first - msg);
    while (text_len > 0 && msg[text_len - 1] == ' ')
        text_len--;
    o = json_escape(out, o, cap, msg, text_len);
    o = put(out, o, cap, "\"");
    for (const char *p = first; *p;) {
        size_t klen = key_at(p);
        const char *v = p + klen + 1, *end = value_end(v);
        o = put(out, o, cap, ",\"");
        if (klen == 6 && strncmp(p, "ticket", 6) == 0)
            o = put(out, o, cap, "ticket_id");
        else
            o = json_escape(out, o, cap, p, klen);
        o = put(out, o, cap, "\":");
        size_t vlen = (size_t)(end - v);
        if (is_number(v, vlen)) {
            o = json_escape(out, o, cap, v, vlen);
        } else {
            o = put(out, o, cap, "\"");
            o = json_escape(out, o, cap, v, vlen);
            o = put(out, o, cap, "\"");
        }
        p = *end ? end + 1 : end;
    }
    put(out, o, cap, "}");
}

void log_write(enum log_level level, const char *fmt, ...)
{
    if ((int)level > log_current_level)
        return;
    char msg[LOG_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char when[40];
    size_t n = strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(when + n, sizeof(when) - n, ".%03ldZ", ts.tv_nsec / 1000000);

    /* One fprintf per line, so lines from different threads do not interleave. */
    if (log_json) {
        char line[LOG_JSON_LINE_MAX];
        log_format_json(line, sizeof(line), when, LEVEL_NAMES[level], msg);
        fprintf(stderr, "%s\n", line);
    } else {
        fprintf(stderr, "%s %-5s %s\n", when, LEVEL_NAMES[level], msg);
    }
}
