/* log_vformat_line: an event's fields come from the literal text of its format; each
 * conversion is formatted on its own, so no argument can open a field or end the line. Then the
 * event is written as an escaped text line or as a JSON object. */
#include "log/log.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* A run of message words (is_field false) or a field; offsets into event.buf. */
struct item {
    bool is_field;
    bool literal; /* a field's value holds literal text of the format too */
    bool numeric; /* its last conversion was one of d i u f e g */
    unsigned n_conv;
    size_t key_off, key_len;
    size_t val_off, val_len;
};

/* Words and fields alternate at worst: words, field, words, field, ..., words. */
#define ITEMS_MAX (2 * LOG_FIELDS_MAX + 1)

struct event {
    char buf[LOG_MSG_MAX]; /* keys, values and words as formatted, unescaped */
    size_t len;
    struct item items[ITEMS_MAX];
    size_t n_items, n_fields;
};

/* One conversion specification of the format, '%' to the conversion character. */
struct conv {
    size_t len;
    int n_star;     /* '*' width and precision: int arguments before the value */
    char length[3]; /* "", "hh", "h", "l", "ll", "j", "z", "t" or "L" */
    char type;
};

static void ev_putc(struct event *ev, char c)
{
    if (ev->len + 1 < sizeof(ev->buf))
        ev->buf[ev->len++] = c;
}

static void item_open(struct event *ev, bool is_field, size_t key_off, size_t key_len)
{
    ev->items[ev->n_items++] = (struct item){
        .is_field = is_field, .key_off = key_off, .key_len = key_len, .val_off = ev->len};
}

/* Ends the last item; message words lose the spaces before the next field. */
static void item_close(struct event *ev)
{
    struct item *it = &ev->items[ev->n_items - 1];
    it->val_len = ev->len - it->val_off;
    while (!it->is_field && it->val_len > 0 && ev->buf[it->val_off + it->val_len - 1] == ' ')
        it->val_len--;
}

/* A key starts at p: a letter, then letters, digits, '_', '.', '-', then '='. Returns the
 * key's length, or 0. */
static size_t key_at(const char *p)
{
    if (!isalpha((unsigned char)p[0]))
        return 0;
    size_t n = 1;
    while (isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '.' || p[n] == '-')
        n++;
    return p[n] == '=' ? n : 0;
}

static bool conv_parse(const char *p, struct conv *c)
{
    memset(c, 0, sizeof(*c));
    size_t i = 1, l = 0;
    while (p[i] && strchr("-+ #0'", p[i]))
        i++;
    for (int part = 0; part < 2; part++) { /* width, then .precision */
        if (part == 1 && p[i] != '.')
            break;
        i += part;
        if (p[i] == '*') {
            c->n_star++;
            i++;
        }
        while (isdigit((unsigned char)p[i]))
            i++;
    }
    while (p[i] && strchr("hljztL", p[i]) && l < 2)
        c->length[l++] = p[i++];
    if (!p[i] || !strchr("diuoxXfFeEgGaAcspn", p[i]))
        return false;
    c->type = p[i];
    c->len = i + 1;
    return true;
}

/* Moves *ap past the arguments of c, reading each with its promoted type. */
static void conv_skip(const struct conv *c, va_list *ap)
{
    for (int i = 0; i < c->n_star; i++)
        (void)va_arg(*ap, int);
    const char *l = c->length;
    bool is_signed = c->type == 'd' || c->type == 'i';
    if (strchr("diouxX", c->type)) {
        if (strcmp(l, "l") == 0)
            is_signed ? (void)va_arg(*ap, long) : (void)va_arg(*ap, unsigned long);
        else if (strcmp(l, "ll") == 0)
            is_signed ? (void)va_arg(*ap, long long) : (void)va_arg(*ap, unsigned long long);
        else if (strcmp(l, "j") == 0)
            is_signed ? (void)va_arg(*ap, intmax_t) : (void)va_arg(*ap, uintmax_t);
        else if (strcmp(l, "z") == 0)
            (void)va_arg(*ap, size_t);
        else if (strcmp(l, "t") == 0)
            (void)va_arg(*ap, ptrdiff_t);
        else
            is_signed ? (void)va_arg(*ap, int) : (void)va_arg(*ap, unsigned);
    } else if (strchr("fFeEgGaA", c->type)) {
        strcmp(l, "L") == 0 ? (void)va_arg(*ap, long double) : (void)va_arg(*ap, double);
    } else if (c->type == 'c') {
        l[0] == 'l' ? (void)va_arg(*ap, wint_t) : (void)va_arg(*ap, int);
    } else { /* s p n */
        (void)va_arg(*ap, void *);
    }
}

/* Appends the conversion at p (parsed as c) formatted with its own arguments, and moves *ap
 * past them. %n writes nothing anywhere. */
