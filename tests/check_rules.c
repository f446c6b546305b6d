/* check_rules.c - formation rules (rules.md §3-§4) and the §6 edge cases.
 *
 * Every expected number is a hand computation written beside the
 * assertion, from rules.md (v0.2.13).  Cases are built in C with
 * tests/case_builder.h.  Unless a test says otherwise the delegation params
 * are the v0.2.12 upgrade values: refusal 0.1, none 0.15, share 0.05,
 * cap_factor 0.75, with w_threshold = 0 and v_min = 0 (both tests off).
 *
 * §6 rows: each of rows 5-37 has at least one test named test_edge_NN_*,
 * citing the row.  Rows 1-4 are checks on transactions (self-delegation,
 * empty target, unknown target or model); a case holds the records the
 * chain stored, so those never reach formation. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "case_builder.h"
#include "core/error.h"
#include "core/snapshots.h"
#include "io/case_json.h"
#include "io/case_load.h"
#include "rules/acceptance.h"
#include "rules/epoch.h"
#include "rules/power_cap.h"
#include "rules/reward.h"
#include "rules/voting.h"

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

/* The reward memo a sweep fills once per grid point: the same reward as
 * computing it, and never used once the epoch or a reward parameter
 * differs from its key (the replay moves the epoch, --set and sweep axes
 * change parameters). */
START_TEST (test_reward_memo_keyed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimCase) c = pocsim_case_load (SRCDIR "/data/mainnet-e266.case.json", NULL, &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  ck_assert (c->params.has_reward);
  gint64 computed = pocsim_case_epoch_reward (c);
  ck_assert_int_gt (computed, 0);
  pocsim_reward_memo_fill (c);
  ck_assert (c->params.reward_memo.set);
  ck_assert_int_eq (pocsim_case_epoch_reward (c), computed);
  /* A forged memo shows whether it is read: used while its key matches... */
  c->params.reward_memo.reward = 12345;
  ck_assert_int_eq (pocsim_case_epoch_reward (c), 12345);
  /* ...and not after the epoch, the decay or the initial reward changes. */
  c->upcoming_epoch++;
  ck_assert_int_ne (pocsim_case_epoch_reward (c), 12345);
  ck_assert_int_lt (pocsim_case_epoch_reward (c), computed); /* the reward decays */
  c->upcoming_epoch--;
  c->params.decay_rate.i -= 1;
  ck_assert_int_ne (pocsim_case_epoch_reward (c), 12345);
  c->params.decay_rate.i += 1;
  c->params.initial_epoch_reward *= 2;
  ck_assert_int_ne (pocsim_case_epoch_reward (c), 12345);
}
END_TEST

/* The cap does not depend on the order of the weights: every size from 1
 * to 200 (the short sort below 64 keys, the radix sort above), random
 * weights with ties and zeros, given shuffled, ascending and descending. */
static int
ascending_i64 (const void *a, const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

START_TEST (test_power_cap_any_order)
{
  g_autoptr (GRand) g = g_rand_new_with_seed (403);
  gint64 w[200], up[200], down[200];
  for (guint n = 1; n <= 200; n++)
    for (int round = 0; round < 20; round++)
      {
        for (guint i = 0; i < n; i++)
          w[i] = g_rand_int_range (g, 0, 4) == 0 ? g_rand_int_range (g, 0, 3)
                                                  : (gint64) g_rand_int (g) << g_rand_int_range (g, 0, 24);
        memcpy (up, w, n * sizeof *w);
        qsort (up, n, sizeof *up, ascending_i64);
        for (guint i = 0; i < n; i++)
          down[i] = up[n - 1 - i];
        for (int positive_only = 0; positive_only <= 1; positive_only++)
          {
            gint64 cap = pocsim_power_cap_find (up, n, positive_only);
            ck_assert_int_eq (pocsim_power_cap_find (w, n, positive_only), cap);
            ck_assert_int_eq (pocsim_power_cap_find (down, n, positive_only), cap);
          }
      }
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

/* ------------------------------------------------- §6 rows 9-11, 21, 27,
 * 29-36: one or more dedicated tests per row. */

/* Reads a case document with the library's reader, as pocsim epoch does. */
static PocsimCase *
from_json (const char *text)
{
  GError *error = NULL;
  PocsimCase *c = pocsim_case_from_json (text, strlen (text), "c.json", NULL, &error);
  if (c == NULL)
    ck_abort_msg ("pocsim_case_from_json: %s", error ? error->message : "?");
  return c;
}

/* The reader's message for a document it must reject (copied into a ring so
 * that the assertion can use it after the GError is freed). */
static const char *
json_error_of (const char *text)
{
  static char ring[4][512];
  static guint next;
  char *buf = ring[next++ % G_N_ELEMENTS (ring)];
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimCase) c = pocsim_case_from_json (text, strlen (text), "c.json", NULL, &error);
  ck_assert_msg (c == NULL, "the case was accepted");
  ck_assert_ptr_nonnull (error);
  ck_assert_int_eq (error->code, POCSIM_ERROR_INPUT);
  g_strlcpy (buf, error->message, sizeof ring[0]);
  return buf;
}

/* The bootstrap validation power of a model (rules §5) as the chain builds
 * it from this case: committers' W_E, plus W_E of delegators whose
 * delegation the bootstrap snapshot kept (pocsim_boot_delegate: snapshot
 * present, delegator a live member of E). */
static PocsimValidationPower *
boot_validation_power (const PocsimCase *c, const char *model_id)
{
  guint32 m = case_model (c, model_id);
  g_autofree gboolean *committed = g_new0 (gboolean, c->n_addrs + 1);
  g_autofree guint32 *del = g_new (guint32, c->n_addrs + 1);
  for (guint a = 0; a < c->n_addrs; a++)
    {
      committed[a] = (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_COMMIT) != 0;
      del[a] = pocsim_boot_delegate (c, m, a);
    }
  PocsimValidationPower *v = pocsim_validation_power_bootstrap (c->n_addrs, c->prev_weight, committed, del, NULL);
  ck_assert_ptr_nonnull (v);
  return v;
}

/* One valid vote by VOTER on a weighted-mode (v0.2.13) PoC with T = total;
 * no guardians, so a tie is rejected. */
static PocsimPocVerdict
one_valid_vote (const PocsimCase *c, const PocsimValidationPower *v, const char *voter, gint64 total)
{
  PocsimAcceptanceInput in = { .rules = pocsim_rule_set_lookup ("v0.2.13"), .total_weight = total };
  PocsimVote vote = { case_addr (c, voter), 1 };
  return pocsim_poc_acceptance (&in, v, &vote, 1, NULL);
}

/* Row 9: newcomers and bootstrap models.  The bootstrap snapshot (P − dw)
 * keeps E's live root members only, so a newcomer's intent or delegation is
 * never captured: it is None and charged, unless it committed (BP).
 * T_E = a 700 + q 300 = 1000.  Sole eligible m {a, q, n1, n2, n3: 100 each},
 * uncapped => O = 100 each.  k: candidate (in params, no VP_E), no members.
 * Raw bootstrap records: q intent k, n1 intent k, n2 delegation k -> a;
 * n3 committed to k (its PoC failed: no poc[k]).
 * Pre-eligibility of k sees q only: intent_weight 300, hosts 1, R = 300;
 * 3·300 = 900 > 2·1000? no => not pre-eligible.
 * Modes on k: q INTENT_OK => 100; n1 and n2 None (records dropped) =>
 * 100 − trunc(0.15·100) = 85 each; n3 Direct => 100; a None => 85. */
START_TEST (test_edge_09_newcomer_bootstrap_records_dropped)
{
  CaseBuilder *b = base (300);
  case_builder_model (b, "k", "1", 0);
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "a", 700);
  case_builder_prev_weight (b, "q", 300);
  const char *ps[] = { "a", "n1", "n2", "n3", "q" };
  for (int i = 0; i < 5; i++)
    case_builder_poc (b, "m", ps[i], 100);
  case_builder_boot_intent (b, "k", "q");
  case_builder_boot_intent (b, "k", "n1");
  case_builder_boot_delegation (b, "k", "n2", "a");
  case_builder_commit (b, "k", "n3");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  const PocsimPreEligibility *pe = result_preelig (r, "k");
  ck_assert_ptr_nonnull (pe);
  ck_assert_int_eq (pe->intent_weight, 300);
  ck_assert_int_eq (pe->intent_host_count, 1);
  ck_assert_int_eq (pe->reachable_voting_power, 300);
  ck_assert (!pe->pre_eligible);
  ck_assert (!result_group (r, "k")->eligible);
  ck_assert_int_eq (result_bmode (r, "k", "q"), POCSIM_BMODE_INTENT_OK);
  ck_assert_int_eq (result_bmode (r, "k", "n1"), POCSIM_BMODE_NONE);
  ck_assert_int_eq (result_bmode (r, "k", "n2"), POCSIM_BMODE_NONE);
  ck_assert_int_eq (result_bmode (r, "k", "n3"), POCSIM_BMODE_DIRECT);
  ck_assert_int_eq (result_bmode (r, "k", "a"), POCSIM_BMODE_NONE);
  ck_assert_str_eq (result_penalty_str (r, "n1"), P15);
  ck_assert_str_eq (result_penalty_str (r, "n2"), P15);
  ck_assert_str_eq (result_penalty_str (r, "n3"), ZERO);
  ck_assert_int_eq (result_final (r, "q"), 100);
  ck_assert_int_eq (result_final (r, "n1"), 85);
  ck_assert_int_eq (result_final (r, "n2"), 85);
  ck_assert_int_eq (result_final (r, "n3"), 100);
  ck_assert_int_eq (result_final (r, "a"), 85);
}
END_TEST

