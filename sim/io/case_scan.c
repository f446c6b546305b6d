/* case_scan.c - a case document in one pass: its large sections into flat
 * lists, the rest into a small tree (case_scan.h).
 *
 * Which keys are large sections, and the shapes read from them, follow the
 * case reader (io/case_json.c) and the key tables (io/format_keys.c): the
 * scanner gives up on a record key those tables do not list, on a value
 * whose type the reader would refuse, and on a repeated key, so that a
 * document it reads is one the full reader reads to the same case. */
#include "io/case_scan.h"

#include <stddef.h>
#include <string.h>

PocsimCaseBulk *
pocsim_case_bulk_new (void)
{
  PocsimCaseBulk *b = g_new0 (PocsimCaseBulk, 1);
  b->names = g_ptr_array_new ();
  b->roles = g_array_new (FALSE, FALSE, sizeof (guint8));
  b->strings = g_string_chunk_new (64 * 1024);
  return b;
}

static void
model_map_free (PocsimBulkModelMap *map)
{
  if (map == NULL)
    return;
  g_array_unref (map->models);
  g_array_unref (map->cells);
  g_free (map);
}

static void
array_free (GArray *list)
{
  if (list != NULL)
    g_array_unref (list);
}

void
pocsim_case_bulk_free (PocsimCaseBulk *b)
{
  if (b == NULL)
    return;
  g_ptr_array_unref (b->names);
  g_array_unref (b->roles);
  g_string_chunk_free (b->strings);
  model_map_free (b->prev_voting_powers);
  model_map_free (b->prev_poc);
  model_map_free (b->prev_nodes);
  model_map_free (b->prev_node_ids);
  model_map_free (b->poc);
  GArray *lists[] = { b->prev_weights, b->prev_confirmation_weights, b->prev_cap_weights, b->prev_failed_miss_rate,
                      b->prev_excluded, b->boot_delegations, b->boot_intents, b->reg_delegations, b->reg_refusals,
                      b->commits, b->poc_node_addrs, b->poc_nodes, b->participants, b->collateral,
                      b->hardware_addrs, b->hardware };
  for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
    array_free (lists[k]);
  g_free (b);
}

/* ---- names ----
 * Each address and model id is stored once; a hash table over the bytes
 * the scanner hands out finds it again without copying them. */

/* Objects whose keys are names nest at most two deep ({MODEL: {ADDR: ...}});
 * a repeated key is found by stamping each name with the number of the
 * object it was last a key of, one stamp per depth. */
#define KEY_LEVELS 2

typedef struct {
  PocsimJsonScan *s;
  PocsimCaseBulk *b;
  guint32 *slots;           /* name id + 1 per slot; 0 = free */
  guint32 mask;             /* slots - 1 (a power of two) */
  GArray *hashes;           /* guint32 per name */
  GArray *lengths;          /* guint32 per name */
  GArray *stamps[KEY_LEVELS]; /* guint32 per name */
  guint32 next_stamp;
} Scanner;

static guint32
hash_bytes (const char *p, gsize len)
{
  guint32 h = 2166136261u; /* FNV-1a */
  for (gsize k = 0; k < len; k++)
    h = (h ^ (guchar) p[k]) * 16777619u;
  return h;
}

static void
grow_slots (Scanner *sc)
{
  guint32 size = (sc->mask + 1) * 2;
  g_free (sc->slots);
  sc->slots = g_new0 (guint32, size);
  sc->mask = size - 1;
  for (guint32 id = 0; id < sc->b->names->len; id++)
    {
      guint32 k = g_array_index (sc->hashes, guint32, id) & sc->mask;
      while (sc->slots[k] != 0)
        k = (k + 1) & sc->mask;
      sc->slots[k] = id + 1;
    }
}

