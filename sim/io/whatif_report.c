/* whatif_report.c - the reports of `pocsim whatif` (whatif_report.h). */
#include "io/whatif_report.h"

#include <math.h>
#include <string.h>

#include "core/modes.h"
#include "io/json_autoptr.h"
#include "io/legend.h"
#include "io/model_labels.h"
#include "io/plot_script.h"
#include "io/result_csv.h"
#include "io/units.h"

PocsimWhatifModel *
pocsim_whatif_model_new (guint model, gboolean bootstrap)
{
  PocsimWhatifModel *m = g_new0 (PocsimWhatifModel, 1);
  m->model = model;
  m->bootstrap = bootstrap;
  m->rows = g_array_new (FALSE, TRUE, sizeof (PocsimWhatifRow));
  return m;
}

void
pocsim_whatif_model_free (PocsimWhatifModel *m)
{
  if (m == NULL)
    return;
  for (guint k = 0; k < m->rows->len; k++)
    {
      PocsimWhatifRow *row = &g_array_index (m->rows, PocsimWhatifRow, k);
      g_free (row->problem);
      pocsim_option_outcome_clear (&row->outcome);
    }
  g_array_unref (m->rows);
  g_free (m->run.description);
  g_free (m);
}

/* ---- what the rows share ---- */

static gboolean
has_reward (const PocsimWhatifReport *r)
{
  return r->c->params.has_reward;
}

/* The height deadlines are measured from: the node's, or the case's. */
static gboolean
known_height (const PocsimWhatifReport *r, gint64 *height)
{
  if (r->clock == NULL || r->clock->height < 0)
    return FALSE;
  *height = r->clock->height;
  return TRUE;
}

static char *
option_label (const PocsimCase *c, const PocsimWhatifRow *row)
{
  if (row->option.kind == POCSIM_OPTION_DELEGATE)
    return g_strdup_printf ("delegate to %s", c->addrs[row->option.target]);
  if (row->option.kind == POCSIM_OPTION_RUN)
    return g_strdup_printf ("run (PoC weight %" G_GINT64_FORMAT ")", row->option.poc_weight);
  return g_strdup (pocsim_option_name (row->option.kind));
}

/* "block 4105401 (in 1,234 blocks, ~2026-06-12 10:05 UTC), by validation
 * start; persists"; without a height only the block, and without block
 * times no clock time. */
static char *
deadline_text (const PocsimWhatifReport *r, const PocsimWhatifRow *row)
{
  gboolean passed;
  if (row->deadline <= 0)
    return g_strdup (row->timing);
  g_autofree char *left = pocsim_blocks_left_text (r->clock, row->deadline, &passed);
  if (left == NULL)
    return g_strdup_printf ("block %" G_GINT64_FORMAT ", %s", row->deadline, row->timing);
  return g_strdup_printf ("block %" G_GINT64_FORMAT " (%s), %s", row->deadline, left, row->timing);
}

/* ---- table ---- */

static void
write_table_header (const PocsimWhatifReport *r, FILE *out)
{
  char gnk[POCSIM_UNITS_SIZE], h[POCSIM_UNITS_SIZE], when[POCSIM_UNITS_SIZE];
  fprintf (out, "pocsim %s  rule set %s  host %s  upcoming epoch %" G_GINT64_FORMAT "  forecast over %d epoch%s\n",
           POCSIM_VERSION, r->c->rules->name, r->c->addrs[r->host], r->c->upcoming_epoch, r->epochs,
           r->epochs == 1 ? "" : "s");
  for (const char *const *set = r->settings; set && *set; set++)
    fprintf (out, "%s%s%s", set == r->settings ? "  with --set " : ", ", *set, set[1] ? "" : "\n");
  if (has_reward (r))
    fprintf (out, "  epoch reward R %s GNK (params.bitcoin_reward_params)\n", pocsim_gnk_format (r->epoch_reward, gnk));
  else
    fputs ("  epoch reward: unknown (the case has no params.bitcoin_reward_params): no REWARD column\n", out);
  if (r->clock == NULL || r->clock->height < 0)
    return;
  fprintf (out, "  chain height %s from %s", pocsim_thousands_format (r->clock->height, h), r->clock_source);
  if (r->clock->has_time)
    fprintf (out, " (block time %s)", pocsim_utc_format (r->clock->time_us, TRUE, when));
  if (r->clock->has_rate)
    {
      gint64 ms = pocsim_chain_clock_block_us (r->clock) / 1000;
      fprintf (out, "; mean block interval %" G_GINT64_FORMAT ".%03" G_GINT64_FORMAT " s over the last %" G_GINT64_FORMAT
               " blocks: the times below are estimates", ms / 1000, ms % 1000, r->clock->height - r->clock->first_height);
    }
  fputc ('\n', out);
}

