/* Phrases: analysed once per language, matched on whole tokens. */
#include "text/text_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One language's analysis of the phrase; the last form (tag "") is the unstemmed one. */
struct phrase_form {
    char tag[TEXT_LANG_MAX];
    size_t first, n; /* tokens in phrase->toks */
};

struct phrase_tok {
    uint32_t off, len, hash; /* in phrase->strs */
};

struct text_phrase {
    enum text_match mode;
    size_t n_forms;
    struct phrase_form *forms;
    struct phrase_tok *toks;
    size_t n_toks, cap_toks;
    struct text_buf strs;
};

void text_phrase_free(text_phrase *phrase)
{
    if (!phrase)
        return;
    free(phrase->forms);
    free(phrase->toks);
    free(phrase->strs.p);
    free(phrase);
}

/* Copy the scratch doc's tokens (stems when stemmed, else surfaces) as form f. */
static int phrase_add_form(text_phrase *p, struct phrase_form *f, const text_doc *doc, bool stems)
{
    size_t n = text_doc_n_tokens(doc);
    const struct text_token *t = text_doc_tokens(doc);
    if (tr_reserve((void **)&p->toks, &p->cap_toks, p->n_toks + n, sizeof(*p->toks)))
        return TR_ENOMEM;
    f->first = p->n_toks;
    f->n = n;
    for (size_t i = 0; i < n; i++) {
        const char *s = stems ? t[i].stem : t[i].surface;
        uint32_t len = stems ? t[i].stem_len : t[i].surface_len;
        struct phrase_tok *pt = &p->toks[p->n_toks++];
        pt->off = (uint32_t)p->strs.len;
        pt->len = len;
        pt->hash = stems ? t[i].stem_hash : t[i].surface_hash;
        if (text_buf_put(&p->strs, s, len))
            return TR_ENOMEM;
    }
    return 0;
}

static int phrase_build(text_phrase *p, text_analyzer *az, const char *text, size_t len, char *err,
                        size_t errlen)
{
    text_doc *doc = text_analyzer_scratch(az);
    for (size_t i = 0; i < p->n_forms; i++) {
        struct phrase_form *f = &p->forms[i];
        bool last = i + 1 == p->n_forms;
        if (!last)
            memcpy(f->tag, text_analyzer_lang(az, i), TEXT_LANG_MAX);
        int rc = text_analyze(az, last ? NULL : f->tag, text, len, doc);
        if (rc) {
            snprintf(err, errlen, "cannot analyse the phrase: %s", tr_strerror(rc));
            return rc;
        }
        size_t n = text_doc_n_tokens(doc);
        if (n == 0 || n > TEXT_PHRASE_MAX_TOKENS) {
            snprintf(err, errlen, "a phrase needs 1 to %d tokens, this one has %zu",
                     TEXT_PHRASE_MAX_TOKENS, n);
            return TR_EINVAL;
        }
        if (phrase_add_form(p, f, doc, !last && p->mode == TEXT_MATCH_STEM)) {
            snprintf(err, errlen, "out of memory");
            return TR_ENOMEM;
        }
    }
    return 0;
}

