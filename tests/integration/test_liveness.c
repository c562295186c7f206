/* test_liveness: /healthz tells the truth, against the real broker, PostgreSQL and Redis.
 * - A worker hung in a dependency call (PostgreSQL holds a lock its insert waits for) makes
 *   /healthz answer 503 naming the worker once liveness.timeout_ms passes, and 200 again when
 *   the call returns; before, /healthz answered 200 whatever happened.
 * - http.bind: the endpoint listens on the address given and not on others.
 * - Scrapes do not read lag, store health and agent load on every request. */
#include "test_support.h"

#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/error.h"

/* The status of GET http://host:port/path (0 when nothing answers); body (may be NULL) gets the
 * first line of the answer. */
static int http_get(const char *host, unsigned port, const char *path, char *body, size_t len)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd),
             "curl -s -m 5 -w '%%{http_code}' http://%s:%u%s 2>/dev/null | tail -n 2", host, port,
             path);
    FILE *f = popen(cmd, "r");
    if (!f)
        return 0;
    char first[512] = "", second[64] = "";
    if (!fgets(first, sizeof(first), f))
        first[0] = '\0';
    if (!fgets(second, sizeof(second), f)) {
        /* Only the status line came (empty body). */
        tr_strlcpy(second, first, sizeof(second));
        first[0] = '\0';
    }
    pclose(f);
    if (body)
        tr_strlcpy(body, first, len);
    return atoi(second);
}

static int wait_status(unsigned port, const char *path, int want, int timeout_ms, char *body,
                       size_t len)
{
    int got = 0;
    for (int waited = 0; waited < timeout_ms; waited += 200) {
        got = http_get("127.0.0.1", port, path, body, len);
        if (got == want)
            return got;
        tr_sleep_ms(200);
    }
    return got;
}

static long metric_value(unsigned port, const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "curl -s -m 5 http://127.0.0.1:%u/metrics | grep '^%s '", port,
             name);
    FILE *f = popen(cmd, "r");
    if (!f)
        return -1;
    char line[256] = "";
    long v = -1;
    if (fgets(line, sizeof(line), f))
        v = atol(line + strlen(name) + 1);
    pclose(f);
    return v;
}

static pid_t router; /* stopped by the teardown when an assertion left it running */

static int router_teardown(void **state)
{
    (void)state;
    if (router > 0)
        test_router_stop(router, SIGKILL, 5000);
    router = 0;
    return 0;
}

static void test_hung_worker_fails_liveness_until_it_returns(void **state)
{
    (void)state;
    struct test_env env;
    test_env_setup(&env, "liveness");
    unsigned port = 21000 + (unsigned)(getpid() % 20000);
    char port_var[64];
    snprintf(port_var, sizeof(port_var), "TICKET_ROUTER_HTTP_PORT=%u", port);
    const char *extra[] = {port_var, "TICKET_ROUTER_HTTP_BIND=127.0.0.1",
                           "TICKET_ROUTER_LIVENESS_TIMEOUT_MS=2000", NULL};
    const char *log = "/tmp/test_liveness.log";
    unlink(log);
    router = test_router_start(&env, extra, log);
    char body[512];
    assert_int_equal(wait_status(port, "/readyz", 200, 60000, NULL, 0), 200);
    assert_int_equal(http_get("127.0.0.1", port, "/healthz", body, sizeof(body)), 200);

    /* http.bind: 127.0.0.1 only, so another loopback address gets no answer. */
    assert_int_equal(http_get("127.0.0.2", port, "/healthz", NULL, 0), 0);

    /* Ten scrapes in a row read the gauges once (or twice across a 2 s boundary). The counter
     * shows the refreshes before the scrape that reads it. */
    assert_true(metric_value(port, "ticket_router_tickets_total") >= 0);
    long before = metric_value(port, "ticket_router_metrics_refreshes_total");
    for (int i = 0; i < 10; i++)
        assert_true(metric_value(port, "ticket_router_tickets_total") >= 0);
    long after = metric_value(port, "ticket_router_metrics_refreshes_total");
    assert_true(before >= 1);
    if (after - before > 2)
        fail_msg("12 scrapes refreshed the gauges %ld times", after - before);

    /* A session holds the decisions table: the worker's insert waits for it. */
    PGconn *lock = PQconnectdb(env.dsn);
    assert_int_equal(PQstatus(lock), CONNECTION_OK);
    PGresult *res = PQexec(lock, "BEGIN; LOCK TABLE decisions IN ACCESS EXCLUSIVE MODE");
    assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
    PQclear(res);
    codec *c = NULL;
    char err[256];
    struct codec_schema_ids ids = {
        .ticket_created = 1001, .ticket_event = 1002, .routing_decision = 1003, .escalation = 1004};
    assert_non_null(c = codec_new(&ids, err, sizeof(err)));
    char id[TR_ID_MAX];
    snprintf(id, sizeof(id), "%s-hung", env.suffix);
    test_send_ticket(&env, c, id, "cust-1", "invoice", "please resend the invoice");

    assert_int_equal(wait_status(port, "/healthz", 503, 20000, body, sizeof(body)), 503);
    if (!strstr(body, "worker"))
        fail_msg("/healthz said: %s", body);

    res = PQexec(lock, "ROLLBACK");
    PQclear(res);
    PQfinish(lock);
    assert_int_equal(wait_status(port, "/healthz", 200, 20000, body, sizeof(body)), 200);
    for (int i = 0; i < 100 && test_sql_long(&env, "SELECT count(*) FROM decisions") < 1; i++)
        tr_sleep_ms(100);
    assert_int_equal(test_sql_long(&env, "SELECT count(*) FROM decisions"), 1);
    assert_int_equal(test_router_stop(router, SIGTERM, 20000), 0);
    router = 0;
    codec_free(c);
    test_env_teardown(&env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_hung_worker_fails_liveness_until_it_returns,
                                  router_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
