/* tx_handler.c - the chain's checks of a tx and the record it writes. */
#include "replay/tx_handler.h"

#include <string.h>

const char *
pocsim_tx_check (const PocsimTx *tx, const PocsimTxChain *chain)
{
  /* ValidateBasic */
  if (tx->from == NULL || *tx->from == '\0')
    return "ErrInvalidAddress: no sender";
  if (tx->model == NULL || *tx->model == '\0')
    return "ErrInvalidRequest: model_id is empty";
  gboolean delegation = tx->kind == POCSIM_RECORD_DELEGATION;
  if (delegation && *tx->target != '\0' && strcmp (tx->target, tx->from) == 0)
    return "ErrSelfDelegation: a host cannot delegate to itself";
  /* handler */
  if (!chain->is_participant (tx->from, chain->data))
    return "ErrParticipantNotFound: the sender is not a registered participant";
  if (!chain->is_governance_model (tx->model, chain->data))
    return "ErrInvalidModel: the model is not a governance model";
  if (delegation && *tx->target != '\0' && !chain->is_participant (tx->target, chain->data))
    return "ErrParticipantNotFound: the delegate is not a registered participant";
  return NULL;
}

gboolean
pocsim_tx_apply (const PocsimTx *tx, PocsimRecords *records)
{
  return pocsim_records_set_named (records, tx->kind, tx->model, tx->from, tx->target);
}
