/* load: agent load and ticket claims in Redis (hiredis).
 * Keys (prefix from config, default "tr:"): <prefix>load  hash agent_id -> open tickets;
 * <prefix>claims  hash ticket_id -> agent_id. A claim is one script call: check capacity,
 * increment, record the claim, so a retry of the same ticket is a no-op.
 * Threads: a load_conn belongs to one thread (a hiredis connection is not thread safe).
 * Errors: 0 or a negative TR_E* code; TR_EIO means "retry later" (the connection is re-made on
 * the next call). */
#ifndef TR_LOAD_H
#define TR_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "domain/domain.h"

typedef struct load_conn load_conn;

struct load_options {
    const char *host;
    int port;
    const char *password; /* NULL or "": no AUTH */
    int db;
    int timeout_ms;
    const char *prefix;
};

/* Connect within timeout_ms. On failure returns NULL and writes the reason to err.
 * The caller owns the result; release it with load_conn_free(), which accepts NULL.
 * Borrows opts (copied). */
load_conn *load_conn_new(const struct load_options *opts, char *err, size_t errlen);
void load_conn_free(load_conn *conn);

/* Claim ticket_id for agent_id if the agent is below capacity, atomically.
 * Returns 0 when claimed now or already claimed before; claimed_by (TR_ID_MAX bytes, may be
 * NULL) receives the agent holding the claim, which may differ from agent_id on a retry.
 * Returns TR_EFULL when the agent is full, TR_EIO when Redis failed. Borrows all arguments. */
TR_MUST_CHECK int load_claim(load_conn *conn, const char *ticket_id, const char *agent_id,
                             int capacity, char *claimed_by);

/* One ticket of load_claims_first: it goes to the first of its agents below capacity. */
struct load_claim_req {
    const char *ticket_id;
    size_t n;                     /* agents to try in order; 0: only look for an earlier claim */
    const char *const *agent_ids; /* n */
    const int *capacities;        /* n */
    int64_t due_ms;               /* first-response deadline set with the claim; 0: none */
    /* The outcome: index of the agent that took it now, or -1 with holder set (an earlier
     * attempt's claim holds it) or holder "" (none of them had room). */
    int index;
    char holder[TR_ID_MAX];
};

/* Claim the tickets of a batch in one round trip (one script call, atomic for the batch; the
 * tickets in order, so a ticket twice finds its first claim; a retry finds its own earlier
 * claims). The call offers each ticket's first four candidates; a second round trip offers the
 * rest of those whose first four were all full. Returns 0 with every outcome set, or TR_EIO
 * (Redis failed, or lost its data and must be rebuilt first). */
TR_MUST_CHECK int load_claims_first(load_conn *conn, struct load_claim_req *reqs, size_t n);

/* Release the claim on ticket_id and decrement its agent's load (never below zero).
 * agent_out (TR_ID_MAX bytes, may be NULL) receives the agent. Returns 0, TR_ENOTFOUND when the
 * ticket holds no claim, TR_EIO. */
TR_MUST_CHECK int load_release(load_conn *conn, const char *ticket_id, char *agent_out);

/* Loads and presence of n agents in one round trip (pipelined): loads[i] open tickets,
 * presence[i] from <prefix>presence (PRESENCE_UNKNOWN when never reported). */
TR_MUST_CHECK int load_agents_get(load_conn *conn, const char *const *agent_ids, size_t n,
                                  int *loads, enum presence *presence);

/* Record an agent's presence (online, away, offline). */
TR_MUST_CHECK int load_presence_set(load_conn *conn, const char *agent_id, enum presence presence);

/* Move ticket_id's claim from one agent to another below capacity, atomically (the load moves
 * with it). Returns 0, TR_EFULL when `to` is full, TR_ECONFLICT when `from` does not hold the
 * claim (it was moved or released meanwhile), TR_EIO. */
TR_MUST_CHECK int load_claim_move(load_conn *conn, const char *ticket_id, const char *from,
                                  const char *to, int capacity);

/* Outage window of a product area, shared by every replica: customer_id reports area down at
 * now_ms. Customers are counted in a sliding window of window_s seconds; when `threshold`
 * distinct customers reported, ONE incident opens (incident_id from the first ticket), later
 * reports join it while reports keep coming within the window. opened is 1 only for the ticket
 * that opened the incident (also when that ticket is replayed), so one escalation goes out. */
struct load_outage {
    char incident_id[TR_ID_MAX]; /* "" when no incident (yet) */
    int opened;
    int customers; /* distinct customers in the window, this one included */
};
TR_MUST_CHECK int load_outage_report(load_conn *conn, const char *area, const char *customer_id,
                                     const char *ticket_id, int64_t now_ms, int window_s,
                                     int threshold, struct load_outage *out);

/* First-response deadlines of assigned tickets (<prefix>deadlines, a sorted set). */
TR_MUST_CHECK int load_deadline_set(load_conn *conn, const char *ticket_id, int64_t due_ms);
TR_MUST_CHECK int load_deadline_clear(load_conn *conn, const char *ticket_id);
/* Take up to max tickets whose deadline passed (atomically: each goes to one replica).
 * Writes their ids to ids (max slots of TR_ID_MAX) and returns how many, or TR_EIO. */
int load_deadlines_take(load_conn *conn, int64_t now_ms, size_t max, char (*ids)[TR_ID_MAX]);

/* Redis keeps nothing on disk: when it restarts empty or is flushed, the load and claims are
 * gone. <prefix>epoch marks a Redis whose load and claims are whole. Returns 1 when present,
 * 0 when missing (rebuild needed), TR_EIO. */
int load_epoch_present(load_conn *conn);
/* Take the rebuild lock for ttl_ms (one replica rebuilds): 1 taken, 0 held by another, TR_EIO. */
int load_rebuild_lock(load_conn *conn, int ttl_ms);
/* Give the rebuild lock back without rebuilding (another rebuild finished meanwhile). */
TR_MUST_CHECK int load_rebuild_unlock(load_conn *conn);
/* Replace load and claims with these n claims (ticket_ids[i] held by agent_ids[i]) and set the
 * epoch, in one transaction; then release the lock. 0 or TR_EIO. */
TR_MUST_CHECK int load_rebuild(load_conn *conn, const char *const *ticket_ids,
                               const char *const *agent_ids, size_t n);

/* Who holds ticket_id's claim: 0 and agent_out, or TR_ENOTFOUND. */
TR_MUST_CHECK int load_claim_get(load_conn *conn, const char *ticket_id, char *agent_out);

/* The connection's last error (hiredis's), "" when none. Valid until the next call on conn. */
const char *load_last_error(load_conn *conn);

/* Round trips made on conn so far (a pipelined group counts once). Any thread. */
uint64_t load_round_trips(load_conn *conn);

/* 0 when Redis answers PING. */
TR_MUST_CHECK int load_ping(load_conn *conn);

#endif
