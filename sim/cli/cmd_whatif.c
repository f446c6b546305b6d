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
#include "io/output.h"
#include "io/plot_script.h"
#include "io/timeline_json.h"
#include "io/whatif_report.h"
#include "rules/epoch.h"
#include "rules/reward.h"

/* The limits of the count options; keep in step with --help and
 * docs/pocsim-whatif.1. */
#define MAX_EPOCHS 1000
#define MAX_CANDIDATES 1000
#define POC_WEIGHT_NOT_GIVEN G_MININT64

typedef struct {
  char *rules, *host, *model, *from, *format_name, *output, *node;
  char **txs;
  char **guardians;  /* --guardian: the genesis guardians of the forecast */
  char **settings;   /* --set PATH=VALUE */
  char *plot;        /* --plot DIR */
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
  PocsimWhatifRunEstimate estimate;
} RunWeight;

typedef PocsimWhatifRow Row;

/* The height the deadlines are measured from, and what it is. */
typedef struct {
  const PocsimChainClock *clock; /* NULL: no height known */
  const char *source;            /* for the report: "node URL", "the capture's manifest.json" */
  const char *height_name;       /* for a problem: "the case's height", "the chain's height" */
} Deadlines;

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
  if (!pocsim_poc_estimate_host_by_id (o->hardware, c->models[m].id, o->specs, per_node, &rw->estimate.total, error))
    return FALSE;
  rw->weight = rw->estimate.total.weight;
  rw->estimate.estimated = TRUE;
  rw->estimate.description = pocsim_host_estimate_text (o->hardware, o->specs, per_node, &rw->estimate.total);
  return TRUE;
}

static void
model_options (const PocsimCase *c, guint m, guint32 a, const Options *o, gint64 pw, GArray *rows)
{
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

/* ---- the two modes ---- */

/* A transaction the row needs that would land too late: its deadline is
 * before the chain's height (the node's, or the case's capture height).
 * New string, or NULL. */
static char *
late_problem (const Row *row, const Deadlines *d)
{
  gint64 height = d->clock ? d->clock->height : -1;
  if (row->deadline <= 0 || height <= 0 || row->deadline >= height)
    return NULL;
  if (row->option.kind == POCSIM_OPTION_RUN)
    return g_strdup_printf ("too late: the PoC stage ended at block %" G_GINT64_FORMAT ", before %s %" G_GINT64_FORMAT,
                            row->deadline, d->height_name, height);
  return g_strdup_printf ("too late: the transaction had to be on chain by block %" G_GINT64_FORMAT ", before %s %"
                          G_GINT64_FORMAT, row->deadline, d->height_name, height);
}

/* The row's problems, joined: what the option does not do, then timing. */
static void
fill_problem (const PocsimCase *c, guint32 a, Row *row, const Deadlines *d)
{
  g_autofree char *effect = pocsim_option_problem (c, a, &row->option, &row->outcome);
  g_autofree char *late = late_problem (row, d);
  if (effect != NULL && late != NULL)
    row->problem = g_strconcat (effect, "; ", late, NULL);
  else
    row->problem = g_strdup (effect != NULL ? effect : late);
}

/* The options of model m for host a, each formed, timed and checked. */
static gboolean
model_report (const PocsimCase *c, guint m, guint32 a, const Options *o, const char *path,
              const PocsimTimeline *t, const Deadlines *d, PocsimWhatifModel *report, GError **error)
{
  RunWeight rw;
  if (!run_weight (c, m, a, o, &rw, error))
    return FALSE;
  report->run = rw.estimate;
  model_options (c, m, a, o, rw.weight, report->rows);
  for (guint k = 0; k < report->rows->len; k++)
    {
      Row *row = &g_array_index (report->rows, Row, k);
      if (!pocsim_option_forecast_with (c, a, &row->option, (guint) o->epochs, (const char *const *) o->guardians,
                                        &row->outcome, error))
        {
          if (row->option.kind == POCSIM_OPTION_RUN && o->poc_weight != POC_WEIGHT_NOT_GIVEN)
            g_prefix_error (error, "run with --poc-weight %" G_GINT64_FORMAT ": ", o->poc_weight);
          g_prefix_error (error, "%s: ", pocsim_case_display_name (path));
          return FALSE;
        }
      if (t != NULL)
        option_timing (t, pocsim_is_bootstrap_candidate (c, m), row);
      fill_problem (c, a, row, d);
    }
  report->ties = mark_best (report->rows);
  return TRUE;
}

/* --plot DIR: the options' charts, drawn by gnuplot when it is installed. */
static gboolean
write_plots (PocsimWhatifReport *report, const char *dir)
{
  g_autoptr (GError) error = NULL;
  gboolean missing = FALSE;
  if (!pocsim_plot_publish (dir, dir, pocsim_whatif_write_plots, report, &missing, &error))
    {
      pocsim_cli_fail (error);
      return FALSE;
    }
  if (missing)
    fprintf (stderr, "pocsim: gnuplot is not installed: the charts' data and scripts are in %s "
                     "(run gnuplot on each .gp file there to draw them)\n", dir);
  return TRUE;
}

static int
run_options (const PocsimCase *c, guint32 a, const Options *o, const char *path, const Deadlines *d,
             PocsimFormat format, FILE *out)
{
  PocsimTimeline t;
  gboolean have_timeline = load_timeline (path, c->upcoming_epoch, &t);
  g_autoptr (GPtrArray) models = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_whatif_model_free);
  PocsimWhatifReport report = {
    c, a, o->epochs, pocsim_case_epoch_reward (c), o->gpus_text, d->clock, d->source, models, FALSE, o->model != NULL,
    (const char *const *) o->settings,
  };
  for (guint m = 0; m < c->n_models; m++)
    {
      if (!c->models[m].in_params || (o->model && strcmp (o->model, c->models[m].id) != 0)
          || (!o->model && host_runs (c, m, a)))
        continue;
      PocsimWhatifModel *mr = pocsim_whatif_model_new (m, pocsim_is_bootstrap_candidate (c, m));
      g_ptr_array_add (models, mr);
      g_autoptr (GError) error = NULL;
      if (!model_report (c, m, a, o, path, have_timeline ? &t : NULL, d, mr, &error))
        return pocsim_cli_fail (error);
    }
  gboolean written = format == POCSIM_FORMAT_CSV    ? pocsim_whatif_write_csv (&report, out)
                     : format == POCSIM_FORMAT_JSON ? pocsim_whatif_write_json (&report, out)
                                                    : pocsim_whatif_write_table (&report, out);
  if (written && o->plot != NULL && !write_plots (&report, o->plot))
    return POCSIM_EXIT_BAD_INPUT;
  if (written && o->explain && format == POCSIM_FORMAT_TABLE)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PocsimEpochResult) r = pocsim_epoch_form (c, &error);
      if (r == NULL)
        return pocsim_cli_fail (error);
      fprintf (out, "\nRule trace with the current records:\n");
      pocsim_explain_host (r, a, out);
    }
  return POCSIM_EXIT_OK; /* a write error is found by the caller */
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

