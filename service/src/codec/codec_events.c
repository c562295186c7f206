/* codec_events: our structs <-> the reused Avro values, one pair of functions per schema.
 * Decoding copies every string into its fixed-size field after checking it fits, is UTF-8 and
 * holds no NUL byte: a value that would be truncated is refused, never cut. */
#include "codec/codec_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(expr)                                                                                \
    do {                                                                                           \
        int rc_ = (expr);                                                                          \
        if (rc_ != 0)                                                                              \
            return rc_;                                                                            \
    } while (0)

/* ---- decoding ---- */

struct dec {
    codec *c;
    struct codec_type *type;
    char *err;
    size_t errlen;
};

static int dec_fail(struct dec *d, int rc, const char *fmt, ...) TR_PRINTF(3, 4);
static int dec_fail(struct dec *d, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->err, d->errlen, fmt, ap);
    va_end(ap);
    return rc;
}

static int dec_field(struct dec *d, int f, avro_value_t *out)
{
    if (avro_value_get_by_index(&d->type->value, (size_t)d->type->field[f], out, NULL) != 0)
        return dec_fail(d, TR_EDECODE, "avro: no field #%d", f);
    return 0;
}

/* An optional field's value, or false when it is null. */
static bool dec_present(avro_value_t *v)
{
    if (avro_value_get_type(v) != AVRO_UNION)
        return true;
    avro_value_t branch;
    if (avro_value_get_current_branch(v, &branch) != 0 || avro_value_get_type(&branch) == AVRO_NULL)
        return false;
    *v = branch;
    return true;
}

/* On failure *p is "" and *n is 0, so a caller never reads an unset length. */
static int dec_text(struct dec *d, avro_value_t *v, const char *name, const char **p, size_t *n)
{
    size_t size = 0;
    *p = "";
    *n = 0;
    const char *s = NULL;
    if (avro_value_get_string(v, &s, &size) != 0)
        return dec_fail(d, TR_EDECODE, "avro: %s is not a string", name);
    if (s)
        *p = s;
    *n = size ? size - 1 : 0; /* avro-c counts the NUL it adds */
    if (memchr(*p, '\0', *n))
        return dec_fail(d, TR_EDECODE, "NUL byte in %s", name);
    if (!tr_utf8_is_valid(*p, *n))
        return dec_fail(d, TR_EDECODE, "invalid UTF-8 in %s", name);
    return 0;
}

static int dec_str_value(struct dec *d, avro_value_t *v, const char *name, char *dst, size_t dstlen,
                         bool required)
{
    const char *p = "";
    size_t n = 0;
    CHECK(dec_text(d, v, name, &p, &n));
    if (required && n == 0)
        return dec_fail(d, TR_EDECODE, "missing %s", name);
    if (n >= dstlen)
        return dec_fail(d, TR_EDECODE, "%s longer than %zu bytes", name, dstlen - 1);
    memcpy(dst, p, n);
    dst[n] = '\0';
    return 0;
}

/* A string field, required non-empty or not; optional ones may also be null (""). */
static int dec_str(struct dec *d, int f, const char *name, char *dst, size_t dstlen, bool required)
{
    avro_value_t v;
    CHECK(dec_field(d, f, &v));
    if (!dec_present(&v)) {
        if (required)
            return dec_fail(d, TR_EDECODE, "missing %s", name);
        dst[0] = '\0';
        return 0;
    }
    return dec_str_value(d, &v, name, dst, dstlen, required);
}

static int dec_long(struct dec *d, int f, int64_t *out)
{
    avro_value_t v;
    CHECK(dec_field(d, f, &v));
    *out = 0;
    if (!dec_present(&v))
        return 0;
    return avro_value_get_long(&v, out) == 0 ? 0
                                             : dec_fail(d, TR_EDECODE, "avro: %s", avro_strerror());
}

static int dec_bool(struct dec *d, int f, bool *out)
{
    avro_value_t v;
    int b = 0;
    CHECK(dec_field(d, f, &v));
    if (avro_value_get_boolean(&v, &b) != 0)
        return dec_fail(d, TR_EDECODE, "avro: %s", avro_strerror());
    *out = b != 0;
    return 0;
}

