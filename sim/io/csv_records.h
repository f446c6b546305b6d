/* csv_records.h - RFC 4180 text split into records (libcsv), each with the
 * line it starts on, so that every error names FILE:ROW:COL.
 *
 * ROW is the 1-based line of the text a record starts on (a quoted field
 * may span lines), COL the 1-based field.  Two levels:
 *   pocsim_csv_records_read(): the raw records (the participants plan
 *     reads its own header, case_csv.c);
 *   pocsim_csv_table_read(): a header line and rows of as many fields,
 *     blank rows skipped, columns found by name.
 *
 * Ownership: every function returns new memory owned by the caller. */
#pragma once

#include <glib.h>

/* Sets a POCSIM_ERROR_INPUT error "NAME:ROW:COL: message"; returns FALSE. */
gboolean pocsim_csv_fail_at (GError **error, const char *name, guint row, guint col, const char *fmt, ...)
  G_GNUC_PRINTF (5, 6);

/* Parses `len` bytes of `text` (need not be NUL-terminated), whose first
 * line is line `first_line` of the file `name`.  Appends each record to
 * `records` (a NULL-terminated char ** of its fields; give the array
 * g_strfreev as free function) and the line it starts on to `lines`
 * (guint).  Fields holding a NUL byte or text that is not UTF-8 are
 * errors. */
gboolean pocsim_csv_records_read (const char *text, gsize len, const char *name, guint first_line,
                                  GPtrArray *records, GArray *lines, GError **error);

/* TRUE when every field of the record is empty (spreadsheets pad tables
 * with such rows). */
gboolean pocsim_csv_record_is_blank (char **fields);

typedef struct {
  char *name;        /* the file, as named in messages */
  char **header;     /* NULL-terminated */
  guint n_cols;
  guint header_line;
  GPtrArray *rows;   /* char ** with n_cols fields each, in file order */
  GArray *lines;     /* guint: the line each row starts on */
} PocsimCsvTable;

/* A table: the first record is the header, every further non-blank record
 * must have as many fields (an error names the row).  An empty text is an
 * error.  Returns a new table or NULL with error set. */
PocsimCsvTable *pocsim_csv_table_read (const char *text, gsize len, const char *name, GError **error);

/* The table in file `path` (named as given in messages). */
PocsimCsvTable *pocsim_csv_table_load (const char *path, GError **error);

void pocsim_csv_table_free (PocsimCsvTable *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimCsvTable, pocsim_csv_table_free)

/* The 0-based index of the column named `column`, or G_MAXUINT with an
 * error located on the header line. */
guint pocsim_csv_table_column (const PocsimCsvTable *t, const char *column, GError **error);

/* Row r's field in column col, and the line the row starts on. */
static inline const char *
pocsim_csv_table_field (const PocsimCsvTable *t, guint r, guint col)
{
  return ((char **) g_ptr_array_index (t->rows, r))[col];
}

static inline guint
pocsim_csv_table_line (const PocsimCsvTable *t, guint r)
{
  return g_array_index (t->lines, guint, r);
}
