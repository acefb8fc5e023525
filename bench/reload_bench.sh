#!/usr/bin/env bash
# A reload under load: wrk (1 thread, 2 connections) reads a mix of tiles,
# items, a territory and coverage (bench/reload_bench/mix.lua) for SECONDS
# from a territorio serving a copy of the bundled store, while
# `territorio import` writes ROWS generated initiatives into that store.
# Three runs, same binary, same machine, one after the other:
#   quiet    the bundled store, no import (the usual latency before);
#   import   the same, with the import after SECONDS/2, running on until
#            SECONDS/2 after the new generation is served (what a reload costs);
#   after    the store with the rows already imported, no import (the usual
#            latency after: every answer is about 1,700x more data).
# Reports wrk's latency distribution and maximum for each, how long the
# import took, and how long after it the new generation was served.
# Usage: bench/reload_bench.sh [SECONDS, default 20]
# Environment: BIN (a territorio binary to measure, e.g. one built from main;
# default: Release build into build-bench-reload/), ROWS (50000),
# PORT (18300), THREADS (server workers, 2), SEED (CSV, 13).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
rows=${ROWS:-50000}
port=${PORT:-18300}
threads=${THREADS:-2}
seed=${SEED:-13}

for p in wrk curl; do command -v "$p" >/dev/null || { echo "reload_bench: needs $p (apt-get install $p)" >&2; exit 1; }; done
out_dir=build-bench-reload
mkdir -p "$out_dir"
if [[ -z ${BIN:-} ]]; then
  cmake -S . -B "$out_dir" -DCMAKE_BUILD_TYPE=Release -DTERRITORIO_TESTS=OFF >/dev/null
  cmake --build "$out_dir" --target territorio -j2 >/dev/null
  BIN=$out_dir/server/territorio
fi
BIN=$(realpath "$BIN")

work=$(mktemp -d /tmp/reload_bench.XXXXXX)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
now_ms() { echo $(($(date +%s%N) / 1000000)); }
base=http://127.0.0.1:$port
generation() { curl -sf "$base/readyz" | grep -o '"generation":[0-9]*' | cut -d: -f2; }

# The stores: the bundled data, and the same after the import.
"$BIN" build --data data --store "$work/base.sqlite" >/dev/null 2>&1
# ROWS initiatives with the seed's attributes drawn from their vocabularies:
# 49 in 50 at a census zone's point (data/census_zones_2017.csv), 1 in 50
# acting in one or two communes by code. (A commune footprint is stored as
# the commune's polygons in every zoom of the tiles and in the features'
# GeoJSON, some 180 KB an initiative: 50,000 of them would need ~9 GB.)
awk -v rows="$rows" -v seed="$seed" '
  BEGIN { srand(seed); FS = "," }
  NR > 1 { code[n] = $2; lon[n] = $3; lat[n] = $4; n++ }
  END {
    split("Social|Económico|Ordenamiento y Ambiental|Político-Institucional", area, "|")
    split("inscrita|profundización|finalizada|terreno", stage, "|")
    split("|Mención Honrosa|2do Lugar|1er Lugar", award, "|")
    print "id,name,institution,award,field_visit,area,stage,footprint_division,footprint_codes,lon,lat"
    for (i = 1; i <= rows; i++) {
      k = int(rand() * n)
      where = "," lon[k] "," lat[k]
      if (rand() < 0.02) {
        where = code[k]
        if (rand() < 0.5) where = where ";" code[int(rand() * n)]
        where = where ",,"
      }
      printf "b%d,Iniciativa de prueba %d,Municipalidad %d,%s,%s,%s,%s,2018,%s\n", i, i, i % 345,
             award[1 + int(rand() * 4)], (rand() < 0.5 ? "true" : "false"), area[1 + int(rand() * 4)],
             stage[1 + int(rand() * 4)], where
    }
  }' data/census_zones_2017.csv >"$work/big.csv"
cp "$work/base.sqlite" "$work/after.sqlite"
t0=$(now_ms)
"$BIN" import --store "$work/after.sqlite" "$work/big.csv" >/dev/null 2>&1
echo "import of $rows rows alone (no server): $(($(now_ms) - t0)) ms"

run() {  # label store import?(0|1)
  local label=$1 store=$2 with_import=$3 t2=0
  cp "$store" "$work/live.sqlite"
  "$BIN" serve --store "$work/live.sqlite" --port "$port" --threads "$threads" >"$work/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 6000); do curl -sf -o /dev/null "$base/readyz" && break; sleep 0.05; done
  local g0; g0=$(generation)
  # With the import, wrk runs SECONDS/2 before it and SECONDS/2 after the new
  # generation is served, then stops (SIGINT makes wrk report as usual).
  local duration=$secs
  ((with_import)) && duration=3600
  wrk -t1 -c2 -d"${duration}s" --timeout 60s --latency -s bench/reload_bench/mix.lua "$base" >"$work/wrk.txt" 2>&1 &
  local wrk_pid=$!
  # Beside wrk, a client asking every 50 ms for what the issue timed after an
  # import (a tile, a filtered tile, a page of items), noting each latency.
  (
    while kill -0 "$wrk_pid" 2>/dev/null; do
      for path in /tiles/communes/5/9/18.mvt "/tiles/communes/5/9/18.mvt?stage=terreno" \
                  "/collections/initiatives/items?limit=10"; do
        curl -s -o /dev/null -w "$(now_ms) %{time_total} $path\n" "$base$path" || true
      done
      sleep 0.05
    done
  ) >"$work/probe.txt" &
  local probe_pid=$!
  if ((with_import)); then
    sleep $((secs / 2))
    local t0 t1
    t0=$(now_ms)
    "$BIN" import --store "$work/live.sqlite" "$work/big.csv" >/dev/null 2>&1
    t1=$(now_ms)
    while [[ $(generation) == "$g0" ]]; do sleep 0.02; done
    t2=$(now_ms)
    echo "$label: import took $((t1 - t0)) ms; new generation served $((t2 - t1)) ms after the import ended"
    sleep $((secs / 2))
    kill -INT "$wrk_pid"
  fi
  wait "$wrk_pid" || true
  wait "$probe_pid" || true
  local rss; rss=$(awk '/VmRSS/ { print $2 / 1024 " MiB" }' "/proc/$server_pid/status")
  echo "== $label (generation $g0 -> $(generation), server RSS at end $rss)"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
  sed -n '/Latency Distribution/,/Non-2xx\|Requests\/sec/p' "$work/wrk.txt" | grep -v '^ *[0-9]* requests in'
  grep -E 'Latency  |Non-2xx|summary:' "$work/wrk.txt"
  sort -k2 -g "$work/probe.txt" | tail -1 |
    awk -v n="$(wc -l <"$work/probe.txt")" '{ printf "probe: %d requests, slowest %.1f ms (%s)\n", n, $2 * 1000, $3 }'
  if ((with_import)); then
    # The first probe answers after the swap: the issue saw 0.81 s and 0.29 s here.
    awk -v t="$t2" '$1 >= t && !seen[$3]++ { printf "first after the new generation: %.1f ms %s\n", $2 * 1000, $3 }' \
      "$work/probe.txt"
  fi
}

echo "binary: $BIN; $secs s per run, wrk 1 thread 2 connections, server $threads threads"
run quiet "$work/base.sqlite" 0
run import "$work/base.sqlite" 1
run after "$work/after.sqlite" 0
