/* case_write.c - PocsimCase -> pocsim-case/1 document. */
#include "io/case_write.h"

static json_t *
dec_string (PocsimDec d)
{
  char buf[POCSIM_DEC_FORMAT_SIZE];
  return json_string (pocsim_dec_format (d, buf));
}

static json_t *
coefficient (PocsimDec d)
{
  if (pocsim_dec_is_zero (d))
    return json_pack ("{s:s, s:i}", "value", "0", "exponent", -POCSIM_DEC_PRECISION);
  return dec_string (d);
}

/* A decimal the chain may leave unset: omitted then, exact otherwise ("0"
 * is zero for these fields). */
static void
set_opt_dec (json_t *obj, const char *key, PocsimOptDec d)
{
  if (d.set)
    json_object_set_new (obj, key, dec_string (d.value));
}

static json_t *
coeff_config_to_json (const PocsimCoeffConfig *cfg)
{
  json_t *o = json_object ();
  set_opt_dec (o, "coeff_min", cfg->coeff_min);
  set_opt_dec (o, "coeff_max", cfg->coeff_max);
  set_opt_dec (o, "relative_difficulty", cfg->relative_difficulty);
  json_object_set_new (o, "target_share_bps", json_integer (cfg->target_share_bps));
  return o;
}

static json_t *
dynamic_params_to_json (const PocsimDynamicParams *p)
{
  json_t *o = json_object ();
  json_object_set_new (o, "target_zone_bps", json_integer (p->target_zone_bps));
  set_opt_dec (o, "step_min", p->step_min);
  set_opt_dec (o, "step_max", p->step_max);
  set_opt_dec (o, "bootstrap_step_max", p->bootstrap_step_max);
  json_object_set_new (o, "bootstrap_share_bps", json_integer (p->bootstrap_share_bps));
  return o;
}

static json_t *
coeff_scale_to_json (const char *model_id, const PocsimCoeffScale *s)
{
  json_t *o = json_object ();
  json_object_set_new (o, "model_id", json_string (model_id));
  set_opt_dec (o, "effective_coefficient", s->effective_coefficient);
  set_opt_dec (o, "weight_scale_factor", s->weight_scale_factor);
  set_opt_dec (o, "base_coefficient", s->base_coefficient);
  set_opt_dec (o, "adaptive_step", s->adaptive_step);
  json_object_set_new (o, "prev_sign", json_integer (s->prev_sign));
  json_object_set_new (o, "exclude_from_confirmation", json_boolean (s->exclude_from_confirmation));
  if (s->has_config)
    json_object_set_new (o, "config", coeff_config_to_json (&s->config));
  return o;
}

/* One poc_params.models entry.  Under v0.2.16 weight_scale_factor is kept
 * as given (unset stays unset, 0 is zero); before, the coefficient is
 * written so that LegacyDecOrOne reads it back. */
static json_t *
model_config_to_json (const PocsimCase *c, guint m)
{
  const PocsimModel *model = &c->models[m];
  json_t *o = json_object ();
  json_object_set_new (o, "model_id", json_string (model->id));
  if (!c->rules->dynamic_coefficients)
    json_object_set_new (o, "weight_scale_factor", coefficient (model->coeff));
  else if (model->weight_scale_factor.set)
    json_object_set_new (o, "weight_scale_factor", dec_string (model->weight_scale_factor.value));
  json_object_set_new (o, "penalty_start_epoch", json_integer ((json_int_t) model->penalty_start_epoch));
  if (model->has_dynamic)
    json_object_set_new (o, "dynamic_coefficient", coeff_config_to_json (&model->dynamic));
  return o;
}

