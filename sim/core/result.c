#include "core/result.h"

PocsimEpochResult *
pocsim_epoch_result_new (const PocsimCase *c)
{
  PocsimEpochResult *r = g_new0 (PocsimEpochResult, 1);
  gsize cells = (gsize) c->n_models * c->n_addrs + 1;
  gsize addrs = c->n_addrs + 1;
  r->input = c;
  r->source = c;
  r->rules = c->rules;
  r->bootstrap = g_new0 (PocsimPreEligibility, c->n_models + 1);
  r->is_bootstrap_candidate = g_new0 (gboolean, c->n_models + 1);
  r->groups = g_new0 (PocsimGroupResult, c->n_models + 1);
  r->mode = g_new0 (guint8, cells);
  r->bootstrap_mode = g_new0 (guint8, cells);
  r->consensus = g_new0 (gint64, addrs);
  r->penalty = g_new0 (PocsimDec, addrs);
  r->transfers = g_array_new (FALSE, FALSE, sizeof (PocsimTransfer));
  r->transfer_in = g_new0 (gint64, addrs);
  r->transfer_out = g_new0 (gint64, addrs);
  r->after_penalty = g_new0 (gint64, addrs);
  r->final = g_new0 (gint64, addrs);
  r->reward_weight = g_new0 (gint64, addrs);
  r->reward = g_new0 (gint64, addrs);
  r->voting_power = g_new0 (gint64, cells);
  r->prev_weight = g_new0 (gint64, addrs);
  r->base_weight = g_new0 (gint64, addrs);
  r->raw_weight = g_new0 (gint64, addrs);
  r->cap_weight = g_new0 (gint64, addrs);
  r->coefficients = g_new0 (PocsimModelCoefficient, c->n_models + 1);
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
  g_array_unref (r->transfers);
  g_free (r->transfer_in);
  g_free (r->transfer_out);
  g_free (r->after_penalty);
  g_free (r->final);
  g_free (r->reward_weight);
  g_free (r->reward);
  g_free (r->voting_power);
  g_free (r->prev_weight);
  g_free (r->base_weight);
  g_free (r->raw_weight);
  g_free (r->seated_node_id);
  g_free (r->cap_weight);
  g_free (r->coefficients);
  g_free (r->halt_error);
  pocsim_case_free (r->owned_source);
  g_free (r);
}

void
pocsim_epoch_result_set_formed (PocsimEpochResult *r, PocsimCase *formed)
{
  g_return_if_fail (formed->n_addrs == r->input->n_addrs && formed->n_models == r->input->n_models);
  pocsim_case_free (r->owned_source);
  r->owned_source = formed;
  r->source = formed;
}

const char *
pocsim_fallback_name (PocsimFallback fallback)
{
  switch (fallback)
    {
    case POCSIM_FALLBACK_NO_FRESH_POC_NODE: return "no_fresh_poc_node";
    case POCSIM_FALLBACK_ZERO_FINAL_WEIGHT: return "zero_final_weight";
    default: return "";
    }
}
