/* check_preelig_gap.c - what a bootstrap candidate lacks (preelig_gap.h).
 *
 * Every expected number is a hand computation from rules.md §3, written
 * beside the assertion.  The standard network: six hosts of E with
 *   a 300, b 250, c 200, d 150, e 60, f 40      T_E = 1000,
 * one candidate model "m" (in poc_params, no voting power in E), w_threshold
 * 0.1 (threshold trunc(0.1 * 1000) = 100) and v_min 3 unless a test says
 * otherwise.  Reachability needs 3R > 2000, i.e. R >= 667. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/preelig_gap.h"
#include "case_builder.h"
#include "io/case_load.h"
#include "rules/epoch.h"

static CaseBuilder *
network (const char *w_threshold, const char *v_min)
{
  CaseBuilder *b = case_builder_new (300);
  case_builder_rules (b, "v0.2.13");
  case_builder_param (b, "w_threshold", w_threshold);
  case_builder_param (b, "v_min", v_min);
  case_builder_param (b, "deploy_window", "500");
  case_builder_model (b, "m", "0.5", 0);
  static const struct { const char *addr; gint64 w; } hosts[] = {
    { "a", 300 }, { "b", 250 }, { "c", 200 }, { "d", 150 }, { "e", 60 }, { "f", 40 },
  };
  for (guint k = 0; k < G_N_ELEMENTS (hosts); k++)
    case_builder_prev_weight (b, hosts[k].addr, hosts[k].w);
  case_builder_boot_snapshot (b);
  return b;
}

typedef struct {
  PocsimCase *c;
  PocsimEpochResult *r;
  PocsimPreeligReport *rep;
} Run;

static Run
run (CaseBuilder *b)
{
  Run x = { case_builder_finish (b), NULL, NULL };
  GError *error = NULL;
  if ((x.r = pocsim_epoch_form (x.c, &error)) == NULL)
    ck_abort_msg ("form: %s", error->message);
  if ((x.rep = pocsim_preelig_gap_compute (x.c, x.r, POCSIM_NO_MODEL, &error)) == NULL)
    ck_abort_msg ("gap: %s", error->message);
  return x;
}

static void
run_free (Run *x)
{
  pocsim_preelig_report_free (x->rep);
  pocsim_epoch_result_free (x->r);
  pocsim_case_free (x->c);
}

static const char *
addr (const Run *x, guint32 a)
{
  return x->c->addrs[a];
}

/* Weight alone fails.  w_threshold 0.5 -> threshold 500.  Intents d, e, f:
 * weight 250, 3 hosts (ok).  Delegations a -> d, b -> e: R = 250 + 300 + 250
 * = 800, 2400 > 2000 (ok).  Missing weight 500 - 250 = 250.  Candidates
 * without intent by weight: a 300, b 250, c 200.  a's intent: weight 550 >=
 * 500 closes at 1; a was already reachable through its delegation, so it
 * adds 0 reachable power. */
START_TEST (test_weight_alone)
{
  CaseBuilder *b = network ("0.5", "3");
  case_builder_boot_intent (b, "m", "d");
  case_builder_boot_intent (b, "m", "e");
  case_builder_boot_intent (b, "m", "f");
  case_builder_boot_delegation (b, "m", "a", "d");
  case_builder_boot_delegation (b, "m", "b", "e");
  Run x = run (b);
  ck_assert_uint_eq (x.rep->n, 1);
  const PocsimPreeligGap *g = &x.rep->gaps[0];
  ck_assert (!g->event->meets_weight_threshold && g->event->meets_v_min && g->event->meets_reachability);
  ck_assert_int_eq (g->event->weight_threshold, 500);
  ck_assert_int_eq (g->event->reachable_voting_power, 800);
  ck_assert_int_eq (g->weight_needed, 250);
  ck_assert_int_eq (g->hosts_needed, 0);
  ck_assert_int_eq (g->reachable_needed, 0);
  ck_assert_uint_eq (g->intent_prefix_weight, 1);
  ck_assert_uint_eq (g->intent_prefix_hosts, 0);
  ck_assert_uint_eq (g->intent_prefix_reach, 0);
  ck_assert_uint_eq (g->intent_prefix_all, 1);
  ck_assert_uint_eq (g->n_intent, 1);
  ck_assert_str_eq (addr (&x, g->intent[0].addr), "a");
  ck_assert_int_eq (g->intent[0].adds_intent_weight, 300);
  ck_assert_int_eq (g->intent[0].adds_hosts, 1);
  ck_assert_int_eq (g->intent[0].adds_reachable, 0);
  ck_assert_uint_eq (g->intent[0].closes, POCSIM_GAP_WEIGHT);
  ck_assert_uint_eq (g->n_delegation, 0); /* reachability passes */
  run_free (&x);
}
END_TEST

