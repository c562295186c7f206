/* signals: escalation signals in ticket text (DESIGN.md step 4): security incident, legal threat,
 * outage report, churn threat and distress, each a score in [0, 1] with a threshold and a short
 * human reason.
 *
 * Each signal combines two things, both over the text module's analysis (folded, stemmed tokens):
 *   patterns  curated multilingual phrases (data/signals/patterns.tsv: English, German, French,
 *             Spanish, Portuguese), matched on stems; a match that a negation governs ("we are
 *             not planning to cancel", "kein Datenleck", "nao vamos cancelar") does not count
 *   model     a small logistic model per signal over hashed features (stems, stem pairs,
 *             negation-marked stems, and which patterns matched, negated or not), trained here from
 *             labelled examples, its scores calibrated (Platt) on out-of-fold predictions
 * The patterns are part of the model file, so one file is one reviewed, versioned behaviour
 * (docs/signals.md describes the file and how to train one).
 *
 * Pure: no I/O except signals_load() and signals_save(), no clock, no globals, no logging.
 * Threads: a signals_model is immutable after load or train and may be shared by any number of
 * threads; the text_analyzer and text_doc passed in belong to the calling thread (text.h).
 * Errors: 0 or a negative TR_E* code; the functions that take err write the reason there. */
#ifndef TR_SIGNALS_H
#define TR_SIGNALS_H

#include "common/error.h"
#include "text/text.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum signals_kind {
    SIGNALS_SECURITY = 0, /* breach, compromised account, leaked data, phishing, ransomware */
    SIGNALS_LEGAL = 1,    /* a threat of legal action: lawsuit, lawyer letter, regulator */
    SIGNALS_OUTAGE = 2,   /* the service is down / unreachable for the customer now */
    SIGNALS_CHURN = 3,    /* the customer threatens to cancel or move to a competitor */
    SIGNALS_DISTRESS = 4, /* an angry or desperate customer */
    SIGNALS_N = 5,
};

/* The kind of an example that is ordinary text: a negative for every signal (label 0). */
#define SIGNALS_ALL (-1)

/* Languages the patterns cover; an analyzer for signals_score_text() should stem them. Use as
 * const char *langs[] = {SIGNALS_LANGS}; */
#define SIGNALS_LANGS "en", "de", "fr", "es", "pt"

/* Room for a reason, NUL included. */
#define SIGNALS_REASON_MAX 96

/* "security", "legal", "outage", "churn", "distress"; "?" for anything else. */
const char *signals_name(int kind);
/* *kind becomes the kind named name (as signals_name() spells it; "all" gives SIGNALS_ALL).
 * Returns 0, or TR_EINVAL for any other name. */
TR_MUST_CHECK int signals_kind_parse(const char *name, int *kind);

typedef struct signals_model signals_model;

/* ---- using a model ------------------------------------------------------------------------- */

/* Load a model file written by signals_save() (format in docs/signals.md). A file that is
 * truncated, corrupted (checksum), of another format version or not a signals model is refused:
 * returns NULL with the reason in err. Compiles the patterns (a few milliseconds): load once
 * and share. The caller owns the result; free with signals_free(), which accepts NULL. */
signals_model *signals_load(const char *path, char *err, size_t errlen);
/* The same from a model file's bytes in memory (e.g. kept in PostgreSQL); bytes are copied. */
signals_model *signals_load_bytes(const void *bytes, size_t len, char *err, size_t errlen);
void signals_free(signals_model *model);

/* Version string given at training. Valid until signals_free(model). */
const char *signals_version(const signals_model *model);
/* Number of patterns the model holds. */
size_t signals_n_patterns(const signals_model *model);
/* The model's threshold for kind (a score >= it fires), or -1 for a bad kind. */
double signals_threshold(const signals_model *model, int kind);

struct signals_score {
    double score; /* calibrated probability that the text carries the signal, 0..1 */
    bool fired;   /* score >= the threshold */
    /* Why, for a person: the strongest matching pattern ('pattern "data breach"; score 0.97'),
     * else 'model score 0.93'; a negated pattern is named as such. NUL-terminated. */
    char reason[SIGNALS_REASON_MAX];
};

struct signals_result {
    struct signals_score s[SIGNALS_N]; /* indexed by enum signals_kind */
};

/* Score a text already analysed with text_analyze() (in its language: the detected one, else
 * the customer's; patterns of the five languages above match on that language's stems, and a
 * text in any other language is matched with every pattern on folded forms). thresholds
 * (SIGNALS_N entries) overrides the model's thresholds, NULL keeps them. No I/O, no clock, no
 * allocation. Returns 0 or TR_EINVAL for NULL arguments. Borrows all arguments. */
