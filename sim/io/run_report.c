/* run_report.c - the pocsim-run/1 document. */
#include "io/run_report.h"

#include "io/case_write.h"
#include "io/json_autoptr.h"
#include "io/result_json.h"

struct PocsimRunReport {
  json_t *epochs;
};

PocsimRunReport *
pocsim_run_report_new (void)
{
  PocsimRunReport *rep = g_new0 (PocsimRunReport, 1);
  rep->epochs = json_array ();
  return rep;
}

void
pocsim_run_report_free (PocsimRunReport *rep)
{
  if (rep == NULL)
    return;
  json_decref (rep->epochs);
  g_free (rep);
}

static json_t *
events_json (const GArray *log)
{
  json_t *events = json_array ();
  for (guint k = 0; k < log->len; k++)
    {
      const PocsimEventLog *row = &g_array_index (log, PocsimEventLog, k);
      json_t *o = json_pack ("{s:s, s:s, s:s, s:s}", "stage", pocsim_stage_name (row->stage), "where", row->where,
                             "event", row->event, "status", row->reason ? "rejected" : "applied");
      if (row->reason)
        json_object_set_new (o, "reason", json_string (row->reason));
      json_array_append_new (events, o);
    }
  return events;
}

static json_t *
rejected_json (const GArray *poc_rejected, const PocsimCase *c)
{
  json_t *rejected = json_array ();
  for (guint k = 0; k < poc_rejected->len; k++)
    {
      const PocsimPocRejection *row = &g_array_index (poc_rejected, PocsimPocRejection, k);
      json_array_append_new (rejected, json_pack ("{s:s, s:s, s:s}", "participant", c->addrs[row->addr], "model_id",
                                                  c->models[row->model].id, "reason", row->reason));
    }
  return rejected;
}

void
pocsim_run_report_add_epoch (PocsimRunReport *rep, gint64 epoch, const GArray *log, const GArray *poc_rejected,
                             const PocsimCase *c, const PocsimEpochResult *r, guint checked,
                             const GPtrArray *failures)
{
  json_t *failed = json_array ();
  for (guint k = 0; k < failures->len; k++)
    json_array_append_new (failed, json_string (failures->pdata[k]));
  json_array_append_new (rep->epochs, json_pack ("{s:I, s:o, s:o, s:o, s:{s:i, s:o}}", "epoch", (json_int_t) epoch,
                                                 "events", events_json (log), "poc_rejected",
                                                 rejected_json (poc_rejected, c), "result", pocsim_result_to_json (r),
                                                 "expectations", "checked", (int) checked, "failed", failed));
}

gboolean
pocsim_run_report_write (const PocsimRunReport *rep, const char *rules, const char *scenario, gboolean ok, FILE *out)
{
  g_autoptr (json_t) doc = json_pack ("{s:s, s:s, s:s, s:b, s:O}", "format", "pocsim-run/1", "rules", rules,
                                      "scenario", scenario, "ok", ok, "epochs", rep->epochs);
  return json_dumpf (doc, out, JSON_INDENT (2)) == 0 && fputc ('\n', out) != EOF;
}

gboolean
pocsim_case_write_json (const PocsimCase *c, FILE *out)
{
  g_autoptr (json_t) doc = pocsim_case_to_json (c);
  return json_dumpf (doc, out, JSON_INDENT (2)) == 0 && fputc ('\n', out) != EOF;
}
