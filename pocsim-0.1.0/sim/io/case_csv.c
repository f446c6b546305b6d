/* case_csv.c - a participants plan (CSV) mapped to a pocsim-case/1 document. */
#include "io/case_csv.h"

#include <csv.h>
#include <string.h>

#include "core/error.h"
#include "core/ruleset.h"
#include "io/case_json.h"
#include "io/json_autoptr.h"
#include "io/meta.h"

/* ---- the parsed plan ---- */

typedef enum { COL_PW, COL_CHOICE, COL_VP } ColumnKind;

typedef enum {
  CHOICE_NONE,
  CHOICE_RUN,
  CHOICE_INTENT_RUN,
  CHOICE_DELEGATE,
  CHOICE_REFUSE,
  CHOICE_INTENT,
  CHOICE_PRESERVED,
} Choice;

/* An optional non-negative integer cell. */
typedef struct {
  gboolean set;
  gint64 value;
} Cell;

typedef struct {
  char *id;
  guint pw_col, choice_col, vp_col; /* 0-based; G_MAXUINT = absent */
} PlanModel;

typedef struct {
  Choice choice;
  const char *target; /* delegate:TARGET, points into the row's fields */
  Cell pw, vp;
} PlanCell;

typedef struct {
  guint line;
  char **fields;    /* NULL-terminated */
  Cell weight, collateral;
  gboolean active;  /* in AP(U) without PoC */
  PlanCell *cells;  /* one per plan model */
} PlanRow;

struct PocsimPlan {
  char *name;
  char *params_file;
  guint params_line;
  gboolean has_epoch;
  gint64 upcoming_epoch;
  char *rules;
  guint header_line;
  char **header;
  guint n_cols;
  guint address_col, weight_col, collateral_col, active_col;
  GPtrArray *models; /* PlanModel *, in column order */
  GPtrArray *rows;   /* PlanRow * */
};

static void
plan_model_free (gpointer p)
{
  PlanModel *m = p;
  g_free (m->id);
  g_free (m);
}

static void
plan_row_free (gpointer p)
{
  PlanRow *r = p;
  g_strfreev (r->fields);
  g_free (r->cells);
  g_free (r);
}

void
pocsim_plan_free (PocsimPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->name);
  g_free (plan->params_file);
  g_free (plan->rules);
  g_strfreev (plan->header);
  g_ptr_array_unref (plan->models);
  g_ptr_array_unref (plan->rows);
  g_free (plan);
}

const char *
pocsim_plan_params_file (const PocsimPlan *plan, guint *line)
{
  if (line)
    *line = plan->params_line;
  return plan->params_file;
}

static gboolean G_GNUC_PRINTF (5, 6)
fail_at (GError **error, const char *name, guint row, guint col, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s:%u:%u: %s", name, row, col, msg);
  return FALSE;
}

/* ---- step 1a: leading "#" lines ---- */

static gboolean
is_meta_key (const char *s, gsize n)
{
  if (n == 0)
    return FALSE;
  for (gsize k = 0; k < n; k++)
    if (!(g_ascii_islower (s[k]) || s[k] == '_'))
      return FALSE;
  return TRUE;
}

/* One comment line (without "#" and the line end): NAME=VALUE words are
 * metadata, other words are a comment. */
