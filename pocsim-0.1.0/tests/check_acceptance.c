/* check_acceptance.c - validation voting power and PoC acceptance.
 *
 * Each test cites the rule it checks: rules.md §5 (v0.2.13) or versions.md
 * §1(f) (v0.2.14).  Known answers are hand computations written out beside
 * the assertion; the slot draws were computed independently with Python's
 * hashlib (sha256 of the same seed strings), as noted where used. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/ruleset.h"
#include "rules/acceptance.h"

#define NO_KEY G_MININT64 /* power_of(): this address is not a key of the map */
#define NO_DELEGATION G_MAXUINT32

static const PocsimRuleSet *
v13 (void)
{
  const PocsimRuleSet *r = pocsim_rule_set_lookup ("v0.2.13");
  ck_assert_ptr_nonnull (r);
  return r;
}

/* v0.2.14 may not be in the table yet: v0.2.13 with the two §1(f) switches. */
static const PocsimRuleSet *
v14 (void)
{
  static PocsimRuleSet rules;
  rules = *v13 ();
  rules.name = "v0.2.14";
  rules.default_vote_threshold_bps = 5000;
  rules.guardian_tiebreak_raw_votes = TRUE;
  return &rules;
}

/* A power map from one array: vp[a], or NO_KEY where a is not a key. */
static PocsimValidationPower *
power_of (guint n, const gint64 *vp)
{
  PocsimValidationPower *p = g_new0 (PocsimValidationPower, 1);
  p->n_addrs = n;
  p->vp = g_new0 (gint64, n);
  p->is_key = g_new0 (gboolean, n);
  for (guint a = 0; a < n; a++)
    if (vp[a] != NO_KEY)
      {
        p->vp[a] = vp[a];
        p->is_key[a] = TRUE;
      }
  return p;
}

static PocsimAcceptanceInput
weighted (const PocsimRuleSet *rules, gint64 total)
{
  return (PocsimAcceptanceInput) { .rules = rules, .total_weight = total };
}

static PocsimPocVerdict
judge (const PocsimAcceptanceInput *in, const PocsimValidationPower *p, const PocsimVote *votes,
       guint n_votes, PocsimVerdictReason *reason)
{
  return pocsim_poc_acceptance (in, p, votes, n_votes, reason);
}

/* ================= bootstrap validation power (rules §5) ================= */

/* rules §5: vp[c] = W_E[c] for every committer, and a newcomer committer is a
 * key holding 0; a non-committer is no key. */
START_TEST (test_bootstrap_committers_and_newcomer)
{
  const gint64 w[] = { 100, 50, 0 };
  const gboolean committed[] = { TRUE, FALSE, TRUE };
  const guint32 del[] = { NO_DELEGATION, NO_DELEGATION, NO_DELEGATION };
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimValidationPower) p = pocsim_validation_power_bootstrap (3, w, committed, del, &error);
  ck_assert_ptr_nonnull (p);
  ck_assert_ptr_null (error);
  ck_assert_uint_eq (p->n_addrs, 3);
  ck_assert (p->is_key[0] && !p->is_key[1] && p->is_key[2]);
  ck_assert_int_eq (p->vp[0], 100);
  ck_assert_int_eq (p->vp[1], 0);
  ck_assert_int_eq (p->vp[2], 0); /* newcomer: key with 0 */
}
END_TEST

/* rules §5: d→t adds W_E[d] to t when t committed and d did not. */
START_TEST (test_bootstrap_delegation_adds_weight)
{
  const gint64 w[] = { 100, 30, 20 };
  const gboolean committed[] = { TRUE, FALSE, FALSE };
  const guint32 del[] = { NO_DELEGATION, 0, 0 };
  g_autoptr (PocsimValidationPower) p = pocsim_validation_power_bootstrap (3, w, committed, del, NULL);
  ck_assert_ptr_nonnull (p);
  ck_assert_int_eq (p->vp[0], 100 + 30 + 20);
  ck_assert (!p->is_key[1] && !p->is_key[2]); /* delegators get no key */
}
END_TEST

/* rules §5 (and edge case #7): a committer's own delegation record is ignored;
 * it keeps its W_E and the target gets nothing from it. */
