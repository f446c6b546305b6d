/* cmd_timeline.c - `pocsim timeline --epoch E [CASE_OR_PARAMS]`: the block
 * heights of epoch E's PoC cycle and the windows in which an intent, a
 * refusal and a delegation must be sent to count for E. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/error.h"
#include "io/json_autoptr.h"
#include "io/output.h"
#include "io/timeline_json.h"

#define UNSET G_MININT64
#define BACKWARD_NOTE "epoch E is before the anchor: right only if epoch_length never changed in between"

/* Where each input came from, for the report's header. */
typedef struct {
  PocsimEpochParams params;
  PocsimAnchor anchor;
  char *params_source;
  char *deploy_window_source;
  char *anchor_source;
} Inputs;

static void
inputs_clear (Inputs *in)
{
  g_free (in->params_source);
  g_free (in->deploy_window_source);
  g_free (in->anchor_source);
}

static void
resolve (Inputs *out, const PocsimTimelineInput *file, const char *name, gint64 poc_start, gint64 at_epoch)
{
  PocsimEpochParams mainnet = pocsim_epoch_params_mainnet ();
  out->params = file->has_epoch_params ? file->params : mainnet;
  out->params_source = file->has_epoch_params
                           ? g_strdup_printf ("%s", name)
                           : g_strdup ("mainnet values of June 2026 (no epoch_params given)");
  if (file->has_deploy_window)
    {
      out->params.deploy_window = file->params.deploy_window;
      out->deploy_window_source = g_strdup (name);
    }
  else
    {
      out->params.deploy_window = mainnet.deploy_window;
      out->deploy_window_source = g_strdup ("mainnet value (no delegation_params given)");
    }
  if (poc_start != UNSET)
    {
      out->anchor = (PocsimAnchor) { at_epoch, poc_start };
      out->anchor_source = g_strdup ("--poc-start/--at-epoch");
    }
  else if (file->has_anchor)
    {
      out->anchor = file->anchor;
      out->anchor_source = g_strdup_printf ("%s (%s)", name, file->anchor_field);
    }
  else
    {
      out->anchor = pocsim_anchor_mainnet ();
      out->anchor_source = g_strdup ("mainnet epoch 265 (no live PoC start given; pass --poc-start/--at-epoch)");
    }
}

/* "1234" or "any" (no lower bound) or "-" (not read at all). */
static char *
height_text (gint64 h, gboolean present)
{
  if (!present)
    return g_strdup ("-");
  return h == 0 ? g_strdup ("any") : g_strdup_printf ("%" G_GINT64_FORMAT, h);
}

typedef struct {
  const char *tx;
  const char *read_by;
  gboolean present;
  PocsimWindow w;
  gboolean resend;
  const char *note;
} WindowRow;

static guint
window_rows (const PocsimTimeline *t, WindowRow rows[4])
{
  rows[0] = (WindowRow) { "intent", "bootstrap snapshot", t->has_bootstrap_snapshot, t->intent, TRUE,
                          "wiped at every formation" };
  rows[1] = (WindowRow) { "refusal", "delegation snapshot", TRUE, t->refusal, TRUE,
                          "wiped at every formation; read for eligible models only" };
  rows[2] = (WindowRow) { "delegation", "bootstrap snapshot", t->has_bootstrap_snapshot, t->delegation_bootstrap,
                          FALSE, "persists; bootstrap models; delegator must be a host of epoch E-1" };
  rows[3] = (WindowRow) { "delegation", "delegation snapshot", TRUE, t->delegation_regular, FALSE,
                          "persists; eligible models" };
  return 4;
}

