/* check_whatif.c - pocsim whatif against cases written by hand.
 *
 * The promise of `pocsim whatif`: for each option, the host's weight is
 * exactly what `pocsim epoch` gives when the option's record is written
 * into the case by hand.  Here "by hand" is an edit of the case's JSON
 * document (records removed and added, PoC and commits added), an
 * independent path from pocsim_option_apply(), which edits the parsed case.
 * Hosts of the bundled mainnet epoch-266 case: one that delegates Kimi, one
 * that refuses it (a refusal added to the case), one that does nothing. */
#include <check.h>
#include <string.h>

#include "analysis/whatif.h"
#include "io/case_json.h"
#include "rules/epoch.h"

#define KIMI "moonshotai/Kimi-K2.6"
#define DELEGATOR "gonka1hwvel7n3zuk6wruefuzc356l9myske9stckwnz"
#define REFUSER "gonka1rcpc45n6zch9qlkn4m3cwngekad89xu8mcr09v"
#define IDLE "gonka10mmdjau4dnj8krs7sh7t7635ttnmq9u3vqgz09"

static json_t *
mainnet_doc (void)
{
  g_autofree char *path = g_build_filename (SRCDIR, "data", "mainnet-e266.case.json", NULL);
  json_error_t jerr;
  json_t *doc = json_load_file (path, 0, &jerr);
  ck_assert_msg (doc != NULL, "%s", jerr.text);
  /* The refusing host: a refusal of Kimi in the regular snapshot. */
  json_array_append_new (json_object_get (json_object_get (doc, "delegation_snapshot"), "refusals"),
                         json_pack ("{s:s, s:s}", "model_id", KIMI, "participant", REFUSER));
  return doc;
}

/* Removes every record of (model, who) from LIST; WHO_KEY names the address field. */
static void
drop_records (json_t *list, const char *who_key, const char *who)
{
  for (gsize k = json_array_size (list); k-- > 0;)
    {
      json_t *rec = json_array_get (list, k);
      if (strcmp (json_string_value (json_object_get (rec, "model_id")), KIMI) == 0
          && strcmp (json_string_value (json_object_get (rec, who_key)), who) == 0)
        json_array_remove (list, k);
    }
}

/* The option written into the document the way a person would. */
static void
edit_by_hand (json_t *doc, const char *host, PocsimOptionKind kind, const char *target, gint64 pw)
{
  json_t *reg = json_object_get (doc, "delegation_snapshot"), *boot = json_object_get (doc, "bootstrap_snapshot");
  if (kind == POCSIM_OPTION_KEEP)
    return;
  if (kind == POCSIM_OPTION_RUN)
    {
      json_object_set_new (json_object_get (json_object_get (doc, "poc"), KIMI), host, json_integer (pw));
      /* A commit that failed validation may already be listed. */
      json_t *commits = json_object_get (doc, "commits");
      drop_records (commits, "participant", host);
      json_array_append_new (commits, json_pack ("{s:s, s:s}", "participant", host, "model_id", KIMI));
      return;
    }
  drop_records (json_object_get (reg, "delegations"), "delegator", host);
  drop_records (json_object_get (reg, "refusals"), "participant", host);
  drop_records (json_object_get (boot, "delegations"), "delegator", host);
  drop_records (json_object_get (boot, "intents"), "participant", host);
  json_t *del = json_pack ("{s:s, s:s, s:s}", "model_id", KIMI, "delegator", host, "delegate_to", target ? target : "");
  json_t *one = json_pack ("{s:s, s:s}", "model_id", KIMI, "participant", host);
  if (kind == POCSIM_OPTION_DELEGATE)
    {
      json_array_append (json_object_get (reg, "delegations"), del);
      json_array_append (json_object_get (boot, "delegations"), del);
    }
  else if (kind == POCSIM_OPTION_REFUSE)
    json_array_append (json_object_get (reg, "refusals"), one);
  else if (kind == POCSIM_OPTION_INTENT)
    json_array_append (json_object_get (boot, "intents"), one);
  json_decref (del);
  json_decref (one);
}

static PocsimEpochResult *
form_doc (json_t *doc, PocsimCase **c_out)
{
  g_autoptr (GError) error = NULL;
  *c_out = pocsim_case_from_json_tree (doc, NULL, 0, "hand", "", NULL, &error);
  ck_assert_msg (*c_out != NULL, "%s", error ? error->message : "");
  PocsimEpochResult *r = pocsim_epoch_form (*c_out, &error);
  ck_assert (r != NULL);
  return r;
}

