#include "load/load.h"

#include <hiredis/hiredis.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/domain.h"
#include "load/load_internal.h"

/* KEYS[1] load hash, KEYS[2] claims hash, KEYS[3] epoch; ARGV ticket, agent, capacity.
 * Returns {1, holder} when already claimed, {0, load} when full, {2, new load} when claimed,
 * {-1, ""} when Redis lost its data (no epoch): nothing is claimed until it is rebuilt. */
static const char CLAIM_LUA[] =
    "if redis.call('EXISTS', KEYS[3]) == 0 then return {-1, ''} end\n"
    "local holder = redis.call('HGET', KEYS[2], ARGV[1])\n"
    "if holder then return {1, holder} end\n"
    "local load = tonumber(redis.call('HGET', KEYS[1], ARGV[2]) or '0')\n"
    "if load >= tonumber(ARGV[3]) then return {0, tostring(load)} end\n"
    "redis.call('HINCRBY', KEYS[1], ARGV[2], 1)\n"
    "redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])\n"
    "return {2, tostring(load + 1)}\n";

/* KEYS[1] load hash, KEYS[2] claims hash; ARGV ticket. Returns the agent or false. */
static const char RELEASE_LUA[] = "local agent = redis.call('HGET', KEYS[2], ARGV[1])\n"
                                  "if not agent then return false end\n"
                                  "redis.call('HDEL', KEYS[2], ARGV[1])\n"
                                  "if redis.call('HINCRBY', KEYS[1], agent, -1) < 0 then\n"
                                  "  redis.call('HSET', KEYS[1], agent, 0)\n"
                                  "end\n"
                                  "return agent\n";

/* KEYS[1] load, KEYS[2] claims, KEYS[3] epoch; ARGV ticket, from, to, capacity. */
static const char MOVE_LUA[] =
    "if redis.call('EXISTS', KEYS[3]) == 0 then return -2 end\n"
    "if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return -1 end\n"
    "local load = tonumber(redis.call('HGET', KEYS[1], ARGV[3]) or '0')\n"
    "if load >= tonumber(ARGV[4]) then return 0 end\n"
    "if redis.call('HINCRBY', KEYS[1], ARGV[2], -1) < 0 then redis.call('HSET', KEYS[1], "
    "ARGV[2], 0) end\n"
    "redis.call('HINCRBY', KEYS[1], ARGV[3], 1)\n"
    "redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])\n"
    "return 1\n";

/* KEYS[1] the area's window (sorted set customer -> last report ms), KEYS[2] the area's open
 * incident ("incident_id|first_ticket|last_report_ms"); ARGV customer, ticket, now_ms, window_s,
 * threshold, new incident id. Returns {incident_id or "", opened, customers}. An incident stays
 * open while reports keep coming within the window (by the reports' own times). */
static const char OUTAGE_LUA[] =
    "local now = tonumber(ARGV[3])\n"
    "local window_ms = tonumber(ARGV[4]) * 1000\n"
    "redis.call('ZADD', KEYS[1], now, ARGV[1])\n"
    "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window_ms)\n"
    "redis.call('PEXPIRE', KEYS[1], window_ms)\n"
    "local count = redis.call('ZCARD', KEYS[1])\n"
    "local open = redis.call('GET', KEYS[2])\n"
    "if open then\n"
    "  local a = string.find(open, '|', 1, true)\n"
    "  local b = string.find(open, '|', a + 1, true)\n"
    "  local id = string.sub(open, 1, a - 1)\n"
    "  local first = string.sub(open, a + 1, b - 1)\n"
    "  local last = tonumber(string.sub(open, b + 1))\n"
    "  if first == ARGV[2] then return {id, 1, count} end\n"
    "  if now - last <= window_ms then\n"
    "    if now > last then last = now end\n"
    "    redis.call('SET', KEYS[2], id .. '|' .. first .. '|' .. last, 'PX', window_ms)\n"
    "    return {id, 0, count}\n"
    "  end\n"
    "  redis.call('DEL', KEYS[2])\n"
    "end\n"
    "if count >= tonumber(ARGV[5]) then\n"
    "  redis.call('SET', KEYS[2], ARGV[6] .. '|' .. ARGV[2] .. '|' .. ARGV[3], 'PX', window_ms)\n"
    "  return {ARGV[6], 1, count}\n"
    "end\n"
    "return {'', 0, count}\n";

