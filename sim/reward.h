/* reward.h - the weight each host's epoch reward share is computed from.
 *
 * Under v0.2.13 the reward follows the stored (penalised) weight.  Under a
 * reward-only rule set (v0.2.14+) penalties and delegation transfers are
 * settled against the rewardable weight instead (versions.md §6). */
#pragma once

#include "result.h"

gboolean pocsim_reward_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error);
