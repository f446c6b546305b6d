/* case_csv.h - reads a participants plan: a CSV table (docs/csv-input.md).
 *
 * A plan is one row per host: its previous weight, and per model its
 * accepted PoC weight and its choice (run, intent+run, preserved,
 * delegate:TARGET, refuse, intent, none).  Leading "#" lines carry metadata
 * ("# params=params.json upcoming_epoch=266 rules=v0.2.13"); the chain's
 * parameters come from that params file, resolved relative to the plan's
 * directory.
 *
 * Reading happens in two steps:
 *   1. pocsim_plan_parse(): the CSV alone (syntax, columns, numbers,
 *      choices, duplicate addresses, delegation targets);
 *   2. pocsim_plan_case_json(): the plan with the params file, mapped to a
 *      pocsim-case/1 document, which the one case reader (case_json.h)
 *      then reads, so a plan and a case are validated by the same code.
 * Errors of step 1 and of the plan's part of step 2 are located as
 * "NAME:ROW:COL: " (ROW the 1-based line, COL the 1-based field); errors
 * in the params file as "PARAMS:LINE:COL: ".
 *
 * Ownership: every function returns new memory owned by the caller. */
#pragma once

#include "core/case.h"

typedef struct PocsimPlan PocsimPlan;

/* Parses `len` bytes of `text` (need not be NUL-terminated).  `name` is
 * used in messages.  Returns a new plan, or NULL with error set. */
PocsimPlan *pocsim_plan_parse (const char *text, gsize len, const char *name, GError **error);
void pocsim_plan_free (PocsimPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimPlan, pocsim_plan_free)

/* The params file named by the plan's metadata, as written (NULL if none),
 * and the line that names it. */
const char *pocsim_plan_params_file (const PocsimPlan *plan, guint *line);

/* Maps a plan to a pocsim-case/1 document (indented JSON text, ending in a
 * newline).  `params_text` is the params file: the REST params response
 * {"params": {...}}, its inner object, or a whole pocsim-case/1 document
 * whose params (and upcoming_epoch and rules, unless the plan gives them)
 * are used.  `params_name` names it in messages.  Returns the text or NULL
 * with error set. */
char *pocsim_plan_case_json (const PocsimPlan *plan, const char *params_text, gsize params_len,
                             const char *params_name, GError **error);

/* Reads the plan at `path` and its params file into a case.
 * `rules_override` (may be NULL) replaces the rule set.  `inputs` (may be
 * NULL) gets one PocsimInputFile (meta.h) per file read: the plan, then the
 * params file.  Returns a new case, or NULL with error set. */
PocsimCase *pocsim_case_from_csv_file (const char *path, const char *rules_override, GPtrArray *inputs,
                                       GError **error);
