#include "io/result_table.h"

#include <string.h>

#include "io/legend.h"
#include "io/model_labels.h"
#include "io/units.h"

/* Why this rule set, when pocsim chose it: " (from height 4,105,361)". */
static char *
rules_reason_text (const PocsimCase *c)
{
  char h[POCSIM_UNITS_SIZE];
  if (c->rules_reason == POCSIM_RULES_FROM_HEIGHT)
    return g_strdup_printf (" (from height %s)", pocsim_thousands_format (c->height, h));
  if (c->rules_reason == POCSIM_RULES_FROM_DEFAULT)
    return g_strdup (" (the default: the case names no rule set and no height)");
  return g_strdup ("");
}

/* The epoch reward R the shares are of, or why there is none. */
static void
write_epoch_reward (const PocsimEpochResult *r, FILE *out)
{
  const PocsimParams *p = &r->source->params;
  char gnk[POCSIM_UNITS_SIZE], initial[POCSIM_UNITS_SIZE], decay[POCSIM_DEC_FORMAT_SIZE];
  if (!p->has_reward)
    {
      fputs ("  epoch reward: unknown (the case has no params.bitcoin_reward_params): no REWARD column\n", out);
      return;
    }
  fprintf (out, "  epoch reward R %s GNK = trunc(%s GNK x exp(%s x (%" G_GINT64_FORMAT " - %" G_GUINT64_FORMAT
           "))), from params.bitcoin_reward_params\n", pocsim_gnk_format (r->epoch_reward, gnk),
           pocsim_gnk_format ((gint64) MIN (p->initial_epoch_reward, (guint64) G_MAXINT64), initial),
           pocsim_dec_format_short (p->decay_rate, decay), r->source->upcoming_epoch, p->reward_genesis_epoch);
}

