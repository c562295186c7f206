/* One-vs-rest linear SVMs by dual coordinate descent (Hsieh et al., ICML 2008; LIBLINEAR's
 * solve_l2r_l1l2_svc, which is what gives scikit-learn's LinearSVC its accuracy): for each class,
 * min_w 0.5 |w|^2 + C sum_i loss(y_i w.x_i) with the squared hinge (L2-loss) or the hinge
 * (L1-loss), the bias being one more feature of value 1 (regularised, as LIBLINEAR's -B 1).
 * Each class is an independent problem solved to LIBLINEAR's stopping rule (projected-gradient
 * gap < 0.1) with its shrinking heuristic; the visiting order is shuffled with the seed, so the
 * result depends only on the data, C and the seed. */
#include "classify/classify_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CD_EPS 0.1
#define CD_MAX_ITER 1000
#define CD_BIAS 1.0

/* Solve class c; writes its weights into column c of w (n_features x k) and b[c]. */
static void cd_class(const struct dataset *ds, const size_t *use, size_t n, uint32_t n_features,
                     uint32_t k, uint32_t c, unsigned loss, double cost, uint64_t seed, double *wc,
                     double *alpha, double *qd, size_t *index, float *w, float *b)
{
    double diag = 0, upper = cost;
    if (loss == CLASSIFY_LOSS_OVR_SQHINGE) {
        diag = 0.5 / cost;
        upper = INFINITY;
    }
    memset(wc, 0, n_features * sizeof(double));
    double wb = 0;
    for (size_t s = 0; s < n; s++) {
        size_t i = use[s];
        double sq = CD_BIAS * CD_BIAS;
        for (size_t j = ds->row[i]; j < ds->row[i + 1]; j++)
            sq += (double)ds->val[j] * ds->val[j];
        qd[s] = sq + diag;
        alpha[s] = 0;
        index[s] = s;
    }
    uint64_t rng = seed ^ ((uint64_t)c * UINT64_C(0x9e3779b97f4a7c15));
    double pg_max_old = INFINITY, pg_min_old = -INFINITY;
    size_t active = n;
    for (unsigned iter = 0; iter < CD_MAX_ITER; iter++) {
        double pg_max = -INFINITY, pg_min = INFINITY;
        for (size_t s = active; s > 1; s--) {
            size_t j = (size_t)(split_rand(&rng) % s);
            size_t tmp = index[s - 1];
            index[s - 1] = index[j];
            index[j] = tmp;
        }
        for (size_t s = 0; s < active; s++) {
            size_t a = index[s], i = use[a];
            double yi = ds->y[i] == c ? 1.0 : -1.0;
            double dot = wb * CD_BIAS;
            for (size_t j = ds->row[i]; j < ds->row[i + 1]; j++)
                dot += wc[ds->idx[j]] * ds->val[j];
            double g = yi * dot - 1 + alpha[a] * diag, pg = 0;
            if (alpha[a] == 0) {
                if (g > pg_max_old) { /* shrink: likely to stay at the bound */
                    active--;
                    index[s] = index[active];
                    index[active] = a;
                    s--;
                    continue;
                }
                if (g < 0)
                    pg = g;
            } else if (alpha[a] == upper) {
                if (g < pg_min_old) {
                    active--;
                    index[s] = index[active];
                    index[active] = a;
                    s--;
                    continue;
                }
                if (g > 0)
                    pg = g;
            } else {
                pg = g;
            }
            if (pg > pg_max)
                pg_max = pg;
            if (pg < pg_min)
                pg_min = pg;
            if (fabs(pg) > 1e-12) {
                double old = alpha[a], na = old - g / qd[a];
                alpha[a] = na < 0 ? 0 : (na > upper ? upper : na);
                double d = (alpha[a] - old) * yi;
                for (size_t j = ds->row[i]; j < ds->row[i + 1]; j++)
                    wc[ds->idx[j]] += d * ds->val[j];
                wb += d * CD_BIAS;
            }
        }
        if (pg_max - pg_min <= CD_EPS) {
            if (active == n)
                break;
            active = n; /* converged on the active set: check everything once more */
            pg_max_old = INFINITY;
            pg_min_old = -INFINITY;
            continue;
        }
        pg_max_old = pg_max > 0 ? pg_max : INFINITY;
        pg_min_old = pg_min < 0 ? pg_min : -INFINITY;
    }
    for (uint32_t f = 0; f < n_features; f++)
        w[(size_t)f * k + c] = (float)wc[f];
    b[c] = (float)(wb * CD_BIAS);
}

int dual_cd_train(const struct dataset *ds, const bool *skip, uint32_t n_features, uint32_t k,
                  unsigned loss, double cost, uint64_t seed, float *w, float *b)
{
    size_t n = 0;
    size_t *use = malloc((ds->n ? ds->n : 1) * sizeof(size_t));
    size_t *index = malloc((ds->n ? ds->n : 1) * sizeof(size_t));
    double *alpha = malloc((ds->n ? ds->n : 1) * sizeof(double));
    double *qd = malloc((ds->n ? ds->n : 1) * sizeof(double));
    double *wc = malloc((n_features ? n_features : 1) * sizeof(double));
    int rc = TR_ENOMEM;
    if (!use || !index || !alpha || !qd || !wc)
        goto out;
    for (size_t i = 0; i < ds->n; i++)
        if (!skip || !skip[i])
            use[n++] = i;
    for (uint32_t c = 0; c < k; c++)
        cd_class(ds, use, n, n_features, k, c, loss, cost, seed, wc, alpha, qd, index, w, b);
    rc = 0;
out:
    free(use);
    free(index);
    free(alpha);
    free(qd);
    free(wc);
    return rc;
}
