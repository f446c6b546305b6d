/* check_replay.c - the scenario library and the replay.
 *
 * Every scenario in scenarios/ must replay with all its expectations met,
 * and every epoch's dumped case must give, read back and formed alone,
 * exactly the replay's result (what `pocsim run --dump-case E` followed by
 * `pocsim epoch` promises).  Unit tests pin records, transactions and the
 * percentage rounding. */
#include <check.h>
#include <string.h>

#include "core/error.h"
#include "io/case_json.h"
#include "io/case_load.h"
#include "io/case_write.h"
#include "io/params_patch.h"
#include "io/result_json.h"
#include "io/scenario_json.h"
#include "replay/expect.h"
#include "replay/replay.h"
#include "replay/tx_handler.h"
#include "rules/epoch.h"

static char *
scenario_path (const char *name)
{
  return g_build_filename (SRCDIR, "scenarios", name, NULL);
}

/* The next epoch of RP: it must form and pass every expectation it checks
 * (CHECKED of them, or any number with G_MAXUINT). */
static PocsimReplayEpoch *
step_passing (PocsimReplay *rp, guint checked)
{
  g_autoptr (GError) error = NULL;
  PocsimReplayEpoch *ep = pocsim_replay_step (rp, &error);
  ck_assert_msg (ep != NULL, "%s", error ? error->message : "");
  if (checked != G_MAXUINT)
    ck_assert_uint_eq (ep->checked, checked);
  for (guint f = 0; f < ep->failures->len; f++)
    ck_abort_msg ("%s", (char *) ep->failures->pdata[f]);
  return ep;
}

/* Replays PATH to the end; checks expectations and dump-case round trips.
 * Returns the number of epochs replayed. */
static guint
replay_all (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimScenario) s = pocsim_scenario_load (path, &error);
  ck_assert_msg (s != NULL, "%s", error ? error->message : "");
  g_autoptr (PocsimReplay) rp = pocsim_replay_new (s, NULL, &error);
  ck_assert_msg (rp != NULL, "%s", error ? error->message : "");
  guint epochs = 0, checked = 0;
  while (pocsim_replay_next_epoch (rp) <= s->last_epoch)
    {
      g_autoptr (PocsimReplayEpoch) ep = step_passing (rp, G_MAXUINT);
      checked += ep->checked;
      g_autoptr (json_t) dumped = pocsim_case_to_json (ep->c);
      g_autofree char *text = json_dumps (dumped, JSON_INDENT (2));
      g_autoptr (PocsimCase) c = pocsim_case_from_json (text, strlen (text), "dumped", NULL, &error);
      ck_assert_msg (c != NULL, "%s", error ? error->message : "");
      g_autoptr (PocsimEpochResult) r = pocsim_epoch_form (c, &error);
      ck_assert (r != NULL);
      g_autoptr (json_t) alone = pocsim_result_to_json (r);
      g_autoptr (json_t) replayed = pocsim_result_to_json (ep->r);
      ck_assert_msg (json_equal (alone, replayed), "%s epoch %" G_GINT64_FORMAT ": the dumped case forms differently",
                     path, ep->epoch);
      epochs++;
    }
  ck_assert_msg (checked > 0, "%s checks no expectation", path);
  return epochs;
}

