/* Features: hashed word n-grams (1..3), unordered pairs of nearby words, character n-grams within
 * word boundaries (the word padded with a space each side, as scikit-learn's char_wb) and,
 * optionally, across them (analyzer='char'), weighted by sublinear TF-IDF, the word block and the
 * character block each L2-normalised on its own. */
#include "classify/classify_internal.h"

#include <math.h>
#include <string.h>

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME UINT64_C(0x100000001b3)
#define SEED_BIGRAM UINT64_C(0x9e3779b97f4a7c15)
#define SEED_TRIGRAM UINT64_C(0xc2b2ae3d27d4eb4f)
#define SEED_SPAN UINT64_C(0x165667b19e3779f9)
#define SEED_PAIR UINT64_C(0x27d4eb2f165667c5)

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    x ^= x >> 31;
    return x;
}

static uint64_t key_make(uint64_t h, uint64_t block)
{
    h = (h & ~FEAT_BLOCK_CHAR) | block;
    return h ? h : 1;
}

static int keys_push(classify_scratch *s, uint64_t key)
{
    if (s->n_keys == s->keys_cap &&
        tr_reserve((void **)&s->keys, &s->keys_cap, s->n_keys + 1, sizeof(uint64_t)))
        return TR_ENOMEM;
    s->keys[s->n_keys++] = key;
    return 0;
}

/* Character n-grams of length min..max of cp[0..m), hashed from seed into the character block.
 * skip_space1: no 1-gram of a space. */
static int char_ngrams_of(classify_scratch *s, const int32_t *cp, size_t m, unsigned min,
                          unsigned max, uint64_t seed)
{
    size_t need = s->n_keys + m * (max - min + 1);
    if (tr_reserve((void **)&s->keys, &s->keys_cap, need, sizeof(uint64_t)))
        return TR_ENOMEM;
    for (size_t i = 0; i < m; i++) {
        uint64_t h = FNV_OFFSET ^ seed;
        for (size_t len = 1; len <= max && i + len <= m; len++) {
            h = (h ^ (uint64_t)(uint32_t)cp[i + len - 1]) * FNV_PRIME;
            if (len >= min && !(len == 1 && cp[i] == ' '))
                s->keys[s->n_keys++] = key_make(mix64(h + len), FEAT_BLOCK_CHAR);
        }
    }
    return 0;
}

static int char_ngrams(classify_scratch *s, const int32_t *w, size_t n,
                       const struct feature_config *cfg)
{
    int32_t pad[130];
    if (n > 128)
        n = 128; /* a longer "word" is noise; its head is enough */
    pad[0] = ' ';
    memcpy(pad + 1, w, n * sizeof(int32_t));
    pad[n + 1] = ' ';
    return char_ngrams_of(s, pad, n + 2, cfg->char_min, cfg->char_max, 0);
}

/* Character n-grams of " tok1 tok2 ... tokN " (scikit-learn's analyzer='char' on the
 * normalised text), which see across word boundaries. */
static int span_ngrams(classify_scratch *s, const struct feature_config *cfg)
{
    size_t m = 1;
    for (size_t t = 0; t < s->n_tokens; t++)
        m += s->tok_len[t] + 1;
    if (tr_reserve((void **)&s->span, &s->span_cap, m, sizeof(int32_t)))
        return TR_ENOMEM;
    size_t p = 0;
    s->span[p++] = ' ';
    for (size_t t = 0; t < s->n_tokens; t++) {
        memcpy(s->span + p, s->tok + s->tok_off[t], s->tok_len[t] * sizeof(int32_t));
        p += s->tok_len[t];
        s->span[p++] = ' ';
    }
    return char_ngrams_of(s, s->span, p, cfg->span_min, cfg->span_max, SEED_SPAN);
}

/* Unordered pairs of words 2..window apart (adjacent ones are bigrams already): a bag of
 * co-occurring words ("top up" ... "failed"), the one non-linear touch of the model. Only for
 * short texts (at most FEAT_PAIR_MAX_TOKENS tokens), the requests they help with; in long e-mails
 * they were noise and cost a quarter of the throughput. */
