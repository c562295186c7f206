/* A batch's reads: the tickets decided before and the customers the cache missed, each one
 * statement over an array of ids, both in one round trip (libpq's pipeline mode). */
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

/* The customer of row r; value_percentile is left at 0 (the caller sets it from the context's
 * quantiles). */
static void customer_from_row(const PGresult *res, int r, struct customer *out)
{
    memset(out, 0, sizeof(*out));
    tr_strlcpy(out->customer_id, store_col(res, r, "customer_id"), sizeof(out->customer_id));
    tier_parse(store_col(res, r, "tier"), &out->tier);
    out->contract_value = atof(store_col(res, r, "contract_value"));
    tr_strlcpy(out->sla_policy, store_col(res, r, "sla_policy"), sizeof(out->sla_policy));
    tr_strlcpy(out->language, store_col(res, r, "language"), sizeof(out->language));
    tr_strlcpy(out->timezone, store_col(res, r, "timezone"), sizeof(out->timezone));
    out->churned_at_ms = strtoll(store_col(res, r, "churned_at_ms"), NULL, 10);
    out->at_risk = store_col(res, r, "at_risk")[0] == 't';
    tr_strlcpy(out->account_manager, store_col(res, r, "account_manager"),
               sizeof(out->account_manager));
    static const char *const P[] = {"p1", "p2", "p3", "p4"};
    for (int i = 0; i < 4; i++)
        out->first_response_min[i] = atoi(store_col(res, r, P[i]));
}

/* Postgres text[] literal of n ids: {"a","b"} with " and \ escaped. Caller frees. */
static char *text_array(const char *const *ids, size_t n)
{
    size_t cap = 3;
    for (size_t i = 0; i < n; i++)
        cap += 2 * strlen(ids[i]) + 3;
    char *out = malloc(cap), *w = out;
    if (!out)
        return NULL;
    *w++ = '{';
    for (size_t i = 0; i < n; i++) {
        if (i)
            *w++ = ',';
        *w++ = '"';
        for (const char *c = ids[i]; *c; c++) {
            if (*c == '"' || *c == '\\')
                *w++ = '\\';
            *w++ = *c;
        }
        *w++ = '"';
    }
    *w++ = '}';
    *w = '\0';
    return out;
}

/* Run the prepared statement name, whose one parameter is a text[] of the n ids. The result,
 * or NULL with *rc TR_EIO or TR_ENOMEM. */
static PGresult *ids_query(store_conn *pg, const char *name, const char *const *ids, size_t n,
                           int result_format, int *rc)
{
    *rc = TR_EIO;
    if (store_ensure(pg) != 0)
        return NULL;
    char *array = text_array(ids, n);
    if (!array) {
        *rc = TR_ENOMEM;
        return NULL;
    }
    const char *params[] = {array};
    PGresult *res = st_prepared(pg, name, 1, params, NULL, NULL, result_format);
    free(array);
    return res;
}

/* The decisions_get result: fn for each stored decision. */
static int decisions_read(const PGresult *res, store_decision_fn fn, void *arg)
{
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return TR_EIO;
    for (int r = 0; r < PQntuples(res); r++) {
        char id[TR_ID_MAX];
        int id_len = PQgetlength(res, r, 0);
        if (id_len >= TR_ID_MAX)
            continue;
        memcpy(id, PQgetvalue(res, r, 0), (size_t)id_len);
        id[id_len] = '\0';
        fn(arg, id, PQgetvalue(res, r, 1), (size_t)PQgetlength(res, r, 1));
    }
    return 0;
}

/* The customers_get result: out[i] and found[i] for each of the n ids asked. */
static int customers_read(const PGresult *res, const char *const *ids, size_t n,
                          struct customer *out, bool *found)
{
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return TR_EIO;
    for (int r = 0; r < PQntuples(res); r++) {
        const char *id = store_col(res, r, "customer_id");
        for (size_t i = 0; i < n; i++)
            if (!found[i] && strcmp(ids[i], id) == 0) {
                customer_from_row(res, r, &out[i]);
                found[i] = true;
            }
    }
    return 0;
}

