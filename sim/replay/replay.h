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

/* The epoch the next step forms. */
gint64 pocsim_replay_next_epoch (const PocsimReplay *rp);
/* The rule set name the replay uses. */
const char *pocsim_replay_rules (const PocsimReplay *rp);

/* Forms the next epoch.  Returns the epoch's report, or NULL with a located
 * error when the scenario asks for something impossible. */
PocsimReplayEpoch *pocsim_replay_step (PocsimReplay *rp, GError **error);

/* The one place that carries a formation into the next epoch's previous
 * state (§4.9): W_U is F without zeros (a zero-weight member is not live,
 * and its voting powers go with it), VP_U the voting powers of the live
 * members, and E's subgroup PoC weights their raw accepted PoC.  NEXT (a
 * case with FORMED's tables) gets these as its `previous`; the rest of
 * NEXT is untouched.  State a later rule set carries between epochs goes
 * here too. */
void pocsim_replay_carry (PocsimCase *next, const PocsimCase *formed, const PocsimEpochResult *r);

/* A scenario start (POCSIM_START_STATE) that continues from C formed into
 * R: the carried previous state, PoC runs and delegations go on, refusals
 * and intents are gone (wiped at the formation), no commits, and the
 * upcoming epoch is the next one.  Returns a new case. */
PocsimCase *pocsim_replay_start_after (const PocsimCase *c, const PocsimEpochResult *r);
