#include "load/load.h"

#include <hiredis/hiredis.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/domain.h"

/* KEYS[1] load hash, KEYS[2] claims hash; ARGV ticket, agent, capacity.
 * Returns {1, holder} when already claimed, {0, load} when full, {2, new load} when claimed. */
static const char CLAIM_LUA[] =
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

struct load_conn {
    redisContext *redis;
    char *host;
    char *password;
    int port, db, timeout_ms;
    char load_key[128];
    char claims_key[128];
    char claim_sha[41];
    char release_sha[41];
};

static void conn_drop(load_conn *conn)
{
    if (conn->redis)
        redisFree(conn->redis);
    conn->redis = NULL;
}

static int script_load(redisContext *redis, const char *lua, char sha[41], char *err, size_t errlen)
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

static int conn_ensure(load_conn *conn, char *err, size_t errlen)
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
        return TR_EIO;
    }
    redisSetTimeout(redis, tv);
    int rc = 0;
    if (conn->password && conn->password[0])
        rc = simple_ok(redis, redisCommand(redis, "AUTH %s", conn->password), "AUTH", err, errlen);
    if (rc == 0 && conn->db)
        rc = simple_ok(redis, redisCommand(redis, "SELECT %d", conn->db), "SELECT", err, errlen);
    if (rc == 0)
        rc = script_load(redis, CLAIM_LUA, conn->claim_sha, err, errlen);
    if (rc == 0)
        rc = script_load(redis, RELEASE_LUA, conn->release_sha, err, errlen);
    if (rc != 0) {
        redisFree(redis);
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
    snprintf(conn->load_key, sizeof(conn->load_key), "%sload", prefix);
    snprintf(conn->claims_key, sizeof(conn->claims_key), "%sclaims", prefix);
    if (conn_ensure(conn, err, errlen) != 0)
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
    conn_drop(conn);
    free(conn->host);
    free(conn->password);
    free(conn);
}

/* Run a loaded script; on NOSCRIPT (Redis restarted and lost it) load it again once. */
static redisReply *script_run(load_conn *conn, char *sha, const char *lua, const char *ticket_id,
                              const char *agent_id, const char *capacity)
{
    char err[256];
    if (conn_ensure(conn, err, sizeof(err)) != 0)
        return NULL;
    for (int attempt = 0; attempt < 2; attempt++) {
        redisReply *reply;
        if (agent_id)
            reply = redisCommand(conn->redis, "EVALSHA %s 2 %s %s %s %s %s", sha, conn->load_key,
                                 conn->claims_key, ticket_id, agent_id, capacity);
        else
            reply = redisCommand(conn->redis, "EVALSHA %s 2 %s %s %s", sha, conn->load_key,
                                 conn->claims_key, ticket_id);
        if (!reply) {
            conn_drop(conn);
            return NULL;
        }
        if (reply->type == REDIS_REPLY_ERROR && strncmp(reply->str, "NOSCRIPT", 8) == 0 &&
            attempt == 0) {
            freeReplyObject(reply);
            if (script_load(conn->redis, lua, sha, err, sizeof(err)) != 0) {
                conn_drop(conn);
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
        if (status == 0) {
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

int load_get(load_conn *conn, const char *const *agent_ids, size_t n, int *loads)
{
    if (n == 0)
        return 0;
    char err[256];
    if (conn_ensure(conn, err, sizeof(err)) != 0)
        return TR_EIO;
    size_t argc = n + 2;
    const char **argv = malloc(argc * sizeof(*argv));
    if (!argv)
        return TR_ENOMEM;
    argv[0] = "HMGET";
    argv[1] = conn->load_key;
    for (size_t i = 0; i < n; i++)
        argv[i + 2] = agent_ids[i];
    redisReply *reply = redisCommandArgv(conn->redis, (int)argc, argv, NULL);
    free(argv);
    if (!reply) {
        conn_drop(conn);
        return TR_EIO;
    }
    int rc = TR_EIO;
    if (reply->type == REDIS_REPLY_ARRAY && reply->elements == n) {
        for (size_t i = 0; i < n; i++) {
            redisReply *e = reply->element[i];
            loads[i] = e->type == REDIS_REPLY_STRING ? atoi(e->str) : 0;
            if (loads[i] < 0)
                loads[i] = 0;
        }
        rc = 0;
    }
    freeReplyObject(reply);
    return rc;
}

int load_claim_get(load_conn *conn, const char *ticket_id, char *agent_out)
{
    char err[256];
    if (conn_ensure(conn, err, sizeof(err)) != 0)
        return TR_EIO;
    redisReply *reply = redisCommand(conn->redis, "HGET %s %s", conn->claims_key, ticket_id);
    if (!reply) {
        conn_drop(conn);
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
    if (conn_ensure(conn, err, sizeof(err)) != 0)
        return TR_EIO;
    redisReply *reply = redisCommand(conn->redis, "PING");
    if (!reply) {
        conn_drop(conn);
        return TR_EIO;
    }
    int rc = reply->type == REDIS_REPLY_STATUS ? 0 : TR_EIO;
    freeReplyObject(reply);
    return rc;
}
