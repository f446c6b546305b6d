/* replay_epoch.c - see replay_epoch.h. */
#include "replay/replay_epoch.h"

PocsimReplayEpoch *
pocsim_replay_epoch_new (gint64 epoch)
{
  PocsimReplayEpoch *e = g_new0 (PocsimReplayEpoch, 1);
  e->epoch = epoch;
  e->log = g_array_new (FALSE, TRUE, sizeof (PocsimEventLog));
  g_array_set_clear_func (e->log, (GDestroyNotify) pocsim_event_log_clear);
  e->poc_rejected = g_array_new (FALSE, TRUE, sizeof (PocsimPocRejection));
  e->failures = g_ptr_array_new_with_free_func (g_free);
  return e;
}

void
pocsim_replay_epoch_free (PocsimReplayEpoch *e)
{
  if (e == NULL)
    return;
  pocsim_epoch_result_free (e->r);
  pocsim_case_free (e->c);
  if (e->log)
    g_array_unref (e->log);
  if (e->poc_rejected)
    g_array_unref (e->poc_rejected);
  if (e->failures)
    g_ptr_array_unref (e->failures);
  g_free (e);
}
