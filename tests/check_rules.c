/* check_rules.c - formation rules (rules.md §3-§4) and the §6 edge cases.
 *
 * Every expected number is a hand computation written beside the
 * assertion, from rules.md (v0.2.13).  Cases are built in C with
 * tests/case_builder.h.  Unless a test says otherwise the delegation params
 * are the v0.2.12 upgrade values: refusal 0.1, none 0.15, share 0.05,
 * cap_factor 0.75, with w_threshold = 0 and v_min = 0 (both tests off). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "case_builder.h"
#include "epoch.h"
#include "power_cap.h"

static CaseBuilder *
base (gint64 upcoming)
{
  CaseBuilder *b = case_builder_new (upcoming);
  case_builder_rules (b, "v0.2.13");
  case_builder_param (b, "refusal_penalty", "0.1");
  case_builder_param (b, "no_participation_penalty", "0.15");
  case_builder_param (b, "delegation_share", "0.05");
  case_builder_param (b, "cap_factor", "0.75");
  case_builder_param (b, "w_threshold", "0");
  case_builder_param (b, "v_min", "0");
  return b;
}

static PocsimEpochResult *
form (const PocsimCase *c)
{
  GError *error = NULL;
  PocsimEpochResult *r = pocsim_epoch_form (c, &error);
  if (r == NULL)
    ck_abort_msg ("pocsim_epoch_form: %s", error ? error->message : "?");
  return r;
}

#define ZERO "0.000000000000000000"
#define P15 "0.150000000000000000"
#define P10 "0.100000000000000000"
#define ONE "1.000000000000000000"

/* ---------------------------------------------------------------- modes */

/* Row 5: delegation to a non-member => NONE, no VP.
 * T_E = a+b+c+d = 400; cap_factor 1 => cap 400.  m1 R = 300, m2 R = 100, both
 * under the cap.  O: a = 100+50 = 150, b = 150, c = 100.  c delegates m2 -> d
 * (d in E, not a member of m2) => NONE => 0.15·100 = 15 => F[c] = 85.
 * d is NONE too but O[d] = 0 (not in AP) => nothing. */
START_TEST (test_edge_05_delegation_to_non_member)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "cap_factor", "1");
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "1", 0);
  const char *ps[] = { "a", "b", "c", "d" };
  for (int i = 0; i < 4; i++)
    case_builder_prev_weight (b, ps[i], 100);
  case_builder_poc (b, "m1", "a", 100);
  case_builder_poc (b, "m1", "b", 100);
  case_builder_poc (b, "m1", "c", 100);
  case_builder_poc (b, "m2", "a", 50);
  case_builder_poc (b, "m2", "b", 50);
  case_builder_reg_delegation (b, "m2", "c", "d");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_mode (r, "m2", "c"), POCSIM_MODE_NONE);
  ck_assert_int_eq (result_mode (r, "m2", "d"), POCSIM_MODE_NONE);
  ck_assert_int_eq (result_mode (r, "m2", "a"), POCSIM_MODE_DIRECT);
  ck_assert_int_eq (result_consensus (r, "a"), 150);
  ck_assert_int_eq (result_consensus (r, "c"), 100);
  ck_assert_str_eq (result_penalty_str (r, "c"), P15);
  ck_assert_int_eq (result_final (r, "c"), 85);
  ck_assert_int_eq (result_final (r, "d"), 0);
  ck_assert_int_eq (result_transfer_out (r, "c"), 0);
  ck_assert_int_eq (result_vp (r, "m2", "c"), 0);
  ck_assert_int_eq (result_vp (r, "m2", "d"), 0);
  ck_assert_int_eq (result_vp (r, "m2", "a"), 150);
  ck_assert_int_eq (result_vp (r, "m1", "c"), 85);
}
END_TEST

/* Row 6: delegation to a member with zero N-1 weight (newcomer t) => DELEGATE.
 * T_E = a 100 + c 100 = 200; cap_factor 1 => cap 200; m1 R = 200 (not > cap),
 * m2 R = 140.  O: a 200, c 100, t 40.  c DELEGATE in m2: δ = trunc(0.05·100) = 5.
 * t is in Up, not in m1, no record => NONE in m1: 0.15·40 = 6 => 34, then +5 = 39.
 * (after_penalty is the §4.5 output, transfers included: 34 + 5 = 39.)
 * c: 100 − 5 = 95.  VP m2: a 200, t 39 + F[c] 95 = 134.  VP m1: a 200, c 95. */
