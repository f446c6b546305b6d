/* check_report.c - what an operator reads: the number formats every report
 * shares (io/units.h), model column labels (io/model_labels.h), block
 * heights to clock time (core/chain_clock.h, io/clock_json.h), and the diff
 * of two formations (analysis/diff.h).  Known answers are worked out by
 * hand in each test. */
#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/diff.h"
#include "core/chain_clock.h"
#include "io/case_load.h"
#include "io/clock_json.h"
#include "io/model_labels.h"
#include "io/units.h"
#include "rules/epoch.h"

/* ---- units ---- */

START_TEST (test_gnk)
{
  char b[POCSIM_UNITS_SIZE];
  ck_assert_str_eq (pocsim_gnk_format (0, b), "0.000000000");
  ck_assert_str_eq (pocsim_gnk_format (1, b), "0.000000001");
  ck_assert_str_eq (pocsim_gnk_format (1000000000, b), "1.000000000");
  ck_assert_str_eq (pocsim_gnk_format (-1500000000, b), "-1.500000000");
  /* R of epoch 266: trunc(323e12 x exp(-0.000475 x 265)) = 284797192935274 ngonka */
  ck_assert_str_eq (pocsim_gnk_format (284797192935274, b), "284797.192935274");
  ck_assert_str_eq (pocsim_gnk_format (G_MAXINT64, b), "9223372036.854775807");
  ck_assert_str_eq (pocsim_gnk_format (G_MININT64, b), "-9223372036.854775808");
}
END_TEST

START_TEST (test_share_and_percent)
{
  char b[POCSIM_UNITS_SIZE];
  /* 5821612482532 / 284797192935274 = 0.0204412565395441967... truncated at 18 digits */
  ck_assert_str_eq (pocsim_share_format (5821612482532, 284797192935274, b), "0.020441256539544196");
  ck_assert_str_eq (pocsim_share_format (1, 3, b), "0.333333333333333333");
  ck_assert_str_eq (pocsim_share_format (7, 7, b), "1.000000000000000000");
  ck_assert_str_eq (pocsim_share_format (7, 0, b), "0.000000000000000000");
  ck_assert_str_eq (pocsim_percent_format (5821612482532, 284797192935274, 4, b), "2.0441%");
  ck_assert_str_eq (pocsim_percent_format (-220873, 662619, 2, b), "-33.33%");
  ck_assert_str_eq (pocsim_percent_format (1, 8, 0, b), "12%");
  ck_assert_str_eq (pocsim_percent_format (0, 5, 2, b), "0.00%");
  ck_assert_str_eq (pocsim_percent_format (3, 0, 2, b), "");
  ck_assert_str_eq (pocsim_percent_format (-1, -4, 2, b), "25.00%");
}
END_TEST

START_TEST (test_thousands_cap_dec)
{
  char b[POCSIM_UNITS_SIZE], d[POCSIM_DEC_FORMAT_SIZE];
  ck_assert_str_eq (pocsim_thousands_format (4105361, b), "4,105,361");
  ck_assert_str_eq (pocsim_thousands_format (-1234, b), "-1,234");
  ck_assert_str_eq (pocsim_thousands_format (999, b), "999");
  ck_assert_str_eq (pocsim_thousands_format (G_MININT64, b), "-9,223,372,036,854,775,808");
  /* the chain logs -1 for an uncapped group; tables say "none" */
  ck_assert_str_eq (pocsim_cap_format (-1, b), "none");
  ck_assert_str_eq (pocsim_cap_format (662619, b), "662619");
  PocsimDec decay;
  ck_assert (pocsim_dec_parse ("-0.000475", &decay, NULL));
  ck_assert_str_eq (pocsim_dec_format_short (decay, d), "-0.000475");
  ck_assert_str_eq (pocsim_dec_format_short (pocsim_dec_from_int64 (3), d), "3");
}
END_TEST

START_TEST (test_utc)
{
  char b[POCSIM_UNITS_SIZE];
  /* 2026-05-20T10:00:00.25Z = 1779271200 s + 250000 us */
  gint64 t = G_GINT64_CONSTANT (1779271200250000);
  ck_assert_str_eq (pocsim_utc_format (t, FALSE, b), "2026-05-20T10:00:00Z");
  ck_assert_str_eq (pocsim_utc_format (t, TRUE, b), "2026-05-20 10:00 UTC");
  /* floor, not truncation, before 1970 */
  ck_assert_str_eq (pocsim_utc_format (-1, FALSE, b), "1969-12-31T23:59:59Z");
}
END_TEST

/* ---- model labels ---- */

