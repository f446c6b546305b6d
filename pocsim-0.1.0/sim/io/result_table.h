/* result_table.h - an aligned, human-readable view of one formation. */
#pragma once

#include <stdio.h>

#include "core/result.h"

gboolean pocsim_result_write_table (const PocsimEpochResult *r, FILE *stream);
