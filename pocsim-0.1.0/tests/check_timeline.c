/* check_timeline.c - stage heights and send windows (timeline.h) and the
 * reader of epoch params and anchors (timeline_json.h).
 *
 * Known answers are mainnet heights from /work/shared/spec/chain-facts.md
 * (the source is named beside each), and hand computations from the stage
 * offsets of rules.md §1.2 / api-shapes.md (a):
 *   V = P + psd + delay, F = V + duration, S = F + snv_delay,
 *   snapshot = P - dw when 0 < dw < L - (S - P).
 * With the June 2026 params (psd 35, delay 5, duration 240, snv 120,
 * L 15391, dw 500): V = P+40, F = P+280, S = P+400, F(E-1) = P - 15111. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/timeline.h"
#include "io/timeline_json.h"

static PocsimTimeline
mainnet (gint64 epoch)
{
  PocsimEpochParams p = pocsim_epoch_params_mainnet ();
  PocsimTimeline t;
  GError *error = NULL;
  if (!pocsim_timeline_compute (&p, pocsim_anchor_mainnet (), epoch, &t, &error))
    ck_abort_msg ("timeline %" G_GINT64_FORMAT ": %s", epoch, error->message);
  return t;
}

/* ------------------------------------------------------- mainnet heights */

/* KB / NU May 4: Kimi pre-eval passed, snapshot 3,873,996 -> PoC 3,874,496. */
START_TEST (test_kimi_e251)
{
  PocsimTimeline t = mainnet (251);
  ck_assert (t.has_bootstrap_snapshot);
  ck_assert_int_eq (t.bootstrap_snapshot, 3873996);
  ck_assert_int_eq (t.poc_start, 3874496);
}
END_TEST

/* RK: epoch 266 bootstrap snapshot_height 4,104,861; PoC 4,105,361. */
START_TEST (test_e266_snapshot)
{
  PocsimTimeline t = mainnet (266);
  ck_assert_int_eq (t.bootstrap_snapshot, 4104861);
  ck_assert_int_eq (t.poc_start, 4105361);
}
END_TEST

/* R265: epoch 265 PoC 4,089,970, root effective_block_height 4,090,370 (= S).
 * Next PoC = 4,105,361 (RK). */
START_TEST (test_e265_stages)
{
  PocsimTimeline t = mainnet (265);
  ck_assert_int_eq (t.poc_start, 4089970);
  ck_assert_int_eq (t.generation_end, 4089970 + 35);
  ck_assert_int_eq (t.validation_start, 4089970 + 40);
  ck_assert_int_eq (t.formation, 4089970 + 280);
  ck_assert_int_eq (t.set_new_validators, 4090370);
  ck_assert_int_eq (t.next_poc_start, 4105361);
}
END_TEST

/* The PoC-start checks of chain-facts §1 and the bootstrap heights of §5:
 * e56 873,251 (R56); e247 3,812,932 (R247); e308 4,751,783; e311 intent
 * deadline 4,797,456 / PoC 4,797,956 (NU Jun 27); e331 5,105,276 / 5,105,776
 * (NU Jul 16); DeepSeek e359 5,536,224 / 5,536,724 and e360 5,551,615 /
 * 5,552,115 (NU Aug 12-14). */
START_TEST (test_guide_heights)
{
  static const struct { gint64 epoch, snapshot, poc; } known[] = {
    { 56, 873251 - 500, 873251 },       { 247, 3812932 - 500, 3812932 }, { 308, 4751783 - 500, 4751783 },
    { 311, 4797456, 4797956 },          { 331, 5105276, 5105776 },       { 359, 5536224, 5536724 },
    { 360, 5551615, 5552115 },
  };
  for (guint k = 0; k < G_N_ELEMENTS (known); k++)
    {
      PocsimTimeline t = mainnet (known[k].epoch);
      ck_assert_msg (t.poc_start == known[k].poc, "epoch %" G_GINT64_FORMAT, known[k].epoch);
      ck_assert_msg (t.bootstrap_snapshot == known[k].snapshot, "epoch %" G_GINT64_FORMAT, known[k].epoch);
    }
}
END_TEST

/* The stale formula of an earlier MiniMax guide, epoch_shift + N * L, for
 * epoch 271: 16,980 + 271 * 15,391 = 4,187,941.  Anchored: 4,089,970 +
 * 6 * 15,391 = 4,182,316, 5,625 blocks earlier. */
