/* penalties.h - penalty accumulation and delegation transfers (§4.5).
 *
 * Fractions are charged per model on the original weight O[p] > 0, only from
 * the model's penalty_start_epoch on (compared with the UPCOMING epoch):
 *   regular path (eligible m): REFUSE += refusal_penalty, NONE +=
 *     no_participation_penalty, DELEGATE queues a transfer of
 *     delegation_share · O[p] to the delegate;
 *   bootstrap path (non-eligible candidates): INTENT_MISSED and NONE +=
 *     no_participation_penalty.
 * Fractions add across models and are capped at 1.  Penalties are applied
 * first; transfers then go in (from, to) order, each clamped to what the
 * sender has left.  Under a reward-only rule set the weight is untouched and
 * the fractions and transfers only reach the reward. */
#pragma once

#include "core/result.h"

typedef struct {
  guint32 from;
  guint32 to;
  guint32 model;
} PocsimTransfer;

gboolean pocsim_penalties_apply (const PocsimCase *c, PocsimEpochResult *r, GError **error);

/* penalty_start_epoch reached for the upcoming epoch. */
static inline gboolean
pocsim_penalty_reached (const PocsimCase *c, guint m)
{
  return !c->models[m].in_params || (guint64) c->upcoming_epoch >= c->models[m].penalty_start_epoch;
}

/* The delegation transfers the regular path queues, sorted by (from, to,
 * model).  Returned array owned by the caller. */
GArray *pocsim_transfers_collect (const PocsimCase *c, const PocsimEpochResult *r);
