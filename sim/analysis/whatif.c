/* whatif.c - options written into a case, delegate candidates. */
#include "analysis/whatif.h"

#include <string.h>

#include "core/decimal.h"
#include "core/snapshots.h"
#include "replay/replay.h"
#include "replay/tx_handler.h"
#include "rules/epoch.h"

/* The record of (m, a) in both snapshots, as one stored record reads:
 * kind DELEGATION with target, REFUSAL, INTENT, or none (-1). */
static void
set_record (PocsimCase *c, guint m, guint32 a, int kind, guint32 target)
{
  gsize k = pocsim_cell (c, m, a);
  /* The regular snapshot is captured at every validation start. */
  c->has_delegation_snapshot = TRUE;
  c->reg_delegate[k] = c->boot_delegate[k] = POCSIM_NO_ADDR;
  c->cell_flags[k] &= (guint8) ~(POCSIM_CELL_REFUSAL | POCSIM_CELL_BOOT_INTENT);
  switch (kind)
    {
    case POCSIM_RECORD_DELEGATION:
      c->reg_delegate[k] = target;
      c->boot_delegate[k] = target;
      break;
    case POCSIM_RECORD_REFUSAL:
      c->cell_flags[k] |= POCSIM_CELL_REFUSAL;
      break;
    case POCSIM_RECORD_INTENT:
      c->cell_flags[k] |= POCSIM_CELL_BOOT_INTENT;
      break;
    default:
      break;
    }
}

/* A host that takes a record option does not run the model. */
static void
clear_poc (PocsimCase *c, guint m, guint32 a)
{
  gsize k = pocsim_cell (c, m, a);
  c->cell_flags[k] &= (guint8) ~(POCSIM_CELL_MEMBER | POCSIM_CELL_COMMIT);
  c->pw[k] = 0;
  gboolean committed = FALSE;
  for (guint n = 0; n < c->n_models; n++)
    committed |= (c->cell_flags[pocsim_cell (c, n, a)] & POCSIM_CELL_COMMIT) != 0;
  if (!committed)
    c->addr_flags[a] &= (guint8) ~POCSIM_ADDR_COMMITTED;
  /* AP(U) membership stays: the host keeps its PoC in the other models. */
}

PocsimCase *
pocsim_option_apply (const PocsimCase *c, guint32 a, const PocsimOption *o)
{
  PocsimCase *copy = pocsim_case_copy (c);
  pocsim_option_write (copy, a, o);
  return copy;
}

void
pocsim_option_write (PocsimCase *copy, guint32 a, const PocsimOption *o)
{
  guint m = o->model;
  gsize k = pocsim_cell (copy, m, a);
  /* The snapshots only exist if the case has them; an option cannot
   * create a capture the chain did not take. */
  switch (o->kind)
    {
    case POCSIM_OPTION_KEEP:
      break;
    case POCSIM_OPTION_RUN:
      copy->cell_flags[k] |= POCSIM_CELL_MEMBER | POCSIM_CELL_COMMIT;
      copy->pw[k] = o->poc_weight;
      copy->addr_flags[a] |= POCSIM_ADDR_ACTIVE | POCSIM_ADDR_COMMITTED;
      break;
    case POCSIM_OPTION_DELEGATE:
      clear_poc (copy, m, a);
      set_record (copy, m, a, POCSIM_RECORD_DELEGATION, o->target);
      break;
    case POCSIM_OPTION_REFUSE:
      clear_poc (copy, m, a);
      set_record (copy, m, a, POCSIM_RECORD_REFUSAL, POCSIM_NO_ADDR);
      break;
    case POCSIM_OPTION_INTENT:
      clear_poc (copy, m, a);
      set_record (copy, m, a, POCSIM_RECORD_INTENT, POCSIM_NO_ADDR);
      break;
    case POCSIM_OPTION_NOTHING:
      clear_poc (copy, m, a);
      set_record (copy, m, a, -1, POCSIM_NO_ADDR);
      break;
    }
}

/* The chain's registry, as a case knows it: its addresses stand for the
 * registered participants, its PocParams models for the governance models. */
static gboolean
case_has_addr (const char *name, gpointer data)
{
  return pocsim_case_find_addr (data, name) != POCSIM_NO_ADDR;
}

static gboolean
case_has_model (const char *name, gpointer data)
{
  const PocsimCase *c = data;
  guint32 m = pocsim_case_find_model (c, name);
  return m != POCSIM_NO_MODEL && c->models[m].in_params;
}

