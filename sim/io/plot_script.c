/* plot_script.c - gnuplot scripts and their data. */
#include "io/plot_script.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "io/output.h"
#include "io/sweep_csv.h"

#define WIDTH 900
#define HEIGHT 520

/* A string in a gnuplot script: double quotes, with \ and " escaped. */
static char *
quoted (const char *s)
{
  GString *out = g_string_new ("\"");
  for (const char *p = s ? s : ""; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static gboolean
write_file (const char *dir, const char *name, const char *ext, const char *text, GError **error)
{
  g_autofree char *file = g_strconcat (name, ext, NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  return pocsim_output_write_text (path, text, error);
}

/* The lines every script starts and ends with: two terminals, one plot. */
static void
script_head (GString *gp, const char *title, const char *xlabel, const char *ylabel)
{
  g_autofree char *t = quoted (title), *x = quoted (xlabel), *y = quoted (ylabel);
  g_string_append_printf (gp, "# Drawn by pocsim; edit and run `gnuplot THIS_FILE` here to redraw.\n"
                              "set encoding utf8\nset title %s noenhanced\nset xlabel %s noenhanced\n"
                              "set ylabel %s noenhanced\nset grid\nset key noenhanced\n",
                          t, x, y);
}

static void
script_outputs (GString *gp, const char *name, const char *plot)
{
  g_string_append_printf (gp,
                          "set terminal svg size %d,%d dynamic font \"sans,11\"\nset output \"%s.svg\"\n%s\n"
                          "set terminal pngcairo size %d,%d font \"sans,10\"\nset output \"%s.png\"\n%s\n"
                          "unset output\n",
                          WIDTH, HEIGHT, name, plot, WIDTH, HEIGHT, name, plot);
}

/* Ends the script GP with PLOT drawn into NAME.svg and NAME.png, and
 * writes NAME.dat and NAME.gp into DIR. */
static gboolean
write_chart (const char *dir, const char *name, const GString *dat, GString *gp, const char *plot, GError **error)
{
  script_outputs (gp, name, plot);
  return write_file (dir, name, ".dat", dat->str, error) && write_file (dir, name, ".gp", gp->str, error);
}

static void
xtics (GString *gp, const char *axis, guint n, const char *const *labels)
{
  g_string_append_printf (gp, "set %stics (", axis);
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *l = quoted (labels[k]);
      g_string_append_printf (gp, "%s%s %u", k ? ", " : "", l, k);
    }
  g_string_append (gp, ")\n");
}

static const char *
num (double x, char *buf)
{
  return isnan (x) ? "NaN" : pocsim_number_text (x, 12, buf);
}

gboolean
pocsim_plot_band (const char *dir, const char *name, const PocsimPlotBand *p, GError **error)
{
  g_autoptr (GString) dat = g_string_new ("# x p05 median p95\n");
  for (guint k = 0; k < p->n; k++)
    {
      char a[64], b[64], c[64];
      g_string_append_printf (dat, "%u %s %s %s\n", k, num (p->low[k], a), num (p->mid[k], b), num (p->high[k], c));
    }
  g_autoptr (GString) gp = g_string_new (NULL);
  script_head (gp, p->title, p->xlabel, p->ylabel);
  xtics (gp, "x", p->n, p->x_labels);
  g_string_append_printf (gp, "set xrange [-0.5:%u.5]\nset style fill transparent solid 0.25 noborder\n", p->n - 1);
  g_autofree char *plot = g_strdup_printf ("plot \"%s.dat\" using 1:2:4 with filledcurves lc rgb \"#4477aa\" "
                                           "title \"p05-p95\", \"\" using 1:3 with linespoints lw 2 pt 7 "
                                           "lc rgb \"#224466\" title \"median\"",
                                           name);
  return write_chart (dir, name, dat, gp, plot, error);
}

gboolean
pocsim_plot_heatmap (const char *dir, const char *name, const PocsimPlotHeatmap *p, GError **error)
{
  g_autoptr (GString) dat = g_string_new ("# x y value\n");
  for (guint y = 0; y < p->ny; y++)
    {
      for (guint x = 0; x < p->nx; x++)
        {
          char buf[64];
          g_string_append_printf (dat, "%u %u %s\n", x, y, num (p->z[y * p->nx + x], buf));
        }
      g_string_append_c (dat, '\n');
    }
  g_autoptr (GString) gp = g_string_new (NULL);
  script_head (gp, p->title, p->xlabel, p->ylabel);
  xtics (gp, "x", p->nx, p->x_labels);
  xtics (gp, "y", p->ny, p->y_labels);
  g_autofree char *z = quoted (p->zlabel);
  g_string_append_printf (gp, "set cblabel %s noenhanced\nset xrange [-0.5:%u.5]\nset yrange [-0.5:%u.5]\n"
                              "set palette cubehelix\nunset grid\n",
                          z, p->nx - 1, p->ny - 1);
  /* Small grids carry their numbers in the cells. */
  g_autofree char *plot = g_strdup_printf ("plot \"%s.dat\" using 1:2:3 with image notitle%s", name,
                                           p->nx * p->ny <= 144 ? ", \"\" using 1:2:(($3 == $3) ? sprintf(\"%.4g\", $3) "
                                                                  ": \"\") with labels font \",9\" tc rgb \"#888888\" notitle"
                                                                : "");
  return write_chart (dir, name, dat, gp, plot, error);
}

gboolean
pocsim_plot_histogram (const char *dir, const char *name, const PocsimPlotHistogram *p, GError **error)
{
  double lo = INFINITY, hi = -INFINITY;
  for (guint s = 0; s < p->n_series; s++)
    for (gsize k = 0; k < p->n_values[s]; k++)
      if (!isnan (p->values[s][k]))
        lo = MIN (lo, p->values[s][k]), hi = MAX (hi, p->values[s][k]);
  if (lo > hi)
    lo = hi = 0;
  if (hi == lo)
    hi = lo + 1;
  guint bins = MAX (p->bins, 1);
  double width = (hi - lo) / bins;
  g_autoptr (GString) dat = g_string_new ("# bin centre, then the share of runs in the bin for each series\n");
  g_autofree double *shares = g_new0 (double, (gsize) bins * p->n_series);
  for (guint s = 0; s < p->n_series; s++)
    {
      gsize n = 0;
      for (gsize k = 0; k < p->n_values[s]; k++)
        if (!isnan (p->values[s][k]))
          {
            guint b = MIN ((guint) ((p->values[s][k] - lo) / width), bins - 1);
            shares[(gsize) b * p->n_series + s] += 1;
            n++;
          }
      for (guint b = 0; b < bins && n > 0; b++)
        shares[(gsize) b * p->n_series + s] /= (double) n;
    }
  for (guint b = 0; b < bins; b++)
    {
      char buf[64];
      g_string_append (dat, num (lo + (b + 0.5) * width, buf));
      for (guint s = 0; s < p->n_series; s++)
        g_string_append_printf (dat, " %s", num (shares[(gsize) b * p->n_series + s], buf));
      g_string_append_c (dat, '\n');
    }
  g_autoptr (GString) gp = g_string_new (NULL);
  script_head (gp, p->title, p->xlabel, "share of runs");
  g_string_append (gp, "set key below\n"); /* inside, it covers the bars of the middle */
  GString *plot = g_string_new ("plot ");
  for (guint s = 0; s < p->n_series; s++)
    {
      g_autofree char *label = quoted (p->labels[s]);
      g_string_append_printf (plot, "%s\"%s.dat\" using 1:%u with histeps lw 2 title %s", s ? ", " : "", name, s + 2,
                              label);
    }
  gboolean ok = write_chart (dir, name, dat, gp, plot->str, error);
  g_string_free (plot, TRUE);
  return ok;
}

gboolean
pocsim_plot_series (const char *dir, const char *name, const PocsimPlotSeries *p, GError **error)
{
  g_autoptr (GString) dat = g_string_new ("# x label, then one column per series:");
  for (guint s = 0; s < p->n_series; s++)
    g_string_append_printf (dat, " [%s]", p->series[s]);
  g_string_append_c (dat, '\n');
  for (guint x = 0; x < p->nx; x++)
    {
      g_autofree char *label = quoted (p->x_labels[x]);
      g_string_append_printf (dat, "%u %s", x, label);
      for (guint s = 0; s < p->n_series; s++)
        {
          char buf[64];
          g_string_append_printf (dat, " %s", num (p->values[(gsize) s * p->nx + x], buf));
        }
      g_string_append_c (dat, '\n');
    }
  g_autoptr (GString) gp = g_string_new (NULL);
  script_head (gp, p->title, p->xlabel, p->ylabel);
  g_string_append (gp, "set key below\nset yrange [0:*]\n");
  GString *plot = g_string_new ("plot ");
  if (p->bars)
    g_string_append (gp, "set style data histograms\nset style histogram clustered gap 1\n"
                         "set style fill solid 0.8 border -1\nset boxwidth 0.9\n");
  else
    xtics (gp, "x", p->nx, p->x_labels);
  /* gnuplot cycles through 8 colours: past them a series gets a pattern
   * (bars) or a dash and another point (lines), so none looks like another. */
  static const guint points[] = { 7, 5, 9, 11, 13, 3 }, patterns[] = { 4, 5, 6, 1, 2, 3, 7 };
  for (guint s = 0; s < p->n_series; s++)
    {
      g_autofree char *label = quoted (p->series[s]);
      char fill[24] = "";
      if (p->bars && s >= 8)
        g_snprintf (fill, sizeof fill, " fs pattern %u", patterns[(s / 8 - 1) % G_N_ELEMENTS (patterns)]);
      if (p->bars)
        g_string_append_printf (plot, "%s\"%s.dat\" using %u%s%s title %s", s ? ", " : "", name, s + 3,
                                s == 0 ? ":xtic(2)" : "", fill, label);
      else
        g_string_append_printf (plot, "%s\"%s.dat\" using 1:%u with linespoints lw 2 pt %u dt %u title %s",
                                s ? ", " : "", name, s + 3, points[(s / 8) % G_N_ELEMENTS (points)], 1 + s / 8, label);
    }
  gboolean ok = write_chart (dir, name, dat, gp, plot->str, error);
  g_string_free (plot, TRUE);
  return ok;
}

gboolean
pocsim_plot_bars (const char *dir, const char *name, const PocsimPlotBars *p, GError **error)
{
  g_autoptr (GString) dat = g_string_new ("# position label value\n");
  for (guint k = 0; k < p->n; k++)
    {
      char buf[64];
      g_autofree char *label = quoted (p->labels[k]);
      g_string_append_printf (dat, "%u %s %s\n", k, label, num (p->values[k], buf));
    }
  g_autoptr (GString) gp = g_string_new (NULL);
  script_head (gp, p->title, p->xlabel, p->ylabel);
  g_string_append_printf (gp, "set style fill solid 0.8 border -1\nset boxwidth 0.8\nset xrange [-0.5:%u.5]\n"
                              "set xtics rotate by 90 right font \",8\"\nset key off\nset xzeroaxis lt -1\n",
                          p->n > 0 ? p->n - 1 : 0);
  g_autofree char *plot = g_strdup_printf ("plot \"%s.dat\" using 1:($3 >= 0 ? $3 : 1/0):xtic(2) with boxes "
                                           "lc rgb \"#4477aa\", \"\" using 1:($3 < 0 ? $3 : 1/0) with boxes "
                                           "lc rgb \"#cc6677\"",
                                           name);
  return write_chart (dir, name, dat, gp, plot, error);
}

gboolean
pocsim_plot_render (const char *dir, const GPtrArray *names, gboolean *missing, GError **error)
{
  g_autofree char *gnuplot = g_find_program_in_path ("gnuplot");
  *missing = gnuplot == NULL;
  if (gnuplot == NULL)
    return FALSE;
  for (guint k = 0; k < names->len; k++)
    {
      g_autofree char *script = g_strconcat (names->pdata[k], ".gp", NULL);
      char *argv[] = { gnuplot, script, NULL };
      g_autofree char *err = NULL;
      int status = 0;
      if (!g_spawn_sync (dir, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, error))
        return FALSE;
      if (!g_spawn_check_wait_status (status, NULL))
        {
          g_strchomp (err);
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "gnuplot %s/%s failed: %s", dir, script, err);
          return FALSE;
        }
    }
  return TRUE;
}

/* Moves every file of FROM into TO, then removes FROM (it holds files only). */
static gboolean
move_into (const char *from, const char *to, GError **error)
{
  if (g_mkdir_with_parents (to, 0777) != 0)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: %s", to, g_strerror (errno));
      return FALSE;
    }
  g_autoptr (GDir) d = g_dir_open (from, 0, error);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL), *dst = g_build_filename (to, name, NULL);
      if (g_rename (src, dst) != 0)
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: %s", dst, g_strerror (errno));
          return FALSE;
        }
    }
  return d != NULL;
}

static void
remove_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

gboolean
pocsim_plot_publish (const char *work, const char *target, PocsimPlotWriter write, gpointer data, gboolean *missing,
                     GError **error)
{
  *missing = FALSE;
  if (g_mkdir_with_parents (work, 0777) != 0)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: %s", work, g_strerror (errno));
      return FALSE;
    }
  g_autofree char *tmp = g_build_filename (work, ".plots-XXXXXX", NULL);
  if (g_mkdtemp (tmp) == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: %s", work, g_strerror (errno));
      return FALSE;
    }
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = write (tmp, names, data, error);
  if (ok && names->len > 0 && !pocsim_plot_render (tmp, names, missing, error) && !*missing)
    ok = FALSE;
  if (ok)
    ok = move_into (tmp, target, error);
  remove_files (tmp);
  return ok;
}
