/* reward.h - the epoch reward each host's weight earns (settlement view).
 *
 * The fixed epoch reward is R = IntPart(initial · exp(decay · (U − genesis))).
 * The chain evaluates exp in float64; pocsim evaluates it exactly (40-digit
 * fixed point) and truncates, which can differ from the chain by 1 ngonka
 * when the exact product lies within ~1e-16 of an integer.
 *
 * Rewardable weight rw starts from the stored final weight, power-capped
 * again as the settlement does.
 *   v0.2.13: penalties already cut the stored weight; reward = rw·R / Σ rw.
 *   v0.2.14+ (reward-only penalties): the denominator is the unpenalised
 *     Σ final; rw loses trunc(PF · rw) (PF fixed at formation), then each
 *     delegation transfer (sorted by from, to, model) moves
 *     min(trunc(share · rw_after_penalty[from]), rw[from]) to the delegate,
 *     which keeps it only if its own rw > 0 (otherwise it is burned).
 * reward[p] = floor(rw[p] · R / D) for rw > 0 and D > 0; undistributed
 * amounts go to governance, never to other hosts. */
#pragma once

#include "core/result.h"

gboolean pocsim_reward_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error);

/* IntPart(initial · exp(decay · epochs)); 0 when initial is 0. */
gint64 pocsim_fixed_epoch_reward (guint64 initial, PocsimDec decay, guint64 epochs);

/* R for C's upcoming epoch from its bitcoin_reward_params; 0 when the case
 * has none.  Taken from C's reward memo when its key matches. */
gint64 pocsim_case_epoch_reward (const PocsimCase *c);

/* Computes R for C's upcoming epoch into C's reward memo, for a caller that
 * forms C (or copies of it) many times; a later change of the reward
 * parameters or the epoch makes the formation compute R again. */
void pocsim_reward_memo_fill (PocsimCase *c);