TR_MUST_CHECK int signals_score(const signals_model *model, const text_doc *doc,
                                const double *thresholds, struct signals_result *out);

/* Analyse text (UTF-8, len bytes: e.g. subject, a newline and body) into doc with az in lang
 * (NULL: unstemmed) and score it with the model's thresholds. az and doc belong to the calling
 * thread. Returns 0, TR_EINVAL, TR_ETOOBIG (text over TEXT_MAX_BYTES) or TR_ENOMEM. */
TR_MUST_CHECK int signals_score_text(const signals_model *model, text_analyzer *az, text_doc *doc,
                                     const char *lang, const char *text, size_t len,
                                     struct signals_result *out);

/* ---- training ------------------------------------------------------------------------------ */

struct signals_example {
    const char *text; /* UTF-8 */
    size_t len;
    const char *lang; /* "en", "de", ... (NULL or "": unstemmed) */
    int kind;         /* enum signals_kind, or SIGNALS_ALL: ordinary text, label 0 for all */
    int label;        /* 1: carries the signal, 0: does not */
    double weight;    /* > 0; a reviewed correction may weigh more than a starter phrasing */
};

struct signals_train_params {
    uint64_t seed;             /* same data + params + seed = same model, bit for bit */
    const char *model_version; /* stored in the file; NULL: "unversioned" */
    const char *patterns;      /* the patterns file's text (format in docs/signals.md); NULL or
                                  "": no patterns, the model alone */
    size_t patterns_len;
    unsigned hash_bits; /* 2^hash_bits feature buckets (12..22); 0: 17 */
    unsigned epochs;    /* SGD passes; 0: 12 */
    double l2;          /* L2 strength per example; <= 0: 1e-5 */
    double pos_weight;  /* positives of a signal are weighed so they sum to this fraction of
                           its negatives (when fewer); <= 0: 0.5 */
    unsigned folds;     /* out-of-fold rounds that give the calibration scores; 0: 4 */
    /* Stored thresholds (default 0.5); <= 0: chosen from the out-of-fold scores as the lowest (in
     * steps of 0.01, at least 0.05) whose false alarms on that signal's negatives stay within
     * max_false_alarm. */
    double threshold[SIGNALS_N];
    double max_false_alarm; /* <= 0: 0.003 */
};

/* Defaults for every field (seed 1, no patterns). */
void signals_train_params_default(struct signals_train_params *params);

struct signals_train_metrics {
    size_t n_pos[SIGNALS_N], n_neg[SIGNALS_N]; /* examples used per signal */
    double platt_a[SIGNALS_N], platt_b[SIGNALS_N];
    double oof_recall[SIGNALS_N];      /* out of fold, at the threshold */
    double oof_false_alarm[SIGNALS_N]; /* out of fold, on that signal's negatives */
};

/* Train a model from n labelled examples (each signal needs at least one positive and one
 * negative). Borrows examples and params. On success *out is a new model (the caller owns it;
 * free with signals_free()) and metrics (may be NULL) is filled. Returns 0, TR_EINVAL (reason in
 * err) for unusable data, parameters or patterns, TR_ETOOBIG for an oversized text, TR_ENOMEM. */
TR_MUST_CHECK int signals_train(const struct signals_example *examples, size_t n,
                                const struct signals_train_params *params, signals_model **out,
                                struct signals_train_metrics *metrics, char *err, size_t errlen);

/* Write the model to path (atomically: path.tmp then rename). Returns 0 or TR_EIO / TR_ENOMEM. */
TR_MUST_CHECK int signals_save(const signals_model *model, const char *path, char *err,
                               size_t errlen);
/* The model file's bytes in a new heap buffer (the caller frees it), e.g. to store in
 * PostgreSQL. Returns 0 or TR_ENOMEM. */
TR_MUST_CHECK int signals_to_bytes(const signals_model *model, void **bytes, size_t *len);

/* Parse training examples from the text of a TSV file (data/signals/train/ and heldout/): one
 * example a line, "signal<TAB>lang<TAB>label<TAB>text", an optional fifth column weight; lines
 * starting with # and blank lines are skipped. buf (len bytes and a NUL after them, as
 * tr_file_read() gives) is modified in place and the examples point into it. *out (the caller frees
 * it with free()) gets *n examples, appended to what is there when *out is not NULL (then *n is its
 * count). Returns 0, or TR_EINVAL with the line and reason in err, or TR_ENOMEM. */
TR_MUST_CHECK int signals_examples_parse(char *buf, size_t len, struct signals_example **out,
                                         size_t *n, char *err, size_t errlen);

#endif
