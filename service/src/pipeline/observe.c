/* What the router tells Prometheus and the orchestrator: the metric families, the gauges read
 * at scrape time (consumer lag, agent load, model, dependencies), and readiness. Runs on the HTTP
 * server's thread with its own PostgreSQL and Redis connections. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

/* Seconds from ticket creation to publication: helpdesk delay, queueing and the router. */
static const double LATENCY_BOUNDS[] = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
                                        2.5,  5,     10,   30,  60,   300};
/* Seconds inside the router, from taking the ticket up to handing the decision to Kafka. */
static const double PROCESSING_BOUNDS[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                           0.05,   0.1,   0.25,   0.5,   1,    2.5};
static const double CONFIDENCE_BOUNDS[] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99};
#define N(a) (sizeof(a) / sizeof((a)[0]))
#define GAUGES_EVERY_US 2000000

int pipeline_metrics_init(struct pipeline_metrics *m)
{
    memset(m, 0, sizeof(*m));
    if (!(m->reg = metrics_registry_new()))
        return TR_ENOMEM;
    metrics_registry *r = m->reg;
    m->decisions = metrics_family_new(
        r, METRICS_COUNTER, "ticket_router_decisions_total",
        "New routing decisions published, by mode, category, team, customer tier and priority.",
        "mode,category,team,tier,priority", NULL, 0);
    m->fallbacks = metrics_family_new(
        r, METRICS_COUNTER, "ticket_router_fallbacks_total",
        "Decisions sent to a fallback (triage or default team) because the classifier was unsure "
        "or no rule or category applied.",
        "mode,team", NULL, 0);
    m->escalations = metrics_family_new(r, METRICS_COUNTER, "ticket_router_escalations_total",
                                        "Escalations published, by kind and severity.",
                                        "kind,severity", NULL, 0);
    m->dead_letters =
        metrics_family_new(r, METRICS_COUNTER, "ticket_router_dead_letters_total",
                           "Messages sent to the dead-letter topic, by source topic and error.",
                           "topic,error", NULL, 0);
    m->events = metrics_family_new(r, METRICS_COUNTER, "ticket_router_events_total",
                                   "Ticket lifecycle events consumed (new ones), by type.", "type",
                                   NULL, 0);
    m->dependency_errors = metrics_family_new(
        r, METRICS_COUNTER, "ticket_router_dependency_errors_total",
        "Batches retried because a dependency failed (postgres, redis; kafka when both answered).",
        "dependency", NULL, 0);
    m->latency = metrics_family_new(
        r, METRICS_HISTOGRAM, "ticket_router_decision_latency_seconds",
        "From the ticket's creation in the helpdesk to its decision being published.", "mode",
        LATENCY_BOUNDS, N(LATENCY_BOUNDS));
    m->processing = metrics_family_new(
        r, METRICS_HISTOGRAM, "ticket_router_processing_seconds",
        "Time inside the router, from taking the ticket up to publishing its decision.", "mode",
        PROCESSING_BOUNDS, N(PROCESSING_BOUNDS));
    m->confidence = metrics_family_new(
        r, METRICS_HISTOGRAM, "ticket_router_classifier_confidence",
        "Calibrated confidence of the classifier's top category, per decided ticket.", "",
        CONFIDENCE_BOUNDS, N(CONFIDENCE_BOUNDS));
    m->shadow = metrics_family_new(
        r, METRICS_COUNTER, "ticket_router_shadow_comparisons_total",
        "Shadow decisions compared with the first manual assignment: result agree, disagree or "
        "unknown (manual team unknown), by category.",
        "category,result", NULL, 0);
    m->feedback = metrics_family_new(
        r, METRICS_COUNTER, "ticket_router_feedback_total",
        "Feedback on decisions: kind misroute, reassigned_team or reassigned_agent, by the "
        "decision's category.",
        "kind,category", NULL, 0);
    m->examples = metrics_family_new(
        r, METRICS_COUNTER, "ticket_router_training_examples_total",
        "Labelled training examples written from feedback, by source and label kind.",
        "source,label_kind", NULL, 0);
    m->model_reloads = metrics_family_new(
        r, METRICS_COUNTER, "ticket_router_model_reloads_total",
        "Published models picked up without a restart (loaded) or refused.", "result", NULL, 0);
    m->lag = metrics_family_new(r, METRICS_GAUGE, "ticket_router_consumer_lag",
                                "Messages not yet read, per assigned partition.", "topic,partition",
                                NULL, 0);
    m->agent_load =
        metrics_family_new(r, METRICS_GAUGE, "ticket_router_agent_load",
                           "Open tickets claimed per active agent (Redis).", "agent,team", NULL, 0);
    m->agent_capacity =
        metrics_family_new(r, METRICS_GAUGE, "ticket_router_agent_capacity",
                           "Open tickets an active agent may hold at once.", "agent,team", NULL, 0);
    m->model_info =
        metrics_family_new(r, METRICS_GAUGE, "ticket_router_model_info",
                           "The classifier model in use (value 1).", "version", NULL, 0);
    m->dependency_up =
        metrics_family_new(r, METRICS_GAUGE, "ticket_router_dependency_up",
                           "1 when the dependency answered the last check.", "dependency", NULL, 0);
    m->dead_letter_failures = metrics_family_new(
        r, METRICS_COUNTER, "ticket_router_dead_letter_failures_total",
        "Dead-letter records the broker did not take (topic missing, not authorised, broker "
        "down, too large); the batch waits and retries, and the router reports not ready.",
        "topic", NULL, 0);
    m->context_reload = metrics_family_new(
        r, METRICS_HISTOGRAM, "ticket_router_context_reload_seconds",
        "Time to load the routing context (teams, agents, rules, weights, agent performance, "
        "value quantiles) from PostgreSQL; flat in the number of customers and decisions.",
        "", PROCESSING_BOUNDS, N(PROCESSING_BOUNDS));
    bool ok = m->context_reload && m->dead_letter_failures && m->decisions && m->fallbacks &&
              m->escalations && m->dead_letters && m->events && m->dependency_errors &&
              m->latency && m->processing && m->confidence && m->shadow && m->feedback &&
              m->examples && m->model_reloads && m->lag && m->agent_load && m->agent_capacity &&
              m->model_info && m->dependency_up;
    return ok ? 0 : TR_ENOMEM;
}

