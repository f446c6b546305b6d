/* check_decimal.c - tests for the 18-digit fixed-point decimal (decimal.h).
 *
 * The rules are rules.md §1.1 (cosmossdk LegacyDec).  A PocsimDec holds
 * i = value * 10^18.  Every expected value below is worked out by hand in
 * the comment beside it; none was obtained by running the code.
 *
 * Notation: R(X) is the chain's banker's rounding of 18 removed digits:
 * q = |X| div 10^18, r = |X| mod 10^18; q+1 if r > 5e17, q + (q odd) if
 * r == 5e17, else q; then the sign of X is restored. */
#include <check.h>
#include <glib.h>
#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"

#define E17 ((__int128) 100000000000000000LL)
#define E18 ((__int128) 1000000000000000000LL)
#define E36 (E18 * E18)

/* The largest and smallest representable values: int64 integer part, any
 * 18 fractional digits (the header's "integer part within int64"). */
#define RAW_MAX ((__int128) G_MAXINT64 * E18 + (E18 - 1))
#define RAW_MIN ((__int128) G_MININT64 * E18 - (E18 - 1))

/* ---- helpers (independent of the code under test) ------------------------ */

/* Decimal text of an __int128, for messages. */
static const char *
i128_str (__int128 v, char buf[64])
{
  unsigned __int128 u = v < 0 ? -(unsigned __int128) v : (unsigned __int128) v;
  char tmp[64];
  int n = 0;
  do
    {
      tmp[n++] = (char) ('0' + (int) (u % 10));
      u /= 10;
    }
  while (u != 0);
  int k = 0;
  if (v < 0)
    buf[k++] = '-';
  while (n > 0)
    buf[k++] = tmp[--n];
  buf[k] = '\0';
  return buf;
}

static void
expect_raw (PocsimDec got, __int128 want, const char *what, int line)
{
  char g[64], w[64];
  ck_assert_msg (got.i == want, "line %d: %s: got i=%s, want i=%s", line, what,
                 i128_str (got.i, g), i128_str (want, w));
}
#define EXPECT_RAW(got, want) expect_raw ((got), (want), #got, __LINE__)

static PocsimDec
raw (__int128 i)
{
  return (PocsimDec) { i };
}

/* ---- {value, exponent} ----------------------------------------------------- */

static void
parts_ok (gint64 value, gint64 exponent, __int128 want, int line)
{
  PocsimDec d = raw (-12345); /* sentinel */
  GError *error = NULL;
  gboolean ok = pocsim_dec_from_parts (value, exponent, &d, &error);
  char w[64], g[64];
  ck_assert_msg (ok && error == NULL, "line %d: {%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                 "} rejected: %s", line, value, exponent, error ? error->message : "?");
  ck_assert_msg (d.i == want, "line %d: {%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                 "}: got i=%s, want i=%s", line, value, exponent, i128_str (d.i, g),
                 i128_str (want, w));
}

static void
parts_bad (gint64 value, gint64 exponent, int line)
{
  PocsimDec d = raw (0);
  GError *error = NULL;
  gboolean ok = pocsim_dec_from_parts (value, exponent, &d, &error);
  gboolean has_error = error != NULL;
  g_clear_error (&error);
  ck_assert_msg (!ok && has_error, "line %d: {%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                 "} accepted (or rejected without an error)", line, value, exponent);
}
#define PARTS_OK(v, e, want) parts_ok ((v), (e), (want), __LINE__)
#define PARTS_BAD(v, e) parts_bad ((v), (e), __LINE__)

START_TEST (test_parts_fractions)
{
  /* {150,-3}: strip one zero -> {15,-2} = 0.15 -> i = 15 * 10^(18-2). */
  PARTS_OK (150, -3, 15 * (__int128) 10000000000000000LL);
  /* {15,-2} itself, and {3,-1} = 0.3 -> 3 * 10^17 (DecimalFromFloat shapes). */
  PARTS_OK (15, -2, 15 * (__int128) 10000000000000000LL);
  PARTS_OK (3, -1, 3 * E17);
  /* {3593,-4} = 0.3593 (Qwen's coefficient) -> 3593 * 10^14. */
  PARTS_OK (3593, -4, 3593 * (__int128) 100000000000000LL);
  /* {12620856201975851,-16} = 1.2620856201975851 (Kimi's v0.2.12
   * coefficient, rules.md §1.2): 16 fractional digits -> value * 10^2. */
  PARTS_OK (12620856201975851LL, -16, (__int128) 12620856201975851LL * 100);
  /* {-475,-6} = -0.000475 -> -475 * 10^12. */
  PARTS_OK (-475, -6, -475 * (__int128) 1000000000000LL);
  /* {1,-18} = 10^-18 -> i = 1, the smallest step. */
  PARTS_OK (1, -18, 1);
  PARTS_OK (-1, -18, -1);
}
END_TEST

START_TEST (test_parts_stripping)
{
  /* {1,-19}: nothing to strip, 19 fractional digits -> rejected. */
  PARTS_BAD (1, -19);
  PARTS_BAD (-1, -19);
  /* {10,-19} strips to {1,-18} -> 1e-18 -> i = 1. */
  PARTS_OK (10, -19, 1);
  /* {-10,-19} -> {-1,-18} -> i = -1 (C's -10 % 10 == 0 too). */
  PARTS_OK (-10, -19, -1);
  /* {1000,-21} -> {1,-18} -> i = 1; {1001,-21} keeps 21 digits -> rejected. */
  PARTS_OK (1000, -21, 1);
  PARTS_BAD (1001, -21);
  /* {11,-19} cannot strip -> rejected. */
  PARTS_BAD (11, -19);
  /* {10,-1} -> {1,0} = 1 -> 10^18. */
  PARTS_OK (10, -1, E18);
  /* Zero, whatever the exponent: {0,0}, {0,-1} (rules.md: gives 0),
   * {0,-100}, {0,100}. */
  PARTS_OK (0, 0, 0);
  PARTS_OK (0, -1, 0);
  PARTS_OK (0, -100, 0);
  PARTS_OK (0, 100, 0);
  /* Far too many fractional digits: int32 exponent extremes. */
  PARTS_BAD (1, -100);
  PARTS_BAD (7, G_MININT32);
}
END_TEST