static gboolean
write_table (const Inputs *in, const PocsimTimeline *t, FILE *out)
{
  const PocsimEpochParams *p = &in->params;
  fprintf (out, "pocsim %s timeline  epoch %" G_GINT64_FORMAT "\n", POCSIM_VERSION, t->epoch);
  fprintf (out, "  anchor: epoch %" G_GINT64_FORMAT " PoC start %" G_GINT64_FORMAT " from %s\n", in->anchor.epoch,
           in->anchor.poc_start, in->anchor_source);
  fprintf (out, "  epoch params from %s:\n    epoch_length %" G_GINT64_FORMAT ", poc_stage_duration %" G_GINT64_FORMAT
           ", poc_validation_delay %" G_GINT64_FORMAT ", poc_validation_duration %" G_GINT64_FORMAT
           ", set_new_validators_delay %" G_GINT64_FORMAT "\n",
           in->params_source, p->epoch_length, p->poc_stage_duration, p->poc_validation_delay,
           p->poc_validation_duration, p->set_new_validators_delay);
  fprintf (out, "  deploy_window %" G_GINT64_FORMAT " from %s\n", p->deploy_window, in->deploy_window_source);
  if (t->epoch < in->anchor.epoch)
    fprintf (out, "  note: %s\n", BACKWARD_NOTE);
  fputc ('\n', out);

  g_autofree char *snap = t->has_bootstrap_snapshot ? g_strdup_printf ("%" G_GINT64_FORMAT, t->bootstrap_snapshot)
                                                     : g_strdup ("none (deploy_window out of range)");
  fprintf (out, "Heights\n");
  fprintf (out, "  %-52s %s\n", "bootstrap snapshot (P - deploy_window)", snap);
  const struct { const char *label; gint64 h; } heights[] = {
    { "PoC start P", t->poc_start },
    { "generation end (P + poc_stage_duration)", t->generation_end },
    { "validation start V (+ poc_validation_delay)", t->validation_start },
    { "formation F = validation end", t->formation },
    { "set new validators S (F + set_new_validators_delay)", t->set_new_validators },
    { "next PoC start (P + epoch_length)", t->next_poc_start },
    { "previous formation F(E-1) (F - epoch_length)", t->previous_formation },
  };
  for (guint k = 0; k < G_N_ELEMENTS (heights); k++)
    fprintf (out, "  %-52s %" G_GINT64_FORMAT "\n", heights[k].label, heights[k].h);

  fprintf (out, "\nSend windows: a transaction counts for epoch %" G_GINT64_FORMAT
                " if it is included in a block from FIRST to LAST\n",
           t->epoch);
  fprintf (out, "  %-11s %-20s %10s %10s %-7s %s\n", "TX", "READ BY", "FIRST", "LAST", "RE-SEND", "NOTE");
  WindowRow rows[4];
  guint n = window_rows (t, rows);
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *first = height_text (rows[k].w.first, rows[k].present);
      g_autofree char *last = height_text (rows[k].w.last, rows[k].present);
      fprintf (out, "  %-11s %-20s %10s %10s %-7s %s\n", rows[k].tx, rows[k].read_by, first, last,
               rows[k].resend ? "yes" : "no", rows[k].present ? rows[k].note : "not captured this epoch");
    }
  return !ferror (out);
}

static json_t *
window_json (const WindowRow *row)
{
  json_t *o = json_object ();
  json_object_set_new (o, "tx", json_string (row->tx));
  json_object_set_new (o, "read_by", json_string (row->read_by));
  json_object_set_new (o, "captured", json_boolean (row->present));
  json_object_set_new (o, "first_block",
                       row->present && row->w.first > 0 ? json_integer (row->w.first) : json_null ());
  json_object_set_new (o, "last_block", row->present ? json_integer (row->w.last) : json_null ());
  json_object_set_new (o, "resend_every_epoch", json_boolean (row->resend));
  json_object_set_new (o, "note", json_string (row->note));
  return o;
}

static gboolean
write_json (const Inputs *in, const PocsimTimeline *t, FILE *out)
{
  const PocsimEpochParams *p = &in->params;
  g_autoptr (json_t) root = json_object ();
  json_object_set_new (root, "format", json_string ("pocsim-timeline/1"));
  json_object_set_new (root, "pocsim", json_string (POCSIM_VERSION));
  json_object_set_new (root, "epoch", json_integer (t->epoch));
  json_object_set_new (root, "anchor", json_pack ("{s:I, s:I, s:s}", "epoch", (json_int_t) in->anchor.epoch,
                                                  "poc_start", (json_int_t) in->anchor.poc_start, "source",
                                                  in->anchor_source));
  json_object_set_new (root, "epoch_params",
                       json_pack ("{s:I, s:I, s:I, s:I, s:I, s:s}", "epoch_length", (json_int_t) p->epoch_length,
                                  "poc_stage_duration", (json_int_t) p->poc_stage_duration, "poc_validation_delay",
                                  (json_int_t) p->poc_validation_delay, "poc_validation_duration",
                                  (json_int_t) p->poc_validation_duration, "set_new_validators_delay",
                                  (json_int_t) p->set_new_validators_delay, "source", in->params_source));
  json_object_set_new (root, "deploy_window", json_pack ("{s:I, s:s}", "value", (json_int_t) p->deploy_window,
                                                         "source", in->deploy_window_source));
  json_object_set_new (root, "note", t->epoch < in->anchor.epoch ? json_string (BACKWARD_NOTE) : json_null ());
  json_t *h = json_object ();
  json_object_set_new (h, "bootstrap_snapshot",
                       t->has_bootstrap_snapshot ? json_integer (t->bootstrap_snapshot) : json_null ());
  json_object_set_new (h, "poc_start", json_integer (t->poc_start));
  json_object_set_new (h, "generation_end", json_integer (t->generation_end));
  json_object_set_new (h, "validation_start", json_integer (t->validation_start));
  json_object_set_new (h, "formation", json_integer (t->formation));
  json_object_set_new (h, "set_new_validators", json_integer (t->set_new_validators));
  json_object_set_new (h, "next_poc_start", json_integer (t->next_poc_start));
  json_object_set_new (h, "previous_formation", json_integer (t->previous_formation));
  json_object_set_new (root, "heights", h);
  json_t *windows = json_array ();
  WindowRow rows[4];
  guint n = window_rows (t, rows);
  for (guint k = 0; k < n; k++)
    json_array_append_new (windows, window_json (&rows[k]));
  json_object_set_new (root, "windows", windows);
  return json_dumpf (root, out, JSON_INDENT (2) | JSON_PRESERVE_ORDER) == 0 && fputc ('\n', out) != EOF;
}