/* Whether two forecasts move the coefficients alike. */
static gboolean
same_coefficient_path (const PocsimCase *c, const GArray *x, const GArray *y)
{
  if (x->len != y->len)
    return FALSE;
  for (guint e = 0; e < x->len; e++)
    for (guint m = 0; m < c->n_models; m++)
      if (pocsim_dec_cmp (g_array_index (x, PocsimForecastEpoch, e).coefficient[m],
                          g_array_index (y, PocsimForecastEpoch, e).coefficient[m]) != 0)
        return FALSE;
  return TRUE;
}

/* Each model's coefficient over the forecast's epochs, once for every set
 * of options that move them alike (usually all of them). */
static void
write_paths_table (const PocsimCase *c, const GArray *rows, FILE *out)
{
  g_autofree gboolean *shown = g_new0 (gboolean, rows->len + 1);
  for (guint k = 0; k < rows->len; k++)
    {
      const GArray *path = g_array_index (rows, PocsimWhatifRow, k).outcome.path;
      if (shown[k] || path == NULL || path->len == 0)
        continue;
      GString *who = g_string_new (NULL);
      guint alike = 0;
      for (guint j = k; j < rows->len; j++)
        if (!shown[j] && same_coefficient_path (c, path, g_array_index (rows, PocsimWhatifRow, j).outcome.path))
          {
            g_autofree char *label = option_label (c, &g_array_index (rows, PocsimWhatifRow, j));
            g_string_append_printf (who, "%s%s", alike++ ? ", " : "", label);
            shown[j] = TRUE;
          }
      const PocsimForecastEpoch *first = &g_array_index (path, PocsimForecastEpoch, 0);
      fprintf (out, "  coefficients, epochs %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " (%s):\n", first->epoch,
               first->epoch + path->len - 1, alike == rows->len ? "every option" : who->str);
      g_string_free (who, TRUE);
      for (guint m = 0; m < c->n_models; m++)
        {
          if (!c->models[m].in_params)
            continue;
          fprintf (out, "    %-56s", c->models[m].id);
          for (guint e = 0; e < path->len; e++)
            {
              char buf[POCSIM_DEC_FORMAT_SIZE];
              fprintf (out, " %s", pocsim_dec_format_short (g_array_index (path, PocsimForecastEpoch, e).coefficient[m], buf));
            }
          fputc ('\n', out);
        }
    }
}

static void
write_rows_table (const PocsimWhatifReport *r, const PocsimWhatifModel *m, FILE *out)
{
  const PocsimCase *c = r->c;
  gboolean reward = has_reward (r), over_k = reward && r->epochs > 1;
  const PocsimWhatifRow *keep = &g_array_index (m->rows, PocsimWhatifRow, 0);
  fprintf (out, "  %-2s %-58s %-13s %9s %12s %8s %12s %12s %12s %12s", "", "OPTION", "MODE", "PENALTY", "WEIGHT",
           "CHANGE", "REWARD_W", "TRUST", "VP", "TARGET_VP");
  if (reward)
    fprintf (out, " %20s %9s", "REWARD_GNK", "SHARE");
  fprintf (out, " %12s %12s %12s", "AFTER_K", "TRUST_K", "VP_K");
  if (over_k)
    fprintf (out, " %20s", "REWARD_K_GNK");
  fputs ("  TX DEADLINE\n", out);
  for (guint k = 0; k < m->rows->len; k++)
    {
      const PocsimWhatifRow *row = &g_array_index (m->rows, PocsimWhatifRow, k);
      const PocsimOptionOutcome *o = &row->outcome;
      char pen[POCSIM_DEC_FORMAT_SIZE], gnk[POCSIM_UNITS_SIZE], share[POCSIM_UNITS_SIZE];
      g_autofree char *label = option_label (c, row);
      g_autofree char *deadline = deadline_text (r, row);
      pocsim_dec_format (o->penalty, pen);
      pen[5] = '\0'; /* "0.150": three decimals are enough to read */
      fprintf (out, "  %-2s %-58s %-13s %9s %12" G_GINT64_FORMAT " %+8" G_GINT64_FORMAT " %12" G_GINT64_FORMAT
               " %12" G_GINT64_FORMAT " %12" G_GINT64_FORMAT " %12" G_GINT64_FORMAT,
               row->best ? "*" : "", label, o->mode, pen, o->final, o->final - keep->outcome.final, o->reward_weight,
               o->cap_weight, o->voting_power, o->target_vp);
      if (reward)
        fprintf (out, " %20s %9s", pocsim_gnk_format (o->reward, gnk), pocsim_percent_format (o->reward, r->epoch_reward, 4, share));
      fprintf (out, " %12" G_GINT64_FORMAT " %12" G_GINT64_FORMAT " %12" G_GINT64_FORMAT, o->final_k, o->cap_weight_k,
               o->voting_power_k);
      if (over_k)
        fprintf (out, " %20s", pocsim_gnk_format (o->reward_k, gnk));
      fprintf (out, "  %s\n", deadline);
      if (row->problem)
        fprintf (out, "     ! %s\n", row->problem);
    }
  if (m->ties > 1)
    fprintf (out, "  * %u options tie on weight after %d epoch%s, next epoch's weight, reward weight and reward; any of them is as good.\n",
             m->ties, r->epochs, r->epochs == 1 ? "" : "s");
  if (r->epochs > 1)
    write_paths_table (c, m->rows, out);
}

