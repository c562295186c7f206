/* Training, first step: every text's feature keys, their document frequencies, the feature
 * table (keys seen in at least min_df texts, raised until the weights fit the budget) with IDF,
 * and the data set as L2-normalised TF-IDF sparse rows, exactly as prediction builds them. */
#include "classify/train_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dataset_clear(struct dataset *ds)
{
    free(ds->y);
    free(ds->row);
    free(ds->idx);
    free(ds->val);
    memset(ds, 0, sizeof(*ds));
}

/* Raw keys of every text, back to back. */
struct raw_keys {
    uint64_t *keys;
    size_t n_keys, cap;
    size_t *start; /* n + 1 */
};

/* Counting table: key -> document frequency. */
struct df_table {
    uint64_t *keys;
    uint32_t *df, *last_doc;
    size_t cap, used;
};

static uint64_t slot_hash(uint64_t key)
{
    key ^= key >> 33;
    key *= UINT64_C(0xff51afd7ed558ccd);
    key ^= key >> 33;
    return key;
}

static int df_grow(struct df_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1 << 16;
    uint64_t *keys = calloc(cap, sizeof(uint64_t));
    uint32_t *df = calloc(cap, sizeof(uint32_t));
    uint32_t *last = calloc(cap, sizeof(uint32_t));
    if (!keys || !df || !last) {
        free(keys);
        free(df);
        free(last);
        return TR_ENOMEM;
    }
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->keys[i])
            continue;
        size_t s = slot_hash(t->keys[i]) & (cap - 1);
        while (keys[s])
            s = (s + 1) & (cap - 1);
        keys[s] = t->keys[i];
        df[s] = t->df[i];
        last[s] = t->last_doc[i];
    }
    free(t->keys);
    free(t->df);
    free(t->last_doc);
    t->keys = keys;
    t->df = df;
    t->last_doc = last;
    t->cap = cap;
    return 0;
}

static int df_add(struct df_table *t, uint64_t key, uint32_t doc)
{
    if (2 * (t->used + 1) > t->cap && df_grow(t))
        return TR_ENOMEM;
    size_t s = slot_hash(key) & (t->cap - 1);
    while (t->keys[s] && t->keys[s] != key)
        s = (s + 1) & (t->cap - 1);
    if (!t->keys[s]) {
        t->keys[s] = key;
        t->df[s] = 1;
        t->last_doc[s] = doc;
        t->used++;
    } else if (t->last_doc[s] != doc) {
        t->df[s]++;
        t->last_doc[s] = doc;
    }
    return 0;
}

static size_t df_kept(const struct df_table *t, unsigned min_df)
{
    size_t kept = 0;
    for (size_t i = 0; i < t->cap; i++)
        kept += t->keys[i] && t->df[i] >= min_df;
    return kept;
}

/* Keep the features seen in at least *min_df documents, raising *min_df while the weights would
 * exceed TRAIN_WEIGHTS_BUDGET_BYTES with width weights per feature (classes + hidden units). */
static int dict_from_df(const struct df_table *t, size_t n_docs, unsigned *min_df, uint32_t width,
                        struct dict_build *d)
{
    size_t kept = df_kept(t, *min_df);
    while (kept > 0 && kept * width * sizeof(float) > TRAIN_WEIGHTS_BUDGET_BYTES)
        kept = df_kept(t, ++*min_df);
    if (kept >= FEAT_INDEX_MASK / 2)
        return TR_ETOOBIG;
    size_t slots = 16;
    while (slots < 2 * kept + 1)
        slots *= 2;
    d->keys = calloc(slots, sizeof(uint64_t));
    d->values = calloc(slots, sizeof(uint32_t));
    d->idf = malloc((kept ? kept : 1) * sizeof(float));
    if (!d->keys || !d->values || !d->idf)
        return TR_ENOMEM;
    d->slots = (uint32_t)slots;
    struct feature_dict view = {.keys = d->keys, .values = d->values, .mask = d->slots - 1};
    uint32_t idx = 0;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->keys[i] || t->df[i] < *min_df)
            continue;
        uint64_t key = t->keys[i];
        uint32_t s = features_slot(key, view.mask);
        while (d->keys[s])
            s = (s + 1) & view.mask;
        d->keys[s] = key;
        d->values[s] = idx | ((key & FEAT_BLOCK_CHAR) ? FEAT_VALUE_CHAR : 0);
        d->idf[idx] = (float)(log((1.0 + (double)n_docs) / (1.0 + t->df[i])) + 1.0);
        idx++;
    }
    d->n_features = idx;
    return 0;
}