START_TEST (test_parts_positive_exponents)
{
  /* {5,2} = 500 -> 500 * 10^18. */
  PARTS_OK (5, 2, 500 * E18);
  /* {1,0} = 1 and {-7,0} = -7. */
  PARTS_OK (1, 0, E18);
  PARTS_OK (-7, 0, -7 * E18);
  /* {1,18} = 10^18 -> i = 10^36 (integer part 10^18 < 9.22e18). */
  PARTS_OK (1, 18, E36);
  /* {9,18} = 9e18 < 9223372036854775807 -> fits. */
  PARTS_OK (9, 18, 9 * E36);
  /* {1,19} = 10^19 > int64 max -> rejected. */
  PARTS_BAD (1, 19);
  PARTS_BAD (-1, 19);
  /* {922337203685477580,1} = 9223372036854775800 <= max -> fits;
   * {922337203685477581,1} = 9223372036854775810 > max -> rejected. */
  PARTS_OK (922337203685477580LL, 1, (__int128) 9223372036854775800LL * E18);
  PARTS_BAD (922337203685477581LL, 1);
  /* {-922337203685477580,1} = -9223372036854775800 fits;
   * {-922337203685477581,1} = -9223372036854775810 < min -> rejected. */
  PARTS_OK (-922337203685477580LL, 1, (__int128) -9223372036854775800LL * E18);
  PARTS_BAD (-922337203685477581LL, 1);
  /* A huge int32 exponent overflows long before the loop ends. */
  PARTS_BAD (1, G_MAXINT32);
}
END_TEST

START_TEST (test_parts_int64_extremes)
{
  /* {max,0} and {min,0}: the int64 extremes themselves. */
  PARTS_OK (G_MAXINT64, 0, (__int128) G_MAXINT64 * E18);
  PARTS_OK (G_MININT64, 0, (__int128) G_MININT64 * E18);
  /* {max,-18} = 9.223372036854775807 -> i = max. */
  PARTS_OK (G_MAXINT64, -18, G_MAXINT64);
  /* {min,-1}: min ends in 8, nothing stripped -> -922337203685477580.8
   * -> i = min * 10^17. */
  PARTS_OK (G_MININT64, -1, (__int128) G_MININT64 * E17);
  /* {max,1} = 92233720368547758070 -> rejected. */
  PARTS_BAD (G_MAXINT64, 1);
  PARTS_BAD (G_MININT64, 1);
  /* Exponents near int64's end (found by fuzz_case): 18 + exponent must
   * not wrap around and let {1, max} through as 10^-18. */
  PARTS_BAD (1, G_MAXINT64);
  PARTS_BAD (1, G_MAXINT64 - 17);
  PARTS_BAD (-1, G_MAXINT64);
  PARTS_BAD (1, G_MININT64);
  PARTS_OK (0, G_MAXINT64, 0);
}
END_TEST

/* ---- decimal strings ---------------------------------------------------------- */

static void
parse_ok (const char *text, __int128 want, int line)
{
  PocsimDec d = raw (-12345);
  GError *error = NULL;
  gboolean ok = pocsim_dec_parse (text, &d, &error);
  char w[64], g[64];
  ck_assert_msg (ok && error == NULL, "line %d: \"%s\" rejected: %s", line, text,
                 error ? error->message : "?");
  ck_assert_msg (d.i == want, "line %d: \"%s\": got i=%s, want i=%s", line, text,
                 i128_str (d.i, g), i128_str (want, w));
}

static void
parse_bad (const char *text, int line)
{
  PocsimDec d = raw (0);
  GError *error = NULL;
  gboolean ok = pocsim_dec_parse (text, &d, &error);
  gboolean has_error = error != NULL;
  g_clear_error (&error);
  ck_assert_msg (!ok && has_error, "line %d: \"%s\" accepted (or rejected without an error)",
                 line, text);
}
#define PARSE_OK(t, want) parse_ok ((t), (want), __LINE__)
#define PARSE_BAD(t) parse_bad ((t), __LINE__)

START_TEST (test_parse_valid)
{
  /* 0.15 -> 15 * 10^16, with or without trailing zeros to 18 digits. */
  PARSE_OK ("0.15", 15 * (__int128) 10000000000000000LL);
  PARSE_OK ("0.150000000000000000", 15 * (__int128) 10000000000000000LL);
  PARSE_OK ("0.150", 15 * (__int128) 10000000000000000LL);
  /* 19 fractional digits, all trailing zeros: 1 -> 10^18. */
  PARSE_OK ("1.0000000000000000000", E18);
  /* Many trailing zeros: 0.1 -> 10^17. */
  PARSE_OK ("0.1000000000000000000000000000", E17);
  /* -0.5 -> -5 * 10^17; -12.5 -> -125 * 10^17. */
  PARSE_OK ("-0.5", -5 * E17);
  PARSE_OK ("-12.5", -125 * E17);
  /* Integers: 3 -> 3 * 10^18; 0 and -0 -> 0. */
  PARSE_OK ("3", 3 * E18);
  PARSE_OK ("0", 0);
  PARSE_OK ("-0", 0);
  PARSE_OK ("-0.0", 0);
  /* 18 digits exactly: 0.000000000000000001 -> 1; 1.000000000000000001 ->
   * 10^18 + 1. */
  PARSE_OK ("0.000000000000000001", 1);
  PARSE_OK ("-0.000000000000000001", -1);
  PARSE_OK ("1.000000000000000001", E18 + 1);
  /* 0.3593 -> 3593 * 10^14. */
  PARSE_OK ("0.3593", 3593 * (__int128) 100000000000000LL);
  /* int64 extremes as integer parts. */
  PARSE_OK ("9223372036854775807", (__int128) G_MAXINT64 * E18);
  PARSE_OK ("-9223372036854775808", (__int128) G_MININT64 * E18);
  PARSE_OK ("9223372036854775807.999999999999999999", RAW_MAX);
  PARSE_OK ("-9223372036854775808.999999999999999999", RAW_MIN);
}
END_TEST

