/* check_stats.c - the median and quantiles of analysis/stats.h are GSL's,
 * to the last bit, on random data (the oracle is GSL itself). */
#include <check.h>
#include <glib.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/stats.h"

static void
assert_same_double (double got, double want, const char *what, gsize n, double p)
{
  ck_assert_msg (memcmp (&got, &want, sizeof got) == 0, "%s of %" G_GSIZE_FORMAT " values at %g: %.17g, GSL %.17g",
                 what, n, p, got, want);
}

START_TEST (test_as_gsl)
{
  GRand *rng = g_rand_new_with_seed (7);
  static const double fixed_p[] = { 0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1 };
  for (guint round = 0; round < 20000; round++)
    {
      gsize n = (gsize) g_rand_int_range (rng, 0, 40);
      double *ours = g_new (double, n + 1), *theirs = g_new (double, n + 1);
      for (gsize k = 0; k < n; k++)
        {
          /* repeated values, tiny and huge ones, as rates and ratios are */
          double v = round % 3 == 0 ? (double) g_rand_int_range (rng, 0, 5)
                                    : g_rand_double_range (rng, 0, 1) * pow (10, g_rand_int_range (rng, -6, 12));
          ours[k] = theirs[k] = v;
        }
      pocsim_sort_doubles (ours, n);
      gsl_sort (theirs, 1, n);
      ck_assert (n == 0 || memcmp (ours, theirs, n * sizeof *ours) == 0);
      assert_same_double (pocsim_median_sorted (ours, n), gsl_stats_median_from_sorted_data (theirs, 1, n), "median",
                          n, 0.5);
      for (guint j = 0; j < G_N_ELEMENTS (fixed_p) + 2; j++)
        {
          double p = j < G_N_ELEMENTS (fixed_p) ? fixed_p[j] : g_rand_double (rng);
          assert_same_double (pocsim_quantile_sorted (ours, n, p), gsl_stats_quantile_from_sorted_data (theirs, 1, n, p),
                              "quantile", n, p);
        }
      g_free (ours);
      g_free (theirs);
    }
  g_rand_free (rng);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("stats");
  TCase *tc = tcase_create ("as gsl");
  tcase_add_test (tc, test_as_gsl);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
