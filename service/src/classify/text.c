/* Text pipeline: e-mail clean-up, Unicode normalisation and tokenisation. */
#include "classify/classify_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Compatibility decomposition, case folding, marks stripped (café = cafe), default-ignorable
 * characters dropped and look-alike punctuation lumped (U+2019 becomes '). Composition runs
 * afterwards so that Hangul stays in syllables. */
#define TEXT_NORM_OPTIONS                                                                          \
    (UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |               \
     UTF8PROC_IGNORE | UTF8PROC_LUMP)

/* Scripts whose marks carry meaning (Indic vowel signs, the kana voicing marks) keep them. */
#define TEXT_NORM_OPTIONS_KEEP_MARKS (TEXT_NORM_OPTIONS & ~UTF8PROC_STRIPMARK)

/* Accents are dropped in Latin, Greek, Cyrillic, Hebrew and Arabic script (and Vietnamese). */
static bool text_strips_marks(int32_t cp)
{
    return cp < 0x0900 || (cp >= 0x1E00 && cp <= 0x1EFF);
}

/* Longest digit run kept in a number shape: "12345678" becomes "00000". */
#define TEXT_DIGITS_MAX 5

/* ---- e-mail clean-up on raw lines ------------------------------------------------------------ */

static const char *const CLOSINGS[] = {
    "best regards", "kind regards", "warm regards",       "regards",      "best wishes", "best",
    "cheers",       "sincerely",    "yours sincerely",    "yours truly",  "many thanks", "thanks",
    "thank you",    "thanks again", "thanks and regards", "with regards", "br",          "thx",
};

static bool line_starts(const char *s, size_t n, const char *prefix)
{
    size_t p = strlen(prefix);
    if (n < p)
        return false;
    for (size_t i = 0; i < p; i++)
        if (tolower((unsigned char)s[i]) != prefix[i])
            return false;
    return true;
}

static bool line_ends(const char *s, size_t n, const char *suffix)
{
    size_t p = strlen(suffix);
    return n >= p && line_starts(s + n - p, p, suffix);
}

static bool line_is_closing(const char *s, size_t n)
{
    while (n && strchr(",.!:- ", s[n - 1]))
        n--;
    for (size_t i = 0; i < sizeof(CLOSINGS) / sizeof(CLOSINGS[0]); i++)
        if (strlen(CLOSINGS[i]) == n && line_starts(s, n, CLOSINGS[i]))
            return true;
    return false;
}

enum line_kind { LINE_KEEP, LINE_SKIP, LINE_STOP };

static enum line_kind line_classify(const char *s, size_t n, bool seen_content)
{
    if (n && s[0] == '>')
        return LINE_SKIP; /* quoted reply */
    if (n == 2 && s[0] == '-' && s[1] == '-')
        return LINE_STOP; /* "-- " signature separator (trailing space trimmed) */
    if (line_starts(s, n, "sent from my ") || line_starts(s, n, "get outlook for "))
        return LINE_STOP;
    if (line_starts(s, n, "-----original message") || line_starts(s, n, "________________"))
        return LINE_STOP;
    if (line_starts(s, n, "on ") && line_ends(s, n, "wrote:"))
        return LINE_STOP; /* "On Mon, 1 Jan 2024, Ann <a@b.c> wrote:" */
    if (seen_content && (line_starts(s, n, "from: ") || line_is_closing(s, n)))
        return LINE_STOP;
    return LINE_KEEP;
}

/* ---- normalisation --------------------------------------------------------------------------- */

static int append_normalised(classify_scratch *s, size_t *n_cps, const char *text, size_t len)
{
    const uint8_t *p = (const uint8_t *)text;
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t used = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (used <= 0) {
            i++; /* invalid byte: skipped */
            continue;
        }
        i += (size_t)used;
        if (cp < 0x80) { /* fast path: ASCII folds by itself */
            if (tr_reserve((void **)&s->cps, &s->cps_cap, *n_cps + 1, sizeof(int32_t)))
                return TR_ENOMEM;
            s->cps[(*n_cps)++] = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
            continue;
        }
        for (;;) {
            size_t room = s->cps_cap - *n_cps;
            int bound = 0;
            utf8proc_ssize_t got = utf8proc_decompose_char(
                cp, s->cps + *n_cps, (utf8proc_ssize_t)room,
                text_strips_marks(cp) ? TEXT_NORM_OPTIONS : TEXT_NORM_OPTIONS_KEEP_MARKS, &bound);
            if (got < 0)
                break; /* unassigned code point: dropped */
            if ((size_t)got <= room) {
                *n_cps += (size_t)got;
                break;
            }
            if (tr_reserve((void **)&s->cps, &s->cps_cap, *n_cps + (size_t)got, sizeof(int32_t)))
                return TR_ENOMEM;
        }
    }
    return 0;
}

