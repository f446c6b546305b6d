#include "rules/weights.h"

#include "core/error.h"
#include "rules/eligibility.h"

static gboolean
overflow (GError **error, const char *model_id)
{
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW,
               "group %s: consensus weight overflows int64", model_id);
  return FALSE;
}

/* Σ trunc(coeff · pw) over members. */
static gboolean
group_raw_total (const PocsimCase *c, guint m, PocsimDec coeff, gint64 *out, GError **error)
{
  const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
  const gint64 *pw = c->pw + pocsim_cell (c, m, 0);
  gint64 total = 0, raw;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!(flags[a] & POCSIM_CELL_MEMBER))
        continue;
      if (!pocsim_dec_mul_int64_trunc (coeff, pw[a], &raw) || !pocsim_add_i64 (total, raw, &total))
        return overflow (error, c->models[m].id);
    }
  *out = total;
  return TRUE;
}

static gboolean
group_cap (const PocsimCase *c, guint m, gboolean sole, gint64 total_prev, gint64 *cap, GError **error)
{
  if (sole || m == c->params.initial_model)
    {
      *cap = -1;
      return TRUE;
    }
  if (!pocsim_dec_mul_int64_trunc (c->params.cap_factor, total_prev, cap))
    return overflow (error, c->models[m].id);
  *cap = MAX (*cap, 0);
  return TRUE;
}

gboolean
pocsim_consensus_weights_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error)
{
  gboolean sole = pocsim_eligible_count (c, r) == 1;

  for (guint m = 0; m < c->n_models; m++)
    {
      PocsimGroupResult *g = &r->groups[m];
      PocsimDec coeff = r->coefficients[m].coeff;
      if (!g->has_members)
        continue;
      if (!group_raw_total (c, m, coeff, &g->raw_total, error))
        return FALSE;
      g->capped_total = 0;
      if (!g->eligible)
        continue;
      if (!group_cap (c, m, sole, r->total_previous_weight, &g->cap, error))
        return FALSE;
      if (g->cap >= 0 && g->raw_total > g->cap && g->raw_total > 0)
        pocsim_dec_quo_int (g->cap, g->raw_total, &g->scale);

      const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
      const gint64 *pw = c->pw + pocsim_cell (c, m, 0);
      for (guint a = 0; a < c->n_addrs; a++)
        {
          if (!(flags[a] & POCSIM_CELL_MEMBER))
            continue;
          gint64 raw, scaled;
          /* Both fit: raw and scaled are bounded by the group total checked above. */
          pocsim_dec_mul_int64_trunc (coeff, pw[a], &raw);
          pocsim_dec_mul_int64_trunc (g->scale, raw, &scaled);
          if (!pocsim_add_i64 (r->consensus[a], scaled, &r->consensus[a]))
            return overflow (error, c->models[m].id);
          g->capped_total += scaled; /* ≤ raw_total */
        }
    }
  return TRUE;
}
