/* cmd_capture.c - `pocsim capture`: runs the pocsim-capture program.
 *
 * Capture is the only command that speaks HTTP, so it lives in its own
 * program (capture_main.c) linked with libcurl, and pocsim itself never
 * loads libcurl and the thirty-odd libraries behind it: every other
 * command starts as fast as its own work allows (docs/performance.md).
 * As git does with its subcommands, pocsim replaces itself with the
 * program (exec), so its exit status, its signals and its terminal are the
 * command's own.
 *
 * Where the program is: beside the running pocsim (the build tree, and the
 * tests run from it), else in the installed pkglibexecdir. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

#define CAPTURE_PROGRAM "pocsim-capture"

#ifndef POCSIM_PKGLIBEXECDIR
#error "POCSIM_PKGLIBEXECDIR must name the directory pocsim-capture is installed in"
#endif

char *
pocsim_cli_capture_program (void)
{
  char *path = pocsim_cli_beside_self (CAPTURE_PROGRAM, G_FILE_TEST_IS_EXECUTABLE);
  if (path != NULL && !g_file_test (path, G_FILE_TEST_IS_DIR)) /* a directory is executable too */
    return path;
  g_free (path);
  return g_build_filename (POCSIM_PKGLIBEXECDIR, CAPTURE_PROGRAM, NULL);
}

int
pocsim_cmd_capture (int argc, char **argv)
{
  g_autofree char *path = pocsim_cli_capture_program ();
  /* argv is NULL-terminated (main's argv); only its first word changes. */
  g_autofree char **args = g_new0 (char *, (gsize) argc + 1);
  args[0] = (char *) CAPTURE_PROGRAM;
  for (int k = 1; k < argc; k++)
    args[k] = argv[k];
  fflush (NULL);
  execv (path, args);
  fprintf (stderr, "pocsim: capture: cannot run %s: %s (pocsim is not installed completely)\n", path,
           g_strerror (errno));
  return POCSIM_EXIT_INTERNAL;
}
