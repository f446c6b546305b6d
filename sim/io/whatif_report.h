/* whatif_report.h - the reports of `pocsim whatif`: a host's options side
 * by side, and the hosts a set of transactions changes.
 *
 * The command computes (analysis/whatif.h) and fills these plain structs;
 * this module only writes them: a table (with a legend), CSV (RFC 4180,
 * columns only ever appended) or JSON (pocsim-whatif/1,
 * pocsim-whatif-tx/1), as docs/whatif.md describes.
 *
 * Ownership: a report borrows the case and everything its rows point to,
 * except the strings marked owned, which pocsim_whatif_model_free() and
 * pocsim_whatif_tx_report_clear() free. */
#pragma once

#include <stdio.h>

#include "core/case.h"
#include "core/chain_clock.h"
#include "core/hardware.h"
#include "core/option.h"

/* One option of one model. */
typedef struct {
  PocsimOption option;
  PocsimOptionOutcome outcome;
  char *problem;         /* why the option does not do what it says (owned), or NULL */
  gint64 deadline;       /* last block the tx may be in, 0 = none */
  const char *timing;    /* static text */
  gboolean best;
} PocsimWhatifRow;

/* Where a run row's PoC weight comes from when it was estimated from GPUs. */
typedef struct {
  gboolean estimated;    /* FALSE: --poc-weight or the host's own PoC */
  PocsimPocEstimate total;
  char *description;     /* owned */
} PocsimWhatifRunEstimate;

/* One model's options. */
typedef struct {
  guint model;
  gboolean bootstrap;    /* a bootstrap candidate */
  GArray *rows;          /* PocsimWhatifRow, keep first */
  guint ties;            /* how many rows share the best outcome */
  PocsimWhatifRunEstimate run;
} PocsimWhatifModel;

PocsimWhatifModel *pocsim_whatif_model_new (guint model, gboolean bootstrap);
void pocsim_whatif_model_free (PocsimWhatifModel *m);

typedef struct {
  const PocsimCase *c;
  guint32 host;
  gint epochs;                  /* K */
  gint64 epoch_reward;          /* R of the upcoming epoch, ngonka; 0 without reward params */
  const char *gpus;             /* "8xH100 + 4xH200", or NULL */
  const PocsimChainClock *clock; /* the chain's height and block times, or NULL */
  const char *clock_source;     /* where the height came from ("node URL", "snapshot DIR") */
  GPtrArray *models;            /* PocsimWhatifModel *, in model order */
  gboolean runs_every_model;    /* nothing to choose: the host runs every model shown */
  gboolean model_named;         /* --model was given */
  const char *const *settings;  /* the --set PATH=VALUE the case was read with, or NULL */
} PocsimWhatifReport;

gboolean pocsim_whatif_write_table (const PocsimWhatifReport *r, FILE *out);
gboolean pocsim_whatif_write_csv (const PocsimWhatifReport *r, FILE *out);
gboolean pocsim_whatif_write_json (const PocsimWhatifReport *r, FILE *out);

/* The charts (io/plot_script.h), a PocsimPlotWriter of REPORT (a
 * PocsimWhatifReport): per model, the host's stored weight and, with reward
 * params, its reward in GNK in each epoch of the forecast, one series per
 * option: DIR/whatif-LABEL-weight and DIR/whatif-LABEL-reward (.dat, .gp),
 * LABEL the model's short label; clustered bars up to 12 epochs, lines
 * beyond.  Appends each chart's name to NAMES. */
gboolean pocsim_whatif_write_plots (const char *dir, GPtrArray *names, gpointer report, GError **error);

/* ---- --tx: the hosts some transactions change ---- */

typedef struct {
  char *tx;              /* as the chain's CLI names it (owned) */
  char *from;            /* owned */
  const char *reason;    /* the chain's error when rejected (static), else NULL */
} PocsimWhatifTx;

/* One host's values before and after, [0] and [1]. */
typedef struct {
  guint32 addr;
  gint64 weight[2];
  PocsimDec penalty[2];
  gint64 reward_weight[2];
  gint64 reward[2];
  GArray *voting_powers; /* PocsimWhatifVotingPower: the models whose voting power changes */
} PocsimWhatifHostChange;

typedef struct {
  guint model;
  gint64 vp[2];
} PocsimWhatifVotingPower;

typedef struct {
  const PocsimCase *c;
  gboolean has_reward;   /* the case has reward params: rewards are in ngonka */
  GArray *txs;           /* PocsimWhatifTx */
  GArray *hosts;         /* PocsimWhatifHostChange, in address order */
} PocsimWhatifTxReport;

void pocsim_whatif_tx_report_init (PocsimWhatifTxReport *r, const PocsimCase *c);
void pocsim_whatif_tx_report_clear (PocsimWhatifTxReport *r);

gboolean pocsim_whatif_tx_write_table (const PocsimWhatifTxReport *r, FILE *out);
gboolean pocsim_whatif_tx_write_csv (const PocsimWhatifTxReport *r, FILE *out);
gboolean pocsim_whatif_tx_write_json (const PocsimWhatifTxReport *r, FILE *out);
