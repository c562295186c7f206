#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

int outbox_add(struct outbox *ob, const char *topic, const char *key, void *payload, size_t len)
{
    if (ob->n == ob->cap) {
        size_t cap = ob->cap ? ob->cap * 2 : 16;
        struct outbox_item *grown = realloc(ob->items, cap * sizeof(*grown));
        if (!grown) {
            free(payload);
            return TR_ENOMEM;
        }
        ob->items = grown;
        ob->cap = cap;
    }
    struct outbox_item *item = &ob->items[ob->n++];
    item->topic = topic;
    tr_strlcpy(item->key, key, sizeof(item->key));
    item->payload = payload;
    item->len = len;
    item->created_at_ms = 0;
    item->start_us = 0;
    return 0;
}

static void latency_observe(pipeline *p, const struct outbox_item *item)
{
    const char *mode[] = {route_mode_name(p->mode)};
    int64_t age_ms = tr_now_unix_ms() - item->created_at_ms;
    if (item->created_at_ms > 1) /* 1: the ticket said no creation time */
        metrics_observe(p->metrics.latency, mode, (double)(age_ms > 0 ? age_ms : 0) / 1e3);
    metrics_observe(p->metrics.processing, mode, (double)(tr_mono_us() - item->start_us) / 1e6);
}

int outbox_publish(pipeline *p, struct worker_state *ws, struct outbox *ob,
                   struct kafka_delivery *d)
{
    int rc = 0;
    char err[512];
    for (size_t i = 0; i < ob->n && rc == 0; i++) {
        struct outbox_item *item = &ob->items[i];
        if (!item->topic)
            continue; /* withdrawn (the ticket turned out to be decided before) */
        rc = kafka_produce(p->producer, item->topic, item->key, strlen(item->key), item->payload,
                           item->len, NULL, 0, d, err, sizeof(err));
        if (rc != 0)
            worker_fail(ws, "publish", "kafka: %s", err);
        else if (item->created_at_ms > 0)
            latency_observe(p, item);
    }
    outbox_clear(ob);
    return rc == 0 ? 0 : TR_EIO;
}

void outbox_clear(struct outbox *ob)
{
    for (size_t i = 0; i < ob->n; i++)
        free(ob->items[i].payload);
    ob->n = 0;
}

const char *pipeline_decision_topic(const pipeline *p)
{
    return p->mode == ROUTE_MODE_SHADOW ? p->cfg->topic_shadow : p->cfg->topic_decisions;
}

int pending_decision_add(struct worker_state *ws, const struct route_decision *decision,
                         int64_t ticket_created_at_ms, const char *text, size_t ob_index)
{
    struct pending *pd = ws->pending;
    if (pd->n == pd->cap) {
        size_t cap = pd->cap ? pd->cap * 2 : 32;
        struct pending_decision *grown = realloc(pd->d, cap * sizeof(*grown));
        if (!grown)
            return TR_ENOMEM;
        pd->d = grown;
        pd->cap = cap;
    }
    struct pending_decision *row = &pd->d[pd->n];
    row->decision = *decision;
    row->ticket_created_at_ms = ticket_created_at_ms;
    row->text = text ? strdup(text) : NULL;
    if (text && !row->text)
        return TR_ENOMEM;
    row->ob_index = ob_index;
    row->n_escalations = 0;
    row->claimed_new = false;
    pd->n++;
    return 0;
}

int pending_escalation_add(struct worker_state *ws, const struct escalation *e, size_t ob_index)
{
    struct pending *pd = ws->pending;
    if (pd->m == pd->mcap) {
        size_t cap = pd->mcap ? pd->mcap * 2 : 8;
        struct pending_escalation *grown = realloc(pd->e, cap * sizeof(*grown));
        if (!grown)
            return TR_ENOMEM;
        pd->e = grown;
        pd->mcap = cap;
    }
    pd->e[pd->m].esc = *e;
    pd->e[pd->m].ob_index = ob_index;
    pd->e[pd->m].decision = pd->n ? pd->n - 1 : 0;
    pd->m++;
    if (pd->n)
        pd->d[pd->n - 1].n_escalations++;
    return 0;
}

void pending_clear(struct pending *pending)
{
    for (size_t i = 0; i < pending->n; i++)
        free(pending->d[i].text);
    pending->n = 0;
    pending->m = 0;
}
