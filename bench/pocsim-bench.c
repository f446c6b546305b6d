/* pocsim-bench - throughput and footprint of pocsim_epoch_form().
 *
 *   pocsim-bench [--hosts N]... [--models M] [--seconds S] [--seed X]
 *                [--rules NAME]... [--describe]
 *   pocsim-bench --write-case FILE [--hosts N] [--models M] [--seed X] [--rules NAME]
 *
 * For each rule set (default v0.2.14 and v0.2.16, to show what v0.2.16's
 * formation costs) and each network size (default 1000, 10000 and 100000
 * hosts, 5 models):
 * builds one synthetic case (bench/synth.c; build time reported apart),
 * checks that two formations of it give identical results, then forms it
 * repeatedly for at least S seconds (default 1) on one thread and reports
 * formations per second, mean and fastest time per formation, the bytes per
 * host-model of the case and the result (counted from the allocations
 * sim/core/case.c and sim/core/result.c make), and the process peak RSS.
 *
 * "cpu ms" is the thread's CPU time per formation, which other processes of
 * a shared machine do not inflate as they do the wall-clock "mean ms".
 * With two or more rule sets it ends with each size's CPU time relative to
 * the first rule set.
 *
 * Exit status: 0, 1 if a formation fails or two formations differ, 2 on a
 * usage error.  Progress goes to stderr, and only when it is a terminal. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "analysis/sweep.h"
#include "io/case_load.h"
#include "io/case_write.h"
#include "io/study_json.h"
#include "replay/replay.h"
#include "rules/reward.h"
#include "rules/epoch.h"
#include "synth.h"

#define DEFAULT_MODELS 5
#define DEFAULT_SECONDS 1.0
#define DEFAULT_SEED 1
#define MIN_RUNS 3
#define MAX_HOSTS 50000000u

static const guint default_hosts[] = { 1000, 10000, 100000 };
/* v0.2.16's formation against the one before it (the speed target: within 1.5x). */
static const char *const default_rules[] = { "v0.2.14", "v0.2.16" };

typedef struct {
  GArray *hosts; /* guint */
  gint models;
  gdouble seconds;
  guint64 seed;
  gboolean describe;
  GPtrArray *rules; /* const PocsimRuleSet *, in the order given */
  gint replay_epochs;
  gint sweep_runs;
  char *sweep_case;
  char *write_case;
} Options;

static gboolean progress_on;

static void G_GNUC_PRINTF (1, 2)
progress (const char *fmt, ...)
{
  if (!progress_on)
    return;
  va_list ap;
  va_start (ap, fmt);
  fputs ("\r\033[K", stderr);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fflush (stderr);
}

/* ---- footprint, as sim/core/case.c and sim/core/result.c allocate ---- */

typedef struct {
  gsize case_cells;   /* cell_flags, prev_vp, prev_pw, pw, boot_delegate, reg_delegate */
  gsize case_addrs;   /* prev_weight, collateral, prev_cap_weight, prev_confirmation_weight, addr_flags,
                       * the address table, the strings */
  gsize case_fixed;   /* the struct and the model table */
  gsize result_cells; /* mode, bootstrap_mode, voting_power */
  gsize result_addrs; /* consensus, penalty, transfer_in/out, after_penalty, final, reward_weight, reward,
                       * prev_weight, base_weight, raw_weight, cap_weight */
  gsize result_fixed; /* the struct, bootstrap[], is_bootstrap_candidate[], groups[], coefficients[] */
} Footprint;

