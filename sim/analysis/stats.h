/* stats.h - the statistics of a study: summaries of runs, and measures of
 * how concentrated the network's weight is.
 *
 * Doubles only: these describe formations, they never feed a rule.
 * Summaries use GSL's statistics (mean, standard deviation with n - 1) and
 * quantiles from the sorted runs (gsl_stats_quantile_from_sorted_data:
 * linear interpolation between order statistics, R's type 7). */
#pragma once

#include "core/study.h"

/* Summarises VALUES[0..n), which it sorts in place (NaNs first removed).
 * With no number, n is 0 and every field NaN. */
void pocsim_summarize (double *values, gsize n, PocsimSummary *out);

/* The summaries of one column over RUNS runs (VALUES[r * STRIDE]), using
 * SCRATCH (RUNS doubles).  A MODE column is summarised per category: for
 * each mode some run has, the share of runs in it (the mean of a 0/1
 * indicator, with its quantiles); OUT[j] is category CATEGORIES[j].  Other
 * columns give one summary (CATEGORIES[0] = 0).  Returns how many. */
guint pocsim_summarize_column (const double *values, gsize runs, gsize stride, PocsimValueType type, double *scratch,
                               PocsimSummary out[POCSIM_STUDY_N_MODES], int categories[POCSIM_STUDY_N_MODES]);

/* OUT[(c - c0) * rows + r] = IN[r * cols + c] for the columns c of
 * [c0, c1): a block of runs (one row each, COLS values) as one array per
 * column, in cache-sized tiles. */
void pocsim_transpose (const double *in, gsize rows, gsize cols, gsize c0, gsize c1, double *out);

/* The fewest hosts whose weights sum to more than NUM/DEN of the total
 * (the Nakamoto coefficient at 1/3 is NUM 1, DEN 3); -1 when the total is
 * 0.  WEIGHTS (non-negative) are sorted in place, largest first.  Exact
 * integer arithmetic. */
gint64 pocsim_nakamoto (gint64 *weights, gsize n, gint64 num, gint64 den);

/* The Gini coefficient of WEIGHTS (sorted in place): 0 when all are equal,
 * towards 1 when one host holds everything; NaN when n is 0 or the total 0. */
double pocsim_gini (gint64 *weights, gsize n);

/* The same on weights sorted already, largest first. */
gint64 pocsim_nakamoto_sorted (const gint64 *weights, gsize n, gint64 num, gint64 den);
double pocsim_gini_sorted (const gint64 *weights, gsize n);