/* KEYS[1] deadlines; ARGV now_ms, max. Pops the due members. */
static const char DEADLINES_LUA[] =
    "local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])\n"
    "if #due > 0 then redis.call('ZREM', KEYS[1], unpack(due)) end\n"
    "return due\n";

void load_rt_count(load_conn *conn)
{
    atomic_fetch_add_explicit(&conn->round_trips, 1, memory_order_relaxed);
}

void load_conn_drop(load_conn *conn)
{
    if (conn->redis) {
        snprintf(conn->last_error, sizeof(conn->last_error), "%s",
                 conn->redis->errstr[0] ? conn->redis->errstr : "connection lost");
        redisFree(conn->redis);
    }
    conn->redis = NULL;
    conn->claim_first_sha[0] = '\0';
}

int load_script_load(redisContext *redis, const char *lua, char sha[41], char *err, size_t errlen)
{
    redisReply *reply = redisCommand(redis, "SCRIPT LOAD %s", lua);
    int rc = TR_EIO;
    if (!reply)
        snprintf(err, errlen, "redis: %s", redis->errstr);
    else if (reply->type != REDIS_REPLY_STRING || reply->len != 40)
        snprintf(err, errlen, "redis: SCRIPT LOAD failed: %s",
                 reply->type == REDIS_REPLY_ERROR ? reply->str : "unexpected reply");
    else {
        memcpy(sha, reply->str, 40);
        sha[40] = '\0';
        rc = 0;
    }
    freeReplyObject(reply);
    return rc;
}

static int simple_ok(redisContext *redis, redisReply *reply, const char *what, char *err,
                     size_t errlen)
{
    int rc = 0;
    if (!reply) {
        snprintf(err, errlen, "redis %s: %s", what, redis->errstr);
        rc = TR_EIO;
    } else if (reply->type == REDIS_REPLY_ERROR) {
        snprintf(err, errlen, "redis %s: %s", what, reply->str);
        rc = TR_EIO;
    }
    freeReplyObject(reply);
    return rc;
}

int load_conn_ensure(load_conn *conn, char *err, size_t errlen)
{
    if (conn->redis)
        return 0;
    struct timeval tv = {.tv_sec = conn->timeout_ms / 1000,
                         .tv_usec = (conn->timeout_ms % 1000) * 1000};
    redisContext *redis = redisConnectWithTimeout(conn->host, conn->port, tv);
    if (!redis || redis->err) {
        snprintf(err, errlen, "redis %s:%d: %s", conn->host, conn->port,
                 redis ? redis->errstr : "out of memory");
        if (redis)
            redisFree(redis);
        snprintf(conn->last_error, sizeof(conn->last_error), "%s", err);
        return TR_EIO;
    }
    redisSetTimeout(redis, tv);
    int rc = 0;
    if (conn->password && conn->password[0])
        rc = simple_ok(redis, redisCommand(redis, "AUTH %s", conn->password), "AUTH", err, errlen);
    if (rc == 0 && conn->db)
        rc = simple_ok(redis, redisCommand(redis, "SELECT %d", conn->db), "SELECT", err, errlen);
    if (rc == 0)
        rc = load_script_load(redis, CLAIM_LUA, conn->claim_sha, err, errlen);
    if (rc == 0)
        rc = load_script_load(redis, RELEASE_LUA, conn->release_sha, err, errlen);
    if (rc != 0) {
        redisFree(redis);
        snprintf(conn->last_error, sizeof(conn->last_error), "%s", err);
        return rc;
    }
    conn->redis = redis;
    return 0;
}

