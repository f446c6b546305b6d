/* result_json.c - the pocsim-result/1 document, written as a stream
 * (io/json_writer.h), one function per part of the document. */
#include "io/result_json.h"

#include <stdlib.h>

#include "io/json_autoptr.h"
#include "io/json_writer.h"
#include "io/units.h"

static void
member_opt_dec (PocsimJsonWriter *w, const char *key, PocsimOptDec d)
{
  if (d.set)
    pocsim_json_member_dec (w, key, d.value);
  else
    pocsim_json_member_null (w, key);
}

/* The v0.2.16 shape (spec v0.2.16.md §4, "Result fields in full"). */
static gboolean
trust_shape (const PocsimEpochResult *r)
{
  return r->rules->trust_weights;
}

void
pocsim_preeligibility_write_members (PocsimJsonWriter *w, const PocsimCase *c, const PocsimPreEligibility *ev)
{
  pocsim_json_member_string (w, "model_id", c->models[ev->model].id);
  pocsim_json_member_bool (w, "pre_eligible", ev->pre_eligible);
  pocsim_json_member_bool (w, "meets_weight_threshold", ev->meets_weight_threshold);
  pocsim_json_member_bool (w, "meets_v_min", ev->meets_v_min);
  pocsim_json_member_bool (w, "meets_reachability", ev->meets_reachability);
  pocsim_json_member_int (w, "intent_host_count", ev->intent_host_count);
  pocsim_json_member_int (w, "intent_weight", ev->intent_weight);
  pocsim_json_member_int (w, "reachable_voting_power", ev->reachable_voting_power);
  pocsim_json_member_int (w, "total_network_weight", ev->total_network_weight);
}

static void
write_bootstrap_events (PocsimJsonWriter *w, const PocsimEpochResult *r)
{
  pocsim_json_member_array (w, "bootstrap");
  for (guint k = 0; k < r->n_bootstrap; k++)
    {
      pocsim_json_object_open (w);
      pocsim_preeligibility_write_members (w, r->input, &r->bootstrap[k]);
      pocsim_json_object_close (w);
    }
  pocsim_json_array_close (w);
}

static void
write_groups (PocsimJsonWriter *w, const PocsimEpochResult *r)
{
  const PocsimCase *c = r->source;
  pocsim_json_member_array (w, "groups");
  for (guint m = 0; m < c->n_models; m++)
    {
      const PocsimGroupResult *g = &r->groups[m];
      if (!g->has_members)
        continue;
      pocsim_json_object_open (w);
      pocsim_json_member_string (w, "model_id", c->models[m].id);
      pocsim_json_member_bool (w, "eligible", g->eligible);
      pocsim_json_member_dec (w, "coeff", r->coefficients[m].coeff);
      pocsim_json_member_int (w, "raw_total", g->raw_total);
      pocsim_json_member_int (w, "cap", g->cap);
      pocsim_json_member_dec (w, "scale", g->scale);
      pocsim_json_object_close (w);
    }
  pocsim_json_array_close (w);
}

/* The per-model maps of participant a. */
static void
write_modes (PocsimJsonWriter *w, const PocsimEpochResult *r, guint a)
{
  const PocsimCase *c = r->source;
  pocsim_json_member_object (w, "modes");
  for (guint m = 0; m < c->n_models; m++)
    {
      gsize k = pocsim_cell (c, m, a);
      if (r->groups[m].eligible && r->mode[k] != POCSIM_MODE_UNSET)
        pocsim_json_member_string (w, c->models[m].id, pocsim_mode_name (r->mode[k]));
    }
  pocsim_json_object_close (w);
}

static void
write_bootstrap_modes (PocsimJsonWriter *w, const PocsimEpochResult *r, guint a)
{
  const PocsimCase *c = r->source;
  pocsim_json_member_object (w, "bootstrap_modes");
  for (guint m = 0; m < c->n_models; m++)
    {
      gsize k = pocsim_cell (c, m, a);
      if (r->bootstrap_mode[k] != POCSIM_BMODE_UNSET)
        pocsim_json_member_string (w, c->models[m].id, pocsim_bootstrap_mode_name (r->bootstrap_mode[k]));
    }
  pocsim_json_object_close (w);
}

