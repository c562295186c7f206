#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_internal.h"
#include "log/log.h"
#include "metrics/metrics.h"
#include "pipeline/pipeline.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void counter(struct metrics_buf *buf, const char *name, const char *help, uint64_t v)
{
    metrics_buf_family(buf, name, "counter", help);
    metrics_buf_printf(buf, "%s %llu\n", name, (unsigned long long)v);
}

static void render(void *arg, struct metrics_buf *out)
{
    struct pipeline_stats s;
    pipeline_stats_get(arg, &s);
    counter(out, "ticket_router_tickets_total", "Tickets consumed from the tickets topic.",
            s.tickets_in);
    counter(out, "ticket_router_decisions_total", "New routing decisions published.", s.decisions);
    counter(out, "ticket_router_replays_total",
            "Tickets already decided whose stored decision was published again.", s.replays);
    counter(out, "ticket_router_fallbacks_total", "Decisions sent to a fallback queue.",
            s.fallbacks);
    counter(out, "ticket_router_assigned_total", "Decisions with an agent claimed.", s.assigned);
    counter(out, "ticket_router_dead_letters_total", "Events sent to the dead-letter topic.",
            s.dead_letters);
    counter(out, "ticket_router_events_total", "Ticket lifecycle events consumed.", s.events_in);
    counter(out, "ticket_router_dependency_errors_total",
            "Batches retried because PostgreSQL, Redis or Kafka failed.", s.dependency_errors);
    counter(out, "ticket_router_escalations_total", "Escalations published.", s.escalations);
    counter(out, "ticket_router_reroutes_total",
            "Decisions revised after a first-response time-out or a reopened ticket.", s.reroutes);
    counter(out, "ticket_router_incidents_total", "Outage incidents opened.", s.incidents);
    metrics_buf_family(out, "ticket_router_ready", "gauge", "1 when ready to route.");
    metrics_buf_printf(out, "ticket_router_ready %d\n", s.ready ? 1 : 0);
}

static bool ready(void *arg, char *why, size_t whylen)
{
    struct pipeline_stats s;
    pipeline_stats_get(arg, &s);
    if (!s.ready)
        snprintf(why, whylen, "not ready: no partitions assigned or a dependency is down");
    return s.ready;
}

int cli_run(int argc, char **argv)
{
    static const char *const OPTS[] = {"--config=", NULL};
    if (!cli_check(argc, argv, OPTS, "ticket-router run --config FILE"))
        return 2;
    struct config cfg;
    if (!cli_config_load(argc, argv, &cfg))
        return 2;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    char err[512];
    int status = 1;
    pipeline *p = pipeline_new(&cfg, err, sizeof(err));
    metrics_server *server = NULL;
    if (!p) {
        log_error("startup failed: %s", err);
        goto out;
    }
    struct metrics_handlers handlers = {.render = render, .ready = ready, .arg = p};
    server = metrics_server_new(cfg.http_port, &handlers, err, sizeof(err));
    if (!server && cfg.http_port) {
        log_error("startup failed: http: %s", err);
        goto out;
    }
    log_info("ticket-router started http.port=%u", cfg.http_port);
    status = pipeline_run(p, &stop_requested);
    struct pipeline_stats s;
    pipeline_stats_get(p, &s);
    log_info("ticket-router stopped tickets=%llu decisions=%llu replays=%llu dead_letters=%llu",
             (unsigned long long)s.tickets_in, (unsigned long long)s.decisions,
             (unsigned long long)s.replays, (unsigned long long)s.dead_letters);
out:
    metrics_server_free(server);
    pipeline_free(p);
    config_clear(&cfg);
    return status;
}
