/* hardware_csv.c - the hardware data from its five CSV files. */
#include "io/hardware_csv.h"

#include <math.h>
#include <string.h>

#include "core/decimal.h"
#include "core/error.h"
#include "io/csv_records.h"

/* The columns a reader needs, found by name in the header. */
static gboolean
columns (const PocsimCsvTable *t, const char *const *names, guint *cols, GError **error)
{
  for (guint k = 0; names[k]; k++)
    if ((cols[k] = pocsim_csv_table_column (t, names[k], error)) == G_MAXUINT)
      return FALSE;
  return TRUE;
}

static PocsimCsvTable *
load (const char *dir, const char *file, GError **error)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  return pocsim_csv_table_load (path, error);
}

/* Field readers: each names the row, column and what was expected. */

static gboolean
read_text (const PocsimCsvTable *t, guint r, guint col, const char **out, GError **error)
{
  *out = pocsim_csv_table_field (t, r, col);
  if (**out == '\0')
    return pocsim_csv_fail_at (error, t->name, pocsim_csv_table_line (t, r), col + 1, "%s: empty", t->header[col]);
  return TRUE;
}

static gboolean
read_int (const PocsimCsvTable *t, guint r, guint col, gint64 min, gint64 max, gint64 *out, GError **error)
{
  const char *s = pocsim_csv_table_field (t, r, col);
  if (!pocsim_int64_parse (s, out) || *out < min || *out > max)
    return pocsim_csv_fail_at (error, t->name, pocsim_csv_table_line (t, r), col + 1,
                               "%s: \"%s\" is not an integer from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                               t->header[col], s, min, max);
  return TRUE;
}

static gboolean
read_positive_double (const PocsimCsvTable *t, guint r, guint col, double *out, GError **error)
{
  const char *s = pocsim_csv_table_field (t, r, col);
  char *end = NULL;
  *out = *s ? g_ascii_strtod (s, &end) : 0;
  if (*s == '\0' || *end != '\0' || !isfinite (*out) || *out <= 0)
    return pocsim_csv_fail_at (error, t->name, pocsim_csv_table_line (t, r), col + 1,
                               "%s: \"%s\" is not a positive number", t->header[col], s);
  return TRUE;
}

static gboolean
read_model (const PocsimHardwareData *d, const PocsimCsvTable *t, guint r, guint col, guint32 *out, GError **error)
{
  const char *id = pocsim_csv_table_field (t, r, col);
  *out = pocsim_hardware_data_find_model (d, id);
  if (*out == POCSIM_HW_NO_MODEL)
    return pocsim_csv_fail_at (error, t->name, pocsim_csv_table_line (t, r), col + 1,
                               "%s: \"%s\" is not a model of chain_models.csv", t->header[col], id);
  return TRUE;
}

/* ---- the five files ---- */

static gboolean
read_models (PocsimHardwareData *d, const char *dir, GError **error)
{
  g_autoptr (PocsimCsvTable) t = load (dir, "chain_models.csv", error);
  static const char *const names[] = { "model_id", "weight_scale_factor_decimal", NULL };
  guint col[2];
  if (t == NULL || !columns (t, names, col, error))
    return FALSE;
  for (guint r = 0; r < t->rows->len; r++)
    {
      const char *id;
      double factor;
      if (!read_text (t, r, col[0], &id, error) || !read_positive_double (t, r, col[1], &factor, error))
        return FALSE;
      if (pocsim_hardware_data_find_model (d, id) != POCSIM_HW_NO_MODEL)
        return pocsim_csv_fail_at (error, t->name, pocsim_csv_table_line (t, r), col[0] + 1,
                                   "model_id: \"%s\" listed twice", id);
      pocsim_hardware_data_add_model (d, id, factor);
    }
  return TRUE;
}

/* The hardware of every node in the epoch's PoC, keyed "participant\nlocal_id";
 * values are the row's node template (no model, no weight). */
static GHashTable *
read_hardware (const char *dir, GStringChunk *strings, GError **error)
{
  g_autoptr (PocsimCsvTable) t = load (dir, "chain_node_hardware.csv", error);
  static const char *const names[] = { "participant", "local_id", "gpu_type", "gpu_count", "in_epoch_poc", NULL };
  guint col[5];
  if (t == NULL || !columns (t, names, col, error))
    return NULL;
  g_autoptr (GHashTable) nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint r = 0; r < t->rows->len; r++)
    {
      const char *in_poc = pocsim_csv_table_field (t, r, col[4]);
      guint line = pocsim_csv_table_line (t, r);
      if (strcmp (in_poc, "false") == 0)
        continue;
      if (strcmp (in_poc, "true") != 0)
        return pocsim_csv_fail_at (error, t->name, line, col[4] + 1, "in_epoch_poc: \"%s\" is neither true nor false",
                                   in_poc),
               NULL;
      PocsimHwNode node = { 0 };
      gint64 count;
      if (!read_text (t, r, col[0], &node.participant, error) || !read_text (t, r, col[1], &node.node_id, error)
          || !read_text (t, r, col[2], &node.gpu_reported, error)
          || !read_int (t, r, col[3], 1, POCSIM_GPU_COUNT_MAX, &count, error))
        return NULL;
      node.gpu = pocsim_gpu_type_normalize (node.gpu_reported);
      node.gpu_count = (guint) count;
      node.gpu_reported = g_string_chunk_insert_const (strings, node.gpu_reported);
      char *key = g_strdup_printf ("%s\n%s", node.participant, node.node_id);
      if (g_hash_table_contains (nodes, key))
        {
          g_free (key);
          return pocsim_csv_fail_at (error, t->name, line, col[1] + 1,
                                     "participant %s has two nodes \"%s\" in the epoch's PoC", node.participant,
                                     node.node_id),
                 NULL;
        }
      node.participant = node.node_id = NULL; /* set from the PoC row */
      g_hash_table_insert (nodes, key, g_memdup2 (&node, sizeof node));
    }
  return g_steal_pointer (&nodes);
}

