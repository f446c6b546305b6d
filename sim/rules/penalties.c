#include "rules/penalties.h"

#include "core/error.h"
#include "core/snapshots.h"

static gboolean
penalties_are_noop (const PocsimParams *p)
{
  return pocsim_dec_is_zero (p->refusal_penalty) && pocsim_dec_is_zero (p->no_participation_penalty)
         && pocsim_dec_is_zero (p->delegation_share);
}

static void
accumulate_regular (const PocsimCase *c, PocsimEpochResult *r)
{
  const PocsimParams *p = &c->params;
  for (guint m = 0; m < c->n_models; m++)
    {
      if (!r->groups[m].eligible || !pocsim_penalty_reached (c, m))
        continue;
      const guint8 *modes = r->mode + pocsim_cell (c, m, 0);
      for (guint a = 0; a < c->n_addrs; a++)
        {
          if (r->consensus[a] <= 0)
            continue;
          if (modes[a] == POCSIM_MODE_REFUSE)
            r->penalty[a] = pocsim_dec_add (r->penalty[a], p->refusal_penalty);
          else if (modes[a] == POCSIM_MODE_NONE)
            r->penalty[a] = pocsim_dec_add (r->penalty[a], p->no_participation_penalty);
        }
    }
}

static void
accumulate_bootstrap (const PocsimCase *c, PocsimEpochResult *r)
{
  const PocsimParams *p = &c->params;
  for (guint k = 0; k < r->n_bootstrap; k++)
    {
      guint m = r->bootstrap[k].model;
      if (r->groups[m].eligible || !pocsim_penalty_reached (c, m))
        continue;
      const guint8 *modes = r->bootstrap_mode + pocsim_cell (c, m, 0);
      for (guint a = 0; a < c->n_addrs; a++)
        if (r->consensus[a] > 0
            && (modes[a] == POCSIM_BMODE_INTENT_MISSED || modes[a] == POCSIM_BMODE_NONE))
          r->penalty[a] = pocsim_dec_add (r->penalty[a], p->no_participation_penalty);
    }
}

GArray *
pocsim_transfers_collect (const PocsimCase *c, const PocsimEpochResult *r)
{
  GArray *transfers = g_array_new (FALSE, FALSE, sizeof (PocsimTransfer));
  if (pocsim_dec_is_zero (c->params.delegation_share) || penalties_are_noop (&c->params))
    return transfers;
  g_autofree gboolean *use = g_new0 (gboolean, c->n_models + 1);
  for (guint m = 0; m < c->n_models; m++)
    use[m] = r->groups[m].eligible && pocsim_penalty_reached (c, m);
  /* Built in (from, to, model) order: from ascending in the outer loop, then
   * the at most n_models entries of one sender insertion-sorted. */
  for (guint a = 0; a < c->n_addrs; a++)
    {
      /* v0.2.14 builds the reward transfers without the O[p] > 0 gate of the
       * weight transfers (a sender without weight then moves nothing). */
      if (r->consensus[a] <= 0 && !c->rules->reward_only_penalties)
        continue;
      guint first = transfers->len;
      for (guint m = 0; m < c->n_models; m++)
        if (use[m] && r->mode[pocsim_cell (c, m, a)] == POCSIM_MODE_DELEGATE)
          {
            PocsimTransfer t = { a, pocsim_reg_delegate (c, m, a), m };
            guint k = transfers->len;
            g_array_append_val (transfers, t);
            PocsimTransfer *v = (PocsimTransfer *) (gpointer) transfers->data;
            while (k > first && v[k - 1].to > t.to) /* models ascend: ties keep order */
              {
                v[k] = v[k - 1];
                k--;
              }
            v[k] = t;
          }
    }
  return transfers;
}

static void
cap_fractions (const PocsimCase *c, PocsimEpochResult *r)
{
  PocsimDec one = pocsim_dec_one ();
  for (guint a = 0; a < c->n_addrs; a++)
    r->penalty[a] = pocsim_dec_min (r->penalty[a], one);
}

static void
apply_penalties (const PocsimCase *c, PocsimEpochResult *r)
{
  for (guint a = 0; a < c->n_addrs; a++)
    {
      gint64 o = r->consensus[a], cut;
      if (o <= 0 || !(c->addr_flags[a] & POCSIM_ADDR_ACTIVE) || pocsim_dec_is_zero (r->penalty[a]))
        continue;
      pocsim_dec_mul_int64_trunc (r->penalty[a], o, &cut); /* ≤ o: the fraction is capped at 1 */
      r->after_penalty[a] = MAX (r->after_penalty[a] - cut, 0);
    }
}

static gboolean
apply_transfers (const PocsimCase *c, PocsimEpochResult *r, GArray *transfers, GError **error)
{
  for (guint k = 0; k < transfers->len; k++)
    {
      const PocsimTransfer *t = &g_array_index (transfers, PocsimTransfer, k);
      if (!(c->addr_flags[t->from] & POCSIM_ADDR_ACTIVE) || !(c->addr_flags[t->to] & POCSIM_ADDR_ACTIVE))
        continue; /* a recipient outside AP(U): the sender keeps the weight */
      gint64 delta;
      pocsim_dec_mul_int64_trunc (c->params.delegation_share, r->consensus[t->from], &delta);
      delta = MAX (MIN (delta, r->after_penalty[t->from]), 0);
      r->after_penalty[t->from] -= delta;
      r->transfer_out[t->from] += delta;
      r->transfer_in[t->to] += delta;
      if (!pocsim_add_i64 (r->after_penalty[t->to], delta, &r->after_penalty[t->to]))
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW,
                       "transfer to %s overflows int64", c->addrs[t->to]);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
pocsim_penalties_apply (const PocsimCase *c, PocsimEpochResult *r, GError **error)
{
  for (guint a = 0; a < c->n_addrs; a++)
    r->after_penalty[a] = r->consensus[a];
  g_array_set_size (r->transfers, 0);
  if (penalties_are_noop (&c->params))
    return TRUE;

  accumulate_regular (c, r);
  accumulate_bootstrap (c, r);
  cap_fractions (c, r);
  g_autoptr (GArray) transfers = pocsim_transfers_collect (c, r);
  g_array_append_vals (r->transfers, transfers->data, transfers->len);
  if (r->rules->reward_only_penalties)
    return TRUE; /* recorded for the reward; weight untouched */

  apply_penalties (c, r);
  return apply_transfers (c, r, r->transfers, error);
}
