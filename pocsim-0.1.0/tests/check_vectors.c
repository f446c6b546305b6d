/* check_vectors.c - the known-answer epoch vectors, case by case.
 *
 * Every case found under the vector directories is read, formed and
 * compared with its expectation, following the matching rules of the
 * shared vectors' README:
 *   - only the keys present in the expectation are checked;
 *   - arrays of objects with "address" or "model_id" are matched on that key,
 *     in any order (other arrays element by element, same length);
 *   - integers compare by value, number or string; decimals by exact value
 *     ("0.15" equals "0.150000000000000000"), both sides read with
 *     pocsim_dec_parse, never through a double;
 *   - an expected null, 0, "", {} or [] also matches a key the result leaves
 *     out (and an expected null matches any such "nothing" value);
 *   - {"model_id": X, "$absent": true} asserts that no element has that key;
 *   - an expectation {"error": true} asserts that the case is rejected.
 *
 * Directories:
 *   - the shared vectors, SRCDIR "/../shared/vectors" or $POCSIM_VECTORS; it
 *     must exist and hold cases, or the suite fails;
 *   - the project's own, SRCDIR "/tests/vectors", when that directory exists.
 * A case is NAME.case.json beside NAME.expect.json, or case-NAME.json beside
 * expected-NAME.json (mainnet/).  Each directory holding cases is one TCase
 * with one loop test per case (so every failing case is named), plus a loop
 * test that forms each case twice and checks the JSON output is identical. */
#include <check.h>
#include <glib.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "core/result.h"
#include "io/case_json.h"
#include "io/case_write.h"
#include "io/json_autoptr.h"
#include "io/result_json.h"
#include "rules/epoch.h"

#ifndef SRCDIR
#error "SRCDIR must be defined as the project's source directory"
#endif

#define MAX_REPORTED 40 /* mismatches spelled out in one failure message */

typedef struct {
  char *name;        /* display name: "LABEL/REL/FILE", e.g. "shared/mainnet/case-e266.json" */
  char *case_path;
  char *expect_path; /* where the expectation should be (may not exist) */
} VectorCase;

typedef struct {
  char *title;       /* TCase name */
  guint start, end;  /* range in `cases` */
} VectorDir;

static GPtrArray *cases;   /* VectorCase* */
static GPtrArray *dirs;    /* VectorDir* */
static char *shared_problem; /* why the shared vectors could not be used, or NULL */

/* ---- discovery ----------------------------------------------------------- */

static void
vector_case_free (gpointer p)
{
  VectorCase *vc = p;
  g_free (vc->name);
  g_free (vc->case_path);
  g_free (vc->expect_path);
  g_free (vc);
}

static void
vector_dir_free (gpointer p)
{
  VectorDir *vd = p;
  g_free (vd->title);
  g_free (vd);
}

static int
cmp_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The expectation file name for a case file name, or NULL if NAME is not a
 * case file. */
static char *
expectation_name (const char *name)
{
  if (g_str_has_suffix (name, ".case.json"))
    {
      gsize stem = strlen (name) - strlen (".case.json");
      return g_strdup_printf ("%.*s.expect.json", (int) stem, name);
    }
  if (g_str_has_prefix (name, "case-") && g_str_has_suffix (name, ".json"))
    return g_strconcat ("expected-", name + strlen ("case-"), NULL);
  return NULL;
}

/* Adds the cases of DIR (and, recursively, of its subdirectories); REL is
 * DIR relative to the root ("" for the root itself).  Returns the number of
 * cases found. */