START_TEST (test_model_labels)
{
  const char *ids[] = {
    "Qwen/Qwen3-235B-A22B-Instruct-2507-FP8", "moonshotai/Kimi-K2.6", "deepseek-ai/DeepSeek-V4-Flash-0731",
    "m1",
  };
  g_auto (GStrv) labels = pocsim_model_labels (ids, G_N_ELEMENTS (ids));
  /* whole words that fit 16 characters, never a cut word */
  ck_assert_str_eq (labels[0], "Qwen3-235B-A22B");
  ck_assert_str_eq (labels[1], "Kimi-K2.6");
  ck_assert_str_eq (labels[2], "DeepSeek-V4");
  ck_assert_str_eq (labels[3], "m1");
  ck_assert_ptr_null (labels[4]);
}
END_TEST

START_TEST (test_model_labels_unambiguous)
{
  /* equal labels grow a word at a time; equal names fall back to the ids */
  const char *ids[] = {
    "a/DeepSeek-V4-Flash-0731", "b/DeepSeek-V4-Flash-Lite", "org1/GLM-5", "org2/GLM-5",
  };
  g_auto (GStrv) labels = pocsim_model_labels (ids, G_N_ELEMENTS (ids));
  ck_assert_str_eq (labels[0], "DeepSeek-V4-Flash-0731");
  ck_assert_str_eq (labels[1], "DeepSeek-V4-Flash-Lite");
  ck_assert_str_eq (labels[2], "org1/GLM-5");
  ck_assert_str_eq (labels[3], "org2/GLM-5");
}
END_TEST

/* ---- clock ---- */

START_TEST (test_chain_clock)
{
  /* block 4105380 at T, block 4104380 5550 s earlier: 5.55 s a block */
  gint64 t = G_GINT64_CONSTANT (1779271200250000);
  PocsimChainClock c = { 4105380, t, TRUE, 4104380, t - G_GINT64_CONSTANT (5550000000), TRUE };
  gint64 when;
  ck_assert_int_eq (pocsim_chain_clock_block_us (&c), 5550000);
  ck_assert (pocsim_chain_clock_estimate (&c, 4105401, &when)); /* 21 x 5.55 s = 116.55 s */
  ck_assert_int_eq (when - t, 116550000);
  ck_assert (pocsim_chain_clock_estimate (&c, 4104861, &when)); /* passed: 519 blocks before */
  ck_assert_int_eq (t - when, 2880450000);
  PocsimChainClock height_only = { 4105380, 0, FALSE, 4105380, 0, FALSE };
  ck_assert (!pocsim_chain_clock_estimate (&height_only, 4105401, &when));
  ck_assert_int_eq (pocsim_chain_clock_block_us (&height_only), 0);
}
END_TEST

