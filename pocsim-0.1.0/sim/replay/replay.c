/* replay.c - a scenario, epoch by epoch (see replay.h for the order). */
#include "replay/replay.h"

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/snapshots.h"
#include "io/case_json.h"
#include "io/case_write.h"
#include "io/json_doc.h"
#include "io/result_json.h"
#include "replay/expect.h"
#include "replay/tx_handler.h"
#include "rules/acceptance.h"
#include "rules/epoch.h"

typedef struct {
  json_t *doc;
  guint64 records_version, state_version;
} SnapshotCache;

static void
cache_clear (SnapshotCache *cache)
{
  if (cache->doc)
    json_decref (cache->doc);
  cache->doc = NULL;
}

struct PocsimReplay {
  const PocsimScenario *s;
  const PocsimRuleSet *rules;
  gint64 next_epoch;
  json_t *params;          /* the chain Params object (inner), patched by governance */
  json_t *prev_weights;    /* {addr: W_E} */
  json_t *prev_vps;        /* {model: {addr: VP_E}} */
  json_t *prev_poc;        /* {model: {addr: E's subgroup raw PoC weight}} */
  GTree *runs;             /* "addr\x1fmodel" -> gint64* raw PoC weight each epoch */
  GHashTable *last_pw;     /* "addr\x1fmodel" -> gint64* last accepted PoC weight */
  PocsimRecords *records;  /* live delegation records */
  GHashTable *registered;  /* registered participants (set) */
  json_t *collateral;      /* {addr: amount} or NULL */
  json_t *last_bootstrap;  /* reused when deploy_window <= 0 (no capture) */
  /* Long replays mostly repeat the last epoch: documents built from
   * unchanged state are reused (keyed by the versions they came from). */
  guint64 state_version;   /* bumped by every event that changes params, hosts or runs */
  SnapshotCache boot_cache, reg_cache, commits_cache;
};

/* ---- small helpers ---- */

static char *
run_key (const char *addr, const char *model)
{
  return g_strconcat (addr, "\x1f", model, NULL);
}

