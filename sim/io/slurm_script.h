/* slurm_script.h - a study as Slurm batch scripts (docs/cluster.md): a job
 * array of shards (`pocsim sweep STUDY --shard K/N`) and a merge job
 * (`pocsim sweep --merge`) that runs when the array has ended, with a
 * submit script that chains them.
 *
 * DIR/shard.sbatch   the job array; shard K writes DIR/parts/part-K
 * DIR/merge.sbatch   the merge into OUTPUT (its error names a missing shard)
 * DIR/submit.sh      sbatch the array, then the merge with --dependency=afterany
 * DIR/logs/          the jobs' output */
#pragma once

#include <glib.h>

typedef struct {
  const char *pocsim;        /* absolute path of the pocsim program */
  const char *study;         /* absolute path of the study */
  const char *dir;           /* absolute path of the scripts' directory */
  const char *output;        /* absolute path of the merged output directory */
  guint shards;
  guint cpus_per_task;
  const char *partition;     /* or NULL */
  const char *time_limit;    /* or NULL */
  gboolean runs_csv;         /* the merge also writes runs.csv */
  gboolean no_plots;
} PocsimSlurmJob;

/* Writes the scripts (each atomically).  FALSE with an error. */
gboolean pocsim_slurm_scripts_write (const PocsimSlurmJob *job, GError **error);
