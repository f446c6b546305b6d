/* sweep_csv.c - summary.csv and runs.csv. */
#include "io/sweep_csv.h"

#include <math.h>
#include <string.h>

#include "io/result_csv.h"

#define NUMBER_SIZE 64

const char *
pocsim_number_text (double x, int digits, char *buf)
{
  if (isnan (x) || isinf (x))
    {
      buf[0] = '\0';
      return buf;
    }
  if (x == floor (x) && fabs (x) < 9e15)
    {
      g_snprintf (buf, NUMBER_SIZE, "%" G_GINT64_FORMAT, (gint64) x);
      return buf;
    }
  int magnitude = x == 0 ? 0 : (int) floor (log10 (fabs (x)));
  int decimals = CLAMP (digits - 1 - magnitude, 0, 20);
  char format[16];
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buf, NUMBER_SIZE, format, x);
  if (strchr (buf, '.'))
    {
      char *end = buf + strlen (buf);
      while (end[-1] == '0')
        *--end = '\0';
      if (end[-1] == '.')
        *--end = '\0';
    }
  if (strcmp (buf, "-0") == 0)
    strcpy (buf, "0");
  return buf;
}

/* point, the axes' paths: the first columns of both tables. */
static void
point_fields (const PocsimStudyHeader *h, guint k, GPtrArray *fields)
{
  g_ptr_array_add (fields, g_strdup_printf ("%u", k));
  for (guint d = 0; d < h->dims->len; d++)
    {
      const PocsimStudyDim *dim = h->dims->pdata[d];
      guint v = pocsim_study_header_value_index (h, k, d);
      for (guint a = 0; a < dim->axes->len; a++)
        g_ptr_array_add (fields, g_strdup (((PocsimStudyAxis *) dim->axes->pdata[a])->values->pdata[v]));
    }
}

static void
axis_names (const PocsimStudyHeader *h, GPtrArray *fields)
{
  g_ptr_array_add (fields, g_strdup ("point"));
  for (guint d = 0; d < h->dims->len; d++)
    {
      const PocsimStudyDim *dim = h->dims->pdata[d];
      for (guint a = 0; a < dim->axes->len; a++)
        g_ptr_array_add (fields, g_strdup (((PocsimStudyAxis *) dim->axes->pdata[a])->path));
    }
}

static gboolean
write_fields (FILE *out, GPtrArray *fields)
{
  return pocsim_csv_write_row (out, (const char *const *) fields->pdata, fields->len);
}

gboolean
pocsim_summary_csv_header (FILE *out, const PocsimStudyHeader *h)
{
  static const char *const names[] = { "entity", "metric", "n", "mean", "sd", "min", "p05", "p25",
                                       "median", "p75", "p95", "max" };
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  axis_names (h, fields);
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    g_ptr_array_add (fields, g_strdup (names[k]));
  return write_fields (out, fields);
}

gboolean
pocsim_summary_csv_row (FILE *out, const PocsimStudyHeader *h, guint k, const char *entity, const char *metric,
                        PocsimValueType type, const PocsimSummary *s)
{
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  point_fields (h, k, fields);
  g_ptr_array_add (fields, g_strdup (entity));
  g_ptr_array_add (fields, g_strdup (metric));
  g_ptr_array_add (fields, g_strdup_printf ("%" G_GSIZE_FORMAT, s->n));
  const double stats[] = { s->mean, s->sd, s->min, s->p05, s->p25, s->median, s->p75, s->p95, s->max };
  for (guint j = 0; j < G_N_ELEMENTS (stats); j++)
    {
      char buf[NUMBER_SIZE];
      /* Order statistics of integers are integers (or halves, interpolated). */
      g_ptr_array_add (fields, g_strdup (pocsim_number_text (stats[j], type == POCSIM_VALUE_INT ? 15 : 12, buf)));
    }
  return write_fields (out, fields);
}

gboolean
pocsim_runs_csv_header (FILE *out, const PocsimStudyHeader *h)
{
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  axis_names (h, fields);
  g_ptr_array_add (fields, g_strdup ("run"));
  g_ptr_array_add (fields, g_strdup ("entity"));
  g_ptr_array_add (fields, g_strdup ("metric"));
  g_ptr_array_add (fields, g_strdup ("value"));
  return write_fields (out, fields);
}

gboolean
pocsim_runs_csv_rows (FILE *out, const PocsimStudyHeader *h, guint64 t0, guint64 t1, const double *values)
{
  guint n = h->columns->len;
  for (guint64 t = t0; t < t1; t++)
    {
      guint k = (guint) (t / (guint64) h->runs);
      g_autoptr (GPtrArray) head = g_ptr_array_new_with_free_func (g_free);
      point_fields (h, k, head);
      g_autofree char *run = g_strdup_printf ("%" G_GUINT64_FORMAT, t % (guint64) h->runs);
      /* The point's fields, then run, entity, metric, value. */
      guint width = head->len + 4;
      g_autofree const char **fields = g_new (const char *, width);
      memcpy (fields, head->pdata, head->len * sizeof (char *));
      fields[head->len] = run;
      for (guint c = 0; c < n; c++)
        {
          const PocsimStudyColumn *col = h->columns->pdata[c];
          double v = values[(t - t0) * n + c];
          char buf[NUMBER_SIZE];
          fields[head->len + 1] = col->entity;
          fields[head->len + 2] = col->metric;
          fields[head->len + 3] = col->type == POCSIM_VALUE_MODE ? pocsim_study_mode_name (isnan (v) ? 0 : (int) v)
                                                                   : pocsim_number_text (v, 17, buf);
          if (!pocsim_csv_write_row (out, fields, width))
            return FALSE;
        }
    }
  return TRUE;
}
