/* cmd_epoch.c - `pocsim epoch CASE`: one formation, printed. */
#include <stdio.h>
#include <string.h>

#include "analysis/explain.h"
#include "cli/cli.h"
#include "core/error.h"
#include "io/case_load.h"
#include "io/meta.h"
#include "io/output.h"
#include "io/result_csv.h"
#include "io/result_json.h"
#include "io/result_table.h"
#include "rules/epoch.h"

static const char *const format_names[] = { "auto", "json", "csv", "table" };

static gboolean
write_result (const PocsimEpochResult *r, PocsimFormat format, char **settings, PocsimOutput *out)
{
  FILE *stream = pocsim_output_stream (out);
  switch (format)
    {
    case POCSIM_FORMAT_CSV: return pocsim_result_write_csv (r, stream);
    case POCSIM_FORMAT_TABLE: return pocsim_result_write_table_with (r, (const char *const *) settings, stream);
    default: return pocsim_result_write_json (r, stream);
    }
}

/* --explain ADDR: the host's rule trace, text only. */
static gboolean
write_explain (const PocsimEpochResult *r, guint32 a, PocsimOutput *out)
{
  return pocsim_explain_host (r, a, pocsim_output_stream (out));
}

/* The metadata sidecar, kept until the report is in place. */
static PocsimOutput *
open_meta (const char *meta_path, const PocsimMeta *meta, GError **error)
{
  PocsimOutput *meta_out = pocsim_output_open (meta_path, error);
  if (meta_out != NULL && !pocsim_meta_write (meta, pocsim_output_stream (meta_out)))
    {
      pocsim_output_abort (meta_out);
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: write error", meta_path);
      return NULL;
    }
  return meta_out;
}

