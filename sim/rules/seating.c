/* seating.c - model seating from node-level PoC, and E's carry. */
#include "rules/seating.h"

#include <string.h>

#include "core/error.h"
#include "rules/fallback.h"

/* One validated node of a participant. */
typedef struct {
  guint32 model;
  const char *id;
  gint64 weight;
  gboolean fresh; /* freshly validated this stage, not preserved */
  guint order;    /* position in the participant's list: the first one wins a tie */
} Node;

/* What seating gives one participant. */
typedef struct {
  gint64 *seated;       /* [n_models] weight of the nodes seated in m */
  gboolean *has;        /* [n_models] some node is seated in m */
  const char **id;      /* [n_models] the first node id seated in m */
  gboolean kept;        /* a seated model and positive seated weight */
  gboolean fresh;       /* a seated node id is one of its fresh ids */
} Seat;

static void
seat_reset (Seat *s, guint n_models)
{
  memset (s->seated, 0, n_models * sizeof (gint64));
  memset (s->has, 0, n_models * sizeof (gboolean));
  memset (s->id, 0, n_models * sizeof (const char *));
  s->kept = s->fresh = FALSE;
}

static int
compare_nodes (gconstpointer x, gconstpointer y)
{
  const Node *a = x, *b = y;
  int c = strcmp (a->id, b->id);
  if (c != 0)
    return c;
  if (a->model != b->model)
    return a->model < b->model ? -1 : 1;
  return (a->order > b->order) - (a->order < b->order);
}

/* The hardware record of a declares (node_id, m), m a governance model. */
static gboolean
declared (const PocsimCase *c, guint a, const char *node_id, guint m)
{
  guint n;
  const PocsimHardwareModel *hw = pocsim_case_hardware (c, a, &n);
  if (!c->models[m].governance)
    return FALSE;
  for (guint k = 0; k < n; k++)
    if (hw[k].model == m && strcmp (hw[k].node_id, node_id) == 0)
      return TRUE;
  return FALSE;
}

/* resolveUniqueCompatibleClaims + participantsWithSeatedWeight for one
 * participant a whose validated nodes are NODES (reordered here). */
static void
seat_nodes (const PocsimCase *c, guint a, GArray *nodes, Seat *s)
{
  gboolean filtered = (c->addr_flags[a] & POCSIM_ADDR_HAS_HARDWARE) != 0;
  gint64 positive = 0;
  seat_reset (s, c->n_models);
  g_array_sort (nodes, compare_nodes);
  const Node *v = (const Node *) (gconstpointer) nodes->data;
  guint i = 0;
  while (i < nodes->len)
    {
      /* One node id: its best claim per model, then the compatible ones. */
      guint end = i;
      gboolean fresh_id = FALSE;
      while (end < nodes->len && strcmp (v[end].id, v[i].id) == 0)
        fresh_id |= v[end++].fresh;
      const Node *winner = NULL;
      guint compatible = 0;
      for (guint j = i; j < end;)
        {
          const Node *best = &v[j];
          guint k = j + 1;
          for (; k < end && v[k].model == v[j].model; k++)
            if (v[k].weight > best->weight)
              best = &v[k];
          if (!filtered || declared (c, a, best->id, best->model))
            {
              compatible++;
              winner = best;
            }
          j = k;
        }
      if (*v[i].id != '\0' && compatible == 1)
        {
          s->seated[winner->model] += winner->weight; /* bounded by the checked input sums */
          s->has[winner->model] = TRUE;
          if (s->id[winner->model] == NULL) /* ids come sorted: the first is the smallest */
            s->id[winner->model] = winner->id;
          positive += MAX (winner->weight, 0);
          s->fresh |= fresh_id;
        }
      i = end;
    }
  for (guint m = 0; m < c->n_models; m++)
    s->kept |= s->has[m];
  s->kept = s->kept && positive > 0;
  s->fresh = s->fresh && s->kept;
}