static Footprint
footprint (const PocsimCase *c)
{
  Footprint f;
  gsize cells = (gsize) c->n_models * c->n_addrs + 1; /* every array gets one spare slot */
  gsize addrs = (gsize) c->n_addrs + 1;
  gsize strings = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    strings += strlen (c->addrs[a]) + 1;
  for (guint m = 0; m < c->n_models; m++)
    strings += strlen (c->models[m].id) + 1;

  f.case_cells = cells * (sizeof (guint8) + 3 * sizeof (gint64) + 2 * sizeof (guint32));
  f.case_addrs = addrs * (4 * sizeof (gint64) + sizeof (guint8)) + (gsize) c->n_addrs * sizeof (char *)
                 + strings;
  f.case_fixed = sizeof (PocsimCase) + MAX (c->n_models, 1) * sizeof (PocsimModel);
  f.result_cells = cells * (2 * sizeof (guint8) + sizeof (gint64));
  f.result_addrs = addrs * (11 * sizeof (gint64) + sizeof (PocsimDec));
  f.result_fixed = sizeof (PocsimEpochResult)
                   + ((gsize) c->n_models + 1)
                       * (sizeof (PocsimPreEligibility) + sizeof (gboolean) + sizeof (PocsimGroupResult)
                          + sizeof (PocsimModelCoefficient));
  return f;
}

/* CPU time of this thread in microseconds: unlike the wall clock, it does
 * not count the time other processes of a shared machine take. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;
  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static double
peak_rss_mib (void)
{
  struct rusage ru;
  if (getrusage (RUSAGE_SELF, &ru) != 0)
    return 0;
  return (double) ru.ru_maxrss / 1024.0; /* ru_maxrss is in KiB on Linux */
}

/* ---- machine ---- */

static char *
cpu_model (void)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents ("/proc/cpuinfo", &text, NULL, NULL))
    return g_strdup ("unknown");
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l; l++)
    if (g_str_has_prefix (*l, "model name"))
      {
        const char *colon = strchr (*l, ':');
        if (colon)
          return g_strstrip (g_strdup (colon + 1));
      }
  return g_strdup ("unknown");
}

/* ---- one size ---- */

/* FNV-1a over a byte range. */
static guint64
digest (const void *data, gsize len)
{
  const guint8 *b = data;
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);
  for (gsize i = 0; i < len; i++)
    h = (h ^ b[i]) * G_GUINT64_CONSTANT (1099511628211);
  return h;
}

/* What the synthetic network exercises (--describe), from one formation. */
static void
describe (const PocsimCase *c, const PocsimEpochResult *r)
{
  static const char *const modes[] = { "unset", "direct", "delegate", "refuse", "none" };
  static const char *const bmodes[] = { "unset", "direct", "delegate", "intent-ok", "intent-missed", "none" };
  guint active = 0, penalised = 0, collateral_cut = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    {
      active += (c->addr_flags[a] & POCSIM_ADDR_ACTIVE) != 0;
      penalised += !pocsim_dec_is_zero (r->penalty[a]);
      collateral_cut += r->final[a] < r->after_penalty[a];
    }
  printf ("  %u hosts, %u active (in AP(U)), T_E %" G_GINT64_FORMAT ", %u penalised, %u cut by collateral or power cap\n",
          c->n_addrs, active, r->total_previous_weight, penalised, collateral_cut);
  for (guint m = 0; m < c->n_models; m++)
    {
      const PocsimGroupResult *g = &r->groups[m];
      char scale[POCSIM_DEC_FORMAT_SIZE];
      guint count[6] = { 0 };
      gboolean boot = r->is_bootstrap_candidate[m] && !g->eligible;
      for (guint a = 0; a < c->n_addrs; a++)
        count[boot ? r->bootstrap_mode[pocsim_cell (c, m, a)] : r->mode[pocsim_cell (c, m, a)]]++;
      printf ("  %-16s %s%s scale %s:", c->models[m].id, g->eligible ? "eligible" : "not eligible",
              r->is_bootstrap_candidate[m] ? ", bootstrap candidate" : "", pocsim_dec_format (g->scale, scale));
      for (guint k = 1; k < (boot ? G_N_ELEMENTS (bmodes) : G_N_ELEMENTS (modes)); k++)
        printf (" %s %u", boot ? bmodes[k] : modes[k], count[k]);
      printf ("\n");
    }
  for (guint k = 0; k < r->n_bootstrap; k++)
    printf ("  pre-eligibility of %s: %s (intent weight %" G_GINT64_FORMAT ", reachable %" G_GINT64_FORMAT ")\n",
            c->models[r->bootstrap[k].model].id, r->bootstrap[k].pre_eligible ? "yes" : "no",
            r->bootstrap[k].intent_weight, r->bootstrap[k].reachable_voting_power);
}

