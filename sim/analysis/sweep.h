/* sweep.h - a study's runs: every grid point x Monte Carlo run, formed
 * (or replayed) and measured, on every core.
 *
 * Run r of grid point k is global run t = k * runs + r.  It copies the
 * point's case, draws the behaviour model onto it from a GSL generator
 * seeded only from (seed, k, r) (pocsim_sweep_run_seed), forms it (one
 * epoch) or replays it (pocsim run's engine), and writes one value per
 * column: a metric of a host or of the network (docs/sweeps.md).  Values
 * land at fixed places, so any number of threads and any split of the runs
 * give the same numbers.
 *
 * Ownership: a sweep borrows its study and grid, which must outlive it. */
#pragma once

#include "core/study.h"

typedef struct PocsimSweep PocsimSweep;

/* Prepares the runs of ST over GRID: every point's case widened to one set
 * of names (the grid's, and the newcomers the behaviour may add), the
 * behaviour's plans, the columns.  NULL with a located error when the
 * behaviour or the metrics name something the base lacks. */
PocsimSweep *pocsim_sweep_new (const PocsimStudy *st, const PocsimStudyGrid *grid, GError **error);
void pocsim_sweep_free (PocsimSweep *sw);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimSweep, pocsim_sweep_free)

guint pocsim_sweep_n_columns (const PocsimSweep *sw);
const PocsimStudyColumn *pocsim_sweep_column (const PocsimSweep *sw, guint c);
/* Grid points x runs. */
guint64 pocsim_sweep_total_runs (const PocsimSweep *sw);
/* Formations per run. */
gint64 pocsim_sweep_epochs (const PocsimSweep *sw);
/* The rule set names the grid forms under, each once, in grid order. */
GPtrArray *pocsim_sweep_rule_sets (const PocsimSweep *sw);

/* The generator seed of run R at grid point K: a SplitMix64 mix of (seed,
 * k, r), of which GSL's taus2 generator keeps 32 bits. */
unsigned long pocsim_sweep_run_seed (guint64 seed, guint64 k, guint64 r);

typedef struct {
  guint jobs;                      /* worker threads; 0 = one per CPU */
  const volatile gint *stop;       /* stop early when it becomes non-zero (may be NULL) */
  /* Called from the calling thread about five times a second. */
  void (*progress) (guint64 done, guint64 total, gpointer data);
  /* Called from the calling thread once every run of point K in the range
   * is written; FALSE stops the sweep (error set). */
  gboolean (*point_done) (guint k, gpointer data, GError **error);
  gpointer data;
  const gboolean *skip;            /* [points] points whose values are there already, or NULL */
} PocsimSweepOptions;

/* Runs the global runs [T0, T1) into VALUES[(t - T0) * columns + c].
 * FALSE with an error (located at the grid point and run) when a run
 * fails, or when stopped (POCSIM_ERROR_INTERNAL "stopped"). */
gboolean pocsim_sweep_run (const PocsimSweep *sw, guint64 t0, guint64 t1, double *values,
                           const PocsimSweepOptions *o, GError **error);

/* The header of the sweep's outputs (study.meta.json, parts): the study's
 * identity, grid, columns and inputs.  STUDY_SHA256 is the study file's.
 * Returns a new header. */
PocsimStudyHeader *pocsim_sweep_header (const PocsimSweep *sw, const char *study_sha256);
