/* The analyzer: a Snowball stemmer per language with a cache in front, and text_doc. */
#include "text/text_internal.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* BCP-47 primary tags of Snowball's algorithms (libstemmer 2.2). */
static const char *const SNOWBALL[][2] = {
    {"ar", "arabic"},     {"hy", "armenian"},   {"eu", "basque"},    {"ca", "catalan"},
    {"da", "danish"},     {"nl", "dutch"},      {"en", "english"},   {"fi", "finnish"},
    {"fr", "french"},     {"de", "german"},     {"el", "greek"},     {"hi", "hindi"},
    {"hu", "hungarian"},  {"id", "indonesian"}, {"ga", "irish"},     {"it", "italian"},
    {"lt", "lithuanian"}, {"ne", "nepali"},     {"no", "norwegian"}, {"nb", "norwegian"},
    {"nn", "norwegian"},  {"pt", "portuguese"}, {"ro", "romanian"},  {"ru", "russian"},
    {"sr", "serbian"},    {"es", "spanish"},    {"sv", "swedish"},   {"ta", "tamil"},
    {"tr", "turkish"},    {"yi", "yiddish"},
};

/* Stems of recent words, one entry per hash slot (a word's stem never changes, and ticket text
 * repeats its words: most lookups hit, and Snowball costs ~300 ns a word). */
#define STEM_CACHE_SLOTS 4096
#define STEM_CACHE_KEY 29 /* longer words and stems are stemmed every time */
/* Words longer than this are not stemmed at all (no language has such suffix rules). */
#define STEM_MAX_WORD 64

struct stem_entry {
    uint32_t hash;
    uint8_t word_len, stem_len; /* word_len 0: empty slot */
    char word[STEM_CACHE_KEY];
    char stem[STEM_CACHE_KEY];
};

struct lang_slot {
    char tag[TEXT_LANG_MAX];
    struct sb_stemmer *stemmer;
    struct stem_entry *cache; /* allocated on first use */
};

struct text_analyzer {
    struct lang_slot *langs;
    size_t n_langs;
    const text_langid *lid;
    struct text_detect_work *detect; /* allocated on first detection */
    text_doc *scratch;               /* text_match()'s phrase */
};

struct text_doc {
    struct text_buf folded;
    struct text_buf strs; /* surfaces and stems, each NUL-terminated */
    struct text_token *tokens;
    uint32_t *offs; /* while building: surface and stem offsets in strs, two per token */
    size_t n_tokens, cap_tokens, cap_offs;
    char lang[TEXT_LANG_MAX];
};