/* The id of the name of LEN bytes at P, seen as ROLE. */
static PocsimNameId
name_of (Scanner *sc, const char *p, gsize len, guint8 role)
{
  guint32 h = hash_bytes (p, len);
  guint32 k = h & sc->mask;
  for (; sc->slots[k] != 0; k = (k + 1) & sc->mask)
    {
      guint32 id = sc->slots[k] - 1;
      if (g_array_index (sc->hashes, guint32, id) == h && g_array_index (sc->lengths, guint32, id) == len
          && memcmp (g_ptr_array_index (sc->b->names, id), p, len) == 0)
        {
          g_array_index (sc->b->roles, guint8, id) |= role;
          return id;
        }
    }
  guint32 id = sc->b->names->len;
  guint32 length = (guint32) len, zero = 0;
  g_ptr_array_add (sc->b->names, g_string_chunk_insert_len (sc->b->strings, p, (gssize) len));
  g_array_append_val (sc->b->roles, role);
  g_array_append_val (sc->hashes, h);
  g_array_append_val (sc->lengths, length);
  for (guint l = 0; l < KEY_LEVELS; l++)
    g_array_append_val (sc->stamps[l], zero);
  sc->slots[k] = id + 1;
  if (sc->b->names->len * 2 > sc->mask + 1)
    grow_slots (sc);
  return id;
}

static guint32
new_stamp (Scanner *sc)
{
  return ++sc->next_stamp;
}

/* FALSE (giving up) when ID was already a key of the object STAMP numbers. */
static gboolean
key_once (Scanner *sc, PocsimNameId id, guint level, guint32 stamp)
{
  guint32 *mark = &g_array_index (sc->stamps[level], guint32, id);
  if (*mark == stamp)
    return pocsim_json_scan_give_up (sc->s);
  *mark = stamp;
  return TRUE;
}

/* A key of an object whose keys are names, read once. */
static gboolean
next_name_key (Scanner *sc, guint8 role, guint level, guint32 stamp, PocsimNameId *id)
{
  const char *key;
  gsize len;
  if (!pocsim_json_scan_object_next (sc->s, &key, &len))
    return FALSE;
  *id = name_of (sc, key, len, role);
  return key_once (sc, *id, level, stamp);
}

static const char *
text_of (Scanner *sc, const char *p, gsize len)
{
  return g_string_chunk_insert_len (sc->b->strings, p, (gssize) len);
}

/* A string that must not be empty, as a name. */
static gboolean
scan_name (Scanner *sc, guint8 role, PocsimNameId *id)
{
  const char *str;
  gsize len;
  if (!pocsim_json_scan_string (sc->s, &str, &len) || len == 0)
    return pocsim_json_scan_give_up (sc->s);
  *id = name_of (sc, str, len, role);
  return TRUE;
}

/* A string or null ("") as a text. */
static gboolean
scan_text (Scanner *sc, const char **out)
{
  const char *str;
  gsize len;
  if (pocsim_json_scan_peek (sc->s) == 'n')
    {
      *out = "";
      return pocsim_json_scan_null (sc->s);
    }
  if (!pocsim_json_scan_string (sc->s, &str, &len))
    return FALSE;
  *out = text_of (sc, str, len);
  return TRUE;
}

static gboolean
done (Scanner *sc)
{
  return !pocsim_json_scan_gave_up (sc->s);
}

/* ---- the sections ---- */

/* {ADDR: integer} */
static gboolean
scan_addr_values (Scanner *sc, GArray *list)
{
  if (!pocsim_json_scan_object_open (sc->s))
    return FALSE;
  guint32 stamp = new_stamp (sc);
  PocsimBulkAddrValue e;
  while (next_name_key (sc, POCSIM_NAME_ADDR, 0, stamp, &e.addr))
    {
      if (!pocsim_json_scan_chain_int (sc->s, &e.value))
        return FALSE;
      g_array_append_val (list, e);
    }
  return done (sc);
}

/* {MODEL: {ADDR: integer or, with TEXTS, string}} */
static gboolean
scan_model_map (Scanner *sc, PocsimBulkModelMap *map, gboolean texts)
{
  if (!pocsim_json_scan_object_open (sc->s))
    return FALSE;
  guint32 models_stamp = new_stamp (sc);
  PocsimBulkCell cell;
  while (next_name_key (sc, POCSIM_NAME_MODEL, 0, models_stamp, &cell.model))
    {
      g_array_append_val (map->models, cell.model);
      if (!pocsim_json_scan_object_open (sc->s))
        return FALSE;
      guint32 stamp = new_stamp (sc);
      while (next_name_key (sc, POCSIM_NAME_ADDR, 1, stamp, &cell.addr))
        {
          if (!(texts ? scan_text (sc, &cell.text) : pocsim_json_scan_chain_int (sc->s, &cell.value)))
            return FALSE;
          g_array_append_val (map->cells, cell);
        }
    }
  return done (sc);
}

