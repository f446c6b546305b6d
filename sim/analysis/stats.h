/* stats.h - order statistics of doubles (statistics only; no rule path
 * uses doubles).
 *
 * The median and the quantiles are those of GSL's
 * gsl_stats_median_from_sorted_data and gsl_stats_quantile_from_sorted_data:
 * linear interpolation between the order statistics around p * (n - 1)
 * (Hyndman and Fan's type 7), computed with the same operations in the same
 * order, so that the same doubles come out (tests/check_stats compares them
 * with GSL's).  They live here rather than in GSL because loading GSL cost
 * every pocsim process a quarter of a millisecond at start-up for these
 * three functions (docs/performance.md). */
#pragma once

#include <glib.h>

/* Sorts V ascending (no NaN). */
void pocsim_sort_doubles (double *v, gsize n);

/* Of SORTED (ascending, N values); 0 when N is 0. */
double pocsim_median_sorted (const double *sorted, gsize n);
/* The P quantile, P in [0, 1]. */
double pocsim_quantile_sorted (const double *sorted, gsize n, double p);
