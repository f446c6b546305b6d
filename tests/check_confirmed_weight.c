/* check_confirmed_weight.c - what a v0.2.16 formation reads of epoch E
 * (sim/rules/confirmed_weight.h): the previous confirmed weight, the
 * failed miss-rate zeroing, and the trust base state of pre-eligibility.
 *
 * Known answers: the chain's EffectiveConfirmedWeight (types/weight.go,
 * spec v0.2.16.md §1 Q2) and hand computations written out beside each
 * case. */
#include <check.h>
#include <stdlib.h>

#include "case_text.h"
#include "rules/confirmed_weight.h"

START_TEST (test_effective_confirmed_weight)
{
  /* (weight, confirmation, raw) -> weight · max(confirmation, 0) / raw, floored, at most weight */
  static const struct { gint64 w, cw, raw, want; } table[] = {
    { 0, 5, 5, 0 },       /* no weight */
    { 100, 5, 0, 0 },     /* raw 0: every model excluded from confirmation */
    { 100, -3, 10, 0 },   /* a negative confirmation counts 0 */
    { 100, 10, 10, 100 }, /* fully confirmed */
    { 100, 12, 10, 100 }, /* a ratio above 1 keeps the weight */
    { 100, 7, 10, 70 },   /* 100 · 7 / 10 */
    { 7, 2, 3, 4 },       /* 7 · 2 / 3 = 4.67, floored */
    { G_MAXINT64, G_MAXINT64 - 1, G_MAXINT64, G_MAXINT64 - 1 }, /* the product needs 127 bits */
  };
  for (guint k = 0; k < G_N_ELEMENTS (table); k++)
    ck_assert_int_eq (pocsim_effective_confirmed_weight (table[k].w, table[k].cw, table[k].raw), table[k].want);
}
END_TEST

/* E had two models with scales: a (effective 0.5) and b (excluded from
 * confirmation, effective 2).  alice: W_E 1000, E nodes a 800 and b 300;
 * bob: W_E 600, node a 400, confirmation weight 100 after E's cPoC;
 * carol: W_E 500, node only in b; dave: W_E 50, no node. */
#define CONFIRMED_CASE(FAILED, POC) \
  "{'rules': 'v0.2.16', 'upcoming_epoch': 30," \
  " 'params': {'delegation_params': {'initial_model_id': 'a', 'cap_factor': '1'}," \
  "            'poc_params': {'models': [{'model_id': 'a', 'weight_scale_factor': '0.5'}," \
  "                                      {'model_id': 'b', 'weight_scale_factor': '2'}]}}," \
  " 'previous': {'weights': {'alice': 1000, 'bob': 600, 'carol': 500, 'dave': 50}," \
  "              'voting_powers': {'a': {'alice': 1000, 'bob': 600}, 'b': {'carol': 500}}," \
  "              'nodes': {'a': {'alice': 800, 'bob': 400}, 'b': {'alice': 300, 'carol': 250}}," \
  "              'confirmation_weights': {'bob': 100}," \
  "              'coefficient_scales': [" \
  "                {'model_id': 'a', 'effective_coefficient': '0.5', 'prev_sign': 0, 'exclude_from_confirmation': false}," \
  "                {'model_id': 'b', 'effective_coefficient': '2', 'prev_sign': 0, 'exclude_from_confirmation': true}]," \
  "              'failed_miss_rate': [" FAILED "]}," \
  " 'poc': " POC "}"

#define FRESH_POC "{'a': {'alice': 800, 'bob': 400}, 'b': {'carol': 250}}"

