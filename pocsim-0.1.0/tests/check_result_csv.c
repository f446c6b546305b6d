/* check_result_csv.c - tests for the CSV writer (result_csv.h): RFC 4180
 * quoting through libcsv, CRLF records, and formula neutralising (OWASP
 * "CSV injection": a cell starting with = + - @ tab or CR). */
#include <check.h>
#include <csv.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "io/result_csv.h"

/* The bytes pocsim_csv_write_row writes for the given fields. */
static char *
row (const char *const *fields, guint n)
{
  char *buf = NULL;
  size_t size = 0;
  FILE *f = open_memstream (&buf, &size);
  ck_assert (pocsim_csv_write_row (f, fields, n));
  fclose (f);
  return buf;
}

static void
expect_row (const char *const *fields, guint n, const char *want, int src_line)
{
  char *got = row (fields, n);
  ck_assert_msg (strcmp (got, want) == 0, "line %d: got [%s], want [%s]", src_line, got, want);
  free (got);
}
#define ROW(want, ...)                                                                    \
  do                                                                                      \
    {                                                                                     \
      const char *const f_[] = { __VA_ARGS__ };                                           \
      expect_row (f_, G_N_ELEMENTS (f_), (want), __LINE__);                               \
    }                                                                                     \
  while (0)

START_TEST (test_quoting)
{
  ROW ("a,1,0.500000000000000000\r\n", "a", "1", "0.500000000000000000");
  ROW ("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n", "a,b", "say \"hi\"", "two\nlines", "cr\rhere");
  ROW ("\" lead\",\"trail \",\"tab\t\",in side\r\n", " lead", "trail ", "tab\t", "in side");
  ROW (",\r\n", "", "");
}
END_TEST

START_TEST (test_formulas)
{
  /* text that would run as a formula gets a leading quote */
  ROW ("'=1+2,'+1,'@SUM(A1),'-cmd,'-1+2,'-\r\n", "=1+2", "+1", "@SUM(A1)", "-cmd", "-1+2", "-");
  ROW ("'\t=x\r\n", "\t=x");
  ROW ("\"'\r=x\"\r\n", "\r=x"); /* neutralised, then quoted for its CR */
  ROW ("\"'=a,b\"\r\n", "=a,b");
  /* numbers keep their sign */
  ROW ("-5,-0.150000000000000000,12\r\n", "-5", "-0.150000000000000000", "12");
  /* a cell that only contains a sign or a dot is not a number */
  ROW ("'-.5,'-5.\r\n", "-.5", "-5.");
}
END_TEST

/* What the writer writes, libcsv reads back field for field. */
typedef struct {
  GPtrArray *fields;
} Back;

static void
on_field (void *s, size_t len, void *data)
{
  Back *b = data;
  g_ptr_array_add (b->fields, g_strndup (s ? s : "", len));
}

static void
on_row (int c, void *data)
{
}

START_TEST (test_round_trip)
{
  const char *const fields[] = { "plain", "a,b", "q\"q", "l\nl", "", "x y", " pad ", "-1" };
  char *text = row (fields, G_N_ELEMENTS (fields));
  struct csv_parser p;
  ck_assert_int_eq (csv_init (&p, CSV_STRICT | CSV_STRICT_FINI), 0);
  Back back = { g_ptr_array_new_with_free_func (g_free) };
  ck_assert_uint_eq (csv_parse (&p, text, strlen (text), on_field, on_row, &back), strlen (text));
  ck_assert_int_eq (csv_fini (&p, on_field, on_row, &back), 0);
  csv_free (&p);
  ck_assert_uint_eq (back.fields->len, G_N_ELEMENTS (fields));
  for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
    ck_assert_str_eq (g_ptr_array_index (back.fields, k), fields[k]);
  g_ptr_array_unref (back.fields);
  free (text);
}
END_TEST

START_TEST (test_write_error)
{
  FILE *f = fopen ("/dev/full", "w");
  if (f == NULL)
    return;
  setvbuf (f, NULL, _IONBF, 0);
  const char *const fields[] = { "a", "b,c" };
  ck_assert (!pocsim_csv_write_row (f, fields, 2));
  fclose (f);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("result_csv");
  TCase *tc = tcase_create ("rfc4180");
  tcase_add_test (tc, test_quoting);
  tcase_add_test (tc, test_round_trip);
  tcase_add_test (tc, test_write_error);
  suite_add_tcase (s, tc);
  TCase *inj = tcase_create ("formulas");
  tcase_add_test (inj, test_formulas);
  suite_add_tcase (s, inj);
  SRunner *runner = srunner_create (s);
  srunner_run_all (runner, CK_ENV);
  int failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