static void conv_format(struct event *ev, const char *p, const struct conv *c, va_list *ap)
{
    char spec[32];
    size_t room = sizeof(ev->buf) - 1 - ev->len;
    if (c->type != 'n' && c->len < sizeof(spec) && room > 0) {
        memcpy(spec, p, c->len);
        spec[c->len] = '\0';
        va_list copy;
        va_copy(copy, *ap);
        int n = vsnprintf(ev->buf + ev->len, room + 1, spec, copy);
        va_end(copy);
        if (n > 0)
            ev->len += (size_t)n < room ? (size_t)n : room;
    }
    conv_skip(c, ap);
}

static void event_parse(struct event *ev, const char *fmt, va_list *ap)
{
    ev->len = ev->n_items = ev->n_fields = 0;
    item_open(ev, false, 0, 0);
    bool after_space = true; /* at the start of fmt or after a literal space */
    for (const char *p = fmt; *p;) {
        struct item *cur = &ev->items[ev->n_items - 1];
        size_t klen = after_space && ev->n_fields < LOG_FIELDS_MAX ? key_at(p) : 0;
        struct conv c;
        if (klen) {
            if (sizeof(ev->buf) - 1 - ev->len < klen)
                break; /* full: the rest is cut */
            item_close(ev);
            item_open(ev, true, ev->len, klen);
            ev->n_fields++;
            for (size_t i = 0; i < klen; i++)
                ev_putc(ev, p[i]);
            ev->items[ev->n_items - 1].val_off = ev->len;
            p += klen + 1;
            after_space = false;
        } else if (*p == '%' && p[1] != '%' && conv_parse(p, &c)) {
            conv_format(ev, p, &c, ap);
            cur->n_conv++;
            cur->numeric = strchr("diufFeEgG", c.type) != NULL;
            p += c.len;
            after_space = false;
        } else {
            char ch = *p;
            p += ch == '%' && p[1] == '%' ? 2 : 1;
            after_space = ch == ' ';
            if (ch == ' ' && cur->is_field) { /* the value ends; words may follow */
                item_close(ev);
                item_open(ev, false, 0, 0);
            } else if (ch != ' ' || ev->len > cur->val_off) {
                ev_putc(ev, ch);
                cur->literal = true;
            }
        }
    }
    item_close(ev);
}

struct sink {
    char *out;
    size_t cap, len;
};

static void sink_put(struct sink *o, const char *s, size_t n)
{
    if (o->cap == 0)
        return;
    size_t room = o->cap - 1 - o->len;
    n = n < room ? n : room;
    memcpy(o->out + o->len, s, n);
    o->len += n;
    o->out[o->len] = '\0';
}

static void sink_str(struct sink *o, const char *s)
{
    sink_put(o, s, strlen(s));
}

/* The length of the valid UTF-8 sequence at s (n > 0 bytes left) and its code point, or 0. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t len = 1;
    uint32_t min = 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if ((s[0] & 0xE0) == 0xC0) {
        len = 2, *cp = s[0] & 0x1Fu, min = 0x80;
    } else if ((s[0] & 0xF0) == 0xE0) {
        len = 3, *cp = s[0] & 0x0Fu, min = 0x800;
    } else if ((s[0] & 0xF8) == 0xF0) {
        len = 4, *cp = s[0] & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        *cp = (*cp << 6) | (s[i] & 0x3Fu);
    }
    return *cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF) ? 0 : len;
}

/* Code points that must not appear raw: they end or disguise a line. */
static bool is_control(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029;
}

enum esc { ESC_WORDS, ESC_QUOTED, ESC_JSON };

/* Writes s[0..n) escaped: ESC_WORDS for the text message, ESC_QUOTED inside a quoted text
 * value (also \"), ESC_JSON inside a JSON string (\" and \uNNNN; invalid UTF-8 -> U+FFFD). */
static void escape(struct sink *o, const char *s, size_t n, enum esc mode)
{
    for (size_t i = 0, len; i < n; i += len) {
        uint32_t cp = 0;
        char tmp[16];
        const unsigned char *u = (const unsigned char *)s + i;
        if ((len = utf8_decode(u, n - i, &cp)) == 0) {
            len = 1;
            if (mode == ESC_JSON)
                sink_str(o, "\\ufffd");
            else
                sink_put(o, tmp, (size_t)snprintf(tmp, sizeof(tmp), "\\x%02x", u[0]));
        } else if (cp == '\\' || (cp == '"' && mode != ESC_WORDS)) {
            sink_put(o, "\\", 1);
            sink_put(o, s + i, 1);
        } else if (cp == '\n' || cp == '\r' || cp == '\t') {
            sink_str(o, cp == '\n' ? "\\n" : cp == '\r' ? "\\r" : "\\t");
        } else if (is_control(cp)) {
            int k = mode != ESC_JSON && cp < 0x80
                        ? snprintf(tmp, sizeof(tmp), "\\x%02x", (unsigned)cp)
                        : snprintf(tmp, sizeof(tmp), "\\u%04x", (unsigned)cp);
            sink_put(o, tmp, (size_t)k);
        } else {
            sink_put(o, s + i, len);
        }
    }
}

