/* model_internal: what the classifier's commands (train, eval, classify: cmd_classify.c) share.
 * model_data.c reads the labelled examples (CSV, JSON Lines, PostgreSQL) and splits them, so the
 * classify module stays pure; model_eval.c measures a model on them and prints the report;
 * model_publish.c is train --publish. See docs/classifier.md.
 * Errors: each function prints its own reason to stderr. Threads: main thread only. */
#ifndef TR_CLI_MODEL_INTERNAL_H
#define TR_CLI_MODEL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "classify/classify.h"
#include "cli/model_args.h"
#include "common/error.h"

/* Labelled texts in the order read. Start from {0}; model_rows_clear() frees what it holds. */
struct model_rows {
    size_t n, cap;
    char **text, **label; /* owned */
};

/* Free the texts, the labels and the arrays, and zero rows. */
void model_rows_clear(struct model_rows *rows);

/* Append the examples o names: the file (--data, --text, --label; --format or its name tells
 * CSV from JSON Lines) and, with o->pg_dsn, the database's training_examples after the file's.
 * need_label requires --label for a file. Returns 0, or TR_EINVAL (also for no rows at all),
 * TR_EIO or TR_ENOMEM after printing why. */
TR_MUST_CHECK int model_rows_load(const struct model_opts *o, bool need_label,
                                  struct model_rows *rows);

/* Keep one side of the seeded stratified split of rows: the held-out fraction when keep_holdout,
 * else the rest. Returns 0, TR_EINVAL (fraction not in (0, 1)) or TR_ENOMEM; prints nothing. */
TR_MUST_CHECK int model_rows_split(struct model_rows *rows, double fraction, uint64_t seed,
                                   bool keep_holdout);

/* Move the held-out side of the same split from rows to held (which starts as {0}). The strings
 * move with their rows, so clearing both frees each once. Returns 0, or -1 after printing why. */
TR_MUST_CHECK int model_rows_holdout(struct model_rows *rows, struct model_rows *held,
                                     double fraction, uint64_t seed);

/* The headline figures of an evaluation. */
struct model_eval_summary {
    size_t n, correct;
    double accuracy, macro_f1, ece, head_accuracy, head_share;
    size_t head_classes;
    double cov[10], cov_acc[10];
    double throughput;
    bool has_oos;
    double threshold, in_scope_acc, in_scope_acc_thr, oos_recall, oos_precision;
    size_t n_in, n_oos;
};

/* Evaluate model on rows (o: --oos-label, --threshold, --json) and print the report to fp, as
 * JSON with o->json, else as text; the figures also go to summary (may be NULL). Returns 0, or
 * a TR_E* code after printing "evaluation failed". Borrows all arguments. */
TR_MUST_CHECK int model_evaluate(const classifier *model, const struct model_rows *rows,
                                 const struct model_opts *o, FILE *fp,
                                 struct model_eval_summary *summary);

/* train --publish: measure model (saved at o->out) and the published one on the same held-out
 * rows and publish model (PostgreSQL `models` at o->pg_dsn; running routers pick it up) only
 * when it is not worse. Every candidate is stored with its metrics and the verdict. Returns the
 * exit status: 0, or 1 after printing why. */
int model_publish(const struct model_opts *o, const classifier *model,
                  const struct model_rows *held, double train_secs);

#endif
