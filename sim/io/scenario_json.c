/* scenario_json.c - reads a pocsim-scenario/1 document (docs/scenarios.md).
 *
 * Everything is checked before the replay starts: unknown keys, wrong
 * types, unknown stages, malformed transactions.  What only the replay can
 * know (a tx the chain rejects, a "last" weight with no last epoch) is
 * reported by the replay, located at the event. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "core/error.h"
#include "io/case_json.h"
#include "io/case_load.h"
#include "io/format_keys.h"
#include "io/json_doc.h"
#include "io/params_patch.h"
#include "io/scenario_json.h"

typedef PocsimJsonReader Reader;

/* ---- typed reads ---- */

#define read_text pocsim_json_read_text
#define expect_object pocsim_json_expect_object

static gboolean
read_count (Reader *rd, const json_t *v, const char *ptr, const char *what, gint64 *out)
{
  /* Numbers or decimal strings, as everywhere in the chain's JSON; but a
   * count must be written, so missing, null and "" are errors here. */
  if (!pocsim_json_read_integer (rd, v, ptr, what, out))
    return FALSE;
  if (*out < 0)
    return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "%s must not be negative", what);
  return TRUE;
}

/* Every key of OBJ must be in TABLE (io/format_keys.h). */
static gboolean
check_keys (Reader *rd, const json_t *obj, const char *ptr, const PocsimKeyTable *table)
{
  return pocsim_keys_check_in (rd, obj, table, ptr);
}

/* ---- events ---- */

typedef gboolean (*EventReader) (Reader *rd, const json_t *ev, const char *ptr, PocsimEvent *e);

/* {host, model} of run, stop and fail_deploy; run also has a weight, and
 * run and stop may name one ML node. */
typedef enum { HOST_MODEL, HOST_MODEL_NODE, HOST_MODEL_NODE_WEIGHT } HostModelShape;

static gboolean
read_host_model (Reader *rd, const json_t *v, const char *ptr, const char *what, PocsimEvent *e,
                 HostModelShape shape)
{
  static const PocsimKeyTable *const tables[] = { &pocsim_scenario_host_model_keys, &pocsim_scenario_stop_keys,
                                                  &pocsim_scenario_run_keys };
  const char *host, *model, *node;
  g_autofree char *ph = pocsim_json_ptr_key (ptr, "host");
  g_autofree char *pm = pocsim_json_ptr_key (ptr, "model");
  g_autofree char *pn = pocsim_json_ptr_key (ptr, "node");
  if (!expect_object (rd, v, ptr, what) || !check_keys (rd, v, ptr, tables[shape])
      || !read_text (rd, json_object_get (v, "host"), ph, "host", &host)
      || !read_text (rd, json_object_get (v, "model"), pm, "model", &model)
      || (json_object_get (v, "node") != NULL
          && !read_text (rd, json_object_get (v, "node"), pn, "node (an ML node id)", &node)))
    return FALSE;
  e->host = g_strdup (host);
  e->model = g_strdup (model);
  if (json_object_get (v, "node") != NULL)
    e->node = g_strdup (node);
  if (shape != HOST_MODEL_NODE_WEIGHT)
    return TRUE;
  const json_t *w = json_object_get (v, "weight");
  g_autofree char *pw = pocsim_json_ptr_key (ptr, "weight");
  e->weight = POCSIM_WEIGHT_AS_LAST;
  if (w == NULL || (json_is_string (w) && strcmp (json_string_value (w), "last") == 0))
    return TRUE;
  return read_count (rd, w, pw, "weight (or \"last\")", &e->weight);
}

static gboolean
read_tx (Reader *rd, const json_t *ev, const char *ptr, PocsimEvent *e)
{
  const char *text, *from;
  g_autofree char *pt = pocsim_json_ptr_key (ptr, "tx");
  g_autofree char *pf = pocsim_json_ptr_key (ptr, "from");
  if (!read_text (rd, json_object_get (ev, "tx"), pt, "tx", &text)
      || !read_text (rd, json_object_get (ev, "from"), pf, "from (the sender of the tx)", &from))
    return FALSE;
  g_autoptr (GError) local = NULL;
  if (!pocsim_tx_parse (text, from, &e->tx, &local))
    return pocsim_json_doc_fail (&rd->doc, pt, rd->error, "%s", local->message);
  e->kind = POCSIM_EVENT_TX;
  return TRUE;
}

static gboolean
read_run (Reader *rd, const json_t *ev, const char *ptr, PocsimEvent *e)
{
  g_autofree char *p = pocsim_json_ptr_key (ptr, "run");
  e->kind = POCSIM_EVENT_RUN;
  return read_host_model (rd, json_object_get (ev, "run"), p, "run", e, HOST_MODEL_NODE_WEIGHT);
}

static gboolean
read_stop (Reader *rd, const json_t *ev, const char *ptr, PocsimEvent *e)
{
  g_autofree char *p = pocsim_json_ptr_key (ptr, "stop");
  e->kind = POCSIM_EVENT_STOP;
  return read_host_model (rd, json_object_get (ev, "stop"), p, "stop", e, HOST_MODEL_NODE);
}

