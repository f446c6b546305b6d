/* records.h - the live PoC delegation records of the chain's store (§1.3).
 *
 * Per (model, participant) at most one of: a delegation to a target, a
 * refusal, an intent; the last write wins.  Delegations persist across
 * epochs; refusals and intents are wiped at every formation.  Iteration is
 * in the store's key order, (model_id, participant) byte-wise, so the
 * snapshots built from it are sorted as the chain sorts them.
 *
 * This is replay state, not a rule: the rules read the snapshots taken from
 * it (a case's bootstrap_snapshot and delegation_snapshot). */
#pragma once

#include "core/tx.h"
#include "io/json_autoptr.h"

typedef struct PocsimRecords PocsimRecords;

PocsimRecords *pocsim_records_new (void);
void pocsim_records_free (PocsimRecords *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimRecords, pocsim_records_free)

/* Sets the record of (model, participant), replacing whatever was there
 * (the chain's ClearOtherDelegationState).  `target` is the delegate for a
 * delegation and ignored otherwise; a delegation to "" deletes the record. */
void pocsim_records_set (PocsimRecords *r, PocsimRecordKind kind, const char *model,
                         const char *participant, const char *target);

/* The formation's clean-up: refusals and intents go, delegations stay. */
void pocsim_records_wipe_refusals_and_intents (PocsimRecords *r);

/* The records a snapshot captures, in the pocsim-case/1 shape (new
 * references): the bootstrap snapshot at P - deploy_window holds
 * delegations and intents, the regular one at validation start delegations
 * and refusals.  The chain's participant and model filters are the
 * engine's business (snapshots.h); these are the raw stored records. */
json_t *pocsim_records_bootstrap_snapshot (const PocsimRecords *r);
json_t *pocsim_records_regular_snapshot (const PocsimRecords *r);

guint pocsim_records_count (const PocsimRecords *r);

/* Changes whenever the records do (a set, or a wipe that removed one):
 * equal versions mean equal snapshots, so callers may reuse them. */
guint64 pocsim_records_version (const PocsimRecords *r);
