/* records.c - the live record store, a sorted map (model, participant) -> record. */
#include "replay/records.h"

#include <string.h>

struct PocsimRecords {
  GTree *by_key; /* "model\x1fparticipant" -> Record */
  guint64 version;
};

typedef struct {
  PocsimRecordKind kind;
  char *model;
  char *participant;
  char *target; /* delegations only */
} Record;

static void
record_free (gpointer p)
{
  Record *rec = p;
  g_free (rec->model);
  g_free (rec->participant);
  g_free (rec->target);
  g_free (rec);
}

/* U+001F sorts below every printable byte, so the composite key orders by
 * model first and then by participant, as the store does. */
static int
key_compare (gconstpointer a, gconstpointer b, gpointer unused)
{
  (void) unused;
  return strcmp (a, b);
}

PocsimRecords *
pocsim_records_new (void)
{
  PocsimRecords *r = g_new0 (PocsimRecords, 1);
  r->by_key = g_tree_new_full (key_compare, NULL, g_free, record_free);
  return r;
}

void
pocsim_records_free (PocsimRecords *r)
{
  if (r == NULL)
    return;
  g_tree_destroy (r->by_key);
  g_free (r);
}

void
pocsim_records_set (PocsimRecords *r, PocsimRecordKind kind, const char *model,
                    const char *participant, const char *target)
{
  char *key = g_strconcat (model, "\x1f", participant, NULL);
  r->version++;
  if (kind == POCSIM_RECORD_DELEGATION && (target == NULL || *target == '\0'))
    {
      g_tree_remove (r->by_key, key);
      g_free (key);
      return;
    }
  Record *rec = g_new0 (Record, 1);
  rec->kind = kind;
  rec->model = g_strdup (model);
  rec->participant = g_strdup (participant);
  rec->target = kind == POCSIM_RECORD_DELEGATION ? g_strdup (target) : NULL;
  g_tree_replace (r->by_key, key, rec);
}

static gboolean
collect_wiped (gpointer key, gpointer value, gpointer data)
{
  const Record *rec = value;
  if (rec->kind != POCSIM_RECORD_DELEGATION)
    g_ptr_array_add (data, key);
  return FALSE;
}

void
pocsim_records_wipe_refusals_and_intents (PocsimRecords *r)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  g_tree_foreach (r->by_key, collect_wiped, keys);
  for (guint k = 0; k < keys->len; k++)
    g_tree_remove (r->by_key, keys->pdata[k]);
  if (keys->len > 0)
    r->version++;
}

typedef struct {
  json_t *delegations;
  json_t *others;
  PocsimRecordKind other_kind;
} SnapshotBuild;

static gboolean
add_to_snapshot (gpointer key, gpointer value, gpointer data)
{
  (void) key;
  const Record *rec = value;
  SnapshotBuild *b = data;
  if (rec->kind == POCSIM_RECORD_DELEGATION)
    json_array_append_new (b->delegations,
                           json_pack ("{s:s, s:s, s:s}", "model_id", rec->model, "delegator",
                                      rec->participant, "delegate_to", rec->target));
  else if (rec->kind == b->other_kind)
    json_array_append_new (b->others,
                           json_pack ("{s:s, s:s}", "model_id", rec->model, "participant", rec->participant));
  return FALSE;
}

static json_t *
snapshot (const PocsimRecords *r, PocsimRecordKind other_kind, const char *other_name)
{
  SnapshotBuild b = { json_array (), json_array (), other_kind };
  g_tree_foreach (r->by_key, add_to_snapshot, &b);
  json_t *doc = json_object ();
  json_object_set_new (doc, "delegations", b.delegations);
  json_object_set_new (doc, other_name, b.others);
  return doc;
}

json_t *
pocsim_records_bootstrap_snapshot (const PocsimRecords *r)
{
  return snapshot (r, POCSIM_RECORD_INTENT, "intents");
}

json_t *
pocsim_records_regular_snapshot (const PocsimRecords *r)
{
  return snapshot (r, POCSIM_RECORD_REFUSAL, "refusals");
}

guint
pocsim_records_count (const PocsimRecords *r)
{
  return g_tree_nnodes (r->by_key);
}

guint64
pocsim_records_version (const PocsimRecords *r)
{
  return r->version;
}
