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

/* ------------------------------------------------------------ penalties */

/* Rows 12: transfer target missing from AP => skipped, sender keeps weight.
 * Only reachable in a unit-test-like state (members ⊂ Up in production): t is
 * a member of m2 and in E (participates via W_E > 0), then removed from AP.
 * T_E = 300, cap_factor 1 => cap 300; m1 R = 200, m2 R = 100.
 * O[s] = 100 (m1).  s DELEGATE m2 -> t: δ would be trunc(0.05·100) = 5, but t ∉ AP
 * => no transfer, F[s] = 100, no burn. */
START_TEST (test_edge_12_missing_recipient_keeps_weight)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "cap_factor", "1");
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "1", 0);
  case_builder_prev_weight (b, "a", 100);
  case_builder_prev_weight (b, "s", 100);
  case_builder_prev_weight (b, "t", 100);
  case_builder_poc (b, "m1", "a", 100);
  case_builder_poc (b, "m1", "s", 100);
  case_builder_poc (b, "m2", "a", 50);
  case_builder_poc (b, "m2", "t", 50);
  case_builder_reg_delegation (b, "m2", "s", "t");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  c->addr_flags[case_addr (c, "t")] &= (guint8) ~POCSIM_ADDR_ACTIVE;
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_mode (r, "m2", "s"), POCSIM_MODE_DELEGATE);
  ck_assert_int_eq (result_consensus (r, "s"), 100);
  ck_assert_int_eq (result_transfer_out (r, "s"), 0);
  ck_assert_int_eq (result_transfer_in (r, "t"), 0);
  ck_assert_int_eq (result_final (r, "s"), 100);
  ck_assert_str_eq (result_penalty_str (r, "s"), ZERO);
}
END_TEST

/* Common shape for row 13: T_E = 1100 (a 1000, s 100), cap_factor 1 => cap 1100.
 * m1 {a 100, s 100}, m2 {a 100}, m3 {a 100}: O[a] = 300, O[s] = 100.
 * s: m1 DIRECT, m2 DELEGATE -> a, m3 NONE.  share 0.5. */
static PocsimCase *
clamp_case (const char *none)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "cap_factor", "1");
  case_builder_param (b, "delegation_share", "0.5");
  case_builder_param (b, "no_participation_penalty", none);
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "1", 0);
  case_builder_model (b, "m3", "1", 0);
  case_builder_prev_weight (b, "a", 1000);
  case_builder_prev_weight (b, "s", 100);
  case_builder_poc (b, "m1", "a", 100);
  case_builder_poc (b, "m1", "s", 100);
  case_builder_poc (b, "m2", "a", 100);
  case_builder_poc (b, "m3", "a", 100);
  case_builder_reg_delegation (b, "m2", "s", "a");
  return case_builder_finish (b);
}

/* Row 13 (partial): none 0.6 => s: 100 − trunc(0.6·100) = 40.  δ = trunc(0.5·100)
 * = 50, clamped to 40 => s 0, a 300 + 40 = 340.  VP m2: a 340 + F[s] 0 = 340. */
START_TEST (test_edge_13_transfer_clamped_by_penalty)
{
  g_autoptr (PocsimCase) c = clamp_case ("0.6");
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_mode (r, "m3", "s"), POCSIM_MODE_NONE);
  ck_assert_int_eq (result_consensus (r, "a"), 300);
  ck_assert_int_eq (result_consensus (r, "s"), 100);
  ck_assert_str_eq (result_penalty_str (r, "s"), "0.600000000000000000");
  ck_assert_int_eq (result_transfer_out (r, "s"), 40);
  ck_assert_int_eq (result_transfer_in (r, "a"), 40);
  ck_assert_int_eq (result_final (r, "s"), 0);
  ck_assert_int_eq (result_final (r, "a"), 340);
  ck_assert_int_eq (result_vp (r, "m2", "a"), 340);
}
END_TEST

