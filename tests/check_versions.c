/* check_versions.c - every vector formed under both rule sets.
 *
 * Each case under SRCDIR "/tests/vectors" (recursively: NAME.case.json, or
 * case-NAME.json as in mainnet/) is loaded twice with pocsim_case_load, as
 * the commands load a case, once with the rules override "v0.2.13" and once
 * with "v0.2.14" (as `pocsim epoch --rules R` does), and both are formed.
 * What v0.2.14 changed is stated in spec versions.md §1 and
 * docs/versions.md; everything before the penalty step must come out equal,
 * and the new rule set's penalty semantics must hold exactly:
 *
 *   same under both (versions §1(a), (b), (d), (e): modes, bootstrap, group
 *   cap and coefficients unchanged; §1(c) 1-3: O[p] and PF[p] computed as
 *   before):
 *     T_E; every bootstrap pre-eligibility event; every group result
 *     (members' W_E, established count, eligible, raw total, cap, scale);
 *     the mode and bootstrap mode of every cell; consensus O[p] and the
 *     penalty fraction PF[p] of every address;
 *
 *   v0.2.13 (rules §4.5): after_penalty = O − trunc(PF·O) − out + in for an
 *   active address with O > 0 (O − out + in otherwise);
 *
 *   v0.2.14 (versions §1(c), docs/versions.md "What each rule set does" 1):
 *     after_penalty = O (the weight is not reduced);
 *     final = power cap (positive weights only, §1(g)) of the collateral
 *       rule applied to O: no penalty or transfer reaches it;
 *     with the per-model VP cap off, a member's VP in an eligible model is
 *       its own final weight plus the full final weight of every active
 *       delegator that resolved DELEGATE to it (§1(c) 5);
 *     reward_weight carries the penalty and transfers (versions §6):
 *       rw = base − min(base, trunc(PF·base)) − transfer_out + transfer_in,
 *       base = the final weights power-capped again at settlement, the cut
 *       only where O > 0;
 *   and where both rule sets give the same final weights, the same VPs.
 *
 * A last test forms every case again and asserts that the vectors exercise
 * the difference at all: at least one nonzero penalty (PF > 0 with O > 0),
 * one reward weight cut below its base, and one after_penalty that differs
 * between the rule sets.  A case whose expectation is {"error": true} must
 * be rejected under both rule sets and is otherwise skipped.  Cases that pin
 * "v0.2.14" (tests/vectors/v0.2.14) are included: the override replaces the
 * pinned rule set, and the comparison holds for them as for the others.
 * tests/vectors/v0.2.16 is not: check_vectors holds it to the chain's own
 * v0.2.16 answers. */
#include <check.h>
#include <glib.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/result.h"
#include "core/snapshots.h"
#include "io/case_load.h"
#include "io/json_autoptr.h"
#include "rules/collateral.h"
#include "rules/epoch.h"
#include "rules/power_cap.h"

#ifndef SRCDIR
#error "SRCDIR must be defined as the project's source directory"
#endif

#define MAX_REPORTED 30 /* mismatches spelled out in one failure message */

typedef struct {
  char *name;        /* path relative to tests/vectors */
  char *case_path;
  char *expect_path;
} VersionCase;

static GPtrArray *cases; /* VersionCase* */

/* ---- discovery ------------------------------------------------------------ */

static void
version_case_free (gpointer p)
{
  VersionCase *vc = p;
  g_free (vc->name);
  g_free (vc->case_path);
  g_free (vc->expect_path);
  g_free (vc);
}

static int
cmp_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The expectation beside a case file, or NULL if NAME is no case file. */
static char *
expectation_name (const char *name)
{
  if (g_str_has_suffix (name, ".case.json"))
    return g_strdup_printf ("%.*s.expect.json", (int) (strlen (name) - strlen (".case.json")), name);
  if (g_str_has_prefix (name, "case-") && g_str_has_suffix (name, ".json"))
    return g_strconcat ("expected-", name + strlen ("case-"), NULL);
  return NULL;
}

/* Adds the cases of DIR and its subdirectories, in sorted order. */
static void
scan (const char *dir, const char *rel)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;
  while ((entry = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, cmp_strings);
  for (guint k = 0; k < names->len; k++)
    {
      const char *name = g_ptr_array_index (names, k);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *sub = *rel ? g_strdup_printf ("%s/%s", rel, name) : g_strdup (name);
      g_autofree char *expect = NULL;
      /* v0.2.16's cases compare v0.2.16 with the chain (check_vectors); some
       * name an initial model the earlier rule sets refuse. */
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && strcmp (sub, "v0.2.16") != 0)
        scan (path, sub);
      else if ((expect = expectation_name (name)) != NULL)
        {
          VersionCase *vc = g_new0 (VersionCase, 1);
          vc->name = g_steal_pointer (&sub);
          vc->case_path = g_steal_pointer (&path);
          vc->expect_path = g_build_filename (dir, expect, NULL);
          g_ptr_array_add (cases, vc);
        }
    }
}

