/* Tokenisation of folded text: words, numbers and codes; contractions and elisions expanded. */
#include "text/text_internal.h"

#include <string.h>
#include <utf8proc.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

enum cp_class { CP_SEP, CP_ALPHA, CP_DIGIT, CP_CJK };

static bool cp_is_cjk(int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || /* hiragana, katakana */
           (cp >= 0x3400 && cp <= 0x4DBF) || /* CJK extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) || /* CJK unified */
           (cp >= 0xF900 && cp <= 0xFAFF) || /* compatibility ideographs */
           (cp >= 0x20000 && cp <= 0x2FA1F); /* supplementary ideographs */
}

static enum cp_class cp_classify(int32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'a' && cp <= 'z') /* folded text has no A-Z */
            return CP_ALPHA;
        return (cp >= '0' && cp <= '9') ? CP_DIGIT : CP_SEP;
    }
    if (cp_is_cjk(cp))
        return CP_CJK;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: /* marks left by folding belong to their letter */
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return CP_ALPHA;
    case UTF8PROC_CATEGORY_ND:
        return CP_DIGIT;
    default:
        return CP_SEP;
    }
}

/* The class of the character at s[i] and its length in bytes, ASCII without a call. */
static inline enum cp_class class_next(const char *s, size_t len, size_t i, size_t *used)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *used = 1;
        return (c >= 'a' && c <= 'z') ? CP_ALPHA : (c >= '0' && c <= '9') ? CP_DIGIT : CP_SEP;
    }
    int32_t cp;
    *used = text_utf8_next(s + i, len - i, &cp);
    return cp < 0 ? CP_SEP : cp_classify(cp);
}

static enum cp_class class_at(const char *s, size_t len, size_t i)
{
    size_t used;
    return i < len ? class_next(s, len, i, &used) : CP_SEP;
}

/* A run of letters and digits with the joiners allowed inside it. */
struct chunk {
    size_t start, end;
    bool alpha, digit, apostrophe, hyphen, underscore;
};

/* Whether joiner j at i continues the chunk: ' between letters ("don't"), - and _ before a
 * letter or digit ("e-1042", "err_io"), . and , between digits ("1,000.50", "v2.3.1"). */
static bool joins(char j, enum cp_class prev, enum cp_class next)
{
    bool next_alnum = next == CP_ALPHA || next == CP_DIGIT;
    switch (j) {
    case '\'':
        return prev == CP_ALPHA && next == CP_ALPHA;
    case '-':
    case '_':
        return next_alnum;
    case '.':
    case ',':
        return prev == CP_DIGIT && next == CP_DIGIT;
    default:
        return false;
    }
}

static size_t chunk_scan(const char *s, size_t len, size_t pos, struct chunk *ck)
{
    memset(ck, 0, sizeof(*ck));
    ck->start = pos;
    enum cp_class prev = CP_SEP;
    size_t i = pos;
    while (i < len) {
        size_t used;
        enum cp_class c = class_next(s, len, i, &used);
        if (c == CP_ALPHA || c == CP_DIGIT) {
            ck->alpha |= c == CP_ALPHA;
            ck->digit |= c == CP_DIGIT;
            prev = c;
            i += used;
            continue;
        }
        if (c != CP_SEP || !joins(s[i], prev, class_at(s, len, i + 1)))
            break;
        ck->apostrophe |= s[i] == '\'';
        ck->hyphen |= s[i] == '-';
        ck->underscore |= s[i] == '_';
        prev = CP_SEP;
        i++;
    }
    ck->end = i;
    return i;
}

struct tok_ctx {
    const char *text;
    bool english;
    text_emit_fn emit;
    void *ctx;
};

static int emit_word(struct tok_ctx *t, const char *w, size_t n, size_t at)
{
    return t->emit(t->ctx, TEXT_TOKEN_WORD, w, n, (uint32_t)at, true);
}

static int emit_pair(struct tok_ctx *t, const char *a, size_t an, const char *b, size_t at)
{
    int rc = emit_word(t, a, an, at);
    return rc ? rc : emit_word(t, b, strlen(b), at);
}

static bool word_is(const char *w, size_t n, const char *lit)
{
    return n > 0 && w[0] == lit[0] && strlen(lit) == n && memcmp(w, lit, n) == 0;
}

/* English negations written without the apostrophe, and the base each one stands for. */
static const char *const BARE_NEGATIONS[][2] = {
    {"dont", "do"},         {"doesnt", "does"}, {"didnt", "did"},     {"isnt", "is"},
    {"arent", "are"},       {"wasnt", "was"},   {"werent", "were"},   {"havent", "have"},
    {"hasnt", "has"},       {"hadnt", "had"},   {"couldnt", "could"}, {"wouldnt", "would"},
    {"shouldnt", "should"}, {"cant", "can"},    {"wont", "will"},     {"aint", "is"},
    {"mustnt", "must"},     {"neednt", "need"},
};

/* Bases of "n't" that are not the word before it: can't, won't, shan't, ain't. */
static const char *const NT_BASES[][2] = {
    {"ca", "can"}, {"wo", "will"}, {"sha", "shall"}, {"ai", "is"}};

/* What English clitics stand for: I'm, we're, they've, you'll, I'd. */
static const char *const CLITICS[][2] = {
    {"m", "am"}, {"re", "are"}, {"ve", "have"}, {"ll", "will"}, {"d", "would"}};