static gboolean
write_legend (const PocsimWhatifReport *r, FILE *out)
{
  gboolean v214 = r->c->rules->reward_only_penalties;
  g_autofree char *title = g_strdup_printf ("Legend (rule set %s)", r->c->rules->name);
  g_autoptr (PocsimLegend) l = pocsim_legend_new (title);
  pocsim_legend_add (l, "*", "the best option of the model: the most WEIGHT after K epochs (AFTER_K), then next epoch\n"
                             "(WEIGHT), then the most REWARD_W, then the most reward over the K epochs");
  pocsim_legend_add (l, "OPTION", "keep: the records as they are (the baseline); run: commit PoC for the model with that raw\n"
                                  "PoC weight; delegate to T; refuse; intent (bootstrap candidates); nothing: clear the records");
  pocsim_legend_add (l, "MODE", "the host's mode in the model next epoch (eligible: DIRECT, DELEGATE, REFUSE, NONE;\n"
                                "bootstrap candidate: DIRECT, DELEGATE, INTENT_OK, INTENT_MISSED, NONE)");
  pocsim_legend_add (l, "PENALTY", v214 ? "the host's penalty fraction next epoch, all models (three decimals); it cuts REWARD_W only"
                                        : "the host's penalty fraction next epoch, all models (three decimals), taken from its weight");
  pocsim_legend_add (l, "WEIGHT", v214 ? "the weight stored next epoch, in weight units; penalties and transfers do not change it"
                                       : "the weight stored next epoch, in weight units, after penalties and transfers");
  pocsim_legend_add (l, "CHANGE", "WEIGHT less keep's WEIGHT");
  pocsim_legend_add (l, "REWARD_W", "the weight the host's reward is computed from next epoch");
  pocsim_legend_add (l, "TRUST", "the host's trust weight next epoch: v0.2.16's CapWeight, voting power comes from it;\n"
                                 "the stored weight before v0.2.16");
  pocsim_legend_add (l, "VP", "the host's voting power in the model next epoch");
  pocsim_legend_add (l, "TARGET_VP", "delegate rows: the target's voting power in the model next epoch; 0 in other rows");
  if (has_reward (r))
    {
      pocsim_legend_add (l, "REWARD_GNK", "the host's reward next epoch, GNK (1 GNK = 10^9 ngonka; JSON and CSV give ngonka)");
      pocsim_legend_add (l, "SHARE", "REWARD_GNK as a percentage of the epoch reward R (truncated)");
    }
  pocsim_legend_add (l, "AFTER_K", "the weight stored after K epochs in which the host keeps to the option (1 = WEIGHT)");
  pocsim_legend_add (l, "TRUST_K, VP_K", "the trust weight and the voting power in the model after the K epochs");
  if (has_reward (r) && r->epochs > 1)
    pocsim_legend_add (l, "REWARD_K_GNK", "the host's reward summed over the K epochs, GNK");
  gint64 height;
  if (!known_height (r, &height))
    pocsim_legend_add (l, "TX DEADLINE", "the last block the option's transaction may be in and still count for the upcoming\n"
                                         "epoch (--node URL adds blocks left and an estimated time)");
  else
    pocsim_legend_add (l, "TX DEADLINE", r->clock->has_rate
                                             ? "the last block the option's transaction may be in and still count for the upcoming\n"
                                               "epoch, the blocks left from the chain height above and, from the mean block\n"
                                               "interval, an estimated time (UTC); \"passed\": too late for this epoch"
                                             : "the last block the option's transaction may be in and still count for the upcoming\n"
                                               "epoch, and the blocks left from the height above (--node URL adds times);\n"
                                               "\"passed\": too late for this epoch");
  pocsim_legend_add (l, "!", "why the option does not do what its name says");
  if (r->epochs > 1)
    pocsim_legend_note (l, "coefficients: each model's coefficient in each epoch of the forecast (v0.2.16: effective),\n"
                           "once for every set of options that move them alike.");
  return pocsim_legend_write (l, out);
}

gboolean
pocsim_whatif_write_table (const PocsimWhatifReport *r, FILE *out)
{
  const PocsimCase *c = r->c;
  write_table_header (r, out);
  for (guint k = 0; k < r->models->len; k++)
    {
      const PocsimWhatifModel *m = r->models->pdata[k];
      fprintf (out, "\n%s%s\n", c->models[m->model].id, m->bootstrap ? " (bootstrap candidate)" : "");
      if (m->run.estimated)
        fprintf (out, "  run's PoC weight from %s: %s\n", r->gpus, m->run.description);
      write_rows_table (r, m, out);
    }
  if (r->models->len == 0)
    fprintf (out, "\n%s runs every model%s; nothing to choose (see --model).\n", c->addrs[r->host],
             r->model_named ? " named" : "");
  else if (!write_legend (r, out))
    return FALSE;
  return !ferror (out);
}

