#include "store/store_internal.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>

/* clang-format off */
static const struct { const char *name; const char *sql; int n_params; } STATEMENTS[] = {
    /* Every customer of a batch in one statement (the percentile comes from the routing
     * context's quantiles, never from counting customers). */
    { "customers_get",
      "SELECT c.customer_id, c.tier, c.contract_value::float8 AS contract_value, "
      "  coalesce(c.sla_policy, '') AS sla_policy, c.language, c.timezone, "
      "  coalesce((extract(epoch FROM c.churned_at) * 1000)::int8, 0) AS churned_at_ms, c.at_risk, "
      "  coalesce(c.account_manager, '') AS account_manager, "
      "  coalesce(s.first_response_p1_min, 0) AS p1, coalesce(s.first_response_p2_min, 0) AS p2, "
      "  coalesce(s.first_response_p3_min, 0) AS p3, coalesce(s.first_response_p4_min, 0) AS p4 "
      "FROM customers c LEFT JOIN sla_policies s ON s.name = c.sla_policy "
      "WHERE c.customer_id = ANY ($1::text[])", 1 },
    { "decision_get", "SELECT payload FROM decisions WHERE ticket_id = $1", 1 },
    /* A batch's writes in one statement. Column i of every decision is the binary array $i
     * (text elements, the payload bytea), $24..$30 the escalations' columns likewise. A ticket
     * stored before, or twice in the batch, is skipped with its escalations; the decision ids of
     * the rows inserted come back. */
    { "batch_insert",
      "WITH u AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], "
      "  $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], "
      "  $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], "
      "  $18::text[], $19::text[], $20::bytea[], $21::text[], $22::text[], $23::text[]) "
      "  AS u(ticket_id, decision_id, customer_id, customer_tier, team, queue, agent_id, "
      "       priority, category, confidence, model_version, mode, fallback, reasons, "
      "       rules_fired, due, created, decided, latency_us, payload, text, required_skill, "
      "       senior_only)), "
      "d AS ("
      "INSERT INTO decisions (ticket_id, decision_id, customer_id, customer_tier, team, queue, "
      "  agent_id, priority, category, confidence, model_version, mode, fallback, reasons, "
      "  rules_fired, first_response_due, ticket_created_at, decided_at, latency_us, payload, "
      "  required_skill, senior_only) "
      "SELECT ticket_id, decision_id, customer_id, customer_tier, team, queue, "
      "  nullif(agent_id, ''), priority, category, confidence::real, model_version, mode, "
      "  fallback::boolean, reasons::jsonb, rules_fired::jsonb, "
      "  CASE WHEN due::int8 > 0 THEN to_timestamp(due::int8 / 1000.0) END, "
      "  CASE WHEN created::int8 > 0 THEN to_timestamp(created::int8 / 1000.0) END, "
      "  to_timestamp(decided::int8 / 1000.0), latency_us::int8, payload, "
      "  nullif(required_skill, ''), senior_only::boolean FROM u "
      "ON CONFLICT (ticket_id) DO NOTHING RETURNING ticket_id, decision_id), "
      "t AS (INSERT INTO ticket_texts (ticket_id, text) "
      "  SELECT u.ticket_id, u.text FROM u JOIN d ON d.decision_id = u.decision_id "
      "  WHERE u.text IS NOT NULL ON CONFLICT (ticket_id) DO NOTHING), "
      "e AS (INSERT INTO escalations (escalation_id, ticket_id, kind, severity, incident_id, "
      "  payload) "
      "  SELECT x.escalation_id, x.ticket_id, x.kind, x.severity, nullif(x.incident_id, ''), "
      "    x.payload "
      "  FROM unnest($24::text[], $25::text[], $26::text[], $27::text[], $28::text[], "
      "    $29::text[], $30::bytea[]) "
      "    AS x(escalation_id, ticket_id, decision_id, kind, severity, incident_id, payload) "
      "  JOIN d ON d.decision_id = x.decision_id ON CONFLICT (escalation_id) DO NOTHING) "
      "SELECT decision_id FROM d", 30 },
    { "decision_requirements",
      "SELECT coalesce(required_skill, '') AS skill, senior_only FROM decisions "
      "WHERE ticket_id = $1", 1 },
    { "event_seen", "SELECT 1 FROM ticket_events WHERE event_id = $1", 1 },
    { "event_insert",
      "INSERT INTO ticket_events (event_id, ticket_id, type, agent_id, team, previous_agent_id, "
      "  previous_team, correct_category, presence, reason, occurred_at) "
      "VALUES ($1, $2, $3, nullif($4, ''), nullif($5, ''), nullif($6, ''), nullif($7, ''), "
      "  nullif($8, ''), nullif($9, ''), nullif($10, ''), to_timestamp($11::int8 / 1000.0)) "
      "ON CONFLICT (event_id) DO NOTHING", 11 },
    { "escalation_insert",
      "INSERT INTO escalations (escalation_id, ticket_id, kind, severity, incident_id, payload) "
      "VALUES ($1, $2, $3, $4, nullif($5, ''), $6) ON CONFLICT (escalation_id) DO NOTHING", 6 },
    { "escalations_of", "SELECT escalation_id, payload FROM escalations WHERE ticket_id = $1 "
      "ORDER BY created_at, escalation_id", 1 },
    { "incident_insert",
      "INSERT INTO incidents (incident_id, product_area, first_ticket_id, customers) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (incident_id) DO NOTHING", 4 },
    { "decision_revision", "SELECT revision FROM decisions WHERE ticket_id = $1", 1 },
    /* The current decision moves to the revisions, the new one takes its place. */
    { "decision_revise",
      "WITH old AS (SELECT * FROM decisions WHERE ticket_id = $1 AND revision = $2::int - 1 "
      "  FOR UPDATE), "
      "kept AS (INSERT INTO decision_revisions (decision_id, ticket_id, revision, reason, "
      "  agent_id, team, decided_at, payload) SELECT decision_id, ticket_id, revision, $3, "
      "  agent_id, team, decided_at, payload FROM old ON CONFLICT DO NOTHING RETURNING 1) "
      "UPDATE decisions d SET decision_id = $4, revision = $2::int, team = $5, queue = $6, "
      "  agent_id = nullif($7, ''), priority = $8, reasons = $9, decided_at = "
      "  to_timestamp($10::int8 / 1000.0), payload = $11 "
      "FROM old WHERE d.ticket_id = old.ticket_id", 11 },
};
/* clang-format on */

