/* urgency: the urgency score of a ticket and its priority P1..P4.
 *
 * Default weights (urgency_weights_default; rows of routing_weights override or add to them):
 *
 *   phrase (subject or body)             weight    phrase                          weight
 *   "data loss"                              40    "emergency"                         30
 *   "breach"                                 40    "can't access"                      30
 *   "hacked"                                 40    "unable to access"                  30
 *   "production down"                        40    "legal action"                      30
 *   "outage"                                 35    "lawyer"                            30
 *   "losing money"                           35    "fraud"                             30
 *   "losing revenue"                         35    "can't log in" / "can't login"      25
 *   "urgent" (also es/pt/it "urgente")       25    "can't sign in"                     25
 *   "asap"                                   20    "locked out"                        25
 *   "critical"                               20    "immediately"                       15
 *   "down" (also "calm down": kept modest)   15    "broken" / "not working" / "crash"  15
 *   de: "dringend" 25, "notfall" 30, "ausfall" 35, "kein zugriff" 30, "funktioniert nicht" 15
 *   fr: "urgence" 25, "en panne" 15, "ne fonctionne pas" 15, "ne marche pas" 15
 *   es: "emergencia" 30 (also pt "emergência"), "no puedo acceder" 30, "no funciona" 15
 *   pt: "não consigo acessar" 30, "não funciona" 15
 *
 *   category: security 40, outage 35, login 15, bug 10, technical 10, cancellation 10,
 *             billing 5, refund 5, feature_request -10 (others 0)
 *   tier: free 0, pro 10, enterprise 25; unknown customer 5 (instead of a tier)
 *   value: top_value 20 when value_percentile >= top_value_cut 0.90 (the top 10%)
 *   at_risk 10
 *   priority: score >= 70 P1, >= 45 P2, >= 20 P3, else P4
 *
 * Matching: subject and body are read once, in one pass, as a stream of words; a phrase is a
 * sequence of words and matches the same sequence of words in the subject or in the body (not
 * across them). Both sides are normalised the same way:
 *   - words are runs of letters and digits; everything else separates them ("URGENT!!!",
 *     "log-in" = "log in"); apostrophes (' ’ ‘ ` ´) are dropped inside words ("can't" = "cant");
 *   - ASCII and Latin-1/Latin Extended-A letters fold to lowercase ASCII ("Não" = "nao",
 *     "ß" = "ss"); Greek and Cyrillic capitals fold to lowercase; other letters are kept as
 *     they are; emoji and symbols separate words;
 *   - negations split: "can't", "cant", "cannot" = "can not"; "won't" = "will not";
 *     "doesn't" = "does not", and so on for do/did/is/are/was/were/has/have/had/could/would/
 *     should/must;
 *   - a light stemmer cuts one suffix of every word: -ly, -ing, -ed, -ies/-ied (to -y), -s;
 *     then a doubled final consonant after -ing/-ed ("stopped" = "stop") and a final -e
 *     ("outages" = "outage", "crashes" = "crash", "urgente" = "urgent").
 * So "crashing", "crashed", "crashes" match "crash" and "urgently" matches "urgent", but
 * "download" does not match "down" and "insurgent" does not match "urgent".
 * A phrase counts once however often it appears. Where phrases overlap, only the longest
 * counts at that place ("production down" does not also count "down"); phrases that normalise
 * to the same words count once. Words of more than URG_WORD_MAX (32) bytes and phrases of more
 * than URG_PHRASE_WORDS (8) words never match.
 *
 * Cost: no allocation, no locale; about 15 KB of stack. The phrases are normalised on every
 * call (the weights carry no compiled form), then each word of the text costs one hash lookup.
 * This is the raw-text matching, for decisions without the text module's analysis (route_input
 * without text): the pipeline matches compiled phrases on the analysed text (phrases.c), with
 * the same rule for overlapping phrases. */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "routing/routing_internal.h"

