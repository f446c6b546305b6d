/* study_json.c - reads a pocsim-study/1 document and forms its grid. */
#include "io/study_json.h"

#include <string.h>

#include "core/decimal.h"
#include "core/error.h"
#include "io/case_json.h"
#include "io/case_load.h"
#include "io/case_write.h"
#include "io/doc_path.h"
#include "io/format_keys.h"
#include "io/json_doc.h"
#include "io/json_keys.h"
#include "io/meta.h"
#include "io/scenario_json.h"

/* Bounds that keep a study within what one machine can hold; docs/sweeps.md. */
#define MAX_AXIS_VALUES 10000
#define MAX_POINTS 1000000
#define MAX_RUNS 100000000
#define MAX_TOTAL_RUNS G_GINT64_CONSTANT (10000000000)
#define MAX_EPOCHS 100000
#define MAX_JOIN 100000

typedef PocsimJsonReader Reader;

/* ---- typed reads ---- */

#define read_text pocsim_json_read_text
#define expect_object pocsim_json_expect_object

/* An integer in [MIN, MAX]: a JSON number or a string of digits. */
static gboolean
read_int (Reader *rd, const json_t *v, const char *ptr, const char *what, gint64 min, gint64 max, gint64 *out)
{
  if (!pocsim_json_read_integer (rd, v, ptr, what, out))
    return FALSE;
  if (*out < min || *out > max)
    return pocsim_json_doc_fail (&rd->doc, ptr, rd->error,
                                 "%s must be between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT,
                                 what, min, max, *out);
  return TRUE;
}

/* A chain decimal, written as a string ("0.15") or an integer. */
static gboolean
read_decimal (Reader *rd, const json_t *v, const char *ptr, const char *what, PocsimDec *out)
{
  if (json_is_integer (v))
    {
      *out = pocsim_dec_from_int64 (json_integer_value (v));
      return TRUE;
    }
  if (!json_is_string (v) || !pocsim_dec_parse (json_string_value (v), out, NULL))
    return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "%s must be a chain decimal written as a string, e.g. \"0.15\"",
                                 what);
  return TRUE;
}

static char *decimal_text (PocsimDec d);

static gboolean
read_probability (Reader *rd, const json_t *v, const char *ptr, const char *what, PocsimDec *out)
{
  if (!read_decimal (rd, v, ptr, what, out))
    return FALSE;
  if (pocsim_dec_cmp (*out, pocsim_dec_zero ()) < 0 || pocsim_dec_cmp (*out, pocsim_dec_one ()) > 0)
    {
      g_autofree char *text = decimal_text (*out);
      return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "%s is a probability: it must be in [0, 1], got %s", what,
                                   text);
    }
  return TRUE;
}

/* An array of non-empty strings, as a NULL-terminated vector (*out NULL when absent). */
static gboolean
read_names (Reader *rd, const json_t *v, const char *ptr, const char *what, char ***out)
{
  *out = NULL;
  if (v == NULL)
    return TRUE;
  if (!json_is_array (v) || json_array_size (v) == 0)
    return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "%s must be a non-empty array of strings", what);
  g_auto (GStrv) names = g_new0 (char *, json_array_size (v) + 1);
  for (gsize k = 0; k < json_array_size (v); k++)
    {
      g_autofree char *p = pocsim_json_ptr_index (ptr, k);
      const char *name;
      if (!read_text (rd, json_array_get (v, k), p, what, &name))
        return FALSE;
      names[k] = g_strdup (name);
    }
  *out = g_steal_pointer (&names);
  return TRUE;
}

/* The shortest text of a decimal: "0.05", "3". */
static char *
decimal_text (PocsimDec d)
{
  char buf[POCSIM_DEC_FORMAT_SIZE];
  return g_strdup (pocsim_dec_format_short (d, buf));
}

/* ---- axes ---- */