/* [ADDR, ...] */
static gboolean
scan_addr_list (Scanner *sc, GArray *list)
{
  PocsimNameId a;
  if (!pocsim_json_scan_array_open (sc->s))
    return FALSE;
  while (pocsim_json_scan_array_next (sc->s))
    {
      if (!scan_name (sc, POCSIM_NAME_ADDR, &a))
        return FALSE;
      g_array_append_val (list, a);
    }
  return done (sc);
}

/* The one key of a fixed set that KEY is (its bit), or 0 when it is none or
 * was seen before in the same object (*SEEN). */
static guint
fixed_key (const char *key, gsize len, const char *const *names, guint *seen)
{
  for (guint k = 0; names[k] != NULL; k++)
    if (strlen (names[k]) == len && memcmp (names[k], key, len) == 0)
      {
        guint bit = 1u << k;
        if (*seen & bit)
          return 0;
        *seen |= bit;
        return bit;
      }
  return 0;
}

/* [{model_id, ADDR_FIELD, delegate_to (WITH_TARGET)}, ...], the keys of
 * io/format_keys.c's record tables. */
static gboolean
scan_records (Scanner *sc, GArray *list, const char *addr_field, gboolean with_target)
{
  const char *const names[] = { "model_id", addr_field, with_target ? "delegate_to" : NULL, NULL };
  enum { MODEL = 1, ADDR = 2, TARGET = 4 };
  const char *key, *str;
  gsize len;
  if (!pocsim_json_scan_array_open (sc->s))
    return FALSE;
  while (pocsim_json_scan_array_next (sc->s))
    {
      PocsimBulkRecord rec = { POCSIM_NO_NAME, POCSIM_NO_NAME, POCSIM_NO_NAME };
      guint seen = 0;
      if (!pocsim_json_scan_object_open (sc->s))
        return FALSE;
      while (pocsim_json_scan_object_next (sc->s, &key, &len))
        switch (fixed_key (key, len, names, &seen))
          {
          case MODEL:
            if (!scan_name (sc, POCSIM_NAME_MODEL, &rec.model))
              return FALSE;
            break;
          case ADDR:
            if (!scan_name (sc, POCSIM_NAME_ADDR, &rec.addr))
              return FALSE;
            break;
          case TARGET:
            /* missing, null and "" all mean no delegation target */
            if (pocsim_json_scan_peek (sc->s) == 'n')
              {
                if (!pocsim_json_scan_null (sc->s))
                  return FALSE;
              }
            else if (!pocsim_json_scan_string (sc->s, &str, &len))
              return FALSE;
            else if (len > 0)
              rec.target = name_of (sc, str, len, POCSIM_NAME_ADDR);
            break;
          default:
            return pocsim_json_scan_give_up (sc->s);
          }
      if (!done (sc) || !(seen & MODEL) || !(seen & ADDR))
        return pocsim_json_scan_give_up (sc->s);
      g_array_append_val (list, rec);
    }
  return done (sc);
}