/* ---- CSV ---- */

static const char *const csv_columns[] = {
  "host", "model_id", "option", "target", "poc_weight", "mode", "penalty", "weight", "reward",
  "target_voting_power", "weight_after_k", "reward_over_k", "tx_deadline", "timing", "best", "problem",
  "reward_weight", "trust_weight", "voting_power", "trust_weight_after_k", "voting_power_after_k", "coefficient_path",
  "reward_share", "epoch_reward", "blocks_left", "deadline_time_estimate",
  "poc_weight_source", "poc_weight_low", "poc_weight_high",
  /* columns are only ever added at the end */
};

/* blocks_left and the estimated deadline time, when the height is known. */
static void
deadline_cells (const PocsimWhatifReport *r, const PocsimWhatifRow *row, char left[POCSIM_UNITS_SIZE],
                char when[POCSIM_UNITS_SIZE])
{
  gint64 height, t;
  left[0] = when[0] = '\0';
  if (row->deadline <= 0 || !known_height (r, &height))
    return;
  g_snprintf (left, POCSIM_UNITS_SIZE, "%" G_GINT64_FORMAT, row->deadline - height);
  if (pocsim_chain_clock_estimate (r->clock, row->deadline, &t))
    pocsim_utc_format (t, FALSE, when);
}

/* The coefficient path as one CSV cell: per epoch "EPOCH MODEL=VALUE ...",
 * epochs separated by "; ", the models of poc_params in order. */
static char *
coefficient_path_text (const PocsimCase *c, const GArray *path)
{
  GString *text = g_string_new (NULL);
  for (guint e = 0; path && e < path->len; e++)
    {
      const PocsimForecastEpoch *pe = &g_array_index (path, PocsimForecastEpoch, e);
      g_string_append_printf (text, "%s%" G_GINT64_FORMAT, e ? "; " : "", pe->epoch);
      for (guint m = 0; m < c->n_models; m++)
        {
          char buf[POCSIM_DEC_FORMAT_SIZE];
          if (c->models[m].in_params)
            g_string_append_printf (text, " %s=%s", c->models[m].id, pocsim_dec_format_short (pe->coefficient[m], buf));
        }
    }
  return g_string_free (text, FALSE);
}

/* A run row's PoC weight from --gpus: where it comes from and its range;
 * empty in other rows, and without --gpus. */
static void
estimate_cells (const PocsimWhatifModel *m, const PocsimWhatifRow *row, const char **source, char low[32],
                char high[32])
{
  const PocsimPocEstimate *e = &m->run.total;
  *source = "";
  low[0] = high[0] = '\0';
  if (row->option.kind != POCSIM_OPTION_RUN || !m->run.estimated)
    return;
  *source = pocsim_poc_est_source_name (e->source);
  if (e->source == POCSIM_POC_EST_NONE)
    return;
  g_snprintf (low, 32, "%" G_GINT64_FORMAT, e->low);
  g_snprintf (high, 32, "%" G_GINT64_FORMAT, e->high);
}

static void
write_rows_csv (const PocsimWhatifReport *r, const PocsimWhatifModel *m, FILE *out)
{
  const PocsimCase *c = r->c;
  for (guint k = 0; k < m->rows->len; k++)
    {
      const PocsimWhatifRow *row = &g_array_index (m->rows, PocsimWhatifRow, k);
      const PocsimOption *op = &row->option;
      const PocsimOptionOutcome *o = &row->outcome;
      char num[12][32], pen[POCSIM_DEC_FORMAT_SIZE], share[POCSIM_UNITS_SIZE] = "", total[32] = "";
      char left[POCSIM_UNITS_SIZE], when[POCSIM_UNITS_SIZE];
      gint64 values[] = { op->poc_weight, o->final, o->reward, o->target_vp, o->final_k, o->reward_k, row->deadline,
                          o->reward_weight, o->cap_weight, o->voting_power, o->cap_weight_k, o->voting_power_k };
      for (guint v = 0; v < G_N_ELEMENTS (values); v++)
        g_snprintf (num[v], 32, "%" G_GINT64_FORMAT, values[v]);
      if (has_reward (r))
        {
          pocsim_share_format (o->reward, r->epoch_reward, share);
          g_snprintf (total, sizeof total, "%" G_GINT64_FORMAT, r->epoch_reward);
        }
      deadline_cells (r, row, left, when);
      const char *source;
      char low[32], high[32];
      estimate_cells (m, row, &source, low, high);
      g_autofree char *path = coefficient_path_text (c, o->path);
      const char *fields[] = {
        c->addrs[r->host], c->models[op->model].id, pocsim_option_name (op->kind),
        op->kind == POCSIM_OPTION_DELEGATE ? c->addrs[op->target] : "", num[0], o->mode,
        pocsim_dec_format (o->penalty, pen), num[1], num[2], num[3], num[4], num[5], num[6], row->timing,
        row->best ? "yes" : "no", row->problem ? row->problem : "", num[7], num[8], num[9], num[10], num[11], path,
        share, total, left, when, source, low, high,
      };
      pocsim_csv_write_row (out, fields, G_N_ELEMENTS (fields));
    }
}

