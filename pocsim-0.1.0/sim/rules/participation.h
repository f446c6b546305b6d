/* participation.h - who takes part in each model, and how (§4.3, §4.5).
 *
 * Eligible models (regular path, read from the regular snapshot):
 *   member → DIRECT; refusal → REFUSE; delegation to a member → DELEGATE;
 *   anything else (no record, a target that is not a member, an intent) → NONE.
 * Non-eligible bootstrap candidates (bootstrap path, bootstrap snapshot only):
 *   any commit → DIRECT (even a failed one); delegation → DELEGATE (any target);
 *   intent → INTENT_MISSED if the model was pre-eligible else INTENT_OK;
 *   otherwise NONE.  Refusals are not read: a refuser lands on NONE. */
#pragma once

#include "core/result.h"

/* participates(p) = W_E[p] > 0 ∨ p ∈ AP(U) */
static inline gboolean
pocsim_participates (const PocsimCase *c, guint a)
{
  return c->prev_weight[a] > 0 || (c->addr_flags[a] & POCSIM_ADDR_ACTIVE);
}

void pocsim_participation_resolve (const PocsimCase *c, PocsimEpochResult *r);
void pocsim_bootstrap_modes_resolve (const PocsimCase *c, PocsimEpochResult *r);

/* Σ_m pw[m][a]: the raw weight the bootstrap path filters on (> 0). */
gint64 pocsim_raw_poc_weight (const PocsimCase *c, guint a);
