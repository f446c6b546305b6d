/* case_settings.c - a case with values overridden by --set (case_settings.h). */
#include "io/case_settings.h"

#include <string.h>

#include "core/error.h"
#include "io/case_json.h"
#include "io/case_write.h"
#include "io/doc_path.h"

PocsimCase *
pocsim_case_with_settings (const PocsimCase *c, const char *const *settings, const char *name, GError **error)
{
  g_autoptr (json_t) doc = pocsim_case_to_json (c);
  g_autoptr (GPtrArray) pointers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) wheres = g_ptr_array_new_with_free_func (g_free);
  PocsimDocWritten w = { pointers, wheres, name };
  gboolean rules_set = FALSE;
  for (const char *const *s = settings; s && *s; s++)
    {
      g_autoptr (PocsimDocPath) path = NULL;
      g_autofree char *value = NULL, *pointer = NULL;
      g_autoptr (GError) local = NULL;
      if (!pocsim_doc_assignment_parse (*s, &path, &value, &local))
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE, "--set %s: %s", *s, local->message);
          return NULL;
        }
      g_autoptr (json_t) v = json_string (value);
      if (!pocsim_doc_path_set (doc, path, v, &pointer, &local))
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "--set %s: %s", *s, local->message);
          return NULL;
        }
      rules_set |= strcmp (pocsim_doc_path_text (path), "rules") == 0;
      g_ptr_array_add (pointers, g_steal_pointer (&pointer));
      g_ptr_array_add (wheres, g_strdup_printf ("--set %s", *s));
    }
  PocsimCase *out = pocsim_case_from_tree (doc, pocsim_doc_written_locate, &w, NULL, error);
  if (out == NULL)
    return NULL;
  if (!rules_set)
    out->rules_reason = c->rules_reason; /* the document names the rule set it was formed under */
  out->collateral_not_captured = c->collateral_not_captured;
  return out;
}
