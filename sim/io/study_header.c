/* study_header.c - a study's header as JSON, and back. */
#include "io/study_header.h"

#include <string.h>

#include "core/error.h"
#include "io/case_json.h"
#include "io/json_doc.h"

static const char *const type_names[] = { [POCSIM_VALUE_INT] = "int", [POCSIM_VALUE_REAL] = "real",
                                          [POCSIM_VALUE_MODE] = "mode" };

static json_t *
strings_json (const GPtrArray *list)
{
  json_t *a = json_array ();
  for (guint k = 0; k < list->len; k++)
    json_array_append_new (a, json_string (list->pdata[k]));
  return a;
}

static json_t *
grid_json (const PocsimStudyHeader *h)
{
  json_t *grid = json_array ();
  for (guint d = 0; d < h->dims->len; d++)
    {
      const PocsimStudyDim *dim = h->dims->pdata[d];
      json_t *axes = json_array ();
      for (guint a = 0; a < dim->axes->len; a++)
        {
          const PocsimStudyAxis *ax = dim->axes->pdata[a];
          json_array_append_new (axes, json_pack ("{s:s, s:o}", "path", ax->path, "values", strings_json (ax->values)));
        }
      json_array_append_new (grid, json_pack ("{s:o}", "axes", axes));
    }
  return grid;
}

static json_t *
header_json (const PocsimStudyHeader *h, const PocsimShard *shard)
{
  json_t *doc = json_object ();
  json_object_set_new (doc, "format", json_string (shard ? "pocsim-study-part/1" : "pocsim-study-meta/1"));
  json_object_set_new (doc, "pocsim_version", json_string (h->pocsim_version));
  json_object_set_new (doc, "study", json_string (h->name));
  json_object_set_new (doc, "study_sha256", json_string (h->study_sha256));
  if (h->description)
    json_object_set_new (doc, "description", json_string (h->description));
  json_t *inputs = json_array ();
  for (guint k = 0; k < h->input_paths->len; k++)
    json_array_append_new (inputs, json_pack ("{s:s, s:s}", "path", h->input_paths->pdata[k], "sha256",
                                              h->input_sha256->pdata[k]));
  json_object_set_new (doc, "inputs", inputs);
  json_object_set_new (doc, "rule_sets", strings_json (h->rule_sets));
  json_object_set_new (doc, "seed", json_integer ((json_int_t) h->seed));
  json_object_set_new (doc, "points", json_integer (h->n_points));
  json_object_set_new (doc, "runs", json_integer (h->runs));
  json_object_set_new (doc, "epochs", json_integer (h->epochs));
  json_object_set_new (doc, "grid", grid_json (h));
  if (h->plot_host)
    json_object_set_new (doc, "plot_host", json_string (h->plot_host));
  json_t *columns = json_array ();
  for (guint c = 0; c < h->columns->len; c++)
    {
      const PocsimStudyColumn *col = h->columns->pdata[c];
      json_t *o = json_pack ("{s:s, s:s, s:s, s:b, s:i}", "entity", col->entity, "metric", col->metric, "type",
                             type_names[col->type], "network", col->network, "id", (int) col->id);
      if (col->model)
        json_object_set_new (o, "model", json_string (col->model));
      json_array_append_new (columns, o);
    }
  json_object_set_new (doc, "columns", columns);
  if (shard)
    json_object_set_new (doc, "shard",
                         json_pack ("{s:i, s:i, s:I, s:I}", "index", (int) shard->index, "count", (int) shard->count,
                                    "first_run", (json_int_t) shard->first, "end_run", (json_int_t) shard->end));
  return doc;
}

gboolean
pocsim_study_header_write (const PocsimStudyHeader *h, const PocsimShard *shard, FILE *out)
{
  g_autoptr (json_t) doc = header_json (h, shard);
  return json_dumpf (doc, out, JSON_INDENT (2)) == 0 && fputc ('\n', out) != EOF;
}

/* ---- reading a part ---- */

static gboolean
bad_part (const PocsimJsonDoc *doc, const char *ptr, GError **error)
{
  return pocsim_json_doc_fail (doc, ptr, error, "not a part of a pocsim study (pocsim-study-part/1)");
}