static PocsimEpochResult *
form_or_die (const PocsimCase *c)
{
  g_autoptr (GError) error = NULL;
  PocsimEpochResult *r = pocsim_epoch_form (c, &error);
  if (r == NULL)
    {
      fprintf (stderr, "\npocsim-bench: formation failed: %s\n", error->message);
      exit (1);
    }
  return r;
}

/* Forms the network of HOSTS under RULES; prints one row, returns the mean
 * ms per formation. */
static double
run_size (guint hosts, const PocsimRuleSet *rules, const Options *o)
{
  guint models = (guint) o->models;
  progress ("%u hosts x %u models: building", hosts, models);
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (PocsimCase) c = pocsim_synth_network (hosts, models, o->seed);
  c->rules = rules;
  gint64 build_us = g_get_monotonic_time () - t0;

  /* Determinism: two formations of one case agree.  The first result is
   * freed before the second is formed (its final weights kept, its voting
   * powers as a digest), so that the peak RSS counts one case and one
   * result. */
  progress ("%u hosts x %u models: checking", hosts, models);
  gsize cells = (gsize) models * c->n_addrs;
  PocsimEpochResult *r = form_or_die (c);
  if (o->describe)
    describe (c, r);
  g_autofree gint64 *final = g_memdup2 (r->final, c->n_addrs * sizeof (gint64));
  guint64 vp_digest = digest (r->voting_power, cells * sizeof (gint64));
  pocsim_epoch_result_free (r);
  r = form_or_die (c);
  gboolean same = memcmp (final, r->final, c->n_addrs * sizeof (gint64)) == 0
                  && vp_digest == digest (r->voting_power, cells * sizeof (gint64));
  pocsim_epoch_result_free (r);
  if (!same)
    {
      fprintf (stderr, "\npocsim-bench: %u hosts x %u models: two formations of the same case differ\n",
               hosts, models);
      exit (1);
    }

  gint64 budget = (gint64) (o->seconds * G_USEC_PER_SEC);
  gint64 start = g_get_monotonic_time (), now = start, fastest = G_MAXINT64, shown = start;
  gint64 cpu_start = thread_cpu_us ();
  guint64 runs = 0;
  while (runs < MIN_RUNS || now - start < budget)
    {
      gint64 before = now;
      pocsim_epoch_result_free (form_or_die (c));
      now = g_get_monotonic_time ();
      fastest = MIN (fastest, now - before);
      runs++;
      if (progress_on && now - shown >= G_USEC_PER_SEC / 4)
        {
          progress ("%u hosts x %u models: %" G_GUINT64_FORMAT " formations", hosts, models, runs);
          shown = now;
        }
    }
  double elapsed_s = (double) (now - start) / G_USEC_PER_SEC;
  double cpu_ms = (double) (thread_cpu_us () - cpu_start) / 1000.0 / runs;
  progress ("%s", "");

  Footprint f = footprint (c);
  double host_models = (double) hosts * models;
  double case_b = (double) (f.case_cells + f.case_addrs + f.case_fixed) / host_models;
  double result_b = (double) (f.result_cells + f.result_addrs + f.result_fixed) / host_models;
  printf ("%-8s %9u %6u %9.0f %9.1f %7" G_GUINT64_FORMAT " %10.1f %9.3f %9.3f %9.3f %7.1f %7.1f %7.1f %9.1f\n",
          rules->name, hosts, models, host_models, build_us / 1000.0, runs, runs / elapsed_s,
          elapsed_s * 1000.0 / runs, fastest / 1000.0, cpu_ms, case_b, result_b, case_b + result_b,
          peak_rss_mib ());
  fflush (stdout);
  return cpu_ms;
}

/* ---- a multi-epoch replay ---- */

/* The participants' final weights by address: independent of the address
 * table's extent, so two engines' replays compare. */
