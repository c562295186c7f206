/* log: one event is one stderr line. Text ("ts level msg key=value") or JSON lines.
 * Threads: any; log_set_* are for startup, before threads start. */
#ifndef TR_LOG_H
#define TR_LOG_H

#include "common/error.h"

enum log_level { LOG_ERROR = 0, LOG_WARN = 1, LOG_INFO = 2, LOG_DEBUG = 3 };

extern int log_current_level; /* read without a lock: set once at startup */

/* Parse "error", "warn", "info", "debug". Returns false for anything else. */
int log_level_parse(const char *s, enum log_level *out);
void log_set_level(enum log_level level);
/* json != 0: one JSON object per line (log_format_json); else "ts level msg key=value". */
void log_set_json(int json);

void log_write(enum log_level level, const char *fmt, ...) TR_PRINTF(2, 3);

/* A message is cut at LOG_MSG_MAX bytes; its JSON line (every byte escaped at worst) fits in
 * LOG_JSON_LINE_MAX. */
#define LOG_MSG_MAX 2048
#define LOG_JSON_LINE_MAX (LOG_MSG_MAX * 6 + 256)
/* The JSON line of one event: {"ts":when,"level":level,"msg":"words before the first key=value"}
 * plus one field per key=value of msg ("ticket" is named "ticket_id"; a value runs to the next
 * " key="; plain numbers stay numbers). For the logger and its tests. */
void log_format_json(char *out, size_t cap, const char *when, const char *level, const char *msg);

/* The level test comes before any formatting of the arguments. */
#define log_error(...) log_write(LOG_ERROR, __VA_ARGS__)
#define log_warn(...)                                                                              \
    do {                                                                                           \
        if (log_current_level >= LOG_WARN)                                                         \
            log_write(LOG_WARN, __VA_ARGS__);                                                      \
    } while (0)
#define log_info(...)                                                                              \
    do {                                                                                           \
        if (log_current_level >= LOG_INFO)                                                         \
            log_write(LOG_INFO, __VA_ARGS__);                                                      \
    } while (0)
#define log_debug(...)                                                                             \
    do {                                                                                           \
        if (log_current_level >= LOG_DEBUG)                                                        \
            log_write(LOG_DEBUG, __VA_ARGS__);                                                     \
    } while (0)

#endif
