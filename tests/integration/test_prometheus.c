/* The router as Prometheus sees it: Debian's real Prometheus server (/usr/bin/prometheus, or
 * TR_TEST_PROMETHEUS) scrapes a running router every second and evaluates
 * deploy/prometheus/alerts.yml; the counters it stores must match the tickets sent, exactly.
 * Also: promtool accepts the files of deploy/prometheus/, and every ticket_router_* name in the
 * Grafana dashboard and in the alert expressions is one the router exposes, so neither can
 * drift from the code. A missing Prometheus fails the test (apt-get install prometheus, as
 * deploy/install-deps does). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "codec/codec.h"
#include "common/error.h"
#include "test_support.h"

extern char **environ;

#define JOB "ticket-router"
#define DASHBOARD TEST_SOURCE_DIR "/deploy/grafana/ticket-router.json"
#define ALERTS TEST_SOURCE_DIR "/deploy/prometheus/alerts.yml"

/* Three tiers, all with contract value 0 (so nobody is in the top 10% by value), two agents
 * with room for everything, one inactive agent (never reported), keyword rules for billing
 * ("invoice") and technical ("error"). */
static const char FIXTURE[] =
    "INSERT INTO customers (customer_id, tier) VALUES ('c-free', 'free'), ('c-pro', 'pro'),"
    " ('c-ent', 'enterprise');"
    "INSERT INTO teams (team, queue) VALUES ('billing', 'billing-q'), ('technical', 'tech-q'),"
    " ('triage', 'triage');"
    "INSERT INTO agents (agent_id, team, capacity) VALUES ('a-bill', 'billing', 100),"
    " ('a-tech', 'technical', 100), ('a-gone', 'billing', 100);"
    "UPDATE agents SET active = false WHERE agent_id = 'a-gone';"
    "INSERT INTO category_teams (category, team) VALUES ('billing', 'billing'),"
    " ('technical', 'technical');"
    "INSERT INTO routing_rules (name, position, conditions, actions) VALUES"
    " ('billing-kw', 10, '{\"keywords_any\": [\"invoice\"]}', '{\"category\": \"billing\"}'),"
    " ('tech-kw', 20, '{\"keywords_any\": [\"error\"]}', '{\"category\": \"technical\"}');";

/* What is sent. Urgency without a model: tier free 0, pro 10, enterprise 25, "urgent" 25;
 * P2 >= 45, P3 >= 20, else P4. "Hello" matches no rule: the triage team, no agent. */
enum kind { BILLING, TECHNICAL, URGENT, VAGUE, N_KINDS };
static const struct {
    const char *subject, *body;
} TEXT[N_KINDS] = {
    [BILLING] = {"Question about my invoice", "The invoice for March looks wrong, please check."},
    [TECHNICAL] = {"App problem", "The app shows an error when I open the settings."},
    [URGENT] = {"Urgent: app problem", "The app shows an error on every page."},
    [VAGUE] = {"Hello", "Can someone call me back?"},
};
static const char *const CUSTOMERS[3] = {"c-free", "c-pro", "c-ent"};
/* Tickets of each kind per customer (free, pro, enterprise). */
static const int MIX[N_KINDS][3] = {
    [BILLING] = {5, 4, 3},
    [TECHNICAL] = {3, 3, 2},
    [URGENT] = {2, 1, 1},
    [VAGUE] = {2, 2, 2},
};
#define N_TICKETS 30
#define N_INVALID 2
#define N_ASSIGNED 24 /* billing and technical ones */

struct expect {
    const char *labels[4];
    double value;
};