static gboolean
parse_meta_line (PocsimPlan *plan, const char *line, guint lineno, GError **error)
{
  g_auto (GStrv) words = g_strsplit_set (line, " \t", -1);
  for (char **w = words; *w; w++)
    {
      const char *eq = strchr (*w, '=');
      if (eq == NULL || !is_meta_key (*w, (gsize) (eq - *w)))
        continue;
      g_autofree char *key = g_strndup (*w, (gsize) (eq - *w));
      const char *value = eq + 1;
      if (*value == '\0')
        return fail_at (error, plan->name, lineno, 1, "metadata %s: empty value", key);
      if (strcmp (key, "params") == 0)
        {
          if (plan->params_file)
            return fail_at (error, plan->name, lineno, 1, "metadata params: given twice");
          plan->params_file = g_strdup (value);
          plan->params_line = lineno;
        }
      else if (strcmp (key, "upcoming_epoch") == 0)
        {
          if (plan->has_epoch)
            return fail_at (error, plan->name, lineno, 1, "metadata upcoming_epoch: given twice");
          if (!pocsim_int64_parse (value, &plan->upcoming_epoch) || plan->upcoming_epoch < 0)
            return fail_at (error, plan->name, lineno, 1,
                            "metadata upcoming_epoch: \"%s\" is not an integer >= 0", value);
          plan->has_epoch = TRUE;
        }
      else if (strcmp (key, "rules") == 0)
        {
          if (plan->rules)
            return fail_at (error, plan->name, lineno, 1, "metadata rules: given twice");
          if (pocsim_rule_set_lookup (value) == NULL)
            return fail_at (error, plan->name, lineno, 1, "unknown rule set \"%s\" (see 'pocsim rules')", value);
          plan->rules = g_strdup (value);
        }
      else
        return fail_at (error, plan->name, lineno, 1,
                        "unknown metadata key \"%s\" (params, upcoming_epoch, rules)", key);
    }
  return TRUE;
}

/* ---- step 1b: records, with the line each starts on ---- */

typedef struct {
  PocsimPlan *plan;
  GPtrArray *fields;   /* the record being read (char *, owned) */
  GPtrArray *records;  /* GPtrArray of fields (header first) */
  GArray *lines;       /* guint: the line each record starts on */
  guint line;          /* the line being fed */
  guint newlines;      /* '\n' inside the fields of the record being read */
  guint nul_col;       /* first field holding a NUL byte, 0 = none */
  guint nul_line;
  guint utf8_col;      /* first field that is not valid UTF-8, 0 = none */
  guint utf8_line;
} Collector;

static void
on_field (void *data, size_t len, void *user)
{
  Collector *col = user;
  const char *s = data ? data : "";
  if (len > 0 && memchr (s, '\0', len) != NULL && col->nul_col == 0)
    {
      col->nul_col = col->fields->len + 1;
      col->nul_line = col->line;
    }
  /* Names go into JSON documents, which hold UTF-8 only. */
  else if (len > 0 && !g_utf8_validate (s, len, NULL) && col->utf8_col == 0)
    {
      col->utf8_col = col->fields->len + 1;
      col->utf8_line = col->line;
    }
  for (size_t k = 0; k < len; k++)
    col->newlines += s[k] == '\n';
  g_ptr_array_add (col->fields, g_strndup (s, len));
}

static void
on_record (int terminator, void *user)
{
  Collector *col = user;
  guint start = col->line - col->newlines;
  g_ptr_array_add (col->fields, NULL);
  g_ptr_array_add (col->records, g_ptr_array_free (col->fields, FALSE));
  g_array_append_val (col->lines, start);
  col->fields = g_ptr_array_new_with_free_func (g_free);
  col->newlines = 0;
}

static gboolean
all_empty (char **fields)
{
  for (char **f = fields; *f; f++)
    if (**f != '\0')
      return FALSE;
  return TRUE;
}

static gboolean
read_records (PocsimPlan *plan, const char *text, gsize len, guint first_line, GPtrArray *records,
              GArray *lines, GError **error)
{
  struct csv_parser p;
  if (csv_init (&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INTERNAL, "csv_init failed");
      return FALSE;
    }
  Collector col = { plan, g_ptr_array_new_with_free_func (g_free), records, lines, first_line, 0, 0, 0, 0, 0 };
  gboolean ok = TRUE;
  gsize pos = 0;
  /* Fed one line at a time, so that a record's line is known. */
  while (pos < len && ok)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize n = nl ? (gsize) (nl - (text + pos)) + 1 : len - pos;
      if (csv_parse (&p, text + pos, n, on_field, on_record, &col) != n)
        ok = FALSE;
      else
        {
          pos += n;
          if (nl && pos < len)
            col.line++;
        }
    }
  if (ok && csv_fini (&p, on_field, on_record, &col) != 0)
    ok = FALSE;
  if (!ok)
    {
      int code = csv_error (&p);
      fail_at (error, plan->name, col.line, col.fields->len + 1, "%s",
               code == CSV_EPARSE ? "malformed field (a quote inside an unquoted field, text after a "
                                    "closing quote, or a quoted field that is never closed)"
                                  : csv_strerror (code));
    }
  else if (col.nul_col != 0)
    ok = fail_at (error, plan->name, col.nul_line, col.nul_col, "a NUL byte in a field");
  else if (col.utf8_col != 0)
    ok = fail_at (error, plan->name, col.utf8_line, col.utf8_col, "not valid UTF-8");
  csv_free (&p);
  g_ptr_array_unref (col.fields);
  return ok;
}

