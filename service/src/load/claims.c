/* Claims of a whole batch in one round trip: one script call for every ticket of the batch. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_internal.h"

/* KEYS[1] load hash, KEYS[2] claims hash, KEYS[3] epoch, KEYS[4] deadlines; ARGV, for each
 * ticket in turn: ticket, due ms (0: none), n, then n agent and capacity pairs in the order to
 * try. Returns, for each ticket, three values: 1, holder, 0 when an earlier attempt claimed it;
 * 2, agent, k when the k-th agent (from 1) took it; 0, '', 0 when none had room. {-1} alone when
 * Redis lost its data (no epoch): nothing is claimed until it is rebuilt. A new claim sets the
 * ticket's deadline in the same call; an earlier claim keeps the deadline its own call set (a
 * ticket decided again, a replay or a duplicate, must not move or revive the deadline of the
 * decision that stands). */
static const char CLAIM_BATCH_LUA[] =
    "if redis.call('EXISTS', KEYS[3]) == 0 then return {-1} end\n"
    "local out, i = {}, 1\n"
    "while i <= #ARGV do\n"
    "  local ticket, due, n = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])\n"
    "  local first = i + 3\n"
    "  local status, who, k = 0, '', 0\n"
    "  local holder = redis.call('HGET', KEYS[2], ticket)\n"
    "  if holder then\n"
    "    status, who = 1, holder\n"
    "  else\n"
    "    for c = first, first + 2 * n - 1, 2 do\n"
    "      local load = tonumber(redis.call('HGET', KEYS[1], ARGV[c]) or '0')\n"
    "      if load < tonumber(ARGV[c + 1]) then\n"
    "        redis.call('HINCRBY', KEYS[1], ARGV[c], 1)\n"
    "        redis.call('HSET', KEYS[2], ticket, ARGV[c])\n"
    "        if due > 0 then redis.call('ZADD', KEYS[4], due, ticket) end\n"
    "        status, who, k = 2, ARGV[c], (c - first) / 2 + 1\n"
    "        break\n"
    "      end\n"
    "    end\n"
    "  end\n"
    "  out[#out + 1] = status\n"
    "  out[#out + 1] = who\n"
    "  out[#out + 1] = k\n"
    "  i = first + 2 * n\n"
    "end\n"
    "return out\n";

#define FIXED_ARGS 7 /* EVALSHA sha 4 keys... */

/* The call's arguments: the fixed ones, then each ticket's; strings point into reqs and nums. */
static const char **claim_args(load_conn *conn, const struct load_claim_req *reqs, size_t n,
                               char (*nums)[24], size_t *argc)
{
    size_t total = FIXED_ARGS;
    for (size_t i = 0; i < n; i++)
        total += 3 + 2 * reqs[i].n;
    const char **argv = malloc(total * sizeof(*argv));
    if (!argv)
        return NULL;
    const char *fixed[FIXED_ARGS] = {"EVALSHA",          conn->claim_first_sha, "4",
                                     conn->load_key,     conn->claims_key,      conn->epoch_key,
                                     conn->deadlines_key};
    memcpy(argv, fixed, sizeof(fixed));
    size_t k = FIXED_ARGS, num = 0;
    for (size_t i = 0; i < n; i++) {
        const struct load_claim_req *r = &reqs[i];
        argv[k++] = r->ticket_id;
        snprintf(nums[num], sizeof(nums[num]), "%lld", (long long)(r->due_ms > 0 ? r->due_ms : 0));
        argv[k++] = nums[num++];
        snprintf(nums[num], sizeof(nums[num]), "%zu", r->n);
        argv[k++] = nums[num++];
        for (size_t j = 0; j < r->n; j++) {
            snprintf(nums[num], sizeof(nums[num]), "%d", r->capacities[j]);
            argv[k++] = r->agent_ids[j];
            argv[k++] = nums[num++];
        }
    }
    *argc = k;
    return argv;
}

/* One ticket's three values of the reply into req. */
static int claim_outcome(load_conn *conn, redisReply **v, struct load_claim_req *req)
{
    if (v[0]->type != REDIS_REPLY_INTEGER || v[1]->type != REDIS_REPLY_STRING ||
        v[2]->type != REDIS_REPLY_INTEGER) {
        snprintf(conn->last_error, sizeof(conn->last_error), "claim script: unexpected reply");
        return TR_EIO;
    }
    long long status = v[0]->integer, k = v[2]->integer;
    req->index = -1;
    req->holder[0] = '\0';
    if (status == 1 || status == 2)
        tr_strlcpy(req->holder, v[1]->str, sizeof(req->holder));
    if (status == 2) {
        if (k < 1 || (size_t)k > req->n) {
            snprintf(conn->last_error, sizeof(conn->last_error), "claim script: bad index");
            return TR_EIO;
        }
        req->index = (int)(k - 1);
    }
    return 0;
}

