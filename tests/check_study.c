/* check_study.c - parameter paths, the study reader, the statistics and the
 * sweep engine.
 *
 * The statistics are checked against values computed by hand below (R's
 * quantile type 7: h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1]
 * - x[floor h])); the engine against itself: any number of threads and any
 * split of the runs give the same numbers. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "analysis/stats.h"
#include "analysis/sweep.h"
#include "io/doc_path.h"
#include "io/json_autoptr.h"
#include "io/study_json.h"

#define E266 SRCDIR "/data/mainnet-e266.case.json"

/* ---- parameter paths ---- */

START_TEST (test_path_known_and_unknown)
{
  static const struct {
    const char *path;
    const char *message; /* NULL = known */
  } cases[] = {
    { "params.delegation_params.w_threshold", NULL },
    { "params.poc_params.models[MiniMaxAI/MiniMax-M2.7].weight_scale_factor", NULL },
    { "rules", NULL },
    { "previous.voting_powers[moonshotai/Kimi-K2.6].gonka1abc", NULL },
    /* v0.2.16's parameters and E's state */
    { "params.poc_params.models[deepseek-ai/DeepSeek-V4-Flash-0731].dynamic_coefficient.coeff_max", NULL },
    { "params.poc_params.dynamic_coefficient_params.step_max", NULL },
    { "previous.cap_weights.gonka1abc", NULL },
    { "params.poc_params.models[M].dynamic_coefficient.coef_max",
      "unknown parameter path \"params.poc_params.models[M].dynamic_coefficient.coef_max\": "
      "params.poc_params.models.M.dynamic_coefficient has no \"coef_max\" (did you mean \"coeff_max\"?)" },
    { "params.delegation_params.w_treshold",
      "unknown parameter path \"params.delegation_params.w_treshold\": params.delegation_params has no \"w_treshold\" "
      "(did you mean \"w_threshold\"?)" },
    { "parms.delegation_params.w_threshold",
      "unknown parameter path \"parms.delegation_params.w_threshold\": a case has no \"parms\" (did you mean \"params\"?)" },
    { "params.genesis_only_params",
      "unknown parameter path \"params.genesis_only_params\": params.genesis_only_params is not a value (name one of "
      "\"max_individual_power_percentage\")" },
    { "params..v_min", "malformed parameter path \"params..v_min\" (keys separated by '.', a model as [MODEL_ID], e.g. "
                       "params.poc_params.models[M].weight_scale_factor)" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PocsimDocPath) p = pocsim_doc_path_parse (cases[k].path, &error);
      if (cases[k].message == NULL)
        ck_assert_msg (p != NULL, "%s: %s", cases[k].path, error ? error->message : "");
      else
        {
          ck_assert_msg (p == NULL, "%s was accepted", cases[k].path);
          ck_assert_str_eq (error->message, cases[k].message);
        }
    }
  g_autoptr (GError) error = NULL;
  ck_assert (pocsim_doc_path_parse ("poc[M", &error) == NULL);
  ck_assert (g_str_has_prefix (error->message, "malformed parameter path \"poc[M\""));
}
END_TEST