/* A fresh participant's validated nodes: one "n-<m>" node per poc entry
 * (in model order), then its poc_nodes in input order. */
static void
fresh_nodes (const PocsimCase *c, guint a, GArray *into)
{
  guint n;
  const PocsimPocNode *explicit = pocsim_case_nodes (c, a, &n);
  g_array_set_size (into, 0);
  for (guint m = 0; m < c->n_models; m++)
    {
      gint64 entry; /* the cell also holds a's poc_nodes of m */
      if (!pocsim_case_poc_entry (c, m, a, &entry))
        continue;
      Node node = { m, c->models[m].node_id, entry, TRUE, into->len };
      g_array_append_val (into, node);
    }
  for (guint j = 0; j < n; j++)
    {
      Node node = { explicit[j].model, explicit[j].node_id, explicit[j].poc_weight, !explicit[j].preserved, into->len };
      g_array_append_val (into, node);
    }
}

static gboolean
needs_nodes (const PocsimCase *c, guint a)
{
  guint n;
  pocsim_case_nodes (c, a, &n);
  return n > 0 || (c->addr_flags[a] & POCSIM_ADDR_HAS_HARDWARE);
}

/* a's seated cells are the input's own. */
static gboolean
same_cells (const PocsimCase *c, guint a, const Seat *s)
{
  for (guint m = 0; m < c->n_models; m++)
    {
      gsize k = pocsim_cell (c, m, a);
      gboolean member = (c->cell_flags[k] & POCSIM_CELL_MEMBER) != 0;
      if (member != s->has[m] || (member && c->pw[k] != s->seated[m]))
        return FALSE;
    }
  return TRUE;
}

/* Makes a the member of exactly the models S seats it in (none when S is
 * NULL: a leaves AP(U)). */
static void
set_cells (PocsimCase *f, guint a, const Seat *s)
{
  for (guint m = 0; m < f->n_models; m++)
    {
      gsize k = pocsim_cell (f, m, a);
      gboolean member = s != NULL && s->has[m];
      f->cell_flags[k] = member ? f->cell_flags[k] | POCSIM_CELL_MEMBER : f->cell_flags[k] & ~POCSIM_CELL_MEMBER;
      f->pw[k] = member ? s->seated[m] : 0;
    }
  if (s != NULL)
    f->addr_flags[a] |= POCSIM_ADDR_ACTIVE;
  else
    f->addr_flags[a] &= (guint8) ~POCSIM_ADDR_ACTIVE;
}

typedef struct {
  Seat seat;
  GArray *nodes; /* Node, one participant's */
} Scratch;

/* Notes the ids S seats a's nodes with in out->node_id, where they are not
 * the models' defaults. */
static void
record_node_ids (const PocsimCase *c, guint a, const Seat *s, PocsimSeating *out)
{
  for (guint m = 0; m < c->n_models; m++)
    {
      const char *id = s->has[m] ? s->id[m] : NULL;
      if (id == NULL || strcmp (id, c->models[m].node_id) == 0)
        continue;
      if (out->node_id == NULL)
        out->node_id = g_new0 (const char *, (gsize) c->n_models * c->n_addrs + 1);
      out->node_id[pocsim_cell (c, m, a)] = id;
    }
}

static void
scratch_init (Scratch *w, guint n_models)
{
  w->seat.seated = g_new0 (gint64, n_models + 1);
  w->seat.has = g_new0 (gboolean, n_models + 1);
  w->seat.id = g_new0 (const char *, n_models + 1);
  w->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
}

static void
scratch_clear (Scratch *w)
{
  g_free (w->seat.seated);
  g_free (w->seat.has);
  g_free (w->seat.id);
  g_array_unref (w->nodes);
}

/* One seated participant whose cells changed: kept for the second pass. */
typedef struct {
  guint32 a;
  guint32 m;
  gint64 seated;
} SeatedCell;