START_TEST (test_scenario_library)
{
  g_autofree char *dir_path = g_build_filename (SRCDIR, "scenarios", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  ck_assert (dir != NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json") && !g_str_has_suffix (name, ".case.json"))
      g_ptr_array_add (names, g_strdup (name));
  ck_assert_uint_ge (names->len, 1);
  for (guint k = 0; k < names->len; k++)
    {
      g_autofree char *path = scenario_path (names->pdata[k]);
      ck_assert_uint_ge (replay_all (path), 1);
    }
}
END_TEST

/* A wrong expectation must fail, and say where. */
START_TEST (test_failing_expectation_is_reported)
{
  const char *text =
    "{\"format\": \"pocsim-scenario/1\", \"start\": {\"upcoming_epoch\": 5,\n"
    " \"params\": {\"delegation_params\": {\"initial_model_id\": \"M\"}, \"poc_params\": {\"models\": [{\"model_id\": \"M\"}]}},\n"
    " \"hosts\": [{\"address\": \"a\", \"weight\": 100, \"runs\": {\"M\": 100}}]},\n"
    " \"timeline\": [{\"epoch\": 5, \"expect\": [{\"host\": \"a\", \"weight\": 99}, {\"host\": \"a\", \"weight\": 100}]}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimScenario) s = pocsim_scenario_from_json (text, strlen (text), "t.json", NULL, &error);
  ck_assert_msg (s != NULL, "%s", error ? error->message : "");
  g_autoptr (PocsimReplay) rp = pocsim_replay_new (s, NULL, &error);
  ck_assert (rp != NULL);
  g_autoptr (PocsimReplayEpoch) ep = pocsim_replay_step (rp, &error);
  ck_assert (ep != NULL);
  ck_assert_uint_eq (ep->checked, 2);
  ck_assert_uint_eq (ep->failures->len, 1);
  ck_assert_str_eq (ep->failures->pdata[0], "t.json:4:39: epoch 5: a: weight is 100, expected 99");
}
END_TEST

START_TEST (test_bad_scenarios_are_located)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "{\"format\": \"x\"}", "t.json:1:12: format must be \"pocsim-scenario/1\"" },
    { "{\"format\": \"pocsim-scenario/1\", \"start\": {\"upcoming_epoch\": 3}, \"timeline\": [{\"epoch\": 3, "
      "\"events\": [{\"tx\": \"delegate M b\", \"from\": \"a\"}]}]}",
      "t.json:1:109: cannot read the transaction 'delegate M b': expected 'set-poc-delegation MODEL TARGET', "
      "'set-poc-delegation MODEL \"\"', 'refuse-poc-delegation MODEL' or 'declare-poc-intent MODEL'" },
    { "{\"format\": \"pocsim-scenario/1\", \"start\": {\"upcoming_epoch\": 3}, \"timeline\": [{\"epoch\": 2}]}",
      "t.json:1:88: epoch 2 is before the first formation (3)" },
    { "{\"format\": \"pocsim-scenario/1\", \"start\": {\"upcoming_epoch\": 3}, \"timeline\": [{\"epoch\": 3, "
      "\"events\": [{\"stage\": \"later\", \"leave\": \"a\"}]}]}",
      "t.json:1:112: unknown stage 'later' (before_snapshot, before_poc, before_validation, after_validation or after_formation)" },
    { "{\"format\": \"pocsim-scenario/1\", \"start\": {\"upcoming_epoch\": 3}, \"timeline\": [{\"epoch\": 3, "
      "\"events\": [{\"run\": {\"host\": \"a\", \"model\": \"M\"}, \"stop\": {\"host\": \"a\", \"model\": \"M\"}}]}]}",
      "t.json:1:102: an event has one action, got 'run' and 'stop'" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PocsimScenario) s = pocsim_scenario_from_json (cases[k].text, strlen (cases[k].text), "t.json", NULL, &error);
      ck_assert (s == NULL);
      ck_assert_str_eq (error->message, cases[k].message);
    }
}
END_TEST

/* Expectations and the hosts shorthand are checked when the scenario is
 * read: a malformed one is bad input (exit 2), never a failed expectation. */
START_TEST (test_bad_expectations_and_hosts_are_located)
{
#define HEAD "{\"format\": \"pocsim-scenario/1\", \"start\": {\"upcoming_epoch\": 5, \"hosts\": [{\"address\": \"a\", "
#define X(expect) HEAD "\"weight\": 1}]}, \"timeline\": [{\"epoch\": 5, \"expect\": [" expect "]}]}"
  static const struct { const char *text; const char *message; } cases[] = {
    { X ("{\"host\": \"a\", \"weight\": \"x\"}"), "t.json:1:168: weight must be an integer" },
    { X ("{\"host\": \"a\", \"weight\": \" 7\"}"), "t.json:1:168: weight must be an integer" },
    { X ("{\"weight\": 5}"), "t.json:1:155: weight needs \"host\" in the same expectation" },
    { X ("{\"host\": \"a\", \"mode\": \"DIRECT\"}"), "t.json:1:166: mode needs \"model\" in the same expectation" },
    { X ("{\"host\": \"a\", \"model\": \"M\", \"mode\": \"INTENT\"}"),
      "t.json:1:180: mode must be DIRECT, DELEGATE, REFUSE, NONE, INTENT_OK or INTENT_MISSED" },
    { X ("{\"host\": \"a\", \"penalty\": 0.15}"), "t.json:1:169: penalty must be a decimal string such as \"0.15\"" },
    { X ("{\"host\": \"a\", \"change_pct\": \"-5.005\"}"),
      "t.json:1:172: change_pct must be a decimal string with at most 2 decimals, e.g. \"-15.00\"" },
    { X ("{\"model\": \"M\", \"eligible\": \"yes\"}"), "t.json:1:171: eligible must be true or false" },
    { X ("{\"label\": \"x\", \"host\": \"a\"}"), "t.json:1:144: an expectation must check something" },
    { HEAD "\"runs\": [\"M\"]}]}}", "t.json:1:99: runs must be an object {MODEL: integer}" },
    { HEAD "\"runs\": {\"M\": -5}}]}}", "t.json:1:105: a PoC weight must not be negative" },
    { HEAD "\"voting_powers\": {\"M\": 1.5}}]}}", "t.json:1:114: a voting power must be an integer" },
    { "{\"format\": \"pocsim-scenario/1\", \"description\": [\"one\", 2]}",
      "t.json:1:56: a description line must be a string" },
    { "{\"format\": \"pocsim-scenario/1\", \"start\": {\"upcoming_epoch\": 3}, \"timeline\": [{\"epoch\": 3, "
      "\"events\": [{\"stage\": \"after_validation\", \"remove_model\": \"M\"}]}]}",
      "t.json:1:148: remove_model can only happen before_snapshot or after_formation (stage after_validation: the "
      "epoch's snapshots or commits already hold the model)" },
    { "{\"format\": \"pocsim-scenario/1\", \"start\": {\"upcoming_epoch\": 3}, \"timeline\": [{\"epoch\": 3, "
      "\"events\": [{\"stage\": \"before_validation\", \"fail_deploy\": {\"host\": \"a\", \"model\": \"M\"}}]}]}",
      "t.json:1:148: fail_deploy can only happen before_snapshot or before_poc (stage before_validation: the "
      "epoch's PoC is already committed)" },
    { "{\"format\": \"pocsim-scenario/1\", \"start\": {\"upcoming_epoch\": 3}, \"timeline\": [{\"epoch\": 3, "
      "\"events\": [{\"stage\": \"after_validation\", \"vote\": {\"validator\": \"a\", \"verdict\": \"offline\"}}]}]}",
      "t.json:1:140: a vote can only happen up to before_validation (stage after_validation: the epoch's PoC "
      "validation is over)" },
    { "{\"format\": \"pocsim-scenario/1\", \"start\": {\"upcoming_epoch\": 3}, \"timeline\": [{\"epoch\": 3, \"note\": 1}]}",
      "t.json:1:99: note must be a string" },
  };
#undef X
#undef HEAD
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PocsimScenario) s = pocsim_scenario_from_json (cases[k].text, strlen (cases[k].text), "t.json", NULL, &error);
      ck_assert_msg (s == NULL, "%s was accepted", cases[k].text);
      ck_assert_str_eq (error->message, cases[k].message);
    }
}
END_TEST