/* ---- tokenisation ---------------------------------------------------------------------------- */

static bool cp_is_space(int32_t cp)
{
    if (cp <= 0x20)
        return true;
    if (cp < 0x80)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
           c == UTF8PROC_CATEGORY_CC;
}

static bool cp_is_cjk(int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || /* hiragana, katakana */
           (cp >= 0x3400 && cp <= 0x4DBF) || /* CJK extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) || /* CJK unified */
           (cp >= 0xF900 && cp <= 0xFAFF) || /* compatibility ideographs */
           (cp >= 0x20000 && cp <= 0x2FA1F); /* supplementary ideographs */
}

enum cp_class { CP_SEP, CP_LETTER, CP_DIGIT, CP_CJK };

static enum cp_class cp_classify(int32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_')
            return CP_LETTER;
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
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return CP_LETTER;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return CP_DIGIT;
    default:
        return CP_SEP;
    }
}

static int token_push(classify_scratch *s, const int32_t *cps, size_t n, uint8_t flags)
{
    if (n == 0)
        return 0;
    if (tr_reserve((void **)&s->tok, &s->tok_cap, s->n_tok_cps + n, sizeof(int32_t)))
        return TR_ENOMEM;
    if (s->n_tokens + 1 > s->tokens_cap) {
        size_t cap = s->tokens_cap;
        if (tr_reserve((void **)&s->tok_off, &cap, s->n_tokens + 1, sizeof(uint32_t)))
            return TR_ENOMEM;
        cap = s->tokens_cap;
        if (tr_reserve((void **)&s->tok_len, &cap, s->n_tokens + 1, sizeof(uint32_t)))
            return TR_ENOMEM;
        cap = s->tokens_cap;
        if (tr_reserve((void **)&s->tok_flags, &cap, s->n_tokens + 1, sizeof(uint8_t)))
            return TR_ENOMEM;
        s->tokens_cap = cap;
    }
    memcpy(s->tok + s->n_tok_cps, cps, n * sizeof(int32_t));
    s->tok_off[s->n_tokens] = (uint32_t)s->n_tok_cps;
    s->tok_len[s->n_tokens] = (uint32_t)n;
    s->tok_flags[s->n_tokens] = flags;
    s->n_tok_cps += n;
    s->n_tokens++;
    return 0;
}

static int token_push_ascii(classify_scratch *s, const char *word)
{
    int32_t cps[16];
    size_t n = strlen(word);
    for (size_t i = 0; i < n; i++)
        cps[i] = (unsigned char)word[i];
    return token_push(s, cps, n, TOKEN_SPECIAL);
}

static bool chunk_starts(const int32_t *c, size_t n, const char *prefix)
{
    size_t p = strlen(prefix);
    if (n < p)
        return false;
    for (size_t i = 0; i < p; i++)
        if (c[i] != (unsigned char)prefix[i])
            return false;
    return true;
}

static bool chunk_is_url(const int32_t *c, size_t n)
{
    return chunk_starts(c, n, "http://") || chunk_starts(c, n, "https://") ||
           chunk_starts(c, n, "www.") || chunk_starts(c, n, "ftp://");
}

static bool chunk_is_email(const int32_t *c, size_t n)
{
    size_t at = n;
    for (size_t i = 0; i < n; i++)
        if (c[i] == '@') {
            at = i;
            break;
        }
    if (at == 0 || at + 3 >= n)
        return false;
    for (size_t i = at + 2; i + 1 < n; i++)
        if (c[i] == '.')
            return true;
    return false;
}

/* Split one whitespace-free chunk into words: letters and digits (digits as '0', runs capped),
 * an apostrophe between letters kept ("don't"), CJK characters one token each. */
