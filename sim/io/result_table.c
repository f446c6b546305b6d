#include "io/result_table.h"

#include <string.h>

/* A short column title for a model: the part after the last '/'. */
static const char *
short_model (const char *id)
{
  const char *slash = strrchr (id, '/');
  return slash ? slash + 1 : id;
}

/* 4105361 as "4,105,361". */
static void
thousands (gint64 v, char *buf, gsize size)
{
  char digits[32];
  g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, v);
  gsize n = strlen (digits), o = 0, lead = (digits[0] == '-');
  for (gsize i = 0; i < n && o + 2 < size; i++)
    {
      if (i > lead && (n - i) % 3 == 0)
        buf[o++] = ',';
      buf[o++] = digits[i];
    }
  buf[o] = '\0';
}

/* Why this rule set, when pocsim chose it: " (from height 4,105,361)". */
static char *
rules_reason_text (const PocsimCase *c)
{
  char h[40];
  if (c->rules_reason == POCSIM_RULES_FROM_HEIGHT)
    {
      thousands (c->height, h, sizeof h);
      return g_strdup_printf (" (from height %s)", h);
    }
  if (c->rules_reason == POCSIM_RULES_FROM_DEFAULT)
    return g_strdup (" (the default: the case names no rule set and no height)");
  return g_strdup ("");
}

static void
write_header (const PocsimEpochResult *r, FILE *out)
{
  const PocsimCase *c = r->source;
  g_autofree char *why = rules_reason_text (r->input);
  fprintf (out, "pocsim %s  rule set %s%s  upcoming epoch %" G_GINT64_FORMAT, POCSIM_VERSION, r->rules->name, why,
           c->upcoming_epoch);
  if (r->halt_error == NULL) /* a halted formation read no previous weights to speak of */
    fprintf (out, "  previous total weight %" G_GINT64_FORMAT, r->total_previous_weight);
  if (c->collateral_not_captured && pocsim_case_collateral_applies (c))
    fputs ("  collateral: none captured", out);
  fputc ('\n', out);
  if (r->rules->trust_weights)
    {
      if (r->halt_error != NULL)
        fprintf (out, "  THE CHAIN HALTS at this formation: %s\n", r->halt_error);
      else
        fprintf (out, "  previous total is of the previous confirmed weights%s%s%s\n",
                 r->fallback ? "; AP(U) from E's validators: " : "", pocsim_fallback_name (r->fallback),
                 r->zero_trust_fallback ? "; zero-trust fallback: trust = final weight" : "");
      if (c->has_bootstrap_snapshot)
        fprintf (out, "  trust base state total (pre-eligibility) %" G_GINT64_FORMAT "\n", r->base_total);
    }
  fputc ('\n', out);
}

static void
write_bootstrap (const PocsimEpochResult *r, FILE *out)
{
  const PocsimCase *c = r->source;
  if (r->n_bootstrap == 0)
    return;
  fprintf (out, "Bootstrap pre-eligibility (snapshot at P - deploy_window)\n");
  fprintf (out, "  %-40s %-5s %-6s %-5s %-6s %6s %14s %14s\n", "MODEL", "PRE", "WEIGHT", "V_MIN", "REACH", "HOSTS",
           "INTENT_WEIGHT", "REACHABLE");
  for (guint k = 0; k < r->n_bootstrap; k++)
    {
      const PocsimPreEligibility *ev = &r->bootstrap[k];
      fprintf (out, "  %-40s %-5s %-6s %-5s %-6s %6" G_GINT64_FORMAT " %14" G_GINT64_FORMAT " %14" G_GINT64_FORMAT "\n",
               c->models[ev->model].id, ev->pre_eligible ? "yes" : "no", ev->meets_weight_threshold ? "ok" : "FAIL",
               ev->meets_v_min ? "ok" : "FAIL", ev->meets_reachability ? "ok" : "FAIL", ev->intent_host_count,
               ev->intent_weight, ev->reachable_voting_power);
    }
  fputc ('\n', out);
}

static void
write_groups (const PocsimEpochResult *r, FILE *out)
{
  const PocsimCase *c = r->source;
  char coeff[POCSIM_DEC_FORMAT_SIZE], scale[POCSIM_DEC_FORMAT_SIZE], cap[32];
  fprintf (out, "Groups\n  %-40s %-8s %22s %12s %12s %22s\n", "MODEL", "ELIGIBLE", "COEFF", "RAW_TOTAL", "CAP", "SCALE");
  for (guint m = 0; m < c->n_models; m++)
    {
      const PocsimGroupResult *g = &r->groups[m];
      if (!g->has_members)
        continue;
      if (g->cap < 0)
        g_strlcpy (cap, "none", sizeof cap);
      else
        g_snprintf (cap, sizeof cap, "%" G_GINT64_FORMAT, g->cap);
      fprintf (out, "  %-40s %-8s %22s %12" G_GINT64_FORMAT " %12s %22s\n", c->models[m].id, g->eligible ? "yes" : "no",
               pocsim_dec_format (r->coefficients[m].coeff, coeff), g->raw_total, cap, pocsim_dec_format (g->scale, scale));
    }
  fputc ('\n', out);
}

static const char *
opt_dec_text (PocsimOptDec d, char *buf)
{
  return d.set ? pocsim_dec_format (d.value, buf) : "-";
}

