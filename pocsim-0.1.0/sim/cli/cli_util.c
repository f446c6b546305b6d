/* cli_util.c - what every command line program of pocsim shares: errors,
 * option parsing, report formats.  Apart from cli.c (pocsim's main and
 * subcommand table) so that pocsim-capture (capture_main.c) links it too. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/error.h"

int
pocsim_cli_fail (const GError *error)
{
  fprintf (stderr, "pocsim: %s\n", error->message);
  if (error->domain == POCSIM_ERROR && error->code == POCSIM_ERROR_INTERNAL)
    return POCSIM_EXIT_INTERNAL;
  return POCSIM_EXIT_BAD_INPUT;
}

gboolean
pocsim_cli_parse (GOptionContext *context, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "pocsim: %s (see --help)\n", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
pocsim_cli_parse_format (const char *name, PocsimFormat *out)
{
  static const struct { const char *name; PocsimFormat format; } formats[] = {
    { "json", POCSIM_FORMAT_JSON }, { "csv", POCSIM_FORMAT_CSV }, { "table", POCSIM_FORMAT_TABLE },
  };
  *out = POCSIM_FORMAT_AUTO;
  if (name == NULL)
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
    if (strcmp (name, formats[k].name) == 0)
      {
        *out = formats[k].format;
        return TRUE;
      }
  fprintf (stderr, "pocsim: unknown format '%s' (json, csv or table)\n", name);
  return FALSE;
}
