/* fuzz_codec_ticket: libFuzzer target for codec_ticket_decode and friends.
 * The first input byte steers: bit 0 set prepends a valid Confluent header (so the fuzzer spends
 * its time in the Avro body), bits 1-2 choose the decoder. Whatever decodes must encode and
 * decode again to the same ticket. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static codec *fuzz_codec(void)
{
    static codec *c;
    if (!c) {
        char err[256];
        c = codec_new(NULL, err, sizeof(err));
        if (!c) {
            fprintf(stderr, "codec_new: %s\n", err);
            abort();
        }
    }
    return c;
}

static void check_ticket_roundtrip(codec *c, const struct ticket *ticket)
{
    void *buf = NULL;
    size_t len = 0;
    struct ticket again;
    char err[256];
    if (codec_ticket_encode(c, ticket, &buf, &len) != 0)
        abort();
    if (codec_ticket_decode(c, buf, len, &again, err, sizeof(err)) != 0 ||
        strcmp(again.ticket_id, ticket->ticket_id) != 0 || strcmp(again.body, ticket->body) != 0 ||
        strcmp(again.subject, ticket->subject) != 0 || again.created_at_ms != ticket->created_at_ms)
        abort();
    ticket_clear(&again);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int32_t IDS[4] = {CODEC_SCHEMA_ID_TICKET_CREATED, CODEC_SCHEMA_ID_TICKET_EVENT,
                                   CODEC_SCHEMA_ID_ROUTING_DECISION, CODEC_SCHEMA_ID_ESCALATION};
    codec *c = fuzz_codec();
    char err[256];
    if (size == 0)
        return 0;
    unsigned steer = data[0];
    unsigned which = (steer >> 1) & 3;
    data++;
    size--;
    uint8_t *msg = malloc(size + CODEC_FRAME_HEADER);
    if (!msg)
        return 0;
    size_t len = 0;
    if (steer & 1) {
        uint32_t id = (uint32_t)IDS[which];
        msg[0] = 0;
        msg[1] = (uint8_t)(id >> 24);
        msg[2] = (uint8_t)(id >> 16);
        msg[3] = (uint8_t)(id >> 8);
        msg[4] = (uint8_t)id;
        len = CODEC_FRAME_HEADER;
    }
    if (size)
        memcpy(msg + len, data, size);
    len += size;

    switch (which) {
    case 0: {
        struct ticket ticket;
        if (codec_ticket_decode(c, msg, len, &ticket, err, sizeof(err)) == 0) {
            check_ticket_roundtrip(c, &ticket);
            ticket_clear(&ticket);
        }
        break;
    }
    case 1: {
        struct ticket_event event;
        (void)!codec_ticket_event_decode(c, msg, len, &event, err, sizeof(err));
        break;
    }
    case 2: {
        struct route_decision decision;
        if (codec_decision_decode(c, msg, len, &decision, err, sizeof(err)) == 0)
            free(codec_decision_json(&decision));
        break;
    }
    default: {
        struct escalation esc;
        if (codec_escalation_decode(c, msg, len, &esc, err, sizeof(err)) == 0)
            free(codec_escalation_json(&esc));
        break;
    }
    }
    free(msg);
    return 0;
}
