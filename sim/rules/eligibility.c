#include "rules/eligibility.h"

#include "core/error.h"

/* #{p : prev[p] > 0}: the genesis exception holds while this is below v_min. */
static gint64
positive_previous_count (const PocsimCase *c, const PocsimEpochResult *r)
{
  gint64 n = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    if (r->prev_weight[a] > 0)
      n++;
  return n;
}

gboolean
pocsim_eligibility_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error)
{
  const PocsimParams *p = &c->params;
  gint64 threshold;
  if (!pocsim_dec_mul_int64_trunc (p->w_threshold, r->total_previous_weight, &threshold))
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW, "w_threshold x total weight overflows int64");
      return FALSE;
    }
  gint64 positive_prev = positive_previous_count (c, r);

  for (guint m = 0; m < c->n_models; m++)
    {
      PocsimGroupResult *g = &r->groups[m];
      const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
      const gint64 *pw = c->pw + pocsim_cell (c, m, 0);
      gint64 sum = 0, established = 0;
      for (guint a = 0; a < c->n_addrs; a++)
        {
          if (!(flags[a] & POCSIM_CELL_MEMBER))
            continue;
          g->has_members = TRUE;
          if (!pocsim_add_i64 (sum, r->prev_weight[a], &sum))
            {
              g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW,
                           "group %s: int64 overflow in the members' previous weight", c->models[m].id);
              return FALSE;
            }
          if (pw[a] > 0 && r->prev_weight[a] > 0)
            established++;
        }
      g->members_prev_weight = sum;
      g->established = established;
      if (!g->has_members)
        continue;
      gboolean initial = (m == p->initial_model);
      gboolean approved = pocsim_dec_is_positive (r->coefficients[m].coeff);
      gboolean weight_ok = pocsim_dec_is_zero (p->w_threshold) || sum >= threshold;
      gboolean hosts_ok = p->v_min <= 0 || established >= p->v_min
                          || (initial && positive_prev < p->v_min);
      g->eligible = approved && weight_ok && hosts_ok;
    }
  return TRUE;
}

guint
pocsim_eligible_count (const PocsimCase *c, const PocsimEpochResult *r)
{
  guint n = 0;
  for (guint m = 0; m < c->n_models; m++)
    n += r->groups[m].eligible ? 1 : 0;
  return n;
}
