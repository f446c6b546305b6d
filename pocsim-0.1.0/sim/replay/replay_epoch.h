/* replay_epoch.h - what one replayed epoch leaves: its case, its formation,
 * its event log and the expectations it failed.  The replay engine
 * (replay.h) makes these; the expectation checks (expect.h) read them. */
#pragma once

#include "core/result.h"
#include "io/json_autoptr.h"

/* One epoch of the replay: its case, its formation and what happened. */
typedef struct {
  gint64 epoch;
  json_t *case_doc;      /* the pocsim-case/1 document formed */
  PocsimCase *c;
  PocsimEpochResult *r;
  json_t *result_doc;    /* pocsim-result/1 of r, built on first use: see below */
  json_t *log;           /* array of {"stage", "where", "event", "status", "reason"?} */
  guint rejected_txs;
  json_t *poc_rejected;  /* array of {"participant", "model_id", "reason"} */
  GPtrArray *failures;   /* char*: failed expectations, "WHERE: message" */
  guint checked;         /* expectations checked */
} PocsimReplayEpoch;

void pocsim_replay_epoch_free (PocsimReplayEpoch *e);

/* The epoch's pocsim-result/1 document (owned by the epoch), built the
 * first time it is asked for: a long replay that reports in CSV or not at
 * all never pays for it. */
const json_t *pocsim_replay_epoch_result (PocsimReplayEpoch *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimReplayEpoch, pocsim_replay_epoch_free)
