/* cmd_whatif.c - `pocsim whatif`: a host's options side by side, or the
 * effect of transactions, before sending anything. */
#include <stdio.h>
#include <string.h>

#include "analysis/explain.h"
#include "analysis/poc_estimate.h"
#include "analysis/whatif.h"
#include "cli/cli.h"
#include "core/error.h"
#include "core/snapshots.h"
#include "io/case_load.h"
#include "io/hardware_report.h"
#include "io/json_autoptr.h"
#include "io/output.h"
#include "io/result_csv.h"
#include "io/timeline_json.h"
#include "rules/epoch.h"

/* The limits of the count options; keep in step with --help and
 * docs/pocsim-whatif.1. */
#define MAX_EPOCHS 1000
#define MAX_CANDIDATES 1000
#define POC_WEIGHT_NOT_GIVEN G_MININT64

typedef struct {
  char *rules, *host, *model, *from, *format_name, *output;
  char **txs;
  char **guardians;  /* --guardian: the genesis guardians of the forecast */
  gint epochs, candidates;
  gint64 poc_weight;
  gboolean explain;
  char **gpus;
  char *hardware_data;
  /* from --gpus, loaded once */
  PocsimHardwareData *hardware;
  GArray *specs;
  char *gpus_text;  /* "8xH100 + 4xH200" */
} Options;

/* The PoC weight of a "run" row, and where it comes from when --gpus
 * estimated it. */
typedef struct {
  gint64 weight;
  PocsimPocEstimate total;
  char *text;  /* NULL unless estimated from --gpus */
} RunWeight;

/* One row of the options table. */
typedef struct {
  PocsimOption option;
  PocsimOptionOutcome outcome;
  char *problem;         /* why the option does not do what it says (owned), or NULL */
  gint64 deadline;       /* last block the tx may be in, 0 = none */
  const char *timing;    /* static text */
  gboolean best;
} Row;

/* ---- timing ---- */

static void
option_timing (const PocsimTimeline *t, gboolean bootstrap, Row *row)
{
  switch (row->option.kind)
    {
    case POCSIM_OPTION_KEEP:
      row->timing = "no tx";
      break;
    case POCSIM_OPTION_RUN:
      row->deadline = t->generation_end;
      row->timing = "commit PoC during the PoC stage";
      break;
    case POCSIM_OPTION_DELEGATE:
      row->deadline = bootstrap ? t->delegation_bootstrap.last : t->delegation_regular.last;
      row->timing = bootstrap ? "by the bootstrap snapshot; persists" : "by validation start; persists";
      break;
    case POCSIM_OPTION_REFUSE:
      row->deadline = t->refusal.last;
      row->timing = "by validation start; re-send every epoch";
      break;
    case POCSIM_OPTION_INTENT:
      row->deadline = t->intent.last;
      row->timing = "by the bootstrap snapshot; re-send every epoch";
      break;
    case POCSIM_OPTION_NOTHING:
      /* On a bootstrap candidate a delegation is read from the bootstrap
       * snapshot: clearing it later still leaves it there for U. */
      row->deadline = bootstrap ? t->delegation_bootstrap.last : t->delegation_regular.last;
      row->timing = bootstrap ? "clear records (set-poc-delegation MODEL \"\") by the bootstrap snapshot"
                              : "clear records (set-poc-delegation MODEL \"\") by validation start";
      break;
    }
}

static gboolean
load_timeline (const char *path, gint64 epoch, PocsimTimeline *t)
{
  PocsimTimelineInput in = { 0 };
  g_autoptr (GError) error = NULL;
  if (!pocsim_timeline_input_load (path, &in, &error))
    in = (PocsimTimelineInput) { 0 };
  PocsimEpochParams params = in.has_epoch_params ? in.params : pocsim_epoch_params_mainnet ();
  if (!in.has_deploy_window)
    params.deploy_window = pocsim_epoch_params_mainnet ().deploy_window;
  PocsimAnchor anchor = in.has_anchor ? in.anchor : pocsim_anchor_mainnet ();
  return pocsim_timeline_compute (&params, anchor, epoch, t, NULL);
}

/* ---- the options of one model ---- */

static gboolean
host_runs (const PocsimCase *c, guint m, guint32 a)
{
  return (c->cell_flags[pocsim_cell (c, m, a)] & POCSIM_CELL_MEMBER) != 0;
}

static void
add_row (GArray *rows, PocsimOptionKind kind, guint m, guint32 target, gint64 pw)
{
  Row row = { { kind, m, target, pw }, { 0 }, NULL, 0, "", FALSE };
  g_array_append_val (rows, row);
}

static void
row_clear (gpointer p)
{
  g_free (((Row *) p)->problem);
  pocsim_option_outcome_clear (&((Row *) p)->outcome);
}

/* --poc-weight, else the estimate from --gpus, else the host's largest
 * PoC weight in any model. */
