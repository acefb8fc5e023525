#!/usr/bin/env bash
# OGC API - Features throughput: territorio (wrk over loopback) against the
# same FeatureCollections built by PostGIS 3 in SQL (ST_AsGeoJSON + json_agg,
# pgbench against a private PostgreSQL 15 cluster), for
#   (a) the whole communes collection in one response,
#   (b) pages of 50 communes at random offsets,
#   (c) 200 random bbox queries.
# Usage: bench/features_bench.sh [seconds per run, default 10] [baseline binary].
# With a baseline (an older territorio build), it serves the same store too,
# checks that both answer the benchmark's requests with the same bytes (the
# timeStamp aside), and runs each territorio measurement on both, alternately.
# Output is also saved to build-bench-features/features_bench.txt. See bench/features.md.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
baseline=${2:-}
[[ -z $baseline || -x $baseline ]] || { echo "no executable $baseline" >&2; exit 1; }
conns=8

source bench/lib.sh
ensure_packages "${RUNTIME_PACKAGES[@]}" gdal-bin curl wrk postgresql-15 postgresql-15-postgis-3

# BUILD_DIR (environment): another Release build directory to use.
bdir=${BUILD_DIR:-build-bench-features}
bench_build "$bdir"

work=$(mktemp -d /tmp/features_bench.XXXXXX)
chmod 755 "$work"
server_pid=""
old_pid=""
pg_bin=/usr/lib/postgresql/15/bin
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  [[ -n $old_pid ]] && kill "$old_pid" 2>/dev/null || true
  [[ -d $work/pg ]] && as_pg "$pg_bin/pg_ctl -D $work/pg -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

TERRITORIO_STORE=$work/store.sqlite "$bdir/server/territorio" build --data data >/dev/null
"$bdir/server/territorio" serve --store "$work/store.sqlite" --port 0 >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q "serving http" "$work/serve.log" && break; sleep 0.2; done
base=$(grep -o 'http://[0-9.:]*' "$work/serve.log" | head -1)
if [[ -n $baseline ]]; then
  "$baseline" serve --store "$work/store.sqlite" --port 0 >"$work/old.log" 2>&1 &
  old_pid=$!
  for _ in $(seq 100); do grep -q "serving http" "$work/old.log" && break; sleep 0.2; done
  old_base=$(grep -o 'http://[0-9.:]*' "$work/old.log" | head -1)
fi

# PostgreSQL + PostGIS with the very communes the server publishes (its GeoPackage download).
curl -sf "$base/collections/communes/items?f=gpkg&limit=10000" -o "$work/communes.gpkg"
mkdir -p "$work/pg"; [[ $(id -u) -eq 0 ]] && chown postgres "$work/pg"
as_pg "$pg_bin/initdb -D $work/pg -A trust -U postgres" >/dev/null
as_pg "$pg_bin/pg_ctl -D $work/pg -o '-p 54329 -k $work/pg -c listen_addresses=' -l $work/pg/log start" >/dev/null
for _ in $(seq 50); do as_pg "psql -h $work/pg -p 54329 -U postgres -c 'select 1'" >/dev/null 2>&1 && break; sleep 0.2; done
psql=(psql -q -h "$work/pg" -p 54329 -U postgres)
"${psql[@]}" -c "CREATE EXTENSION postgis"
ogr2ogr -f PostgreSQL "PG:host=$work/pg port=54329 user=postgres dbname=postgres" "$work/communes.gpkg" communes \
  -nln communes -lco GEOMETRY_NAME=geom -lco FID=fid
"${psql[@]}" -c "ANALYZE communes"

cat >"$work/full.sql" <<'SQL'
SELECT json_build_object('type', 'FeatureCollection', 'features', json_agg(ST_AsGeoJSON(t.*, 'geom', 6)::json))::text
FROM (SELECT * FROM communes ORDER BY code) t;
SQL
cat >"$work/pages.sql" <<'SQL'
\set off random(0, 296)
SELECT json_build_object('type', 'FeatureCollection', 'features', json_agg(ST_AsGeoJSON(t.*, 'geom', 6)::json))::text
FROM (SELECT * FROM communes ORDER BY code LIMIT 50 OFFSET :off) t;
SQL
cat >"$work/bbox.sql" <<'SQL'
\set x random(-75000, -66500)
\set y random(-55000, -18000)
\set w random(50, 1050)
\set h random(50, 1050)
SELECT json_build_object('type', 'FeatureCollection', 'features', json_agg(ST_AsGeoJSON(t.*, 'geom', 6)::json))::text
FROM (SELECT * FROM communes
      WHERE ST_Intersects(geom, ST_MakeEnvelope(:x / 1000.0, :y / 1000.0, (:x + :w) / 1000.0, (:y + :h) / 1000.0, 4326))
      ORDER BY code LIMIT 1000) t;