/* sum by (category, team, tier, priority) (ticket_router_decisions_total{mode="LIVE"}) */
static const struct expect BY_ROUTE[] = {
    {{"billing", "billing", "free", "P4"}, 5},
    {{"billing", "billing", "pro", "P4"}, 4},
    {{"billing", "billing", "enterprise", "P3"}, 3},
    {{"technical", "technical", "free", "P4"}, 3},
    {{"technical", "technical", "free", "P3"}, 2},
    {{"technical", "technical", "pro", "P4"}, 3},
    {{"technical", "technical", "pro", "P3"}, 1},
    {{"technical", "technical", "enterprise", "P3"}, 2},
    {{"technical", "technical", "enterprise", "P2"}, 1},
    {{"unknown", "triage", "free", "P4"}, 2},
    {{"unknown", "triage", "pro", "P4"}, 2},
    {{"unknown", "triage", "enterprise", "P3"}, 2},
};
static const struct expect BY_TIER[] = {
    {{"free"}, 12},
    {{"pro"}, 10},
    {{"enterprise"}, 8},
};
static const struct expect BY_PRIORITY[] = {
    {{"P2"}, 1},
    {{"P3"}, 10},
    {{"P4"}, 19},
};
static const struct expect BY_CATEGORY[] = {
    {{"billing"}, 12},
    {{"technical"}, 12},
    {{"unknown"}, 6},
};
static const struct expect AGENT_LOAD[] = {
    {{"a-bill", "billing"}, 12},
    {{"a-tech", "technical"}, 12},
};
static const struct expect AGENT_CAPACITY[] = {
    {{"a-bill", "billing"}, 100},
    {{"a-tech", "technical"}, 100},
};
static const struct expect FALLBACKS[] = {
    {{"LIVE", "triage"}, 6},
};
static const struct expect LIVE[] = {
    {{"LIVE"}, N_TICKETS},
};

struct fixture {
    struct test_env env;
    pid_t router, prometheus;
    unsigned port, prom_port;
    char router_log[256], prom_log[256], prom_yml[256], prom_dir[128];
    char prom_bin[256];
    char prom_error[1024]; /* why Prometheus did not start ("" when it did) */
    codec *codec;
};

static unsigned free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(a);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

/* The whole output of a shell command (NUL-terminated; caller frees), and its exit status. */
static char *command_output(const char *cmd, int *status)
{
    FILE *fp = popen(cmd, "r");
    assert_non_null(fp);
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, fp)) > 0) {
        len += n;
        if (cap - len < 1024) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    buf[len] = '\0';
    int rc = pclose(fp);
    if (status)
        *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return buf;
}

static bool http_ok(const char *url)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "curl -sf -o /dev/null --max-time 2 '%s'", url);
    int status = -1;
    free(command_output(cmd, &status));
    return status == 0;
}

/* Start Prometheus on a config of its own: the router every second, the repository's alert
 * rules evaluated every second. On failure, the reason goes to f->prom_error. */
static void prometheus_start(struct fixture *f)
{
    snprintf(f->prom_bin, sizeof(f->prom_bin), "%s",
             test_env("TR_TEST_PROMETHEUS", "/usr/bin/prometheus"));
    if (access(f->prom_bin, X_OK) != 0) {
        snprintf(f->prom_error, sizeof(f->prom_error),
                 "Prometheus is not installed: %s: %s (apt-get install prometheus, or run "
                 "deploy/install-deps)",
                 f->prom_bin, strerror(errno));
        return;
    }
    snprintf(f->prom_dir, sizeof(f->prom_dir), "/tmp/%.60s.prom.XXXXXX", f->env.suffix);
    assert_non_null(mkdtemp(f->prom_dir));
    snprintf(f->prom_yml, sizeof(f->prom_yml), "%s/prometheus.yml", f->prom_dir);
    FILE *fp = fopen(f->prom_yml, "w");
    assert_non_null(fp);
    fprintf(fp,
            "global:\n"
            "  scrape_interval: 1s\n"
            "  scrape_timeout: 1s\n"
            "  evaluation_interval: 1s\n"
            "rule_files:\n"
            "  - %s\n"
            "scrape_configs:\n"
            "  - job_name: " JOB "\n"
            "    static_configs:\n"
            "      - targets: ['127.0.0.1:%u']\n",
            ALERTS, f->port);
    fclose(fp);

    unsigned port;
    while ((port = free_port()) == f->port)
        ;
    f->prom_port = port;
    char config[300], storage[200], listen[64];
    snprintf(config, sizeof(config), "--config.file=%s", f->prom_yml);
    snprintf(storage, sizeof(storage), "--storage.tsdb.path=%s/data", f->prom_dir);
    snprintf(listen, sizeof(listen), "--web.listen-address=127.0.0.1:%u", f->prom_port);
    char *argv[] = {f->prom_bin, config, storage, listen, NULL};
    snprintf(f->prom_log, sizeof(f->prom_log), "/tmp/%.60s.prometheus.log", f->env.suffix);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, f->prom_log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    int rc = posix_spawn(&f->prometheus, f->prom_bin, &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        f->prometheus = 0;
        snprintf(f->prom_error, sizeof(f->prom_error), "cannot start %s: %s", f->prom_bin,
                 strerror(rc));
        return;
    }
    char url[128];
    snprintf(url, sizeof(url), "http://127.0.0.1:%u/-/ready", f->prom_port);
    for (int i = 0; i < 300; i++) {
        if (http_ok(url))
            return;
        if (waitpid(f->prometheus, NULL, WNOHANG) == f->prometheus) {
            f->prometheus = 0;
            snprintf(f->prom_error, sizeof(f->prom_error), "%s exited at startup; see %s",
                     f->prom_bin, f->prom_log);
            return;
        }
        tr_sleep_ms(100);
    }
    snprintf(f->prom_error, sizeof(f->prom_error), "%s not ready after 30 s; see %s", f->prom_bin,
             f->prom_log);
}