/* Hosts alone fails.  Intents a, b and z (z has W_E = 0: it counts toward
 * neither the weight nor v_min): weight 550 >= 100, hosts 2 < 3.  c -> a:
 * R = 550 + 200 = 750 (ok).  Missing 1 host.  Candidates: c 200 (already
 * reachable: adds 0), d, e, f.  c's intent closes hosts at 1. */
START_TEST (test_hosts_alone)
{
  CaseBuilder *b = network ("0.1", "3");
  case_builder_prev_weight (b, "z", 0);
  case_builder_boot_intent (b, "m", "a");
  case_builder_boot_intent (b, "m", "b");
  case_builder_boot_intent (b, "m", "z");
  case_builder_boot_delegation (b, "m", "c", "a");
  Run x = run (b);
  const PocsimPreeligGap *g = &x.rep->gaps[0];
  ck_assert (g->event->meets_weight_threshold && !g->event->meets_v_min && g->event->meets_reachability);
  ck_assert_int_eq (g->event->intent_host_count, 2);
  ck_assert_int_eq (g->hosts_needed, 1);
  ck_assert_int_eq (g->weight_needed, 0);
  ck_assert_uint_eq (g->intent_prefix_hosts, 1);
  ck_assert_uint_eq (g->intent_prefix_all, 1);
  ck_assert_str_eq (addr (&x, g->intent[0].addr), "c");
  ck_assert_int_eq (g->intent[0].adds_reachable, 0);
  ck_assert_uint_eq (g->intent[0].closes, POCSIM_GAP_HOSTS);
  run_free (&x);
}
END_TEST

/* Reachability alone fails.  Intents d, e, f: weight 250 >= 100, 3 hosts.
 * c delegates to b, who holds no intent: not reachable.  R = 250.  Missing
 * X = floor(2000 / 3) + 1 - 250 = 667 - 250 = 417 (3 * 667 = 2001 > 2000;
 * 3 * 666 = 1998).
 * By intent (ranked a 300, b 250, c 200): a adds 300 (R 550); b adds its own
 * 250 and c's delegated 200 = 450 (R 1000 >= 667): closes at 2.
 * By delegation to an intent holder (unreachable hosts a, b, c): a 300 (R
 * 550), b 250 (R 800): closes at 2. */
START_TEST (test_reach_alone)
{
  CaseBuilder *b = network ("0.1", "3");
  case_builder_boot_intent (b, "m", "d");
  case_builder_boot_intent (b, "m", "e");
  case_builder_boot_intent (b, "m", "f");
  case_builder_boot_delegation (b, "m", "c", "b");
  Run x = run (b);
  const PocsimPreeligGap *g = &x.rep->gaps[0];
  ck_assert (g->event->meets_weight_threshold && g->event->meets_v_min && !g->event->meets_reachability);
  ck_assert_int_eq (g->event->reachable_voting_power, 250);
  ck_assert_int_eq (g->reachable_needed, 417);
  ck_assert_uint_eq (g->intent_prefix_reach, 2);
  ck_assert_uint_eq (g->intent_prefix_all, 2);
  ck_assert_uint_eq (g->n_intent, 2);
  ck_assert_str_eq (addr (&x, g->intent[0].addr), "a");
  ck_assert_int_eq (g->intent[0].adds_reachable, 300);
  ck_assert_uint_eq (g->intent[0].closes, 0);
  ck_assert_str_eq (addr (&x, g->intent[1].addr), "b");
  ck_assert_int_eq (g->intent[1].adds_reachable, 450);
  ck_assert_uint_eq (g->intent[1].closes, POCSIM_GAP_REACH);
  ck_assert_uint_eq (g->delegation_prefix, 2);
  ck_assert_uint_eq (g->n_delegation, 2);
  ck_assert_str_eq (addr (&x, g->delegation[1].addr), "b");
  ck_assert_int_eq (g->delegation[1].adds_reachable, 250);
  ck_assert (g->delegation[1].closes);
  run_free (&x);
}
END_TEST

