/* Folding: NFKC, case folding and accent stripping with utf8proc, without allocating. */
#include "text/text_internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Compatibility decomposition with full case folding; default-ignorable characters go, and
 * look-alike punctuation is lumped (U+2019 is ', U+2013 is -). Marks are removed by hand below,
 * because whether they go depends on the script of the letter they sit on. */
#define FOLD_OPTIONS                                                                               \
    (UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_IGNORE | UTF8PROC_LUMP)

/* Code points held before composing; a run is cut only before a plain letter (see
 * fold_can_cut), so the buffer has room for one more decomposition past it. */
#define FOLD_CHUNK 256
#define FOLD_DECOMP_MAX 32 /* utf8proc's longest decomposition is 18 code points */

struct fold_state {
    struct text_buf *out;
    size_t n;
    bool base_drops_marks; /* the script of the last base character drops its accents */
    int32_t cps[FOLD_CHUNK + FOLD_DECOMP_MAX];
};

int text_buf_reserve(struct text_buf *b, size_t need)
{
    if (b->fixed)
        return 0;
    return tr_reserve((void **)&b->p, &b->cap, b->len + need, 1);
}

int text_buf_put(struct text_buf *b, const char *s, size_t n)
{
    if (b->fixed) {
        /* Whole pieces only, and room left for the NUL, so truncation ends on a character. */
        if (!b->full && b->len + n < b->cap)
            memcpy(b->p + b->len, s, n);
        else if (!b->full) {
            b->full = true;
            b->kept = b->len;
        }
        b->len += n;
        return 0;
    }
    if (text_buf_reserve(b, n))
        return TR_ENOMEM;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    return 0;
}

size_t text_utf8_next(const char *s, size_t n, int32_t *cp)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    utf8proc_int32_t v;
    utf8proc_ssize_t used = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &v);
    if (used <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = v;
    return (size_t)used;
}

static bool cp_is_mark(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

/* Accents go in Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic script (and Vietnamese);
 * in Indic scripts and kana a mark is part of the letter, so it stays. */
static bool script_drops_marks(int32_t cp)
{
    return cp < 0x0900 || (cp >= 0x1E00 && cp <= 0x1EFF);
}

/* Apostrophe look-alikes that NFKC would turn into a space and an accent (´) or leave (`). */
static int32_t fold_apostrophe(int32_t cp)
{
    switch (cp) {
    case 0x00B4: /* acute accent */
    case 0x02B9: /* modifier prime */
    case 0x02BB: /* turned comma */
    case 0x02BC: /* modifier apostrophe */
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x2032: /* prime */
    case 0xFF07: /* fullwidth apostrophe */
        return '\'';
    default:
        return cp;
    }
}

/* Canonical ordering of marks (by combining class), as utf8proc_decompose() does, so that
 * composition sees them in the normal order. */
static void fold_canonical_order(int32_t *cps, size_t n)
{
    size_t pos = 0;
    while (pos + 1 < n) {
        int c1 = utf8proc_get_property(cps[pos])->combining_class;
        int c2 = utf8proc_get_property(cps[pos + 1])->combining_class;
        if (c1 > c2 && c2 > 0) {
            int32_t t = cps[pos];
            cps[pos] = cps[pos + 1];
            cps[pos + 1] = t;
            pos = pos ? pos - 1 : pos + 1;
        } else {
            pos++;
        }
    }
}

static int fold_flush(struct fold_state *st)
{
    if (st->n == 0)
        return 0;
    fold_canonical_order(st->cps, st->n);
    utf8proc_ssize_t n = utf8proc_normalize_utf32(st->cps, (utf8proc_ssize_t)st->n,
                                                  UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    st->n = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t k = utf8proc_encode_char(st->cps[i], enc);
        if (text_buf_put(st->out, (const char *)enc, (size_t)k))
            return TR_ENOMEM;
    }
    return 0;
}

/* Composition never joins across a plain letter that is not a Hangul vowel or final jamo. */
static bool fold_can_cut(int32_t cp)
{
    if (cp >= 0x1160 && cp <= 0x11FF)
        return false;
    return utf8proc_get_property(cp)->combining_class == 0 && !cp_is_mark(cp);
}

static int fold_char(struct fold_state *st, int32_t cp)
{
    bool mark = cp_is_mark(cp);
    if (!mark)
        st->base_drops_marks = script_drops_marks(cp);
    if (st->n >= FOLD_CHUNK && (fold_can_cut(cp) || st->n >= FOLD_CHUNK + FOLD_DECOMP_MAX / 2))
        if (fold_flush(st)) /* the second case only for absurd runs of marks */
            return TR_ENOMEM;
    int32_t *dst = st->cps + st->n;
    utf8proc_int32_t bound = 0;
    utf8proc_ssize_t got =
        utf8proc_decompose_char(cp, dst, FOLD_DECOMP_MAX / 2, FOLD_OPTIONS, &bound);
    if (got <= 0 || got > FOLD_DECOMP_MAX / 2)
        return 0; /* ignorable (or an error utf8proc cannot have here): dropped */
    size_t kept = (size_t)got;
    if (st->base_drops_marks) {
        kept = 0;
        for (utf8proc_ssize_t i = 0; i < got; i++)
            if (!cp_is_mark(dst[i]))
                dst[kept++] = dst[i];
    }
    st->n += kept;
    return 0;
}

static char ascii_fold(char a)
{
    return (a >= 'A' && a <= 'Z') ? (char)(a + 32) : a == '`' ? '\'' : a;
}

static int fold_ascii(struct text_buf *out, const char *s, size_t n)
{
    if (out->fixed) {
        for (size_t i = 0; i < n; i++) {
            char a = ascii_fold(s[i]);
            (void)text_buf_put(out, &a, 1); /* cannot fail on a fixed buffer */
        }
        return 0;
    }
    if (text_buf_reserve(out, n))
        return TR_ENOMEM;
    char *w = out->p + out->len;
    for (size_t i = 0; i < n; i++)
        w[i] = ascii_fold(s[i]);
    out->len += n;
    return 0;
}

int text_fold(struct text_buf *out, const char *text, size_t len)
{
    struct fold_state st = {.out = out, .n = 0, .base_drops_marks = true};
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) { /* ASCII folds by itself; runs of it are copied in one go */
            if (fold_flush(&st))
                return TR_ENOMEM;
            size_t j = i;
            while (j < len && (unsigned char)text[j] < 0x80)
                j++;
            if (fold_ascii(out, text + i, j - i))
                return TR_ENOMEM;
            i = j;
            st.base_drops_marks = true;
            continue;
        }
        int32_t cp;
        i += text_utf8_next(text + i, len - i, &cp);
        if (cp < 0) { /* an invalid byte separates what is around it */
            if (fold_flush(&st) || text_buf_put(out, " ", 1))
                return TR_ENOMEM;
            st.base_drops_marks = true;
            continue;
        }
        if (fold_char(&st, fold_apostrophe(cp)))
            return TR_ENOMEM;
    }
    return fold_flush(&st);
}

int text_normalize(const char *text, size_t len, char *out, size_t cap, size_t *out_len)
{
    if (!text || !out_len || (!out && cap))
        return TR_EINVAL;
    *out_len = 0;
    if (len > TEXT_MAX_BYTES)
        return TR_ETOOBIG;
    struct text_buf b = {.p = out, .cap = cap, .fixed = true};
    int rc = text_fold(&b, text, len);
    if (rc)
        return rc;
    *out_len = b.len;
    if (cap == 0)
        return TR_ETOOBIG;
    out[b.full ? b.kept : b.len] = '\0';
    return b.full ? TR_ETOOBIG : 0;
}