static int group_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    *state = f;
    test_env_setup(&f->env, "prom");
    test_sql(&f->env, FIXTURE);
    f->port = free_port();
    char env_port[64];
    snprintf(env_port, sizeof(env_port), "TICKET_ROUTER_HTTP_PORT=%u", f->port);
    const char *extra[] = {env_port, NULL};
    snprintf(f->router_log, sizeof(f->router_log), "/tmp/%s.router.log", f->env.suffix);
    f->router = test_router_start(&f->env, extra, f->router_log);
    char err[256];
    f->codec = codec_new(NULL, err, sizeof(err));
    assert_non_null(f->codec);
    prometheus_start(f);
    return 0;
}

/* Runs whatever the tests did: stops Prometheus and removes its directory, then the router. */
static int group_teardown(void **state)
{
    struct fixture *f = *state;
    if (f->prometheus > 0)
        test_router_stop(f->prometheus, SIGTERM, 10000);
    if (f->prom_dir[0]) {
        char cmd[256];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->prom_dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", f->prom_dir);
    }
    /* A clean stop is part of the test (the sanitizer build exits non-zero on a report). */
    int router_status = f->router > 0 ? test_router_stop(f->router, SIGTERM, 20000) : 0;
    if (router_status != 0)
        fprintf(stderr, "ticket-router exited with status %d; see %s\n", router_status,
                f->router_log);
    codec_free(f->codec);
    test_env_teardown(&f->env);
    free(f);
    return router_status == 0 ? 0 : -1;
}

static void prometheus_required(const struct fixture *f)
{
    if (f->prom_error[0])
        fail_msg("%s", f->prom_error);
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static void url_encode(const char *s, char *out, size_t len)
{
    static const char HEX[] = "0123456789ABCDEF";
    size_t o = 0;
    for (; *s && o + 4 < len; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out[o++] = (char)c;
        } else {
            out[o++] = '%';
            out[o++] = HEX[c >> 4];
            out[o++] = HEX[c & 15];
        }
    }
    assert_true(*s == '\0'); /* it fitted */
    out[o] = '\0';
}

/* GET an API path of Prometheus; the "data" member of a successful answer (caller decrefs). */
static json_t *prom_api(const struct fixture *f, const char *path_and_query)
{
    char cmd[4096];
    snprintf(cmd, sizeof(cmd), "curl -sS --max-time 5 'http://127.0.0.1:%u%s'", f->prom_port,
             path_and_query);
    int status = -1;
    char *body = command_output(cmd, &status);
    json_error_t jerr;
    json_t *root = json_loads(body, 0, &jerr);
    if (status != 0 || !root ||
        strcmp(or_empty(json_string_value(json_object_get(root, "status"))), "success") != 0)
        fail_msg("Prometheus %s: curl status %d, answer: %.500s", path_and_query, status, body);
    free(body);
    json_t *data = json_incref(json_object_get(root, "data"));
    json_decref(root);
    assert_non_null(data);
    return data;
}

/* Whether Prometheus accepts query (parses and evaluates it); its error into err otherwise. */
static bool prom_accepts(const struct fixture *f, const char *query, char *err, size_t len)
{
    char enc[4096], cmd[4400];
    url_encode(query, enc, sizeof(enc));
    snprintf(cmd, sizeof(cmd), "curl -sS --max-time 5 'http://127.0.0.1:%u/api/v1/query?query=%s'",
             f->prom_port, enc);
    int status = -1;
    char *body = command_output(cmd, &status);
    json_t *root = json_loads(body, 0, NULL);
    bool ok = status == 0 && root &&
              strcmp(or_empty(json_string_value(json_object_get(root, "status"))), "success") == 0;
    snprintf(err, len, "%s",
             ok     ? ""
             : root ? or_empty(json_string_value(json_object_get(root, "error")))
                    : body);
    json_decref(root);
    free(body);
    return ok;
}

