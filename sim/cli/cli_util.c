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
  g_autofree char *line = pocsim_error_one_line (error->message);
  fprintf (stderr, "pocsim: %s\n", line);
  if (error->domain == POCSIM_ERROR && error->code == POCSIM_ERROR_INTERNAL)
    return POCSIM_EXIT_INTERNAL;
  if (error->domain == POCSIM_ERROR && error->code == POCSIM_ERROR_HALT)
    return POCSIM_EXIT_CHECK_FAILED;
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
pocsim_cli_check_range (const char *option, gint64 value, gint64 min, gint64 max)
{
  if (value >= min && value <= max)
    return TRUE;
  fprintf (stderr, "pocsim: %s %" G_GINT64_FORMAT ": expected an integer ", option, value);
  if (max == G_MAXINT64)
    fprintf (stderr, ">= %" G_GINT64_FORMAT " (see --help)\n", min);
  else
    fprintf (stderr, "from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " (see --help)\n", min, max);
  return FALSE;
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

char *
pocsim_cli_beside_self (const char *relative, GFileTest test)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    return NULL;
  g_autofree char *dir = g_path_get_dirname (self);
  char *path = g_build_filename (dir, relative, NULL);
  if (g_file_test (path, test))
    return path;
  g_free (path);
  return NULL;
}
