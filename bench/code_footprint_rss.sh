#!/usr/bin/env bash
# What code footprints cost in memory: the bundled store plus ROWS records
# whose footprint is only unit codes (cycling over communes, provinces and
# regions), imported, then served; reports the seconds until /readyz answers
# (the snapshot build) and the server's VmRSS then.
# Usage: bench/code_footprint_rss.sh [ROWS, default 20000]
# Environment: BIN (default build-test/server/territorio), PORT (18400).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-20000}
port=${PORT:-18400}
BIN=${BIN:-build-test/server/territorio}
work=$(mktemp -d /tmp/code_footprint_rss.XXXXXX)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$BIN" build --data data --store "$work/s.sqlite" >/dev/null 2>&1
awk -v n="$rows" 'BEGIN {
  split("13101 05101 08101 13102 131 051 13 05 08", codes, " ")
  print "id,name,footprint_codes"
  for (i = 0; i < n; i++) printf "cf-%06d,Iniciativa %d,%s\n", i, i, codes[i % 9 + 1]
}' >"$work/codes.csv"
"$BIN" import --store "$work/s.sqlite" --data data "$work/codes.csv" >/dev/null 2>&1
start=$(date +%s.%N)
"$BIN" serve --store "$work/s.sqlite" --data data --port "$port" --threads 2 >/dev/null 2>&1 &
server_pid=$!
until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.1; done
ready=$(echo "$(date +%s.%N) - $start" | bc)
awk -v rows="$rows" -v ready="$ready" '/VmRSS/ { printf "%d code-footprint rows: ready in %.1f s, VmRSS %.0f MiB\n", rows, ready, $2 / 1024 }' \
  "/proc/$server_pid/status"
