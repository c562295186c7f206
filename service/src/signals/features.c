/* Features of one analysed text, shared by scoring and training so both see the same thing:
 * stems and stem pairs (a stem inside a negation's scope is a different feature), and the
 * patterns that matched, negated or not. */
#include "signals/signals_internal.h"

#include <math.h>
#include <string.h>

#ifndef SIGNALS_LEN_NORM
#define SIGNALS_LEN_NORM(n) 1.0
#endif

/* Folded forms of the words that negate what follows (text.h folds accents and expands "n't"
 * and French elisions, so "não" is nao, "don't" is do not, "n'est" is ne est). */
static const char *const negators[] = {
    "not",     "no",    "never",  "without", "nothing", "none",    "nor",    "neither", /* en */
    "nicht",   "kein",  "keine",  "keinen",  "keinem",  "keiner",  "keines", "nie",
    "niemals", "ohne",  "nichts",                                                       /* de */
    "ne",      "pas",   "jamais", "aucun",   "aucune",  "sans",    "rien",   "ni",      /* fr */
    "nunca",   "jamas", "sin",    "ningun",  "ninguna", "ninguno", "nada",   "tampoco", /* es */
    "nao",     "sem",   "nem",    "nenhum",  "nenhuma",                                 /* pt */
};

/* Words after which an earlier negation no longer applies. */
static const char *const contrasts[] = {"but",  "however", "aber", "jedoch", "sondern", "mais",
                                        "pero", "sino",    "mas",  "porem",  "though"};

static bool word_in(const struct text_token *t, const char *const *list, size_t n)
{
    if (t->kind != TEXT_TOKEN_WORD)
        return false;
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == t->surface_len && memcmp(list[i], t->surface, t->surface_len) == 0)
            return true;
    return false;
}

static bool is_negator(const struct text_token *t)
{
    return word_in(t, negators, sizeof(negators) / sizeof(negators[0]));
}

static bool is_contrast(const struct text_token *t)
{
    return word_in(t, contrasts, sizeof(contrasts) / sizeof(contrasts[0]));
}

/* True when punctuation that ends a clause stands between tokens a and b (a before b). */
static bool clause_break(const char *folded, const struct text_token *a, const struct text_token *b)
{
    size_t from = (size_t)a->offset + a->surface_len;
    for (size_t i = from; i < b->offset; i++) {
        char c = folded[i];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n' ||
            c == '(' || c == ')')
            return true;
    }
    return false;
}

/* True when sentence-ending punctuation or a line break stands between tokens a and b. */
static bool sentence_break(const char *folded, const struct text_token *a,
                           const struct text_token *b)
{
    for (size_t i = (size_t)a->offset + a->surface_len; i < b->offset; i++) {
        char c = folded[i];
        if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n')
            return true;
    }
    return false;
}

/* The sentence (0 .. SIGNALS_MAX_SEGS - 1) token at stands in. */
static int segment_of(const text_doc *doc, size_t at)
{
    const struct text_token *t = text_doc_tokens(doc);
    const char *folded = text_doc_folded(doc, NULL);
    int seg = 0;
    for (size_t i = 1; i <= at && seg < SIGNALS_MAX_SEGS - 1; i++)
        seg += sentence_break(folded, &t[i - 1], &t[i]);
    return seg;
}

/* Whether a negation governs the match of tokens [start, end): one of the few tokens before it
 * in the same clause (and, in German, where "nicht" follows the verb, one after it). */
static bool match_negated(const text_doc *doc, size_t start, size_t end)
{
    size_t n = text_doc_n_tokens(doc);
    const struct text_token *t = text_doc_tokens(doc);
    const char *folded = text_doc_folded(doc, NULL);
    for (size_t k = 1; k <= SIGNALS_NEG_WINDOW && k <= start; k++) {
        size_t j = start - k;
        if (clause_break(folded, &t[j], &t[j + 1]) || is_contrast(&t[j]))
            break;
        if (is_negator(&t[j]))
            return true;
    }
    if (strcmp(text_doc_language(doc), "de") == 0 && end > 0)
        for (size_t j = end; j < n && j < end + SIGNALS_NEG_WINDOW; j++) {
            if (clause_break(folded, &t[j - 1], &t[j]) || is_contrast(&t[j]))
                break;
            if (is_negator(&t[j]))
                return true;
        }
    return false;
}

