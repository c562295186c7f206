#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli/model_args.h"

enum opt_kind { OPT_STR, OPT_DOUBLE, OPT_U64, OPT_UINT, OPT_FLAG };

/* Where each option goes in struct model_opts, whichever command takes it. */
struct opt_field {
    const char *name;
    enum opt_kind kind;
    size_t offset;
    size_t seen_offset; /* a bool set when given, or 0 */
};

#define O(f) offsetof(struct model_opts, f)
/* clang-format off: tables read best as columns */
static const struct opt_field FIELDS[] = {
    {"data", OPT_STR, O(data), 0},
    {"text", OPT_STR, O(text), 0},
    {"label", OPT_STR, O(label), 0},
    {"format", OPT_STR, O(format), 0},
    {"out", OPT_STR, O(out), 0},
    {"config", OPT_STR, O(config), 0},
    {"pg-dsn", OPT_STR, O(pg_dsn), 0},
    {"model", OPT_STR, O(model), 0},
    {"model-version", OPT_STR, O(model_version), 0},
    {"oos-label", OPT_STR, O(oos_label), 0},
    {"threshold", OPT_DOUBLE, O(threshold), 0},
    {"seed", OPT_U64, O(seed), O(has_seed)},
    {"split-seed", OPT_U64, O(split_seed), O(has_split_seed)},
    {"holdout", OPT_DOUBLE, O(holdout), 0},
    {"report", OPT_FLAG, O(report), 0},
    {"publish", OPT_FLAG, O(publish), 0},
    {"json", OPT_FLAG, O(json), 0},
    {"quiet", OPT_FLAG, O(quiet), 0},
    {"epochs", OPT_UINT, O(epochs), 0},
    {"l2", OPT_DOUBLE, O(l2), 0},
    {"lr", OPT_DOUBLE, O(lr), 0},
    {"min-df", OPT_UINT, O(min_df), 0},
    {"char-ngrams", OPT_STR, O(char_ngrams), 0},
    {"calib", OPT_DOUBLE, O(calib), 0},
    {"C", OPT_DOUBLE, O(cost), 0},
    {"loss", OPT_STR, O(loss), 0},
    {"span-ngrams", OPT_STR, O(span_ngrams), 0},
    {"word-ngrams", OPT_UINT, O(word_ngrams), 0},
    {"word-pairs", OPT_UINT, O(word_pairs), O(has_word_pairs)},
    {"hidden", OPT_UINT, O(hidden), O(has_hidden)},
    {"threads", OPT_UINT, O(threads), 0},
    {"class-weight", OPT_DOUBLE, O(class_weight), O(has_class_weight)},
    {"class-weight-max", OPT_DOUBLE, O(class_weight_max), 0},
    {"model-format", OPT_UINT, O(model_format), 0},
    {"top", OPT_UINT, O(top), 0},
};
/* clang-format on */
#undef O

#define DATA_HELP                                                                                  \
    "CSV with a header (RFC 4180 quoting), or JSON Lines (.jsonl, .ndjson or --format jsonl)"
#define TEXT_HELP "the text column; several, comma separated, are joined (one line each)"
#define FORMAT_HELP "the data's format (default: jsonl for .jsonl/.ndjson names, else csv)"
#define OOS_HELP "the out-of-scope label: never routed, counted apart in the report"
#define SPLIT_SEED_HELP "seed of the hold-out split (default: --seed, as train used)"
#define JSON_HELP "the evaluation report as JSON"

