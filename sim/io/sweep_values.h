/* sweep_values.h - runs' values on disk: the values.bin of a study's part,
 * and the checkpoints a sweep keeps per finished grid point (--resume).
 *
 * A file holds global runs [first, end) of a study with a given number of
 * columns: a 32-byte header ("POCSIMV1", a byte-order mark, first, end,
 * columns) and then the values as native doubles, run after run.  Written
 * through a temporary file and renamed into place: a file under its final
 * name is complete. */
#pragma once

#include <glib.h>

gboolean pocsim_sweep_values_write (const char *path, guint64 first, guint64 end, guint columns,
                                    const double *values, GError **error);

/* Reads the header of PATH: its run range and columns. */
gboolean pocsim_sweep_values_range (const char *path, guint64 *first, guint64 *end, guint *columns, GError **error);

/* Reads PATH's values into VALUES[(t - base) * columns + c]; the file's
 * range must lie within [base, limit) and its columns be COLUMNS. */
gboolean pocsim_sweep_values_read (const char *path, guint columns, double *values, guint64 base, guint64 limit,
                                   GError **error);
