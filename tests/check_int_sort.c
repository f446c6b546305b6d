/* check_int_sort.c - tests for the integer sorts (core/int_sort.h): equal
 * to qsort's order for every length across the short and the radix sort,
 * with negative keys, ties and the int64 extremes. */
#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/int_sort.h"

static int
ascending (const void *a, const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

/* Keys of every kind: small ties, wide values of both signs, extremes. */
static gint64
key (GRand *g)
{
  switch (g_rand_int_range (g, 0, 5))
    {
    case 0: return g_rand_int_range (g, -3, 4);
    case 1: return G_MAXINT64 - g_rand_int_range (g, 0, 2);
    case 2: return G_MININT64 + g_rand_int_range (g, 0, 2);
    default: return (gint64) (((guint64) g_rand_int (g) << 32) | g_rand_int (g)) >> g_rand_int_range (g, 0, 63);
    }
}

START_TEST (test_sorts_as_qsort)
{
  g_autoptr (GRand) g = g_rand_new_with_seed (266);
  gint64 v[300], up[300];
  for (guint n = 0; n <= 300; n++)
    for (int round = 0; round < 10; round++)
      {
        for (guint i = 0; i < n; i++)
          v[i] = key (g);
        memcpy (up, v, n * sizeof *v);
        qsort (up, n, sizeof *up, ascending);
        gint64 got[300];
        memcpy (got, v, n * sizeof *v);
        pocsim_sort_i64 (got, n);
        ck_assert_msg (memcmp (got, up, n * sizeof *v) == 0, "ascending, n = %u", n);
      }
}
END_TEST

static Suite *
int_sort_suite (void)
{
  Suite *s = suite_create ("int_sort");
  TCase *tc = tcase_create ("qsort");
  tcase_add_test (tc, test_sorts_as_qsort);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (int_sort_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
