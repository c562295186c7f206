/* classify internals shared by the module's files; nothing outside classify/ includes this.
 * Threads: as classify.h (a scratch belongs to one thread, a classifier is read-only). */
#ifndef TR_CLASSIFY_INTERNAL_H
#define TR_CLASSIFY_INTERNAL_H

#include "classify/classify.h"

#include <stdint.h>

/* Feature keys: 64-bit hashes, bit 63 says the block (0 words, 1 character n-grams). Key 0 is
 * never produced, so a table slot holding 0 is empty. */
#define FEAT_BLOCK_CHAR (UINT64_C(1) << 63)
/* Table values: feature index, with bit 31 = block (as above). */
#define FEAT_VALUE_CHAR (UINT32_C(1) << 31)
#define FEAT_INDEX_MASK (FEAT_VALUE_CHAR - 1)

/* Token flags. */
enum { TOKEN_PLAIN = 0, TOKEN_SPECIAL = 1, TOKEN_CJK = 2 };

struct classify_scratch {
    int32_t *cps; /* normalised code points of the kept text */
    size_t cps_cap;
    int32_t *tok; /* token code points, back to back */
    size_t tok_cap;
    size_t n_tok_cps;
    uint32_t *tok_off; /* token i: tok[tok_off[i] .. tok_off[i] + tok_len[i]) */
    uint32_t *tok_len;
    uint8_t *tok_flags;
    size_t n_tokens, tokens_cap;
    uint64_t *keys; /* feature keys of the text, with repeats */
    size_t n_keys, keys_cap;
    uint32_t *count_slot; /* per-text counting table: feature value + 1, 0 empty */
    float *count_n;
    float *count_idf;     /* the feature's IDF (format 4 reads it from the dictionary slot) */
    uint32_t *count_used; /* slots in use, in first-seen order */
    size_t count_cap;     /* power of two */
    uint32_t *feat;       /* the text's vector: feature index, value */
    float *val;
    size_t n_feat, feat_cap;
    int32_t *span; /* the tokens joined by spaces, for n-grams across words */
    size_t span_cap;
    float *scores;
    double *probs;
    size_t scores_cap;
};

/* A data set as sparse rows (CSR): row i is idx/val[row[i] .. row[i + 1]), label y[i]. */
struct dataset {
    size_t n;
    uint32_t *y;
    size_t *row; /* n + 1 offsets into idx/val */
    uint32_t *idx;
    float *val;
};

/* dual_cd.c: one-vs-rest linear SVMs (loss CLASSIFY_LOSS_OVR_SQHINGE or _OVR_HINGE) with cost C
 * on the rows of ds not marked in skip (NULL: all). Fills w (n_features x k, row-major by
 * feature) and b (k). Returns 0 or TR_ENOMEM. */
int dual_cd_train(const struct dataset *ds, const bool *skip, uint32_t n_features, uint32_t k,
                  unsigned loss, double cost, uint64_t seed, float *w, float *b);

/* A slot of the format 4 feature table: the key, its value and its IDF side by side, so that a
 * lookup reads one cache line. Probing starts at slot key & mask (keys are hashes already). */
struct feature_slot {
    uint64_t key; /* 0 empty */
    uint32_t value;
    float idf;
};

/* Feature dictionary and weighting: an open-addressing table from key to value. Format 3 (and
 * training) use keys/values/idf, probing from features_slot(); format 4 uses slots. */
struct feature_dict {
    const uint64_t *keys; /* slots; 0 empty */
    const uint32_t *values;
    uint32_t mask;                    /* slots - 1 */
    const float *idf;                 /* per feature index */
    const struct feature_slot *slots; /* format 4; NULL for format 3 */
    /* Format 4: the weights rows, prefetched as soon as a feature is found (NULL: none). */
    const unsigned char *rows;
    size_t row_stride;
};

struct feature_config {
    unsigned word_max;           /* word n-grams 1..word_max (1..3) */
    unsigned char_min, char_max; /* character n-grams within words; 0: none */
    unsigned span_min, span_max; /* character n-grams across words; 0: none */
    unsigned pair_window;        /* pairs of words up to this far apart; 0: none */
};
/* Word pairs are taken only in texts of at most this many tokens. */
#define FEAT_PAIR_MAX_TOKENS 40

/* text.c: normalise (NFKC, case fold, strip marks), drop e-mail quotes and signatures, tokenise
 * into scratch->tok*. Returns 0, TR_ETOOBIG or TR_ENOMEM. */
int text_tokenize(classify_scratch *scratch, const char *text, size_t len);

/* features.c: hash the tokens of scratch into scratch->keys. Returns 0 or TR_ENOMEM. */
int features_hash(classify_scratch *scratch, const struct feature_config *cfg);
/* Look scratch->keys up in dict and build the L2-normalised TF-IDF vector in scratch->feat/val
 * (dict->slots set: the format 4 table). Returns 0 or TR_ENOMEM. */
