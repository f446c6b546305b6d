/* json_keys.c - key tables, the nearest known key, unknown-key problems. */
#include "io/json_keys.h"

#include <string.h>

#include "io/json_locate.h"

gboolean
pocsim_keys_known (const PocsimKeyTable *table, const char *name)
{
  for (; table != NULL; table = table->also)
    for (const PocsimKey *k = table->keys; k->name != NULL; k++)
      if (strcmp (k->name, name) == 0)
        return TRUE;
  return FALSE;
}

static const PocsimKey *
find_key (const PocsimKeyTable *table, const char *name)
{
  for (; table != NULL; table = table->also)
    for (const PocsimKey *k = table->keys; k->name != NULL; k++)
      if (strcmp (k->name, name) == 0)
        return k;
  return NULL;
}

/* ---- the nearest name ---- */

/* The most edits a suggestion may be away: a third of the name, at least
 * one and at most three ("colateral" -> "collateral" is one; "poc" ->
 * "rules" is not a typo). */
static gsize
max_edits (gsize len)
{
  return CLAMP (len / 3, 1, 3);
}

/* Optimal string alignment distance between A and B, or LIMIT + 1 when it
 * is larger than LIMIT.  Case counts: keys are case-sensitive.  Three rows
 * of B's length, so a hostile key of a megabyte costs its length times the
 * (short) known name, and nothing when the lengths alone rule it out. */
