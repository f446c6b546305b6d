/* cmd_diff.c - `pocsim diff`: the same state under two rule sets, or two
 * states under one, host by host.  This is how a governance voter sees what
 * an upgrade or a parameter change does to each host. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "io/case_load.h"
#include "io/json_autoptr.h"
#include "io/output.h"
#include "io/result_csv.h"
#include "rules/epoch.h"

typedef struct {
  PocsimCase *c;
  PocsimEpochResult *r;
  char *name;
} Side;

static void
side_clear (Side *s)
{
  pocsim_epoch_result_free (s->r);
  pocsim_case_free (s->c);
  g_free (s->name);
}

/* WARN: say on stderr what the input lacks (once per input, not per rule set). */
static gboolean
side_load (Side *s, const char *path, const char *rules, gboolean warn, GError **error)
{
  const char *name = pocsim_case_display_name (path);
  if ((s->c = pocsim_case_load (path, rules, error)) == NULL)
    return FALSE;
  if (warn)
    pocsim_cli_warn_case (s->c, name);
  if ((s->r = pocsim_epoch_form_outcome (s->c, error)) == NULL)
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  s->name = g_strdup (name);
  return TRUE;
}

/* One participant's values on one side; zeros when absent there.  The
 * trust weight is the final weight before v0.2.16; the previous weight is
 * what the formation read (W_E, or v0.2.16's previous confirmed weight). */
typedef struct {
  gboolean present;
  gint64 previous, final, trust, reward_weight, reward;
  PocsimDec penalty;
} HostView;

/* AP(U) of a side: after seating, when the chain did not halt. */
static gboolean
side_active (const Side *s, guint32 a)
{
  return s->r->halt_error == NULL && (s->r->source->addr_flags[a] & POCSIM_ADDR_ACTIVE);
}

static HostView
host_view (const Side *s, const char *addr)
{
  HostView v = { FALSE, 0, 0, 0, 0, 0, { 0 } };
  guint32 a = pocsim_case_find_addr (s->c, addr);
  if (a == POCSIM_NO_ADDR || !side_active (s, a))
    return v;
  v.present = TRUE;
  v.previous = s->r->prev_weight[a];
  v.final = s->r->final[a];
  v.trust = s->r->cap_weight[a];
  v.reward_weight = s->r->reward_weight[a];
  v.reward = s->r->reward[a];
  v.penalty = s->r->penalty[a];
  return v;
}

/* Mode name ("" if none) and voting power of addr in model on one side. */
static const char *
cell_view (const Side *s, const char *addr, const char *model, gint64 *vp)
{
  guint32 a = pocsim_case_find_addr (s->c, addr), m = pocsim_case_find_model (s->c, model);
  *vp = 0;
  if (a == POCSIM_NO_ADDR || m == POCSIM_NO_MODEL)
    return "";
  gsize k = pocsim_cell (s->c, m, a);
  if (s->r->halt_error != NULL)
    return "";
  *vp = s->r->voting_power[k];
  if (s->r->groups[m].eligible)
    return pocsim_mode_name (s->r->mode[k]);
  return pocsim_bootstrap_mode_name (s->r->bootstrap_mode[k]);
}

static int
compare_str_ptrs (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The sorted union of both sides' active addresses (or model ids). */
static GPtrArray *
union_sorted (const Side *a, const Side *b, gboolean models)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new ();
  const Side *sides[] = { a, b };
  for (guint k = 0; k < 2; k++)
    {
      const PocsimCase *c = sides[k]->c;
      guint n = models ? c->n_models : c->n_addrs;
      for (guint i = 0; i < n; i++)
        {
          const char *s = models ? c->models[i].id : c->addrs[i];
          if (!models && !side_active (sides[k], i))
            continue;
          if (g_hash_table_add (seen, (gpointer) s))
            g_ptr_array_add (out, (gpointer) s);
        }
    }
  g_ptr_array_sort (out, compare_str_ptrs);
  return out;
}


static char *
dec_text (PocsimDec d)
{
  char buf[POCSIM_DEC_FORMAT_SIZE];
  return g_strdup (pocsim_dec_format (d, buf));
}

/* Writes one row per changed value: address, model ("" for the host's own
 * figures), field, value under A, value under B. */
typedef gboolean (*RowWriter) (FILE *out, const char *addr, const char *model, const char *field,
                               const char *a, const char *b, json_t *doc);

static gboolean
row_table (FILE *out, const char *addr, const char *model, const char *field, const char *a, const char *b,
           json_t *doc)
{
  return fprintf (out, "  %-46s %-40s %-14s %22s %22s\n", *addr ? addr : "-", *model ? model : "-", field, a, b) >= 0;
}

static gboolean
row_csv (FILE *out, const char *addr, const char *model, const char *field, const char *a, const char *b,
         json_t *doc)
{
  const char *fields[] = { addr, model, field, a, b };
  return pocsim_csv_write_row (out, fields, G_N_ELEMENTS (fields));
}