/* The two rule-set files of the versions comparison replay the same
 * timeline: the same start and the same events, only the rules and the
 * expectations differ. */
START_TEST (test_versions_pair_shares_one_timeline)
{
  json_t *docs[2] = { NULL, NULL };
  const char *names[2] = { "versions-v0.2.13.json", "versions-v0.2.14.json" };
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *path = scenario_path (names[k]);
      docs[k] = json_load_file (path, 0, NULL);
      ck_assert_msg (docs[k] != NULL, "%s", path);
      json_t *timeline = json_object_get (docs[k], "timeline");
      gsize i;
      json_t *entry;
      json_array_foreach (timeline, i, entry)
        json_object_del (entry, "expect");
    }
  ck_assert_str_eq (json_string_value (json_object_get (docs[0], "rules")), "v0.2.13");
  ck_assert_str_eq (json_string_value (json_object_get (docs[1], "rules")), "v0.2.14");
  ck_assert (json_equal (json_object_get (docs[0], "start"), json_object_get (docs[1], "start")));
  ck_assert (json_equal (json_object_get (docs[0], "timeline"), json_object_get (docs[1], "timeline")));
  json_decref (docs[0]);
  json_decref (docs[1]);
}
END_TEST

/* PoC is committed after "before_poc": a stop or a new PoC weight in a
 * later stage changes the next epoch's commit, not the one already made
 * (which used to be rejected as "claimed weight below 1", or re-weighed). */
START_TEST (test_events_after_the_commits_change_the_next_epoch)
{
  const char *text =
    "{\"format\": \"pocsim-scenario/1\", \"start\": {\"upcoming_epoch\": 5,\n"
    " \"params\": {\"delegation_params\": {\"initial_model_id\": \"M\", \"v_min\": \"1\"},"
    " \"poc_params\": {\"models\": [{\"model_id\": \"M\"}]}},\n"
    " \"hosts\": [{\"address\": \"a\", \"weight\": 100, \"runs\": {\"M\": 100}},"
    " {\"address\": \"b\", \"weight\": 100, \"runs\": {\"M\": 100}}]},\n"
    " \"timeline\": [{\"epoch\": 5, \"events\": [\n"
    "   {\"stage\": \"before_validation\", \"stop\": {\"host\": \"a\", \"model\": \"M\"}},\n"
    "   {\"stage\": \"after_validation\", \"run\": {\"host\": \"b\", \"model\": \"M\", \"weight\": 7}}],\n"
    "  \"expect\": [{\"host\": \"a\", \"weight\": 100}, {\"host\": \"b\", \"weight\": 100}, {\"model\": \"M\", \"accepted\": 2}]},\n"
    "  {\"epoch\": 6, \"expect\": [{\"host\": \"a\", \"weight\": 0}, {\"host\": \"b\", \"weight\": 7}]}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimScenario) s = pocsim_scenario_from_json (text, strlen (text), "t.json", NULL, &error);
  ck_assert_msg (s != NULL, "%s", error ? error->message : "");
  g_autoptr (PocsimReplay) rp = pocsim_replay_new (s, NULL, &error);
  ck_assert (rp != NULL);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr (PocsimReplayEpoch) ep = step_passing (rp, k == 0 ? 3 : 2);
      ck_assert_uint_eq (ep->poc_rejected->len, 0);
    }
}
END_TEST

