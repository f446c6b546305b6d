#include "core/modes.h"

static const char *const mode_names[] = {
  [POCSIM_MODE_UNSET] = "",
  [POCSIM_MODE_DIRECT] = "DIRECT",
  [POCSIM_MODE_DELEGATE] = "DELEGATE",
  [POCSIM_MODE_REFUSE] = "REFUSE",
  [POCSIM_MODE_NONE] = "NONE",
};

static const char *const bootstrap_mode_names[] = {
  [POCSIM_BMODE_UNSET] = "",
  [POCSIM_BMODE_DIRECT] = "DIRECT",
  [POCSIM_BMODE_DELEGATE] = "DELEGATE",
  [POCSIM_BMODE_INTENT_OK] = "INTENT_OK",
  [POCSIM_BMODE_INTENT_MISSED] = "INTENT_MISSED",
  [POCSIM_BMODE_NONE] = "NONE",
};

const char *
pocsim_mode_name (PocsimMode mode)
{
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (mode_names), "");
  return mode_names[mode];
}

const char *
pocsim_bootstrap_mode_name (PocsimBootstrapMode mode)
{
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (bootstrap_mode_names), "");
  return bootstrap_mode_names[mode];
}
