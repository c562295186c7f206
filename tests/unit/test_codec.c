/* test_codec: Avro round trips of every schema, rejection of invalid input with its reason,
 * hostile bytes that must never crash, and the embedded schemas equal to proto/. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/codec.h"
#include "common/error.h"
#include "domain/domain.h"

static int setup(void **state)
{
    char err[256] = "";
    codec *c = codec_new(NULL, err, sizeof(err));
    if (!c)
        fprintf(stderr, "codec_new: %s\n", err);
    *state = c;
    return c ? 0 : -1;
}

static int teardown(void **state)
{
    codec_free(*state);
    return 0;
}

static void fill_ticket(struct ticket *t, int full)
{
    memset(t, 0, sizeof(*t));
    strcpy(t->ticket_id, "T-1001");
    strcpy(t->customer_id, "acme");
    t->subject = strdup(full ? "Can't log in \xc3\xa9t\xc3\xa9" : "");
    t->body = strdup(full ? "Since this morning I cannot access my account. Losing money!" : "");
    if (full) {
        strcpy(t->requester_email, "ana@acme.example");
        strcpy(t->channel, "email");
        strcpy(t->language, "pt-BR");
        strcpy(t->product_area, "accounts");
    }
    t->created_at_ms = 1700000000123;
}

static void assert_ticket_equal(const struct ticket *a, const struct ticket *b)
{
    assert_string_equal(a->ticket_id, b->ticket_id);
    assert_string_equal(a->customer_id, b->customer_id);
    assert_string_equal(a->requester_email, b->requester_email);
    assert_string_equal(a->subject, b->subject);
    assert_string_equal(a->body, b->body);
    assert_string_equal(a->channel, b->channel);
    assert_string_equal(a->language, b->language);
    assert_string_equal(a->product_area, b->product_area);
    assert_int_equal(a->created_at_ms, b->created_at_ms);
}

static void roundtrip_ticket(codec *c, int full)
{
    struct ticket in, out;
    void *buf = NULL;
    size_t len = 0;
    char err[256] = "";
    fill_ticket(&in, full);
    assert_int_equal(codec_ticket_encode(c, &in, &buf, &len), 0);
    assert_true(len > 5);
    int rc = codec_ticket_decode(c, buf, len, &out, err, sizeof(err));
    if (rc != 0)
        fprintf(stderr, "decode: %s\n", err);
    assert_int_equal(rc, 0);
    assert_ticket_equal(&in, &out);
    ticket_clear(&in);
    ticket_clear(&out);
    free(buf);
}

static void test_ticket_roundtrip_all_fields(void **state)
{
    roundtrip_ticket(*state, 1);
}

static void test_ticket_roundtrip_optional_absent(void **state)
{
    roundtrip_ticket(*state, 0);
}

static void fill_decision(struct route_decision *d, int full)
{
    memset(d, 0, sizeof(*d));
    strcpy(d->decision_id, "dec-T-1001");
    strcpy(d->ticket_id, "T-1001");
    strcpy(d->customer_id, "acme");
    d->customer_tier = TIER_ENTERPRISE;
    d->customer_known = true;
    strcpy(d->team, "accounts");
    strcpy(d->queue, "default");
    d->priority = PRIORITY_P2;
    strcpy(d->category, "login_issue");
    d->confidence = 0.875;
    d->mode = ROUTE_MODE_LIVE;
    d->decided_at_ms = 1700000000999;
    d->latency_us = 420;
    if (full) {
        strcpy(d->agent_id, "agent-7");
        d->first_response_due_ms = 1700000360000;
        d->n_top = 3;
        strcpy(d->top[0].category, "login_issue");
        d->top[0].confidence = 0.875;
        strcpy(d->top[1].category, "billing");
        d->top[1].confidence = 0.1;
        strcpy(d->top[2].category, "other");
        d->top[2].confidence = 0.025;
        strcpy(d->language, "en");
        d->fallback = true;
        d->mode = ROUTE_MODE_SHADOW;
        strcpy(d->model_version, "nb-2024-01");
        reason_list_addf(&d->reasons, "class login_issue %.2f", 0.875);
        reason_list_addf(&d->reasons, "agent %s: lowest load", "agent-7");
        reason_list_addf(&d->rules_fired, "enterprise-senior");
    }
}

static void assert_decision_equal(const struct route_decision *a, const struct route_decision *b)
{
    assert_string_equal(a->decision_id, b->decision_id);
    assert_string_equal(a->ticket_id, b->ticket_id);
    assert_string_equal(a->customer_id, b->customer_id);
    assert_int_equal(a->customer_tier, b->customer_tier);
    assert_int_equal(a->customer_known, b->customer_known);
    assert_string_equal(a->team, b->team);
    assert_string_equal(a->queue, b->queue);
    assert_string_equal(a->agent_id, b->agent_id);
    assert_int_equal(a->priority, b->priority);
    assert_int_equal(a->first_response_due_ms, b->first_response_due_ms);
    assert_string_equal(a->category, b->category);
    assert_true(a->confidence == b->confidence);
    assert_int_equal(a->n_top, b->n_top);
    for (size_t i = 0; i < a->n_top; i++) {
        assert_string_equal(a->top[i].category, b->top[i].category);
        assert_true(a->top[i].confidence == b->top[i].confidence);
    }
    assert_string_equal(a->language, b->language);
    assert_int_equal(a->fallback, b->fallback);
    assert_int_equal(a->mode, b->mode);
    assert_string_equal(a->model_version, b->model_version);
    assert_int_equal(a->reasons.n, b->reasons.n);
    for (size_t i = 0; i < a->reasons.n; i++)
        assert_string_equal(a->reasons.items[i], b->reasons.items[i]);
    assert_int_equal(a->rules_fired.n, b->rules_fired.n);
    for (size_t i = 0; i < a->rules_fired.n; i++)
        assert_string_equal(a->rules_fired.items[i], b->rules_fired.items[i]);
    assert_int_equal(a->decided_at_ms, b->decided_at_ms);
    assert_int_equal(a->latency_us, b->latency_us);
}

static void roundtrip_decision(codec *c, int full)
{
    struct route_decision in, out;
    void *buf = NULL;
    size_t len = 0;
    char err[256] = "";
    fill_decision(&in, full);
    assert_int_equal(codec_decision_encode(c, &in, &buf, &len), 0);
    int rc = codec_decision_decode(c, buf, len, &out, err, sizeof(err));
    if (rc != 0)
        fprintf(stderr, "decode: %s\n", err);
    assert_int_equal(rc, 0);
    assert_decision_equal(&in, &out);
    free(buf);
}

static void test_decision_roundtrip_all_fields(void **state)
{
    roundtrip_decision(*state, 1);
}

static void test_decision_roundtrip_optional_absent(void **state)
{
    roundtrip_decision(*state, 0);
}

static void fill_event(struct ticket_event *e, int full)
{
    memset(e, 0, sizeof(*e));
    strcpy(e->event_id, "ev-1");
    e->type = full ? TICKET_EVENT_REASSIGNED : TICKET_EVENT_AGENT_PRESENCE;
    e->occurred_at_ms = 1700000001000;
    if (full) {
        strcpy(e->ticket_id, "T-1001");
        strcpy(e->agent_id, "agent-9");
        strcpy(e->team, "billing");
        strcpy(e->previous_agent_id, "agent-7");
        strcpy(e->previous_team, "accounts");
        strcpy(e->correct_category, "billing_dispute");
        strcpy(e->presence, "online");
        strcpy(e->reason, "customer asked about an invoice");
    }
}

static void roundtrip_event(codec *c, int full)
{
    struct ticket_event in, out;
    void *buf = NULL;
    size_t len = 0;
    char err[256] = "";
    fill_event(&in, full);
    assert_int_equal(codec_ticket_event_encode(c, &in, &buf, &len), 0);
    int rc = codec_ticket_event_decode(c, buf, len, &out, err, sizeof(err));
    if (rc != 0)
        fprintf(stderr, "decode: %s\n", err);
    assert_int_equal(rc, 0);
    assert_string_equal(in.event_id, out.event_id);
    assert_string_equal(in.ticket_id, out.ticket_id);
    assert_int_equal(in.type, out.type);
    assert_string_equal(in.agent_id, out.agent_id);
    assert_string_equal(in.team, out.team);
    assert_string_equal(in.previous_agent_id, out.previous_agent_id);
    assert_string_equal(in.previous_team, out.previous_team);
    assert_string_equal(in.correct_category, out.correct_category);
    assert_string_equal(in.presence, out.presence);
    assert_string_equal(in.reason, out.reason);
    assert_int_equal(in.occurred_at_ms, out.occurred_at_ms);
    free(buf);
}

static void test_event_roundtrip_all_fields(void **state)
{
    roundtrip_event(*state, 1);
}

static void test_event_roundtrip_optional_absent(void **state)
{
    roundtrip_event(*state, 0);
}

static void test_event_roundtrip_every_type(void **state)
{
    for (int type = TICKET_EVENT_ASSIGNED; type <= TICKET_EVENT_UNKNOWN; type++) {
        struct ticket_event in, out;
        void *buf = NULL;
        size_t len = 0;
        char err[256] = "";
        fill_event(&in, 1);
        in.type = (enum ticket_event_type)type;
        assert_int_equal(codec_ticket_event_encode(*state, &in, &buf, &len), 0);
        assert_int_equal(codec_ticket_event_decode(*state, buf, len, &out, err, sizeof(err)), 0);
        assert_int_equal(out.type, type);
        free(buf);
    }
}

static void fill_escalation(struct escalation *e, int full)
{
    memset(e, 0, sizeof(*e));
    strcpy(e->escalation_id, "esc-T-1001-OUTAGE");
    strcpy(e->ticket_id, "T-1001");
    strcpy(e->customer_id, "acme");
    e->kind = full ? ESCALATION_OUTAGE : ESCALATION_AFTER_HOURS_VALUE;
    e->severity = full ? SEVERITY_CRITICAL : SEVERITY_LOW;
    strcpy(e->team, "technical");
    strcpy(e->summary, "");
    e->created_at_ms = 1700000002000;
    if (full) {
        strcpy(e->incident_id, "inc-42");
        e->n_notify = TR_NOTIFY_MAX;
        for (size_t i = 0; i < TR_NOTIFY_MAX; i++)
            snprintf(e->notify[i], sizeof(e->notify[i]), "slack:#ops-%zu", i);
        strcpy(e->summary, "5 customers report login failures within 3 minutes");
        for (int i = 0; i < TR_REASONS_MAX; i++)
            reason_list_addf(&e->reasons, "reason %d", i);
    }
}

static void roundtrip_escalation(codec *c, int full)
{
    struct escalation in, out;
    void *buf = NULL;
    size_t len = 0;
    char err[256] = "";
    fill_escalation(&in, full);
    assert_int_equal(codec_escalation_encode(c, &in, &buf, &len), 0);
    int rc = codec_escalation_decode(c, buf, len, &out, err, sizeof(err));
    if (rc != 0)
        fprintf(stderr, "decode: %s\n", err);
    assert_int_equal(rc, 0);
    assert_string_equal(in.escalation_id, out.escalation_id);
    assert_string_equal(in.ticket_id, out.ticket_id);
    assert_string_equal(in.customer_id, out.customer_id);
    assert_int_equal(in.kind, out.kind);
    assert_int_equal(in.severity, out.severity);
    assert_string_equal(in.incident_id, out.incident_id);
    assert_string_equal(in.team, out.team);
    assert_int_equal(in.n_notify, out.n_notify);
    for (size_t i = 0; i < in.n_notify; i++)
        assert_string_equal(in.notify[i], out.notify[i]);
    assert_string_equal(in.summary, out.summary);
    assert_int_equal(in.reasons.n, out.reasons.n);
    for (size_t i = 0; i < in.reasons.n; i++)
        assert_string_equal(in.reasons.items[i], out.reasons.items[i]);
    assert_int_equal(in.created_at_ms, out.created_at_ms);
    free(buf);
}

static void test_escalation_roundtrip_all_fields(void **state)
{
    roundtrip_escalation(*state, 1);
}

static void test_escalation_roundtrip_optional_absent(void **state)
{
    roundtrip_escalation(*state, 0);
}

/* Every kind survives the wire, CHURN_THREAT (added last, after the enum's default) too; a kind
 * past the schema's symbols is refused. */
