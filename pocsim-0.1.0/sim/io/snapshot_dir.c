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

/* One ML node of a group row (MLNodeInfo): its id and raw PoC weight. */
typedef struct {
  char *id;
  gint64 weight;
  guint src;
  char *ptr; /* the node object in its source */
} Node;

/* One participant's HardwareNodes record: node local_id -> declared models. */
typedef struct {
  json_t *nodes; /* owned: {"LOCAL_ID": ["MODEL", ...]} */
  guint src;
  char *ptr;     /* the hardware_nodes list */
} Hardware;

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
  gboolean has_root;   /* previous/root.json read: participants.json then gives AP(E) only */
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

  /* What v0.2.16 formation reads besides (docs/case-format.md, spec v0.2.16 §4). */
  GTree *prev_nodes;   /* model -> GTree addr -> GPtrArray of Node: E's subgroup nodes */
  GTree *cur_nodes;    /* model -> GTree addr -> GPtrArray of Node: U's subgroup nodes */
  GTree *confirmation; /* addr -> Val*: E's root confirmation_weight */
  Embedded prev_scales;    /* E's root confirmation_weight_scales (array), obj NULL: none */
  Embedded prev_dyn;       /* E's root dynamic_coefficient_params, obj NULL: none */
  Embedded cur_scales;     /* U's root (current/root.json) confirmation_weight_scales */
  Embedded cur_dyn;        /* U's root dynamic_coefficient_params */
  gboolean has_cur_root;
  GTree *cap_weights;  /* addr -> Val*: AP(E) cap_weight (0 when the encoder omitted it) */
  gboolean has_cap;    /* AP(E) carries cap_weight or cap_weight_applied */
  gboolean cap_applied;
  Val *cap_applied_val;
  GTree *failed;       /* addr -> Val*: previous/failed_miss_rate.json */
  gboolean has_failed;
  GTree *hardware;     /* addr -> Hardware* */
  gboolean has_hardware;
  GTree *gov_models;   /* model id -> Val*: models.json */
  gboolean has_gov_models;

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
tree_sub_full (GTree *outer, const char *key, GDestroyNotify value_free)
{
  GTree *inner = g_tree_lookup (outer, key);
  if (inner == NULL)
    {
      inner = tree_new (value_free);
      g_tree_insert (outer, g_strdup (key), inner);
    }
  return inner;
}

static GTree *
tree_sub (GTree *outer, const char *key)
{
  return tree_sub_full (outer, key, val_free);
}

static void
node_free (gpointer p)
{
  Node *n = p;
  g_free (n->id);
  g_free (n->ptr);
  g_free (n);
}

static void
node_list_free (gpointer p)
{
  g_ptr_array_unref (p);
}

/* The node list of (model, addr) in a two-level node map, created on demand. */
static GPtrArray *
node_list (GTree *outer, const char *model, const char *addr)
{
  GTree *inner = tree_sub_full (outer, model, node_list_free);
  GPtrArray *list = g_tree_lookup (inner, addr);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (node_free);
      g_tree_insert (inner, g_strdup (addr), list);
    }
  return list;
}

