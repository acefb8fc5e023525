#!/usr/bin/env bash
# Benchmark of /coverage?level=commune (with and without filters, JSON and
# CSV) with wrk, and of POST /join with 100,000 points (CSV and GeoJSON) with
# curl. See bench/coverage.md. Usage:
#   bench/coverage_bench.sh                    # builds Release into build-bench/
#   BUILD_DIR=/tmp/build-x bench/coverage_bench.sh   # reuses a build's server/territorio
# Environment: DURATION (wrk seconds, 10), CONNECTIONS (8), THREADS (server and wrk, nproc), REPEAT (join runs, 5).
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/lib.sh
bench_packages wrk curl gawk
if [[ -z ${BUILD_DIR:-} ]]; then
  BUILD_DIR=build-bench
  bench_build "$BUILD_DIR"
fi
BIN=$BUILD_DIR/server/territorio
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-$(nproc)}
REPEAT=${REPEAT:-5}

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$BIN" build --data data --store "$work/store.sqlite" >/dev/null
"$BIN" serve --store "$work/store.sqlite" --port 0 --threads "$THREADS" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  grep -q "territorio serving" "$work/serve.log" && break
  sleep 0.1
done
port=$(sed -n 's|.*http://[^:]*:\([0-9]*\)/.*|\1|p' "$work/serve.log" | head -1)
[[ -n $port ]] || { cat "$work/serve.log"; exit 1; }
base=http://127.0.0.1:$port

# 100,000 points: the 4,865 census zone points, each repeated with a small
# deterministic offset (at most ~300 m), so nearly all fall in a commune.
awk -F, -v n=100000 'NR > 1 { x[++k] = $3; y[k] = $4 }
  END { print "id,lon,lat"; for (i = 0; i < n; i++) { j = i % k + 1; d = int(i / k);
        printf "%d,%.6f,%.6f\n", i, x[j] + (d % 7 - 3) * 0.001, y[j] + (d % 5 - 2) * 0.001 } }' \
  data/census_zones_2017.csv >"$work/points.csv"
awk -F, 'NR == 1 { printf "{\"type\":\"FeatureCollection\",\"features\":[" ; next }
  { printf "%s{\"type\":\"Feature\",\"properties\":{\"id\":%s},\"geometry\":{\"type\":\"Point\",\"coordinates\":[%s,%s]}}",
    (NR > 2 ? "," : ""), $1, $2, $3 }
  END { print "]}" }' "$work/points.csv" >"$work/points.geojson"

echo "machine: nproc=$(nproc) cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "server: $BIN, --threads $THREADS; wrk: -t$THREADS -c$CONNECTIONS -d${DURATION}s"
echo "load average before run: $(cut -d' ' -f1-3 /proc/loadavg)"
for path in "/coverage?level=commune" \
            "/coverage?level=commune&division=2007" \
            "/coverage?level=commune&award=Menci%C3%B3n%20Honrosa&field_visit=true" \
            "/coverage?level=commune&within=08&stage=finalizada" \
            "/coverage?level=commune&f=csv"; do
  bytes=$(curl -s -o /dev/null -w '%{size_download}' "$base$path")
  echo
  echo "== GET $path ($bytes bytes)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$base$path" |
    grep -E 'Requests/sec|Transfer/sec|^ +(50|90|99)%|Latency  |Non-2xx|Socket errors'
done

for kind in csv geojson; do
  file=$work/points.$kind
  type=text/csv
  [[ $kind == geojson ]] && type=application/geo+json
  echo
  echo "== POST /join, 100,000 points, $kind ($(stat -c %s "$file") bytes up), $REPEAT runs"
  for _ in $(seq "$REPEAT"); do
    curl -s -o "$work/out" -w '%{http_code} %{time_total}\n' -H "Content-Type: $type" --data-binary "@$file" "$base/join"
  done | awk -v out="$work/out" '{ if ($1 != 200) bad++; t[NR] = $2 }
    END { n = asort(t); printf "status!=200: %d  seconds: best %.3f median %.3f worst %.3f  points/s (best): %.0f\n",
          bad, t[1], t[int((n + 1) / 2)], t[n], 100000 / t[1] }'
  echo "response: $(stat -c %s "$work/out") bytes; join_basis counts:"
  if [[ $kind == csv ]]; then
    awk -F, 'NR > 1 { c[$NF]++ } END { for (b in c) printf "  %s %d\n", b, c[b] }' "$work/out" | tr -d '\r' | sort
  else
    grep -o '"join_basis":"[a-z_]*"' "$work/out" | sort | uniq -c | sed 's/^/ /'
  fi
done
echo
echo "load average after run: $(cut -d' ' -f1-3 /proc/loadavg)"
