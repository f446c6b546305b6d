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

/* A decimal the chain may leave unset (a nil *Decimal): unset is not 0. */
typedef struct {
  gboolean set;
  PocsimDec value;
} PocsimOptDec;

/* One model's dynamic-coefficient config (DynamicCoefficientModelConfig). */
typedef struct {
  PocsimOptDec coeff_min;
  PocsimOptDec coeff_max;
  PocsimOptDec relative_difficulty;
  guint32 target_share_bps;
} PocsimCoeffConfig;

/* One ConfirmationWeightScale of an epoch's root group: the coefficient a
 * model had, and the controller state it carries to the next epoch. */
typedef struct {
  gboolean present;
  PocsimOptDec effective_coefficient;
  PocsimOptDec weight_scale_factor;
  PocsimOptDec base_coefficient;
  PocsimOptDec adaptive_step;
  gint32 prev_sign;               /* any int32: the chain checks -1..1 when it reads it */
  gboolean exclude_from_confirmation;
  gboolean has_config;
  PocsimCoeffConfig config;
} PocsimCoeffScale;

/* DynamicCoefficientParams (poc_params, or as frozen for an epoch). */
typedef struct {
  guint32 target_zone_bps;
  guint32 bootstrap_share_bps;
  PocsimOptDec step_min;
  PocsimOptDec step_max;
  PocsimOptDec bootstrap_step_max;
} PocsimDynamicParams;

typedef struct {
  const char *id;             /* interned in the case's string chunk */
  gboolean in_params;         /* listed in poc_params.models */
  PocsimDec coeff;            /* weight_scale_factor, LegacyDecOrOne; 1 if not in params.  Under
                               * v0.2.16 an explicit 0 stays 0 (PocsimRuleSet.dynamic_coefficients) */
  guint64 penalty_start_epoch; /* 0 (always reached) if not in params */

  /* v0.2.16 (spec v0.2.16.md §4) */
  const char *node_id;        /* "n-<id>": the node a poc entry (or an E node without id) stands for */
  gboolean governance;        /* in the governance model registry (seating's hardware filter) */
  PocsimOptDec weight_scale_factor; /* poc_params value as given (unset: missing, null or "") */
  gboolean has_dynamic;       /* poc_params.models[].dynamic_coefficient is present */
  PocsimCoeffConfig dynamic;
  PocsimCoeffScale frozen;    /* U's scale as frozen at PoC start (params.frozen_explicit) */
  PocsimCoeffScale previous;  /* E's root scale (previous.coefficient_scales) */
} PocsimModel;

/* The epoch reward computed ahead for the parameters and the epoch count
 * it names (pocsim_reward_memo_fill, rules/reward.h).  Its exact
 * exponential costs more than the rest of a small network's formation, and
 * a sweep forms one case thousands of times; the formation uses it only
 * while its key still matches the case. */
typedef struct {
  gboolean set;
  guint64 initial_epoch_reward;
  PocsimDec decay_rate;
  guint64 epochs;
  gint64 reward;
} PocsimRewardMemo;

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
  PocsimRewardMemo reward_memo; /* not an input: a cache the case carries */
  /* poc_params.dynamic_coefficient_params: absent = legacy static coefficients */
  gboolean has_dynamic_params;
  PocsimDynamicParams dynamic;
  /* U's coefficient config frozen at PoC start, when the case gives it
   * (frozen_coefficients); otherwise the formation freezes poc_params */
  gboolean frozen_explicit;
  gboolean frozen_has_dynamic_params;
  PocsimDynamicParams frozen_dynamic;
} PocsimParams;

