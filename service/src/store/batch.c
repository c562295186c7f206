/* A batch's decisions, texts and escalations written with one statement in one round trip: a
 * binary array per column, unnested (libpq's pipeline mode sends a BEGIN with it when the
 * transaction is to stay open). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

/* A one-dimensional array in PostgreSQL's binary format (array_recv): ndim, has-nulls flag,
 * element type, length and lower bound, then each element as a 4-byte length (-1: NULL) and its
 * bytes, integers big-endian. */
struct pg_array {
    char *buf;
    size_t len, cap;
    uint32_t n;
    bool nulls;
};

#define OID_BYTEA 17
#define OID_TEXT 25
#define ARRAY_HEADER 20

static int array_put(struct pg_array *a, const void *bytes, size_t len)
{
    if (tr_reserve((void **)&a->buf, &a->cap, a->len + len, 1) != 0)
        return TR_ENOMEM;
    memcpy(a->buf + a->len, bytes, len);
    a->len += len;
    return 0;
}

static void be32(unsigned char *b, uint32_t v)
{
    b[0] = (unsigned char)(v >> 24);
    b[1] = (unsigned char)(v >> 16);
    b[2] = (unsigned char)(v >> 8);
    b[3] = (unsigned char)v;
}

static int array_u32(struct pg_array *a, uint32_t v)
{
    unsigned char b[4];
    be32(b, v);
    return array_put(a, b, sizeof(b));
}

/* An element: len bytes, or NULL when bytes is NULL. */
static int array_add(struct pg_array *a, const void *bytes, size_t len)
{
    if (len > INT32_MAX)
        return TR_EINVAL;
    a->n++;
    if (!bytes) {
        a->nulls = true;
        return array_u32(a, UINT32_MAX); /* -1 */
    }
    int rc = array_u32(a, (uint32_t)len);
    return rc ? rc : array_put(a, bytes, len);
}

/* Room for the header; array_finish fills it once the elements are in. */
static int array_start(struct pg_array *a)
{
    *a = (struct pg_array){0};
    char zero[ARRAY_HEADER] = {0};
    return array_put(a, zero, sizeof(zero));
}

static void array_finish(struct pg_array *a, uint32_t oid)
{
    uint32_t h[5] = {1, a->nulls ? 1 : 0, oid, a->n, 1};
    for (size_t i = 0; i < 5; i++)
        be32((unsigned char *)a->buf + 4 * i, h[i]);
}

/* The batch's decisions as batch_insert's arrays $1..$23, one per column. */
static int decision_arrays(struct store_decision_row *rows, size_t n, struct pg_array *cols)
{
    int rc = 0;
    for (size_t c = 0; rc == 0 && c < DECISION_PARAMS; c++)
        rc = array_start(&cols[c]);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct store_decision_row *r = &rows[i];
        struct decision_params dp;
        if (decision_params_build(r->decision, r->ticket_created_at_ms, r->payload, r->len, r->text,
                                  &dp) != 0)
            return TR_ENOMEM;
        for (size_t c = 0; rc == 0 && c < DECISION_PARAMS; c++) {
            const char *v = dp.values[c];
            rc = array_add(&cols[c], v, !v ? 0 : dp.formats[c] ? (size_t)dp.lengths[c] : strlen(v));
        }
        decision_params_clear(&dp);
    }
    for (size_t c = 0; rc == 0 && c < DECISION_PARAMS; c++)
        array_finish(&cols[c], c == DECISION_PAYLOAD ? OID_BYTEA : OID_TEXT);
    return rc;
}

/* The escalations as batch_insert's arrays $24..$30. */
static int escalation_arrays(const struct store_escalation_row *escs, size_t m,
                             struct pg_array *cols)
{
    int rc = 0;
    for (size_t c = 0; rc == 0 && c < ESCALATION_COLS; c++)
        rc = array_start(&cols[c]);
    for (size_t i = 0; rc == 0 && i < m; i++) {
        const struct escalation *e = escs[i].esc;
        const char *v[ESCALATION_COLS - 1] = {
            e->escalation_id,           e->ticket_id,
            escs[i].decision_id,        escalation_kind_name(e->kind),
            severity_name(e->severity), e->incident_id};
        for (size_t c = 0; rc == 0 && c < ESCALATION_COLS - 1; c++)
            rc = array_add(&cols[c], v[c], strlen(v[c]));
        if (rc == 0)
            rc = array_add(&cols[ESCALATION_COLS - 1], escs[i].payload, escs[i].len);
    }
    for (size_t c = 0; rc == 0 && c < ESCALATION_COLS; c++)
        array_finish(&cols[c], c == ESCALATION_COLS - 1 ? OID_BYTEA : OID_TEXT);
    return rc;
}

