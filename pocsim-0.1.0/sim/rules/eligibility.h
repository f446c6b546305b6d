/* eligibility.h - group formation and eligibility (§4.2).
 *
 * For every model with members: eligible(m) = coeff > 0
 *   ∧ (w_threshold = 0 ∨ Σ members' W_E ≥ trunc(w_threshold · T_E))
 *   ∧ (v_min ≤ 0 ∨ established ≥ v_min ∨ genesis exception of the initial model).
 * Pre-eligibility and reachability are not rechecked here. */
#pragma once

#include "core/result.h"

gboolean pocsim_eligibility_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error);
/* Number of eligible groups after pocsim_eligibility_compute. */
guint pocsim_eligible_count (const PocsimCase *c, const PocsimEpochResult *r);