static gboolean
read_fail_deploy (Reader *rd, const json_t *ev, const char *ptr, PocsimEvent *e)
{
  g_autofree char *p = pocsim_json_ptr_key (ptr, "fail_deploy");
  e->kind = POCSIM_EVENT_FAIL_DEPLOY;
  if (e->stage > POCSIM_STAGE_BEFORE_POC)
    return pocsim_json_doc_fail (&rd->doc, p, rd->error,
                                 "fail_deploy can only happen before_snapshot or before_poc (stage %s: the "
                                 "epoch's PoC is already committed)",
                                 pocsim_stage_name (e->stage));
  return read_host_model (rd, json_object_get (ev, "fail_deploy"), p, "fail_deploy", e, HOST_MODEL);
}

/* "join": ADDR and "leave": ADDR. */
static gboolean
read_host_event (Reader *rd, const json_t *ev, const char *ptr, PocsimEvent *e, const char *key,
                 PocsimEventKind kind)
{
  const char *host;
  g_autofree char *p = pocsim_json_ptr_key (ptr, key);
  g_autofree char *what = g_strdup_printf ("%s (the host's address)", key);
  if (!read_text (rd, json_object_get (ev, key), p, what, &host))
    return FALSE;
  e->kind = kind;
  e->host = g_strdup (host);
  return TRUE;
}

static gboolean
read_join (Reader *rd, const json_t *ev, const char *ptr, PocsimEvent *e)
{
  return read_host_event (rd, ev, ptr, e, "join", POCSIM_EVENT_JOIN);
}

static gboolean
read_leave (Reader *rd, const json_t *ev, const char *ptr, PocsimEvent *e)
{
  return read_host_event (rd, ev, ptr, e, "leave", POCSIM_EVENT_LEAVE);
}

/* "fail_miss_rate": ADDR, E's settlement (at the start of U's formation)
 * finds the host failing the miss-rate test. */
static gboolean
read_fail_miss_rate (Reader *rd, const json_t *ev, const char *ptr, PocsimEvent *e)
{
  if (e->stage == POCSIM_STAGE_AFTER_FORMATION)
    {
      g_autofree char *p = pocsim_json_ptr_key (ptr, "fail_miss_rate");
      return pocsim_json_doc_fail (&rd->doc, p, rd->error,
                                   "fail_miss_rate can only happen up to after_validation (stage after_formation: E's "
                                   "settlement came before the formation; give the next epoch)");
    }
  return read_host_event (rd, ev, ptr, e, "fail_miss_rate", POCSIM_EVENT_FAIL_MISS_RATE);
}

static gboolean
read_vote (Reader *rd, const json_t *ev, const char *ptr, PocsimEvent *e)
{
  const json_t *v = json_object_get (ev, "vote");
  g_autofree char *p = pocsim_json_ptr_key (ptr, "vote");
  g_autofree char *pv = pocsim_json_ptr_key (p, "validator");
  g_autofree char *pd = pocsim_json_ptr_key (p, "verdict");
  const char *validator, *verdict;
  if (!expect_object (rd, v, p, "vote") || !check_keys (rd, v, p, &pocsim_scenario_vote_keys)
      || !read_text (rd, json_object_get (v, "validator"), pv, "validator", &validator)
      || !read_text (rd, json_object_get (v, "verdict"), pd, "verdict", &verdict))
    return FALSE;
  e->kind = POCSIM_EVENT_VOTE;
  if (e->stage > POCSIM_STAGE_BEFORE_VALIDATION)
    return pocsim_json_doc_fail (&rd->doc, p, rd->error,
                                 "a vote can only happen up to before_validation (stage %s: the epoch's PoC "
                                 "validation is over)",
                                 pocsim_stage_name (e->stage));
  e->host = g_strdup (validator);
  if (strcmp (verdict, "invalid") == 0)
    e->verdict = POCSIM_VOTE_INVALID;
  else if (strcmp (verdict, "offline") == 0)
    e->verdict = POCSIM_VOTE_OFFLINE;
  else
    return pocsim_json_doc_fail (&rd->doc, pd, rd->error,
                                 "verdict must be \"invalid\" or \"offline\" (honest votes are the default)");
  for (guint k = 0; k < 2; k++)
    {
      const char *key = k == 0 ? "host" : "model";
      const json_t *x = json_object_get (v, key);
      const char *s;
      g_autofree char *px = pocsim_json_ptr_key (p, key);
      if (x == NULL)
        continue;
      if (!read_text (rd, x, px, key, &s))
        return FALSE;
      *(k == 0 ? &e->target : &e->model) = g_strdup (s);
    }
  return TRUE;
}

/* The change as the report shows it: the action and its object, compact. */
static char *
event_text (const char *action, const json_t *v)
{
  g_autofree char *json = json_dumps (v, JSON_COMPACT | JSON_SORT_KEYS);
  return g_strdup_printf ("%s %s", action, json);
}

static gboolean
read_params_patch (Reader *rd, const json_t *ev, const char *ptr, PocsimEvent *e)
{
  const json_t *v = json_object_get (ev, "params");
  g_autofree char *p = pocsim_json_ptr_key (ptr, "params");
  if (!expect_object (rd, v, p, "params (a patch merged into the chain Params)")
      || !check_keys (rd, v, p, &pocsim_chain_params_keys))
    return FALSE;
  e->kind = POCSIM_EVENT_PARAMS;
  e->text = event_text ("params", v);
  return pocsim_params_patch_read (v, &rd->doc, p, &e->params, rd->error);
}