gboolean
pocsim_whatif_write_csv (const PocsimWhatifReport *r, FILE *out)
{
  pocsim_csv_write_row (out, csv_columns, G_N_ELEMENTS (csv_columns));
  for (guint k = 0; k < r->models->len; k++)
    write_rows_csv (r, r->models->pdata[k], out);
  return !ferror (out);
}

/* ---- JSON ---- */

/* [{"epoch", "weight", "trust_weight", "voting_power", "reward", "coefficients": {MODEL: "decimal"}}] */
static json_t *
path_json (const PocsimCase *c, const GArray *path)
{
  json_t *list = json_array ();
  for (guint e = 0; path && e < path->len; e++)
    {
      const PocsimForecastEpoch *pe = &g_array_index (path, PocsimForecastEpoch, e);
      json_t *coeffs = json_object ();
      for (guint m = 0; m < c->n_models; m++)
        {
          char buf[POCSIM_DEC_FORMAT_SIZE];
          if (c->models[m].in_params)
            json_object_set_new (coeffs, c->models[m].id, json_string (pocsim_dec_format (pe->coefficient[m], buf)));
        }
      json_array_append_new (list, json_pack ("{s:I, s:I, s:I, s:I, s:I, s:o}", "epoch", (json_int_t) pe->epoch, "weight",
                                              (json_int_t) pe->final, "trust_weight", (json_int_t) pe->cap_weight,
                                              "voting_power", (json_int_t) pe->voting_power, "reward",
                                              (json_int_t) pe->reward, "coefficients", coeffs));
    }
  return list;
}

static json_t *
rows_json (const PocsimWhatifReport *r, const PocsimWhatifModel *m)
{
  const PocsimCase *c = r->c;
  char pen[POCSIM_DEC_FORMAT_SIZE], share[POCSIM_UNITS_SIZE], left[POCSIM_UNITS_SIZE], when[POCSIM_UNITS_SIZE];
  json_t *list = json_array ();
  for (guint k = 0; k < m->rows->len; k++)
    {
      const PocsimWhatifRow *row = &g_array_index (m->rows, PocsimWhatifRow, k);
      const PocsimOption *op = &row->option;
      const PocsimOptionOutcome *o = &row->outcome;
      json_t *j = json_pack ("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:b}", "option",
                             pocsim_option_name (op->kind), "mode", o->mode, "penalty", pocsim_dec_format (o->penalty, pen),
                             "weight", (json_int_t) o->final, "reward", (json_int_t) o->reward, "target_voting_power",
                             (json_int_t) o->target_vp, "weight_after_k", (json_int_t) o->final_k, "reward_over_k",
                             (json_int_t) o->reward_k, "tx_deadline", (json_int_t) row->deadline, "timing", row->timing,
                             "best", row->best);
      json_object_set_new (j, "reward_weight", json_integer (o->reward_weight));
      json_object_set_new (j, "trust_weight", json_integer (o->cap_weight));
      json_object_set_new (j, "voting_power", json_integer (o->voting_power));
      json_object_set_new (j, "trust_weight_after_k", json_integer (o->cap_weight_k));
      json_object_set_new (j, "voting_power_after_k", json_integer (o->voting_power_k));
      json_object_set_new (j, "path", path_json (c, o->path));
      if (o->halted_at)
        json_object_set_new (j, "halt", json_pack ("{s:I, s:s}", "epoch", (json_int_t) o->halted_at, "error", o->halt_error));
      if (has_reward (r))
        json_object_set_new (j, "reward_share", json_string (pocsim_share_format (o->reward, r->epoch_reward, share)));
      if (op->kind == POCSIM_OPTION_DELEGATE)
        json_object_set_new (j, "target", json_string (c->addrs[op->target]));
      if (op->kind == POCSIM_OPTION_RUN)
        json_object_set_new (j, "poc_weight", json_integer (op->poc_weight));
      if (row->problem)
        json_object_set_new (j, "problem", json_string (row->problem));
      deadline_cells (r, row, left, when);
      if (*left)
        json_object_set_new (j, "blocks_left", json_integer (g_ascii_strtoll (left, NULL, 10)));
      if (*when)
        json_object_set_new (j, "deadline_time_estimate", json_string (when));
      json_array_append_new (list, j);
    }
  return list;
}

static json_t *
run_estimate_json (const PocsimWhatifReport *r, const PocsimWhatifRunEstimate *e)
{
  gboolean none = e->total.source == POCSIM_POC_EST_NONE;
  return json_pack ("{s:s, s:s, s:o, s:o, s:o, s:s}", "gpus", r->gpus, "source",
                    pocsim_poc_est_source_name (e->total.source), "poc_weight",
                    none ? json_null () : json_integer (e->total.weight), "low",
                    none ? json_null () : json_integer (e->total.low), "high",
                    none ? json_null () : json_integer (e->total.high), "description", e->description);
}

