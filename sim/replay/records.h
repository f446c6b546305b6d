/* records.h - the live PoC delegation records of the chain's store (§1.3).
 *
 * Per (model, participant) at most one of: a delegation to a target, a
 * refusal, an intent; the last write wins.  Delegations persist across
 * epochs; refusals and intents are wiped at every formation.  The store is
 * a table over the (model, address) cells of a case's name tables, so its
 * cell order, (model_id, participant) byte-wise, is the store's key order
 * and the snapshots taken from it are sorted as the chain sorts them.
 *
 * This is replay state, not a rule: the rules read the snapshots taken from
 * it (a case's bootstrap and regular snapshot).
 *
 * Ownership: the store borrows the case whose tables it uses (NAMES), which
 * must outlive it. */
#pragma once

#include "core/case.h"
#include "core/tx.h"

typedef struct PocsimRecords PocsimRecords;

PocsimRecords *pocsim_records_new (const PocsimCase *names);
void pocsim_records_free (PocsimRecords *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimRecords, pocsim_records_free)

/* Sets the record of (model m, participant a), replacing whatever was
 * there (the chain's ClearOtherDelegationState).  `target` is the delegate
 * for a delegation and ignored otherwise; a delegation to POCSIM_NO_ADDR
 * deletes the record. */
void pocsim_records_set (PocsimRecords *r, PocsimRecordKind kind, guint m, guint a, guint32 target);

/* The same by name; a target NULL or "" deletes a delegation.  FALSE (and
 * nothing written) when a name is not in the store's tables. */
gboolean pocsim_records_set_named (PocsimRecords *r, PocsimRecordKind kind, const char *model,
                                   const char *participant, const char *target);

/* The formation's clean-up: refusals and intents go, delegations stay. */
void pocsim_records_wipe_refusals_and_intents (PocsimRecords *r);

/* The record of (m, a): its kind, or -1 when there is none; *target (may be
 * NULL) is the delegate of a delegation. */
int pocsim_records_get (const PocsimRecords *r, guint m, guint a, guint32 *target);

/* The snapshots, written into C (a case with the store's tables), for the
 * models of C's poc_params.models only (the chain's snapshots hold no
 * other model): the bootstrap snapshot at P - deploy_window holds
 * delegations and intents, the regular one at validation start delegations
 * and refusals.  The chain's participant filters are the rules' business
 * (core/snapshots.h); these are the raw stored records. */
void pocsim_records_bootstrap_snapshot (const PocsimRecords *r, PocsimCase *c);
void pocsim_records_regular_snapshot (const PocsimRecords *r, PocsimCase *c);

guint pocsim_records_count (const PocsimRecords *r);
