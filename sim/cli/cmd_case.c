/* cmd_case.c - `pocsim case SNAPSHOT_DIR`: the case a snapshot directory holds. */
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/error.h"
#include "io/case_load.h"
#include "io/output.h"
#include "io/snapshot_dir.h"

static int
dump_to (const json_t *doc, PocsimOutput *out)
{
  FILE *stream = pocsim_output_stream (out);
  if (json_dumpf (doc, stream, JSON_INDENT (1) | JSON_PRESERVE_ORDER) != 0 || fputc ('\n', stream) == EOF)
    return -1;
  return 0;
}

int
pocsim_cmd_case (int argc, char **argv)
{
  g_autofree char *epoch = NULL, *output = NULL;
  /* Keep in step with docs/pocsim-case.1. */
  GOptionEntry entries[] = {
    { "epoch", 'e', 0, G_OPTION_ARG_STRING, &epoch,
      "The upcoming epoch U (default: from manifest.json, epoch.json or the previous group)", "U" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to FILE instead of stdout (a file is replaced whole; a FIFO or device is written into)", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context
      = g_option_context_new ("SNAPSHOT_DIR - print the case a snapshot directory holds");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
                                    "Reads a snapshot directory (docs/snapshots.md: the node's REST, /v1 or CLI\n"
                                    "answers for one epoch formation), checks it as 'pocsim epoch' would, and\n"
                                    "prints it as one pocsim-case/1 document (docs/case-format.md).  What was\n"
                                    "estimated or is absent is said on stderr.  'pocsim epoch DIR' and\n"
                                    "'pocsim diff DIR ...' read the same directory directly.\n\n"
                                    "Exit status: 0 ok, 2 bad input or usage, 3 internal error.\n");
  if (!pocsim_cli_parse (context, &argc, &argv))
    return POCSIM_EXIT_BAD_INPUT;
  gint64 u = -1;
  if (epoch != NULL)
    {
      char *end;
      errno = 0;
      u = g_ascii_strtoll (epoch, &end, 10);
      if (*epoch == '\0' || *end != '\0' || errno != 0 || !g_ascii_isdigit (*epoch))
        {
          fprintf (stderr, "pocsim: --epoch: '%s' is not an epoch index\n", epoch);
          return POCSIM_EXIT_BAD_INPUT;
        }
    }
  if (argc != 2)
    {
      fprintf (stderr, "pocsim: case needs exactly one SNAPSHOT_DIR argument (see --help)\n");
      return POCSIM_EXIT_BAD_INPUT;
    }

  GStatBuf st;
  if (g_stat (argv[1], &st) != 0)
    {
      fprintf (stderr, "pocsim: %s: %s\n", argv[1], g_strerror (errno));
      return POCSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimSnapshot) s = pocsim_snapshot_read (argv[1], u, &error);
  if (s == NULL)
    return pocsim_cli_fail (error);
  /* One validation path: the document must read as a case. */
  g_autoptr (PocsimCase) c = pocsim_snapshot_to_case (s, NULL, &error);
  if (c == NULL)
    return pocsim_cli_fail (error);
  const GPtrArray *notes = pocsim_snapshot_notes (s);
  for (guint k = 0; k < notes->len; k++)
    fprintf (stderr, "pocsim: note: %s\n", (const char *) g_ptr_array_index (notes, k));
  pocsim_cli_warn_case (c, argv[1]);

  PocsimOutput *out = pocsim_output_open (output, &error);
  if (out == NULL)
    return pocsim_cli_fail (error);
  if (dump_to (pocsim_snapshot_case_document (s), out) != 0)
    {
      pocsim_output_abort (out);
      fprintf (stderr, "pocsim: %s: write error\n", output ? output : "<stdout>");
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (!pocsim_output_commit (out, &error))
    return pocsim_cli_fail (error);
  return POCSIM_EXIT_OK;
}