static PocsimWhatifHostChange
host_change (const PocsimEpochResult *before, const PocsimEpochResult *after, guint32 a)
{
  const PocsimCase *c = before->source;
  PocsimWhatifHostChange h = {
    a, { before->final[a], after->final[a] }, { before->penalty[a], after->penalty[a] },
    { before->reward_weight[a], after->reward_weight[a] }, { before->reward[a], after->reward[a] },
    g_array_new (FALSE, FALSE, sizeof (PocsimWhatifVotingPower)),
  };
  for (guint m = 0; m < c->n_models; m++)
    {
      gsize k = pocsim_cell (c, m, a);
      PocsimWhatifVotingPower vp = { m, { before->voting_power[k], after->voting_power[k] } };
      if (vp.vp[0] != vp.vp[1])
        g_array_append_val (h.voting_powers, vp);
    }
  return h;
}

static int
txs_report (const PocsimCase *c, const Options *o, PocsimWhatifTxReport *report)
{
  g_autoptr (PocsimCase) overlay = pocsim_case_copy (c);
  for (char **t = o->txs; *t; t++)
    {
      PocsimTx tx = { 0 };
      g_autoptr (GError) error = NULL;
      if (!pocsim_tx_parse (*t, o->from ? o->from : o->host, &tx, &error))
        return pocsim_cli_fail (error);
      PocsimWhatifTx entry = { pocsim_tx_to_string (&tx), g_strdup (tx.from), NULL };
      pocsim_tx_overlay (overlay, &tx, &entry.reason);
      g_array_append_val (report->txs, entry);
      pocsim_tx_clear (&tx);
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimEpochResult) before = pocsim_epoch_form (c, &error);
  g_autoptr (PocsimEpochResult) after = before ? pocsim_epoch_form (overlay, &error) : NULL;
  if (after == NULL)
    return pocsim_cli_fail (error);
  for (guint a = 0; a < c->n_addrs; a++)
    if (host_changed (before, after, a))
      {
        PocsimWhatifHostChange h = host_change (before, after, a);
        g_array_append_val (report->hosts, h);
      }
  return POCSIM_EXIT_OK;
}

static int
run_txs (const PocsimCase *c, const Options *o, PocsimFormat format, FILE *out)
{
  PocsimWhatifTxReport report;
  pocsim_whatif_tx_report_init (&report, c);
  int status = txs_report (c, o, &report);
  if (status == POCSIM_EXIT_OK)
    {
      if (format == POCSIM_FORMAT_JSON)
        pocsim_whatif_tx_write_json (&report, out);
      else if (format == POCSIM_FORMAT_CSV)
        pocsim_whatif_tx_write_csv (&report, out);
      else
        pocsim_whatif_tx_write_table (&report, out);
    }
  pocsim_whatif_tx_report_clear (&report);
  return status;
}