/* v0.2.16: the coefficient scales U persists. */
static void
write_coefficients (const PocsimEpochResult *r, FILE *out)
{
  const PocsimCase *c = r->source;
  char e[POCSIM_DEC_FORMAT_SIZE], b[POCSIM_DEC_FORMAT_SIZE], s[POCSIM_DEC_FORMAT_SIZE];
  fprintf (out, "Coefficients (U's scales)\n  %-40s %22s %22s %22s %5s %-8s\n", "MODEL", "EFFECTIVE", "BASE", "STEP",
           "SIGN", "CONFIRMS");
  for (guint m = 0; m < c->n_models; m++)
    {
      const PocsimModelCoefficient *mc = &r->coefficients[m];
      if (!mc->has_scale)
        continue;
      fprintf (out, "  %-40s %22s %22s %22s %5d %-8s\n", c->models[m].id,
               opt_dec_text (mc->scale.effective_coefficient, e), opt_dec_text (mc->scale.base_coefficient, b),
               opt_dec_text (mc->scale.adaptive_step, s), mc->scale.prev_sign,
               mc->scale.exclude_from_confirmation ? "no" : "yes");
    }
  fputc ('\n', out);
}

/* Mode letter and VP for one cell: "D 1234", "G", "R", "N", "i", ... */
static char *
cell_text (const PocsimEpochResult *r, guint m, guint a)
{
  const PocsimCase *c = r->source;
  gsize k = pocsim_cell (c, m, a);
  const char *mode = r->groups[m].eligible ? pocsim_mode_name (r->mode[k])
                                           : pocsim_bootstrap_mode_name (r->bootstrap_mode[k]);
  if (r->voting_power[k] > 0)
    return g_strdup_printf ("%s %" G_GINT64_FORMAT, mode, r->voting_power[k]);
  return g_strdup (*mode ? mode : "-");
}

static guint
address_width (const PocsimCase *c)
{
  guint width = 7;
  for (guint a = 0; a < c->n_addrs; a++)
    if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
      width = MAX (width, strlen (c->addrs[a]));
  return width;
}

static void
write_model_titles (const PocsimEpochResult *r, FILE *out)
{
  const PocsimCase *c = r->source;
  for (guint m = 0; m < c->n_models; m++)
    if (r->groups[m].has_members || r->is_bootstrap_candidate[m])
      fprintf (out, "  %-22.22s", short_model (c->models[m].id));
  fputc ('\n', out);
}

static void
write_model_cells (const PocsimEpochResult *r, guint a, FILE *out)
{
  const PocsimCase *c = r->source;
  for (guint m = 0; m < c->n_models; m++)
    if (r->groups[m].has_members || r->is_bootstrap_candidate[m])
      {
        g_autofree char *text = cell_text (r, m, a);
        fprintf (out, "  %-22s", text);
      }
  fputc ('\n', out);
}

static void
write_participants (const PocsimEpochResult *r, FILE *out)
{
  const PocsimCase *c = r->source;
  guint width = address_width (c);
  fprintf (out, "Participants (per model: mode and voting power)\n  %-*s %10s %8s %9s %9s %10s %10s", width, "ADDRESS",
           "CONSENSUS", "PENALTY", "IN", "OUT", "AFTER", "FINAL");
  if (r->rules->reward_only_penalties)
    fprintf (out, " %10s", "REWARD_W");
  write_model_titles (r, out);
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
        continue;
      /* Penalty as a percentage with two decimals: for reading only. */
      fprintf (out, "  %-*s %10" G_GINT64_FORMAT " %7.2f%% %9" G_GINT64_FORMAT " %9" G_GINT64_FORMAT " %10" G_GINT64_FORMAT
               " %10" G_GINT64_FORMAT, width, c->addrs[a], r->consensus[a], 100.0 * pocsim_dec_to_double (r->penalty[a]),
               r->transfer_in[a], r->transfer_out[a], r->after_penalty[a], r->final[a]);
      if (r->rules->reward_only_penalties)
        fprintf (out, " %10" G_GINT64_FORMAT, r->reward_weight[a]);
      write_model_cells (r, a, out);
    }
}

/* v0.2.16: each host's previous confirmed weight, real and trust weights;
 * voting power in the model cells comes from the trust weight. */
static void
write_trust_participants (const PocsimEpochResult *r, FILE *out)
{
  const PocsimCase *c = r->source;
  guint width = address_width (c);
  fprintf (out, "Participants (per model: mode and voting power, from the trust weight)\n  %-*s %10s %10s %8s %10s %10s %10s",
           width, "ADDRESS", "PREV_CONF", "CONSENSUS", "PENALTY", "FINAL", "TRUST", "REWARD_W");
  write_model_titles (r, out);
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
        continue;
      char prev[32] = "new";
      if (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS)
        g_snprintf (prev, sizeof prev, "%" G_GINT64_FORMAT, r->prev_weight[a]);
      fprintf (out, "  %-*s %10s %10" G_GINT64_FORMAT " %7.2f%% %10" G_GINT64_FORMAT " %10" G_GINT64_FORMAT
               " %10" G_GINT64_FORMAT, width, c->addrs[a], prev, r->consensus[a],
               100.0 * pocsim_dec_to_double (r->penalty[a]), r->final[a], r->cap_weight[a], r->reward_weight[a]);
      write_model_cells (r, a, out);
    }
  gboolean any = FALSE;
  for (guint a = 0; a < r->input->n_addrs; a++)
    if ((r->input->addr_flags[a] & POCSIM_ADDR_ACTIVE) && !(c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
      {
        fprintf (out, "%s%s", any ? ", " : "\nDropped by seating: ", c->addrs[a]);
        any = TRUE;
      }
  if (any)
    fputc ('\n', out);
}

gboolean
pocsim_result_write_table (const PocsimEpochResult *r, FILE *out)
{
  write_header (r, out);
  write_bootstrap (r, out);
  if (r->halt_error != NULL)
    return !ferror (out);
  if (r->rules->trust_weights)
    write_coefficients (r, out);
  write_groups (r, out);
  if (r->rules->trust_weights)
    write_trust_participants (r, out);
  else
    write_participants (r, out);
  return !ferror (out);
}
