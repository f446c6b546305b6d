/* acceptance.c - validation voting power and PoC acceptance (rules §5,
 * versions §1f).  Mirrors CV:pocValidated / guardianProtection and
 * calculations/slots.go of the chain; the header states the rules.
 *
 * Where the chain's Go code lets an int64 sum or product wrap silently
 * (vote sums, T·2/3, VP·n), we wrap the same way, through uint64, so that a
 * pathological input still gets the chain's verdict rather than C's
 * undefined behaviour.  None of these can wrap with real chain weights. */
#include "rules/acceptance.h"

#include <string.h>

#include "core/error.h"

void
pocsim_validation_power_free (PocsimValidationPower *v)
{
  if (v == NULL)
    return;
  g_free (v->vp);
  g_free (v->is_key);
  g_free (v);
}

/* ---- bootstrap validation power ---- */

static PocsimValidationPower *
validation_power_new (guint n_addrs)
{
  PocsimValidationPower *v = g_new0 (PocsimValidationPower, 1);
  v->n_addrs = n_addrs;
  v->vp = g_new0 (gint64, n_addrs);
  v->is_key = g_new0 (gboolean, n_addrs);
  return v;
}

PocsimValidationPower *
pocsim_validation_power_bootstrap (guint n_addrs, const gint64 *prev_weight,
                                   const gboolean *committed, const guint32 *boot_delegate,
                                   GError **error)
{
  g_return_val_if_fail (n_addrs == 0 || (prev_weight && committed && boot_delegate), NULL);
  g_autoptr (PocsimValidationPower) v = validation_power_new (n_addrs);

  /* Every committer is a key, a newcomer with W_E = 0 included: a key with
   * 0 power still passes the vote filter (rules §5). */
  for (guint c = 0; c < n_addrs; c++)
    if (committed[c])
      {
        v->is_key[c] = TRUE;
        v->vp[c] = prev_weight[c];
      }

  /* Only a committed target receives, and a delegator that committed itself
   * keeps its own weight (its DIRECT commit wins over its record). */
  for (guint d = 0; d < n_addrs; d++)
    {
      guint32 t = boot_delegate[d];
      if (t >= n_addrs || !committed[t] || committed[d])
        continue;
      if (!pocsim_add_i64 (v->vp[t], prev_weight[d], &v->vp[t]))
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW,
                       "bootstrap validation power of address %u overflows int64", t);
          return NULL;
        }
    }
  return g_steal_pointer (&v);
}

/* ---- int64 arithmetic as Go does it ---- */

static gint64
go_add (gint64 a, gint64 b)
{
  return (gint64) ((guint64) a + (guint64) b);
}

static gint64
go_mul (gint64 a, gint64 b)
{
  return (gint64) ((guint64) a * (guint64) b);
}

gint64
pocsim_sampled_slot_count (gint64 vp_sum, gint64 total, guint32 n)
{
  if (n == 0 || vp_sum <= 0 || total <= 0)
    return 0;
  if (vp_sum >= total)
    return n;
  /* Floor, so a fractional slot becomes an abstention, never extra power. */
  gint64 slots = go_mul (vp_sum, n) / total;
  if (slots <= 0)
    return 0;
  return MIN (slots, (gint64) n);
}

/* ---- thresholds ---- */

/* The v0.2.14 param exists only on chains whose rule set has a default, so
 * under v0.2.13 rules a configured bps is ignored, as the chain ignores it. */
static guint32
threshold_bps (const PocsimAcceptanceInput *in)
{
  if (in->rules->default_vote_threshold_bps == 0)
    return 0;
  return in->vote_threshold_bps ? in->vote_threshold_bps : in->rules->default_vote_threshold_bps;
}

/* passesValidationVoteThreshold: votes·10000 > total·bps with exact
 * 128-bit products, so no T is too large for the test. */
static gboolean
passes_bps (gint64 votes, gint64 total, guint32 bps)
{
  if (votes <= 0 || total <= 0 || bps == 0)
    return FALSE;
  unsigned __int128 lhs = (unsigned __int128) (guint64) votes * 10000u;
  unsigned __int128 rhs = (unsigned __int128) (guint64) total * bps;
  return lhs > rhs;
}

/* votes out of total pass the version's threshold: v0.2.13 "> total·2/3"
 * with Go's left-to-right integer arithmetic ((total·2)/3), or the bps test. */
static gboolean
passes_threshold (const PocsimAcceptanceInput *in, gint64 votes, gint64 total)
{
  guint32 bps = threshold_bps (in);
  if (bps == 0)
    return votes > go_mul (total, 2) / 3;
  return passes_bps (votes, total, bps);
}

