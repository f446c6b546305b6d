/* synth.h - deterministic synthetic networks for the benchmark.
 *
 * pocsim_synth_network() builds a mainnet-like case of n_hosts addresses and
 * n_models models from a seed alone: the same (n_hosts, n_models, seed)
 * gives the same case on every run (GSL mt19937, draws in a fixed order; no
 * clock, no pointer-dependent behaviour).
 *
 * Shape (see bench/synth.c for the exact fractions):
 *   addresses "gonka1" + zero-padded index, so index order is sorted order;
 *   models "synth/model-<i>" (zero-padded to the width of n_models - 1):
 *     model 0 is delegation_params.initial_model,
 *     models 1 .. n_models-2 are established (previous voting powers),
 *     model n_models-1 is a bootstrap candidate (no previous voting power;
 *     bootstrap-snapshot intents and delegations, a few commits);
 *   previous weights and PoC weights heavy-tailed (Pareto / log-normal);
 *   every participation mode present: run (PoC entry + commit), delegate
 *   (regular snapshot, mostly to a member), refuse, intent, nothing;
 *   newcomers (no previous weight) and dormant previous members;
 *   mainnet parameters (the rule set is left at the library default),
 *   collateral on (most hosts collateralised,
 *   upcoming epoch past the grace period), power cap on;
 *   what v0.2.16 reads besides (earlier rule sets ignore it): mainnet's
 *   dynamic-coefficient settings, E's node weights and coefficient scales,
 *   applied cap weights (10 % zero), cPoC reductions for 5 % of E's
 *   members and a failed miss-rate set of 1 %.
 *
 * With n_models == 1 the only model is the initial one (no bootstrap
 * candidate).  n_hosts and n_models must be >= 1. */
#pragma once

#include <glib.h>

#include "core/case.h"

PocsimCase *pocsim_synth_network (guint n_hosts, guint n_models, guint64 seed);
