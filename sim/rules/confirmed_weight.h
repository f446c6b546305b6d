/* confirmed_weight.h - what a formation reads of epoch E's weights.
 *
 * Before v0.2.16 both the formation (eligibility, the "established" count,
 * the group cap, participates()) and pre-eligibility at P - dw read W_E,
 * and T = Σ W_E.
 *
 * v0.2.16 (spec v0.2.16.md §1 Q1-Q3, §3 P-dw, F3, F4):
 *   - the formation reads each live member's previous confirmed weight
 *       prevCap[p] = EffectiveConfirmedWeight(W_E[p], CW_E[p], rawConf_E[p])
 *     where rawConf_E[p] = Σ over p's E nodes in models with a
 *     non-excluded E scale of trunc(coeff_E[m] · weight), coeff_E being the
 *     scale's effective_coefficient, else weight_scale_factor, else 1, and
 *     CW_E (E's confirmation weight after its cPoC) defaults to rawConf_E;
 *       EffectiveConfirmedWeight(w, cw, raw) = 0 if w <= 0 or raw <= 0;
 *                                              w if cw >= raw;
 *                                              floor(max(cw, 0) · w / raw);
 *     prevCap = W_E when E has no scales.  Members of E's failed miss-rate
 *     set then get 0 (their key stays: they remain "previous root" members),
 *     unless AP(U) came from the carry of E's validators.  T = Σ prevCap.
 *   - pre-eligibility reads the trust base state: each live member's
 *     CapWeight_E when AP(E) is known and its caps were applied (or one of
 *     them is positive), else W_E; for the first epoch (E = 0) always W_E. */
#pragma once

#include "core/result.h"

/* EffectiveConfirmedWeight (types/weight.go). */
gint64 pocsim_effective_confirmed_weight (gint64 weight, gint64 confirmation, gint64 raw);

/* r->prev_weight and r->total_previous_weight.  ZERO_FAILED applies the
 * failed miss-rate set (v0.2.16).  FALSE with error on int64 overflow. */
gboolean pocsim_previous_weights_compute (const PocsimCase *c, PocsimEpochResult *r, gboolean zero_failed,
                                          GError **error);

/* r->base_weight and r->base_total: the validation base state at P - dw. */
gboolean pocsim_base_state_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error);
/* The same into BASE[n_addrs] and *TOTAL (PoC validation reads it too: the
 * bootstrap validation power and the acceptance total). */
gboolean pocsim_base_state_weights (const PocsimCase *c, gint64 *base, gint64 *total, GError **error);
