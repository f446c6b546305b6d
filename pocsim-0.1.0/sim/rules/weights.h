/* weights.h - consensus weight from per-model PoC (§4.4).
 *
 * For each eligible model in order: raw[p] = trunc(coeff · pw); the group is
 * capped at cap_factor · T_E unless it is the only eligible group or the
 * initial model's; the scale Quo(cap, Σraw) is banker's-rounded to 18
 * digits; cw[p] += trunc(scale · raw[p]).  cw is the original weight O[p]. */
#pragma once

#include "core/result.h"

gboolean pocsim_consensus_weights_compute (const PocsimCase *c, PocsimEpochResult *r, GError **error);
