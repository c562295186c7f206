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

#include "common/error.h"

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

/* Release the claim on ticket_id and decrement its agent's load (never below zero).
 * agent_out (TR_ID_MAX bytes, may be NULL) receives the agent. Returns 0, TR_ENOTFOUND when the
 * ticket holds no claim, TR_EIO. */
TR_MUST_CHECK int load_release(load_conn *conn, const char *ticket_id, char *agent_out);

/* Read the loads of n agents in one call into loads (0 for an agent with none). */
TR_MUST_CHECK int load_get(load_conn *conn, const char *const *agent_ids, size_t n, int *loads);

/* Who holds ticket_id's claim: 0 and agent_out, or TR_ENOTFOUND. */
TR_MUST_CHECK int load_claim_get(load_conn *conn, const char *ticket_id, char *agent_out);

/* 0 when Redis answers PING. */
TR_MUST_CHECK int load_ping(load_conn *conn);

#endif
