#include "io/result_table.h"

#include <string.h>

/* A short column title for a model: the part after the last '/'. */
static const char *
short_model (const char *id)
{
  const char *slash = strrchr (id, '/');
  return slash ? slash + 1 : id;
}

static void
write_header (const PocsimEpochResult *r, FILE *out)
{
  const PocsimCase *c = r->source;
  fprintf (out, "pocsim %s  rule set %s  upcoming epoch %" G_GINT64_FORMAT "  previous total weight %" G_GINT64_FORMAT "%s\n\n",
           POCSIM_VERSION, r->rules->name, c->upcoming_epoch, r->total_previous_weight,
           c->collateral_not_captured && pocsim_case_collateral_applies (c) ? "  collateral: none captured" : "");
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
               pocsim_dec_format (c->models[m].coeff, coeff), g->raw_total, cap, pocsim_dec_format (g->scale, scale));
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

static void
write_participants (const PocsimEpochResult *r, FILE *out)
{
  const PocsimCase *c = r->source;
  guint width = 7;
  for (guint a = 0; a < c->n_addrs; a++)
    if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
      width = MAX (width, strlen (c->addrs[a]));
  fprintf (out, "Participants (per model: mode and voting power)\n  %-*s %10s %8s %9s %9s %10s %10s", width, "ADDRESS",
           "CONSENSUS", "PENALTY", "IN", "OUT", "AFTER", "FINAL");
  if (r->rules->reward_only_penalties)
    fprintf (out, " %10s", "REWARD_W");
  for (guint m = 0; m < c->n_models; m++)
    if (r->groups[m].has_members || r->is_bootstrap_candidate[m])
      fprintf (out, "  %-22.22s", short_model (c->models[m].id));
  fputc ('\n', out);
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
      for (guint m = 0; m < c->n_models; m++)
        if (r->groups[m].has_members || r->is_bootstrap_candidate[m])
          {
            g_autofree char *text = cell_text (r, m, a);
            fprintf (out, "  %-22s", text);
          }
      fputc ('\n', out);
    }
}

gboolean
pocsim_result_write_table (const PocsimEpochResult *r, FILE *out)
{
  write_header (r, out);
  write_bootstrap (r, out);
  write_groups (r, out);
  write_participants (r, out);
  return !ferror (out);
}