/* Every check fails: no records.  Missing weight 100, hosts 3, reachable
 * 667.  By intent: a (weight 300 >= 100: closes weight), b (R 550), c (3
 * hosts, R 750 >= 667: closes hosts and reachability); all at 3.  No intent
 * holder exists, so no delegation can help. */
START_TEST (test_all_fail)
{
  Run x = run (network ("0.1", "3"));
  const PocsimPreeligGap *g = &x.rep->gaps[0];
  ck_assert (!g->event->meets_weight_threshold && !g->event->meets_v_min && !g->event->meets_reachability);
  ck_assert (g->event->approved && !g->event->pre_eligible);
  ck_assert_int_eq (g->weight_needed, 100);
  ck_assert_int_eq (g->hosts_needed, 3);
  ck_assert_int_eq (g->reachable_needed, 667);
  ck_assert_uint_eq (g->intent_prefix_weight, 1);
  ck_assert_uint_eq (g->intent_prefix_hosts, 3);
  ck_assert_uint_eq (g->intent_prefix_reach, 3);
  ck_assert_uint_eq (g->intent_prefix_all, 3);
  ck_assert_uint_eq (g->n_intent, 3);
  ck_assert_uint_eq (g->intent[0].closes, POCSIM_GAP_WEIGHT);
  ck_assert_uint_eq (g->intent[1].closes, 0);
  ck_assert_uint_eq (g->intent[2].closes, POCSIM_GAP_HOSTS | POCSIM_GAP_REACH);
  ck_assert_uint_eq (g->delegation_prefix, POCSIM_GAP_UNCLOSABLE);
  ck_assert_uint_eq (g->n_delegation, 0);
  run_free (&x);
}
END_TEST

/* Exact boundaries.  Intent weight one below the threshold: w_threshold
 * 0.151 -> trunc(0.151 * 1000) = 151; intent d (150) -> missing 1.  Reachability with T = 3: hosts p 1,
 * q 2; intent q: R = 2, 3 * 2 = 6 > 6 fails; X = floor(6 / 3) + 1 - 2 = 1. */
START_TEST (test_boundaries)
{
  CaseBuilder *b = network ("0.151", "1");
  case_builder_boot_intent (b, "m", "d");
  Run x = run (b);
  ck_assert_int_eq (x.rep->gaps[0].event->weight_threshold, 151);
  ck_assert_int_eq (x.rep->gaps[0].weight_needed, 1);
  run_free (&x);

  b = case_builder_new (300);
  case_builder_param (b, "w_threshold", "0");
  case_builder_param (b, "v_min", "0");
  case_builder_model (b, "m", "1", 0);
  case_builder_prev_weight (b, "p", 1);
  case_builder_prev_weight (b, "q", 2);
  case_builder_boot_intent (b, "m", "q");
  x = run (b);
  const PocsimPreeligGap *g = &x.rep->gaps[0];
  ck_assert (g->event->meets_weight_threshold && g->event->meets_v_min && !g->event->meets_reachability);
  ck_assert_int_eq (g->reachable_needed, 1);
  ck_assert_uint_eq (g->intent_prefix_reach, 1);
  ck_assert_uint_eq (g->delegation_prefix, 1);
  run_free (&x);
}
END_TEST

/* Unapproved (coefficient 0) and empty network (T_E = 0): not closable by
 * any host.  v_min 10 with six hosts: hosts gap not closable; the whole
 * ranking is listed. */
START_TEST (test_unclosable)
{
  CaseBuilder *b = network ("0.1", "10");
  case_builder_model (b, "zero", "0", 0);
  Run x = run (b);
  ck_assert_uint_eq (x.rep->n, 2);
  const PocsimPreeligGap *g = &x.rep->gaps[0]; /* "m" < "zero" */
  ck_assert_int_eq (g->hosts_needed, 10);
  ck_assert_uint_eq (g->intent_prefix_hosts, POCSIM_GAP_UNCLOSABLE);
  ck_assert_uint_eq (g->intent_prefix_all, POCSIM_GAP_UNCLOSABLE);
  ck_assert_uint_eq (g->n_intent, 6);
  ck_assert_uint_eq (g->intent_prefix_weight, 1);
  ck_assert_uint_eq (g->intent_prefix_reach, 3);
  ck_assert (!x.rep->gaps[1].event->approved);
  run_free (&x);

  b = case_builder_new (300);
  case_builder_param (b, "w_threshold", "0.1");
  case_builder_param (b, "v_min", "1");
  case_builder_model (b, "m", "1", 0);
  case_builder_boot_snapshot (b);
  x = run (b);
  g = &x.rep->gaps[0];
  ck_assert (!g->reachable_possible && !g->event->meets_reachability);
  ck_assert_uint_eq (g->intent_prefix_reach, POCSIM_GAP_UNCLOSABLE);
  ck_assert_uint_eq (g->delegation_prefix, POCSIM_GAP_UNCLOSABLE);
  run_free (&x);
}
END_TEST

