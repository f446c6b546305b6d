/* check_case_scan.c - the scanned case reader (io/case_scan.h, io/json_scan.h)
 * gives the case the full jansson reader gives, and every error the full
 * reader reports, on every case file of the tree, on thousands of mutated
 * cases, and on a file read in pieces larger than the scanner's buffer.
 *
 * The oracle is the full reader (pocsim_case_from_json_full): for each
 * text, pocsim_case_from_json (the scanner, handing over to the full
 * reader when it must) must give an equal case, or the same error message
 * when the full reader refuses the text. */
#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "io/case_json.h"
#include "io/case_scan.h"
#include "io/case_write.h"
#include "io/json_scan.h"
#include "io/result_json.h"
#include "rules/epoch.h"

#ifndef SRCDIR
#error "SRCDIR must be defined as the project's source directory"
#endif

/* ---- comparing two cases ---- */

static char *
case_text (const PocsimCase *c)
{
  g_autoptr (json_t) doc = pocsim_case_to_json (c);
  return json_dumps (doc, JSON_INDENT (1) | JSON_PRESERVE_ORDER);
}

static char *
result_text (const PocsimCase *c)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimEpochResult) r = pocsim_epoch_form_outcome (c, &error);
  if (r == NULL)
    return g_strdup_printf ("error: %s", error->message);
  char *text = NULL;
  size_t size = 0;
  FILE *mem = open_memstream (&text, &size);
  ck_assert (pocsim_result_write_json (r, mem));
  fclose (mem);
  char *copy = g_strdup (text);
  free (text);
  return copy;
}

