/* snapshot_dir.c - a snapshot directory, assembled into a pocsim-case/1 document. */
#include "io/snapshot_dir.h"

#include <errno.h>
#include <string.h>

#include "core/error.h"
#include "io/case_json.h"
#include "io/json_autoptr.h"
#include "io/json_doc.h"
#include "io/json_locate.h"
#include "io/meta.h"

/* One file read: its name in messages, its text (to locate values) and its tree. */
typedef struct {
  char *display; /* "DIR/previous/root.json" */
  char *text;
  gsize len;
  json_t *root;
} Source;

/* An integer read from a source, and where it stands there; also (v
 * unused) where a value of the assembled document came from. */
typedef struct {
  gint64 v;
  guint src;
  char *ptr; /* RFC 6901 pointer inside that source */
} Val;

/* A record: (model, addr) plus delegate_to for delegations. */
typedef struct {
  char *model;
  char *addr;
  char *to; /* NULL: not a delegation */
  guint src;
  char *ptr;
} Rec;

/* An object of a source copied whole into the case (params). */
typedef struct {
  json_t *obj; /* borrowed from the source */
  guint src;
  char *ptr;
} Embedded;

struct PocsimSnapshot {
  char *dir;
  GPtrArray *sources;  /* Source* */
  GHashTable *origins; /* case pointer -> Val* */

  Embedded params;     /* the inner Params object */
  Embedded genesis;    /* genesis_only_params (obj NULL: no file) */

  gint64 prev_epoch;   /* -1 unknown */
  Val *prev_epoch_val;
  gint64 cur_epoch;    /* of current/ groups, -1 unknown */
  Val *cur_epoch_val;
  gint64 manifest_epoch; /* -1 none */
  gint64 manifest_height; /* the height the capture read, -1 none */
  gint64 formation_height; /* manifest formation_height: where U is formed, -1 none */
  guint manifest_src;
  Val *manifest_val;
  gint64 effective_epoch; /* epoch.json {"epoch"}, -1 none */
  gint64 latest_epoch;    /* epoch.json {"latest_epoch"}, -1 none */
  Val *epoch_file_val;
  GPtrArray *sub_group_models; /* char*: root's sub_group_models */
  guint root_src;
  char *root_subs_ptr;

  GTree *prev_weights; /* addr -> Val* */
  GTree *prev_vp;      /* model -> GTree addr -> Val* */
  GTree *prev_pw;      /* model -> GTree addr -> Val* */
  GTree *cur_pw;       /* model -> GTree addr -> Val* */
  gboolean has_current;
  GPtrArray *commits;  /* Rec* */
  gboolean has_boot, has_val;
  GPtrArray *boot_dels, *boot_intents, *val_dels, *val_refusals; /* Rec* */
  GTree *collateral;   /* addr -> Val* */
  gboolean has_collateral;
  gboolean has_collateral_file; /* collateral.json, pocsim's own shape */
  GTree *excluded;     /* addr -> Val* (where the address stands): E's removed members */
  gboolean has_excluded;

  json_t *doc;
  GPtrArray *notes;
};

/* ---- small helpers ---- */

static void
source_free (gpointer p)
{
  Source *src = p;
  g_free (src->display);
  g_free (src->text);
  json_decref (src->root);
  g_free (src);
}

static void
val_free (gpointer p)
{
  Val *v = p;
  if (v == NULL)
    return;
  g_free (v->ptr);
  g_free (v);
}

static void
rec_free (gpointer p)
{
  Rec *r = p;
  g_free (r->model);
  g_free (r->addr);
  g_free (r->to);
  g_free (r->ptr);
  g_free (r);
}

static gint
str_cmp (gconstpointer a, gconstpointer b, gpointer unused)
{
  return strcmp (a, b);
}

/* For g_ptr_array_sort on an array of strings. */
static gint
str_ptr_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GTree *
tree_new (GDestroyNotify value_free)
{
  return g_tree_new_full (str_cmp, NULL, g_free, value_free);
}

static void
tree_free (gpointer t)
{
  g_tree_destroy (t);
}

/* The inner tree of a two-level map, created on demand. */
static GTree *
tree_sub (GTree *outer, const char *key)
{
  GTree *inner = g_tree_lookup (outer, key);
  if (inner == NULL)
    {
      inner = tree_new (val_free);
      g_tree_insert (outer, g_strdup (key), inner);
    }
  return inner;
}

static Val *
val_new (gint64 v, guint src, const char *ptr)
{
  Val *val = g_new0 (Val, 1);
  val->v = v;
  val->src = src;
  val->ptr = g_strdup (ptr);
  return val;
}

#define ptr_key pocsim_json_pointer_key

#define ptr_index pocsim_json_pointer_index

static PocsimSnapshot *
snapshot_new (const char *dir)
{
  PocsimSnapshot *s = g_new0 (PocsimSnapshot, 1);
  s->dir = g_strdup (dir);
  s->sources = g_ptr_array_new_with_free_func (source_free);
  s->origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, val_free);
  s->prev_epoch = s->cur_epoch = s->manifest_epoch = s->effective_epoch = s->latest_epoch = -1;
  s->manifest_height = s->formation_height = -1;
  s->sub_group_models = g_ptr_array_new_with_free_func (g_free);
  s->prev_weights = tree_new (val_free);
  s->prev_vp = tree_new (tree_free);
  s->prev_pw = tree_new (tree_free);
  s->cur_pw = tree_new (tree_free);
  s->commits = g_ptr_array_new_with_free_func (rec_free);
  s->boot_dels = g_ptr_array_new_with_free_func (rec_free);
  s->boot_intents = g_ptr_array_new_with_free_func (rec_free);
  s->val_dels = g_ptr_array_new_with_free_func (rec_free);
  s->val_refusals = g_ptr_array_new_with_free_func (rec_free);
  s->collateral = tree_new (val_free);
  s->excluded = tree_new (val_free);
  s->notes = g_ptr_array_new_with_free_func (g_free);
  return s;
}

void
pocsim_snapshot_free (PocsimSnapshot *s)
{
  if (s == NULL)
    return;
  g_free (s->dir);
  g_ptr_array_unref (s->sources);
  g_hash_table_unref (s->origins);
  g_free (s->params.ptr);
  g_free (s->genesis.ptr);
  val_free (s->prev_epoch_val);
  val_free (s->cur_epoch_val);
  val_free (s->manifest_val);
  val_free (s->epoch_file_val);
  g_ptr_array_unref (s->sub_group_models);
  g_free (s->root_subs_ptr);
  g_tree_destroy (s->prev_weights);
  g_tree_destroy (s->prev_vp);
  g_tree_destroy (s->prev_pw);
  g_tree_destroy (s->cur_pw);
  g_ptr_array_unref (s->commits);
  g_ptr_array_unref (s->boot_dels);
  g_ptr_array_unref (s->boot_intents);
  g_ptr_array_unref (s->val_dels);
  g_ptr_array_unref (s->val_refusals);
  g_tree_destroy (s->collateral);
  g_tree_destroy (s->excluded);
  json_decref (s->doc);
  g_ptr_array_unref (s->notes);
  g_free (s);
}

const json_t *
pocsim_snapshot_case_document (const PocsimSnapshot *s)
{
  return s->doc;
}

const GPtrArray *
pocsim_snapshot_notes (const PocsimSnapshot *s)
{
  return s->notes;
}

gint64
pocsim_snapshot_height (const PocsimSnapshot *s)
{
  return s->manifest_height;
}

gboolean
pocsim_snapshot_has_collateral (const PocsimSnapshot *s)
{
  return s->has_collateral;
}

void
pocsim_snapshot_add_inputs (const PocsimSnapshot *s, GPtrArray *inputs)
{
  for (guint k = 0; k < s->sources->len; k++)
    {
      const Source *so = g_ptr_array_index (s->sources, k);
      g_ptr_array_add (inputs, pocsim_input_file_new (so->display, so->text, so->len));
    }
}

/* ---- located errors ---- */

