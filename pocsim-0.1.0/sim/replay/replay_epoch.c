/* replay_epoch.c - see replay_epoch.h. */
#include "replay/replay_epoch.h"

#include "io/result_json.h"

void
pocsim_replay_epoch_free (PocsimReplayEpoch *e)
{
  if (e == NULL)
    return;
  if (e->case_doc)
    json_decref (e->case_doc);
  pocsim_epoch_result_free (e->r);
  pocsim_case_free (e->c);
  if (e->result_doc)
    json_decref (e->result_doc);
  if (e->log)
    json_decref (e->log);
  if (e->poc_rejected)
    json_decref (e->poc_rejected);
  if (e->failures)
    g_ptr_array_unref (e->failures);
  g_free (e);
}

const json_t *
pocsim_replay_epoch_result (PocsimReplayEpoch *e)
{
  if (e->result_doc == NULL)
    e->result_doc = pocsim_result_to_json (e->r);
  return e->result_doc;
}
