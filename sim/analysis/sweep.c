/* sweep.c - a study's runs on every core (see sweep.h). */
#include "analysis/sweep.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/behaviour.h"
#include "analysis/stats.h"
#include "core/error.h"
#include "io/meta.h"
#include "replay/replay.h"
#include "rules/epoch.h"
#include "rules/reward.h"

G_STATIC_ASSERT ((int) POCSIM_ACTION_NOTHING == 5);

/* The category of a mode: its name's place in pocsim_study_mode_name. */
static double
mode_value (PocsimMode mode)
{
  switch (mode)
    {
    case POCSIM_MODE_DIRECT: return 1;
    case POCSIM_MODE_DELEGATE: return 2;
    case POCSIM_MODE_REFUSE: return 3;
    case POCSIM_MODE_NONE: return 4;
    default: return NAN;
    }
}

static double
bootstrap_mode_value (PocsimBootstrapMode mode)
{
  switch (mode)
    {
    case POCSIM_BMODE_DIRECT: return 1;
    case POCSIM_BMODE_DELEGATE: return 2;
    case POCSIM_BMODE_NONE: return 4;
    case POCSIM_BMODE_INTENT_OK: return 5;
    case POCSIM_BMODE_INTENT_MISSED: return 6;
    default: return NAN;
    }
}

struct PocsimSweep {
  const PocsimStudy *st;
  const PocsimStudyGrid *grid;
  guint n_points;
  PocsimCase **points;          /* every point's case, over one set of names */
  PocsimBehaviourPlan **plans;  /* [n_points], or NULL without a behaviour */
  gboolean replays;             /* a replay per run, else one formation */
  gint64 epochs;
  PocsimScenario *own_scenario; /* a case base replayed: a timeline with no events */
  const PocsimScenario *scenario;
  GPtrArray *columns;           /* PocsimStudyColumn* */
  guint32 *column_addr;         /* [columns] host index in the points' tables */
  guint32 *column_model;        /* [columns] model index in the points' tables */
  guint8 *column_network;       /* [columns] a network metric */
  guint8 *column_id;            /* [columns] PocsimHostMetric or PocsimNetworkMetric */
  guint n_models;               /* models of the per-model metrics */
};

void
pocsim_sweep_free (PocsimSweep *sw)
{
  if (sw == NULL)
    return;
  for (guint k = 0; k < sw->n_points; k++)
    {
      pocsim_case_free (sw->points ? sw->points[k] : NULL);
      pocsim_behaviour_plan_free (sw->plans ? sw->plans[k] : NULL);
    }
  g_free (sw->points);
  g_free (sw->plans);
  pocsim_scenario_free (sw->own_scenario);
  if (sw->columns)
    g_ptr_array_unref (sw->columns);
  g_free (sw->column_addr);
  g_free (sw->column_model);
  g_free (sw->column_network);
  g_free (sw->column_id);
  g_free (sw);
}

guint
pocsim_sweep_n_columns (const PocsimSweep *sw)
{
  return sw->columns->len;
}

const PocsimStudyColumn *
pocsim_sweep_column (const PocsimSweep *sw, guint c)
{
  return sw->columns->pdata[c];
}

guint64
pocsim_sweep_total_runs (const PocsimSweep *sw)
{
  return (guint64) sw->n_points * (guint64) sw->st->runs;
}

gint64
pocsim_sweep_epochs (const PocsimSweep *sw)
{
  return sw->epochs;
}

GPtrArray *
pocsim_sweep_rule_sets (const PocsimSweep *sw)
{
  GPtrArray *names = g_ptr_array_new ();
  for (guint k = 0; k < sw->n_points; k++)
    {
      const char *name = sw->points[k]->rules->name;
      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, (gpointer) name);
    }
  return names;
}

static guint64
splitmix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

unsigned long
pocsim_sweep_run_seed (guint64 seed, guint64 k, guint64 r)
{
  return (unsigned long) splitmix64 (splitmix64 (splitmix64 (seed) ^ k) ^ r);
}

/* ---- preparing ---- */