/* Row 10: an outsider (not in E, no commit this stage) is dropped from both
 * snapshots, even when it is in AP(U) (here through poc[m1] without a commit,
 * as a preserved node would be).  U = 300; k's penalty start 301 keeps the
 * bootstrap path free of charges so that only modes are compared.
 * T_E = a 1000; cap_factor 1 => cap 1000.  m1 {a, o1, o2, o3, n: 100 each},
 * R = 500; m2 {a 100}.  O: a 200, others 100.
 * Regular snapshot: o1 refuses m2; o2 delegates m2 -> a; n (newcomer WITH a
 * commit, the control) refuses m2; x (neither in E nor AP) delegates m2 -> a.
 * Bootstrap snapshot: o3 delegates k -> a.
 *   o1: refusal dropped => NONE => 100 − 15 = 85 (REFUSE would give 90);
 *   o2: delegation dropped => NONE => 85, no transfer, no VP moved to a;
 *   o3: NONE on m2 => 85; bootstrap mode on k NONE, not DELEGATE;
 *   n: committer => kept => REFUSE => 100 − trunc(0.1·100) = 90;
 *   x: outside the universe (W_E 0, not in Up) => no mode.
 * VP m2: a = F[a] = 200 (nobody delegates validly). */
START_TEST (test_edge_10_outsider_dropped_from_snapshots)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "cap_factor", "1");
  case_builder_model (b, "k", "1", 301);
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "1", 0);
  case_builder_prev_weight (b, "a", 1000);
  const char *ps[] = { "a", "n", "o1", "o2", "o3" };
  for (int i = 0; i < 5; i++)
    case_builder_poc (b, "m1", ps[i], 100);
  case_builder_poc (b, "m2", "a", 100);
  case_builder_commit (b, "m1", "n");
  case_builder_refusal (b, "m2", "o1");
  case_builder_reg_delegation (b, "m2", "o2", "a");
  case_builder_refusal (b, "m2", "n");
  case_builder_reg_delegation (b, "m2", "x", "a");
  case_builder_boot_delegation (b, "k", "o3", "a");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_consensus (r, "a"), 200);
  ck_assert_int_eq (result_mode (r, "m2", "o1"), POCSIM_MODE_NONE);
  ck_assert_int_eq (result_mode (r, "m2", "o2"), POCSIM_MODE_NONE);
  ck_assert_int_eq (result_mode (r, "m2", "o3"), POCSIM_MODE_NONE);
  ck_assert_int_eq (result_mode (r, "m2", "n"), POCSIM_MODE_REFUSE);
  ck_assert_int_eq (result_mode (r, "m2", "x"), POCSIM_MODE_UNSET);
  ck_assert_int_eq (result_bmode (r, "k", "o3"), POCSIM_BMODE_NONE);
  ck_assert_str_eq (result_penalty_str (r, "o1"), P15);
  ck_assert_int_eq (result_final (r, "o1"), 85);
  ck_assert_int_eq (result_final (r, "o2"), 85);
  ck_assert_int_eq (result_transfer_out (r, "o2"), 0);
  ck_assert_int_eq (result_transfer_in (r, "a"), 0);
  ck_assert_int_eq (result_final (r, "o3"), 85);
  ck_assert_str_eq (result_penalty_str (r, "n"), P10);
  ck_assert_int_eq (result_final (r, "n"), 90);
  ck_assert_int_eq (result_final (r, "a"), 200);
  ck_assert_int_eq (result_vp (r, "m2", "a"), 200);
}
END_TEST