static int word_pairs(classify_scratch *s, unsigned window)
{
    uint64_t h[FEAT_PAIR_MAX_TOKENS];
    size_t n = s->n_tokens < FEAT_PAIR_MAX_TOKENS ? s->n_tokens : FEAT_PAIR_MAX_TOKENS;
    for (size_t t = 0; t < n; t++) {
        const int32_t *w = s->tok + s->tok_off[t];
        uint64_t x = FNV_OFFSET;
        for (size_t i = 0; i < s->tok_len[t]; i++)
            x = (x ^ (uint64_t)(uint32_t)w[i]) * FNV_PRIME;
        h[t] = mix64(x);
    }
    if (tr_reserve((void **)&s->keys, &s->keys_cap, s->n_keys + n * window, sizeof(uint64_t)))
        return TR_ENOMEM;
    for (size_t t = 0; t < n; t++)
        for (size_t u = t + 2; u < n && u <= t + window; u++)
            s->keys[s->n_keys++] = key_make(mix64((h[t] ^ h[u]) + SEED_PAIR), 0);
    return 0;
}

int features_hash(classify_scratch *s, const struct feature_config *cfg)
{
    s->n_keys = 0;
    uint64_t prev = FNV_OFFSET, prev2 = FNV_OFFSET; /* start of text */
    for (size_t t = 0; t < s->n_tokens; t++) {
        const int32_t *w = s->tok + s->tok_off[t];
        size_t n = s->tok_len[t];
        uint64_t h = FNV_OFFSET;
        for (size_t i = 0; i < n; i++)
            h = (h ^ (uint64_t)(uint32_t)w[i]) * FNV_PRIME;
        h = mix64(h);
        int rc = keys_push(s, key_make(h, 0));
        if (!rc && cfg->word_max >= 2)
            rc = keys_push(s, key_make(mix64(prev * 31 + h + SEED_BIGRAM), 0));
        if (!rc && cfg->word_max >= 3)
            rc = keys_push(s, key_make(mix64((prev2 * 31 + prev) * 31 + h + SEED_TRIGRAM), 0));
        if (!rc && cfg->char_min && s->tok_flags[t] == TOKEN_PLAIN)
            rc = char_ngrams(s, w, n, cfg);
        if (rc)
            return rc;
        prev2 = prev;
        prev = h;
    }
    if (cfg->pair_window && s->n_tokens > 2 && s->n_tokens <= FEAT_PAIR_MAX_TOKENS) {
        int rc = word_pairs(s, cfg->pair_window);
        if (rc)
            return rc;
    }
    if (cfg->span_min && s->n_tokens)
        return span_ngrams(s, cfg);
    return 0;
}

uint32_t features_slot(uint64_t key, uint32_t mask)
{
    return (uint32_t)mix64(key) & mask;
}

int64_t features_lookup(const struct feature_dict *dict, uint64_t key)
{
    uint32_t slot = features_slot(key, dict->mask);
    for (;;) {
        uint64_t k = dict->keys[slot];
        if (k == key)
            return slot;
        if (k == 0)
            return -1;
        slot = (slot + 1) & dict->mask;
    }
}

/* Count features of the text in a small open-addressing table keyed by table value. */
static int count_reserve(classify_scratch *s, size_t n_keys)
{
    size_t need = 16;
    while (need < 2 * n_keys)
        need *= 2;
    if (need <= s->count_cap)
        return 0;
    size_t c1 = s->count_cap, c2 = s->count_cap, c3 = s->count_cap, c4 = s->count_cap;
    if (tr_reserve((void **)&s->count_slot, &c1, need, sizeof(uint32_t)) ||
        tr_reserve((void **)&s->count_n, &c2, need, sizeof(float)) ||
        tr_reserve((void **)&s->count_used, &c3, need, sizeof(uint32_t)) ||
        tr_reserve((void **)&s->count_idf, &c4, need, sizeof(float)))
        return TR_ENOMEM;
    /* The reserve may round up past need; use exactly need so that the mask is right. */
    memset(s->count_slot, 0, need * sizeof(uint32_t));
    s->count_cap = need;
    return 0;
}

static int vector_reserve(classify_scratch *s)
{
    int rc = count_reserve(s, s->n_keys);
    if (rc)
        return rc;
    if (s->n_keys > s->feat_cap) {
        size_t c1 = s->feat_cap, c2 = s->feat_cap;
        if (tr_reserve((void **)&s->feat, &c1, s->n_keys, sizeof(uint32_t)) ||
            tr_reserve((void **)&s->val, &c2, s->n_keys, sizeof(float)))
            return TR_ENOMEM;
        s->feat_cap = c1 < c2 ? c1 : c2;
    }
    return 0;
}