static gboolean
run_weight (const PocsimCase *c, guint m, guint32 a, const Options *o, RunWeight *rw, GError **error)
{
  *rw = (RunWeight) { 0 };
  if (o->poc_weight > 0 || o->hardware == NULL)
    {
      rw->weight = o->poc_weight > 0 ? o->poc_weight : pocsim_estimated_poc_weight (c, a);
      return TRUE;
    }
  g_autofree PocsimPocEstimate *per_node = g_new0 (PocsimPocEstimate, o->specs->len);
  if (!pocsim_poc_estimate_host_by_id (o->hardware, c->models[m].id, o->specs, per_node, &rw->total, error))
    return FALSE;
  rw->weight = rw->total.weight;
  rw->text = pocsim_host_estimate_text (o->hardware, o->specs, per_node, &rw->total);
  return TRUE;
}

static GArray *
model_options (const PocsimCase *c, guint m, guint32 a, const Options *o, gint64 pw)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (rows, row_clear);
  add_row (rows, POCSIM_OPTION_KEEP, m, POCSIM_NO_ADDR, 0);
  if (!host_runs (c, m, a) && pw > 0)
    add_row (rows, POCSIM_OPTION_RUN, m, POCSIM_NO_ADDR, pw);
  g_autoptr (GArray) cands = pocsim_delegate_candidates (c, m, a);
  for (guint k = 0; k < cands->len && (gint) k < o->candidates; k++)
    {
      const PocsimDelegateCandidate *cand = &g_array_index (cands, PocsimDelegateCandidate, k);
      add_row (rows, POCSIM_OPTION_DELEGATE, m, cand->target, 0);
    }
  add_row (rows, POCSIM_OPTION_REFUSE, m, POCSIM_NO_ADDR, 0);
  if (pocsim_is_bootstrap_candidate (c, m))
    add_row (rows, POCSIM_OPTION_INTENT, m, POCSIM_NO_ADDR, 0);
  add_row (rows, POCSIM_OPTION_NOTHING, m, POCSIM_NO_ADDR, 0);
  return rows;
}

/* Best = most stored weight after K epochs, then next epoch, then the
 * weight the reward is computed from (under v0.2.14 penalties and transfers
 * reduce only that one), then reward. */
static gint
row_better (const Row *x, const Row *y)
{
  if (x->outcome.final_k != y->outcome.final_k)
    return x->outcome.final_k > y->outcome.final_k ? 1 : -1;
  if (x->outcome.final != y->outcome.final)
    return x->outcome.final > y->outcome.final ? 1 : -1;
  if (x->outcome.reward_weight != y->outcome.reward_weight)
    return x->outcome.reward_weight > y->outcome.reward_weight ? 1 : -1;
  if (x->outcome.reward_k != y->outcome.reward_k)
    return x->outcome.reward_k > y->outcome.reward_k ? 1 : -1;
  return 0;
}

static guint
mark_best (GArray *rows)
{
  guint best = 0, ties = 0;
  for (guint k = 1; k < rows->len; k++)
    if (row_better (&g_array_index (rows, Row, k), &g_array_index (rows, Row, best)) > 0)
      best = k;
  for (guint k = 0; k < rows->len; k++)
    if (row_better (&g_array_index (rows, Row, k), &g_array_index (rows, Row, best)) == 0)
      {
        g_array_index (rows, Row, k).best = TRUE;
        ties++;
      }
  return ties;
}

/* ---- output ---- */

