/* test_k8s_manifests: every pod spec under deploy/k8s turns off the Service links (Kubernetes
 * would otherwise set TICKET_ROUTER_SERVICE_HOST & co., which look like our config), and no
 * command line carries the database DSN. The YAML is read as text: a pod spec is the mapping
 * that holds `containers:`. */
#include "test_support.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"

#define K8S_DIR TR_SOURCE_DIR "/deploy/k8s"
#define MAX_LINES 1024

struct manifest {
    char *text; /* owned; lines point into it */
    char *lines[MAX_LINES];
    size_t n_lines;
};

static void manifest_read(struct manifest *m, const char *path)
{
    size_t len = 0;
    char err[256] = "";
    memset(m, 0, sizeof(*m));
    if (tr_file_read(path, &m->text, &len, err, sizeof(err)) != 0)
        fail_msg("%s: %s", path, err);
    for (char *save = NULL, *line = strtok_r(m->text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        assert_true(m->n_lines < MAX_LINES);
        m->lines[m->n_lines++] = line;
    }
}

static size_t indent_of(const char *line)
{
    return strspn(line, " ");
}

static bool is_blank_or_comment(const char *line)
{
    const char *s = line + indent_of(line);
    return *s == '\0' || *s == '#';
}

/* Whether the mapping holding lines[at] (indent ind) has the line `<ind spaces>text`. */
static bool mapping_has(const struct manifest *m, size_t at, size_t ind, const char *text)
{
    size_t first = at, last = at;
    while (first > 0 &&
           (is_blank_or_comment(m->lines[first - 1]) || indent_of(m->lines[first - 1]) >= ind))
        first--;
    while (last + 1 < m->n_lines &&
           (is_blank_or_comment(m->lines[last + 1]) || indent_of(m->lines[last + 1]) >= ind))
        last++;
    for (size_t i = first; i <= last; i++)
        if (indent_of(m->lines[i]) == ind && strcmp(m->lines[i] + ind, text) == 0)
            return true;
    return false;
}

/* Checks every pod spec of one file; returns how many it found. */
static size_t pod_specs_check(const char *path)
{
    struct manifest m;
    manifest_read(&m, path);
    size_t found = 0;
    for (size_t i = 0; i < m.n_lines; i++) {
        size_t ind = indent_of(m.lines[i]);
        if (strcmp(m.lines[i] + ind, "containers:") != 0)
            continue;
        found++;
        if (!mapping_has(&m, i, ind, "enableServiceLinks: false"))
            fail_msg("%s:%zu: the pod spec has no 'enableServiceLinks: false'", path, i + 1);
    }
    free(m.text);
    return found;
}

static void test_every_pod_spec_disables_service_links(void **state)
{
    (void)state;
    DIR *dir = opendir(K8S_DIR);
    assert_non_null(dir);
    size_t pod_specs = 0;
    for (struct dirent *e = readdir(dir); e; e = readdir(dir)) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 5, ".yaml") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof(path), "%s/%s", K8S_DIR, e->d_name);
        pod_specs += pod_specs_check(path);
    }
    closedir(dir);
    /* The router Deployment, the migration Job and the retraining CronJob at least. */
    if (pod_specs < 3)
        fail_msg("found %zu pod specs under %s, want at least 3", pod_specs, K8S_DIR);
}

static void test_retrain_takes_the_dsn_from_the_environment_not_the_command_line(void **state)
{
    (void)state;
    struct manifest m;
    manifest_read(&m, K8S_DIR "/retrain-cronjob.yaml");
    bool config_arg = false, dsn_env = false;
    for (size_t i = 0; i < m.n_lines; i++) {
        const char *line = m.lines[i];
        if (strstr(line, "--pg-dsn") || strstr(line, "$(TICKET_ROUTER_POSTGRES_DSN)"))
            fail_msg("retrain-cronjob.yaml:%zu: the DSN is on the command line: %s", i + 1, line);
        config_arg = config_arg || strstr(line, "\"--config\", \"/etc/ticket-router/") != NULL;
        dsn_env = dsn_env || strstr(line, "- name: TICKET_ROUTER_POSTGRES_DSN") != NULL;
    }
    free(m.text);
    assert_true(config_arg);
    assert_true(dsn_env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_pod_spec_disables_service_links),
        cmocka_unit_test(test_retrain_takes_the_dsn_from_the_environment_not_the_command_line),
    };
    return cmocka_run_group_tests_name("unit.k8s_manifests", tests, NULL, NULL);
}