/* The chain's height and block times the deadlines were measured from. */
static json_t *
clock_json (const PocsimWhatifReport *r)
{
  char when[POCSIM_UNITS_SIZE];
  const PocsimChainClock *k = r->clock;
  json_t *o = json_pack ("{s:I, s:s}", "height", (json_int_t) k->height, "source", r->clock_source);
  json_object_set_new (o, "time", k->has_time ? json_string (pocsim_utc_format (k->time_us, FALSE, when)) : json_null ());
  json_object_set_new (o, "mean_block_ms", k->has_rate ? json_integer (pocsim_chain_clock_block_us (k) / 1000) : json_null ());
  json_object_set_new (o, "sample_blocks", json_integer (k->has_rate ? k->height - k->first_height : 0));
  return o;
}

gboolean
pocsim_whatif_write_json (const PocsimWhatifReport *r, FILE *out)
{
  const PocsimCase *c = r->c;
  json_t *models = json_array ();
  for (guint k = 0; k < r->models->len; k++)
    {
      const PocsimWhatifModel *m = r->models->pdata[k];
      json_t *jm = json_pack ("{s:s, s:b, s:o}", "model_id", c->models[m->model].id, "bootstrap", m->bootstrap,
                              "options", rows_json (r, m));
      if (m->run.estimated)
        json_object_set_new (jm, "run_poc_weight", run_estimate_json (r, &m->run));
      json_array_append_new (models, jm);
    }
  g_autoptr (json_t) doc = json_pack ("{s:s, s:s, s:s, s:I, s:i}", "format", "pocsim-whatif/1", "rules",
                                      c->rules->name, "host", c->addrs[r->host], "upcoming_epoch",
                                      (json_int_t) c->upcoming_epoch, "epochs", r->epochs);
  if (r->settings != NULL && *r->settings != NULL)
    {
      json_t *list = json_array ();
      for (const char *const *set = r->settings; *set; set++)
        json_array_append_new (list, json_string (*set));
      json_object_set_new (doc, "set", list);
    }
  if (has_reward (r))
    json_object_set_new (doc, "epoch_reward", json_integer (r->epoch_reward));
  if (r->clock != NULL && r->clock->height >= 0)
    json_object_set_new (doc, "clock", clock_json (r));
  json_object_set_new (doc, "models", models);
  return json_dumpf (doc, out, JSON_INDENT (2) | JSON_PRESERVE_ORDER) == 0 && fputc ('\n', out) != EOF;
}

/* ---- --tx ---- */

void
pocsim_whatif_tx_report_init (PocsimWhatifTxReport *r, const PocsimCase *c)
{
  r->c = c;
  r->has_reward = c->params.has_reward;
  r->txs = g_array_new (FALSE, TRUE, sizeof (PocsimWhatifTx));
  r->hosts = g_array_new (FALSE, TRUE, sizeof (PocsimWhatifHostChange));
}

void
pocsim_whatif_tx_report_clear (PocsimWhatifTxReport *r)
{
  for (guint k = 0; k < r->txs->len; k++)
    {
      PocsimWhatifTx *t = &g_array_index (r->txs, PocsimWhatifTx, k);
      g_free (t->tx);
      g_free (t->from);
    }
  for (guint k = 0; k < r->hosts->len; k++)
    g_array_unref (g_array_index (r->hosts, PocsimWhatifHostChange, k).voting_powers);
  g_array_unref (r->txs);
  g_array_unref (r->hosts);
}

/* One changed value as text, before and after. */
typedef gboolean (*ChangeRow) (FILE *out, const char *addr, const char *field, const char *before, const char *after);

static gboolean
change_row_table (FILE *out, const char *addr, const char *field, const char *before, const char *after)
{
  return fprintf (out, "  %-46s %-40s %s -> %s\n", addr, field, before, after) >= 0;
}

static gboolean
change_row_csv (FILE *out, const char *addr, const char *field, const char *before, const char *after)
{
  const char *row[] = { addr, field, before, after };
  return pocsim_csv_write_row (out, row, G_N_ELEMENTS (row));
}

static gboolean
int_change (ChangeRow w, FILE *out, const char *addr, const char *field, const gint64 v[2])
{
  char b[32], a[32];
  if (v[0] == v[1])
    return TRUE;
  g_snprintf (b, sizeof b, "%" G_GINT64_FORMAT, v[0]);
  g_snprintf (a, sizeof a, "%" G_GINT64_FORMAT, v[1]);
  return w (out, addr, field, b, a);
}

