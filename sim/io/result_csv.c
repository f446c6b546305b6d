#include "io/result_csv.h"

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

/* One field as RFC 4180 allows it bare or requires it quoted.  A field with
 * a comma, a quote or a line break is quoted, inner quotes doubled (as
 * libcsv's csv_fwrite writes it); others are written bare, which the RFC
 * allows, so that numbers stay numbers in every reader.  A leading or
 * trailing blank is quoted too, since some readers (libcsv among them) trim
 * it. */
void
pocsim_csv_put_field (PocsimTextOut *o, const char *field)
{
  /* The cell is FIELD, after a quote when it looks like a formula. */
  gboolean formula = looks_like_formula (field);
  gsize len = strlen (field);
  gboolean quote = strpbrk (field, ",\"\r\n") != NULL
                   || (len > 0 && ((!formula && strchr (" \t", field[0])) || strchr (" \t", field[len - 1])));
  if (quote)
    pocsim_text_out_char (o, '"');
  if (formula)
    pocsim_text_out_char (o, '\'');
  if (!quote)
    {
      pocsim_text_out_bytes (o, field, len);
      return;
    }
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        pocsim_text_out_char (o, '"');
      pocsim_text_out_char (o, *p);
    }
  pocsim_text_out_char (o, '"');
}

void
pocsim_csv_put_row (PocsimTextOut *o, const char *const *fields, guint n)
{
  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        pocsim_text_out_char (o, ',');
      pocsim_csv_put_field (o, fields[k]);
    }
  pocsim_text_out_bytes (o, "\r\n", 2);
}

gboolean
pocsim_csv_write_row (FILE *stream, const char *const *fields, guint n)
{
  PocsimTextOut o;
  pocsim_text_out_init (&o, stream);
  pocsim_csv_put_row (&o, fields, n);
  return pocsim_text_out_flush (&o);
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

/* ',' and an integer: never quoted (a number, sign included). */
static void
put_int (PocsimTextOut *o, gint64 v)
{
  pocsim_text_out_char (o, ',');
  pocsim_text_out_int (o, v);
}

static void
put_dec (PocsimTextOut *o, PocsimDec d)
{
  char buf[POCSIM_DEC_FORMAT_SIZE];
  pocsim_text_out_char (o, ',');
  pocsim_text_out_str (o, pocsim_dec_format (d, buf));
}

static void
put_text (PocsimTextOut *o, const char *text)
{
  pocsim_text_out_char (o, ',');
  pocsim_csv_put_field (o, text);
}

static void
put_row (const PocsimEpochResult *r, PocsimTextOut *o, guint a, guint m)
{
  const PocsimCase *c = r->source;
  gsize k = pocsim_cell (c, m, a);
  const char *mode = r->groups[m].eligible ? pocsim_mode_name (r->mode[k])
                                           : pocsim_bootstrap_mode_name (r->bootstrap_mode[k]);
  pocsim_csv_put_field (o, r->rules->name);
  put_int (o, c->upcoming_epoch);
  put_text (o, c->addrs[a]);
  put_text (o, c->models[m].id);
  put_text (o, group_kind (r, m));
  put_text (o, mode);
  put_int (o, (c->cell_flags[k] & POCSIM_CELL_MEMBER) ? c->pw[k] : 0);
  put_int (o, r->consensus[a]);
  put_dec (o, r->penalty[a]);
  put_int (o, r->transfer_in[a]);
  put_int (o, r->transfer_out[a]);
  put_int (o, r->after_penalty[a]);
  put_int (o, r->final[a]);
  put_int (o, r->voting_power[k]);
  put_int (o, r->reward_weight[a]);
  /* the previous weight the formation read; none for a newcomer */
  if (c->addr_flags[a] & POCSIM_ADDR_IN_PREVIOUS)
    put_int (o, r->prev_weight[a]);
  else
    pocsim_text_out_char (o, ',');
  put_int (o, r->cap_weight[a]);
  put_dec (o, r->coefficients[m].coeff);
  /* ngonka and the share of the epoch reward, empty when the case has no
   * bitcoin_reward_params */
  if (c->params.has_reward)
    {
      char share[POCSIM_UNITS_SIZE];
      put_int (o, r->reward[a]);
      put_text (o, pocsim_share_format (r->reward[a], r->epoch_reward, share));
      put_int (o, r->epoch_reward);
    }
  else
    pocsim_text_out_bytes (o, ",,,", 3);
  pocsim_text_out_bytes (o, "\r\n", 2);
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
  g_autofree PocsimTextOut *o = g_new (PocsimTextOut, 1);
  pocsim_text_out_init (o, stream);
  for (guint a = 0; a < c->n_addrs; a++)
    {
      if (!(c->addr_flags[a] & POCSIM_ADDR_ACTIVE))
        continue;
      for (guint m = 0; m < c->n_models; m++)
        if (r->groups[m].has_members || r->is_bootstrap_candidate[m])
          put_row (r, o, a, m);
    }
  return pocsim_text_out_flush (o);
}
