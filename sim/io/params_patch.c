/* params_patch.c - governance patches read by the case reader into typed edits. */
#include "io/params_patch.h"

#include <string.h>

#include "io/case_json.h"

/* The params fields pocsim reads, by section; a NULL key stands for the
 * section's presence (collateral and reward are off without their section). */
static const struct {
  const char *section;
  const char *subsection; /* an object inside the section, or NULL */
  const char *key;
  PocsimParamField field;
} patch_fields[] = {
  { "delegation_params", NULL, "deploy_window", POCSIM_PARAM_DEPLOY_WINDOW },
  { "delegation_params", NULL, "refusal_penalty", POCSIM_PARAM_REFUSAL_PENALTY },
  { "delegation_params", NULL, "no_participation_penalty", POCSIM_PARAM_NO_PARTICIPATION_PENALTY },
  { "delegation_params", NULL, "delegation_share", POCSIM_PARAM_DELEGATION_SHARE },
  { "delegation_params", NULL, "w_threshold", POCSIM_PARAM_W_THRESHOLD },
  { "delegation_params", NULL, "v_min", POCSIM_PARAM_V_MIN },
  { "delegation_params", NULL, "cap_factor", POCSIM_PARAM_CAP_FACTOR },
  { "delegation_params", NULL, "initial_model_id", POCSIM_PARAM_INITIAL_MODEL },
  { "delegation_params", NULL, "max_model_voting_power_percentage", POCSIM_PARAM_MAX_MODEL_VP_PCT },
  { "poc_params", NULL, "models", POCSIM_PARAM_MODELS },
  { "poc_params", NULL, "validation_slots", POCSIM_PARAM_VALIDATION_SLOTS },
  { "poc_params", NULL, "validation_vote_threshold_bps", POCSIM_PARAM_VOTE_THRESHOLD_BPS },
  { "poc_params", "dynamic_coefficient_params", NULL, POCSIM_PARAM_DYNAMIC_PARAMS },
  { "poc_params", "dynamic_coefficient_params", "target_zone_bps", POCSIM_PARAM_TARGET_ZONE_BPS },
  { "poc_params", "dynamic_coefficient_params", "step_min", POCSIM_PARAM_STEP_MIN },
  { "poc_params", "dynamic_coefficient_params", "step_max", POCSIM_PARAM_STEP_MAX },
  { "poc_params", "dynamic_coefficient_params", "bootstrap_step_max", POCSIM_PARAM_BOOTSTRAP_STEP_MAX },
  { "poc_params", "dynamic_coefficient_params", "bootstrap_share_bps", POCSIM_PARAM_BOOTSTRAP_SHARE_BPS },
  { "collateral_params", NULL, NULL, POCSIM_PARAM_COLLATERAL_ENABLED },
  { "collateral_params", NULL, "grace_period_end_epoch", POCSIM_PARAM_GRACE_PERIOD_END_EPOCH },
  { "collateral_params", NULL, "base_weight_ratio", POCSIM_PARAM_BASE_WEIGHT_RATIO },
  { "collateral_params", NULL, "collateral_per_weight_unit", POCSIM_PARAM_COLLATERAL_PER_WEIGHT_UNIT },
  { "genesis_only_params", NULL, "max_individual_power_percentage", POCSIM_PARAM_POWER_CAP },
  { "bitcoin_reward_params", NULL, NULL, POCSIM_PARAM_HAS_REWARD },
  { "bitcoin_reward_params", NULL, "initial_epoch_reward", POCSIM_PARAM_INITIAL_EPOCH_REWARD },
  { "bitcoin_reward_params", NULL, "decay_rate", POCSIM_PARAM_DECAY_RATE },
  { "bitcoin_reward_params", NULL, "genesis_epoch", POCSIM_PARAM_REWARD_GENESIS_EPOCH },
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

/* The rule sets on either side of v0.2.16's reading of weight_scale_factor
 * (an explicit 0 is 0 from v0.2.16, 1 before): an entry is read under
 * both, and the replay takes the reading of its own rule set. */
#define RULES_LEGACY "v0.2.14"
#define RULES_DYNAMIC "v0.2.16"

static PocsimCase *
read_as_case (json_t *params, const Where *where, const char *rules, GError **error)
{
  g_autoptr (json_t) doc = json_pack ("{s:i, s:O}", "upcoming_epoch", 0, "params", params);
  return pocsim_case_from_tree (doc, locate, (gpointer) where, rules, error);
}

/* Model M of TC (read under v0.2.16) as an entry; LEGACY is the same
 * model read under v0.2.14.  JSON_ENTRY (may be NULL: a whole list, every
 * field given) says which fields the entry names. */
static void
entry_from_model (const PocsimModel *model, const PocsimModel *legacy, const json_t *json_entry,
                  PocsimModelEntry *out)
{
  *out = (PocsimModelEntry) {
    .model_id = g_strdup (model->id),
    .has_coeff = json_entry == NULL || json_object_get (json_entry, "weight_scale_factor") != NULL,
    .weight_scale_factor = model->weight_scale_factor,
    .coeff = model->coeff,
    .coeff_legacy = legacy->coeff,
    .has_penalty_start = json_entry == NULL || json_object_get (json_entry, "penalty_start_epoch") != NULL,
    .penalty_start_epoch = model->penalty_start_epoch,
    .has_dynamic_key = json_entry == NULL || json_object_get (json_entry, "dynamic_coefficient") != NULL,
    .has_dynamic = model->has_dynamic,
    .dynamic = model->dynamic,
  };
}

static void
take_models (const PocsimCase *tc, const PocsimCase *legacy, const char *injected, PocsimParamsEdit *out)
{
  out->models = g_new0 (PocsimModelEntry, tc->n_models + 1);
  for (guint m = 0; m < tc->n_models; m++)
    {
      const PocsimModel *model = &tc->models[m];
      if (!model->in_params || (injected && strcmp (model->id, injected) == 0))
        continue;
      entry_from_model (model, &legacy->models[m], NULL, &out->models[out->n_models++]);
    }
}

/* Whether the patch PARAMS names field K (a section that is not an object
 * replaces the old one: every field of it unset). */
static gboolean
names_field (const json_t *params, guint k)
{
  const json_t *section = json_object_get (params, patch_fields[k].section);
  if (section == NULL)
    return FALSE;
  if (patch_fields[k].subsection != NULL && json_is_object (section))
    {
      section = json_object_get (section, patch_fields[k].subsection);
      if (section == NULL)
        return FALSE;
    }
  return !(json_is_object (section) && patch_fields[k].key != NULL
           && json_object_get (section, patch_fields[k].key) == NULL);
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
  g_autoptr (PocsimCase) tc = read_as_case (reading, &where, RULES_DYNAMIC, error);
  g_autoptr (PocsimCase) legacy = tc ? read_as_case (reading, &where, RULES_LEGACY, error) : NULL;
  if (legacy == NULL)
    return FALSE;
  out->values = tc->params;
  for (guint k = 0; k < G_N_ELEMENTS (patch_fields); k++)
    if (names_field (params, k))
      out->set |= 1u << patch_fields[k].field;
  if (pocsim_params_edit_sets (out, POCSIM_PARAM_INITIAL_MODEL))
    out->initial_model = g_strdup (out->values.initial_model == POCSIM_NO_MODEL
                                   ? "" : tc->models[out->values.initial_model].id);
  if (pocsim_params_edit_sets (out, POCSIM_PARAM_MODELS))
    take_models (tc, legacy, injected, out);
  return TRUE;
}

gboolean
pocsim_model_entry_read (const json_t *entry, const PocsimJsonDoc *doc, const char *pointer,
                         PocsimModelEntry *out, GError **error)
{
  g_autoptr (json_t) params = json_pack ("{s:{s:[O]}}", "poc_params", "models", entry);
  Where where = { doc, pointer, "/params/poc_params/models/0" };
  g_autoptr (PocsimCase) tc = read_as_case (params, &where, RULES_DYNAMIC, error);
  g_autoptr (PocsimCase) legacy = tc ? read_as_case (params, &where, RULES_LEGACY, error) : NULL;
  if (legacy == NULL)
    return FALSE;
  entry_from_model (&tc->models[0], &legacy->models[0], entry, out);
  return TRUE;
}
