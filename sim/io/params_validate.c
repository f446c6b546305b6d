/* params_validate.c - the chain's Params.Validate, for the fields a case holds.
 *
 * Source: gonka-ai/gonka inference-chain/x/inference/types/params.go at the
 * v0.2.16 release branch (zpoken/gonka@ef1a5efd3a23; ../shared/spec/v0.2.16.md
 * section 0): Params.Validate, PocParams.Validate, CollateralParams.Validate,
 * BitcoinRewardParams.Validate and the helpers they call
 * (validateDecimalFraction, validateSlashFraction, validatePercentage,
 * validateBaseWeightRatio, validateCollateralPerWeightUnit,
 * validateBonusFactor, validateDecayRate with GetExponent); the same checks
 * are in the v0.2.14 tree (kaitakuai/gonka@93138310).  Left out, each for
 * its reason:
 *   - the "cannot be nil" checks of whole sections (params_validate.h);
 *   - Decimal.Validate's exponent range [-18, 18] (v0.2.16): pocsim reads
 *     any {value, exponent} whose value has at most 18 fractional digits,
 *     as the earlier chains did;
 *   - PocParams.validateDynamicCoefficientParams (v0.2.16): invalid coefficient
 *     parameters are a formation that halts the chain, a result the v0.2.16
 *     rule set reports (../shared/spec/v0.2.16.md section 4), and its
 *     known-answer vectors hold such cases;
 *   - v0.2.16's rule that a model without dynamic_coefficient_params must
 *     carry a weight_scale_factor: before v0.2.16 an unset factor meant 1;
 *   - cap_factor's upper bound (see delegation_rules). */
#include "io/params_validate.h"

#include <string.h>

#include "core/decimal.h"
#include "io/json_locate.h"

typedef enum {
  RULE_FRACTION,     /* unset, or in [0, 1] */
  RULE_NON_NEGATIVE, /* unset, or >= 0 */
  RULE_DECAY_RATE,   /* in [-0.01, 0], and a rate GetExponent knows */
  RULE_INT_NON_NEGATIVE,
  RULE_VOTE_BPS,     /* 0 (the default 5000) or in [5000, 10000] */
} Rule;

typedef struct {
  const char *field;
  Rule rule;
} FieldRule;

#define END { NULL, RULE_FRACTION }

/* Params.Validate on DelegationParams. */
static const FieldRule delegation_rules[] = {
  { "deploy_window", RULE_INT_NON_NEGATIVE },
  { "v_min", RULE_INT_NON_NEGATIVE },
  { "refusal_penalty", RULE_FRACTION },
  { "no_participation_penalty", RULE_FRACTION },
  { "delegation_share", RULE_FRACTION },
  { "w_threshold", RULE_FRACTION },
  /* The chain's validation holds cap_factor to [0, 1] too, but its own
   * formation tests form groups with 2.0 (vector
   * chain-tests/cap-initial-group-uncapped), and the group cap reads any
   * factor: pocsim refuses only a negative one. */
  { "cap_factor", RULE_NON_NEGATIVE },
  END,
};

/* CollateralParams.Validate. */
static const FieldRule collateral_rules[] = {
  { "slash_fraction_invalid", RULE_FRACTION },
  { "slash_fraction_downtime", RULE_FRACTION },
  { "downtime_missed_percentage_threshold", RULE_FRACTION },
  { "base_weight_ratio", RULE_FRACTION },
  { "collateral_per_weight_unit", RULE_NON_NEGATIVE },
  END,
};

/* BitcoinRewardParams.Validate. */
static const FieldRule reward_rules[] = {
  { "decay_rate", RULE_DECAY_RATE },
  { "utilization_bonus_factor", RULE_NON_NEGATIVE },
  { "full_coverage_bonus_factor", RULE_NON_NEGATIVE },
  { "partial_coverage_bonus_factor", RULE_NON_NEGATIVE },
  END,
};

/* PocParams.Validate (v0.2.14: the vote threshold). */
static const FieldRule poc_rules[] = {
  { "validation_vote_threshold_bps", RULE_VOTE_BPS },
  END,
};

/* PocParams.Validate on each models[] entry. */
static const FieldRule model_rules[] = {
  { "seq_len", RULE_INT_NON_NEGATIVE },
  END,
};

typedef struct {
  const char *ptr;    /* the object's JSON Pointer */
  const char *name;   /* the object's name in messages ("delegation_params") */
  PocsimJsonProblem *problem;
} Where;

static gboolean G_GNUC_PRINTF (3, 4)
refuse (const Where *w, const char *field, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  w->problem->pointer = field ? pocsim_json_pointer_key (w->ptr, field) : g_strdup (w->ptr);
  w->problem->message = field ? g_strdup_printf ("%s.%s: %s (the chain's parameter validation refuses it)",
                                                 w->name, field, msg)
                              : g_strdup_printf ("%s: %s (the chain's parameter validation refuses it)", w->name, msg);
  return FALSE;
}

/* ---- values as the case reader reads them ---- */

typedef enum { VALUE_UNSET, VALUE_SET, VALUE_UNREADABLE } ValueState;