START_TEST (test_records_last_write_wins_and_wipe)
{
  const char *addrs[] = { "a", "b", "c" }, *models[] = { "K", "M" };
  g_autoptr (PocsimCase) names = pocsim_case_new (addrs, 3, models, 2);
  names->models[0].in_params = names->models[1].in_params = TRUE;
  g_autoptr (PocsimRecords) r = pocsim_records_new (names);
  ck_assert (pocsim_records_set_named (r, POCSIM_RECORD_INTENT, "M", "a", NULL));
  ck_assert (pocsim_records_set_named (r, POCSIM_RECORD_DELEGATION, "M", "a", "b")); /* replaces the intent */
  ck_assert (pocsim_records_set_named (r, POCSIM_RECORD_REFUSAL, "M", "c", NULL));
  ck_assert (pocsim_records_set_named (r, POCSIM_RECORD_INTENT, "K", "c", NULL));
  ck_assert (!pocsim_records_set_named (r, POCSIM_RECORD_INTENT, "X", "c", NULL)); /* not in the tables */
  ck_assert_uint_eq (pocsim_records_count (r), 3);
  guint32 target;
  ck_assert_int_eq (pocsim_records_get (r, 1, 0, &target), POCSIM_RECORD_DELEGATION);
  ck_assert_uint_eq (target, 1);
  /* The bootstrap snapshot: delegations and intents; the regular one:
   * delegations and refusals. */
  g_autoptr (PocsimCase) c = pocsim_case_copy (names);
  pocsim_records_bootstrap_snapshot (r, c);
  pocsim_records_regular_snapshot (r, c);
  ck_assert (c->has_bootstrap_snapshot && c->has_delegation_snapshot);
  ck_assert_uint_eq (c->boot_delegate[pocsim_cell (c, 1, 0)], 1);
  ck_assert_uint_eq (c->reg_delegate[pocsim_cell (c, 1, 0)], 1);
  ck_assert (c->cell_flags[pocsim_cell (c, 0, 2)] & POCSIM_CELL_BOOT_INTENT);
  ck_assert (c->cell_flags[pocsim_cell (c, 1, 2)] & POCSIM_CELL_REFUSAL);
  ck_assert (!(c->cell_flags[pocsim_cell (c, 1, 2)] & POCSIM_CELL_BOOT_INTENT));
  pocsim_records_wipe_refusals_and_intents (r);
  ck_assert_uint_eq (pocsim_records_count (r), 1);
  ck_assert_int_eq (pocsim_records_get (r, 1, 2, NULL), -1);
  ck_assert (pocsim_records_set_named (r, POCSIM_RECORD_DELEGATION, "M", "a", "")); /* deletes */
  ck_assert_uint_eq (pocsim_records_count (r), 0);
}
END_TEST

static gboolean
known (const char *name, gpointer data)
{
  return g_strv_contains (data, name);
}

START_TEST (test_tx_checks_in_chain_order)
{
  const char *names[] = { "alice", "bob", "M", NULL };
  PocsimTxChain chain = { known, known, names };
  static const struct { const char *text, *from, *reason; } cases[] = {
    { "set-poc-delegation M bob", "alice", NULL },
    { "set-poc-delegation M alice", "alice", "ErrSelfDelegation: a host cannot delegate to itself" },
    { "set-poc-delegation M carol", "alice", "ErrParticipantNotFound: the delegate is not a registered participant" },
    { "refuse-poc-delegation X", "alice", "ErrInvalidModel: the model is not a governance model" },
    { "declare-poc-intent M", "dave", "ErrParticipantNotFound: the sender is not a registered participant" },
    { "set-poc-delegation M \"\"", "alice", NULL },
    { "set-poc-delegation M", "alice", NULL },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      PocsimTx tx = { 0 };
      ck_assert (pocsim_tx_parse (cases[k].text, cases[k].from, &tx, NULL));
      const char *reason = pocsim_tx_check (&tx, &chain);
      if (cases[k].reason == NULL)
        ck_assert_msg (reason == NULL, "%s: %s", cases[k].text, reason);
      else
        ck_assert_str_eq (reason, cases[k].reason);
      pocsim_tx_clear (&tx);
    }
  PocsimTx tx = { 0 };
  ck_assert (!pocsim_tx_parse ("refuse-poc-delegation M extra", "alice", &tx, NULL));
  ck_assert (!pocsim_tx_parse ("declare-poc-intent", "alice", &tx, NULL));
  ck_assert (!pocsim_tx_parse ("unquoted \"", "alice", &tx, NULL));
}
END_TEST

START_TEST (test_change_rounds_half_away_from_zero)
{
  gint64 h;
  ck_assert (pocsim_change_hundredths (18000, 17000, &h));
  ck_assert_int_eq (h, -556); /* -5.5555… % */
  ck_assert (pocsim_change_hundredths (8, 7, &h));
  ck_assert_int_eq (h, -1250);
  ck_assert (pocsim_change_hundredths (30000, 30001, &h));
  ck_assert_int_eq (h, 0); /* 0.00333 % */
  ck_assert (pocsim_change_hundredths (200000, 200001, &h));
  ck_assert_int_eq (h, 0); /* 0.0005 % rounds to 0.00 */
  ck_assert (pocsim_change_hundredths (20000, 20001, &h));
  ck_assert_int_eq (h, 1); /* 0.005 % rounds away from zero */
  ck_assert (!pocsim_change_hundredths (0, 5, &h));
}
END_TEST

