/* A batch of tickets from one partition, in phases so that I/O is paid per batch, not per
 * ticket: decode every message (bad ones to the dead-letter topic), find the tickets decided
 * before with one statement (their stored decisions and escalations are published again), the
 * customers from the process-wide cache (misses with one statement), then route each ticket
 * inside one transaction, commit, and publish. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

struct replay_ctx {
    pipeline *p;
    struct batch_item *items;
    size_t n;
    struct outbox *ob;
    int rc;
};

static struct batch_item *item_find(struct replay_ctx *r, const char *ticket_id)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->items[i].valid && strcmp(r->items[i].ticket.ticket_id, ticket_id) == 0)
            return &r->items[i];
    return NULL;
}

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
    if (outbox_add(r->ob, r->p->cfg->topic_escalations, r->items->ticket.ticket_id, copy, len) != 0)
        r->rc = TR_ENOMEM;
}

/* A stored decision of a ticket in the batch: published again, with its escalations. */
static void replay_decision(void *arg, const char *ticket_id, const void *payload, size_t len)
{
    struct replay_ctx *r = arg;
    struct batch_item *it = item_find(r, ticket_id);
    if (!it || it->replay || r->rc != 0)
        return;
    it->replay = true;
    void *copy = malloc(len ? len : 1);
    if (!copy) {
        r->rc = TR_ENOMEM;
        return;
    }
    memcpy(copy, payload, len);
    atomic_fetch_add_explicit(&r->p->stats.replays, 1, memory_order_relaxed);
    log_info("ticket already decided, republishing ticket=%s", ticket_id);
    if (outbox_add(r->ob, pipeline_decision_topic(r->p), ticket_id, copy, len) != 0)
        r->rc = TR_ENOMEM;
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

/* Tickets decided before (one statement), then the customers of the others (cache, misses in
 * one statement). */
static int batch_gather(pipeline *p, struct worker_state *ws, struct batch_item *items, size_t n,
                        struct outbox *ob)
{
    const char **ids = calloc(n + 1, sizeof(*ids));
    struct customer *customers = calloc(n + 1, sizeof(*customers));
    bool *known = calloc(n + 1, sizeof(*known));
    size_t *index = calloc(n + 1, sizeof(*index));
    int rc = ids && customers && known && index ? 0 : TR_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (items[i].valid)
            ids[m++] = items[i].ticket.ticket_id;
    struct replay_ctx r = {.p = p, .items = items, .n = n, .ob = ob};
    if (rc == 0 && m && (rc = store_decisions_each(ws->pg, ids, m, replay_decision, &r)) != 0)
        worker_fail(ws, "idempotency", "postgres: %s", store_last_error(ws->pg));
    if (rc == 0)
        rc = r.rc;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (!items[i].replay)
            continue;
        struct replay_ctx one = {.p = p, .items = &items[i], .n = 1, .ob = ob};
        if ((rc = store_escalations_each(ws->pg, items[i].ticket.ticket_id, replay_escalation,
                                         &one)) != 0)
            worker_fail(ws, "idempotency", "postgres: %s", store_last_error(ws->pg));
        else
            rc = one.rc;
    }
    m = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (items[i].valid && !items[i].replay) {
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
    int rc = store_begin(ws->pg);
    if (rc != 0)
        worker_fail(ws, "begin", "postgres: %s", store_last_error(ws->pg));
    if (rc == 0)
        rc = batch_decode(p, ws, items, n, d);
    if (rc == 0)
        rc = batch_gather(p, ws, items, n, &ob);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (items[i].valid && !items[i].replay)
            rc = ticket_route(p, ws, &items[i], d, &ob);
    if (rc == 0 && (rc = store_commit(ws->pg)) != 0)
        worker_fail(ws, "commit", "postgres: %s", store_last_error(ws->pg));
    else if (rc != 0)
        store_rollback(ws->pg);
    if (rc == 0)
        rc = outbox_publish(p, ws, &ob, d);
    outbox_clear(&ob);
    free(ob.items);
    for (size_t i = 0; i < n; i++)
        ticket_clear(&items[i].ticket);
    free(items);
    return rc == 0 ? 0 : TR_EIO;
}
