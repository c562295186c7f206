/* metrics registry: counters, gauges and histograms with labels, rendered in the Prometheus
 * text exposition format (version 0.0.4). There is no C client library for Prometheus in Debian;
 * this is the small part of one that the router needs.
 * Threads: families are created at startup, before other threads use the registry; updates and
 * rendering are safe from any thread (a mutex per family).
 * Cardinality: a family keeps at most METRICS_SERIES_MAX label sets; updates for more go to one
 * series whose labels are all "_other" (counted, never dropped). */
#ifndef TR_METRICS_REGISTRY_H
#define TR_METRICS_REGISTRY_H

#include <stddef.h>

#include "metrics/metrics.h"

#define METRICS_SERIES_MAX 4096
#define METRICS_LABELS_MAX 6

enum metrics_type { METRICS_COUNTER, METRICS_GAUGE, METRICS_HISTOGRAM };

typedef struct metrics_registry metrics_registry;
typedef struct metrics_family metrics_family;

/* NULL when out of memory. Free with metrics_registry_free (NULL-safe), after every user. */
metrics_registry *metrics_registry_new(void);
void metrics_registry_free(metrics_registry *reg);

/* A family named name (a valid Prometheus name) with up to METRICS_LABELS_MAX label names,
 * comma-separated in labels ("" for none). Histograms take their upper bounds, ascending (the
 * +Inf bucket is implicit). Owned by reg. NULL when out of memory or the arguments are bad. */
metrics_family *metrics_family_new(metrics_registry *reg, enum metrics_type type, const char *name,
                                   const char *help, const char *labels, const double *bounds,
                                   size_t n_bounds);

/* values: one string per label name, in order (NULL or "" is rendered as ""). NULL-safe on f,
 * so that code may run without metrics. */
void metrics_add(metrics_family *f, const char *const *values, double v);     /* counter, gauge */
void metrics_set(metrics_family *f, const char *const *values, double v);     /* gauge */
void metrics_observe(metrics_family *f, const char *const *values, double x); /* histogram */
/* Forget every series (a gauge rebuilt at each scrape, e.g. consumer lag). */
void metrics_family_clear(metrics_family *f);

/* Every family, in creation order. */
void metrics_registry_render(metrics_registry *reg, struct metrics_buf *out);

#endif