/* 0 with every outcome set, 1 for NOSCRIPT (load it and run again), TR_EIO. */
static int claims_reply(load_conn *conn, redisReply *reply, struct load_claim_req *reqs, size_t n)
{
    if (reply->type == REDIS_REPLY_ERROR) {
        if (strncmp(reply->str, "NOSCRIPT", 8) == 0)
            return 1;
        snprintf(conn->last_error, sizeof(conn->last_error), "claim script: %s", reply->str);
        return TR_EIO;
    }
    if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 1 &&
        reply->element[0]->type == REDIS_REPLY_INTEGER && reply->element[0]->integer < 0) {
        snprintf(conn->last_error, sizeof(conn->last_error),
                 "load and claims lost (no epoch): rebuild first");
        return TR_EIO;
    }
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 3 * n) {
        snprintf(conn->last_error, sizeof(conn->last_error), "claim script: unexpected reply");
        return TR_EIO;
    }
    for (size_t i = 0; i < n; i++)
        if (claim_outcome(conn, reply->element + 3 * i, &reqs[i]) != 0)
            return TR_EIO;
    return 0;
}

/* One call; 1 when the script must be loaded first. */
static int claims_call(load_conn *conn, struct load_claim_req *reqs, size_t n)
{
    size_t nums_n = 0;
    for (size_t i = 0; i < n; i++)
        nums_n += 2 + reqs[i].n;
    char(*nums)[24] = malloc((nums_n + 1) * sizeof(*nums));
    size_t argc = 0;
    const char **argv = nums ? claim_args(conn, reqs, n, nums, &argc) : NULL;
    if (!argv) {
        free(nums);
        return TR_ENOMEM;
    }
    size_t *lens = malloc(argc * sizeof(*lens));
    if (!lens) {
        free(argv);
        free(nums);
        return TR_ENOMEM;
    }
    for (size_t i = 0; i < argc; i++)
        lens[i] = strlen(argv[i]); /* once: hiredis would measure each argument twice */
    load_rt_count(conn);
    redisReply *reply = redisCommandArgv(conn->redis, (int)argc, argv, lens);
    free(argv);
    free(lens);
    free(nums);
    if (!reply) {
        load_conn_drop(conn); /* says why in last_error */
        return TR_EIO;
    }
    int rc = claims_reply(conn, reply, reqs, n);
    freeReplyObject(reply);
    return rc;
}

/* Load the script (again: Redis restarted and forgot it, and its data too). */
static int script_ready(load_conn *conn)
{
    char err[256];
    if (load_script_load(conn->redis, CLAIM_BATCH_LUA, conn->claim_first_sha, err, sizeof(err)) ==
        0)
        return 0;
    load_conn_drop(conn);
    snprintf(conn->last_error, sizeof(conn->last_error), "%s", err);
    return TR_EIO;
}

static int claims_round(load_conn *conn, struct load_claim_req *reqs, size_t n)
{
    char err[256];
    if (n == 0)
        return 0;
    if (load_conn_ensure(conn, err, sizeof(err)) != 0)
        return TR_EIO;
    if (!conn->claim_first_sha[0] && script_ready(conn) != 0)
        return TR_EIO;
    int rc = claims_call(conn, reqs, n);
    if (rc == 1)
        rc = script_ready(conn) == 0 ? claims_call(conn, reqs, n) : TR_EIO;
    return rc == 0 ? 0 : TR_EIO;
}

/* Candidates each ticket offers the script in the first round. The caller ranked them on loads
 * at most a moment old, so one of the first few nearly always has room: Redis then parses a few
 * arguments per ticket instead of up to 48. */
#define FIRST_ROUND 4

int load_claims_first(load_conn *conn, struct load_claim_req *reqs, size_t n)
{
    if (n == 0)
        return 0;
    size_t *all = malloc(n * sizeof(*all)), *again = malloc(n * sizeof(*again));
    struct load_claim_req *rest = calloc(n, sizeof(*rest));
    int rc = all && again && rest ? 0 : TR_ENOMEM;
    for (size_t k = 0; rc == 0 && k < n; k++) {
        all[k] = reqs[k].n;
        if (reqs[k].n > FIRST_ROUND)
            reqs[k].n = FIRST_ROUND;
    }
    if (rc == 0)
        rc = claims_round(conn, reqs, n);
    /* The second round: the rest of the candidates of those whose first ones were all full. */
    size_t r = 0;
    for (size_t k = 0; rc == 0 && k < n; k++)
        if (reqs[k].index < 0 && !reqs[k].holder[0] && all[k] > FIRST_ROUND) {
            rest[r] = reqs[k];
            rest[r].n = all[k] - FIRST_ROUND;
            rest[r].agent_ids += FIRST_ROUND;
            rest[r].capacities += FIRST_ROUND;
            again[r++] = k;
        }
    if (rc == 0 && r)
        rc = claims_round(conn, rest, r);
    for (size_t j = 0; rc == 0 && j < r; j++) {
        struct load_claim_req *req = &reqs[again[j]];
        req->index = rest[j].index >= 0 ? rest[j].index + FIRST_ROUND : -1;
        memcpy(req->holder, rest[j].holder, sizeof(req->holder));
    }
    for (size_t k = 0; all && k < n; k++)
        reqs[k].n = all[k];
    free(all);
    free(again);
    free(rest);
    return rc;
}
