/* explain.c - why a host ends where it ends. */
#include "analysis/explain.h"

#include "core/snapshots.h"
#include "io/units.h"

static const char *
dec (PocsimDec d, char *buf)
{
  return pocsim_dec_format (d, buf);
}

static gboolean
penalty_reached (const PocsimCase *c, guint m)
{
  return (guint64) MAX (c->upcoming_epoch, 0) >= c->models[m].penalty_start_epoch;
}

/* The penalty one model adds, as the text after the mode. */
static void
explain_penalty (const PocsimCase *c, guint m, gboolean charged, PocsimDec fraction, const char *param, FILE *out)
{
  char buf[POCSIM_DEC_FORMAT_SIZE];
  if (!charged)
    return;
  if (!penalty_reached (c, m))
    fprintf (out, "; no penalty before penalty_start_epoch %" G_GUINT64_FORMAT " (step 6)\n",
             c->models[m].penalty_start_epoch);
  else if (pocsim_dec_is_zero (fraction))
    fprintf (out, "; %s is 0: no penalty (step 6)\n", param);
  else
    fprintf (out, "; adds %s = %s to the penalty fraction (step 6)\n", param, dec (fraction, buf));
}

static void
explain_regular (const PocsimEpochResult *r, guint m, guint32 a, FILE *out)
{
  const PocsimCase *c = r->source;
  const PocsimParams *p = &c->params;
  gsize k = pocsim_cell (c, m, a);
  guint32 t = pocsim_reg_delegate (c, m, a);
  char buf[POCSIM_DEC_FORMAT_SIZE];
  switch ((PocsimMode) r->mode[k])
    {
    case POCSIM_MODE_DIRECT:
      fprintf (out, "DIRECT: accepted PoC weight %" G_GINT64_FORMAT " for the model (a group member, step 4)\n", c->pw[k]);
      break;
    case POCSIM_MODE_REFUSE:
      fprintf (out, "REFUSE: a refusal in the regular snapshot at validation start (step 4)");
      explain_penalty (c, m, TRUE, p->refusal_penalty, "refusal_penalty", out);
      break;
    case POCSIM_MODE_DELEGATE:
      fprintf (out, "DELEGATE: delegation to %s, a member of the group (step 4); hands delegation_share %s of its consensus weight to it (step 6)\n",
               c->addrs[t], dec (p->delegation_share, buf));
      break;
    case POCSIM_MODE_NONE:
      if (t != POCSIM_NO_ADDR)
        fprintf (out, "NONE: its delegate %s is not a member of the group this epoch (step 4: a delegation counts only to a host whose PoC for the model was accepted)",
                 c->addrs[t]);
      else if (pocsim_boot_intent (c, m, a))
        fprintf (out, "NONE: an intent is no mode once the model is eligible, and there was no accepted PoC (step 4)");
      else
        fprintf (out, "NONE: no accepted PoC, no refusal and no delegation in the regular snapshot (step 4)");
      explain_penalty (c, m, TRUE, p->no_participation_penalty, "no_participation_penalty", out);
      break;
    default:
      fprintf (out, "not resolved: the host is outside the formation's universe (step 4)\n");
    }
}

static void
explain_bootstrap (const PocsimEpochResult *r, guint m, guint32 a, FILE *out)
{
  const PocsimCase *c = r->source;
  gsize k = pocsim_cell (c, m, a);
  guint32 t = pocsim_boot_delegate (c, m, a);
  switch ((PocsimBootstrapMode) r->bootstrap_mode[k])
    {
    case POCSIM_BMODE_DIRECT:
      fprintf (out, "DIRECT: a PoC store commit for the model this stage, accepted or not (step 6, the bootstrap path)\n");
      break;
    case POCSIM_BMODE_DELEGATE:
      fprintf (out, "DELEGATE: delegation to %s in the bootstrap snapshot; no penalty, no transfer on the bootstrap path (step 6)\n",
               t != POCSIM_NO_ADDR ? c->addrs[t] : "?");
      break;
    case POCSIM_BMODE_INTENT_OK:
      fprintf (out, "INTENT_OK: intent in the bootstrap snapshot and the model was not pre-eligible: no penalty (step 6)\n");
      break;
    case POCSIM_BMODE_INTENT_MISSED:
      fprintf (out, "INTENT_MISSED: intent in the bootstrap snapshot, the model was pre-eligible, and no commit");
      explain_penalty (c, m, TRUE, c->params.no_participation_penalty, "no_participation_penalty", out);
      break;
    case POCSIM_BMODE_NONE:
      fprintf (out, "NONE: no commit, delegation or intent in the bootstrap snapshot (refusals are not read on a bootstrap model)");
      explain_penalty (c, m, TRUE, c->params.no_participation_penalty, "no_participation_penalty", out);
      break;
    default:
      fprintf (out, "not resolved\n");
    }
}

