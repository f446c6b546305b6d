#include "io/result_json.h"

#include "io/units.h"

static json_t *
dec_json (PocsimDec d)
{
  char buf[POCSIM_DEC_FORMAT_SIZE];
  return json_string (pocsim_dec_format (d, buf));
}

static json_t *
opt_dec_json (PocsimOptDec d)
{
  return d.set ? dec_json (d.value) : json_null ();
}

/* The v0.2.16 shape (spec v0.2.16.md §4, "Result fields in full"). */
static gboolean
trust_shape (const PocsimEpochResult *r)
{
  return r->rules->trust_weights;
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
group_json (const PocsimEpochResult *r, const PocsimCase *c, guint m, const PocsimGroupResult *g)
{
  json_t *o = json_object ();
  json_object_set_new (o, "model_id", json_string (c->models[m].id));
  json_object_set_new (o, "eligible", json_boolean (g->eligible));
  json_object_set_new (o, "coeff", dec_json (r->coefficients[m].coeff));
  json_object_set_new (o, "raw_total", json_integer (g->raw_total));
  json_object_set_new (o, "cap", json_integer (g->cap));
  json_object_set_new (o, "scale", dec_json (g->scale));
  return o;
}

/* The per-model maps of one participant: modes, bootstrap modes, voting
 * powers and (v0.2.16) seated PoC. */
static void
participant_maps (const PocsimEpochResult *r, guint a, json_t *modes, json_t *bmodes, json_t *vps, json_t *seated)
{
  const PocsimCase *c = r->source;
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
      if (c->cell_flags[k] & POCSIM_CELL_MEMBER)
        json_object_set_new (seated, c->models[m].id, json_integer (c->pw[k]));
    }
}

static void
reward_json (const PocsimEpochResult *r, guint a, json_t *o)
{
  if (r->rules->reward_only_penalties)
    json_object_set_new (o, "reward_weight", json_integer (r->reward_weight[a]));
  char share[POCSIM_UNITS_SIZE];
  if (!r->source->params.has_reward) /* ngonka, when the case carries bitcoin_reward_params */
    return;
  json_object_set_new (o, "reward", json_integer (r->reward[a]));
  json_object_set_new (o, "reward_share", json_string (pocsim_share_format (r->reward[a], r->epoch_reward, share)));
}

static json_t *
participant_json (const PocsimEpochResult *r, guint a)
{
  const PocsimCase *c = r->source;
  json_t *o = json_object (), *modes = json_object (), *bmodes = json_object (), *vps = json_object ();
  g_autoptr (json_t) seated = json_object ();
  participant_maps (r, a, modes, bmodes, vps, seated);
  json_object_set_new (o, "address", json_string (c->addrs[a]));
  json_object_set_new (o, "modes", modes);
  json_object_set_new (o, "bootstrap_modes", bmodes);
  json_object_set_new (o, "consensus", json_integer (r->consensus[a]));
  json_object_set_new (o, "penalty", dec_json (r->penalty[a]));
  json_object_set_new (o, "transfer_in", json_integer (r->transfer_in[a]));
  json_object_set_new (o, "transfer_out", json_integer (r->transfer_out[a]));
  json_object_set_new (o, "after_penalty", json_integer (r->after_penalty[a]));
  json_object_set_new (o, "final", json_integer (r->final[a]));
  reward_json (r, a, o);
  json_object_set_new (o, "voting_powers", vps);
  return o;
}

/* v0.2.16: seated PoC, the previous confirmed weight and the trust weight;
 * weights are not moved by penalties or transfers, so those columns go. */
