/* case_write.h - a case back into its pocsim-case/1 document.
 *
 * The inverse of case_json.c for everything a formation reads: reading the
 * document back gives a case that forms exactly the same result.  Decimals
 * are written as 18-digit strings; a zero coefficient as {"value": "0",
 * "exponent": -18} (a plain "0" would read as "unset", i.e. 1).  The power
 * cap switch is written as max_individual_power_percentage "1" when on:
 * pocsim reads it only as a switch. */
#pragma once

#include "core/case.h"
#include "io/json_autoptr.h"

/* New reference owned by the caller. */
json_t *pocsim_case_to_json (const PocsimCase *c);
