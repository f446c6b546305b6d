/* epoch.h - one epoch formation, in the chain's order.
 *
 * pocsim_epoch_form() reads a case and returns what the chain computes at
 * the end of the upcoming epoch's PoC validation.  Pure: the case is not
 * modified and nothing global is touched.
 *
 * Under v0.2.16 the chain can halt at a formation (no participants after
 * seating, an invalid coefficient parameter, no positive final weight even
 * with E's validators).  That is an outcome, not bad input:
 * pocsim_epoch_form_outcome() returns it as a result whose halt_error is the
 * chain's message (only the pre-eligibility part is filled);
 * pocsim_epoch_form() turns it into a POCSIM_ERROR_HALT error for callers
 * that need a formed epoch. */
#pragma once

#include "core/result.h"

/* Returns a new result, or NULL with error set (int64 overflow; a halt:
 * POCSIM_ERROR_HALT). */
PocsimEpochResult *pocsim_epoch_form (const PocsimCase *c, GError **error);

/* The same, but a halting formation is a result with halt_error set. */
PocsimEpochResult *pocsim_epoch_form_outcome (const PocsimCase *c, GError **error);
