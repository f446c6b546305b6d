/* expect.c - checking a scenario's expectations against a replayed epoch. */
#include "replay/expect.h"

#include <string.h>

#include "core/decimal.h"

typedef struct {
  const PocsimExpectation *x;
  const PocsimReplayEpoch *ep;
  GPtrArray *failures;
  gboolean ok;
} Check;

static void G_GNUC_PRINTF (3, 4)
fail (Check *k, PocsimExpectKey key, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  GString *who = g_string_new (NULL);
  if (k->x->label)
    g_string_append_printf (who, " [%s]", k->x->label);
  if (k->x->host)
    g_string_append_printf (who, " %s", k->x->host);
  if (k->x->model)
    g_string_append_printf (who, " %s", k->x->model);
  g_ptr_array_add (k->failures, g_strdup_printf ("%s: epoch %" G_GINT64_FORMAT ":%s: %s %s", k->x->where,
                                                 k->ep->epoch, who->str, pocsim_expect_key_name (key), msg));
  g_string_free (who, TRUE);
  k->ok = FALSE;
}

gboolean
pocsim_change_hundredths (gint64 before, gint64 after, gint64 *out)
{
  if (before <= 0)
    return FALSE;
  __int128 num = (__int128) (after - (__int128) before) * 10000;
  __int128 q = num / before, r = num % before;
  if (2 * (r < 0 ? -r : r) >= before)
    q += num < 0 ? -1 : 1;
  *out = (gint64) q;
  return TRUE;
}

/* ---- what the epoch formed, as the result document shows it ---- */

/* The host's index in the formed case when it is a participant (in AP(U)),
 * else POCSIM_NO_ADDR. */
static guint32
participant (const Check *k)
{
  const PocsimCase *c = k->ep->r->source;
  guint32 a = k->x->host ? pocsim_case_find_addr (c, k->x->host) : POCSIM_NO_ADDR;
  return a != POCSIM_NO_ADDR && (c->addr_flags[a] & POCSIM_ADDR_ACTIVE) ? a : POCSIM_NO_ADDR;
}

static guint32
model (const Check *k)
{
  return k->x->model ? pocsim_case_find_model (k->ep->r->source, k->x->model) : POCSIM_NO_MODEL;
}

static gint64
host_int (const Check *k, PocsimExpectKey key)
{
  const PocsimEpochResult *r = k->ep->r;
  guint32 a = participant (k), m = model (k);
  if (a == POCSIM_NO_ADDR)
    return 0;
  switch (key)
    {
    case POCSIM_EXPECT_WEIGHT: return r->final[a];
    case POCSIM_EXPECT_REWARD: return r->source->params.has_reward ? r->reward[a] : 0;
    case POCSIM_EXPECT_REWARD_WEIGHT: return r->rules->reward_only_penalties ? r->reward_weight[a] : 0;
    case POCSIM_EXPECT_VOTING_POWER:
      return m == POCSIM_NO_MODEL ? 0 : MAX (r->voting_power[pocsim_cell (r->source, m, a)], 0);
    case POCSIM_EXPECT_CAP_WEIGHT: return r->cap_weight[a];
    case POCSIM_EXPECT_SEATED:
      /* the formed case's cells hold each member's seated PoC weight */
      return m == POCSIM_NO_MODEL || !(r->source->cell_flags[pocsim_cell (r->source, m, a)] & POCSIM_CELL_MEMBER)
             ? 0 : r->source->pw[pocsim_cell (r->source, m, a)];
    default: return 0;
    }
}

/* ---- the checks ---- */

