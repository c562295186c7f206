/* Language detection: Cavnar and Trenkle's n-gram ranking ("N-Gram-Based Text Categorization",
 * 1994) against the fingerprints of Debian's libexttextcat-data, scored the way libexttextcat
 * scores them (the out-of-place distance of the text's 400 most frequent 1- to 5-character
 * n-grams, words framed by '_', digits and spaces as word breaks; candidates within 3% of the
 * best). libexttextcat's own textcat_ClassifyFull() costs 0.25 ms (9 languages) to 0.9 ms (all)
 * per 500-byte text, most of it building the text's profile with qsort and a fresh hash table,
 * against a budget of 50 us for the whole text path; here one pass over an index of every
 * fingerprint n-gram (n-gram -> languages and ranks) scores all languages at once.
 * Unlike libexttextcat, text and fingerprints are lowercased, so a text in capitals is read
 * like the same text in lowercase. */
#include "text/text_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define LM_MAX_NGRAMS 400 /* lines read per fingerprint, libexttextcat's MAXNGRAMS */
#define NGRAM_MAX_CHARS 5 /* libexttextcat's MAXNGRAMSYMBOL */
#define OUT_OF_PLACE 400  /* distance of an n-gram a fingerprint lacks, its MAXOUTOFPLACE */
#define AMBIGUITY 1.03    /* candidates score below best * this, its THRESHOLDVALUE */
#define MAX_FINGERPRINTS 1024
#define KEY_HASHED (UINT64_C(1) << 63)

/* The text's window, as characters: at most one per byte plus the framing '_'s. */
#define DETECT_MAX_CHARS (TEXT_DETECT_WINDOW_BYTES + 2)
#define DETECT_MAX_GRAMS (NGRAM_MAX_CHARS * DETECT_MAX_CHARS)
/* The first, cheaper reading, and the margin over the runner-up that makes it the answer. */
#define DETECT_FIRST_BYTES (TEXT_DETECT_WINDOW_BYTES / 2)
#define DETECT_CLEAR_MARGIN (AMBIGUITY - 1)
#define DETECT_SLOTS 4096 /* power of two; DETECT_MAX_GRAMS fill two thirds at most */

struct posting {
    uint16_t fp;   /* fingerprint */
    uint16_t rank; /* the n-gram's rank in it */
};

/* The index: one slot per distinct n-gram of every fingerprint, open addressing, keyed by
 * gram_key(). */
struct index_slot {
    uint64_t hash;
    uint32_t first; /* postings */
    uint32_t n;     /* 0: empty slot */
};

struct text_langid {
    size_t n_fp;
    uint16_t *fp_tag; /* fingerprint -> tag */
    size_t n_tags;
    char (*tags)[TEXT_LANG_MAX];
    struct index_slot *slots;
    size_t mask;
    struct posting *posts;
};

struct text_detect_work {
    size_t n_fp, n_tags;
    int32_t *gain;       /* per fingerprint */
    int32_t *tag_score;  /* per tag */
    uint32_t max_count;  /* of the text being counted */
    uint32_t generation; /* slots of other generations are free: no clearing between texts */
    uint32_t slots[DETECT_SLOTS]; /* generation << 16 | gram index */
    uint32_t ascii[128];          /* the same for 1-grams of ASCII characters */
    uint64_t keys[DETECT_MAX_GRAMS];
    uint16_t counts[DETECT_MAX_GRAMS];
    uint32_t order[LM_MAX_NGRAMS];
    uint32_t hist[DETECT_MAX_GRAMS + 2];
    int32_t chars[DETECT_MAX_CHARS]; /* lowercase code points, '_' between words */
};

/* An n-gram's key, one character at a time: n-grams of ASCII characters (most of them) are
 * their bytes, exactly; one with any other character becomes a 64-bit FNV-style hash with the
 * top bit set. With ~30,000 such n-grams in all fingerprints a collision is a 1 in 10^10 event
 * and would only blur one n-gram's evidence. */