static guint
scan_dir (const char *label, const char *dir, const char *rel)
{
  GError *error = NULL;
  GDir *d = g_dir_open (dir, 0, &error);
  if (d == NULL)
    {
      g_printerr ("check_vectors: %s\n", error->message);
      g_error_free (error);
      return 0;
    }
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;
  while ((entry = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (entry));
  g_dir_close (d);
  g_ptr_array_sort (names, cmp_strings);

  guint found = 0, start = cases->len;
  GPtrArray *subdirs = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < names->len; k++)
    {
      const char *name = g_ptr_array_index (names, k);
      char *path = g_build_filename (dir, name, NULL);
      char *expect = NULL;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_ptr_array_add (subdirs, g_strdup (name));
        }
      else if ((expect = expectation_name (name)) != NULL)
        {
          VectorCase *vc = g_new0 (VectorCase, 1);
          vc->name = *rel ? g_strdup_printf ("%s/%s/%s", label, rel, name)
                          : g_strdup_printf ("%s/%s", label, name);
          vc->case_path = g_strdup (path);
          vc->expect_path = g_build_filename (dir, expect, NULL);
          g_ptr_array_add (cases, vc);
          found++;
        }
      g_free (expect);
      g_free (path);
    }
  if (found > 0)
    {
      VectorDir *vd = g_new0 (VectorDir, 1);
      vd->title = *rel ? g_strdup_printf ("%s/%s", label, rel) : g_strdup (label);
      vd->start = start;
      vd->end = cases->len;
      g_ptr_array_add (dirs, vd);
    }
  for (guint k = 0; k < subdirs->len; k++)
    {
      const char *name = g_ptr_array_index (subdirs, k);
      char *path = g_build_filename (dir, name, NULL);
      char *sub = *rel ? g_strdup_printf ("%s/%s", rel, name) : g_strdup (name);
      found += scan_dir (label, path, sub);
      g_free (sub);
      g_free (path);
    }
  g_ptr_array_free (subdirs, TRUE);
  g_ptr_array_free (names, TRUE);
  return found;
}

static void
discover (void)
{
  cases = g_ptr_array_new_with_free_func (vector_case_free);
  dirs = g_ptr_array_new_with_free_func (vector_dir_free);

  /* The project's copy makes the suite self-contained (make distcheck); the
   * shared directory beside the checkout, when present, may hold more.  It
   * is required only when named explicitly or when the copy is missing. */
  const char *own = SRCDIR "/tests/vectors";
  guint own_count = g_file_test (own, G_FILE_TEST_IS_DIR) ? scan_dir ("project", own, "") : 0;

  const char *env = g_getenv ("POCSIM_VECTORS");
  gboolean required = (env && *env) || own_count == 0;
  char *shared = (env && *env) ? g_strdup (env) : g_strdup (SRCDIR "/../shared/vectors");
  if (!g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      if (required)
        shared_problem = g_strdup_printf ("shared vectors directory %s does not exist%s", shared,
                                          (env && *env) ? " (from POCSIM_VECTORS)"
                                                        : " (set POCSIM_VECTORS to override)");
      else
        g_printerr ("check_vectors: note: %s not found; running the project's copy only\n", shared);
    }
  else if (scan_dir ("shared", shared, "") == 0)
    shared_problem = g_strdup_printf ("shared vectors directory %s holds no cases", shared);
  g_free (shared);
}

/* ---- running one case ---------------------------------------------------- */

/* The case written back as a document (case_write.h) must read back into a
 * case that forms the very same result. */
static void
assert_round_trip (const PocsimCase *c, const json_t *result)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (json_t) doc = pocsim_case_to_json (c);
  g_autoptr (PocsimCase) again = pocsim_case_from_json_tree (doc, NULL, 0, "written", "", NULL, &error);
  ck_assert_msg (again != NULL, "written case does not read back: %s", error ? error->message : "");
  g_autoptr (PocsimEpochResult) r = pocsim_epoch_form (again, &error);
  ck_assert (r != NULL);
  g_autoptr (json_t) formed = pocsim_result_to_json (r);
  ck_assert_msg (json_equal (formed, (json_t *) result), "written case forms a different result");
}

/* Reads, parses and forms a case.  Returns the result document, or NULL
 * with error set. */
static json_t *
run_case (const VectorCase *vc, GError **error)
{
  gsize len = 0;
  char *text = pocsim_read_input (vc->case_path, &len, error);
  if (text == NULL)
    return NULL;
  const char *base = strrchr (vc->case_path, '/');
  PocsimCase *c = pocsim_case_from_json (text, len, base ? base + 1 : vc->case_path, NULL, error);
  g_free (text);
  if (c == NULL)
    return NULL;
  PocsimEpochResult *r = pocsim_epoch_form (c, error);
  json_t *doc = NULL;
  if (r != NULL)
    {
      doc = pocsim_result_to_json (r);
      pocsim_epoch_result_free (r);
      assert_round_trip (c, doc);
    }
  pocsim_case_free (c);
  return doc;
}

static gboolean
is_error_expectation (json_t *expect)
{
  return json_is_object (expect) && json_is_true (json_object_get (expect, "error"));
}