START_TEST (test_path_set_in_documents)
{
  /* The REST wrapper {"params": {"params": ...}} is read through; a model is
   * found by its model_id; missing objects are made. */
  g_autoptr (json_t) doc = json_loads ("{\"params\": {\"params\": {\"poc_params\": {\"models\": ["
                                       "{\"model_id\": \"a/b\"}, {\"model_id\": \"c.d\"}]}}}}",
                                       0, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimDocPath) wsf = pocsim_doc_path_parse ("params.poc_params.models[c.d].weight_scale_factor", &error);
  g_autoptr (PocsimDocPath) share = pocsim_doc_path_parse ("params.delegation_params.delegation_share", &error);
  g_autoptr (json_t) v = json_string ("0.5");
  g_autofree char *p1 = NULL, *p2 = NULL;
  ck_assert (pocsim_doc_path_set (doc, wsf, v, &p1, &error));
  ck_assert_str_eq (p1, "/params/params/poc_params/models/1/weight_scale_factor");
  ck_assert (pocsim_doc_path_set (doc, share, v, &p2, &error));
  ck_assert_str_eq (p2, "/params/params/delegation_params/delegation_share");
  ck_assert_str_eq (json_string_value (pocsim_doc_path_get (doc, wsf)), "0.5");
  /* A model's dynamic_coefficient object is made when it has none. */
  g_autoptr (PocsimDocPath) cmax = pocsim_doc_path_parse ("params.poc_params.models[a/b].dynamic_coefficient.coeff_max",
                                                          &error);
  g_autofree char *p3 = NULL;
  ck_assert (pocsim_doc_path_set (doc, cmax, v, &p3, &error));
  ck_assert_str_eq (p3, "/params/params/poc_params/models/0/dynamic_coefficient/coeff_max");
  ck_assert_str_eq (json_string_value (pocsim_doc_path_get (doc, cmax)), "0.5");
  g_autoptr (PocsimDocPath) missing = pocsim_doc_path_parse ("params.poc_params.models[x].penalty_start_epoch", NULL);
  ck_assert (!pocsim_doc_path_set (doc, missing, v, NULL, &error));
  ck_assert_str_eq (error->message, "parameter path \"params.poc_params.models[x].penalty_start_epoch\": "
                                    "params.poc_params.models has no model \"x\"");
}
END_TEST

START_TEST (test_assignment)
{
  PocsimDocPath *p = NULL;
  char *value = NULL;
  g_autoptr (GError) error = NULL;
  ck_assert (pocsim_doc_assignment_parse ("params.delegation_params.v_min=4", &p, &value, &error));
  ck_assert_str_eq (pocsim_doc_path_text (p), "params.delegation_params.v_min");
  ck_assert_str_eq (value, "4");
  pocsim_doc_path_free (p);
  g_free (value);
  ck_assert (!pocsim_doc_assignment_parse ("rules=v9", &p, &value, &error));
  ck_assert_str_eq (error->message, "rules: unknown rule set \"v9\" (see 'pocsim rules')");
  g_clear_error (&error);
  ck_assert (!pocsim_doc_assignment_parse ("params.delegation_params.w_threshold=a lot", &p, &value, &error));
  ck_assert_str_eq (error->message,
                    "params.delegation_params.w_threshold: \"a lot\" is not a chain decimal (e.g. \"0.2\", \"3\")");
  g_clear_error (&error);
  ck_assert (!pocsim_doc_assignment_parse ("v_min", &p, &value, &error));
  ck_assert_str_eq (error->message, "\"v_min\": expected PATH=VALUE");
}
END_TEST

/* ---- statistics ---- */

static void
assert_close (double have, double want)
{
  ck_assert_msg (fabs (have - want) <= 1e-12 * MAX (1.0, fabs (want)), "%.17g, expected %.17g", have, want);
}

START_TEST (test_summary_by_hand)
{
  /* 1..5 shuffled, with a NaN that is no value. */
  double v[] = { 4, NAN, 1, 5, 2, 3 };
  PocsimSummary s;
  pocsim_summarize (v, G_N_ELEMENTS (v), &s);
  ck_assert_uint_eq (s.n, 5);
  assert_close (s.mean, 3);
  assert_close (s.sd, sqrt (2.5)); /* Σ (x - 3)² = 10, / (n - 1) */
  assert_close (s.min, 1);
  assert_close (s.p05, 1.2);       /* h = 0.2 */
  assert_close (s.p25, 2);         /* h = 1 */
  assert_close (s.median, 3);
  assert_close (s.p75, 4);
  assert_close (s.p95, 4.8);       /* h = 3.8 */
  assert_close (s.max, 5);
  /* Ten values 10, 20, ..., 100: h = 9 p. */
  double t[10];
  for (guint k = 0; k < 10; k++)
    t[9 - k] = 10.0 * (k + 1);
  pocsim_summarize (t, 10, &s);
  assert_close (s.p05, 14.5);      /* h = 0.45: 10 + 0.45 x 10 */
  assert_close (s.p25, 32.5);      /* h = 2.25 */
  assert_close (s.median, 55);     /* h = 4.5 */
  assert_close (s.p95, 95.5);      /* h = 8.55 */
  /* One value: no standard deviation. */
  double one[] = { -7 };
  pocsim_summarize (one, 1, &s);
  ck_assert (s.n == 1 && isnan (s.sd) && s.min == -7 && s.median == -7);
  double none[] = { NAN, NAN };
  pocsim_summarize (none, 2, &s);
  ck_assert (s.n == 0 && isnan (s.mean) && isnan (s.median));
}
END_TEST

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The summary's sort (a radix sort of the doubles' bits) orders as qsort
 * does: negatives, zeros, fractions, large values. */
