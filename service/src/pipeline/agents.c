/* The agents' load and presence, one copy per process: read from Redis in one round trip by a
 * thread of its own every half of cache.agent_load_ms (a batch reads it itself only when it is
 * older than that: the thread is late, or a presence event dropped it), kept current with this
 * process's own claims and releases. Ranking reads it; capacity is checked again by the claim
 * script, so a stale figure can only make a worse choice, never an over-full agent. */
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

int agent_snapshot_init(struct agent_snapshot *s, int64_t ttl_ms)
{
    memset(s, 0, sizeof(*s));
    if (pthread_mutex_init(&s->lock, NULL) != 0)
        return TR_ENOMEM;
    s->ttl_us = ttl_ms * 1000;
    s->ready = true;
    return 0;
}

void agent_snapshot_destroy(struct agent_snapshot *s)
{
    if (!s->ready)
        return;
    pthread_mutex_destroy(&s->lock);
    free(s->loads);
    free(s->presence);
    s->ready = false;
}

static bool same_context(const struct agent_snapshot *s, const struct route_context *ctx)
{
    return s->ctx == ctx && s->ctx_loaded_at_ms == ctx->loaded_at_ms && s->n == ctx->n_agents;
}

/* Copy the snapshot out when it is fresh and of ctx: true. Caller holds the lock. */
static bool snapshot_copy(const struct agent_snapshot *s, const struct route_context *ctx,
                          int64_t now_us, int *loads, enum presence *presence)
{
    if (!s->loads || !same_context(s, ctx) || s->ttl_us == 0 || now_us - s->fetched_us >= s->ttl_us)
        return false;
    memcpy(loads, s->loads, s->n * sizeof(*loads));
    memcpy(presence, s->presence, s->n * sizeof(*presence));
    return true;
}

/* Keep what was just read for the other workers. Caller holds the lock. */
static void snapshot_install(struct agent_snapshot *s, const struct route_context *ctx,
                             int64_t fetched_us, uint64_t gen, const int *loads,
                             const enum presence *presence)
{
    if (gen != s->gen)
        return; /* invalidated while reading: what was read may predate the change */
    size_t n = ctx->n_agents;
    if (!same_context(s, ctx)) {
        int *l = realloc(s->loads, (n + 1) * sizeof(*l));
        if (l)
            s->loads = l;
        enum presence *pr = realloc(s->presence, (n + 1) * sizeof(*pr));
        if (pr)
            s->presence = pr;
        if (!l || !pr) {
            s->ctx = NULL;
            return;
        }
    }
    memcpy(s->loads, loads, n * sizeof(*loads));
    memcpy(s->presence, presence, n * sizeof(*presence));
    s->n = n;
    s->ctx = ctx;
    s->ctx_loaded_at_ms = ctx->loaded_at_ms;
    s->fetched_us = fetched_us;
}

/* Read ctx's agents into loads/presence and keep them for the other workers. */
static int snapshot_read(struct agent_snapshot *s, load_conn *redis,
                         const struct route_context *ctx, uint64_t gen, int *loads,
                         enum presence *presence)
{
    size_t n = ctx->n_agents;
    int64_t now_us = tr_mono_us();
    const char **ids = calloc(n + 1, sizeof(*ids));
    if (!ids)
        return TR_ENOMEM;
    for (size_t i = 0; i < n; i++)
        ids[i] = ctx->agents[i].agent_id;
    int rc = load_agents_get(redis, ids, n, loads, presence);
    free(ids);
    if (rc != 0)
        return rc;
    pthread_mutex_lock(&s->lock);
    snapshot_install(s, ctx, now_us, gen, loads, presence);
    pthread_mutex_unlock(&s->lock);
    return 0;
}

int agent_snapshot_get(struct agent_snapshot *s, load_conn *redis, const struct route_context *ctx,
                       int *loads, enum presence *presence)
{
    if (ctx->n_agents == 0)
        return 0;
    int64_t now_us = tr_mono_us();
    pthread_mutex_lock(&s->lock);
    bool fresh = snapshot_copy(s, ctx, now_us, loads, presence);
    uint64_t gen = s->gen;
    pthread_mutex_unlock(&s->lock);
    return fresh ? 0 : snapshot_read(s, redis, ctx, gen, loads, presence);
}

void *agent_refresher_main(void *arg)
{
    pipeline *p = arg;
    struct agent_snapshot *s = &p->agents;
    int *loads = NULL;
    enum presence *presence = NULL;
    size_t cap = 0;
    int64_t sleep_ms = s->ttl_us / 2000 > 10 ? s->ttl_us / 2000 : 10;
    while (!atomic_load(&p->stopping)) {
        struct context_ref *ref = context_acquire(&p->context);
        size_t n = ref->ctx->n_agents;
        if (n + 1 > cap) {
            free(loads);
            free(presence);
            cap = n + 1;
            loads = calloc(cap, sizeof(*loads));
            presence = calloc(cap, sizeof(*presence));
        }
        pthread_mutex_lock(&s->lock);
        uint64_t gen = s->gen;
        pthread_mutex_unlock(&s->lock);
        if (loads && presence && n &&
            snapshot_read(s, p->agents_state.redis, ref->ctx, gen, loads, presence) != 0)
            log_debug("agent load not refreshed err=%s", load_last_error(p->agents_state.redis));
        context_release(&p->context, ref);
        if (!loads || !presence)
            cap = 0; /* out of memory: try again next round */
        for (int64_t t = 0; t < sleep_ms && !atomic_load(&p->stopping); t += 10)
            tr_sleep_ms(10);
    }
    free(loads);
    free(presence);
    return NULL;
}

/* Agent index of ctx: load + delta (never below zero) in the process's copy, when it is ctx's. */
static void snapshot_add(struct agent_snapshot *s, const struct route_context *ctx, size_t index,
                         int delta)
{
    pthread_mutex_lock(&s->lock);
    if (s->loads && same_context(s, ctx) && index < s->n) {
        s->loads[index] += delta;
        if (s->loads[index] < 0)
            s->loads[index] = 0;
    }
    pthread_mutex_unlock(&s->lock);
}

void agent_snapshot_claimed(struct agent_snapshot *s, const struct route_context *ctx, size_t index)
{
    snapshot_add(s, ctx, index, 1);
}

void agent_snapshot_adjust(struct agent_snapshot *s, const struct route_context *ctx,
                           const char *agent_id, int delta)
{
    for (size_t i = 0; i < ctx->n_agents; i++)
        if (strcmp(ctx->agents[i].agent_id, agent_id) == 0) {
            snapshot_add(s, ctx, i, delta);
            return;
        }
}

void agent_snapshot_invalidate(struct agent_snapshot *s)
{
    if (!s->ready)
        return;
    pthread_mutex_lock(&s->lock);
    s->gen++;
    s->fetched_us = 0;
    s->ctx = NULL;
    pthread_mutex_unlock(&s->lock);
}