START_TEST (test_edge_06_delegation_to_zero_weight_member)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "cap_factor", "1");
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "1", 0);
  case_builder_prev_weight (b, "a", 100);
  case_builder_prev_weight (b, "c", 100);
  case_builder_poc (b, "m1", "a", 100);
  case_builder_poc (b, "m1", "c", 100);
  case_builder_poc (b, "m2", "a", 100);
  case_builder_poc (b, "m2", "t", 40);
  case_builder_reg_delegation (b, "m2", "c", "t");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_mode (r, "m2", "c"), POCSIM_MODE_DELEGATE);
  ck_assert_int_eq (result_mode (r, "m1", "t"), POCSIM_MODE_NONE);
  ck_assert_int_eq (result_consensus (r, "a"), 200);
  ck_assert_int_eq (result_consensus (r, "c"), 100);
  ck_assert_int_eq (result_consensus (r, "t"), 40);
  ck_assert_int_eq (result_transfer_out (r, "c"), 5);
  ck_assert_int_eq (result_transfer_in (r, "t"), 5);
  ck_assert_int_eq (result_after_penalty (r, "t"), 39);
  ck_assert_int_eq (result_final (r, "t"), 39);
  ck_assert_int_eq (result_final (r, "c"), 95);
  ck_assert_int_eq (result_final (r, "a"), 200);
  ck_assert_int_eq (result_vp (r, "m2", "t"), 134);
  ck_assert_int_eq (result_vp (r, "m2", "a"), 200);
  ck_assert_int_eq (result_vp (r, "m2", "c"), 0);
  ck_assert_int_eq (result_vp (r, "m1", "c"), 95);
}
END_TEST

/* Row 7: a member's own delegation record is ignored: DIRECT, no transfer.
 * Sole group, uncapped: O = pw = 100 each; no penalty; VP = F. */
START_TEST (test_edge_07_member_own_delegation_ignored)
{
  CaseBuilder *b = base (300);
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "a", 100);
  case_builder_prev_weight (b, "b", 100);
  case_builder_poc (b, "m", "a", 100);
  case_builder_poc (b, "m", "b", 100);
  case_builder_reg_delegation (b, "m", "a", "b");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_mode (r, "m", "a"), POCSIM_MODE_DIRECT);
  ck_assert_int_eq (result_transfer_out (r, "a"), 0);
  ck_assert_int_eq (result_transfer_in (r, "b"), 0);
  ck_assert_int_eq (result_final (r, "a"), 100);
  ck_assert_int_eq (result_final (r, "b"), 100);
  ck_assert_int_eq (result_vp (r, "m", "a"), 100);
  ck_assert_int_eq (result_vp (r, "m", "b"), 100);
}
END_TEST

/* Row 8: a newcomer's refusal counts (REFUSE, 0.1): its commit puts it in the
 * regular snapshot (E live members ∪ committers).
 * T_E = 300 (a); cap_factor 1 => cap 300; m1 R = 200, m2 R = 100.
 * O: a 200, n 100.  n refuses m2 => 0.1·100 = 10 => F[n] = 90. */
START_TEST (test_edge_08_newcomer_refusal)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "cap_factor", "1");
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "1", 0);
  case_builder_prev_weight (b, "a", 300);
  case_builder_poc (b, "m1", "a", 100);
  case_builder_poc (b, "m1", "n", 100);
  case_builder_commit (b, "m1", "n");
  case_builder_poc (b, "m2", "a", 100);
  case_builder_refusal (b, "m2", "n");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_mode (r, "m2", "n"), POCSIM_MODE_REFUSE);
  ck_assert_int_eq (result_consensus (r, "n"), 100);
  ck_assert_str_eq (result_penalty_str (r, "n"), P10);
  ck_assert_int_eq (result_final (r, "n"), 90);
  ck_assert_int_eq (result_final (r, "a"), 200);
}
END_TEST

static Suite *
rules_suite (void)
{
  Suite *s = suite_create ("rules");
  TCase *tc;

  tc = tcase_create ("modes");
  tcase_add_test (tc, test_edge_05_delegation_to_non_member);
  tcase_add_test (tc, test_edge_06_delegation_to_zero_weight_member);
  tcase_add_test (tc, test_edge_07_member_own_delegation_ignored);
  tcase_add_test (tc, test_edge_08_newcomer_refusal);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (rules_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0;
}
