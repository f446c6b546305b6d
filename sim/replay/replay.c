/* replay.c - a scenario, epoch by epoch (see replay.h for the order). */
#include "replay/replay.h"

#include <string.h>

#include "core/error.h"
#include "core/snapshots.h"
#include "replay/expect.h"
#include "replay/records.h"
#include "replay/tx_handler.h"
#include "rules/acceptance.h"
#include "rules/coefficients.h"
#include "rules/confirmed_weight.h"
#include "rules/epoch.h"

#define NOT_RUNNING (-1)

/* A named ML node a host runs (node-level PoC, v0.2.16): it commits PoC for
 * one model under its own id, beside or instead of the host's one node
 * "n-<model>" (run_pw). */
typedef struct {
  guint32 model;
  guint32 addr;
  const char *id;           /* interned in the state's chunk */
  gint64 weight;            /* the raw PoC weight it commits; kept when it stops (for "last") */
  gboolean running;
} RunNode;

/* U's coefficient config frozen at PoC start (v0.2.16). */
typedef struct {
  gboolean has_params;
  PocsimDynamicParams params;
  PocsimCoeffScale *scales; /* [models] */
} Frozen;

struct PocsimReplay {
  const PocsimScenario *s;
  const PocsimRuleSet *rules;
  gint64 next_epoch;
  /* Every name the scenario uses, the chain Params (as governance changed
   * them), the previous state (W_E, VP_E, E's subgroup PoC) and the
   * collateral; the per-epoch parts (snapshots, commits, PoC) stay empty. */
  PocsimCase *state;
  gint64 *run_pw;           /* [cells] raw PoC weight a running host commits, or NOT_RUNNING */
  gint64 *last_pw;          /* [cells] the last PoC weight accepted for it, or NOT_RUNNING */
  gboolean *registered;     /* [addrs] registered participants */
  gboolean *governance;     /* [models] governance models beyond poc_params.models */
  gboolean *guardian;       /* [addrs] the genesis guardian set */
  gboolean has_guardians;
  PocsimRecords *records;   /* live delegation records */
  /* The last bootstrap snapshot, kept when deploy_window <= 0 (no capture). */
  gboolean has_last_boot;
  guint32 *last_boot_delegate; /* [cells] */
  guint8 *last_boot_intent;    /* [cells] */
  PocsimCase *first_case;   /* POCSIM_START_CASE: the first epoch's case, until it is formed */
  GArray *nodes;            /* RunNode, in the order they first ran */
  guint8 *first_failed;     /* [addrs] the start's failed miss-rate set, for the first epoch, or NULL */
  Frozen frozen;
  gint64 halted_at;         /* the epoch at which the chain halted, or 0 */
};

/* ---- small helpers ---- */

static gsize
n_cells (const PocsimCase *c)
{
  return (gsize) c->n_models * c->n_addrs;
}