/* Only the requested model is reported; ties rank by address. */
START_TEST (test_model_filter_and_ties)
{
  CaseBuilder *b = network ("0.1", "3");
  case_builder_model (b, "n", "1", 0);
  case_builder_prev_weight (b, "b2", 250); /* ties with b; T_E = 1250 */
  Run x = run (b);
  g_autoptr (GError) error = NULL;
  guint32 n = case_model (x.c, "n");
  g_autoptr (PocsimPreeligReport) only = pocsim_preelig_gap_compute (x.c, x.r, n, &error);
  ck_assert_uint_eq (only->n, 1);
  ck_assert_uint_eq (only->gaps[0].event->model, n);
  /* threshold 125, hosts 3, R >= 834 (floor(2500 / 3) + 1): a 300, b 250,
   * b2 250 -> 800, c 200 -> 1000: all at 4. */
  const PocsimPreeligGap *g = &only->gaps[0];
  ck_assert_uint_eq (g->intent_prefix_all, 4);
  ck_assert_str_eq (addr (&x, g->intent[1].addr), "b");
  ck_assert_str_eq (addr (&x, g->intent[2].addr), "b2");
  run_free (&x);
}
END_TEST

/* The synthetic epoch-359 event (shared fixtures block_results_preeligibility):
 * T 652,318, threshold trunc(0.1 * 652,318) = 65,231; DeepSeek weight 98,411
 * from 5 hosts, reachable 301,270: 3 * 301,270 = 903,810 <= 1,304,636.
 * Missing X = floor(1,304,636 / 3) + 1 - 301,270 = 434,878 + 1 - 301,270 =
 * 133,609.  GLM: no records: missing 65,231 / 3 / 434,879. */
START_TEST (test_fixture_e359)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimCase) c = pocsim_case_load (SRCDIR "/tests/cli/preelig-e359.case.json", NULL, &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  g_autoptr (PocsimEpochResult) r = pocsim_epoch_form (c, &error);
  g_autoptr (PocsimPreeligReport) rep = pocsim_preelig_gap_compute (c, r, POCSIM_NO_MODEL, &error);
  ck_assert_uint_eq (rep->n, 2);
  const PocsimPreeligGap *ds = &rep->gaps[0], *glm = &rep->gaps[1];
  ck_assert_str_eq (c->models[ds->event->model].id, "deepseek-ai/DeepSeek-V4-Flash-0731");
  ck_assert_int_eq (ds->event->total_network_weight, 652318);
  ck_assert_int_eq (ds->event->weight_threshold, 65231);
  ck_assert_int_eq (ds->event->intent_weight, 98411);
  ck_assert_int_eq (ds->event->intent_host_count, 5);
  ck_assert_int_eq (ds->event->reachable_voting_power, 301270);
  ck_assert (ds->event->meets_weight_threshold && ds->event->meets_v_min && !ds->event->meets_reachability);
  ck_assert_int_eq (ds->reachable_needed, 133609);
  ck_assert_int_eq (glm->weight_needed, 65231);
  ck_assert_int_eq (glm->hosts_needed, 3);
  ck_assert_int_eq (glm->reachable_needed, 434879);
  ck_assert (!glm->event->meets_weight_threshold && !glm->event->meets_v_min && !glm->event->meets_reachability);
}
END_TEST

static Suite *
preelig_gap_suite (void)
{
  Suite *s = suite_create ("preelig_gap");
  TCase *tc = tcase_create ("one check fails");
  tcase_add_test (tc, test_weight_alone);
  tcase_add_test (tc, test_hosts_alone);
  tcase_add_test (tc, test_reach_alone);
  suite_add_tcase (s, tc);
  tc = tcase_create ("several or none");
  tcase_add_test (tc, test_all_fail);
  tcase_add_test (tc, test_boundaries);
  tcase_add_test (tc, test_unclosable);
  tcase_add_test (tc, test_model_filter_and_ties);
  suite_add_tcase (s, tc);
  tc = tcase_create ("fixtures");
  tcase_add_test (tc, test_fixture_e359);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (preelig_gap_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