/* A decimal in any of the case's forms. */
static ValueState
read_decimal (const json_t *v, PocsimDec *out)
{
  *out = pocsim_dec_zero ();
  if (v == NULL || json_is_null (v) || (json_is_string (v) && json_string_length (v) == 0))
    return VALUE_UNSET;
  if (json_is_object (v))
    {
      gint64 value, exponent;
      if (pocsim_json_int (json_object_get (v, "value"), &value) != POCSIM_JSON_INT_OK
          || pocsim_json_int (json_object_get (v, "exponent"), &exponent) != POCSIM_JSON_INT_OK)
        return VALUE_UNREADABLE;
      if (value == 0 && exponent == 0)
        return VALUE_UNSET;
      return pocsim_dec_from_parts (value, exponent, out, NULL) ? VALUE_SET : VALUE_UNREADABLE;
    }
  if (json_is_string (v))
    return pocsim_dec_parse (json_string_value (v), out, NULL) ? VALUE_SET : VALUE_UNREADABLE;
  if (json_is_integer (v))
    {
      *out = pocsim_dec_from_int64 (json_integer_value (v));
      return json_integer_value (v) == 0 ? VALUE_UNSET : VALUE_SET;
    }
  return VALUE_UNREADABLE;
}

/* "1.5", not "1.500000000000000000". */
static char *
short_decimal (PocsimDec d)
{
  char buf[POCSIM_DEC_FORMAT_SIZE];
  return g_strdup (pocsim_dec_format_short (d, buf));
}

static gboolean
check_decay_rate (const Where *w, const char *field, PocsimDec d)
{
  /* validateDecayRate: not positive, not below -0.01, and one of the rates
   * GetExponent has a precomputed exponential for. */
  static const char *const known[] = { "-0.000475", "-0.000001", "0", NULL };
  g_autofree char *text = short_decimal (d);
  if (pocsim_dec_cmp (d, pocsim_dec_zero ()) > 0)
    return refuse (w, field, "%s is positive (a decay rate must not be)", text);
  for (guint k = 0; known[k]; k++)
    {
      PocsimDec rate;
      if (pocsim_dec_parse (known[k], &rate, NULL) && pocsim_dec_cmp (d, rate) == 0)
        return TRUE;
    }
  return refuse (w, field, "%s is not a decay rate the chain supports: -0.000475, -0.000001 or 0", text);
}

static gboolean
check_decimal_rule (const Where *w, const FieldRule *r, const json_t *v)
{
  PocsimDec d;
  if (read_decimal (v, &d) == VALUE_UNREADABLE)
    return TRUE; /* the reader says what is wrong with it */
  g_autofree char *text = short_decimal (d);
  switch (r->rule)
    {
    case RULE_FRACTION:
      if (pocsim_dec_cmp (d, pocsim_dec_zero ()) < 0 || pocsim_dec_cmp (d, pocsim_dec_one ()) > 0)
        return refuse (w, r->field, "%s is outside [0, 1]", text);
      return TRUE;
    case RULE_NON_NEGATIVE:
      if (pocsim_dec_cmp (d, pocsim_dec_zero ()) < 0)
        return refuse (w, r->field, "%s is negative", text);
      return TRUE;
    case RULE_DECAY_RATE:
      return check_decay_rate (w, r->field, d);
    default:
      return TRUE;
    }
}

static gboolean
check_int_rule (const Where *w, const FieldRule *r, const json_t *v)
{
  gint64 n;
  if (pocsim_json_int (v, &n) != POCSIM_JSON_INT_OK)
    return TRUE; /* the reader's to report */
  switch (r->rule)
    {
    case RULE_INT_NON_NEGATIVE:
      if (n < 0)
        return refuse (w, r->field, "%" G_GINT64_FORMAT " is negative", n);
      return TRUE;
    case RULE_VOTE_BPS:
      if (n != 0 && (n < 5000 || n > 10000))
        return refuse (w, r->field, "%" G_GINT64_FORMAT " is neither 0 (the default, 5000) nor in [5000, 10000]", n);
      return TRUE;
    default:
      return TRUE;
    }
}

static gboolean
check_fields (const Where *w, const json_t *obj, const FieldRule *rules)
{
  if (!json_is_object (obj))
    return TRUE;
  for (const FieldRule *r = rules; r->field != NULL; r++)
    {
      const json_t *v = json_object_get (obj, r->field);
      gboolean is_int = r->rule >= RULE_INT_NON_NEGATIVE;
      if (v == NULL)
        continue;
      if (!(is_int ? check_int_rule (w, r, v) : check_decimal_rule (w, r, v)))
        return FALSE;
    }
  return TRUE;
}

/* ---- PocParams ---- */

static gboolean
check_poc (const char *ptr, const json_t *poc, PocsimJsonProblem *problem)
{
  Where w = { ptr, "poc_params", problem };
  if (!check_fields (&w, poc, poc_rules))
    return FALSE;
  const json_t *models = json_object_get (poc, "models");
  g_autofree char *models_ptr = pocsim_json_pointer_key (ptr, "models");
  for (gsize i = 0; i < json_array_size (models); i++)
    {
      g_autofree char *p = pocsim_json_pointer_index (models_ptr, i);
      g_autofree char *name = g_strdup_printf ("poc_params.models[%" G_GSIZE_FORMAT "]", i);
      Where mw = { p, name, problem };
      if (!check_fields (&mw, json_array_get (models, i), model_rules))
        return FALSE;
    }
  return TRUE;
}

gboolean
pocsim_params_validate (const json_t *params, const char *ptr, PocsimJsonProblem *problem)
{
  static const struct {
    const char *section;
    const FieldRule *rules;
  } sections[] = {
    { "delegation_params", delegation_rules },
    { "collateral_params", collateral_rules },
    { "bitcoin_reward_params", reward_rules },
  };
  if (!json_is_object (params))
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (sections); k++)
    {
      g_autofree char *p = pocsim_json_pointer_key (ptr, sections[k].section);
      Where w = { p, sections[k].section, problem };
      if (!check_fields (&w, json_object_get (params, sections[k].section), sections[k].rules))
        return FALSE;
    }
  g_autofree char *pp = pocsim_json_pointer_key (ptr, "poc_params");
  return check_poc (pp, json_object_get (params, "poc_params"), problem);
}
