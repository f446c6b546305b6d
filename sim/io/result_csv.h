/* result_csv.h - one row per participant and model (RFC 4180).
 *
 * Columns (stable; docs/pocsim-epoch.1 lists them):
 *   rules, upcoming_epoch, address, model_id, group, mode, poc_weight,
 *   consensus, penalty, transfer_in, transfer_out, after_penalty, final,
 *   voting_power, reward_weight, previous_confirmed, cap_weight, coefficient,
 *   reward, reward_share, epoch_reward (ngonka and an 18-digit share; empty
 *   when the case has no bitcoin_reward_params)
 * group is "eligible", "bootstrap" (a non-eligible bootstrap candidate) or
 * "ineligible"; mode is the regular mode on eligible models and the
 * bootstrap mode on bootstrap candidates.  Per-participant columns repeat on
 * each of its rows.  Text cells a spreadsheet would run as a formula are
 * prefixed with a quote.  Records end in CRLF; fields are quoted (inner
 * quotes doubled) only when RFC 4180 requires it.  docs/csv-output.md
 * documents the columns and the metadata sidecar (meta.h). */
#pragma once

#include <stdio.h>

#include "core/result.h"
#include "io/text_out.h"

gboolean pocsim_result_write_csv (const PocsimEpochResult *r, FILE *stream);
/* The two halves, for reports that concatenate several results (one header). */
gboolean pocsim_result_write_csv_header (FILE *stream);
gboolean pocsim_result_write_csv_rows (const PocsimEpochResult *r, FILE *stream);

/* Writes one CSV record (fields NUL-terminated).  Shared by every CSV report. */
gboolean pocsim_csv_write_row (FILE *stream, const char *const *fields, guint n);
/* The same into a buffered stream (text_out.h), and one field of a record
 * (without the comma before it). */
void pocsim_csv_put_row (PocsimTextOut *o, const char *const *fields, guint n);
void pocsim_csv_put_field (PocsimTextOut *o, const char *field);