static uint64_t mix64(uint64_t x)
{
    x += UINT64_C(0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

enum {
    FEAT_LANG = 0,
    FEAT_STEM = 1,
    FEAT_NEG_STEM = 2,
    FEAT_PAIR = 3,
    FEAT_PATTERN = 4,
    FEAT_SIGNAL_PATTERN = 5,
    FEAT_SIGNAL_NEGATED = 6,
    FEAT_PATTERN_NEGATED = 7,
};

static uint32_t feature_bucket(const struct signals_sink *sink, uint64_t key, unsigned tag)
{
    return (uint32_t)mix64(key * 8 + tag) & sink->mask;
}

static void emit(struct signals_sink *sink, uint32_t b, float v)
{
    if (sink->weights) {
        const float *w = sink->weights + (size_t)b * SIGNALS_N;
        double *seg = sink->seg < 0 ? sink->all_segs : sink->seg_logit[sink->seg];
        for (int k = 0; k < SIGNALS_N; k++) {
            sink->logit[k] += (double)w[k] * v;
            seg[k] += (double)w[k] * v;
        }
        return;
    }
    if (sink->n == sink->cap) {
        sink->overflow = true;
        return;
    }
    sink->idx[sink->n] = b;
    sink->val[sink->n] = v;
    sink->n++;
}

double signals_sigmoid(double z)
{
    if (z >= 0)
        return 1.0 / (1.0 + exp(-z));
    double e = exp(z);
    return e / (1.0 + e);
}

static bool lang_is_patterned(const char *lang)
{
    static const char *const langs[] = {SIGNALS_LANGS};
    for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
        if (strcmp(lang, langs[i]) == 0)
            return true;
    return false;
}

static void pattern_features(const signals_model *model, const text_doc *doc,
                             struct signals_sink *sink, struct signals_hits *hits)
{
    bool matched[SIGNALS_MAX_PATTERNS];
    if (!model->set || !text_phrase_set_match(model->set, doc, matched))
        return;
    const char *lang = text_doc_language(doc);
    bool any_lang = !lang_is_patterned(lang);
    bool pos_seen[SIGNALS_N] = {false}, neg_seen[SIGNALS_N] = {false};
    double best_w[SIGNALS_N] = {0};
    for (size_t i = 0; i < model->n_patterns; i++) {
        if (!matched[i])
            continue;
        const struct signals_pattern *p = &model->patterns[i];
        if (!any_lang && p->lang[0] && strcmp(p->lang, lang) != 0)
            continue;
        size_t len = text_phrase_length(p->phrase, doc);
        bool positive = false;
        long first = -1;
        for (long at = text_phrase_find(p->phrase, doc, 0); at >= 0;
             at = text_phrase_find(p->phrase, doc, (size_t)at + 1)) {
            if (first < 0)
                first = at;
            if (!match_negated(doc, (size_t)at, (size_t)at + len)) {
                positive = true;
                first = at;
                break;
            }
        }
        if (sink->weights)
            sink->seg = first >= 0 ? segment_of(doc, (size_t)first) : -1;
        int k = p->kind;
        if (positive) {
            uint32_t b = feature_bucket(sink, p->hash, FEAT_PATTERN);
            emit(sink, b, 1.0f);
            double w = sink->weights ? sink->weights[(size_t)b * SIGNALS_N + k] : 0;
            if (hits->best[k] < 0 || w > best_w[k]) {
                hits->best[k] = (int)i;
                best_w[k] = w;
            }
            if (!pos_seen[k]) {
                pos_seen[k] = true;
                emit(sink, feature_bucket(sink, (uint64_t)k, FEAT_SIGNAL_PATTERN), 1.0f);
            }
        } else {
            emit(sink, feature_bucket(sink, p->hash, FEAT_PATTERN_NEGATED), 1.0f);
            if (hits->negated[k] < 0)
                hits->negated[k] = (int)i;
            if (!neg_seen[k]) {
                neg_seen[k] = true;
                emit(sink, feature_bucket(sink, (uint64_t)k, FEAT_SIGNAL_NEGATED), 1.0f);
            }
        }
    }
}

void signals_features(const signals_model *model, const text_doc *doc, struct signals_sink *sink,
                      struct signals_hits *hits)
{
    for (int k = 0; k < SIGNALS_N; k++) {
        hits->best[k] = -1;
        hits->negated[k] = -1;
    }
    size_t n = text_doc_n_tokens(doc);
    const struct text_token *t = text_doc_tokens(doc);
    const char *folded = text_doc_folded(doc, NULL);
    /* Stem features share one unit of length, so a long e-mail does not outvote the patterns. */
    float v = n ? (float)(SIGNALS_LEN_NORM(n)) : 0.0f;
    unsigned neg_left = 0;
    sink->seg = 0;
    sink->n_segs = n ? 1 : 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && sink->seg < SIGNALS_MAX_SEGS - 1 && sentence_break(folded, &t[i - 1], &t[i])) {
            sink->seg++;
            sink->n_segs++;
        }
        bool broken = i > 0 && clause_break(folded, &t[i - 1], &t[i]);
        if (broken || is_contrast(&t[i]))
            neg_left = 0;
        bool neg = neg_left > 0;
        if (neg_left)
            neg_left--;
        if (is_negator(&t[i]))
            neg_left = SIGNALS_NEG_WINDOW;
        uint64_t h = t[i].stem_hash;
        emit(sink, feature_bucket(sink, h, neg ? FEAT_NEG_STEM : FEAT_STEM), v);
        if (i > 0 && !broken)
            emit(sink,
                 feature_bucket(sink, ((uint64_t)t[i - 1].stem_hash << 32) | t[i].stem_hash,
                                FEAT_PAIR),
                 v);
    }
    /* The text's language, so each signal's base rate may differ by language: without it the
     * many ordinary English rows teach that any text with unfamiliar words is ordinary. */
    uint64_t lh = 1469598103934665603u;
    for (const char *c = text_doc_language(doc); *c; c++)
        lh = (lh ^ (unsigned char)*c) * 1099511628211u;
    sink->seg = -1;
    emit(sink, feature_bucket(sink, lh, FEAT_LANG), 1.0f);
    sink->n_token_feats = sink->n;
    pattern_features(model, doc, sink, hits);
}
