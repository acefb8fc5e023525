#!/usr/bin/env bash
# What the tile cache costs in memory: territorio on the bundled store asked
# for SECONDS of random tiles (bench/reload_bench/random_tiles.lua: vector and
# raster, zooms 6-12, seven filters; nearly every one new), once with the
# cache at MB MiB and once with it off. Reports the server's VmRSS after
# start-up and after the run, and the bytes /metrics says the cache holds;
# the difference between the two runs' growth is what the cache adds.
# Usage: bench/tile_cache_rss.sh [SECONDS, default 60] [MB, default 64]
# Environment: BIN (default: Release build into build-bench-reload/), PORT (18300).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
mb=${2:-64}
port=${PORT:-18300}
out_dir=build-bench-reload
if [[ -z ${BIN:-} ]]; then
  cmake -S . -B "$out_dir" -DCMAKE_BUILD_TYPE=Release -DTERRITORIO_TESTS=OFF >/dev/null
  cmake --build "$out_dir" --target territorio -j2 >/dev/null
  BIN=$out_dir/server/territorio
fi
work=$(mktemp -d /tmp/tile_cache_rss.XXXXXX)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
base=http://127.0.0.1:$port
rss_mib() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status"; }
"$BIN" build --data data --store "$work/s.sqlite" >/dev/null 2>&1

for cache in "$mb" 0; do
  # The environment variable, which older binaries read too.
  TERRITORIO_TILE_CACHE_MB=$cache "$BIN" serve --store "$work/s.sqlite" --port "$port" --threads 2 >"$work/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 6000); do curl -sf -o /dev/null "$base/readyz" && break; sleep 0.05; done
  before=$(rss_mib)
  wrk -t2 -c4 -d"${secs}s" -s bench/reload_bench/random_tiles.lua "$base" >"$work/wrk.txt" 2>&1
  after=$(rss_mib)
  metrics=$(curl -sf "$base/metrics")
  held=$(awk '/^territorio_tile_cache_bytes / { printf "%.1f", $2 / 1048576 }' <<<"$metrics")
  entries=$(awk '/^territorio_tile_cache_entries / { print $2 }' <<<"$metrics")
  requests=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")
  echo "cache ${cache} MiB: $requests tiles asked; RSS ${before} -> ${after} MiB (+$((after - before))); cache holds ${held} MiB in ${entries} tiles"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
done
