#include "reward.h"

#include <string.h>

gboolean
pocsim_reward_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error)
{
  memcpy (r->reward_weight, r->final, c->n_addrs * sizeof (gint64));
  return TRUE;
}