static int
strcmp_data (gconstpointer a, gconstpointer b, gpointer unused)
{
  (void) unused;
  return strcmp (a, b);
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

static json_t *
object_child (json_t *obj, const char *key)
{
  json_t *child = json_object_get (obj, key);
  if (!json_is_object (child))
    json_object_set_new (obj, key, child = json_object ());
  return child;
}

static json_t *
delegation_params (const PocsimReplay *rp)
{
  return json_object_get (rp->params, "delegation_params");
}

/* A Params integer (number or string); the case reader has checked it. */
static gint64
param_count (const json_t *v)
{
  gint64 n;
  return pocsim_json_int (v, &n) == POCSIM_JSON_INT_OK ? n : 0;
}

static gint64
deploy_window (const PocsimReplay *rp)
{
  return param_count (json_object_get (delegation_params (rp), "deploy_window"));
}

static json_t *
poc_models (const PocsimReplay *rp)
{
  json_t *models = json_object_get (object_child (rp->params, "poc_params"), "models");
  if (!json_is_array (models))
    json_object_set_new (json_object_get (rp->params, "poc_params"), "models", models = json_array ());
  return models;
}

static gboolean
in_poc_params (const PocsimReplay *rp, const char *model)
{
  json_t *models = poc_models (rp);
  for (gsize k = 0; k < json_array_size (models); k++)
    {
      const json_t *id = json_object_get (json_array_get (models, k), "model_id");
      if (json_is_string (id) && strcmp (json_string_value (id), model) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_participant (const char *name, gpointer data)
{
  const PocsimReplay *rp = data;
  return g_hash_table_contains (rp->registered, name);
}

static gboolean
is_governance_model (const char *name, gpointer data)
{
  const PocsimReplay *rp = data;
  const json_t *gm = rp->s->governance_models;
  for (gsize k = 0; k < json_array_size (gm); k++)
    if (strcmp (json_string_value (json_array_get (gm, k)), name) == 0)
      return TRUE;
  return in_poc_params (rp, name);
}

static void
register_host (PocsimReplay *rp, const char *addr)
{
  g_hash_table_add (rp->registered, g_strdup (addr));
}

/* ---- the starting state, read from the start case ---- */

static void
load_start_records (PocsimReplay *rp, const PocsimCase *c)
{
  for (guint m = 0; m < c->n_models; m++)
    for (guint a = 0; a < c->n_addrs; a++)
      {
        gsize cell = pocsim_cell (c, m, a);
        const char *model = c->models[m].id, *addr = c->addrs[a];
        if (c->reg_delegate[cell] != POCSIM_NO_ADDR)
          pocsim_records_set (rp->records, POCSIM_RECORD_DELEGATION, model, addr, c->addrs[c->reg_delegate[cell]]);
        else if (c->boot_delegate[cell] != POCSIM_NO_ADDR)
          pocsim_records_set (rp->records, POCSIM_RECORD_DELEGATION, model, addr, c->addrs[c->boot_delegate[cell]]);
        if (c->cell_flags[cell] & POCSIM_CELL_REFUSAL)
          pocsim_records_set (rp->records, POCSIM_RECORD_REFUSAL, model, addr, NULL);
        if (c->cell_flags[cell] & POCSIM_CELL_BOOT_INTENT)
          pocsim_records_set (rp->records, POCSIM_RECORD_INTENT, model, addr, NULL);
      }
}

static void
load_start_state (PocsimReplay *rp, const PocsimCase *c)
{
  rp->prev_weights = json_object ();
  rp->prev_vps = json_object ();
  rp->prev_poc = json_object ();
  for (guint a = 0; a < c->n_addrs; a++)
    {
      register_host (rp, c->addrs[a]);
      if (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS)
        json_object_set_new (rp->prev_weights, c->addrs[a], json_integer (c->prev_weight[a]));
      if (c->addr_flags[a] & POCSIM_ADDR_HAS_COLLATERAL)
        {
          if (rp->collateral == NULL)
            rp->collateral = json_object ();
          json_object_set_new (rp->collateral, c->addrs[a], json_integer (c->collateral[a]));
        }
    }
  for (guint m = 0; m < c->n_models; m++)
    for (guint a = 0; a < c->n_addrs; a++)
      {
        gsize cell = pocsim_cell (c, m, a);
        if (c->cell_flags[cell] & POCSIM_CELL_PREV_VP)
          json_object_set_new (object_child (rp->prev_vps, c->models[m].id), c->addrs[a],
                               json_integer (c->prev_vp[cell]));
        if (c->prev_pw[cell] > 0)
          json_object_set_new (object_child (rp->prev_poc, c->models[m].id), c->addrs[a],
                               json_integer (c->prev_pw[cell]));
        if (c->cell_flags[cell] & POCSIM_CELL_MEMBER)
          {
            gint64 *pw = g_new (gint64, 1);
            *pw = c->pw[cell];
            g_tree_insert (rp->runs, run_key (c->addrs[a], c->models[m].id), pw);
            g_hash_table_insert (rp->last_pw, run_key (c->addrs[a], c->models[m].id), g_memdup2 (pw, sizeof *pw));
          }
      }
  load_start_records (rp, c);
}

PocsimReplay *
pocsim_replay_new (const PocsimScenario *s, const char *rules_override, GError **error)
{
  const char *rules = rules_override ? rules_override : s->rules;
  g_autofree char *name = g_strdup_printf ("%s: start", s->name);
  g_autoptr (PocsimCase) c = pocsim_case_from_json_tree (s->start, NULL, 0, name, "", rules, error);
  if (c == NULL)
    return NULL;
  g_autoptr (PocsimReplay) rp = g_new0 (PocsimReplay, 1);
  rp->s = s;
  rp->rules = c->rules;
  rp->next_epoch = s->first_epoch;
  json_t *params = json_object_get (s->start, "params");
  if (json_is_object (json_object_get (params, "params")))
    params = json_object_get (params, "params");
  rp->params = json_is_object (params) ? json_deep_copy (params) : json_object ();
  rp->runs = g_tree_new_full (strcmp_data, NULL, g_free, g_free);
  rp->last_pw = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rp->records = pocsim_records_new ();
  rp->registered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  load_start_state (rp, c);
  return g_steal_pointer (&rp);
}

void
pocsim_replay_free (PocsimReplay *rp)
{
  if (rp == NULL)
    return;
  json_decref (rp->params);
  json_decref (rp->prev_weights);
  json_decref (rp->prev_vps);
  if (rp->prev_poc)
    json_decref (rp->prev_poc);
  if (rp->runs)
    g_tree_destroy (rp->runs);
  if (rp->last_pw)
    g_hash_table_destroy (rp->last_pw);
  pocsim_records_free (rp->records);
  if (rp->registered)
    g_hash_table_destroy (rp->registered);
  if (rp->collateral)
    json_decref (rp->collateral);
  if (rp->last_bootstrap)
    json_decref (rp->last_bootstrap);
  cache_clear (&rp->boot_cache);
  cache_clear (&rp->reg_cache);
  cache_clear (&rp->commits_cache);
  g_free (rp);
}

gint64
pocsim_replay_next_epoch (const PocsimReplay *rp)
{
  return rp->next_epoch;
}

const char *
pocsim_replay_rules (const PocsimReplay *rp)
{
  return rp->rules->name;
}

/* ---- events ---- */

/* Per-epoch event effects that are not replay state. */
typedef struct {
  GHashTable *failed_deploys; /* run keys */
  GPtrArray *votes;           /* const PocsimEvent* (VOTE) */
  GHashTable *commit_pw;      /* run key -> gint64*: the PoC weight committed; later events do not change it */
} EpochEffects;

static void
log_event (PocsimReplayEpoch *ep, const PocsimEvent *e, const char *what, const char *reason)
{
  json_t *row = json_pack ("{s:s, s:s, s:s, s:s}", "stage", pocsim_stage_name (e->stage), "where",
                           e->where, "event", what, "status", reason ? "rejected" : "applied");
  if (reason)
    json_object_set_new (row, "reason", json_string (reason));
  json_array_append_new (ep->log, row);
}

static void
apply_tx (PocsimReplay *rp, PocsimReplayEpoch *ep, const PocsimEvent *e)
{
  PocsimTxChain chain = { is_participant, is_governance_model, rp };
  const char *reason = pocsim_tx_check (&e->tx, &chain);
  g_autofree char *text = pocsim_tx_to_string (&e->tx);
  g_autofree char *what = g_strdup_printf ("%s --from %s", text, e->tx.from);
  if (reason == NULL)
    pocsim_tx_apply (&e->tx, rp->records);
  else
    ep->rejected_txs++;
  log_event (ep, e, what, reason);
}

static gboolean
apply_run (PocsimReplay *rp, PocsimReplayEpoch *ep, const PocsimEvent *e, GError **error)
{
  g_autofree char *key = run_key (e->host, e->model);
  gint64 pw = e->weight;
  if (pw == POCSIM_WEIGHT_AS_LAST)
    {
      const gint64 *last = g_hash_table_lookup (rp->last_pw, key);
      const gint64 *running = g_tree_lookup (rp->runs, key);
      if (running == NULL && last == NULL)
        return fail_at (e->where, error, "%s has no last PoC weight for %s: give \"weight\"", e->host, e->model);
      pw = running ? *running : *last;
    }
  if (!g_hash_table_contains (rp->registered, e->host))
    return fail_at (e->where, error, "%s is not a participant (add a \"join\" event first)", e->host);
  gint64 *value = g_new (gint64, 1);
  *value = pw;
  g_tree_replace (rp->runs, g_steal_pointer (&key), value);
  g_autofree char *what = g_strdup_printf ("run %s %s weight %" G_GINT64_FORMAT, e->host, e->model, pw);
  log_event (ep, e, what, NULL);
  return TRUE;
}

static gboolean
collect_host_runs (gpointer key, gpointer value, gpointer data)
{
  (void) value;
  gpointer *args = data;
  const char *prefix = args[0];
  if (g_str_has_prefix (key, prefix))
    g_ptr_array_add (args[1], key);
  return FALSE;
}

static void
stop_all_runs (PocsimReplay *rp, const char *host)
{
  g_autofree char *prefix = g_strconcat (host, "\x1f", NULL);
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  gpointer args[2] = { prefix, keys };
  g_tree_foreach (rp->runs, collect_host_runs, args);
  for (guint k = 0; k < keys->len; k++)
    g_tree_remove (rp->runs, keys->pdata[k]);
}

static gboolean
apply_params (PocsimReplay *rp, PocsimReplayEpoch *ep, const PocsimEvent *e)
{
  if (e->kind == POCSIM_EVENT_PARAMS)
    {
      /* A shallow-per-section merge: each section's keys replace the old ones. */
      const char *section;
      json_t *value;
      json_object_foreach (e->patch, section, value)
        if (json_is_object (value) && json_is_object (json_object_get (rp->params, section)))
          json_object_update (json_object_get (rp->params, section), value);
        else
          json_object_set (rp->params, section, value);
      g_autofree char *text = json_dumps (e->patch, JSON_COMPACT | JSON_SORT_KEYS);
      g_autofree char *what = g_strdup_printf ("params %s", text);
      log_event (ep, e, what, NULL);
      return TRUE;
    }
  json_t *models = poc_models (rp);
  gsize found = json_array_size (models);
  for (gsize k = 0; k < json_array_size (models); k++)
    {
      const json_t *id = json_object_get (json_array_get (models, k), "model_id");
      if (json_is_string (id) && strcmp (json_string_value (id), e->model) == 0)
        found = k;
    }
  g_autofree char *what = NULL;
  if (e->kind == POCSIM_EVENT_REMOVE_MODEL)
    {
      if (found < json_array_size (models))
        json_array_remove (models, found);
      what = g_strdup_printf ("remove_model %s", e->model);
    }
  else
    {
      if (found < json_array_size (models))
        json_object_update (json_array_get (models, found), e->patch);
      else
        json_array_append (models, e->patch);
      g_autofree char *text = json_dumps (e->patch, JSON_COMPACT | JSON_SORT_KEYS);
      what = g_strdup_printf ("set_model %s", text);
    }
  log_event (ep, e, what, NULL);
  return TRUE;
}

static gboolean
apply_event (PocsimReplay *rp, PocsimReplayEpoch *ep, EpochEffects *fx, const PocsimEvent *e,
             GError **error)
{
  g_autofree char *what = NULL;
  rp->state_version++;
  switch (e->kind)
    {
    case POCSIM_EVENT_TX:
      apply_tx (rp, ep, e);
      return TRUE;
    case POCSIM_EVENT_RUN:
      return apply_run (rp, ep, e, error);
    case POCSIM_EVENT_STOP:
      {
        g_autofree char *key = run_key (e->host, e->model);
        g_tree_remove (rp->runs, key);
        what = g_strdup_printf ("stop %s %s", e->host, e->model);
        break;
      }
    case POCSIM_EVENT_FAIL_DEPLOY:
      g_hash_table_add (fx->failed_deploys, run_key (e->host, e->model));
      what = g_strdup_printf ("fail_deploy %s %s", e->host, e->model);
      break;
    case POCSIM_EVENT_JOIN:
      register_host (rp, e->host);
      what = g_strdup_printf ("join %s", e->host);
      break;
    case POCSIM_EVENT_LEAVE:
      stop_all_runs (rp, e->host);
      what = g_strdup_printf ("leave %s", e->host);
      break;
    case POCSIM_EVENT_VOTE:
      g_ptr_array_add (fx->votes, (gpointer) e);
      what = g_strdup_printf ("vote %s %s on %s %s", e->host,
                              e->verdict == POCSIM_VOTE_INVALID ? "invalid" : "offline",
                              e->target ? e->target : "every host", e->model ? e->model : "every model");
      break;
    case POCSIM_EVENT_PARAMS:
    case POCSIM_EVENT_SET_MODEL:
    case POCSIM_EVENT_REMOVE_MODEL:
      return apply_params (rp, ep, e);
    }
  log_event (ep, e, what, NULL);
  return TRUE;
}

static gboolean
apply_stage (PocsimReplay *rp, PocsimReplayEpoch *ep, EpochEffects *fx,
             const PocsimScenarioEpoch *entry, PocsimStage stage, GError **error)
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

static gboolean
stage_changes_params (const PocsimScenarioEpoch *entry, PocsimStage stage)
{
  for (guint k = 0; entry != NULL && k < entry->events->len; k++)
    {
      const PocsimEvent *e = entry->events->pdata[k];
      if (e->stage == stage && (e->kind == POCSIM_EVENT_PARAMS || e->kind == POCSIM_EVENT_SET_MODEL
                                || e->kind == POCSIM_EVENT_REMOVE_MODEL))
        return TRUE;
    }
  return FALSE;
}

/* ---- the epoch's case document ---- */

/* Snapshot records of models in PocParams only: the chain's snapshots
 * never hold other models (§2), and a case names only known models. */
static json_t *
filter_records (const PocsimReplay *rp, json_t *snapshot)
{
  const char *key;
  json_t *list;
  json_object_foreach (snapshot, key, list)
    for (gsize k = json_array_size (list); k-- > 0;)
      if (!in_poc_params (rp, json_string_value (json_object_get (json_array_get (list, k), "model_id"))))
        json_array_remove (list, k);
  return snapshot;
}

/* The snapshot BUILD makes of the records, filtered to PocParams models;
 * reused while neither the records nor the params changed.  Returns a new
 * reference. */
static json_t *
cached_snapshot (PocsimReplay *rp, SnapshotCache *cache, json_t *(*build) (const PocsimRecords *))
{
  guint64 rv = pocsim_records_version (rp->records);
  if (cache->doc == NULL || cache->records_version != rv || cache->state_version != rp->state_version)
    {
      cache_clear (cache);
      cache->doc = filter_records (rp, build (rp->records));
      cache->records_version = rv;
      cache->state_version = rp->state_version;
    }
  return json_incref (cache->doc);
}

typedef struct {
  const PocsimReplay *rp;
  EpochEffects *fx;
  json_t *commits; /* NULL: the document is reused, only the weights are taken */
} CommitBuild;

static gboolean
add_commit (gpointer key, gpointer value, gpointer data)
{
  CommitBuild *b = data;
  const char *sep = strchr (key, '\x1f');
  g_autofree char *addr = g_strndup (key, sep - (const char *) key);
  const char *model = sep + 1;
  if (in_poc_params (b->rp, model) && g_hash_table_contains (b->rp->registered, addr)
      && !g_hash_table_contains (b->fx->failed_deploys, key))
    {
      if (b->commits)
        json_array_append_new (b->commits, json_pack ("{s:s, s:s}", "participant", addr, "model_id", model));
      g_hash_table_insert (b->fx->commit_pw, g_strdup (key), g_memdup2 (value, sizeof (gint64)));
    }
  return FALSE;
}

/* Every running host's commit (new reference); the same list as last epoch
 * when nothing changed and no deploy failed. */
static json_t *
epoch_commits (PocsimReplay *rp, EpochEffects *fx)
{
  SnapshotCache *cache = &rp->commits_cache;
  gboolean reusable = g_hash_table_size (fx->failed_deploys) == 0;
  /* The committed weights are taken every epoch; only the document (the
   * costly part) is reused. */
  gboolean reuse = reusable && cache->doc != NULL && cache->state_version == rp->state_version;
  CommitBuild cb = { rp, fx, reuse ? NULL : json_array () };
  g_tree_foreach (rp->runs, add_commit, &cb);
  if (reuse)
    return json_incref (cache->doc);
  cache_clear (cache);
  if (reusable)
    {
      cache->doc = json_incref (cb.commits);
      cache->state_version = rp->state_version;
    }
  return cb.commits;
}

static json_t *
build_case_doc (const PocsimReplay *rp, gint64 epoch, json_t *boot, json_t *reg, json_t *commits)
{
  json_t *doc = json_object ();
  json_object_set_new (doc, "format", json_string ("pocsim-case/1"));
  json_object_set_new (doc, "rules", json_string (rp->rules->name));
  json_object_set_new (doc, "upcoming_epoch", json_integer (epoch));
  json_object_set_new (doc, "params", json_deep_copy (rp->params));
  json_object_set_new (doc, "previous", json_pack ("{s:O, s:O, s:O}", "weights", rp->prev_weights,
                                                   "voting_powers", rp->prev_vps, "poc", rp->prev_poc));
  if (boot)
    json_object_set (doc, "bootstrap_snapshot", boot);
  json_object_set (doc, "delegation_snapshot", reg);
  json_object_set (doc, "commits", commits);
  json_object_set_new (doc, "poc", json_object ());
  if (rp->collateral)
    json_object_set (doc, "collateral", rp->collateral);
  return doc;
}

/* ---- PoC acceptance (§5) ---- */

static gboolean
vote_applies (const PocsimEvent *v, const char *host, const char *model)
{
  return (v->target == NULL || strcmp (v->target, host) == 0)
         && (v->model == NULL || strcmp (v->model, model) == 0);
}

/* The votes on (host, model): every key of the model's validation power
 * with VP > 0 votes valid (zero-power votes change no sum and draw no
 * slot), except where the scenario says a validator is offline or votes
 * invalid. */
static PocsimVote *
build_votes (const PocsimCase *c, const PocsimValidationPower *power, const EpochEffects *fx,
             const char *host, const char *model, guint *n_out)
{
  PocsimVote *votes = g_new (PocsimVote, c->n_addrs);
  guint n = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!power->is_key[a] || power->vp[a] <= 0)
        continue;
      gint64 weight = 1;
      for (guint k = 0; k < fx->votes->len; k++)
        {
          const PocsimEvent *v = fx->votes->pdata[k];
          if (strcmp (v->host, c->addrs[a]) == 0 && vote_applies (v, host, model))
            weight = v->verdict == POCSIM_VOTE_OFFLINE ? 0 : -1;
        }
      if (weight != 0)
        votes[n++] = (PocsimVote) { a, weight };
    }
  *n_out = n;
  return votes;
}

static gboolean
targeted_by_votes (const EpochEffects *fx, const char *host, const char *model)
{
  for (guint k = 0; k < fx->votes->len; k++)
    {
      const PocsimEvent *v = fx->votes->pdata[k];
      if (v->target != NULL && vote_applies (v, host, model))
        return TRUE;
    }
  return FALSE;
}

/* The model's frozen validation voting power: VP_E where the model has it,
 * else the bootstrap power of its committers; NULL when nobody may validate. */
static PocsimValidationPower *
validation_power (const PocsimCase *c, guint m, gint64 total, GError **error)
{
  if (total <= 0)
    return NULL;
  if (!pocsim_is_bootstrap_candidate (c, m))
    {
      PocsimValidationPower *p = g_new0 (PocsimValidationPower, 1);
      p->n_addrs = c->n_addrs;
      p->vp = g_new0 (gint64, c->n_addrs);
      p->is_key = g_new0 (gboolean, c->n_addrs);
      for (guint a = 0; a < c->n_addrs; a++)
        if (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_PREV_VP)
          {
            p->is_key[a] = TRUE;
            p->vp[a] = c->prev_vp[pocsim_cell (c, m, a)];
          }
      return p;
    }
  g_autofree gboolean *committed = g_new0 (gboolean, c->n_addrs);
  g_autofree guint32 *boot = g_new (guint32, c->n_addrs);
  for (guint a = 0; a < c->n_addrs; a++)
    {
      committed[a] = (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_COMMIT) != 0;
      boot[a] = pocsim_boot_delegate (c, m, a);
    }
  return pocsim_validation_power_bootstrap (c->n_addrs, c->prev_weight, committed, boot, error);
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

static gint64
total_previous (const PocsimCase *c)
{
  gint64 total = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    if (!pocsim_add_i64 (total, c->prev_weight[a], &total))
      return G_MAXINT64;
  return total;
}

static gboolean
accept_model (const PocsimReplay *rp, PocsimCase *c, guint m, gint64 total,
              const EpochEffects *fx, json_t *poc, json_t *rejected, GError **error)
{
  g_autoptr (PocsimValidationPower) power = validation_power (c, m, total, error);
  if (power == NULL && error && *error)
    return FALSE;
  const char *model = c->models[m].id;
  PocsimAcceptanceInput in = { rp->rules, total, 0, 0, FALSE, NULL, "", (const char *const *) c->addrs, NULL, model };
  const json_t *pp = json_object_get (rp->params, "poc_params");
  const json_t *slots = json_object_get (pp, "validation_slots"), *bps = json_object_get (pp, "validation_vote_threshold_bps");
  in.validation_slots = (guint32) param_count (slots);
  in.vote_threshold_bps = (guint32) param_count (bps);
  /* Slot mode draws from the block's app hash, which a replay does not
   * have: a fixed stand-in per epoch keeps the draw deterministic. */
  g_autofree char *seed = g_strdup_printf ("pocsim-replay:%" G_GINT64_FORMAT, rp->next_epoch);
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
      g_autofree char *key = run_key (c->addrs[a], model);
      const gint64 *pw = g_hash_table_lookup (fx->commit_pw, key);
      PocsimPocVerdict verdict = POCSIM_POC_REJECTED;
      PocsimVerdictReason reason = POCSIM_VERDICT_NO_VOTES;
      in.participant = c->addrs[a];
      if (power != NULL && pw != NULL && *pw >= 1)
        {
          gboolean shared = in.validation_slots == 0 && !targeted_by_votes (fx, c->addrs[a], model);
          if (shared && have_common)
            verdict = common, reason = common_reason;
          else
            {
              guint n;
              g_autofree PocsimVote *votes = build_votes (c, power, fx, c->addrs[a], model, &n);
              verdict = pocsim_poc_acceptance (&in, power, votes, n, &reason);
              if (shared)
                have_common = TRUE, common = verdict, common_reason = reason;
            }
        }
      if (verdict == POCSIM_POC_ACCEPTED)
        {
          /* The case gets exactly what its document's "poc" says. */
          json_object_set_new (object_child (poc, model), c->addrs[a], json_integer (*pw));
          c->cell_flags[cell] |= POCSIM_CELL_MEMBER;
          c->pw[cell] = *pw;
          c->addr_flags[a] |= POCSIM_ADDR_ACTIVE;
        }
      else
        json_array_append_new (rejected, json_pack ("{s:s, s:s, s:s}", "participant", c->addrs[a], "model_id", model,
                                                    "reason", pw == NULL || *pw < 1 ? "claimed weight below 1"
                                                    : verdict_reason (verdict, reason)));
    }
  return TRUE;
}

/* Reads the epoch's case (without PoC yet) into ep->c, decides every
 * commit, and writes the accepted PoC into both the document and ep->c. */
static gboolean
decide_acceptance (const PocsimReplay *rp, json_t *doc, const EpochEffects *fx,
                   PocsimReplayEpoch *ep, GError **error)
{
  g_autofree char *name = g_strdup_printf ("%s: epoch %" G_GINT64_FORMAT, rp->s->name, ep->epoch);
  PocsimCase *c = ep->c = pocsim_case_from_json_tree (doc, NULL, 0, name, "", NULL, error);
  if (c == NULL)
    return FALSE;
  gint64 total = total_previous (c);
  json_t *poc = json_object_get (doc, "poc");
  for (guint m = 0; m < c->n_models; m++)
    if (!accept_model (rp, c, m, total, fx, poc, ep->poc_rejected, error))
      return FALSE;
  return TRUE;
}

/* ---- after the formation ---- */

/* W_U and VP_U as the chain stores them: F without zeros; a zero-weight
 * member is not live (§4.9), and its voting powers go with it. */
static void
formed_state (const PocsimCase *c, const PocsimEpochResult *r, json_t *weights, json_t *vps, json_t *poc)
{
  for (guint a = 0; a < c->n_addrs; a++)
    if ((c->addr_flags[a] & POCSIM_ADDR_ACTIVE) && r->final[a] > 0)
      {
        json_object_set_new (weights, c->addrs[a], json_integer (r->final[a]));
        for (guint m = 0; m < c->n_models; m++)
          {
            gsize k = pocsim_cell (c, m, a);
            if (r->voting_power[k] > 0)
              json_object_set_new (object_child (vps, c->models[m].id), c->addrs[a], json_integer (r->voting_power[k]));
            /* The subgroup keeps each member's raw PoC weight (§4.9). */
            if ((c->cell_flags[k] & POCSIM_CELL_MEMBER) && c->pw[k] > 0)
              json_object_set_new (object_child (poc, c->models[m].id), c->addrs[a], json_integer (c->pw[k]));
          }
      }
}

json_t *
pocsim_replay_start_after (const PocsimCase *c, const PocsimEpochResult *r)
{
  json_t *doc = pocsim_case_to_json (c);
  json_t *weights = json_object (), *vps = json_object (), *poc = json_object ();
  formed_state (c, r, weights, vps, poc);
  json_object_set_new (doc, "previous",
                       json_pack ("{s:o, s:o, s:o}", "weights", weights, "voting_powers", vps, "poc", poc));
  json_object_set_new (doc, "upcoming_epoch", json_integer (c->upcoming_epoch + 1));
  json_object_del (json_object_get (doc, "bootstrap_snapshot"), "intents");
  json_object_del (json_object_get (doc, "delegation_snapshot"), "refusals");
  json_object_del (doc, "commits");
  json_object_del (doc, "participants");
  return doc;
}

static void
remember_formation (PocsimReplay *rp, const PocsimReplayEpoch *ep)
{
  const PocsimCase *c = ep->r->source; /* the carried copy after an empty-epoch fallback */
  const PocsimEpochResult *r = ep->r;
  json_decref (rp->prev_weights);
  json_decref (rp->prev_vps);
  json_decref (rp->prev_poc);
  rp->prev_weights = json_object ();
  rp->prev_vps = json_object ();
  rp->prev_poc = json_object ();
  formed_state (c, r, rp->prev_weights, rp->prev_vps, rp->prev_poc);
  for (guint m = 0; m < c->n_models; m++)
    for (guint a = 0; a < c->n_addrs; a++)
      if (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_MEMBER)
        {
          gint64 pw = c->pw[pocsim_cell (c, m, a)];
          g_hash_table_insert (rp->last_pw, run_key (c->addrs[a], c->models[m].id), g_memdup2 (&pw, sizeof pw));
        }
  pocsim_records_wipe_refusals_and_intents (rp->records);
}

static gboolean
form (PocsimReplay *rp, PocsimReplayEpoch *ep, gboolean params_changed, GError **error)
{
  g_autofree char *name = g_strdup_printf ("%s: epoch %" G_GINT64_FORMAT, rp->s->name, ep->epoch);
  if (params_changed)
    {
      /* Governance changes after validation start still reach the
       * formation: read the case again with the new params. */
      json_object_set_new (ep->case_doc, "params", json_deep_copy (rp->params));
      pocsim_case_free (ep->c);
      if ((ep->c = pocsim_case_from_json_tree (ep->case_doc, NULL, 0, name, "", NULL, error)) == NULL)
        return FALSE;
    }
  if ((ep->r = pocsim_epoch_form (ep->c, error)) == NULL)
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  return TRUE;
}

PocsimReplayEpoch *
pocsim_replay_step (PocsimReplay *rp, GError **error)
{
  const PocsimScenarioEpoch *entry = pocsim_scenario_epoch (rp->s, rp->next_epoch);
  g_autoptr (PocsimReplayEpoch) ep = g_new0 (PocsimReplayEpoch, 1);
  ep->epoch = rp->next_epoch;
  ep->log = json_array ();
  ep->poc_rejected = json_array ();
  ep->failures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) votes = g_ptr_array_new ();
  g_autoptr (GHashTable) commit_pw = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  EpochEffects fx = { failed, votes, commit_pw };

  if (!apply_stage (rp, ep, &fx, entry, POCSIM_STAGE_BEFORE_SNAPSHOT, error))
    return NULL;
  /* The bootstrap snapshot at P - dw; with dw <= 0 it is never captured
   * and the last one stays (§1.4). */
  if (deploy_window (rp) > 0)
    {
      if (rp->last_bootstrap)
        json_decref (rp->last_bootstrap);
      rp->last_bootstrap = cached_snapshot (rp, &rp->boot_cache, pocsim_records_bootstrap_snapshot);
    }
  if (!apply_stage (rp, ep, &fx, entry, POCSIM_STAGE_BEFORE_POC, error))
    return NULL;
  g_autoptr (json_t) commits = epoch_commits (rp, &fx);
  if (!apply_stage (rp, ep, &fx, entry, POCSIM_STAGE_BEFORE_VALIDATION, error))
    return NULL;
  g_autoptr (json_t) reg = cached_snapshot (rp, &rp->reg_cache, pocsim_records_regular_snapshot);
  ep->case_doc = build_case_doc (rp, ep->epoch, rp->last_bootstrap, reg, commits);
  if (!decide_acceptance (rp, ep->case_doc, &fx, ep, error)
      || !apply_stage (rp, ep, &fx, entry, POCSIM_STAGE_AFTER_VALIDATION, error)
      || !form (rp, ep, stage_changes_params (entry, POCSIM_STAGE_AFTER_VALIDATION), error))
    return NULL;
  if (entry != NULL)
    for (guint k = 0; k < entry->expectations->len; k++, ep->checked++)
      pocsim_expectation_check (entry->expectations->pdata[k], ep, ep->failures);
  remember_formation (rp, ep);
  if (!apply_stage (rp, ep, &fx, entry, POCSIM_STAGE_AFTER_FORMATION, error))
    return NULL;
  rp->next_epoch++;
  return g_steal_pointer (&ep);
}
