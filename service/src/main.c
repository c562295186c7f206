/* ticket-router: parse the subcommand, hand over to it. Nothing else lives here. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} COMMANDS[] = {
    {"run", cli_run, "run --config FILE            route tickets (the service)"},
    {"migrate", cli_migrate, "migrate --config FILE        apply database migrations"},
    {"topics", cli_topics, "topics --config FILE         create the Kafka topics"},
    {"produce", cli_produce, "produce --config FILE        send sample TicketCreated events"},
    {"tail", cli_tail, "tail --config FILE           print decisions (or --topic T) as JSON"},
    {"dlq", cli_dlq, "dlq redrive --config FILE     send dead letters back to their topic"},
    {"rules", cli_rules, "rules check --config FILE    validate the routing rules in the database"},
    {"train", cli_train, "train --data F --text C --label L --out M   train a classifier"},
    {"eval", cli_eval, "eval --model M --data F --text C --label L  measure a classifier"},
    {"classify", cli_classify, "classify --model M          classify texts from stdin"},
    {"report", cli_report,
     "report --config FILE         routing quality, feedback and shadow agreement"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: ticket-router COMMAND [OPTIONS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof(COMMANDS) / sizeof(COMMANDS[0]); i++)
        fprintf(out, "  %s\n", COMMANDS[i].help);
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (size_t i = 0; i < sizeof(COMMANDS) / sizeof(COMMANDS[0]); i++)
        if (strcmp(argv[1], COMMANDS[i].name) == 0)
            return COMMANDS[i].run(argc - 1, argv + 1);
    fprintf(stderr, "ticket-router: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