static json_t *
trust_participant_json (const PocsimEpochResult *r, guint a)
{
  const PocsimCase *c = r->source;
  json_t *o = json_object (), *modes = json_object (), *bmodes = json_object (), *vps = json_object ();
  json_t *seated = json_object ();
  participant_maps (r, a, modes, bmodes, vps, seated);
  json_object_set_new (o, "address", json_string (c->addrs[a]));
  json_object_set_new (o, "seated", seated);
  json_object_set_new (o, "previous_confirmed", (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS)
                                                   ? json_integer (r->prev_weight[a]) : json_null ());
  json_object_set_new (o, "modes", modes);
  json_object_set_new (o, "bootstrap_modes", bmodes);
  json_object_set_new (o, "consensus", json_integer (r->consensus[a]));
  json_object_set_new (o, "penalty", dec_json (r->penalty[a]));
  json_object_set_new (o, "final", json_integer (r->final[a]));
  json_object_set_new (o, "cap_weight", json_integer (r->cap_weight[a]));
  reward_json (r, a, o);
  json_object_set_new (o, "voting_powers", vps);
  return o;
}

/* U's persisted ConfirmationWeightScales. */
static json_t *
coefficients_json (const PocsimEpochResult *r)
{
  const PocsimCase *c = r->source;
  json_t *list = json_array ();
  for (guint m = 0; m < c->n_models; m++)
    {
      const PocsimModelCoefficient *mc = &r->coefficients[m];
      if (!mc->has_scale)
        continue;
      json_t *o = json_object ();
      json_object_set_new (o, "model_id", json_string (c->models[m].id));
      json_object_set_new (o, "effective_coefficient", opt_dec_json (mc->scale.effective_coefficient));
      json_object_set_new (o, "base_coefficient", opt_dec_json (mc->scale.base_coefficient));
      json_object_set_new (o, "adaptive_step", opt_dec_json (mc->scale.adaptive_step));
      json_object_set_new (o, "prev_sign", json_integer (mc->scale.prev_sign));
      json_object_set_new (o, "exclude_from_confirmation", json_boolean (mc->scale.exclude_from_confirmation));
      json_array_append_new (list, o);
    }
  return list;
}

static json_t *
effective_coefficients_json (const PocsimEpochResult *r)
{
  const PocsimCase *c = r->source;
  json_t *map = json_object ();
  for (guint m = 0; m < c->n_models; m++)
    if (r->coefficients[m].effective)
      json_object_set_new (map, c->models[m].id, dec_json (r->coefficients[m].coeff));
  return map;
}

/* The delegation reward snapshot: penalty fractions and transfers. */
static void
reward_snapshot_json (const PocsimEpochResult *r, json_t *root)
{
  const PocsimCase *c = r->source;
  json_t *penalties = json_array (), *transfers = json_array ();
  for (guint a = 0; a < c->n_addrs; a++)
    if ((c->addr_flags[a] & POCSIM_ADDR_ACTIVE) && r->consensus[a] > 0 && !pocsim_dec_is_zero (r->penalty[a]))
      json_array_append_new (penalties, json_pack ("{s:s, s:o}", "participant", c->addrs[a], "fraction",
                                                   dec_json (r->penalty[a])));
  for (guint k = 0; k < r->transfers->len; k++)
    {
      const PocsimTransfer *t = &g_array_index (r->transfers, PocsimTransfer, k);
      json_array_append_new (transfers, json_pack ("{s:s, s:s, s:s, s:o}", "model", c->models[t->model].id, "from",
                                                   c->addrs[t->from], "to", c->addrs[t->to], "share",
                                                   dec_json (c->params.delegation_share)));
    }
  json_object_set_new (root, "reward_penalties", penalties);
  json_object_set_new (root, "reward_transfers", transfers);
}

/* PoC participants that seating left out of AP(U). */
static json_t *
dropped_json (const PocsimEpochResult *r)
{
  json_t *list = json_array ();
  for (guint a = 0; a < r->input->n_addrs; a++)
    if ((r->input->addr_flags[a] & POCSIM_ADDR_ACTIVE) && !(r->source->addr_flags[a] & POCSIM_ADDR_ACTIVE))
      json_array_append_new (list, json_string (r->input->addrs[a]));
  return list;
}

