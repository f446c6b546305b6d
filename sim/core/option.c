/* option.c - the names of a host's options (option.h). */
#include "core/option.h"

static const char *const option_names[] = {
  [POCSIM_OPTION_KEEP] = "keep", [POCSIM_OPTION_RUN] = "run",       [POCSIM_OPTION_DELEGATE] = "delegate",
  [POCSIM_OPTION_REFUSE] = "refuse", [POCSIM_OPTION_INTENT] = "intent", [POCSIM_OPTION_NOTHING] = "nothing",
};

const char *
pocsim_option_name (PocsimOptionKind kind)
{
  return option_names[kind];
}

void
pocsim_option_outcome_clear (PocsimOptionOutcome *outcome)
{
  g_clear_pointer (&outcome->halt_error, g_free);
  g_clear_pointer (&outcome->path, g_array_unref); /* its clear function frees each epoch's coefficients */
}
