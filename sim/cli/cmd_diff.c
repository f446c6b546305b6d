/* cmd_diff.c - `pocsim diff`: the same state under two rule sets, or two
 * states under one, host by host.  This is how a governance voter sees what
 * an upgrade or a parameter change does to each host. */
#include <stdio.h>
#include <string.h>

#include "analysis/diff.h"
#include "cli/cli.h"
#include "io/case_load.h"
#include "io/case_settings.h"
#include "io/diff_report.h"
#include "io/output.h"
#include "io/plot_script.h"
#include "rules/epoch.h"

typedef struct {
  PocsimCase *c;
  PocsimEpochResult *r;
  char *name;
  char **settings;  /* --set / --set-b (borrowed) */
} Side;

static void
side_clear (Side *s)
{
  pocsim_epoch_result_free (s->r);
  pocsim_case_free (s->c);
  g_free (s->name);
}

/* WARN: say on stderr what the input lacks (once per input, not per rule set). */
static gboolean
side_load (Side *s, const char *path, const char *rules, char **settings, gboolean warn, GError **error)
{
  const char *name = pocsim_case_display_name (path);
  if ((s->c = pocsim_case_load (path, rules, error)) == NULL)
    return FALSE;
  if (warn)
    pocsim_cli_warn_case (s->c, name);
  s->settings = settings;
  if (settings != NULL && *settings != NULL)
    {
      PocsimCase *edited = pocsim_case_with_settings (s->c, (const char *const *) settings, name, error);
      if (edited == NULL)
        return FALSE;
      pocsim_case_free (s->c);
      s->c = edited;
    }
  if ((s->r = pocsim_epoch_form_outcome (s->c, error)) == NULL)
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  s->name = g_strdup (name);
  return TRUE;
}

static gboolean
write_diff (const Side *a, const Side *b, PocsimFormat format, gboolean changed_only, const char *plot, FILE *out,
            gboolean *different, gboolean *plot_failed)
{
  g_autoptr (PocsimDiff) d = pocsim_diff_compute (a->r, b->r);
  PocsimDiffReport report = {
    d,
    { { a->name, a->r->rules->name, (const char *const *) a->settings },
      { b->name, b->r->rules->name, (const char *const *) b->settings } },
    changed_only,
  };
  *different = pocsim_diff_any (d);
  gboolean written = format == POCSIM_FORMAT_CSV    ? pocsim_diff_write_csv (&report, out)
                     : format == POCSIM_FORMAT_JSON ? pocsim_diff_write_json (&report, out)
                                                    : pocsim_diff_write_table (&report, out);
  if (!written || plot == NULL)
    return written;
  /* --plot DIR: the per-host changes, drawn by gnuplot when installed. */
  g_autoptr (GError) error = NULL;
  gboolean missing = FALSE;
  if (!pocsim_plot_publish (plot, plot, pocsim_diff_write_plots, &report, &missing, &error))
    {
      pocsim_cli_fail (error);
      *plot_failed = TRUE;
      return FALSE;
    }
  if (missing)
    fprintf (stderr, "pocsim: gnuplot is not installed: the charts' data and scripts are in %s "
                     "(run gnuplot on each .gp file there to draw them)\n", plot);
  return TRUE;
}