#define URG_WORD_MAX 32    /* bytes a word may have (after folding); longer ones never match */
#define URG_PHRASE_WORDS 8 /* words a phrase may have; also the text window */
#define URG_BUCKETS 128    /* >= 2 * URGENCY_MAX_PHRASES, a power of two */
#define URG_POOL (URGENCY_MAX_PHRASES * TR_NAME_MAX * 2)

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const struct urgency_phrase DEFAULT_PHRASES[] = {
    {"data loss", 40},
    {"breach", 40},
    {"hacked", 40},
    {"production down", 40},
    {"outage", 35},
    {"losing money", 35},
    {"losing revenue", 35},
    {"emergency", 30},
    {"can't access", 30},
    {"unable to access", 30},
    {"legal action", 30},
    {"lawyer", 30},
    {"fraud", 30},
    {"urgent", 25},
    {"can't log in", 25},
    {"can't login", 25},
    {"can't sign in", 25},
    {"locked out", 25},
    {"asap", 20},
    {"critical", 20},
    {"immediately", 15},
    {"down", 15},
    {"broken", 15},
    {"not working", 15},
    {"crash", 15},
    /* German */
    {"dringend", 25},
    {"notfall", 30},
    {"ausfall", 35},
    {"kein zugriff", 30},
    {"funktioniert nicht", 15},
    /* French ("urgent" is the same word) */
    {"urgence", 25},
    {"en panne", 15},
    {"ne fonctionne pas", 15},
    {"ne marche pas", 15},
    /* Spanish and Portuguese ("urgente" matches "urgent") */
    {"emergencia", 30},
    {"no puedo acceder", 30},
    {"no funciona", 15},
    {"não consigo acessar", 30},
    {"não funciona", 15},
};

static const struct urgency_category DEFAULT_CATEGORIES[] = {
    {"security", 40}, {"outage", 35},    {"login", 15},
    {"bug", 10},      {"technical", 10}, {"cancellation", 10},
    {"billing", 5},   {"refund", 5},     {"feature_request", -10},
};

/* Latin-1 Supplement and Latin Extended-A letters U+00C0..U+017F folded to lowercase ASCII;
 * "" for the two symbols (U+00D7, U+00F7), which separate words. */
static const char FOLD[192][3] = {
    "a", "a", "a",  "a",  "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",  /* C0 */
    "d", "n", "o",  "o",  "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss", /* D0 */
    "a", "a", "a",  "a",  "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",  /* E0 */
    "d", "n", "o",  "o",  "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",  /* F0 */
    "a", "a", "a",  "a",  "a", "a", "c",  "c", "c", "c", "c", "c", "c", "c", "d",  "d",  /* 100 */
    "d", "d", "e",  "e",  "e", "e", "e",  "e", "e", "e", "e", "e", "g", "g", "g",  "g",  /* 110 */
    "g", "g", "g",  "g",  "h", "h", "h",  "h", "i", "i", "i", "i", "i", "i", "i",  "i",  /* 120 */
    "i", "i", "ij", "ij", "j", "j", "k",  "k", "k", "l", "l", "l", "l", "l", "l",  "l",  /* 130 */
    "l", "l", "l",  "n",  "n", "n", "n",  "n", "n", "n", "n", "n", "o", "o", "o",  "o",  /* 140 */
    "o", "o", "oe", "oe", "r", "r", "r",  "r", "r", "r", "s", "s", "s", "s", "s",  "s",  /* 150 */
    "s", "s", "t",  "t",  "t", "t", "t",  "t", "u", "u", "u", "u", "u", "u", "u",  "u",  /* 160 */
    "u", "u", "u",  "u",  "w", "w", "y",  "y", "y", "z", "z", "z", "z", "z", "z",  "s",  /* 170 */
};

/* Negations written as one word (apostrophes already dropped): the verb before "not". */
static const struct {
    const char *word;
    const char *verb;
} NEGATIONS[] = {
    {"cant", "can"},    {"cannot", "can"},    {"wont", "will"},     {"dont", "do"},
    {"doesnt", "does"}, {"didnt", "did"},     {"isnt", "is"},       {"arent", "are"},
    {"wasnt", "was"},   {"werent", "were"},   {"hasnt", "has"},     {"havent", "have"},
    {"hadnt", "had"},   {"couldnt", "could"}, {"wouldnt", "would"}, {"shouldnt", "should"},
    {"mustnt", "must"},
};