static gboolean
read_set_model (Reader *rd, const json_t *ev, const char *ptr, PocsimEvent *e)
{
  const json_t *v = json_object_get (ev, "set_model");
  const char *id;
  g_autofree char *p = pocsim_json_ptr_key (ptr, "set_model");
  g_autofree char *pi = pocsim_json_ptr_key (p, "model_id");
  if (!expect_object (rd, v, p, "set_model (a poc_params.models entry)")
      || !check_keys (rd, v, p, &pocsim_chain_poc_model_keys)
      || !read_text (rd, json_object_get (v, "model_id"), pi, "model_id", &id))
    return FALSE;
  e->kind = POCSIM_EVENT_SET_MODEL;
  e->model = g_strdup (id);
  e->text = event_text ("set_model", v);
  return pocsim_model_entry_read (v, &rd->doc, p, &e->entry, rd->error);
}

static gboolean
read_remove_model (Reader *rd, const json_t *ev, const char *ptr, PocsimEvent *e)
{
  const char *id;
  g_autofree char *p = pocsim_json_ptr_key (ptr, "remove_model");
  if (!read_text (rd, json_object_get (ev, "remove_model"), p, "remove_model (a model id)", &id))
    return FALSE;
  e->kind = POCSIM_EVENT_REMOVE_MODEL;
  e->model = g_strdup (id);
  /* Between the bootstrap snapshot and the formation, the epoch's
   * snapshots and commits already hold the model, and a case cannot name a
   * model that is not in poc_params. */
  if (e->stage != POCSIM_STAGE_BEFORE_SNAPSHOT && e->stage != POCSIM_STAGE_AFTER_FORMATION)
    return pocsim_json_doc_fail (&rd->doc, p, rd->error,
                                 "remove_model can only happen before_snapshot or after_formation (stage %s: the "
                                 "epoch's snapshots or commits already hold the model)",
                                 pocsim_stage_name (e->stage));
  return TRUE;
}

static const struct {
  const char *key;
  EventReader read;
} event_kinds[] = {
  { "tx", read_tx },           { "run", read_run },
  { "stop", read_stop },       { "fail_deploy", read_fail_deploy },
  { "join", read_join },       { "leave", read_leave },
  { "vote", read_vote },       { "params", read_params_patch },
  { "set_model", read_set_model }, { "remove_model", read_remove_model },
  { "fail_miss_rate", read_fail_miss_rate },
};

static gboolean
read_stage (Reader *rd, const json_t *ev, const char *ptr, PocsimStage *out)
{
  const json_t *v = json_object_get (ev, "stage");
  *out = POCSIM_STAGE_BEFORE_SNAPSHOT;
  if (v == NULL)
    return TRUE;
  g_autofree char *p = pocsim_json_ptr_key (ptr, "stage");
  const char *name;
  if (!read_text (rd, v, p, "stage", &name))
    return FALSE;
  for (guint s = 0; s < POCSIM_N_STAGES; s++)
    if (strcmp (name, pocsim_stage_name (s)) == 0)
      {
        *out = s;
        return TRUE;
      }
  return pocsim_json_doc_fail (&rd->doc, p, rd->error,
                               "unknown stage '%s' (before_snapshot, before_poc, before_validation, "
                               "after_validation or after_formation)",
                               name);
}

static PocsimEvent *
read_event (Reader *rd, const json_t *ev, const char *ptr)
{
  if (!expect_object (rd, ev, ptr, "an event") || !check_keys (rd, ev, ptr, &pocsim_scenario_event_keys))
    return NULL;
  int found = -1;
  for (guint k = 0; k < G_N_ELEMENTS (event_kinds); k++)
    if (json_object_get (ev, event_kinds[k].key) != NULL)
      {
        if (found >= 0)
          {
            pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "an event has one action, got '%s' and '%s'",
                                  event_kinds[found].key, event_kinds[k].key);
            return NULL;
          }
        found = k;
      }
  if (found < 0)
    {
      pocsim_json_doc_fail (&rd->doc, ptr, rd->error,
                            "an event needs one action: tx, run, stop, fail_deploy, join, leave, vote, "
                            "params, set_model, remove_model or fail_miss_rate");
      return NULL;
    }
  if (json_object_get (ev, "from") != NULL && strcmp (event_kinds[found].key, "tx") != 0)
    {
      g_autofree char *p = pocsim_json_ptr_key (ptr, "from");
      pocsim_json_doc_fail (&rd->doc, p, rd->error, "'from' belongs to a tx event");
      return NULL;
    }
  PocsimEvent *e = g_new0 (PocsimEvent, 1);
  e->where = pocsim_json_doc_where (&rd->doc, ptr);
  if (!read_stage (rd, ev, ptr, &e->stage) || !event_kinds[found].read (rd, ev, ptr, e))
    {
      pocsim_event_free (e);
      return NULL;
    }
  return e;
}

/* ---- expectations: shape and value types here; values are compared by expect.c ---- */

/* What each check needs: an integer, a boolean, a decimal, a mode name;
 * and whether it is about a host, a host in a model, or a model. */
typedef enum { NEEDS_NOTHING, NEEDS_HOST, NEEDS_HOST_MODEL, NEEDS_MODEL } ExpectScope;
typedef enum { VALUE_INT, VALUE_BOOL, VALUE_DEC, VALUE_PCT, VALUE_MODE } ExpectValue;

