/* cmd_timeline.c - `pocsim timeline --epoch E [CASE_OR_PARAMS]`: the block
 * heights of epoch E's PoC cycle and the windows in which an intent, a
 * refusal and a delegation must be sent to count for E. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/error.h"
#include "io/output.h"
#include "io/timeline_json.h"
#include "io/timeline_report.h"

#define UNSET G_MININT64

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
  PocsimTimelineSources sources = { in.params, in.anchor, in.params_source, in.deploy_window_source,
                                    in.anchor_source, in.clock, in.clock_source };
  PocsimTimeline t;
  int status = POCSIM_EXIT_OK;
  PocsimOutput *out = NULL;
  if (!pocsim_timeline_compute (&in.params, in.anchor, epoch, &t, &error))
    status = pocsim_cli_fail (error);
  else if ((out = pocsim_output_open (output, &error)) == NULL)
    status = pocsim_cli_fail (error);
  else if (!(json ? pocsim_timeline_write_json (&sources, &t, pocsim_output_stream (out))
                  : pocsim_timeline_write_table (&sources, &t, pocsim_output_stream (out))))
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
