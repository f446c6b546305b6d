/* preelig_gap.c - the gaps of a failed pre-eligibility and who closes them. */
#include "analysis/preelig_gap.h"

#include <stdlib.h>

#include "core/error.h"
#include "core/snapshots.h"

typedef struct {
  const PocsimCase *c;
  const gint64 *weight; /* [n_addrs] what pre-eligibility counts: W_E, or v0.2.16's trust base state */
  guint m;
  gboolean *counted;   /* [n_addrs] W_E already in the reachable power */
  guint32 *first_del;  /* [n_addrs] first bootstrap delegator pointing at a, or POCSIM_NO_ADDR */
  guint32 *next_del;   /* [n_addrs] next delegator with the same target */
} Reach;

static void
reach_init (Reach *rc, const PocsimCase *c, const gint64 *weight, guint m)
{
  rc->c = c;
  rc->weight = weight;
  rc->m = m;
  rc->counted = g_new0 (gboolean, c->n_addrs);
  rc->first_del = g_new (guint32, c->n_addrs);
  rc->next_del = g_new (guint32, c->n_addrs);
  for (guint a = 0; a < c->n_addrs; a++)
    rc->first_del[a] = rc->next_del[a] = POCSIM_NO_ADDR;
  /* Walk downwards so each target's list is in address order. */
  for (guint d = c->n_addrs; d-- > 0;)
    {
      guint32 t = pocsim_boot_delegate (c, m, d);
      gboolean intent = pocsim_boot_intent (c, m, d);
      rc->counted[d] = intent || (t != POCSIM_NO_ADDR && pocsim_boot_intent (c, m, t));
      if (t != POCSIM_NO_ADDR && !intent)
        {
          rc->next_del[d] = rc->first_del[t];
          rc->first_del[t] = d;
        }
    }
}

static void
reach_clear (Reach *rc)
{
  g_free (rc->counted);
  g_free (rc->first_del);
  g_free (rc->next_del);
}

/* Host p declares an intent: what the reachable power gains. */
static gboolean
reach_add_intent (Reach *rc, guint32 p, gint64 *gain)
{
  const gint64 *w = rc->weight;
  gint64 g = 0;
  if (!rc->counted[p])
    g = w[p];
  rc->counted[p] = TRUE;
  for (guint32 d = rc->first_del[p]; d != POCSIM_NO_ADDR; d = rc->next_del[d])
    if (!rc->counted[d])
      {
        if (!pocsim_add_i64 (g, w[d], &g))
          return FALSE;
        rc->counted[d] = TRUE;
      }
  *gain = g;
  return TRUE;
}

static gboolean
reaches (gint64 reachable, gint64 total)
{
  return total > 0 && (__int128) 3 * reachable > (__int128) 2 * total;
}

typedef struct {
  const gint64 *weight;
  const char *const *addrs;
} RankCtx;

static int
by_weight_desc (const void *a, const void *b, void *data)
{
  const RankCtx *ctx = data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  if (ctx->weight[x] != ctx->weight[y])
    return ctx->weight[x] > ctx->weight[y] ? -1 : 1;
  return (x > y) - (x < y); /* index order is the byte-wise address order */
}

/* Live hosts of E with weight > 0 that KEEP retains, ranked. */
static GArray *
rank_candidates (const PocsimCase *c, guint m, gboolean (*keep) (const PocsimCase *, guint, guint, const Reach *),
                 const Reach *rc)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint32 a = 0; a < c->n_addrs; a++)
    if ((c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS) && rc->weight[a] > 0 && keep (c, m, a, rc))
      g_array_append_val (out, a);
  RankCtx ctx = { rc->weight, c->addrs };
  g_qsort_with_data (out->data, out->len, sizeof (guint32), by_weight_desc, &ctx);
  return out;
}

static gboolean
keep_no_intent (const PocsimCase *c, guint m, guint a, const Reach *rc)
{
  return !pocsim_boot_intent (c, m, a);
}

static gboolean
keep_unreachable (const PocsimCase *c, guint m, guint a, const Reach *rc)
{
  return !rc->counted[a];
}

