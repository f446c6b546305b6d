/* stats.c - sorting, the median and quantiles of doubles (stats.h). */
#include "analysis/stats.h"

#include <stdlib.h>

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

void
pocsim_sort_doubles (double *v, gsize n)
{
  if (n > 1)
    qsort (v, n, sizeof *v, compare_doubles);
}

double
pocsim_median_sorted (const double *sorted, gsize n)
{
  if (n == 0)
    return 0.0;
  if (n % 2 == 1)
    return sorted[n / 2];
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

double
pocsim_quantile_sorted (const double *sorted, gsize n, double p)
{
  if (n == 0)
    return 0.0;
  double position = p * (double) (n - 1);
  gsize below = (gsize) (int) position;
  double fraction = position - (double) below;
  if (below == n - 1)
    return sorted[below];
  return (1 - fraction) * sorted[below] + fraction * sorted[below + 1];
}