static gsize
edit_distance (const char *a, const char *b, gsize limit)
{
  gsize n = strlen (a), m = strlen (b);
  if ((n > m ? n - m : m - n) > limit)
    return limit + 1;
  g_autofree gsize *rows = g_new (gsize, 3 * (m + 1));
  gsize *prev2 = rows, *prev = rows + m + 1, *cur = rows + 2 * (m + 1);
  for (gsize j = 0; j <= m; j++)
    prev[j] = j;
  for (gsize i = 1; i <= n; i++)
    {
      gsize row_min = cur[0] = i;
      for (gsize j = 1; j <= m; j++)
        {
          gsize cost = a[i - 1] == b[j - 1] ? 0 : 1;
          gsize d = MIN (MIN (prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            d = MIN (d, prev2[j - 2] + 1);
          cur[j] = d;
          row_min = MIN (row_min, d);
        }
      if (row_min > limit)
        return limit + 1;
      gsize *t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
  return MIN (prev[m], limit + 1);
}

typedef struct {
  const char *name;
  gsize limit;
  const char *best;
  gsize best_distance;
  const char *longer; /* the first known name that starts with NAME ("model" -> "model_id") */
} Nearest;

/* The first name at the smallest distance wins, so suggestions follow the
 * table's order and do not depend on anything else.  A shortened name is
 * the other usual slip: it is suggested when no name is a few edits away. */
static void
nearest_consider (Nearest *n, const char *candidate)
{
  gsize d = edit_distance (n->name, candidate, n->limit);
  if (d <= n->limit && (n->best == NULL || d < n->best_distance))
    {
      n->best = candidate;
      n->best_distance = d;
    }
  if (n->longer == NULL && strlen (n->name) >= 3 && g_str_has_prefix (candidate, n->name))
    n->longer = candidate;
}

static const char *
nearest_found (const Nearest *n)
{
  return n->best != NULL ? n->best : n->longer;
}

const char *
pocsim_keys_suggest (const PocsimKeyTable *table, const char *name)
{
  Nearest n = { name, max_edits (strlen (name)), NULL, 0, NULL };
  for (; table != NULL; table = table->also)
    for (const PocsimKey *k = table->keys; k->name != NULL; k++)
      nearest_consider (&n, k->name);
  return nearest_found (&n);
}

const char *
pocsim_names_suggest (const char *const *names, const char *name)
{
  Nearest n = { name, max_edits (strlen (name)), NULL, 0, NULL };
  for (; *names != NULL; names++)
    nearest_consider (&n, *names);
  return nearest_found (&n);
}

/* A key quoted in a message stays on one line and printable. */
static char *
quote_key (const char *key)
{
  GString *out = g_string_new ("\"");
  for (const guchar *p = (const guchar *) key; *p != '\0' && out->len < 80; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\x%02x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  if (strlen (key) > 80)
    g_string_append (out, "...");
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

char *
pocsim_keys_unknown_message (const PocsimKeyTable *table, const char *name)
{
  g_autofree char *quoted = quote_key (name);
  GString *msg = g_string_new (NULL);
  g_string_append_printf (msg, "unknown key %s", quoted);
  if (table->what != NULL)
    g_string_append_printf (msg, " in %s", table->what);
  const char *near = pocsim_keys_suggest (table, name);
  if (near != NULL)
    g_string_append_printf (msg, " (did you mean \"%s\"?)", near);
  else if (table->chain_message != NULL)
    g_string_append_printf (msg, " (not a field of the chain's %s, nor one pocsim reads)", table->chain_message);
  return g_string_free (msg, FALSE);
}

/* ---- walking a document ---- */

static gboolean check_object (const json_t *obj, const PocsimKeyTable *table, gboolean deep, GString *ptr,
                              PocsimJsonProblem *problem);

static gboolean
check_array (const json_t *list, const PocsimKeyTable *table, GString *ptr, PocsimJsonProblem *problem)
{
  gsize len = ptr->len, i;
  json_t *item;
  if (!json_is_array (list))
    return TRUE;
  json_array_foreach ((json_t *) list, i, item)
    {
      pocsim_json_pointer_append_index (ptr, i);
      gboolean ok = check_object (item, table, TRUE, ptr, problem);
      g_string_truncate (ptr, len);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* The value of a known key, as its shape says. */
static gboolean
check_value (const json_t *v, const PocsimKey *key, GString *ptr, PocsimJsonProblem *problem)
{
  gsize len = ptr->len;
  const char *name;
  json_t *member;
  switch (key->shape)
    {
    case POCSIM_KEY_VALUE:
      return TRUE;
    case POCSIM_KEY_OBJECT:
      return check_object (v, key->table, TRUE, ptr, problem);
    case POCSIM_KEY_ARRAY:
      return check_array (v, key->table, ptr, problem);
    case POCSIM_KEY_MAP:
    case POCSIM_KEY_MAP_OF_ARRAYS:
      if (!json_is_object (v))
        return TRUE;
      json_object_foreach ((json_t *) v, name, member)
        {
          pocsim_json_pointer_append_key (ptr, name);
          gboolean ok = key->shape == POCSIM_KEY_MAP ? check_object (member, key->table, TRUE, ptr, problem)
                                                     : check_array (member, key->table, ptr, problem);
          g_string_truncate (ptr, len);
          if (!ok)
            return FALSE;
        }
      return TRUE;
    }
  return TRUE;
}

static gboolean
check_object (const json_t *obj, const PocsimKeyTable *table, gboolean deep, GString *ptr,
              PocsimJsonProblem *problem)
{
  gsize len = ptr->len;
  const char *name;
  json_t *v;
  if (!json_is_object (obj))
    return TRUE;
  json_object_foreach ((json_t *) obj, name, v)
    {
      const PocsimKey *key = find_key (table, name);
      pocsim_json_pointer_append_key (ptr, name);
      if (key == NULL)
        {
          problem->pointer = g_strdup (ptr->str);
          problem->message = pocsim_keys_unknown_message (table, name);
          return FALSE;
        }
      gboolean ok = !deep || check_value (v, key, ptr, problem);
      g_string_truncate (ptr, len);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

gboolean
pocsim_keys_check (const json_t *obj, const PocsimKeyTable *table, const char *parent, PocsimJsonProblem *problem)
{
  g_autoptr (GString) ptr = g_string_new (parent);
  return check_object (obj, table, FALSE, ptr, problem);
}

gboolean
pocsim_keys_check_tree (const json_t *obj, const PocsimKeyTable *table, const char *parent,
                        PocsimJsonProblem *problem)
{
  g_autoptr (GString) ptr = g_string_new (parent);
  return check_object (obj, table, TRUE, ptr, problem);
}

gboolean
pocsim_keys_check_in (PocsimJsonReader *rd, const json_t *obj, const PocsimKeyTable *table, const char *pointer)
{
  g_auto (PocsimJsonProblem) unknown = { NULL, NULL };
  if (pocsim_keys_check_tree (obj, table, pointer, &unknown))
    return TRUE;
  return pocsim_json_doc_fail (&rd->doc, unknown.pointer, rd->error, "%s", unknown.message);
}