/* Row 13 (fully clamped): none 1 => s: 100 − 100 = 0; δ = min(50, 0) = 0. */
START_TEST (test_edge_13_transfer_fully_clamped)
{
  g_autoptr (PocsimCase) c = clamp_case ("1");
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_str_eq (result_penalty_str (r, "s"), ONE);
  ck_assert_int_eq (result_transfer_out (r, "s"), 0);
  ck_assert_int_eq (result_transfer_in (r, "a"), 0);
  ck_assert_int_eq (result_final (r, "s"), 0);
  ck_assert_int_eq (result_final (r, "a"), 300);
}
END_TEST

/* Row 14 (additive): models m1..m3, p member of m1 only, refuses m2, nothing for
 * m3.  T_E = 1000 (a 900, p 100), cap_factor 1 => cap 1000; m1 R 200, m2/m3 R 100.
 * O[p] = 100; frac = 0.1 + 0.15 = 0.25 => 100 − 25 = 75. */
START_TEST (test_edge_14_penalties_additive)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "cap_factor", "1");
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "1", 0);
  case_builder_model (b, "m3", "1", 0);
  case_builder_prev_weight (b, "a", 900);
  case_builder_prev_weight (b, "p", 100);
  case_builder_poc (b, "m1", "a", 100);
  case_builder_poc (b, "m1", "p", 100);
  case_builder_poc (b, "m2", "a", 100);
  case_builder_poc (b, "m3", "a", 100);
  case_builder_refusal (b, "m2", "p");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_mode (r, "m2", "p"), POCSIM_MODE_REFUSE);
  ck_assert_int_eq (result_mode (r, "m3", "p"), POCSIM_MODE_NONE);
  ck_assert_str_eq (result_penalty_str (r, "p"), "0.250000000000000000");
  ck_assert_int_eq (result_final (r, "p"), 75);
  ck_assert_int_eq (result_final (r, "a"), 300);
}
END_TEST

/* Row 14 (capped at 1): refusal 0.6, none 0.7: p refuses m2, NONE in m3 =>
 * 1.3 capped to 1 => 100 − 100 = 0 (never negative). */
START_TEST (test_edge_14_penalties_capped_at_one)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "cap_factor", "1");
  case_builder_param (b, "refusal_penalty", "0.6");
  case_builder_param (b, "no_participation_penalty", "0.7");
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "1", 0);
  case_builder_model (b, "m3", "1", 0);
  case_builder_prev_weight (b, "a", 900);
  case_builder_prev_weight (b, "p", 100);
  case_builder_poc (b, "m1", "a", 100);
  case_builder_poc (b, "m1", "p", 100);
  case_builder_poc (b, "m2", "a", 100);
  case_builder_poc (b, "m3", "a", 100);
  case_builder_refusal (b, "m2", "p");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_str_eq (result_penalty_str (r, "p"), ONE);
  ck_assert_int_eq (result_final (r, "p"), 0);
  ck_assert_int_eq (result_final (r, "a"), 300);
}
END_TEST

/* Row 15: penalty_start_epoch compared with the UPCOMING epoch U.
 * m1 {a 100, p 100}, m2 {a 100} with penalty_start 300; p NONE in m2.
 * T_E = 1000, cap 1000.  U = 300 = start => reached: 0.15·100 = 15 => 85.
 * U = 299 = start − 1 => not reached: 100. */
static PocsimCase *
start_case (gint64 upcoming)
{
  CaseBuilder *b = base (upcoming);
  case_builder_param (b, "cap_factor", "1");
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "1", 300);
  case_builder_prev_weight (b, "a", 900);
  case_builder_prev_weight (b, "p", 100);
  case_builder_poc (b, "m1", "a", 100);
  case_builder_poc (b, "m1", "p", 100);
  case_builder_poc (b, "m2", "a", 100);
  return case_builder_finish (b);
}

