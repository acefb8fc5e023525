#!/usr/bin/env bash
# Soak: a mixed load (tiles vector and PNG, OGC items with bbox and filters,
# coverage, statistics, search, small POST /join uploads) against a Release
# server for MINUTES, in slices of 30 s; after each slice the server's RSS is
# read from /proc. Two runs in one invocation: the default tile cache and,
# as the baseline, the cache off (--tile-cache-mb 0 / TERRITORIO_TILE_CACHE_MB=0).
# Reports per slice: requests, errors (4xx/5xx, socket errors), p50/p99/max
# latency, RSS. A 5xx, a dead server or RSS that keeps growing once the cache
# is full are what this is for.
# Usage: bench/soak.sh [MINUTES per run, default 5]
# Environment: BUILD_DIR (reuse a Release build; default build-bench-soak/),
# PORT (default 18090), CONNS (default 8).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-5}
port=${PORT:-18090}
conns=${CONNS:-8}
slice=30

for p in wrk curl; do
  command -v $p >/dev/null || { sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq; "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $p; }
done
if [[ -z ${BUILD_DIR:-} ]]; then
  BUILD_DIR=build-bench-soak
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DTERRITORIO_TESTS=OFF >/dev/null
  cmake --build "$BUILD_DIR" --target territorio -j"$(nproc)" >/dev/null
fi
bin=$BUILD_DIR/server/territorio
work=$(mktemp -d /tmp/soak.XXXXXX)
server_pid=
cleanup() { [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$bin" build --store "$work/s.sqlite" >/dev/null 2>&1

# The URL mix, fixed: tiles of Chile at z 4-10, items pages and bbox queries,
# coverage per level and filter, statistics, search, health.
python3 - "$work/urls.txt" <<'PY'
import math, random, sys
random.seed(20261206)
def tile(lon, lat, z):
    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return z, x, y
out = []
for _ in range(400):
    z = random.randint(4, 10)
    lon, lat = random.uniform(-73.5, -69.5), random.uniform(-45, -18.5)
    z, x, y = tile(lon, lat, z)
    layer = random.choice(["communes", "provinces", "regions", "initiatives", "territorio"])
    out.append(f"/tiles/{layer}/{z}/{x}/{y}.mvt")
    if random.random() < 0.3:
        out.append(f"/tiles/communes/{z}/{x}/{y}.png")
    if random.random() < 0.2:
        out.append(f"/tiles/communes/{z}/{x}/{y}.mvt?area=Social")
for _ in range(100):
    lon, lat = random.uniform(-73.5, -69.5), random.uniform(-45, -18.5)
    out.append(f"/collections/communes/items?bbox={lon:.3f},{lat:.3f},{lon+0.5:.3f},{lat+0.5:.3f}&limit=100")
out += ["/collections/initiatives/items?limit=50", "/collections/communes/items?limit=20&offset=40",
        "/coverage?level=commune", "/coverage?level=province&division=2007", "/coverage?level=region&f=csv",
        "/coverage?level=commune&area=Social", "/stats/initiatives?by=region&by=stage",
        "/territories?q=biobio", "/territories?q=santiago", "/territories/08101/initiatives",
        "/healthz", "/readyz", "/collections", "/api"]
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
run() {  # label, extra env for the server
  local label=$1; shift
  env "$@" "$bin" serve --store "$work/s.sqlite" --port "$port" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.1; done
  echo "## $label (start RSS $(rss_mb $server_pid) MB)"
  echo
  echo "| minute | requests | errors | p50 ms | p99 ms | max ms | RSS MB |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  local slices=$((minutes * 60 / slice)) i line
  for i in $(seq "$slices"); do
    line=$(URLS=$work/urls.txt JOIN_EVERY=200 wrk -t1 -c"$conns" -d"${slice}s" -s bench/soak.lua \
             "http://127.0.0.1:$port" 2>&1 | grep '^SLICE' || true)
    if ! kill -0 "$server_pid" 2>/dev/null; then echo "| server died |"; tail -5 "$work/server.log"; exit 1; fi
    # shellcheck disable=SC2086
    eval "${line#SLICE }"
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$(awk "BEGIN {print $i * $slice / 60}")" "$requests" \
      "$((errors))" "$p50_ms" "$p99_ms" "$max_ms" "$(rss_mb $server_pid)"
  done
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
  echo
}
echo "# soak: $minutes min per run, $conns connections, $(nproc) cores, $(date -u +%F)"
echo
run "tile cache on (default)"
run "tile cache off (baseline)" TERRITORIO_TILE_CACHE_MB=0
