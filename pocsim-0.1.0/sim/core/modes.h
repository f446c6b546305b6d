/* modes.h - participation and bootstrap modes, with their names. */
#pragma once

#include <glib.h>

/* §4.3, eligible models.  0 = not resolved (address outside the universe). */
typedef enum {
  POCSIM_MODE_UNSET = 0,
  POCSIM_MODE_DIRECT,
  POCSIM_MODE_DELEGATE,
  POCSIM_MODE_REFUSE,
  POCSIM_MODE_NONE,
} PocsimMode;

/* §4.5 bootstrap path, non-eligible bootstrap candidates. */
typedef enum {
  POCSIM_BMODE_UNSET = 0,
  POCSIM_BMODE_DIRECT,
  POCSIM_BMODE_DELEGATE,
  POCSIM_BMODE_INTENT_OK,
  POCSIM_BMODE_INTENT_MISSED,
  POCSIM_BMODE_NONE,
} PocsimBootstrapMode;

const char *pocsim_mode_name (PocsimMode mode);
const char *pocsim_bootstrap_mode_name (PocsimBootstrapMode mode);
