/* case_load.c - a case argument, whatever form it has. */
#include "case_load.h"

#include <string.h>

#include "case_json.h"

const char *
pocsim_case_display_name (const char *path)
{
  return strcmp (path, "-") == 0 ? "<stdin>" : path;
}

PocsimCase *
pocsim_case_load (const char *path, const char *rules_override, GError **error)
{
  gsize len;
  g_autofree char *text = pocsim_read_input (path, &len, error);
  if (text == NULL)
    return NULL;
  return pocsim_case_from_json (text, len, pocsim_case_display_name (path), rules_override, error);
}