/* One node of poc_nodes[ADDR]: {node_id, model_id, poc_weight, preserved}. */
static gboolean
scan_poc_node (Scanner *sc, PocsimBulkPocNode *node)
{
  static const char *const names[] = { "node_id", "model_id", "poc_weight", "preserved", NULL };
  enum { NODE_ID = 1, MODEL = 2, WEIGHT = 4, PRESERVED = 8 };
  const char *key;
  gsize len;
  guint seen = 0;
  if (!pocsim_json_scan_object_open (sc->s))
    return FALSE;
  while (pocsim_json_scan_object_next (sc->s, &key, &len))
    switch (fixed_key (key, len, names, &seen))
      {
      case NODE_ID:
        if (!scan_text (sc, &node->node_id))
          return FALSE;
        break;
      case MODEL:
        if (!scan_name (sc, POCSIM_NAME_MODEL, &node->model))
          return FALSE;
        break;
      case WEIGHT:
        if (!pocsim_json_scan_chain_int (sc->s, &node->poc_weight))
          return FALSE;
        break;
      case PRESERVED:
        if (pocsim_json_scan_peek (sc->s) == 'n' ? !pocsim_json_scan_null (sc->s)
                                                  : !pocsim_json_scan_bool (sc->s, &node->preserved))
          return FALSE;
        break;
      default:
        return pocsim_json_scan_give_up (sc->s);
      }
  return done (sc) && ((seen & MODEL) || pocsim_json_scan_give_up (sc->s));
}

/* The value of poc_nodes[A]: [node, ...]. */
static gboolean
scan_poc_node_list (Scanner *sc, PocsimNameId a, GArray *nodes)
{
  if (!pocsim_json_scan_array_open (sc->s))
    return FALSE;
  while (pocsim_json_scan_array_next (sc->s))
    {
      PocsimBulkPocNode node = { a, POCSIM_NO_NAME, "", 0, FALSE };
      if (!scan_poc_node (sc, &node))
        return FALSE;
      g_array_append_val (nodes, node);
    }
  return done (sc);
}

/* {ADDR: value}: the keys into ADDRS in order, each value read by
 * READ_VALUE into ENTRIES (poc_nodes, hardware_nodes). */
static gboolean
scan_per_addr (Scanner *sc, GArray *addrs, GArray *entries,
               gboolean (*read_value) (Scanner *sc, PocsimNameId a, GArray *entries))
{
  if (!pocsim_json_scan_object_open (sc->s))
    return FALSE;
  guint32 stamp = new_stamp (sc);
  PocsimNameId a;
  while (next_name_key (sc, POCSIM_NAME_ADDR, 0, stamp, &a))
    {
      g_array_append_val (addrs, a);
      if (!read_value (sc, a, entries))
        return FALSE;
    }
  return done (sc);
}

/* One HardwareNodes record {NODE_ID: [MODEL, ...]} of address A. */
static gboolean
scan_hardware_record (Scanner *sc, PocsimNameId a, GArray *pairs)
{
  const char *key, *str;
  gsize len;
  if (!pocsim_json_scan_object_open (sc->s))
    return FALSE;
  g_autoptr (GHashTable) node_ids = g_hash_table_new (g_str_hash, g_str_equal);
  while (pocsim_json_scan_object_next (sc->s, &key, &len))
    {
      PocsimBulkHardware pair = { a, text_of (sc, key, len), NULL };
      if (!g_hash_table_add (node_ids, (gpointer) pair.node_id) || !pocsim_json_scan_array_open (sc->s))
        return pocsim_json_scan_give_up (sc->s);
      while (pocsim_json_scan_array_next (sc->s))
        {
          if (!pocsim_json_scan_string (sc->s, &str, &len))
            return FALSE;
          pair.model = text_of (sc, str, len);
          g_array_append_val (pairs, pair);
        }
    }
  return done (sc);
}

/* ---- which keys are sections ---- */

typedef enum {
  SECTION_ADDR_VALUES,
  SECTION_MODEL_MAP,
  SECTION_MODEL_TEXTS,
  SECTION_ADDR_LIST,
  SECTION_DELEGATIONS,    /* records with delegator and delegate_to */
  SECTION_PARTICIPANTS,   /* records with participant */
  SECTION_POC_NODES,
  SECTION_HARDWARE,
  SECTION_OBJECT,         /* an object with sections of its own */
} SectionKind;

typedef struct Section Section;
struct Section {
  const char *key;
  SectionKind kind;
  gsize field;            /* offsetof PocsimCaseBulk: the list (or map) */
  gsize second;           /* poc_nodes and hardware_nodes: the list of entries */
  const Section *inner;   /* SECTION_OBJECT */
};

#define FIELD(f) offsetof (PocsimCaseBulk, f)
#define END_SECTIONS { NULL, 0, 0, 0, NULL }

