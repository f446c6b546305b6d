/* check_json_keys.c - key tables (io/json_keys.h) and the tables of the
 * chain's params and pocsim's formats (io/chain_keys.h, io/format_keys.h).
 *
 * The typos are the ones the strict reader exists for (issue "No silent
 * wrong numbers"): "colateral" read as no collateral cut every host to 20 %
 * of its weight; "refusal_penality" read as a penalty of 0. */
#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "io/format_keys.h"
#include "io/json_keys.h"

static json_t *
parse (const char *text)
{
  json_error_t jerr;
  json_t *v = json_loads (text, 0, &jerr);
  ck_assert_msg (v != NULL, "test JSON: %s", jerr.text);
  return v;
}

/* The problem a case's keys have, as "POINTER: MESSAGE", or "" when none. */
static char *
case_problem (const char *text)
{
  g_autoptr (json_t) root = parse (text);
  g_auto (PocsimJsonProblem) p = { NULL, NULL };
  if (pocsim_case_keys_check (root, &pocsim_case_keys, "", &p))
    return g_strdup ("");
  return g_strdup_printf ("%s: %s", p.pointer, p.message);
}

START_TEST (test_suggestions)
{
  ck_assert_str_eq (pocsim_keys_suggest (&pocsim_case_keys, "colateral"), "collateral");
  ck_assert_str_eq (pocsim_keys_suggest (&pocsim_case_keys, "upcomming_epoch"), "upcoming_epoch");
  ck_assert_str_eq (pocsim_keys_suggest (&pocsim_case_keys, "pco"), "poc");        /* a swap counts one */
  ck_assert_str_eq (pocsim_keys_suggest (&pocsim_case_keys, "Previous"), "previous");
  ck_assert_ptr_null (pocsim_keys_suggest (&pocsim_case_keys, "x"));
  ck_assert_str_eq (pocsim_keys_suggest (&pocsim_case_keys, "bootstrap"), "bootstrap_snapshot"); /* cut short */
  ck_assert_ptr_null (pocsim_keys_suggest (&pocsim_case_keys, "snapshot"));
  static const char *const names[] = { "pw", "choice", "vp", NULL };
  ck_assert_str_eq (pocsim_names_suggest (names, "choise"), "choice");
  ck_assert_ptr_null (pocsim_names_suggest (names, "weight"));
}
END_TEST

START_TEST (test_a_huge_key_costs_nothing)
{
  /* The lengths alone rule it out: no table of a megabyte squared. */
  g_autofree char *key = g_malloc (1 << 20);
  memset (key, 'a', (1 << 20) - 1);
  key[(1 << 20) - 1] = '\0';
  ck_assert_ptr_null (pocsim_keys_suggest (&pocsim_case_keys, key));
  g_autofree char *msg = pocsim_keys_unknown_message (&pocsim_case_keys, key);
  ck_assert_int_lt (strlen (msg), 120); /* the key is cut in the message */
}
END_TEST

START_TEST (test_case_typos)
{
  g_autofree char *a = case_problem ("{\"upcoming_epoch\": 1, \"colateral\": {}}");
  ck_assert_str_eq (a, "/colateral: unknown key \"colateral\" (did you mean \"collateral\"?)");
  g_autofree char *b = case_problem ("{\"upcoming_epoch\": 1, \"params\": {\"delegation_params\": "
                                     "{\"refusal_penality\": \"0.1\"}}}");
  ck_assert_str_eq (b, "/params/delegation_params/refusal_penality: unknown key \"refusal_penality\" in "
                       "params.delegation_params (did you mean \"refusal_penalty\"?)");
  /* Inside a record, and inside a decimal. */
  g_autofree char *c = case_problem ("{\"upcoming_epoch\": 1, \"delegation_snapshot\": {\"refusals\": "
                                     "[{\"model_id\": \"m\", \"participant\": \"a\"}, {\"model\": \"m\"}]}}");
  ck_assert_str_eq (c, "/delegation_snapshot/refusals/1/model: unknown key \"model\" in a refusal record "
                       "(did you mean \"model_id\"?)");
  g_autofree char *d = case_problem ("{\"upcoming_epoch\": 1, \"params\": {\"delegation_params\": "
                                     "{\"w_threshold\": {\"value\": 1, \"exponant\": -1}}}}");
  ck_assert_str_eq (d, "/params/delegation_params/w_threshold/exponant: unknown key \"exponant\" in a decimal "
                       "{value, exponent} (did you mean \"exponent\"?)");
}
END_TEST

