/* acceptance.h - validation voting power and PoC acceptance (rules §5).
 *
 * At validation start V the chain freezes, per model, the voting power that
 * may validate PoC: models that already have VP_E keep it; every other model
 * with commits this stage (a bootstrap model) gets
 *   vp[c] = W_E[c] for each committer c (0 for newcomers, key still present)
 *   vp[t] += W_E[d] for each bootstrap-snapshot delegation d→t, in sorted d
 *            order, where t committed and d did not.
 * If T_E == 0 no model gets validation power and every PoC is rejected.
 *
 * One (participant, model) PoC is then accepted or rejected from its votes:
 *   weighted mode (validation_slots == 0): valid VP vs the threshold of T;
 *   slot mode: sampled slots (sha256 of app hash, participant, model, slot
 *   index) vs the threshold of n slots;
 *   otherwise the guardian tiebreak.
 * v0.2.13: accept when valid > T·2/3 (integer division), reject when
 * invalid > T·2/3; the tiebreak sees only votes of validators that hold VP
 * in the model.  v0.2.14: valid·10000 > T·bps (bps default 5000), and the
 * tiebreak reads the raw votes. */
#pragma once

#include <glib.h>

#include "core/ruleset.h"

/* The frozen validation voting power of one model: vp[a] for every address
 * index a < n_addrs; is_key[a] says whether a is a key of the model's map
 * (a key may hold 0). */
typedef struct {
  guint n_addrs;
  gint64 *vp;
  gboolean *is_key;
} PocsimValidationPower;

void pocsim_validation_power_free (PocsimValidationPower *v);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimValidationPower, pocsim_validation_power_free)

/* Bootstrap validation power of one model (see above).  prev_weight[a] =
 * W_E[a]; committed[a] = a has a store commit for the model this stage;
 * boot_delegate[a] = the bootstrap-snapshot delegation target of a for this
 * model or G_MAXUINT32.  Addresses are indices in sorted order.  Returns
 * NULL with error on int64 overflow. */
PocsimValidationPower *pocsim_validation_power_bootstrap (guint n_addrs, const gint64 *prev_weight,
                                                          const gboolean *committed,
                                                          const guint32 *boot_delegate,
                                                          GError **error);

/* One validator's vote on one (participant, model): validated_weight > 0 is
 * valid, anything else invalid.  Only the first vote of a validator counts. */
typedef struct {
  guint32 validator;   /* address index */
  gint64 validated_weight;
} PocsimVote;

typedef struct {
  const PocsimRuleSet *rules;
  gint64 total_weight;        /* T from the validation snapshot (= T_E) */
  guint32 validation_slots;   /* 0 = weighted mode */
  guint32 vote_threshold_bps; /* v0.2.14 param; 0 = rule set default */
  /* guardian tiebreak: enabled and non-empty set */
  gboolean guardians_enabled;
  const gboolean *is_guardian; /* [n_addrs] or NULL */
  /* slot mode only: */
  const char *app_hash_hex;
  const char *const *addrs;    /* [n_addrs] address strings, sorted */
  const char *participant;     /* address string of the PoC's owner */
  const char *model_id;
} PocsimAcceptanceInput;

typedef enum {
  POCSIM_POC_REJECTED = 0,
  POCSIM_POC_ACCEPTED = 1,
} PocsimPocVerdict;

/* How the verdict was reached, for --explain. */
typedef enum {
  POCSIM_VERDICT_BY_VALID_MAJORITY,
  POCSIM_VERDICT_BY_INVALID_MAJORITY,
  POCSIM_VERDICT_BY_GUARDIAN_TIEBREAK,
  POCSIM_VERDICT_NO_VOTES,        /* empty vote list or empty power map */
} PocsimVerdictReason;

PocsimPocVerdict pocsim_poc_acceptance (const PocsimAcceptanceInput *in,
                                        const PocsimValidationPower *power,
                                        const PocsimVote *votes, guint n_votes,
                                        PocsimVerdictReason *reason);

/* ComputeSampledSlotCount: 0 if vp <= 0; n if vp >= total; floor(vp·n/total). */
gint64 pocsim_sampled_slot_count (gint64 vp_sum, gint64 total, guint32 n);
