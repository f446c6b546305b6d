/* participation.h - who takes part in each model, and how (§4.3, §4.5).
 *
 * Eligible models (regular path, read from the regular snapshot):
 *   member → DIRECT; refusal → REFUSE; delegation to a member → DELEGATE;
 *   anything else (no record, a target that is not a member, an intent) → NONE.
 * Non-eligible bootstrap candidates (bootstrap path, bootstrap snapshot only),
 * for each AP(U) participant with raw PoC weight > 0:
 *   any commit → DIRECT (even a failed one); delegation → DELEGATE (any target);
 *   intent → INTENT_MISSED if the model was pre-eligible else INTENT_OK;
 *   otherwise NONE.  Refusals are not read: a refuser lands on NONE.
 * v0.2.16 (#1740): only pre-eligible models get bootstrap modes, and only
 * members of E (keys of the previous confirmed weight), so a newcomer is
 * never charged; INTENT_OK is gone (an intent is INTENT_MISSED). */
#pragma once

#include "core/result.h"

/* participates(p) = prev[p] > 0 ∨ p ∈ AP(U), prev being the previous weight
 * the formation reads (W_E, or v0.2.16's previous confirmed weight). */
static inline gboolean
pocsim_participates (const PocsimCase *c, const PocsimEpochResult *r, guint a)
{
  return r->prev_weight[a] > 0 || (c->addr_flags[a] & POCSIM_ADDR_ACTIVE);
}

void pocsim_participation_resolve (const PocsimCase *c, PocsimEpochResult *r);
void pocsim_bootstrap_modes_resolve (const PocsimCase *c, PocsimEpochResult *r);

