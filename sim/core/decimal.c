#include "core/decimal.h"

#include <errno.h>
#include <gmp.h>
#include <string.h>

#include "core/error.h"

#define SCALE ((__int128) 1000000000000000000LL)

static const __int128 DEC_MAX = (__int128) G_MAXINT64 * SCALE + (SCALE - 1);
static const __int128 DEC_MIN = (__int128) G_MININT64 * SCALE - (SCALE - 1);

PocsimDec
pocsim_dec_one (void)
{
  return (PocsimDec) { SCALE };
}

PocsimDec
pocsim_dec_from_int64 (gint64 n)
{
  return (PocsimDec) { (__int128) n * SCALE };
}

static gboolean
in_range (__int128 v)
{
  return v >= DEC_MIN && v <= DEC_MAX;
}

/* ---- GMP bridges: only for products that leave __int128 ---- */

static void
mpz_set_i128 (mpz_t z, __int128 v)
{
  gboolean neg = v < 0;
  unsigned __int128 u = neg ? -(unsigned __int128) v : (unsigned __int128) v;
  mpz_set_ui (z, (unsigned long) (u >> 64));
  mpz_mul_2exp (z, z, 64);
  mpz_add_ui (z, z, (unsigned long) (u & 0xFFFFFFFFFFFFFFFFull));
  if (neg)
    mpz_neg (z, z);
}

/* FALSE if z does not fit the decimal range. */
static gboolean
mpz_get_dec (mpz_t z, __int128 *out)
{
  if (mpz_sizeinbase (z, 2) > 126)
    return FALSE;
  gboolean neg = mpz_sgn (z) < 0;
  mpz_t a, lo;
  mpz_inits (a, lo, NULL);
  mpz_abs (a, z);
  mpz_fdiv_r_2exp (lo, a, 64);
  mpz_fdiv_q_2exp (a, a, 64);
  unsigned __int128 u = ((unsigned __int128) mpz_get_ui (a) << 64) | mpz_get_ui (lo);
  mpz_clears (a, lo, NULL);
  __int128 v = neg ? -(__int128) u : (__int128) u;
  if (!in_range (v))
    return FALSE;
  *out = v;
  return TRUE;
}

/* chopPrecisionAndRound: drop 18 digits with banker's rounding, on the
 * magnitude, then restore the sign (as cosmossdk does). */
static void
mpz_chop_round (mpz_t z)
{
  int sign = mpz_sgn (z);
  mpz_t q, r, scale;
  mpz_inits (q, r, scale, NULL);
  mpz_ui_pow_ui (scale, 10, POCSIM_DEC_PRECISION);
  mpz_abs (z, z);
  mpz_fdiv_qr (q, r, z, scale);
  mpz_mul_2exp (r, r, 1);
  int c = mpz_cmp (r, scale);
  if (c > 0 || (c == 0 && mpz_odd_p (q)))
    mpz_add_ui (q, q, 1);
  mpz_set (z, q);
  if (sign < 0)
    mpz_neg (z, z);
  mpz_clears (q, r, scale, NULL);
}


/* ---- __int128 fast paths (magnitudes below 2^68 on one side) ---- */

#define FAST_LIMIT ((unsigned __int128) 1 << 68) /* 2^68 * 10^18 < 2^128 */
#define USCALE ((unsigned __int128) SCALE)

static unsigned __int128
u128_abs (__int128 v)
{
  return v < 0 ? -(unsigned __int128) v : (unsigned __int128) v;
}

/* x / d and x % d for a divisor below 2^64, as two 128-by-64 divisions
 * whose quotients fit in 64 bits: the high word first, then its remainder
 * with the low word (long division in base 2^64).  On x86-64 each is one
 * divq; elsewhere the compiler's division.  libgcc's general 128-bit
 * division is a call of some forty instructions, and the rule paths divide
 * by 10^18 (and by coefficients and collateral units below 2^64) for every
 * host. */
static inline guint64
div_2by1 (guint64 hi, guint64 lo, guint64 d, guint64 *rem) /* requires hi < d */
{
#if defined(__x86_64__)
  guint64 q, r;
  __asm__ ("divq %4" : "=a" (q), "=d" (r) : "a" (lo), "d" (hi), "rm" (d));
  *rem = r;
  return q;
#else
  unsigned __int128 x = ((unsigned __int128) hi << 64) | lo, q = x / d;
  *rem = (guint64) (x - q * d);
  return (guint64) q;
#endif
}

