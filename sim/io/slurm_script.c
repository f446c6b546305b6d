/* slurm_script.c - a study's Slurm job array and merge job. */
#include "io/slurm_script.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "core/error.h"
#include "io/output.h"

/* A word for /bin/sh: in single quotes, a quote written as '\''. */
static char *
sh_quote (const char *s)
{
  GString *out = g_string_new ("'");
  for (const char *p = s; *p; p++)
    if (*p == '\'')
      g_string_append (out, "'\\''");
    else
      g_string_append_c (out, *p);
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

static gboolean
write_script (const char *dir, const char *name, const char *text, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  if (!pocsim_output_write_text (path, text, error))
    return FALSE;
  if (g_chmod (path, 0755) != 0)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: %s", path, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static void
common_options (GString *s, const PocsimSlurmJob *job)
{
  if (job->partition)
    g_string_append_printf (s, "#SBATCH --partition=%s\n", job->partition);
  if (job->time_limit)
    g_string_append_printf (s, "#SBATCH --time=%s\n", job->time_limit);
}

gboolean
pocsim_slurm_scripts_write (const PocsimSlurmJob *job, GError **error)
{
  g_autofree char *logs = g_build_filename (job->dir, "logs", NULL);
  g_autofree char *parts = g_build_filename (job->dir, "parts", NULL);
  if (g_mkdir_with_parents (logs, 0777) != 0 || g_mkdir_with_parents (parts, 0777) != 0)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: %s", job->dir, g_strerror (errno));
      return FALSE;
    }
  g_autofree char *pocsim = sh_quote (job->pocsim), *study = sh_quote (job->study), *output = sh_quote (job->output);
  g_autofree char *qparts = sh_quote (parts);

  g_autoptr (GString) shard = g_string_new (NULL);
  g_string_append_printf (shard,
                          "#!/bin/sh\n"
                          "# One shard of the study %s: shard K of %u writes parts/part-K.\n"
                          "# Written by pocsim sweep --slurm; see docs/cluster.md.\n"
                          "#SBATCH --job-name=pocsim-sweep\n"
                          "#SBATCH --array=1-%u\n"
                          "#SBATCH --cpus-per-task=%u\n"
                          "#SBATCH --output=%s/shard-%%a.out\n",
                          job->study, job->shards, job->shards, job->cpus_per_task, logs);
  common_options (shard, job);
  g_string_append_printf (shard,
                          "k=${SLURM_ARRAY_TASK_ID:?not run as a Slurm array task}\n"
                          "exec %s sweep %s --shard \"$k/%u\" -o %s/part-\"$k\" --jobs \"${SLURM_CPUS_PER_TASK:-%u}\" -q\n",
                          pocsim, study, job->shards, qparts, job->cpus_per_task);

  g_autoptr (GString) merge = g_string_new (NULL);
  g_string_append_printf (merge,
                          "#!/bin/sh\n"
                          "# Merges the %u shards of the study %s into %s; names any shard that is missing.\n"
                          "# Written by pocsim sweep --slurm; see docs/cluster.md.\n"
                          "#SBATCH --job-name=pocsim-merge\n"
                          "#SBATCH --cpus-per-task=%u\n"
                          "#SBATCH --output=%s/merge.out\n",
                          job->shards, job->study, job->output, job->cpus_per_task, logs);
  common_options (merge, job);
  g_string_append_printf (merge, "set --\nk=1\nwhile [ $k -le %u ]; do set -- \"$@\" %s/part-$k; k=$((k + 1)); done\n"
                                 "exec %s sweep --merge \"$@\" -o %s --jobs \"${SLURM_CPUS_PER_TASK:-%u}\"%s%s\n",
                          job->shards, qparts, pocsim, output, job->cpus_per_task, job->runs_csv ? " --runs" : "",
                          job->no_plots ? " --no-plots" : "");

  g_autofree char *qdir = sh_quote (job->dir);
  g_autoptr (GString) submit = g_string_new (NULL);
  g_string_append_printf (submit,
                          "#!/bin/sh\n"
                          "# Submits the study's %u shards as a job array, then the merge once every shard has\n"
                          "# ended (afterany: a failed shard is named by the merge). Options given to this\n"
                          "# script go to the merge's sbatch (e.g. --wait). Re-run one shard K with\n"
                          "#   sbatch --array=K shard.sbatch   and merge again with   sbatch merge.sbatch\n"
                          "set -e\n"
                          "cd %s\n"
                          "array=$(sbatch --parsable shard.sbatch)\n"
                          "echo \"shards: job ${array%%%%;*}\" >&2\n"
                          "sbatch --parsable --dependency=afterany:\"${array%%%%;*}\" \"$@\" merge.sbatch\n",
                          job->shards, qdir);
  return write_script (job->dir, "shard.sbatch", shard->str, error)
         && write_script (job->dir, "merge.sbatch", merge->str, error)
         && write_script (job->dir, "submit.sh", submit->str, error);
}
