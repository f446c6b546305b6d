/* replay.h - a scenario replayed epoch by epoch, in the chain's order (§2).
 *
 * Per epoch U:
 *   events "before_snapshot"; the bootstrap snapshot at P - deploy_window
 *   (live delegations and intents); events "before_poc"; the PoC commits of
 *   every running host; events "before_validation"; the regular snapshot at
 *   validation start (live delegations and refusals); PoC acceptance from
 *   the validation voting power (§5, honest votes unless the scenario says
 *   otherwise); events "after_validation"; the formation (pocsim_epoch_form
 *   on the epoch's case); refusals and intents wiped; the formed weights
 *   and voting powers become the next epoch's previous state
 *   (pocsim_replay_carry); events "after_formation".
 * When the scenario starts from a case (POCSIM_START_CASE), the first epoch
 * is that case: its snapshots, commits and accepted PoC are what U reads,
 * and U is formed exactly as `pocsim epoch` forms it.
 *
 * The replay's state is plain data: a PocsimCase over every name the
 * scenario uses (params, previous state, collateral), the record store,
 * what each host runs.  Each epoch's case is a PocsimCase, so any step can
 * be written out (io/case_write.h) and re-formed alone with `pocsim epoch`. */
#pragma once

#include "core/scenario.h"
#include "replay/replay_epoch.h"

typedef struct PocsimReplay PocsimReplay;

/* `rules_override` (may be NULL) replaces the scenario's rule set.  The
 * scenario must outlive the replay. */
PocsimReplay *pocsim_replay_new (const PocsimScenario *s, const char *rules_override, GError **error);
void pocsim_replay_free (PocsimReplay *rp);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimReplay, pocsim_replay_free)

/* The epoch the next step forms; G_MAXINT64 once the chain has halted. */
gint64 pocsim_replay_next_epoch (const PocsimReplay *rp);
/* The epoch at which the chain halted, or 0. */
gint64 pocsim_replay_halted_at (const PocsimReplay *rp);
/* The rule set name the replay uses. */
const char *pocsim_replay_rules (const PocsimReplay *rp);

/* Forms the next epoch.  Returns the epoch's report, or NULL with a located
 * error when the scenario asks for something impossible.  A formation at
 * which the chain halts (v0.2.16) is an epoch whose result has halt_error
 * set: its expectations are not checked, nothing is carried, and the
 * replay ends there (a further step fails with POCSIM_ERROR_HALT). */
PocsimReplayEpoch *pocsim_replay_step (PocsimReplay *rp, GError **error);

/* The one place that carries a formation into the next epoch's previous
 * state (§4.9; v0.2.16: spec v0.2.16.md §3 F17): W_U is F without zeros (a
 * zero-weight member is not live, and its voting powers go with it), VP_U
 * the voting powers of the live members (from the trust weight under
 * v0.2.16), and E's subgroups each seated member's raw PoC weight
 * (previous.nodes) with its node's id when not the model's default
 * (previous.node_ids).  Under v0.2.16 also: each live member's trust weight
 * (previous.cap_weights, applied), the confirmation weight it was stored
 * with (previous.confirmation_weights: Q2's sum over its confirming models,
 * which no confirmation PoC lowers in a replay), and U's coefficient scales
 * with their controller state (previous.coefficient_scales).  NEXT (a case
 * with FORMED's tables) gets these as its `previous`; E's failed miss-rate
 * set and removals are cleared (they are the next settlement's); the rest
 * of NEXT is untouched.  State a later rule set carries between epochs
 * goes here too. */
void pocsim_replay_carry (PocsimCase *next, const PocsimCase *formed, const PocsimEpochResult *r);

/* A scenario start (POCSIM_START_STATE) that continues from C formed into
 * R: the carried previous state, PoC runs and delegations go on, refusals
 * and intents are gone (wiped at the formation), no commits, and the
 * upcoming epoch is the next one.  Returns a new case. */
PocsimCase *pocsim_replay_start_after (const PocsimCase *c, const PocsimEpochResult *r);