/* An instant query: the result array (caller decrefs). */
static json_t *prom_query(const struct fixture *f, const char *query)
{
    char enc[2048], path[2200];
    url_encode(query, enc, sizeof(enc));
    snprintf(path, sizeof(path), "/api/v1/query?query=%s", enc);
    json_t *data = prom_api(f, path);
    json_t *result = json_incref(json_object_get(data, "result"));
    json_decref(data);
    assert_true(json_is_array(result));
    return result;
}

static double series_value(const json_t *series)
{
    const char *v = json_string_value(json_array_get(json_object_get(series, "value"), 1));
    return v ? strtod(v, NULL) : NAN;
}

static const char *series_label(const json_t *series, const char *name)
{
    return or_empty(json_string_value(json_object_get(json_object_get(series, "metric"), name)));
}

/* The value of a query that yields one series; NAN when it yields none. */
static double prom_value(const struct fixture *f, const char *query)
{
    json_t *result = prom_query(f, query);
    size_t n = json_array_size(result);
    if (n > 1)
        fail_msg("Prometheus: %s gave %zu series, want one", query, n);
    double v = n ? series_value(json_array_get(result, 0)) : NAN;
    json_decref(result);
    return v;
}

/* 0 when query's value is want; otherwise 1, or fails the test when strict. */
static int check(const struct fixture *f, bool strict, const char *query, double want)
{
    double got = prom_value(f, query);
    if (got == want)
        return 0;
    if (strict) {
        if (isnan(got))
            fail_msg("Prometheus: %s has no series, want %g", query, want);
        fail_msg("Prometheus: %s = %g, want %g", query, got, want);
    }
    return 1;
}

/* 0 when query yields exactly the series of want (labels names[0..n_names), values); otherwise
 * the number of differences, or fails the test when strict. */
static int check_vector(const struct fixture *f, bool strict, const char *query,
                        const char *const *names, size_t n_names, const struct expect *want,
                        size_t n_want)
{
    json_t *result = prom_query(f, query);
    int wrong = 0;
    size_t n = json_array_size(result);
    if (n != n_want) {
        wrong++;
        if (strict) {
            char *dump = json_dumps(result, JSON_COMPACT);
            fail_msg("Prometheus: %s gave %zu series, want %zu: %.1500s", query, n, n_want, dump);
        }
    }
    for (size_t i = 0; i < n; i++) {
        const json_t *s = json_array_get(result, i);
        const struct expect *match = NULL;
        for (size_t w = 0; w < n_want && !match; w++) {
            bool same = true;
            for (size_t k = 0; k < n_names && same; k++)
                same = strcmp(series_label(s, names[k]), want[w].labels[k]) == 0;
            if (same)
                match = &want[w];
        }
        double got = series_value(s);
        if (match && got == match->value)
            continue;
        wrong++;
        if (strict) {
            char *labels = json_dumps(json_object_get(s, "metric"), JSON_COMPACT);
            if (!match)
                fail_msg("Prometheus: %s: unexpected series %s = %g", query, labels, got);
            fail_msg("Prometheus: %s: %s = %g, want %g", query, labels, got, match->value);
        }
    }
    json_decref(result);
    return wrong;
}

#define NAMES(...)                                                                                 \
    (const char *const[]){__VA_ARGS__},                                                            \
        sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)
#define WANT(a) a, sizeof(a) / sizeof((a)[0])

/* Every figure Prometheus must hold once the tickets are processed. Returns the number of
 * differences (0: all as expected); strict fails the test at the first one, naming it. */