int store_ensure(store_conn *pg)
{
    if (PQstatus(pg->conn) != CONNECTION_OK) {
        PQreset(pg->conn);
        pg->prepared = false;
        pg->listening = false;
        if (pg->in_txn || PQstatus(pg->conn) != CONNECTION_OK)
            return TR_EIO; /* the open transaction is gone with the old connection */
    }
    if (pg->prepared)
        return 0;
    for (size_t i = 0; i < sizeof(STATEMENTS) / sizeof(STATEMENTS[0]); i++) {
        PGresult *res = PQprepare(pg->conn, STATEMENTS[i].name, STATEMENTS[i].sql,
                                  STATEMENTS[i].n_params, NULL);
        ExecStatusType status = PQresultStatus(res);
        PQclear(res);
        if (status != PGRES_COMMAND_OK)
            return TR_EIO;
    }
    pg->prepared = true;
    return 0;
}

const char *store_last_error(store_conn *pg)
{
    static _Thread_local char line[256];
    const char *msg = pg && pg->conn ? PQerrorMessage(pg->conn) : "";
    tr_strlcpy(line, msg && msg[0] ? msg : "no answer", sizeof(line));
    for (char *c = line; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ' ';
    size_t n = strlen(line);
    while (n && line[n - 1] == ' ')
        line[--n] = '\0';
    return line;
}

const char *store_col(const PGresult *res, int row, const char *name)
{
    int col = PQfnumber(res, name);
    if (col < 0 || PQgetisnull(res, row, col))
        return "";
    return PQgetvalue(res, row, col);
}

store_conn *store_conn_new(const char *dsn, char *err, size_t errlen)
{
    store_conn *pg = calloc(1, sizeof(*pg));
    if (!pg) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    pg->conn = PQconnectdb(dsn);
    if (PQstatus(pg->conn) != CONNECTION_OK) {
        snprintf(err, errlen, "postgres: %s", PQerrorMessage(pg->conn));
        goto fail;
    }
    if (store_ensure(pg) != 0) {
        snprintf(err, errlen,
                 "postgres: cannot prepare statements (are the migrations "
                 "applied? run ticket-router migrate): %s",
                 PQerrorMessage(pg->conn));
        /* The connection works; the schema may come later (migrate uses this connection). */
    }
    return pg;
fail:
    store_conn_free(pg);
    return NULL;
}

void store_conn_free(store_conn *pg)
{
    if (!pg)
        return;
    PQfinish(pg->conn); /* NULL-safe */
    free(pg);
}

int store_decision_get(store_conn *pg, const char *ticket_id, void **payload, size_t *len)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    const char *params[] = {ticket_id};
    /* Binary result format: the payload comes back as raw bytes. */
    PGresult *res = st_prepared(pg, "decision_get", 1, params, NULL, NULL, 1);
    int rc = TR_EIO;
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        goto out;
    if (PQntuples(res) == 0) {
        rc = TR_ENOTFOUND;
        goto out;
    }
    size_t n = (size_t)PQgetlength(res, 0, 0);
    void *copy = malloc(n ? n : 1);
    if (!copy) {
        rc = TR_ENOMEM;
        goto out;
    }
    memcpy(copy, PQgetvalue(res, 0, 0), n);
    *payload = copy;
    *len = n;
    rc = 0;
out:
    PQclear(res);
    return rc;
}

