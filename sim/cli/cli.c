/* cli.c - pocsim's entry point and subcommand table. */
#include "cli/cli.h"

#include <gsl/gsl_errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

/* Keep in step with docs/pocsim.1 and the README. */
static const PocsimSubcommand subcommands[] = {
  { "epoch", pocsim_cmd_epoch, "Form the next epoch from one case" },
  { "diff", pocsim_cmd_diff, "Compare a formation under two rule sets, or two cases" },
  { "whatif", pocsim_cmd_whatif, "A host's options side by side before sending a transaction" },
  { "hardware", pocsim_cmd_hardware, "A host's PoC weight per model, estimated from its GPUs" },
  { "run", pocsim_cmd_run, "Replay a multi-epoch scenario and check its expectations" },
  { "sweep", pocsim_cmd_sweep, "A parameter study: grid x Monte Carlo runs, statistics, plots" },
  { "rules", pocsim_cmd_rules, "List the rule sets (chain versions) pocsim implements" },
  { "preelig", pocsim_cmd_preelig, "Pre-eligibility of bootstrap models and what each lacks" },
  { "timeline", pocsim_cmd_timeline, "Block heights and send windows of one epoch" },
  { "case", pocsim_cmd_case, "Print the case a snapshot directory holds" },
  { "capture", pocsim_cmd_capture, "Save a node's snapshot directory (REST API) for one formation" },
};

static void
usage (FILE *out)
{
  fprintf (out, "Usage: pocsim COMMAND [OPTION...]\n\n"
                "Simulate the Gonka chain's multi-model Proof-of-Compute epoch formation.\n\n"
                "Commands:\n");
  for (guint k = 0; k < G_N_ELEMENTS (subcommands); k++)
    fprintf (out, "  %-8s %s\n", subcommands[k].name, subcommands[k].summary);
  fprintf (out, "\nRun 'pocsim COMMAND --help' for a command's options; 'man pocsim' for the manual.\n");
}

int
main (int argc, char **argv)
{
  /* Output must not depend on the user's locale. */
  setlocale (LC_ALL, "C");
  /* GSL's default handler aborts; errors are handled where they happen. */
  gsl_set_error_handler_off ();

  if (argc < 2)
    {
      usage (stderr);
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      usage (stdout);
      return POCSIM_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("pocsim %s\n", POCSIM_VERSION);
      return POCSIM_EXIT_OK;
    }
  for (guint k = 0; k < G_N_ELEMENTS (subcommands); k++)
    if (strcmp (argv[1], subcommands[k].name) == 0)
      {
        /* "Usage: pocsim run ..." in the command's --help. */
        g_autofree char *prgname = g_strdup_printf ("pocsim %s", subcommands[k].name);
        g_set_prgname (prgname);
        return subcommands[k].run (argc - 1, argv + 1);
      }
  fprintf (stderr, "pocsim: unknown command '%s' (see 'pocsim --help')\n", argv[1]);
  return POCSIM_EXIT_BAD_INPUT;
}
