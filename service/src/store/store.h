/* store: PostgreSQL (libpq): migrations, customer context, routing policy, decisions, events.
 * Threads: a store_conn belongs to one thread (libpq allows one thread per connection).
 * Errors: 0 or a negative TR_E* code; TR_EIO means "retry later" (the connection is reset on
 * the next call). Every statement is parameterised. */
#ifndef TR_STORE_H
#define TR_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/error.h"
#include "domain/domain.h"
#include "routing/routing.h"

typedef struct store_conn store_conn;

/* Connect with a libpq DSN. On failure returns NULL and writes the reason (never the DSN, which
 * may hold a password) to err. Caller owns the result; free with store_conn_free() (NULL-safe). */
store_conn *store_conn_new(const char *dsn, char *err, size_t errlen);
void store_conn_free(store_conn *pg);

/* Apply migrations/NNNN_name.sql from dir in order, each once, under an advisory lock, each in
 * its own transaction, recording name and checksum in schema_migrations. A migration applied
 * earlier whose file changed is refused: TR_ECONFLICT with the name in err. Progress lines go
 * to progress (may be NULL). */
TR_MUST_CHECK int store_migrate(store_conn *pg, const char *dir, FILE *progress, char *err,
                                size_t errlen);

/* n customers with SLA minutes, in one statement: found[i] says whether ids[i] exists, out[i]
 * is it then (value_percentile 0: the caller takes it from the context's quantiles,
 * route_value_percentile).
 * 0 or TR_EIO/TR_ENOMEM. Borrows everything. */
TR_MUST_CHECK int store_customers_get(store_conn *pg, const char *const *ids, size_t n,
                                      struct customer *out, bool *found);

/* Refresh what history teaches when no other replica is doing it (advisory lock): what is
 * STORE_HISTORY_QUANTILES (customer_value_quantiles, one pass over customers) and/or
 * STORE_HISTORY_PERFORMANCE (agent_performance_rollup, 90 days of decisions). Returns 1 when
 * refreshed, 0 when another replica holds the lock, TR_EIO. Slow on a long history: call it from
 * a background thread, never in the decision path. */
#define STORE_HISTORY_QUANTILES 1u
#define STORE_HISTORY_PERFORMANCE 2u
TR_MUST_CHECK int store_history_refresh(store_conn *pg, unsigned what);

/* Everything routing needs that changes rarely: teams, category mapping, rules, agents with
 * skills. Built fresh, immutable once returned. Rules that fail validation are left out and
 * counted; each reason is written to refused (may be NULL). */
/* An agent's learned performance on one category (agent_performance view). */
struct route_context {
    struct policy policy; /* points into the arrays below; thresholds are set by the caller */
    struct route_rule *rules;
    struct category_route *categories;
    struct team_info *teams;
    struct agent_candidate *agents; /* load, presence and perf fields are filled per ticket */
    size_t n_agents;
    size_t *agents_by_team;  /* n_agents indexes into agents, ordered by team */
    struct agent_perf *perf; /* sorted by agent_id, category (agent_performance_rollup) */
    size_t n_perf;
    size_t *perf_first, *perf_count; /* n_agents: each agent's rows of perf (route_perf_index) */
    /* Contract values at quantiles q/1000 (customer_value_quantiles), ascending; 0 of them
     * before the first refresh. */
    double value_quantiles[1001];
    size_t n_value_quantiles;
    int64_t value_customers;        /* how many customers they were computed from */
    int64_t history_refreshed_ms;   /* when they were computed (0: never) */
    struct urgency_weights urgency; /* defaults, then routing_weights rows */
    tz_zone **zones;                /* owned: every zone the teams and agents name */
    size_t n_zones;
    size_t n_rules_refused;
    int64_t loaded_at_ms;
    /* Owned: the rules' keywords and the urgency and outage phrases compiled for the text module
     * (route_phrases_new on policy and urgency, by whoever loads the context for deciding);
     * NULL: decisions match the raw text. */
    route_phrases *phrases;
};

/* Caller owns *out; free with route_context_free() (NULL-safe). */
TR_MUST_CHECK int store_context_load(store_conn *pg, struct route_context **out, FILE *refused,
                                     char *err, size_t errlen);
void route_context_free(struct route_context *ctx);

/* Parse one rule from its JSON conditions and actions. TR_EINVAL with the reason in err for an
 * unknown key, a wrong type or a value out of range. Pure: no connection needed. */
TR_MUST_CHECK int store_rule_parse(const char *name, int position, const char *conditions_json,
                                   const char *actions_json, struct route_rule *out, char *err,
                                   size_t errlen);

/* The stored decision of ticket_id: its published payload. Caller owns *payload; free().
 * TR_ENOTFOUND when the ticket has none. */
TR_MUST_CHECK int store_decision_get(store_conn *pg, const char *ticket_id, void **payload,
                                     size_t *len);

