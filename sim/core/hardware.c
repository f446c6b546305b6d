/* hardware.c - GPU types, GPU specs, and the hardware data's tables. */
#include "core/hardware.h"

#include <stdlib.h>
#include <string.h>

#include "core/error.h"

/* In matching order: a variant before its plain type, and H200 before H20
 * (words compare whole, so "H200" never matches "H20" anyway). */
static const struct {
  PocsimGpuType type;
  const char *name;
  const char *words;    /* the model words, space-separated, upper case */
  const char *variant;  /* a later word that selects the variant, or NULL */
} gpu_table[] = {
  { POCSIM_GPU_H100_PCIE, "H100-PCIe", "H100", "PCIE" },
  { POCSIM_GPU_H100, "H100", "H100", NULL },
  { POCSIM_GPU_H200_NVL, "H200-NVL", "H200", "NVL" },
  { POCSIM_GPU_H200, "H200", "H200", NULL },
  { POCSIM_GPU_H20, "H20", "H20", NULL },
  { POCSIM_GPU_A100, "A100", "A100", NULL },
  { POCSIM_GPU_B200, "B200", "B200", NULL },
  { POCSIM_GPU_B300, "B300", "B300", NULL },
  { POCSIM_GPU_RTX_PRO_6000, "RTX-PRO-6000", "RTX PRO 6000", NULL },
};

const char *
pocsim_gpu_type_name (PocsimGpuType type)
{
  for (guint k = 0; k < G_N_ELEMENTS (gpu_table); k++)
    if (gpu_table[k].type == type)
      return gpu_table[k].name;
  return "unknown";
}

static int
compare_names (const void *x, const void *y)
{
  return strcmp (*(const char *const *) x, *(const char *const *) y);
}

/* The known names in alphabetical order, for messages; new string. */
static char *
gpu_type_list (void)
{
  const char *names[G_N_ELEMENTS (gpu_table) + 1];
  for (guint k = 0; k < G_N_ELEMENTS (gpu_table); k++)
    names[k] = gpu_table[k].name;
  names[G_N_ELEMENTS (gpu_table)] = NULL;
  qsort (names, G_N_ELEMENTS (gpu_table), sizeof (char *), compare_names);
  return g_strjoinv (", ", (char **) names);
}

/* The upper-case words of NAME before any '|', without a leading NVIDIA. */
static GStrv
name_words (const char *name)
{
  g_autofree char *upper = g_ascii_strup (name, -1);
  char *bar = strchr (upper, '|');
  if (bar)
    *bar = '\0';
  g_auto (GStrv) parts = g_strsplit_set (upper, " \t-_", -1);
  GPtrArray *words = g_ptr_array_new ();
  for (char **p = parts; *p; p++)
    if (**p != '\0' && !(words->len == 0 && strcmp (*p, "NVIDIA") == 0))
      g_ptr_array_add (words, g_strdup (*p));
  g_ptr_array_add (words, NULL);
  return (GStrv) g_ptr_array_free (words, FALSE);
}

static gboolean
matches (char **words, const char *model_words, const char *variant)
{
  g_auto (GStrv) want = g_strsplit (model_words, " ", -1);
  guint n = 0;
  for (; want[n]; n++)
    if (words[n] == NULL || strcmp (words[n], want[n]) != 0)
      return FALSE;
  if (variant == NULL)
    return TRUE;
  for (char **w = words + n; *w; w++)
    if (strcmp (*w, variant) == 0)
      return TRUE;
  return FALSE;
}

PocsimGpuType
pocsim_gpu_type_normalize (const char *name)
{
  g_auto (GStrv) words = name_words (name);
  for (guint k = 0; k < G_N_ELEMENTS (gpu_table); k++)
    if (matches (words, gpu_table[k].words, gpu_table[k].variant))
      return gpu_table[k].type;
  return POCSIM_GPU_UNKNOWN;
}

/* ---- specs ---- */