static void
add_unique (GPtrArray *list, const char *name)
{
  if (!g_ptr_array_find_with_equal_func (list, name, g_str_equal, NULL))
    g_ptr_array_add (list, (gpointer) name);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every point over one set of names: the grid's and the newcomers'. */
static void
widen_points (PocsimSweep *sw, char **joiners)
{
  g_autoptr (GPtrArray) addrs = g_ptr_array_new ();
  g_autoptr (GPtrArray) models = g_ptr_array_new ();
  for (guint k = 0; k < sw->n_points; k++)
    {
      const PocsimCase *c = sw->grid->cases[k];
      for (guint a = 0; a < c->n_addrs; a++)
        g_ptr_array_add (addrs, (gpointer) c->addrs[a]);
      for (guint m = 0; m < c->n_models; m++)
        g_ptr_array_add (models, (gpointer) c->models[m].id);
    }
  for (char **j = joiners; *j; j++)
    g_ptr_array_add (addrs, *j);
  sw->points = g_new0 (PocsimCase *, sw->n_points);
  for (guint k = 0; k < sw->n_points; k++)
    {
      sw->points[k] = pocsim_case_widen (sw->grid->cases[k], (const char *const *) addrs->pdata, addrs->len,
                                         (const char *const *) models->pdata, models->len);
      pocsim_reward_memo_fill (sw->points[k]); /* once per point, not once per run */
    }
}

/* The hosts reported: those asked for, or every host any point has (a
 * member of E or in AP(U)), the newcomers, and the hosts a scenario adds. */
static gboolean
report_hosts (const PocsimSweep *sw, char **joiners, GPtrArray *hosts, GError **error)
{
  const PocsimCase *t = sw->points[0];
  if (sw->st->hosts != NULL)
    {
      for (char **h = sw->st->hosts; *h; h++)
        {
          if (pocsim_case_find_addr (t, *h) == POCSIM_NO_ADDR)
            {
              g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: metrics.hosts: \"%s\" is not a host of the base",
                           sw->st->name, *h);
              return FALSE;
            }
          add_unique (hosts, *h);
        }
      return TRUE;
    }
  for (guint k = 0; k < sw->n_points; k++)
    for (guint a = 0; a < t->n_addrs; a++)
      if (sw->points[k]->addr_flags[a] & (POCSIM_ADDR_IN_PREVIOUS | POCSIM_ADDR_ACTIVE))
        add_unique (hosts, t->addrs[a]);
  for (char **j = joiners; *j; j++)
    add_unique (hosts, *j);
  for (guint e = 0; sw->scenario && e < sw->scenario->epochs->len; e++)
    {
      const PocsimScenarioEpoch *entry = sw->scenario->epochs->pdata[e];
      for (guint k = 0; k < entry->events->len; k++)
        {
          const PocsimEvent *ev = entry->events->pdata[k];
          if (ev->kind == POCSIM_EVENT_JOIN || ev->kind == POCSIM_EVENT_RUN)
            add_unique (hosts, ev->host);
        }
    }
  g_ptr_array_sort (hosts, compare_names);
  return TRUE;
}

/* The models of the per-model metrics: in some point's poc_params, or
 * added by a scenario's governance events. */
static void
report_models (const PocsimSweep *sw, GPtrArray *models)
{
  const PocsimCase *t = sw->points[0];
  for (guint k = 0; k < sw->n_points; k++)
    for (guint m = 0; m < t->n_models; m++)
      if (sw->points[k]->models[m].in_params)
        add_unique (models, t->models[m].id);
  for (guint e = 0; sw->scenario && e < sw->scenario->epochs->len; e++)
    {
      const PocsimScenarioEpoch *entry = sw->scenario->epochs->pdata[e];
      for (guint k = 0; k < entry->events->len; k++)
        {
          const PocsimEvent *ev = entry->events->pdata[k];
          if (ev->kind == POCSIM_EVENT_SET_MODEL)
            add_unique (models, ev->model);
          for (guint j = 0; ev->kind == POCSIM_EVENT_PARAMS && j < ev->params.n_models; j++)
            add_unique (models, ev->params.models[j].model_id);
        }
    }
  g_ptr_array_sort (models, compare_names);
}

static gboolean
has_reward (const PocsimSweep *sw)
{
  for (guint k = 0; k < sw->n_points; k++)
    if (sw->points[k]->params.has_reward)
      return TRUE;
  for (guint e = 0; sw->scenario && e < sw->scenario->epochs->len; e++)
    {
      const PocsimScenarioEpoch *entry = sw->scenario->epochs->pdata[e];
      for (guint k = 0; k < entry->events->len; k++)
        {
          const PocsimEvent *ev = entry->events->pdata[k];
          if (ev->kind == POCSIM_EVENT_PARAMS && pocsim_params_edit_sets (&ev->params, POCSIM_PARAM_HAS_REWARD)
              && ev->params.values.has_reward)
            return TRUE;
        }
    }
  return FALSE;
}

