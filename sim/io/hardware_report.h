/* hardware_report.h - the reports of `pocsim hardware`: a host's PoC weight
 * estimates per model, and the leave-one-out evaluation, as JSON
 * (pocsim-hardware/1, pocsim-hardware-loo/1), CSV (RFC 4180, CRLF) or a
 * table with a legend.  docs/pocsim-hardware.1 lists the fields.
 *
 * The writers only format; the numbers come from analysis/poc_estimate.h. */
#pragma once

#include <stdio.h>

#include "core/hardware.h"

/* A host's estimates for every model of `data`. */
typedef struct {
  const PocsimHardwareData *data;
  const GArray *specs;               /* PocsimGpuSpec: the host's ML nodes */
  const PocsimPocEstimate *totals;   /* one per model of data */
  const PocsimPocEstimate *per_node; /* models x specs, row-major */
} PocsimHostEstimates;

gboolean pocsim_host_estimates_write_json (const PocsimHostEstimates *e, FILE *out);
gboolean pocsim_host_estimates_write_csv (const PocsimHostEstimates *e, FILE *out);
gboolean pocsim_host_estimates_write_table (const PocsimHostEstimates *e, FILE *out);

/* The leave-one-out evaluation. */
typedef struct {
  const PocsimHardwareData *data;
  const GArray *rows;            /* PocsimLooRow per model, then the row of every model */
  PocsimLooRow benchmark;        /* the benchmark route alone, leave one pair out */
  PocsimBenchFit fit;            /* the benchmark factor fitted on every node */
} PocsimLooReport;

gboolean pocsim_loo_write_json (const PocsimLooReport *r, FILE *out);
gboolean pocsim_loo_write_csv (const PocsimLooReport *r, FILE *out);
gboolean pocsim_loo_write_table (const PocsimLooReport *r, FILE *out);

/* A host's estimate for one model in one line: "12524 (range 9741-17133):
 * on-chain median of 34 nodes with 8xH100, epoch 403", with one part per
 * ML node when there are several; new string. */
char *pocsim_host_estimate_text (const PocsimHardwareData *d, const GArray *specs, const PocsimPocEstimate *per_node,
                                 const PocsimPocEstimate *total);

/* The text a report shows for an estimate's range: "9741-17133"; new string. */
char *pocsim_poc_estimate_range (const PocsimPocEstimate *est);