void urgency_weights_default(struct urgency_weights *weights)
{
    *weights = (struct urgency_weights){
        .tier = {0, 10, 25},
        .unknown_customer = 5,
        .top_value = 20,
        .top_value_cut = 0.90,
        .at_risk = 10,
        .p1_min = 70,
        .p2_min = 45,
        .p3_min = 20,
    };
    for (size_t i = 0; i < N_OF(DEFAULT_PHRASES) && i < URGENCY_MAX_PHRASES; i++)
        weights->phrases[weights->n_phrases++] = DEFAULT_PHRASES[i];
    for (size_t i = 0; i < N_OF(DEFAULT_CATEGORIES) && i < URGENCY_MAX_CATEGORIES; i++)
        weights->categories[weights->n_categories++] = DEFAULT_CATEGORIES[i];
}

/* ---- words: a lexer that folds, splits negations and stems, then hands each word on ---- */

/* word is NULL for a word too long to match anything: it still takes a place in the text. */
typedef void emit_fn(void *ctx, const char *word, size_t len);

struct lexer {
    emit_fn *emit;
    void *ctx;
    const bool *done; /* stop reading when *done (NULL: read everything) */
    size_t len;
    bool overlong;
    char word[URG_WORD_MAX];
};

static bool ends_with(const char *w, size_t n, const char *suffix, size_t sn)
{
    return n >= sn && memcmp(w + n - sn, suffix, sn) == 0;
}

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* A light stemmer, applied alike to the text and to the phrases, so only its consistency
 * matters: at most one suffix goes, then a doubled consonant it left, then a final -e. The
 * minimum lengths keep short words ("thing", "need", "this", "only") whole. */
static size_t stem(char *w, size_t n)
{
    bool cut = false;
    if (n >= 6 && ends_with(w, n, "ly", 2)) {
        n -= 2; /* urgently */
    } else if (n >= 6 && ends_with(w, n, "ing", 3)) {
        n -= 3; /* crashing */
        cut = true;
    } else if (n >= 5 && (ends_with(w, n, "ies", 3) || ends_with(w, n, "ied", 3))) {
        n -= 2; /* replies, replied */
        w[n - 1] = 'y';
    } else if (n >= 5 && ends_with(w, n, "ed", 2)) {
        n -= 2; /* crashed */
        cut = true;
    } else if (n >= 4 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i') {
        n -= 1; /* crashes (then -e below), outages; not access, status, this */
    }
    if (cut && n >= 3 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]) && w[n - 1] != 'l' &&
        w[n - 1] != 's' && w[n - 1] != 'z')
        n -= 1; /* stopped, logging */
    if (n >= 4 && w[n - 1] == 'e' && w[n - 2] != 'e')
        n -= 1; /* outage(s), crashe(s), urgente; not free */
    return n;
}

static void lex_emit_word(struct lexer *lx, const char *word, size_t len)
{
    char w[URG_WORD_MAX];
    memcpy(w, word, len);
    len = stem(w, len);
    lx->emit(lx->ctx, w, len);
}

static void lex_end_word(struct lexer *lx)
{
    size_t len = lx->len;
    bool overlong = lx->overlong;
    lx->len = 0;
    lx->overlong = false;
    if (overlong) {
        lx->emit(lx->ctx, NULL, 0);
        return;
    }
    if (len == 0)
        return;
    if (len >= 4 && len <= 8 && lx->word[len - 1] == 't') {
        for (size_t i = 0; i < N_OF(NEGATIONS); i++) {
            const char *neg = NEGATIONS[i].word;
            if (strlen(neg) == len && memcmp(neg, lx->word, len) == 0) {
                lex_emit_word(lx, NEGATIONS[i].verb, strlen(NEGATIONS[i].verb));
                lex_emit_word(lx, "not", 3);
                return;
            }
        }
    }
    lex_emit_word(lx, lx->word, len);
}