int store_decisions_each(store_conn *pg, const char *const *ticket_ids, size_t n,
                         store_decision_fn fn, void *arg)
{
    if (n == 0)
        return 0;
    /* Binary results: the payload is bytea; ticket_id comes as its UTF-8 bytes. */
    int rc = TR_EIO;
    PGresult *res = ids_query(pg, "decisions_get", ticket_ids, n, 1, &rc);
    if (!res)
        return rc;
    rc = decisions_read(res, fn, arg);
    PQclear(res);
    return rc;
}

int store_customers_get(store_conn *pg, const char *const *ids, size_t n, struct customer *out,
                        bool *found)
{
    for (size_t i = 0; i < n; i++)
        found[i] = false;
    if (n == 0)
        return 0;
    int rc = TR_EIO;
    PGresult *res = ids_query(pg, "customers_get", ids, n, 0, &rc);
    if (!res)
        return rc;
    rc = customers_read(res, ids, n, out, found);
    PQclear(res);
    return rc;
}

/* Send both statements and the sync; nothing is read. */
static int gather_send(store_conn *pg, const char *tickets, const char *customers)
{
    const char *t[] = {tickets}, *c[] = {customers};
    if (!PQsendQueryPrepared(pg->conn, "decisions_get", 1, t, NULL, NULL, 1) ||
        !PQsendQueryPrepared(pg->conn, "customers_get", 1, c, NULL, NULL, 0))
        return TR_EIO;
    return PQpipelineSync(pg->conn) ? 0 : TR_EIO;
}

/* One statement's result (then the NULL that ends it), handed to read. */
static int gather_one(store_conn *pg, int (*read)(const PGresult *res, void *arg), void *arg)
{
    PGresult *res = PQgetResult(pg->conn);
    if (!res)
        return TR_EIO;
    int rc = read(res, arg);
    PQclear(res);
    PGresult *end = PQgetResult(pg->conn);
    if (end) {
        PQclear(end);
        rc = TR_EIO;
    }
    return rc;
}

struct gather {
    store_decision_fn fn;
    void *arg;
    const char *const *ids;
    size_t n;
    struct customer *out;
    bool *found;
};

static int gather_decisions(const PGresult *res, void *arg)
{
    struct gather *g = arg;
    return decisions_read(res, g->fn, g->arg);
}

static int gather_customers(const PGresult *res, void *arg)
{
    struct gather *g = arg;
    return customers_read(res, g->ids, g->n, g->out, g->found);
}

static int gather_read(store_conn *pg, struct gather *g)
{
    int rc = gather_one(pg, gather_decisions, g);
    int rc2 = gather_one(pg, gather_customers, g);
    PGresult *sync = PQgetResult(pg->conn);
    if (PQresultStatus(sync) != PGRES_PIPELINE_SYNC)
        rc = TR_EIO;
    PQclear(sync);
    return rc ? rc : rc2;
}

int store_gather(store_conn *pg, const char *const *ticket_ids, size_t n_tickets,
                 store_decision_fn fn, void *arg, const char *const *customer_ids,
                 size_t n_customers, struct customer *out, bool *found)
{
    if (n_tickets == 0 || n_customers == 0) {
        int rc = store_decisions_each(pg, ticket_ids, n_tickets, fn, arg);
        return rc ? rc : store_customers_get(pg, customer_ids, n_customers, out, found);
    }
    for (size_t i = 0; i < n_customers; i++)
        found[i] = false;
    if (pg->in_txn || store_ensure(pg) != 0)
        return TR_EIO;
    char *tickets = text_array(ticket_ids, n_tickets);
    char *customers = text_array(customer_ids, n_customers);
    int rc = tickets && customers ? 0 : TR_ENOMEM;
    if (rc == 0)
        rc = PQenterPipelineMode(pg->conn) ? 0 : TR_EIO;
    if (rc == 0) {
        atomic_fetch_add_explicit(&pg->round_trips, 1, memory_order_relaxed);
        rc = gather_send(pg, tickets, customers);
        bool sent = rc == 0;
        struct gather g = {fn, arg, customer_ids, n_customers, out, found};
        if (sent)
            rc = gather_read(pg, &g);
        rc = store_pipeline_end(pg, rc, sent);
    }
    free(tickets);
    free(customers);
    return rc;
}
