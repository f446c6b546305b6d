#include "rules/power_cap.h"

#include <gmp.h>

#include "core/int_sort.h"

/* pct = tenths/10: 0.3, 0.4 or 0.5, by host count. */
static gint64
cap_tenths (guint n)
{
  return n == 2 ? 5 : n == 3 ? 4 : 3;
}

/* IntPart(DivRound16(tenths·sum_prev/10, (10 − tenths·rest)/10)) =
 * IntPart(round_half_up_16(tenths·sum_prev / (10 − tenths·rest))). */
static gint64
shopspring_cap (gint64 tenths, gint64 sum_prev, gint64 den)
{
  mpz_t num, q, r, scale;
  mpz_inits (num, q, r, scale, NULL);
  mpz_set_si (num, sum_prev);
  mpz_mul_si (num, num, tenths);
  mpz_ui_pow_ui (scale, 10, 16);
  mpz_mul (num, num, scale);
  mpz_fdiv_qr_ui (q, r, num, (unsigned long) den);
  mpz_mul_2exp (r, r, 1);
  if (mpz_cmp_ui (r, (unsigned long) den) >= 0)
    mpz_add_ui (q, q, 1);
  mpz_fdiv_q (q, q, scale);
  gint64 cap = mpz_get_si (q);
  mpz_clears (num, q, r, scale, NULL);
  return cap;
}

gint64
pocsim_power_cap_find (const gint64 *weights, guint n, gboolean positive_only)
{
  gint64 *sorted = g_new (gint64, n + 1);
  guint count = 0;
  for (guint i = 0; i < n; i++)
    if (!positive_only || weights[i] > 0)
      sorted[count++] = weights[i];
  gint64 cap = -1;
  if (count <= 1)
    goto out;
  pocsim_sort_i64 (sorted, count);
  gint64 tenths = cap_tenths (count);
  __int128 sum_prev = 0;
  for (guint k = 0; k < count; k++)
    {
      __int128 x = sorted[k], rest = count - k;
      if (10 * x > tenths * (sum_prev + x * rest))
        {
          gint64 den = 10 - tenths * (gint64) rest;
          cap = den <= 0 ? sorted[k] : shopspring_cap (tenths, (gint64) sum_prev, den);
          break;
        }
      sum_prev += x;
    }
  if (positive_only && cap <= 0)
    cap = -1; /* v0.2.14: a computed cap ≤ 0 skips capping */
out:
  g_free (sorted);
  return cap;
}

gboolean
pocsim_power_cap_apply (gint64 *weights, guint n, gboolean positive_only)
{
  gint64 cap = pocsim_power_cap_find (weights, n, positive_only);
  if (cap < 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    weights[i] = MIN (weights[i], cap);
  return TRUE;
}

void
pocsim_power_cap_apply_active (const PocsimCase *c, gint64 *weights)
{
  if (!c->params.power_cap_enabled)
    return;
  g_autofree gint64 *w = g_new (gint64, c->n_addrs + 1);
  g_autofree guint32 *index = g_new (guint32, c->n_addrs + 1);
  guint n = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
      {
        index[n] = a;
        w[n++] = weights[a];
      }
  if (pocsim_power_cap_apply (w, n, c->rules->power_cap_positive_only))
    for (guint k = 0; k < n; k++)
      weights[index[k]] = w[k];
}
