#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_internal.h"
#include "log/log.h"

extern char **environ;

#define USAGE_WIDTH 100
#define OPTION_COLUMN 28
/* getopt_long reports options[i] as OPT_BASE + i, clear of 'h', ':' and '?'. */
#define OPT_BASE 256

static const struct cli_option HELP_OPTION = {"help", NULL, "print this help and exit"};

/* Print text from column `col` (already reached), wrapped at USAGE_WIDTH with continuation
 * lines indented to `indent`. */
static void text_wrap(FILE *out, const char *text, size_t col, size_t indent)
{
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t word = strcspn(p, " ");
        if (col > indent && col + 1 + word > USAGE_WIDTH) {
            fprintf(out, "\n%*s", (int)indent, "");
            col = indent;
        } else if (col > indent) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, word, out);
        col += word;
        p += word;
    }
    fputc('\n', out);
}

static void option_print(FILE *out, const struct cli_option *o, bool with_short)
{
    int n = fprintf(out, "  %s--%s%s%s", with_short ? "-h, " : "", o->name, o->arg ? " " : "",
                    o->arg ? o->arg : "");
    if (n < 0)
        return;
    if (n + 2 > OPTION_COLUMN) {
        fprintf(out, "\n%*s", OPTION_COLUMN, "");
    } else {
        fprintf(out, "%*s", OPTION_COLUMN - n, "");
    }
    text_wrap(out, o->help, OPTION_COLUMN, OPTION_COLUMN);
}

void cli_usage(const struct cli_command *cmd, FILE *out)
{
    fprintf(out, "usage: ticket-router %s %s\n\n", cmd->name, cmd->synopsis);
    text_wrap(out, cmd->about, 0, 0);
    fprintf(out, "\noptions:\n");
    for (size_t i = 0; i < cmd->n_options; i++)
        option_print(out, &cmd->options[i], false);
    option_print(out, &HELP_OPTION, true);
}

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "ticket-router %s: ", cmd->name);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n\n", stderr);
    cli_usage(cmd, stderr);
    return 2;
}

/* getopt_long accepts any unique prefix ("--mod" for --model-version); we do not, so that a
 * mistyped name never means another option. The option's text is argv[optind - 1], or
 * argv[optind - 2] when its value came as the next argument. */
static bool name_is_exact(char **argv, const struct cli_option *o)
{
    const char *text = argv[optind - 1];
    if (optarg && optarg == text)
        text = argv[optind - 2];
    size_t n = strlen(o->name);
    return strncmp(text, "--", 2) == 0 && strncmp(text + 2, o->name, n) == 0 &&
           (text[2 + n] == '\0' || text[2 + n] == '=');
}

/* The problem getopt_long reported with ret ('?' or ':'), as a usage error. */
static int parse_error(const struct cli_command *cmd, char **argv, int ret)
{
    if (optopt >= OPT_BASE && (size_t)(optopt - OPT_BASE) < cmd->n_options) {
        const struct cli_option *o = &cmd->options[optopt - OPT_BASE];
        return ret == ':' ? cli_usage_error(cmd, "option --%s needs a value (%s)", o->name, o->arg)
                          : cli_usage_error(cmd, "option --%s takes no value", o->name);
    }
    if (optopt == 'h')
        return cli_usage_error(cmd, "option --help takes no value");
    if (optopt)
        return cli_usage_error(cmd, "unknown option '-%c'", optopt);
    return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
}

bool cli_parse(const struct cli_command *cmd, int argc, char **argv, const char **values,
               int *status)
{
    assert(cmd->n_options <= CLI_MAX_OPTIONS);
    struct option longopts[CLI_MAX_OPTIONS + 2];
    for (size_t i = 0; i < cmd->n_options; i++) {
        values[i] = NULL;
        longopts[i] = (struct option){cmd->options[i].name,
                                      cmd->options[i].arg ? required_argument : no_argument, NULL,
                                      OPT_BASE + (int)i};
    }
    longopts[cmd->n_options] = (struct option){"help", no_argument, NULL, 'h'};
    longopts[cmd->n_options + 1] = (struct option){NULL, 0, NULL, 0};
    optind = 0; /* a full restart: commands may be called more than once in a process */
    opterr = 0; /* we print the problems, naming the command */
    int ret;
    while ((ret = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (ret == 'h') {
            cli_usage(cmd, stdout);
            *status = 0;
            return false;
        }
        if (ret == '?' || ret == ':') {
            *status = parse_error(cmd, argv, ret);
            return false;
        }
        const struct cli_option *o = &cmd->options[ret - OPT_BASE];
        if (!name_is_exact(argv, o)) {
            const char *text = argv[optind - (optarg && optarg == argv[optind - 1] ? 2 : 1)];
            *status = cli_usage_error(cmd, "unknown option '%s'", text);
            return false;
        }
        values[ret - OPT_BASE] = o->arg ? optarg : "";
    }
    if (optind < argc) {
        *status = cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
        return false;
    }
    return true;
}

bool cli_subcommand(const struct cli_command *cmd, const char *word, int argc, char **argv,
                    int *status)
{
    if (argc >= 2 && strcmp(argv[1], word) == 0)
        return true;
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        cli_usage(cmd, stdout);
        *status = 0;
        return false;
    }
    if (argc < 2)
        *status = cli_usage_error(cmd, "missing '%s'", word);
    else
        *status = cli_usage_error(cmd, "expected '%s', not '%s'", word, argv[1]);
    return false;
}

bool cli_long(const struct cli_command *cmd, const char *opt, const char *value, long fallback,
              long min, long *out)
{
    if (!value) {
        *out = fallback;
        return true;
    }
    char *end = NULL;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno || end == value || *end || v < min) {
        cli_usage_error(cmd, "--%s: not a whole number >= %ld: '%s'", opt, min, value);
        return false;
    }
    *out = v;
    return true;
}

bool cli_config_load(const char *path, struct config *cfg)
{
    char err[512];
    if (config_load(cfg, path, environ, err, sizeof(err)) != 0) {
        fprintf(stderr, "ticket-router: config: %s\n", err);
        return false;
    }
    enum log_level level;
    if (!log_level_parse(cfg->log_level, &level)) {
        fprintf(stderr, "ticket-router: config: log.level: unknown level '%s'\n", cfg->log_level);
        config_clear(cfg);
        return false;
    }
    log_set_level(level);
    log_set_json(strcmp(cfg->log_format, "json") == 0);
    if (cfg->env_ignored)
        log_warn("environment variables ignored, not config keys names=%s", cfg->env_ignored);
    return true;
}
