/* text: the one text pipeline every consumer of ticket text shares (rule keywords, urgency
 * phrases, escalation signals, classifier features), and language detection.
 *
 *   folding     NFKC, full case folding, accents dropped (utf8proc): "NÃO" -> "nao",
 *               "Straße" -> "strasse", "ＦＵＬＬ" -> "full", "can´t"/"can’t" -> "can't"
 *   tokens      words, numbers ("1,000.50") and codes ("e-1042", "0x80070005", "err_io",
 *               "covid-19") kept whole; hyphenated words split ("log-in" -> log in);
 *               contractions expanded to one form: "can't", "cannot" and "can not" are all
 *               can + not, "won't" is will + not, "I'm" is i + am; French elisions too
 *               ("l'accès" -> le acces, "n'est" -> ne est)
 *   stems       the Snowball stemmer of the text's language (libstemmer) on words only;
 *               numbers and codes are never stemmed
 *   phrases     a phrase matches a run of whole tokens, on stems ("lawyers", "Lawyer" and
 *               "LAWYERS" match "lawyer") or exactly on folded forms (for error codes)
 *   language    Cavnar-Trenkle n-gram ranking against libexttextcat's fingerprints
 *
 * Folding runs before stemming, so accented and unaccented spellings of a word always get the
 * same stem ("não funciona" and "nao funciona" analyse alike), at the price of stemmers seeing
 * unaccented words (they still remove the suffixes that matter for matching).
 * Pure apart from text_langid_new(), which reads the fingerprint files: no clock, no globals,
 * no logging.
 * Threads: a text_langid is immutable after creation and may be shared by any number of
 * threads and analyzers. A text_analyzer (Snowball stemmers are not thread safe, and it holds
 * working memory) and a text_doc belong to one thread at a time: one of each per worker.
 * A text_phrase and a text_phrase_set are immutable after creation and may be shared by any
 * thread.
 * Errors: 0 or a negative TR_E* code; the functions that take err write the reason there. */
#ifndef TR_TEXT_H
#define TR_TEXT_H

#include "common/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Texts longer than this (bytes, before folding) are refused with TR_ETOOBIG. */
#define TEXT_MAX_BYTES (1024 * 1024)
/* Room for a primary language tag and its NUL ("en", "haw", "unknown"). */
#define TEXT_LANG_MAX 8
/* The tag of a text whose language could not be told. */
#define TEXT_LANG_UNKNOWN "unknown"
/* Where Debian's libexttextcat-data puts the fingerprints and their list, fpdb.conf. */
#define TEXT_LANGID_DEFAULT_DIR "/usr/share/libexttextcat"

/* ---- folding ------------------------------------------------------------------------------- */

/* Fold text (UTF-8, len bytes, need not be NUL-terminated) into out: NFKC, case folded, accents
 * dropped in Latin, Greek, Cyrillic, Arabic and Hebrew script (kept where they carry the letter,
 * as in Indic scripts and kana), default-ignorable characters removed, look-alike apostrophes
 * and dashes made ASCII. Invalid UTF-8 bytes become spaces. Allocates nothing.
 * *out_len gets the folded length in bytes, without the NUL, even when it does not fit.
 * Returns 0; TR_ETOOBIG when len > TEXT_MAX_BYTES or when the result and its NUL need more than
 * cap bytes (out then holds as many whole characters as fit, NUL-terminated, if cap > 0);
 * TR_EINVAL for NULL text or out_len. Borrows all arguments. Threads: any. */
TR_MUST_CHECK int text_normalize(const char *text, size_t len, char *out, size_t cap,
                                 size_t *out_len);

/* ---- language detection --------------------------------------------------------------------- */

typedef struct text_langid text_langid;

/* Load the fingerprints listed in dir/fpdb.conf (dir NULL: TEXT_LANGID_DEFAULT_DIR), keeping
 * only those whose primary tag is in langs (n_langs tags such as "en", "pt"; langs NULL: every
 * fingerprint, about 160 languages). Fewer languages detect faster and confuse less (no
 * Galician for Portuguese, no Scots for short English); a language not listed is reported as
 * the closest listed one, so list every language your customers write in.
 * Expensive (reads ~160 files, tens of milliseconds): create once per process.
 * Returns NULL with the reason in err when the list or a fingerprint cannot be read, or a tag in
 * langs has no fingerprint. The caller owns the result; free with text_langid_free(). */
text_langid *text_langid_new(const char *dir, const char *const *langs, size_t n_langs, char *err,
                             size_t errlen);

/* The languages most tickets are written in, for text_langid_new(): 45 primary tags, detected
 * at under half the cost of all 160 and without the rare neighbours (Scots, Frisian, Galician,
 * Asturian...) that texts get mistaken for (among all 160, even bench_text's English e-mail is
 * called Scots). Use as const char *langs[] = {TEXT_LANGS_COMMON}; */
