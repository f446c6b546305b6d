#!/usr/bin/env python3
"""Writes the v0.2.16 stand-in node's answers (README.md here) into this
directory.  Not run by `make check`; its output is committed.  Every value is
SYNTHETIC, in the shapes of the chain's v0.2.16 queries."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
MINIMAX = "MiniMaxAI/MiniMax-M2.7"
DEEPSEEK = "deepseek-ai/DeepSeek-V4-Flash-0731"
A = "gonka1v216hosta8xq3k5m2n7p4r9t6w0y8z2c4e6g"
B = "gonka1v216hostb7wr2j4l6n8q0s2u4w6y8a0c2e4g"
C = "gonka1v216hostc6vs3k5m7p9r1t3v5x7z9b1d3f5h"
D = "gonka1v216hostd5ut4l6n8q0s2u4w6y8a0c2e4g6j"
N = "gonka1v216hostn4ts5m7p9r1t3v5x7z9b1d3f5h7k"
P418, LENGTH = 6440000, 15391
P419, P420 = P418 + LENGTH, P418 + 2 * LENGTH
FORMED = P420 + 280          # validation end of epoch 420
BLOCK = FORMED + 38          # the node's latest block: 420 formed, 419 still effective


def dec(value, exponent):
    return {"value": str(value), "exponent": exponent}


def write(name, doc):
    path = os.path.join(HERE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


# Both models pinned (coeff_min = coeff_max), as MiniMax is on mainnet:
# their effective coefficient is the bound, whatever the shares.
CONFIG = {
    MINIMAX: {"coeff_min": dec(3024, -4), "coeff_max": dec(3024, -4), "relative_difficulty": dec(1, 0),
              "target_share_bps": 3334},
    DEEPSEEK: {"coeff_min": dec(2706, -4), "coeff_max": dec(2706, -4),
               "relative_difficulty": dec(1541666666666, -12), "target_share_bps": 3333},
}
DYN = {"target_zone_bps": 500, "step_min": dec(5, -3), "step_max": dec(5, -2),
       "bootstrap_step_max": dec(25, -2), "bootstrap_share_bps": 100}


def model(mid, penalty_start):
    return {"model_id": mid, "seq_len": "1024",
            "stat_test": {"dist_threshold": dec(4, -1), "p_mismatch": dec(1, -1), "p_value_threshold": dec(5, -2)},
            "weight_scale_factor": None, "penalty_start_epoch": str(penalty_start),
            "dynamic_coefficient": CONFIG[mid]}


with open(os.path.join(HERE, "..", "params.json")) as f:
    params = json.load(f)
p = params["params"]
p["poc_params"]["models"] = [model(MINIMAX, 278), model(DEEPSEEK, 360)]
p["poc_params"]["dynamic_coefficient_params"] = DYN
p["poc_params"]["validation_vote_threshold_bps"] = 5000
d = p["delegation_params"]
d.update({"deploy_window": "500", "v_min": "2", "w_threshold": dec(1, -1), "cap_factor": dec(75, -2),
          "initial_model_id": MINIMAX, "max_model_voting_power_percentage": dec(5, -1)})
p["collateral_params"]["grace_period_end_epoch"] = "1000"
write("params.json", params)

info = {"block_height": str(BLOCK), "params": p,
        "latest_epoch": {"index": "420", "poc_start_block_height": str(P420)},
        "is_confirmation_poc_active": False, "active_confirmation_poc_event": None}
write("epoch_info.json", info)
write("get_current_epoch.json", {"epoch": "419"})


def node(nid, weight):
    return {"node_id": nid, "throughput": "0", "poc_weight": str(weight), "timeslot_allocation": [True, False]}


def row(addr, weight, cw=0, vp=0, nodes=()):
    return {"member_address": addr, "weight": str(weight), "reputation": 0, "ml_nodes": list(nodes),
            "confirmation_weight": str(cw), "voting_power": str(vp)}


def scale(mid, eff, base, step, sign):
    return {"model_id": mid, "weight_scale_factor": None, "effective_coefficient": eff, "config": CONFIG[mid],
            "base_coefficient": base, "adaptive_step": step, "prev_sign": sign, "exclude_from_confirmation": False}


def group(epoch, poc_start, mid, rows, subs=(), scales=(), dyn=None):
    g = {"poc_start_block_height": str(poc_start), "epoch_group_id": str(1100 + epoch), "epoch_policy": "",
         "effective_block_height": str(poc_start + 400), "last_block_height": "0", "member_seed_signatures": [],
         "validation_weights": rows, "unit_of_compute_price": "100", "number_of_requests": "0",
         "previous_epoch_requests": "0", "validation_params": None,
         "total_weight": str(sum(int(r["weight"]) for r in rows)), "model_id": mid, "sub_group_models": list(subs),
         "epoch_index": str(epoch), "model_snapshot": None, "total_throughput": "0",
         "confirmation_weight_scales": list(scales)}
    if mid == "":
        g["dynamic_coefficient_params"] = dyn
    return {"epoch_group_data": g}


SCALES = [scale(MINIMAX, dec(3024, -4), dec(3024, -4), dec(25, -3), 0),
          scale(DEEPSEEK, dec(2706, -4), dec(2706, -4), dec(25, -3), 0)]
# Epoch 419: B's confirmation PoC confirmed half its weight; C was removed
# from the group during the epoch (excluded_participants).
write("epoch_group_data_e419_root.json",
      group(419, P419, "", [row(A, 4106, 4106), row(B, 6048, 3024), row(C, 1512, 1512), row(D, 2164, 2164)],
            [MINIMAX, DEEPSEEK], SCALES, DYN))
write("epoch_group_data_e419_MiniMax.json",
      group(419, P419, MINIMAX, [row(A, 10000, 3024, 4106, [node("a-minimax", 10000)]),
                                 row(B, 20000, 6048, 6048, [node("b-minimax", 20000)]),
                                 row(C, 5000, 1512, 1512, [node("c-minimax", 5000)])]))
write("epoch_group_data_e419_DeepSeek.json",
      group(419, P419, DEEPSEEK, [row(A, 4000, 1082, 4106, [node("a-deepseek", 4000)]),
                                  row(D, 8000, 2164, 2164, [node("d-deepseek", 8000)])]))
# Epoch 420 as formed: its root (the frozen config and the formation's
# scales) and subgroups (the seated nodes).
write("epoch_group_data_e420_root.json",
      group(420, P420, "", [row(A, 4408, 4408), row(B, 6048, 6048), row(C, 1512, 1512), row(D, 2435, 2435),
                            row(N, 811, 811)], [MINIMAX, DEEPSEEK], SCALES, DYN))
write("epoch_group_data_e420_MiniMax.json",
      group(420, P420, MINIMAX, [row(A, 11000, 0, 4106, [node("a-minimax", 11000)]),
                                 row(B, 20000, 0, 4647, [node("b-minimax", 20000)]),
                                 row(C, 5000, 0, 0, [node("c-minimax", 5000)])]))
write("epoch_group_data_e420_DeepSeek.json",
      group(420, P420, DEEPSEEK, [row(A, 4000, 0, 3135, [node("a-deepseek", 4000)]),
                                  row(D, 9000, 0, 2164, [node("d-deepseek", 9000)]),
                                  row(N, 3000, 0, 0, [node("n-deepseek", 3000)])]))


def v1_participant(addr, weight, cap, models):
    return {"index": addr, "validator_key": "", "weight": weight, "models": [m for m, _ in models],
            "ml_nodes": [{"ml_nodes": [{"node_id": n, "poc_weight": w}]} for _, (n, w) in models],
            "cap_weight": cap}


write("v1_epochs_419_participants.json", {
    "active_participants": {
        "participants": [v1_participant(A, 4106, 4000, [(MINIMAX, ("a-minimax", 10000)),
                                                        (DEEPSEEK, ("a-deepseek", 4000))]),
                         v1_participant(B, 6048, 6048, [(MINIMAX, ("b-minimax", 20000))]),
                         v1_participant(C, 1512, 1512, [(MINIMAX, ("c-minimax", 5000))]),
                         v1_participant(D, 2164, 2000, [(DEEPSEEK, ("d-deepseek", 8000))])],
        "epoch_group_id": 419, "poc_start_block_height": P419, "effective_block_height": P419 + 282,
        "created_at_block_height": P419 + 280, "epoch_id": 419, "cap_weight_applied": True},
    "addresses": [], "active_participants_bytes": "", "proof_ops": None, "validators": [], "block": None,
    "excluded_participants": [{"address": C, "reason": "failed_confirmation_poc", "exclusion_block_height": P419 + 4609}]})
write("excluded_participants_e419.json",
      {"items": [{"address": C, "epoch_index": "419", "reason": "failed_confirmation_poc",
                  "exclusion_block_height": str(P419 + 4609)}]})


def commit(addr, mid):
    return {"participant_address": addr, "count": 100, "root_hash": "AAAA", "hex_pub_key": "", "model_id": mid}


write("all_poc_v2_store_commits_%d.json" % P420,
      {"commits": [commit(A, MINIMAX), commit(A, DEEPSEEK), commit(B, MINIMAX), commit(C, MINIMAX),
                   commit(D, DEEPSEEK), commit(N, DEEPSEEK)]})


def hardware(addr, nodes):
    return {"nodes": {"participant": addr, "hardware_nodes": [
        {"local_id": nid, "status": "INFERENCE", "models": models,
         "hardware": [{"type": "NVIDIA H100 80GB HBM3 | 79GB", "count": 8}], "host": "10.0.0.1", "port": "8080",
         "version": ""} for nid, models in nodes]}}


write("hardware/%s.json" % A, hardware(A, [("a-minimax", [MINIMAX]), ("a-deepseek", [DEEPSEEK])]))
write("hardware/%s.json" % B, hardware(B, [("b-minimax", [MINIMAX, DEEPSEEK])]))
write("hardware/%s.json" % C, hardware(C, [("c-minimax", [MINIMAX])]))
write("hardware/%s.json" % N, hardware(N, [("n-deepseek", [DEEPSEEK])]))
write("models_all.json", {"model": [{"proposed_by": "", "id": MINIMAX}, {"proposed_by": "", "id": DEEPSEEK}],
                          "pagination": {"next_key": None, "total": "2"}})
write("collateral/%s.json" % A, {"amount": {"denom": "ngonka", "amount": "20000000000000"}})
write("collateral/%s.json" % B, {"amount": {"denom": "ngonka", "amount": "30000000000000"}})
EMPTY = {"delegations": [], "refusals": [], "intents": []}
write("poc_delegation_empty.json", EMPTY)
write("delegations-validation/%s.json" % D,
      {"delegations": [{"model_id": MINIMAX, "delegator": D, "delegate_to": B}], "refusals": [], "intents": []})

API = "/chain-api/productscience/inference/inference/"
q = lambda m: {"model_id": m}
routes = [
    {"path": API + "epoch_info", "file": "epoch_info.json"},
    {"path": API + "get_current_epoch", "file": "get_current_epoch.json"},
    {"path": API + "params", "file": "params.json"},
    {"path": API + "epoch_group_data/419", "file": "epoch_group_data_e419_root.json"},
    {"path": API + "epoch_group_data/419", "query": q(MINIMAX), "file": "epoch_group_data_e419_MiniMax.json"},
    {"path": API + "epoch_group_data/419", "query": q(DEEPSEEK), "file": "epoch_group_data_e419_DeepSeek.json"},
    {"path": API + "epoch_group_data/420", "file": "epoch_group_data_e420_root.json"},
    {"path": API + "epoch_group_data/420", "query": q(MINIMAX), "file": "epoch_group_data_e420_MiniMax.json"},
    {"path": API + "epoch_group_data/420", "query": q(DEEPSEEK), "file": "epoch_group_data_e420_DeepSeek.json"},
    {"path": API + "all_poc_v2_store_commits/%d" % P420, "file": "all_poc_v2_store_commits_%d.json" % P420},
    {"path": API + "excluded_participants/419", "file": "excluded_participants_e419.json"},
    {"path": API + "models_all", "query": {"pagination.limit": "1000"}, "file": "models_all.json"},
    {"path": "/v1/epochs/419/participants", "file": "v1_epochs_419_participants.json"},
    {"prefix": API + "hardware_nodes/", "dir": "hardware"},
    {"prefix": "/chain-api/productscience/inference/collateral/collateral/", "dir": "collateral"},
    {"prefix": API + "poc_delegation/", "height": P420 - 500, "dir": "delegations-bootstrap",
     "default": "poc_delegation_empty.json"},
    {"prefix": API + "poc_delegation/", "height": P420 + 40, "dir": "delegations-validation",
     "default": "poc_delegation_empty.json"},
]
with open(os.path.join(HERE, "routes.json"), "w") as f:
    f.write("[\n" + ",\n".join("  " + json.dumps(r) for r in routes) + "\n]\n")
