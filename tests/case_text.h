/* case_text.h - rule tests over cases written as pocsim-case/1 text.
 *
 * A v0.2.16 case is easiest to read in the format users write
 * (docs/case-format.md), so the rule suites state their cases as JSON text
 * and look results up by address and model id. */
#pragma once

#include "core/result.h"

/* Reads TEXT, in which ' stands for " so that the JSON reads well inside a
 * C string (a Check assertion fails on an error).  New case. */
PocsimCase *case_text (const char *text);

/* Reads and forms TEXT; a halting formation is a result with halt_error.
 * New result; *case_out receives its case (free it after the result). */
PocsimEpochResult *form_text (const char *text, PocsimCase **case_out);

/* Index of ADDR / MODEL in the case (a Check assertion fails if absent). */
guint addr_of (const PocsimCase *c, const char *addr);
guint model_of (const PocsimCase *c, const char *model);

/* The decimal as the chain prints it, in a static buffer (one at a time). */
const char *dec_text (PocsimDec d);
