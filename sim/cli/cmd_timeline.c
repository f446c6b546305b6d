/* cmd_timeline.c - `pocsim timeline --epoch E [CASE_OR_PARAMS]`: the block
 * heights of epoch E's PoC cycle and the windows in which an intent, a
 * refusal and a delegation must be sent to count for E. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/error.h"
#include "io/json_autoptr.h"
#include "io/output.h"
#include "io/legend.h"
#include "io/timeline_json.h"
#include "io/units.h"

#define UNSET G_MININT64
#define BACKWARD_NOTE "epoch E is before the anchor: right only if epoch_length never changed in between"

/* Where each input came from, for the report's header. */
typedef struct {
  PocsimEpochParams params;
  PocsimAnchor anchor;
  char *params_source;
  char *deploy_window_source;
  char *anchor_source;
  /* The chain's height now (the node's, or the height the input was read
   * at), with block times when a node gave them. */
  const PocsimChainClock *clock;
  char *clock_source;
} Inputs;

static void
inputs_clear (Inputs *in)
{
  g_free (in->params_source);
  g_free (in->deploy_window_source);
  g_free (in->anchor_source);
  g_free (in->clock_source);
}

/* Each input from the first source that has it: --poc-start/--at-epoch
 * (the anchor only), CASE_OR_PARAMS (FILE, called NAME), the node's
 * epoch_info (NODE, called NODE_NAME), else mainnet's values. */