static void
check_host_options (const char *host)
{
  g_autoptr (json_t) base = mainnet_doc ();
  PocsimCase *c;
  g_autoptr (PocsimEpochResult) base_r = form_doc (base, &c);
  g_autoptr (PocsimCase) owned = c;
  guint32 a = pocsim_case_find_addr (c, host), m = pocsim_case_find_model (c, KIMI);
  ck_assert (a != POCSIM_NO_ADDR && m != POCSIM_NO_MODEL);
  g_autoptr (GArray) cands = pocsim_delegate_candidates (c, m, a);
  ck_assert_uint_ge (cands->len, 2);
  struct { PocsimOptionKind kind; guint32 target; } options[] = {
    { POCSIM_OPTION_KEEP, 0 }, { POCSIM_OPTION_RUN, 0 },
    { POCSIM_OPTION_DELEGATE, g_array_index (cands, PocsimDelegateCandidate, 0).target },
    { POCSIM_OPTION_DELEGATE, g_array_index (cands, PocsimDelegateCandidate, cands->len - 1).target },
    { POCSIM_OPTION_REFUSE, 0 }, { POCSIM_OPTION_NOTHING, 0 },
  };
  gint64 pw = 12345;
  guint distinct = 0;
  gint64 last = -1;
  for (guint k = 0; k < G_N_ELEMENTS (options); k++)
    {
      PocsimOption o = { options[k].kind, m, options[k].target, pw };
      g_auto (PocsimOptionOutcome) out = { 0 };
      g_autoptr (GError) error = NULL;
      ck_assert (pocsim_option_forecast (c, a, &o, 1, &out, &error));
      g_autoptr (json_t) doc = json_deep_copy (base);
      edit_by_hand (doc, host, o.kind, o.kind == POCSIM_OPTION_DELEGATE ? c->addrs[o.target] : NULL, pw);
      PocsimCase *hc;
      g_autoptr (PocsimEpochResult) hr = form_doc (doc, &hc);
      g_autoptr (PocsimCase) howned = hc;
      guint32 ha = pocsim_case_find_addr (hc, host);
      ck_assert_msg (out.final == hr->final[ha], "%s %s: whatif %" G_GINT64_FORMAT ", by hand %" G_GINT64_FORMAT, host,
                     pocsim_option_name (o.kind), out.final, hr->final[ha]);
      ck_assert (pocsim_dec_cmp (out.penalty, hr->penalty[ha]) == 0);
      ck_assert_int_eq (out.reward_weight, hr->reward_weight[ha]);
      if (o.kind == POCSIM_OPTION_DELEGATE)
        ck_assert_int_eq (out.target_vp, hr->voting_power[pocsim_cell (hc, pocsim_case_find_model (hc, KIMI),
                                                                       pocsim_case_find_addr (hc, c->addrs[o.target]))]);
      if (o.kind == POCSIM_OPTION_KEEP)
        ck_assert_int_eq (out.final, base_r->final[a]);
      distinct += out.final != last;
      last = out.final;
    }
  /* The options really differ (the test would pass vacuously otherwise). */
  ck_assert_uint_ge (distinct, 3);
}

START_TEST (test_delegating_host) { check_host_options (DELEGATOR); }
END_TEST
START_TEST (test_refusing_host) { check_host_options (REFUSER); }
END_TEST
START_TEST (test_idle_host) { check_host_options (IDLE); }
END_TEST