static void lex_put(struct lexer *lx, const char *bytes, size_t n)
{
    if (lx->len + n > URG_WORD_MAX) {
        lx->overlong = true;
        return;
    }
    memcpy(lx->word + lx->len, bytes, n);
    lx->len += n;
}

/* Decodes one UTF-8 sequence at p (p[0] >= 0x80). Returns its length, or 0 when invalid. */
static size_t utf8_decode(const unsigned char *p, unsigned long *cp)
{
    size_t n;
    unsigned long c, min;
    if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        n = 2, c = p[0] & 0x1Fu, min = 0x80;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        n = 3, c = p[0] & 0x0Fu, min = 0x800;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        n = 4, c = p[0] & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0u) != 0x80) /* also stops at the NUL */
            return 0;
        c = (c << 6) | (p[i] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

/* Code points that separate words: Latin-1 punctuation, general punctuation, symbols and
 * arrows, CJK punctuation, variation selectors, fullwidth ASCII punctuation, emoji. */
static bool is_separator(unsigned long cp)
{
    return cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
           (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
           (cp >= 0xFF01 && cp <= 0xFF0F) || cp >= 0x1F000;
}

static bool is_apostrophe(unsigned long cp)
{
    return cp == 0x2019 || cp == 0x2018 || cp == 0xB4 || cp == 0x2BC;
}

static void lex_feed_nonascii(struct lexer *lx, unsigned long cp, const unsigned char *p, size_t n)
{
    if (is_apostrophe(cp))
        return;
    if (cp >= 0xC0 && cp < 0x180 && FOLD[cp - 0xC0][0]) {
        lex_put(lx, FOLD[cp - 0xC0], FOLD[cp - 0xC0][1] ? 2 : 1);
        return;
    }
    if (is_separator(cp)) {
        lex_end_word(lx);
        return;
    }
    /* Greek and Cyrillic capitals to lowercase (all two-byte sequences); others as written. */
    if (cp >= 0x391 && cp <= 0x3A9)
        cp += 0x20;
    else if (cp >= 0x410 && cp <= 0x42F)
        cp += 0x20;
    else if (cp >= 0x400 && cp <= 0x40F)
        cp += 0x50;
    if (n == 2) {
        char b[2] = {(char)(0xC0 | (cp >> 6)), (char)(0x80 | (cp & 0x3F))};
        lex_put(lx, b, 2);
    } else {
        lex_put(lx, (const char *)p, n);
    }
}

static void lex_feed(struct lexer *lx, const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    while (*p && !(lx->done && *lx->done)) {
        unsigned c = *p;
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                char b = (char)c;
                lex_put(lx, &b, 1);
            } else if (c >= 'A' && c <= 'Z') {
                char b = (char)(c + ('a' - 'A'));
                lex_put(lx, &b, 1);
            } else if (c != '\'' && c != '`') {
                lex_end_word(lx);
            }
            p++;
            continue;
        }
        unsigned long cp = 0;
        size_t n = utf8_decode(p, &cp);
        if (n == 0) {
            lex_end_word(lx); /* a stray byte separates words */
            p++;
            continue;
        }
        lex_feed_nonascii(lx, cp, p, n);
        p += n;
    }
    lex_end_word(lx);
}

static uint64_t word_hash(const char *w, size_t n)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)w[i];
        h *= UINT64_C(1099511628211);
    }
    return h ^ (h >> 29);
}

/* ---- phrases, normalised into words ---- */

struct phrase_words {
    uint8_t n;   /* words */
    bool usable; /* false: empty, too many words or a word too long */
    int8_t next; /* next phrase in the same bucket, -1 at the end */
    uint8_t len[URG_PHRASE_WORDS];
    uint16_t off[URG_PHRASE_WORDS]; /* into phrase_set.pool */
    uint64_t hash[URG_PHRASE_WORDS];
};

