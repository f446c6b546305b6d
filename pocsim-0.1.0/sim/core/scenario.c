/* scenario.c - the scenario as plain data: construction and ownership.
 * (The JSON reader is scenario_json.c.) */
#include "core/scenario.h"

void
pocsim_event_free (PocsimEvent *e)
{
  if (e == NULL)
    return;
  pocsim_tx_clear (&e->tx);
  g_free (e->where);
  g_free (e->host);
  g_free (e->model);
  g_free (e->target);
  if (e->patch)
    json_decref (e->patch);
  g_free (e);
}

static void
expectation_free (gpointer p)
{
  PocsimExpectation *x = p;
  g_free (x->where);
  g_free (x->label);
  json_decref (x->spec);
  g_free (x);
}

static void
epoch_free (gpointer p)
{
  PocsimScenarioEpoch *e = p;
  g_ptr_array_unref (e->events);
  g_ptr_array_unref (e->expectations);
  g_free (e);
}

void
pocsim_scenario_free (PocsimScenario *s)
{
  if (s == NULL)
    return;
  g_free (s->name);
  g_free (s->description);
  g_free (s->rules);
  if (s->start)
    json_decref (s->start);
  if (s->governance_models)
    json_decref (s->governance_models);
  if (s->epochs)
    g_ptr_array_unref (s->epochs);
  g_free (s);
}

const PocsimScenarioEpoch *
pocsim_scenario_epoch (const PocsimScenario *s, gint64 epoch)
{
  for (guint k = 0; k < s->epochs->len; k++)
    {
      const PocsimScenarioEpoch *e = s->epochs->pdata[k];
      if (e->epoch == epoch)
        return e;
    }
  return NULL;
}

PocsimScenario *
pocsim_scenario_new (const char *name, json_t *start, gint64 first_epoch, gint64 last_epoch)
{
  PocsimScenario *s = g_new0 (PocsimScenario, 1);
  s->name = g_strdup (name);
  s->start = start;
  s->first_epoch = first_epoch;
  s->last_epoch = last_epoch;
  s->epochs = g_ptr_array_new_with_free_func (epoch_free);
  return s;
}

PocsimScenarioEpoch *
pocsim_scenario_add_epoch (PocsimScenario *s, gint64 epoch)
{
  PocsimScenarioEpoch *e = g_new0 (PocsimScenarioEpoch, 1);
  e->epoch = epoch;
  e->events = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_event_free);
  e->expectations = g_ptr_array_new_with_free_func (expectation_free);
  g_ptr_array_add (s->epochs, e);
  return e;
}
