/* cli_case.c - loading a case argument, and saying what the input lacks. */
#include "cli/cli.h"

#include <stdio.h>

#include "io/case_load.h"
#include "io/case_settings.h"

void
pocsim_cli_warn_case (const PocsimCase *c, const char *name)
{
  if (c->collateral_not_captured && pocsim_case_collateral_applies (c))
    fprintf (stderr, "pocsim: warning: %s: no collateral captured: the collateral rule counts every host as "
             "having none (its weight falls to base_weight_ratio)\n", name);
}

PocsimCase *
pocsim_cli_load_case (const char *path, const char *rules_override, GPtrArray *inputs, gint64 *snapshot_height,
                      GError **error)
{
  PocsimCase *c = pocsim_case_load_traced (path, rules_override, inputs, snapshot_height, error);
  if (c != NULL)
    pocsim_cli_warn_case (c, pocsim_case_display_name (path));
  return c;
}

PocsimCase *
pocsim_cli_load_case_with (const char *path, const char *rules_override, char **settings, GPtrArray *inputs,
                           gint64 *snapshot_height, GError **error)
{
  g_autoptr (PocsimCase) c = pocsim_cli_load_case (path, rules_override, inputs, snapshot_height, error);
  if (c == NULL || settings == NULL || *settings == NULL)
    return g_steal_pointer (&c);
  return pocsim_case_with_settings (c, (const char *const *) settings, pocsim_case_display_name (path), error);
}
