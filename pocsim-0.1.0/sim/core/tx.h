/* tx.h - the three PoC delegation transactions, as data (§1.3).
 *
 * Text form is that of the `inferenced tx inference` commands:
 *   set-poc-delegation MODEL TARGET     delegate MODEL's weight to TARGET
 *   set-poc-delegation MODEL ""         delete the record (also clears refusal/intent)
 *   refuse-poc-delegation MODEL         refuse MODEL
 *   declare-poc-intent MODEL            declare intent to run MODEL (bootstrap models)
 * The sender is given separately (the CLI's --from). */
#pragma once

#include <glib.h>

/* The three kinds of record a tx writes (replay/records.h keeps them). */
typedef enum {
  POCSIM_RECORD_DELEGATION,
  POCSIM_RECORD_REFUSAL,
  POCSIM_RECORD_INTENT,
} PocsimRecordKind;

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
