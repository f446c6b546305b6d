/* hardware.h - GPUs, and the PoC weights measured on them.
 *
 * A GPU type is one value of a fixed table (the types mainnet ML nodes
 * report and the benchmark sheets name).  Nodes report types as free text,
 * "NVIDIA H100 80GB HBM3 | 79GB"; pocsim_gpu_type_normalize() maps such a
 * text, or a short name as a user writes it ("H100", "h200-nvl"), to the
 * table.  A GPU spec is one ML node: COUNTxTYPE, e.g. "8xH100".
 *
 * PocsimHardwareData holds what an estimate of PoC weight from hardware is
 * made of (analysis/poc_estimate.h): the PoC models, the on-chain per-node
 * PoC weights with each node's GPUs, and benchmark nonce rates per GPU type
 * and model.  io/hardware_csv.h reads it from data/epoch403/.
 *
 * Ownership: a PocsimHardwareData owns its arrays and strings; free it with
 * pocsim_hardware_data_free() (or g_autoptr).  Names returned by the
 * *_name() functions are static. */
#pragma once

#include <glib.h>

typedef enum {
  POCSIM_GPU_UNKNOWN,       /* a reported type outside the table ("GPU | 0GB") */
  POCSIM_GPU_A100,
  POCSIM_GPU_H100,          /* SXM (HBM3) */
  POCSIM_GPU_H100_PCIE,
  POCSIM_GPU_H20,
  POCSIM_GPU_H200,
  POCSIM_GPU_H200_NVL,
  POCSIM_GPU_B200,
  POCSIM_GPU_B300,          /* SXM6, AC and PC alike */
  POCSIM_GPU_RTX_PRO_6000,
  POCSIM_GPU_N_TYPES,
} PocsimGpuType;

/* "H100", "H100-PCIe", ...; "unknown" for POCSIM_GPU_UNKNOWN. */
const char *pocsim_gpu_type_name (PocsimGpuType type);

/* The type a reported or written name stands for.  Case does not matter;
 * the text after a '|' (the memory) and a leading "NVIDIA" are ignored;
 * words are split at spaces, '-' and '_'.  A name matches a table entry
 * when its first words are the entry's model words ("H100", "RTX PRO 6000")
 * and, for a variant, one of the later words is the variant's ("PCIe",
 * "NVL").  POCSIM_GPU_UNKNOWN when nothing matches. */
PocsimGpuType pocsim_gpu_type_normalize (const char *name);

/* One ML node's GPUs. */
typedef struct {
  PocsimGpuType gpu;
  guint count;
} PocsimGpuSpec;

#define POCSIM_GPU_COUNT_MAX 1024

/* Parses "COUNTxTYPE" (spaces around the 'x' allowed, 'X' too), COUNT 1 to
 * POCSIM_GPU_COUNT_MAX, TYPE a known GPU type.  A POCSIM_ERROR_USAGE error
 * quoting TEXT says what is wrong otherwise. */
gboolean pocsim_gpu_spec_parse (const char *text, PocsimGpuSpec *out, GError **error);

/* Every spec of TEXTS (NULL-terminated; each may list several, separated by
 * commas), in order: a new GArray of PocsimGpuSpec, or NULL with error set
 * (also for no spec at all). */
GArray *pocsim_gpu_specs_parse (const char *const *texts, GError **error);

/* "8xH100"; new string. */
char *pocsim_gpu_spec_format (const PocsimGpuSpec *spec);

/* "8xH100 + 4xH200"; new string. */
char *pocsim_gpu_specs_format (const GArray *specs);

/* ---- the data ---- */

#define POCSIM_HW_NO_MODEL G_MAXUINT32

/* A node's PoC weight above this is refused as input (mainnet nodes have
 * about 10^4); it keeps every estimate of up to POCSIM_GPU_COUNT_MAX GPUs
 * far inside int64. */
#define POCSIM_HW_MAX_POC_WEIGHT G_GINT64_CONSTANT (1000000000000000)

typedef struct {
  const char *id;              /* the chain's model id */
  double weight_scale_factor;  /* shown beside estimates; no rule reads it */
} PocsimHwModel;

/* One ML node's accepted PoC for one model. */
typedef struct {
  guint32 model;               /* index into models */
  const char *participant;
  const char *node_id;
  const char *gpu_reported;    /* the type as the node reports it */
  PocsimGpuType gpu;
  guint gpu_count;
  gint64 poc_weight;           /* raw PoC weight, before weight_scale_factor */
} PocsimHwNode;

