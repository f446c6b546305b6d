/* check_capture.c - tests for placing a capture (capture.h): heights,
 * model file names, addresses.  The HTTP side is tested by capture.test
 * against a local server. */
#include <check.h>
#include <glib.h>
#include <stdlib.h>

#include "core/error.h"
#include "io/capture.h"

/* Mainnet, June 2026 (shared/spec/chain-facts.md §1, fixtures/params.json):
 * epoch_length 15391, stage 35, delay 5, validation 240, deploy_window 500.
 * The node is at height 4,105,700: epoch 266's PoC started at 4,105,361
 * (latest epoch 266) and its validation ended at 4,105,641, but epoch 265 is
 * still the effective one (266 takes over at +400 = 4,105,761). */
static PocsimCaptureChain
mainnet_4105700 (void)
{
  return (PocsimCaptureChain){
    .block_height = 4105700, .latest_index = 266, .latest_poc_start = 4105361, .effective_epoch = 265,
    .epoch_length = 15391, .poc_stage_duration = 35, .poc_validation_delay = 5, .poc_validation_duration = 240,
    .deploy_window = 500,
  };
}

START_TEST (test_next_epoch)
{
  PocsimCaptureChain c = mainnet_4105700 ();
  PocsimCaptureHeights h;
  g_autoptr (GError) error = NULL;
  ck_assert (pocsim_capture_place (&c, -1, &h, &error));
  ck_assert_int_eq (h.upcoming, 266);
  ck_assert_int_eq (h.previous, 265);
  ck_assert_int_eq (h.poc_start, 4105361);
  /* e266 bootstrap snapshot 4,104,861 (RK epoch266_kimi_delegators.json). */
  ck_assert_int_eq (h.bootstrap_height, 4104861);
  ck_assert_int_eq (h.validation_start, 4105401);  /* +40 */
  ck_assert_int_eq (h.validation_end, 4105641);    /* +280: the settlement block of R265 */
  ck_assert (h.formed);
  ck_assert_int_eq (h.state_height, 4105641);
}
END_TEST

START_TEST (test_not_formed_yet)
{
  PocsimCaptureChain c = mainnet_4105700 ();
  c.block_height = 4105500;  /* inside epoch 266's PoC validation */
  PocsimCaptureHeights h;
  ck_assert (pocsim_capture_place (&c, -1, &h, NULL));
  ck_assert (!h.formed);
  ck_assert_int_eq (h.state_height, 4105500);
  c.block_height = 4105640;  /* one block before the formation */
  ck_assert (pocsim_capture_place (&c, -1, &h, NULL));
  ck_assert (!h.formed);
  c.block_height = 4105641;
  ck_assert (pocsim_capture_place (&c, -1, &h, NULL));
  ck_assert (h.formed);
  ck_assert_int_eq (h.state_height, 4105641);
}
END_TEST

/* Anchored on the live PoC start: every height of chain-facts §1's check
 * list from one anchor (epoch 266 at 4,105,361). */
START_TEST (test_anchor)
{
  PocsimCaptureChain c = mainnet_4105700 ();
  PocsimCaptureHeights h;
  ck_assert (pocsim_capture_place (&c, 265, &h, NULL));
  ck_assert_int_eq (h.poc_start, 4089970);  /* R265 */
  ck_assert_int_eq (h.state_height, 4089970 + 280);
  ck_assert_int_eq (h.bootstrap_height, 4089470);
  ck_assert (pocsim_capture_place (&c, 247, &h, NULL));
  ck_assert_int_eq (h.poc_start, 3812932);  /* R247 */
  ck_assert (pocsim_capture_place (&c, 56, &h, NULL));
  ck_assert_int_eq (h.poc_start, 873251);   /* R56 */

  c.latest_index = 360;  /* later: the anchor moves, the formula holds */
  c.latest_poc_start = 5552115;
  c.effective_epoch = 360;
  c.block_height = 5560000;
  ck_assert (pocsim_capture_place (&c, 311, &h, NULL));
  ck_assert_int_eq (h.poc_start, 4797956);  /* NU Jun 27 */
  ck_assert (pocsim_capture_place (&c, -1, &h, NULL));
  ck_assert_int_eq (h.upcoming, 361);
  ck_assert_int_eq (h.poc_start, 5552115 + 15391);
  ck_assert (!h.formed);
  /* The bootstrap snapshot of 361 is not reached yet at 5,560,000. */
  ck_assert_int_gt (h.bootstrap_height, c.block_height);
}
END_TEST