START_TEST (test_edge_15_penalty_start_equal_applies)
{
  g_autoptr (PocsimCase) c = start_case (300);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_mode (r, "m2", "p"), POCSIM_MODE_NONE);
  ck_assert_str_eq (result_penalty_str (r, "p"), P15);
  ck_assert_int_eq (result_final (r, "p"), 85);
}
END_TEST

START_TEST (test_edge_15_penalty_start_minus_one_skipped)
{
  g_autoptr (PocsimCase) c = start_case (299);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_mode (r, "m2", "p"), POCSIM_MODE_NONE);
  ck_assert_str_eq (result_penalty_str (r, "p"), ZERO);
  ck_assert_int_eq (result_final (r, "p"), 100);
}
END_TEST

/* Row 16: O[p] = 0 => no penalty, no transfer.  z is in AP with no PoC
 * (participant, O = 0), in E (W_E 50), delegates m -> a; NONE elsewhere.
 * Sole group: O[a] = 100.  z: nothing charged, nothing moved; VP[a] = 100 + 0. */
START_TEST (test_edge_16_zero_original_weight)
{
  CaseBuilder *b = base (300);
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "a", 100);
  case_builder_prev_weight (b, "z", 50);
  case_builder_poc (b, "m", "a", 100);
  case_builder_participant (b, "z");
  case_builder_reg_delegation (b, "m", "z", "a");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_mode (r, "m", "z"), POCSIM_MODE_DELEGATE);
  ck_assert_int_eq (result_consensus (r, "z"), 0);
  ck_assert_str_eq (result_penalty_str (r, "z"), ZERO);
  ck_assert_int_eq (result_transfer_out (r, "z"), 0);
  ck_assert_int_eq (result_transfer_in (r, "a"), 0);
  ck_assert_int_eq (result_final (r, "a"), 100);
  ck_assert_int_eq (result_vp (r, "m", "a"), 100);
}
END_TEST

/* ------------------------------------------------------ bootstrap modes */

/* Shared shape for rows 17-19: T_E = 1000 (a 700, p/q/r 100); sole eligible
 * m {a, p, q, r: 100 each} => O = 100 each.  Bootstrap candidate k (in params,
 * no VP_E, no members => not eligible).  Intent k: q (R = 100; 3·100 > 2·1000?
 * no => not pre-eligible).  p committed to k (PoC failed: not in poc[k]).
 * r refused k (regular snapshot).  a: nothing. */
static PocsimCase *
boot_case (void)
{
  CaseBuilder *b = base (300);
  case_builder_model (b, "k", "1", 0);
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "a", 700);
  const char *ps[] = { "a", "p", "q", "r" };
  for (int i = 0; i < 4; i++)
    case_builder_poc (b, "m", ps[i], 100);
  case_builder_prev_weight (b, "p", 100);
  case_builder_prev_weight (b, "q", 100);
  case_builder_prev_weight (b, "r", 100);
  case_builder_boot_intent (b, "k", "q");
  case_builder_commit (b, "k", "p");
  case_builder_refusal (b, "k", "r");
  return case_builder_finish (b);
}

/* Row 17: committer of a non-pre-eligible bootstrap model => Direct, no penalty. */
START_TEST (test_edge_17_failed_committer_direct)
{
  g_autoptr (PocsimCase) c = boot_case ();
  g_autoptr (PocsimEpochResult) r = form (c);
  const PocsimPreEligibility *pe = result_preelig (r, "k");
  ck_assert_ptr_nonnull (pe);
  ck_assert (!pe->pre_eligible);
  ck_assert_int_eq (pe->intent_weight, 100);
  ck_assert_int_eq (pe->reachable_voting_power, 100);
  ck_assert_int_eq (pe->total_network_weight, 1000);
  ck_assert (!result_group (r, "k")->eligible);
  ck_assert_int_eq (result_bmode (r, "k", "p"), POCSIM_BMODE_DIRECT);
  ck_assert_str_eq (result_penalty_str (r, "p"), ZERO);
  ck_assert_int_eq (result_final (r, "p"), 100);
}
END_TEST

