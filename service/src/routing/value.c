/* A customer's place among all customers by contract value, from quantiles kept in the routing
 * context (no counting of customers per ticket). */
#include "routing/routing.h"

double route_value_percentile(const double *quantiles, size_t n, int64_t customers, double value)
{
    if (customers == 1)
        return 1;
    if (n < 2)
        return 0;
    /* The first quantile not below value: how many lie strictly below it. */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (quantiles[mid] < value)
            lo = mid + 1;
        else
            hi = mid;
    }
    double share = (double)lo / (double)(n - 1);
    return share > 1 ? 1 : share;
}