static gboolean
fail_at (const char *where, GError **error, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail_at (const char *where, GError **error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: %s", where, msg);
  return FALSE;
}

/* Every name an event uses is in the replay's tables (pocsim_scenario_names). */
static guint32
addr_of (const PocsimReplay *rp, const char *name)
{
  return pocsim_case_find_addr (rp->state, name);
}

static guint32
model_of (const PocsimReplay *rp, const char *name)
{
  return pocsim_case_find_model (rp->state, name);
}

static gsize
cell_of (const PocsimReplay *rp, const char *host, const char *model)
{
  return pocsim_cell (rp->state, model_of (rp, model), addr_of (rp, host));
}

static gboolean
is_participant (const char *name, gpointer data)
{
  const PocsimReplay *rp = data;
  guint32 a = addr_of (rp, name);
  return a != POCSIM_NO_ADDR && rp->registered[a];
}

static gboolean
is_governance_model (const char *name, gpointer data)
{
  const PocsimReplay *rp = data;
  guint32 m = model_of (rp, name);
  return m != POCSIM_NO_MODEL && (rp->governance[m] || rp->state->models[m].in_params);
}

/* What of an address's flags is state, not one epoch's: E's membership and
 * confirmation weight, collateral, the hardware record. */
#define STATE_ADDR_FLAGS \
  (POCSIM_ADDR_IN_PREVIOUS | POCSIM_ADDR_HAS_COLLATERAL | POCSIM_ADDR_HAS_CONFIRMATION | POCSIM_ADDR_HAS_HARDWARE)

/* The case parts that belong to one epoch: snapshots, commits, PoC and its
 * nodes, AP(U), E's settlement (failed miss-rate set) and removals, U's
 * frozen coefficients. */
static void
clear_epoch_parts (PocsimCase *c)
{
  gsize cells = n_cells (c);
  for (gsize k = 0; k < cells; k++)
    c->cell_flags[k] &= POCSIM_CELL_PREV_VP | POCSIM_CELL_PREV_NODE;
  memset (c->pw, 0, cells * sizeof (gint64));
  memset (c->boot_delegate, 0xff, cells * sizeof (guint32));
  memset (c->reg_delegate, 0xff, cells * sizeof (guint32));
  for (guint a = 0; a < c->n_addrs; a++)
    c->addr_flags[a] &= STATE_ADDR_FLAGS;
  c->has_bootstrap_snapshot = c->has_delegation_snapshot = FALSE;
  pocsim_case_set_nodes (c, NULL, NULL, 0);
  c->params.frozen_explicit = FALSE;
}

/* ---- the starting state ---- */

/* The start's records, in the order that makes the last write win as the
 * store would hold them: delegation (regular snapshot, else bootstrap),
 * refusal, intent. */
static void
load_start_records (PocsimReplay *rp, const PocsimCase *c)
{
  for (guint m = 0; m < c->n_models; m++)
    for (guint a = 0; a < c->n_addrs; a++)
      {
        gsize k = pocsim_cell (c, m, a);
        guint32 target = c->reg_delegate[k] != POCSIM_NO_ADDR ? c->reg_delegate[k] : c->boot_delegate[k];
        if (target != POCSIM_NO_ADDR)
          pocsim_records_set (rp->records, POCSIM_RECORD_DELEGATION, m, a, target);
        if (c->cell_flags[k] & POCSIM_CELL_REFUSAL)
          pocsim_records_set (rp->records, POCSIM_RECORD_REFUSAL, m, a, POCSIM_NO_ADDR);
        if (c->cell_flags[k] & POCSIM_CELL_BOOT_INTENT)
          pocsim_records_set (rp->records, POCSIM_RECORD_INTENT, m, a, POCSIM_NO_ADDR);
      }
}

/* What the start's hosts run: each PoC entry of a cell is the host's one
 * node for the model, each poc_nodes entry a named node.  Preserved nodes
 * run again as fresh ones. */
static void
load_start_runs (PocsimReplay *rp, const PocsimCase *c)
{
  rp->nodes = g_array_new (FALSE, FALSE, sizeof (RunNode));
  for (guint m = 0; m < c->n_models; m++)
    for (guint a = 0; a < c->n_addrs; a++)
      {
        gsize k = pocsim_cell (c, m, a);
        gint64 entry;
        rp->run_pw[k] = rp->last_pw[k] = pocsim_case_poc_entry (c, m, a, &entry) ? entry : NOT_RUNNING;
      }
  for (guint a = 0; a < c->n_addrs; a++)
    {
      guint n;
      const PocsimPocNode *nodes = pocsim_case_nodes (c, a, &n);
      for (guint j = 0; j < n; j++)
        {
          RunNode node = { nodes[j].model, a, nodes[j].node_id, nodes[j].poc_weight, TRUE };
          g_array_append_val (rp->nodes, node);
        }
    }
  gboolean any_failed = FALSE;
  for (guint a = 0; a < c->n_addrs; a++)
    any_failed |= (c->addr_flags[a] & POCSIM_ADDR_FAILED_MISS_RATE) != 0;
  if (any_failed)
    {
      rp->first_failed = g_new0 (guint8, c->n_addrs + 1);
      for (guint a = 0; a < c->n_addrs; a++)
        rp->first_failed[a] = (c->addr_flags[a] & POCSIM_ADDR_FAILED_MISS_RATE) != 0;
    }
}

static void
keep_bootstrap_snapshot (PocsimReplay *rp, const PocsimCase *c)
{
  gsize cells = n_cells (c);
  memcpy (rp->last_boot_delegate, c->boot_delegate, cells * sizeof (guint32));
  for (gsize k = 0; k < cells; k++)
    rp->last_boot_intent[k] = (c->cell_flags[k] & POCSIM_CELL_BOOT_INTENT) != 0;
  rp->has_last_boot = TRUE;
}

/* The state at the start: every name the scenario uses gets an index; the
 * start's hosts are registered, what they run keeps running, their records
 * are live. */
static void
load_start (PocsimReplay *rp, const PocsimScenario *s)
{
  PocsimCase *c = rp->state;
  gsize cells = n_cells (c);
  rp->run_pw = g_new (gint64, cells + 1);
  rp->last_pw = g_new (gint64, cells + 1);
  rp->registered = g_new0 (gboolean, c->n_addrs + 1);
  rp->governance = g_new0 (gboolean, c->n_models + 1);
  rp->last_boot_delegate = g_new (guint32, cells + 1);
  rp->last_boot_intent = g_new0 (guint8, cells + 1);
  rp->records = pocsim_records_new (c);
  rp->frozen.scales = g_new0 (PocsimCoeffScale, c->n_models + 1);
  for (guint a = 0; a < s->start->n_addrs; a++)
    rp->registered[addr_of (rp, s->start->addrs[a])] = TRUE;
  for (char **g = s->governance_models; g && *g; g++)
    rp->governance[model_of (rp, *g)] = TRUE;
  rp->guardian = g_new0 (gboolean, c->n_addrs + 1);
  for (char **g = s->guardians; g && *g; g++)
    rp->guardian[addr_of (rp, *g)] = rp->has_guardians = TRUE;
  load_start_runs (rp, c);
  load_start_records (rp, c);
  if (s->start_kind == POCSIM_START_CASE)
    {
      rp->first_case = pocsim_case_copy (c);
      if (c->has_bootstrap_snapshot)
        keep_bootstrap_snapshot (rp, c);
    }
  clear_epoch_parts (c);
}

PocsimReplay *
pocsim_replay_new (const PocsimScenario *s, const char *rules_override, GError **error)
{
  const PocsimRuleSet *rules = s->start->rules;
  if (rules_override != NULL && (rules = pocsim_rule_set_lookup (rules_override)) == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE, "unknown rule set \"%s\" (see 'pocsim rules')",
                   rules_override);
      return NULL;
    }
  g_autoptr (GPtrArray) addrs = g_ptr_array_new ();
  g_autoptr (GPtrArray) models = g_ptr_array_new ();
  pocsim_scenario_names (s, addrs, models);
  g_autoptr (PocsimReplay) rp = g_new0 (PocsimReplay, 1);
  rp->s = s;
  rp->rules = rules;
  rp->next_epoch = s->first_epoch;
  rp->state = pocsim_case_widen (s->start, (const char *const *) addrs->pdata, addrs->len,
                                 (const char *const *) models->pdata, models->len);
  rp->state->rules = rules;
  load_start (rp, s);
  return g_steal_pointer (&rp);
}

void
pocsim_replay_free (PocsimReplay *rp)
{
  if (rp == NULL)
    return;
  pocsim_records_free (rp->records);
  pocsim_case_free (rp->first_case);
  pocsim_case_free (rp->state);
  g_free (rp->run_pw);
  g_free (rp->last_pw);
  g_free (rp->registered);
  g_free (rp->governance);
  g_free (rp->guardian);
  g_free (rp->last_boot_delegate);
  g_free (rp->last_boot_intent);
  if (rp->nodes)
    g_array_unref (rp->nodes);
  g_free (rp->first_failed);
  g_free (rp->frozen.scales);
  g_free (rp);
}

gint64
pocsim_replay_next_epoch (const PocsimReplay *rp)
{
  return rp->halted_at ? G_MAXINT64 : rp->next_epoch;
}

gint64
pocsim_replay_halted_at (const PocsimReplay *rp)
{
  return rp->halted_at;
}

const char *
pocsim_replay_rules (const PocsimReplay *rp)
{
  return rp->rules->name;
}

/* ---- events ---- */

/* A vote of the epoch, with its names as indices. */
typedef struct {
  guint32 validator;
  guint32 target;   /* POCSIM_NO_ADDR = every host */
  guint32 model;    /* POCSIM_NO_MODEL = every model */
  gint64 weight;    /* -1 invalid, 0 offline */
} Vote;

