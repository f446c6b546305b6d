/* meta.c - the metadata sidecar of a report. */
#include "io/meta.h"

#include "io/json_autoptr.h"

PocsimInputFile *
pocsim_input_file_new (const char *path, const void *data, gsize len)
{
  PocsimInputFile *f = g_new0 (PocsimInputFile, 1);
  f->path = g_strdup (path);
  f->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  return f;
}

PocsimInputFile *
pocsim_input_file_new_digest (const char *path, const char *sha256)
{
  PocsimInputFile *f = g_new0 (PocsimInputFile, 1);
  f->path = g_strdup (path);
  f->sha256 = g_strdup (sha256);
  return f;
}

void
pocsim_input_file_free (PocsimInputFile *f)
{
  if (f == NULL)
    return;
  g_free (f->path);
  g_free (f->sha256);
  g_free (f);
}

gboolean
pocsim_meta_write (const PocsimMeta *meta, FILE *stream)
{
  g_autoptr (json_t) root = json_object ();
  json_t *inputs = json_array ();
  json_object_set_new (root, "format", json_string ("pocsim-meta/1"));
  json_object_set_new (root, "pocsim_version", json_string (POCSIM_VERSION));
  json_object_set_new (root, "command", json_string (meta->command));
  json_object_set_new (root, "rules", json_string (meta->rules));
  if (meta->rules_reason != NULL)
    json_object_set_new (root, "rules_reason", json_string (meta->rules_reason));
  json_object_set_new (root, "upcoming_epoch", json_integer (meta->upcoming_epoch));
  json_object_set_new (root, "snapshot_height",
                       meta->snapshot_height >= 0 ? json_integer (meta->snapshot_height) : json_null ());
  json_object_set_new (root, "result_format", json_string (meta->result_format));
  json_object_set_new (root, "result_path", meta->result_path ? json_string (meta->result_path) : json_null ());
  for (guint k = 0; meta->inputs != NULL && k < meta->inputs->len; k++)
    {
      const PocsimInputFile *f = g_ptr_array_index (meta->inputs, k);
      json_t *entry = json_object ();
      json_object_set_new (entry, "path", json_string (f->path));
      json_object_set_new (entry, "sha256", json_string (f->sha256));
      json_array_append_new (inputs, entry);
    }
  json_object_set_new (root, "inputs", inputs);
  if (meta->settings != NULL && *meta->settings != NULL)
    {
      json_t *list = json_array ();
      for (const char *const *s = meta->settings; *s; s++)
        json_array_append_new (list, json_string (*s));
      json_object_set_new (root, "settings", list);
    }
  return json_dumpf (root, stream, JSON_INDENT (2)) == 0 && fputc ('\n', stream) != EOF;
}

char *
pocsim_meta_default_path (const char *output)
{
  return g_strconcat (output, ".meta.json", NULL);
}
