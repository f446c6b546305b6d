/* behaviour.c - Monte Carlo draws of a study's behaviour model onto a case. */
#include "analysis/behaviour.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

#include "analysis/whatif.h"
#include "core/error.h"

/* Noisy PoC weights stay far below what a sum over every host could overflow. */
#define MAX_NOISY_WEIGHT G_GINT64_CONSTANT (1000000000000000)

struct PocsimBehaviourPlan {
  const PocsimBehaviour *b;
  guint n_hosts;
  guint32 *hosts;          /* addresses with W_E or in AP(U), ascending */
  gint32 *rule_of;         /* [cells] the rule that selects the cell, or -1 */
  GArray **targets;        /* [models] guint32: valid delegation targets, largest W_E first */
  GArray **rule_targets;   /* [rules] guint32: a LIST rule's named targets */
  gint64 *estimate;        /* [addrs] largest PoC weight in any model */
  guint32 *joiners;        /* [b->join_count] */
  GArray *join_models;     /* guint32 */
  guint n_models;
};

void
pocsim_behaviour_plan_free (PocsimBehaviourPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->hosts);
  g_free (plan->rule_of);
  for (guint m = 0; plan->targets && m < plan->n_models; m++)
    g_array_unref (plan->targets[m]);
  g_free (plan->targets);
  for (guint r = 0; plan->rule_targets && r < plan->b->rules->len; r++)
    if (plan->rule_targets[r])
      g_array_unref (plan->rule_targets[r]);
  g_free (plan->rule_targets);
  g_free (plan->estimate);
  g_free (plan->joiners);
  if (plan->join_models)
    g_array_unref (plan->join_models);
  g_free (plan);
}

char **
pocsim_behaviour_joiners (const PocsimBehaviour *b)
{
  char **names = g_new0 (char *, b->join_count + 1);
  for (guint j = 0; j < b->join_count; j++)
    names[j] = g_strdup_printf ("%s-%u", b->join_prefix, j + 1);
  return names;
}

static gboolean
unknown (const char *where, const char *what, const char *name, GError **error)
{
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: %s \"%s\" is not in the base", where, what, name);
  return FALSE;
}

/* Every name a rule uses must be in the case. */
static gboolean
check_rule_names (const PocsimBehaviourRule *r, const PocsimCase *c, GError **error)
{
  for (char **h = r->hosts; h && *h; h++)
    if (pocsim_case_find_addr (c, *h) == POCSIM_NO_ADDR)
      return unknown (r->where, "host", *h, error);
  for (char **t = r->targets; t && *t; t++)
    if (pocsim_case_find_addr (c, *t) == POCSIM_NO_ADDR)
      return unknown (r->where, "delegation target", *t, error);
  for (char **m = r->models; m && *m; m++)
    if (pocsim_case_find_model (c, *m) == POCSIM_NO_MODEL)
      return unknown (r->where, "model", *m, error);
  return TRUE;
}

static gboolean
rule_selects (const PocsimBehaviourRule *r, const PocsimCase *c, guint m, guint32 a)
{
  gsize k = pocsim_cell (c, m, a);
  gboolean running = (c->cell_flags[k] & POCSIM_CELL_MEMBER) && c->pw[k] > 0;
  return (r->hosts == NULL || g_strv_contains ((const char *const *) r->hosts, c->addrs[a]))
         && (r->models == NULL ? c->models[m].in_params
                               : g_strv_contains ((const char *const *) r->models, c->models[m].id))
         && (r->cells == POCSIM_CELLS_ALL || running == (r->cells == POCSIM_CELLS_RUNNING));
}

static void
plan_targets (PocsimBehaviourPlan *plan, const PocsimCase *c)
{
  plan->targets = g_new0 (GArray *, c->n_models + 1);
  for (guint m = 0; m < c->n_models; m++)
    {
      plan->targets[m] = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr (GArray) cands = pocsim_delegate_candidates (c, m, POCSIM_NO_ADDR);
      for (guint k = 0; k < cands->len; k++)
        {
          const PocsimDelegateCandidate *cand = &g_array_index (cands, PocsimDelegateCandidate, k);
          if (cand->problem == NULL)
            g_array_append_val (plan->targets[m], cand->target);
        }
    }
}