START_TEST (test_bootstrap_delegation_from_committer_ignored)
{
  const gint64 w[] = { 100, 40 };
  const gboolean committed[] = { TRUE, TRUE };
  const guint32 del[] = { NO_DELEGATION, 0 };
  g_autoptr (PocsimValidationPower) p = pocsim_validation_power_bootstrap (2, w, committed, del, NULL);
  ck_assert_ptr_nonnull (p);
  ck_assert_int_eq (p->vp[0], 100);
  ck_assert_int_eq (p->vp[1], 40);
}
END_TEST

/* rules §5 (edge case #5): a delegation to a target without a commit gives
 * nobody VP, and does not make the target a key. */
START_TEST (test_bootstrap_delegation_to_non_committer_ignored)
{
  const gint64 w[] = { 100, 40, 60 };
  const gboolean committed[] = { TRUE, FALSE, FALSE };
  const guint32 del[] = { NO_DELEGATION, 2, NO_DELEGATION };
  g_autoptr (PocsimValidationPower) p = pocsim_validation_power_bootstrap (3, w, committed, del, NULL);
  ck_assert_ptr_nonnull (p);
  ck_assert_int_eq (p->vp[0], 100);
  ck_assert (!p->is_key[2]);
  ck_assert_int_eq (p->vp[2], 0);
}
END_TEST

/* rules §5: delegations are applied for d in sorted order; the address
 * indices are that order, so the overflow is met at the same delegator the
 * chain meets it, and is an error rather than a wrapped VP. */
START_TEST (test_bootstrap_sorted_order_and_overflow)
{
  const gint64 w[] = { G_MAXINT64 - 10, 5, 6, 7 };
  const gboolean committed[] = { TRUE, FALSE, FALSE, FALSE };
  const guint32 del[] = { NO_DELEGATION, 0, 0, 0 };
  /* 5 fits (MAX-5), then 6 would overflow. */
  g_autoptr (GError) error = NULL;
  PocsimValidationPower *p = pocsim_validation_power_bootstrap (4, w, committed, del, &error);
  ck_assert_ptr_null (p);
  ck_assert_ptr_nonnull (error);
  ck_assert (g_error_matches (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW));

  /* Without the overflow, several delegators to one target all add up. */
  const gint64 small[] = { 10, 5, 6, 7 };
  g_autoptr (PocsimValidationPower) q = pocsim_validation_power_bootstrap (4, small, committed, del, NULL);
  ck_assert_ptr_nonnull (q);
  ck_assert_int_eq (q->vp[0], 10 + 5 + 6 + 7);
}
END_TEST

START_TEST (test_bootstrap_free_null)
{
  pocsim_validation_power_free (NULL);
}
END_TEST

/* ================= weighted mode, v0.2.13 (rules §5) ================= */

/* rules §5: accept iff valid > T·2/3 with integer division.  T = 300:
 * T·2/3 = 200, so 200 does not pass (tiebreak, guardians off: reject) and
 * 201 does. */
START_TEST (test_weighted_two_thirds_boundary)
{
  const PocsimAcceptanceInput in = weighted (v13 (), 300);
  const PocsimVote votes[] = { { 0, 10 } };
  PocsimVerdictReason why;

  const gint64 at[] = { 200, 100 };
  g_autoptr (PocsimValidationPower) p_at = power_of (2, at);
  ck_assert_int_eq (judge (&in, p_at, votes, 1, &why), POCSIM_POC_REJECTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_GUARDIAN_TIEBREAK);

  const gint64 above[] = { 201, 99 };
  g_autoptr (PocsimValidationPower) p_above = power_of (2, above);
  ck_assert_int_eq (judge (&in, p_above, votes, 1, &why), POCSIM_POC_ACCEPTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_VALID_MAJORITY);
}
END_TEST

/* rules §5: T is the snapshot's total network weight, not ΣVP of the model:
 * a model holding all votes but only 200 of T = 300 cannot pass alone. */
START_TEST (test_weighted_threshold_of_network_total)
{
  const gint64 vp[] = { 120, 80 };
  g_autoptr (PocsimValidationPower) p = power_of (2, vp);
  const PocsimVote votes[] = { { 0, 1 }, { 1, 1 } };
  const PocsimAcceptanceInput in = weighted (v13 (), 300);
  ck_assert_int_eq (judge (&in, p, votes, 2, NULL), POCSIM_POC_REJECTED);
  const PocsimAcceptanceInput small_t = weighted (v13 (), 299); /* 598/3 = 199 < 200 */
  ck_assert_int_eq (judge (&small_t, p, votes, 2, NULL), POCSIM_POC_ACCEPTED);
}
END_TEST