static void test_escalation_every_kind_roundtrips(void **state)
{
    codec *c = *state;
    char err[256];
    for (int k = ESCALATION_SECURITY; k <= ESCALATION_CHURN_THREAT; k++) {
        struct escalation in, out;
        fill_escalation(&in, 0);
        in.kind = (enum escalation_kind)k;
        void *buf = NULL;
        size_t len = 0;
        assert_int_equal(codec_escalation_encode(c, &in, &buf, &len), 0);
        assert_int_equal(codec_escalation_decode(c, buf, len, &out, err, sizeof(err)), 0);
        assert_int_equal(out.kind, k);
        free(buf);
    }
    struct escalation bad;
    fill_escalation(&bad, 0);
    bad.kind = (enum escalation_kind)(ESCALATION_CHURN_THREAT + 1);
    void *buf = NULL;
    size_t len = 0;
    assert_int_not_equal(codec_escalation_encode(c, &bad, &buf, &len), 0);
    free(buf);
}

/* ---- hand-built TicketCreated bytes, for what our encoder would never write ---- */

struct bytes {
    unsigned char *p;
    size_t len, cap;
};

static void put(struct bytes *b, const void *src, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 64;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
    memcpy(b->p + b->len, src, n);
    b->len += n;
}

static void put_long(struct bytes *b, int64_t v)
{
    uint64_t z = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
    do {
        unsigned char byte = (unsigned char)(z & 0x7F);
        z >>= 7;
        if (z)
            byte |= 0x80;
        put(b, &byte, 1);
    } while (z);
}

