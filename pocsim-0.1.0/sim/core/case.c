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
  c->params.initial_model = POCSIM_NO_MODEL;

  c->n_addrs = intern_sorted (c->strings, addrs, n_addrs, &c->addrs);
  const char **model_ids;
  c->n_models = intern_sorted (c->strings, models, n_models, &model_ids);
  c->models = g_new0 (PocsimModel, c->n_models ? c->n_models : 1);
  for (guint m = 0; m < c->n_models; m++)
    {
      c->models[m].id = model_ids[m];
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

PocsimCase *
pocsim_case_copy (const PocsimCase *src)
{
  const char **models = g_new (const char *, src->n_models + 1);
  for (guint m = 0; m < src->n_models; m++)
    models[m] = src->models[m].id;
  PocsimCase *c = pocsim_case_new (src->addrs, src->n_addrs, models, src->n_models);
  g_free (models);
  c->rules = src->rules;
  c->upcoming_epoch = src->upcoming_epoch;
  c->params = src->params;
  for (guint m = 0; m < src->n_models; m++)
    {
      const char *id = c->models[m].id;
      c->models[m] = src->models[m];
      c->models[m].id = id;
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
  c->collateral_not_captured = src->collateral_not_captured;
  return c;
}

gboolean
pocsim_case_collateral_applies (const PocsimCase *c)
{
  return c->params.collateral_enabled && c->upcoming_epoch > c->params.grace_period_end_epoch;
}
