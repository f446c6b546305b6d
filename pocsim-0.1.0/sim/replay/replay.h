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
 *   and voting powers become the next epoch's previous state; events
 *   "after_formation".
 * Each epoch's case is a pocsim-case/1 document, so any step can be dumped
 * and re-run alone with `pocsim epoch`. */
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

/* A scenario start (pocsim-case/1 document) that continues from C formed
 * into R: the formed weights and voting powers become the previous state
 * (zero weights dropped, §4.9), PoC runs and delegations carry on,
 * refusals and intents are gone (wiped at the formation), and the
 * upcoming epoch is the next one.  New reference. */
json_t *pocsim_replay_start_after (const PocsimCase *c, const PocsimEpochResult *r);

/* Forms the next epoch.  Returns the epoch's report, or NULL with a located
 * error when the scenario asks for something impossible. */
PocsimReplayEpoch *pocsim_replay_step (PocsimReplay *rp, GError **error);