static void put_str(struct bytes *b, const char *s, size_t n)
{
    put_long(b, (int64_t)n);
    put(b, s, n);
}

static void put_header(struct bytes *b, uint32_t id)
{
    unsigned char h[5] = {0, (unsigned char)(id >> 24), (unsigned char)(id >> 16),
                          (unsigned char)(id >> 8), (unsigned char)id};
    put(b, h, 5);
}

/* A TicketCreated with the given strings (NULL optional: null). */
static struct bytes ticket_bytes(const char *ticket_id, size_t ticket_id_len, const char *subject,
                                 size_t subject_len, const char *body, size_t body_len,
                                 const char *channel)
{
    struct bytes b = {0};
    put_header(&b, CODEC_SCHEMA_ID_TICKET_CREATED);
    put_str(&b, ticket_id, ticket_id_len);
    put_str(&b, "acme", 4);
    put_long(&b, 0); /* requester_email: null */
    put_str(&b, subject, subject_len);
    put_str(&b, body, body_len);
    if (channel) {
        put_long(&b, 1);
        put_str(&b, channel, strlen(channel));
    } else {
        put_long(&b, 0);
    }
    put_long(&b, 0); /* language */
    put_long(&b, 0); /* product_area */
    put_long(&b, 1700000000000);
    return b;
}

