/* case_json.h - reads a pocsim-case/1 document (docs/case-format.md).
 *
 * The reader sits at the edge: it turns the chain's own JSON shapes (int64
 * as numbers or strings, Decimal as {value, exponent} or decimal strings,
 * missing = null = 0 = "") into a PocsimCase, and rejects anything it cannot
 * read exactly.  Errors are located: the message starts with
 * "NAME:LINE:COL: " (NAME is the display name given). */
#pragma once

#include "core/case.h"
#include "io/json_autoptr.h"

/* Parses `len` bytes of `text`.  `name` is used in messages ("case.json",
 * "<stdin>").  `rules_override` (may be NULL) replaces the case's "rules".
 * Returns a new case, or NULL with error set. */
PocsimCase *pocsim_case_from_json (const char *text, gsize len, const char *name,
                                   const char *rules_override, GError **error);

/* The same for a document already parsed (or built in memory).  TEXT is the
 * source the tree came from, for locating errors, with the case at JSON
 * Pointer PREFIX inside it ("" = the root); TEXT NULL = no positions
 * ("NAME: message"). */
PocsimCase *pocsim_case_from_json_tree (const json_t *root, const char *text, gsize len,
                                        const char *name, const char *prefix,
                                        const char *rules_override, GError **error);
/* Where the value at a JSON Pointer of a case document came from, as the
 * message prefix "FILE:LINE:COL" (or just "FILE").  Returns a new string. */
typedef char *(*PocsimCaseLocateFunc) (const char *pointer, gpointer user_data);

/* Reads a case document that was assembled in memory (a snapshot directory,
 * sim/io/snapshot_dir.h) rather than parsed from one text: the same checks as
 * pocsim_case_from_json(), with every error located through LOCATE.  ROOT is
 * borrowed.  Returns a new case, or NULL with error set. */
PocsimCase *pocsim_case_from_tree (const json_t *root, PocsimCaseLocateFunc locate,
                                   gpointer locate_data, const char *rules_override, GError **error);

/* Reads a whole file ("-" = standard input) into memory.  Returns a new
 * buffer (NUL-terminated) or NULL with error set. */
char *pocsim_read_input (const char *path, gsize *len_out, GError **error);
