/* diff.c - two formations compared, value by value (diff.h). */
#include "analysis/diff.h"

#include <string.h>

#include "core/modes.h"

/* ---- each side's view, by name ---- */

/* AP(U) of a side: after seating, when the chain did not halt. */
static gboolean
side_active (const PocsimEpochResult *r, guint32 a)
{
  return a != POCSIM_NO_ADDR && r->halt_error == NULL && (r->source->addr_flags[a] & POCSIM_ADDR_ACTIVE);
}

static void
host_view (const PocsimEpochResult *r, int side, PocsimDiffHost *h)
{
  guint32 a = pocsim_case_find_addr (r->source, h->address);
  if (!side_active (r, a))
    return;
  h->present[side] = TRUE;
  h->final[side] = r->final[a];
  h->penalty[side] = r->penalty[a];
  h->reward_weight[side] = r->reward_weight[a];
  h->reward[side] = r->reward[a];
}

/* The previous weight the formation read (W_E, or v0.2.16's previous
 * confirmed weight) and the trust weight (the final weight before v0.2.16);
 * 0 when absent. */
static void
host_extra (const PocsimEpochResult *r, const char *addr, gint64 *previous, gint64 *trust)
{
  guint32 a = pocsim_case_find_addr (r->source, addr);
  *previous = *trust = 0;
  if (!side_active (r, a))
    return;
  *previous = r->prev_weight[a];
  *trust = r->cap_weight[a];
}

/* Mode name ("" if none) and voting power of addr in model on one side. */
static const char *
cell_view (const PocsimEpochResult *r, const char *addr, const char *model, gint64 *vp)
{
  guint32 a = pocsim_case_find_addr (r->source, addr), m = pocsim_case_find_model (r->source, model);
  *vp = 0;
  if (a == POCSIM_NO_ADDR || m == POCSIM_NO_MODEL || r->halt_error != NULL)
    return "";
  gsize k = pocsim_cell (r->source, m, a);
  *vp = r->voting_power[k];
  if (r->groups[m].eligible)
    return pocsim_mode_name (r->mode[k]);
  return pocsim_bootstrap_mode_name (r->bootstrap_mode[k]);
}

static void
group_view (const PocsimEpochResult *r, int side, PocsimDiffGroup *g)
{
  guint32 m = pocsim_case_find_model (r->source, g->model_id);
  g->cap[side] = -1;
  g->scale[side] = pocsim_dec_one ();
  if (m == POCSIM_NO_MODEL || r->halt_error != NULL)
    return;
  const PocsimGroupResult *gr = &r->groups[m];
  g->present[side] = gr->has_members || r->is_bootstrap_candidate[m];
  g->eligible[side] = gr->eligible;
  /* The coefficient a group uses: under dynamic coefficients only the
   * effective ones mean anything. */
  g->has_coeff[side] = r->rules->dynamic_coefficients ? r->coefficients[m].effective : gr->has_members;
  g->coeff[side] = r->coefficients[m].coeff;
  g->raw_total[side] = gr->raw_total;
  g->capped_total[side] = gr->capped_total;
  g->cap[side] = gr->cap;
  g->scale[side] = gr->scale;
  for (guint a = 0; a < r->source->n_addrs; a++)
    g->vp_total[side] += r->voting_power[pocsim_cell (r->source, m, a)];
}

static int
compare_str_ptrs (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The sorted union of both sides' active addresses (or model ids). */
static GPtrArray *
union_sorted (const PocsimEpochResult *a, const PocsimEpochResult *b, gboolean models)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new ();
  const PocsimEpochResult *sides[] = { a, b };
  for (guint k = 0; k < 2; k++)
    {
      const PocsimCase *c = sides[k]->source;
      guint n = models ? c->n_models : c->n_addrs;
      for (guint i = 0; i < n; i++)
        {
          const char *s = models ? c->models[i].id : c->addrs[i];
          if (!models && !side_active (sides[k], i))
            continue;
          if (g_hash_table_add (seen, (gpointer) s))
            g_ptr_array_add (out, (gpointer) s);
        }
    }
  g_ptr_array_sort (out, compare_str_ptrs);
  return out;
}