/* ---- step 1c: the header ---- */

static PlanModel *
plan_model (PocsimPlan *plan, const char *id)
{
  for (guint k = 0; k < plan->models->len; k++)
    {
      PlanModel *m = g_ptr_array_index (plan->models, k);
      if (strcmp (m->id, id) == 0)
        return m;
    }
  PlanModel *m = g_new0 (PlanModel, 1);
  m->id = g_strdup (id);
  m->pw_col = m->choice_col = m->vp_col = G_MAXUINT;
  g_ptr_array_add (plan->models, m);
  return m;
}

static gboolean
read_header (PocsimPlan *plan, GError **error)
{
  static const struct { const char *prefix; ColumnKind kind; } per_model[] = {
    { "pw:", COL_PW }, { "choice:", COL_CHOICE }, { "vp:", COL_VP },
  };
  const char *name = plan->name;
  guint line = plan->header_line;
  plan->address_col = plan->weight_col = plan->collateral_col = plan->active_col = G_MAXUINT;
  for (guint k = 0; k < plan->n_cols; k++)
    {
      const char *h = plan->header[k];
      guint *slot = NULL;
      if (strcmp (h, "address") == 0)
        slot = &plan->address_col;
      else if (strcmp (h, "weight") == 0)
        slot = &plan->weight_col;
      else if (strcmp (h, "collateral") == 0)
        slot = &plan->collateral_col;
      else if (strcmp (h, "active") == 0)
        slot = &plan->active_col;
      for (guint j = 0; slot == NULL && j < G_N_ELEMENTS (per_model); j++)
        if (g_str_has_prefix (h, per_model[j].prefix))
          {
            const char *id = h + strlen (per_model[j].prefix);
            if (*id == '\0')
              return fail_at (error, name, line, k + 1, "column \"%s\" names no model", h);
            PlanModel *m = plan_model (plan, id);
            slot = per_model[j].kind == COL_PW ? &m->pw_col : per_model[j].kind == COL_CHOICE ? &m->choice_col
                                                                                               : &m->vp_col;
          }
      if (slot == NULL)
        return fail_at (error, name, line, k + 1,
                        "unknown column \"%s\" (address, weight, collateral, active, pw:MODEL, choice:MODEL, vp:MODEL)",
                        h);
      if (*slot != G_MAXUINT)
        return fail_at (error, name, line, k + 1, "duplicate column \"%s\" (first in column %u)", h, *slot + 1);
      *slot = k;
    }
  if (plan->address_col == G_MAXUINT)
    return fail_at (error, name, line, 1, "missing column \"address\"");
  if (plan->weight_col == G_MAXUINT)
    return fail_at (error, name, line, 1, "missing column \"weight\"");
  for (guint k = 0; k < plan->models->len; k++)
    {
      PlanModel *m = g_ptr_array_index (plan->models, k);
      if ((m->pw_col == G_MAXUINT) != (m->choice_col == G_MAXUINT))
        return fail_at (error, name, line, MIN (m->pw_col, m->choice_col) + 1,
                        "missing column \"%s:%s\" (pw:MODEL and choice:MODEL come in pairs)",
                        m->pw_col == G_MAXUINT ? "pw" : "choice", m->id);
    }
  return TRUE;
}

/* ---- step 1d: rows ---- */