START_TEST (test_parse_rejected)
{
  /* 19 significant fractional digits. */
  PARSE_BAD ("0.0000000000000000001");
  PARSE_BAD ("-0.0000000000000000001");
  PARSE_BAD ("1.0000000000000000001");
  PARSE_BAD ("0.1234567890123456789");
  /* Integer part beyond int64. */
  PARSE_BAD ("9223372036854775808");
  PARSE_BAD ("-9223372036854775809");
  PARSE_BAD ("10000000000000000000");
  PARSE_BAD ("99999999999999999999999999999999999999999999");
  /* Malformed. */
  PARSE_BAD ("");
  PARSE_BAD (".");
  PARSE_BAD ("-");
  PARSE_BAD ("-.");
  PARSE_BAD ("1.");
  PARSE_BAD ("-1.");
  PARSE_BAD ("1e5");
  PARSE_BAD ("1E5");
  PARSE_BAD ("+1");
  PARSE_BAD (" 1");
  PARSE_BAD ("1 ");
  PARSE_BAD ("abc");
  PARSE_BAD ("--1");
  PARSE_BAD ("1.2.3");
  PARSE_BAD ("1,5");
  PARSE_BAD ("0x10");
  PARSE_BAD ("nan");
  PARSE_BAD ("inf");
}
END_TEST

/* ---- MulInt64 + TruncateInt64 ----------------------------------------------- */

static void
mul_trunc (PocsimDec d, gint64 n, gboolean want_ok, gint64 want, int line)
{
  gint64 got = 12345;
  gboolean ok = pocsim_dec_mul_int64_trunc (d, n, &got);
  ck_assert_msg (ok == want_ok, "line %d: ok=%d, want %d", line, ok, want_ok);
  if (want_ok)
    ck_assert_msg (got == want, "line %d: got %" G_GINT64_FORMAT ", want %" G_GINT64_FORMAT,
                   line, got, want);
}
#define MUL_TRUNC(d, n, want) mul_trunc ((d), (n), TRUE, (want), __LINE__)
#define MUL_TRUNC_FAILS(d, n) mul_trunc ((d), (n), FALSE, 0, __LINE__)

START_TEST (test_mul_int64_trunc)
{
  PocsimDec p015 = raw (15 * (__int128) 10000000000000000LL); /* 0.15 */
  PocsimDec p3593 = raw (3593 * (__int128) 100000000000000LL); /* 0.3593 */
  /* 0.15 * 1000 = 150 exactly. */
  MUL_TRUNC (p015, 1000, 150);
  /* 0.3593 * 1000 = 359.3 -> 359. */
  MUL_TRUNC (p3593, 1000, 359);
  /* Toward zero for negatives: 0.3593 * -1000 = -359.3 -> -359;
   * -0.3593 * 1000 -> -359; 0.3593 * -7 = -2.5151 -> -2. */
  MUL_TRUNC (p3593, -1000, -359);
  MUL_TRUNC (raw (-p3593.i), 1000, -359);
  MUL_TRUNC (p3593, -7, -2);
  /* 0.999999999999999999 * 1 -> 0 and its negative -> 0 (not -1). */
  MUL_TRUNC (raw (E18 - 1), 1, 0);
  MUL_TRUNC (raw (-(E18 - 1)), 1, 0);
  /* 1.2620856201975851 * 6400: 1.2620856201975851 * 64 = 75.725137211855106
   * + 5.0483424807903404 = 80.7734796926454464; * 100 = 8077.34796926454464
   * -> 8077. */
  MUL_TRUNC (raw ((__int128) 12620856201975851LL * 100), 6400, 8077);
  /* Exact products, no rounding: 10^-18 * 999999999999999999 = 0.999... -> 0;
   * 10^-18 * 10^18 = 1. */
  MUL_TRUNC (raw (1), 999999999999999999LL, 0);
  MUL_TRUNC (raw (1), 1000000000000000000LL, 1);
  /* n = 0 gives 0. */
  MUL_TRUNC (p3593, 0, 0);
  /* int64 edges inside __int128: 1 * max = max, 1 * min = min,
   * max * 1, min * 1; max * 2 and min * -1 leave int64. */
  MUL_TRUNC (pocsim_dec_one (), G_MAXINT64, G_MAXINT64);
  MUL_TRUNC (pocsim_dec_one (), G_MININT64, G_MININT64);
  MUL_TRUNC (pocsim_dec_from_int64 (G_MAXINT64), 1, G_MAXINT64);
  MUL_TRUNC (pocsim_dec_from_int64 (G_MININT64), 1, G_MININT64);
  MUL_TRUNC_FAILS (pocsim_dec_from_int64 (G_MAXINT64), 2);
  MUL_TRUNC_FAILS (pocsim_dec_from_int64 (G_MININT64), -1);
  /* 0.5 * max = 4611686018427387903.5 -> 4611686018427387903. */
  MUL_TRUNC (raw (5 * E17), G_MAXINT64, 4611686018427387903LL);
  /* Beyond __int128 (the GMP path): 9e18 has i = 9e36, times 9e18 is 8.1e55
   * > 1.7e38; the truncated result 8.1e37 leaves int64 -> FALSE.  Same with
   * either sign. */
  MUL_TRUNC_FAILS (pocsim_dec_from_int64 (9000000000000000000LL), 9000000000000000000LL);
  MUL_TRUNC_FAILS (pocsim_dec_from_int64 (-9000000000000000000LL), 9000000000000000000LL);
  MUL_TRUNC_FAILS (pocsim_dec_from_int64 (9000000000000000000LL), G_MININT64);
  MUL_TRUNC_FAILS (raw (RAW_MAX), G_MAXINT64);
  MUL_TRUNC_FAILS (raw (RAW_MIN), G_MAXINT64);
}
END_TEST