#define SAME_ARRAY(field, n)                                                                                 \
  do                                                                                                         \
    {                                                                                                        \
      if ((a->field == NULL) != (b->field == NULL)                                                           \
          || (a->field != NULL && memcmp (a->field, b->field, (n) * sizeof *a->field) != 0))                 \
        return g_strdup (#field);                                                                            \
    }                                                                                                        \
  while (0)

/* NULL when A and B are the same case, else the first field that differs. */
static char *
case_difference (const PocsimCase *a, const PocsimCase *b)
{
  if (a->n_addrs != b->n_addrs || a->n_models != b->n_models)
    return g_strdup ("the number of addresses or models");
  for (guint k = 0; k < a->n_addrs; k++)
    if (strcmp (a->addrs[k], b->addrs[k]) != 0)
      return g_strdup ("addrs");
  for (guint m = 0; m < a->n_models; m++)
    {
      const PocsimModel *x = &a->models[m], *y = &b->models[m];
      if (strcmp (x->id, y->id) != 0 || strcmp (x->node_id, y->node_id) != 0 || x->in_params != y->in_params
          || pocsim_dec_cmp (x->coeff, y->coeff) != 0 || x->penalty_start_epoch != y->penalty_start_epoch
          || x->governance != y->governance || x->has_dynamic != y->has_dynamic
          || x->weight_scale_factor.set != y->weight_scale_factor.set
          || pocsim_dec_cmp (x->weight_scale_factor.value, y->weight_scale_factor.value) != 0
          || x->frozen.present != y->frozen.present || x->previous.present != y->previous.present)
        return g_strdup_printf ("model %s", x->id);
    }
  gsize cells = (gsize) a->n_models * a->n_addrs;
  SAME_ARRAY (prev_weight, a->n_addrs);
  SAME_ARRAY (collateral, a->n_addrs);
  SAME_ARRAY (addr_flags, a->n_addrs);
  SAME_ARRAY (prev_cap_weight, a->n_addrs);
  SAME_ARRAY (prev_confirmation_weight, a->n_addrs);
  SAME_ARRAY (cell_flags, cells);
  SAME_ARRAY (prev_vp, cells);
  SAME_ARRAY (prev_pw, cells);
  SAME_ARRAY (pw, cells);
  SAME_ARRAY (boot_delegate, cells);
  SAME_ARRAY (reg_delegate, cells);
  if ((a->prev_node_id == NULL) != (b->prev_node_id == NULL))
    return g_strdup ("prev_node_id");
  for (gsize k = 0; a->prev_node_id != NULL && k < cells; k++)
    if (g_strcmp0 (a->prev_node_id[k], b->prev_node_id[k]) != 0)
      return g_strdup ("prev_node_id");
  if (a->n_nodes != b->n_nodes || a->n_hardware != b->n_hardware)
    return g_strdup ("the number of nodes or hardware records");
  SAME_ARRAY (node_first, a->n_addrs + 1);
  SAME_ARRAY (hardware_first, a->n_addrs + 1);
  for (guint k = 0; k < a->n_nodes; k++)
    if (a->nodes[k].model != b->nodes[k].model || strcmp (a->nodes[k].node_id, b->nodes[k].node_id) != 0
        || a->nodes[k].poc_weight != b->nodes[k].poc_weight || a->nodes[k].preserved != b->nodes[k].preserved)
      return g_strdup ("nodes");
  for (guint k = 0; k < a->n_hardware; k++)
    if (a->hardware[k].model != b->hardware[k].model
        || strcmp (a->hardware[k].node_id, b->hardware[k].node_id) != 0)
      return g_strdup ("hardware");
  if (a->rules != b->rules || a->rules_reason != b->rules_reason || a->height != b->height
      || a->upcoming_epoch != b->upcoming_epoch || a->has_bootstrap_snapshot != b->has_bootstrap_snapshot
      || a->has_delegation_snapshot != b->has_delegation_snapshot
      || a->has_previous_cap_weights != b->has_previous_cap_weights
      || a->previous_cap_weight_applied != b->previous_cap_weight_applied
      || a->governance_explicit != b->governance_explicit)
    return g_strdup ("a flag of the case");
  /* Everything else (params, coefficient scales) as the case writer writes
   * it, and what a formation makes of the whole. */
  g_autofree char *ta = case_text (a), *tb = case_text (b);
  if (strcmp (ta, tb) != 0)
    return g_strdup ("the case as written");
  g_autofree char *ra = result_text (a), *rb = result_text (b);
  if (strcmp (ra, rb) != 0)
    return g_strdup ("the formation's result");
  return NULL;
}

/* Both readers on TEXT: the same case or the same error.  Returns whether
 * the scanner read the document alone (without the full reader). */
static gboolean
assert_same_reading (const char *text, gsize len, const char *what)
{
  g_autoptr (GError) e_scan = NULL, e_full = NULL;
  g_autoptr (PocsimCase) c_scan = pocsim_case_from_json (text, len, "t.json", NULL, &e_scan);
  g_autoptr (PocsimCase) c_full = pocsim_case_from_json_full (text, len, "t.json", NULL, &e_full);
  if (c_full == NULL || c_scan == NULL)
    {
      ck_assert_msg (c_full == NULL && c_scan == NULL, "%s: one reader refused it: %s", what,
                     c_full == NULL ? e_full->message : e_scan->message);
      ck_assert_msg (e_scan->code == e_full->code && strcmp (e_scan->message, e_full->message) == 0,
                     "%s: the messages differ:\n  %s\n  %s", what, e_scan->message, e_full->message);
      return FALSE;
    }
  g_autofree char *diff = case_difference (c_scan, c_full);
  ck_assert_msg (diff == NULL, "%s: the cases differ in %s", what, diff);
  /* Did the scanner take it? */
  g_autoptr (PocsimJsonScan) s = pocsim_json_scan_new_text (text, len);
  g_autoptr (PocsimCaseBulk) bulk = NULL;
  g_autoptr (json_t) skeleton = pocsim_case_scan (s, &bulk);
  return skeleton != NULL;
}

/* ---- the corpus: every JSON file that may be a case ---- */

static void
add_json_files (GPtrArray *paths, const char *dir, gboolean recurse)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (recurse && g_file_test (path, G_FILE_TEST_IS_DIR))
        add_json_files (paths, path, TRUE);
      else if (g_str_has_suffix (name, ".json") || strstr (dir, "corpus") != NULL)
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

START_TEST (test_corpus)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  add_json_files (paths, SRCDIR "/tests/vectors", TRUE);
  add_json_files (paths, SRCDIR "/data", FALSE);
  add_json_files (paths, SRCDIR "/tests/cli", TRUE);
  add_json_files (paths, SRCDIR "/tests/bad-input", FALSE);
  add_json_files (paths, SRCDIR "/tests/fuzz/corpus/case", FALSE);
  add_json_files (paths, SRCDIR "/tests/snapshots", FALSE);
  guint cases = 0, scanned = 0;
  for (guint k = 0; k < paths->len; k++)
    {
      const char *path = g_ptr_array_index (paths, k);
      g_autofree char *text = NULL;
      gsize len;
      ck_assert (g_file_get_contents (path, &text, &len, NULL));
      g_autoptr (GError) error = NULL;
      g_autoptr (PocsimCase) c = pocsim_case_from_json_full (text, len, "t.json", NULL, &error);
      gboolean took = assert_same_reading (text, len, path);
      cases += c != NULL;
      scanned += took;
    }
  /* The corpus holds hundreds of cases; the scanner must have read nearly
   * all (those with escapes or non-ASCII text go to the full reader). */
  ck_assert_msg (cases > 150 && scanned * 10 >= cases * 9, "%u files: %u cases, %u read by the scanner", paths->len,
                 cases, scanned);
}
END_TEST