static gboolean
read_cell (const PocsimPlan *plan, const PlanRow *row, guint col, Cell *out, GError **error)
{
  const char *s = row->fields[col];
  out->set = *s != '\0';
  out->value = 0;
  if (!out->set)
    return TRUE;
  if (!pocsim_int64_parse (s, &out->value))
    {
      const char *digits = (*s == '-') ? s + 1 : s;
      gboolean too_big = *digits != '\0' && strspn (digits, "0123456789") == strlen (digits);
      return fail_at (error, plan->name, row->line, col + 1, "%s: \"%s\" is not an integer%s", plan->header[col], s,
                      too_big ? " that fits in int64" : "");
    }
  if (out->value < 0)
    return fail_at (error, plan->name, row->line, col + 1, "%s: negative value %" G_GINT64_FORMAT,
                    plan->header[col], out->value);
  return TRUE;
}

static gboolean
read_choice (const PocsimPlan *plan, const PlanRow *row, guint col, PlanCell *cell, GError **error)
{
  static const struct { const char *name; Choice choice; } names[] = {
    { "", CHOICE_NONE }, { "none", CHOICE_NONE }, { "run", CHOICE_RUN }, { "intent+run", CHOICE_INTENT_RUN },
    { "refuse", CHOICE_REFUSE }, { "intent", CHOICE_INTENT }, { "preserved", CHOICE_PRESERVED },
  };
  const char *s = row->fields[col];
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    if (g_ascii_strcasecmp (s, names[k].name) == 0)
      {
        cell->choice = names[k].choice;
        return TRUE;
      }
  if (g_ascii_strncasecmp (s, "delegate:", 9) == 0)
    {
      cell->choice = CHOICE_DELEGATE;
      cell->target = s + 9;
      if (*cell->target == '\0')
        return fail_at (error, plan->name, row->line, col + 1, "%s: delegate: needs a target address",
                        plan->header[col]);
      return TRUE;
    }
  return fail_at (error, plan->name, row->line, col + 1,
                  "%s: unknown choice \"%s\" (run, intent+run, preserved, delegate:ADDRESS, refuse, intent, none)",
                  plan->header[col], s);
}

static gboolean
read_row (const PocsimPlan *plan, PlanRow *row, GError **error)
{
  guint n = g_strv_length (row->fields);
  if (n != plan->n_cols)
    return fail_at (error, plan->name, row->line, MIN (n, plan->n_cols) + 1,
                    "the row has %u fields, the header %u", n, plan->n_cols);
  if (*row->fields[plan->address_col] == '\0')
    return fail_at (error, plan->name, row->line, plan->address_col + 1, "address: empty");
  if (!read_cell (plan, row, plan->weight_col, &row->weight, error)
      || (plan->collateral_col != G_MAXUINT && !read_cell (plan, row, plan->collateral_col, &row->collateral, error)))
    return FALSE;
  if (plan->active_col != G_MAXUINT)
    {
      const char *s = row->fields[plan->active_col];
      row->active = g_ascii_strcasecmp (s, "yes") == 0;
      if (!row->active && *s != '\0')
        return fail_at (error, plan->name, row->line, plan->active_col + 1, "active: \"%s\" is neither yes nor empty",
                        s);
    }
  row->cells = g_new0 (PlanCell, plan->models->len);
  for (guint k = 0; k < plan->models->len; k++)
    {
      const PlanModel *m = g_ptr_array_index (plan->models, k);
      PlanCell *cell = &row->cells[k];
      if (m->choice_col != G_MAXUINT
          && (!read_choice (plan, row, m->choice_col, cell, error) || !read_cell (plan, row, m->pw_col, &cell->pw, error)))
        return FALSE;
      if (m->vp_col != G_MAXUINT && !read_cell (plan, row, m->vp_col, &cell->vp, error))
        return FALSE;
      if (cell->pw.set && cell->choice != CHOICE_RUN && cell->choice != CHOICE_INTENT_RUN
          && cell->choice != CHOICE_PRESERVED)
        return fail_at (error, plan->name, row->line, m->pw_col + 1,
                        "%s: a PoC weight needs choice run, intent+run or preserved (choice:%s is \"%s\")",
                        plan->header[m->pw_col], m->id, row->fields[m->choice_col]);
      if (!cell->pw.set && cell->choice == CHOICE_PRESERVED)
        return fail_at (error, plan->name, row->line, m->pw_col + 1, "%s: choice preserved needs a PoC weight",
                        plan->header[m->pw_col]);
      if (cell->vp.set && !row->weight.set)
        return fail_at (error, plan->name, row->line, m->vp_col + 1,
                        "%s: a previous voting power needs a previous weight", plan->header[m->vp_col]);
    }
  return TRUE;
}