static void
write_voting_powers (PocsimJsonWriter *w, const PocsimEpochResult *r, guint a)
{
  const PocsimCase *c = r->source;
  pocsim_json_member_object (w, "voting_powers");
  for (guint m = 0; m < c->n_models; m++)
    {
      gsize k = pocsim_cell (c, m, a);
      if (r->voting_power[k] > 0)
        pocsim_json_member_int (w, c->models[m].id, r->voting_power[k]);
    }
  pocsim_json_object_close (w);
}

/* v0.2.16: the PoC weight seated per model. */
static void
write_seated (PocsimJsonWriter *w, const PocsimEpochResult *r, guint a)
{
  const PocsimCase *c = r->source;
  pocsim_json_member_object (w, "seated");
  for (guint m = 0; m < c->n_models; m++)
    {
      gsize k = pocsim_cell (c, m, a);
      if (c->cell_flags[k] & POCSIM_CELL_MEMBER)
        pocsim_json_member_int (w, c->models[m].id, c->pw[k]);
    }
  pocsim_json_object_close (w);
}

static void
write_reward (PocsimJsonWriter *w, const PocsimEpochResult *r, guint a)
{
  char share[POCSIM_UNITS_SIZE];
  if (r->rules->reward_only_penalties)
    pocsim_json_member_int (w, "reward_weight", r->reward_weight[a]);
  if (!r->source->params.has_reward) /* ngonka, when the case carries bitcoin_reward_params */
    return;
  pocsim_json_member_int (w, "reward", r->reward[a]);
  pocsim_json_member_string (w, "reward_share", pocsim_share_format (r->reward[a], r->epoch_reward, share));
}

static void
write_participant (PocsimJsonWriter *w, const PocsimEpochResult *r, guint a)
{
  const PocsimCase *c = r->source;
  pocsim_json_object_open (w);
  pocsim_json_member_string (w, "address", c->addrs[a]);
  write_modes (w, r, a);
  write_bootstrap_modes (w, r, a);
  pocsim_json_member_int (w, "consensus", r->consensus[a]);
  pocsim_json_member_dec (w, "penalty", r->penalty[a]);
  pocsim_json_member_int (w, "transfer_in", r->transfer_in[a]);
  pocsim_json_member_int (w, "transfer_out", r->transfer_out[a]);
  pocsim_json_member_int (w, "after_penalty", r->after_penalty[a]);
  pocsim_json_member_int (w, "final", r->final[a]);
  write_reward (w, r, a);
  write_voting_powers (w, r, a);
  pocsim_json_object_close (w);
}

/* v0.2.16: seated PoC, the previous confirmed weight and the trust weight;
 * weights are not moved by penalties or transfers, so those columns go. */
static void
write_trust_participant (PocsimJsonWriter *w, const PocsimEpochResult *r, guint a)
{
  const PocsimCase *c = r->source;
  pocsim_json_object_open (w);
  pocsim_json_member_string (w, "address", c->addrs[a]);
  write_seated (w, r, a);
  pocsim_json_member_int_or_null (w, "previous_confirmed", c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS,
                                  r->prev_weight[a]);
  write_modes (w, r, a);
  write_bootstrap_modes (w, r, a);
  pocsim_json_member_int (w, "consensus", r->consensus[a]);
  pocsim_json_member_dec (w, "penalty", r->penalty[a]);
  pocsim_json_member_int (w, "final", r->final[a]);
  pocsim_json_member_int (w, "cap_weight", r->cap_weight[a]);
  write_reward (w, r, a);
  write_voting_powers (w, r, a);
  pocsim_json_object_close (w);
}

