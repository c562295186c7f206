/* A batch's decisions and escalations written in one round trip: libpq's pipeline mode sends
 * every insert (and the COMMIT) before reading any result. */
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

/* Send the statements of the batch; nothing is read yet. */
static int batch_send(store_conn *pg, struct store_decision_row *rows, size_t n,
                      const struct store_escalation_row *escs, size_t m, bool commit,
                      struct decision_params *params)
{
    if (!PQsendQueryParams(pg->conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0))
        return TR_EIO;
    for (size_t i = 0; i < n; i++) {
        struct store_decision_row *r = &rows[i];
        if (decision_params_build(r->decision, r->ticket_created_at_ms, r->payload, r->len, r->text,
                                  &params[i]) != 0)
            return TR_ENOMEM;
        if (!PQsendQueryPrepared(pg->conn, "decision_insert", DECISION_PARAMS, params[i].values,
                                 params[i].lengths, params[i].formats, 0))
            return TR_EIO;
    }
    for (size_t i = 0; i < m; i++) {
        const struct escalation *e = escs[i].esc;
        const char *values[6] = {
            e->escalation_id,           e->ticket_id,   escalation_kind_name(e->kind),
            severity_name(e->severity), e->incident_id, escs[i].payload};
        int lengths[6] = {0, 0, 0, 0, 0, (int)escs[i].len};
        int formats[6] = {0, 0, 0, 0, 0, 1};
        if (!PQsendQueryPrepared(pg->conn, "escalation_insert", 6, values, lengths, formats, 0))
            return TR_EIO;
    }
    if (commit && !PQsendQueryParams(pg->conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0))
        return TR_EIO;
    return PQpipelineSync(pg->conn) ? 0 : TR_EIO;
}

/* Read the results in order: one per statement (each followed by NULL), then the sync. */
static int batch_read(store_conn *pg, struct store_decision_row *rows, size_t n, size_t m,
                      bool commit)
{
    int rc = 0;
    size_t total = 1 + n + m + (commit ? 1 : 0); /* BEGIN, inserts, COMMIT */
    for (size_t k = 0; k < total; k++) {
        PGresult *res = PQgetResult(pg->conn);
        ExecStatusType status = PQresultStatus(res);
        size_t i = k - 1;
        if (k == 0) {
            if (status != PGRES_COMMAND_OK)
                rc = TR_EIO;
        } else if (i < n) {
            if (status == PGRES_TUPLES_OK && PQntuples(res) == 1)
                rows[i].result = strcmp(PQgetvalue(res, 0, 0), "1") == 0 ? 0 : TR_ECONFLICT;
            else
                rc = TR_EIO;
        } else if (i < n + m) {
            if (status != PGRES_COMMAND_OK)
                rc = TR_EIO;
        } else if (status != PGRES_COMMAND_OK || strcmp(PQcmdStatus(res), "COMMIT") != 0) {
            rc = TR_EIO; /* COMMIT of a failed transaction answers ROLLBACK */
        }
        PQclear(res);
        if (!res)
            return TR_EIO;
        PGresult *end = PQgetResult(pg->conn); /* NULL after each statement's results */
        if (end) {
            PQclear(end);
            rc = TR_EIO;
        }
    }
    PGresult *sync = PQgetResult(pg->conn);
    if (PQresultStatus(sync) != PGRES_PIPELINE_SYNC)
        rc = TR_EIO;
    PQclear(sync);
    return rc;
}

/* Read and drop results up to the pipeline's sync point. */
static void batch_drain(store_conn *pg)
{
    for (int i = 0; i < 100000; i++) {
        PGresult *res = PQgetResult(pg->conn);
        if (!res) {
            if (PQstatus(pg->conn) != CONNECTION_OK)
                return;
            continue;
        }
        bool sync = PQresultStatus(res) == PGRES_PIPELINE_SYNC;
        PQclear(res);
        if (sync)
            return;
    }
}

int store_batch_write(store_conn *pg, struct store_decision_row *rows, size_t n,
                      const struct store_escalation_row *escs, size_t m, bool commit)
{
    if (pg->in_txn || store_ensure(pg) != 0)
        return TR_EIO;
    struct decision_params *params = calloc(n + 1, sizeof(*params));
    if (!params)
        return TR_ENOMEM;
    int rc = PQenterPipelineMode(pg->conn) ? 0 : TR_EIO;
    if (rc == 0) {
        atomic_fetch_add_explicit(&pg->round_trips, 1, memory_order_relaxed);
        rc = batch_send(pg, rows, n, escs, m, commit, params);
        if (rc == 0)
            rc = batch_read(pg, rows, n, m, commit);
        else if (PQpipelineSync(pg->conn))
            batch_drain(pg); /* what was sent, so that the mode can end */
        if (!PQexitPipelineMode(pg->conn)) {
            /* Results left unread: the connection is out of step; start it afresh. */
            PQreset(pg->conn);
            pg->prepared = false;
            pg->listening = false;
            rc = TR_EIO;
        }
    }
    for (size_t i = 0; i < n; i++)
        decision_params_clear(&params[i]);
    free(params);
    /* Without the COMMIT the transaction stays open for the caller (store_commit). A failure
     * may leave it open and aborted (statements after the failed one are not run): end it. */
    pg->in_txn = rc == 0 && !commit;
    if (rc != 0)
        store_rollback(pg);
    return rc;
}
