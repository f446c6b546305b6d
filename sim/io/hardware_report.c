/* hardware_report.c - `pocsim hardware` reports: JSON, CSV and tables. */
#include "io/hardware_report.h"

#include <math.h>

#include "io/json_autoptr.h"
#include "io/result_csv.h"

/* Reals with 6 significant digits: the statistics are not more precise. */
#define REAL_FLAGS (JSON_INDENT (2) | JSON_REAL_PRECISION (6))

static gboolean
dump (json_t *doc, FILE *out)
{
  gboolean ok = json_dumpf (doc, out, REAL_FLAGS) == 0;
  return ok && fputc ('\n', out) != EOF;
}

static const PocsimHwModel *
model_at (const PocsimHardwareData *d, guint m)
{
  return &g_array_index (d->models, PocsimHwModel, m);
}

static const PocsimGpuSpec *
spec_at (const PocsimHostEstimates *e, guint k)
{
  return &g_array_index (e->specs, PocsimGpuSpec, k);
}

static const PocsimPocEstimate *
node_estimate (const PocsimHostEstimates *e, guint m, guint k)
{
  return &e->per_node[(gsize) m * e->specs->len + k];
}

char *
pocsim_poc_estimate_range (const PocsimPocEstimate *est)
{
  if (est->source == POCSIM_POC_EST_NONE)
    return g_strdup ("-");
  return g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, est->low, est->high);
}

/* The descriptions of a host's ML node estimates, joined by "; ". */
static char *
nodes_description (const PocsimHardwareData *d, const GArray *specs, const PocsimPocEstimate *per_node)
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < specs->len; k++)
    {
      const PocsimGpuSpec *spec = &g_array_index (specs, PocsimGpuSpec, k);
      g_autofree char *one = pocsim_poc_estimate_describe (d, spec, &per_node[k]);
      if (specs->len > 1)
        {
          g_autofree char *name = pocsim_gpu_spec_format (spec);
          g_string_append_printf (s, "%s%s: %s", k ? "; " : "", name, one);
        }
      else
        g_string_append (s, one);
    }
  return g_string_free (s, FALSE);
}

static char *
model_description (const PocsimHostEstimates *e, guint m)
{
  return nodes_description (e->data, e->specs, node_estimate (e, m, 0));
}

char *
pocsim_host_estimate_text (const PocsimHardwareData *d, const GArray *specs, const PocsimPocEstimate *per_node,
                           const PocsimPocEstimate *total)
{
  g_autofree char *nodes = nodes_description (d, specs, per_node);
  if (total->source == POCSIM_POC_EST_NONE)
    return g_steal_pointer (&nodes);
  g_autofree char *range = pocsim_poc_estimate_range (total);
  return g_strdup_printf ("%" G_GINT64_FORMAT " (range %s): %s", total->weight, range, nodes);
}

static json_t *
weight_or_null (const PocsimPocEstimate *est, gint64 value)
{
  return est->source == POCSIM_POC_EST_NONE ? json_null () : json_integer (value);
}

/* Sets the estimate's fields on j; returns j. */
static json_t *
estimate_json (json_t *j, const PocsimPocEstimate *est)
{
  json_object_set_new (j, "source", json_string (pocsim_poc_est_source_name (est->source)));
  json_object_set_new (j, "poc_weight", weight_or_null (est, est->weight));
  json_object_set_new (j, "low", weight_or_null (est, est->low));
  json_object_set_new (j, "high", weight_or_null (est, est->high));
  json_object_set_new (j, "chain_nodes", json_integer (est->n_nodes));
  return j;
}

static json_t *
data_json (const PocsimHardwareData *d)
{
  return json_pack ("{s:I, s:I, s:I, s:I}", "epoch", (json_int_t) d->epoch, "block_height",
                    (json_int_t) d->block_height, "chain_nodes", (json_int_t) d->nodes->len, "benchmarks",
                    (json_int_t) d->benchmarks->len);
}

