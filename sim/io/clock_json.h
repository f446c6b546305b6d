/* clock_json.h - reads the pocsim-clock/1 document `pocsim-capture --clock`
 * prints (io/capture.h): a node's latest block, an earlier one, and its
 * epoch_info.  An edge reader: times in RFC 3339 (nanoseconds allowed,
 * read to the microsecond) become microseconds since the Unix epoch.
 *
 * Ownership: pocsim_node_clock_clear() frees what the reader stored. */
#pragma once

#include "core/chain_clock.h"

typedef struct {
  PocsimChainClock clock;
  char *node;          /* the URL asked */
  char *epoch_info;    /* the node's epoch_info answer as JSON text, or NULL */
} PocsimNodeClock;

/* Parses LEN bytes of TEXT; NAME is used in messages.  FALSE with an error
 * naming what is missing or malformed. */
gboolean pocsim_clock_json_read (const char *text, gsize len, const char *name, PocsimNodeClock *out,
                                 GError **error);
void pocsim_node_clock_clear (PocsimNodeClock *c);