static gboolean
check_usage (const Options *o, int argc, PocsimFormat format)
{
  if (o->explain && o->txs == NULL && format != POCSIM_FORMAT_AUTO && format != POCSIM_FORMAT_TABLE)
    {
      fprintf (stderr, "pocsim: --explain writes a text trace: it cannot be given as --format %s\n", o->format_name);
      return FALSE;
    }
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
  if (o->txs != NULL && o->plot != NULL)
    {
      fprintf (stderr, "pocsim: --plot draws a host's options: it does not go with --tx\n");
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
  if (!check_usage (o, argc, format))
    return POCSIM_EXIT_BAD_INPUT;
  g_autoptr (GError) error = NULL;
  gint64 height;
  g_autoptr (PocsimCase) c = pocsim_cli_load_case_with (argv[1], o->rules, o->settings, NULL, &height, &error);
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
  if (format == POCSIM_FORMAT_AUTO) /* the trace is text: --explain keeps the table */
    format = (o->explain && o->txs == NULL) || pocsim_output_is_tty (out) ? POCSIM_FORMAT_TABLE : POCSIM_FORMAT_JSON;
  FILE *stream = pocsim_output_stream (out);
  /* Deadlines are measured from the node's height now (--node), else from
   * the height the case was captured at. */
  PocsimChainClock clock = { height, 0, FALSE, height, 0, FALSE };
  Deadlines d = { height > 0 ? &clock : NULL, "the case's capture height", "the case's height" };
  PocsimNodeClock node_clock = { 0 };
  g_autofree char *node_name = o->node ? g_strdup_printf ("node %s", o->node) : NULL;
  if (o->node != NULL)
    {
      if (!pocsim_cli_node_clock (o->node, &node_clock, &error))
        {
          pocsim_output_abort (out);
          return pocsim_cli_fail (error);
        }
      d = (Deadlines) { &node_clock.clock, node_name, "the chain's height" };
    }
  int status = o->txs ? run_txs (c, o, format, stream) : run_options (c, a, o, argv[1], &d, format, stream);
  if (status == POCSIM_EXIT_OK && ferror (stream))
    {
      fprintf (stderr, "pocsim: %s: write error\n", o->output ? o->output : "<stdout>");
      status = POCSIM_EXIT_BAD_INPUT;
    }
  if (status != POCSIM_EXIT_OK)
    pocsim_output_abort (out);
  else if (!pocsim_output_commit (out, &error))
    status = pocsim_cli_fail (error);
  pocsim_node_clock_clear (&node_clock);
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
      "Hardware data directory for --gpus (default: $POCSIM_HARDWARE_DATA, else the installed epoch403, else data/epoch403 beside an uninstalled pocsim)", "DIR" },
    { "tx", 't', 0, G_OPTION_ARG_STRING_ARRAY, &o.txs,
      "A transaction to overlay, e.g. \"set-poc-delegation MODEL TARGET\" (repeatable)", "TX" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, "Sender of the --tx transactions (default: --host; one is needed)",
      "ADDR" },
    { "node", 'n', 0, G_OPTION_ARG_STRING, &o.node,
      "Read the chain's height and block times from the node (through pocsim-capture): blocks left to each "
      "deadline, its estimated UTC time, and which have passed", "URL" },
    { "explain", 'x', 0, G_OPTION_ARG_NONE, &o.explain, "Also print the host's rule trace (table format)", NULL },
    { "plot", 'p', 0, G_OPTION_ARG_FILENAME, &o.plot,
      "Also draw the options' charts into DIR: per model, each option's weight and reward per epoch (SVG and PNG "
      "by gnuplot, with their data and scripts)", "DIR" },
    { "rules", 'r', 0, G_OPTION_ARG_STRING, &o.rules, "Rule set (see 'pocsim rules'); overrides the case's", "R" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &o.settings,
      "Override a value of the case, e.g. params.delegation_params.w_threshold=0.2 (repeatable; as pocsim-epoch(1))",
      "PATH=VALUE" },
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
    "the way, and by which block the transaction must be on chain (with --node, how many\n"
    "blocks are left and when that is, estimated).  '*' marks the best option.\n"
    "With --tx, applies the transactions instead and shows every host they change.\n"
    "CASE is a case file, a snapshot directory or a participants plan (.csv).\n\n"
    "Exit status: 0 ok, 2 bad input or usage, 3 internal error.\n");
  int status = POCSIM_EXIT_BAD_INPUT;
  PocsimFormat format;
  if (pocsim_cli_parse (context, &argc, &argv) && pocsim_cli_parse_format (o.format_name, &format))
    status = whatif (&o, argc, argv, format);
  g_free (o.rules), g_free (o.host), g_free (o.model), g_free (o.from), g_free (o.format_name), g_free (o.output);
  g_free (o.node), g_free (o.plot);
  g_strfreev (o.txs), g_strfreev (o.guardians), g_strfreev (o.settings);
  g_strfreev (o.gpus), g_free (o.hardware_data), g_free (o.gpus_text);
  if (o.specs)
    g_array_unref (o.specs);
  pocsim_hardware_data_free (o.hardware);
  return status;
}
