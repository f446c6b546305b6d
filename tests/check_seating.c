/* check_seating.c - v0.2.16's model seating and its guard
 * (sim/rules/seating.h; spec v0.2.16.md §1 Q6, §3 F2).
 *
 * Known answers: the rules of the chain's resolveUniqueCompatibleClaims,
 * participantsWithSeatedWeight and fallbackActiveParticipantsFromCurrentEpoch
 * as the spec states them, applied by hand to each case. */
#include <check.h>
#include <stdlib.h>

#include "case_text.h"

/* Two models a and b (coefficient 1, a initial); p1 and p2 members of E. */
#define SEAT_CASE(E_NODES, POC_NODES, HARDWARE) \
  "{'rules': 'v0.2.16', 'upcoming_epoch': 40," \
  " 'params': {'delegation_params': {'initial_model_id': 'a', 'cap_factor': '1'}," \
  "            'poc_params': {'models': [{'model_id': 'a'}, {'model_id': 'b'}]}}," \
  " 'previous': {'weights': {'p1': 100, 'p2': 100}, 'nodes': " E_NODES "}," \
  " 'poc_nodes': " POC_NODES "," \
  " 'hardware_nodes': " HARDWARE "}"

static gint64
seated (const PocsimCase *c, const PocsimEpochResult *r, const char *model, const char *addr)
{
  const PocsimCase *f = r->source;
  gsize k = pocsim_cell (f, model_of (c, model), addr_of (c, addr));
  return (f->cell_flags[k] & POCSIM_CELL_MEMBER) ? f->pw[k] : -1;
}

static gboolean
active (const PocsimCase *c, const PocsimEpochResult *r, const char *addr)
{
  return (r->source->addr_flags[addr_of (c, addr)] & POCSIM_ADDR_ACTIVE) != 0;
}