/* ---- ballots: the votes, one per validator ---- */

typedef enum {
  BALLOT_NONE = 0,
  BALLOT_VALID,
  BALLOT_INVALID,
} Ballot;

/* ballot[a] for each address; the first vote of a validator is the one that
 * counts.  A vote from an index outside the address table has no address to
 * belong to and is dropped.  *n_raw counts validators that voted. */
static guint8 *
ballots_first_vote_wins (guint n_addrs, const PocsimVote *votes, guint n_votes, guint *n_raw)
{
  guint8 *ballot = g_new0 (guint8, MAX (n_addrs, 1));
  *n_raw = 0;
  for (guint k = 0; k < n_votes; k++)
    {
      guint32 a = votes[k].validator;
      if (a >= n_addrs || ballot[a] != BALLOT_NONE)
        continue;
      ballot[a] = votes[k].validated_weight > 0 ? BALLOT_VALID : BALLOT_INVALID;
      (*n_raw)++;
    }
  return ballot;
}

static guint
count_filtered_ballots (const PocsimValidationPower *power, const guint8 *ballot)
{
  guint n = 0;
  for (guint a = 0; a < power->n_addrs; a++)
    if (power->is_key[a] && ballot[a] != BALLOT_NONE)
      n++;
  return n;
}

static gboolean
power_map_is_empty (const PocsimValidationPower *power)
{
  if (power == NULL)
    return TRUE;
  for (guint a = 0; a < power->n_addrs; a++)
    if (power->is_key[a])
      return FALSE;
  return TRUE;
}

/* ---- tallies ---- */

typedef struct {
  gint64 valid;
  gint64 invalid;
  gint64 total; /* what the threshold is taken of: T, or n slots */
} Tally;

/* Weighted mode: the VP of each filtered voter, against T. */
static Tally
tally_weighted (const PocsimAcceptanceInput *in, const PocsimValidationPower *power,
                const guint8 *ballot)
{
  Tally t = { 0, 0, in->total_weight };
  for (guint a = 0; a < power->n_addrs; a++)
    {
      if (!power->is_key[a])
        continue;
      if (ballot[a] == BALLOT_VALID)
        t.valid = go_add (t.valid, power->vp[a]);
      else if (ballot[a] == BALLOT_INVALID)
        t.invalid = go_add (t.invalid, power->vp[a]);
    }
  return t;
}

/* r_i = BE_uint64(sha256(app_hash ‖ participant ‖ model ‖ decimal(i))[0:8])
 * mod ΣVP: the chain's slotRandomVal. */
static gint64
slot_random (const PocsimAcceptanceInput *in, guint64 slot, gint64 vp_sum)
{
  g_autoptr (GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  char idx[24];
  g_snprintf (idx, sizeof idx, "%" G_GUINT64_FORMAT, slot);
  g_checksum_update (sha, (const guchar *) in->app_hash_hex, -1);
  g_checksum_update (sha, (const guchar *) in->participant, -1);
  g_checksum_update (sha, (const guchar *) in->model_id, -1);
  g_checksum_update (sha, (const guchar *) idx, -1);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_checksum_get_digest (sha, digest, &len);
  guint64 r = 0;
  for (guint k = 0; k < 8; k++)
    r = (r << 8) | digest[k];
  return (gint64) (r % (guint64) vp_sum);
}

/* The address whose cumulative interval holds r: the first entry (in sorted
 * address order, VP > 0 only) with r < cumulative.  The chain sorts the r_i
 * and sweeps the intervals once; looking each r up on its own lands it in the
 * same interval, and the counts do not depend on the order. */
static guint
slot_owner (const guint *owner, const gint64 *cumulative, guint n_entries, gint64 r)
{
  guint lo = 0, hi = n_entries - 1;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (r < cumulative[mid])
        hi = mid;
      else
        lo = mid + 1;
    }
  return owner[lo];
}

/* Slot mode: S sampled slots, each counting its owner's ballot once (an
 * owner drawn twice counts twice), against all n slots: the unsampled
 * n − S slots are abstentions. */
