/* scenario.c - the scenario as plain data: construction and ownership.
 * (The JSON reader is io/scenario_json.c.) */
#include "core/scenario.h"

static const char *const stage_names[POCSIM_N_STAGES] = {
  "before_snapshot", "before_poc", "before_validation", "after_validation", "after_formation",
};

const char *
pocsim_stage_name (PocsimStage s)
{
  return s < POCSIM_N_STAGES ? stage_names[s] : "?";
}

static const char *const expect_key_names[POCSIM_N_EXPECT_KEYS] = {
  [POCSIM_EXPECT_WEIGHT] = "weight",
  [POCSIM_EXPECT_CHANGE_PCT] = "change_pct",
  [POCSIM_EXPECT_PENALTY] = "penalty",
  [POCSIM_EXPECT_REWARD] = "reward",
  [POCSIM_EXPECT_REWARD_WEIGHT] = "reward_weight",
  [POCSIM_EXPECT_MODE] = "mode",
  [POCSIM_EXPECT_VOTING_POWER] = "voting_power",
  [POCSIM_EXPECT_PRE_ELIGIBLE] = "pre_eligible",
  [POCSIM_EXPECT_MEETS_WEIGHT_THRESHOLD] = "meets_weight_threshold",
  [POCSIM_EXPECT_MEETS_V_MIN] = "meets_v_min",
  [POCSIM_EXPECT_MEETS_REACHABILITY] = "meets_reachability",
  [POCSIM_EXPECT_INTENT_WEIGHT] = "intent_weight",
  [POCSIM_EXPECT_INTENT_HOST_COUNT] = "intent_host_count",
  [POCSIM_EXPECT_ELIGIBLE] = "eligible",
  [POCSIM_EXPECT_ACCEPTED] = "accepted",
  [POCSIM_EXPECT_REJECTED_TXS] = "rejected_txs",
  [POCSIM_EXPECT_CAP_WEIGHT] = "cap_weight",
  [POCSIM_EXPECT_PREVIOUS_CONFIRMED] = "previous_confirmed",
  [POCSIM_EXPECT_SEATED] = "seated",
  [POCSIM_EXPECT_COEFFICIENT] = "coefficient",
};

const char *
pocsim_expect_key_name (PocsimExpectKey key)
{
  return key < POCSIM_N_EXPECT_KEYS ? expect_key_names[key] : "?";
}

void
pocsim_event_free (PocsimEvent *e)
{
  if (e == NULL)
    return;
  pocsim_tx_clear (&e->tx);
  g_free (e->where);
  g_free (e->host);
  g_free (e->model);
  g_free (e->node);
  g_free (e->target);
  pocsim_params_edit_clear (&e->params);
  pocsim_model_entry_clear (&e->entry);
  g_free (e->text);
  g_free (e);
}

void
pocsim_event_log_clear (PocsimEventLog *row)
{
  g_clear_pointer (&row->where, g_free);
  g_clear_pointer (&row->event, g_free);
}

void
pocsim_expectation_free (PocsimExpectation *x)
{
  if (x == NULL)
    return;
  g_free (x->where);
  g_free (x->label);
  g_free (x->host);
  g_free (x->model);
  for (guint k = 0; k < x->n_checks; k++)
    {
      g_free (x->checks[k].mode);
      g_free (x->checks[k].text);
    }
  g_free (x->checks);
  g_free (x);
}

static void
epoch_free (gpointer p)
{
  PocsimScenarioEpoch *e = p;
  g_ptr_array_unref (e->events);
  g_ptr_array_unref (e->expectations);
  g_free (e);
}

void
pocsim_scenario_free (PocsimScenario *s)
{
  if (s == NULL)
    return;
  g_free (s->name);
  g_free (s->description);
  g_free (s->rules);
  pocsim_case_free (s->start);
  g_strfreev (s->governance_models);
  g_strfreev (s->guardians);
  if (s->epochs)
    g_ptr_array_unref (s->epochs);
  g_free (s);
}

const PocsimScenarioEpoch *
pocsim_scenario_epoch (const PocsimScenario *s, gint64 epoch)
{
  /* Entries are sorted by epoch: a binary search keeps long replays linear. */
  guint lo = 0, hi = s->epochs->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const PocsimScenarioEpoch *e = s->epochs->pdata[mid];
      if (e->epoch == epoch)
        return e;
      if (e->epoch < epoch)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

PocsimScenario *
pocsim_scenario_new (const char *name, PocsimCase *start, PocsimStartKind kind, gint64 first_epoch,
                     gint64 last_epoch)
{
  PocsimScenario *s = g_new0 (PocsimScenario, 1);
  s->name = g_strdup (name);
  s->start = start;
  s->start_kind = kind;
  s->first_epoch = first_epoch;
  s->last_epoch = last_epoch;
  s->epochs = g_ptr_array_new_with_free_func (epoch_free);
  return s;
}

PocsimScenarioEpoch *
pocsim_scenario_add_epoch (PocsimScenario *s, gint64 epoch)
{
  PocsimScenarioEpoch *e = g_new0 (PocsimScenarioEpoch, 1);
  e->epoch = epoch;
  e->events = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_event_free);
  e->expectations = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_expectation_free);
  g_ptr_array_add (s->epochs, e);
  return e;
}

static void
add_name (GPtrArray *into, const char *name)
{
  if (name != NULL && *name != '\0')
    g_ptr_array_add (into, (gpointer) name);
}

static void
event_names (const PocsimEvent *e, GPtrArray *addrs, GPtrArray *models)
{
  add_name (addrs, e->tx.from);
  add_name (addrs, e->tx.target);
  add_name (models, e->tx.model);
  add_name (addrs, e->host);
  add_name (addrs, e->target);
  add_name (models, e->model);
  add_name (models, e->entry.model_id);
  add_name (models, e->params.initial_model);
  for (guint k = 0; k < e->params.n_models; k++)
    add_name (models, e->params.models[k].model_id);
}

void
pocsim_scenario_names (const PocsimScenario *s, GPtrArray *addrs, GPtrArray *models)
{
  if (s->start)
    {
      for (guint a = 0; a < s->start->n_addrs; a++)
        add_name (addrs, s->start->addrs[a]);
      for (guint m = 0; m < s->start->n_models; m++)
        add_name (models, s->start->models[m].id);
    }
  for (char **g = s->governance_models; g && *g; g++)
    add_name (models, *g);
  for (char **g = s->guardians; g && *g; g++)
    add_name (addrs, *g);
  for (guint k = 0; k < s->epochs->len; k++)
    {
      const PocsimScenarioEpoch *entry = s->epochs->pdata[k];
      for (guint j = 0; j < entry->events->len; j++)
        event_names (entry->events->pdata[j], addrs, models);
    }
}