/* rules §5: reject if invalid > T·2/3, before any guardian is asked; a
 * validated_weight <= 0 is an invalid vote. */
START_TEST (test_weighted_invalid_majority)
{
  const gint64 vp[] = { 201, 99 };
  g_autoptr (PocsimValidationPower) p = power_of (2, vp);
  const gboolean guardian[] = { FALSE, TRUE };
  PocsimAcceptanceInput in = weighted (v13 (), 300);
  in.guardians_enabled = TRUE;
  in.is_guardian = guardian;
  const PocsimVote votes[] = { { 0, 0 }, { 1, 50 } };
  PocsimVerdictReason why;
  ck_assert_int_eq (judge (&in, p, votes, 2, &why), POCSIM_POC_REJECTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_INVALID_MAJORITY);

  const PocsimVote negative[] = { { 0, -1 } };
  ck_assert_int_eq (judge (&in, p, negative, 1, &why), POCSIM_POC_REJECTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_INVALID_MAJORITY);
}
END_TEST

/* rules §5: votes of validators that are no key of VPmodel[m] are dropped;
 * here the outsider's vote alone leaves nothing, so "no votes". */
START_TEST (test_weighted_outsider_votes_filtered)
{
  const gint64 vp[] = { 250, NO_KEY };
  g_autoptr (PocsimValidationPower) p = power_of (2, vp);
  const PocsimAcceptanceInput in = weighted (v13 (), 300);
  const PocsimVote outsider[] = { { 1, 1000 } };
  PocsimVerdictReason why;
  ck_assert_int_eq (judge (&in, p, outsider, 1, &why), POCSIM_POC_REJECTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_NO_VOTES);
}
END_TEST

/* rules §5: one vote per validator, the first write wins. */
START_TEST (test_weighted_first_vote_wins)
{
  const gint64 vp[] = { 201, 99 };
  g_autoptr (PocsimValidationPower) p = power_of (2, vp);
  const PocsimAcceptanceInput in = weighted (v13 (), 300);
  PocsimVerdictReason why;

  const PocsimVote valid_first[] = { { 0, 10 }, { 0, -1 }, { 0, 0 } };
  ck_assert_int_eq (judge (&in, p, valid_first, 3, &why), POCSIM_POC_ACCEPTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_VALID_MAJORITY);

  const PocsimVote invalid_first[] = { { 0, -1 }, { 0, 10 } };
  ck_assert_int_eq (judge (&in, p, invalid_first, 2, &why), POCSIM_POC_REJECTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_INVALID_MAJORITY);

  /* A repeated vote is not counted twice: 150 + 150 would pass, 150 does not. */
  const gint64 half[] = { 150, 150 };
  g_autoptr (PocsimValidationPower) q = power_of (2, half);
  const PocsimVote twice[] = { { 0, 10 }, { 0, 10 } };
  ck_assert_int_eq (judge (&in, q, twice, 2, NULL), POCSIM_POC_REJECTED);
}
END_TEST

/* ================= empty power map (rules §5) ================= */

/* rules §5: if VPmodel[m] is empty (T_E = 0, missing snapshot) the PoC is
 * rejected, whatever the votes, in both versions. */
START_TEST (test_empty_power_map_rejects)
{
  const gint64 none[] = { NO_KEY, NO_KEY };
  g_autoptr (PocsimValidationPower) p = power_of (2, none);
  const gboolean guardian[] = { TRUE, FALSE };
  const PocsimVote votes[] = { { 0, 10 }, { 1, 10 } };
  const PocsimRuleSet *rules[] = { v13 (), v14 () };
  for (guint k = 0; k < G_N_ELEMENTS (rules); k++)
    {
      PocsimAcceptanceInput in = weighted (rules[k], 300);
      in.guardians_enabled = TRUE;
      in.is_guardian = guardian;
      PocsimVerdictReason why;
      ck_assert_int_eq (judge (&in, p, votes, 2, &why), POCSIM_POC_REJECTED);
      ck_assert_int_eq (why, POCSIM_VERDICT_NO_VOTES);
      ck_assert_int_eq (judge (&in, NULL, votes, 2, &why), POCSIM_POC_REJECTED);
      ck_assert_int_eq (why, POCSIM_VERDICT_NO_VOTES);
    }
}
END_TEST