/* Row 11: a fresh member's voting power comes from the group's members, not
 * from the modes map.  m initial (uncapped), m2 capped at trunc(0.75·T_E).
 * T_E = a 100 + d 50 = 150; m2 cap trunc(112.5) = 112 ≥ R 60: no scaling.
 * m {a 100, f 42} (f: fresh, no W_E, no commit, no record), m2 {d 60}.
 * Refusal and none penalties 0, share 0.05.  d delegates m -> f: DELEGATE,
 * δ = trunc(0.05·60) = 3 => F: a 100, f 42 + 3 = 45, d 57.
 * VP m: a 100, f 45 + F[d] 57 = 102.  Then the VP step is run again with f's
 * mode entry removed: f keeps 102 (membership is read from the group).  With
 * d's DELEGATE entry removed as well, f drops to 45 (the delegator IS read
 * from the modes), so the test tells the two apart. */
START_TEST (test_edge_11_fresh_member_without_mode_gets_vp)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "refusal_penalty", "0");
  case_builder_param (b, "no_participation_penalty", "0");
  case_builder_model (b, "m", "1", 0);
  case_builder_model (b, "m2", "1", 0);
  case_builder_param (b, "initial_model_id", "m");
  case_builder_prev_weight (b, "a", 100);
  case_builder_prev_weight (b, "d", 50);
  case_builder_poc (b, "m", "a", 100);
  case_builder_poc (b, "m", "f", 42);
  case_builder_poc (b, "m2", "d", 60);
  case_builder_reg_delegation (b, "m", "d", "f");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_group (r, "m2")->cap, 112);
  ck_assert_int_eq (result_mode (r, "m", "f"), POCSIM_MODE_DIRECT);
  ck_assert_int_eq (result_mode (r, "m", "d"), POCSIM_MODE_DELEGATE);
  ck_assert_int_eq (result_final (r, "f"), 45);
  ck_assert_int_eq (result_final (r, "d"), 57);
  ck_assert_int_eq (result_vp (r, "m", "f"), 102);
  ck_assert_int_eq (result_vp (r, "m", "a"), 100);

  gsize f_cell = pocsim_cell (c, case_model (c, "m"), case_addr (c, "f"));
  gsize d_cell = pocsim_cell (c, case_model (c, "m"), case_addr (c, "d"));
  r->mode[f_cell] = POCSIM_MODE_UNSET;
  memset (r->voting_power, 0, (gsize) c->n_models * c->n_addrs * sizeof (gint64));
  ck_assert (pocsim_voting_powers_compute (c, r, NULL));
  ck_assert_int_eq (result_vp (r, "m", "f"), 102);
  ck_assert_int_eq (result_vp (r, "m", "a"), 100);

  r->mode[d_cell] = POCSIM_MODE_UNSET;
  memset (r->voting_power, 0, (gsize) c->n_models * c->n_addrs * sizeof (gint64));
  ck_assert (pocsim_voting_powers_compute (c, r, NULL));
  ck_assert_int_eq (result_vp (r, "m", "f"), 45);
}
END_TEST

/* Row 21: a previously active model that is now ineligible.  k had VP in E
 * (VP_E[k][a] = 500 > 0), so it is no bootstrap candidate; in U its group
 * {a pw 100} has est 1 < v_min 2, so it is not eligible either.  Nobody is
 * charged for k: b has no record for it, c's refusal of k is not read.
 * T_E = a 500 + b 300 + c 200 = 1000; VP_E[m] for all three (m is no
 * candidate either).  m {a, b, c: 100 each}: est 3 ≥ 2 => eligible, sole =>
 * uncapped: O = 100 each; F = 100 each; VP m 100 each, VP k none.  An empty
 * bootstrap snapshot exists, yet holds no candidate. */
START_TEST (test_edge_21_previously_active_model_now_ineligible)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "v_min", "2");
  case_builder_model (b, "k", "1", 0);
  case_builder_model (b, "m", "1", 0);
  const char *ps[] = { "a", "b", "c" };
  const gint64 w[] = { 500, 300, 200 };
  for (int i = 0; i < 3; i++)
    {
      case_builder_prev_weight (b, ps[i], w[i]);
      case_builder_prev_vp (b, "m", ps[i], w[i]);
      case_builder_poc (b, "m", ps[i], 100);
    }
  case_builder_prev_vp (b, "k", "a", 500);
  case_builder_poc (b, "k", "a", 100);
  case_builder_commit (b, "k", "a");
  case_builder_refusal (b, "k", "c");
  case_builder_boot_snapshot (b);
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert (!result_is_candidate (r, "k"));
  ck_assert_uint_eq (r->n_bootstrap, 0);
  ck_assert (!result_group (r, "k")->eligible);
  ck_assert_int_eq (result_group (r, "k")->established, 1);
  ck_assert (result_group (r, "m")->eligible);
  for (int i = 0; i < 3; i++)
    {
      ck_assert_int_eq (result_mode (r, "k", ps[i]), POCSIM_MODE_UNSET);
      ck_assert_int_eq (result_bmode (r, "k", ps[i]), POCSIM_BMODE_UNSET);
      ck_assert_str_eq (result_penalty_str (r, ps[i]), ZERO);
      ck_assert_int_eq (result_consensus (r, ps[i]), 100);
      ck_assert_int_eq (result_final (r, ps[i]), 100);
      ck_assert_int_eq (result_vp (r, "m", ps[i]), 100);
      ck_assert_int_eq (result_vp (r, "k", ps[i]), 0);
    }
}
END_TEST

/* Row 21 (next epoch): k got no VP in U, so at U+1's snapshot it is a
 * bootstrap candidate again and the bootstrap path charges it.
 * T_E = 300 (F of U: 100 each); VP_E[m] only.  Empty bootstrap snapshot:
 * event for k with intent_weight 0, R 0 => not pre-eligible.  a commits k
 * (Direct, 100); b and c None => 100 − trunc(0.15·100) = 85. */
