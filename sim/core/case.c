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

/* The per-address and per-cell tables of C's size, each with one spare
 * element: empty (zero weights, no flags, no delegate). */
static void
allocate_tables (PocsimCase *c)
{
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

  allocate_tables (c);
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

/* A case with SRC's tables: the names are sorted and unique already, so
 * they are copied as they are (a replay copies its state every epoch).
 * The node and hardware lists, sized by their data, are allocated by
 * pocsim_case_copy_data. */
static PocsimCase *
case_new_like (const PocsimCase *src)
{
  PocsimCase *c = g_new0 (PocsimCase, 1);
  c->strings = g_string_chunk_new (4096);
  c->n_addrs = src->n_addrs;
  c->n_models = src->n_models;
  c->addrs = g_new (const char *, c->n_addrs ? c->n_addrs : 1);
  for (guint a = 0; a < c->n_addrs; a++)
    c->addrs[a] = g_string_chunk_insert (c->strings, src->addrs[a]);
  c->models = g_new0 (PocsimModel, c->n_models ? c->n_models : 1);
  for (guint m = 0; m < c->n_models; m++)
    {
      c->models[m].id = g_string_chunk_insert (c->strings, src->models[m].id);
      c->models[m].node_id = g_string_chunk_insert (c->strings, src->models[m].node_id);
    }
  allocate_tables (c); /* pocsim_case_copy_data fills them */
  return c;
}

/* E's v0.2.16 state (the cap and confirmation weights, the node ids).  The
 * ids are interned again in C's own chunk, where an id seen in an earlier
 * copy is found, not added; C's array is kept from copy to copy. */
static void
copy_previous_epoch (PocsimCase *c, const PocsimCase *src)
{
  gsize cells = (gsize) c->n_models * c->n_addrs;
  memcpy (c->prev_cap_weight, src->prev_cap_weight, c->n_addrs * sizeof (gint64));
  memcpy (c->prev_confirmation_weight, src->prev_confirmation_weight, c->n_addrs * sizeof (gint64));
  c->has_previous_cap_weights = src->has_previous_cap_weights;
  c->previous_cap_weight_applied = src->previous_cap_weight_applied;
  if (src->prev_node_id == NULL)
    {
      g_clear_pointer (&c->prev_node_id, g_free);
      return;
    }
  if (c->prev_node_id == NULL)
    c->prev_node_id = g_new (const char *, cells + 1);
  for (gsize k = 0; k < cells; k++)
    c->prev_node_id[k] = src->prev_node_id[k] ? g_string_chunk_insert_const (c->strings, src->prev_node_id[k]) : NULL;
  c->prev_node_id[cells] = NULL;
}

/* Room for N entries of SIZE bytes in *LIST, which holds *ROOM (0 = as many
 * as a reader allocated, unknown: it is replaced). */
static void
ensure_room (gpointer *list, guint *room, guint n, gsize size)
{
  if (*list != NULL && *room >= n)
    return;
  g_free (*list);
  *list = g_malloc (n * size);
  *room = n;
}

/* A per-address list of C (U's nodes, or the hardware records): its
 * entries of SIZE bytes, each with a node id at ID_OFFSET, and the index
 * of each address's first entry. */
typedef struct {
  gpointer *list;
  guint32 **first;
  guint *room;
  gsize size;
  gsize id_offset;
} AddrList;

/* Copies SRC's list (N entries; SRC_FIRST NULL: none) into C's, its ids
 * interned in C's chunk; C's arrays are kept when they have room. */
static void
copy_addr_list (PocsimCase *c, const AddrList *to, gconstpointer src_list, const guint32 *src_first, guint n)
{
  if (src_first == NULL)
    {
      g_clear_pointer (to->first, g_free);
      g_clear_pointer (to->list, g_free);
      *to->room = 0;
      return;
    }
  ensure_room (to->list, to->room, n + 1, to->size);
  if (*to->first == NULL)
    *to->first = g_new (guint32, c->n_addrs + 1);
  memcpy (*to->first, src_first, (c->n_addrs + 1) * sizeof (guint32));
  memcpy (*to->list, src_list, n * to->size);
  for (guint k = 0; k < n; k++)
    {
      const char **id = (const char **) ((guint8 *) *to->list + k * to->size + to->id_offset);
      *id = g_string_chunk_insert_const (c->strings, *id);
    }
}

/* U's validated nodes and hardware records. */
static void
copy_nodes (PocsimCase *c, const PocsimCase *src)
{
  c->governance_explicit = src->governance_explicit;
  c->n_nodes = src->n_nodes;
  c->n_hardware = src->n_hardware;
  AddrList nodes = { (gpointer *) &c->nodes, &c->node_first, &c->nodes_room, sizeof (PocsimPocNode),
                     G_STRUCT_OFFSET (PocsimPocNode, node_id) };
  AddrList hardware = { (gpointer *) &c->hardware, &c->hardware_first, &c->hardware_room,
                        sizeof (PocsimHardwareModel), G_STRUCT_OFFSET (PocsimHardwareModel, node_id) };
  copy_addr_list (c, &nodes, src->nodes, src->node_first, src->n_nodes);
  copy_addr_list (c, &hardware, src->hardware, src->hardware_first, src->n_hardware);
}

void
pocsim_case_copy_data (PocsimCase *c, const PocsimCase *src)
{
  g_assert (c->n_addrs == src->n_addrs && c->n_models == src->n_models);
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
}

PocsimCase *
pocsim_case_copy (const PocsimCase *src)
{
  PocsimCase *c = case_new_like (src);
  pocsim_case_copy_data (c, src);
  return c;
}

/* Re-indexing of a case's old tables into a wider case's. */
typedef struct {
  const guint32 *addr_at;
  const guint32 *model_at;
} Reindex;

/* The per-address lists (nodes, hardware) of SRC in C's indices: C's
 * addresses that SRC lacks get none.  Entries move whole (SIZE bytes, the
 * model index at MODEL_OFFSET remapped, the id at ID_OFFSET interned in C). */
static void
widen_lists (PocsimCase *c, const PocsimCase *src, const Reindex *ix, const guint32 *src_first, gconstpointer src_list,
             guint n, gsize size, gsize model_offset, gsize id_offset, guint32 **first_out, gpointer *list_out)
{
  guint32 *first = g_new0 (guint32, c->n_addrs + 1);
  guint8 *list = g_malloc ((n + 1) * size);
  for (guint a = 0; a < src->n_addrs; a++)
    first[ix->addr_at[a] + 1] = src_first[a + 1] - src_first[a];
  for (guint a = 0; a < c->n_addrs; a++)
    first[a + 1] += first[a];
  for (guint a = 0; a < src->n_addrs; a++)
    for (guint32 k = src_first[a], to = first[ix->addr_at[a]]; k < src_first[a + 1]; k++, to++)
      {
        guint8 *entry = list + (gsize) to * size;
        memcpy (entry, (const guint8 *) src_list + (gsize) k * size, size);
        guint32 *model = (guint32 *) (entry + model_offset);
        const char **id = (const char **) (entry + id_offset);
        *model = ix->model_at[*model];
        *id = g_string_chunk_insert_const (c->strings, *id);
      }
  *first_out = first;
  *list_out = list;
}

static void
widen_addr_data (PocsimCase *c, const PocsimCase *src, const Reindex *ix)
{
  for (guint a = 0; a < src->n_addrs; a++)
    {
      guint32 na = ix->addr_at[a];
      c->prev_weight[na] = src->prev_weight[a];
      c->collateral[na] = src->collateral[a];
      c->addr_flags[na] = src->addr_flags[a];
      c->prev_cap_weight[na] = src->prev_cap_weight[a];
      c->prev_confirmation_weight[na] = src->prev_confirmation_weight[a];
    }
  if (src->node_first != NULL)
    {
      widen_lists (c, src, ix, src->node_first, src->nodes, src->n_nodes, sizeof (PocsimPocNode),
                   G_STRUCT_OFFSET (PocsimPocNode, model), G_STRUCT_OFFSET (PocsimPocNode, node_id),
                   &c->node_first, (gpointer *) &c->nodes);
      c->n_nodes = src->n_nodes;
    }
  if (src->hardware_first != NULL)
    {
      widen_lists (c, src, ix, src->hardware_first, src->hardware, src->n_hardware, sizeof (PocsimHardwareModel),
                   G_STRUCT_OFFSET (PocsimHardwareModel, model), G_STRUCT_OFFSET (PocsimHardwareModel, node_id),
                   &c->hardware_first, (gpointer *) &c->hardware);
      c->n_hardware = src->n_hardware;
    }
}

static void
widen_cell_data (PocsimCase *c, const PocsimCase *src, const Reindex *ix)
{
  if (src->prev_node_id != NULL)
    c->prev_node_id = g_new0 (const char *, (gsize) c->n_models * c->n_addrs + 1);
  for (guint m = 0; m < src->n_models; m++)
    for (guint a = 0; a < src->n_addrs; a++)
      {
        gsize k = pocsim_cell (src, m, a), nk = pocsim_cell (c, ix->model_at[m], ix->addr_at[a]);
        c->cell_flags[nk] = src->cell_flags[k];
        c->prev_vp[nk] = src->prev_vp[k];
        c->prev_pw[nk] = src->prev_pw[k];
        c->pw[nk] = src->pw[k];
        c->boot_delegate[nk] = src->boot_delegate[k] == POCSIM_NO_ADDR ? POCSIM_NO_ADDR : ix->addr_at[src->boot_delegate[k]];
        c->reg_delegate[nk] = src->reg_delegate[k] == POCSIM_NO_ADDR ? POCSIM_NO_ADDR : ix->addr_at[src->reg_delegate[k]];
        if (src->prev_node_id != NULL && src->prev_node_id[k] != NULL)
          c->prev_node_id[nk] = g_string_chunk_insert_const (c->strings, src->prev_node_id[k]);
      }
}

PocsimCase *
pocsim_case_widen (const PocsimCase *src, const char *const *addrs, guint n_addrs,
                   const char *const *models, guint n_models)
{
  g_autoptr (GPtrArray) all_addrs = g_ptr_array_sized_new (src->n_addrs + n_addrs);
  g_autoptr (GPtrArray) all_models = g_ptr_array_sized_new (src->n_models + n_models);
  for (guint a = 0; a < src->n_addrs; a++)
    g_ptr_array_add (all_addrs, (gpointer) src->addrs[a]);
  for (guint a = 0; a < n_addrs; a++)
    g_ptr_array_add (all_addrs, (gpointer) addrs[a]);
  for (guint m = 0; m < src->n_models; m++)
    g_ptr_array_add (all_models, (gpointer) src->models[m].id);
  for (guint m = 0; m < n_models; m++)
    g_ptr_array_add (all_models, (gpointer) models[m]);
  PocsimCase *c = pocsim_case_new ((const char *const *) all_addrs->pdata, all_addrs->len,
                                   (const char *const *) all_models->pdata, all_models->len);
  c->rules = src->rules;
  c->rules_reason = src->rules_reason;
  c->height = src->height;
  c->upcoming_epoch = src->upcoming_epoch;
  c->params = src->params;
  c->has_bootstrap_snapshot = src->has_bootstrap_snapshot;
  c->has_delegation_snapshot = src->has_delegation_snapshot;
  c->collateral_not_captured = src->collateral_not_captured;
  c->has_previous_cap_weights = src->has_previous_cap_weights;
  c->previous_cap_weight_applied = src->previous_cap_weight_applied;
  c->governance_explicit = src->governance_explicit;
  /* Both tables are sorted: the old indices map to increasing new ones. */
  g_autofree guint32 *addr_at = g_new (guint32, src->n_addrs + 1);
  g_autofree guint32 *model_at = g_new (guint32, src->n_models + 1);
  for (guint a = 0; a < src->n_addrs; a++)
    addr_at[a] = pocsim_case_find_addr (c, src->addrs[a]);
  for (guint m = 0; m < src->n_models; m++)
    {
      model_at[m] = pocsim_case_find_model (c, src->models[m].id);
      PocsimModel *model = &c->models[model_at[m]];
      const char *id = model->id, *node_id = model->node_id;
      *model = src->models[m];
      model->id = id;
      model->node_id = node_id;
    }
  if (src->params.initial_model != POCSIM_NO_MODEL)
    c->params.initial_model = model_at[src->params.initial_model];
  Reindex ix = { addr_at, model_at };
  widen_addr_data (c, src, &ix);
  widen_cell_data (c, src, &ix);
  return c;
}

void
pocsim_case_set_nodes (PocsimCase *c, const PocsimPocNode *nodes, const guint32 *owners, guint n)
{
  c->n_nodes = n;
  if (n == 0)
    {
      g_clear_pointer (&c->node_first, g_free);
      g_clear_pointer (&c->nodes, g_free);
      c->nodes_room = 0;
      return;
    }
  ensure_room ((gpointer *) &c->nodes, &c->nodes_room, n + 1, sizeof (PocsimPocNode));
  if (c->node_first == NULL)
    c->node_first = g_new (guint32, c->n_addrs + 1);
  memset (c->node_first, 0, (c->n_addrs + 1) * sizeof (guint32));
  for (guint k = 0; k < n; k++)
    c->node_first[owners[k] + 1]++;
  for (guint a = 0; a < c->n_addrs; a++)
    c->node_first[a + 1] += c->node_first[a];
  g_autofree guint32 *fill = g_memdup2 (c->node_first, (c->n_addrs + 1) * sizeof (guint32));
  for (guint k = 0; k < n; k++)
    {
      PocsimPocNode *to = &c->nodes[fill[owners[k]]++];
      *to = nodes[k];
      to->node_id = g_string_chunk_insert_const (c->strings, nodes[k].node_id);
    }
}

static gboolean
opt_dec_equal (PocsimOptDec x, PocsimOptDec y)
{
  return x.set == y.set && (!x.set || pocsim_dec_cmp (x.value, y.value) == 0);
}

static gboolean
coeff_config_equal (const PocsimCoeffConfig *x, const PocsimCoeffConfig *y)
{
  return opt_dec_equal (x->coeff_min, y->coeff_min) && opt_dec_equal (x->coeff_max, y->coeff_max)
         && opt_dec_equal (x->relative_difficulty, y->relative_difficulty)
         && x->target_share_bps == y->target_share_bps;
}

gboolean
pocsim_coeff_scale_equal (const PocsimCoeffScale *x, const PocsimCoeffScale *y)
{
  if (x->present != y->present)
    return FALSE;
  return !x->present
         || (opt_dec_equal (x->effective_coefficient, y->effective_coefficient)
             && opt_dec_equal (x->weight_scale_factor, y->weight_scale_factor)
             && opt_dec_equal (x->base_coefficient, y->base_coefficient)
             && opt_dec_equal (x->adaptive_step, y->adaptive_step) && x->prev_sign == y->prev_sign
             && x->exclude_from_confirmation == y->exclude_from_confirmation && x->has_config == y->has_config
             && (!x->has_config || coeff_config_equal (&x->config, &y->config)));
}

gboolean
pocsim_dynamic_params_equal (const PocsimDynamicParams *x, const PocsimDynamicParams *y)
{
  return x->target_zone_bps == y->target_zone_bps && x->bootstrap_share_bps == y->bootstrap_share_bps
         && opt_dec_equal (x->step_min, y->step_min) && opt_dec_equal (x->step_max, y->step_max)
         && opt_dec_equal (x->bootstrap_step_max, y->bootstrap_step_max);
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
