/* One ticket of a batch from gathered inputs to what is published: classify, the one pure
 * decision (routing.h), the outage window it needs when it reports an outage, the batch's
 * claims in one round trip, then encoding. Nothing here decides; it gathers and carries out. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

/* The text the model reads (and feedback examples keep): subject, a line break, body. */
static size_t ticket_text(const struct ticket *t, char *text, size_t cap)
{
    int n = snprintf(text, cap, "%s\n%s", t->subject, t->body);
    return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

static void classify_ticket(const classifier *model, struct worker_state *ws, const char *text,
                            size_t len, struct classification *out)
{
    memset(out, 0, sizeof(*out));
    struct classify_result res;
    tr_strlcpy(out->model_version, classifier_version(model), sizeof(out->model_version));
    if (classifier_predict(model, ws->scratch, text, len, TR_TOP_CLASSES, &res) != 0 ||
        res.n == 0) {
        out->out_of_scope = true;
        return;
    }
    tr_strlcpy(out->category, res.top[0].label, sizeof(out->category));
    out->confidence = res.top[0].confidence;
    out->out_of_scope = res.out_of_scope;
    out->n_top = res.n < TR_TOP_CLASSES ? res.n : TR_TOP_CLASSES;
    for (size_t i = 0; i < out->n_top; i++) {
        tr_strlcpy(out->top[i].category, res.top[i].label, sizeof(out->top[i].category));
        out->top[i].confidence = res.top[i].confidence;
    }
}

struct route_agents agents_view(const struct route_context *ctx, const int *loads,
                                const enum presence *presence)
{
    return (struct route_agents){.agents = ctx->agents,
                                 .n = ctx->n_agents,
                                 .by_team = ctx->agents_by_team,
                                 .loads = loads,
                                 .presence = presence,
                                 .perf = ctx->perf,
                                 .n_perf = ctx->n_perf,
                                 .perf_first = ctx->perf_first,
                                 .perf_count = ctx->perf_count};
}

/* Record the outage report in the area's shared window (Redis); the incident it opens is kept
 * in PostgreSQL. */
static int outage_record(pipeline *p, struct worker_state *ws, const struct route_context *ctx,
                         const struct ticket *t, const char *area, int64_t now_ms,
                         struct route_outage *out)
{
    struct load_outage o;
    if (load_outage_report(ws->redis, area, t->customer_id, t->ticket_id, now_ms,
                           ctx->policy.outage_window_s, ctx->policy.outage_customers, &o) != 0) {
        worker_fail(ws, "outage_report", "redis: %s", load_last_error(ws->redis));
        return TR_EIO;
    }
    tr_strlcpy(out->incident_id, o.incident_id, sizeof(out->incident_id));
    out->opened = o.opened != 0;
    out->customers = o.customers;
    if (!out->opened)
        return 0;
    atomic_fetch_add_explicit(&p->stats.incidents, 1, memory_order_relaxed);
    if (store_incident_insert(ws->pg, o.incident_id, area, t->ticket_id, o.customers) != 0) {
        worker_fail(ws, "persist_incident", "postgres: %s", store_last_error(ws->pg));
        return TR_EIO;
    }
    return 0;
}

/* The text inputs of the decision: the language detected when the event has none, and subject
 * and body analysed in the decision's language for the context's compiled phrases. *text is
 * NULL when the text cannot be analysed (the raw text is matched then) and *detected when
 * nothing was detected. */
static void text_gather(struct worker_state *ws, const struct route_context *ctx,
                        const struct batch_item *it, struct text_language *language,
                        const struct text_language **detected, struct route_text *rt,
                        const struct route_text **text)
{
    const struct customer *customer = it->known ? &it->customer : NULL;
    int rc = route_text_detect(ws->az, &it->ticket, customer, language);
    if (rc < 0)
        log_debug("language detection failed ticket=%s err=%s", it->ticket.ticket_id,
                  tr_strerror(rc));
    *detected = rc == 1 ? language : NULL;
    *text = NULL;
    if (!ctx->phrases)
        return;
    const char *lang = route_language(&it->ticket, customer, *detected);
    rc = route_text_analyze(ws->az, lang, &it->ticket, ws->subject_doc, ws->body_doc);
    if (rc < 0) {
        log_debug("text analysis failed ticket=%s err=%s", it->ticket.ticket_id, tr_strerror(rc));
        return;
    }
    *rt = (struct route_text){
        .subject = ws->subject_doc, .body = ws->body_doc, .phrases = ctx->phrases};
    *text = rt;
}

/* The escalation signals of subject and body (each analysed on its own): per signal the
 * stronger of the two. */
static bool signals_gather(const signals_model *model, const struct route_text *text,
                           struct route_signals *out)
{
    _Static_assert((int)ROUTE_SIGNALS == (int)SIGNALS_N, "routing reads the signals' order");
    struct signals_result subject, body;
    if (!model || !text || signals_score(model, text->subject, NULL, &subject) != 0 ||
        signals_score(model, text->body, NULL, &body) != 0)
        return false;
    for (int k = 0; k < ROUTE_SIGNALS; k++) {
        const struct signals_score *s = subject.s[k].fired && !body.s[k].fired   ? &subject.s[k]
                                        : body.s[k].fired && !subject.s[k].fired ? &body.s[k]
                                        : subject.s[k].score > body.s[k].score   ? &subject.s[k]
                                                                                 : &body.s[k];
        out->score[k] = s->score;
        out->fired[k] = s->fired;
        tr_strlcpy(out->reason[k], s->reason, sizeof(out->reason[k]));
    }
    return true;
}

int ticket_decide(pipeline *p, struct worker_state *ws, struct batch_item *it,
                  struct kafka_delivery *d)
{
    const struct route_context *ctx = ws->batch_ctx->ctx;
    struct classification cls;
    char *text = ws->text;
    size_t text_len = ticket_text(&it->ticket, text, sizeof(ws->text));
    struct model_ref *mref = model_acquire(&p->models);
    if (mref->model) {
        classify_ticket(mref->model, ws, text, text_len, &cls);
        metrics_observe(p->metrics.confidence, NULL, cls.confidence);
    }
    if (p->cfg->feedback_text_retention_days > 0 && !(it->text = strdup(text))) {
        model_release(&p->models, mref);
        return TR_ENOMEM;
    }
    if (it->known)
        it->customer.value_percentile =
            route_value_percentile(ctx->value_quantiles, ctx->n_value_quantiles,
                                   ctx->value_customers, it->customer.contract_value);
    struct text_language language;
    struct route_text rt;
    const struct route_text *analysed;
    const struct text_language *detected;
    text_gather(ws, ctx, it, &language, &detected, &rt, &analysed);
    struct route_agents agents = agents_view(ctx, ws->batch_loads, ws->batch_presence);
    struct route_signals signals;
    bool scored = signals_gather(p->signals, analysed, &signals);
    struct route_outage outage;
    struct route_input in = {
        .ticket = &it->ticket,
        .customer = it->known ? &it->customer : NULL,
        .policy = &ctx->policy,
        .classification = mref->model ? &cls : NULL,
        .weights = &ctx->urgency,
        .now_unix_ms = it->now_ms,
        .agents = &agents,
        .mode = p->mode,
        .text = analysed,
        .detected_language = detected,
        .signals = scored ? &signals : NULL,
    };
    struct route_output *o = malloc(sizeof(*o));
    int rc = o ? 0 : TR_ENOMEM;
    if (rc == 0 && route_decide_full(&in, o) != 0) {
        free(o);
        o = NULL;
        rc = pipeline_dead_letter(p, ws, it->msg, TR_EINVAL, "routing refused the ticket", d);
    }
    /* An outage report: decided again with its window, which the decision reads. */
    if (rc == 0 && o && o->outage_area[0]) {
        rc = outage_record(p, ws, ctx, &it->ticket, o->outage_area, it->now_ms, &outage);
        in.outage = &outage;
        if (rc == 0 && route_decide_full(&in, o) != 0)
            rc = TR_EINVAL; /* not reached: the same inputs were accepted above */
    }
    model_release(&p->models, mref);
    if (rc != 0) {
        free(o);
        return rc;
    }
    it->out = o;
    /* Later tickets of the batch see the first candidate's load one higher, as if it took this
     * one (the claim may go further down the list; the script checks capacity). */
    if (o && o->claim && o->n_candidates && ws->batch_loads)
        ws->batch_loads[o->candidates[0].index]++;
    return 0;
}

/* The claim request of one decided ticket; agent ids point into its output. */
static void claim_request(const struct route_output *o, struct load_claim_req *req,
                          const char **ids, int *caps)
{
    for (size_t k = 0; k < o->n_candidates; k++) {
        ids[k] = o->candidates[k].agent_id;
        caps[k] = o->candidates[k].capacity;
    }
    *req = (struct load_claim_req){
        .ticket_id = o->decision.ticket_id,
        .n = o->n_candidates,
        .agent_ids = ids,
        .capacities = caps,
        .due_ms = o->claim_due_ms,
    };
}

int batch_claim(pipeline *p, struct worker_state *ws, struct batch_item *items, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += items[i].out && items[i].out->claim;
    if (m == 0)
        return 0;
    struct load_claim_req *reqs = calloc(m, sizeof(*reqs));
    const char **ids = calloc(m * ROUTE_MAX_CANDIDATES, sizeof(*ids));
    int *caps = calloc(m * ROUTE_MAX_CANDIDATES, sizeof(*caps));
    size_t *which = calloc(m, sizeof(*which));
    int rc = reqs && ids && caps && which ? 0 : TR_ENOMEM;
    for (size_t i = 0, k = 0; rc == 0 && i < n; i++)
        if (items[i].out && items[i].out->claim) {
            which[k] = i;
            claim_request(items[i].out, &reqs[k], ids + k * ROUTE_MAX_CANDIDATES,
                          caps + k * ROUTE_MAX_CANDIDATES);
            k++;
        }
    if (rc == 0 && (rc = load_claims_first(ws->redis, reqs, m)) != 0)
        worker_fail(ws, "claim", "redis: %s", load_last_error(ws->redis));
    const struct route_context *ctx = ws->batch_ctx->ctx;
    for (size_t k = 0; rc == 0 && k < m; k++) {
        struct route_output *o = items[which[k]].out;
        route_claimed(&ctx->policy, o, reqs[k].index, reqs[k].holder[0] ? reqs[k].holder : NULL);
        items[which[k]].claimed_new = reqs[k].index >= 0;
        if (reqs[k].index >= 0)
            agent_snapshot_claimed(&p->agents, ctx, o->candidates[reqs[k].index].index);
    }
    free(reqs);
    free(ids);
    free(caps);
    free(which);
    return rc;
}

/* Encode and queue each escalation; batch.c stores them with the decisions. */
static int escalations_queue(pipeline *p, struct worker_state *ws, const struct route_output *o,
                             struct outbox *ob)
{
    for (size_t i = 0; i < o->n_escalations; i++) {
        const struct escalation *e = &o->escalations[i];
        void *payload = NULL;
        size_t len = 0;
        if (codec_escalation_encode(ws->codec, e, &payload, &len) != 0)
            return TR_ENOMEM;
        if (outbox_add(ob, p->cfg->topic_escalations, e->ticket_id, payload, len) != 0)
            return TR_ENOMEM;
        if (pending_escalation_add(ws, e, ob->n - 1) != 0)
            return TR_ENOMEM;
    }
    return 0;
}

int ticket_queue(pipeline *p, struct worker_state *ws, struct batch_item *it,
                 struct kafka_delivery *d, struct outbox *ob)
{
    struct route_decision *decision = &it->out->decision;
    decision->latency_us = tr_mono_us() - it->start_us;
    void *payload = NULL;
    size_t len = 0;
    if (codec_decision_encode(ws->codec, decision, &payload, &len) != 0)
        return pipeline_dead_letter(p, ws, it->msg, TR_EINVAL, "decision could not be encoded", d);
    /* Stored with the rest of the batch in one round trip (batch.c), then counted and logged;
     * the decision goes out first, then its escalations. */
    int rc = outbox_add(ob, pipeline_decision_topic(p), it->ticket.ticket_id, payload, len);
    if (rc == 0) {
        ob->items[ob->n - 1].created_at_ms =
            it->ticket.created_at_ms > 0 ? it->ticket.created_at_ms : 1;
        ob->items[ob->n - 1].start_us = it->start_us;
        rc = pending_decision_add(ws, decision, it->ticket.created_at_ms, it->text, ob->n - 1);
    }
    if (rc == 0)
        ws->pending->d[ws->pending->n - 1].claimed_new = it->claimed_new;
    if (rc == 0)
        rc = escalations_queue(p, ws, it->out, ob);
    return rc;
}
