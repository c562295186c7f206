/* libFuzzer target: the text pipeline on hostile bytes: tokenisation and normalisation
 * (utf8proc), classification with a small model trained at start, urgency scoring and keyword
 * matching. Nothing may crash, hang or read out of bounds, whatever the bytes; and the classifier
 * answers every text: more than CLASSIFY_MAX_TEXT_BYTES is refused with TR_ETOOBIG, anything
 * else gets a prediction (TR_ENOMEM aside). A broken promise aborts, which libFuzzer reports. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify/classify.h"
#include "routing/routing.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static classifier *model;
static classify_scratch *scratch;

static void setup(void)
{
    static const char *const TEXTS[] = {
        "my invoice is wrong", "refund my payment",    "the app crashes on start",
        "api timeout errors",  "cannot log in to sso", "reset my password please",
    };
    static const char *const LABELS[] = {"billing",   "billing", "technical",
                                         "technical", "login",   "login"};
    struct classify_example ex[6];
    for (size_t i = 0; i < 6; i++)
        ex[i] = (struct classify_example){TEXTS[i], strlen(TEXTS[i]), LABELS[i]};
    struct classify_train_params params;
    classify_train_params_default(&params);
    char err[256];
    if (classifier_train(ex, 6, &params, &model, err, sizeof(err)) != 0)
        abort();
    scratch = classify_scratch_new();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!model)
        setup();
    const char *text = (const char *)data;
    char tokens[4096];
    bool oversized = size > CLASSIFY_MAX_TEXT_BYTES;
    /* TR_ETOOBIG here may also mean tokens[] is too small, so only a crash is a finding. */
    int rc = classify_tokens(scratch, text, size, tokens, sizeof(tokens));
    (void)rc;
    struct classify_result res = {0};
    rc = classifier_predict(model, scratch, text, size, 3, &res);
    if (oversized ? rc != TR_ETOOBIG || res.n != 0 : rc != 0 && rc != TR_ENOMEM)
        abort();
    if (rc == 0 && (res.n == 0 || !res.top[0].label))
        abort();

    /* urgency_assess and the rule matching take NUL-terminated text. */
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    struct ticket ticket = {.subject = copy, .body = copy};
    struct urgency_weights weights;
    urgency_weights_default(&weights);
    struct urgency_result urgency;
    urgency_assess(&weights, &ticket, NULL, "", &urgency);
    (void)urgency_text_has(copy, "can't access");
    free(copy);
    return 0;
}
