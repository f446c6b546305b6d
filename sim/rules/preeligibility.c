#include "rules/preeligibility.h"

#include "core/error.h"
#include "core/snapshots.h"
#include "rules/coefficients.h"

static gboolean
evaluate_candidate (const PocsimCase *c, const gint64 *base, guint m, gint64 total, PocsimPreEligibility *ev,
                    GError **error)
{
  const PocsimParams *p = &c->params;
  gint64 intent_weight = 0, reachable, hosts = 0;
  ev->model = m;
  ev->total_network_weight = total;

  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!pocsim_boot_intent (c, m, a))
        continue;
      if (!pocsim_add_i64 (intent_weight, base[a], &intent_weight))
        goto overflow;
      if (base[a] > 0)
        hosts++;
    }
  /* Delegated weight counts toward reachability when the delegate holds an
   * intent and the delegator does not. */
  reachable = intent_weight;
  for (guint d = 0; d < c->n_addrs; d++)
    {
      guint32 t = pocsim_boot_delegate (c, m, d);
      if (t == POCSIM_NO_ADDR || !pocsim_boot_intent (c, m, t) || pocsim_boot_intent (c, m, d))
        continue;
      if (!pocsim_add_i64 (reachable, base[d], &reachable))
        goto overflow;
    }

  ev->intent_weight = intent_weight;
  ev->intent_host_count = hosts;
  ev->reachable_voting_power = reachable;
  ev->approved = pocsim_dec_is_positive (pocsim_approval_coefficient (c, m));
  if (!pocsim_dec_mul_int64_trunc (p->w_threshold, total, &ev->weight_threshold))
    goto overflow;
  ev->meets_weight_threshold = pocsim_dec_is_zero (p->w_threshold) || intent_weight >= ev->weight_threshold;
  ev->meets_v_min = p->v_min <= 0 || hosts >= p->v_min;
  ev->meets_reachability = total > 0 && (__int128) 3 * reachable > (__int128) 2 * total;
  ev->pre_eligible = ev->approved && ev->meets_weight_threshold && ev->meets_v_min && ev->meets_reachability;
  return TRUE;

overflow:
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW,
               "pre-eligibility of %s: int64 overflow in a weight sum", c->models[m].id);
  return FALSE;
}

gboolean
pocsim_preeligibility_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error)
{
  r->n_bootstrap = 0;
  for (guint m = 0; m < c->n_models; m++)
    {
      r->is_bootstrap_candidate[m] = pocsim_is_bootstrap_candidate (c, m);
      if (!r->is_bootstrap_candidate[m] || !c->has_bootstrap_snapshot)
        continue;
      if (!evaluate_candidate (c, r->base_weight, m, r->base_total, &r->bootstrap[r->n_bootstrap], error))
        return FALSE;
      r->n_bootstrap++;
    }
  return TRUE;
}
