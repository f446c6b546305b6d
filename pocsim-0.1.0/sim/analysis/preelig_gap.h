/* preelig_gap.h - what a bootstrap candidate still lacks to be pre-eligible
 * (rules.md §3), and which hosts of the previous epoch would close it.
 *
 * Input: a case and its formation result.  The pre-eligibility event itself
 * (intent weight, host count, reachable voting power, the checks) is the
 * engine's, r->bootstrap; this module only measures the gaps and ranks the
 * hosts that could close them:
 *   weight gap     threshold - intent_weight, threshold = trunc(w_threshold * T_E),
 *                  since the check is intent_weight >= threshold;
 *   hosts gap      v_min - intent_host_count (hosts with W_E > 0);
 *   reachable gap  the smallest X with 3 * (reachable + X) > 2 * T_E,
 *                  i.e. floor(2 * T_E / 3) + 1 - reachable.
 * How records count (§3): an intent of host p adds W_E[p] to the intent
 * weight, 1 to the host count when W_E[p] > 0, and to the reachable power
 * W_E[p] (unless p's weight was already reachable through its delegation to
 * an intent holder) plus the weight of every host delegating to p that
 * holds no intent and was not reachable yet.  A delegation of d to an intent
 * holder adds W_E[d] to the reachable power only: never to the intent
 * weight or the host count.
 *
 * Candidates are the live hosts of E with W_E > 0 and no intent for the
 * model, ranked by W_E descending, then address byte-wise.  For each gap the
 * report gives the smallest prefix of that ranking whose intents close it
 * (each host's contribution is computed given the hosts ranked before it);
 * for the reachable gap also the smallest prefix whose delegations to an
 * intent holder close it.
 *
 * Ownership: the report owns its arrays and points into the result (which
 * must outlive it) for the events.  Free with pocsim_preelig_report_free. */
#pragma once

#include "core/result.h"

enum {
  POCSIM_GAP_WEIGHT = 1 << 0,
  POCSIM_GAP_HOSTS = 1 << 1,
  POCSIM_GAP_REACH = 1 << 2,
};

/* A prefix length that no prefix reaches: the gap cannot be closed so. */
#define POCSIM_GAP_UNCLOSABLE G_MAXUINT

typedef struct {
  guint32 addr;
  gint64 previous_weight;     /* W_E */
  gint64 adds_intent_weight;  /* as an intent */
  gint64 adds_hosts;          /* 0 or 1 */
  gint64 adds_reachable;      /* as an intent, after the hosts ranked before it */
  guint closes;               /* POCSIM_GAP_* bits whose prefix ends at this host */
} PocsimGapHost;

typedef struct {
  guint32 addr;
  gint64 previous_weight;
  gint64 adds_reachable;      /* as a delegation to an intent holder */
  gboolean closes;            /* the reachable gap's delegation prefix ends here */
} PocsimGapDelegator;

typedef struct {
  const PocsimPreEligibility *event; /* the engine's, in r->bootstrap */
  gint64 v_min;
  gint64 weight_needed;       /* 0 when the check passes */
  gint64 hosts_needed;
  gint64 reachable_needed;    /* 0 when it passes; meaningless when T_E <= 0 */
  gboolean reachable_possible; /* FALSE when T_E <= 0: the check always fails */
  /* Prefix lengths of `intent` closing each gap: 0 = nothing needed,
   * POCSIM_GAP_UNCLOSABLE = even every candidate's intent does not close it. */
  guint intent_prefix_weight, intent_prefix_hosts, intent_prefix_reach;
  guint intent_prefix_all;    /* the longest of the three (UNCLOSABLE if any is) */
  guint n_intent;             /* listed: up to the longest closable prefix */
  PocsimGapHost *intent;
  guint delegation_prefix;    /* 0, a length, or UNCLOSABLE (e.g. no intent holder to delegate to) */
  guint n_delegation;
  PocsimGapDelegator *delegation;
} PocsimPreeligGap;

typedef struct {
  guint n;
  PocsimPreeligGap *gaps;     /* one per reported candidate, in r->bootstrap order */
} PocsimPreeligReport;

/* Gaps for every candidate of r->bootstrap, or only for `model` (a case
 * model index; POCSIM_NO_MODEL = all).  Returns a new report, or NULL with
 * POCSIM_ERROR_OVERFLOW. */
PocsimPreeligReport *pocsim_preelig_gap_compute (const PocsimCase *c, const PocsimEpochResult *r, guint32 model,
                                                 GError **error);
void pocsim_preelig_report_free (PocsimPreeligReport *rep);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimPreeligReport, pocsim_preelig_report_free)
