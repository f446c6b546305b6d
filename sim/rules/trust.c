/* trust.c - CapWeight: real weight capped at the previous confirmed weight. */
#include "rules/trust.h"

#include <string.h>

#include "rules/power_cap.h"

void
pocsim_trust_weights_compute (const PocsimCase *c, PocsimEpochResult *r)
{
  memcpy (r->cap_weight, r->final, c->n_addrs * sizeof (gint64));
  if (!c->rules->trust_weights)
    return;
  gboolean trusted = FALSE, real = FALSE;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
        continue;
      gint64 *cap = &r->cap_weight[a];
      *cap = (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS) ? MIN (r->final[a], r->prev_weight[a]) : 0;
      trusted |= *cap > 0;
      real |= r->final[a] > 0;
    }
  r->zero_trust_fallback = !trusted && real;
  if (r->zero_trust_fallback)
    for (guint a = 0; a < c->n_addrs; a++)
      if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
        r->cap_weight[a] = MAX (r->final[a], 0);
  pocsim_power_cap_apply_active (c, r->cap_weight);
}