static char *reasons_json(const struct reason_list *list)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < list->n; i++)
        json_array_append_new(arr, json_string(list->items[i]));
    char *s = arr ? json_dumps(arr, JSON_COMPACT) : NULL;
    json_decref(arr);
    return s;
}

int decision_params_build(const struct route_decision *d, int64_t ticket_created_at_ms,
                          const void *payload, size_t len, const char *text,
                          struct decision_params *out)
{
    memset(out, 0, sizeof(*out));
    out->reasons = reasons_json(&d->reasons);
    out->rules = reasons_json(&d->rules_fired);
    if (!out->reasons || !out->rules) {
        decision_params_clear(out);
        return TR_ENOMEM;
    }
    snprintf(out->confidence, sizeof(out->confidence), "%.6f", d->confidence);
    snprintf(out->due, sizeof(out->due), "%" PRId64, d->first_response_due_ms);
    snprintf(out->created, sizeof(out->created), "%" PRId64, ticket_created_at_ms);
    snprintf(out->decided, sizeof(out->decided), "%" PRId64, d->decided_at_ms);
    snprintf(out->latency, sizeof(out->latency), "%" PRId64, d->latency_us);
    const char *values[DECISION_PARAMS] = {
        d->ticket_id,
        d->decision_id,
        d->customer_id,
        tier_name(d->customer_tier),
        d->team,
        d->queue,
        d->agent_id,
        priority_name(d->priority),
        d->category,
        out->confidence,
        d->model_version,
        route_mode_name(d->mode),
        d->fallback ? "true" : "false",
        out->reasons,
        out->rules,
        out->due,
        out->created,
        out->decided,
        out->latency,
        payload,
        text,
        d->required_skill,
        d->senior_only ? "t" : "f",
    };
    memcpy(out->values, values, sizeof(values));
    out->lengths[19] = (int)len;
    out->formats[19] = 1; /* payload is binary */
    return 0;
}

void decision_params_clear(struct decision_params *dp)
{
    free(dp->reasons);
    free(dp->rules);
    dp->reasons = dp->rules = NULL;
}

int store_decision_requirements(store_conn *pg, const char *ticket_id, char *skill,
                                size_t skill_len, bool *senior_only)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    const char *params[] = {ticket_id};
    PGresult *res = st_prepared(pg, "decision_requirements", 1, params, NULL, NULL, 0);
    int rc = TR_EIO;
    if (PQresultStatus(res) == PGRES_TUPLES_OK) {
        rc = TR_ENOTFOUND;
        if (PQntuples(res) == 1) {
            tr_strlcpy(skill, PQgetvalue(res, 0, 0), skill_len);
            *senior_only = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
            rc = 0;
        }
    }
    PQclear(res);
    return rc;
}

int store_event_seen(store_conn *pg, const char *event_id)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    const char *params[] = {event_id};
    PGresult *res = st_prepared(pg, "event_seen", 1, params, NULL, NULL, 0);
    int rc = PQresultStatus(res) == PGRES_TUPLES_OK ? PQntuples(res) > 0 : TR_EIO;
    PQclear(res);
    return rc;
}