START_TEST (test_edge_21_ineligible_model_candidate_next_epoch)
{
  CaseBuilder *b = base (301);
  case_builder_param (b, "v_min", "2");
  case_builder_model (b, "k", "1", 0);
  case_builder_model (b, "m", "1", 0);
  const char *ps[] = { "a", "b", "c" };
  for (int i = 0; i < 3; i++)
    {
      case_builder_prev_weight (b, ps[i], 100);
      case_builder_prev_vp (b, "m", ps[i], 100);
      case_builder_poc (b, "m", ps[i], 100);
    }
  case_builder_commit (b, "k", "a");
  case_builder_boot_snapshot (b);
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert (result_is_candidate (r, "k"));
  const PocsimPreEligibility *pe = result_preelig (r, "k");
  ck_assert_ptr_nonnull (pe);
  ck_assert (!pe->pre_eligible);
  ck_assert_int_eq (result_bmode (r, "k", "a"), POCSIM_BMODE_DIRECT);
  ck_assert_int_eq (result_bmode (r, "k", "b"), POCSIM_BMODE_NONE);
  ck_assert_int_eq (result_final (r, "a"), 100);
  ck_assert_int_eq (result_final (r, "b"), 85);
  ck_assert_int_eq (result_final (r, "c"), 85);
}
END_TEST

/* Row 27 (shape shared by both tests): m1 initial (uncapped), m2 capped at
 * trunc(1·T_E).  W_E a, b, c = 3·S each => T_E = 9·S; m1 {a 4·S, b 4·S},
 * m2 {c 2·S} (R 2·S ≤ cap 9·S: unscaled).  c delegates m1 -> a.  Penalties
 * and share all 0 (no-op), so O = F: a 4·S, b 4·S, c 2·S.
 * VP m1 before the cap: a = 4·S + F[c] 2·S = 6·S, b = 4·S; Σ = 10·S.
 * Per-model VP cap 0.3. */
static PocsimCase *
vp_overflow_case (gint64 s)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "refusal_penalty", "0");
  case_builder_param (b, "no_participation_penalty", "0");
  case_builder_param (b, "delegation_share", "0");
  case_builder_param (b, "cap_factor", "1");
  case_builder_param (b, "max_model_voting_power_percentage", "0.3");
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "1", 0);
  case_builder_param (b, "initial_model_id", "m1");
  case_builder_prev_weight (b, "a", 3 * s);
  case_builder_prev_weight (b, "b", 3 * s);
  case_builder_prev_weight (b, "c", 3 * s);
  case_builder_poc (b, "m1", "a", 4 * s);
  case_builder_poc (b, "m1", "b", 4 * s);
  case_builder_poc (b, "m2", "c", 2 * s);
  case_builder_reg_delegation (b, "m1", "c", "a");
  return case_builder_finish (b);
}

/* Row 27: S = 10^18: Σ VP m1 = 10^19 > 2^63 − 1 ≈ 9.22·10^18 => the sum
 * overflows int64 => the cap is skipped (PIPE:sumInt64Safe): a 6·10^18,
 * b 4·10^18 (a cap of trunc(0.3·10^19) would have cut both to 3·10^18). */
START_TEST (test_edge_27_vp_cap_skipped_on_int64_overflow)
{
  const gint64 s = G_GINT64_CONSTANT (1000000000000000000);
  g_autoptr (PocsimCase) c = vp_overflow_case (s);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (r->total_previous_weight, 9 * s);
  ck_assert_int_eq (result_mode (r, "m1", "c"), POCSIM_MODE_DELEGATE);
  ck_assert_int_eq (result_final (r, "a"), 4 * s);
  ck_assert_int_eq (result_final (r, "c"), 2 * s);
  ck_assert_int_eq (result_vp (r, "m1", "a"), 6 * s);
  ck_assert_int_eq (result_vp (r, "m1", "b"), 4 * s);
  ck_assert_int_eq (result_vp (r, "m2", "c"), 2 * s); /* one host: no cap */
}
END_TEST

/* Row 27 (control): S = 10^9: Σ = 10^10 fits => capVP = trunc(0.3·10^10) =
 * 3·10^9 => a min(6·10^9, 3·10^9) = 3·10^9, b min(4·10^9, 3·10^9) = 3·10^9. */
START_TEST (test_edge_27_vp_cap_applies_when_sum_fits)
{
  const gint64 s = 1000000000;
  g_autoptr (PocsimCase) c = vp_overflow_case (s);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (result_vp (r, "m1", "a"), 3 * s);
  ck_assert_int_eq (result_vp (r, "m1", "b"), 3 * s);
}
END_TEST

/* Row 29 and §1.1, through the case reader.  weight_scale_factor is read with
 * LegacyDecOrOne: missing, null, "", 0, "0" and {0, 0} all give 1; {0, -1} is
 * a real 0 (unapproved).  Delegation fractions are read with
 * protoDecToLegacy: {0, 0} gives 0.  Trailing zeros are stripped before the
 * 18-digit limit: {15000, -21} = 15e-18 and {10, -19} = 1e-18 fit, and so
 * does "0.3593000000000000000000" (22 digits, 4 significant).
 * Formation: u1 {a 100} is the sole eligible group (z has coefficient 0 =>
 * not eligible, raw_total trunc(0·100) = 0) => O[a] = 100. */
