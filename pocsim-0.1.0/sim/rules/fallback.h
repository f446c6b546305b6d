/* fallback.h - the v0.2.14 empty-epoch fallback (docs/versions.md).
 *
 * If PoC validation leaves nobody with accepted PoC, an empty upcoming
 * epoch would have no voting power left to validate any later PoC, and the
 * chain would stall.  From v0.2.14 the chain then carries the current
 * epoch's validators into the upcoming one and runs the normal formation on
 * them: every live root member of E with positive weight, with its
 * per-model PoC weight rebuilt from E's model subgroups (previous.poc in a
 * case), or, when none is known, as an active participant without models.
 * The chain also skips members excluded during E, with status INVALID or
 * INACTIVE, without a validator key or without a seed; a case carries none
 * of these, so every live member counts as carryable.  Not applied for the
 * first epoch. */
#pragma once

#include "core/case.h"

/* A copy of C with E's validators carried when the fallback applies (the
 * rule set has it, the upcoming epoch is past 1, and no participant is
 * active); NULL otherwise.  New case owned by the caller. */
PocsimCase *pocsim_empty_epoch_fallback (const PocsimCase *c);
