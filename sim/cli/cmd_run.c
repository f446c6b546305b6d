/* cmd_run.c - `pocsim run SCENARIO`: replay a timeline, check its expectations. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/error.h"
#include "io/case_settings.h"
#include "io/output.h"
#include "io/result_csv.h"
#include "io/result_table.h"
#include "io/run_report.h"
#include "io/scenario_json.h"
#include "replay/replay.h"

typedef struct {
  PocsimFormat format;
  FILE *stream;
  PocsimRunReport *json; /* JSON report: one entry per epoch */
  gboolean header_written;
  gint64 last_epoch; /* the table's legend follows this epoch's report */
  const char *name;  /* the scenario's */
  guint epochs, checked, failed; /* so far, for the table's closing line */
} Report;

static void
write_log_table (const PocsimReplayEpoch *ep, FILE *out)
{
  for (guint k = 0; k < ep->log->len; k++)
    {
      const PocsimEventLog *row = &g_array_index (ep->log, PocsimEventLog, k);
      fprintf (out, "  %-17s %s%s%s\n", pocsim_stage_name (row->stage), row->event, row->reason ? "  REJECTED: " : "",
               row->reason ? row->reason : "");
    }
  for (guint k = 0; k < ep->poc_rejected->len; k++)
    {
      const PocsimPocRejection *row = &g_array_index (ep->poc_rejected, PocsimPocRejection, k);
      fprintf (out, "  %-17s PoC of %s for %s rejected: %s\n", "validation", ep->c->addrs[row->addr],
               ep->c->models[row->model].id, row->reason);
    }
}

static gboolean
report_epoch (Report *rep, PocsimReplayEpoch *ep)
{
  FILE *out = rep->stream;
  switch (rep->format)
    {
    case POCSIM_FORMAT_CSV:
      if (!rep->header_written && !pocsim_result_write_csv_header (out))
        return FALSE;
      rep->header_written = TRUE;
      return pocsim_result_write_csv_rows (ep->r, out);
    case POCSIM_FORMAT_TABLE:
      fprintf (out, "%s== epoch %" G_GINT64_FORMAT " ==\n", rep->header_written ? "\n" : "", ep->epoch);
      rep->header_written = TRUE;
      write_log_table (ep, out);
      if (!pocsim_result_write_table_body (ep->r, out))
        return FALSE;
      fprintf (out, "expectations: %u checked, %u failed\n", ep->checked, ep->failures->len);
      rep->epochs++, rep->checked += ep->checked, rep->failed += ep->failures->len;
      /* the last epoch: the one asked for, or the one at which the chain halts */
      if (ep->epoch == rep->last_epoch || ep->r->halt_error != NULL)
        {
          fprintf (out, "\n%s: %u epoch%s formed%s; expectations: %u checked, %u failed\n", rep->name, rep->epochs,
                   rep->epochs == 1 ? "" : "s", ep->r->halt_error ? ", the chain halted at the last" : "",
                   rep->checked, rep->failed);
          if (!pocsim_result_write_table_legend (ep->r, out))
            return FALSE;
        }
      return ferror (out) == 0;
    default:
      pocsim_run_report_add_epoch (rep->json, ep->epoch, ep->log, ep->poc_rejected, ep->c, ep->r, ep->checked,
                                   ep->failures);
      return TRUE;
    }
}

static void
progress (gboolean on, gint64 epoch, gint64 first, gint64 last)
{
  if (!on)
    return;
  if (epoch > last)
    fprintf (stderr, "\r\033[K");
  else
    fprintf (stderr, "\rpocsim: epoch %" G_GINT64_FORMAT " (%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ")",
             epoch, epoch - first + 1, last - first + 1);
  fflush (stderr);
}

#define NOT_GIVEN G_MININT64

typedef struct {
  char *rules, *format_name, *output;
  char **settings;         /* --set PATH=VALUE on the start case */
  gint64 until, dump_case; /* NOT_GIVEN when the option is absent */
  gboolean quiet;
} Options;

/* --set on the scenario's start: its case, edited as `pocsim epoch --set`
 * edits one.  The rule set and the epochs belong to the scenario (--rules,
 * its timeline). */
