/* study_header.h - a study's header (core/study.h) as JSON: the
 * study.meta.json of a sweep's output directory (pocsim-study-meta/1) and
 * the part.json of each shard (pocsim-study-part/1, with its run range).
 * docs/sweeps.md describes both. */
#pragma once

#include <stdio.h>

#include "core/study.h"

/* The runs a shard holds: shard INDEX of COUNT (1-based), global runs
 * [first, end). */
typedef struct {
  guint index, count;
  guint64 first, end;
} PocsimShard;

/* Writes the header, indented and newline-terminated; with SHARD, as a
 * part's header.  FALSE on a write error. */
gboolean pocsim_study_header_write (const PocsimStudyHeader *h, const PocsimShard *shard, FILE *out);

/* Reads a part's header from PATH (part.json).  Returns a new header, or
 * NULL with a located error. */
PocsimStudyHeader *pocsim_study_header_read (const char *path, PocsimShard *shard, GError **error);

/* NULL when A and B are headers of the same study (version, study, seed,
 * runs, grid, columns, inputs), else a new string naming the first
 * difference ("seed 7, not 1"). */
char *pocsim_study_header_difference (const PocsimStudyHeader *a, const PocsimStudyHeader *b);
