/* test_outage_window: load_outage_report against the real Redis (127.0.0.1:6379): distinct
 * customers in a sliding window open ONE incident per product area, later reports join it, a
 * replay of the opening ticket opens it again with the same id, and two connections racing
 * open exactly one. Each test uses its own key prefix (test_unique) and deletes the keys it
 * made: <prefix>outage:<area>:reports and <prefix>outage:<area>:incident. */
#include "test_support.h"

#include <hiredis/hiredis.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "load/load.h"

#define WINDOW_S 600
#define THRESHOLD 5
#define T0_MS INT64_C(1721210400000) /* any instant: the script takes now_ms as given */
#define MAX_AREAS 32

struct fx {
    char prefix[96];
    load_conn *conn;
    size_t n_areas;
    char areas[MAX_AREAS][64]; /* every area reported, for the clean-up */
};

static load_conn *conn_new(const char *prefix)
{
    struct load_options opts = {
        .host = test_env("TR_TEST_REDIS_HOST", "127.0.0.1"),
        .port = atoi(test_env("TR_TEST_REDIS_PORT", "6379")),
        .timeout_ms = 2000,
        .prefix = prefix,
    };
    char err[256] = "";
    load_conn *conn = load_conn_new(&opts, err, sizeof(err));
    if (!conn)
        fail_msg("load_conn_new %s:%d: %s", opts.host, opts.port, err);
    return conn;
}

static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof(*fx));
    if (!fx)
        return -1;
    char unique[80];
    test_unique(unique, sizeof(unique), "outage");
    snprintf(fx->prefix, sizeof(fx->prefix), "test:%s:", unique);
    fx->conn = conn_new(fx->prefix);
    *state = fx;
    return 0;
}

static void area_note(struct fx *fx, const char *area)
{
    for (size_t i = 0; i < fx->n_areas; i++)
        if (strcmp(fx->areas[i], area) == 0)
            return;
    assert_true(fx->n_areas < MAX_AREAS);
    tr_strlcpy(fx->areas[fx->n_areas++], area, sizeof(fx->areas[0]));
}

/* Delete both keys of every area used, then check that none of them is left. */
static int fx_teardown(void **state)
{
    struct fx *fx = *state;
    load_conn_free(fx->conn);
    redisContext *redis = redisConnect(test_env("TR_TEST_REDIS_HOST", "127.0.0.1"),
                                       atoi(test_env("TR_TEST_REDIS_PORT", "6379")));
    int rc = redis && !redis->err ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < fx->n_areas; i++) {
        char reports[256], incident[256];
        snprintf(reports, sizeof(reports), "%soutage:%s:reports", fx->prefix, fx->areas[i]);
        snprintf(incident, sizeof(incident), "%soutage:%s:incident", fx->prefix, fx->areas[i]);
        redisReply *reply = redisCommand(redis, "DEL %s %s", reports, incident);
        if (!reply || reply->type != REDIS_REPLY_INTEGER)
            rc = -1;
        freeReplyObject(reply);
        reply = redisCommand(redis, "EXISTS %s %s", reports, incident);
        if (!reply || reply->type != REDIS_REPLY_INTEGER || reply->integer != 0)
            rc = -1;
        freeReplyObject(reply);
    }
    if (redis)
        redisFree(redis);
    free(fx);
    return rc;
}

/* One report; fails the test when Redis does. */
static struct load_outage report(struct fx *fx, const char *area, const char *customer,
                                 const char *ticket, int64_t now_ms)
{
    area_note(fx, area);
    struct load_outage out;
    memset(&out, 0x5a, sizeof(out));
    int rc =
        load_outage_report(fx->conn, area, customer, ticket, now_ms, WINDOW_S, THRESHOLD, &out);
    if (rc != 0)
        fail_msg("load_outage_report %s %s %s: %d", area, customer, ticket, rc);
    return out;
}

/* Customer i of a test ("c1".."cN") reports ticket "<customer>-t<n>". */
static struct load_outage report_n(struct fx *fx, const char *area, int customer, int ticket,
                                   int64_t now_ms)
{
    char c[32], t[48];
    snprintf(c, sizeof(c), "c%d", customer);
    snprintf(t, sizeof(t), "c%d-t%d", customer, ticket);
    return report(fx, area, c, t, now_ms);
}

#define assert_no_incident(o, want_customers)                                                      \
    do {                                                                                           \
        assert_string_equal((o).incident_id, "");                                                  \
        assert_int_equal((o).opened, 0);                                                           \
        assert_int_equal((o).customers, (want_customers));                                         \
    } while (0)

