/* timeline_json.c - epoch params and a live anchor from the node's JSON. */
#include "io/timeline_json.h"

#include <errno.h>
#include <string.h>

#include "core/error.h"
#include "io/case_json.h"
#include "io/json_autoptr.h"
#include "io/json_locate.h"

typedef struct {
  const char *text;
  gsize len;
  const char *name;
  GError **error;
} Doc;

static gboolean
fail_at (const Doc *d, const char *pointer, const char *what, const char *problem)
{
  PocsimJsonPos pos = { 1, 1 };
  pocsim_json_locate (d->text, d->len, pointer, &pos);
  g_set_error (d->error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s:%u:%u: %s: %s", d->name, pos.line, pos.column, what,
               problem);
  return FALSE;
}

/* obj[key] as an int64 (number or decimal string; unset = 0).  `parent` is
 * the JSON pointer of obj, `what` its dotted name for messages. */
static gboolean
get_int (const Doc *d, const json_t *obj, const char *parent, const char *what, const char *key, gint64 *out)
{
  const json_t *v = json_object_get (obj, key);
  g_autofree char *label = g_strconcat (what, ".", key, NULL);
  GString *ptr = g_string_new (parent);
  pocsim_json_pointer_append_key (ptr, key);
  g_autofree char *pointer = g_string_free (ptr, FALSE);
  *out = 0;
  if (v == NULL || json_is_null (v))
    return TRUE;
  if (json_is_integer (v))
    {
      *out = json_integer_value (v);
      return TRUE;
    }
  if (!json_is_string (v))
    return fail_at (d, pointer, label, "expected an integer (number or string)");
  const char *s = json_string_value (v);
  if (*s == '\0')
    return TRUE;
  const char *digits = (*s == '-') ? s + 1 : s;
  gboolean ok = *digits != '\0';
  for (const char *p = digits; *p && ok; p++)
    ok = g_ascii_isdigit (*p);
  char *end = NULL;
  errno = 0;
  if (ok)
    *out = g_ascii_strtoll (s, &end, 10);
  if (!ok || errno != 0 || *end != '\0')
    return fail_at (d, pointer, label, "not an int64 integer");
  return TRUE;
}

static gboolean
read_epoch_params (const Doc *d, const json_t *ep, const char *ptr, PocsimTimelineInput *in)
{
  const struct { const char *key; gint64 *field; } fields[] = {
    { "epoch_length", &in->params.epoch_length },
    { "poc_stage_duration", &in->params.poc_stage_duration },
    { "poc_validation_delay", &in->params.poc_validation_delay },
    { "poc_validation_duration", &in->params.poc_validation_duration },
    { "set_new_validators_delay", &in->params.set_new_validators_delay },
  };
  for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
    if (!get_int (d, ep, ptr, "epoch_params", fields[k].key, fields[k].field))
      return FALSE;
  g_autoptr (GError) bad = NULL;
  if (!pocsim_epoch_params_check (&in->params, &bad))
    {
      PocsimJsonPos pos = { 1, 1 };
      pocsim_json_locate (d->text, d->len, ptr, &pos);
      g_set_error (d->error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s:%u:%u: %s", d->name, pos.line, pos.column,
                   bad->message);
      return FALSE;
    }
  in->has_epoch_params = TRUE;
  return TRUE;
}

/* The params object: {"params": {...}} response, its inner object, or a
 * document that is itself the inner object. */
static const json_t *
find_params (const json_t *root, const char **ptr)
{
  const json_t *p = json_object_get (root, "params");
  if (json_is_object (p))
    {
      const json_t *inner = json_object_get (p, "params");
      if (json_is_object (inner))
        {
          *ptr = "/params/params";
          return inner;
        }
      *ptr = "/params";
      return p;
    }
  if (json_object_get (root, "delegation_params") != NULL || json_object_get (root, "poc_params") != NULL)
    {
      *ptr = "";
      return root;
    }
  return NULL;
}

static gboolean
read_anchor (const Doc *d, const json_t *root, PocsimTimelineInput *in)
{
  static const struct { const char *object, *epoch_key; } shapes[] = {
    { "latest_epoch", "index" },            /* epoch_info, /v1/epochs/latest */
    { "active_participants", "epoch_id" },  /* /v1/epochs/N/participants */
    { "epoch_group_data", "epoch_index" },  /* .../epoch_group_data/N, current_epoch_group_data */
  };
  for (guint k = 0; k < G_N_ELEMENTS (shapes); k++)
    {
      const json_t *o = json_object_get (root, shapes[k].object);
      if (!json_is_object (o) || json_object_get (o, "poc_start_block_height") == NULL)
        continue;
      g_autofree char *ptr = g_strconcat ("/", shapes[k].object, NULL);
      gint64 epoch, poc_start;
      if (!get_int (d, o, ptr, shapes[k].object, shapes[k].epoch_key, &epoch)
          || !get_int (d, o, ptr, shapes[k].object, "poc_start_block_height", &poc_start))
        return FALSE;
      if (poc_start <= 0 || epoch < 0)
        return fail_at (d, ptr, shapes[k].object, "no usable epoch and PoC start (zero or negative)");
      in->has_anchor = TRUE;
      in->anchor = (PocsimAnchor) { epoch, poc_start };
      in->anchor_field = shapes[k].object;
      return TRUE;
    }
  return TRUE;
}

