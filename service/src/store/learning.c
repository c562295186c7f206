/* The learning loop in PostgreSQL: ticket texts, shadow comparisons, feedback examples and the
 * model registry (migrations/0003_learning.sql). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

/* Runs sql with params; returns the result when its status is want, else NULL (cleared). */
static PGresult *run(store_conn *pg, const char *sql, int n, const char *const *params,
                     ExecStatusType want)
{
    if (store_ensure(pg) != 0)
        return NULL;
    PGresult *res = st_params(pg, sql, n, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) != want) {
        PQclear(res);
        return NULL;
    }
    return res;
}

int store_ticket_texts_purge(store_conn *pg, unsigned days, long *deleted)
{
    char d[16];
    snprintf(d, sizeof(d), "%u", days);
    const char *params[] = {d};
    PGresult *res = run(pg,
                        "DELETE FROM ticket_texts "
                        "WHERE created_at < now() - make_interval(days => $1::int)",
                        1, params, PGRES_COMMAND_OK);
    if (!res)
        return TR_EIO;
    *deleted = atol(PQcmdTuples(res));
    PQclear(res);
    return 0;
}

/* Whichever of the shadow decision and the first manual assignment comes second writes the row;
 * the manual team is the event's, else its agent's team. */
static const char SHADOW_COMPARE_SQL[] =
    "INSERT INTO shadow_comparisons (ticket_id, category, customer_tier, shadow_team, "
    "  shadow_agent_id, manual_team, manual_agent_id, team_agrees, agent_agrees, decided_at, "
    "  assigned_at) "
    "SELECT d.ticket_id, d.category, d.customer_tier, d.team, d.agent_id, m.team, m.agent_id, "
    "  CASE WHEN m.team IS NULL THEN NULL ELSE m.team = d.team END, "
    "  coalesce(m.agent_id = d.agent_id, false), d.decided_at, m.occurred_at "
    "FROM decisions d "
    "JOIN LATERAL ("
    "  SELECT coalesce(e.team, a.team) AS team, e.agent_id, e.occurred_at "
    "  FROM ticket_events e LEFT JOIN agents a ON a.agent_id = e.agent_id "
    "  WHERE e.ticket_id = d.ticket_id AND e.type = 'ASSIGNED' "
    "  ORDER BY e.occurred_at, e.event_id LIMIT 1) m ON true "
    "WHERE d.ticket_id = $1 AND d.mode = 'SHADOW' "
    "ON CONFLICT (ticket_id) DO NOTHING "
    "RETURNING category, coalesce(team_agrees::text, '') AS team_agrees, agent_agrees";

/* The decision and the event are each inserted and compared in a transaction of their own: when
 * the two overlap, neither comparison would see the other's uncommitted row and no comparison
 * would be written. Comparing under a per-ticket lock held to the end of the transaction, in a
 * statement of its own, makes the second comparison wait for the first transaction and then see
 * what it committed. */
static const char SHADOW_LOCK_SQL[] = "SELECT pg_advisory_xact_lock(7215011, hashtext($1))";

int store_shadow_compare(store_conn *pg, const char *ticket_id, struct shadow_comparison *out)
{
    memset(out, 0, sizeof(*out));
    const char *params[] = {ticket_id};
    PGresult *lock = run(pg, SHADOW_LOCK_SQL, 1, params, PGRES_TUPLES_OK);
    if (!lock)
        return TR_EIO;
    PQclear(lock);
    PGresult *res = run(pg, SHADOW_COMPARE_SQL, 1, params, PGRES_TUPLES_OK);
    if (!res)
        return TR_EIO;
    if (PQntuples(res) == 1) {
        out->compared = true;
        tr_strlcpy(out->category, store_col(res, 0, "category"), sizeof(out->category));
        const char *agrees = store_col(res, 0, "team_agrees");
        out->team_agrees = !agrees[0] ? -1 : strcmp(agrees, "true") == 0;
        out->agent_agrees = strcmp(store_col(res, 0, "agent_agrees"), "t") == 0;
    }
    PQclear(res);
    return 0;
}