int features_vectorize(classify_scratch *scratch, const struct feature_dict *dict);
/* The first probe slot of key in a format 4 table of mask + 1 slots. */
static inline uint32_t features_slot4(uint64_t key, uint32_t mask)
{
    return (uint32_t)key & mask;
}
/* First slot to probe for key in a table of mask + 1 slots (linear probing from there). */
uint32_t features_slot(uint64_t key, uint32_t mask);
/* Slot of key in dict, or -1. */
int64_t features_lookup(const struct feature_dict *dict, uint64_t key);

/* calibrate.c: the temperature minimising the mean NLL of labels y under softmax(logits / T);
 * logits is n x k row-major. */
double calibrate_temperature(const double *logits, const uint32_t *y, size_t n, size_t k);
/* Mean NLL and ECE (15 bins) of logits at temperature t; accuracy optional. */
void calibrate_measure(const double *logits, const uint32_t *y, size_t n, size_t k, double t,
                       double *nll, double *ece, double *accuracy);
/* Softmax of z / t into p (length k), numerically stable. */
void calibrate_softmax(const double *z, size_t k, double t, double *p);

/* model_file.c: the serialised model. */
struct model_parts {
    const struct classify_train_params *params;
    const struct classify_train_metrics *metrics;
    const char *const *labels;
    uint32_t n_labels;
    uint32_t oos_index; /* UINT32_MAX: none */
    double temperature, threshold;
    uint32_t n_features, table_slots;
    const uint64_t *keys;
    const uint32_t *values;
    uint32_t hidden; /* H: hidden units, 0 none */
    uint32_t format; /* file format to write: MODEL_FORMAT_FLOAT (3) or MODEL_FORMAT_INT8 (4) */
    const float *idf, *bias;
    const float *weights; /* n_features x (n_labels + H) row-major: class weights, then the
                             feature's hidden-unit weights */
    const float *hidden_bias, *hidden_out; /* H; H x n_labels row-major (NULL when H is 0) */
};
/* The model file formats written and read (MODEL_FORMAT.md): 3 keeps float weights and is scored
 * by the previous code, kept as it was (the reference of bench_classify); 4 keeps int8 weights
 * with two scales per feature row and a one-lookup feature table. */
#define MODEL_FORMAT_FLOAT 3
#define MODEL_FORMAT_INT8 4
/* Format 4 weights row: f32 scale of the class part, f32 scale of the hidden part, int8[K],
 * int8[H], zero bytes up to a multiple of MODEL_ROW_ALIGN. */
#define MODEL_ROW_ALIGN 16
#define MODEL_ROW_HEAD 8
/* Bytes of a format 4 weights row with width = K + H weights. */
static inline size_t model_row_stride(size_t width)
{
    return (MODEL_ROW_HEAD + width + MODEL_ROW_ALIGN - 1) / MODEL_ROW_ALIGN * MODEL_ROW_ALIGN;
}
/* Quantise a weights row of k class and h hidden weights into a format 4 row (stride bytes). */
void model_row_quantise(const float *w, uint32_t k, uint32_t h, unsigned char *row, size_t stride);

/* Serialise parts and parse the result into a classifier that owns the bytes. */
int model_build(const struct model_parts *parts, classifier **out, char *err, size_t errlen);
#define MODEL_MAGIC "TRCLASS\x1a"
#define MODEL_HEADER_SIZE 32
/* Parse a model file's bytes, taking ownership of blob on success and on failure. */
classifier *model_parse(unsigned char *blob, size_t len, char *err, size_t errlen);

struct classifier {
    unsigned char *blob; /* the whole file; everything below points into it */
    size_t blob_len;
    struct classify_train_params params;
    struct classify_train_metrics metrics;
    const char **labels;
    uint32_t n_labels, oos_index;
    double temperature, threshold;
    uint32_t n_features;
    struct feature_dict dict;
    struct feature_config fcfg;
    uint32_t hidden;
    uint32_t format; /* MODEL_FORMAT_FLOAT or MODEL_FORMAT_INT8 */
    const float *bias, *weights, *hidden_bias, *hidden_out;
    const unsigned char *rows; /* format 4: n_features rows of row_stride bytes */
    size_t row_stride;
};

/* predict.c: scores of the sparse vector (idx, val, n) under a model's arrays (as model_parts):
 * acc needs k + hidden floats, z gets k scores. */
void model_scores(const float *weights, const float *bias, const float *hidden_bias,
                  const float *hidden_out, uint32_t k, uint32_t hidden, const uint32_t *idx,
                  const float *val, size_t n, float *acc, float *z);

/* The same for a format 4 model's int8 rows. */
void model_scores_q8(const classifier *model, const uint32_t *idx, const float *val, size_t n,
                     float *acc, float *z);

/* split.c: stratified hold-out over label indices. */
int split_holdout_idx(const uint32_t *label, size_t n, uint32_t n_labels, double fraction,
                      uint64_t seed, bool *holdout);
/* Deterministic PRNG (splitmix64). */
uint64_t split_rand(uint64_t *state);

#endif
