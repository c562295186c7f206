/* A batch of tickets from one partition, in phases so that I/O is paid per batch, not per
 * ticket: decode every message (bad ones to the dead-letter topic), the customers from the
 * process-wide cache (misses with one statement), decide every ticket, claim their agents (one
 * Redis round trip), store the batch with one statement, and publish. A ticket decided before
 * (a replay, a duplicate) is found by that statement: its stored decision and escalations are
 * published again instead, and a claim this attempt made for it is withdrawn. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

struct replay_ctx {
    pipeline *p;
    const char *ticket_id; /* whose escalations */
    struct outbox *ob;
    int rc;
};

static void replay_escalation(void *arg, const char *escalation_id, const void *payload, size_t len)
{
    (void)escalation_id;
    struct replay_ctx *r = arg;
    void *copy = malloc(len ? len : 1);
    if (!copy) {
        r->rc = TR_ENOMEM;
        return;
    }
    memcpy(copy, payload, len);
    if (outbox_add(r->ob, r->p->cfg->topic_escalations, r->ticket_id, copy, len) != 0)
        r->rc = TR_ENOMEM;
}

/* A claim this attempt made for a ticket whose earlier decision stands: withdrawn, with the
 * deadline it set (the earlier decision's claim was released, or it had none). */
static int claim_withdraw(pipeline *p, struct worker_state *ws, const char *ticket_id)
{
    char agent[TR_ID_MAX];
    int rc = load_release(ws->redis, ticket_id, agent);
    if (rc == 0) {
        struct context_ref *ref = context_acquire(&p->context);
        agent_snapshot_adjust(&p->agents, ref->ctx, agent, -1);
        context_release(&p->context, ref);
    }
    if (rc == 0 || rc == TR_ENOTFOUND)
        rc = load_deadline_clear(ws->redis, ticket_id);
    if (rc != 0)
        worker_fail(ws, "claim_withdraw", "redis: %s", load_last_error(ws->redis));
    return rc ? TR_EIO : 0;
}

/* A ticket decided before (a replay after a crash or a rebalance, a duplicate event, or the same
 * ticket twice in the batch): withdraw what this batch would publish for it, and the claim this
 * attempt made, and publish the stored decision and escalations instead. */
static int decided_meanwhile(pipeline *p, struct worker_state *ws, struct outbox *ob,
                             const struct pending_decision *row)
{
    const char *ticket_id = row->decision.ticket_id;
    if (row->claimed_new && claim_withdraw(p, ws, ticket_id) != 0)
        return TR_EIO;
    void *payload = NULL;
    size_t len = 0;
    int rc = store_decision_get(ws->pg, ticket_id, &payload, &len);
    if (rc != 0) {
        worker_fail(ws, "idempotency", "postgres: %s", store_last_error(ws->pg));
        return TR_EIO;
    }
    struct outbox_item *item = &ob->items[row->ob_index];
    free(item->payload);
    item->payload = payload;
    item->len = len;
    item->created_at_ms = 0;
    for (size_t i = 0; i < ws->pending->m; i++)
        if (strcmp(ws->pending->e[i].esc.ticket_id, ticket_id) == 0)
            ob->items[ws->pending->e[i].ob_index].topic = NULL;
    atomic_fetch_add_explicit(&p->stats.replays, 1, memory_order_relaxed);
    log_info("ticket already decided, republishing ticket=%s", ticket_id);
    struct replay_ctx r = {.p = p, .ticket_id = ticket_id, .ob = ob};
    if (store_escalations_each(ws->pg, ticket_id, replay_escalation, &r) != 0) {
        worker_fail(ws, "idempotency", "postgres: %s", store_last_error(ws->pg));
        return TR_EIO;
    }
    return r.rc;
}

static void escalations_counted(pipeline *p, const struct pending *pd, const char *ticket_id)
{
    for (size_t i = 0; i < pd->m; i++) {
        const struct escalation *e = &pd->e[i].esc;
        if (strcmp(e->ticket_id, ticket_id) != 0)
            continue;
        atomic_fetch_add_explicit(&p->stats.escalations, 1, memory_order_relaxed);
        metrics_add(p->metrics.escalations,
                    (const char *[]){escalation_kind_name(e->kind), severity_name(e->severity)}, 1);
        log_info("escalation ticket=%s kind=%s severity=%s id=%s", e->ticket_id,
                 escalation_kind_name(e->kind), severity_name(e->severity), e->escalation_id);
    }
}