static int dec_enum(struct dec *d, int f, int *out)
{
    avro_value_t v;
    CHECK(dec_field(d, f, &v));
    if (avro_value_get_enum(&v, out) != 0)
        return dec_fail(d, TR_EDECODE, "avro: %s", avro_strerror());
    return 0;
}

static int dec_double(struct dec *d, avro_value_t *v, const char *name, double *out)
{
    if (avro_value_get_double(v, out) != 0)
        return dec_fail(d, TR_EDECODE, "avro: %s", avro_strerror());
    if (!isfinite(*out))
        return dec_fail(d, TR_EDECODE, "%s is not a finite number", name);
    return 0;
}

/* An array of strings into a fixed list of max items of itemlen bytes. */
static int dec_str_array(struct dec *d, int f, const char *name, char *items, size_t max,
                         size_t itemlen, size_t *n_out)
{
    avro_value_t arr, item;
    size_t n = 0;
    char label[64];
    CHECK(dec_field(d, f, &arr));
    if (avro_value_get_size(&arr, &n) != 0)
        return dec_fail(d, TR_EDECODE, "avro: %s", avro_strerror());
    if (n > max)
        return dec_fail(d, TR_EDECODE, "%s has more than %zu items", name, max);
    snprintf(label, sizeof(label), "%s item", name);
    for (size_t i = 0; i < n; i++) {
        if (avro_value_get_by_index(&arr, i, &item, NULL) != 0)
            return dec_fail(d, TR_EDECODE, "avro: %s", avro_strerror());
        CHECK(dec_str_value(d, &item, label, items + i * itemlen, itemlen, false));
    }
    *n_out = n;
    return 0;
}

static int dec_reasons(struct dec *d, int f, const char *name, struct reason_list *list)
{
    return dec_str_array(d, f, name, &list->items[0][0], TR_REASONS_MAX, TR_REASON_MAX, &list->n);
}

static int dec_heap_str(struct dec *d, int f, const char *name, char **out, size_t *n)
{
    avro_value_t v;
    const char *p;
    CHECK(dec_field(d, f, &v));
    CHECK(dec_text(d, &v, name, &p, n));
    if (!(*out = malloc(*n + 1)))
        return dec_fail(d, TR_ENOMEM, "out of memory");
    memcpy(*out, p, *n);
    (*out)[*n] = '\0';
    return 0;
}

static int ticket_from_value(struct dec *d, struct ticket *t)
{
    size_t subject_len, body_len;
    CHECK(dec_str(d, TC_TICKET_ID, "ticket_id", t->ticket_id, sizeof(t->ticket_id), true));
    CHECK(dec_str(d, TC_CUSTOMER_ID, "customer_id", t->customer_id, sizeof(t->customer_id), true));
    CHECK(dec_str(d, TC_REQUESTER_EMAIL, "requester_email", t->requester_email,
                  sizeof(t->requester_email), false));
    CHECK(dec_heap_str(d, TC_SUBJECT, "subject", &t->subject, &subject_len));
    CHECK(dec_heap_str(d, TC_BODY, "body", &t->body, &body_len));
    if (subject_len + body_len > TR_TEXT_MAX)
        return dec_fail(d, TR_ETOOBIG, "text over %d bytes", TR_TEXT_MAX);
    CHECK(dec_str(d, TC_CHANNEL, "channel", t->channel, sizeof(t->channel), false));
    CHECK(dec_str(d, TC_LANGUAGE, "language", t->language, sizeof(t->language), false));
    CHECK(dec_str(d, TC_PRODUCT_AREA, "product_area", t->product_area, sizeof(t->product_area),
                  false));
    return dec_long(d, TC_CREATED_AT, &t->created_at_ms);
}

int codec_ticket_decode(codec *c, const void *buf, size_t len, struct ticket *out, char *err,
                        size_t errlen)
{
    struct dec d = {c, &c->types[CODEC_TICKET_CREATED], err, errlen};
    memset(out, 0, sizeof(*out));
    int rc = codec_read(c, CODEC_TICKET_CREATED, buf, len, err, errlen);
    if (rc == 0)
        rc = ticket_from_value(&d, out);
    if (rc != 0)
        ticket_clear(out);
    return rc;
}

