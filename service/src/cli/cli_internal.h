/* cli_internal: option parsing and usage text shared by the subcommands (getopt_long).
 * Conventions: long options only (`--name VALUE` or `--name=VALUE`, never abbreviated), plus
 * -h/--help on every command. --help prints the usage to stdout and exits 0; a usage error
 * prints one line naming the problem, then the usage, to stderr and exits 2.
 * Threads: main thread only (getopt keeps global state). */
#ifndef TR_CLI_INTERNAL_H
#define TR_CLI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "config/config.h"

/* The --config line every command that reads the configuration shares. */
#define CLI_CONFIG_HELP                                                                            \
    "configuration file (key = value); without it the defaults apply. TICKET_ROUTER_<KEY> "        \
    "environment variables override it (postgres.dsn: TICKET_ROUTER_POSTGRES_DSN)"

/* One option of a command, for getopt_long and for --help. */
struct cli_option {
    const char *name; /* without the leading "--" */
    const char *arg;  /* the value's placeholder in --help ("FILE"); NULL for a flag */
    const char *help; /* one line for --help */
};

/* A command: its name as typed ("dlq redrive"), the synopsis that follows the name in the usage
 * (may hold "\n" and indent for long ones), one paragraph on what it does, and its options. */
struct cli_command {
    const char *name;
    const char *synopsis;
    const char *about;
    const struct cli_option *options;
    size_t n_options;
};

#define CLI_OPTIONS(table) (table), (sizeof(table) / sizeof((table)[0]))
#define CLI_MAX_OPTIONS 48

/* Parse argv (argv[0] is the command's last word; options follow) with getopt_long. values has
 * cmd->n_options entries: values[i] gets the value of options[i], "" for a flag that is given,
 * NULL when absent; when repeated, the last one wins. Any operand (non-option) is an error.
 * Returns true to go on. Returns false when the command should return *status at once: 0 after
 * printing --help to stdout, 2 after printing the problem and the usage to stderr.
 * Permutes argv (pointers only); values borrow argv's strings. */
bool cli_parse(const struct cli_command *cmd, int argc, char **argv, const char **values,
               int *status);

/* For a command with a second word (`dlq redrive`, `rules check`): true when argv[1] is word.
 * Otherwise false with *status: 0 after printing the usage for -h/--help, else 2 after a usage
 * error. argv[0] is the first word. */
bool cli_subcommand(const struct cli_command *cmd, const char *word, int argc, char **argv,
                    int *status);

/* The usage: synopsis, about and the options, -h/--help included. */
void cli_usage(const struct cli_command *cmd, FILE *out);

/* Print "ticket-router NAME: <reason>" and the usage to stderr. Returns 2, the status. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A whole number >= min for option opt (its name without "--"): value NULL gives fallback.
 * Anything else is a usage error (printed); returns false then. */
bool cli_long(const struct cli_command *cmd, const char *opt, const char *value, long fallback,
              long min, long *out);

/* Load the configuration file at path (NULL: defaults only) plus the environment; print the
 * error and return false on failure. Sets the log level and format. Caller clears cfg. */
bool cli_config_load(const char *path, struct config *cfg);

#endif