/* The one category that maps to team, or "" when none or several do. */
static int team_category(store_conn *pg, const char *team, char *category, size_t len)
{
    category[0] = '\0';
    const char *params[] = {team};
    PGresult *res = run(pg, "SELECT category FROM category_teams WHERE team = $1 LIMIT 2", 1,
                        params, PGRES_TUPLES_OK);
    if (!res)
        return TR_EIO;
    if (PQntuples(res) == 1)
        tr_strlcpy(category, PQgetvalue(res, 0, 0), len);
    PQclear(res);
    return 0;
}

int store_feedback_record(store_conn *pg, const struct ticket_event *ev,
                          struct feedback_outcome *out)
{
    memset(out, 0, sizeof(*out));
    if (ev->type != TICKET_EVENT_REASSIGNED && ev->type != TICKET_EVENT_MISROUTE_FLAGGED)
        return 0;
    const char *params[] = {ev->ticket_id, ev->agent_id};
    PGresult *res = run(pg,
                        "SELECT d.category, d.team, "
                        "  (SELECT team FROM agents WHERE agent_id = nullif($2, '')) AS agent_team "
                        "FROM decisions d WHERE d.ticket_id = $1",
                        2, params, PGRES_TUPLES_OK);
    if (!res)
        return TR_EIO;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 0; /* not routed here: nothing to learn about our decision */
    }
    out->counted = true;
    tr_strlcpy(out->category, store_col(res, 0, "category"), sizeof(out->category));
    char decided_team[TR_NAME_MAX], new_team[TR_NAME_MAX];
    tr_strlcpy(decided_team, store_col(res, 0, "team"), sizeof(decided_team));
    tr_strlcpy(new_team, ev->team[0] ? ev->team : store_col(res, 0, "agent_team"),
               sizeof(new_team));
    PQclear(res);

    const char *prev_team = ev->previous_team[0] ? ev->previous_team : decided_team;
    char label[TR_NAME_MAX] = "";
    out->label_kind = "category";
    if (ev->type == TICKET_EVENT_MISROUTE_FLAGGED) {
        out->kind = "misroute";
        out->source = "misroute";
        if (ev->correct_category[0]) {
            tr_strlcpy(label, ev->correct_category, sizeof(label));
        } else if (ev->team[0]) {
            if (team_category(pg, ev->team, label, sizeof(label)) != 0)
                return TR_EIO;
            if (!label[0]) {
                tr_strlcpy(label, ev->team, sizeof(label));
                out->label_kind = "team";
            }
        }
    } else if (new_team[0] && strcmp(new_team, prev_team) != 0) {
        out->kind = "reassigned_team";
        out->source = "reassignment";
        if (team_category(pg, new_team, label, sizeof(label)) != 0)
            return TR_EIO;
        if (!label[0]) {
            tr_strlcpy(label, new_team, sizeof(label));
            out->label_kind = "team";
        }
    } else {
        out->kind = "reassigned_agent"; /* same team, another agent: no label to learn */
        return 0;
    }
    if (!label[0])
        return 0; /* flagged without saying what is right */
    tr_strlcpy(out->label, label, sizeof(out->label));
    const char *ins[] = {ev->ticket_id, label, out->source, out->label_kind};
    res = run(pg,
              "INSERT INTO training_examples (ticket_id, text, label, source, label_kind) "
              "SELECT t.ticket_id, t.text, $2, $3, $4 FROM ticket_texts t WHERE t.ticket_id = $1 "
              "ON CONFLICT (ticket_id, source) WHERE ticket_id IS NOT NULL DO UPDATE "
              "SET label = EXCLUDED.label, label_kind = EXCLUDED.label_kind, created_at = now()",
              4, ins, PGRES_COMMAND_OK);
    if (!res)
        return TR_EIO;
    out->example = strcmp(PQcmdTuples(res), "1") == 0;
    PQclear(res);
    return 0;
}

