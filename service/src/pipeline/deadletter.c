/* Dead letters: bad input goes to the dead-letter topic with its reason and where it came from,
 * and can always be written. An original larger than a dead-letter record may be goes as a
 * prefix with the full size and a SHA-256 in headers, and is kept whole in PostgreSQL for
 * `dlq redrive`. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "pipeline/pipeline_internal.h"

/* Room left in a record for the key, the headers and the record's own framing. */
#define DLQ_KEY_MAX 1024
#define DLQ_OVERHEAD 4096

size_t dead_letter_value_max(const struct config *cfg, size_t producer_max)
{
    size_t room = producer_max > DLQ_KEY_MAX + DLQ_OVERHEAD + 1024
                      ? producer_max - DLQ_KEY_MAX - DLQ_OVERHEAD
                      : 1024;
    return cfg->dlq_max_bytes && cfg->dlq_max_bytes < room ? cfg->dlq_max_bytes : room;
}

void worker_fail(struct worker_state *ws, const char *step, const char *fmt, ...)
{
    tr_strlcpy(ws->fail_step, step, sizeof(ws->fail_step));
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ws->fail_err, sizeof(ws->fail_err), fmt, ap);
    va_end(ap);
}

void worker_fail_clear(struct worker_state *ws)
{
    ws->fail_step[0] = '\0';
    ws->fail_err[0] = '\0';
}

/* Keep the whole original in PostgreSQL; sha256 (65 bytes) gets its hash. */
static int original_keep(struct worker_state *ws, const struct kafka_msg *msg, int code,
                         const char *reason, char *sha256)
{
    struct dead_letter dl = {
        .topic = msg->topic,
        .partition = msg->partition,
        .offset = msg->offset,
        .key = msg->key,
        .key_len = msg->key ? msg->key_len : 0,
        .payload = msg->payload ? msg->payload : "",
        .len = msg->payload ? msg->len : 0,
        .error = tr_strerror(code),
        .reason = reason,
    };
    if (store_dead_letter_keep(ws->pg, &dl, sha256) != 0) {
        worker_fail(ws, "dead_letter_keep", "postgres: %s", store_last_error(ws->pg));
        return TR_EIO;
    }
    return 0;
}

int pipeline_dead_letter(pipeline *p, struct worker_state *ws, const struct kafka_msg *msg,
                         int code, const char *reason, struct kafka_delivery *d)
{
    char partition[16], offset[24], size[24], sha256[65] = "";
    snprintf(partition, sizeof(partition), "%d", msg->partition);
    snprintf(offset, sizeof(offset), "%" PRId64, msg->offset);
    snprintf(size, sizeof(size), "%zu", msg->len);
    size_t key_len = msg->key ? msg->key_len : 0;
    size_t len = msg->payload ? msg->len : 0;
    bool cut = len > p->dlq_value_max || key_len > DLQ_KEY_MAX;
    if (cut) {
        if (original_keep(ws, msg, code, reason, sha256) != 0)
            return TR_EIO;
        len = len > p->dlq_value_max ? p->dlq_value_max : len;
        key_len = key_len > DLQ_KEY_MAX ? DLQ_KEY_MAX : key_len;
    }
    struct kafka_header headers[9] = {
        {"x-dlq-reason", reason},           {"x-dlq-error", tr_strerror(code)},
        {"x-dlq-source-topic", msg->topic}, {"x-dlq-source-partition", partition},
        {"x-dlq-source-offset", offset},
    };
    size_t n_headers = 5;
    if (cut) {
        headers[n_headers++] = (struct kafka_header){"x-dlq-truncated", "true"};
        headers[n_headers++] = (struct kafka_header){"x-dlq-original-size", size};
        headers[n_headers++] = (struct kafka_header){"x-dlq-original-sha256", sha256};
        headers[n_headers++] = (struct kafka_header){"x-dlq-original-stored", "postgres"};
    }
    /* The key is the ticket id by contract (it may be anything on a bad message). */
    int shown = msg->key && msg->key_len < TR_ID_MAX ? (int)msg->key_len : 0;
    log_warn("dead letter ticket=%.*s topic=%s partition=%d offset=%" PRId64
             " size=%zu truncated=%d err=%s reason=%s",
             shown, msg->key ? (const char *)msg->key : "", msg->topic, msg->partition, msg->offset,
             msg->len, cut, tr_strerror(code), reason);
    char err[512];
    if (kafka_produce(p->producer, p->cfg->topic_dlq, msg->key, key_len, msg->payload, len, headers,
                      n_headers, d, err, sizeof(err)) != 0) {
        worker_fail(ws, "dead_letter", "kafka: %s", err);
        metrics_add(p->metrics.dead_letter_failures, (const char *[]){p->cfg->topic_dlq}, 1);
        return TR_EIO;
    }
    size_t k = 0, max = sizeof(ws->dead) / sizeof(ws->dead[0]);
    while (k < ws->n_dead && (ws->dead[k].code != code || strcmp(ws->dead[k].topic, msg->topic)))
        k++;
    if (k == ws->n_dead && k < max)
        ws->dead[ws->n_dead++] = (struct dead_count){.topic = msg->topic, .code = code};
    ws->dead[k < max ? k : max - 1].n++;
    return 0;
}

void dead_letters_settle(pipeline *p, struct worker_state *ws, bool acked)
{
    for (size_t k = 0; acked && k < ws->n_dead; k++) {
        atomic_fetch_add_explicit(&p->stats.dead_letters, ws->dead[k].n, memory_order_relaxed);
        metrics_add(p->metrics.dead_letters,
                    (const char *[]){ws->dead[k].topic, tr_strerror(ws->dead[k].code)},
                    ws->dead[k].n);
    }
    ws->n_dead = 0;
}
