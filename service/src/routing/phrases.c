/* phrases: rule keywords, urgency and outage phrases compiled once per routing context and
 * matched on the text module's analysis of a ticket (routing.h, "text"); the language of a
 * decision and the gathering of the text inputs (detection, analysis). Pure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "routing/routing_internal.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

const char *const ROUTE_OUTAGE_PHRASES[] = {
    "outage",      "is down",           "are down",           "went down",    "not working",
    "not loading", "unavailable",       "can't access",       "service down", "site down",
    "no funciona", "ne fonctionne pas", "funktioniert nicht", "não funciona",
};
const size_t ROUTE_N_OUTAGE_PHRASES = N_OF(ROUTE_OUTAGE_PHRASES);

struct route_phrases {
    /* What it was compiled from: a decision with another policy or weights cannot use it. */
    const struct route_rule *rules;
    size_t n_rules;
    const char *const *outage_src;
    size_t n_outage_src;
    const struct urgency_weights *weights;
    /* Every compiled phrase, and the set that finds them all in one pass over a text. */
    text_phrase **phrases;
    size_t n, cap;
    text_phrase_set *set;
    /* Indexes into phrases; -1: did not compile. */
    int32_t (*keywords)[ROUTE_MAX_KEYWORDS]; /* n_rules rows */
    size_t n_urgency;
    int32_t urgency[URGENCY_MAX_PHRASES];
    int32_t *outage;
    size_t n_outage;
};

void route_phrases_free(route_phrases *rp)
{
    if (!rp)
        return;
    text_phrase_set_free(rp->set);
    for (size_t i = 0; i < rp->n; i++)
        text_phrase_free(rp->phrases[i]);
    free(rp->phrases);
    free(rp->keywords);
    free(rp->outage);
    free(rp);
}

/* Building: the first refusal's reason is kept for the caller. */
struct build {
    route_phrases *rp;
    text_analyzer *az;
    size_t n_refused;
    char *err;
    size_t errlen;
};

static bool has_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return true;
    return false;
}

/* Compile src: its index, -1 when it does not compile (counted), -2 when out of memory. */
static int32_t phrase_add(struct build *b, const char *src)
{
    route_phrases *rp = b->rp;
    size_t len = strlen(src);
    enum text_match mode = TEXT_MATCH_STEM;
    /* Quoted, or with a digit (error codes, "error 503"): exactly, never stemmed. */
    if (len >= 2 && src[0] == '"' && src[len - 1] == '"') {
        src++;
        len -= 2;
        mode = TEXT_MATCH_EXACT;
    } else if (has_digit(src, len)) {
        mode = TEXT_MATCH_EXACT;
    }
    if (rp->n == rp->cap) {
        size_t cap = rp->cap ? rp->cap * 2 : 64;
        text_phrase **grown = realloc(rp->phrases, cap * sizeof(*grown));
        if (!grown)
            return -2;
        rp->phrases = grown;
        rp->cap = cap;
    }
    char reason[256];
    text_phrase *p = text_phrase_new(b->az, src, len, mode, reason, sizeof(reason));
    if (!p) {
        if (b->n_refused++ == 0)
            snprintf(b->err, b->errlen, "phrase \"%.*s\": %s", (int)(len < 100 ? len : 100), src,
                     reason);
        return -1;
    }
    rp->phrases[rp->n] = p;
    return (int32_t)rp->n++;
}