int
pocsim_cmd_epoch (int argc, char **argv)
{
  g_autofree char *rules = NULL, *format_name = NULL, *output = NULL, *meta_path = NULL, *explain = NULL;
  g_auto (GStrv) settings = NULL;
  /* Keep in step with docs/pocsim-epoch.1. */
  GOptionEntry entries[] = {
    { "rules", 'r', 0, G_OPTION_ARG_STRING, &rules, "Rule set (see 'pocsim rules'); overrides the case's", "R" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &settings,
      "Override a value of the case, e.g. params.delegation_params.w_threshold=0.2 (repeatable; the paths of "
      "pocsim-sweep(1) axes; checked as the case is)", "PATH=VALUE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      "json, csv or table (default: table on a terminal, else json)", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to FILE instead of stdout (a file is replaced whole, with the metadata in FILE.meta.json; "
      "a FIFO or device is written into)", "FILE" },
    { "explain", 'x', 0, G_OPTION_ARG_STRING, &explain,
      "Print the rule trace of host ADDR (mode and why, penalties, transfers, caps, voting power) instead", "ADDR" },
    { "meta", 'm', 0, G_OPTION_ARG_FILENAME, &meta_path,
      "Write the metadata (pocsim-meta/1: version, rule set, input SHA-256) to FILE", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("CASE - form the next epoch from one case");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
                                    "Reads a pocsim-case/1 document (docs/case-format.md; '-' = stdin), a\n"
                                    "snapshot directory (docs/snapshots.md) or a participants plan CASE.csv\n"
                                    "(docs/csv-input.md) and prints what the chain computes at the end of the\n"
                                    "upcoming epoch's PoC validation: pre-eligibility, groups, modes,\n"
                                    "penalties, transfers, final weights and per-model voting powers.  With -o\n"
                                    "or --meta, a metadata sidecar (docs/csv-output.md) records the version,\n"
                                    "rule set, input SHA-256 and the --set values.  --set PATH=VALUE changes one\n"
                                    "value of the case before it is formed: the case is written as its document,\n"
                                    "the value set at PATH and the document read again, so a value the case\n"
                                    "could not hold is refused, naming the --set.\n\n"
                                    "Example: pocsim epoch data/mainnet-e266.case.json --set params.delegation_params.w_threshold=0.2\n\n"
                                    "Exit status: 0 ok, 1 the chain halts at this formation (the result\n"
                                    "is printed, with \"error\" set), 2 bad input or usage, 3 internal error.\n");
  if (!pocsim_cli_parse (context, &argc, &argv))
    return POCSIM_EXIT_BAD_INPUT;
  PocsimFormat format;
  if (!pocsim_cli_parse_format (format_name, &format))
    return POCSIM_EXIT_BAD_INPUT;
  if (explain != NULL && format != POCSIM_FORMAT_AUTO && format != POCSIM_FORMAT_TABLE)
    {
      fprintf (stderr, "pocsim: --explain writes a text trace: it cannot be given as --format %s\n", format_name);
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (argc != 2)
    {
      fprintf (stderr, "pocsim: epoch needs exactly one CASE argument (see --help)\n");
      return POCSIM_EXIT_BAD_INPUT;
    }

  g_autoptr (GError) error = NULL;
  const char *path = argv[1];
  const char *name = pocsim_case_display_name (path);
  /* The inputs' SHA-256 only for a metadata sidecar: hashing a large case
   * costs more than reading it. */
  g_autoptr (GPtrArray) inputs = meta_path != NULL || pocsim_output_path_is_file (output)
                                     ? g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_input_file_free)
                                     : NULL;
  gint64 snapshot_height;
  g_autoptr (PocsimCase) c = pocsim_cli_load_case_with (path, rules, settings, inputs, &snapshot_height, &error);
  if (c == NULL)
    return pocsim_cli_fail (error);
  g_autoptr (PocsimEpochResult) r = pocsim_epoch_form_outcome (c, &error);
  if (r == NULL)
    {
      g_prefix_error (&error, "%s: ", name);
      return pocsim_cli_fail (error);
    }
  if (r->halt_error != NULL)
    fprintf (stderr, "pocsim: %s: the chain halts at this formation: %s\n", name, r->halt_error);
  if (explain != NULL && r->halt_error != NULL)
    return POCSIM_EXIT_CHECK_FAILED;
  guint32 explained = POCSIM_NO_ADDR;
  if (explain != NULL && (explained = pocsim_case_find_addr (r->source, explain)) == POCSIM_NO_ADDR)
    {
      fprintf (stderr, "pocsim: %s: host %s is not in the case\n", name, explain);
      return POCSIM_EXIT_BAD_INPUT;
    }
  /* Both outputs are open before anything is written: a sidecar that cannot
   * be created stops the command before the report reaches anyone. */
  PocsimOutput *out = pocsim_output_open (output, &error);
  if (out == NULL)
    return pocsim_cli_fail (error);
  if (meta_path == NULL && pocsim_output_is_file (out))
    meta_path = pocsim_meta_default_path (output);
  if (format == POCSIM_FORMAT_AUTO)
    format = explain != NULL || pocsim_output_is_tty (out) ? POCSIM_FORMAT_TABLE : POCSIM_FORMAT_JSON;
  gboolean chosen = c->rules_reason == POCSIM_RULES_FROM_HEIGHT || c->rules_reason == POCSIM_RULES_FROM_DEFAULT;
  PocsimMeta meta = {
    "epoch", r->rules->name, c->upcoming_epoch, snapshot_height >= 0 ? snapshot_height : c->height,
    explain ? "explain" : format_names[format], pocsim_output_is_file (out) ? output : NULL, inputs,
    chosen ? pocsim_rules_reason_name (c->rules_reason) : NULL, (const char *const *) settings,
  };
  PocsimOutput *meta_out = meta_path ? open_meta (meta_path, &meta, &error) : NULL;
  if (meta_path != NULL && meta_out == NULL)
    {
      pocsim_output_abort (out);
      return pocsim_cli_fail (error);
    }
  /* Nothing can fail now but the writes: a large report goes out as it is
   * written instead of being held in memory. */
  if (!pocsim_output_begin (out, &error))
    {
      pocsim_output_abort (out);
      pocsim_output_abort (meta_out);
      return pocsim_cli_fail (error);
    }
  if (!(explain ? write_explain (r, explained, out) : write_result (r, format, settings, out)))
    {
      pocsim_output_abort (out);
      pocsim_output_abort (meta_out);
      fprintf (stderr, "pocsim: %s: write error\n", output ? output : "<stdout>");
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (!pocsim_output_commit (out, &error))
    {
      pocsim_output_abort (meta_out);
      return pocsim_cli_fail (error);
    }
  if (meta_out != NULL && !pocsim_output_commit (meta_out, &error))
    return pocsim_cli_fail (error);
  return r->halt_error ? POCSIM_EXIT_CHECK_FAILED : POCSIM_EXIT_OK;
}