static json_t *
params_to_json (const PocsimCase *c)
{
  const PocsimParams *p = &c->params;
  json_t *models = json_array ();
  for (guint m = 0; m < c->n_models; m++)
    if (c->models[m].in_params)
      json_array_append_new (models, model_config_to_json (c, m));
  json_t *params = json_object ();
  json_object_set_new (params, "delegation_params",
                       json_pack ("{s:I, s:o, s:o, s:o, s:o, s:I, s:o, s:s, s:o}",
                                  "deploy_window", (json_int_t) p->deploy_window,
                                  "refusal_penalty", dec_string (p->refusal_penalty),
                                  "no_participation_penalty", dec_string (p->no_participation_penalty),
                                  "delegation_share", dec_string (p->delegation_share),
                                  "w_threshold", dec_string (p->w_threshold),
                                  "v_min", (json_int_t) p->v_min,
                                  "cap_factor", dec_string (p->cap_factor),
                                  "initial_model_id",
                                  p->initial_model == POCSIM_NO_MODEL ? "" : c->models[p->initial_model].id,
                                  "max_model_voting_power_percentage", dec_string (p->max_model_vp_pct)));
  json_t *poc_params = json_pack ("{s:o, s:I, s:I}", "models", models, "validation_slots",
                                  (json_int_t) p->validation_slots, "validation_vote_threshold_bps",
                                  (json_int_t) p->validation_vote_threshold_bps);
  if (p->has_dynamic_params)
    json_object_set_new (poc_params, "dynamic_coefficient_params", dynamic_params_to_json (&p->dynamic));
  json_object_set_new (params, "poc_params", poc_params);
  if (p->collateral_enabled)
    json_object_set_new (params, "collateral_params",
                         json_pack ("{s:I, s:o, s:o}", "grace_period_end_epoch",
                                    (json_int_t) p->grace_period_end_epoch, "base_weight_ratio",
                                    dec_string (p->base_weight_ratio), "collateral_per_weight_unit",
                                    dec_string (p->collateral_per_weight_unit)));
  if (p->has_reward)
    json_object_set_new (params, "bitcoin_reward_params",
                         json_pack ("{s:I, s:o, s:I}", "initial_epoch_reward",
                                    (json_int_t) p->initial_epoch_reward, "decay_rate",
                                    dec_string (p->decay_rate), "genesis_epoch",
                                    (json_int_t) p->reward_genesis_epoch));
  json_object_set_new (params, "genesis_only_params",
                       json_pack ("{s:s}", "max_individual_power_percentage", p->power_cap_enabled ? "1" : "0"));
  return params;
}

static json_t *
child (json_t *obj, const char *key)
{
  json_t *v = json_object_get (obj, key);
  if (v == NULL)
    json_object_set_new (obj, key, v = json_object ());
  return v;
}

static json_t *
child_array (json_t *obj, const char *key)
{
  json_t *v = json_object_get (obj, key);
  if (v == NULL)
    json_object_set_new (obj, key, v = json_array ());
  return v;
}

static void
add_record (json_t *list, const char *model, const char *who_key, const char *who, const char *target)
{
  json_t *rec = json_pack ("{s:s, s:s}", "model_id", model, who_key, who);
  if (target)
    json_object_set_new (rec, "delegate_to", json_string (target));
  json_array_append_new (list, rec);
}

