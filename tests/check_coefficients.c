/* check_coefficients.c - v0.2.16's dynamic coefficients
 * (sim/rules/coefficients.h; spec v0.2.16.md §1 Q4-Q5, §3 F6).
 *
 * Every expected coefficient is a hand computation written out beside its
 * case, with the chain's roundings: step/2 truncates; Mul rounds half to
 * even at 18 digits; Quo truncates at 36 digits and then rounds half to
 * even; stored values keep 18 digits. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "case_text.h"
#include "core/error.h"
#include "rules/coefficients.h"

static PocsimDec
dec (const char *text)
{
  PocsimDec d;
  ck_assert (pocsim_dec_parse (text, &d, NULL));
  return d;
}

START_TEST (test_encode)
{
  PocsimDec out;
  g_autoptr (GError) error = NULL;
  /* 18 digits kept: 0.123456789012345678 is stored as it is. */
  ck_assert (pocsim_coefficient_encode (dec ("0.123456789012345678"), &out, NULL));
  ck_assert_str_eq (dec_text (out), "0.123456789012345678");
  /* A mantissa beyond int64 loses its last digits, truncated:
   * 9.223372036854775808 -> 9223372036854775808e-18 > 2^63 - 1 ->
   * 922337203685477580e-17. */
  ck_assert (pocsim_coefficient_encode (dec ("9.223372036854775808"), &out, NULL));
  ck_assert_str_eq (dec_text (out), "9.223372036854775800");
  /* Trailing zeros first: 12.5 is 125e-1, which fits. */
  ck_assert (pocsim_coefficient_encode (dec ("12.5"), &out, NULL));
  ck_assert_str_eq (dec_text (out), "12.500000000000000000");
  ck_assert (!pocsim_coefficient_encode (dec ("-0.1"), &out, &error));
  ck_assert (g_error_matches (error, POCSIM_ERROR, POCSIM_ERROR_HALT));
  ck_assert_str_eq (error->message, "value cannot be negative");
}
END_TEST

/* Two models a and b, relative difficulty 1, targets 5000 bps each, zone
 * 500, steps 0.005 / 0.05, bootstrap 0.25 below 100 bps.  In E, a's
 * subgroup raw weight was 7000 and b's 3000 (W = 10000); in U a has 6000
 * and b 4000 (W' = 10000). */
#define DYN_CASE(STATE_A, STATE_B, CFG_B) DYN_CASE_E (STATE_A, STATE_B, CFG_B, "{'a': {'p1': 7000}, 'b': {'p2': 3000}}")
#define DYN_CASE_E(STATE_A, STATE_B, CFG_B, E_NODES) \
  "{'rules': 'v0.2.16', 'upcoming_epoch': 50," \
  " 'params': {'delegation_params': {'initial_model_id': 'a', 'cap_factor': '1'}," \
  "   'poc_params': {'models': [" \
  "     {'model_id': 'a', 'dynamic_coefficient': {'coeff_min': '0.3', 'coeff_max': '0.5'," \
  "                                               'relative_difficulty': '1', 'target_share_bps': 5000}}," \
  "     {'model_id': 'b', 'dynamic_coefficient': " CFG_B "}]," \
  "   'dynamic_coefficient_params': {'target_zone_bps': 500, 'step_min': '0.005', 'step_max': '0.05'," \
  "                                  'bootstrap_step_max': '0.25', 'bootstrap_share_bps': 100}}}," \
  " 'previous': {'weights': {'p1': 7000, 'p2': 3000}," \
  "   'voting_powers': {'a': {'p1': 7000}, 'b': {'p2': 3000}}," \
  "   'nodes': " E_NODES "," \
  "   'coefficient_scales': [{'model_id': 'a', " STATE_A "}, {'model_id': 'b', " STATE_B "}]}," \
  " 'poc': {'a': {'p1': 6000}, 'b': {'p2': 4000}}}"

#define CFG_B_STD "{'coeff_min': '0.5', 'coeff_max': '1', 'relative_difficulty': '1', 'target_share_bps': 5000}"