/* ---- comparison ---------------------------------------------------------- */

typedef struct {
  const char *case_name;
  GString *report;
  guint count;
  gboolean quiet; /* no stderr lines (the matcher's own tests) */
} Mismatches;

static void G_GNUC_PRINTF (3, 4)
mismatch (Mismatches *mm, const char *path, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *what = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  /* Every mismatch goes to stderr; the failure message carries the first
   * MAX_REPORTED (Check truncates long messages). */
  if (!mm->quiet)
    g_printerr ("%s: %s: %s\n", mm->case_name, *path ? path : "(root)", what);
  if (mm->count < MAX_REPORTED)
    g_string_append_printf (mm->report, "\n  %s: %s: %s", mm->case_name, *path ? path : "(root)",
                            what);
  else if (mm->count == MAX_REPORTED)
    g_string_append (mm->report, "\n  ... (more on stderr)");
  mm->count++;
  g_free (what);
}

/* A JSON value as text for messages; "(missing)" for NULL. */
static char *
show (json_t *v)
{
  if (v == NULL)
    return g_strdup ("(missing)");
  char *s = json_dumps (v, JSON_ENCODE_ANY | JSON_COMPACT);
  char *copy = g_strdup (s ? s : "?");
  free (s);
  return copy;
}

static void
mismatch_values (Mismatches *mm, const char *path, json_t *expected, json_t *actual)
{
  char *e = show (expected), *a = show (actual);
  mismatch (mm, path, "expected %s, got %s", e, a);
  g_free (e);
  g_free (a);
}

/* Integers (number or string) and decimal strings, read exactly. */
static gboolean
as_dec (json_t *v, PocsimDec *out)
{
  if (json_is_integer (v))
    {
      *out = pocsim_dec_from_int64 (json_integer_value (v));
      return TRUE;
    }
  if (json_is_string (v))
    return pocsim_dec_parse (json_string_value (v), out, NULL);
  return FALSE;
}

/* null, 0 (number or string, any decimal zero), "", {} or []. */
static gboolean
is_nothing (json_t *v)
{
  PocsimDec d;
  if (v == NULL || json_is_null (v))
    return TRUE;
  if (json_is_string (v) && json_string_length (v) == 0)
    return TRUE;
  if (as_dec (v, &d))
    return pocsim_dec_is_zero (d);
  if (json_is_object (v))
    return json_object_size (v) == 0;
  if (json_is_array (v))
    return json_array_size (v) == 0;
  return FALSE;
}

static char *
child_path (const char *path, const char *key)
{
  return *path ? g_strdup_printf ("%s.%s", path, key) : g_strdup (key);
}

static const char *
element_key (json_t *e)
{
  if (!json_is_object (e))
    return NULL;
  if (json_object_get (e, "address") != NULL)
    return "address";
  if (json_object_get (e, "model_id") != NULL)
    return "model_id";
  return NULL;
}

static gboolean
is_keyed_array (json_t *a)
{
  if (json_array_size (a) == 0)
    return FALSE;
  gsize k;
  json_t *e;
  json_array_foreach (a, k, e)
    if (element_key (e) == NULL)
      return FALSE;
  return TRUE;
}

static void compare (Mismatches *mm, const char *path, json_t *expected, json_t *actual);

static void
compare_keyed_array (Mismatches *mm, const char *path, json_t *expected, json_t *actual)
{
  gsize k;
  json_t *e;
  json_array_foreach (expected, k, e)
    {
      const char *key = element_key (e);
      json_t *want = json_object_get (e, key);
      gboolean absent = json_is_true (json_object_get (e, "$absent"));
      char *label = json_is_string (want) ? g_strdup (json_string_value (want)) : show (want);
      char *epath = g_strdup_printf ("%s[%s]", path, label);

      json_t *found = NULL;
      guint hits = 0;
      gsize j;
      json_t *a;
      json_array_foreach (actual, j, a)
        if (json_is_object (a) && json_equal (json_object_get (a, key), want))
          {
            if (hits++ == 0)
              found = a;
          }

      if (absent)
        {
          if (found != NULL)
            mismatch (mm, epath, "expected no element with %s %s, got one", key, label);
        }
      else if (found == NULL)
        mismatch (mm, epath, "expected an element with %s %s, got (missing)", key, label);
      else
        {
          if (hits > 1)
            mismatch (mm, epath, "expected one element with %s %s, got %u", key, label, hits);
          compare (mm, epath, e, found);
        }
      g_free (epath);
      g_free (label);
    }
}

