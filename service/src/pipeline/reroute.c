#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

#define SWEEP_BATCH 32
#define SWEEP_RETRY_MS 30000

static void sla_escalation(const struct route_context *ctx, const struct route_decision *d,
                           int revision, const char *why, struct escalation *e)
{
    memset(e, 0, sizeof(*e));
    snprintf(e->escalation_id, sizeof(e->escalation_id), "%.100s-sla-r%d", d->decision_id,
             revision);
    tr_strlcpy(e->ticket_id, d->ticket_id, sizeof(e->ticket_id));
    tr_strlcpy(e->customer_id, d->customer_id, sizeof(e->customer_id));
    e->kind = ESCALATION_SLA_TIMEOUT;
    e->severity = d->priority <= PRIORITY_P2 ? SEVERITY_HIGH : SEVERITY_MEDIUM;
    tr_strlcpy(e->team, d->team, sizeof(e->team));
    const struct team_info *team = policy_team_find(&ctx->policy, d->team);
    tr_strlcpy(e->notify[e->n_notify++],
               team && team->oncall_target[0] ? team->oncall_target : ctx->policy.outage_notify,
               TR_NAME_MAX);
    snprintf(e->summary, sizeof(e->summary), "SLA_TIMEOUT %s ticket %s (%s, %s): %s",
             priority_name(d->priority), d->ticket_id, tier_name(d->customer_tier), d->team, why);
    reason_list_addf(&e->reasons, "%s", why);
    reason_list_addf(&e->reasons, "nobody else in %s can take it now", d->team);
    e->created_at_ms = tr_now_unix_ms();
}

/* The next agent for a ticket moving away from `from`: the pure agent step over the agents'
 * load, then the claim moved to the first candidate with room. Sets next's agent (or leaves it
 * "" with the reason). 0, TR_ECONFLICT (the claim is gone), TR_EIO. */
static int reroute_claim(pipeline *p, struct worker_state *ws, const struct route_context *ctx,
                         struct route_decision *next, const char *skill, bool senior_only,
                         const char *from)
{
    size_t n = ctx->n_agents;
    int *loads = calloc(n + 1, sizeof(*loads));
    enum presence *presence = calloc(n + 1, sizeof(*presence));
    struct route_output *o = calloc(1, sizeof(*o));
    int rc = loads && presence && o
                 ? agent_snapshot_get(&p->agents, ws->redis, ctx, loads, presence)
                 : TR_EIO;
    struct route_agents agents = agents_view(ctx, loads, presence);
    if (rc == 0) {
        o->decision = *next;
        struct route_pick pick = {
            .policy = &ctx->policy,
            .agents = &agents,
            .mode = p->mode,
            .required_skill = skill,
            .senior_only = senior_only,
            .exclude_agent = from,
            .now_ms = next->decided_at_ms,
        };
        route_pick_agents(&pick, o);
    }
    int index = -1;
    for (size_t k = 0; rc == 0 && o->claim && k < o->n_candidates; k++) {
        rc = load_claim_move(ws->redis, next->ticket_id, from, o->candidates[k].agent_id,
                             o->candidates[k].capacity);
        if (rc == TR_EFULL) {
            rc = 0; /* taken meanwhile by another replica: the next best */
            continue;
        }
        if (rc == 0)
            index = (int)k;
        break;
    }
    if (rc == 0 && o->claim) {
        route_claimed(&ctx->policy, o, index, NULL);
        if (index >= 0) {
            agent_snapshot_invalidate(&p->agents);
            rc = load_deadline_set(ws->redis, next->ticket_id, o->claim_due_ms) != 0 ? TR_EIO : 0;
        }
    }
    if (rc == 0)
        *next = o->decision;
    free(loads);
    free(presence);
    free(o);
    return rc;
}

int stored_decision_load(struct worker_state *ws, const char *ticket_id, struct route_decision *out)
{
    void *payload = NULL;
    size_t len = 0;
    int rc = store_decision_get(ws->pg, ticket_id, &payload, &len);
    if (rc != 0)
        return rc == TR_ENOTFOUND ? TR_ENOTFOUND : TR_EIO;
    char err[256];
    rc = codec_decision_decode(ws->codec, payload, len, out, err, sizeof(err));
    free(payload);
    if (rc != 0) {
        log_warn("stored decision undecodable ticket=%s err=%s", ticket_id, err);
        return TR_ENOTFOUND;
    }
    return 0;
}