static const struct {
  PocsimExpectKey key;
  ExpectValue value;
  ExpectScope scope;
} expect_checks[] = {
  { POCSIM_EXPECT_WEIGHT, VALUE_INT, NEEDS_HOST },
  { POCSIM_EXPECT_CHANGE_PCT, VALUE_PCT, NEEDS_HOST },
  { POCSIM_EXPECT_PENALTY, VALUE_DEC, NEEDS_HOST },
  { POCSIM_EXPECT_REWARD, VALUE_INT, NEEDS_HOST },
  { POCSIM_EXPECT_REWARD_WEIGHT, VALUE_INT, NEEDS_HOST },
  { POCSIM_EXPECT_MODE, VALUE_MODE, NEEDS_HOST_MODEL },
  { POCSIM_EXPECT_VOTING_POWER, VALUE_INT, NEEDS_HOST_MODEL },
  { POCSIM_EXPECT_PRE_ELIGIBLE, VALUE_BOOL, NEEDS_MODEL },
  { POCSIM_EXPECT_MEETS_WEIGHT_THRESHOLD, VALUE_BOOL, NEEDS_MODEL },
  { POCSIM_EXPECT_MEETS_V_MIN, VALUE_BOOL, NEEDS_MODEL },
  { POCSIM_EXPECT_MEETS_REACHABILITY, VALUE_BOOL, NEEDS_MODEL },
  { POCSIM_EXPECT_INTENT_WEIGHT, VALUE_INT, NEEDS_MODEL },
  { POCSIM_EXPECT_INTENT_HOST_COUNT, VALUE_INT, NEEDS_MODEL },
  { POCSIM_EXPECT_ELIGIBLE, VALUE_BOOL, NEEDS_MODEL },
  { POCSIM_EXPECT_ACCEPTED, VALUE_INT, NEEDS_MODEL },
  { POCSIM_EXPECT_REJECTED_TXS, VALUE_INT, NEEDS_NOTHING },
  { POCSIM_EXPECT_CAP_WEIGHT, VALUE_INT, NEEDS_HOST },
  { POCSIM_EXPECT_PREVIOUS_CONFIRMED, VALUE_INT, NEEDS_HOST },
  { POCSIM_EXPECT_SEATED, VALUE_INT, NEEDS_HOST_MODEL },
  { POCSIM_EXPECT_COEFFICIENT, VALUE_DEC, NEEDS_MODEL },
};

static gboolean
check_expectation_value (Reader *rd, const json_t *v, const char *ptr, const char *key, ExpectValue kind)
{
  static const char *const modes[] = { "DIRECT", "DELEGATE", "REFUSE", "NONE", "INTENT_OK", "INTENT_MISSED", NULL };
  gint64 n;
  PocsimDec d;
  switch (kind)
    {
    case VALUE_INT:
      return read_count (rd, v, ptr, key, &n);
    case VALUE_BOOL:
      if (!json_is_boolean (v))
        return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "%s must be true or false", key);
      return TRUE;
    case VALUE_DEC:
      if (!json_is_string (v) || json_string_value (v)[0] == '-' || !pocsim_dec_parse (json_string_value (v), &d, NULL))
        return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "%s must be a decimal string such as \"0.15\"", key);
      return TRUE;
    case VALUE_PCT:
      if (!json_is_string (v) || !pocsim_dec_parse (json_string_value (v), &d, NULL)
          || d.i % ((__int128) 10000000000000000) != 0)
        return pocsim_json_doc_fail (&rd->doc, ptr, rd->error,
                                     "%s must be a decimal string with at most 2 decimals, e.g. \"-15.00\"", key);
      return TRUE;
    case VALUE_MODE:
      if (!json_is_string (v) || !g_strv_contains (modes, json_string_value (v)))
        return pocsim_json_doc_fail (&rd->doc, ptr, rd->error,
                                     "%s must be DIRECT, DELEGATE, REFUSE, NONE, INTENT_OK or INTENT_MISSED", key);
      return TRUE;
    }
  return TRUE;
}

static gboolean
check_expectation (Reader *rd, const json_t *x, const char *ptr)
{
  for (guint k = 0; k < 2; k++)
    {
      const char *key = k == 0 ? "host" : "model";
      const char *s;
      g_autofree char *p = pocsim_json_ptr_key (ptr, key);
      if (json_object_get (x, key) != NULL && !read_text (rd, json_object_get (x, key), p, key, &s))
        return FALSE;
    }
  gboolean has_host = json_object_get (x, "host") != NULL, has_model = json_object_get (x, "model") != NULL;
  for (guint k = 0; k < G_N_ELEMENTS (expect_checks); k++)
    {
      const char *name = pocsim_expect_key_name (expect_checks[k].key);
      const json_t *v = json_object_get (x, name);
      g_autofree char *p = pocsim_json_ptr_key (ptr, name);
      ExpectScope scope = expect_checks[k].scope;
      if (v == NULL)
        continue;
      if (!check_expectation_value (rd, v, p, name, expect_checks[k].value))
        return FALSE;
      if ((scope == NEEDS_HOST || scope == NEEDS_HOST_MODEL) && !has_host)
        return pocsim_json_doc_fail (&rd->doc, p, rd->error, "%s needs \"host\" in the same expectation", name);
      if ((scope == NEEDS_MODEL || scope == NEEDS_HOST_MODEL) && !has_model)
        return pocsim_json_doc_fail (&rd->doc, p, rd->error, "%s needs \"model\" in the same expectation", name);
    }
  return TRUE;
}