/* The active participants, in address order. */
static void
write_participants (PocsimJsonWriter *w, const PocsimEpochResult *r,
                    void (*write_one) (PocsimJsonWriter *, const PocsimEpochResult *, guint))
{
  const PocsimCase *c = r->source;
  pocsim_json_member_array (w, "participants");
  for (guint a = 0; a < c->n_addrs; a++)
    if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
      write_one (w, r, a);
  pocsim_json_array_close (w);
}

/* U's persisted ConfirmationWeightScales. */
static void
write_coefficients (PocsimJsonWriter *w, const PocsimEpochResult *r)
{
  const PocsimCase *c = r->source;
  pocsim_json_member_array (w, "coefficients");
  for (guint m = 0; m < c->n_models; m++)
    {
      const PocsimModelCoefficient *mc = &r->coefficients[m];
      if (!mc->has_scale)
        continue;
      pocsim_json_object_open (w);
      pocsim_json_member_string (w, "model_id", c->models[m].id);
      member_opt_dec (w, "effective_coefficient", mc->scale.effective_coefficient);
      member_opt_dec (w, "base_coefficient", mc->scale.base_coefficient);
      member_opt_dec (w, "adaptive_step", mc->scale.adaptive_step);
      pocsim_json_member_int (w, "prev_sign", mc->scale.prev_sign);
      pocsim_json_member_bool (w, "exclude_from_confirmation", mc->scale.exclude_from_confirmation);
      pocsim_json_object_close (w);
    }
  pocsim_json_array_close (w);
}

static void
write_effective_coefficients (PocsimJsonWriter *w, const PocsimEpochResult *r)
{
  const PocsimCase *c = r->source;
  pocsim_json_member_object (w, "effective_coefficients");
  for (guint m = 0; m < c->n_models; m++)
    if (r->coefficients[m].effective)
      pocsim_json_member_dec (w, c->models[m].id, r->coefficients[m].coeff);
  pocsim_json_object_close (w);
}

/* The delegation reward snapshot: penalty fractions and transfers. */
static void
write_reward_snapshot (PocsimJsonWriter *w, const PocsimEpochResult *r)
{
  const PocsimCase *c = r->source;
  pocsim_json_member_array (w, "reward_penalties");
  for (guint a = 0; a < c->n_addrs; a++)
    if ((c->addr_flags[a] & POCSIM_ADDR_ACTIVE) && r->consensus[a] > 0 && !pocsim_dec_is_zero (r->penalty[a]))
      {
        pocsim_json_object_open (w);
        pocsim_json_member_string (w, "participant", c->addrs[a]);
        pocsim_json_member_dec (w, "fraction", r->penalty[a]);
        pocsim_json_object_close (w);
      }
  pocsim_json_array_close (w);
  pocsim_json_member_array (w, "reward_transfers");
  for (guint k = 0; k < r->transfers->len; k++)
    {
      const PocsimTransfer *t = &g_array_index (r->transfers, PocsimTransfer, k);
      pocsim_json_object_open (w);
      pocsim_json_member_string (w, "model", c->models[t->model].id);
      pocsim_json_member_string (w, "from", c->addrs[t->from]);
      pocsim_json_member_string (w, "to", c->addrs[t->to]);
      pocsim_json_member_dec (w, "share", c->params.delegation_share);
      pocsim_json_object_close (w);
    }
  pocsim_json_array_close (w);
}

/* PoC participants that seating left out of AP(U). */
static void
write_dropped (PocsimJsonWriter *w, const PocsimEpochResult *r)
{
  pocsim_json_member_array (w, "dropped_by_seating");
  for (guint a = 0; a < r->input->n_addrs; a++)
    if ((r->input->addr_flags[a] & POCSIM_ADDR_ACTIVE) && !(r->source->addr_flags[a] & POCSIM_ADDR_ACTIVE))
      pocsim_json_put_string (w, r->input->addrs[a]);
  pocsim_json_array_close (w);
}

/* format, rules, why this rule set when pocsim chose it (the case named
 * none), the epoch. */
