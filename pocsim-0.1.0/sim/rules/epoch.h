/* epoch.h - one epoch formation, in the chain's order.
 *
 * pocsim_epoch_form() reads a case and returns what the chain computes at
 * the end of the upcoming epoch's PoC validation.  Pure: the case is not
 * modified and nothing global is touched. */
#pragma once

#include "core/result.h"

/* Returns a new result, or NULL with error set (int64 overflow). */
PocsimEpochResult *pocsim_epoch_form (const PocsimCase *c, GError **error);