/* Every changed value of one host, in the order of the JSON document. */
static gboolean
host_changes (const PocsimWhatifTxReport *r, const PocsimWhatifHostChange *h, ChangeRow w, gboolean gnk, FILE *out)
{
  const char *addr = r->c->addrs[h->addr];
  char p0[POCSIM_DEC_FORMAT_SIZE], p1[POCSIM_DEC_FORMAT_SIZE];
  if (!int_change (w, out, addr, "weight", h->weight))
    return FALSE;
  if (pocsim_dec_cmp (h->penalty[0], h->penalty[1]) != 0
      && !w (out, addr, "penalty", pocsim_dec_format (h->penalty[0], p0), pocsim_dec_format (h->penalty[1], p1)))
    return FALSE;
  if (!int_change (w, out, addr, "reward_weight", h->reward_weight))
    return FALSE;
  if (gnk && h->reward[0] != h->reward[1])
    {
      char b[POCSIM_UNITS_SIZE], a[POCSIM_UNITS_SIZE];
      if (!w (out, addr, "reward_gnk", pocsim_gnk_format (h->reward[0], b), pocsim_gnk_format (h->reward[1], a)))
        return FALSE;
    }
  else if (!gnk && !int_change (w, out, addr, "reward", h->reward))
    return FALSE;
  for (guint k = 0; k < h->voting_powers->len; k++)
    {
      const PocsimWhatifVotingPower *vp = &g_array_index (h->voting_powers, PocsimWhatifVotingPower, k);
      g_autofree char *field = g_strdup_printf ("voting_power %s", r->c->models[vp->model].id);
      if (!int_change (w, out, addr, field, vp->vp))
        return FALSE;
    }
  return TRUE;
}

gboolean
pocsim_whatif_tx_write_table (const PocsimWhatifTxReport *r, FILE *out)
{
  const PocsimCase *c = r->c;
  fprintf (out, "pocsim %s  rule set %s  upcoming epoch %" G_GINT64_FORMAT "\n\nTransactions (sent before the bootstrap snapshot):\n",
           POCSIM_VERSION, c->rules->name, c->upcoming_epoch);
  for (guint k = 0; k < r->txs->len; k++)
    {
      const PocsimWhatifTx *t = &g_array_index (r->txs, PocsimWhatifTx, k);
      fprintf (out, "  %s --from %s: %s%s%s\n", t->tx, t->from, t->reason ? "rejected" : "applied",
               t->reason ? ": " : "", t->reason ? t->reason : "");
    }
  fprintf (out, "\nHosts the transactions change (before -> after):\n");
  if (r->hosts->len == 0)
    fprintf (out, "  none\n");
  for (guint k = 0; k < r->hosts->len; k++)
    if (!host_changes (r, &g_array_index (r->hosts, PocsimWhatifHostChange, k), change_row_table, TRUE, out))
      return FALSE;
  g_autofree char *title = g_strdup_printf ("Legend (rule set %s)", c->rules->name);
  g_autoptr (PocsimLegend) l = pocsim_legend_new (title);
  pocsim_legend_add (l, "weight", "the host's stored (final) weight next epoch, in weight units");
  pocsim_legend_add (l, "penalty", "its penalty fraction next epoch, all models");
  pocsim_legend_add (l, "reward_weight", "the weight its reward is computed from");
  if (r->has_reward)
    pocsim_legend_add (l, "reward_gnk", "its reward next epoch, GNK (1 GNK = 10^9 ngonka; JSON and CSV give ngonka)");
  pocsim_legend_add (l, "voting_power M", "its voting power in model M next epoch");
  pocsim_legend_note (l, "Only the values that change are listed.");
  return pocsim_legend_write (l, out);
}

gboolean
pocsim_whatif_tx_write_csv (const PocsimWhatifTxReport *r, FILE *out)
{
  static const char *const cols[] = { "address", "field", "before", "after" };
  if (!pocsim_csv_write_row (out, cols, G_N_ELEMENTS (cols)))
    return FALSE;
  for (guint k = 0; k < r->hosts->len; k++)
    if (!host_changes (r, &g_array_index (r->hosts, PocsimWhatifHostChange, k), change_row_csv, FALSE, out))
      return FALSE;
  return TRUE;
}

gboolean
pocsim_whatif_tx_write_json (const PocsimWhatifTxReport *r, FILE *out)
{
  const PocsimCase *c = r->c;
  json_t *txs = json_array (), *hosts = json_array ();
  for (guint k = 0; k < r->txs->len; k++)
    {
      const PocsimWhatifTx *t = &g_array_index (r->txs, PocsimWhatifTx, k);
      json_t *j = json_pack ("{s:s, s:s, s:s}", "tx", t->tx, "from", t->from, "status", t->reason ? "rejected" : "applied");
      if (t->reason)
        json_object_set_new (j, "reason", json_string (t->reason));
      json_array_append_new (txs, j);
    }
  for (guint k = 0; k < r->hosts->len; k++)
    {
      const PocsimWhatifHostChange *h = &g_array_index (r->hosts, PocsimWhatifHostChange, k);
      char p0[POCSIM_DEC_FORMAT_SIZE], p1[POCSIM_DEC_FORMAT_SIZE];
      json_t *vps = json_object ();
      for (guint v = 0; v < h->voting_powers->len; v++)
        {
          const PocsimWhatifVotingPower *vp = &g_array_index (h->voting_powers, PocsimWhatifVotingPower, v);
          json_object_set_new (vps, c->models[vp->model].id, json_pack ("[I, I]", (json_int_t) vp->vp[0], (json_int_t) vp->vp[1]));
        }
      json_array_append_new (hosts, json_pack ("{s:s, s:[I,I], s:[s,s], s:[I,I], s:[I,I], s:o}", "address", c->addrs[h->addr],
                                               "weight", (json_int_t) h->weight[0], (json_int_t) h->weight[1], "penalty",
                                               pocsim_dec_format (h->penalty[0], p0), pocsim_dec_format (h->penalty[1], p1),
                                               "reward_weight", (json_int_t) h->reward_weight[0],
                                               (json_int_t) h->reward_weight[1], "reward", (json_int_t) h->reward[0],
                                               (json_int_t) h->reward[1], "voting_powers", vps));
    }
  g_autoptr (json_t) doc = json_pack ("{s:s, s:s, s:I, s:o, s:o}", "format", "pocsim-whatif-tx/1", "rules", c->rules->name,
                                      "upcoming_epoch", (json_int_t) c->upcoming_epoch, "txs", txs, "hosts", hosts);
  return json_dumpf (doc, out, JSON_INDENT (2) | JSON_PRESERVE_ORDER) == 0 && fputc ('\n', out) != EOF;
}

