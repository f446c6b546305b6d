/* expect.c - checking a scenario's expectations against a replayed epoch. */
#include "replay/expect.h"

#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "io/json_doc.h"

typedef struct {
  const PocsimExpectation *x;
  PocsimReplayEpoch *ep;
  const char *host;
  const char *model;
  GPtrArray *failures;
  gboolean ok;
} Check;

static void G_GNUC_PRINTF (3, 4)
fail (Check *k, const char *key, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  GString *who = g_string_new (NULL);
  if (k->x->label)
    g_string_append_printf (who, " [%s]", k->x->label);
  if (k->host)
    g_string_append_printf (who, " %s", k->host);
  if (k->model)
    g_string_append_printf (who, " %s", k->model);
  g_ptr_array_add (k->failures, g_strdup_printf ("%s: epoch %" G_GINT64_FORMAT ":%s: %s %s", k->x->where,
                                                 k->ep->epoch, who->str, key, msg));
  g_string_free (who, TRUE);
  k->ok = FALSE;
}

static const json_t *
find_by (const json_t *array, const char *key, const char *value)
{
  for (gsize i = 0; i < json_array_size (array); i++)
    {
      const json_t *item = json_array_get (array, i);
      const json_t *v = json_object_get (item, key);
      if (json_is_string (v) && value && strcmp (json_string_value (v), value) == 0)
        return item;
    }
  return NULL;
}

