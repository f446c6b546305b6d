/* behaviour.h - a study's behaviour model drawn onto a case (docs/sweeps.md).
 *
 * For one run, each (host, model) cell a rule selects switches to keep,
 * run, delegate, refuse, intent or nothing with the rule's probabilities;
 * hosts leave and newcomers join; every member's PoC weight is multiplied
 * by lognormal noise and rounded to an integer.  The options are written
 * as the what-if writes them (pocsim_option_write), so a run's case is one
 * `pocsim epoch` would read.  Every draw comes from the run's GSL
 * generator, in a fixed order: cells (hosts in address order, models in
 * id order), leaves, joins, noise; so a run depends only on its stream.
 *
 * Ownership: a plan belongs to one grid point's case and is freed with
 * pocsim_behaviour_plan_free(). */
#pragma once

#include <gsl/gsl_rng.h>

#include "core/study.h"

typedef struct PocsimBehaviourPlan PocsimBehaviourPlan;

/* What the draws of a grid point need, computed once from its case C (the
 * hosts, which rule selects each cell, the delegation targets of each
 * model).  FALSE with a located error when a rule names a host or model
 * the case does not have. */
PocsimBehaviourPlan *pocsim_behaviour_plan_new (const PocsimBehaviour *b, const PocsimCase *c, GError **error);
void pocsim_behaviour_plan_free (PocsimBehaviourPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimBehaviourPlan, pocsim_behaviour_plan_free)

/* Draws one run onto C (a copy of the plan's case). */
void pocsim_behaviour_draw (const PocsimBehaviourPlan *plan, PocsimCase *c, gsl_rng *rng);

/* The names of the newcomers B may add ("PREFIX-1", ...), new strings. */
char **pocsim_behaviour_joiners (const PocsimBehaviour *b);
