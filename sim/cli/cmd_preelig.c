/* cmd_preelig.c - `pocsim preelig CASE`: the bootstrap_model_preeligibility
 * events the chain will emit at the next bootstrap snapshot, what each failed
 * check still lacks, and the hosts whose intent or delegation would close it. */
#include <stdio.h>
#include <string.h>

#include "analysis/preelig_gap.h"
#include "cli/cli.h"
#include "core/error.h"
#include "core/timeline.h"
#include "io/case_load.h"
#include "io/json_writer.h"
#include "io/legend.h"
#include "io/output.h"
#include "io/result_csv.h"
#include "io/result_json.h"
#include "rules/coefficients.h"
#include "rules/epoch.h"


typedef struct {
  const char *name;
  const PocsimCase *c;
  const PocsimEpochResult *r;
  const PocsimPreeligReport *rep;
  gboolean snapshot_assumed_empty;
  gboolean has_height;
  gint64 snapshot_height;
} Report;

static void
project_height (Report *rp)
{
  /* A case holds no heights: project P_U - deploy_window from the mainnet
   * anchor and epoch length (docs/timeline.md). */
  PocsimEpochParams p = pocsim_epoch_params_mainnet ();
  p.deploy_window = rp->c->params.deploy_window;
  PocsimTimeline t = { 0 };
  rp->has_height = pocsim_timeline_compute (&p, pocsim_anchor_mainnet (), rp->c->upcoming_epoch, &t, NULL)
                   && t.has_bootstrap_snapshot;
  rp->snapshot_height = t.bootstrap_snapshot;
}

static const char *
prefix_text (guint n, char buf[32])
{
  if (n == POCSIM_GAP_UNCLOSABLE)
    return "cannot close";
  if (n == 0)
    return "met";
  g_snprintf (buf, 32, "%u", n);
  return buf;
}

static char *
closes_text (guint bits)
{
  GString *s = g_string_new (NULL);
  static const char *const names[] = { "weight", "hosts", "reachability" };
  for (guint b = 0; b < 3; b++)
    if (bits & (1u << b))
      g_string_append_printf (s, "%s%s", s->len ? "," : "", names[b]);
  return g_string_free (s, FALSE);
}

static const char *
height_note (const Report *rp)
{
  if (rp->has_height)
    return "projected from mainnet epoch 265 at 4089970, epoch_length 15391";
  return rp->c->params.deploy_window <= 0 ? "none: deploy_window <= 0, the chain takes no bootstrap snapshot"
                                          : "unknown: the projection falls before block 1";
}

/* ---------------------------------------------------------------- table */

static void
table_check (FILE *out, const char *check, const char *rule, gboolean ok, const char *missing)
{
  fprintf (out, "  %-22s %-48s %-4s %s\n", check, rule, ok ? "ok" : "FAIL", ok ? "-" : missing);
}

