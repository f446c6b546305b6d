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
  gint64 capped_total;         /* Σ trunc(scale * trunc(coeff * pw)): what the members' consensus
                                * weights get from the group; 0 when not eligible */
  gint64 cap;                  /* -1 = uncapped */
  PocsimDec scale;
} PocsimGroupResult;

/* One delegation transfer queued by the regular path (§4.5): from v0.2.14 a
 * share of the sender's reward, before a share of its weight. */
typedef struct {
  guint32 from;
  guint32 to;
  guint32 model;
} PocsimTransfer;

/* v0.2.16: why AP(U) is not the fresh PoC's participants. */
typedef enum {
  POCSIM_FALLBACK_NONE = 0,
  POCSIM_FALLBACK_NO_FRESH_POC_NODE, /* no fresh PoC node was seated: E's validators carried */
  POCSIM_FALLBACK_ZERO_FINAL_WEIGHT, /* nobody had positive final weight: formed again from E's validators */
} PocsimFallback;

/* "", "no_fresh_poc_node", "zero_final_weight" (the chain's event reasons). */
const char *pocsim_fallback_name (PocsimFallback fallback);

/* One model's coefficient for the formation (F6) and the scale U persists. */
typedef struct {
  gboolean effective;          /* in the effective map: an AP(U) model or one with a frozen scale */
  PocsimDec coeff;             /* the coefficient the groups use */
  gboolean has_scale;          /* U persists a ConfirmationWeightScale for it */
  PocsimCoeffScale scale;      /* effective_coefficient, base_coefficient, adaptive_step, prev_sign,
                                * exclude_from_confirmation (set after voting powers) */
} PocsimModelCoefficient;

typedef struct {
  const PocsimCase *input;       /* the case as given */
  const PocsimCase *source;      /* the case formed: input, or owned_source */
  PocsimCase *owned_source;      /* AP(U) rebuilt: the v0.2.14 empty-epoch carry or v0.2.16 seating */
  gboolean empty_epoch_fallback; /* E's validators were carried (v0.2.14) */
  const PocsimRuleSet *rules;
  gint64 total_previous_weight;  /* T: Σ of prev_weight */

  /* v0.2.16 */
  char *halt_error;              /* the chain's error when it halts at this formation, else NULL;
                                  * then only the bootstrap part below is filled */
  PocsimFallback fallback;
  gboolean zero_trust_fallback;  /* every trust weight was 0 while some final weight was not */

  gint64 *prev_weight;           /* [n_addrs] previous weight formation reads: W_E, or v0.2.16's previous
                                  * confirmed weight after the miss-rate zeroing (IN_PREVIOUS addresses) */
  gint64 *base_weight;           /* [n_addrs] validation base state at P - dw: W_E, or the trust base state */
  gint64 base_total;             /* Σ base_weight: pre-eligibility's total network weight */
  gint64 *raw_weight;            /* [n_addrs] AP(U) participant's raw PoC weight before seating */
  const char **seated_node_id;   /* [cells] v0.2.16: the id of a's node seated in m (the first by id when
                                  * several are), when it is not m's default "n-<m>"; NULL otherwise, and
                                  * the array NULL when no cell has one.  Strings borrowed from the input */
  PocsimModelCoefficient *coefficients; /* [n_models] */

  guint n_bootstrap;
  PocsimPreEligibility *bootstrap; /* candidates in model order; only with a bootstrap snapshot */
  gboolean *is_bootstrap_candidate; /* [n_models] */

  PocsimGroupResult *groups;     /* [n_models] */

  guint8 *mode;                  /* [cells] PocsimMode, eligible models */
  guint8 *bootstrap_mode;        /* [cells] PocsimBootstrapMode, non-eligible candidates */

  gint64 *consensus;             /* [n_addrs] O[p] */
  PocsimDec *penalty;            /* [n_addrs] applied fraction, capped at 1 */
  GArray *transfers;             /* PocsimTransfer, sorted by (from, to, model) */
  gint64 *transfer_in;           /* [n_addrs] */
  gint64 *transfer_out;          /* [n_addrs] */
  gint64 *after_penalty;         /* [n_addrs] */
  gint64 *final;                 /* [n_addrs] F[p] */
  gint64 *reward_weight;         /* [n_addrs] weight the reward share is computed from */
  gint64 *reward;                /* [n_addrs] ngonka, when the case has reward params */
  gint64 epoch_reward;           /* total fixed epoch reward, 0 when unknown */
  gint64 *cap_weight;            /* [n_addrs] trust weight voting power comes from; = final before v0.2.16 */
  gint64 *voting_power;          /* [cells] per-model VP after the per-model cap */
} PocsimEpochResult;

PocsimEpochResult *pocsim_epoch_result_new (const PocsimCase *c);
/* Forms from FORMED (owned by the result from now on) instead of the input:
 * AP(U) rebuilt by a rule; the address and model tables are the input's. */
void pocsim_epoch_result_set_formed (PocsimEpochResult *r, PocsimCase *formed);
void pocsim_epoch_result_free (PocsimEpochResult *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimEpochResult, pocsim_epoch_result_free)
