/* legend.h - the legend that ends every table pocsim prints.
 *
 * A legend is a list of (column, meaning) pairs, written as
 *
 *   Legend (rule set v0.2.14)
 *     CONSENSUS  O, the consensus weight ...
 *
 * with the meanings aligned.  A meaning may span lines ("\n" in the text);
 * continuation lines are indented under the first.  Writers build their
 * entries for the rule set and the columns they printed, so a table read
 * alone says what each of its numbers is. */
#pragma once

#include <stdio.h>

#include <glib.h>

typedef struct {
  const char *column;
  const char *meaning;
} PocsimLegendEntry;

/* A growing list of entries whose texts it owns. */
typedef struct _PocsimLegend PocsimLegend;

PocsimLegend *pocsim_legend_new (const char *title);
void pocsim_legend_free (PocsimLegend *l);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimLegend, pocsim_legend_free)

void pocsim_legend_add (PocsimLegend *l, const char *column, const char *meaning);
void pocsim_legend_addf (PocsimLegend *l, const char *column, const char *format, ...) G_GNUC_PRINTF (3, 4);
/* A line of its own, not tied to a column ("Weights are in weight units"). */
void pocsim_legend_note (PocsimLegend *l, const char *text);

/* Writes a blank line, the title and the entries.  FALSE on a write error. */
gboolean pocsim_legend_write (const PocsimLegend *l, FILE *out);