static void
check_int (Check *k, const PocsimExpectCheck *x, gint64 have)
{
  if (have != x->value)
    fail (k, x->key, "is %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, have, x->value);
}

static void
check_bool (Check *k, const PocsimExpectCheck *x, gboolean have)
{
  if (have != (x->value != 0))
    fail (k, x->key, "is %s, expected %s", have ? "true" : "false", have ? "false" : "true");
}

static void
check_dec (Check *k, const PocsimExpectCheck *x, PocsimDec have)
{
  if (pocsim_dec_cmp (have, x->dec) != 0)
    {
      char h[POCSIM_DEC_FORMAT_SIZE], w[POCSIM_DEC_FORMAT_SIZE];
      fail (k, x->key, "is %s, expected %s", pocsim_dec_format (have, h), pocsim_dec_format (x->dec, w));
    }
}

static void
check_penalty (Check *k, const PocsimExpectCheck *x)
{
  guint32 a = participant (k);
  check_dec (k, x, a == POCSIM_NO_ADDR ? pocsim_dec_zero () : k->ep->r->penalty[a]);
}

/* The coefficient the formation gave the model's group (v0.2.16: its
 * effective coefficient). */
static void
check_coefficient (Check *k, const PocsimExpectCheck *x)
{
  guint32 m = model (k);
  check_dec (k, x, m == POCSIM_NO_MODEL ? pocsim_dec_zero () : k->ep->r->coefficients[m].coeff);
}

/* The previous confirmed weight the formation read (W_E before v0.2.16);
 * a newcomer, with none, fails the check. */
static void
check_previous_confirmed (Check *k, const PocsimExpectCheck *x)
{
  const PocsimEpochResult *r = k->ep->r;
  guint32 a = k->x->host ? pocsim_case_find_addr (r->input, k->x->host) : POCSIM_NO_ADDR;
  if (a == POCSIM_NO_ADDR || !(r->input->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS))
    {
      fail (k, x->key, "is none (not a member of the previous epoch), expected %" G_GINT64_FORMAT, x->value);
      return;
    }
  check_int (k, x, r->prev_weight[a]);
}

static void
check_change (Check *k, const PocsimExpectCheck *x)
{
  const PocsimCase *c = k->ep->c;
  guint32 before_a = pocsim_case_find_addr (c, k->x->host);
  gint64 before = before_a != POCSIM_NO_ADDR && (c->addr_flags[before_a] & POCSIM_ADDR_IN_PREVIOUS) ? c->prev_weight[before_a] : 0;
  gint64 after = host_int (k, POCSIM_EXPECT_WEIGHT), have;
  if (!pocsim_change_hundredths (before, after, &have))
    {
      fail (k, x->key, "has no previous weight to compare with");
      return;
    }
  if (have != x->value)
    fail (k, x->key, "is %s%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT ", expected %s", have < 0 ? "-" : "",
          ABS (have) / 100, ABS (have) % 100, x->text);
}

static void
check_mode (Check *k, const PocsimExpectCheck *x)
{
  const PocsimEpochResult *r = k->ep->r;
  guint32 a = participant (k), m = model (k);
  const char *have = a == POCSIM_NO_ADDR ? "(not a participant)" : "(no mode: the model formed no group)";
  if (a != POCSIM_NO_ADDR && m != POCSIM_NO_MODEL)
    {
      gsize cell = pocsim_cell (r->source, m, a);
      if (r->groups[m].eligible && r->mode[cell] != POCSIM_MODE_UNSET)
        have = pocsim_mode_name (r->mode[cell]);
      else if (r->bootstrap_mode[cell] != POCSIM_BMODE_UNSET)
        have = pocsim_bootstrap_mode_name (r->bootstrap_mode[cell]);
    }
  if (strcmp (have, x->mode) != 0)
    fail (k, x->key, "is %s, expected %s", have, x->mode);
}

static const PocsimPreEligibility *
bootstrap_event (const Check *k)
{
  const PocsimEpochResult *r = k->ep->r;
  for (guint b = 0; b < r->n_bootstrap; b++)
    if (strcmp (r->source->models[r->bootstrap[b].model].id, k->x->model) == 0)
      return &r->bootstrap[b];
  return NULL;
}

static void
check_bootstrap (Check *k, const PocsimExpectCheck *x)
{
  const PocsimPreEligibility *ev = bootstrap_event (k);
  if (ev == NULL)
    {
      fail (k, x->key, "cannot be checked: the model is not a bootstrap candidate this epoch");
      return;
    }
  switch (x->key)
    {
    case POCSIM_EXPECT_PRE_ELIGIBLE: check_bool (k, x, ev->pre_eligible); break;
    case POCSIM_EXPECT_MEETS_WEIGHT_THRESHOLD: check_bool (k, x, ev->meets_weight_threshold); break;
    case POCSIM_EXPECT_MEETS_V_MIN: check_bool (k, x, ev->meets_v_min); break;
    case POCSIM_EXPECT_MEETS_REACHABILITY: check_bool (k, x, ev->meets_reachability); break;
    case POCSIM_EXPECT_INTENT_WEIGHT: check_int (k, x, ev->intent_weight); break;
    default: check_int (k, x, ev->intent_host_count); break;
    }
}

/* Accepted PoC commits of the model: the members of its "poc". */
static gint64
accepted (const Check *k)
{
  const PocsimCase *c = k->ep->c;
  guint32 m = pocsim_case_find_model (c, k->x->model);
  gint64 n = 0;
  for (guint a = 0; m != POCSIM_NO_MODEL && a < c->n_addrs; a++)
    n += (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_MEMBER) != 0;
  return n;
}

gboolean
pocsim_expectation_check (const PocsimExpectation *x, const PocsimReplayEpoch *ep, GPtrArray *failures)
{
  Check k = { x, ep, failures, TRUE };
  for (guint n = 0; n < x->n_checks; n++)
    {
      const PocsimExpectCheck *check = &x->checks[n];
      guint32 m = model (&k);
      switch (check->key)
        {
        case POCSIM_EXPECT_WEIGHT:
        case POCSIM_EXPECT_REWARD:
        case POCSIM_EXPECT_REWARD_WEIGHT:
        case POCSIM_EXPECT_VOTING_POWER:
        case POCSIM_EXPECT_CAP_WEIGHT:
        case POCSIM_EXPECT_SEATED:
          check_int (&k, check, host_int (&k, check->key));
          break;
        case POCSIM_EXPECT_PREVIOUS_CONFIRMED: check_previous_confirmed (&k, check); break;
        case POCSIM_EXPECT_COEFFICIENT: check_coefficient (&k, check); break;
        case POCSIM_EXPECT_PENALTY: check_penalty (&k, check); break;
        case POCSIM_EXPECT_CHANGE_PCT: check_change (&k, check); break;
        case POCSIM_EXPECT_MODE: check_mode (&k, check); break;
        case POCSIM_EXPECT_REJECTED_TXS: check_int (&k, check, ep->rejected_txs); break;
        case POCSIM_EXPECT_ELIGIBLE:
          check_bool (&k, check, m != POCSIM_NO_MODEL && ep->r->groups[m].has_members && ep->r->groups[m].eligible);
          break;
        case POCSIM_EXPECT_ACCEPTED: check_int (&k, check, accepted (&k)); break;
        default: check_bootstrap (&k, check); break;
        }
    }
  return k.ok;
}
