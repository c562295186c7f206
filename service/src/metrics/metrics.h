/* metrics: the HTTP endpoint (libmicrohttpd) for /metrics (Prometheus text format), /healthz
 * (alive) and /readyz (ready to route). What the endpoints say comes from callbacks.
 * Threads: the callbacks run on the server's own thread; they must be thread safe. */
#ifndef TR_METRICS_H
#define TR_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"

/* A growing text buffer for the exposition. */
struct metrics_buf {
    char *data;
    size_t len, cap;
    bool failed; /* out of memory once: the result is incomplete */
};
void metrics_buf_printf(struct metrics_buf *buf, const char *fmt, ...) TR_PRINTF(2, 3);
/* "# HELP name help\n# TYPE name type\n" */
void metrics_buf_family(struct metrics_buf *buf, const char *name, const char *type,
                        const char *help);

struct metrics_handlers {
    void (*render)(void *arg, struct metrics_buf *out); /* /metrics body */
    bool (*ready)(void *arg, char *why, size_t whylen); /* /readyz: 200 or 503 with why */
    bool (*alive)(void *arg, char *why, size_t whylen); /* /healthz: 200 or 503; NULL: 200 */
    void *arg;
};

typedef struct metrics_server metrics_server;

/* Listen on address bind (a host name or a numeric IPv4/IPv6 address; NULL or "": 0.0.0.0) at
 * port (0: do not start; returns NULL with err ""). Borrows handlers (copied). Caller owns the
 * result; free with metrics_server_free. */
metrics_server *metrics_server_new(const char *bind, unsigned port,
                                   const struct metrics_handlers *handlers, char *err,
                                   size_t errlen);
void metrics_server_free(metrics_server *server); /* NULL-safe */

#endif
