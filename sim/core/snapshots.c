#include "core/snapshots.h"

gboolean
pocsim_is_bootstrap_candidate (const PocsimCase *c, guint m)
{
  if (!c->models[m].in_params)
    return FALSE;
  if (c->rules->previous_confirmed_weight && c->upcoming_epoch <= 1)
    return TRUE; /* v0.2.16's base state of epoch 0 has no model voting powers */
  const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
  for (guint a = 0; a < c->n_addrs; a++)
    if ((flags[a] & POCSIM_CELL_PREV_VP) && (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS))
      return FALSE;
  return TRUE;
}