static gboolean
add_value (Reader *rd, PocsimStudyAxis *ax, const PocsimDocPath *path, const char *value, const char *ptr)
{
  g_autoptr (GError) local = NULL;
  if (!pocsim_doc_path_check_value (path, value, &local))
    return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "%s", local->message);
  if (ax->values->len >= MAX_AXIS_VALUES)
    return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "an axis has at most %d values", MAX_AXIS_VALUES);
  g_ptr_array_add (ax->values, g_strdup (value));
  g_ptr_array_add (ax->value_where, pocsim_json_doc_where (&rd->doc, ptr));
  return TRUE;
}

static gboolean
read_values (Reader *rd, const json_t *list, const char *ptr, const PocsimDocPath *path, PocsimStudyAxis *ax)
{
  if (!json_is_array (list) || json_array_size (list) == 0)
    return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "values must be a non-empty array");
  for (gsize k = 0; k < json_array_size (list); k++)
    {
      const json_t *v = json_array_get (list, k);
      g_autofree char *p = pocsim_json_ptr_index (ptr, k);
      g_autofree char *text = json_is_integer (v) ? g_strdup_printf ("%" JSON_INTEGER_FORMAT, json_integer_value (v))
                              : json_is_string (v) ? g_strdup (json_string_value (v)) : NULL;
      if (text == NULL)
        return pocsim_json_doc_fail (&rd->doc, p, rd->error,
                                     "an axis value is a string (a chain decimal such as \"0.2\", or a rule set) or "
                                     "an integer, got %s",
                                     pocsim_json_type_name (v));
      if (!add_value (rd, ax, path, text, p))
        return FALSE;
    }
  return TRUE;
}

/* {"from", "to", "step"}: from, from + step, ... up to to, exactly. */
static gboolean
read_range (Reader *rd, const json_t *range, const char *ptr, const PocsimDocPath *path, PocsimStudyAxis *ax)
{
  PocsimDec from, to, step;
  g_autofree char *pf = pocsim_json_ptr_key (ptr, "from");
  g_autofree char *pt = pocsim_json_ptr_key (ptr, "to");
  g_autofree char *ps = pocsim_json_ptr_key (ptr, "step");
  if (!expect_object (rd, range, ptr, "range ({\"from\", \"to\", \"step\"})")
      || !pocsim_keys_check_in (rd, range, &pocsim_study_range_keys, ptr)
      || !read_decimal (rd, json_object_get (range, "from"), pf, "range.from", &from)
      || !read_decimal (rd, json_object_get (range, "to"), pt, "range.to", &to)
      || !read_decimal (rd, json_object_get (range, "step"), ps, "range.step", &step))
    return FALSE;
  if (pocsim_doc_path_value (path) != POCSIM_PATH_DECIMAL)
    return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "%s takes a list of values, not a range",
                                 pocsim_doc_path_text (path));
  if (pocsim_dec_cmp (step, pocsim_dec_zero ()) <= 0)
    return pocsim_json_doc_fail (&rd->doc, ps, rd->error, "range.step must be positive");
  if (pocsim_dec_cmp (from, to) > 0)
    return pocsim_json_doc_fail (&rd->doc, pt, rd->error, "range.to must not be below range.from");
  for (PocsimDec v = from; pocsim_dec_cmp (v, to) <= 0; v = pocsim_dec_add (v, step))
    {
      g_autofree char *text = decimal_text (v);
      if (!add_value (rd, ax, path, text, ptr))
        return FALSE;
    }
  return TRUE;
}

