/* The command line as people expect it, with the built binary and no servers: every subcommand
 * answers --help and -h with its usage and options on stdout (exit 0), an unknown option or a
 * missing required one with the problem and the usage on stderr (exit 2); --version names the
 * libraries with their versions; --help lists the subcommands. */
#include "test_support.h"

#include <fcntl.h>
#include <regex.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

struct run {
    int status;
    char *out, *err; /* owned */
};

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

/* Run ticket-router with args (NULL-terminated, without the program name), stdin from
 * /dev/null, stdout and stderr captured apart. */
static struct run cli(const char *const *args)
{
    char out_path[128], err_path[128];
    test_unique(out_path, sizeof(out_path), "/tmp/test_cli_usage-out");
    test_unique(err_path, sizeof(err_path), "/tmp/test_cli_usage-err");
    char *argv[16];
    size_t n = 0;
    argv[n++] = (char *)TEST_BINARY;
    for (size_t i = 0; args[i] && n < 15; i++)
        argv[n++] = (char *)args[i];
    argv[n] = NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid;
    int rc = posix_spawn(&pid, TEST_BINARY, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    assert_int_equal(rc, 0);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    struct run r = {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
                    file_slurp(out_path), file_slurp(err_path)};
    unlink(out_path);
    unlink(err_path);
    return r;
}

static void run_clear(struct run *r)
{
    free(r->out);
    free(r->err);
}

static void expect_has(const char *what, const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("%s lacks \"%s\":\n%s", what, want, text);
}

/* One subcommand: how it is called, and the options its usage must name. */
struct subcommand {
    const char *words[3]; /* "dlq", "redrive" */
    const char *usage;    /* "usage: ticket-router dlq redrive" */
    const char *options[32];
};

/* clang-format off: tables read best as columns */
static const struct subcommand SUBCOMMANDS[] = {
    {{"run"}, "usage: ticket-router run", {"--config FILE"}},
    {{"migrate"}, "usage: ticket-router migrate", {"--config FILE", "--dir DIR"}},
    {{"topics"}, "usage: ticket-router topics", {"--config FILE", "--partitions N"}},
    {{"produce"},
     "usage: ticket-router produce",
     {"--config FILE", "--count N", "--file JSONL", "--prefix ID_PREFIX", "--customer ID"}},
    {{"tail"},
     "usage: ticket-router tail",
     {"--config FILE", "--topic T", "--count N", "--timeout-ms MS", "--prefix TICKET_ID_PREFIX",
      "--short"}},
    {{"dlq", "redrive"},
     "usage: ticket-router dlq redrive",
     {"--config FILE", "--max N", "--timeout-ms MS", "--group G", "--dry-run"}},
    {{"rules", "check"}, "usage: ticket-router rules check", {"--config FILE"}},
    {{"train"},
     "usage: ticket-router train",
     {"--data FILE",
      "--text COLS",
      "--label COL",
      "--format csv|jsonl",
      "--out MODEL",
      "--config FILE",
      "--pg-dsn DSN",
      "--publish",
      "--model-version V",
      "--oos-label L",
      "--threshold T",
      "--seed N",
      "--split-seed N",
      "--holdout F",
      "--report",
      "--json",
      "--quiet",
      "--loss",
      "--C X",
      "--epochs N",
      "--l2 X",
      "--lr X",
      "--min-df N",
      "--word-ngrams",
      "--word-pairs",
      "--char-ngrams",
      "--span-ngrams",
      "--hidden",
      "--calib F",
      "--threads"}},
    {{"eval"},
     "usage: ticket-router eval",
     {"--model MODEL", "--data FILE", "--text COLS", "--label COL", "--format csv|jsonl", "--json",
      "--quiet", "--oos-label L", "--threshold T", "--holdout F", "--split-seed N"}},
    {{"classify"}, "usage: ticket-router classify", {"--model MODEL", "--top K", "--threshold T"}},
    {{"report"},
     "usage: ticket-router report",
     {"--config FILE", "--since YYYY-MM-DD", "--until YYYY-MM-DD", "--baseline-since YYYY-MM-DD",
      "--baseline-until YYYY-MM-DD", "--json"}},
};
/* clang-format on */
#define N_SUBCOMMANDS (sizeof(SUBCOMMANDS) / sizeof(SUBCOMMANDS[0]))

/* The subcommand's words followed by extra (NULL-terminated) into args. */
static void args_of(const struct subcommand *s, const char *const *extra, const char **args)
{
    size_t n = 0;
    for (size_t i = 0; s->words[i]; i++)
        args[n++] = s->words[i];
    for (size_t i = 0; extra[i]; i++)
        args[n++] = extra[i];
    args[n] = NULL;
}

static void test_every_subcommand_help_prints_usage_and_options_exit_0(void **state)
{
    (void)state;
    static const char *const HELP[][2] = {{"--help", NULL}, {"-h", NULL}};
    for (size_t i = 0; i < N_SUBCOMMANDS; i++) {
        const struct subcommand *s = &SUBCOMMANDS[i];
        for (size_t h = 0; h < 2; h++) {
            const char *args[8];
            args_of(s, HELP[h], args);
            struct run r = cli(args);
            if (r.status != 0)
                fail_msg("%s %s: exit %d, expected 0; stderr:\n%s", s->words[0], HELP[h][0],
                         r.status, r.err);
            expect_has("--help stdout", r.out, s->usage);
            for (size_t o = 0; s->options[o]; o++)
                expect_has("--help stdout", r.out, s->options[o]);
            expect_has("--help stdout", r.out, "-h, --help");
            assert_string_equal(r.err, "");
            run_clear(&r);
        }
    }
}

static void test_help_needs_no_second_word_and_help_command_works(void **state)
{
    (void)state;
    const char *dlq[] = {"dlq", "--help", NULL};
    struct run r = cli(dlq);
    assert_int_equal(r.status, 0);
    expect_has("dlq --help", r.out, "usage: ticket-router dlq redrive");
    run_clear(&r);
    const char *rules[] = {"help", "rules", NULL};
    r = cli(rules);
    assert_int_equal(r.status, 0);
    expect_has("help rules", r.out, "usage: ticket-router rules check");
    run_clear(&r);
}

static void test_every_subcommand_unknown_option_prints_usage_exit_2(void **state)
{
    (void)state;
    static const char *const BAD[][3] = {
        {"--no-such-option", NULL}, {"-x", NULL}, {"stray-word", NULL}};
    for (size_t i = 0; i < N_SUBCOMMANDS; i++) {
        const struct subcommand *s = &SUBCOMMANDS[i];
        for (size_t b = 0; b < sizeof(BAD) / sizeof(BAD[0]); b++) {
            const char *args[8];
            args_of(s, BAD[b], args);
            struct run r = cli(args);
            if (r.status != 2)
                fail_msg("%s %s: exit %d, expected 2; stderr:\n%s", s->words[0], BAD[b][0],
                         r.status, r.err);
            expect_has("stderr", r.err, BAD[b][0]);
            expect_has("stderr", r.err, s->usage);
            expect_has("stderr", r.err, s->options[0]);
            assert_string_equal(r.out, "");
            run_clear(&r);
        }
    }
}

static void test_options_are_not_abbreviated_and_take_values_as_told(void **state)
{
    (void)state;
    const char *const cases[][6] = {
        {"train", "--mod", "v1", "--out", "/tmp/never", NULL}, /* not --model-version */
        {"report", "--baseline", "2026-01-01", NULL},          /* ambiguous prefix */
        {"run", "--config", NULL},                             /* value missing */
        {"report", "--json=yes", NULL},                        /* a flag takes none */
        {"tail", "--count", "many", NULL},                     /* not a number */
        {"dlq", "redirect", NULL},                             /* wrong second word */
        {"rules", NULL},                                       /* missing second word */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct run r = cli(cases[i]);
        if (r.status != 2)
            fail_msg("case %zu (%s %s): exit %d, expected 2; stderr:\n%s", i, cases[i][0],
                     cases[i][1] ? cases[i][1] : "", r.status, r.err);
        expect_has("stderr", r.err, "usage: ticket-router ");
        run_clear(&r);
    }
}

static void test_missing_required_option_prints_usage_exit_2(void **state)
{
    (void)state;
    const char *const cases[][6] = {
        {"train", "--data", "x.csv", "--text", "text", NULL}, /* no --out, no --label */
        {"train", "--out", "/tmp/never.model", NULL},         /* no data and no database */
        {"eval", "--model", "m", NULL},
        {"classify", NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct run r = cli(cases[i]);
        if (r.status != 2)
            fail_msg("case %zu (%s): exit %d, expected 2; stderr:\n%s", i, cases[i][0], r.status,
                     r.err);
        char usage[64];
        snprintf(usage, sizeof(usage), "usage: ticket-router %s", cases[i][0]);
        expect_has("stderr", r.err, usage);
        expect_has("stderr", r.err, "required");
        run_clear(&r);
    }
}

static void expect_match(const char *text, const char *pattern)
{
    regex_t re;
    assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NEWLINE | REG_NOSUB), 0);
    int rc = regexec(&re, text, 0, NULL, 0);
    regfree(&re);
    if (rc != 0)
        fail_msg("no line matches /%s/ in:\n%s", pattern, text);
}