static gboolean
set_start (PocsimScenario *s, char **settings, GError **error)
{
  for (char **set = settings; set && *set; set++)
    if (g_str_has_prefix (*set, "rules=") || g_str_has_prefix (*set, "upcoming_epoch="))
      {
        g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE, "--set %s: a scenario's %s is not a value of its start "
                     "(use --rules; the timeline names the epochs)", *set,
                     g_str_has_prefix (*set, "rules=") ? "rule set" : "upcoming epoch");
        return FALSE;
      }
  if (settings == NULL || *settings == NULL)
    return TRUE;
  PocsimCase *edited = pocsim_case_with_settings (s->start, (const char *const *) settings, s->name, error);
  if (edited == NULL)
    return FALSE;
  pocsim_case_free (s->start);
  s->start = edited;
  return TRUE;
}

/* --until E and --dump-case E: the replay's last epoch, which cannot be
 * before the first nor more than POCSIM_SCENARIO_MAX_EPOCHS formations
 * after it. */
static gboolean
last_epoch_option (const char *option, gint64 value, gint64 first, gint64 *last)
{
  if (value == NOT_GIVEN)
    return TRUE;
  if (value < first)
    {
      fprintf (stderr, "pocsim: %s %" G_GINT64_FORMAT ": the scenario starts at epoch %" G_GINT64_FORMAT "\n", option,
               value, first);
      return FALSE;
    }
  if (value - first >= POCSIM_SCENARIO_MAX_EPOCHS)
    {
      fprintf (stderr, "pocsim: %s %" G_GINT64_FORMAT ": a replay forms at most %d epochs; this one starts at epoch %"
               G_GINT64_FORMAT ", so %s is at most %" G_GINT64_FORMAT "\n", option, value, POCSIM_SCENARIO_MAX_EPOCHS,
               first, option, first + POCSIM_SCENARIO_MAX_EPOCHS - 1);
      return FALSE;
    }
  *last = value;
  return TRUE;
}

static int
run (const Options *o, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimScenario) s = pocsim_scenario_load (path, &error);
  if (s == NULL || !set_start (s, o->settings, &error))
    return pocsim_cli_fail (error);
  g_autoptr (PocsimReplay) rp = pocsim_replay_new (s, o->rules, &error);
  if (rp == NULL)
    return pocsim_cli_fail (error);
  gint64 last = s->last_epoch;
  if (!last_epoch_option ("--until", o->until, s->first_epoch, &last)
      || !last_epoch_option ("--dump-case", o->dump_case, s->first_epoch, &last))
    return POCSIM_EXIT_BAD_INPUT;
  PocsimFormat format;
  if (!pocsim_cli_parse_format (o->format_name, &format))
    return POCSIM_EXIT_BAD_INPUT;
  PocsimOutput *out = pocsim_output_open (o->output, &error);
  if (out == NULL)
    return pocsim_cli_fail (error);
  if (format == POCSIM_FORMAT_AUTO)
    format = pocsim_output_is_tty (out) ? POCSIM_FORMAT_TABLE : POCSIM_FORMAT_JSON;
  g_autoptr (PocsimRunReport) json = pocsim_run_report_new ();
  Report rep = { format, pocsim_output_stream (out), json, FALSE, last, s->name, 0, 0, 0 };
  gboolean show_progress = !o->quiet && isatty (STDERR_FILENO) && last > s->first_epoch;
  guint failed = 0;
  gboolean written = TRUE;
  while (pocsim_replay_next_epoch (rp) <= last)
    {
      progress (show_progress, pocsim_replay_next_epoch (rp), s->first_epoch, last);
      g_autoptr (PocsimReplayEpoch) ep = pocsim_replay_step (rp, &error);
      if (ep == NULL)
        {
          progress (show_progress, last + 1, s->first_epoch, last);
          pocsim_output_abort (out);
          return pocsim_cli_fail (error);
        }
      if (ep->r->halt_error != NULL)
        fprintf (stderr, "%spocsim: %s: epoch %" G_GINT64_FORMAT ": the chain halts at this formation: %s\n",
                 show_progress ? "\r\033[K" : "", s->name, ep->epoch, ep->r->halt_error);
      if (o->dump_case != NOT_GIVEN)
        {
          if (ep->epoch == o->dump_case)
            written = pocsim_case_write_json (ep->c, rep.stream);
          continue;
        }
      for (guint k = 0; k < ep->failures->len; k++, failed++)
        fprintf (stderr, "%spocsim: %s\n", show_progress ? "\r\033[K" : "", (char *) ep->failures->pdata[k]);
      written = written && report_epoch (&rep, ep);
    }
  progress (show_progress, last + 1, s->first_epoch, last);
  gint64 halted_at = pocsim_replay_halted_at (rp);
  if (halted_at && o->dump_case != NOT_GIVEN && o->dump_case > halted_at)
    {
      pocsim_output_abort (out);
      fprintf (stderr, "pocsim: --dump-case %" G_GINT64_FORMAT ": the chain halted at epoch %" G_GINT64_FORMAT
               ", before it\n", o->dump_case, halted_at);
      return POCSIM_EXIT_CHECK_FAILED;
    }
  if (o->dump_case == NOT_GIVEN && format == POCSIM_FORMAT_JSON)
    written = written && pocsim_run_report_write (json, pocsim_replay_rules (rp), s->name, failed == 0 && !halted_at,
                                                  rep.stream);
  if (!written)
    {
      pocsim_output_abort (out);
      fprintf (stderr, "pocsim: %s: write error\n", o->output ? o->output : "<stdout>");
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (!pocsim_output_commit (out, &error))
    return pocsim_cli_fail (error);
  if (failed > 0)
    {
      fprintf (stderr, "pocsim: %s: %u expectation%s failed\n", s->name, failed, failed == 1 ? "" : "s");
      return POCSIM_EXIT_CHECK_FAILED;
    }
  return halted_at ? POCSIM_EXIT_CHECK_FAILED : POCSIM_EXIT_OK;
}

