/* diff.h - two formations compared, value by value (core/diff.h).
 *
 * Used by `pocsim diff` (and any question that compares a formation
 * before and after a change). */
#pragma once

#include "core/diff.h"
#include "core/result.h"

/* Compares A and B.  The diff borrows names from both results (and their
 * cases): free it first.  Returns a new diff. */
PocsimDiff *pocsim_diff_compute (const PocsimEpochResult *a, const PocsimEpochResult *b);
