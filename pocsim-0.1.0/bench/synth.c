/* synth.c - deterministic synthetic networks (see synth.h).
 *
 * Input generation only: doubles are used to shape weights, never on a rule
 * path.  Every draw comes from one gsl_rng_mt19937 seeded with the caller's
 * seed, in a fixed order (pass by pass, host index ascending), so the case
 * depends on (n_hosts, n_models, seed) alone. */
#include "synth.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>

#define SYNTH_UPCOMING_EPOCH 266
/* Weights are clamped to [1, 10^12]: 10^6 hosts x 5 models x 10^12 stays
 * far below int64, so no generated case overflows a rule's sum. */
#define SYNTH_WEIGHT_MAX G_GINT64_CONSTANT (1000000000000)
#define SYNTH_COLLATERAL_MAX G_GINT64_CONSTANT (10000000000000)

/* Mainnet weight_scale_factors (Qwen, Kimi, MiniMax, DeepSeek, later 0.62),
 * reused cyclically beyond five models. */
static const gint64 coefficients[][2] = {
  { 3593, -4 }, { 78, -2 }, { 3024, -4 }, { 214, -3 }, { 62, -2 },
};

/* Fraction of hosts in each kind. */
#define P_NEWCOMER 0.05 /* no previous weight; runs PoC this epoch */
#define P_DORMANT 0.04  /* previous member that runs nothing this epoch */

/* Non-running hosts of an initial/established model: delegate, refuse,
 * hold an intent, or do nothing (cumulative thresholds). */
#define P_DELEGATE 0.35
#define P_REFUSE 0.50
#define P_INTENT 0.55
#define P_DELEGATE_STRAY 0.10 /* delegation to a random host, usually a non-member */

/* Bootstrap candidate, previous members: intent, delegation, refusal. */
#define P_BOOT_INTENT 0.45
#define P_BOOT_DELEGATE 0.75
#define P_BOOT_REFUSE 0.80
#define P_BOOT_COMMIT 0.06    /* active intent holders that commit */
#define P_BOOT_VALIDATED 0.75 /* committers whose PoC passes validation */

typedef enum { HOST_REGULAR, HOST_NEWCOMER, HOST_DORMANT } HostKind;

static PocsimDec
dec (gint64 value, gint64 exponent)
{
  PocsimDec d;
  if (!pocsim_dec_from_parts (value, exponent, &d, NULL))
    g_error ("synth: bad decimal constant %" G_GINT64_FORMAT "e%" G_GINT64_FORMAT, value, exponent);
  return d;
}

static gint64
clamp_weight (double x, gint64 lo, gint64 hi)
{
  if (!(x >= (double) lo)) /* NaN too */
    return lo;
  if (x >= (double) hi)
    return hi;
  return (gint64) (x + 0.5);
}

static guint
decimal_digits (guint n)
{
  guint d = 1;
  while (n >= 10)
    {
      n /= 10;
      d++;
    }
  return d;
}

/* Probability that a regular host runs model m. */
static double
run_probability (guint m, guint bootstrap_model)
{
  static const double established[] = { 0.40, 0.30, 0.20 };
  if (m == 0)
    return 0.75;
  if (m == bootstrap_model)
    return 0.0; /* handled separately */
  return m - 1 < G_N_ELEMENTS (established) ? established[m - 1] : 0.15;
}

/* A uniformly drawn index in [0, n) other than `self` (n >= 2). */
static guint32
other_host (gsl_rng *rng, guint n, guint self)
{
  guint32 t = (guint32) gsl_rng_uniform_int (rng, n - 1);
  return t >= self ? t + 1 : t;
}