static gboolean
read_nodes (PocsimHardwareData *d, const char *dir, GError **error)
{
  g_autoptr (GHashTable) hardware = read_hardware (dir, d->strings, error);
  if (hardware == NULL)
    return FALSE;
  g_autoptr (PocsimCsvTable) t = load (dir, "chain_poc_nodes.csv", error);
  static const char *const names[] = { "model_id", "participant", "node_id", "poc_weight", "epoch_index",
                                       "block_height", NULL };
  guint col[6];
  if (t == NULL || !columns (t, names, col, error))
    return FALSE;
  for (guint r = 0; r < t->rows->len; r++)
    {
      guint line = pocsim_csv_table_line (t, r);
      guint32 model;
      const char *participant, *node_id;
      gint64 weight, epoch, height;
      if (!read_model (d, t, r, col[0], &model, error) || !read_text (t, r, col[1], &participant, error)
          || !read_text (t, r, col[2], &node_id, error)
          || !read_int (t, r, col[3], 0, POCSIM_HW_MAX_POC_WEIGHT, &weight, error)
          || !read_int (t, r, col[4], 0, G_MAXINT64, &epoch, error)
          || !read_int (t, r, col[5], 0, G_MAXINT64, &height, error))
        return FALSE;
      if (r == 0)
        d->epoch = epoch, d->block_height = height;
      else if (epoch != d->epoch || height != d->block_height)
        return pocsim_csv_fail_at (error, t->name, line, col[epoch != d->epoch ? 4 : 5] + 1,
                                   "a snapshot of epoch %" G_GINT64_FORMAT " at block %" G_GINT64_FORMAT
                                   " in a file of epoch %" G_GINT64_FORMAT " at block %" G_GINT64_FORMAT,
                                   epoch, height, d->epoch, d->block_height);
      g_autofree char *key = g_strdup_printf ("%s\n%s", participant, node_id);
      const PocsimHwNode *hw = g_hash_table_lookup (hardware, key);
      if (hw == NULL)
        return pocsim_csv_fail_at (error, t->name, line, col[2] + 1,
                                   "node \"%s\" of %s has no row with in_epoch_poc true in chain_node_hardware.csv",
                                   node_id, participant);
      PocsimHwNode node = *hw;
      node.model = model;
      node.participant = participant;
      node.node_id = node_id;
      node.poc_weight = weight;
      pocsim_hardware_data_add_node (d, &node);
    }
  return TRUE;
}