/* rules §5 / versions §1(f): nobody voted at all: rejected in both versions. */
START_TEST (test_no_votes_rejects)
{
  const gint64 vp[] = { 300 };
  g_autoptr (PocsimValidationPower) p = power_of (1, vp);
  const PocsimRuleSet *rules[] = { v13 (), v14 () };
  for (guint k = 0; k < G_N_ELEMENTS (rules); k++)
    {
      const PocsimAcceptanceInput in = weighted (rules[k], 300);
      PocsimVerdictReason why;
      ck_assert_int_eq (judge (&in, p, NULL, 0, &why), POCSIM_POC_REJECTED);
      ck_assert_int_eq (why, POCSIM_VERDICT_NO_VOTES);
    }
}
END_TEST

/* ================= guardian tiebreak ================= */

/* The Kimi epochs 328–329 shape: committers A, B hold Kimi VP (100 each) of
 * T = 300; guardian G holds weight in other models but no Kimi key.  Only A
 * votes valid (100: no majority either way), G votes valid. */
static const gint64 kimi_vp[] = { 100, 100, NO_KEY };
static const gboolean kimi_guardian[] = { FALSE, FALSE, TRUE };
static const PocsimVote kimi_votes[] = { { 0, 10 }, { 2, 10 } };

static PocsimAcceptanceInput
kimi_input (const PocsimRuleSet *rules)
{
  PocsimAcceptanceInput in = weighted (rules, 300);
  in.guardians_enabled = TRUE;
  in.is_guardian = kimi_guardian;
  return in;
}

/* rules §5: v0.2.13 tiebreak reads the filtered votes, so G's vote is gone
 * and the PoC is rejected (the incident). */
START_TEST (test_tiebreak_v13_guardian_without_vp_filtered)
{
  g_autoptr (PocsimValidationPower) p = power_of (3, kimi_vp);
  const PocsimAcceptanceInput in = kimi_input (v13 ());
  PocsimVerdictReason why;
  ck_assert_int_eq (judge (&in, p, kimi_votes, 2, &why), POCSIM_POC_REJECTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_GUARDIAN_TIEBREAK);
}
END_TEST

/* versions §1(f): v0.2.14 tiebreak reads the raw votes: G counts and the
 * PoC is accepted.  (100·10000 = 1e6 is not > 300·5000 = 1.5e6, so it is
 * the tiebreak, not the 50 % test, that accepts.) */
START_TEST (test_tiebreak_v14_raw_votes)
{
  g_autoptr (PocsimValidationPower) p = power_of (3, kimi_vp);
  const PocsimAcceptanceInput in = kimi_input (v14 ());
  PocsimVerdictReason why;
  ck_assert_int_eq (judge (&in, p, kimi_votes, 2, &why), POCSIM_POC_ACCEPTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_GUARDIAN_TIEBREAK);
}
END_TEST

/* rules §5 vs versions §1(f): when only the VP-less guardian voted, v0.2.13
 * has no filtered vote ("no votes"), while v0.2.14 rejects for "no votes"
 * only on an empty raw list and lets the tiebreak accept. */
START_TEST (test_tiebreak_only_guardian_voted)
{
  g_autoptr (PocsimValidationPower) p = power_of (3, kimi_vp);
  const PocsimVote only_g[] = { { 2, 10 } };
  PocsimVerdictReason why;
  const PocsimAcceptanceInput old = kimi_input (v13 ());
  ck_assert_int_eq (judge (&old, p, only_g, 1, &why), POCSIM_POC_REJECTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_NO_VOTES);
  const PocsimAcceptanceInput new = kimi_input (v14 ());
  ck_assert_int_eq (judge (&new, p, only_g, 1, &why), POCSIM_POC_ACCEPTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_GUARDIAN_TIEBREAK);
}
END_TEST

/* rules §5: a guardian that is a key holding 0 VP (a newcomer committer)
 * survives the v0.2.13 filter and can break the tie. */
