/* result_json.h - the pocsim-result/1 document (docs/case-format.md). */
#pragma once

#include <stdio.h>

#include "json_autoptr.h"

#include "result.h"

/* Writes the result as JSON, keys in the documented order, decimals with 18
 * fractional digits.  Returns FALSE on a write error. */
/* The document as a jansson tree; new reference owned by the caller. */
json_t *pocsim_result_to_json (const PocsimEpochResult *r);

gboolean pocsim_result_write_json (const PocsimEpochResult *r, FILE *stream);
