/* case_builder.c - see case_builder.h.  Mirrors sim/io/case_json.c. */
#include "case_builder.h"

#include <errno.h>
#include <string.h>

typedef struct {
  char *model;
  char *addr;
  char *target; /* delegations: NULL or "" = no record */
  gint64 value;
} Entry;

typedef struct {
  char *id;
  char *coeff; /* NULL = unset */
  guint64 penalty_start;
} ModelDecl;

struct CaseBuilder {
  gint64 upcoming_epoch;
  const PocsimRuleSet *rules;
  PocsimParams params;
  char *initial_model_id;
  GArray *models;        /* ModelDecl */
  GArray *prev_weights;  /* Entry: addr, value */
  GArray *prev_vps;      /* Entry: model, addr, value */
  GArray *poc;           /* Entry: model, addr, value */
  GArray *commits;       /* Entry: model, addr */
  GArray *participants;  /* Entry: addr */
  GArray *collateral;    /* Entry: addr, value */
  GArray *boot_dels;     /* Entry: model, addr, target */
  GArray *boot_intents;  /* Entry: model, addr */
  GArray *reg_dels;      /* Entry: model, addr, target */
  GArray *refusals;      /* Entry: model, addr */
  gboolean boot_snapshot;
  gboolean reg_snapshot;
};

static void
entry_clear (gpointer p)
{
  Entry *e = p;
  g_free (e->model);
  g_free (e->addr);
  g_free (e->target);
}

static void
model_decl_clear (gpointer p)
{
  ModelDecl *d = p;
  g_free (d->id);
  g_free (d->coeff);
}

static GArray *
entries_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (a, entry_clear);
  return a;
}

CaseBuilder *
case_builder_new (gint64 upcoming_epoch)
{
  CaseBuilder *b = g_new0 (CaseBuilder, 1);
  b->upcoming_epoch = upcoming_epoch;
  b->rules = pocsim_rule_set_default ();
  b->params.initial_model = POCSIM_NO_MODEL;
  b->models = g_array_new (FALSE, TRUE, sizeof (ModelDecl));
  g_array_set_clear_func (b->models, model_decl_clear);
  b->prev_weights = entries_new ();
  b->prev_vps = entries_new ();
  b->poc = entries_new ();
  b->commits = entries_new ();
  b->participants = entries_new ();
  b->collateral = entries_new ();
  b->boot_dels = entries_new ();
  b->boot_intents = entries_new ();
  b->reg_dels = entries_new ();
  b->refusals = entries_new ();
  return b;
}

void
case_builder_free (CaseBuilder *b)
{
  if (b == NULL)
    return;
  g_free (b->initial_model_id);
  g_array_unref (b->models);
  g_array_unref (b->prev_weights);
  g_array_unref (b->prev_vps);
  g_array_unref (b->poc);
  g_array_unref (b->commits);
  g_array_unref (b->participants);
  g_array_unref (b->collateral);
  g_array_unref (b->boot_dels);
  g_array_unref (b->boot_intents);
  g_array_unref (b->reg_dels);
  g_array_unref (b->refusals);
  g_free (b);
}

static void
push (GArray *a, const char *model, const char *addr, const char *target, gint64 value)
{
  if (addr != NULL && *addr == '\0')
    g_error ("case_builder: empty address");
  Entry e = { g_strdup (model), g_strdup (addr), g_strdup (target), value };
  g_array_append_val (a, e);
}

void
case_builder_rules (CaseBuilder *b, const char *name)
{
  b->rules = pocsim_rule_set_lookup (name);
  if (b->rules == NULL)
    g_error ("case_builder: unknown rule set %s", name);
}

void
case_builder_model (CaseBuilder *b, const char *model_id, const char *coeff, guint64 penalty_start_epoch)
{
  for (guint k = 0; k < b->models->len; k++)
    if (strcmp (g_array_index (b->models, ModelDecl, k).id, model_id) == 0)
      g_error ("case_builder: duplicate model %s", model_id);
  ModelDecl d = { g_strdup (model_id), (coeff && *coeff) ? g_strdup (coeff) : NULL, penalty_start_epoch };
  g_array_append_val (b->models, d);
}

