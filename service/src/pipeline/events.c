#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

/* This process changed an agent's load: its snapshot follows. */
static void load_changed(pipeline *p, const char *agent_id, int delta)
{
    struct context_ref *ref = context_acquire(&p->context);
    agent_snapshot_adjust(&p->agents, ref->ctx, agent_id, delta);
    context_release(&p->context, ref);
}

/* A reopened ticket goes back to its agent, unless the agent is offline or gone: then the
 * team's next best takes it. */
static int reopened_handle(pipeline *p, struct worker_state *ws, const struct ticket_event *ev,
                           struct kafka_delivery *d)
{
    struct route_decision current;
    int rc = stored_decision_load(ws, ev->ticket_id, &current);
    if (rc == TR_ENOTFOUND || (rc == 0 && !current.agent_id[0]))
        return 0; /* never assigned here: the helpdesk's queue has it */
    if (rc != 0)
        return TR_EIO;
    const char *agent = current.agent_id;
    const char *ids[] = {agent};
    int load = 0;
    enum presence presence = PRESENCE_UNKNOWN;
    if (load_agents_get(ws->redis, ids, 1, &load, &presence) != 0)
        return TR_EIO;
    struct context_ref *ref = context_acquire(&p->context);
    bool active = false;
    for (size_t i = 0; i < ref->ctx->n_agents && !active; i++)
        active = strcmp(ref->ctx->agents[i].agent_id, agent) == 0;
    context_release(&p->context, ref);
    if (presence == PRESENCE_OFFLINE || !active) {
        /* The claim was released when it was resolved: take it back, then move it. */
        char holder[TR_ID_MAX];
        if (load_claim(ws->redis, ev->ticket_id, agent, INT_MAX, holder) != 0)
            return TR_EIO;
        agent_snapshot_invalidate(&p->agents);
        char why[TR_REASON_MAX];
        snprintf(why, sizeof(why), "reopened while %s is %s", agent,
                 active ? presence_name(presence) : "inactive");
        rc = ticket_reroute(p, ws, ev->ticket_id, why, false, d);
        return rc == TR_ENOTFOUND ? 0 : rc;
    }
    char holder[TR_ID_MAX];
    /* Back to the agent who knows it, even above capacity: it is their ticket. */
    if (load_claim(ws->redis, ev->ticket_id, agent, INT_MAX, holder) != 0)
        return TR_EIO;
    agent_snapshot_invalidate(&p->agents);
    ref = context_acquire(&p->context);
    int64_t due =
        tr_now_unix_ms() + route_first_response_timeout_ms(&ref->ctx->policy, current.priority);
    context_release(&p->context, ref);
    if (load_deadline_set(ws->redis, ev->ticket_id, due) != 0)
        return TR_EIO;
    log_info("reopened ticket=%s back to agent=%s", ev->ticket_id, agent);
    return 0;
}

/* The event stored, with what it teaches in the same transaction: a shadow comparison for a
 * manual assignment, a labelled example for a misroute flag or a move to another team. Returns
 * 0, TR_ECONFLICT (seen before), TR_EIO. Counted once committed. */
static int event_record(pipeline *p, struct worker_state *ws, const struct ticket_event *ev)
{
    bool learns = ev->type == TICKET_EVENT_ASSIGNED || ev->type == TICKET_EVENT_REASSIGNED ||
                  ev->type == TICKET_EVENT_MISROUTE_FLAGGED;
    if (!learns) {
        int rc = store_event_insert(ws->pg, ev);
        if (rc == 0)
            metrics_add(p->metrics.events, (const char *[]){ticket_event_type_name(ev->type)}, 1);
        return rc;
    }
    struct shadow_comparison cmp = {0};
    struct feedback_outcome fb = {0};
    int rc = store_begin(ws->pg);
    if (rc == 0)
        rc = store_event_insert(ws->pg, ev);
    if (rc == 0 && ev->type == TICKET_EVENT_ASSIGNED)
        rc = store_shadow_compare(ws->pg, ev->ticket_id, &cmp);
    if (rc == 0)
        rc = store_feedback_record(ws->pg, ev, &fb);
    if (rc == 0)
        rc = store_commit(ws->pg);
    else
        store_rollback(ws->pg);
    if (rc != 0)
        return rc;
    metrics_add(p->metrics.events, (const char *[]){ticket_event_type_name(ev->type)}, 1);
    shadow_counted(p, &cmp);
    if (fb.counted)
        metrics_add(p->metrics.feedback, (const char *[]){fb.kind, fb.category}, 1);
    if (fb.example) {
        metrics_add(p->metrics.examples, (const char *[]){fb.source, fb.label_kind}, 1);
        log_info("training example ticket=%s source=%s label=%s kind=%s", ev->ticket_id, fb.source,
                 fb.label, fb.label_kind);
    } else if (fb.label[0]) {
        log_info("feedback without a kept text, no example ticket=%s label=%s", ev->ticket_id,
                 fb.label);
    }
    return 0;
}