/* The checked value as typed data (check_expectation_value has accepted it). */
static void
expectation_value (PocsimExpectCheck *check, PocsimExpectKey key, ExpectValue kind, const json_t *v)
{
  check->key = key;
  switch (kind)
    {
    case VALUE_INT:
      pocsim_json_int (v, &check->value);
      break;
    case VALUE_BOOL:
      check->value = json_is_true (v);
      break;
    case VALUE_DEC:
      pocsim_dec_parse (json_string_value (v), &check->dec, NULL);
      break;
    case VALUE_PCT:
      pocsim_dec_parse (json_string_value (v), &check->dec, NULL);
      check->value = (gint64) (check->dec.i / ((__int128) 10000000000000000));
      check->text = g_strdup (json_string_value (v));
      break;
    case VALUE_MODE:
      check->mode = g_strdup (json_string_value (v));
      break;
    }
}

static PocsimExpectation *
read_expectation (Reader *rd, const json_t *x, const char *ptr)
{
  if (!expect_object (rd, x, ptr, "an expectation") || !check_keys (rd, x, ptr, &pocsim_scenario_expect_keys))
    return NULL;
  const json_t *label = json_object_get (x, "label");
  const char *label_text = NULL;
  g_autofree char *pl = pocsim_json_ptr_key (ptr, "label");
  if (label != NULL && !read_text (rd, label, pl, "label", &label_text))
    return NULL;
  if (json_object_size (x) == (label ? 1u : 0u) + (json_object_get (x, "host") ? 1u : 0u)
                                + (json_object_get (x, "model") ? 1u : 0u))
    {
      pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "an expectation must check something");
      return NULL;
    }
  if (!check_expectation (rd, x, ptr))
    return NULL;
  PocsimExpectation *e = g_new0 (PocsimExpectation, 1);
  e->where = pocsim_json_doc_where (&rd->doc, ptr);
  e->label = g_strdup (label_text);
  e->host = g_strdup (json_string_value (json_object_get (x, "host")));
  e->model = g_strdup (json_string_value (json_object_get (x, "model")));
  e->checks = g_new0 (PocsimExpectCheck, json_object_size (x));
  const char *key;
  json_t *v;
  /* In the order written: failures are reported in that order. */
  json_object_foreach ((json_t *) x, key, v)
    for (guint k = 0; k < G_N_ELEMENTS (expect_checks); k++)
      if (strcmp (key, pocsim_expect_key_name (expect_checks[k].key)) == 0)
        expectation_value (&e->checks[e->n_checks++], expect_checks[k].key, expect_checks[k].value, v);
  return e;
}

/* ---- the timeline ---- */

static gboolean
read_list (Reader *rd, const json_t *list, const char *ptr, const char *what, GPtrArray *into,
           gpointer (*read_one) (Reader *, const json_t *, const char *))
{
  if (list == NULL)
    return TRUE;
  if (!json_is_array (list))
    return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "%s must be an array", what);
  for (gsize k = 0; k < json_array_size (list); k++)
    {
      g_autofree char *p = pocsim_json_ptr_index (ptr, k);
      gpointer item = read_one (rd, json_array_get (list, k), p);
      if (item == NULL)
        return FALSE;
      g_ptr_array_add (into, item);
    }
  return TRUE;
}

/* An epoch the replay reaches: fewer than POCSIM_SCENARIO_MAX_EPOCHS
 * formations after the first. */
static gboolean
within_replay (Reader *rd, gint64 epoch, const PocsimScenario *s, const char *ptr, const char *what)
{
  if (epoch - s->first_epoch < POCSIM_SCENARIO_MAX_EPOCHS)
    return TRUE;
  return pocsim_json_doc_fail (&rd->doc, ptr, rd->error,
                               "%s %" G_GINT64_FORMAT ": a replay forms at most %d epochs; this one starts at epoch %"
                               G_GINT64_FORMAT, what, epoch, POCSIM_SCENARIO_MAX_EPOCHS, s->first_epoch);
}

static gboolean
read_epoch_entry (Reader *rd, const json_t *v, const char *ptr, PocsimScenario *s)
{
  g_autofree char *pe = pocsim_json_ptr_key (ptr, "epoch");
  g_autofree char *pv = pocsim_json_ptr_key (ptr, "events");
  g_autofree char *px = pocsim_json_ptr_key (ptr, "expect");
  PocsimScenarioEpoch *e = pocsim_scenario_add_epoch (s, 0);
  if (!expect_object (rd, v, ptr, "a timeline entry") || !check_keys (rd, v, ptr, &pocsim_scenario_epoch_keys)
      || !read_count (rd, json_object_get (v, "epoch"), pe, "epoch", &e->epoch)
      || !read_list (rd, json_object_get (v, "events"), pv, "events", e->events,
                     (gpointer (*) (Reader *, const json_t *, const char *)) read_event)
      || !read_list (rd, json_object_get (v, "expect"), px, "expect", e->expectations,
                     (gpointer (*) (Reader *, const json_t *, const char *)) read_expectation))
    return FALSE;
  const json_t *note = json_object_get (v, "note");
  if (note != NULL && !json_is_string (note))
    {
      g_autofree char *pn = pocsim_json_ptr_key (ptr, "note");
      return pocsim_json_doc_fail (&rd->doc, pn, rd->error, "note must be a string");
    }
  if (e->epoch < s->first_epoch)
    return pocsim_json_doc_fail (&rd->doc, pe, rd->error,
                                 "epoch %" G_GINT64_FORMAT " is before the first formation (%" G_GINT64_FORMAT ")",
                                 e->epoch, s->first_epoch);
  if (!within_replay (rd, e->epoch, s, pe, "epoch"))
    return FALSE;
  for (guint k = 0; k + 1 < s->epochs->len; k++)
    if (((PocsimScenarioEpoch *) s->epochs->pdata[k])->epoch >= e->epoch)
      return pocsim_json_doc_fail (&rd->doc, pe, rd->error,
                                   "timeline entries must be in increasing epoch order, each epoch once");
  s->last_epoch = MAX (s->last_epoch, e->epoch);
  return TRUE;
}

