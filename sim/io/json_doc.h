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

/* A reader of one located document: its text and where errors go.  The
 * scenario and study readers share these typed reads; each fails with
 * "NAME:LINE:COL: WHAT must be ...". */
typedef struct {
  PocsimJsonDoc doc;
  GError **error;
} PocsimJsonReader;

/* A non-empty string. */
gboolean pocsim_json_read_text (PocsimJsonReader *rd, const json_t *v, const char *pointer, const char *what,
                                const char **out);
/* An integer that must be written: a number or a string of digits
 * (missing, null and "" are errors here). */
gboolean pocsim_json_read_integer (PocsimJsonReader *rd, const json_t *v, const char *pointer, const char *what,
                                   gint64 *out);
gboolean pocsim_json_expect_object (PocsimJsonReader *rd, const json_t *v, const char *pointer, const char *what);

/* Something wrong at a place in a document, found by a check that does not
 * know the document's text: a JSON Pointer to the value and the message.
 * The reader that holds the text turns it into "NAME:LINE:COL: message".
 * Owns its strings (pocsim_json_problem_clear, or g_auto). */
typedef struct {
  char *pointer;
  char *message;
} PocsimJsonProblem;

void pocsim_json_problem_clear (PocsimJsonProblem *problem);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PocsimJsonProblem, pocsim_json_problem_clear)