START_TEST (test_tiebreak_v13_guardian_key_with_zero_vp)
{
  const gint64 vp[] = { 100, 100, 0 };
  g_autoptr (PocsimValidationPower) p = power_of (3, vp);
  const PocsimAcceptanceInput in = kimi_input (v13 ());
  ck_assert_int_eq (judge (&in, p, kimi_votes, 2, NULL), POCSIM_POC_ACCEPTED);
}
END_TEST

/* rules §5: accept only if some guardian voted valid and none invalid; split
 * or all-invalid guardians reject. */
START_TEST (test_tiebreak_split_and_invalid)
{
  const gint64 vp[] = { 100, 0, 0 };
  g_autoptr (PocsimValidationPower) p = power_of (3, vp);
  const gboolean guardians[] = { FALSE, TRUE, TRUE };
  PocsimAcceptanceInput in = weighted (v13 (), 300);
  in.guardians_enabled = TRUE;
  in.is_guardian = guardians;
  const PocsimVote split[] = { { 0, 1 }, { 1, 1 }, { 2, -1 } };
  ck_assert_int_eq (judge (&in, p, split, 3, NULL), POCSIM_POC_REJECTED);
  const PocsimVote all_invalid[] = { { 0, 1 }, { 1, 0 }, { 2, -1 } };
  ck_assert_int_eq (judge (&in, p, all_invalid, 3, NULL), POCSIM_POC_REJECTED);
  const PocsimVote one_valid_one_silent[] = { { 0, 1 }, { 1, 5 } };
  ck_assert_int_eq (judge (&in, p, one_valid_one_silent, 2, NULL), POCSIM_POC_ACCEPTED);
}
END_TEST

/* rules §5: the tiebreak applies only if guardians are enabled and the set
 * is non-empty; otherwise a tie is rejected. */
START_TEST (test_tiebreak_disabled_or_empty)
{
  const gint64 vp[] = { 100, 100 };
  g_autoptr (PocsimValidationPower) p = power_of (2, vp);
  const gboolean guardian[] = { TRUE, FALSE };
  const gboolean nobody[] = { FALSE, FALSE };
  const PocsimVote votes[] = { { 0, 1 } };
  PocsimAcceptanceInput in = weighted (v14 (), 300);
  in.is_guardian = guardian;
  in.guardians_enabled = FALSE;
  ck_assert_int_eq (judge (&in, p, votes, 1, NULL), POCSIM_POC_REJECTED);
  in.guardians_enabled = TRUE;
  ck_assert_int_eq (judge (&in, p, votes, 1, NULL), POCSIM_POC_ACCEPTED);
  in.is_guardian = nobody;
  ck_assert_int_eq (judge (&in, p, votes, 1, NULL), POCSIM_POC_REJECTED);
  in.is_guardian = NULL;
  ck_assert_int_eq (judge (&in, p, votes, 1, NULL), POCSIM_POC_REJECTED);
}
END_TEST

/* ================= v0.2.14 threshold (versions §1f) ================= */

/* versions §1(f): valid·10000 > T·bps with the default 5000.  T = 1000:
 * 500 is exactly half (not enough), 501 passes. */
START_TEST (test_v14_half_threshold)
{
  const PocsimAcceptanceInput in = weighted (v14 (), 1000);
  const PocsimVote votes[] = { { 0, 1 } };
  PocsimVerdictReason why;

  const gint64 half[] = { 500, 500 };
  g_autoptr (PocsimValidationPower) p_half = power_of (2, half);
  ck_assert_int_eq (judge (&in, p_half, votes, 1, &why), POCSIM_POC_REJECTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_GUARDIAN_TIEBREAK);

  const gint64 above[] = { 501, 499 };
  g_autoptr (PocsimValidationPower) p_above = power_of (2, above);
  ck_assert_int_eq (judge (&in, p_above, votes, 1, &why), POCSIM_POC_ACCEPTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_VALID_MAJORITY);

  const PocsimVote invalid[] = { { 0, -1 } };
  ck_assert_int_eq (judge (&in, p_above, invalid, 1, &why), POCSIM_POC_REJECTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_INVALID_MAJORITY);
}
END_TEST

