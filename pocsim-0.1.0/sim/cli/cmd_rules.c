/* cmd_rules.c - `pocsim rules`: the rule sets, one line each. */
#include <stdio.h>

#include "cli/cli.h"
#include "core/ruleset.h"

int
pocsim_cmd_rules (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("- list the implemented rule sets");
  g_option_context_set_description (context,
                                    "Each line: rule set name, chain releases it covers, mainnet activation\n"
                                    "height and date, and what it changed.  The last one is the default.\n");
  if (!pocsim_cli_parse (context, &argc, &argv))
    return POCSIM_EXIT_BAD_INPUT;
  if (argc > 1)
    {
      fprintf (stderr, "pocsim: rules takes no arguments\n");
      return POCSIM_EXIT_BAD_INPUT;
    }
  guint n;
  const PocsimRuleSet *const *sets = pocsim_rule_sets (&n);
  const PocsimRuleSet *def = pocsim_rule_set_default ();
  for (guint k = 0; k < n; k++)
    printf ("%-8s %-18s height %-9" G_GINT64_FORMAT " %s  %s%s\n", sets[k]->name, sets[k]->chain_versions,
            sets[k]->activation_height, sets[k]->activation_date, sets[k]->summary,
            sets[k] == def ? " (default)" : "");
  return fflush (stdout) == 0 && !ferror (stdout) ? POCSIM_EXIT_OK : POCSIM_EXIT_BAD_INPUT;
}
