/* case_builder.h - build a PocsimCase in C, without JSON (tests only).
 *
 *   CaseBuilder *b = case_builder_new (266);
 *   case_builder_model (b, "m", "1", 0);
 *   case_builder_prev_weight (b, "alice", 100);
 *   case_builder_poc (b, "m", "alice", 10);
 *   g_autoptr (PocsimCase) c = case_builder_finish (b);   // frees b
 *
 * The finished case is what sim/io/case_json.c would read from the equivalent
 * case document (docs: /work/shared/spec/case-format.md):
 *   - names are collected from every call and interned sorted by
 *     pocsim_case_new (index order = the chain's byte-wise order);
 *   - a prev_weight key is a live root member of E (POCSIM_ADDR_IN_PREVIOUS);
 *   - a poc key is a member of the model (POCSIM_CELL_MEMBER) and in AP(U)
 *     (POCSIM_ADDR_ACTIVE), even with weight 0; so is a participant;
 *   - a commit sets POCSIM_CELL_COMMIT and POCSIM_ADDR_COMMITTED;
 *   - prev_vp sets POCSIM_CELL_PREV_VP only when the value is > 0;
 *   - a snapshot exists as soon as one of its records is added, or when
 *     case_builder_boot_snapshot / case_builder_reg_snapshot is called;
 *   - a delegation with an empty or NULL target is no record (but its
 *     snapshot exists);
 *   - record models must be listed with case_builder_model (as the JSON
 *     reader requires); a model seen only in poc or prev_vp is not in params
 *     (coefficient 1, penalty start 0).
 * Misuse (an unknown param, a bad decimal, a duplicate record) aborts with
 * g_error: a test mistake, not a case under test. */
#pragma once

#include <glib.h>

#include "core/case.h"
#include "core/modes.h"
#include "core/result.h"

typedef struct CaseBuilder CaseBuilder;

CaseBuilder *case_builder_new (gint64 upcoming_epoch);
void case_builder_free (CaseBuilder *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaseBuilder, case_builder_free)

/* Rule set by name ("v0.2.13"); default: the newest. */
void case_builder_rules (CaseBuilder *b, const char *name);

/* A poc_params.models entry.  coeff: NULL or "" = unset (LegacyDecOrOne → 1);
 * any other string is parsed as a decimal, so "0" is a zero coefficient (the
 * chain's {0, -1}: unapproved). */
void case_builder_model (CaseBuilder *b, const char *model_id, const char *coeff,
                         guint64 penalty_start_epoch);

/* Params by their chain name; value is a decimal or integer string.
 *   delegation_params: deploy_window, v_min (int); refusal_penalty,
 *     no_participation_penalty, delegation_share, w_threshold, cap_factor,
 *     max_model_voting_power_percentage (decimal); initial_model_id (string,
 *     must be a case_builder_model, resolved at finish);
 *   poc_params: validation_slots, validation_vote_threshold_bps (int);
 *   collateral_params (setting any one enables the collateral step):
 *     grace_period_end_epoch (int), base_weight_ratio,
 *     collateral_per_weight_unit (decimal);
 *   genesis_only_params: max_individual_power_percentage (decimal; != 0
 *     switches power capping on). */
void case_builder_param (CaseBuilder *b, const char *name, const char *value);
/* Collateral params in one call (enables the collateral step). */
void case_builder_collateral_params (CaseBuilder *b, gint64 grace_period_end_epoch,
                                     const char *base_weight_ratio, const char *collateral_per_weight_unit);
/* genesis max_individual_power_percentage != 0. */
void case_builder_power_cap (CaseBuilder *b, gboolean on);

/* previous: W_E[p] (live root member of E) and VP_E[m][p]. */
void case_builder_prev_weight (CaseBuilder *b, const char *addr, gint64 weight);
void case_builder_prev_vp (CaseBuilder *b, const char *model_id, const char *addr, gint64 vp);

/* poc[m][p] = pw: member of m, in AP(U). */
void case_builder_poc (CaseBuilder *b, const char *model_id, const char *addr, gint64 pw);
/* A store commit of p for m this stage (accepted or not). */
void case_builder_commit (CaseBuilder *b, const char *model_id, const char *addr);
/* An AP(U) entry with no accepted PoC. */
void case_builder_participant (CaseBuilder *b, const char *addr);
void case_builder_collateral (CaseBuilder *b, const char *addr, gint64 amount);

/* bootstrap_snapshot (raw records at P - dw). */
void case_builder_boot_snapshot (CaseBuilder *b);
void case_builder_boot_delegation (CaseBuilder *b, const char *model_id, const char *delegator,
                                   const char *delegate_to);
void case_builder_boot_intent (CaseBuilder *b, const char *model_id, const char *addr);

/* delegation_snapshot (raw records at V). */
void case_builder_reg_snapshot (CaseBuilder *b);
void case_builder_reg_delegation (CaseBuilder *b, const char *model_id, const char *delegator,
                                  const char *delegate_to);
void case_builder_refusal (CaseBuilder *b, const char *model_id, const char *addr);

/* Builds the case and frees the builder. */
PocsimCase *case_builder_finish (CaseBuilder *b);

/* ---- accessors for assertions (abort on an unknown address or model) ---- */

guint32 case_addr (const PocsimCase *c, const char *addr);
guint32 case_model (const PocsimCase *c, const char *model_id);

gint64 result_consensus (const PocsimEpochResult *r, const char *addr);
gint64 result_after_penalty (const PocsimEpochResult *r, const char *addr);
gint64 result_final (const PocsimEpochResult *r, const char *addr);
gint64 result_transfer_in (const PocsimEpochResult *r, const char *addr);
gint64 result_transfer_out (const PocsimEpochResult *r, const char *addr);
/* The applied penalty fraction, formatted with 18 digits ("0.150000000000000000").
 * Returns a buffer from a small ring (valid for the next 15 calls). */
const char *result_penalty_str (const PocsimEpochResult *r, const char *addr);
PocsimMode result_mode (const PocsimEpochResult *r, const char *model_id, const char *addr);
PocsimBootstrapMode result_bmode (const PocsimEpochResult *r, const char *model_id, const char *addr);
const char *result_mode_name (const PocsimEpochResult *r, const char *model_id, const char *addr);
const char *result_bmode_name (const PocsimEpochResult *r, const char *model_id, const char *addr);
gint64 result_vp (const PocsimEpochResult *r, const char *model_id, const char *addr);
const PocsimGroupResult *result_group (const PocsimEpochResult *r, const char *model_id);
/* Same ring as result_penalty_str. */
const char *result_scale_str (const PocsimEpochResult *r, const char *model_id);
gboolean result_is_candidate (const PocsimEpochResult *r, const char *model_id);
/* The bootstrap_model_preeligibility event of a model, or NULL. */
const PocsimPreEligibility *result_preelig (const PocsimEpochResult *r, const char *model_id);
/* Formats a decimal into the ring. */
const char *dec_str (PocsimDec d);
