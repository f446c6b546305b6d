/* params_edit.h - a governance change of the chain Params, as typed data.
 *
 * A scenario's "params", "set_model" and "remove_model" events are read
 * once, at the edge (io/scenario_json.c, with the case reader's checks),
 * into these values; the replay applies them to its state, a PocsimCase.
 * No JSON reaches the replay.
 *
 * A PocsimParamsEdit says which fields it sets (a bit per PocsimParamField)
 * and their values.  A section replaced by a non-object (null) sets every
 * field of the section to its unset value, as the case reader reads an
 * absent section.
 *
 * Ownership: an edit owns its strings and model list; clear it with
 * pocsim_params_edit_clear(). */
#pragma once

#include "core/case.h"

typedef enum {
  /* delegation_params */
  POCSIM_PARAM_DEPLOY_WINDOW,
  POCSIM_PARAM_REFUSAL_PENALTY,
  POCSIM_PARAM_NO_PARTICIPATION_PENALTY,
  POCSIM_PARAM_DELEGATION_SHARE,
  POCSIM_PARAM_W_THRESHOLD,
  POCSIM_PARAM_V_MIN,
  POCSIM_PARAM_CAP_FACTOR,
  POCSIM_PARAM_INITIAL_MODEL,
  POCSIM_PARAM_MAX_MODEL_VP_PCT,
  /* poc_params */
  POCSIM_PARAM_MODELS,             /* the whole models list */
  POCSIM_PARAM_VALIDATION_SLOTS,
  POCSIM_PARAM_VOTE_THRESHOLD_BPS,
  /* poc_params.dynamic_coefficient_params (v0.2.16): its presence, then its fields */
  POCSIM_PARAM_DYNAMIC_PARAMS,
  POCSIM_PARAM_TARGET_ZONE_BPS,
  POCSIM_PARAM_STEP_MIN,
  POCSIM_PARAM_STEP_MAX,
  POCSIM_PARAM_BOOTSTRAP_STEP_MAX,
  POCSIM_PARAM_BOOTSTRAP_SHARE_BPS,
  /* collateral_params: the section's presence, then its fields */
  POCSIM_PARAM_COLLATERAL_ENABLED,
  POCSIM_PARAM_GRACE_PERIOD_END_EPOCH,
  POCSIM_PARAM_BASE_WEIGHT_RATIO,
  POCSIM_PARAM_COLLATERAL_PER_WEIGHT_UNIT,
  /* genesis_only_params */
  POCSIM_PARAM_POWER_CAP,
  /* bitcoin_reward_params */
  POCSIM_PARAM_HAS_REWARD,
  POCSIM_PARAM_INITIAL_EPOCH_REWARD,
  POCSIM_PARAM_DECAY_RATE,
  POCSIM_PARAM_REWARD_GENESIS_EPOCH,
  POCSIM_N_PARAMS
} PocsimParamField;

/* One poc_params.models entry.  Fields not given keep their value when the
 * entry exists, and take the chain's defaults when it is new (coefficient
 * 1, penalty_start_epoch 0, no dynamic_coefficient). */
typedef struct {
  char *model_id;
  gboolean has_coeff;             /* weight_scale_factor given (null and "" unset it) */
  PocsimOptDec weight_scale_factor; /* as given */
  PocsimDec coeff;                /* the coefficient from v0.2.16: unset reads as 1, an explicit 0 is 0 */
  PocsimDec coeff_legacy;         /* before v0.2.16 (LegacyDecOrOne): unset or "0" read as 1 */
  gboolean has_penalty_start;
  guint64 penalty_start_epoch;
  gboolean has_dynamic_key;       /* dynamic_coefficient given (null removes it) */
  gboolean has_dynamic;
  PocsimCoeffConfig dynamic;
} PocsimModelEntry;

typedef struct {
  guint32 set;                    /* 1 << PocsimParamField */
  PocsimParams values;            /* the value of each field set */
  char *initial_model;            /* POCSIM_PARAM_INITIAL_MODEL: the model id, "" = none */
  guint n_models;                 /* POCSIM_PARAM_MODELS: the new list */
  PocsimModelEntry *models;
} PocsimParamsEdit;

static inline gboolean
pocsim_params_edit_sets (const PocsimParamsEdit *e, PocsimParamField f)
{
  return (e->set & (1u << f)) != 0;
}

void pocsim_model_entry_clear (PocsimModelEntry *e);
void pocsim_params_edit_clear (PocsimParamsEdit *e);

/* Writes the edit into C's params and model table.  Every model the edit
 * names must be in C's model table (a replay's table holds every model its
 * scenario names); FALSE with an error otherwise.  The initial model is
 * checked against poc_params.models where the case is formed
 * (pocsim_params_check_initial_model), as the case reader checks it. */
gboolean pocsim_params_edit_apply (PocsimCase *c, const PocsimParamsEdit *e, GError **error);

/* set_model: adds the entry to poc_params.models, or merges its fields
 * into the entry of that model. */
gboolean pocsim_model_entry_apply (PocsimCase *c, const PocsimModelEntry *e, GError **error);

/* remove_model: the model leaves poc_params.models (nothing if absent). */
void pocsim_model_remove (PocsimCase *c, guint m);

/* The case reader's rule: initial_model_id names a model of poc_params.models. */
gboolean pocsim_params_check_initial_model (const PocsimCase *c, GError **error);