static int phrases_build(struct build *b, const struct policy *policy,
                         const struct urgency_weights *weights)
{
    route_phrases *rp = b->rp;
    if (rp->n_rules && !(rp->keywords = calloc(rp->n_rules, sizeof(*rp->keywords))))
        return TR_ENOMEM;
    for (size_t r = 0; r < rp->n_rules; r++)
        for (size_t k = 0; k < policy->rules[r].n_keywords && k < ROUTE_MAX_KEYWORDS; k++)
            if ((rp->keywords[r][k] = phrase_add(b, policy->rules[r].keywords[k])) == -2)
                return TR_ENOMEM;
    rp->n_urgency = weights ? weights->n_phrases : 0;
    if (rp->n_urgency > URGENCY_MAX_PHRASES)
        rp->n_urgency = URGENCY_MAX_PHRASES;
    for (size_t i = 0; i < rp->n_urgency; i++)
        if ((rp->urgency[i] = phrase_add(b, weights->phrases[i].phrase)) == -2)
            return TR_ENOMEM;
    const char *const *outage =
        policy->outage_phrases ? policy->outage_phrases : ROUTE_OUTAGE_PHRASES;
    rp->n_outage = policy->outage_phrases ? policy->n_outage_phrases : ROUTE_N_OUTAGE_PHRASES;
    if (rp->n_outage && !(rp->outage = calloc(rp->n_outage, sizeof(*rp->outage))))
        return TR_ENOMEM;
    for (size_t i = 0; i < rp->n_outage; i++)
        if ((rp->outage[i] = phrase_add(b, outage[i])) == -2)
            return TR_ENOMEM;
    char reason[256];
    rp->set =
        text_phrase_set_new((const text_phrase *const *)rp->phrases, rp->n, reason, sizeof(reason));
    return rp->set ? 0 : TR_ENOMEM;
}

route_phrases *route_phrases_new(text_analyzer *az, const struct policy *policy,
                                 const struct urgency_weights *weights, size_t *n_refused,
                                 char *err, size_t errlen)
{
    if (errlen)
        err[0] = '\0';
    if (n_refused)
        *n_refused = 0;
    route_phrases *rp = az && policy ? calloc(1, sizeof(*rp)) : NULL;
    if (!rp) {
        snprintf(err, errlen, az && policy ? "out of memory" : "no analyzer or no policy");
        return NULL;
    }
    *rp = (struct route_phrases){
        .rules = policy->rules,
        .n_rules = policy->n_rules,
        .outage_src = policy->outage_phrases,
        .n_outage_src = policy->n_outage_phrases,
        .weights = weights,
    };
    struct build b = {.rp = rp, .az = az, .err = err, .errlen = errlen};
    if (phrases_build(&b, policy, weights) != 0) {
        snprintf(err, errlen, "out of memory");
        route_phrases_free(rp);
        return NULL;
    }
    if (n_refused)
        *n_refused = b.n_refused;
    return rp;
}

/* ---- one ticket ---- */

bool route_hits_find(const struct route_input *in, struct route_hits *hits)
{
    const struct route_text *text = in->text;
    hits->heap = NULL;
    hits->rp = NULL;
    if (!text || !text->phrases || !text->subject || !text->body)
        return false;
    const route_phrases *rp = text->phrases;
    const struct policy *policy = in->policy;
    if (rp->rules != policy->rules || rp->n_rules != policy->n_rules ||
        rp->outage_src != policy->outage_phrases || rp->n_outage_src != policy->n_outage_phrases ||
        rp->weights != in->weights)
        return false; /* compiled for another policy */
    size_t n = rp->n ? rp->n : 1;
    bool *m = hits->stack;
    if (2 * n > N_OF(hits->stack) && !(m = hits->heap = malloc(2 * n * sizeof(*m))))
        return false;
    hits->rp = rp;
    hits->text = text;
    hits->subject = m;
    hits->body = m + n;
    text_phrase_set_match(rp->set, text->subject, hits->subject);
    text_phrase_set_match(rp->set, text->body, hits->body);
    return true;
}

void route_hits_clear(struct route_hits *hits)
{
    free(hits->heap);
    hits->heap = NULL;
    hits->rp = NULL;
}

int route_hits_keyword(const struct route_hits *hits, size_t rule_index, size_t k)
{
    int32_t idx = hits->rp->keywords[rule_index][k];
    if (idx < 0)
        return -1;
    return hits->subject[idx] || hits->body[idx];
}

