/* tx.c - parsing and printing PoC delegation transactions. */
#include "core/tx.h"

#include <string.h>

#include "core/error.h"

void
pocsim_tx_clear (PocsimTx *tx)
{
  g_clear_pointer (&tx->from, g_free);
  g_clear_pointer (&tx->model, g_free);
  g_clear_pointer (&tx->target, g_free);
}

static const struct {
  const char *verb;
  PocsimRecordKind kind;
  int n_args; /* after the verb, besides an optional delegation target */
} verbs[] = {
  { "set-poc-delegation", POCSIM_RECORD_DELEGATION, 1 },
  { "refuse-poc-delegation", POCSIM_RECORD_REFUSAL, 1 },
  { "declare-poc-intent", POCSIM_RECORD_INTENT, 1 },
};

static gboolean
syntax_error (const char *text, GError **error)
{
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
               "cannot read the transaction '%s': expected 'set-poc-delegation MODEL TARGET', "
               "'set-poc-delegation MODEL \"\"', 'refuse-poc-delegation MODEL' or "
               "'declare-poc-intent MODEL'",
               text);
  return FALSE;
}

gboolean
pocsim_tx_parse (const char *text, const char *from, PocsimTx *out, GError **error)
{
  g_auto (GStrv) argv = NULL;
  int argc = 0;
  if (!g_shell_parse_argv (text, &argc, &argv, NULL))
    return syntax_error (text, error);
  for (guint k = 0; k < G_N_ELEMENTS (verbs); k++)
    {
      if (strcmp (argv[0], verbs[k].verb) != 0)
        continue;
      gboolean delegation = verbs[k].kind == POCSIM_RECORD_DELEGATION;
      /* set-poc-delegation takes an optional target: absent means "". */
      if (argc < 2 || argc > 2 + (delegation ? 1 : 0) || *argv[1] == '\0')
        return syntax_error (text, error);
      out->kind = verbs[k].kind;
      out->from = g_strdup (from ? from : "");
      out->model = g_strdup (argv[1]);
      out->target = delegation ? g_strdup (argc == 3 ? argv[2] : "") : NULL;
      return TRUE;
    }
  return syntax_error (text, error);
}

char *
pocsim_tx_to_string (const PocsimTx *tx)
{
  for (guint k = 0; k < G_N_ELEMENTS (verbs); k++)
    if (verbs[k].kind == tx->kind)
      {
        if (tx->kind != POCSIM_RECORD_DELEGATION)
          return g_strdup_printf ("%s %s", verbs[k].verb, tx->model);
        return g_strdup_printf ("%s %s %s", verbs[k].verb, tx->model,
                                *tx->target ? tx->target : "\"\"");
      }
  g_return_val_if_reached (NULL);
}
