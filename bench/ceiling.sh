#!/usr/bin/env bash
# Warm requests against the HTTP ceiling (issue 18), all in one run, with
# wrk 1 thread 2 connections on the fixed tile list of bench/tiles_bench.sh
# (2,883 communes tiles, seed 20240404):
#   territorio warm tiles (cache on, every tile fetched once first),
#   a bare Pistache handler (bench/bare_pistache.cc, the same libpistache)
#     serving the very bytes territorio sent, held in memory,
#   geojson-vt + vt-pbf behind Node http, encoded tiles kept in a Map,
#   territorio /healthz and the bare handler's /healthz,
#   and, with OLD_BUILD_DIR, another territorio binary (A/B): its tiles are
#   first compared with the new one's, body and header fields, tile by tile.
# Every server stays up for the whole run; the runs alternate in ROUNDS
# rounds (the order reversed every other round) so a change of load hits
# all of them alike. Every request says "Connection: keep-alive" (see
# tiles_bench.lua: Pistache's own handler closes connections otherwise).
# Usage: bench/ceiling.sh [seconds per wrk run, default 10]
# Environment: BUILD_DIR (a Release build with TERRITORIO_BENCH=ON; default:
# build one into build-bench-ceiling/), OLD_BUILD_DIR (optional A/B binary),
# ROUNDS (3), SEED (20240404), PORT_BASE (18720: bare, +1 geojson-vt).
# Output is also saved to $BUILD_DIR/ceiling.txt. See bench/tiles.md.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
rounds=${ROUNDS:-3}
seed=${SEED:-20240404}
port_base=${PORT_BASE:-18720}

source bench/lib.sh
bench_packages wrk curl nodejs
ensure_npm
(cd bench/tiles_bench && npm ci --no-audit --no-fund --silent)

if [[ -z ${BUILD_DIR:-} ]]; then
  BUILD_DIR=build-bench-ceiling
  bench_build --bench "$BUILD_DIR" territorio territorio_bare_pistache
fi
bin=$BUILD_DIR/server/territorio
bare=$BUILD_DIR/bench/territorio_bare_pistache
if [[ ! -x $bare ]]; then  # a build given without the drivers gets them, in its own build type
  cmake -S . -B "$BUILD_DIR" -DTERRITORIO_BENCH=ON >/dev/null
  cmake --build "$BUILD_DIR" --target territorio_bare_pistache -j"$(nproc)" >/dev/null
fi
old_bin=${OLD_BUILD_DIR:+$OLD_BUILD_DIR/server/territorio}

work=$(mktemp -d /tmp/ceiling.XXXXXX)
pids=()
stop_pid() { kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }
cleanup() {
  for p in "${pids[@]}"; do stop_pid "$p"; done
  rm -rf "$work"
}
trap cleanup EXIT
wait_for() {  # url: poll every 10 ms until it answers 200
  for _ in $(seq 3000); do curl -sf -o /dev/null "$1" && return 0; sleep 0.01; done
  echo "ceiling: $1 never answered" >&2; return 1
}
start_territorio() {  # binary, store, log; sets started_base and started_pid
  : >"$3"
  TERRITORIO_TILE_CACHE_MB=256 "$1" serve --store "$2" --port 0 --threads "$(nproc)" >"$3" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
  for _ in $(seq 3000); do grep -q "serving http" "$3" && break; sleep 0.01; done
  started_base=$(grep -o 'http://[0-9.:]*' "$3" | head -1)
  wait_for "$started_base/healthz"
}

# Server CPU per request (user + system ticks of its process over the run,
# /proc/PID/stat): less sensitive to the other load than req/s.
declare -A rps p50 p99 cpu pid_of
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run_wrk() {  # key, base url, url prefix, [static path]
  local out t0 pid=${pid_of[${1%_*}]}
  t0=$(ticks "$pid")
  out=$(KEEP_ALIVE=1 TILES=$work/tiles.txt PREFIX=$3 STATIC=${4:-} wrk -t1 -c2 -d"${secs}s" --latency \
        -s bench/tiles_bench.lua "$2/")
  if grep -q "Non-2xx\|Socket errors" <<<"$out"; then echo "ceiling: $1 had errors" >&2; echo "$out" >&2; exit 1; fi
  rps[$1]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  cpu[$1]=$(awk -v t="$(($(ticks "$pid") - t0))" -v hz="$(getconf CLK_TCK)" '/requests in/ {printf "%.1f", t / hz * 1e6 / $1}' <<<"$out")
  p50[$1]=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99[$1]=$(awk '$1=="99%" {print $2}' <<<"$out")
}

exec > >(tee "$BUILD_DIR/ceiling.txt") 2>&1
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "machine: nproc=$(nproc) cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "binaries: new $bin${old_bin:+, old $old_bin}, bare $bare"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $secs s per wrk run, 1 thread, 2 connections, $rounds rounds"

"$bin" build --data data --store "$work/store.sqlite" >/dev/null 2>&1
start_territorio "$bin" "$work/store.sqlite" "$work/new.log"
new_base=$started_base
pid_of[new]=$started_pid
node bench/tiles_bench/tile_list.mjs "$new_base" "$seed" >"$work/tiles.txt"
echo "tile list (seed $seed): $(wc -l <"$work/tiles.txt") tiles"
echo "territorio (new) first fetch: $(node bench/tiles_bench/fetch_tiles.mjs "$work/tiles.txt" "$new_base/tiles/communes/" "$work/new")"
keys=(new_tiles bare_tiles gvt_tiles new_healthz bare_healthz)

