/* coefficients.h - each model's coefficient for one formation.
 *
 * Before v0.2.16 a model's coefficient is its weight_scale_factor.
 *
 * v0.2.16 (spec v0.2.16.md §1 Q4-Q5, §3 F6; the chain's
 * coefficients.Calculate).  The config frozen into U at PoC start decides:
 *   - legacy (no dynamic_coefficient_params): each frozen scale's
 *     coefficient is its effective_coefficient, else weight_scale_factor,
 *     else 1, unquantised;
 *   - dynamic: each model with a config moves its base coefficient toward a
 *     target share of the network.  With w_m = D_m · r_m (relative
 *     difficulty times the model's raw weight in E) and W = Σ w:
 *       state (base, step, sign) from E's scale, or (coeff_min, step_max/2, 0);
 *       base = clamp(base, coeff_min, coeff_max);
 *       target 0: base = coeff_min, step = step_max/2, sign 0;
 *       else, with a state and U > 1: inside target ± zone the step resets
 *       to step_max/2 and the base stays; otherwise the sign is -1 above the
 *       target (+1 below), the step doubles while the sign holds and halves
 *       (not below step_min) when it flips, capped at bootstrap_step_max
 *       below bootstrap_share (step_max otherwise), and
 *       base = clamp(base · (1 + sign · step));
 *       base and step are stored with 18 digits (fewer only beyond int64);
 *     then the effective coefficient dilutes the base when the model's share
 *     of U's seated PoC (w'_m / W') exceeds its target:
 *       eff = coeff_min + (base - coeff_min) · (T·W') / (10000 · w'_m).
 *     A model in AP(U) without a config gets 0.
 * Rounding: step/2 truncates; Mul rounds half to even at 18 digits; Quo
 * truncates at 36 digits, then rounds half to even; every comparison is
 * exact (big integers).
 *
 * Errors halt the chain (POCSIM_ERROR_HALT): a missing or non-positive
 * relative_difficulty, step_min, step_max, bootstrap_step_max, coeff_min or
 * coeff_max, a non-positive previous base or step, a previous sign outside
 * -1..1, a negative value to store, or a raw total beyond int64.  The
 * message is the chain's. */
#pragma once

#include "core/result.h"

/* Fills r->coefficients[m].coeff for every model of C (and, from v0.2.16,
 * the effective map and the scales U persists).  C is the formed case
 * (AP(U) after seating). */
gboolean pocsim_coefficients_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error);

/* U's coefficient config as frozen at PoC start: the case's own
 * (frozen_coefficients), or Freeze(poc_params) (with dynamic params a scale
 * per model with a dynamic_coefficient, carrying its config; without, a
 * scale per model of poc_params carrying its weight_scale_factor).
 * pocsim_coefficient_frozen_scale: model m's scale, FALSE (and *out
 * untouched) when it has none; pocsim_coefficient_frozen_params: the
 * dynamic params, FALSE in legacy static mode. */
gboolean pocsim_coefficient_frozen_scale (const PocsimCase *c, guint m, PocsimCoeffScale *out);
gboolean pocsim_coefficient_frozen_params (const PocsimCase *c, PocsimDynamicParams *out);

/* The coefficient that approves model m at P - dw: weight_scale_factor, or
 * from v0.2.16 with dynamic params, coeff_min when the model has a config
 * and coeff_min is positive, else 0 (GovernanceCoefficients). */
PocsimDec pocsim_approval_coefficient (const PocsimCase *c, guint m);

/* exclude_from_confirmation of U's scales, once voting powers are known:
 * a model confirms when it is eligible and some AP(U) participant has a
 * seated node of positive weight in it. */
void pocsim_coefficient_scales_finish (const PocsimCase *c, PocsimEpochResult *r);

/* encodeDecimal: VALUE stored as an int64 mantissa and exponent: trailing
 * zeros dropped, further digits dropped only while the mantissa leaves
 * int64.  Fails (POCSIM_ERROR_HALT) on a negative value or an exponent
 * beyond 18. */
gboolean pocsim_coefficient_encode (PocsimDec value, PocsimDec *stored, GError **error);
