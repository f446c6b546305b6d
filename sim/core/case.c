#include "core/case.h"

#include <string.h>

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Copies, sorts and deduplicates `in` into the chunk; returns the count. */
static guint
intern_sorted (GStringChunk *chunk, const char *const *in, guint n, const char ***out)
{
  const char **tmp = g_new (const char *, n ? n : 1);
  if (n > 0) /* in may be NULL when empty */
    memcpy (tmp, in, n * sizeof *tmp);
  qsort (tmp, n, sizeof *tmp, compare_strings);
  guint k = 0;
  for (guint j = 0; j < n; j++)
    if (k == 0 || strcmp (tmp[k - 1], tmp[j]) != 0)
      tmp[k++] = tmp[j];
  for (guint j = 0; j < k; j++)
    tmp[j] = g_string_chunk_insert_const (chunk, tmp[j]);
  *out = tmp;
  return k;
}

PocsimCase *
pocsim_case_new (const char *const *addrs, guint n_addrs,
                 const char *const *models, guint n_models)
{
  PocsimCase *c = g_new0 (PocsimCase, 1);
  c->strings = g_string_chunk_new (4096);
  c->rules = pocsim_rule_set_default ();
  c->rules_reason = POCSIM_RULES_FROM_DEFAULT;
  c->height = -1;
  c->params.initial_model = POCSIM_NO_MODEL;

  c->n_addrs = intern_sorted (c->strings, addrs, n_addrs, &c->addrs);
  const char **model_ids;
  c->n_models = intern_sorted (c->strings, models, n_models, &model_ids);
  c->models = g_new0 (PocsimModel, c->n_models ? c->n_models : 1);
  for (guint m = 0; m < c->n_models; m++)
    {
      g_autofree char *node_id = g_strconcat ("n-", model_ids[m], NULL);
      c->models[m].id = model_ids[m];
      c->models[m].node_id = g_string_chunk_insert_const (c->strings, node_id);
      c->models[m].coeff = pocsim_dec_one ();
    }
  g_free (model_ids);

  gsize cells = (gsize) c->n_models * c->n_addrs;
  c->prev_weight = g_new0 (gint64, c->n_addrs + 1);
  c->collateral = g_new0 (gint64, c->n_addrs + 1);
  c->addr_flags = g_new0 (guint8, c->n_addrs + 1);
  c->cell_flags = g_new0 (guint8, cells + 1);
  c->prev_vp = g_new0 (gint64, cells + 1);
  c->prev_pw = g_new0 (gint64, cells + 1);
  c->pw = g_new0 (gint64, cells + 1);
  c->boot_delegate = g_new (guint32, cells + 1);
  c->reg_delegate = g_new (guint32, cells + 1);
  memset (c->boot_delegate, 0xff, (cells + 1) * sizeof (guint32));
  memset (c->reg_delegate, 0xff, (cells + 1) * sizeof (guint32));
  c->prev_cap_weight = g_new0 (gint64, c->n_addrs + 1);
  c->prev_confirmation_weight = g_new0 (gint64, c->n_addrs + 1);
  return c;
}

void
pocsim_case_free (PocsimCase *c)
{
  if (c == NULL)
    return;
  g_free (c->addrs);
  g_free (c->models);
  g_free (c->prev_weight);
  g_free (c->collateral);
  g_free (c->addr_flags);
  g_free (c->cell_flags);
  g_free (c->prev_vp);
  g_free (c->prev_pw);
  g_free (c->pw);
  g_free (c->boot_delegate);
  g_free (c->reg_delegate);
  g_free (c->prev_cap_weight);
  g_free (c->prev_confirmation_weight);
  g_free (c->prev_node_id);
  g_free (c->nodes);
  g_free (c->node_first);
  g_free (c->hardware);
  g_free (c->hardware_first);
  g_string_chunk_free (c->strings);
  g_free (c);
}

static guint32
find_sorted (const char *const *table, guint n, const char *key)
{
  guint lo = 0, hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = strcmp (table[mid], key);
      if (cmp == 0)
        return mid;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return G_MAXUINT32;
}

guint32
pocsim_case_find_addr (const PocsimCase *c, const char *addr)
{
  return find_sorted (c->addrs, c->n_addrs, addr);
}

guint32
pocsim_case_find_model (const PocsimCase *c, const char *model_id)
{
  guint lo = 0, hi = c->n_models;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = strcmp (c->models[mid].id, model_id);
      if (cmp == 0)
        return mid;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return POCSIM_NO_MODEL;
}