/* What the event changes in Redis (load, presence, deadlines) and re-routes. Every effect is
 * idempotent: applying one twice (a crash before the event was recorded) changes nothing more.
 * 0, or TR_EIO to retry. */
static int event_apply(pipeline *p, struct worker_state *ws, const struct ticket_event *ev,
                       struct kafka_delivery *d)
{
    char agent[TR_ID_MAX];
    int rc;
    switch (ev->type) {
    case TICKET_EVENT_AGENT_PRESENCE:
        if (!ev->agent_id[0])
            return 0;
        if (load_presence_set(ws->redis, ev->agent_id, presence_parse(ev->presence)) != 0)
            return TR_EIO;
        agent_snapshot_invalidate(&p->agents);
        log_info("presence agent=%s presence=%s", ev->agent_id,
                 presence_name(presence_parse(ev->presence)));
        return 0;
    case TICKET_EVENT_FIRST_RESPONSE:
        return load_deadline_clear(ws->redis, ev->ticket_id) == 0 ? 0 : TR_EIO;
    case TICKET_EVENT_RESOLVED:
    case TICKET_EVENT_CLOSED:
        if (load_deadline_clear(ws->redis, ev->ticket_id) != 0)
            return TR_EIO;
        rc = load_release(ws->redis, ev->ticket_id, agent);
        if (rc == 0)
            load_changed(p, agent, -1);
        if (rc == 0)
            log_info("load released ticket=%s agent=%s event=%s", ev->ticket_id, agent,
                     ticket_event_type_name(ev->type));
        return rc == 0 || rc == TR_ENOTFOUND ? 0 : TR_EIO;
    case TICKET_EVENT_REASSIGNED:
        /* Reassigned by a person: the load follows the ticket, capacity or not. */
        if (load_deadline_clear(ws->redis, ev->ticket_id) != 0)
            return TR_EIO;
        if (!ev->agent_id[0])
            return 0;
        rc = load_claim_get(ws->redis, ev->ticket_id, agent);
        if (rc == TR_ENOTFOUND)
            return 0; /* not claimed here (shadow mode, or resolved meanwhile) */
        if (rc != 0)
            return TR_EIO;
        rc = load_claim_move(ws->redis, ev->ticket_id, agent, ev->agent_id, INT_MAX);
        if (rc == 0) {
            load_changed(p, agent, -1);
            load_changed(p, ev->agent_id, 1);
        }
        return rc == 0 || rc == TR_ECONFLICT ? 0 : TR_EIO;
    case TICKET_EVENT_REOPENED:
        /* Shadow mode claims nothing, so there is nothing to give back. */
        return p->mode == ROUTE_MODE_SHADOW ? 0 : reopened_handle(p, ws, ev, d);
    default:
        return 0; /* stored for feedback and reports */
    }
}

int pipeline_event_handle(pipeline *p, struct worker_state *ws, const struct kafka_msg *msg,
                          struct kafka_delivery *d)
{
    char err[512];
    struct ticket_event ev;
    int rc = codec_ticket_event_decode(ws->codec, msg->payload, msg->len, &ev, err, sizeof(err));
    if (rc != 0)
        return pipeline_dead_letter(p, ws, msg, rc, err, d);
    atomic_fetch_add_explicit(&p->stats.events_in, 1, memory_order_relaxed);
    /* Effects first, the record last: an event is recorded only once its effects are applied,
     * so a failure in between retries them instead of taking the event as done. */
    rc = store_event_seen(ws->pg, ev.event_id);
    if (rc == 1)
        return 0; /* seen before: its effects were applied then */
    if (rc != 0)
        return TR_EIO;
    if ((rc = event_apply(p, ws, &ev, d)) != 0)
        return rc;
    rc = event_record(p, ws, &ev);
    return rc == 0 || rc == TR_ECONFLICT ? 0 : TR_EIO;
}
