/* signals train: the escalation-signals model (service/src/signals/) from a folder of
 * labelled examples, as data/signals/ ships them, to the file signals.path names. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_internal.h"
#include "signals/signals.h"

enum { SG_DATA, SG_OUT, SG_THRESHOLDS, SG_VERSION, SG_SEED };
static const struct cli_option SIGNALS_OPTIONS[] = {
    [SG_DATA] = {"data", "DIR",
                 "the examples: DIR/patterns.tsv, and every .tsv of DIR/train and DIR/valid "
                 "(format in docs/signals.md)"},
    [SG_OUT] = {"out", "FILE", "the model file to write (signals.path of the router)"},
    [SG_THRESHOLDS] = {"thresholds", "LIST",
                       "five thresholds, security,legal,outage,churn,distress (default: the "
                       "ones bench_signals chose on the validation split, "
                       "0.72,0.70,0.76,0.86,0.77)"},
    [SG_VERSION] = {"model-version", "V", "the version stored in the file (default: signals)"},
    [SG_SEED] = {"seed", "N", "training seed (default 1): same data and seed, same model"},
};
static const struct cli_command SIGNALS = {
    "signals train", "--data DIR --out FILE [--thresholds LIST]",
    "Train the escalation signals (security incident, legal threat, outage report, churn threat, "
    "distress): curated multilingual patterns plus a small learned model per signal, each with "
    "a calibrated score and a threshold. The router lists every signal's score in a decision's "
    "reasons, and routing rules with a signals_any condition act on the ones that fired.",
    CLI_OPTIONS(SIGNALS_OPTIONS)};

static const double DEFAULT_THRESHOLDS[SIGNALS_N] = {0.72, 0.70, 0.76, 0.86, 0.77};

struct corpus {
    char **bufs; /* the files' text: the examples point into it */
    size_t n_bufs;
    struct signals_example *ex;
    size_t n;
};

static void corpus_clear(struct corpus *c)
{
    for (size_t i = 0; i < c->n_bufs; i++)
        free(c->bufs[i]);
    free(c->bufs);
    free(c->ex);
}

/* Every .tsv of dir (absent: nothing). 0, or 1 after printing why. */
static int corpus_add_dir(struct corpus *c, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".tsv") != 0)
            continue;
        char path[4096], err[512], *buf = NULL;
        size_t n = 0;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        char **grown = realloc(c->bufs, (c->n_bufs + 1) * sizeof(*grown));
        if (!grown || tr_file_read(path, &buf, &n, err, sizeof(err)) != 0 ||
            signals_examples_parse(buf, n, &c->ex, &c->n, err, sizeof(err)) != 0) {
            fprintf(stderr, "ticket-router signals: %s: %s\n", path, grown ? err : "out of memory");
            rc = 1;
        }
        if (grown) {
            c->bufs = grown;
            c->bufs[c->n_bufs++] = buf;
        } else {
            free(buf);
        }
    }
    closedir(d);
    return rc;
}

static bool thresholds_parse(const char *list, double *out)
{
    const char *p = list;
    for (int k = 0; k < SIGNALS_N; k++) {
        char *end;
        out[k] = strtod(p, &end);
        if (end == p || out[k] <= 0 || out[k] >= 1 || (k < SIGNALS_N - 1 && *end != ','))
            return false;
        p = end + 1;
        if (k == SIGNALS_N - 1 && *end)
            return false;
    }
    return true;
}

static int train_and_save(const char *const *opt, struct signals_train_params *params,
                          struct corpus *c)
{
    char err[512];
    signals_model *model = NULL;
    struct signals_train_metrics m;
    if (signals_train(c->ex, c->n, params, &model, &m, err, sizeof(err)) != 0 ||
        signals_save(model, opt[SG_OUT], err, sizeof(err)) != 0) {
        fprintf(stderr, "ticket-router signals: %s\n", err);
        signals_free(model);
        return 1;
    }
    printf("trained on %zu examples, %zu patterns; wrote %s\n", c->n, signals_n_patterns(model),
           opt[SG_OUT]);
    for (int k = 0; k < SIGNALS_N; k++)
        printf("  %-8s threshold %.2f  out-of-fold recall %.3f, false alarms %.3f (%zu pos / "
               "%zu neg)\n",
               signals_name(k), signals_threshold(model, k), m.oof_recall[k], m.oof_false_alarm[k],
               m.n_pos[k], m.n_neg[k]);
    signals_free(model);
    return 0;
}

int cli_signals(int argc, char **argv)
{
    const char *opt[sizeof(SIGNALS_OPTIONS) / sizeof(SIGNALS_OPTIONS[0])];
    int status = 1;
    long seed = 1;
    if (!cli_subcommand(&SIGNALS, "train", argc, argv, &status) ||
        !cli_parse(&SIGNALS, argc - 1, argv + 1, opt, &status))
        return status;
    if (!opt[SG_DATA] || !opt[SG_OUT])
        return cli_usage_error(&SIGNALS, "--data and --out are required");
    if (!cli_long(&SIGNALS, "seed", opt[SG_SEED], 1, 0, &seed))
        return 2;
    struct signals_train_params params;
    signals_train_params_default(&params);
    params.seed = (uint64_t)seed;
    params.model_version = opt[SG_VERSION] ? opt[SG_VERSION] : "signals";
    memcpy(params.threshold, DEFAULT_THRESHOLDS, sizeof(params.threshold));
    if (opt[SG_THRESHOLDS] && !thresholds_parse(opt[SG_THRESHOLDS], params.threshold))
        return cli_usage_error(&SIGNALS, "--thresholds: five numbers in (0, 1), comma-separated");
    char path[4096], err[512], *patterns = NULL;
    size_t patterns_len = 0;
    snprintf(path, sizeof(path), "%s/patterns.tsv", opt[SG_DATA]);
    if (tr_file_read(path, &patterns, &patterns_len, err, sizeof(err)) != 0) {
        fprintf(stderr, "ticket-router signals: %s: %s\n", path, err);
        return 1;
    }
    params.patterns = patterns;
    params.patterns_len = patterns_len;
    struct corpus c = {0};
    char train_dir[4096], valid_dir[4096];
    snprintf(train_dir, sizeof(train_dir), "%s/train", opt[SG_DATA]);
    snprintf(valid_dir, sizeof(valid_dir), "%s/valid", opt[SG_DATA]);
    if (corpus_add_dir(&c, train_dir) == 0 && corpus_add_dir(&c, valid_dir) == 0) {
        if (c.n == 0)
            fprintf(stderr, "ticket-router signals: no examples in %s\n", train_dir);
        else
            status = train_and_save(opt, &params, &c);
    }
    corpus_clear(&c);
    free(patterns);
    return status;
}
