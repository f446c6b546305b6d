/* output.h - where reports go: a file written atomically, or stdout.
 *
 * A file is written to a temporary name beside it and renamed into place
 * only when complete, so a failed run never leaves a half-written report.
 * Standard output is flushed and checked: a write error (a full disk, a
 * closed pipe) is an error, never a silent exit 0. */
#pragma once

#include <glib.h>
#include <stdio.h>

typedef struct PocsimOutput PocsimOutput;

/* path NULL or "-" = standard output. */
PocsimOutput *pocsim_output_open (const char *path, GError **error);
FILE *pocsim_output_stream (PocsimOutput *out);
/* TRUE if stdout is a terminal (and the output goes there). */
gboolean pocsim_output_is_tty (PocsimOutput *out);
/* Flushes, checks, renames into place; frees out. */
gboolean pocsim_output_commit (PocsimOutput *out, GError **error);
/* Discards a partial file; frees out.  NULL-safe. */
void pocsim_output_abort (PocsimOutput *out);
