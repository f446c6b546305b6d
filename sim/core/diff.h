/* diff.h - what differs between two formations, summarised.
 *
 * Side A and side B are two formations of the same epoch: one case under
 * two rule sets, two cases, or a case and the same case with parameters
 * changed.  The diff holds, by name (the two cases may intern addresses and
 * models differently):
 *   - per model (group) both sides' eligibility, coefficient, raw and capped
 *     totals, cap, scale and voting-power total;
 *   - per host (the union of both sides' AP(U)) both sides' final weight,
 *     penalty, reward weight and reward;
 *   - every value that differs, one entry each (group values, host values,
 *     per host and model the mode and voting power, a halt);
 *   - a summary: the groups whose eligibility changes, how many hosts
 *     change, how much weight and reward move, who loses all its weight.
 * analysis/diff.h computes it; io/diff_report.h writes it.
 *
 * Ownership: a PocsimDiff borrows the strings of the two results it was
 * computed from (keep them alive) and owns the rest; pocsim_diff_free(). */
#pragma once

#include <glib.h>

#include "core/decimal.h"

typedef enum {
  POCSIM_DIFF_INT,   /* integers: a change and a percentage apply */
  POCSIM_DIFF_DEC,   /* chain decimals: a change applies */
  POCSIM_DIFF_TEXT,  /* words: yes/no, modes, messages */
  POCSIM_DIFF_CAP,   /* a group cap: an integer, -1 = no cap ("none" in tables) */
} PocsimDiffKind;

/* One value that differs. */
typedef struct {
  const char *address;  /* "" for a group's or the formation's value */
  const char *model_id; /* "" for a host's own or the formation's value */
  const char *field;    /* static: "final", "eligible", "voting_power", ... */
  PocsimDiffKind kind;
  gint64 a, b;          /* INT, CAP */
  PocsimDec da, db;     /* DEC */
  char *ta, *tb;        /* TEXT (owned) */
} PocsimDiffValue;

/* One model's group on both sides ([0] = A, [1] = B). */
typedef struct {
  const char *model_id;
  gboolean present[2];  /* the model has members (or is a bootstrap candidate) there */
  gboolean eligible[2];
  gboolean has_coeff[2];
  PocsimDec coeff[2];
  gint64 raw_total[2];
  gint64 capped_total[2];
  gint64 cap[2];        /* -1 = no cap */
  PocsimDec scale[2];
  gint64 vp_total[2];   /* Σ voting power in the model */
  gboolean changed;
} PocsimDiffGroup;

/* One host on both sides; absent = not in that side's AP(U) (all zero). */
typedef struct {
  const char *address;
  gboolean present[2];
  gint64 final[2];
  PocsimDec penalty[2];
  gint64 reward_weight[2];
  gint64 reward[2];
  gboolean changed;     /* any of its values differs (the above, modes, voting powers) */
} PocsimDiffHost;

typedef struct {
  GArray *groups;       /* PocsimDiffGroup, by model id */
  GArray *hosts;        /* PocsimDiffHost, by address */
  GArray *values;       /* PocsimDiffValue: the formation's, the groups', then host by host */
  const char *halt[2];  /* the chain's halt error on each side, or NULL */
  gboolean has_reward[2];
  gint64 epoch_reward[2];

  /* the summary */
  guint eligibility_changes;   /* groups whose eligibility differs */
  guint hosts_changed;
  guint hosts_gaining, hosts_losing;     /* final weight up / down */
  guint hosts_losing_all;      /* final > 0 on A, 0 or absent on B */
  gint64 weight_total[2];      /* Σ final */
  gint64 weight_gained, weight_lost;     /* Σ of the rises, Σ of the falls (positive) */
  gint64 reward_total[2];      /* Σ reward paid to hosts, ngonka */
  gint64 reward_gained, reward_lost;
} PocsimDiff;

void pocsim_diff_free (PocsimDiff *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimDiff, pocsim_diff_free)

/* Whether the two sides differ in any value compared. */
static inline gboolean
pocsim_diff_any (const PocsimDiff *d)
{
  return d->values->len > 0;
}
