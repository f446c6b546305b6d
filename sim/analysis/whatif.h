/* whatif.h - one host's options for one model, each formed exactly.
 *
 * An option is what the host could have on chain by the snapshots: keep its
 * current records, run the model (a commit and an accepted PoC weight),
 * delegate to a target, refuse, declare intent (bootstrap candidates), or
 * nothing.  pocsim_option_apply() writes the option into a copy of the case
 * exactly as the stored records would read (both snapshots, the previous
 * record of the model replaced as the chain's ClearOtherDelegationState
 * does), so that forming the copy is what `pocsim epoch` gives on the same
 * state written by hand. */
#pragma once

#include "core/case.h"
#include "core/option.h"
#include "core/result.h"
#include "core/tx.h"

/* A copy of C with host A's records and PoC for the option's model as the
 * option says.  New case, owned by the caller. */
PocsimCase *pocsim_option_apply (const PocsimCase *c, guint32 a, const PocsimOption *o);
/* The same, written into C itself (a sweep's runs draw options in place). */
void pocsim_option_write (PocsimCase *c, guint32 a, const PocsimOption *o);

/* Writes an accepted tx into C's snapshots as if it were on chain before
 * the bootstrap snapshot (delegations: both snapshots; refusals: the
 * regular one; intents: the bootstrap one).  FALSE with the chain's reason
 * when the chain would reject it (static string in *reason). */
gboolean pocsim_tx_overlay (PocsimCase *c, const PocsimTx *tx, const char **reason);

/* A possible delegate for (model, host). */
typedef struct {
  guint32 target;
  gboolean member;          /* accepted PoC for the model this epoch: the delegation resolves */
  gint64 weight;            /* W_E */
  gint64 vp;                /* VP_E[m][target] */
  PocsimDec vp_share;       /* vp / Σ VP_E[m]; 0 when the model has none */
  gboolean ran_last_epoch;  /* vp > 0: a member of the model in E */
  const char *problem;      /* NULL, or why it would not count (rule cited) */
} PocsimDelegateCandidate;

/* Every address but the host that could be named as delegate (a member of
 * the model this epoch or one with VP_E in it), ranked: delegations that
 * resolve first, then by W_E, then by address.  GArray of
 * PocsimDelegateCandidate, owned by the caller. */
GArray *pocsim_delegate_candidates (const PocsimCase *c, guint m, guint32 host);

/* Why a delegation from HOST to TARGET for M would not count, or NULL. */
const char *pocsim_delegate_problem (const PocsimCase *c, guint m, guint32 host, guint32 target);

/* Forms the case with the option applied, then replays K - 1 more epochs
 * (pocsim run's engine) in which the host keeps to the option: its
 * delegation persists, a refusal or intent is re-sent every epoch, a run
 * keeps running, with no guardian (pocsim_option_forecast_with).  K >= 1.
 * OUT gets the next epoch, the K-th, and the path
 * between (clear it with pocsim_option_outcome_clear).  A replayed epoch at
 * which the chain halts ends the forecast there (halted_at); the first
 * formation halting is an error (POCSIM_ERROR_HALT). */
gboolean pocsim_option_forecast (const PocsimCase *c, guint32 a, const PocsimOption *o, guint k,
                                 PocsimOptionOutcome *out, GError **error);
/* The same, with the genesis guardians GUARDIANS (addresses, NULL-terminated;
 * NULL = none) voting on every PoC of the replayed epochs: on mainnet their
 * tiebreak accepts the PoC of models whose members hold less than half of
 * the weight (rules.md §5). */
gboolean pocsim_option_forecast_with (const PocsimCase *c, guint32 a, const PocsimOption *o, guint k,
                                      const char *const *guardians, PocsimOptionOutcome *out, GError **error);

/* Why the option cannot take effect, or takes effect otherwise than its
 * name says, given the OUTCOME pocsim_option_forecast() found: the snapshot
 * that does not keep the host's records, a delegate that does not count, a
 * refusal the bootstrap path does not read, a mode other than the option's.
 * New string naming the rule, or NULL when the option does what it says. */
char *pocsim_option_problem (const PocsimCase *c, guint32 a, const PocsimOption *o,
                             const PocsimOptionOutcome *outcome);

/* The host's estimated PoC weight for a model it does not run: its largest
 * accepted PoC weight in any model (the same machines), or 0. */
gint64 pocsim_estimated_poc_weight (const PocsimCase *c, guint32 a);