START_TEST (test_previous_confirmed_weight)
{
  /* Only a's scale confirms.  rawConf = trunc(0.5 · node weight in a):
   *   alice 400, bob 200, carol 0 (no a node), dave 0.
   *   alice: no cPoC value, so CW = rawConf: 400 >= 400 -> W_E = 1000;
   *   bob: CW 100 < 200 -> floor(100 · 600 / 200) = 300;
   *   carol, dave: raw 0 -> 0.
   * T = 1000 + 300 = 1300. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (CONFIRMED_CASE ("", FRESH_POC), &c);
  ck_assert_int_eq (r->prev_weight[addr_of (c, "alice")], 1000);
  ck_assert_int_eq (r->prev_weight[addr_of (c, "bob")], 300);
  ck_assert_int_eq (r->prev_weight[addr_of (c, "carol")], 0);
  ck_assert_int_eq (r->prev_weight[addr_of (c, "dave")], 0);
  ck_assert_int_eq (r->total_previous_weight, 1300);
  /* b's group is capped at cap_factor · T = 1300, not at Σ W_E = 2150. */
  ck_assert_int_eq (r->groups[model_of (c, "b")].cap, 1300);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_failed_miss_rate)
{
  /* alice failed E's miss-rate test: her 1000 goes from T (300 left); she
   * keeps her key, so a newcomer she is not: trust = min(F, 0) = 0. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (CONFIRMED_CASE ("'alice'", FRESH_POC), &c);
  guint alice = addr_of (c, "alice");
  ck_assert_int_eq (r->prev_weight[alice], 0);
  ck_assert_int_eq (r->total_previous_weight, 300);
  ck_assert_int_gt (r->final[alice], 0);
  ck_assert_int_eq (r->cap_weight[alice], 0);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_miss_rate_not_zeroed_on_the_carry)
{
  /* Nobody has fresh PoC: E's validators are carried, and then the failed
   * set is not applied (spec §3 F4): alice keeps 1000. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (CONFIRMED_CASE ("'alice'", "{}"), &c);
  ck_assert_int_eq (r->fallback, POCSIM_FALLBACK_NO_FRESH_POC_NODE);
  ck_assert_int_eq (r->prev_weight[addr_of (c, "alice")], 1000);
  ck_assert_int_eq (r->total_previous_weight, 1300);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_no_scales_reads_w_e)
{
  /* Without E's scales the previous confirmed weight is W_E (Q2). */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (
    "{'rules': 'v0.2.16', 'upcoming_epoch': 30,"
    " 'params': {'poc_params': {'models': [{'model_id': 'a'}]}},"
    " 'previous': {'weights': {'alice': 1000, 'bob': 600}, 'confirmation_weights': {'bob': 1}},"
    " 'poc': {'a': {'alice': 10}}}", &c);
  ck_assert_int_eq (r->prev_weight[addr_of (c, "bob")], 600);
  ck_assert_int_eq (r->total_previous_weight, 1600);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

/* Pre-eligibility of bootstrap model n: alice and bob hold an intent. */
#define BASE_CASE(UPCOMING, CAPS) \
  "{'rules': 'v0.2.16', 'upcoming_epoch': " UPCOMING "," \
  " 'params': {'delegation_params': {'w_threshold': '0', 'v_min': '0', 'initial_model_id': 'a'}," \
  "            'poc_params': {'models': [{'model_id': 'a'}, {'model_id': 'n'}]}}," \
  " 'previous': {'weights': {'alice': 1000, 'bob': 600, 'carol': 400}," \
  "              'voting_powers': {'a': {'alice': 1000, 'bob': 600, 'carol': 400}}" CAPS "}," \
  " 'bootstrap_snapshot': {'intents': [{'model_id': 'n', 'participant': 'alice'}," \
  "                                    {'model_id': 'n', 'participant': 'bob'}]}," \
  " 'poc': {'a': {'alice': 1000, 'bob': 600, 'carol': 400}}}"

START_TEST (test_base_state_trust)
{
  /* AP(E) applied its caps: alice 100, bob 600, carol 0 (missing = 0).
   * B = 100/600/0, BT = 700; intent weight 700, reach 3·700 > 2·700. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (BASE_CASE ("30", ", 'cap_weights': {'alice': 100, 'bob': 600}"), &c);
  ck_assert_uint_eq (r->n_bootstrap, 1);
  ck_assert_int_eq (r->bootstrap[0].total_network_weight, 700);
  ck_assert_int_eq (r->bootstrap[0].intent_weight, 700);
  ck_assert_int_eq (r->bootstrap[0].intent_host_count, 2);
  ck_assert (r->bootstrap[0].meets_reachability);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_base_state_caps_not_applied)
{
  /* cap_weight_applied false and every cap 0: the real weights (an epoch
   * formed before the upgrade).  BT = 2000, intent weight 1600. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (BASE_CASE ("30", ", 'cap_weights': {}, 'cap_weight_applied': false"), &c);
  ck_assert_int_eq (r->bootstrap[0].total_network_weight, 2000);
  ck_assert_int_eq (r->bootstrap[0].intent_weight, 1600);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_base_state_epoch_zero)
{
  /* E = 0: raw weights whatever the caps say; and every model of
   * poc_params is a candidate (epoch 0 has no model voting power). */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (BASE_CASE ("1", ", 'cap_weights': {'alice': 100, 'bob': 600}"), &c);
  ck_assert_uint_eq (r->n_bootstrap, 2);
  ck_assert_int_eq (r->bootstrap[0].total_network_weight, 2000);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

static Suite *
confirmed_weight_suite (void)
{
  Suite *s = suite_create ("confirmed_weight");
  TCase *tc = tcase_create ("previous confirmed weight");
  tcase_add_test (tc, test_effective_confirmed_weight);
  tcase_add_test (tc, test_previous_confirmed_weight);
  tcase_add_test (tc, test_no_scales_reads_w_e);
  suite_add_tcase (s, tc);
  tc = tcase_create ("failed miss-rate");
  tcase_add_test (tc, test_failed_miss_rate);
  tcase_add_test (tc, test_miss_rate_not_zeroed_on_the_carry);
  suite_add_tcase (s, tc);
  tc = tcase_create ("trust base state");
  tcase_add_test (tc, test_base_state_trust);
  tcase_add_test (tc, test_base_state_caps_not_applied);
  tcase_add_test (tc, test_base_state_epoch_zero);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (confirmed_weight_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