static gboolean
expects_error (const VersionCase *vc)
{
  g_autoptr (json_t) e = json_load_file (vc->expect_path, 0, NULL);
  return json_is_object (e) && json_is_true (json_object_get (e, "error"));
}

/* ---- one case under both rule sets ------------------------------------------ */

typedef struct {
  const char *case_name;
  GString *report;
  guint count;
} Report;

static void G_GNUC_PRINTF (2, 3)
report_mismatch (Report *rep, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *what = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_printerr ("%s: %s\n", rep->case_name, what);
  if (rep->count < MAX_REPORTED)
    g_string_append_printf (rep->report, "\n  %s", what);
  else if (rep->count == MAX_REPORTED)
    g_string_append (rep->report, "\n  ... (more on stderr)");
  rep->count++;
}

#define SAME_INT(rep, what, x13, x14, ...)                                                  \
  do                                                                                        \
    {                                                                                       \
      gint64 x13_ = (x13), x14_ = (x14);                                                    \
      if (x13_ != x14_)                                                                     \
        report_mismatch (rep, what ": v0.2.13 %" G_GINT64_FORMAT ", v0.2.14 %" G_GINT64_FORMAT, \
                         __VA_ARGS__, x13_, x14_);                                          \
    }                                                                                       \
  while (0)

