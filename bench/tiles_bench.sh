#!/usr/bin/env bash
# Vector tiles of the communes layer: territorio cold (tile cache off) and
# warm (cache on, every tile asked once first), against, in the same run,
#   PostGIS 3 (ST_AsMVT over the same communes in a private PostgreSQL 15,
#     behind a small Node http front with a pool of 8 connections),
#   geojson-vt + vt-pbf (npm) behind Node's http server,
#   territorio answering a static file of the mean tile size (the floor).
# The tile list is fixed (seeded): every tile of the communes' bounds at
# z 4-8, 500 land tiles at z 10 and at z 12, 300 tiles over Región
# Metropolitana at z 14. Steady state is measured with wrk (2 threads);
# single passes over the list (cold starts) with bench/tiles_bench/pass.mjs.
# Usage: bench/tiles_bench.sh [seconds per wrk run, default 10]
# Environment: BUILD_DIR (reuse a build's server/territorio instead of
# building Release into build-bench-tiles/), SEED (tile list, 20240404).
# Output is also saved to build-bench-tiles/tiles_bench.txt. See bench/tiles.md.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=8
seed=${SEED:-20240404}

source bench/lib.sh
bench_packages wrk curl gdal-bin postgresql-15 postgresql-15-postgis-3 nodejs
ensure_npm
(cd bench/tiles_bench && npm ci --no-audit --no-fund --silent)

out_dir=build-bench-tiles
if [[ -z ${BUILD_DIR:-} ]]; then
  BUILD_DIR=build-bench-tiles
  bench_build "$BUILD_DIR"
fi
mkdir -p "$out_dir"
bin=$BUILD_DIR/server/territorio

