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
} PocsimRuleSet;

/* The table, newest last.  Never NULL; static storage. */
const PocsimRuleSet *const *pocsim_rule_sets (guint *n_out);
/* NULL if unknown. */
const PocsimRuleSet *pocsim_rule_set_lookup (const char *name);
/* The newest implemented rule set (the default). */
const PocsimRuleSet *pocsim_rule_set_default (void);