/* ---- mutations ---- */

static const char *const insertions[] = {
  "-1", "1.5", "1e3", "\"x\"", "null", "true", "[]", "{}", ",", ":", "\"", "\\", "\\n", "\\u0041", "é", "\x01",
  "\"\"", "9223372036854775808", "-9223372036854775809", "00", "-0", "\"model_id\": \"m1\", ", "\"comment\": 1, ",
  "\"colateral\": {}, ", "{\"a\": 1}", "\"-5\"", "\" 5\"", "\"0x10\"", " ", "\n", "\t", "\r",
};

/* TEXT with one random edit: a byte removed or replaced, a piece inserted,
 * a span repeated (a key given twice) or removed. */
static char *
mutate (GRand *rng, const char *text, gsize len, gsize *out_len)
{
  GString *s = g_string_new_len (text, (gssize) len);
  gsize at = (gsize) g_rand_int_range (rng, 0, (gint32) len);
  switch (g_rand_int_range (rng, 0, 6))
    {
    case 0:
      g_string_erase (s, (gssize) at, 1);
      break;
    case 1:
      s->str[at] = "{}[],:\"0-9 a\\n"[g_rand_int_range (rng, 0, 14)];
      break;
    case 2:
    case 3:
      g_string_insert (s, (gssize) at, insertions[g_rand_int_range (rng, 0, G_N_ELEMENTS (insertions))]);
      break;
    case 4:
      {
        /* a line repeated: usually a member given twice */
        const char *line = memchr (text + at, '\n', len - at);
        const char *next = line ? memchr (line + 1, '\n', len - (gsize) (line + 1 - text)) : NULL;
        if (next != NULL)
          g_string_insert_len (s, (gssize) (line - text), line, next - line);
        break;
      }
    default:
      {
        gssize span = g_rand_int_range (rng, 1, 40);
        g_string_erase (s, (gssize) at, MIN ((gssize) (len - at), span));
        break;
      }
    }
  *out_len = s->len;
  return g_string_free (s, FALSE);
}

static void
mutate_file (const char *path, guint rounds, guint32 seed)
{
  g_autofree char *text = NULL;
  gsize len;
  ck_assert (g_file_get_contents (path, &text, &len, NULL));
  GRand *rng = g_rand_new_with_seed (seed);
  for (guint k = 0; k < rounds; k++)
    {
      gsize n;
      g_autofree char *mutant = mutate (rng, text, len, &n);
      g_autofree char *what = g_strdup_printf ("%s, mutation %u", path, k);
      assert_same_reading (mutant, n, what);
    }
  g_rand_free (rng);
}