static void
resolve (Inputs *out, const PocsimTimelineInput *file, const char *name, const PocsimTimelineInput *node,
         const char *node_name, gint64 poc_start, gint64 at_epoch)
{
  PocsimEpochParams mainnet = pocsim_epoch_params_mainnet ();
  const PocsimTimelineInput *params_from = file->has_epoch_params ? file : node->has_epoch_params ? node : NULL;
  out->params = params_from ? params_from->params : mainnet;
  out->params_source = params_from ? g_strdup (params_from == file ? name : node_name)
                                   : g_strdup ("mainnet values of June 2026 (no epoch_params given)");
  const PocsimTimelineInput *dw_from = file->has_deploy_window ? file : node->has_deploy_window ? node : NULL;
  out->params.deploy_window = dw_from ? dw_from->params.deploy_window : mainnet.deploy_window;
  out->deploy_window_source = dw_from ? g_strdup (dw_from == file ? name : node_name)
                                      : g_strdup ("mainnet value (no delegation_params given)");
  const PocsimTimelineInput *anchor_from = file->has_anchor ? file : node->has_anchor ? node : NULL;
  if (poc_start != UNSET)
    {
      out->anchor = (PocsimAnchor) { at_epoch, poc_start };
      out->anchor_source = g_strdup ("--poc-start/--at-epoch");
    }
  else if (anchor_from != NULL)
    {
      out->anchor = anchor_from->anchor;
      out->anchor_source = g_strdup_printf ("%s (%s)", anchor_from == file ? name : node_name, anchor_from->anchor_field);
    }
  else
    {
      out->anchor = pocsim_anchor_mainnet ();
      out->anchor_source = g_strdup ("mainnet epoch 265 (no live PoC start given; pass --poc-start/--at-epoch or --node)");
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

/* "  (in 21 blocks, ~2026-05-20 10:02 UTC)", "  (passed 519 blocks ago)", or
 * "" without a known height; new string. */
static char *
estimate_text (const PocsimChainClock *clock, gint64 h)
{
  gboolean passed;
  g_autofree char *left = pocsim_blocks_left_text (clock, h, &passed);
  return left ? g_strdup_printf ("  (%s)", left) : g_strdup ("");
}

/* The same for a window's last block: "; closes in 21 blocks, ~..." or
 * "; CLOSED: passed 519 blocks ago". */
static char *
window_left_text (const PocsimChainClock *clock, gint64 last)
{
  gboolean passed;
  g_autofree char *left = pocsim_blocks_left_text (clock, last, &passed);
  if (left == NULL)
    return g_strdup ("");
  return g_strdup_printf (passed ? "; CLOSED: %s" : "; closes %s", left);
}

static void
write_clock (const Inputs *in, FILE *out)
{
  char h[POCSIM_UNITS_SIZE], when[POCSIM_UNITS_SIZE];
  const PocsimChainClock *c = in->clock;
  if (c == NULL || c->height < 0)
    return;
  fprintf (out, "  chain height now %s from %s", pocsim_thousands_format (c->height, h), in->clock_source);
  if (c->has_time)
    fprintf (out, ", block time %s", pocsim_utc_format (c->time_us, TRUE, when));
  if (c->has_rate)
    {
      gint64 ms = pocsim_chain_clock_block_us (c) / 1000;
      fprintf (out, "\n  mean block interval %" G_GINT64_FORMAT ".%03" G_GINT64_FORMAT " s over the last %" G_GINT64_FORMAT
               " blocks: the times below are estimates (UTC, to the minute)", ms / 1000, ms % 1000,
               c->height - c->first_height);
    }
  fputc ('\n', out);
}

static gboolean
write_legend (const Inputs *in, FILE *out)
{
  g_autoptr (PocsimLegend) l = pocsim_legend_new ("Legend");
  pocsim_legend_add (l, "Heights", "block heights of the epoch's PoC cycle, projected from the anchor (docs/timeline.md)");
  if (in->clock && in->clock->height >= 0)
    pocsim_legend_add (l, "(in N blocks)", in->clock->has_rate
                                               ? "blocks from the chain height now, and the estimated time of that block:\n"
                                                 "now + N x the mean block interval (an estimate: block times vary)"
                                               : "blocks from the chain height the input was read at (no block times: --node URL adds them)");
  pocsim_legend_add (l, "TX", "the transaction: intent, refusal or delegation");
  pocsim_legend_add (l, "READ BY", "the snapshot that reads it: the bootstrap snapshot (P - deploy_window) or the\n"
                                   "delegation snapshot (validation start V)");
  pocsim_legend_add (l, "FIRST, LAST", "it counts for the epoch if included in a block from FIRST to LAST; any = no lower bound");
  pocsim_legend_add (l, "RE-SEND", "yes: the chain wipes it at every formation, send it again each epoch");
  if (in->clock && in->clock->height >= 0)
    pocsim_legend_add (l, "CLOSED", "LAST is below the chain height now: too late for this epoch");
  return pocsim_legend_write (l, out);
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
  write_clock (in, out);
  if (t->epoch < in->anchor.epoch)
    fprintf (out, "  note: %s\n", BACKWARD_NOTE);
  fputc ('\n', out);

  g_autofree char *snap = t->has_bootstrap_snapshot ? g_strdup_printf ("%" G_GINT64_FORMAT, t->bootstrap_snapshot)
                                                     : g_strdup ("none (deploy_window out of range)");
  fprintf (out, "Heights\n");
  g_autofree char *snap_when = t->has_bootstrap_snapshot ? estimate_text (in->clock, t->bootstrap_snapshot) : g_strdup ("");
  fprintf (out, "  %-52s %s%s\n", "bootstrap snapshot (P - deploy_window)", snap, snap_when);
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
    {
      g_autofree char *when = estimate_text (in->clock, heights[k].h);
      fprintf (out, "  %-52s %" G_GINT64_FORMAT "%s\n", heights[k].label, heights[k].h, when);
    }

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
      g_autofree char *when = rows[k].present ? window_left_text (in->clock, rows[k].w.last) : g_strdup ("");
      fprintf (out, "  %-11s %-20s %10s %10s %-7s %s%s\n", rows[k].tx, rows[k].read_by, first, last,
               rows[k].resend ? "yes" : "no", rows[k].present ? rows[k].note : "not captured this epoch", when);
    }
  return write_legend (in, out);
}

/* {"blocks_left": N, "time_estimate": "..."} for height H, or null
 * without a known height. */
static json_t *
estimate_json (const PocsimChainClock *clock, gint64 h)
{
  char utc[POCSIM_UNITS_SIZE];
  gint64 when;
  if (clock == NULL || clock->height < 0)
    return json_null ();
  json_t *o = json_pack ("{s:I}", "blocks_left", (json_int_t) (h - clock->height));
  json_object_set_new (o, "time_estimate", pocsim_chain_clock_estimate (clock, h, &when)
                                               ? json_string (pocsim_utc_format (when, FALSE, utc)) : json_null ());
  return o;
}

static json_t *
clock_json (const Inputs *in)
{
  char utc[POCSIM_UNITS_SIZE];
  const PocsimChainClock *c = in->clock;
  if (c == NULL || c->height < 0)
    return json_null ();
  json_t *o = json_pack ("{s:I, s:s}", "height", (json_int_t) c->height, "source", in->clock_source);
  json_object_set_new (o, "time", c->has_time ? json_string (pocsim_utc_format (c->time_us, FALSE, utc)) : json_null ());
  json_object_set_new (o, "mean_block_ms", c->has_rate ? json_integer (pocsim_chain_clock_block_us (c) / 1000) : json_null ());
  json_object_set_new (o, "sample_blocks", json_integer (c->has_rate ? c->height - c->first_height : 0));
  return o;
}

static json_t *
window_json (const WindowRow *row, const PocsimChainClock *clock)
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
  json_object_set_new (o, "last_block_estimate", row->present ? estimate_json (clock, row->w.last) : json_null ());
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
    json_array_append_new (windows, window_json (&rows[k], in->clock));
  json_object_set_new (root, "windows", windows);
  json_object_set_new (root, "clock", clock_json (in));
  if (in->clock != NULL && in->clock->height >= 0)
    {
      json_t *est = json_object ();
      const char *key;
      json_t *v;
      json_object_foreach (h, key, v)
        json_object_set_new (est, key, json_is_integer (v) ? estimate_json (in->clock, json_integer_value (v)) : json_null ());
      json_object_set_new (root, "height_estimates", est);
    }
  return json_dumpf (root, out, JSON_INDENT (2) | JSON_PRESERVE_ORDER) == 0 && fputc ('\n', out) != EOF;
}

