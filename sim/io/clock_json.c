/* clock_json.c - the pocsim-clock/1 document (clock_json.h). */
#include "io/clock_json.h"

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "io/json_autoptr.h"
#include "io/json_doc.h"

void
pocsim_node_clock_clear (PocsimNodeClock *c)
{
  g_free (c->node);
  g_free (c->epoch_info);
  memset (c, 0, sizeof *c);
}

static gboolean
bad (GError **error, const char *name, const char *what)
{
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: %s", name, what);
  return FALSE;
}

/* One {"height", "time"} entry. */
static gboolean
read_block (const json_t *b, const char *name, gint64 *height, gint64 *time_us, GError **error)
{
  const char *text = json_string_value (json_object_get (b, "time"));
  if (pocsim_json_int (json_object_get (b, "height"), height) != POCSIM_JSON_INT_OK || *height <= 0)
    return bad (error, name, "a block without a positive height");
  g_autoptr (GDateTime) t = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  if (t == NULL)
    return bad (error, name, "a block time that is not an RFC 3339 time with its zone");
  *time_us = g_date_time_to_unix (t) * G_USEC_PER_SEC + g_date_time_get_microsecond (t);
  return TRUE;
}

gboolean
pocsim_clock_json_read (const char *text, gsize len, const char *name, PocsimNodeClock *out, GError **error)
{
  memset (out, 0, sizeof *out);
  json_error_t jerr;
  g_autoptr (json_t) doc = json_loadb (text, len, 0, &jerr);
  if (doc == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s:%d:%d: %s", name, jerr.line, jerr.column, jerr.text);
      return FALSE;
    }
  const json_t *blocks = json_object_get (doc, "blocks");
  if (g_strcmp0 (json_string_value (json_object_get (doc, "format")), "pocsim-clock/1") != 0)
    return bad (error, name, "not a pocsim-clock/1 document");
  if (!json_is_array (blocks) || json_array_size (blocks) < 1 || json_array_size (blocks) > 2)
    return bad (error, name, "\"blocks\" must hold one or two blocks");
  PocsimChainClock *c = &out->clock;
  gsize last = json_array_size (blocks) - 1;
  if (!read_block (json_array_get (blocks, last), name, &c->height, &c->time_us, error))
    return FALSE;
  c->has_time = TRUE;
  c->first_height = c->height;
  c->first_time_us = c->time_us;
  if (last == 1)
    {
      if (!read_block (json_array_get (blocks, 0), name, &c->first_height, &c->first_time_us, error))
        return FALSE;
      if (c->first_height >= c->height || c->first_time_us >= c->time_us)
        return bad (error, name, "the earlier block is not earlier than the latest");
      c->has_rate = TRUE;
    }
  out->node = g_strdup (json_string_value (json_object_get (doc, "node")));
  const json_t *info = json_object_get (doc, "epoch_info");
  if (json_is_object (info))
    {
      char *dumped = json_dumps (info, JSON_COMPACT | JSON_PRESERVE_ORDER);
      out->epoch_info = g_strdup (dumped); /* owned by jansson's allocator until copied */
      free (dumped);
    }
  return TRUE;
}