static PocsimStudyAxis *
read_axis (Reader *rd, const json_t *v, const char *ptr)
{
  const char *path_text;
  g_autofree char *pp = pocsim_json_ptr_key (ptr, "path");
  if (!expect_object (rd, v, ptr, "an axis")
      || !pocsim_keys_check_in (rd, v, &pocsim_study_axis_keys, ptr)
      || !read_text (rd, json_object_get (v, "path"), pp, "path (a parameter path)", &path_text))
    return NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (PocsimDocPath) path = pocsim_doc_path_parse (path_text, &local);
  if (path == NULL)
    {
      pocsim_json_doc_fail (&rd->doc, pp, rd->error, "%s", local->message);
      return NULL;
    }
  const json_t *values = json_object_get (v, "values"), *range = json_object_get (v, "range");
  if ((values == NULL) == (range == NULL))
    {
      pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "an axis has either \"values\" or \"range\"");
      return NULL;
    }
  PocsimStudyAxis *ax = g_new0 (PocsimStudyAxis, 1);
  ax->path = g_strdup (path_text);
  ax->where = pocsim_json_doc_where (&rd->doc, pp);
  ax->values = g_ptr_array_new_with_free_func (g_free);
  ax->value_where = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *pv = pocsim_json_ptr_key (ptr, values ? "values" : "range");
  if (values ? !read_values (rd, values, pv, path, ax) : !read_range (rd, range, pv, path, ax))
    {
      pocsim_study_axis_free (ax);
      return NULL;
    }
  return ax;
}

/* Whether PATH is on an axis already read: an earlier dimension's, or one
 * of the first N axes of DIM. */
static gboolean
path_used (const PocsimStudy *st, const PocsimStudyDim *dim, guint n, const char *path)
{
  for (guint d = 0; d < st->dims->len; d++)
    {
      const PocsimStudyDim *other = st->dims->pdata[d];
      for (guint a = 0; a < other->axes->len; a++)
        if (strcmp (((PocsimStudyAxis *) other->axes->pdata[a])->path, path) == 0)
          return TRUE;
    }
  for (guint a = 0; a < n; a++)
    if (strcmp (((PocsimStudyAxis *) dim->axes->pdata[a])->path, path) == 0)
      return TRUE;
  return FALSE;
}

/* An axis, or {"zip": [axis, ...]} of axes with as many values each. */
static gboolean
read_dim (Reader *rd, const json_t *v, const char *ptr, PocsimStudy *st)
{
  g_autoptr (PocsimStudyDim) dim = g_new0 (PocsimStudyDim, 1);
  dim->axes = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_study_axis_free);
  const json_t *zip = json_object_get (v, "zip");
  if (json_is_object (v) && zip != NULL)
    {
      g_autofree char *pz = pocsim_json_ptr_key (ptr, "zip");
      if (!pocsim_keys_check_in (rd, v, &pocsim_study_zip_keys, ptr))
        return FALSE;
      if (!json_is_array (zip) || json_array_size (zip) < 2)
        return pocsim_json_doc_fail (&rd->doc, pz, rd->error, "zip must be an array of at least two axes");
      for (gsize k = 0; k < json_array_size (zip); k++)
        {
          g_autofree char *pa = pocsim_json_ptr_index (pz, k);
          PocsimStudyAxis *ax = read_axis (rd, json_array_get (zip, k), pa);
          if (ax == NULL)
            return FALSE;
          g_ptr_array_add (dim->axes, ax);
          if (ax->values->len != ((PocsimStudyAxis *) dim->axes->pdata[0])->values->len)
            return pocsim_json_doc_fail (&rd->doc, pa, rd->error,
                                         "zipped axes have as many values each (%u here, %u in the first)",
                                         ax->values->len, ((PocsimStudyAxis *) dim->axes->pdata[0])->values->len);
        }
    }
  else
    {
      PocsimStudyAxis *ax = read_axis (rd, v, ptr);
      if (ax == NULL)
        return FALSE;
      g_ptr_array_add (dim->axes, ax);
    }
  for (guint a = 0; a < dim->axes->len; a++)
    {
      const PocsimStudyAxis *ax = dim->axes->pdata[a];
      if (path_used (st, dim, a, ax->path))
        return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "the path %s is on two axes", ax->path);
    }
  dim->n_values = ((PocsimStudyAxis *) dim->axes->pdata[0])->values->len;
  g_ptr_array_add (st->dims, g_steal_pointer (&dim));
  return TRUE;
}