static void test_four_customers_no_incident_fifth_opens_sixth_joins(void **state)
{
    struct fx *fx = *state;
    for (int i = 1; i <= 4; i++) {
        struct load_outage o = report_n(fx, "checkout", i, 1, T0_MS + i * 1000);
        assert_no_incident(o, i);
    }
    struct load_outage fifth = report_n(fx, "checkout", 5, 1, T0_MS + 5000);
    assert_int_equal(fifth.opened, 1);
    assert_int_equal(fifth.customers, 5);
    assert_true(fifth.incident_id[0] != '\0');
    assert_int_equal(strncmp(fifth.incident_id, "inc-checkout-", 13), 0);

    struct load_outage sixth = report_n(fx, "checkout", 6, 1, T0_MS + 6000);
    assert_string_equal(sixth.incident_id, fifth.incident_id);
    assert_int_equal(sixth.opened, 0);
    assert_int_equal(sixth.customers, 6);
}

static void test_same_customer_twice_counts_once(void **state)
{
    struct fx *fx = *state;
    assert_no_incident(report_n(fx, "billing", 1, 1, T0_MS), 1);
    assert_no_incident(report_n(fx, "billing", 1, 2, T0_MS + 1000), 1); /* another ticket */
    assert_no_incident(report_n(fx, "billing", 1, 2, T0_MS + 2000), 1); /* the same again */
    for (int i = 2; i <= 4; i++)
        assert_no_incident(report_n(fx, "billing", i, 1, T0_MS + i * 1000), i);
    assert_no_incident(report_n(fx, "billing", 4, 2, T0_MS + 5000), 4);
    assert_no_incident(report_n(fx, "billing", 2, 2, T0_MS + 6000), 4);
    struct load_outage o = report_n(fx, "billing", 5, 1, T0_MS + 7000);
    assert_int_equal(o.opened, 1);
    assert_int_equal(o.customers, 5);
}

static void test_replay_of_the_opening_ticket_opens_again_with_the_same_id(void **state)
{
    struct fx *fx = *state;
    for (int i = 1; i <= 4; i++)
        assert_no_incident(report_n(fx, "identity", i, 1, T0_MS + i * 1000), i);
    struct load_outage opener = report_n(fx, "identity", 5, 1, T0_MS + 5000);
    assert_int_equal(opener.opened, 1);
    struct load_outage joiner = report_n(fx, "identity", 6, 1, T0_MS + 6000);
    assert_int_equal(joiner.opened, 0);
    /* The opener's ticket again (a replay, even later): the same incident, opened again, so
     * the escalation it produced is produced again with the same ids. */
    struct load_outage replay = report_n(fx, "identity", 5, 1, T0_MS + 7000);
    assert_string_equal(replay.incident_id, opener.incident_id);
    assert_int_equal(replay.opened, 1);
    assert_int_equal(replay.customers, 6);
    /* A replay of a ticket that joined: still only joins. */
    replay = report_n(fx, "identity", 6, 1, T0_MS + 8000);
    assert_string_equal(replay.incident_id, opener.incident_id);
    assert_int_equal(replay.opened, 0);
    /* The opener's customer with a new ticket joins, it does not open. */
    replay = report_n(fx, "identity", 5, 2, T0_MS + 9000);
    assert_string_equal(replay.incident_id, opener.incident_id);
    assert_int_equal(replay.opened, 0);
    assert_int_equal(replay.customers, 6);
}

static void test_product_areas_are_independent(void **state)
{
    struct fx *fx = *state;
    for (int i = 1; i <= 4; i++)
        assert_no_incident(report_n(fx, "payments", i, 1, T0_MS + i * 1000), i);
    struct load_outage payments = report_n(fx, "payments", 5, 1, T0_MS + 5000);
    assert_int_equal(payments.opened, 1);
    /* The same customers about another area: counted there from zero, no incident. */
    for (int i = 1; i <= 4; i++)
        assert_no_incident(report_n(fx, "platform", i, 2, T0_MS + 5000 + i * 1000), i);
    struct load_outage platform = report_n(fx, "platform", 5, 2, T0_MS + 10000);
    assert_int_equal(platform.opened, 1);
    assert_int_equal(platform.customers, 5);
    assert_string_not_equal(platform.incident_id, payments.incident_id);
    /* payments still has its own incident and count. */
    struct load_outage again = report_n(fx, "payments", 6, 1, T0_MS + 11000);
    assert_string_equal(again.incident_id, payments.incident_id);
    assert_int_equal(again.opened, 0);
    assert_int_equal(again.customers, 6);
}

