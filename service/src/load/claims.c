/* Claims of a whole batch in one round trip: one script per ticket, pipelined. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_internal.h"

/* KEYS[1] load hash, KEYS[2] claims hash, KEYS[3] epoch, KEYS[4] deadlines; ARGV ticket, due ms
 * (0: none), then agent and capacity pairs in the order to try. Returns {1, holder} when an
 * earlier attempt claimed it, {2, agent, k} when the k-th agent (from 1) took it, {0, ''} when
 * none had room, {-1, ''} when Redis lost its data (no epoch): nothing is claimed until it is
 * rebuilt. A new claim sets the ticket's deadline in the same call; an earlier claim keeps the
 * deadline its own call set (a ticket decided again, a replay or a duplicate, must not move or
 * revive the deadline of the decision that stands). */
static const char CLAIM_FIRST_LUA[] =
    "if redis.call('EXISTS', KEYS[3]) == 0 then return {-1, ''} end\n"
    "local due = tonumber(ARGV[2])\n"
    "local holder = redis.call('HGET', KEYS[2], ARGV[1])\n"
    "if holder then return {1, holder} end\n"
    "for i = 3, #ARGV - 1, 2 do\n"
    "  local load = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')\n"
    "  if load < tonumber(ARGV[i + 1]) then\n"
    "    redis.call('HINCRBY', KEYS[1], ARGV[i], 1)\n"
    "    redis.call('HSET', KEYS[2], ARGV[1], ARGV[i])\n"
    "    if due > 0 then redis.call('ZADD', KEYS[4], ARGV[2], ARGV[1]) end\n"
    "    return {2, ARGV[i], (i - 1) / 2}\n"
    "  end\n"
    "end\n"
    "return {0, ''}\n";

#define FIXED_ARGS 8 /* EVALSHA sha 4 keys... ticket due */

static int claim_append(load_conn *conn, const struct load_claim_req *req)
{
    size_t argc = FIXED_ARGS + 1 + 2 * req->n; /* the due time, then the pairs */
    const char **argv = malloc(argc * sizeof(*argv));
    char(*caps)[16] = malloc((req->n + 1) * sizeof(*caps));
    char due[24];
    if (!argv || !caps) {
        free(argv);
        free(caps);
        return TR_ENOMEM;
    }
    snprintf(due, sizeof(due), "%lld", (long long)(req->due_ms > 0 ? req->due_ms : 0));
    const char *fixed[FIXED_ARGS] = {
        "EVALSHA",       conn->claim_first_sha, "4", conn->load_key, conn->claims_key,
        conn->epoch_key, conn->deadlines_key,   NULL};
    memcpy(argv, fixed, sizeof(fixed));
    argv[FIXED_ARGS - 1] = req->ticket_id;
    /* ARGV: ticket, due, pairs; argv[7] is the ticket, so due goes first among the rest. */
    size_t k = FIXED_ARGS;
    argv[k++] = due;
    for (size_t i = 0; i < req->n; i++) {
        snprintf(caps[i], sizeof(caps[i]), "%d", req->capacities[i]);
        argv[k++] = req->agent_ids[i];
        argv[k++] = caps[i];
    }
    int rc = redisAppendCommandArgv(conn->redis, (int)k, argv, NULL) == REDIS_OK ? 0 : TR_EIO;
    free(argv);
    free(caps);
    return rc;
}

/* 0 with the outcome in req, 1 for NOSCRIPT (run it again), TR_EIO. */
static int claim_outcome(load_conn *conn, redisReply *reply, struct load_claim_req *req)
{
    if (reply->type == REDIS_REPLY_ERROR) {
        if (strncmp(reply->str, "NOSCRIPT", 8) == 0)
            return 1;
        snprintf(conn->last_error, sizeof(conn->last_error), "claim script: %s", reply->str);
        return TR_EIO;
    }
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 2 ||
        reply->element[0]->type != REDIS_REPLY_INTEGER ||
        reply->element[1]->type != REDIS_REPLY_STRING) {
        snprintf(conn->last_error, sizeof(conn->last_error), "claim script: unexpected reply");
        return TR_EIO;
    }
    long long status = reply->element[0]->integer;
    req->index = -1;
    req->holder[0] = '\0';
    if (status < 0) {
        snprintf(conn->last_error, sizeof(conn->last_error),
                 "load and claims lost (no epoch): rebuild first");
        return TR_EIO;
    }
    if (status == 1)
        tr_strlcpy(req->holder, reply->element[1]->str, sizeof(req->holder));
    if (status == 2) {
        long long k = reply->elements > 2 && reply->element[2]->type == REDIS_REPLY_INTEGER
                          ? reply->element[2]->integer
                          : 0;
        if (k < 1 || (size_t)k > req->n) {
            snprintf(conn->last_error, sizeof(conn->last_error), "claim script: bad index");
            return TR_EIO;
        }
        req->index = (int)(k - 1);
        tr_strlcpy(req->holder, reply->element[1]->str, sizeof(req->holder));
    }
    return 0;
}

/* Send reqs whose `todo` flag is set, in one round trip; clears the flag of each answered and
 * sets *again when one must run again after the script is loaded. */
static int claims_round(load_conn *conn, struct load_claim_req *reqs, bool *todo, size_t n,
                        bool *again)
{
    size_t sent = 0;
    for (size_t i = 0; i < n; i++) {
        if (!todo[i])
            continue;
        if (claim_append(conn, &reqs[i]) != 0) {
            load_conn_drop(conn); /* half a pipeline may be buffered: start afresh */
            return TR_EIO;
        }
        sent++;
    }
    if (sent == 0)
        return 0;
    load_rt_count(conn);
    int rc = 0;
    *again = false;
    for (size_t i = 0; i < n; i++) {
        if (!todo[i])
            continue;
        void *reply = NULL;
        if (redisGetReply(conn->redis, &reply) != REDIS_OK) {
            load_conn_drop(conn);
            return TR_EIO;
        }
        int out = claim_outcome(conn, reply, &reqs[i]);
        freeReplyObject(reply);
        if (out == 1)
            *again = true;
        else
            todo[i] = false;
        if (out < 0)
            rc = out; /* read every reply first: the connection stays in step */
    }
    return rc;
}

int load_claims_first(load_conn *conn, struct load_claim_req *reqs, size_t n)
{
    char err[256];
    if (n == 0)
        return 0;
    if (load_conn_ensure(conn, err, sizeof(err)) != 0)
        return TR_EIO;
    if (!conn->claim_first_sha[0] &&
        load_script_load(conn->redis, CLAIM_FIRST_LUA, conn->claim_first_sha, err, sizeof(err)) !=
            0) {
        load_conn_drop(conn);
        snprintf(conn->last_error, sizeof(conn->last_error), "%s", err);
        return TR_EIO;
    }
    bool *todo = malloc(n * sizeof(*todo));
    if (!todo)
        return TR_ENOMEM;
    for (size_t i = 0; i < n; i++)
        todo[i] = true;
    bool again = false;
    int rc = claims_round(conn, reqs, todo, n, &again);
    if (rc == 0 && again) {
        /* Redis restarted and forgot the script (its data too, so these fail on the epoch). */
        if (load_script_load(conn->redis, CLAIM_FIRST_LUA, conn->claim_first_sha, err,
                             sizeof(err)) != 0) {
            load_conn_drop(conn);
            snprintf(conn->last_error, sizeof(conn->last_error), "%s", err);
            rc = TR_EIO;
        } else {
            rc = claims_round(conn, reqs, todo, n, &again);
            if (rc == 0 && again)
                rc = TR_EIO;
        }
    }
    free(todo);
    return rc;
}
