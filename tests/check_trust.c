/* check_trust.c - the trust weight of v0.2.16 (sim/rules/trust.h).
 *
 * Known answers: the chain's own test of the previous-epoch cap
 * (previous_epoch_cap_test.go, quoted in spec v0.2.16.md §1 and
 * versions.md §3(d)) and hand computations written out beside each case. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "case_text.h"

/* One model m, coefficient 1, initial (uncapped), power cap switch on.
 * previous: alice 400, bob 70, no coefficient scales, so the previous
 * confirmed weight is W_E itself: alice 400, bob 70, carol new. */
#define TRUST_CASE(GENESIS) \
  "{'rules': 'v0.2.16', 'upcoming_epoch': 420," \
  " 'params': {'delegation_params': {'initial_model_id': 'm', 'cap_factor': '1'}," \
  "            'poc_params': {'models': [{'model_id': 'm', 'weight_scale_factor': '1'}]}," \
  "            'genesis_only_params': {'max_individual_power_percentage': '" GENESIS "'}}," \
  " 'previous': {'weights': {'alice': 400, 'bob': 70}, 'voting_powers': {'m': {'alice': 400, 'bob': 70}}}," \
  " 'poc': {'m': {'alice': 400, 'bob': 350, 'carol': 250}}}"

START_TEST (test_chain_example)
{
  /* Real weights F = 400/350/250: with 3 hosts the 40 % tier, sorted
   * 250, 350, 400; 250 > 0.4·750? 350 > 0.4·(250 + 700)? 400 > 0.4·1000?
   * no, no, no: F is not capped.  Trust before the cap = min(F, prev) =
   * min(400, 400) / min(350, 70) / 0 (newcomer) = 400/70/0.  Two positive
   * hosts: the 50 % tier, sorted 70, 400: 70 > 0.5·140? no; 400 >
   * 0.5·(70 + 400) = 235: yes, cap = 0.5·70 / (1 - 0.5·1) = 70.
   * Trust 70/70/0; voting power from trust. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (TRUST_CASE ("0.3"), &c);
  guint m = model_of (c, "m");
  const char *who[] = { "alice", "bob", "carol" };
  gint64 final[] = { 400, 350, 250 }, trust[] = { 70, 70, 0 };
  for (guint k = 0; k < 3; k++)
    {
      guint a = addr_of (c, who[k]);
      ck_assert_int_eq (r->final[a], final[k]);
      ck_assert_int_eq (r->cap_weight[a], trust[k]);
      ck_assert_int_eq (r->voting_power[pocsim_cell (c, m, a)], trust[k]);
    }
  ck_assert (!r->zero_trust_fallback);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_no_trust_cap_without_the_switch)
{
  /* The trust power cap has the real cap's switch: off, trust stays
   * min(F, prev) = 400/70/0. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (TRUST_CASE ("0"), &c);
  ck_assert_int_eq (r->cap_weight[addr_of (c, "alice")], 400);
  ck_assert_int_eq (r->cap_weight[addr_of (c, "bob")], 70);
  ck_assert_int_eq (r->cap_weight[addr_of (c, "carol")], 0);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_zero_trust_fallback)
{
  /* Only a newcomer has weight: every trust weight is 0 while its real
   * weight is 100, so the chain copies the real weights (the
   * newcomer-only chain test). */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (
    "{'rules': 'v0.2.16', 'upcoming_epoch': 2,"
    " 'params': {'delegation_params': {'initial_model_id': 'm'},"
    "            'poc_params': {'models': [{'model_id': 'm', 'weight_scale_factor': '1'}]}},"
    " 'previous': {'weights': {'veteran': 100}, 'nodes': {'m': {'veteran': 100}},"
    "              'voting_powers': {'m': {'veteran': 100}}},"
    " 'poc': {'m': {'newcomer': 100}}}", &c);
  guint a = addr_of (c, "newcomer");
  ck_assert (r->zero_trust_fallback);
  ck_assert_int_eq (r->final[a], 100);
  ck_assert_int_eq (r->cap_weight[a], 100);
  ck_assert_int_eq (r->voting_power[pocsim_cell (c, model_of (c, "m"), a)], 100);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_delegated_voting_power_is_trust)
{
  /* bob delegates m to alice; both are members of E (W_E 100 and 60, no
   * scales: previous confirmed 100 and 60, T = 160).  alice runs m (the
   * initial model, uncapped): O = 500.  bob runs m2, capped at cap_factor·T
   * = 160 < 300: scale = Quo(160, 300) = 0.533333333333333333, O =
   * trunc(0.533333333333333333 · 300) = 159.  Trust = min(F, prev) = 100
   * and 60; alice's VP in m = her trust 100 + bob's 60 = 160 (the final
   * weights would give 500 + 159). */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (
    "{'rules': 'v0.2.16', 'upcoming_epoch': 9,"
    " 'params': {'delegation_params': {'initial_model_id': 'm', 'cap_factor': '1'},"
    "            'poc_params': {'models': [{'model_id': 'm', 'weight_scale_factor': '1'},"
    "                                      {'model_id': 'm2', 'weight_scale_factor': '1'}]}},"
    " 'previous': {'weights': {'alice': 100, 'bob': 60},"
    "              'voting_powers': {'m': {'alice': 100}, 'm2': {'bob': 60}}},"
    " 'delegation_snapshot': {'delegations': [{'model_id': 'm', 'delegator': 'bob', 'delegate_to': 'alice'}]},"
    " 'poc': {'m': {'alice': 500}, 'm2': {'bob': 300}}}", &c);
  guint m = model_of (c, "m"), alice = addr_of (c, "alice"), bob = addr_of (c, "bob");
  ck_assert_int_eq (r->final[alice], 500);
  ck_assert_int_eq (r->final[bob], 159);
  ck_assert_int_eq (r->cap_weight[alice], 100);
  ck_assert_int_eq (r->cap_weight[bob], 60);
  ck_assert_int_eq (r->mode[pocsim_cell (c, m, bob)], POCSIM_MODE_DELEGATE);
  ck_assert_int_eq (r->voting_power[pocsim_cell (c, m, alice)], 160);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_before_v0216_trust_is_final)
{
  /* The same case under v0.2.14: no trust weight; VP from F. */
  g_autofree char *text = g_strdup (TRUST_CASE ("0"));
  memcpy (strstr (text, "v0.2.16"), "v0.2.14", 7);
  PocsimCase *c;
  PocsimEpochResult *r = form_text (text, &c);
  guint a = addr_of (c, "carol");
  ck_assert_int_eq (r->cap_weight[a], 250);
  ck_assert_int_eq (r->voting_power[pocsim_cell (c, model_of (c, "m"), a)], 250);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

static Suite *
trust_suite (void)
{
  Suite *s = suite_create ("trust");
  TCase *tc = tcase_create ("cap weight");
  tcase_add_test (tc, test_chain_example);
  tcase_add_test (tc, test_no_trust_cap_without_the_switch);
  tcase_add_test (tc, test_zero_trust_fallback);
  suite_add_tcase (s, tc);
  tc = tcase_create ("voting power");
  tcase_add_test (tc, test_delegated_voting_power_is_trust);
  tcase_add_test (tc, test_before_v0216_trust_is_final);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (trust_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