static uint64_t gram_key(uint64_t key, int32_t cp)
{
    if (cp < 0x80 && !(key & KEY_HASHED))
        return (key << 8) | (uint64_t)cp;
    return (((key & ~KEY_HASHED) ^ (uint64_t)cp) * UINT64_C(0x100000001b3)) | KEY_HASHED;
}

static size_t index_home(uint64_t key, size_t mask)
{
    return (size_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >> 40) & mask;
}

/* ---- loading ----------------------------------------------------------------------------------
 */

/* One n-gram of one fingerprint, while loading. */
struct lm_entry {
    uint64_t hash;
    uint16_t fp, rank;
};

struct loader {
    text_langid *lid;
    struct lm_entry *entries;
    size_t n_entries, cap_entries;
    size_t cap_fp, cap_tags;
};

/* Lowercase n-gram s into its hash; false when it is longer than NGRAM_MAX_CHARS characters. */
static bool lm_gram_hash(const char *s, size_t n, uint64_t *hash)
{
    uint64_t h = 0;
    size_t chars = 0;
    for (size_t i = 0; i < n; chars++) {
        int32_t cp;
        i += text_utf8_next(s + i, n - i, &cp);
        if (cp < 0 || chars == NGRAM_MAX_CHARS)
            return false;
        h = gram_key(h, utf8proc_tolower(cp));
    }
    *hash = h;
    return chars > 0;
}

/* Read one fingerprint file: "n-gram<space or tab>count" lines, most frequent first. */
static int lm_read(struct loader *ld, const char *path, uint16_t fp, char *err, size_t errlen)
{
    char *data = NULL;
    size_t len = 0;
    int rc = tr_file_read(path, &data, &len, err, errlen);
    if (rc)
        return rc;
    uint16_t rank = 0;
    for (char *line = data; line && *line && rank < LM_MAX_NGRAMS;) {
        char *eol = strchr(line, '\n');
        size_t n = strcspn(line, " \t\r\n");
        uint64_t h;
        if (n > 0 && lm_gram_hash(line, n, &h)) {
            if (tr_reserve((void **)&ld->entries, &ld->cap_entries, ld->n_entries + 1,
                           sizeof(*ld->entries))) {
                free(data);
                snprintf(err, errlen, "out of memory");
                return TR_ENOMEM;
            }
            ld->entries[ld->n_entries++] = (struct lm_entry){.hash = h, .fp = fp, .rank = rank++};
        }
        line = eol ? eol + 1 : NULL;
    }
    free(data);
    return 0;
}

static long tag_index(const text_langid *lid, const char *tag)
{
    for (size_t i = 0; i < lid->n_tags; i++)
        if (strcmp(lid->tags[i], tag) == 0)
            return (long)i;
    return -1;
}

static bool tag_wanted(const char *tag, const char *const *langs, size_t n_langs)
{
    char want[TEXT_LANG_MAX];
    for (size_t i = 0; langs && i < n_langs; i++)
        if (text_lang_primary(langs[i], want) && strcmp(want, tag) == 0)
            return true;
    return !langs;
}

/* Register fingerprint file (named name in fpdb.conf) under its primary tag, and read it. */
static int lm_add(struct loader *ld, const char *dir, const char *file, const char *name, char *err,
                  size_t errlen)
{
    text_langid *lid = ld->lid;
    char tag[TEXT_LANG_MAX], path[4096];
    if (!text_lang_primary(name, tag))
        return 0; /* not a language tag we can report: skipped */
    long t = tag_index(lid, tag);
    if (lid->n_fp == MAX_FINGERPRINTS ||
        tr_reserve((void **)&lid->fp_tag, &ld->cap_fp, lid->n_fp + 1, sizeof(*lid->fp_tag)) ||
        (t < 0 &&
         tr_reserve((void **)&lid->tags, &ld->cap_tags, lid->n_tags + 1, sizeof(*lid->tags)))) {
        snprintf(err, errlen, "too many fingerprints, or out of memory");
        return TR_ENOMEM;
    }
    if (t < 0) {
        t = (long)lid->n_tags++;
        memcpy(lid->tags[t], tag, TEXT_LANG_MAX);
    }
    if (snprintf(path, sizeof(path), "%s/%s", dir, file) >= (int)sizeof(path)) {
        snprintf(err, errlen, "fingerprint path too long: %s/%s", dir, file);
        return TR_EINVAL;
    }
    lid->fp_tag[lid->n_fp] = (uint16_t)t;
    return lm_read(ld, path, (uint16_t)lid->n_fp++, err, errlen);
}