gboolean
pocsim_tx_overlay (PocsimCase *c, const PocsimTx *tx, const char **reason)
{
  PocsimTxChain chain = { case_has_addr, case_has_model, c };
  if ((*reason = pocsim_tx_check (tx, &chain)) != NULL)
    return FALSE;
  guint32 from = pocsim_case_find_addr (c, tx->from), m = pocsim_case_find_model (c, tx->model);
  guint32 target = tx->target && *tx->target ? pocsim_case_find_addr (c, tx->target) : POCSIM_NO_ADDR;
  int kind = tx->kind == POCSIM_RECORD_DELEGATION && target == POCSIM_NO_ADDR ? -1 : (int) tx->kind;
  set_record (c, m, from, kind, target);
  return TRUE;
}

const char *
pocsim_delegate_problem (const PocsimCase *c, guint m, guint32 host, guint32 target)
{
  if (target == host)
    return "a host cannot delegate to itself (ErrSelfDelegation: the chain rejects the tx)";
  gsize k = pocsim_cell (c, m, target);
  gboolean member = (c->cell_flags[k] & POCSIM_CELL_MEMBER) && c->pw[k] > 0;
  if (pocsim_is_bootstrap_candidate (c, m))
    return (c->cell_flags[k] & POCSIM_CELL_COMMIT) ? NULL
           : "the target has no PoC commit for this bootstrap model: the delegation adds nothing to "
             "validation power (docs/rules.md, PoC acceptance) and the model cannot become eligible through it";
  if (!member)
    return "the target has no accepted PoC for the model this epoch: the delegation resolves to NONE "
           "and costs no_participation_penalty (docs/rules.md, step 4)";
  return NULL;
}

static gint
candidate_order (gconstpointer pa, gconstpointer pb)
{
  const PocsimDelegateCandidate *a = pa, *b = pb;
  if ((a->problem == NULL) != (b->problem == NULL))
    return a->problem == NULL ? -1 : 1;
  if (a->weight != b->weight)
    return a->weight > b->weight ? -1 : 1;
  return a->target < b->target ? -1 : a->target > b->target;
}

GArray *
pocsim_delegate_candidates (const PocsimCase *c, guint m, guint32 host)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (PocsimDelegateCandidate));
  gint64 total_vp = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    if (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_PREV_VP)
      total_vp += c->prev_vp[pocsim_cell (c, m, a)];
  for (guint a = 0; a < c->n_addrs; a++)
    {
      gsize k = pocsim_cell (c, m, a);
      guint8 f = c->cell_flags[k];
      if (a == host || !(f & (POCSIM_CELL_MEMBER | POCSIM_CELL_COMMIT | POCSIM_CELL_PREV_VP)))
        continue;
      PocsimDelegateCandidate cand = { 0 };
      cand.target = a;
      cand.member = (f & POCSIM_CELL_MEMBER) && c->pw[k] > 0;
      cand.weight = c->prev_weight[a];
      cand.vp = (f & POCSIM_CELL_PREV_VP) ? c->prev_vp[k] : 0;
      cand.ran_last_epoch = cand.vp > 0;
      if (total_vp > 0 && !pocsim_dec_quo_int (cand.vp, total_vp, &cand.vp_share))
        cand.vp_share = pocsim_dec_zero ();
      cand.problem = pocsim_delegate_problem (c, m, host, a);
      g_array_append_val (out, cand);
    }
  g_array_sort (out, candidate_order);
  return out;
}

/* ---- what an option does not do ---- */

/* Whether MODE is the one the option's name promises (keep and nothing
 * promise none). */
static gboolean
mode_as_named (const PocsimOption *o, const char *mode)
{
  switch (o->kind)
    {
    case POCSIM_OPTION_RUN: return strcmp (mode, "DIRECT") == 0;
    case POCSIM_OPTION_DELEGATE: return strcmp (mode, "DELEGATE") == 0;
    case POCSIM_OPTION_REFUSE: return strcmp (mode, "REFUSE") == 0;
    case POCSIM_OPTION_INTENT: return strcmp (mode, "INTENT_OK") == 0 || strcmp (mode, "INTENT_MISSED") == 0;
    default: return TRUE;
    }
}

/* The record an option writes is read from a snapshot that keeps the
 * host's records (rules.md section 2)? */