/* ---- a scenario that starts from a case ---- */

static void
collect_cases (const char *dir, GPtrArray *into)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_cases (path, into);
      else if (g_str_has_suffix (name, ".case.json") || (g_str_has_prefix (name, "case-") && g_str_has_suffix (name, ".json")))
        g_ptr_array_add (into, g_steal_pointer (&path));
    }
}

/* The case formed by `pocsim epoch`, or NULL when it is not formable (a
 * vector of a rejected case, or of a rule set this build lacks). */
static json_t *
epoch_alone (const char *path)
{
  g_autoptr (PocsimCase) c = pocsim_case_load (path, NULL, NULL);
  g_autoptr (PocsimEpochResult) r = c ? pocsim_epoch_form (c, NULL) : NULL;
  return r ? pocsim_result_to_json (r) : NULL;
}

/* Replayed with no events, a scenario that starts from a case forms, in its
 * first epoch, exactly what `pocsim epoch` forms from that case: the case
 * is the state U's formation reads (issue #12). */
START_TEST (test_case_start_forms_the_case)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  collect_cases (SRCDIR "/tests/vectors", paths);
  const char *env = g_getenv ("POCSIM_VECTORS");
  collect_cases (env && *env ? env : SRCDIR "/../shared/vectors", paths);
  guint formed = 0;
  GString *differ = g_string_new (NULL);
  for (guint k = 0; k < paths->len; k++)
    {
      const char *path = paths->pdata[k];
      g_autoptr (json_t) alone = epoch_alone (path);
      if (alone == NULL)
        continue;
      g_autoptr (json_t) doc = json_pack ("{s:s, s:{s:s}}", "format", "pocsim-scenario/1", "start", "case", path);
      g_autofree char *text = json_dumps (doc, 0);
      g_autoptr (GError) error = NULL;
      g_autoptr (PocsimScenario) s = pocsim_scenario_from_json (text, strlen (text), "start.json", NULL, &error);
      ck_assert_msg (s != NULL, "%s: %s", path, error ? error->message : "");
      ck_assert_int_eq (s->start_kind, POCSIM_START_CASE);
      g_autoptr (PocsimReplay) rp = pocsim_replay_new (s, NULL, &error);
      ck_assert_msg (rp != NULL, "%s: %s", path, error ? error->message : "");
      g_autoptr (PocsimReplayEpoch) ep = pocsim_replay_step (rp, &error);
      ck_assert_msg (ep != NULL, "%s: %s", path, error ? error->message : "");
      g_autoptr (json_t) replayed = pocsim_result_to_json (ep->r);
      if (!json_equal (alone, replayed))
        g_string_append_printf (differ, "\n  %s", path);
      formed++;
    }
  ck_assert_msg (differ->len == 0, "the first replayed epoch differs from pocsim epoch for:%s", differ->str);
  g_string_free (differ, TRUE);
  ck_assert_uint_ge (formed, 40);
}
END_TEST

/* With a case start, events in U change the records and the params from
 * their stage on: a params change reaches U's formation, a delegation sent
 * in U counts from U + 1 (U's snapshots are the case's); a vote in U is
 * refused, since the case holds U's accepted PoC. */
START_TEST (test_case_start_events)
{
#define START "{\"format\": \"pocsim-scenario/1\", \"start\": {\"upcoming_epoch\": 7,\n" \
  " \"params\": {\"delegation_params\": {\"initial_model_id\": \"M\", \"v_min\": \"1\", \"w_threshold\": \"0.1\"," \
  " \"no_participation_penalty\": \"0.15\", \"delegation_share\": \"0.05\", \"cap_factor\": \"1\"}," \
  " \"poc_params\": {\"models\": [{\"model_id\": \"M\"}, {\"model_id\": \"N\"}]}},\n" \
  " \"previous\": {\"weights\": {\"a\": 300, \"b\": 100, \"c\": 100}," \
  " \"voting_powers\": {\"M\": {\"a\": 100, \"b\": 100, \"c\": 100}, \"N\": {\"a\": 100}}},\n" \
  " \"poc\": {\"M\": {\"a\": 100, \"b\": 100, \"c\": 100}, \"N\": {\"a\": 200}}},\n"
  const char *text = START
    " \"timeline\": [{\"epoch\": 7, \"events\": [{\"tx\": \"set-poc-delegation N a\", \"from\": \"c\"},\n"
    "   {\"stage\": \"after_validation\", \"params\": {\"delegation_params\": {\"no_participation_penalty\": \"0.2\"}}}],\n"
    "  \"expect\": [{\"host\": \"c\", \"model\": \"N\", \"mode\": \"NONE\", \"penalty\": \"0.2\"}]},\n"
    "  {\"epoch\": 8, \"expect\": [{\"host\": \"c\", \"model\": \"N\", \"mode\": \"DELEGATE\"}]}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimScenario) s = pocsim_scenario_from_json (text, strlen (text), "t.json", NULL, &error);
  ck_assert_msg (s != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (s->start_kind, POCSIM_START_CASE);
  g_autoptr (PocsimReplay) rp = pocsim_replay_new (s, NULL, &error);
  ck_assert (rp != NULL);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr (PocsimReplayEpoch) ep = step_passing (rp, 1);
    }
  const char *vote = START
    " \"timeline\": [{\"epoch\": 7, \"events\": [{\"vote\": {\"validator\": \"a\", \"verdict\": \"offline\"}}]}]}";
  g_autoptr (PocsimScenario) bad = pocsim_scenario_from_json (vote, strlen (vote), "t.json", NULL, &error);
  ck_assert (bad == NULL);
  ck_assert_str_eq (error->message, "t.json:5:39: a vote in epoch 7 changes nothing: the start case holds that "
                                    "epoch's commits and accepted PoC (start from the hosts shorthand to replay them)");
#undef START
}
END_TEST


