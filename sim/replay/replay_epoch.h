/* replay_epoch.h - what one replayed epoch leaves: its case, its formation,
 * its event log and the expectations it failed.  The replay engine
 * (replay.h) makes these; the expectation checks (expect.h) read them; the
 * run report writer (io/run_report.h) writes them.
 *
 * Ownership: the epoch owns everything it points to. */
#pragma once

#include "core/result.h"
#include "core/scenario.h"

/* One epoch of the replay: its case, its formation and what happened. */
typedef struct {
  gint64 epoch;
  PocsimCase *c;         /* the case formed: `pocsim epoch` on it gives r */
  PocsimEpochResult *r;
  GArray *log;           /* PocsimEventLog, in the order applied */
  guint rejected_txs;
  GArray *poc_rejected;  /* PocsimPocRejection, by model then address */
  GPtrArray *failures;   /* char*: failed expectations, "WHERE: message" */
  guint checked;         /* expectations checked */
} PocsimReplayEpoch;

PocsimReplayEpoch *pocsim_replay_epoch_new (gint64 epoch);
void pocsim_replay_epoch_free (PocsimReplayEpoch *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimReplayEpoch, pocsim_replay_epoch_free)