static PocsimDec
parse_dec (const char *name, const char *value)
{
  PocsimDec d;
  g_autoptr (GError) error = NULL;
  if (!pocsim_dec_parse (value, &d, &error))
    g_error ("case_builder: %s = \"%s\": %s", name, value, error->message);
  return d;
}

static gint64
parse_int (const char *name, const char *value)
{
  char *end;
  errno = 0;
  gint64 v = g_ascii_strtoll (value, &end, 10);
  if (errno != 0 || *value == '\0' || *end != '\0')
    g_error ("case_builder: %s = \"%s\" is not an integer", name, value);
  return v;
}

void
case_builder_param (CaseBuilder *b, const char *name, const char *value)
{
  PocsimParams *p = &b->params;
  if (strcmp (name, "deploy_window") == 0)
    p->deploy_window = parse_int (name, value);
  else if (strcmp (name, "v_min") == 0)
    p->v_min = parse_int (name, value);
  else if (strcmp (name, "refusal_penalty") == 0)
    p->refusal_penalty = parse_dec (name, value);
  else if (strcmp (name, "no_participation_penalty") == 0)
    p->no_participation_penalty = parse_dec (name, value);
  else if (strcmp (name, "delegation_share") == 0)
    p->delegation_share = parse_dec (name, value);
  else if (strcmp (name, "w_threshold") == 0)
    p->w_threshold = parse_dec (name, value);
  else if (strcmp (name, "cap_factor") == 0)
    p->cap_factor = parse_dec (name, value);
  else if (strcmp (name, "max_model_voting_power_percentage") == 0)
    p->max_model_vp_pct = parse_dec (name, value);
  else if (strcmp (name, "initial_model_id") == 0)
    {
      g_free (b->initial_model_id);
      b->initial_model_id = (value && *value) ? g_strdup (value) : NULL;
    }
  else if (strcmp (name, "validation_slots") == 0)
    p->validation_slots = (guint32) parse_int (name, value);
  else if (strcmp (name, "validation_vote_threshold_bps") == 0)
    p->validation_vote_threshold_bps = (guint32) parse_int (name, value);
  else if (strcmp (name, "grace_period_end_epoch") == 0)
    {
      p->grace_period_end_epoch = parse_int (name, value);
      p->collateral_enabled = TRUE;
    }
  else if (strcmp (name, "base_weight_ratio") == 0)
    {
      p->base_weight_ratio = parse_dec (name, value);
      p->collateral_enabled = TRUE;
    }
  else if (strcmp (name, "collateral_per_weight_unit") == 0)
    {
      p->collateral_per_weight_unit = parse_dec (name, value);
      p->collateral_enabled = TRUE;
    }
  else if (strcmp (name, "max_individual_power_percentage") == 0)
    p->power_cap_enabled = !pocsim_dec_is_zero (parse_dec (name, value));
  else
    g_error ("case_builder: unknown param %s", name);
}

void
case_builder_collateral_params (CaseBuilder *b, gint64 grace_period_end_epoch, const char *base_weight_ratio,
                                const char *collateral_per_weight_unit)
{
  b->params.collateral_enabled = TRUE;
  b->params.grace_period_end_epoch = grace_period_end_epoch;
  b->params.base_weight_ratio = parse_dec ("base_weight_ratio", base_weight_ratio);
  b->params.collateral_per_weight_unit = parse_dec ("collateral_per_weight_unit", collateral_per_weight_unit);
}

void
case_builder_power_cap (CaseBuilder *b, gboolean on)
{
  b->params.power_cap_enabled = on;
}

void
case_builder_prev_weight (CaseBuilder *b, const char *addr, gint64 weight)
{
  push (b->prev_weights, NULL, addr, NULL, weight);
}

void
case_builder_prev_vp (CaseBuilder *b, const char *model_id, const char *addr, gint64 vp)
{
  push (b->prev_vps, model_id, addr, NULL, vp);
}

void
case_builder_poc (CaseBuilder *b, const char *model_id, const char *addr, gint64 pw)
{
  push (b->poc, model_id, addr, NULL, pw);
}

