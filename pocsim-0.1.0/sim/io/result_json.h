/* result_json.h - the pocsim-result/1 document (docs/case-format.md). */
#pragma once

#include <stdio.h>

#include "io/json_autoptr.h"

#include "core/result.h"

/* Writes the result as JSON, keys in the documented order, decimals with 18
 * fractional digits.  Returns FALSE on a write error. */
/* The document as a jansson tree; new reference owned by the caller. */
json_t *pocsim_result_to_json (const PocsimEpochResult *r);

gboolean pocsim_result_write_json (const PocsimEpochResult *r, FILE *stream);

/* One bootstrap_model_preeligibility event as in the result's "bootstrap"
 * array (the chain's attributes but snapshot_height, in the chain's order);
 * new reference owned by the caller. */
json_t *pocsim_preeligibility_to_json (const PocsimCase *c, const PocsimPreEligibility *ev);