struct phrase_set {
    size_t n;
    size_t pool_used;
    int8_t head[URG_BUCKETS]; /* by the hash of a phrase's last word */
    struct phrase_words p[URGENCY_MAX_PHRASES];
    char pool[URG_POOL];
};

static void phrase_emit(void *ctx, const char *word, size_t len)
{
    struct phrase_set *set = ctx;
    struct phrase_words *pw = &set->p[set->n];
    if (!word || pw->n == URG_PHRASE_WORDS || set->pool_used + len > sizeof(set->pool)) {
        pw->usable = false;
        return;
    }
    memcpy(set->pool + set->pool_used, word, len);
    pw->off[pw->n] = (uint16_t)set->pool_used;
    pw->len[pw->n] = (uint8_t)len;
    pw->hash[pw->n] = word_hash(word, len);
    pw->n++;
    set->pool_used += len;
}

static void phrase_set_init(struct phrase_set *set)
{
    set->n = 0;
    set->pool_used = 0;
    memset(set->head, -1, sizeof(set->head));
}

static void phrase_set_add(struct phrase_set *set, const char *phrase)
{
    assert(set->n < URGENCY_MAX_PHRASES);
    struct phrase_words *pw = &set->p[set->n];
    pw->n = 0;
    pw->usable = true;
    pw->next = -1;
    struct lexer lx = {.emit = phrase_emit, .ctx = set};
    lex_feed(&lx, phrase);
    if (pw->n == 0)
        pw->usable = false;
    if (pw->usable) {
        size_t b = pw->hash[pw->n - 1] & (URG_BUCKETS - 1);
        pw->next = set->head[b];
        set->head[b] = (int8_t)set->n;
    }
    set->n++;
}

/* ---- the text: a window of its last words, matched against the phrases ---- */

/* A counted match, kept while a longer phrase could still swallow it. */
struct match {
    int idx; /* phrase; -1 none */
    uint64_t start, end;
};

struct scan {
    const struct phrase_set *set;
    uint64_t pos;     /* words read so far, subject and body together */
    uint64_t seg_len; /* words read in the current subject or body */
    bool stop_on_match;
    bool done;
    uint8_t len[URG_PHRASE_WORDS]; /* the window, by pos % URG_PHRASE_WORDS */
    bool overlong[URG_PHRASE_WORDS];
    uint64_t hash[URG_PHRASE_WORDS];
    char word[URG_PHRASE_WORDS][URG_WORD_MAX];
    struct match recent[URG_PHRASE_WORDS]; /* by end % URG_PHRASE_WORDS */
    unsigned count[URGENCY_MAX_PHRASES];   /* counted places of each phrase */
};

static bool scan_phrase_ends_here(const struct scan *sc, const struct phrase_words *pw)
{
    if (pw->n > sc->seg_len)
        return false;
    for (size_t k = 0; k < pw->n; k++) {
        size_t slot = (size_t)((sc->pos - 1 - k) % URG_PHRASE_WORDS);
        size_t w = pw->n - 1 - k;
        if (sc->overlong[slot] || sc->hash[slot] != pw->hash[w] || sc->len[slot] != pw->len[w] ||
            memcmp(sc->word[slot], sc->set->pool + pw->off[w], pw->len[w]) != 0)
            return false;
    }
    return true;
}

/* Count best (ending at the newest word) and uncount the shorter matches inside it. */
static void scan_count(struct scan *sc, int best)
{
    uint64_t end = sc->pos - 1, start = end + 1 - sc->set->p[best].n;
    for (uint64_t e = start; e < end; e++) {
        struct match *m = &sc->recent[e % URG_PHRASE_WORDS];
        if (m->idx >= 0 && m->end == e && m->start >= start) {
            sc->count[m->idx]--;
            m->idx = -1;
        }
    }
    sc->recent[end % URG_PHRASE_WORDS] = (struct match){.idx = best, .start = start, .end = end};
    sc->count[best]++;
}

