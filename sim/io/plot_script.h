/* plot_script.h - charts drawn by gnuplot from scripts written beside their
 * data.
 *
 * Each chart is NAME.dat (the numbers, whitespace-separated) and NAME.gp
 * (a gnuplot script that draws NAME.svg and NAME.png from it), in one
 * directory; a user can restyle a script and run `gnuplot NAME.gp` there.
 * pocsim_plot_render() runs gnuplot on the scripts when it is installed.
 * Used by `pocsim sweep`, and by `whatif --plot` and `diff --plot`; any
 * report that wants a chart can use it. */
#pragma once

#include <glib.h>

/* A metric against one axis: the p05-p95 band and the median. */
typedef struct {
  const char *title, *xlabel, *ylabel;
  guint n;
  const char *const *x_labels; /* [n]: the axis values as written */
  const double *low, *mid, *high; /* [n]; NaN = no value at that point */
} PocsimPlotBand;

/* A metric over a two-axis grid: one cell per (x, y), coloured by z. */
typedef struct {
  const char *title, *xlabel, *ylabel, *zlabel;
  guint nx, ny;
  const char *const *x_labels; /* [nx] */
  const char *const *y_labels; /* [ny] */
  const double *z;             /* [ny * nx], x fastest; NaN = no value */
} PocsimPlotHeatmap;

/* Distributions: one histogram outline per series, on shared bins. */
typedef struct {
  const char *title, *xlabel;
  guint n_series;
  const char *const *labels;   /* [n_series] */
  const double *const *values; /* [n_series][n_values[s]] */
  const gsize *n_values;
  guint bins;
} PocsimPlotHistogram;

/* Several series over the same labelled x positions (a host's options over
 * the epochs of a forecast): clustered bars when BARS, else lines with
 * points. */
typedef struct {
  const char *title, *xlabel, *ylabel;
  guint nx;
  const char *const *x_labels;  /* [nx] */
  guint n_series;
  const char *const *series;    /* [n_series]: the key's labels */
  const double *values;         /* [n_series * nx], x fastest; NaN = no value */
  gboolean bars;
} PocsimPlotSeries;

/* One bar per item, in the order given (sort them first): a per-host
 * change, rises up and falls down. */
typedef struct {
  const char *title, *xlabel, *ylabel;
  guint n;
  const char *const *labels;    /* [n] */
  const double *values;         /* [n] */
} PocsimPlotBars;


/* Each writes DIR/NAME.dat and DIR/NAME.gp.  FALSE on a write error. */
gboolean pocsim_plot_band (const char *dir, const char *name, const PocsimPlotBand *p, GError **error);
gboolean pocsim_plot_heatmap (const char *dir, const char *name, const PocsimPlotHeatmap *p, GError **error);
gboolean pocsim_plot_histogram (const char *dir, const char *name, const PocsimPlotHistogram *p, GError **error);
gboolean pocsim_plot_series (const char *dir, const char *name, const PocsimPlotSeries *p, GError **error);
gboolean pocsim_plot_bars (const char *dir, const char *name, const PocsimPlotBars *p, GError **error);

/* Runs gnuplot on each script NAMES (NAME.gp in DIR), in DIR.  Returns
 * FALSE with *missing TRUE when gnuplot is not installed (the scripts stay
 * for later); FALSE with an error when gnuplot fails. */
gboolean pocsim_plot_render (const char *dir, const GPtrArray *names, gboolean *missing, GError **error);

/* Charts as a whole: WRITE writes each chart's data and script into a
 * temporary directory made in WORK (appending each chart's name to NAMES),
 * gnuplot draws them there (pocsim_plot_render), and every file is then
 * renamed into TARGET (created when missing), so that no drawing cut short
 * is ever in TARGET; the temporary directory is removed.  Without gnuplot
 * the data and scripts are still moved, and *missing is TRUE.  FALSE with
 * an error when a file cannot be written or gnuplot fails. */
typedef gboolean (*PocsimPlotWriter) (const char *dir, GPtrArray *names, gpointer data, GError **error);
gboolean pocsim_plot_publish (const char *work, const char *target, PocsimPlotWriter write, gpointer data,
                              gboolean *missing, GError **error);