START_TEST (test_invalid_targets_are_flagged)
{
  g_autoptr (json_t) base = mainnet_doc ();
  PocsimCase *c;
  g_autoptr (PocsimEpochResult) r = form_doc (base, &c);
  g_autoptr (PocsimCase) owned = c;
  guint32 a = pocsim_case_find_addr (c, IDLE), m = pocsim_case_find_model (c, KIMI);
  /* A host with VP_E in Kimi but no accepted Kimi PoC this epoch. */
  guint32 stale = POCSIM_NO_ADDR;
  for (guint t = 0; t < c->n_addrs && stale == POCSIM_NO_ADDR; t++)
    {
      guint8 f = c->cell_flags[pocsim_cell (c, m, t)];
      if ((f & POCSIM_CELL_PREV_VP) && !(f & POCSIM_CELL_MEMBER))
        stale = t;
    }
  ck_assert (stale != POCSIM_NO_ADDR);
  const char *why = pocsim_delegate_problem (c, m, a, stale);
  ck_assert_ptr_nonnull (why);
  ck_assert_ptr_nonnull (strstr (why, "step 4"));
  ck_assert_ptr_nonnull (strstr (pocsim_delegate_problem (c, m, a, a), "ErrSelfDelegation"));
  /* The flag tells the truth: that delegation resolves to NONE. */
  PocsimOption o = { POCSIM_OPTION_DELEGATE, m, stale, 0 };
  g_auto (PocsimOptionOutcome) out = { 0 };
  ck_assert (pocsim_option_forecast (c, a, &o, 1, &out, NULL));
  ck_assert_str_eq (out.mode, "NONE");
  /* Candidates that resolve come first. */
  g_autoptr (GArray) cands = pocsim_delegate_candidates (c, m, a);
  gboolean seen_problem = FALSE;
  for (guint k = 0; k < cands->len; k++)
    {
      const PocsimDelegateCandidate *cand = &g_array_index (cands, PocsimDelegateCandidate, k);
      if (cand->problem)
        seen_problem = TRUE;
      else
        ck_assert_msg (!seen_problem, "a valid candidate ranked after an invalid one");
    }
  ck_assert (seen_problem);
}
END_TEST

/* An option that does not do what its name says says why: every row of
 * every host of the case whose mode is not the option's carries a problem,
 * and a host outside E without a commit is told the regular snapshot does
 * not keep its records (issue: "What-if says why"). */
START_TEST (test_options_say_why)
{
  g_autoptr (json_t) base = mainnet_doc ();
  PocsimCase *c;
  g_autoptr (PocsimEpochResult) r = form_doc (base, &c);
  g_autoptr (PocsimCase) owned = c;
  guint32 m = pocsim_case_find_model (c, KIMI);
  guint explained = 0;
  for (guint32 a = 0; a < c->n_addrs; a++)
    {
      if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
        continue;
      PocsimOptionKind kinds[] = { POCSIM_OPTION_DELEGATE, POCSIM_OPTION_REFUSE };
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autoptr (GArray) cands = pocsim_delegate_candidates (c, m, a);
          PocsimOption o = { kinds[k], m, g_array_index (cands, PocsimDelegateCandidate, 0).target, 0 };
          g_auto (PocsimOptionOutcome) out = { 0 };
          ck_assert (pocsim_option_forecast (c, a, &o, 1, &out, NULL));
          g_autofree char *why = pocsim_option_problem (c, a, &o, &out);
          const char *named = kinds[k] == POCSIM_OPTION_DELEGATE ? "DELEGATE" : "REFUSE";
          ck_assert_msg (strcmp (out.mode, named) == 0 || why != NULL, "%s %s gives %s without a reason",
                         c->addrs[a], pocsim_option_name (kinds[k]), out.mode);
          gboolean outside = !(c->addr_flags[a] & (POCSIM_ADDR_IN_PREVIOUS | POCSIM_ADDR_COMMITTED));
          if (outside)
            {
              ck_assert_str_eq (out.mode, "NONE");
              ck_assert_ptr_nonnull (strstr (why, "the regular snapshot keeps the records"));
              explained++;
            }
        }
    }
  /* The case has such hosts (gonka1830lq..., gonka1mmly...): two options each. */
  ck_assert_uint_eq (explained, 4);
  /* A live member's refusal does what it says. */
  guint32 a = pocsim_case_find_addr (c, IDLE);
  PocsimOption o = { POCSIM_OPTION_REFUSE, m, POCSIM_NO_ADDR, 0 };
  g_auto (PocsimOptionOutcome) out = { 0 };
  ck_assert (pocsim_option_forecast (c, a, &o, 1, &out, NULL));
  ck_assert_str_eq (out.mode, "REFUSE");
  ck_assert_ptr_null (pocsim_option_problem (c, a, &o, &out));
}
END_TEST

