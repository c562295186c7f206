/* classify: the ticket text classifier. A linear model (multiclass SVM by default, multinomial
 * logistic regression, or one-vs-rest SVMs) over TF-IDF weighted word n-grams, word pairs and
 * character n-grams, averaged with a one-hidden-layer network over the same features,
 * trained here from labelled texts, with probabilities calibrated by temperature scaling on a
 * held-out slice, and an out-of-scope decision.
 * Pure: no I/O except classifier_load() and classifier_save(), no clock, no globals, no logging.
 * Threads: a classifier is immutable after load or train and may be shared by any number of
 * threads; a classify_scratch belongs to one thread at a time.
 * Errors: 0 or a negative TR_E* code; the functions that take err write the reason there. */
#ifndef TR_CLASSIFY_H
#define TR_CLASSIFY_H

#include "common/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Texts longer than this (bytes, before normalisation) are refused with TR_ETOOBIG. */
#define CLASSIFY_MAX_TEXT_BYTES (64 * 1024)
/* classify_result holds at most this many classes. */
#define CLASSIFY_TOP_MAX 5
/* The fallback threshold the design names (DESIGN.md step 7), used unless training sets one. */
#define CLASSIFY_DEFAULT_THRESHOLD 0.70

typedef struct classifier classifier;
typedef struct classify_scratch classify_scratch;

/* ---- using a model ------------------------------------------------------------------------ */

/* Load a model file written by classifier_save() with one read. A file that is truncated,
 * corrupted (checksum), of another format version or not a model at all is refused: returns
 * NULL with the reason in err. The caller owns the result; free with classifier_free(). */
classifier *classifier_load(const char *path, char *err, size_t errlen);

/* The same from a model file's bytes in memory (e.g. kept in PostgreSQL); bytes are copied. */
classifier *classifier_load_bytes(const void *bytes, size_t len, char *err, size_t errlen);

/* Accepts NULL. */
void classifier_free(classifier *model);

/* The model version string given at training (e.g. "2024-05-01.1"). Valid until
 * classifier_free(model). */
const char *classifier_version(const classifier *model);

size_t classifier_n_labels(const classifier *model);
/* Label i (i < classifier_n_labels()); valid until classifier_free(model). */
const char *classifier_label(const classifier *model, size_t i);

/* Index of label, or -1 when the model has no such label. */
int classifier_label_index(const classifier *model, const char *label);

/* Out-of-scope threshold stored in the model: a top confidence below it is out of scope. */
double classifier_threshold(const classifier *model);

/* Per-thread working memory, so that classifier_predict() does not allocate once warmed up.
 * Returns NULL when out of memory. The caller owns it; free with classify_scratch_free(),
 * which accepts NULL. One scratch may serve several models, but one thread at a time. */
classify_scratch *classify_scratch_new(void);
void classify_scratch_free(classify_scratch *scratch);

struct classify_result {
    size_t n; /* classes filled in top[], best first */
    struct {
        const char *label; /* valid until classifier_free(model) */
        double confidence; /* calibrated probability */
    } top[CLASSIFY_TOP_MAX];
    /* True when the top class is the model's out-of-scope label, or its confidence is below the
     * threshold (the model's, unless overridden with classifier_predict_at()). */
    bool out_of_scope;
};

/* Classify text (UTF-8, len bytes, need not be NUL-terminated) and fill out with the k best
 * classes (k is capped at CLASSIFY_TOP_MAX and at the number of labels).
 * Returns 0, TR_ETOOBIG when len > CLASSIFY_MAX_TEXT_BYTES, TR_EINVAL for NULL arguments or
 * k == 0, TR_ENOMEM when the scratch could not grow. Borrows all arguments. Text with no feature
 * the model knows (no usable token, or only unseen ones) gets the same probability 1/k for every
 * label: the model has no evidence, so the ticket is out of scope at any threshold above 1/k. */
TR_MUST_CHECK int classifier_predict(const classifier *model, classify_scratch *scratch,
                                     const char *text, size_t len, size_t k,
                                     struct classify_result *out);

/* The same with an explicit out-of-scope threshold in [0, 1]. */
TR_MUST_CHECK int classifier_predict_at(const classifier *model, classify_scratch *scratch,
                                        const char *text, size_t len, size_t k, double threshold,
                                        struct classify_result *out);

/* Calibrated probabilities of all labels (probs has classifier_n_labels() slots). */
TR_MUST_CHECK int classifier_predict_probs(const classifier *model, classify_scratch *scratch,
                                           const char *text, size_t len, double *probs);

/* ---- training ------------------------------------------------------------------------------ */

struct classify_example {
    const char *text; /* UTF-8 */
    size_t len;
    const char *label;
};

/* Training loss. Either way the probabilities come from a softmax of the scores at the fitted
 * temperature. */
enum {
    CLASSIFY_LOSS_HINGE = 0,       /* multiclass hinge (Crammer-Singer), by SGD */
    CLASSIFY_LOSS_LOGISTIC = 1,    /* multinomial logistic regression, by SGD */
    CLASSIFY_LOSS_OVR_SQHINGE = 2, /* one-vs-rest squared hinge (L2-loss SVM), dual CD */
    CLASSIFY_LOSS_OVR_HINGE = 3,   /* one-vs-rest hinge (L1-loss SVM), dual CD */
};

