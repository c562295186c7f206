#include "log/log.h"

#include <stdio.h>
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

const char *log_level_name(enum log_level level)
{
    return (unsigned)level < 4 ? LEVEL_NAMES[level] : "?";
}

void log_set_level(enum log_level level)
{
    log_current_level = level;
}

void log_set_json(int json)
{
    log_json = json;
}

void log_write(enum log_level level, const char *fmt, ...)
{
    if ((int)level > log_current_level)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char when[40];
    size_t n = strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(when + n, sizeof(when) - n, ".%03ldZ", ts.tv_nsec / 1000000);

    char line[LOG_LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    log_vformat_line(line, sizeof(line), log_json, when, level, fmt, ap);
    va_end(ap);
    /* One fprintf per line, so lines from different threads do not interleave. */
    fprintf(stderr, "%s\n", line);
}