static gboolean
read_axes (Reader *rd, const json_t *axes, PocsimStudy *st)
{
  if (axes == NULL)
    return TRUE;
  if (!json_is_array (axes))
    return pocsim_json_doc_fail (&rd->doc, "/axes", rd->error, "axes must be an array of axes");
  guint64 points = 1;
  for (gsize k = 0; k < json_array_size (axes); k++)
    {
      g_autofree char *p = pocsim_json_ptr_index ("/axes", k);
      if (!read_dim (rd, json_array_get (axes, k), p, st))
        return FALSE;
      points *= ((PocsimStudyDim *) st->dims->pdata[st->dims->len - 1])->n_values;
      if (points > MAX_POINTS)
        return pocsim_json_doc_fail (&rd->doc, p, rd->error, "the grid has more than %d points", MAX_POINTS);
    }
  return TRUE;
}

/* ---- the behaviour model ---- */

static PocsimBehaviourRule *
read_rule (Reader *rd, const json_t *v, const char *ptr)
{
  if (!expect_object (rd, v, ptr, "a behaviour rule")
      || !pocsim_keys_check_in (rd, v, &pocsim_study_behaviour_rule_keys, ptr))
    return NULL;
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_behaviour_rule_free);
  PocsimBehaviourRule *r = g_new0 (PocsimBehaviourRule, 1);
  g_ptr_array_add (keep, r);
  r->where = pocsim_json_doc_where (&rd->doc, ptr);
  r->run_weight = -1;
  g_autofree char *ph = pocsim_json_ptr_key (ptr, "hosts");
  g_autofree char *pm = pocsim_json_ptr_key (ptr, "models");
  if (!read_names (rd, json_object_get (v, "hosts"), ph, "hosts", &r->hosts)
      || !read_names (rd, json_object_get (v, "models"), pm, "models", &r->models))
    return NULL;
  const json_t *cells = json_object_get (v, "cells");
  g_autofree char *pc = pocsim_json_ptr_key (ptr, "cells");
  static const char *const cell_names[] = { "all", "running", "not_running", NULL };
  if (cells != NULL)
    {
      guint k;
      for (k = 0; cell_names[k] && !(json_is_string (cells) && strcmp (json_string_value (cells), cell_names[k]) == 0); k++)
        ;
      if (cell_names[k] == NULL)
        {
          pocsim_json_doc_fail (&rd->doc, pc, rd->error, "cells is \"all\", \"running\" or \"not_running\"");
          return NULL;
        }
      r->cells = (PocsimCellSelect) k;
    }
  PocsimDec sum = pocsim_dec_zero ();
  gboolean any = FALSE;
  for (guint a = 0; a < POCSIM_N_ACTIONS; a++)
    {
      const json_t *p = json_object_get (v, pocsim_action_name (a));
      g_autofree char *pp = pocsim_json_ptr_key (ptr, pocsim_action_name (a));
      PocsimDec d = pocsim_dec_zero ();
      if (p != NULL && !read_probability (rd, p, pp, pocsim_action_name (a), &d))
        return NULL;
      any |= p != NULL;
      sum = pocsim_dec_add (sum, d);
      r->p[a] = pocsim_dec_to_double (d);
    }
  if (!any || pocsim_dec_cmp (sum, pocsim_dec_one ()) != 0)
    {
      g_autofree char *text = decimal_text (sum);
      pocsim_json_doc_fail (&rd->doc, ptr, rd->error,
                            "the probabilities of keep, run, delegate, refuse, intent and nothing must sum to 1, "
                            "not %s",
                            text);
      return NULL;
    }
  const json_t *to = json_object_get (v, "delegate_to");
  g_autofree char *pt = pocsim_json_ptr_key (ptr, "delegate_to");
  if (json_is_array (to))
    {
      r->target = POCSIM_TARGET_LIST;
      if (!read_names (rd, to, pt, "delegate_to", &r->targets))
        return NULL;
    }
  else if (to == NULL || (json_is_string (to) && strcmp (json_string_value (to), "largest") == 0))
    r->target = POCSIM_TARGET_LARGEST;
  else if (json_is_string (to) && strcmp (json_string_value (to), "random") == 0)
    r->target = POCSIM_TARGET_RANDOM;
  else
    {
      pocsim_json_doc_fail (&rd->doc, pt, rd->error,
                            "delegate_to is \"largest\", \"random\" or an array of addresses");
      return NULL;
    }
  const json_t *w = json_object_get (v, "run_weight");
  g_autofree char *pw = pocsim_json_ptr_key (ptr, "run_weight");
  if (w != NULL && !read_int (rd, w, pw, "run_weight", 0, G_MAXINT64 / 2, &r->run_weight))
    return NULL;
  return g_ptr_array_steal_index (keep, 0);
}