work=$(mktemp -d /tmp/tiles_bench.XXXXXX)
chmod 755 "$work"
pids=()
pg_bin=/usr/lib/postgresql/15/bin
pg_port=54331
stop_pid() { kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }
cleanup() {
  for p in "${pids[@]}"; do stop_pid "$p"; done
  [[ -d $work/pg ]] && as_pg "$pg_bin/pg_ctl -D $work/pg -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
now_ms() { echo $(($(date +%s%N) / 1000000)); }
wait_for() {  # url: poll every 10 ms until it answers 200
  for _ in $(seq 3000); do curl -sf -o /dev/null "$1" && return 0; sleep 0.01; done
  echo "tiles_bench: $1 never answered" >&2; return 1
}

# territorio on loopback; TERRITORIO_WEB points /map/{file} at our folder
# holding the static body. Sets base, server_pid and start_ms (to ready).
"$bin" build --data data --store "$work/store.sqlite" >/dev/null 2>&1
mkdir -p "$work/web"
start_ours() {  # cache MB
  local t0; t0=$(now_ms)
  TERRITORIO_TILE_CACHE_MB=$1 TERRITORIO_WEB=$work/web \
    "$bin" serve --store "$work/store.sqlite" --port 0 --threads "$(nproc)" >"$work/serve.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 3000); do grep -q "serving http" "$work/serve.log" && break; sleep 0.01; done
  base=$(grep -o 'http://[0-9.:]*' "$work/serve.log" | head -1)
  wait_for "$base/healthz"
  start_ms=$(($(now_ms) - t0))
}

run_wrk() {  # label, base url, url prefix, [static path]
  local out
  out=$(TILES=$work/tiles.txt PREFIX=$3 STATIC=${4:-} wrk -t2 -c$conns -d"${secs}s" --latency \
        -s bench/tiles_bench.lua "$2/")
  if grep -q "Non-2xx" <<<"$out"; then echo "tiles_bench: $1 had errors" >&2; echo "$out" >&2; exit 1; fi
  local rps; rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  printf '%-34s %10s req/s  p50 %8s  p99 %8s\n' "$1" "$rps" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
  eval "rps_$5=$rps"
}
run_pass() {  # label, url prefix, key
  local out; out=$(node bench/tiles_bench/pass.mjs "$work/tiles.txt" "$2" $conns)
  printf '%-34s %s\n' "$1" "$out"
  eval "pass_$3=\$(sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' <<<\"\$out\")"
}

# Everything below also goes to the output file; no pipeline, so the EXIT
# trap sees every process started here.
exec > >(tee "$out_dir/tiles_bench.txt") 2>&1
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: nproc=$(nproc) cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $secs s per wrk run, 2 threads, $conns connections"

  # --- territorio cold: tile cache off, every request builds its tile.
  start_ours 0
  node bench/tiles_bench/tile_list.mjs "$base" "$seed" >"$work/tiles.txt"
  cp "$work/tiles.txt" "$out_dir/tiles.txt"
  echo "tile list (seed $seed): $(wc -l <"$work/tiles.txt") tiles;" \
    "$(awk -F/ '{n[$1]++} END {for (z in n) printf "z%s:%d ", z, n[z]}' "$work/tiles.txt" | tr ' ' '\n' | sort -t: -k1.2n | tr '\n' ' ')"
  curl -sf "$base/collections/communes/items?f=json&limit=10000" -o "$work/communes_items.json"
  curl -sf "$base/collections/communes/items?f=gpkg&limit=10000" -o "$work/communes.gpkg"
  echo "territorio start to ready (store open + tileset build): ${start_ms} ms"
  run_wrk "territorio cold (cache off)" "$base" /tiles/communes/ "" ours_cold
  stop_pid "$server_pid"

  # --- territorio warm: cache on; the first pass after start is a cold start.
  start_ours 256
  start_ours_ms=$start_ms
  run_pass "territorio first pass after start" "$base/tiles/communes/" ours_first
  SIZES=$work/sizes_ours.txt node bench/tiles_bench/pass.mjs "$work/tiles.txt" "$base/tiles/communes/" $conns >/dev/null
  run_wrk "territorio warm (cache on)" "$base" /tiles/communes/ "" ours_warm
  # Static floor: a file of the mean tile size, served from /map/ (read per request).
  mean=$(awk '{s += $2} END {printf "%d", s / NR}' "$work/sizes_ours.txt")
  head -c "$mean" /dev/urandom >"$work/web/static.png"
  run_wrk "territorio static body ($mean B)" "$base" / /map/static.png static
  stop_pid "$server_pid"

  # --- PostGIS: the communes the server publishes, geometry in 3857 precomputed.
  mkdir -p "$work/pg"; [[ $(id -u) -eq 0 ]] && chown postgres "$work/pg"
  as_pg "$pg_bin/initdb -D $work/pg -A trust -U postgres" >/dev/null
  as_pg "$pg_bin/pg_ctl -D $work/pg -o '-p $pg_port -k $work/pg -c listen_addresses=' -l $work/pg/log start" >/dev/null
  for _ in $(seq 100); do psql -h "$work/pg" -p $pg_port -U postgres -c 'select 1' >/dev/null 2>&1 && break; sleep 0.1; done
  psql=(psql -q -v ON_ERROR_STOP=1 -h "$work/pg" -p $pg_port -U postgres)
  "${psql[@]}" -c "CREATE EXTENSION postgis"
  ogr2ogr -f PostgreSQL "PG:host=$work/pg port=$pg_port user=postgres dbname=postgres" "$work/communes.gpkg" communes \
    -nln communes_src -lco GEOMETRY_NAME=geom -lco FID=fid
  "${psql[@]}" -f bench/tiles_bench/postgis.sql
  node bench/tiles_bench/postgis_server.mjs "$work/pg" $pg_port 18711 >"$work/pg_front.log" 2>&1 &
  pg_front=$!; pids+=("$pg_front")
  wait_for "http://127.0.0.1:18711/4/4/9.mvt"
  run_pass "PostGIS one pass" "http://127.0.0.1:18711/" pg_first
  run_wrk "PostGIS ST_AsMVT (no cache)" "http://127.0.0.1:18711" / "" pg
  stop_pid "$pg_front"

  # --- geojson-vt: same communes and properties as GeoJSON.
  node bench/tiles_bench/communes_geojson.mjs "$work/communes_items.json" >"$work/communes.geojson"
  t0=$(now_ms)
  node bench/tiles_bench/geojsonvt_server.mjs "$work/communes.geojson" 18712 >"$work/gvt.log" 2>&1 &
  gvt=$!; pids+=("$gvt")
  for _ in $(seq 3000); do grep -q listening "$work/gvt.log" && break; sleep 0.01; done
  gvt_start_ms=$(($(now_ms) - t0))
  echo "geojson-vt start to ready: ${gvt_start_ms} ms ($(head -1 "$work/gvt.log"))"
  run_pass "geojson-vt first pass (cold)" "http://127.0.0.1:18712/" gvt_first
  run_wrk "geojson-vt warm (Map cache)" "http://127.0.0.1:18712" / "" gvt_warm
  stop_pid "$gvt"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

  awk -v a="$rps_ours_cold" -v b="$rps_pg" -v c="$rps_ours_warm" -v d="$rps_gvt_warm" -v e="$rps_static" \
      -v os="$start_ours_ms" -v of="$pass_ours_first" -v gs="$gvt_start_ms" -v gf="$pass_gvt_first" 'BEGIN {
    printf "ratio ours cold / PostGIS:                 %6.2fx  (aim >= 10)\n", a / b
    printf "cold start to every tile served once: ours %.2f s (%.2f start + %.2f pass), geojson-vt %.2f s (%.2f + %.2f): ratio %.2fx (aim > 1)\n", \
      os / 1000 + of, os / 1000, of, gs / 1000 + gf, gs / 1000, gf, (gs / 1000 + gf) / (os / 1000 + of)
    printf "ratio ours warm / geojson-vt warm:         %6.2fx  (aim > 1)\n", c / d
    printf "ratio ours warm / static same size:        %6.2f   (aim >= 0.80)\n", c / e
  }'
}
