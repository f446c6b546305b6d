/* stats.c - summaries of runs (GSL) and concentration measures. */
#include "analysis/stats.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Ascending LSD radix sort of doubles (no NaN): each double's bits made
 * into an unsigned key that orders as the double does; 11-bit digits, a
 * digit every key shares skipped.  A study sorts every metric's runs. */
static void
sort_doubles (double *values, gsize n)
{
  enum { BITS = 11, BUCKETS = 1 << BITS };
  g_autofree guint64 *keys = g_new (guint64, n), *tmp = g_new (guint64, n);
  for (gsize k = 0; k < n; k++)
    {
      guint64 u;
      double v = values[k] == 0 ? 0.0 : values[k]; /* -0 sorts as 0 */
      memcpy (&u, &v, sizeof u);
      keys[k] = (u >> 63) ? ~u : u | (G_GUINT64_CONSTANT (1) << 63);
    }
  /* Every digit's histogram in one pass. */
  enum { PASSES = (64 + BITS - 1) / BITS };
  g_autofree gsize *counts = g_new0 (gsize, (gsize) PASSES * BUCKETS);
  for (gsize k = 0; k < n; k++)
    for (guint p = 0; p < PASSES; p++)
      counts[p * BUCKETS + ((keys[k] >> (p * BITS)) & (BUCKETS - 1))]++;
  for (guint p = 0; p < PASSES; p++)
    {
      gsize *count = counts + (gsize) p * BUCKETS;
      guint shift = p * BITS;
      if (count[(keys[0] >> shift) & (BUCKETS - 1)] == n)
        continue;
      gsize sum = 0;
      for (guint b = 0; b < BUCKETS; b++)
        {
          gsize c = count[b];
          count[b] = sum;
          sum += c;
        }
      for (gsize k = 0; k < n; k++)
        tmp[count[(keys[k] >> shift) & (BUCKETS - 1)]++] = keys[k];
      guint64 *swap = keys;
      keys = tmp;
      tmp = swap;
    }
  for (gsize k = 0; k < n; k++)
    {
      guint64 u = (keys[k] >> 63) ? keys[k] & ~(G_GUINT64_CONSTANT (1) << 63) : ~keys[k];
      memcpy (&values[k], &u, sizeof u);
    }
}

void
pocsim_summarize (double *values, gsize n, PocsimSummary *out)
{
  gsize m = 0;
  gboolean constant = TRUE;
  for (gsize k = 0; k < n; k++)
    if (!isnan (values[k]))
      {
        constant &= m == 0 || values[k] == values[0];
        values[m++] = values[k];
      }
  out->n = m;
  out->mean = out->sd = out->min = out->p05 = out->p25 = out->median = out->p75 = out->p95 = out->max = NAN;
  if (m == 0)
    return;
  /* Many metrics do not move over a grid point's runs: nothing to sort. */
  if (!constant)
    sort_doubles (values, m);
  out->mean = gsl_stats_mean (values, 1, m);
  if (m >= 2)
    out->sd = gsl_stats_sd_m (values, 1, m, out->mean);
  out->min = values[0];
  out->max = values[m - 1];
  out->p05 = gsl_stats_quantile_from_sorted_data (values, 1, m, 0.05);
  out->p25 = gsl_stats_quantile_from_sorted_data (values, 1, m, 0.25);
  out->median = gsl_stats_quantile_from_sorted_data (values, 1, m, 0.5);
  out->p75 = gsl_stats_quantile_from_sorted_data (values, 1, m, 0.75);
  out->p95 = gsl_stats_quantile_from_sorted_data (values, 1, m, 0.95);
}

guint
pocsim_summarize_column (const double *values, gsize runs, gsize stride, PocsimValueType type, double *scratch,
                         PocsimSummary out[POCSIM_STUDY_N_MODES], int categories[POCSIM_STUDY_N_MODES])
{
  if (type != POCSIM_VALUE_MODE)
    {
      for (gsize r = 0; r < runs; r++)
        scratch[r] = values[r * stride];
      pocsim_summarize (scratch, runs, &out[0]);
      categories[0] = 0;
      return 1;
    }
  guint n = 0;
  for (int cat = 1; cat <= POCSIM_STUDY_N_MODES; cat++)
    {
      gboolean seen = FALSE;
      for (gsize r = 0; r < runs; r++)
        {
          double v = values[r * stride];
          scratch[r] = isnan (v) ? NAN : v == cat;
          seen |= v == cat;
        }
      if (!seen)
        continue;
      pocsim_summarize (scratch, runs, &out[n]);
      categories[n++] = cat;
    }
  return n;
}

void
pocsim_transpose (const double *in, gsize rows, gsize cols, gsize c0, gsize c1, double *out)
{
  enum { TILE = 32 };
  for (gsize r0 = 0; r0 < rows; r0 += TILE)
    for (gsize t = c0; t < c1; t += TILE)
      for (gsize r = r0; r < MIN (r0 + TILE, rows); r++)
        for (gsize c = t; c < MIN (t + TILE, c1); c++)
          out[(c - c0) * rows + r] = in[r * cols + c];
}

static int
descending (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x < y) - (x > y);
}

gint64
pocsim_nakamoto (gint64 *weights, gsize n, gint64 num, gint64 den)
{
  qsort (weights, n, sizeof *weights, descending);
  return pocsim_nakamoto_sorted (weights, n, num, den);
}

gint64
pocsim_nakamoto_sorted (const gint64 *weights, gsize n, gint64 num, gint64 den)
{
  __int128 total = 0;
  for (gsize k = 0; k < n; k++)
    total += weights[k];
  if (total <= 0)
    return -1;
  __int128 sum = 0;
  for (gsize k = 0; k < n; k++)
    {
      sum += weights[k];
      if (sum * den > total * num)
        return (gint64) k + 1;
    }
  return (gint64) n;
}

double
pocsim_gini (gint64 *weights, gsize n)
{
  qsort (weights, n, sizeof *weights, descending);
  return pocsim_gini_sorted (weights, n);
}

double
pocsim_gini_sorted (const gint64 *weights, gsize n)
{
  if (n == 0)
    return NAN;
  /* G = 2 Σ i·x_(i) / (n Σ x) - (n + 1) / n, i from 1 with x ascending:
   * the largest first here, so its rank is n - k. */
  __int128 total = 0, ranked = 0;
  for (gsize k = 0; k < n; k++)
    {
      total += weights[k];
      ranked += (__int128) (n - k) * weights[k];
    }
  if (total <= 0)
    return NAN;
  return 2.0 * (double) ranked / ((double) n * (double) total) - (double) (n + 1) / (double) n;
}
