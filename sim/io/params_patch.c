/* params_patch.c - governance patches read by the case reader into typed edits. */
#include "io/params_patch.h"

#include <string.h>

#include "io/case_json.h"

/* The params fields pocsim reads, by section; a NULL key stands for the
 * section's presence (collateral and reward are off without their section). */
static const struct {
  const char *section;
  const char *key;
  PocsimParamField field;
} patch_fields[] = {
  { "delegation_params", "deploy_window", POCSIM_PARAM_DEPLOY_WINDOW },
  { "delegation_params", "refusal_penalty", POCSIM_PARAM_REFUSAL_PENALTY },
  { "delegation_params", "no_participation_penalty", POCSIM_PARAM_NO_PARTICIPATION_PENALTY },
  { "delegation_params", "delegation_share", POCSIM_PARAM_DELEGATION_SHARE },
  { "delegation_params", "w_threshold", POCSIM_PARAM_W_THRESHOLD },
  { "delegation_params", "v_min", POCSIM_PARAM_V_MIN },
  { "delegation_params", "cap_factor", POCSIM_PARAM_CAP_FACTOR },
  { "delegation_params", "initial_model_id", POCSIM_PARAM_INITIAL_MODEL },
  { "delegation_params", "max_model_voting_power_percentage", POCSIM_PARAM_MAX_MODEL_VP_PCT },
  { "poc_params", "models", POCSIM_PARAM_MODELS },
  { "poc_params", "validation_slots", POCSIM_PARAM_VALIDATION_SLOTS },
  { "poc_params", "validation_vote_threshold_bps", POCSIM_PARAM_VOTE_THRESHOLD_BPS },
  { "collateral_params", NULL, POCSIM_PARAM_COLLATERAL_ENABLED },
  { "collateral_params", "grace_period_end_epoch", POCSIM_PARAM_GRACE_PERIOD_END_EPOCH },
  { "collateral_params", "base_weight_ratio", POCSIM_PARAM_BASE_WEIGHT_RATIO },
  { "collateral_params", "collateral_per_weight_unit", POCSIM_PARAM_COLLATERAL_PER_WEIGHT_UNIT },
  { "genesis_only_params", "max_individual_power_percentage", POCSIM_PARAM_POWER_CAP },
  { "bitcoin_reward_params", NULL, POCSIM_PARAM_HAS_REWARD },
  { "bitcoin_reward_params", "initial_epoch_reward", POCSIM_PARAM_INITIAL_EPOCH_REWARD },
  { "bitcoin_reward_params", "decay_rate", POCSIM_PARAM_DECAY_RATE },
  { "bitcoin_reward_params", "genesis_epoch", POCSIM_PARAM_REWARD_GENESIS_EPOCH },
};

/* Messages about the made-up case document point into the patch's file:
 * the part of the pointer below STRIP is appended to BASE. */
typedef struct {
  const PocsimJsonDoc *doc;
  const char *base;
  const char *strip;
} Where;

static char *
locate (const char *pointer, gpointer data)
{
  const Where *w = data;
  gsize n = strlen (w->strip);
  const char *rest = "";
  if (strncmp (pointer, w->strip, n) == 0 && (pointer[n] == '\0' || pointer[n] == '/'))
    rest = pointer + n;
  g_autofree char *full = g_strconcat (w->base, rest, NULL);
  return pocsim_json_doc_where (w->doc, full);
}

