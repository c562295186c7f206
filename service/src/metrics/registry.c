#include "metrics/registry.h"

#include <stdbool.h>

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"

#define BUCKETS_MAX 24
#define TABLE_SLOTS 1024 /* hash chains; a family rarely has more than a few hundred series */

struct series {
    struct series *next;  /* hash chain */
    struct series *order; /* creation order, for stable output */
    uint64_t hash;
    char *values[METRICS_LABELS_MAX];
    double value;                     /* counter, gauge; histogram: sum */
    uint64_t counts[BUCKETS_MAX + 1]; /* histogram: per bucket (not cumulative), last is +Inf */
    uint64_t count;
};

struct metrics_family {
    struct metrics_family *next;
    enum metrics_type type;
    char *name, *help;
    size_t n_labels;
    char *labels[METRICS_LABELS_MAX];
    double bounds[BUCKETS_MAX];
    size_t n_bounds;
    pthread_mutex_t lock;
    struct series *table[TABLE_SLOTS]; /* lock */
    struct series *first, *last;       /* lock */
    size_t n_series;                   /* lock */
};

struct metrics_registry {
    metrics_family *first, *last;
};

metrics_registry *metrics_registry_new(void)
{
    return calloc(1, sizeof(metrics_registry));
}

static void series_free(struct series *s, size_t n_labels)
{
    for (size_t i = 0; i < n_labels; i++)
        free(s->values[i]);
    free(s);
}

void metrics_family_clear(metrics_family *f)
{
    if (!f)
        return;
    pthread_mutex_lock(&f->lock);
    for (struct series *s = f->first, *next; s; s = next) {
        next = s->order;
        series_free(s, f->n_labels);
    }
    memset(f->table, 0, sizeof(f->table));
    f->first = f->last = NULL;
    f->n_series = 0;
    pthread_mutex_unlock(&f->lock);
}

void metrics_registry_free(metrics_registry *reg)
{
    if (!reg)
        return;
    for (metrics_family *f = reg->first, *next; f; f = next) {
        next = f->next;
        metrics_family_clear(f);
        pthread_mutex_destroy(&f->lock);
        for (size_t i = 0; i < f->n_labels; i++)
            free(f->labels[i]);
        free(f->name);
        free(f->help);
        free(f);
    }
    free(reg);
}

metrics_family *metrics_family_new(metrics_registry *reg, enum metrics_type type, const char *name,
                                   const char *help, const char *labels, const double *bounds,
                                   size_t n_bounds)
{
    if (!reg || !name || !help || n_bounds > BUCKETS_MAX ||
        (type == METRICS_HISTOGRAM && n_bounds == 0))
        return NULL;
    metrics_family *f = calloc(1, sizeof(*f));
    if (!f)
        return NULL;
    f->type = type;
    f->name = strdup(name);
    f->help = strdup(help);
    bool ok = f->name && f->help;
    for (const char *p = labels ? labels : ""; ok && *p;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (f->n_labels == METRICS_LABELS_MAX || n == 0) {
            ok = false;
            break;
        }
        f->labels[f->n_labels] = strndup(p, n);
        ok = f->labels[f->n_labels++] != NULL;
        p += n + (end ? 1 : 0);
    }
    for (size_t i = 0; i < n_bounds; i++)
        f->bounds[i] = bounds[i];
    f->n_bounds = type == METRICS_HISTOGRAM ? n_bounds : 0;
    if (!ok || pthread_mutex_init(&f->lock, NULL) != 0) {
        for (size_t i = 0; i < f->n_labels; i++)
            free(f->labels[i]);
        free(f->name);
        free(f->help);
        free(f);
        return NULL;
    }
    if (reg->last)
        reg->last->next = f;
    else
        reg->first = f;
    reg->last = f;
    return f;
}

static const char OTHER[] = "_other";

static bool values_equal(const struct series *s, const char *const *values, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s->values[i], values && values[i] ? values[i] : "") != 0)
            return false;
    return true;
}

/* The series of values, created when new. Called with f->lock held; NULL when out of memory. */
static struct series *series_get(metrics_family *f, const char *const *values)
{
    const char *other[METRICS_LABELS_MAX];
    for (;;) {
        uint64_t h = 1469598103934665603ULL;
        for (size_t i = 0; i < f->n_labels; i++)
            h = tr_fnv1a(values && values[i] ? values[i] : "", h) * 31 + i;
        for (struct series *s = f->table[h % TABLE_SLOTS]; s; s = s->next)
            if (s->hash == h && values_equal(s, values, f->n_labels))
                return s;
        if (f->n_series >= METRICS_SERIES_MAX && values != other) {
            for (size_t i = 0; i < f->n_labels; i++)
                other[i] = OTHER;
            values = other; /* too many label sets: count it under _other */
            continue;
        }
        struct series *s = calloc(1, sizeof(*s));
        if (!s)
            return NULL;
        for (size_t i = 0; i < f->n_labels; i++) {
            s->values[i] = strdup(values && values[i] ? values[i] : "");
            if (!s->values[i]) {
                series_free(s, f->n_labels);
                return NULL;
            }
        }
        s->hash = h;
        s->next = f->table[h % TABLE_SLOTS];
        f->table[h % TABLE_SLOTS] = s;
        if (f->last)
            f->last->order = s;
        else
            f->first = s;
        f->last = s;
        f->n_series++;
        return s;
    }
}

