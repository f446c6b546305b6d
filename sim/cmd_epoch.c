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

static gboolean
write_result (const PocsimEpochResult *r, PocsimFormat format, PocsimOutput *out)
{
  FILE *stream = pocsim_output_stream (out);
  if (format == POCSIM_FORMAT_AUTO)
    format = pocsim_output_is_tty (out) ? POCSIM_FORMAT_TABLE : POCSIM_FORMAT_JSON;
  switch (format)
    {
    case POCSIM_FORMAT_CSV: return pocsim_result_write_csv (r, stream);
    case POCSIM_FORMAT_TABLE: return pocsim_result_write_table (r, stream);
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
                                    "Reads a pocsim-case/1 document (docs/case-format.md; '-' = stdin) and\n"
                                    "prints what the chain computes at the end of the upcoming epoch's PoC\n"
                                    "validation: pre-eligibility, groups, modes, penalties, transfers, final\n"
                                    "weights and per-model voting powers.\n\n"
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
