/* ruleset.h - chain versions as values.
 *
 * A rule set names one chain version and carries the switches by which its
 * rules differ from the others.  The epoch pipeline is written once; it asks
 * the rule set, never the version string.  Adding a chain version means
 * adding one entry to the table in ruleset.c. */
#pragma once

#include <glib.h>

typedef struct {
  const char *name;              /* "v0.2.13" */
  const char *chain_versions;    /* chain releases it covers: "v0.2.12, v0.2.13" */
  gint64 activation_height;      /* mainnet upgrade height of the first release */
  const char *activation_date;   /* "2026-04-30" */
  const char *summary;           /* one line: what this version changed */
  const char *note;              /* a further remark for 'pocsim rules', or NULL */

  /* v0.2.14: penalties and delegation transfers reduce the reward, not the
   * stored weight. */
  gboolean reward_only_penalties;
  /* v0.2.14: power capping counts only positive weights. */
  gboolean power_cap_positive_only;
  /* PoC acceptance: 0 means the v0.2.13 "> 2/3 of T" test; otherwise the
   * default basis points of validation_vote_threshold_bps (v0.2.14: 5000). */
  guint32 default_vote_threshold_bps;
  /* v0.2.14: the guardian tiebreak reads raw votes, not VP-filtered ones. */
  gboolean guardian_tiebreak_raw_votes;
  /* v0.2.14: when no participant has accepted PoC, E's validators are
   * carried into the upcoming epoch (sim/rules/fallback.h). */
  gboolean empty_epoch_fallback;

  /* v0.2.16: AP(U) comes from node-level PoC seating (sim/rules/seating.h):
   * hardware records only veto, a node proved in two models is dropped,
   * participants without seated weight leave AP(U), and when no fresh node
   * is seated E's validators are carried instead.  Replaces the v0.2.14
   * empty-epoch fallback. */
  gboolean model_seating;
  /* v0.2.16: formation reads E's previous confirmed weight (prevCap, zeroed
   * for the failed miss-rate set), and pre-eligibility the trust base state
   * (sim/rules/confirmed_weight.h). */
  gboolean previous_confirmed_weight;
  /* v0.2.16: coefficients move every epoch toward a target share
   * (sim/rules/coefficients.h); an explicit weight_scale_factor of 0 is
   * zero, not "unset". */
  gboolean dynamic_coefficients;
  /* v0.2.16 (#1740): bootstrap modes only on pre-eligible models and only
   * for members of E; no INTENT_OK. */
  gboolean bootstrap_previous_members_only;
  /* v0.2.16: each host gets a trust weight (CapWeight), from which voting
   * power is computed (sim/rules/trust.h). */
  gboolean trust_weights;
  /* v0.2.16: a formation with no positive final weight is retried with E's
   * validators, and formation errors halt the chain (a result with
   * "error", not bad input). */
  gboolean zero_final_weight_retry;
  /* v0.2.16: an initial_model_id outside poc_params.models is read, and
   * names no group (the chain's v0.2.16 formation compares ids only);
   * before, pocsim rejects it as the parameter validation did. */
  gboolean initial_model_any_id;
} PocsimRuleSet;

/* The table, oldest first.  Never NULL; static storage. */
const PocsimRuleSet *const *pocsim_rule_sets (guint *n_out);
/* NULL if unknown. */
const PocsimRuleSet *pocsim_rule_set_lookup (const char *name);
/* The newest implemented rule set (the default). */
const PocsimRuleSet *pocsim_rule_set_default (void);
/* The rule set active on mainnet at block HEIGHT: the newest whose
 * activation height is at or below it.  NULL when HEIGHT predates every
 * rule set pocsim implements (multi-model PoC began at v0.2.12). */
const PocsimRuleSet *pocsim_rule_set_for_height (gint64 height);

/* Why a case is formed under its rule set. */
typedef enum {
  POCSIM_RULES_FROM_DEFAULT = 0, /* no "rules" key, no height, no --rules */
  POCSIM_RULES_FROM_CASE,        /* the case's "rules" key */
  POCSIM_RULES_FROM_OPTION,      /* --rules */
  POCSIM_RULES_FROM_HEIGHT,      /* the case's height, through the activation table */
} PocsimRulesReason;

/* "default", "case", "option", "height". */
const char *pocsim_rules_reason_name (PocsimRulesReason reason);