load_conn *load_conn_new(const struct load_options *opts, char *err, size_t errlen)
{
    load_conn *conn = calloc(1, sizeof(*conn));
    if (!conn || !(conn->host = strdup(opts->host)) ||
        !(conn->password = strdup(opts->password ? opts->password : ""))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    conn->port = opts->port;
    conn->db = opts->db;
    conn->timeout_ms = opts->timeout_ms > 0 ? opts->timeout_ms : 2000;
    const char *prefix = opts->prefix ? opts->prefix : "tr:";
    tr_strlcpy(conn->prefix, prefix, sizeof(conn->prefix));
    snprintf(conn->load_key, sizeof(conn->load_key), "%sload", prefix);
    snprintf(conn->claims_key, sizeof(conn->claims_key), "%sclaims", prefix);
    snprintf(conn->presence_key, sizeof(conn->presence_key), "%spresence", prefix);
    snprintf(conn->deadlines_key, sizeof(conn->deadlines_key), "%sdeadlines", prefix);
    snprintf(conn->epoch_key, sizeof(conn->epoch_key), "%sepoch", prefix);
    snprintf(conn->lock_key, sizeof(conn->lock_key), "%srebuild-lock", prefix);
    if (load_conn_ensure(conn, err, errlen) != 0)
        goto fail;
    return conn;
fail:
    load_conn_free(conn);
    return NULL;
}

void load_conn_free(load_conn *conn)
{
    if (!conn)
        return;
    load_conn_drop(conn);
    free(conn->host);
    free(conn->password);
    free(conn);
}

/* Run a loaded script; on NOSCRIPT (Redis restarted and lost it) load it again once. */
static redisReply *script_run(load_conn *conn, char *sha, const char *lua, const char *ticket_id,
                              const char *agent_id, const char *capacity)
{
    char err[256];
    if (load_conn_ensure(conn, err, sizeof(err)) != 0)
        return NULL;
    for (int attempt = 0; attempt < 2; attempt++) {
        redisReply *reply;
        load_rt_count(conn);
        if (agent_id)
            reply = redisCommand(conn->redis, "EVALSHA %s 3 %s %s %s %s %s %s", sha, conn->load_key,
                                 conn->claims_key, conn->epoch_key, ticket_id, agent_id, capacity);
        else
            reply = redisCommand(conn->redis, "EVALSHA %s 2 %s %s %s", sha, conn->load_key,
                                 conn->claims_key, ticket_id);
        if (!reply) {
            load_conn_drop(conn);
            return NULL;
        }
        if (reply->type == REDIS_REPLY_ERROR && strncmp(reply->str, "NOSCRIPT", 8) == 0 &&
            attempt == 0) {
            freeReplyObject(reply);
            if (load_script_load(conn->redis, lua, sha, err, sizeof(err)) != 0) {
                load_conn_drop(conn);
                return NULL;
            }
            continue;
        }
        return reply;
    }
    return NULL;
}

int load_claim(load_conn *conn, const char *ticket_id, const char *agent_id, int capacity,
               char *claimed_by)
{
    char cap[16];
    snprintf(cap, sizeof(cap), "%d", capacity);
    redisReply *reply = script_run(conn, conn->claim_sha, CLAIM_LUA, ticket_id, agent_id, cap);
    if (!reply)
        return TR_EIO;
    int rc = TR_EIO;
    if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 2 &&
        reply->element[0]->type == REDIS_REPLY_INTEGER &&
        reply->element[1]->type == REDIS_REPLY_STRING) {
        long long status = reply->element[0]->integer;
        if (status < 0) {
            rc = TR_EIO; /* Redis lost its data: rebuild first */
        } else if (status == 0) {
            rc = TR_EFULL;
        } else {
            rc = 0;
            if (claimed_by)
                tr_strlcpy(claimed_by, status == 1 ? reply->element[1]->str : agent_id, TR_ID_MAX);
        }
    }
    freeReplyObject(reply);
    return rc;
}

int load_release(load_conn *conn, const char *ticket_id, char *agent_out)
{
    redisReply *reply = script_run(conn, conn->release_sha, RELEASE_LUA, ticket_id, NULL, NULL);
    if (!reply)
        return TR_EIO;
    int rc = TR_EIO;
    if (reply->type == REDIS_REPLY_NIL) {
        rc = TR_ENOTFOUND;
    } else if (reply->type == REDIS_REPLY_STRING) {
        rc = 0;
        if (agent_out)
            tr_strlcpy(agent_out, reply->str, TR_ID_MAX);
    }
    freeReplyObject(reply);
    return rc;
}

