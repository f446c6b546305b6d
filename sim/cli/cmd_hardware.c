/* cmd_hardware.c - `pocsim hardware`: a host's PoC weight per model,
 * estimated from its GPUs, and how well that estimate does on the on-chain
 * nodes (leave-one-out). */
#include <stdio.h>
#include <stdlib.h>

#include "analysis/poc_estimate.h"
#include "cli/cli.h"
#include "core/error.h"
#include "io/hardware_csv.h"
#include "io/hardware_report.h"
#include "io/output.h"

typedef struct {
  char **gpus;
  char *data, *format_name, *output;
  gboolean evaluate;
} Options;

PocsimHardwareData *
pocsim_cli_load_hardware (const char *dir, GError **error)
{
  if (dir == NULL)
    dir = g_getenv ("POCSIM_HARDWARE_DATA");
  gboolean installed = dir == NULL || *dir == '\0';
  g_autofree char *uninstalled = NULL;
  if (installed && !g_file_test (POCSIM_PKGDATADIR "/epoch403", G_FILE_TEST_IS_DIR)
      /* a pocsim run from its source tree, never installed (the README's quick start) */
      && (uninstalled = pocsim_cli_beside_self ("data/epoch403", G_FILE_TEST_IS_DIR)) != NULL)
    dir = uninstalled;
  else if (installed)
    dir = POCSIM_PKGDATADIR "/epoch403";
  g_autoptr (GError) local = NULL;
  PocsimHardwareData *d = pocsim_hardware_data_load (dir, &local);
  if (d == NULL && installed && uninstalled == NULL && local->code == POCSIM_ERROR_IO)
    {
      /* Run from a build tree that was never installed, most likely. */
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO,
                   "%s (the hardware data is installed with pocsim; give --data DIR or set POCSIM_HARDWARE_DATA, "
                   "e.g. to data/epoch403 of the source tree)", local->message);
      return NULL;
    }
  if (d == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return d;
}

/* Every model's estimate for the host; fills e (per_node and totals are new
 * arrays the caller frees). */
static gboolean
estimate_all (const PocsimHardwareData *d, const GArray *specs, PocsimHostEstimates *e, GError **error)
{
  guint n_models = d->models->len;
  PocsimPocEstimate *totals = g_new0 (PocsimPocEstimate, n_models);
  PocsimPocEstimate *per_node = g_new0 (PocsimPocEstimate, (gsize) n_models * specs->len);
  *e = (PocsimHostEstimates) { d, specs, totals, per_node };
  for (guint m = 0; m < n_models; m++)
    if (!pocsim_poc_estimate_host (d, m, (const PocsimGpuSpec *) specs->data, specs->len,
                                   per_node + (gsize) m * specs->len, &totals[m], error))
      return FALSE;
  return TRUE;
}

static gboolean
write_estimates (const PocsimHardwareData *d, const GArray *specs, PocsimFormat format, FILE *out, GError **error)
{
  PocsimHostEstimates e;
  gboolean ok = estimate_all (d, specs, &e, error);
  if (ok)
    {
      if (format == POCSIM_FORMAT_JSON)
        pocsim_host_estimates_write_json (&e, out);
      else if (format == POCSIM_FORMAT_CSV)
        pocsim_host_estimates_write_csv (&e, out);
      else
        pocsim_host_estimates_write_table (&e, out);
    }
  g_free ((gpointer) e.totals);
  g_free ((gpointer) e.per_node);
  return ok;
}

static gboolean
write_evaluation (const PocsimHardwareData *d, PocsimFormat format, FILE *out, GError **error)
{
  g_autoptr (GArray) rows = pocsim_poc_estimate_leave_one_out (d, error);
  PocsimLooReport report = { d, rows, { 0 }, pocsim_bench_fit (d, POCSIM_POC_EST_NO_SKIP) };
  if (rows == NULL || !pocsim_poc_estimate_benchmark_loo (d, &report.benchmark, error))
    return FALSE;
  if (format == POCSIM_FORMAT_JSON)
    pocsim_loo_write_json (&report, out);
  else if (format == POCSIM_FORMAT_CSV)
    pocsim_loo_write_csv (&report, out);
  else
    pocsim_loo_write_table (&report, out);
  return TRUE;
}

