/* check_json_locate.c - tests for the JSON Pointer locator (json_locate.h). */
#include <check.h>
#include <glib.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_locate.h"

/* Runs the locator on an exact-length heap copy of TEXT, so that under
 * AddressSanitizer any read past LEN (the text is not NUL-terminated for the
 * locator) is caught rather than landing on a string literal's NUL. */
static gboolean
locate_n (const char *text, gsize len, const char *pointer, PocsimJsonPos *pos)
{
  char *copy = g_malloc (len > 0 ? len : 1);
  memcpy (copy, text, len);
  gboolean ok = pocsim_json_locate (copy, len, pointer, pos);
  g_free (copy);
  return ok;
}

static void
expect_at (const char *text, const char *pointer, gboolean resolved,
           guint line, guint column, int src_line)
{
  PocsimJsonPos pos = { 0, 0 };
  gboolean ok = locate_n (text, strlen (text), pointer, &pos);

  ck_assert_msg (ok == resolved && pos.line == line && pos.column == column,
                 "line %d: pointer \"%s\": got %s %u:%u, want %s %u:%u",
                 src_line, pointer, ok ? "TRUE" : "FALSE", pos.line, pos.column,
                 resolved ? "TRUE" : "FALSE", line, column);
}

#define FOUND(text, ptr, l, c) expect_at ((text), (ptr), TRUE, (l), (c), __LINE__)
#define PREFIX(text, ptr, l, c) expect_at ((text), (ptr), FALSE, (l), (c), __LINE__)

/* ---- root --------------------------------------------------------------- */

START_TEST (test_root)
{
  FOUND ("{}", "", 1, 1);
  FOUND ("[1]", "", 1, 1);
  FOUND ("  \n\t [1]", "", 2, 3);
  FOUND ("\r\n{}", "", 2, 1);
  FOUND ("42", "", 1, 1);
}
END_TEST

START_TEST (test_root_empty)
{
  PREFIX ("", "", 1, 1);
  PREFIX ("  ", "", 1, 3);
  PREFIX ("", "/a", 1, 1);
  /* Not a JSON Pointer (no leading '/'): nothing below the root resolves. */
  PREFIX ("{\"a\": 1}", "a", 1, 1);
}
END_TEST

/* ---- objects ------------------------------------------------------------ */

START_TEST (test_object_members)
{
  const char *t = "{\"a\": 1, \"bb\": {\"c\": true, \"d\": null}, \"e\": \"x\"}";
  /*               1234567890123456789012345678901234567890123456789 */
  FOUND (t, "/a", 1, 7);
  FOUND (t, "/bb", 1, 16);
  FOUND (t, "/bb/c", 1, 22);
  FOUND (t, "/bb/d", 1, 33);
  FOUND (t, "/e", 1, 45);
}
END_TEST

START_TEST (test_object_value_not_key)
{
  /* The value, however far from its key it sits. */
  FOUND ("{\"k\"  :\n\n   7}", "/k", 3, 4);
}
END_TEST

START_TEST (test_object_duplicate_first)
{
  FOUND ("{\"a\": 1, \"a\": 2}", "/a", 1, 7);
}
END_TEST

START_TEST (test_object_key_prefixes)
{
  /* Keys that are prefixes or extensions of the token must not match. */
  const char *t = "{\"ab\": 1, \"a\": 2, \"abc\": 3}";
  FOUND (t, "/a", 1, 16);
  FOUND (t, "/ab", 1, 8);
  FOUND (t, "/abc", 1, 26);
  PREFIX (t, "/abcd", 1, 1);
}
END_TEST

START_TEST (test_object_empty_key)
{
  FOUND ("{\"x\": 0, \"\": {\"\": 5}}", "/", 1, 14);
  FOUND ("{\"x\": 0, \"\": {\"\": 5}}", "//", 1, 19);
}
END_TEST

START_TEST (test_object_skips_tricky_values)
{
  /* Strings holding brackets, commas, colons, quotes and backslashes, and
   * nested containers, must be skipped whole. */
  const char *t =
      "{\"s\": \"}],:{[\\\"\\\\\", \"n\": {\"x\": [[{}], {\"y\": \"]\"}]}, "
      "\"z\": -1.5e+3}";
  PocsimJsonPos pos;
  ck_assert (locate_n (t, strlen (t), "/z", &pos));
  ck_assert_uint_eq (pos.column, (guint) (strstr (t, "-1.5") - t + 1));
}
END_TEST