/* Row 18 (first half): intent on a non-pre-eligible model => INTENT_OK, no penalty. */
START_TEST (test_edge_18_intent_not_preeligible_ok)
{
  g_autoptr (PocsimCase) c = boot_case ();
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_bmode (r, "k", "q"), POCSIM_BMODE_INTENT_OK);
  ck_assert_str_eq (result_penalty_str (r, "q"), ZERO);
  ck_assert_int_eq (result_final (r, "q"), 100);
  /* a: no record => None => 0.15·100 = 15 => 85 */
  ck_assert_int_eq (result_bmode (r, "k", "a"), POCSIM_BMODE_NONE);
  ck_assert_int_eq (result_final (r, "a"), 85);
}
END_TEST

/* Row 18 (second half): intents a and q => R = 800; 3·800 = 2400 > 2000 =>
 * pre-eligible; neither committed => INTENT_MISSED => 0.15 => 100 − 15 = 85. */
START_TEST (test_edge_18_intent_preeligible_missed)
{
  CaseBuilder *b = base (300);
  case_builder_model (b, "k", "1", 0);
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "a", 700);
  case_builder_prev_weight (b, "q", 300);
  case_builder_poc (b, "m", "a", 100);
  case_builder_poc (b, "m", "q", 100);
  case_builder_boot_intent (b, "k", "a");
  case_builder_boot_intent (b, "k", "q");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  const PocsimPreEligibility *pe = result_preelig (r, "k");
  ck_assert_ptr_nonnull (pe);
  ck_assert (pe->pre_eligible);
  ck_assert_int_eq (pe->intent_weight, 1000);
  ck_assert_int_eq (pe->intent_host_count, 2);
  ck_assert_int_eq (result_bmode (r, "k", "q"), POCSIM_BMODE_INTENT_MISSED);
  ck_assert_str_eq (result_penalty_str (r, "q"), P15);
  ck_assert_int_eq (result_final (r, "q"), 85);
  ck_assert_int_eq (result_final (r, "a"), 85);
}
END_TEST

/* Row 19: a refusal on a bootstrap model is not read => None => 0.15, not 0.10:
 * r: 100 − 15 = 85. */
START_TEST (test_edge_19_bootstrap_refusal_is_none)
{
  g_autoptr (PocsimCase) c = boot_case ();
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_bmode (r, "k", "r"), POCSIM_BMODE_NONE);
  ck_assert_str_eq (result_penalty_str (r, "r"), P15);
  ck_assert_int_eq (result_final (r, "r"), 85);
}
END_TEST

/* Row 20: candidate k became eligible (member a) => regular modes: r REFUSE
 * (0.10, not the bootstrap 0.15), p/q NONE (0.15).  cap_factor 1 => cap 1000;
 * m R = 400, k R = 100.  O: a 200, p/q/r 100 => p 85, q 85, r 90, a 200. */
START_TEST (test_edge_20_bootstrap_model_became_eligible)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "cap_factor", "1");
  case_builder_model (b, "k", "1", 0);
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "a", 700);
  const char *ps[] = { "a", "p", "q", "r" };
  for (int i = 0; i < 4; i++)
    case_builder_poc (b, "m", ps[i], 100);
  case_builder_prev_weight (b, "p", 100);
  case_builder_prev_weight (b, "q", 100);
  case_builder_prev_weight (b, "r", 100);
  case_builder_poc (b, "k", "a", 100);
  case_builder_commit (b, "k", "a");
  case_builder_boot_intent (b, "k", "a");
  case_builder_refusal (b, "k", "r");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert (result_group (r, "k")->eligible);
  ck_assert_int_eq (result_mode (r, "k", "r"), POCSIM_MODE_REFUSE);
  ck_assert_int_eq (result_mode (r, "k", "p"), POCSIM_MODE_NONE);
  ck_assert_int_eq (result_consensus (r, "a"), 200);
  ck_assert_int_eq (result_final (r, "a"), 200);
  ck_assert_int_eq (result_final (r, "p"), 85);
  ck_assert_int_eq (result_final (r, "q"), 85);
  ck_assert_int_eq (result_final (r, "r"), 90);
}
END_TEST

