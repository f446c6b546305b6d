#include "core/ruleset.h"

#include <string.h>

static const PocsimRuleSet v0_2_13 = {
  .name = "v0.2.13",
  .chain_versions = "v0.2.12, v0.2.13",
  .activation_height = 3834200,
  .activation_date = "2026-04-30",
  .summary = "multi-model PoC: per-model groups, delegation/refusal/intent, penalties cut stored weight",
  .reward_only_penalties = FALSE,
  .power_cap_positive_only = FALSE,
  .default_vote_threshold_bps = 0,
  .guardian_tiebreak_raw_votes = FALSE,
  .empty_epoch_fallback = FALSE,
};

static const PocsimRuleSet v0_2_14 = {
  .name = "v0.2.14",
  .chain_versions = "v0.2.14, v0.2.15",
  .activation_height = 5195700,
  .activation_date = "2026-07-23",
  .summary = "penalties and delegation share cut the reward, not stored weight; PoC acceptance > 50 %",
  .reward_only_penalties = TRUE,
  .power_cap_positive_only = TRUE,
  .default_vote_threshold_bps = 5000,
  .guardian_tiebreak_raw_votes = TRUE,
  .empty_epoch_fallback = TRUE,
};

/* Chain v0.2.17 moves the coefficient config into schemes[PREFILL]; while
 * the scheme is PREFILL its formation is v0.2.16's (spec v0.2.16.md Q7). */
static const PocsimRuleSet v0_2_16 = {
  .name = "v0.2.16",
  .chain_versions = "v0.2.16, v0.2.17",
  .activation_height = 6449400,
  .activation_date = "2026-10-08",
  .summary = "trust weight from the previous confirmed weight, dynamic coefficients, model seating from PoC",
  .note = "v0.2.17 forms epochs the same way while the PoC scheme is PREFILL",
  .reward_only_penalties = TRUE,
  .power_cap_positive_only = TRUE,
  .default_vote_threshold_bps = 5000,
  .guardian_tiebreak_raw_votes = TRUE,
  .empty_epoch_fallback = FALSE,
  .model_seating = TRUE,
  .previous_confirmed_weight = TRUE,
  .dynamic_coefficients = TRUE,
  .bootstrap_previous_members_only = TRUE,
  .trust_weights = TRUE,
  .zero_final_weight_retry = TRUE,
  .initial_model_any_id = TRUE,
};

static const PocsimRuleSet *const rule_sets[] = {
  &v0_2_13,
  &v0_2_14,
  &v0_2_16,
};

const PocsimRuleSet *const *
pocsim_rule_sets (guint *n_out)
{
  *n_out = G_N_ELEMENTS (rule_sets);
  return rule_sets;
}

const PocsimRuleSet *
pocsim_rule_set_lookup (const char *name)
{
  for (guint k = 0; k < G_N_ELEMENTS (rule_sets); k++)
    if (strcmp (rule_sets[k]->name, name) == 0)
      return rule_sets[k];
  return NULL;
}

const PocsimRuleSet *
pocsim_rule_set_default (void)
{
  return rule_sets[G_N_ELEMENTS (rule_sets) - 1];
}

const PocsimRuleSet *
pocsim_rule_set_for_height (gint64 height)
{
  const PocsimRuleSet *active = NULL;
  for (guint k = 0; k < G_N_ELEMENTS (rule_sets); k++)
    if (rule_sets[k]->activation_height <= height)
      active = rule_sets[k];
  return active;
}

const char *
pocsim_rules_reason_name (PocsimRulesReason reason)
{
  switch (reason)
    {
    case POCSIM_RULES_FROM_CASE: return "case";
    case POCSIM_RULES_FROM_OPTION: return "option";
    case POCSIM_RULES_FROM_HEIGHT: return "height";
    default: return "default";
    }
}
