#!/usr/bin/env bash
# What a whole-layer download costs the server in memory: territorio on the
# bundled store, then for each download (all communes and all initiatives as
# GeoPackage, FlatGeobuf and CSV, CRS84 and UTM 19S) the server's peak RSS is
# reset (clear_refs 5), the file fetched with curl, and the new peak (VmHWM)
# compared with the RSS before. Downloads are written to a temporary file
# and streamed from it, so the growth should stay far below the file's size.
# Usage: bench/download_rss.sh
# Environment: BIN (default: Release build into build-bench-reload/), PORT (18810).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-18810}
out_dir=build-bench-reload
if [[ -z ${BIN:-} ]]; then
  cmake -S . -B "$out_dir" -DCMAKE_BUILD_TYPE=Release -DTERRITORIO_TESTS=OFF >/dev/null
  cmake --build "$out_dir" --target territorio -j2 >/dev/null
  BIN=$out_dir/server/territorio
fi
work=$(mktemp -d /tmp/download_rss.XXXXXX)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
base=http://127.0.0.1:$port
kib() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$server_pid/status"; }
"$BIN" build --data data --store "$work/s.sqlite" >/dev/null 2>&1
"$BIN" serve --store "$work/s.sqlite" --port "$port" --threads 2 >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 6000); do curl -sf -o /dev/null "$base/readyz" && break; sleep 0.05; done
# One of each first: GDAL's drivers and PROJ's database are loaded once.
for f in gpkg fgb csv; do curl -sf -o /dev/null "$base/collections/initiatives/items?f=$f&crs=EPSG:32719"; done
printf '%-62s %10s %10s %10s %10s\n' download bytes "RSS MiB" "peak MiB" "growth"
for coll in communes initiatives; do
  for f in gpkg fgb csv; do
    for crs in "" "&crs=EPSG:32719"; do
      url="$base/collections/$coll/items?f=$f$crs"
      echo 5 >"/proc/$server_pid/clear_refs"
      before=$(kib VmRSS)
      bytes=$(curl -sf -o "$work/file" -w '%{size_download}' "$url")
      peak=$(kib VmHWM)
      printf '%-62s %10s %10.1f %10.1f %+10.1f\n' "${url#"$base"}" "$bytes" "$(bc -l <<<"$before/1024")" \
        "$(bc -l <<<"$peak/1024")" "$(bc -l <<<"($peak-$before)/1024")"
    done
  done
done