#define TEXT_LANGS_COMMON                                                                          \
    "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "ga",      \
        "he", "hi", "hr", "hu", "id", "is", "it", "ja", "ko", "lt", "lv", "mk", "ms", "nb", "nl",  \
        "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "th", "tr", "uk", "ur", "vi", "zh"

/* Accepts NULL. No analyzer created with lid may be used afterwards. */
void text_langid_free(text_langid *lid);

/* Number of distinct primary tags loaded, and tag i of them (valid until text_langid_free). */
size_t text_langid_n_languages(const text_langid *lid);
const char *text_langid_language(const text_langid *lid, size_t i);

/* Below this many letters (in the first TEXT_DETECT_WINDOW_BYTES) a text is too short to tell:
 * its language is TEXT_LANG_UNKNOWN and the caller falls back to the customer's language.
 * Measured on the 55 sentences of tests/unit/test_text_language.c cut after 20 letters: 85%
 * told right among TEXT_LANGS_COMMON, 96% among six languages (after 30 letters: 96%, 98%). */
#define TEXT_DETECT_MIN_LETTERS 20
/* At most this much of the text is read: a few hundred bytes tell the language. The first half
 * is read first, and the rest only when that half has too few letters or is a close call
 * (under 3% between the two closest languages, as ambiguous says). */
#define TEXT_DETECT_WINDOW_BYTES 512
/* Languages whose distance is within 3% of the best are candidates (libexttextcat's rule); with
 * more candidates than TEXT_DETECT_MAX_CANDIDATES the text is too mixed to tell. */
#define TEXT_DETECT_MAX_CANDIDATES 5

struct text_language {
    char tag[TEXT_LANG_MAX]; /* primary tag ("en", "pt", "ar") or TEXT_LANG_UNKNOWN */
    /* How sure, 0..1: 0 when unknown; otherwise grows with the relative gap between the best
     * language's n-gram distance and the runner-up's (a 3% gap, where libexttextcat stops
     * calling it ambiguous, gives 0.5; 10% or more gives 1). A ranking, not a probability. */
    double confidence;
    double margin;    /* (runner-up distance - best distance) / best distance */
    bool ambiguous;   /* other languages within 3% (see candidates), or too mixed to tell */
    bool too_short;   /* fewer than TEXT_DETECT_MIN_LETTERS letters: tag is unknown */
    bool from_hint;   /* the hint was one of the close candidates and was preferred */
    size_t n_letters; /* letters read */
    size_t n_candidates;
    char candidates[TEXT_DETECT_MAX_CANDIDATES][TEXT_LANG_MAX]; /* closest first */
};

/* ---- analysis -------------------------------------------------------------------------------- */

typedef struct text_analyzer text_analyzer;
typedef struct text_doc text_doc;

/* An analyzer with a Snowball stemmer for each of langs (n_langs primary tags, e.g. {"en",
 * "de", "fr", "es", "pt"}; langs NULL: every language Snowball has, about 28). lid (may be
 * NULL: no detection) is borrowed and must outlive the analyzer.
 * Returns NULL with the reason in err when a tag has no Snowball stemmer or memory runs out.
 * The caller owns the result; free with text_analyzer_free(), which accepts NULL. */
text_analyzer *text_analyzer_new(const char *const *langs, size_t n_langs, const text_langid *lid,
                                 char *err, size_t errlen);
void text_analyzer_free(text_analyzer *az);

/* True when az stems lang (a tag such as "pt" or "pt-BR"; its primary part is used). */
bool text_analyzer_has_language(const text_analyzer *az, const char *lang);

/* Detect the language of text (UTF-8, len bytes) with the analyzer's text_langid. hint (may be
 * NULL), e.g. the customer's language, is preferred when it is one of the close candidates, so
 * a short Portuguese text of a Brazilian customer is not called Galician; it is never used for
 * a text too short to tell. Does not allocate once the analyzer has detected one text.
 * Returns 0, TR_EINVAL for NULL arguments or an analyzer without a text_langid, TR_ENOMEM. */
TR_MUST_CHECK int text_detect_language(text_analyzer *az, const char *text, size_t len,
                                       const char *hint, struct text_language *out);

enum text_token_kind {
    TEXT_TOKEN_WORD,   /* letters: stemmed */
    TEXT_TOKEN_NUMBER, /* digits, with . or , between digits: "503", "1,000.50" */
    TEXT_TOKEN_CODE,   /* letters and digits together, or joined by _ ("e-1042", "err_io") */
};