/* ---- the starting state ---- */

/* {"case": FILE}: anything `pocsim epoch` reads as a case (a case file, a
 * snapshot directory, a participants plan), at a path relative to the
 * scenario.  Returns a new case. */
static PocsimCase *
read_start_file (Reader *rd, const json_t *start, const char *ptr, const char *path, const char *rules)
{
  const char *file;
  g_autofree char *pc = pocsim_json_ptr_key (ptr, "case");
  if (!read_text (rd, json_object_get (start, "case"), pc, "start.case", &file))
    return NULL;
  if (json_object_size (start) != 1)
    {
      pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "a start given as {\"case\": FILE} has no other keys");
      return NULL;
    }
  g_autofree char *dir = path ? g_path_get_dirname (path) : g_strdup (".");
  g_autofree char *full = g_path_is_absolute (file) ? g_strdup (file) : g_build_filename (dir, file, NULL);
  return pocsim_case_load (full, rules, rd->error);
}

/* The "hosts" shorthand: [{"address", "weight", "runs": {M: pw},
 * "voting_powers": {M: vp}, "collateral"}] into the case's previous, poc and
 * collateral.  A host's voting power in a model it runs defaults to its
 * weight (a DIRECT member, no delegations, no cap). */
static gboolean
expand_hosts (Reader *rd, json_t *start, const char *ptr)
{
  json_t *hosts = json_object_get (start, "hosts");
  if (hosts == NULL)
    return TRUE;
  g_autofree char *ph = pocsim_json_ptr_key (ptr, "hosts");
  if (!json_is_array (hosts))
    return pocsim_json_doc_fail (&rd->doc, ph, rd->error, "hosts must be an array");
  static const char *const sections[] = { "previous", "poc", NULL };
  for (guint k = 0; sections[k]; k++)
    if (json_object_get (start, sections[k]) != NULL)
      return pocsim_json_doc_fail (&rd->doc, ph, rd->error, "give either hosts or %s, not both", sections[k]);
  json_t *weights = json_object (), *vps = json_object (), *poc = json_object (), *coll = NULL;
  json_object_set_new (start, "previous", json_pack ("{s:o, s:o}", "weights", weights, "voting_powers", vps));
  json_object_set_new (start, "poc", poc);
  for (gsize i = 0; i < json_array_size (hosts); i++)
    {
      const json_t *h = json_array_get (hosts, i);
      g_autofree char *p = pocsim_json_ptr_index (ph, i);
      g_autofree char *pa = pocsim_json_ptr_key (p, "address");
      g_autofree char *pw = pocsim_json_ptr_key (p, "weight");
      const char *addr;
      gint64 w = 0;
      if (!expect_object (rd, h, p, "a host") || !check_keys (rd, h, p, &pocsim_scenario_host_keys)
          || !read_text (rd, json_object_get (h, "address"), pa, "address", &addr)
          || (json_object_get (h, "weight") && !read_count (rd, json_object_get (h, "weight"), pw, "weight", &w)))
        return FALSE;
      if (json_object_get (weights, addr) != NULL)
        return pocsim_json_doc_fail (&rd->doc, pa, rd->error, "host %s is listed twice", addr);
      if (w > 0)
        json_object_set_new (weights, addr, json_integer (w));
      const json_t *runs = json_object_get (h, "runs"), *hvp = json_object_get (h, "voting_powers");
      const char *model;
      json_t *value;
      for (guint k = 0; k < 2; k++)
        {
          const char *key = k == 0 ? "runs" : "voting_powers";
          const json_t *map = k == 0 ? runs : hvp;
          g_autofree char *pm = pocsim_json_ptr_key (p, key);
          if (map == NULL)
            continue;
          if (!json_is_object (map))
            return pocsim_json_doc_fail (&rd->doc, pm, rd->error, "%s must be an object {MODEL: integer}", key);
          json_object_foreach ((json_t *) map, model, value)
            {
              g_autofree char *pv = pocsim_json_ptr_key (pm, model);
              gint64 n;
              if (!read_count (rd, value, pv, k == 0 ? "a PoC weight" : "a voting power", &n))
                return FALSE;
            }
        }
      json_object_foreach ((json_t *) runs, model, value)
        {
          json_t *per_model = json_object_get (poc, model);
          if (per_model == NULL)
            json_object_set_new (poc, model, per_model = json_object ());
          json_object_set (per_model, addr, value);
          if (hvp == NULL && w > 0)
            {
              json_t *vm = json_object_get (vps, model);
              if (vm == NULL)
                json_object_set_new (vps, model, vm = json_object ());
              json_object_set_new (vm, addr, json_integer (w));
            }
        }
      json_object_foreach ((json_t *) hvp, model, value)
        {
          json_t *vm = json_object_get (vps, model);
          if (vm == NULL)
            json_object_set_new (vps, model, vm = json_object ());
          json_object_set (vm, addr, value);
        }
      if (json_object_get (h, "collateral"))
        {
          if (coll == NULL)
            json_object_set_new (start, "collateral", coll = json_object ());
          json_object_set (coll, addr, json_object_get (h, "collateral"));
        }
      const json_t *failed = json_object_get (h, "failed_miss_rate");
      g_autofree char *pf = pocsim_json_ptr_key (p, "failed_miss_rate");
      if (failed != NULL && !json_is_boolean (failed))
        return pocsim_json_doc_fail (&rd->doc, pf, rd->error, "failed_miss_rate must be true or false");
      if (json_is_true (failed))
        {
          json_t *prev = json_object_get (start, "previous");
          if (json_object_get (prev, "failed_miss_rate") == NULL)
            json_object_set_new (prev, "failed_miss_rate", json_array ());
          json_array_append_new (json_object_get (prev, "failed_miss_rate"), json_string (addr));
        }
    }
  json_object_del (start, "hosts");
  return TRUE;
}