void pipeline_metrics_free(struct pipeline_metrics *m)
{
    metrics_registry_free(m->reg);
    memset(m, 0, sizeof(*m));
}

/* Pings PostgreSQL and Redis at most once a second; probe_lock held. */
static void probe_check(pipeline *p)
{
    int64_t now = tr_mono_us();
    if (p->probe_checked_us && now - p->probe_checked_us < 1000000)
        return;
    p->probe_checked_us = now;
    p->probe_pg_ok = p->probe.pg && store_ping(p->probe.pg) == 0;
    p->probe_redis_ok = p->probe.redis && load_ping(p->probe.redis) == 0;
}

bool pipeline_ready(pipeline *p, char *why, size_t whylen)
{
    pthread_mutex_lock(&p->probe_lock);
    probe_check(p);
    bool pg = p->probe_pg_ok, redis = p->probe_redis_ok;
    pthread_mutex_unlock(&p->probe_lock);
    int assigned = p->consumer ? kafka_consumer_assigned(p->consumer) : 0;
    bool batches = atomic_load(&p->deps_ok);
    if (assigned > 0 && pg && redis && batches) {
        snprintf(why, whylen, "ready: %d partitions assigned, postgres and redis answer", assigned);
        return true;
    }
    snprintf(why, whylen, "not ready:%s%s%s%s", assigned > 0 ? "" : " no partitions assigned",
             pg ? "" : " postgres unreachable", redis ? "" : " redis unreachable",
             batches ? "" : " batches failing (retrying with backoff)");
    return false;
}

static void lag_set(void *arg, const char *topic, int32_t partition, int64_t lag)
{
    char part[16];
    snprintf(part, sizeof(part), "%d", partition);
    metrics_set(arg, (const char *[]){topic, part}, (double)lag);
}

