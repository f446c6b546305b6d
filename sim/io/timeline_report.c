/* timeline_report.c - the timeline report as a table and as JSON
 * (timeline_report.h). */
#include "io/timeline_report.h"

#include <string.h>

#include "io/json_writer.h"
#include "io/legend.h"
#include "io/units.h"

#define BACKWARD_NOTE "epoch E is before the anchor: right only if epoch_length never changed in between"

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
write_clock (const PocsimTimelineSources *in, FILE *out)
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
write_legend (const PocsimTimelineSources *in, FILE *out)
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

gboolean
pocsim_timeline_write_table (const PocsimTimelineSources *in, const PocsimTimeline *t, FILE *out)
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
static void
write_json_estimate (PocsimJsonWriter *w, const PocsimChainClock *clock, gint64 h)
{
  char utc[POCSIM_UNITS_SIZE];
  gint64 when;
  if (clock == NULL || clock->height < 0)
    {
      pocsim_json_put_null (w);
      return;
    }
  pocsim_json_object_open (w);
  pocsim_json_member_int (w, "blocks_left", h - clock->height);
  pocsim_json_member_string (w, "time_estimate",
                             pocsim_chain_clock_estimate (clock, h, &when) ? pocsim_utc_format (when, FALSE, utc) : NULL);
  pocsim_json_object_close (w);
}

static void
write_json_clock (PocsimJsonWriter *w, const PocsimTimelineSources *in)
{
  char utc[POCSIM_UNITS_SIZE];
  const PocsimChainClock *c = in->clock;
  pocsim_json_key (w, "clock");
  if (c == NULL || c->height < 0)
    {
      pocsim_json_put_null (w);
      return;
    }
  pocsim_json_object_open (w);
  pocsim_json_member_int (w, "height", c->height);
  pocsim_json_member_string (w, "source", in->clock_source);
  pocsim_json_member_string (w, "time", c->has_time ? pocsim_utc_format (c->time_us, FALSE, utc) : NULL);
  pocsim_json_member_int_or_null (w, "mean_block_ms", c->has_rate, pocsim_chain_clock_block_us (c) / 1000);
  pocsim_json_member_int (w, "sample_blocks", c->has_rate ? c->height - c->first_height : 0);
  pocsim_json_object_close (w);
}

static void
write_json_window (PocsimJsonWriter *w, const WindowRow *row, const PocsimChainClock *clock)
{
  pocsim_json_object_open (w);
  pocsim_json_member_string (w, "tx", row->tx);
  pocsim_json_member_string (w, "read_by", row->read_by);
  pocsim_json_member_bool (w, "captured", row->present);
  pocsim_json_member_int_or_null (w, "first_block", row->present && row->w.first > 0, row->w.first);
  pocsim_json_member_int_or_null (w, "last_block", row->present, row->w.last);
  pocsim_json_member_bool (w, "resend_every_epoch", row->resend);
  pocsim_json_member_string (w, "note", row->note);
  pocsim_json_key (w, "last_block_estimate");
  if (row->present)
    write_json_estimate (w, clock, row->w.last);
  else
    pocsim_json_put_null (w);
  pocsim_json_object_close (w);
}

static void
write_json_inputs (PocsimJsonWriter *w, const PocsimTimelineSources *in)
{
  const PocsimEpochParams *p = &in->params;
  pocsim_json_member_object (w, "anchor");
  pocsim_json_member_int (w, "epoch", in->anchor.epoch);
  pocsim_json_member_int (w, "poc_start", in->anchor.poc_start);
  pocsim_json_member_string (w, "source", in->anchor_source);
  pocsim_json_object_close (w);
  pocsim_json_member_object (w, "epoch_params");
  pocsim_json_member_int (w, "epoch_length", p->epoch_length);
  pocsim_json_member_int (w, "poc_stage_duration", p->poc_stage_duration);
  pocsim_json_member_int (w, "poc_validation_delay", p->poc_validation_delay);
  pocsim_json_member_int (w, "poc_validation_duration", p->poc_validation_duration);
  pocsim_json_member_int (w, "set_new_validators_delay", p->set_new_validators_delay);
  pocsim_json_member_string (w, "source", in->params_source);
  pocsim_json_object_close (w);
  pocsim_json_member_object (w, "deploy_window");
  pocsim_json_member_int (w, "value", p->deploy_window);
  pocsim_json_member_string (w, "source", in->deploy_window_source);
  pocsim_json_object_close (w);
}

/* The epoch's heights, by name; the bootstrap snapshot may be missing. */
typedef struct {
  const char *name;
  gboolean present;
  gint64 height;
} NamedHeight;

static guint
named_heights (const PocsimTimeline *t, NamedHeight out[8])
{
  const NamedHeight all[] = {
    { "bootstrap_snapshot", t->has_bootstrap_snapshot, t->bootstrap_snapshot },
    { "poc_start", TRUE, t->poc_start },
    { "generation_end", TRUE, t->generation_end },
    { "validation_start", TRUE, t->validation_start },
    { "formation", TRUE, t->formation },
    { "set_new_validators", TRUE, t->set_new_validators },
    { "next_poc_start", TRUE, t->next_poc_start },
    { "previous_formation", TRUE, t->previous_formation },
  };
  memcpy (out, all, sizeof all);
  return G_N_ELEMENTS (all);
}

static void
write_json_heights (PocsimJsonWriter *w, const PocsimTimeline *t)
{
  NamedHeight heights[8];
  guint n = named_heights (t, heights);
  pocsim_json_member_object (w, "heights");
  for (guint k = 0; k < n; k++)
    pocsim_json_member_int_or_null (w, heights[k].name, heights[k].present, heights[k].height);
  pocsim_json_object_close (w);
}

/* Blocks left and the estimated time of each height, with a clock. */
static void
write_json_height_estimates (PocsimJsonWriter *w, const PocsimTimelineSources *in, const PocsimTimeline *t)
{
  NamedHeight heights[8];
  guint n = named_heights (t, heights);
  if (in->clock == NULL || in->clock->height < 0)
    return;
  pocsim_json_member_object (w, "height_estimates");
  for (guint k = 0; k < n; k++)
    {
      pocsim_json_key (w, heights[k].name);
      if (heights[k].present)
        write_json_estimate (w, in->clock, heights[k].height);
      else
        pocsim_json_put_null (w);
    }
  pocsim_json_object_close (w);
}

gboolean
pocsim_timeline_write_json (const PocsimTimelineSources *in, const PocsimTimeline *t, FILE *out)
{
  g_autoptr (PocsimJsonWriter) w = pocsim_json_writer_new (out);
  pocsim_json_object_open (w);
  pocsim_json_member_string (w, "format", "pocsim-timeline/1");
  pocsim_json_member_string (w, "pocsim", POCSIM_VERSION);
  pocsim_json_member_int (w, "epoch", t->epoch);
  write_json_inputs (w, in);
  pocsim_json_member_string (w, "note", t->epoch < in->anchor.epoch ? BACKWARD_NOTE : NULL);
  write_json_heights (w, t);
  pocsim_json_member_array (w, "windows");
  WindowRow rows[4];
  guint n = window_rows (t, rows);
  for (guint k = 0; k < n; k++)
    write_json_window (w, &rows[k], in->clock);
  pocsim_json_array_close (w);
  write_json_clock (w, in);
  write_json_height_estimates (w, in, t);
  pocsim_json_object_close (w);
  return pocsim_json_writer_finish (w);
}