/* Why this rule set, when pocsim chose it (the case named none). */
static void
rules_reason_json (const PocsimEpochResult *r, json_t *root)
{
  const PocsimCase *c = r->input;
  if (c->rules_reason != POCSIM_RULES_FROM_HEIGHT && c->rules_reason != POCSIM_RULES_FROM_DEFAULT)
    return;
  json_object_set_new (root, "rules_reason", json_string (pocsim_rules_reason_name (c->rules_reason)));
  if (c->height >= 0)
    json_object_set_new (root, "height", json_integer (c->height));
}

static json_t *
bootstrap_events_json (const PocsimEpochResult *r)
{
  json_t *boot = json_array ();
  for (guint k = 0; k < r->n_bootstrap; k++)
    json_array_append_new (boot, bootstrap_json (r->input, &r->bootstrap[k]));
  return boot;
}

static json_t *
trust_result_json (const PocsimEpochResult *r, json_t *root)
{
  const PocsimCase *c = r->source;
  json_object_set_new (root, "error", r->halt_error ? json_string (r->halt_error) : json_null ());
  if (r->halt_error == NULL)
    {
      json_object_set_new (root, "fallback", json_string (pocsim_fallback_name (r->fallback)));
      json_object_set_new (root, "zero_trust_fallback", json_boolean (r->zero_trust_fallback));
      json_object_set_new (root, "total_previous_weight", json_integer (r->total_previous_weight));
    }
  json_object_set_new (root, "previous_trust_total",
                       c->has_bootstrap_snapshot ? json_integer (r->base_total) : json_null ());
  json_object_set_new (root, "bootstrap", bootstrap_events_json (r));
  if (r->halt_error != NULL)
    return root; /* the chain halted: nothing was formed */
  json_t *groups = json_array (), *parts = json_array ();
  json_object_set_new (root, "coefficients", coefficients_json (r));
  json_object_set_new (root, "effective_coefficients", effective_coefficients_json (r));
  for (guint m = 0; m < c->n_models; m++)
    if (r->groups[m].has_members)
      json_array_append_new (groups, group_json (r, c, m, &r->groups[m]));
  json_object_set_new (root, "groups", groups);
  reward_snapshot_json (r, root);
  json_object_set_new (root, "dropped_by_seating", dropped_json (r));
  for (guint a = 0; a < c->n_addrs; a++)
    if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
      json_array_append_new (parts, trust_participant_json (r, a));
  json_object_set_new (root, "participants", parts);
  if (c->params.has_reward)
    json_object_set_new (root, "epoch_reward", json_integer (r->epoch_reward));
  return root;
}

json_t *
pocsim_result_to_json (const PocsimEpochResult *r)
{
  const PocsimCase *c = r->source;
  json_t *root = json_object ();
  json_object_set_new (root, "format", json_string ("pocsim-result/1"));
  json_object_set_new (root, "rules", json_string (r->rules->name));
  rules_reason_json (r, root);
  json_object_set_new (root, "upcoming_epoch", json_integer (c->upcoming_epoch));
  if (trust_shape (r))
    return trust_result_json (r, root);
  json_t *groups = json_array (), *parts = json_array ();
  json_object_set_new (root, "total_previous_weight", json_integer (r->total_previous_weight));
  /* Only when it happened: the fixed result shape is unchanged otherwise. */
  if (r->empty_epoch_fallback)
    json_object_set_new (root, "empty_epoch_fallback", json_true ());
  for (guint m = 0; m < c->n_models; m++)
    if (r->groups[m].has_members)
      json_array_append_new (groups, group_json (r, c, m, &r->groups[m]));
  for (guint a = 0; a < c->n_addrs; a++)
    if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
      json_array_append_new (parts, participant_json (r, a));
  json_object_set_new (root, "bootstrap", bootstrap_events_json (r));
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
