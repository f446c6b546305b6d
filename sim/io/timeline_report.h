/* timeline_report.h - the report of `pocsim timeline`: an epoch's block
 * heights and send windows, as a table or as pocsim-timeline/1 JSON
 * (docs/timeline.md).
 *
 * Ownership: the report borrows everything it points to. */
#pragma once

#include <stdio.h>

#include "core/chain_clock.h"
#include "core/timeline.h"

/* What the heights were computed from, and where each input came from
 * (a file name, an option, or the mainnet value used instead). */
typedef struct {
  PocsimEpochParams params;
  PocsimAnchor anchor;
  const char *params_source;
  const char *deploy_window_source;
  const char *anchor_source;
  /* The chain's height now (a node's, or the height the input was read
   * at), with block times when a node gave them; NULL when unknown. */
  const PocsimChainClock *clock;
  const char *clock_source;
} PocsimTimelineSources;

/* Both return FALSE on a write error. */
gboolean pocsim_timeline_write_table (const PocsimTimelineSources *in, const PocsimTimeline *t, FILE *out);
gboolean pocsim_timeline_write_json (const PocsimTimelineSources *in, const PocsimTimeline *t, FILE *out);
