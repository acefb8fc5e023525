#!/usr/bin/env bash
# Start-up with and without the territory cache (issue 18), A/B in one run:
# process start to /readyz (wall and the server's CPU), and process start to
# every tile of bench/tiles_bench.sh's communes list served once (tile cache
# on, 8 connections, bench/tiles_bench/pass.mjs), against geojson-vt's start
# (parse + index) plus its first pass, measured in the same rounds.
#   cached:  the store's <store>.territory written by `territorio build`
#   built:   no <store>.territory (removed before each start): the server
#            builds the Territory, as before the cache, then writes the file
#   old:     OLD_BIN, another binary (e.g. main's Release build), if given
# Usage: bench/startup.sh [rounds, default 5]
# Environment: BUILD_DIR (reuse a build's server/territorio instead of
# building Release into build-bench-startup/), OLD_BIN, SEED (20240404).
# Needs what bench/tiles_bench.sh installs (node, npm ci in bench/tiles_bench).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
seed=${SEED:-20240404}
conns=8
if [[ -z ${BUILD_DIR:-} ]]; then
  BUILD_DIR=build-bench-startup
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DTERRITORIO_WERROR=OFF -DTERRITORIO_TESTS=OFF >/dev/null
  cmake --build "$BUILD_DIR" --target territorio -j2 >/dev/null
fi
bin=$(realpath "$BUILD_DIR/server/territorio")
[[ -d bench/tiles_bench/node_modules ]] || (cd bench/tiles_bench && npm ci --no-audit --no-fund --silent)

work=$(mktemp -d /tmp/startup_bench.XXXXXX)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# One start: bin, store, port, with_pass (0/1). Prints "ready_ms cpu_ms [pass_s total_s]".
start_once() {
  local t0 t1 cpu out
  t0=$(now_ms)
  TERRITORIO_TILE_CACHE_MB=256 "$1" serve --store "$2" --data data --port "$3" >"$work/serve.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$3/readyz"; do
    kill -0 "$pid" 2>/dev/null || { echo "startup: $1 exited:" >&2; tail -3 "$work/serve.log" >&2; exit 1; }
    sleep 0.005
  done
  t1=$(now_ms)
  cpu=$(awk -v t="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / t}' "/proc/$pid/stat")
  if [[ $4 == 1 ]]; then
    out=$(node bench/tiles_bench/pass.mjs "$work/tiles.txt" "http://127.0.0.1:$3/tiles/communes/" $conns)
    local pass; pass=$(sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' <<<"$out")
    echo "$((t1 - t0)) $cpu $pass $(awk -v p="$pass" -v r=$((t1 - t0)) 'BEGIN {printf "%.3f", r / 1000 + p}')"
  else
    echo "$((t1 - t0)) $cpu"
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

"$bin" build --data data --store "$work/cached.sqlite" >/dev/null 2>&1
cp "$work/cached.sqlite" "$work/built.sqlite"
[[ -n ${OLD_BIN:-} ]] && cp "$work/cached.sqlite" "$work/old.sqlite"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')  rounds: $rounds"
echo "cache: $(stat -c %s "$work/cached.sqlite.territory") bytes; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# The tile list and the communes GeoJSON for geojson-vt, from a running server.
"$bin" serve --store "$work/cached.sqlite" --data data --port 18896 >"$work/serve.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null http://127.0.0.1:18896/readyz; do sleep 0.01; done
node bench/tiles_bench/tile_list.mjs http://127.0.0.1:18896 "$seed" >"$work/tiles.txt"
curl -sf "http://127.0.0.1:18896/collections/communes/items?f=json&limit=10000" -o "$work/items.json"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
node bench/tiles_bench/communes_geojson.mjs "$work/items.json" >"$work/communes.geojson"
echo "tile list (seed $seed): $(wc -l <"$work/tiles.txt") tiles"

gvt_once() {
  local t0 t1 out pass
  t0=$(now_ms)
  node bench/tiles_bench/geojsonvt_server.mjs "$work/communes.geojson" 18891 >"$work/gvt.log" 2>&1 &
  pid=$!
  until grep -q listening "$work/gvt.log"; do sleep 0.005; done
  t1=$(now_ms)
  out=$(node bench/tiles_bench/pass.mjs "$work/tiles.txt" "http://127.0.0.1:18891/" $conns)
  pass=$(sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' <<<"$out")
  echo "$((t1 - t0)) - $pass $(awk -v p="$pass" -v r=$((t1 - t0)) 'BEGIN {printf "%.3f", r / 1000 + p}')"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

printf '%-6s %-10s %12s %10s %10s %10s\n' round start ready_ms cpu_ms pass_s total_s
for r in $(seq "$rounds"); do
  for kind in built cached ${OLD_BIN:+old} gvt; do
    case $kind in
      built) rm -f "$work/built.sqlite.territory"; line=$(start_once "$bin" "$work/built.sqlite" 18892 1) ;;
      cached) line=$(start_once "$bin" "$work/cached.sqlite" 18893 1) ;;
      old) line=$(start_once "$OLD_BIN" "$work/old.sqlite" 18894 1) ;;
      gvt) line=$(gvt_once) ;;
    esac
    # shellcheck disable=SC2086
    printf '%-6s %-10s %12s %10s %10s %10s\n' "$r" "$kind" $line
    echo "$kind $line" >>"$work/results.txt"
  done
  # Ready only (no pass): the start itself, A/B.
  for kind in built cached; do
    rm -f "$work/built.sqlite.territory"
    line=$(start_once "$bin" "$work/$kind.sqlite" 18895 0)
    printf '%-6s %-10s %12s %10s\n' "$r" "$kind-ready" $line
    echo "$kind-ready $line" >>"$work/results.txt"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "medians:"
awk '{n[$1]++; r[$1, n[$1]] = $2; c[$1, n[$1]] = $3; t[$1, n[$1]] = $5}
  function med(a, k, m,   i, j, v, x) { for (i = 1; i <= m; i++) v[i] = a[k, i]; for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { x = v[i]; v[i] = v[j]; v[j] = x }
    return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2 }
  END { for (k in n) { printf "  %-13s ready %6.0f ms  cpu %6s ms  total %s s\n", k, med(r, k, n[k]), med(c, k, n[k]), (t[k, 1] == "" ? "-" : med(t, k, n[k])) ; tot[k] = med(t, k, n[k]) }
    if ("gvt" in n) printf "cold start to every tile once, geojson-vt / ours: cached %.2fx, built %.2fx (aim > 1)\n", tot["gvt"] / tot["cached"], tot["gvt"] / tot["built"] }' "$work/results.txt"
