/* Training, the linear model: by SGD with the multiclass hinge loss (Crammer-Singer, the default:
 * 0.5-1 point better on intents here) or the multinomial logistic loss, each example's loss
 * weighted by its class, L2 regularisation (weights kept as scale * v so that the decay is O(1)
 * per step) and averaging of the end-of-epoch weights over the second half of the epochs; or
 * one-vs-rest SVMs by dual coordinate descent (dual_cd.c). */
#include "classify/train_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void train_scores(const struct dataset *ds, size_t i, const float *w, const float *b, double scale,
                  uint32_t k, float *acc, double *z)
{
    memset(acc, 0, k * sizeof(float));
    for (size_t j = ds->row[i]; j < ds->row[i + 1]; j++) {
        const float *row = w + (size_t)ds->idx[j] * k;
        float v = ds->val[j];
        for (uint32_t c = 0; c < k; c++)
            acc[c] += v * row[c];
    }
    for (uint32_t c = 0; c < k; c++)
        z[c] = b[c] + scale * acc[c];
}

size_t train_order(const struct sgd_job *job, size_t *order)
{
    size_t n = 0;
    for (size_t i = 0; i < job->ds->n; i++)
        if (!job->skip || !job->skip[i])
            order[n++] = i;
    return n;
}

void train_shuffle(size_t *order, size_t n, uint64_t *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(split_rand(rng) % i), tmp = order[i - 1];
        order[i - 1] = order[j];
        order[j] = tmp;
    }
}

static void cd_run(struct sgd_job *job)
{
    size_t fk = (size_t)job->n_features * job->n_labels;
    job->w = calloc(fk ? fk : 1, sizeof(float));
    job->b = calloc(job->n_labels, sizeof(float));
    job->rc = TR_ENOMEM;
    if (job->w && job->b)
        job->rc = dual_cd_train(job->ds, job->skip, job->n_features, job->n_labels, job->p->loss,
                                job->p->cost, job->seed, job->w, job->b);
}

/* The SGD state: the weights are scale * w; avg and bavg sum the end-of-epoch weights. */
struct linear_sgd {
    size_t fk; /* n_features x k */
    float *w, *avg;
    double *b, *bavg;
    float *bf, *acc, *g;
    double *z;
    uint32_t *active; /* the classes with a gradient for the current example */
    double scale;
};

static void linear_sgd_clear(struct linear_sgd *st)
{
    free(st->w);
    free(st->avg);
    free(st->b);
    free(st->bavg);
    free(st->bf);
    free(st->acc);
    free(st->z);
    free(st->g);
    free(st->active);
    memset(st, 0, sizeof(*st));
}

static int linear_sgd_init(struct linear_sgd *st, size_t fk, uint32_t k)
{
    st->fk = fk;
    st->scale = 1.0;
    st->w = calloc(fk ? fk : 1, sizeof(float));
    st->avg = calloc(fk ? fk : 1, sizeof(float));
    st->b = calloc(k, sizeof(double));
    st->bavg = calloc(k, sizeof(double));
    st->bf = calloc(k, sizeof(float));
    st->acc = malloc(k * sizeof(float));
    st->z = malloc(k * sizeof(double));
    st->g = malloc(k * sizeof(float));
    st->active = malloc(k * sizeof(uint32_t));
    return st->w && st->avg && st->b && st->bavg && st->bf && st->acc && st->z && st->g &&
                   st->active
               ? 0
               : TR_ENOMEM;
}

/* The loss's gradient for example i into st->g of the classes it lists in st->active (returns
 * how many), with the biases' step of size eta taken at once. */
