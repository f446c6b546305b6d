/* collateral.h - weight backed by collateral (§4.6).
 *
 * After grace_period_end_epoch (compared with the upcoming epoch), a host
 * keeps base_weight_ratio of its weight for free; the rest only as far as its
 * collateral covers it at collateral_per_weight_unit:
 *   W = trunc(w·b + min(w − w·b, Quo(collateral, c)))
 * Skipped when the case has no collateral_params. */
#pragma once

#include "core/result.h"

/* One host's weight after the collateral rule.  has_collateral = FALSE means
 * no (or zero) collateral. */
gboolean pocsim_collateral_adjust (const PocsimParams *p, gint64 weight, gboolean has_collateral,
                                   gint64 collateral, gint64 *out);

/* In place on r->final (which holds the post-penalty weight on entry). */
gboolean pocsim_collateral_apply (const PocsimCase *c, PocsimEpochResult *r, GError **error);