/* A text value is quoted when it is empty or holds a space, '"', '\' or anything escaped. */
static bool needs_quotes(const char *s, size_t n)
{
    if (n == 0)
        return true;
    for (size_t i = 0, len; i < n; i += len) {
        uint32_t cp = 0;
        if ((len = utf8_decode((const unsigned char *)s + i, n - i, &cp)) == 0)
            return true;
        if (cp == ' ' || cp == '"' || cp == '\\' || is_control(cp))
            return true;
    }
    return false;
}

static size_t digits_end(const char *v, size_t i, size_t n)
{
    while (i < n && isdigit((unsigned char)v[i]))
        i++;
    return i;
}

/* A JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool is_number(const char *v, size_t n)
{
    size_t d = n > 0 && v[0] == '-' ? 1 : 0, i = digits_end(v, d, n);
    if (i == d || (v[d] == '0' && i - d > 1))
        return false;
    if (i < n && v[i] == '.') {
        d = i + 1;
        if ((i = digits_end(v, d, n)) == d)
            return false;
    }
    if (i < n && (v[i] == 'e' || v[i] == 'E')) {
        d = i + 1 < n && (v[i + 1] == '+' || v[i + 1] == '-') ? i + 2 : i + 1;
        if ((i = digits_end(v, d, n)) == d)
            return false;
    }
    return i == n;
}

static void render_text(struct sink *o, const struct event *ev, const char *when,
                        enum log_level level)
{
    char head[64];
    snprintf(head, sizeof(head), "%s %-5s", when, log_level_name(level));
    sink_str(o, head);
    for (size_t i = 0; i < ev->n_items; i++) {
        const struct item *it = &ev->items[i];
        const char *v = ev->buf + it->val_off;
        if (!it->is_field && it->val_len == 0)
            continue;
        sink_put(o, " ", 1);
        if (!it->is_field) {
            escape(o, v, it->val_len, ESC_WORDS);
            continue;
        }
        sink_put(o, ev->buf + it->key_off, it->key_len);
        sink_put(o, "=", 1);
        if (needs_quotes(v, it->val_len)) {
            sink_put(o, "\"", 1);
            escape(o, v, it->val_len, ESC_QUOTED);
            sink_put(o, "\"", 1);
        } else {
            sink_put(o, v, it->val_len);
        }
    }
}

static void json_field(struct sink *o, const struct event *ev, const struct item *it)
{
    const char *k = ev->buf + it->key_off, *v = ev->buf + it->val_off;
    size_t klen = it->key_len;
    sink_put(o, ",\"", 2);
    sink_put(o, k, klen); /* key_at allows no character JSON must escape */
    if (klen == 6 && memcmp(k, "ticket", 6) == 0)
        sink_str(o, "_id");
    else if ((klen == 2 && memcmp(k, "ts", 2) == 0) || (klen == 5 && memcmp(k, "level", 5) == 0) ||
             (klen == 3 && memcmp(k, "msg", 3) == 0))
        sink_str(o, "_");
    sink_put(o, "\":", 2);
    if (it->n_conv == 1 && !it->literal && it->numeric && is_number(v, it->val_len)) {
        sink_put(o, v, it->val_len);
    } else {
        sink_put(o, "\"", 1);
        escape(o, v, it->val_len, ESC_JSON);
        sink_put(o, "\"", 1);
    }
}

static void render_json(struct sink *o, const struct event *ev, const char *when,
                        enum log_level level)
{
    sink_str(o, "{\"ts\":\"");
    escape(o, when, strlen(when), ESC_JSON);
    sink_str(o, "\",\"level\":\"");
    sink_str(o, log_level_name(level));
    sink_str(o, "\",\"msg\":\"");
    bool first = true;
    for (size_t i = 0; i < ev->n_items; i++) {
        const struct item *it = &ev->items[i];
        if (it->is_field || it->val_len == 0)
            continue;
        if (!first)
            sink_put(o, " ", 1);
        escape(o, ev->buf + it->val_off, it->val_len, ESC_JSON);
        first = false;
    }
    sink_put(o, "\"", 1);
    for (size_t i = 0; i < ev->n_items; i++)
        if (ev->items[i].is_field)
            json_field(o, ev, &ev->items[i]);
    sink_put(o, "}", 1);
}

void log_vformat_line(char *out, size_t cap, int json, const char *when, enum log_level level,
                      const char *fmt, va_list ap)
{
    struct event ev;
    va_list args;
    va_copy(args, ap);
    event_parse(&ev, fmt, &args);
    va_end(args);
    struct sink o = {.out = out, .cap = cap};
    if (cap > 0)
        out[0] = '\0';
    if (json)
        render_json(&o, &ev, when, level);
    else
        render_text(&o, &ev, when, level);
}

void log_format_line(char *out, size_t cap, int json, const char *when, enum log_level level,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vformat_line(out, cap, json, when, level, fmt, ap);
    va_end(ap);
}