static void
table_gap (const Report *rp, const PocsimPreeligGap *g, FILE *out)
{
  const PocsimCase *c = rp->c;
  const PocsimPreEligibility *ev = g->event;
  char coeff[POCSIM_DEC_FORMAT_SIZE], n1[32], n2[32], n3[32], n4[32];
  fprintf (out, "%s: pre_eligible %s\n", c->models[ev->model].id, ev->pre_eligible ? "true" : "false");
  fprintf (out, "  %-22s %-48s %-4s %s\n", "CHECK", "RULE", "", "MISSING");
  g_autofree char *a_rule = g_strdup_printf ("%s %s > 0",
                                             c->rules->dynamic_coefficients && c->params.has_dynamic_params
                                               ? "coeff_min" : "weight_scale_factor",
                                             pocsim_dec_format (pocsim_approval_coefficient (c, ev->model), coeff));
  table_check (out, "approved", a_rule, ev->approved, "a governance change; no host can close it");
  g_autofree char *w_rule = g_strdup_printf ("intent_weight %" G_GINT64_FORMAT " >= %" G_GINT64_FORMAT,
                                             ev->intent_weight, ev->weight_threshold);
  g_autofree char *w_miss = g_strdup_printf ("%" G_GINT64_FORMAT " more intent weight", g->weight_needed);
  table_check (out, "meets_weight_threshold", w_rule, ev->meets_weight_threshold, w_miss);
  g_autofree char *h_rule = g_strdup_printf ("intent_host_count %" G_GINT64_FORMAT " >= v_min %" G_GINT64_FORMAT,
                                             ev->intent_host_count, g->v_min);
  g_autofree char *h_miss = g_strdup_printf ("%" G_GINT64_FORMAT " more intent hosts with weight", g->hosts_needed);
  table_check (out, "meets_v_min", h_rule, ev->meets_v_min, h_miss);
  g_autofree char *r_rule = g_strdup_printf ("3 * %" G_GINT64_FORMAT " > 2 * %" G_GINT64_FORMAT,
                                             ev->reachable_voting_power, ev->total_network_weight);
  g_autofree char *r_miss = g->reachable_possible
                                ? g_strdup_printf ("%" G_GINT64_FORMAT " more reachable voting power", g->reachable_needed)
                                : g_strdup ("impossible: total network weight is 0");
  table_check (out, "meets_reachability", r_rule, ev->meets_reachability, r_miss);

  if (g->intent_prefix_all != 0)
    {
      fprintf (out, "\n  Intents that would close the gaps (hosts of the previous epoch without an intent,\n"
                    "  by weight; each row counts the rows above it as sent). Hosts needed: weight %s,\n"
                    "  hosts %s, reachability %s, all %s\n",
               prefix_text (g->intent_prefix_weight, n1), prefix_text (g->intent_prefix_hosts, n2),
               prefix_text (g->intent_prefix_reach, n3), prefix_text (g->intent_prefix_all, n4));
      fprintf (out, "    %4s  %-46s %12s %14s %6s %12s  %s\n", "RANK", "ADDRESS", "WEIGHT", "+INTENT_WEIGHT",
               "+HOSTS", "+REACHABLE", "CLOSES");
      for (guint k = 0; k < g->n_intent; k++)
        {
          const PocsimGapHost *h = &g->intent[k];
          g_autofree char *closes = closes_text (h->closes);
          fprintf (out, "    %4u  %-46s %12" G_GINT64_FORMAT " %14" G_GINT64_FORMAT " %6" G_GINT64_FORMAT
                        " %12" G_GINT64_FORMAT "  %s\n",
                   k + 1, c->addrs[h->addr], h->previous_weight, h->adds_intent_weight, h->adds_hosts,
                   h->adds_reachable, *closes ? closes : "-");
        }
    }
  if (!ev->meets_reachability)
    {
      fprintf (out, "\n  Delegations to an intent holder that would close the reachability gap alone\n"
                    "  (they add to reachable power only). Hosts needed: %s\n",
               prefix_text (g->delegation_prefix, n1));
      if (g->n_delegation == 0)
        fprintf (out, "    none: %s\n", !g->reachable_possible ? "total network weight is 0"
                                                             : "no host holds an intent to delegate to");
      else
        fprintf (out, "    %4s  %-46s %12s %12s  %s\n", "RANK", "ADDRESS", "WEIGHT", "+REACHABLE", "CLOSES");
      for (guint k = 0; k < g->n_delegation; k++)
        {
          const PocsimGapDelegator *d = &g->delegation[k];
          fprintf (out, "    %4u  %-46s %12" G_GINT64_FORMAT " %12" G_GINT64_FORMAT "  %s\n", k + 1,
                   c->addrs[d->addr], d->previous_weight, d->adds_reachable, d->closes ? "reachability" : "-");
        }
    }
  fputc ('\n', out);
}