text_phrase *text_phrase_new(text_analyzer *az, const char *phrase, size_t len,
                             enum text_match mode, char *err, size_t errlen)
{
    if (!az || !phrase) {
        snprintf(err, errlen, "no analyzer or no phrase");
        return NULL;
    }
    text_phrase *p = calloc(1, sizeof(*p));
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    p->mode = mode;
    p->n_forms = text_analyzer_n_langs(az) + 1;
    if (!(p->forms = calloc(p->n_forms, sizeof(*p->forms)))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    if (phrase_build(p, az, phrase, len, err, errlen))
        goto fail; /* it wrote the reason */
    return p;
fail:
    text_phrase_free(p);
    return NULL;
}

static bool tok_equal(const struct text_token *t, bool stems, const char *s, uint32_t len,
                      uint32_t hash)
{
    if (stems)
        return t->stem_hash == hash && t->stem_len == len && memcmp(t->stem, s, len) == 0;
    return t->surface_hash == hash && t->surface_len == len && memcmp(t->surface, s, len) == 0;
}

/* The form of phrase for doc's language, and whether it compares stems. */
static const struct phrase_form *form_for(const text_phrase *phrase, const char *lang, bool *stems)
{
    *stems = false; /* a language the phrase was not analysed in: folded forms */
    for (size_t i = 0; lang[0] && i + 1 < phrase->n_forms; i++)
        if (text_lang_equal(phrase->forms[i].tag, lang)) {
            *stems = phrase->mode == TEXT_MATCH_STEM;
            return &phrase->forms[i];
        }
    return &phrase->forms[phrase->n_forms - 1];
}

static bool match_at(const text_phrase *phrase, const struct phrase_form *f, bool stems,
                     const struct text_token *t, size_t n, size_t i)
{
    if (i + f->n > n)
        return false;
    const struct phrase_tok *pt = phrase->toks + f->first;
    for (size_t k = 0; k < f->n; k++)
        if (!tok_equal(&t[i + k], stems, phrase->strs.p + pt[k].off, pt[k].len, pt[k].hash))
            return false;
    return true;
}

long text_phrase_find(const text_phrase *phrase, const text_doc *doc, size_t from)
{
    if (!phrase || !doc)
        return -1;
    bool stems;
    const struct phrase_form *f = form_for(phrase, text_doc_language(doc), &stems);
    const struct text_token *t = text_doc_tokens(doc);
    size_t n = text_doc_n_tokens(doc);
    uint32_t first = phrase->toks[f->first].hash;
    for (size_t i = from; i + f->n <= n; i++)
        if ((stems ? t[i].stem_hash : t[i].surface_hash) == first &&
            match_at(phrase, f, stems, t, n, i))
            return (long)i;
    return -1;
}

bool text_phrase_match(const text_phrase *phrase, const text_doc *doc)
{
    return text_phrase_find(phrase, doc, 0) >= 0;
}

size_t text_phrase_length(const text_phrase *phrase, const text_doc *doc)
{
    if (!phrase || !doc)
        return 0;
    bool stems;
    return form_for(phrase, text_doc_language(doc), &stems)->n;
}

int text_match(text_analyzer *az, const text_doc *doc, const char *phrase, size_t len,
               enum text_match mode)
{
    if (!az || !doc || !phrase)
        return TR_EINVAL;
    text_doc *p = text_analyzer_scratch(az);
    const char *lang = text_doc_language(doc);
    int rc = text_analyze(az, lang[0] ? lang : NULL, phrase, len, p);
    if (rc)
        return rc;
    /* Both sides went through the same analysis, so stems compare directly (and equal the
     * surfaces where nothing was stemmed). */
    bool stems = mode == TEXT_MATCH_STEM;
    const struct text_token *pt = text_doc_tokens(p);
    const struct text_token *t = text_doc_tokens(doc);
    size_t pn = text_doc_n_tokens(p), n = text_doc_n_tokens(doc);
    for (size_t i = 0; pn && i + pn <= n; i++) {
        size_t k = 0;
        while (k < pn && tok_equal(&t[i + k], stems, stems ? pt[k].stem : pt[k].surface,
                                   stems ? pt[k].stem_len : pt[k].surface_len,
                                   stems ? pt[k].stem_hash : pt[k].surface_hash))
            k++;
        if (k == pn)
            return 1;
    }
    return 0;
}

/* ---- phrase sets -------------------------------------------------------------------------- */

/* Every form's first token, by hash: a doc token's stem or surface hash finds the phrases that
 * may start there. */
struct set_entry {
    uint32_t hash;
    uint32_t phrase;
};

struct set_slot {
    uint32_t hash;
    uint32_t first, n; /* entries; n 0: free */
};

struct text_phrase_set {
    const text_phrase *const *phrases;
    size_t n_phrases;
    struct set_entry *entries;
    struct set_slot *slots;
    size_t mask;
};

void text_phrase_set_free(text_phrase_set *set)
{
    if (!set)
        return;
    free(set->entries);
    free(set->slots);
    free(set);
}

static int entry_by_hash(const void *a, const void *b)
{
    const struct set_entry *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->phrase < y->phrase ? -1 : x->phrase > y->phrase;
}

static size_t set_home(uint32_t hash, size_t mask)
{
    return (size_t)((hash * 2654435761u) >> 8) & mask;
}

static int set_build(text_phrase_set *set)
{
    size_t n = 0, cap = 16;
    for (size_t i = 0; i < set->n_phrases; i++)
        n += set->phrases[i]->n_forms;
    if (!(set->entries = malloc((n ? n : 1) * sizeof(*set->entries))))
        return TR_ENOMEM;
    n = 0;
    for (size_t i = 0; i < set->n_phrases; i++)
        for (size_t f = 0; f < set->phrases[i]->n_forms; f++) {
            const text_phrase *p = set->phrases[i];
            set->entries[n++] = (struct set_entry){p->toks[p->forms[f].first].hash, (uint32_t)i};
        }
    qsort(set->entries, n, sizeof(*set->entries), entry_by_hash);
    while (cap < 2 * n)
        cap *= 2;
    set->mask = cap - 1;
    if (!(set->slots = calloc(cap, sizeof(*set->slots))))
        return TR_ENOMEM;
    for (size_t i = 0; i < n;) {
        size_t s = set_home(set->entries[i].hash, set->mask);
        while (set->slots[s].n)
            s = (s + 1) & set->mask;
        struct set_slot *slot = &set->slots[s];
        *slot = (struct set_slot){.hash = set->entries[i].hash, .first = (uint32_t)i};
        uint32_t prev = UINT32_MAX;
        for (; i < n && set->entries[i].hash == slot->hash; i++) {
            if (set->entries[i].phrase == prev)
                continue; /* one entry per phrase and hash: compacted in place */
            prev = set->entries[i].phrase;
            set->entries[slot->first + slot->n++] = set->entries[i];
        }
    }
    return 0;
}

text_phrase_set *text_phrase_set_new(const text_phrase *const *phrases, size_t n_phrases, char *err,
                                     size_t errlen)
{
    text_phrase_set *set = calloc(1, sizeof(*set));
    if (!set || (!phrases && n_phrases)) {
        snprintf(err, errlen, set ? "no phrases" : "out of memory");
        free(set);
        return NULL;
    }
    set->phrases = phrases;
    set->n_phrases = n_phrases;
    for (size_t i = 0; i < n_phrases; i++)
        if (!phrases[i]) {
            snprintf(err, errlen, "phrase %zu is NULL", i);
            text_phrase_set_free(set);
            return NULL;
        }
    if (set_build(set)) {
        snprintf(err, errlen, "out of memory");
        text_phrase_set_free(set);
        return NULL;
    }
    return set;
}

/* Check the phrases whose first token hashes to hash at token i. */
static size_t set_try(const text_phrase_set *set, const text_doc *doc, uint32_t hash, size_t i,
                      bool *matched)
{
    size_t s = set_home(hash, set->mask), hits = 0;
    while (set->slots[s].n && set->slots[s].hash != hash)
        s = (s + 1) & set->mask;
    const struct set_slot *slot = &set->slots[s];
    for (uint32_t k = 0; k < slot->n; k++) {
        uint32_t p = set->entries[slot->first + k].phrase;
        bool stems;
        if (matched[p])
            continue;
        const struct phrase_form *f = form_for(set->phrases[p], text_doc_language(doc), &stems);
        if (match_at(set->phrases[p], f, stems, text_doc_tokens(doc), text_doc_n_tokens(doc), i)) {
            matched[p] = true;
            hits++;
        }
    }
    return hits;
}

size_t text_phrase_set_match(const text_phrase_set *set, const text_doc *doc, bool *matched)
{
    if (!set || !doc || !matched)
        return 0;
    memset(matched, 0, set->n_phrases * sizeof(*matched));
    const struct text_token *t = text_doc_tokens(doc);
    size_t hits = 0;
    for (size_t i = 0; set->n_phrases && i < text_doc_n_tokens(doc); i++) {
        hits += set_try(set, doc, t[i].stem_hash, i, matched);
        if (t[i].surface_hash != t[i].stem_hash)
            hits += set_try(set, doc, t[i].surface_hash, i, matched);
    }
    return hits;
}