/* Per-epoch event effects that are not replay state. */
typedef struct {
  guint8 *failed_deploy; /* [cells] */
  GArray *votes;         /* Vote */
  gint64 *commit_pw;     /* [cells] the PoC weight committed (every node of the cell), or NOT_RUNNING;
                          * later events do not change it */
  guint8 *commit_own;    /* [cells] the host's one node for the model is among them */
  GArray *commit_nodes;  /* RunNode: the named nodes committed, as they committed */
  guint8 *failed_miss_rate; /* [addrs] E's settlement's failed miss-rate set */
} EpochEffects;

static void G_GNUC_PRINTF (4, 5)
log_event (PocsimReplayEpoch *ep, const PocsimEvent *e, const char *reason, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  PocsimEventLog row = { e->stage, g_strdup (e->where), g_strdup_vprintf (fmt, ap), reason };
  va_end (ap);
  g_array_append_val (ep->log, row);
}

static void
apply_tx (PocsimReplay *rp, PocsimReplayEpoch *ep, const PocsimEvent *e)
{
  PocsimTxChain chain = { is_participant, is_governance_model, rp };
  const char *reason = pocsim_tx_check (&e->tx, &chain);
  if (reason == NULL)
    pocsim_tx_apply (&e->tx, rp->records);
  else
    ep->rejected_txs++;
  g_autofree char *text = pocsim_tx_to_string (&e->tx);
  log_event (ep, e, reason, "%s --from %s", text, e->tx.from);
}

/* The named node ID of HOST (A) in model M, or NULL. */
static RunNode *
find_node (PocsimReplay *rp, guint32 m, guint32 a, const char *id)
{
  for (guint k = 0; k < rp->nodes->len; k++)
    {
      RunNode *node = &g_array_index (rp->nodes, RunNode, k);
      if (node->model == m && node->addr == a && strcmp (node->id, id) == 0)
        return node;
    }
  return NULL;
}

static gboolean
apply_run (PocsimReplay *rp, PocsimReplayEpoch *ep, const PocsimEvent *e, GError **error)
{
  guint32 m = model_of (rp, e->model), a = addr_of (rp, e->host);
  gsize k = pocsim_cell (rp->state, m, a);
  RunNode *node = e->node ? find_node (rp, m, a, e->node) : NULL;
  gint64 pw = e->weight;
  if (pw == POCSIM_WEIGHT_AS_LAST)
    {
      gint64 last = e->node ? (node ? node->weight : NOT_RUNNING)
                            : rp->run_pw[k] != NOT_RUNNING ? rp->run_pw[k] : rp->last_pw[k];
      if (last == NOT_RUNNING)
        return fail_at (e->where, error, "%s has no last PoC weight for %s%s%s: give \"weight\"", e->host, e->model,
                        e->node ? " on node " : "", e->node ? e->node : "");
      pw = last;
    }
  if (!is_participant (e->host, rp))
    return fail_at (e->where, error, "%s is not a participant (add a \"join\" event first)", e->host);
  if (e->node == NULL)
    rp->run_pw[k] = pw;
  else if (node != NULL)
    node->weight = pw, node->running = TRUE;
  else
    {
      RunNode fresh = { m, a, g_string_chunk_insert_const (rp->state->strings, e->node), pw, TRUE };
      g_array_append_val (rp->nodes, fresh);
    }
  if (e->node)
    log_event (ep, e, NULL, "run %s %s node %s weight %" G_GINT64_FORMAT, e->host, e->model, e->node, pw);
  else
    log_event (ep, e, NULL, "run %s %s weight %" G_GINT64_FORMAT, e->host, e->model, pw);
  return TRUE;
}

/* stop: the host's one node for the model and every named node of it, or
 * the one named node (MODEL = POCSIM_NO_MODEL: every model). */
static void
stop_nodes (PocsimReplay *rp, guint32 m, guint32 a, const char *id)
{
  if (id == NULL)
    for (guint j = 0; j < rp->state->n_models; j++)
      if (m == POCSIM_NO_MODEL || j == m)
        rp->run_pw[pocsim_cell (rp->state, j, a)] = NOT_RUNNING;
  for (guint k = 0; k < rp->nodes->len; k++)
    {
      RunNode *node = &g_array_index (rp->nodes, RunNode, k);
      if (node->addr == a && (m == POCSIM_NO_MODEL || node->model == m) && (id == NULL || strcmp (node->id, id) == 0))
        node->running = FALSE;
    }
}

static void
add_vote (PocsimReplay *rp, EpochEffects *fx, const PocsimEvent *e)
{
  Vote v = { addr_of (rp, e->host), e->target ? addr_of (rp, e->target) : POCSIM_NO_ADDR,
             e->model ? model_of (rp, e->model) : POCSIM_NO_MODEL, e->verdict == POCSIM_VOTE_OFFLINE ? 0 : -1 };
  g_array_append_val (fx->votes, v);
}

static gboolean
apply_governance (PocsimReplay *rp, PocsimReplayEpoch *ep, const PocsimEvent *e, GError **error)
{
  gboolean ok = TRUE;
  switch (e->kind)
    {
    case POCSIM_EVENT_PARAMS:
      ok = pocsim_params_edit_apply (rp->state, &e->params, error);
      log_event (ep, e, NULL, "%s", e->text);
      break;
    case POCSIM_EVENT_SET_MODEL:
      ok = pocsim_model_entry_apply (rp->state, &e->entry, error);
      log_event (ep, e, NULL, "%s", e->text);
      break;
    default:
      pocsim_model_remove (rp->state, model_of (rp, e->model));
      log_event (ep, e, NULL, "remove_model %s", e->model);
      break;
    }
  return ok;
}