START_TEST (test_params_take_every_chain_field)
{
  /* Fields pocsim does not read are the node's answer, and accepted; a
   * name the chain does not have is not. */
  g_autofree char *a = case_problem ("{\"upcoming_epoch\": 1, \"params\": {\"epoch_params\": {\"epoch_length\": "
                                     "\"15391\"}, \"fee_params\": {\"groups\": [{\"name\": \"epoch\", \"msgs\": "
                                     "[{\"type_url\": \"x\", \"stored_bytes\": {\"unit\": \"kb\"}}]}]}}}");
  ck_assert_str_eq (a, "");
  g_autofree char *b = case_problem ("{\"upcoming_epoch\": 1, \"params\": {\"epoch_params\": {\"foo\": 1}}}");
  ck_assert_str_eq (b, "/params/epoch_params/foo: unknown key \"foo\" in params.epoch_params (not a field of "
                       "the chain's EpochParams, nor one pocsim reads)");
  /* The REST answer whole: {"params": {...}}, and nothing beside it. */
  g_autofree char *c = case_problem ("{\"upcoming_epoch\": 1, \"params\": {\"params\": {\"poc_params\": "
                                     "{\"models\": [{\"model_id\": \"m\", \"penalty_start\": 3}]}}}}");
  ck_assert_str_eq (c, "/params/params/poc_params/models/0/penalty_start: unknown key \"penalty_start\" in "
                       "params.poc_params.models[] (did you mean \"penalty_start_epoch\"?)");
  g_autofree char *d = case_problem ("{\"upcoming_epoch\": 1, \"params\": {\"params\": {}, \"poc_params\": {}}}");
  ck_assert_str_eq (d, "/params/poc_params: unknown key \"poc_params\" in params (the REST answer "
                       "{\"params\": ...}) (not a field of the chain's QueryParamsResponse, nor one pocsim reads)");
}
END_TEST

START_TEST (test_v0216_case_fields)
{
  /* ../shared/spec/v0.2.16.md section 4: read by rule set v0.2.16. */
  g_autofree char *a = case_problem (
    "{\"upcoming_epoch\": 1, \"previous\": {\"nodes\": {}, \"node_ids\": {}, \"confirmation_weights\": {},"
    " \"coefficient_scales\": [{\"model_id\": \"m\", \"effective_coefficient\": \"1\", \"config\": "
    "{\"coeff_min\": \"1\"}, \"prev_sign\": 0, \"exclude_from_confirmation\": false}], \"cap_weights\": {},"
    " \"cap_weight_applied\": true, \"failed_miss_rate\": [], \"excluded\": []},"
    " \"frozen_coefficients\": {\"params\": {}, \"scales\": []},"
    " \"poc_nodes\": {\"a\": [{\"node_id\": \"n\", \"model_id\": \"m\", \"poc_weight\": 1, \"preserved\": true}]},"
    " \"hardware_nodes\": {}, \"governance_models\": [], \"comment\": [\"free text\"]}");
  ck_assert_str_eq (a, "");
  g_autofree char *b = case_problem ("{\"upcoming_epoch\": 1, \"poc_nodes\": {\"a\": [{\"node\": \"n\"}]}}");
  ck_assert_str_eq (b, "/poc_nodes/a/0/node: unknown key \"node\" in a poc_nodes entry (did you mean \"node_id\"?)");
}
END_TEST

START_TEST (test_document_order)
{
  /* The first unknown key in the text is the one reported, nested or not. */
  g_autofree char *a = case_problem ("{\"upcoming_epoch\": 1, \"previous\": {\"weigths\": {}}, \"x\": 1}");
  ck_assert_str_eq (a, "/previous/weigths: unknown key \"weigths\" in previous (did you mean \"weights\"?)");
}
END_TEST

START_TEST (test_shallow_check)
{
  g_autoptr (json_t) v = parse ("{\"previous\": {\"x\": 1}}");
  g_auto (PocsimJsonProblem) p = { NULL, NULL };
  ck_assert (pocsim_keys_check (v, &pocsim_case_keys, "/start", &p));
  g_autoptr (json_t) w = parse ("{\"hosts\": [{\"adress\": \"a\"}]}");
  ck_assert (!pocsim_keys_check_tree (w, &pocsim_scenario_start_keys, "/start", &p));
  ck_assert_str_eq (p.pointer, "/start/hosts/0/adress");
  ck_assert_str_eq (p.message, "unknown key \"adress\" in a host (did you mean \"address\"?)");
}
END_TEST

static Suite *
json_keys_suite (void)
{
  Suite *s = suite_create ("json_keys");
  TCase *tc = tcase_create ("names");
  tcase_add_test (tc, test_suggestions);
  tcase_add_test (tc, test_a_huge_key_costs_nothing);
  suite_add_tcase (s, tc);
  tc = tcase_create ("documents");
  tcase_add_test (tc, test_case_typos);
  tcase_add_test (tc, test_params_take_every_chain_field);
  tcase_add_test (tc, test_v0216_case_fields);
  tcase_add_test (tc, test_document_order);
  tcase_add_test (tc, test_shallow_check);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (json_keys_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