static char *
option_label (const PocsimCase *c, const Row *row)
{
  if (row->option.kind == POCSIM_OPTION_DELEGATE)
    return g_strdup_printf ("delegate to %s", c->addrs[row->option.target]);
  if (row->option.kind == POCSIM_OPTION_RUN)
    return g_strdup_printf ("run (PoC weight %" G_GINT64_FORMAT ")", row->option.poc_weight);
  return g_strdup (pocsim_option_name (row->option.kind));
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
      const GArray *path = g_array_index (rows, Row, k).outcome.path;
      if (shown[k] || path->len == 0)
        continue;
      GString *who = g_string_new (NULL);
      guint alike = 0;
      for (guint j = k; j < rows->len; j++)
        if (!shown[j] && same_coefficient_path (c, path, g_array_index (rows, Row, j).outcome.path))
          {
            g_autofree char *label = option_label (c, &g_array_index (rows, Row, j));
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
write_rows_table (const PocsimCase *c, const GArray *rows, guint ties, const Options *o, FILE *out)
{
  char pen[POCSIM_DEC_FORMAT_SIZE];
  const Row *keep = &g_array_index (rows, Row, 0);
  gboolean reward = c->params.has_reward;
  fprintf (out, "  %-2s %-58s %-13s %9s %12s %8s %12s %12s %12s %12s%s %12s %12s %12s  %s\n", "", "OPTION", "MODE",
           "PENALTY", "WEIGHT", "CHANGE", "REWARD_W", "TRUST", "VP", "TARGET_VP", reward ? "       REWARD" : "",
           "AFTER_K", "TRUST_K", "VP_K", "TX DEADLINE");
  for (guint k = 0; k < rows->len; k++)
    {
      const Row *row = &g_array_index (rows, Row, k);
      g_autofree char *label = option_label (c, row);
      gint64 diff = row->outcome.final - keep->outcome.final;
      pocsim_dec_format (row->outcome.penalty, pen);
      pen[5] = '\0'; /* "0.150": three decimals are enough to read */
      g_autofree char *deadline = row->deadline ? g_strdup_printf ("block %" G_GINT64_FORMAT ", %s", row->deadline, row->timing)
                                                : g_strdup (row->timing);
      g_autofree char *reward_cell = reward ? g_strdup_printf (" %12" G_GINT64_FORMAT, row->outcome.reward) : g_strdup ("");
      const PocsimOptionOutcome *x = &row->outcome;
      fprintf (out, "  %-2s %-58s %-13s %9s %12" G_GINT64_FORMAT " %+8" G_GINT64_FORMAT " %12" G_GINT64_FORMAT
               " %12" G_GINT64_FORMAT " %12" G_GINT64_FORMAT " %12" G_GINT64_FORMAT "%s %12" G_GINT64_FORMAT
               " %12" G_GINT64_FORMAT " %12" G_GINT64_FORMAT "  %s\n",
               row->best ? "*" : "", label, x->mode, pen, x->final, diff, x->reward_weight, x->cap_weight,
               x->voting_power, x->target_vp, reward_cell, x->final_k, x->cap_weight_k, x->voting_power_k, deadline);
      if (row->problem)
        fprintf (out, "     ! %s\n", row->problem);
    }
  if (ties > 1)
    fprintf (out, "  * %u options tie on weight after %d epoch%s, next epoch's weight, reward weight and reward; any of them is as good.\n",
             ties, o->epochs, o->epochs == 1 ? "" : "s");
  if (o->epochs > 1)
    write_paths_table (c, rows, out);
}

/* The coefficient path as one CSV cell: per epoch "EPOCH MODEL=VALUE ...",
 * epochs separated by "; ", the models of poc_params in order. */
static char *
coefficient_path_text (const PocsimCase *c, const GArray *path)
{
  GString *text = g_string_new (NULL);
  for (guint e = 0; e < path->len; e++)
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

static void
write_rows_csv (const PocsimCase *c, const char *host, const GArray *rows, FILE *out)
{
  char pen[POCSIM_DEC_FORMAT_SIZE];
  for (guint k = 0; k < rows->len; k++)
    {
      const Row *row = &g_array_index (rows, Row, k);
      const PocsimOption *op = &row->option;
      g_autofree char *w = g_strdup_printf ("%" G_GINT64_FORMAT, row->outcome.final);
      g_autofree char *rw = g_strdup_printf ("%" G_GINT64_FORMAT, row->outcome.reward);
      g_autofree char *tv = g_strdup_printf ("%" G_GINT64_FORMAT, row->outcome.target_vp);
      g_autofree char *wk = g_strdup_printf ("%" G_GINT64_FORMAT, row->outcome.final_k);
      g_autofree char *rk = g_strdup_printf ("%" G_GINT64_FORMAT, row->outcome.reward_k);
      g_autofree char *pw = g_strdup_printf ("%" G_GINT64_FORMAT, op->poc_weight);
      g_autofree char *dl = g_strdup_printf ("%" G_GINT64_FORMAT, row->deadline);
      g_autofree char *rwt = g_strdup_printf ("%" G_GINT64_FORMAT, row->outcome.reward_weight);
      g_autofree char *cw = g_strdup_printf ("%" G_GINT64_FORMAT, row->outcome.cap_weight);
      g_autofree char *vp = g_strdup_printf ("%" G_GINT64_FORMAT, row->outcome.voting_power);
      g_autofree char *cwk = g_strdup_printf ("%" G_GINT64_FORMAT, row->outcome.cap_weight_k);
      g_autofree char *vpk = g_strdup_printf ("%" G_GINT64_FORMAT, row->outcome.voting_power_k);
      g_autofree char *path = coefficient_path_text (c, row->outcome.path);
      const char *fields[] = {
        host, c->models[op->model].id, pocsim_option_name (op->kind),
        op->kind == POCSIM_OPTION_DELEGATE ? c->addrs[op->target] : "", pw, row->outcome.mode,
        pocsim_dec_format (row->outcome.penalty, pen), w, rw, tv, wk, rk, dl, row->timing,
        row->best ? "yes" : "no", row->problem ? row->problem : "", rwt, cw, vp, cwk, vpk, path,
      };
      pocsim_csv_write_row (out, fields, G_N_ELEMENTS (fields));
    }
}

/* [{"epoch", "weight", "trust_weight", "voting_power", "coefficients": {MODEL: "decimal"}}] */
static json_t *
path_json (const PocsimCase *c, const GArray *path)
{
  json_t *list = json_array ();
  for (guint e = 0; e < path->len; e++)
    {
      const PocsimForecastEpoch *pe = &g_array_index (path, PocsimForecastEpoch, e);
      json_t *coeffs = json_object ();
      for (guint m = 0; m < c->n_models; m++)
        {
          char buf[POCSIM_DEC_FORMAT_SIZE];
          if (c->models[m].in_params)
            json_object_set_new (coeffs, c->models[m].id, json_string (pocsim_dec_format (pe->coefficient[m], buf)));
        }
      json_array_append_new (list, json_pack ("{s:I, s:I, s:I, s:I, s:o}", "epoch", (json_int_t) pe->epoch, "weight",
                                              (json_int_t) pe->final, "trust_weight", (json_int_t) pe->cap_weight,
                                              "voting_power", (json_int_t) pe->voting_power, "coefficients", coeffs));
    }
  return list;
}

static json_t *
rows_json (const PocsimCase *c, const GArray *rows)
{
  char pen[POCSIM_DEC_FORMAT_SIZE];
  json_t *list = json_array ();
  for (guint k = 0; k < rows->len; k++)
    {
      const Row *row = &g_array_index (rows, Row, k);
      const PocsimOption *op = &row->option;
      json_t *j = json_pack ("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:b}", "option",
                             pocsim_option_name (op->kind), "mode", row->outcome.mode, "penalty",
                             pocsim_dec_format (row->outcome.penalty, pen), "weight", (json_int_t) row->outcome.final,
                             "reward", (json_int_t) row->outcome.reward, "target_voting_power",
                             (json_int_t) row->outcome.target_vp, "weight_after_k",
                             (json_int_t) row->outcome.final_k, "reward_over_k", (json_int_t) row->outcome.reward_k,
                             "tx_deadline", (json_int_t) row->deadline, "timing", row->timing, "best", row->best);
      json_object_set_new (j, "reward_weight", json_integer (row->outcome.reward_weight));
      json_object_set_new (j, "trust_weight", json_integer (row->outcome.cap_weight));
      json_object_set_new (j, "voting_power", json_integer (row->outcome.voting_power));
      json_object_set_new (j, "trust_weight_after_k", json_integer (row->outcome.cap_weight_k));
      json_object_set_new (j, "voting_power_after_k", json_integer (row->outcome.voting_power_k));
      json_object_set_new (j, "path", path_json (c, row->outcome.path));
      if (row->outcome.halted_at)
        json_object_set_new (j, "halt", json_pack ("{s:I, s:s}", "epoch", (json_int_t) row->outcome.halted_at, "error",
                                                   row->outcome.halt_error));
      if (op->kind == POCSIM_OPTION_DELEGATE)
        json_object_set_new (j, "target", json_string (c->addrs[op->target]));
      if (op->kind == POCSIM_OPTION_RUN)
        json_object_set_new (j, "poc_weight", json_integer (op->poc_weight));
      if (row->problem)
        json_object_set_new (j, "problem", json_string (row->problem));
      json_array_append_new (list, j);
    }
  return list;
}

static json_t *
run_weight_json (const Options *o, const RunWeight *rw)
{
  gboolean none = rw->total.source == POCSIM_POC_EST_NONE;
  return json_pack ("{s:s, s:s, s:o, s:o, s:o, s:s}", "gpus", o->gpus_text, "source",
                    pocsim_poc_est_source_name (rw->total.source), "poc_weight",
                    none ? json_null () : json_integer (rw->total.weight), "low",
                    none ? json_null () : json_integer (rw->total.low), "high",
                    none ? json_null () : json_integer (rw->total.high), "description", rw->text);
}

static const char *const csv_columns[] = {
  "host", "model_id", "option", "target", "poc_weight", "mode", "penalty", "weight", "reward",
  "target_voting_power", "weight_after_k", "reward_over_k", "tx_deadline", "timing", "best", "problem",
  "reward_weight", /* columns are only ever added at the end */
  "trust_weight", "voting_power", "trust_weight_after_k", "voting_power_after_k", "coefficient_path",
};

/* ---- the two modes ---- */

/* A transaction the row needs that would land too late: its deadline is
 * before the height the case was captured at.  New string, or NULL. */
static char *
late_problem (const Row *row, gint64 height)
{
  if (row->deadline <= 0 || height <= 0 || row->deadline >= height)
    return NULL;
  if (row->option.kind == POCSIM_OPTION_RUN)
    return g_strdup_printf ("too late: the PoC stage ended at block %" G_GINT64_FORMAT ", before the case's height %"
                            G_GINT64_FORMAT, row->deadline, height);
  return g_strdup_printf ("too late: the transaction had to be on chain by block %" G_GINT64_FORMAT
                          ", before the case's height %" G_GINT64_FORMAT, row->deadline, height);
}

/* The row's problems, joined: what the option does not do, then timing. */
static void
fill_problem (const PocsimCase *c, guint32 a, Row *row, gint64 height)
{
  g_autofree char *effect = pocsim_option_problem (c, a, &row->option, &row->outcome);
  g_autofree char *late = late_problem (row, height);
  if (effect != NULL && late != NULL)
    row->problem = g_strconcat (effect, "; ", late, NULL);
  else
    row->problem = g_strdup (effect != NULL ? effect : late);
}

static int
run_options (const PocsimCase *c, guint32 a, const Options *o, const char *path, gint64 height, PocsimFormat format,
             FILE *out)
{
  PocsimTimeline t;
  gboolean have_timeline = load_timeline (path, c->upcoming_epoch, &t);
  g_autoptr (json_t) models = json_array ();
  if (format == POCSIM_FORMAT_TABLE)
    fprintf (out, "pocsim %s  rule set %s  host %s  upcoming epoch %" G_GINT64_FORMAT "  forecast over %d epoch%s\n",
             POCSIM_VERSION, c->rules->name, c->addrs[a], c->upcoming_epoch, o->epochs, o->epochs == 1 ? "" : "s");
  if (format == POCSIM_FORMAT_CSV)
    pocsim_csv_write_row (out, csv_columns, G_N_ELEMENTS (csv_columns));
  guint shown = 0;
  for (guint m = 0; m < c->n_models; m++)
    {
      if (!c->models[m].in_params || (o->model && strcmp (o->model, c->models[m].id) != 0)
          || (!o->model && host_runs (c, m, a)))
        continue;
      shown++;
      RunWeight rw;
      g_autoptr (GError) estimate_error = NULL;
      if (!run_weight (c, m, a, o, &rw, &estimate_error))
        return pocsim_cli_fail (estimate_error);
      g_autofree char *rw_text = rw.text;
      g_autoptr (GArray) rows = model_options (c, m, a, o, rw.weight);
      for (guint k = 0; k < rows->len; k++)
        {
          Row *row = &g_array_index (rows, Row, k);
          g_autoptr (GError) error = NULL;
          if (!pocsim_option_forecast_with (c, a, &row->option, (guint) o->epochs, (const char *const *) o->guardians,
                                            &row->outcome, &error))
            {
              if (row->option.kind == POCSIM_OPTION_RUN && o->poc_weight != POC_WEIGHT_NOT_GIVEN)
                g_prefix_error (&error, "run with --poc-weight %" G_GINT64_FORMAT ": ", o->poc_weight);
              g_prefix_error (&error, "%s: ", pocsim_case_display_name (path));
              return pocsim_cli_fail (error);
            }
          if (have_timeline)
            option_timing (&t, pocsim_is_bootstrap_candidate (c, m), row);
          fill_problem (c, a, row, height);
        }
      guint ties = mark_best (rows);
      if (format == POCSIM_FORMAT_TABLE)
        {
          fprintf (out, "\n%s%s\n", c->models[m].id,
                   pocsim_is_bootstrap_candidate (c, m) ? " (bootstrap candidate)" : "");
          if (rw_text)
            fprintf (out, "  run's PoC weight from %s: %s\n", o->gpus_text, rw_text);
          write_rows_table (c, rows, ties, o, out);
        }
      else if (format == POCSIM_FORMAT_CSV)
        write_rows_csv (c, c->addrs[a], rows, out);
      else
        {
          json_t *jm = json_pack ("{s:s, s:b, s:o}", "model_id", c->models[m].id, "bootstrap",
                                  pocsim_is_bootstrap_candidate (c, m), "options", rows_json (c, rows));
          if (rw_text)
            json_object_set_new (jm, "run_poc_weight", run_weight_json (o, &rw));
          json_array_append_new (models, jm);
        }
    }
  if (shown == 0 && format == POCSIM_FORMAT_TABLE)
    fprintf (out, "\n%s runs every model%s; nothing to choose (see --model).\n", c->addrs[a],
             o->model ? " named" : "");
  if (format == POCSIM_FORMAT_JSON)
    {
      g_autoptr (json_t) doc = json_pack ("{s:s, s:s, s:s, s:I, s:i, s:O}", "format", "pocsim-whatif/1", "rules",
                                          c->rules->name, "host", c->addrs[a], "upcoming_epoch",
                                          (json_int_t) c->upcoming_epoch, "epochs", o->epochs, "models", models);
      json_dumpf (doc, out, JSON_INDENT (2));
      fputc ('\n', out);
    }
  if (o->explain && format == POCSIM_FORMAT_TABLE)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PocsimEpochResult) r = pocsim_epoch_form (c, &error);
      if (r == NULL)
        return pocsim_cli_fail (error);
      fprintf (out, "\nRule trace with the current records:\n");
      pocsim_explain_host (r, a, out);
    }
  return POCSIM_EXIT_OK;
}

/* A host's view in one result, for the tx diff. */
static gboolean
host_changed (const PocsimEpochResult *x, const PocsimEpochResult *y, guint32 a)
{
  const PocsimCase *c = x->source;
  if (x->final[a] != y->final[a] || x->reward_weight[a] != y->reward_weight[a]
      || pocsim_dec_cmp (x->penalty[a], y->penalty[a]) != 0 || x->transfer_in[a] != y->transfer_in[a])
    return TRUE;
  for (guint m = 0; m < c->n_models; m++)
    {
      gsize k = pocsim_cell (c, m, a);
      if (x->voting_power[k] != y->voting_power[k] || x->mode[k] != y->mode[k]
          || x->bootstrap_mode[k] != y->bootstrap_mode[k])
        return TRUE;
    }
  return FALSE;
}

static int
run_txs (const PocsimCase *c, const Options *o, PocsimFormat format, FILE *out)
{
  g_autoptr (PocsimCase) overlay = pocsim_case_copy (c);
  g_autoptr (json_t) txs = json_array ();
  for (char **t = o->txs; *t; t++)
    {
      PocsimTx tx = { 0 };
      g_autoptr (GError) error = NULL;
      if (!pocsim_tx_parse (*t, o->from ? o->from : o->host, &tx, &error))
        return pocsim_cli_fail (error);
      const char *reason = NULL;
      pocsim_tx_overlay (overlay, &tx, &reason);
      g_autofree char *text = pocsim_tx_to_string (&tx);
      json_t *j = json_pack ("{s:s, s:s, s:s}", "tx", text, "from", tx.from, "status", reason ? "rejected" : "applied");
      if (reason)
        json_object_set_new (j, "reason", json_string (reason));
      json_array_append_new (txs, j);
      pocsim_tx_clear (&tx);
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimEpochResult) before = pocsim_epoch_form (c, &error);
  g_autoptr (PocsimEpochResult) after = before ? pocsim_epoch_form (overlay, &error) : NULL;
  if (after == NULL)
    return pocsim_cli_fail (error);
  g_autoptr (json_t) hosts = json_array ();
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!host_changed (before, after, a))
        continue;
      json_t *vps = json_object ();
      for (guint m = 0; m < c->n_models; m++)
        {
          gsize k = pocsim_cell (c, m, a);
          if (before->voting_power[k] != after->voting_power[k])
            json_object_set_new (vps, c->models[m].id,
                                 json_pack ("[I, I]", (json_int_t) before->voting_power[k], (json_int_t) after->voting_power[k]));
        }
      char p0[POCSIM_DEC_FORMAT_SIZE], p1[POCSIM_DEC_FORMAT_SIZE];
      json_array_append_new (hosts, json_pack ("{s:s, s:[I,I], s:[s,s], s:[I,I], s:[I,I], s:o}", "address", c->addrs[a],
                                               "weight", (json_int_t) before->final[a], (json_int_t) after->final[a],
                                               "penalty", pocsim_dec_format (before->penalty[a], p0),
                                               pocsim_dec_format (after->penalty[a], p1), "reward_weight",
                                               (json_int_t) before->reward_weight[a], (json_int_t) after->reward_weight[a],
                                               "reward", (json_int_t) before->reward[a], (json_int_t) after->reward[a],
                                               "voting_powers", vps));
    }
  if (format == POCSIM_FORMAT_JSON)
    {
      g_autoptr (json_t) doc = json_pack ("{s:s, s:s, s:I, s:O, s:O}", "format", "pocsim-whatif-tx/1", "rules",
                                          c->rules->name, "upcoming_epoch", (json_int_t) c->upcoming_epoch, "txs", txs,
                                          "hosts", hosts);
      json_dumpf (doc, out, JSON_INDENT (2));
      fputc ('\n', out);
      return POCSIM_EXIT_OK;
    }
  if (format == POCSIM_FORMAT_CSV)
    {
      static const char *const cols[] = { "address", "field", "before", "after" };
      pocsim_csv_write_row (out, cols, G_N_ELEMENTS (cols));
    }
  else
    {
      fprintf (out, "pocsim %s  rule set %s  upcoming epoch %" G_GINT64_FORMAT "\n\nTransactions (sent before the bootstrap snapshot):\n",
               POCSIM_VERSION, c->rules->name, c->upcoming_epoch);
      gsize i;
      json_t *j;
      json_array_foreach (txs, i, j)
        fprintf (out, "  %s --from %s: %s%s%s\n", json_string_value (json_object_get (j, "tx")),
                 json_string_value (json_object_get (j, "from")), json_string_value (json_object_get (j, "status")),
                 json_object_get (j, "reason") ? ": " : "",
                 json_object_get (j, "reason") ? json_string_value (json_object_get (j, "reason")) : "");
      fprintf (out, "\nHosts the transactions change (before -> after):\n");
      if (json_array_size (hosts) == 0)
        fprintf (out, "  none\n");
    }
  gsize i;
  json_t *h;
  json_array_foreach (hosts, i, h)
    {
      const char *addr = json_string_value (json_object_get (h, "address"));
      const char *key;
      json_t *pair;
      json_object_foreach (h, key, pair)
        {
          if (strcmp (key, "address") == 0)
            continue;
          if (strcmp (key, "voting_powers") == 0)
            {
              const char *model;
              json_t *vp;
              json_object_foreach (pair, model, vp)
                {
                  g_autofree char *field = g_strdup_printf ("voting_power %s", model);
                  g_autofree char *b = g_strdup_printf ("%" JSON_INTEGER_FORMAT, json_integer_value (json_array_get (vp, 0)));
                  g_autofree char *a2 = g_strdup_printf ("%" JSON_INTEGER_FORMAT, json_integer_value (json_array_get (vp, 1)));
                  const char *row[] = { addr, field, b, a2 };
                  if (format == POCSIM_FORMAT_CSV)
                    pocsim_csv_write_row (out, row, 4);
                  else
                    fprintf (out, "  %-46s %-40s %s -> %s\n", addr, field, b, a2);
                }
              continue;
            }
          g_autofree char *b = json_is_string (json_array_get (pair, 0)) ? g_strdup (json_string_value (json_array_get (pair, 0)))
                                 : g_strdup_printf ("%" JSON_INTEGER_FORMAT, json_integer_value (json_array_get (pair, 0)));
          g_autofree char *a2 = json_is_string (json_array_get (pair, 1)) ? g_strdup (json_string_value (json_array_get (pair, 1)))
                                  : g_strdup_printf ("%" JSON_INTEGER_FORMAT, json_integer_value (json_array_get (pair, 1)));
          if (strcmp (b, a2) == 0)
            continue;
          const char *row[] = { addr, key, b, a2 };
          if (format == POCSIM_FORMAT_CSV)
            pocsim_csv_write_row (out, row, 4);
          else
            fprintf (out, "  %-46s %-40s %s -> %s\n", addr, key, b, a2);
        }
    }
  return POCSIM_EXIT_OK;
}

