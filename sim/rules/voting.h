/* voting.h - per-model voting power of the formed epoch (§4.8).
 *
 * For each eligible model: every member starts with its own trust weight
 * (the final weight before v0.2.16, CapWeight from v0.2.16: trust.h); each
 * valid delegator (mode DELEGATE, target a member) adds its full trust
 * weight to its delegate.  With max_model_voting_power_percentage set and at
 * least two entries, each entry is clipped to trunc(pct · Σ) of the original
 * total; the excess is burned.  Non-eligible models get no voting power. */
#pragma once

#include "core/result.h"

gboolean pocsim_voting_powers_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error);
