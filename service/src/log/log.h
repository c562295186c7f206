/* log: one event is one stderr line. Text ("ts level msg key=value") or JSON lines.
 * The fields of an event come from the literal text of its printf format, never from the
 * arguments: log_warn("publish failed ticket=%s err=%s", key, err) has the fields ticket and
 * err whatever key and err hold, and no argument can end the line.
 * Threads: any; log_set_* are for startup, before threads start. */
#ifndef TR_LOG_H
#define TR_LOG_H

#include <stdarg.h>
#include <stddef.h>

#include "common/error.h"

enum log_level { LOG_ERROR = 0, LOG_WARN = 1, LOG_INFO = 2, LOG_DEBUG = 3 };

extern int log_current_level; /* read without a lock: set once at startup */

/* Parse "error", "warn", "info", "debug". Returns false for anything else. */
int log_level_parse(const char *s, enum log_level *out);
/* "error", "warn", "info" or "debug". */
const char *log_level_name(enum log_level level);
void log_set_level(enum log_level level);
/* json != 0: one JSON object per line; else "ts level msg key=value". */
void log_set_json(int json);

void log_write(enum log_level level, const char *fmt, ...) TR_PRINTF(2, 3);

/* An event keeps at most LOG_MSG_MAX formatted bytes (keys, values and words; the rest is cut)
 * and LOG_FIELDS_MAX fields (a later key= is text of the last value). Its line, every byte
 * escaped at worst, fits in LOG_LINE_MAX bytes. */
#define LOG_MSG_MAX 2048
#define LOG_FIELDS_MAX 32
#define LOG_LINE_MAX (LOG_MSG_MAX * 6 + 1024)

/* One event as one line, without the newline, into out (cap bytes; LOG_LINE_MAX is always
 * enough, less may cut the line). when is the timestamp text.
 * Fields: a `key=` in the literal text of fmt, at its start or after a literal space (key: a
 * letter, then letters, digits, '_', '.', '-'), opens a field; its value is the formatted text
 * that follows, up to the next literal space. Each conversion is formatted on its own, so an
 * argument never opens a field. The rest of the text is the message.
 * Text: "ts level msg key=value ..." in the order of fmt. Backslash, control bytes, DEL, C1
 * controls, U+2028/U+2029 and invalid UTF-8 are escaped (\\ \n \r \t \xNN \uNNNN); a value
 * that is empty or holds a space, '"', '\' or an escape is quoted: key="a \"b\"".
 * JSON: {"ts":..,"level":..,"msg":"the message words",<one member per field>}; a field whose
 * value is a single %d/%i/%u/%f/%e/%g conversion that printed a JSON number is a number, any
 * other is a string; "ticket" is named "ticket_id"; ts/level/msg as field names get a '_'
 * suffix. Invalid UTF-8 becomes U+FFFD. For the logger and its tests. */
void log_format_line(char *out, size_t cap, int json, const char *when, enum log_level level,
                     const char *fmt, ...) TR_PRINTF(6, 7);
void log_vformat_line(char *out, size_t cap, int json, const char *when, enum log_level level,
                      const char *fmt, va_list ap) TR_PRINTF(6, 0);

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