static guint64
result_digest (const PocsimEpochResult *r)
{
  const PocsimCase *c = r->source;
  guint64 h = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
      h = (h ^ digest (c->addrs[a], strlen (c->addrs[a])) ^ digest (&r->final[a], sizeof (gint64))) * 1099511628211ull;
  return h;
}

/* The synthetic network as a scenario start: its PoC entries keep running,
 * its delegation records persist, no events; `pocsim run` per epoch. */
static void
run_replay (guint hosts, const PocsimRuleSet *rules, const Options *o)
{
  g_autoptr (PocsimCase) c = pocsim_synth_network (hosts, (guint) o->models, o->seed);
  c->rules = rules;
  /* The generator's previous voting powers are drawn independently of its
   * weights (about 40 % of T_E for the initial model), which one formation
   * does not mind but PoC acceptance does: no model would reach the
   * validation threshold.  The replay starts from the state one formation
   * of the network leaves, as on chain. */
  g_autoptr (PocsimEpochResult) r = form_or_die (c);
  g_autoptr (PocsimScenario) s = pocsim_scenario_new ("synthetic", pocsim_replay_start_after (c, r), POCSIM_START_STATE,
                                                      c->upcoming_epoch + 1, c->upcoming_epoch + o->replay_epochs);
  g_autoptr (GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (PocsimReplay) rp = pocsim_replay_new (s, NULL, &error);
  gint64 active_last = 0;
  guint64 weights = 0; /* a digest of every epoch's final weights: equal digests, equal replays */
  for (gint k = 0; rp != NULL && k < o->replay_epochs; k++)
    {
      g_autoptr (PocsimReplayEpoch) ep = pocsim_replay_step (rp, &error);
      if (ep == NULL)
        break;
      weights = (weights ^ result_digest (ep->r)) * 1099511628211ull;
      active_last = 0;
      for (guint a = 0; a < ep->r->source->n_addrs; a++)
        active_last += (ep->r->source->addr_flags[a] & POCSIM_ADDR_ACTIVE) != 0;
      progress ("replay %u hosts: epoch %d/%d", hosts, k + 1, o->replay_epochs);
    }
  progress ("%s", "");
  if (error != NULL)
    {
      fprintf (stderr, "pocsim-bench: replay failed: %s\n", error->message);
      exit (1);
    }
  double seconds = (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC;
  printf ("replay %s: %u hosts x %d models x %d epochs in %.3f s (%.2f ms per epoch; %" G_GINT64_FORMAT
          " participants in the last epoch; weights digest %016" G_GINT64_MODIFIER "x), peak RSS %.1f MiB\n",
          rules->name, hosts, o->models, o->replay_epochs, seconds, seconds * 1000.0 / o->replay_epochs, active_last,
          weights, peak_rss_mib ());
  fflush (stdout);
}

/* ---- a parameter study (pocsim sweep's engine) ---- */

/* Wall-clock seconds of N runs of the study TEXT with JOBS threads (the
 * engine alone: sampling, formation, metrics; no output written). */
static double
time_sweep (const char *text, guint jobs, guint64 *runs, guint *columns)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimStudy) st = pocsim_study_from_json (text, strlen (text), "bench-study", NULL, &error);
  g_autoptr (PocsimStudyGrid) grid = st ? pocsim_study_grid_new (st, &error) : NULL;
  g_autoptr (PocsimSweep) sw = grid ? pocsim_sweep_new (st, grid, &error) : NULL;
  if (sw == NULL)
    {
      fprintf (stderr, "pocsim-bench: sweep: %s\n", error->message);
      exit (1);
    }
  *runs = pocsim_sweep_total_runs (sw);
  *columns = pocsim_sweep_n_columns (sw);
  g_autofree double *values = g_new (double, *runs * *columns);
  PocsimSweepOptions o = { jobs, NULL, NULL, NULL, NULL, NULL };
  gint64 t0 = g_get_monotonic_time ();
  if (!pocsim_sweep_run (sw, 0, *runs, values, &o, &error))
    {
      fprintf (stderr, "pocsim-bench: sweep: %s\n", error->message);
      exit (1);
    }
  return (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC;
}

static char *
study_text (const char *case_path, gint runs, gboolean behaviour)
{
  return g_strdup_printf ("{\"format\": \"pocsim-study/1\", \"base\": {\"case\": \"%s\"}, \"runs\": %d, \"seed\": 1%s}",
                          case_path, runs,
                          behaviour ? ", \"behaviour\": {\"rules\": [{\"cells\": \"not_running\", \"keep\": \"0.5\","
                                      " \"delegate\": \"0.3\", \"refuse\": \"0.2\", \"delegate_to\": \"random\"}],"
                                      " \"poc_noise\": {\"lognormal\": {\"sigma\": \"0.05\"}}, \"leave\": \"0.02\"}"
                                    : "");
}

/* Microseconds a formation of C, formed over and over for the options'
 * time or run count. */
static double
time_formations (const PocsimCase *c, const Options *o)
{
  guint64 formed = 0;
  gint64 t0 = g_get_monotonic_time (), t1;
  do
    {
      PocsimEpochResult *r = form_or_die (c);
      pocsim_epoch_result_free (r);
      formed++;
      t1 = g_get_monotonic_time ();
    }
  while (formed < (guint64) o->sweep_runs && (double) (t1 - t0) < o->seconds * G_USEC_PER_SEC);
  return (double) (t1 - t0) / formed;
}

/* One-epoch sweeps on a real case: runs per second per core against the
 * bare formation of the same case, the speed-up of a second thread, and the
 * bytes each run keeps. */
static void
run_sweep_bench (const Options *o)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimCase) c = pocsim_case_load (o->sweep_case, NULL, &error);
  if (c == NULL)
    {
      fprintf (stderr, "pocsim-bench: %s\n", error->message);
      exit (1);
    }
  guint hosts = 0;
  for (guint a = 0; a < c->n_addrs; a++)
    hosts += (c->addr_flags[a] & (POCSIM_ADDR_IN_PREVIOUS | POCSIM_ADDR_ACTIVE)) != 0;
  /* The sweep computes the epoch reward once per grid point (the reward
   * memo): the bare formation it is compared with does too, and the
   * formation that computes it is shown beside. */
  double with_reward = time_formations (c, o);
  pocsim_reward_memo_fill (c);
  double bare = time_formations (c, o);
  printf ("sweep: %s (%u hosts, %u models); bare formation %.1f us (%.0f /s; %.1f us computing the epoch reward too)\n",
          o->sweep_case, hosts, c->n_models, bare, 1e6 / bare, with_reward);
  guint64 runs;
  guint columns;
  for (int behaviour = 0; behaviour <= 1; behaviour++)
    {
      g_autofree char *text = study_text (o->sweep_case, o->sweep_runs, behaviour);
      double one = time_sweep (text, 1, &runs, &columns);
      double two = time_sweep (text, 2, &runs, &columns);
      printf ("sweep %-34s %8" G_GUINT64_FORMAT " runs: --jobs 1 %.3f s (%.0f runs/s, %.1f us a run = %.2f x the bare "
              "formation); --jobs 2 %.3f s (%.2f x faster)\n",
              behaviour ? "with Monte Carlo behaviour:" : "of the case as it is:", runs, one, runs / one,
              one * 1e6 / runs, one * 1e6 / runs / bare, two, one / two);
    }
  printf ("sweep memory: %u columns (entity x metric) = %u bytes a run; 100,000 runs keep %.1f MiB of values\n",
          columns, columns * 8, columns * 8.0 * 100000 / (1 << 20));
  fflush (stdout);
}