static gboolean
apply_event (PocsimReplay *rp, PocsimReplayEpoch *ep, EpochEffects *fx, const PocsimEvent *e, GError **error)
{
  switch (e->kind)
    {
    case POCSIM_EVENT_TX:
      apply_tx (rp, ep, e);
      return TRUE;
    case POCSIM_EVENT_RUN:
      return apply_run (rp, ep, e, error);
    case POCSIM_EVENT_STOP:
      stop_nodes (rp, model_of (rp, e->model), addr_of (rp, e->host), e->node);
      if (e->node)
        log_event (ep, e, NULL, "stop %s %s node %s", e->host, e->model, e->node);
      else
        log_event (ep, e, NULL, "stop %s %s", e->host, e->model);
      return TRUE;
    case POCSIM_EVENT_FAIL_DEPLOY:
      fx->failed_deploy[cell_of (rp, e->host, e->model)] = 1;
      log_event (ep, e, NULL, "fail_deploy %s %s", e->host, e->model);
      return TRUE;
    case POCSIM_EVENT_JOIN:
      rp->registered[addr_of (rp, e->host)] = TRUE;
      log_event (ep, e, NULL, "join %s", e->host);
      return TRUE;
    case POCSIM_EVENT_LEAVE:
      stop_nodes (rp, POCSIM_NO_MODEL, addr_of (rp, e->host), NULL);
      log_event (ep, e, NULL, "leave %s", e->host);
      return TRUE;
    case POCSIM_EVENT_FAIL_MISS_RATE:
      fx->failed_miss_rate[addr_of (rp, e->host)] = 1;
      log_event (ep, e, NULL, "fail_miss_rate %s", e->host);
      return TRUE;
    case POCSIM_EVENT_VOTE:
      add_vote (rp, fx, e);
      log_event (ep, e, NULL, "vote %s %s on %s %s", e->host, e->verdict == POCSIM_VOTE_INVALID ? "invalid" : "offline",
                 e->target ? e->target : "every host", e->model ? e->model : "every model");
      return TRUE;
    case POCSIM_EVENT_PARAMS:
    case POCSIM_EVENT_SET_MODEL:
    case POCSIM_EVENT_REMOVE_MODEL:
      return apply_governance (rp, ep, e, error);
    }
  return TRUE;
}