void metrics_add(metrics_family *f, const char *const *values, double v)
{
    if (!f || f->type == METRICS_HISTOGRAM)
        return;
    pthread_mutex_lock(&f->lock);
    struct series *s = series_get(f, values);
    if (s)
        s->value += v;
    pthread_mutex_unlock(&f->lock);
}

void metrics_set(metrics_family *f, const char *const *values, double v)
{
    if (!f || f->type != METRICS_GAUGE)
        return;
    pthread_mutex_lock(&f->lock);
    struct series *s = series_get(f, values);
    if (s)
        s->value = v;
    pthread_mutex_unlock(&f->lock);
}

void metrics_observe(metrics_family *f, const char *const *values, double x)
{
    if (!f || f->type != METRICS_HISTOGRAM || isnan(x))
        return;
    size_t b = 0;
    while (b < f->n_bounds && x > f->bounds[b])
        b++;
    pthread_mutex_lock(&f->lock);
    struct series *s = series_get(f, values);
    if (s) {
        s->counts[b]++;
        s->count++;
        s->value += x;
    }
    pthread_mutex_unlock(&f->lock);
}

/* A label value with \, " and newline escaped, as the format requires. */
static void put_escaped(struct metrics_buf *out, const char *v)
{
    for (const char *p = v; *p; p++) {
        if (*p == '\\')
            metrics_buf_printf(out, "\\\\");
        else if (*p == '"')
            metrics_buf_printf(out, "\\\"");
        else if (*p == '\n')
            metrics_buf_printf(out, "\\n");
        else
            metrics_buf_printf(out, "%c", *p);
    }
}

/* {a="x",b="y"[,le="0.5"]} or nothing when there are no labels. */
static void put_labels(struct metrics_buf *out, const metrics_family *f, const struct series *s,
                       const char *le)
{
    if (f->n_labels == 0 && !le)
        return;
    metrics_buf_printf(out, "{");
    for (size_t i = 0; i < f->n_labels; i++) {
        metrics_buf_printf(out, "%s%s=\"", i ? "," : "", f->labels[i]);
        put_escaped(out, s->values[i]);
        metrics_buf_printf(out, "\"");
    }
    if (le)
        metrics_buf_printf(out, "%sle=\"%s\"", f->n_labels ? "," : "", le);
    metrics_buf_printf(out, "}");
}

static const char *const TYPE_NAMES[] = {"counter", "gauge", "histogram"};

void metrics_registry_render(metrics_registry *reg, struct metrics_buf *out)
{
    if (!reg)
        return;
    for (metrics_family *f = reg->first; f; f = f->next) {
        metrics_buf_family(out, f->name, TYPE_NAMES[f->type], f->help);
        pthread_mutex_lock(&f->lock);
        if (f->type != METRICS_HISTOGRAM && f->n_labels == 0 && !f->first)
            metrics_buf_printf(out, "%s 0\n", f->name); /* a plain counter exists from start */
        for (const struct series *s = f->first; s; s = s->order) {
            if (f->type != METRICS_HISTOGRAM) {
                metrics_buf_printf(out, "%s", f->name);
                put_labels(out, f, s, NULL);
                metrics_buf_printf(out, " %.17g\n", s->value);
                continue;
            }
            uint64_t cumulative = 0;
            for (size_t b = 0; b <= f->n_bounds; b++) {
                char le[32];
                if (b < f->n_bounds)
                    snprintf(le, sizeof(le), "%g", f->bounds[b]);
                else
                    snprintf(le, sizeof(le), "+Inf");
                cumulative += s->counts[b];
                metrics_buf_printf(out, "%s_bucket", f->name);
                put_labels(out, f, s, le);
                metrics_buf_printf(out, " %llu\n", (unsigned long long)cumulative);
            }
            metrics_buf_printf(out, "%s_sum", f->name);
            put_labels(out, f, s, NULL);
            metrics_buf_printf(out, " %.17g\n", s->value);
            metrics_buf_printf(out, "%s_count", f->name);
            put_labels(out, f, s, NULL);
            metrics_buf_printf(out, " %llu\n", (unsigned long long)s->count);
        }
        pthread_mutex_unlock(&f->lock);
    }
}