/* benchmark label -> model index (as a pointer, +1). */
static GHashTable *
read_benchmark_models (const PocsimHardwareData *d, const char *dir, GError **error)
{
  g_autoptr (PocsimCsvTable) t = load (dir, "benchmark_models.csv", error);
  static const char *const names[] = { "benchmark_model", "model_id", NULL };
  guint col[2];
  if (t == NULL || !columns (t, names, col, error))
    return NULL;
  g_autoptr (GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint r = 0; r < t->rows->len; r++)
    {
      const char *label;
      guint32 model;
      if (!read_text (t, r, col[0], &label, error) || !read_model (d, t, r, col[1], &model, error))
        return NULL;
      if (g_hash_table_contains (labels, label))
        return pocsim_csv_fail_at (error, t->name, pocsim_csv_table_line (t, r), col[0] + 1,
                                   "benchmark_model: \"%s\" listed twice", label),
               NULL;
      g_hash_table_insert (labels, g_strdup (label), GUINT_TO_POINTER (model + 1));
    }
  return g_steal_pointer (&labels);
}

static gboolean
read_benchmarks (PocsimHardwareData *d, const char *dir, GError **error)
{
  g_autoptr (GHashTable) labels = read_benchmark_models (d, dir, error);
  if (labels == NULL)
    return FALSE;
  g_autoptr (PocsimCsvTable) t = load (dir, "benchmarks_8gpu.csv", error);
  static const char *const names[] = { "gpu_type", "model", "nonces_per_min_8gpu", "tensor_parallel_size", NULL };
  guint col[4];
  if (t == NULL || !columns (t, names, col, error))
    return FALSE;
  for (guint r = 0; r < t->rows->len; r++)
    {
      guint line = pocsim_csv_table_line (t, r);
      PocsimHwBenchmark b = { 0 };
      b.label = pocsim_csv_table_field (t, r, col[1]);
      gpointer model = g_hash_table_lookup (labels, b.label);
      if (model == NULL)
        continue;
      b.model = GPOINTER_TO_UINT (model) - 1;
      const char *gpu = pocsim_csv_table_field (t, r, col[0]);
      b.gpu = pocsim_gpu_type_normalize (gpu);
      if (b.gpu == POCSIM_GPU_UNKNOWN)
        return pocsim_csv_fail_at (error, t->name, line, col[0] + 1, "gpu_type: unknown GPU type \"%s\"", gpu);
      gint64 tp;
      if (!read_positive_double (t, r, col[2], &b.nonces_per_min_8gpu, error)
          || !read_int (t, r, col[3], 1, POCSIM_GPU_COUNT_MAX, &tp, error))
        return FALSE;
      b.tensor_parallel_size = (guint) tp;
      if (pocsim_hardware_data_find_benchmark (d, b.model, b.gpu) != NULL)
        return pocsim_csv_fail_at (error, t->name, line, col[1] + 1, "a second benchmark of %s on %s",
                                   g_array_index (d->models, PocsimHwModel, b.model).id,
                                   pocsim_gpu_type_name (b.gpu));
      pocsim_hardware_data_add_benchmark (d, &b);
    }
  return TRUE;
}

PocsimHardwareData *
pocsim_hardware_data_load (const char *dir, GError **error)
{
  g_autoptr (PocsimHardwareData) d = pocsim_hardware_data_new ();
  if (!read_models (d, dir, error) || !read_nodes (d, dir, error) || !read_benchmarks (d, dir, error))
    return NULL;
  return g_steal_pointer (&d);
}