static void
write_header (const PocsimEpochResult *r, const char *const *settings, FILE *out)
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
  if (r->halt_error == NULL)
    write_epoch_reward (r, out);
  for (const char *const *set = settings; set && *set; set++)
    fprintf (out, "%s%s", set == settings ? "  with --set " : ", ", *set);
  if (settings && *settings)
    fputc ('\n', out);
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
  char coeff[POCSIM_DEC_FORMAT_SIZE], scale[POCSIM_DEC_FORMAT_SIZE], cap[POCSIM_UNITS_SIZE];
  fprintf (out, "Groups\n  %-40s %-8s %22s %12s %12s %22s\n", "MODEL", "ELIGIBLE", "COEFF", "RAW_TOTAL", "CAP", "SCALE");
  for (guint m = 0; m < c->n_models; m++)
    {
      const PocsimGroupResult *g = &r->groups[m];
      if (!g->has_members)
        continue;
      pocsim_cap_format (g->cap, cap);
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

/* Mode and VP for one cell: "DIRECT 1234", "DELEGATE", "NONE", "-". */
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

/* The per-model columns of the participants table: the models with members
 * or bootstrap candidates, each with its short label and width. */
typedef struct {
  guint n;
  guint *model;     /* [n] model index */
  char **labels;    /* [n + 1] */
  const char **ids; /* [n] */
  guint *width;     /* [n] */
} ModelColumns;

static void
model_columns_clear (ModelColumns *mc)
{
  g_free (mc->model);
  g_strfreev (mc->labels);
  g_free (mc->ids);
  g_free (mc->width);
}

static void
model_columns_init (const PocsimEpochResult *r, ModelColumns *mc)
{
  const PocsimCase *c = r->source;
  mc->n = 0;
  mc->model = g_new (guint, c->n_models);
  mc->ids = g_new (const char *, c->n_models);
  for (guint m = 0; m < c->n_models; m++)
    if (r->groups[m].has_members || r->is_bootstrap_candidate[m])
      {
        mc->model[mc->n] = m;
        mc->ids[mc->n++] = c->models[m].id;
      }
  mc->labels = pocsim_model_labels (mc->ids, mc->n);
  mc->width = g_new (guint, mc->n);
  for (guint k = 0; k < mc->n; k++)
    {
      mc->width[k] = strlen (mc->labels[k]);
      for (guint a = 0; a < c->n_addrs; a++)
        if (c->addr_flags[a] & POCSIM_ADDR_ACTIVE)
          {
            g_autofree char *text = cell_text (r, mc->model[k], a);
            mc->width[k] = MAX (mc->width[k], strlen (text));
          }
    }
}

static void
write_model_titles (const ModelColumns *mc, FILE *out)
{
  for (guint k = 0; k < mc->n; k++) /* the last column unpadded: no trailing blanks */
    fprintf (out, "  %-*s", k + 1 < mc->n ? (int) mc->width[k] : 0, mc->labels[k]);
  fputc ('\n', out);
}

static void
write_model_cells (const PocsimEpochResult *r, const ModelColumns *mc, guint a, FILE *out)
{
  for (guint k = 0; k < mc->n; k++)
    {
      g_autofree char *text = cell_text (r, mc->model[k], a);
      fprintf (out, "  %-*s", k + 1 < mc->n ? (int) mc->width[k] : 0, text);
    }
  fputc ('\n', out);
}

/* The penalty fraction as a percentage with two decimals (truncated). */
static const char *
penalty_percent (PocsimDec penalty, char buf[POCSIM_UNITS_SIZE])
{
  gint64 per_ten_thousand = 0;
  pocsim_dec_mul_int64_trunc (penalty, 10000, &per_ten_thousand); /* penalty ≤ 1 */
  return pocsim_percent_format (per_ten_thousand, 10000, 2, buf);
}

/* REWARD and SHARE cells, when the case has reward params. */
static void
write_reward_cells (const PocsimEpochResult *r, guint a, FILE *out)
{
  char gnk[POCSIM_UNITS_SIZE], share[POCSIM_UNITS_SIZE];
  if (r->source->params.has_reward)
    fprintf (out, " %20s %9s", pocsim_gnk_format (r->reward[a], gnk),
             pocsim_percent_format (r->reward[a], r->epoch_reward, 4, share));
}

static void
write_reward_titles (const PocsimEpochResult *r, FILE *out)
{
  if (r->source->params.has_reward)
    fprintf (out, " %20s %9s", "REWARD_GNK", "SHARE");
}

static void
write_participants (const PocsimEpochResult *r, const ModelColumns *mc, FILE *out)
{
  const PocsimCase *c = r->source;
  guint width = address_width (c);
  char pen[POCSIM_UNITS_SIZE];
  fprintf (out, "Participants\n  %-*s %10s %8s %9s %9s %10s %10s", width, "ADDRESS", "CONSENSUS", "PENALTY", "IN", "OUT",
           "AFTER", "FINAL");
  if (r->rules->reward_only_penalties)
    fprintf (out, " %10s", "REWARD_W");
  write_reward_titles (r, out);
  write_model_titles (mc, out);
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
        continue;
      fprintf (out, "  %-*s %10" G_GINT64_FORMAT " %8s %9" G_GINT64_FORMAT " %9" G_GINT64_FORMAT " %10" G_GINT64_FORMAT
               " %10" G_GINT64_FORMAT, width, c->addrs[a], r->consensus[a], penalty_percent (r->penalty[a], pen),
               r->transfer_in[a], r->transfer_out[a], r->after_penalty[a], r->final[a]);
      if (r->rules->reward_only_penalties)
        fprintf (out, " %10" G_GINT64_FORMAT, r->reward_weight[a]);
      write_reward_cells (r, a, out);
      write_model_cells (r, mc, a, out);
    }
}

/* v0.2.16: each host's previous confirmed weight, real and trust weights;
 * voting power in the model cells comes from the trust weight. */