static void test_version_names_the_libraries_with_versions(void **state)
{
    (void)state;
    const char *args[] = {"--version", NULL};
    struct run r = cli(args);
    assert_int_equal(r.status, 0);
    expect_match(r.out, "^ticket-router [0-9]+\\.[0-9]+\\.[0-9]+");
    expect_match(r.out, "^librdkafka [0-9]+\\.[0-9]+\\.[0-9]+");
    expect_match(r.out, "^avro-c [0-9]+\\.[0-9]+\\.[0-9]+");
    expect_match(r.out, "^hiredis [0-9]+\\.[0-9]+\\.[0-9]+");
    expect_match(r.out, "^libpq [0-9]+\\.[0-9]+");
    run_clear(&r);
}

static void test_top_level_help_lists_subcommands(void **state)
{
    (void)state;
    static const char *const HELP[][2] = {{"--help", NULL}, {"-h", NULL}};
    for (size_t h = 0; h < 2; h++) {
        struct run r = cli(HELP[h]);
        assert_int_equal(r.status, 0);
        for (size_t i = 0; i < N_SUBCOMMANDS; i++) {
            char line[64];
            snprintf(line, sizeof(line), "  %s ", SUBCOMMANDS[i].words[0]);
            expect_has("--help", r.out, line);
        }
        expect_has("--help", r.out, "--version");
        run_clear(&r);
    }
    const char *none[] = {NULL};
    struct run r = cli(none);
    assert_int_equal(r.status, 2);
    expect_has("no arguments", r.err, "  train ");
    run_clear(&r);
    const char *unknown[] = {"frobnicate", NULL};
    r = cli(unknown);
    assert_int_equal(r.status, 2);
    expect_has("unknown command", r.err, "unknown command 'frobnicate'");
    run_clear(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_subcommand_help_prints_usage_and_options_exit_0),
        cmocka_unit_test(test_help_needs_no_second_word_and_help_command_works),
        cmocka_unit_test(test_every_subcommand_unknown_option_prints_usage_exit_2),
        cmocka_unit_test(test_options_are_not_abbreviated_and_take_values_as_told),
        cmocka_unit_test(test_missing_required_option_prints_usage_exit_2),
        cmocka_unit_test(test_version_names_the_libraries_with_versions),
        cmocka_unit_test(test_top_level_help_lists_subcommands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