/* ---- v0.2.16 ---- */

/* U's coefficient config is frozen at PoC start: a governance change after
 * validation start moves the Params but not U's coefficient, and the
 * epoch's case says so (frozen_coefficients); U + 1 uses the new config.
 * One model at its whole target share: the base stays where it is, clamped
 * into the bounds, so the coefficient is coeff_min. */
START_TEST (test_coefficients_frozen_at_poc_start)
{
  const char *text =
    "{\"format\": \"pocsim-scenario/1\", \"rules\": \"v0.2.16\", \"start\": {\"upcoming_epoch\": 10,\n"
    " \"params\": {\"delegation_params\": {\"initial_model_id\": \"m\", \"w_threshold\": \"0\", \"v_min\": \"0\","
    " \"cap_factor\": \"1\"}, \"poc_params\": {\"dynamic_coefficient_params\": {\"target_zone_bps\": 500, \"step_min\": \"0.005\","
    " \"step_max\": \"0.05\", \"bootstrap_step_max\": \"0.25\", \"bootstrap_share_bps\": 100}, \"models\": [{\"model_id\": \"m\","
    " \"dynamic_coefficient\": {\"coeff_min\": \"0.5\", \"coeff_max\": \"2\", \"relative_difficulty\": \"1\","
    " \"target_share_bps\": 10000}}]}},\n"
    " \"hosts\": [{\"address\": \"alice\", \"weight\": 100, \"runs\": {\"m\": 100}}]},\n"
    " \"timeline\": [{\"epoch\": 10, \"events\": [{\"stage\": \"after_validation\", \"set_model\": {\"model_id\": \"m\","
    " \"dynamic_coefficient\": {\"coeff_min\": \"0.8\", \"coeff_max\": \"2\", \"relative_difficulty\": \"1\","
    " \"target_share_bps\": 10000}}}],\n"
    "   \"expect\": [{\"model\": \"m\", \"coefficient\": \"0.5\"}, {\"host\": \"alice\", \"weight\": 50}]},\n"
    "  {\"epoch\": 11, \"expect\": [{\"model\": \"m\", \"coefficient\": \"0.8\"}, {\"host\": \"alice\", \"weight\": 80}]}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimScenario) s = pocsim_scenario_from_json (text, strlen (text), "t.json", NULL, &error);
  ck_assert_msg (s != NULL, "%s", error ? error->message : "");
  g_autoptr (PocsimReplay) rp = pocsim_replay_new (s, NULL, &error);
  ck_assert (rp != NULL);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr (PocsimReplayEpoch) ep = step_passing (rp, 2);
      g_autoptr (json_t) dumped = pocsim_case_to_json (ep->c);
      ck_assert ((json_object_get (dumped, "frozen_coefficients") != NULL) == (k == 0));
    }
}
END_TEST

/* A formation at which the chain halts is the epoch's result; the replay
 * ends there. */