/* A batch's writes with one statement in one round trip (no transaction may be open): every
 * decision with the exact payload published for it and its ticket's text (for feedback
 * examples; NULL: not kept), once per ticket (rows[i].result gets 0 when inserted, TR_ECONFLICT
 * when the ticket had one already, or came twice in the batch), and the escalations of the
 * decisions inserted (the others' are dropped: the decision that stands has its own). Committed
 * when commit is true, else in a transaction left open (store_commit or store_rollback). 0 or
 * TR_EIO (nothing written). Borrows everything. */
struct store_decision_row {
    const struct route_decision *decision;
    int64_t ticket_created_at_ms;
    const void *payload;
    size_t len;
    const char *text; /* NULL: not kept */
    int result;       /* out */
};
struct store_escalation_row {
    const struct escalation *esc;
    const char *decision_id; /* the decision it comes with: stored only when that one is */
    const void *payload;
    size_t len;
};
TR_MUST_CHECK int store_batch_write(store_conn *pg, struct store_decision_row *rows, size_t n,
                                    const struct store_escalation_row *escs, size_t m, bool commit);

/* Insert an escalation with the exact payload published for it. 0 when inserted,
 * TR_ECONFLICT when it was there already (a replay), TR_EIO. */
TR_MUST_CHECK int store_escalation_insert(store_conn *pg, const struct escalation *esc,
                                          const void *payload, size_t len);

/* Calls fn for each stored escalation payload of ticket_id (for a replay to publish them again).
 * Returns 0 or TR_EIO. */
TR_MUST_CHECK int store_escalations_each(store_conn *pg, const char *ticket_id,
                                         void (*fn)(void *arg, const char *escalation_id,
                                                    const void *payload, size_t len),
                                         void *arg);

/* Record an outage incident once. */
TR_MUST_CHECK int store_incident_insert(store_conn *pg, const char *incident_id,
                                        const char *product_area, const char *first_ticket_id,
                                        int customers);

/* A re-route: the ticket's decision becomes `decision` (revision > 0), the previous one stays
 * in decision_revisions with it. Returns 0, TR_ECONFLICT when that revision exists already,
 * TR_EIO. */
TR_MUST_CHECK int store_decision_revise(store_conn *pg, const struct route_decision *decision,
                                        int revision, const char *reason, const void *payload,
                                        size_t len);

/* What the ticket's agent must be: the required skill ("" none) and whether only senior agents
 * may take it. 0, TR_ENOTFOUND, TR_EIO. */
TR_MUST_CHECK int store_decision_requirements(store_conn *pg, const char *ticket_id, char *skill,
                                              size_t skill_len, bool *senior_only);

/* The ticket's current revision number (0 for the first decision), TR_ENOTFOUND. */
TR_MUST_CHECK int store_decision_revision(store_conn *pg, const char *ticket_id, int *revision);

/* Every open assignment (live decision with an agent, not resolved or closed since, or reopened
 * after), with its current agent (a later REASSIGNED event's, else the decision's). Calls fn for
 * each; returns how many, or TR_EIO. For rebuilding Redis after it lost its data. Reads the open
 * decisions only (closed_at and reopened_at, kept by a trigger on ticket_events, and a partial
 * index): a RESOLVED or CLOSED that came before the ticket was decided is not seen. */
int store_open_claims_each(store_conn *pg,
                           void (*fn)(void *arg, const char *ticket_id, const char *agent_id),
                           void *arg);

/* 1 when the event (by event_id) was recorded before, 0 when not, TR_EIO. */
TR_MUST_CHECK int store_event_seen(store_conn *pg, const char *event_id);

/* Record a lifecycle event once (by event_id). Returns 0, TR_ECONFLICT for a duplicate. */
TR_MUST_CHECK int store_event_insert(store_conn *pg, const struct ticket_event *event);

/* ---- dead letters too large for the dead-letter topic (deadletter.c) ---- */

struct dead_letter {
    const char *topic; /* where the message came from */
    int32_t partition;
    int64_t offset;
    const void *key; /* may be NULL */
    size_t key_len;
    const void *payload;
    size_t len;
    const char *error;  /* TR_E* name */
    const char *reason; /* why it was dead-lettered */
};
/* Keep the whole message (once per source position; a replay changes nothing) and write the
 * hex SHA-256 of its payload to sha256_hex (65 bytes). 0 or TR_EIO. Borrows dl. */
TR_MUST_CHECK int store_dead_letter_keep(store_conn *pg, const struct dead_letter *dl,
                                         char *sha256_hex);
/* The kept payload of the message from topic/partition/offset. Caller owns *payload (free()).
 * 0, TR_ENOTFOUND, TR_EIO, TR_ENOMEM. */
TR_MUST_CHECK int store_dead_letter_get(store_conn *pg, const char *topic, int32_t partition,
                                        int64_t offset, void **payload, size_t *len);
