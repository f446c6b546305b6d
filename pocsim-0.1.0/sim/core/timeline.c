/* timeline.c - stage heights of one PoC cycle from an anchor (rules.md §2). */
#include "core/timeline.h"

#include "core/error.h"

PocsimEpochParams
pocsim_epoch_params_mainnet (void)
{
  /* chain-facts §1, "current epoch params (June 2026)"; deploy_window from
   * the v0.2.12 upgrade (§2). */
  return (PocsimEpochParams) {
    .epoch_length = 15391,
    .poc_stage_duration = 35,
    .poc_validation_delay = 5,
    .poc_validation_duration = 240,
    .set_new_validators_delay = 120,
    .deploy_window = 500,
  };
}

PocsimAnchor
pocsim_anchor_mainnet (void)
{
  return (PocsimAnchor) { POCSIM_MAINNET_ANCHOR_EPOCH, POCSIM_MAINNET_ANCHOR_POC_START };
}

static gboolean
overflow (GError **error, gint64 epoch)
{
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW,
               "epoch %" G_GINT64_FORMAT ": a block height overflows int64", epoch);
  return FALSE;
}

/* Offset of set-new-validators from the PoC start, checked. */
static gboolean
set_validators_offset (const PocsimEpochParams *p, gint64 *out)
{
  gint64 v;
  return pocsim_add_i64 (p->poc_stage_duration, p->poc_validation_delay, &v)
         && pocsim_add_i64 (v, p->poc_validation_duration, &v)
         && pocsim_add_i64 (v, p->set_new_validators_delay, out);
}

gboolean
pocsim_epoch_params_check (const PocsimEpochParams *p, GError **error)
{
  const struct { const char *name; gint64 value; } fields[] = {
    { "poc_stage_duration", p->poc_stage_duration },
    { "poc_validation_delay", p->poc_validation_delay },
    { "poc_validation_duration", p->poc_validation_duration },
    { "set_new_validators_delay", p->set_new_validators_delay },
  };
  if (p->epoch_length <= 0)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "epoch_params.epoch_length must be positive, got %" G_GINT64_FORMAT, p->epoch_length);
      return FALSE;
    }
  for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
    if (fields[k].value < 0)
      {
        g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                     "epoch_params.%s must not be negative, got %" G_GINT64_FORMAT, fields[k].name,
                     fields[k].value);
        return FALSE;
      }
  gint64 s;
  if (!set_validators_offset (p, &s) || s >= p->epoch_length)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "epoch_params: the stages (poc_stage_duration + poc_validation_delay + "
                   "poc_validation_duration + set_new_validators_delay) do not fit in epoch_length %" G_GINT64_FORMAT,
                   p->epoch_length);
      return FALSE;
    }
  return TRUE;
}

gboolean
pocsim_timeline_compute (const PocsimEpochParams *p, PocsimAnchor anchor, gint64 epoch, PocsimTimeline *out,
                         GError **error)
{
  if (!pocsim_epoch_params_check (p, error))
    return FALSE;
  gint64 s_off = 0;
  set_validators_offset (p, &s_off); /* checked above */

  PocsimTimeline t = { .epoch = epoch };
  gint64 d, shift, prev_p;
  /* P = anchor + (E - anchor_epoch) * epoch_length */
  if (__builtin_sub_overflow (epoch, anchor.epoch, &d) || __builtin_mul_overflow (d, p->epoch_length, &shift)
      || !pocsim_add_i64 (anchor.poc_start, shift, &t.poc_start)
      || !pocsim_add_i64 (t.poc_start, p->poc_stage_duration, &t.generation_end)
      || !pocsim_add_i64 (t.generation_end, p->poc_validation_delay, &t.validation_start)
      || !pocsim_add_i64 (t.validation_start, p->poc_validation_duration, &t.formation)
      || !pocsim_add_i64 (t.formation, p->set_new_validators_delay, &t.set_new_validators)
      || !pocsim_add_i64 (t.poc_start, p->epoch_length, &t.next_poc_start)
      || __builtin_sub_overflow (t.poc_start, p->epoch_length, &prev_p)
      || !pocsim_add_i64 (prev_p, t.formation - t.poc_start, &t.previous_formation))
    return overflow (error, epoch);

  /* The window opens after the previous formation's wipe; that block must
   * exist for the projection to mean anything. */
  if (t.previous_formation < 1)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "epoch %" G_GINT64_FORMAT ": projected from epoch %" G_GINT64_FORMAT " at block %" G_GINT64_FORMAT
                   ", the previous formation would be at block %" G_GINT64_FORMAT " (before block 1)",
                   epoch, anchor.epoch, anchor.poc_start, t.previous_formation);
      return FALSE;
    }

  /* IsDelegationSnapshotHeight: captured at P - dw when 0 < dw < L - S. */
  t.has_bootstrap_snapshot = p->deploy_window > 0 && p->deploy_window < p->epoch_length - s_off;
  if (t.has_bootstrap_snapshot)
    {
      t.bootstrap_snapshot = t.poc_start - p->deploy_window; /* > previous S > 0 */
      t.intent = (PocsimWindow) { t.previous_formation + 1, t.bootstrap_snapshot };
      t.delegation_bootstrap = (PocsimWindow) { 0, t.bootstrap_snapshot };
    }
  /* A transaction in the block of a capture is executed before that block's
   * EndBlock runs the capture, so the capture height is the last block; one
   * in the block of a formation is wiped by it, so the first block is F+1. */
  t.refusal = (PocsimWindow) { t.previous_formation + 1, t.validation_start };
  t.delegation_regular = (PocsimWindow) { 0, t.validation_start };
  *out = t;
  return TRUE;
}