#define LOAD_BATCH 64
/* Load and capacity of every active agent of the routing context. probe_lock held. */
static void agents_observe(pipeline *p)
{
    struct pipeline_metrics *m = &p->metrics;
    metrics_family_clear(m->agent_load);
    metrics_family_clear(m->agent_capacity);
    if (!p->probe.redis || !p->probe_redis_ok)
        return;
    struct context_ref *ref = context_acquire(&p->context);
    const struct route_context *ctx = ref->ctx;
    for (size_t from = 0; from < ctx->n_agents; from += LOAD_BATCH) {
        size_t n = ctx->n_agents - from < LOAD_BATCH ? ctx->n_agents - from : LOAD_BATCH;
        const char *ids[LOAD_BATCH];
        int loads[LOAD_BATCH];
        enum presence presence[LOAD_BATCH];
        for (size_t i = 0; i < n; i++)
            ids[i] = ctx->agents[from + i].agent_id;
        if (load_agents_get(p->probe.redis, ids, n, loads, presence) != 0)
            break;
        for (size_t i = 0; i < n; i++) {
            const struct agent_candidate *a = &ctx->agents[from + i];
            if (!a->active)
                continue;
            const char *labels[] = {a->agent_id, a->team};
            metrics_set(m->agent_load, labels, loads[i]);
            metrics_set(m->agent_capacity, labels, a->capacity);
        }
    }
    context_release(&p->context, ref);
}

void pipeline_metrics_render(pipeline *p, struct metrics_buf *out)
{
    struct pipeline_metrics *m = &p->metrics;
    struct pipeline_stats s;
    pipeline_stats_get(p, &s);
    static const struct {
        const char *name, *help;
        size_t offset;
    } PLAIN[] = {
        {"ticket_router_tickets_total", "Tickets consumed from the tickets topic.",
         offsetof(struct pipeline_stats, tickets_in)},
        {"ticket_router_replays_total",
         "Tickets already decided whose stored decision was published again.",
         offsetof(struct pipeline_stats, replays)},
        {"ticket_router_assigned_total", "Decisions with an agent claimed (live mode).",
         offsetof(struct pipeline_stats, assigned)},
        {"ticket_router_reroutes_total",
         "Decisions revised after a first-response time-out or a reopened ticket.",
         offsetof(struct pipeline_stats, reroutes)},
        {"ticket_router_incidents_total", "Outage incidents opened.",
         offsetof(struct pipeline_stats, incidents)},
        {"ticket_router_metrics_refreshes_total",
         "Times a scrape read lag, store health and agent load afresh (at most every 2 s).",
         offsetof(struct pipeline_stats, metrics_refreshes)},
    };
    for (size_t i = 0; i < N(PLAIN); i++) {
        uint64_t v;
        memcpy(&v, (const char *)&s + PLAIN[i].offset, sizeof(v));
        metrics_buf_family(out, PLAIN[i].name, "counter", PLAIN[i].help);
        metrics_buf_printf(out, "%s %llu\n", PLAIN[i].name, (unsigned long long)v);
    }

    /* Lag, store health and agent load cost round trips to the broker, PostgreSQL and Redis:
     * read them at most every GAUGES_EVERY_US, however often Prometheus scrapes. */
    pthread_mutex_lock(&p->probe_lock);
    int64_t now = tr_mono_us();
    if (!p->metrics_refreshed_us || now - p->metrics_refreshed_us >= GAUGES_EVERY_US) {
        p->metrics_refreshed_us = now;
        atomic_fetch_add_explicit(&p->stats.metrics_refreshes, 1, memory_order_relaxed);
        metrics_family_clear(m->lag);
        if (p->consumer)
            kafka_consumer_lag_each(p->consumer, 1000, lag_set, m->lag);
        probe_check(p);
        metrics_set(m->dependency_up, (const char *[]){"postgres"}, p->probe_pg_ok);
        metrics_set(m->dependency_up, (const char *[]){"redis"}, p->probe_redis_ok);
        agents_observe(p);
    }
    pthread_mutex_unlock(&p->probe_lock);
    metrics_family_clear(m->model_info);
    struct model_ref *ref = model_acquire(&p->models);
    if (ref->model)
        metrics_set(m->model_info, (const char *[]){classifier_version(ref->model)}, 1);
    model_release(&p->models, ref);

    /* Round trips of the workers' connections (the decision path), for the benchmark's
     * "round trips per batch". */
    uint64_t pg_trips = 0, redis_trips = 0;
    for (unsigned i = 0; i < p->n_workers; i++) {
        pg_trips += p->workers[i].pg ? store_round_trips(p->workers[i].pg) : 0;
        redis_trips += p->workers[i].redis ? load_round_trips(p->workers[i].redis) : 0;
    }
    metrics_buf_family(out, "ticket_router_postgres_round_trips_total", "counter",
                       "Statements the workers sent to PostgreSQL and waited for.");
    metrics_buf_printf(out, "ticket_router_postgres_round_trips_total %llu\n",
                       (unsigned long long)pg_trips);
    metrics_buf_family(out, "ticket_router_redis_round_trips_total", "counter",
                       "Requests the workers sent to Redis and waited for (a pipelined group "
                       "counts once).");
    metrics_buf_printf(out, "ticket_router_redis_round_trips_total %llu\n",
                       (unsigned long long)redis_trips);
    metrics_buf_family(out, "ticket_router_batches_total", "counter",
                       "Batches of tickets run (one partition's messages of one poll round).");
    metrics_buf_printf(out, "ticket_router_batches_total %llu\n",
                       (unsigned long long)atomic_load(&p->stats.batches));
    metrics_buf_family(out, "ticket_router_customer_cache_total", "counter",
                       "Customer lookups by result: hit (from the process-wide cache) or miss "
                       "(fetched, one statement per batch).");
    metrics_buf_printf(out,
                       "ticket_router_customer_cache_total{result=\"hit\"} %llu\n"
                       "ticket_router_customer_cache_total{result=\"miss\"} %llu\n",
                       (unsigned long long)atomic_load(&p->customers.hits),
                       (unsigned long long)atomic_load(&p->customers.misses));

    char why[256];
    bool ready = pipeline_ready(p, why, sizeof(why));
    metrics_buf_family(out, "ticket_router_ready", "gauge",
                       "1 when ready to route (partitions assigned, PostgreSQL and Redis answer).");
    metrics_buf_printf(out, "ticket_router_ready %d\n", ready ? 1 : 0);
    metrics_registry_render(m->reg, out);
}

