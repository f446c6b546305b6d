/* fuzz_study.c - libFuzzer harness for the study reader
 * (pocsim_study_from_json, docs/sweeps.md), the grid it forms and a few of
 * its runs.
 *
 * The input is a study document.  Its base is looked up in
 * tests/fuzz/study-base/ of the source tree (base.case.json, a small case;
 * base.scenario.json, a three-epoch scenario), so the reader reaches the
 * grid, the sweep's preparation and the runs; other names fail to open
 * (an I/O error, one line).  Inputs that would be slow however correct are
 * read but not run: more than MAX_POINTS grid points, or runs of more than
 * MAX_EPOCHS formations; at most MAX_RUNS runs are made, on one thread.
 *
 * The harness aborts (a crash for libFuzzer) when the reader, the grid or
 * the sweep refuses without an error, with an error of another domain or
 * an internal one, or with an empty message; when one of them returns a
 * value and an error; or when a run fails without an error or with an
 * internal one.  Sanitizers catch the rest.
 *
 * Seeds: tests/fuzz/corpus/study/ (the studies of studies/ and
 * tests/bad-studies/ on the bases above). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "analysis/sweep.h"
#include "core/error.h"
#include "io/study_json.h"

#include "fuzz_refusal.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define HARNESS "fuzz_study"
#define NAME "fuzz.json"
#define STUDY_PATH POCSIM_FUZZ_STUDY_BASE "/" NAME
#define MAX_POINTS 16
#define MAX_EPOCHS 3
#define MAX_RUNS 4

/* Whether a step returned V consistently with ERROR: FALSE on a refusal. */
static gboolean
step_ok (gconstpointer v, const GError *error)
{
  if (v == NULL)
    {
      fuzz_check_refusal (HARNESS, error);
      return FALSE;
    }
  if (error != NULL)
    fuzz_abort_with (HARNESS, "a result and an error", error);
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimStudy) st = pocsim_study_from_json ((const char *) data, size, NAME, STUDY_PATH, &error);
  if (!step_ok (st, error) || pocsim_study_points (st) > MAX_POINTS || st->epochs > MAX_EPOCHS)
    return 0;
  g_autoptr (PocsimStudyGrid) grid = pocsim_study_grid_new (st, &error);
  if (!step_ok (grid, error))
    return 0;
  g_autoptr (PocsimSweep) sw = pocsim_sweep_new (st, grid, &error);
  if (!step_ok (sw, error) || pocsim_sweep_epochs (sw) > MAX_EPOCHS)
    return 0;
  guint64 runs = MIN (pocsim_sweep_total_runs (sw), MAX_RUNS);
  g_autofree double *values = g_new (double, runs * pocsim_sweep_n_columns (sw) + 1);
  PocsimSweepOptions o = { 1, NULL, NULL, NULL, NULL, NULL };
  if (!pocsim_sweep_run (sw, 0, runs, values, &o, &error))
    fuzz_check_refusal (HARNESS, error);
  else if (error != NULL)
    fuzz_abort_with (HARNESS, "runs and an error", error);
  return 0;
}
