/* model_args: the options of train, eval and classify (cmd_classify.c), one table each for
 * getopt_long and --help, and their conversion into struct model_opts.
 * Threads: main thread only. */
#ifndef TR_CLI_MODEL_ARGS_H
#define TR_CLI_MODEL_ARGS_H

#include <stdbool.h>

#include "cli/cli_internal.h"

struct model_opts {
    const char *data, *text, *label, *out, *model, *format, *pg_dsn, *model_version, *oos_label;
    const char *config, *char_ngrams, *span_ngrams, *loss;
    double holdout, threshold, l2, lr, calib, cost, class_weight, class_weight_max;
    unsigned long long seed, split_seed;
    unsigned epochs, min_df, threads, top, word_ngrams, word_pairs, hidden, model_format;
    bool has_word_pairs, has_hidden, has_class_weight;
    bool json, report, has_seed, has_split_seed, quiet, publish;
};

extern const struct cli_command MODEL_TRAIN, MODEL_EVAL, MODEL_CLASSIFY;

/* Parse the options of cmd (one of the three) into o (threshold -1 when not given). Returns
 * false with *status (0 after --help, 2 after a usage error, printed) when the command should
 * return at once. The strings in o borrow argv. */
bool model_opts_parse(const struct cli_command *cmd, int argc, char **argv, struct model_opts *o,
                      int *status);

#endif
