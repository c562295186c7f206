/* `train --config FILE` against a real PostgreSQL: the DSN comes from the configuration file and
 * the environment (TICKET_ROUTER_POSTGRES_DSN overrides the file), as for the other commands, so
 * the retraining job keeps the password off the command line. The usage, --help and --version
 * need no server: tests/unit/test_cli_usage.c. */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_support.h"

extern char **environ;

struct fixture {
    struct test_env env;
    char conf[160], csv[160], model[160], out_path[200];
};

static void file_write(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    test_env_setup(&f->env, "cli");
    snprintf(f->conf, sizeof(f->conf), "/tmp/%s.conf", f->env.suffix);
    snprintf(f->csv, sizeof(f->csv), "/tmp/%s.train.csv", f->env.suffix);
    snprintf(f->model, sizeof(f->model), "/tmp/%s.model", f->env.suffix);
    snprintf(f->out_path, sizeof(f->out_path), "/tmp/%s.train.out", f->env.suffix);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    unlink(f->conf);
    unlink(f->csv);
    unlink(f->model);
    unlink(f->out_path);
    test_env_teardown(&f->env);
    free(f);
    return 0;
}

/* The separable two-class texts as labelled examples in the database, as the feedback loop and
 * historical imports leave them. */
static void examples_insert(const struct fixture *f, size_t n)
{
    size_t cap = 64 + n * 128, used = 0;
    char *sql = malloc(cap);
    assert_non_null(sql);
    used += (size_t)snprintf(sql, cap, "INSERT INTO training_examples (text, label) VALUES ");
    for (size_t i = 0; i < n; i++) {
        char text[96];
        const char *label;
        test_two_class_text(i, text, sizeof(text), &label);
        used +=
            (size_t)snprintf(sql + used, cap - used, "%s('%s', '%s')", i ? ", " : "", text, label);
    }
    test_sql(&f->env, sql);
    free(sql);
}

static void csv_write(const char *path)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "text,label\n");
    for (size_t i = 0; i < 200; i++) {
        char text[96];
        const char *label;
        test_two_class_text(i, text, sizeof(text), &label);
        fprintf(fp, "\"%s\",%s\n", text, label);
    }
    fclose(fp);
}

static char *file_slurp(const char *path)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char *buf = calloc(1, 1 << 16);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 16) - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* Run ticket-router with args in our environment without any TICKET_ROUTER_* variable, so only
 * the configuration file can name the database; stdout and stderr to out_path. */
static int run_without_environment(const char *const *args, const char *out_path)
{
    char *argv[32];
    size_t n = 0;
    argv[n++] = (char *)TEST_BINARY;
    for (size_t i = 0; args[i] && n < 31; i++)
        argv[n++] = (char *)args[i];
    argv[n] = NULL;
    size_t n_env = 0;
    while (environ[n_env])
        n_env++;
    char **envp = calloc(n_env + 1, sizeof(*envp));
    assert_non_null(envp);
    size_t k = 0;
    for (size_t i = 0; i < n_env; i++)
        if (strncmp(environ[i], "TICKET_ROUTER_", 14) != 0)
            envp[k++] = environ[i];
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    pid_t pid;
    int rc = posix_spawn(&pid, TEST_BINARY, &fa, NULL, argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    free(envp);
    assert_int_equal(rc, 0);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void expect_exit(const char *out_path, int status, int want)
{
    if (status != want) {
        char *out = file_slurp(out_path);
        fail_msg("exit %d, expected %d; output:\n%s", status, want, out);
    }
}

/* Exactly the retraining CronJob: a configuration file without postgres.dsn, the DSN in
 * TICKET_ROUTER_POSTGRES_DSN (test_tool_run sets it), no --data: the database's examples. */
static void test_train_config_publish_takes_dsn_from_environment(void **state)
{
    struct fixture *f = *state;
    file_write(f->conf, "# the retraining job's file: no postgres.dsn here\nlog.level = warn\n");
    examples_insert(f, 200);
    const char *args[] = {"train",  "--config",  f->conf, "--publish", "--out",
                          f->model, "--threads", "2",     NULL};
    expect_exit(f->out_path, test_tool_run(&f->env, args, f->out_path), 0);
    assert_int_equal(test_sql_long(&f->env, "SELECT count(*) FROM models WHERE published_at IS "
                                            "NOT NULL AND holdout = 20 AND accuracy = 1"),
                     1);
    assert_int_equal(access(f->model, R_OK), 0);
}

/* postgres.dsn from the file alone, the file's rows after the database's none. */
static void test_train_config_file_dsn_is_used(void **state)
{
    struct fixture *f = *state;
    char conf[512];
    snprintf(conf, sizeof(conf), "postgres.dsn = %s\n", f->env.dsn);
    file_write(f->conf, conf);
    csv_write(f->csv);
    char version[128];
    snprintf(version, sizeof(version), "cli-file-%s", f->env.suffix);
    const char *args[] = {
        "train", "--config",        f->conf, "--data", f->csv,   "--text",    "text",    "--label",
        "label", "--model-version", version, "--out",  f->model, "--publish", "--quiet", NULL};
    expect_exit(f->out_path, run_without_environment(args, f->out_path), 0);
    char sql[256];
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM models WHERE model_version = '%s' AND published_at IS NOT NULL",
             version);
    assert_int_equal(test_sql_long(&f->env, sql), 1);
}

/* TICKET_ROUTER_POSTGRES_DSN wins over the file's postgres.dsn, as for every command. */
static void test_train_environment_overrides_config_file_dsn(void **state)
{
    struct fixture *f = *state;
    char conf[512];
    snprintf(conf, sizeof(conf),
             "postgres.dsn = host=127.0.0.1 port=5432 user=postgres "
             "dbname=no_such_database_for_test_cli\n");
    file_write(f->conf, conf);
    examples_insert(f, 100);
    char version[128];
    snprintf(version, sizeof(version), "cli-env-%s", f->env.suffix);
    const char *args[] = {"train",  "--config",        f->conf, "--publish", "--out",
                          f->model, "--model-version", version, "--quiet",   NULL};
    expect_exit(f->out_path, test_tool_run(&f->env, args, f->out_path), 0);
    char sql[256];
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM models WHERE model_version = '%s' AND published_at IS NOT NULL"
             " AND holdout = 10",
             version);
    assert_int_equal(test_sql_long(&f->env, sql), 1);
}

/* A database that cannot be reached: exit 1, and the password never printed. */
static void test_train_config_unreachable_database_exits_1_without_password(void **state)
{
    struct fixture *f = *state;
    char conf[512];
    snprintf(conf, sizeof(conf),
             "postgres.dsn = host=127.0.0.1 port=5432 user=postgres password=s3cret-pw "
             "dbname=%s_missing\n",
             f->env.db_name);
    file_write(f->conf, conf);
    const char *args[] = {"train", "--config", f->conf, "--publish", "--out", f->model, NULL};
    expect_exit(f->out_path, run_without_environment(args, f->out_path), 1);
    char *out = file_slurp(f->out_path);
    if (!strstr(out, "cannot connect to PostgreSQL") || strstr(out, "s3cret-pw"))
        fail_msg("expected the connection error without the password:\n%s", out);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_train_config_publish_takes_dsn_from_environment, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_train_config_file_dsn_is_used, setup, teardown),
        cmocka_unit_test_setup_teardown(test_train_environment_overrides_config_file_dsn, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_train_config_unreachable_database_exits_1_without_password, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