void
case_builder_commit (CaseBuilder *b, const char *model_id, const char *addr)
{
  push (b->commits, model_id, addr, NULL, 0);
}

void
case_builder_participant (CaseBuilder *b, const char *addr)
{
  push (b->participants, NULL, addr, NULL, 0);
}

void
case_builder_collateral (CaseBuilder *b, const char *addr, gint64 amount)
{
  push (b->collateral, NULL, addr, NULL, amount);
}

void
case_builder_boot_snapshot (CaseBuilder *b)
{
  b->boot_snapshot = TRUE;
}

void
case_builder_boot_delegation (CaseBuilder *b, const char *model_id, const char *delegator,
                              const char *delegate_to)
{
  b->boot_snapshot = TRUE;
  push (b->boot_dels, model_id, delegator, delegate_to, 0);
}

void
case_builder_boot_intent (CaseBuilder *b, const char *model_id, const char *addr)
{
  b->boot_snapshot = TRUE;
  push (b->boot_intents, model_id, addr, NULL, 0);
}

void
case_builder_reg_snapshot (CaseBuilder *b)
{
  b->reg_snapshot = TRUE;
}

void
case_builder_reg_delegation (CaseBuilder *b, const char *model_id, const char *delegator,
                             const char *delegate_to)
{
  b->reg_snapshot = TRUE;
  push (b->reg_dels, model_id, delegator, delegate_to, 0);
}

void
case_builder_refusal (CaseBuilder *b, const char *model_id, const char *addr)
{
  b->reg_snapshot = TRUE;
  push (b->refusals, model_id, addr, NULL, 0);
}

/* ---- finish ---- */

static void
collect (GArray *entries, GPtrArray *addrs, GPtrArray *models)
{
  for (guint k = 0; k < entries->len; k++)
    {
      const Entry *e = &g_array_index (entries, Entry, k);
      if (e->model)
        g_ptr_array_add (models, e->model);
      if (e->addr)
        g_ptr_array_add (addrs, e->addr);
      if (e->target && *e->target)
        g_ptr_array_add (addrs, e->target);
    }
}

/* A record's model must be a PoC model of the params (as case_json.c). */
static guint32
record_model (const PocsimCase *c, const char *model_id)
{
  guint32 m = pocsim_case_find_model (c, model_id);
  if (m == POCSIM_NO_MODEL || !c->models[m].in_params)
    g_error ("case_builder: record for model %s, which is not a case_builder_model", model_id);
  return m;
}

/* Records of one list: (model, addr) unique within it. */
static void
apply_records (PocsimCase *c, GArray *entries, guint32 *targets, guint8 flag, const char *what)
{
  g_autofree guint8 *seen = g_new0 (guint8, (gsize) c->n_models * c->n_addrs + 1);
  for (guint k = 0; k < entries->len; k++)
    {
      const Entry *e = &g_array_index (entries, Entry, k);
      guint32 m = record_model (c, e->model);
      guint32 a = pocsim_case_find_addr (c, e->addr);
      gsize cell = pocsim_cell (c, m, a);
      if (seen[cell])
        g_error ("case_builder: duplicate %s record for (%s, %s)", what, e->model, e->addr);
      seen[cell] = 1;
      if (targets != NULL)
        targets[cell] = (e->target && *e->target) ? pocsim_case_find_addr (c, e->target) : POCSIM_NO_ADDR;
      else
        c->cell_flags[cell] |= flag;
    }
}