static gboolean
read_noise (Reader *rd, const json_t *v, const char *ptr, PocsimBehaviour *b)
{
  g_autofree char *pl = pocsim_json_ptr_key (ptr, "lognormal");
  g_autofree char *ps = pocsim_json_ptr_key (pl, "sigma");
  const json_t *l = json_object_get (v, "lognormal");
  PocsimDec sigma;
  if (!expect_object (rd, v, ptr, "poc_noise ({\"lognormal\": {\"sigma\": \"0.1\"}})")
      || !pocsim_keys_check_in (rd, v, &pocsim_study_poc_noise_keys, ptr)
      || !expect_object (rd, l, pl, "poc_noise.lognormal")
      || !pocsim_keys_check_in (rd, l, &pocsim_study_lognormal_keys, pl)
      || !read_decimal (rd, json_object_get (l, "sigma"), ps, "sigma", &sigma))
    return FALSE;
  if (pocsim_dec_cmp (sigma, pocsim_dec_zero ()) < 0 || pocsim_dec_cmp (sigma, pocsim_dec_from_int64 (10)) > 0)
    return pocsim_json_doc_fail (&rd->doc, ps, rd->error, "sigma must be in [0, 10]");
  b->noise_sigma = pocsim_dec_to_double (sigma);
  return TRUE;
}

static gboolean
read_join (Reader *rd, const json_t *v, const char *ptr, PocsimBehaviour *b)
{
  g_autofree char *pc = pocsim_json_ptr_key (ptr, "count");
  g_autofree char *pp = pocsim_json_ptr_key (ptr, "probability");
  g_autofree char *pw = pocsim_json_ptr_key (ptr, "weight");
  g_autofree char *pm = pocsim_json_ptr_key (ptr, "models");
  g_autofree char *px = pocsim_json_ptr_key (ptr, "prefix");
  gint64 count;
  PocsimDec p;
  const char *prefix = "gonka1newcomer";
  if (!expect_object (rd, v, ptr, "join") || !pocsim_keys_check_in (rd, v, &pocsim_study_join_keys, ptr)
      || !read_int (rd, json_object_get (v, "count"), pc, "join.count", 1, MAX_JOIN, &count)
      || !read_probability (rd, json_object_get (v, "probability"), pp, "join.probability", &p)
      || !read_int (rd, json_object_get (v, "weight"), pw, "join.weight", 0, G_MAXINT64 / 2, &b->join_weight)
      || !read_names (rd, json_object_get (v, "models"), pm, "join.models", &b->join_models)
      || (json_object_get (v, "prefix") && !read_text (rd, json_object_get (v, "prefix"), px, "join.prefix", &prefix)))
    return FALSE;
  b->join_count = (guint) count;
  b->join_probability = pocsim_dec_to_double (p);
  b->join_prefix = g_strdup (prefix);
  return TRUE;
}