static int
hardware (const Options *o, int argc, PocsimFormat format)
{
  if (argc != 1 || (o->gpus == NULL) == !o->evaluate)
    {
      fprintf (stderr, "pocsim: hardware needs --gpus COUNTxTYPE (repeatable) or --evaluate, and no argument (see --help)\n");
      return POCSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) specs = o->gpus ? pocsim_gpu_specs_parse ((const char *const *) o->gpus, &error) : NULL;
  if (o->gpus && specs == NULL)
    return pocsim_cli_fail (error);
  g_autoptr (PocsimHardwareData) d = pocsim_cli_load_hardware (o->data, &error);
  if (d == NULL)
    return pocsim_cli_fail (error);
  PocsimOutput *out = pocsim_output_open (o->output, &error);
  if (out == NULL)
    return pocsim_cli_fail (error);
  if (format == POCSIM_FORMAT_AUTO)
    format = pocsim_output_is_tty (out) ? POCSIM_FORMAT_TABLE : POCSIM_FORMAT_JSON;
  FILE *stream = pocsim_output_stream (out);
  gboolean ok = specs ? write_estimates (d, specs, format, stream, &error) : write_evaluation (d, format, stream, &error);
  if (!ok)
    {
      pocsim_output_abort (out);
      return pocsim_cli_fail (error);
    }
  if (ferror (stream))
    {
      pocsim_output_abort (out);
      fprintf (stderr, "pocsim: %s: write error\n", o->output ? o->output : "<stdout>");
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (!pocsim_output_commit (out, &error))
    return pocsim_cli_fail (error);
  return POCSIM_EXIT_OK;
}

int
pocsim_cmd_hardware (int argc, char **argv)
{
  Options o = { 0 };
  /* Keep in step with docs/pocsim-hardware.1. */
  GOptionEntry entries[] = {
    { "gpus", 'g', 0, G_OPTION_ARG_STRING_ARRAY, &o.gpus,
      "One ML node's GPUs, COUNTxTYPE (e.g. 8xH100); repeatable, or comma-separated", "SPEC" },
    { "evaluate", 'e', 0, G_OPTION_ARG_NONE, &o.evaluate,
      "Instead, estimate every on-chain node from the others and report the error", NULL },
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &o.data,
      "Hardware data directory (default: $POCSIM_HARDWARE_DATA, else the installed epoch403, else data/epoch403 beside an uninstalled pocsim)", "DIR" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &o.format_name, "json, csv or table (default: table on a terminal, else json)", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output, "Write to FILE (atomically) instead of stdout", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- a host's PoC weight per model, estimated from its GPUs");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Estimates the raw PoC weight (before the model's weight_scale_factor) a host with these\n"
    "ML nodes would have for each model, from the on-chain PoC weights of mainnet epoch 403's\n"
    "ML nodes with the same GPUs, or, where no node ran the model on that GPU type, from\n"
    "benchmark nonce rates times a factor fitted on the pairs that have both.  Each estimate\n"
    "comes with the range of the values it is from and says which route it took.\n"
    "GPU types: A100, B200, B300, H100, H100-PCIe, H20, H200, H200-NVL, RTX-PRO-6000 (any\n"
    "case; a node's reported name such as \"NVIDIA H100 80GB HBM3\" works too).\n"
    "`pocsim whatif --gpus` uses the same estimate for its \"run\" rows.  The method and its\n"
    "error: docs/whatif.md, \"PoC weight from hardware\".\n\n"
    "Exit status: 0 ok, 2 bad input or usage, 3 internal error.\n");
  int status = POCSIM_EXIT_BAD_INPUT;
  PocsimFormat format;
  if (pocsim_cli_parse (context, &argc, &argv) && pocsim_cli_parse_format (o.format_name, &format))
    status = hardware (&o, argc, format);
  g_strfreev (o.gpus);
  g_free (o.data), g_free (o.format_name), g_free (o.output);
  return status;
}
