/* Calibration: temperature scaling (Guo et al., 2017) fitted on a held-out slice, and the
 * expected calibration error used to report how well it worked. */
#include "classify/classify_internal.h"

#include <math.h>
#include <stdlib.h>

#define ECE_BINS 15

void calibrate_softmax(const double *z, size_t k, double t, double *p)
{
    double mx = z[0];
    for (size_t j = 1; j < k; j++)
        if (z[j] > mx)
            mx = z[j];
    double sum = 0;
    for (size_t j = 0; j < k; j++) {
        p[j] = exp((z[j] - mx) / t);
        sum += p[j];
    }
    for (size_t j = 0; j < k; j++)
        p[j] /= sum;
}

/* Mean NLL at inverse temperature beta: log-sum-exp without a buffer. */
static double nll_at(const double *logits, const uint32_t *y, size_t n, size_t k, double beta)
{
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        const double *z = logits + i * k;
        double mx = z[0];
        for (size_t j = 1; j < k; j++)
            if (z[j] > mx)
                mx = z[j];
        double sum = 0;
        for (size_t j = 0; j < k; j++)
            sum += exp(beta * (z[j] - mx));
        total += log(sum) - beta * (z[y[i]] - mx);
    }
    return n ? total / (double)n : 0;
}

double calibrate_temperature(const double *logits, const uint32_t *y, size_t n, size_t k)
{
    if (n == 0 || k < 2)
        return 1.0;
    /* The NLL is convex in beta = 1/T: golden-section search on log(beta) over [1/20, 20]. */
    const double g = 0.6180339887498949;
    double a = log(0.05), b = log(20.0);
    double c = b - g * (b - a), d = a + g * (b - a);
    double fc = nll_at(logits, y, n, k, exp(c)), fd = nll_at(logits, y, n, k, exp(d));
    for (int it = 0; it < 60 && b - a > 1e-5; it++) {
        if (fc < fd) {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = nll_at(logits, y, n, k, exp(c));
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = nll_at(logits, y, n, k, exp(d));
        }
    }
    return 1.0 / exp((a + b) / 2);
}

double classify_ece(const double *confidence, const bool *correct, size_t n, unsigned n_bins)
{
    if (n == 0 || n_bins == 0)
        return 0;
    double conf_sum[64] = {0}, acc_sum[64] = {0};
    size_t count[64] = {0};
    if (n_bins > 64)
        n_bins = 64;
    for (size_t i = 0; i < n; i++) {
        double c = confidence[i];
        unsigned b = c >= 1.0 ? n_bins - 1 : (unsigned)(c * n_bins);
        if (c < 0)
            b = 0;
        conf_sum[b] += c;
        acc_sum[b] += correct[i] ? 1.0 : 0.0;
        count[b]++;
    }
    double ece = 0;
    for (unsigned b = 0; b < n_bins; b++)
        if (count[b])
            ece += fabs(acc_sum[b] - conf_sum[b]) / (double)n;
    return ece;
}

void calibrate_measure(const double *logits, const uint32_t *y, size_t n, size_t k, double t,
                       double *nll, double *ece, double *accuracy)
{
    double *p = calloc(k ? k : 1, sizeof(double));
    double *conf = calloc(n ? n : 1, sizeof(double));
    bool *correct = calloc(n ? n : 1, sizeof(bool));
    if (!p || !conf || !correct) {
        *nll = *ece = NAN;
        if (accuracy)
            *accuracy = NAN;
        goto out;
    }
    size_t right = 0;
    for (size_t i = 0; i < n; i++) {
        calibrate_softmax(logits + i * k, k, t, p);
        size_t best = 0;
        for (size_t j = 1; j < k; j++)
            if (p[j] > p[best])
                best = j;
        conf[i] = p[best];
        correct[i] = best == y[i];
        right += correct[i];
    }
    *nll = nll_at(logits, y, n, k, 1.0 / t);
    *ece = classify_ece(conf, correct, n, ECE_BINS);
    if (accuracy)
        *accuracy = n ? (double)right / (double)n : 0;
out:
    free(p);
    free(conf);
    free(correct);
}
