/* snapshots.h - the chain's filters over the two delegation snapshots (§2).
 *
 * A case holds the raw records stored at each capture height; these
 * functions answer what the chain's snapshot keeps:
 *   bootstrap snapshot at P - deploy_window: E's live root members only,
 *     bootstrap candidate models only, delegations and intents;
 *   regular snapshot at validation start: E's live root members and every
 *     address with a store commit this stage, all PocParams models,
 *     delegations and refusals.
 * All inline: they sit on the hot path of every rule. */
#pragma once

#include "core/case.h"

/* A model with no live member holding VP_E > 0, listed in PocParams (under
 * v0.2.16, for E = 0, every model listed). */
gboolean pocsim_is_bootstrap_candidate (const PocsimCase *c, guint m);

static inline gboolean
pocsim_boot_snapshot_keeps (const PocsimCase *c, guint a)
{
  return c->has_bootstrap_snapshot && (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS);
}

static inline gboolean
pocsim_reg_snapshot_keeps (const PocsimCase *c, guint m, guint a)
{
  return c->has_delegation_snapshot && c->models[m].in_params
         && (c->addr_flags[a] & (POCSIM_ADDR_IN_PREVIOUS | POCSIM_ADDR_COMMITTED));
}

/* Bootstrap snapshot delegation target of a (candidate m), or POCSIM_NO_ADDR. */
static inline guint32
pocsim_boot_delegate (const PocsimCase *c, guint m, guint a)
{
  return pocsim_boot_snapshot_keeps (c, a) ? c->boot_delegate[pocsim_cell (c, m, a)] : POCSIM_NO_ADDR;
}

static inline gboolean
pocsim_boot_intent (const PocsimCase *c, guint m, guint a)
{
  return pocsim_boot_snapshot_keeps (c, a)
         && (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_BOOT_INTENT);
}

static inline guint32
pocsim_reg_delegate (const PocsimCase *c, guint m, guint a)
{
  return pocsim_reg_snapshot_keeps (c, m, a) ? c->reg_delegate[pocsim_cell (c, m, a)] : POCSIM_NO_ADDR;
}

static inline gboolean
pocsim_reg_refusal (const PocsimCase *c, guint m, guint a)
{
  return pocsim_reg_snapshot_keeps (c, m, a)
         && (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_REFUSAL);
}