static unsigned __int128
udivmod_u64 (unsigned __int128 x, guint64 d, unsigned __int128 *rem)
{
  guint64 hi = (guint64) (x >> 64), lo = (guint64) x, r;
  guint64 q_hi = hi / d;
  guint64 q_lo = div_2by1 (hi % d, lo, d, &r);
  *rem = r;
  return ((unsigned __int128) q_hi << 64) | q_lo;
}

/* x / y and x % y with one division. */
static unsigned __int128
udivmod (unsigned __int128 x, unsigned __int128 y, unsigned __int128 *rem)
{
  if (y >> 64 == 0)
    return udivmod_u64 (x, (guint64) y, rem);
  unsigned __int128 q = x / y;
  *rem = x - q * y;
  return q;
}

static unsigned __int128
udivmod_scale (unsigned __int128 x, unsigned __int128 *rem)
{
  return udivmod_u64 (x, (guint64) SCALE, rem);
}

/* C's truncating division of a signed value by 10^18 (Go's Quo). */
static __int128
div_scale_trunc (__int128 v)
{
  unsigned __int128 r, q = udivmod_scale (u128_abs (v), &r);
  return v < 0 ? -(__int128) q : (__int128) q;
}


/* q rounded by the dropped remainder rem (0 <= rem < 10^18), banker's. */
static unsigned __int128
round_half_even (unsigned __int128 q, unsigned __int128 rem)
{
  unsigned __int128 half = USCALE / 2;
  if (rem > half || (rem == half && (q & 1)))
    q++;
  return q;
}

/* Signs the magnitude and range-checks it; FALSE when out of range. */
static gboolean
finish (unsigned __int128 mag, gboolean neg, __int128 *out)
{
  if (mag > (unsigned __int128) DEC_MAX)
    return FALSE;
  __int128 v = neg ? -(__int128) mag : (__int128) mag;
  *out = v;
  return TRUE;
}

/* R(a*b) without GMP when one magnitude is below 2^68.  *done = FALSE: use GMP. */
static gboolean
mul_fast (__int128 a, __int128 b, __int128 *out, gboolean *done)
{
  unsigned __int128 x = u128_abs (a), y = u128_abs (b);
  if (y >= FAST_LIMIT)
    {
      unsigned __int128 t = x;
      x = y;
      y = t;
    }
  *done = FALSE;
  if (y >= FAST_LIMIT)
    return FALSE;
  /* x*y/S = xh*y + xl*y/S with x = xh*S + xl, xl*y < 2^60 * 2^68 */
  unsigned __int128 xl, xh = udivmod_scale (x, &xl), hi, lo = xl * y, lo_rem, q;
  if (__builtin_mul_overflow (xh, y, &hi) || __builtin_add_overflow (hi, udivmod_scale (lo, &lo_rem), &q))
    return FALSE;
  *done = TRUE;
  return finish (round_half_even (q, lo_rem), (a < 0) != (b < 0), out);
}

/* R(trunc(a*10^36/b)) without GMP when |b| is below 2^68. */
static gboolean
quo_fast (__int128 a, __int128 b, __int128 *out, gboolean *done)
{
  unsigned __int128 x = u128_abs (a), y = u128_abs (b);
  *done = FALSE;
  if (y >= FAST_LIMIT)
    return FALSE;
  /* q1 = floor(x*S/y) = (x/y)*S + floor((x%y)*S/y); r1 = x*S - q1*y.
   * The dropped digits of trunc(x*S^2/y) are floor(r1*S/y) < S. */
  unsigned __int128 ra, qa = udivmod (x, y, &ra), t = ra * USCALE, hi, r1, q1;
  if (__builtin_mul_overflow (qa, USCALE, &hi) || __builtin_add_overflow (hi, udivmod (t, y, &r1), &q1))
    return FALSE;
  *done = TRUE;
  unsigned __int128 dropped_rem;
  return finish (round_half_even (q1, udivmod (r1 * USCALE, y, &dropped_rem)), (a < 0) != (b < 0), out);
}

/* ---- construction ---- */

