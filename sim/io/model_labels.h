/* model_labels.h - short, unambiguous column labels for model ids.
 *
 * Model ids are long ("Qwen/Qwen3-235B-A22B-Instruct-2507-FP8"); a table
 * with one column per model labels each by whole words of the name after
 * the last '/', as many as fit in POCSIM_MODEL_LABEL_WIDTH characters
 * ("Qwen3-235B-A22B"), never cut inside a word.  Two models whose labels
 * would be equal get more words until they differ, or their full ids.  The
 * table prints the labels with their full ids in a header block
 * (pocsim_model_labels_write), so a reader knows which model each is. */
#pragma once

#include <stdio.h>

#include <glib.h>

#define POCSIM_MODEL_LABEL_WIDTH 16

/* Labels for the N ids, in the same order.  New NULL-terminated array
 * (g_strfreev). */
char **pocsim_model_labels (const char *const *ids, guint n);

/* "Models (column label: model id)", one line per model indented by two
 * spaces, and a blank line; nothing when every label is its id.  FALSE on a
 * write error. */
gboolean pocsim_model_labels_write (FILE *out, const char *const *ids, char *const *labels, guint n);
