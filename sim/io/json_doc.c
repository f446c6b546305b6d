/* json_doc.c - located messages about a parsed JSON document. */
#include "io/json_doc.h"

#include <string.h>

#include "core/decimal.h"
#include "core/error.h"
#include "io/json_locate.h"

json_t *
pocsim_json_doc_parse (const PocsimJsonDoc *doc, GError **error)
{
  json_error_t jerr;
  json_t *root = json_loadb (doc->text, doc->len, JSON_REJECT_DUPLICATES, &jerr);
  if (root == NULL)
    g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s:%d:%d: %s", doc->name,
                 MAX (jerr.line, 1), MAX (jerr.column, 1), jerr.text);
  return root;
}

char *
pocsim_json_doc_where (const PocsimJsonDoc *doc, const char *pointer)
{
  PocsimJsonPos pos = { 1, 1 };
  pocsim_json_locate (doc->text, doc->len, pointer, &pos);
  return g_strdup_printf ("%s:%u:%u", doc->name, pos.line, pos.column);
}

gboolean
pocsim_json_doc_fail (const PocsimJsonDoc *doc, const char *pointer, GError **error,
                      const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_autofree char *where = pocsim_json_doc_where (doc, pointer);
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: %s", where, msg);
  return FALSE;
}

const char *
pocsim_json_type_name (const json_t *v)
{
  if (v == NULL)
    return "nothing";
  switch (json_typeof (v))
    {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number with a fraction or exponent";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
  return "?";
}

PocsimJsonIntStatus
pocsim_json_int (const json_t *v, gint64 *out)
{
  *out = 0;
  if (v == NULL || json_is_null (v))
    return POCSIM_JSON_INT_OK;
  if (json_is_integer (v))
    {
      *out = json_integer_value (v);
      return POCSIM_JSON_INT_OK;
    }
  if (!json_is_string (v))
    return POCSIM_JSON_INT_WRONG_TYPE;
  const char *s = json_string_value (v);
  /* An embedded NUL would hide the rest of the string. */
  if (*s == '\0' && json_string_length (v) == 0)
    return POCSIM_JSON_INT_OK;
  if (json_string_length (v) != strlen (s) || !pocsim_int64_parse (s, out))
    return POCSIM_JSON_INT_BAD_TEXT;
  return POCSIM_JSON_INT_OK;
}

char *
pocsim_json_ptr_key (const char *pointer, const char *key)
{
  GString *s = g_string_new (pointer);
  pocsim_json_pointer_append_key (s, key);
  return g_string_free (s, FALSE);
}

char *
pocsim_json_ptr_index (const char *pointer, gsize index)
{
  GString *s = g_string_new (pointer);
  pocsim_json_pointer_append_index (s, index);
  return g_string_free (s, FALSE);
}

gboolean
pocsim_json_read_text (PocsimJsonReader *rd, const json_t *v, const char *pointer, const char *what, const char **out)
{
  *out = "";
  if (!json_is_string (v) || json_string_length (v) == 0)
    return pocsim_json_doc_fail (&rd->doc, pointer, rd->error, "%s must be a non-empty string", what);
  *out = json_string_value (v);
  return TRUE;
}

gboolean
pocsim_json_read_integer (PocsimJsonReader *rd, const json_t *v, const char *pointer, const char *what, gint64 *out)
{
  if (v == NULL || json_is_null (v) || (json_is_string (v) && json_string_length (v) == 0)
      || pocsim_json_int (v, out) != POCSIM_JSON_INT_OK)
    return pocsim_json_doc_fail (&rd->doc, pointer, rd->error, "%s must be an integer", what);
  return TRUE;
}

gboolean
pocsim_json_expect_object (PocsimJsonReader *rd, const json_t *v, const char *pointer, const char *what)
{
  if (!json_is_object (v))
    return pocsim_json_doc_fail (&rd->doc, pointer, rd->error, "%s must be an object", what);
  return TRUE;
}

void
pocsim_json_problem_clear (PocsimJsonProblem *problem)
{
  g_clear_pointer (&problem->pointer, g_free);
  g_clear_pointer (&problem->message, g_free);
}