static gboolean
read_behaviour (Reader *rd, const json_t *v, PocsimStudy *st)
{
  PocsimBehaviour *b = &st->behaviour;
  if (v == NULL)
    return TRUE;
  st->has_behaviour = TRUE;
  if (!expect_object (rd, v, "/behaviour", "behaviour")
      || !pocsim_keys_check_in (rd, v, &pocsim_study_behaviour_keys, "/behaviour"))
    return FALSE;
  const json_t *rules = json_object_get (v, "rules");
  if (rules != NULL && !json_is_array (rules))
    return pocsim_json_doc_fail (&rd->doc, "/behaviour/rules", rd->error, "behaviour.rules must be an array of rules");
  for (gsize k = 0; k < json_array_size (rules); k++)
    {
      g_autofree char *p = pocsim_json_ptr_index ("/behaviour/rules", k);
      PocsimBehaviourRule *r = read_rule (rd, json_array_get (rules, k), p);
      if (r == NULL)
        return FALSE;
      g_ptr_array_add (b->rules, r);
    }
  PocsimDec leave = pocsim_dec_zero ();
  if (json_object_get (v, "poc_noise") && !read_noise (rd, json_object_get (v, "poc_noise"), "/behaviour/poc_noise", b))
    return FALSE;
  if (json_object_get (v, "leave")
      && !read_probability (rd, json_object_get (v, "leave"), "/behaviour/leave", "leave", &leave))
    return FALSE;
  b->leave = pocsim_dec_to_double (leave);
  return json_object_get (v, "join") == NULL || read_join (rd, json_object_get (v, "join"), "/behaviour/join", b);
}

/* ---- metrics, plots ---- */

static gboolean
read_metric_list (Reader *rd, const json_t *v, const char *ptr, const char *what, gboolean *on, guint n,
                  const char *(*name) (guint))
{
  if (v == NULL)
    return TRUE;
  if (!json_is_array (v))
    return pocsim_json_doc_fail (&rd->doc, ptr, rd->error, "%s must be an array of metric names", what);
  for (guint m = 0; m < n; m++)
    on[m] = FALSE;
  for (gsize k = 0; k < json_array_size (v); k++)
    {
      g_autofree char *p = pocsim_json_ptr_index (ptr, k);
      const char *text;
      if (!read_text (rd, json_array_get (v, k), p, "a metric name", &text))
        return FALSE;
      guint m;
      for (m = 0; m < n && strcmp (name (m), text) != 0; m++)
        ;
      if (m == n)
        {
          g_autoptr (GString) list = g_string_new (NULL);
          for (guint j = 0; j < n; j++)
            g_string_append_printf (list, "%s%s", j ? ", " : "", name (j));
          return pocsim_json_doc_fail (&rd->doc, p, rd->error, "unknown %s metric \"%s\" (known: %s)", what, text,
                                       list->str);
        }
      on[m] = TRUE;
    }
  return TRUE;
}

static const char *
host_metric (guint m)
{
  return pocsim_host_metric_name (m);
}

static const char *
network_metric (guint m)
{
  return pocsim_network_metric_name (m);
}

static gboolean
read_metrics (Reader *rd, const json_t *v, PocsimStudy *st)
{
  if (v == NULL)
    return TRUE;
  return expect_object (rd, v, "/metrics", "metrics")
         && pocsim_keys_check_in (rd, v, &pocsim_study_metrics_keys, "/metrics")
         && read_metric_list (rd, json_object_get (v, "host"), "/metrics/host", "host", st->host_metric,
                              POCSIM_N_HOST_METRICS, host_metric)
         && read_metric_list (rd, json_object_get (v, "network"), "/metrics/network", "network",
                              st->network_metric, POCSIM_N_NET_METRICS, network_metric)
         && read_names (rd, json_object_get (v, "hosts"), "/metrics/hosts", "metrics.hosts", &st->hosts);
}

static gboolean
read_plot (Reader *rd, const json_t *v, PocsimStudy *st)
{
  const char *host;
  if (v == NULL)
    return TRUE;
  if (!expect_object (rd, v, "/plot", "plot") || !pocsim_keys_check_in (rd, v, &pocsim_study_plot_keys, "/plot")
      || !read_text (rd, json_object_get (v, "host"), "/plot/host", "plot.host", &host))
    return FALSE;
  st->plot_host = g_strdup (host);
  return TRUE;
}

/* ---- the study ---- */