int load_claim_get(load_conn *conn, const char *ticket_id, char *agent_out)
{
    char err[256];
    if (load_conn_ensure(conn, err, sizeof(err)) != 0)
        return TR_EIO;
    load_rt_count(conn);
    redisReply *reply = redisCommand(conn->redis, "HGET %s %s", conn->claims_key, ticket_id);
    if (!reply) {
        load_conn_drop(conn);
        return TR_EIO;
    }
    int rc = TR_EIO;
    if (reply->type == REDIS_REPLY_NIL)
        rc = TR_ENOTFOUND;
    else if (reply->type == REDIS_REPLY_STRING) {
        rc = 0;
        if (agent_out)
            tr_strlcpy(agent_out, reply->str, TR_ID_MAX);
    }
    freeReplyObject(reply);
    return rc;
}

int load_ping(load_conn *conn)
{
    char err[256];
    if (load_conn_ensure(conn, err, sizeof(err)) != 0)
        return TR_EIO;
    load_rt_count(conn);
    redisReply *reply = redisCommand(conn->redis, "PING");
    if (!reply) {
        load_conn_drop(conn);
        return TR_EIO;
    }
    int rc = reply->type == REDIS_REPLY_STATUS ? 0 : TR_EIO;
    freeReplyObject(reply);
    return rc;
}

/* EVAL with the script text: these run rarely enough that a cached SHA is not worth the state. */
static redisReply *eval_argv(load_conn *conn, const char *lua, int n_keys, const char **args,
                             size_t n_args)
{
    char err[256];
    if (load_conn_ensure(conn, err, sizeof(err)) != 0)
        return NULL;
    const char *argv[16];
    char nk[8];
    snprintf(nk, sizeof(nk), "%d", n_keys);
    size_t argc = 0;
    argv[argc++] = "EVAL";
    argv[argc++] = lua;
    argv[argc++] = nk;
    for (size_t i = 0; i < n_args && argc < 16; i++)
        argv[argc++] = args[i];
    load_rt_count(conn);
    redisReply *reply = redisCommandArgv(conn->redis, (int)argc, argv, NULL);
    if (!reply)
        load_conn_drop(conn);
    return reply;
}

int load_agents_get(load_conn *conn, const char *const *agent_ids, size_t n, int *loads,
                    enum presence *presence)
{
    if (n == 0)
        return 0;
    char err[256];
    if (load_conn_ensure(conn, err, sizeof(err)) != 0)
        return TR_EIO;
    const char **argv = malloc((n + 2) * sizeof(*argv));
    if (!argv)
        return TR_ENOMEM;
    argv[0] = "HMGET";
    for (size_t i = 0; i < n; i++)
        argv[i + 2] = agent_ids[i];
    /* Two commands, one round trip. */
    argv[1] = conn->load_key;
    redisAppendCommandArgv(conn->redis, (int)n + 2, argv, NULL);
    argv[1] = conn->presence_key;
    redisAppendCommandArgv(conn->redis, (int)n + 2, argv, NULL);
    free(argv);
    load_rt_count(conn);
    redisReply *replies[2] = {NULL, NULL};
    int rc = 0;
    for (int r = 0; r < 2; r++) {
        void *reply = NULL;
        if (redisGetReply(conn->redis, &reply) != REDIS_OK) {
            load_conn_drop(conn);
            rc = TR_EIO;
            break;
        }
        replies[r] = reply;
    }
    if (rc == 0) {
        for (int r = 0; r < 2; r++)
            if (replies[r]->type != REDIS_REPLY_ARRAY || replies[r]->elements != n)
                rc = TR_EIO;
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        redisReply *l = replies[0]->element[i], *p = replies[1]->element[i];
        loads[i] = l->type == REDIS_REPLY_STRING ? atoi(l->str) : 0;
        if (loads[i] < 0)
            loads[i] = 0;
        presence[i] = p->type == REDIS_REPLY_STRING ? presence_parse(p->str) : PRESENCE_UNKNOWN;
    }
    freeReplyObject(replies[0]);
    freeReplyObject(replies[1]);
    return rc;
}