/* fpdb.conf: "file name" per line, '#' starts a comment. */
static int conf_read(struct loader *ld, const char *dir, const char *const *langs, size_t n_langs,
                     char *err, size_t errlen)
{
    char path[4096], *data = NULL;
    size_t len = 0;
    snprintf(path, sizeof(path), "%s/fpdb.conf", dir);
    int rc = tr_file_read(path, &data, &len, err, errlen);
    for (char *line = data, *next; !rc && line && *line; line = next) {
        char *eol = strchr(line, '\n'), *hash = NULL;
        next = eol ? eol + 1 : NULL;
        if (eol)
            *eol = '\0';
        if ((hash = strchr(line, '#')))
            *hash = '\0';
        char file[256], name[64], tag[TEXT_LANG_MAX];
        if (sscanf(line, "%255s %63s", file, name) != 2 || !text_lang_primary(name, tag) ||
            !tag_wanted(tag, langs, n_langs))
            continue;
        rc = lm_add(ld, dir, file, name, err, errlen);
    }
    free(data);
    return rc;
}

static int entry_cmp(const void *a, const void *b)
{
    const struct lm_entry *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    if (x->fp != y->fp)
        return x->fp < y->fp ? -1 : 1;
    return (int)x->rank - (int)y->rank;
}

/* Sort the entries by n-gram and lay out the index; an n-gram that lowercasing made appear twice
 * in one fingerprint ("The", "the") keeps its better rank. */
static int index_build(struct loader *ld)
{
    text_langid *lid = ld->lid;
    qsort(ld->entries, ld->n_entries, sizeof(*ld->entries), entry_cmp);
    size_t n_grams = 0, cap = 64;
    for (size_t i = 0; i < ld->n_entries; i++)
        n_grams += i == 0 || ld->entries[i].hash != ld->entries[i - 1].hash;
    while (cap < 2 * n_grams)
        cap *= 2;
    lid->mask = cap - 1;
    lid->slots = calloc(cap, sizeof(*lid->slots));
    lid->posts = malloc((ld->n_entries ? ld->n_entries : 1) * sizeof(*lid->posts));
    if (!lid->slots || !lid->posts)
        return TR_ENOMEM;
    uint32_t n_posts = 0;
    for (size_t i = 0; i < ld->n_entries;) {
        uint64_t h = ld->entries[i].hash;
        size_t s = index_home(h, lid->mask);
        while (lid->slots[s].n)
            s = (s + 1) & lid->mask;
        lid->slots[s] = (struct index_slot){.hash = h, .first = n_posts, .n = 0};
        for (; i < ld->n_entries && ld->entries[i].hash == h; i++) {
            const struct lm_entry *e = &ld->entries[i];
            if (lid->slots[s].n && lid->posts[n_posts - 1].fp == e->fp)
                continue;
            lid->posts[n_posts++] = (struct posting){.fp = e->fp, .rank = e->rank};
            lid->slots[s].n++;
        }
    }
    return 0;
}

static int langs_check(const text_langid *lid, const char *const *langs, size_t n_langs, char *err,
                       size_t errlen)
{
    char tag[TEXT_LANG_MAX];
    for (size_t i = 0; langs && i < n_langs; i++)
        if (!text_lang_primary(langs[i], tag) || tag_index(lid, tag) < 0) {
            snprintf(err, errlen, "no fingerprint for language \"%s\"",
                     langs[i] ? langs[i] : "(null)");
            return TR_EINVAL;
        }
    if (lid->n_fp == 0) {
        snprintf(err, errlen, "no fingerprint listed");
        return TR_EINVAL;
    }
    return 0;
}

