/* check_json_writer.c - the stream writer writes what jansson's json_dumpf
 * (JSON_INDENT(2) | JSON_PRESERVE_ORDER) writes (io/json_writer.h), and
 * integers are formatted as printf formats them (io/text_out.h).
 *
 * The oracle is jansson itself: each document is built as a jansson tree,
 * dumped by jansson, and written by walking the same tree through the
 * stream writer; the two texts must be equal byte for byte. */
#include <check.h>
#include <glib.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_writer.h"
#include "io/text_out.h"

/* Writes V through the stream writer, as the result writers do. */
static void
write_tree (PocsimJsonWriter *w, const json_t *v)
{
  const char *key;
  json_t *member;
  size_t i;
  switch (json_typeof (v))
    {
    case JSON_OBJECT:
      pocsim_json_object_open (w);
      json_object_foreach ((json_t *) v, key, member)
        {
          pocsim_json_key (w, key);
          write_tree (w, member);
        }
      pocsim_json_object_close (w);
      break;
    case JSON_ARRAY:
      pocsim_json_array_open (w);
      json_array_foreach ((json_t *) v, i, member)
        write_tree (w, member);
      pocsim_json_array_close (w);
      break;
    case JSON_STRING: pocsim_json_put_string (w, json_string_value (v)); break;
    case JSON_INTEGER: pocsim_json_put_int (w, json_integer_value (v)); break;
    case JSON_TRUE: pocsim_json_put_bool (w, TRUE); break;
    case JSON_FALSE: pocsim_json_put_bool (w, FALSE); break;
    case JSON_NULL: pocsim_json_put_null (w); break;
    case JSON_REAL: ck_abort_msg ("the writer has no reals"); break;
    }
}

/* The writer's text for DOC (with its final line break). */
static char *
written (const json_t *doc)
{
  char *text = NULL;
  size_t size = 0;
  FILE *mem = open_memstream (&text, &size);
  ck_assert_ptr_nonnull (mem);
  PocsimJsonWriter *w = pocsim_json_writer_new (mem);
  write_tree (w, doc);
  ck_assert (pocsim_json_writer_finish (w));
  pocsim_json_writer_free (w);
  ck_assert_int_eq (fclose (mem), 0);
  char *copy = g_strndup (text, size);
  free (text);
  return copy;
}

static void
assert_same_as_jansson (const json_t *doc, const char *what)
{
  char *dumped = json_dumps (doc, JSON_INDENT (2) | JSON_PRESERVE_ORDER);
  ck_assert_ptr_nonnull (dumped);
  g_autofree char *want = g_strconcat (dumped, "\n", NULL);
  free (dumped);
  g_autofree char *got = written (doc);
  if (strcmp (got, want) != 0)
    {
      gsize k = 0;
      while (got[k] == want[k])
        k++;
      ck_abort_msg ("%s: differs from jansson at byte %" G_GSIZE_FORMAT ": got \"%.40s\", want \"%.40s\"", what, k,
                    got + k, want + k);
    }
}

static void
assert_text_same (const char *json_text)
{
  json_error_t jerr;
  json_t *doc = json_loads (json_text, 0, &jerr);
  ck_assert_msg (doc != NULL, "%s: %s", json_text, jerr.text);
  assert_same_as_jansson (doc, json_text);
  json_decref (doc);
}

START_TEST (test_shapes)
{
  assert_text_same ("{}");
  assert_text_same ("[]");
  assert_text_same ("{\"a\": {}, \"b\": [], \"c\": [{}], \"d\": [[], [[]]]}");
  assert_text_same ("[1, -1, 0, true, false, null, \"\", \"x\"]");
  assert_text_same ("{\"k\": {\"k\": {\"k\": {\"k\": {\"k\": {\"k\": {\"k\": {\"k\": {\"k\": {\"k\": {\"k\": "
                    "{\"k\": {\"k\": {\"k\": {\"k\": {\"k\": {\"k\": {\"k\": 1}}}}}}}}}}}}}}}}}}");
  assert_text_same ("[9223372036854775807, -9223372036854775808, 10, 99, 100, -100, 1000000007]");
  /* keys keep the order they were written in */
  assert_text_same ("{\"z\": 1, \"a\": 2, \"m\": {\"y\": 1, \"b\": 2}}");
}
END_TEST

START_TEST (test_escapes)
{
  json_t *doc = json_array ();
  json_array_append_new (doc, json_string ("quote \" backslash \\ slash /"));
  json_array_append_new (doc, json_string ("\b\f\n\r\t"));
  json_array_append_new (doc, json_string ("\x01\x02\x1f\x7f"));
  json_array_append_new (doc, json_string ("gonka1é Qwen/Qwen3 \xe2\x80\xa8 \xf0\x9f\x98\x80"));
  json_t *obj = json_object ();
  json_object_set_new (obj, "key \"with\" \n escapes", json_integer (1));
  json_object_set_new (obj, "", json_string (""));
  json_array_append_new (doc, obj);
  assert_same_as_jansson (doc, "escapes");
  json_decref (doc);
}
END_TEST

/* A random document: nested objects and arrays, some empty, strings from
 * an alphabet with every character the writer escapes. */
