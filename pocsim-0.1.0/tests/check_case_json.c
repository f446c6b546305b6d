/* check_case_json.c - the case reader (case_json.h) on hostile input.
 *
 * tests/bad-input/ pins the message of each malformed file through the CLI;
 * these are the regressions that need a document built in memory (too large
 * to keep as a file) or a look at the returned error itself. */
#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "io/case_json.h"

/* Reads TEXT; asserts it is refused with an input error and returns the
 * message (owned by the caller). */
static char *
refused (const char *text)
{
  GError *error = NULL;
  PocsimCase *c = pocsim_case_from_json (text, strlen (text), "t.json", NULL, &error);
  ck_assert_msg (c == NULL, "accepted: %s", text);
  ck_assert_msg (error != NULL && error->domain == POCSIM_ERROR && error->code == POCSIM_ERROR_INPUT,
                 "refused without an input error: %s", text);
  char *msg = g_strdup (error->message);
  g_error_free (error);
  return msg;
}

/* {"upcoming_epoch": 1, "poc": {"m0": {}, ...}, "collateral": {"a0": 0, ...}}:
 * n_models x n_addrs cells from a document of about 10 bytes a name. */
static char *
wide_case (guint n_models, guint n_addrs)
{
  GString *s = g_string_new ("{\"upcoming_epoch\": 1, \"poc\": {");
  for (guint m = 0; m < n_models; m++)
    g_string_append_printf (s, "%s\"m%u\": {}", m ? ", " : "", m);
  g_string_append (s, "}, \"collateral\": {");
  for (guint a = 0; a < n_addrs; a++)
    g_string_append_printf (s, "%s\"a%u\": 0", a ? ", " : "", a);
  g_string_append (s, "}}");
  return g_string_free (s, FALSE);
}

START_TEST (test_too_many_cells)
{
  /* 5793^2 = 33,558,849 > 2^25: refused before anything is allocated
   * (formerly a 120 KB document asked for 840 MB; 1 MB for 40 GB). */
  g_autofree char *text = wide_case (5793, 5793);
  g_autofree char *msg = refused (text);
  ck_assert_str_eq (msg, "t.json:1:1: 5793 models and 5793 addresses make more (model, address) pairs "
                         "than pocsim handles (33554432)");
}
END_TEST

START_TEST (test_many_cells_below_the_limit)
{
  /* Names that repeat count once: 3 models x 2000 addresses is read. */
  g_autofree char *text = wide_case (3, 2000);
  GError *error = NULL;
  g_autoptr (PocsimCase) c = pocsim_case_from_json (text, strlen (text), "t.json", NULL, &error);
  ck_assert_msg (c != NULL, "refused: %s", error ? error->message : "?");
  ck_assert_uint_eq (c->n_models, 3);
  ck_assert_uint_eq (c->n_addrs, 2000);
}
END_TEST

START_TEST (test_poc_of_the_wrong_type)
{
  /* Found by fuzz_case: the error was set, but the case was returned. */
  g_autofree char *a = refused ("{\"upcoming_epoch\": 1, \"poc\": \"m1\"}");
  ck_assert_str_eq (a, "t.json:1:30: poc: expected an object, got a string");
  g_autofree char *b = refused ("{\"upcoming_epoch\": 1, \"poc\": {\"m1\": {}, \"m2\": 5}}");
  ck_assert_str_eq (b, "t.json:1:47: poc: expected an object, got an integer");
}
END_TEST

START_TEST (test_message_is_one_line)
{
  /* A quoted model id with a newline, a tab and a control character. */
  g_autofree char *msg = refused ("{\"upcoming_epoch\": 1, \"params\": {\"delegation_params\": "
                                  "{\"initial_model_id\": \"a\\nb\\tc\\u0001d\"}}}");
  ck_assert_str_eq (msg, "t.json:1:76: initial_model_id \"a\\nb\\tc\\x01d\" is not in poc_params.models");
  ck_assert_ptr_null (strchr (msg, '\n'));
}
END_TEST

START_TEST (test_minus_zero)
{
  /* An integer -0, as a number or a string, is 0 (Go's decoders agree);
   * -0.0 is a binary float like any other. */
  const char *text = "{\"upcoming_epoch\": \"-0\", \"previous\": {\"weights\": {\"a\": -0}}}";
  GError *error = NULL;
  g_autoptr (PocsimCase) c = pocsim_case_from_json (text, strlen (text), "t.json", NULL, &error);
  ck_assert_msg (c != NULL, "refused: %s", error ? error->message : "?");
  ck_assert_int_eq (c->upcoming_epoch, 0);
  ck_assert_int_eq (c->prev_weight[pocsim_case_find_addr (c, "a")], 0);
  g_autofree char *msg = refused ("{\"upcoming_epoch\": 1, \"previous\": {\"weights\": {\"a\": -0.0}}}");
  ck_assert_str_eq (msg, "t.json:1:53: weight: expected an integer (number or string), got a number with "
                         "a fraction or exponent");
}
END_TEST

static Suite *
case_json_suite (void)
{
  Suite *s = suite_create ("case_json");
  TCase *tc = tcase_create ("hostile");
  tcase_add_test (tc, test_too_many_cells);
  tcase_add_test (tc, test_many_cells_below_the_limit);
  tcase_add_test (tc, test_poc_of_the_wrong_type);
  tcase_add_test (tc, test_message_is_one_line);
  tcase_add_test (tc, test_minus_zero);
  tcase_set_timeout (tc, 60);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (case_json_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
