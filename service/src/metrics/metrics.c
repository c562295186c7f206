#include "metrics/metrics.h"

#include <microhttpd.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct metrics_server {
    struct MHD_Daemon *daemon;
    struct metrics_handlers handlers;
};

void metrics_buf_printf(struct metrics_buf *buf, const char *fmt, ...)
{
    if (buf->failed)
        return;
    for (;;) {
        size_t room = buf->cap - buf->len;
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(buf->data ? buf->data + buf->len : NULL, room, fmt, ap);
        va_end(ap);
        if (n < 0) {
            buf->failed = true;
            return;
        }
        if ((size_t)n < room) {
            buf->len += (size_t)n;
            return;
        }
        size_t cap = buf->cap ? buf->cap * 2 : 4096;
        while (cap - buf->len <= (size_t)n)
            cap *= 2;
        char *grown = realloc(buf->data, cap);
        if (!grown) {
            buf->failed = true;
            return;
        }
        buf->data = grown;
        buf->cap = cap;
    }
}

void metrics_buf_family(struct metrics_buf *buf, const char *name, const char *type,
                        const char *help)
{
    metrics_buf_printf(buf, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static enum MHD_Result respond(struct MHD_Connection *conn, unsigned status, const char *type,
                               char *body, size_t len)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", type);
    enum MHD_Result ret = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **req_cls)
{
    (void)version;
    (void)upload_data;
    (void)upload_data_size;
    (void)req_cls;
    metrics_server *server = cls;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return respond(conn, 405, "text/plain", strdup("method not allowed\n"), 19);
    if (strcmp(url, "/metrics") == 0) {
        struct metrics_buf buf = {0};
        server->handlers.render(server->handlers.arg, &buf);
        if (buf.failed || !buf.data) {
            free(buf.data);
            return respond(conn, 500, "text/plain", strdup("out of memory\n"), 14);
        }
        return respond(conn, 200, "text/plain; version=0.0.4", buf.data, buf.len);
    }
    bool healthz = strcmp(url, "/healthz") == 0;
    if (healthz && !server->handlers.alive)
        return respond(conn, 200, "text/plain", strdup("ok\n"), 3);
    if (healthz || strcmp(url, "/readyz") == 0) {
        char why[256] = "ready";
        bool ready = healthz ? server->handlers.alive(server->handlers.arg, why, sizeof(why))
                             : server->handlers.ready(server->handlers.arg, why, sizeof(why));
        size_t n = strlen(why);
        char *body = malloc(n + 2);
        if (!body)
            return MHD_NO;
        memcpy(body, why, n);
        body[n] = '\n';
        body[n + 1] = '\0';
        return respond(conn, ready ? 200 : 503, "text/plain", body, n + 1);
    }
    return respond(conn, 404, "text/plain", strdup("not found\n"), 10);
}

metrics_server *metrics_server_new(const char *bind, unsigned port,
                                   const struct metrics_handlers *handlers, char *err,
                                   size_t errlen)
{
    if (port == 0) {
        snprintf(err, errlen, "%s", "");
        return NULL;
    }
    if (!bind || !bind[0])
        bind = "0.0.0.0";
    char service[16];
    snprintf(service, sizeof(service), "%u", port);
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE};
    struct addrinfo *addr = NULL;
    int gai = getaddrinfo(bind, service, &hints, &addr);
    if (gai != 0 || !addr) {
        snprintf(err, errlen, "http.bind %s: %s", bind, gai ? gai_strerror(gai) : "no address");
        return NULL;
    }
    metrics_server *server = calloc(1, sizeof(*server));
    if (!server) {
        freeaddrinfo(addr);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    server->handlers = *handlers;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    if (addr->ai_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    server->daemon = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, on_request, server,
                                      MHD_OPTION_SOCK_ADDR, addr->ai_addr,
                                      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10, MHD_OPTION_END);
    freeaddrinfo(addr);
    if (!server->daemon) {
        snprintf(err, errlen, "cannot listen on %s port %u (in use?)", bind, port);
        free(server);
        return NULL;
    }
    return server;
}

void metrics_server_free(metrics_server *server)
{
    if (!server)
        return;
    MHD_stop_daemon(server->daemon);
    free(server);
}