START_TEST (test_edge_29_unset_coefficient_is_one)
{
  static const char text[] =
    "{\"rules\": \"v0.2.13\", \"upcoming_epoch\": 300,\n"
    " \"params\": {\n"
    "  \"delegation_params\": {\"refusal_penalty\": {\"value\": 0, \"exponent\": 0},\n"
    "    \"no_participation_penalty\": {\"value\": 15000, \"exponent\": -21},\n"
    "    \"delegation_share\": {\"value\": \"10\", \"exponent\": \"-19\"}},\n"
    "  \"poc_params\": {\"models\": [\n"
    "    {\"model_id\": \"u1\"},\n"
    "    {\"model_id\": \"u2\", \"weight_scale_factor\": null},\n"
    "    {\"model_id\": \"u3\", \"weight_scale_factor\": \"\"},\n"
    "    {\"model_id\": \"u4\", \"weight_scale_factor\": 0},\n"
    "    {\"model_id\": \"u5\", \"weight_scale_factor\": \"0\"},\n"
    "    {\"model_id\": \"u6\", \"weight_scale_factor\": {\"value\": 0, \"exponent\": 0}},\n"
    "    {\"model_id\": \"z\", \"weight_scale_factor\": {\"value\": 0, \"exponent\": -1}},\n"
    "    {\"model_id\": \"s\", \"weight_scale_factor\": \"0.3593000000000000000000\"}]}},\n"
    " \"previous\": {\"weights\": {\"a\": 100}},\n"
    " \"poc\": {\"u1\": {\"a\": 100}, \"z\": {\"a\": 100}}}\n";
  g_autoptr (PocsimCase) c = from_json (text);
  const char *ones[] = { "u1", "u2", "u3", "u4", "u5", "u6" };
  for (int i = 0; i < 6; i++)
    ck_assert_str_eq (dec_str (c->models[case_model (c, ones[i])].coeff), ONE);
  ck_assert_str_eq (dec_str (c->models[case_model (c, "z")].coeff), ZERO);
  ck_assert_str_eq (dec_str (c->models[case_model (c, "s")].coeff), "0.359300000000000000");
  ck_assert_str_eq (dec_str (c->params.refusal_penalty), ZERO);
  ck_assert_str_eq (dec_str (c->params.no_participation_penalty), "0.000000000000000015");
  ck_assert_str_eq (dec_str (c->params.delegation_share), "0.000000000000000001");
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert (result_group (r, "u1")->eligible);
  ck_assert (!result_group (r, "z")->eligible);
  ck_assert_int_eq (result_group (r, "z")->raw_total, 0);
  ck_assert_int_eq (result_group (r, "u1")->cap, -1);
  ck_assert_int_eq (result_consensus (r, "a"), 100);
}
END_TEST

/* Row 29 (second half): more than 18 significant fractional digits.  The
 * chain silently reads such a coefficient as 1 and such a fraction as 0;
 * pocsim rejects both on purpose, at the value (docs/case-format.md, "Where
 * pocsim is stricter than the chain").  Columns: line 2 is
 * ` "params": {"poc_params": {"models": [{"model_id": "m", "weight_scale_factor": {`
 * where the object opens at column 80; line 2 of the second document is
 * ` "params": {"delegation_params": {"no_participation_penalty": "0.1234567890123456789"}}}`
 * where the string opens at column 63. */
START_TEST (test_edge_29_more_than_18_digits_rejected)
{
  ck_assert_str_eq (json_error_of ("{\"upcoming_epoch\": 1,\n"
                                   " \"params\": {\"poc_params\": {\"models\": [{\"model_id\": \"m\", "
                                   "\"weight_scale_factor\": {\"value\": 1, \"exponent\": -19}}]}}}\n"),
                    "c.json:2:80: weight_scale_factor: decimal 1e-19 has more than 18 fractional digits");
  ck_assert_str_eq (json_error_of ("{\"upcoming_epoch\": 1,\n"
                                   " \"params\": {\"delegation_params\": {\"no_participation_penalty\": "
                                   "\"0.1234567890123456789\"}}}\n"),
                    "c.json:2:63: no_participation_penalty: decimal \"0.1234567890123456789\" has more than "
                    "18 fractional digits");
}
END_TEST

/* Row 30: without the regular DelegationSnapshot every non-member of an
 * eligible group resolves NONE (PIPE:buildDelegationWeightCalculator logs
 * and uses empty maps).  cap_factor 1; T_E = a 900 + d 50 + r 50 = 1000 =>
 * cap 1000.  m1 {a, d, r: 100} R 300, m2 {a 100}.  O: a 200, d 100, r 100.
 * Records: d delegates m2 -> a, r refuses m2.
 *   with the snapshot: d DELEGATE, δ = trunc(0.05·100) = 5 => d 95, a 205;
 *     r REFUSE => 100 − 10 = 90; VP m2: a 205 + F[d] 95 = 300;
 *   without it (same records, snapshot absent): d, r NONE => 100 − 15 = 85
 *     each, no transfer, a 200, VP m2: a 200. */
START_TEST (test_edge_30_missing_delegation_snapshot)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "cap_factor", "1");
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "1", 0);
  case_builder_prev_weight (b, "a", 900);
  case_builder_prev_weight (b, "d", 50);
  case_builder_prev_weight (b, "r", 50);
  case_builder_poc (b, "m1", "a", 100);
  case_builder_poc (b, "m1", "d", 100);
  case_builder_poc (b, "m1", "r", 100);
  case_builder_poc (b, "m2", "a", 100);
  case_builder_reg_delegation (b, "m2", "d", "a");
  case_builder_refusal (b, "m2", "r");
  g_autoptr (PocsimCase) with = case_builder_finish (b);
  g_autoptr (PocsimCase) without = pocsim_case_copy (with);
  without->has_delegation_snapshot = FALSE;

  g_autoptr (PocsimEpochResult) r1 = form (with);
  ck_assert_int_eq (result_mode (r1, "m2", "d"), POCSIM_MODE_DELEGATE);
  ck_assert_int_eq (result_mode (r1, "m2", "r"), POCSIM_MODE_REFUSE);
  ck_assert_int_eq (result_final (r1, "d"), 95);
  ck_assert_int_eq (result_final (r1, "r"), 90);
  ck_assert_int_eq (result_final (r1, "a"), 205);
  ck_assert_int_eq (result_vp (r1, "m2", "a"), 300);

  g_autoptr (PocsimEpochResult) r2 = form (without);
  ck_assert_int_eq (result_mode (r2, "m2", "d"), POCSIM_MODE_NONE);
  ck_assert_int_eq (result_mode (r2, "m2", "r"), POCSIM_MODE_NONE);
  ck_assert_int_eq (result_mode (r2, "m2", "a"), POCSIM_MODE_DIRECT);
  ck_assert_str_eq (result_penalty_str (r2, "d"), P15);
  ck_assert_int_eq (result_final (r2, "d"), 85);
  ck_assert_int_eq (result_final (r2, "r"), 85);
  ck_assert_int_eq (result_transfer_out (r2, "d"), 0);
  ck_assert_int_eq (result_final (r2, "a"), 200);
  ck_assert_int_eq (result_vp (r2, "m2", "a"), 200);
}
END_TEST

/* Row 30 through the reader: an absent or null "delegation_snapshot" is a
 * missing snapshot; {} is a snapshot that holds no records. */