static void
add_column (PocsimSweep *sw, const char *entity, gboolean network, guint id, const char *name, const char *model,
            PocsimValueType type)
{
  PocsimStudyColumn *col = g_new0 (PocsimStudyColumn, 1);
  col->entity = g_strdup (entity);
  col->metric = model ? g_strdup_printf ("%s[%s]", name, model) : g_strdup (name);
  col->type = type;
  col->network = network;
  col->id = id;
  col->model = g_strdup (model);
  g_ptr_array_add (sw->columns, col);
}

static PocsimValueType
host_type (PocsimHostMetric m)
{
  return m == POCSIM_HOST_PENALTY ? POCSIM_VALUE_REAL : m == POCSIM_HOST_MODE ? POCSIM_VALUE_MODE : POCSIM_VALUE_INT;
}

static PocsimValueType
network_type (PocsimNetworkMetric m)
{
  switch (m)
    {
    case POCSIM_NET_SCALE:
    case POCSIM_NET_GINI:
    case POCSIM_NET_PENALISED_SHARE:
    case POCSIM_NET_ACCEPTANCE:
      return POCSIM_VALUE_REAL;
    default:
      return POCSIM_VALUE_INT;
    }
}

/* A metric the sweep can measure: rewards with reward params, the
 * replay-only ones in replays. */
static gboolean
measurable (const PocsimSweep *sw, gboolean network, guint id, gboolean reward)
{
  if (network)
    return (id != POCSIM_NET_REWARD_BURNED || reward)
           && ((id != POCSIM_NET_ACCEPTANCE && id != POCSIM_NET_LAUNCH_EPOCH) || sw->replays);
  return ((id != POCSIM_HOST_REWARD && id != POCSIM_HOST_REWARD_TOTAL) || reward)
         && (id != POCSIM_HOST_REWARD_TOTAL || sw->replays);
}

static gboolean
build_columns (PocsimSweep *sw, char **joiners, GError **error)
{
  g_autoptr (GPtrArray) hosts = g_ptr_array_new ();
  g_autoptr (GPtrArray) models = g_ptr_array_new ();
  if (!report_hosts (sw, joiners, hosts, error))
    return FALSE;
  report_models (sw, models);
  sw->n_models = models->len;
  gboolean reward = has_reward (sw);
  sw->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_study_column_free);
  for (guint id = 0; id < POCSIM_N_NET_METRICS; id++)
    if (sw->st->network_metric[id] && measurable (sw, TRUE, id, reward))
      {
        if (!pocsim_network_metric_per_model (id))
          add_column (sw, "network", TRUE, id, pocsim_network_metric_name (id), NULL, network_type (id));
        for (guint m = 0; pocsim_network_metric_per_model (id) && m < models->len; m++)
          add_column (sw, "network", TRUE, id, pocsim_network_metric_name (id), models->pdata[m], network_type (id));
      }
  for (guint h = 0; h < hosts->len; h++)
    for (guint id = 0; id < POCSIM_N_HOST_METRICS; id++)
      if (sw->st->host_metric[id] && measurable (sw, FALSE, id, reward))
        {
          if (!pocsim_host_metric_per_model (id))
            add_column (sw, hosts->pdata[h], FALSE, id, pocsim_host_metric_name (id), NULL, host_type (id));
          for (guint m = 0; pocsim_host_metric_per_model (id) && m < models->len; m++)
            add_column (sw, hosts->pdata[h], FALSE, id, pocsim_host_metric_name (id), models->pdata[m], host_type (id));
        }
  sw->column_addr = g_new (guint32, sw->columns->len + 1);
  sw->column_model = g_new (guint32, sw->columns->len + 1);
  sw->column_network = g_new (guint8, sw->columns->len + 1);
  sw->column_id = g_new (guint8, sw->columns->len + 1);
  for (guint c = 0; c < sw->columns->len; c++)
    {
      const PocsimStudyColumn *col = sw->columns->pdata[c];
      /* Flat copies for the per-run loop. */
      sw->column_network[c] = (guint8) col->network;
      sw->column_id[c] = (guint8) col->id;
      sw->column_addr[c] = col->network ? POCSIM_NO_ADDR : pocsim_case_find_addr (sw->points[0], col->entity);
      sw->column_model[c] = col->model ? pocsim_case_find_model (sw->points[0], col->model) : POCSIM_NO_MODEL;
    }
  return TRUE;
}

