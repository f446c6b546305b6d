/* scenario_json.h - reads a pocsim-scenario/1 document (docs/scenarios.md)
 * into the scenario model (core/scenario.h).
 *
 * The file is read once, here: the start becomes a PocsimCase (through the
 * case reader, or pocsim_case_load() for {"case": FILE}), governance
 * patches become typed edits (params_patch.h), expectations typed checks.
 * Every error is located ("NAME:LINE:COL: ..."). */
#pragma once

#include "core/scenario.h"

/* Reads a pocsim-scenario/1 document.  `path` is used to resolve a
 * "start": {"case": FILE} relative to the scenario's directory (NULL: the
 * current directory).  Returns a new scenario, or NULL with error set. */
PocsimScenario *pocsim_scenario_from_json (const char *text, gsize len, const char *name,
                                           const char *path, GError **error);
/* The same for the file at PATH ("-" = standard input). */
PocsimScenario *pocsim_scenario_load (const char *path, GError **error);