void dict_build_clear(struct dict_build *d)
{
    free(d->keys);
    free(d->values);
    free(d->idf);
    memset(d, 0, sizeof(*d));
}

static int raw_keys_collect(const struct classify_example *ex, size_t n,
                            const struct feature_config *fcfg, classify_scratch *s,
                            struct raw_keys *raw, struct df_table *df, char *err, size_t errlen)
{
    if (!(raw->start = malloc((n + 1) * sizeof(size_t))))
        return TR_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        raw->start[i] = raw->n_keys;
        int rc = text_tokenize(s, ex[i].text ? ex[i].text : "", ex[i].text ? ex[i].len : 0);
        if (!rc)
            rc = features_hash(s, fcfg);
        if (rc) {
            snprintf(err, errlen, "example %zu: %s", i + 1,
                     rc == TR_ETOOBIG ? "text over the size limit" : "out of memory");
            return rc;
        }
        if (tr_reserve((void **)&raw->keys, &raw->cap, raw->n_keys + s->n_keys, sizeof(uint64_t)))
            return TR_ENOMEM;
        memcpy(raw->keys + raw->n_keys, s->keys, s->n_keys * sizeof(uint64_t));
        raw->n_keys += s->n_keys;
        for (size_t j = 0; j < s->n_keys; j++)
            if (df_add(df, s->keys[j], (uint32_t)i))
                return TR_ENOMEM;
    }
    raw->start[n] = raw->n_keys;
    return 0;
}

static int dataset_build(const struct raw_keys *raw, size_t n, const struct feature_dict *dict,
                         classify_scratch *s, struct dataset *ds)
{
    ds->n = n;
    size_t cap = 0;
    if (!(ds->row = malloc((n + 1) * sizeof(size_t))))
        return TR_ENOMEM;
    size_t nnz = 0;
    for (size_t i = 0; i < n; i++) {
        size_t nk = raw->start[i + 1] - raw->start[i];
        if (tr_reserve((void **)&s->keys, &s->keys_cap, nk ? nk : 1, sizeof(uint64_t)))
            return TR_ENOMEM;
        memcpy(s->keys, raw->keys + raw->start[i], nk * sizeof(uint64_t));
        s->n_keys = nk;
        if (features_vectorize(s, dict))
            return TR_ENOMEM;
        size_t c2 = cap;
        if (tr_reserve((void **)&ds->idx, &cap, nnz + s->n_feat + 1, sizeof(uint32_t)) ||
            tr_reserve((void **)&ds->val, &c2, nnz + s->n_feat + 1, sizeof(float)))
            return TR_ENOMEM;
        ds->row[i] = nnz;
        memcpy(ds->idx + nnz, s->feat, s->n_feat * sizeof(uint32_t));
        memcpy(ds->val + nnz, s->val, s->n_feat * sizeof(float));
        nnz += s->n_feat;
    }
    ds->row[n] = nnz;
    return 0;
}

int train_features(const struct classify_example *ex, size_t n, const struct feature_config *fcfg,
                   unsigned *min_df, uint32_t width, classify_scratch *s, struct dict_build *dict,
                   struct dataset *ds, char *err, size_t errlen)
{
    struct raw_keys raw = {0};
    struct df_table df = {0};
    int rc = raw_keys_collect(ex, n, fcfg, s, &raw, &df, err, errlen);
    if (!rc && (rc = dict_from_df(&df, n, min_df, width, dict)) != 0)
        snprintf(err, errlen, rc == TR_ETOOBIG ? "too many features" : "out of memory");
    free(df.keys);
    free(df.df);
    free(df.last_doc);
    if (!rc) {
        struct feature_dict view = {
            .keys = dict->keys, .values = dict->values, .mask = dict->slots - 1, .idf = dict->idf};
        rc = dataset_build(&raw, n, &view, s, ds);
    }
    free(raw.keys);
    free(raw.start);
    return rc;
}
