/* tx_handler.h - the chain's checks of a PoC delegation tx, and its effect
 * on the stored records (§1.3): what the chain's ValidateBasic and message
 * handler do with a PocsimTx. */
#pragma once

#include "core/tx.h"
#include "replay/records.h"

/* What the chain knows when it runs the handler. */
typedef gboolean (*PocsimNameTest) (const char *name, gpointer data);
typedef struct {
  PocsimNameTest is_participant;      /* a registered Participant */
  PocsimNameTest is_governance_model; /* a governance-approved model */
  gpointer data;
} PocsimTxChain;

/* The chain's checks in its order (ValidateBasic, then the handler).
 * Returns NULL when the tx would be accepted, else why not (static string
 * naming the chain's error). */
const char *pocsim_tx_check (const PocsimTx *tx, const PocsimTxChain *chain);

/* Writes the tx's record (the handler's effect).  FALSE when a name is not
 * in the store's tables (an accepted tx names registered participants and
 * governance models only, which a replay's tables hold). */
gboolean pocsim_tx_apply (const PocsimTx *tx, PocsimRecords *records);
