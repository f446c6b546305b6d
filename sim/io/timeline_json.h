/* timeline_json.h - what `pocsim timeline` can learn from a file the node
 * served (an edge reader: it decides no rule).
 *
 * One JSON document may carry any of:
 *   - epoch params: params.epoch_params (the REST params response, the
 *     inner params object, a pocsim case's "params", epoch_info's "params"),
 *     or a top-level "epoch_params" (/v1/epochs/latest; since v0.2.15 also
 *     nested one level deeper as epoch_params.epoch_params);
 *   - deploy_window: params.delegation_params.deploy_window;
 *   - an anchor (an epoch and its PoC start, live data):
 *     latest_epoch.{index, poc_start_block_height} (epoch_info,
 *     /v1/epochs/latest) or active_participants.{epoch_id,
 *     poc_start_block_height} (/v1/epochs/N/participants) or
 *     epoch_group_data.{epoch_index, poc_start_block_height} (REST group data);
 *   - upcoming_epoch (a pocsim case, a snapshot manifest);
 *   - the height it was read at: "height" (a case, a snapshot manifest) or
 *     epoch_info's "block_height".
 * Integers may be JSON numbers or strings; missing, null, 0 and "" all mean
 * 0, as in the chain's encoders.  A snapshot directory is read as its
 * params.json plus, for an anchor, epoch.json or previous/participants.json
 * when present, and its manifest.json for the height and U.
 *
 * Errors are located: "NAME:LINE:COL: message". */
#pragma once

#include "core/timeline.h"

typedef struct {
  gboolean has_epoch_params;
  gboolean has_deploy_window;
  PocsimEpochParams params;   /* deploy_window valid only with has_deploy_window */
  gboolean has_anchor;
  PocsimAnchor anchor;
  const char *anchor_field;   /* static: the object the anchor was read from */
  gboolean has_upcoming_epoch;
  gint64 upcoming_epoch;
  /* The chain height the document was read at, when it says so: a case's
   * or a snapshot manifest's "height", epoch_info's "block_height". */
  gboolean has_height;
  gint64 height;
} PocsimTimelineInput;

/* Reads one document of `len` bytes; `name` is used in messages.  Fields not
 * found leave their has_ flag FALSE (fields found earlier are kept, so
 * several documents can be merged into one input). */
gboolean pocsim_timeline_input_read (const char *text, gsize len, const char *name, PocsimTimelineInput *in,
                                     GError **error);

/* Reads PATH: a JSON file, "-" for standard input, or a snapshot directory. */
gboolean pocsim_timeline_input_load (const char *path, PocsimTimelineInput *in, GError **error);