/* ---- charts ---- */

/* A model label as a file name: [A-Za-z0-9._-], others as '_'. */
static char *
file_label (const char *label)
{
  char *out = g_strdup (label);
  for (char *p = out; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      *p = '_';
  return out;
}

/* An option as a chart's key shows it: delegates' addresses shortened. */
static char *
series_label (const PocsimCase *c, const PocsimWhatifRow *row)
{
  char buf[POCSIM_UNITS_SIZE];
  if (row->option.kind == POCSIM_OPTION_DELEGATE)
    return g_strdup_printf ("delegate to %s", pocsim_short_address (c->addrs[row->option.target], buf));
  return option_label (c, row);
}

/* One chart of a model: the value WHICH (0 weight, 1 reward in GNK) of
 * every option in every epoch of the forecast. */
static gboolean
plot_model (const PocsimWhatifReport *r, const PocsimWhatifModel *m, const char *label, int which, const char *dir,
            GPtrArray *names, GError **error)
{
  const PocsimCase *c = r->c;
  guint nx = (guint) r->epochs, ns = m->rows->len;
  g_autoptr (GPtrArray) xl = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) sl = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = g_new (double, (gsize) nx * ns + 1);
  for (guint x = 0; x < nx; x++)
    g_ptr_array_add (xl, g_strdup_printf ("%" G_GINT64_FORMAT, c->upcoming_epoch + x));
  for (guint k = 0; k < ns; k++)
    {
      const PocsimWhatifRow *row = &g_array_index (m->rows, PocsimWhatifRow, k);
      g_ptr_array_add (sl, series_label (c, row));
      for (guint x = 0; x < nx; x++)
        {
          const GArray *path = row->outcome.path;
          double v = NAN; /* the forecast ends early at a halt */
          if (path != NULL && x < path->len)
            {
              const PocsimForecastEpoch *e = &g_array_index (path, PocsimForecastEpoch, x);
              v = which == 0 ? (double) e->final : (double) e->reward / (double) POCSIM_NGONKA_PER_GNK;
            }
          values[(gsize) k * nx + x] = v;
        }
    }
  char host[POCSIM_UNITS_SIZE];
  g_autofree char *title = g_strdup_printf ("%s: the %s of %s by option (rule set %s)", label,
                                            which == 0 ? "stored weight" : "reward",
                                            pocsim_short_address (c->addrs[r->host], host), c->rules->name);
  PocsimPlotSeries p = {
    title, "epoch", which == 0 ? "stored weight (weight units)" : "reward (GNK)", nx, (const char *const *) xl->pdata,
    ns, (const char *const *) sl->pdata, values, nx <= 12,
  };
  g_autofree char *name = g_strdup_printf ("whatif-%s-%s", label, which == 0 ? "weight" : "reward");
  if (!pocsim_plot_series (dir, name, &p, error))
    return FALSE;
  g_ptr_array_add (names, g_steal_pointer (&name));
  return TRUE;
}

gboolean
pocsim_whatif_write_plots (const char *dir, GPtrArray *names, gpointer report, GError **error)
{
  const PocsimWhatifReport *r = report;
  g_autofree const char **ids = g_new (const char *, r->models->len + 1);
  for (guint k = 0; k < r->models->len; k++)
    ids[k] = r->c->models[((const PocsimWhatifModel *) r->models->pdata[k])->model].id;
  g_auto (GStrv) labels = pocsim_model_labels (ids, r->models->len);
  for (guint k = 0; k < r->models->len; k++)
    {
      g_autofree char *label = file_label (labels[k]);
      if (!plot_model (r, r->models->pdata[k], label, 0, dir, names, error)
          || (has_reward (r) && !plot_model (r, r->models->pdata[k], label, 1, dir, names, error)))
        return FALSE;
    }
  return TRUE;
}