START_TEST (test_trunc)
{
  gint64 got = 0;
  /* 2.5 -> 2; -2.5 -> -2 (toward zero); 0.999999999999999999 -> 0. */
  ck_assert (pocsim_dec_trunc (raw (25 * E17), &got) && got == 2);
  ck_assert (pocsim_dec_trunc (raw (-25 * E17), &got) && got == -2);
  ck_assert (pocsim_dec_trunc (raw (E18 - 1), &got) && got == 0);
  ck_assert (pocsim_dec_trunc (raw (-(E18 - 1)), &got) && got == 0);
  /* The representable extremes truncate to the int64 extremes. */
  ck_assert (pocsim_dec_trunc (raw (RAW_MAX), &got) && got == G_MAXINT64);
  ck_assert (pocsim_dec_trunc (raw (RAW_MIN), &got) && got == G_MININT64);
  /* (max + 1) * 10^18 is outside int64. */
  ck_assert (!pocsim_dec_trunc (raw (((__int128) G_MAXINT64 + 1) * E18), &got));
  ck_assert (!pocsim_dec_trunc (raw (((__int128) G_MININT64 - 1) * E18), &got));
}
END_TEST

/* ---- Quo ------------------------------------------------------------------ */

static void
quo_expect (PocsimDec a, PocsimDec b, __int128 want, int line)
{
  PocsimDec got = raw (-12345);
  char g[64], w[64];
  ck_assert_msg (pocsim_dec_quo (a, b, &got), "line %d: quo failed", line);
  ck_assert_msg (got.i == want, "line %d: quo: got i=%s, want i=%s", line, i128_str (got.i, g),
                 i128_str (want, w));
}

static void
quo_int_expect (gint64 x, gint64 y, __int128 want, int line)
{
  PocsimDec got = raw (-12345);
  char g[64], w[64];
  ck_assert_msg (pocsim_dec_quo_int (x, y, &got), "line %d: quo_int failed", line);
  ck_assert_msg (got.i == want, "line %d: quo_int(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                 "): got i=%s, want i=%s", line, x, y, i128_str (got.i, g), i128_str (want, w));
}
#define QUO(a, b, want) quo_expect ((a), (b), (want), __LINE__)
#define QUO_INT(x, y, want) quo_int_expect ((x), (y), (want), __LINE__)

START_TEST (test_quo_thirds_sevenths)
{
  /* 2/3: X = floor(2e36/3) = 666...666 (36 sixes); q = 666666666666666666,
   * r = 666666666666666666 > 5e17 -> q+1: 0.666666666666666667. */
  QUO_INT (2, 3, 666666666666666667LL);
  /* 1/3: q = r = 333333333333333333 < 5e17 -> 0.333333333333333333. */
  QUO_INT (1, 3, 333333333333333333LL);
  /* Signs: the magnitude is rounded, then the sign restored. */
  QUO_INT (-2, 3, -666666666666666667LL);
  QUO_INT (2, -3, -666666666666666667LL);
  QUO_INT (-2, -3, 666666666666666667LL);
  QUO_INT (-1, 3, -333333333333333333LL);
  /* 1/7 = 0.142857 142857 142857 | 142857...: r starts 1 -> down:
   * 0.142857142857142857.  6/7 = 0.857142 857142 857142 | 857...: up:
   * 0.857142857142857143. */
  QUO_INT (1, 7, 142857142857142857LL);
  QUO_INT (6, 7, 857142857142857143LL);
  /* 10/4 = 2.5 exactly; 7/1 = 7. */
  QUO_INT (10, 4, 25 * E17);
  QUO_INT (7, 1, 7 * E18);
  QUO_INT (0, 5, 0);
}
END_TEST

START_TEST (test_quo_cap_over_raw)
{
  /* 662619 / 75637 (a cap/raw pair above 1), long division:
   *   662619 = 8 * 75637 + 57523
   *   remainders r*10 -> digit, new r:
   *    575230 7 45771 | 457710 6 3888  | 38880  0 38880 | 388800 5 10615
   *    106150 1 30513 | 305130 4 2582  | 25820  0 25820 | 258200 3 31289
   *    312890 4 10342 | 103420 1 27783 | 277830 3 50919 | 509190 6 55368
   *    553680 7 24221 | 242210 3 15299 | 152990 2 1716  | 17160  0 17160
   *    171600 2 20326 | 203260 2 51986 | 519860 6 ...
   *   = 8.760514034136732022 | 6...  -> the 19th digit 6 rounds up:
   *   8.760514034136732023. */
  QUO_INT (662619, 75637, 8760514034136732023LL);
  /* 75637 / 662619 (the usual scale = cap/raw below 1):
   *    756370 1 93751  | 937510 1 274891 | 2748910 4 98434 | 984340 1 321721
   *    3217210 4 566734 | 5667340 8 366388 | 3663880 5 350785 | 3507850 5 194755
   *    1947550 2 622312 | 6223120 9 259549 | 2595490 3 607633 | 6076330 9 112759
   *    1127590 1 464971 | 4649710 7 11377 | 113770 0 113770 | 1137700 1 475081
   *    4750810 7 112477 | 1124770 1 462151 | 4621510 6 ...
   *   = 0.114148552939170171 | 6... -> up: 0.114148552939170172. */
  QUO_INT (75637, 662619, 114148552939170172LL);
}
END_TEST