static int scraped_figures(const struct fixture *f, bool strict)
{
    char q[512];
    int wrong = 0;
    wrong += check(f, strict, "up{job=\"" JOB "\"}", 1);
    wrong += check(f, strict, "ticket_router_ready{job=\"" JOB "\"}", 1);
    /* Tickets in, decisions out, dead letters. */
    wrong += check(f, strict, "ticket_router_tickets_total", N_TICKETS + N_INVALID);
    wrong += check(f, strict, "sum(ticket_router_decisions_total)", N_TICKETS);
    wrong += check(f, strict, "sum(ticket_router_dead_letters_total)", N_INVALID);
    snprintf(q, sizeof(q), "sum(ticket_router_dead_letters_total{topic=\"%s\", error=\"%s\"})",
             f->env.topic_tickets, tr_strerror(TR_EDECODE));
    wrong += check(f, strict, q, N_INVALID);
    wrong += check(f, strict, "ticket_router_replays_total", 0);
    wrong += check(f, strict, "ticket_router_assigned_total", N_ASSIGNED);
    /* Decisions by label. */
    wrong += check_vector(f, strict, "sum by (mode) (ticket_router_decisions_total)", NAMES("mode"),
                          WANT(LIVE));
    wrong += check_vector(f, strict, "sum by (tier) (ticket_router_decisions_total)", NAMES("tier"),
                          WANT(BY_TIER));
    wrong += check_vector(f, strict, "sum by (priority) (ticket_router_decisions_total)",
                          NAMES("priority"), WANT(BY_PRIORITY));
    wrong += check_vector(f, strict, "sum by (category) (ticket_router_decisions_total)",
                          NAMES("category"), WANT(BY_CATEGORY));
    wrong += check_vector(
        f, strict,
        "sum by (category, team, tier, priority) (ticket_router_decisions_total{mode=\"LIVE\"})",
        NAMES("category", "team", "tier", "priority"), WANT(BY_ROUTE));
    wrong += check_vector(f, strict, "sum by (mode, team) (ticket_router_fallbacks_total)",
                          NAMES("mode", "team"), WANT(FALLBACKS));
    /* One latency and one processing observation per decision, in the LIVE series. */
    wrong += check(f, strict, "sum(ticket_router_decision_latency_seconds_count)", N_TICKETS);
    wrong += check(f, strict,
                   "sum(ticket_router_decision_latency_seconds_bucket{mode=\"LIVE\", le=\"+Inf\"})",
                   N_TICKETS);
    wrong +=
        check(f, strict, "sum(ticket_router_processing_seconds_count{mode=\"LIVE\"})", N_TICKETS);
    /* Lag: a series for each of the 3 partitions of both consumed topics, all read. */
    snprintf(q, sizeof(q), "count(ticket_router_consumer_lag{topic=\"%s\"})", f->env.topic_tickets);
    wrong += check(f, strict, q, 3);
    snprintf(q, sizeof(q), "count(ticket_router_consumer_lag{topic=\"%s\"})", f->env.topic_events);
    wrong += check(f, strict, q, 3);
    wrong += check(f, strict, "count(ticket_router_consumer_lag)", 6);
    wrong += check(f, strict, "sum(ticket_router_consumer_lag)", 0);
    /* Agent load: the claimed tickets, per active agent; the inactive one is not reported. */
    wrong += check(f, strict, "sum(ticket_router_agent_load)", N_ASSIGNED);
    wrong += check_vector(f, strict, "ticket_router_agent_load", NAMES("agent", "team"),
                          WANT(AGENT_LOAD));
    wrong += check_vector(f, strict, "ticket_router_agent_capacity", NAMES("agent", "team"),
                          WANT(AGENT_CAPACITY));
    return wrong;
}

static void send_ticket(struct fixture *f, const char *id, const char *customer, enum kind kind)
{
    test_send_ticket(&f->env, f->codec, id, customer, TEXT[kind].subject, TEXT[kind].body);
}

/* Polls until the query's value is want or timeout_ms pass. */
static void await_value(const struct fixture *f, const char *query, double want, int timeout_ms)
{
    for (int waited = 0; waited < timeout_ms && check(f, false, query, want) != 0; waited += 250)
        tr_sleep_ms(250);
    check(f, true, query, want);
}

/* Active alerts (pending or firing) by name and state, with the topic label. */
static void alerts_check(const struct fixture *f, bool *dead_letters_firing, int *others,
                         char *other_names, size_t len)
{
    json_t *data = prom_api(f, "/api/v1/alerts");
    json_t *alerts = json_object_get(data, "alerts");
    size_t i;
    json_t *a;
    *dead_letters_firing = false;
    *others = 0;
    other_names[0] = '\0';
    json_array_foreach(alerts, i, a)
    {
        const json_t *labels = json_object_get(a, "labels");
        const char *name = or_empty(json_string_value(json_object_get(labels, "alertname")));
        const char *state = or_empty(json_string_value(json_object_get(a, "state")));
        const char *topic = or_empty(json_string_value(json_object_get(labels, "topic")));
        if (strcmp(name, "TicketRouterDeadLetters") == 0 && strcmp(state, "firing") == 0 &&
            strcmp(topic, f->env.topic_tickets) == 0) {
            *dead_letters_firing = true;
        } else if (strcmp(name, "TicketRouterDeadLetters") != 0) {
            (*others)++;
            size_t used = strlen(other_names);
            snprintf(other_names + used, len - used, " %s(%s)", name, state);
        }
    }
    json_decref(data);
}

