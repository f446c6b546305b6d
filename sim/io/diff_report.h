/* diff_report.h - the report of `pocsim diff` (core/diff.h): a table that
 * starts with a summary, CSV (one row per value that differs; columns only
 * ever appended) or JSON (pocsim-diff/1), as docs/pocsim-diff.1 describes.
 * The writers only format; analysis/diff.h computes. */
#pragma once

#include <stdio.h>

#include "core/diff.h"

/* How one side was formed, for the header. */
typedef struct {
  const char *name;             /* the case as named on the command line */
  const char *rules;            /* the rule set */
  const char *const *settings;  /* PATH=VALUE overrides applied to it (NULL-terminated), or NULL */
} PocsimDiffSide;

typedef struct {
  const PocsimDiff *diff;
  PocsimDiffSide side[2];
  gboolean changed_only;        /* groups and hosts that change only */
} PocsimDiffReport;

/* Each returns FALSE on a write error. */
gboolean pocsim_diff_write_table (const PocsimDiffReport *r, FILE *out);
gboolean pocsim_diff_write_csv (const PocsimDiffReport *r, FILE *out);
gboolean pocsim_diff_write_json (const PocsimDiffReport *r, FILE *out);

/* The charts (io/plot_script.h), a PocsimPlotWriter of REPORT (a
 * PocsimDiffReport): each host's change of final weight, B - A, largest
 * rise first (DIR/diff-weight), and with rewards on both sides its change of
 * reward in GNK (DIR/diff-reward); hosts that do not change are left out,
 * and a chart with no host is not drawn.  Appends each chart's name to
 * NAMES. */
gboolean pocsim_diff_write_plots (const char *dir, GPtrArray *names, gpointer report, GError **error);

/* The one-line summary of what moves, as the table's first lines give it:
 * "moonshotai/Kimi-K2.6 eligible yes -> no; ..."; new string. */
char *pocsim_diff_summary_groups (const PocsimDiff *d);