bool route_hits_outage(const struct route_hits *hits)
{
    const route_phrases *rp = hits->rp;
    for (size_t i = 0; i < rp->n_outage; i++)
        if (rp->outage[i] >= 0 && (hits->subject[rp->outage[i]] || hits->body[rp->outage[i]]))
            return true;
    return false;
}

/* Urgency phrase i's match at [start, start + len) of doc lies inside a match of a longer
 * urgency phrase (or of an equal one listed before it), which counts instead. */
static bool urgency_covered(const route_phrases *rp, const text_doc *doc, const bool *matched,
                            size_t i, size_t start, size_t len)
{
    for (size_t j = 0; j < rp->n_urgency; j++) {
        int32_t idx = rp->urgency[j];
        if (j == i || idx < 0 || !matched[idx])
            continue;
        size_t jlen = text_phrase_length(rp->phrases[idx], doc);
        if (jlen < len || (jlen == len && j > i))
            continue;
        size_t from = start + len >= jlen ? start + len - jlen : 0;
        long at = text_phrase_find(rp->phrases[idx], doc, from);
        if (at >= 0 && (size_t)at <= start)
            return true;
    }
    return false;
}

static bool urgency_counts(const route_phrases *rp, const text_doc *doc, const bool *matched,
                           size_t i)
{
    int32_t idx = rp->urgency[i];
    if (idx < 0 || !matched[idx])
        return false;
    const text_phrase *p = rp->phrases[idx];
    size_t len = text_phrase_length(p, doc);
    for (long at = text_phrase_find(p, doc, 0); at >= 0;
         at = text_phrase_find(p, doc, (size_t)at + 1))
        if (!urgency_covered(rp, doc, matched, i, (size_t)at, len))
            return true;
    return false;
}

void route_hits_urgency(const struct route_hits *hits, unsigned *count)
{
    const route_phrases *rp = hits->rp;
    memset(count, 0, URGENCY_MAX_PHRASES * sizeof(*count));
    for (size_t i = 0; i < rp->n_urgency; i++)
        count[i] = urgency_counts(rp, hits->text->subject, hits->subject, i) ||
                   urgency_counts(rp, hits->text->body, hits->body, i);
}

/* ---- the text inputs of a decision ---- */

const char *route_language(const struct ticket *ticket, const struct customer *customer,
                           const struct text_language *detected)
{
    if (ticket->language[0])
        return ticket->language;
    if (detected && detected->tag[0] && strcmp(detected->tag, TEXT_LANG_UNKNOWN) != 0)
        return detected->tag;
    if (customer && customer->language[0])
        return customer->language;
    return "en";
}

int route_text_detect(text_analyzer *az, const struct ticket *ticket,
                      const struct customer *customer, struct text_language *out)
{
    if (!az || !ticket || !out)
        return TR_EINVAL;
    memset(out, 0, sizeof(*out));
    tr_strlcpy(out->tag, TEXT_LANG_UNKNOWN, sizeof(out->tag));
    if (ticket->language[0])
        return 0;
    /* Detection reads at most TEXT_DETECT_WINDOW_BYTES: the start of subject and body will do
     * (a character cut at the end is read as a space). */
    char text[TEXT_DETECT_WINDOW_BYTES * 2];
    int n = snprintf(text, sizeof(text), "%s\n%s", ticket->subject ? ticket->subject : "",
                     ticket->body ? ticket->body : "");
    size_t len = n < 0 ? 0 : (size_t)n < sizeof(text) ? (size_t)n : sizeof(text) - 1;
    const char *hint = customer && customer->language[0] ? customer->language : NULL;
    int rc = text_detect_language(az, text, len, hint, out);
    return rc < 0 ? rc : 1;
}

int route_text_analyze(text_analyzer *az, const char *lang, const struct ticket *ticket,
                       text_doc *subject, text_doc *body)
{
    const char *s = ticket->subject ? ticket->subject : "";
    const char *b = ticket->body ? ticket->body : "";
    int rc = text_analyze(az, lang, s, strlen(s), subject);
    return rc ? rc : text_analyze(az, lang, b, strlen(b), body);
}
