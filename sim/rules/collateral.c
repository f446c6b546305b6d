#include "rules/collateral.h"

#include "core/error.h"

gboolean
pocsim_collateral_adjust (const PocsimParams *p, gint64 weight, gboolean has_collateral,
                          gint64 collateral, gint64 *out)
{
  PocsimDec w = pocsim_dec_from_int64 (weight), base, active;
  if (!pocsim_dec_mul (w, p->base_weight_ratio, &base))
    return FALSE;
  PocsimDec eligible = pocsim_dec_sub (w, base);
  if (!has_collateral || collateral == 0)
    active = pocsim_dec_zero ();
  else if (pocsim_dec_is_zero (p->collateral_per_weight_unit))
    active = eligible;
  else
    {
      PocsimDec covered;
      if (!pocsim_dec_quo (pocsim_dec_from_int64 (collateral), p->collateral_per_weight_unit, &covered))
        covered = eligible; /* beyond any weight: fully covered */
      active = pocsim_dec_min (eligible, covered);
    }
  return pocsim_dec_trunc (pocsim_dec_add (base, active), out);
}

gboolean
pocsim_collateral_apply (const PocsimCase *c, PocsimEpochResult *r, GError **error)
{
  const PocsimParams *p = &c->params;
  if (!pocsim_case_collateral_applies (c))
    return TRUE;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
        continue;
      gboolean has = (c->addr_flags[a] & POCSIM_ADDR_HAS_COLLATERAL) != 0;
      if (!pocsim_collateral_adjust (p, r->final[a], has, c->collateral[a], &r->final[a]))
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW,
                       "collateral adjustment of %s overflows", c->addrs[a]);
          return FALSE;
        }
    }
  return TRUE;
}