START_TEST (test_quo_ties)
{
  /* Exact ties: x / (2 * 10^18) = x * 5 * 10^-19.
   * 1/2e18: X = 10^36 / (2 * 10^18) = 5 * 10^17 -> q = 0, r = 5e17, q even
   * -> 0. */
  QUO_INT (1, 2000000000000000000LL, 0);
  /* 3/2e18: X = 1.5 * 10^18 -> q = 1 (odd), r = 5e17 -> 2. */
  QUO_INT (3, 2000000000000000000LL, 2);
  /* 5/2e18: X = 2.5 * 10^18 -> q = 2 (even) -> 2. */
  QUO_INT (5, 2000000000000000000LL, 2);
  /* 7/2e18: X = 3.5 * 10^18 -> q = 3 (odd) -> 4. */
  QUO_INT (7, 2000000000000000000LL, 4);
  /* Negative ties round the magnitude: -1.5e-18 -> -2, -2.5e-18 -> -2,
   * -0.5e-18 -> 0. */
  QUO_INT (-3, 2000000000000000000LL, -2);
  QUO_INT (5, -2000000000000000000LL, -2);
  QUO_INT (-1, 2000000000000000000LL, 0);

  /* Ties with a larger kept part, decimals / 2:
   * 1.000000000000000001 / 2: X = (10^18 + 1) * 10^36 / (2 * 10^18)
   *   = (10^18 + 1) * 5 * 10^17 = 5 * 10^35 + 5 * 10^17
   *   -> q = 5 * 10^17 (even), r = 5e17 -> 0.500000000000000000. */
  PocsimDec two = pocsim_dec_from_int64 (2);
  QUO (raw (E18 + 1), two, 5 * E17);
  /* 1.000000000000000003 / 2: X = (10^18 + 3) * 5 * 10^17
   *   = 5 * 10^35 + 15 * 10^17 = 5 * 10^35 + 10^18 + 5 * 10^17
   *   -> q = 5 * 10^17 + 1 (odd), r = 5e17 -> q + 1: 0.500000000000000002. */
  QUO (raw (E18 + 3), two, 5 * E17 + 2);
  /* The same with signs. */
  QUO (raw (-(E18 + 3)), two, -(5 * E17 + 2));
  QUO (raw (E18 + 3), pocsim_dec_from_int64 (-2), -(5 * E17 + 2));
  QUO (raw (-(E18 + 1)), two, -5 * E17);

  /* Truncation happens before the rounding (big.Int Quo, then chop): a value
   * just above a tie is cut back to the tie and rounded to even.
   * 1 / (2 * 10^18 - 3): 5 * 10^17 * (2 * 10^18 - 3) = 10^36 - 1.5 * 10^18,
   * remainder 1.5 * 10^18 < divisor, so X = 5 * 10^17 exactly -> q = 0,
   * r = 5e17, even -> 0 (although the true value 5.0000000000000000075e-19
   * is above half a step). */
  QUO_INT (1, 1999999999999999997LL, 0);
  /* 3 / (2 * 10^18 - 1): 1.5 * 10^18 * (2 * 10^18 - 1) = 3 * 10^36 - 1.5 * 10^18,
   * remainder 1.5 * 10^18 < divisor -> X = 1.5 * 10^18 -> q = 1 odd -> 2. */
  QUO_INT (3, 1999999999999999999LL, 2);
}
END_TEST

START_TEST (test_quo_range)
{
  PocsimDec out;
  /* 1 / 10^-18 = 10^18 -> i = 10^36: fits (integer part 10^18 < max). */
  QUO (pocsim_dec_one (), raw (1), E36);
  /* 10 / 10^-18 = 10^19 -> integer part beyond int64 -> FALSE. */
  ck_assert (!pocsim_dec_quo (pocsim_dec_from_int64 (10), raw (1), &out));
  /* max / 0.5 = 2 * max -> FALSE; max / 1 = max; the extreme / -1. */
  ck_assert (!pocsim_dec_quo (pocsim_dec_from_int64 (G_MAXINT64), raw (5 * E17), &out));
  QUO (raw (RAW_MAX), pocsim_dec_one (), RAW_MAX);
  QUO (raw (RAW_MAX), raw (-E18), -RAW_MAX);
  /* 10^-18 / 10^18 = 10^-36 -> X = 1 * 10^36 / 10^36 = 1 -> q = 0, r = 1
   * -> 0. */
  QUO (raw (1), pocsim_dec_from_int64 (1000000000000000000LL), 0);
}
END_TEST

/* Independent reference for the property tests: R() on an __int128. */
static __int128
ref_round (__int128 x)
{
  gboolean neg = x < 0;
  __int128 u = neg ? -x : x;
  __int128 q = u / E18, r = u % E18;
  if (r > E18 / 2 || (r == E18 / 2 && (q & 1) != 0))
    q++;
  return neg ? -q : q;
}

START_TEST (test_quo_int_property)
{
  /* For small a, b: X = trunc(a * 10^36 / b) fits __int128 (|a| * 10^36 <=
   * 5 * 10^37 < 1.7 * 10^38); C division truncates toward zero like
   * big.Int.Quo; then R(X). */
  for (gint64 a = -50; a <= 50; a++)
    for (gint64 b = -50; b <= 50; b++)
      {
        if (b == 0)
          continue;
        __int128 x = (__int128) a * E36 / b;
        PocsimDec got;
        char g[64], w[64];
        ck_assert_msg (pocsim_dec_quo_int (a, b, &got), "quo_int(%" G_GINT64_FORMAT ", %"
                       G_GINT64_FORMAT ") failed", a, b);
        ck_assert_msg (got.i == ref_round (x), "quo_int(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                       "): got i=%s, want i=%s", a, b, i128_str (got.i, g),
                       i128_str (ref_round (x), w));
      }
}
END_TEST

START_TEST (test_quo_raw_property)
{
  /* Tiny dividends (|a_i| <= 150, so a_i * 10^36 fits) over divisors from
   * 10^-18 to about 2: X = trunc(a_i * 10^36 / b_i), then R(X). */
  static const gint64 divisors[] = {
    1, 2, 3, 7, 9, 10, 11, 1000, 999999999999999999LL, 1000000000000000000LL,
    1000000000000000001LL, 1999999999999999997LL, 2000000000000000000LL,
    300000000000000000LL, 333333333333333333LL,
  };
  for (gint64 a = -150; a <= 150; a++)
    for (gsize k = 0; k < G_N_ELEMENTS (divisors); k++)
      for (int sign = -1; sign <= 1; sign += 2)
        {
          __int128 b = (__int128) sign * divisors[k];
          __int128 x = (__int128) a * E36 / b;
          PocsimDec got;
          char g[64], w[64], bs[64];
          ck_assert (pocsim_dec_quo (raw (a), raw (b), &got));
          ck_assert_msg (got.i == ref_round (x), "quo(i=%" G_GINT64_FORMAT ", i=%s): got i=%s, want i=%s",
                         a, i128_str (b, bs), i128_str (got.i, g), i128_str (ref_round (x), w));
        }
}
END_TEST