static json_t *
random_value (GRand *rng, guint depth)
{
  static const char *const pieces[] = { "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f", "é",
                                        "\xe2\x82\xac", "gonka1", "model-", "{", "]", ":" };
  gint32 kind = g_rand_int_range (rng, depth > 5 ? 2 : 0, 7);
  switch (kind)
    {
    case 0:
    case 1:
      {
        json_t *c = kind == 0 ? json_object () : json_array ();
        guint n = g_rand_int_range (rng, 0, 5);
        for (guint k = 0; k < n; k++)
          if (kind == 0)
            {
              g_autofree char *key = g_strdup_printf ("%s%u", pieces[g_rand_int_range (rng, 0, G_N_ELEMENTS (pieces))], k);
              json_object_set_new (c, key, random_value (rng, depth + 1));
            }
          else
            json_array_append_new (c, random_value (rng, depth + 1));
        return c;
      }
    case 2:
      {
        GString *s = g_string_new (NULL);
        guint n = g_rand_int_range (rng, 0, 8);
        for (guint k = 0; k < n; k++)
          g_string_append (s, pieces[g_rand_int_range (rng, 0, G_N_ELEMENTS (pieces))]);
        json_t *v = json_string (s->str);
        g_string_free (s, TRUE);
        return v;
      }
    case 3:
      return json_integer ((json_int_t) (((guint64) g_rand_int (rng) << 32) | g_rand_int (rng)));
    case 4:
      return json_integer (g_rand_int_range (rng, -1000, 1000));
    case 5:
      return json_boolean (g_rand_boolean (rng));
    default:
      return json_null ();
    }
}

START_TEST (test_random_documents)
{
  GRand *rng = g_rand_new_with_seed (15);
  for (guint k = 0; k < 2000; k++)
    {
      json_t *doc = json_object ();
      json_object_set_new (doc, "v", random_value (rng, 0));
      g_autofree char *what = g_strdup_printf ("random document %u", k);
      assert_same_as_jansson (doc, what);
      json_decref (doc);
    }
  g_rand_free (rng);
}
END_TEST

/* More than the 64 KiB buffer, and one string longer than the buffer. */
START_TEST (test_larger_than_buffer)
{
  json_t *doc = json_object ();
  json_t *list = json_array ();
  for (gint64 k = 0; k < 20000; k++)
    json_array_append_new (list, json_integer (k * 7919 - 50000));
  json_object_set_new (doc, "numbers", list);
  char *big = g_malloc (200001);
  for (gsize k = 0; k < 200000; k++)
    big[k] = k % 1000 == 999 ? '"' : (char) ('a' + k % 26);
  big[200000] = '\0';
  json_object_set_new (doc, "big", json_string (big));
  g_free (big);
  assert_same_as_jansson (doc, "large document");
  json_decref (doc);
}
END_TEST

START_TEST (test_decimals)
{
  char *text = NULL;
  size_t size = 0;
  FILE *mem = open_memstream (&text, &size);
  PocsimJsonWriter *w = pocsim_json_writer_new (mem);
  pocsim_json_object_open (w);
  pocsim_json_member_dec (w, "one", pocsim_dec_one ());
  pocsim_json_member_dec (w, "minus", pocsim_dec_from_int64 (-3));
  pocsim_json_member_string (w, "none", NULL);
  pocsim_json_object_close (w);
  ck_assert (pocsim_json_writer_finish (w));
  pocsim_json_writer_free (w);
  fclose (mem);
  ck_assert_str_eq (text, "{\n  \"one\": \"1.000000000000000000\",\n  \"minus\": \"-3.000000000000000000\",\n"
                          "  \"none\": null\n}\n");
  free (text);
}
END_TEST

/* A stream that refuses writes: finish reports it. */
START_TEST (test_write_error)
{
  FILE *ro = fopen ("/dev/null", "r");
  ck_assert_ptr_nonnull (ro);
  PocsimJsonWriter *w = pocsim_json_writer_new (ro);
  pocsim_json_array_open (w);
  for (guint k = 0; k < 100000; k++)
    pocsim_json_put_int (w, k);
  pocsim_json_array_close (w);
  ck_assert (!pocsim_json_writer_finish (w));
  pocsim_json_writer_free (w);
  fclose (ro);
}
END_TEST

static void
assert_int_text (gint64 v)
{
  char buf[POCSIM_INT64_TEXT_SIZE + 1];
  gsize n = pocsim_int64_text (v, buf);
  buf[n] = '\0';
  char want[32];
  g_snprintf (want, sizeof want, "%" G_GINT64_FORMAT, v);
  ck_assert_str_eq (buf, want);
}

START_TEST (test_int64_text)
{
  static const gint64 fixed[] = { 0, 1, -1, 9, 10, 11, 99, 100, 101, 999, 1000, -10, -99, -100,
                                  G_MAXINT64, G_MININT64, G_MAXINT64 - 1, G_MININT64 + 1, 1000000000000000000,
                                  -999999999999999999 };
  for (guint k = 0; k < G_N_ELEMENTS (fixed); k++)
    assert_int_text (fixed[k]);
  for (gint64 p = 1; p <= G_MAXINT64 / 10; p *= 10)
    {
      assert_int_text (p - 1);
      assert_int_text (p);
      assert_int_text (-p);
      assert_int_text (-(p - 1));
    }
  GRand *rng = g_rand_new_with_seed (64);
  for (guint k = 0; k < 100000; k++)
    assert_int_text ((gint64) (((guint64) g_rand_int (rng) << 32) | g_rand_int (rng)) >> g_rand_int_range (rng, 0, 63));
  g_rand_free (rng);
}
END_TEST

static Suite *
json_writer_suite (void)
{
  Suite *s = suite_create ("json_writer");
  TCase *tc = tcase_create ("as jansson dumps");
  tcase_add_test (tc, test_shapes);
  tcase_add_test (tc, test_escapes);
  tcase_add_test (tc, test_random_documents);
  tcase_add_test (tc, test_larger_than_buffer);
  tcase_set_timeout (tc, 60);
  suite_add_tcase (s, tc);

  tc = tcase_create ("values and errors");
  tcase_add_test (tc, test_decimals);
  tcase_add_test (tc, test_write_error);
  tcase_add_test (tc, test_int64_text);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (json_writer_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
