#!/usr/bin/env python3
"""Builds the e266 test snapshot directories and the hand case from the real
captures in ../shared/fixtures (see README.md here).  Run from the source
tree: python3 tests/snapshots/make-snapshots.py FIXTURES_DIR.  Not run by
`make check`; its output is committed."""
import json, os, shutil, sys

FIX = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/fixtures"
HERE = os.path.dirname(os.path.abspath(__file__))
QWEN = "Qwen/Qwen3-235B-A22B-Instruct-2507-FP8"
KIMI = "moonshotai/Kimi-K2.6"
# The params in force at the e266 formation (chain v0.2.12, Kimi's v0.2.12
# coefficient): the epoch-251 capture; fixtures/params.json is a later
# v0.2.13 capture (Kimi 0.78, MiniMax added).
PARAMS = "real/params_e251_v0.2.12_sortedkeys.json"


def enc(model):
    ok = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
    return "".join(chr(b) if b in ok else "%%%02X" % b for b in model.encode())


def load(rel):
    with open(os.path.join(FIX, rel), "rb") as f:
        return json.loads(f.read())


def write(path, doc):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


def copy(rel, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copyfile(os.path.join(FIX, rel), dst)


def cli_strip(v):
    """autocli (-o json) re-encoding of a REST body: zero and empty fields
    omitted (int64 stay strings, as the CLI writes them)."""
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            x = cli_strip(x)
            if x in (None, "", "0", 0, False, []):
                continue
            out[k] = x
        return out
    if isinstance(v, list):
        return [cli_strip(x) for x in v]
    return v


GROUPS = {"root": "real/epoch_group_data_e265_root.json",
          QWEN: "real/epoch_group_data_e265_Qwen3-235B.json",
          KIMI: "real/epoch_group_data_e265_Kimi-K2.6.json"}
commits_cli = load("real/all_poc_v2_store_commits_4105361_cli.json")
dels_cli = load("real/poc_delegation_cli_all_h4104861.json")["all_delegations"]


def commits_rest():
    rows = []
    for c in commits_cli["commits"]:
        rows.append({"participant_address": c.get("participant_address", ""), "count": c.get("count", 0),
                     "root_hash": c.get("root_hash", ""), "hex_pub_key": c.get("hex_pub_key", ""),
                     "model_id": c.get("model_id", "")})
    return {"commits": rows}


def dels_rest(ans):
    return {"delegations": ans.get("delegations", []), "refusals": ans.get("refusals", []),
            "intents": ans.get("intents", [])}


def common(d, encoder):
    if encoder == "cli":
        write(f"{d}/params.json", cli_strip(load(PARAMS)))
        write(f"{d}/commits.json", commits_cli)
        for a, ans in dels_cli.items():
            write(f"{d}/delegations/bootstrap/{a}.json", ans)
    else:
        copy(PARAMS, f"{d}/params.json")
        write(f"{d}/commits.json", commits_rest())
        for a, ans in dels_cli.items():
            write(f"{d}/delegations/bootstrap/{a}.json", dels_rest(ans))
    copy("synthetic/get_current_epoch.json", f"{d}/epoch.json")


for name in ("e266-rest", "e266-cli", "e266-v1", "e266-v1-strings"):
    shutil.rmtree(os.path.join(HERE, name), ignore_errors=True)

d = os.path.join(HERE, "e266-rest")
common(d, "rest")
copy(GROUPS["root"], f"{d}/previous/root.json")
for m in (QWEN, KIMI):
    copy(GROUPS[m], f"{d}/previous/models/{enc(m)}.json")

d = os.path.join(HERE, "e266-cli")
common(d, "cli")
write(f"{d}/previous/root.json", cli_strip(load(GROUPS["root"])))
for m in (QWEN, KIMI):
    write(f"{d}/previous/models/{enc(m)}.json", cli_strip(load(GROUPS[m])))

d = os.path.join(HERE, "e266-v1")
common(d, "rest")
copy("derived/participants_e265_multimodel.json", f"{d}/previous/participants.json")
d = os.path.join(HERE, "e266-v1-strings")
common(d, "rest")
copy("derived/participants_e265_multimodel_v0.2.15_strings.json", f"{d}/previous/participants.json")

# The hand case: the same captured state, mapped as docs/snapshots.md says,
# written here without pocsim's reader.
root = load(GROUPS["root"])["epoch_group_data"]
weights = {r["member_address"]: int(r["weight"]) for r in root["validation_weights"]}
vps, pw = {}, {}
for m in (QWEN, KIMI):
    g = load(GROUPS[m])["epoch_group_data"]
    vps[m] = {r["member_address"]: int(r["voting_power"]) for r in g["validation_weights"]
              if int(r["voting_power"]) > 0}
    pw[m] = {r["member_address"]: int(r["weight"]) for r in g["validation_weights"]}
commits = sorted(({"participant": c["participant_address"], "model_id": c["model_id"]}
                  for c in commits_cli["commits"]), key=lambda r: (r["model_id"], r["participant"]))
poc = {}
for c in commits:  # no current/: as last epoch
    poc.setdefault(c["model_id"], {})[c["participant"]] = pw.get(c["model_id"], {}).get(c["participant"], 0)
boot = sorted((r for a in dels_cli.values() for r in a.get("delegations", [])),
              key=lambda r: (r["model_id"], r["delegator"]))
case = {"format": "pocsim-case/1", "upcoming_epoch": 266, "params": load(PARAMS),
        "previous": {"weights": weights, "voting_powers": vps},
        "bootstrap_snapshot": {"delegations": boot, "intents": []},
        "commits": commits, "poc": poc}
write(os.path.join(HERE, "e266-expected.case.json"), case)