static gboolean
check_usage (const Options *o, int argc)
{
  if (argc != 2)
    {
      fprintf (stderr, "pocsim: whatif needs exactly one CASE argument (see --help)\n");
      return FALSE;
    }
  if (o->host == NULL && o->txs == NULL)
    {
      fprintf (stderr, "pocsim: whatif needs --host ADDR (its options) or --tx TX (see --help)\n");
      return FALSE;
    }
  if (o->txs != NULL && o->from == NULL && o->host == NULL)
    {
      fprintf (stderr, "pocsim: --tx needs its sender: --from ADDR (or --host ADDR)\n");
      return FALSE;
    }
  return pocsim_cli_check_range ("--epochs", o->epochs, 1, MAX_EPOCHS)
         && pocsim_cli_check_range ("--candidates", o->candidates, 0, MAX_CANDIDATES)
         && (o->poc_weight == POC_WEIGHT_NOT_GIVEN || pocsim_cli_check_range ("--poc-weight", o->poc_weight, 1, G_MAXINT64));
}

static gboolean
load_gpus (Options *o, GError **error)
{
  o->specs = pocsim_gpu_specs_parse ((const char *const *) o->gpus, error);
  o->hardware = o->specs ? pocsim_cli_load_hardware (o->hardware_data, error) : NULL;
  o->gpus_text = o->specs ? pocsim_gpu_specs_format (o->specs) : NULL;
  return o->hardware != NULL;
}

