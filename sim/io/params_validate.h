/* params_validate.h - what the chain's own parameter validation rejects.
 *
 * Why: the chain never stores a fraction above 1 or a negative v_min, since
 * its Params.Validate refuses them in the governance message that would set
 * them; a case that holds one is a typo, and forming it gives numbers no
 * chain can produce (a no_participation_penalty of 1.5 charges 100 %).  So
 * a case's params are refused where the chain's validation refuses them,
 * located at the value and naming the field.
 *
 * Only the fields present are checked: a case written by hand omits whole
 * sections the chain requires (validation_params, epoch_params, ...), and
 * pocsim does not ask for them.  A value of the wrong type is left to the
 * reader, which says so in its own words. */
#pragma once

#include "io/json_doc.h"

/* Checks the chain Params object PARAMS (NULL or not an object: nothing to
 * check), found at JSON Pointer PTR.  TRUE when the chain would accept
 * every field checked; FALSE with *PROBLEM filled for the first it would
 * refuse. */
gboolean pocsim_params_validate (const json_t *params, const char *ptr, PocsimJsonProblem *problem);
