/* preeligibility.h - bootstrap candidates and pre-eligibility at P - dw (§3).
 *
 * Advisory: pre-eligibility gates nothing but the bootstrap penalty mode of
 * intent holders.  Fills r->is_bootstrap_candidate always, and r->bootstrap
 * (one event per candidate, sorted) only when the case has a bootstrap
 * snapshot. */
#pragma once

#include "core/result.h"

gboolean pocsim_preeligibility_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error);
