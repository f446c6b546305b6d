#include "io/case_json.h"

#include <errno.h>
#include "io/json_autoptr.h"
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "io/json_doc.h"
#include "io/json_locate.h"



/* The reading context: the raw text (to locate values for messages) and the
 * case being filled. */
typedef struct {
  const char *text;   /* NULL for a document built in memory (no positions) */
  gsize len;
  const char *name;
  const char *prefix; /* JSON Pointer of the case inside its text ("" = the root) */
  PocsimCase *c;
  GError **error;
  PocsimCaseLocateFunc locate; /* NULL: locate in text */
  gpointer locate_data;
} Reader;

/* ---- located errors ---- */

/* A message is one line even when it quotes the input (a model id "m1\nm2"):
 * control characters are written as \n, \r, \t or \xNN.  Returns a new
 * string. */
static char *
one_line (const char *s)
{
  GString *out = g_string_sized_new (strlen (s));
  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\r')
        g_string_append (out, "\\r");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\x%02x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean G_GNUC_PRINTF (3, 4)
fail_at (Reader *rd, const char *pointer, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *raw = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_autofree char *msg = one_line (raw);
  if (rd->locate != NULL)
    {
      g_autofree char *where = rd->locate (pointer, rd->locate_data);
      g_set_error (rd->error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: %s", where, msg);
      return FALSE;
    }
  if (rd->text == NULL)
    {
      g_set_error (rd->error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: %s", rd->name, msg);
      return FALSE;
    }
  PocsimJsonPos pos = { 1, 1 };
  g_autofree char *full = g_strconcat (rd->prefix, pointer, NULL);
  pocsim_json_locate (rd->text, rd->len, full, &pos);
  g_set_error (rd->error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s:%u:%u: %s", rd->name, pos.line,
               pos.column, msg);
  return FALSE;
}

/* Pointers to parent + "/" + key or index, owned by the caller. */
#define ptr_key pocsim_json_pointer_key
#define ptr_index pocsim_json_pointer_index

/* "Missing, null, 0 and \"\" mean the same thing." */
static gboolean
is_unset (const json_t *v)
{
  return v == NULL || json_is_null (v) || (json_is_integer (v) && json_integer_value (v) == 0)
         || (json_is_string (v) && json_string_length (v) == 0);
}

/* ---- scalars ---- */

/* An integer as a JSON number or string; unset = 0. */
static gboolean
read_int (Reader *rd, const json_t *v, const char *ptr, const char *what, gint64 *out)
{
  switch (pocsim_json_int (v, out))
    {
    case POCSIM_JSON_INT_OK:
      return TRUE;
    case POCSIM_JSON_INT_BAD_TEXT:
      return fail_at (rd, ptr, "%s: \"%s\" is not an int64 integer", what, json_string_value (v));
    default:
      return fail_at (rd, ptr, "%s: expected an integer (number or string), got %s", what, pocsim_json_type_name (v));
    }
}

static gboolean
read_nonneg_int (Reader *rd, const json_t *v, const char *ptr, const char *what, gint64 *out)
{
  if (!read_int (rd, v, ptr, what, out))
    return FALSE;
  if (*out < 0)
    return fail_at (rd, ptr, "%s: negative value %" G_GINT64_FORMAT, what, *out);
  return TRUE;
}

/* A decimal: {"value", "exponent"}, a decimal string, or an integer.
 * *was_unset tells the "unset" forms apart ({0,0} included). */
static gboolean
read_dec (Reader *rd, const json_t *v, const char *ptr, const char *what, PocsimDec *out,
          gboolean *was_unset)
{
  g_autoptr (GError) local = NULL;
  gboolean unset = is_unset (v);
  *out = pocsim_dec_zero ();
  if (unset)
    ;
  else if (json_is_object (v))
    {
      g_autofree char *pv = ptr_key (ptr, "value");
      g_autofree char *pe = ptr_key (ptr, "exponent");
      gint64 value, exponent;
      if (!read_int (rd, json_object_get (v, "value"), pv, what, &value)
          || !read_int (rd, json_object_get (v, "exponent"), pe, what, &exponent))
        return FALSE;
      unset = (value == 0 && exponent == 0);
      if (!pocsim_dec_from_parts (value, exponent, out, &local))
        return fail_at (rd, ptr, "%s: %s", what, local->message);
    }
  else if (json_is_string (v))
    {
      if (!pocsim_dec_parse (json_string_value (v), out, &local))
        return fail_at (rd, ptr, "%s: %s", what, local->message);
    }
  else if (json_is_integer (v))
    *out = pocsim_dec_from_int64 (json_integer_value (v));
  else
    return fail_at (rd, ptr, "%s: expected a decimal ({\"value\", \"exponent\"} or a string), got %s",
                    what, pocsim_json_type_name (v));
  if (was_unset)
    *was_unset = unset;
  return TRUE;
}

static gboolean
read_fraction (Reader *rd, const json_t *obj, const char *parent, const char *key, PocsimDec *out)
{
  g_autofree char *ptr = ptr_key (parent, key);
  if (!read_dec (rd, json_object_get (obj, key), ptr, key, out, NULL))
    return FALSE;
  if (pocsim_dec_cmp (*out, pocsim_dec_zero ()) < 0)
    return fail_at (rd, ptr, "%s: must not be negative", key);
  return TRUE;
}

static gboolean
expect_object_or_null (Reader *rd, const json_t *v, const char *ptr, const char *what)
{
  if (v != NULL && !json_is_null (v) && !json_is_object (v))
    return fail_at (rd, ptr, "%s: expected an object, got %s", what, pocsim_json_type_name (v));
  return TRUE;
}

static gboolean
expect_array_or_null (Reader *rd, const json_t *v, const char *ptr, const char *what)
{
  if (v != NULL && !json_is_null (v) && !json_is_array (v))
    return fail_at (rd, ptr, "%s: expected an array, got %s", what, pocsim_json_type_name (v));
  return TRUE;
}

static gboolean
read_string (Reader *rd, const json_t *v, const char *ptr, const char *what, const char **out)
{
  if (v == NULL || json_is_null (v))
    {
      *out = "";
      return TRUE;
    }
  if (!json_is_string (v))
    return fail_at (rd, ptr, "%s: expected a string, got %s", what, pocsim_json_type_name (v));
  *out = json_string_value (v);
  return TRUE;
}

/* ---- pass 1: every address and model id the case mentions ---- */

typedef struct {
  GPtrArray *addrs;  /* borrowed strings from the json_t tree, each once */
  GPtrArray *models;
  GHashTable *seen_addrs;
  GHashTable *seen_models;
} Names;

/* Lists a name once: a case repeats each address in many places, and
 * sorting the repeats would cost more than reading the case. */
static void
name_add (GPtrArray *into, GHashTable *seen, const char *name)
{
  if (g_hash_table_add (seen, (gpointer) name))
    g_ptr_array_add (into, (gpointer) name);
}

static void
addr_add (Names *n, const char *name)
{
  name_add (n->addrs, n->seen_addrs, name);
}

static void
model_add (Names *n, const char *name)
{
  name_add (n->models, n->seen_models, name);
}

static void
collect_keys (const json_t *obj, Names *n, void (*add) (Names *, const char *))
{
  const char *key;
  json_t *value;
  if (!json_is_object (obj))
    return;
  json_object_foreach ((json_t *) obj, key, value)
    add (n, key);
}

static void
collect_record_names (const json_t *list, const char *const *addr_fields, Names *n)
{
  size_t i;
  json_t *rec;
  if (!json_is_array (list))
    return;
  json_array_foreach ((json_t *) list, i, rec)
    {
      const json_t *model = json_object_get (rec, "model_id");
      if (json_is_string (model) && json_string_length (model) > 0)
        model_add (n, json_string_value (model));
      for (const char *const *f = addr_fields; *f; f++)
        {
          const json_t *a = json_object_get (rec, *f);
          if (json_is_string (a) && json_string_length (a) > 0)
            addr_add (n, json_string_value (a));
        }
    }
}

static void
collect_names (const json_t *root, const json_t *params, Names *n)
{
  static const char *const del_fields[] = { "delegator", "delegate_to", NULL };
  static const char *const one_field[] = { "participant", NULL };
  const json_t *prev = json_object_get (root, "previous");
  const json_t *vps = json_object_get (prev, "voting_powers");
  const json_t *poc = json_object_get (root, "poc");
  const json_t *boot = json_object_get (root, "bootstrap_snapshot");
  const json_t *reg = json_object_get (root, "delegation_snapshot");
  const char *key;
  json_t *value;
  size_t i;

  const json_t *models = json_object_get (json_object_get (params, "poc_params"), "models");
  if (json_is_array (models))
    json_array_foreach ((json_t *) models, i, value)
      {
        const json_t *id = json_object_get (value, "model_id");
        if (json_is_string (id))
          model_add (n, json_string_value (id));
      }
  collect_keys (json_object_get (prev, "weights"), n, addr_add);
  collect_keys (vps, n, model_add);
  if (json_is_object (vps))
    json_object_foreach ((json_t *) vps, key, value)
      collect_keys (value, n, addr_add);
  collect_keys (poc, n, model_add);
  if (json_is_object (poc))
    json_object_foreach ((json_t *) poc, key, value)
      collect_keys (value, n, addr_add);
  const json_t *prev_poc = json_object_get (prev, "poc");
  collect_keys (prev_poc, n, model_add);
  if (json_is_object (prev_poc))
    json_object_foreach ((json_t *) prev_poc, key, value)
      collect_keys (value, n, addr_add);
  collect_record_names (json_object_get (boot, "delegations"), del_fields, n);
  collect_record_names (json_object_get (boot, "intents"), one_field, n);
  collect_record_names (json_object_get (reg, "delegations"), del_fields, n);
  collect_record_names (json_object_get (reg, "refusals"), one_field, n);
  collect_record_names (json_object_get (root, "commits"), one_field, n);
  const json_t *parts = json_object_get (root, "participants");
  if (json_is_array (parts))
    json_array_foreach ((json_t *) parts, i, value)
      if (json_is_string (value))
        addr_add (n, json_string_value (value));
  collect_keys (json_object_get (root, "collateral"), n, addr_add);
}

/* ---- pass 2: params ---- */

static gboolean
read_delegation_params (Reader *rd, const json_t *dp, const char *ptr)
{
  PocsimParams *p = &rd->c->params;
  g_autofree char *p_dw = ptr_key (ptr, "deploy_window");
  g_autofree char *p_vmin = ptr_key (ptr, "v_min");
  g_autofree char *p_init = ptr_key (ptr, "initial_model_id");
  const char *initial = "";
  if (!expect_object_or_null (rd, dp, ptr, "delegation_params")
      || !read_int (rd, json_object_get (dp, "deploy_window"), p_dw, "deploy_window", &p->deploy_window)
      || !read_int (rd, json_object_get (dp, "v_min"), p_vmin, "v_min", &p->v_min)
      || !read_fraction (rd, dp, ptr, "refusal_penalty", &p->refusal_penalty)
      || !read_fraction (rd, dp, ptr, "no_participation_penalty", &p->no_participation_penalty)
      || !read_fraction (rd, dp, ptr, "delegation_share", &p->delegation_share)
      || !read_fraction (rd, dp, ptr, "w_threshold", &p->w_threshold)
      || !read_fraction (rd, dp, ptr, "cap_factor", &p->cap_factor)
      || !read_fraction (rd, dp, ptr, "max_model_voting_power_percentage", &p->max_model_vp_pct)
      || !read_string (rd, json_object_get (dp, "initial_model_id"), p_init, "initial_model_id", &initial))
    return FALSE;
  if (*initial != '\0')
    {
      guint32 m = pocsim_case_find_model (rd->c, initial);
      if (m == POCSIM_NO_MODEL || !rd->c->models[m].in_params)
        return fail_at (rd, p_init, "initial_model_id \"%s\" is not in poc_params.models", initial);
      p->initial_model = m;
    }
  return TRUE;
}

static gboolean
read_model_config (Reader *rd, const json_t *cfg, const char *ptr)
{
  g_autofree char *p_id = ptr_key (ptr, "model_id");
  g_autofree char *p_wsf = ptr_key (ptr, "weight_scale_factor");
  g_autofree char *p_pse = ptr_key (ptr, "penalty_start_epoch");
  const char *id = "";
  if (!json_is_object (cfg))
    return fail_at (rd, ptr, "poc_params.models: expected an object, got %s", pocsim_json_type_name (cfg));
  if (!read_string (rd, json_object_get (cfg, "model_id"), p_id, "model_id", &id))
    return FALSE;
  if (*id == '\0')
    return fail_at (rd, ptr, "poc_params.models: model_id is missing");
  PocsimModel *model = &rd->c->models[pocsim_case_find_model (rd->c, id)];
  if (model->in_params)
    return fail_at (rd, p_id, "poc_params.models: duplicate model_id \"%s\"", id);
  model->in_params = TRUE;
  gboolean unset;
  if (!read_dec (rd, json_object_get (cfg, "weight_scale_factor"), p_wsf, "weight_scale_factor",
                 &model->coeff, &unset))
    return FALSE;
  const json_t *wsf = json_object_get (cfg, "weight_scale_factor");
  if (unset || (json_is_string (wsf) && strcmp (json_string_value (wsf), "0") == 0)) /* LegacyDecOrOne */
    model->coeff = pocsim_dec_one ();
  if (pocsim_dec_cmp (model->coeff, pocsim_dec_zero ()) < 0)
    return fail_at (rd, p_wsf, "weight_scale_factor: must not be negative");
  gint64 start;
  if (!read_nonneg_int (rd, json_object_get (cfg, "penalty_start_epoch"), p_pse, "penalty_start_epoch", &start))
    return FALSE;
  model->penalty_start_epoch = (guint64) start;
  return TRUE;
}

static gboolean
read_poc_params (Reader *rd, const json_t *pp, const char *ptr)
{
  PocsimParams *p = &rd->c->params;
  g_autofree char *p_models = ptr_key (ptr, "models");
  g_autofree char *p_slots = ptr_key (ptr, "validation_slots");
  g_autofree char *p_bps = ptr_key (ptr, "validation_vote_threshold_bps");
  const json_t *models = json_object_get (pp, "models");
  gint64 slots, bps;
  size_t i;
  json_t *cfg;
  if (!expect_object_or_null (rd, pp, ptr, "poc_params")
      || !expect_array_or_null (rd, models, p_models, "poc_params.models")
      || !read_nonneg_int (rd, json_object_get (pp, "validation_slots"), p_slots, "validation_slots", &slots)
      || !read_nonneg_int (rd, json_object_get (pp, "validation_vote_threshold_bps"), p_bps,
                           "validation_vote_threshold_bps", &bps))
    return FALSE;
  if (slots > G_MAXUINT32 || bps > 10000)
    return fail_at (rd, slots > G_MAXUINT32 ? p_slots : p_bps, "value out of range");
  p->validation_slots = (guint32) slots;
  p->validation_vote_threshold_bps = (guint32) bps;
  if (json_is_array (models))
    json_array_foreach ((json_t *) models, i, cfg)
      {
        g_autofree char *p_cfg = ptr_index (p_models, i);
        if (!read_model_config (rd, cfg, p_cfg))
          return FALSE;
      }
  return TRUE;
}

static gboolean
read_collateral_params (Reader *rd, const json_t *cp, const char *ptr)
{
  PocsimParams *p = &rd->c->params;
  g_autofree char *p_grace = ptr_key (ptr, "grace_period_end_epoch");
  if (cp == NULL || json_is_null (cp))
    return TRUE;
  if (!expect_object_or_null (rd, cp, ptr, "collateral_params")
      || !read_int (rd, json_object_get (cp, "grace_period_end_epoch"), p_grace, "grace_period_end_epoch",
                    &p->grace_period_end_epoch)
      || !read_fraction (rd, cp, ptr, "base_weight_ratio", &p->base_weight_ratio)
      || !read_fraction (rd, cp, ptr, "collateral_per_weight_unit", &p->collateral_per_weight_unit))
    return FALSE;
  p->collateral_enabled = TRUE;
  return TRUE;
}

static gboolean
read_reward_params (Reader *rd, const json_t *bp, const char *ptr)
{
  PocsimParams *p = &rd->c->params;
  g_autofree char *p_init = ptr_key (ptr, "initial_epoch_reward");
  g_autofree char *p_decay = ptr_key (ptr, "decay_rate");
  g_autofree char *p_gen = ptr_key (ptr, "genesis_epoch");
  gint64 initial, genesis;
  if (bp == NULL || json_is_null (bp))
    return TRUE;
  if (!expect_object_or_null (rd, bp, ptr, "bitcoin_reward_params")
      || !read_nonneg_int (rd, json_object_get (bp, "initial_epoch_reward"), p_init, "initial_epoch_reward", &initial)
      || !read_dec (rd, json_object_get (bp, "decay_rate"), p_decay, "decay_rate", &p->decay_rate, NULL)
      || !read_nonneg_int (rd, json_object_get (bp, "genesis_epoch"), p_gen, "genesis_epoch", &genesis))
    return FALSE;
  p->has_reward = TRUE;
  p->initial_epoch_reward = (guint64) initial;
  p->reward_genesis_epoch = (guint64) genesis;
  return TRUE;
}

static gboolean
read_params (Reader *rd, const json_t *params, const char *ptr)
{
  g_autofree char *p_dp = ptr_key (ptr, "delegation_params");
  g_autofree char *p_pp = ptr_key (ptr, "poc_params");
  g_autofree char *p_cp = ptr_key (ptr, "collateral_params");
  g_autofree char *p_bp = ptr_key (ptr, "bitcoin_reward_params");
  g_autofree char *p_gp = ptr_key (ptr, "genesis_only_params");
  const json_t *genesis = json_object_get (params, "genesis_only_params");
  /* poc_params first: delegation_params.initial_model_id refers to it. */
  if (!read_poc_params (rd, json_object_get (params, "poc_params"), p_pp)
      || !read_delegation_params (rd, json_object_get (params, "delegation_params"), p_dp)
      || !read_collateral_params (rd, json_object_get (params, "collateral_params"), p_cp)
      || !read_reward_params (rd, json_object_get (params, "bitcoin_reward_params"), p_bp)
      || !expect_object_or_null (rd, genesis, p_gp, "genesis_only_params"))
    return FALSE;
  PocsimDec pct;
  if (!read_fraction (rd, genesis, p_gp, "max_individual_power_percentage", &pct))
    return FALSE;
  rd->c->params.power_cap_enabled = !pocsim_dec_is_zero (pct);
  return TRUE;
}

/* ---- pass 2: state ---- */

/* {MODEL: {ADDR: n}} at POINTER (called NAME in messages) into the per-cell array CELLS; FLAG (if
 * nonzero) is set on every cell whose value is positive. */
static gboolean
read_model_map (Reader *rd, const json_t *map, const char *pointer, const char *name, const char *what,
                gint64 *cells, guint8 flag)
{
  PocsimCase *c = rd->c;
  const char *key, *addr;
  json_t *value, *v;
  if (!json_is_object (map))
    return TRUE;
  json_object_foreach ((json_t *) map, key, value)
    {
      g_autofree char *p_model = ptr_key (pointer, key);
      guint32 m = pocsim_case_find_model (c, key);
      if (!expect_object_or_null (rd, value, p_model, name))
        return FALSE;
      if (json_is_object (value))
        json_object_foreach (value, addr, v)
          {
            g_autofree char *ptr = ptr_key (p_model, addr);
            gsize k = pocsim_cell (c, m, pocsim_case_find_addr (c, addr));
            if (!read_nonneg_int (rd, v, ptr, what, &cells[k]))
              return FALSE;
            if (flag && cells[k] > 0)
              c->cell_flags[k] |= flag;
          }
    }
  return TRUE;
}

static gboolean
read_previous (Reader *rd, const json_t *prev)
{
  PocsimCase *c = rd->c;
  const json_t *weights = json_object_get (prev, "weights");
  const json_t *vps = json_object_get (prev, "voting_powers");
  const json_t *poc = json_object_get (prev, "poc");
  const char *key;
  json_t *value;
  gint64 total = 0;
  if (!expect_object_or_null (rd, prev, "/previous", "previous")
      || !expect_object_or_null (rd, weights, "/previous/weights", "previous.weights")
      || !expect_object_or_null (rd, vps, "/previous/voting_powers", "previous.voting_powers")
      || !expect_object_or_null (rd, poc, "/previous/poc", "previous.poc"))
    return FALSE;
  if (json_is_object (weights))
    json_object_foreach ((json_t *) weights, key, value)
      {
        g_autofree char *ptr = ptr_key ("/previous/weights", key);
        guint32 a = pocsim_case_find_addr (c, key);
        if (!read_nonneg_int (rd, value, ptr, "weight", &c->prev_weight[a]))
          return FALSE;
        if (!pocsim_add_i64 (total, c->prev_weight[a], &total))
          return fail_at (rd, ptr, "previous.weights: the total weight overflows int64");
        c->addr_flags[a] |= POCSIM_ADDR_IN_PREVIOUS;
      }
  /* VP_E: the chain keeps only VP > 0.  previous.poc: E's subgroup raw
   * PoC weights (optional; read by the empty-epoch fallback). */
  if (!read_model_map (rd, vps, "/previous/voting_powers", "voting_powers", "voting power", c->prev_vp,
                       POCSIM_CELL_PREV_VP)
      || !read_model_map (rd, poc, "/previous/poc", "previous.poc", "PoC weight", c->prev_pw, 0))
    return FALSE;
  return TRUE;
}

/* A record's model must be a PoC model of the params. */
static gboolean
read_record_model (Reader *rd, const json_t *rec, const char *ptr, guint32 *m)
{
  g_autofree char *p_model = ptr_key (ptr, "model_id");
  const char *id = "";
  if (!json_is_object (rec))
    return fail_at (rd, ptr, "expected a record object, got %s", pocsim_json_type_name (rec));
  if (!read_string (rd, json_object_get (rec, "model_id"), p_model, "model_id", &id))
    return FALSE;
  if (*id == '\0')
    return fail_at (rd, ptr, "record without model_id");
  *m = pocsim_case_find_model (rd->c, id);
  if (!rd->c->models[*m].in_params)
    return fail_at (rd, p_model, "unknown model \"%s\" (not in params.poc_params.models)", id);
  return TRUE;
}

static gboolean
read_record_addr (Reader *rd, const json_t *rec, const char *ptr, const char *field, gboolean required,
                  guint32 *a)
{
  g_autofree char *p_field = ptr_key (ptr, field);
  const char *s = "";
  if (!read_string (rd, json_object_get (rec, field), p_field, field, &s))
    return FALSE;
  if (*s == '\0')
    {
      *a = POCSIM_NO_ADDR;
      return required ? fail_at (rd, ptr, "record without %s", field) : TRUE;
    }
  *a = pocsim_case_find_addr (rd->c, s);
  return TRUE;
}

/* Records of one list: (model, addr) must be unique within it. */
typedef enum { RECORD_DELEGATION, RECORD_FLAG } RecordKind;

/* The common well-formed record, read without building the JSON Pointers
 * that only an error message needs (a replay reads thousands per epoch).
 * FALSE sends the record down the located, checking path. */
static gboolean
read_record_fast (const PocsimCase *c, const json_t *rec, const char *addr_field, RecordKind kind,
                  guint32 *m, guint32 *a, guint32 *t)
{
  const json_t *model = json_object_get (rec, "model_id"), *addr = json_object_get (rec, addr_field);
  if (!json_is_string (model) || !json_is_string (addr) || json_string_length (addr) == 0)
    return FALSE;
  *m = pocsim_case_find_model (c, json_string_value (model));
  if (*m == POCSIM_NO_MODEL || !c->models[*m].in_params)
    return FALSE;
  *a = pocsim_case_find_addr (c, json_string_value (addr));
  *t = POCSIM_NO_ADDR;
  if (kind != RECORD_DELEGATION)
    return TRUE;
  const json_t *target = json_object_get (rec, "delegate_to");
  if (!json_is_string (target))
    return FALSE;
  if (json_string_length (target) > 0)
    *t = pocsim_case_find_addr (c, json_string_value (target));
  return TRUE;
}

static gboolean
read_records (Reader *rd, const json_t *list, const char *ptr, RecordKind kind, const char *addr_field,
              guint32 *targets, guint8 flag)
{
  PocsimCase *c = rd->c;
  g_autofree guint8 *seen = g_new0 (guint8, (gsize) c->n_models * c->n_addrs + 1);
  size_t i;
  json_t *rec;
  if (!expect_array_or_null (rd, list, ptr, "record list"))
    return FALSE;
  if (!json_is_array (list))
    return TRUE;
  json_array_foreach ((json_t *) list, i, rec)
    {
      guint32 m = 0, a = 0, t = POCSIM_NO_ADDR;
      if (!read_record_fast (c, rec, addr_field, kind, &m, &a, &t))
        {
          g_autofree char *p_rec = ptr_index (ptr, i);
          if (!read_record_model (rd, rec, p_rec, &m) || !read_record_addr (rd, rec, p_rec, addr_field, TRUE, &a))
            return FALSE;
          if (kind == RECORD_DELEGATION && !read_record_addr (rd, rec, p_rec, "delegate_to", FALSE, &t))
            return FALSE;
        }
      gsize k = pocsim_cell (c, m, a);
      if (seen[k])
        {
          g_autofree char *p_rec = ptr_index (ptr, i);
          return fail_at (rd, p_rec, "duplicate record for (%s, %s)", c->models[m].id, c->addrs[a]);
        }
      seen[k] = 1;
      if (kind == RECORD_DELEGATION)
        targets[k] = t; /* an empty delegate_to is no record */
      else
        c->cell_flags[k] |= flag;
    }
  return TRUE;
}

static gboolean
read_snapshots (Reader *rd, const json_t *root)
{
  PocsimCase *c = rd->c;
  const json_t *boot = json_object_get (root, "bootstrap_snapshot");
  const json_t *reg = json_object_get (root, "delegation_snapshot");
  if (!expect_object_or_null (rd, boot, "/bootstrap_snapshot", "bootstrap_snapshot")
      || !expect_object_or_null (rd, reg, "/delegation_snapshot", "delegation_snapshot"))
    return FALSE;
  c->has_bootstrap_snapshot = json_is_object (boot);
  c->has_delegation_snapshot = json_is_object (reg);
  return read_records (rd, json_object_get (boot, "delegations"), "/bootstrap_snapshot/delegations",
                       RECORD_DELEGATION, "delegator", c->boot_delegate, 0)
         && read_records (rd, json_object_get (boot, "intents"), "/bootstrap_snapshot/intents", RECORD_FLAG,
                          "participant", NULL, POCSIM_CELL_BOOT_INTENT)
         && read_records (rd, json_object_get (reg, "delegations"), "/delegation_snapshot/delegations",
                          RECORD_DELEGATION, "delegator", c->reg_delegate, 0)
         && read_records (rd, json_object_get (reg, "refusals"), "/delegation_snapshot/refusals", RECORD_FLAG,
                          "participant", NULL, POCSIM_CELL_REFUSAL);
}

static gboolean
read_commits (Reader *rd, const json_t *commits)
{
  PocsimCase *c = rd->c;
  if (!read_records (rd, commits, "/commits", RECORD_FLAG, "participant", NULL, POCSIM_CELL_COMMIT))
    return FALSE;
  for (guint m = 0; m < c->n_models; m++)
    for (guint a = 0; a < c->n_addrs; a++)
      if (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_COMMIT)
        c->addr_flags[a] |= POCSIM_ADDR_COMMITTED;
  return TRUE;
}

static gboolean
read_poc (Reader *rd, const json_t *poc)
{
  PocsimCase *c = rd->c;
  const char *model, *addr;
  json_t *members, *v;
  g_autofree gint64 *raw = g_new0 (gint64, c->n_addrs + 1);
  if (!expect_object_or_null (rd, poc, "/poc", "poc"))
    return FALSE;
  if (!json_is_object (poc))
    return TRUE;
  json_object_foreach ((json_t *) poc, model, members)
    {
      g_autofree char *p_model = ptr_key ("/poc", model);
      guint32 m = pocsim_case_find_model (c, model);
      gint64 group_total = 0;
      if (!expect_object_or_null (rd, members, p_model, "poc"))
        return FALSE;
      if (!json_is_object (members))
        continue;
      json_object_foreach (members, addr, v)
        {
          g_autofree char *ptr = ptr_key (p_model, addr);
          guint32 a = pocsim_case_find_addr (c, addr);
          gsize k = pocsim_cell (c, m, a);
          if (!read_nonneg_int (rd, v, ptr, "PoC weight", &c->pw[k]))
            return FALSE;
          if (!pocsim_add_i64 (group_total, c->pw[k], &group_total)
              || !pocsim_add_i64 (raw[a], c->pw[k], &raw[a]))
            return fail_at (rd, ptr, "PoC weight: int64 overflow in a sum");
          c->cell_flags[k] |= POCSIM_CELL_MEMBER;
          c->addr_flags[a] |= POCSIM_ADDR_ACTIVE;
        }
    }
  return TRUE;
}

static gboolean
read_participants_and_collateral (Reader *rd, const json_t *root)
{
  PocsimCase *c = rd->c;
  const json_t *parts = json_object_get (root, "participants");
  const json_t *coll = json_object_get (root, "collateral");
  size_t i;
  json_t *v;
  const char *key;
  if (!expect_array_or_null (rd, parts, "/participants", "participants")
      || !expect_object_or_null (rd, coll, "/collateral", "collateral"))
    return FALSE;
  if (json_is_array (parts))
    json_array_foreach ((json_t *) parts, i, v)
      {
        g_autofree char *ptr = ptr_index ("/participants", i);
        const char *addr = "";
        if (!read_string (rd, v, ptr, "participant", &addr))
          return FALSE;
        if (*addr == '\0')
          return fail_at (rd, ptr, "participants: empty address");
        guint32 a = pocsim_case_find_addr (c, addr);
        c->addr_flags[a] |= POCSIM_ADDR_ACTIVE;
      }
  if (json_is_object (coll))
    json_object_foreach ((json_t *) coll, key, v)
      {
        g_autofree char *ptr = ptr_key ("/collateral", key);
        guint32 a = pocsim_case_find_addr (c, key);
        if (!read_nonneg_int (rd, v, ptr, "collateral", &c->collateral[a]))
          return FALSE;
        c->addr_flags[a] |= POCSIM_ADDR_HAS_COLLATERAL;
      }
  return TRUE;
}

static gboolean
read_header (Reader *rd, const json_t *root, const char *rules_override)
{
  PocsimCase *c = rd->c;
  const char *format = "", *rules = "";
  if (!read_string (rd, json_object_get (root, "format"), "/format", "format", &format)
      || !read_string (rd, json_object_get (root, "rules"), "/rules", "rules", &rules)
      || !read_nonneg_int (rd, json_object_get (root, "upcoming_epoch"), "/upcoming_epoch", "upcoming_epoch",
                           &c->upcoming_epoch))
    return FALSE;
  if (*format != '\0' && strcmp (format, "pocsim-case/1") != 0)
    return fail_at (rd, "/format", "unsupported format \"%s\" (expected \"pocsim-case/1\")", format);
  if (json_object_get (root, "upcoming_epoch") == NULL)
    return fail_at (rd, "", "upcoming_epoch is missing");
  const char *name = rules_override ? rules_override : rules;
  if (*name == '\0')
    return TRUE; /* default rule set */
  c->rules = pocsim_rule_set_lookup (name);
  if (c->rules == NULL)
    {
      if (rules_override)
        {
          g_set_error (rd->error, POCSIM_ERROR, POCSIM_ERROR_USAGE,
                       "unknown rule set \"%s\" (see 'pocsim rules')", name);
          return FALSE;
        }
      return fail_at (rd, "/rules", "unknown rule set \"%s\" (see 'pocsim rules')", name);
    }
  return TRUE;
}

/* ---- entry points ---- */

/* The case with its tables, or NULL with the error set when they would be
 * too large (POCSIM_CASE_MAX_CELLS). */
static PocsimCase *
build_tables (Reader *rd, const json_t *root, const json_t *params)
{
  Names n = { g_ptr_array_new (), g_ptr_array_new (), g_hash_table_new (g_str_hash, g_str_equal),
              g_hash_table_new (g_str_hash, g_str_equal) };
  collect_names (root, params, &n);
  g_hash_table_destroy (n.seen_addrs);
  g_hash_table_destroy (n.seen_models);
  /* The names are distinct (collect_names); refuse before allocating. */
  PocsimCase *c = NULL;
  if ((guint64) n.addrs->len * n.models->len > POCSIM_CASE_MAX_CELLS)
    fail_at (rd, "", "%u models and %u addresses make more (model, address) pairs than pocsim handles (%"
             G_GSIZE_FORMAT ")", n.models->len, n.addrs->len, (gsize) POCSIM_CASE_MAX_CELLS);
  else
    c = pocsim_case_new ((const char *const *) n.addrs->pdata, n.addrs->len,
                         (const char *const *) n.models->pdata, n.models->len);
  g_ptr_array_free (n.addrs, TRUE);
  g_ptr_array_free (n.models, TRUE);
  return c;
}

static PocsimCase *
case_from_root (Reader rd, const json_t *root, const char *rules_override);

PocsimCase *
pocsim_case_from_json_tree (const json_t *root, const char *text, gsize len, const char *name,
                            const char *prefix, const char *rules_override, GError **error)
{
  Reader rd = { text, len, name, prefix ? prefix : "", NULL, error, NULL, NULL };
  return case_from_root (rd, root, rules_override);
}

PocsimCase *
pocsim_case_from_tree (const json_t *root, PocsimCaseLocateFunc locate, gpointer locate_data,
                       const char *rules_override, GError **error)
{
  Reader rd = { "", 0, "", "", NULL, error, locate, locate_data };
  return case_from_root (rd, root, rules_override);
}

static PocsimCase *
case_from_root (Reader rd, const json_t *root, const char *rules_override)
{
  if (!json_is_object (root))
    {
      fail_at (&rd, "", "a case must be a JSON object, got %s", pocsim_json_type_name (root));
      return NULL;
    }
  /* params: the whole REST response {"params": {...}} or the inner object. */
  const json_t *params = json_object_get (root, "params");
  const char *p_params = "/params";
  if (json_is_object (params) && json_is_object (json_object_get (params, "params")))
    {
      params = json_object_get (params, "params");
      p_params = "/params/params";
    }
  if (!expect_object_or_null (&rd, params, "/params", "params"))
    return NULL;

  g_autoptr (PocsimCase) c = build_tables (&rd, root, params);
  if (c == NULL)
    return NULL;
  rd.c = c;
  if (!read_header (&rd, root, rules_override) || !read_params (&rd, params, p_params)
      || !read_previous (&rd, json_object_get (root, "previous")) || !read_snapshots (&rd, root)
      || !read_commits (&rd, json_object_get (root, "commits")) || !read_poc (&rd, json_object_get (root, "poc"))
      || !read_participants_and_collateral (&rd, root))
    return NULL;
  return g_steal_pointer (&c);
}

PocsimCase *
pocsim_case_from_json (const char *text, gsize len, const char *name, const char *rules_override,
                       GError **error)
{
  json_error_t jerr;
  g_autoptr (json_t) root = json_loadb (text, len, JSON_REJECT_DUPLICATES, &jerr);
  if (root == NULL)
    {
      g_autofree char *msg = one_line (jerr.text);
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s:%d:%d: %s", name, MAX (jerr.line, 1),
                   MAX (jerr.column, 1), msg);
      return NULL;
    }
  return pocsim_case_from_json_tree (root, text, len, name, "", rules_override, error);
}

char *
pocsim_read_input (const char *path, gsize *len_out, GError **error)
{
  if (strcmp (path, "-") != 0)
    {
      char *text;
      g_autoptr (GError) local = NULL;
      if (!g_file_get_contents (path, &text, len_out, &local))
        {
          /* GLib's message is localised and quoted; keep ours plain. */
          int code = local->domain == G_FILE_ERROR ? local->code : -1;
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: %s", path,
                       code == G_FILE_ERROR_NOENT ? "No such file or directory"
                       : code == G_FILE_ERROR_ACCES ? "Permission denied"
                       : code == G_FILE_ERROR_ISDIR ? "Is a directory"
                       : "cannot read the file");
          return NULL;
        }
      return text;
    }
  GString *buf = g_string_new (NULL);
  char chunk[65536];
  size_t n;
  while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
    g_string_append_len (buf, chunk, n);
  if (ferror (stdin))
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "<stdin>: read error");
      g_string_free (buf, TRUE);
      return NULL;
    }
  *len_out = buf->len;
  return g_string_free (buf, FALSE);
}