gboolean
pocsim_dec_from_parts (gint64 value, gint64 exponent, PocsimDec *out, GError **error)
{
  /* shopspring's String() strips trailing zeros before LegacyDec parses. */
  while (exponent < 0 && value != 0 && value % 10 == 0)
    {
      value /= 10;
      exponent++;
    }
  if (value == 0)
    {
      *out = pocsim_dec_zero ();
      return TRUE;
    }
  if (exponent < -POCSIM_DEC_PRECISION)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "decimal %" G_GINT64_FORMAT "e%" G_GINT64_FORMAT
                   " has more than 18 fractional digits", value, exponent);
      return FALSE;
    }
  __int128 v = value;
  /* Counts from -18 up to the exponent: 18 + exponent could overflow. */
  for (gint64 k = -POCSIM_DEC_PRECISION; k < exponent; k++)
    {
      if (__builtin_mul_overflow (v, (__int128) 10, &v))
        goto too_big;
    }
  if (!in_range (v))
    goto too_big;
  out->i = v;
  return TRUE;

too_big:
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
               "decimal %" G_GINT64_FORMAT "e%" G_GINT64_FORMAT " does not fit in int64",
               value, exponent);
  return FALSE;
}

gboolean
pocsim_dec_parse (const char *text, PocsimDec *out, GError **error)
{
  const char *p = text;
  gboolean neg = FALSE;
  if (*p == '-')
    {
      neg = TRUE;
      p++;
    }
  const char *int_start = p;
  while (g_ascii_isdigit (*p))
    p++;
  gsize int_len = p - int_start;
  const char *frac_start = NULL;
  gsize frac_len = 0;
  if (*p == '.')
    {
      frac_start = ++p;
      while (g_ascii_isdigit (*p))
        p++;
      frac_len = p - frac_start;
    }
  if (*p != '\0' || (int_len == 0 && frac_len == 0) || (frac_start && frac_len == 0))
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "invalid decimal \"%s\"", text);
      return FALSE;
    }
  /* Trailing zeros of the fraction carry no digits (the chain strips them). */
  while (frac_len > 0 && frac_start[frac_len - 1] == '0')
    frac_len--;
  if (frac_len > POCSIM_DEC_PRECISION)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "decimal \"%s\" has more than 18 fractional digits", text);
      return FALSE;
    }
  __int128 v = 0;
  for (gsize k = 0; k < int_len; k++)
    {
      v = v * 10 + (int_start[k] - '0');
      if (v > (__int128) G_MAXINT64 + 1)
        goto too_big;
    }
  __int128 frac = 0;
  for (gsize k = 0; k < POCSIM_DEC_PRECISION; k++)
    frac = frac * 10 + (k < frac_len ? frac_start[k] - '0' : 0);
  v = v * SCALE + frac;
  if (neg)
    v = -v;
  if (!in_range (v))
    goto too_big;
  out->i = v;
  return TRUE;

too_big:
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "decimal \"%s\" does not fit in int64", text);
  return FALSE;
}

/* ---- arithmetic ---- */

gboolean
pocsim_dec_trunc (PocsimDec d, gint64 *out)
{
  __int128 q = div_scale_trunc (d.i); /* toward zero, as Go's Quo */
  if (q > G_MAXINT64 || q < G_MININT64)
    return FALSE;
  *out = (gint64) q;
  return TRUE;
}

gboolean
pocsim_dec_mul_int64_trunc (PocsimDec d, gint64 n, gint64 *out)
{
  __int128 p;
  if (!__builtin_mul_overflow (d.i, (__int128) n, &p))
    {
      __int128 q = div_scale_trunc (p);
      if (q > G_MAXINT64 || q < G_MININT64)
        return FALSE;
      *out = (gint64) q;
      return TRUE;
    }
  mpz_t z, s;
  mpz_inits (z, s, NULL);
  mpz_set_i128 (z, d.i);
  mpz_mul_si (z, z, n);
  mpz_ui_pow_ui (s, 10, POCSIM_DEC_PRECISION);
  mpz_tdiv_q (z, z, s);
  gboolean ok = mpz_fits_slong_p (z);
  if (ok)
    *out = mpz_get_si (z);
  mpz_clears (z, s, NULL);
  return ok;
}

