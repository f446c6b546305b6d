/* result_json.h - the pocsim-result/1 document (docs/case-format.md). */
#pragma once

#include <stdio.h>

#include "io/json_writer.h"

#include "core/result.h"

/* Writes the result as JSON (keys in the documented order, decimals with 18
 * fractional digits) and a line break.  Returns FALSE on a write error. */
gboolean pocsim_result_write_json (const PocsimEpochResult *r, FILE *stream);

/* The same document as one value of a larger one being written. */
void pocsim_result_write (PocsimJsonWriter *w, const PocsimEpochResult *r);

/* The document as a jansson tree (for readers of the result: expectations,
 * tests); new reference owned by the caller.  Built from the writer's
 * text, so it always equals what pocsim_result_write_json() prints.  A
 * caller includes <jansson.h> (io/json_autoptr.h) to use it. */
struct json_t *pocsim_result_to_json (const PocsimEpochResult *r);

/* The members of one bootstrap_model_preeligibility event as in the
 * result's "bootstrap" array (the chain's attributes but snapshot_height,
 * in the chain's order), into the object W has open. */
void pocsim_preeligibility_write_members (PocsimJsonWriter *w, const PocsimCase *c, const PocsimPreEligibility *ev);