static void assert_ticket_rejected(codec *c, const void *buf, size_t len, int want_rc,
                                   const char *want_reason)
{
    struct ticket out;
    char err[256] = "";
    int rc = codec_ticket_decode(c, buf, len, &out, err, sizeof(err));
    if (rc != want_rc || !strstr(err, want_reason))
        fprintf(stderr, "rc=%d err='%s' want rc=%d reason containing '%s'\n", rc, err, want_rc,
                want_reason);
    assert_int_equal(rc, want_rc);
    assert_non_null(strstr(err, want_reason));
    assert_null(out.subject); /* nothing left to free */
    assert_null(out.body);
}

static void test_decode_accepts_hand_built_ticket(void **state)
{
    struct bytes b = ticket_bytes("T-1", 3, "hi", 2, "body", 4, "chat");
    struct ticket out;
    char err[256] = "";
    assert_int_equal(codec_ticket_decode(*state, b.p, b.len, &out, err, sizeof(err)), 0);
    assert_string_equal(out.ticket_id, "T-1");
    assert_string_equal(out.channel, "chat");
    assert_string_equal(out.requester_email, "");
    assert_string_equal(out.subject, "hi");
    ticket_clear(&out);
    free(b.p);
}

static void test_decode_rejects_missing_magic_byte(void **state)
{
    struct bytes b = ticket_bytes("T-1", 3, "", 0, "", 0, NULL);
    b.p[0] = 1;
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "missing magic byte");
    assert_ticket_rejected(*state, b.p, 0, TR_EDECODE, "missing magic byte");
    free(b.p);
}

static void test_decode_rejects_truncated_header(void **state)
{
    static const unsigned char header[3] = {0, 0, 0};
    assert_ticket_rejected(*state, header, sizeof(header), TR_EDECODE, "schema id");
}

static void test_decode_rejects_unknown_schema_id(void **state)
{
    struct bytes b = ticket_bytes("T-1", 3, "", 0, "", 0, NULL);
    b.p[1] = b.p[2] = b.p[3] = 0;
    b.p[4] = 7;
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "unknown schema id 7");
    b.p[4] = CODEC_SCHEMA_ID_ROUTING_DECISION & 0xFF; /* another of ours is still wrong here */
    b.p[3] = CODEC_SCHEMA_ID_ROUTING_DECISION >> 8;
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "unknown schema id 1003");
    free(b.p);
}

static void test_decode_rejects_truncated_avro(void **state)
{
    struct bytes b = ticket_bytes("T-1", 3, "subject", 7, "body", 4, NULL);
    assert_ticket_rejected(*state, b.p, b.len - 1, TR_EDECODE, "avro: ");
    assert_ticket_rejected(*state, b.p, 5, TR_EDECODE, "avro: ");
    free(b.p);
}

static void test_decode_rejects_trailing_garbage(void **state)
{
    struct bytes b = ticket_bytes("T-1", 3, "", 0, "", 0, NULL);
    put(&b, "x", 1);
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "trailing garbage");
    free(b.p);
}

static void test_decode_rejects_missing_ticket_id(void **state)
{
    struct bytes b = ticket_bytes("", 0, "", 0, "", 0, NULL);
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "missing ticket_id");
    free(b.p);
}

static void test_decode_rejects_missing_customer_id(void **state)
{
    struct bytes b = {0};
    put_header(&b, CODEC_SCHEMA_ID_TICKET_CREATED);
    put_str(&b, "T-1", 3);
    put_str(&b, "", 0);
    put_long(&b, 0);
    put_str(&b, "", 0);
    put_str(&b, "", 0);
    put_long(&b, 0);
    put_long(&b, 0);
    put_long(&b, 0);
    put_long(&b, 1);
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "missing customer_id");
    free(b.p);
}

