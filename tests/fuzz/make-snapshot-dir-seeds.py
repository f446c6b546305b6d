#!/usr/bin/env python3
"""Seeds for tests/fuzz/fuzz_snapshot_dir: snapshot directories encoded as
that harness reads them (see its header comment).

Usage: tests/fuzz/make-snapshot-dir-seeds.py OUT_DIR SNAPSHOT_DIR...

Each SNAPSHOT_DIR becomes OUT_DIR/<its name>.  Delegation folders keep their
first three answers (sorted by name) so that seeds stay small: the reader
treats a missing ADDR.json as an address without records."""
import os
import sys

SLOTS = {
    "manifest.json": 0,
    "params.json": 1,
    "epoch.json": 2,
    "genesis_only_params.json": 3,
    "collateral.json": 4,
    "commits.json": 5,
    "previous/root.json": 6,
    "previous/participants.json": 7,
}
FOLDERS = {
    "previous/models": 8,
    "current/models": 9,
    "delegations/bootstrap": 10,
    "delegations/validation": 11,
}
EMPTY_FOLDER = {"delegations/bootstrap": 12, "delegations/validation": 13}
KEEP_PER_DELEGATION_FOLDER = 3


def entry(slot, name, data):
    name = name.encode()
    assert len(name) < 256 and len(data) < 65536
    return bytes([slot, 0xFF, len(name)]) + name + bytes([len(data) & 0xFF, len(data) >> 8]) + data


def encode(root):
    out = bytearray([0, 0])  # flags: no --epoch
    for rel, slot in SLOTS.items():
        path = os.path.join(root, rel)
        if os.path.isfile(path):
            out += entry(slot, "", open(path, "rb").read())
    for folder, slot in FOLDERS.items():
        path = os.path.join(root, folder)
        if not os.path.isdir(path):
            continue
        names = sorted(n for n in os.listdir(path) if n.endswith(".json") and not n.startswith("."))
        if folder.startswith("delegations/"):
            names = names[:KEEP_PER_DELEGATION_FOLDER]
            if not names:
                out += entry(EMPTY_FOLDER[folder], "", b"")
        for n in names:
            out += entry(slot, n[: -len(".json")], open(os.path.join(path, n), "rb").read())
    return bytes(out)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for root in sys.argv[2:]:
        name = os.path.basename(os.path.normpath(root))
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(encode(root))


if __name__ == "__main__":
    main()