/* -------------------------------------------------------------- weights */

/* Row 22: sole eligible group, non-initial: T_E = 100, cap_factor 0.75 would
 * give 75 < R = 200, but the sole group is uncapped: cap −1, O[a] = 200. */
START_TEST (test_edge_22_sole_group_uncapped)
{
  CaseBuilder *b = base (300);
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "a", 100);
  case_builder_poc (b, "m", "a", 200);
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_group (r, "m")->cap, -1);
  ck_assert_int_eq (result_group (r, "m")->raw_total, 200);
  ck_assert_str_eq (result_scale_str (r, "m"), ONE);
  ck_assert_int_eq (result_consensus (r, "a"), 200);
}
END_TEST

/* Row 23: cap_factor 0 with two non-initial groups: cap = 0 < R => scale =
 * Quo(0, R) = 0 => each contributes 0 => O[a] = 0. */
START_TEST (test_edge_23_cap_factor_zero)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "cap_factor", "0");
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "1", 0);
  case_builder_prev_weight (b, "a", 100);
  case_builder_poc (b, "m1", "a", 100);
  case_builder_poc (b, "m2", "a", 50);
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_group (r, "m1")->cap, 0);
  ck_assert_int_eq (result_group (r, "m2")->cap, 0);
  ck_assert_str_eq (result_scale_str (r, "m1"), ZERO);
  ck_assert_int_eq (result_consensus (r, "a"), 0);
}
END_TEST

/* Initial group uncapped; the other capped at trunc(0.5·T_E).  T_E = 100
 * (a 50, b 50).  m1 initial {a 300} => 300.  m2 coeff 0.3593 {a 1000, b 1001}:
 * raw = trunc(359.3) = 359, trunc(359.6503) = 359, R = 718 > cap 50 =>
 * scale = Quo(50, 718) = 0.069637883008356546 (50e36/718 = 69637883008356545961...
 * → R(): remainder .96e18 > .5 => ...546).  scale·359: 69637883008356546·359
 * = 25000000000000000014 (×1e-18) => trunc 25 (the rounded-up scale lands just
 * above 25).  a: 300 + 25 = 325; b: 25. */
START_TEST (test_weights_initial_uncapped_and_coeff_trunc)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "cap_factor", "0.5");
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "0.3593", 0);
  case_builder_param (b, "initial_model_id", "m1");
  case_builder_prev_weight (b, "a", 50);
  case_builder_prev_weight (b, "b", 50);
  case_builder_poc (b, "m1", "a", 300);
  case_builder_poc (b, "m2", "a", 1000);
  case_builder_poc (b, "m2", "b", 1001);
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_group (r, "m1")->cap, -1);
  ck_assert_int_eq (result_group (r, "m2")->cap, 50);
  ck_assert_int_eq (result_group (r, "m2")->raw_total, 718);
  ck_assert_str_eq (result_scale_str (r, "m2"), "0.069637883008356546");
  ck_assert_int_eq (result_consensus (r, "a"), 325);
  ck_assert_int_eq (result_consensus (r, "b"), 25);
}
END_TEST

/* ------------------------------------------------------------ power cap */

/* {50, 50, 900}: n = 3 => 40 %.  k=0: 50 > 0.4·(0+150) = 60? no; k=1: 50 >
 * 0.4·(50+100) = 60? no; k=2: 900 > 0.4·(100+900) = 400 yes => den = 1 − 0.4·1
 * = 0.6, cap = trunc(0.4·100/0.6) = trunc(66.67) = 66. */
