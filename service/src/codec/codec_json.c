/* codec_json: one-line JSON of our structs for logs, `tail` and the dead-letter topic. */
#include "codec/codec_internal.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A JSON string of s (n bytes); jansson refuses invalid UTF-8, so such text is shown repaired. */
static json_t *jstrn(const char *s, size_t n)
{
    json_t *j = json_stringn(s, n);
    if (j)
        return j;
    char *scratch = NULL;
    size_t cap = 0;
    const char *p = codec_utf8_repair(&scratch, &cap, s, n);
    j = p ? json_stringn(p, n) : NULL;
    free(scratch);
    return j;
}

/* A fixed-size field: NUL-terminated within max bytes, or cut at max. */
static json_t *jstr(const char *s, size_t max)
{
    return jstrn(s, strnlen(s, max));
}

/* An optional field: "" is null. */
static json_t *jopt(const char *s, size_t max)
{
    return s[0] ? jstr(s, max) : json_null();
}

static json_t *jreal(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

static json_t *jlist(const char *items, size_t n, size_t max, size_t itemlen)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n && i < max; i++)
        json_array_append_new(arr, jstr(items + i * itemlen, itemlen));
    return arr;
}

static json_t *jreasons(const struct reason_list *list)
{
    return jlist(&list->items[0][0], list->n, TR_REASONS_MAX, TR_REASON_MAX);
}

#define SET(obj, key, value) json_object_set_new((obj), (key), (value))
#define SET_STR(obj, s, field) SET((obj), #field, jstr((s)->field, sizeof((s)->field)))
#define SET_OPT(obj, s, field) SET((obj), #field, jopt((s)->field, sizeof((s)->field)))

/* Renders and frees obj. */
static char *dump(json_t *obj)
{
    if (!obj)
        return NULL;
    char *out = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    json_decref(obj);
    return out;
}

char *codec_ticket_json(const struct ticket *ticket)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    SET_STR(o, ticket, ticket_id);
    SET_STR(o, ticket, customer_id);
    SET_OPT(o, ticket, requester_email);
    SET(o, "subject",
        jstrn(ticket->subject ? ticket->subject : "",
              ticket->subject ? strlen(ticket->subject) : 0));
    SET(o, "body",
        jstrn(ticket->body ? ticket->body : "", ticket->body ? strlen(ticket->body) : 0));
    SET_OPT(o, ticket, channel);
    SET_OPT(o, ticket, language);
    SET_OPT(o, ticket, product_area);
    SET(o, "created_at_ms", json_integer(ticket->created_at_ms));
    return dump(o);
}

char *codec_ticket_event_json(const struct ticket_event *event)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    SET_STR(o, event, event_id);
    SET_OPT(o, event, ticket_id);
    SET(o, "type", json_string(ticket_event_type_name(event->type)));
    SET_OPT(o, event, agent_id);
    SET_OPT(o, event, team);
    SET_OPT(o, event, previous_agent_id);
    SET_OPT(o, event, previous_team);
    SET_OPT(o, event, correct_category);
    SET_OPT(o, event, presence);
    SET_OPT(o, event, reason);
    SET(o, "occurred_at_ms", json_integer(event->occurred_at_ms));
    return dump(o);
}

char *codec_decision_json(const struct route_decision *decision)
{
    static const char *const TIER_SYMBOLS[] = {"FREE", "PRO", "ENTERPRISE"};
    json_t *o = json_object();
    if (!o)
        return NULL;
    const struct route_decision *d = decision;
    SET_STR(o, d, decision_id);
    SET_STR(o, d, ticket_id);
    SET_STR(o, d, customer_id);
    SET(o, "customer_tier",
        json_string((unsigned)d->customer_tier < 3 ? TIER_SYMBOLS[d->customer_tier] : "FREE"));
    SET(o, "customer_known", json_boolean(d->customer_known));
    SET_STR(o, d, team);
    SET_STR(o, d, queue);
    SET_OPT(o, d, agent_id);
    SET(o, "priority", json_string(priority_name(d->priority)));
    SET(o, "first_response_due_ms",
        d->first_response_due_ms ? json_integer(d->first_response_due_ms) : json_null());
    SET_STR(o, d, category);
    SET(o, "confidence", jreal(d->confidence));
    json_t *top = json_array();
    for (size_t i = 0; top && i < d->n_top && i < TR_TOP_CLASSES; i++) {
        json_t *score = json_object();
        if (score) {
            SET(score, "category", jstr(d->top[i].category, sizeof(d->top[i].category)));
            SET(score, "confidence", jreal(d->top[i].confidence));
        }
        json_array_append_new(top, score);
    }
    SET(o, "top_classes", top);
    SET_OPT(o, d, language);
    SET(o, "fallback", json_boolean(d->fallback));
    SET(o, "mode", json_string(route_mode_name(d->mode)));
    SET_OPT(o, d, model_version);
    SET(o, "reasons", jreasons(&d->reasons));
    SET(o, "rules_fired", jreasons(&d->rules_fired));
    SET(o, "decided_at_ms", json_integer(d->decided_at_ms));
    SET(o, "latency_us", json_integer(d->latency_us));
    return dump(o);
}

char *codec_escalation_json(const struct escalation *esc)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    SET_STR(o, esc, escalation_id);
    SET_STR(o, esc, ticket_id);
    SET_STR(o, esc, customer_id);
    SET(o, "kind", json_string(escalation_kind_name(esc->kind)));
    SET(o, "severity", json_string(severity_name(esc->severity)));
    SET_OPT(o, esc, incident_id);
    SET_STR(o, esc, team);
    SET(o, "notify",
        jlist(&esc->notify[0][0], esc->n_notify, TR_NOTIFY_MAX, sizeof(esc->notify[0])));
    SET_STR(o, esc, summary);
    SET(o, "reasons", jreasons(&esc->reasons));
    SET(o, "created_at_ms", json_integer(esc->created_at_ms));
    return dump(o);
}