PocsimCase *
case_builder_finish (CaseBuilder *b)
{
  g_autoptr (GPtrArray) addrs = g_ptr_array_new ();
  g_autoptr (GPtrArray) models = g_ptr_array_new ();
  for (guint k = 0; k < b->models->len; k++)
    g_ptr_array_add (models, g_array_index (b->models, ModelDecl, k).id);
  GArray *lists[] = { b->prev_weights, b->prev_vps, b->poc, b->commits, b->participants,
                      b->collateral, b->boot_dels, b->boot_intents, b->reg_dels, b->refusals };
  for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
    collect (lists[k], addrs, models);

  PocsimCase *c = pocsim_case_new ((const char *const *) addrs->pdata, addrs->len,
                                   (const char *const *) models->pdata, models->len);
  c->rules = b->rules;
  c->upcoming_epoch = b->upcoming_epoch;
  c->params = b->params;
  c->params.initial_model = POCSIM_NO_MODEL;

  /* poc_params.models */
  for (guint k = 0; k < b->models->len; k++)
    {
      const ModelDecl *d = &g_array_index (b->models, ModelDecl, k);
      PocsimModel *model = &c->models[pocsim_case_find_model (c, d->id)];
      model->in_params = TRUE;
      model->coeff = d->coeff ? parse_dec ("weight_scale_factor", d->coeff) : pocsim_dec_one ();
      model->penalty_start_epoch = d->penalty_start;
    }
  if (b->initial_model_id)
    {
      guint32 m = pocsim_case_find_model (c, b->initial_model_id);
      if (m == POCSIM_NO_MODEL || !c->models[m].in_params)
        g_error ("case_builder: initial_model_id %s is not a case_builder_model", b->initial_model_id);
      c->params.initial_model = m;
    }

  /* previous */
  for (guint k = 0; k < b->prev_weights->len; k++)
    {
      const Entry *e = &g_array_index (b->prev_weights, Entry, k);
      guint32 a = pocsim_case_find_addr (c, e->addr);
      if (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS)
        g_error ("case_builder: duplicate prev_weight for %s", e->addr);
      if (e->value < 0)
        g_error ("case_builder: negative prev_weight for %s", e->addr);
      c->prev_weight[a] = e->value;
      c->addr_flags[a] |= POCSIM_ADDR_IN_PREVIOUS;
    }
  for (guint k = 0; k < b->prev_vps->len; k++)
    {
      const Entry *e = &g_array_index (b->prev_vps, Entry, k);
      gsize cell = pocsim_cell (c, pocsim_case_find_model (c, e->model), pocsim_case_find_addr (c, e->addr));
      c->prev_vp[cell] = e->value;
      if (e->value > 0) /* the chain keeps only VP > 0 */
        c->cell_flags[cell] |= POCSIM_CELL_PREV_VP;
    }

  /* snapshots */
  c->has_bootstrap_snapshot = b->boot_snapshot;
  c->has_delegation_snapshot = b->reg_snapshot;
  apply_records (c, b->boot_dels, c->boot_delegate, 0, "bootstrap delegation");
  apply_records (c, b->boot_intents, NULL, POCSIM_CELL_BOOT_INTENT, "bootstrap intent");
  apply_records (c, b->reg_dels, c->reg_delegate, 0, "regular delegation");
  apply_records (c, b->refusals, NULL, POCSIM_CELL_REFUSAL, "refusal");

  /* commits */
  apply_records (c, b->commits, NULL, POCSIM_CELL_COMMIT, "commit");
  for (guint m = 0; m < c->n_models; m++)
    for (guint a = 0; a < c->n_addrs; a++)
      if (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_COMMIT)
        c->addr_flags[a] |= POCSIM_ADDR_COMMITTED;

  /* poc */
  for (guint k = 0; k < b->poc->len; k++)
    {
      const Entry *e = &g_array_index (b->poc, Entry, k);
      guint32 a = pocsim_case_find_addr (c, e->addr);
      gsize cell = pocsim_cell (c, pocsim_case_find_model (c, e->model), a);
      if (c->cell_flags[cell] & POCSIM_CELL_MEMBER)
        g_error ("case_builder: duplicate poc entry (%s, %s)", e->model, e->addr);
      if (e->value < 0)
        g_error ("case_builder: negative PoC weight for (%s, %s)", e->model, e->addr);
      c->pw[cell] = e->value;
      c->cell_flags[cell] |= POCSIM_CELL_MEMBER;
      c->addr_flags[a] |= POCSIM_ADDR_ACTIVE;
    }

  /* participants and collateral */
  for (guint k = 0; k < b->participants->len; k++)
    c->addr_flags[pocsim_case_find_addr (c, g_array_index (b->participants, Entry, k).addr)]
        |= POCSIM_ADDR_ACTIVE;
  for (guint k = 0; k < b->collateral->len; k++)
    {
      const Entry *e = &g_array_index (b->collateral, Entry, k);
      guint32 a = pocsim_case_find_addr (c, e->addr);
      if (e->value < 0)
        g_error ("case_builder: negative collateral for %s", e->addr);
      c->collateral[a] = e->value;
      c->addr_flags[a] |= POCSIM_ADDR_HAS_COLLATERAL;
    }

  case_builder_free (b);
  return c;
}

