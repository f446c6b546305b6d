/* power_cap.h - the individual power cap (§4.7).
 *
 * On when GenesisOnly max_individual_power_percentage is non-zero; the cap
 * itself is the hard-coded 30 % (50 % for 2 hosts, 40 % for 3).  Powers are
 * sorted ascending; at the first k with x_k > pct·(Σ_{j<k} x_j + x_k·(n−k))
 * the cap is pct·Σ_{j<k} x_j / (1 − pct·(n−k)), divided as shopspring does
 * (16 fractional digits, half away from zero) and truncated.  Every weight
 * above the cap becomes the cap; the excess is burned.  v0.2.13 counts every
 * host in n, zero weights included; v0.2.14 counts only positive weights. */
#pragma once

#include <glib.h>

/* Returns the cap, or -1 when none applies.  weights are not modified. */
gint64 pocsim_power_cap_find (const gint64 *weights, guint n, gboolean positive_only);

#include "core/case.h"

/* In place over the AP(U) entries of c: weights is indexed by address. */
void pocsim_power_cap_apply_active (const PocsimCase *c, gint64 *weights);

/* In place: weights[i] = min(weights[i], cap).  Returns TRUE if capped. */
gboolean pocsim_power_cap_apply (gint64 *weights, guint n, gboolean positive_only);