/* versions §1(f): a configured validation_vote_threshold_bps replaces the
 * default.  bps = 6667, T = 1000: 667·10000 = 6 670 000 > 6 667 000 passes,
 * 666·10000 = 6 660 000 does not. */
START_TEST (test_v14_configured_bps)
{
  PocsimAcceptanceInput in = weighted (v14 (), 1000);
  in.vote_threshold_bps = 6667;
  const PocsimVote votes[] = { { 0, 1 } };
  const gint64 pass[] = { 667, 333 };
  g_autoptr (PocsimValidationPower) p_pass = power_of (2, pass);
  ck_assert_int_eq (judge (&in, p_pass, votes, 1, NULL), POCSIM_POC_ACCEPTED);
  const gint64 fail[] = { 666, 334 };
  g_autoptr (PocsimValidationPower) p_fail = power_of (2, fail);
  ck_assert_int_eq (judge (&in, p_fail, votes, 1, NULL), POCSIM_POC_REJECTED);
}
END_TEST

/* versions §1(f): the products are 128-bit, so T = INT64_MAX works.
 * T = 9223372036854775807: T·5000 = 46116860184273879035000;
 * (T/2 + 1)·10000 = 46116860184273879040000 passes,
 * (T/2)·10000     = 46116860184273879030000 does not. */
START_TEST (test_v14_products_do_not_overflow)
{
  const PocsimAcceptanceInput in = weighted (v14 (), G_MAXINT64);
  const PocsimVote votes[] = { { 0, 1 } };
  const gint64 pass[] = { G_MAXINT64 / 2 + 1 };
  g_autoptr (PocsimValidationPower) p_pass = power_of (1, pass);
  ck_assert_int_eq (judge (&in, p_pass, votes, 1, NULL), POCSIM_POC_ACCEPTED);
  const gint64 fail[] = { G_MAXINT64 / 2 };
  g_autoptr (PocsimValidationPower) p_fail = power_of (1, fail);
  ck_assert_int_eq (judge (&in, p_fail, votes, 1, NULL), POCSIM_POC_REJECTED);
}
END_TEST

/* versions §1(f): the param is new in v0.2.14; under v0.2.13 rules it is
 * ignored and the 2/3 test applies (600 of 1000 is not > 666). */
START_TEST (test_v13_ignores_bps_param)
{
  PocsimAcceptanceInput in = weighted (v13 (), 1000);
  in.vote_threshold_bps = 5000;
  const gint64 vp[] = { 600, 400 };
  g_autoptr (PocsimValidationPower) p = power_of (2, vp);
  const PocsimVote votes[] = { { 0, 1 } };
  ck_assert_int_eq (judge (&in, p, votes, 1, NULL), POCSIM_POC_REJECTED);
}
END_TEST

/* ================= slot mode (rules §5, versions §1f) ================= */

/* rules §5 ComputeSampledSlotCount: 0 if VP <= 0, n if VP >= T, otherwise
 * floor(VP·n/T); nothing is sampled without slots or without T. */
START_TEST (test_slot_count_edges)
{
  ck_assert_int_eq (pocsim_sampled_slot_count (0, 100, 10), 0);
  ck_assert_int_eq (pocsim_sampled_slot_count (-5, 100, 10), 0);
  ck_assert_int_eq (pocsim_sampled_slot_count (100, 100, 10), 10);
  ck_assert_int_eq (pocsim_sampled_slot_count (150, 100, 10), 10);
  ck_assert_int_eq (pocsim_sampled_slot_count (60, 100, 10), 6);
  ck_assert_int_eq (pocsim_sampled_slot_count (59, 100, 10), 5); /* 5.9 → 5 */
  ck_assert_int_eq (pocsim_sampled_slot_count (9, 100, 10), 0);  /* 0.9 → 0 */
  ck_assert_int_eq (pocsim_sampled_slot_count (60, 100, 0), 0);
  ck_assert_int_eq (pocsim_sampled_slot_count (60, 0, 10), 0);
}
END_TEST

static const char *const slot_addrs[] = { "gonka1aaa", "gonka1bbb" };
static const char slot_model[] = "Qwen/Qwen3-235B-A22B-Instruct-2507-FP8";

