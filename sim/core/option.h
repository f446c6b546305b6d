/* option.h - what a host could do about a model before the snapshots, and
 * what that gives it.
 *
 * An option is a record the host could have on chain by the snapshots (or
 * a PoC it could run): keep what it has, run the model, delegate to a
 * target, refuse, declare intent (bootstrap candidates), or nothing.  The
 * what-if analysis (analysis/whatif.h) forms each option; its reports
 * (io/whatif_report.h) print them.  Plain values, no ownership. */
#pragma once

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

/* What an option gives the host. */
typedef struct {
  const char *mode;      /* the model's mode (or bootstrap mode) next epoch, static */
  PocsimDec penalty;     /* the host's applied penalty fraction next epoch */
  gint64 final;          /* stored weight next epoch */
  gint64 reward_weight;  /* the weight its reward share is computed from */
  gint64 reward;         /* ngonka, when the case has reward params */
  gint64 target_vp;      /* DELEGATE: the target's voting power in the model */
  gint64 final_k;        /* stored weight after K epochs */
  gint64 reward_k;       /* reward summed over the K epochs */
  gboolean eligible;     /* the option's model is eligible next epoch (else its bootstrap path, if any) */
} PocsimOptionOutcome;
