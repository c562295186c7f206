/* Scoring one analysed text: features through the weights, calibrated, with a reason. */
#include "signals/signals_internal.h"

#include <stdio.h>
#include <string.h>

static const char *const names[SIGNALS_N] = {"security", "legal", "outage", "churn", "distress"};

const char *signals_name(int kind)
{
    return kind >= 0 && kind < SIGNALS_N ? names[kind] : "?";
}

int signals_kind_parse(const char *name, int *kind)
{
    if (!name || !kind)
        return TR_EINVAL;
    for (int k = 0; k < SIGNALS_N; k++)
        if (strcmp(name, names[k]) == 0) {
            *kind = k;
            return 0;
        }
    if (strcmp(name, "all") == 0) {
        *kind = SIGNALS_ALL;
        return 0;
    }
    return TR_EINVAL;
}

const char *signals_version(const signals_model *model)
{
    return model ? model->version : NULL;
}

size_t signals_n_patterns(const signals_model *model)
{
    return model ? model->n_patterns : 0;
}

double signals_threshold(const signals_model *model, int kind)
{
    if (!model || kind < 0 || kind >= SIGNALS_N)
        return -1;
    return model->threshold[kind];
}

int signals_score(const signals_model *model, const text_doc *doc, const double *thresholds,
                  struct signals_result *out)
{
    if (!model || !doc || !out)
        return TR_EINVAL;
    struct signals_sink sink = {.weights = model->weights, .mask = (1u << model->hash_bits) - 1};
    for (int k = 0; k < SIGNALS_N; k++)
        sink.logit[k] = model->bias[k];
    struct signals_hits hits;
    signals_features(model, doc, &sink, &hits);
    for (int k = 0; k < SIGNALS_N; k++) {
        struct signals_score *s = &out->s[k];
        /* The text's logit, or its strongest sentence's when that is higher: a threat in one
         * sentence of a long e-mail counts as much as the same sentence alone. */
        double z = sink.logit[k];
        for (int g = 0; g < sink.n_segs && sink.n_segs > 1; g++) {
            double zg = model->bias[k] + sink.all_segs[k] + sink.seg_logit[g][k];
            if (zg > z)
                z = zg;
        }
        s->score = signals_sigmoid(model->platt_a[k] * z + model->platt_b[k]);
        double t = thresholds ? thresholds[k] : model->threshold[k];
        /* A signal whose only pattern evidence is negated ("we are not planning to cancel")
         * does not fire, whatever the other words say: the veto keeps negation reliable on
         * phrasings the training set lacks. */
        bool vetoed = hits.best[k] < 0 && hits.negated[k] >= 0 && s->score >= t;
        if (vetoed)
            s->score = t / 2;
        s->fired = s->score >= t;
        if (hits.best[k] >= 0)
            snprintf(s->reason, sizeof(s->reason), "pattern \"%.48s\"; score %.2f",
                     model->patterns[hits.best[k]].text, s->score);
        else if (hits.negated[k] >= 0)
            snprintf(s->reason, sizeof(s->reason), "negated pattern \"%.40s\"; score %.2f",
                     model->patterns[hits.negated[k]].text, s->score);
        else
            snprintf(s->reason, sizeof(s->reason), "model score %.2f", s->score);
    }
    return 0;
}

int signals_score_text(const signals_model *model, text_analyzer *az, text_doc *doc,
                       const char *lang, const char *text, size_t len, struct signals_result *out)
{
    if (!model || !az || !doc || !text || !out)
        return TR_EINVAL;
    int rc = text_analyze(az, lang, text, len, doc);
    if (rc)
        return rc;
    return signals_score(model, doc, NULL, out);
}