START_TEST (test_power_cap_three_hosts)
{
  gint64 w[] = { 50, 900, 50 };
  ck_assert_int_eq (pocsim_power_cap_find (w, 3, FALSE), 66);
  ck_assert_int_eq (pocsim_power_cap_find (w, 3, TRUE), 66);
  ck_assert (pocsim_power_cap_apply (w, 3, FALSE));
  ck_assert_int_eq (w[0], 50);
  ck_assert_int_eq (w[1], 66);
  ck_assert_int_eq (w[2], 50);
}
END_TEST

/* n = 2 => 50 %: {100, 300}: k=0: 100 > 0.5·200 = 100? no; k=1: 300 > 0.5·400
 * = 200 yes => den 0.5, cap = trunc(0.5·100/0.5) = 100.  n = 1: none.
 * n = 11 => 30 %: ten 100s and 5000: k ≤ 9 never (100 > 0.3·1100 = 330 no, ...,
 * k=9: 0.3·(900+200) = 330); k=10: 5000 > 0.3·6000 = 1800 => den 0.7,
 * cap = trunc(300/0.7) = trunc(428.57) = 428. */
START_TEST (test_power_cap_tiers)
{
  gint64 two[] = { 300, 100 };
  ck_assert_int_eq (pocsim_power_cap_find (two, 2, FALSE), 100);
  gint64 one[] = { 1000 };
  ck_assert_int_eq (pocsim_power_cap_find (one, 1, FALSE), -1);
  gint64 big[11];
  for (int i = 0; i < 10; i++)
    big[i] = 100;
  big[10] = 5000;
  ck_assert_int_eq (pocsim_power_cap_find (big, 11, FALSE), 428);
  /* equal weights never trigger: {100,100,100}: 100 > 0.4·300 = 120? no */
  gint64 eq[] = { 100, 100, 100 };
  ck_assert_int_eq (pocsim_power_cap_find (eq, 3, FALSE), -1);
}
END_TEST

/* Row 37: zero weights count in n (v0.2.13).  {0, 100, 300}: n = 3 => 40 %:
 * k=0: 0 > 0? no; k=1: 100 > 0.4·(0+200) = 80 yes => den = 1 − 0.8 = 0.2,
 * cap = trunc(0.4·0/0.2) = 0.  positive_only (v0.2.14): n = 2 => 50 %: k=0:
 * 100 > 0.5·200 = 100? no; k=1: 300 > 0.5·400 = 200 yes => den 0.5,
 * cap = trunc(0.5·100/0.5) = 100. */
START_TEST (test_edge_37_power_cap_zero_weights_count)
{
  gint64 w[] = { 300, 0, 100 };
  ck_assert_int_eq (pocsim_power_cap_find (w, 3, FALSE), 0);
  ck_assert_int_eq (pocsim_power_cap_find (w, 3, TRUE), 100);
}
END_TEST

/* Row 37 through the pipeline: power cap on; AP = {a 100, b 300, z 0} =>
 * the same cap 0 => every final weight 0 (excess burned). */
START_TEST (test_edge_37_power_cap_in_epoch)
{
  CaseBuilder *b = base (300);
  case_builder_power_cap (b, TRUE);
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "a", 100);
  case_builder_prev_weight (b, "b", 300);
  case_builder_poc (b, "m", "a", 100);
  case_builder_poc (b, "m", "b", 300);
  case_builder_participant (b, "z");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_after_penalty (r, "a"), 100);
  ck_assert_int_eq (result_after_penalty (r, "b"), 300);
  ck_assert_int_eq (result_final (r, "a"), 0);
  ck_assert_int_eq (result_final (r, "b"), 0);
}
END_TEST

/* --------------------------------------------------------------- voting */

/* Per-model VP cap 0.3: sole m {a 500, b 300, c 200}: tot = 1000, capVP =
 * trunc(0.3·1000) = 300 => a 300, b 300, c 200 (excess 200 burned against the
 * ORIGINAL total, no recomputation).  Final weights untouched. */