static gboolean
write_table (const Report *rp, FILE *out)
{
  const PocsimCase *c = rp->c;
  char w[POCSIM_DEC_FORMAT_SIZE];
  fprintf (out, "pocsim %s preelig  %s  rule set %s  upcoming epoch %" G_GINT64_FORMAT "\n", POCSIM_VERSION, rp->name,
           rp->r->rules->name, c->upcoming_epoch);
  if (rp->has_height)
    fprintf (out, "  bootstrap snapshot at block %" G_GINT64_FORMAT " (%s)\n", rp->snapshot_height, height_note (rp));
  else
    fprintf (out, "  bootstrap snapshot height: %s\n", height_note (rp));
  fprintf (out, "  total network weight T_E %" G_GINT64_FORMAT ", w_threshold %s, v_min %" G_GINT64_FORMAT "\n",
           rp->r->base_total, pocsim_dec_format (c->params.w_threshold, w), c->params.v_min);
  if (rp->snapshot_assumed_empty)
    fprintf (out, "  note: the case has no bootstrap snapshot; evaluated as one with no intents or delegations\n");
  fputc ('\n', out);
  if (rp->rep->n == 0)
    fprintf (out, "No bootstrap candidates: every model in poc_params has voting power in the previous epoch.\n");
  for (guint k = 0; k < rp->rep->n; k++)
    table_gap (rp, &rp->rep->gaps[k], out);
  if (rp->rep->n == 0)
    return !ferror (out);
  g_autoptr (PocsimLegend) l = pocsim_legend_new ("Legend");
  pocsim_legend_add (l, "CHECK", "one of the four tests of pre-eligibility (docs/preelig.md): ok or FAIL");
  pocsim_legend_add (l, "MISSING", "what the failed test lacks, in weight units (T_E = total network weight above) or hosts");
  pocsim_legend_add (l, "RANK", "hosts of the previous epoch in the order they are tried (most weight first)");
  pocsim_legend_add (l, "WEIGHT", "the host's previous weight W_E");
  pocsim_legend_add (l, "+INTENT_WEIGHT, +HOSTS, +REACHABLE", "what its intent (or delegation) would add to the intent weight,\n"
                                                               "the intent hosts and the reachable voting power");
  pocsim_legend_add (l, "CLOSES", "the test that this row, with the rows above it, makes pass; - = none yet");
  return pocsim_legend_write (l, out);
}

/* ----------------------------------------------------------------- json */

/* A prefix length, or null when no prefix closes the gap. */
static void
member_prefix (PocsimJsonWriter *w, const char *key, guint n)
{
  pocsim_json_member_int_or_null (w, key, n != POCSIM_GAP_UNCLOSABLE, n);
}

/* The event's attributes, in the chain's order, typed: the height, then
 * what `pocsim epoch` writes for the event. */
static void
write_json_event (PocsimJsonWriter *w, const Report *rp, const PocsimPreEligibility *ev)
{
  pocsim_json_member_object (w, "event");
  pocsim_json_member_int_or_null (w, "snapshot_height", rp->has_height, rp->snapshot_height);
  pocsim_preeligibility_write_members (w, rp->c, ev);
  pocsim_json_object_close (w);
}

static void
write_json_missing (PocsimJsonWriter *w, const PocsimPreeligGap *g)
{
  pocsim_json_member_object (w, "missing");
  pocsim_json_member_int (w, "intent_weight", g->weight_needed);
  pocsim_json_member_int (w, "intent_hosts", g->hosts_needed);
  pocsim_json_member_int_or_null (w, "reachable_voting_power", g->reachable_possible || g->event->meets_reachability,
                                  g->reachable_needed);
  pocsim_json_object_close (w);
}

static void
write_json_by_intent (PocsimJsonWriter *w, const Report *rp, const PocsimPreeligGap *g)
{
  pocsim_json_member_object (w, "by_intent");
  pocsim_json_member_object (w, "prefix");
  member_prefix (w, "weight", g->intent_prefix_weight);
  member_prefix (w, "hosts", g->intent_prefix_hosts);
  member_prefix (w, "reachability", g->intent_prefix_reach);
  member_prefix (w, "all", g->intent_prefix_all);
  pocsim_json_object_close (w);
  pocsim_json_member_array (w, "hosts");
  for (guint k = 0; k < g->n_intent; k++)
    {
      const PocsimGapHost *h = &g->intent[k];
      g_autofree char *closes = closes_text (h->closes);
      pocsim_json_object_open (w);
      pocsim_json_member_string (w, "address", rp->c->addrs[h->addr]);
      pocsim_json_member_int (w, "previous_weight", h->previous_weight);
      pocsim_json_member_int (w, "adds_intent_weight", h->adds_intent_weight);
      pocsim_json_member_int (w, "adds_intent_hosts", h->adds_hosts);
      pocsim_json_member_int (w, "adds_reachable", h->adds_reachable);
      pocsim_json_member_string (w, "closes", closes);
      pocsim_json_object_close (w);
    }
  pocsim_json_array_close (w);
  pocsim_json_object_close (w);
}