PocsimSweep *
pocsim_sweep_new (const PocsimStudy *st, const PocsimStudyGrid *grid, GError **error)
{
  g_autoptr (PocsimSweep) sw = g_new0 (PocsimSweep, 1);
  sw->st = st;
  sw->grid = grid;
  sw->n_points = grid->n_points;
  sw->scenario = grid->scenario;
  if (grid->scenario)
    sw->epochs = st->epochs > 0 ? st->epochs : grid->scenario->last_epoch - grid->scenario->first_epoch + 1;
  else
    sw->epochs = st->epochs > 0 ? st->epochs : 1;
  sw->replays = grid->scenario != NULL || sw->epochs > 1;
  if (sw->replays && grid->scenario == NULL)
    {
      gint64 u = grid->cases[0]->upcoming_epoch;
      sw->scenario = sw->own_scenario = pocsim_scenario_new (st->name, NULL, POCSIM_START_CASE, u, u + sw->epochs - 1);
    }
  g_auto (GStrv) joiners = pocsim_behaviour_joiners (&st->behaviour);
  widen_points (sw, joiners);
  sw->plans = g_new0 (PocsimBehaviourPlan *, sw->n_points);
  for (guint k = 0; st->has_behaviour && k < sw->n_points; k++)
    if ((sw->plans[k] = pocsim_behaviour_plan_new (&st->behaviour, sw->points[k], error)) == NULL)
      return NULL;
  if (!build_columns (sw, joiners, error))
    return NULL;
  return g_steal_pointer (&sw);
}

/* ---- one run ---- */

/* A thread's working set, reused run after run. */
typedef struct {
  gsl_rng *rng;
  PocsimCase *c;          /* the run's case */
  gint64 *weights;        /* the participants' weights, largest first */
  gsize n_weights, weights_size;
  guint32 *addr;          /* [columns] host index in the formed case's tables */
  guint32 *model;         /* [columns] model index in them */
  /* replay accumulators */
  double *reward_total;   /* [columns] */
  gint64 *committed, *accepted; /* [columns] */
  gint64 *launch;         /* [columns] */
} Worker;

static Worker *
worker_new (const PocsimSweep *sw)
{
  Worker *w = g_new0 (Worker, 1);
  guint n = sw->columns->len + 1;
  /* taus2: seeded in a few operations (mt19937 needs 624 words per seed,
   * as long as a small network's formation). */
  w->rng = gsl_rng_alloc (gsl_rng_taus2);
  w->c = pocsim_case_copy (sw->points[0]);
  w->weights = g_new (gint64, w->weights_size = w->c->n_addrs + 1);
  w->addr = g_new (guint32, n);
  w->model = g_new (guint32, n);
  w->reward_total = g_new (double, n);
  w->committed = g_new (gint64, n);
  w->accepted = g_new (gint64, n);
  w->launch = g_new (gint64, n);
  return w;
}

static void
worker_free (Worker *w)
{
  gsl_rng_free (w->rng);
  pocsim_case_free (w->c);
  g_free (w->weights);
  g_free (w->addr);
  g_free (w->model);
  g_free (w->reward_total);
  g_free (w->committed);
  g_free (w->accepted);
  g_free (w->launch);
  g_free (w);
}

/* The columns' indices in the tables of C (a replay's tables hold the
 * scenario's names too). */
static void
resolve (const PocsimSweep *sw, Worker *w, const PocsimCase *c)
{
  for (guint k = 0; k < sw->columns->len; k++)
    {
      const PocsimStudyColumn *col = sw->columns->pdata[k];
      w->addr[k] = col->network ? POCSIM_NO_ADDR : pocsim_case_find_addr (c, col->entity);
      w->model[k] = col->model ? pocsim_case_find_model (c, col->model) : POCSIM_NO_MODEL;
    }
}

static double
host_mode (const PocsimEpochResult *r, guint32 m, guint32 a)
{
  if (m == POCSIM_NO_MODEL)
    return NAN;
  gsize cell = pocsim_cell (r->source, m, a);
  if (r->groups[m].eligible && r->mode[cell] != POCSIM_MODE_UNSET)
    return mode_value (r->mode[cell]);
  if (r->bootstrap_mode[cell] != POCSIM_BMODE_UNSET)
    return bootstrap_mode_value (r->bootstrap_mode[cell]);
  return NAN;
}