PocsimBehaviourPlan *
pocsim_behaviour_plan_new (const PocsimBehaviour *b, const PocsimCase *c, GError **error)
{
  g_autoptr (PocsimBehaviourPlan) plan = g_new0 (PocsimBehaviourPlan, 1);
  plan->b = b;
  plan->n_models = c->n_models;
  for (guint r = 0; r < b->rules->len; r++)
    if (!check_rule_names (b->rules->pdata[r], c, error))
      return NULL;
  plan->hosts = g_new (guint32, c->n_addrs + 1);
  plan->estimate = g_new0 (gint64, c->n_addrs + 1);
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (c->addr_flags[a] & (POCSIM_ADDR_IN_PREVIOUS | POCSIM_ADDR_ACTIVE))
        plan->hosts[plan->n_hosts++] = a;
      plan->estimate[a] = pocsim_estimated_poc_weight (c, a);
    }
  gsize cells = (gsize) c->n_models * c->n_addrs;
  plan->rule_of = g_new (gint32, cells + 1);
  for (gsize k = 0; k < cells; k++)
    plan->rule_of[k] = -1;
  for (guint h = 0; h < plan->n_hosts; h++)
    for (guint m = 0; m < c->n_models; m++)
      for (guint r = 0; r < b->rules->len && plan->rule_of[pocsim_cell (c, m, plan->hosts[h])] < 0; r++)
        if (rule_selects (b->rules->pdata[r], c, m, plan->hosts[h]))
          plan->rule_of[pocsim_cell (c, m, plan->hosts[h])] = (gint32) r;
  plan->rule_targets = g_new0 (GArray *, b->rules->len + 1);
  for (guint r = 0; r < b->rules->len; r++)
    {
      const PocsimBehaviourRule *rule = b->rules->pdata[r];
      if (rule->target != POCSIM_TARGET_LIST)
        continue;
      plan->rule_targets[r] = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (char **t = rule->targets; *t; t++)
        {
          guint32 a = pocsim_case_find_addr (c, *t);
          g_array_append_val (plan->rule_targets[r], a);
        }
    }
  plan_targets (plan, c);
  g_auto (GStrv) joiners = pocsim_behaviour_joiners (b);
  plan->joiners = g_new (guint32, b->join_count + 1);
  for (guint j = 0; j < b->join_count; j++)
    if ((plan->joiners[j] = pocsim_case_find_addr (c, joiners[j])) == POCSIM_NO_ADDR)
      {
        unknown ("behaviour.join", "newcomer", joiners[j], error);
        return NULL;
      }
  plan->join_models = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (b->join_models == NULL && c->params.initial_model != POCSIM_NO_MODEL)
    g_array_append_val (plan->join_models, c->params.initial_model);
  for (char **m = b->join_models; m && *m; m++)
    {
      guint32 model = pocsim_case_find_model (c, *m);
      if (model == POCSIM_NO_MODEL)
        {
          unknown ("behaviour.join", "model", *m, error);
          return NULL;
        }
      g_array_append_val (plan->join_models, model);
    }
  return g_steal_pointer (&plan);
}

/* ---- one run ---- */

static PocsimAction
draw_action (const PocsimBehaviourRule *r, gsl_rng *rng)
{
  double u = gsl_rng_uniform (rng), cumulative = 0;
  for (guint a = 0; a + 1 < POCSIM_N_ACTIONS; a++)
    if (u < (cumulative += r->p[a]))
      return a;
  return POCSIM_N_ACTIONS - 1;
}

static gboolean
contains (const GArray *list, guint32 x)
{
  for (guint k = 0; k < list->len; k++)
    if (g_array_index (list, guint32, k) == x)
      return TRUE;
  return FALSE;
}

/* A delegation target for HOST among CANDIDATES (those in VALID too, when
 * given), or POCSIM_NO_ADDR. */