/* ---- arrays ------------------------------------------------------------- */

START_TEST (test_array_elements)
{
  const char *t = "[10, [20, 21], {\"k\": [30]}, \"s\"]";
  /*               123456789012345678901234567890 */
  FOUND (t, "/0", 1, 2);
  FOUND (t, "/1", 1, 6);
  FOUND (t, "/1/1", 1, 11);
  FOUND (t, "/2", 1, 16);
  FOUND (t, "/2/k", 1, 22);
  FOUND (t, "/2/k/0", 1, 23);
  FOUND (t, "/3", 1, 29);
}
END_TEST

START_TEST (test_array_bad_indexes)
{
  const char *t = "[10, 11]";
  PREFIX (t, "/2", 1, 1);
  PREFIX (t, "/-", 1, 1);
  PREFIX (t, "/01", 1, 1);
  PREFIX (t, "/+1", 1, 1);
  PREFIX (t, "/1x", 1, 1);
  PREFIX (t, "/", 1, 1);
  PREFIX (t, "/99999999999999999999999999", 1, 1);
  PREFIX ("[]", "/0", 1, 1);
}
END_TEST

START_TEST (test_array_object_mismatch)
{
  /* A key token on an array, an index token on an object, any token on a
   * scalar. */
  PREFIX ("[1]", "/a", 1, 1);
  PREFIX ("{\"a\": 1}", "/0", 1, 1);
  PREFIX ("{\"0\": [1]}", "/0/0/0", 1, 8);
  FOUND ("{\"0\": 1}", "/0", 1, 7);   /* "0" is a fine key */
}
END_TEST

/* ---- escapes ------------------------------------------------------------ */

START_TEST (test_escaped_keys)
{
  const char *t =
      "{\"q\\\"\": 1, \"b\\\\\": 2, \"caf\\u00e9\": 3, \"caf\xc3\xa9!\": 4,"
      " \"\\ud83d\\ude00\": 5, \"t\\t\": 6, \"\\u0041\\/\": 7}";
  PocsimJsonPos pos;

  ck_assert (locate_n (t, strlen (t), "/q\"", &pos));
  ck_assert (locate_n (t, strlen (t), "/b\\", &pos));
  ck_assert (locate_n (t, strlen (t), "/caf\xc3\xa9", &pos));
  ck_assert (locate_n (t, strlen (t), "/caf\xc3\xa9!", &pos));
  ck_assert (locate_n (t, strlen (t), "/\xf0\x9f\x98\x80", &pos));
  ck_assert (locate_n (t, strlen (t), "/t\t", &pos));
  ck_assert (locate_n (t, strlen (t), "/A~1", &pos));
  /* The escaped spelling is not the key. */
  ck_assert (!locate_n (t, strlen (t), "/caf\\u00e9", &pos));
  ck_assert (!locate_n (t, strlen (t), "/q", &pos));
}
END_TEST

START_TEST (test_escaped_key_positions)
{
  /* Each value found, after escapes in keys and values. */
  const char *t = "{\"a\\\"b\": \"x\\\"}\", \"c\\u00e9\": 2}";
  /*               1 2 345 6 789 0 1 23456 7 8901234567890 */
  FOUND (t, "/a\"b", 1, 10);
  FOUND (t, "/c\xc3\xa9", 1, 29);
}
END_TEST

START_TEST (test_slash_and_tilde_keys)
{
  const char *t =
      "{\"Qwen/Qwen3-235B\": {\"w\": 1}, \"a~b\": 2, \"~1\": 3, \"m\\/n\": 4}";
  PocsimJsonPos pos;

  FOUND (t, "/Qwen~1Qwen3-235B/w", 1, 27);
  ck_assert (locate_n (t, strlen (t), "/a~0b", &pos));
  ck_assert (locate_n (t, strlen (t), "/~01", &pos));   /* key "~1" */
  ck_assert (locate_n (t, strlen (t), "/m~1n", &pos));  /* "\/" is '/' */
  ck_assert (!locate_n (t, strlen (t), "/Qwen/Qwen3-235B", &pos));
}
END_TEST