static const struct cli_option TRAIN_OPTIONS[] = {
    {"data", "FILE", "training data: " DATA_HELP},
    {"text", "COLS", TEXT_HELP},
    {"label", "COL", "the label column"},
    {"format", "csv|jsonl", FORMAT_HELP},
    {"out", "MODEL", "where to write the model (required)"},
    {"config", "FILE",
     "configuration file for postgres.dsn; TICKET_ROUTER_POSTGRES_DSN overrides it. Trains on "
     "the database's training_examples too (after --data's rows), and --publish keeps the models "
     "there"},
    {"pg-dsn", "DSN",
     "discouraged: the DSN, password included, shows in the process list; use --config or "
     "TICKET_ROUTER_POSTGRES_DSN. Same effect as --config"},
    {"publish", NULL,
     "measure the new model and the published one on a held-out slice (--holdout, default 0.1) "
     "and publish the new one in PostgreSQL unless it is worse; the database is the one of "
     "--config (or the defaults) and the environment, or --pg-dsn"},
    {"model-version", "V",
     "the model's version (default \"unversioned\"; with --publish the UTC time "
     "YYYYMMDD-HHMMSS)"},
    {"oos-label", "L", OOS_HELP},
    {"threshold", "T", "confidence below T routes to triage, kept in the model (default 0.70)"},
    {"seed", "N", "random seed (default 1)"},
    {"split-seed", "N", SPLIT_SEED_HELP},
    {"holdout", "F", "hold out a seeded stratified fraction F (0..1) of the data"},
    {"report", NULL, "print the eval report on the held-out slice"},
    {"json", NULL, JSON_HELP},
    {"quiet", NULL, "no training summary on stderr"},
    {"loss", "hinge|logistic|ovr-sqhinge|ovr-hinge", "the linear model's loss (default hinge)"},
    {"C", "X", "cost of the SVM losses (default 1.0)"},
    {"epochs", "N", "passes over the data (default 20)"},
    {"l2", "X", "L2 regularisation of the linear model (default 1e-4)"},
    {"lr", "X", "learning rate (default 0.5)"},
    {"min-df", "N", "keep features seen in at least N texts (default 2)"},
    {"word-ngrams", "1..3", "longest word n-gram (default 3)"},
    {"word-pairs", "WINDOW|0", "word pairs within WINDOW words; 0: none (default 8)"},
    {"char-ngrams", "MIN-MAX|none", "character n-grams (default 2-5)"},
    {"span-ngrams", "MIN-MAX|none", "character n-grams across word boundaries (default none)"},
    {"hidden", "UNITS|0", "hidden layer units; 0: none (default 32)"},
    {"calib", "F", "fraction kept for calibrating the confidences (default 0.1)"},
    {"threads", "1|2", "training threads (default 2)"},
    {"class-weight", "P",
     "weight of a class's examples against imbalance: (n / (K n_class))^P, mean 1; 0: none, "
     "1: balanced (default 1)"},
    {"class-weight-max", "X", "cap on a class weight (default 5)"},
    {"model-format", "4|3",
     "model file format: 4 (default, int8 weights) or 3 (the previous one, float weights)"},
};

static const struct cli_option EVAL_OPTIONS[] = {
    {"model", "MODEL", "the model file (required)"},
    {"data", "FILE", "labelled data (required): " DATA_HELP},
    {"text", "COLS", TEXT_HELP " (required)"},
    {"label", "COL", "the label column (required)"},
    {"format", "csv|jsonl", FORMAT_HELP},
    {"json", NULL, JSON_HELP},
    {"quiet", NULL, "no effect on eval (accepted, as train takes it)"},
    {"oos-label", "L", OOS_HELP},
    {"threshold", "T", "confidence threshold (default: the model's)"},
    {"holdout", "F", "evaluate only the slice that train --holdout F held out"},
    {"split-seed", "N", SPLIT_SEED_HELP},
};

static const struct cli_option CLASSIFY_OPTIONS[] = {
    {"model", "MODEL", "the model file (required)"},
    {"top", "K", "print the K most likely labels (default 3)"},
    {"threshold", "T", "confidence threshold for out of scope (default: the model's)"},
};

