/* timeline_report.c - the timeline report as a table and as JSON. */
#include "io/timeline_report.h"

#include "io/json_writer.h"

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

static void
write_json_window (PocsimJsonWriter *w, const WindowRow *row)
{
  pocsim_json_object_open (w);
  pocsim_json_member_string (w, "tx", row->tx);
  pocsim_json_member_string (w, "read_by", row->read_by);
  pocsim_json_member_bool (w, "captured", row->present);
  pocsim_json_member_int_or_null (w, "first_block", row->present && row->w.first > 0, row->w.first);
  pocsim_json_member_int_or_null (w, "last_block", row->present, row->w.last);
  pocsim_json_member_bool (w, "resend_every_epoch", row->resend);
  pocsim_json_member_string (w, "note", row->note);
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

static void
write_json_heights (PocsimJsonWriter *w, const PocsimTimeline *t)
{
  pocsim_json_member_object (w, "heights");
  pocsim_json_member_int_or_null (w, "bootstrap_snapshot", t->has_bootstrap_snapshot, t->bootstrap_snapshot);
  pocsim_json_member_int (w, "poc_start", t->poc_start);
  pocsim_json_member_int (w, "generation_end", t->generation_end);
  pocsim_json_member_int (w, "validation_start", t->validation_start);
  pocsim_json_member_int (w, "formation", t->formation);
  pocsim_json_member_int (w, "set_new_validators", t->set_new_validators);
  pocsim_json_member_int (w, "next_poc_start", t->next_poc_start);
  pocsim_json_member_int (w, "previous_formation", t->previous_formation);
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
    write_json_window (w, &rows[k]);
  pocsim_json_array_close (w);
  pocsim_json_object_close (w);
  return pocsim_json_writer_finish (w);
}