static void
hardware_free (gpointer p)
{
  Hardware *h = p;
  json_decref (h->nodes);
  g_free (h->ptr);
  g_free (h);
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
  s->prev_nodes = tree_new (tree_free);
  s->cur_nodes = tree_new (tree_free);
  s->confirmation = tree_new (val_free);
  s->cap_weights = tree_new (val_free);
  s->failed = tree_new (val_free);
  s->hardware = tree_new (hardware_free);
  s->gov_models = tree_new (val_free);
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
  g_tree_destroy (s->prev_nodes);
  g_tree_destroy (s->cur_nodes);
  g_tree_destroy (s->confirmation);
  g_free (s->prev_scales.ptr);
  g_free (s->prev_dyn.ptr);
  g_free (s->cur_scales.ptr);
  g_free (s->cur_dyn.ptr);
  g_tree_destroy (s->cap_weights);
  val_free (s->cap_applied_val);
  g_tree_destroy (s->failed);
  g_tree_destroy (s->hardware);
  g_tree_destroy (s->gov_models);
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

/* The list at KEY of a file whose document is an object (NULL when absent). */
static gboolean
top_list (const PocsimSnapshot *s, guint src, const char *key, json_t **list, GError **error)
{
  const Source *so = g_ptr_array_index (s->sources, src);
  g_autofree char *p = ptr_key ("", key);
  return top_object (s, src, error) && get_arr (s, src, json_object_get (so->root, key), p, key, list, error);
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

typedef enum { GROUP_PREVIOUS_ROOT, GROUP_PREVIOUS_MODEL, GROUP_CURRENT_ROOT, GROUP_CURRENT_MODEL } GroupKind;

/* Entry K of a list (at P_LIST) that must be an object holding the string
 * KEY_S and the integer KEY_I (either may be absent: "" and 0): their values,
 * and the pointers of the entry and of the integer.  WHAT names the list. */
static gboolean
get_entry (PocsimSnapshot *s, guint src, const json_t *list, const char *p_list, gsize k, const char *what,
           const char *key_s, const char **str, const char *key_i, gint64 *num, char **p_entry, char **p_num,
           GError **error)
{
  const json_t *e = json_array_get (list, k);
  *p_entry = ptr_index (p_list, k);
  *p_num = ptr_key (*p_entry, key_i);
  g_autofree char *p_str = ptr_key (*p_entry, key_s);
  if (!json_is_object (e))
    return fail_at (s, src, *p_entry, error, "%s: expected an object, got %s", what, pocsim_json_type_name (e));
  return get_str (s, src, json_object_get (e, key_s), p_str, key_s, str, error)
         && get_int (s, src, json_object_get (e, key_i), *p_num, key_i, num, error);
}

/* A row's or participant's ml_nodes (MLNodeInfo: node_id, poc_weight, ...):
 * *sum gets the raw PoC weight; nodes with an id are appended to `into`
 * (may be NULL): the chain seats nodes by id and ignores one without. */
static gboolean
parse_ml_nodes (PocsimSnapshot *s, guint src, const json_t *list, const char *p_list, GPtrArray *into, gint64 *sum,
                GError **error)
{
  *sum = 0;
  for (gsize j = 0; j < json_array_size (list); j++)
    {
      g_autofree char *pj = NULL, *pw = NULL;
      const char *id;
      gint64 x;
      if (!get_entry (s, src, list, p_list, j, "ml_nodes", "node_id", &id, "poc_weight", &x, &pj, &pw, error))
        return FALSE;
      if (x < 0)
        return fail_at (s, src, pw, error, "poc_weight: negative value %" G_GINT64_FORMAT, x);
      if (!pocsim_add_i64 (*sum, x, sum))
        return fail_at (s, src, pw, error, "poc_weight: the sum overflows int64");
      if (into != NULL && *id != '\0')
        {
          Node *n = g_new0 (Node, 1);
          n->id = g_strdup (id);
          n->weight = x;
          n->src = src;
          n->ptr = g_strdup (pj);
          g_ptr_array_add (into, n);
        }
    }
  return TRUE;
}

/* A root group's coefficient state: confirmation_weight_scales and (v0.2.16)
 * dynamic_coefficient_params, kept as given for the case. */
static gboolean
parse_root_coefficients (PocsimSnapshot *s, guint src, json_t *g, const char *gp, Embedded *scales, Embedded *dyn,
                         GError **error)
{
  g_autofree char *p_scales = ptr_key (gp, "confirmation_weight_scales");
  g_autofree char *p_dyn = ptr_key (gp, "dynamic_coefficient_params");
  json_t *list, *obj;
  if (!get_arr (s, src, json_object_get (g, "confirmation_weight_scales"), p_scales, "confirmation_weight_scales",
                &list, error)
      || !get_obj (s, src, json_object_get (g, "dynamic_coefficient_params"), p_dyn, "dynamic_coefficient_params",
                   &obj, error))
    return FALSE;
  size_t i;
  json_t *scale;
  if (list)
    json_array_foreach (list, i, scale)
      {
        g_autofree char *pi = ptr_index (p_scales, i);
        g_autofree char *pm = ptr_key (pi, "model_id");
        const char *model;
        if (!json_is_object (scale))
          return fail_at (s, src, pi, error, "confirmation_weight_scales: expected an object, got %s",
                          pocsim_json_type_name (scale));
        if (!get_str (s, src, json_object_get (scale, "model_id"), pm, "model_id", &model, error))
          return FALSE;
        if (*model == '\0')
          return fail_at (s, src, pi, error, "confirmation_weight_scales: model_id is missing");
      }
  *scales = (Embedded){ list, src, g_strdup (p_scales) };
  *dyn = (Embedded){ obj, src, g_strdup (p_dyn) };
  return TRUE;
}

/* EpochGroupData, REST ({"epoch_group_data": {...}}) or CLI (zeros omitted). */
static gboolean
parse_group (PocsimSnapshot *s, guint src, GroupKind kind, const char *model_arg, GError **error)
{
  json_t *g, *rows, *subs;
  gboolean wrapped;
  if (!unwrap (s, src, "epoch_group_data", &g, &wrapped, error))
    return FALSE;
  const gboolean root = kind == GROUP_PREVIOUS_ROOT || kind == GROUP_CURRENT_ROOT;
  const gboolean current = kind == GROUP_CURRENT_ROOT || kind == GROUP_CURRENT_MODEL;
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
  if (root && *model != '\0')
    return fail_at (s, src, p_model, error, "expected the root group (no model_id), got model \"%s\"", model);
  if (!root)
    {
      if (*model == '\0' && model_arg == NULL)
        return fail_at (s, src, gp, error, "expected a model subgroup, got a group without model_id");
      if (*model != '\0' && model_arg != NULL && strcmp (model, model_arg) != 0)
        return fail_at (s, src, p_model, error, "model_id \"%s\" does not match the file name (model \"%s\")",
                        model, model_arg);
      if (*model == '\0')
        model = model_arg;
    }
  if (current)
    {
      if (!note_epoch (s, src, json_object_get (g, "epoch_index"), p_epoch, &s->cur_epoch, &s->cur_epoch_val, error))
        return FALSE;
    }
  else if (!note_epoch (s, src, json_object_get (g, "epoch_index"), p_epoch, &s->prev_epoch, &s->prev_epoch_val,
                        error))
    return FALSE;

  if (kind == GROUP_CURRENT_ROOT)
    {
      /* U's root: only the coefficient config frozen at U's PoC start is
       * read (its weights are the formation's output). */
      s->has_cur_root = TRUE;
      return parse_root_coefficients (s, src, g, gp, &s->cur_scales, &s->cur_dyn, error);
    }
  if (kind == GROUP_PREVIOUS_ROOT)
    {
      s->has_root = TRUE;
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
      if (!parse_root_coefficients (s, src, g, gp, &s->prev_scales, &s->prev_dyn, error))
        return FALSE;
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
        g_autofree char *pc = ptr_key (pr, "confirmation_weight");
        g_autofree char *pn = ptr_key (pr, "ml_nodes");
        const char *addr;
        gint64 w, vp, cw;
        json_t *nodes;
        if (!json_is_object (row))
          return fail_at (s, src, pr, error, "validation_weights: expected an object, got %s", pocsim_json_type_name (row));
        if (!get_str (s, src, json_object_get (row, "member_address"), pa, "member_address", &addr, error)
            || !get_int (s, src, json_object_get (row, "weight"), pw, "weight", &w, error)
            || !get_int (s, src, json_object_get (row, "voting_power"), pv, "voting_power", &vp, error)
            || !get_int (s, src, json_object_get (row, "confirmation_weight"), pc, "confirmation_weight", &cw, error)
            || !get_arr (s, src, json_object_get (row, "ml_nodes"), pn, "ml_nodes", &nodes, error))
          return FALSE;
        if (*addr == '\0')
          return fail_at (s, src, pr, error, "validation_weights: member_address is missing");
        Val *dup = g_tree_lookup (weights, addr);
        if (dup != NULL)
          return fail_at (s, src, pa, error, "member %s appears twice in validation_weights", addr);
        g_tree_insert (weights, g_strdup (addr), val_new (w, src, pw));
        if (vps != NULL)
          g_tree_insert (vps, g_strdup (addr), val_new (vp, src, pv));
        if (kind == GROUP_PREVIOUS_ROOT)
          g_tree_insert (s->confirmation, g_strdup (addr), val_new (cw, src, pc));
        else
          {
            gint64 sum;
            GPtrArray *into = node_list (kind == GROUP_PREVIOUS_MODEL ? s->prev_nodes : s->cur_nodes, model, addr);
            if (!parse_ml_nodes (s, src, nodes, pn, into, &sum, error))
              return FALSE;
          }
      }
  return TRUE;
}

/* One participant's models and their ml_nodes (parallel lists) of a /v1
 * answer: the raw PoC weight per model into previous.poc, and the nodes. */
static gboolean
parse_participant_models (PocsimSnapshot *s, guint src, const char *addr, const json_t *models, const char *p_models,
                          const json_t *nodes, const char *p_nodes, GError **error)
{
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
      GTree *t = tree_sub (s->prev_pw, model);
      if (g_tree_lookup (t, addr) != NULL)
        return fail_at (s, src, pm, error, "model \"%s\" appears twice for %s", model, addr);
      gint64 sum;
      if (!parse_ml_nodes (s, src, list, pnn, node_list (s->prev_nodes, model, addr), &sum, error))
        return FALSE;
      g_tree_insert (t, g_strdup (addr), val_new (sum, src, nodes ? pn : pm));
    }
  return TRUE;
}

/* One participant's voting_powers of a /v1 answer: [{model_id, voting_power}]. */
static gboolean
parse_participant_vps (PocsimSnapshot *s, guint src, const char *addr, const json_t *vps, const char *p_vps,
                       GError **error)
{
  for (gsize k = 0; k < json_array_size (vps); k++)
    {
      g_autofree char *pk = NULL, *pkv = NULL;
      const char *model;
      gint64 x;
      if (!get_entry (s, src, vps, p_vps, k, "voting_powers", "model_id", &model, "voting_power", &x, &pk, &pkv,
                      error))
        return FALSE;
      if (*model == '\0')
        return fail_at (s, src, pk, error, "voting_powers: model_id is missing");
      GTree *t = tree_sub (s->prev_vp, model);
      if (g_tree_lookup (t, addr) != NULL)
        {
          g_autofree char *pkm = ptr_key (pk, "model_id");
          return fail_at (s, src, pkm, error, "voting power for model \"%s\" appears twice", model);
        }
      g_tree_insert (t, g_strdup (addr), val_new (x, src, pkv));
    }
  return TRUE;
}

/* /v1/epochs/{E}/participants (numbers, or strings since v0.2.15): AP(E).
 * Alone it stands for the previous groups (weights, voting powers, PoC);
 * beside previous/root.json it gives AP(E)'s trust weights only (v0.2.16
 * cap_weight and cap_weight_applied; the encoder omits zero and false). */
static gboolean
parse_participants (PocsimSnapshot *s, guint src, GError **error)
{
  json_t *ap, *parts;
  gboolean wrapped;
  if (!unwrap (s, src, "active_participants", &ap, &wrapped, error))
    return FALSE;
  const gboolean groups = !s->has_root;
  const char *app = wrapped ? "/active_participants" : "";
  g_autofree char *p_epoch = ptr_key (app, "epoch_id");
  g_autofree char *p_group = ptr_key (app, "epoch_group_id");
  g_autofree char *p_parts = ptr_key (app, "participants");
  g_autofree char *p_applied = ptr_key (app, "cap_weight_applied");
  const json_t *epoch = json_object_get (ap, "epoch_id");
  const json_t *applied = json_object_get (ap, "cap_weight_applied");
  if (!note_epoch (s, src, epoch ? epoch : json_object_get (ap, "epoch_group_id"), epoch ? p_epoch : p_group,
                   &s->prev_epoch, &s->prev_epoch_val, error)
      || !get_arr (s, src, json_object_get (ap, "participants"), p_parts, "participants", &parts, error))
    return FALSE;
  if (applied != NULL && !json_is_null (applied))
    {
      if (!json_is_boolean (applied))
        return fail_at (s, src, p_applied, error, "cap_weight_applied: expected a boolean, got %s",
                        pocsim_json_type_name (applied));
      s->has_cap = TRUE;
      s->cap_applied = json_is_true (applied);
      val_free (s->cap_applied_val);
      s->cap_applied_val = val_new (s->cap_applied, src, p_applied);
    }
  size_t i;
  json_t *p;
  if (parts)
    json_array_foreach (parts, i, p)
      {
        g_autofree char *pp = ptr_index (p_parts, i);
        g_autofree char *p_index = ptr_key (pp, "index");
        g_autofree char *p_weight = ptr_key (pp, "weight");
        g_autofree char *p_cap = ptr_key (pp, "cap_weight");
        g_autofree char *p_models = ptr_key (pp, "models");
        g_autofree char *p_nodes = ptr_key (pp, "ml_nodes");
        g_autofree char *p_vps = ptr_key (pp, "voting_powers");
        const char *addr;
        gint64 w, cap;
        json_t *models, *nodes, *vps;
        if (!json_is_object (p))
          return fail_at (s, src, pp, error, "participants: expected an object, got %s", pocsim_json_type_name (p));
        if (!get_str (s, src, json_object_get (p, "index"), p_index, "index", &addr, error)
            || !get_int (s, src, json_object_get (p, "weight"), p_weight, "weight", &w, error)
            || !get_int (s, src, json_object_get (p, "cap_weight"), p_cap, "cap_weight", &cap, error)
            || !get_arr (s, src, json_object_get (p, "models"), p_models, "models", &models, error)
            || !get_arr (s, src, json_object_get (p, "ml_nodes"), p_nodes, "ml_nodes", &nodes, error)
            || !get_arr (s, src, json_object_get (p, "voting_powers"), p_vps, "voting_powers", &vps, error))
          return FALSE;
        if (*addr == '\0')
          return fail_at (s, src, pp, error, "participants: index (the address) is missing");
        if (g_tree_lookup (s->cap_weights, addr) != NULL)
          return fail_at (s, src, p_index, error, "participant %s appears twice", addr);
        g_tree_insert (s->cap_weights, g_strdup (addr), val_new (cap, src, p_cap));
        if (json_object_get (p, "cap_weight") != NULL)
          s->has_cap = TRUE;
        if (!groups)
          continue;
        g_tree_insert (s->prev_weights, g_strdup (addr), val_new (w, src, p_weight));
        if (!parse_participant_models (s, src, addr, models, p_models, nodes, p_nodes, error)
            || !parse_participant_vps (s, src, addr, vps, p_vps, error))
          return FALSE;
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
  json_t *list;
  if (!top_list (s, src, "commits", &list, error))
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
  json_t *items;
  if (!top_list (s, src, "items", &items, error))
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

/* A list of addresses or ids: {"KEY": ["X", ...]} into a set (Val: where
 * each stands).  An empty string is an error, a repeat is kept once. */
static gboolean
parse_string_set (PocsimSnapshot *s, guint src, const json_t *list, const char *p_list, const char *what, GTree *into,
                  GError **error)
{
  size_t i;
  json_t *v;
  if (list)
    json_array_foreach ((json_t *) list, i, v)
      {
        g_autofree char *pi = ptr_index (p_list, i);
        const char *x;
        if (!get_str (s, src, v, pi, what, &x, error))
          return FALSE;
        if (*x == '\0')
          return fail_at (s, src, pi, error, "%s: empty string", what);
        if (g_tree_lookup (into, x) == NULL)
          g_tree_insert (into, g_strdup (x), val_new (0, src, pi));
      }
  return TRUE;
}

/* previous/failed_miss_rate.json, pocsim's own shape (the node does not
 * expose the set): {"failed_miss_rate": ["ADDR", ...]}. */
static gboolean
parse_failed (PocsimSnapshot *s, guint src, GError **error)
{
  json_t *list;
  if (!top_list (s, src, "failed_miss_rate", &list, error))
    return FALSE;
  s->has_failed = TRUE;
  return parse_string_set (s, src, list, "/failed_miss_rate", "failed_miss_rate", s->failed, error);
}

/* models.json: models_all, {"model": [{"id", ...}], "pagination": {...}}:
 * the governance model registry, which must fit in the one page saved. */
static gboolean
parse_models (PocsimSnapshot *s, guint src, GError **error)
{
  const Source *so = g_ptr_array_index (s->sources, src);
  json_t *list, *page;
  const char *next;
  if (!top_list (s, src, "model", &list, error)
      || !get_obj (s, src, json_object_get (so->root, "pagination"), "/pagination", "pagination", &page, error)
      || !get_str (s, src, json_object_get (page, "next_key"), "/pagination/next_key", "next_key", &next, error))
    return FALSE;
  if (*next != '\0')
    return fail_at (s, src, "/pagination/next_key", error,
                    "the registry continues on another page: save models_all with pagination.limit large enough");
  s->has_gov_models = TRUE;
  size_t i;
  json_t *m;
  if (list)
    json_array_foreach (list, i, m)
      {
        g_autofree char *pi = ptr_index ("/model", i);
        g_autofree char *pid = ptr_key (pi, "id");
        const char *id;
        if (!json_is_object (m))
          return fail_at (s, src, pi, error, "model: expected an object, got %s", pocsim_json_type_name (m));
        if (!get_str (s, src, json_object_get (m, "id"), pid, "id", &id, error))
          return FALSE;
        if (*id == '\0')
          return fail_at (s, src, pi, error, "model: id is missing");
        if (g_tree_lookup (s->gov_models, id) != NULL)
          return fail_at (s, src, pid, error, "model %s appears twice", id);
        g_tree_insert (s->gov_models, g_strdup (id), val_new (0, src, pid));
      }
  return TRUE;
}

/* hardware/ADDR.json: hardware_nodes/{ADDR}, {"nodes": {"participant",
 * "hardware_nodes": [{"local_id", "models": [...], ...}]}}; a null or absent
 * "nodes" is no record.  Kept as {local_id: [models]}. */
static gboolean
parse_hardware (PocsimSnapshot *s, guint src, const char *addr, GError **error)
{
  const Source *so = g_ptr_array_index (s->sources, src);
  json_t *rec, *list;
  const char *who;
  if (!top_object (s, src, error)
      || !get_obj (s, src, json_object_get (so->root, "nodes"), "/nodes", "nodes", &rec, error)
      || !get_str (s, src, json_object_get (rec, "participant"), "/nodes/participant", "participant", &who, error)
      || !get_arr (s, src, json_object_get (rec, "hardware_nodes"), "/nodes/hardware_nodes", "hardware_nodes", &list,
                   error))
    return FALSE;
  if (addr != NULL && *who != '\0' && strcmp (who, addr) != 0)
    return fail_at (s, src, "/nodes/participant", error, "participant %s is not the address of this file (%s)", who,
                    addr);
  if (rec == NULL)
    return TRUE;
  g_autoptr (json_t) nodes = json_object ();
  size_t i;
  json_t *node;
  if (list)
    json_array_foreach (list, i, node)
      {
        g_autofree char *pi = ptr_index ("/nodes/hardware_nodes", i);
        g_autofree char *pl = ptr_key (pi, "local_id");
        g_autofree char *pm = ptr_key (pi, "models");
        const char *id;
        json_t *models;
        if (!json_is_object (node))
          return fail_at (s, src, pi, error, "hardware_nodes: expected an object, got %s", pocsim_json_type_name (node));
        if (!get_str (s, src, json_object_get (node, "local_id"), pl, "local_id", &id, error)
            || !get_arr (s, src, json_object_get (node, "models"), pm, "models", &models, error))
          return FALSE;
        if (*id == '\0')
          continue; /* seating matches nodes by id: one without cannot match */
        if (json_object_get (nodes, id) != NULL)
          return fail_at (s, src, pl, error, "node %s appears twice", id);
        json_t *declared = json_array ();
        json_object_set_new (nodes, id, declared);
        size_t k;
        json_t *m;
        if (models)
          json_array_foreach (models, k, m)
            {
              g_autofree char *pk = ptr_index (pm, k);
              const char *model;
              if (!get_str (s, src, m, pk, "models", &model, error))
                return FALSE;
              json_array_append_new (declared, json_string (model));
            }
      }
  if (addr != NULL)
    {
      Hardware *h = g_new0 (Hardware, 1);
      h->nodes = g_steal_pointer (&nodes);
      h->src = src;
      h->ptr = g_strdup ("/nodes/hardware_nodes");
      g_tree_replace (s->hardware, g_strdup (addr), h);
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
    case POCSIM_SNAPSHOT_CURRENT_ROOT: return parse_group (s, src, GROUP_CURRENT_ROOT, NULL, error);
    case POCSIM_SNAPSHOT_HARDWARE: return parse_hardware (s, src, arg, error);
    case POCSIM_SNAPSHOT_MODELS: return parse_models (s, src, error);
    case POCSIM_SNAPSHOT_FAILED_MISS_RATE: return parse_failed (s, src, error);
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

/* PoC at node level (the v0.2.16 form): every (model, member) of MEMBERS
 * (model -> addr -> Val*, the weights) whose nodes NODES knows goes into
 * poc_nodes as those nodes, the others into poc with their weight.
 * Returns how many nodes were written. */
static guint
emit_node_poc (PocsimSnapshot *s, GTree *members, GTree *nodes, json_t *doc)
{
  json_t *poc = json_object (), *poc_nodes = json_object ();
  guint n_nodes = 0;
  for (GTreeNode *mn = g_tree_node_first (members); mn != NULL; mn = g_tree_node_next (mn))
    {
      const char *model = g_tree_node_key (mn);
      GTree *by_addr = g_tree_lookup (nodes, model);
      for (GTreeNode *an = g_tree_node_first (g_tree_node_value (mn)); an != NULL; an = g_tree_node_next (an))
        {
          const char *addr = g_tree_node_key (an);
          const Val *w = g_tree_node_value (an);
          const GPtrArray *list = by_addr ? g_tree_lookup (by_addr, addr) : NULL;
          if (list == NULL || list->len == 0)
            {
              json_t *row = json_object_get (poc, model);
              if (row == NULL)
                json_object_set_new (poc, model, row = json_object ());
              json_object_set_new (row, addr, json_integer (w->v));
              g_autofree char *pm = ptr_key ("/poc", model);
              g_autofree char *pa = ptr_key (pm, addr);
              add_origin (s, pa, w->src, w->ptr);
              continue;
            }
          json_t *mine = json_object_get (poc_nodes, addr);
          if (mine == NULL)
            json_object_set_new (poc_nodes, addr, mine = json_array ());
          for (guint k = 0; k < list->len; k++)
            {
              const Node *n = g_ptr_array_index (list, k);
              json_t *o = json_object (); /* keys in byte-wise order */
              json_object_set_new (o, "model_id", json_string (model));
              json_object_set_new (o, "node_id", json_string (n->id));
              json_object_set_new (o, "poc_weight", json_integer (n->weight));
              json_object_set_new (o, "preserved", json_false ());
              g_autofree char *pa = ptr_key ("/poc_nodes", addr);
              g_autofree char *pi = ptr_index (pa, json_array_size (mine));
              add_origin (s, pi, n->src, n->ptr);
              json_array_append_new (mine, o);
              n_nodes++;
            }
        }
    }
  json_object_set_new (doc, "poc", poc);
  /* poc_nodes keys: json_object keeps insertion order, so sort them. */
  json_object_set_new (doc, "poc_nodes", sorted_copy (poc_nodes));
  json_decref (poc_nodes);
  return n_nodes;
}

static void
build_poc (PocsimSnapshot *s, json_t *doc, gint64 prev_epoch_shown, gboolean node_level)
{
  if (s->has_current)
    {
      if (!node_level)
        json_object_set_new (doc, "poc", emit_maps (s, s->cur_pw, "/poc", FALSE));
      else if (emit_node_poc (s, s->cur_pw, s->cur_nodes, doc) > 0)
        add_note (s, "%s: every node of current/ is taken as freshly validated (preserved false): the node does not "
                  "say which were carried from the previous epoch", s->dir);
      return;
    }
  /* No current/: each committer's accepted weight is taken as its subgroup
   * weight of the previous epoch (docs/snapshots.md), node by node in the
   * v0.2.16 form. */
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
  if (node_level)
    emit_node_poc (s, est, s->prev_nodes, doc);
  else
    json_object_set_new (doc, "poc", emit_maps (s, est, "/poc", FALSE));
  add_note (s,
            "%s: no current/ directory: the accepted PoC weight of each of the %zu (participant, model) commits "
            "is taken as that participant's subgroup %s of epoch %" G_GINT64_FORMAT
            " (as last epoch); %zu without one count 0",
            s->dir, n.committers, node_level ? "nodes" : "weight", prev_epoch_shown, n.without);
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
  g_tree_remove (ctx->s->cap_weights, key);
  if (!g_tree_remove (ctx->s->prev_weights, key))
    return FALSE; /* not a root member: nothing to remove */
  g_tree_remove (ctx->s->confirmation, key);
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

/* ---- the v0.2.16 form of the case (docs/case-format.md, spec v0.2.16 §4) ---- */

/* Whether the directory holds the answers of a chain that runs v0.2.16
 * (trusted weight, dynamic coefficients): E's or U's root carries the
 * v0.2.16 coefficient state, or AP(E) carries trust weights.  Such a
 * directory is written in the case format's v0.2.16 form; an older one as
 * before.  This tells which chain wrote the files, as the encoders are
 * told apart; which rule set forms the case is the case reader's choice. */
static gboolean
holds_v0216 (const PocsimSnapshot *s)
{
  static const char *const fields[] = { "effective_coefficient", "base_coefficient", "adaptive_step", "config" };
  if (s->prev_dyn.obj != NULL || s->cur_dyn.obj != NULL || s->has_cap)
    return TRUE;
  const json_t *lists[] = { s->prev_scales.obj, s->cur_scales.obj };
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (gsize i = 0; i < json_array_size (lists[l]); i++)
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          const json_t *v = json_object_get (json_array_get (lists[l], i), fields[f]);
          if (v != NULL && !json_is_null (v))
            return TRUE;
        }
  return FALSE;
}

/* The keys of a set as a sorted JSON array, each located where it came from. */
static json_t *
emit_set (PocsimSnapshot *s, GTree *set, const char *parent)
{
  json_t *a = json_array ();
  for (GTreeNode *n = g_tree_node_first (set); n != NULL; n = g_tree_node_next (n))
    {
      const Val *v = g_tree_node_value (n);
      g_autofree char *p = ptr_index (parent, json_array_size (a));
      add_origin (s, p, v->src, v->ptr);
      json_array_append_new (a, json_string (g_tree_node_key (n)));
    }
  return a;
}

/* previous.node_ids: the case names one node per (model, member) of E; a
 * member with several nodes in a subgroup is named by the one with the
 * most PoC weight (the first of equals), and a note says how many. */
static json_t *
emit_node_ids (PocsimSnapshot *s)
{
  json_t *ids = json_object ();
  guint several = 0;
  for (GTreeNode *mn = g_tree_node_first (s->prev_nodes); mn != NULL; mn = g_tree_node_next (mn))
    {
      json_t *row = json_object ();
      g_autofree char *pm = ptr_key ("/previous/node_ids", g_tree_node_key (mn));
      for (GTreeNode *an = g_tree_node_first (g_tree_node_value (mn)); an != NULL; an = g_tree_node_next (an))
        {
          const GPtrArray *list = g_tree_node_value (an);
          if (list->len == 0)
            continue;
          const Node *best = g_ptr_array_index (list, 0);
          for (guint k = 1; k < list->len; k++)
            {
              const Node *n = g_ptr_array_index (list, k);
              if (n->weight > best->weight)
                best = n;
            }
          several += list->len > 1;
          json_object_set_new (row, g_tree_node_key (an), json_string (best->id));
          g_autofree char *pa = ptr_key (pm, g_tree_node_key (an));
          add_origin (s, pa, best->src, best->ptr);
        }
      if (json_object_size (row) > 0)
        json_object_set_new (ids, g_tree_node_key (mn), row);
      else
        json_decref (row);
    }
  if (several > 0)
    add_note (s, "%s: previous.node_ids names one node per (model, member): %u member%s of the previous epoch had "
              "several nodes in a subgroup, named by the one with the most PoC weight", s->dir, several,
              several == 1 ? "" : "s");
  return ids;
}

/* A copy of an object or array of a source, located there. */
static json_t *
emit_copy (PocsimSnapshot *s, const Embedded *e, const char *case_ptr)
{
  add_origin (s, case_ptr, e->src, e->ptr);
  return sorted_copy (e->obj);
}

static void
emit_previous_v0216 (PocsimSnapshot *s, json_t *prev)
{
  /* E's subgroup raw weights, every member (0 included): the members of a
   * subgroup are the keys of nodes and voting_powers. */
  json_object_set_new (prev, "nodes", emit_maps (s, s->prev_pw, "/previous/nodes", FALSE));
  json_object_set_new (prev, "node_ids", emit_node_ids (s));
  if (s->has_root)
    json_object_set_new (prev, "confirmation_weights",
                         emit_map (s, s->confirmation, "/previous/confirmation_weights", FALSE));
  if (s->prev_scales.obj != NULL)
    json_object_set_new (prev, "coefficient_scales", emit_copy (s, &s->prev_scales, "/previous/coefficient_scales"));
  if (s->has_cap)
    {
      json_object_set_new (prev, "cap_weights", emit_map (s, s->cap_weights, "/previous/cap_weights", FALSE));
      json_object_set_new (prev, "cap_weight_applied", json_boolean (s->cap_applied));
      if (s->cap_applied_val != NULL)
        add_origin (s, "/previous/cap_weight_applied", s->cap_applied_val->src, s->cap_applied_val->ptr);
    }
  else
    add_note (s, "%s: no trust weights of the previous epoch (previous/participants.json with cap_weight): its "
              "pre-eligibility and bootstrap base state use its real weights", s->dir);
  if (s->has_failed)
    json_object_set_new (prev, "failed_miss_rate", emit_set (s, s->failed, "/previous/failed_miss_rate"));
  else
    add_note (s, "%s: no previous/failed_miss_rate.json: the settlement of the previous epoch computes which hosts "
              "failed the miss-rate test and the node does not expose it; taken as none (no previous confirmed "
              "weight is zeroed)", s->dir);
  if (s->has_excluded)
    json_object_set_new (prev, "excluded", emit_set (s, s->excluded, "/previous/excluded"));
}

/* U's coefficient config as frozen at U's PoC start (current/root.json):
 * the dynamic-coefficient params and each scale's model_id, config and
 * weight_scale_factor (the rest of a scale is the formation's output). */
static json_t *
emit_frozen (PocsimSnapshot *s)
{
  static const char *const frozen_fields[] = { "config", "model_id", "weight_scale_factor" };
  json_t *f = json_object ();
  json_object_set_new (f, "params",
                       s->cur_dyn.obj ? emit_copy (s, &s->cur_dyn, "/frozen_coefficients/params") : json_null ());
  json_t *scales = json_array ();
  for (gsize i = 0; i < json_array_size (s->cur_scales.obj); i++)
    {
      const json_t *scale = json_array_get (s->cur_scales.obj, i);
      json_t *o = json_object ();
      for (guint k = 0; k < G_N_ELEMENTS (frozen_fields); k++)
        {
          const json_t *v = json_object_get (scale, frozen_fields[k]);
          if (v != NULL && !json_is_null (v))
            json_object_set_new (o, frozen_fields[k], sorted_copy (v));
        }
      g_autofree char *pc = ptr_index ("/frozen_coefficients/scales", i);
      g_autofree char *ps = ptr_index (s->cur_scales.ptr, i);
      add_origin (s, pc, s->cur_scales.src, ps);
      json_array_append_new (scales, o);
    }
  json_object_set_new (f, "scales", scales);
  return f;
}

/* The top-level v0.2.16 inputs: hardware records, the model registry, U's
 * frozen coefficient config; each absent one is said in a note. */
static void
emit_top_v0216 (PocsimSnapshot *s, json_t *doc)
{
  if (s->has_hardware)
    {
      json_t *hw = json_object ();
      for (GTreeNode *n = g_tree_node_first (s->hardware); n != NULL; n = g_tree_node_next (n))
        {
          const Hardware *h = g_tree_node_value (n);
          g_autofree char *pa = ptr_key ("/hardware_nodes", g_tree_node_key (n));
          add_origin (s, pa, h->src, h->ptr);
          json_object_set_new (hw, g_tree_node_key (n), sorted_copy (h->nodes));
        }
      json_object_set_new (doc, "hardware_nodes", hw);
    }
  else
    add_note (s, "%s: no hardware/ directory: no participant has a hardware record, so seating filters no node by "
              "its declared models", s->dir);
  if (s->has_gov_models)
    json_object_set_new (doc, "governance_models", emit_set (s, s->gov_models, "/governance_models"));
  else
    add_note (s, "%s: no models.json: the governance model registry is taken as params' PoC models and the models "
              "with PoC", s->dir);
  if (s->has_cur_root && (s->cur_dyn.obj != NULL || json_array_size (s->cur_scales.obj) > 0))
    json_object_set_new (doc, "frozen_coefficients", emit_frozen (s));
  else
    add_note (s, "%s: no current/root.json with U's frozen coefficients: they are taken from params.json (as if "
              "governance changed nothing since U's PoC start)", s->dir);
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

  const gboolean v0216 = holds_v0216 (s);
  remove_excluded (s);
  json_t *prev = json_object ();
  json_object_set_new (prev, "weights", emit_map (s, s->prev_weights, "/previous/weights", FALSE));
  json_object_set_new (prev, "voting_powers", emit_maps (s, s->prev_vp, "/previous/voting_powers", TRUE));
  if (v0216)
    emit_previous_v0216 (s, prev);
  else
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
  build_poc (s, doc, s->prev_epoch >= 0 ? s->prev_epoch : u - 1, v0216);
  if (v0216)
    emit_top_v0216 (s, doc);

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
  if (!has_root && g_file_test (models_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "%s: previous/models/ belongs with previous/root.json, which is missing", dir);
      return NULL;
    }
  if (!has_root && !has_parts)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "%s: previous/root.json (with previous/models/) or previous/participants.json is required", dir);
      return NULL;
    }
  /* The root first: beside it, participants.json gives AP(E) only. */
  if (has_root
      && (!read_kind (s, "previous/root.json", POCSIM_SNAPSHOT_PREVIOUS_ROOT, NULL, FALSE, NULL, error)
          || !read_each (s, "previous/models", POCSIM_SNAPSHOT_PREVIOUS_MODEL, TRUE, &present, error)))
    return NULL;
  if (!read_kind (s, "previous/participants.json", POCSIM_SNAPSHOT_PREVIOUS_PARTICIPANTS, NULL, TRUE, NULL, error)
      || !read_kind (s, "previous/excluded.json", POCSIM_SNAPSHOT_EXCLUDED, NULL, TRUE, NULL, error)
      || !read_kind (s, "previous/failed_miss_rate.json", POCSIM_SNAPSHOT_FAILED_MISS_RATE, NULL, TRUE, NULL, error)
      || !read_kind (s, "current/root.json", POCSIM_SNAPSHOT_CURRENT_ROOT, NULL, TRUE, NULL, error))
    return NULL;
  if (!read_each (s, "current/models", POCSIM_SNAPSHOT_CURRENT_MODEL, TRUE, &s->has_current, error)
      || !read_kind (s, "commits.json", POCSIM_SNAPSHOT_COMMITS, NULL, FALSE, NULL, error)
      || !read_each (s, "delegations/bootstrap", POCSIM_SNAPSHOT_BOOTSTRAP_DELEGATION, FALSE, &s->has_boot, error)
      || !read_each (s, "delegations/validation", POCSIM_SNAPSHOT_VALIDATION_DELEGATION, FALSE, &s->has_val, error)
      || !read_each (s, "hardware", POCSIM_SNAPSHOT_HARDWARE, FALSE, &s->has_hardware, error)
      || !read_kind (s, "models.json", POCSIM_SNAPSHOT_MODELS, NULL, TRUE, NULL, error)
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