text_langid *text_langid_new(const char *dir, const char *const *langs, size_t n_langs, char *err,
                             size_t errlen)
{
    struct loader ld = {.lid = calloc(1, sizeof(text_langid))};
    if (!ld.lid) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    int rc = conf_read(&ld, dir ? dir : TEXT_LANGID_DEFAULT_DIR, langs, n_langs, err, errlen);
    if (!rc)
        rc = langs_check(ld.lid, langs, n_langs, err, errlen);
    if (!rc && (rc = index_build(&ld)))
        snprintf(err, errlen, "out of memory");
    free(ld.entries);
    if (rc) {
        text_langid_free(ld.lid);
        return NULL;
    }
    return ld.lid;
}

void text_langid_free(text_langid *lid)
{
    if (!lid)
        return;
    free(lid->fp_tag);
    free(lid->tags);
    free(lid->slots);
    free(lid->posts);
    free(lid);
}

size_t text_langid_n_languages(const text_langid *lid)
{
    return lid ? lid->n_tags : 0;
}

const char *text_langid_language(const text_langid *lid, size_t i)
{
    return lid && i < lid->n_tags ? lid->tags[i] : NULL;
}

/* ---- detection --------------------------------------------------------------------------------
 */

struct text_detect_work *text_detect_work_new(const text_langid *lid)
{
    struct text_detect_work *w = calloc(1, sizeof(*w));
    if (!w)
        return NULL;
    w->n_fp = lid->n_fp;
    w->n_tags = lid->n_tags;
    w->gain = calloc(lid->n_fp, sizeof(*w->gain));
    w->tag_score = calloc(lid->n_tags, sizeof(*w->tag_score));
    if (!w->gain || !w->tag_score) {
        text_detect_work_free(w);
        return NULL;
    }
    return w;
}

void text_detect_work_free(struct text_detect_work *work)
{
    if (!work)
        return;
    free(work->gain);
    free(work->tag_score);
    free(work);
}

/* Spaces and digits break words, as in libexttextcat; so does '_', its word frame. */
static bool cp_breaks_word(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || cp == '_' || (cp >= '\t' && cp <= '\r') || (cp >= '0' && cp <= '9');
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
           c == UTF8PROC_CATEGORY_ND;
}

/* The window as lowercase characters, each word framed by '_'. Returns the characters. */
static size_t detect_prep(struct text_detect_work *w, const char *text, size_t len, size_t *letters)
{
    size_t n = 0;
    bool at_break = true;
    if (len > TEXT_DETECT_WINDOW_BYTES)
        len = TEXT_DETECT_WINDOW_BYTES;
    w->chars[n++] = '_';
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += text_utf8_next(text + i, len - i, &cp);
        if (cp < 0 || cp_breaks_word(cp)) {
            if (!at_break)
                w->chars[n++] = '_';
            at_break = true;
            continue;
        }
        at_break = false;
        if (cp < 0x80) {
            cp = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
            *letters += cp >= 'a' && cp <= 'z';
        } else {
            cp = utf8proc_tolower(cp);
            utf8proc_category_t c = utf8proc_category(cp);
            *letters += c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
        }
        w->chars[n++] = cp;
    }
    if (!at_break)
        w->chars[n++] = '_';
    return n;
}

static void gram_add(struct text_detect_work *w, uint32_t *slot, uint64_t key, size_t *n)
{
    uint32_t gen = w->generation << 16;
    if ((*slot & 0xFFFF0000u) == gen) {
        uint16_t c = ++w->counts[*slot & 0xFFFF];
        w->max_count = c > w->max_count ? c : w->max_count;
        return;
    }
    w->keys[*n] = key;
    w->counts[*n] = 1;
    *slot = gen | (uint32_t)(*n)++;
}

/* The slot of key: its own, or the free one where it goes. */
static uint32_t *gram_slot(struct text_detect_work *w, uint64_t key)
{
    uint32_t gen = w->generation << 16;
    size_t s = index_home(key, DETECT_SLOTS - 1);
    while ((w->slots[s] & 0xFFFF0000u) == gen && w->keys[w->slots[s] & 0xFFFF] != key)
        s = (s + 1) & (DETECT_SLOTS - 1);
    return &w->slots[s];
}

