/* cmd_sweep.c - `pocsim sweep STUDY -o DIR`: a parameter study, grids x
 * Monte Carlo runs, on every core; `--shard K/N` for a part of it and
 * `--merge PART...` to put the parts together (docs/sweeps.md). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "analysis/stats.h"
#include "analysis/sweep.h"
#include "cli/cli.h"
#include "core/error.h"
#include "io/output.h"
#include "io/plot_script.h"
#include "io/slurm_script.h"
#include "io/study_header.h"
#include "io/study_json.h"
#include "io/sweep_csv.h"
#include "io/sweep_values.h"

#define WORK_DIR ".pocsim-sweep"
#define MAX_PLOT_SERIES 8

typedef struct {
  char *output;
  gint jobs;
  gboolean runs_csv;
  char *shard;
  gboolean merge;
  gboolean resume;
  gboolean quiet;
  gboolean no_plots;
  char *slurm;
  gint shards;
  gint cpus_per_task;
  char *partition;
  char *time_limit;
} Options;

/* Set by SIGINT and SIGTERM: the sweep stops between runs, leaving only
 * complete files. */
static volatile gint stop_signal;

static void
on_signal (int sig)
{
  stop_signal = sig;
}

static void
catch_signals (void)
{
  struct sigaction sa = { 0 };
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
}

