/* text module internals shared by its files; nothing outside service/src/text includes this. */
#ifndef TR_TEXT_INTERNAL_H
#define TR_TEXT_INTERNAL_H

#include "text/text.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* An output buffer that either grows (owned) or is the caller's fixed array: then len still
 * counts every byte produced, but only whole pieces that fit are written. */
struct text_buf {
    char *p;
    size_t len;
    size_t cap;
    bool fixed;
    bool full;   /* fixed only: a piece did not fit, nothing more is written */
    size_t kept; /* fixed only, once full: the bytes written */
};

/* Make room for need more bytes in an owned buffer. Returns 0 or TR_ENOMEM. */
int text_buf_reserve(struct text_buf *b, size_t need);
int text_buf_put(struct text_buf *b, const char *s, size_t n);

/* Append the folded form of text to out (see text_normalize). 0 or TR_ENOMEM. */
int text_fold(struct text_buf *out, const char *text, size_t len);

/* Decode one code point of valid-or-not UTF-8 at s (n > 0 bytes left): returns the bytes used
 * (1 for an invalid byte, with *cp = -1). */
size_t text_utf8_next(const char *s, size_t n, int32_t *cp);

/* 32-bit FNV-1a of n bytes. */
static inline uint32_t text_hash32(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The primary part of a language tag, lowercase and NUL-padded, into out[TEXT_LANG_MAX]
 * ("pt-BR" -> "pt"). Returns false when it does not fit or is empty. */
bool text_lang_primary(const char *tag, char out[TEXT_LANG_MAX]);

/* Two tags made by text_lang_primary() (or all zero) are equal. */
static inline bool text_lang_equal(const char *a, const char *b)
{
    return memcmp(a, b, TEXT_LANG_MAX) == 0;
}

/* Receives each token of the tokeniser: s/n is the folded form (pointing into the folded text
 * or at a constant expansion such as "not"), stem says whether it is a word to stem. */
typedef int (*text_emit_fn)(void *ctx, enum text_token_kind kind, const char *s, size_t n,
                            uint32_t offset, bool stem);

/* Split folded text into tokens, in order. english enables the apostrophe-less contractions
 * ("dont", "cant") that are real words elsewhere (French "dont"). Returns 0 or what emit
 * returned first that was not 0. */
int text_tokens_split(const char *folded, size_t len, bool english, text_emit_fn emit, void *ctx);

/* The analyzer's own doc, for analysing a phrase without allocating, and its languages. */
text_doc *text_analyzer_scratch(text_analyzer *az);
size_t text_analyzer_n_langs(const text_analyzer *az);
const char *text_analyzer_lang(const text_analyzer *az, size_t i);

/* Language detection working memory, one per analyzer (langid.c). */
struct text_detect_work;
struct text_detect_work *text_detect_work_new(const text_langid *lid);
void text_detect_work_free(struct text_detect_work *work);
int text_langid_detect(const text_langid *lid, struct text_detect_work *work, const char *text,
                       size_t len, const char *hint, struct text_language *out);

#endif
