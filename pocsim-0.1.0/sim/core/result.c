#include "core/result.h"

PocsimEpochResult *
pocsim_epoch_result_new (const PocsimCase *c)
{
  PocsimEpochResult *r = g_new0 (PocsimEpochResult, 1);
  gsize cells = (gsize) c->n_models * c->n_addrs + 1;
  gsize addrs = c->n_addrs + 1;
  r->source = c;
  r->rules = c->rules;
  r->bootstrap = g_new0 (PocsimPreEligibility, c->n_models + 1);
  r->is_bootstrap_candidate = g_new0 (gboolean, c->n_models + 1);
  r->groups = g_new0 (PocsimGroupResult, c->n_models + 1);
  r->mode = g_new0 (guint8, cells);
  r->bootstrap_mode = g_new0 (guint8, cells);
  r->consensus = g_new0 (gint64, addrs);
  r->penalty = g_new0 (PocsimDec, addrs);
  r->transfer_in = g_new0 (gint64, addrs);
  r->transfer_out = g_new0 (gint64, addrs);
  r->after_penalty = g_new0 (gint64, addrs);
  r->final = g_new0 (gint64, addrs);
  r->reward_weight = g_new0 (gint64, addrs);
  r->reward = g_new0 (gint64, addrs);
  r->voting_power = g_new0 (gint64, cells);
  for (guint m = 0; m < c->n_models; m++)
    {
      r->groups[m].cap = -1;
      r->groups[m].scale = pocsim_dec_one ();
    }
  return r;
}

void
pocsim_epoch_result_free (PocsimEpochResult *r)
{
  if (r == NULL)
    return;
  g_free (r->bootstrap);
  g_free (r->is_bootstrap_candidate);
  g_free (r->groups);
  g_free (r->mode);
  g_free (r->bootstrap_mode);
  g_free (r->consensus);
  g_free (r->penalty);
  g_free (r->transfer_in);
  g_free (r->transfer_out);
  g_free (r->after_penalty);
  g_free (r->final);
  g_free (r->reward_weight);
  g_free (r->reward);
  g_free (r->voting_power);
  pocsim_case_free (r->owned_source);
  g_free (r);
}
