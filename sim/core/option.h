/* option.h - what a host could do about a model before the snapshots, and
 * what that gives it.
 *
 * An option is a record the host could have on chain by the snapshots (or
 * a PoC it could run): keep what it has, run the model, delegate to a
 * target, refuse, declare intent (bootstrap candidates), or nothing.  The
 * what-if analysis (analysis/whatif.h) forms each option; its reports
 * (io/whatif_report.h) print them.  An outcome owns its path and halt
 * message: pocsim_option_outcome_clear(). */
#pragma once

#include <glib.h>

#include "core/decimal.h"

typedef enum {
  POCSIM_OPTION_KEEP,     /* the records as they are */
  POCSIM_OPTION_RUN,
  POCSIM_OPTION_DELEGATE,
  POCSIM_OPTION_REFUSE,
  POCSIM_OPTION_INTENT,
  POCSIM_OPTION_NOTHING,
} PocsimOptionKind;

/* "keep", "run", "delegate", "refuse", "intent", "nothing" (static). */
const char *pocsim_option_name (PocsimOptionKind kind);

typedef struct {
  PocsimOptionKind kind;
  guint32 model;
  guint32 target;     /* DELEGATE */
  gint64 poc_weight;  /* RUN: accepted raw PoC weight */
} PocsimOption;

/* One epoch of a forecast: the host's weights and every model's
 * coefficient. */
typedef struct {
  gint64 epoch;
  gint64 final;            /* the host's stored weight (0 when it is not in AP(U)) */
  gint64 cap_weight;       /* its trust weight (v0.2.16; the stored weight before) */
  gint64 voting_power;     /* its voting power in the option's model */
  gint64 reward;           /* its reward for the epoch, ngonka (0 without reward params) */
  PocsimDec *coefficient;  /* [n_models of the case] each model's coefficient (v0.2.16: effective) */
} PocsimForecastEpoch;

/* What an option gives the host. */
typedef struct {
  const char *mode;      /* the model's mode (or bootstrap mode) next epoch, static */
  PocsimDec penalty;     /* the host's applied penalty fraction next epoch */
  gint64 final;          /* stored weight next epoch */
  gint64 reward_weight;  /* the weight its reward share is computed from */
  gint64 reward;         /* ngonka, when the case has reward params */
  gint64 target_vp;      /* DELEGATE: the target's voting power in the model */
  gint64 cap_weight;     /* the host's trust weight next epoch (v0.2.16; = final before) */
  gint64 voting_power;   /* the host's voting power in the model next epoch */
  gint64 final_k;        /* stored weight after K epochs */
  gint64 cap_weight_k;   /* trust weight after K epochs */
  gint64 voting_power_k; /* voting power in the model after K epochs */
  gint64 reward_k;       /* reward summed over the K epochs */
  gboolean eligible;     /* the option's model is eligible next epoch (else its bootstrap path, if any) */
  gint64 halted_at;      /* the forecast epoch at which the chain halts, or 0 (weights after K are then 0) */
  char *halt_error;      /* the chain's message then (owned) */
  GArray *path;          /* PocsimForecastEpoch, epochs U .. U + K - 1 (owned; up to a halt) */
} PocsimOptionOutcome;

/* Frees what an outcome owns. */
void pocsim_option_outcome_clear (PocsimOptionOutcome *outcome);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PocsimOptionOutcome, pocsim_option_outcome_clear)