static uint32_t linear_grad(const struct sgd_job *job, struct linear_sgd *st, size_t i, double eta)
{
    const struct dataset *ds = job->ds;
    uint32_t k = job->n_labels, n_active = 0;
    double *z = st->z, *b = st->b;
    for (uint32_t c = 0; c < k; c++)
        st->bf[c] = (float)b[c];
    train_scores(ds, i, st->w, st->bf, st->scale, k, st->acc, z);
    double mx = z[0], sum = 0;
    for (uint32_t c = 1; c < k; c++)
        if (z[c] > mx)
            mx = z[c];
    for (uint32_t c = 0; c < k; c++)
        sum += (z[c] = exp(z[c] - mx));
    if (job->p->loss == CLASSIFY_LOSS_HINGE) {
        /* Crammer-Singer: push the true class above the best other one by a margin. */
        uint32_t y = ds->y[i], other = y == 0 ? 1 : 0;
        for (uint32_t c = 0; c < k; c++)
            if (c != y && z[c] > z[other])
                other = c;
        if (1.0 - (log(z[y]) - log(z[other])) > 0) {
            float cw = job->class_w[y];
            st->g[y] = -cw;
            st->g[other] = cw;
            b[y] += eta * cw;
            b[other] -= eta * cw;
            st->active[n_active++] = y;
            st->active[n_active++] = other;
        }
        return n_active;
    }
    for (uint32_t c = 0; c < k; c++) {
        double grad = job->class_w[ds->y[i]] * (z[c] / sum - (c == ds->y[i] ? 1.0 : 0.0));
        b[c] -= eta * grad;
        if (fabs(grad) > TRAIN_GRAD_SKIP) {
            st->g[c] = (float)grad;
            st->active[n_active++] = c;
        }
    }
    return n_active;
}

/* One SGD step of size eta on example i. */
static void linear_step(const struct sgd_job *job, struct linear_sgd *st, size_t i, double eta)
{
    const struct dataset *ds = job->ds;
    uint32_t k = job->n_labels, n_active = linear_grad(job, st, i, eta);
    st->scale *= 1.0 - eta * job->p->l2;
    float coef = (float)(eta / st->scale);
    for (size_t j = ds->row[i]; j < ds->row[i + 1]; j++) {
        float *row = st->w + (size_t)ds->idx[j] * k;
        float step = coef * ds->val[j];
        for (uint32_t a = 0; a < n_active; a++)
            row[st->active[a]] -= step * st->g[st->active[a]];
    }
    if (st->scale < 1e-6) {
        for (size_t x = 0; x < st->fk; x++)
            st->w[x] *= (float)st->scale;
        st->scale = 1.0;
    }
}

/* The mean of the averaged end-of-epoch weights into the job, which owns them from then on. */
static void linear_finish(struct sgd_job *job, struct linear_sgd *st, unsigned averaged)
{
    for (size_t x = 0; x < st->fk; x++)
        st->avg[x] /= (float)averaged;
    for (uint32_t c = 0; c < job->n_labels; c++)
        st->bf[c] = (float)(st->bavg[c] / averaged);
    job->w = st->avg;
    st->avg = NULL; /* the job owns it now */
    job->b = st->bf;
    st->bf = NULL;
}

void train_linear(struct sgd_job *job)
{
    if (job->p->loss == CLASSIFY_LOSS_OVR_SQHINGE || job->p->loss == CLASSIFY_LOSS_OVR_HINGE) {
        cd_run(job);
        return;
    }
    uint32_t k = job->n_labels;
    struct linear_sgd st = {0};
    size_t *order = malloc((job->ds->n ? job->ds->n : 1) * sizeof(size_t));
    job->rc = TR_ENOMEM;
    if (!order || linear_sgd_init(&st, (size_t)job->n_features * k, k))
        goto out;
    size_t n = train_order(job, order);
    uint64_t rng = job->seed, t = 0;
    double lr = job->p->learning_rate, l2 = job->p->l2;
    unsigned epochs = job->p->epochs, averaged = 0;
    for (unsigned e = 0; e < epochs; e++) {
        train_shuffle(order, n, &rng);
        for (size_t o = 0; o < n; o++, t++)
            linear_step(job, &st, order[o], lr / (1.0 + lr * l2 * (double)t));
        if (2 * (e + 1) > epochs) { /* second half: average the end-of-epoch weights */
            for (size_t x = 0; x < st.fk; x++)
                st.avg[x] += (float)st.scale * st.w[x];
            for (uint32_t c = 0; c < k; c++)
                st.bavg[c] += st.b[c];
            averaged++;
        }
    }
    linear_finish(job, &st, averaged);
    job->rc = 0;
out:
    free(order);
    linear_sgd_clear(&st);
}