int load_presence_set(load_conn *conn, const char *agent_id, enum presence presence)
{
    char err[256];
    if (load_conn_ensure(conn, err, sizeof(err)) != 0)
        return TR_EIO;
    load_rt_count(conn);
    redisReply *reply = redisCommand(conn->redis, "HSET %s %s %s", conn->presence_key, agent_id,
                                     presence_name(presence));
    if (!reply) {
        load_conn_drop(conn);
        return TR_EIO;
    }
    int rc = reply->type == REDIS_REPLY_INTEGER ? 0 : TR_EIO;
    freeReplyObject(reply);
    return rc;
}

int load_claim_move(load_conn *conn, const char *ticket_id, const char *from, const char *to,
                    int capacity)
{
    char cap[16];
    snprintf(cap, sizeof(cap), "%d", capacity);
    const char *args[] = {
        conn->load_key, conn->claims_key, conn->epoch_key, ticket_id, from, to, cap};
    redisReply *reply = eval_argv(conn, MOVE_LUA, 3, args, 7);
    if (!reply)
        return TR_EIO;
    int rc = TR_EIO;
    if (reply->type == REDIS_REPLY_INTEGER && reply->integer != -2)
        rc = reply->integer == 1 ? 0 : reply->integer == 0 ? TR_EFULL : TR_ECONFLICT;
    freeReplyObject(reply);
    return rc;
}

int load_outage_report(load_conn *conn, const char *area, const char *customer_id,
                       const char *ticket_id, int64_t now_ms, int window_s, int threshold,
                       struct load_outage *out)
{
    char window_key[256], incident_key[256], now[24], window[16], thr[16], new_id[TR_ID_MAX];
    snprintf(window_key, sizeof(window_key), "%soutage:%s:reports", conn->prefix, area);
    snprintf(incident_key, sizeof(incident_key), "%soutage:%s:incident", conn->prefix, area);
    snprintf(now, sizeof(now), "%lld", (long long)now_ms);
    snprintf(window, sizeof(window), "%d", window_s);
    snprintf(thr, sizeof(thr), "%d", threshold);
    snprintf(new_id, sizeof(new_id), "inc-%.40s-%lld", area, (long long)now_ms);
    const char *args[] = {window_key, incident_key, customer_id, ticket_id,
                          now,        window,       thr,         new_id};
    redisReply *reply = eval_argv(conn, OUTAGE_LUA, 2, args, 8);
    if (!reply)
        return TR_EIO;
    int rc = TR_EIO;
    if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 3 &&
        reply->element[0]->type == REDIS_REPLY_STRING &&
        reply->element[1]->type == REDIS_REPLY_INTEGER &&
        reply->element[2]->type == REDIS_REPLY_INTEGER) {
        memset(out, 0, sizeof(*out));
        tr_strlcpy(out->incident_id, reply->element[0]->str, sizeof(out->incident_id));
        out->opened = (int)reply->element[1]->integer;
        out->customers = (int)reply->element[2]->integer;
        rc = 0;
    }
    freeReplyObject(reply);
    return rc;
}

static int simple_command(load_conn *conn, const char *fmt, const char *key, const char *a,
                          const char *b)
{
    char err[256];
    if (load_conn_ensure(conn, err, sizeof(err)) != 0)
        return TR_EIO;
    load_rt_count(conn);
    redisReply *reply =
        b ? redisCommand(conn->redis, fmt, key, a, b) : redisCommand(conn->redis, fmt, key, a);
    if (!reply) {
        load_conn_drop(conn);
        return TR_EIO;
    }
    int rc = reply->type == REDIS_REPLY_ERROR ? TR_EIO : 0;
    freeReplyObject(reply);
    return rc;
}

int load_deadline_set(load_conn *conn, const char *ticket_id, int64_t due_ms)
{
    char score[24];
    snprintf(score, sizeof(score), "%lld", (long long)due_ms);
    return simple_command(conn, "ZADD %s %s %s", conn->deadlines_key, score, ticket_id);
}

int load_deadline_clear(load_conn *conn, const char *ticket_id)
{
    return simple_command(conn, "ZREM %s %s", conn->deadlines_key, ticket_id, NULL);
}

