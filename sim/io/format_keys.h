/* format_keys.h - the keys of pocsim's own documents (io/json_keys.h):
 * a case (docs/case-format.md), a scenario (docs/scenarios.md), a study
 * (docs/sweeps.md) and the columns and metadata of a participants plan
 * (docs/csv-input.md).  The params inside a case are the chain's answer:
 * io/chain_keys.h. */
#pragma once

#include "io/chain_keys.h"

/* pocsim-case/1, the document's top level (its params are checked by
 * pocsim_case_keys_check, which knows both forms of params). */
extern const PocsimKeyTable pocsim_case_keys;

/* Checks every key of the case ROOT (a document whose top level ROOT_TABLE
 * lists: pocsim_case_keys, or a table that extends it), params included:
 * either the Params object or the REST answer {"params": Params}.  The
 * problem's pointer is PARENT + the pointer inside ROOT.  TRUE when every
 * key is known. */
gboolean pocsim_case_keys_check (const json_t *root, const PocsimKeyTable *root_table, const char *parent,
                                 PocsimJsonProblem *problem);

/* pocsim-scenario/1 */
extern const PocsimKeyTable pocsim_scenario_keys;             /* the top level */
extern const PocsimKeyTable pocsim_scenario_start_keys;       /* start: a case, or the hosts shorthand */
extern const PocsimKeyTable pocsim_scenario_start_file_keys;  /* start: {"case": FILE} */
extern const PocsimKeyTable pocsim_scenario_host_keys;        /* one entry of start.hosts */
extern const PocsimKeyTable pocsim_scenario_epoch_keys;       /* one timeline entry */
extern const PocsimKeyTable pocsim_scenario_event_keys;
extern const PocsimKeyTable pocsim_scenario_run_keys;         /* run: {host, model, weight, node} */
extern const PocsimKeyTable pocsim_scenario_stop_keys;        /* stop: {host, model, node} */
extern const PocsimKeyTable pocsim_scenario_host_model_keys;  /* fail_deploy: {host, model} */
extern const PocsimKeyTable pocsim_scenario_vote_keys;
extern const PocsimKeyTable pocsim_scenario_expect_keys;

/* pocsim-study/1: each object the study reader checks (io/study_json.c) */
extern const PocsimKeyTable pocsim_study_keys;                /* the top level */
extern const PocsimKeyTable pocsim_study_base_keys;
extern const PocsimKeyTable pocsim_study_axis_keys;
extern const PocsimKeyTable pocsim_study_range_keys;
extern const PocsimKeyTable pocsim_study_zip_keys;            /* {"zip": [axis, ...]} */
extern const PocsimKeyTable pocsim_study_behaviour_keys;
extern const PocsimKeyTable pocsim_study_behaviour_rule_keys; /* one entry of behaviour.rules */
extern const PocsimKeyTable pocsim_study_poc_noise_keys;
extern const PocsimKeyTable pocsim_study_lognormal_keys;
extern const PocsimKeyTable pocsim_study_join_keys;
extern const PocsimKeyTable pocsim_study_metrics_keys;
extern const PocsimKeyTable pocsim_study_plot_keys;

/* A participants plan: the fixed columns, the prefixes of the per-model
 * columns ("pw", "choice", "vp", each followed by ":MODEL") and the
 * NAME=VALUE metadata of its leading comment lines; NULL-terminated. */
extern const char *const pocsim_plan_columns[];
extern const char *const pocsim_plan_model_prefixes[];
extern const char *const pocsim_plan_meta_keys[];
