/* cmd_run.c - `pocsim run SCENARIO`: replay a timeline, check its expectations. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/error.h"
#include "io/output.h"
#include "io/result_csv.h"
#include "io/result_table.h"
#include "replay/replay.h"

typedef struct {
  PocsimFormat format;
  FILE *stream;
  json_t *epochs;   /* JSON report: one entry per epoch */
  gboolean header_written;
  gint64 last_epoch; /* the table's legend follows this epoch's report */
} Report;

static void
write_log_table (const PocsimReplayEpoch *ep, FILE *out)
{
  gsize k;
  json_t *row;
  json_array_foreach (ep->log, k, row)
    {
      const json_t *reason = json_object_get (row, "reason");
      fprintf (out, "  %-17s %s%s%s\n", json_string_value (json_object_get (row, "stage")),
               json_string_value (json_object_get (row, "event")), reason ? "  REJECTED: " : "",
               reason ? json_string_value (reason) : "");
    }
  json_array_foreach (ep->poc_rejected, k, row)
    fprintf (out, "  %-17s PoC of %s for %s rejected: %s\n", "validation",
             json_string_value (json_object_get (row, "participant")),
             json_string_value (json_object_get (row, "model_id")),
             json_string_value (json_object_get (row, "reason")));
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
      if (ep->epoch == rep->last_epoch && !pocsim_result_write_table_legend (ep->r, out))
        return FALSE;
      return ferror (out) == 0;
    default:
      {
        json_t *failed = json_array ();
        for (guint k = 0; k < ep->failures->len; k++)
          json_array_append_new (failed, json_string (ep->failures->pdata[k]));
        json_array_append_new (rep->epochs,
                               json_pack ("{s:I, s:O, s:O, s:O, s:{s:i, s:o}}", "epoch", (json_int_t) ep->epoch,
                                          "events", ep->log, "poc_rejected", ep->poc_rejected, "result",
                                          pocsim_replay_epoch_result (ep), "expectations", "checked", (int) ep->checked,
                                          "failed", failed));
        return TRUE;
      }
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
  gint64 until, dump_case; /* NOT_GIVEN when the option is absent */
  gboolean quiet;
} Options;

static int
finish_json (Report *rep, const PocsimScenario *s, const PocsimReplay *rp, gboolean ok)
{
  g_autoptr (json_t) doc = json_pack ("{s:s, s:s, s:s, s:o, s:O}", "format", "pocsim-run/1", "rules",
                                      pocsim_replay_rules (rp), "scenario", s->name, "ok", json_boolean (ok),
                                      "epochs", rep->epochs);
  return json_dumpf (doc, rep->stream, JSON_INDENT (2)) == 0 && fputc ('\n', rep->stream) != EOF;
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
  if (s == NULL)
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
  g_autoptr (json_t) epochs = json_array ();
  Report rep = { format, pocsim_output_stream (out), epochs, FALSE, last };
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
      if (o->dump_case != NOT_GIVEN)
        {
          if (ep->epoch == o->dump_case)
            written = json_dumpf (ep->case_doc, rep.stream, JSON_INDENT (2)) == 0 && fputc ('\n', rep.stream) != EOF;
          continue;
        }
      for (guint k = 0; k < ep->failures->len; k++, failed++)
        fprintf (stderr, "%spocsim: %s\n", show_progress ? "\r\033[K" : "", (char *) ep->failures->pdata[k]);
      written = written && report_epoch (&rep, ep);
    }
  progress (show_progress, last + 1, s->first_epoch, last);
  if (o->dump_case == NOT_GIVEN && format == POCSIM_FORMAT_JSON)
    written = written && finish_json (&rep, s, rp, failed == 0);
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
  return POCSIM_EXIT_OK;
}

int
pocsim_cmd_run (int argc, char **argv)
{
  Options o = { 0 };
  o.until = o.dump_case = NOT_GIVEN;
  g_autofree char *rules = NULL, *format_name = NULL, *output = NULL;
  /* Keep in step with docs/pocsim-run.1. */
  GOptionEntry entries[] = {
    { "rules", 'r', 0, G_OPTION_ARG_STRING, &rules, "Rule set (see 'pocsim rules'); overrides the scenario's", "R" },
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
                                    "Exit status: 0 ok, 1 an expectation failed, 2 bad input or usage,\n"
                                    "3 internal error.\n");
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
  return run (&o, argv[1]);
}