/* Records, commits and PoC in store order: by model, then address. */
static void
cells_to_json (const PocsimCase *c, json_t *doc)
{
  json_t *boot_del = json_array (), *intents = json_array (), *reg_del = json_array (),
         *refusals = json_array (), *commits = json_array (), *vps = json_object (), *poc = json_object (),
         *prev_nodes = json_object (), *node_ids = json_object ();
  json_t *prev = json_object_get (doc, "previous");
  for (guint m = 0; m < c->n_models; m++)
    for (guint a = 0; a < c->n_addrs; a++)
      {
        gsize k = pocsim_cell (c, m, a);
        const char *model = c->models[m].id, *addr = c->addrs[a];
        guint8 f = c->cell_flags[k];
        gint64 entry;
        if (c->boot_delegate[k] != POCSIM_NO_ADDR)
          add_record (boot_del, model, "delegator", addr, c->addrs[c->boot_delegate[k]]);
        if (f & POCSIM_CELL_BOOT_INTENT)
          add_record (intents, model, "participant", addr, NULL);
        if (c->reg_delegate[k] != POCSIM_NO_ADDR)
          add_record (reg_del, model, "delegator", addr, c->addrs[c->reg_delegate[k]]);
        if (f & POCSIM_CELL_REFUSAL)
          add_record (refusals, model, "participant", addr, NULL);
        if (f & POCSIM_CELL_COMMIT)
          add_record (commits, model, "participant", addr, NULL);
        if (f & POCSIM_CELL_PREV_VP)
          json_object_set_new (child (vps, model), addr, json_integer (c->prev_vp[k]));
        if (pocsim_case_poc_entry (c, m, a, &entry))
          json_object_set_new (child (poc, model), addr, json_integer (entry));
        if (f & POCSIM_CELL_PREV_NODE)
          json_object_set_new (child (prev_nodes, model), addr, json_integer (c->prev_pw[k]));
        if (c->prev_node_id != NULL && c->prev_node_id[k] != NULL)
          json_object_set_new (child (node_ids, model), addr, json_string (c->prev_node_id[k]));
      }
  json_object_set_new (prev, "voting_powers", vps);
  if (json_object_size (prev_nodes) > 0)
    json_object_set_new (prev, "nodes", prev_nodes);
  else
    json_decref (prev_nodes);
  if (json_object_size (node_ids) > 0)
    json_object_set_new (prev, "node_ids", node_ids);
  else
    json_decref (node_ids);
  if (c->has_bootstrap_snapshot)
    json_object_set_new (doc, "bootstrap_snapshot",
                         json_pack ("{s:o, s:o}", "delegations", boot_del, "intents", intents));
  else
    json_decref (boot_del), json_decref (intents);
  if (c->has_delegation_snapshot)
    json_object_set_new (doc, "delegation_snapshot",
                         json_pack ("{s:o, s:o}", "delegations", reg_del, "refusals", refusals));
  else
    json_decref (reg_del), json_decref (refusals);
  json_object_set_new (doc, "commits", commits);
  json_object_set_new (doc, "poc", poc);
}

/* E's state of v0.2.16 beyond weights and voting powers. */
static void
previous_epoch_to_json (const PocsimCase *c, json_t *prev)
{
  json_t *cw = json_object (), *caps = json_object (), *failed = json_array (), *excluded = json_array (),
         *scales = json_array ();
  for (guint a = 0; a < c->n_addrs; a++)
    {
      guint8 f = c->addr_flags[a];
      if (f & POCSIM_ADDR_HAS_CONFIRMATION)
        json_object_set_new (cw, c->addrs[a], json_integer (c->prev_confirmation_weight[a]));
      if (c->prev_cap_weight[a] != 0 || (f & POCSIM_ADDR_IN_PREVIOUS))
        json_object_set_new (caps, c->addrs[a], json_integer (c->prev_cap_weight[a]));
      if (f & POCSIM_ADDR_FAILED_MISS_RATE)
        json_array_append_new (failed, json_string (c->addrs[a]));
      if (f & POCSIM_ADDR_EXCLUDED)
        json_array_append_new (excluded, json_string (c->addrs[a]));
    }
  for (guint m = 0; m < c->n_models; m++)
    if (c->models[m].previous.present)
      json_array_append_new (scales, coeff_scale_to_json (c->models[m].id, &c->models[m].previous));
  json_t *parts[] = { cw, failed, excluded, scales };
  const char *keys[] = { "confirmation_weights", "failed_miss_rate", "excluded", "coefficient_scales" };
  for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
    if ((json_is_object (parts[k]) ? json_object_size (parts[k]) : json_array_size (parts[k])) > 0)
      json_object_set_new (prev, keys[k], parts[k]);
    else
      json_decref (parts[k]);
  if (c->has_previous_cap_weights)
    {
      json_object_set_new (prev, "cap_weights", caps);
      json_object_set_new (prev, "cap_weight_applied", json_boolean (c->previous_cap_weight_applied));
    }
  else
    json_decref (caps);
}

