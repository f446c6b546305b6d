/* cmd_epoch.c - `pocsim epoch CASE`: one formation, printed. */
#include <stdio.h>
#include <string.h>

#include "case_load.h"
#include "cli.h"
#include "epoch.h"
#include "error.h"
#include "output.h"
#include "result_csv.h"
#include "result_json.h"
#include "result_table.h"

typedef enum { FORMAT_AUTO, FORMAT_JSON, FORMAT_CSV, FORMAT_TABLE } Format;

static gboolean
parse_format (const char *name, Format *out)
{
  static const struct { const char *name; Format format; } formats[] = {
    { "json", FORMAT_JSON }, { "csv", FORMAT_CSV }, { "table", FORMAT_TABLE },
  };
  for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
    if (strcmp (name, formats[k].name) == 0)
      {
        *out = formats[k].format;
        return TRUE;
      }
  return FALSE;
}

static gboolean
write_result (const PocsimEpochResult *r, Format format, PocsimOutput *out)
{
  FILE *stream = pocsim_output_stream (out);
  if (format == FORMAT_AUTO)
    format = pocsim_output_is_tty (out) ? FORMAT_TABLE : FORMAT_JSON;
  switch (format)
    {
    case FORMAT_CSV: return pocsim_result_write_csv (r, stream);
    case FORMAT_TABLE: return pocsim_result_write_table (r, stream);
    default: return pocsim_result_write_json (r, stream);
    }
}

int
pocsim_cmd_epoch (int argc, char **argv)
{
  g_autofree char *rules = NULL, *format_name = NULL, *output = NULL;
  /* Keep in step with docs/pocsim-epoch.1. */
  GOptionEntry entries[] = {
    { "rules", 'r', 0, G_OPTION_ARG_STRING, &rules, "Rule set (see 'pocsim rules'); overrides the case's", "R" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      "json, csv or table (default: table on a terminal, else json)", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (atomically) instead of stdout", "FILE" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("CASE.json - form the next epoch from one case");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
                                    "Reads a pocsim-case/1 document (docs/case-format.md; '-' = stdin; a\n"
                                    "directory = a snapshot directory, docs/snapshots.md) and\n"
                                    "prints what the chain computes at the end of the upcoming epoch's PoC\n"
                                    "validation: pre-eligibility, groups, modes, penalties, transfers, final\n"
                                    "weights and per-model voting powers.\n\n"
                                    "Exit status: 0 ok, 2 bad input or usage, 3 internal error.\n");
  if (!pocsim_cli_parse (context, &argc, &argv))
    return POCSIM_EXIT_BAD_INPUT;
  Format format = FORMAT_AUTO;
  if (format_name && !parse_format (format_name, &format))
    {
      fprintf (stderr, "pocsim: unknown format '%s' (json, csv or table)\n", format_name);
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
  g_autoptr (PocsimCase) c = pocsim_case_load (path, rules, &error);
  if (c == NULL)
    return pocsim_cli_fail (error);
  g_autoptr (PocsimEpochResult) r = pocsim_epoch_form (c, &error);
  if (r == NULL)
    {
      g_prefix_error (&error, "%s: ", name);
      return pocsim_cli_fail (error);
    }
  PocsimOutput *out = pocsim_output_open (output, &error);
  if (out == NULL)
    return pocsim_cli_fail (error);
  if (!write_result (r, format, out))
    {
      pocsim_output_abort (out);
      fprintf (stderr, "pocsim: %s: write error\n", output ? output : "<stdout>");
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (!pocsim_output_commit (out, &error))
    return pocsim_cli_fail (error);
  return POCSIM_EXIT_OK;
}