static gboolean
is_section (const char *key)
{
  for (guint k = 0; k < G_N_ELEMENTS (patch_fields); k++)
    if (strcmp (patch_fields[k].section, key) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
list_has_model (const json_t *models, const char *id)
{
  for (gsize k = 0; k < json_array_size (models); k++)
    {
      const json_t *v = json_object_get (json_array_get (models, k), "model_id");
      if (json_is_string (v) && strcmp (json_string_value (v), id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The case reader checks initial_model_id against poc_params.models; a
 * patch may name a model another event adds, so the check waits for the
 * formation (pocsim_params_check_initial_model) and the model is listed
 * here only to let the value through.  Returns the injected id or NULL. */
static const char *
admit_initial_model (json_t *params)
{
  const json_t *id = json_object_get (json_object_get (params, "delegation_params"), "initial_model_id");
  if (!json_is_string (id) || json_string_length (id) == 0)
    return NULL;
  const json_t *poc = json_object_get (params, "poc_params");
  json_t *copy = json_is_object (poc) ? json_copy ((json_t *) poc) : json_object ();
  const json_t *models = json_object_get (copy, "models");
  if (models != NULL && !json_is_null (models) && !json_is_array (models))
    {
      json_decref (copy);
      return NULL; /* the reader reports the list itself */
    }
  json_t *list = json_is_array (models) ? json_copy ((json_t *) models) : json_array ();
  gboolean listed = list_has_model (list, json_string_value (id));
  if (!listed)
    json_array_append_new (list, json_pack ("{s:O}", "model_id", id));
  json_object_set_new (copy, "models", list);
  json_object_set_new (params, "poc_params", copy);
  return listed ? NULL : json_string_value (id);
}

static PocsimCase *
read_as_case (json_t *params, const Where *where, GError **error)
{
  g_autoptr (json_t) doc = json_pack ("{s:i, s:O}", "upcoming_epoch", 0, "params", params);
  return pocsim_case_from_tree (doc, locate, (gpointer) where, NULL, error);
}

static void
take_models (const PocsimCase *tc, const char *injected, PocsimParamsEdit *out)
{
  out->models = g_new0 (PocsimModelEntry, tc->n_models + 1);
  for (guint m = 0; m < tc->n_models; m++)
    {
      const PocsimModel *model = &tc->models[m];
      if (!model->in_params || (injected && strcmp (model->id, injected) == 0))
        continue;
      out->models[out->n_models++] = (PocsimModelEntry) { g_strdup (model->id), TRUE, model->coeff, TRUE,
                                                          model->penalty_start_epoch };
    }
}

gboolean
pocsim_params_patch_read (const json_t *patch, const PocsimJsonDoc *doc, const char *pointer,
                          PocsimParamsEdit *out, GError **error)
{
  g_autoptr (json_t) params = json_object ();
  const char *key;
  json_t *value;
  json_object_foreach ((json_t *) patch, key, value)
    if (is_section (key))
      json_object_set (params, key, value);
  /* A copy of the patch's sections, so the admitted model stays out of it. */
  g_autoptr (json_t) reading = json_deep_copy (params);
  const char *injected = admit_initial_model (reading);
  Where where = { doc, pointer, "/params" };
  g_autoptr (PocsimCase) tc = read_as_case (reading, &where, error);
  if (tc == NULL)
    return FALSE;
  out->values = tc->params;
  for (guint k = 0; k < G_N_ELEMENTS (patch_fields); k++)
    {
      const json_t *section = json_object_get (params, patch_fields[k].section);
      if (section == NULL)
        continue;
      /* A section that is not an object replaces the old one: every field unset. */
      if (json_is_object (section) && patch_fields[k].key != NULL
          && json_object_get (section, patch_fields[k].key) == NULL)
        continue;
      out->set |= 1u << patch_fields[k].field;
    }
  if (pocsim_params_edit_sets (out, POCSIM_PARAM_INITIAL_MODEL))
    out->initial_model = g_strdup (out->values.initial_model == POCSIM_NO_MODEL
                                   ? "" : tc->models[out->values.initial_model].id);
  if (pocsim_params_edit_sets (out, POCSIM_PARAM_MODELS))
    take_models (tc, injected, out);
  return TRUE;
}

gboolean
pocsim_model_entry_read (const json_t *entry, const PocsimJsonDoc *doc, const char *pointer,
                         PocsimModelEntry *out, GError **error)
{
  g_autoptr (json_t) params = json_pack ("{s:{s:[O]}}", "poc_params", "models", entry);
  Where where = { doc, pointer, "/params/poc_params/models/0" };
  g_autoptr (PocsimCase) tc = read_as_case (params, &where, error);
  if (tc == NULL)
    return FALSE;
  const PocsimModel *model = &tc->models[0];
  out->model_id = g_strdup (model->id);
  out->has_coeff = json_object_get (entry, "weight_scale_factor") != NULL;
  out->coeff = model->coeff;
  out->has_penalty_start = json_object_get (entry, "penalty_start_epoch") != NULL;
  out->penalty_start_epoch = model->penalty_start_epoch;
  return TRUE;
}