static PocsimAcceptanceInput
slot_input (const PocsimRuleSet *rules, gint64 total, guint32 n, const char *app_hash)
{
  PocsimAcceptanceInput in = weighted (rules, total);
  in.validation_slots = n;
  in.app_hash_hex = app_hash;
  in.addrs = slot_addrs;
  in.participant = "gonka1ppp";
  in.model_id = slot_model;
  return in;
}

/* rules §5: the draw is a function of its inputs only. */
START_TEST (test_slots_deterministic)
{
  const gint64 vp[] = { 60, 40 };
  g_autoptr (PocsimValidationPower) p = power_of (2, vp);
  const PocsimAcceptanceInput in = slot_input (v13 (), 100, 10, "A1B2C3D4E5F60718293A4B5C6D7E8F90");
  const PocsimVote votes[] = { { 0, 1 }, { 1, -1 } };
  PocsimVerdictReason why1, why2;
  PocsimPocVerdict first = judge (&in, p, votes, 2, &why1);
  PocsimPocVerdict second = judge (&in, p, votes, 2, &why2);
  ck_assert_int_eq (first, second);
  ck_assert_int_eq (why1, why2);
}
END_TEST

/* rules §5: one validator holding all the model's VP, VP = T, gets every
 * one of the n slots; its valid vote passes in both versions. */
START_TEST (test_slots_single_validator_accepts)
{
  const gint64 vp[] = { 100, NO_KEY };
  g_autoptr (PocsimValidationPower) p = power_of (2, vp);
  const PocsimVote votes[] = { { 0, 1 } };
  const PocsimRuleSet *rules[] = { v13 (), v14 () };
  for (guint k = 0; k < G_N_ELEMENTS (rules); k++)
    {
      const PocsimAcceptanceInput in = slot_input (rules[k], 100, 10, "DEADBEEF");
      PocsimVerdictReason why;
      ck_assert_int_eq (judge (&in, p, votes, 1, &why), POCSIM_POC_ACCEPTED);
      ck_assert_int_eq (why, POCSIM_VERDICT_BY_VALID_MAJORITY);
    }
}
END_TEST

/* rules §5: slots are drawn by hash, not handed out by share.  With app hash
 * "DEADBEEF", participant gonka1ppp, the Qwen model id and VP a:60 b:40
 * (ΣVP = T = 100, n = 10), the ten r_i = BE64(sha256("DEADBEEF" "gonka1ppp"
 * model i)[0:8]) mod 100 fall 3 in a's interval [0,60) and 7 in b's [60,100)
 * (computed with Python hashlib).  So b alone decides either way: b invalid
 * gives 7 > 6 invalid slots, b valid gives 7 > 6 valid slots. */
START_TEST (test_slots_known_draw)
{
  const gint64 vp[] = { 60, 40 };
  g_autoptr (PocsimValidationPower) p = power_of (2, vp);
  const PocsimAcceptanceInput in = slot_input (v13 (), 100, 10, "DEADBEEF");
  PocsimVerdictReason why;

  const PocsimVote a_valid_b_invalid[] = { { 0, 1 }, { 1, -1 } };
  ck_assert_int_eq (judge (&in, p, a_valid_b_invalid, 2, &why), POCSIM_POC_REJECTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_INVALID_MAJORITY);

  const PocsimVote a_invalid_b_valid[] = { { 0, -1 }, { 1, 1 } };
  ck_assert_int_eq (judge (&in, p, a_invalid_b_valid, 2, &why), POCSIM_POC_ACCEPTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_VALID_MAJORITY);

  /* Same VP, app hash "A1B2C3D4E5F60718293A4B5C6D7E8F90": a draws 6, b 4
   * (Python hashlib).  a valid alone: 6 is not > 10·2/3 = 6 under v0.2.13,
   * but 6·10000 > 10·5000 under v0.2.14. */
  const PocsimVote a_only[] = { { 0, 1 } };
  const PocsimAcceptanceInput old = slot_input (v13 (), 100, 10, "A1B2C3D4E5F60718293A4B5C6D7E8F90");
  ck_assert_int_eq (judge (&old, p, a_only, 1, &why), POCSIM_POC_REJECTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_GUARDIAN_TIEBREAK);
  const PocsimAcceptanceInput new = slot_input (v14 (), 100, 10, "A1B2C3D4E5F60718293A4B5C6D7E8F90");
  ck_assert_int_eq (judge (&new, p, a_only, 1, &why), POCSIM_POC_ACCEPTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_VALID_MAJORITY);
}
END_TEST