/* Every decision and escalation of the batch, and the commit, in one round trip; in shadow mode
 * the comparisons with manual assignments come before the commit. */
static int batch_write(pipeline *p, struct worker_state *ws, struct outbox *ob)
{
    struct pending *pd = ws->pending;
    struct store_decision_row *rows = calloc(pd->n + 1, sizeof(*rows));
    struct store_escalation_row *escs = calloc(pd->m + 1, sizeof(*escs));
    int rc = rows && escs ? 0 : TR_ENOMEM;
    for (size_t i = 0; rc == 0 && i < pd->n; i++) {
        const struct outbox_item *item = &ob->items[pd->d[i].ob_index];
        rows[i] = (struct store_decision_row){
            .decision = &pd->d[i].decision,
            .ticket_created_at_ms = pd->d[i].ticket_created_at_ms,
            .payload = item->payload,
            .len = item->len,
            .text = pd->d[i].text,
        };
    }
    for (size_t i = 0; rc == 0 && i < pd->m; i++) {
        const struct outbox_item *item = &ob->items[pd->e[i].ob_index];
        escs[i] = (struct store_escalation_row){.esc = &pd->e[i].esc,
                                                .decision_id =
                                                    pd->d[pd->e[i].decision].decision.decision_id,
                                                .payload = item->payload,
                                                .len = item->len};
    }
    bool shadow = p->mode == ROUTE_MODE_SHADOW;
    if (rc == 0 && (rc = store_batch_write(ws->pg, rows, pd->n, escs, pd->m, !shadow)) != 0)
        worker_fail(ws, "persist", "postgres: %s", store_last_error(ws->pg));
    for (size_t i = 0; rc == 0 && shadow && i < pd->n; i++) {
        /* The manual assignment may have come first. */
        struct shadow_comparison cmp;
        if (rows[i].result == 0 &&
            (rc = store_shadow_compare(ws->pg, pd->d[i].decision.ticket_id, &cmp)) != 0)
            worker_fail(ws, "shadow_compare", "postgres: %s", store_last_error(ws->pg));
        else if (rows[i].result == 0)
            shadow_counted(p, &cmp);
    }
    if (rc == 0 && shadow && (rc = store_commit(ws->pg)) != 0)
        worker_fail(ws, "commit", "postgres: %s", store_last_error(ws->pg));
    else if (rc != 0 && shadow && ws->pg)
        store_rollback(ws->pg);
    for (size_t i = 0; rc == 0 && i < pd->n; i++) {
        if (rows[i].result == TR_ECONFLICT) {
            rc = decided_meanwhile(p, ws, ob, &pd->d[i]);
            continue;
        }
        decision_counted(p, &pd->d[i].decision, pd->d[i].n_escalations);
        if (pd->d[i].n_escalations)
            escalations_counted(p, pd, pd->d[i].decision.ticket_id);
    }
    free(rows);
    free(escs);
    return rc;
}

/* Decode every message; dead-letter the bad ones. */
static int batch_decode(pipeline *p, struct worker_state *ws, struct batch_item *items, size_t n,
                        struct kafka_delivery *d)
{
    char err[512];
    for (size_t i = 0; i < n; i++) {
        struct batch_item *it = &items[i];
        it->start_us = tr_mono_us();
        int rc = codec_ticket_decode(ws->codec, it->msg->payload, it->msg->len, &it->ticket, err,
                                     sizeof(err));
        if (rc == 0) {
            it->valid = true;
            continue;
        }
        if (pipeline_dead_letter(p, ws, it->msg, rc, err, d) != 0)
            return TR_EIO;
    }
    return 0;
}

