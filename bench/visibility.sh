#!/usr/bin/env bash
# Issue 15's visibility across replicas: the time from a write's 2xx on one
# replica to its visibility on the two others, p50/p99 over WRITES writes
# (default 200), with the three replicas of scripts/cluster (PostgreSQL,
# LISTEN/NOTIFY). Writes go to the replicas in turn.
#   bench/visibility.sh [--port 8180] [--writes 200] [--bin build/server/territorio]
# The cluster lives in build-bench/visibility and is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
port=8180 writes=200 bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --writes) writes=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    *) echo "bench/visibility.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
dir=build-bench/visibility
rm -rf "$dir"
trap 'scripts/cluster stop --dir "$dir"' EXIT
scripts/cluster start --port "$port" --dir "$dir" ${bin:+--bin "$bin"} >/dev/null
bin=$(sed -n 's/.* bin=//p' "$dir/ports")
store="postgresql://postgres@127.0.0.1:$((port + 10))/territorio"
# An admin token of its own; the probe waits out the write rate (429) unmeasured.
bearer=$("$bin" token create --name visibility-bench --role admin --store "$store" 2>/dev/null | head -1)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/visibility_probe.py "$bearer" "$writes" $((port + 1)) $((port + 2)) $((port + 3))
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