static void
compare (Mismatches *mm, const char *path, json_t *expected, json_t *actual)
{
  /* A missing or null result value matches an expected "nothing". */
  if (actual == NULL || json_is_null (actual))
    {
      if (!is_nothing (expected))
        mismatch_values (mm, path, expected, actual);
      return;
    }
  if (json_is_null (expected))
    {
      if (!is_nothing (actual))
        mismatch_values (mm, path, expected, actual);
      return;
    }

  switch (json_typeof (expected))
    {
    case JSON_OBJECT:
      {
        if (!json_is_object (actual))
          {
            mismatch_values (mm, path, expected, actual);
            return;
          }
        if (json_object_size (expected) == 0 && json_object_size (actual) != 0)
          {
            mismatch_values (mm, path, expected, actual);
            return;
          }
        const char *key;
        json_t *v;
        json_object_foreach (expected, key, v)
          {
            if (strcmp (key, "$absent") == 0)
              continue;
            char *cpath = child_path (path, key);
            compare (mm, cpath, v, json_object_get (actual, key));
            g_free (cpath);
          }
        return;
      }

    case JSON_ARRAY:
      {
        if (!json_is_array (actual))
          {
            mismatch_values (mm, path, expected, actual);
            return;
          }
        if (is_keyed_array (expected))
          {
            compare_keyed_array (mm, path, expected, actual);
            return;
          }
        if (json_array_size (expected) != json_array_size (actual))
          {
            mismatch (mm, path, "expected %zu elements, got %zu", json_array_size (expected),
                      json_array_size (actual));
            return;
          }
        gsize k;
        json_t *e;
        json_array_foreach (expected, k, e)
          {
            char *epath = g_strdup_printf ("%s[%zu]", path, k);
            compare (mm, epath, e, json_array_get (actual, k));
            g_free (epath);
          }
        return;
      }

    case JSON_TRUE:
    case JSON_FALSE:
      if (!json_equal (expected, actual))
        mismatch_values (mm, path, expected, actual);
      return;

    case JSON_REAL:
      {
        char *e = show (expected);
        mismatch (mm, path, "expectation %s is a JSON real, which cannot be compared exactly "
                  "(write decimals as strings)", e);
        g_free (e);
        return;
      }

    case JSON_INTEGER:
    case JSON_STRING:
      {
        PocsimDec de, da;
        if (as_dec (expected, &de) && as_dec (actual, &da))
          {
            if (pocsim_dec_cmp (de, da) != 0)
              mismatch_values (mm, path, expected, actual);
          }
        else if (json_is_string (expected) && json_is_string (actual))
          {
            if (strcmp (json_string_value (expected), json_string_value (actual)) != 0)
              mismatch_values (mm, path, expected, actual);
          }
        else
          mismatch_values (mm, path, expected, actual);
        return;
      }

    case JSON_NULL:
    default:
      return; /* handled above */
    }
}

/* ---- the tests ------------------------------------------------------------ */

/* Failure messages are copied here so that everything can be freed before
 * the assertion (which does not return when it fails). */
static char failure[8192];

static void
set_failure (const char *text)
{
  g_strlcpy (failure, text, sizeof failure);
}

START_TEST (test_vector)
{
  const VectorCase *vc = g_ptr_array_index (cases, _i);
  gboolean ok = TRUE;
  GString *msg = g_string_new (NULL);

  json_error_t jerr;
  json_t *expect = json_load_file (vc->expect_path, 0, &jerr);
  if (expect == NULL)
    {
      ok = FALSE;
      g_string_printf (msg, "%s: cannot read expectation %s: %s:%d:%d: %s", vc->name,
                       vc->expect_path, jerr.source, jerr.line, jerr.column, jerr.text);
    }
  else
    {
      GError *error = NULL;
      json_t *doc = run_case (vc, &error);
      if (is_error_expectation (expect))
        {
          if (doc != NULL)
            {
              ok = FALSE;
              g_string_printf (msg, "%s: expected the case to be rejected, but it formed", vc->name);
            }
          else if (error == NULL)
            {
              ok = FALSE;
              g_string_printf (msg, "%s: rejected without an error message", vc->name);
            }
        }
      else if (doc == NULL)
        {
          ok = FALSE;
          g_string_printf (msg, "%s: rejected: %s", vc->name,
                           error ? error->message : "(no error message)");
        }
      else
        {
          Mismatches mm = { vc->name, g_string_new (NULL), 0, FALSE };
          compare (&mm, "", expect, doc);
          if (mm.count > 0)
            {
              ok = FALSE;
              g_string_printf (msg, "%s: %u mismatch%s:%s", vc->name, mm.count,
                               mm.count == 1 ? "" : "es", mm.report->str);
            }
          g_string_free (mm.report, TRUE);
        }
      g_clear_error (&error);
      if (doc != NULL)
        json_decref (doc);
      json_decref (expect);
    }

  set_failure (msg->str);
  g_string_free (msg, TRUE);
  ck_assert_msg (ok, "%s", failure);
}
END_TEST