static void test_decode_rejects_long_ticket_id(void **state)
{
    char id[TR_ID_MAX];
    memset(id, 'x', sizeof(id));
    struct bytes ok = ticket_bytes(id, TR_ID_MAX - 1, "", 0, "", 0, NULL);
    struct ticket out;
    char err[256] = "";
    assert_int_equal(codec_ticket_decode(*state, ok.p, ok.len, &out, err, sizeof(err)), 0);
    assert_int_equal(strlen(out.ticket_id), TR_ID_MAX - 1);
    ticket_clear(&out);
    struct bytes b = ticket_bytes(id, TR_ID_MAX, "", 0, "", 0, NULL);
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "ticket_id longer than 127 bytes");
    free(ok.p);
    free(b.p);
}

static void test_decode_rejects_long_channel(void **state)
{
    char channel[TR_NAME_MAX + 1];
    memset(channel, 'c', TR_NAME_MAX);
    channel[TR_NAME_MAX] = '\0';
    struct bytes b = ticket_bytes("T-1", 3, "", 0, "", 0, channel);
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "channel longer than 63 bytes");
    free(b.p);
}

static void test_decode_rejects_invalid_utf8(void **state)
{
    struct bytes b = ticket_bytes("T-1", 3, "ok", 2, "caf\xc3", 4, NULL);
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "invalid UTF-8 in body");
    free(b.p);
    b = ticket_bytes("T-\xff", 3, "", 0, "", 0, NULL);
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "invalid UTF-8 in ticket_id");
    free(b.p);
    b = ticket_bytes("T-1", 3, "", 0, "", 0, "\xed\xa0\x80"); /* a surrogate */
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "invalid UTF-8 in channel");
    free(b.p);
}

static void test_decode_rejects_nul_byte(void **state)
{
    struct bytes b = ticket_bytes("T-1", 3, "a\0b", 3, "", 0, NULL);
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "NUL byte in subject");
    free(b.p);
}

static void test_decode_rejects_text_over_limit(void **state)
{
    char *body = malloc(TR_TEXT_MAX + 1);
    assert_non_null(body);
    memset(body, 'b', TR_TEXT_MAX + 1);
    struct bytes ok = ticket_bytes("T-1", 3, "", 0, body, TR_TEXT_MAX, NULL);
    struct ticket out;
    char err[256] = "";
    assert_int_equal(codec_ticket_decode(*state, ok.p, ok.len, &out, err, sizeof(err)), 0);
    ticket_clear(&out);
    struct bytes b = ticket_bytes("T-1", 3, "s", 1, body, TR_TEXT_MAX, NULL);
    assert_ticket_rejected(*state, b.p, b.len, TR_ETOOBIG, "text over 65536 bytes");
    free(body);
    free(ok.p);
    free(b.p);
}

static void test_decode_rejects_negative_and_huge_lengths(void **state)
{
    int64_t lengths[] = {-1, -2, INT64_MIN / 2, INT64_MAX, (int64_t)1 << 40, 1000};
    for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
        struct bytes b = {0};
        put_header(&b, CODEC_SCHEMA_ID_TICKET_CREATED);
        put_long(&b, lengths[i]);
        put(&b, "T-1", 3);
        assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "avro: ");
        free(b.p);
    }
}

static void test_decode_rejects_bad_union_branch(void **state)
{
    struct bytes b = {0};
    put_header(&b, CODEC_SCHEMA_ID_TICKET_CREATED);
    put_str(&b, "T-1", 3);
    put_str(&b, "acme", 4);
    put_long(&b, 2); /* requester_email: ["null", "string"] has no branch 2 */
    put_str(&b, "", 0);
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "union branch out of range");
    free(b.p);
}

static void test_decode_rejects_overlong_varint(void **state)
{
    struct bytes b = {0};
    put_header(&b, CODEC_SCHEMA_ID_TICKET_CREATED);
    for (int i = 0; i < 11; i++)
        put(&b, "\xff", 1);
    put(&b, "\x01", 1);
    assert_ticket_rejected(*state, b.p, b.len, TR_EDECODE, "varint too long");
    free(b.p);
}

static void test_decode_rejects_wrong_type(void **state)
{
    void *buf = NULL;
    size_t len = 0;
    struct route_decision d;
    struct ticket out;
    char err[256] = "";
    fill_decision(&d, 1);
    assert_int_equal(codec_decision_encode(*state, &d, &buf, &len), 0);
    assert_int_equal(codec_ticket_decode(*state, buf, len, &out, err, sizeof(err)), TR_EDECODE);
    assert_string_equal(err, "unknown schema id 1003");
    free(buf);
}

