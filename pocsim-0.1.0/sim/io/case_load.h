/* case_load.h - one entry point for "a case argument" on the command line.
 *
 * Every command that takes a case goes through pocsim_case_load(), so that
 * every input form pocsim understands (a pocsim-case/1 JSON file, "-" for
 * standard input, a snapshot directory (docs/snapshots.md), a participants
 * plan PATH.csv (case_csv.h)) is accepted everywhere at once. */
#pragma once

#include "core/case.h"

/* The name used in messages for PATH ("<stdin>" for "-"). */
const char *pocsim_case_display_name (const char *path);

/* Loads the case at PATH.  `rules_override` (may be NULL) replaces the
 * case's own rule set.  Returns a new case, or NULL with a located error. */
PocsimCase *pocsim_case_load (const char *path, const char *rules_override, GError **error);

/* The same, and appends to `inputs` (may be NULL) one PocsimInputFile
 * (meta.h) per file read, and stores in *snapshot_height (may be NULL) the
 * height a captured snapshot directory was read at (-1 when unknown), for
 * a report's metadata. */
PocsimCase *pocsim_case_load_traced (const char *path, const char *rules_override, GPtrArray *inputs,
                                     gint64 *snapshot_height, GError **error);