/* U's validated nodes, hardware records, registry and frozen config. */
static void
nodes_to_json (const PocsimCase *c, json_t *doc)
{
  json_t *poc_nodes = json_object (), *hardware = json_object ();
  for (guint a = 0; a < c->n_addrs; a++)
    {
      guint n;
      const PocsimPocNode *nodes = pocsim_case_nodes (c, a, &n);
      if (n > 0)
        {
          json_t *list = json_array ();
          for (guint j = 0; j < n; j++)
            json_array_append_new (list, json_pack ("{s:s, s:s, s:I, s:b}", "node_id", nodes[j].node_id, "model_id",
                                                    c->models[nodes[j].model].id, "poc_weight",
                                                    (json_int_t) nodes[j].poc_weight, "preserved", nodes[j].preserved));
          json_object_set_new (poc_nodes, c->addrs[a], list);
        }
      if (c->addr_flags[a] & POCSIM_ADDR_HAS_HARDWARE)
        {
          const PocsimHardwareModel *hw = pocsim_case_hardware (c, a, &n);
          json_t *rec = json_object ();
          for (guint j = 0; j < n; j++)
            json_array_append_new (child_array (rec, hw[j].node_id), json_string (c->models[hw[j].model].id));
          json_object_set_new (hardware, c->addrs[a], rec);
        }
    }
  json_t *parts[] = { poc_nodes, hardware };
  const char *keys[] = { "poc_nodes", "hardware_nodes" };
  for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
    if (json_object_size (parts[k]) > 0)
      json_object_set_new (doc, keys[k], parts[k]);
    else
      json_decref (parts[k]);
  if (c->governance_explicit)
    {
      json_t *list = json_array ();
      for (guint m = 0; m < c->n_models; m++)
        if (c->models[m].governance)
          json_array_append_new (list, json_string (c->models[m].id));
      json_object_set_new (doc, "governance_models", list);
    }
  if (c->params.frozen_explicit)
    {
      json_t *scales = json_array ();
      for (guint m = 0; m < c->n_models; m++)
        if (c->models[m].frozen.present)
          json_array_append_new (scales, coeff_scale_to_json (c->models[m].id, &c->models[m].frozen));
      json_object_set_new (doc, "frozen_coefficients",
                           json_pack ("{s:o, s:o}", "params",
                                      c->params.frozen_has_dynamic_params
                                        ? dynamic_params_to_json (&c->params.frozen_dynamic) : json_null (),
                                      "scales", scales));
    }
}

json_t *
pocsim_case_to_json (const PocsimCase *c)
{
  json_t *doc = json_object ();
  json_object_set_new (doc, "format", json_string ("pocsim-case/1"));
  json_object_set_new (doc, "rules", json_string (c->rules->name));
  if (c->height >= 0)
    json_object_set_new (doc, "height", json_integer (c->height));
  json_object_set_new (doc, "upcoming_epoch", json_integer (c->upcoming_epoch));
  json_object_set_new (doc, "params", params_to_json (c));
  json_t *weights = json_object (), *participants = json_array (), *collateral = json_object ();
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS)
        json_object_set_new (weights, c->addrs[a], json_integer (c->prev_weight[a]));
      if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
        json_array_append_new (participants, json_string (c->addrs[a]));
      if (c->addr_flags[a] & POCSIM_ADDR_HAS_COLLATERAL)
        json_object_set_new (collateral, c->addrs[a], json_integer (c->collateral[a]));
    }
  json_object_set_new (doc, "previous", json_pack ("{s:o}", "weights", weights));
  cells_to_json (c, doc);
  previous_epoch_to_json (c, json_object_get (doc, "previous"));
  nodes_to_json (c, doc);
  /* Every active participant is listed: those with PoC repeat their poc
   * keys, which the reader accepts; those without keep their place in AP. */
  json_object_set_new (doc, "participants", participants);
  json_object_set_new (doc, "collateral", collateral);
  return doc;
}