static void test_decode_decision_rejects_too_many_top_classes(void **state)
{
    struct bytes b = {0};
    struct route_decision out;
    char err[256] = "";
    put_header(&b, CODEC_SCHEMA_ID_ROUTING_DECISION);
    put_str(&b, "d-1", 3);
    put_str(&b, "T-1", 3);
    put_str(&b, "acme", 4);
    put_long(&b, 1);    /* PRO */
    put(&b, "\x01", 1); /* customer_known */
    put_str(&b, "billing", 7);
    put_str(&b, "default", 7);
    put_long(&b, 0); /* agent_id null */
    put_long(&b, 2); /* P3 */
    put_long(&b, 0); /* no SLA */
    put_str(&b, "billing", 7);
    put(&b, "\0\0\0\0\0\0\xe0\x3f", 8); /* 0.5 */
    put_long(&b, TR_TOP_CLASSES + 1);
    for (int i = 0; i <= TR_TOP_CLASSES; i++) {
        put_str(&b, "billing", 7);
        put(&b, "\0\0\0\0\0\0\xe0\x3f", 8);
    }
    put_long(&b, 0);
    put_long(&b, 0);    /* language null */
    put(&b, "\x00", 1); /* fallback */
    put_long(&b, 0);    /* LIVE */
    put_long(&b, 0);    /* model_version null */
    put_long(&b, 0);    /* reasons */
    put_long(&b, 0);    /* rules_fired */
    put_long(&b, 1700000000000);
    put_long(&b, 12);
    int rc = codec_decision_decode(*state, b.p, b.len, &out, err, sizeof(err));
    assert_int_equal(rc, TR_EDECODE);
    assert_string_equal(err, "top_classes has more than 3 items");
    free(b.p);
}

static void test_encode_rejects_out_of_range(void **state)
{
    void *buf = (void *)1;
    size_t len = 1;
    struct route_decision d;
    fill_decision(&d, 0);
    d.n_top = TR_TOP_CLASSES + 1;
    assert_int_equal(codec_decision_encode(*state, &d, &buf, &len), TR_EINVAL);
    assert_null(buf);
    fill_decision(&d, 0);
    d.priority = (enum priority)0;
    assert_int_equal(codec_decision_encode(*state, &d, &buf, &len), TR_EINVAL);
    struct escalation e;
    fill_escalation(&e, 0);
    e.n_notify = TR_NOTIFY_MAX + 1;
    assert_int_equal(codec_escalation_encode(*state, &e, &buf, &len), TR_EINVAL);
}

static void test_encode_repairs_invalid_utf8(void **state)
{
    struct route_decision in, out;
    void *buf = NULL;
    size_t len = 0;
    char err[256] = "";
    fill_decision(&in, 1);
    strcpy(in.reasons.items[0], "subject: caf\xc3"); /* cut mid-character by reason_list_addf */
    assert_int_equal(codec_decision_encode(*state, &in, &buf, &len), 0);
    assert_int_equal(codec_decision_decode(*state, buf, len, &out, err, sizeof(err)), 0);
    assert_string_equal(out.reasons.items[0], "subject: caf?");
    free(buf);
}

/* Every truncation and every single-bit flip of a valid message must decode or fail cleanly. */
static void mutate_all(codec *c, enum codec_schema which, const unsigned char *orig, size_t len)
{
    unsigned char *buf = malloc(len + 1);
    assert_non_null(buf);
    char err[256];
    for (size_t n = 0; n <= len; n++) {
        memcpy(buf, orig, n);
        union {
            struct ticket ticket;
            struct ticket_event event;
            struct route_decision decision;
            struct escalation esc;
        } out;
        int rc = 0;
        /* bit == n * 8 is the unflipped prefix; only the whole message gets every flip. */
        for (size_t bit = n < len ? n * 8 : 0; bit <= n * 8; bit++) {
            if (bit < n * 8)
                buf[bit / 8] ^= (unsigned char)(1u << (bit % 8));
            switch (which) {
            case CODEC_TICKET_CREATED:
                rc = codec_ticket_decode(c, buf, n, &out.ticket, err, sizeof(err));
                if (rc == 0)
                    ticket_clear(&out.ticket);
                break;
            case CODEC_TICKET_EVENT:
                rc = codec_ticket_event_decode(c, buf, n, &out.event, err, sizeof(err));
                break;
            case CODEC_ROUTING_DECISION:
                rc = codec_decision_decode(c, buf, n, &out.decision, err, sizeof(err));
                break;
            default:
                rc = codec_escalation_decode(c, buf, n, &out.esc, err, sizeof(err));
                break;
            }
            assert_true(rc == 0 || rc == TR_EDECODE || rc == TR_ETOOBIG);
            if (bit < n * 8)
                buf[bit / 8] ^= (unsigned char)(1u << (bit % 8));
        }
    }
    free(buf);
}