/* The epoch whose formation is still ahead at HEIGHT: the anchor's, or the
 * next one once the anchor's is formed. */
static gint64
epoch_ahead (const Inputs *in, gint64 height)
{
  PocsimTimeline t;
  if (pocsim_timeline_compute (&in->params, in->anchor, in->anchor.epoch, &t, NULL) && height >= t.formation)
    return in->anchor.epoch + 1;
  return in->anchor.epoch;
}

int
pocsim_cmd_timeline (int argc, char **argv)
{
  gint64 epoch = UNSET, poc_start = UNSET, at_epoch = UNSET;
  g_autofree char *format_name = NULL, *output = NULL, *node = NULL;
  /* Keep in step with docs/pocsim-timeline.1 and docs/timeline.md. */
  GOptionEntry entries[] = {
    { "epoch", 'e', 0, G_OPTION_ARG_INT64, &epoch, "The epoch E (default: a case's upcoming_epoch)", "E" },
    { "poc-start", 0, 0, G_OPTION_ARG_INT64, &poc_start, "Live anchor: the PoC start height of epoch N", "H" },
    { "at-epoch", 0, 0, G_OPTION_ARG_INT64, &at_epoch, "Live anchor: the epoch N whose PoC starts at H", "N" },
    { "node", 'n', 0, G_OPTION_ARG_STRING, &node,
      "Read the node's height, recent block times and epoch_info (through pocsim-capture): blocks left and "
      "estimated UTC times, and a live anchor", "URL" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "table (default) or json", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to FILE instead of stdout (a file is replaced whole; a FIFO or device is written into)", "FILE" },
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
      "says which were used.  With --node URL, the node's epoch_info gives the anchor\n"
      "and params the file does not, and its latest blocks the height now: each\n"
      "height and window then says how many blocks are left and when, estimated\n"
      "from the mean block interval, it comes (UTC); without --epoch, the epoch whose\n"
      "formation is still ahead.  A file read at a known height (a snapshot\n"
      "directory's manifest, a case's height) gives the blocks left from that height.\n\n"
      "Example: pocsim timeline --epoch 359\n"
      "         pocsim timeline --node http://node1.gonka.ai:8000\n\n"
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
  if (poc_start != UNSET
      && (!pocsim_cli_check_range ("--poc-start", poc_start, 1, G_MAXINT64)
          || !pocsim_cli_check_range ("--at-epoch", at_epoch, 0, G_MAXINT64)))
    return POCSIM_EXIT_BAD_INPUT;

  g_autoptr (GError) error = NULL;
  PocsimTimelineInput file = { 0 };
  const char *name = "";
  if (argc == 2)
    {
      name = strcmp (argv[1], "-") == 0 ? "<stdin>" : argv[1];
      if (!pocsim_timeline_input_load (argv[1], &file, &error))
        return pocsim_cli_fail (error);
    }
  PocsimNodeClock node_clock = { 0 };
  PocsimTimelineInput from_node = { 0 };
  g_autofree char *node_name = node ? g_strdup_printf ("node %s", node) : NULL;
  g_autofree char *node_info_name = node ? g_strdup_printf ("node %s (epoch_info)", node) : NULL;
  if (node != NULL
      && (!pocsim_cli_node_clock (node, &node_clock, &error)
          || (node_clock.epoch_info != NULL
              && !pocsim_timeline_input_read (node_clock.epoch_info, strlen (node_clock.epoch_info), node_info_name,
                                              &from_node, &error))))
    {
      pocsim_node_clock_clear (&node_clock);
      return pocsim_cli_fail (error);
    }
  Inputs in = { 0 };
  resolve (&in, &file, name, &from_node, node_info_name, poc_start, at_epoch);
  PocsimChainClock file_clock = { file.height, 0, FALSE, file.height, 0, FALSE };
  if (node != NULL)
    {
      in.clock = &node_clock.clock;
      in.clock_source = g_strdup (node_name);
    }
  else if (file.has_height)
    {
      in.clock = &file_clock;
      in.clock_source = g_strdup_printf ("%s (the height it was read at)", name);
    }
  if (epoch == UNSET && file.has_upcoming_epoch)
    epoch = file.upcoming_epoch;
  if (epoch == UNSET && node != NULL)
    epoch = epoch_ahead (&in, node_clock.clock.height);
  if (epoch == UNSET)
    {
      fprintf (stderr, "pocsim: timeline needs --epoch E (an epoch index >= 0)\n");
      inputs_clear (&in);
      pocsim_node_clock_clear (&node_clock);
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (!pocsim_cli_check_range ("--epoch", epoch, 0, G_MAXINT64))
    {
      inputs_clear (&in);
      pocsim_node_clock_clear (&node_clock);
      return POCSIM_EXIT_BAD_INPUT;
    }
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
  pocsim_node_clock_clear (&node_clock);
  return status;
}
