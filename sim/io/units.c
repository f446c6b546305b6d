/* units.c - amounts and ratios as every report prints them (units.h). */
#include "io/units.h"

#include <string.h>

/* |v| without overflow for G_MININT64. */
static guint64
magnitude (gint64 v)
{
  return v < 0 ? (guint64) 0 - (guint64) v : (guint64) v;
}

char *
pocsim_gnk_format (gint64 ngonka, char buf[POCSIM_UNITS_SIZE])
{
  guint64 m = magnitude (ngonka);
  g_snprintf (buf, POCSIM_UNITS_SIZE, "%s%" G_GUINT64_FORMAT ".%09" G_GUINT64_FORMAT, ngonka < 0 ? "-" : "",
              m / (guint64) POCSIM_NGONKA_PER_GNK, m % (guint64) POCSIM_NGONKA_PER_GNK);
  return buf;
}

/* trunc(|part| * 10^digits / |whole|) as an integer, in __int128: |part| <
 * 2^63 and 10^18 < 2^60 keep the product below 2^123. */
static unsigned __int128
scaled_ratio (gint64 part, gint64 whole, guint digits)
{
  unsigned __int128 scale = 1;
  for (guint k = 0; k < digits; k++)
    scale *= 10;
  return (unsigned __int128) magnitude (part) * scale / magnitude (whole);
}

/* An unsigned __int128 below 10^38 as "INT.FRAC" with DIGITS fraction digits. */
static void
fixed_point (unsigned __int128 v, guint digits, const char *sign, const char *suffix, char buf[POCSIM_UNITS_SIZE])
{
  char rev[48];
  guint n = 0;
  do
    {
      rev[n++] = (char) ('0' + (int) (v % 10));
      v /= 10;
    }
  while (v > 0 || n <= digits);
  gsize o = g_strlcpy (buf, sign, POCSIM_UNITS_SIZE);
  while (n > 0)
    {
      if (n == digits && digits > 0)
        buf[o++] = '.';
      buf[o++] = rev[--n];
    }
  buf[o] = '\0';
  g_strlcat (buf, suffix, POCSIM_UNITS_SIZE);
}

char *
pocsim_share_format (gint64 part, gint64 whole, char buf[POCSIM_UNITS_SIZE])
{
  unsigned __int128 v = whole > 0 ? scaled_ratio (part, whole, 18) : 0;
  fixed_point (v, 18, part < 0 && v > 0 ? "-" : "", "", buf);
  return buf;
}

char *
pocsim_percent_format (gint64 part, gint64 whole, guint decimals, char buf[POCSIM_UNITS_SIZE])
{
  if (whole == 0)
    {
      buf[0] = '\0';
      return buf;
    }
  decimals = MIN (decimals, 6);
  unsigned __int128 v = scaled_ratio (part, whole, decimals + 2);
  gboolean negative = v > 0 && ((part < 0) != (whole < 0));
  fixed_point (v, decimals, negative ? "-" : "", "%", buf);
  return buf;
}

char *
pocsim_thousands_format (gint64 v, char buf[POCSIM_UNITS_SIZE])
{
  char digits[32];
  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude (v));
  gsize n = strlen (digits), o = 0;
  if (v < 0)
    buf[o++] = '-';
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        buf[o++] = ',';
      buf[o++] = digits[i];
    }
  buf[o] = '\0';
  return buf;
}

char *
pocsim_cap_format (gint64 cap, char buf[POCSIM_UNITS_SIZE])
{
  if (cap < 0)
    g_strlcpy (buf, "none", POCSIM_UNITS_SIZE);
  else
    g_snprintf (buf, POCSIM_UNITS_SIZE, "%" G_GINT64_FORMAT, cap);
  return buf;
}

char *
pocsim_utc_format (gint64 time_us, gboolean readable, char buf[POCSIM_UNITS_SIZE])
{
  /* Floor division: a time before 1970 still names its own second. */
  gint64 seconds = time_us / G_USEC_PER_SEC - (time_us % G_USEC_PER_SEC < 0);
  g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (seconds);
  g_autofree char *text = t ? g_date_time_format (t, readable ? "%Y-%m-%d %H:%M UTC" : "%Y-%m-%dT%H:%M:%SZ") : NULL;
  g_strlcpy (buf, text ? text : "", POCSIM_UNITS_SIZE);
  return buf;
}

char *
pocsim_blocks_left_text (const PocsimChainClock *clock, gint64 h, gboolean *passed)
{
  char n[POCSIM_UNITS_SIZE], utc[POCSIM_UNITS_SIZE];
  gint64 when;
  if (clock == NULL || clock->height < 0)
    return NULL;
  *passed = h < clock->height;
  if (*passed)
    return g_strdup_printf ("passed %s blocks ago", pocsim_thousands_format (clock->height - h, n));
  pocsim_thousands_format (h - clock->height, n);
  if (!pocsim_chain_clock_estimate (clock, h, &when))
    return g_strdup_printf ("in %s blocks", n);
  return g_strdup_printf ("in %s blocks, ~%s", n, pocsim_utc_format (when, TRUE, utc));
}

char *
pocsim_short_address (const char *addr, char buf[POCSIM_UNITS_SIZE])
{
  gsize n = strlen (addr);
  if (n <= 20)
    g_strlcpy (buf, addr, POCSIM_UNITS_SIZE);
  else
    g_snprintf (buf, POCSIM_UNITS_SIZE, "%.12s...%s", addr, addr + n - 4);
  return buf;
}
