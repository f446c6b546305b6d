#include "io/result_csv.h"

#include <csv.h>
#include <string.h>

#include "io/units.h"

/* A number as pocsim writes one: -?DIGITS(.DIGITS)? */
static gboolean
is_number (const char *s)
{
  const char *p = (*s == '-') ? s + 1 : s;
  gsize int_digits = strspn (p, "0123456789");
  if (int_digits == 0)
    return FALSE;
  p += int_digits;
  if (*p == '.')
    {
      gsize frac_digits = strspn (p + 1, "0123456789");
      if (frac_digits == 0)
        return FALSE;
      p += 1 + frac_digits;
    }
  return *p == '\0';
}

/* A cell starting with = + - @ (or a tab/CR) runs as a formula in common
 * spreadsheets (OWASP "CSV injection"); such a text cell gets a leading
 * quote.  A negative number keeps its sign: "-5" is a number, "-5+cmd" is
 * not. */
static gboolean
looks_like_formula (const char *s)
{
  return s[0] == '=' || s[0] == '+' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'
         || (s[0] == '-' && !is_number (s));
}

gboolean
pocsim_csv_write_row (FILE *stream, const char *const *fields, guint n)
{
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *safe = looks_like_formula (fields[k]) ? g_strconcat ("'", fields[k], NULL) : NULL;
      const char *cell = safe ? safe : fields[k];
      if (k > 0 && fputc (',', stream) == EOF)
        return FALSE;
      /* RFC 4180: a field with a comma, a quote or a line break is quoted
       * (csv_fwrite doubles inner quotes); others are written bare, which
       * the RFC allows, so that numbers stay numbers in every reader.  A
       * leading or trailing blank is quoted too, since some readers (libcsv
       * among them) trim it. */
      gsize len = strlen (cell);
      gboolean quote = strpbrk (cell, ",\"\r\n") != NULL
                       || (len > 0 && (strchr (" \t", cell[0]) || strchr (" \t", cell[len - 1])));
      if (quote ? csv_fwrite (stream, cell, len) != 0 : fputs (cell, stream) == EOF)
        return FALSE;
    }
  return fputs ("\r\n", stream) != EOF;
}

static const char *const columns[] = {
  "rules", "upcoming_epoch", "address", "model_id", "group", "mode", "poc_weight", "consensus", "penalty",
  "transfer_in", "transfer_out", "after_penalty", "final", "voting_power", "reward_weight",
  "previous_confirmed", "cap_weight", "coefficient", "reward", "reward_share", "epoch_reward",
};

static const char *
group_kind (const PocsimEpochResult *r, guint m)
{
  if (r->groups[m].eligible)
    return "eligible";
  if (r->is_bootstrap_candidate[m])
    return "bootstrap";
  return "ineligible";
}

static gboolean
write_row (const PocsimEpochResult *r, FILE *stream, guint a, guint m)
{
  const PocsimCase *c = r->source;
  gsize k = pocsim_cell (c, m, a);
  char num[13][32], pen[POCSIM_DEC_FORMAT_SIZE], coeff[POCSIM_DEC_FORMAT_SIZE], share[POCSIM_UNITS_SIZE] = "";
  const char *mode = r->groups[m].eligible ? pocsim_mode_name (r->mode[k])
                                           : pocsim_bootstrap_mode_name (r->bootstrap_mode[k]);
  g_snprintf (num[0], 32, "%" G_GINT64_FORMAT, c->upcoming_epoch);
  g_snprintf (num[1], 32, "%" G_GINT64_FORMAT, (c->cell_flags[k] & POCSIM_CELL_MEMBER) ? c->pw[k] : 0);
  g_snprintf (num[2], 32, "%" G_GINT64_FORMAT, r->consensus[a]);
  g_snprintf (num[3], 32, "%" G_GINT64_FORMAT, r->transfer_in[a]);
  g_snprintf (num[4], 32, "%" G_GINT64_FORMAT, r->transfer_out[a]);
  g_snprintf (num[5], 32, "%" G_GINT64_FORMAT, r->after_penalty[a]);
  g_snprintf (num[6], 32, "%" G_GINT64_FORMAT, r->final[a]);
  g_snprintf (num[7], 32, "%" G_GINT64_FORMAT, r->voting_power[k]);
  g_snprintf (num[8], 32, "%" G_GINT64_FORMAT, r->reward_weight[a]);
  /* the previous weight the formation read; none for a newcomer */
  if (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS)
    g_snprintf (num[9], 32, "%" G_GINT64_FORMAT, r->prev_weight[a]);
  else
    num[9][0] = '\0';
  g_snprintf (num[10], 32, "%" G_GINT64_FORMAT, r->cap_weight[a]);
  /* ngonka, empty when the case has no bitcoin_reward_params */
  num[11][0] = num[12][0] = '\0';
  if (c->params.has_reward)
    {
      g_snprintf (num[11], 32, "%" G_GINT64_FORMAT, r->reward[a]);
      g_snprintf (num[12], 32, "%" G_GINT64_FORMAT, r->epoch_reward);
      pocsim_share_format (r->reward[a], r->epoch_reward, share);
    }
  const char *fields[] = {
    r->rules->name, num[0], c->addrs[a], c->models[m].id, group_kind (r, m), mode, num[1], num[2],
    pocsim_dec_format (r->penalty[a], pen), num[3], num[4], num[5], num[6], num[7], num[8], num[9], num[10],
    pocsim_dec_format (r->coefficients[m].coeff, coeff), num[11], share, num[12],
  };
  return pocsim_csv_write_row (stream, fields, G_N_ELEMENTS (fields));
}

gboolean
pocsim_result_write_csv (const PocsimEpochResult *r, FILE *stream)
{
  return pocsim_result_write_csv_header (stream) && pocsim_result_write_csv_rows (r, stream);
}

gboolean
pocsim_result_write_csv_header (FILE *stream)
{
  return pocsim_csv_write_row (stream, columns, G_N_ELEMENTS (columns));
}

gboolean
pocsim_result_write_csv_rows (const PocsimEpochResult *r, FILE *stream)
{
  const PocsimCase *c = r->source;
  if (r->halt_error != NULL)
    return TRUE; /* the chain halted: nothing was formed */
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
        continue;
      for (guint m = 0; m < c->n_models; m++)
        if ((r->groups[m].has_members || r->is_bootstrap_candidate[m]) && !write_row (r, stream, a, m))
          return FALSE;
    }
  return TRUE;
}
