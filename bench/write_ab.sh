#!/usr/bin/env bash
# A/B of the write path: the same write load (bench/write_bench.lua) on two
# territorio binaries in turn, on fresh copies of one store, so a change to
# the write path is compared with its parent in one run on one machine.
# Prints writes/s, latency, the server's CPU per write (user + system, from
# /proc) and the writes per commit (group commit), per binary and round.
# Usage: bench/write_ab.sh BIN_A BIN_B [CLIENTS=8] [SECONDS=8] [ROUNDS=2]
# Environment: PORT (18490). Needs wrk, curl, python3, bc.
set -euo pipefail
cd "$(dirname "$0")/.."
a=$(realpath "$1"); b=$(realpath "$2"); clients=${3:-8}; secs=${4:-8}; rounds=${5:-2}
port=${PORT:-18490}
work=$(mktemp -d /tmp/write_ab.XXXXXX)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$a" build --data data --store "$work/base.sqlite" >/dev/null 2>&1
for i in $(seq "$clients"); do
  "$a" token create --store "$work/base.sqlite" --name "ab $i" --region 08 --role editor 2>/dev/null >>"$work/tokens"
done
python3 bench/write_bench.py points "$work/points" 1000 2>/dev/null
metric() { curl -s "http://127.0.0.1:$port/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
for r in $(seq "$rounds"); do
  for bin in "$a" "$b"; do
    cp "$work/base.sqlite" "$work/run.sqlite"; rm -f "$work"/run.sqlite-*
    "$bin" serve --store "$work/run.sqlite" --port "$port" --write-rate 1000000 --write-burst 100000 \
      >"$work/serve.log" 2>&1 &
    pid=$!
    for _ in $(seq 200); do curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.1; done
    line=$(RUN=ab$r$RANDOM POINTS="$work/points" TOKENS="$work/tokens" wrk -t"$clients" -c"$clients" -d"${secs}s" \
      --timeout 60s -s bench/write_bench.lua "http://127.0.0.1:$port/" 2>&1 | grep '^WRITES')
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    writes=$(metric territorio_writes_total); commits=$(metric territorio_write_commits_total)
    echo "round $r $(basename "$bin") clients=$clients load=$(cut -d' ' -f1 /proc/loadavg) $line" \
      "cpu_ms_per_write=$(echo "scale=3; $ticks * 1000 / $(getconf CLK_TCK) / $writes" | bc)" \
      "writes_per_commit=$(echo "scale=2; $writes / $commits" | bc)"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  done
done