START_TEST (test_summary_sorts_like_qsort)
{
  GRand *rand = g_rand_new_with_seed (17);
  for (guint round = 0; round < 20; round++)
    {
      gsize n = 1 + g_rand_int_range (rand, 0, 3000);
      double *v = g_new (double, n), *w = g_new (double, n);
      for (gsize k = 0; k < n; k++)
        {
          double x = g_rand_double_range (rand, -1e6, 1e6);
          v[k] = w[k] = round % 3 == 0 ? floor (x / 1e5) : round % 3 == 1 ? x * 1e-9 : (k % 7 == 0 ? -0.0 : x);
        }
      qsort (w, n, sizeof *w, compare_doubles);
      PocsimSummary s;
      pocsim_summarize (v, n, &s);
      for (gsize k = 0; k < n; k++)
        ck_assert_msg (v[k] == w[k], "round %u: %g at %" G_GSIZE_FORMAT ", expected %g", round, v[k], k, w[k]);
      g_free (v);
      g_free (w);
    }
  g_rand_free (rand);
}
END_TEST

START_TEST (test_modes_summarised_as_shares)
{
  /* DIRECT (1) in 3 runs, NONE (4) in 1, no mode in 1: shares of 4 runs. */
  double v[] = { 1, 4, NAN, 1, 1 }, scratch[5];
  PocsimSummary s[POCSIM_STUDY_N_MODES];
  int cats[POCSIM_STUDY_N_MODES];
  guint n = pocsim_summarize_column (v, 5, 1, POCSIM_VALUE_MODE, scratch, s, cats);
  ck_assert_uint_eq (n, 2);
  ck_assert_int_eq (cats[0], 1);
  ck_assert_int_eq (cats[1], 4);
  ck_assert_uint_eq (s[0].n, 4);
  assert_close (s[0].mean, 0.75);
  assert_close (s[1].mean, 0.25);
  ck_assert_str_eq (pocsim_study_mode_name (cats[1]), "NONE");
}
END_TEST

START_TEST (test_concentration_by_hand)
{
  gint64 w[] = { 20, 50, 30 };
  /* Largest first: 50 > 100/3 alone; 50 is not > 100/2, 50 + 30 is. */
  ck_assert_int_eq (pocsim_nakamoto (w, 3, 1, 3), 1);
  ck_assert_int_eq (pocsim_nakamoto (w, 3, 1, 2), 2);
  gint64 equal[] = { 25, 25, 25, 25 };
  ck_assert_int_eq (pocsim_nakamoto (equal, 4, 1, 2), 3); /* 50 is not more than half */
  assert_close (pocsim_gini (equal, 4), 0);
  gint64 one[] = { 0, 0, 7, 0 };
  assert_close (pocsim_gini (one, 4), 0.75); /* (n - 1) / n */
  gint64 three[] = { 1, 2, 3 };
  /* Σ_i Σ_j |x_i - x_j| = 8, / (2 n² mean) = 8 / 36 */
  assert_close (pocsim_gini (three, 3), 8.0 / 36.0);
  gint64 zero[] = { 0, 0 };
  ck_assert_int_eq (pocsim_nakamoto (zero, 2, 1, 3), -1);
  ck_assert (isnan (pocsim_gini (zero, 2)));
}
END_TEST

/* ---- the study reader and the grid ---- */

static PocsimStudy *
study (const char *text, GError **error)
{
  return pocsim_study_from_json (text, strlen (text), "s.json", SRCDIR "/tests/s.json", error);
}