/* ---- a synthetic case as a file ---- */

static int
write_case (guint hosts, const Options *o)
{
  g_autoptr (PocsimCase) c = pocsim_synth_network (hosts, (guint) o->models, o->seed);
  /* The first --rules, else the default rule set. */
  c->rules = o->rules->len > 0 ? o->rules->pdata[0] : pocsim_rule_set_default ();
  g_autoptr (json_t) doc = pocsim_case_to_json (c);
  FILE *f = fopen (o->write_case, "w");
  gboolean ok = f != NULL && json_dumpf (doc, f, JSON_INDENT (1) | JSON_PRESERVE_ORDER) == 0 && fputc ('\n', f) != EOF;
  if (f != NULL && fclose (f) != 0)
    ok = FALSE;
  if (!ok)
    {
      fprintf (stderr, "pocsim-bench: %s: cannot write the case\n", o->write_case);
      return 1;
    }
  return 0;
}

/* ---- options ---- */

static gboolean
parse_unsigned (const char *name, const char *value, guint64 min, guint64 max, guint64 *out, GError **error)
{
  if (!g_ascii_string_to_unsigned (value, 10, min, max, out, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s: expected an integer in [%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT "], got \"%s\"", name,
                   min, max, value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
on_hosts (const char *name, const char *value, gpointer data, GError **error)
{
  Options *o = data;
  guint64 n;
  if (!parse_unsigned (name, value, 1, MAX_HOSTS, &n, error))
    return FALSE;
  guint h = (guint) n;
  g_array_append_val (o->hosts, h);
  return TRUE;
}

static gboolean
on_rules (const char *name, const char *value, gpointer data, GError **error)
{
  Options *o = data;
  const PocsimRuleSet *rules = pocsim_rule_set_lookup (value);
  if (rules == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s: unknown rule set \"%s\"", name, value);
      return FALSE;
    }
  g_ptr_array_add (o->rules, (gpointer) rules);
  return TRUE;
}

static gboolean
on_seed (const char *name, const char *value, gpointer data, GError **error)
{
  Options *o = data;
  return parse_unsigned (name, value, 0, G_MAXUINT64, &o->seed, error);
}

int
main (int argc, char **argv)
{
  Options o = { g_array_new (FALSE, FALSE, sizeof (guint)), DEFAULT_MODELS, DEFAULT_SECONDS, DEFAULT_SEED, FALSE,
                g_ptr_array_new (), 0, 0, NULL, NULL };
  GOptionEntry entries[] = {
    { "hosts", 'n', 0, G_OPTION_ARG_CALLBACK, (gpointer) on_hosts,
      "Network size in hosts (repeatable; default 1000, 10000, 100000)", "N" },
    { "models", 'm', 0, G_OPTION_ARG_INT, &o.models, "Models per network (default 5)", "M" },
    { "seconds", 's', 0, G_OPTION_ARG_DOUBLE, &o.seconds, "Minimum timed seconds per size (default 1)", "S" },
    { "seed", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) on_seed, "Generator seed (default 1)", "X" },
    { "rules", 'r', 0, G_OPTION_ARG_CALLBACK, (gpointer) on_rules,
      "Rule set (repeatable; default v0.2.14 and v0.2.16, compared)", "NAME" },
    { "describe", 0, 0, G_OPTION_ARG_NONE, &o.describe, "Also print what each network exercises", NULL },
    { "replay-epochs", 0, 0, G_OPTION_ARG_INT, &o.replay_epochs,
      "Also replay each network for E epochs (pocsim run's engine; 0 = no replay)", "E" },
    { "sweep-runs", 0, 0, G_OPTION_ARG_INT, &o.sweep_runs,
      "Also time pocsim sweep's engine on N one-epoch runs of --sweep-case (0 = no sweep)", "N" },
    { "sweep-case", 0, 0, G_OPTION_ARG_FILENAME, &o.sweep_case,
      "The case of the sweep benchmark (default: data/mainnet-e266.case.json)", "FILE" },
    { "write-case", 0, 0, G_OPTION_ARG_FILENAME, &o.write_case,
      "Instead, write the network (one --hosts) as a pocsim-case/1 file", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- time pocsim_epoch_form on synthetic networks");
  GOptionGroup *group = g_option_group_new ("main", "", "", &o, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (ctx, group);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "pocsim-bench: %s\n", error->message);
      return 2;
    }
  if (argc > 1)
    {
      fprintf (stderr, "pocsim-bench: unexpected argument \"%s\"\n", argv[1]);
      return 2;
    }
  if (o.models < 1 || o.models > 1000)
    {
      fprintf (stderr, "pocsim-bench: --models: expected 1..1000, got %d\n", o.models);
      return 2;
    }
  if (!(o.seconds >= 0 && o.seconds <= 3600))
    {
      fprintf (stderr, "pocsim-bench: --seconds: expected 0..3600, got %g\n", o.seconds);
      return 2;
    }
  if (o.write_case)
    {
      if (o.hosts->len > 1)
        {
          fprintf (stderr, "pocsim-bench: --write-case takes one --hosts\n");
          return 2;
        }
      int status = write_case (o.hosts->len ? g_array_index (o.hosts, guint, 0) : default_hosts[0], &o);
      g_array_free (o.hosts, TRUE);
      g_free (o.write_case);
      return status;
    }
  if (o.hosts->len == 0)
    g_array_append_vals (o.hosts, default_hosts, G_N_ELEMENTS (default_hosts));
  if (o.rules->len == 0)
    for (guint k = 0; k < G_N_ELEMENTS (default_rules); k++)
      g_ptr_array_add (o.rules, (gpointer) pocsim_rule_set_lookup (default_rules[k]));
  progress_on = isatty (STDERR_FILENO);

  g_autofree char *cpu = cpu_model ();
  printf ("pocsim-bench: pocsim_epoch_form on synthetic networks, rules");
  for (guint k = 0; k < o.rules->len; k++)
    printf (" %s", ((const PocsimRuleSet *) g_ptr_array_index (o.rules, k))->name);
  printf (", seed %" G_GUINT64_FORMAT ", one thread, >= %g s per size\n", o.seed, o.seconds);
  printf ("machine: %s, %u logical CPUs\n", cpu, g_get_num_processors ());
  printf ("B/hm = bytes per host-model (case, result, total); peak RSS = process maximum so far\n\n");
  printf ("%-8s %9s %6s %9s %9s %7s %10s %9s %9s %9s %7s %7s %7s %9s\n", "rules", "hosts", "models", "cells",
          "build ms", "runs", "form/s", "mean ms", "min ms", "cpu ms", "case", "result", "total", "peak MiB");
  printf ("%-8s %9s %6s %9s %9s %7s %10s %9s %9s %9s %7s %7s %7s %9s\n", "", "", "", "", "", "", "", "", "", "", "B/hm",
          "B/hm", "B/hm", "RSS");
  g_autofree double *mean = g_new0 (double, (gsize) o.rules->len * o.hosts->len + 1);
  for (guint r = 0; r < o.rules->len; r++)
    for (guint k = 0; k < o.hosts->len; k++)
      mean[r * o.hosts->len + k] = run_size (g_array_index (o.hosts, guint, k), g_ptr_array_index (o.rules, r), &o);
  const PocsimRuleSet *first = g_ptr_array_index (o.rules, 0);
  for (guint r = 1; r < o.rules->len; r++)
    for (guint k = 0; k < o.hosts->len; k++)
      printf ("%s / %s at %u hosts: %.2fx the CPU time per formation\n",
              ((const PocsimRuleSet *) g_ptr_array_index (o.rules, r))->name, first->name,
              g_array_index (o.hosts, guint, k), mean[r * o.hosts->len + k] / mean[k]);
  if (o.replay_epochs > 0)
    {
      printf ("\n");
      for (guint r = 0; r < o.rules->len; r++)
        for (guint k = 0; k < o.hosts->len; k++)
          run_replay (g_array_index (o.hosts, guint, k), g_ptr_array_index (o.rules, r), &o);
    }
  if (o.sweep_runs > 0)
    {
      if (o.sweep_case == NULL)
        o.sweep_case = g_strdup (POCSIM_SRCDIR "/data/mainnet-e266.case.json");
      printf ("\n");
      run_sweep_bench (&o);
    }
  g_free (o.sweep_case);
  g_array_free (o.hosts, TRUE);
  g_ptr_array_free (o.rules, TRUE);
  return 0;
}