START_TEST (test_edge_30_snapshot_presence_from_json)
{
  g_autoptr (PocsimCase) absent = from_json ("{\"upcoming_epoch\": 1}");
  g_autoptr (PocsimCase) null = from_json ("{\"upcoming_epoch\": 1, \"delegation_snapshot\": null}");
  g_autoptr (PocsimCase) empty = from_json ("{\"upcoming_epoch\": 1, \"delegation_snapshot\": {}}");
  ck_assert (!absent->has_delegation_snapshot);
  ck_assert (!null->has_delegation_snapshot);
  ck_assert (empty->has_delegation_snapshot);
}
END_TEST

/* Shape for rows 31 and 33: T_E = a 600 + b 300 + c 100 = 1000, VP_E[m] for
 * all three; m {a, b, c: 100} sole => O = 100 each.  k: candidate, no
 * members.  a holds an intent for k and committed to it (PoC failed);
 * bootstrap snapshot: b delegates k -> a; regular snapshot (taken later, at
 * V): c delegates k -> a.  Pre-eligibility of k: intent_weight 600, hosts 1,
 * R = 600 + 300 (b -> a) = 900, 3·900 = 2700 > 2000 => pre-eligible. */
static PocsimCase *
boot_snapshot_case (void)
{
  CaseBuilder *b = base (300);
  case_builder_model (b, "k", "1", 0);
  case_builder_model (b, "m", "1", 0);
  const char *ps[] = { "a", "b", "c" };
  const gint64 w[] = { 600, 300, 100 };
  for (int i = 0; i < 3; i++)
    {
      case_builder_prev_weight (b, ps[i], w[i]);
      case_builder_prev_vp (b, "m", ps[i], w[i]);
      case_builder_poc (b, "m", ps[i], 100);
    }
  case_builder_boot_intent (b, "k", "a");
  case_builder_commit (b, "k", "a");
  case_builder_boot_delegation (b, "k", "b", "a");
  case_builder_reg_delegation (b, "k", "c", "a");
  return case_builder_finish (b);
}

/* Row 31: with the bootstrap snapshot: a Direct, b Delegate, c None (its
 * delegation is in the regular snapshot only) => c 85; validation power of
 * k: vp[a] = 600 + 300 = 900.  Without it (snapshot missing): no event, no
 * bootstrap modes, no penalty (c 100), and no bootstrap delegation:
 * vp[a] = W_E[a] = 600.  dw ≤ 0 (no capture) means the old snapshot is
 * reused; a case gives that snapshot's records, so deploy_window 0 and 500
 * form the same epoch. */
START_TEST (test_edge_31_missing_or_reused_bootstrap_snapshot)
{
  g_autoptr (PocsimCase) with = boot_snapshot_case ();
  with->params.deploy_window = 500;
  g_autoptr (PocsimEpochResult) r1 = form (with);
  const PocsimPreEligibility *pe = result_preelig (r1, "k");
  ck_assert_ptr_nonnull (pe);
  ck_assert (pe->pre_eligible);
  ck_assert_int_eq (pe->reachable_voting_power, 900);
  ck_assert_int_eq (result_bmode (r1, "k", "a"), POCSIM_BMODE_DIRECT);
  ck_assert_int_eq (result_bmode (r1, "k", "b"), POCSIM_BMODE_DELEGATE);
  ck_assert_int_eq (result_bmode (r1, "k", "c"), POCSIM_BMODE_NONE);
  ck_assert_int_eq (result_final (r1, "b"), 100);
  ck_assert_int_eq (result_final (r1, "c"), 85);
  g_autoptr (PocsimValidationPower) v1 = boot_validation_power (with, "k");
  ck_assert_int_eq (v1->vp[case_addr (with, "a")], 900);

  g_autoptr (PocsimCase) reused = pocsim_case_copy (with);
  reused->params.deploy_window = 0;
  g_autoptr (PocsimEpochResult) r0 = form (reused);
  ck_assert_uint_eq (r0->n_bootstrap, 1);
  ck_assert_int_eq (result_bmode (r0, "k", "b"), POCSIM_BMODE_DELEGATE);
  ck_assert_int_eq (result_final (r0, "c"), 85);

  g_autoptr (PocsimCase) missing = pocsim_case_copy (with);
  missing->has_bootstrap_snapshot = FALSE;
  g_autoptr (PocsimEpochResult) r2 = form (missing);
  ck_assert (result_is_candidate (r2, "k"));
  ck_assert_uint_eq (r2->n_bootstrap, 0);
  ck_assert_ptr_null (result_preelig (r2, "k"));
  const char *ps[] = { "a", "b", "c" };
  for (int i = 0; i < 3; i++)
    {
      ck_assert_int_eq (result_bmode (r2, "k", ps[i]), POCSIM_BMODE_UNSET);
      ck_assert_str_eq (result_penalty_str (r2, ps[i]), ZERO);
      ck_assert_int_eq (result_final (r2, ps[i]), 100);
    }
  g_autoptr (PocsimValidationPower) v2 = boot_validation_power (missing, "k");
  ck_assert_int_eq (v2->vp[case_addr (missing, "a")], 600);
  ck_assert (!v2->is_key[case_addr (missing, "b")]);
}
END_TEST

/* Row 32: a switch from intent to delegation after P − dw is ignored for
 * U's bootstrap path: the bootstrap snapshot still holds q's intent; the
 * delegation q -> a exists only in the regular snapshot (at V).
 * T_E = a 700 + q 300 = 1000; VP_E[m] a, q; m {a, q: 100} => O = 100 each.
 * Intents k: a, q => intent_weight 1000, hosts 2, R 1000, 3000 > 2000 =>
 * pre-eligible.  a committed (Direct).  q: INTENT_MISSED, not DELEGATE =>
 * 100 − trunc(0.15·100) = 85.  k's validation power: vp[a] = 700 only (the
 * late delegation adds nothing; 700 + 300 = 1000 if it were read). */