static const Section previous_sections[] = {
  { "weights", SECTION_ADDR_VALUES, FIELD (prev_weights), 0, NULL },
  { "voting_powers", SECTION_MODEL_MAP, FIELD (prev_voting_powers), 0, NULL },
  { "poc", SECTION_MODEL_MAP, FIELD (prev_poc), 0, NULL },
  { "nodes", SECTION_MODEL_MAP, FIELD (prev_nodes), 0, NULL },
  { "node_ids", SECTION_MODEL_TEXTS, FIELD (prev_node_ids), 0, NULL },
  { "confirmation_weights", SECTION_ADDR_VALUES, FIELD (prev_confirmation_weights), 0, NULL },
  { "cap_weights", SECTION_ADDR_VALUES, FIELD (prev_cap_weights), 0, NULL },
  { "failed_miss_rate", SECTION_ADDR_LIST, FIELD (prev_failed_miss_rate), 0, NULL },
  { "excluded", SECTION_ADDR_LIST, FIELD (prev_excluded), 0, NULL },
  END_SECTIONS,
};

static const Section bootstrap_sections[] = {
  { "delegations", SECTION_DELEGATIONS, FIELD (boot_delegations), 0, NULL },
  { "intents", SECTION_PARTICIPANTS, FIELD (boot_intents), 0, NULL },
  END_SECTIONS,
};

static const Section delegation_sections[] = {
  { "delegations", SECTION_DELEGATIONS, FIELD (reg_delegations), 0, NULL },
  { "refusals", SECTION_PARTICIPANTS, FIELD (reg_refusals), 0, NULL },
  END_SECTIONS,
};

static const Section root_sections[] = {
  { "previous", SECTION_OBJECT, 0, 0, previous_sections },
  { "bootstrap_snapshot", SECTION_OBJECT, 0, 0, bootstrap_sections },
  { "delegation_snapshot", SECTION_OBJECT, 0, 0, delegation_sections },
  { "commits", SECTION_PARTICIPANTS, FIELD (commits), 0, NULL },
  { "poc", SECTION_MODEL_MAP, FIELD (poc), 0, NULL },
  { "poc_nodes", SECTION_POC_NODES, FIELD (poc_node_addrs), FIELD (poc_nodes), NULL },
  { "participants", SECTION_ADDR_LIST, FIELD (participants), 0, NULL },
  { "collateral", SECTION_ADDR_VALUES, FIELD (collateral), 0, NULL },
  { "hardware_nodes", SECTION_HARDWARE, FIELD (hardware_addrs), FIELD (hardware), NULL },
  END_SECTIONS,
};

static json_t *scan_object (Scanner *sc, const Section *sections);

static gboolean
is_map (SectionKind kind)
{
  return kind != SECTION_ADDR_LIST && kind != SECTION_DELEGATIONS && kind != SECTION_PARTICIPANTS;
}

static GArray **
list_at (PocsimCaseBulk *b, gsize field)
{
  return (GArray **) ((char *) b + field);
}

static GArray *
new_list (PocsimCaseBulk *b, gsize field, gsize element_size)
{
  GArray **slot = list_at (b, field);
  g_assert (*slot == NULL); /* a repeated key gave up before */
  *slot = g_array_new (FALSE, FALSE, (guint) element_size);
  return *slot;
}

static PocsimBulkModelMap *
new_model_map (PocsimCaseBulk *b, gsize field)
{
  PocsimBulkModelMap **slot = (PocsimBulkModelMap **) ((char *) b + field);
  g_assert (*slot == NULL);
  *slot = g_new0 (PocsimBulkModelMap, 1);
  (*slot)->models = g_array_new (FALSE, FALSE, sizeof (PocsimNameId));
  (*slot)->cells = g_array_new (FALSE, FALSE, sizeof (PocsimBulkCell));
  return *slot;
}