static int ticket_event_from_value(struct dec *d, struct ticket_event *e)
{
    int type;
    CHECK(dec_str(d, TE_EVENT_ID, "event_id", e->event_id, sizeof(e->event_id), true));
    CHECK(dec_str(d, TE_TICKET_ID, "ticket_id", e->ticket_id, sizeof(e->ticket_id), false));
    CHECK(dec_enum(d, TE_TYPE, &type));
    e->type = type >= 0 && type < TICKET_EVENT_UNKNOWN ? (enum ticket_event_type)type
                                                       : TICKET_EVENT_UNKNOWN;
    CHECK(dec_str(d, TE_AGENT_ID, "agent_id", e->agent_id, sizeof(e->agent_id), false));
    CHECK(dec_str(d, TE_TEAM, "team", e->team, sizeof(e->team), false));
    CHECK(dec_str(d, TE_PREVIOUS_AGENT_ID, "previous_agent_id", e->previous_agent_id,
                  sizeof(e->previous_agent_id), false));
    CHECK(dec_str(d, TE_PREVIOUS_TEAM, "previous_team", e->previous_team, sizeof(e->previous_team),
                  false));
    CHECK(dec_str(d, TE_CORRECT_CATEGORY, "correct_category", e->correct_category,
                  sizeof(e->correct_category), false));
    CHECK(dec_str(d, TE_PRESENCE, "presence", e->presence, sizeof(e->presence), false));
    CHECK(dec_str(d, TE_REASON, "reason", e->reason, sizeof(e->reason), false));
    return dec_long(d, TE_OCCURRED_AT, &e->occurred_at_ms);
}

int codec_ticket_event_decode(codec *c, const void *buf, size_t len, struct ticket_event *out,
                              char *err, size_t errlen)
{
    struct dec d = {c, &c->types[CODEC_TICKET_EVENT], err, errlen};
    memset(out, 0, sizeof(*out));
    int rc = codec_read(c, CODEC_TICKET_EVENT, buf, len, err, errlen);
    if (rc == 0)
        rc = ticket_event_from_value(&d, out);
    if (rc != 0)
        memset(out, 0, sizeof(*out));
    return rc;
}

static int dec_top_classes(struct dec *d, struct route_decision *r)
{
    avro_value_t arr, item, v;
    size_t n = 0;
    CHECK(dec_field(d, RD_TOP_CLASSES, &arr));
    if (avro_value_get_size(&arr, &n) != 0)
        return dec_fail(d, TR_EDECODE, "avro: %s", avro_strerror());
    if (n > TR_TOP_CLASSES)
        return dec_fail(d, TR_EDECODE, "%s has more than %zu items", "top_classes",
                        (size_t)TR_TOP_CLASSES);
    for (size_t i = 0; i < n; i++) {
        if (avro_value_get_by_index(&arr, i, &item, NULL) != 0 ||
            avro_value_get_by_index(&item, (size_t)d->c->score_category, &v, NULL) != 0)
            return dec_fail(d, TR_EDECODE, "avro: %s", avro_strerror());
        CHECK(dec_str_value(d, &v, "top_classes category", r->top[i].category,
                            sizeof(r->top[i].category), false));
        if (avro_value_get_by_index(&item, (size_t)d->c->score_confidence, &v, NULL) != 0)
            return dec_fail(d, TR_EDECODE, "avro: %s", avro_strerror());
        CHECK(dec_double(d, &v, "top_classes confidence", &r->top[i].confidence));
    }
    r->n_top = n;
    return 0;
}

