/* diff.c - what differs between two formations (diff.h). */
#include "core/diff.h"

void
pocsim_diff_free (PocsimDiff *d)
{
  if (d == NULL)
    return;
  for (guint k = 0; k < d->values->len; k++)
    {
      PocsimDiffValue *v = &g_array_index (d->values, PocsimDiffValue, k);
      g_free (v->ta);
      g_free (v->tb);
    }
  g_array_unref (d->values);
  g_array_unref (d->groups);
  g_array_unref (d->hosts);
  g_free (d);
}