/* Host a runs model m: a PoC entry (member) and a store commit. */
static void
add_member (PocsimCase *c, gsl_rng *rng, GArray **members, guint m, guint32 a, double capacity)
{
  gsize k = pocsim_cell (c, m, a);
  c->pw[k] = clamp_weight (capacity * (0.5 + gsl_rng_uniform (rng)), 1, SYNTH_WEIGHT_MAX);
  c->cell_flags[k] |= POCSIM_CELL_MEMBER | POCSIM_CELL_COMMIT;
  c->addr_flags[a] |= POCSIM_ADDR_ACTIVE | POCSIM_ADDR_COMMITTED;
  g_array_append_val (members[m], a);
}

static void
set_params (PocsimCase *c)
{
  PocsimParams *p = &c->params;
  c->upcoming_epoch = SYNTH_UPCOMING_EPOCH;
  p->deploy_window = 500;
  p->refusal_penalty = dec (1, -1);
  p->no_participation_penalty = dec (15, -2);
  p->delegation_share = dec (5, -2);
  p->w_threshold = dec (1, -1);
  p->v_min = 3;
  p->cap_factor = dec (75, -2);
  p->initial_model = 0;
  p->max_model_vp_pct = dec (3, -1);
  p->validation_slots = 0;
  p->validation_vote_threshold_bps = 0;
  p->collateral_enabled = TRUE;
  p->grace_period_end_epoch = 180;
  p->base_weight_ratio = dec (2, -1);
  p->collateral_per_weight_unit = dec (42, -1);
  p->power_cap_enabled = TRUE;
  p->has_reward = FALSE;
}

