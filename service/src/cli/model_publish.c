/* model_publish: train --publish. The new model and the published one are measured on the same
 * held-out rows; the new one is stored in PostgreSQL (`models`) with its metrics and the verdict,
 * and published (running routers pick it up) only when it is not worse. */
#include "cli/model_internal.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

/* One publication in progress. */
struct publish {
    struct model_opts silent; /* the options, for an evaluation that prints nothing useful */
    const struct model_rows *held;
    FILE *devnull; /* where those evaluations print */
    store_conn *pg;
    classifier *current; /* the published model, when there is one and it loads */
    struct model_eval_summary cand, base;
    struct model_record rec;
    char err[512];
};

/* The published model's version in p->rec.baseline_version, and when it loads the model in
 * p->current, measured on the held-out rows in p->base (p->err says why it did not load).
 * No published model is no error. 0, or 1 after printing why. */
static int publish_baseline(struct publish *p)
{
    struct model_record *rec = &p->rec;
    int rc = store_model_published(p->pg, rec->baseline_version, sizeof(rec->baseline_version));
    if (rc == 0) {
        void *cur = NULL;
        size_t cur_len = 0;
        if (store_model_fetch(p->pg, rec->baseline_version, &cur, &cur_len) == 0)
            p->current = classifier_load_bytes(cur, cur_len, p->err, sizeof(p->err));
        free(cur);
        if (p->current &&
            model_evaluate(p->current, p->held, &p->silent, p->devnull, &p->base) != 0)
            return 1;
    } else if (rc != TR_ENOTFOUND) {
        fprintf(stderr, "publish: cannot read the published models\n");
        return 1;
    }
    return 0;
}

/* Whether to publish, and the verdict that says why. */
static void publish_verdict(struct publish *p)
{
    struct model_record *rec = &p->rec;
    if (!rec->baseline_version[0]) {
        rec->publish = true;
        snprintf(rec->verdict, sizeof(rec->verdict), "published: no model was published before");
    } else if (!p->current) {
        rec->publish = true;
        snprintf(rec->verdict, sizeof(rec->verdict),
                 "published: the current model %.100s could not be loaded (%.100s)",
                 rec->baseline_version, p->err);
    } else {
        rec->publish = p->cand.accuracy >= p->base.accuracy;
        snprintf(rec->verdict, sizeof(rec->verdict), "%s: %.2f%% against %.2f%% for %s",
                 rec->publish ? "published" : "kept the current model (the new one is worse)",
                 100 * p->cand.accuracy, 100 * p->base.accuracy, rec->baseline_version);
    }
}

/* The candidate's metrics as compact JSON; the caller frees. NULL when out of memory. */
static char *publish_metrics(const struct publish *p, const classifier *model, double train_secs)
{
    const struct model_eval_summary *cand = &p->cand;
    json_t *j = json_pack("{s:f, s:f, s:f, s:I, s:I, s:I, s:f, s:f}", "accuracy", cand->accuracy,
                          "macro_f1", cand->macro_f1, "ece", cand->ece, "examples",
                          (json_int_t)p->rec.examples, "holdout", (json_int_t)p->rec.holdout,
                          "labels", (json_int_t)classifier_n_labels(model), "train_seconds",
                          train_secs, "throughput_per_s", cand->throughput);
    if (j && p->current)
        json_object_set_new(j, "baseline_accuracy", json_real(p->base.accuracy));
    char *metrics = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    return metrics;
}

int model_publish(const struct model_opts *o, const classifier *model,
                  const struct model_rows *held, double train_secs)
{
    struct publish p = {.silent = *o, .held = held};
    struct model_record *rec = &p.rec;
    int status = 1;
    char *bytes = NULL, *metrics = NULL;
    size_t len = 0;
    p.silent.json = false;
    p.devnull = fopen("/dev/null", "w");
    p.pg = store_conn_new(o->pg_dsn, p.err, sizeof(p.err));
    if (!p.devnull || !p.pg) {
        fprintf(stderr, "publish: %s\n", p.pg ? "cannot open /dev/null" : p.err);
        goto out;
    }
    if (model_evaluate(model, held, &p.silent, p.devnull, &p.cand) != 0)
        goto out;
    tr_strlcpy(rec->model_version, classifier_version(model), sizeof(rec->model_version));
    if (publish_baseline(&p) != 0)
        goto out;
    rec->examples = classifier_metrics(model)->n_examples;
    rec->holdout = held->n;
    rec->accuracy = p.cand.accuracy;
    rec->macro_f1 = p.cand.macro_f1;
    rec->baseline_accuracy = p.base.accuracy;
    publish_verdict(&p);
    rec->metrics_json = metrics = publish_metrics(&p, model, train_secs);
    if (tr_file_read(o->out, &bytes, &len, p.err, sizeof(p.err)) != 0) {
        fprintf(stderr, "publish: cannot read %s back\n", o->out);
        goto out;
    }
    if (store_model_insert(p.pg, rec, bytes, len, p.err, sizeof(p.err)) != 0) {
        fprintf(stderr, "publish: model %s: %s\n", rec->model_version, p.err);
        goto out;
    }
    printf("model %s: accuracy %.2f%%, macro-F1 %.2f%% on %llu held-out examples; %s\n",
           rec->model_version, 100 * p.cand.accuracy, 100 * p.cand.macro_f1,
           (unsigned long long)rec->holdout, rec->verdict);
    status = 0;
out:
    free(metrics);
    free(bytes);
    classifier_free(p.current);
    store_conn_free(p.pg);
    if (p.devnull)
        fclose(p.devnull);
    return status;
}
