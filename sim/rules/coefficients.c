/* coefficients.c - static and dynamic model coefficients. */
#include "rules/coefficients.h"

#include <gmp.h>
#include <string.h>

#include "core/error.h"

#define SCALE ((__int128) 1000000000000000000LL)
#define BPS 10000

static gboolean G_GNUC_PRINTF (2, 3)
halt (GError **error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error_literal (error, POCSIM_ERROR, POCSIM_ERROR_HALT, msg);
  return FALSE;
}

/* Go's %q of a model id (ids are printable; quotes and backslashes escaped). */
static char *
quoted (const char *s)
{
  GString *out = g_string_new ("\"");
  for (const char *p = s; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/* positiveDecimal: NAME must be set and > 0. */
static gboolean
positive (PocsimOptDec v, const char *name, PocsimDec *out, GError **error)
{
  if (!v.set)
    return halt (error, "%s cannot be nil", name);
  if (!pocsim_dec_is_positive (v.value))
    return halt (error, "%s must be positive", name);
  *out = v.value;
  return TRUE;
}

/* ---- big-integer helpers: values scaled by 10^18 in an mpz ---- */

static void
mpz_set_dec (mpz_t z, PocsimDec d)
{
  unsigned __int128 u = d.i < 0 ? -(unsigned __int128) d.i : (unsigned __int128) d.i;
  mpz_set_ui (z, (unsigned long) (u >> 64));
  mpz_mul_2exp (z, z, 64);
  mpz_add_ui (z, z, (unsigned long) (u & 0xFFFFFFFFFFFFFFFFull));
  if (d.i < 0)
    mpz_neg (z, z);
}

/* mulInt(d, max(raw, 0)), exact. */
static void
normalized (mpz_t out, PocsimDec d, gint64 raw)
{
  mpz_set_dec (out, d);
  mpz_mul_si (out, out, MAX (raw, 0));
}

/* Quo(a, b) of two positive scaled values whose quotient is below 1:
 * trunc(a·10^36 / b), then the last 18 digits rounded half to even. */
static PocsimDec
quo_below_one (const mpz_t a, const mpz_t b)
{
  mpz_t q, r, scale;
  mpz_inits (q, r, scale, NULL);
  mpz_ui_pow_ui (scale, 10, 36);
  mpz_mul (q, a, scale);
  mpz_tdiv_q (q, q, b);
  mpz_ui_pow_ui (scale, 10, 18);
  mpz_fdiv_qr (q, r, q, scale);
  mpz_mul_2exp (r, r, 1);
  int c = mpz_cmp (r, scale);
  if (c > 0 || (c == 0 && mpz_odd_p (q)))
    mpz_add_ui (q, q, 1);
  PocsimDec out = { (__int128) mpz_get_ui (q) }; /* < 10^18 + 1 */
  mpz_clears (q, r, scale, NULL);
  return out;
}

/* ---- encodeDecimal ---- */

gboolean
pocsim_coefficient_encode (PocsimDec value, PocsimDec *stored, GError **error)
{
  if (value.i < 0)
    return halt (error, "value cannot be negative");
  __int128 mantissa = value.i; /* value = mantissa · 10^exponent */
  int exponent = -18;
  while (exponent < 0 && mantissa != 0 && mantissa % 10 == 0)
    {
      mantissa /= 10;
      exponent++;
    }
  while (mantissa > G_MAXINT64)
    {
      mantissa /= 10; /* big.Int.Quo: truncation */
      exponent++;
    }
  if (exponent > 18)
    {
      char buf[POCSIM_DEC_FORMAT_SIZE];
      return halt (error, "decimal %s exceeds storage range", pocsim_dec_format (value, buf));
    }
  for (int k = exponent; k > -18; k--)
    mantissa *= 10; /* back to 18 digits: at most 10^19 · 10^18 */
  stored->i = mantissa;
  return TRUE;
}

/* ---- U's frozen config ---- */

gboolean
pocsim_coefficient_frozen_scale (const PocsimCase *c, guint m, PocsimCoeffScale *out)
{
  const PocsimModel *model = &c->models[m];
  if (c->params.frozen_explicit)
    {
      *out = model->frozen;
      return out->present;
    }
  if (!model->in_params || (c->params.has_dynamic_params && !model->has_dynamic))
    return FALSE;
  *out = (PocsimCoeffScale) { .present = TRUE };
  if (c->params.has_dynamic_params)
    {
      out->has_config = TRUE;
      out->config = model->dynamic;
    }
  else /* the coefficient the reader took from it (an unset one is 1) */
    out->weight_scale_factor = (PocsimOptDec) { TRUE, model->coeff };
  return TRUE;
}

gboolean
pocsim_coefficient_frozen_params (const PocsimCase *c, PocsimDynamicParams *out)
{
  gboolean has = c->params.frozen_explicit ? c->params.frozen_has_dynamic_params : c->params.has_dynamic_params;
  *out = c->params.frozen_explicit ? c->params.frozen_dynamic : c->params.dynamic;
  return has;
}

/* ---- the static path ---- */

PocsimDec
pocsim_approval_coefficient (const PocsimCase *c, guint m)
{
  const PocsimModel *model = &c->models[m];
  if (!c->rules->dynamic_coefficients || !c->params.has_dynamic_params)
    return model->coeff;
  if (!model->has_dynamic || !model->dynamic.coeff_min.set || !pocsim_dec_is_positive (model->dynamic.coeff_min.value))
    return pocsim_dec_zero ();
  return model->dynamic.coeff_min.value;
}

/* Legacy mode: each frozen scale's effective_coefficient, else its
 * weight_scale_factor, else 1, kept as given. */
static void
legacy_coefficients (const PocsimCase *c, PocsimEpochResult *r)
{
  for (guint m = 0; m < c->n_models; m++)
    {
      PocsimCoeffScale frozen;
      PocsimModelCoefficient *out = &r->coefficients[m];
      if (!pocsim_coefficient_frozen_scale (c, m, &frozen))
        continue;
      PocsimOptDec value = frozen.effective_coefficient.set ? frozen.effective_coefficient
                           : frozen.weight_scale_factor.set ? frozen.weight_scale_factor
                                                            : (PocsimOptDec) { TRUE, pocsim_dec_one () };
      out->effective = TRUE;
      out->coeff = value.value;
      out->has_scale = TRUE;
      out->scale = frozen;
      out->scale.effective_coefficient = value;
    }
}

/* ---- the dynamic path ---- */

/* The inputs of the controller, shared by every model. */
typedef struct {
  PocsimDec step_min, step_max, bootstrap_step_max;
  guint32 zone_bps, bootstrap_share_bps;
  mpz_t *prior;   /* [n_models] w_m = D · r_m(E) (scaled) */
  mpz_t *current; /* [n_models] w'_m = D · r_m(U) (scaled) */
  mpz_t prior_total, current_total;
  gboolean has_prior; /* U > 1 */
} Controller;

/* Σ of positive seated PoC of AP(U) per model (currentModelRawTotals). */
static gboolean
current_raw_totals (const PocsimCase *c, PocsimEpochResult *r, gint64 *totals, GError **error)
{
  for (guint m = 0; m < c->n_models; m++)
    {
      const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
      const gint64 *pw = c->pw + pocsim_cell (c, m, 0);
      gboolean seated = FALSE;
      gint64 total = 0;
      for (guint a = 0; a < c->n_addrs; a++)
        {
          if (!(flags[a] & POCSIM_CELL_MEMBER) || !(c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
            continue;
          seated = TRUE;
          if (pw[a] > 0 && !pocsim_add_i64 (total, pw[a], &total))
            {
              g_autofree char *id = quoted (c->models[m].id);
              return halt (error, "dynamic coefficients: current raw total for model %s: raw weight overflow", id);
            }
        }
      totals[m] = total;
      r->coefficients[m].effective = seated; /* an AP(U) model: 0 unless configured */
    }
  return TRUE;
}

/* Σ max(0, weight) of E's subgroup m, for every model U froze a scale for
 * (prior raw totals; U > 1 only). */
static gboolean
prior_raw_totals (const PocsimCase *c, gint64 *totals, GError **error)
{
  if (c->upcoming_epoch <= 1)
    return TRUE;
  for (guint m = 0; m < c->n_models; m++)
    {
      PocsimCoeffScale frozen;
      if (!pocsim_coefficient_frozen_scale (c, m, &frozen))
        continue;
      const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
      const gint64 *pw = c->prev_pw + pocsim_cell (c, m, 0);
      for (guint a = 0; a < c->n_addrs; a++)
        if ((flags[a] & POCSIM_CELL_PREV_NODE) && pw[a] > 0 && !pocsim_add_i64 (totals[m], pw[a], &totals[m]))
          {
            g_autofree char *id = quoted (c->models[m].id);
            return halt (error, "dynamic coefficients: prior raw total for model %s: raw weight overflow", id);
          }
    }
  return TRUE;
}

static gboolean
controller_init (const PocsimCase *c, const PocsimDynamicParams *p, Controller *k, const gint64 *prior,
                 const gint64 *current, GError **error)
{
  mpz_inits (k->prior_total, k->current_total, NULL);
  k->prior = g_new (mpz_t, c->n_models + 1);
  k->current = g_new (mpz_t, c->n_models + 1);
  for (guint m = 0; m < c->n_models; m++)
    mpz_inits (k->prior[m], k->current[m], NULL);
  k->has_prior = c->upcoming_epoch > 1;
  k->zone_bps = p->target_zone_bps;
  k->bootstrap_share_bps = p->bootstrap_share_bps;
  for (guint m = 0; m < c->n_models; m++)
    {
      PocsimCoeffScale frozen;
      if (!pocsim_coefficient_frozen_scale (c, m, &frozen) || !frozen.has_config)
        continue;
      g_autofree char *id = quoted (c->models[m].id);
      g_autofree char *name = g_strdup_printf ("relative difficulty for model %s", id);
      PocsimDec difficulty = pocsim_dec_zero ();
      if (!positive (frozen.config.relative_difficulty, name, &difficulty, error))
        return FALSE;
      normalized (k->prior[m], difficulty, prior[m]);
      normalized (k->current[m], difficulty, current[m]);
      mpz_add (k->prior_total, k->prior_total, k->prior[m]);
      mpz_add (k->current_total, k->current_total, k->current[m]);
    }
  return positive (p->step_min, "dynamic step_min", &k->step_min, error)
         && positive (p->step_max, "dynamic step_max", &k->step_max, error)
         && positive (p->bootstrap_step_max, "dynamic bootstrap_step_max", &k->bootstrap_step_max, error);
}

static void
controller_clear (Controller *k, guint n_models)
{
  for (guint m = 0; m < n_models; m++)
    mpz_clears (k->prior[m], k->current[m], NULL);
  g_free (k->prior);
  g_free (k->current);
  mpz_clears (k->prior_total, k->current_total, NULL);
}

static PocsimDec
clamp (PocsimDec v, PocsimDec lo, PocsimDec hi)
{
  if (pocsim_dec_cmp (v, lo) < 0)
    return lo;
  if (pocsim_dec_cmp (v, hi) > 0)
    return hi;
  return v;
}

static PocsimDec
half (PocsimDec d)
{
  return (PocsimDec) { d.i / 2 }; /* QuoInt64(2): truncation */
}

/* total · n (n may be negative), compared with x. */
static int
cmp_share (const mpz_t x, const mpz_t total, gint64 n)
{
  mpz_t t;
  mpz_init (t);
  mpz_mul_si (t, total, n);
  int c = mpz_cmp (x, t);
  mpz_clear (t);
  return c;
}

/* One model's state (base, step, sign) moved by its share of E (adjust). */
static void
adjust (const Controller *k, guint m, guint32 target, PocsimDec lo, PocsimDec hi, PocsimDec *base, PocsimDec *step,
        gint32 *sign)
{
  gboolean no_total = mpz_sgn (k->prior_total) == 0;
  mpz_t x;
  mpz_init (x);
  if (!no_total)
    mpz_mul_si (x, k->prior[m], BPS);
  gint64 lower = (gint64) target - k->zone_bps, upper = (gint64) target + k->zone_bps;
  if (!no_total && cmp_share (x, k->prior_total, lower) >= 0 && cmp_share (x, k->prior_total, upper) <= 0)
    {
      *step = half (k->step_max); /* inside the zone: the base stays */
      *sign = 0;
      mpz_clear (x);
      return;
    }
  gint32 s = (!no_total && cmp_share (x, k->prior_total, target) > 0) ? -1 : 1;
  PocsimDec cap = (no_total || cmp_share (x, k->prior_total, k->bootstrap_share_bps) < 0) ? k->bootstrap_step_max
                                                                                          : k->step_max;
  mpz_clear (x);
  if (*sign == 0 || *sign == s)
    *step = pocsim_dec_min ((PocsimDec) { step->i * 2 }, cap);
  else
    {
      PocsimDec halved = half (*step);
      *step = pocsim_dec_min (pocsim_dec_cmp (halved, k->step_min) > 0 ? halved : k->step_min, cap);
    }
  PocsimDec factor = s > 0 ? pocsim_dec_add (pocsim_dec_one (), *step) : pocsim_dec_sub (pocsim_dec_one (), *step);
  PocsimDec moved;
  if (!pocsim_dec_mul (*base, factor, &moved))
    moved = s > 0 ? hi : lo; /* beyond the decimal range: the clamp's bound */
  *base = clamp (moved, lo, hi);
  *sign = s;
}

/* The base diluted by the model's share of U's seated PoC (diluted). */
static PocsimDec
dilute (const Controller *k, guint m, guint32 target, PocsimDec base, PocsimDec lo)
{
  if (mpz_sgn (k->current_total) == 0 || mpz_sgn (k->current[m]) == 0)
    return base;
  mpz_t x, tw;
  mpz_inits (x, tw, NULL);
  mpz_mul_si (x, k->current[m], BPS);
  mpz_mul_ui (tw, k->current_total, target);
  PocsimDec out = base;
  if (mpz_cmp (x, tw) > 0)
    {
      PocsimDec q = quo_below_one (tw, x), part;
      pocsim_dec_mul (pocsim_dec_sub (base, lo), q, &part); /* |part| <= |base - lo| */
      out = pocsim_dec_add (lo, part);
    }
  mpz_clears (x, tw, NULL);
  return out;
}

/* One configured model: its stored state and effective coefficient. */
static gboolean
calculate_model (const PocsimCase *c, const Controller *k, guint m, const PocsimCoeffConfig *cfg,
                 PocsimModelCoefficient *out, GError **error)
{
  const PocsimModel *model = &c->models[m];
  g_autofree char *id_q = quoted (model->id);
  g_autofree char *n_min = g_strdup_printf ("coeff_min for model %s", model->id);
  g_autofree char *n_max = g_strdup_printf ("coeff_max for model %s", model->id);
  PocsimDec lo = pocsim_dec_zero (), hi = lo, base = lo, step = lo;
  gint32 sign = 0;
  gboolean had_state = FALSE;
  if (!positive (cfg->coeff_min, n_min, &lo, error) || !positive (cfg->coeff_max, n_max, &hi, error))
    return FALSE;
  const PocsimCoeffScale *prev = &model->previous;
  if (k->has_prior && prev->present && prev->base_coefficient.set && prev->adaptive_step.set)
    {
      g_autofree char *n_base = g_strdup_printf ("previous base coefficient for model %s", id_q);
      g_autofree char *n_step = g_strdup_printf ("previous adaptive step for model %s", id_q);
      if (!positive (prev->base_coefficient, n_base, &base, error)
          || !positive (prev->adaptive_step, n_step, &step, error))
        return FALSE;
      if (prev->prev_sign < -1 || prev->prev_sign > 1)
        return halt (error, "previous sign for model %s must be -1, 0, or 1", id_q);
      sign = prev->prev_sign;
      had_state = TRUE;
    }
  else
    {
      base = lo;
      step = half (k->step_max);
    }
  base = clamp (base, lo, hi);
  if (cfg->target_share_bps == 0)
    {
      base = lo;
      step = half (k->step_max);
      sign = 0;
    }
  else if (k->has_prior && had_state)
    adjust (k, m, cfg->target_share_bps, lo, hi, &base, &step, &sign);
  PocsimDec eff;
  if (!pocsim_coefficient_encode (base, &base, error) || !pocsim_coefficient_encode (step, &step, error)
      || !pocsim_coefficient_encode (dilute (k, m, cfg->target_share_bps, base, lo), &eff, error))
    return FALSE;
  out->effective = TRUE;
  out->coeff = eff;
  out->has_scale = TRUE;
  out->scale = (PocsimCoeffScale) {
    .present = TRUE,
    .effective_coefficient = { TRUE, eff },
    .base_coefficient = { TRUE, base },
    .adaptive_step = { TRUE, step },
    .prev_sign = sign,
    .has_config = TRUE,
    .config = *cfg,
  };
  return TRUE;
}

static gboolean
dynamic_coefficients (const PocsimCase *c, const PocsimDynamicParams *params, PocsimEpochResult *r,
                      const gint64 *prior, const gint64 *current, GError **error)
{
  Controller k;
  gboolean ok = controller_init (c, params, &k, prior, current, error);
  for (guint m = 0; ok && m < c->n_models; m++)
    {
      PocsimCoeffScale frozen;
      if (pocsim_coefficient_frozen_scale (c, m, &frozen) && frozen.has_config)
        ok = calculate_model (c, &k, m, &frozen.config, &r->coefficients[m], error);
    }
  controller_clear (&k, c->n_models);
  return ok;
}

gboolean
pocsim_coefficients_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error)
{
  memset (r->coefficients, 0, c->n_models * sizeof *r->coefficients);
  if (!c->rules->dynamic_coefficients)
    {
      for (guint m = 0; m < c->n_models; m++)
        r->coefficients[m].coeff = c->models[m].coeff;
      return TRUE;
    }
  g_autofree gint64 *current = g_new0 (gint64, c->n_models + 1);
  g_autofree gint64 *prior = g_new0 (gint64, c->n_models + 1);
  PocsimDynamicParams params;
  if (!current_raw_totals (c, r, current, error) || !prior_raw_totals (c, prior, error))
    return FALSE;
  if (!pocsim_coefficient_frozen_params (c, &params))
    {
      legacy_coefficients (c, r);
      return TRUE;
    }
  return dynamic_coefficients (c, &params, r, prior, current, error);
}

void
pocsim_coefficient_scales_finish (const PocsimCase *c, PocsimEpochResult *r)
{
  for (guint m = 0; m < c->n_models; m++)
    {
      PocsimModelCoefficient *mc = &r->coefficients[m];
      if (!mc->has_scale)
        continue;
      gboolean confirms = FALSE;
      const guint8 *flags = c->cell_flags + pocsim_cell (c, m, 0);
      const gint64 *pw = c->pw + pocsim_cell (c, m, 0);
      /* Seated node weights are never negative: a positive cell has a positive node. */
      for (guint a = 0; a < c->n_addrs && r->groups[m].eligible && !confirms; a++)
        confirms = (flags[a] & POCSIM_CELL_MEMBER) && (c->addr_flags[a] & POCSIM_ADDR_ACTIVE) && pw[a] > 0;
      mc->scale.exclude_from_confirmation = !confirms;
    }
}