int
pocsim_cmd_timeline (int argc, char **argv)
{
  gint64 epoch = UNSET, poc_start = UNSET, at_epoch = UNSET;
  g_autofree char *format_name = NULL, *output = NULL;
  /* Keep in step with docs/pocsim-timeline.1 and docs/timeline.md. */
  GOptionEntry entries[] = {
    { "epoch", 'e', 0, G_OPTION_ARG_INT64, &epoch, "The epoch E (default: a case's upcoming_epoch)", "E" },
    { "poc-start", 0, 0, G_OPTION_ARG_INT64, &poc_start, "Live anchor: the PoC start height of epoch N", "H" },
    { "at-epoch", 0, 0, G_OPTION_ARG_INT64, &at_epoch, "Live anchor: the epoch N whose PoC starts at H", "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "table (default) or json", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (atomically) instead of stdout", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context
      = g_option_context_new ("[CASE_OR_PARAMS] - block heights and send windows of one epoch");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (
      context,
      "Projects epoch E's PoC start from an anchor, as the host guides do (never from\n"
      "epoch_shift):  poc_start(E) = anchor_poc_start + (E - anchor_epoch) * epoch_length,\n"
      "and the stage heights from the epoch params.  CASE_OR_PARAMS is a params response,\n"
      "epoch_info, /v1/epochs/latest, /v1/epochs/N/participants, a pocsim case or a\n"
      "snapshot directory ('-' = stdin).  The anchor is --poc-start/--at-epoch, else the\n"
      "file's latest_epoch or active_participants, else mainnet epoch 265 at 4089970.\n"
      "Missing epoch params or deploy_window fall back to mainnet values; the report\n"
      "says which were used.\n\n"
      "Example: pocsim timeline --epoch 359\n\n"
      "Exit status: 0 ok, 2 bad input or usage.\n");
  if (!pocsim_cli_parse (context, &argc, &argv))
    return POCSIM_EXIT_BAD_INPUT;
  PocsimFormat format;
  if (!pocsim_cli_parse_format (format_name, &format))
    return POCSIM_EXIT_BAD_INPUT;
  if (format == POCSIM_FORMAT_CSV)
    {
      fprintf (stderr, "pocsim: timeline has no csv format (table or json)\n");
      return POCSIM_EXIT_BAD_INPUT;
    }
  gboolean json = format == POCSIM_FORMAT_JSON;
  if (argc > 2)
    {
      fprintf (stderr, "pocsim: timeline takes at most one CASE_OR_PARAMS argument (see --help)\n");
      return POCSIM_EXIT_BAD_INPUT;
    }
  if ((poc_start == UNSET) != (at_epoch == UNSET))
    {
      fprintf (stderr, "pocsim: --poc-start and --at-epoch go together (see --help)\n");
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (poc_start != UNSET && (poc_start <= 0 || at_epoch < 0))
    {
      fprintf (stderr, "pocsim: --poc-start must be positive and --at-epoch not negative\n");
      return POCSIM_EXIT_BAD_INPUT;
    }

  g_autoptr (GError) error = NULL;
  PocsimTimelineInput file = { 0 };
  const char *name = "";
  if (argc == 2)
    {
      name = strcmp (argv[1], "-") == 0 ? "<stdin>" : argv[1];
      if (!pocsim_timeline_input_load (argv[1], &file, &error))
        return pocsim_cli_fail (error);
    }
  if (epoch == UNSET && file.has_upcoming_epoch)
    epoch = file.upcoming_epoch;
  if (epoch == UNSET || epoch < 0)
    {
      fprintf (stderr, "pocsim: timeline needs --epoch E (an epoch index >= 0)\n");
      return POCSIM_EXIT_BAD_INPUT;
    }

  Inputs in = { 0 };
  resolve (&in, &file, name, poc_start, at_epoch);
  PocsimTimeline t;
  int status = POCSIM_EXIT_OK;
  PocsimOutput *out = NULL;
  if (!pocsim_timeline_compute (&in.params, in.anchor, epoch, &t, &error))
    status = pocsim_cli_fail (error);
  else if ((out = pocsim_output_open (output, &error)) == NULL)
    status = pocsim_cli_fail (error);
  else if (!(json ? write_json (&in, &t, pocsim_output_stream (out))
                  : write_table (&in, &t, pocsim_output_stream (out))))
    {
      pocsim_output_abort (out);
      fprintf (stderr, "pocsim: %s: write error\n", output ? output : "<stdout>");
      status = POCSIM_EXIT_BAD_INPUT;
    }
  else if (!pocsim_output_commit (out, &error))
    status = pocsim_cli_fail (error);
  inputs_clear (&in);
  return status;
}
