/* classify training internals shared by train.c (the whole), train_features.c (texts to sparse
 * rows), train_linear.c (the linear model by SGD) and train_mlp.c (the hidden layer); nothing
 * outside classify/ includes this. Threads: a job is run by one thread. */
#ifndef TR_CLASSIFY_TRAIN_INTERNAL_H
#define TR_CLASSIFY_TRAIN_INTERNAL_H

#include "classify/classify_internal.h"

/* The one-hidden-layer network: passes of SGD, initial step (decaying linearly to 0), and its
 * share of the averaged log-probabilities (the rest is the linear model's, at its own fitted
 * temperature). */
#define TRAIN_MLP_EPOCHS 10
#define TRAIN_MLP_LR 0.05
#define TRAIN_MLP_MIX 0.4
/* The weights (features x labels x 4 bytes) are kept under this by raising min_df for the rarest
 * features, so that the model file stays well under the 50 MB target. */
#define TRAIN_WEIGHTS_BUDGET_BYTES (40u * 1000 * 1000)
/* A class whose gradient is smaller than this is not updated for the example: with a peaked
 * softmax most of the 77..150 classes are, and skipping them halves training time. */
#define TRAIN_GRAD_SKIP 1e-5

/* The model's feature table, built from the counts. */
struct dict_build {
    uint64_t *keys;
    uint32_t *values;
    float *idf;
    uint32_t slots, n_features;
};

/* Feature keys of the n examples, the table of the kept features (*min_df raised while the
 * weights, width per feature, would pass the budget) and ds's rows (ds->y is the caller's).
 * Returns 0, TR_ETOOBIG or TR_ENOMEM (reason in err when it has one); the caller clears dict
 * and ds either way. */
int train_features(const struct classify_example *ex, size_t n, const struct feature_config *fcfg,
                   unsigned *min_df, uint32_t width, classify_scratch *s, struct dict_build *dict,
                   struct dataset *ds, char *err, size_t errlen);
void dict_build_clear(struct dict_build *d);
void dataset_clear(struct dataset *ds);

/* One model to train: the linear part, then the network when p->hidden. */
struct sgd_job {
    const struct dataset *ds;
    const bool *skip; /* NULL: use every example */
    uint32_t n_features, n_labels;
    const struct classify_train_params *p;
    uint64_t seed;
    const float *class_w;     /* weight of an example of each class in the loss */
    float *w, *b;             /* results: n_features x n_labels, n_labels */
    float *w1, *b1, *w2, *b2; /* the network: n_features x H, H, H x n_labels, n_labels */
    int rc;
};

/* The linear model of job into job->w and job->b; job->rc is 0 or TR_ENOMEM. */
void train_linear(struct sgd_job *job);
/* The network of job into job->w1, b1, w2, b2. Returns 0 or TR_ENOMEM. */
int train_mlp(struct sgd_job *job);

/* z = b + scale * (row i of ds) . w for the k classes (w: features x k); acc has k floats. */
void train_scores(const struct dataset *ds, size_t i, const float *w, const float *b, double scale,
                  uint32_t k, float *acc, double *z);
/* The examples of job not skipped, in order, into order (ds->n slots); returns their number. */
size_t train_order(const struct sgd_job *job, size_t *order);
/* Shuffle order[0..n) with rng (Fisher-Yates, from the end). */
void train_shuffle(size_t *order, size_t n, uint64_t *rng);

#endif
