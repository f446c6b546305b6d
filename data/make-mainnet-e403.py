#!/usr/bin/env python3
"""make-mainnet-e403.py - builds data/mainnet-e403.case.json from the real
per-node PoC weights of Gonka mainnet epoch 403 (block 6,218,275), formed
under rule set v0.2.16.

    python3 data/make-mainnet-e403.py [DATA_DIR] > data/mainnet-e403.case.json

DATA_DIR holds chain_poc_nodes.csv, chain_node_hardware.csv and
chain_models.csv (default: data/epoch403/ beside this script).  What the data do not hold is derived as
data/README.md says; this script is that derivation, so the case can be
rebuilt and checked.
"""
import csv
import json
import os
import sys
from collections import defaultdict
from decimal import Decimal

# Mainnet delegation parameters at epoch 403 (chain-facts: set by the v0.2.12
# upgrade, w_threshold lowered by GIP-48, MiniMax the base model since prop 78).
DELEGATION_PARAMS = {
    "deploy_window": "500",
    "refusal_penalty": "0.1",
    "no_participation_penalty": "0.15",
    "delegation_share": "0.05",
    "w_threshold": "0.1",
    "v_min": "3",
    "cap_factor": "0.75",
    "initial_model_id": "MiniMaxAI/MiniMax-M2.7",
    "max_model_voting_power_percentage": "0.3",
}


# v0.2.16's dynamic coefficients on mainnet (spec/v0.2.16.md Q8: the final
# upgrade handler): the controller's parameters, and per model
# (coeff_min, coeff_max, relative_difficulty, target_share_bps).
DYNAMIC_COEFFICIENT_PARAMS = {
    "target_zone_bps": 500,
    "step_min": "0.005",
    "step_max": "0.05",
    "bootstrap_step_max": "0.25",
    "bootstrap_share_bps": 100,
}
MODEL_DYNAMIC_COEFFICIENTS = {
    "MiniMaxAI/MiniMax-M2.7": ("0.3024", "0.3024", "1", 3334),
    "deepseek-ai/DeepSeek-V4-Flash-0731": ("0.2214", "0.2706", "1.541666666666", 3333),
    "zai-org/GLM-5.3-Flash": ("0.558", "0.682", "2.668169014084", 3333),
}
# The upgrade's seed state of each model's controller: base = the old
# scale, step 0.025, sign 0 (Q8).
SEED_STEP = "0.025"


def dynamic_coefficient(model):
    cmin, cmax, difficulty, target = MODEL_DYNAMIC_COEFFICIENTS[model]
    return {"coeff_min": cmin, "coeff_max": cmax, "relative_difficulty": difficulty, "target_share_bps": target}


def check_seating_keeps_every_node(fixtures):
    """The case gives each host's PoC per model (poc), not per node: seating
    then seats every node where it proved it, as the node-level form would,
    when no node id is proved in two models and every node's hardware
    record declares the model it proved.  Both hold for epoch 403."""
    proved = defaultdict(set)
    with open(os.path.join(fixtures, "chain_poc_nodes.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        proved[(row["participant"], row["node_id"])].add(row["model_id"])
    declared = {}
    with open(os.path.join(fixtures, "chain_node_hardware.csv"), newline="") as f:
        for row in csv.DictReader(f):
            declared[(row["participant"], row["local_id"])] = set(json.loads(row["registered_models"]))
    for key, models in proved.items():
        assert len(models) == 1, f"node {key} is proved in {sorted(models)}"
        assert models <= declared.get(key, set()), f"node {key}: its record does not declare {sorted(models)}"


def trunc(x):
    return int(x)  # Decimal -> int truncates towards zero, as TruncateInt64


def main():
    fixtures = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                  "epoch403")
    check_seating_keeps_every_node(fixtures)
    models = {}
    with open(os.path.join(fixtures, "chain_models.csv"), newline="") as f:
        for row in csv.DictReader(f):
            models[row["model_id"]] = (Decimal(row["weight_scale_factor_decimal"]), int(row["penalty_start_epoch"]))
    poc = defaultdict(dict)
    with open(os.path.join(fixtures, "chain_poc_nodes.csv"), newline="") as f:
        for row in csv.DictReader(f):
            assert row["epoch_index"] == "403"
            weight = int(row["participant_model_weight"])
            assert poc[row["model_id"]].get(row["participant"], weight) == weight
            poc[row["model_id"]][row["participant"]] = weight

    # E = 402 as a steady state: every host ran in 402 what it ran in 403,
    # directly, with the coefficients of the time, so its weight is its
    # consensus weight sum_m trunc(coeff_m * pw_m), its trust weight the same
    # (trusted throughout), and its voting power in each model the part from
    # that model.
    weights = defaultdict(int)
    voting_powers = defaultdict(dict)
    for model, hosts in poc.items():
        coeff = models[model][0]
        for host, pw in hosts.items():
            part = trunc(coeff * pw)
            weights[host] += part
            if part > 0:
                voting_powers[model][host] = part
    hosts = sorted(weights)
    case = {
        "format": "pocsim-case/1",
        "rules": "v0.2.16",
        "upcoming_epoch": 403,
        "params": {
            "delegation_params": DELEGATION_PARAMS,
            "poc_params": {
                "models": [
                    {"model_id": m, "weight_scale_factor": str(models[m][0]), "penalty_start_epoch": str(models[m][1]),
                     "dynamic_coefficient": dynamic_coefficient(m)}
                    for m in sorted(models)
                ],
                "validation_slots": 0,
                "dynamic_coefficient_params": DYNAMIC_COEFFICIENT_PARAMS,
            },
            "genesis_only_params": {"max_individual_power_percentage": "0.25"},
        },
        "previous": {
            "weights": {h: weights[h] for h in hosts},
            "voting_powers": {m: dict(sorted(voting_powers[m].items())) for m in sorted(voting_powers)},
            "nodes": {m: dict(sorted(poc[m].items())) for m in sorted(poc)},
            "cap_weights": {h: weights[h] for h in hosts},
            "cap_weight_applied": True,
            "coefficient_scales": [
                {"model_id": m, "effective_coefficient": str(models[m][0]), "base_coefficient": str(models[m][0]),
                 "adaptive_step": SEED_STEP, "prev_sign": 0, "exclude_from_confirmation": False,
                 "config": dynamic_coefficient(m)}
                for m in sorted(models)
            ],
        },
        "bootstrap_snapshot": {"delegations": [], "intents": []},
        "delegation_snapshot": {"delegations": [], "refusals": []},
        "commits": [{"model_id": m, "participant": h} for m in sorted(poc) for h in sorted(poc[m])],
        "poc": {m: dict(sorted(poc[m].items())) for m in sorted(poc)},
    }
    json.dump(case, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
