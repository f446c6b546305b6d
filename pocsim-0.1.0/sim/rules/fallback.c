/* fallback.c - carrying E's validators into an empty upcoming epoch. */
#include "rules/fallback.h"

static gboolean
anyone_active (const PocsimCase *c)
{
  for (guint a = 0; a < c->n_addrs; a++)
    if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
      return TRUE;
  return FALSE;
}

PocsimCase *
pocsim_empty_epoch_fallback (const PocsimCase *c)
{
  if (!c->rules->empty_epoch_fallback || c->upcoming_epoch <= 1 || anyone_active (c))
    return NULL;
  PocsimCase *carried = pocsim_case_copy (c);
  guint n_carried = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!(c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS) || c->prev_weight[a] <= 0)
        continue;
      /* Nodes rebuilt from E's subgroups; without any, the root weight
       * keeps the member in the set (and the pipeline gives it no model). */
      for (guint m = 0; m < c->n_models; m++)
        {
          gsize k = pocsim_cell (c, m, a);
          if (c->prev_pw[k] > 0)
            {
              carried->cell_flags[k] |= POCSIM_CELL_MEMBER;
              carried->pw[k] = c->prev_pw[k];
            }
        }
      carried->addr_flags[a] |= POCSIM_ADDR_ACTIVE;
      n_carried++;
    }
  if (n_carried == 0)
    {
      pocsim_case_free (carried);
      return NULL;
    }
  return carried;
}