static char *
where (const PocsimSnapshot *s, guint src, const char *ptr)
{
  const Source *so = g_ptr_array_index (s->sources, src);
  PocsimJsonPos pos = { 1, 1 };
  pocsim_json_locate (so->text, so->len, ptr, &pos);
  return g_strdup_printf ("%s:%u:%u", so->display, pos.line, pos.column);
}

static gboolean G_GNUC_PRINTF (5, 6)
fail_at (const PocsimSnapshot *s, guint src, const char *ptr, GError **error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_autofree char *w = where (s, src, ptr);
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: %s", w, msg);
  return FALSE;
}

/* ---- typed access: missing = null = 0 = "" (all three encoders) ---- */

static gboolean
get_int (const PocsimSnapshot *s, guint src, const json_t *v, const char *ptr, const char *what, gint64 *out,
         GError **error)
{
  switch (pocsim_json_int (v, out))
    {
    case POCSIM_JSON_INT_OK:
      return TRUE;
    case POCSIM_JSON_INT_BAD_TEXT:
      return fail_at (s, src, ptr, error, "%s: \"%s\" is not an int64 integer", what, json_string_value (v));
    default:
      return fail_at (s, src, ptr, error, "%s: expected an integer (number or string), got %s", what,
                      pocsim_json_type_name (v));
    }
}

static gboolean
get_str (const PocsimSnapshot *s, guint src, const json_t *v, const char *ptr, const char *what,
         const char **out, GError **error)
{
  *out = "";
  if (v == NULL || json_is_null (v))
    return TRUE;
  if (!json_is_string (v) || json_string_length (v) != strlen (json_string_value (v)))
    return fail_at (s, src, ptr, error, "%s: expected a string, got %s", what,
                    json_is_string (v) ? "a string with a NUL byte" : pocsim_json_type_name (v));
  *out = json_string_value (v);
  return TRUE;
}

/* A value of TYPE (an object or array), or absent/null (then *out = NULL). */
static gboolean
get_typed (const PocsimSnapshot *s, guint src, const json_t *v, json_type type, const char *ptr, const char *what,
           json_t **out, GError **error)
{
  *out = NULL;
  if (v == NULL || json_is_null (v))
    return TRUE;
  if (json_typeof (v) != type)
    return fail_at (s, src, ptr, error, "%s: expected %s, got %s", what,
                    type == JSON_OBJECT ? "an object" : "an array", pocsim_json_type_name (v));
  *out = (json_t *) v;
  return TRUE;
}

#define get_obj(s, src, v, ptr, what, out, error) get_typed (s, src, v, JSON_OBJECT, ptr, what, out, error)
#define get_arr(s, src, v, ptr, what, out, error) get_typed (s, src, v, JSON_ARRAY, ptr, what, out, error)

/* The document of a source must be an object. */
static gboolean
top_object (const PocsimSnapshot *s, guint src, GError **error)
{
  const Source *so = g_ptr_array_index (s->sources, src);
  if (!json_is_object (so->root))
    return fail_at (s, src, "", error, "expected a JSON object, got %s", pocsim_json_type_name (so->root));
  return TRUE;
}

/* An envelope {"KEY": {...}} or the inner object itself: *out is the inner
 * object, *wrapped tells which (its pointer is then "/KEY", else ""). */
static gboolean
unwrap (const PocsimSnapshot *s, guint src, const char *key, json_t **out, gboolean *wrapped, GError **error)
{
  const Source *so = g_ptr_array_index (s->sources, src);
  if (!top_object (s, src, error))
    return FALSE;
  json_t *inner = json_object_get (so->root, key);
  *wrapped = inner != NULL;
  if (inner == NULL)
    {
      *out = so->root;
      return TRUE;
    }
  g_autofree char *p = ptr_key ("", key);
  if (!get_obj (s, src, inner, p, key, out, error))
    return FALSE;
  if (*out == NULL)
    return fail_at (s, src, p, error, "%s is null", key);
  return TRUE;
}

/* ---- sources ---- */

static guint
add_source (PocsimSnapshot *s, const char *display, char *text, gsize len)
{
  Source *so = g_new0 (Source, 1);
  so->display = g_strdup (display);
  so->text = text;
  so->len = len;
  g_ptr_array_add (s->sources, so);
  return s->sources->len - 1;
}

static gboolean
parse_source (PocsimSnapshot *s, guint src, GError **error)
{
  Source *so = g_ptr_array_index (s->sources, src);
  json_error_t jerr;
  so->root = json_loadb (so->text, so->len, JSON_REJECT_DUPLICATES, &jerr);
  if (so->root == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s:%d:%d: %s", so->display, MAX (jerr.line, 1),
                   MAX (jerr.column, 1), jerr.text);
      return FALSE;
    }
  return TRUE;
}

/* Reads DIR/REL.  Returns the source index, or -1 with error set (or -1
 * without error if OPTIONAL and the file does not exist). */
static gint
load_file (PocsimSnapshot *s, const char *rel, gboolean optional, GError **error)
{
  g_autofree char *path = g_build_filename (s->dir, rel, NULL);
  gsize len;
  if (optional && !g_file_test (path, G_FILE_TEST_EXISTS))
    return -1;
  char *text = pocsim_read_input (path, &len, error);
  if (text == NULL)
    return -1;
  guint src = add_source (s, path, text, len);
  if (!parse_source (s, src, error))
    return -1;
  return (gint) src;
}

/* ---- model id file names ---- */

static gboolean
plain_byte (unsigned char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '_' || c == '-';
}

char *
pocsim_snapshot_encode_model_id (const char *model_id)
{
  GString *s = g_string_new (NULL);
  for (const unsigned char *p = (const unsigned char *) model_id; *p; p++)
    if (plain_byte (*p))
      g_string_append_c (s, (char) *p);
    else
      g_string_append_printf (s, "%%%02X", *p);
  return g_string_free (s, FALSE);
}