/* Every rule of alerts.yml loaded and evaluated without error. Returns the rules seen; the
 * first unhealthy one goes to bad ("" when none). */
static size_t rules_health(const struct fixture *f, char *bad, size_t len)
{
    json_t *data = prom_api(f, "/api/v1/rules");
    size_t n = 0, gi, ri;
    json_t *g, *r;
    bad[0] = '\0';
    json_array_foreach(json_object_get(data, "groups"), gi, g)
    {
        json_array_foreach(json_object_get(g, "rules"), ri, r)
        {
            n++;
            const char *health = or_empty(json_string_value(json_object_get(r, "health")));
            if (strcmp(health, "ok") != 0 && !bad[0])
                snprintf(bad, len, "%s: health %s %s",
                         or_empty(json_string_value(json_object_get(r, "name"))), health,
                         or_empty(json_string_value(json_object_get(r, "lastError"))));
        }
    }
    json_decref(data);
    return n;
}

static void test_prometheus_stores_what_the_router_did(void **state)
{
    struct fixture *f = *state;
    prometheus_required(f);
    /* The router is scraped and ready (partitions assigned) before anything is sent. */
    await_value(f, "up{job=\"" JOB "\"}", 1, 30000);
    await_value(f, "ticket_router_ready{job=\"" JOB "\"}", 1, 60000);

    char prefix[96], id[160];
    test_unique(prefix, sizeof(prefix), "prom");
    int n = 0;
    for (int kind = 0; kind < N_KINDS; kind++)
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < MIX[kind][c]; i++) {
                snprintf(id, sizeof(id), "%s-%d", prefix, n++);
                send_ticket(f, id, CUSTOMERS[c], (enum kind)kind);
            }
    assert_int_equal(n, N_TICKETS);
    /* Not Avro at all; and the right magic byte with an unknown schema id. */
    static const char garbage[] = "this is not an avro ticket";
    static const unsigned char unknown_schema[] = {0, 0, 0, 0x27, 0x0f, 2, 'x', 2, 'y'};
    snprintf(id, sizeof(id), "%s-garbage-1", prefix);
    test_produce(&f->env, f->env.topic_tickets, id, garbage, sizeof(garbage) - 1);
    snprintf(id, sizeof(id), "%s-garbage-2", prefix);
    test_produce(&f->env, f->env.topic_tickets, id, unknown_schema, sizeof(unknown_schema));

    char sql[256];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM decisions WHERE ticket_id LIKE '%s-%%'",
             prefix);
    long stored = 0;
    for (int i = 0; i < 600 && (stored = test_sql_long(&f->env, sql)) < N_TICKETS; i++)
        tr_sleep_ms(100);
    assert_int_equal(stored, N_TICKETS);

    /* Prometheus catches up within a few scrapes; then every figure is exact. */
    int wrong = 1;
    for (int waited = 0; waited < 30000 && (wrong = scraped_figures(f, false)) != 0; waited += 500)
        tr_sleep_ms(500);
    scraped_figures(f, true); /* names the first figure that is wrong */
    assert_int_equal(wrong, 0);

    /* The repository's alert rules: all evaluated without error; the dead letters fire, and
     * nothing else is pending or firing on this healthy router. */
    char bad[512], others_names[512];
    size_t n_rules = 0;
    bool dead_letters = false;
    int others = 0;
    for (int waited = 0; waited < 20000; waited += 500) {
        n_rules = rules_health(f, bad, sizeof(bad));
        alerts_check(f, &dead_letters, &others, others_names, sizeof(others_names));
        if (n_rules > 0 && !bad[0] && dead_letters && others == 0)
            break;
        tr_sleep_ms(500);
    }
    assert_int_equal(n_rules, 13);
    if (bad[0])
        fail_msg("alerts.yml: %s", bad);
    if (!dead_letters)
        fail_msg("TicketRouterDeadLetters is not firing for %s", f->env.topic_tickets);
    if (others != 0)
        fail_msg("alerts active on a healthy router:%s", others_names);
}