/* E's state of v0.2.16; node ids are interned again in C's own chunk. */
static void
copy_previous_epoch (PocsimCase *c, const PocsimCase *src)
{
  gsize cells = (gsize) c->n_models * c->n_addrs;
  memcpy (c->prev_cap_weight, src->prev_cap_weight, c->n_addrs * sizeof (gint64));
  memcpy (c->prev_confirmation_weight, src->prev_confirmation_weight, c->n_addrs * sizeof (gint64));
  c->has_previous_cap_weights = src->has_previous_cap_weights;
  c->previous_cap_weight_applied = src->previous_cap_weight_applied;
  if (src->prev_node_id != NULL)
    {
      c->prev_node_id = g_new0 (const char *, cells + 1);
      for (gsize k = 0; k < cells; k++)
        if (src->prev_node_id[k] != NULL)
          c->prev_node_id[k] = g_string_chunk_insert_const (c->strings, src->prev_node_id[k]);
    }
}

/* U's validated nodes and hardware records. */
static void
copy_nodes (PocsimCase *c, const PocsimCase *src)
{
  c->governance_explicit = src->governance_explicit;
  if (src->node_first != NULL)
    {
      c->n_nodes = src->n_nodes;
      c->nodes = g_new (PocsimPocNode, src->n_nodes + 1);
      c->node_first = g_memdup2 (src->node_first, (c->n_addrs + 1) * sizeof (guint32));
      for (guint k = 0; k < src->n_nodes; k++)
        {
          c->nodes[k] = src->nodes[k];
          c->nodes[k].node_id = g_string_chunk_insert_const (c->strings, src->nodes[k].node_id);
        }
    }
  if (src->hardware_first != NULL)
    {
      c->n_hardware = src->n_hardware;
      c->hardware = g_new (PocsimHardwareModel, src->n_hardware + 1);
      c->hardware_first = g_memdup2 (src->hardware_first, (c->n_addrs + 1) * sizeof (guint32));
      for (guint k = 0; k < src->n_hardware; k++)
        {
          c->hardware[k] = src->hardware[k];
          c->hardware[k].node_id = g_string_chunk_insert_const (c->strings, src->hardware[k].node_id);
        }
    }
}

PocsimCase *
pocsim_case_copy (const PocsimCase *src)
{
  const char **models = g_new (const char *, src->n_models + 1);
  for (guint m = 0; m < src->n_models; m++)
    models[m] = src->models[m].id;
  PocsimCase *c = pocsim_case_new (src->addrs, src->n_addrs, models, src->n_models);
  g_free (models);
  c->rules = src->rules;
  c->rules_reason = src->rules_reason;
  c->height = src->height;
  c->upcoming_epoch = src->upcoming_epoch;
  c->params = src->params;
  for (guint m = 0; m < src->n_models; m++)
    {
      const char *id = c->models[m].id, *node_id = c->models[m].node_id;
      c->models[m] = src->models[m];
      c->models[m].id = id;
      c->models[m].node_id = node_id;
    }
  gsize cells = (gsize) c->n_models * c->n_addrs;
  memcpy (c->prev_weight, src->prev_weight, c->n_addrs * sizeof (gint64));
  memcpy (c->collateral, src->collateral, c->n_addrs * sizeof (gint64));
  memcpy (c->addr_flags, src->addr_flags, c->n_addrs);
  memcpy (c->cell_flags, src->cell_flags, cells);
  memcpy (c->prev_vp, src->prev_vp, cells * sizeof (gint64));
  memcpy (c->prev_pw, src->prev_pw, cells * sizeof (gint64));
  memcpy (c->pw, src->pw, cells * sizeof (gint64));
  memcpy (c->boot_delegate, src->boot_delegate, cells * sizeof (guint32));
  memcpy (c->reg_delegate, src->reg_delegate, cells * sizeof (guint32));
  c->has_bootstrap_snapshot = src->has_bootstrap_snapshot;
  c->has_delegation_snapshot = src->has_delegation_snapshot;
  copy_previous_epoch (c, src);
  copy_nodes (c, src);
  c->collateral_not_captured = src->collateral_not_captured;
  return c;
}

gboolean
pocsim_case_poc_entry (const PocsimCase *c, guint m, guint a, gint64 *weight)
{
  gsize k = pocsim_cell (c, m, a);
  guint n;
  const PocsimPocNode *nodes = pocsim_case_nodes (c, a, &n);
  gboolean explained = FALSE;
  *weight = c->pw[k];
  for (guint j = 0; j < n; j++)
    if (nodes[j].model == m)
      {
        *weight -= nodes[j].poc_weight;
        explained = TRUE;
      }
  return (c->cell_flags[k] & POCSIM_CELL_POC_ENTRY) || ((c->cell_flags[k] & POCSIM_CELL_MEMBER) && !explained);
}

gboolean
pocsim_case_collateral_applies (const PocsimCase *c)
{
  return c->params.collateral_enabled && c->upcoming_epoch > c->params.grace_period_end_epoch;
}