/* An inline start: the hosts shorthand (a state the replay forms U from)
 * or the keys of a case document (the case U reads).  Returns a new case. */
static PocsimCase *
read_start_inline (Reader *rd, const json_t *start, const char *rules, PocsimStartKind *kind)
{
  gint64 first;
  const json_t *u = json_object_get (start, "upcoming_epoch");
  if (u == NULL)
    {
      pocsim_json_doc_fail (&rd->doc, "/start", rd->error, "start needs upcoming_epoch (the first epoch formed)");
      return NULL;
    }
  if (!read_count (rd, u, "/start/upcoming_epoch", "start.upcoming_epoch (the first epoch formed)", &first))
    return NULL;
  if (json_object_get (start, "hosts") == NULL)
    {
      *kind = POCSIM_START_CASE;
      return pocsim_case_from_json_tree (start, rd->doc.text, rd->doc.len, rd->doc.name, "/start", rules, rd->error);
    }
  /* The expanded document has no text of its own: its messages name the start. */
  g_autoptr (json_t) doc = json_deep_copy (start);
  if (!expand_hosts (rd, doc, "/start"))
    return NULL;
  *kind = POCSIM_START_STATE;
  g_autofree char *name = g_strdup_printf ("%s: start", rd->doc.name);
  return pocsim_case_from_json_tree (doc, NULL, 0, name, "", rules, rd->error);
}

static gboolean
read_start (Reader *rd, const json_t *root, const char *path, PocsimScenario *s)
{
  const json_t *start = json_object_get (root, "start");
  if (!expect_object (rd, start, "/start", "start (the starting state)"))
    return FALSE;
  if (json_object_get (start, "case") != NULL)
    {
      s->start_kind = POCSIM_START_CASE;
      s->start = read_start_file (rd, start, "/start", path, s->rules);
    }
  else
    {
      g_auto (PocsimJsonProblem) unknown = { NULL, NULL };
      if (!pocsim_case_keys_check (start, &pocsim_scenario_start_keys, "/start", &unknown))
        return pocsim_json_doc_fail (&rd->doc, unknown.pointer, rd->error, "%s", unknown.message);
      s->start = read_start_inline (rd, start, s->rules, &s->start_kind);
    }
  if (s->start == NULL)
    return FALSE;
  s->first_epoch = s->start->upcoming_epoch;
  if (s->first_epoch < 1)
    return pocsim_json_doc_fail (&rd->doc, "/start", rd->error, "start.upcoming_epoch must be at least 1");
  s->last_epoch = s->first_epoch;
  return TRUE;
}

/* An array of non-empty strings (WHAT: "model ids") into *OUT
 * (NULL-terminated; untouched when V is absent). */
static gboolean
read_names (Reader *rd, const json_t *v, const char *ptr, const char *what, char ***out)
{
  if (v == NULL)
    return TRUE;
  if (!json_is_array (v))
    return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "%s must be an array of %s", ptr + 1, what);
  for (gsize k = 0; k < json_array_size (v); k++)
    {
      g_autofree char *p = pocsim_json_ptr_index (ptr, k);
      const char *name;
      if (!read_text (rd, json_array_get (v, k), p, what, &name))
        return FALSE;
    }
  *out = g_new0 (char *, json_array_size (v) + 1);
  for (gsize k = 0; k < json_array_size (v); k++)
    (*out)[k] = g_strdup (json_string_value (json_array_get (v, k)));
  return TRUE;
}

/* A case given where a scenario is expected: said as such, not as its
 * first key the scenario format does not know. */
static gboolean
is_case (const json_t *root)
{
  const json_t *format = json_object_get (root, "format");
  return json_is_string (format) && strcmp (json_string_value (format), "pocsim-case/1") == 0;
}

