#include "rules/voting.h"

#include "core/error.h"
#include "core/snapshots.h"

static void
cap_model_voting_power (const PocsimCase *c, guint m, gint64 *vp)
{
  const PocsimDec pct = c->params.max_model_vp_pct;
  const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
  if (pocsim_dec_is_zero (pct))
    return;
  guint entries = 0;
  gint64 total = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!(flags[a] & POCSIM_CELL_MEMBER))
        continue;
      entries++;
      if (!pocsim_add_i64 (total, vp[a], &total))
        return; /* the chain logs a warning and skips the cap */
    }
  gint64 cap;
  if (entries < 2 || !pocsim_dec_mul_int64_trunc (pct, total, &cap) || total <= 0 || cap <= 0)
    return;
  for (guint a = 0; a < c->n_addrs; a++)
    if (flags[a] & POCSIM_CELL_MEMBER)
      vp[a] = MIN (vp[a], cap);
}

gboolean
pocsim_voting_powers_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error)
{
  for (guint m = 0; m < c->n_models; m++)
    {
      if (!r->groups[m].eligible)
        continue;
      const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
      const guint8 *modes = r->mode + pocsim_cell (c, m, 0);
      gint64 *vp = r->voting_power + pocsim_cell (c, m, 0);
      for (guint a = 0; a < c->n_addrs; a++)
        if (flags[a] & POCSIM_CELL_MEMBER)
          vp[a] = r->final[a];
      for (guint d = 0; d < c->n_addrs; d++)
        {
          if (modes[d] != POCSIM_MODE_DELEGATE)
            continue;
          guint32 t = pocsim_reg_delegate (c, m, d);
          gint64 from = (c->addr_flags[d] & POCSIM_ADDR_ACTIVE) ? r->final[d] : 0;
          if (!pocsim_add_i64 (vp[t], from, &vp[t]))
            {
              g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW,
                           "voting power of %s in %s overflows int64", c->addrs[t], c->models[m].id);
              return FALSE;
            }
        }
      cap_model_voting_power (c, m, vp);
    }
  return TRUE;
}
