/* confirmed_weight.c - E's weights as a formation reads them. */
#include "rules/confirmed_weight.h"

#include <string.h>

#include "core/error.h"

gint64
pocsim_effective_confirmed_weight (gint64 weight, gint64 confirmation, gint64 raw)
{
  if (weight <= 0 || raw <= 0)
    return 0;
  if (confirmation < 0)
    confirmation = 0;
  if (confirmation >= raw)
    return weight; /* a ratio of 1 or more keeps the whole weight */
  return (gint64) ((__int128) confirmation * weight / raw); /* < weight */
}

static gboolean
overflow (GError **error, const char *what)
{
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW, "%s overflows int64", what);
  return FALSE;
}

/* The coefficient E's scale gives model m for confirmation, or FALSE when
 * m has none (no scale, or excluded from confirmation). */
static gboolean
confirmation_coefficient (const PocsimCase *c, guint m, PocsimDec *coeff)
{
  const PocsimCoeffScale *s = &c->models[m].previous;
  if (!s->present || s->exclude_from_confirmation)
    return FALSE;
  *coeff = s->effective_coefficient.set ? s->effective_coefficient.value
           : s->weight_scale_factor.set ? s->weight_scale_factor.value
                                        : pocsim_dec_one ();
  return TRUE;
}

/* rawConf_E of every address: its E nodes weighted by E's confirmation
 * coefficients, model by model (the cells of one model are contiguous). */
static gboolean
raw_confirmation_weights (const PocsimCase *c, gint64 *raw, GError **error)
{
  for (guint m = 0; m < c->n_models; m++)
    {
      PocsimDec coeff;
      if (!confirmation_coefficient (c, m, &coeff))
        continue;
      const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
      const gint64 *pw = c->prev_pw + pocsim_cell (c, m, 0);
      for (guint a = 0; a < c->n_addrs; a++)
        {
          gint64 part;
          if (!(flags[a] & POCSIM_CELL_PREV_NODE) || !(c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS))
            continue;
          if (!pocsim_dec_mul_int64_trunc (coeff, pw[a], &part) || !pocsim_add_i64 (raw[a], part, &raw[a]))
            return overflow (error, "the raw confirmation weight of a previous member");
        }
    }
  return TRUE;
}

/* prevCap over the live members of E (buildPreviousConfirmedWeightCaps). */
static gboolean
previous_confirmed (const PocsimCase *c, PocsimEpochResult *r, GError **error)
{
  gboolean has_scales = FALSE;
  for (guint m = 0; m < c->n_models; m++)
    has_scales |= c->models[m].previous.present;
  g_autofree gint64 *raw = g_new0 (gint64, c->n_addrs + 1);
  if (has_scales && !raw_confirmation_weights (c, raw, error))
    return FALSE;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!(c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS))
        continue;
      gint64 w = MAX (c->prev_weight[a], 0);
      /* Without E's confirmation weight, the one stored at E's formation:
       * the same sum (a cPoC can only lower it). */
      gint64 cw = (c->addr_flags[a] & POCSIM_ADDR_HAS_CONFIRMATION) ? c->prev_confirmation_weight[a] : raw[a];
      r->prev_weight[a] = has_scales ? pocsim_effective_confirmed_weight (w, cw, raw[a]) : w;
    }
  return TRUE;
}

gboolean
pocsim_previous_weights_compute (const PocsimCase *c, PocsimEpochResult *r, gboolean zero_failed, GError **error)
{
  memset (r->prev_weight, 0, c->n_addrs * sizeof (gint64));
  if (!c->rules->previous_confirmed_weight)
    memcpy (r->prev_weight, c->prev_weight, c->n_addrs * sizeof (gint64));
  else if (!previous_confirmed (c, r, error))
    return FALSE;
  gint64 total = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      /* zeroFailedMissRateWeights: the weight goes, the key stays */
      if (zero_failed && c->rules->previous_confirmed_weight && (c->addr_flags[a] & POCSIM_ADDR_FAILED_MISS_RATE))
        r->prev_weight[a] = 0;
      if (!pocsim_add_i64 (total, r->prev_weight[a], &total))
        return overflow (error, "previous.weights: the total weight");
    }
  r->total_previous_weight = total;
  return TRUE;
}

/* B[p] of the trust base state (getEffectiveValidationBaseState). */
static gint64
trust_base (const PocsimCase *c, guint a, gboolean use_caps)
{
  return use_caps ? c->prev_cap_weight[a] : c->prev_weight[a];
}

gboolean
pocsim_base_state_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error)
{
  return pocsim_base_state_weights (c, r->base_weight, &r->base_total, error);
}

gboolean
pocsim_base_state_weights (const PocsimCase *c, gint64 *base, gint64 *base_total, GError **error)
{
  /* resolveTrustWeights: CapWeight once applied, or when any is positive. */
  gboolean use_caps = FALSE;
  if (c->rules->previous_confirmed_weight && c->upcoming_epoch > 1 && c->has_previous_cap_weights)
    {
      use_caps = c->previous_cap_weight_applied;
      for (guint a = 0; a < c->n_addrs && !use_caps; a++)
        use_caps = (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS) && c->prev_cap_weight[a] > 0;
    }
  gint64 total = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      base[a] = (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS) ? trust_base (c, a, use_caps) : 0;
      if (!pocsim_add_i64 (total, base[a], &total))
        return overflow (error, "the total weight of the validation base state");
    }
  *base_total = total;
  return TRUE;
}
