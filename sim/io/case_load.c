/* case_load.c - a case argument, whatever form it has. */
#include "io/case_load.h"

#include <string.h>

#include "core/error.h"

#include "io/case_csv.h"
#include "io/case_json.h"
#include "io/meta.h"
#include "io/snapshot_dir.h"

const char *
pocsim_case_display_name (const char *path)
{
  return strcmp (path, "-") == 0 ? "<stdin>" : path;
}

/* A participants plan rather than JSON: its first line is a "#" comment
 * line or a CSV header ("address,weight,..."); a JSON document starts with
 * '{' or '[' after spaces. */
static gboolean
looks_like_plan (const char *text, gsize len)
{
  gsize k = 0;
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    k = 3;
  while (k < len && g_ascii_isspace (text[k]))
    k++;
  if (k == len || text[k] == '{' || text[k] == '[')
    return FALSE;
  const char *nl = memchr (text + k, '\n', len - k);
  gsize line = nl ? (gsize) (nl - (text + k)) : len - k;
  return text[k] == '#' || memchr (text + k, ',', line) != NULL;
}

PocsimCase *
pocsim_case_load (const char *path, const char *rules_override, GError **error)
{
  return pocsim_case_load_traced (path, rules_override, NULL, NULL, error);
}

PocsimCase *
pocsim_case_load_traced (const char *path, const char *rules_override, GPtrArray *inputs,
                         gint64 *snapshot_height, GError **error)
{
  if (snapshot_height)
    *snapshot_height = -1;
  if (g_str_has_suffix (path, ".csv"))
    return pocsim_case_from_csv_file (path, rules_override, inputs, error);
  if (strcmp (path, "-") != 0 && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      /* A snapshot directory (docs/snapshots.md); its notes are for 'pocsim case'. */
      g_autoptr (PocsimSnapshot) s = pocsim_snapshot_read (path, -1, error);
      if (s == NULL)
        return NULL;
      if (inputs)
        pocsim_snapshot_add_inputs (s, inputs);
      if (snapshot_height)
        *snapshot_height = pocsim_snapshot_height (s);
      return pocsim_snapshot_to_case (s, rules_override, error);
    }
  gsize len;
  g_autofree char *text = pocsim_read_input (path, &len, error);
  if (text == NULL)
    return NULL;
  if (strcmp (path, "-") == 0 && looks_like_plan (text, len))
    {
      /* A plan names its params file relative to itself: it needs a path. */
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE,
                   "<stdin>: a CSV plan cannot be read from standard input: give its file name");
      return NULL;
    }
  if (inputs)
    g_ptr_array_add (inputs, pocsim_input_file_new (pocsim_case_display_name (path), text, len));
  return pocsim_case_from_json (text, len, pocsim_case_display_name (path), rules_override, error);
}
