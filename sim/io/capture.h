/* capture.h - fetch a snapshot directory (docs/capture.md) from a node's REST API.
 *
 * An edge module: HTTP (libcurl), JSON parsing only to find the next URLs,
 * and files.  It decides no rule: every body is saved as the node returned
 * it, and `pocsim case` interprets the directory.
 *
 * The directory is written into DIR.partial-XXXXXX beside DIR and renamed
 * to DIR only when every file and manifest.json are written, so DIR never
 * exists half-written.  A failed or cancelled capture removes its partial
 * directory; one killed outright (SIGKILL, power loss) may leave it behind,
 * and nothing reads it.
 *
 * Ownership: strings returned by functions here are newly allocated
 * (g_free); options and chain facts are borrowed and never kept. */
#pragma once

#include <glib.h>
#include <signal.h>

/* What the node says about its chain, as needed to place a capture. */
typedef struct {
  gint64 block_height;            /* height of the state read (epoch_info block_height) */
  gint64 latest_index;            /* epoch_info latest_epoch.index: the last epoch created */
  gint64 latest_poc_start;        /* its poc_start_block_height */
  gint64 effective_epoch;         /* get_current_epoch */
  gint64 epoch_length;            /* params.epoch_params */
  gint64 poc_stage_duration;
  gint64 poc_validation_delay;
  gint64 poc_validation_duration;
  gint64 deploy_window;           /* params.delegation_params; <= 0 = no bootstrap snapshot */
} PocsimCaptureChain;

/* The heights one capture reads at. */
typedef struct {
  gint64 upcoming;            /* U */
  gint64 previous;            /* E = U - 1 */
  gint64 poc_start;           /* poc_start(U) */
  gint64 validation_start;    /* poc_start + stage + delay: regular delegation snapshot */
  gint64 validation_end;      /* validation start + duration: the formation */
  gint64 bootstrap_height;    /* poc_start - deploy_window, or -1 when deploy_window <= 0 */
  gint64 state_height;        /* min(block height, validation end): params, groups, commits */
  gboolean formed;            /* block height >= validation end: U's subgroups exist */
} PocsimCaptureHeights;

/* Places a capture of upcoming epoch `requested` (or, when < 0, the
 * effective epoch + 1).  poc_start(U) is latest_poc_start when U is the
 * latest epoch, otherwise latest_poc_start + (U - latest) * epoch_length
 * (anchored on the live PoC start, never on epoch_shift).  Fails for U < 2,
 * for U beyond effective + 1, and on int64 overflow. */
gboolean pocsim_capture_place (const PocsimCaptureChain *chain, gint64 requested, PocsimCaptureHeights *out,
                               GError **error);

/* The file name of a model: every byte outside [A-Za-z0-9._-] as %XX
 * (upper-case hex), then ".json". */
char *pocsim_capture_model_file (const char *model_id);

/* TRUE if addr is safe as a file name and URL path segment (1-128 of
 * [A-Za-z0-9]), as every bech32 address is. */
gboolean pocsim_capture_address_ok (const char *addr);

typedef struct {
  const char *node;         /* base URL, http:// or https:// (a path prefix is kept) */
  const char *rest_prefix;  /* before /productscience/...: NULL = "/chain-api" (the public
                             * proxy); "" for the REST server itself (port 1317) */
  const char *out_dir;      /* DIR */
  gint64 height;            /* read the chain at this height; < 0 = latest */
  gint64 epoch;             /* upcoming epoch U; < 0 = effective + 1 */
  gboolean force;           /* replace an existing snapshot DIR */
  long connect_timeout_ms;  /* per connection */
  long timeout_ms;          /* per request, all included */
  guint tries;              /* attempts per request (>= 1): retried on HTTP 429, 502,
                             * 503, 504 and on connection errors and timeouts */
  guint backoff_ms;         /* delay before the 2nd attempt; doubles, at most 8 s */
  /* Optional.  progress: total 0 = not known yet.  notice: a retry or a
   * note about what was skipped, one line without "pocsim: ". */
  void (*progress) (guint done, guint total, gpointer user_data);
  void (*notice) (const char *message, gpointer user_data);
  gpointer user_data;
  /* Optional: when *cancel becomes non-zero (a signal handler), the
   * running request stops and the capture fails with "interrupted". */
  const volatile sig_atomic_t *cancel;
} PocsimCaptureOptions;

/* Once per process, before the first capture and before any thread
 * starts (libcurl's global state); pocsim_capture_global_cleanup() undoes
 * it.  FALSE if the HTTP library cannot start. */
gboolean pocsim_capture_global_init (void);
void pocsim_capture_global_cleanup (void);

/* Defaults: 10 s to connect, 60 s per request, 5 tries, 500 ms backoff. */
void pocsim_capture_options_init (PocsimCaptureOptions *o);

/* Captures into o->out_dir.  Errors (POCSIM_ERROR_IO) name the URL and the
 * HTTP status; an existing DIR without force is POCSIM_ERROR_USAGE.  On
 * failure nothing is left but what was there before. */
gboolean pocsim_capture_run (const PocsimCaptureOptions *o, GError **error);

/* The node's clock, for deadlines in clock time (`pocsim-capture --clock`):
 * its latest block and the block SAMPLE_BLOCKS before it (heights and
 * times as the node's REST API gives them, /cosmos/base/tendermint/
 * v1beta1/blocks/...), and its epoch_info (null when the node does not
 * serve it), as a pocsim-clock/1 document:
 *   {"format": "pocsim-clock/1", "node": URL,
 *    "blocks": [{"height": H0, "time": T0}, {"height": H1, "time": T1}],
 *    "epoch_info": {...} | null}
 * with the blocks oldest first.  Uses node, rest_prefix, the timeouts and
 * tries of O.  Returns the document as text (g_free), or NULL with an
 * error naming the URL. */
char *pocsim_capture_clock (const PocsimCaptureOptions *o, gint64 sample_blocks, GError **error);
