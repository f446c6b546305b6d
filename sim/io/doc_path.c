/* doc_path.c - parameter paths into case documents (see doc_path.h). */
#include "io/doc_path.h"

#include <string.h>

#include "core/decimal.h"
#include "core/error.h"
#include "core/ruleset.h"
#include "io/json_keys.h"
#include "io/json_locate.h"

/* Every value a path may name; "*" stands for any address or model id. */
static const struct {
  const char *pattern;
  PocsimPathValue value;
} known_paths[] = {
  { "rules", POCSIM_PATH_RULE_SET },
  { "upcoming_epoch", POCSIM_PATH_DECIMAL },
  { "params.delegation_params.deploy_window", POCSIM_PATH_DECIMAL },
  { "params.delegation_params.refusal_penalty", POCSIM_PATH_DECIMAL },
  { "params.delegation_params.no_participation_penalty", POCSIM_PATH_DECIMAL },
  { "params.delegation_params.delegation_share", POCSIM_PATH_DECIMAL },
  { "params.delegation_params.w_threshold", POCSIM_PATH_DECIMAL },
  { "params.delegation_params.v_min", POCSIM_PATH_DECIMAL },
  { "params.delegation_params.cap_factor", POCSIM_PATH_DECIMAL },
  { "params.delegation_params.initial_model_id", POCSIM_PATH_TEXT },
  { "params.delegation_params.max_model_voting_power_percentage", POCSIM_PATH_DECIMAL },
  { "params.poc_params.validation_slots", POCSIM_PATH_DECIMAL },
  { "params.poc_params.validation_vote_threshold_bps", POCSIM_PATH_DECIMAL },
  { "params.poc_params.models.*.weight_scale_factor", POCSIM_PATH_DECIMAL },
  { "params.poc_params.models.*.penalty_start_epoch", POCSIM_PATH_DECIMAL },
  /* v0.2.16: dynamic coefficients (spec v0.2.16.md §4) */
  { "params.poc_params.models.*.dynamic_coefficient.coeff_min", POCSIM_PATH_DECIMAL },
  { "params.poc_params.models.*.dynamic_coefficient.coeff_max", POCSIM_PATH_DECIMAL },
  { "params.poc_params.models.*.dynamic_coefficient.relative_difficulty", POCSIM_PATH_DECIMAL },
  { "params.poc_params.models.*.dynamic_coefficient.target_share_bps", POCSIM_PATH_DECIMAL },
  { "params.poc_params.dynamic_coefficient_params.target_zone_bps", POCSIM_PATH_DECIMAL },
  { "params.poc_params.dynamic_coefficient_params.step_min", POCSIM_PATH_DECIMAL },
  { "params.poc_params.dynamic_coefficient_params.step_max", POCSIM_PATH_DECIMAL },
  { "params.poc_params.dynamic_coefficient_params.bootstrap_step_max", POCSIM_PATH_DECIMAL },
  { "params.poc_params.dynamic_coefficient_params.bootstrap_share_bps", POCSIM_PATH_DECIMAL },
  { "params.collateral_params.grace_period_end_epoch", POCSIM_PATH_DECIMAL },
  { "params.collateral_params.base_weight_ratio", POCSIM_PATH_DECIMAL },
  { "params.collateral_params.collateral_per_weight_unit", POCSIM_PATH_DECIMAL },
  { "params.bitcoin_reward_params.initial_epoch_reward", POCSIM_PATH_DECIMAL },
  { "params.bitcoin_reward_params.decay_rate", POCSIM_PATH_DECIMAL },
  { "params.bitcoin_reward_params.genesis_epoch", POCSIM_PATH_DECIMAL },
  { "params.genesis_only_params.max_individual_power_percentage", POCSIM_PATH_DECIMAL },
  { "previous.weights.*", POCSIM_PATH_DECIMAL },
  { "previous.voting_powers.*.*", POCSIM_PATH_DECIMAL },
  { "previous.poc.*.*", POCSIM_PATH_DECIMAL },
  /* v0.2.16: E's state beyond weights and voting powers */
  { "previous.nodes.*.*", POCSIM_PATH_DECIMAL },
  { "previous.cap_weights.*", POCSIM_PATH_DECIMAL },
  { "previous.confirmation_weights.*", POCSIM_PATH_DECIMAL },
  { "poc.*.*", POCSIM_PATH_DECIMAL },
  { "collateral.*", POCSIM_PATH_DECIMAL },
};

struct PocsimDocPath {
  char *text;
  char **tokens;   /* the keys and selections, in order */
  guint n_tokens;
  PocsimPathValue value;
};

void
pocsim_doc_path_free (PocsimDocPath *p)
{
  if (p == NULL)
    return;
  g_free (p->text);
  g_strfreev (p->tokens);
  g_free (p);
}

const char *
pocsim_doc_path_text (const PocsimDocPath *p)
{
  return p->text;
}

PocsimPathValue
pocsim_doc_path_value (const PocsimDocPath *p)
{
  return p->value;
}

/* ---- reading a path ---- */

