/* poc_estimate.c - PoC weight from hardware: medians of on-chain nodes,
 * benchmark rates scaled by a fitted factor, and the leave-one-out check. */
#include "analysis/poc_estimate.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>

#include "core/error.h"

/* ---- small statistics over a GArray of double (sorted in place) ---- */

static double
median (GArray *values)
{
  gsl_sort ((double *) values->data, 1, values->len);
  return gsl_stats_median_from_sorted_data ((const double *) values->data, 1, values->len);
}

static double
quantile (GArray *values, double p)
{
  gsl_sort ((double *) values->data, 1, values->len);
  return gsl_stats_quantile_from_sorted_data ((const double *) values->data, 1, values->len, p);
}

static double
first (const GArray *values)
{
  return g_array_index (values, double, 0);
}

static double
last (const GArray *values)
{
  return g_array_index (values, double, values->len - 1);
}

/* Nearest integer, halves up; FALSE outside int64. */
static gboolean
to_weight (double x, gint64 *out, GError **error)
{
  if (!(x > -9.2e18 && x < 9.2e18))
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW, "an estimated PoC weight (%g) leaves int64", x);
      return FALSE;
    }
  *out = (gint64) floor (x + 0.5);
  return TRUE;
}

/* ---- on-chain values ---- */

static gboolean
usable (const PocsimHardwareData *d, guint k, guint skip, guint32 model, PocsimGpuType gpu)
{
  const PocsimHwNode *n = &g_array_index (d->nodes, PocsimHwNode, k);
  return k != skip && n->model == model && n->gpu == gpu && gpu != POCSIM_GPU_UNKNOWN;
}

/* The PoC weights of the nodes that ran `model` on `gpu`: of those with
 * `count` GPUs (count > 0), or per GPU of all of them (count 0). */
static GArray *
chain_values (const PocsimHardwareData *d, guint32 model, PocsimGpuType gpu, guint count, guint skip)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint k = 0; k < d->nodes->len; k++)
    {
      const PocsimHwNode *n = &g_array_index (d->nodes, PocsimHwNode, k);
      if (!usable (d, k, skip, model, gpu) || (count > 0 && n->gpu_count != count))
        continue;
      double v = count > 0 ? (double) n->poc_weight : (double) n->poc_weight / n->gpu_count;
      g_array_append_val (values, v);
    }
  return values;
}

/* The fit without node `skip` and without benchmark `skip_benchmark`. */
static PocsimBenchFit
bench_fit (const PocsimHardwareData *d, guint skip, guint skip_benchmark)
{
  PocsimBenchFit fit = { 0 };
  g_autoptr (GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint k = 0; k < d->benchmarks->len; k++)
    {
      const PocsimHwBenchmark *b = &g_array_index (d->benchmarks, PocsimHwBenchmark, k);
      if (k == skip_benchmark)
        continue;
      g_autoptr (GArray) per_gpu = chain_values (d, b->model, b->gpu, 0, skip);
      if (per_gpu->len == 0)
        continue;
      double ratio = median (per_gpu) / (b->nonces_per_min_8gpu / 8);
      g_array_append_val (ratios, ratio);
    }
  if (ratios->len == 0)
    return fit;
  fit.n_pairs = ratios->len;
  fit.factor = median (ratios);
  fit.low = first (ratios);
  fit.high = last (ratios);
  return fit;
}

PocsimBenchFit
pocsim_bench_fit (const PocsimHardwareData *d, guint skip)
{
  return bench_fit (d, skip, G_MAXUINT);
}

/* ---- estimates ---- */

static gboolean
set_weights (PocsimPocEstimate *out, double mid, double low, double high, GError **error)
{
  return to_weight (mid, &out->weight, error) && to_weight (low, &out->low, error)
         && to_weight (high, &out->high, error);
}

