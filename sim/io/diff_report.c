/* diff_report.c - the report of `pocsim diff` (diff_report.h). */
#include "io/diff_report.h"

#include <string.h>

#include "io/json_autoptr.h"
#include "io/legend.h"
#include "io/plot_script.h"
#include "io/result_csv.h"
#include "io/units.h"

/* ---- one value as text ---- */

typedef struct {
  char a[POCSIM_DEC_FORMAT_SIZE], b[POCSIM_DEC_FORMAT_SIZE];
  char change[POCSIM_DEC_FORMAT_SIZE]; /* "" when a change means nothing (words, a missing cap) */
  char percent[POCSIM_UNITS_SIZE];     /* "" when A is 0 or the value is not a number */
} ValueText;

/* B - A of two decimals as a decimal, and its percentage of A when both fit. */
static void
dec_change (PocsimDec a, PocsimDec b, ValueText *t)
{
  PocsimDec change = pocsim_dec_sub (b, a);
  pocsim_dec_format (change, t->change);
  if (change.i >= G_MININT64 && change.i <= G_MAXINT64 && a.i >= G_MININT64 && a.i <= G_MAXINT64)
    pocsim_percent_format ((gint64) change.i, (gint64) a.i, 2, t->percent);
}

/* TABLE: "none" for an absent cap, rewards in GNK, a '+' on rises. */
static void
value_text (const PocsimDiffValue *v, gboolean table, ValueText *t)
{
  memset (t, 0, sizeof *t);
  gboolean gnk = table && strcmp (v->field, "reward") == 0;
  switch (v->kind)
    {
    case POCSIM_DIFF_INT:
    case POCSIM_DIFF_CAP:
      if (v->kind == POCSIM_DIFF_CAP && table)
        {
          pocsim_cap_format (v->a, t->a);
          pocsim_cap_format (v->b, t->b);
        }
      else if (gnk)
        {
          pocsim_gnk_format (v->a, t->a);
          pocsim_gnk_format (v->b, t->b);
        }
      else
        {
          g_snprintf (t->a, sizeof t->a, "%" G_GINT64_FORMAT, v->a);
          g_snprintf (t->b, sizeof t->b, "%" G_GINT64_FORMAT, v->b);
        }
      if (v->kind == POCSIM_DIFF_CAP && (v->a < 0 || v->b < 0))
        break; /* to or from no cap: no amount */
      if (gnk)
        pocsim_gnk_format (v->b - v->a, t->change);
      else
        g_snprintf (t->change, sizeof t->change, "%" G_GINT64_FORMAT, v->b - v->a);
      pocsim_percent_format (v->b - v->a, v->a, 2, t->percent);
      break;
    case POCSIM_DIFF_DEC:
      pocsim_dec_format (v->da, t->a);
      pocsim_dec_format (v->db, t->b);
      dec_change (v->da, v->db, t);
      break;
    case POCSIM_DIFF_TEXT:
      g_strlcpy (t->a, v->ta, sizeof t->a);
      g_strlcpy (t->b, v->tb, sizeof t->b);
      break;
    }
  if (table && t->change[0] != '\0' && t->change[0] != '-')
    {
      char signed_change[POCSIM_DEC_FORMAT_SIZE];
      g_snprintf (signed_change, sizeof signed_change, "+%s", t->change);
      g_strlcpy (t->change, signed_change, sizeof t->change);
    }
  if (!table && t->percent[0] != '\0')
    t->percent[strlen (t->percent) - 1] = '\0'; /* machine formats: the number without '%' */
}

static const char *
field_label (const PocsimDiffValue *v, gboolean table)
{
  return table && strcmp (v->field, "reward") == 0 ? "reward_gnk" : v->field;
}

/* printf, then the line without trailing blanks (empty last columns). */
static void G_GNUC_PRINTF (2, 3)
put_line (FILE *out, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *line = g_strdup_vprintf (format, ap);
  va_end (ap);
  fprintf (out, "%s\n", g_strchomp (line));
}

/* ---- the summary ---- */