/* KEY ("[" SEL "]")* ("." KEY ("[" SEL "]")*)*, into tokens; NULL when
 * malformed. */
static char **
tokenize (const char *text)
{
  g_autoptr (GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;
  while (TRUE)
    {
      gsize n = strcspn (p, ".[]");
      if (n == 0)
        return NULL;
      g_ptr_array_add (tokens, g_strndup (p, n));
      p += n;
      while (*p == '[')
        {
          const char *end = strchr (p + 1, ']');
          if (end == NULL || end == p + 1)
            return NULL;
          g_ptr_array_add (tokens, g_strndup (p + 1, end - p - 1));
          p = end + 1;
        }
      if (*p == '\0')
        break;
      if (*p != '.')
        return NULL;
      p++;
    }
  g_ptr_array_add (tokens, NULL);
  return (char **) g_ptr_array_steal (tokens, NULL);
}

static void
add_unique (GPtrArray *list, const char *s)
{
  for (guint k = 0; k < list->len; k++)
    if (strcmp (list->pdata[k], s) == 0)
      return;
  g_ptr_array_add (list, (gpointer) s);
}

/* "unknown parameter path": where the path left every known one, and the
 * nearest known name there.  CANDIDATES are the known names at that place. */
static gboolean
unknown_path (const char *text, char **tokens, guint depth, GPtrArray *candidates, GError **error)
{
  GString *prefix = g_string_new (NULL);
  for (guint k = 0; k < depth; k++)
    g_string_append_printf (prefix, "%s%s", k ? "." : "", tokens[k]);
  g_ptr_array_add (candidates, NULL);
  g_autofree char *list = g_strjoinv ("\", \"", (char **) candidates->pdata);
  if (tokens[depth] == NULL)
    g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                 "unknown parameter path \"%s\": %s is not a value (name one of \"%s\")", text, prefix->str, list);
  else
    {
      const char *best = pocsim_names_suggest ((const char *const *) candidates->pdata, tokens[depth]);
      g_autofree char *hint = best != NULL ? g_strdup_printf ("did you mean \"%s\"?", best)
                                                         : g_strdup_printf ("known: \"%s\"", list);
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "unknown parameter path \"%s\": %s has no \"%s\" (%s)",
                   text, depth == 0 ? "a case" : prefix->str, tokens[depth], hint);
    }
  g_string_free (prefix, TRUE);
  return FALSE;
}

/* Finds the known path TOKENS names; FALSE with a message at the first
 * token no known path has. */
static gboolean
match_known (const char *text, char **tokens, PocsimPathValue *value, GError **error)
{
  enum { N = G_N_ELEMENTS (known_paths) };
  guint n = g_strv_length (tokens);
  char **split[N];
  gboolean alive[N];
  for (guint k = 0; k < N; k++)
    {
      split[k] = g_strsplit (known_paths[k].pattern, ".", -1);
      alive[k] = TRUE;
    }
  gboolean ok = FALSE;
  g_autoptr (GPtrArray) candidates = g_ptr_array_new ();
  guint depth;
  for (depth = 0; depth < n; depth++)
    {
      gboolean any = FALSE;
      g_ptr_array_set_size (candidates, 0);
      for (guint k = 0; k < N; k++)
        {
          if (!alive[k])
            continue;
          const char *pt = depth < g_strv_length (split[k]) ? split[k][depth] : NULL;
          if (pt != NULL && strcmp (pt, "*") != 0)
            add_unique (candidates, pt);
          if (pt != NULL && (strcmp (pt, "*") == 0 || strcmp (pt, tokens[depth]) == 0))
            any = TRUE;
          else
            alive[k] = FALSE;
        }
      if (!any)
        break;
    }
  if (depth == n)
    {
      g_ptr_array_set_size (candidates, 0);
      for (guint k = 0; k < N && !ok; k++)
        if (alive[k] && g_strv_length (split[k]) == n)
          {
            *value = known_paths[k].value;
            ok = TRUE;
          }
        else if (alive[k])
          add_unique (candidates, strcmp (split[k][n], "*") == 0 ? "MODEL or ADDRESS" : split[k][n]);
    }
  if (!ok)
    unknown_path (text, tokens, depth, candidates, error);
  for (guint k = 0; k < N; k++)
    g_strfreev (split[k]);
  return ok;
}

PocsimDocPath *
pocsim_doc_path_parse (const char *text, GError **error)
{
  char **tokens = tokenize (text);
  if (tokens == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "malformed parameter path \"%s\" (keys separated by '.', a model as [MODEL_ID], e.g. "
                   "params.poc_params.models[M].weight_scale_factor)",
                   text);
      return NULL;
    }
  PocsimPathValue value = POCSIM_PATH_DECIMAL;
  if (!match_known (text, tokens, &value, error))
    {
      g_strfreev (tokens);
      return NULL;
    }
  PocsimDocPath *p = g_new0 (PocsimDocPath, 1);
  p->text = g_strdup (text);
  p->tokens = tokens;
  p->n_tokens = g_strv_length (tokens);
  p->value = value;
  return p;
}