static gboolean
apply_stage (PocsimReplay *rp, PocsimReplayEpoch *ep, EpochEffects *fx, const PocsimScenarioEpoch *entry,
             PocsimStage stage, GError **error)
{
  if (entry == NULL)
    return TRUE;
  for (guint k = 0; k < entry->events->len; k++)
    {
      const PocsimEvent *e = entry->events->pdata[k];
      if (e->stage == stage && !apply_event (rp, ep, fx, e, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- the epoch's case ---- */

/* The Params as they are now reach what is still ahead in the epoch.  The
 * governance registry, unless the start named it, is poc_params.models (a
 * replay commits PoC only for those). */
static void
sync_params (PocsimCase *c, const PocsimCase *state)
{
  gboolean frozen = c->params.frozen_explicit;
  c->params = state->params;
  c->params.frozen_explicit = frozen;
  for (guint m = 0; m < c->n_models; m++)
    {
      PocsimModel *to = &c->models[m];
      const PocsimModel *from = &state->models[m];
      to->in_params = from->in_params;
      to->coeff = from->coeff;
      to->weight_scale_factor = from->weight_scale_factor;
      to->penalty_start_epoch = from->penalty_start_epoch;
      to->has_dynamic = from->has_dynamic;
      to->dynamic = from->dynamic;
      to->governance = from->in_params || (state->governance_explicit && from->governance);
    }
}

/* ---- v0.2.16: U's coefficient config, frozen at PoC start ---- */

/* The config C would freeze now. */
static void
take_freeze (Frozen *f, const PocsimCase *c)
{
  f->has_params = pocsim_coefficient_frozen_params (c, &f->params);
  for (guint m = 0; m < c->n_models; m++)
    {
      f->scales[m] = (PocsimCoeffScale) { 0 };
      pocsim_coefficient_frozen_scale (c, m, &f->scales[m]);
    }
}

static gboolean
freeze_equal (const Frozen *x, const Frozen *y, guint n_models)
{
  if (x->has_params != y->has_params || (x->has_params && !pocsim_dynamic_params_equal (&x->params, &y->params)))
    return FALSE;
  for (guint m = 0; m < n_models; m++)
    if (!pocsim_coeff_scale_equal (&x->scales[m], &y->scales[m]))
      return FALSE;
  return TRUE;
}

/* Governance changed the coefficient config after U's PoC start: the case
 * carries the config as it was then (frozen_coefficients); otherwise the
 * formation freezes poc_params itself and the case says nothing. */
static void
apply_freeze (const PocsimReplay *rp, PocsimCase *c)
{
  c->params.frozen_explicit = FALSE;
  g_autofree PocsimCoeffScale *scales = g_new0 (PocsimCoeffScale, c->n_models + 1);
  Frozen now = { FALSE, { 0 }, scales };
  take_freeze (&now, c);
  if (freeze_equal (&now, &rp->frozen, c->n_models))
    return;
  c->params.frozen_explicit = TRUE;
  c->params.frozen_has_dynamic_params = rp->frozen.has_params;
  c->params.frozen_dynamic = rp->frozen.params;
  for (guint m = 0; m < c->n_models; m++)
    c->models[m].frozen = rp->frozen.scales[m];
}

/* The bootstrap snapshot at P - dw; with dw <= 0 it is never captured and
 * the last one stays (§1.4), for the models still in PocParams. */
static void
take_bootstrap_snapshot (PocsimReplay *rp, PocsimCase *c)
{
  if (c->params.deploy_window > 0)
    {
      pocsim_records_bootstrap_snapshot (rp->records, c);
      keep_bootstrap_snapshot (rp, c);
      return;
    }
  if (!rp->has_last_boot)
    return;
  c->has_bootstrap_snapshot = TRUE;
  for (guint m = 0; m < c->n_models; m++)
    if (c->models[m].in_params)
      for (guint a = 0; a < c->n_addrs; a++)
        {
          gsize k = pocsim_cell (c, m, a);
          c->boot_delegate[k] = rp->last_boot_delegate[k];
          if (rp->last_boot_intent[k])
            c->cell_flags[k] |= POCSIM_CELL_BOOT_INTENT;
        }
}

/* Whether the host behind cell K may commit: a registered participant,
 * the model in PocParams, its deployment not failed this epoch. */
static gboolean
may_commit (const PocsimReplay *rp, const EpochEffects *fx, guint m, guint a, gsize k)
{
  return rp->state->models[m].in_params && rp->registered[a] && !fx->failed_deploy[k];
}

/* Every running, registered host commits for each PocParams model it runs,
 * unless its deployment failed this epoch: the weight of its one node for
 * the model and of its named nodes in it. */
static gboolean
take_commits (const PocsimReplay *rp, EpochEffects *fx, PocsimCase *c, GError **error)
{
  for (guint m = 0; m < c->n_models; m++)
    for (guint a = 0; a < c->n_addrs; a++)
      {
        gsize k = pocsim_cell (c, m, a);
        fx->commit_pw[k] = NOT_RUNNING;
        fx->commit_own[k] = rp->run_pw[k] != NOT_RUNNING && may_commit (rp, fx, m, a, k);
        if (fx->commit_own[k])
          fx->commit_pw[k] = rp->run_pw[k];
      }
  g_array_set_size (fx->commit_nodes, 0);
  for (guint j = 0; j < rp->nodes->len; j++)
    {
      const RunNode *node = &g_array_index (rp->nodes, RunNode, j);
      gsize k = pocsim_cell (c, node->model, node->addr);
      if (!node->running || !may_commit (rp, fx, node->model, node->addr, k))
        continue;
      g_array_append_val (fx->commit_nodes, *node);
      gint64 before = fx->commit_pw[k] == NOT_RUNNING ? 0 : fx->commit_pw[k];
      if (!pocsim_add_i64 (before, node->weight, &fx->commit_pw[k]))
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW, "PoC weight: int64 overflow in a sum");
          return FALSE;
        }
    }
  for (guint m = 0; m < c->n_models; m++)
    for (guint a = 0; a < c->n_addrs; a++)
      if (fx->commit_pw[pocsim_cell (c, m, a)] != NOT_RUNNING)
        {
          c->cell_flags[pocsim_cell (c, m, a)] |= POCSIM_CELL_COMMIT;
          c->addr_flags[a] |= POCSIM_ADDR_COMMITTED;
        }
  return TRUE;
}

/* ---- PoC acceptance (§5) ---- */

static gboolean
vote_applies (const Vote *v, guint32 host, guint32 model)
{
  return (v->target == POCSIM_NO_ADDR || v->target == host) && (v->model == POCSIM_NO_MODEL || v->model == model);
}

/* The votes on (host, model): every key of the model's validation power
 * with VP > 0 votes valid (zero-power votes change no sum and draw no
 * slot), and so does every guardian (they vote on every PoC; only the
 * tiebreak reads a vote without power), except where the scenario says a
 * validator is offline or votes invalid (the last such event wins). */
static PocsimVote *
build_votes (const PocsimReplay *rp, const PocsimCase *c, const PocsimValidationPower *power, const EpochEffects *fx,
             guint32 host, guint32 model, guint *n_out)
{
  PocsimVote *votes = g_new (PocsimVote, c->n_addrs + 1);
  guint n = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if ((!power->is_key[a] || power->vp[a] <= 0) && !rp->guardian[a])
        continue;
      gint64 weight = 1;
      for (guint k = 0; k < fx->votes->len; k++)
        {
          const Vote *v = &g_array_index (fx->votes, Vote, k);
          if (v->validator == a && vote_applies (v, host, model))
            weight = v->weight;
        }
      if (weight != 0)
        votes[n++] = (PocsimVote) { a, weight };
    }
  *n_out = n;
  return votes;
}

static gboolean
targeted_by_votes (const EpochEffects *fx, guint32 host, guint32 model)
{
  for (guint k = 0; k < fx->votes->len; k++)
    {
      const Vote *v = &g_array_index (fx->votes, Vote, k);
      if (v->target != POCSIM_NO_ADDR && vote_applies (v, host, model))
        return TRUE;
    }
  return FALSE;
}

/* The model's frozen validation voting power: VP_E where the model has it,
 * else the bootstrap power of its committers from the validation base state
 * BASE (W_E; from v0.2.16 the trust weights); NULL when nobody may
 * validate. */
static PocsimValidationPower *
validation_power (const PocsimCase *c, guint m, const gint64 *base, gint64 total, GError **error)
{
  if (total <= 0)
    return NULL;
  if (!pocsim_is_bootstrap_candidate (c, m))
    {
      PocsimValidationPower *p = g_new0 (PocsimValidationPower, 1);
      p->n_addrs = c->n_addrs;
      p->vp = g_new0 (gint64, c->n_addrs + 1);
      p->is_key = g_new0 (gboolean, c->n_addrs + 1);
      for (guint a = 0; a < c->n_addrs; a++)
        if (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_PREV_VP)
          {
            p->is_key[a] = TRUE;
            p->vp[a] = c->prev_vp[pocsim_cell (c, m, a)];
          }
      return p;
    }
  g_autofree gboolean *committed = g_new0 (gboolean, c->n_addrs + 1);
  g_autofree guint32 *boot = g_new (guint32, c->n_addrs + 1);
  for (guint a = 0; a < c->n_addrs; a++)
    {
      committed[a] = (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_COMMIT) != 0;
      boot[a] = pocsim_boot_delegate (c, m, a);
    }
  return pocsim_validation_power_bootstrap (c->n_addrs, base, committed, boot, error);
}

static const char *
verdict_reason (PocsimPocVerdict verdict, PocsimVerdictReason reason)
{
  if (verdict == POCSIM_POC_ACCEPTED)
    return NULL;
  switch (reason)
    {
    case POCSIM_VERDICT_BY_INVALID_MAJORITY: return "invalid votes above the threshold";
    case POCSIM_VERDICT_BY_GUARDIAN_TIEBREAK: return "no valid majority, and no guardian tiebreak accepted it";
    case POCSIM_VERDICT_NO_VOTES: return "no validation voting power for the model";
    default: return "no valid majority";
    }
}

static gboolean
accept_model (const PocsimReplay *rp, PocsimReplayEpoch *ep, guint m, const gint64 *base, gint64 total,
              const EpochEffects *fx, GError **error)
{
  PocsimCase *c = ep->c;
  g_autoptr (PocsimValidationPower) power = validation_power (c, m, base, total, error);
  if (power == NULL && error && *error)
    return FALSE;
  const char *model = c->models[m].id;
  PocsimAcceptanceInput in = { rp->rules, total, c->params.validation_slots, c->params.validation_vote_threshold_bps,
                               rp->has_guardians, rp->guardian, "", (const char *const *) c->addrs, NULL, model };
  /* Slot mode draws from the block's app hash, which a replay does not
   * have: a fixed stand-in per epoch keeps the draw deterministic. */
  g_autofree char *seed = g_strdup_printf ("pocsim-replay:%" G_GINT64_FORMAT, ep->epoch);
  g_autofree char *app_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  in.app_hash_hex = app_hash;
  /* Honest votes do not depend on the PoC's owner in weighted mode: one
   * verdict serves every commit the scenario does not single out. */
  gboolean have_common = FALSE;
  PocsimPocVerdict common = POCSIM_POC_REJECTED;
  PocsimVerdictReason common_reason = POCSIM_VERDICT_NO_VOTES;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      gsize cell = pocsim_cell (c, m, a);
      if (!(c->cell_flags[cell] & POCSIM_CELL_COMMIT))
        continue;
      gint64 pw = fx->commit_pw[cell];
      PocsimPocVerdict verdict = POCSIM_POC_REJECTED;
      PocsimVerdictReason reason = POCSIM_VERDICT_NO_VOTES;
      in.participant = c->addrs[a];
      if (power != NULL && pw >= 1)
        {
          gboolean shared = in.validation_slots == 0 && !targeted_by_votes (fx, a, m);
          if (shared && have_common)
            verdict = common, reason = common_reason;
          else
            {
              guint n;
              g_autofree PocsimVote *votes = build_votes (rp, c, power, fx, a, m, &n);
              verdict = pocsim_poc_acceptance (&in, power, votes, n, &reason);
              if (shared)
                have_common = TRUE, common = verdict, common_reason = reason;
            }
        }
      if (verdict == POCSIM_POC_ACCEPTED)
        {
          c->cell_flags[cell] |= POCSIM_CELL_MEMBER;
          c->pw[cell] = pw;
          c->addr_flags[a] |= POCSIM_ADDR_ACTIVE;
        }
      else
        {
          PocsimPocRejection row = { a, m, pw < 1 ? "claimed weight below 1" : verdict_reason (verdict, reason) };
          g_array_append_val (ep->poc_rejected, row);
        }
    }
  return TRUE;
}

