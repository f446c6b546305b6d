#include "rules/epoch.h"

#include <string.h>

#include "core/error.h"
#include "rules/collateral.h"
#include "rules/eligibility.h"
#include "rules/fallback.h"
#include "rules/participation.h"
#include "rules/penalties.h"
#include "rules/power_cap.h"
#include "rules/preeligibility.h"
#include "rules/reward.h"
#include "rules/voting.h"
#include "rules/weights.h"

static gboolean
total_previous_weight (const PocsimCase *c, gint64 *out, GError **error)
{
  gint64 total = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    if (!pocsim_add_i64 (total, c->prev_weight[a], &total))
      {
        g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW,
                     "previous.weights: the total weight overflows int64");
        return FALSE;
      }
  *out = total;
  return TRUE;
}

PocsimEpochResult *
pocsim_epoch_form (const PocsimCase *input, GError **error)
{
  PocsimCase *carried = pocsim_empty_epoch_fallback (input);  /* v0.2.14+, AP(U) empty */
  const PocsimCase *c = carried ? carried : input;
  g_autoptr (PocsimEpochResult) r = pocsim_epoch_result_new (c);
  r->owned_source = carried;
  r->empty_epoch_fallback = carried != NULL;

  if (!total_previous_weight (c, &r->total_previous_weight, error)
      || !pocsim_preeligibility_compute (c, r, error)        /* §3, at P - dw */
      || !pocsim_eligibility_compute (c, r, error))          /* §4.2 */
    return NULL;
  pocsim_participation_resolve (c, r);                       /* §4.3 */
  pocsim_bootstrap_modes_resolve (c, r);                     /* §4.5, bootstrap path */
  if (!pocsim_consensus_weights_compute (c, r, error)        /* §4.4: O[p] */
      || !pocsim_penalties_apply (c, r, error))              /* §4.5 */
    return NULL;
  memcpy (r->final, r->after_penalty, c->n_addrs * sizeof (gint64));
  if (!pocsim_collateral_apply (c, r, error))                /* §4.6 */
    return NULL;
  pocsim_power_cap_apply_active (c, r->final);              /* §4.7: F[p] */
  if (!pocsim_voting_powers_compute (c, r, error)            /* §4.8 */
      || !pocsim_reward_compute (c, r, error))               /* settlement view */
    return NULL;
  return g_steal_pointer (&r);
}