/* ---- Mul ------------------------------------------------------------------ */

static void
mul_expect (PocsimDec a, PocsimDec b, __int128 want, int line)
{
  PocsimDec got = raw (-12345);
  char g[64], w[64];
  ck_assert_msg (pocsim_dec_mul (a, b, &got), "line %d: mul failed", line);
  ck_assert_msg (got.i == want, "line %d: mul: got i=%s, want i=%s", line, i128_str (got.i, g),
                 i128_str (want, w));
}
#define MUL(a, b, want) mul_expect ((a), (b), (want), __LINE__)

START_TEST (test_mul)
{
  PocsimDec tiny = raw (1); /* 0.000000000000000001 */
  /* 0.5 * 10^-18: a_i * b_i = 5 * 10^17 -> q = 0, r = 5e17, even -> 0. */
  MUL (raw (5 * E17), tiny, 0);
  /* 1.5 * 10^-18: 1.5 * 10^18 -> q = 1 odd -> 2. */
  MUL (raw (15 * E17), tiny, 2);
  /* 2.5 * 10^-18: q = 2 even -> 2;  3.5 * 10^-18: q = 3 odd -> 4. */
  MUL (raw (25 * E17), tiny, 2);
  MUL (raw (35 * E17), tiny, 4);
  /* Negative ties: -0.5e-18 -> 0, -1.5e-18 -> -2, -2.5e-18 -> -2. */
  MUL (raw (-5 * E17), tiny, 0);
  MUL (raw (15 * E17), raw (-1), -2);
  MUL (raw (-25 * E17), tiny, -2);
  /* Just off the tie: 0.500000000000000001 * 10^-18 -> r = 5e17 + 1 -> 1;
   * 0.499999999999999999 * 10^-18 -> r < 5e17 -> 0. */
  MUL (raw (5 * E17 + 1), tiny, 1);
  MUL (raw (5 * E17 - 1), tiny, 0);
  /* 0.15 * 0.3593 = 0.053895 exactly: 15e16 * 3593e14 = 53895e30 -> q =
   * 53895e12, r = 0. */
  MUL (raw (15 * (__int128) 10000000000000000LL), raw (3593 * (__int128) 100000000000000LL),
       53895 * (__int128) 1000000000000LL);
  /* 0.333333333333333333^2: 333333333333333333^2 = (10^18 - 1)^2 / 9
   * = (10^36 - 1)/9 - 2 * (10^18 - 1)/9
   * = 111111111111111111 111111111111111111 - 222222222222222222
   * = 111111111111111110 888888888888888889 -> r > 5e17 -> 0.111111111111111111. */
  MUL (raw (333333333333333333LL), raw (333333333333333333LL), 111111111111111111LL);
  /* 0.333333333333333333 * 3 = 0.999999999999999999 exactly. */
  MUL (raw (333333333333333333LL), pocsim_dec_from_int64 (3), E18 - 1);
  /* 1 * x = x, 0 * x = 0. */
  MUL (pocsim_dec_one (), raw (RAW_MAX), RAW_MAX);
  MUL (pocsim_dec_zero (), raw (RAW_MIN), 0);
  /* 3e9 * 3e9 = 9e18 <= max -> fits; 4e9 * 4e9 = 1.6e19 -> FALSE. */
  MUL (pocsim_dec_from_int64 (3000000000LL), pocsim_dec_from_int64 (3000000000LL),
       (__int128) 9000000000000000000LL * E18);
  PocsimDec out;
  ck_assert (!pocsim_dec_mul (pocsim_dec_from_int64 (4000000000LL),
                              pocsim_dec_from_int64 (4000000000LL), &out));
  ck_assert (!pocsim_dec_mul (raw (RAW_MAX), pocsim_dec_from_int64 (2), &out));
  ck_assert (!pocsim_dec_mul (raw (RAW_MIN), raw (RAW_MIN), &out));
}
END_TEST

START_TEST (test_mul_property)
{
  /* a_i = k * 5e17 + m (halves, and one step either side), b_i = j * 1e17 + n:
   * |a_i * b_i| <= ~3e18 * 3e18 fits __int128; the reference is R(a_i * b_i).
   * With b_i = n alone (j = 0) the products k * n * 5e17 hit exact ties. */
  for (int k = -6; k <= 6; k++)
    for (int m = -1; m <= 1; m++)
      for (int j = -30; j <= 30; j++)
        for (int n = -3; n <= 3; n++)
          {
            __int128 a = k * 5 * E17 + m, b = j * E17 + n;
            PocsimDec got;
            char g[64], w[64];
            ck_assert (pocsim_dec_mul (raw (a), raw (b), &got));
            ck_assert_msg (got.i == ref_round (a * b), "mul(k=%d m=%d j=%d n=%d): got i=%s, want i=%s",
                           k, m, j, n, i128_str (got.i, g), i128_str (ref_round (a * b), w));
          }
}
END_TEST

/* ---- wide operands against GMP ------------------------------------------ */

/* The fast paths divide 128-bit values by 10^18 word by word; these
 * operands fill both words.  The references compute the definitions with
 * GMP: R(a * b), R(trunc(a * 10^36 / b)) and trunc(d * n / 10^18). */

static void
mpz_from_i128 (mpz_t z, __int128 v)
{
  unsigned __int128 u = v < 0 ? -(unsigned __int128) v : (unsigned __int128) v;
  mpz_set_ui (z, (unsigned long) (u >> 64));
  mpz_mul_2exp (z, z, 64);
  mpz_add_ui (z, z, (unsigned long) (guint64) u);
  if (v < 0)
    mpz_neg (z, z);
}