static gboolean
read_strings (const json_t *a, GPtrArray *into)
{
  if (!json_is_array (a))
    return FALSE;
  for (gsize k = 0; k < json_array_size (a); k++)
    {
      if (!json_is_string (json_array_get (a, k)))
        return FALSE;
      g_ptr_array_add (into, g_strdup (json_string_value (json_array_get (a, k))));
    }
  return TRUE;
}

static gboolean
read_grid (const json_t *grid, PocsimStudyHeader *h)
{
  if (!json_is_array (grid))
    return FALSE;
  for (gsize d = 0; d < json_array_size (grid); d++)
    {
      const json_t *axes = json_object_get (json_array_get (grid, d), "axes");
      if (!json_is_array (axes) || json_array_size (axes) == 0)
        return FALSE;
      PocsimStudyDim *dim = g_new0 (PocsimStudyDim, 1);
      dim->axes = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_study_axis_free);
      g_ptr_array_add (h->dims, dim);
      for (gsize a = 0; a < json_array_size (axes); a++)
        {
          const json_t *o = json_array_get (axes, a);
          PocsimStudyAxis *ax = g_new0 (PocsimStudyAxis, 1);
          ax->values = g_ptr_array_new_with_free_func (g_free);
          ax->value_where = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (dim->axes, ax);
          if (!json_is_string (json_object_get (o, "path")) || !read_strings (json_object_get (o, "values"), ax->values))
            return FALSE;
          ax->path = g_strdup (json_string_value (json_object_get (o, "path")));
          if (a > 0 && ax->values->len != dim->n_values)
            return FALSE;
          dim->n_values = ax->values->len;
        }
    }
  return TRUE;
}

static gboolean
read_columns (const json_t *columns, PocsimStudyHeader *h)
{
  if (!json_is_array (columns))
    return FALSE;
  for (gsize c = 0; c < json_array_size (columns); c++)
    {
      const json_t *o = json_array_get (columns, c);
      const char *entity, *metric, *type, *model = NULL;
      int network, id;
      if (json_unpack ((json_t *) o, "{s:s, s:s, s:s, s:b, s:i, s?s}", "entity", &entity, "metric", &metric, "type",
                       &type, "network", &network, "id", &id, "model", &model) != 0)
        return FALSE;
      PocsimStudyColumn *col = g_new0 (PocsimStudyColumn, 1);
      col->entity = g_strdup (entity);
      col->metric = g_strdup (metric);
      col->model = g_strdup (model);
      col->network = network;
      col->id = (guint) id;
      g_ptr_array_add (h->columns, col);
      guint t;
      for (t = 0; t < G_N_ELEMENTS (type_names) && strcmp (type_names[t], type) != 0; t++)
        ;
      if (t == G_N_ELEMENTS (type_names))
        return FALSE;
      col->type = t;
    }
  return TRUE;
}