static gboolean
read_base (Reader *rd, const json_t *v, const char *path, PocsimStudy *st)
{
  if (v == NULL)
    return pocsim_json_doc_fail (&rd->doc, "", rd->error, "a study needs a base: {\"case\": FILE} or {\"scenario\": FILE}");
  if (!expect_object (rd, v, "/base", "base ({\"case\": FILE} or {\"scenario\": FILE})")
      || !pocsim_keys_check_in (rd, v, &pocsim_study_base_keys, "/base"))
    return FALSE;
  if (json_object_size (v) != 1)
    return pocsim_json_doc_fail (&rd->doc, "/base", rd->error, "base is either {\"case\": FILE} or {\"scenario\": FILE}");
  const char *kind = json_object_get (v, "case") ? "case" : "scenario";
  g_autofree char *p = pocsim_json_ptr_key ("/base", kind);
  const char *file;
  if (!read_text (rd, json_object_get (v, kind), p, kind, &file))
    return FALSE;
  st->base_kind = strcmp (kind, "case") == 0 ? POCSIM_BASE_CASE : POCSIM_BASE_SCENARIO;
  g_autofree char *dir = path ? g_path_get_dirname (path) : g_strdup (".");
  st->base_path = g_path_is_absolute (file) ? g_strdup (file) : g_build_filename (dir, file, NULL);
  st->base_where = pocsim_json_doc_where (&rd->doc, p);
  return TRUE;
}

static gboolean
read_study (Reader *rd, const json_t *root, const char *path, PocsimStudy *st)
{
  if (!expect_object (rd, root, "", "a study") || !pocsim_keys_check_in (rd, root, &pocsim_study_keys, ""))
    return FALSE;
  const json_t *format = json_object_get (root, "format");
  if (!json_is_string (format) || strcmp (json_string_value (format), "pocsim-study/1") != 0)
    return pocsim_json_doc_fail (&rd->doc, format ? "/format" : "", rd->error, "format must be \"pocsim-study/1\"");
  const json_t *d = json_object_get (root, "description");
  if (d != NULL && !json_is_string (d))
    return pocsim_json_doc_fail (&rd->doc, "/description", rd->error, "description must be a string");
  st->description = g_strdup (json_string_value (d));
  const char *rules;
  if (json_object_get (root, "rules"))
    {
      if (!read_text (rd, json_object_get (root, "rules"), "/rules", "rules", &rules))
        return FALSE;
      if (pocsim_rule_set_lookup (rules) == NULL)
        return pocsim_json_doc_fail (&rd->doc, "/rules", rd->error, "unknown rule set \"%s\" (see 'pocsim rules')", rules);
      st->rules = g_strdup (rules);
    }
  gint64 seed = 0;
  if (!read_base (rd, json_object_get (root, "base"), path, st)
      || (json_object_get (root, "epochs")
          && !read_int (rd, json_object_get (root, "epochs"), "/epochs", "epochs", 1, MAX_EPOCHS, &st->epochs))
      || !read_axes (rd, json_object_get (root, "axes"), st)
      || (json_object_get (root, "runs")
          && !read_int (rd, json_object_get (root, "runs"), "/runs", "runs", 1, MAX_RUNS, &st->runs))
      || (json_object_get (root, "seed")
          && !read_int (rd, json_object_get (root, "seed"), "/seed", "seed", 0, G_MAXINT64, &seed))
      || !read_behaviour (rd, json_object_get (root, "behaviour"), st)
      || !read_metrics (rd, json_object_get (root, "metrics"), st) || !read_plot (rd, json_object_get (root, "plot"), st))
    return FALSE;
  st->seed = (guint64) seed;
  if ((gint64) pocsim_study_points (st) * st->runs > MAX_TOTAL_RUNS)
    return pocsim_json_doc_fail (&rd->doc, "/runs", rd->error, "grid points x runs is more than %" G_GINT64_FORMAT,
                                 MAX_TOTAL_RUNS);
  return TRUE;
}

PocsimStudy *
pocsim_study_from_json (const char *text, gsize len, const char *name, const char *path, GError **error)
{
  Reader rd = { { text, len, name }, error };
  g_autoptr (json_t) root = pocsim_json_doc_parse (&rd.doc, error);
  if (root == NULL)
    return NULL;
  g_autoptr (PocsimStudy) st = pocsim_study_new (name);
  if (!read_study (&rd, root, path, st))
    return NULL;
  return g_steal_pointer (&st);
}