/* ---- accessors ---- */

guint32
case_addr (const PocsimCase *c, const char *addr)
{
  guint32 a = pocsim_case_find_addr (c, addr);
  if (a == POCSIM_NO_ADDR)
    g_error ("case_builder: no address %s in the case", addr);
  return a;
}

guint32
case_model (const PocsimCase *c, const char *model_id)
{
  guint32 m = pocsim_case_find_model (c, model_id);
  if (m == POCSIM_NO_MODEL)
    g_error ("case_builder: no model %s in the case", model_id);
  return m;
}

static gsize
result_cell (const PocsimEpochResult *r, const char *model_id, const char *addr)
{
  return pocsim_cell (r->source, case_model (r->source, model_id), case_addr (r->source, addr));
}

gint64
result_consensus (const PocsimEpochResult *r, const char *addr)
{
  return r->consensus[case_addr (r->source, addr)];
}

gint64
result_after_penalty (const PocsimEpochResult *r, const char *addr)
{
  return r->after_penalty[case_addr (r->source, addr)];
}

gint64
result_final (const PocsimEpochResult *r, const char *addr)
{
  return r->final[case_addr (r->source, addr)];
}

gint64
result_transfer_in (const PocsimEpochResult *r, const char *addr)
{
  return r->transfer_in[case_addr (r->source, addr)];
}

gint64
result_transfer_out (const PocsimEpochResult *r, const char *addr)
{
  return r->transfer_out[case_addr (r->source, addr)];
}

const char *
dec_str (PocsimDec d)
{
  static char ring[16][POCSIM_DEC_FORMAT_SIZE];
  static guint next;
  char *buf = ring[next++ % G_N_ELEMENTS (ring)];
  return pocsim_dec_format (d, buf);
}

const char *
result_penalty_str (const PocsimEpochResult *r, const char *addr)
{
  return dec_str (r->penalty[case_addr (r->source, addr)]);
}

PocsimMode
result_mode (const PocsimEpochResult *r, const char *model_id, const char *addr)
{
  return (PocsimMode) r->mode[result_cell (r, model_id, addr)];
}

PocsimBootstrapMode
result_bmode (const PocsimEpochResult *r, const char *model_id, const char *addr)
{
  return (PocsimBootstrapMode) r->bootstrap_mode[result_cell (r, model_id, addr)];
}

const char *
result_mode_name (const PocsimEpochResult *r, const char *model_id, const char *addr)
{
  return pocsim_mode_name (result_mode (r, model_id, addr));
}

const char *
result_bmode_name (const PocsimEpochResult *r, const char *model_id, const char *addr)
{
  return pocsim_bootstrap_mode_name (result_bmode (r, model_id, addr));
}

gint64
result_vp (const PocsimEpochResult *r, const char *model_id, const char *addr)
{
  return r->voting_power[result_cell (r, model_id, addr)];
}

const PocsimGroupResult *
result_group (const PocsimEpochResult *r, const char *model_id)
{
  return &r->groups[case_model (r->source, model_id)];
}

const char *
result_scale_str (const PocsimEpochResult *r, const char *model_id)
{
  return dec_str (result_group (r, model_id)->scale);
}

gboolean
result_is_candidate (const PocsimEpochResult *r, const char *model_id)
{
  return r->is_bootstrap_candidate[case_model (r->source, model_id)];
}

const PocsimPreEligibility *
result_preelig (const PocsimEpochResult *r, const char *model_id)
{
  guint32 m = case_model (r->source, model_id);
  for (guint k = 0; k < r->n_bootstrap; k++)
    if (r->bootstrap[k].model == m)
      return &r->bootstrap[k];
  return NULL;
}