SQL

# Every path of the benchmark (the lua script's lists) answered alike by both
# binaries: same body once the timeStamp is masked and the baseline's
# address in its links is read as this server's.
same_answers() {
  local mode n=0 differ=0 bytes=0
  for mode in full pages bbox; do
    PATHS_OUT=$work/paths.$mode MODE=$mode wrk -t1 -c1 -d1s -s bench/features_bench.lua "$base/healthz" >/dev/null
    while read -r path; do
      curl -s "$base$path" | sed 's/"timeStamp":"[^"]*"/"timeStamp":""/' >"$work/new.body"
      curl -s "$old_base$path" | sed 's/"timeStamp":"[^"]*"/"timeStamp":""/' | sed "s|$old_base|$base|g" >"$work/old.body"
      if ! grep -q '^{"type":"FeatureCollection"' "$work/new.body" || ! cmp -s "$work/new.body" "$work/old.body"; then
        differ=$((differ + 1)); echo "differs: $path"
      fi
      bytes=$((bytes + $(wc -c <"$work/new.body")))
      n=$((n + 1))
    done < <(sort -u "$work/paths.$mode")
  done
  echo "same answers: $((n - differ)) of $n distinct paths identical, $bytes bytes (baseline $baseline)"
  ((differ == 0))
}

run_wrk() {  # name, mode, path [, base]
  local out
  out=$(MODE=$2 wrk -t2 -c$conns -d"${secs}s" --latency -s bench/features_bench.lua "${4:-$base}$3")
  printf '%-22s %10s req/s  p50 %8s  p99 %8s\n' "${5:-territorio} $1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")"
}
run_pg() {  # name, script
  rm -f "$work"/pgbench_log.*
  (cd "$work" && pgbench -n -h "$work/pg" -p 54329 -U postgres -c $conns -j 2 -T "$secs" -f "$2" -l postgres >"$work/pgbench.out" 2>&1)
  local tps; tps=$(awk '/^tps/ {print $3; exit}' "$work/pgbench.out")
  cat "$work"/pgbench_log.* | awk '{print $3}' | sort -n >"$work/lat"
  local n; n=$(wc -l <"$work/lat")
  printf '%-22s %10s req/s  p50 %7.2fms  p99 %7.2fms\n' "PostGIS $1" "$tps" \
    "$(sed -n "$((n / 2 + 1))p" "$work/lat" | awk '{print $1 / 1000}')" \
    "$(sed -n "$((n * 99 / 100 + 1))p" "$work/lat" | awk '{print $1 / 1000}')"
}

{
  echo "machine: nproc=$(nproc) cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $secs s per run, $conns connections"
  echo "(a) full collection: $(curl -s "$base/collections/communes/items?limit=10000" | wc -c) bytes per response"
  if [[ -n $baseline ]]; then
    same_answers
    # A/B: baseline and this build alternately, the anchor between them.
    for mode in full bbox; do
      sql=$work/$mode.sql
      run_wrk "($mode)" $mode "/" "$old_base" baseline
      run_wrk "($mode)" $mode "/"
      run_pg "($mode)" "$sql"
      run_wrk "($mode)" $mode "/"
      run_wrk "($mode)" $mode "/" "$old_base" baseline
    done
  else
    run_wrk "(a) full" full "/"
    run_pg "(a) full" "$work/full.sql"
    run_wrk "(b) pages of 50" pages "/"
    run_pg "(b) pages of 50" "$work/pages.sql"
    run_wrk "(c) 200 bboxes" bbox "/"
    run_pg "(c) bboxes" "$work/bbox.sql"
  fi
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$bdir/features_bench.txt"