START_TEST (test_halting_formation_ends_the_replay)
{
  g_autofree char *path = g_build_filename (SRCDIR, "tests", "cli", "run-halt.scenario.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimScenario) s = pocsim_scenario_load (path, &error);
  ck_assert_msg (s != NULL, "%s", error ? error->message : "");
  g_autoptr (PocsimReplay) rp = pocsim_replay_new (s, NULL, &error);
  ck_assert (rp != NULL);
  g_autoptr (PocsimReplayEpoch) first = pocsim_replay_step (rp, &error);
  ck_assert (first != NULL && first->r->halt_error == NULL);
  g_autoptr (PocsimReplayEpoch) halted = pocsim_replay_step (rp, &error);
  ck_assert_msg (halted != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (halted->r->halt_error, "run weight pipeline: relative difficulty for model \"m\" cannot be nil");
  ck_assert_int_eq (pocsim_replay_halted_at (rp), 31);
  ck_assert_int_eq (pocsim_replay_next_epoch (rp), G_MAXINT64);
  ck_assert (pocsim_replay_step (rp, &error) == NULL);
  ck_assert (g_error_matches (error, POCSIM_ERROR, POCSIM_ERROR_HALT));
}
END_TEST

/* The case copies behind the replay and the sweep keep v0.2.16's arrays:
 * a widened case holds every value under its new indices, and one case
 * copied into again and again (more nodes, fewer, none) equals each source. */
static PocsimCase *
case_text (const char *poc_nodes)
{
  g_autofree char *text = g_strdup_printf (
    "{\"format\": \"pocsim-case/1\", \"rules\": \"v0.2.16\", \"upcoming_epoch\": 7,\n"
    " \"params\": {\"delegation_params\": {\"initial_model_id\": \"m\"}, \"poc_params\": {\"models\": [{\"model_id\": \"m\"},"
    " {\"model_id\": \"n\"}]}},\n"
    " \"previous\": {\"weights\": {\"bob\": 100, \"cy\": 50}, \"voting_powers\": {\"m\": {\"bob\": 100}},"
    " \"nodes\": {\"m\": {\"bob\": 100}, \"n\": {\"cy\": 50}}, \"node_ids\": {\"n\": {\"cy\": \"gpu-9\"}},"
    " \"cap_weights\": {\"bob\": 90, \"cy\": 0}, \"confirmation_weights\": {\"bob\": 80}},\n"
    " \"hardware_nodes\": {\"cy\": {\"h1\": [\"n\"], \"h2\": [\"m\", \"n\"]}},\n"
    " \"poc_nodes\": %s}", poc_nodes);
  g_autoptr (GError) error = NULL;
  PocsimCase *c = pocsim_case_from_json (text, strlen (text), "t", NULL, &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  return c;
}

static void
assert_same_case (const PocsimCase *x, const PocsimCase *y)
{
  g_autoptr (json_t) jx = pocsim_case_to_json (x);
  g_autoptr (json_t) jy = pocsim_case_to_json (y);
  g_autofree char *tx = json_dumps (jx, JSON_SORT_KEYS);
  g_autofree char *ty = json_dumps (jy, JSON_SORT_KEYS);
  ck_assert_str_eq (tx, ty);
}

START_TEST (test_case_copies_keep_v0216_state)
{
  g_autoptr (PocsimCase) two = case_text ("{\"bob\": [{\"node_id\": \"a\", \"model_id\": \"m\", \"poc_weight\": 60},"
                                          " {\"node_id\": \"b\", \"model_id\": \"n\", \"poc_weight\": 40}],"
                                          " \"cy\": [{\"node_id\": \"h1\", \"model_id\": \"n\", \"poc_weight\": 7}]}");
  g_autoptr (PocsimCase) one = case_text ("{\"bob\": [{\"node_id\": \"a\", \"model_id\": \"m\", \"poc_weight\": 60}],"
                                          " \"cy\": []}");
  g_autoptr (PocsimCase) none = case_text ("null");
  ck_assert_uint_eq (two->n_addrs, none->n_addrs);
  g_autoptr (PocsimCase) dst = pocsim_case_copy (none);
  const PocsimCase *order[] = { two, one, two, none, one };
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      pocsim_case_copy_data (dst, order[k]);
      assert_same_case (dst, order[k]);
    }
  /* Names that sort first move every index. */
  static const char *const addrs[] = { "a0" };
  static const char *const models[] = { "a-model" };
  g_autoptr (PocsimCase) wide = pocsim_case_widen (two, addrs, 1, models, 1);
  ck_assert_uint_eq (wide->n_addrs, two->n_addrs + 1);
  guint32 bob = pocsim_case_find_addr (wide, "bob"), cy = pocsim_case_find_addr (wide, "cy");
  guint32 n = pocsim_case_find_model (wide, "n");
  ck_assert_int_eq (wide->prev_cap_weight[bob], 90);
  ck_assert_int_eq (wide->prev_confirmation_weight[bob], 80);
  ck_assert_str_eq (pocsim_case_prev_node_id (wide, n, cy), "gpu-9");
  guint count;
  const PocsimPocNode *nodes = pocsim_case_nodes (wide, bob, &count);
  ck_assert_uint_eq (count, 2);
  ck_assert_str_eq (nodes[1].node_id, "b");
  ck_assert_uint_eq (nodes[1].model, n);
  const PocsimHardwareModel *hw = pocsim_case_hardware (wide, cy, &count);
  ck_assert_uint_eq (count, 3);
  ck_assert_str_eq (hw[0].node_id, "h1");
  ck_assert_uint_eq (hw[0].model, n);
  pocsim_case_nodes (wide, pocsim_case_find_addr (wide, "a0"), &count);
  ck_assert_uint_eq (count, 0);
  /* The widened case forms what the narrow one forms. */
  g_autoptr (PocsimEpochResult) narrow = pocsim_epoch_form (two, NULL);
  g_autoptr (PocsimEpochResult) widened = pocsim_epoch_form (wide, NULL);
  ck_assert (narrow != NULL && widened != NULL);
  ck_assert_int_eq (narrow->final[pocsim_case_find_addr (two, "bob")], widened->final[bob]);
  ck_assert_int_eq (narrow->cap_weight[pocsim_case_find_addr (two, "bob")], widened->cap_weight[bob]);
}
END_TEST

/* Governance patches of v0.2.16's parameters: one field of
 * dynamic_coefficient_params moves alone; null turns them off; a model's
 * weight_scale_factor of "0" is 0 under v0.2.16, 1 before. */
START_TEST (test_dynamic_coefficient_patches)
{
  g_autoptr (PocsimCase) c = case_text ("null");
  PocsimJsonDoc doc = { "", 0, "t" };
  g_autoptr (GError) error = NULL;
  g_autoptr (json_t) on = json_loads ("{\"poc_params\": {\"dynamic_coefficient_params\": {\"target_zone_bps\": 500,"
                                      " \"step_min\": \"0.005\", \"step_max\": \"0.05\"}}}", 0, NULL);
  g_autoptr (json_t) step = json_loads ("{\"poc_params\": {\"dynamic_coefficient_params\": {\"step_max\": \"0.1\"}}}", 0, NULL);
  g_autoptr (json_t) off = json_loads ("{\"poc_params\": {\"dynamic_coefficient_params\": null}}", 0, NULL);
  PocsimParamsEdit e = { 0 };
  ck_assert (pocsim_params_patch_read (on, &doc, "", &e, &error));
  ck_assert (pocsim_params_edit_apply (c, &e, &error));
  pocsim_params_edit_clear (&e);
  ck_assert (pocsim_params_patch_read (step, &doc, "", &e, &error));
  ck_assert (!pocsim_params_edit_sets (&e, POCSIM_PARAM_STEP_MIN) && pocsim_params_edit_sets (&e, POCSIM_PARAM_STEP_MAX));
  ck_assert (pocsim_params_edit_apply (c, &e, &error));
  pocsim_params_edit_clear (&e);
  PocsimDec want;
  ck_assert (c->params.has_dynamic_params && c->params.dynamic.target_zone_bps == 500);
  ck_assert (pocsim_dec_parse ("0.005", &want, NULL) && pocsim_dec_cmp (c->params.dynamic.step_min.value, want) == 0);
  ck_assert (pocsim_dec_parse ("0.1", &want, NULL) && pocsim_dec_cmp (c->params.dynamic.step_max.value, want) == 0);
  ck_assert (pocsim_params_patch_read (off, &doc, "", &e, &error));
  ck_assert (pocsim_params_edit_apply (c, &e, &error));
  pocsim_params_edit_clear (&e);
  ck_assert (!c->params.has_dynamic_params);

  g_autoptr (json_t) zero = json_loads ("{\"model_id\": \"n\", \"weight_scale_factor\": \"0\","
                                        " \"dynamic_coefficient\": {\"coeff_min\": \"0.1\", \"coeff_max\": \"0.2\","
                                        " \"relative_difficulty\": \"1\", \"target_share_bps\": 100}}", 0, NULL);
  PocsimModelEntry entry = { 0 };
  ck_assert (pocsim_model_entry_read (zero, &doc, "", &entry, &error));
  guint32 n = pocsim_case_find_model (c, "n");
  c->rules = pocsim_rule_set_lookup ("v0.2.14");
  ck_assert (pocsim_model_entry_apply (c, &entry, &error));
  ck_assert (pocsim_dec_cmp (c->models[n].coeff, pocsim_dec_one ()) == 0);
  c->rules = pocsim_rule_set_lookup ("v0.2.16");
  ck_assert (pocsim_model_entry_apply (c, &entry, &error));
  ck_assert (pocsim_dec_is_zero (c->models[n].coeff));
  ck_assert (c->models[n].has_dynamic && c->models[n].dynamic.target_share_bps == 100);
  pocsim_model_entry_clear (&entry);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("replay");
  TCase *tc = tcase_create ("replay");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_scenario_library);
  tcase_add_test (tc, test_failing_expectation_is_reported);
  tcase_add_test (tc, test_bad_scenarios_are_located);
  tcase_add_test (tc, test_bad_expectations_and_hosts_are_located);
  tcase_add_test (tc, test_versions_pair_shares_one_timeline);
  tcase_add_test (tc, test_events_after_the_commits_change_the_next_epoch);
  tcase_add_test (tc, test_records_last_write_wins_and_wipe);
  tcase_add_test (tc, test_tx_checks_in_chain_order);
  tcase_add_test (tc, test_change_rounds_half_away_from_zero);
  tcase_add_test (tc, test_case_start_forms_the_case);
  tcase_add_test (tc, test_case_start_events);
  tcase_add_test (tc, test_coefficients_frozen_at_poc_start);
  tcase_add_test (tc, test_halting_formation_ends_the_replay);
  tcase_add_test (tc, test_case_copies_keep_v0216_state);
  tcase_add_test (tc, test_dynamic_coefficient_patches);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