START_TEST (test_update_rules)
{
  /* a: share 7000 · 10000 = 7e7 > W · (5000 + 500) = 5.5e7: above the zone,
   *   sign -1; 7e7 < W · 100 = 1e6? no: cap step_max 0.05.  Previous sign
   *   -1 (kept): step = min(0.02 · 2, 0.05) = 0.04; base = 0.4 · (1 - 0.04)
   *   = 0.384, inside [0.3, 0.5].
   * b: 3e7 < 4.5e7: below the zone, sign +1; previous sign -1 (flipped):
   *   step = min(max(0.02 / 2, 0.005), 0.05) = 0.01; base = 0.8 · 1.01 =
   *   0.808, inside [0.5, 1].
   * Dilution by U's shares: a: 6000 · 10000 = 6e7 > T · W' = 5e7, so
   *   eff = 0.3 + (0.384 - 0.3) · Quo(5e7, 6e7);
   *   Quo = 0.833333333333333333|333... -> 0.833333333333333333;
   *   0.084 · 0.833333333333333333 = 0.069999999999999999|972 -> 0.07;
   *   eff = 0.37.  b: 4e7 <= 5e7: eff = base = 0.808.
   * Groups: a raw trunc(0.37 · 6000) = 2220; b trunc(0.808 · 4000) = 3232. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (
    DYN_CASE ("'base_coefficient': '0.4', 'adaptive_step': '0.02', 'prev_sign': -1",
              "'base_coefficient': '0.8', 'adaptive_step': '0.02', 'prev_sign': -1", CFG_B_STD), &c);
  const PocsimModelCoefficient *a = &r->coefficients[model_of (c, "a")], *b = &r->coefficients[model_of (c, "b")];
  ck_assert_ptr_null (r->halt_error);
  ck_assert_str_eq (dec_text (a->scale.base_coefficient.value), "0.384000000000000000");
  ck_assert_str_eq (dec_text (a->scale.adaptive_step.value), "0.040000000000000000");
  ck_assert_int_eq (a->scale.prev_sign, -1);
  ck_assert_str_eq (dec_text (a->coeff), "0.370000000000000000");
  ck_assert_str_eq (dec_text (b->scale.base_coefficient.value), "0.808000000000000000");
  ck_assert_str_eq (dec_text (b->scale.adaptive_step.value), "0.010000000000000000");
  ck_assert_int_eq (b->scale.prev_sign, 1);
  ck_assert_str_eq (dec_text (b->coeff), "0.808000000000000000");
  ck_assert_int_eq (r->groups[model_of (c, "a")].raw_total, 2220);
  ck_assert_int_eq (r->groups[model_of (c, "b")].raw_total, 3232);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_zone_step_floor_and_clamp)
{
  /* b with target 3000: its E share 3e7 lies in [W · 2500, W · 3500]: the
   * zone; the step resets to step_max / 2 = 0.025, the sign to 0, and the
   * base stays 0.8.  a, previous sign +1 but now -1 (flipped), step
   * 0.006: max(0.006 / 2, 0.005) = 0.005; base 0.31 · 0.995 = 0.30845.
   * U: b's share 4e7 > T·W' = 3e7: eff = 0.5 + 0.3 · Quo(3e7, 4e7) = 0.5 +
   * 0.3 · 0.75 = 0.725.  a: 6e7 > 5e7: eff = 0.3 + 0.00845 · 0.833333333333333333
   * = 0.3 + 0.007041666666666666|66385 -> 0.307041666666666667. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (
    DYN_CASE ("'base_coefficient': '0.31', 'adaptive_step': '0.006', 'prev_sign': 1",
              "'base_coefficient': '0.8', 'adaptive_step': '0.2', 'prev_sign': 1",
              "{'coeff_min': '0.5', 'coeff_max': '1', 'relative_difficulty': '1', 'target_share_bps': 3000}"), &c);
  const PocsimModelCoefficient *a = &r->coefficients[model_of (c, "a")], *b = &r->coefficients[model_of (c, "b")];
  ck_assert_str_eq (dec_text (b->scale.base_coefficient.value), "0.800000000000000000");
  ck_assert_str_eq (dec_text (b->scale.adaptive_step.value), "0.025000000000000000");
  ck_assert_int_eq (b->scale.prev_sign, 0);
  ck_assert_str_eq (dec_text (b->coeff), "0.725000000000000000");
  ck_assert_str_eq (dec_text (a->scale.adaptive_step.value), "0.005000000000000000");
  ck_assert_str_eq (dec_text (a->scale.base_coefficient.value), "0.308450000000000000");
  ck_assert_str_eq (dec_text (a->coeff), "0.307041666666666667");
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_bootstrap_step_and_new_model)
{
  /* b had no weight in E (a 7000 only: b's share 0 < W · 100 bps): the cap
   * is bootstrap_step_max 0.25; sign +1, kept: step = min(0.2 · 2, 0.25) =
   * 0.25; base 1 · 1.25 = 1.25, clamped to coeff_max 1.2.
   * a has no previous state: base coeff_min 0.3, step 0.05 / 2 = 0.025,
   * sign 0, no adjustment. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (
    DYN_CASE_E ("'prev_sign': 0", "'base_coefficient': '1', 'adaptive_step': '0.2', 'prev_sign': 1",
                "{'coeff_min': '0.5', 'coeff_max': '1.2', 'relative_difficulty': '1', 'target_share_bps': 5000}",
                "{'a': {'p1': 7000}}"), &c);
  const PocsimModelCoefficient *a = &r->coefficients[model_of (c, "a")], *b = &r->coefficients[model_of (c, "b")];
  ck_assert_str_eq (dec_text (b->scale.adaptive_step.value), "0.250000000000000000");
  ck_assert_str_eq (dec_text (b->scale.base_coefficient.value), "1.200000000000000000");
  ck_assert_str_eq (dec_text (a->scale.base_coefficient.value), "0.300000000000000000");
  ck_assert_str_eq (dec_text (a->scale.adaptive_step.value), "0.025000000000000000");
  ck_assert_int_eq (a->scale.prev_sign, 0);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_target_zero)
{
  /* target 0: base = coeff_min, step = step_max / 2, sign 0, whatever the
   * state; and with no share above target, no dilution (eff = 0.5). */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (
    DYN_CASE ("'prev_sign': 0", "'base_coefficient': '0.9', 'adaptive_step': '0.2', 'prev_sign': -1",
              "{'coeff_min': '0.5', 'coeff_max': '1', 'relative_difficulty': '1', 'target_share_bps': 0}"), &c);
  const PocsimModelCoefficient *b = &r->coefficients[model_of (c, "b")];
  ck_assert_str_eq (dec_text (b->scale.base_coefficient.value), "0.500000000000000000");
  ck_assert_str_eq (dec_text (b->scale.adaptive_step.value), "0.025000000000000000");
  ck_assert_int_eq (b->scale.prev_sign, 0);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

static void
assert_halts (const char *text, const char *message)
{
  PocsimCase *c;
  PocsimEpochResult *r = form_text (text, &c);
  ck_assert_ptr_nonnull (r->halt_error);
  ck_assert_str_eq (r->halt_error, message);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}

START_TEST (test_halting_errors)
{
  assert_halts (DYN_CASE ("'prev_sign': 0", "'prev_sign': 0",
                          "{'coeff_max': '1', 'relative_difficulty': '1', 'target_share_bps': 5000}"),
                "run weight pipeline: coeff_min for model b cannot be nil");
  assert_halts (DYN_CASE ("'prev_sign': 0", "'prev_sign': 0",
                          "{'coeff_min': '0.5', 'coeff_max': '1', 'relative_difficulty': '0', 'target_share_bps': 5000}"),
                "run weight pipeline: relative difficulty for model \"b\" must be positive");
  assert_halts (DYN_CASE ("'prev_sign': 0", "'base_coefficient': '0.8', 'adaptive_step': '0.1', 'prev_sign': 2", CFG_B_STD),
                "run weight pipeline: previous sign for model \"b\" must be -1, 0, or 1");
  assert_halts (DYN_CASE ("'prev_sign': 0", "'base_coefficient': '0', 'adaptive_step': '0.1', 'prev_sign': 1", CFG_B_STD),
                "run weight pipeline: previous base coefficient for model \"b\" must be positive");
}
END_TEST

START_TEST (test_legacy_mode)
{
  /* No dynamic_coefficient_params: each model's weight_scale_factor, as
   * given: unset is 1, an explicit 0 is 0 (not approved, not eligible); a
   * PoC model outside poc_params gets 0. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (
    "{'rules': 'v0.2.16', 'upcoming_epoch': 50,"
    " 'params': {'delegation_params': {'initial_model_id': 'a'},"
    "   'poc_params': {'models': [{'model_id': 'a'}, {'model_id': 'z', 'weight_scale_factor': '0'},"
    "                             {'model_id': 's', 'weight_scale_factor': {'value': 3593, 'exponent': -4}}]}},"
    " 'previous': {'weights': {'p1': 10}},"
    " 'poc': {'a': {'p1': 10}, 'z': {'p1': 10}, 's': {'p1': 10}, 'x': {'p1': 10}}}", &c);
  ck_assert_str_eq (dec_text (r->coefficients[model_of (c, "a")].coeff), "1.000000000000000000");
  ck_assert_str_eq (dec_text (r->coefficients[model_of (c, "z")].coeff), "0.000000000000000000");
  ck_assert_str_eq (dec_text (r->coefficients[model_of (c, "s")].coeff), "0.359300000000000000");
  ck_assert_str_eq (dec_text (r->coefficients[model_of (c, "x")].coeff), "0.000000000000000000");
  ck_assert (r->coefficients[model_of (c, "x")].effective);
  ck_assert (!r->coefficients[model_of (c, "x")].has_scale);
  ck_assert (!r->groups[model_of (c, "z")].eligible);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

static Suite *
coefficients_suite (void)
{
  Suite *s = suite_create ("coefficients");
  TCase *tc = tcase_create ("storage");
  tcase_add_test (tc, test_encode);
  suite_add_tcase (s, tc);
  tc = tcase_create ("update rules");
  tcase_add_test (tc, test_update_rules);
  tcase_add_test (tc, test_zone_step_floor_and_clamp);
  tcase_add_test (tc, test_bootstrap_step_and_new_model);
  tcase_add_test (tc, test_target_zero);
  suite_add_tcase (s, tc);
  tc = tcase_create ("errors and legacy");
  tcase_add_test (tc, test_halting_errors);
  tcase_add_test (tc, test_legacy_mode);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (coefficients_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