static int chunk_tokenize(classify_scratch *s, const int32_t *c, size_t n)
{
    int32_t word[256];
    size_t w = 0, digits = 0;
    for (size_t i = 0; i <= n; i++) {
        enum cp_class k = i < n ? cp_classify(c[i]) : CP_SEP;
        if (k == CP_LETTER || k == CP_DIGIT) {
            if (k == CP_DIGIT) {
                if (++digits > TEXT_DIGITS_MAX)
                    continue;
            } else {
                digits = 0;
            }
            if (w < sizeof(word) / sizeof(word[0]))
                word[w++] = k == CP_DIGIT ? '0' : c[i];
            continue;
        }
        if (i < n && c[i] == '\'' && w > 0 && i + 1 < n && cp_classify(c[i + 1]) == CP_LETTER) {
            if (w < sizeof(word) / sizeof(word[0]))
                word[w++] = '\'';
            continue;
        }
        int rc = token_push(s, word, w, TOKEN_PLAIN);
        if (rc)
            return rc;
        w = 0;
        digits = 0;
        if (k == CP_CJK && (rc = token_push(s, c + i, 1, TOKEN_CJK)))
            return rc;
    }
    return 0;
}

static int tokenize_cps(classify_scratch *s, size_t n_cps)
{
    const int32_t *c = s->cps;
    size_t i = 0;
    while (i < n_cps) {
        while (i < n_cps && cp_is_space(c[i]))
            i++;
        size_t start = i;
        while (i < n_cps && !cp_is_space(c[i]))
            i++;
        if (i == start)
            break;
        int rc;
        if (chunk_is_url(c + start, i - start))
            rc = token_push_ascii(s, "<url>");
        else if (chunk_is_email(c + start, i - start))
            rc = token_push_ascii(s, "<email>");
        else
            rc = chunk_tokenize(s, c + start, i - start);
        if (rc)
            return rc;
    }
    return 0;
}

int text_tokenize(classify_scratch *s, const char *text, size_t len)
{
    if (len > CLASSIFY_MAX_TEXT_BYTES)
        return TR_ETOOBIG;
    s->n_tokens = 0;
    s->n_tok_cps = 0;
    size_t n_cps = 0;
    bool seen_content = false;
    size_t pos = 0;
    int rc = 0;
    while (pos < len) {
        const char *eol = memchr(text + pos, '\n', len - pos);
        size_t end = eol ? (size_t)(eol - text) : len;
        size_t a = pos, b = end;
        while (a < b && (text[a] == ' ' || text[a] == '\t'))
            a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r'))
            b--;
        enum line_kind kind = line_classify(text + a, b - a, seen_content);
        if (kind == LINE_STOP)
            break;
        if (kind == LINE_KEEP && b > a) {
            if ((rc = append_normalised(s, &n_cps, text + a, b - a)))
                return rc;
            if (tr_reserve((void **)&s->cps, &s->cps_cap, n_cps + 1, sizeof(int32_t)))
                return TR_ENOMEM;
            s->cps[n_cps++] = ' ';
            seen_content = true;
        }
        pos = end + 1;
    }
    if (!seen_content && len > 0) /* all of it looked quoted: better the quote than nothing */
        if ((rc = append_normalised(s, &n_cps, text, len)))
            return rc;
    if (n_cps > 0)
        n_cps = (size_t)utf8proc_normalize_utf32(s->cps, (utf8proc_ssize_t)n_cps,
                                                 UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    return tokenize_cps(s, n_cps);
}

classify_scratch *classify_scratch_new(void)
{
    return calloc(1, sizeof(classify_scratch));
}

void classify_scratch_free(classify_scratch *s)
{
    if (!s)
        return;
    free(s->cps);
    free(s->tok);
    free(s->tok_off);
    free(s->tok_len);
    free(s->tok_flags);
    free(s->keys);
    free(s->span);
    free(s->count_slot);
    free(s->count_n);
    free(s->count_idf);
    free(s->count_used);
    free(s->feat);
    free(s->val);
    free(s->scores);
    free(s->probs);
    free(s);
}

int classify_tokens(classify_scratch *s, const char *text, size_t len, char *buf, size_t buflen)
{
    if (!s || (!text && len) || !buf || buflen == 0)
        return TR_EINVAL;
    int rc = text_tokenize(s, text ? text : "", len);
    if (rc)
        return rc;
    size_t o = 0;
    for (size_t t = 0; t < s->n_tokens; t++) {
        if (t > 0) {
            if (o + 1 >= buflen)
                return TR_ETOOBIG;
            buf[o++] = ' ';
        }
        for (uint32_t j = 0; j < s->tok_len[t]; j++) {
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t m = utf8proc_encode_char(s->tok[s->tok_off[t] + j], enc);
            if (o + (size_t)m >= buflen)
                return TR_ETOOBIG;
            memcpy(buf + o, enc, (size_t)m);
            o += (size_t)m;
        }
    }
    buf[o] = '\0';
    return (int)s->n_tokens;
}
