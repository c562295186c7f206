/* bench_codec: decode and encode rates of the codec on one core, for a typical ticket
 * (600-byte body) and a full decision. Prints figures only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/codec.h"
#include "common/error.h"

#define ROUNDS 200000

static void report(const char *what, int64_t t0_us, int n, size_t bytes)
{
    double s = (double)(tr_mono_us() - t0_us) / 1e6;
    printf("%-28s %9.0f msg/s  %6.2f us/msg  %5zu bytes/msg\n", what, n / s, s * 1e6 / n, bytes);
}

static void make_ticket(struct ticket *t)
{
    memset(t, 0, sizeof(*t));
    strcpy(t->ticket_id, "ZD-48151623");
    strcpy(t->customer_id, "cust-00042");
    strcpy(t->requester_email, "maria.silva@example.com");
    strcpy(t->channel, "email");
    strcpy(t->language, "en");
    t->created_at_ms = tr_now_unix_ms();
    t->subject = strdup("Can't access my account since the password reset");
    t->body = malloc(601);
    for (int i = 0; i < 600; i++)
        t->body[i] =
            "Hello team, after the reset I cannot log in and we are losing money. "[i % 68];
    t->body[600] = '\0';
}

static void make_decision(struct route_decision *d)
{
    memset(d, 0, sizeof(*d));
    strcpy(d->decision_id, "dec-ZD-48151623");
    strcpy(d->ticket_id, "ZD-48151623");
    strcpy(d->customer_id, "cust-00042");
    d->customer_tier = TIER_ENTERPRISE;
    d->customer_known = true;
    strcpy(d->team, "accounts");
    strcpy(d->queue, "default");
    strcpy(d->agent_id, "agent-07");
    d->priority = PRIORITY_P1;
    d->first_response_due_ms = tr_now_unix_ms() + 3600000;
    strcpy(d->category, "account_access");
    d->confidence = 0.91;
    d->n_top = 3;
    strcpy(d->top[0].category, "account_access");
    d->top[0].confidence = 0.91;
    strcpy(d->top[1].category, "billing");
    d->top[1].confidence = 0.05;
    strcpy(d->top[2].category, "bug");
    d->top[2].confidence = 0.02;
    strcpy(d->language, "en");
    strcpy(d->model_version, "nb-20240101");
    reason_list_addf(&d->reasons, "classifier: account_access 0.91");
    reason_list_addf(&d->reasons, "urgency: 'losing money', enterprise tier -> P1");
    reason_list_addf(&d->reasons, "agent agent-07: skill account_access 5, load 2/8");
    reason_list_addf(&d->rules_fired, "enterprise-p1-senior");
    d->decided_at_ms = tr_now_unix_ms();
    d->latency_us = 350;
}

int main(void)
{
    char err[256];
    codec *c = codec_new(NULL, err, sizeof(err));
    if (!c) {
        fprintf(stderr, "codec_new: %s\n", err);
        return 1;
    }
    struct ticket ticket, out;
    struct route_decision decision, dout;
    void *buf = NULL;
    size_t len = 0;
    int64_t t0;

    make_ticket(&ticket);
    make_decision(&decision);

    t0 = tr_mono_us();
    for (int i = 0; i < ROUNDS; i++) {
        free(buf);
        if (codec_ticket_encode(c, &ticket, &buf, &len) != 0)
            return 1;
    }
    report("TicketCreated encode", t0, ROUNDS, len);
    t0 = tr_mono_us();
    for (int i = 0; i < ROUNDS; i++) {
        if (codec_ticket_decode(c, buf, len, &out, err, sizeof(err)) != 0)
            return 1;
        ticket_clear(&out);
    }
    report("TicketCreated decode", t0, ROUNDS, len);
    free(buf);
    buf = NULL;

    t0 = tr_mono_us();
    for (int i = 0; i < ROUNDS; i++) {
        free(buf);
        if (codec_decision_encode(c, &decision, &buf, &len) != 0)
            return 1;
    }
    report("RoutingDecision encode", t0, ROUNDS, len);
    t0 = tr_mono_us();
    for (int i = 0; i < ROUNDS; i++) {
        if (codec_decision_decode(c, buf, len, &dout, err, sizeof(err)) != 0)
            return 1;
    }
    report("RoutingDecision decode", t0, ROUNDS, len);
    free(buf);

    t0 = tr_mono_us();
    size_t json_len = 0;
    for (int i = 0; i < ROUNDS / 4; i++) {
        char *json = codec_decision_json(&decision);
        json_len = json ? strlen(json) : 0;
        free(json);
    }
    report("RoutingDecision json", t0, ROUNDS / 4, json_len);

    ticket_clear(&ticket);
    codec_free(c);
    return 0;
}
