#include "rules/participation.h"

#include "core/snapshots.h"

static PocsimMode
resolve_mode (const PocsimCase *c, const PocsimEpochResult *r, guint m, guint a)
{
  const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
  if (flags[a] & POCSIM_CELL_MEMBER)
    return POCSIM_MODE_DIRECT;
  if (pocsim_reg_refusal (c, m, a))
    return POCSIM_MODE_REFUSE;
  guint32 t = pocsim_reg_delegate (c, m, a);
  if (t != POCSIM_NO_ADDR && (flags[t] & POCSIM_CELL_MEMBER) && pocsim_participates (c, r, t))
    return POCSIM_MODE_DELEGATE;
  return POCSIM_MODE_NONE;
}

void
pocsim_participation_resolve (const PocsimCase *c, PocsimEpochResult *r)
{
  for (guint m = 0; m < c->n_models; m++)
    {
      if (!r->groups[m].eligible)
        continue;
      guint8 *modes = r->mode + pocsim_cell (c, m, 0);
      for (guint a = 0; a < c->n_addrs; a++)
        modes[a] = pocsim_participates (c, r, a) ? resolve_mode (c, r, m, a) : POCSIM_MODE_UNSET;
    }
}

static PocsimBootstrapMode
resolve_bootstrap_mode (const PocsimCase *c, guint m, guint a, gboolean pre_eligible)
{
  if (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_COMMIT)
    return POCSIM_BMODE_DIRECT;
  if (pocsim_boot_delegate (c, m, a) != POCSIM_NO_ADDR)
    return POCSIM_BMODE_DELEGATE;
  if (pocsim_boot_intent (c, m, a))
    return pre_eligible || c->rules->bootstrap_previous_members_only ? POCSIM_BMODE_INTENT_MISSED
                                                                     : POCSIM_BMODE_INTENT_OK;
  return POCSIM_BMODE_NONE;
}

void
pocsim_bootstrap_modes_resolve (const PocsimCase *c, PocsimEpochResult *r)
{
  gboolean members_only = c->rules->bootstrap_previous_members_only;
  if (!c->has_bootstrap_snapshot)
    return;
  for (guint k = 0; k < r->n_bootstrap; k++)
    {
      const PocsimPreEligibility *ev = &r->bootstrap[k];
      guint m = ev->model;
      if (r->groups[m].eligible || (members_only && !ev->pre_eligible)) /* the regular path owns it */
        continue;
      guint8 *modes = r->bootstrap_mode + pocsim_cell (c, m, 0);
      for (guint a = 0; a < c->n_addrs; a++)
        {
          if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE) || r->raw_weight[a] <= 0
              || (members_only && !(c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS)))
            continue;
          modes[a] = resolve_bootstrap_mode (c, m, a, ev->pre_eligible);
        }
    }
}