static Tally
tally_slots (const PocsimAcceptanceInput *in, const PocsimValidationPower *power,
             const guint8 *ballot)
{
  Tally t = { 0, 0, in->validation_slots };
  g_autofree guint *owner = g_new (guint, MAX (power->n_addrs, 1));
  g_autofree gint64 *cumulative = g_new (gint64, MAX (power->n_addrs, 1));
  guint n_entries = 0;
  gint64 vp_sum = 0;
  for (guint a = 0; a < power->n_addrs; a++)
    {
      if (!power->is_key[a] || power->vp[a] <= 0)
        continue;
      vp_sum = go_add (vp_sum, power->vp[a]);
      owner[n_entries] = a;
      cumulative[n_entries++] = vp_sum;
    }

  gint64 sampled = pocsim_sampled_slot_count (vp_sum, in->total_weight, in->validation_slots);
  for (gint64 i = 0; i < sampled; i++)
    {
      gint64 r = slot_random (in, (guint64) i, vp_sum);
      guint a = slot_owner (owner, cumulative, n_entries, r);
      if (ballot[a] == BALLOT_VALID)
        t.valid++;
      else if (ballot[a] == BALLOT_INVALID)
        t.invalid++;
    }
  return t;
}

/* ---- guardian tiebreak ---- */

static gboolean
guardian_set_is_empty (const PocsimAcceptanceInput *in, guint n_addrs)
{
  if (in->is_guardian == NULL)
    return TRUE;
  for (guint a = 0; a < n_addrs; a++)
    if (in->is_guardian[a])
      return FALSE;
  return TRUE;
}

/* Accept iff some guardian voted valid and none voted invalid.  v0.2.13 reads
 * only the filtered votes, so a guardian without a key in the model cannot
 * break the tie (the Kimi incident of epochs 328–329); v0.2.14 reads all. */
static gboolean
guardian_tiebreak (const PocsimAcceptanceInput *in, const PocsimValidationPower *power,
                   const guint8 *ballot)
{
  if (!in->guardians_enabled || guardian_set_is_empty (in, power->n_addrs))
    return FALSE;
  gboolean raw = in->rules->guardian_tiebreak_raw_votes;
  guint valid = 0, invalid = 0;
  for (guint a = 0; a < power->n_addrs; a++)
    {
      if (!in->is_guardian[a] || (!raw && !power->is_key[a]))
        continue;
      if (ballot[a] == BALLOT_VALID)
        valid++;
      else if (ballot[a] == BALLOT_INVALID)
        invalid++;
    }
  return valid > 0 && invalid == 0;
}

/* ---- the verdict ---- */

static PocsimPocVerdict
verdict (PocsimPocVerdict v, PocsimVerdictReason why, PocsimVerdictReason *reason)
{
  if (reason)
    *reason = why;
  return v;
}

PocsimPocVerdict
pocsim_poc_acceptance (const PocsimAcceptanceInput *in, const PocsimValidationPower *power,
                       const PocsimVote *votes, guint n_votes, PocsimVerdictReason *reason)
{
  g_return_val_if_fail (in != NULL && in->rules != NULL, POCSIM_POC_REJECTED);
  g_return_val_if_fail (n_votes == 0 || votes != NULL, POCSIM_POC_REJECTED);
  g_return_val_if_fail (in->validation_slots == 0
                        || (in->app_hash_hex && in->participant && in->model_id),
                        POCSIM_POC_REJECTED);

  /* No validation power for the model (T_E = 0, a missing snapshot, or a
   * model nobody committed to): nobody can accept it. */
  if (power_map_is_empty (power))
    return verdict (POCSIM_POC_REJECTED, POCSIM_VERDICT_NO_VOTES, reason);

  guint n_raw;
  g_autofree guint8 *ballot = ballots_first_vote_wins (power->n_addrs, votes, n_votes, &n_raw);
  /* v0.2.13 rejects when no vote survives the filter; v0.2.14 only when
   * nobody voted, so guardian votes without VP can still reach the tiebreak. */
  guint n_counted = in->rules->guardian_tiebreak_raw_votes ? n_raw
                                                           : count_filtered_ballots (power, ballot);
  if (n_counted == 0)
    return verdict (POCSIM_POC_REJECTED, POCSIM_VERDICT_NO_VOTES, reason);

  Tally t = in->validation_slots > 0 ? tally_slots (in, power, ballot)
                                     : tally_weighted (in, power, ballot);
  if (passes_threshold (in, t.valid, t.total))
    return verdict (POCSIM_POC_ACCEPTED, POCSIM_VERDICT_BY_VALID_MAJORITY, reason);
  if (passes_threshold (in, t.invalid, t.total))
    return verdict (POCSIM_POC_REJECTED, POCSIM_VERDICT_BY_INVALID_MAJORITY, reason);
  /* No majority either way: the tiebreak decides, and rejects when guardians
   * are off or the set is empty. */
  return verdict (guardian_tiebreak (in, power, ballot) ? POCSIM_POC_ACCEPTED : POCSIM_POC_REJECTED,
                  POCSIM_VERDICT_BY_GUARDIAN_TIEBREAK, reason);
}