START_TEST (test_voting_vp_cap_burns_excess)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "max_model_voting_power_percentage", "0.3");
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "a", 500);
  case_builder_prev_weight (b, "b", 300);
  case_builder_prev_weight (b, "c", 200);
  case_builder_poc (b, "m", "a", 500);
  case_builder_poc (b, "m", "b", 300);
  case_builder_poc (b, "m", "c", 200);
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_vp (r, "m", "a"), 300);
  ck_assert_int_eq (result_vp (r, "m", "b"), 300);
  ck_assert_int_eq (result_vp (r, "m", "c"), 200);
  ck_assert_int_eq (result_final (r, "a"), 500);
}
END_TEST

/* Row 26: one host => |vp| < 2 => cap skipped: vp = 100. */
START_TEST (test_edge_26_vp_cap_single_host)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "max_model_voting_power_percentage", "0.3");
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "a", 100);
  case_builder_poc (b, "m", "a", 100);
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_vp (r, "m", "a"), 100);
}
END_TEST

/* Row 28: capVP = trunc(0.3·3) = 0 => skipped: vp stays 1, 1, 1. */
START_TEST (test_edge_28_vp_cap_zero_skipped)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "max_model_voting_power_percentage", "0.3");
  case_builder_model (b, "m", "1", 0);
  const char *ps[] = { "a", "b", "c" };
  for (int i = 0; i < 3; i++)
    {
      case_builder_prev_weight (b, ps[i], 1);
      case_builder_poc (b, "m", ps[i], 1);
    }
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  for (int i = 0; i < 3; i++)
    ck_assert_int_eq (result_vp (r, "m", ps[i]), 1);
}
END_TEST

/* ---------------------------------------------------------- eligibility */

/* Row 24: v_min 3, only 2 E hosts with W_E > 0: the initial model bypasses
 * v_min (est 2 < 3 but #(W_E>0) = 2 < 3) => eligible; a non-initial model with
 * the same members is not (est 2 < 3, no bypass). */
START_TEST (test_edge_24_initial_vmin_bypass)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "v_min", "3");
  case_builder_model (b, "i", "1", 0);
  case_builder_model (b, "n", "1", 0);
  case_builder_param (b, "initial_model_id", "i");
  case_builder_prev_weight (b, "a", 100);
  case_builder_prev_weight (b, "b", 100);
  case_builder_poc (b, "i", "a", 100);
  case_builder_poc (b, "i", "b", 100);
  case_builder_poc (b, "n", "a", 100);
  case_builder_poc (b, "n", "b", 100);
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert (result_group (r, "i")->eligible);
  ck_assert (!result_group (r, "n")->eligible);
  ck_assert_int_eq (result_group (r, "n")->established, 2);
  /* sole eligible group i: O = 100 each */
  ck_assert_int_eq (result_consensus (r, "a"), 100);
}
END_TEST

/* Row 25: v_min 2; members a (W_E 100, pw 100), b (W_E 100, pw 0), n (W_E 0,
 * pw 100): established = 1 (only a) < 2 => not eligible. */
START_TEST (test_edge_25_not_established)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "v_min", "2");
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "a", 100);
  case_builder_prev_weight (b, "b", 100);
  case_builder_poc (b, "m", "a", 100);
  case_builder_poc (b, "m", "b", 0);
  case_builder_poc (b, "m", "n", 100);
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_group (r, "m")->established, 1);
  ck_assert (!result_group (r, "m")->eligible);
  ck_assert_int_eq (result_consensus (r, "a"), 0);
}
END_TEST

/* ------------------------------------------------------- preeligibility */

/* w_threshold 0.3, T_E = 1000 => threshold trunc(300) = 300.  Intent a (300)
 * => meets (≥); reachability 3·300 = 900 > 2000? no => not pre-eligible. */