/* A usage error quoting the spec; returns FALSE. */
static gboolean
spec_error (GError **error, const char *text, const char *what)
{
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE, "GPU spec \"%s\": %s", text, what);
  return FALSE;
}

gboolean
pocsim_gpu_spec_parse (const char *text, PocsimGpuSpec *out, GError **error)
{
  const char *p = text;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    return spec_error (error, text, "empty; give COUNTxTYPE, e.g. 8xH100");
  if (!g_ascii_isdigit (*p))
    return spec_error (error, text, "no GPU count; give COUNTxTYPE, e.g. 8xH100");
  guint64 count = 0;
  while (g_ascii_isdigit (*p))
    {
      count = count * 10 + (guint64) (*p++ - '0');
      if (count > POCSIM_GPU_COUNT_MAX)
        break;
    }
  while (g_ascii_isdigit (*p))
    p++;
  if (count < 1 || count > POCSIM_GPU_COUNT_MAX)
    return spec_error (error, text, "the GPU count must be 1 to " G_STRINGIFY (POCSIM_GPU_COUNT_MAX));
  while (g_ascii_isspace (*p))
    p++;
  if (*p != 'x' && *p != 'X')
    return spec_error (error, text, "no 'x' after the count; give COUNTxTYPE, e.g. 8xH100");
  p++;
  while (g_ascii_isspace (*p))
    p++;
  g_autofree char *type = g_strchomp (g_strdup (p));
  if (*type == '\0')
    return spec_error (error, text, "no GPU type after the 'x'");
  PocsimGpuType gpu = pocsim_gpu_type_normalize (type);
  if (gpu == POCSIM_GPU_UNKNOWN)
    {
      g_autofree char *known = gpu_type_list ();
      g_autofree char *what = g_strdup_printf ("unknown GPU type \"%s\" (known: %s)", type, known);
      return spec_error (error, text, what);
    }
  out->gpu = gpu;
  out->count = (guint) count;
  return TRUE;
}

GArray *
pocsim_gpu_specs_parse (const char *const *texts, GError **error)
{
  g_autoptr (GArray) specs = g_array_new (FALSE, FALSE, sizeof (PocsimGpuSpec));
  for (const char *const *t = texts; t && *t; t++)
    {
      g_auto (GStrv) parts = g_strsplit (*t, ",", -1);
      for (char **p = parts; *p; p++)
        {
          PocsimGpuSpec spec;
          if (!pocsim_gpu_spec_parse (*p, &spec, error))
            return NULL;
          g_array_append_val (specs, spec);
        }
    }
  if (specs->len == 0)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE, "no GPU spec; give COUNTxTYPE, e.g. 8xH100");
      return NULL;
    }
  return g_steal_pointer (&specs);
}

char *
pocsim_gpu_spec_format (const PocsimGpuSpec *spec)
{
  return g_strdup_printf ("%ux%s", spec->count, pocsim_gpu_type_name (spec->gpu));
}

char *
pocsim_gpu_specs_format (const GArray *specs)
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < specs->len; k++)
    {
      g_autofree char *one = pocsim_gpu_spec_format (&g_array_index (specs, PocsimGpuSpec, k));
      g_string_append_printf (s, "%s%s", k ? " + " : "", one);
    }
  return g_string_free (s, FALSE);
}

/* ---- the data ---- */

PocsimHardwareData *
pocsim_hardware_data_new (void)
{
  PocsimHardwareData *d = g_new0 (PocsimHardwareData, 1);
  d->models = g_array_new (FALSE, TRUE, sizeof (PocsimHwModel));
  d->nodes = g_array_new (FALSE, TRUE, sizeof (PocsimHwNode));
  d->benchmarks = g_array_new (FALSE, TRUE, sizeof (PocsimHwBenchmark));
  d->strings = g_string_chunk_new (4096);
  return d;
}