/* A benchmark rate of one GPU type for one model. */
typedef struct {
  guint32 model;
  PocsimGpuType gpu;
  const char *label;           /* the benchmark's name for the model */
  double nonces_per_min_8gpu;  /* nonces per minute of 8 GPUs */
  guint tensor_parallel_size;  /* GPUs per instance in the benchmark */
} PocsimHwBenchmark;

typedef struct _PocsimHardwareData {
  gint64 epoch;                /* the epoch the on-chain weights are from */
  gint64 block_height;
  GArray *models;              /* PocsimHwModel */
  GArray *nodes;               /* PocsimHwNode */
  GArray *benchmarks;          /* PocsimHwBenchmark, at most one per (model, GPU type) */
  GStringChunk *strings;       /* every string above */
} PocsimHardwareData;

PocsimHardwareData *pocsim_hardware_data_new (void);
void pocsim_hardware_data_free (PocsimHardwareData *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimHardwareData, pocsim_hardware_data_free)

/* Adds a model (id copied) and returns its index; an id already there
 * returns the existing index. */
guint32 pocsim_hardware_data_add_model (PocsimHardwareData *d, const char *id, double weight_scale_factor);

/* The index of model `id`, or POCSIM_HW_NO_MODEL. */
guint32 pocsim_hardware_data_find_model (const PocsimHardwareData *d, const char *id);

/* Appends a node; its strings are copied (NULL stays NULL). */
void pocsim_hardware_data_add_node (PocsimHardwareData *d, const PocsimHwNode *node);

/* Appends a benchmark; its label is copied. */
void pocsim_hardware_data_add_benchmark (PocsimHardwareData *d, const PocsimHwBenchmark *b);

/* The benchmark of (model, gpu), or NULL. */
const PocsimHwBenchmark *pocsim_hardware_data_find_benchmark (const PocsimHardwareData *d, guint32 model,
                                                              PocsimGpuType gpu);

/* ---- estimates of PoC weight from hardware (analysis/poc_estimate.h
 * computes them, io/hardware_report.h writes them) ---- */

/* The fewest on-chain nodes of the same GPU type and count whose median
 * is taken as it is; with fewer, per-GPU weights of the type are scaled. */
#define POCSIM_POC_EST_MIN_SAME 2

typedef enum {
  POCSIM_POC_EST_NONE,
  POCSIM_POC_EST_CHAIN,
  POCSIM_POC_EST_CHAIN_PER_GPU,
  POCSIM_POC_EST_BENCHMARK,
  POCSIM_POC_EST_N_SOURCES,
} PocsimPocEstSource;

/* "none", "chain", "chain-per-gpu", "benchmark" (static). */
const char *pocsim_poc_est_source_name (PocsimPocEstSource source);

/* The benchmark factor and its spread. */
typedef struct {
  guint n_pairs;   /* (model, GPU type) pairs with a benchmark and an on-chain node; 0 = no fit */
  double factor;   /* median of the pairs' ratios */
  double low, high;
} PocsimBenchFit;

typedef struct {
  PocsimPocEstSource source;
  gint64 weight;               /* raw PoC weight; 0 for NONE */
  gint64 low, high;            /* the range */
  guint n_nodes;               /* CHAIN, CHAIN_PER_GPU: on-chain nodes used */
  const PocsimHwBenchmark *benchmark; /* the benchmark of (model, GPU type), or NULL */
  PocsimBenchFit fit;          /* BENCHMARK */
} PocsimPocEstimate;

/* One line on where a node's estimate comes from, e.g. "on-chain median of
 * 34 nodes with 8xH100, epoch 403"; new string. */
char *pocsim_poc_estimate_describe (const PocsimHardwareData *d, const PocsimGpuSpec *spec,
                                    const PocsimPocEstimate *est);

typedef struct {
  const char *model_id;        /* NULL: every model */
  guint n_nodes;               /* on-chain nodes of the model */
  guint n_evaluated;           /* estimated from the others (known GPU type, an estimate, weight > 0) */
  guint by_source[POCSIM_POC_EST_N_SOURCES]; /* evaluated nodes per route */
  double median_abs_pct;       /* of |estimate - weight| / weight x 100 */
  double p90_abs_pct;          /* linear interpolation between order statistics (GSL's quantile) */
} PocsimLooRow;