START_TEST (test_not_epoch_shift)
{
  PocsimTimeline t = mainnet (271);
  ck_assert_int_eq (t.poc_start, 4182316);
  ck_assert_int_eq (16980 + 271 * 15391 - t.poc_start, 5625);
}
END_TEST

/* Anchoring on another live epoch gives the same line: e56 at 873,251
 * (R56) projects e265 to 873,251 + 209 * 15,391 = 4,089,970. */
START_TEST (test_other_anchor)
{
  PocsimEpochParams p = pocsim_epoch_params_mainnet ();
  PocsimTimeline t;
  ck_assert (pocsim_timeline_compute (&p, (PocsimAnchor) { 56, 873251 }, 265, &t, NULL));
  ck_assert_int_eq (t.poc_start, 4089970);
}
END_TEST

/* ----------------------------------------------------------------- windows */

/* e359: F(358) = 5,536,724 - 15,391 + 280 = 5,521,613.  Intent (F, P - dw] =
 * [5,521,614, 5,536,224]; refusal (F, V] = [5,521,614, 5,536,764];
 * delegations persist: no first block, last = snapshot / V. */
START_TEST (test_windows_e359)
{
  PocsimTimeline t = mainnet (359);
  ck_assert_int_eq (t.previous_formation, 5521613);
  ck_assert_int_eq (t.intent.first, 5521614);
  ck_assert_int_eq (t.intent.last, 5536224);
  ck_assert_int_eq (t.refusal.first, 5521614);
  ck_assert_int_eq (t.refusal.last, 5536764);
  ck_assert_int_eq (t.delegation_bootstrap.first, 0);
  ck_assert_int_eq (t.delegation_bootstrap.last, 5536224);
  ck_assert_int_eq (t.delegation_regular.first, 0);
  ck_assert_int_eq (t.delegation_regular.last, 5536764);
}
END_TEST

/* ------------------------------------------------- offsets from the params */

/* Genesis params (GEN): psd 60, delay 5, duration 20, snv 120, L 17280,
 * dw 1 (code default).  Anchor epoch 0 at block 100000, epoch 2:
 * P = 100000 + 2 * 17280 = 134560; V = P + 65 = 134625; F = V + 20 = 134645;
 * S = F + 120 = 134765; snapshot = P - 1 = 134559; F(1) = 134645 - 17280 = 117365. */
START_TEST (test_offsets_from_params)
{
  PocsimEpochParams p = { 17280, 60, 5, 20, 120, 1 };
  PocsimTimeline t;
  ck_assert (pocsim_timeline_compute (&p, (PocsimAnchor) { 0, 100000 }, 2, &t, NULL));
  ck_assert_int_eq (t.poc_start, 134560);
  ck_assert_int_eq (t.generation_end, 134620);
  ck_assert_int_eq (t.validation_start, 134625);
  ck_assert_int_eq (t.formation, 134645);
  ck_assert_int_eq (t.set_new_validators, 134765);
  ck_assert_int_eq (t.bootstrap_snapshot, 134559);
  ck_assert_int_eq (t.previous_formation, 117365);
  ck_assert_int_eq (t.intent.first, 117366);
}
END_TEST

/* The capture fires only when 0 < dw < L - (S - P).  L = 1000, S - P = 400:
 * dw 599 fires (snapshot P - 599), dw 600 and dw 0 do not. */
START_TEST (test_snapshot_condition)
{
  PocsimEpochParams p = { 1000, 35, 5, 240, 120, 599 };
  PocsimTimeline t;
  ck_assert (pocsim_timeline_compute (&p, (PocsimAnchor) { 10, 20000 }, 10, &t, NULL));
  ck_assert (t.has_bootstrap_snapshot);
  ck_assert_int_eq (t.bootstrap_snapshot, 20000 - 599);
  p.deploy_window = 600;
  ck_assert (pocsim_timeline_compute (&p, (PocsimAnchor) { 10, 20000 }, 10, &t, NULL));
  ck_assert (!t.has_bootstrap_snapshot);
  ck_assert_int_eq (t.intent.last, 0);
  ck_assert_int_eq (t.refusal.last, 20040); /* the regular snapshot is still taken */
  p.deploy_window = 0;
  ck_assert (pocsim_timeline_compute (&p, (PocsimAnchor) { 10, 20000 }, 10, &t, NULL));
  ck_assert (!t.has_bootstrap_snapshot);
}
END_TEST