static void scan_emit(void *ctx, const char *word, size_t len)
{
    struct scan *sc = ctx;
    size_t slot = (size_t)(sc->pos % URG_PHRASE_WORDS);
    sc->recent[slot].idx = -1;
    sc->overlong[slot] = word == NULL;
    sc->pos++;
    sc->seg_len++;
    if (!word)
        return;
    memcpy(sc->word[slot], word, len);
    sc->len[slot] = (uint8_t)len;
    sc->hash[slot] = word_hash(word, len);

    /* Phrases ending here are suffixes of one another: the longest counts (the first listed
     * among equals), so "production down" is not also "down". */
    int best = -1;
    for (int i = sc->set->head[sc->hash[slot] & (URG_BUCKETS - 1)]; i >= 0;
         i = sc->set->p[i].next) {
        const struct phrase_words *pw = &sc->set->p[i];
        if (!scan_phrase_ends_here(sc, pw))
            continue;
        if (best < 0 || pw->n > sc->set->p[best].n || (pw->n == sc->set->p[best].n && i < best))
            best = i;
    }
    if (best < 0)
        return;
    scan_count(sc, best);
    if (sc->stop_on_match)
        sc->done = true;
}

static void scan_init(struct scan *sc, const struct phrase_set *set, bool stop_on_match)
{
    memset(sc, 0, sizeof(*sc));
    sc->set = set;
    sc->stop_on_match = stop_on_match;
    for (size_t i = 0; i < URG_PHRASE_WORDS; i++)
        sc->recent[i].idx = -1;
}

/* One subject or body: phrases do not span two of them. */
static void scan_text(struct scan *sc, const char *text)
{
    if (!text)
        return;
    sc->seg_len = 0;
    struct lexer lx = {.emit = scan_emit, .ctx = sc, .done = &sc->done};
    lex_feed(&lx, text);
}

bool urgency_text_has(const char *text, const char *phrase)
{
    if (!text || !phrase)
        return false;
    struct phrase_set set;
    phrase_set_init(&set);
    phrase_set_add(&set, phrase);
    if (!set.p[0].usable)
        return false;
    struct scan sc;
    scan_init(&sc, &set, true);
    scan_text(&sc, text);
    return sc.count[0] > 0;
}

/* ---- the score ---- */

enum signal_kind { SIG_PHRASE, SIG_CATEGORY, SIG_TIER, SIG_UNKNOWN, SIG_VALUE, SIG_AT_RISK };

struct signal {
    enum signal_kind kind;
    size_t idx; /* phrase or category index */
    double weight;
};

static bool ascii_equal_nocase(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x += 'a' - 'A';
        if (y >= 'A' && y <= 'Z')
            y += 'a' - 'A';
        if (x != y)
            return false;
        if (!x)
            return true;
    }
}

static void signal_format(const struct urgency_weights *weights, const struct customer *customer,
                          const struct signal *sig, char *out, size_t outlen)
{
    const char *prefix = "", *name = "";
    char value[32];
    switch (sig->kind) {
    case SIG_PHRASE:
        prefix = "phrase:";
        name = weights->phrases[sig->idx].phrase;
        break;
    case SIG_CATEGORY:
        prefix = "category:";
        name = weights->categories[sig->idx].category;
        break;
    case SIG_TIER:
        prefix = "tier:";
        name = tier_name(customer->tier);
        break;
    case SIG_UNKNOWN:
        name = "customer:unknown";
        break;
    case SIG_VALUE:
        snprintf(value, sizeof(value), "value:top %.0f%%", (1.0 - weights->top_value_cut) * 100);
        name = value;
        break;
    case SIG_AT_RISK:
        name = "at_risk";
        break;
    }
    size_t pl = strlen(prefix), nl = strnlen(name, TR_NAME_MAX);
    if (pl + nl >= outlen) /* a long phrase is cut to fit */
        nl = outlen - 1 - pl;
    memcpy(out, prefix, pl);
    memcpy(out + pl, name, nl);
    out[pl + nl] = '\0';
}