const struct cli_command MODEL_TRAIN = {
    "train",
    "--out MODEL (--data FILE --text COLS --label COL | --config FILE | both)\n"
    "       [--publish] [--model-version V] [--holdout F [--split-seed N] [--report] [--json]]\n"
    "       [--format csv|jsonl] [--oos-label L] [--threshold T] [--seed N] [--quiet]\n"
    "       [--loss L] [--C X] [--epochs N] [--l2 X] [--lr X] [--min-df N] [--word-ngrams N]\n"
    "       [--word-pairs W] [--char-ngrams MIN-MAX] [--span-ngrams MIN-MAX] [--hidden N]\n"
    "       [--calib F] [--threads N] [--class-weight P] [--class-weight-max X]\n"
    "       [--model-format 4|3]",
    "Train a text classifier from a file of labelled texts, the database's training_examples, or "
    "both, and write the model to --out. With --publish (the weekly retraining) it is measured "
    "against the published model and published unless worse; running routers pick it up. The "
    "database comes from --config and the environment (TICKET_ROUTER_POSTGRES_DSN), as for the "
    "other commands. See docs/classifier.md.",
    CLI_OPTIONS(TRAIN_OPTIONS)};

const struct cli_command MODEL_EVAL = {
    "eval",
    "--model MODEL --data FILE --text COLS --label COL [--json] [--format csv|jsonl]\n"
    "       [--oos-label L] [--threshold T] [--holdout F [--split-seed N]]",
    "Measure a model on labelled data: accuracy, macro-F1, per-class figures, confusions, "
    "calibration, coverage at thresholds, throughput.",
    CLI_OPTIONS(EVAL_OPTIONS)};

const struct cli_command MODEL_CLASSIFY = {
    "classify", "--model MODEL [--top K] [--threshold T] < texts",
    "Classify the texts on stdin, one a line: print \"label confidence\" for the top K, and "
    "[out of scope: triage] when below the threshold or out of scope.",
    CLI_OPTIONS(CLASSIFY_OPTIONS)};

/* Store value into o's field for option `name`; false (after a usage error) when it is not a
 * number where one is wanted. */
static bool field_set(const struct cli_command *cmd, const char *name, const char *value,
                      struct model_opts *o)
{
    const struct opt_field *f = NULL;
    for (size_t i = 0; i < sizeof(FIELDS) / sizeof(FIELDS[0]) && !f; i++)
        if (strcmp(FIELDS[i].name, name) == 0)
            f = &FIELDS[i];
    if (!f)
        abort(); /* a command's table names an option FIELDS lacks: a bug */
    char *field = (char *)o + f->offset;
    if (f->seen_offset)
        *(bool *)((char *)o + f->seen_offset) = true;
    char *end = NULL;
    errno = 0;
    switch (f->kind) {
    case OPT_STR:
        *(const char **)field = value;
        return true;
    case OPT_FLAG:
        *(bool *)field = true;
        return true;
    case OPT_DOUBLE:
        *(double *)field = strtod(value, &end);
        break;
    case OPT_U64:
        *(unsigned long long *)field = strtoull(value, &end, 10);
        break;
    case OPT_UINT: {
        unsigned long x = strtoul(value, &end, 10);
        if (x > 1000000)
            errno = ERANGE;
        *(unsigned *)field = (unsigned)x;
        break;
    }
    }
    if (errno || !end || *end || end == value) {
        cli_usage_error(cmd, "--%s: bad number '%s'", name, value);
        return false;
    }
    return true;
}

bool model_opts_parse(const struct cli_command *cmd, int argc, char **argv, struct model_opts *o,
                      int *status)
{
    const char *values[CLI_MAX_OPTIONS];
    memset(o, 0, sizeof(*o));
    o->threshold = -1;
    if (!cli_parse(cmd, argc, argv, values, status))
        return false;
    for (size_t i = 0; i < cmd->n_options; i++) {
        if (values[i] && !field_set(cmd, cmd->options[i].name, values[i], o)) {
            *status = 2;
            return false;
        }
    }
    return true;
}