static double
host_value (const PocsimSweep *sw, const Worker *w, const PocsimEpochResult *r, guint k)
{
  guint id = sw->column_id[k];
  guint32 a = w->addr[k], m = w->model[k];
  gboolean active = a != POCSIM_NO_ADDR && (r->source->addr_flags[a] & POCSIM_ADDR_ACTIVE);
  if (id == POCSIM_HOST_REWARD_TOTAL)
    return w->reward_total[k];
  if (!active)
    return id == POCSIM_HOST_PENALTY || id == POCSIM_HOST_MODE ? NAN : 0;
  switch ((PocsimHostMetric) id)
    {
    case POCSIM_HOST_CONSENSUS: return (double) r->consensus[a];
    case POCSIM_HOST_FINAL: return (double) r->final[a];
    case POCSIM_HOST_REWARD_WEIGHT: return (double) r->reward_weight[a];
    case POCSIM_HOST_REWARD: return r->source->params.has_reward ? (double) r->reward[a] : NAN;
    case POCSIM_HOST_PENALTY: return pocsim_dec_to_double (r->penalty[a]);
    case POCSIM_HOST_VOTING_POWER:
      return m == POCSIM_NO_MODEL ? 0 : (double) r->voting_power[pocsim_cell (r->source, m, a)];
    case POCSIM_HOST_MODE: return host_mode (r, m, a);
    default: return NAN;
    }
}

static int
descending (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x < y) - (x > y);
}

/* The participants' final weights, largest first, for the concentration
 * measures. */
static void
participant_weights (const PocsimEpochResult *r, Worker *w)
{
  const PocsimCase *c = r->source;
  gsize n = 0;
  if (c->n_addrs > w->weights_size)
    w->weights = g_renew (gint64, w->weights, w->weights_size = c->n_addrs);
  for (guint a = 0; a < c->n_addrs; a++)
    if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
      w->weights[n++] = r->final[a];
  if (n > 64)
    qsort (w->weights, n, sizeof *w->weights, descending);
  else
    for (gsize i = 1; i < n; i++) /* a network of a few dozen hosts: insertion */
      {
        gint64 x = w->weights[i];
        gsize j = i;
        for (; j > 0 && w->weights[j - 1] < x; j--)
          w->weights[j] = w->weights[j - 1];
        w->weights[j] = x;
      }
  w->n_weights = n;
}

static double
nakamoto (const Worker *w, gint64 num, gint64 den)
{
  gint64 n = pocsim_nakamoto_sorted (w->weights, w->n_weights, num, den);
  return n < 0 ? NAN : (double) n;
}

static double
network_value (const PocsimSweep *sw, Worker *w, const PocsimEpochResult *r, guint k)
{
  guint id = sw->column_id[k];
  const PocsimCase *c = r->source;
  guint32 m = w->model[k];
  double sum = 0, part = 0;
  switch ((PocsimNetworkMetric) id)
    {
    case POCSIM_NET_TOTAL_WEIGHT:
    case POCSIM_NET_PARTICIPANTS:
      for (guint a = 0; a < c->n_addrs; a++)
        if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
          sum += id == POCSIM_NET_PARTICIPANTS ? 1 : (double) r->final[a];
      return sum;
    case POCSIM_NET_ELIGIBLE_MODELS:
      for (guint j = 0; j < c->n_models; j++)
        sum += r->groups[j].has_members && r->groups[j].eligible;
      return sum;
    case POCSIM_NET_SCALE:
      return m == POCSIM_NO_MODEL || !r->groups[m].has_members ? NAN : pocsim_dec_to_double (r->groups[m].scale);
    case POCSIM_NET_NAKAMOTO_33: return nakamoto (w, 1, 3);
    case POCSIM_NET_NAKAMOTO_50: return nakamoto (w, 1, 2);
    case POCSIM_NET_GINI: return pocsim_gini_sorted (w->weights, w->n_weights);
    case POCSIM_NET_PENALISED_SHARE:
      for (guint a = 0; a < c->n_addrs; a++)
        if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
          {
            sum += (double) r->consensus[a];
            if (pocsim_dec_is_positive (r->penalty[a]))
              part += (double) r->consensus[a];
          }
      return sum > 0 ? part / sum : NAN;
    case POCSIM_NET_REWARD_BURNED:
      if (!c->params.has_reward)
        return NAN;
      sum = (double) r->epoch_reward;
      for (guint a = 0; a < c->n_addrs; a++)
        if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
          sum -= (double) r->reward[a];
      return sum;
    case POCSIM_NET_ACCEPTANCE:
      return w->committed[k] > 0 ? (double) w->accepted[k] / (double) w->committed[k] : NAN;
    case POCSIM_NET_LAUNCH_EPOCH:
      return w->launch[k] > 0 ? (double) w->launch[k] : NAN;
    default:
      return NAN;
    }
}