/* ---- the document ---- */

static json_t *
model_entry (json_t *models, const char *id)
{
  for (gsize k = 0; k < json_array_size (models); k++)
    {
      json_t *v = json_object_get (json_array_get (models, k), "model_id");
      if (json_is_string (v) && strcmp (json_string_value (v), id) == 0)
        return json_array_get (models, k);
    }
  return NULL;
}

/* Walks DOC along P; with CREATE, makes the missing objects and writes
 * VALUE at the end.  Returns the value's container (or the value, when
 * not creating), or NULL. */
static json_t *
walk (json_t *doc, const PocsimDocPath *p, gboolean create, json_t *value, GString *pointer, GError **error)
{
  json_t *cur = doc;
  GString *done = g_string_new (NULL);
  json_t *result = NULL;
  for (guint k = 0; k < p->n_tokens; k++)
    {
      const char *token = p->tokens[k];
      gboolean last = k + 1 == p->n_tokens;
      if (json_is_array (cur))
        {
          json_t *entry = model_entry (cur, token);
          if (entry == NULL)
            {
              g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "parameter path \"%s\": %s has no model \"%s\"",
                           p->text, done->str, token);
              goto out;
            }
          for (gsize i = 0; i < json_array_size (cur); i++)
            if (json_array_get (cur, i) == entry)
              pocsim_json_pointer_append_index (pointer, i);
          cur = entry;
        }
      else if (!json_is_object (cur))
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "parameter path \"%s\": %s is not an object",
                       p->text, done->str);
          goto out;
        }
      else if (last)
        {
          pocsim_json_pointer_append_key (pointer, token);
          if (create)
            json_object_set (cur, token, value);
          result = create ? cur : json_object_get (cur, token);
          goto out;
        }
      else
        {
          json_t *child = json_object_get (cur, token);
          if (child == NULL || json_is_null (child))
            {
              if (!create)
                goto out;
              json_object_set_new (cur, token, child = json_object ());
            }
          pocsim_json_pointer_append_key (pointer, token);
          cur = child;
          /* The REST answer {"params": {...}} is read through, as the case reader does. */
          if (k == 0 && strcmp (token, "params") == 0 && json_is_object (json_object_get (cur, "params")))
            {
              cur = json_object_get (cur, "params");
              pocsim_json_pointer_append_key (pointer, "params");
            }
        }
      g_string_append_printf (done, "%s%s", done->len ? "." : "", token);
    }
out:
  g_string_free (done, TRUE);
  return result;
}

gboolean
pocsim_doc_path_set (json_t *doc, const PocsimDocPath *p, json_t *value, char **pointer, GError **error)
{
  GString *ptr = g_string_new (NULL);
  json_t *container = walk (doc, p, TRUE, value, ptr, error);
  if (pointer)
    *pointer = container ? g_strdup (ptr->str) : NULL;
  g_string_free (ptr, TRUE);
  return container != NULL;
}

json_t *
pocsim_doc_path_get (json_t *doc, const PocsimDocPath *p)
{
  GString *ptr = g_string_new (NULL);
  json_t *v = walk (doc, p, FALSE, NULL, ptr, NULL);
  g_string_free (ptr, TRUE);
  return v;
}

gboolean
pocsim_doc_path_check_value (const PocsimDocPath *p, const char *value, GError **error)
{
  PocsimDec d;
  switch (p->value)
    {
    case POCSIM_PATH_RULE_SET:
      if (pocsim_rule_set_lookup (value) != NULL)
        return TRUE;
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: unknown rule set \"%s\" (see 'pocsim rules')",
                   p->text, value);
      return FALSE;
    case POCSIM_PATH_TEXT:
      return TRUE;
    default:
      if (*value == '\0' || pocsim_dec_parse (value, &d, NULL))
        return TRUE;
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: \"%s\" is not a chain decimal (e.g. \"0.2\", \"3\")",
                   p->text, value);
      return FALSE;
    }
}

gboolean
pocsim_doc_assignment_parse (const char *text, PocsimDocPath **path, char **value, GError **error)
{
  const char *eq = strchr (text, '=');
  if (eq == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE, "\"%s\": expected PATH=VALUE", text);
      return FALSE;
    }
  g_autofree char *path_text = g_strndup (text, eq - text);
  g_autoptr (PocsimDocPath) p = pocsim_doc_path_parse (path_text, error);
  if (p == NULL || !pocsim_doc_path_check_value (p, eq + 1, error))
    return FALSE;
  *path = g_steal_pointer (&p);
  *value = g_strdup (eq + 1);
  return TRUE;
}

char *
pocsim_doc_written_locate (const char *pointer, gpointer written)
{
  const PocsimDocWritten *w = written;
  for (guint k = 0; k < w->pointers->len; k++)
    {
      const char *p = w->pointers->pdata[k];
      gsize n = strlen (p);
      if (strncmp (pointer, p, n) == 0 && (pointer[n] == '\0' || pointer[n] == '/'))
        return g_strdup (w->wheres->pdata[k]);
    }
  return g_strdup (w->base);
}