PocsimStudy *
pocsim_study_load (const char *path, char **sha256, GError **error)
{
  gsize len;
  g_autofree char *text = pocsim_read_input (path, &len, error);
  if (text == NULL)
    return NULL;
  gboolean stdin_ = strcmp (path, "-") == 0;
  PocsimStudy *st = pocsim_study_from_json (text, len, stdin_ ? "<stdin>" : path, stdin_ ? NULL : path, error);
  if (st != NULL && sha256 != NULL)
    *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, len);
  return st;
}

/* ---- the grid ---- */

static PocsimCase *
point_case (const PocsimStudy *st, const json_t *base_doc, guint k, GError **error)
{
  g_autoptr (json_t) doc = json_deep_copy (base_doc);
  PocsimDocWritten w = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new (), st->base_path };
  PocsimCase *c = NULL;
  for (guint d = 0; d < st->dims->len; d++)
    {
      const PocsimStudyDim *dim = st->dims->pdata[d];
      guint v = pocsim_study_value_index (st, k, d);
      for (guint a = 0; a < dim->axes->len; a++)
        {
          const PocsimStudyAxis *ax = dim->axes->pdata[a];
          g_autoptr (PocsimDocPath) path = pocsim_doc_path_parse (ax->path, NULL);
          g_autoptr (json_t) value = json_string (ax->values->pdata[v]);
          g_autoptr (GError) local = NULL;
          char *pointer = NULL;
          if (st->base_kind == POCSIM_BASE_SCENARIO && strcmp (ax->path, "upcoming_epoch") == 0)
            {
              g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                           "%s: upcoming_epoch cannot vary over a scenario (its timeline names the epochs)", ax->where);
              goto out;
            }
          if (!pocsim_doc_path_set (doc, path, value, &pointer, &local))
            {
              g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: %s", ax->where, local->message);
              goto out;
            }
          g_ptr_array_add (w.pointers, pointer);
          g_ptr_array_add (w.wheres, ax->value_where->pdata[v]);
        }
    }
  c = pocsim_case_from_tree (doc, pocsim_doc_written_locate, &w, NULL, error);
out:
  g_ptr_array_unref (w.pointers);
  g_ptr_array_unref (w.wheres);
  return c;
}

static gboolean
hash_file (const char *path, GPtrArray *inputs, GError **error)
{
  gsize len;
  g_autofree char *text = pocsim_read_input (path, &len, error);
  if (text == NULL)
    return FALSE;
  g_ptr_array_add (inputs, pocsim_input_file_new (path, text, len));
  return TRUE;
}

PocsimStudyGrid *
pocsim_study_grid_new (const PocsimStudy *st, GError **error)
{
  g_autoptr (PocsimStudyGrid) g = g_new0 (PocsimStudyGrid, 1);
  g->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_input_file_free);
  g_autoptr (PocsimCase) base_case = NULL;
  const PocsimCase *base;
  g_autoptr (GError) local = NULL;
  if (st->base_kind == POCSIM_BASE_CASE)
    base_case = pocsim_case_load_traced (st->base_path, NULL, g->inputs, NULL, &local);
  else if (hash_file (st->base_path, g->inputs, &local))
    g->scenario = pocsim_scenario_load (st->base_path, &local);
  if (local != NULL)
    {
      /* A base that cannot be opened is named where the study names it;
       * an error inside the base is located in the base. */
      if (local->code == POCSIM_ERROR_IO)
        g_prefix_error (&local, "%s: ", st->base_where);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  base = base_case ? base_case : g->scenario->start;
  /* The base as a document: the same for every base form, and what the
   * parameter paths address. */
  g_autoptr (json_t) doc = pocsim_case_to_json (base);
  if (st->rules)
    json_object_set_new (doc, "rules", json_string (st->rules));
  g->n_points = pocsim_study_points (st);
  g->cases = g_new0 (PocsimCase *, g->n_points);
  for (guint k = 0; k < g->n_points; k++)
    if ((g->cases[k] = point_case (st, doc, k, error)) == NULL)
      return NULL;
  return g_steal_pointer (&g);
}