static gboolean
json_int (const json_t *v, gint64 *out)
{
  return v != NULL && pocsim_json_int (v, out) == POCSIM_JSON_INT_OK;
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

/* ---- the checks ---- */

static const json_t *
participant (Check *k)
{
  return find_by (json_object_get (pocsim_replay_epoch_result (k->ep), "participants"), "address", k->host);
}

static void
check_int (Check *k, const char *key, const json_t *expected, const json_t *actual_v)
{
  gint64 want, have = 0;
  if (!json_int (expected, &want))
    {
      fail (k, key, "expected value must be an integer");
      return;
    }
  if (actual_v != NULL && !json_int (actual_v, &have))
    have = 0;
  if (have != want)
    fail (k, key, "is %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, have, want);
}

static void
check_host_int (Check *k, const char *key, const char *field, const json_t *expected)
{
  if (k->host == NULL)
    {
      fail (k, key, "needs \"host\"");
      return;
    }
  const json_t *p = participant (k);
  check_int (k, key, expected, p ? json_object_get (p, field) : NULL);
}

static void
check_penalty (Check *k, const json_t *expected)
{
  PocsimDec want, have = pocsim_dec_zero ();
  const json_t *p = k->host ? participant (k) : NULL;
  if (!json_is_string (expected) || !pocsim_dec_parse (json_string_value (expected), &want, NULL))
    {
      fail (k, "penalty", "expected value must be a decimal string such as \"0.15\"");
      return;
    }
  if (p != NULL)
    pocsim_dec_parse (json_string_value (json_object_get (p, "penalty")), &have, NULL);
  if (pocsim_dec_cmp (have, want) != 0)
    {
      char a[64], b[64];
      fail (k, "penalty", "is %s, expected %s", pocsim_dec_format (have, a), pocsim_dec_format (want, b));
    }
}

static void
check_change (Check *k, const json_t *expected)
{
  PocsimDec want;
  if (!json_is_string (expected) || !pocsim_dec_parse (json_string_value (expected), &want, NULL)
      || want.i % ((__int128) 10000000000000000) != 0)
    {
      fail (k, "change_pct", "expected value must be a decimal string with at most 2 decimals, e.g. \"-15.00\"");
      return;
    }
  gint64 want_h = (gint64) (want.i / ((__int128) 10000000000000000));
  gint64 before = 0, after = 0, have_h;
  json_int (json_object_get (json_object_get (json_object_get (k->ep->case_doc, "previous"), "weights"), k->host),
            &before);
  const json_t *p = participant (k);
  if (p)
    json_int (json_object_get (p, "final"), &after);
  if (!pocsim_change_hundredths (before, after, &have_h))
    {
      fail (k, "change_pct", "has no previous weight to compare with");
      return;
    }
  if (have_h != want_h)
    fail (k, "change_pct", "is %s%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT ", expected %s", have_h < 0 ? "-" : "",
          ABS (have_h) / 100, ABS (have_h) % 100, json_string_value (expected));
}

static void
check_mode (Check *k, const json_t *expected)
{
  if (k->host == NULL || k->model == NULL || !json_is_string (expected))
    {
      fail (k, "mode", "needs \"host\", \"model\" and a mode name");
      return;
    }
  const json_t *p = participant (k);
  const json_t *mode = p ? json_object_get (json_object_get (p, "modes"), k->model) : NULL;
  if (mode == NULL && p)
    mode = json_object_get (json_object_get (p, "bootstrap_modes"), k->model);
  const char *have = mode ? json_string_value (mode) : p ? "(no mode: the model formed no group)" : "(not a participant)";
  if (strcmp (have, json_string_value (expected)) != 0)
    fail (k, "mode", "is %s, expected %s", have, json_string_value (expected));
}

static void
check_voting_power (Check *k, const json_t *expected)
{
  if (k->host == NULL || k->model == NULL)
    {
      fail (k, "voting_power", "needs \"host\" and \"model\"");
      return;
    }
  const json_t *p = participant (k);
  check_int (k, "voting_power", expected, p ? json_object_get (json_object_get (p, "voting_powers"), k->model) : NULL);
}

static void
check_bootstrap (Check *k, const char *key, const json_t *expected)
{
  const json_t *b = find_by (json_object_get (pocsim_replay_epoch_result (k->ep), "bootstrap"), "model_id", k->model);
  if (b == NULL)
    {
      fail (k, key, "cannot be checked: the model is not a bootstrap candidate this epoch");
      return;
    }
  const json_t *have = json_object_get (b, key);
  if (json_is_boolean (expected))
    {
      if (!json_equal ((json_t *) have, (json_t *) expected))
        fail (k, key, "is %s, expected %s", json_is_true (have) ? "true" : "false",
              json_is_true (expected) ? "true" : "false");
    }
  else
    check_int (k, key, expected, have);
}

static void
check_eligible (Check *k, const json_t *expected)
{
  const json_t *g = find_by (json_object_get (pocsim_replay_epoch_result (k->ep), "groups"), "model_id", k->model);
  gboolean have = g != NULL && json_is_true (json_object_get (g, "eligible"));
  if (!json_is_boolean (expected))
    fail (k, "eligible", "expected value must be true or false");
  else if (have != json_is_true (expected))
    fail (k, "eligible", "is %s, expected %s", have ? "true" : "false", have ? "false" : "true");
}

static void
check_accepted (Check *k, const json_t *expected)
{
  const json_t *poc = json_object_get (json_object_get (k->ep->case_doc, "poc"), k->model);
  json_t *n = json_integer ((json_int_t) json_object_size (poc));
  check_int (k, "accepted", expected, n);
  json_decref (n);
}

gboolean
pocsim_expectation_check (const PocsimExpectation *x, PocsimReplayEpoch *ep, GPtrArray *failures)
{
  const json_t *spec = x->spec;
  Check k = { x, ep, json_string_value (json_object_get (spec, "host")),
              json_string_value (json_object_get (spec, "model")), failures, TRUE };
  static const char *const model_keys[] = { "pre_eligible", "meets_weight_threshold", "meets_v_min",
                                            "meets_reachability", "intent_weight", "intent_host_count",
                                            "eligible", "accepted", NULL };
  const char *key;
  json_t *v;
  json_object_foreach ((json_t *) spec, key, v)
    {
      if (strcmp (key, "label") == 0 || strcmp (key, "host") == 0 || strcmp (key, "model") == 0)
        continue;
      if (strcmp (key, "weight") == 0)
        check_host_int (&k, key, "final", v);
      else if (strcmp (key, "reward") == 0 || strcmp (key, "reward_weight") == 0)
        check_host_int (&k, key, key, v);
      else if (strcmp (key, "penalty") == 0)
        check_penalty (&k, v);
      else if (strcmp (key, "change_pct") == 0)
        check_change (&k, v);
      else if (strcmp (key, "mode") == 0)
        check_mode (&k, v);
      else if (strcmp (key, "voting_power") == 0)
        check_voting_power (&k, v);
      else if (strcmp (key, "rejected_txs") == 0)
        {
          json_t *n = json_integer (ep->rejected_txs);
          check_int (&k, key, v, n);
          json_decref (n);
        }
      else if (g_strv_contains (model_keys, key) && k.model == NULL)
        fail (&k, key, "needs \"model\"");
      else if (strcmp (key, "eligible") == 0)
        check_eligible (&k, v);
      else if (strcmp (key, "accepted") == 0)
        check_accepted (&k, v);
      else
        check_bootstrap (&k, key, v);
    }
  return k.ok;
}