/* Σ of each active participant's PoC over all models (its raw weight
 * before seating), model by model: the cells of one model are contiguous.
 * The case reader refuses a sum beyond int64; a case edited in memory (a
 * what-if's PoC weight) may still reach it, and the sum then stays at the
 * int64 maximum: only its sign is read (bootstrap modes need Weight > 0),
 * and the steps that add weights check their own sums. */
static void
raw_weights (const PocsimCase *c, gint64 *raw)
{
  for (guint m = 0; m < c->n_models; m++)
    {
      const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
      const gint64 *pw = c->pw + pocsim_cell (c, m, 0);
      for (guint a = 0; a < c->n_addrs; a++)
        if ((flags[a] & POCSIM_CELL_MEMBER) && (c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
          if (!pocsim_add_i64 (raw[a], pw[a], &raw[a]))
            raw[a] = G_MAXINT64;
    }
}

/* Seats the fresh PoC participants.  TRUE with out filled when somebody is
 * seated with a fresh node; FALSE: the guard falls back to E's carry. */
static gboolean
seat_fresh (const PocsimCase *c, PocsimSeating *out)
{
  Scratch w;
  scratch_init (&w, c->n_models);
  g_autofree guint8 *dropped = g_new0 (guint8, c->n_addrs + 1);
  g_autoptr (GArray) reseated = g_array_new (FALSE, FALSE, sizeof (SeatedCell));
  gboolean any_fresh = FALSE, changed = FALSE;
  raw_weights (c, out->raw_weight);
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
        continue;
      if (!needs_nodes (c, a))
        {
          /* Every poc entry is its own fresh node in its own model: the
           * cells stay; PoC weights are never negative, so positive seated
           * weight is a positive raw weight. */
          gboolean kept = out->raw_weight[a] > 0;
          any_fresh |= kept;
          if (!kept)
            dropped[a] = changed = TRUE;
          continue;
        }
      fresh_nodes (c, a, w.nodes);
      seat_nodes (c, a, w.nodes, &w.seat);
      any_fresh |= w.seat.fresh;
      if (w.seat.kept)
        record_node_ids (c, a, &w.seat, out);
      if (!w.seat.kept)
        dropped[a] = changed = TRUE;
      else if (!same_cells (c, a, &w.seat))
        {
          changed = TRUE;
          for (guint m = 0; m < c->n_models; m++)
            if (w.seat.has[m])
              g_array_append_val (reseated, ((SeatedCell) { a, m, w.seat.seated[m] }));
          dropped[a] = 2; /* reseated below */
        }
    }
  scratch_clear (&w);
  if (!any_fresh)
    return FALSE;
  if (!changed)
    return TRUE;
  PocsimCase *f = out->formed = pocsim_case_copy (c);
  for (guint a = 0; a < c->n_addrs; a++)
    if (dropped[a])
      set_cells (f, a, NULL);
  for (guint k = 0; k < reseated->len; k++)
    {
      const SeatedCell *sc = &g_array_index (reseated, SeatedCell, k);
      gsize cell = pocsim_cell (f, sc->m, sc->a);
      f->cell_flags[cell] |= POCSIM_CELL_MEMBER;
      f->pw[cell] = sc->seated;
      f->addr_flags[sc->a] |= POCSIM_ADDR_ACTIVE;
    }
  return TRUE;
}

/* a's nodes in E's subgroups (currentEpochModelNodes), in model order. */
static void
carry_nodes (const PocsimCase *c, guint a, GArray *into)
{
  g_array_set_size (into, 0);
  for (guint m = 0; m < c->n_models; m++)
    {
      gsize k = pocsim_cell (c, m, a);
      const char *id = pocsim_case_prev_node_id (c, m, a);
      if (!(c->cell_flags[k] & POCSIM_CELL_PREV_NODE) || *id == '\0')
        continue;
      Node node = { m, id, c->prev_pw[k], FALSE, into->len };
      g_array_append_val (into, node);
    }
}

/* RecalculateWeight: the sum over distinct node ids, the first occurrence
 * (in model order) counting. */
static gint64
distinct_node_weight (const GArray *nodes)
{
  gint64 total = 0;
  const Node *v = (const Node *) (gconstpointer) nodes->data;
  for (guint i = 0; i < nodes->len; i++)
    {
      gboolean seen = FALSE;
      for (guint j = 0; j < i && !seen; j++)
        seen = strcmp (v[j].id, v[i].id) == 0;
      if (!seen)
        total += v[i].weight; /* E's weights are bounded like U's: they fit */
    }
  return total;
}

/* fallbackActiveParticipantsFromCurrentEpoch, seated (SEAT) or as carried. */
static gboolean
carry (const PocsimCase *c, gboolean seat, PocsimSeating *out)
{
  if (c->upcoming_epoch <= 1)
    return FALSE;
  Scratch w;
  scratch_init (&w, c->n_models);
  PocsimCase *f = pocsim_case_copy (c);
  gboolean any = FALSE;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      set_cells (f, a, NULL);
      out->raw_weight[a] = 0;
      if (!(c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS) || (c->addr_flags[a] & POCSIM_ADDR_EXCLUDED))
        continue;
      carry_nodes (c, a, w.nodes);
      gint64 weight = distinct_node_weight (w.nodes);
      if (weight <= 0)
        weight = c->prev_weight[a]; /* no nodes: the root weight keeps it in the set */
      if (weight <= 0)
        continue;
      if (seat)
        {
          seat_nodes (c, a, w.nodes, &w.seat);
          if (!w.seat.kept)
            continue;
        }
      else
        {
          /* kept as it was: each node in the model it served in E */
          seat_reset (&w.seat, c->n_models);
          const Node *v = (const Node *) (gconstpointer) w.nodes->data;
          for (guint i = 0; i < w.nodes->len; i++)
            {
              w.seat.seated[v[i].model] += v[i].weight;
              w.seat.has[v[i].model] = TRUE;
              w.seat.id[v[i].model] = v[i].id; /* one node per model in E */
            }
        }
      set_cells (f, a, &w.seat);
      record_node_ids (c, a, &w.seat, out);
      out->raw_weight[a] = weight;
      any = TRUE;
    }
  scratch_clear (&w);
  if (!any)
    {
      pocsim_case_free (f);
      return FALSE;
    }
  out->formed = f;
  out->used_fallback = TRUE;
  return TRUE;
}

