/* store_internal: the connection, shared by the store's files only. */
#ifndef TR_STORE_INTERNAL_H
#define TR_STORE_INTERNAL_H

#include <libpq-fe.h>
#include <stdatomic.h>
#include <stdint.h>

#include "store/store.h"

struct store_conn {
    PGconn *conn;
    bool prepared;
    bool listening;
    bool in_txn;                  /* a batch transaction is open: a reset loses it, so it fails */
    _Atomic uint64_t round_trips; /* statements sent and waited for */
};

/* libpq's exec calls, counted (every one is a round trip to the server). */
static inline PGresult *st_exec(store_conn *pg, const char *sql)
{
    atomic_fetch_add_explicit(&pg->round_trips, 1, memory_order_relaxed);
    return PQexec(pg->conn, sql);
}
static inline PGresult *st_params(store_conn *pg, const char *sql, int n, const Oid *types,
                                  const char *const *values, const int *lengths, const int *formats,
                                  int result_format)
{
    atomic_fetch_add_explicit(&pg->round_trips, 1, memory_order_relaxed);
    return PQexecParams(pg->conn, sql, n, types, values, lengths, formats, result_format);
}
static inline PGresult *st_prepared(store_conn *pg, const char *name, int n,
                                    const char *const *values, const int *lengths,
                                    const int *formats, int result_format)
{
    atomic_fetch_add_explicit(&pg->round_trips, 1, memory_order_relaxed);
    return PQexecPrepared(pg->conn, name, n, values, lengths, formats, result_format);
}

/* Make sure the connection is up and the statements prepared. TR_EIO when not. */
int store_ensure(store_conn *pg);

/* The columns of a decision in the batch_insert statement (store.c, batch.c). */
#define DECISION_PARAMS 23
#define DECISION_PAYLOAD 19 /* the binary parameter */
#define ESCALATION_COLS 7   /* batch_insert's escalation arrays, after the decisions' */
struct decision_params {
    const char *values[DECISION_PARAMS];
    int lengths[DECISION_PARAMS];
    int formats[DECISION_PARAMS];
    char *reasons, *rules; /* owned JSON */
    char confidence[32], due[24], created[24], decided[24], latency[24];
};
/* Borrows d, payload and text (they must outlive dp's use). 0 or TR_ENOMEM. */
int decision_params_build(const struct route_decision *d, int64_t ticket_created_at_ms,
                          const void *payload, size_t len, const char *text,
                          struct decision_params *out);
void decision_params_clear(struct decision_params *dp);

/* Text of a column, or "" for NULL. */
const char *store_col(const PGresult *res, int row, const char *name);

#endif
