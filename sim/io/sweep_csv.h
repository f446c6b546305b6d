/* sweep_csv.h - a study's tables (docs/sweeps.md): summary.csv, one row
 * per grid point x entity x metric with n, mean, sd, min, p05, p25, median,
 * p75, p95, max; and runs.csv, every run's values in long form (point,
 * the axes' values, run, entity, metric, value), from which any tool can
 * recompute the summary.  RFC 4180 through pocsim_csv_write_row; numbers in
 * plain decimal notation (never an exponent), locale-independent; a value a
 * run does not have (NaN) is an empty field. */
#pragma once

#include <stdio.h>

#include "core/study.h"

gboolean pocsim_summary_csv_header (FILE *out, const PocsimStudyHeader *h);
/* One row of grid point K: METRIC (a column's, or "mode[M]=NAME" for the
 * share of a mode) of ENTITY; integers as integers when TYPE is INT. */
gboolean pocsim_summary_csv_row (FILE *out, const PocsimStudyHeader *h, guint k, const char *entity,
                                 const char *metric, PocsimValueType type, const PocsimSummary *s);

gboolean pocsim_runs_csv_header (FILE *out, const PocsimStudyHeader *h);
/* The rows of global runs [T0, T1), whose values are VALUES[(t - T0) * columns + c]. */
gboolean pocsim_runs_csv_rows (FILE *out, const PocsimStudyHeader *h, guint64 t0, guint64 t1, const double *values);

/* X in plain decimal notation with DIGITS significant digits (trailing
 * zeros dropped), "" for NaN; into BUF of 64 bytes. */
const char *pocsim_number_text (double x, int digits, char *buf);