static int decision_from_value(struct dec *d, struct route_decision *r)
{
    int tier, priority, mode;
    avro_value_t v;
    CHECK(dec_str(d, RD_DECISION_ID, "decision_id", r->decision_id, sizeof(r->decision_id), true));
    CHECK(dec_str(d, RD_TICKET_ID, "ticket_id", r->ticket_id, sizeof(r->ticket_id), true));
    CHECK(dec_str(d, RD_CUSTOMER_ID, "customer_id", r->customer_id, sizeof(r->customer_id), false));
    CHECK(dec_enum(d, RD_CUSTOMER_TIER, &tier));
    r->customer_tier = (enum tier)tier; /* symbols in enum tier order; range checked by the walk */
    CHECK(dec_bool(d, RD_CUSTOMER_KNOWN, &r->customer_known));
    CHECK(dec_str(d, RD_TEAM, "team", r->team, sizeof(r->team), false));
    CHECK(dec_str(d, RD_QUEUE, "queue", r->queue, sizeof(r->queue), false));
    CHECK(dec_str(d, RD_AGENT_ID, "agent_id", r->agent_id, sizeof(r->agent_id), false));
    CHECK(dec_enum(d, RD_PRIORITY, &priority));
    r->priority = (enum priority)(PRIORITY_P1 + priority);
    CHECK(dec_long(d, RD_FIRST_RESPONSE_DUE, &r->first_response_due_ms));
    CHECK(dec_str(d, RD_CATEGORY, "category", r->category, sizeof(r->category), false));
    CHECK(dec_field(d, RD_CONFIDENCE, &v));
    CHECK(dec_double(d, &v, "confidence", &r->confidence));
    CHECK(dec_top_classes(d, r));
    CHECK(dec_str(d, RD_LANGUAGE, "language", r->language, sizeof(r->language), false));
    CHECK(dec_bool(d, RD_FALLBACK, &r->fallback));
    CHECK(dec_enum(d, RD_MODE, &mode));
    r->mode = (enum route_mode)mode;
    CHECK(dec_str(d, RD_MODEL_VERSION, "model_version", r->model_version, sizeof(r->model_version),
                  false));
    CHECK(dec_reasons(d, RD_REASONS, "reasons", &r->reasons));
    CHECK(dec_reasons(d, RD_RULES_FIRED, "rules_fired", &r->rules_fired));
    CHECK(dec_long(d, RD_DECIDED_AT, &r->decided_at_ms));
    return dec_long(d, RD_LATENCY_US, &r->latency_us);
}

int codec_decision_decode(codec *c, const void *buf, size_t len, struct route_decision *out,
                          char *err, size_t errlen)
{
    struct dec d = {c, &c->types[CODEC_ROUTING_DECISION], err, errlen};
    memset(out, 0, sizeof(*out));
    int rc = codec_read(c, CODEC_ROUTING_DECISION, buf, len, err, errlen);
    if (rc == 0)
        rc = decision_from_value(&d, out);
    if (rc != 0)
        memset(out, 0, sizeof(*out));
    return rc;
}

static int escalation_from_value(struct dec *d, struct escalation *e)
{
    int kind, severity;
    CHECK(dec_str(d, ES_ESCALATION_ID, "escalation_id", e->escalation_id, sizeof(e->escalation_id),
                  true));
    CHECK(dec_str(d, ES_TICKET_ID, "ticket_id", e->ticket_id, sizeof(e->ticket_id), true));
    CHECK(dec_str(d, ES_CUSTOMER_ID, "customer_id", e->customer_id, sizeof(e->customer_id), false));
    CHECK(dec_enum(d, ES_KIND, &kind));
    e->kind = (enum escalation_kind)kind;
    CHECK(dec_enum(d, ES_SEVERITY, &severity));
    e->severity = (enum severity)severity;
    CHECK(dec_str(d, ES_INCIDENT_ID, "incident_id", e->incident_id, sizeof(e->incident_id), false));
    CHECK(dec_str(d, ES_TEAM, "team", e->team, sizeof(e->team), false));
    CHECK(dec_str_array(d, ES_NOTIFY, "notify", &e->notify[0][0], TR_NOTIFY_MAX,
                        sizeof(e->notify[0]), &e->n_notify));
    CHECK(dec_str(d, ES_SUMMARY, "summary", e->summary, sizeof(e->summary), false));
    CHECK(dec_reasons(d, ES_REASONS, "reasons", &e->reasons));
    return dec_long(d, ES_CREATED_AT, &e->created_at_ms);
}

int codec_escalation_decode(codec *c, const void *buf, size_t len, struct escalation *out,
                            char *err, size_t errlen)
{
    struct dec d = {c, &c->types[CODEC_ESCALATION], err, errlen};
    memset(out, 0, sizeof(*out));
    int rc = codec_read(c, CODEC_ESCALATION, buf, len, err, errlen);
    if (rc == 0)
        rc = escalation_from_value(&d, out);
    if (rc != 0)
        memset(out, 0, sizeof(*out));
    return rc;
}

/* ---- encoding ---- */

static int avro_rc(int rc)
{
    return rc == 0 ? 0 : TR_ENOMEM; /* avro-c setters fail only when allocation fails */
}

