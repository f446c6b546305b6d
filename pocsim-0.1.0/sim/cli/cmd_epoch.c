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
write_result (const PocsimEpochResult *r, PocsimFormat format, PocsimOutput *out)
{
  FILE *stream = pocsim_output_stream (out);
  switch (format)
    {
    case POCSIM_FORMAT_CSV: return pocsim_result_write_csv (r, stream);
    case POCSIM_FORMAT_TABLE: return pocsim_result_write_table (r, stream);
    default: return pocsim_result_write_json (r, stream);
    }
}

static int
explain_host (const PocsimEpochResult *r, const char *addr, const char *name)
{
  guint32 a = pocsim_case_find_addr (r->source, addr);
  if (a == POCSIM_NO_ADDR)
    {
      fprintf (stderr, "pocsim: %s: host %s is not in the case\n", name, addr);
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (!pocsim_explain_host (r, a, stdout) || fflush (stdout) != 0)
    {
      fprintf (stderr, "pocsim: <stdout>: write error\n");
      return POCSIM_EXIT_BAD_INPUT;
    }
  return POCSIM_EXIT_OK;
}

int
pocsim_cmd_epoch (int argc, char **argv)
{
  g_autofree char *rules = NULL, *format_name = NULL, *output = NULL, *meta_path = NULL, *explain = NULL;
  /* Keep in step with docs/pocsim-epoch.1. */
  GOptionEntry entries[] = {
    { "rules", 'r', 0, G_OPTION_ARG_STRING, &rules, "Rule set (see 'pocsim rules'); overrides the case's", "R" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      "json, csv or table (default: table on a terminal, else json)", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to FILE (atomically) instead of stdout, and the metadata to FILE.meta.json", "FILE" },
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
                                    "rule set and input SHA-256.\n\n"
                                    "Exit status: 0 ok, 2 bad input or usage, 3 internal error.\n");
  if (!pocsim_cli_parse (context, &argc, &argv))
    return POCSIM_EXIT_BAD_INPUT;
  PocsimFormat format;
  if (!pocsim_cli_parse_format (format_name, &format))
    return POCSIM_EXIT_BAD_INPUT;
  if (argc != 2)
    {
      fprintf (stderr, "pocsim: epoch needs exactly one CASE argument (see --help)\n");
      return POCSIM_EXIT_BAD_INPUT;
    }

  g_autoptr (GError) error = NULL;
  const char *path = argv[1];
  const char *name = pocsim_case_display_name (path);
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_input_file_free);
  gint64 snapshot_height;
  g_autoptr (PocsimCase) c = pocsim_cli_load_case (path, rules, inputs, &snapshot_height, &error);
  if (c == NULL)
    return pocsim_cli_fail (error);
  g_autoptr (PocsimEpochResult) r = pocsim_epoch_form (c, &error);
  if (r == NULL)
    {
      g_prefix_error (&error, "%s: ", name);
      return pocsim_cli_fail (error);
    }
  if (explain != NULL)
    return explain_host (r, explain, name);
  gboolean to_file = output != NULL && strcmp (output, "-") != 0;
  if (meta_path == NULL && to_file)
    meta_path = pocsim_meta_default_path (output);
  PocsimOutput *out = pocsim_output_open (output, &error);
  if (out == NULL)
    return pocsim_cli_fail (error);
  if (format == POCSIM_FORMAT_AUTO)
    format = pocsim_output_is_tty (out) ? POCSIM_FORMAT_TABLE : POCSIM_FORMAT_JSON;
  if (!write_result (r, format, out))
    {
      pocsim_output_abort (out);
      fprintf (stderr, "pocsim: %s: write error\n", output ? output : "<stdout>");
      return POCSIM_EXIT_BAD_INPUT;
    }
  /* The metadata sidecar, written before either file is put in place. */
  PocsimOutput *meta_out = NULL;
  if (meta_path != NULL)
    {
      PocsimMeta meta = {
        "epoch", r->rules->name, c->upcoming_epoch, snapshot_height, format_names[format], to_file ? output : NULL, inputs,
      };
      meta_out = pocsim_output_open (meta_path, &error);
      if (meta_out == NULL || !pocsim_meta_write (&meta, pocsim_output_stream (meta_out)))
        {
          pocsim_output_abort (out);
          if (meta_out == NULL)
            return pocsim_cli_fail (error);
          pocsim_output_abort (meta_out);
          fprintf (stderr, "pocsim: %s: write error\n", meta_path);
          return POCSIM_EXIT_BAD_INPUT;
        }
    }
  if (!pocsim_output_commit (out, &error))
    {
      pocsim_output_abort (meta_out);
      return pocsim_cli_fail (error);
    }
  if (meta_out != NULL && !pocsim_output_commit (meta_out, &error))
    return pocsim_cli_fail (error);
  return POCSIM_EXIT_OK;
}