/* R(z) into *out; FALSE when the result leaves the representable range. */
static gboolean
mpz_round_to (mpz_t z, __int128 *out)
{
  mpz_t q, r, e18;
  mpz_inits (q, r, e18, NULL);
  mpz_ui_pow_ui (e18, 10, 18);
  int neg = mpz_sgn (z) < 0;
  mpz_abs (z, z);
  mpz_tdiv_qr (q, r, z, e18);
  mpz_mul_2exp (r, r, 1);
  int c = mpz_cmp (r, e18);
  if (c > 0 || (c == 0 && mpz_odd_p (q)))
    mpz_add_ui (q, q, 1);
  if (neg)
    mpz_neg (q, q);
  mpz_t lim;
  mpz_init (lim);
  mpz_from_i128 (lim, RAW_MAX);
  gboolean ok = mpz_cmpabs (q, lim) <= 0;
  if (ok)
    {
      mpz_t hi;
      mpz_init (hi);
      mpz_abs (lim, q);
      mpz_tdiv_q_2exp (hi, lim, 64);
      unsigned __int128 u = ((unsigned __int128) mpz_get_ui (hi) << 64) | (guint64) mpz_get_ui (lim);
      *out = neg ? -(__int128) u : (__int128) u;
      mpz_clear (hi);
    }
  mpz_clears (q, r, e18, lim, NULL);
  return ok;
}

/* A magnitude of up to BITS bits with a random sign. */
static __int128
wide (GRand *g, int bits)
{
  unsigned __int128 u = ((unsigned __int128) g_rand_int (g) << 96) | ((unsigned __int128) g_rand_int (g) << 64)
                        | ((unsigned __int128) g_rand_int (g) << 32) | g_rand_int (g);
  u >>= 128 - g_rand_int_range (g, 1, bits + 1);
  if (u > (unsigned __int128) RAW_MAX)
    u = (unsigned __int128) RAW_MAX;
  return g_rand_boolean (g) ? -(__int128) u : (__int128) u;
}

START_TEST (test_wide_against_gmp)
{
  g_autoptr (GRand) g = g_rand_new_with_seed (20261203);
  mpz_t x, y;
  mpz_inits (x, y, NULL);
  for (int k = 0; k < 20000; k++)
    {
      __int128 a = wide (g, 123), b = wide (g, 70), want;
      char as[64], bs[64], g1[64], w1[64];
      PocsimDec got;
      /* Mul: either order, both words of a in use. */
      mpz_from_i128 (x, a);
      mpz_from_i128 (y, b);
      mpz_mul (x, x, y);
      gboolean fits = mpz_round_to (x, &want);
      ck_assert_msg (pocsim_dec_mul (raw (a), raw (b), &got) == fits && (!fits || got.i == want),
                     "mul(%s, %s): got %s, want %s", i128_str (a, as), i128_str (b, bs), i128_str (got.i, g1),
                     i128_str (want, w1));
      ck_assert (pocsim_dec_mul (raw (b), raw (a), &got) == fits && (!fits || got.i == want));
      /* Quo: a / b when b != 0. */
      if (b != 0)
        {
          mpz_from_i128 (x, a);
          mpz_ui_pow_ui (y, 10, 36);
          mpz_mul (x, x, y);
          mpz_from_i128 (y, b);
          mpz_tdiv_q (x, x, y);
          fits = mpz_round_to (x, &want);
          ck_assert_msg (pocsim_dec_quo (raw (a), raw (b), &got) == fits && (!fits || got.i == want),
                         "quo(%s, %s): got %s, want %s", i128_str (a, as), i128_str (b, bs), i128_str (got.i, g1),
                         i128_str (want, w1));
        }
      /* Trunc and mul_int64_trunc: C's truncating division of the product. */
      gint64 n = (gint64) ((guint64) g_rand_int (g) << 32 | g_rand_int (g)) >> g_rand_int_range (g, 0, 63), t;
      __int128 d = wide (g, 80), p;
      if (!__builtin_mul_overflow (d, (__int128) n, &p))
        {
          __int128 q = p / E18;
          gboolean in = q >= G_MININT64 && q <= G_MAXINT64;
          ck_assert_msg (pocsim_dec_mul_int64_trunc (raw (d), n, &t) == in && (!in || t == (gint64) q),
                         "mul_int64_trunc(%s, %" G_GINT64_FORMAT ")", i128_str (d, as), n);
        }
      __int128 q = a / E18;
      gboolean in = q >= G_MININT64 && q <= G_MAXINT64;
      ck_assert (pocsim_dec_trunc (raw (a), &t) == in && (!in || t == (gint64) q));
      /* To double: the integer and fraction parts, each converted once. */
      ck_assert (pocsim_dec_to_double (raw (a)) == (double) (a / E18) + (double) (a % E18) / 1e18);
    }
  mpz_clears (x, y, NULL);
}
END_TEST

/* ---- comparisons and simple arithmetic ---------------------------------- */

START_TEST (test_compare)
{
  PocsimDec a, b;
  ck_assert (pocsim_dec_parse ("0.15", &a, NULL));
  ck_assert (pocsim_dec_parse ("0.150000000000000000", &b, NULL));
  ck_assert_int_eq (pocsim_dec_cmp (a, b), 0);
  ck_assert_int_eq (pocsim_dec_cmp (raw (1), raw (0)), 1);
  ck_assert_int_eq (pocsim_dec_cmp (raw (0), raw (1)), -1);
  ck_assert_int_eq (pocsim_dec_cmp (raw (-1), raw (1)), -1);
  ck_assert_int_eq (pocsim_dec_cmp (raw (RAW_MAX), raw (RAW_MIN)), 1);
  ck_assert_int_eq (pocsim_dec_cmp (raw (RAW_MAX - 1), raw (RAW_MAX)), -1);
  ck_assert (pocsim_dec_is_zero (pocsim_dec_zero ()));
  ck_assert (!pocsim_dec_is_zero (raw (1)));
  ck_assert (pocsim_dec_is_positive (raw (1)));
  ck_assert (!pocsim_dec_is_positive (raw (0)));
  ck_assert (!pocsim_dec_is_positive (raw (-1)));
  /* one = 10^18; from_int64(-3) = -3 * 10^18. */
  EXPECT_RAW (pocsim_dec_one (), E18);
  EXPECT_RAW (pocsim_dec_from_int64 (-3), -3 * E18);
  EXPECT_RAW (pocsim_dec_from_int64 (G_MININT64), (__int128) G_MININT64 * E18);
  /* 0.15 + 0.3593 = 0.5093; 0.15 - 0.3593 = -0.2093. */
  PocsimDec c = raw (3593 * (__int128) 100000000000000LL);
  EXPECT_RAW (pocsim_dec_add (a, c), 5093 * (__int128) 100000000000000LL);
  EXPECT_RAW (pocsim_dec_sub (a, c), -2093 * (__int128) 100000000000000LL);
  EXPECT_RAW (pocsim_dec_min (a, c), a.i);
  EXPECT_RAW (pocsim_dec_min (c, a), a.i);
  EXPECT_RAW (pocsim_dec_min (raw (-1), raw (0)), -1);
}
END_TEST