/* The customers of the batch's tickets: the process-wide cache, its misses with one statement. */
static int batch_gather(pipeline *p, struct worker_state *ws, struct batch_item *items, size_t n)
{
    const char **ids = calloc(n + 1, sizeof(*ids));
    struct customer *customers = calloc(n + 1, sizeof(*customers));
    bool *known = calloc(n + 1, sizeof(*known));
    size_t *index = calloc(n + 1, sizeof(*index));
    int rc = ids && customers && known && index ? 0 : TR_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (items[i].valid) {
            index[m] = i;
            ids[m++] = items[i].ticket.customer_id;
        }
    int64_t now_ms = tr_now_unix_ms();
    if (rc == 0 && m &&
        (rc = customer_cache_get_many(&p->customers, ws->pg, ids, m, now_ms, customers, known)) !=
            0)
        worker_fail(ws, "customer", "postgres: %s", store_last_error(ws->pg));
    for (size_t j = 0; rc == 0 && j < m; j++) {
        struct batch_item *it = &items[index[j]];
        it->known = known[j];
        it->customer = customers[j];
        it->now_ms = now_ms;
    }
    free(ids);
    free(customers);
    free(known);
    free(index);
    return rc;
}

/* The batch's context (one reference for all its tickets) and every agent's load and presence
 * (the process's snapshot, read again when older than cache.agent_load_ms). */
static int batch_snapshot(pipeline *p, struct worker_state *ws)
{
    ws->batch_ctx = context_acquire(&p->context);
    const struct route_context *ctx = ws->batch_ctx->ctx;
    size_t n = ctx->n_agents;
    ws->batch_loads = calloc(n + 1, sizeof(*ws->batch_loads));
    ws->batch_presence = calloc(n + 1, sizeof(*ws->batch_presence));
    if (!ws->batch_loads || !ws->batch_presence)
        return TR_ENOMEM;
    int rc = agent_snapshot_get(&p->agents, ws->redis, ctx, ws->batch_loads, ws->batch_presence);
    if (rc != 0)
        worker_fail(ws, "agent_load", "redis: %s", load_last_error(ws->redis));
    return rc;
}

static void batch_snapshot_drop(pipeline *p, struct worker_state *ws)
{
    if (ws->batch_ctx)
        context_release(&p->context, ws->batch_ctx);
    ws->batch_ctx = NULL;
    free(ws->batch_loads);
    free(ws->batch_presence);
    ws->batch_loads = NULL;
    ws->batch_presence = NULL;
}

int tickets_run(pipeline *p, struct worker_state *ws, struct job *job, size_t from, size_t to,
                struct kafka_delivery *d)
{
    size_t n = to - from;
    struct outbox ob = {0};
    struct batch_item *items = calloc(n + 1, sizeof(*items));
    if (!items)
        return TR_EIO;
    for (size_t i = 0; i < n; i++)
        items[i].msg = job->msgs[from + i];
    atomic_fetch_add_explicit(&p->stats.batches, 1, memory_order_relaxed);
    /* Reads run on their own; the writes go in one transaction at the end (batch_write). */
    int64_t t0 = tr_mono_us();
    int rc = batch_decode(p, ws, items, n, d);
    if (rc == 0)
        rc = batch_gather(p, ws, items, n);
    int64_t t1 = tr_mono_us();
    if (rc == 0)
        rc = batch_snapshot(p, ws);
    int64_t t2 = tr_mono_us();
    /* Every decision first (pure, over what was gathered), then the claims in one round trip,
     * then what each publishes. */
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (items[i].valid)
            rc = ticket_decide(p, ws, &items[i], d);
    int64_t t_claim = tr_mono_us();
    if (rc == 0)
        rc = batch_claim(p, ws, items, n);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (items[i].out)
            rc = ticket_queue(p, ws, &items[i], d, &ob);
    batch_snapshot_drop(p, ws);
    int64_t t3 = tr_mono_us();
    if (rc == 0)
        rc = batch_write(p, ws, &ob);
    int64_t t4 = tr_mono_us();
    pending_clear(ws->pending);
    if (rc == 0)
        rc = outbox_publish(p, ws, &ob, d);
    log_debug("batch tickets=%zu gather_us=%lld snapshot_us=%lld decide_us=%lld claim_us=%lld "
              "write_us=%lld publish_us=%lld",
              n, (long long)(t1 - t0), (long long)(t2 - t1), (long long)(t_claim - t2),
              (long long)(t3 - t_claim), (long long)(t4 - t3), (long long)(tr_mono_us() - t4));
    outbox_clear(&ob);
    free(ob.items);
    for (size_t i = 0; i < n; i++) {
        ticket_clear(&items[i].ticket);
        free(items[i].out);
        free(items[i].text);
    }
    free(items);
    return rc == 0 ? 0 : TR_EIO;
}