/* rules §5: only ΣVP/T of the n slots are sampled; the rest abstain but still
 * count in n.  ΣVP = 60 of T = 100, n = 10: S = 6, all valid: v0.2.13 needs
 * > 6 (tiebreak, rejected), v0.2.14 needs 6·10000 > 10·5000 (accepted). */
START_TEST (test_slots_unsampled_abstain)
{
  const gint64 vp[] = { 60, 0 }; /* b: a key with 0 VP is never drawn */
  g_autoptr (PocsimValidationPower) p = power_of (2, vp);
  const PocsimVote votes[] = { { 0, 1 }, { 1, -1 } };
  PocsimVerdictReason why;
  const PocsimAcceptanceInput old = slot_input (v13 (), 100, 10, "DEADBEEF");
  ck_assert_int_eq (judge (&old, p, votes, 2, &why), POCSIM_POC_REJECTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_GUARDIAN_TIEBREAK);
  const PocsimAcceptanceInput new = slot_input (v14 (), 100, 10, "DEADBEEF");
  ck_assert_int_eq (judge (&new, p, votes, 2, &why), POCSIM_POC_ACCEPTED);
  ck_assert_int_eq (why, POCSIM_VERDICT_BY_VALID_MAJORITY);
}
END_TEST

static Suite *
acceptance_suite (void)
{
  Suite *s = suite_create ("acceptance");

  TCase *boot = tcase_create ("bootstrap power");
  tcase_add_test (boot, test_bootstrap_committers_and_newcomer);
  tcase_add_test (boot, test_bootstrap_delegation_adds_weight);
  tcase_add_test (boot, test_bootstrap_delegation_from_committer_ignored);
  tcase_add_test (boot, test_bootstrap_delegation_to_non_committer_ignored);
  tcase_add_test (boot, test_bootstrap_sorted_order_and_overflow);
  tcase_add_test (boot, test_bootstrap_free_null);
  suite_add_tcase (s, boot);

  TCase *weighted_tc = tcase_create ("weighted v0.2.13");
  tcase_add_test (weighted_tc, test_weighted_two_thirds_boundary);
  tcase_add_test (weighted_tc, test_weighted_threshold_of_network_total);
  tcase_add_test (weighted_tc, test_weighted_invalid_majority);
  tcase_add_test (weighted_tc, test_weighted_outsider_votes_filtered);
  tcase_add_test (weighted_tc, test_weighted_first_vote_wins);
  suite_add_tcase (s, weighted_tc);

  TCase *empty = tcase_create ("no power, no votes");
  tcase_add_test (empty, test_empty_power_map_rejects);
  tcase_add_test (empty, test_no_votes_rejects);
  suite_add_tcase (s, empty);

  TCase *guard = tcase_create ("guardian tiebreak");
  tcase_add_test (guard, test_tiebreak_v13_guardian_without_vp_filtered);
  tcase_add_test (guard, test_tiebreak_v14_raw_votes);
  tcase_add_test (guard, test_tiebreak_only_guardian_voted);
  tcase_add_test (guard, test_tiebreak_v13_guardian_key_with_zero_vp);
  tcase_add_test (guard, test_tiebreak_split_and_invalid);
  tcase_add_test (guard, test_tiebreak_disabled_or_empty);
  suite_add_tcase (s, guard);

  TCase *bps = tcase_create ("v0.2.14 threshold");
  tcase_add_test (bps, test_v14_half_threshold);
  tcase_add_test (bps, test_v14_configured_bps);
  tcase_add_test (bps, test_v14_products_do_not_overflow);
  tcase_add_test (bps, test_v13_ignores_bps_param);
  suite_add_tcase (s, bps);

  TCase *slots = tcase_create ("slot mode");
  tcase_add_test (slots, test_slot_count_edges);
  tcase_add_test (slots, test_slots_deterministic);
  tcase_add_test (slots, test_slots_single_validator_accepts);
  tcase_add_test (slots, test_slots_known_draw);
  tcase_add_test (slots, test_slots_unsampled_abstain);
  suite_add_tcase (s, slots);

  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (acceptance_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