static int enc_field(codec *c, enum codec_schema which, int f, avro_value_t *out)
{
    struct codec_type *type = &c->types[which];
    return avro_value_get_by_index(&type->value, (size_t)type->field[f], out, NULL) == 0
               ? 0
               : TR_EINVAL;
}

static int enc_text(codec *c, avro_value_t *v, const char *s, size_t n)
{
    const char *p = codec_utf8_repair(&c->scratch, &c->scratch_cap, s, n);
    if (!p)
        return TR_ENOMEM;
    if (p == s && s[n] != '\0')
        return TR_EINVAL; /* set_string_len wants the NUL inside the length */
    return avro_rc(avro_value_set_string_len(v, p, n + 1));
}

/* A fixed-size field's text; one without a NUL within max bytes is a bug of the caller. */
static int enc_fixed_text(codec *c, avro_value_t *v, const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    return n < max ? enc_text(c, v, s, n) : TR_EINVAL;
}

static int enc_str(codec *c, enum codec_schema which, int f, const char *s, size_t max)
{
    avro_value_t v;
    CHECK(enc_field(c, which, f, &v));
    return enc_fixed_text(c, &v, s, max);
}

/* Optional fields are ["null", T]: "" (or 0 for timestamps) is written as null. */
static int enc_branch(codec *c, enum codec_schema which, int f, bool present, avro_value_t *out)
{
    avro_value_t v;
    CHECK(enc_field(c, which, f, &v));
    CHECK(avro_rc(avro_value_set_branch(&v, present ? 1 : 0, out)));
    return present ? 0 : avro_rc(avro_value_set_null(out));
}

static int enc_opt_str(codec *c, enum codec_schema which, int f, const char *s, size_t max)
{
    avro_value_t branch;
    CHECK(enc_branch(c, which, f, s[0] != '\0', &branch));
    return s[0] ? enc_fixed_text(c, &branch, s, max) : 0;
}

static int enc_long(codec *c, enum codec_schema which, int f, int64_t x)
{
    avro_value_t v;
    CHECK(enc_field(c, which, f, &v));
    return avro_rc(avro_value_set_long(&v, x));
}

static int enc_enum(codec *c, enum codec_schema which, int f, int x, int n_symbols)
{
    avro_value_t v;
    if (x < 0 || x >= n_symbols)
        return TR_EINVAL;
    CHECK(enc_field(c, which, f, &v));
    return avro_rc(avro_value_set_enum(&v, x));
}

static int enc_bool(codec *c, enum codec_schema which, int f, bool x)
{
    avro_value_t v;
    CHECK(enc_field(c, which, f, &v));
    return avro_rc(avro_value_set_boolean(&v, x ? 1 : 0));
}

static int enc_str_array(codec *c, enum codec_schema which, int f, const char *items, size_t n,
                         size_t max, size_t itemlen)
{
    avro_value_t arr, item;
    if (n > max)
        return TR_EINVAL;
    CHECK(enc_field(c, which, f, &arr));
    for (size_t i = 0; i < n; i++) {
        CHECK(avro_rc(avro_value_append(&arr, &item, NULL)));
        CHECK(enc_fixed_text(c, &item, items + i * itemlen, itemlen));
    }
    return 0;
}

static int enc_reasons(codec *c, enum codec_schema which, int f, const struct reason_list *list)
{
    return enc_str_array(c, which, f, &list->items[0][0], list->n, TR_REASONS_MAX, TR_REASON_MAX);
}

static int enc_begin(codec *c, enum codec_schema which, void **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    /* Empties the arrays; every other field is set below. */
    return avro_rc(avro_value_reset(&c->types[which].value));
}

static int ticket_to_value(codec *c, const struct ticket *t)
{
    const enum codec_schema w = CODEC_TICKET_CREATED;
    avro_value_t v;
    const char *subject = t->subject ? t->subject : "";
    const char *body = t->body ? t->body : "";
    CHECK(enc_str(c, w, TC_TICKET_ID, t->ticket_id, sizeof(t->ticket_id)));
    CHECK(enc_str(c, w, TC_CUSTOMER_ID, t->customer_id, sizeof(t->customer_id)));
    CHECK(enc_opt_str(c, w, TC_REQUESTER_EMAIL, t->requester_email, sizeof(t->requester_email)));
    CHECK(enc_field(c, w, TC_SUBJECT, &v));
    CHECK(enc_text(c, &v, subject, strlen(subject)));
    CHECK(enc_field(c, w, TC_BODY, &v));
    CHECK(enc_text(c, &v, body, strlen(body)));
    CHECK(enc_opt_str(c, w, TC_CHANNEL, t->channel, sizeof(t->channel)));
    CHECK(enc_opt_str(c, w, TC_LANGUAGE, t->language, sizeof(t->language)));
    CHECK(enc_opt_str(c, w, TC_PRODUCT_AREA, t->product_area, sizeof(t->product_area)));
    return enc_long(c, w, TC_CREATED_AT, t->created_at_ms);
}

