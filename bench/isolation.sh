#!/usr/bin/env bash
# Heavy work must not stall reads (issue 13's acceptance): two concurrent
# POST /join uploads of a 20 MB CSV (727,000 lon/lat points in Chile) while
# /healthz and a vector tile are asked every 20 ms by two other clients.
# Reports, for the reads while the uploads run and for the same reads on
# an idle server (the anchor, same run): p50, p99 and max latency; each
# upload's time and status; the server's RSS at start, at its peak and
# once the uploads are done.
# Usage: bench/isolation.sh [ROUNDS, default 3]
# Environment: BUILD_DIR (reuse a Release build; default build-bench-soak/), PORT (default 18091).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
port=${PORT:-18091}
if [[ -z ${BUILD_DIR:-} ]]; then
  BUILD_DIR=build-bench-soak
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DTERRITORIO_TESTS=OFF >/dev/null
  cmake --build "$BUILD_DIR" --target territorio -j"$(nproc)" >/dev/null
fi
bin=$BUILD_DIR/server/territorio
work=$(mktemp -d /tmp/isolation.XXXXXX)
server_pid=
cleanup() { [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$bin" build --store "$work/s.sqlite" >/dev/null 2>&1
python3 - "$work/big.csv" <<'PY'
import random, sys
random.seed(13)
with open(sys.argv[1], "w") as f:
    f.write("lon,lat\n")
    for _ in range(727000):
        f.write(f"{random.uniform(-73.5, -69.5):.6f},{random.uniform(-45.0, -18.5):.6f}\n")
PY
"$bin" serve --store "$work/s.sqlite" --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
base=http://127.0.0.1:$port
for _ in $(seq 300); do curl -sf -o /dev/null "$base/readyz" && break; sleep 0.1; done
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$server_pid/status"; }
hwm_mb() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$server_pid/status"; }
tile=/tiles/communes/6/19/37.mvt
curl -sf -o /dev/null "$base$tile"  # warm: the read we time is the steady-state one

poll() {  # path, seconds-or-flagfile, output file: one latency (ms) per line
  local path=$1 until=$2 out=$3
  : >"$out"
  while [[ -e $until ]]; do
    curl -s -o /dev/null -m 30 -w '%{time_total}\n' "$base$path" | awk '{printf "%.2f\n", $1 * 1000}' >>"$out"
    sleep 0.02
  done
}
stats() {  # file -> "p50 p99 max n"
  sort -n "$1" | awk '{v[NR]=$1} END {if (NR==0) {print "- - - 0"; exit}
    i50=int(NR*0.5); if (i50<1) i50=1; i99=int(NR*0.99); if (i99<1) i99=1;
    printf "%.1f %.1f %.1f %d\n", v[i50], v[i99], v[NR], NR}'
}

echo "# isolation: two 20 MB uploads vs reads, $(nproc) cores, $(date -u +%F)"
echo
echo "start RSS $(rss_mb) MB; upload $(du -m "$work/big.csv" | cut -f1) MB, $(($(wc -l <"$work/big.csv") - 1)) points"
echo
echo "| round | reads | healthz p50/p99/max ms | tile p50/p99/max ms | uploads s (status) | RSS after MB | peak MB |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for r in $(seq "$rounds"); do
  # Idle anchor: the same polling for 5 s with nothing else running.
  touch "$work/flag"
  poll /healthz "$work/flag" "$work/h_idle" & p1=$!
  poll "$tile" "$work/flag" "$work/t_idle" & p2=$!
  sleep 5; rm -f "$work/flag"; wait $p1 $p2
  read -r h50 h99 hmax _ < <(stats "$work/h_idle")
  read -r t50 t99 tmax _ < <(stats "$work/t_idle")
  echo "| $r | idle | $h50 / $h99 / $hmax | $t50 / $t99 / $tmax | - | $(rss_mb) | $(hwm_mb) |"

  touch "$work/flag"
  poll /healthz "$work/flag" "$work/h_load" & p1=$!
  poll "$tile" "$work/flag" "$work/t_load" & p2=$!
  ups=()
  for u in 1 2; do
    curl -s -o /dev/null -m 120 -w '%{time_total} %{http_code}\n' -H 'Content-Type: text/csv' \
      --data-binary @"$work/big.csv" "$base/join" >"$work/up$u" &
    ups+=($!)
  done
  wait "${ups[@]}" || true
  rm -f "$work/flag"; wait $p1 $p2 || true
  read -r h50 h99 hmax _ < <(stats "$work/h_load")
  read -r t50 t99 tmax _ < <(stats "$work/t_load")
  ups=$(awk '{printf "%.1f (%s) ", $1, $2}' "$work/up1" "$work/up2")
  sleep 1
  echo "| $r | 2 uploads | $h50 / $h99 / $hmax | $t50 / $t99 / $tmax | $ups| $(rss_mb) | $(hwm_mb) |"
done