START_TEST (test_bad_escapes_never_match)
{
  /* Escapes jansson would reject: lone surrogates, bad hex, unknown escape.
   * They must not match and must not derail the scan. */
  const char *t =
      "{\"\\ud800\": 1, \"\\udc00x\": 2, \"\\u12G4\": 3, \"\\q\": 4, \"ok\": 5}";
  PocsimJsonPos pos;

  ck_assert (locate_n (t, strlen (t), "/ok", &pos));
  ck_assert_uint_eq (pos.column, (guint) (strstr (t, "5") - t + 1));
  ck_assert (!locate_n (t, strlen (t), "/q", &pos));
  ck_assert (!locate_n (t, strlen (t), "/x", &pos));
}
END_TEST

START_TEST (test_pointer_builders)
{
  g_autoptr (GString) p = g_string_new (NULL);

  pocsim_json_pointer_append_key (p, "previous");
  pocsim_json_pointer_append_key (p, "Qwen/Qwen3-235B");
  pocsim_json_pointer_append_key (p, "a~b/");
  pocsim_json_pointer_append_index (p, 3);
  pocsim_json_pointer_append_key (p, "");
  ck_assert_str_eq (p->str, "/previous/Qwen~1Qwen3-235B/a~0b~1/3/");

  const char *t = "{\"previous\": {\"Qwen/Qwen3-235B\": {\"a~b/\": "
                  "[0, 1, 2, {\"\": 9}]}}}";
  PocsimJsonPos pos;
  ck_assert (locate_n (t, strlen (t), p->str, &pos));
  ck_assert_uint_eq (pos.column, (guint) (strstr (t, "9") - t + 1));

  /* the new-string forms build the same pointer */
  g_autofree char *a = pocsim_json_pointer_key ("/previous", "Qwen/Qwen3-235B");
  g_autofree char *b = pocsim_json_pointer_key (a, "a~b/");
  g_autofree char *c = pocsim_json_pointer_index (b, 3);
  g_autofree char *d = pocsim_json_pointer_key (c, "");
  ck_assert_str_eq (d, p->str);
}
END_TEST

/* ---- lines and columns -------------------------------------------------- */

START_TEST (test_lines_lf)
{
  const char *t = "{\n  \"a\": 1,\n  \"b\": [\n    true,\n    \"x\"\n  ]\n}\n";
  FOUND (t, "/a", 2, 8);
  FOUND (t, "/b", 3, 8);
  FOUND (t, "/b/0", 4, 5);
  FOUND (t, "/b/1", 5, 5);
}
END_TEST

START_TEST (test_lines_crlf)
{
  /* Same document with CRLF: the '\r' ends its line, so columns on later
   * lines are unchanged. */
  const char *t =
      "{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    true,\r\n    \"x\"\r\n  ]\r\n}\r\n";
  FOUND (t, "/a", 2, 8);
  FOUND (t, "/b", 3, 8);
  FOUND (t, "/b/0", 4, 5);
  FOUND (t, "/b/1", 5, 5);
}
END_TEST

START_TEST (test_lines_newline_in_string)
{
  /* Escaped newlines are not line breaks; a lone '\r' is not one either. */
  FOUND ("[\"a\\nb\", 1]", "/1", 1, 10);
  FOUND ("[1,\r2]", "/1", 1, 5);
}
END_TEST

START_TEST (test_columns_count_characters)
{
  /* "é" is 2 bytes, "€" 3, the emoji 4: one column each, as in jansson. */
  FOUND ("[\"\xc3\xa9\", 1]", "/1", 1, 7);
  FOUND ("[\"\xe2\x82\xac\xc3\xa9\", 1]", "/1", 1, 8);
  FOUND ("{\"\xf0\x9f\x98\x80\": 1}", "/\xf0\x9f\x98\x80", 1, 7);
  FOUND ("[\"\xc3\xa9\",\n 1]", "/1", 2, 2);
}
END_TEST

/* ---- kinds of values ---------------------------------------------------- */

