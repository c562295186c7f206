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

static void render(void *arg, struct metrics_buf *out)
{
    pipeline_metrics_render(arg, out);
}

static bool ready(void *arg, char *why, size_t whylen)
{
    return pipeline_ready(arg, why, whylen);
}

static bool alive(void *arg, char *why, size_t whylen)
{
    return pipeline_alive(arg, why, whylen);
}

static const struct cli_option RUN_OPTIONS[] = {
    {"config", "FILE", CLI_CONFIG_HELP},
};
static const struct cli_command RUN = {
    "run", "[--config FILE]",
    "Route tickets: consume the tickets and events topics, decide, persist and publish the "
    "decisions, serve /metrics, /healthz and /readyz on http.bind:http.port. SIGTERM or SIGINT "
    "finish the "
    "tickets in flight, commit and exit 0.",
    CLI_OPTIONS(RUN_OPTIONS)};

int cli_run(int argc, char **argv)
{
    const char *opt[1];
    int status = 1;
    if (!cli_parse(&RUN, argc, argv, opt, &status))
        return status;
    struct config cfg;
    if (!cli_config_load(opt[0], &cfg))
        return 2;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    char err[512];
    pipeline *p = pipeline_new(&cfg, err, sizeof(err));
    metrics_server *server = NULL;
    if (!p) {
        log_error("startup failed: %s", err);
        goto out;
    }
    struct metrics_handlers handlers = {.render = render, .ready = ready, .alive = alive, .arg = p};
    server = metrics_server_new(cfg.http_bind, cfg.http_port, &handlers, err, sizeof(err));
    if (!server && cfg.http_port) {
        log_error("startup failed: http: %s", err);
        goto out;
    }
    log_info("ticket-router started http.bind=%s http.port=%u", cfg.http_bind, cfg.http_port);
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