static void
measure (const PocsimSweep *sw, Worker *w, const PocsimEpochResult *r, double *out)
{
  participant_weights (r, w);
  for (guint k = 0; k < sw->columns->len; k++)
    out[k] = sw->column_network[k] ? network_value (sw, w, r, k) : host_value (sw, w, r, k);
}

/* What a replay's epochs add up: rewards, PoC commits and acceptance, and
 * when a model that was not eligible in the first epoch became eligible. */
static void
accumulate (const PocsimSweep *sw, Worker *w, const PocsimReplayEpoch *ep, gboolean first)
{
  const PocsimEpochResult *r = ep->r;
  for (guint k = 0; k < sw->columns->len; k++)
    {
      const PocsimStudyColumn *col = sw->columns->pdata[k];
      guint32 a = w->addr[k], m = w->model[k];
      if (!col->network && col->id == POCSIM_HOST_REWARD_TOTAL && a != POCSIM_NO_ADDR
          && (r->source->addr_flags[a] & POCSIM_ADDR_ACTIVE) && r->source->params.has_reward)
        w->reward_total[k] += (double) r->reward[a];
      if (!col->network || m == POCSIM_NO_MODEL)
        continue;
      if (col->id == POCSIM_NET_ACCEPTANCE)
        for (guint j = 0; j < ep->c->n_addrs; j++)
          {
            guint8 f = ep->c->cell_flags[pocsim_cell (ep->c, m, j)];
            w->committed[k] += (f & POCSIM_CELL_COMMIT) != 0;
            w->accepted[k] += (f & POCSIM_CELL_COMMIT) && (f & POCSIM_CELL_MEMBER);
          }
      if (col->id == POCSIM_NET_LAUNCH_EPOCH)
        {
          /* Only a model not eligible in the first epoch can launch. */
          if (first)
            w->launch[k] = r->groups[m].has_members && r->groups[m].eligible ? -1 : 0;
          if (w->launch[k] == 0 && r->groups[m].has_members && r->groups[m].eligible)
            w->launch[k] = ep->epoch;
        }
    }
}

static gboolean
replay_run (const PocsimSweep *sw, Worker *w, double *out, GError **error)
{
  PocsimScenario view = *sw->scenario;
  view.start = w->c;
  view.last_epoch = view.first_epoch + sw->epochs - 1;
  g_autoptr (PocsimReplay) rp = pocsim_replay_new (&view, w->c->rules->name, error);
  if (rp == NULL)
    return FALSE;
  guint n = sw->columns->len;
  memset (w->committed, 0, n * sizeof (gint64));
  memset (w->accepted, 0, n * sizeof (gint64));
  for (guint k = 0; k < n; k++)
    w->reward_total[k] = 0, w->launch[k] = -1;
  g_autoptr (PocsimReplayEpoch) last = NULL;
  for (gint64 e = 0; e < sw->epochs; e++)
    {
      PocsimReplayEpoch *ep = pocsim_replay_step (rp, error);
      if (ep == NULL)
        return FALSE;
      if (ep->r->halt_error != NULL)
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_HALT, "the chain halts at epoch %" G_GINT64_FORMAT ": %s",
                       ep->epoch, ep->r->halt_error);
          pocsim_replay_epoch_free (ep);
          return FALSE;
        }
      if (e == 0)
        resolve (sw, w, ep->r->source);
      accumulate (sw, w, ep, e == 0);
      pocsim_replay_epoch_free (last);
      last = ep;
    }
  measure (sw, w, last->r, out);
  return TRUE;
}

static gboolean
run_one (const PocsimSweep *sw, Worker *w, guint k, guint64 r, double *out, GError **error)
{
  gsl_rng_set (w->rng, pocsim_sweep_run_seed (sw->st->seed, k, r));
  pocsim_case_copy_data (w->c, sw->points[k]);
  if (sw->plans[k])
    pocsim_behaviour_draw (sw->plans[k], w->c, w->rng);
  if (sw->replays)
    return replay_run (sw, w, out, error);
  g_autoptr (PocsimEpochResult) res = pocsim_epoch_form (w->c, error);
  if (res == NULL)
    return FALSE;
  memcpy (w->addr, sw->column_addr, sw->columns->len * sizeof (guint32));
  memcpy (w->model, sw->column_model, sw->columns->len * sizeof (guint32));
  measure (sw, w, res, out);
  return TRUE;
}