static void test_promtool_accepts_deploy_config(void **state)
{
    struct fixture *f = *state;
    prometheus_required(f);
    char promtool[300];
    snprintf(promtool, sizeof(promtool), "%s", f->prom_bin);
    char *slash = strrchr(promtool, '/');
    assert_non_null(slash);
    snprintf(slash + 1, sizeof(promtool) - (size_t)(slash + 1 - promtool), "promtool");
    static const char *const CHECKS[] = {
        "check rules deploy/prometheus/alerts.yml",
        "check config deploy/prometheus/prometheus.yml",
        "check config deploy/prometheus/prometheus-compose.yml",
    };
    for (size_t i = 0; i < sizeof(CHECKS) / sizeof(CHECKS[0]); i++) {
        char cmd[512];
        snprintf(cmd, sizeof(cmd), "cd '%s' && '%s' %s 2>&1", TEST_SOURCE_DIR, promtool, CHECKS[i]);
        int status = -1;
        char *out = command_output(cmd, &status);
        if (status != 0)
            fail_msg("promtool %s: exit %d\n%s", CHECKS[i], status, out);
        assert_non_null(strstr(out, "SUCCESS"));
        free(out);
    }
}

/* Names the router exposes, from the # TYPE lines of its /metrics: counters and gauges as
 * they are, histograms as their _bucket, _sum and _count series. One name a line in buf. */
static char *exposed_names(const struct fixture *f)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "http://127.0.0.1:%u/metrics", f->port);
    for (int i = 0; i < 300 && !http_ok(cmd); i++)
        tr_sleep_ms(100); /* the router may still be starting */
    snprintf(cmd, sizeof(cmd), "curl -sf --max-time 5 http://127.0.0.1:%u/metrics", f->port);
    int status = -1;
    char *body = command_output(cmd, &status);
    assert_int_equal(status, 0);
    size_t cap = strlen(body) + 1;
    char *names = calloc(1, cap);
    assert_non_null(names);
    size_t used = 0;
    for (char *line = strtok(body, "\n"); line; line = strtok(NULL, "\n")) {
        char name[128], type[32];
        if (sscanf(line, "# TYPE %127s %31s", name, type) != 2)
            continue;
        if (strcmp(type, "histogram") == 0)
            used += (size_t)snprintf(names + used, cap - used, "%s_bucket\n%s_sum\n%s_count\n",
                                     name, name, name);
        else
            used += (size_t)snprintf(names + used, cap - used, "%s\n", name);
        assert_true(used < cap);
    }
    free(body);
    return names;
}

static bool name_listed(const char *names, const char *name)
{
    size_t len = strlen(name);
    for (const char *p = names; (p = strstr(p, name)); p += len)
        if ((p == names || p[-1] == '\n') && p[len] == '\n')
            return true;
    return false;
}

static bool is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == ':';
}

/* Every ticket_router_* name in expr is exposed; fails naming where it was found. Returns how
 * many names expr uses. */
static int names_check(const char *names, const char *expr, const char *where)
{
    int n = 0;
    for (const char *p = expr; (p = strstr(p, "ticket_router_"));) {
        if (p > expr && is_name_char(p[-1])) {
            p++;
            continue;
        }
        size_t len = 0;
        while (is_name_char(p[len]))
            len++;
        char name[128];
        snprintf(name, sizeof(name), "%.*s", (int)len, p);
        if (!name_listed(names, name))
            fail_msg("%s uses %s, which the router does not expose (expression: %s)", where, name,
                     expr);
        n++;
        p += len;
    }
    return n;
}

struct dashboard_walk {
    const struct fixture *f;
    const char *names;
    int exprs, uses;
};

/* expr with Grafana's variables replaced by what they stand for on a dashboard. */
static void grafana_expand(const char *expr, char *out, size_t len)
{
    static const char *const VARS[][2] = {{"$__rate_interval", "1m"},
                                          {"$__interval", "15s"},
                                          {"$__range", "6h"},
                                          {"$instance", ".*"}};
    size_t o = 0;
    while (*expr && o + 1 < len) {
        size_t v = 0;
        while (v < 4 && strncmp(expr, VARS[v][0], strlen(VARS[v][0])) != 0)
            v++;
        if (v < 4) {
            o += (size_t)snprintf(out + o, len - o, "%s", VARS[v][1]);
            expr += strlen(VARS[v][0]);
        } else {
            out[o++] = *expr++;
        }
    }
    assert_true(*expr == '\0' && o < len);
    out[o] = '\0';
}