static void test_decode_survives_truncation_and_bit_flips(void **state)
{
    codec *c = *state;
    void *buf = NULL;
    size_t len = 0;
    struct ticket t;
    fill_ticket(&t, 1);
    assert_int_equal(codec_ticket_encode(c, &t, &buf, &len), 0);
    mutate_all(c, CODEC_TICKET_CREATED, buf, len);
    ticket_clear(&t);
    free(buf);

    struct ticket_event e;
    fill_event(&e, 1);
    assert_int_equal(codec_ticket_event_encode(c, &e, &buf, &len), 0);
    mutate_all(c, CODEC_TICKET_EVENT, buf, len);
    free(buf);

    struct route_decision d;
    fill_decision(&d, 1);
    assert_int_equal(codec_decision_encode(c, &d, &buf, &len), 0);
    mutate_all(c, CODEC_ROUTING_DECISION, buf, len);
    free(buf);

    struct escalation esc;
    fill_escalation(&esc, 1);
    assert_int_equal(codec_escalation_encode(c, &esc, &buf, &len), 0);
    mutate_all(c, CODEC_ESCALATION, buf, len);
    free(buf);
}

/* Random bytes behind a valid header, and random multi-byte mutations of a valid message. */
static void test_decode_survives_random_bytes(void **state)
{
    codec *c = *state;
    unsigned seed = 12345;
    unsigned char buf[512];
    char err[256];
    struct ticket out;
    void *valid = NULL;
    size_t valid_len = 0;
    struct ticket t;
    fill_ticket(&t, 1);
    assert_int_equal(codec_ticket_encode(c, &t, &valid, &valid_len), 0);
    ticket_clear(&t);
    assert_true(valid_len <= sizeof(buf));
    for (int iter = 0; iter < 20000; iter++) {
        size_t len;
        if (iter % 2) {
            len = 5 + (size_t)rand_r(&seed) % (sizeof(buf) - 5);
            for (size_t i = 5; i < len; i++)
                buf[i] = (unsigned char)rand_r(&seed);
            memcpy(buf, valid, 5);
        } else {
            len = valid_len;
            memcpy(buf, valid, len);
            for (int k = 0; k < 1 + rand_r(&seed) % 8; k++)
                buf[5 + (size_t)rand_r(&seed) % (len - 5)] = (unsigned char)rand_r(&seed);
        }
        int rc = codec_ticket_decode(c, buf, len, &out, err, sizeof(err));
        assert_true(rc == 0 || rc == TR_EDECODE || rc == TR_ETOOBIG);
        if (rc == 0)
            ticket_clear(&out);
    }
    free(valid);
}

static void test_embedded_schemas_equal_proto_files(void **state)
{
    (void)state;
    for (int i = 0; i < CODEC_N_SCHEMAS; i++) {
        char path[512], err[256] = "";
        char *text = NULL;
        size_t len = 0;
        snprintf(path, sizeof(path), "%s/proto/%s.avsc", TEST_SOURCE_DIR,
                 codec_schema_name((enum codec_schema)i));
        int rc = tr_file_read(path, &text, &len, err, sizeof(err));
        if (rc != 0)
            fprintf(stderr, "%s: %s\n", path, err);
        assert_int_equal(rc, 0);
        assert_string_equal(codec_schema_json((enum codec_schema)i), text);
        free(text);
    }
    assert_null(codec_schema_json(CODEC_N_SCHEMAS));
}

static void test_custom_schema_ids(void **state)
{
    (void)state;
    struct codec_schema_ids ids = {
        .ticket_created = 7, .ticket_event = 8, .routing_decision = 9, .escalation = 100000};
    char err[256] = "";
    codec *c = codec_new(&ids, err, sizeof(err));
    assert_non_null(c);
    struct ticket t, out;
    void *buf = NULL;
    size_t len = 0;
    int32_t id = 0;
    fill_ticket(&t, 0);
    assert_int_equal(codec_ticket_encode(c, &t, &buf, &len), 0);
    assert_int_equal(codec_frame_schema_id(buf, len, &id), 0);
    assert_int_equal(id, 7);
    assert_int_equal(codec_ticket_decode(c, buf, len, &out, err, sizeof(err)), 0);
    ticket_clear(&out);
    ticket_clear(&t);
    free(buf);
    struct escalation e;
    fill_escalation(&e, 0);
    assert_int_equal(codec_escalation_encode(c, &e, &buf, &len), 0);
    assert_int_equal(codec_frame_schema_id(buf, len, &id), 0);
    assert_int_equal(id, 100000);
    free(buf);
    codec_free(c);
    assert_int_equal(codec_frame_schema_id("\1\0\0\0\1", 5, &id), TR_EDECODE);
    assert_int_equal(codec_frame_schema_id("\0\0", 2, &id), TR_EDECODE);
}