static gboolean
intent_closers (const PocsimCase *c, const gint64 *base, const PocsimPreEligibility *ev, PocsimPreeligGap *g)
{
  Reach rc;
  reach_init (&rc, c, base, ev->model);
  g_autoptr (GArray) ranked = rank_candidates (c, ev->model, keep_no_intent, &rc);
  gint64 weight = ev->intent_weight, hosts = ev->intent_host_count, reach = ev->reachable_voting_power;
  guint open = (g->weight_needed > 0 ? POCSIM_GAP_WEIGHT : 0) | (g->hosts_needed > 0 ? POCSIM_GAP_HOSTS : 0)
               | (!ev->meets_reachability && g->reachable_possible ? POCSIM_GAP_REACH : 0);
  guint *prefix[] = { &g->intent_prefix_weight, &g->intent_prefix_hosts, &g->intent_prefix_reach };
  for (guint k = 0; k < 3; k++)
    *prefix[k] = (open & (1u << k)) ? POCSIM_GAP_UNCLOSABLE : 0;
  if (!ev->meets_reachability && !g->reachable_possible)
    g->intent_prefix_reach = POCSIM_GAP_UNCLOSABLE;

  g->intent = g_new0 (PocsimGapHost, ranked->len ? ranked->len : 1);
  gboolean ok = TRUE;
  for (guint k = 0; k < ranked->len && open != 0; k++)
    {
      guint32 p = g_array_index (ranked, guint32, k);
      PocsimGapHost *h = &g->intent[g->n_intent++];
      h->addr = p;
      h->previous_weight = h->adds_intent_weight = base[p];
      h->adds_hosts = 1;
      if (!(ok = reach_add_intent (&rc, p, &h->adds_reachable) && pocsim_add_i64 (weight, h->adds_intent_weight, &weight)
                 && pocsim_add_i64 (reach, h->adds_reachable, &reach)))
        break;
      hosts++;
      guint now = ((open & POCSIM_GAP_WEIGHT) && weight >= ev->weight_threshold ? POCSIM_GAP_WEIGHT : 0)
                  | ((open & POCSIM_GAP_HOSTS) && hosts >= g->v_min ? POCSIM_GAP_HOSTS : 0)
                  | ((open & POCSIM_GAP_REACH) && reaches (reach, ev->total_network_weight) ? POCSIM_GAP_REACH : 0);
      h->closes = now;
      for (guint b = 0; b < 3; b++)
        if (now & (1u << b))
          *prefix[b] = k + 1;
      open &= ~now;
    }
  reach_clear (&rc);
  g->intent_prefix_all = MAX (g->intent_prefix_weight, MAX (g->intent_prefix_hosts, g->intent_prefix_reach));
  return ok;
}

static gboolean
delegation_closers (const PocsimCase *c, const gint64 *weight, const PocsimPreEligibility *ev, PocsimPreeligGap *g)
{
  if (ev->meets_reachability)
    return TRUE;
  g->delegation_prefix = POCSIM_GAP_UNCLOSABLE;
  /* Delegations count only towards an intent holder; none, no help. */
  gboolean any_holder = FALSE;
  for (guint a = 0; a < c->n_addrs && !any_holder; a++)
    any_holder = pocsim_boot_intent (c, ev->model, a);
  if (!g->reachable_possible || !any_holder)
    return TRUE;
  Reach rc;
  reach_init (&rc, c, weight, ev->model);
  g_autoptr (GArray) ranked = rank_candidates (c, ev->model, keep_unreachable, &rc);
  reach_clear (&rc);
  g->delegation = g_new0 (PocsimGapDelegator, ranked->len ? ranked->len : 1);
  gint64 reach = ev->reachable_voting_power;
  for (guint k = 0; k < ranked->len; k++)
    {
      guint32 d = g_array_index (ranked, guint32, k);
      PocsimGapDelegator *x = &g->delegation[g->n_delegation++];
      x->addr = d;
      x->previous_weight = x->adds_reachable = weight[d];
      if (!pocsim_add_i64 (reach, x->adds_reachable, &reach))
        return FALSE;
      if (reaches (reach, ev->total_network_weight))
        {
          x->closes = TRUE;
          g->delegation_prefix = k + 1;
          break;
        }
    }
  return TRUE;
}

static gboolean
measure (const PocsimCase *c, const gint64 *weight, const PocsimPreEligibility *ev, PocsimPreeligGap *g)
{
  g->event = ev;
  g->v_min = c->params.v_min;
  g->weight_needed = ev->meets_weight_threshold ? 0 : ev->weight_threshold - ev->intent_weight;
  g->hosts_needed = ev->meets_v_min ? 0 : g->v_min - ev->intent_host_count;
  g->reachable_possible = ev->total_network_weight > 0;
  if (!ev->meets_reachability && g->reachable_possible)
    {
      /* smallest X with 3 (R + X) > 2 T:  R + X >= floor(2T / 3) + 1 */
      __int128 need = (__int128) 2 * ev->total_network_weight / 3 + 1 - ev->reachable_voting_power;
      g->reachable_needed = (gint64) need; /* 0 < need <= T */
    }
  return intent_closers (c, weight, ev, g) && delegation_closers (c, weight, ev, g);
}

PocsimPreeligReport *
pocsim_preelig_gap_compute (const PocsimCase *c, const PocsimEpochResult *r, guint32 model, GError **error)
{
  g_autoptr (PocsimPreeligReport) rep = g_new0 (PocsimPreeligReport, 1);
  rep->gaps = g_new0 (PocsimPreeligGap, r->n_bootstrap ? r->n_bootstrap : 1);
  for (guint k = 0; k < r->n_bootstrap; k++)
    {
      const PocsimPreEligibility *ev = &r->bootstrap[k];
      if (model != POCSIM_NO_MODEL && ev->model != model)
        continue;
      if (!measure (c, r->base_weight, ev, &rep->gaps[rep->n++]))
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW,
                       "pre-eligibility gaps of %s: int64 overflow in a weight sum", c->models[ev->model].id);
          return NULL;
        }
    }
  return g_steal_pointer (&rep);
}

void
pocsim_preelig_report_free (PocsimPreeligReport *rep)
{
  if (rep == NULL)
    return;
  for (guint k = 0; k < rep->n; k++)
    {
      g_free (rep->gaps[k].intent);
      g_free (rep->gaps[k].delegation);
    }
  g_free (rep->gaps);
  g_free (rep);
}