/* The section's value into the bulk lists; a placeholder for the tree. */
static json_t *
scan_section (Scanner *sc, const Section *sec)
{
  PocsimCaseBulk *b = sc->b;
  gboolean ok = FALSE;
  switch (sec->kind)
    {
    case SECTION_ADDR_VALUES:
      ok = scan_addr_values (sc, new_list (b, sec->field, sizeof (PocsimBulkAddrValue)));
      break;
    case SECTION_MODEL_MAP:
    case SECTION_MODEL_TEXTS:
      ok = scan_model_map (sc, new_model_map (b, sec->field), sec->kind == SECTION_MODEL_TEXTS);
      break;
    case SECTION_ADDR_LIST:
      ok = scan_addr_list (sc, new_list (b, sec->field, sizeof (PocsimNameId)));
      break;
    case SECTION_DELEGATIONS:
    case SECTION_PARTICIPANTS:
      {
        gboolean delegations = sec->kind == SECTION_DELEGATIONS;
        ok = scan_records (sc, new_list (b, sec->field, sizeof (PocsimBulkRecord)),
                           delegations ? "delegator" : "participant", delegations);
        break;
      }
    case SECTION_POC_NODES:
      ok = scan_per_addr (sc, new_list (b, sec->field, sizeof (PocsimNameId)),
                          new_list (b, sec->second, sizeof (PocsimBulkPocNode)), scan_poc_node_list);
      break;
    case SECTION_HARDWARE:
      ok = scan_per_addr (sc, new_list (b, sec->field, sizeof (PocsimNameId)),
                          new_list (b, sec->second, sizeof (PocsimBulkHardware)), scan_hardware_record);
      break;
    case SECTION_OBJECT:
      return scan_object (sc, sec->inner);
    }
  if (!ok)
    return NULL;
  return is_map (sec->kind) ? json_object () : json_array ();
}

static const Section *
find_section (const Section *sections, const char *key)
{
  for (; sections->key != NULL; sections++)
    if (strcmp (sections->key, key) == 0)
      return sections;
  return NULL;
}

/* An object: the keys SECTIONS lists (with a value of the section's shape)
 * into the bulk lists, the others into the tree. */
static json_t *
scan_object (Scanner *sc, const Section *sections)
{
  const char *key;
  gsize len;
  g_autoptr (json_t) obj = json_object ();
  if (!pocsim_json_scan_object_open (sc->s))
    return NULL;
  while (pocsim_json_scan_object_next (sc->s, &key, &len))
    {
      g_autofree char *name = g_strndup (key, len);
      const Section *sec = find_section (sections, name);
      char next = pocsim_json_scan_peek (sc->s);
      gboolean shaped = sec != NULL && next == (sec->kind == SECTION_OBJECT || is_map (sec->kind) ? '{' : '[');
      if (json_object_get (obj, name) != NULL)
        {
          pocsim_json_scan_give_up (sc->s); /* the full reader refuses a repeated key */
          return NULL;
        }
      json_t *value = shaped ? scan_section (sc, sec) : pocsim_json_scan_tree (sc->s);
      if (value == NULL)
        return NULL;
      json_object_set_new (obj, name, value);
    }
  return done (sc) ? g_steal_pointer (&obj) : NULL;
}

json_t *
pocsim_case_scan (PocsimJsonScan *s, PocsimCaseBulk **bulk)
{
  g_autoptr (PocsimCaseBulk) b = pocsim_case_bulk_new ();
  Scanner sc = { s, b, g_new0 (guint32, 1024), 1023, g_array_new (FALSE, FALSE, sizeof (guint32)),
                 g_array_new (FALSE, FALSE, sizeof (guint32)), { NULL }, 0 };
  for (guint l = 0; l < KEY_LEVELS; l++)
    sc.stamps[l] = g_array_new (FALSE, FALSE, sizeof (guint32));
  json_t *root = NULL;
  if (pocsim_json_scan_peek (s) == '{')
    root = scan_object (&sc, root_sections);
  if (root != NULL && !pocsim_json_scan_finish (s))
    g_clear_pointer (&root, json_decref);
  g_free (sc.slots);
  g_array_unref (sc.hashes);
  g_array_unref (sc.lengths);
  for (guint l = 0; l < KEY_LEVELS; l++)
    g_array_unref (sc.stamps[l]);
  if (root != NULL)
    *bulk = g_steal_pointer (&b);
  return root;
}