/* Count every 1- to 5-character n-gram; one may start with the frame '_' and ends after one. */
static size_t detect_count(struct text_detect_work *w, size_t n_chars)
{
    size_t n = 0;
    if (++w->generation == 0x10000) { /* once in 65,535 texts: start the generations again */
        memset(w->slots, 0, sizeof(w->slots));
        memset(w->ascii, 0, sizeof(w->ascii));
        w->generation = 1;
    }
    w->max_count = 1;
    for (size_t i = 0; i < n_chars; i++) {
        int32_t first = w->chars[i];
        uint64_t h = gram_key(0, first);
        gram_add(w, first < 0x80 ? &w->ascii[first] : gram_slot(w, h), h, &n);
        for (size_t k = 1; k < NGRAM_MAX_CHARS && i + k < n_chars; k++) {
            h = gram_key(h, w->chars[i + k]);
            gram_add(w, gram_slot(w, h), h, &n);
            if (w->chars[i + k] == '_')
                break;
        }
    }
    return n;
}

/* order[] = n-grams by count, most frequent first, ties in order of first appearance (a
 * counting sort: no comparison sort in the hot path). Returns how many rank (at most 400). */
static size_t detect_rank(struct text_detect_work *w, size_t n_grams)
{
    uint32_t max = w->max_count;
    memset(w->hist, 0, (max + 1) * sizeof(*w->hist));
    for (size_t g = 0; g < n_grams; g++)
        w->hist[w->counts[g]]++;
    uint32_t start = 0;
    for (uint32_t c = max; c >= 1; c--) {
        uint32_t k = w->hist[c];
        w->hist[c] = start;
        start += k;
    }
    for (size_t g = 0; g < n_grams; g++) {
        uint32_t at = w->hist[w->counts[g]]++;
        if (at < LM_MAX_NGRAMS)
            w->order[at] = (uint32_t)g;
    }
    return n_grams < LM_MAX_NGRAMS ? n_grams : LM_MAX_NGRAMS;
}

static const struct index_slot *index_find(const text_langid *lid, uint64_t h)
{
    for (size_t s = index_home(h, lid->mask);; s = (s + 1) & lid->mask) {
        if (!lid->slots[s].n)
            return NULL;
        if (lid->slots[s].hash == h)
            return &lid->slots[s];
    }
}

/* Out-of-place distance of every fingerprint at once: top * OUT_OF_PLACE less what each n-gram
 * the fingerprint shares saves; a tag scores its best fingerprint (zh-CN and zh-TW are zh). */
static void detect_score(const text_langid *lid, struct text_detect_work *w, size_t top)
{
    int32_t *gain = w->gain;
    memset(gain, 0, w->n_fp * sizeof(*gain));
    for (size_t r = 0; r < top; r++) {
        if (r + 8 < top) /* the index is larger than the caches: ask for a slot ahead */
            __builtin_prefetch(&lid->slots[index_home(w->keys[w->order[r + 8]], lid->mask)]);
        const struct index_slot *s = index_find(lid, w->keys[w->order[r]]);
        if (!s)
            continue;
        const struct posting *p = lid->posts + s->first, *end = p + s->n;
        for (; p < end; p++) {
            int d = (int)p->rank - (int)r;
            gain[p->fp] += OUT_OF_PLACE - (d < 0 ? -d : d);
        }
    }
    for (size_t t = 0; t < w->n_tags; t++)
        w->tag_score[t] = INT32_MAX;
    for (size_t fp = 0; fp < w->n_fp; fp++) {
        int32_t score = (int32_t)(top * OUT_OF_PLACE) - w->gain[fp];
        uint16_t t = lid->fp_tag[fp];
        if (score < w->tag_score[t])
            w->tag_score[t] = score;
    }
}

static double confidence_of(double margin)
{
    if (margin >= 0.10)
        return 1.0;
    if (margin <= AMBIGUITY - 1)
        return 0.5 * margin / (AMBIGUITY - 1);
    return 0.5 + 0.5 * (margin - (AMBIGUITY - 1)) / (0.10 - (AMBIGUITY - 1));
}