void
pocsim_hardware_data_free (PocsimHardwareData *d)
{
  if (d == NULL)
    return;
  g_array_unref (d->models);
  g_array_unref (d->nodes);
  g_array_unref (d->benchmarks);
  g_string_chunk_free (d->strings);
  g_free (d);
}

guint32
pocsim_hardware_data_find_model (const PocsimHardwareData *d, const char *id)
{
  for (guint k = 0; k < d->models->len; k++)
    if (strcmp (g_array_index (d->models, PocsimHwModel, k).id, id) == 0)
      return k;
  return POCSIM_HW_NO_MODEL;
}

guint32
pocsim_hardware_data_add_model (PocsimHardwareData *d, const char *id, double weight_scale_factor)
{
  guint32 m = pocsim_hardware_data_find_model (d, id);
  if (m != POCSIM_HW_NO_MODEL)
    return m;
  PocsimHwModel model = { g_string_chunk_insert_const (d->strings, id), weight_scale_factor };
  g_array_append_val (d->models, model);
  return d->models->len - 1;
}

static const char *
intern (PocsimHardwareData *d, const char *s)
{
  return s ? g_string_chunk_insert_const (d->strings, s) : NULL;
}

void
pocsim_hardware_data_add_node (PocsimHardwareData *d, const PocsimHwNode *node)
{
  PocsimHwNode copy = *node;
  copy.participant = intern (d, node->participant);
  copy.node_id = intern (d, node->node_id);
  copy.gpu_reported = intern (d, node->gpu_reported);
  g_array_append_val (d->nodes, copy);
}

void
pocsim_hardware_data_add_benchmark (PocsimHardwareData *d, const PocsimHwBenchmark *b)
{
  PocsimHwBenchmark copy = *b;
  copy.label = intern (d, b->label);
  g_array_append_val (d->benchmarks, copy);
}

const PocsimHwBenchmark *
pocsim_hardware_data_find_benchmark (const PocsimHardwareData *d, guint32 model, PocsimGpuType gpu)
{
  for (guint k = 0; k < d->benchmarks->len; k++)
    {
      const PocsimHwBenchmark *b = &g_array_index (d->benchmarks, PocsimHwBenchmark, k);
      if (b->model == model && b->gpu == gpu)
        return b;
    }
  return NULL;
}

/* ---- estimates ---- */

const char *
pocsim_poc_est_source_name (PocsimPocEstSource source)
{
  static const char *const names[] = { "none", "chain", "chain-per-gpu", "benchmark" };
  return source < G_N_ELEMENTS (names) ? names[source] : "none";
}

char *
pocsim_poc_estimate_describe (const PocsimHardwareData *d, const PocsimGpuSpec *spec, const PocsimPocEstimate *est)
{
  const char *gpu = pocsim_gpu_type_name (spec->gpu);
  switch (est->source)
    {
    case POCSIM_POC_EST_CHAIN:
      return g_strdup_printf ("on-chain median of %u nodes with %ux%s, epoch %" G_GINT64_FORMAT, est->n_nodes,
                              spec->count, gpu, d->epoch);
    case POCSIM_POC_EST_CHAIN_PER_GPU:
      return g_strdup_printf ("on-chain median per GPU of %u %s node%s, epoch %" G_GINT64_FORMAT ", x %u GPUs",
                              est->n_nodes, gpu, est->n_nodes == 1 ? "" : "s", d->epoch, spec->count);
    case POCSIM_POC_EST_BENCHMARK:
      return g_strdup_printf ("benchmark-derived: %.0f nonces/min per 8 %s x %u/8 x %.3f min "
                              "(fitted on %u model/GPU pairs; %.3f to %.3f)",
                              est->benchmark->nonces_per_min_8gpu, gpu, spec->count, est->fit.factor,
                              est->fit.n_pairs, est->fit.low, est->fit.high);
    default:
      return g_strdup_printf ("no estimate: no on-chain node and no benchmark ran it on %s", gpu);
    }
}

