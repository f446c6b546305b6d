/* case_load.c - a case argument, whatever form it has. */
#include "case_load.h"

#include <string.h>

#include "case_csv.h"
#include "case_json.h"
#include "meta.h"

const char *
pocsim_case_display_name (const char *path)
{
  return strcmp (path, "-") == 0 ? "<stdin>" : path;
}

PocsimCase *
pocsim_case_load (const char *path, const char *rules_override, GError **error)
{
  return pocsim_case_load_traced (path, rules_override, NULL, error);
}

PocsimCase *
pocsim_case_load_traced (const char *path, const char *rules_override, GPtrArray *inputs, GError **error)
{
  if (g_str_has_suffix (path, ".csv"))
    return pocsim_case_from_csv_file (path, rules_override, inputs, error);
  gsize len;
  g_autofree char *text = pocsim_read_input (path, &len, error);
  if (text == NULL)
    return NULL;
  if (inputs)
    g_ptr_array_add (inputs, pocsim_input_file_new (pocsim_case_display_name (path), text, len));
  return pocsim_case_from_json (text, len, pocsim_case_display_name (path), rules_override, error);
}