bool text_lang_primary(const char *tag, char out[TEXT_LANG_MAX])
{
    size_t n = 0;
    memset(out, 0, TEXT_LANG_MAX); /* padded, so tags compare as 8 bytes (text_lang_equal) */
    if (!tag)
        return false;
    for (; tag[n] && tag[n] != '-' && tag[n] != '_'; n++) {
        if (n + 1 >= TEXT_LANG_MAX)
            return false;
        char c = tag[n];
        out[n] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out[n] = '\0';
    return n > 0;
}

static struct lang_slot *lang_find(const text_analyzer *az, const char *tag)
{
    char primary[TEXT_LANG_MAX];
    if (!text_lang_primary(tag, primary))
        return NULL;
    for (size_t i = 0; i < az->n_langs; i++)
        if (strcmp(az->langs[i].tag, primary) == 0)
            return &az->langs[i];
    return NULL;
}

static int lang_add(text_analyzer *az, const char *tag, char *err, size_t errlen)
{
    char primary[TEXT_LANG_MAX];
    const char *algorithm = NULL;
    if (text_lang_primary(tag, primary))
        for (size_t i = 0; i < N_OF(SNOWBALL) && !algorithm; i++)
            if (strcmp(SNOWBALL[i][0], primary) == 0)
                algorithm = SNOWBALL[i][1];
    if (!algorithm) {
        snprintf(err, errlen, "no Snowball stemmer for language \"%s\"", tag ? tag : "(null)");
        return TR_EINVAL;
    }
    if (lang_find(az, primary))
        return 0; /* listed twice */
    struct lang_slot *slot = &az->langs[az->n_langs];
    memcpy(slot->tag, primary, sizeof(primary));
    slot->stemmer = sb_stemmer_new(algorithm, NULL);
    if (!slot->stemmer) {
        snprintf(err, errlen, "out of memory creating the %s stemmer", algorithm);
        return TR_ENOMEM;
    }
    az->n_langs++;
    return 0;
}

text_analyzer *text_analyzer_new(const char *const *langs, size_t n_langs, const text_langid *lid,
                                 char *err, size_t errlen)
{
    size_t n = langs ? n_langs : N_OF(SNOWBALL);
    text_analyzer *az = calloc(1, sizeof(*az));
    if (!az || !(az->langs = calloc(n ? n : 1, sizeof(*az->langs))) ||
        !(az->scratch = text_doc_new())) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    az->lid = lid;
    for (size_t i = 0; i < n; i++)
        if (lang_add(az, langs ? langs[i] : SNOWBALL[i][0], err, errlen))
            goto fail; /* it wrote the reason */
    return az;
fail:
    text_analyzer_free(az);
    return NULL;
}

void text_analyzer_free(text_analyzer *az)
{
    if (!az)
        return;
    for (size_t i = 0; az->langs && i < az->n_langs; i++) {
        sb_stemmer_delete(az->langs[i].stemmer);
        free(az->langs[i].cache);
    }
    free(az->langs);
    text_detect_work_free(az->detect);
    text_doc_free(az->scratch);
    free(az);
}

bool text_analyzer_has_language(const text_analyzer *az, const char *lang)
{
    return az && lang_find(az, lang) != NULL;
}

int text_detect_language(text_analyzer *az, const char *text, size_t len, const char *hint,
                         struct text_language *out)
{
    if (!az || !az->lid || (!text && len) || !out)
        return TR_EINVAL;
    if (!az->detect && !(az->detect = text_detect_work_new(az->lid)))
        return TR_ENOMEM;
    return text_langid_detect(az->lid, az->detect, text ? text : "", len, hint, out);
}

/* ---- stemming ------------------------------------------------------------------------------- */

/* The stem of word w (n bytes), or NULL when Snowball ran out of memory. The result is valid
 * until the next call on slot. */
static const char *stem_word(struct lang_slot *slot, const char *w, size_t n, uint32_t hash,
                             size_t *stem_len)
{
    struct stem_entry *e = NULL;
    if (n <= STEM_CACHE_KEY) {
        if (!slot->cache)
            slot->cache = calloc(STEM_CACHE_SLOTS, sizeof(*slot->cache));
        if (slot->cache) { /* without one, every word is stemmed: slower, still right */
            e = &slot->cache[hash & (STEM_CACHE_SLOTS - 1)];
            if (e->hash == hash && e->word_len == n && memcmp(e->word, w, n) == 0) {
                *stem_len = e->stem_len;
                return e->stem;
            }
        }
    }
    const sb_symbol *s = sb_stemmer_stem(slot->stemmer, (const sb_symbol *)w, (int)n);
    if (!s)
        return NULL;
    *stem_len = (size_t)sb_stemmer_length(slot->stemmer);
    if (e && *stem_len <= STEM_CACHE_KEY) {
        e->hash = hash;
        e->word_len = (uint8_t)n;
        e->stem_len = (uint8_t)*stem_len;
        memcpy(e->word, w, n);
        memcpy(e->stem, s, *stem_len);
    }
    return (const char *)s;
}

/* ---- documents ------------------------------------------------------------------------------ */

text_doc *text_doc_new(void)
{
    return calloc(1, sizeof(text_doc));
}

void text_doc_free(text_doc *doc)
{
    if (!doc)
        return;
    free(doc->folded.p);
    free(doc->strs.p);
    free(doc->tokens);
    free(doc->offs);
    free(doc);
}

struct emit_ctx {
    text_doc *doc;
    struct lang_slot *slot; /* NULL: no stemming */
};

static int strs_add(struct text_buf *b, const char *s, size_t n, uint32_t *off)
{
    *off = (uint32_t)b->len;
    if (text_buf_reserve(b, n + 1))
        return TR_ENOMEM;
    memcpy(b->p + b->len, s, n);
    b->p[b->len + n] = '\0';
    b->len += n + 1;
    return 0;
}

static int doc_emit(void *ctx, enum text_token_kind kind, const char *s, size_t n, uint32_t offset,
                    bool stem)
{
    struct emit_ctx *e = ctx;
    text_doc *doc = e->doc;
    size_t i = doc->n_tokens;
    if (tr_reserve((void **)&doc->tokens, &doc->cap_tokens, i + 1, sizeof(*doc->tokens)) ||
        tr_reserve((void **)&doc->offs, &doc->cap_offs, 2 * (i + 1), sizeof(*doc->offs)))
        return TR_ENOMEM;
    struct text_token *t = &doc->tokens[i];
    uint32_t *off = &doc->offs[2 * i];
    t->kind = kind;
    t->offset = offset;
    t->surface_len = (uint32_t)n;
    t->surface_hash = text_hash32(s, n);
    if (strs_add(&doc->strs, s, n, &off[0]))
        return TR_ENOMEM;
    off[1] = off[0];
    t->stem_len = t->surface_len;
    t->stem_hash = t->surface_hash;
    if (stem && e->slot && n <= STEM_MAX_WORD) {
        size_t sl;
        const char *st = stem_word(e->slot, s, n, t->surface_hash, &sl);
        if (!st)
            return TR_ENOMEM;
        if (sl != n || memcmp(st, s, n) != 0) {
            if (strs_add(&doc->strs, st, sl, &off[1]))
                return TR_ENOMEM;
            t->stem_len = (uint32_t)sl;
            t->stem_hash = text_hash32(st, sl);
        }
    }
    doc->n_tokens++;
    return 0;
}

int text_analyze(text_analyzer *az, const char *lang, const char *text, size_t len, text_doc *doc)
{
    if (!az || !doc || (!text && len))
        return TR_EINVAL;
    if (len > TEXT_MAX_BYTES)
        return TR_ETOOBIG;
    doc->folded.len = doc->strs.len = doc->n_tokens = 0;
    if (!lang || !text_lang_primary(lang, doc->lang))
        memset(doc->lang, 0, sizeof(doc->lang));
    int rc = text_fold(&doc->folded, text ? text : "", len);
    if (rc || (rc = text_buf_reserve(&doc->folded, 1)))
        return rc;
    doc->folded.p[doc->folded.len] = '\0';
    struct emit_ctx e = {.doc = doc, .slot = lang_find(az, doc->lang)};
    rc = text_tokens_split(doc->folded.p, doc->folded.len, strcmp(doc->lang, "en") == 0, doc_emit,
                           &e);
    if (rc) {
        doc->n_tokens = 0;
        return rc;
    }
    /* The strings are in place now that strs has stopped moving. */
    for (size_t i = 0; i < doc->n_tokens; i++) {
        doc->tokens[i].surface = doc->strs.p + doc->offs[2 * i];
        doc->tokens[i].stem = doc->strs.p + doc->offs[2 * i + 1];
    }
    return 0;
}

size_t text_doc_n_tokens(const text_doc *doc)
{
    return doc ? doc->n_tokens : 0;
}

const struct text_token *text_doc_tokens(const text_doc *doc)
{
    return doc ? doc->tokens : NULL;
}

const char *text_doc_folded(const text_doc *doc, size_t *len)
{
    if (len)
        *len = doc && doc->folded.p ? doc->folded.len : 0;
    return doc && doc->folded.p ? doc->folded.p : "";
}

const char *text_doc_language(const text_doc *doc)
{
    return doc ? doc->lang : "";
}

text_doc *text_analyzer_scratch(text_analyzer *az)
{
    return az->scratch;
}

size_t text_analyzer_n_langs(const text_analyzer *az)
{
    return az->n_langs;
}

const char *text_analyzer_lang(const text_analyzer *az, size_t i)
{
    return az->langs[i].tag;
}
