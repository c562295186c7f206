/* Seeded stratified hold-out slices, for calibration inside training and for evaluation. */
#include "classify/classify_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

uint64_t split_rand(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

int split_holdout_idx(const uint32_t *label, size_t n, uint32_t n_labels, double fraction,
                      uint64_t seed, bool *holdout)
{
    if (fraction < 0 || fraction >= 1)
        return TR_EINVAL;
    memset(holdout, 0, n * sizeof(bool));
    if (fraction == 0 || n == 0)
        return 0;
    size_t *members = malloc(n * sizeof(size_t));
    size_t *start = calloc((size_t)n_labels + 1, sizeof(size_t));
    size_t *fill = calloc((size_t)n_labels + 1, sizeof(size_t));
    int rc = TR_ENOMEM;
    if (!members || !start || !fill)
        goto out;
    /* Bucket the examples by label (counting sort keeps the input order within a label). */
    for (size_t i = 0; i < n; i++)
        start[label[i] + 1]++;
    for (uint32_t l = 0; l < n_labels; l++)
        start[l + 1] += start[l];
    for (size_t i = 0; i < n; i++)
        members[start[label[i]] + fill[label[i]]++] = i;
    uint64_t rng = seed;
    for (uint32_t l = 0; l < n_labels; l++) {
        size_t *m = members + start[l];
        size_t count = start[l + 1] - start[l];
        if (count < 2)
            continue; /* a single example stays in training */
        size_t take = (size_t)llround(fraction * (double)count);
        if (take == 0)
            take = 1;
        if (take >= count)
            take = count - 1;
        for (size_t i = 0; i < take; i++) { /* partial Fisher-Yates */
            size_t j = i + (size_t)(split_rand(&rng) % (count - i));
            size_t tmp = m[i];
            m[i] = m[j];
            m[j] = tmp;
            holdout[m[i]] = true;
        }
    }
    rc = 0;
out:
    free(members);
    free(start);
    free(fill);
    return rc;
}

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int classify_split_holdout(const char *const *labels, size_t n, double fraction, uint64_t seed,
                           bool *holdout)
{
    if ((!labels && n) || (!holdout && n))
        return TR_EINVAL;
    const char **sorted = malloc((n ? n : 1) * sizeof(char *));
    uint32_t *idx = malloc((n ? n : 1) * sizeof(uint32_t));
    int rc = TR_ENOMEM;
    if (!sorted || !idx)
        goto out;
    for (size_t i = 0; i < n; i++) {
        if (!labels[i]) {
            rc = TR_EINVAL;
            goto out;
        }
        sorted[i] = labels[i];
    }
    qsort(sorted, n, sizeof(char *), cmp_str_ptr);
    size_t n_unique = 0;
    for (size_t i = 0; i < n; i++)
        if (n_unique == 0 || strcmp(sorted[n_unique - 1], sorted[i]) != 0)
            sorted[n_unique++] = sorted[i];
    for (size_t i = 0; i < n; i++) {
        const char **hit = bsearch(&labels[i], sorted, n_unique, sizeof(char *), cmp_str_ptr);
        idx[i] = (uint32_t)(hit - sorted);
    }
    rc = split_holdout_idx(idx, n, (uint32_t)n_unique, fraction, seed, holdout);
out:
    free(sorted);
    free(idx);
    return rc;
}