static void
write_json_by_delegation (PocsimJsonWriter *w, const Report *rp, const PocsimPreeligGap *g)
{
  pocsim_json_member_object (w, "by_delegation");
  if (g->event->meets_reachability)
    pocsim_json_member_int (w, "prefix", 0);
  else
    member_prefix (w, "prefix", g->delegation_prefix);
  pocsim_json_member_array (w, "hosts");
  for (guint k = 0; k < g->n_delegation; k++)
    {
      const PocsimGapDelegator *d = &g->delegation[k];
      pocsim_json_object_open (w);
      pocsim_json_member_string (w, "address", rp->c->addrs[d->addr]);
      pocsim_json_member_int (w, "previous_weight", d->previous_weight);
      pocsim_json_member_int (w, "adds_reachable", d->adds_reachable);
      pocsim_json_member_string (w, "closes", d->closes ? "reachability" : "");
      pocsim_json_object_close (w);
    }
  pocsim_json_array_close (w);
  pocsim_json_object_close (w);
}

static void
write_json_gap (PocsimJsonWriter *w, const Report *rp, const PocsimPreeligGap *g)
{
  const PocsimPreEligibility *ev = g->event;
  pocsim_json_object_open (w);
  write_json_event (w, rp, ev);
  pocsim_json_member_bool (w, "approved", ev->approved);
  pocsim_json_member_int (w, "weight_threshold", ev->weight_threshold);
  pocsim_json_member_int (w, "v_min", g->v_min);
  write_json_missing (w, g);
  write_json_by_intent (w, rp, g);
  write_json_by_delegation (w, rp, g);
  pocsim_json_object_close (w);
}

static gboolean
write_json (const Report *rp, FILE *out)
{
  g_autoptr (PocsimJsonWriter) w = pocsim_json_writer_new (out);
  pocsim_json_object_open (w);
  pocsim_json_member_string (w, "format", "pocsim-preelig/1");
  pocsim_json_member_string (w, "pocsim", POCSIM_VERSION);
  pocsim_json_member_string (w, "case", rp->name);
  pocsim_json_member_string (w, "rules", rp->r->rules->name);
  pocsim_json_member_int (w, "upcoming_epoch", rp->c->upcoming_epoch);
  pocsim_json_member_int_or_null (w, "snapshot_height", rp->has_height, rp->snapshot_height);
  pocsim_json_member_string (w, "snapshot_height_source", height_note (rp));
  pocsim_json_member_bool (w, "bootstrap_snapshot_in_case", !rp->snapshot_assumed_empty);
  pocsim_json_member_int (w, "total_network_weight", rp->r->base_total);
  pocsim_json_member_dec (w, "w_threshold", rp->c->params.w_threshold);
  pocsim_json_member_int (w, "v_min", rp->c->params.v_min);
  pocsim_json_member_array (w, "models");
  for (guint k = 0; k < rp->rep->n; k++)
    write_json_gap (w, rp, &rp->rep->gaps[k]);
  pocsim_json_array_close (w);
  pocsim_json_object_close (w);
  return pocsim_json_writer_finish (w);
}

/* ------------------------------------------------------------------ csv */

/* Long format: one "event" row per model, then one row per listed host
 * ("intent" or "delegation").  Columns that do not apply are empty. */
static const char *const csv_columns[] = {
  "model_id", "row", "snapshot_height", "pre_eligible", "meets_weight_threshold", "meets_v_min",
  "meets_reachability", "intent_host_count", "intent_weight", "reachable_voting_power", "total_network_weight",
  "weight_threshold", "v_min", "missing_intent_weight", "missing_intent_hosts", "missing_reachable_voting_power",
  "rank", "address", "previous_weight", "adds_intent_weight", "adds_intent_hosts", "adds_reachable", "closes",
};
#define N_CSV G_N_ELEMENTS (csv_columns)