PocsimCase *
pocsim_synth_network (guint n_hosts, guint n_models, guint64 seed)
{
  g_return_val_if_fail (n_hosts >= 1 && n_models >= 1, NULL);

  /* ---- tables: names whose index order is their byte-wise order ---- */
  guint addr_width = MAX (6, decimal_digits (n_hosts - 1));
  guint model_width = decimal_digits (n_models - 1);
  GStringChunk *names = g_string_chunk_new (MAX (4096, (gsize) n_hosts * (addr_width + 8)));
  const char **addrs = g_new (const char *, n_hosts);
  const char **models = g_new (const char *, n_models);
  char buf[64];
  for (guint a = 0; a < n_hosts; a++)
    {
      g_snprintf (buf, sizeof buf, "gonka1%0*u", (int) addr_width, a);
      addrs[a] = g_string_chunk_insert (names, buf);
    }
  for (guint m = 0; m < n_models; m++)
    {
      g_snprintf (buf, sizeof buf, "synth/model-%0*u", (int) model_width, m);
      models[m] = g_string_chunk_insert (names, buf);
    }
  PocsimCase *c = pocsim_case_new (addrs, n_hosts, models, n_models);
  g_assert (c->n_addrs == n_hosts && c->n_models == n_models);
  for (guint a = 0; a < n_hosts; a++)
    g_assert (strcmp (c->addrs[a], addrs[a]) == 0);
  g_free (addrs);
  g_free (models);
  g_string_chunk_free (names);

  set_params (c);
  const guint boot = n_models >= 2 ? n_models - 1 : POCSIM_NO_MODEL;
  for (guint m = 0; m < n_models; m++)
    {
      const gint64 *k = coefficients[m % G_N_ELEMENTS (coefficients)];
      c->models[m].in_params = TRUE;
      c->models[m].coeff = dec (k[0], k[1]);
      c->models[m].penalty_start_epoch = (m == boot) ? SYNTH_UPCOMING_EPOCH - 10 : 0;
    }
  c->has_bootstrap_snapshot = TRUE;
  c->has_delegation_snapshot = TRUE;

  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, (unsigned long) seed);

  guint8 *kind = g_new (guint8, n_hosts);
  double *capacity = g_new (double, n_hosts);
  GArray **members = g_new (GArray *, n_models);
  for (guint m = 0; m < n_models; m++)
    members[m] = g_array_new (FALSE, FALSE, sizeof (guint32));

  /* ---- pass 1: kind, previous weight, which models each host runs ---- */
  for (guint a = 0; a < n_hosts; a++)
    {
      double u = gsl_rng_uniform (rng);
      kind[a] = u < P_NEWCOMER ? HOST_NEWCOMER : u < P_NEWCOMER + P_DORMANT ? HOST_DORMANT : HOST_REGULAR;
      if (kind[a] != HOST_NEWCOMER)
        {
          c->prev_weight[a] = clamp_weight (gsl_ran_pareto (rng, 1.3, 2000.0), 1, SYNTH_WEIGHT_MAX);
          c->addr_flags[a] |= POCSIM_ADDR_IN_PREVIOUS;
          /* PoC capacity in raw nonce units: about 3x the previous weight. */
          capacity[a] = (double) c->prev_weight[a] * gsl_ran_lognormal (rng, log (3.0), 0.3);
        }
      else
        capacity[a] = gsl_ran_pareto (rng, 1.3, 6000.0);
      if (kind[a] == HOST_DORMANT)
        continue;

      gboolean runs_any = FALSE;
      for (guint m = 0; m < n_models; m++)
        {
          if (m == boot)
            continue;
          double p = kind[a] == HOST_NEWCOMER ? (m == 0 ? 0.8 : 0.2) : run_probability (m, boot);
          if (gsl_rng_uniform (rng) >= p)
            continue;
          add_member (c, rng, members, m, a, capacity[a]);
          runs_any = TRUE;
        }
      if (kind[a] == HOST_NEWCOMER && !runs_any)
        add_member (c, rng, members, 0, a, capacity[a]); /* a newcomer is here because it runs PoC */
    }

  /* ---- pass 2: records of the initial and established models ---- */
  for (guint a = 0; a < n_hosts; a++)
    for (guint m = 0; m < n_models; m++)
      {
        gsize k = pocsim_cell (c, m, a);
        if (m == boot || (c->cell_flags[k] & POCSIM_CELL_MEMBER))
          continue;
        double u = gsl_rng_uniform (rng);
        double p_delegate = kind[a] == HOST_DORMANT ? 0.5 : P_DELEGATE;
        if (u < p_delegate)
          {
            if (n_hosts < 2)
              continue;
            gboolean stray = gsl_rng_uniform (rng) < P_DELEGATE_STRAY || members[m]->len == 0;
            c->reg_delegate[k] = stray ? other_host (rng, n_hosts, a)
                                       : g_array_index (members[m], guint32,
                                                        gsl_rng_uniform_int (rng, members[m]->len));
          }
        else if (u < p_delegate + (P_REFUSE - P_DELEGATE))
          c->cell_flags[k] |= POCSIM_CELL_REFUSAL;
        else if (u < p_delegate + (P_INTENT - P_DELEGATE))
          c->cell_flags[k] |= POCSIM_CELL_BOOT_INTENT; /* raw; no snapshot keeps it */
      }

  /* ---- pass 3: previous voting powers of the initial and established models ---- */
  for (guint m = 0; m < n_models; m++)
    {
      if (m == boot)
        continue;
      gboolean any = FALSE;
      for (guint a = 0; a < n_hosts; a++)
        {
          if (!(c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS))
            continue;
          gsize k = pocsim_cell (c, m, a);
          double p = (c->cell_flags[k] & POCSIM_CELL_MEMBER) ? 0.9 : 0.1;
          if (gsl_rng_uniform (rng) >= p)
            continue;
          c->prev_vp[k] = clamp_weight ((double) c->prev_weight[a] * (0.3 + 0.7 * gsl_rng_uniform (rng)), 1,
                                        SYNTH_WEIGHT_MAX);
          c->cell_flags[k] |= POCSIM_CELL_PREV_VP;
          any = TRUE;
        }
      /* Keep the model established whatever the draws. */
      for (guint a = 0; a < n_hosts && !any; a++)
        if (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS)
          {
            gsize k = pocsim_cell (c, m, a);
            c->prev_vp[k] = c->prev_weight[a];
            c->cell_flags[k] |= POCSIM_CELL_PREV_VP;
            any = TRUE;
          }
    }

  /* ---- pass 4: the bootstrap candidate ---- */
  if (boot != POCSIM_NO_MODEL)
    {
      g_autoptr (GArray) intents = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (guint a = 0; a < n_hosts; a++)
        {
          gsize k = pocsim_cell (c, boot, a);
          double u = gsl_rng_uniform (rng);
          if (kind[a] == HOST_NEWCOMER)
            {
              if (u < 0.05) /* raw record the snapshot filters out */
                c->cell_flags[k] |= POCSIM_CELL_BOOT_INTENT;
              continue;
            }
          if (u < P_BOOT_INTENT)
            {
              c->cell_flags[k] |= POCSIM_CELL_BOOT_INTENT;
              g_array_append_val (intents, a);
            }
          else if (u < P_BOOT_DELEGATE)
            c->boot_delegate[k] = 0; /* marked; the target is drawn below */
          else if (u < P_BOOT_REFUSE)
            c->cell_flags[k] |= POCSIM_CELL_REFUSAL;
        }
      for (guint a = 0; a < n_hosts; a++)
        {
          gsize k = pocsim_cell (c, boot, a);
          if (c->boot_delegate[k] == POCSIM_NO_ADDR)
            continue;
          if (n_hosts < 2)
            {
              c->boot_delegate[k] = POCSIM_NO_ADDR;
              continue;
            }
          gboolean stray = gsl_rng_uniform (rng) < P_DELEGATE_STRAY || intents->len == 0;
          guint32 t = stray ? other_host (rng, n_hosts, a)
                            : g_array_index (intents, guint32, gsl_rng_uniform_int (rng, intents->len));
          /* A delegation persists: both snapshots read the same record. */
          c->boot_delegate[k] = t;
          c->reg_delegate[k] = t;
        }
      /* A few commits, from active intent holders; some fail validation. */
      for (guint j = 0; j < intents->len; j++)
        {
          guint32 a = g_array_index (intents, guint32, j);
          if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE) || gsl_rng_uniform (rng) >= P_BOOT_COMMIT)
            continue;
          gsize k = pocsim_cell (c, boot, a);
          c->cell_flags[k] |= POCSIM_CELL_COMMIT;
          c->addr_flags[a] |= POCSIM_ADDR_COMMITTED;
          if (gsl_rng_uniform (rng) >= P_BOOT_VALIDATED)
            continue;
          c->pw[k] = clamp_weight (capacity[a] * (0.2 + 0.3 * gsl_rng_uniform (rng)), 1, SYNTH_WEIGHT_MAX);
          c->cell_flags[k] |= POCSIM_CELL_MEMBER;
        }
    }

  /* ---- pass 5: collateral, against an estimate of the consensus weight ---- */
  for (guint a = 0; a < n_hosts; a++)
    {
      if (gsl_rng_uniform (rng) >= 0.88)
        continue; /* not collateralised */
      c->addr_flags[a] |= POCSIM_ADDR_HAS_COLLATERAL;
      if (gsl_rng_uniform (rng) < 0.03)
        continue; /* a record with a zero amount */
      double estimate = 0;
      for (guint m = 0; m < n_models; m++)
        estimate += (double) c->pw[pocsim_cell (c, m, a)] * pocsim_dec_to_double (c->models[m].coeff);
      if (estimate == 0)
        estimate = (double) c->prev_weight[a];
      /* collateral_per_weight_unit 4.2: factor 0.8 * 4.2 covers all of it. */
      c->collateral[a] = clamp_weight (estimate * 4.2 * (0.1 + 1.4 * gsl_rng_uniform (rng)), 1,
                                       SYNTH_COLLATERAL_MAX);
    }

  for (guint m = 0; m < n_models; m++)
    g_array_free (members[m], TRUE);
  g_free (members);
  g_free (capacity);
  g_free (kind);
  gsl_rng_free (rng);
  return c;
}