/* Words whose 's is "is" rather than a possessive. */
static const char *const S_IS[] = {"it", "that", "there", "here",  "what",
                                   "he", "she",  "who",   "where", "how"};

/* French elisions and the word each stands for. */
static const char *const ELISIONS[][2] = {
    {"l", "le"},   {"d", "de"},         {"j", "je"},           {"m", "me"},
    {"n", "ne"},   {"s", "se"},         {"t", "te"},           {"c", "ce"},
    {"qu", "que"}, {"jusqu", "jusque"}, {"lorsqu", "lorsque"}, {"puisqu", "puisque"},
};

static const char *lookup(const char *const (*table)[2], size_t n, const char *w, size_t wn)
{
    for (size_t i = 0; i < n; i++)
        if (word_is(w, wn, table[i][0]))
            return table[i][1];
    return NULL;
}

static int word_no_apostrophe(struct tok_ctx *t, const char *w, size_t n, size_t at)
{
    if (word_is(w, n, "cannot"))
        return emit_pair(t, "can", 3, "not", at);
    if (!t->english || n < 4 || w[n - 2] != 'n' || w[n - 1] != 't') /* every one ends in "nt" */
        return emit_word(t, w, n, at);
    const char *base = lookup(BARE_NEGATIONS, N_OF(BARE_NEGATIONS), w, n);
    if (base)
        return emit_pair(t, base, strlen(base), "not", at);
    return emit_word(t, w, n, at);
}

/* A word with apostrophes between letters: elision, negation, clitic, possessive, or a word
 * that has one ("aujourd'hui", "o'clock"). */
static int word_apostrophe(struct tok_ctx *t, const char *w, size_t n, size_t at)
{
    const char *ap = memchr(w, '\'', n);
    if (!ap)
        return word_no_apostrophe(t, w, n, at);
    size_t head = (size_t)(ap - w);
    const char *tail = ap + 1;
    size_t tail_n = n - head - 1;
    const char *full = lookup(ELISIONS, N_OF(ELISIONS), w, head);
    if (full) { /* l'accès: the article, then the rest as a word of its own */
        int rc = emit_word(t, full, strlen(full), at);
        return rc ? rc : word_apostrophe(t, tail, tail_n, at + head + 1);
    }
    if (n > 3 && memcmp(w + n - 3, "n't", 3) == 0 && !memchr(w, '\'', n - 3)) {
        const char *base = lookup(NT_BASES, N_OF(NT_BASES), w, n - 3);
        return base ? emit_pair(t, base, strlen(base), "not", at)
                    : emit_pair(t, w, n - 3, "not", at);
    }
    if (memchr(tail, '\'', tail_n))
        return emit_word(t, w, n, at);
    const char *clitic = lookup(CLITICS, N_OF(CLITICS), tail, tail_n);
    if (clitic)
        return emit_pair(t, w, head, clitic, at);
    if (word_is(tail, tail_n, "s")) {
        if (word_is(w, head, "let"))
            return emit_pair(t, w, head, "us", at);
        for (size_t i = 0; i < N_OF(S_IS); i++)
            if (word_is(w, head, S_IS[i]))
                return emit_pair(t, w, head, "is", at);
        return emit_word(t, w, head, at); /* the customer's: a possessive adds nothing */
    }
    return emit_word(t, w, n, at);
}

/* Letters only: split at hyphens ("log-in", "e-mail"), then each part as a word. */
static int chunk_words(struct tok_ctx *t, const struct chunk *ck)
{
    size_t i = ck->start;
    while (i < ck->end) {
        const char *part = t->text + i;
        const char *dash = ck->hyphen ? memchr(part, '-', ck->end - i) : NULL;
        size_t n = dash ? (size_t)(dash - part) : ck->end - i;
        int rc = word_apostrophe(t, part, n, i);
        if (rc)
            return rc;
        i += n + 1;
    }
    return 0;
}

static int chunk_emit(struct tok_ctx *t, const struct chunk *ck)
{
    const char *s = t->text + ck->start;
    size_t n = ck->end - ck->start;
    if (ck->underscore || (ck->digit && (ck->alpha || ck->hyphen)))
        return t->emit(t->ctx, TEXT_TOKEN_CODE, s, n, (uint32_t)ck->start, false);
    if (ck->digit)
        return t->emit(t->ctx, TEXT_TOKEN_NUMBER, s, n, (uint32_t)ck->start, false);
    return chunk_words(t, ck);
}

int text_tokens_split(const char *folded, size_t len, bool english, text_emit_fn emit, void *ctx)
{
    struct tok_ctx t = {.text = folded, .english = english, .emit = emit, .ctx = ctx};
    size_t i = 0;
    while (i < len) {
        size_t used;
        enum cp_class c = class_next(folded, len, i, &used);
        if (c == CP_SEP) {
            i += used;
            continue;
        }
        int rc;
        if (c == CP_CJK) { /* no spaces to split on: one token per character */
            rc = emit(ctx, TEXT_TOKEN_WORD, folded + i, used, (uint32_t)i, false);
            i += used;
        } else {
            struct chunk ck;
            i = chunk_scan(folded, len, i, &ck);
            rc = chunk_emit(&t, &ck);
        }
        if (rc)
            return rc;
    }
    return 0;
}
