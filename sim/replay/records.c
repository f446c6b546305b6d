/* records.c - the live record store, one record slot per (model, address) cell. */
#include "replay/records.h"

#include <string.h>

/* A cell's slot: 0 = no record, else 1 + PocsimRecordKind. */
struct PocsimRecords {
  const PocsimCase *names;
  gsize n_cells;
  guint8 *kind;
  guint32 *target;
  guint count;
};

PocsimRecords *
pocsim_records_new (const PocsimCase *names)
{
  PocsimRecords *r = g_new0 (PocsimRecords, 1);
  r->names = names;
  r->n_cells = (gsize) names->n_models * names->n_addrs;
  r->kind = g_new0 (guint8, r->n_cells + 1);
  r->target = g_new (guint32, r->n_cells + 1);
  return r;
}

void
pocsim_records_free (PocsimRecords *r)
{
  if (r == NULL)
    return;
  g_free (r->kind);
  g_free (r->target);
  g_free (r);
}

void
pocsim_records_set (PocsimRecords *r, PocsimRecordKind kind, guint m, guint a, guint32 target)
{
  gsize k = pocsim_cell (r->names, m, a);
  guint8 slot = kind == POCSIM_RECORD_DELEGATION && target == POCSIM_NO_ADDR ? 0 : (guint8) (1 + kind);
  r->count += (slot != 0) - (r->kind[k] != 0);
  r->kind[k] = slot;
  r->target[k] = target;
}

gboolean
pocsim_records_set_named (PocsimRecords *r, PocsimRecordKind kind, const char *model, const char *participant,
                          const char *target)
{
  guint32 m = pocsim_case_find_model (r->names, model), a = pocsim_case_find_addr (r->names, participant);
  guint32 t = POCSIM_NO_ADDR;
  if (kind == POCSIM_RECORD_DELEGATION && target != NULL && *target != '\0'
      && (t = pocsim_case_find_addr (r->names, target)) == POCSIM_NO_ADDR)
    return FALSE;
  if (m == POCSIM_NO_MODEL || a == POCSIM_NO_ADDR)
    return FALSE;
  pocsim_records_set (r, kind, m, a, t);
  return TRUE;
}

void
pocsim_records_wipe_refusals_and_intents (PocsimRecords *r)
{
  for (gsize k = 0; k < r->n_cells; k++)
    if (r->kind[k] > 1 + POCSIM_RECORD_DELEGATION)
      {
        r->kind[k] = 0;
        r->count--;
      }
}

int
pocsim_records_get (const PocsimRecords *r, guint m, guint a, guint32 *target)
{
  gsize k = pocsim_cell (r->names, m, a);
  if (target)
    *target = r->kind[k] == 1 + POCSIM_RECORD_DELEGATION ? r->target[k] : POCSIM_NO_ADDR;
  return (int) r->kind[k] - 1;
}

/* One snapshot: delegations into DELEGATE, the other kept kind as FLAG. */
static void
snapshot (const PocsimRecords *r, PocsimCase *c, guint32 *delegate, PocsimRecordKind other, guint8 flag)
{
  g_assert (c->n_addrs == r->names->n_addrs && c->n_models == r->names->n_models);
  for (guint m = 0; m < c->n_models; m++)
    {
      gsize base = pocsim_cell (c, m, 0);
      if (!c->models[m].in_params)
        {
          memset (delegate + base, 0xff, c->n_addrs * sizeof (guint32));
          for (guint a = 0; a < c->n_addrs; a++)
            c->cell_flags[base + a] &= (guint8) ~flag;
          continue;
        }
      for (guint a = 0; a < c->n_addrs; a++)
        {
          gsize k = base + a;
          guint8 slot = r->kind[k];
          delegate[k] = slot == 1 + POCSIM_RECORD_DELEGATION ? r->target[k] : POCSIM_NO_ADDR;
          if (slot == 1 + other)
            c->cell_flags[k] |= flag;
          else
            c->cell_flags[k] &= (guint8) ~flag;
        }
    }
}

void
pocsim_records_bootstrap_snapshot (const PocsimRecords *r, PocsimCase *c)
{
  snapshot (r, c, c->boot_delegate, POCSIM_RECORD_INTENT, POCSIM_CELL_BOOT_INTENT);
  c->has_bootstrap_snapshot = TRUE;
}

void
pocsim_records_regular_snapshot (const PocsimRecords *r, PocsimCase *c)
{
  snapshot (r, c, c->reg_delegate, POCSIM_RECORD_REFUSAL, POCSIM_CELL_REFUSAL);
  c->has_delegation_snapshot = TRUE;
}

guint
pocsim_records_count (const PocsimRecords *r)
{
  return r->count;
}
