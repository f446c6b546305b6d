/* json_doc.h - located messages about a parsed JSON document.
 *
 * Readers keep the raw text beside the jansson tree so that a semantic
 * error can name the line and column of the offending value (json_locate.h). */
#pragma once

#include "io/json_autoptr.h"

typedef struct {
  const char *text;
  gsize len;
  const char *name; /* display name: "scenario.json", "<stdin>" */
} PocsimJsonDoc;

/* Parses TEXT, rejecting duplicate keys; a syntax error is located. */
json_t *pocsim_json_doc_parse (const PocsimJsonDoc *doc, GError **error);

/* "NAME:LINE:COL" of the value at POINTER; new string. */
char *pocsim_json_doc_where (const PocsimJsonDoc *doc, const char *pointer);

/* Sets "NAME:LINE:COL: message" (POCSIM_ERROR_INPUT); returns FALSE. */
gboolean pocsim_json_doc_fail (const PocsimJsonDoc *doc, const char *pointer, GError **error,
                               const char *fmt, ...) G_GNUC_PRINTF (4, 5);

/* A person's name for a JSON value's type, for messages: "an object",
 * "a number with a fraction or exponent", "nothing" for NULL. */
const char *pocsim_json_type_name (const json_t *v);

/* An integer in any of the chain's encoders: a JSON number or a decimal
 * string, with missing, null and "" meaning 0. */
typedef enum {
  POCSIM_JSON_INT_OK,
  POCSIM_JSON_INT_WRONG_TYPE, /* neither a number nor a string */
  POCSIM_JSON_INT_BAD_TEXT,   /* a string that is not an int64 */
} PocsimJsonIntStatus;

PocsimJsonIntStatus pocsim_json_int (const json_t *v, gint64 *out);

/* POINTER + "/" + key or index; new strings. */
char *pocsim_json_ptr_key (const char *pointer, const char *key);
char *pocsim_json_ptr_index (const char *pointer, gsize index);