struct classify_train_params {
    uint64_t seed;             /* same data + same params + same seed = same model, bit for bit */
    const char *model_version; /* stored in the file; NULL: "unversioned" */
    const char *oos_label;     /* label meaning "out of scope" (e.g. "oos"), or NULL */
    double threshold;          /* out-of-scope threshold; <= 0: CLASSIFY_DEFAULT_THRESHOLD */
    unsigned epochs;           /* passes of SGD over the data; 0: default */
    double l2;                 /* L2 regularisation strength; <= 0: default */
    double learning_rate;      /* initial SGD step; <= 0: default */
    unsigned min_df;         /* features seen in fewer documents are dropped; 0: default. Raised in
                                the trained model's copy when the weights would pass 40 MB. */
    unsigned word_ngram_max; /* word n-grams 1..N (N <= 3); 0: default */
    unsigned char_ngram_min; /* character n-grams within words; both 0: defaults */
    unsigned char_ngram_max;
    unsigned span_ngram_min; /* character n-grams across word boundaries; both 0: defaults */
    unsigned span_ngram_max;
    unsigned word_pair_window; /* unordered word pairs 2..N apart (N <= 16); 0: default */
    bool no_word_pairs;        /* no word pairs */
    bool no_char_ngrams;       /* no character n-grams within words */
    bool no_span_ngrams;       /* no character n-grams across words */
    double calib_fraction;     /* stratified slice held out to fit the temperature; <= 0: 0.1 */
    unsigned loss;             /* CLASSIFY_LOSS_* */
    double cost;               /* C of the one-vs-rest SVMs; <= 0: default */
    unsigned threads;          /* 1 or 2 (0: 2): the calibration model and the final model are
                                  trained side by side; the result does not depend on it */
    unsigned hidden;           /* units of the one-hidden-layer network averaged with the linear
                                  model (<= 1024); 0: default */
    bool no_hidden;            /* linear model only */
    /* Class weighting against imbalance: an example of class y counts (n / (K n_y))^power in
     * the loss (of the linear model and of the network), scaled so that the examples' mean
     * weight is 1, then capped at class_weight_max. 0: every example counts 1; negative: the
     * default (CLASSIFY_DEFAULT_CLASS_WEIGHT). Not used by the one-vs-rest losses. */
    double class_weight;
    double class_weight_max; /* <= 0: default (CLASSIFY_DEFAULT_CLASS_WEIGHT_MAX) */
    /* The model file format to build: 0 (default) the current one (4, int8 weights); 3 the
     * previous one (float weights), read and scored by the previous code, kept for comparison. */
    unsigned model_format;
};

#define CLASSIFY_DEFAULT_CLASS_WEIGHT 1.0
#define CLASSIFY_DEFAULT_CLASS_WEIGHT_MAX 5.0

/* Defaults for every field (seed 1). */
void classify_train_params_default(struct classify_train_params *params);

struct classify_train_metrics {
    uint64_t n_examples;     /* training examples used for the final model */
    uint64_t n_calib;        /* examples in the calibration slice */
    uint64_t n_features;     /* features kept */
    double temperature;      /* fitted on the calibration slice */
    double calib_accuracy;   /* of the model trained without the slice, on the slice */
    double calib_nll_before; /* mean negative log-likelihood at temperature 1 */
    double calib_nll_after;  /* ... at the fitted temperature */
    double calib_ece_before; /* expected calibration error, 15 bins, at temperature 1 */
    double calib_ece_after;  /* ... at the fitted temperature */
    double train_accuracy;   /* of the final model on its own training data */
    double calib_macro_f1;   /* of the model trained without the slice, on the slice (mean F1
                                of the classes present in it or predicted; format 4 files only) */
};

/* Train a model from n labelled examples (at least 2 distinct labels). Borrows examples and
 * params. On success *out is a new model (the caller owns it; free with classifier_free()).
 * Returns 0, TR_EINVAL (reason in err) for unusable data or parameters, TR_ETOOBIG for an
 * oversized text, TR_ENOMEM. */
TR_MUST_CHECK int classifier_train(const struct classify_example *examples, size_t n,
                                   const struct classify_train_params *params, classifier **out,
                                   char *err, size_t errlen);

/* The parameters and metrics a model was trained with (also stored in its file). Borrowed. */
const struct classify_train_params *classifier_params(const classifier *model);
const struct classify_train_metrics *classifier_metrics(const classifier *model);
/* Size of the model file in bytes. */
size_t classifier_size_bytes(const classifier *model);

/* Write the model to path (atomically: path.tmp then rename). Returns 0 or TR_EIO. */
TR_MUST_CHECK int classifier_save(const classifier *model, const char *path, char *err,
                                  size_t errlen);

/* ---- helpers shared by train, eval and the benchmark --------------------------------------- */

/* Mark a seeded, stratified fraction of the examples as held out: for every label, round(
 * fraction * count) of its examples (at least 1 when it has 2 or more) chosen at random with
 * seed. holdout has n slots. Returns 0 or TR_EINVAL / TR_ENOMEM. */
TR_MUST_CHECK int classify_split_holdout(const char *const *labels, size_t n, double fraction,
                                         uint64_t seed, bool *holdout);

/* Expected calibration error with n_bins equal-width confidence bins: the weighted mean of
 * |accuracy - mean confidence| per bin. correct[i] says whether prediction i was right. */
double classify_ece(const double *confidence, const bool *correct, size_t n, unsigned n_bins);

/* Normalise and tokenise text the way the model does, for tests and for a person to look at:
 * writes the tokens separated by single spaces, NUL-terminated, into buf. Returns the number of
 * tokens, or TR_ETOOBIG (text too long or buf too small), TR_EINVAL, TR_ENOMEM. */
TR_MUST_CHECK int classify_tokens(classify_scratch *scratch, const char *text, size_t len,
                                  char *buf, size_t buflen);

#endif
