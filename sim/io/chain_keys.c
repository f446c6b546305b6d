/* chain_keys.c - the chain's field names, one table per proto message.
 *
 * Source: gonka-ai/gonka, inference-chain/proto/inference/inference/
 * params.proto and epoch_group_data.proto, as of the v0.2.16 release
 * branch (zpoken/gonka@ef1a5efd3a23, whose formation code equals
 * gonka-ai/gonka@ea5f6f138b53; ../shared/spec/v0.2.16.md section 0).
 * Names a message has dropped since are kept, so that an older node's
 * answer still reads: the proto's own `reserved` names (GenesisOnlyParams
 * top_reward_*, TokenomicsParams top_*) and subnet_escrow_params, the name
 * of devshard_escrow_params before it was renamed (gonka-ai/gonka@012873f7).
 * Every field is listed, used by pocsim or not; when the chain adds one,
 * add it here with the version that added it. */
#include "io/chain_keys.h"

#define VAL(n) { n, POCSIM_KEY_VALUE, NULL }
#define DEC(n) { n, POCSIM_KEY_OBJECT, &pocsim_chain_decimal_keys }
#define OBJ(n, t) { n, POCSIM_KEY_OBJECT, &t }
#define ARR(n, t) { n, POCSIM_KEY_ARRAY, &t }
#define END { NULL, POCSIM_KEY_VALUE, NULL }
#define TABLE(var, what, message, ...) \
  static const PocsimKey var##_list[] = { __VA_ARGS__, END }; \
  static const PocsimKeyTable var = { what, message, var##_list, NULL }

/* Decimal {int64 value = 1; int32 exponent = 2}. */
static const PocsimKey decimal_list[] = { VAL ("value"), VAL ("exponent"), END };
const PocsimKeyTable pocsim_chain_decimal_keys = { "a decimal {value, exponent}", "Decimal", decimal_list, NULL };

TABLE (epoch_params, "params.epoch_params", "EpochParams",
       VAL ("epoch_length"), VAL ("epoch_multiplier"), VAL ("epoch_shift"), VAL ("default_unit_of_compute_price"),
       VAL ("poc_stage_duration"), VAL ("poc_exchange_duration"), VAL ("poc_validation_delay"),
       VAL ("poc_validation_duration"), VAL ("set_new_validators_delay"), VAL ("inference_validation_cutoff"),
       VAL ("inference_pruning_epoch_threshold"), VAL ("inference_pruning_max"), VAL ("poc_pruning_max"),
       DEC ("poc_slot_allocation"), VAL ("confirmation_poc_safety_window"));

TABLE (validation_params, "params.validation_params", "ValidationParams",
       DEC ("false_positive_rate"), VAL ("min_ramp_up_measurements"), DEC ("pass_value"),
       DEC ("min_validation_average"), DEC ("max_validation_average"), VAL ("expiration_blocks"),
       VAL ("epochs_to_max"), VAL ("full_validation_traffic_cutoff"), DEC ("min_validation_halfway"),
       VAL ("min_validation_traffic_cutoff"), DEC ("miss_percentage_cutoff"), DEC ("miss_requests_penalty"),
       VAL ("timestamp_expiration"), VAL ("timestamp_advance"), VAL ("estimated_limits_per_block_kb"),
       DEC ("invalid_reputation_preserve"), DEC ("bad_participant_invalidation_rate"),
       DEC ("invalidation_h_threshold"), DEC ("downtime_good_percentage"), DEC ("downtime_bad_percentage"),
       DEC ("downtime_h_threshold"), DEC ("downtime_reputation_preserve"), DEC ("quick_failure_threshold"),
       DEC ("binom_test_p0"), VAL ("claim_validation_enabled"), VAL ("logprobs_mode"));

TABLE (poc_model_params, "params.poc_params.model_params", "PoCModelParams",
       VAL ("dim"), VAL ("n_layers"), VAL ("n_heads"), VAL ("n_kv_heads"), VAL ("vocab_size"),
       DEC ("ffn_dim_multiplier"), VAL ("multiple_of"), DEC ("norm_eps"), VAL ("rope_theta"),
       VAL ("use_scaled_rope"), VAL ("seq_len"), DEC ("r_target"));

TABLE (stat_test, "a stat_test", "PoCStatTestParams",
       DEC ("dist_threshold"), DEC ("p_mismatch"), DEC ("p_value_threshold"));

/* v0.2.16 */
TABLE (dynamic_coefficient, "poc_params.models[].dynamic_coefficient", "DynamicCoefficientModelConfig",
       DEC ("coeff_min"), DEC ("coeff_max"), DEC ("relative_difficulty"), VAL ("target_share_bps"));

/* v0.2.16 */
TABLE (dynamic_coefficient_params, "params.poc_params.dynamic_coefficient_params", "DynamicCoefficientParams",
       VAL ("target_zone_bps"), DEC ("step_min"), DEC ("step_max"), DEC ("bootstrap_step_max"),
       VAL ("bootstrap_share_bps"));

static const PocsimKey poc_model_list[] = {
  VAL ("model_id"), VAL ("seq_len"), OBJ ("stat_test", stat_test), DEC ("weight_scale_factor"),
  VAL ("penalty_start_epoch"),
  OBJ ("dynamic_coefficient", dynamic_coefficient), /* v0.2.16 */
  END,
};
const PocsimKeyTable pocsim_chain_poc_model_keys = { "params.poc_params.models[]", "PoCModelConfig",
                                                     poc_model_list, NULL };

TABLE (poc_params, "params.poc_params", "PocParams",
       VAL ("default_difficulty"), VAL ("validation_sample_size"), VAL ("poc_data_pruning_epoch_threshold"),
       DEC ("weight_scale_factor"), OBJ ("model_params", poc_model_params), VAL ("model_id"), VAL ("seq_len"),
       VAL ("poc_v2_enabled"), VAL ("confirmation_poc_v2_enabled"), OBJ ("stat_test", stat_test),
       VAL ("validation_slots"), VAL ("poc_normalization_enabled"), VAL ("poc_stronger_rng_enabled"),
       ARR ("models", pocsim_chain_poc_model_keys),
       VAL ("validation_vote_threshold_bps"),                                /* v0.2.14 */
       OBJ ("dynamic_coefficient_params", dynamic_coefficient_params));      /* v0.2.16 */

TABLE (tokenomics_params, "params.tokenomics_params", "TokenomicsParams",
       DEC ("subsidy_reduction_interval"), DEC ("subsidy_reduction_amount"), DEC ("current_subsidy_percentage"),
       VAL ("work_vesting_period"), VAL ("reward_vesting_period"),
       /* reserved since */
       DEC ("top_reward_allowed_failure"), VAL ("top_miner_poc_qualification"), VAL ("top_miner_vesting_period"));

TABLE (collateral_params, "params.collateral_params", "CollateralParams",
       DEC ("slash_fraction_invalid"), DEC ("slash_fraction_downtime"), DEC ("downtime_missed_percentage_threshold"),
       VAL ("grace_period_end_epoch"), DEC ("base_weight_ratio"), DEC ("collateral_per_weight_unit"));

TABLE (bitcoin_reward_params, "params.bitcoin_reward_params", "BitcoinRewardParams",
       VAL ("use_bitcoin_rewards"), VAL ("initial_epoch_reward"), DEC ("decay_rate"), VAL ("genesis_epoch"),
       DEC ("utilization_bonus_factor"), DEC ("full_coverage_bonus_factor"), DEC ("partial_coverage_bonus_factor"));

TABLE (dynamic_pricing_params, "params.dynamic_pricing_params", "DynamicPricingParams",
       DEC ("stability_zone_lower_bound"), DEC ("stability_zone_upper_bound"), DEC ("price_elasticity"),
       VAL ("utilization_window_duration"), VAL ("min_per_token_price"), VAL ("base_per_token_price"),
       VAL ("grace_period_end_epoch"), VAL ("grace_period_per_token_price"));

TABLE (bandwidth_limits_params, "params.bandwidth_limits_params", "BandwidthLimitsParams",
       VAL ("estimated_limits_per_block_kb"), DEC ("kb_per_input_token"), DEC ("kb_per_output_token"),
       VAL ("invalidations_limit"), VAL ("invalidations_sample_period"), VAL ("invalidations_limit_curve"),
       VAL ("minimum_concurrent_invalidations"), VAL ("max_inferences_per_block"));

TABLE (confirmation_poc_params, "params.confirmation_poc_params", "ConfirmationPoCParams",
       VAL ("expected_confirmations_per_epoch"), DEC ("alpha_threshold"), DEC ("slash_fraction"),
       VAL ("upgrade_protection_window"));

TABLE (genesis_guardian_params, "params.genesis_guardian_params", "GenesisGuardianParams",
       VAL ("network_maturity_threshold"), VAL ("network_maturity_min_height"), VAL ("guardian_addresses"));

TABLE (developer_access_params, "params.developer_access_params", "DeveloperAccessParams",
       VAL ("until_block_height"), VAL ("allowed_developer_addresses"));

TABLE (participant_access_params, "params.participant_access_params", "ParticipantAccessParams",
       VAL ("new_participant_registration_start_height"), VAL ("blocked_participant_addresses"),
       VAL ("use_participant_allowlist"), VAL ("participant_allowlist_until_block_height"));

TABLE (transfer_agent_access_params, "params.transfer_agent_access_params", "TransferAgentAccessParams",
       VAL ("allowed_transfer_addresses"));

/* DevshardApprovedVersion; SubnetApprovedVersion before the rename. */
TABLE (approved_version, "an approved_versions entry", "DevshardApprovedVersion",
       VAL ("name"), VAL ("binary"), VAL ("sha256"));

TABLE (devshard_escrow_params, "params.devshard_escrow_params", "DevshardEscrowParams",
       VAL ("min_amount"), VAL ("max_amount"), VAL ("max_escrows_per_epoch"), VAL ("group_size"),
       VAL ("allowed_creator_addresses"), VAL ("token_price"), ARR ("approved_versions", approved_version),
       VAL ("max_nonce"), VAL ("devshard_requests_enabled"), VAL ("default_inference_seal_grace_nonces"),
       VAL ("default_inference_seal_grace_seconds"), VAL ("create_devshard_fee"), VAL ("fee_per_nonce"),
       VAL ("refusal_timeout"), VAL ("execution_timeout"), VAL ("validation_rate"), VAL ("vote_threshold_factor"),
       VAL ("default_auto_seal_every_n_nonces"));

TABLE (subnet_escrow_params, "params.subnet_escrow_params", "SubnetEscrowParams",
       VAL ("min_amount"), VAL ("max_amount"), VAL ("max_escrows_per_epoch"), VAL ("group_size"),
       VAL ("allowed_creator_addresses"), VAL ("token_price"), ARR ("approved_versions", approved_version));

/* FeeParams and its fee groups (v0.2.16). */
TABLE (period_base, "a fee period base", "PeriodBase", VAL ("gas"), VAL ("period_type"), VAL ("period_length"));
TABLE (stored_delta, "a stored_delta rule", "StoredDeltaParams",
       VAL ("gas_per_unit"), VAL ("items"), VAL ("value_field"), VAL ("id_field"), VAL ("scope_fields"));
TABLE (stored_bytes, "a stored_bytes rule", "StoredBytesParams", VAL ("gas_per_unit"), VAL ("unit"));
TABLE (repeated_len, "a repeated_len rule", "RepeatedLenParams", VAL ("gas_per_unit"), VAL ("field"));
TABLE (msg_gas_rule, "a fee group's msgs entry", "MsgGasRule",
       VAL ("type_url"), OBJ ("base", period_base), OBJ ("stored_delta", stored_delta),
       OBJ ("stored_bytes", stored_bytes), OBJ ("repeated_len", repeated_len));
TABLE (fee_group, "a fee_params.groups entry", "FeeGroup",
       VAL ("name"), VAL ("min_gas_price"), OBJ ("base", period_base), ARR ("msgs", msg_gas_rule));
TABLE (fee_params, "params.fee_params", "FeeParams",
       VAL ("min_gas_price_ngonka"), VAL ("base_validation_gas"), VAL ("gas_per_poc_count"),
       VAL ("enabled_fee_groups"), ARR ("groups", fee_group));

TABLE (delegation_params, "params.delegation_params", "DelegationParams",
       VAL ("deploy_window"), DEC ("refusal_penalty"), DEC ("no_participation_penalty"), DEC ("delegation_share"),
       DEC ("w_threshold"), VAL ("v_min"), DEC ("cap_factor"), VAL ("initial_model_id"),
       DEC ("max_model_voting_power_percentage"));

/* v0.2.14 */
TABLE (maintenance_params, "params.maintenance_params", "MaintenanceParams",
       VAL ("maintenance_enabled"), VAL ("maintenance_min_schedule_lead_blocks"),
       VAL ("maintenance_max_window_blocks"), VAL ("maintenance_max_concurrent_validators"),
       VAL ("maintenance_max_concurrent_power_bps"), VAL ("maintenance_credit_cap_blocks"),
       VAL ("maintenance_credit_earn_per_successful_epoch_blocks"));

/* v0.2.16 */
TABLE (poc_challenge_params, "params.poc_challenge_params", "PoCChallengeParams",
       DEC ("payment_ratio"), VAL ("max_active_challenges"), VAL ("min_punishable_segment_blocks"));

/* GenesisOnlyParams: served by its own query, not in the params answer; a
 * case adds it inside params (docs/case-format.md). */
TABLE (genesis_only_params, "params.genesis_only_params", "GenesisOnlyParams",
       VAL ("total_supply"), VAL ("originator_supply"), VAL ("standard_reward_amount"),
       VAL ("pre_programmed_sale_amount"), VAL ("supply_denom"), DEC ("max_individual_power_percentage"),
       VAL ("genesis_guardian_enabled"), VAL ("genesis_guardian_network_maturity_threshold"),
       DEC ("genesis_guardian_multiplier"), VAL ("genesis_guardian_addresses"),
       /* reserved since */
       VAL ("top_reward_amount"), VAL ("top_rewards"), VAL ("top_reward_period"), VAL ("top_reward_payouts"),
       VAL ("top_reward_payouts_per_miner"), VAL ("top_reward_max_duration"));

static const PocsimKey params_list[] = {
  OBJ ("epoch_params", epoch_params),
  OBJ ("validation_params", validation_params),
  OBJ ("poc_params", poc_params),
  OBJ ("tokenomics_params", tokenomics_params),
  OBJ ("collateral_params", collateral_params),
  OBJ ("bitcoin_reward_params", bitcoin_reward_params),
  OBJ ("dynamic_pricing_params", dynamic_pricing_params),
  OBJ ("bandwidth_limits_params", bandwidth_limits_params),
  OBJ ("confirmation_poc_params", confirmation_poc_params),
  OBJ ("genesis_guardian_params", genesis_guardian_params),
  OBJ ("developer_access_params", developer_access_params),
  OBJ ("participant_access_params", participant_access_params),
  OBJ ("transfer_agent_access_params", transfer_agent_access_params),
  OBJ ("devshard_escrow_params", devshard_escrow_params),
  OBJ ("subnet_escrow_params", subnet_escrow_params), /* the same field before its rename */
  OBJ ("fee_params", fee_params),
  OBJ ("delegation_params", delegation_params),
  OBJ ("maintenance_params", maintenance_params),     /* v0.2.14 */
  OBJ ("poc_challenge_params", poc_challenge_params), /* v0.2.16 */
  OBJ ("genesis_only_params", genesis_only_params),   /* pocsim: the separate query's answer */
  END,
};
const PocsimKeyTable pocsim_chain_params_keys = { "params", "Params", params_list, NULL };

static const PocsimKey response_list[] = { OBJ ("params", pocsim_chain_params_keys), END };
const PocsimKeyTable pocsim_chain_params_response_keys = { "params (the REST answer {\"params\": ...})",
                                                           "QueryParamsResponse", response_list, NULL };

static const PocsimKey weight_scale_list[] = {
  VAL ("model_id"), DEC ("weight_scale_factor"), DEC ("effective_coefficient"),
  OBJ ("config", dynamic_coefficient), DEC ("base_coefficient"), DEC ("adaptive_step"), VAL ("prev_sign"),
  VAL ("exclude_from_confirmation"), END,
};
const PocsimKeyTable pocsim_chain_weight_scale_keys = { "a coefficient scale", "ConfirmationWeightScale",
                                                        weight_scale_list, NULL };
