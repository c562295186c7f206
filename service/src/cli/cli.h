/* cli: the subcommands of ticket-router. main.c parses the first argument and calls one.
 * Each returns the process exit status (0 success, 1 failure, 2 usage) and prints its own
 * errors to stderr. Threads: main thread only. */
#ifndef TR_CLI_H
#define TR_CLI_H

/* argv[0] is the subcommand name; the options follow. */
int cli_run(int argc, char **argv);      /* run --config FILE: the routing service */
int cli_migrate(int argc, char **argv);  /* migrate --config FILE [--dir DIR] */
int cli_topics(int argc, char **argv);   /* topics --config FILE [--partitions N]: create */
int cli_produce(int argc, char **argv);  /* produce --config FILE --count N: sample tickets */
int cli_tail(int argc, char **argv);     /* tail --config FILE [--topic T]: print decisions */
int cli_rules(int argc, char **argv);    /* rules check --config FILE: lint the routing rules */
int cli_dlq(int argc, char **argv);      /* dlq redrive --config FILE: send dead letters back */
int cli_train(int argc, char **argv);    /* train --data FILE --text COLS --label COL --out M */
int cli_eval(int argc, char **argv);     /* eval --model M --data FILE --text COLS --label COL */
int cli_classify(int argc, char **argv); /* classify --model M: texts on stdin, top classes */
int cli_report(int argc, char **argv);   /* report --config FILE: routing quality for a lead */

#endif
