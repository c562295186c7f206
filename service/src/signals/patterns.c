/* Patterns: the curated phrases of each signal, parsed from the patterns file's text and compiled
 * once per model with the text module (a phrase is analysed in each of the five languages). */
#include "signals/signals_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void signals_patterns_clear(signals_model *model)
{
    text_phrase_set_free(model->set);
    for (size_t i = 0; i < model->n_patterns; i++)
        text_phrase_free(model->patterns[i].phrase);
    free(model->patterns);
    free(model->phrases);
    free(model->patterns_buf);
    model->set = NULL;
    model->patterns = NULL;
    model->phrases = NULL;
    model->patterns_buf = NULL;
    model->n_patterns = 0;
}

static bool lang_is_known(const char *lang)
{
    static const char *const langs[] = {SIGNALS_LANGS};
    for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
        if (strcmp(lang, langs[i]) == 0)
            return true;
    return false;
}

/* Split line at tabs into at most max fields; returns how many. */
static size_t split_tabs(char *line, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

int signals_patterns_compile(signals_model *model, char *err, size_t errlen)
{
    if (!model->patterns_len)
        return 0;
    static const char *const langs[] = {SIGNALS_LANGS};
    text_analyzer *az = NULL;
    int rc = TR_ENOMEM;
    size_t cap = 0;
    model->patterns_buf = malloc(model->patterns_len + 1);
    if (!model->patterns_buf)
        goto nomem;
    memcpy(model->patterns_buf, model->patterns_src, model->patterns_len);
    model->patterns_buf[model->patterns_len] = '\0';
    az = text_analyzer_new(langs, sizeof(langs) / sizeof(langs[0]), NULL, err, errlen);
    if (!az)
        goto fail; /* it wrote the reason */

    size_t line_no = 0;
    char *save = NULL;
    for (char *line = strtok_r(model->patterns_buf, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        line_no++;
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[--len] = '\0';
        if (!len || line[0] == '#')
            continue;
        char *f[4];
        if (split_tabs(line, f, 4) != 3 || !f[2][0]) {
            snprintf(err, errlen, "patterns line %zu: want signal<TAB>lang<TAB>phrase", line_no);
            rc = TR_EINVAL;
            goto fail;
        }
        int kind;
        if (signals_kind_parse(f[0], &kind) || kind == SIGNALS_ALL) {
            snprintf(err, errlen, "patterns line %zu: unknown signal \"%s\"", line_no, f[0]);
            rc = TR_EINVAL;
            goto fail;
        }
        if (strcmp(f[1], "*") != 0 && !lang_is_known(f[1])) {
            snprintf(err, errlen,
                     "patterns line %zu: language \"%s\" is not one of en de fr es pt *", line_no,
                     f[1]);
            rc = TR_EINVAL;
            goto fail;
        }
        if (model->n_patterns >= SIGNALS_MAX_PATTERNS) {
            snprintf(err, errlen, "more than %d patterns", SIGNALS_MAX_PATTERNS);
            rc = TR_EINVAL;
            goto fail;
        }
        if (tr_reserve((void **)&model->patterns, &cap, model->n_patterns + 1,
                       sizeof(*model->patterns)))
            goto nomem;
        struct signals_pattern *p = &model->patterns[model->n_patterns];
        memset(p, 0, sizeof(*p));
        p->kind = kind;
        if (strcmp(f[1], "*") != 0)
            snprintf(p->lang, sizeof(p->lang), "%s", f[1]);
        /* A leading '=' asks for exact matching on folded forms (codes such as "503"). */
        enum text_match mode = TEXT_MATCH_STEM;
        const char *phrase = f[2];
        if (phrase[0] == '=') {
            mode = TEXT_MATCH_EXACT;
            phrase++;
        }
        p->text = phrase;
        char perr[160];
        p->phrase = text_phrase_new(az, phrase, strlen(phrase), mode, perr, sizeof(perr));
        if (!p->phrase) {
            snprintf(err, errlen, "patterns line %zu: \"%s\": %s", line_no, phrase, perr);
            rc = TR_EINVAL;
            goto fail;
        }
        p->hash = (uint32_t)tr_fnv1a(phrase, tr_fnv1a(f[0], TR_FNV1A_SEED));
        model->n_patterns++;
    }
    if (model->n_patterns) {
        model->phrases = calloc(model->n_patterns, sizeof(*model->phrases));
        if (!model->phrases)
            goto nomem;
        for (size_t i = 0; i < model->n_patterns; i++)
            model->phrases[i] = model->patterns[i].phrase;
        model->set = text_phrase_set_new(model->phrases, model->n_patterns, err, errlen);
        if (!model->set) {
            rc = TR_ENOMEM;
            goto fail;
        }
    }
    text_analyzer_free(az);
    return 0;
nomem:
    snprintf(err, errlen, "out of memory");
fail:
    text_analyzer_free(az);
    signals_patterns_clear(model);
    return rc;
}
