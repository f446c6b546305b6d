/* trust.h - each host's trust weight (v0.2.16; spec v0.2.16.md §3 F13-F15).
 *
 * A host of AP(U) gets two weights: the real one F (rewards) and a trust
 * weight C that voting power, PoC validation and governance read:
 *   C[p] = min(F[p], prev[p]) for a member of E (prev: its previous
 *          confirmed weight as the formation read it), 0 for a newcomer;
 *   if every C is 0 while some F is positive, C = F (the zero-trust
 *   fallback: an epoch must not persist with nobody trusted);
 *   then the same power cap as the real weights (30 %, 40 % for 3 hosts,
 *   50 % for 2, positive weights only; on with the genesis switch).
 * Example (the chain's test): F = 400/350/250 and prev = 400/70/0 give
 * 400/70/0 before the cap; with two positive hosts the 50 % tier applies:
 * sorted 70, 400, and 400 > 0.5 · (70 + 400) makes the cap
 * 0.5 · 70 / (1 - 0.5) = 70, so C = 70/70/0.
 * Before v0.2.16 there is no trust weight: C = F. */
#pragma once

#include "core/result.h"

/* r->cap_weight (and r->zero_trust_fallback) from r->final. */
void pocsim_trust_weights_compute (const PocsimCase *c, PocsimEpochResult *r);