START_TEST (test_mutations)
{
  mutate_file (SRCDIR "/tests/vectors/mainnet/case-e266.json", 1500, 1);
  mutate_file (SRCDIR "/tests/cli/v216-trust.case.json", 1500, 2);
  mutate_file (SRCDIR "/tests/cli/small.case.json", 1500, 3);
  /* poc_nodes, hardware_nodes, previous.node_ids */
  mutate_file (SRCDIR "/tests/vectors/v0.2.16/crafted-chaintest-newcomer-only-zero-trust-fallback.case.json", 1500, 4);
  /* previous.excluded, failed_miss_rate, confirmation and cap weights */
  mutate_file (SRCDIR "/tests/vectors/v0.2.16/gen-s1133-h3-m2.case.json", 1000, 5);
  mutate_file (SRCDIR "/tests/vectors/v0.2.16/big-s100059-h50-m3-e2.case.json", 300, 6);
}
END_TEST

/* ---- a file read in pieces ---- */

/* A case of N hosts with long addresses (and one very long one), larger
 * than the scanner's first buffer. */
static GString *
large_case (guint hosts)
{
  GString *s = g_string_new ("{\"format\": \"pocsim-case/1\", \"upcoming_epoch\": 10,\n"
                             " \"params\": {\"poc_params\": {\"models\": [{\"model_id\": \"m1\"}]},\n"
                             "  \"delegation_params\": {\"w_threshold\": \"0.1\", \"v_min\": 1}},\n"
                             " \"previous\": {\"weights\": {");
  g_autofree char *padding = g_strnfill (300000, 'q');
  for (guint k = 0; k < hosts; k++)
    g_string_append_printf (s, "%s\"gonka1%s%07u\": %u", k ? ", " : "", k == 7 ? padding : "host", k, 100 + k);
  g_string_append (s, "}},\n \"poc\": {\"m1\": {");
  for (guint k = 0; k < hosts; k++)
    g_string_append_printf (s, "%s\"gonka1%s%07u\": \"%u\"", k ? ",\n  " : "", k == 7 ? padding : "host", k, 50 + k % 91);
  g_string_append (s, "}},\n \"commits\": [");
  for (guint k = 0; k < hosts; k += 2)
    g_string_append_printf (s, "%s{\"model_id\": \"m1\", \"participant\": \"gonka1host%07u\"}", k ? ", " : "", k);
  g_string_append (s, "]}\n");
  return s;
}

