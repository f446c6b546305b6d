/* explain.h - the rule trace of one host in one formation (--explain).
 *
 * Per model: the mode and the rule that gave it, the penalty fraction and
 * the parameter it came from (or why there is none), transfers; then the
 * penalty applied, collateral and power capping, and the voting powers.
 * Every line cites its section of docs/rules.md.  Text for people; it reads
 * the result, it decides nothing. */
#pragma once

#include <stdio.h>

#include "core/result.h"

/* Writes the trace of address index `a`.  FALSE on a write error. */
gboolean pocsim_explain_host (const PocsimEpochResult *r, guint32 a, FILE *out);
