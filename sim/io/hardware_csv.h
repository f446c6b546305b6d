/* hardware_csv.h - reads the hardware data (core/hardware.h) from a
 * directory laid out as data/epoch403/ (data/README.md):
 *
 *   chain_models.csv         the PoC models (model_id, weight_scale_factor_decimal)
 *   chain_poc_nodes.csv      one ML node's PoC weight for one model
 *   chain_node_hardware.csv  each ML node's GPU type and count
 *   benchmark_models.csv     which benchmark label is which chain model
 *   benchmarks_8gpu.csv      nonces per minute per GPU type and model
 *
 * PoC rows are joined to hardware rows with in_epoch_poc true on
 * (participant, node_id = local_id).  Every error names FILE:ROW:COL (FILE
 * as DIR/NAME), exit class POCSIM_ERROR_INPUT, or POCSIM_ERROR_IO for a
 * file that cannot be read.  Benchmark rows whose label
 * benchmark_models.csv does not map are skipped. */
#pragma once

#include "core/hardware.h"

/* A new PocsimHardwareData, or NULL with error set. */
PocsimHardwareData *pocsim_hardware_data_load (const char *dir, GError **error);
