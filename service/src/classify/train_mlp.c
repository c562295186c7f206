/* Training, the network: one hidden layer of ReLU units over the same sparse vectors, softmax
 * cross-entropy weighted by the example's class, plain SGD with a step decaying linearly to 0
 * over TRAIN_MLP_EPOCHS passes (no averaging, no weight decay). The non-linear half of the model:
 * alone about as good as the linear model (0.6 point worse on BANKING77), averaged with it about
 * half a point better than either. */
#include "classify/train_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct mlp {
    uint32_t k, hn;
    float *w1, *b1, *w2, *b2; /* n_features x H, H, H x k, k */
    float *h, *gh;            /* the example's hidden units and their gradient */
    double *z;
};

static void mlp_clear(struct mlp *m)
{
    free(m->w1);
    free(m->b1);
    free(m->w2);
    free(m->b2);
    free(m->h);
    free(m->gh);
    free(m->z);
    memset(m, 0, sizeof(*m));
}

static double rand_unit(uint64_t *state)
{
    return ((double)(split_rand(state) >> 11) + 0.5) / 9007199254740992.0;
}

/* Allocate and initialise the weights from rng. Returns 0 or TR_ENOMEM. */
static int mlp_init(struct mlp *m, uint32_t n_features, uint32_t k, uint32_t hn, uint64_t *rng)
{
    size_t fh = (size_t)n_features * hn;
    m->k = k;
    m->hn = hn;
    m->w1 = malloc((fh ? fh : 1) * sizeof(float));
    m->b1 = calloc(hn, sizeof(float));
    m->w2 = malloc((size_t)hn * k * sizeof(float));
    m->b2 = calloc(k, sizeof(float));
    m->h = malloc(hn * sizeof(float));
    m->gh = malloc(hn * sizeof(float));
    m->z = malloc(k * sizeof(double));
    if (!m->w1 || !m->b1 || !m->w2 || !m->b2 || !m->h || !m->gh || !m->z)
        return TR_ENOMEM;
    for (size_t i = 0; i < fh; i++)
        m->w1[i] = (float)((rand_unit(rng) - 0.5) * 0.2);
    double a2 = sqrt(6.0 / (hn + k)); /* Glorot */
    for (size_t i = 0; i < (size_t)hn * k; i++)
        m->w2[i] = (float)((rand_unit(rng) * 2 - 1) * a2);
    return 0;
}

/* The hidden units of example i, then the softmax of the outputs in m->z (not normalised; returns
 * their sum). */
static double mlp_forward(struct mlp *m, const struct dataset *ds, size_t i)
{
    uint32_t k = m->k, hn = m->hn;
    float *h = m->h;
    memcpy(h, m->b1, hn * sizeof(float));
    for (size_t j = ds->row[i]; j < ds->row[i + 1]; j++) {
        const float *r = m->w1 + (size_t)ds->idx[j] * hn;
        float v = ds->val[j];
        for (uint32_t q = 0; q < hn; q++)
            h[q] += v * r[q];
    }
    for (uint32_t q = 0; q < hn; q++)
        h[q] = h[q] > 0 ? h[q] : 0;
    double mx = -INFINITY, sum = 0;
    for (uint32_t c = 0; c < k; c++) {
        double a = m->b2[c];
        for (uint32_t q = 0; q < hn; q++)
            a += h[q] * m->w2[(size_t)q * k + c];
        m->z[c] = a;
        if (a > mx)
            mx = a;
    }
    for (uint32_t c = 0; c < k; c++)
        sum += (m->z[c] = exp(m->z[c] - mx));
    return sum;
}

/* Back-propagate example i (label y, weight cw) at step lr, after mlp_forward. */
static void mlp_backward(struct mlp *m, const struct dataset *ds, size_t i, double sum, float cw,
                         float lr)
{
    uint32_t k = m->k, hn = m->hn;
    float *gh = m->gh;
    memset(gh, 0, hn * sizeof(float));
    for (uint32_t c = 0; c < k; c++) {
        float g = cw * (float)(m->z[c] / sum - (c == ds->y[i] ? 1.0 : 0.0));
        if (fabsf(g) < (float)TRAIN_GRAD_SKIP)
            continue;
        for (uint32_t q = 0; q < hn; q++) {
            gh[q] += g * m->w2[(size_t)q * k + c];
            m->w2[(size_t)q * k + c] -= lr * g * m->h[q];
        }
        m->b2[c] -= lr * g;
    }
    for (uint32_t q = 0; q < hn; q++)
        if (m->h[q] <= 0)
            gh[q] = 0;
    for (size_t j = ds->row[i]; j < ds->row[i + 1]; j++) {
        float *r = m->w1 + (size_t)ds->idx[j] * hn;
        float v = lr * ds->val[j];
        for (uint32_t q = 0; q < hn; q++)
            r[q] -= v * gh[q];
    }
    for (uint32_t q = 0; q < hn; q++)
        m->b1[q] -= lr * gh[q];
}

int train_mlp(struct sgd_job *job)
{
    const struct dataset *ds = job->ds;
    struct mlp m = {0};
    size_t *order = malloc((ds->n ? ds->n : 1) * sizeof(size_t));
    uint64_t rng = job->seed ^ UINT64_C(0x6d6c70);
    int rc = TR_ENOMEM;
    if (!order || mlp_init(&m, job->n_features, job->n_labels, job->p->hidden, &rng))
        goto out;
    size_t n = train_order(job, order);
    double total = (double)n * TRAIN_MLP_EPOCHS, t = 0;
    for (unsigned e = 0; e < TRAIN_MLP_EPOCHS; e++) {
        train_shuffle(order, n, &rng);
        for (size_t o = 0; o < n; o++, t++) {
            size_t i = order[o];
            float lr = (float)(TRAIN_MLP_LR * (1.0 - t / total));
            double sum = mlp_forward(&m, ds, i);
            mlp_backward(&m, ds, i, sum, job->class_w[ds->y[i]], lr);
        }
    }
    job->w1 = m.w1;
    job->b1 = m.b1;
    job->w2 = m.w2;
    job->b2 = m.b2;
    m.w1 = m.b1 = m.w2 = m.b2 = NULL; /* the job owns them now */
    rc = 0;
out:
    mlp_clear(&m);
    free(order);
    return rc;
}
