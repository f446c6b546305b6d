/* result.h - what one epoch formation computes.
 *
 * Arrays are indexed like the case they came from (addresses, models and
 * cells of the same PocsimCase).  The result does not own the case. */
#pragma once

#include <glib.h>

#include "core/case.h"
#include "core/modes.h"

/* The bootstrap_model_preeligibility event (§3). */
typedef struct {
  guint32 model;
  gboolean pre_eligible;
  gboolean approved;
  gboolean meets_weight_threshold;
  gboolean meets_v_min;
  gboolean meets_reachability;
  gint64 intent_host_count;
  gint64 intent_weight;
  gint64 reachable_voting_power;
  gint64 total_network_weight;
  gint64 weight_threshold;     /* trunc(w_threshold * T_E): what intent_weight must reach */
} PocsimPreEligibility;

/* The weight_group log line (§4.2, §4.4). */
typedef struct {
  gboolean has_members;
  gboolean eligible;
  gint64 members_prev_weight;  /* Σ W_E over members (the w_threshold test) */
  gint64 established;          /* #members with pw > 0 and W_E > 0 */
  gint64 raw_total;            /* Σ trunc(coeff * pw) */
  gint64 cap;                  /* -1 = uncapped */
  PocsimDec scale;
} PocsimGroupResult;

typedef struct {
  const PocsimCase *source;      /* the case formed: the caller's, or owned_source */
  PocsimCase *owned_source;      /* the carried copy when the empty-epoch fallback applied */
  gboolean empty_epoch_fallback; /* E's validators were carried (v0.2.14+) */
  const PocsimRuleSet *rules;
  gint64 total_previous_weight;  /* T_E */

  guint n_bootstrap;
  PocsimPreEligibility *bootstrap; /* candidates in model order; only with a bootstrap snapshot */
  gboolean *is_bootstrap_candidate; /* [n_models] */

  PocsimGroupResult *groups;     /* [n_models] */

  guint8 *mode;                  /* [cells] PocsimMode, eligible models */
  guint8 *bootstrap_mode;        /* [cells] PocsimBootstrapMode, non-eligible candidates */

  gint64 *consensus;             /* [n_addrs] O[p] */
  PocsimDec *penalty;            /* [n_addrs] applied fraction, capped at 1 */
  gint64 *transfer_in;           /* [n_addrs] */
  gint64 *transfer_out;          /* [n_addrs] */
  gint64 *after_penalty;         /* [n_addrs] */
  gint64 *final;                 /* [n_addrs] F[p] */
  gint64 *reward_weight;         /* [n_addrs] weight the reward share is computed from */
  gint64 *reward;                /* [n_addrs] ngonka, when the case has reward params */
  gint64 epoch_reward;           /* total fixed epoch reward, 0 when unknown */
  gint64 *voting_power;          /* [cells] per-model VP after the per-model cap */
} PocsimEpochResult;

PocsimEpochResult *pocsim_epoch_result_new (const PocsimCase *c);
void pocsim_epoch_result_free (PocsimEpochResult *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimEpochResult, pocsim_epoch_result_free)