/* ---- the values that differ ---- */

static gboolean
add_int (PocsimDiff *d, const char *addr, const char *model, const char *field, gint64 a, gint64 b)
{
  if (a == b)
    return FALSE;
  PocsimDiffValue v = { addr, model, field, POCSIM_DIFF_INT, a, b, { 0 }, { 0 }, NULL, NULL };
  g_array_append_val (d->values, v);
  return TRUE;
}

static gboolean
add_cap (PocsimDiff *d, const char *model, gint64 a, gint64 b)
{
  if (a == b)
    return FALSE;
  PocsimDiffValue v = { "", model, "cap", POCSIM_DIFF_CAP, a, b, { 0 }, { 0 }, NULL, NULL };
  g_array_append_val (d->values, v);
  return TRUE;
}

static gboolean
add_dec (PocsimDiff *d, const char *addr, const char *model, const char *field, PocsimDec a, PocsimDec b)
{
  if (pocsim_dec_cmp (a, b) == 0)
    return FALSE;
  PocsimDiffValue v = { addr, model, field, POCSIM_DIFF_DEC, 0, 0, a, b, NULL, NULL };
  g_array_append_val (d->values, v);
  return TRUE;
}

static gboolean
add_text (PocsimDiff *d, const char *addr, const char *model, const char *field, const char *a, const char *b)
{
  if (strcmp (a, b) == 0)
    return FALSE;
  PocsimDiffValue v = { addr, model, field, POCSIM_DIFF_TEXT, 0, 0, { 0 }, { 0 }, g_strdup (a), g_strdup (b) };
  g_array_append_val (d->values, v);
  return TRUE;
}

static const char *
yes_no (gboolean v)
{
  return v ? "yes" : "no";
}

static gboolean
add_coefficient (PocsimDiff *d, const PocsimDiffGroup *g)
{
  char a[POCSIM_DEC_FORMAT_SIZE], b[POCSIM_DEC_FORMAT_SIZE];
  if (g->has_coeff[0] && g->has_coeff[1])
    return add_dec (d, "", g->model_id, "coefficient", g->coeff[0], g->coeff[1]);
  return add_text (d, "", g->model_id, "coefficient", g->has_coeff[0] ? pocsim_dec_format (g->coeff[0], a) : "-",
                   g->has_coeff[1] ? pocsim_dec_format (g->coeff[1], b) : "-");
}

/* Every group value that differs; whether any did. */
static gboolean
diff_group (PocsimDiff *d, const PocsimDiffGroup *g)
{
  const char *m = g->model_id;
  gboolean changed = FALSE;
  changed |= add_text (d, "", m, "eligible", yes_no (g->eligible[0]), yes_no (g->eligible[1]));
  changed |= add_coefficient (d, g);
  changed |= add_int (d, "", m, "raw_total", g->raw_total[0], g->raw_total[1]);
  changed |= add_cap (d, m, g->cap[0], g->cap[1]);
  changed |= add_dec (d, "", m, "scale", g->scale[0], g->scale[1]);
  changed |= add_int (d, "", m, "capped_total", g->capped_total[0], g->capped_total[1]);
  changed |= add_int (d, "", m, "voting_power_total", g->vp_total[0], g->vp_total[1]);
  return changed;
}