/* Several txs from several hosts, against the same txs written by hand. */
START_TEST (test_tx_overlay_matches_hand_edit)
{
  g_autoptr (json_t) base = mainnet_doc ();
  PocsimCase *c;
  g_autoptr (PocsimEpochResult) r0 = form_doc (base, &c);
  g_autoptr (PocsimCase) owned = c;
  const char *target = "gonka17gpuntq09zsaqtmpe544gc32tk4424dwv5t34f";
  struct { const char *text, *from; } txs[] = {
    { "set-poc-delegation " KIMI " gonka17gpuntq09zsaqtmpe544gc32tk4424dwv5t34f", IDLE },
    { "refuse-poc-delegation " KIMI, DELEGATOR },
    { "set-poc-delegation " KIMI " \"\"", REFUSER },
    { "set-poc-delegation " KIMI " " IDLE, IDLE },  /* rejected: self-delegation */
  };
  g_autoptr (PocsimCase) overlay = pocsim_case_copy (c);
  for (guint k = 0; k < G_N_ELEMENTS (txs); k++)
    {
      PocsimTx tx = { 0 };
      const char *reason = NULL;
      ck_assert (pocsim_tx_parse (txs[k].text, txs[k].from, &tx, NULL));
      gboolean applied = pocsim_tx_overlay (overlay, &tx, &reason);
      ck_assert (applied == (k < 3));
      pocsim_tx_clear (&tx);
    }
  g_autoptr (PocsimEpochResult) r1 = pocsim_epoch_form (overlay, NULL);
  g_autoptr (json_t) doc = json_deep_copy (base);
  edit_by_hand (doc, IDLE, POCSIM_OPTION_DELEGATE, target, 0);
  edit_by_hand (doc, DELEGATOR, POCSIM_OPTION_REFUSE, NULL, 0);
  edit_by_hand (doc, REFUSER, POCSIM_OPTION_NOTHING, NULL, 0);
  PocsimCase *hc;
  g_autoptr (PocsimEpochResult) hr = form_doc (doc, &hc);
  g_autoptr (PocsimCase) howned = hc;
  guint changed = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      guint32 ha = pocsim_case_find_addr (hc, c->addrs[a]);
      ck_assert_int_eq (r1->final[a], hr->final[ha]);
      for (guint m = 0; m < c->n_models; m++)
        ck_assert_int_eq (r1->voting_power[pocsim_cell (c, m, a)],
                          hr->voting_power[pocsim_cell (hc, pocsim_case_find_model (hc, c->models[m].id), ha)]);
      changed += r1->final[a] != r0->final[a];
    }
  /* The three senders and the delegate at least. */
  ck_assert_uint_ge (changed, 4);
}
END_TEST

/* ---- forecasts under v0.2.16 ---- */

/* The newcomer of scenarios/v0.2.16-newcomer.json as a case: carol's first
 * epoch gives her weight but no trust (the power cap on trust leaves alice
 * 350); the second epoch of the forecast, trust and voting power. */
START_TEST (test_forecast_trust_of_a_newcomer)
{
  const char *text =
    "{\"format\": \"pocsim-case/1\", \"rules\": \"v0.2.16\", \"upcoming_epoch\": 420,\n"
    " \"params\": {\"delegation_params\": {\"w_threshold\": \"0.1\", \"v_min\": \"1\", \"cap_factor\": \"0.75\","
    " \"initial_model_id\": \"m\"}, \"poc_params\": {\"models\": [{\"model_id\": \"m\", \"weight_scale_factor\": \"1\"}]},"
    " \"genesis_only_params\": {\"max_individual_power_percentage\": \"0.3\"}},\n"
    " \"previous\": {\"weights\": {\"alice\": 400, \"bob\": 350}, \"voting_powers\": {\"m\": {\"alice\": 400, \"bob\": 350}}},\n"
    " \"commits\": [{\"participant\": \"alice\", \"model_id\": \"m\"}, {\"participant\": \"bob\", \"model_id\": \"m\"},"
    " {\"participant\": \"carol\", \"model_id\": \"m\"}],\n"
    " \"poc\": {\"m\": {\"alice\": 400, \"bob\": 350, \"carol\": 250}}}";
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimCase) c = pocsim_case_from_json (text, strlen (text), "newcomer", NULL, &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  PocsimOption o = { POCSIM_OPTION_KEEP, pocsim_case_find_model (c, "m"), POCSIM_NO_ADDR, 0 };
  g_auto (PocsimOptionOutcome) out = { 0 };
  ck_assert (pocsim_option_forecast (c, pocsim_case_find_addr (c, "carol"), &o, 2, &out, &error));
  ck_assert_int_eq (out.final, 250);
  ck_assert_int_eq (out.cap_weight, 0);
  ck_assert_int_eq (out.voting_power, 0);
  ck_assert_int_eq (out.final_k, 250);
  ck_assert_int_eq (out.cap_weight_k, 250);
  ck_assert_int_eq (out.voting_power_k, 250);
  ck_assert_uint_eq (out.path->len, 2);
  const PocsimForecastEpoch *second = &g_array_index (out.path, PocsimForecastEpoch, 1);
  ck_assert_int_eq (second->epoch, 421);
  ck_assert (pocsim_dec_cmp (second->coefficient[0], pocsim_dec_one ()) == 0);
  g_auto (PocsimOptionOutcome) alice = { 0 };
  ck_assert (pocsim_option_forecast (c, pocsim_case_find_addr (c, "alice"), &o, 1, &alice, &error));
  ck_assert_int_eq (alice.final, 400);
  ck_assert_int_eq (alice.cap_weight, 350);
}
END_TEST

