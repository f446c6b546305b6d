/* format_keys.c - the keys of pocsim's own formats.  Keep each table in
 * step with its document's reference: docs/case-format.md (and the v0.2.16
 * case fields of ../shared/spec/v0.2.16.md section 4), docs/scenarios.md
 * with docs/scenario.schema.json, docs/sweeps.md with docs/study.schema.json,
 * docs/csv-input.md. */
#include "io/format_keys.h"

#include <string.h>

#define VAL(n) { n, POCSIM_KEY_VALUE, NULL }
#define OBJ(n, t) { n, POCSIM_KEY_OBJECT, &t }
#define ARR(n, t) { n, POCSIM_KEY_ARRAY, &t }
#define END { NULL, POCSIM_KEY_VALUE, NULL }
#define TABLE(var, what, ...) \
  static const PocsimKey var##_list[] = { __VA_ARGS__, END }; \
  static const PocsimKeyTable var = { what, NULL, var##_list, NULL }
#define PUBLIC_TABLE(var, what, ...) \
  static const PocsimKey var##_list[] = { __VA_ARGS__, END }; \
  const PocsimKeyTable var = { what, NULL, var##_list, NULL }

/* ---- pocsim-case/1 ---- */

TABLE (delegation_record, "a delegation record", VAL ("model_id"), VAL ("delegator"), VAL ("delegate_to"));
TABLE (intent_record, "an intent record", VAL ("model_id"), VAL ("participant"));
TABLE (refusal_record, "a refusal record", VAL ("model_id"), VAL ("participant"));
TABLE (commit_record, "a commit", VAL ("participant"), VAL ("model_id"));

TABLE (bootstrap_snapshot, "bootstrap_snapshot",
       ARR ("delegations", delegation_record), ARR ("intents", intent_record));
TABLE (delegation_snapshot, "delegation_snapshot",
       ARR ("delegations", delegation_record), ARR ("refusals", refusal_record));

TABLE (previous, "previous",
       VAL ("weights"), VAL ("voting_powers"), VAL ("poc"),
       /* rule set v0.2.16 */
       VAL ("nodes"), VAL ("node_ids"), VAL ("confirmation_weights"),
       ARR ("coefficient_scales", pocsim_chain_weight_scale_keys), VAL ("cap_weights"),
       VAL ("cap_weight_applied"), VAL ("failed_miss_rate"), VAL ("excluded"));

/* rule set v0.2.16 */
TABLE (poc_node, "a poc_nodes entry", VAL ("node_id"), VAL ("model_id"), VAL ("poc_weight"), VAL ("preserved"));
TABLE (frozen_coefficients, "frozen_coefficients",
       VAL ("params"), ARR ("scales", pocsim_chain_weight_scale_keys));

/* "params" is looked into by pocsim_case_keys_check: it comes in two forms. */
PUBLIC_TABLE (pocsim_case_keys, NULL,
              VAL ("format"), VAL ("rules"), VAL ("height"), VAL ("upcoming_epoch"), VAL ("params"),
              OBJ ("previous", previous), OBJ ("bootstrap_snapshot", bootstrap_snapshot),
              OBJ ("delegation_snapshot", delegation_snapshot), ARR ("commits", commit_record),
              VAL ("poc"), VAL ("participants"), VAL ("collateral"),
              VAL ("comment"), /* free text, never read */
              /* rule set v0.2.16 */
              OBJ ("frozen_coefficients", frozen_coefficients),
              { "poc_nodes", POCSIM_KEY_MAP_OF_ARRAYS, &poc_node },
              VAL ("hardware_nodes"), VAL ("governance_models"));

gboolean
pocsim_case_keys_check (const json_t *root, const PocsimKeyTable *root_table, const char *parent,
                        PocsimJsonProblem *problem)
{
  if (!pocsim_keys_check_tree (root, root_table, parent, problem))
    return FALSE;
  const json_t *params = json_object_get (root, "params");
  g_autofree char *ptr = g_strconcat (parent, "/params", NULL);
  /* The case reader takes the REST answer whole when its "params" is an
   * object (io/case_json.c). */
  gboolean wrapped = json_is_object (json_object_get (params, "params"));
  return pocsim_keys_check_tree (params, wrapped ? &pocsim_chain_params_response_keys : &pocsim_chain_params_keys,
                                 ptr, problem);
}

/* ---- pocsim-scenario/1 ---- */

PUBLIC_TABLE (pocsim_scenario_keys, NULL,
              VAL ("format"), VAL ("description"), VAL ("rules"), VAL ("governance_models"), VAL ("guardians"),
              VAL ("start"), VAL ("until"), VAL ("timeline"));

PUBLIC_TABLE (pocsim_scenario_start_file_keys, "start", VAL ("case"));

PUBLIC_TABLE (pocsim_scenario_host_keys, "a host", VAL ("address"), VAL ("weight"), VAL ("runs"),
              VAL ("voting_powers"), VAL ("collateral"), VAL ("failed_miss_rate"));

static const PocsimKey start_list[] = { ARR ("hosts", pocsim_scenario_host_keys), END };
const PocsimKeyTable pocsim_scenario_start_keys = { "start", NULL, start_list, &pocsim_case_keys };

PUBLIC_TABLE (pocsim_scenario_epoch_keys, "a timeline entry", VAL ("epoch"), VAL ("note"), VAL ("events"),
              VAL ("expect"));

PUBLIC_TABLE (pocsim_scenario_event_keys, "an event",
              VAL ("stage"), VAL ("note"), VAL ("from"), VAL ("tx"), VAL ("run"), VAL ("stop"), VAL ("fail_deploy"),
              VAL ("join"), VAL ("leave"), VAL ("vote"), VAL ("params"), VAL ("set_model"), VAL ("remove_model"),
              VAL ("fail_miss_rate"));

PUBLIC_TABLE (pocsim_scenario_run_keys, "run", VAL ("host"), VAL ("model"), VAL ("weight"), VAL ("node"));
PUBLIC_TABLE (pocsim_scenario_stop_keys, "stop", VAL ("host"), VAL ("model"), VAL ("node"));
PUBLIC_TABLE (pocsim_scenario_host_model_keys, "fail_deploy", VAL ("host"), VAL ("model"));
PUBLIC_TABLE (pocsim_scenario_vote_keys, "vote", VAL ("validator"), VAL ("verdict"), VAL ("host"), VAL ("model"));

PUBLIC_TABLE (pocsim_scenario_expect_keys, "an expectation",
              VAL ("label"), VAL ("host"), VAL ("model"), VAL ("mode"), VAL ("weight"), VAL ("change_pct"),
              VAL ("penalty"), VAL ("reward"), VAL ("reward_weight"), VAL ("voting_power"), VAL ("pre_eligible"),
              VAL ("meets_weight_threshold"), VAL ("meets_v_min"), VAL ("meets_reachability"),
              VAL ("intent_weight"), VAL ("intent_host_count"), VAL ("eligible"), VAL ("rejected_txs"),
              VAL ("accepted"),
              /* v0.2.16 */
              VAL ("cap_weight"), VAL ("previous_confirmed"), VAL ("seated"), VAL ("coefficient"));

/* ---- pocsim-study/1 (docs/sweeps.md, docs/study.schema.json) ---- */

PUBLIC_TABLE (pocsim_study_keys, NULL,
              VAL ("format"), VAL ("description"), VAL ("base"), VAL ("rules"), VAL ("epochs"), VAL ("axes"),
              VAL ("runs"), VAL ("seed"), VAL ("behaviour"), VAL ("metrics"), VAL ("plot"));
PUBLIC_TABLE (pocsim_study_base_keys, "base", VAL ("case"), VAL ("scenario"));
PUBLIC_TABLE (pocsim_study_axis_keys, "an axis", VAL ("path"), VAL ("values"), VAL ("range"));
PUBLIC_TABLE (pocsim_study_range_keys, "a range", VAL ("from"), VAL ("to"), VAL ("step"));
PUBLIC_TABLE (pocsim_study_zip_keys, "a zip", VAL ("zip"));
PUBLIC_TABLE (pocsim_study_behaviour_keys, "behaviour", VAL ("rules"), VAL ("poc_noise"), VAL ("leave"),
              VAL ("join"));
PUBLIC_TABLE (pocsim_study_behaviour_rule_keys, "a behaviour rule",
              VAL ("hosts"), VAL ("models"), VAL ("cells"), VAL ("keep"), VAL ("run"), VAL ("delegate"),
              VAL ("refuse"), VAL ("intent"), VAL ("nothing"), VAL ("delegate_to"), VAL ("run_weight"));
PUBLIC_TABLE (pocsim_study_lognormal_keys, "poc_noise.lognormal", VAL ("sigma"));
PUBLIC_TABLE (pocsim_study_poc_noise_keys, "poc_noise", VAL ("lognormal"));
PUBLIC_TABLE (pocsim_study_join_keys, "join", VAL ("count"), VAL ("probability"), VAL ("weight"),
              VAL ("models"), VAL ("prefix"));
PUBLIC_TABLE (pocsim_study_metrics_keys, "metrics", VAL ("host"), VAL ("network"), VAL ("hosts"));
PUBLIC_TABLE (pocsim_study_plot_keys, "plot", VAL ("host"));

/* ---- participants plan ---- */

const char *const pocsim_plan_columns[] = { "address", "weight", "collateral", "active", NULL };
const char *const pocsim_plan_model_prefixes[] = { "pw", "choice", "vp", NULL };
const char *const pocsim_plan_meta_keys[] = { "params", "upcoming_epoch", "rules", NULL };