char *
pocsim_snapshot_decode_model_id (const char *stem)
{
  GString *s = g_string_new (NULL);
  for (const char *p = stem; *p; p++)
    {
      if (*p != '%')
        {
          g_string_append_c (s, *p);
          continue;
        }
      int hi = g_ascii_xdigit_value (p[1]);
      int lo = hi < 0 ? -1 : g_ascii_xdigit_value (p[2]);
      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
        {
          g_string_free (s, TRUE);
          return NULL;
        }
      g_string_append_c (s, (char) (hi * 16 + lo));
      p += 2;
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

/* ---- the previous epoch index, seen by several files ---- */

static gboolean
note_epoch (PocsimSnapshot *s, guint src, const json_t *v, const char *ptr, gint64 *slot, Val **slot_val,
            GError **error)
{
  gint64 e;
  if (!get_int (s, src, v, ptr, "epoch index", &e, error))
    return FALSE;
  if (e <= 0)
    return e < 0 ? fail_at (s, src, ptr, error, "epoch index: negative value %" G_GINT64_FORMAT, e) : TRUE;
  if (*slot >= 0 && *slot != e)
    {
      g_autofree char *first = where (s, (*slot_val)->src, (*slot_val)->ptr);
      return fail_at (s, src, ptr, error, "epoch %" G_GINT64_FORMAT " differs from epoch %" G_GINT64_FORMAT " at %s",
                      e, *slot, first);
    }
  if (*slot < 0)
    {
      *slot = e;
      *slot_val = val_new (e, src, ptr);
    }
  return TRUE;
}

/* ---- per-file parsers ---- */

static gboolean
parse_manifest (PocsimSnapshot *s, guint src, GError **error)
{
  const Source *so = g_ptr_array_index (s->sources, src);
  const char *format;
  if (!top_object (s, src, error)
      || !get_str (s, src, json_object_get (so->root, "format"), "/format", "format", &format, error))
    return FALSE;
  if (*format != '\0' && strcmp (format, "pocsim-snapshot/1") != 0)
    return fail_at (s, src, "/format", error, "unsupported format \"%s\" (expected \"pocsim-snapshot/1\")",
                    format);
  gint64 u;
  if (!get_int (s, src, json_object_get (so->root, "upcoming_epoch"), "/upcoming_epoch", "upcoming_epoch", &u,
                error))
    return FALSE;
  if (u < 0)
    return fail_at (s, src, "/upcoming_epoch", error, "upcoming_epoch: negative value %" G_GINT64_FORMAT, u);
  if (u > 0)
    {
      s->manifest_epoch = u;
      val_free (s->manifest_val);
      s->manifest_val = val_new (u, src, "/upcoming_epoch");
    }
  /* The height asked for (--height), or else the latest height any file
   * was read at: the state the capture saw. */
  gint64 h;
  if (!get_int (s, src, json_object_get (so->root, "height"), "/height", "height", &h, error))
    return FALSE;
  const json_t *files = json_object_get (so->root, "files");
  for (gsize k = 0; h <= 0 && k < json_array_size (files); k++)
    {
      gint64 fh;
      if (pocsim_json_int (json_object_get (json_array_get (files, k), "height"), &fh) == POCSIM_JSON_INT_OK)
        s->manifest_height = MAX (s->manifest_height, fh > 0 ? fh : -1);
    }
  if (h > 0)
    s->manifest_height = h;
  gint64 f;
  if (!get_int (s, src, json_object_get (so->root, "formation_height"), "/formation_height", "formation_height", &f,
                error))
    return FALSE;
  if (f < 0)
    return fail_at (s, src, "/formation_height", error, "formation_height: negative value %" G_GINT64_FORMAT, f);
  s->formation_height = f > 0 ? f : -1;
  s->manifest_src = src;
  return TRUE;
}

/* params.json, genesis_only_params.json: {"params": {...}} or the inner object. */
static gboolean
parse_params (PocsimSnapshot *s, guint src, Embedded *into, GError **error)
{
  json_t *obj;
  gboolean wrapped;
  if (!unwrap (s, src, "params", &obj, &wrapped, error))
    return FALSE;
  into->obj = obj;
  into->src = src;
  g_free (into->ptr);
  into->ptr = g_strdup (wrapped ? "/params" : "");
  return TRUE;
}

/* {"epoch": E} (get_current_epoch: the effective epoch), or
 * {"latest_epoch": {"index": L}} (epoch_info, /v1/epochs/latest). */
static gboolean
parse_epoch (PocsimSnapshot *s, guint src, GError **error)
{
  const Source *so = g_ptr_array_index (s->sources, src);
  json_t *latest;
  gint64 e;
  if (!top_object (s, src, error))
    return FALSE;
  if (json_object_get (so->root, "epoch") != NULL)
    {
      if (!get_int (s, src, json_object_get (so->root, "epoch"), "/epoch", "epoch", &e, error))
        return FALSE;
      if (e <= 0)
        return fail_at (s, src, "/epoch", error, "epoch: expected a positive epoch index");
      s->effective_epoch = e;
      val_free (s->epoch_file_val);
      s->epoch_file_val = val_new (e, src, "/epoch");
      return TRUE;
    }
  if (!get_obj (s, src, json_object_get (so->root, "latest_epoch"), "/latest_epoch", "latest_epoch", &latest,
                error))
    return FALSE;
  if (latest == NULL)
    return fail_at (s, src, "", error, "expected {\"epoch\": E} or {\"latest_epoch\": {\"index\": L}}");
  if (!get_int (s, src, json_object_get (latest, "index"), "/latest_epoch/index", "latest_epoch.index", &e,
                error))
    return FALSE;
  if (e <= 0)
    return fail_at (s, src, "/latest_epoch/index", error, "latest_epoch.index: expected a positive epoch index");
  s->latest_epoch = e;
  val_free (s->epoch_file_val);
  s->epoch_file_val = val_new (e, src, "/latest_epoch/index");
  return TRUE;
}

typedef enum { GROUP_PREVIOUS_ROOT, GROUP_PREVIOUS_MODEL, GROUP_CURRENT_MODEL } GroupKind;

/* EpochGroupData, REST ({"epoch_group_data": {...}}) or CLI (zeros omitted). */
static gboolean
parse_group (PocsimSnapshot *s, guint src, GroupKind kind, const char *model_arg, GError **error)
{
  json_t *g, *rows, *subs;
  gboolean wrapped;
  if (!unwrap (s, src, "epoch_group_data", &g, &wrapped, error))
    return FALSE;
  const char *gp = wrapped ? "/epoch_group_data" : "";
  g_autofree char *p_model = ptr_key (gp, "model_id");
  g_autofree char *p_epoch = ptr_key (gp, "epoch_index");
  g_autofree char *p_rows = ptr_key (gp, "validation_weights");
  g_autofree char *p_subs = ptr_key (gp, "sub_group_models");
  const char *model;
  if (!get_str (s, src, json_object_get (g, "model_id"), p_model, "model_id", &model, error)
      || !get_arr (s, src, json_object_get (g, "validation_weights"), p_rows, "validation_weights", &rows, error)
      || !get_arr (s, src, json_object_get (g, "sub_group_models"), p_subs, "sub_group_models", &subs, error))
    return FALSE;
  if (kind == GROUP_PREVIOUS_ROOT && *model != '\0')
    return fail_at (s, src, p_model, error, "expected the root group (no model_id), got model \"%s\"", model);
  if (kind != GROUP_PREVIOUS_ROOT)
    {
      if (*model == '\0' && model_arg == NULL)
        return fail_at (s, src, gp, error, "expected a model subgroup, got a group without model_id");
      if (*model != '\0' && model_arg != NULL && strcmp (model, model_arg) != 0)
        return fail_at (s, src, p_model, error, "model_id \"%s\" does not match the file name (model \"%s\")",
                        model, model_arg);
      if (*model == '\0')
        model = model_arg;
    }
  if (kind == GROUP_CURRENT_MODEL)
    {
      if (!note_epoch (s, src, json_object_get (g, "epoch_index"), p_epoch, &s->cur_epoch, &s->cur_epoch_val, error))
        return FALSE;
    }
  else if (!note_epoch (s, src, json_object_get (g, "epoch_index"), p_epoch, &s->prev_epoch, &s->prev_epoch_val,
                        error))
    return FALSE;

  if (kind == GROUP_PREVIOUS_ROOT)
    {
      s->root_src = src;
      g_free (s->root_subs_ptr);
      s->root_subs_ptr = g_strdup (p_subs);
      size_t i;
      json_t *m;
      if (subs)
        json_array_foreach (subs, i, m)
          {
            g_autofree char *pm = ptr_index (p_subs, i);
            const char *id;
            if (!get_str (s, src, m, pm, "sub_group_models", &id, error))
              return FALSE;
            if (*id != '\0')
              g_ptr_array_add (s->sub_group_models, g_strdup (id));
          }
    }

  GTree *weights = kind == GROUP_PREVIOUS_ROOT   ? s->prev_weights
                   : kind == GROUP_PREVIOUS_MODEL ? tree_sub (s->prev_pw, model)
                                                  : tree_sub (s->cur_pw, model);
  GTree *vps = kind == GROUP_PREVIOUS_MODEL ? tree_sub (s->prev_vp, model) : NULL;
  size_t i;
  json_t *row;
  if (rows)
    json_array_foreach (rows, i, row)
      {
        g_autofree char *pr = ptr_index (p_rows, i);
        g_autofree char *pa = ptr_key (pr, "member_address");
        g_autofree char *pw = ptr_key (pr, "weight");
        g_autofree char *pv = ptr_key (pr, "voting_power");
        const char *addr;
        gint64 w, vp;
        if (!json_is_object (row))
          return fail_at (s, src, pr, error, "validation_weights: expected an object, got %s", pocsim_json_type_name (row));
        if (!get_str (s, src, json_object_get (row, "member_address"), pa, "member_address", &addr, error)
            || !get_int (s, src, json_object_get (row, "weight"), pw, "weight", &w, error)
            || !get_int (s, src, json_object_get (row, "voting_power"), pv, "voting_power", &vp, error))
          return FALSE;
        if (*addr == '\0')
          return fail_at (s, src, pr, error, "validation_weights: member_address is missing");
        Val *dup = g_tree_lookup (weights, addr);
        if (dup != NULL)
          return fail_at (s, src, pa, error, "member %s appears twice in validation_weights", addr);
        g_tree_insert (weights, g_strdup (addr), val_new (w, src, pw));
        if (vps != NULL)
          g_tree_insert (vps, g_strdup (addr), val_new (vp, src, pv));
      }
  return TRUE;
}

/* /v1/epochs/{E}/participants (numbers, or strings since v0.2.15). */
static gboolean
parse_participants (PocsimSnapshot *s, guint src, GError **error)
{
  json_t *ap, *parts;
  gboolean wrapped;
  if (!unwrap (s, src, "active_participants", &ap, &wrapped, error))
    return FALSE;
  const char *app = wrapped ? "/active_participants" : "";
  g_autofree char *p_epoch = ptr_key (app, "epoch_id");
  g_autofree char *p_group = ptr_key (app, "epoch_group_id");
  g_autofree char *p_parts = ptr_key (app, "participants");
  const json_t *epoch = json_object_get (ap, "epoch_id");
  if (!note_epoch (s, src, epoch ? epoch : json_object_get (ap, "epoch_group_id"), epoch ? p_epoch : p_group,
                   &s->prev_epoch, &s->prev_epoch_val, error)
      || !get_arr (s, src, json_object_get (ap, "participants"), p_parts, "participants", &parts, error))
    return FALSE;
  size_t i;
  json_t *p;
  if (parts)
    json_array_foreach (parts, i, p)
      {
        g_autofree char *pp = ptr_index (p_parts, i);
        g_autofree char *p_index = ptr_key (pp, "index");
        g_autofree char *p_weight = ptr_key (pp, "weight");
        g_autofree char *p_models = ptr_key (pp, "models");
        g_autofree char *p_nodes = ptr_key (pp, "ml_nodes");
        g_autofree char *p_vps = ptr_key (pp, "voting_powers");
        const char *addr;
        gint64 w;
        json_t *models, *nodes, *vps;
        if (!json_is_object (p))
          return fail_at (s, src, pp, error, "participants: expected an object, got %s", pocsim_json_type_name (p));
        if (!get_str (s, src, json_object_get (p, "index"), p_index, "index", &addr, error)
            || !get_int (s, src, json_object_get (p, "weight"), p_weight, "weight", &w, error)
            || !get_arr (s, src, json_object_get (p, "models"), p_models, "models", &models, error)
            || !get_arr (s, src, json_object_get (p, "ml_nodes"), p_nodes, "ml_nodes", &nodes, error)
            || !get_arr (s, src, json_object_get (p, "voting_powers"), p_vps, "voting_powers", &vps, error))
          return FALSE;
        if (*addr == '\0')
          return fail_at (s, src, pp, error, "participants: index (the address) is missing");
        if (g_tree_lookup (s->prev_weights, addr) != NULL)
          return fail_at (s, src, p_index, error, "participant %s appears twice", addr);
        g_tree_insert (s->prev_weights, g_strdup (addr), val_new (w, src, p_weight));
        gsize n_models = models ? json_array_size (models) : 0;
        if (nodes != NULL && json_array_size (nodes) != n_models)
          return fail_at (s, src, p_nodes, error, "ml_nodes has %zu entries but models has %zu (they are parallel)",
                          json_array_size (nodes), n_models);
        for (gsize k = 0; k < n_models; k++)
          {
            g_autofree char *pm = ptr_index (p_models, k);
            g_autofree char *pn = ptr_index (p_nodes, k);
            g_autofree char *pnn = ptr_key (pn, "ml_nodes");
            const char *model;
            json_t *group = NULL, *list = NULL;
            if (!get_str (s, src, json_array_get (models, k), pm, "models", &model, error))
              return FALSE;
            if (*model == '\0')
              return fail_at (s, src, pm, error, "models: empty model id");
            if (nodes != NULL
                && (!get_obj (s, src, json_array_get (nodes, k), pn, "ml_nodes", &group, error)
                    || !get_arr (s, src, json_object_get (group, "ml_nodes"), pnn, "ml_nodes", &list, error)))
              return FALSE;
            gint64 sum = 0;
            size_t j;
            json_t *node;
            if (list)
              json_array_foreach (list, j, node)
                {
                  g_autofree char *pj = ptr_index (pnn, j);
                  g_autofree char *pw = ptr_key (pj, "poc_weight");
                  gint64 x;
                  if (!json_is_object (node))
                    return fail_at (s, src, pj, error, "ml_nodes: expected an object, got %s", pocsim_json_type_name (node));
                  if (!get_int (s, src, json_object_get (node, "poc_weight"), pw, "poc_weight", &x, error))
                    return FALSE;
                  if (x < 0)
                    return fail_at (s, src, pw, error, "poc_weight: negative value %" G_GINT64_FORMAT, x);
                  if (!pocsim_add_i64 (sum, x, &sum))
                    return fail_at (s, src, pw, error, "poc_weight: the sum overflows int64");
                }
            GTree *t = tree_sub (s->prev_pw, model);
            if (g_tree_lookup (t, addr) != NULL)
              return fail_at (s, src, pm, error, "model \"%s\" appears twice for %s", model, addr);
            g_tree_insert (t, g_strdup (addr), val_new (sum, src, nodes ? pn : pm));
          }
        json_t *vp;
        size_t k;
        if (vps)
          json_array_foreach (vps, k, vp)
            {
              g_autofree char *pk = ptr_index (p_vps, k);
              g_autofree char *pkm = ptr_key (pk, "model_id");
              g_autofree char *pkv = ptr_key (pk, "voting_power");
              const char *model;
              gint64 x;
              if (!json_is_object (vp))
                return fail_at (s, src, pk, error, "voting_powers: expected an object, got %s", pocsim_json_type_name (vp));
              if (!get_str (s, src, json_object_get (vp, "model_id"), pkm, "model_id", &model, error)
                  || !get_int (s, src, json_object_get (vp, "voting_power"), pkv, "voting_power", &x, error))
                return FALSE;
              if (*model == '\0')
                return fail_at (s, src, pk, error, "voting_powers: model_id is missing");
              GTree *t = tree_sub (s->prev_vp, model);
              if (g_tree_lookup (t, addr) != NULL)
                return fail_at (s, src, pkm, error, "voting power for model \"%s\" appears twice", model);
              g_tree_insert (t, g_strdup (addr), val_new (x, src, pkv));
            }
      }
  return TRUE;
}

static Rec *
rec_new (const char *model, const char *addr, const char *to, guint src, const char *ptr)
{
  Rec *r = g_new0 (Rec, 1);
  r->model = g_strdup (model);
  r->addr = g_strdup (addr);
  r->to = to ? g_strdup (to) : NULL;
  r->src = src;
  r->ptr = g_strdup (ptr);
  return r;
}

/* all_poc_v2_store_commits: {"commits": [{"participant_address", "model_id", ...}]}. */
static gboolean
parse_commits (PocsimSnapshot *s, guint src, GError **error)
{
  const Source *so = g_ptr_array_index (s->sources, src);
  json_t *list;
  if (!top_object (s, src, error)
      || !get_arr (s, src, json_object_get (so->root, "commits"), "/commits", "commits", &list, error))
    return FALSE;
  size_t i;
  json_t *c;
  if (list)
    json_array_foreach (list, i, c)
      {
        g_autofree char *pc = ptr_index ("/commits", i);
        g_autofree char *pa = ptr_key (pc, "participant_address");
        g_autofree char *pm = ptr_key (pc, "model_id");
        const char *addr, *model;
        if (!json_is_object (c))
          return fail_at (s, src, pc, error, "commits: expected an object, got %s", pocsim_json_type_name (c));
        if (!get_str (s, src, json_object_get (c, "participant_address"), pa, "participant_address", &addr, error)
            || !get_str (s, src, json_object_get (c, "model_id"), pm, "model_id", &model, error))
          return FALSE;
        if (*addr == '\0' || *model == '\0')
          return fail_at (s, src, pc, error, "commit without %s", *addr == '\0' ? "participant_address" : "model_id");
        g_ptr_array_add (s->commits, rec_new (model, addr, NULL, src, pc));
      }
  return TRUE;
}

/* One list of poc_delegation records; every record must be ADDR's own. */
static gboolean
parse_records (PocsimSnapshot *s, guint src, const json_t *root, const char *key, const char *addr_field,
               const char *addr, GPtrArray *into, GError **error)
{
  g_autofree char *pl = ptr_key ("", key);
  json_t *list;
  if (!get_arr (s, src, json_object_get (root, key), pl, key, &list, error))
    return FALSE;
  size_t i;
  json_t *r;
  if (list)
    json_array_foreach (list, i, r)
      {
        g_autofree char *pr = ptr_index (pl, i);
        g_autofree char *pm = ptr_key (pr, "model_id");
        g_autofree char *pa = ptr_key (pr, addr_field);
        g_autofree char *pt = ptr_key (pr, "delegate_to");
        const char *model, *who, *to = NULL;
        if (!json_is_object (r))
          return fail_at (s, src, pr, error, "%s: expected an object, got %s", key, pocsim_json_type_name (r));
        if (!get_str (s, src, json_object_get (r, "model_id"), pm, "model_id", &model, error)
            || !get_str (s, src, json_object_get (r, addr_field), pa, addr_field, &who, error))
          return FALSE;
        if (strcmp (key, "delegations") == 0
            && !get_str (s, src, json_object_get (r, "delegate_to"), pt, "delegate_to", &to, error))
          return FALSE;
        if (*model == '\0' || *who == '\0')
          return fail_at (s, src, pr, error, "%s: record without %s", key, *model == '\0' ? "model_id" : addr_field);
        if (addr != NULL && strcmp (who, addr) != 0)
          return fail_at (s, src, pa, error, "%s %s is not the address of this file (%s)", addr_field, who, addr);
        if (into != NULL)
          g_ptr_array_add (into, rec_new (model, who, to, src, pr));
      }
  return TRUE;
}

/* poc_delegation/{ADDR}: the bootstrap snapshot keeps delegations and
 * intents, the regular one delegations and refusals (docs/case-format.md);
 * the other list is checked and dropped. */
static gboolean
parse_delegation (PocsimSnapshot *s, guint src, gboolean bootstrap, const char *addr, GError **error)
{
  const Source *so = g_ptr_array_index (s->sources, src);
  if (!top_object (s, src, error))
    return FALSE;
  return parse_records (s, src, so->root, "delegations", "delegator", addr, bootstrap ? s->boot_dels : s->val_dels,
                        error)
         && parse_records (s, src, so->root, "refusals", "participant", addr, bootstrap ? NULL : s->val_refusals,
                           error)
         && parse_records (s, src, so->root, "intents", "participant", addr, bootstrap ? s->boot_intents : NULL,
                           error);
}

/* collateral.json: {"collateral": {"ADDR": amount}}. */
static gboolean
parse_collateral (PocsimSnapshot *s, guint src, GError **error)
{
  const Source *so = g_ptr_array_index (s->sources, src);
  json_t *map;
  if (!top_object (s, src, error)
      || !get_obj (s, src, json_object_get (so->root, "collateral"), "/collateral", "collateral", &map, error))
    return FALSE;
  if (map == NULL)
    return fail_at (s, src, "", error, "expected {\"collateral\": {\"ADDR\": amount, ...}}");
  s->has_collateral = s->has_collateral_file = TRUE;
  const char *addr;
  json_t *v;
  json_object_foreach (map, addr, v)
    {
      g_autofree char *pa = ptr_key ("/collateral", addr);
      gint64 x;
      if (!get_int (s, src, v, pa, "collateral", &x, error))
        return FALSE;
      if (*addr == '\0')
        return fail_at (s, src, pa, error, "collateral: empty address");
      g_tree_replace (s->collateral, g_strdup (addr), val_new (x, src, pa));
    }
  return TRUE;
}

/* collateral/ADDR.json: the collateral module's answer for ADDR,
 * {"amount": {"denom": "ngonka", "amount": "N"}} (a Coin; the amount is an
 * integer string).  A missing or null amount is none. */
static gboolean
parse_collateral_answer (PocsimSnapshot *s, guint src, const char *addr, GError **error)
{
  const Source *so = g_ptr_array_index (s->sources, src);
  json_t *coin;
  const char *denom;
  gint64 x;
  if (!top_object (s, src, error)
      || !get_obj (s, src, json_object_get (so->root, "amount"), "/amount", "amount", &coin, error)
      || !get_str (s, src, json_object_get (coin, "denom"), "/amount/denom", "denom", &denom, error)
      || !get_int (s, src, json_object_get (coin, "amount"), "/amount/amount", "amount", &x, error))
    return FALSE;
  if (*denom != '\0' && strcmp (denom, "ngonka") != 0)
    return fail_at (s, src, "/amount/denom", error, "denom \"%s\": collateral is held in ngonka", denom);
  if (x < 0)
    return fail_at (s, src, "/amount/amount", error, "amount: negative value %" G_GINT64_FORMAT, x);
  s->has_collateral = TRUE;
  if (addr != NULL)
    g_tree_replace (s->collateral, g_strdup (addr), val_new (x, src, "/amount/amount"));
  return TRUE;
}

/* previous/excluded.json: excluded_participants/{E},
 * {"items": [{"address", "epoch_index", "reason", "exclusion_block_height"}]}:
 * the members removed from E's group during E (the CLI omits an empty list). */
static gboolean
parse_excluded (PocsimSnapshot *s, guint src, GError **error)
{
  const Source *so = g_ptr_array_index (s->sources, src);
  json_t *items;
  if (!top_object (s, src, error)
      || !get_arr (s, src, json_object_get (so->root, "items"), "/items", "items", &items, error))
    return FALSE;
  s->has_excluded = TRUE;
  size_t i;
  json_t *it;
  if (items)
    json_array_foreach (items, i, it)
      {
        g_autofree char *pi = ptr_index ("/items", i);
        g_autofree char *pa = ptr_key (pi, "address");
        g_autofree char *pe = ptr_key (pi, "epoch_index");
        g_autofree char *pr = ptr_key (pi, "reason");
        g_autofree char *ph = ptr_key (pi, "exclusion_block_height");
        const char *addr, *reason;
        gint64 height;
        if (!json_is_object (it))
          return fail_at (s, src, pi, error, "items: expected an object, got %s", pocsim_json_type_name (it));
        if (!get_str (s, src, json_object_get (it, "address"), pa, "address", &addr, error)
            || !get_str (s, src, json_object_get (it, "reason"), pr, "reason", &reason, error)
            || !get_int (s, src, json_object_get (it, "exclusion_block_height"), ph, "exclusion_block_height", &height,
                         error)
            || !note_epoch (s, src, json_object_get (it, "epoch_index"), pe, &s->prev_epoch, &s->prev_epoch_val, error))
          return FALSE;
        if (*addr == '\0')
          return fail_at (s, src, pi, error, "items: address is missing");
        if (height < 0)
          return fail_at (s, src, ph, error, "exclusion_block_height: negative value %" G_GINT64_FORMAT, height);
        if (g_tree_lookup (s->excluded, addr) == NULL)
          g_tree_insert (s->excluded, g_strdup (addr), val_new (height, src, pa));
      }
  return TRUE;
}

static gboolean
parse_kind (PocsimSnapshot *s, PocsimSnapshotFile kind, guint src, const char *arg, GError **error)
{
  switch (kind)
    {
    case POCSIM_SNAPSHOT_MANIFEST: return parse_manifest (s, src, error);
    case POCSIM_SNAPSHOT_PARAMS: return parse_params (s, src, &s->params, error);
    case POCSIM_SNAPSHOT_EPOCH: return parse_epoch (s, src, error);
    case POCSIM_SNAPSHOT_PREVIOUS_ROOT: return parse_group (s, src, GROUP_PREVIOUS_ROOT, NULL, error);
    case POCSIM_SNAPSHOT_PREVIOUS_MODEL: return parse_group (s, src, GROUP_PREVIOUS_MODEL, arg, error);
    case POCSIM_SNAPSHOT_PREVIOUS_PARTICIPANTS: return parse_participants (s, src, error);
    case POCSIM_SNAPSHOT_CURRENT_MODEL: return parse_group (s, src, GROUP_CURRENT_MODEL, arg, error);
    case POCSIM_SNAPSHOT_COMMITS: return parse_commits (s, src, error);
    case POCSIM_SNAPSHOT_BOOTSTRAP_DELEGATION: return parse_delegation (s, src, TRUE, arg, error);
    case POCSIM_SNAPSHOT_VALIDATION_DELEGATION: return parse_delegation (s, src, FALSE, arg, error);
    case POCSIM_SNAPSHOT_COLLATERAL: return parse_collateral (s, src, error);
    case POCSIM_SNAPSHOT_GENESIS_ONLY_PARAMS: return parse_params (s, src, &s->genesis, error);
    case POCSIM_SNAPSHOT_EXCLUDED: return parse_excluded (s, src, error);
    case POCSIM_SNAPSHOT_COLLATERAL_ANSWER: return parse_collateral_answer (s, src, arg, error);
    case POCSIM_SNAPSHOT_N_KINDS: break;
    }
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INTERNAL, "unknown snapshot file kind %d", (int) kind);
  return FALSE;
}

gboolean
pocsim_snapshot_parse_file (PocsimSnapshotFile kind, const char *text, gsize len, const char *name,
                            const char *arg, GError **error)
{
  g_autoptr (PocsimSnapshot) s = snapshot_new ("");
  guint src = add_source (s, name, g_memdup2 (text, len), len);
  return parse_source (s, src, error) && parse_kind (s, kind, src, arg, error);
}

/* Loads DIR/REL as KIND; *present tells whether the file exists (optional files). */
static gboolean
read_kind (PocsimSnapshot *s, const char *rel, PocsimSnapshotFile kind, const char *arg, gboolean optional,
           gboolean *present, GError **error)
{
  GError *local = NULL;
  gint src = load_file (s, rel, optional, &local);
  if (present)
    *present = src >= 0;
  if (src < 0)
    {
      if (local == NULL)
        return TRUE;
      g_propagate_error (error, local);
      return FALSE;
    }
  return parse_kind (s, kind, (guint) src, arg, error);
}

/* The *.json entries of DIR/REL, sorted; NULL (no error) if it does not exist. */
static GPtrArray *
list_json (PocsimSnapshot *s, const char *rel, GError **error)
{
  g_autofree char *path = g_build_filename (s->dir, rel, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (GDir) d = g_dir_open (path, 0, &local);
  if (d == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: cannot read the directory", path);
      return NULL;
    }
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *n;
  while ((n = g_dir_read_name (d)) != NULL)
    if (n[0] != '.' && g_str_has_suffix (n, ".json"))
      g_ptr_array_add (names, g_strdup (n));
  g_ptr_array_sort (names, str_ptr_cmp);
  return names;
}

/* Reads every DIR/REL/X.json as KIND; ARG is the decoded stem. */
static gboolean
read_each (PocsimSnapshot *s, const char *rel, PocsimSnapshotFile kind, gboolean model_names, gboolean *present,
           GError **error)
{
  GError *local = NULL;
  g_autoptr (GPtrArray) names = list_json (s, rel, &local);
  *present = names != NULL;
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  for (guint k = 0; names && k < names->len; k++)
    {
      const char *n = g_ptr_array_index (names, k);
      g_autofree char *stem = g_strndup (n, strlen (n) - strlen (".json"));
      g_autofree char *arg = model_names ? pocsim_snapshot_decode_model_id (stem) : g_strdup (stem);
      g_autofree char *file = g_build_filename (rel, n, NULL);
      if (arg == NULL || *arg == '\0')
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s/%s: the file name is not a %s", s->dir, file,
                       model_names ? "%XX-encoded model id" : "address");
          return FALSE;
        }
      if (!read_kind (s, file, kind, arg, FALSE, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- assembling the case document ---- */

static void
add_origin (PocsimSnapshot *s, const char *case_ptr, guint src, const char *ptr)
{
  g_hash_table_replace (s->origins, g_strdup (case_ptr), val_new (0, src, ptr));
}

/* A deep copy with object keys in byte-wise order. */
static json_t *
sorted_copy (const json_t *v)
{
  if (json_is_object (v))
    {
      g_autoptr (GPtrArray) keys = g_ptr_array_new ();
      const char *k;
      json_t *x;
      json_object_foreach ((json_t *) v, k, x)
        g_ptr_array_add (keys, (gpointer) k);
      g_ptr_array_sort (keys, str_ptr_cmp);
      json_t *o = json_object ();
      for (guint i = 0; i < keys->len; i++)
        json_object_set_new (o, keys->pdata[i], sorted_copy (json_object_get (v, keys->pdata[i])));
      return o;
    }
  if (json_is_array (v))
    {
      json_t *a = json_array ();
      size_t i;
      json_t *x;
      json_array_foreach ((json_t *) v, i, x)
        json_array_append_new (a, sorted_copy (x));
      return a;
    }
  return json_deep_copy (v);
}

typedef struct {
  PocsimSnapshot *s;
  json_t *obj;
  const char *parent;
  gboolean nonzero_only;
} EmitCtx;

static gboolean
emit_val (gpointer key, gpointer value, gpointer data)
{
  EmitCtx *ctx = data;
  Val *v = value;
  if (ctx->nonzero_only && v->v == 0)
    return FALSE;
  g_autofree char *p = ptr_key (ctx->parent, key);
  json_object_set_new (ctx->obj, key, json_integer (v->v));
  add_origin (ctx->s, p, v->src, v->ptr);
  return FALSE;
}

static json_t *
emit_map (PocsimSnapshot *s, GTree *t, const char *parent, gboolean nonzero_only)
{
  EmitCtx ctx = { s, json_object (), parent, nonzero_only };
  g_tree_foreach (t, emit_val, &ctx);
  return ctx.obj;
}

typedef struct {
  PocsimSnapshot *s;
  json_t *obj;
  const char *parent;
  gboolean nonzero_only;
} EmitMapsCtx;

static gboolean
emit_sub (gpointer key, gpointer value, gpointer data)
{
  EmitMapsCtx *ctx = data;
  g_autofree char *p = ptr_key (ctx->parent, key);
  json_t *inner = emit_map (ctx->s, value, p, ctx->nonzero_only);
  if (json_object_size (inner) == 0 && ctx->nonzero_only)
    json_decref (inner);
  else
    json_object_set_new (ctx->obj, key, inner);
  return FALSE;
}

static json_t *
emit_maps (PocsimSnapshot *s, GTree *t, const char *parent, gboolean nonzero_only)
{
  EmitMapsCtx ctx = { s, json_object (), parent, nonzero_only };
  g_tree_foreach (t, emit_sub, &ctx);
  return ctx.obj;
}

static gint
rec_cmp (gconstpointer a, gconstpointer b)
{
  const Rec *x = *(Rec *const *) a, *y = *(Rec *const *) b;
  int c = strcmp (x->model, y->model);
  return c != 0 ? c : strcmp (x->addr, y->addr);
}

static json_t *
emit_records (PocsimSnapshot *s, GPtrArray *recs, const char *parent, const char *addr_field)
{
  json_t *a = json_array ();
  g_ptr_array_sort (recs, rec_cmp);
  for (guint i = 0; i < recs->len; i++)
    {
      Rec *r = g_ptr_array_index (recs, i);
      json_t *o = json_object (); /* keys in byte-wise order */
      if (r->to != NULL)
        json_object_set_new (o, "delegate_to", json_string (r->to));
      if (strcmp (addr_field, "model_id") < 0)
        json_object_set_new (o, addr_field, json_string (r->addr));
      json_object_set_new (o, "model_id", json_string (r->model));
      if (strcmp (addr_field, "model_id") > 0)
        json_object_set_new (o, addr_field, json_string (r->addr));
      json_array_append_new (a, o);
      g_autofree char *p = ptr_index (parent, i);
      add_origin (s, p, r->src, r->ptr);
    }
  return a;
}

static void G_GNUC_PRINTF (2, 3)
add_note (PocsimSnapshot *s, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_ptr_array_add (s->notes, g_strdup_vprintf (fmt, ap));
  va_end (ap);
}

/* U: --epoch, else the manifest, else epoch.json, else previous + 1; the
 * sources present must agree. */
static gboolean
decide_epoch (PocsimSnapshot *s, gint64 override, gint64 *u, GError **error)
{
  gint64 prev = s->prev_epoch;
  if (s->effective_epoch >= 0 && prev >= 0 && s->effective_epoch != prev)
    {
      g_autofree char *w = where (s, s->prev_epoch_val->src, s->prev_epoch_val->ptr);
      return fail_at (s, s->epoch_file_val->src, s->epoch_file_val->ptr, error,
                      "the effective epoch %" G_GINT64_FORMAT " is not the epoch of the previous group (%"
                      G_GINT64_FORMAT " at %s)", s->effective_epoch, prev, w);
    }
  if (s->latest_epoch >= 0 && prev >= 0 && s->latest_epoch != prev && s->latest_epoch != prev + 1)
    {
      g_autofree char *w = where (s, s->prev_epoch_val->src, s->prev_epoch_val->ptr);
      return fail_at (s, s->epoch_file_val->src, s->epoch_file_val->ptr, error,
                      "the latest epoch %" G_GINT64_FORMAT " is neither the previous group's epoch (%" G_GINT64_FORMAT
                      " at %s) nor the next one", s->latest_epoch, prev, w);
    }
  if (s->manifest_epoch >= 0 && prev >= 0 && s->manifest_epoch != prev + 1 && override < 0)
    {
      g_autofree char *w = where (s, s->prev_epoch_val->src, s->prev_epoch_val->ptr);
      return fail_at (s, s->manifest_val->src, s->manifest_val->ptr, error,
                      "upcoming_epoch %" G_GINT64_FORMAT " does not follow the previous group's epoch (%"
                      G_GINT64_FORMAT " at %s)", s->manifest_epoch, prev, w);
    }
  if (s->cur_epoch >= 0)
    {
      gint64 want = override >= 0 ? override : s->manifest_epoch >= 0 ? s->manifest_epoch : prev >= 0 ? prev + 1 : -1;
      if (want >= 0 && s->cur_epoch != want)
        return fail_at (s, s->cur_epoch_val->src, s->cur_epoch_val->ptr, error,
                        "current/ holds epoch %" G_GINT64_FORMAT ", not the upcoming epoch %" G_GINT64_FORMAT,
                        s->cur_epoch, want);
    }
  if (override >= 0)
    *u = override;
  else if (s->manifest_epoch >= 0)
    *u = s->manifest_epoch;
  else if (s->effective_epoch >= 0)
    *u = s->effective_epoch + 1;
  else if (prev >= 0)
    *u = prev + 1;
  else if (s->cur_epoch >= 0)
    *u = s->cur_epoch;
  else
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "%s: cannot tell the upcoming epoch (no manifest, epoch.json or epoch index): give --epoch",
                   s->dir);
      return FALSE;
    }
  if (override >= 0)
    return TRUE;
  const Val *src = s->manifest_epoch >= 0 ? s->manifest_val
                   : s->effective_epoch >= 0 ? s->epoch_file_val
                   : prev >= 0 ? s->prev_epoch_val : s->cur_epoch_val;
  add_origin (s, "/upcoming_epoch", src->src, src->ptr);
  return TRUE;
}

typedef struct {
  gsize committers, without;
} EstimateCount;

static void
build_poc (PocsimSnapshot *s, json_t *doc, gint64 prev_epoch_shown)
{
  if (s->has_current)
    {
      json_object_set_new (doc, "poc", emit_maps (s, s->cur_pw, "/poc", FALSE));
      return;
    }
  /* No current/: each committer's accepted weight is taken as its subgroup
   * weight of the previous epoch (docs/snapshots.md). */
  g_autoptr (GTree) est = tree_new (tree_free);
  EstimateCount n = { 0, 0 };
  for (guint i = 0; i < s->commits->len; i++)
    {
      const Rec *r = g_ptr_array_index (s->commits, i);
      GTree *t = tree_sub (est, r->model);
      if (g_tree_lookup (t, r->addr) != NULL)
        continue; /* the duplicate is reported by the case reader, from commits */
      GTree *prev = g_tree_lookup (s->prev_pw, r->model);
      const Val *pv = prev ? g_tree_lookup (prev, r->addr) : NULL;
      n.committers++;
      if (pv == NULL)
        n.without++;
      g_tree_insert (t, g_strdup (r->addr), pv ? val_new (pv->v, pv->src, pv->ptr) : val_new (0, r->src, r->ptr));
    }
  json_object_set_new (doc, "poc", emit_maps (s, est, "/poc", FALSE));
  add_note (s,
            "%s: no current/ directory: the accepted PoC weight of each of the %zu (participant, model) commits "
            "is taken as that participant's subgroup weight of epoch %" G_GINT64_FORMAT
            " (as last epoch); %zu without one count 0",
            s->dir, n.committers, prev_epoch_shown, n.without);
}

typedef struct {
  PocsimSnapshot *s;
  GString *removed; /* the addresses removed, for the note */
  guint n;
} ExcludeCtx;

static gboolean
exclude_one (gpointer key, gpointer value, gpointer data)
{
  ExcludeCtx *ctx = data;
  if (!g_tree_remove (ctx->s->prev_weights, key))
    return FALSE; /* not a root member: nothing to remove */
  GTreeNode *node = g_tree_node_first (ctx->s->prev_vp);
  for (; node != NULL; node = g_tree_node_next (node))
    g_tree_remove (g_tree_node_value (node), key);
  g_string_append_printf (ctx->removed, "%s%s", ctx->n++ ? ", " : "", (const char *) key);
  return FALSE;
}

/* E's members removed during E (previous/excluded.json) are not live
 * members of its group: they leave W_E, hence T_E, and VP_E (rules.md §6
 * #34).  Their subgroup PoC weights stay: that is what E's subgroups hold. */
static void
remove_excluded (PocsimSnapshot *s)
{
  if (!s->has_excluded)
    {
      add_note (s, "%s: no previous/excluded.json: every member of the previous group counts as live "
                "(members removed during the epoch are not known)", s->dir);
      return;
    }
  ExcludeCtx ctx = { s, g_string_new (NULL), 0 };
  g_tree_foreach (s->excluded, exclude_one, &ctx);
  if (ctx.n > 0)
    add_note (s, "%s: previous/excluded.json: %u member%s removed during the previous epoch left out of its "
              "weights and voting powers: %s", s->dir, ctx.n, ctx.n == 1 ? "" : "s", ctx.removed->str);
  g_string_free (ctx.removed, TRUE);
}

static gboolean
assemble (PocsimSnapshot *s, gint64 override, GError **error)
{
  gint64 u = 0;
  if (!decide_epoch (s, override, &u, error))
    return FALSE;
  /* A model the root lists must have its subgroup file. */
  for (guint k = 0; k < s->sub_group_models->len; k++)
      {
        const char *m = g_ptr_array_index (s->sub_group_models, k);
        if (g_tree_lookup (s->prev_pw, m) == NULL)
          {
            g_autofree char *stem = pocsim_snapshot_encode_model_id (m);
            g_autofree char *p = ptr_index (s->root_subs_ptr, k);
            return fail_at (s, s->root_src, p, error,
                            "sub_group_models lists \"%s\" but previous/models/%s.json is missing", m, stem);
          }
      }

  json_t *doc = json_object ();
  s->doc = doc;
  json_object_set_new (doc, "format", json_string ("pocsim-case/1"));
  json_object_set_new (doc, "upcoming_epoch", json_integer (u));
  /* The height U is formed at, so that the rule set active there applies
   * (no "rules" key is written): the manifest's formation height, else the
   * height the capture read. */
  if (s->formation_height > 0 || s->manifest_height > 0)
    {
      gboolean formation = s->formation_height > 0;
      json_object_set_new (doc, "height", json_integer (formation ? s->formation_height : s->manifest_height));
      add_origin (s, "/height", s->manifest_src, formation ? "/formation_height" : "/height");
    }

  json_t *params = sorted_copy (s->params.obj);
  add_origin (s, "/params", s->params.src, s->params.ptr);
  if (s->genesis.obj != NULL)
    {
      json_object_set_new (params, "genesis_only_params", sorted_copy (s->genesis.obj));
      add_origin (s, "/params/genesis_only_params", s->genesis.src, s->genesis.ptr);
      /* keep the keys sorted */
      json_t *resorted = sorted_copy (params);
      json_decref (params);
      params = resorted;
    }
  json_object_set_new (doc, "params", params);

  remove_excluded (s);
  json_t *prev = json_object ();
  json_object_set_new (prev, "weights", emit_map (s, s->prev_weights, "/previous/weights", FALSE));
  json_object_set_new (prev, "voting_powers", emit_maps (s, s->prev_vp, "/previous/voting_powers", TRUE));
  /* E's subgroup raw PoC weights: what the v0.2.14 empty-epoch fallback
   * carries when nobody's PoC is accepted. */
  json_object_set_new (prev, "poc", emit_maps (s, s->prev_pw, "/previous/poc", TRUE));
  json_object_set_new (doc, "previous", prev);

  if (s->has_boot)
    {
      json_t *b = json_object ();
      json_object_set_new (b, "delegations",
                           emit_records (s, s->boot_dels, "/bootstrap_snapshot/delegations", "delegator"));
      json_object_set_new (b, "intents", emit_records (s, s->boot_intents, "/bootstrap_snapshot/intents", "participant"));
      json_object_set_new (doc, "bootstrap_snapshot", b);
    }
  else
    add_note (s, "%s: no delegations/bootstrap/ directory: the case has no bootstrap snapshot", s->dir);
  if (s->has_val)
    {
      json_t *v = json_object ();
      json_object_set_new (v, "delegations",
                           emit_records (s, s->val_dels, "/delegation_snapshot/delegations", "delegator"));
      json_object_set_new (v, "refusals",
                           emit_records (s, s->val_refusals, "/delegation_snapshot/refusals", "participant"));
      json_object_set_new (doc, "delegation_snapshot", v);
    }
  else
    add_note (s,
              "%s: no delegations/validation/ directory: the case has no regular delegation snapshot "
              "(every non-member resolves NONE)", s->dir);

  json_object_set_new (doc, "commits", emit_records (s, s->commits, "/commits", "participant"));
  build_poc (s, doc, s->prev_epoch >= 0 ? s->prev_epoch : u - 1);

  if (s->has_collateral)
    json_object_set_new (doc, "collateral", emit_map (s, s->collateral, "/collateral", FALSE));
  return TRUE;
}

PocsimSnapshot *
pocsim_snapshot_read (const char *dir, gint64 upcoming_epoch, GError **error)
{
  g_autoptr (PocsimSnapshot) s = snapshot_new (dir);
  gboolean has_root, has_parts, present;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: not a snapshot directory", dir);
      return NULL;
    }
  if (!read_kind (s, "manifest.json", POCSIM_SNAPSHOT_MANIFEST, NULL, TRUE, NULL, error)
      || !read_kind (s, "params.json", POCSIM_SNAPSHOT_PARAMS, NULL, FALSE, NULL, error)
      || !read_kind (s, "epoch.json", POCSIM_SNAPSHOT_EPOCH, NULL, TRUE, NULL, error)
      || !read_kind (s, "genesis_only_params.json", POCSIM_SNAPSHOT_GENESIS_ONLY_PARAMS, NULL, TRUE, NULL, error))
    return NULL;
  g_autofree char *root_path = g_build_filename (dir, "previous", "root.json", NULL);
  g_autofree char *parts_path = g_build_filename (dir, "previous", "participants.json", NULL);
  g_autofree char *models_path = g_build_filename (dir, "previous", "models", NULL);
  has_root = g_file_test (root_path, G_FILE_TEST_EXISTS);
  has_parts = g_file_test (parts_path, G_FILE_TEST_EXISTS);
  if (has_parts && g_file_test (models_path, G_FILE_TEST_EXISTS))
    has_root = TRUE; /* models/ belongs with root.json: the same ambiguity */
  if (has_root && has_parts)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "%s: previous/ holds both root.json (or models/) and participants.json; keep one", dir);
      return NULL;
    }
  if (!has_root && !has_parts)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "%s: previous/root.json (with previous/models/) or previous/participants.json is required", dir);
      return NULL;
    }
  if (has_root)
    {
      if (!read_kind (s, "previous/root.json", POCSIM_SNAPSHOT_PREVIOUS_ROOT, NULL, FALSE, NULL, error)
          || !read_each (s, "previous/models", POCSIM_SNAPSHOT_PREVIOUS_MODEL, TRUE, &present, error))
        return NULL;
    }
  else if (!read_kind (s, "previous/participants.json", POCSIM_SNAPSHOT_PREVIOUS_PARTICIPANTS, NULL, FALSE, NULL,
                       error))
    return NULL;
  if (!read_each (s, "current/models", POCSIM_SNAPSHOT_CURRENT_MODEL, TRUE, &s->has_current, error)
      || !read_kind (s, "commits.json", POCSIM_SNAPSHOT_COMMITS, NULL, FALSE, NULL, error)
      || !read_each (s, "delegations/bootstrap", POCSIM_SNAPSHOT_BOOTSTRAP_DELEGATION, FALSE, &s->has_boot, error)
      || !read_each (s, "delegations/validation", POCSIM_SNAPSHOT_VALIDATION_DELEGATION, FALSE, &s->has_val, error)
      || !read_kind (s, "previous/excluded.json", POCSIM_SNAPSHOT_EXCLUDED, NULL, TRUE, NULL, error)
      || !read_kind (s, "collateral.json", POCSIM_SNAPSHOT_COLLATERAL, NULL, TRUE, NULL, error)
      || !read_each (s, "collateral", POCSIM_SNAPSHOT_COLLATERAL_ANSWER, FALSE, &present, error))
    return NULL;
  if (present && s->has_collateral_file)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "%s: holds both collateral/ (the node's answers) and collateral.json; keep one", dir);
      return NULL;
    }
  /* An empty collateral/ is a capture in which nobody had collateral. */
  s->has_collateral = s->has_collateral || present;
  if (!assemble (s, upcoming_epoch, error))
    return NULL;
  return g_steal_pointer (&s);
}

/* ---- the case reader, with errors located in the snapshot's files ---- */

static char *
locate_case_pointer (const char *pointer, gpointer data)
{
  const PocsimSnapshot *s = data;
  g_autofree char *prefix = g_strdup (pointer);
  for (;;)
    {
      const Val *o = g_hash_table_lookup (s->origins, prefix);
      if (o != NULL)
        {
          g_autofree char *file_ptr = g_strconcat (o->ptr, pointer + strlen (prefix), NULL);
          return where (s, o->src, file_ptr);
        }
      char *slash = strrchr (prefix, '/');
      if (slash == NULL)
        return g_strdup (s->dir);
      *slash = '\0';
    }
}

PocsimCase *
pocsim_snapshot_to_case (const PocsimSnapshot *s, const char *rules_override, GError **error)
{
  PocsimCase *c = pocsim_case_from_tree (s->doc, locate_case_pointer, (gpointer) s, rules_override, error);
  if (c != NULL)
    c->collateral_not_captured = !s->has_collateral;
  return c;
}
