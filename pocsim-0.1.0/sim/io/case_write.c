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

static json_t *
params_to_json (const PocsimCase *c)
{
  const PocsimParams *p = &c->params;
  json_t *models = json_array ();
  for (guint m = 0; m < c->n_models; m++)
    if (c->models[m].in_params)
      json_array_append_new (models, json_pack ("{s:s, s:o, s:I}", "model_id", c->models[m].id,
                                                "weight_scale_factor", coefficient (c->models[m].coeff),
                                                "penalty_start_epoch",
                                                (json_int_t) c->models[m].penalty_start_epoch));
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
  json_object_set_new (params, "poc_params",
                       json_pack ("{s:o, s:I, s:I}", "models", models, "validation_slots",
                                  (json_int_t) p->validation_slots, "validation_vote_threshold_bps",
                                  (json_int_t) p->validation_vote_threshold_bps));
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
         *prev_poc = json_object ();
  for (guint m = 0; m < c->n_models; m++)
    for (guint a = 0; a < c->n_addrs; a++)
      {
        gsize k = pocsim_cell (c, m, a);
        const char *model = c->models[m].id, *addr = c->addrs[a];
        guint8 f = c->cell_flags[k];
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
        if (f & POCSIM_CELL_MEMBER)
          json_object_set_new (child (poc, model), addr, json_integer (c->pw[k]));
        if (c->prev_pw[k] > 0)
          json_object_set_new (child (prev_poc, model), addr, json_integer (c->prev_pw[k]));
      }
  json_object_set_new (json_object_get (doc, "previous"), "voting_powers", vps);
  if (json_object_size (prev_poc) > 0)
    json_object_set_new (json_object_get (doc, "previous"), "poc", prev_poc);
  else
    json_decref (prev_poc);
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

json_t *
pocsim_case_to_json (const PocsimCase *c)
{
  json_t *doc = json_object ();
  json_object_set_new (doc, "format", json_string ("pocsim-case/1"));
  json_object_set_new (doc, "rules", json_string (c->rules->name));
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
  /* Every active participant is listed: those with PoC repeat their poc
   * keys, which the reader accepts; those without keep their place in AP. */
  json_object_set_new (doc, "participants", participants);
  json_object_set_new (doc, "collateral", collateral);
  return doc;
}