/* Format 3 (and training): the lookup and counting as they were, kept unchanged so that the
 * previous format predicts exactly as before. */
static int vectorize_v3(classify_scratch *s, const struct feature_dict *dict)
{
    int rc = vector_reserve(s);
    if (rc)
        return rc;
    uint32_t mask = (uint32_t)s->count_cap - 1;
    size_t used = 0;
    for (size_t i = 0; i < s->n_keys; i++) {
        int64_t slot = features_lookup(dict, s->keys[i]);
        if (slot < 0)
            continue;
        uint32_t v = dict->values[slot] + 1;
        uint32_t c = (uint32_t)mix64(v) & mask;
        while (s->count_slot[c] != 0 && s->count_slot[c] != v)
            c = (c + 1) & mask;
        if (s->count_slot[c] == 0) {
            s->count_slot[c] = v;
            s->count_n[c] = 0;
            s->count_idf[c] = dict->idf[(v - 1) & FEAT_INDEX_MASK];
            s->count_used[used++] = c;
        }
        s->count_n[c] += 1.0f;
    }
    return (int)used;
}

/* How far ahead (in keys) the format 4 lookup prefetches the dictionary slot. */
#define FEAT_PREFETCH_KEYS 8

static uint32_t mix32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x45d9f3bu;
    x ^= x >> 16;
    return x;
}

/* Format 4: one 16-byte slot per probe (key, value and IDF together), the slot of a key a few
 * keys ahead prefetched, and the weights row of each new feature prefetched as soon as it is
 * found, so that the scoring pass finds it in cache. */
static int vectorize_v4(classify_scratch *s, const struct feature_dict *dict)
{
    int rc = vector_reserve(s);
    if (rc)
        return rc;
    const struct feature_slot *slots = dict->slots;
    const uint64_t *keys = s->keys;
    uint32_t dmask = dict->mask, mask = (uint32_t)s->count_cap - 1;
    size_t used = 0, n = s->n_keys;
    for (size_t i = 0; i < n; i++) {
        if (i + FEAT_PREFETCH_KEYS < n)
            __builtin_prefetch(&slots[features_slot4(keys[i + FEAT_PREFETCH_KEYS], dmask)]);
        uint64_t key = keys[i];
        uint32_t at = features_slot4(key, dmask);
        while (slots[at].key != key && slots[at].key != 0)
            at = (at + 1) & dmask;
        if (slots[at].key == 0)
            continue;
        uint32_t v = slots[at].value + 1;
        uint32_t c = mix32(v) & mask;
        while (s->count_slot[c] != 0 && s->count_slot[c] != v)
            c = (c + 1) & mask;
        if (s->count_slot[c] == 0) {
            if (dict->rows) {
                const unsigned char *row =
                    dict->rows + (size_t)(slots[at].value & FEAT_INDEX_MASK) * dict->row_stride;
                __builtin_prefetch(row);
                __builtin_prefetch(row + dict->row_stride - 1);
            }
            s->count_slot[c] = v;
            s->count_n[c] = 0;
            s->count_idf[c] = slots[at].idf;
            s->count_used[used++] = c;
        }
        s->count_n[c] += 1.0f;
    }
    return (int)used;
}

int features_vectorize(classify_scratch *s, const struct feature_dict *dict)
{
    int used = dict->slots ? vectorize_v4(s, dict) : vectorize_v3(s, dict);
    if (used < 0)
        return used;
    double norm[2] = {0, 0};
    for (size_t j = 0; j < (size_t)used; j++) {
        uint32_t c = s->count_used[j];
        uint32_t v = s->count_slot[c] - 1;
        float x = (1.0f + logf(s->count_n[c])) * s->count_idf[c];
        s->feat[j] = v;
        s->val[j] = x;
        norm[(v & FEAT_VALUE_CHAR) ? 1 : 0] += (double)x * x;
        s->count_slot[c] = 0; /* leave the table empty for the next text */
    }
    float inv[2] = {norm[0] > 0 ? (float)(1.0 / sqrt(norm[0])) : 0.0f,
                    norm[1] > 0 ? (float)(1.0 / sqrt(norm[1])) : 0.0f};
    for (size_t j = 0; j < (size_t)used; j++) {
        s->val[j] *= inv[(s->feat[j] & FEAT_VALUE_CHAR) ? 1 : 0];
        s->feat[j] &= FEAT_INDEX_MASK;
    }
    s->n_feat = (size_t)used;
    return 0;
}