START_TEST (test_value_kinds)
{
  const char *t = "{\"o\": {}, \"a\": [], \"s\": \"\", \"n\": -0.5E-2,"
                  " \"t\": true, \"f\": false, \"z\": null, \"end\": 0}";
  PocsimJsonPos pos;
  const char *ptrs[] = { "/o", "/a", "/s", "/n", "/t", "/f", "/z", "/end" };
  const char *vals[] = { "{}", "[]", "\"\"", "-0.5", "true", "false", "null", "0}" };

  for (gsize i = 0; i < G_N_ELEMENTS (ptrs); i++) {
    ck_assert_msg (locate_n (t, strlen (t), ptrs[i], &pos), "%s", ptrs[i]);
    ck_assert_uint_eq (pos.line, 1);
    ck_assert_uint_eq (pos.column, (guint) (strstr (t, vals[i]) - t + 1));
  }
}
END_TEST

/* ---- missing keys: prefix resolution ------------------------------------ */

START_TEST (test_missing_keys)
{
  const char *t = "{\n  \"previous\": {\n    \"weights\": {\"g1\": 5}\n  },"
                  "\n  \"commits\": [{\"model_id\": \"m\"}]\n}";
  FOUND (t, "/previous/weights/g1", 3, 23);
  PREFIX (t, "/previous/weights/g2", 3, 16);
  PREFIX (t, "/previous/weights/g1/deeper", 3, 23);
  PREFIX (t, "/previous/nothing/g1", 2, 15);
  PREFIX (t, "/absent", 1, 1);
  FOUND (t, "/commits/0/model_id", 5, 28);
  PREFIX (t, "/commits/1/model_id", 5, 14);
  PREFIX (t, "/commits/0/model", 5, 15);
}
END_TEST

/* ---- malformed and truncated text --------------------------------------- */

static const char sample[] =
    "{\"a\": [1, {\"b\\u00e9\": \"x\\\"y\"}, [true, null]],\r\n"
    " \"c\": {\"d\": -2.5e3, \"e\": \"\\ud83d\\ude00\"}, \"f\": false}";
static const char *const sample_ptrs[] = {
  "", "/a", "/a/0", "/a/1", "/a/1/b\xc3\xa9", "/a/2/1", "/c", "/c/d", "/c/e",
  "/f", "/zz", "/a/9",
};

START_TEST (test_truncated)
{
  /* Every prefix of the text, with every pointer: no crash, no over-read,
   * and a position that never lies past the end. */
  gsize n = strlen (sample);
  for (gsize cut = 0; cut <= n; cut++) {
    for (gsize i = 0; i < G_N_ELEMENTS (sample_ptrs); i++) {
      PocsimJsonPos pos = { 0, 0 };
      locate_n (sample, cut, sample_ptrs[i], &pos);
      ck_assert_uint_ge (pos.line, 1);
      ck_assert_uint_le (pos.line, 2);
      ck_assert_uint_ge (pos.column, 1);
    }
  }
  /* A truncation after the wanted value does not matter. */
  PocsimJsonPos pos;
  ck_assert (locate_n (sample, strstr (sample, "null") - sample, "/a/1", &pos));
  /* One that cuts the value off does. */
  ck_assert (!locate_n ("{\"a\": ", 6, "/a", &pos));
  ck_assert (!locate_n ("{\"a\": 1, \"b", 11, "/b", &pos));
}
END_TEST

START_TEST (test_malformed)
{
  PocsimJsonPos pos;

  PREFIX ("{\"a\" 1}", "/a", 1, 1);          /* missing ':' */
  PREFIX ("{\"a\": }", "/a", 1, 1);          /* missing value */
  PREFIX ("[1,,2]", "/1", 1, 1);
  PREFIX ("{a: 1}", "/a", 1, 1);             /* unquoted key */
  PREFIX ("[\"unterminated, 1]", "/1", 1, 1);
  PREFIX ("[\"bad escape at end\\", "/1", 1, 1);
  PREFIX ("[\"\\u12", "/1", 1, 1);
  PREFIX ("}", "/a", 1, 1);
  PREFIX ("{\"a\": 1 \"b\": 2}", "/b", 1, 1);  /* missing ',' */
  /* Garbage values are skipped like tokens; one right at the target is
   * still pointed at (the jansson comparison below relies on it). */
  FOUND ("[@@, 2]", "/1", 1, 6);
  FOUND ("[1, @]", "/1", 1, 5);
  /* Mismatched brackets: an answer, and no crash. */
  locate_n ("[{]]]]}}}, 1]", 13, "/1", &pos);
  locate_n ("\0\0\0", 3, "/0", &pos);
  locate_n ("[\0, 1]", 6, "/1", &pos);
}
END_TEST

