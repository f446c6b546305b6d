/* chain_clock.c - block heights to clock time, estimated (chain_clock.h). */
#include "core/chain_clock.h"

gint64
pocsim_chain_clock_block_us (const PocsimChainClock *clock)
{
  if (!clock->has_rate || clock->height <= clock->first_height)
    return 0;
  return (clock->time_us - clock->first_time_us) / (clock->height - clock->first_height);
}

gboolean
pocsim_chain_clock_estimate (const PocsimChainClock *clock, gint64 height, gint64 *time_us)
{
  if (!clock->has_rate || !clock->has_time || clock->height <= clock->first_height)
    return FALSE;
  /* The exact ratio, not the truncated mean: (H - latest) * span / blocks. */
  __int128 span = (__int128) clock->time_us - clock->first_time_us;
  __int128 offset = ((__int128) height - clock->height) * span / (clock->height - clock->first_height);
  __int128 t = (__int128) clock->time_us + offset;
  if (t > G_MAXINT64 || t < G_MININT64)
    return FALSE;
  *time_us = (gint64) t;
  return TRUE;
}
