/* meta.h - what produced a report: the metadata sidecar (pocsim-meta/1).
 *
 * A report in CSV cannot carry its provenance without breaking some
 * consumers, and the JSON result's shape is fixed (pocsim-result/1), so
 * both get a sidecar JSON document instead (docs/csv-output.md): pocsim
 * version, rule set, upcoming epoch, snapshot height when known, result
 * format, and the SHA-256 of every input file.
 *
 * Ownership: pocsim_input_file_new() returns a new record, freed with
 * pocsim_input_file_free(); PocsimMeta only borrows. */
#pragma once

#include <glib.h>
#include <stdio.h>

/* One file an input was read from. */
typedef struct {
  char *path;   /* as given, or as resolved from a plan's metadata */
  char *sha256; /* lowercase hex of the bytes read */
} PocsimInputFile;

PocsimInputFile *pocsim_input_file_new (const char *path, const void *data, gsize len);
/* The same from a digest already computed (lowercase hex SHA-256). */
PocsimInputFile *pocsim_input_file_new_digest (const char *path, const char *sha256);
void pocsim_input_file_free (PocsimInputFile *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimInputFile, pocsim_input_file_free)

typedef struct {
  const char *command;        /* "epoch" */
  const char *rules;          /* rule set applied */
  gint64 upcoming_epoch;
  gint64 snapshot_height;     /* -1 when the input does not say */
  const char *result_format;  /* "json", "csv" or "table" */
  const char *result_path;    /* NULL = standard output */
  const GPtrArray *inputs;    /* PocsimInputFile *, in reading order */
  const char *rules_reason;   /* "height" or "default" when pocsim chose the rule set, else NULL */
  const char *const *settings; /* the --set PATH=VALUE the case was read with (NULL-terminated), or NULL */
} PocsimMeta;

/* Writes the pocsim-meta/1 document (indented, newline-terminated). */
gboolean pocsim_meta_write (const PocsimMeta *meta, FILE *stream);

/* The default sidecar path for a report written to `output`: OUTPUT.meta.json. */
char *pocsim_meta_default_path (const char *output);
