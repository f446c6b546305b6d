/* study.c - the study model: construction, ownership, the grid's indices. */
#include "core/study.h"

static const char *const action_names[POCSIM_N_ACTIONS] = {
  "keep", "run", "delegate", "refuse", "intent", "nothing",
};

const char *
pocsim_action_name (PocsimAction a)
{
  return a < POCSIM_N_ACTIONS ? action_names[a] : "?";
}

static const char *const host_metric_names[POCSIM_N_HOST_METRICS] = {
  "consensus", "final", "reward_weight", "reward", "reward_total", "penalty", "voting_power", "mode",
};

static const char *const network_metric_names[POCSIM_N_NET_METRICS] = {
  "total_weight", "participants", "eligible_models", "scale", "nakamoto_33", "nakamoto_50", "gini",
  "penalised_share", "reward_burned", "acceptance", "launch_epoch",
};

const char *
pocsim_host_metric_name (PocsimHostMetric m)
{
  return m < POCSIM_N_HOST_METRICS ? host_metric_names[m] : "?";
}

const char *
pocsim_network_metric_name (PocsimNetworkMetric m)
{
  return m < POCSIM_N_NET_METRICS ? network_metric_names[m] : "?";
}

gboolean
pocsim_host_metric_per_model (PocsimHostMetric m)
{
  return m == POCSIM_HOST_VOTING_POWER || m == POCSIM_HOST_MODE;
}

gboolean
pocsim_network_metric_per_model (PocsimNetworkMetric m)
{
  return m == POCSIM_NET_SCALE || m == POCSIM_NET_ACCEPTANCE || m == POCSIM_NET_LAUNCH_EPOCH;
}

static const char *const mode_names[POCSIM_STUDY_N_MODES + 1] = {
  "", "DIRECT", "DELEGATE", "REFUSE", "NONE", "INTENT_OK", "INTENT_MISSED",
};

const char *
pocsim_study_mode_name (int value)
{
  return value >= 1 && value <= POCSIM_STUDY_N_MODES ? mode_names[value] : "";
}

PocsimStudy *
pocsim_study_new (const char *name)
{
  PocsimStudy *st = g_new0 (PocsimStudy, 1);
  st->name = g_strdup (name);
  st->dims = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_study_dim_free);
  st->behaviour.rules = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_behaviour_rule_free);
  st->runs = 1;
  for (guint m = 0; m < POCSIM_N_HOST_METRICS; m++)
    st->host_metric[m] = TRUE;
  for (guint m = 0; m < POCSIM_N_NET_METRICS; m++)
    st->network_metric[m] = TRUE;
  return st;
}

void
pocsim_study_axis_free (PocsimStudyAxis *ax)
{
  if (ax == NULL)
    return;
  g_free (ax->path);
  g_free (ax->where);
  if (ax->values)
    g_ptr_array_unref (ax->values);
  if (ax->value_where)
    g_ptr_array_unref (ax->value_where);
  g_free (ax);
}

void
pocsim_study_dim_free (PocsimStudyDim *d)
{
  if (d == NULL)
    return;
  g_ptr_array_unref (d->axes);
  g_free (d);
}

void
pocsim_behaviour_rule_free (PocsimBehaviourRule *r)
{
  if (r == NULL)
    return;
  g_free (r->where);
  g_strfreev (r->hosts);
  g_strfreev (r->models);
  g_strfreev (r->targets);
  g_free (r);
}

void
pocsim_study_free (PocsimStudy *st)
{
  if (st == NULL)
    return;
  g_free (st->name);
  g_free (st->description);
  g_free (st->base_path);
  g_free (st->base_where);
  g_free (st->rules);
  g_ptr_array_unref (st->dims);
  g_ptr_array_unref (st->behaviour.rules);
  g_free (st->behaviour.join_prefix);
  g_strfreev (st->behaviour.join_models);
  g_strfreev (st->hosts);
  g_free (st->plot_host);
  g_free (st);
}

guint
pocsim_study_points (const PocsimStudy *st)
{
  guint n = 1;
  for (guint d = 0; d < st->dims->len; d++)
    n *= ((const PocsimStudyDim *) st->dims->pdata[d])->n_values;
  return n;
}

static guint
value_index (const GPtrArray *dims, guint k, guint d)
{
  for (guint e = dims->len; e-- > d + 1;)
    k /= ((const PocsimStudyDim *) dims->pdata[e])->n_values;
  return k % ((const PocsimStudyDim *) dims->pdata[d])->n_values;
}

guint
pocsim_study_value_index (const PocsimStudy *st, guint k, guint d)
{
  return value_index (st->dims, k, d);
}

void
pocsim_study_grid_free (PocsimStudyGrid *g)
{
  if (g == NULL)
    return;
  for (guint k = 0; k < g->n_points; k++)
    pocsim_case_free (g->cases[k]);
  g_free (g->cases);
  pocsim_scenario_free (g->scenario);
  if (g->inputs)
    g_ptr_array_unref (g->inputs);
  g_free (g);
}

void
pocsim_study_column_free (PocsimStudyColumn *col)
{
  if (col == NULL)
    return;
  g_free (col->entity);
  g_free (col->metric);
  g_free (col->model);
  g_free (col);
}

PocsimStudyHeader *
pocsim_study_header_new (void)
{
  PocsimStudyHeader *h = g_new0 (PocsimStudyHeader, 1);
  h->dims = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_study_dim_free);
  h->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_study_column_free);
  h->rule_sets = g_ptr_array_new_with_free_func (g_free);
  h->input_paths = g_ptr_array_new_with_free_func (g_free);
  h->input_sha256 = g_ptr_array_new_with_free_func (g_free);
  return h;
}

void
pocsim_study_header_free (PocsimStudyHeader *h)
{
  if (h == NULL)
    return;
  g_free (h->name);
  g_free (h->description);
  g_free (h->study_sha256);
  g_free (h->pocsim_version);
  g_ptr_array_unref (h->dims);
  g_ptr_array_unref (h->columns);
  g_ptr_array_unref (h->rule_sets);
  g_ptr_array_unref (h->input_paths);
  g_ptr_array_unref (h->input_sha256);
  g_free (h->plot_host);
  g_free (h);
}

guint
pocsim_study_header_value_index (const PocsimStudyHeader *h, guint k, guint d)
{
  return value_index (h->dims, k, d);
}