int ticket_reroute(pipeline *p, struct worker_state *ws, const char *ticket_id, const char *why,
                   bool escalate_if_alone, struct kafka_delivery *d)
{
    void *payload = NULL;
    size_t len = 0;
    struct route_decision current;
    int rc = stored_decision_load(ws, ticket_id, &current);
    if (rc != 0)
        return rc;
    int revision = 0;
    if (store_decision_revision(ws->pg, ticket_id, &revision) != 0)
        return TR_EIO;
    /* The next agent must meet what the first had to (skill, seniority). */
    char skill[TR_NAME_MAX];
    bool senior_only = false;
    rc = store_decision_requirements(ws->pg, ticket_id, skill, sizeof(skill), &senior_only);
    if (rc != 0)
        return rc == TR_ENOTFOUND ? TR_ENOTFOUND : TR_EIO;
    char holder[TR_ID_MAX];
    rc = load_claim_get(ws->redis, ticket_id, holder);
    if (rc == TR_ENOTFOUND)
        return TR_ENOTFOUND; /* resolved or released meanwhile */
    if (rc != 0)
        return TR_EIO;

    struct route_decision next = current;
    memset(&next.reasons, 0, sizeof(next.reasons));
    reason_list_addf(&next.reasons, "re-routed (revision %d): %s", revision + 1, why);
    next.agent_id[0] = '\0';
    next.decided_at_ms = tr_now_unix_ms();
    int64_t start_us = tr_mono_us();
    snprintf(next.decision_id, sizeof(next.decision_id), "%.100s-r%d", current.decision_id,
             revision + 1);
    /* The base id stays recognisable: dec-<hash>-r<revision>. */
    char *dash = strstr(current.decision_id, "-r");
    if (dash)
        snprintf(next.decision_id, sizeof(next.decision_id), "%.*s-r%d",
                 (int)(dash - current.decision_id), current.decision_id, revision + 1);

    struct context_ref *ref = context_acquire(&p->context);
    struct escalation esc;
    bool escalated = false;
    if (strcmp(holder, current.agent_id) != 0) {
        /* An earlier attempt moved the claim but did not store the decision. */
        tr_strlcpy(next.agent_id, holder, sizeof(next.agent_id));
        reason_list_addf(&next.reasons, "agent %s took it on an earlier attempt", holder);
    } else {
        rc = reroute_claim(p, ws, ref->ctx, &next, skill, senior_only, current.agent_id);
        if (rc == TR_ECONFLICT) {
            context_release(&p->context, ref);
            return TR_ENOTFOUND;
        }
        if (rc != 0) {
            context_release(&p->context, ref);
            return TR_EIO;
        }
        if (!next.agent_id[0]) {
            tr_strlcpy(next.agent_id, current.agent_id, sizeof(next.agent_id));
            reason_list_addf(&next.reasons, "nobody else available: stays with %s%s",
                             current.agent_id, escalate_if_alone ? ", escalated" : "");
            if (escalate_if_alone) {
                sla_escalation(ref->ctx, &next, revision + 1, why, &esc);
                escalated = true;
            }
        }
    }
    context_release(&p->context, ref);
    next.latency_us = tr_mono_us() - start_us;

    struct outbox ob = {0};
    rc = codec_decision_encode(ws->codec, &next, &payload, &len);
    if (rc == 0)
        rc = store_begin(ws->pg);
    if (rc == 0) {
        rc = store_decision_revise(ws->pg, &next, revision + 1, why, payload, len);
        if (rc == 0)
            rc = outbox_add(&ob, pipeline_decision_topic(p), ticket_id, payload, len);
        else
            free(payload);
        payload = NULL;
        if (rc == 0 && escalated) {
            void *ebuf = NULL;
            size_t elen = 0;
            rc = codec_escalation_encode(ws->codec, &esc, &ebuf, &elen);
            if (rc == 0 && (rc = store_escalation_insert(ws->pg, &esc, ebuf, elen)) == 0)
                rc = outbox_add(&ob, p->cfg->topic_escalations, ticket_id, ebuf, elen);
            else
                free(ebuf);
            if (rc == TR_ECONFLICT)
                rc = 0;
        }
        if (rc == 0)
            rc = store_commit(ws->pg);
        else
            store_rollback(ws->pg);
    }
    free(payload);
    if (rc == TR_ECONFLICT) {
        outbox_clear(&ob);
        free(ob.items);
        return 0; /* that revision was stored by someone else */
    }
    if (rc == 0) {
        atomic_fetch_add_explicit(&p->stats.reroutes, 1, memory_order_relaxed);
        if (escalated) {
            atomic_fetch_add_explicit(&p->stats.escalations, 1, memory_order_relaxed);
            metrics_add(
                p->metrics.escalations,
                (const char *[]){escalation_kind_name(esc.kind), severity_name(esc.severity)}, 1);
        }
        log_info("re-routed ticket=%s from=%s to=%s revision=%d why=%s", ticket_id,
                 current.agent_id, next.agent_id, revision + 1, why);
        rc = outbox_publish(p, ws, &ob, d);
    }
    outbox_clear(&ob);
    free(ob.items);
    return rc == 0 ? 0 : TR_EIO;
}

/* Takes the tickets whose first response is overdue and moves them on; runs on every replica,
 * each overdue ticket is taken by one (the Redis pop is atomic). */
void *deadline_sweeper_main(void *arg)
{
    pipeline *p = arg;
    struct worker_state *ws = &p->sweeper_state;
    while (!atomic_load(&p->stopping)) {
        char ids[SWEEP_BATCH][TR_ID_MAX];
        int n = load_deadlines_take(ws->redis, tr_now_unix_ms(), SWEEP_BATCH, ids);
        if (n <= 0) {
            for (int i = 0; i < 10 && !atomic_load(&p->stopping); i++)
                tr_sleep_ms(100);
            continue;
        }
        for (int i = 0; i < n; i++) {
            struct kafka_delivery d;
            kafka_delivery_init(&d);
            int rc = ticket_reroute(p, ws, ids[i], "no first response in time", true, &d);
            if (rc == 0)
                rc = kafka_delivery_wait(&d, 60000);
            kafka_delivery_destroy(&d);
            if (rc != 0 && rc != TR_ENOTFOUND) {
                log_warn("re-route failed, retrying in %d s ticket=%s err=%s",
                         SWEEP_RETRY_MS / 1000, ids[i], tr_strerror(rc));
                if (load_deadline_set(ws->redis, ids[i], tr_now_unix_ms() + SWEEP_RETRY_MS) != 0)
                    log_error("deadline lost ticket=%s (Redis down)", ids[i]);
            }
        }
    }
    return NULL;
}
