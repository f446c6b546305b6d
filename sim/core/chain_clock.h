/* chain_clock.h - block heights to clock time, estimated.
 *
 * A node tells its latest height and the times of its recent blocks; from
 * them the time of a later (or earlier) block is estimated by the mean
 * block interval of the sample:
 *
 *   time(H) ~ time(latest) + (H - latest) * (time(latest) - time(first)) / (latest - first)
 *
 * An estimate: block times vary, and the chain may halt or slow down.
 * Times are microseconds since the Unix epoch (UTC), integers; every sum
 * and product is checked for int64 overflow.  Nothing here allocates. */
#pragma once

#include <glib.h>

typedef struct {
  gint64 height;       /* the latest height known; -1 = unknown */
  gint64 time_us;      /* its block time; meaningful when has_time */
  gboolean has_time;
  gint64 first_height; /* the oldest block of the sample */
  gint64 first_time_us;
  gboolean has_rate;   /* a sample of two blocks or more: estimates possible */
} PocsimChainClock;

/* The mean block interval of the sample in microseconds (integer, truncated);
 * 0 without a rate. */
gint64 pocsim_chain_clock_block_us (const PocsimChainClock *clock);

/* The estimated time of block H into *time_us.  FALSE without a rate or on
 * overflow. */
gboolean pocsim_chain_clock_estimate (const PocsimChainClock *clock, gint64 height, gint64 *time_us);
