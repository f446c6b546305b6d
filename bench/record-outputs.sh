#!/bin/sh
# record-outputs.sh - record what pocsim prints for many commands, so that a
# change meant to alter no output (a faster reader or writer) can be checked
# byte for byte:
#
#     bench/record-outputs.sh ./pocsim /tmp/before      # on the old tree
#     bench/record-outputs.sh ./pocsim /tmp/after       # on the new tree
#     diff -r /tmp/before /tmp/after && echo identical
#
# For each command it writes N.cmd (the command line), N.out, N.err and
# N.exit into DIR.  The commands: epoch (json, csv, table), preelig (json,
# csv) and case on every case file of the tree and of ../shared/vectors,
# epoch on every bad input and every fuzz-corpus case, the CSV plans, the
# snapshot directories, the scenarios (run, json and csv), stdin, and the
# synthetic networks of bench/pocsim-bench (1,000 and 10,000 hosts) when it
# is built.  Run it from the top of the source tree.
set -u
POCSIM=${1:?usage: record-outputs.sh POCSIM DIR}
DIR=${2:?usage: record-outputs.sh POCSIM DIR}
case $POCSIM in /*) ;; *) POCSIM=$(pwd)/$POCSIM ;; esac
LC_ALL=C; export LC_ALL
POCSIM_HARDWARE_DATA=$(pwd)/data/epoch403; export POCSIM_HARDWARE_DATA
mkdir -p "$DIR" || exit 2
n=0

# record CMD...: runs pocsim with the arguments, from the source tree's top.
record () {
  n=$((n + 1))
  printf '%s\n' "$*" >"$DIR/$n.cmd"
  "$POCSIM" "$@" >"$DIR/$n.out" 2>"$DIR/$n.err" </dev/null
  echo $? >"$DIR/$n.exit"
}

record_stdin () {
  file=$1; shift
  n=$((n + 1))
  printf '%s < %s\n' "$*" "$file" >"$DIR/$n.cmd"
  "$POCSIM" "$@" >"$DIR/$n.out" 2>"$DIR/$n.err" <"$file"
  echo $? >"$DIR/$n.exit"
}

shared=../shared
[ -d "$shared/vectors" ] || shared=../../shared

cases=$( (find data tests docs scenarios -name '*.json' -not -path 'tests/fuzz/*' -not -path 'tests/bad-input/*';
          find "$shared/vectors" -name '*.json') 2>/dev/null | grep -v -e schema -e '\.meta\.json$' | sort)
for f in $cases; do
  grep -q '"pocsim-scenario/1"' "$f" 2>/dev/null && continue
  record epoch "$f" --format json
  record epoch "$f" --format csv
  record epoch "$f" --format table
  record preelig "$f" --format json
  record preelig "$f" --format csv
done

for f in tests/bad-input/* tests/fuzz/corpus/case/*; do
  [ -f "$f" ] || continue
  case $f in */EXPECTED|*/README*) continue ;; esac
  record epoch "$f" --format json
done

for f in $(find data docs tests -name '*.csv' -not -path 'tests/fuzz/*' | sort); do
  record epoch "$f" --format json
  record epoch "$f" --format csv
done

for d in data/epoch403 tests/snapshots/e266-*; do
  [ -d "$d" ] || continue
  record epoch "$d" --format json
  record epoch "$d" --format csv
  record case "$d"
done

for s in $(find scenarios tests -name '*.json' | sort); do
  grep -q '"pocsim-scenario/1"' "$s" 2>/dev/null || continue
  record run "$s" --format json
  record run "$s" --format csv
done

record_stdin data/mainnet-e266.case.json epoch - --format json
record_stdin data/mainnet-e266.case.json epoch - --format csv
record rules
record --version
record timeline --epoch 266
record timeline --epoch 266 --format json
record timeline --epoch 100 --format json
record timeline data/mainnet-e266.case.json --format json
record timeline --epoch 359 --poc-start 5000000 --at-epoch 359 --format json
for f in $(grep -l '"height"' tests/cli/*.json | head -3) tests/snapshots/e266-rest; do
  [ -e "$f" ] || continue
  record timeline "$f" --format json
  record timeline "$f" --format table
done
host=$(grep -o '"gonka1[a-z0-9]*"' data/mainnet-e266.case.json | head -1 | tr -d '"')
record whatif data/mainnet-e266.case.json --host "$host" --format json
record whatif data/mainnet-e266.case.json --host "$host" --gpus 8xH100 --format json
record hardware --gpus 8xH100 --format json
record hardware --gpus 8xH100,4xH200 --gpus 2xB200 --format csv
record hardware --evaluate --format csv
record hardware --evaluate --format json
record diff data/mainnet-e266.case.json --rules v0.2.14 --rules v0.2.16 --format json
record diff data/mainnet-e266.case.json --rules v0.2.14 --rules v0.2.16 --format csv

bench=bench/pocsim-bench
if [ -x "$bench" ]; then
  tmp=$(mktemp -d) || exit 2
  for h in 1000 10000; do
    "$bench" --write-case "$tmp/synth-$h.case.json" --hosts "$h" >/dev/null || exit 2
    for rules in v0.2.14 v0.2.16; do
      record epoch "$tmp/synth-$h.case.json" --rules "$rules" --format json
      record epoch "$tmp/synth-$h.case.json" --rules "$rules" --format csv
    done
    record preelig "$tmp/synth-$h.case.json" --format json
  done
  # The temporary directory's name differs from run to run.
  grep -l -F "$tmp/" "$DIR"/* | xargs -r sed -i "s|$tmp/||g"
  rm -rf "$tmp"
fi
echo "record-outputs.sh: $n commands recorded in $DIR"