START_TEST (test_grid_points_carry_their_values)
{
  const char *text = "{\"format\": \"pocsim-study/1\", \"base\": {\"case\": \"../data/mainnet-e266.case.json\"},"
                     " \"axes\": [{\"path\": \"params.delegation_params.w_threshold\","
                     " \"range\": {\"from\": \"0.05\", \"to\": \"0.2\", \"step\": \"0.05\"}},"
                     " {\"path\": \"rules\", \"values\": [\"v0.2.13\", \"v0.2.14\"]}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimStudy) st = study (text, &error);
  ck_assert_msg (st != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (pocsim_study_points (st), 8);
  const PocsimStudyAxis *w = ((PocsimStudyDim *) st->dims->pdata[0])->axes->pdata[0];
  ck_assert_str_eq (w->values->pdata[0], "0.05");
  ck_assert_str_eq (w->values->pdata[3], "0.2");
  g_autoptr (PocsimStudyGrid) grid = pocsim_study_grid_new (st, &error);
  ck_assert_msg (grid != NULL, "%s", error ? error->message : "");
  /* Point 5 = (w_threshold index 2, rules index 1): the first axis slowest. */
  PocsimDec want;
  pocsim_dec_parse ("0.15", &want, NULL);
  ck_assert (pocsim_dec_cmp (grid->cases[5]->params.w_threshold, want) == 0);
  ck_assert_str_eq (grid->cases[5]->rules->name, "v0.2.14");
  ck_assert_str_eq (grid->cases[4]->rules->name, "v0.2.13");
}
END_TEST

START_TEST (test_bad_studies_located)
{
#define BASE "{\"format\": \"pocsim-study/1\", \"base\": {\"case\": \"../data/mainnet-e266.case.json\"}, "
  static const struct {
    const char *text, *message;
  } cases[] = {
    { BASE "\"runs\": 0}", "s.json:1:90: runs must be between 1 and 100000000, got 0" },
    { BASE "\"seed\": \"x\"}", "s.json:1:90: seed must be an integer" },
    { BASE "\"behaviour\": {\"rules\": [{\"keep\": \"0.3\", \"run\": \"0.3\"}]}}",
      "s.json:1:106: the probabilities of keep, run, delegate, refuse, intent and nothing must sum to 1, not 0.6" },
    { BASE "\"behaviour\": {\"rules\": [{\"keep\": \"-0.5\", \"run\": \"1.5\"}]}}",
      "s.json:1:115: keep is a probability: it must be in [0, 1], got -0.5" },
    { BASE "\"axes\": [{\"path\": \"params.delegation_params.v_min\", \"values\": [\"three\"]}]}",
      "s.json:1:145: params.delegation_params.v_min: \"three\" is not a chain decimal (e.g. \"0.2\", \"3\")" },
  };
#undef BASE
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PocsimStudy) st = study (cases[k].text, &error);
      ck_assert_msg (st == NULL, "%s was accepted", cases[k].text);
      ck_assert_str_eq (error->message, cases[k].message);
    }
}
END_TEST

/* ---- the engine ---- */

static const char *const mc_study =
  "{\"format\": \"pocsim-study/1\", \"base\": {\"case\": \"../data/mainnet-e266.case.json\"},"
  " \"axes\": [{\"path\": \"params.delegation_params.refusal_penalty\", \"values\": [\"0\", \"0.2\", \"0.4\"]}],"
  " \"runs\": 37, \"seed\": 99,"
  " \"behaviour\": {\"rules\": [{\"cells\": \"not_running\", \"keep\": \"0.5\", \"refuse\": \"0.3\", \"delegate\": \"0.2\","
  " \"delegate_to\": \"random\"}], \"poc_noise\": {\"lognormal\": {\"sigma\": \"0.1\"}}, \"leave\": \"0.05\"}}";

static double *
run_all (const PocsimSweep *sw, guint jobs, guint64 t0, guint64 t1)
{
  gsize n = (gsize) (t1 - t0) * pocsim_sweep_n_columns (sw);
  double *values = g_new (double, n);
  PocsimSweepOptions o = { jobs, NULL, NULL, NULL, NULL, NULL };
  g_autoptr (GError) error = NULL;
  ck_assert_msg (pocsim_sweep_run (sw, t0, t1, values, &o, &error), "%s", error ? error->message : "");
  return values;
}