/* Addresses are unique; delegation targets are addresses of the plan. */
static gboolean
check_addresses (const PocsimPlan *plan, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < plan->rows->len; r++)
    {
      const PlanRow *row = g_ptr_array_index (plan->rows, r);
      const char *addr = row->fields[plan->address_col];
      gpointer first = g_hash_table_lookup (seen, addr);
      if (first != NULL)
        return fail_at (error, plan->name, row->line, plan->address_col + 1,
                        "duplicate address \"%s\" (first on line %u)", addr, GPOINTER_TO_UINT (first));
      g_hash_table_insert (seen, (gpointer) addr, GUINT_TO_POINTER (row->line));
    }
  for (guint r = 0; r < plan->rows->len; r++)
    {
      const PlanRow *row = g_ptr_array_index (plan->rows, r);
      for (guint k = 0; k < plan->models->len; k++)
        {
          const PlanModel *m = g_ptr_array_index (plan->models, k);
          const PlanCell *cell = &row->cells[k];
          if (cell->choice != CHOICE_DELEGATE)
            continue;
          if (strcmp (cell->target, row->fields[plan->address_col]) == 0)
            return fail_at (error, plan->name, row->line, m->choice_col + 1, "%s: a host cannot delegate to itself",
                            plan->header[m->choice_col]);
          if (!g_hash_table_contains (seen, cell->target))
            return fail_at (error, plan->name, row->line, m->choice_col + 1,
                            "%s: delegation target \"%s\" is not an address of the plan",
                            plan->header[m->choice_col], cell->target);
        }
    }
  return TRUE;
}