#define WANT_INT(rep, what, got, want, ...)                                                 \
  do                                                                                        \
    {                                                                                       \
      gint64 got_ = (got), want_ = (want);                                                  \
      if (got_ != want_)                                                                    \
        report_mismatch (rep, what ": expected %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT,  \
                         __VA_ARGS__, want_, got_);                                         \
    }                                                                                       \
  while (0)

/* What the coverage test counts. */
typedef struct {
  guint formed;             /* cases formed under both rule sets */
  guint with_penalty;       /* cases with some PF > 0 and O > 0 */
  guint with_reward_cut;    /* cases with some v0.2.14 reward_weight below its base */
  guint with_weight_diff;   /* cases whose after_penalty differs between the rule sets */
} Coverage;

/* trunc(PF · w): the cut the penalty fraction makes (PF ≤ 1, so it fits). */
static gint64
cut_of (PocsimDec pf, gint64 w)
{
  gint64 cut = 0;
  pocsim_dec_mul_int64_trunc (pf, w, &cut);
  return cut;
}

static void
compare_before_penalties (Report *rep, const PocsimCase *c, const PocsimEpochResult *r13,
                          const PocsimEpochResult *r14)
{
  char b13[POCSIM_DEC_FORMAT_SIZE], b14[POCSIM_DEC_FORMAT_SIZE];
  SAME_INT (rep, "%s", r13->total_previous_weight, r14->total_previous_weight, "total_previous_weight");
  SAME_INT (rep, "%s", r13->n_bootstrap, r14->n_bootstrap, "number of bootstrap events");
  for (guint k = 0; k < MIN (r13->n_bootstrap, r14->n_bootstrap); k++)
    {
      const PocsimPreEligibility *e13 = &r13->bootstrap[k], *e14 = &r14->bootstrap[k];
      const char *id = c->models[e13->model].id;
      SAME_INT (rep, "bootstrap[%u] model", e13->model, e14->model, k);
      SAME_INT (rep, "bootstrap %s pre_eligible", e13->pre_eligible, e14->pre_eligible, id);
      SAME_INT (rep, "bootstrap %s meets_weight_threshold", e13->meets_weight_threshold,
                e14->meets_weight_threshold, id);
      SAME_INT (rep, "bootstrap %s meets_v_min", e13->meets_v_min, e14->meets_v_min, id);
      SAME_INT (rep, "bootstrap %s meets_reachability", e13->meets_reachability, e14->meets_reachability, id);
      SAME_INT (rep, "bootstrap %s intent_host_count", e13->intent_host_count, e14->intent_host_count, id);
      SAME_INT (rep, "bootstrap %s intent_weight", e13->intent_weight, e14->intent_weight, id);
      SAME_INT (rep, "bootstrap %s reachable_voting_power", e13->reachable_voting_power,
                e14->reachable_voting_power, id);
      SAME_INT (rep, "bootstrap %s total_network_weight", e13->total_network_weight,
                e14->total_network_weight, id);
    }
  for (guint m = 0; m < c->n_models; m++)
    {
      const PocsimGroupResult *g13 = &r13->groups[m], *g14 = &r14->groups[m];
      const char *id = c->models[m].id;
      SAME_INT (rep, "%s is a bootstrap candidate", r13->is_bootstrap_candidate[m],
                r14->is_bootstrap_candidate[m], id);
      SAME_INT (rep, "group %s has members", g13->has_members, g14->has_members, id);
      SAME_INT (rep, "group %s eligible", g13->eligible, g14->eligible, id);
      SAME_INT (rep, "group %s members' W_E", g13->members_prev_weight, g14->members_prev_weight, id);
      SAME_INT (rep, "group %s established", g13->established, g14->established, id);
      SAME_INT (rep, "group %s raw_total", g13->raw_total, g14->raw_total, id);
      SAME_INT (rep, "group %s cap", g13->cap, g14->cap, id);
      if (pocsim_dec_cmp (g13->scale, g14->scale) != 0)
        report_mismatch (rep, "group %s scale: v0.2.13 %s, v0.2.14 %s", id,
                         pocsim_dec_format (g13->scale, b13), pocsim_dec_format (g14->scale, b14));
      for (guint a = 0; a < c->n_addrs; a++)
        {
          gsize k = pocsim_cell (c, m, a);
          SAME_INT (rep, "mode of %s in %s", r13->mode[k], r14->mode[k], c->addrs[a], id);
          SAME_INT (rep, "bootstrap mode of %s in %s", r13->bootstrap_mode[k], r14->bootstrap_mode[k],
                    c->addrs[a], id);
        }
    }
  for (guint a = 0; a < c->n_addrs; a++)
    {
      SAME_INT (rep, "consensus of %s", r13->consensus[a], r14->consensus[a], c->addrs[a]);
      if (pocsim_dec_cmp (r13->penalty[a], r14->penalty[a]) != 0)
        report_mismatch (rep, "penalty of %s: v0.2.13 %s, v0.2.14 %s", c->addrs[a],
              pocsim_dec_format (r13->penalty[a], b13), pocsim_dec_format (r14->penalty[a], b14));
    }
}

/* rules §4.5 apply: penalties on O first, then transfers. */
static void
check_v13_weights (Report *rep, const PocsimCase *c, const PocsimEpochResult *r13)
{
  for (guint a = 0; a < c->n_addrs; a++)
    {
      gint64 o = r13->consensus[a];
      gboolean charged = o > 0 && (c->addr_flags[a] & POCSIM_ADDR_ACTIVE);
      gint64 cut = charged ? cut_of (r13->penalty[a], o) : 0;
      gint64 want = o - cut - r13->transfer_out[a] + r13->transfer_in[a];
      WANT_INT (rep, "v0.2.13 after_penalty of %s (O − cut − out + in)", r13->after_penalty[a], want,
                c->addrs[a]);
    }
}

/* versions §1(c): the stored weight never sees a penalty or a transfer; the
 * reward weight does.  Returns TRUE if some reward weight was cut. */
static gboolean
check_v14_weights (Report *rep, const PocsimCase *c, const PocsimEpochResult *r14)
{
  const PocsimParams *p = &c->params;
  gboolean collateral = p->collateral_enabled && c->upcoming_epoch > p->grace_period_end_epoch;
  g_autofree gint64 *final = g_new0 (gint64, c->n_addrs + 1);
  g_autofree gint64 *base = g_new0 (gint64, c->n_addrs + 1);
  gboolean reward_cut = FALSE;

  for (guint a = 0; a < c->n_addrs; a++)
    {
      WANT_INT (rep, "v0.2.14 after_penalty of %s (= consensus)", r14->after_penalty[a], r14->consensus[a],
                c->addrs[a]);
      final[a] = r14->consensus[a];
      if (collateral && (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
          && !pocsim_collateral_adjust (p, final[a], (c->addr_flags[a] & POCSIM_ADDR_HAS_COLLATERAL) != 0,
                                        c->collateral[a], &final[a]))
        report_mismatch (rep, "collateral of %s overflows", c->addrs[a]);
    }
  pocsim_power_cap_apply_active (c, final); /* v0.2.14: positive weights only */
  for (guint a = 0; a < c->n_addrs; a++)
    WANT_INT (rep, "v0.2.14 final of %s (collateral and power cap of consensus)", r14->final[a], final[a],
              c->addrs[a]);

  /* Settlement: rewardable weight = final, power-capped again, then the
   * reward penalty and the transfers. */
  for (guint a = 0; a < c->n_addrs; a++)
    base[a] = (c->addr_flags[a] & POCSIM_ADDR_ACTIVE) ? MAX (r14->final[a], 0) : 0;
  pocsim_power_cap_apply_active (c, base);
  gint64 total_in = 0, total_out = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      gint64 cut = r14->consensus[a] > 0 ? MIN (base[a], cut_of (r14->penalty[a], base[a])) : 0;
      gint64 want = base[a] - cut - r14->transfer_out[a] + r14->transfer_in[a];
      WANT_INT (rep, "v0.2.14 reward_weight of %s (base − trunc(PF·base) − out + in)",
                r14->reward_weight[a], want, c->addrs[a]);
      if (r14->reward_weight[a] < base[a])
        reward_cut = TRUE;
      total_in += r14->transfer_in[a];
      total_out += r14->transfer_out[a];
    }
  if (total_in > total_out)
    report_mismatch (rep, "v0.2.14 reward transfers received (%" G_GINT64_FORMAT
                     ") exceed those sent (%" G_GINT64_FORMAT ")", total_in, total_out);
  return reward_cut;
}

/* versions §1(c) 5: VP from the unpenalised final weight; a delegate gets
 * its delegators' full final weight.  Exact only with the per-model VP cap
 * off; with it on, the cap can only lower a value. */
static void
check_v14_voting_powers (Report *rep, const PocsimCase *c, const PocsimEpochResult *r14)
{
  gboolean capped = !pocsim_dec_is_zero (c->params.max_model_vp_pct);
  for (guint m = 0; m < c->n_models; m++)
    {
      const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
      const guint8 *modes = r14->mode + pocsim_cell (c, m, 0);
      const gint64 *vp = r14->voting_power + pocsim_cell (c, m, 0);
      for (guint t = 0; t < c->n_addrs; t++)
        {
          if (!r14->groups[m].eligible || !(flags[t] & POCSIM_CELL_MEMBER))
            {
              WANT_INT (rep, "v0.2.14 VP of non-member %s in %s", vp[t], 0, c->addrs[t], c->models[m].id);
              continue;
            }
          gint64 want = r14->final[t];
          for (guint d = 0; d < c->n_addrs; d++)
            if (modes[d] == POCSIM_MODE_DELEGATE && pocsim_reg_delegate (c, m, d) == t
                && (c->addr_flags[d] & POCSIM_ADDR_ACTIVE))
              want += r14->final[d];
          if (!capped)
            WANT_INT (rep, "v0.2.14 VP of %s in %s (own final + delegators' finals)", vp[t], want,
                      c->addrs[t], c->models[m].id);
          else if (vp[t] > want)
            report_mismatch (rep, "v0.2.14 VP of %s in %s: %" G_GINT64_FORMAT
                             " exceeds own + delegated final %" G_GINT64_FORMAT,
                             c->addrs[t], c->models[m].id, vp[t], want);
        }
    }
}

/* Loads, forms and compares one case; adds to *cov.  Returns the report
 * (empty when everything holds). */
static GString *
run_case (const VersionCase *vc, Coverage *cov)
{
  Report rep = { vc->name, g_string_new (NULL), 0 };
  g_autoptr (GError) e13 = NULL, e14 = NULL;
  g_autoptr (PocsimCase) c13 = pocsim_case_load (vc->case_path, "v0.2.13", &e13);
  g_autoptr (PocsimCase) c14 = pocsim_case_load (vc->case_path, "v0.2.14", &e14);
  if (expects_error (vc))
    {
      if (c13 != NULL || c14 != NULL)
        report_mismatch (&rep, "expected to be rejected, but a rule set read it");
      return rep.report;
    }
  if (c13 == NULL || c14 == NULL)
    {
      report_mismatch (&rep, "rejected: %s", (e13 ? e13 : e14)->message);
      return rep.report;
    }
  if (strcmp (c13->rules->name, "v0.2.13") != 0 || strcmp (c14->rules->name, "v0.2.14") != 0)
    report_mismatch (&rep, "the rules override was not applied (%s, %s)", c13->rules->name, c14->rules->name);

  g_autoptr (PocsimEpochResult) r13 = pocsim_epoch_form (c13, &e13);
  g_autoptr (PocsimEpochResult) r14 = pocsim_epoch_form (c14, &e14);
  if (r13 == NULL || r14 == NULL)
    {
      report_mismatch (&rep, "formation failed: %s", (e13 ? e13 : e14)->message);
      return rep.report;
    }
  cov->formed++;

  /* The v0.2.14 empty-epoch fallback is a difference by design: nobody
   * had accepted PoC, v0.2.13 forms an empty epoch and v0.2.14 carries E's
   * validators (tests/vectors/v0.2.14/empty-epoch-*). */
  if (r14->empty_epoch_fallback)
    {
      if (r13->empty_epoch_fallback)
        report_mismatch (&rep, "v0.2.13 applied the empty-epoch fallback");
      for (guint a = 0; a < c13->n_addrs; a++)
        if (r13->final[a] != 0 || (c13->addr_flags[a] & POCSIM_ADDR_ACTIVE))
          report_mismatch (&rep, "v0.2.14 carried E's validators, but v0.2.13 has %s active", c13->addrs[a]);
      return rep.report;
    }

  compare_before_penalties (&rep, c13, r13, r14);
  check_v13_weights (&rep, c13, r13);
  if (check_v14_weights (&rep, c14, r14))
    cov->with_reward_cut++;
  check_v14_voting_powers (&rep, c14, r14);

  gboolean same_final = TRUE, penalised = FALSE, weight_diff = FALSE;
  for (guint a = 0; a < c13->n_addrs; a++)
    {
      same_final = same_final && r13->final[a] == r14->final[a];
      penalised = penalised || (r13->consensus[a] > 0 && pocsim_dec_is_positive (r13->penalty[a]));
      weight_diff = weight_diff || r13->after_penalty[a] != r14->after_penalty[a];
    }
  if (same_final) /* the VP step is the same under both rule sets */
    for (gsize k = 0; k < (gsize) c13->n_models * c13->n_addrs; k++)
      SAME_INT (&rep, "VP of %s in %s (same final weights)", r13->voting_power[k], r14->voting_power[k],
                c13->addrs[k % c13->n_addrs], c13->models[k / c13->n_addrs].id);
  cov->with_penalty += penalised ? 1 : 0;
  cov->with_weight_diff += weight_diff ? 1 : 0;
  return rep.report;
}

/* ---- tests ----------------------------------------------------------------- */

static char failure[8192]; /* copied out so that everything is freed before asserting */

START_TEST (test_case_under_both_rule_sets)
{
  const VersionCase *vc = g_ptr_array_index (cases, _i);
  Coverage cov = { 0 };
  GString *report = run_case (vc, &cov);
  gboolean ok = report->len == 0;
  g_snprintf (failure, sizeof failure, "%s:%s", vc->name, report->str);
  g_string_free (report, TRUE);
  ck_assert_msg (ok, "%s", failure);
}
END_TEST

START_TEST (test_vectors_exercise_the_difference)
{
  Coverage cov = { 0 };
  for (guint k = 0; k < cases->len; k++)
    g_string_free (run_case (g_ptr_array_index (cases, k), &cov), TRUE);
  g_printerr ("check_versions: %u cases formed under both rule sets; %u with a nonzero penalty, %u with a "
              "v0.2.14 reward weight cut, %u whose after_penalty differs\n",
              cov.formed, cov.with_penalty, cov.with_reward_cut, cov.with_weight_diff);
  ck_assert_uint_gt (cov.formed, 0);
  ck_assert_msg (cov.with_penalty > 0, "no vector has a nonzero penalty (PF > 0 with O > 0)");
  ck_assert_msg (cov.with_reward_cut > 0, "no vector cuts a v0.2.14 reward weight");
  ck_assert_msg (cov.with_weight_diff > 0, "no vector's after_penalty differs between v0.2.13 and v0.2.14");
}
END_TEST

START_TEST (test_vectors_found)
{
  ck_abort_msg ("no case found under %s", SRCDIR "/tests/vectors");
}
END_TEST

static Suite *
versions_suite (void)
{
  Suite *s = suite_create ("versions");
  TCase *tc = tcase_create ("vectors");
  if (cases->len == 0)
    tcase_add_test (tc, test_vectors_found);
  else
    {
      tcase_add_loop_test (tc, test_case_under_both_rule_sets, 0, (int) cases->len);
      tcase_add_test (tc, test_vectors_exercise_the_difference);
    }
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  cases = g_ptr_array_new_with_free_func (version_case_free);
  scan (SRCDIR "/tests/vectors", "");
  SRunner *sr = srunner_create (versions_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  g_ptr_array_free (cases, TRUE);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