/* The BENCHMARK route, with out->benchmark set. */
static gboolean
benchmark_estimate (PocsimPocEstimate *out, PocsimBenchFit fit, const PocsimGpuSpec *spec, GError **error)
{
  out->fit = fit;
  if (fit.n_pairs == 0)
    return TRUE;
  out->source = POCSIM_POC_EST_BENCHMARK;
  double rate = out->benchmark->nonces_per_min_8gpu / 8 * spec->count;
  return set_weights (out, fit.factor * rate, fit.low * rate, fit.high * rate, error);
}

gboolean
pocsim_poc_estimate_node (const PocsimHardwareData *d, guint32 model, const PocsimGpuSpec *spec, guint skip,
                          PocsimPocEstimate *out, GError **error)
{
  *out = (PocsimPocEstimate) { POCSIM_POC_EST_NONE, 0, 0, 0, 0, NULL, { 0 } };
  out->benchmark = pocsim_hardware_data_find_benchmark (d, model, spec->gpu);
  g_autoptr (GArray) same = chain_values (d, model, spec->gpu, spec->count, skip);
  if (same->len >= POCSIM_POC_EST_MIN_SAME)
    {
      out->source = POCSIM_POC_EST_CHAIN;
      out->n_nodes = same->len;
      double mid = median (same);
      return set_weights (out, mid, first (same), last (same), error);
    }
  g_autoptr (GArray) per_gpu = chain_values (d, model, spec->gpu, 0, skip);
  if (per_gpu->len > 0)
    {
      out->source = POCSIM_POC_EST_CHAIN_PER_GPU;
      out->n_nodes = per_gpu->len;
      double mid = median (per_gpu);
      return set_weights (out, mid * spec->count, first (per_gpu) * spec->count, last (per_gpu) * spec->count,
                          error);
    }
  if (out->benchmark == NULL)
    return TRUE;
  return benchmark_estimate (out, pocsim_bench_fit (d, skip), spec, error);
}

static gboolean
add_checked (gint64 *sum, gint64 x, GError **error)
{
  if (pocsim_add_i64 (*sum, x, sum))
    return TRUE;
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW, "the host's estimated PoC weight leaves int64");
  return FALSE;
}

gboolean
pocsim_poc_estimate_host (const PocsimHardwareData *d, guint32 model, const PocsimGpuSpec *specs, guint n_specs,
                          PocsimPocEstimate *per_node, PocsimPocEstimate *total, GError **error)
{
  *total = (PocsimPocEstimate) { POCSIM_POC_EST_CHAIN, 0, 0, 0, 0, NULL, { 0 } };
  gboolean none = n_specs == 0;
  for (guint k = 0; k < n_specs; k++)
    {
      PocsimPocEstimate *e = &per_node[k];
      if (!pocsim_poc_estimate_node (d, model, &specs[k], POCSIM_POC_EST_NO_SKIP, e, error))
        return FALSE;
      none = none || e->source == POCSIM_POC_EST_NONE;
      total->source = MAX (total->source, e->source);
      total->n_nodes += e->n_nodes;
      if (!add_checked (&total->weight, e->weight, error) || !add_checked (&total->low, e->low, error)
          || !add_checked (&total->high, e->high, error))
        return FALSE;
    }
  if (none)
    *total = (PocsimPocEstimate) { POCSIM_POC_EST_NONE, 0, 0, 0, 0, NULL, { 0 } };
  return TRUE;
}

gboolean
pocsim_poc_estimate_host_by_id (const PocsimHardwareData *d, const char *model_id, const GArray *specs,
                                PocsimPocEstimate *per_node, PocsimPocEstimate *total, GError **error)
{
  guint32 m = pocsim_hardware_data_find_model (d, model_id);
  if (m != POCSIM_HW_NO_MODEL)
    return pocsim_poc_estimate_host (d, m, (const PocsimGpuSpec *) specs->data, specs->len, per_node, total, error);
  PocsimPocEstimate none = { POCSIM_POC_EST_NONE, 0, 0, 0, 0, NULL, { 0 } };
  for (guint k = 0; k < specs->len; k++)
    per_node[k] = none;
  *total = none;
  return TRUE;
}

