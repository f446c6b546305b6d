/* chain_keys.h - the field names of the chain's own JSON, one table per
 * message (io/json_keys.h).
 *
 * A case's `params` is the node's own answer to
 * GET /chain-api/productscience/inference/inference/params (or the CLI's
 * `inferenced query inference params -o json`), so every field the chain
 * has is accepted there even when pocsim does not read it, and a name the
 * chain does not have is an error.  The names are the proto field names,
 * which all three encoders write (REST jsonpb with OrigName, the CLI's
 * protojson with proto names, and /v1's encoding/json tags):
 * docs/case-format.md lists the sources. */
#pragma once

#include "io/json_keys.h"

/* inference.inference.Params, the whole params object (with pocsim's
 * genesis_only_params beside its sections). */
extern const PocsimKeyTable pocsim_chain_params_keys;

/* QueryParamsResponse: {"params": Params}, the REST answer as it comes. */
extern const PocsimKeyTable pocsim_chain_params_response_keys;

/* PoCModelConfig: one entry of poc_params.models. */
extern const PocsimKeyTable pocsim_chain_poc_model_keys;

/* ConfirmationWeightScale: one entry of an epoch group's
 * confirmation_weight_scales (a case's previous.coefficient_scales). */
extern const PocsimKeyTable pocsim_chain_weight_scale_keys;

/* The chain's Decimal {value, exponent}. */
extern const PocsimKeyTable pocsim_chain_decimal_keys;