int store_event_insert(store_conn *pg, const struct ticket_event *e)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    char occurred[24];
    snprintf(occurred, sizeof(occurred), "%" PRId64, e->occurred_at_ms);
    const char *params[11] = {
        e->event_id,
        e->ticket_id,
        ticket_event_type_name(e->type),
        e->agent_id,
        e->team,
        e->previous_agent_id,
        e->previous_team,
        e->correct_category,
        e->presence,
        e->reason,
        occurred,
    };
    PGresult *res = st_prepared(pg, "event_insert", 11, params, NULL, NULL, 0);
    int rc = TR_EIO;
    if (PQresultStatus(res) == PGRES_COMMAND_OK)
        rc = strcmp(PQcmdTuples(res), "1") == 0 ? 0 : TR_ECONFLICT;
    PQclear(res);
    return rc;
}

int store_exec(store_conn *pg, const char *sql, char *err, size_t errlen)
{
    PGresult *res = st_exec(pg, sql);
    ExecStatusType status = PQresultStatus(res);
    int rc = 0;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "postgres: %s", PQerrorMessage(pg->conn));
        rc = TR_EIO;
    }
    PQclear(res);
    return rc;
}

int store_ping(store_conn *pg)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    char err[64];
    return store_exec(pg, "SELECT 1", err, sizeof(err));
}

int store_listen(store_conn *pg)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    char err[256];
    int rc = store_exec(pg, "LISTEN ticket_router_config", err, sizeof(err));
    if (rc == 0)
        rc = store_exec(pg, "LISTEN ticket_router_model", err, sizeof(err));
    if (rc == 0)
        rc = store_exec(pg, "LISTEN ticket_router_customer", err, sizeof(err));
    pg->listening = rc == 0;
    return rc;
}

int store_wait_notify(store_conn *pg, int timeout_ms,
                      void (*on_customer)(void *arg, const char *customer_id), void *arg)
{
    if (PQstatus(pg->conn) != CONNECTION_OK || !pg->listening)
        return TR_EIO;
    int sock = PQsocket(pg->conn);
    if (sock < 0)
        return TR_EIO;
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(sock, &fds);
    struct timeval tv = {.tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000};
    int ready = select(sock + 1, &fds, NULL, NULL, &tv);
    if (ready < 0)
        return 0; /* a signal: the caller loops */
    if (ready > 0 && !PQconsumeInput(pg->conn))
        return TR_EIO;
    int got = 0;
    PGnotify *note;
    while ((note = PQnotifies(pg->conn)) != NULL) {
        if (strcmp(note->relname, "ticket_router_customer") == 0) {
            got |= STORE_NOTIFY_CUSTOMER;
            if (on_customer)
                on_customer(arg, note->extra);
        } else {
            got |= strcmp(note->relname, "ticket_router_model") == 0 ? STORE_NOTIFY_MODEL
                                                                     : STORE_NOTIFY_CONFIG;
        }
        PQfreemem(note);
    }
    return got;
}

int store_begin(store_conn *pg)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    char err[256];
    int rc = store_exec(pg, "BEGIN", err, sizeof(err));
    pg->in_txn = rc == 0;
    return rc;
}

int store_commit(store_conn *pg)
{
    if (!pg->in_txn)
        return TR_EIO;
    pg->in_txn = false;
    /* COMMIT of a transaction that failed answers ROLLBACK: that is a failure too. */
    PGresult *res = st_exec(pg, "COMMIT");
    int rc = PQresultStatus(res) == PGRES_COMMAND_OK && strcmp(PQcmdStatus(res), "COMMIT") == 0
                 ? 0
                 : TR_EIO;
    PQclear(res);
    return rc;
}

void store_rollback(store_conn *pg)
{
    char err[256];
    pg->in_txn = false;
    if (PQstatus(pg->conn) == CONNECTION_OK && store_exec(pg, "ROLLBACK", err, sizeof(err)) != 0)
        PQreset(pg->conn); /* a connection in an unknown state is made anew */
}

int store_escalation_insert(store_conn *pg, const struct escalation *e, const void *payload,
                            size_t len)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    const char *params[6] = {
        e->escalation_id,           e->ticket_id,   escalation_kind_name(e->kind),
        severity_name(e->severity), e->incident_id, payload};
    int lengths[6] = {0, 0, 0, 0, 0, (int)len};
    int formats[6] = {0, 0, 0, 0, 0, 1};
    PGresult *res = st_prepared(pg, "escalation_insert", 6, params, lengths, formats, 0);
    int rc = TR_EIO;
    if (PQresultStatus(res) == PGRES_COMMAND_OK)
        rc = strcmp(PQcmdTuples(res), "1") == 0 ? 0 : TR_ECONFLICT;
    PQclear(res);
    return rc;
}

