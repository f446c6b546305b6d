/* timeline.h - the block heights of one epoch's PoC cycle (rules.md §2).
 *
 * Heights are projected from an anchor, an epoch whose PoC start is known
 * from live data, exactly as the host guides compute them:
 *   poc_start(E) = anchor.poc_start + (E - anchor.epoch) * epoch_length.
 * The chain's epoch_shift parameter is never used: it went stale when the
 * epoch length changed.  Stage offsets come from the epoch params
 * (types/epoch_params.go):
 *   validation start V = P + poc_stage_duration + poc_validation_delay
 *   formation F        = V + poc_validation_duration   (validation end)
 *   set validators S   = F + set_new_validators_delay
 *   bootstrap snapshot = P - deploy_window, captured only when
 *                        0 < deploy_window < epoch_length - (S - P)
 *
 * "Epoch E" is the epoch whose PoC starts at poc_start(E): the formation at
 * F_E produces it (rules.md calls it U while E-1 is in effect).
 *
 * Pure integer arithmetic; every sum and product is checked for int64
 * overflow.  Nothing here allocates. */
#pragma once

#include <glib.h>

/* The epoch params the timeline reads (params.epoch_params, plus
 * delegation_params.deploy_window). */
typedef struct {
  gint64 epoch_length;
  gint64 poc_stage_duration;
  gint64 poc_validation_delay;
  gint64 poc_validation_duration;
  gint64 set_new_validators_delay;
  gint64 deploy_window;
} PocsimEpochParams;

typedef struct {
  gint64 epoch;
  gint64 poc_start;
} PocsimAnchor;

/* Mainnet values (chain-facts: the June 2026 params capture, the PoC start
 * of epoch 265 from a real capture), for when no live data is given. */
#define POCSIM_MAINNET_ANCHOR_EPOCH 265
#define POCSIM_MAINNET_ANCHOR_POC_START 4089970
PocsimEpochParams pocsim_epoch_params_mainnet (void);
PocsimAnchor pocsim_anchor_mainnet (void);

/* A closed block range [first, last]: a transaction included in any of
 * these blocks counts.  first == 0 means "any earlier block" (no lower
 * bound: the record persists). */
typedef struct {
  gint64 first;
  gint64 last;
} PocsimWindow;

typedef struct {
  gint64 epoch;
  gint64 poc_start;            /* P */
  gboolean has_bootstrap_snapshot;
  gint64 bootstrap_snapshot;   /* P - deploy_window; 0 when not captured */
  gint64 generation_end;       /* P + poc_stage_duration */
  gint64 validation_start;     /* V: regular delegation snapshot, validation snapshot */
  gint64 formation;            /* F = validation end: weights written, refusals and intents wiped */
  gint64 set_new_validators;   /* S */
  gint64 next_poc_start;       /* P + epoch_length */
  gint64 previous_formation;   /* F of epoch E-1: the wipe before E's windows open */
  /* Where a record must be stored to be read for E (rules.md §2). */
  PocsimWindow intent;            /* (F_{E-1}, P - dw]; wiped at F_E: re-send every epoch */
  PocsimWindow refusal;           /* (F_{E-1}, V];      wiped at F_E: re-send every epoch */
  PocsimWindow delegation_bootstrap; /* up to P - dw; persists */
  PocsimWindow delegation_regular;   /* up to V;      persists */
} PocsimTimeline;

/* Checks the params (epoch_length > 0, the other durations >= 0).  FALSE
 * with a POCSIM_ERROR_INPUT error naming the first bad field. */
gboolean pocsim_epoch_params_check (const PocsimEpochParams *p, GError **error);

/* Fills *out for epoch `epoch`.  FALSE with POCSIM_ERROR_INPUT (bad params)
 * or POCSIM_ERROR_OVERFLOW (a height leaves int64), or POCSIM_ERROR_INPUT
 * when a height of the cycle would be below block 1. */
gboolean pocsim_timeline_compute (const PocsimEpochParams *p, PocsimAnchor anchor, gint64 epoch,
                                  PocsimTimeline *out, GError **error);
