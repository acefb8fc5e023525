#!/usr/bin/env bash
# POST /join on large uploads: time of each request and the server's peak
# RSS (VmHWM) after it. Usage:
#   bench/uploads_bench.sh [BINARY] [PORT]
# BINARY defaults to build-test/server/territorio, PORT to 18290. The store
# is built into a temporary directory from data/; the uploads are generated
# there: 727,000 points as CSV (19.5 MB, census zone points jittered),
# 100,000 points as GeoJSON (15.8 MB), a polygon of 200,000 vertices.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$top/build-test/server/territorio}")
port=${2:-18290}
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
pid=0

python3 - "$top/data/census_zones_2017.csv" "$tmp" <<'PY'
import csv, json, math, random, sys
zones = list(csv.reader(open(sys.argv[1])))[1:]
out = sys.argv[2]
random.seed(7)
with open(out + '/points727k.csv', 'w') as f:
    f.write('id,lon,lat\n')
    for i in range(727000):
        z = zones[i % len(zones)]
        f.write('%d,%.5f,%.5f\n' % (i, float(z[2]) + random.uniform(-0.001, 0.001), float(z[3]) + random.uniform(-0.001, 0.001)))
with open(out + '/points100k.geojson', 'w') as f:
    f.write('{"type":"FeatureCollection","features":[')
    for i in range(100000):
        z = zones[i % len(zones)]
        if i: f.write(',')
        f.write(json.dumps({"type": "Feature", "properties": {"zone_code": z[0], "ine_commune": z[1], "n": i},
                            "geometry": {"type": "Point", "coordinates": [round(float(z[2]), 6), round(float(z[3]), 6)]}},
                           separators=(',', ':')))
    f.write(']}')
n = 199999  # plus the closing position: 200,000 vertices
ring = [[round(-70.65 + 0.3 * math.cos(2 * math.pi * k / n), 7), round(-33.45 + 0.3 * math.sin(2 * math.pi * k / n), 7)] for k in range(n)]
ring.append(ring[0])
json.dump({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
           "geometry": {"type": "Polygon", "coordinates": [ring]}}]}, open(out + '/poly200k.geojson', 'w'), separators=(',', ':'))
PY

"$bin" build --data "$top/data" --store "$tmp/store.sqlite" >/dev/null 2>&1
(cd "$top" && exec "$bin" serve --store "$tmp/store.sqlite" --port "$port") >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf -o /dev/null "localhost:$port/healthz" && break; sleep 0.2; done

rss() { awk '/VmHWM|VmRSS/ {printf "%s %d MB  ", $1, $2 / 1024}' "/proc/$pid/status"; }
post() {  # file media-type
  curl -s -o /dev/null -w "%{http_code} %{size_download} B %{time_total} s" -H "Content-Type: $2" \
    --data-binary "@$tmp/$1" "localhost:$port/join"
}
echo "server started: $(rss)"
for u in "points727k.csv text/csv" "points100k.geojson application/geo+json" "poly200k.geojson application/geo+json"; do
  set -- $u
  echo "$1: $(post "$1" "$2")   after: $(rss)"
done
echo "two points727k.csv at once:"
post points727k.csv text/csv > "$tmp/a" & first=$!
post points727k.csv text/csv > "$tmp/b"; wait "$first"
echo "  $(cat "$tmp/a")"; echo "  $(cat "$tmp/b")"; echo "  after: $(rss)"