/* Every "expr" and every templating "query" string, anywhere in the dashboard. */
static void dashboard_walk(const json_t *node, const char *title, struct dashboard_walk *w)
{
    if (json_is_array(node)) {
        size_t i;
        const json_t *v;
        json_array_foreach(node, i, v) dashboard_walk(v, title, w);
        return;
    }
    if (!json_is_object(node))
        return;
    const char *t = json_string_value(json_object_get(node, "title"));
    if (t)
        title = t;
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)node, key, v)
    {
        if (json_is_string(v) && (strcmp(key, "expr") == 0 || strcmp(key, "query") == 0)) {
            char where[256];
            snprintf(where, sizeof(where), "dashboard panel \"%s\"", title ? title : "?");
            w->exprs++;
            w->uses += names_check(w->names, json_string_value(v), where);
            char expanded[4096], err[1024];
            grafana_expand(json_string_value(v), expanded, sizeof(expanded));
            if (strcmp(key, "expr") == 0 && !prom_accepts(w->f, expanded, err, sizeof(err)))
                fail_msg("%s: Prometheus refuses %s: %s", where, expanded, err);
        } else {
            dashboard_walk(v, title, w);
        }
    }
}

static void test_dashboard_uses_only_exposed_metrics(void **state)
{
    struct fixture *f = *state;
    prometheus_required(f); /* it checks every expression */
    char *names = exposed_names(f);
    json_error_t jerr;
    json_t *dash = json_load_file(DASHBOARD, 0, &jerr);
    if (!dash)
        fail_msg("%s:%d: %s", DASHBOARD, jerr.line, jerr.text);
    /* Every panel queries the Prometheus data source variable, and has a query. */
    json_t *panels = json_object_get(dash, "panels");
    assert_true(json_array_size(panels) >= 14);
    size_t i;
    json_t *panel;
    int queried = 0;
    json_array_foreach(panels, i, panel)
    {
        const char *type = or_empty(json_string_value(json_object_get(panel, "type")));
        if (strcmp(type, "row") == 0)
            continue;
        const char *title = or_empty(json_string_value(json_object_get(panel, "title")));
        const char *uid = or_empty(
            json_string_value(json_object_get(json_object_get(panel, "datasource"), "uid")));
        if (strcmp(uid, "${DS_PROMETHEUS}") != 0)
            fail_msg("panel \"%s\": datasource uid \"%s\", want ${DS_PROMETHEUS}", title, uid);
        if (json_array_size(json_object_get(panel, "targets")) == 0)
            fail_msg("panel \"%s\" has no query", title);
        queried++;
    }
    assert_true(queried >= 14);
    struct dashboard_walk w = {.f = f, .names = names};
    dashboard_walk(dash, NULL, &w);
    assert_true(w.exprs >= queried);
    assert_true(w.uses >= queried);
    json_decref(dash);
    free(names);
}

/* The expressions of alerts.yml: an "expr:" value, inline or the block indented below it. */
static void test_alert_rules_use_only_exposed_metrics(void **state)
{
    struct fixture *f = *state;
    char *names = exposed_names(f);
    FILE *fp = fopen(ALERTS, "r");
    assert_non_null(fp);
    char line[1024], where[128];
    int expr_indent = -1, n_exprs = 0, uses = 0, lineno = 0;
    while (fgets(line, sizeof(line), fp)) {
        lineno++;
        int indent = (int)strspn(line, " ");
        bool blank = line[indent] == '\n' || line[indent] == '\0' || line[indent] == '#';
        snprintf(where, sizeof(where), "alerts.yml:%d", lineno);
        if (expr_indent >= 0 && !blank && indent > expr_indent) {
            uses += names_check(names, line, where);
            continue;
        }
        if (!blank)
            expr_indent = -1;
        const char *key = line + indent;
        if (strncmp(key, "expr:", 5) == 0) {
            n_exprs++;
            expr_indent = indent;
            uses += names_check(names, key + 5, where);
        }
    }
    fclose(fp);
    assert_int_equal(n_exprs, 13);
    assert_true(uses >= 13);
    free(names);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prometheus_stores_what_the_router_did),
        cmocka_unit_test(test_promtool_accepts_deploy_config),
        cmocka_unit_test(test_dashboard_uses_only_exposed_metrics),
        cmocka_unit_test(test_alert_rules_use_only_exposed_metrics),
    };
    return cmocka_run_group_tests_name("integration.prometheus", tests, group_setup,
                                       group_teardown);
}
