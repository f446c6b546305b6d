/* legend.c - the legend that ends every table (legend.h). */
#include "io/legend.h"

#include <string.h>

struct _PocsimLegend {
  char *title;
  GPtrArray *columns;  /* char *; "" for a note */
  GPtrArray *meanings; /* char * */
};

PocsimLegend *
pocsim_legend_new (const char *title)
{
  PocsimLegend *l = g_new0 (PocsimLegend, 1);
  l->title = g_strdup (title);
  l->columns = g_ptr_array_new_with_free_func (g_free);
  l->meanings = g_ptr_array_new_with_free_func (g_free);
  return l;
}

void
pocsim_legend_free (PocsimLegend *l)
{
  if (l == NULL)
    return;
  g_free (l->title);
  g_ptr_array_unref (l->columns);
  g_ptr_array_unref (l->meanings);
  g_free (l);
}

void
pocsim_legend_add (PocsimLegend *l, const char *column, const char *meaning)
{
  g_ptr_array_add (l->columns, g_strdup (column));
  g_ptr_array_add (l->meanings, g_strdup (meaning));
}

void
pocsim_legend_addf (PocsimLegend *l, const char *column, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_ptr_array_add (l->columns, g_strdup (column));
  g_ptr_array_add (l->meanings, g_strdup_vprintf (format, ap));
  va_end (ap);
}

void
pocsim_legend_note (PocsimLegend *l, const char *text)
{
  pocsim_legend_add (l, "", text);
}

gboolean
pocsim_legend_write (const PocsimLegend *l, FILE *out)
{
  gsize width = 0;
  for (guint k = 0; k < l->columns->len; k++)
    width = MAX (width, strlen (l->columns->pdata[k]));
  fprintf (out, "\n%s\n", l->title);
  for (guint k = 0; k < l->columns->len; k++)
    {
      const char *column = l->columns->pdata[k];
      g_auto (GStrv) lines = g_strsplit (l->meanings->pdata[k], "\n", -1);
      for (guint n = 0; lines[n] != NULL; n++)
        {
          if (*column == '\0')
            fprintf (out, "  %s\n", lines[n]);
          else
            fprintf (out, "  %-*s  %s\n", (int) width, n == 0 ? column : "", lines[n]);
        }
    }
  return !ferror (out);
}