START_TEST (test_preelig_threshold_floor)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "w_threshold", "0.3");
  case_builder_model (b, "k", "1", 0);
  case_builder_prev_weight (b, "a", 300);
  case_builder_prev_weight (b, "b", 700);
  case_builder_participant (b, "a");
  case_builder_boot_intent (b, "k", "a");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  const PocsimPreEligibility *pe = result_preelig (r, "k");
  ck_assert_ptr_nonnull (pe);
  ck_assert_int_eq (pe->weight_threshold, 300);
  ck_assert (pe->meets_weight_threshold);
  ck_assert (!pe->meets_reachability);
  ck_assert (!pe->pre_eligible);
}
END_TEST

/* ----------------------------------------------------------- collateral */

/* grace 100 < U 300; base 0.2, c 1.  a: O 100, collateral 30 => base 20,
 * elig 80, act = min(80, 30/1) = 30 => 50.  b: O 100, no collateral => 20. */
START_TEST (test_collateral_basic)
{
  CaseBuilder *b = base (300);
  case_builder_collateral_params (b, 100, "0.2", "1");
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "a", 100);
  case_builder_prev_weight (b, "b", 100);
  case_builder_poc (b, "m", "a", 100);
  case_builder_poc (b, "m", "b", 100);
  case_builder_collateral (b, "a", 30);
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_final (r, "a"), 50);
  ck_assert_int_eq (result_final (r, "b"), 20);
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

  tc = tcase_create ("penalties");
  tcase_add_test (tc, test_edge_12_missing_recipient_keeps_weight);
  tcase_add_test (tc, test_edge_13_transfer_clamped_by_penalty);
  tcase_add_test (tc, test_edge_13_transfer_fully_clamped);
  tcase_add_test (tc, test_edge_14_penalties_additive);
  tcase_add_test (tc, test_edge_14_penalties_capped_at_one);
  tcase_add_test (tc, test_edge_15_penalty_start_equal_applies);
  tcase_add_test (tc, test_edge_15_penalty_start_minus_one_skipped);
  tcase_add_test (tc, test_edge_16_zero_original_weight);
  suite_add_tcase (s, tc);

  tc = tcase_create ("bootstrap_modes");
  tcase_add_test (tc, test_edge_17_failed_committer_direct);
  tcase_add_test (tc, test_edge_18_intent_not_preeligible_ok);
  tcase_add_test (tc, test_edge_18_intent_preeligible_missed);
  tcase_add_test (tc, test_edge_19_bootstrap_refusal_is_none);
  tcase_add_test (tc, test_edge_20_bootstrap_model_became_eligible);
  suite_add_tcase (s, tc);

  tc = tcase_create ("weights");
  tcase_add_test (tc, test_edge_22_sole_group_uncapped);
  tcase_add_test (tc, test_edge_23_cap_factor_zero);
  tcase_add_test (tc, test_weights_initial_uncapped_and_coeff_trunc);
  suite_add_tcase (s, tc);

  tc = tcase_create ("power_cap");
  tcase_add_test (tc, test_power_cap_three_hosts);
  tcase_add_test (tc, test_power_cap_tiers);
  tcase_add_test (tc, test_edge_37_power_cap_zero_weights_count);
  tcase_add_test (tc, test_edge_37_power_cap_in_epoch);
  suite_add_tcase (s, tc);

  tc = tcase_create ("voting");
  tcase_add_test (tc, test_voting_vp_cap_burns_excess);
  tcase_add_test (tc, test_edge_26_vp_cap_single_host);
  tcase_add_test (tc, test_edge_28_vp_cap_zero_skipped);
  suite_add_tcase (s, tc);

  tc = tcase_create ("eligibility");
  tcase_add_test (tc, test_edge_24_initial_vmin_bypass);
  tcase_add_test (tc, test_edge_25_not_established);
  suite_add_tcase (s, tc);

  tc = tcase_create ("preeligibility");
  tcase_add_test (tc, test_preelig_threshold_floor);
  suite_add_tcase (s, tc);

  tc = tcase_create ("collateral");
  tcase_add_test (tc, test_collateral_basic);
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
