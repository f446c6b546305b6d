/* sweep_values.c - runs' values in a binary file, written atomically. */
#include "io/sweep_values.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "io/output.h"

#define MAGIC "POCSIMV1"
#define BYTE_ORDER_MARK 0x01020304u

typedef struct {
  char magic[8];
  guint32 order;
  guint32 columns;
  guint64 first, end;
} Header;

G_STATIC_ASSERT (sizeof (Header) == 32);

gboolean
pocsim_sweep_values_write (const char *path, guint64 first, guint64 end, guint columns, const double *values,
                           GError **error)
{
  PocsimOutput *out = pocsim_output_open (path, error);
  if (out == NULL)
    return FALSE;
  FILE *f = pocsim_output_stream (out);
  Header h = { MAGIC, BYTE_ORDER_MARK, columns, first, end };
  memcpy (h.magic, MAGIC, sizeof h.magic);
  gsize n = (gsize) (end - first) * columns;
  if (fwrite (&h, sizeof h, 1, f) != 1 || (n > 0 && fwrite (values, sizeof (double), n, f) != n))
    {
      pocsim_output_abort (out);
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: write error", path);
      return FALSE;
    }
  return pocsim_output_commit (out, error);
}

static FILE *
open_checked (const char *path, Header *h, GError **error)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: %s", path, g_strerror (errno));
      return NULL;
    }
  if (fread (h, sizeof *h, 1, f) != 1 || memcmp (h->magic, MAGIC, sizeof h->magic) != 0 || h->end < h->first)
    {
      fclose (f);
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: not the values of a pocsim study", path);
      return NULL;
    }
  if (h->order != BYTE_ORDER_MARK)
    {
      fclose (f);
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: written on a machine of another byte order", path);
      return NULL;
    }
  return f;
}

gboolean
pocsim_sweep_values_range (const char *path, guint64 *first, guint64 *end, guint *columns, GError **error)
{
  Header h;
  FILE *f = open_checked (path, &h, error);
  if (f == NULL)
    return FALSE;
  fclose (f);
  *first = h.first;
  *end = h.end;
  *columns = h.columns;
  return TRUE;
}

gboolean
pocsim_sweep_values_read (const char *path, guint columns, double *values, guint64 base, guint64 limit,
                          GError **error)
{
  Header h;
  FILE *f = open_checked (path, &h, error);
  if (f == NULL)
    return FALSE;
  gsize n = (gsize) (h.end - h.first) * columns;
  gboolean ok = h.columns == columns && h.first >= base && h.end <= limit
                && (n == 0 || fread (values + (h.first - base) * columns, sizeof (double), n, f) == n)
                && fgetc (f) == EOF;
  fclose (f);
  if (!ok)
    g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: the values do not fit the study (columns or runs)",
                 path);
  return ok;
}