char *
pocsim_diff_summary_groups (const PocsimDiff *d)
{
  g_autoptr (GString) s = g_string_new (NULL);
  char a[POCSIM_UNITS_SIZE], b[POCSIM_UNITS_SIZE], ca[POCSIM_UNITS_SIZE], cb[POCSIM_UNITS_SIZE];
  for (guint k = 0; k < d->groups->len; k++)
    {
      const PocsimDiffGroup *g = &g_array_index (d->groups, PocsimDiffGroup, k);
      if (g->eligible[0] != g->eligible[1])
        g_string_append_printf (s, "%s%s eligible %s -> %s", s->len ? "; " : "", g->model_id,
                                g->eligible[0] ? "yes" : "no", g->eligible[1] ? "yes" : "no");
      else if (g->cap[0] != g->cap[1])
        g_string_append_printf (s, "%s%s cap %s -> %s", s->len ? "; " : "", g->model_id,
                                g->cap[0] < 0 ? pocsim_cap_format (g->cap[0], ca) : pocsim_thousands_format (g->cap[0], a),
                                g->cap[1] < 0 ? pocsim_cap_format (g->cap[1], cb) : pocsim_thousands_format (g->cap[1], b));
    }
  if (s->len == 0)
    g_string_append (s, "no model changes eligibility or cap");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
write_summary (const PocsimDiff *d, FILE *out)
{
  char n1[POCSIM_UNITS_SIZE], n2[POCSIM_UNITS_SIZE], n3[POCSIM_UNITS_SIZE], n4[POCSIM_UNITS_SIZE];
  char pct[POCSIM_UNITS_SIZE];
  g_autofree char *groups = pocsim_diff_summary_groups (d);
  fprintf (out, "Summary\n  groups: %s\n", groups);
  fprintf (out, "  hosts: %u of %u change; %u gain weight, %u lose weight, %u lose all of it\n", d->hosts_changed,
           d->hosts->len, d->hosts_gaining, d->hosts_losing, d->hosts_losing_all);
  if (d->hosts_gaining + d->hosts_losing == 0)
    fprintf (out, "  weight moved: none; total final weight %s", pocsim_thousands_format (d->weight_total[0], n3));
  else
    fprintf (out, "  weight moved: +%s to %u host%s, -%s from %u; total final weight %s -> %s",
             pocsim_thousands_format (d->weight_gained, n1), d->hosts_gaining, d->hosts_gaining == 1 ? "" : "s",
             pocsim_thousands_format (d->weight_lost, n2), d->hosts_losing, pocsim_thousands_format (d->weight_total[0], n3),
             pocsim_thousands_format (d->weight_total[1], n4));
  if (d->weight_total[0] != 0 && d->weight_total[0] != d->weight_total[1])
    fprintf (out, " (%s%s)", d->weight_total[1] >= d->weight_total[0] ? "+" : "",
             pocsim_percent_format (d->weight_total[1] - d->weight_total[0], d->weight_total[0], 2, pct));
  fputc ('\n', out);
  if (!(d->has_reward[0] && d->has_reward[1]))
    {
      fprintf (out, "  reward: not compared (a side has no params.bitcoin_reward_params)\n");
      return;
    }
  char r0[POCSIM_UNITS_SIZE], r1[POCSIM_UNITS_SIZE];
  pocsim_gnk_format (d->epoch_reward[0], r0);
  pocsim_gnk_format (d->epoch_reward[1], r1);
  if (d->reward_gained == 0 && d->reward_lost == 0)
    fprintf (out, "  reward moved: none");
  else
    fprintf (out, "  reward moved: +%s GNK, -%s GNK", pocsim_gnk_format (d->reward_gained, n1),
             pocsim_gnk_format (d->reward_lost, n2));
  fprintf (out, "; paid to hosts %s -> %s GNK of the epoch reward %s%s%s GNK\n", pocsim_gnk_format (d->reward_total[0], n3),
           pocsim_gnk_format (d->reward_total[1], n4), r0, strcmp (r0, r1) != 0 ? " -> " : "",
           strcmp (r0, r1) != 0 ? r1 : "");
}

/* ---- table ---- */

static void
write_side (const char *label, const PocsimDiffSide *s, FILE *out)
{
  fprintf (out, "  %s: %s under %s", label, s->name, s->rules);
  for (const char *const *set = s->settings; set && *set; set++)
    fprintf (out, "%s%s", set == s->settings ? " with " : ", ", *set);
  fputc ('\n', out);
}

static void
group_row (const char *model, const char *field, const char *a, const char *b, const char *change, const char *pct,
           FILE *out)
{
  put_line (out, "  %-40s %-18s %22s %22s %22s %9s", model, field, a, b, change, pct);
}

/* One field of a group as a row: both values, and the change when they differ. */
static void
group_field (const char *model, const PocsimDiffValue *v, gboolean changed_only, FILE *out)
{
  ValueText t;
  gboolean same = v->kind == POCSIM_DIFF_DEC ? pocsim_dec_cmp (v->da, v->db) == 0
                  : v->kind == POCSIM_DIFF_TEXT ? strcmp (v->ta, v->tb) == 0
                                                : v->a == v->b;
  if (same && changed_only)
    return;
  value_text (v, TRUE, &t);
  if (same)
    t.change[0] = t.percent[0] = '\0';
  group_row (model, v->field, t.a, t.b, t.change, t.percent, out);
}

/* A group's fields in a fixed order: all of them, or those that change. */
static void
write_group (const PocsimDiffGroup *g, gboolean changed_only, FILE *out)
{
  char ca[POCSIM_DEC_FORMAT_SIZE] = "-", cb[POCSIM_DEC_FORMAT_SIZE] = "-";
  if (g->has_coeff[0])
    pocsim_dec_format (g->coeff[0], ca);
  if (g->has_coeff[1])
    pocsim_dec_format (g->coeff[1], cb);
  gboolean both_coeff = g->has_coeff[0] && g->has_coeff[1];
  const PocsimDiffValue fields[] = {
    { "", g->model_id, "eligible", POCSIM_DIFF_TEXT, .ta = (char *) (g->eligible[0] ? "yes" : "no"),
      .tb = (char *) (g->eligible[1] ? "yes" : "no") },
    both_coeff ? (PocsimDiffValue) { "", g->model_id, "coefficient", POCSIM_DIFF_DEC, .da = g->coeff[0], .db = g->coeff[1] }
               : (PocsimDiffValue) { "", g->model_id, "coefficient", POCSIM_DIFF_TEXT, .ta = ca, .tb = cb },
    { "", g->model_id, "raw_total", POCSIM_DIFF_INT, .a = g->raw_total[0], .b = g->raw_total[1] },
    { "", g->model_id, "cap", POCSIM_DIFF_CAP, .a = g->cap[0], .b = g->cap[1] },
    { "", g->model_id, "scale", POCSIM_DIFF_DEC, .da = g->scale[0], .db = g->scale[1] },
    { "", g->model_id, "capped_total", POCSIM_DIFF_INT, .a = g->capped_total[0], .b = g->capped_total[1] },
    { "", g->model_id, "voting_power_total", POCSIM_DIFF_INT, .a = g->vp_total[0], .b = g->vp_total[1] },
  };
  for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
    group_field (g->model_id, &fields[k], changed_only, out);
}

static void
write_groups (const PocsimDiffReport *r, FILE *out)
{
  const PocsimDiff *d = r->diff;
  fprintf (out, "\nGroups (A -> B)\n");
  group_row ("MODEL", "FIELD", "A", "B", "CHANGE", "%", out);
  guint shown = 0;
  for (guint k = 0; k < d->groups->len; k++)
    {
      const PocsimDiffGroup *g = &g_array_index (d->groups, PocsimDiffGroup, k);
      if (r->changed_only && !g->changed)
        continue;
      write_group (g, r->changed_only, out);
      shown++;
    }
  if (shown == 0)
    fprintf (out, "  no group changes\n");
}

static guint
address_width (const PocsimDiff *d)
{
  guint width = 7;
  for (guint k = 0; k < d->hosts->len; k++)
    width = MAX (width, strlen (g_array_index (d->hosts, PocsimDiffHost, k).address));
  return width;
}

static void
write_hosts (const PocsimDiffReport *r, FILE *out)
{
  const PocsimDiff *d = r->diff;
  gboolean reward = d->has_reward[0] && d->has_reward[1];
  int w = (int) address_width (d);
  fprintf (out, "\nHosts (A -> B)\n  %-*s %10s %10s %10s %9s", w, "ADDRESS", "FINAL_A", "FINAL_B", "CHANGE", "%");
  if (reward)
    fprintf (out, " %20s %20s %20s", "REWARD_A_GNK", "REWARD_B_GNK", "CHANGE_GNK");
  fputc ('\n', out);
  guint shown = 0;
  for (guint k = 0; k < d->hosts->len; k++)
    {
      const PocsimDiffHost *h = &g_array_index (d->hosts, PocsimDiffHost, k);
      if (r->changed_only && !h->changed)
        continue;
      char fa[32] = "-", fb[32] = "-", change[32], pct[POCSIM_UNITS_SIZE];
      if (h->present[0])
        g_snprintf (fa, sizeof fa, "%" G_GINT64_FORMAT, h->final[0]);
      if (h->present[1])
        g_snprintf (fb, sizeof fb, "%" G_GINT64_FORMAT, h->final[1]);
      g_snprintf (change, sizeof change, "%+" G_GINT64_FORMAT, h->final[1] - h->final[0]);
      g_autofree char *rewards = NULL;
      if (reward)
        {
          char ra[POCSIM_UNITS_SIZE], rb[POCSIM_UNITS_SIZE], rc[POCSIM_UNITS_SIZE];
          pocsim_gnk_format (h->reward[1] - h->reward[0], rc);
          g_autofree char *signed_rc = g_strconcat (h->reward[1] >= h->reward[0] ? "+" : "", rc, NULL);
          rewards = g_strdup_printf (" %20s %20s %20s", pocsim_gnk_format (h->reward[0], ra),
                                     pocsim_gnk_format (h->reward[1], rb), signed_rc);
        }
      put_line (out, "  %-*s %10s %10s %10s %9s%s", w, h->address, fa, fb, change,
                pocsim_percent_format (h->final[1] - h->final[0], h->final[0], 2, pct), rewards ? rewards : "");
      shown++;
    }
  if (shown == 0)
    fprintf (out, "  no host changes\n");
}

static void
write_values (const PocsimDiff *d, FILE *out)
{
  int w = (int) MAX (address_width (d), 7);
  fprintf (out, "\nEvery host value that differs (A -> B)\n  %-*s %-40s %-14s %22s %22s %22s %9s\n", w, "ADDRESS", "MODEL",
           "FIELD", "A", "B", "CHANGE", "%");
  guint shown = 0;
  for (guint k = 0; k < d->values->len; k++)
    {
      const PocsimDiffValue *v = &g_array_index (d->values, PocsimDiffValue, k);
      if (*v->address == '\0' && *v->model_id != '\0')
        continue; /* a group's value: in the groups section */
      ValueText t;
      value_text (v, TRUE, &t);
      put_line (out, "  %-*s %-40s %-14s %22s %22s %22s %9s", w, *v->address ? v->address : "-",
                *v->model_id ? v->model_id : "-", field_label (v, TRUE), t.a, t.b, t.change, t.percent);
      shown++;
    }
  if (shown == 0)
    fprintf (out, "  none\n");
}

static gboolean
write_legend (const PocsimDiffReport *r, FILE *out)
{
  g_autoptr (PocsimLegend) l = pocsim_legend_new ("Legend");
  pocsim_legend_add (l, "A, B", "the two formations compared (the header says how each was formed)");
  pocsim_legend_add (l, "CHANGE", "B - A; % = CHANGE as a percentage of A (empty when A is 0 or the value is a word)");
  pocsim_legend_add (l, "eligible", "the group is eligible this epoch (docs/rules.md, step 3)");
  pocsim_legend_add (l, "coefficient", "the model's coefficient (weight_scale_factor, or v0.2.16's effective one); - = none");
  pocsim_legend_add (l, "raw_total", "sum over the members of trunc(coefficient x PoC weight), weight units");
  pocsim_legend_add (l, "cap", "the group cap trunc(cap_factor x T_E);\n" POCSIM_CAP_NONE_MEANING);
  pocsim_legend_add (l, "scale", "cap / raw_total when raw_total exceeds the cap, else 1");
  pocsim_legend_add (l, "capped_total", "what the members' consensus weights get from the group: sum of trunc(scale x raw)");
  pocsim_legend_add (l, "voting_power_total", "the sum of the voting powers in the model");
  pocsim_legend_add (l, "FINAL", "the host's stored weight for the epoch (weight units); - = not a participant on that side");
  if (r->diff->has_reward[0] && r->diff->has_reward[1])
    pocsim_legend_add (l, "REWARD_*_GNK", "the host's reward for the epoch, GNK (1 GNK = 10^9 ngonka; JSON and CSV give ngonka)");
  pocsim_legend_add (l, "previous", "the previous weight the formation read (W_E, or v0.2.16's previous confirmed weight)");
  pocsim_legend_add (l, "penalty", "the penalty fraction (summed over models, capped at 1)");
  pocsim_legend_add (l, "reward_weight", "the weight the reward is computed from");
  pocsim_legend_add (l, "mode, voting_power", "per model: the host's participation mode and voting power");
  pocsim_legend_note (l, "Exit status: 0 no differences, 1 differences, 2 bad input or usage (as diff(1)).");
  return pocsim_legend_write (l, out);
}

gboolean
pocsim_diff_write_table (const PocsimDiffReport *r, FILE *out)
{
  const PocsimDiff *d = r->diff;
  fprintf (out, "pocsim %s diff\n", POCSIM_VERSION);
  write_side ("A", &r->side[0], out);
  write_side ("B", &r->side[1], out);
  fputc ('\n', out);
  if (!pocsim_diff_any (d))
    {
      fprintf (out, "No differences: every group and host value compared is the same under A and B.\n");
      return !ferror (out);
    }
  write_summary (d, out);
  for (guint k = 0; k < d->values->len; k++)
    {
      const PocsimDiffValue *v = &g_array_index (d->values, PocsimDiffValue, k);
      if (strcmp (v->field, "halt") == 0)
        fprintf (out, "  halt: %s -> %s\n", v->ta, v->tb);
    }
  write_groups (r, out);
  write_hosts (r, out);
  write_values (d, out);
  return write_legend (r, out);
}

/* ---- CSV ---- */

gboolean
pocsim_diff_write_csv (const PocsimDiffReport *r, FILE *out)
{
  static const char *const header[] = { "address", "model_id", "field", "a", "b", "change", "percent" };
  if (!pocsim_csv_write_row (out, header, G_N_ELEMENTS (header)))
    return FALSE;
  for (guint k = 0; k < r->diff->values->len; k++)
    {
      const PocsimDiffValue *v = &g_array_index (r->diff->values, PocsimDiffValue, k);
      ValueText t;
      value_text (v, FALSE, &t);
      const char *fields[] = { v->address, v->model_id, v->field, t.a, t.b, t.change, t.percent };
      if (!pocsim_csv_write_row (out, fields, G_N_ELEMENTS (fields)))
        return FALSE;
    }
  return TRUE;
}

/* ---- JSON ---- */

static json_t *
side_json (const PocsimDiffSide *s)
{
  json_t *o = json_pack ("{s:s, s:s}", "case", s->name, "rules", s->rules);
  if (s->settings && *s->settings)
    {
      json_t *list = json_array ();
      for (const char *const *set = s->settings; *set; set++)
        json_array_append_new (list, json_string (*set));
      json_object_set_new (o, "set", list);
    }
  return o;
}

static json_t *
pair_int (const gint64 v[2])
{
  return json_pack ("[I, I]", (json_int_t) v[0], (json_int_t) v[1]);
}

static json_t *
pair_dec (const PocsimDec v[2])
{
  char a[POCSIM_DEC_FORMAT_SIZE], b[POCSIM_DEC_FORMAT_SIZE];
  return json_pack ("[s, s]", pocsim_dec_format (v[0], a), pocsim_dec_format (v[1], b));
}

static json_t *
summary_json (const PocsimDiff *d)
{
  json_t *eligibility = json_array (), *lose_all = json_array ();
  for (guint k = 0; k < d->groups->len; k++)
    {
      const PocsimDiffGroup *g = &g_array_index (d->groups, PocsimDiffGroup, k);
      if (g->eligible[0] != g->eligible[1])
        json_array_append_new (eligibility, json_pack ("{s:s, s:b, s:b}", "model_id", g->model_id, "a", g->eligible[0],
                                                       "b", g->eligible[1]));
    }
  for (guint k = 0; k < d->hosts->len; k++)
    {
      const PocsimDiffHost *h = &g_array_index (d->hosts, PocsimDiffHost, k);
      if (h->final[0] > 0 && h->final[1] == 0)
        json_array_append_new (lose_all, json_string (h->address));
    }
  json_t *o = json_pack ("{s:o, s:i, s:i, s:i, s:i, s:o}", "eligibility", eligibility, "hosts", (int) d->hosts->len,
                         "hosts_changed", (int) d->hosts_changed, "hosts_gaining", (int) d->hosts_gaining, "hosts_losing",
                         (int) d->hosts_losing, "hosts_losing_all_weight", lose_all);
  json_object_set_new (o, "weight", json_pack ("{s:o, s:I, s:I}", "total", pair_int (d->weight_total), "gained",
                                               (json_int_t) d->weight_gained, "lost", (json_int_t) d->weight_lost));
  json_object_set_new (o, "reward", d->has_reward[0] && d->has_reward[1]
                                        ? json_pack ("{s:o, s:o, s:I, s:I}", "epoch_reward", pair_int (d->epoch_reward),
                                                     "paid", pair_int (d->reward_total), "gained",
                                                     (json_int_t) d->reward_gained, "lost", (json_int_t) d->reward_lost)
                                        : json_null ());
  return o;
}

static json_t *
coeff_json (const PocsimDiffGroup *g, int s)
{
  char buf[POCSIM_DEC_FORMAT_SIZE];
  return g->has_coeff[s] ? json_string (pocsim_dec_format (g->coeff[s], buf)) : json_null ();
}

static json_t *
groups_json (const PocsimDiffReport *r)
{
  json_t *list = json_array ();
  for (guint k = 0; k < r->diff->groups->len; k++)
    {
      const PocsimDiffGroup *g = &g_array_index (r->diff->groups, PocsimDiffGroup, k);
      if (r->changed_only && !g->changed)
        continue;
      json_t *o = json_pack ("{s:s, s:b, s:[b, b], s:[o, o], s:o, s:o, s:o, s:o, s:o}", "model_id", g->model_id,
                             "changed", g->changed, "eligible", g->eligible[0], g->eligible[1], "coefficient",
                             coeff_json (g, 0), coeff_json (g, 1), "raw_total", pair_int (g->raw_total), "cap",
                             pair_int (g->cap), "scale", pair_dec (g->scale), "capped_total", pair_int (g->capped_total),
                             "voting_power_total", pair_int (g->vp_total));
      json_array_append_new (list, o);
    }
  return list;
}

static json_t *
hosts_json (const PocsimDiffReport *r)
{
  json_t *list = json_array ();
  for (guint k = 0; k < r->diff->hosts->len; k++)
    {
      const PocsimDiffHost *h = &g_array_index (r->diff->hosts, PocsimDiffHost, k);
      if (r->changed_only && !h->changed)
        continue;
      json_array_append_new (list, json_pack ("{s:s, s:b, s:[b, b], s:o, s:o, s:o, s:o}", "address", h->address, "changed",
                                              h->changed, "present", h->present[0], h->present[1], "final",
                                              pair_int (h->final), "penalty", pair_dec (h->penalty), "reward_weight",
                                              pair_int (h->reward_weight), "reward", pair_int (h->reward)));
    }
  return list;
}

static json_t *
changes_json (const PocsimDiff *d)
{
  json_t *list = json_array ();
  for (guint k = 0; k < d->values->len; k++)
    {
      const PocsimDiffValue *v = &g_array_index (d->values, PocsimDiffValue, k);
      ValueText t;
      value_text (v, FALSE, &t);
      json_t *row = json_pack ("{s:s, s:s, s:s, s:s, s:s}", "address", v->address, "model_id", v->model_id, "field",
                               v->field, "a", t.a, "b", t.b);
      json_object_set_new (row, "change", t.change[0] ? json_string (t.change) : json_null ());
      json_object_set_new (row, "percent", t.percent[0] ? json_string (t.percent) : json_null ());
      json_array_append_new (list, row);
    }
  return list;
}

gboolean
pocsim_diff_write_json (const PocsimDiffReport *r, FILE *out)
{
  const PocsimDiff *d = r->diff;
  g_autoptr (json_t) doc = json_object ();
  json_object_set_new (doc, "format", json_string ("pocsim-diff/1"));
  json_object_set_new (doc, "a", side_json (&r->side[0]));
  json_object_set_new (doc, "b", side_json (&r->side[1]));
  json_object_set_new (doc, "different", json_boolean (pocsim_diff_any (d)));
  json_object_set_new (doc, "summary", summary_json (d));
  json_object_set_new (doc, "groups", groups_json (r));
  json_object_set_new (doc, "hosts", hosts_json (r));
  json_object_set_new (doc, "changes", changes_json (d));
  return json_dumpf (doc, out, JSON_INDENT (2) | JSON_PRESERVE_ORDER) == 0 && fputc ('\n', out) != EOF;
}

/* ---- charts ---- */

typedef struct {
  const char *address;
  gint64 change;
} HostChange;

/* Largest rise first; equal changes by address. */
static int
compare_changes (gconstpointer a, gconstpointer b)
{
  const HostChange *x = a, *y = b;
  if (x->change != y->change)
    return x->change > y->change ? -1 : 1;
  return strcmp (x->address, y->address);
}

/* One chart of the hosts' changes: of final weight (REWARD FALSE) or of
 * reward in GNK. */
static gboolean
plot_changes (const PocsimDiffReport *r, gboolean reward, const char *dir, GPtrArray *names, GError **error)
{
  const PocsimDiff *d = r->diff;
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (HostChange));
  for (guint k = 0; k < d->hosts->len; k++)
    {
      const PocsimDiffHost *h = &g_array_index (d->hosts, PocsimDiffHost, k);
      HostChange hc = { h->address, reward ? h->reward[1] - h->reward[0] : h->final[1] - h->final[0] };
      if (hc.change != 0)
        g_array_append_val (changes, hc);
    }
  if (changes->len == 0)
    return TRUE; /* gnuplot draws no empty chart */
  g_array_sort (changes, compare_changes);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = g_new (double, changes->len);
  for (guint k = 0; k < changes->len; k++)
    {
      const HostChange *hc = &g_array_index (changes, HostChange, k);
      char buf[POCSIM_UNITS_SIZE];
      g_ptr_array_add (labels, g_strdup (pocsim_short_address (hc->address, buf)));
      values[k] = reward ? (double) hc->change / (double) POCSIM_NGONKA_PER_GNK : (double) hc->change;
    }
  const char *what = reward ? "reward" : "final weight";
  g_autofree char *title = g_strdup_printf ("Change of each host's %s, B - A (the %u host%s whose %s changes; A, B "
                                            "as in the report)", what, changes->len, changes->len == 1 ? "" : "s", what);
  PocsimPlotBars p = {
    title, "host", reward ? "change of reward (GNK)" : "change of final weight (weight units)", changes->len,
    (const char *const *) labels->pdata, values,
  };
  const char *name = reward ? "diff-reward" : "diff-weight";
  if (!pocsim_plot_bars (dir, name, &p, error))
    return FALSE;
  g_ptr_array_add (names, g_strdup (name));
  return TRUE;
}

gboolean
pocsim_diff_write_plots (const char *dir, GPtrArray *names, gpointer report, GError **error)
{
  const PocsimDiffReport *r = report;
  return plot_changes (r, FALSE, dir, names, error)
         && (!(r->diff->has_reward[0] && r->diff->has_reward[1]) || plot_changes (r, TRUE, dir, names, error));
}