static gboolean
csv_row (FILE *out, char cells[N_CSV][48], const char *model, const char *row, const char *address,
         const char *closes)
{
  const char *fields[N_CSV];
  for (guint k = 0; k < N_CSV; k++)
    fields[k] = cells[k];
  fields[0] = model;
  fields[1] = row;
  fields[17] = address ? address : "";
  fields[22] = closes ? closes : "";
  return pocsim_csv_write_row (out, fields, N_CSV);
}

static void
cell_int (char cells[N_CSV][48], guint k, gint64 v)
{
  g_snprintf (cells[k], 48, "%" G_GINT64_FORMAT, v);
}

static gboolean
csv_gap (const Report *rp, const PocsimPreeligGap *g, FILE *out)
{
  const PocsimCase *c = rp->c;
  const PocsimPreEligibility *ev = g->event;
  const char *model = c->models[ev->model].id;
  char cells[N_CSV][48] = { { 0 } };
  if (rp->has_height)
    cell_int (cells, 2, rp->snapshot_height);
  g_strlcpy (cells[3], ev->pre_eligible ? "true" : "false", 48);
  g_strlcpy (cells[4], ev->meets_weight_threshold ? "true" : "false", 48);
  g_strlcpy (cells[5], ev->meets_v_min ? "true" : "false", 48);
  g_strlcpy (cells[6], ev->meets_reachability ? "true" : "false", 48);
  cell_int (cells, 7, ev->intent_host_count);
  cell_int (cells, 8, ev->intent_weight);
  cell_int (cells, 9, ev->reachable_voting_power);
  cell_int (cells, 10, ev->total_network_weight);
  cell_int (cells, 11, ev->weight_threshold);
  cell_int (cells, 12, g->v_min);
  cell_int (cells, 13, g->weight_needed);
  cell_int (cells, 14, g->hosts_needed);
  if (g->reachable_possible || ev->meets_reachability)
    cell_int (cells, 15, g->reachable_needed);
  if (!csv_row (out, cells, model, "event", NULL, NULL))
    return FALSE;
  for (guint k = 0; k < N_CSV; k++)
    cells[k][0] = '\0';
  for (guint k = 0; k < g->n_intent; k++)
    {
      const PocsimGapHost *h = &g->intent[k];
      g_autofree char *closes = closes_text (h->closes);
      cell_int (cells, 16, k + 1);
      cell_int (cells, 18, h->previous_weight);
      cell_int (cells, 19, h->adds_intent_weight);
      cell_int (cells, 20, h->adds_hosts);
      cell_int (cells, 21, h->adds_reachable);
      if (!csv_row (out, cells, model, "intent", c->addrs[h->addr], closes))
        return FALSE;
    }
  cells[19][0] = cells[20][0] = '\0';
  for (guint k = 0; k < g->n_delegation; k++)
    {
      const PocsimGapDelegator *d = &g->delegation[k];
      cell_int (cells, 16, k + 1);
      cell_int (cells, 18, d->previous_weight);
      cell_int (cells, 21, d->adds_reachable);
      if (!csv_row (out, cells, model, "delegation", c->addrs[d->addr], d->closes ? "reachability" : ""))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_csv (const Report *rp, FILE *out)
{
  if (!pocsim_csv_write_row (out, csv_columns, N_CSV))
    return FALSE;
  for (guint k = 0; k < rp->rep->n; k++)
    if (!csv_gap (rp, &rp->rep->gaps[k], out))
      return FALSE;
  return !ferror (out);
}

/* -------------------------------------------------------------- command */

static gboolean
select_model (const PocsimCase *c, const PocsimEpochResult *r, const char *id, guint32 *m, GError **error)
{
  *m = POCSIM_NO_MODEL;
  if (id == NULL)
    return TRUE;
  *m = pocsim_case_find_model (c, id);
  if (*m == POCSIM_NO_MODEL || !c->models[*m].in_params)
    g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE, "--model %s: not in poc_params.models of the case", id);
  else if (!r->is_bootstrap_candidate[*m])
    g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE,
                 "--model %s: not a bootstrap candidate (it has voting power in the previous epoch)", id);
  else
    return TRUE;
  return FALSE;
}