START_TEST (test_edge_32_late_switch_intent_to_delegation)
{
  CaseBuilder *b = base (300);
  case_builder_model (b, "k", "1", 0);
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "a", 700);
  case_builder_prev_weight (b, "q", 300);
  case_builder_prev_vp (b, "m", "a", 700);
  case_builder_prev_vp (b, "m", "q", 300);
  case_builder_poc (b, "m", "a", 100);
  case_builder_poc (b, "m", "q", 100);
  case_builder_boot_intent (b, "k", "a");
  case_builder_boot_intent (b, "k", "q");
  case_builder_commit (b, "k", "a");
  case_builder_reg_delegation (b, "k", "q", "a");
  g_autoptr (PocsimCase) c = case_builder_finish (b);
  g_autoptr (PocsimEpochResult) r = form (c);
  const PocsimPreEligibility *pe = result_preelig (r, "k");
  ck_assert_ptr_nonnull (pe);
  ck_assert (pe->pre_eligible);
  ck_assert_int_eq (pe->intent_weight, 1000);
  ck_assert_int_eq (pe->reachable_voting_power, 1000);
  ck_assert (!result_group (r, "k")->eligible);
  ck_assert_int_eq (result_bmode (r, "k", "a"), POCSIM_BMODE_DIRECT);
  ck_assert_int_eq (result_bmode (r, "k", "q"), POCSIM_BMODE_INTENT_MISSED);
  ck_assert_str_eq (result_penalty_str (r, "q"), P15);
  ck_assert_int_eq (result_final (r, "q"), 85);
  ck_assert_int_eq (result_final (r, "a"), 100);
  g_autoptr (PocsimValidationPower) v = boot_validation_power (c, "k");
  ck_assert_int_eq (v->vp[case_addr (c, "a")], 700);
}
END_TEST

/* Row 33: validation power never falls back to delegations made later than
 * the frozen bootstrap snapshot (here c -> a, present only in the regular
 * snapshot taken at V).  Shape of row 31: with the snapshot vp[a] = 600 +
 * 300 (b) = 900, not 1000; one valid vote by a: 900 > trunc(2·1000/3) = 666
 * => accepted.  Snapshot missing: vp[a] = 600 (neither b's nor c's
 * delegation is read) => 600 ≤ 666, no invalid majority, no guardians =>
 * rejected. */
START_TEST (test_edge_33_no_fallback_to_live_delegations)
{
  g_autoptr (PocsimCase) c = boot_snapshot_case ();
  g_autoptr (PocsimValidationPower) v = boot_validation_power (c, "k");
  ck_assert_int_eq (v->vp[case_addr (c, "a")], 900);
  ck_assert (!v->is_key[case_addr (c, "c")]);
  ck_assert_int_eq (one_valid_vote (c, v, "a", 1000), POCSIM_POC_ACCEPTED);

  g_autoptr (PocsimCase) missing = pocsim_case_copy (c);
  missing->has_bootstrap_snapshot = FALSE;
  g_autoptr (PocsimValidationPower) v2 = boot_validation_power (missing, "k");
  ck_assert_int_eq (v2->vp[case_addr (missing, "a")], 600);
  ck_assert_int_eq (one_valid_vote (missing, v2, "a", 1000), POCSIM_POC_REJECTED);
}
END_TEST

/* Row 34, through the reader: a member removed mid-epoch is not a key of
 * previous.weights, so it is out of W_E and T_E, and a voting power it still
 * holds is not VP_E (only values held by a key of weights count).
 * "gone" holds the only VP of k => k IS a bootstrap candidate; T_E = a 600 +
 * b 400 = 1000; gone's intent is dropped (not a live member): intent_weight
 * 1000 (a, b), hosts 2, R 1000, 3000 > 2000 => pre-eligible.  m {a, b: 100}
 * sole => O = 100 each.  a committed k (Direct, 100); b INTENT_MISSED =>
 * 100 − 15 = 85.
 * Control: with gone still live (weight 500), T_E = 1500 and its VP keeps k
 * out of the candidates: no event, b keeps 100. */
static PocsimCase *
removed_member_case (gboolean gone_is_live)
{
  g_autofree char *text = g_strdup_printf (
    "{\"rules\": \"v0.2.13\", \"upcoming_epoch\": 300,\n"
    " \"params\": {\"delegation_params\": {\"no_participation_penalty\": \"0.15\"},\n"
    "   \"poc_params\": {\"models\": [{\"model_id\": \"k\"}, {\"model_id\": \"m\"}]}},\n"
    " \"previous\": {\"weights\": {\"a\": 600, \"b\": 400%s},\n"
    "   \"voting_powers\": {\"m\": {\"a\": 600, \"b\": 400}, \"k\": {\"gone\": 500}}},\n"
    " \"bootstrap_snapshot\": {\"intents\": [{\"model_id\": \"k\", \"participant\": \"a\"},\n"
    "   {\"model_id\": \"k\", \"participant\": \"b\"}, {\"model_id\": \"k\", \"participant\": \"gone\"}]},\n"
    " \"commits\": [{\"participant\": \"a\", \"model_id\": \"k\"}],\n"
    " \"poc\": {\"m\": {\"a\": 100, \"b\": 100}}}\n",
    gone_is_live ? ", \"gone\": 500" : "");
  return from_json (text);
}

START_TEST (test_edge_34_removed_member_excluded)
{
  g_autoptr (PocsimCase) c = removed_member_case (FALSE);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert_int_eq (r->total_previous_weight, 1000);
  ck_assert (result_is_candidate (r, "k"));
  const PocsimPreEligibility *pe = result_preelig (r, "k");
  ck_assert_ptr_nonnull (pe);
  ck_assert_int_eq (pe->intent_weight, 1000);
  ck_assert_int_eq (pe->intent_host_count, 2);
  ck_assert_int_eq (pe->total_network_weight, 1000);
  ck_assert (pe->pre_eligible);
  ck_assert_int_eq (result_bmode (r, "k", "a"), POCSIM_BMODE_DIRECT);
  ck_assert_int_eq (result_bmode (r, "k", "b"), POCSIM_BMODE_INTENT_MISSED);
  ck_assert_int_eq (result_final (r, "a"), 100);
  ck_assert_int_eq (result_final (r, "b"), 85);

  g_autoptr (PocsimCase) live = removed_member_case (TRUE);
  g_autoptr (PocsimEpochResult) rl = form (live);
  ck_assert_int_eq (rl->total_previous_weight, 1500);
  ck_assert (!result_is_candidate (rl, "k"));
  ck_assert_uint_eq (rl->n_bootstrap, 0);
  ck_assert_int_eq (result_final (rl, "b"), 100);
}
END_TEST