static guint32
draw_target (const PocsimBehaviourRule *r, const GArray *candidates, const GArray *valid, guint32 host, gsl_rng *rng)
{
  if (r->target == POCSIM_TARGET_LARGEST)
    {
      for (guint k = 0; k < candidates->len; k++)
        if (g_array_index (candidates, guint32, k) != host)
          return g_array_index (candidates, guint32, k);
      return POCSIM_NO_ADDR;
    }
  /* Uniformly among the candidates that are valid targets and not the
   * host: count them, draw an index, find it (no allocation per draw). */
  guint n = 0;
  for (guint k = 0; k < candidates->len; k++)
    {
      guint32 t = g_array_index (candidates, guint32, k);
      n += t != host && (valid == NULL || contains (valid, t));
    }
  if (n == 0)
    return POCSIM_NO_ADDR;
  gulong pick = gsl_rng_uniform_int (rng, n);
  for (guint k = 0; k < candidates->len; k++)
    {
      guint32 t = g_array_index (candidates, guint32, k);
      if (t != host && (valid == NULL || contains (valid, t)) && pick-- == 0)
        return t;
    }
  return POCSIM_NO_ADDR;
}

static void
switch_cell (const PocsimBehaviourPlan *plan, PocsimCase *c, const PocsimBehaviourRule *r, guint m, guint32 a,
             gsl_rng *rng, guint rule)
{
  PocsimAction action = draw_action (r, rng);
  PocsimOption o = { (PocsimOptionKind) action, m, POCSIM_NO_ADDR, 0 };
  switch (action)
    {
    case POCSIM_ACTION_KEEP:
      return;
    case POCSIM_ACTION_RUN:
      o.poc_weight = r->run_weight >= 0 ? r->run_weight : plan->estimate[a];
      break;
    case POCSIM_ACTION_DELEGATE:
      o.target = r->target == POCSIM_TARGET_LIST
                     ? draw_target (r, plan->rule_targets[rule], plan->targets[m], a, rng)
                     : draw_target (r, plan->targets[m], NULL, a, rng);
      if (o.target == POCSIM_NO_ADDR)
        return; /* nobody to delegate to: the host keeps its records */
      break;
    default:
      break;
    }
  pocsim_option_write (c, a, &o);
}

static void
leave (PocsimCase *c, guint32 a)
{
  for (guint m = 0; m < c->n_models; m++)
    {
      PocsimOption o = { POCSIM_OPTION_NOTHING, m, POCSIM_NO_ADDR, 0 };
      pocsim_option_write (c, a, &o);
    }
  c->addr_flags[a] &= (guint8) ~(POCSIM_ADDR_ACTIVE | POCSIM_ADDR_COMMITTED);
}

void
pocsim_behaviour_draw (const PocsimBehaviourPlan *plan, PocsimCase *c, gsl_rng *rng)
{
  const PocsimBehaviour *b = plan->b;
  for (guint h = 0; h < plan->n_hosts; h++)
    for (guint m = 0; m < c->n_models; m++)
      {
        guint32 a = plan->hosts[h];
        gint32 rule = plan->rule_of[pocsim_cell (c, m, a)];
        if (rule >= 0)
          switch_cell (plan, c, b->rules->pdata[rule], m, a, rng, (guint) rule);
      }
  if (b->leave > 0)
    for (guint h = 0; h < plan->n_hosts; h++)
      if (gsl_rng_uniform (rng) < b->leave)
        leave (c, plan->hosts[h]);
  for (guint j = 0; j < b->join_count; j++)
    if (gsl_rng_uniform (rng) < b->join_probability)
      for (guint k = 0; k < plan->join_models->len; k++)
        {
          PocsimOption o = { POCSIM_OPTION_RUN, g_array_index (plan->join_models, guint32, k), POCSIM_NO_ADDR,
                             b->join_weight };
          pocsim_option_write (c, plan->joiners[j], &o);
        }
  if (b->noise_sigma > 0)
    {
      gsize cells = (gsize) c->n_models * c->n_addrs;
      for (gsize k = 0; k < cells; k++)
        if (c->cell_flags[k] & POCSIM_CELL_MEMBER)
          {
            /* Drawn as a double, stored as the chain's integer: no float reaches a rule. */
            double w = round ((double) c->pw[k] * gsl_ran_lognormal (rng, 0.0, b->noise_sigma));
            c->pw[k] = w >= (double) MAX_NOISY_WEIGHT ? MAX_NOISY_WEIGHT : w <= 0 ? 0 : (gint64) w;
          }
    }
}
