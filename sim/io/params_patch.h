/* params_patch.h - governance patches of the chain Params, read into typed
 * edits (core/params_edit.h).
 *
 * A patch is read with the case reader itself: its sections are put in a
 * case document of their own and read as any case's params are, so a
 * value the case reader rejects is rejected here, with the same message,
 * located in the patch's file.  The edit then records which fields the
 * patch names.  Keys pocsim does not read are ignored, as in a case. */
#pragma once

#include "core/params_edit.h"
#include "io/json_doc.h"

/* A "params" patch: {SECTION: {KEY: value, ...}, ...}; a section given as
 * null clears it.  POINTER is where the patch sits in DOC.  Fills *out
 * (cleared by the caller). */
gboolean pocsim_params_patch_read (const json_t *patch, const PocsimJsonDoc *doc, const char *pointer,
                                   PocsimParamsEdit *out, GError **error);

/* A poc_params.models entry ("set_model"): {"model_id", "weight_scale_factor"?,
 * "penalty_start_epoch"?}. */
gboolean pocsim_model_entry_read (const json_t *entry, const PocsimJsonDoc *doc, const char *pointer,
                                  PocsimModelEntry *out, GError **error);
