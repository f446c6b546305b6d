/* decimal.h - the chain's 18-digit fixed-point decimal (cosmossdk LegacyDec).
 *
 * A PocsimDec is an integer scaled by 10^18, exactly as LegacyDec stores it.
 * Values read from the chain's Decimal{value, exponent} or from decimal
 * strings must have at most 18 fractional digits (after trailing zeros are
 * stripped) and an integer part within int64; anything else is rejected.
 *
 * Arithmetic reproduces LegacyDec bit for bit:
 *   mul_int64_trunc  MulInt64 then TruncateInt64 (exact product, truncation)
 *   mul              R(a*b)         (banker's rounding of 18 removed digits)
 *   quo              R(a*10^36 / b) (truncated division, then banker's rounding)
 * Intermediates of quo reach ~10^56, beyond __int128, so those paths use GMP;
 * the common cases stay in __int128 and fall back to GMP on overflow.
 *
 * No function here allocates; results are plain values. */
#pragma once

#include <glib.h>

typedef struct {
  __int128 i; /* value * 10^18 */
} PocsimDec;

#define POCSIM_DEC_PRECISION 18
#define POCSIM_DEC_FORMAT_SIZE 64

static inline PocsimDec pocsim_dec_zero (void) { return (PocsimDec) { 0 }; }
PocsimDec pocsim_dec_one (void);
PocsimDec pocsim_dec_from_int64 (gint64 n);
static inline gboolean pocsim_dec_is_zero (PocsimDec d) { return d.i == 0; }
static inline gboolean pocsim_dec_is_positive (PocsimDec d) { return d.i > 0; }
static inline int
pocsim_dec_cmp (PocsimDec a, PocsimDec b)
{
  return (a.i > b.i) - (a.i < b.i);
}

/* value * 10^exponent.  Fails on more than 18 fractional digits after the
 * chain's trailing-zero stripping, or an integer part outside int64. */
gboolean pocsim_dec_from_parts (gint64 value, gint64 exponent, PocsimDec *out, GError **error);

/* An int64 written as decimal digits with an optional leading '-' (no '+',
 * no spaces), as the chain's REST API writes int64 values.  FALSE if the
 * text is anything else or leaves int64. */
gboolean pocsim_int64_parse (const char *text, gint64 *out);

/* "-12.5", "0.150", "3" (no exponent notation, no '+', no spaces). */
gboolean pocsim_dec_parse (const char *text, PocsimDec *out, GError **error);

/* TruncateInt64(MulInt64(d, n)).  Returns FALSE if the result leaves int64
 * (the chain panics there). */
gboolean pocsim_dec_mul_int64_trunc (PocsimDec d, gint64 n, gint64 *out);

/* TruncateInt64(d).  FALSE if outside int64. */
gboolean pocsim_dec_trunc (PocsimDec d, gint64 *out);

PocsimDec pocsim_dec_add (PocsimDec a, PocsimDec b);
PocsimDec pocsim_dec_sub (PocsimDec a, PocsimDec b);
PocsimDec pocsim_dec_min (PocsimDec a, PocsimDec b);

/* Mul and Quo with the chain's banker's rounding.  quo requires b != 0.
 * FALSE if the result does not fit the representable range. */
gboolean pocsim_dec_mul (PocsimDec a, PocsimDec b, PocsimDec *out);
gboolean pocsim_dec_quo (PocsimDec a, PocsimDec b, PocsimDec *out);

/* NewDec(x).Quo(NewDec(y)) for integers, y != 0. */
gboolean pocsim_dec_quo_int (gint64 x, gint64 y, PocsimDec *out);

/* Formats as the chain prints a LegacyDec: optional '-', integer part, '.',
 * exactly 18 fractional digits.  buf must hold POCSIM_DEC_FORMAT_SIZE bytes;
 * returns buf. */
char *pocsim_dec_format (PocsimDec d, char *buf);
/* The same without trailing zeros ("0.2583", "1"): as short as exact. */
char *pocsim_dec_format_short (PocsimDec d, char *buf);

/* Only for statistics and plots, never for a rule. */
double pocsim_dec_to_double (PocsimDec d);