int
pocsim_cmd_diff (int argc, char **argv)
{
  g_auto (GStrv) rules = NULL;
  g_autofree char *case_b = NULL, *format_name = NULL, *output = NULL;
  g_auto (GStrv) set_a = NULL, set_b = NULL;
  g_autofree char *plot = NULL;
  gboolean changed_only = FALSE;
  /* Keep in step with docs/pocsim-diff.1 and docs/versions.md. */
  GOptionEntry entries[] = {
    { "rules", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &rules, "Rule set of side A, then of side B", "R" },
    { "case-b", 'b', 0, G_OPTION_ARG_FILENAME, &case_b, "Compare with this case (side B)", "CASE" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &set_a,
      "Override a value of side A's case, e.g. params.delegation_params.w_threshold=0.2 (repeatable)", "PATH=VALUE" },
    { "set-b", 0, 0, G_OPTION_ARG_STRING_ARRAY, &set_b,
      "Override a value of side B's case (repeatable); with CASE alone, side B is CASE with these values",
      "PATH=VALUE" },
    { "changed-only", 'c', 0, G_OPTION_ARG_NONE, &changed_only,
      "Only the groups and hosts that change (the table's sections, JSON's groups and hosts)", NULL },
    { "plot", 'p', 0, G_OPTION_ARG_FILENAME, &plot,
      "Also draw each host's change of weight and reward, sorted, into DIR (SVG and PNG by gnuplot, with their data "
      "and scripts)", "DIR" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "table (default), csv or json", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to FILE instead of stdout (a file is replaced whole; a FIFO or device is written into)", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("CASE - what differs between two formations");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
                                    "Forms CASE under two rule sets (--rules A --rules B), or CASE and\n"
                                    "--case-b OTHER under one (--rules R, or each case's own), and reports\n"
                                    "what differs: first a summary (the groups whose eligibility or cap\n"
                                    "changes, how many hosts change, how much weight and reward move, who\n"
                                    "loses all its weight), then per model its eligibility, coefficient,\n"
                                    "raw and capped totals, cap, scale and voting-power total, per host its\n"
                                    "final weight and reward with the change and %, and every other value\n"
                                    "that differs (per host and model the mode and voting power; per host\n"
                                    "the previous weight read, penalty, trust weight, reward weight; a halt).\n"
                                    "When nothing differs the table says \"No differences\".  --set and\n"
                                    "--set-b change values of side A's and side B's case (the paths of\n"
                                    "pocsim-sweep(1) axes): CASE --set-b PATH=VALUE is a parameter change.\n\n"
                                    "Example: pocsim diff data/mainnet-e266.case.json --rules v0.2.13 --rules v0.2.14\n"
                                    "         pocsim diff CASE --rules v0.2.14 --rules v0.2.16\n"
                                    "         pocsim diff CASE --set-b params.delegation_params.w_threshold=0.2\n\n"
                                    "Exit status (as diff(1)): 0 no differences, 1 differences, 2 bad input or\n"
                                    "usage, 3 internal error.\n");
  if (!pocsim_cli_parse (context, &argc, &argv))
    return POCSIM_EXIT_BAD_INPUT;
  guint n_rules = rules ? g_strv_length (rules) : 0;
  PocsimFormat format;
  if (!pocsim_cli_parse_format (format_name, &format))
    return POCSIM_EXIT_BAD_INPUT;
  gboolean edited = set_a != NULL || set_b != NULL;
  if (argc != 2 || n_rules > 2 || (case_b == NULL && n_rules != 2 && !edited) || (case_b != NULL && n_rules > 1)
      || (n_rules == 2 && case_b != NULL))
    {
      fprintf (stderr, "pocsim: diff needs CASE with --rules A --rules B, or CASE --case-b OTHER [--rules R], or CASE "
                       "--set-b PATH=VALUE [--rules R]\n");
      return POCSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (GError) error = NULL;
  Side a = { 0 }, b = { 0 };
  const char *rules_a = n_rules > 0 ? rules[0] : NULL;
  const char *rules_b = n_rules == 2 ? rules[1] : rules_a;
  int status = POCSIM_EXIT_OK;
  gboolean different = FALSE, plot_failed = FALSE;
  PocsimOutput *out = NULL;
  if (!side_load (&a, argv[1], rules_a, set_a, TRUE, &error)
      || !side_load (&b, case_b ? case_b : argv[1], rules_b, set_b, case_b != NULL && strcmp (case_b, argv[1]) != 0,
                     &error)
      || (out = pocsim_output_open (output, &error)) == NULL)
    status = pocsim_cli_fail (error);
  else if (!write_diff (&a, &b, format, changed_only, plot, pocsim_output_stream (out), &different, &plot_failed))
    {
      pocsim_output_abort (out);
      if (!plot_failed) /* else its error is printed */
        fprintf (stderr, "pocsim: %s: write error\n", output ? output : "<stdout>");
      status = POCSIM_EXIT_BAD_INPUT;
    }
  else if (!pocsim_output_commit (out, &error))
    status = pocsim_cli_fail (error);
  else if (different)
    status = POCSIM_EXIT_DIFFERENT;
  side_clear (&a);
  side_clear (&b);
  return status;
}