/* Counters and the log line of a new decision, once stored. */
void decision_counted(pipeline *p, const struct route_decision *d, size_t n_escalations)
{
    log_info("decided ticket=%s team=%s queue=%s agent=%s priority=%s category=%s "
             "confidence=%.2f fallback=%d escalations=%zu latency_us=%" PRId64,
             d->ticket_id, d->team, d->queue, d->agent_id[0] ? d->agent_id : "-",
             priority_name(d->priority), d->category, d->confidence, d->fallback, n_escalations,
             d->latency_us);
    atomic_fetch_add_explicit(&p->stats.decisions, 1, memory_order_relaxed);
    const char *mode = route_mode_name(d->mode);
    metrics_add(p->metrics.decisions,
                (const char *[]){mode, d->category, d->team, tier_name(d->customer_tier),
                                 priority_name(d->priority)},
                1);
    if (d->fallback) {
        atomic_fetch_add_explicit(&p->stats.fallbacks, 1, memory_order_relaxed);
        metrics_add(p->metrics.fallbacks, (const char *[]){mode, d->team}, 1);
    }
    if (d->agent_id[0] && d->mode == ROUTE_MODE_LIVE)
        atomic_fetch_add_explicit(&p->stats.assigned, 1, memory_order_relaxed);
}

void shadow_counted(pipeline *p, const struct shadow_comparison *cmp)
{
    if (!cmp->compared)
        return;
    const char *result = cmp->team_agrees < 0 ? "unknown" : cmp->team_agrees ? "agree" : "disagree";
    metrics_add(p->metrics.shadow, (const char *[]){cmp->category, result}, 1);
}

void pipeline_stats_get(pipeline *p, struct pipeline_stats *out)
{
    out->tickets_in = atomic_load(&p->stats.tickets_in);
    out->decisions = atomic_load(&p->stats.decisions);
    out->replays = atomic_load(&p->stats.replays);
    out->dead_letters = atomic_load(&p->stats.dead_letters);
    out->events_in = atomic_load(&p->stats.events_in);
    out->fallbacks = atomic_load(&p->stats.fallbacks);
    out->assigned = atomic_load(&p->stats.assigned);
    out->dependency_errors = atomic_load(&p->stats.dependency_errors);
    out->escalations = atomic_load(&p->stats.escalations);
    out->reroutes = atomic_load(&p->stats.reroutes);
    out->incidents = atomic_load(&p->stats.incidents);
    out->metrics_refreshes = atomic_load(&p->stats.metrics_refreshes);
    out->ready =
        p->consumer && kafka_consumer_assigned(p->consumer) > 0 && atomic_load(&p->deps_ok);
}
