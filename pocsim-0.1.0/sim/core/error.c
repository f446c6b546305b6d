#include "core/error.h"

G_DEFINE_QUARK (pocsim-error-quark, pocsim_error)