START_TEST (test_refused)
{
  PocsimCaptureChain c = mainnet_4105700 ();
  PocsimCaptureHeights h;
  g_autoptr (GError) e1 = NULL, e2 = NULL, e3 = NULL;
  ck_assert (!pocsim_capture_place (&c, 267, &h, &e1));  /* two ahead */
  ck_assert_str_eq (e1->message, "epoch 267 is not formed next: the node's effective epoch at height 4105700 is 265");
  ck_assert (!pocsim_capture_place (&c, 1, &h, &e2));
  ck_assert_int_eq (e2->code, POCSIM_ERROR_USAGE);
  c.epoch_length = 0;
  ck_assert (!pocsim_capture_place (&c, 266, &h, &e3));
  ck_assert_int_eq (e3->code, POCSIM_ERROR_INPUT);
}
END_TEST

START_TEST (test_no_deploy_window)
{
  PocsimCaptureChain c = mainnet_4105700 ();
  c.deploy_window = 0;  /* pre-v0.2.12 chains: no delegation_params */
  PocsimCaptureHeights h;
  ck_assert (pocsim_capture_place (&c, -1, &h, NULL));
  ck_assert_int_eq (h.bootstrap_height, -1);
}
END_TEST

START_TEST (test_overflow)
{
  PocsimCaptureChain c = mainnet_4105700 ();
  c.epoch_length = G_MAXINT64 / 2;
  PocsimCaptureHeights h;
  g_autoptr (GError) error = NULL;
  ck_assert (!pocsim_capture_place (&c, 2, &h, &error));
  ck_assert_int_eq (error->code, POCSIM_ERROR_OVERFLOW);
}
END_TEST

START_TEST (test_model_file)
{
  /* The example of the snapshot layout. */
  g_autofree char *a = pocsim_capture_model_file ("Qwen/Qwen3-235B-A22B-Instruct-2507-FP8");
  ck_assert_str_eq (a, "Qwen%2FQwen3-235B-A22B-Instruct-2507-FP8.json");
  g_autofree char *b = pocsim_capture_model_file ("a b%c:d_e.f~\xc3\xa9");
  ck_assert_str_eq (b, "a%20b%25c%3Ad_e.f%7E%C3%A9.json");
}
END_TEST

START_TEST (test_address)
{
  ck_assert (pocsim_capture_address_ok ("gonka125n6kr5gvdup0lndfkps7t6rd6592panhrg3np"));
  ck_assert (!pocsim_capture_address_ok (""));
  ck_assert (!pocsim_capture_address_ok ("../etc"));
  ck_assert (!pocsim_capture_address_ok ("gonka1/x"));
  ck_assert (!pocsim_capture_address_ok ("gonka1 x"));
}
END_TEST

static Suite *
capture_suite (void)
{
  Suite *s = suite_create ("capture");
  TCase *tc = tcase_create ("heights");
  tcase_add_test (tc, test_next_epoch);
  tcase_add_test (tc, test_not_formed_yet);
  tcase_add_test (tc, test_anchor);
  tcase_add_test (tc, test_refused);
  tcase_add_test (tc, test_no_deploy_window);
  tcase_add_test (tc, test_overflow);
  suite_add_tcase (s, tc);

  tc = tcase_create ("names");
  tcase_add_test (tc, test_model_file);
  tcase_add_test (tc, test_address);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (capture_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