/* ---- on every core ---- */

typedef struct {
  guint k;
  guint64 r0, r1;
} Task;

typedef struct {
  const PocsimSweep *sw;
  guint64 t0;
  double *values;
  const volatile gint *stop;
  gint failed;
  GMutex lock;
  GCond changed;
  guint64 done;        /* runs written, under lock */
  guint *point_left;   /* [points] runs of the point still to write, under lock */
  GError *error;       /* the first failure, under lock */
} Shared;

static void
run_task (gpointer data, gpointer user_data)
{
  Task *task = data;
  Shared *sh = user_data;
  const PocsimSweep *sw = sh->sw;
  Worker *w = worker_new (sw);
  guint64 written = 0;
  GError *error = NULL;
  for (guint64 r = task->r0; r < task->r1; r++)
    {
      if (g_atomic_int_get (&sh->failed) || (sh->stop && *sh->stop))
        break;
      guint64 t = (guint64) task->k * (guint64) sw->st->runs + r;
      if (!run_one (sw, w, task->k, r, sh->values + (t - sh->t0) * sw->columns->len, &error))
        {
          g_prefix_error (&error, "%s: grid point %u, run %" G_GUINT64_FORMAT ": ", sw->st->name, task->k, r);
          break;
        }
      written++;
    }
  worker_free (w);
  g_mutex_lock (&sh->lock);
  sh->done += written;
  sh->point_left[task->k] -= (guint) written;
  if (error != NULL)
    {
      g_atomic_int_set (&sh->failed, 1);
      if (sh->error == NULL)
        sh->error = g_steal_pointer (&error);
      g_clear_error (&error);
    }
  g_cond_signal (&sh->changed);
  g_mutex_unlock (&sh->lock);
}

/* Splits the runs of each point in [t0, t1) into tasks of a size that keeps
 * every thread busy to the end: counts each point's runs into POINT_LEFT
 * (may be NULL), writes the tasks into TASKS (may be NULL) and returns how
 * many there are. */
static guint64
plan_tasks (const PocsimSweep *sw, guint64 t0, guint64 t1, guint jobs, const gboolean *skip, guint *point_left,
            Task *tasks)
{
  guint64 runs = (guint64) sw->st->runs, n = 0;
  guint64 block = MAX ((t1 - t0) / ((guint64) jobs * 16), 1);
  block = MIN (block, 4096);
  for (guint64 t = t0; t < t1;)
    {
      guint k = (guint) (t / runs);
      guint64 r = t % runs, end = MIN ((guint64) (k + 1) * runs, t1);
      if (skip && skip[k])
        {
          t = end;
          continue;
        }
      if (point_left != NULL)
        point_left[k] += (guint) (end - t);
      for (guint64 s = r; s < r + (end - t); s += block, n++)
        if (tasks != NULL)
          tasks[n] = (Task) { k, s, MIN (s + block, r + (end - t)) };
      t = end;
    }
  return n;
}

gboolean
pocsim_sweep_run (const PocsimSweep *sw, guint64 t0, guint64 t1, double *values, const PocsimSweepOptions *o,
                  GError **error)
{
  guint jobs = o->jobs > 0 ? o->jobs : g_get_num_processors ();
  Shared sh = { sw, t0, values, o->stop, 0, { 0 }, { 0 }, 0, g_new0 (guint, sw->n_points), NULL };
  g_mutex_init (&sh.lock);
  g_cond_init (&sh.changed);
  g_autofree gboolean *reported = g_new0 (gboolean, sw->n_points);
  /* The tasks live here until every thread is done: a pool freed early
   * (an error, a stop) drops the queued ones without running them. */
  guint64 n_tasks = plan_tasks (sw, t0, t1, jobs, o->skip, sh.point_left, NULL);
  g_autofree Task *tasks = g_new (Task, n_tasks + 1);
  plan_tasks (sw, t0, t1, jobs, o->skip, NULL, tasks);
  guint64 total = 0;
  for (guint k = 0; k < sw->n_points; k++)
    total += sh.point_left[k];
  g_autofree guint *in_range = g_memdup2 (sh.point_left, sw->n_points * sizeof (guint));
  GThreadPool *pool = g_thread_pool_new (run_task, &sh, (gint) jobs, TRUE, NULL);
  for (guint64 i = 0; pool != NULL && i < n_tasks; i++)
    g_thread_pool_push (pool, &tasks[i], NULL);
  gboolean ok = TRUE;
  g_mutex_lock (&sh.lock);
  while (ok)
    {
      gboolean finished = sh.done >= total || sh.error != NULL || (o->stop && *o->stop);
      for (guint k = 0; k < sw->n_points && sh.error == NULL; k++)
        if (in_range[k] > 0 && sh.point_left[k] == 0 && !reported[k])
          {
            reported[k] = TRUE;
            if (o->point_done)
              {
                g_mutex_unlock (&sh.lock);
                ok = o->point_done (k, o->data, error);
                g_mutex_lock (&sh.lock);
              }
          }
      if (o->progress)
        o->progress (sh.done, total, o->data);
      if (finished)
        break;
      g_cond_wait_until (&sh.changed, &sh.lock, g_get_monotonic_time () + G_TIME_SPAN_SECOND / 5);
    }
  g_mutex_unlock (&sh.lock);
  if (!ok)
    g_atomic_int_set (&sh.failed, 1);
  g_thread_pool_free (pool, TRUE, TRUE);
  if (ok && sh.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sh.error));
      ok = FALSE;
    }
  else if (ok && sh.done < total)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INTERNAL, "stopped");
      ok = FALSE;
    }
  g_clear_error (&sh.error);
  g_free (sh.point_left);
  g_mutex_clear (&sh.lock);
  g_cond_clear (&sh.changed);
  return ok;
}

