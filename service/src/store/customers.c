/* Customers by id: a batch's cache misses with one statement over an array of ids. */
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