gboolean
pocsim_host_estimates_write_json (const PocsimHostEstimates *e, FILE *out)
{
  const PocsimHardwareData *d = e->data;
  g_autofree char *gpus = pocsim_gpu_specs_format (e->specs);
  json_t *models = json_array ();
  for (guint m = 0; m < d->models->len; m++)
    {
      json_t *j = json_pack ("{s:s, s:f}", "model_id", model_at (d, m)->id, "weight_scale_factor",
                             model_at (d, m)->weight_scale_factor);
      estimate_json (j, &e->totals[m]);
      json_t *nodes = json_array ();
      for (guint k = 0; k < e->specs->len; k++)
        {
          const PocsimPocEstimate *est = node_estimate (e, m, k);
          g_autofree char *spec = pocsim_gpu_spec_format (spec_at (e, k));
          g_autofree char *text = pocsim_poc_estimate_describe (d, spec_at (e, k), est);
          json_t *n = estimate_json (json_pack ("{s:s}", "gpus", spec), est);
          json_object_set_new (n, "description", json_string (text));
          if (est->source == POCSIM_POC_EST_BENCHMARK)
            json_object_set_new (n, "benchmark", json_pack ("{s:s, s:f, s:i, s:f, s:f, s:f, s:i}", "label",
                                                            est->benchmark->label, "nonces_per_min_8gpu",
                                                            est->benchmark->nonces_per_min_8gpu,
                                                            "tensor_parallel_size",
                                                            (int) est->benchmark->tensor_parallel_size, "factor",
                                                            est->fit.factor, "factor_low", est->fit.low,
                                                            "factor_high", est->fit.high, "fitted_pairs",
                                                            (int) est->fit.n_pairs));
          json_array_append_new (nodes, n);
        }
      json_object_set_new (j, "ml_nodes", nodes);
      json_array_append_new (models, j);
    }
  g_autoptr (json_t) doc = json_pack ("{s:s, s:s, s:o, s:o}", "format", "pocsim-hardware/1", "gpus", gpus, "data",
                                      data_json (d), "models", models);
  return dump (doc, out);
}

gboolean
pocsim_host_estimates_write_csv (const PocsimHostEstimates *e, FILE *out)
{
  static const char *const header[] = { "model_id", "gpus", "source", "poc_weight", "low", "high", "chain_nodes",
                                        "description" };
  g_autofree char *gpus = pocsim_gpu_specs_format (e->specs);
  gboolean ok = pocsim_csv_write_row (out, header, G_N_ELEMENTS (header));
  for (guint m = 0; ok && m < e->data->models->len; m++)
    {
      const PocsimPocEstimate *t = &e->totals[m];
      gboolean none = t->source == POCSIM_POC_EST_NONE;
      g_autofree char *w = none ? g_strdup ("") : g_strdup_printf ("%" G_GINT64_FORMAT, t->weight);
      g_autofree char *lo = none ? g_strdup ("") : g_strdup_printf ("%" G_GINT64_FORMAT, t->low);
      g_autofree char *hi = none ? g_strdup ("") : g_strdup_printf ("%" G_GINT64_FORMAT, t->high);
      g_autofree char *n = g_strdup_printf ("%u", t->n_nodes);
      g_autofree char *text = model_description (e, m);
      const char *row[] = { model_at (e->data, m)->id, gpus, pocsim_poc_est_source_name (t->source), w, lo, hi, n,
                            text };
      ok = pocsim_csv_write_row (out, row, G_N_ELEMENTS (row));
    }
  return ok;
}

static void
write_data_line (const PocsimHardwareData *d, FILE *out)
{
  fprintf (out, "data: mainnet epoch %" G_GINT64_FORMAT " (block %" G_GINT64_FORMAT "): %u ML nodes' PoC weights, %u benchmark rates\n",
           d->epoch, d->block_height, d->nodes->len, d->benchmarks->len);
}

static void
write_estimate_line (const char *label, const PocsimPocEstimate *est, const char *source, FILE *out)
{
  g_autofree char *range = pocsim_poc_estimate_range (est);
  g_autofree char *weight = est->source == POCSIM_POC_EST_NONE ? g_strdup ("-")
                                                                 : g_strdup_printf ("%" G_GINT64_FORMAT, est->weight);
  fprintf (out, "%-36s %9s %13s  %s\n", label, weight, range, source);
}