/* The sums the case reader refuses for a case's "poc" (int64 overflow). */
static gboolean
poc_sums_fit (const PocsimCase *c)
{
  g_autofree gint64 *per_addr = g_new0 (gint64, c->n_addrs + 1);
  for (guint m = 0; m < c->n_models; m++)
    {
      gint64 group = 0;
      for (guint a = 0; a < c->n_addrs; a++)
        {
          gsize k = pocsim_cell (c, m, a);
          if ((c->cell_flags[k] & POCSIM_CELL_MEMBER)
              && (!pocsim_add_i64 (group, c->pw[k], &group) || !pocsim_add_i64 (per_addr[a], c->pw[k], &per_addr[a])))
            return FALSE;
        }
    }
  return TRUE;
}

/* The accepted commits' nodes, as the case's poc_nodes (freshly
 * validated); a cell whose host's own node committed holds a poc entry
 * too. */
static void
write_accepted_nodes (PocsimCase *c, const EpochEffects *fx)
{
  gsize cells = n_cells (c);
  for (gsize k = 0; k < cells; k++)
    if ((c->cell_flags[k] & POCSIM_CELL_MEMBER) && fx->commit_own[k])
      c->cell_flags[k] |= POCSIM_CELL_POC_ENTRY;
  guint n = fx->commit_nodes->len;
  if (n == 0)
    return;
  g_autofree PocsimPocNode *nodes = g_new (PocsimPocNode, n);
  g_autofree guint32 *owners = g_new (guint32, n);
  guint kept = 0;
  for (guint j = 0; j < n; j++)
    {
      const RunNode *node = &g_array_index (fx->commit_nodes, RunNode, j);
      if (!(c->cell_flags[pocsim_cell (c, node->model, node->addr)] & POCSIM_CELL_MEMBER))
        continue;
      nodes[kept] = (PocsimPocNode) { node->model, node->id, node->weight, FALSE };
      owners[kept++] = node->addr;
    }
  pocsim_case_set_nodes (c, nodes, owners, kept);
}

/* Decides every commit of the epoch's case and writes the accepted PoC
 * into it. */
static gboolean
decide_acceptance (const PocsimReplay *rp, PocsimReplayEpoch *ep, const EpochEffects *fx, GError **error)
{
  /* The acceptance total is the validation base state's (T_E, from
   * v0.2.16 the trust weights of E). */
  g_autofree gint64 *base = g_new0 (gint64, ep->c->n_addrs + 1);
  gint64 total;
  if (!pocsim_base_state_weights (ep->c, base, &total, error))
    return FALSE;
  for (guint m = 0; m < ep->c->n_models; m++)
    if (!accept_model (rp, ep, m, base, total, fx, error))
      return FALSE;
  write_accepted_nodes (ep->c, fx);
  if (!poc_sums_fit (ep->c))
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW, "PoC weight: int64 overflow in a sum");
      return FALSE;
    }
  return TRUE;
}

/* ---- after the formation ---- */

/* The coefficient U's scale of model m confirms with, or FALSE when its
 * scale does not confirm (or U persists none). */
static gboolean
confirming_coefficient (const PocsimEpochResult *r, guint m, PocsimDec *coeff)
{
  const PocsimModelCoefficient *mc = &r->coefficients[m];
  if (!mc->has_scale || mc->scale.exclude_from_confirmation)
    return FALSE;
  *coeff = mc->scale.effective_coefficient.set ? mc->scale.effective_coefficient.value
           : mc->scale.weight_scale_factor.set ? mc->scale.weight_scale_factor.value
                                               : pocsim_dec_one ();
  return TRUE;
}

/* E's state beyond weights and voting powers (v0.2.16, §3 F17): AP(U)'s
 * trust weights (CapWeightApplied), the confirmation weight each member
 * was stored with (Q2: over its seated models whose U scale confirms,
 * trunc(coefficient · seated PoC weight); a confirmation PoC could only
 * lower it), U's coefficient scales.  Model by model: the cells of one
 * model are contiguous. */