PocsimPlan *
pocsim_plan_parse (const char *text, gsize len, const char *name, GError **error)
{
  g_autoptr (PocsimPlan) plan = g_new0 (PocsimPlan, 1);
  plan->name = g_strdup (name);
  plan->models = g_ptr_array_new_with_free_func (plan_model_free);
  plan->rows = g_ptr_array_new_with_free_func (plan_row_free);

  gsize pos = 0;
  guint line = 1;
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0) /* a UTF-8 byte order mark */
    pos = 3;
  /* Leading comment lines, and blank lines among them. */
  while (pos < len)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize end = nl ? (gsize) (nl - text) : len;
      gboolean blank = end == pos || (end == pos + 1 && text[pos] == '\r');
      if (!blank && text[pos] != '#')
        break;
      if (!blank)
        {
          if (memchr (text + pos, '\0', end - pos) != NULL)
            return fail_at (error, name, line, 1, "a NUL byte in a comment line"), NULL;
          g_autofree char *comment = g_strndup (text + pos + 1, end - pos - 1);
          g_strchomp (comment); /* a CR before the LF */
          if (!parse_meta_line (plan, comment, line, error))
            return NULL;
        }
      pos = nl ? end + 1 : len;
      line++;
    }

  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!read_records (plan, text + pos, len - pos, line, records, lines, error))
    return NULL;
  if (records->len == 0)
    return fail_at (error, name, line, 1, "no header line (address,weight,...)"), NULL;

  plan->header = g_ptr_array_index (records, 0);
  records->pdata[0] = NULL;
  plan->header_line = g_array_index (lines, guint, 0);
  plan->n_cols = g_strv_length (plan->header);
  if (!read_header (plan, error))
    return NULL;
  for (guint r = 1; r < records->len; r++)
    {
      char **fields = g_ptr_array_index (records, r);
      if (all_empty (fields)) /* spreadsheets pad tables with empty rows */
        continue;
      PlanRow *row = g_new0 (PlanRow, 1);
      row->line = g_array_index (lines, guint, r);
      row->fields = fields;
      records->pdata[r] = NULL;
      g_ptr_array_add (plan->rows, row);
      if (!read_row (plan, row, error))
        return NULL;
    }
  if (!check_addresses (plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

/* ---- step 2: the plan and its params, as a case document ---- */

/* Validates the params file with the case reader itself: a whole case as
 * it is, a params object wrapped into a minimal case one line down (its
 * positions are then shifted back).  Returns the params object (borrowed
 * from `root`) or NULL with error set. */
static json_t *
check_params (json_t *root, const char *text, gsize len, const char *name, gboolean is_case, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (PocsimCase) c = NULL;
  if (is_case)
    {
      c = pocsim_case_from_json (text, len, name, NULL, error);
      return c ? json_object_get (root, "params") : NULL;
    }
  static const char head[] = "{\"upcoming_epoch\": 0, \"params\":\n";
  g_autoptr (GString) wrapped = g_string_new (head);
  g_string_append_len (wrapped, text, (gssize) len);
  g_string_append (wrapped, "\n}");
  c = pocsim_case_from_json (wrapped->str, wrapped->len, "", NULL, &local);
  if (c != NULL)
    return root;
  guint l = 0, col = 0;
  int at = 0;
  if (sscanf (local->message, ":%u:%u: %n", &l, &col, &at) == 2 && at > 0)
    g_set_error (error, POCSIM_ERROR, local->code, "%s:%u:%u: %s", name, l > 1 ? l - 1 : 1, l > 1 ? col : 1,
                 local->message + at);
  else
    g_set_error (error, POCSIM_ERROR, local->code, "%s: %s", name, local->message);
  return NULL;
}

/* The model ids of params.poc_params.models. */
static gboolean
params_has_model (const json_t *params, const char *id)
{
  const json_t *inner = json_object_get (params, "params");
  if (json_is_object (inner))
    params = inner;
  const json_t *models = json_object_get (json_object_get (params, "poc_params"), "models");
  size_t i;
  json_t *m;
  json_array_foreach ((json_t *) models, i, m)
    {
      const json_t *v = json_object_get (m, "model_id");
      if (json_is_string (v) && strcmp (json_string_value (v), id) == 0)
        return TRUE;
    }
  return FALSE;
}

static json_t *
record (const char *model, const char *k1, const char *v1, const char *k2, const char *v2)
{
  json_t *r = json_object ();
  json_object_set_new (r, "model_id", json_string (model));
  json_object_set_new (r, k1, json_string (v1));
  if (k2)
    json_object_set_new (r, k2, json_string (v2));
  return r;
}

static json_t *
object_member (json_t *parent, const char *key, json_t *(*make) (void))
{
  json_t *v = json_object_get (parent, key);
  if (v == NULL)
    {
      v = make ();
      json_object_set_new (parent, key, v);
    }
  return v;
}

/* A bootstrap candidate: a model of the params that no row holds positive
 * previous voting power for (rules.md section 2).  Plan models all are in
 * the params once check_models() passed. */
static gboolean
is_bootstrap_candidate (const PocsimPlan *plan, guint k)
{
  for (guint r = 0; r < plan->rows->len; r++)
    {
      const PlanRow *row = g_ptr_array_index (plan->rows, r);
      if (row->cells[k].vp.value > 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_sums (const PocsimPlan *plan, GError **error)
{
  gint64 total = 0;
  g_autofree gint64 *group = g_new0 (gint64, plan->models->len + 1);
  for (guint r = 0; r < plan->rows->len; r++)
    {
      const PlanRow *row = g_ptr_array_index (plan->rows, r);
      gint64 raw = 0;
      if (!pocsim_add_i64 (total, row->weight.value, &total))
        return fail_at (error, plan->name, row->line, plan->weight_col + 1, "weight: the total weight overflows int64");
      for (guint k = 0; k < plan->models->len; k++)
        {
          const PlanModel *m = g_ptr_array_index (plan->models, k);
          gint64 pw = row->cells[k].pw.value;
          if (!pocsim_add_i64 (group[k], pw, &group[k]) || !pocsim_add_i64 (raw, pw, &raw))
            return fail_at (error, plan->name, row->line, m->pw_col + 1, "%s: int64 overflow in a sum",
                            plan->header[m->pw_col]);
        }
    }
  return TRUE;
}

static json_t *
build_case (const PocsimPlan *plan, json_t *params, gint64 upcoming_epoch, const char *rules)
{
  json_t *root = json_object ();
  json_t *weights = json_object (), *vps = json_object (), *boot = json_object (), *reg = json_object ();
  json_t *commits = json_array (), *poc = json_object (), *collateral = json_object ();
  json_t *previous = json_object ();
  json_object_set_new (root, "format", json_string ("pocsim-case/1"));
  if (rules)
    json_object_set_new (root, "rules", json_string (rules));
  json_object_set_new (root, "upcoming_epoch", json_integer (upcoming_epoch));
  json_object_set (root, "params", params);
  json_object_set_new (previous, "weights", weights);
  json_object_set_new (previous, "voting_powers", vps);
  json_object_set_new (root, "previous", previous);
  json_object_set_new (root, "bootstrap_snapshot", boot);
  json_object_set_new (root, "delegation_snapshot", reg);
  json_object_set_new (root, "commits", commits);
  json_object_set_new (root, "poc", poc);
  json_object_set_new (root, "collateral", collateral);
  json_t *boot_del = object_member (boot, "delegations", json_array);
  json_t *intents = object_member (boot, "intents", json_array);
  json_t *reg_del = object_member (reg, "delegations", json_array);
  json_t *refusals = object_member (reg, "refusals", json_array);

  g_autofree gboolean *candidate = g_new0 (gboolean, plan->models->len + 1);
  for (guint k = 0; k < plan->models->len; k++)
    candidate[k] = is_bootstrap_candidate (plan, k);
  for (guint r = 0; r < plan->rows->len; r++)
    {
      const PlanRow *row = g_ptr_array_index (plan->rows, r);
      const char *addr = row->fields[plan->address_col];
      if (row->weight.set)
        json_object_set_new (weights, addr, json_integer (row->weight.value));
      if (row->active)
        json_array_append_new (object_member (root, "participants", json_array), json_string (addr));
      if (row->collateral.set)
        json_object_set_new (collateral, addr, json_integer (row->collateral.value));
      for (guint k = 0; k < plan->models->len; k++)
        {
          const PlanModel *m = g_ptr_array_index (plan->models, k);
          const PlanCell *cell = &row->cells[k];
          if (cell->vp.set)
            json_object_set_new (object_member (vps, m->id, json_object), addr, json_integer (cell->vp.value));
          switch (cell->choice)
            {
            case CHOICE_INTENT_RUN:
              json_array_append_new (intents, record (m->id, "participant", addr, NULL, NULL));
              /* fall through */
            case CHOICE_RUN:
              json_array_append_new (commits, record (m->id, "participant", addr, NULL, NULL));
              if (cell->pw.set)
                json_object_set_new (object_member (poc, m->id, json_object), addr, json_integer (cell->pw.value));
              break;
            case CHOICE_PRESERVED: /* carried over from E without a commit */
              json_object_set_new (object_member (poc, m->id, json_object), addr, json_integer (cell->pw.value));
              break;
            case CHOICE_DELEGATE:
              json_array_append_new (reg_del, record (m->id, "delegator", addr, "delegate_to", cell->target));
              if (candidate[k])
                json_array_append_new (boot_del, record (m->id, "delegator", addr, "delegate_to", cell->target));
              break;
            case CHOICE_REFUSE:
              json_array_append_new (refusals, record (m->id, "participant", addr, NULL, NULL));
              break;
            case CHOICE_INTENT:
              json_array_append_new (intents, record (m->id, "participant", addr, NULL, NULL));
              break;
            case CHOICE_NONE:
              break;
            }
        }
    }
  return root;
}

char *
pocsim_plan_case_json (const PocsimPlan *plan, const char *params_text, gsize params_len,
                       const char *params_name, GError **error)
{
  json_error_t jerr;
  g_autoptr (json_t) root = json_loadb (params_text, params_len, JSON_REJECT_DUPLICATES, &jerr);
  if (root == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s:%d:%d: %s", params_name, MAX (jerr.line, 1),
                   MAX (jerr.column, 1), jerr.text);
      return NULL;
    }
  gboolean is_case = json_is_object (root)
                     && (json_object_get (root, "format") || json_object_get (root, "upcoming_epoch"));
  g_autoptr (GError) local = NULL;
  json_t *params = check_params (root, params_text, params_len, params_name, is_case, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_autoptr (json_t) no_params = json_object (); /* a case without params */
  if (params == NULL)
    params = no_params;

  for (guint k = 0; k < plan->models->len; k++)
    {
      const PlanModel *m = g_ptr_array_index (plan->models, k);
      if (!params_has_model (params, m->id))
        return fail_at (error, plan->name, plan->header_line, MIN (m->pw_col, MIN (m->choice_col, m->vp_col)) + 1,
                        "unknown model \"%s\" (not in params.poc_params.models of %s)", m->id, params_name),
               NULL;
    }
  if (!check_sums (plan, error))
    return NULL;

  gint64 epoch = plan->upcoming_epoch;
  const char *rules = plan->rules;
  if (is_case)
    {
      const json_t *e = json_object_get (root, "upcoming_epoch");
      const json_t *r = json_object_get (root, "rules");
      if (!plan->has_epoch)
        {
          /* the case reader accepted it: an integer or a string of one */
          if (json_is_integer (e))
            epoch = json_integer_value (e);
          else if (json_is_string (e))
            pocsim_int64_parse (json_string_value (e), &epoch);
        }
      if (rules == NULL && json_is_string (r) && json_string_length (r) > 0)
        rules = json_string_value (r);
    }
  else if (!plan->has_epoch)
    return fail_at (error, plan->name, 1, 1, "upcoming_epoch is missing: add it to the first line "
                                             "(# params=FILE upcoming_epoch=U)"),
           NULL;

  g_autoptr (json_t) doc = build_case (plan, params, epoch, rules);
  char *text = json_dumps (doc, JSON_INDENT (2));
  char *out = g_strconcat (text, "\n", NULL);
  free (text);
  return out;
}

PocsimCase *
pocsim_case_from_csv_file (const char *path, const char *rules_override, GPtrArray *inputs, GError **error)
{
  gsize len, params_len;
  g_autofree char *text = pocsim_read_input (path, &len, error);
  if (text == NULL)
    return NULL;
  if (inputs)
    g_ptr_array_add (inputs, pocsim_input_file_new (path, text, len));
  g_autoptr (PocsimPlan) plan = pocsim_plan_parse (text, len, path, error);
  if (plan == NULL)
    return NULL;
  guint line;
  const char *params_file = pocsim_plan_params_file (plan, &line);
  if (params_file == NULL)
    return fail_at (error, path, 1, 1, "no params file: add a first line \"# params=FILE upcoming_epoch=U\""), NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *params_path = g_path_is_absolute (params_file) || strcmp (dir, ".") == 0
                                   ? g_strdup (params_file) : g_build_filename (dir, params_file, NULL);
  g_autoptr (GError) local = NULL;
  g_autofree char *params_text = pocsim_read_input (params_path, &params_len, &local);
  if (params_text == NULL)
    return fail_at (error, path, line, 1, "params file %s", local->message), NULL;
  if (inputs)
    g_ptr_array_add (inputs, pocsim_input_file_new (params_path, params_text, params_len));
  g_autofree char *doc = pocsim_plan_case_json (plan, params_text, params_len, params_path, error);
  if (doc == NULL)
    return NULL;
  /* Everything the plan says was checked above; what the reader still
   * rejects is named by the plan, without a position in the generated text. */
  PocsimCase *c = pocsim_case_from_json (doc, strlen (doc), "", rules_override, &local);
  if (c == NULL)
    {
      const char *msg = local->message;
      guint l, col;
      int at = 0;
      if (sscanf (msg, ":%u:%u: %n", &l, &col, &at) == 2 && at > 0)
        msg += at;
      g_set_error (error, POCSIM_ERROR, local->code, "%s%s%s", local->code == POCSIM_ERROR_USAGE ? "" : path,
                   local->code == POCSIM_ERROR_USAGE ? "" : ": ", msg);
    }
  return c;
}
