/* epoch.c - one formation, in the chain's order (onEndOfPoCValidationStage). */
#include "rules/epoch.h"

#include <string.h>

#include "core/error.h"
#include "rules/coefficients.h"
#include "rules/collateral.h"
#include "rules/confirmed_weight.h"
#include "rules/eligibility.h"
#include "rules/participation.h"
#include "rules/penalties.h"
#include "rules/power_cap.h"
#include "rules/preeligibility.h"
#include "rules/reward.h"
#include "rules/seating.h"
#include "rules/trust.h"
#include "rules/voting.h"
#include "rules/weights.h"

/* The weight pipeline (F6-F12) on the formed case C. */
static gboolean
weight_pipeline (const PocsimCase *c, PocsimEpochResult *r, GError **error)
{
  if (!pocsim_coefficients_compute (c, r, error)             /* F6: static or dynamic coefficients */
      || !pocsim_eligibility_compute (c, r, error))          /* §4.2 */
    return FALSE;
  pocsim_participation_resolve (c, r);                       /* §4.3 */
  pocsim_bootstrap_modes_resolve (c, r);                     /* §4.5, bootstrap path */
  if (!pocsim_consensus_weights_compute (c, r, error)        /* §4.4: O[p] */
      || !pocsim_penalties_apply (c, r, error))              /* §4.5 */
    return FALSE;
  memcpy (r->final, r->after_penalty, c->n_addrs * sizeof (gint64));
  if (!pocsim_collateral_apply (c, r, error))                /* §4.6 */
    return FALSE;
  pocsim_power_cap_apply_active (c, r->final);              /* §4.7: F[p] */
  return TRUE;
}

static PocsimEpochResult *G_GNUC_PRINTF (2, 3)
halted (PocsimEpochResult *r, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_free (r->halt_error);
  r->halt_error = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  return r;
}

/* One attempt at forming U: AP(U) from the fresh PoC (FROM = FRESH) or
 * from E's validators only (the zero-final-weight retry). */
static PocsimEpochResult *
form_attempt (const PocsimCase *input, PocsimSeatFrom from, GError **error)
{
  gboolean retry = from == POCSIM_SEAT_CARRY;
  g_autoptr (PocsimEpochResult) r = pocsim_epoch_result_new (input);
  if (!pocsim_base_state_compute (input, r, error)          /* P - dw: the validation base state */
      || !pocsim_preeligibility_compute (input, r, error))  /* §3 */
    return NULL;
  PocsimSeating ap;
  pocsim_participants_seat (input, from, &ap);              /* AP(U) (v0.2.16: seating, F2) */
  memcpy (r->raw_weight, ap.raw_weight, input->n_addrs * sizeof (gint64));
  r->seated_node_id = g_steal_pointer (&ap.node_id);
  if (ap.formed != NULL)
    pocsim_epoch_result_set_formed (r, g_steal_pointer (&ap.formed));
  gboolean carried = ap.used_fallback, empty = ap.empty;
  pocsim_seating_clear (&ap);
  r->empty_epoch_fallback = carried && input->rules->empty_epoch_fallback;
  r->fallback = carried && input->rules->model_seating ? POCSIM_FALLBACK_NO_FRESH_POC_NODE : POCSIM_FALLBACK_NONE;
  if (empty)
    return halted (g_steal_pointer (&r), retry ? "no eligible fallback participants for upcoming epoch %" G_GINT64_FORMAT
                                               : "no eligible participants for upcoming epoch %" G_GINT64_FORMAT,
                   input->upcoming_epoch);
  g_autoptr (GError) local = NULL;
  if (!pocsim_previous_weights_compute (input, r, !carried, error)  /* W_E, or F3-F4 prevCap */
      || !weight_pipeline (r->source, r, &local))
    {
      if (local == NULL)
        return NULL;
      if (!g_error_matches (local, POCSIM_ERROR, POCSIM_ERROR_HALT))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      return halted (g_steal_pointer (&r), "%s: %s", retry ? "run fallback weight pipeline" : "run weight pipeline",
                     local->message);
    }
  return g_steal_pointer (&r);
}

static gboolean
any_positive_final (const PocsimEpochResult *r)
{
  const PocsimCase *c = r->source;
  for (guint a = 0; a < c->n_addrs; a++)
    if ((c->addr_flags[a] & POCSIM_ADDR_ACTIVE) && r->final[a] > 0)
      return TRUE;
  return FALSE;
}

PocsimEpochResult *
pocsim_epoch_form_outcome (const PocsimCase *input, GError **error)
{
  g_autoptr (PocsimEpochResult) r = form_attempt (input, POCSIM_SEAT_FRESH, error);
  if (r == NULL || r->halt_error != NULL)
    return g_steal_pointer (&r);
  /* v0.2.16: nobody with positive final weight is formed again from E's
   * validators, with the previous confirmed weight not zeroed. */
  if (input->rules->zero_final_weight_retry && !any_positive_final (r))
    {
      if (r->fallback != POCSIM_FALLBACK_NONE)
        return halted (g_steal_pointer (&r), "epoch %" G_GINT64_FORMAT " fallback participants have no positive final weight",
                       input->upcoming_epoch);
      g_clear_pointer (&r, pocsim_epoch_result_free);
      r = form_attempt (input, POCSIM_SEAT_CARRY, error);
      if (r == NULL || r->halt_error != NULL)
        return g_steal_pointer (&r);
      if (!any_positive_final (r))
        return halted (g_steal_pointer (&r), "epoch %" G_GINT64_FORMAT " fallback participants have no positive final weight",
                       input->upcoming_epoch);
      r->fallback = POCSIM_FALLBACK_ZERO_FINAL_WEIGHT;
    }
  const PocsimCase *c = r->source;
  pocsim_trust_weights_compute (c, r);                      /* v0.2.16 F13-F15: CapWeight */
  if (!pocsim_voting_powers_compute (c, r, error))          /* §4.8, from the trust weight */
    return NULL;
  pocsim_coefficient_scales_finish (c, r);                  /* v0.2.16 F17: which models confirm */
  if (!pocsim_reward_compute (c, r, error))                 /* settlement view */
    return NULL;
  return g_steal_pointer (&r);
}

PocsimEpochResult *
pocsim_epoch_form (const PocsimCase *c, GError **error)
{
  g_autoptr (PocsimEpochResult) r = pocsim_epoch_form_outcome (c, error);
  if (r != NULL && r->halt_error != NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_HALT, "the chain halts at this formation: %s", r->halt_error);
      return NULL;
    }
  return g_steal_pointer (&r);
}