START_TEST (test_file_in_pieces)
{
  g_autoptr (GString) text = large_case (20000);
  g_autofree char *dir = g_dir_make_tmp ("check_case_scan-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  ck_assert (g_file_set_contents (path, text->str, (gssize) text->len, NULL));

  g_autoptr (GError) error = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr (PocsimCase) from_file = pocsim_case_from_json_file (path, NULL, &sha256, &error);
  ck_assert_msg (from_file != NULL, "%s", error ? error->message : "");
  g_autoptr (PocsimCase) full = pocsim_case_from_json_full (text->str, text->len, path, NULL, &error);
  ck_assert (full != NULL);
  g_autofree char *diff = case_difference (from_file, full);
  ck_assert_msg (diff == NULL, "the cases differ in %s", diff);
  g_autofree char *want = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->str, text->len);
  ck_assert_str_eq (sha256, want);
  ck_assert_uint_eq (from_file->n_addrs, 20000);

  /* The scanner read it alone. */
  g_autoptr (PocsimJsonScan) s = pocsim_json_scan_new_text (text->str, text->len);
  g_autoptr (PocsimCaseBulk) bulk = NULL;
  g_autoptr (json_t) skeleton = pocsim_case_scan (s, &bulk);
  ck_assert (skeleton != NULL);

  /* An error far into the file is located as the full reader locates it. */
  g_string_append (text, "x");
  ck_assert (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  g_autoptr (GError) e_file = NULL, e_full = NULL;
  g_autofree char *sha_bad = NULL;
  ck_assert (pocsim_case_from_json_file (path, NULL, &sha_bad, &e_file) == NULL);
  ck_assert (pocsim_case_from_json_full (text->str, text->len, path, NULL, &e_full) == NULL);
  ck_assert_str_eq (e_file->message, e_full->message);

  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* ---- the scanner's subset ---- */

/* The tree the scanner reads from TEXT, dumped compactly; "gave up" when
 * it gave up. */
static char *
scanned_tree (const char *text)
{
  g_autoptr (PocsimJsonScan) s = pocsim_json_scan_new_text (text, strlen (text));
  g_autoptr (json_t) v = pocsim_json_scan_tree (s);
  if (v == NULL || !pocsim_json_scan_finish (s))
    return g_strdup ("gave up");
  return json_dumps (v, JSON_COMPACT | JSON_ENCODE_ANY);
}

static void
expect_tree (const char *text, const char *want)
{
  g_autofree char *got = scanned_tree (text);
  ck_assert_msg (strcmp (got, want) == 0, "%s: got %s, want %s", text, got, want);
}

START_TEST (test_scanner_subset)
{
  expect_tree ("{\"a\": [1, -2, true, false, null, \"x y\"], \"b\": {}}", "{\"a\":[1,-2,true,false,null,\"x y\"],\"b\":{}}");
  expect_tree (" \t\r\n[ ]\n", "[]");
  expect_tree ("[9223372036854775807, -9223372036854775808, -0]", "[9223372036854775807,-9223372036854775808,0]");
  /* what the scanner leaves to the full reader */
  const char *const refused[] = {
    "[1.5]", "[1e3]", "[1E3]", "[01]", "[-]", "[9223372036854775808]", "[-9223372036854775809]",
    "[12345678901234567890]", "[\"a\\nb\"]", "[\"\\u0041\"]", "[\"é\"]", "[\"\x01\"]", "[\"\x7f\"]", "[1,]",
    "[,1]", "{\"a\" 1}", "{\"a\": 1,}", "{\"a\": 1, \"a\": 2}", "{1: 2}", "[tru]", "[truex]", "[nul]", "[1 2]",
    "[1] x", "[1]\x01", "\xef\xbb\xbf[1]", "", "[", "{\"a\":", "[\"abc", "[1]]",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
    "]]]]]]]]]]]]]]]]]]]]]]]]",
  };
  for (guint k = 0; k < G_N_ELEMENTS (refused); k++)
    expect_tree (refused[k], "gave up");
  /* a NUL byte after the document is not its end */
  g_autoptr (PocsimJsonScan) s = pocsim_json_scan_new_text ("[1]\0", 4);
  g_autoptr (json_t) v = pocsim_json_scan_tree (s);
  ck_assert (v != NULL);
  ck_assert (!pocsim_json_scan_finish (s));
}
END_TEST

START_TEST (test_chain_ints)
{
  const char *const texts[] = { "[5, \"5\", \"-7\", null, \"\"]", "[\"x\"]", "[\"5 \"]", "[true]", "[\"-\"]" };
  const gint64 want[] = { 5, 5, -7, 0, 0 };
  g_autoptr (PocsimJsonScan) s = pocsim_json_scan_new_text (texts[0], strlen (texts[0]));
  ck_assert (pocsim_json_scan_array_open (s));
  for (guint k = 0; k < G_N_ELEMENTS (want); k++)
    {
      gint64 v = -1;
      ck_assert (pocsim_json_scan_array_next (s));
      ck_assert (pocsim_json_scan_chain_int (s, &v));
      ck_assert_int_eq (v, want[k]);
    }
  ck_assert (!pocsim_json_scan_array_next (s));
  ck_assert (pocsim_json_scan_finish (s));
  for (guint k = 1; k < G_N_ELEMENTS (texts); k++)
    {
      g_autoptr (PocsimJsonScan) t = pocsim_json_scan_new_text (texts[k], strlen (texts[k]));
      gint64 v;
      ck_assert (pocsim_json_scan_array_open (t) && pocsim_json_scan_array_next (t));
      ck_assert (!pocsim_json_scan_chain_int (t, &v));
      ck_assert (pocsim_json_scan_gave_up (t));
    }
}
END_TEST

static Suite *
case_scan_suite (void)
{
  Suite *s = suite_create ("case_scan");
  TCase *tc = tcase_create ("as the full reader");
  tcase_add_test (tc, test_corpus);
  tcase_add_test (tc, test_mutations);
  tcase_add_test (tc, test_file_in_pieces);
  tcase_set_timeout (tc, 300);
  suite_add_tcase (s, tc);

  tc = tcase_create ("scanner");
  tcase_add_test (tc, test_scanner_subset);
  tcase_add_test (tc, test_chain_ints);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (case_scan_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
