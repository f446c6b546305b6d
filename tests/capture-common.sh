# capture-common.sh - sourced by the capture tests (capture.test,
# capture-v216.test): paths, a scratch directory, pass/fail counting and the
# stand-in node (tests/capture_server.py on 127.0.0.1, a free port).
# The caller sets FIX (the fixtures the node serves) after sourcing.
: "${POCSIM:=./pocsim}"
: "${SRCDIR:=.}"
SRCDIR=$(cd "$SRCDIR" && pwd) || exit 99
case $POCSIM in /*) ;; *) POCSIM=$(pwd)/$POCSIM ;; esac
command -v python3 >/dev/null || { echo "capture tests: python3 is needed"; exit 77; }
FIX=$SRCDIR/tests/capture-fixtures
SERVER=$SRCDIR/tests/capture_server.py
API=/chain-api/productscience/inference/inference
tmp=$(mktemp -d) || exit 99
pids=
cleanup () {
  for p in $pids; do kill "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
cd "$tmp" || exit 99
passed=0
failed=0
ok () { passed=$((passed + 1)); }
fail () { echo "FAIL: $*"; failed=$((failed + 1)); }

# start_server NAME [ARGS...]: serves $FIX; sets $url and $log.
start_server () {
  name=$1; shift
  python3 "$SERVER" --root "$FIX" --port-file "$tmp/$name.port" --log "$tmp/$name.log" --lifetime 90 "$@" &
  pids="$pids $!"
  i=0
  while [ ! -s "$tmp/$name.port" ]; do
    i=$((i + 1)); [ $i -gt 100 ] && { echo "capture tests: server $name did not start"; exit 99; }
    sleep 0.1
  done
  url=http://127.0.0.1:$(cat "$tmp/$name.port")
  log=$tmp/$name.log
}