static void test_reports_older_than_the_window_drop_out(void **state)
{
    struct fx *fx = *state;
    const int64_t window_ms = WINDOW_S * INT64_C(1000);
    /* Four customers, then a fifth just past the window: the four are gone. */
    for (int i = 1; i <= 4; i++)
        assert_no_incident(report_n(fx, "integrations", i, 1, T0_MS + i * 1000), i);
    assert_no_incident(report_n(fx, "integrations", 5, 1, T0_MS + 4000 + window_ms + 1), 1);

    /* Sliding: c1 at 0 s, c2 at 200 s, c3 at 400 s, c4 at 500 s; c5 at 650 s sees c1 gone. */
    const int64_t t = T0_MS + 10 * window_ms;
    assert_no_incident(report_n(fx, "search", 1, 1, t), 1);
    assert_no_incident(report_n(fx, "search", 2, 1, t + 200000), 2);
    assert_no_incident(report_n(fx, "search", 3, 1, t + 400000), 3);
    assert_no_incident(report_n(fx, "search", 4, 1, t + 500000), 4);
    assert_no_incident(report_n(fx, "search", 5, 1, t + 650000), 4);
    /* c6 at 700 s: c2..c6 are within 600 s, five customers: the incident opens. */
    struct load_outage o = report_n(fx, "search", 6, 1, t + 700000);
    assert_int_equal(o.opened, 1);
    assert_int_equal(o.customers, 5);
    /* c1 again at 710 s: counted anew. */
    o = report_n(fx, "search", 1, 2, t + 710000);
    assert_int_equal(o.opened, 0);
    assert_int_equal(o.customers, 6);
}

/* ---- two connections racing ---- */

struct racer {
    load_conn *conn;
    const char *area;
    int first_customer; /* reports customers first_customer, +2, +4, ... (5 of them) */
    pthread_barrier_t *start;
    int rc;
    int opened;
    char incident_ids[5][TR_ID_MAX];
};

static void *race(void *arg)
{
    struct racer *r = arg;
    pthread_barrier_wait(r->start);
    for (int i = 0; i < 5 && r->rc == 0; i++) {
        char c[32], t[48];
        int customer = r->first_customer + 2 * i;
        snprintf(c, sizeof(c), "c%d", customer);
        snprintf(t, sizeof(t), "c%d-t1", customer);
        struct load_outage out;
        r->rc =
            load_outage_report(r->conn, r->area, c, t, T0_MS + customer, WINDOW_S, THRESHOLD, &out);
        if (r->rc != 0)
            break;
        r->opened += out.opened;
        tr_strlcpy(r->incident_ids[i], out.incident_id, TR_ID_MAX);
    }
    return NULL;
}

static void test_two_connections_racing_open_exactly_one_incident(void **state)
{
    struct fx *fx = *state;
    for (int round = 0; round < 20; round++) {
        char area[32];
        snprintf(area, sizeof(area), "race-%d", round);
        area_note(fx, area);
        pthread_barrier_t start;
        assert_int_equal(pthread_barrier_init(&start, NULL, 2), 0);
        struct racer racers[2];
        pthread_t threads[2];
        for (int i = 0; i < 2; i++) {
            racers[i] = (struct racer){.conn = conn_new(fx->prefix),
                                       .area = area,
                                       .first_customer = 1 + i,
                                       .start = &start};
            assert_int_equal(pthread_create(&threads[i], NULL, race, &racers[i]), 0);
        }
        for (int i = 0; i < 2; i++) {
            assert_int_equal(pthread_join(threads[i], NULL), 0);
            load_conn_free(racers[i].conn);
        }
        pthread_barrier_destroy(&start);
        assert_int_equal(racers[0].rc, 0);
        assert_int_equal(racers[1].rc, 0);
        if (racers[0].opened + racers[1].opened != 1)
            fail_msg("round %d: %d + %d reports opened the incident, want exactly 1", round,
                     racers[0].opened, racers[1].opened);
        /* Every report that saw an incident saw the same one. */
        const char *id = NULL;
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 5; j++) {
                const char *got = racers[i].incident_ids[j];
                if (!got[0])
                    continue;
                if (!id)
                    id = got;
                assert_string_equal(got, id);
            }
        assert_non_null(id);
        /* All ten counted: an eleventh customer sees 11 and joins. */
        struct load_outage after = report_n(fx, area, 11, 1, T0_MS + 11);
        assert_int_equal(after.customers, 11);
        assert_int_equal(after.opened, 0);
        assert_string_equal(after.incident_id, id);
    }
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_four_customers_no_incident_fifth_opens_sixth_joins),
        T(test_same_customer_twice_counts_once),
        T(test_replay_of_the_opening_ticket_opens_again_with_the_same_id),
        T(test_product_areas_are_independent),
        T(test_reports_older_than_the_window_drop_out),
        T(test_two_connections_racing_open_exactly_one_incident),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