int codec_ticket_encode(codec *c, const struct ticket *ticket, void **buf, size_t *len)
{
    int rc = enc_begin(c, CODEC_TICKET_CREATED, buf, len);
    if (rc == 0)
        rc = ticket_to_value(c, ticket);
    return rc == 0 ? codec_write(c, CODEC_TICKET_CREATED, buf, len) : rc;
}

static int ticket_event_to_value(codec *c, const struct ticket_event *e)
{
    const enum codec_schema w = CODEC_TICKET_EVENT;
    CHECK(enc_str(c, w, TE_EVENT_ID, e->event_id, sizeof(e->event_id)));
    CHECK(enc_opt_str(c, w, TE_TICKET_ID, e->ticket_id, sizeof(e->ticket_id)));
    CHECK(enc_enum(c, w, TE_TYPE, (int)e->type, TICKET_EVENT_UNKNOWN + 1));
    CHECK(enc_opt_str(c, w, TE_AGENT_ID, e->agent_id, sizeof(e->agent_id)));
    CHECK(enc_opt_str(c, w, TE_TEAM, e->team, sizeof(e->team)));
    CHECK(enc_opt_str(c, w, TE_PREVIOUS_AGENT_ID, e->previous_agent_id,
                      sizeof(e->previous_agent_id)));
    CHECK(enc_opt_str(c, w, TE_PREVIOUS_TEAM, e->previous_team, sizeof(e->previous_team)));
    CHECK(enc_opt_str(c, w, TE_CORRECT_CATEGORY, e->correct_category, sizeof(e->correct_category)));
    CHECK(enc_opt_str(c, w, TE_PRESENCE, e->presence, sizeof(e->presence)));
    CHECK(enc_opt_str(c, w, TE_REASON, e->reason, sizeof(e->reason)));
    return enc_long(c, w, TE_OCCURRED_AT, e->occurred_at_ms);
}

int codec_ticket_event_encode(codec *c, const struct ticket_event *event, void **buf, size_t *len)
{
    int rc = enc_begin(c, CODEC_TICKET_EVENT, buf, len);
    if (rc == 0)
        rc = ticket_event_to_value(c, event);
    return rc == 0 ? codec_write(c, CODEC_TICKET_EVENT, buf, len) : rc;
}

static int decision_top_to_value(codec *c, const struct route_decision *r)
{
    avro_value_t arr, item, v;
    if (r->n_top > TR_TOP_CLASSES)
        return TR_EINVAL;
    CHECK(enc_field(c, CODEC_ROUTING_DECISION, RD_TOP_CLASSES, &arr));
    for (size_t i = 0; i < r->n_top; i++) {
        CHECK(avro_rc(avro_value_append(&arr, &item, NULL)));
        CHECK(avro_rc(avro_value_get_by_index(&item, (size_t)c->score_category, &v, NULL)));
        CHECK(enc_fixed_text(c, &v, r->top[i].category, sizeof(r->top[i].category)));
        CHECK(avro_rc(avro_value_get_by_index(&item, (size_t)c->score_confidence, &v, NULL)));
        CHECK(avro_rc(avro_value_set_double(&v, r->top[i].confidence)));
    }
    return 0;
}

