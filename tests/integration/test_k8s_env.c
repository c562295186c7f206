/* The router started as a Kubernetes pod without enableServiceLinks: false would be, with the
 * Service link variables of the Services ticket-router, ticket-router-metrics and
 * ticket-router-redis in its environment, becomes ready (/readyz 200) instead of exiting 2 on
 * "unknown variable", and names the ignored variables in one warning. */
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/error.h"
#include "test_support.h"

/* What Kubernetes sets for those Services (ports 9464 named http, 9090, 6379). */
static const char *const K8S_ENV[] = {
    "TICKET_ROUTER_SERVICE_HOST=10.96.0.10",
    "TICKET_ROUTER_SERVICE_PORT=9464",
    "TICKET_ROUTER_SERVICE_PORT_HTTP=9464",
    "TICKET_ROUTER_PORT=tcp://10.96.0.10:9464",
    "TICKET_ROUTER_PORT_9464_TCP=tcp://10.96.0.10:9464",
    "TICKET_ROUTER_PORT_9464_TCP_PROTO=tcp",
    "TICKET_ROUTER_PORT_9464_TCP_PORT=9464",
    "TICKET_ROUTER_PORT_9464_TCP_ADDR=10.96.0.10",
    "TICKET_ROUTER_METRICS_SERVICE_HOST=10.96.0.11",
    "TICKET_ROUTER_METRICS_SERVICE_PORT=9090",
    "TICKET_ROUTER_METRICS_PORT=tcp://10.96.0.11:9090",
    "TICKET_ROUTER_METRICS_PORT_9090_TCP=tcp://10.96.0.11:9090",
    "TICKET_ROUTER_METRICS_PORT_9090_TCP_PROTO=tcp",
    "TICKET_ROUTER_METRICS_PORT_9090_TCP_PORT=9090",
    "TICKET_ROUTER_METRICS_PORT_9090_TCP_ADDR=10.96.0.11",
    "TICKET_ROUTER_REDIS_SERVICE_HOST=10.96.0.12",
    "TICKET_ROUTER_REDIS_PORT=tcp://10.96.0.12:6379",
};
#define N_K8S_ENV (sizeof(K8S_ENV) / sizeof(K8S_ENV[0]))

static unsigned free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(a);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

/* The HTTP status of GET path on the router (0 when it does not answer). */
static int http_status(unsigned port, const char *path)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd),
             "curl -s -o /dev/null -w '%%{http_code}' --max-time 2 http://127.0.0.1:%u%s", port,
             path);
    FILE *fp = popen(cmd, "r");
    assert_non_null(fp);
    int code = 0;
    if (fscanf(fp, "%d", &code) != 1)
        code = 0;
    pclose(fp);
    return code;
}

/* How many times needle occurs in the file at path. */
static size_t file_count(const char *path, const char *needle)
{
    char *text = NULL;
    size_t len = 0;
    char err[256] = "";
    if (tr_file_read(path, &text, &len, err, sizeof(err)) != 0)
        fail_msg("%s: %s", path, err);
    size_t n = 0;
    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
        n++;
    free(text);
    return n;
}

static struct test_env env;

static int env_setup(void **state)
{
    (void)state;
    test_env_setup(&env, "k8senv");
    return 0;
}

static int env_teardown(void **state)
{
    (void)state;
    test_env_teardown(&env);
    return 0;
}

static void test_router_with_service_links_becomes_ready(void **state)
{
    (void)state;
    unsigned port = free_port();
    char env_port[64];
    snprintf(env_port, sizeof(env_port), "TICKET_ROUTER_HTTP_PORT=%u", port);
    const char *extra[N_K8S_ENV + 2];
    memcpy(extra, K8S_ENV, sizeof(K8S_ENV));
    extra[N_K8S_ENV] = env_port;
    extra[N_K8S_ENV + 1] = NULL;
    char log_path[256];
    snprintf(log_path, sizeof(log_path), "/tmp/%s.router.log", env.suffix);
    pid_t router = test_router_start(&env, extra, log_path);

    int code = 0, status = 0, exited = -1;
    for (int i = 0; i < 600 && code != 200 && exited < 0; i++) {
        if (waitpid(router, &status, WNOHANG) == router)
            exited = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        else if ((code = http_status(port, "/readyz")) != 200)
            tr_sleep_ms(100);
    }
    /* Stopped before any assertion, so a failure leaves no router behind. */
    int stopped = exited < 0 ? test_router_stop(router, SIGTERM, 20000) : exited;
    if (exited >= 0)
        fail_msg("the router exited with status %d (log: %s)", exited, log_path);
    if (code != 200)
        fail_msg("/readyz answered %d after 60 s (log: %s)", code, log_path);
    assert_int_equal(stopped, 0);
    /* One warning names them all. */
    assert_int_equal(file_count(log_path, "TICKET_ROUTER_SERVICE_HOST"), 1);
    assert_int_equal(file_count(log_path, "TICKET_ROUTER_PORT_9464_TCP_ADDR"), 1);
    assert_int_equal(file_count(log_path, "TICKET_ROUTER_REDIS_PORT"), 1);
    assert_int_equal(file_count(log_path, "10.96.0."), 0); /* names, not values */
    unlink(log_path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_router_with_service_links_becomes_ready, env_setup,
                                        env_teardown),
    };
    return cmocka_run_group_tests_name("integration.k8s_env", tests, NULL, NULL);
}
