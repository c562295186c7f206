#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

#define CHECK_INTERVAL_US 1000000
#define REBUILD_LOCK_MS 30000

struct claims {
    size_t n, cap;
    char (*tickets)[TR_ID_MAX];
    char (*agents)[TR_ID_MAX];
    bool failed;
};

static void claim_add(void *arg, const char *ticket_id, const char *agent_id)
{
    struct claims *c = arg;
    if (c->failed)
        return;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        void *t = realloc(c->tickets, cap * TR_ID_MAX);
        if (t)
            c->tickets = t;
        void *a = realloc(c->agents, cap * TR_ID_MAX);
        if (a)
            c->agents = a;
        if (!t || !a) {
            c->failed = true;
            return;
        }
        c->cap = cap;
    }
    tr_strlcpy(c->tickets[c->n], ticket_id, TR_ID_MAX);
    tr_strlcpy(c->agents[c->n], agent_id, TR_ID_MAX);
    c->n++;
}

static int rebuild(pipeline *p, struct worker_state *ws)
{
    struct claims c = {0};
    const char **tickets = NULL, **agents = NULL;
    int rc = TR_EIO;
    int64_t start_us = tr_mono_us();
    int n = store_open_claims_each(ws->pg, claim_add, &c);
    if (n < 0 || c.failed)
        goto out;
    tickets = calloc(c.n + 1, sizeof(*tickets));
    agents = calloc(c.n + 1, sizeof(*agents));
    if (!tickets || !agents)
        goto out;
    for (size_t i = 0; i < c.n; i++) {
        tickets[i] = c.tickets[i];
        agents[i] = c.agents[i];
    }
    rc = load_rebuild(ws->redis, tickets, agents, c.n);
    if (rc == 0)
        agent_snapshot_invalidate(&p->agents);
    if (rc == 0)
        log_warn("redis had lost agent load and claims: rebuilt %zu open assignments from "
                 "postgres in %lld ms",
                 c.n, (long long)((tr_mono_us() - start_us) / 1000));
out:
    free(tickets);
    free(agents);
    free(c.tickets);
    free(c.agents);
    return rc;
}

int redis_ensure_whole(pipeline *p, struct worker_state *ws)
{
    if (p->mode != ROUTE_MODE_LIVE)
        return 0; /* shadow mode claims nothing */
    int64_t now = tr_mono_us();
    if (ws->redis_checked_us && now - ws->redis_checked_us < CHECK_INTERVAL_US)
        return 0;
    int present = load_epoch_present(ws->redis);
    if (present < 0)
        return TR_EIO;
    if (present == 0) {
        int lock = load_rebuild_lock(ws->redis, REBUILD_LOCK_MS);
        if (lock < 0)
            return TR_EIO;
        if (lock == 0) {
            /* Another worker or replica rebuilds: wait for it a little, then retry later. */
            for (int i = 0; i < 40 && present == 0; i++) {
                tr_sleep_ms(50);
                present = load_epoch_present(ws->redis);
            }
            if (present != 1) {
                worker_fail(ws, "redis_check",
                            "redis: load and claims are being rebuilt by another worker or "
                            "replica (waiting)");
                return TR_EIO;
            }
        } else if ((present = load_epoch_present(ws->redis)) == 1) {
            /* Rebuilt by another worker between our check and our lock: rebuilding again
             * would wipe the claims made since. */
            if (load_rebuild_unlock(ws->redis) != 0)
                return TR_EIO;
        } else if (present < 0) {
            return TR_EIO;
        } else if (rebuild(p, ws) != 0) {
            worker_fail(ws, "redis_check",
                        "rebuilding load and claims failed (postgres: %s; redis: %s)",
                        store_last_error(ws->pg), load_last_error(ws->redis));
            return TR_EIO;
        }
    }
    ws->redis_checked_us = now;
    return 0;
}