/* ------------------------------------------------------------------ errors */

static int
error_code (PocsimEpochParams p, PocsimAnchor a, gint64 epoch)
{
  PocsimTimeline t;
  g_autoptr (GError) error = NULL;
  if (pocsim_timeline_compute (&p, a, epoch, &t, &error))
    return -1;
  return error->code;
}

START_TEST (test_errors)
{
  PocsimAnchor a = pocsim_anchor_mainnet ();
  PocsimEpochParams p = pocsim_epoch_params_mainnet ();
  p.epoch_length = 0;
  ck_assert_int_eq (error_code (p, a, 300), POCSIM_ERROR_INPUT);
  p = pocsim_epoch_params_mainnet ();
  p.poc_validation_delay = -1;
  ck_assert_int_eq (error_code (p, a, 300), POCSIM_ERROR_INPUT);
  /* 35 + 5 + 240 + 120 = 400 stages in a 400-block epoch: do not fit. */
  p = pocsim_epoch_params_mainnet ();
  p.epoch_length = 400;
  ck_assert_int_eq (error_code (p, a, 300), POCSIM_ERROR_INPUT);
  p.epoch_length = 401;
  ck_assert_int_eq (error_code (p, a, 300), -1);
  /* (E - 265) * 15391 beyond int64 */
  p = pocsim_epoch_params_mainnet ();
  ck_assert_int_eq (error_code (p, a, G_MAXINT64 / 1000), POCSIM_ERROR_OVERFLOW);
  ck_assert_int_eq (error_code (p, (PocsimAnchor) { G_MININT64 + 1, 1 }, 1), POCSIM_ERROR_OVERFLOW);
  /* Epoch 0 projects to 4,089,970 - 265 * 15,391 = 11,355; F(-1) = 11,355 -
   * 15,111 < 1: refused.  Epoch 1: P 26,746, F(0) = 11,635: fine. */
  ck_assert_int_eq (error_code (p, a, 0), POCSIM_ERROR_INPUT);
  ck_assert_int_eq (error_code (p, a, 1), -1);
}
END_TEST

/* ------------------------------------------------------------------ reader */

static PocsimTimelineInput
read_text (const char *text)
{
  PocsimTimelineInput in = { 0 };
  GError *error = NULL;
  if (!pocsim_timeline_input_read (text, strlen (text), "t.json", &in, &error))
    ck_abort_msg ("%s", error->message);
  return in;
}

/* The REST params response, a real mainnet capture (tests/cli/mainnet-params.json,
 * a copy of the shared fixtures' params.json): int64 as strings. */
START_TEST (test_read_params_fixture)
{
  PocsimTimelineInput in = { 0 };
  GError *error = NULL;
  if (!pocsim_timeline_input_load (SRCDIR "/tests/cli/mainnet-params.json", &in, &error))
    ck_abort_msg ("%s", error->message);
  ck_assert (in.has_epoch_params);
  ck_assert (in.has_deploy_window);
  ck_assert (!in.has_anchor);
  ck_assert (!in.has_upcoming_epoch);
  ck_assert_int_eq (in.params.epoch_length, 15391);
  ck_assert_int_eq (in.params.poc_stage_duration, 35);
  ck_assert_int_eq (in.params.poc_validation_delay, 5);
  ck_assert_int_eq (in.params.poc_validation_duration, 240);
  ck_assert_int_eq (in.params.set_new_validators_delay, 120);
  ck_assert_int_eq (in.params.deploy_window, 500);
}
END_TEST

/* /v1/epochs/latest of v0.2.15 (api-shapes §9): epoch_params nested one level
 * deeper, int64 as strings, zeros omitted; latest_epoch is the anchor. */