if [[ -n $old_bin ]]; then
  cp "$work/store.sqlite" "$work/old.sqlite"
  start_territorio "$old_bin" "$work/old.sqlite" "$work/old.log"
  old_base=$started_base
  pid_of[old]=$started_pid
  echo "territorio (old) first fetch: $(node bench/tiles_bench/fetch_tiles.mjs "$work/tiles.txt" "$old_base/tiles/communes/" "$work/old")"
  if ! diff -r -q "$work/old" "$work/new" >"$work/diff.txt"; then
    echo "ceiling: the two binaries answer differently:" >&2; head -20 "$work/diff.txt" >&2
    diff "$(head -1 "$work/diff.txt" | awk '{print $2}')" "$(head -1 "$work/diff.txt" | awk '{print $4}')" >&2 || true
    exit 1
  fi
  echo "old and new: all $(wc -l <"$work/tiles.txt") tiles byte-identical, and their header fields too (Date left out, ETag hash masked)"
  keys+=(old_tiles old_healthz)
fi
echo "header fields of a tile: $(tr '\n' '|' <"$work/new/$(sed -n 2000p "$work/tiles.txt").head")"

: >"$work/bare.log"
"$bare" "$port_base" "$work/new" "$(nproc)" >"$work/bare.log" 2>&1 &
pids+=("$!")
pid_of[bare]=$!
for _ in $(seq 3000); do grep -q listening "$work/bare.log" && break; sleep 0.01; done
bare_base=http://127.0.0.1:$port_base
wait_for "$bare_base/healthz"
cmp -s <(curl -s "$bare_base/tiles/communes/$(sed -n 2000p "$work/tiles.txt").mvt") \
       "$work/new/$(sed -n 2000p "$work/tiles.txt").mvt" || { echo "ceiling: bare serves other bytes" >&2; exit 1; }

curl -sf "$new_base/collections/communes/items?f=json&limit=10000" -o "$work/communes_items.json"
node bench/tiles_bench/communes_geojson.mjs "$work/communes_items.json" >"$work/communes.geojson"
gvt_port=$((port_base + 1))
node bench/tiles_bench/geojsonvt_server.mjs "$work/communes.geojson" "$gvt_port" >"$work/gvt.log" 2>&1 &
pids+=("$!")
pid_of[gvt]=$!
for _ in $(seq 3000); do grep -q listening "$work/gvt.log" && break; sleep 0.01; done
gvt_base=http://127.0.0.1:$gvt_port
echo "geojson-vt first pass: $(node bench/tiles_bench/pass.mjs "$work/tiles.txt" "$gvt_base/" 2)"

run_key() {
  case $1 in
    new_tiles) run_wrk "$1" "$new_base" /tiles/communes/ ;;
    old_tiles) run_wrk "$1" "$old_base" /tiles/communes/ ;;
    bare_tiles) run_wrk "$1" "$bare_base" /tiles/communes/ ;;
    gvt_tiles) run_wrk "$1" "$gvt_base" / ;;
    new_healthz) run_wrk "$1" "$new_base" / /healthz ;;
    old_healthz) run_wrk "$1" "$old_base" / /healthz ;;
    bare_healthz) run_wrk "$1" "$bare_base" / /healthz ;;
  esac
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }

declare -A all all_cpu
for ((r = 1; r <= rounds; r++)); do
  order=("${keys[@]}")
  if ((r % 2 == 0)); then
    order=(); for ((i = ${#keys[@]} - 1; i >= 0; i--)); do order+=("${keys[i]}"); done
  fi
  echo
  echo "round $r (load $(cut -d' ' -f1 /proc/loadavg)):"
  for k in "${order[@]}"; do
    run_key "$k"
    printf '  %-14s %10s req/s  p50 %8s  p99 %8s  server CPU %6s us/req\n' "$k" "${rps[$k]}" "${p50[$k]}" "${p99[$k]}" "${cpu[$k]}"
    all[$k]+="${rps[$k]} "
    all_cpu[$k]+="${cpu[$k]} "
  done
  line="  ratios: tiles new/geojson-vt $(ratio "${rps[new_tiles]}" "${rps[gvt_tiles]}") (aim > 1)"
  line+=", tiles new/bare $(ratio "${rps[new_tiles]}" "${rps[bare_tiles]}") (aim >= 0.80)"
  line+=", healthz new/bare $(ratio "${rps[new_healthz]}" "${rps[bare_healthz]}") (aim >= 0.90)"
  if [[ -n $old_bin ]]; then
    line+=", tiles old/bare $(ratio "${rps[old_tiles]}" "${rps[bare_tiles]}"), healthz old/bare $(ratio "${rps[old_healthz]}" "${rps[bare_healthz]}")"
  fi
  echo "$line"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo "medians over $rounds rounds (req/s):"
declare -A med
for k in "${keys[@]}"; do
  med[$k]=$(median "${all[$k]}")
  printf '  %-14s %10s req/s  server CPU %6s us/req\n' "$k" "${med[$k]}" "$(median "${all_cpu[$k]}")"
done
echo "median ratios: tiles new/geojson-vt $(ratio "${med[new_tiles]}" "${med[gvt_tiles]}"), tiles new/bare $(ratio "${med[new_tiles]}" "${med[bare_tiles]}"), healthz new/bare $(ratio "${med[new_healthz]}" "${med[bare_healthz]}")${old_bin:+, tiles old/bare $(ratio "${med[old_tiles]}" "${med[bare_tiles]}"), healthz old/bare $(ratio "${med[old_healthz]}" "${med[bare_healthz]}")}"
