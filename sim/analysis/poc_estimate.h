/* poc_estimate.h - a host's raw PoC weight for a model, estimated from its
 * GPUs (docs/whatif.md, "PoC weight from hardware").
 *
 * For one ML node of COUNT GPUs of type T and a model M, from the hardware
 * data (core/hardware.h), the first route that applies:
 *
 *   CHAIN          at least POCSIM_POC_EST_MIN_SAME on-chain nodes ran M on
 *                  COUNTxT: the median of their PoC weights; the range is
 *                  their min and max.
 *   CHAIN_PER_GPU  some on-chain node ran M on T (any count): the median of
 *                  their PoC weights per GPU, times COUNT (PoC nonces come
 *                  from independent model instances, so a node's weight
 *                  grows with its GPUs); the range is the min and max per
 *                  GPU, times COUNT.
 *   BENCHMARK      no on-chain node ran M on T but the benchmarks measured
 *                  it: nonces per minute per GPU times COUNT times a factor
 *                  (minutes) fitted on the (model, GPU type) pairs that have
 *                  both: the median over those pairs of (median on-chain
 *                  weight per GPU) / (benchmark nonces per minute per GPU).
 *                  The range uses the smallest and largest pair ratio.
 *   NONE           neither.
 *
 * Nodes whose GPU type is unknown are never used.  Medians and ratios are
 * doubles (statistics, not a chain rule); every weight handed out is an
 * integer, rounded to the nearest (halves up).  A host of several ML nodes
 * gets the sum of their estimates and of their ranges; it has no estimate
 * when one of its nodes has none.
 *
 * Everything here is a pure function of its arguments. */
#pragma once

#include "core/hardware.h"

#define POCSIM_POC_EST_NO_SKIP G_MAXUINT

/* The estimate types (PocsimPocEstimate, PocsimBenchFit, PocsimLooRow) are
 * in core/hardware.h, where io's writers see them. */

/* Fits the factor, leaving node `skip` out (POCSIM_POC_EST_NO_SKIP: none). */
PocsimBenchFit pocsim_bench_fit (const PocsimHardwareData *d, guint skip);

/* One ML node's estimate for model `model` of d, leaving node `skip` of d
 * out of every statistic.  FALSE with POCSIM_ERROR_OVERFLOW if a weight
 * leaves int64. */
gboolean pocsim_poc_estimate_node (const PocsimHardwareData *d, guint32 model, const PocsimGpuSpec *spec, guint skip,
                                   PocsimPocEstimate *out, GError **error);

/* A host of n_specs ML nodes: per_node[k] (n_specs entries, filled) and the
 * host's total in *total (source: NONE if any node has none, else the
 * least direct route among its nodes; n_nodes summed).  FALSE with
 * POCSIM_ERROR_OVERFLOW if the sum leaves int64. */
gboolean pocsim_poc_estimate_host (const PocsimHardwareData *d, guint32 model, const PocsimGpuSpec *specs,
                                   guint n_specs, PocsimPocEstimate *per_node, PocsimPocEstimate *total,
                                   GError **error);

/* The same for the model named `model_id`, which d may lack (then every
 * estimate is NONE); per_node gets specs->len entries. */
gboolean pocsim_poc_estimate_host_by_id (const PocsimHardwareData *d, const char *model_id, const GArray *specs,
                                         PocsimPocEstimate *per_node, PocsimPocEstimate *total, GError **error);

/* ---- leave-one-out ---- */

/* Estimates every node of d from the others.  One row per model of d, in
 * d's order, then the row of every model.  New GArray of PocsimLooRow, or
 * NULL with error set (overflow). */
GArray *pocsim_poc_estimate_leave_one_out (const PocsimHardwareData *d, GError **error);

/* The benchmark route alone, where it can be checked: every on-chain node
 * whose (model, GPU type) has a benchmark, estimated by that benchmark and
 * a factor fitted on the other pairs (leave one pair out).  *out gets
 * model_id NULL, n_nodes those nodes, n_evaluated and by_source[BENCHMARK]
 * the nodes estimated, and the error statistics.  FALSE on overflow. */
gboolean pocsim_poc_estimate_benchmark_loo (const PocsimHardwareData *d, PocsimLooRow *out, GError **error);