static void
write_trust_participants (const PocsimEpochResult *r, const ModelColumns *mc, FILE *out)
{
  const PocsimCase *c = r->source;
  guint width = address_width (c);
  char pen[POCSIM_UNITS_SIZE];
  fprintf (out, "Participants\n  %-*s %10s %10s %8s %10s %10s %10s", width, "ADDRESS", "PREV_CONF", "CONSENSUS",
           "PENALTY", "FINAL", "TRUST", "REWARD_W");
  write_reward_titles (r, out);
  write_model_titles (mc, out);
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
        continue;
      char prev[32] = "new";
      if (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS)
        g_snprintf (prev, sizeof prev, "%" G_GINT64_FORMAT, r->prev_weight[a]);
      fprintf (out, "  %-*s %10s %10" G_GINT64_FORMAT " %8s %10" G_GINT64_FORMAT " %10" G_GINT64_FORMAT
               " %10" G_GINT64_FORMAT, width, c->addrs[a], prev, r->consensus[a], penalty_percent (r->penalty[a], pen),
               r->final[a], r->cap_weight[a], r->reward_weight[a]);
      write_reward_cells (r, a, out);
      write_model_cells (r, mc, a, out);
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

/* ---- the legend ---- */

static void
legend_bootstrap (PocsimLegend *l)
{
  pocsim_legend_note (l, "Bootstrap pre-eligibility:");
  pocsim_legend_add (l, "PRE", "pre-eligible (yes/no) at the bootstrap snapshot; advisory, it only decides\n"
                                "the penalty of intent holders who then do not run the model (docs/rules.md, step 1)");
  pocsim_legend_add (l, "WEIGHT", "ok when INTENT_WEIGHT reaches trunc(w_threshold x T_E), else FAIL");
  pocsim_legend_add (l, "V_MIN", "ok when HOSTS reaches v_min, else FAIL");
  pocsim_legend_add (l, "REACH", "ok when 3 x REACHABLE > 2 x T_E, else FAIL");
  pocsim_legend_add (l, "HOSTS", "intent holders with a previous weight W_E > 0");
  pocsim_legend_add (l, "INTENT_WEIGHT", "the intent holders' previous weight (weight units)");
  pocsim_legend_add (l, "REACHABLE", "INTENT_WEIGHT plus the W_E of hosts delegating the model to an intent holder");
}

static void
legend_coefficients (PocsimLegend *l)
{
  pocsim_legend_note (l, "Coefficients (v0.2.16):");
  pocsim_legend_add (l, "EFFECTIVE", "the coefficient the model's group uses this epoch");
  pocsim_legend_add (l, "BASE", "the base coefficient the controller moves from; - = not set");
  pocsim_legend_add (l, "STEP", "the controller's adaptive step; - = not set");
  pocsim_legend_add (l, "SIGN", "the direction of the last step: -1, 0 or 1");
  pocsim_legend_add (l, "CONFIRMS", "yes = the model takes part in confirmation PoC; no = exclude_from_confirmation");
}

static void
legend_groups (const PocsimEpochResult *r, PocsimLegend *l)
{
  pocsim_legend_note (l, "Groups:");
  pocsim_legend_add (l, "ELIGIBLE", "yes when the model's group is eligible this epoch (docs/rules.md, step 3):\n"
                                     "its members' previous weight reaches trunc(w_threshold x T_E) and it has v_min established\n"
                                     "members (PoC weight and previous weight both above 0)");
  pocsim_legend_add (l, "COEFF", r->rules->dynamic_coefficients
                                     ? "the model's effective (dynamic) coefficient this epoch"
                                     : "the model's coefficient, its weight_scale_factor");
  pocsim_legend_add (l, "RAW_TOTAL", "sum over the members of trunc(COEFF x PoC weight), in weight units");
  pocsim_legend_add (l, "CAP", "the group cap trunc(cap_factor x T_E), in weight units;\n" POCSIM_CAP_NONE_MEANING);
  pocsim_legend_add (l, "SCALE", "CAP / RAW_TOTAL when RAW_TOTAL exceeds CAP, else 1: each member's weight in the group\n"
                                  "is multiplied by it (docs/rules.md, step 5)");
}

/* The host columns, in the meaning the table's rule set gives them. */
static void
legend_participants (const PocsimEpochResult *r, PocsimLegend *l)
{
  gboolean v214 = r->rules->reward_only_penalties, trust = r->rules->trust_weights;
  pocsim_legend_note (l, "Participants:");
  if (trust)
    pocsim_legend_add (l, "PREV_CONF", "the previous confirmed weight the formation read (0 after a failed\n"
                                        "miss-rate test); new = not a host of the previous epoch");
  pocsim_legend_add (l, "CONSENSUS", trust ? "O, the consensus weight: sum over eligible models of trunc(COEFF x seated PoC weight) x SCALE"
                                           : "O, the consensus weight: sum over eligible models of trunc(COEFF x PoC weight) x SCALE\n"
                                             "(docs/rules.md, step 5)");
  pocsim_legend_add (l, "PENALTY", v214 ? "the penalty fraction: summed over models, capped at 100 %; recorded at formation, it cuts\n"
                                          "the reward weight at settlement, not the stored weight (docs/versions.md)"
                                        : "the penalty fraction: summed over models, capped at 100 %, taken from O (docs/rules.md, step 6)");
  if (!trust)
    {
      pocsim_legend_add (l, "IN, OUT", v214 ? "reward weight received from delegators / handed to delegates at settlement:\n"
                                              "delegation_share x the delegator's reward weight after its penalty, per model;\n"
                                              "the stored weight is not moved"
                                            : "weight received from delegators / handed to delegates: delegation_share x O\n"
                                              "per delegated model (docs/rules.md, step 6)");
      pocsim_legend_add (l, "AFTER", v214 ? "equal to CONSENSUS: penalties and transfers no longer change the stored weight"
                                          : "CONSENSUS less the penalty and OUT, plus IN");
    }
  pocsim_legend_add (l, "FINAL", "the weight stored for the epoch, after collateral and the power cap (steps 7 and 8)");
  if (trust)
    pocsim_legend_add (l, "TRUST", "the trust weight: min(FINAL, PREV_CONF), 0 for a newcomer, then the power cap;\n"
                                    "voting power comes from it");
  if (v214)
    pocsim_legend_add (l, "REWARD_W", "the weight the reward is computed from: FINAL, power-capped again, less the penalty,\n"
                                       "less the transfers out, plus the transfers in");
  if (r->source->params.has_reward)
    {
      pocsim_legend_add (l, "REWARD_GNK", v214 ? "the host's reward for the epoch in GNK (1 GNK = 10^9 ngonka; JSON and CSV give ngonka):\n"
                                                 "trunc(REWARD_W x R / D), D = the sum of the unpenalised final weights;\n"
                                                 "what penalties cut goes to governance, not to other hosts"
                                               : "the host's reward for the epoch in GNK (1 GNK = 10^9 ngonka; JSON and CSV give ngonka):\n"
                                                 "trunc(W x R / D), W = FINAL power-capped again, D = the sum of W");
      pocsim_legend_add (l, "SHARE", "REWARD_GNK as a percentage of the epoch reward R (truncated)");
    }
  pocsim_legend_addf (l, "(model)", "per model: the host's mode (eligible: DIRECT, DELEGATE, REFUSE, NONE; bootstrap\n"
                                    "candidate: DIRECT, DELEGATE, INTENT_OK, INTENT_MISSED, NONE), then its voting power\n"
                                    "in the model when it has some%s; - = no mode",
                      trust ? " (from the trust weight)" : "");
}

gboolean
pocsim_result_write_table_legend (const PocsimEpochResult *r, FILE *out)
{
  g_autofree char *title = g_strdup_printf ("Legend (rule set %s)", r->rules->name);
  g_autoptr (PocsimLegend) l = pocsim_legend_new (title);
  if (r->n_bootstrap > 0)
    legend_bootstrap (l);
  if (r->halt_error == NULL)
    {
      if (r->rules->trust_weights)
        legend_coefficients (l);
      legend_groups (r, l);
      legend_participants (r, l);
    }
  pocsim_legend_note (l, "Weights are the chain's integer weight units; T_E is the previous total weight in the header.");
  return pocsim_legend_write (l, out);
}

gboolean
pocsim_result_write_table_body (const PocsimEpochResult *r, FILE *out)
{
  return pocsim_result_write_table_body_with (r, NULL, out);
}

gboolean
pocsim_result_write_table_body_with (const PocsimEpochResult *r, const char *const *settings, FILE *out)
{
  write_header (r, settings, out);
  write_bootstrap (r, out);
  if (r->halt_error != NULL)
    return !ferror (out);
  if (r->rules->trust_weights)
    write_coefficients (r, out);
  write_groups (r, out);
  ModelColumns mc;
  model_columns_init (r, &mc);
  pocsim_model_labels_write (out, mc.ids, mc.labels, mc.n);
  if (r->rules->trust_weights)
    write_trust_participants (r, &mc, out);
  else
    write_participants (r, &mc, out);
  model_columns_clear (&mc);
  return !ferror (out);
}

gboolean
pocsim_result_write_table (const PocsimEpochResult *r, FILE *out)
{
  return pocsim_result_write_table_with (r, NULL, out);
}

gboolean
pocsim_result_write_table_with (const PocsimEpochResult *r, const char *const *settings, FILE *out)
{
  return pocsim_result_write_table_body_with (r, settings, out) && pocsim_result_write_table_legend (r, out);
}