/* Row 35: when a participant's Models and MlNodes arrays differ in length,
 * its pw for the model is missing (0) but it is still listed as a member.
 * A case says this with poc[m2][p] = 0 ("0" read as a member, in AP).
 * cap_factor 1; T_E = a 900 + p 100 = 1000.  m1 {a 100, p 100} R 200;
 * m2 {a 100, p 0} R 100, established 1 (p has pw 0).  O: a 200, p 100.
 * p is DIRECT in m2 (a member), so no NONE penalty: F[p] = 100 (85 if it
 * were not listed).  VP m2: p = F[p] = 100 (a member's VP is its final
 * weight, whatever its pw), a 200. */
START_TEST (test_edge_35_member_with_missing_pw_still_listed)
{
  static const char text[] =
    "{\"rules\": \"v0.2.13\", \"upcoming_epoch\": 300,\n"
    " \"params\": {\"delegation_params\": {\"no_participation_penalty\": \"0.15\", \"cap_factor\": \"1\"},\n"
    "   \"poc_params\": {\"models\": [{\"model_id\": \"m1\"}, {\"model_id\": \"m2\"}]}},\n"
    " \"previous\": {\"weights\": {\"a\": 900, \"p\": 100}},\n"
    " \"poc\": {\"m1\": {\"a\": 100, \"p\": 100}, \"m2\": {\"a\": 100, \"p\": \"0\"}}}\n";
  g_autoptr (PocsimCase) c = from_json (text);
  gsize cell = pocsim_cell (c, case_model (c, "m2"), case_addr (c, "p"));
  ck_assert (c->cell_flags[cell] & POCSIM_CELL_MEMBER);
  ck_assert_int_eq (c->pw[cell], 0);
  g_autoptr (PocsimEpochResult) r = form (c);
  ck_assert (result_group (r, "m2")->eligible);
  ck_assert_int_eq (result_group (r, "m2")->established, 1);
  ck_assert_int_eq (result_group (r, "m2")->raw_total, 100);
  ck_assert_int_eq (result_mode (r, "m2", "p"), POCSIM_MODE_DIRECT);
  ck_assert_int_eq (result_consensus (r, "p"), 100);
  ck_assert_str_eq (result_penalty_str (r, "p"), ZERO);
  ck_assert_int_eq (result_final (r, "p"), 100);
  ck_assert_int_eq (result_vp (r, "m2", "p"), 100);
  ck_assert_int_eq (result_vp (r, "m2", "a"), 200);
}
END_TEST

/* Row 36: a refusal sent after V_U misses U's DelegationSnapshot and is
 * wiped at F_U.  A case holds the snapshot taken at V, so such a refusal is
 * simply not in it, and the host resolves NONE.
 * cap_factor 1; T_E = a 900 + r 100 = 1000.  m1 {a 100, r 100}, m2 {a 100}.
 * O: a 200, r 100.  Refusal of m2 stored before V: REFUSE => 100 −
 * trunc(0.1·100) = 90.  Sent after V (snapshot holds no record): NONE =>
 * 100 − trunc(0.15·100) = 85. */
static PocsimCase *
late_refusal_case (gboolean refusal_in_snapshot)
{
  CaseBuilder *b = base (300);
  case_builder_param (b, "cap_factor", "1");
  case_builder_model (b, "m1", "1", 0);
  case_builder_model (b, "m2", "1", 0);
  case_builder_prev_weight (b, "a", 900);
  case_builder_prev_weight (b, "r", 100);
  case_builder_poc (b, "m1", "a", 100);
  case_builder_poc (b, "m1", "r", 100);
  case_builder_poc (b, "m2", "a", 100);
  case_builder_reg_snapshot (b);
  if (refusal_in_snapshot)
    case_builder_refusal (b, "m2", "r");
  return case_builder_finish (b);
}

START_TEST (test_edge_36_refusal_after_validation_start)
{
  g_autoptr (PocsimCase) before = late_refusal_case (TRUE);
  g_autoptr (PocsimEpochResult) r1 = form (before);
  ck_assert_int_eq (result_mode (r1, "m2", "r"), POCSIM_MODE_REFUSE);
  ck_assert_str_eq (result_penalty_str (r1, "r"), P10);
  ck_assert_int_eq (result_final (r1, "r"), 90);

  g_autoptr (PocsimCase) after = late_refusal_case (FALSE);
  g_autoptr (PocsimEpochResult) r2 = form (after);
  ck_assert_int_eq (result_mode (r2, "m2", "r"), POCSIM_MODE_NONE);
  ck_assert_str_eq (result_penalty_str (r2, "r"), P15);
  ck_assert_int_eq (result_final (r2, "r"), 85);
  ck_assert_int_eq (result_final (r2, "a"), 200);
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
  tcase_add_test (tc, test_power_cap_any_order);
  tcase_add_test (tc, test_reward_memo_keyed);
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

  tc = tcase_create ("snapshots");
  tcase_add_test (tc, test_edge_09_newcomer_bootstrap_records_dropped);
  tcase_add_test (tc, test_edge_10_outsider_dropped_from_snapshots);
  tcase_add_test (tc, test_edge_30_missing_delegation_snapshot);
  tcase_add_test (tc, test_edge_30_snapshot_presence_from_json);
  tcase_add_test (tc, test_edge_31_missing_or_reused_bootstrap_snapshot);
  tcase_add_test (tc, test_edge_32_late_switch_intent_to_delegation);
  tcase_add_test (tc, test_edge_33_no_fallback_to_live_delegations);
  tcase_add_test (tc, test_edge_34_removed_member_excluded);
  tcase_add_test (tc, test_edge_36_refusal_after_validation_start);
  suite_add_tcase (s, tc);

  tc = tcase_create ("groups");
  tcase_add_test (tc, test_edge_11_fresh_member_without_mode_gets_vp);
  tcase_add_test (tc, test_edge_21_previously_active_model_now_ineligible);
  tcase_add_test (tc, test_edge_21_ineligible_model_candidate_next_epoch);
  tcase_add_test (tc, test_edge_27_vp_cap_skipped_on_int64_overflow);
  tcase_add_test (tc, test_edge_27_vp_cap_applies_when_sum_fits);
  tcase_add_test (tc, test_edge_35_member_with_missing_pw_still_listed);
  suite_add_tcase (s, tc);

  tc = tcase_create ("input");
  tcase_add_test (tc, test_edge_29_unset_coefficient_is_one);
  tcase_add_test (tc, test_edge_29_more_than_18_digits_rejected);
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