static void
explain_models (const PocsimEpochResult *r, guint32 a, FILE *out)
{
  const PocsimCase *c = r->source;
  char buf[POCSIM_DEC_FORMAT_SIZE], scale[POCSIM_DEC_FORMAT_SIZE];
  for (guint m = 0; m < c->n_models; m++)
    {
      const PocsimGroupResult *g = &r->groups[m];
      gboolean boot = r->is_bootstrap_candidate[m] && !g->eligible;
      if (!g->eligible && !boot)
        continue;
      fprintf (out, "  %s (%s, coeff %s, scale %s): ", c->models[m].id,
               g->eligible ? "eligible" : "bootstrap candidate, not eligible", dec (r->coefficients[m].coeff, buf),
               dec (g->scale, scale));
      if (g->eligible)
        explain_regular (r, m, a, out);
      else
        explain_bootstrap (r, m, a, out);
    }
}

gboolean
pocsim_explain_host (const PocsimEpochResult *r, guint32 a, FILE *out)
{
  const PocsimCase *c = r->source;
  char buf[POCSIM_DEC_FORMAT_SIZE];
  fprintf (out, "%s, upcoming epoch %" G_GINT64_FORMAT ", rule set %s (steps: docs/rules.md)\n", c->addrs[a],
           c->upcoming_epoch, r->rules->name);
  if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
    {
      fprintf (out, "  not an active participant of the epoch: no accepted PoC for any model, so no weight (step 2)\n");
      return ferror (out) == 0;
    }
  fprintf (out, "  %s %" G_GINT64_FORMAT "; consensus weight O %" G_GINT64_FORMAT
           " = Σ over eligible models of trunc(coeff × PoC weight) × group scale (step 5)\n",
           r->rules->previous_confirmed_weight ? "previous confirmed weight (v0.2.16)" : "previous weight W_E",
           r->prev_weight[a], r->consensus[a]);
  explain_models (r, a, out);
  fprintf (out, "  penalty fraction %s (summed over models, capped at 1, applied to O: step 6)\n",
           dec (r->penalty[a], buf));
  if (r->transfer_out[a] || r->transfer_in[a])
    fprintf (out, "  transfers: out %" G_GINT64_FORMAT ", in %" G_GINT64_FORMAT " (delegation_share × O, clamped to what is left: step 6)\n",
             r->transfer_out[a], r->transfer_in[a]);
  if (r->rules->reward_only_penalties)
    fprintf (out, "  %s: penalties and transfers cut the reward, not the stored weight: stored %" G_GINT64_FORMAT
             ", reward weight %" G_GINT64_FORMAT "\n", r->rules->name, r->after_penalty[a], r->reward_weight[a]);
  else
    fprintf (out, "  after penalties and transfers: %" G_GINT64_FORMAT "\n", r->after_penalty[a]);
  if (r->final[a] != r->after_penalty[a])
    fprintf (out, "  collateral and power capping: %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT " (steps 7 and 8)\n",
             r->after_penalty[a], r->final[a]);
  fprintf (out, "  final weight %" G_GINT64_FORMAT "\n", r->final[a]);
  if (r->rules->trust_weights)
    fprintf (out, "  trust weight %" G_GINT64_FORMAT " (min of the final and the previous confirmed weight, 0 for a"
             " newcomer, then the power cap; voting power comes from it)\n", r->cap_weight[a]);
  for (guint m = 0; m < c->n_models; m++)
    if (r->voting_power[pocsim_cell (c, m, a)] > 0)
      fprintf (out, "  voting power in %s: %" G_GINT64_FORMAT " (own %s weight plus delegators', per-model cap: step 9)\n",
               c->models[m].id, r->voting_power[pocsim_cell (c, m, a)], r->rules->trust_weights ? "trust" : "final");
  char gnk[POCSIM_UNITS_SIZE], total[POCSIM_UNITS_SIZE], share[POCSIM_UNITS_SIZE];
  if (c->params.has_reward)
    fprintf (out, "  reward %s GNK (%" G_GINT64_FORMAT " ngonka), %s of the epoch reward %s GNK\n",
             pocsim_gnk_format (r->reward[a], gnk), r->reward[a],
             pocsim_percent_format (r->reward[a], r->epoch_reward, 4, share), pocsim_gnk_format (r->epoch_reward, total));
  return ferror (out) == 0;
}
