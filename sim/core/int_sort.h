/* int_sort.h - sorting the integer weights of a formation.
 *
 * The power cap sorts every member's weight twice a formation: a few dozen
 * keys on mainnet, up to 100,000 in the benchmark, where qsort's
 * comparison callback cost more than the keys.  Integers have one
 * order, so the result is qsort's, byte for byte. */
#pragma once

#include <glib.h>

/* Sorts V[0..N) ascending, in place. */
void pocsim_sort_i64 (gint64 *v, guint n);
