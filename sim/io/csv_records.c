/* csv_records.c - RFC 4180 records with their lines, and tables of them. */
#include "io/csv_records.h"

#include <csv.h>
#include <string.h>

#include "core/error.h"
#include "io/case_json.h"

gboolean
pocsim_csv_fail_at (GError **error, const char *name, guint row, guint col, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s:%u:%u: %s", name, row, col, msg);
  return FALSE;
}

/* ---- records, with the line each starts on ---- */

typedef struct {
  GPtrArray *fields;   /* the record being read (char *, owned) */
  GPtrArray *records;  /* GPtrArray of fields */
  GArray *lines;       /* guint: the line each record starts on */
  guint line;          /* the line being fed */
  guint newlines;      /* '\n' inside the fields of the record being read */
  guint nul_col;       /* first field holding a NUL byte, 0 = none */
  guint nul_line;
  guint utf8_col;      /* first field that is not valid UTF-8, 0 = none */
  guint utf8_line;
} Collector;

static void
on_field (void *data, size_t len, void *user)
{
  Collector *col = user;
  const char *s = data ? data : "";
  if (len > 0 && memchr (s, '\0', len) != NULL && col->nul_col == 0)
    {
      col->nul_col = col->fields->len + 1;
      col->nul_line = col->line;
    }
  /* Names go into JSON documents, which hold UTF-8 only. */
  else if (len > 0 && !g_utf8_validate (s, len, NULL) && col->utf8_col == 0)
    {
      col->utf8_col = col->fields->len + 1;
      col->utf8_line = col->line;
    }
  for (size_t k = 0; k < len; k++)
    col->newlines += s[k] == '\n';
  g_ptr_array_add (col->fields, g_strndup (s, len));
}

static void
on_record (int terminator, void *user)
{
  Collector *col = user;
  guint start = col->line - col->newlines;
  g_ptr_array_add (col->fields, NULL);
  g_ptr_array_add (col->records, g_ptr_array_free (col->fields, FALSE));
  g_array_append_val (col->lines, start);
  col->fields = g_ptr_array_new_with_free_func (g_free);
  col->newlines = 0;
}

gboolean
pocsim_csv_record_is_blank (char **fields)
{
  for (char **f = fields; *f; f++)
    if (**f != '\0')
      return FALSE;
  return TRUE;
}

gboolean
pocsim_csv_records_read (const char *text, gsize len, const char *name, guint first_line, GPtrArray *records,
                         GArray *lines, GError **error)
{
  struct csv_parser p;
  if (csv_init (&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INTERNAL, "csv_init failed");
      return FALSE;
    }
  Collector col = { g_ptr_array_new_with_free_func (g_free), records, lines, first_line, 0, 0, 0, 0, 0 };
  gboolean ok = TRUE;
  gsize pos = 0;
  /* Fed one line at a time, so that a record's line is known. */
  while (pos < len && ok)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize n = nl ? (gsize) (nl - (text + pos)) + 1 : len - pos;
      if (csv_parse (&p, text + pos, n, on_field, on_record, &col) != n)
        ok = FALSE;
      else
        {
          pos += n;
          if (nl && pos < len)
            col.line++;
        }
    }
  if (ok && csv_fini (&p, on_field, on_record, &col) != 0)
    ok = FALSE;
  if (!ok)
    {
      int code = csv_error (&p);
      pocsim_csv_fail_at (error, name, col.line, col.fields->len + 1, "%s",
                          code == CSV_EPARSE ? "malformed field (a quote inside an unquoted field, text after a "
                                               "closing quote, or a quoted field that is never closed)"
                                             : csv_strerror (code));
    }
  else if (col.nul_col != 0)
    ok = pocsim_csv_fail_at (error, name, col.nul_line, col.nul_col, "a NUL byte in a field");
  else if (col.utf8_col != 0)
    ok = pocsim_csv_fail_at (error, name, col.utf8_line, col.utf8_col, "not valid UTF-8");
  csv_free (&p);
  g_ptr_array_unref (col.fields);
  return ok;
}

/* ---- tables ---- */

void
pocsim_csv_table_free (PocsimCsvTable *t)
{
  if (t == NULL)
    return;
  g_free (t->name);
  g_strfreev (t->header);
  g_ptr_array_unref (t->rows);
  g_array_unref (t->lines);
  g_free (t);
}

PocsimCsvTable *
pocsim_csv_table_read (const char *text, gsize len, const char *name, GError **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!pocsim_csv_records_read (text, len, name, 1, records, lines, error))
    return NULL;
  if (records->len == 0)
    return pocsim_csv_fail_at (error, name, 1, 1, "empty file: no header line"), NULL;
  g_autoptr (PocsimCsvTable) t = g_new0 (PocsimCsvTable, 1);
  t->name = g_strdup (name);
  t->header = g_ptr_array_steal_index (records, 0);
  t->n_cols = g_strv_length (t->header);
  t->header_line = g_array_index (lines, guint, 0);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  t->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint r = 0; r < records->len; r++)
    {
      char **fields = g_ptr_array_index (records, r);
      guint line = g_array_index (lines, guint, r + 1);
      if (pocsim_csv_record_is_blank (fields))
        continue;
      guint n = g_strv_length (fields);
      if (n != t->n_cols)
        return pocsim_csv_fail_at (error, name, line, MIN (n, t->n_cols) + 1, "the row has %u fields, the header %u",
                                   n, t->n_cols),
               NULL;
      g_ptr_array_add (t->rows, fields);
      records->pdata[r] = NULL;
      g_array_append_val (t->lines, line);
    }
  return g_steal_pointer (&t);
}

PocsimCsvTable *
pocsim_csv_table_load (const char *path, GError **error)
{
  gsize len = 0;
  g_autofree char *text = pocsim_read_input (path, &len, error);
  if (text == NULL)
    return NULL;
  return pocsim_csv_table_read (text, len, path, error);
}

guint
pocsim_csv_table_column (const PocsimCsvTable *t, const char *column, GError **error)
{
  for (guint k = 0; k < t->n_cols; k++)
    if (strcmp (t->header[k], column) == 0)
      return k;
  pocsim_csv_fail_at (error, t->name, t->header_line, 1, "missing column \"%s\"", column);
  return G_MAXUINT;
}
