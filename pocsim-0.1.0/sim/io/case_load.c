/* case_load.c - a case argument, whatever form it has. */
#include "io/case_load.h"

#include <string.h>

#include "io/case_csv.h"
#include "io/case_json.h"
#include "io/meta.h"
#include "io/snapshot_dir.h"

const char *
pocsim_case_display_name (const char *path)
{
  return strcmp (path, "-") == 0 ? "<stdin>" : path;
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
  if (inputs)
    g_ptr_array_add (inputs, pocsim_input_file_new (pocsim_case_display_name (path), text, len));
  return pocsim_case_from_json (text, len, pocsim_case_display_name (path), rules_override, error);
}