static void
carry_trust (PocsimCase *next, const PocsimCase *c, const PocsimEpochResult *r)
{
  next->has_previous_cap_weights = TRUE;
  next->previous_cap_weight_applied = TRUE;
  g_autofree gboolean *overflow = g_new0 (gboolean, next->n_addrs + 1);
  for (guint m = 0; m < next->n_models; m++)
    {
      PocsimDec coeff;
      next->models[m].previous = r->coefficients[m].has_scale ? r->coefficients[m].scale : (PocsimCoeffScale) { 0 };
      next->models[m].previous.present = r->coefficients[m].has_scale;
      if (!confirming_coefficient (r, m, &coeff))
        continue;
      const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
      const gint64 *pw = c->pw + pocsim_cell (c, m, 0);
      for (guint a = 0; a < next->n_addrs; a++)
        {
          gint64 part;
          if ((flags[a] & POCSIM_CELL_MEMBER) && (next->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS)
              && (!pocsim_dec_mul_int64_trunc (coeff, pw[a], &part)
                  || !pocsim_add_i64 (next->prev_confirmation_weight[a], part, &next->prev_confirmation_weight[a])))
            overflow[a] = TRUE;
        }
    }
  for (guint a = 0; a < next->n_addrs; a++)
    {
      if (!(next->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS))
        continue;
      next->prev_cap_weight[a] = r->cap_weight[a];
      /* Beyond int64 the next formation reports the overflow itself. */
      if (overflow[a])
        next->prev_confirmation_weight[a] = 0;
      else
        next->addr_flags[a] |= POCSIM_ADDR_HAS_CONFIRMATION;
    }
}

/* E's subgroups: each seated member's raw PoC weight (live or not: the
 * chain's subgroup has no live filter), with the id of its node when it is
 * not the model's default. */
static void
carry_subgroups (PocsimCase *next, const PocsimCase *c, const PocsimEpochResult *r)
{
  gsize cells = n_cells (next);
  gboolean ids = r->seated_node_id != NULL;
  if (!ids)
    g_clear_pointer (&next->prev_node_id, g_free);
  else if (next->prev_node_id == NULL)
    next->prev_node_id = g_new0 (const char *, cells + 1);
  for (gsize k = 0; k < cells; k++)
    {
      if (ids)
        next->prev_node_id[k] = NULL;
      if (!(c->cell_flags[k] & POCSIM_CELL_MEMBER) || c->pw[k] <= 0
          || !(c->addr_flags[k % c->n_addrs] & POCSIM_ADDR_ACTIVE))
        continue;
      next->prev_pw[k] = c->pw[k];
      next->cell_flags[k] |= POCSIM_CELL_PREV_NODE;
      if (ids && r->seated_node_id[k] != NULL)
        next->prev_node_id[k] = g_string_chunk_insert_const (next->strings, r->seated_node_id[k]);
    }
}

void
pocsim_replay_carry (PocsimCase *next, const PocsimCase *c, const PocsimEpochResult *r)
{
  g_assert (next->n_addrs == c->n_addrs && next->n_models == c->n_models);
  gsize cells = n_cells (next);
  memset (next->prev_weight, 0, next->n_addrs * sizeof (gint64));
  memset (next->prev_vp, 0, cells * sizeof (gint64));
  memset (next->prev_pw, 0, cells * sizeof (gint64));
  memset (next->prev_cap_weight, 0, next->n_addrs * sizeof (gint64));
  memset (next->prev_confirmation_weight, 0, next->n_addrs * sizeof (gint64));
  next->has_previous_cap_weights = next->previous_cap_weight_applied = FALSE;
  for (guint m = 0; m < next->n_models; m++)
    next->models[m].previous = (PocsimCoeffScale) { 0 };
  for (gsize k = 0; k < cells; k++)
    next->cell_flags[k] &= (guint8) ~(POCSIM_CELL_PREV_VP | POCSIM_CELL_PREV_NODE);
  for (guint a = 0; a < next->n_addrs; a++)
    {
      next->addr_flags[a] &= (guint8) ~(POCSIM_ADDR_IN_PREVIOUS | POCSIM_ADDR_HAS_CONFIRMATION
                                        | POCSIM_ADDR_FAILED_MISS_RATE | POCSIM_ADDR_EXCLUDED);
      if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE) || r->final[a] <= 0)
        continue;
      next->prev_weight[a] = r->final[a];
      next->addr_flags[a] |= POCSIM_ADDR_IN_PREVIOUS;
      for (guint m = 0; m < next->n_models; m++)
        {
          gsize k = pocsim_cell (next, m, a);
          if (r->voting_power[k] > 0)
            {
              next->prev_vp[k] = r->voting_power[k];
              next->cell_flags[k] |= POCSIM_CELL_PREV_VP;
            }
        }
    }
  carry_subgroups (next, c, r);
  if (r->rules->trust_weights)
    carry_trust (next, c, r);
}

PocsimCase *
pocsim_replay_start_after (const PocsimCase *c, const PocsimEpochResult *r)
{
  const PocsimCase *formed = r->source; /* the carried copy after an empty-epoch fallback */
  PocsimCase *next = pocsim_case_copy (c);
  pocsim_replay_carry (next, formed, r);
  gsize cells = n_cells (next);
  for (gsize k = 0; k < cells; k++)
    {
      /* Runs go on (poc, its nodes), delegations persist; the rest was this epoch's. */
      next->cell_flags[k] &= POCSIM_CELL_PREV_VP | POCSIM_CELL_PREV_NODE | POCSIM_CELL_MEMBER | POCSIM_CELL_POC_ENTRY;
      if (next->reg_delegate[k] != POCSIM_NO_ADDR)
        next->boot_delegate[k] = next->reg_delegate[k];
      if (!(next->cell_flags[k] & POCSIM_CELL_MEMBER))
        next->pw[k] = 0;
    }
  for (guint a = 0; a < next->n_addrs; a++)
    {
      next->addr_flags[a] &= STATE_ADDR_FLAGS;
      for (guint m = 0; m < next->n_models; m++)
        if (next->cell_flags[pocsim_cell (next, m, a)] & POCSIM_CELL_MEMBER)
          next->addr_flags[a] |= POCSIM_ADDR_ACTIVE;
    }
  next->upcoming_epoch = c->upcoming_epoch + 1;
  next->params.frozen_explicit = FALSE;
  return next;
}