static int
fail_usage (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

static int
fail_usage (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  fprintf (stderr, "pocsim: %s\n", msg);
  return POCSIM_EXIT_BAD_INPUT;
}

/* ---- files ---- */

static gboolean
make_dir (const char *dir, GError **error)
{
  if (g_mkdir_with_parents (dir, 0777) == 0)
    return TRUE;
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: %s", dir, g_strerror (errno));
  return FALSE;
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

typedef gboolean (*WriteFunc) (FILE *out, gpointer data);

/* DIR/NAME written through a temporary file: complete, or not there. */
static gboolean
write_atomically (const char *dir, const char *name, WriteFunc write, gpointer data, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  PocsimOutput *out = pocsim_output_open (path, error);
  if (out == NULL)
    return FALSE;
  if (!write (pocsim_output_stream (out), data))
    {
      pocsim_output_abort (out);
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: write error", path);
      return FALSE;
    }
  return pocsim_output_commit (out, error);
}

/* ---- the outputs ---- */

/* What the output writers read: the header, every run's values, and the
 * summaries (computed once, for the table and the plots). */
typedef struct {
  const PocsimStudyHeader *h;
  const double *values;       /* every run of the study */
  PocsimSummary *summaries;   /* [points * columns]; n = 0 for mode columns */
  guint jobs;                 /* threads summarising the points */
  char **rows;                /* [points]: each point's summary rows */
} Outputs;

static PocsimSummary *
summary_at (const Outputs *o, guint k, guint c)
{
  return &o->summaries[(gsize) k * o->h->columns->len + c];
}

/* The summary rows of grid point K, as CSV text (the points are summarised
 * on every core, then written in order). */
static char *
summarize_point (const Outputs *o, guint k)
{
  const PocsimStudyHeader *h = o->h;
  guint n = h->columns->len;
  gsize runs = (gsize) h->runs;
  g_autofree double *scratch = g_new (double, runs + 1);
  /* The point's runs a block of columns at a time, each metric's values
   * side by side: the copy stays small beside the values. */
  enum { BLOCK = 64 };
  g_autofree double *by_column = g_new (double, runs * MIN (n, BLOCK) + 1);
  char *text = NULL;
  gsize size = 0;
  FILE *out = open_memstream (&text, &size);
  gboolean ok = out != NULL;
  for (guint c = 0; ok && c < n; c++)
    {
      const PocsimStudyColumn *col = h->columns->pdata[c];
      PocsimSummary s[POCSIM_STUDY_N_MODES];
      int cats[POCSIM_STUDY_N_MODES];
      if (c % BLOCK == 0)
        pocsim_transpose (o->values + (gsize) k * runs * n, runs, n, c, MIN (c + BLOCK, n), by_column);
      guint rows = pocsim_summarize_column (by_column + (c % BLOCK) * runs, runs, 1, col->type, scratch, s, cats);
      if (col->type != POCSIM_VALUE_MODE)
        *summary_at (o, k, c) = s[0];
      for (guint j = 0; ok && j < rows; j++)
        {
          g_autofree char *metric = cats[j] ? g_strdup_printf ("%s=%s", col->metric, pocsim_study_mode_name (cats[j]))
                                            : g_strdup (col->metric);
          ok = pocsim_summary_csv_row (out, h, k, col->entity, metric, cats[j] ? POCSIM_VALUE_REAL : col->type, &s[j]);
        }
    }
  if (out != NULL && fclose (out) != 0)
    ok = FALSE;
  if (!ok)
    g_clear_pointer (&text, free);
  return text;
}

static void
summarize_task (gpointer data, gpointer user_data)
{
  const Outputs *o = user_data;
  guint k = GPOINTER_TO_UINT (data) - 1;
  o->rows[k] = summarize_point (o, k);
}

static gboolean
write_summary (FILE *out, gpointer data)
{
  Outputs *o = data;
  const PocsimStudyHeader *h = o->h;
  o->rows = g_new0 (char *, h->n_points);
  GThreadPool *pool = g_thread_pool_new (summarize_task, o, (gint) o->jobs, TRUE, NULL);
  for (guint k = 0; k < h->n_points; k++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (k + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  gboolean ok = pocsim_summary_csv_header (out, h);
  for (guint k = 0; k < h->n_points; k++)
    {
      ok = ok && o->rows[k] != NULL && fputs (o->rows[k], out) != EOF;
      free (o->rows[k]);
    }
  g_clear_pointer (&o->rows, g_free);
  return ok;
}

static gboolean
write_runs (FILE *out, gpointer data)
{
  const Outputs *o = data;
  return pocsim_runs_csv_header (out, o->h)
         && pocsim_runs_csv_rows (out, o->h, 0, (guint64) o->h->n_points * o->h->runs, o->values);
}

static gboolean
write_meta (FILE *out, gpointer data)
{
  return pocsim_study_header_write (data, NULL, out);
}

/* A file name for a column: its entity and metric, with what a file name
 * should not hold replaced. */
static char *
plot_name (const PocsimStudyColumn *col)
{
  g_autofree char *raw = g_strdup_printf ("%s-%s", col->network ? "network" : col->entity, col->metric);
  for (char *p = raw; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      *p = '_';
  return g_steal_pointer (&raw);
}

/* A dimension's value labels: the zipped axes' values joined by " / ". */
static char **
dim_labels (const PocsimStudyDim *dim, char **title)
{
  char **labels = g_new0 (char *, dim->n_values + 1);
  g_autoptr (GPtrArray) paths = g_ptr_array_new ();
  for (guint a = 0; a < dim->axes->len; a++)
    g_ptr_array_add (paths, ((PocsimStudyAxis *) dim->axes->pdata[a])->path);
  g_ptr_array_add (paths, NULL);
  *title = g_strjoinv (" / ", (char **) paths->pdata);
  for (guint v = 0; v < dim->n_values; v++)
    {
      g_autoptr (GPtrArray) parts = g_ptr_array_new ();
      for (guint a = 0; a < dim->axes->len; a++)
        g_ptr_array_add (parts, ((PocsimStudyAxis *) dim->axes->pdata[a])->values->pdata[v]);
      g_ptr_array_add (parts, NULL);
      labels[v] = g_strjoinv (" / ", (char **) parts->pdata);
    }
  return labels;
}

static gboolean
plotted (const PocsimStudyHeader *h, const PocsimStudyColumn *col)
{
  return col->type != POCSIM_VALUE_MODE && (col->network || (h->plot_host && strcmp (col->entity, h->plot_host) == 0));
}

static gboolean
plot_column (const Outputs *o, guint c, const char *dir, GPtrArray *names, GError **error)
{
  const PocsimStudyHeader *h = o->h;
  gboolean any = FALSE;
  for (guint k = 0; k < h->n_points; k++)
    any |= summary_at (o, k, c)->n > 0;
  if (!any)
    return TRUE; /* a metric no run has (a model that never launched): nothing to draw */
  const PocsimStudyColumn *col = h->columns->pdata[c];
  g_autofree char *name = plot_name (col);
  g_autofree char *title = g_strdup_printf ("%s: %s", col->network ? "network" : col->entity, col->metric);
  g_autofree char *xtitle = NULL, *ytitle = NULL;
  g_auto (GStrv) x = dim_labels (h->dims->pdata[0], &xtitle);
  gboolean ok;
  if (h->dims->len == 1)
    {
      g_autofree double *low = g_new (double, h->n_points), *mid = g_new (double, h->n_points),
                        *high = g_new (double, h->n_points);
      for (guint k = 0; k < h->n_points; k++)
        low[k] = summary_at (o, k, c)->p05, mid[k] = summary_at (o, k, c)->median, high[k] = summary_at (o, k, c)->p95;
      PocsimPlotBand band = { title, xtitle, col->metric, h->n_points, (const char *const *) x, low, mid, high };
      ok = pocsim_plot_band (dir, name, &band, error);
    }
  else
    {
      g_auto (GStrv) y = dim_labels (h->dims->pdata[1], &ytitle);
      const PocsimStudyDim *dx = h->dims->pdata[0], *dy = h->dims->pdata[1];
      g_autofree double *z = g_new (double, h->n_points);
      /* Point k is (x, y) with the first dimension slowest. */
      for (guint k = 0; k < h->n_points; k++)
        z[(k % dy->n_values) * dx->n_values + k / dy->n_values] = summary_at (o, k, c)->median;
      g_autofree char *zlabel = g_strdup_printf ("median %s", col->metric);
      PocsimPlotHeatmap map = { title, xtitle, ytitle, zlabel, dx->n_values, dy->n_values, (const char *const *) x,
                                (const char *const *) y, z };
      ok = pocsim_plot_heatmap (dir, name, &map, error);
    }
  if (ok)
    g_ptr_array_add (names, g_steal_pointer (&name));
  return ok;
}

/* The plot host's reward (without reward params its reward weight, else
 * its weight) over the runs of up to MAX_PLOT_SERIES grid points. */
static gboolean
plot_host_distribution (const Outputs *o, const char *dir, GPtrArray *names, GError **error)
{
  const PocsimStudyHeader *h = o->h;
  static const PocsimHostMetric preferred[] = { POCSIM_HOST_REWARD, POCSIM_HOST_REWARD_WEIGHT, POCSIM_HOST_FINAL };
  gint column = -1;
  for (guint p = 0; p < G_N_ELEMENTS (preferred) && column < 0; p++)
    for (guint c = 0; c < h->columns->len; c++)
      {
        const PocsimStudyColumn *col = h->columns->pdata[c];
        if (!col->network && strcmp (col->entity, h->plot_host) == 0 && col->id == preferred[p])
          column = (gint) c;
      }
  if (column < 0)
    return TRUE;
  guint series = MIN (h->n_points, MAX_PLOT_SERIES), n = h->columns->len;
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree gsize *counts = g_new (gsize, series);
  for (guint s = 0; s < series; s++)
    {
      guint k = series == 1 ? 0 : s * (h->n_points - 1) / (series - 1);
      double *v = g_new (double, h->runs);
      for (gint64 r = 0; r < h->runs; r++)
        v[r] = o->values[((gsize) k * h->runs + r) * n + column];
      g_ptr_array_add (values, v);
      counts[s] = h->runs;
      GString *label = g_string_new (NULL);
      for (guint d = 0; d < h->dims->len; d++)
        {
          const PocsimStudyDim *dim = h->dims->pdata[d];
          guint i = pocsim_study_header_value_index (h, k, d);
          for (guint a = 0; a < dim->axes->len; a++)
            {
              const PocsimStudyAxis *ax = dim->axes->pdata[a];
              const char *field = strrchr (ax->path, '.'); /* the path's last key names it well enough */
              g_string_append_printf (label, "%s%s=%s", label->len ? ", " : "", field ? field + 1 : ax->path,
                                      (char *) ax->values->pdata[i]);
            }
        }
      g_ptr_array_add (labels, g_string_free (label->len ? label : g_string_append (label, "base"), FALSE));
    }
  const PocsimStudyColumn *col = h->columns->pdata[column];
  g_autofree char *title = g_strdup_printf ("%s: %s over the runs", h->plot_host, col->metric);
  PocsimPlotHistogram hist = { title, col->metric, series, (const char *const *) labels->pdata,
                               (const double *const *) values->pdata, counts, 30 };
  if (!pocsim_plot_histogram (dir, "host-distribution", &hist, error))
    return FALSE;
  g_ptr_array_add (names, g_strdup ("host-distribution"));
  return TRUE;
}

/* The charts of a study: one per plotted column, and the host distribution. */
static gboolean
write_charts (const char *dir, GPtrArray *names, gpointer data, GError **error)
{
  const Outputs *o = data;
  const PocsimStudyHeader *h = o->h;
  gboolean ok = TRUE;
  for (guint c = 0; ok && (h->dims->len == 1 || h->dims->len == 2) && c < h->columns->len; c++)
    if (plotted (h, h->columns->pdata[c]))
      ok = plot_column (o, c, dir, names, error);
  if (ok && h->plot_host)
    ok = plot_host_distribution (o, dir, names, error);
  return ok;
}

/* DIR/plots: scripts and data, drawn into SVG and PNG by gnuplot in a
 * temporary directory first, so that a drawing cut short is never there. */
static gboolean
write_plots (const Outputs *o, const char *dir, GError **error)
{
  g_autofree char *plots = g_build_filename (dir, "plots", NULL);
  gboolean missing = FALSE;
  if (!pocsim_plot_publish (dir, plots, write_charts, (gpointer) o, &missing, error))
    return FALSE;
  if (missing)
    fprintf (stderr, "pocsim: gnuplot is not installed: the plots' data and scripts are in %s "
                     "(run gnuplot on each .gp file there to draw them)\n", plots);
  return TRUE;
}

static int
write_outputs (const Options *opt, const PocsimStudyHeader *h, const double *values, const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree PocsimSummary *summaries = g_new0 (PocsimSummary, (gsize) h->n_points * h->columns->len);
  Outputs o = { h, values, summaries, opt->jobs > 0 ? (guint) opt->jobs : g_get_num_processors (), NULL };
  if (!make_dir (dir, &error) || !write_atomically (dir, "summary.csv", write_summary, &o, &error)
      || (opt->runs_csv && !write_atomically (dir, "runs.csv", write_runs, &o, &error))
      || !write_atomically (dir, "study.meta.json", write_meta, (gpointer) h, &error)
      || (!opt->no_plots && !write_plots (&o, dir, &error)))
    return pocsim_cli_fail (error);
  return POCSIM_EXIT_OK;
}

/* ---- running ---- */

typedef struct {
  const Options *opt;
  const PocsimStudyHeader *h;
  const char *work;      /* the checkpoint directory */
  double *values;
  guint64 t0, t1;
  gboolean show;
  gint64 started;
  guint points_done, points;
} Progress;

static void
show_progress (guint64 done, guint64 total, gpointer data)
{
  Progress *p = data;
  if (!p->show)
    return;
  double seconds = (double) (g_get_monotonic_time () - p->started) / G_USEC_PER_SEC;
  double rate = seconds > 0 ? (double) done / seconds : 0;
  double left = rate > 0 ? (double) (total - done) / rate : 0;
  fprintf (stderr, "\r\033[Kpocsim: sweep: %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " runs, %u/%u points, %.0f runs/s, "
                   "%02d:%02d left",
           done, total, p->points_done, p->points, rate, (int) left / 60, (int) left % 60);
  fflush (stderr);
}

static char *
point_file (const char *work, guint k)
{
  g_autofree char *name = g_strdup_printf ("point-%u.bin", k);
  return g_build_filename (work, name, NULL);
}

/* The runs of point K within [t0, t1). */
static void
point_range (const Progress *p, guint k, guint64 *first, guint64 *end)
{
  *first = MAX ((guint64) k * p->h->runs, p->t0);
  *end = MIN ((guint64) (k + 1) * p->h->runs, p->t1);
}

static gboolean
checkpoint (guint k, gpointer data, GError **error)
{
  Progress *p = data;
  guint64 first, end;
  point_range (p, k, &first, &end);
  g_autofree char *path = point_file (p->work, k);
  p->points_done++;
  return pocsim_sweep_values_write (path, first, end, p->h->columns->len,
                                    p->values + (first - p->t0) * p->h->columns->len, error);
}

/* --resume: the points a killed sweep of the same study finished.  A work
 * directory of another study or range is an error; none, a fresh start. */
static gboolean
load_checkpoints (Progress *p, const PocsimShard *shard, gboolean *skip, GError **error)
{
  g_autofree char *id_path = g_build_filename (p->work, "identity.json", NULL);
  if (!g_file_test (id_path, G_FILE_TEST_EXISTS))
    return TRUE;
  PocsimShard was;
  g_autoptr (PocsimStudyHeader) old = pocsim_study_header_read (id_path, &was, error);
  if (old == NULL)
    return FALSE;
  g_autofree char *diff = pocsim_study_header_difference (p->h, old);
  if (diff == NULL && (was.first != shard->first || was.end != shard->end))
    diff = g_strdup ("another shard");
  if (diff != NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "%s: --resume: the sweep there is not this one (%s); run without --resume to start over", p->work,
                   diff);
      return FALSE;
    }
  for (guint k = 0; k < p->h->n_points; k++)
    {
      g_autofree char *path = point_file (p->work, k);
      guint64 first, end;
      point_range (p, k, &first, &end);
      if (first >= end || !g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      if (!pocsim_sweep_values_read (path, p->h->columns->len, p->values, p->t0, p->t1, error))
        return FALSE;
      skip[k] = TRUE;
      p->points_done++;
    }
  return TRUE;
}

static gboolean
write_identity (const Progress *p, const PocsimShard *shard, GError **error)
{
  g_autofree char *path = g_build_filename (p->work, "identity.json", NULL);
  PocsimOutput *out = pocsim_output_open (path, error);
  if (out == NULL)
    return FALSE;
  if (!pocsim_study_header_write (p->h, shard, pocsim_output_stream (out)))
    {
      pocsim_output_abort (out);
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: write error", path);
      return FALSE;
    }
  return pocsim_output_commit (out, error);
}

/* "K/N" into a shard of TOTAL runs. */
static gboolean
parse_shard (const char *text, guint64 total, PocsimShard *shard)
{
  guint64 k, n;
  g_auto (GStrv) parts = g_strsplit (text, "/", 2);
  if (g_strv_length (parts) != 2 || !g_ascii_string_to_unsigned (parts[1], 10, 1, 100000, &n, NULL)
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, n, &k, NULL))
    return FALSE;
  *shard = (PocsimShard) { (guint) k, (guint) n, total * (k - 1) / n, total * k / n };
  return TRUE;
}

static int
run_sweep (const Options *opt, const char *study_path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autoptr (PocsimStudy) st = pocsim_study_load (study_path, &sha, &error);
  g_autoptr (PocsimStudyGrid) grid = st ? pocsim_study_grid_new (st, &error) : NULL;
  g_autoptr (PocsimSweep) sw = grid ? pocsim_sweep_new (st, grid, &error) : NULL;
  if (sw == NULL)
    return pocsim_cli_fail (error);
  g_autoptr (PocsimStudyHeader) h = pocsim_sweep_header (sw, sha);
  guint64 total = pocsim_sweep_total_runs (sw);
  PocsimShard shard = { 1, 1, 0, total };
  if (opt->shard && !parse_shard (opt->shard, total, &shard))
    return fail_usage ("--shard %s: expected K/N with 1 <= K <= N <= 100000", opt->shard);
  guint columns = pocsim_sweep_n_columns (sw);
  gsize bytes = (gsize) (shard.end - shard.first) * columns * sizeof (double);
  g_autofree double *values = g_try_malloc (MAX (bytes, 1));
  if (values == NULL)
    return fail_usage ("%s: the runs' values need %" G_GSIZE_FORMAT " MiB, more than this machine gives "
                       "(split the study with --shard K/N, or report fewer hosts or metrics)",
                       st->name, bytes >> 20);
  /* Everything was read and checked: only now is anything written. */
  g_autofree char *work = g_build_filename (opt->output, WORK_DIR, NULL);
  g_autofree gboolean *skip = g_new0 (gboolean, h->n_points);
  Progress p = { opt, h, work, values, shard.first, shard.end, !opt->quiet && isatty (STDERR_FILENO),
                 g_get_monotonic_time (), 0, h->n_points };
  if (!opt->resume)
    remove_tree (work);
  if (!make_dir (work, &error) || (opt->resume && !load_checkpoints (&p, &shard, skip, &error))
      || !write_identity (&p, &shard, &error))
    return pocsim_cli_fail (error);
  if (p.points_done > 0)
    fprintf (stderr, "pocsim: resuming: %u of %u grid points are done\n", p.points_done, h->n_points);
  catch_signals ();
  PocsimSweepOptions so = { (guint) opt->jobs, &stop_signal, show_progress, checkpoint, &p, skip };
  gboolean ok = pocsim_sweep_run (sw, shard.first, shard.end, values, &so, &error);
  if (p.show)
    fprintf (stderr, "\r\033[K");
  if (!ok && stop_signal)
    {
      /* The command that continues it, with the options that shape its output. */
      g_autofree char *study_q = g_shell_quote (study_path), *output_q = g_shell_quote (opt->output);
      fprintf (stderr, "pocsim: stopped; finished grid points are kept: `pocsim sweep %s -o %s%s%s%s%s --resume` "
               "continues\n", study_q, output_q, opt->shard ? " --shard " : "", opt->shard ? opt->shard : "",
               opt->runs_csv ? " --runs" : "", opt->no_plots ? " --no-plots" : "");
      return 128 + stop_signal;
    }
  if (!ok)
    return pocsim_cli_fail (error);
  int status;
  if (opt->shard)
    {
      g_autofree char *values_path = g_build_filename (opt->output, "values.bin", NULL);
      g_autofree char *part_path = g_build_filename (opt->output, "part.json", NULL);
      if (!pocsim_sweep_values_write (values_path, shard.first, shard.end, columns, values, &error))
        return pocsim_cli_fail (error);
      /* part.json last: a part with one is complete. */
      g_autofree char *work_id = g_build_filename (work, "identity.json", NULL);
      if (g_rename (work_id, part_path) != 0)
        return fail_usage ("%s: %s", part_path, g_strerror (errno));
      status = POCSIM_EXIT_OK;
    }
  else
    status = write_outputs (opt, h, values, opt->output);
  if (status == POCSIM_EXIT_OK)
    remove_tree (work);
  return status;
}

/* ---- a cluster's job array ---- */

static char *
absolute (const char *path)
{
  if (g_path_is_absolute (path))
    return g_strdup (path);
  g_autofree char *cwd = g_get_current_dir ();
  return g_build_filename (cwd, path, NULL);
}

/* The running program, for the scripts to run the same one. */
static char *
this_program (const char *argv0)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  if (self != NULL)
    return g_steal_pointer (&self);
  return strchr (argv0, '/') ? absolute (argv0) : g_find_program_in_path (argv0);
}

/* --slurm DIR: the study is read and checked as for a run, then the
 * scripts are written; nothing runs here. */
static int
run_slurm (const Options *opt, const char *study_path, const char *argv0)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimStudy) st = pocsim_study_load (study_path, NULL, &error);
  g_autoptr (PocsimStudyGrid) grid = st ? pocsim_study_grid_new (st, &error) : NULL;
  g_autoptr (PocsimSweep) sw = grid ? pocsim_sweep_new (st, grid, &error) : NULL;
  if (sw == NULL)
    return pocsim_cli_fail (error);
  guint64 total = pocsim_sweep_total_runs (sw);
  /* By default a shard does about 50,000 formations. */
  guint64 work = total * (guint64) pocsim_sweep_epochs (sw);
  guint shards = opt->shards > 0 ? (guint) opt->shards : (guint) CLAMP ((work + 49999) / 50000, 1, 1000);
  if ((guint64) shards > total)
    return fail_usage ("--shards %u: the study has only %" G_GUINT64_FORMAT " runs", shards, total);
  g_autofree char *pocsim = this_program (argv0), *study = absolute (study_path);
  g_autofree char *dir = absolute (opt->slurm), *output = absolute (opt->output);
  PocsimSlurmJob job = { pocsim, study, dir, output, shards, opt->cpus_per_task > 0 ? (guint) opt->cpus_per_task : 1,
                         opt->partition, opt->time_limit, opt->runs_csv, opt->no_plots };
  if (!pocsim_slurm_scripts_write (&job, &error))
    return pocsim_cli_fail (error);
  fprintf (stderr, "pocsim: %s: %u shards of %s; submit with %s/submit.sh\n", dir, shards, st->name, dir);
  return POCSIM_EXIT_OK;
}

/* ---- merging ---- */

static int
run_merge (const Options *opt, char **parts, int n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) headers = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_study_header_free);
  g_autofree PocsimShard *shards = g_new0 (PocsimShard, n);
  for (int k = 0; k < n; k++)
    {
      g_autofree char *path = g_build_filename (parts[k], "part.json", NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return fail_usage ("%s: not a finished part (no part.json): the shard that writes it did not finish; "
                           "run that shard again, then merge", parts[k]);
      PocsimStudyHeader *h = pocsim_study_header_read (path, &shards[k], &error);
      if (h == NULL)
        return pocsim_cli_fail (error);
      g_ptr_array_add (headers, h);
      g_autofree char *diff = pocsim_study_header_difference (headers->pdata[0], h);
      if (diff != NULL)
        return fail_usage ("%s: not a part of the study of %s: %s", parts[k], parts[0], diff);
      if (shards[k].count != shards[0].count)
        return fail_usage ("%s: a part of a split in %u, not %u like %s", parts[k], shards[k].count, shards[0].count,
                           parts[0]);
      for (int j = 0; j < k; j++)
        if (shards[j].index == shards[k].index)
          return fail_usage ("%s and %s are both shard %u/%u", parts[j], parts[k], shards[k].index, shards[k].count);
    }
  const PocsimStudyHeader *h = headers->pdata[0];
  guint count = shards[0].count;
  for (guint i = 1; i <= count; i++)
    {
      gboolean found = FALSE;
      for (int k = 0; k < n; k++)
        found |= shards[k].index == i;
      if (!found)
        return fail_usage ("shard %u/%u is missing (run `pocsim sweep %s --shard %u/%u -o PART` and merge again)", i,
                           count, h->name, i, count);
    }
  guint64 total = (guint64) h->n_points * h->runs;
  gsize bytes = (gsize) total * h->columns->len * sizeof (double);
  g_autofree double *values = g_try_malloc (MAX (bytes, 1));
  if (values == NULL)
    return fail_usage ("the runs' values need %" G_GSIZE_FORMAT " MiB, more than this machine gives", bytes >> 20);
  for (int k = 0; k < n; k++)
    {
      g_autofree char *path = g_build_filename (parts[k], "values.bin", NULL);
      guint64 first, end;
      guint columns;
      if (!pocsim_sweep_values_range (path, &first, &end, &columns, &error))
        return pocsim_cli_fail (error);
      if (first != shards[k].first || end != shards[k].end)
        return fail_usage ("%s: the values are not those of shard %u/%u", path, shards[k].index, count);
      if (!pocsim_sweep_values_read (path, h->columns->len, values, 0, total, &error))
        return pocsim_cli_fail (error);
    }
  return write_outputs (opt, h, values, opt->output);
}