/* Per-address flags. */
enum {
  POCSIM_ADDR_IN_PREVIOUS = 1 << 0, /* live root member of E (a key of previous.weights) */
  POCSIM_ADDR_ACTIVE = 1 << 1,      /* in AP(U): a poc or poc_nodes key, or listed in "participants" */
  POCSIM_ADDR_HAS_COLLATERAL = 1 << 2,
  POCSIM_ADDR_COMMITTED = 1 << 3,   /* has a store commit for some model this stage */
  POCSIM_ADDR_HAS_HARDWARE = 1 << 4, /* has a HardwareNodes record (hardware_nodes key) */
  POCSIM_ADDR_FAILED_MISS_RATE = 1 << 5, /* in E's failed miss-rate set */
  POCSIM_ADDR_EXCLUDED = 1 << 6,    /* in ExcludedParticipantsMap(E) */
  POCSIM_ADDR_HAS_CONFIRMATION = 1 << 7, /* previous.confirmation_weights gives CW_E */
};

/* Per-(model, address) flags. */
enum {
  POCSIM_CELL_MEMBER = 1 << 0,      /* in members[m]: a key of poc[m] */
  POCSIM_CELL_COMMIT = 1 << 1,      /* a PoC store commit for m this stage */
  POCSIM_CELL_BOOT_INTENT = 1 << 2, /* intent record in the bootstrap snapshot (raw) */
  POCSIM_CELL_REFUSAL = 1 << 3,     /* refusal record in the regular snapshot (raw) */
  POCSIM_CELL_PREV_VP = 1 << 4,     /* VP_E[m][p] > 0 */
  POCSIM_CELL_POC_ENTRY = 1 << 5,   /* a poc[m][p] entry: one validated node "n-<m>", not preserved */
  POCSIM_CELL_PREV_NODE = 1 << 6,   /* p has a node in E's subgroup m (previous.nodes / previous.poc) */
};

/* One validated PoC node of U (poc_nodes). */
typedef struct {
  guint32 model;
  const char *node_id;        /* interned; "" = a legacy placeholder, never seated */
  gint64 poc_weight;
  gboolean preserved;         /* carried from E, not freshly validated */
} PocsimPocNode;

/* One (node, declared model) pair of a HardwareNodes record. */
typedef struct {
  const char *node_id;        /* interned local_id */
  guint32 model;              /* a model of the case (declared models the case never
                               * mentions cannot seat anything and are not kept) */
} PocsimHardwareModel;

