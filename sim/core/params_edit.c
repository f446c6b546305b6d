/* params_edit.c - governance edits of the chain Params, applied to a case. */
#include "core/params_edit.h"

#include <string.h>

#include "core/error.h"

void
pocsim_model_entry_clear (PocsimModelEntry *e)
{
  g_clear_pointer (&e->model_id, g_free);
}

void
pocsim_params_edit_clear (PocsimParamsEdit *e)
{
  g_clear_pointer (&e->initial_model, g_free);
  for (guint k = 0; k < e->n_models; k++)
    pocsim_model_entry_clear (&e->models[k]);
  g_clear_pointer (&e->models, g_free);
  e->n_models = 0;
  e->set = 0;
}

static guint32
model_index (const PocsimCase *c, const char *id, GError **error)
{
  guint32 m = pocsim_case_find_model (c, id);
  if (m == POCSIM_NO_MODEL)
    g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INTERNAL, "model \"%s\" is not in the replay's model table", id);
  return m;
}

/* What a model out of poc_params.models holds (as the case reader leaves it). */
static void
model_reset (PocsimModel *model)
{
  model->in_params = FALSE;
  model->coeff = pocsim_dec_one ();
  model->weight_scale_factor = (PocsimOptDec) { FALSE, pocsim_dec_zero () };
  model->penalty_start_epoch = 0;
  model->has_dynamic = FALSE;
  memset (&model->dynamic, 0, sizeof model->dynamic);
}

/* A model entering poc_params.models: the chain's defaults, then the
 * entry, its coefficient read as RULES read it. */
static void
model_enter (PocsimModel *model, const PocsimModelEntry *e, const PocsimRuleSet *rules)
{
  if (!model->in_params)
    {
      model_reset (model);
      model->in_params = TRUE;
    }
  if (e->has_coeff)
    {
      model->weight_scale_factor = e->weight_scale_factor;
      model->coeff = rules->dynamic_coefficients ? e->coeff : e->coeff_legacy;
    }
  if (e->has_penalty_start)
    model->penalty_start_epoch = e->penalty_start_epoch;
  if (e->has_dynamic_key)
    {
      model->has_dynamic = e->has_dynamic;
      model->dynamic = e->dynamic;
    }
}

void
pocsim_model_remove (PocsimCase *c, guint m)
{
  model_reset (&c->models[m]);
}

gboolean
pocsim_model_entry_apply (PocsimCase *c, const PocsimModelEntry *e, GError **error)
{
  guint32 m = model_index (c, e->model_id, error);
  if (m == POCSIM_NO_MODEL)
    return FALSE;
  model_enter (&c->models[m], e, c->rules);
  return TRUE;
}

#define SET(field, member)                                                                                   \
  do                                                                                                         \
    if (pocsim_params_edit_sets (e, field))                                                                  \
      p->member = e->values.member;                                                                          \
  while (0)

gboolean
pocsim_params_edit_apply (PocsimCase *c, const PocsimParamsEdit *e, GError **error)
{
  PocsimParams *p = &c->params;
  SET (POCSIM_PARAM_DEPLOY_WINDOW, deploy_window);
  SET (POCSIM_PARAM_REFUSAL_PENALTY, refusal_penalty);
  SET (POCSIM_PARAM_NO_PARTICIPATION_PENALTY, no_participation_penalty);
  SET (POCSIM_PARAM_DELEGATION_SHARE, delegation_share);
  SET (POCSIM_PARAM_W_THRESHOLD, w_threshold);
  SET (POCSIM_PARAM_V_MIN, v_min);
  SET (POCSIM_PARAM_CAP_FACTOR, cap_factor);
  SET (POCSIM_PARAM_MAX_MODEL_VP_PCT, max_model_vp_pct);
  SET (POCSIM_PARAM_VALIDATION_SLOTS, validation_slots);
  SET (POCSIM_PARAM_VOTE_THRESHOLD_BPS, validation_vote_threshold_bps);
  SET (POCSIM_PARAM_DYNAMIC_PARAMS, has_dynamic_params);
  SET (POCSIM_PARAM_TARGET_ZONE_BPS, dynamic.target_zone_bps);
  SET (POCSIM_PARAM_STEP_MIN, dynamic.step_min);
  SET (POCSIM_PARAM_STEP_MAX, dynamic.step_max);
  SET (POCSIM_PARAM_BOOTSTRAP_STEP_MAX, dynamic.bootstrap_step_max);
  SET (POCSIM_PARAM_BOOTSTRAP_SHARE_BPS, dynamic.bootstrap_share_bps);
  SET (POCSIM_PARAM_COLLATERAL_ENABLED, collateral_enabled);
  SET (POCSIM_PARAM_GRACE_PERIOD_END_EPOCH, grace_period_end_epoch);
  SET (POCSIM_PARAM_BASE_WEIGHT_RATIO, base_weight_ratio);
  SET (POCSIM_PARAM_COLLATERAL_PER_WEIGHT_UNIT, collateral_per_weight_unit);
  SET (POCSIM_PARAM_POWER_CAP, power_cap_enabled);
  SET (POCSIM_PARAM_HAS_REWARD, has_reward);
  SET (POCSIM_PARAM_INITIAL_EPOCH_REWARD, initial_epoch_reward);
  SET (POCSIM_PARAM_DECAY_RATE, decay_rate);
  SET (POCSIM_PARAM_REWARD_GENESIS_EPOCH, reward_genesis_epoch);
  if (pocsim_params_edit_sets (e, POCSIM_PARAM_MODELS))
    {
      for (guint m = 0; m < c->n_models; m++)
        if (c->models[m].in_params)
          pocsim_model_remove (c, m);
      for (guint k = 0; k < e->n_models; k++)
        if (!pocsim_model_entry_apply (c, &e->models[k], error))
          return FALSE;
    }
  if (pocsim_params_edit_sets (e, POCSIM_PARAM_INITIAL_MODEL))
    {
      p->initial_model = POCSIM_NO_MODEL;
      if (*e->initial_model != '\0' && (p->initial_model = model_index (c, e->initial_model, error)) == POCSIM_NO_MODEL)
        return FALSE;
    }
  return TRUE;
}

#undef SET

gboolean
pocsim_params_check_initial_model (const PocsimCase *c, GError **error)
{
  guint32 m = c->params.initial_model;
  if (m != POCSIM_NO_MODEL && !c->models[m].in_params)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "initial_model_id \"%s\" is not in poc_params.models",
                   c->models[m].id);
      return FALSE;
    }
  return TRUE;
}
