/* result_table.h - an aligned, human-readable view of one formation. */
#pragma once

#include <stdio.h>

#include "core/result.h"

/* The whole table: header, bootstrap pre-eligibility, coefficients
 * (v0.2.16), groups, the model labels, participants, and a legend of the
 * columns in the rule set's meaning.  FALSE on a write error. */
gboolean pocsim_result_write_table (const PocsimEpochResult *r, FILE *stream);
/* The same in two parts, for a report of several formations that ends with
 * one legend (`pocsim run`). */
gboolean pocsim_result_write_table_body (const PocsimEpochResult *r, FILE *stream);
/* The same, with the header saying which --set PATH=VALUE SETTINGS
 * (NULL-terminated, may be NULL) the case was read with. */
gboolean pocsim_result_write_table_with (const PocsimEpochResult *r, const char *const *settings, FILE *stream);
gboolean pocsim_result_write_table_body_with (const PocsimEpochResult *r, const char *const *settings, FILE *stream);
gboolean pocsim_result_write_table_legend (const PocsimEpochResult *r, FILE *stream);