typedef struct {
  const PocsimRuleSet *rules;
  PocsimRulesReason rules_reason; /* why this rule set (outputs say it) */
  gint64 height;              /* block height of the state ("height", a capture's); -1 unknown */
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
  gint64 *prev_pw;            /* E's subgroup raw PoC weight (previous.nodes or previous.poc): the
                               * weight of p's one node in subgroup m when POCSIM_CELL_PREV_NODE */
  gint64 *pw;                 /* raw accepted PoC weight when POCSIM_CELL_MEMBER */
  guint32 *boot_delegate;     /* bootstrap snapshot delegation target, raw, or POCSIM_NO_ADDR */
  guint32 *reg_delegate;      /* regular snapshot delegation target, raw, or POCSIM_NO_ADDR */

  gboolean has_bootstrap_snapshot;
  gboolean has_delegation_snapshot;
  /* The input held no collateral where the chain has some: a snapshot
   * directory captured without it.  The collateral step then counts every
   * host as having none; commands warn when it applies. */
  gboolean collateral_not_captured;

  /* v0.2.16: E's state beyond weights and voting powers (spec v0.2.16.md §4) */
  gint64 *prev_cap_weight;          /* [n_addrs] CapWeight_E (previous.cap_weights; 0 when missing) */
  gint64 *prev_confirmation_weight; /* [n_addrs] CW_E when POCSIM_ADDR_HAS_CONFIRMATION */
  gboolean has_previous_cap_weights; /* AP(E) exists: previous.cap_weights given */
  gboolean previous_cap_weight_applied; /* AP(E).CapWeightApplied */
  const char **prev_node_id;        /* [cells] E node ids (previous.node_ids), NULL entries = "n-<model>";
                                     * the array is NULL when the case gives none */
  /* v0.2.16: U's validated nodes and hardware records, grouped by address.
   * The nodes of p are nodes[node_first[p] .. node_first[p + 1]); both
   * arrays are NULL when the case has no poc_nodes (same for hardware). */
  PocsimPocNode *nodes;
  guint32 *node_first;
  guint n_nodes;
  PocsimHardwareModel *hardware;    /* per address sorted by (node id, model) */
  guint32 *hardware_first;
  guint n_hardware;
  /* Entries allocated in nodes and hardware, so that a case copied into
   * every epoch (pocsim_case_copy_data) keeps its lists; 0 = unknown (a
   * reader's exact allocation). */
  guint nodes_room;
  guint hardware_room;
  gboolean governance_explicit;     /* governance_models given (else poc_params.models ∪ keys(poc)) */

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

/* The validated nodes of U that poc_nodes gives for address a (*n of them). */
static inline const PocsimPocNode *
pocsim_case_nodes (const PocsimCase *c, guint a, guint *n)
{
  if (c->node_first == NULL)
    {
      *n = 0;
      return NULL;
    }
  *n = c->node_first[a + 1] - c->node_first[a];
  return c->nodes + c->node_first[a];
}

/* The (node, model) pairs of a's hardware record (*n of them). */
static inline const PocsimHardwareModel *
pocsim_case_hardware (const PocsimCase *c, guint a, guint *n)
{
  if (c->hardware_first == NULL)
    {
      *n = 0;
      return NULL;
    }
  *n = c->hardware_first[a + 1] - c->hardware_first[a];
  return c->hardware + c->hardware_first[a];
}

/* The id of a's node in E's subgroup m (POCSIM_CELL_PREV_NODE cells). */
static inline const char *
pocsim_case_prev_node_id (const PocsimCase *c, guint m, guint a)
{
  const char *id = c->prev_node_id ? c->prev_node_id[pocsim_cell (c, m, a)] : NULL;
  return id ? id : c->models[m].node_id;
}

/* Whether cell (m, a) holds a poc entry (one node "n-<m>"), and its weight:
 * the cell's PoC less a's poc_nodes in m.  A member cell that no poc_nodes
 * node explains counts as an entry (cases built in memory set no
 * POCSIM_CELL_POC_ENTRY). */
gboolean pocsim_case_poc_entry (const PocsimCase *c, guint m, guint a, gint64 *weight);
/* Whether the collateral step changes weights: collateral_params present
 * and the upcoming epoch past grace_period_end_epoch. */
gboolean pocsim_case_collateral_applies (const PocsimCase *c);

/* Replaces U's validated nodes (poc_nodes) by NODES[0 .. n), node k
 * belonging to address OWNERS[k]: grouped by address, each address's in
 * the given order, ids interned in C's chunk.  The cells' PoC is not
 * touched (a cell's pw holds its nodes' weights).  N = 0: C has no
 * poc_nodes. */
void pocsim_case_set_nodes (PocsimCase *c, const PocsimPocNode *nodes, const guint32 *owners, guint n);

/* Whether two coefficient scales (or two sets of dynamic-coefficient
 * params) hold the same values: unset decimals are equal whatever their
 * stored value. */
gboolean pocsim_coeff_scale_equal (const PocsimCoeffScale *x, const PocsimCoeffScale *y);
gboolean pocsim_dynamic_params_equal (const PocsimDynamicParams *x, const PocsimDynamicParams *y);

/* A deep copy, for what-if edits. */
PocsimCase *pocsim_case_copy (const PocsimCase *c);

/* Copies SRC's data into DST, a case with the same tables (a copy of SRC or
 * of a case with SRC's tables): what a sweep does before every run. */
void pocsim_case_copy_data (PocsimCase *dst, const PocsimCase *src);

/* A copy of C whose address and model tables are the union of C's and the
 * given names (a replay's tables: every name its scenario uses).  Data of
 * the new names is empty (as pocsim_case_new() makes it); data of C's names
 * keeps its values, with delegate targets re-indexed.  Returns a new case. */
PocsimCase *pocsim_case_widen (const PocsimCase *c, const char *const *addrs, guint n_addrs,
                               const char *const *models, guint n_models);