static gboolean
row_json (FILE *out, const char *addr, const char *model, const char *field, const char *a, const char *b,
          json_t *doc)
{
  json_t *row = json_object ();
  json_object_set_new (row, "address", json_string (addr));
  json_object_set_new (row, "model_id", json_string (model));
  json_object_set_new (row, "field", json_string (field));
  json_object_set_new (row, "a", json_string (a));
  json_object_set_new (row, "b", json_string (b));
  return json_array_append_new (json_object_get (doc, "changes"), row) == 0;
}

static gboolean
diff_int (RowWriter w, FILE *out, json_t *doc, const char *addr, const char *model, const char *field, gint64 a,
          gint64 b)
{
  if (a == b)
    return TRUE;
  char ta[32], tb[32];
  g_snprintf (ta, sizeof ta, "%" G_GINT64_FORMAT, a);
  g_snprintf (tb, sizeof tb, "%" G_GINT64_FORMAT, b);
  return w (out, addr, model, field, ta, tb, doc);
}

static gboolean
diff_host (RowWriter w, FILE *out, json_t *doc, const Side *a, const Side *b, const char *addr, GPtrArray *models)
{
  HostView va = host_view (a, addr), vb = host_view (b, addr);
  if (va.present != vb.present
      && !w (out, addr, "", "active", va.present ? "yes" : "no", vb.present ? "yes" : "no", doc))
    return FALSE;
  if (pocsim_dec_cmp (va.penalty, vb.penalty) != 0)
    {
      g_autofree char *pa = dec_text (va.penalty), *pb = dec_text (vb.penalty);
      if (!w (out, addr, "", "penalty", pa, pb, doc))
        return FALSE;
    }
  /* Before v0.2.16 the trust weight is the final weight: no row of its own. */
  gboolean trust = a->r->rules->trust_weights || b->r->rules->trust_weights;
  if (!diff_int (w, out, doc, addr, "", "previous", va.previous, vb.previous)
      || !diff_int (w, out, doc, addr, "", "final", va.final, vb.final)
      || (trust && !diff_int (w, out, doc, addr, "", "trust_weight", va.trust, vb.trust))
      || !diff_int (w, out, doc, addr, "", "reward_weight", va.reward_weight, vb.reward_weight)
      || !diff_int (w, out, doc, addr, "", "reward", va.reward, vb.reward))
    return FALSE;
  for (guint k = 0; k < models->len; k++)
    {
      const char *model = g_ptr_array_index (models, k);
      gint64 vpa, vpb;
      const char *ma = cell_view (a, addr, model, &vpa), *mb = cell_view (b, addr, model, &vpb);
      if (strcmp (ma, mb) != 0 && !w (out, addr, model, "mode", *ma ? ma : "-", *mb ? mb : "-", doc))
        return FALSE;
      if (!diff_int (w, out, doc, addr, model, "voting_power", vpa, vpb))
        return FALSE;
    }
  return TRUE;
}

/* Model m's coefficient on one side, "-" when the model has none there. */
static char *
coefficient_view (const Side *s, const char *model)
{
  guint32 m = pocsim_case_find_model (s->c, model);
  if (m == POCSIM_NO_MODEL || s->r->halt_error != NULL
      || (s->r->rules->dynamic_coefficients ? !s->r->coefficients[m].effective : !s->r->groups[m].has_members))
    return g_strdup ("-");
  return dec_text (s->r->coefficients[m].coeff);
}