/* ---- leave-one-out ---- */

static void
close_row (PocsimLooRow *row, GArray *errors)
{
  row->n_evaluated = errors->len;
  if (errors->len > 0)
    {
      row->median_abs_pct = quantile (errors, 0.5);
      row->p90_abs_pct = quantile (errors, 0.9);
    }
}

static double
abs_pct_error (gint64 estimate, gint64 weight)
{
  return fabs ((double) estimate - (double) weight) / (double) weight * 100;
}

gboolean
pocsim_poc_estimate_benchmark_loo (const PocsimHardwareData *d, PocsimLooRow *out, GError **error)
{
  *out = (PocsimLooRow) { 0 };
  g_autoptr (GArray) errors = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint b = 0; b < d->benchmarks->len; b++)
    {
      const PocsimHwBenchmark *bench = &g_array_index (d->benchmarks, PocsimHwBenchmark, b);
      PocsimBenchFit fit = bench_fit (d, POCSIM_POC_EST_NO_SKIP, b);
      for (guint k = 0; k < d->nodes->len; k++)
        {
          const PocsimHwNode *n = &g_array_index (d->nodes, PocsimHwNode, k);
          if (!usable (d, k, POCSIM_POC_EST_NO_SKIP, bench->model, bench->gpu))
            continue;
          out->n_nodes++;
          PocsimGpuSpec spec = { n->gpu, n->gpu_count };
          PocsimPocEstimate est = { .benchmark = bench };
          if (n->poc_weight <= 0)
            continue;
          if (!benchmark_estimate (&est, fit, &spec, error))
            return FALSE;
          if (est.source != POCSIM_POC_EST_BENCHMARK)
            continue;
          double pct = abs_pct_error (est.weight, n->poc_weight);
          g_array_append_val (errors, pct);
          out->by_source[POCSIM_POC_EST_BENCHMARK]++;
        }
    }
  close_row (out, errors);
  return TRUE;
}

GArray *
pocsim_poc_estimate_leave_one_out (const PocsimHardwareData *d, GError **error)
{
  guint n_models = d->models->len;
  g_autoptr (GArray) rows = g_array_sized_new (FALSE, TRUE, sizeof (PocsimLooRow), n_models + 1);
  g_array_set_size (rows, n_models + 1);
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint m = 0; m <= n_models; m++)
    {
      g_array_index (rows, PocsimLooRow, m).model_id = m < n_models ? g_array_index (d->models, PocsimHwModel, m).id
                                                                    : NULL;
      g_ptr_array_add (errors, g_array_new (FALSE, FALSE, sizeof (double)));
    }
  for (guint k = 0; k < d->nodes->len; k++)
    {
      const PocsimHwNode *n = &g_array_index (d->nodes, PocsimHwNode, k);
      PocsimLooRow *row = &g_array_index (rows, PocsimLooRow, n->model);
      PocsimLooRow *all = &g_array_index (rows, PocsimLooRow, n_models);
      row->n_nodes++, all->n_nodes++;
      if (n->gpu == POCSIM_GPU_UNKNOWN || n->poc_weight <= 0)
        continue;
      PocsimGpuSpec spec = { n->gpu, n->gpu_count };
      PocsimPocEstimate est;
      if (!pocsim_poc_estimate_node (d, n->model, &spec, k, &est, error))
        return NULL;
      if (est.source == POCSIM_POC_EST_NONE)
        continue;
      double pct = abs_pct_error (est.weight, n->poc_weight);
      row->by_source[est.source]++, all->by_source[est.source]++;
      g_array_append_val (g_ptr_array_index (errors, n->model), pct);
      g_array_append_val (g_ptr_array_index (errors, n_models), pct);
    }
  for (guint m = 0; m <= n_models; m++)
    close_row (&g_array_index (rows, PocsimLooRow, m), g_ptr_array_index (errors, m));
  return g_steal_pointer (&rows);
}
