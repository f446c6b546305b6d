#!/usr/bin/env python3
"""make-mainnet-e403.py - builds data/mainnet-e403.case.json from the real
per-node PoC weights of Gonka mainnet epoch 403 (block 6,218,275).

    python3 data/make-mainnet-e403.py FIXTURES_DIR > data/mainnet-e403.case.json

FIXTURES_DIR holds chain_poc_nodes.csv and chain_models.csv (../shared/
fixtures/epoch403/ beside a checkout).  What the fixtures do not hold is
derived as data/README.md says; this script is that derivation, so the case
can be rebuilt and checked.
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


def trunc(x):
    return int(x)  # Decimal -> int truncates towards zero, as TruncateInt64


def main():
    fixtures = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared",
                                                                  "fixtures", "epoch403")
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
    # directly, so its weight is its consensus weight sum_m trunc(coeff_m * pw_m)
    # and its voting power in each model the part from that model.
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
        "rules": "v0.2.14",
        "upcoming_epoch": 403,
        "params": {
            "delegation_params": DELEGATION_PARAMS,
            "poc_params": {
                "models": [
                    {"model_id": m, "weight_scale_factor": str(models[m][0]), "penalty_start_epoch": str(models[m][1])}
                    for m in sorted(models)
                ],
                "validation_slots": 0,
            },
            "genesis_only_params": {"max_individual_power_percentage": "0.25"},
        },
        "previous": {
            "weights": {h: weights[h] for h in hosts},
            "voting_powers": {m: dict(sorted(voting_powers[m].items())) for m in sorted(voting_powers)},
            "poc": {m: dict(sorted(poc[m].items())) for m in sorted(poc)},
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