/* Every host value that differs; whether any did. */
static gboolean
diff_host (PocsimDiff *d, const PocsimEpochResult *a, const PocsimEpochResult *b, const PocsimDiffHost *h,
           GPtrArray *models)
{
  const char *addr = h->address;
  gboolean changed = add_text (d, addr, "", "active", yes_no (h->present[0]), yes_no (h->present[1]));
  gint64 prev[2], trust[2];
  host_extra (a, addr, &prev[0], &trust[0]);
  host_extra (b, addr, &prev[1], &trust[1]);
  changed |= add_dec (d, addr, "", "penalty", h->penalty[0], h->penalty[1]);
  changed |= add_int (d, addr, "", "previous", prev[0], prev[1]);
  changed |= add_int (d, addr, "", "final", h->final[0], h->final[1]);
  /* Before v0.2.16 the trust weight is the final weight: no row of its own. */
  if (a->rules->trust_weights || b->rules->trust_weights)
    changed |= add_int (d, addr, "", "trust_weight", trust[0], trust[1]);
  changed |= add_int (d, addr, "", "reward_weight", h->reward_weight[0], h->reward_weight[1]);
  if (d->has_reward[0] && d->has_reward[1]) /* else one side's rewards are unknown, not 0 */
    changed |= add_int (d, addr, "", "reward", h->reward[0], h->reward[1]);
  for (guint k = 0; k < models->len; k++)
    {
      const char *model = g_ptr_array_index (models, k);
      gint64 vpa, vpb;
      const char *ma = cell_view (a, addr, model, &vpa), *mb = cell_view (b, addr, model, &vpb);
      changed |= add_text (d, addr, model, "mode", *ma ? ma : "-", *mb ? mb : "-");
      changed |= add_int (d, addr, model, "voting_power", vpa, vpb);
    }
  return changed;
}

/* ---- the summary ---- */

static void
summarise_host (PocsimDiff *d, const PocsimDiffHost *h)
{
  gint64 change = h->final[1] - h->final[0], reward = h->reward[1] - h->reward[0];
  d->hosts_changed += h->changed;
  d->hosts_gaining += change > 0;
  d->hosts_losing += change < 0;
  d->hosts_losing_all += h->final[0] > 0 && h->final[1] == 0;
  for (int s = 0; s < 2; s++)
    {
      d->weight_total[s] += h->final[s];
      d->reward_total[s] += h->reward[s];
    }
  if (change > 0)
    d->weight_gained += change;
  else
    d->weight_lost -= change;
  if (reward > 0)
    d->reward_gained += reward;
  else
    d->reward_lost -= reward;
}

PocsimDiff *
pocsim_diff_compute (const PocsimEpochResult *a, const PocsimEpochResult *b)
{
  PocsimDiff *d = g_new0 (PocsimDiff, 1);
  const PocsimEpochResult *sides[] = { a, b };
  d->groups = g_array_new (FALSE, TRUE, sizeof (PocsimDiffGroup));
  d->hosts = g_array_new (FALSE, TRUE, sizeof (PocsimDiffHost));
  d->values = g_array_new (FALSE, TRUE, sizeof (PocsimDiffValue));
  for (int s = 0; s < 2; s++)
    {
      d->halt[s] = sides[s]->halt_error;
      d->has_reward[s] = sides[s]->source->params.has_reward && sides[s]->halt_error == NULL;
      d->epoch_reward[s] = d->has_reward[s] ? sides[s]->epoch_reward : 0;
    }
  add_text (d, "", "", "halt", a->halt_error ? a->halt_error : "-", b->halt_error ? b->halt_error : "-");

  g_autoptr (GPtrArray) models = union_sorted (a, b, TRUE);
  for (guint k = 0; k < models->len; k++)
    {
      PocsimDiffGroup g = { .model_id = g_ptr_array_index (models, k) };
      group_view (a, 0, &g);
      group_view (b, 1, &g);
      if (!g.present[0] && !g.present[1])
        continue;
      g.changed = diff_group (d, &g);
      d->eligibility_changes += g.eligible[0] != g.eligible[1];
      g_array_append_val (d->groups, g);
    }

  g_autoptr (GPtrArray) addrs = union_sorted (a, b, FALSE);
  for (guint k = 0; k < addrs->len; k++)
    {
      PocsimDiffHost h = { .address = g_ptr_array_index (addrs, k) };
      host_view (a, 0, &h);
      host_view (b, 1, &h);
      h.changed = diff_host (d, a, b, &h, models);
      summarise_host (d, &h);
      g_array_append_val (d->hosts, h);
    }
  return d;
}
