/* expect.h - a scenario's expectations, checked against one replayed epoch.
 *
 * An expectation is an object of checks (docs/scenarios.md):
 *   host-level:  weight, change_pct, penalty, reward, reward_weight;
 *                with "model": mode, voting_power;
 *   model-level: pre_eligible, meets_weight_threshold, meets_v_min,
 *                meets_reachability, intent_weight, intent_host_count,
 *                eligible, accepted (number of accepted PoC commits);
 *   epoch-level: rejected_txs.
 * Values are compared exactly (decimals as the chain's 18-digit fixed
 * point; change_pct to two decimals, rounded half away from zero). */
#pragma once

#include "core/scenario.h"
#include "replay/replay_epoch.h"

/* Appends one "WHERE: message" per failed check to FAILURES (char*).
 * Returns TRUE when every check held. */
gboolean pocsim_expectation_check (const PocsimExpectation *x, const PocsimReplayEpoch *ep,
                                   GPtrArray *failures);

/* 100 × (after - before) / before in hundredths of a percent, rounded half
 * away from zero; FALSE when before is 0. */
gboolean pocsim_change_hundredths (gint64 before, gint64 after, gint64 *out);
