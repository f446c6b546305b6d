/* params_patch.h - governance patches of the chain Params, read into typed
 * edits (core/params_edit.h).
 *
 * A patch is read with the case reader itself: its sections are put in a
 * case document of their own and read as any case's params are, so a
 * value the case reader rejects is rejected here, with the same message,
 * located in the patch's file.  The edit then records which fields the
 * patch names: those of delegation_params, poc_params (models,
 * validation_slots, validation_vote_threshold_bps and, from v0.2.16,
 * dynamic_coefficient_params and each field of it), collateral_params,
 * genesis_only_params and bitcoin_reward_params.  The scenario reader has
 * checked the patch's keys against the chain's Params fields; chain fields
 * pocsim does not read are ignored, as in a case.  A model entry's
 * weight_scale_factor is read both as v0.2.16 reads it (an explicit 0 is
 * 0) and as the rule sets before it do (0 reads as 1). */
#pragma once

#include "core/params_edit.h"
#include "io/json_doc.h"

/* A "params" patch: {SECTION: {KEY: value, ...}, ...}; a section given as
 * null clears it.  POINTER is where the patch sits in DOC.  Fills *out
 * (cleared by the caller). */
gboolean pocsim_params_patch_read (const json_t *patch, const PocsimJsonDoc *doc, const char *pointer,
                                   PocsimParamsEdit *out, GError **error);

/* A poc_params.models entry ("set_model"): {"model_id", "weight_scale_factor"?,
 * "penalty_start_epoch"?, "dynamic_coefficient"?}. */
gboolean pocsim_model_entry_read (const json_t *entry, const PocsimJsonDoc *doc, const char *pointer,
                                  PocsimModelEntry *out, GError **error);