/* The first line where A and B differ, for the failure message. */
static char *
first_difference (const char *a, const char *b)
{
  guint line = 1;
  const char *la = a, *lb = b;
  while (*a && *a == *b)
    {
      if (*a == '\n')
        {
          line++;
          la = a + 1;
          lb = b + 1;
        }
      a++;
      b++;
    }
  int na = (int) strcspn (la, "\n"), nb = (int) strcspn (lb, "\n");
  return g_strdup_printf ("line %u: \"%.*s\" vs \"%.*s\"", line, na, la, nb, lb);
}

START_TEST (test_deterministic)
{
  const VectorCase *vc = g_ptr_array_index (cases, _i);
  GError *e1 = NULL, *e2 = NULL;
  json_t *d1 = run_case (vc, &e1);
  json_t *d2 = run_case (vc, &e2);
  GString *msg = g_string_new (NULL);
  gboolean ok = TRUE;

  if ((d1 == NULL) != (d2 == NULL))
    {
      ok = FALSE;
      g_string_printf (msg, "%s: one run formed, the other failed: %s", vc->name,
                       e1 ? e1->message : e2 ? e2->message : "?");
    }
  else if (d1 == NULL)
    {
      const char *m1 = e1 ? e1->message : "", *m2 = e2 ? e2->message : "";
      if (strcmp (m1, m2) != 0)
        {
          ok = FALSE;
          g_string_printf (msg, "%s: two runs failed differently: \"%s\" vs \"%s\"", vc->name, m1, m2);
        }
    }
  else
    {
      char *s1 = json_dumps (d1, JSON_INDENT (2) | JSON_PRESERVE_ORDER);
      char *s2 = json_dumps (d2, JSON_INDENT (2) | JSON_PRESERVE_ORDER);
      if (s1 == NULL || s2 == NULL)
        {
          ok = FALSE;
          g_string_printf (msg, "%s: json_dumps failed", vc->name);
        }
      else if (strcmp (s1, s2) != 0)
        {
          char *where = first_difference (s1, s2);
          ok = FALSE;
          g_string_printf (msg, "%s: two runs differ at %s", vc->name, where);
          g_free (where);
        }
      free (s1);
      free (s2);
    }
  if (d1 != NULL)
    json_decref (d1);
  if (d2 != NULL)
    json_decref (d2);
  g_clear_error (&e1);
  g_clear_error (&e2);

  set_failure (msg->str);
  g_string_free (msg, TRUE);
  ck_assert_msg (ok, "%s", failure);
}
END_TEST

START_TEST (test_shared_vectors_present)
{
  ck_abort_msg ("%s", shared_problem);
}
END_TEST

/* ---- a few checks of the matcher itself ------------------------------------ */

static guint
mismatches_of (const char *expected_text, const char *actual_text)
{
  json_t *e = json_loads (expected_text, 0, NULL), *a = json_loads (actual_text, 0, NULL);
  ck_assert_msg (e != NULL && a != NULL, "bad test JSON");
  Mismatches mm = { "matcher", g_string_new (NULL), 0, TRUE };
  compare (&mm, "", e, a);
  g_string_free (mm.report, TRUE);
  json_decref (e);
  json_decref (a);
  return mm.count;
}

#define MATCHES(e, a) ck_assert_msg (mismatches_of ((e), (a)) == 0, "%s should match %s", (e), (a))
#define DIFFERS(e, a) ck_assert_msg (mismatches_of ((e), (a)) > 0, "%s should not match %s", (e), (a))