static void
remember_formation (PocsimReplay *rp, const PocsimReplayEpoch *ep)
{
  pocsim_replay_carry (rp->state, ep->r->source, ep->r);
  /* "last": what the host's own node for the model had accepted */
  const PocsimCase *c = ep->c;
  for (guint m = 0; m < c->n_models; m++)
    for (guint a = 0; a < c->n_addrs; a++)
      {
        gint64 entry;
        if ((c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_MEMBER) && pocsim_case_poc_entry (c, m, a, &entry))
          rp->last_pw[pocsim_cell (c, m, a)] = entry;
      }
  pocsim_records_wipe_refusals_and_intents (rp->records);
}

/* The formation; a formation at which the chain halts is the epoch's
 * result, with its error (the replay ends there). */
static gboolean
form (PocsimReplay *rp, PocsimReplayEpoch *ep, GError **error)
{
  if ((rp->rules->initial_model_any_id || pocsim_params_check_initial_model (ep->c, error))
      && (ep->r = pocsim_epoch_form_outcome (ep->c, error)) != NULL)
    return TRUE;
  g_prefix_error (error, "%s: epoch %" G_GINT64_FORMAT ": ", rp->s->name, ep->epoch);
  return FALSE;
}

/* The epoch's case up to the regular snapshot: a copy of the state, or
 * the start case in the first epoch of a scenario that starts from one. */
static PocsimCase *
epoch_case (PocsimReplay *rp, gint64 epoch)
{
  PocsimCase *c = rp->first_case ? g_steal_pointer (&rp->first_case) : pocsim_case_copy (rp->state);
  c->upcoming_epoch = epoch;
  c->rules = rp->rules;
  return c;
}

/* The epoch's effects table, sized for the replay's cells. */
static void
effects_init (EpochEffects *fx, const PocsimCase *state)
{
  gsize cells = n_cells (state);
  fx->failed_deploy = g_new0 (guint8, cells + 1);
  fx->votes = g_array_new (FALSE, FALSE, sizeof (Vote));
  fx->commit_pw = g_new (gint64, cells + 1);
  fx->commit_own = g_new0 (guint8, cells + 1);
  fx->commit_nodes = g_array_new (FALSE, FALSE, sizeof (RunNode));
  fx->failed_miss_rate = g_new0 (guint8, state->n_addrs + 1);
}

static void
effects_clear (EpochEffects *fx)
{
  g_free (fx->failed_deploy);
  g_array_unref (fx->votes);
  g_free (fx->commit_pw);
  g_free (fx->commit_own);
  g_array_unref (fx->commit_nodes);
  g_free (fx->failed_miss_rate);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EpochEffects, effects_clear)

/* E's settlement of the epoch: the failed miss-rate set the events (and,
 * in the first epoch, the start) name, added to what the case holds. */
static void
apply_settlement (PocsimReplay *rp, PocsimCase *c, const EpochEffects *fx)
{
  for (guint a = 0; a < c->n_addrs; a++)
    if (fx->failed_miss_rate[a] || (rp->first_failed && rp->first_failed[a]))
      c->addr_flags[a] |= POCSIM_ADDR_FAILED_MISS_RATE;
  g_clear_pointer (&rp->first_failed, g_free);
}

/* The epoch's PoC stage and validation (derived epochs): commits, the
 * regular snapshot, acceptance. */
static gboolean
validate (PocsimReplay *rp, PocsimReplayEpoch *ep, EpochEffects *fx, const PocsimScenarioEpoch *entry,
          gboolean derived, GError **error)
{
  if (derived && !take_commits (rp, fx, ep->c, error))
    return FALSE;
  if (!apply_stage (rp, ep, fx, entry, POCSIM_STAGE_BEFORE_VALIDATION, error))
    return FALSE;
  sync_params (ep->c, rp->state);
  if (!derived)
    return TRUE;
  pocsim_records_regular_snapshot (rp->records, ep->c);
  return decide_acceptance (rp, ep, fx, error);
}

PocsimReplayEpoch *
pocsim_replay_step (PocsimReplay *rp, GError **error)
{
  if (rp->halted_at)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_HALT, "%s: the chain halted at epoch %" G_GINT64_FORMAT,
                   rp->s->name, rp->halted_at);
      return NULL;
    }
  const PocsimScenarioEpoch *entry = pocsim_scenario_epoch (rp->s, rp->next_epoch);
  g_autoptr (PocsimReplayEpoch) ep = pocsim_replay_epoch_new (rp->next_epoch);
  g_auto (EpochEffects) fx;
  effects_init (&fx, rp->state);
  /* A start case is U's snapshots, commits and accepted PoC as they are. */
  gboolean derived = rp->first_case == NULL;

  if (!apply_stage (rp, ep, &fx, entry, POCSIM_STAGE_BEFORE_SNAPSHOT, error))
    return NULL;
  ep->c = epoch_case (rp, ep->epoch);
  if (derived)
    take_bootstrap_snapshot (rp, ep->c);
  if (!apply_stage (rp, ep, &fx, entry, POCSIM_STAGE_BEFORE_POC, error))
    return NULL;
  /* PoC start: U's coefficient config is frozen (a start case has its own). */
  take_freeze (&rp->frozen, derived ? rp->state : ep->c);
  if (!validate (rp, ep, &fx, entry, derived, error))
    {
      g_prefix_error (error, "%s: epoch %" G_GINT64_FORMAT ": ", rp->s->name, ep->epoch);
      return NULL;
    }
  if (!apply_stage (rp, ep, &fx, entry, POCSIM_STAGE_AFTER_VALIDATION, error))
    return NULL;
  /* Governance changes after validation start still reach the formation. */
  sync_params (ep->c, rp->state);
  if (rp->rules->dynamic_coefficients)
    apply_freeze (rp, ep->c);
  apply_settlement (rp, ep->c, &fx);
  if (!form (rp, ep, error))
    return NULL;
  if (ep->r->halt_error != NULL)
    {
      rp->halted_at = ep->epoch;
      return g_steal_pointer (&ep);
    }
  if (entry != NULL)
    for (guint k = 0; k < entry->expectations->len; k++, ep->checked++)
      pocsim_expectation_check (entry->expectations->pdata[k], ep, ep->failures);
  remember_formation (rp, ep);
  if (!apply_stage (rp, ep, &fx, entry, POCSIM_STAGE_AFTER_FORMATION, error))
    return NULL;
  rp->next_epoch++;
  return g_steal_pointer (&ep);
}