PocsimDec
pocsim_dec_add (PocsimDec a, PocsimDec b)
{
  return (PocsimDec) { a.i + b.i };
}

PocsimDec
pocsim_dec_sub (PocsimDec a, PocsimDec b)
{
  return (PocsimDec) { a.i - b.i };
}

PocsimDec
pocsim_dec_min (PocsimDec a, PocsimDec b)
{
  return a.i <= b.i ? a : b;
}

gboolean
pocsim_dec_mul (PocsimDec a, PocsimDec b, PocsimDec *out)
{
  gboolean done, ok = mul_fast (a.i, b.i, &out->i, &done);
  if (done)
    return ok;
  mpz_t z, y;
  mpz_inits (z, y, NULL);
  mpz_set_i128 (z, a.i);
  mpz_set_i128 (y, b.i);
  mpz_mul (z, z, y);
  mpz_chop_round (z);
  ok = mpz_get_dec (z, &out->i);
  mpz_clears (z, y, NULL);
  return ok;
}

gboolean
pocsim_dec_quo (PocsimDec a, PocsimDec b, PocsimDec *out)
{
  g_return_val_if_fail (b.i != 0, FALSE);
  gboolean done, ok = quo_fast (a.i, b.i, &out->i, &done);
  if (done)
    return ok;
  mpz_t z, y;
  mpz_inits (z, y, NULL);
  mpz_set_i128 (z, a.i);
  mpz_ui_pow_ui (y, 10, 2 * POCSIM_DEC_PRECISION);
  mpz_mul (z, z, y);
  mpz_set_i128 (y, b.i);
  mpz_tdiv_q (z, z, y); /* big.Int.Quo truncates toward zero */
  mpz_chop_round (z);
  ok = mpz_get_dec (z, &out->i);
  mpz_clears (z, y, NULL);
  return ok;
}

gboolean
pocsim_dec_quo_int (gint64 x, gint64 y, PocsimDec *out)
{
  return pocsim_dec_quo (pocsim_dec_from_int64 (x), pocsim_dec_from_int64 (y), out);
}

char *
pocsim_dec_format (PocsimDec d, char *buf)
{
  unsigned __int128 u = d.i < 0 ? -(unsigned __int128) d.i : (unsigned __int128) d.i;
  unsigned __int128 ip = u / (unsigned __int128) SCALE;
  guint64 fp = (guint64) (u % (unsigned __int128) SCALE);
  /* The integer part fits in 64 bits by the range invariant.  Digits by
   * hand, not printf: a report of many hosts formats millions of these. */
  guint64 whole = (guint64) ip;
  char digits[20];
  guint n = 0;
  char *p = buf;
  if (d.i < 0)
    *p++ = '-';
  do
    {
      digits[n++] = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole > 0);
  while (n > 0)
    *p++ = digits[--n];
  *p++ = '.';
  for (int k = POCSIM_DEC_PRECISION - 1; k >= 0; k--)
    {
      p[k] = (char) ('0' + fp % 10);
      fp /= 10;
    }
  p[POCSIM_DEC_PRECISION] = '\0';
  return buf;
}

double
pocsim_dec_to_double (PocsimDec d)
{
  /* C's truncating division, by magnitude: negation is exact in doubles. */
  unsigned __int128 r, q = udivmod_scale (u128_abs (d.i), &r);
  double v = (double) q + (double) r / 1e18;
  return d.i < 0 ? -v : v;
}

gboolean
pocsim_int64_parse (const char *s, gint64 *out)
{
  if (*s == '\0' || (s[0] == '-' && s[1] == '\0'))
    return FALSE;
  for (const char *p = (*s == '-') ? s + 1 : s; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  errno = 0;
  char *end;
  gint64 v = g_ascii_strtoll (s, &end, 10);
  if (errno != 0 || *end != '\0')
    return FALSE;
  *out = v;
  return TRUE;
}

char *
pocsim_dec_format_short (PocsimDec d, char *buf)
{
  pocsim_dec_format (d, buf);
  char *dot = strchr (buf, '.');
  if (dot != NULL)
    {
      char *end = buf + strlen (buf);
      while (end > dot + 1 && end[-1] == '0')
        *--end = '\0';
      if (end == dot + 1)
        *dot = '\0';
    }
  return buf;
}