START_TEST (test_matcher)
{
  /* only the expectation's keys */
  MATCHES ("{\"a\": 1}", "{\"a\": 1, \"b\": 2}");
  DIFFERS ("{\"a\": 1}", "{\"a\": 2}");
  DIFFERS ("{\"a\": 1}", "{\"b\": 1}");
  /* integers by value, number or string; decimals by exact value */
  MATCHES ("{\"a\": \"12\"}", "{\"a\": 12}");
  MATCHES ("{\"a\": 12}", "{\"a\": \"12\"}");
  MATCHES ("{\"a\": \"0.15\"}", "{\"a\": \"0.150000000000000000\"}");
  DIFFERS ("{\"a\": \"0.15\"}", "{\"a\": \"0.150000000000000001\"}");
  MATCHES ("{\"a\": \"-1\"}", "{\"a\": -1}");
  DIFFERS ("{\"a\": \"x\"}", "{\"a\": \"y\"}");
  DIFFERS ("{\"a\": 0.5}", "{\"a\": \"0.5\"}"); /* JSON reals are refused */
  DIFFERS ("{\"a\": true}", "{\"a\": false}");
  DIFFERS ("{\"a\": 1}", "{\"a\": true}");
  /* nothing matches missing */
  MATCHES ("{\"a\": null, \"b\": 0, \"c\": \"\", \"d\": {}, \"e\": [], \"f\": \"0\"}", "{}");
  MATCHES ("{\"a\": null}", "{\"a\": 0}");
  DIFFERS ("{\"a\": null}", "{\"a\": 5}");
  DIFFERS ("{\"a\": {}}", "{\"a\": {\"x\": 1}}");
  DIFFERS ("{\"a\": []}", "{\"a\": [1]}");
  DIFFERS ("{\"a\": 5}", "{}");
  /* keyed arrays, any order */
  MATCHES ("{\"p\": [{\"address\": \"b\", \"v\": 2}, {\"address\": \"a\", \"v\": 1}]}",
           "{\"p\": [{\"address\": \"a\", \"v\": 1}, {\"address\": \"c\"}, {\"address\": \"b\", \"v\": 2}]}");
  DIFFERS ("{\"p\": [{\"address\": \"b\", \"v\": 2}]}", "{\"p\": [{\"address\": \"b\", \"v\": 3}]}");
  DIFFERS ("{\"p\": [{\"address\": \"z\"}]}", "{\"p\": [{\"address\": \"b\"}]}");
  MATCHES ("{\"g\": [{\"model_id\": \"M\", \"$absent\": true}]}", "{\"g\": [{\"model_id\": \"N\"}]}");
  DIFFERS ("{\"g\": [{\"model_id\": \"M\", \"$absent\": true}]}", "{\"g\": [{\"model_id\": \"M\"}]}");
  /* plain arrays, element by element */
  MATCHES ("{\"x\": [1, \"2\"]}", "{\"x\": [\"1\", 2]}");
  DIFFERS ("{\"x\": [1, 2]}", "{\"x\": [1, 2, 3]}");
}
END_TEST

/* ---- suite ---------------------------------------------------------------- */

static Suite *
vectors_suite (void)
{
  Suite *s = suite_create ("vectors");
  TCase *tc;

  tc = tcase_create ("matcher");
  tcase_add_test (tc, test_matcher);
  suite_add_tcase (s, tc);

  if (shared_problem != NULL)
    {
      g_printerr ("check_vectors: %s\n", shared_problem);
      tc = tcase_create ("shared");
      tcase_add_test (tc, test_shared_vectors_present);
      suite_add_tcase (s, tc);
    }

  for (guint k = 0; k < dirs->len; k++)
    {
      const VectorDir *vd = g_ptr_array_index (dirs, k);
      tc = tcase_create (vd->title);
      tcase_add_loop_test (tc, test_vector, (int) vd->start, (int) vd->end);
      tcase_add_loop_test (tc, test_deterministic, (int) vd->start, (int) vd->end);
      tcase_set_timeout (tc, 120);
      suite_add_tcase (s, tc);
    }
  return s;
}

int
main (void)
{
  discover ();
  SRunner *sr = srunner_create (vectors_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  g_ptr_array_free (dirs, TRUE);
  g_ptr_array_free (cases, TRUE);
  g_free (shared_problem);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
