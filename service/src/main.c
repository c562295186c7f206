/* ticket-router: parse the subcommand, hand over to it. Nothing else lives here. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *synopsis, *about;
} COMMANDS[] = {
    {"run", cli_run, "run --config FILE", "route tickets (the service)"},
    {"migrate", cli_migrate, "migrate --config FILE", "apply database migrations"},
    {"topics", cli_topics, "topics --config FILE", "create the Kafka topics"},
    {"produce", cli_produce, "produce --config FILE", "send sample TicketCreated events"},
    {"tail", cli_tail, "tail --config FILE", "print decisions (or --topic T) as JSON"},
    {"dlq", cli_dlq, "dlq redrive --config FILE", "send dead letters back to their topic"},
    {"rules", cli_rules, "rules check --config FILE", "validate the routing rules in the database"},
    {"train", cli_train, "train --data F --text C --label L --out M",
     "train a classifier; or --config FILE --publish"},
    {"signals", cli_signals, "signals train --data DIR --out FILE",
     "train the escalation signals (security, legal, outage, churn, distress)"},
    {"eval", cli_eval, "eval --model M --data F --text C --label L", "measure a classifier"},
    {"classify", cli_classify, "classify --model M", "classify texts from stdin"},
    {"report", cli_report, "report --config FILE",
     "routing quality, feedback and shadow agreement"},
};
#define N_COMMANDS (sizeof(COMMANDS) / sizeof(COMMANDS[0]))

static void usage(FILE *out)
{
    fprintf(out, "usage: ticket-router COMMAND [OPTIONS]\n"
                 "       ticket-router COMMAND --help    a command's options\n"
                 "       ticket-router --version         versions of ticket-router and its "
                 "libraries\n\ncommands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-43s %s\n", COMMANDS[i].synopsis, COMMANDS[i].about);
    fprintf(out, "\nTICKET_ROUTER_<KEY> environment variables override the --config file\n"
                 "(postgres.dsn: TICKET_ROUTER_POSTGRES_DSN).\n");
}

static int command_run(const char *name, int argc, char **argv)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(name, COMMANDS[i].name) == 0)
            return COMMANDS[i].run(argc, argv);
    fprintf(stderr, "ticket-router: unknown command '%s'\n\n", name);
    usage(stderr);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        cli_version_print(stdout);
        return 0;
    }
    if (strcmp(argv[1], "help") == 0 && argc == 3) { /* help COMMAND: COMMAND --help */
        char *help_argv[] = {argv[2], (char *)"--help", NULL};
        return command_run(argv[2], 2, help_argv);
    }
    if (argv[1][0] == '-') {
        fprintf(stderr, "ticket-router: unknown option '%s'\n\n", argv[1]);
        usage(stderr);
        return 2;
    }
    return command_run(argv[1], argc - 1, argv + 1);
}