START_TEST (test_ambiguous_node_dropped)
{
  /* p1's node x proved a (100) and b (300), and its record declares both:
   * two compatible claims, so x is dropped and p1 (nothing else) leaves
   * AP(U).  p2's z proved b, but its record declares only a: vetoed; its y
   * in a is seated. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (SEAT_CASE ("{}",
    "{'p1': [{'node_id': 'x', 'model_id': 'a', 'poc_weight': 100}, {'node_id': 'x', 'model_id': 'b', 'poc_weight': 300}],"
    " 'p2': [{'node_id': 'y', 'model_id': 'a', 'poc_weight': 100}, {'node_id': 'z', 'model_id': 'b', 'poc_weight': 50}]}",
    "{'p1': {'x': ['a', 'b']}, 'p2': {'y': ['a'], 'z': ['a']}}"), &c);
  ck_assert (!active (c, r, "p1"));
  ck_assert (active (c, r, "p2"));
  ck_assert_int_eq (seated (c, r, "a", "p2"), 100);
  ck_assert_int_eq (seated (c, r, "b", "p2"), -1);
  /* p1 and p2 were active before seating: their raw weight is every node */
  ck_assert_int_eq (r->raw_weight[addr_of (c, "p2")], 150);
  ck_assert_int_eq (r->fallback, POCSIM_FALLBACK_NONE);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_no_record_no_filter)
{
  /* Without a hardware record nothing is vetoed, but single assignment
   * holds: p1's x in both models is dropped, its w in b is seated.
   * Within one model, two entries of v keep the heavier (80, not 50). */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (SEAT_CASE ("{}",
    "{'p1': [{'node_id': 'x', 'model_id': 'a', 'poc_weight': 100}, {'node_id': 'x', 'model_id': 'b', 'poc_weight': 300},"
    "        {'node_id': 'w', 'model_id': 'b', 'poc_weight': 70}],"
    " 'p2': [{'node_id': 'v', 'model_id': 'a', 'poc_weight': 50}, {'node_id': 'v', 'model_id': 'a', 'poc_weight': 80}]}",
    "{}"), &c);
  ck_assert_int_eq (seated (c, r, "a", "p1"), -1);
  ck_assert_int_eq (seated (c, r, "b", "p1"), 70);
  ck_assert_int_eq (seated (c, r, "a", "p2"), 80);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_governance_registry_vetoes)
{
  /* The record declares b for x, but b is not in the governance registry:
   * the claim is vetoed; x's claim in a was never declared: dropped too.
   * p1 has nothing left. */
  PocsimCase *c;
  g_autofree char *text = g_strdup (SEAT_CASE ("{}",
    "{'p1': [{'node_id': 'x', 'model_id': 'b', 'poc_weight': 300}],"
    " 'p2': [{'node_id': 'y', 'model_id': 'a', 'poc_weight': 100}]}",
    "{'p1': {'x': ['b']}}, 'governance_models': ['a']"));
  PocsimEpochResult *r = form_text (text, &c);
  ck_assert (!active (c, r, "p1"));
  ck_assert (active (c, r, "p2"));
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_zero_weight_participant_dropped)
{
  /* A seated node of weight 0 seats p1 in a, but with no positive seated
   * weight it leaves AP(U). */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (SEAT_CASE ("{}",
    "{'p1': [{'node_id': 'x', 'model_id': 'a', 'poc_weight': 0}],"
    " 'p2': [{'node_id': 'y', 'model_id': 'a', 'poc_weight': 100}]}", "{}"), &c);
  ck_assert (!active (c, r, "p1"));
  ck_assert (active (c, r, "p2"));
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_preserved_only_carries_e)
{
  /* Only preserved nodes were seated: no fresh node, so E's validators
   * are carried (no_fresh_poc_node).  p1 served node q in both a and b in
   * E (one id, two subgroups): its carry weight counts q once (60, the
   * first in model order), and seating drops q as ambiguous; p1 has no
   * other node and is left out.  p2 carries r in b (40). */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (
    "{'rules': 'v0.2.16', 'upcoming_epoch': 40,"
    " 'params': {'delegation_params': {'initial_model_id': 'a', 'cap_factor': '1'},"
    "            'poc_params': {'models': [{'model_id': 'a'}, {'model_id': 'b'}]}},"
    " 'previous': {'weights': {'p1': 100, 'p2': 100},"
    "              'nodes': {'a': {'p1': 60}, 'b': {'p1': 90, 'p2': 40}},"
    "              'node_ids': {'a': {'p1': 'q'}, 'b': {'p1': 'q', 'p2': 'r'}}},"
    " 'poc_nodes': {'p3': [{'node_id': 's', 'model_id': 'a', 'poc_weight': 500, 'preserved': true}]}}", &c);
  ck_assert_int_eq (r->fallback, POCSIM_FALLBACK_NO_FRESH_POC_NODE);
  ck_assert (!active (c, r, "p1"));
  ck_assert (!active (c, r, "p3"));
  ck_assert_int_eq (seated (c, r, "b", "p2"), 40);
  ck_assert_int_eq (r->raw_weight[addr_of (c, "p2")], 40);
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_unseated_carry)
{
  /* Fresh PoC is vetoed everywhere and E's carry too (p1's record declares
   * nothing for n-a): the carry is kept unseated so the epoch advances. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (SEAT_CASE ("{'a': {'p1': 100}}",
    "{'p1': [{'node_id': 'x', 'model_id': 'a', 'poc_weight': 100}]}", "{'p1': {}}"), &c);
  ck_assert_int_eq (r->fallback, POCSIM_FALLBACK_NO_FRESH_POC_NODE);
  ck_assert (active (c, r, "p1"));
  ck_assert_int_eq (seated (c, r, "a", "p1"), 100);
  /* p2 has no E node: carried on W_E, then not seated; unseated it stays */
  ck_assert (active (c, r, "p2"));
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

START_TEST (test_first_epoch_halts)
{
  /* No fresh seated node and U = 1: no carry exists; the chain halts. */
  PocsimCase *c;
  PocsimEpochResult *r = form_text (
    "{'rules': 'v0.2.16', 'upcoming_epoch': 1, 'params': {'poc_params': {'models': [{'model_id': 'a'}]}},"
    " 'previous': {'weights': {'p1': 100}}, 'participants': ['p1']}", &c);
  ck_assert_ptr_nonnull (r->halt_error);
  ck_assert_str_eq (r->halt_error, "no eligible participants for upcoming epoch 1");
  pocsim_epoch_result_free (r);
  pocsim_case_free (c);
}
END_TEST

static Suite *
seating_suite (void)
{
  Suite *s = suite_create ("seating");
  TCase *tc = tcase_create ("claims");
  tcase_add_test (tc, test_ambiguous_node_dropped);
  tcase_add_test (tc, test_no_record_no_filter);
  tcase_add_test (tc, test_governance_registry_vetoes);
  tcase_add_test (tc, test_zero_weight_participant_dropped);
  suite_add_tcase (s, tc);
  tc = tcase_create ("guard");
  tcase_add_test (tc, test_preserved_only_carries_e);
  tcase_add_test (tc, test_unseated_carry);
  tcase_add_test (tc, test_first_epoch_halts);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (seating_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