gboolean
pocsim_timeline_input_read (const char *text, gsize len, const char *name, PocsimTimelineInput *in,
                            GError **error)
{
  Doc d = { text, len, name, error };
  json_error_t jerr;
  g_autoptr (json_t) root = json_loadb (text, len, JSON_REJECT_DUPLICATES, &jerr);
  if (root == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s:%d:%d: %s", name, MAX (jerr.line, 1),
                   MAX (jerr.column, 1), jerr.text);
      return FALSE;
    }
  if (!json_is_object (root))
    return fail_at (&d, "", "document", "expected a JSON object");

  const char *pptr = NULL;
  const json_t *params = find_params (root, &pptr);
  if (params != NULL)
    {
      const json_t *ep = json_object_get (params, "epoch_params");
      const json_t *dp = json_object_get (params, "delegation_params");
      g_autofree char *ep_ptr = g_strconcat (pptr, "/epoch_params", NULL);
      g_autofree char *dp_ptr = g_strconcat (pptr, "/delegation_params", NULL);
      if (json_is_object (ep) && !read_epoch_params (&d, ep, ep_ptr, in))
        return FALSE;
      if (json_is_object (dp))
        {
          if (!get_int (&d, dp, dp_ptr, "delegation_params", "deploy_window", &in->params.deploy_window))
            return FALSE;
          in->has_deploy_window = TRUE;
        }
    }
  /* /v1/epochs/latest: top-level epoch_params, nested once since v0.2.15. */
  const json_t *ep = json_object_get (root, "epoch_params");
  if (params != root && json_is_object (ep))
    {
      const json_t *nested = json_object_get (ep, "epoch_params");
      gboolean deeper = json_is_object (nested);
      if (!read_epoch_params (&d, deeper ? nested : ep, deeper ? "/epoch_params/epoch_params" : "/epoch_params", in))
        return FALSE;
    }
  if (!read_anchor (&d, root, in))
    return FALSE;
  const json_t *u = json_object_get (root, "upcoming_epoch");
  if (u != NULL && !json_is_null (u))
    {
      if (!get_int (&d, root, "", "case", "upcoming_epoch", &in->upcoming_epoch))
        return FALSE;
      in->has_upcoming_epoch = TRUE;
    }
  /* The height it was read at; 0 and null say nothing. */
  const char *height_key = json_object_get (root, "height") ? "height"
                           : json_object_get (root, "latest_epoch") ? "block_height" : NULL;
  gint64 height = 0;
  if (height_key && !get_int (&d, root, "", "document", height_key, &height))
    return FALSE;
  if (height > 0)
    {
      in->height = height;
      in->has_height = TRUE;
    }
  return TRUE;
}

static gboolean
read_file (const char *path, const char *display, PocsimTimelineInput *in, GError **error)
{
  gsize len;
  g_autofree char *text = pocsim_read_input (path, &len, error);
  return text != NULL && pocsim_timeline_input_read (text, len, display, in, error);
}

gboolean
pocsim_timeline_input_load (const char *path, PocsimTimelineInput *in, GError **error)
{
  if (strcmp (path, "-") == 0)
    return read_file (path, "<stdin>", in, error);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return read_file (path, path, in, error);
  /* A snapshot directory: params.json is required; an anchor may come from
   * epoch.json (epoch_info or /v1/epochs/latest) or previous/participants.json. */
  g_autofree char *params = g_build_filename (path, "params.json", NULL);
  g_autofree char *manifest = g_build_filename (path, "manifest.json", NULL);
  if (!read_file (params, params, in, error))
    return FALSE;
  if (g_file_test (manifest, G_FILE_TEST_IS_REGULAR) && !read_file (manifest, manifest, in, error))
    return FALSE;
  const char *anchors[] = { "epoch.json", "previous/participants.json" };
  for (guint k = 0; k < G_N_ELEMENTS (anchors) && !in->has_anchor; k++)
    {
      g_autofree char *file = g_build_filename (path, anchors[k], NULL);
      if (g_file_test (file, G_FILE_TEST_IS_REGULAR) && !read_file (file, file, in, error))
        return FALSE;
    }
  return TRUE;
}