/* Mainnet epoch 403 under v0.2.16: DeepSeek's coefficient climbs to its
 * bound (0.2583, then 0.2706) on every option's path.  Its members hold
 * less than half of the trust: without the genesis guardians its PoC is
 * rejected from the second epoch on (weight 0 after K for a DeepSeek-only
 * host), with them accepted by the tiebreak (trunc(0.2706 x 11691)). */
START_TEST (test_forecast_coefficient_path)
{
  static const char *const guardians[] = { "gonka1y2a9p56kv044327uycmqdexl7zs82fs5ryv5le",
                                           "gonka1dkl4mah5erqggvhqkpc8j3qs5tyuetgdy552cp",
                                           "gonka1kx9mca3xm8u8ypzfuhmxey66u0ufxhs7nm6wc5", NULL };
  g_autofree char *path = g_build_filename (SRCDIR, "data", "mainnet-e403.case.json", NULL);
  g_autofree char *text = NULL;
  gsize len;
  ck_assert (g_file_get_contents (path, &text, &len, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimCase) c = pocsim_case_from_json (text, len, "e403", NULL, &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  guint32 host = pocsim_case_find_addr (c, "gonka1gvpv7vhk5gyxhmf9u8sc8pw5j8fr6lzalyrmkx");
  guint32 deepseek = pocsim_case_find_model (c, "deepseek-ai/DeepSeek-V4-Flash-0731");
  PocsimOption o = { POCSIM_OPTION_KEEP, pocsim_case_find_model (c, "MiniMaxAI/MiniMax-M2.7"), POCSIM_NO_ADDR, 0 };
  g_auto (PocsimOptionOutcome) bare = { 0 }, guarded = { 0 };
  ck_assert (pocsim_option_forecast (c, host, &o, 3, &bare, &error));
  ck_assert (pocsim_option_forecast_with (c, host, &o, 3, guardians, &guarded, &error));
  static const char *const climb[] = { "0.2583", "0.2706", "0.2706" };
  ck_assert_uint_eq (guarded.path->len, 3);
  for (guint e = 0; e < 3; e++)
    {
      PocsimDec want;
      ck_assert (pocsim_dec_parse (climb[e], &want, NULL));
      ck_assert (pocsim_dec_cmp (g_array_index (guarded.path, PocsimForecastEpoch, e).coefficient[deepseek], want) == 0);
    }
  ck_assert_int_eq (guarded.final, 3019);
  ck_assert_int_eq (guarded.cap_weight, 2875);
  ck_assert_int_eq (guarded.final_k, 3163);
  ck_assert_int_eq (guarded.cap_weight_k, 3163);
  ck_assert_int_eq (bare.final, 3019);
  ck_assert_int_eq (bare.final_k, 0);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("whatif");
  TCase *tc = tcase_create ("whatif");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_delegating_host);
  tcase_add_test (tc, test_refusing_host);
  tcase_add_test (tc, test_idle_host);
  tcase_add_test (tc, test_invalid_targets_are_flagged);
  tcase_add_test (tc, test_options_say_why);
  tcase_add_test (tc, test_tx_overlay_matches_hand_edit);
  tcase_add_test (tc, test_forecast_trust_of_a_newcomer);
  tcase_add_test (tc, test_forecast_coefficient_path);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