/* The tags within AMBIGUITY of the best, best first, into out (all of them counted). */
static size_t detect_candidates(const text_langid *lid, const struct text_detect_work *w,
                                int32_t best, struct text_language *out)
{
    size_t n = 0;
    int32_t score[TEXT_DETECT_MAX_CANDIDATES];
    for (size_t t = 0; t < w->n_tags; t++) {
        int32_t s = w->tag_score[t];
        if (s != best && (double)s >= (double)best * AMBIGUITY)
            continue;
        size_t k = n < TEXT_DETECT_MAX_CANDIDATES ? n : TEXT_DETECT_MAX_CANDIDATES;
        for (; k > 0 && score[k - 1] > s; k--)
            if (k < TEXT_DETECT_MAX_CANDIDATES) {
                score[k] = score[k - 1];
                memcpy(out->candidates[k], out->candidates[k - 1], TEXT_LANG_MAX);
            }
        if (k < TEXT_DETECT_MAX_CANDIDATES) {
            score[k] = s;
            memcpy(out->candidates[k], lid->tags[t], TEXT_LANG_MAX);
        }
        n++;
    }
    out->n_candidates = n < TEXT_DETECT_MAX_CANDIDATES ? n : TEXT_DETECT_MAX_CANDIDATES;
    return n;
}

static void detect_verdict(const text_langid *lid, const struct text_detect_work *w,
                           const char *hint, struct text_language *out)
{
    int32_t best = INT32_MAX, second = INT32_MAX;
    for (size_t t = 0; t < w->n_tags; t++) {
        int32_t s = w->tag_score[t];
        if (s < best) {
            second = best;
            best = s;
        } else if (s < second) {
            second = s;
        }
    }
    out->margin = second == INT32_MAX || best <= 0 ? 1.0 : (double)(second - best) / best;
    size_t n = detect_candidates(lid, w, best, out);
    out->ambiguous = n > 1;
    if (n > TEXT_DETECT_MAX_CANDIDATES)
        return; /* too mixed to tell: unknown */
    memcpy(out->tag, out->candidates[0], TEXT_LANG_MAX);
    out->confidence = confidence_of(out->margin);
    char want[TEXT_LANG_MAX];
    if (n > 1 && hint && text_lang_primary(hint, want))
        for (size_t i = 1; i < n; i++)
            if (strcmp(out->candidates[i], want) == 0) {
                memcpy(out->tag, want, TEXT_LANG_MAX);
                out->from_hint = true;
            }
}

static void detect_window(const text_langid *lid, struct text_detect_work *work, const char *text,
                          size_t len, const char *hint, struct text_language *out)
{
    memset(out, 0, sizeof(*out));
    memcpy(out->tag, TEXT_LANG_UNKNOWN, sizeof(TEXT_LANG_UNKNOWN));
    size_t n_chars = detect_prep(work, text, len, &out->n_letters);
    if (out->n_letters < TEXT_DETECT_MIN_LETTERS) {
        out->too_short = true;
        return;
    }
    size_t top = detect_rank(work, detect_count(work, n_chars));
    detect_score(lid, work, top);
    detect_verdict(lid, work, hint, out);
}

int text_langid_detect(const text_langid *lid, struct text_detect_work *work, const char *text,
                       size_t len, const char *hint, struct text_language *out)
{
    /* Most texts are told clearly by their first DETECT_FIRST_BYTES, at half the cost; the
     * others (too few letters there, or a close call) are read again up to the whole window. */
    size_t first = len;
    if (first > DETECT_FIRST_BYTES) {
        first = DETECT_FIRST_BYTES;
        while (first > 0 && ((unsigned char)text[first] & 0xC0) == 0x80)
            first--; /* not inside a character */
    }
    detect_window(lid, work, text, first, hint, out);
    if (first < len && (out->too_short || out->margin < DETECT_CLEAR_MARGIN))
        detect_window(lid, work, text, len, hint, out);
    return 0;
}
