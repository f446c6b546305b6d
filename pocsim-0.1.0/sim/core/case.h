/* case.h - the chain state one epoch formation reads (a "case").
 *
 * Plain data, laid out for the hot path: addresses and model ids are
 * interned once, sorted byte-wise, so that index order IS the chain's sorted
 * order and every rule iterates arrays, never hash tables.  Per (model,
 * address) data lives in dense arrays indexed by pocsim_cell(case, m, a).
 *
 * Ownership: a PocsimCase owns everything it points to; free it with
 * pocsim_case_free() (or g_autoptr(PocsimCase)). */
#pragma once

#include <glib.h>

#include "core/decimal.h"
#include "core/ruleset.h"

#define POCSIM_NO_ADDR G_MAXUINT32
#define POCSIM_NO_MODEL G_MAXUINT32

typedef struct {
  const char *id;             /* interned in the case's string chunk */
  gboolean in_params;         /* listed in poc_params.models */
  PocsimDec coeff;            /* weight_scale_factor, LegacyDecOrOne; 1 if not in params */
  guint64 penalty_start_epoch; /* 0 (always reached) if not in params */
} PocsimModel;

typedef struct {
  /* delegation_params; unset decimals are 0 (protoDecToLegacy) */
  gint64 deploy_window;
  PocsimDec refusal_penalty;
  PocsimDec no_participation_penalty;
  PocsimDec delegation_share;
  PocsimDec w_threshold;
  gint64 v_min;
  PocsimDec cap_factor;
  guint32 initial_model;      /* model index, or POCSIM_NO_MODEL */
  PocsimDec max_model_vp_pct; /* 0 = per-model VP cap off */
  /* poc_params */
  guint32 validation_slots;              /* 0 = weighted acceptance */
  guint32 validation_vote_threshold_bps; /* v0.2.14+, 0 = rule set default */
  /* collateral_params: absent = collateral step skipped */
  gboolean collateral_enabled;
  gint64 grace_period_end_epoch;
  PocsimDec base_weight_ratio;
  PocsimDec collateral_per_weight_unit;
  /* genesis_only_params.max_individual_power_percentage != 0 */
  gboolean power_cap_enabled;
  /* bitcoin_reward_params (rewards); has_reward = FALSE when absent */
  gboolean has_reward;
  guint64 initial_epoch_reward;
  PocsimDec decay_rate;
  guint64 reward_genesis_epoch;
} PocsimParams;

/* Per-address flags. */
enum {
  POCSIM_ADDR_IN_PREVIOUS = 1 << 0, /* live root member of E (a key of previous.weights) */
  POCSIM_ADDR_ACTIVE = 1 << 1,      /* in AP(U): a poc key or listed in "participants" */
  POCSIM_ADDR_HAS_COLLATERAL = 1 << 2,
  POCSIM_ADDR_COMMITTED = 1 << 3,   /* has a store commit for some model this stage */
};

/* Per-(model, address) flags. */
enum {
  POCSIM_CELL_MEMBER = 1 << 0,      /* in members[m]: a key of poc[m] */
  POCSIM_CELL_COMMIT = 1 << 1,      /* a PoC store commit for m this stage */
  POCSIM_CELL_BOOT_INTENT = 1 << 2, /* intent record in the bootstrap snapshot (raw) */
  POCSIM_CELL_REFUSAL = 1 << 3,     /* refusal record in the regular snapshot (raw) */
  POCSIM_CELL_PREV_VP = 1 << 4,     /* VP_E[m][p] > 0 */
};

typedef struct {
  const PocsimRuleSet *rules;
  gint64 upcoming_epoch;
  PocsimParams params;

  guint n_models;
  PocsimModel *models;        /* sorted by id */
  guint n_addrs;
  const char **addrs;         /* sorted byte-wise; strings in `strings` */

  /* per address */
  gint64 *prev_weight;        /* W_E[p]; 0 when absent */
  gint64 *collateral;         /* amount when POCSIM_ADDR_HAS_COLLATERAL */
  guint8 *addr_flags;

  /* per cell: index m * n_addrs + a */
  guint8 *cell_flags;
  gint64 *prev_vp;            /* VP_E[m][p] when POCSIM_CELL_PREV_VP */
  gint64 *prev_pw;            /* E's subgroup raw PoC weight (previous.poc), 0 when unknown;
                               * read only by the v0.2.14 empty-epoch fallback */
  gint64 *pw;                 /* raw accepted PoC weight when POCSIM_CELL_MEMBER */
  guint32 *boot_delegate;     /* bootstrap snapshot delegation target, raw, or POCSIM_NO_ADDR */
  guint32 *reg_delegate;      /* regular snapshot delegation target, raw, or POCSIM_NO_ADDR */

  gboolean has_bootstrap_snapshot;
  gboolean has_delegation_snapshot;
  /* The input held no collateral where the chain has some: a snapshot
   * directory captured without it.  The collateral step then counts every
   * host as having none; commands warn when it applies. */
  gboolean collateral_not_captured;

  GStringChunk *strings;
} PocsimCase;

static inline gsize
pocsim_cell (const PocsimCase *c, guint m, guint a)
{
  return (gsize) m * c->n_addrs + a;
}

/* The most (model, address) cells a case may have: each costs 25 bytes in
 * the tables below, and a document of one megabyte can name 40,000 models
 * and 40,000 addresses (1.6e9 cells).  Readers refuse more with an input
 * error before building the case.  2^25 = 33,554,432 cells (840 MB) leaves
 * room for 10^6 hosts x 33 models. */
#define POCSIM_CASE_MAX_CELLS ((gsize) 1 << 25)

/* Builds a case whose address and model tables are the sorted, deduplicated
 * union of the given strings (copied).  Every array is zero-filled and
 * delegate targets set to POCSIM_NO_ADDR; params get the chain's "unset"
 * values.  Returns a new case. */
PocsimCase *pocsim_case_new (const char *const *addrs, guint n_addrs,
                             const char *const *models, guint n_models);
void pocsim_case_free (PocsimCase *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimCase, pocsim_case_free)

/* Binary search in the sorted tables; POCSIM_NO_ADDR / POCSIM_NO_MODEL if absent. */
guint32 pocsim_case_find_addr (const PocsimCase *c, const char *addr);
guint32 pocsim_case_find_model (const PocsimCase *c, const char *model_id);

/* Whether the collateral step changes weights: collateral_params present
 * and the upcoming epoch past grace_period_end_epoch. */
gboolean pocsim_case_collateral_applies (const PocsimCase *c);

/* A deep copy, for what-if edits. */
PocsimCase *pocsim_case_copy (const PocsimCase *c);