PocsimStudyHeader *
pocsim_study_header_read (const char *path, PocsimShard *shard, GError **error)
{
  gsize len;
  g_autofree char *text = pocsim_read_input (path, &len, error);
  if (text == NULL)
    return NULL;
  PocsimJsonDoc doc = { text, len, path };
  g_autoptr (json_t) root = pocsim_json_doc_parse (&doc, error);
  if (root == NULL)
    return NULL;
  const json_t *format = json_object_get (root, "format");
  if (!json_is_string (format) || strcmp (json_string_value (format), "pocsim-study-part/1") != 0)
    {
      bad_part (&doc, "", error);
      return NULL;
    }
  g_autoptr (PocsimStudyHeader) h = pocsim_study_header_new ();
  const char *version, *name, *sha, *description = NULL, *plot = NULL;
  json_int_t seed, points, runs, epochs, first, end;
  int index, count;
  json_t *inputs, *rules, *grid, *columns;
  if (json_unpack (root, "{s:s, s:s, s:s, s?s, s:o, s:o, s:I, s:I, s:I, s:I, s:o, s?s, s:o, s:{s:i, s:i, s:I, s:I}}",
                   "pocsim_version", &version, "study", &name, "study_sha256", &sha, "description", &description,
                   "inputs", &inputs, "rule_sets", &rules, "seed", &seed, "points", &points, "runs", &runs, "epochs",
                   &epochs, "grid", &grid, "plot_host", &plot, "columns", &columns, "shard", "index", &index, "count",
                   &count, "first_run", &first, "end_run", &end)
        != 0
      || seed < 0 || points < 1 || points > G_MAXUINT || runs < 1 || epochs < 1 || count < 1 || index < 1
      || index > count || first < 0 || end < first || (guint64) end > (guint64) points * (guint64) runs
      || !read_strings (rules, h->rule_sets) || !read_grid (grid, h) || !read_columns (columns, h)
      || !json_is_array (inputs))
    {
      bad_part (&doc, "", error);
      return NULL;
    }
  for (gsize k = 0; k < json_array_size (inputs); k++)
    {
      const char *ipath, *isha;
      if (json_unpack (json_array_get (inputs, k), "{s:s, s:s}", "path", &ipath, "sha256", &isha) != 0)
        {
          bad_part (&doc, "/inputs", error);
          return NULL;
        }
      g_ptr_array_add (h->input_paths, g_strdup (ipath));
      g_ptr_array_add (h->input_sha256, g_strdup (isha));
    }
  h->pocsim_version = g_strdup (version);
  h->name = g_strdup (name);
  h->study_sha256 = g_strdup (sha);
  h->description = g_strdup (description);
  h->plot_host = g_strdup (plot);
  h->seed = (guint64) seed;
  h->n_points = (guint) points;
  h->runs = runs;
  h->epochs = epochs;
  *shard = (PocsimShard) { (guint) index, (guint) count, (guint64) first, (guint64) end };
  return g_steal_pointer (&h);
}

/* ---- comparing ---- */

static gboolean
same_strings (const GPtrArray *a, const GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint k = 0; k < a->len; k++)
    if (g_strcmp0 (a->pdata[k], b->pdata[k]) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
same_grid (const PocsimStudyHeader *a, const PocsimStudyHeader *b)
{
  if (a->dims->len != b->dims->len)
    return FALSE;
  for (guint d = 0; d < a->dims->len; d++)
    {
      const PocsimStudyDim *x = a->dims->pdata[d], *y = b->dims->pdata[d];
      if (x->axes->len != y->axes->len)
        return FALSE;
      for (guint k = 0; k < x->axes->len; k++)
        {
          const PocsimStudyAxis *p = x->axes->pdata[k], *q = y->axes->pdata[k];
          if (strcmp (p->path, q->path) != 0 || !same_strings (p->values, q->values))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
same_columns (const PocsimStudyHeader *a, const PocsimStudyHeader *b)
{
  if (a->columns->len != b->columns->len)
    return FALSE;
  for (guint c = 0; c < a->columns->len; c++)
    {
      const PocsimStudyColumn *x = a->columns->pdata[c], *y = b->columns->pdata[c];
      if (strcmp (x->entity, y->entity) != 0 || strcmp (x->metric, y->metric) != 0 || x->type != y->type)
        return FALSE;
    }
  return TRUE;
}

char *
pocsim_study_header_difference (const PocsimStudyHeader *a, const PocsimStudyHeader *b)
{
  /* What a part's numbers depend on first; the study's text last (another
   * description is another study too). */
  if (strcmp (a->pocsim_version, b->pocsim_version) != 0)
    return g_strdup_printf ("pocsim version %s, not %s", b->pocsim_version, a->pocsim_version);
  if (a->seed != b->seed)
    return g_strdup_printf ("seed %" G_GUINT64_FORMAT ", not %" G_GUINT64_FORMAT, b->seed, a->seed);
  if (a->runs != b->runs || a->n_points != b->n_points || a->epochs != b->epochs || !same_grid (a, b))
    return g_strdup ("another grid or number of runs");
  if (!same_strings (a->input_sha256, b->input_sha256))
    return g_strdup ("other input files (their SHA-256 differ)");
  if (!same_columns (a, b) || !same_strings (a->rule_sets, b->rule_sets))
    return g_strdup ("other columns");
  if (strcmp (a->study_sha256, b->study_sha256) != 0)
    return g_strdup_printf ("another study (%s, SHA-256 %.12s..., not %s, %.12s...)", b->name, b->study_sha256,
                            a->name, a->study_sha256);
  return NULL;
}