/* Delete kept dead letters older than days; *deleted says how many. */
TR_MUST_CHECK int store_dead_letters_purge(store_conn *pg, unsigned days, long *deleted);

/* The connection's last error message (libpq's, one line), "" when none. Valid until the next
 * call on pg. */
const char *store_last_error(store_conn *pg);

/* Statements sent on pg so far (each a round trip). Any thread. */
uint64_t store_round_trips(store_conn *pg);

/* 0 when the server answers. */
TR_MUST_CHECK int store_ping(store_conn *pg);

/* Listen on the config, model and customer channels; store_wait_notify waits up to timeout_ms
 * for notifications and returns which came (STORE_NOTIFY_* bits), 0 on timeout, TR_EIO;
 * on_customer (may be NULL) gets each changed customer's id. */
#define STORE_NOTIFY_CONFIG 1   /* rules, teams, agents, mappings, weights changed */
#define STORE_NOTIFY_MODEL 2    /* a model version was published */
#define STORE_NOTIFY_CUSTOMER 4 /* customers changed (on_customer gets each id, or "*": all) */
TR_MUST_CHECK int store_listen(store_conn *pg);
TR_MUST_CHECK int store_wait_notify(store_conn *pg, int timeout_ms,
                                    void (*on_customer)(void *arg, const char *customer_id),
                                    void *arg);

/* A transaction around a batch: begin, then commit (0 or TR_EIO) or roll back. */
TR_MUST_CHECK int store_begin(store_conn *pg);
TR_MUST_CHECK int store_commit(store_conn *pg);
void store_rollback(store_conn *pg);

/* Run a statement without parameters (tests, seed). */
TR_MUST_CHECK int store_exec(store_conn *pg, const char *sql, char *err, size_t errlen);

/* ---- the learning loop (learning.c) ---- */

/* Keep the text a ticket was classified from, for feedback examples (once per ticket). */
TR_MUST_CHECK int store_ticket_text_insert(store_conn *pg, const char *ticket_id, const char *text);
/* Delete texts older than days; *deleted says how many. */
TR_MUST_CHECK int store_ticket_texts_purge(store_conn *pg, unsigned days, long *deleted);

struct shadow_comparison {
    bool compared;              /* a comparison row was written now */
    char category[TR_NAME_MAX]; /* the shadow decision's */
    int team_agrees;            /* 1, 0, or -1 when the manual team is unknown */
    bool agent_agrees;
};
/* Compare ticket_id's shadow decision with its first manual ASSIGNED event once both exist.
 * out->compared is false when one is missing, the decision is live, or it was compared before.
 * Call it in the transaction that inserted one of the two: it takes a per-ticket lock held to
 * the end of that transaction, so that of two overlapping ones the second compares after the
 * first committed. Returns 0 or TR_EIO. */
TR_MUST_CHECK int store_shadow_compare(store_conn *pg, const char *ticket_id,
                                       struct shadow_comparison *out);

struct feedback_outcome {
    bool counted;               /* the ticket has a decision here: the event is feedback on it */
    const char *kind;           /* "misroute", "reassigned_team", "reassigned_agent" (static) */
    char category[TR_NAME_MAX]; /* the decision's category */
    bool example;               /* a training example was written (the text was kept) */
    const char *source;         /* its source: "misroute" or "reassignment" */
    const char *label_kind;     /* "category" or "team" */
    char label[TR_NAME_MAX];
};
/* A REASSIGNED or MISROUTE_FLAGGED event as feedback: the right category (the flag's, else the
 * one category the new team has in category_teams) or else the right team becomes a labelled
 * training example of the ticket's kept text. Other events: nothing. 0 or TR_EIO. */
TR_MUST_CHECK int store_feedback_record(store_conn *pg, const struct ticket_event *ev,
                                        struct feedback_outcome *out);

/* The newest published model version: 0, TR_ENOTFOUND (none), TR_EIO. */
TR_MUST_CHECK int store_model_published(store_conn *pg, char *version, size_t len);
/* The model file of version. Caller owns *bytes (free()). 0, TR_ENOTFOUND, TR_EIO, TR_ENOMEM. */
TR_MUST_CHECK int store_model_fetch(store_conn *pg, const char *version, void **bytes, size_t *len);

struct model_record {
    char model_version[TR_NAME_MAX * 2];
    uint64_t examples, holdout;
    double accuracy, macro_f1;
    char baseline_version[TR_NAME_MAX * 2]; /* "" when there was none */
    double baseline_accuracy;
    char verdict[256];
    const char *metrics_json; /* borrowed, may be NULL */
    bool publish;
};
/* Store a trained model (and publish it when m->publish). TR_ECONFLICT when the version exists;
 * TR_EIO. Reason in err. */
TR_MUST_CHECK int store_model_insert(store_conn *pg, const struct model_record *m,
                                     const void *bytes, size_t len, char *err, size_t errlen);

#endif