/* Highest weight first; among equals, the order they were found in. */
static void signals_sort(struct signal *sigs, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        struct signal s = sigs[i];
        size_t j = i;
        for (; j > 0 && sigs[j - 1].weight < s.weight; j--)
            sigs[j] = sigs[j - 1];
        sigs[j] = s;
    }
}

static void phrases_find(const struct urgency_weights *weights, const struct ticket *ticket,
                         unsigned *count)
{
    struct phrase_set set;
    phrase_set_init(&set);
    size_t n = weights->n_phrases < URGENCY_MAX_PHRASES ? weights->n_phrases : URGENCY_MAX_PHRASES;
    for (size_t i = 0; i < n; i++)
        phrase_set_add(&set, weights->phrases[i].phrase);
    struct scan sc;
    scan_init(&sc, &set, false);
    if (ticket) {
        scan_text(&sc, ticket->subject);
        scan_text(&sc, ticket->body);
    }
    memcpy(count, sc.count, sizeof(sc.count));
}

void urgency_assess(const struct urgency_weights *weights, const struct ticket *ticket,
                    const struct customer *customer, const char *category,
                    struct urgency_result *out)
{
    assert(weights && out);
    unsigned count[URGENCY_MAX_PHRASES];
    phrases_find(weights, ticket, count);
    urgency_score(weights, count, customer, category, out);
}

void urgency_score(const struct urgency_weights *weights, const unsigned *count,
                   const struct customer *customer, const char *category,
                   struct urgency_result *out)
{
    struct signal sigs[URGENCY_MAX_PHRASES + 5];
    size_t n_sigs = 0;
    double score = 0;

    for (size_t i = 0; i < weights->n_phrases && i < URGENCY_MAX_PHRASES; i++) {
        if (count[i] > 0 && weights->phrases[i].weight != 0) {
            score += weights->phrases[i].weight;
            sigs[n_sigs++] = (struct signal){SIG_PHRASE, i, weights->phrases[i].weight};
        }
    }

    for (size_t i = 0; category && i < weights->n_categories && i < URGENCY_MAX_CATEGORIES; i++) {
        if (ascii_equal_nocase(category, weights->categories[i].category)) {
            score += weights->categories[i].weight;
            if (weights->categories[i].weight != 0)
                sigs[n_sigs++] = (struct signal){SIG_CATEGORY, i, weights->categories[i].weight};
            break;
        }
    }

    if (!customer) {
        score += weights->unknown_customer;
        if (weights->unknown_customer != 0)
            sigs[n_sigs++] = (struct signal){SIG_UNKNOWN, 0, weights->unknown_customer};
    } else {
        unsigned tier = (unsigned)customer->tier < 3 ? (unsigned)customer->tier : TIER_FREE;
        score += weights->tier[tier];
        if (weights->tier[tier] != 0)
            sigs[n_sigs++] = (struct signal){SIG_TIER, 0, weights->tier[tier]};
        /* A cut outside (0, 1] is a misconfiguration: nobody is expedited rather than all. */
        if (weights->top_value_cut > 0 && weights->top_value_cut <= 1 &&
            customer->value_percentile >= weights->top_value_cut && weights->top_value != 0) {
            score += weights->top_value;
            sigs[n_sigs++] = (struct signal){SIG_VALUE, 0, weights->top_value};
        }
        if (customer->at_risk && weights->at_risk != 0) {
            score += weights->at_risk;
            sigs[n_sigs++] = (struct signal){SIG_AT_RISK, 0, weights->at_risk};
        }
    }

    signals_sort(sigs, n_sigs);
    out->score = score;
    out->priority = score >= weights->p1_min   ? PRIORITY_P1
                    : score >= weights->p2_min ? PRIORITY_P2
                    : score >= weights->p3_min ? PRIORITY_P3
                                               : PRIORITY_P4;
    out->n_signals = n_sigs < URGENCY_MAX_SIGNALS ? n_sigs : URGENCY_MAX_SIGNALS;
    for (size_t i = 0; i < out->n_signals; i++)
        signal_format(weights, customer, &sigs[i], out->signals[i], sizeof(out->signals[i]));
}