static int
whatif (Options *o, int argc, char **argv, PocsimFormat format)
{
  if (!check_usage (o, argc))
    return POCSIM_EXIT_BAD_INPUT;
  g_autoptr (GError) error = NULL;
  gint64 height;
  g_autoptr (PocsimCase) c = pocsim_cli_load_case (argv[1], o->rules, NULL, &height, &error);
  if (c == NULL)
    return pocsim_cli_fail (error);
  if (height < 0)
    height = c->height; /* a case file's own height, when it gives one */
  guint32 a = o->host ? pocsim_case_find_addr (c, o->host) : POCSIM_NO_ADDR;
  if (o->host && a == POCSIM_NO_ADDR)
    {
      fprintf (stderr, "pocsim: %s: host %s is not in the case\n", pocsim_case_display_name (argv[1]), o->host);
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (o->model && pocsim_case_find_model (c, o->model) == POCSIM_NO_MODEL)
    {
      fprintf (stderr, "pocsim: %s: model %s is not in the case\n", pocsim_case_display_name (argv[1]), o->model);
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (o->gpus && !load_gpus (o, &error))
    return pocsim_cli_fail (error);
  PocsimOutput *out = pocsim_output_open (o->output, &error);
  if (out == NULL)
    return pocsim_cli_fail (error);
  if (format == POCSIM_FORMAT_AUTO)
    format = pocsim_output_is_tty (out) ? POCSIM_FORMAT_TABLE : POCSIM_FORMAT_JSON;
  FILE *stream = pocsim_output_stream (out);
  int status = o->txs ? run_txs (c, o, format, stream) : run_options (c, a, o, argv[1], height, format, stream);
  if (status == POCSIM_EXIT_OK && ferror (stream))
    {
      fprintf (stderr, "pocsim: %s: write error\n", o->output ? o->output : "<stdout>");
      status = POCSIM_EXIT_BAD_INPUT;
    }
  if (status != POCSIM_EXIT_OK)
    pocsim_output_abort (out);
  else if (!pocsim_output_commit (out, &error))
    status = pocsim_cli_fail (error);
  return status;
}

int
pocsim_cmd_whatif (int argc, char **argv)
{
  Options o = { 0 };
  o.epochs = 1;
  o.candidates = 5;
  o.poc_weight = POC_WEIGHT_NOT_GIVEN;
  /* Keep in step with docs/pocsim-whatif.1. */
  GOptionEntry entries[] = {
    { "host", 'H', 0, G_OPTION_ARG_STRING, &o.host, "The host asking (address)", "ADDR" },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &o.model, "Only this model (default: every model the host does not run)", "M" },
    { "epochs", 'k', 0, G_OPTION_ARG_INT, &o.epochs, "Also forecast the weight after K epochs, 1 to 1000 (default 1)",
      "K" },
    { "candidates", 'c', 0, G_OPTION_ARG_INT, &o.candidates, "Delegate targets to compare, 0 to 1000 (default 5)", "N" },
    { "guardian", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.guardians,
      "A genesis guardian (address; repeatable): votes on every PoC of the forecast's later epochs", "ADDR" },
    { "poc-weight", 'w', 0, G_OPTION_ARG_INT64, &o.poc_weight,
      "PoC weight (>= 1) if the host ran the model (default: estimated from --gpus, else its largest PoC weight in any model)", "W" },
    { "gpus", 'g', 0, G_OPTION_ARG_STRING_ARRAY, &o.gpus,
      "The host's ML nodes, COUNTxTYPE (e.g. 8xH100; repeatable): estimate the run's PoC weight (see pocsim-hardware(1))", "SPEC" },
    { "hardware-data", 0, 0, G_OPTION_ARG_FILENAME, &o.hardware_data,
      "Hardware data directory for --gpus (default: $POCSIM_HARDWARE_DATA, else the installed epoch403)", "DIR" },
    { "tx", 't', 0, G_OPTION_ARG_STRING_ARRAY, &o.txs,
      "A transaction to overlay, e.g. \"set-poc-delegation MODEL TARGET\" (repeatable)", "TX" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, "Sender of the --tx transactions (default: --host; one is needed)",
      "ADDR" },
    { "explain", 'x', 0, G_OPTION_ARG_NONE, &o.explain, "Also print the host's rule trace (table format)", NULL },
    { "rules", 'r', 0, G_OPTION_ARG_STRING, &o.rules, "Rule set (see 'pocsim rules'); overrides the case's", "R" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &o.format_name, "json, csv or table (default: table on a terminal, else json)", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      "Write to FILE instead of stdout (a file is replaced whole; a FIFO or device is written into)", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("CASE - a host's options before sending a transaction");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "For each model the host does not run, forms the next epoch once per option: keep the\n"
    "current records, run the model, delegate to each candidate target, refuse, declare\n"
    "intent (bootstrap models), do nothing; prints the host's mode, penalty, weight, its change\n"
    "against keeping the records, reward (or the delegate's voting power), the trust weight\n"
    "and voting power (v0.2.16), the weights after K epochs with each model's coefficient on\n"
    "the way, and by which block the transaction must be on chain.  '*' marks the best option.\n"
    "With --tx, applies the transactions instead and shows every host they change.\n"
    "CASE is a case file, a snapshot directory or a participants plan (.csv).\n\n"
    "Exit status: 0 ok, 2 bad input or usage, 3 internal error.\n");
  int status = POCSIM_EXIT_BAD_INPUT;
  PocsimFormat format;
  if (pocsim_cli_parse (context, &argc, &argv) && pocsim_cli_parse_format (o.format_name, &format))
    status = whatif (&o, argc, argv, format);
  g_free (o.rules), g_free (o.host), g_free (o.model), g_free (o.from), g_free (o.format_name), g_free (o.output);
  g_strfreev (o.txs), g_strfreev (o.guardians);
  g_strfreev (o.gpus), g_free (o.hardware_data), g_free (o.gpus_text);
  if (o.specs)
    g_array_unref (o.specs);
  pocsim_hardware_data_free (o.hardware);
  return status;
}
