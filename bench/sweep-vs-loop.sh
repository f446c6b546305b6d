#!/bin/sh
# bench/sweep-vs-loop.sh POCSIM STUDY_DIR_OUT - the w_threshold x v_min study of
# studies/w-threshold-v-min.json (96 formations of the epoch-266 case) done
# two ways, timed side by side:
#   1. `pocsim sweep` (one process, every core);
#   2. the way a user would without it: a shell loop that edits the case
#      (python3, one process a point) and runs `pocsim epoch` on it.
# Usage: bench/sweep-vs-loop.sh [POCSIM]   (from the top of the source tree)
POCSIM=${1:-./pocsim}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
case=data/mainnet-e266.case.json
now () { date +%s.%N; }

t0=$(now)
"$POCSIM" sweep studies/w-threshold-v-min.json -o "$tmp/sweep" --no-plots -q || exit 1
t1=$(now)

n=0
for w in 0.05 0.1 0.15 0.2 0.25 0.3 0.35 0.4; do
  for v in 1 2 3 4 5 6 7 8 9 10 11 12; do
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["params"]["delegation_params"]["w_threshold"] = sys.argv[2]
d["params"]["delegation_params"]["v_min"] = sys.argv[3]
json.dump(d, open(sys.argv[4], "w"))' "$case" "$w" "$v" "$tmp/case.json" || exit 1
    "$POCSIM" epoch "$tmp/case.json" --format json -o "$tmp/r-$w-$v.json" || exit 1
    n=$((n + 1))
  done
done
t2=$(now)
for w in 0.05 0.1 0.15 0.2 0.25 0.3 0.35 0.4; do
  for v in 1 2 3 4 5 6 7 8 9 10 11 12; do
    "$POCSIM" epoch "$tmp/case.json" --format json -o "$tmp/again.json" || exit 1
  done
done
t3=$(now)
echo "$n formations of $case:"
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v n="$n" 'BEGIN {
  printf "  pocsim sweep (statistics, meta, no plots):   %7.3f s\n", b - a
  printf "  shell loop, python edit + pocsim epoch:      %7.3f s (%.1f ms a point)\n", c - b, (c - b) * 1000 / n
  printf "  shell loop, pocsim epoch alone:              %7.3f s (%.1f ms a point)\n", d - c, (d - c) * 1000 / n }'