struct text_token {
    const char *surface; /* folded form, NUL-terminated */
    const char *stem;    /* stem, NUL-terminated; the surface itself for numbers, codes, CJK
                          * characters and texts in a language the analyzer does not stem */
    uint32_t surface_len, stem_len;
    uint32_t surface_hash, stem_hash; /* tr_fnv1a-style 32-bit FNV-1a of the bytes, for indexes */
    uint32_t offset;                  /* where the token's text starts in text_doc_folded() */
    enum text_token_kind kind;
};

/* Reusable storage for one analysed text: it keeps its memory between texts, so analysing
 * does not allocate once warmed up. Returns NULL when out of memory. The caller owns it; free
 * with text_doc_free(), which accepts NULL. */
text_doc *text_doc_new(void);
void text_doc_free(text_doc *doc);

/* Fold and tokenise text (UTF-8, len bytes) into doc, replacing what doc held, stemming words
 * with lang's stemmer (lang: a tag such as "en" or "pt-BR", or NULL; a language the analyzer
 * does not stem leaves words unstemmed, and only English gets the apostrophe-less contractions
 * "dont", "cant", "isnt" ...). Pass the detected language, else the customer's.
 * Returns 0, TR_ETOOBIG when len > TEXT_MAX_BYTES, TR_EINVAL for NULL arguments, TR_ENOMEM. */
TR_MUST_CHECK int text_analyze(text_analyzer *az, const char *lang, const char *text, size_t len,
                               text_doc *doc);

/* What the last text_analyze() produced; valid until the next text_analyze() or text_doc_free()
 * on doc. The folded text is NUL-terminated; the language is the primary tag passed (lowercase),
 * "" for NULL. */
size_t text_doc_n_tokens(const text_doc *doc);
const struct text_token *text_doc_tokens(const text_doc *doc);
const char *text_doc_folded(const text_doc *doc, size_t *len);
const char *text_doc_language(const text_doc *doc);

/* ---- phrases --------------------------------------------------------------------------------- */

enum text_match {
    TEXT_MATCH_STEM,  /* on stems: "lawyers" matches "lawyer" */
    TEXT_MATCH_EXACT, /* on folded forms: case and accents still ignored, but no stemming */
};

/* Longest phrase, in tokens after analysis. */
#define TEXT_PHRASE_MAX_TOKENS 16

typedef struct text_phrase text_phrase;

/* Analyse phrase (UTF-8, len bytes) once in every language of az, to be matched many times.
 * Returns NULL with the reason in err when the phrase has no token, more than
 * TEXT_PHRASE_MAX_TOKENS, or memory runs out. The caller owns the result; free with
 * text_phrase_free(), which accepts NULL. */
text_phrase *text_phrase_new(text_analyzer *az, const char *phrase, size_t len,
                             enum text_match mode, char *err, size_t errlen);
void text_phrase_free(text_phrase *phrase);

/* Index of the first token of doc at or after token from where phrase matches (its tokens equal
 * consecutive tokens of doc, in the phrase's mode and doc's language), or -1. A doc whose
 * language the phrase was not analysed in (another analyzer's languages) is matched on folded
 * forms. Borrows both. */
long text_phrase_find(const text_phrase *phrase, const text_doc *doc, size_t from);
bool text_phrase_match(const text_phrase *phrase, const text_doc *doc);
/* How many tokens of doc a match of phrase covers (the length of its form for doc's language);
 * with text_phrase_find() it gives where a match ends. 0 for NULL arguments. Borrows both. */
size_t text_phrase_length(const text_phrase *phrase, const text_doc *doc);

typedef struct text_phrase_set text_phrase_set;

/* An index over n_phrases phrases, so that one pass over a doc finds every phrase that matches
 * (rule keywords, urgency phrases, signal patterns: hundreds per ticket). The phrases are
 * borrowed and must outlive the set; the array itself too. Immutable after creation: any thread.
 * Returns NULL with the reason in err (out of memory, a NULL phrase). The caller owns the
 * result; free with text_phrase_set_free(), which accepts NULL. */
text_phrase_set *text_phrase_set_new(const text_phrase *const *phrases, size_t n_phrases, char *err,
                                     size_t errlen);
void text_phrase_set_free(text_phrase_set *set);

/* matched[i] (n_phrases entries, the caller's) becomes whether phrase i matches doc, as
 * text_phrase_match() says. Returns how many match. Borrows all. */
size_t text_phrase_set_match(const text_phrase_set *set, const text_doc *doc, bool *matched);

/* The same for a phrase analysed on the spot in doc's language, for one-off checks (repeated
 * phrases are cheaper through text_phrase_new()). Returns 1 when it matches, 0 when not (also
 * for a phrase without tokens), TR_ENOMEM, TR_ETOOBIG for a phrase over TEXT_MAX_BYTES,
 * TR_EINVAL for NULL arguments. */
TR_MUST_CHECK int text_match(text_analyzer *az, const text_doc *doc, const char *phrase, size_t len,
                             enum text_match mode);

#endif
