/* tx.h - the three PoC delegation transactions and the chain's checks (§1.3).
 *
 * Text form is that of the `inferenced tx inference` commands:
 *   set-poc-delegation MODEL TARGET     delegate MODEL's weight to TARGET
 *   set-poc-delegation MODEL ""         delete the record (also clears refusal/intent)
 *   refuse-poc-delegation MODEL         refuse MODEL
 *   declare-poc-intent MODEL            declare intent to run MODEL (bootstrap models)
 * The sender is given separately (the CLI's --from). */
#pragma once

#include "replay/records.h"

typedef struct {
  PocsimRecordKind kind;
  char *from;
  char *model;
  char *target; /* delegations: the delegate, "" = delete; NULL otherwise */
} PocsimTx;

void pocsim_tx_clear (PocsimTx *tx);

/* Parses TEXT (shell-style quoting) sent by FROM into *out (caller clears
 * it).  Returns FALSE with a message naming the expected syntax. */
gboolean pocsim_tx_parse (const char *text, const char *from, PocsimTx *out, GError **error);

/* The tx in its text form; new string. */
char *pocsim_tx_to_string (const PocsimTx *tx);

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

/* Writes the tx's record (the handler's effect). */
void pocsim_tx_apply (const PocsimTx *tx, PocsimRecords *records);