/* ---- the outputs' header ---- */

static PocsimStudyDim *
dim_copy (const PocsimStudyDim *src)
{
  PocsimStudyDim *d = g_new0 (PocsimStudyDim, 1);
  d->n_values = src->n_values;
  d->axes = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_study_axis_free);
  for (guint a = 0; a < src->axes->len; a++)
    {
      const PocsimStudyAxis *x = src->axes->pdata[a];
      PocsimStudyAxis *y = g_new0 (PocsimStudyAxis, 1);
      y->path = g_strdup (x->path);
      y->where = g_strdup (x->where);
      y->values = g_ptr_array_new_with_free_func (g_free);
      y->value_where = g_ptr_array_new_with_free_func (g_free);
      for (guint v = 0; v < x->values->len; v++)
        {
          g_ptr_array_add (y->values, g_strdup (x->values->pdata[v]));
          g_ptr_array_add (y->value_where, g_strdup (x->value_where->pdata[v]));
        }
      g_ptr_array_add (d->axes, y);
    }
  return d;
}

PocsimStudyHeader *
pocsim_sweep_header (const PocsimSweep *sw, const char *study_sha256)
{
  const PocsimStudy *st = sw->st;
  PocsimStudyHeader *h = pocsim_study_header_new ();
  /* Names as the study writes them, not as this process reached them, so
   * that a run here and a job array on a cluster write the same meta. */
  h->name = g_path_get_basename (st->name);
  g_autofree char *dir = g_path_get_dirname (st->name);
  g_autofree char *prefix = g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);
  h->description = g_strdup (st->description);
  h->study_sha256 = g_strdup (study_sha256);
  h->pocsim_version = g_strdup (POCSIM_VERSION);
  h->seed = st->seed;
  h->runs = st->runs;
  h->epochs = sw->epochs;
  h->n_points = sw->n_points;
  h->plot_host = g_strdup (st->plot_host);
  for (guint d = 0; d < st->dims->len; d++)
    g_ptr_array_add (h->dims, dim_copy (st->dims->pdata[d]));
  for (guint c = 0; c < sw->columns->len; c++)
    {
      const PocsimStudyColumn *x = sw->columns->pdata[c];
      PocsimStudyColumn *y = g_new0 (PocsimStudyColumn, 1);
      *y = *x;
      y->entity = g_strdup (x->entity);
      y->metric = g_strdup (x->metric);
      y->model = g_strdup (x->model);
      g_ptr_array_add (h->columns, y);
    }
  g_autoptr (GPtrArray) rules = pocsim_sweep_rule_sets (sw);
  for (guint k = 0; k < rules->len; k++)
    g_ptr_array_add (h->rule_sets, g_strdup (rules->pdata[k]));
  for (guint k = 0; k < sw->grid->inputs->len; k++)
    {
      const PocsimInputFile *f = sw->grid->inputs->pdata[k];
      g_ptr_array_add (h->input_paths, g_strdup (g_str_has_prefix (f->path, prefix) ? f->path + strlen (prefix) : f->path));
      g_ptr_array_add (h->input_sha256, g_strdup (f->sha256));
    }
  return h;
}