static gboolean
read_header (Reader *rd, const json_t *root, PocsimScenario *s)
{
  if (!expect_object (rd, root, "", "a scenario"))
    return FALSE;
  if (is_case (root))
    return pocsim_json_doc_fail (&rd->doc, "/format", rd->error,
                                 "this is a case (pocsim-case/1), not a scenario: a scenario replays from one with "
                                 "{\"format\": \"pocsim-scenario/1\", \"start\": {\"case\": \"FILE\"}} "
                                 "(docs/scenarios.md); `pocsim epoch` forms it");
  if (!check_keys (rd, root, "", &pocsim_scenario_keys))
    return FALSE;
  const json_t *format = json_object_get (root, "format");
  if (!json_is_string (format) || strcmp (json_string_value (format), "pocsim-scenario/1") != 0)
    return pocsim_json_doc_fail (&rd->doc, format ? "/format" : "", rd->error,
                                 "format must be \"pocsim-scenario/1\"");
  const json_t *d = json_object_get (root, "description");
  if (json_is_string (d))
    s->description = g_strdup (json_string_value (d));
  else if (json_is_array (d))
    {
      GString *text = g_string_new (NULL);
      for (gsize k = 0; k < json_array_size (d); k++)
        {
          if (!json_is_string (json_array_get (d, k)))
            {
              g_autofree char *p = pocsim_json_ptr_index ("/description", k);
              g_string_free (text, TRUE);
              return pocsim_json_doc_fail (&rd->doc, p, rd->error, "a description line must be a string");
            }
          g_string_append_printf (text, "%s%s", k ? "\n" : "", json_string_value (json_array_get (d, k)));
        }
      s->description = g_string_free (text, FALSE);
    }
  else if (d != NULL)
    return pocsim_json_doc_fail (&rd->doc, "/description", rd->error,
                                 "description must be a string or an array of lines");
  const json_t *rules = json_object_get (root, "rules");
  const char *rules_name;
  if (rules != NULL)
    {
      if (!read_text (rd, rules, "/rules", "rules", &rules_name))
        return FALSE;
      s->rules = g_strdup (rules_name);
    }
  return read_names (rd, json_object_get (root, "governance_models"), "/governance_models", "model ids",
                     &s->governance_models)
         && read_names (rd, json_object_get (root, "guardians"), "/guardians", "host addresses", &s->guardians);
}

/* A start case holds U's commits and accepted PoC: an event that acts on
 * U's PoC only (a vote, a failed deployment) cannot happen in U. */
static gboolean
first_epoch_events_act (const PocsimScenario *s, GError **error)
{
  const PocsimScenarioEpoch *entry = s->epochs->pdata[s->epochs->len - 1];
  if (s->start_kind != POCSIM_START_CASE || entry->epoch != s->first_epoch)
    return TRUE;
  for (guint k = 0; k < entry->events->len; k++)
    {
      const PocsimEvent *e = entry->events->pdata[k];
      if (e->kind == POCSIM_EVENT_VOTE || e->kind == POCSIM_EVENT_FAIL_DEPLOY)
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                       "%s: a %s in epoch %" G_GINT64_FORMAT " changes nothing: the start case holds that epoch's "
                       "commits and accepted PoC (start from the hosts shorthand to replay them)",
                       e->where, e->kind == POCSIM_EVENT_VOTE ? "vote" : "fail_deploy", entry->epoch);
          return FALSE;
        }
    }
  return TRUE;
}

PocsimScenario *
pocsim_scenario_from_json (const char *text, gsize len, const char *name, const char *path,
                           GError **error)
{
  Reader rd = { { text, len, name }, error };
  g_autoptr (json_t) root = pocsim_json_doc_parse (&rd.doc, error);
  if (root == NULL)
    return NULL;
  g_autoptr (PocsimScenario) s = pocsim_scenario_new (name, NULL, POCSIM_START_STATE, 0, 0);
  if (!read_header (&rd, root, s) || !read_start (&rd, root, path, s))
    return NULL;
  const json_t *timeline = json_object_get (root, "timeline");
  if (timeline != NULL && !json_is_array (timeline))
    {
      pocsim_json_doc_fail (&rd.doc, "/timeline", error, "timeline must be an array");
      return NULL;
    }
  for (gsize k = 0; k < json_array_size (timeline); k++)
    {
      g_autofree char *p = pocsim_json_ptr_index ("/timeline", k);
      if (!read_epoch_entry (&rd, json_array_get (timeline, k), p, s) || !first_epoch_events_act (s, error))
        return NULL;
    }
  const json_t *until = json_object_get (root, "until");
  if (until != NULL)
    {
      gint64 u;
      if (!read_count (&rd, until, "/until", "until", &u))
        return NULL;
      if (!within_replay (&rd, u, s, "/until", "until"))
        return NULL;
      if (u < s->last_epoch)
        {
          pocsim_json_doc_fail (&rd.doc, "/until", error,
                                "until (%" G_GINT64_FORMAT ") is before the last timeline epoch (%" G_GINT64_FORMAT ")",
                                u, s->last_epoch);
          return NULL;
        }
      s->last_epoch = u;
    }
  return g_steal_pointer (&s);
}

PocsimScenario *
pocsim_scenario_load (const char *path, GError **error)
{
  gsize len;
  g_autofree char *text = pocsim_read_input (path, &len, error);
  if (text == NULL)
    return NULL;
  const char *name = strcmp (path, "-") == 0 ? "<stdin>" : path;
  return pocsim_scenario_from_json (text, len, name, strcmp (path, "-") == 0 ? NULL : path, error);
}