int
pocsim_cmd_sweep (int argc, char **argv)
{
  Options o = { 0 };
  g_autofree char *output = NULL, *shard = NULL;
  g_autofree char *slurm = NULL, *partition = NULL, *time_limit = NULL;
  /* Keep in step with docs/pocsim-sweep.1. */
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The output directory (with --shard: the part's)", "DIR" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &o.jobs, "Worker threads (default: one per CPU)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_NONE, &o.runs_csv, "Also write runs.csv, every run's values", NULL },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &shard, "Compute part K of N of the study into DIR", "K/N" },
    { "merge", 0, 0, G_OPTION_ARG_NONE, &o.merge, "Merge the parts given as arguments into DIR", NULL },
    { "resume", 0, 0, G_OPTION_ARG_NONE, &o.resume, "Continue a stopped sweep without redoing finished points", NULL },
    { "no-plots", 0, 0, G_OPTION_ARG_NONE, &o.no_plots, "Write no plots", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet, "No progress line on a terminal", NULL },
    { "slurm", 0, 0, G_OPTION_ARG_FILENAME, &slurm, "Write Slurm scripts into SDIR (a job array of shards and a merge into DIR) instead of running", "SDIR" },
    { "shards", 0, 0, G_OPTION_ARG_INT, &o.shards, "With --slurm: shards (default: about 50,000 formations each)", "N" },
    { "cpus-per-task", 0, 0, G_OPTION_ARG_INT, &o.cpus_per_task, "With --slurm: CPUs of each job (its --jobs; default 1)", "C" },
    { "partition", 0, 0, G_OPTION_ARG_STRING, &partition, "With --slurm: the Slurm partition", "P" },
    { "time", 0, 0, G_OPTION_ARG_STRING, &time_limit, "With --slurm: each job's time limit (sbatch --time)", "T" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("STUDY.json -o DIR - a parameter study (grid x Monte Carlo)");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
                                    "Runs a pocsim-study/1 study (docs/sweeps.md): every point of its parameter grid,\n"
                                    "each RUNS times with the behaviour model's draws, and writes DIR/summary.csv\n"
                                    "(n, mean, sd, min, p05, p25, median, p75, p95, max per point, entity and\n"
                                    "metric), DIR/study.meta.json, DIR/plots/ (gnuplot) and with --runs DIR/runs.csv.\n"
                                    "The same study gives the same bytes at any --jobs and any --shard split:\n"
                                    "  pocsim sweep STUDY --shard K/N -o PART_K     (for K = 1..N)\n"
                                    "  pocsim sweep --merge PART_1 ... PART_N -o DIR\n"
                                    "--slurm SDIR writes these as a Slurm job array and a merge job (docs/cluster.md).\n\n"
                                    "Exit status: 0 ok, 2 bad input or usage, 3 internal error, 128 + the signal\n"
                                    "when stopped (then --resume continues).\n");
  if (!pocsim_cli_parse (context, &argc, &argv))
    return POCSIM_EXIT_BAD_INPUT;
  o.output = output;
  o.shard = shard;
  o.slurm = slurm;
  o.partition = partition;
  o.time_limit = time_limit;
  if (output == NULL || *output == '\0')
    return fail_usage ("sweep needs -o DIR (see --help)");
  if (o.jobs < 0 || o.jobs > 4096)
    return fail_usage ("--jobs %d: expected 1 to 4096", o.jobs);
  if (o.merge)
    {
      if (shard || o.resume)
        return fail_usage ("--merge takes neither --shard nor --resume");
      if (argc < 2)
        return fail_usage ("--merge needs the parts' directories (see --help)");
      return run_merge (&o, argv + 1, argc - 1);
    }
  if (argc == 3 && o.runs_csv
      && (g_ascii_string_to_unsigned (argv[1], 10, 0, G_MAXUINT64, NULL, NULL)
          || g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT64, NULL, NULL)))
    return fail_usage ("--runs takes no value: it writes every run's metrics to DIR/runs.csv; the number of runs "
                       "is the study's \"runs\" (docs/sweeps.md)");
  if (argc != 2)
    return fail_usage ("sweep needs exactly one STUDY argument (see --help)");
  if (o.slurm)
    {
      if (shard || o.resume)
        return fail_usage ("--slurm takes neither --shard nor --resume");
      if (o.shards < 0 || o.shards > 100000 || o.cpus_per_task < 0 || o.cpus_per_task > 4096)
        return fail_usage ("--shards: expected 1 to 100000; --cpus-per-task: 1 to 4096");
      return run_slurm (&o, argv[1], argv[0]);
    }
  if (o.shards || o.cpus_per_task || o.partition || o.time_limit)
    return fail_usage ("--shards, --cpus-per-task, --partition and --time belong to --slurm");
  if (shard && (o.runs_csv || o.no_plots))
    return fail_usage ("--runs and --no-plots belong to the merge of a sharded study");
  return run_sweep (&o, argv[1]);
}