gboolean
pocsim_host_estimates_write_table (const PocsimHostEstimates *e, FILE *out)
{
  const PocsimHardwareData *d = e->data;
  g_autofree char *gpus = pocsim_gpu_specs_format (e->specs);
  fprintf (out, "pocsim %s  PoC weight from hardware  host %s\n", POCSIM_VERSION, gpus);
  write_data_line (d, out);
  fprintf (out, "\n%-36s %9s %13s  %s\n", "MODEL", "ESTIMATE", "RANGE", "SOURCE");
  for (guint m = 0; m < d->models->len; m++)
    {
      const PocsimPocEstimate *t = &e->totals[m];
      if (e->specs->len == 1)
        {
          g_autofree char *text = model_description (e, m);
          write_estimate_line (model_at (d, m)->id, t, text, out);
          continue;
        }
      write_estimate_line (model_at (d, m)->id, t,
                           t->source == POCSIM_POC_EST_NONE ? "no estimate: one ML node has none" : "sum of the ML nodes",
                           out);
      for (guint k = 0; k < e->specs->len; k++)
        {
          const PocsimPocEstimate *est = node_estimate (e, m, k);
          g_autofree char *spec = pocsim_gpu_spec_format (spec_at (e, k));
          g_autofree char *label = g_strdup_printf ("  %s", spec);
          g_autofree char *text = pocsim_poc_estimate_describe (d, spec_at (e, k), est);
          write_estimate_line (label, est, text, out);
        }
    }
  fprintf (out, "\nESTIMATE  the host's raw PoC weight for the model (before its weight_scale_factor), rounded\n"
                "RANGE     lowest-highest of the values it is from: the on-chain nodes' weights (per GPU x count\n"
                "          when scaled), or the benchmark times the smallest and largest fitted factor\n"
                "SOURCE    chain: median of the on-chain nodes with the same GPU type and count (at least %d);\n"
                "          per GPU: median per-GPU weight of the type's on-chain nodes x the GPU count;\n"
                "          benchmark: nonces/min x a factor fitted on model/GPU pairs with both (docs/whatif.md)\n",
           POCSIM_POC_EST_MIN_SAME);
  return TRUE;
}

/* ---- leave-one-out ---- */

static double
round2 (double x)
{
  return round (x * 100) / 100;
}

static json_t *
loo_row_json (const PocsimLooRow *row, const char *label)
{
  return json_pack ("{s:s, s:i, s:i, s:{s:i, s:i, s:i}, s:f, s:f}", "model_id", label, "chain_nodes",
                    (int) row->n_nodes, "evaluated", (int) row->n_evaluated, "by_source", "chain",
                    (int) row->by_source[POCSIM_POC_EST_CHAIN], "chain-per-gpu",
                    (int) row->by_source[POCSIM_POC_EST_CHAIN_PER_GPU], "benchmark",
                    (int) row->by_source[POCSIM_POC_EST_BENCHMARK], "median_abs_pct_error",
                    round2 (row->median_abs_pct), "p90_abs_pct_error", round2 (row->p90_abs_pct));
}

static const char *
loo_label (const PocsimLooRow *row)
{
  return row->model_id ? row->model_id : "all";
}

gboolean
pocsim_loo_write_json (const PocsimLooReport *r, FILE *out)
{
  json_t *list = json_array ();
  for (guint k = 0; k < r->rows->len; k++)
    {
      const PocsimLooRow *row = &g_array_index (r->rows, PocsimLooRow, k);
      json_array_append_new (list, loo_row_json (row, loo_label (row)));
    }
  g_autoptr (json_t) doc
    = json_pack ("{s:s, s:o, s:o, s:o, s:{s:i, s:f, s:f, s:f}}", "format", "pocsim-hardware-loo/1", "data",
                 data_json (r->data), "models", list, "benchmark_route", loo_row_json (&r->benchmark, "all"),
                 "benchmark_factor", "fitted_pairs", (int) r->fit.n_pairs, "factor", r->fit.factor, "low",
                 r->fit.low, "high", r->fit.high);
  return dump (doc, out);
}