int
pocsim_cmd_preelig (int argc, char **argv)
{
  g_autofree char *rules = NULL, *model = NULL, *format_name = NULL, *output = NULL;
  /* Keep in step with docs/pocsim-preelig.1 and docs/preelig.md. */
  GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model, "Only this bootstrap candidate", "M" },
    { "rules", 'r', 0, G_OPTION_ARG_STRING, &rules, "Rule set (see 'pocsim rules'); overrides the case's", "R" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "table (default), json or csv", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to FILE instead of stdout (a file is replaced whole; a FIFO or device is written into)", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context
      = g_option_context_new ("CASE - pre-eligibility of the bootstrap candidates, and what each lacks");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (
      context,
      "Computes the bootstrap_model_preeligibility event the chain emits for each\n"
      "bootstrap candidate at P - deploy_window (docs/rules.md section 3), from the case's bootstrap\n"
      "snapshot records (intents, delegations) and previous-epoch weights.  For each\n"
      "failed check it prints what is missing (intent weight, intent hosts, reachable\n"
      "voting power) and the hosts of the previous epoch, ranked by weight, whose\n"
      "intent (or, for reachability, delegation to an intent holder) would close it.\n"
      "A case without a bootstrap snapshot is evaluated as one with no records.\n\n"
      "Exit status: 0 ok, 2 bad input or usage, 3 internal error.\n");
  if (!pocsim_cli_parse (context, &argc, &argv))
    return POCSIM_EXIT_BAD_INPUT;
  PocsimFormat format;
  if (!pocsim_cli_parse_format (format_name, &format))
    return POCSIM_EXIT_BAD_INPUT;
  if (argc != 2)
    {
      fprintf (stderr, "pocsim: preelig needs exactly one CASE argument (see --help)\n");
      return POCSIM_EXIT_BAD_INPUT;
    }

  g_autoptr (GError) error = NULL;
  Report rp = { .name = pocsim_case_display_name (argv[1]) };
  g_autoptr (PocsimCase) c = pocsim_cli_load_case (argv[1], rules, NULL, NULL, &error);
  if (c == NULL)
    return pocsim_cli_fail (error);
  if (!c->has_bootstrap_snapshot)
    {
      /* The chain captures one at every P - dw; with no records known, it holds none. */
      PocsimCase *copy = pocsim_case_copy (c);
      copy->has_bootstrap_snapshot = TRUE;
      pocsim_case_free (g_steal_pointer (&c));
      c = copy;
      rp.snapshot_assumed_empty = TRUE;
    }
  /* Pre-eligibility is decided at P - dw: a formation at which the chain
   * would halt later still has it. */
  g_autoptr (PocsimEpochResult) r = pocsim_epoch_form_outcome (c, &error);
  guint32 m;
  if (r == NULL)
    {
      g_prefix_error (&error, "%s: ", rp.name);
      return pocsim_cli_fail (error);
    }
  if (!select_model (c, r, model, &m, &error))
    return pocsim_cli_fail (error);
  g_autoptr (PocsimPreeligReport) rep = pocsim_preelig_gap_compute (c, r, m, &error);
  if (rep == NULL)
    {
      g_prefix_error (&error, "%s: ", rp.name);
      return pocsim_cli_fail (error);
    }
  rp.c = c;
  rp.r = r;
  rp.rep = rep;
  project_height (&rp);

  PocsimOutput *out = pocsim_output_open (output, &error);
  if (out == NULL)
    return pocsim_cli_fail (error);
  FILE *stream = pocsim_output_stream (out);
  gboolean ok = format == POCSIM_FORMAT_JSON  ? write_json (&rp, stream)
                : format == POCSIM_FORMAT_CSV ? write_csv (&rp, stream)
                                    : write_table (&rp, stream);
  if (!ok)
    {
      pocsim_output_abort (out);
      fprintf (stderr, "pocsim: %s: write error\n", output ? output : "<stdout>");
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (!pocsim_output_commit (out, &error))
    return pocsim_cli_fail (error);
  return POCSIM_EXIT_OK;
}