START_TEST (test_random_bytes)
{
  /* Fuzz with JSON-ish bytes from a fixed seed: only checks that nothing
   * crashes or reads out of bounds (the harness and ASan do the checking). */
  static const char alphabet[] = "{}[],:\"\\u0123456789abcdefAE-+.tn \n\r\xc3\xa9~/";
  GRand *rand = g_rand_new_with_seed (20240601);
  char buf[64];
  PocsimJsonPos pos;

  for (int iter = 0; iter < 20000; iter++) {
    gsize len = g_rand_int_range (rand, 0, sizeof buf);
    for (gsize i = 0; i < len; i++)
      buf[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
    locate_n (buf, len, "/0/a/1", &pos);
    locate_n (buf, len, "/u/0", &pos);
  }
  g_rand_free (rand);
}
END_TEST

/* ---- deep nesting ------------------------------------------------------- */

#define DEEP 100000

START_TEST (test_deep_unclosed)
{
  char *t = g_malloc (DEEP);
  memset (t, '[', DEEP);
  PocsimJsonPos pos;

  /* Skipping element 0 runs into the end of the text. */
  ck_assert (!locate_n (t, DEEP, "/1", &pos));
  ck_assert_uint_eq (pos.column, 1);
  /* Descending all the way down. */
  g_autoptr (GString) p = g_string_new (NULL);
  for (int i = 0; i < DEEP - 1; i++)
    pocsim_json_pointer_append_index (p, 0);
  ck_assert (locate_n (t, DEEP, p->str, &pos));
  ck_assert_uint_eq (pos.column, DEEP);
  pocsim_json_pointer_append_index (p, 0);
  ck_assert (!locate_n (t, DEEP, p->str, &pos));
  ck_assert_uint_eq (pos.column, DEEP);
  g_free (t);
}
END_TEST

START_TEST (test_deep_closed)
{
  /* [ [[[...]]] , 7 ]: the deep element is skipped whole. */
  GString *t = g_string_new ("[");
  for (int i = 0; i < DEEP; i++)
    g_string_append_c (t, '[');
  for (int i = 0; i < DEEP; i++)
    g_string_append_c (t, ']');
  g_string_append (t, ", 7]");
  PocsimJsonPos pos;

  ck_assert (locate_n (t->str, t->len, "/1", &pos));
  ck_assert_uint_eq (pos.column, 2 * DEEP + 4);
  g_string_free (t, TRUE);
}
END_TEST

/* ---- same convention as jansson ----------------------------------------- */

/* A valid document whose digits outside strings are all one-character
 * values.  Replacing one such digit with '@' makes jansson
 * fail right there ("invalid token near '@'"); the locator, asked for that
 * value in the valid document, must report the same line and column.  The
 * text mixes LF, CRLF, tabs and multi-byte characters before the values. */
static const char jansson_doc[] =
    "{\r\n"
    "  \"na\xc3\xafve\": \"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\", \"w\": [1, 2,\t3],\n"
    "\t\"Qwen/Qwen-\xc3\xa9\": {\"\xe2\x82\xac\": 4, \"k\\u00e9\": [5]},\r\n"
    "  \"z\": \"a\\\"\xc3\xa9\", \"last\": 6\r\n"
    "}\r\n";
static const char *const jansson_ptrs[] = {
  "/w/0", "/w/1", "/w/2", "/Qwen~1Qwen-\xc3\xa9/\xe2\x82\xac",
  "/Qwen~1Qwen-\xc3\xa9/k\xc3\xa9/0", "/last",
};

START_TEST (test_matches_jansson)
{
  json_error_t err;
  json_t *ok = json_loads (jansson_doc, 0, &err);
  ck_assert_msg (ok != NULL, "sample does not parse: %s", err.text);
  json_decref (ok);

  gsize len = strlen (jansson_doc);
  gsize k = 0;
  gboolean in_string = FALSE;
  for (gsize i = 0; i < len; i++) {
    if (in_string && jansson_doc[i] == '\\')
      i++;                          /* the escaped byte cannot end the string */
    else if (jansson_doc[i] == '"')
      in_string = !in_string;
    if (in_string || !g_ascii_isdigit (jansson_doc[i]))
      continue;
    ck_assert_uint_lt (k, G_N_ELEMENTS (jansson_ptrs));

    g_autofree char *broken = g_strdup (jansson_doc);
    broken[i] = '@';
    json_t *j = json_loads (broken, 0, &err);
    ck_assert_ptr_null (j);

    PocsimJsonPos pos;
    ck_assert (locate_n (jansson_doc, len, jansson_ptrs[k], &pos));
    ck_assert_msg (pos.line == (guint) err.line && pos.column == (guint) err.column,
                   "%s: locator %u:%u, jansson %d:%d (%s)", jansson_ptrs[k],
                   pos.line, pos.column, err.line, err.column, err.text);
    /* And the same for the broken text itself. */
    ck_assert (locate_n (broken, len, jansson_ptrs[k], &pos));
    ck_assert_uint_eq (pos.column, (guint) err.column);
    k++;
  }
  ck_assert_uint_eq (k, G_N_ELEMENTS (jansson_ptrs));
}
END_TEST

START_TEST (test_matches_jansson_unexpected_token)
{
  /* A structural character where a value should be: jansson's column is the
   * one the locator gives for a value there. */
  json_error_t err;
  const char *broken = "{\"\xc3\xa9\":\r\n\t [1, ]}";
  ck_assert_ptr_null (json_loads (broken, 0, &err));
  PocsimJsonPos pos;
  ck_assert (locate_n ("{\"\xc3\xa9\":\r\n\t [1, 2]}", 18, "/\xc3\xa9/1", &pos));
  ck_assert_int_eq (pos.line, err.line);
  ck_assert_int_eq (pos.column, err.column);
}
END_TEST

static Suite *
json_locate_suite (void)
{
  Suite *s = suite_create ("json_locate");
  TCase *tc;

  tc = tcase_create ("root");
  tcase_add_test (tc, test_root);
  tcase_add_test (tc, test_root_empty);
  suite_add_tcase (s, tc);

  tc = tcase_create ("objects");
  tcase_add_test (tc, test_object_members);
  tcase_add_test (tc, test_object_value_not_key);
  tcase_add_test (tc, test_object_duplicate_first);
  tcase_add_test (tc, test_object_key_prefixes);
  tcase_add_test (tc, test_object_empty_key);
  tcase_add_test (tc, test_object_skips_tricky_values);
  suite_add_tcase (s, tc);

  tc = tcase_create ("arrays");
  tcase_add_test (tc, test_array_elements);
  tcase_add_test (tc, test_array_bad_indexes);
  tcase_add_test (tc, test_array_object_mismatch);
  suite_add_tcase (s, tc);

  tc = tcase_create ("escapes");
  tcase_add_test (tc, test_escaped_keys);
  tcase_add_test (tc, test_escaped_key_positions);
  tcase_add_test (tc, test_slash_and_tilde_keys);
  tcase_add_test (tc, test_bad_escapes_never_match);
  tcase_add_test (tc, test_pointer_builders);
  suite_add_tcase (s, tc);

  tc = tcase_create ("lines");
  tcase_add_test (tc, test_lines_lf);
  tcase_add_test (tc, test_lines_crlf);
  tcase_add_test (tc, test_lines_newline_in_string);
  tcase_add_test (tc, test_columns_count_characters);
  suite_add_tcase (s, tc);

  tc = tcase_create ("kinds");
  tcase_add_test (tc, test_value_kinds);
  suite_add_tcase (s, tc);

  tc = tcase_create ("missing");
  tcase_add_test (tc, test_missing_keys);
  suite_add_tcase (s, tc);

  tc = tcase_create ("malformed");
  tcase_add_test (tc, test_truncated);
  tcase_add_test (tc, test_malformed);
  tcase_add_test (tc, test_random_bytes);
  tcase_set_timeout (tc, 60);
  suite_add_tcase (s, tc);

  tc = tcase_create ("deep");
  tcase_add_test (tc, test_deep_unclosed);
  tcase_add_test (tc, test_deep_closed);
  tcase_set_timeout (tc, 60);
  suite_add_tcase (s, tc);

  tc = tcase_create ("jansson");
  tcase_add_test (tc, test_matches_jansson);
  tcase_add_test (tc, test_matches_jansson_unexpected_token);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (json_locate_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
