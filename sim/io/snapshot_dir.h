/* snapshot_dir.h - reads a snapshot directory (docs/snapshots.md) into a case.
 *
 * A snapshot directory holds the node's own answers (REST, /v1 or CLI JSON)
 * for what one epoch formation reads.  This edge reader turns them into one
 * pocsim-case/1 document (docs/case-format.md) and hands that document to the
 * case reader, so a snapshot and a hand-written case pass the same checks.
 * It never decides a rule: it copies values, and where the layout says so
 * (no current/ directory) it estimates an input and says so in a note.
 *
 * Every error is located in the file it comes from:
 * "DIR/previous/root.json:LINE:COL: what is wrong".
 *
 * Ownership: pocsim_snapshot_read() returns a new PocsimSnapshot (free with
 * pocsim_snapshot_free or g_autoptr); everything reached through it is owned
 * by it and lives as long as it does. */
#pragma once

#include <glib.h>
#include <jansson.h>

#include "core/case.h"

typedef struct PocsimSnapshot PocsimSnapshot;

/* The kinds of file a snapshot directory holds (docs/snapshots.md). */
typedef enum {
  POCSIM_SNAPSHOT_MANIFEST,             /* manifest.json */
  POCSIM_SNAPSHOT_PARAMS,               /* params.json */
  POCSIM_SNAPSHOT_EPOCH,                /* epoch.json */
  POCSIM_SNAPSHOT_PREVIOUS_ROOT,        /* previous/root.json */
  POCSIM_SNAPSHOT_PREVIOUS_MODEL,       /* previous/models/ID.json */
  POCSIM_SNAPSHOT_PREVIOUS_PARTICIPANTS, /* previous/participants.json */
  POCSIM_SNAPSHOT_CURRENT_MODEL,        /* current/models/ID.json */
  POCSIM_SNAPSHOT_COMMITS,              /* commits.json */
  POCSIM_SNAPSHOT_BOOTSTRAP_DELEGATION, /* delegations/bootstrap/ADDR.json */
  POCSIM_SNAPSHOT_VALIDATION_DELEGATION, /* delegations/validation/ADDR.json */
  POCSIM_SNAPSHOT_COLLATERAL,           /* collateral.json */
  POCSIM_SNAPSHOT_GENESIS_ONLY_PARAMS,  /* genesis_only_params.json */
  POCSIM_SNAPSHOT_EXCLUDED,             /* previous/excluded.json */
  POCSIM_SNAPSHOT_COLLATERAL_ANSWER,    /* collateral/ADDR.json */
  POCSIM_SNAPSHOT_CURRENT_ROOT,         /* current/root.json */
  POCSIM_SNAPSHOT_HARDWARE,             /* hardware/ADDR.json */
  POCSIM_SNAPSHOT_MODELS,               /* models.json */
  POCSIM_SNAPSHOT_FAILED_MISS_RATE,     /* previous/failed_miss_rate.json */
  POCSIM_SNAPSHOT_N_KINDS
} PocsimSnapshotFile;

/* Reads the snapshot directory DIR.  UPCOMING_EPOCH >= 0 overrides the
 * upcoming epoch U (--epoch); -1 takes it from the directory.  Returns a new
 * snapshot, or NULL with a located error. */
PocsimSnapshot *pocsim_snapshot_read (const char *dir, gint64 upcoming_epoch, GError **error);
void pocsim_snapshot_free (PocsimSnapshot *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimSnapshot, pocsim_snapshot_free)

/* The assembled pocsim-case/1 document (borrowed).  Top-level keys are in
 * the order of docs/case-format.md, keys below are sorted byte-wise and
 * record lists sorted by (model_id, address): dump it with
 * JSON_PRESERVE_ORDER for deterministic text. */
const json_t *pocsim_snapshot_case_document (const PocsimSnapshot *s);

/* What the reader estimated or left out, one sentence each (borrowed
 * strings; may be empty).  The CLI prints them on stderr. */
const GPtrArray *pocsim_snapshot_notes (const PocsimSnapshot *s);

/* The block height manifest.json says the capture read, or -1. */
gint64 pocsim_snapshot_height (const PocsimSnapshot *s);

/* FALSE when the directory holds no collateral (neither collateral/ nor
 * collateral.json): the case then counts every host as having none, and
 * pocsim_snapshot_to_case() marks it (PocsimCase.collateral_not_captured)
 * so that commands can warn when the collateral rule applies. */
gboolean pocsim_snapshot_has_collateral (const PocsimSnapshot *s);

/* Appends a PocsimInputFile (path and SHA-256, meta.h) for every file read. */
void pocsim_snapshot_add_inputs (const PocsimSnapshot *s, GPtrArray *inputs);

/* Reads the assembled document with the case reader (one validation path);
 * an error is located in the snapshot file the offending value came from.
 * Returns a new case, or NULL with error set. */
PocsimCase *pocsim_snapshot_to_case (const PocsimSnapshot *s, const char *rules_override, GError **error);

/* Parses one file of KIND from memory (LEN bytes of TEXT, not necessarily
 * NUL-terminated) exactly as the directory reader does, and discards the
 * result: for tests and fuzzing.  NAME is used in messages.  ARG is the
 * model id (model files) or address (delegation files) the file name gives;
 * NULL takes it from the content.  Returns FALSE with a located error. */
gboolean pocsim_snapshot_parse_file (PocsimSnapshotFile kind, const char *text, gsize len, const char *name,
                                     const char *arg, GError **error);

/* Model id <-> file name stem: every byte outside [A-Za-z0-9._-] becomes
 * %XX (upper-case hex).  Both return a new string; decode returns NULL for
 * an invalid stem (a bad escape, an empty result). */
char *pocsim_snapshot_encode_model_id (const char *model_id);
char *pocsim_snapshot_decode_model_id (const char *stem);
