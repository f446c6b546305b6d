/* run_report.h - the JSON report of `pocsim run` (pocsim-run/1,
 * docs/scenarios.md "Reports"), and a replayed epoch's case written out.
 *
 * The report lists every epoch (its events, rejected PoC, result and
 * expectations) after the run's verdict, so it is kept in memory until the
 * run ends.  Ownership: the report owns what it keeps; the caller keeps the
 * epochs it adds. */
#pragma once

#include <stdio.h>

#include "core/result.h"
#include "core/scenario.h"

typedef struct PocsimRunReport PocsimRunReport;

PocsimRunReport *pocsim_run_report_new (void);
void pocsim_run_report_free (PocsimRunReport *rep);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimRunReport, pocsim_run_report_free)

/* One epoch: LOG (PocsimEventLog), POC_REJECTED (PocsimPocRejection,
 * indices in C), the formation R, and the expectations checked and failed
 * (char *). */
void pocsim_run_report_add_epoch (PocsimRunReport *rep, gint64 epoch, const GArray *log, const GArray *poc_rejected,
                                  const PocsimCase *c, const PocsimEpochResult *r, guint checked,
                                  const GPtrArray *failures);

/* {"format": "pocsim-run/1", "rules", "scenario", "ok", "epochs"}, indented,
 * newline-terminated.  FALSE on a write error. */
gboolean pocsim_run_report_write (const PocsimRunReport *rep, const char *rules, const char *scenario,
                                  gboolean ok, FILE *out);

/* A replayed epoch's case as a pocsim-case/1 document (`pocsim run
 * --dump-case`): `pocsim epoch` on it forms the replay's result.  FALSE on
 * a write error. */
gboolean pocsim_case_write_json (const PocsimCase *c, FILE *out);