int
pocsim_cmd_run (int argc, char **argv)
{
  Options o = { 0 };
  o.until = o.dump_case = NOT_GIVEN;
  g_autofree char *rules = NULL, *format_name = NULL, *output = NULL;
  g_auto (GStrv) settings = NULL;
  /* Keep in step with docs/pocsim-run.1. */
  GOptionEntry entries[] = {
    { "rules", 'r', 0, G_OPTION_ARG_STRING, &rules, "Rule set (see 'pocsim rules'); overrides the scenario's", "R" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &settings,
      "Override a value of the scenario's start, e.g. params.delegation_params.w_threshold=0.2 (repeatable; "
      "not rules or upcoming_epoch)", "PATH=VALUE" },
    { "until", 'u', 0, G_OPTION_ARG_INT64, &o.until,
      "Stop after forming epoch E (at most 1000 formations from the start)", "E" },
    { "dump-case", 0, 0, G_OPTION_ARG_INT64, &o.dump_case,
      "Print the exact case of epoch E (pocsim-case/1) instead of the report", "E" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      "json, csv or table (default: table on a terminal, else json)", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to FILE instead of stdout (a file is replaced whole; a FIFO or device is written into)", "FILE" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet, "No progress line on a terminal", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("SCENARIO.json - replay a multi-epoch scenario");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
                                    "Replays a pocsim-scenario/1 timeline (docs/scenarios.md) epoch by epoch in the\n"
                                    "chain's order: bootstrap snapshot, PoC commits, regular snapshot, PoC\n"
                                    "acceptance, formation, record clean-up. Prints one report per epoch and\n"
                                    "checks the scenario's expectations; each failure is printed on stderr.\n\n"
                                    "A formation at which the chain halts (v0.2.16) is reported as that\n"
                                    "epoch's result with its error, and the replay ends there.\n\n"
                                    "Exit status: 0 ok, 1 an expectation failed or the chain halted, 2 bad\n"
                                    "input or usage, 3 internal error.\n");
  if (!pocsim_cli_parse (context, &argc, &argv))
    return POCSIM_EXIT_BAD_INPUT;
  if (argc != 2)
    {
      fprintf (stderr, "pocsim: run needs exactly one SCENARIO argument (see --help)\n");
      return POCSIM_EXIT_BAD_INPUT;
    }
  o.rules = rules;
  o.format_name = format_name;
  o.output = output;
  o.settings = settings;
  return run (&o, argv[1]);
}
