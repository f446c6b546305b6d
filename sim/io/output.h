/* output.h - where reports go: a file put in place whole, or a stream
 * written only once the report is complete.
 *
 * Why: a command that fails halfway must leave nothing behind that looks
 * like a result, and `-o` must never destroy what it was pointed at.
 *   - Standard output, and any existing path that is not a regular file (a
 *     FIFO, a terminal or other device, /dev/stdout, /dev/fd/N, a symbolic
 *     link), are written directly, but only at pocsim_output_commit(): the
 *     report is kept in memory until the command has succeeded, so a failed
 *     command prints nothing.  The node is opened for writing, never
 *     replaced.
 *   - A regular file, or a path that does not exist yet, is written to a
 *     temporary file beside it and renamed into place at commit.  A new file
 *     gets the mode 0666 & ~umask, as the shell's '>' gives it; an existing
 *     file keeps its permission bits.
 * A failed write or rename is an error, never a silent exit 0.
 *
 * A command that has done everything that could fail but writing (its
 * input read, its result formed, its sidecar open) may call
 * pocsim_output_begin(): from then on a report to standard output or into
 * a node is written as it is produced, not kept in memory first, so that a
 * report of a hundred thousand hosts does not hold its whole text in
 * memory.  A regular file is written to its temporary file either way.
 *
 * Ownership: pocsim_output_open() returns a new PocsimOutput; commit or
 * abort frees it.  The stream belongs to it. */
#pragma once

#include <glib.h>
#include <stdio.h>

typedef struct PocsimOutput PocsimOutput;

/* path NULL or "-" = standard output.  Refuses a directory. */
PocsimOutput *pocsim_output_open (const char *path, GError **error);
FILE *pocsim_output_stream (PocsimOutput *out);
/* Nothing can fail any more but the writes: standard output and nodes are
 * written through from here (what the stream holds so far first).  Take
 * the stream again afterwards (pocsim_output_stream).  FALSE with error
 * set when the node cannot be opened. */
gboolean pocsim_output_begin (PocsimOutput *out, GError **error);
/* TRUE if stdout is a terminal (and the output goes there). */
gboolean pocsim_output_is_tty (PocsimOutput *out);
/* TRUE when the output is a regular file put in place by rename: only then
 * does a metadata sidecar OUT.meta.json belong beside it. */
gboolean pocsim_output_is_file (PocsimOutput *out);
/* Whether pocsim_output_open (PATH) would write a regular file (and so a
 * metadata sidecar belongs beside it), asked before the report exists:
 * a command then reads its inputs' SHA-256 only when it will write them. */
gboolean pocsim_output_path_is_file (const char *path);
/* Writes or renames the report into place, checks every step; frees out. */
gboolean pocsim_output_commit (PocsimOutput *out, GError **error);
/* Discards the report (and a temporary file); frees out.  NULL-safe. */
void pocsim_output_abort (PocsimOutput *out);
/* TEXT as the whole of PATH, through open, write and commit: a file
 * beside a report (a plot's data and script, a batch script). */
gboolean pocsim_output_write_text (const char *path, const char *text, GError **error);
