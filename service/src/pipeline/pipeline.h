/* pipeline: one ticket end to end: decode, context, decide, claim, persist, publish, then the
 * offset. The only module that joins the edges (kafka, store, load, codec) with routing.
 * Threads: pipeline_run on the main (poll) thread; pipeline_stats_get from any thread. */
#ifndef TR_PIPELINE_H
#define TR_PIPELINE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/error.h"
#include "config/config.h"
#include "metrics/metrics.h"

typedef struct pipeline pipeline;

/* Connect everything (Kafka, PostgreSQL, Redis per worker), load the routing context and the
 * model. cfg is borrowed and must outlive the pipeline. NULL with the reason in err.
 * Caller owns the result; free with pipeline_free() (NULL-safe). */
pipeline *pipeline_new(const struct config *cfg, char *err, size_t errlen);

/* Consume and route until *stop becomes non-zero, then finish the in-flight tickets and store
 * their offsets. Returns 0, or 1 after a fatal Kafka error. */
int pipeline_run(pipeline *p, volatile sig_atomic_t *stop);

/* Stop consuming, commit, close. Accepts NULL. */
void pipeline_free(pipeline *p);

struct pipeline_stats {
    uint64_t tickets_in;
    uint64_t decisions;    /* new decisions published */
    uint64_t replays;      /* tickets already decided: stored decision published again */
    uint64_t dead_letters; /* events sent to the DLQ */
    uint64_t events_in;    /* tickets.events consumed */
    uint64_t fallbacks;    /* decisions to a fallback queue */
    uint64_t assigned;     /* decisions with an agent claimed */
    uint64_t dependency_errors;
    uint64_t escalations;       /* escalations published (new ones) */
    uint64_t reroutes;          /* decisions revised: first-response time-outs, reopened tickets */
    uint64_t incidents;         /* outage incidents opened */
    uint64_t metrics_refreshes; /* scrapes that read lag, store health and agent load afresh */
    bool ready;                 /* partitions assigned and dependencies reachable */
};
void pipeline_stats_get(pipeline *p, struct pipeline_stats *out);

/* The Prometheus exposition of every metric (reads consumer lag, agent load and the stores'
 * health at call time). Any thread; calls are serialised. */
void pipeline_metrics_render(pipeline *p, struct metrics_buf *out);
/* Ready to route: partitions assigned, PostgreSQL and Redis answer, batches not failing. The
 * reason either way goes to why. Any thread. */
bool pipeline_ready(pipeline *p, char *why, size_t whylen);

/* Alive: the poll loop went round, and every worker with work made progress, within
 * liveness.timeout_ms. A stuck loop or a dead or hung worker fails it (the orchestrator
 * restarts the process); a dependency outage does not (workers retry and make progress). The
 * reason either way goes to why. Any thread. */
bool pipeline_alive(pipeline *p, char *why, size_t whylen);

#endif