int load_deadlines_take(load_conn *conn, int64_t now_ms, size_t max, char (*ids)[TR_ID_MAX])
{
    char now[24], limit[16];
    snprintf(now, sizeof(now), "%lld", (long long)now_ms);
    snprintf(limit, sizeof(limit), "%zu", max);
    const char *args[] = {conn->deadlines_key, now, limit};
    redisReply *reply = eval_argv(conn, DEADLINES_LUA, 1, args, 3);
    if (!reply)
        return TR_EIO;
    int n = TR_EIO;
    if (reply->type == REDIS_REPLY_ARRAY) {
        n = 0;
        for (size_t i = 0; i < reply->elements && (size_t)n < max; i++)
            if (reply->element[i]->type == REDIS_REPLY_STRING)
                tr_strlcpy(ids[n++], reply->element[i]->str, TR_ID_MAX);
    }
    freeReplyObject(reply);
    return n;
}

int load_epoch_present(load_conn *conn)
{
    char err[256];
    if (load_conn_ensure(conn, err, sizeof(err)) != 0)
        return TR_EIO;
    load_rt_count(conn);
    redisReply *reply = redisCommand(conn->redis, "EXISTS %s", conn->epoch_key);
    if (!reply) {
        load_conn_drop(conn);
        return TR_EIO;
    }
    int rc = reply->type == REDIS_REPLY_INTEGER ? (reply->integer ? 1 : 0) : TR_EIO;
    freeReplyObject(reply);
    return rc;
}

int load_rebuild_lock(load_conn *conn, int ttl_ms)
{
    char err[256];
    if (load_conn_ensure(conn, err, sizeof(err)) != 0)
        return TR_EIO;
    load_rt_count(conn);
    redisReply *reply = redisCommand(conn->redis, "SET %s 1 NX PX %d", conn->lock_key, ttl_ms);
    if (!reply) {
        load_conn_drop(conn);
        return TR_EIO;
    }
    int rc = reply->type == REDIS_REPLY_STATUS ? 1 : reply->type == REDIS_REPLY_NIL ? 0 : TR_EIO;
    freeReplyObject(reply);
    return rc;
}

int load_rebuild_unlock(load_conn *conn)
{
    return simple_command(conn, "DEL %s", conn->lock_key, NULL, NULL);
}

int load_rebuild(load_conn *conn, const char *const *ticket_ids, const char *const *agent_ids,
                 size_t n)
{
    char err[256];
    if (load_conn_ensure(conn, err, sizeof(err)) != 0)
        return TR_EIO;
    /* MULTI .. EXEC pipelined: one round trip, applied at once. */
    redisAppendCommand(conn->redis, "MULTI");
    redisAppendCommand(conn->redis, "DEL %s %s", conn->load_key, conn->claims_key);
    for (size_t i = 0; i < n; i++) {
        redisAppendCommand(conn->redis, "HSET %s %s %s", conn->claims_key, ticket_ids[i],
                           agent_ids[i]);
        redisAppendCommand(conn->redis, "HINCRBY %s %s 1", conn->load_key, agent_ids[i]);
    }
    redisAppendCommand(conn->redis, "SET %s %lld", conn->epoch_key, (long long)tr_now_unix_ms());
    redisAppendCommand(conn->redis, "EXEC");
    redisAppendCommand(conn->redis, "DEL %s", conn->lock_key);
    load_rt_count(conn);
    /* Replies: MULTI, DEL, 2 per claim, SET, EXEC (the array), DEL of the lock. */
    int rc = 0;
    size_t replies = 2 * n + 5;
    for (size_t i = 0; i < replies; i++) {
        void *reply = NULL;
        if (redisGetReply(conn->redis, &reply) != REDIS_OK) {
            load_conn_drop(conn);
            return TR_EIO;
        }
        redisReply *r = reply;
        if (r->type == REDIS_REPLY_ERROR || (i == replies - 2 && r->type != REDIS_REPLY_ARRAY))
            rc = TR_EIO;
        freeReplyObject(reply);
    }
    return rc;
}

const char *load_last_error(load_conn *conn)
{
    return conn->last_error[0] ? conn->last_error : "no answer";
}

uint64_t load_round_trips(load_conn *conn)
{
    return atomic_load_explicit(&conn->round_trips, memory_order_relaxed);
}
