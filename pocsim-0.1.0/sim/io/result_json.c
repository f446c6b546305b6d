#include "io/result_json.h"




static json_t *
dec_json (PocsimDec d)
{
  char buf[POCSIM_DEC_FORMAT_SIZE];
  return json_string (pocsim_dec_format (d, buf));
}

static json_t *
bootstrap_json (const PocsimCase *c, const PocsimPreEligibility *ev)
{
  json_t *o = json_object ();
  json_object_set_new (o, "model_id", json_string (c->models[ev->model].id));
  json_object_set_new (o, "pre_eligible", json_boolean (ev->pre_eligible));
  json_object_set_new (o, "meets_weight_threshold", json_boolean (ev->meets_weight_threshold));
  json_object_set_new (o, "meets_v_min", json_boolean (ev->meets_v_min));
  json_object_set_new (o, "meets_reachability", json_boolean (ev->meets_reachability));
  json_object_set_new (o, "intent_host_count", json_integer (ev->intent_host_count));
  json_object_set_new (o, "intent_weight", json_integer (ev->intent_weight));
  json_object_set_new (o, "reachable_voting_power", json_integer (ev->reachable_voting_power));
  json_object_set_new (o, "total_network_weight", json_integer (ev->total_network_weight));
  return o;
}

static json_t *
group_json (const PocsimCase *c, guint m, const PocsimGroupResult *g)
{
  json_t *o = json_object ();
  json_object_set_new (o, "model_id", json_string (c->models[m].id));
  json_object_set_new (o, "eligible", json_boolean (g->eligible));
  json_object_set_new (o, "coeff", dec_json (c->models[m].coeff));
  json_object_set_new (o, "raw_total", json_integer (g->raw_total));
  json_object_set_new (o, "cap", json_integer (g->cap));
  json_object_set_new (o, "scale", dec_json (g->scale));
  return o;
}

static json_t *
participant_json (const PocsimEpochResult *r, guint a)
{
  const PocsimCase *c = r->source;
  json_t *o = json_object (), *modes = json_object (), *bmodes = json_object (), *vps = json_object ();
  for (guint m = 0; m < c->n_models; m++)
    {
      gsize k = pocsim_cell (c, m, a);
      if (r->groups[m].eligible && r->mode[k] != POCSIM_MODE_UNSET)
        json_object_set_new (modes, c->models[m].id, json_string (pocsim_mode_name (r->mode[k])));
      if (r->bootstrap_mode[k] != POCSIM_BMODE_UNSET)
        json_object_set_new (bmodes, c->models[m].id,
                             json_string (pocsim_bootstrap_mode_name (r->bootstrap_mode[k])));
      if (r->voting_power[k] > 0)
        json_object_set_new (vps, c->models[m].id, json_integer (r->voting_power[k]));
    }
  json_object_set_new (o, "address", json_string (c->addrs[a]));
  json_object_set_new (o, "modes", modes);
  json_object_set_new (o, "bootstrap_modes", bmodes);
  json_object_set_new (o, "consensus", json_integer (r->consensus[a]));
  json_object_set_new (o, "penalty", dec_json (r->penalty[a]));
  json_object_set_new (o, "transfer_in", json_integer (r->transfer_in[a]));
  json_object_set_new (o, "transfer_out", json_integer (r->transfer_out[a]));
  json_object_set_new (o, "after_penalty", json_integer (r->after_penalty[a]));
  json_object_set_new (o, "final", json_integer (r->final[a]));
  if (r->rules->reward_only_penalties)
    json_object_set_new (o, "reward_weight", json_integer (r->reward_weight[a]));
  if (c->params.has_reward) /* ngonka, when the case carries bitcoin_reward_params */
    json_object_set_new (o, "reward", json_integer (r->reward[a]));
  json_object_set_new (o, "voting_powers", vps);
  return o;
}

json_t *
pocsim_result_to_json (const PocsimEpochResult *r)
{
  const PocsimCase *c = r->source;
  json_t *root = json_object (), *boot = json_array (), *groups = json_array (), *parts = json_array ();
  json_object_set_new (root, "format", json_string ("pocsim-result/1"));
  json_object_set_new (root, "rules", json_string (r->rules->name));
  json_object_set_new (root, "upcoming_epoch", json_integer (c->upcoming_epoch));
  json_object_set_new (root, "total_previous_weight", json_integer (r->total_previous_weight));
  /* Only when it happened: the fixed result shape is unchanged otherwise. */
  if (r->empty_epoch_fallback)
    json_object_set_new (root, "empty_epoch_fallback", json_true ());
  for (guint k = 0; k < r->n_bootstrap; k++)
    json_array_append_new (boot, bootstrap_json (c, &r->bootstrap[k]));
  for (guint m = 0; m < c->n_models; m++)
    if (r->groups[m].has_members)
      json_array_append_new (groups, group_json (c, m, &r->groups[m]));
  for (guint a = 0; a < c->n_addrs; a++)
    if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
      json_array_append_new (parts, participant_json (r, a));
  json_object_set_new (root, "bootstrap", boot);
  json_object_set_new (root, "groups", groups);
  json_object_set_new (root, "participants", parts);
  if (c->params.has_reward)
    json_object_set_new (root, "epoch_reward", json_integer (r->epoch_reward));
  return root;
}

gboolean
pocsim_result_write_json (const PocsimEpochResult *r, FILE *stream)
{
  g_autoptr (json_t) root = pocsim_result_to_json (r);
  if (json_dumpf (root, stream, JSON_INDENT (2) | JSON_PRESERVE_ORDER) != 0)
    return FALSE;
  return fputc ('\n', stream) != EOF;
}

json_t *
pocsim_preeligibility_to_json (const PocsimCase *c, const PocsimPreEligibility *ev)
{
  return bootstrap_json (c, ev);
}