START_TEST (test_read_v1_latest_v0215)
{
  PocsimTimelineInput in
      = read_text ("{\"block_height\":\"4095700\",\"latest_epoch\":{\"index\":\"265\",\"poc_start_block_height\":"
                   "\"4089970\"},\"epoch_params\":{\"epoch_params\":{\"epoch_length\":\"15391\","
                   "\"poc_stage_duration\":\"35\",\"poc_validation_delay\":\"5\",\"poc_validation_duration\":\"240\","
                   "\"set_new_validators_delay\":\"120\"}}}");
  ck_assert (in.has_epoch_params);
  ck_assert (!in.has_deploy_window);
  ck_assert (in.has_anchor);
  ck_assert_int_eq (in.anchor.epoch, 265);
  ck_assert_int_eq (in.anchor.poc_start, 4089970);
  ck_assert_str_eq (in.anchor_field, "latest_epoch");
  ck_assert_int_eq (in.params.set_new_validators_delay, 120);
}
END_TEST

/* /v1/epochs/56/participants (R56): active_participants.{epoch_id,
 * poc_start_block_height} as numbers. */
START_TEST (test_read_participants_anchor)
{
  PocsimTimelineInput in = read_text (
      "{\"active_participants\":{\"participants\":[],\"epoch_group_id\":56,\"poc_start_block_height\":873251,"
      "\"created_at_block_height\":873436,\"epoch_id\":56}}");
  ck_assert (in.has_anchor);
  ck_assert (!in.has_epoch_params);
  ck_assert_int_eq (in.anchor.epoch, 56);
  ck_assert_int_eq (in.anchor.poc_start, 873251);
}
END_TEST

/* A pocsim case: params without epoch_params, upcoming_epoch. */
START_TEST (test_read_case)
{
  PocsimTimelineInput in = read_text ("{\"format\":\"pocsim-case/1\",\"upcoming_epoch\":\"359\","
                                      "\"params\":{\"delegation_params\":{\"deploy_window\":500}}}");
  ck_assert (!in.has_epoch_params);
  ck_assert (in.has_deploy_window);
  ck_assert (in.has_upcoming_epoch);
  ck_assert_int_eq (in.upcoming_epoch, 359);
}
END_TEST

/* Located errors: line 3, column 19 is the value of epoch_length. */
START_TEST (test_read_errors)
{
  const char *text = "{\"params\": {\n  \"epoch_params\": {\n    \"epoch_length\": \"15x91\"}}}";
  PocsimTimelineInput in = { 0 };
  g_autoptr (GError) error = NULL;
  ck_assert (!pocsim_timeline_input_read (text, strlen (text), "p.json", &in, &error));
  ck_assert_str_eq (error->message, "p.json:3:21: epoch_params.epoch_length: not an int64 integer");
  g_clear_error (&error);
  ck_assert (!pocsim_timeline_input_read ("[1]", 3, "a.json", &in, &error));
  ck_assert_str_eq (error->message, "a.json:1:1: document: expected a JSON object");
  g_clear_error (&error);
  const char *huge = "{\"latest_epoch\":{\"index\":\"265\",\"poc_start_block_height\":\"99999999999999999999\"}}";
  ck_assert (!pocsim_timeline_input_read (huge, strlen (huge), "h.json", &in, &error));
  ck_assert_str_eq (error->message, "h.json:1:57: latest_epoch.poc_start_block_height: not an int64 integer");
}
END_TEST

static Suite *
timeline_suite (void)
{
  Suite *s = suite_create ("timeline");
  TCase *tc = tcase_create ("mainnet heights");
  tcase_add_test (tc, test_kimi_e251);
  tcase_add_test (tc, test_e266_snapshot);
  tcase_add_test (tc, test_e265_stages);
  tcase_add_test (tc, test_guide_heights);
  tcase_add_test (tc, test_other_anchor);
  tcase_add_test (tc, test_not_epoch_shift);
  tcase_add_test (tc, test_windows_e359);
  suite_add_tcase (s, tc);
  tc = tcase_create ("params");
  tcase_add_test (tc, test_offsets_from_params);
  tcase_add_test (tc, test_snapshot_condition);
  tcase_add_test (tc, test_errors);
  suite_add_tcase (s, tc);
  tc = tcase_create ("reader");
  tcase_add_test (tc, test_read_params_fixture);
  tcase_add_test (tc, test_read_v1_latest_v0215);
  tcase_add_test (tc, test_read_participants_anchor);
  tcase_add_test (tc, test_read_case);
  tcase_add_test (tc, test_read_errors);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (timeline_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