static int decision_to_value(codec *c, const struct route_decision *r)
{
    const enum codec_schema w = CODEC_ROUTING_DECISION;
    avro_value_t v;
    CHECK(enc_str(c, w, RD_DECISION_ID, r->decision_id, sizeof(r->decision_id)));
    CHECK(enc_str(c, w, RD_TICKET_ID, r->ticket_id, sizeof(r->ticket_id)));
    CHECK(enc_str(c, w, RD_CUSTOMER_ID, r->customer_id, sizeof(r->customer_id)));
    CHECK(enc_enum(c, w, RD_CUSTOMER_TIER, (int)r->customer_tier, TIER_ENTERPRISE + 1));
    CHECK(enc_bool(c, w, RD_CUSTOMER_KNOWN, r->customer_known));
    CHECK(enc_str(c, w, RD_TEAM, r->team, sizeof(r->team)));
    CHECK(enc_str(c, w, RD_QUEUE, r->queue, sizeof(r->queue)));
    CHECK(enc_opt_str(c, w, RD_AGENT_ID, r->agent_id, sizeof(r->agent_id)));
    CHECK(enc_enum(c, w, RD_PRIORITY, (int)r->priority - PRIORITY_P1, 4));
    CHECK(enc_branch(c, w, RD_FIRST_RESPONSE_DUE, r->first_response_due_ms != 0, &v));
    if (r->first_response_due_ms != 0)
        CHECK(avro_rc(avro_value_set_long(&v, r->first_response_due_ms)));
    CHECK(enc_str(c, w, RD_CATEGORY, r->category, sizeof(r->category)));
    CHECK(enc_field(c, w, RD_CONFIDENCE, &v));
    CHECK(avro_rc(avro_value_set_double(&v, r->confidence)));
    CHECK(decision_top_to_value(c, r));
    CHECK(enc_opt_str(c, w, RD_LANGUAGE, r->language, sizeof(r->language)));
    CHECK(enc_bool(c, w, RD_FALLBACK, r->fallback));
    CHECK(enc_enum(c, w, RD_MODE, (int)r->mode, ROUTE_MODE_SHADOW + 1));
    CHECK(enc_opt_str(c, w, RD_MODEL_VERSION, r->model_version, sizeof(r->model_version)));
    CHECK(enc_reasons(c, w, RD_REASONS, &r->reasons));
    CHECK(enc_reasons(c, w, RD_RULES_FIRED, &r->rules_fired));
    CHECK(enc_long(c, w, RD_DECIDED_AT, r->decided_at_ms));
    return enc_long(c, w, RD_LATENCY_US, r->latency_us);
}

int codec_decision_encode(codec *c, const struct route_decision *decision, void **buf, size_t *len)
{
    int rc = enc_begin(c, CODEC_ROUTING_DECISION, buf, len);
    if (rc == 0)
        rc = decision_to_value(c, decision);
    return rc == 0 ? codec_write(c, CODEC_ROUTING_DECISION, buf, len) : rc;
}

static int escalation_to_value(codec *c, const struct escalation *e)
{
    const enum codec_schema w = CODEC_ESCALATION;
    CHECK(enc_str(c, w, ES_ESCALATION_ID, e->escalation_id, sizeof(e->escalation_id)));
    CHECK(enc_str(c, w, ES_TICKET_ID, e->ticket_id, sizeof(e->ticket_id)));
    CHECK(enc_str(c, w, ES_CUSTOMER_ID, e->customer_id, sizeof(e->customer_id)));
    CHECK(enc_enum(c, w, ES_KIND, (int)e->kind, ESCALATION_CHURN_THREAT + 1));
    CHECK(enc_enum(c, w, ES_SEVERITY, (int)e->severity, SEVERITY_CRITICAL + 1));
    CHECK(enc_opt_str(c, w, ES_INCIDENT_ID, e->incident_id, sizeof(e->incident_id)));
    CHECK(enc_str(c, w, ES_TEAM, e->team, sizeof(e->team)));
    CHECK(enc_str_array(c, w, ES_NOTIFY, &e->notify[0][0], e->n_notify, TR_NOTIFY_MAX,
                        sizeof(e->notify[0])));
    CHECK(enc_str(c, w, ES_SUMMARY, e->summary, sizeof(e->summary)));
    CHECK(enc_reasons(c, w, ES_REASONS, &e->reasons));
    return enc_long(c, w, ES_CREATED_AT, e->created_at_ms);
}

int codec_escalation_encode(codec *c, const struct escalation *esc, void **buf, size_t *len)
{
    int rc = enc_begin(c, CODEC_ESCALATION, buf, len);
    if (rc == 0)
        rc = escalation_to_value(c, esc);
    return rc == 0 ? codec_write(c, CODEC_ESCALATION, buf, len) : rc;
}
