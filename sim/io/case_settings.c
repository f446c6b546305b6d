/* case_settings.c - a case with values overridden by --set (case_settings.h). */
#include "io/case_settings.h"

#include <string.h>

#include "core/error.h"
#include "io/case_json.h"
#include "io/case_write.h"
#include "io/doc_path.h"

/* Where each value written came from: its JSON Pointer and its --set. */
typedef struct {
  GPtrArray *pointers; /* char * */
  GPtrArray *wheres;   /* char *: "--set PATH=VALUE" */
  const char *name;    /* the case, for everything else */
} Written;

static char *
locate_written (const char *pointer, gpointer data)
{
  const Written *w = data;
  for (guint k = 0; k < w->pointers->len; k++)
    {
      const char *p = w->pointers->pdata[k];
      gsize n = strlen (p);
      if (strncmp (pointer, p, n) == 0 && (pointer[n] == '\0' || pointer[n] == '/'))
        return g_strdup (w->wheres->pdata[k]);
    }
  return g_strdup (w->name);
}

PocsimCase *
pocsim_case_with_settings (const PocsimCase *c, const char *const *settings, const char *name, GError **error)
{
  g_autoptr (json_t) doc = pocsim_case_to_json (c);
  g_autoptr (GPtrArray) pointers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) wheres = g_ptr_array_new_with_free_func (g_free);
  Written w = { pointers, wheres, name };
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
  PocsimCase *out = pocsim_case_from_tree (doc, locate_written, &w, NULL, error);
  if (out == NULL)
    return NULL;
  if (!rules_set)
    out->rules_reason = c->rules_reason; /* the document names the rule set it was formed under */
  out->collateral_not_captured = c->collateral_not_captured;
  return out;
}