int store_escalations_each(store_conn *pg, const char *ticket_id,
                           void (*fn)(void *arg, const char *escalation_id, const void *payload,
                                      size_t len),
                           void *arg)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    const char *params[] = {ticket_id};
    PGresult *res = st_prepared(pg, "escalations_of", 1, params, NULL, NULL, 1);
    int rc = TR_EIO;
    if (PQresultStatus(res) == PGRES_TUPLES_OK) {
        for (int i = 0; i < PQntuples(res); i++) {
            /* Binary results: text columns come as their bytes, not NUL-terminated. */
            char id[TR_ID_MAX];
            int n = PQgetlength(res, i, 0);
            snprintf(id, sizeof(id), "%.*s", n, PQgetvalue(res, i, 0));
            fn(arg, id, PQgetvalue(res, i, 1), (size_t)PQgetlength(res, i, 1));
        }
        rc = 0;
    }
    PQclear(res);
    return rc;
}

int store_incident_insert(store_conn *pg, const char *incident_id, const char *product_area,
                          const char *first_ticket_id, int customers)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    char count[16];
    snprintf(count, sizeof(count), "%d", customers);
    const char *params[] = {incident_id, product_area, first_ticket_id, count};
    PGresult *res = st_prepared(pg, "incident_insert", 4, params, NULL, NULL, 0);
    int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : TR_EIO;
    PQclear(res);
    return rc;
}

int store_decision_revision(store_conn *pg, const char *ticket_id, int *revision)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    const char *params[] = {ticket_id};
    PGresult *res = st_prepared(pg, "decision_revision", 1, params, NULL, NULL, 0);
    int rc = TR_EIO;
    if (PQresultStatus(res) == PGRES_TUPLES_OK) {
        rc = PQntuples(res) ? 0 : TR_ENOTFOUND;
        if (rc == 0)
            *revision = atoi(PQgetvalue(res, 0, 0));
    }
    PQclear(res);
    return rc;
}

int store_decision_revise(store_conn *pg, const struct route_decision *d, int revision,
                          const char *reason, const void *payload, size_t len)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    char *reasons = reasons_json(&d->reasons);
    if (!reasons)
        return TR_ENOMEM;
    char rev[16], decided[24];
    snprintf(rev, sizeof(rev), "%d", revision);
    snprintf(decided, sizeof(decided), "%" PRId64, d->decided_at_ms);
    const char *params[11] = {d->ticket_id, rev,      reason,      d->decision_id,
                              d->team,      d->queue, d->agent_id, priority_name(d->priority),
                              reasons,      decided,  payload};
    int lengths[11] = {0};
    int formats[11] = {0};
    lengths[10] = (int)len;
    formats[10] = 1;
    PGresult *res = st_prepared(pg, "decision_revise", 11, params, lengths, formats, 0);
    int rc = TR_EIO;
    if (PQresultStatus(res) == PGRES_COMMAND_OK)
        rc = strcmp(PQcmdTuples(res), "1") == 0 ? 0 : TR_ECONFLICT;
    PQclear(res);
    free(reasons);
    return rc;
}

int store_open_claims_each(store_conn *pg,
                           void (*fn)(void *arg, const char *ticket_id, const char *agent_id),
                           void *arg)
{
    if (store_ensure(pg) != 0)
        return TR_EIO;
    PGresult *res = st_exec(
        pg, "SELECT d.ticket_id, coalesce(r.agent_id, d.agent_id) AS agent_id FROM decisions d "
            "LEFT JOIN LATERAL (SELECT e.agent_id FROM ticket_events e WHERE e.ticket_id = "
            "  d.ticket_id AND e.type = 'REASSIGNED' AND e.agent_id IS NOT NULL "
            "  AND e.occurred_at >= d.decided_at ORDER BY e.occurred_at DESC LIMIT 1) r ON true "
            /* the predicate of the decisions_open index (migrations/0006) */
            "WHERE d.is_open AND d.agent_id IS NOT NULL AND d.mode = 'LIVE'");
    int n = TR_EIO;
    if (PQresultStatus(res) == PGRES_TUPLES_OK) {
        n = PQntuples(res);
        for (int i = 0; i < n; i++)
            fn(arg, PQgetvalue(res, i, 0), PQgetvalue(res, i, 1));
    }
    PQclear(res);
    return n;
}

uint64_t store_round_trips(store_conn *pg)
{
    return atomic_load_explicit(&pg->round_trips, memory_order_relaxed);
}