int store_model_published(store_conn *pg, char *version, size_t len)
{
    PGresult *res = run(pg,
                        "SELECT model_version FROM models WHERE published_at IS NOT NULL "
                        "ORDER BY published_at DESC, model_version DESC LIMIT 1",
                        0, NULL, PGRES_TUPLES_OK);
    if (!res)
        return TR_EIO;
    int rc = TR_ENOTFOUND;
    if (PQntuples(res) == 1) {
        tr_strlcpy(version, PQgetvalue(res, 0, 0), len);
        rc = 0;
    }
    PQclear(res);
    return rc;
}

int store_model_fetch(store_conn *pg, const char *version, void **bytes, size_t *len)
{
    *bytes = NULL;
    *len = 0;
    if (store_ensure(pg) != 0)
        return TR_EIO;
    const char *params[] = {version};
    /* Binary result: the bytes as stored, no hex round trip for tens of megabytes. */
    PGresult *res = st_params(pg, "SELECT model FROM models WHERE model_version = $1", 1, NULL,
                              params, NULL, NULL, 1);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        PQclear(res);
        return TR_EIO;
    }
    int rc = TR_ENOTFOUND;
    if (PQntuples(res) == 1) {
        size_t n = (size_t)PQgetlength(res, 0, 0);
        *bytes = malloc(n ? n : 1);
        rc = TR_ENOMEM;
        if (*bytes) {
            memcpy(*bytes, PQgetvalue(res, 0, 0), n);
            *len = n;
            rc = 0;
        }
    }
    PQclear(res);
    return rc;
}

int store_model_insert(store_conn *pg, const struct model_record *m, const void *bytes, size_t len,
                       char *err, size_t errlen)
{
    if (store_ensure(pg) != 0) {
        snprintf(err, errlen, "postgres: %s", PQerrorMessage(pg->conn));
        return TR_EIO;
    }
    char examples[24], holdout[24], accuracy[32], macro_f1[32], base_acc[32];
    snprintf(examples, sizeof(examples), "%" PRIu64, m->examples);
    snprintf(holdout, sizeof(holdout), "%" PRIu64, m->holdout);
    snprintf(accuracy, sizeof(accuracy), "%.17g", m->accuracy);
    snprintf(macro_f1, sizeof(macro_f1), "%.17g", m->macro_f1);
    snprintf(base_acc, sizeof(base_acc), "%.17g", m->baseline_accuracy);
    const char *params[] = {
        m->model_version,
        examples,
        holdout,
        accuracy,
        macro_f1,
        m->baseline_version[0] ? m->baseline_version : NULL,
        m->baseline_version[0] ? base_acc : NULL,
        m->verdict,
        m->metrics_json ? m->metrics_json : "{}",
        m->publish ? "t" : "f",
        (const char *)bytes,
    };
    int lengths[11] = {0};
    int formats[11] = {0};
    lengths[10] = (int)len;
    formats[10] = 1; /* the model as binary */
    PGresult *res =
        st_params(pg,
                  "INSERT INTO models (model_version, examples, holdout, accuracy, macro_f1, "
                  "  baseline_version, baseline_accuracy, verdict, metrics, published_at, model) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, "
                  "  CASE WHEN $10::boolean THEN clock_timestamp() END, $11)",
                  11, NULL, params, lengths, formats, 0);
    int rc = 0;
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        rc = state && strcmp(state, "23505") == 0 ? TR_ECONFLICT : TR_EIO;
        snprintf(err, errlen, "%s",
                 rc == TR_ECONFLICT ? "a model with this version exists already"
                                    : PQresultErrorMessage(res));
    }
    PQclear(res);
    return rc;
}
