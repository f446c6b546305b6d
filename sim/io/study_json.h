/* study_json.h - reads a pocsim-study/1 document (docs/sweeps.md) and forms
 * its grid.
 *
 * Everything is checked before a study runs: the study's keys and types,
 * every parameter path (io/doc_path.h), every axis value, the behaviour
 * model's probabilities (exact decimals in [0, 1], summing to 1), the base,
 * and every grid point's case, which is the base's document with the
 * point's values written in, read once by the case reader.  Errors are
 * located ("FILE:LINE:COL: ..."), a grid point's at the axis value that
 * made its case unreadable. */
#pragma once

#include "core/study.h"

/* Reads a study; PATH resolves the base relative to the study's directory
 * (NULL: the current directory).  Returns a new study or NULL with error. */
PocsimStudy *pocsim_study_from_json (const char *text, gsize len, const char *name, const char *path,
                                     GError **error);
/* The same for the file at PATH; *sha256 (may be NULL) gets the SHA-256 of
 * its bytes (new string). */
PocsimStudy *pocsim_study_load (const char *path, char **sha256, GError **error);

/* Loads the base and forms every grid point's case.  Returns a new grid
 * or NULL with a located error. */
PocsimStudyGrid *pocsim_study_grid_new (const PocsimStudy *st, GError **error);