/* What concerns the whole formation: a halt, each model's coefficient. */
static gboolean
diff_formation (RowWriter w, FILE *out, json_t *doc, const Side *a, const Side *b, GPtrArray *models)
{
  const char *ea = a->r->halt_error ? a->r->halt_error : "", *eb = b->r->halt_error ? b->r->halt_error : "";
  if (strcmp (ea, eb) != 0 && !w (out, "", "", "halt", *ea ? ea : "-", *eb ? eb : "-", doc))
    return FALSE;
  if (!a->r->rules->dynamic_coefficients && !b->r->rules->dynamic_coefficients)
    return TRUE; /* static coefficients: the case's own, the same on both sides */
  for (guint k = 0; k < models->len; k++)
    {
      const char *model = g_ptr_array_index (models, k);
      g_autofree char *ca = coefficient_view (a, model), *cb = coefficient_view (b, model);
      if (strcmp (ca, cb) != 0 && !w (out, "", model, "coefficient", ca, cb, doc))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_diff (const Side *a, const Side *b, PocsimFormat format, FILE *out)
{
  g_autoptr (GPtrArray) addrs = union_sorted (a, b, FALSE);
  g_autoptr (GPtrArray) models = union_sorted (a, b, TRUE);
  g_autoptr (json_t) doc = NULL;
  RowWriter w = format == POCSIM_FORMAT_CSV ? row_csv : format == POCSIM_FORMAT_JSON ? row_json : row_table;
  if (format == POCSIM_FORMAT_JSON)
    {
      doc = json_object ();
      json_object_set_new (doc, "format", json_string ("pocsim-diff/1"));
      json_object_set_new (doc, "a", json_pack ("{s:s, s:s}", "case", a->name, "rules", a->r->rules->name));
      json_object_set_new (doc, "b", json_pack ("{s:s, s:s}", "case", b->name, "rules", b->r->rules->name));
      json_object_set_new (doc, "changes", json_array ());
    }
  else if (format == POCSIM_FORMAT_CSV)
    {
      const char *header[] = { "address", "model_id", "field", "a", "b" };
      if (!pocsim_csv_write_row (out, header, G_N_ELEMENTS (header)))
        return FALSE;
    }
  else
    fprintf (out, "pocsim %s diff\n  A: %s under %s\n  B: %s under %s\n\n  %-46s %-40s %-14s %22s %22s\n",
             POCSIM_VERSION, a->name, a->r->rules->name, b->name, b->r->rules->name, "ADDRESS", "MODEL", "FIELD",
             "A", "B");
  if (!diff_formation (w, out, doc, a, b, models))
    return FALSE;
  for (guint k = 0; k < addrs->len; k++)
    if (!diff_host (w, out, doc, a, b, g_ptr_array_index (addrs, k), models))
      return FALSE;
  if (doc != NULL)
    return json_dumpf (doc, out, JSON_INDENT (2) | JSON_PRESERVE_ORDER) == 0 && fputc ('\n', out) != EOF;
  return !ferror (out);
}

int
pocsim_cmd_diff (int argc, char **argv)
{
  g_auto (GStrv) rules = NULL;
  g_autofree char *case_b = NULL, *format_name = NULL, *output = NULL;
  /* Keep in step with docs/pocsim-diff.1 and docs/versions.md. */
  GOptionEntry entries[] = {
    { "rules", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &rules, "Rule set of side A, then of side B", "R" },
    { "case-b", 'b', 0, G_OPTION_ARG_FILENAME, &case_b, "Compare with this case (side B)", "CASE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "table (default), csv or json", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to FILE instead of stdout (a file is replaced whole; a FIFO or device is written into)", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("CASE.json - what differs between two formations");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
                                    "Forms CASE under two rule sets (--rules A --rules B), or CASE and\n"
                                    "--case-b OTHER under one (--rules R, or each case's own), and lists\n"
                                    "every value that differs: per model its coefficient; per host and\n"
                                    "model the mode and voting power; per host the previous weight read,\n"
                                    "penalty, final weight, trust weight, reward weight; and a halt.\n\n"
                                    "Example: pocsim diff data/mainnet-e266.case.json --rules v0.2.13 --rules v0.2.14\n"
                                    "         pocsim diff CASE --rules v0.2.14 --rules v0.2.16\n");
  if (!pocsim_cli_parse (context, &argc, &argv))
    return POCSIM_EXIT_BAD_INPUT;
  guint n_rules = rules ? g_strv_length (rules) : 0;
  PocsimFormat format;
  if (!pocsim_cli_parse_format (format_name, &format))
    return POCSIM_EXIT_BAD_INPUT;
  if (argc != 2 || n_rules > 2 || (case_b == NULL && n_rules != 2) || (case_b != NULL && n_rules > 1))
    {
      fprintf (stderr, "pocsim: diff needs CASE with --rules A --rules B, or CASE --case-b OTHER [--rules R]\n");
      return POCSIM_EXIT_BAD_INPUT;
    }
  g_autoptr (GError) error = NULL;
  Side a = { 0 }, b = { 0 };
  const char *rules_a = n_rules > 0 ? rules[0] : NULL;
  const char *rules_b = n_rules == 2 ? rules[1] : rules_a;
  int status = POCSIM_EXIT_OK;
  PocsimOutput *out = NULL;
  if (!side_load (&a, argv[1], rules_a, TRUE, &error)
      || !side_load (&b, case_b ? case_b : argv[1], rules_b, case_b != NULL && strcmp (case_b, argv[1]) != 0, &error)
      || (out = pocsim_output_open (output, &error)) == NULL)
    status = pocsim_cli_fail (error);
  else if (!write_diff (&a, &b, format, pocsim_output_stream (out)))
    {
      pocsim_output_abort (out);
      fprintf (stderr, "pocsim: %s: write error\n", output ? output : "<stdout>");
      status = POCSIM_EXIT_BAD_INPUT;
    }
  else if (!pocsim_output_commit (out, &error))
    status = pocsim_cli_fail (error);
  side_clear (&a);
  side_clear (&b);
  return status;
}