static const char *
record_not_kept (const PocsimCase *applied, guint32 a, const PocsimOption *o, gboolean bootstrap_path)
{
  gboolean writes_record = o->kind == POCSIM_OPTION_DELEGATE || o->kind == POCSIM_OPTION_REFUSE
                           || o->kind == POCSIM_OPTION_INTENT;
  if (!writes_record)
    return NULL;
  if (bootstrap_path && o->kind != POCSIM_OPTION_REFUSE && !pocsim_boot_snapshot_keeps (applied, a))
    return applied->has_bootstrap_snapshot
             ? "the bootstrap snapshot keeps the records of epoch E's live members only (previous.weights; "
               "rules.md section 2): this host is not one, so the record is not read and the host is NONE"
             : "the case has no bootstrap snapshot: the record is not read and the host is NONE";
  if (!bootstrap_path && !pocsim_reg_snapshot_keeps (applied, o->model, a))
    return "the regular snapshot keeps the records of epoch E's live members (previous.weights) and of hosts "
           "with a PoC commit this stage only (rules.md section 2): this host is neither, so the record is not "
           "read and the host is NONE";
  return NULL;
}

char *
pocsim_option_problem (const PocsimCase *c, guint32 a, const PocsimOption *o, const PocsimOptionOutcome *outcome)
{
  gboolean bootstrap_path = !outcome->eligible && pocsim_is_bootstrap_candidate (c, o->model);
  g_autoptr (PocsimCase) applied = pocsim_option_apply (c, a, o);
  const char *why = record_not_kept (applied, a, o, bootstrap_path);
  if (why == NULL && o->kind == POCSIM_OPTION_REFUSE && bootstrap_path)
    why = "a refusal is not read for a bootstrap candidate that is not eligible this epoch: the host is NONE "
          "there and pays no_participation_penalty (rules.md section 4.5); a delegation or an intent is read";
  if (why == NULL && o->kind == POCSIM_OPTION_DELEGATE)
    why = pocsim_delegate_problem (c, o->model, a, o->target);
  if (why == NULL && o->kind == POCSIM_OPTION_DELEGATE && outcome->eligible && outcome->target_vp == 0
      && strcmp (outcome->mode, "DELEGATE") == 0)
    why = "the target ends with no voting power in the model: the delegated validation power counts for nothing";
  if (why != NULL)
    return g_strdup (why);
  if (outcome->halted_at)
    return g_strdup_printf ("the chain halts at epoch %" G_GINT64_FORMAT " of the forecast: %s", outcome->halted_at,
                            outcome->halt_error);
  if (!mode_as_named (o, outcome->mode))
    return g_strdup_printf ("the host's mode would be %s, not what the option is named for%s", outcome->mode,
                            strcmp (outcome->mode, "-") == 0 ? " (the model forms no eligible group and is no "
                                                                "bootstrap candidate)" : "");
  return NULL;
}

gint64
pocsim_estimated_poc_weight (const PocsimCase *c, guint32 a)
{
  gint64 best = 0;
  for (guint m = 0; m < c->n_models; m++)
    if (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_MEMBER)
      best = MAX (best, c->pw[pocsim_cell (c, m, a)]);
  return best;
}

/* ---- forecasts ---- */

/* The record the host re-sends every epoch to keep to the option, or -1. */
static int
resent_record (const PocsimCase *c, guint32 a, const PocsimOption *o)
{
  gsize k = pocsim_cell (c, o->model, a);
  switch (o->kind)
    {
    case POCSIM_OPTION_REFUSE: return POCSIM_RECORD_REFUSAL;
    case POCSIM_OPTION_INTENT: return POCSIM_RECORD_INTENT;
    case POCSIM_OPTION_KEEP:
      if (c->cell_flags[k] & POCSIM_CELL_REFUSAL)
        return POCSIM_RECORD_REFUSAL;
      return (c->cell_flags[k] & POCSIM_CELL_BOOT_INTENT) ? POCSIM_RECORD_INTENT : -1;
    default: return -1;
    }
}

static PocsimScenario *
forecast_scenario (const PocsimCase *c, const PocsimEpochResult *r, guint32 a, const PocsimOption *o, guint k,
                   const char *const *guardians)
{
  PocsimScenario *s = pocsim_scenario_new ("what-if", pocsim_replay_start_after (c, r), POCSIM_START_STATE,
                                           c->upcoming_epoch + 1, c->upcoming_epoch + k - 1);
  s->guardians = g_strdupv ((char **) guardians);
  int kind = resent_record (c, a, o);
  for (gint64 e = s->first_epoch; kind >= 0 && e <= s->last_epoch; e++)
    {
      PocsimScenarioEpoch *entry = pocsim_scenario_add_epoch (s, e);
      PocsimEvent *ev = g_new0 (PocsimEvent, 1);
      ev->kind = POCSIM_EVENT_TX;
      ev->stage = POCSIM_STAGE_BEFORE_SNAPSHOT;
      ev->where = g_strdup ("what-if");
      ev->tx = (PocsimTx) { kind, g_strdup (c->addrs[a]), g_strdup (c->models[o->model].id), NULL };
      g_ptr_array_add (entry->events, ev);
    }
  return s;
}

