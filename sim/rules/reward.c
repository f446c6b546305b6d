#include "rules/reward.h"

#include <gmp.h>
#include <string.h>

#include "core/error.h"
#include "rules/penalties.h"
#include "rules/power_cap.h"

#define EXP_DIGITS 40

/* exp(x) for x given as x_num / 10^18, as an integer scaled by 10^40.
 * Halve the argument until |x| < 1/2, sum the Taylor series, square back. */
static void
exp_fixed (mpz_t out, const mpz_t x18)
{
  mpz_t scale, x, term, sum;
  mpz_inits (scale, x, term, sum, NULL);
  mpz_ui_pow_ui (scale, 10, EXP_DIGITS);
  mpz_set (x, x18);
  mpz_mul (x, x, scale);
  mpz_tdiv_q_ui (x, x, 1000000000000000000ul); /* now scaled by 10^40 */
  unsigned halvings = 0;
  mpz_t half;
  mpz_init (half);
  mpz_tdiv_q_ui (half, scale, 2);
  while (mpz_cmpabs (x, half) >= 0)
    {
      mpz_tdiv_q_2exp (x, x, 1);
      halvings++;
    }
  mpz_set (sum, scale);
  mpz_set (term, scale);
  for (unsigned long k = 1; mpz_sgn (term) != 0; k++)
    {
      mpz_mul (term, term, x);
      mpz_tdiv_q (term, term, scale);
      mpz_tdiv_q_ui (term, term, k);
      mpz_add (sum, sum, term);
    }
  for (unsigned k = 0; k < halvings; k++)
    {
      mpz_mul (sum, sum, sum);
      mpz_tdiv_q (sum, sum, scale);
    }
  mpz_set (out, sum);
  mpz_clears (scale, x, term, sum, half, NULL);
}

gint64
pocsim_fixed_epoch_reward (guint64 initial, PocsimDec decay, guint64 epochs)
{
  if (initial == 0)
    return 0;
  if (epochs == 0 || pocsim_dec_is_zero (decay))
    return (gint64) MIN (initial, (guint64) G_MAXINT64);
  mpz_t x, e, scale;
  mpz_inits (x, e, scale, NULL);
  /* decay · epochs, scaled by 10^18 */
  mpz_set_si (x, (long) (decay.i / 1000000000000000000LL));
  mpz_mul_ui (x, x, 1000000000000000000ul);
  {
    long frac = (long) (decay.i % 1000000000000000000LL);
    if (frac >= 0)
      mpz_add_ui (x, x, (unsigned long) frac);
    else
      mpz_sub_ui (x, x, (unsigned long) -frac);
  }
  mpz_mul_ui (x, x, epochs);
  exp_fixed (e, x);
  mpz_mul_ui (e, e, initial);
  mpz_ui_pow_ui (scale, 10, EXP_DIGITS);
  mpz_fdiv_q (e, e, scale);
  gint64 reward = mpz_fits_slong_p (e) ? mpz_get_si (e) : G_MAXINT64;
  mpz_clears (x, e, scale, NULL);
  return reward;
}

static guint64
epochs_since_genesis (const PocsimCase *c)
{
  return (guint64) MAX (c->upcoming_epoch - (gint64) c->params.reward_genesis_epoch, 0);
}

static gboolean
memo_matches (const PocsimRewardMemo *m, const PocsimParams *p, guint64 epochs)
{
  return m->set && m->epochs == epochs && m->initial_epoch_reward == p->initial_epoch_reward
         && m->decay_rate.i == p->decay_rate.i;
}

gint64
pocsim_case_epoch_reward (const PocsimCase *c)
{
  if (!c->params.has_reward)
    return 0;
  guint64 epochs = epochs_since_genesis (c);
  if (memo_matches (&c->params.reward_memo, &c->params, epochs))
    return c->params.reward_memo.reward;
  return pocsim_fixed_epoch_reward (c->params.initial_epoch_reward, c->params.decay_rate, epochs);
}

void
pocsim_reward_memo_fill (PocsimCase *c)
{
  if (!c->params.has_reward)
    return;
  guint64 epochs = epochs_since_genesis (c);
  c->params.reward_memo = (PocsimRewardMemo) {
    .set = TRUE,
    .initial_epoch_reward = c->params.initial_epoch_reward,
    .decay_rate = c->params.decay_rate,
    .epochs = epochs,
    .reward = pocsim_fixed_epoch_reward (c->params.initial_epoch_reward, c->params.decay_rate, epochs),
  };
}

/* v0.2.14 settlement: reward penalties, then delegation reward transfers. */
static void
settle_penalties_and_transfers (const PocsimCase *c, PocsimEpochResult *r, gint64 *rw)
{
  g_autofree gint64 *base = g_memdup2 (rw, (c->n_addrs + 1) * sizeof (gint64));
  for (guint a = 0; a < c->n_addrs; a++)
    {
      gint64 cut;
      if (r->consensus[a] <= 0 || pocsim_dec_is_zero (r->penalty[a]))
        continue;
      pocsim_dec_mul_int64_trunc (r->penalty[a], base[a], &cut); /* PF ≤ 1 */
      rw[a] -= MIN (rw[a], cut);
    }
  memcpy (base, rw, c->n_addrs * sizeof (gint64));
  for (guint k = 0; k < r->transfers->len; k++)
    {
      const PocsimTransfer *t = &g_array_index (r->transfers, PocsimTransfer, k);
      gint64 amount;
      if (!(c->addr_flags[t->from] & POCSIM_ADDR_ACTIVE))
        continue;
      pocsim_dec_mul_int64_trunc (c->params.delegation_share, base[t->from], &amount);
      amount = MAX (MIN (amount, rw[t->from]), 0);
      rw[t->from] -= amount;
      r->transfer_out[t->from] += amount;
      if (rw[t->to] > 0 && (c->addr_flags[t->to] & POCSIM_ADDR_ACTIVE))
        {
          rw[t->to] += amount; /* bounded by Σ rw: no overflow */
          r->transfer_in[t->to] += amount;
        }
    }
}

gboolean
pocsim_reward_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error)
{
  gint64 *rw = r->reward_weight;
  __int128 full_total = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      gboolean active = (c->addr_flags[a] & POCSIM_ADDR_ACTIVE) != 0;
      rw[a] = active ? MAX (r->final[a], 0) : 0;
      full_total += rw[a];
    }
  pocsim_power_cap_apply_active (c, rw); /* the settlement caps again */
  if (r->rules->reward_only_penalties)
    settle_penalties_and_transfers (c, r, rw);

  if (!c->params.has_reward)
    return TRUE;
  __int128 denominator = full_total;
  if (!r->rules->reward_only_penalties)
    {
      denominator = 0; /* v0.2.13 renormalises over the capped weights */
      for (guint a = 0; a < c->n_addrs; a++)
        denominator += rw[a];
    }
  r->epoch_reward = pocsim_case_epoch_reward (c);
  for (guint a = 0; a < c->n_addrs; a++)
    r->reward[a] = (rw[a] > 0 && denominator > 0) ? (gint64) ((__int128) rw[a] * r->epoch_reward / denominator) : 0;
  return TRUE;
}