static gboolean
loo_row_csv (const char *evaluation, const PocsimLooRow *row, FILE *out)
{
  g_autofree char *n = g_strdup_printf ("%u", row->n_nodes);
  g_autofree char *ev = g_strdup_printf ("%u", row->n_evaluated);
  g_autofree char *c0 = g_strdup_printf ("%u", row->by_source[POCSIM_POC_EST_CHAIN]);
  g_autofree char *c1 = g_strdup_printf ("%u", row->by_source[POCSIM_POC_EST_CHAIN_PER_GPU]);
  g_autofree char *c2 = g_strdup_printf ("%u", row->by_source[POCSIM_POC_EST_BENCHMARK]);
  g_autofree char *med = g_strdup_printf ("%.2f", row->median_abs_pct);
  g_autofree char *p90 = g_strdup_printf ("%.2f", row->p90_abs_pct);
  const char *fields[] = { evaluation, loo_label (row), n, ev, c0, c1, c2, med, p90 };
  return pocsim_csv_write_row (out, fields, G_N_ELEMENTS (fields));
}

gboolean
pocsim_loo_write_csv (const PocsimLooReport *r, FILE *out)
{
  static const char *const header[] = { "evaluation", "model_id", "chain_nodes", "evaluated", "chain",
                                        "chain_per_gpu", "benchmark", "median_abs_pct_error", "p90_abs_pct_error" };
  gboolean ok = pocsim_csv_write_row (out, header, G_N_ELEMENTS (header));
  for (guint k = 0; ok && k < r->rows->len; k++)
    ok = loo_row_csv ("leave-one-node-out", &g_array_index (r->rows, PocsimLooRow, k), out);
  return ok && loo_row_csv ("benchmark-leave-one-pair-out", &r->benchmark, out);
}

static void
loo_row_table (const PocsimLooRow *row, const char *label, FILE *out)
{
  fprintf (out, "%-36s %6u %5u %6u %8u %6u %10.1f%% %7.1f%%\n", label, row->n_nodes, row->n_evaluated,
           row->by_source[POCSIM_POC_EST_CHAIN], row->by_source[POCSIM_POC_EST_CHAIN_PER_GPU],
           row->by_source[POCSIM_POC_EST_BENCHMARK], row->median_abs_pct, row->p90_abs_pct);
}

gboolean
pocsim_loo_write_table (const PocsimLooReport *r, FILE *out)
{
  fprintf (out, "pocsim %s  PoC weight from hardware: leave-one-out\n", POCSIM_VERSION);
  write_data_line (r->data, out);
  fprintf (out, "\nEach ML node estimated from the other nodes, as `pocsim hardware --gpus COUNTxTYPE` would:\n");
  fprintf (out, "%-36s %6s %5s %6s %8s %6s %11s %8s\n", "MODEL", "NODES", "EVAL", "CHAIN", "PER_GPU", "BENCH",
           "MEDIAN_ERR", "P90_ERR");
  for (guint k = 0; k < r->rows->len; k++)
    {
      const PocsimLooRow *row = &g_array_index (r->rows, PocsimLooRow, k);
      loo_row_table (row, loo_label (row), out);
    }
  fprintf (out, "\nThe benchmark route alone, on the nodes of the model/GPU pairs that have a benchmark,\n"
                "each pair's factor fitted on the other pairs:\n");
  loo_row_table (&r->benchmark, "all", out);
  fprintf (out, "\nbenchmark factor (every node): %.3f min, the median over %u model/GPU pairs (%.3f to %.3f)\n",
           r->fit.factor, r->fit.n_pairs, r->fit.low, r->fit.high);
  fprintf (out, "\nNODES       on-chain ML nodes\n"
                "EVAL        nodes estimated (a known GPU type, and an estimate from the other nodes)\n"
                "CHAIN, PER_GPU, BENCH  the route each evaluated node's estimate took\n"
                "MEDIAN_ERR, P90_ERR    median and 90th percentile of |estimate - weight| / weight\n");
  return TRUE;
}