/* Before v0.2.16: the case's own participants, or v0.2.14's carry. */
static void
participants_as_given (const PocsimCase *c, PocsimSeating *out)
{
  out->formed = pocsim_empty_epoch_fallback (c);
  out->used_fallback = out->formed != NULL;
  raw_weights (out->formed ? out->formed : c, out->raw_weight);
}

void
pocsim_participants_seat (const PocsimCase *c, PocsimSeatFrom from, PocsimSeating *out)
{
  memset (out, 0, sizeof *out);
  out->raw_weight = g_new0 (gint64, c->n_addrs + 1);
  if (!c->rules->model_seating)
    {
      participants_as_given (c, out);
      return;
    }
  if (from == POCSIM_SEAT_FRESH && seat_fresh (c, out))
    return;
  pocsim_case_free (out->formed);
  out->formed = NULL;
  g_clear_pointer (&out->node_id, g_free);
  memset (out->raw_weight, 0, (c->n_addrs + 1) * sizeof (gint64));
  out->used_fallback = TRUE;
  if (!carry (c, TRUE, out) && !carry (c, FALSE, out))
    out->empty = TRUE;
}

void
pocsim_seating_clear (PocsimSeating *s)
{
  pocsim_case_free (s->formed);
  g_free (s->raw_weight);
  g_free (s->node_id);
  memset (s, 0, sizeof *s);
}
