/* int_sort.c - sorting the integer weights of a formation. */
#include "core/int_sort.h"

#include <string.h>

/* An LSD radix sort (11-bit digits; digits shared by every key are
 * skipped), or a Shell sort (Ciura's gaps) for short inputs. */
void
pocsim_sort_i64 (gint64 *v, guint n)
{
  if (n < 2)
    return;
  /* A few dozen keys: the digit passes would cost more than the keys, and
   * an insertion sort's n²/4 moves more than the gapped passes. */
  if (n < 64)
    {
      static const guint gaps[] = { 23, 10, 4, 1 };
      for (gsize g = 0; g < G_N_ELEMENTS (gaps); g++)
        for (guint i = gaps[g]; i < n; i++)
          {
            gint64 x = v[i];
            guint j = i;
            for (; j >= gaps[g] && v[j - gaps[g]] > x; j -= gaps[g])
              v[j] = v[j - gaps[g]];
            v[j] = x;
          }
      return;
    }
  guint64 *keys = (guint64 *) v, *tmp = g_new (guint64, n), *src = keys, *dst = tmp;
  for (guint i = 0; i < n; i++)
    keys[i] ^= G_GUINT64_CONSTANT (1) << 63;
  for (guint shift = 0; shift < 64; shift += 11)
    {
      guint count[2048] = { 0 };
      for (guint i = 0; i < n; i++)
        count[(src[i] >> shift) & 2047]++;
      if (count[(src[0] >> shift) & 2047] == n)
        continue;
      guint sum = 0;
      for (guint d = 0; d < 2048; d++)
        {
          guint c = count[d];
          count[d] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        dst[count[(src[i] >> shift) & 2047]++] = src[i];
      guint64 *t = src;
      src = dst;
      dst = t;
    }
  if (src != keys)
    memcpy (keys, src, n * sizeof *keys);
  for (guint i = 0; i < n; i++)
    keys[i] ^= G_GUINT64_CONSTANT (1) << 63;
  g_free (tmp);
}