static void test_json_renders_decision(void **state)
{
    (void)state;
    struct route_decision d;
    fill_decision(&d, 1);
    strcpy(d.reasons.items[1], "bad \xc3");
    char *json = codec_decision_json(&d);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"ticket_id\":\"T-1001\""));
    assert_non_null(strstr(json, "\"priority\":\"P2\""));
    assert_non_null(strstr(json, "\"customer_tier\":\"ENTERPRISE\""));
    assert_non_null(strstr(json, "\"mode\":\"SHADOW\""));
    assert_non_null(strstr(json, "\"top_classes\":[{\"category\":\"login_issue\""));
    assert_non_null(strstr(json, "\"bad ?\""));
    assert_null(strchr(json, '\n'));
    free(json);
    fill_decision(&d, 0);
    json = codec_decision_json(&d);
    assert_non_null(strstr(json, "\"agent_id\":null"));
    assert_non_null(strstr(json, "\"first_response_due_ms\":null"));
    free(json);
}

static void test_json_renders_escalation_event_ticket(void **state)
{
    (void)state;
    struct escalation e;
    fill_escalation(&e, 1);
    char *json = codec_escalation_json(&e);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"kind\":\"OUTAGE\""));
    assert_non_null(strstr(json, "\"severity\":\"CRITICAL\""));
    assert_non_null(strstr(json, "\"notify\":[\"slack:#ops-0\""));
    free(json);
    struct ticket_event ev;
    fill_event(&ev, 0);
    json = codec_ticket_event_json(&ev);
    assert_non_null(strstr(json, "\"type\":\"AGENT_PRESENCE\""));
    assert_non_null(strstr(json, "\"ticket_id\":null"));
    free(json);
    struct ticket t;
    fill_ticket(&t, 1);
    json = codec_ticket_json(&t);
    assert_non_null(strstr(json, "\"language\":\"pt-BR\""));
    ticket_clear(&t);
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ticket_roundtrip_all_fields),
        cmocka_unit_test(test_ticket_roundtrip_optional_absent),
        cmocka_unit_test(test_decision_roundtrip_all_fields),
        cmocka_unit_test(test_decision_roundtrip_optional_absent),
        cmocka_unit_test(test_event_roundtrip_all_fields),
        cmocka_unit_test(test_event_roundtrip_optional_absent),
        cmocka_unit_test(test_event_roundtrip_every_type),
        cmocka_unit_test(test_escalation_roundtrip_all_fields),
        cmocka_unit_test(test_escalation_roundtrip_optional_absent),
        cmocka_unit_test(test_escalation_every_kind_roundtrips),
        cmocka_unit_test(test_decode_accepts_hand_built_ticket),
        cmocka_unit_test(test_decode_rejects_missing_magic_byte),
        cmocka_unit_test(test_decode_rejects_truncated_header),
        cmocka_unit_test(test_decode_rejects_unknown_schema_id),
        cmocka_unit_test(test_decode_rejects_truncated_avro),
        cmocka_unit_test(test_decode_rejects_trailing_garbage),
        cmocka_unit_test(test_decode_rejects_missing_ticket_id),
        cmocka_unit_test(test_decode_rejects_missing_customer_id),
        cmocka_unit_test(test_decode_rejects_long_ticket_id),
        cmocka_unit_test(test_decode_rejects_long_channel),
        cmocka_unit_test(test_decode_rejects_invalid_utf8),
        cmocka_unit_test(test_decode_rejects_nul_byte),
        cmocka_unit_test(test_decode_rejects_text_over_limit),
        cmocka_unit_test(test_decode_rejects_negative_and_huge_lengths),
        cmocka_unit_test(test_decode_rejects_bad_union_branch),
        cmocka_unit_test(test_decode_rejects_overlong_varint),
        cmocka_unit_test(test_decode_rejects_wrong_type),
        cmocka_unit_test(test_decode_decision_rejects_too_many_top_classes),
        cmocka_unit_test(test_encode_rejects_out_of_range),
        cmocka_unit_test(test_encode_repairs_invalid_utf8),
        cmocka_unit_test(test_decode_survives_truncation_and_bit_flips),
        cmocka_unit_test(test_decode_survives_random_bytes),
        cmocka_unit_test(test_embedded_schemas_equal_proto_files),
        cmocka_unit_test(test_custom_schema_ids),
        cmocka_unit_test(test_json_renders_decision),
        cmocka_unit_test(test_json_renders_escalation_event_ticket),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