static const char *
model_mode (const PocsimEpochResult *r, guint m, guint32 a)
{
  gsize k = pocsim_cell (r->source, m, a);
  if (r->groups[m].eligible)
    return pocsim_mode_name (r->mode[k]);
  if (r->is_bootstrap_candidate[m])
    return pocsim_bootstrap_mode_name (r->bootstrap_mode[k]);
  return "-";
}

static void
forecast_epoch_clear (gpointer p)
{
  g_free (((PocsimForecastEpoch *) p)->coefficient);
}

/* The host (ADDR) and C's models in the formation R, as one forecast epoch. */
static void
add_path_epoch (PocsimOptionOutcome *out, const PocsimCase *c, const char *addr, const char *model,
                const PocsimEpochResult *r, gint64 epoch)
{
  const PocsimCase *f = r->source;
  guint32 a = pocsim_case_find_addr (f, addr), m = pocsim_case_find_model (f, model);
  gboolean active = a != POCSIM_NO_ADDR && (f->addr_flags[a] & POCSIM_ADDR_ACTIVE);
  PocsimForecastEpoch e = { epoch, 0, 0, 0, 0, g_new0 (PocsimDec, c->n_models + 1) };
  if (active)
    {
      e.final = r->final[a];
      e.cap_weight = r->cap_weight[a];
      e.voting_power = m == POCSIM_NO_MODEL ? 0 : MAX (r->voting_power[pocsim_cell (f, m, a)], 0);
      e.reward = f->params.has_reward ? r->reward[a] : 0;
    }
  for (guint j = 0; j < c->n_models; j++)
    {
      guint32 fm = pocsim_case_find_model (f, c->models[j].id);
      e.coefficient[j] = fm == POCSIM_NO_MODEL ? pocsim_dec_zero () : r->coefficients[fm].coeff;
    }
  g_array_append_val (out->path, e);
  out->final_k = e.final;
  out->cap_weight_k = e.cap_weight;
  out->voting_power_k = e.voting_power;
  out->reward_k += e.reward;
}

gboolean
pocsim_option_forecast (const PocsimCase *c, guint32 a, const PocsimOption *o, guint k,
                        PocsimOptionOutcome *out, GError **error)
{
  return pocsim_option_forecast_with (c, a, o, k, NULL, out, error);
}

gboolean
pocsim_option_forecast_with (const PocsimCase *c, guint32 a, const PocsimOption *o, guint k,
                             const char *const *guardians, PocsimOptionOutcome *out, GError **error)
{
  g_autoptr (PocsimCase) applied = pocsim_option_apply (c, a, o);
  g_autoptr (PocsimEpochResult) r = pocsim_epoch_form (applied, error);
  if (r == NULL)
    return FALSE;
  const char *model = c->models[o->model].id;
  *out = (PocsimOptionOutcome) { 0 };
  out->path = g_array_new (FALSE, FALSE, sizeof (PocsimForecastEpoch));
  g_array_set_clear_func (out->path, forecast_epoch_clear);
  out->mode = model_mode (r, o->model, a);
  out->eligible = r->groups[o->model].eligible;
  out->penalty = r->penalty[a];
  out->final = r->final[a];
  out->cap_weight = r->cap_weight[a];
  out->voting_power = MAX (r->voting_power[pocsim_cell (applied, o->model, a)], 0);
  out->reward_weight = r->reward_weight[a];
  out->reward = applied->params.has_reward ? r->reward[a] : 0;
  if (o->kind == POCSIM_OPTION_DELEGATE)
    out->target_vp = r->voting_power[pocsim_cell (applied, o->model, o->target)];
  add_path_epoch (out, c, c->addrs[a], model, r, applied->upcoming_epoch);
  if (k <= 1)
    return TRUE;
  g_autoptr (PocsimScenario) s = forecast_scenario (applied, r, a, o, k, guardians);
  g_autoptr (PocsimReplay) rp = pocsim_replay_new (s, applied->rules->name, error);
  if (rp == NULL)
    return FALSE;
  while (pocsim_replay_next_epoch (rp) <= s->last_epoch)
    {
      g_autoptr (PocsimReplayEpoch) ep = pocsim_replay_step (rp, error);
      if (ep == NULL)
        return FALSE;
      if (ep->r->halt_error != NULL)
        {
          out->halted_at = ep->epoch;
          out->halt_error = g_strdup (ep->r->halt_error);
          out->final_k = out->cap_weight_k = out->voting_power_k = 0;
          break;
        }
      add_path_epoch (out, c, c->addrs[a], model, ep->r, ep->epoch);
    }
  return TRUE;
}
