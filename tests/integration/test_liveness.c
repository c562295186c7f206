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

static int wait_status(unsigned port, const char *path, int want, int timeout_ms, char *body,
                       size_t len)
{
    int got = 0;
    for (int waited = 0; waited < timeout_ms; waited += 200) {
        got = test_http_get("127.0.0.1", port, path, body, len);
        if (got == want)
            return got;
        tr_sleep_ms(200);
    }
    return got;
}

static void test_hung_worker_fails_liveness_until_it_returns(void **state)
{
    (void)state;
    struct test_env env;
    test_env_setup(&env, "liveness");
    unsigned port = test_port(21000);
    char port_var[64];
    snprintf(port_var, sizeof(port_var), "TICKET_ROUTER_HTTP_PORT=%u", port);
    const char *extra[] = {port_var, "TICKET_ROUTER_HTTP_BIND=127.0.0.1",
                           "TICKET_ROUTER_LIVENESS_TIMEOUT_MS=2000", NULL};
    const char *log = "/tmp/test_liveness.log";
    unlink(log);
    test_router = test_router_start(&env, extra, log);
    char body[512];
    assert_int_equal(wait_status(port, "/readyz", 200, 60000, NULL, 0), 200);
    assert_int_equal(test_http_get("127.0.0.1", port, "/healthz", body, sizeof(body)), 200);

    /* http.bind: 127.0.0.1 only, so another loopback address gets no answer. */
    assert_int_equal(test_http_get("127.0.0.2", port, "/healthz", NULL, 0), 0);

    /* Ten scrapes in a row read the gauges once (or twice across a 2 s boundary). The counter
     * shows the refreshes before the scrape that reads it. */
    assert_true(test_metric(port, "ticket_router_tickets_total") >= 0);
    long before = test_metric(port, "ticket_router_metrics_refreshes_total");
    for (int i = 0; i < 10; i++)
        assert_true(test_metric(port, "ticket_router_tickets_total") >= 0);
    long after = test_metric(port, "ticket_router_metrics_refreshes_total");
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
    assert_int_equal(test_router_stop(test_router, SIGTERM, 20000), 0);
    test_router = 0;
    codec_free(c);
    test_env_teardown(&env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_hung_worker_fails_liveness_until_it_returns,
                                  test_router_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