/* Send the batch's statement (after a BEGIN when the transaction stays open); nothing is read
 * yet. cols: DECISION_PARAMS + ESCALATION_COLS arrays, freed by the caller. */
static int batch_send(store_conn *pg, struct store_decision_row *rows, size_t n,
                      const struct store_escalation_row *escs, size_t m, bool commit,
                      struct pg_array *cols)
{
    if (!commit && !PQsendQueryParams(pg->conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0))
        return TR_EIO;
    if (n > 0) {
        int rc = decision_arrays(rows, n, cols);
        if (rc == 0)
            rc = escalation_arrays(escs, m, cols + DECISION_PARAMS);
        if (rc)
            return rc;
        enum { N = DECISION_PARAMS + ESCALATION_COLS };
        const char *values[N];
        int lengths[N], formats[N];
        for (size_t c = 0; c < N; c++) {
            values[c] = cols[c].buf;
            lengths[c] = (int)cols[c].len;
            formats[c] = 1;
        }
        if (!PQsendQueryPrepared(pg->conn, "batch_insert", N, values, lengths, formats, 0))
            return TR_EIO;
    }
    return PQpipelineSync(pg->conn) ? 0 : TR_EIO;
}

/* Which rows were inserted: batch_insert returns their decision ids; the others conflict. */
static int inserted_rows(const PGresult *res, struct store_decision_row *rows, size_t n)
{
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return TR_EIO;
    for (size_t i = 0; i < n; i++)
        rows[i].result = TR_ECONFLICT;
    int found = PQntuples(res);
    size_t from = 0; /* the rows come back in the order they went in */
    for (int k = 0; k < found; k++) {
        const char *id = PQgetvalue(res, k, 0);
        size_t i = from;
        while (i < n && strcmp(rows[i].decision->decision_id, id) != 0)
            i++;
        if (i == n) /* not in order after all: look everywhere */
            for (i = 0; i < n && strcmp(rows[i].decision->decision_id, id) != 0; i++)
                ;
        if (i == n)
            return TR_EIO;
        rows[i].result = 0;
        from = i + 1;
    }
    return 0;
}

/* Read the results in order: one per statement (each followed by NULL), then the sync. */
static int batch_read(store_conn *pg, struct store_decision_row *rows, size_t n, bool commit)
{
    int rc = 0;
    size_t begin = commit ? 0 : 1, total = begin + (n > 0 ? 1 : 0);
    for (size_t k = 0; k < total; k++) {
        PGresult *res = PQgetResult(pg->conn);
        if (k < begin) {
            if (PQresultStatus(res) != PGRES_COMMAND_OK)
                rc = TR_EIO;
        } else if (inserted_rows(res, rows, n) != 0) {
            rc = TR_EIO;
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
static void pipeline_drain(store_conn *pg)
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

/* Leave libpq's pipeline mode after the round: when sending failed (!sent) what was sent is
 * synced and read first; results left unread reset the connection. Returns rc, or TR_EIO when
 * the connection had to be reset. */
static int pipeline_end(store_conn *pg, int rc, bool sent)
{
    if (!sent && PQpipelineSync(pg->conn))
        pipeline_drain(pg); /* what was sent, so that the mode can end */
    if (!PQexitPipelineMode(pg->conn)) {
        /* Results left unread: the connection is out of step; start it afresh. */
        PQreset(pg->conn);
        pg->prepared = false;
        pg->listening = false;
        rc = TR_EIO;
    }
    return rc;
}

int store_batch_write(store_conn *pg, struct store_decision_row *rows, size_t n,
                      const struct store_escalation_row *escs, size_t m, bool commit)
{
    if (pg->in_txn || store_ensure(pg) != 0)
        return TR_EIO;
    if (n == 0 && commit)
        return 0;
    struct pg_array cols[DECISION_PARAMS + ESCALATION_COLS] = {0};
    int rc = PQenterPipelineMode(pg->conn) ? 0 : TR_EIO;
    if (rc == 0) {
        atomic_fetch_add_explicit(&pg->round_trips, 1, memory_order_relaxed);
        rc = batch_send(pg, rows, n, escs, m, commit, cols);
        bool sent = rc == 0;
        if (sent)
            rc = batch_read(pg, rows, n, commit);
        rc = pipeline_end(pg, rc, sent);
    }
    for (size_t c = 0; c < DECISION_PARAMS + ESCALATION_COLS; c++)
        free(cols[c].buf);
    /* Without commit the transaction stays open for the caller (store_commit). A failure may
     * leave it open and aborted (statements after the failed one are not run): end it. */
    pg->in_txn = rc == 0 && !commit;
    if (rc != 0)
        store_rollback(pg);
    return rc;
}
