/* units.h - amounts and ratios as every report prints them.
 *
 * One place for the few number formats the reports share, so that a table,
 * a CSV and a JSON document say the same thing the same way:
 *   - rewards: ngonka integers in JSON and CSV; GNK with exactly 9 decimals
 *     in tables (1 GNK = 10^9 ngonka, so the GNK text is exact);
 *   - a share of a whole (a host's reward of the epoch reward): a decimal
 *     with 18 fractional digits in JSON and CSV (the chain's LegacyDec
 *     layout), a percentage in tables;
 *   - a group cap: the chain logs -1 for "no cap"; JSON and CSV keep -1 and
 *     tables print "none", and every legend says so in the same words.
 * Integer arithmetic only (truncation toward zero), locale-independent.
 * Every function writes into the caller's buffer and returns it. */
#pragma once

#include <glib.h>

#include "core/chain_clock.h"
#include "core/decimal.h"

#define POCSIM_NGONKA_PER_GNK G_GINT64_CONSTANT (1000000000)
/* Enough for any gint64 in any of the formats below. */
#define POCSIM_UNITS_SIZE 64

/* ngonka as GNK with 9 decimals: 284799886853017 -> "284799.886853017". */
char *pocsim_gnk_format (gint64 ngonka, char buf[POCSIM_UNITS_SIZE]);

/* PART / WHOLE with 18 fractional digits, truncated ("0.032456000000000000");
 * "0.000000000000000000" when WHOLE <= 0.  0 <= PART is expected. */
char *pocsim_share_format (gint64 part, gint64 whole, char buf[POCSIM_UNITS_SIZE]);

/* PART / WHOLE as a percentage with DECIMALS (0..6) digits, truncated
 * toward zero, signed ("3.2456%", "-12.50%"); "" when WHOLE is 0. */
char *pocsim_percent_format (gint64 part, gint64 whole, guint decimals, char buf[POCSIM_UNITS_SIZE]);

/* A long address shortened for a chart's label: its first 12 and last 4
 * characters around "...", or the address when 20 characters or fewer. */
char *pocsim_short_address (const char *addr, char buf[POCSIM_UNITS_SIZE]);

/* 4105361 -> "4,105,361"; -1234 -> "-1,234". */
char *pocsim_thousands_format (gint64 v, char buf[POCSIM_UNITS_SIZE]);

/* A group cap for a table: "none" for -1 (no cap), else the integer. */
char *pocsim_cap_format (gint64 cap, char buf[POCSIM_UNITS_SIZE]);

/* A time in microseconds since the Unix epoch, in UTC, to the second:
 * "2026-06-12T10:05:33Z" (ISO 8601, for JSON and CSV) or, with READABLE,
 * "2026-06-12 10:05 UTC" (tables; an estimate is not worth the seconds).
 * "" when the time is outside what GDateTime represents. */
char *pocsim_utc_format (gint64 time_us, gboolean readable, char buf[POCSIM_UNITS_SIZE]);

/* How far block H is from the clock's height, for a report: "in 1,234
 * blocks, ~2026-05-20 10:01 UTC" (the time only when the clock has block
 * times), or "passed 519 blocks ago".  Returns NULL without a clock or a
 * known height; else a new string, with *passed set. */
char *pocsim_blocks_left_text (const PocsimChainClock *clock, gint64 h, gboolean *passed);

/* The words every legend uses for an uncapped group. */
#define POCSIM_CAP_NONE_MEANING \
  "none = not capped (-1 in JSON and CSV): the initial model, the only eligible group, or a group not eligible"