START_TEST (test_clock_json)
{
  const char *doc = "{\"format\": \"pocsim-clock/1\", \"node\": \"http://n\", \"blocks\": ["
                    "{\"height\": 4104380, \"time\": \"2026-05-20T08:27:30.250000000Z\"},"
                    "{\"height\": \"4105380\", \"time\": \"2026-05-20T10:00:00.250000000Z\"}],"
                    " \"epoch_info\": {\"block_height\": \"4105380\"}}";
  PocsimNodeClock nc;
  g_autoptr (GError) error = NULL;
  ck_assert_msg (pocsim_clock_json_read (doc, strlen (doc), "clock", &nc, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (nc.clock.height, 4105380);
  ck_assert_int_eq (nc.clock.time_us, G_GINT64_CONSTANT (1779271200250000));
  ck_assert_int_eq (nc.clock.first_height, 4104380);
  ck_assert (nc.clock.has_rate);
  ck_assert_str_eq (nc.node, "http://n");
  ck_assert_str_eq (nc.epoch_info, "{\"block_height\":\"4105380\"}");
  pocsim_node_clock_clear (&nc);

  const char *backwards = "{\"format\": \"pocsim-clock/1\", \"blocks\": ["
                          "{\"height\": 5, \"time\": \"2026-05-20T10:00:00Z\"},"
                          "{\"height\": 4, \"time\": \"2026-05-20T10:00:06Z\"}]}";
  ck_assert (!pocsim_clock_json_read (backwards, strlen (backwards), "clock", &nc, &error));
  ck_assert_str_eq (error->message, "clock: the earlier block is not earlier than the latest");
  g_clear_error (&error);
  const char *no_zone = "{\"format\": \"pocsim-clock/1\", \"blocks\": [{\"height\": 5, \"time\": \"2026-05-20 10:00\"}]}";
  ck_assert (!pocsim_clock_json_read (no_zone, strlen (no_zone), "clock", &nc, &error));
  ck_assert_str_eq (error->message, "clock: a block time that is not an RFC 3339 time with its zone");
  pocsim_node_clock_clear (&nc);
}
END_TEST

/* ---- diff ---- */

static PocsimEpochResult *
form (const char *name, const char *rules, PocsimCase **c)
{
  g_autofree char *path = g_build_filename (SRCDIR, "tests", "cli", name, NULL);
  g_autoptr (GError) error = NULL;
  *c = pocsim_case_load (path, rules, &error);
  ck_assert_msg (*c != NULL, "%s", error ? error->message : "");
  PocsimEpochResult *r = pocsim_epoch_form (*c, &error);
  ck_assert_msg (r != NULL, "%s", error ? error->message : "");
  return r;
}

START_TEST (test_diff_versions)
{
  /* reward.case.json under v0.2.13 and v0.2.14 (docs/versions.md, "Worked
   * example"): carol refuses m2 (0.1), bob delegates m2 to alice (0.05 of
   * O = 300).  v0.2.13 stores alice 1115, bob 285, carol 90; v0.2.14 keeps
   * the stored weights at O: 1100, 300, 100. */
  /* Freed in reverse order: the diff, the results, then their cases. */
  g_autoptr (PocsimCase) ca = NULL;
  g_autoptr (PocsimCase) cb = NULL;
  g_autoptr (PocsimEpochResult) a = form ("reward.case.json", "v0.2.13", &ca);
  g_autoptr (PocsimEpochResult) b = form ("reward.case.json", "v0.2.14", &cb);
  g_autoptr (PocsimDiff) d = pocsim_diff_compute (a, b);
  ck_assert (pocsim_diff_any (d));
  ck_assert_int_eq (d->eligibility_changes, 0);
  ck_assert_int_eq (d->hosts->len, 3);
  ck_assert_int_eq (d->hosts_changed, 3);
  ck_assert_int_eq (d->hosts_gaining, 2);  /* bob +15, carol +10 */
  ck_assert_int_eq (d->hosts_losing, 1);   /* alice -15 */
  ck_assert_int_eq (d->weight_gained, 25);
  ck_assert_int_eq (d->weight_lost, 15);
  ck_assert_int_eq (d->weight_total[0], 1490);
  ck_assert_int_eq (d->weight_total[1], 1500);
  ck_assert_int_eq (d->hosts_losing_all, 0);
  /* under v0.2.14 every host gets less reward: the cuts go to governance */
  ck_assert_int_eq (d->reward_gained, 0);
  ck_assert (d->reward_lost > 0);
  const PocsimDiffGroup *m1 = &g_array_index (d->groups, PocsimDiffGroup, 0);
  ck_assert_str_eq (m1->model_id, "m1");
  ck_assert_int_eq (m1->vp_total[0], 1490);
  ck_assert_int_eq (m1->vp_total[1], 1500);
  ck_assert (m1->changed);
}
END_TEST

START_TEST (test_diff_same)
{
  g_autoptr (PocsimCase) ca = NULL;
  g_autoptr (PocsimCase) cb = NULL;
  g_autoptr (PocsimEpochResult) a = form ("reward.case.json", NULL, &ca);
  g_autoptr (PocsimEpochResult) b = form ("reward.case.json", NULL, &cb);
  g_autoptr (PocsimDiff) d = pocsim_diff_compute (a, b);
  ck_assert (!pocsim_diff_any (d));
  ck_assert_int_eq (d->hosts_changed, 0);
  ck_assert_int_eq (d->weight_gained + d->weight_lost, 0);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("report");
  TCase *units = tcase_create ("units");
  tcase_add_test (units, test_gnk);
  tcase_add_test (units, test_share_and_percent);
  tcase_add_test (units, test_thousands_cap_dec);
  tcase_add_test (units, test_utc);
  suite_add_tcase (s, units);
  TCase *labels = tcase_create ("model labels");
  tcase_add_test (labels, test_model_labels);
  tcase_add_test (labels, test_model_labels_unambiguous);
  suite_add_tcase (s, labels);
  TCase *clock = tcase_create ("clock");
  tcase_add_test (clock, test_chain_clock);
  tcase_add_test (clock, test_clock_json);
  suite_add_tcase (s, clock);
  TCase *diff = tcase_create ("diff");
  tcase_add_test (diff, test_diff_versions);
  tcase_add_test (diff, test_diff_same);
  suite_add_tcase (s, diff);
  SRunner *runner = srunner_create (s);
  srunner_run_all (runner, CK_ENV);
  int failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