/* Any number of threads and any split of the runs: the same bytes. */
START_TEST (test_sweep_deterministic)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimStudy) st = study (mc_study, &error);
  g_autoptr (PocsimStudyGrid) grid = st ? pocsim_study_grid_new (st, &error) : NULL;
  g_autoptr (PocsimSweep) sw = grid ? pocsim_sweep_new (st, grid, &error) : NULL;
  ck_assert_msg (sw != NULL, "%s", error ? error->message : "");
  guint64 total = pocsim_sweep_total_runs (sw);
  ck_assert_uint_eq (total, 111);
  gsize bytes = (gsize) total * pocsim_sweep_n_columns (sw) * sizeof (double);
  g_autofree double *one = run_all (sw, 1, 0, total);
  for (guint jobs = 2; jobs <= 4; jobs += 2)
    {
      g_autofree double *many = run_all (sw, jobs, 0, total);
      ck_assert_msg (memcmp (one, many, bytes) == 0, "--jobs %u differs", jobs);
    }
  /* Splits that cut grid points in the middle. */
  static const guint64 cuts[] = { 0, 20, 37, 58, 111 };
  for (guint k = 0; k + 1 < G_N_ELEMENTS (cuts); k++)
    {
      g_autofree double *part = run_all (sw, 2, cuts[k], cuts[k + 1]);
      gsize off = (gsize) cuts[k] * pocsim_sweep_n_columns (sw) * sizeof (double);
      gsize len = (gsize) (cuts[k + 1] - cuts[k]) * pocsim_sweep_n_columns (sw) * sizeof (double);
      ck_assert_msg (memcmp ((char *) one + off, part, len) == 0, "runs [%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT ") differ",
                     cuts[k], cuts[k + 1]);
    }
  /* The draws do change the runs: not every run of a point is the same. */
  guint c = pocsim_sweep_n_columns (sw);
  gboolean varies = FALSE;
  for (guint r = 1; r < 37 && !varies; r++)
    varies = memcmp (one, one + (gsize) r * c, c * sizeof (double)) != 0;
  ck_assert (varies);
}
END_TEST

/* Run r of point k draws from a stream derived from (seed, k, r) only. */
START_TEST (test_run_seeds)
{
  ck_assert_uint_ne (pocsim_sweep_run_seed (1, 0, 0), pocsim_sweep_run_seed (1, 0, 1));
  ck_assert_uint_ne (pocsim_sweep_run_seed (1, 0, 1), pocsim_sweep_run_seed (1, 1, 0));
  ck_assert_uint_ne (pocsim_sweep_run_seed (1, 2, 3), pocsim_sweep_run_seed (2, 2, 3));
  ck_assert_uint_eq (pocsim_sweep_run_seed (1, 2, 3), pocsim_sweep_run_seed (1, 2, 3));
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("study");
  TCase *paths = tcase_create ("paths");
  tcase_add_test (paths, test_path_known_and_unknown);
  tcase_add_test (paths, test_path_set_in_documents);
  tcase_add_test (paths, test_assignment);
  suite_add_tcase (s, paths);
  TCase *stats = tcase_create ("statistics");
  tcase_add_test (stats, test_summary_by_hand);
  tcase_add_test (stats, test_summary_sorts_like_qsort);
  tcase_add_test (stats, test_modes_summarised_as_shares);
  tcase_add_test (stats, test_concentration_by_hand);
  suite_add_tcase (s, stats);
  TCase *reader = tcase_create ("reader");
  tcase_add_test (reader, test_grid_points_carry_their_values);
  tcase_add_test (reader, test_bad_studies_located);
  suite_add_tcase (s, reader);
  TCase *engine = tcase_create ("engine");
  tcase_set_timeout (engine, 120);
  tcase_add_test (engine, test_sweep_deterministic);
  tcase_add_test (engine, test_run_seeds);
  suite_add_tcase (s, engine);
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