/* ---- formatting ---------------------------------------------------------- */

static void
format_expect (PocsimDec d, const char *want, int line)
{
  char buf[POCSIM_DEC_FORMAT_SIZE];
  const char *got = pocsim_dec_format (d, buf);
  ck_assert_msg (got == buf, "line %d: format did not return buf", line);
  ck_assert_msg (strcmp (got, want) == 0, "line %d: got \"%s\", want \"%s\"", line, got, want);
  /* What is printed reads back to the same value. */
  PocsimDec back;
  ck_assert_msg (pocsim_dec_parse (got, &back, NULL) && back.i == d.i,
                 "line %d: \"%s\" does not read back", line, got);
}
#define FORMAT(d, want) format_expect ((d), (want), __LINE__)

START_TEST (test_format)
{
  FORMAT (pocsim_dec_zero (), "0.000000000000000000");
  FORMAT (pocsim_dec_one (), "1.000000000000000000");
  FORMAT (raw (15 * (__int128) 10000000000000000LL), "0.150000000000000000");
  FORMAT (raw (-5 * E17), "-0.500000000000000000");
  FORMAT (raw (-125 * E17), "-12.500000000000000000");
  FORMAT (raw (1), "0.000000000000000001");
  FORMAT (raw (-1), "-0.000000000000000001");
  FORMAT (raw (666666666666666667LL), "0.666666666666666667");
  FORMAT (raw (8760514034136732023LL), "8.760514034136732023");
  /* {12620856201975851,-16} -> i = 1262085620197585100. */
  FORMAT (raw ((__int128) 12620856201975851LL * 100), "1.262085620197585100");
  FORMAT (pocsim_dec_from_int64 (G_MAXINT64), "9223372036854775807.000000000000000000");
  FORMAT (pocsim_dec_from_int64 (G_MININT64), "-9223372036854775808.000000000000000000");
  FORMAT (raw (RAW_MAX), "9223372036854775807.999999999999999999");
  FORMAT (raw (RAW_MIN), "-9223372036854775808.999999999999999999");
  FORMAT (pocsim_dec_from_int64 (1000000), "1000000.000000000000000000");
  /* Random values against printf's digits (the formatting is by hand). */
  GRand *rng = g_rand_new_with_seed (18);
  for (guint k = 0; k < 100000; k++)
    {
      guint64 hi = ((guint64) g_rand_int (rng) << 32 | g_rand_int (rng)) >> g_rand_int_range (rng, 1, 64);
      guint64 lo = (guint64) g_rand_int (rng) << 32 | g_rand_int (rng);
      __int128 i = ((__int128) hi * 1000000000000000000LL + (__int128) (lo % 1000000000000000000ULL))
                   * (g_rand_boolean (rng) ? 1 : -1);
      unsigned __int128 u = i < 0 ? -(unsigned __int128) i : (unsigned __int128) i;
      char want[POCSIM_DEC_FORMAT_SIZE];
      g_snprintf (want, sizeof want, "%s%" G_GUINT64_FORMAT ".%018" G_GUINT64_FORMAT, i < 0 ? "-" : "",
                  (guint64) (u / 1000000000000000000ULL), (guint64) (u % 1000000000000000000ULL));
      FORMAT (raw (i), want);
    }
  g_rand_free (rng);
}
END_TEST

START_TEST (test_to_double)
{
  /* Statistics only; values that are exact in binary come out exact. */
  ck_assert (pocsim_dec_to_double (raw (5 * E17)) == 0.5);
  ck_assert (pocsim_dec_to_double (raw (-25 * E17)) == -2.5);
  ck_assert (pocsim_dec_to_double (pocsim_dec_zero ()) == 0.0);
}
END_TEST

/* ---- suite ---------------------------------------------------------------- */

static Suite *
decimal_suite (void)
{
  Suite *s = suite_create ("decimal");
  TCase *tc;

  tc = tcase_create ("parts");
  tcase_add_test (tc, test_parts_fractions);
  tcase_add_test (tc, test_parts_stripping);
  tcase_add_test (tc, test_parts_positive_exponents);
  tcase_add_test (tc, test_parts_int64_extremes);
  suite_add_tcase (s, tc);

  tc = tcase_create ("strings");
  tcase_add_test (tc, test_parse_valid);
  tcase_add_test (tc, test_parse_rejected);
  suite_add_tcase (s, tc);

  tc = tcase_create ("mul_int64_trunc");
  tcase_add_test (tc, test_mul_int64_trunc);
  tcase_add_test (tc, test_trunc);
  suite_add_tcase (s, tc);

  tc = tcase_create ("quo");
  tcase_add_test (tc, test_quo_thirds_sevenths);
  tcase_add_test (tc, test_quo_cap_over_raw);
  tcase_add_test (tc, test_quo_ties);
  tcase_add_test (tc, test_quo_range);
  suite_add_tcase (s, tc);

  tc = tcase_create ("quo_property");
  tcase_add_test (tc, test_quo_int_property);
  tcase_add_test (tc, test_quo_raw_property);
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);

  tc = tcase_create ("mul");
  tcase_add_test (tc, test_mul);
  tcase_add_test (tc, test_mul_property);
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);

  tc = tcase_create ("compare");
  tcase_add_test (tc, test_wide_against_gmp);
  tcase_add_test (tc, test_compare);
  suite_add_tcase (s, tc);

  tc = tcase_create ("format");
  tcase_add_test (tc, test_format);
  tcase_add_test (tc, test_to_double);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (decimal_suite ());
  srunner_run_all (sr, CK_ENV);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