static void
write_header (PocsimJsonWriter *w, const PocsimEpochResult *r)
{
  const PocsimCase *c = r->input;
  pocsim_json_member_string (w, "format", "pocsim-result/1");
  pocsim_json_member_string (w, "rules", r->rules->name);
  if (c->rules_reason == POCSIM_RULES_FROM_HEIGHT || c->rules_reason == POCSIM_RULES_FROM_DEFAULT)
    {
      pocsim_json_member_string (w, "rules_reason", pocsim_rules_reason_name (c->rules_reason));
      if (c->height >= 0)
        pocsim_json_member_int (w, "height", c->height);
    }
  pocsim_json_member_int (w, "upcoming_epoch", r->source->upcoming_epoch);
}

static void
write_epoch_reward (PocsimJsonWriter *w, const PocsimEpochResult *r)
{
  if (r->source->params.has_reward)
    pocsim_json_member_int (w, "epoch_reward", r->epoch_reward);
}

/* The members of the v0.2.16 shape after the header. */
static void
write_trust_result (PocsimJsonWriter *w, const PocsimEpochResult *r)
{
  const PocsimCase *c = r->source;
  pocsim_json_member_string (w, "error", r->halt_error);
  if (r->halt_error == NULL)
    {
      pocsim_json_member_string (w, "fallback", pocsim_fallback_name (r->fallback));
      pocsim_json_member_bool (w, "zero_trust_fallback", r->zero_trust_fallback);
      pocsim_json_member_int (w, "total_previous_weight", r->total_previous_weight);
    }
  pocsim_json_member_int_or_null (w, "previous_trust_total", c->has_bootstrap_snapshot, r->base_total);
  write_bootstrap_events (w, r);
  if (r->halt_error != NULL)
    return; /* the chain halted: nothing was formed */
  write_coefficients (w, r);
  write_effective_coefficients (w, r);
  write_groups (w, r);
  write_reward_snapshot (w, r);
  write_dropped (w, r);
  write_participants (w, r, write_trust_participant);
  write_epoch_reward (w, r);
}

/* The members of the shape before v0.2.16 after the header. */
static void
write_legacy_result (PocsimJsonWriter *w, const PocsimEpochResult *r)
{
  pocsim_json_member_int (w, "total_previous_weight", r->total_previous_weight);
  /* Only when it happened: the fixed result shape is unchanged otherwise. */
  if (r->empty_epoch_fallback)
    pocsim_json_member_bool (w, "empty_epoch_fallback", TRUE);
  write_bootstrap_events (w, r);
  write_groups (w, r);
  write_participants (w, r, write_participant);
  write_epoch_reward (w, r);
}

void
pocsim_result_write (PocsimJsonWriter *w, const PocsimEpochResult *r)
{
  pocsim_json_object_open (w);
  write_header (w, r);
  if (trust_shape (r))
    write_trust_result (w, r);
  else
    write_legacy_result (w, r);
  pocsim_json_object_close (w);
}

gboolean
pocsim_result_write_json (const PocsimEpochResult *r, FILE *stream)
{
  g_autoptr (PocsimJsonWriter) w = pocsim_json_writer_new (stream);
  pocsim_result_write (w, r);
  return pocsim_json_writer_finish (w);
}

json_t *
pocsim_result_to_json (const PocsimEpochResult *r)
{
  /* The document is what the writer writes, read back: one definition of
   * the shape, so the tree and the text cannot drift apart. */
  char *text = NULL;
  size_t size = 0;
  FILE *mem = open_memstream (&text, &size);
  if (mem == NULL)
    g_error ("out of memory");
  gboolean written = pocsim_result_write_json (r, mem);
  if (fclose (mem) != 0 || !written)
    g_error ("out of memory");
  json_error_t jerr;
  json_t *doc = json_loadb (text, size, 0, &jerr);
  free (text);
  if (doc == NULL)
    g_error ("the result writer wrote invalid JSON: %s", jerr.text);
  return doc;
}
