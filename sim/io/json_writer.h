/* json_writer.h - a JSON document written as it is produced, with no tree.
 *
 * Why: building a jansson tree of a 100,000-host result, dumping it and
 * freeing it took a third of `pocsim epoch`'s time and as much memory as
 * the result's text (docs/performance.md).  A writer that emits each value
 * as the caller reaches it needs neither.
 *
 * The bytes are those jansson's json_dumpf() writes with JSON_INDENT(2) |
 * JSON_PRESERVE_ORDER for the same document (members in the order they are
 * written): two spaces per level, ": " after a key, "," and a line break
 * between items, "{}" and "[]" for empty containers, integers in decimal,
 * and strings with '"', '\\' and control characters escaped as jansson
 * escapes them (\b \f \n \r \t, else \u00XX with capital hex digits);
 * other bytes, UTF-8 included, are written as they are.  The writer adds
 * the line break after the document (pocsim_json_writer_finish), as every
 * pocsim report has one.
 *
 * The caller keeps the structure right (a key before each member's value,
 * containers closed in order); the writer does not check it.  A write
 * error is remembered and reported by pocsim_json_writer_finish().
 *
 * Ownership: pocsim_json_writer_new() returns a writer the caller frees
 * (pocsim_json_writer_free, or g_autoptr); the FILE stays the caller's. */
#pragma once

#include <stdio.h>

#include "core/decimal.h"
#include "io/text_out.h"

typedef struct {
  PocsimTextOut out;
  guint depth;        /* containers open */
  gboolean empty;     /* the innermost open container has no item yet */
  gboolean after_key; /* a key was written: its value comes next */
} PocsimJsonWriter;

PocsimJsonWriter *pocsim_json_writer_new (FILE *stream);
/* Ends the document with a line break and hands everything to the FILE.
 * FALSE if any write failed. */
gboolean pocsim_json_writer_finish (PocsimJsonWriter *w);
void pocsim_json_writer_free (PocsimJsonWriter *w);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimJsonWriter, pocsim_json_writer_free)

void pocsim_json_object_open (PocsimJsonWriter *w);
void pocsim_json_object_close (PocsimJsonWriter *w);
void pocsim_json_array_open (PocsimJsonWriter *w);
void pocsim_json_array_close (PocsimJsonWriter *w);
/* A member's key; its value is the next thing written. */
void pocsim_json_key (PocsimJsonWriter *w, const char *key);

void pocsim_json_put_string (PocsimJsonWriter *w, const char *s);
void pocsim_json_put_int (PocsimJsonWriter *w, gint64 v);
void pocsim_json_put_bool (PocsimJsonWriter *w, gboolean v);
void pocsim_json_put_null (PocsimJsonWriter *w);
/* A decimal as the string of pocsim_dec_format(): 18 fractional digits. */
void pocsim_json_put_dec (PocsimJsonWriter *w, PocsimDec d);

/* Key and value in one call.  A NULL string is written as null. */
void pocsim_json_member_string (PocsimJsonWriter *w, const char *key, const char *s);
void pocsim_json_member_int (PocsimJsonWriter *w, const char *key, gint64 v);
void pocsim_json_member_bool (PocsimJsonWriter *w, const char *key, gboolean v);
void pocsim_json_member_null (PocsimJsonWriter *w, const char *key);
/* V when PRESENT, else null. */
void pocsim_json_member_int_or_null (PocsimJsonWriter *w, const char *key, gboolean present, gint64 v);
void pocsim_json_member_dec (PocsimJsonWriter *w, const char *key, PocsimDec d);
/* Key, then an object or array opened as its value. */
void pocsim_json_member_object (PocsimJsonWriter *w, const char *key);
void pocsim_json_member_array (PocsimJsonWriter *w, const char *key);
