/* signals: what the module's files share; not part of the contract. */
#ifndef TR_SIGNALS_INTERNAL_H
#define TR_SIGNALS_INTERNAL_H

#include "signals/signals.h"

#define SIGNALS_FORMAT_VERSION 2
#define SIGNALS_HEADER_BYTES 32
#define SIGNALS_MAGIC "TRSIGNL\x1a"
/* At most this many patterns, so scoring can keep its match flags on the stack. */
#define SIGNALS_MAX_PATTERNS 4096
/* Tokens before a match (and after it, in German) that a negation word may stand in. */
#define SIGNALS_NEG_WINDOW 3

struct signals_pattern {
    int kind;
    char lang[TEXT_LANG_MAX]; /* "" = every language */
    const char *text;         /* as written, into model->patterns_src copy */
    text_phrase *phrase;
    uint32_t hash; /* of kind and text: the pattern's feature */
};

struct signals_model {
    char *version;
    unsigned hash_bits;
    double threshold[SIGNALS_N], platt_a[SIGNALS_N], platt_b[SIGNALS_N];
    float bias[SIGNALS_N];
    float *weights;     /* [1 << hash_bits][SIGNALS_N] */
    char *patterns_src; /* the patterns file's text, as given */
    size_t patterns_len;
    char *patterns_buf; /* a parsed copy the patterns point into */
    struct signals_pattern *patterns;
    size_t n_patterns;
    const text_phrase **phrases;
    text_phrase_set *set;
};

/* Sentences a text is split into for scoring (later sentences join the last). */
#define SIGNALS_MAX_SEGS 32

/* Where features go: summed into logits with the weights (scoring), or listed (training). */
struct signals_sink {
    const float *weights; /* scoring: NULL when listing */
    uint32_t mask;
    double logit[SIGNALS_N]; /* the whole text */
    /* scoring: the same per sentence (seg >= 0), and what belongs to every sentence (seg < 0) */
    double seg_logit[SIGNALS_MAX_SEGS][SIGNALS_N];
    double all_segs[SIGNALS_N];
    int seg, n_segs;
    uint32_t *idx; /* listing */
    float *val;
    size_t n, cap;
    size_t n_token_feats; /* listing: features before the pattern features */
    bool overflow;
};

/* Per signal, what the patterns said. */
struct signals_hits {
    int best[SIGNALS_N];    /* strongest non-negated matching pattern, or -1 */
    int negated[SIGNALS_N]; /* a pattern that matched only under negation, or -1 */
};

/* patterns.c */
/* Parse the patterns text and compile the phrases into model (patterns_src already set). */
TR_MUST_CHECK int signals_patterns_compile(signals_model *model, char *err, size_t errlen);
void signals_patterns_clear(signals_model *model);

/* features.c */
/* Emit every feature of doc into sink and fill hits. */
void signals_features(const signals_model *model, const text_doc *doc, struct signals_sink *sink,
                      struct signals_hits *hits);
double signals_sigmoid(double z);

/* model_file.c */
signals_model *signals_model_alloc(unsigned hash_bits, const char *version, const char *patterns,
                                   size_t patterns_len);

#endif
