/* cli: the subcommands of ticket-router. main.c parses the first argument and calls one.
 * Each returns the process exit status (0 success, 1 failure, 2 usage) and prints its own
 * errors to stderr. Every one answers -h/--help with its usage and options on stdout (exit 0);
 * an unknown option or a missing required one prints the problem and the usage to stderr
 * (exit 2). Threads: main thread only (getopt_long keeps global state). */
#ifndef TR_CLI_H
#define TR_CLI_H

#include <stdio.h>

/* argv[0] is the subcommand name; the options follow. argv may be permuted. */
int cli_signals(int argc, char **argv);  /* signals train --data DIR --out FILE */
int cli_run(int argc, char **argv);      /* run [--config FILE]: the routing service */
int cli_migrate(int argc, char **argv);  /* migrate [--config FILE] [--dir DIR] */
int cli_topics(int argc, char **argv);   /* topics [--config FILE] [--partitions N]: create */
int cli_produce(int argc, char **argv);  /* produce [--config FILE] [--count N]: sample tickets */
int cli_tail(int argc, char **argv);     /* tail [--config FILE] [--topic T]: print decisions */
int cli_rules(int argc, char **argv);    /* rules check [--config FILE]: lint the routing rules */
int cli_dlq(int argc, char **argv);      /* dlq redrive [--config FILE]: send dead letters back */
int cli_train(int argc, char **argv);    /* train --out M (--data FILE --text C --label L |
                                            --config FILE) [--publish] */
int cli_eval(int argc, char **argv);     /* eval --model M --data FILE --text COLS --label COL */
int cli_classify(int argc, char **argv); /* classify --model M: texts on stdin, top classes */
int cli_report(int argc, char **argv);   /* report [--config FILE]: routing quality for a lead */

/* Our version and the versions of librdkafka, avro-c, hiredis and libpq, one a line. */
void cli_version_print(FILE *out);

#endif
