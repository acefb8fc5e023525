#!/usr/bin/env bash
# Writes (issue 14's acceptance), in one run on this machine:
#  (a) acknowledged writes per second with 1 and 8 clients: territorio
#      (wrk, bench/write_bench.lua: POST a new initiative with a point in a
#      random Biobío commune, then PATCH one of those, in turn) against the
#      same transactions in PostgreSQL 15 + PostGIS 3 (pgbench,
#      bench/write_bench_post.sql and _patch.sql, half each, on the schema of
#      bench/write_bench_anchor.sql), both durable (fsync and
#      synchronous_commit on; territorio's SQLite store as it commits);
#  (b) the p50/p99/max of a communes tile over Biobío and of the first page
#      of items, asked by one client every 20 ms, on an idle server and while
#      10 writes per second arrive (bench/write_bench.py pace).
# Usage: bench/write_bench.sh [SECONDS per write run, default 20]
# Environment: PORT (territorio, 18480), PG_PORT (18432), PROBE_SECONDS (30),
# BIN (a territorio binary to measure; default: Release build into
# build-bench-write/). Output is also saved to build-bench-write/write_bench.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
port=${PORT:-18480}
pg_port=${PG_PORT:-18432}
probe_secs=${PROBE_SECONDS:-30}
nwarm=200  # anchor rows made before the runs, the ones its PATCHes edit
out_dir=build-bench-write

source bench/lib.sh
bench_packages gdal-bin curl wrk python3 postgresql-15 postgresql-15-postgis-3

mkdir -p "$out_dir"
if [[ -z ${BIN:-} ]]; then
  bench_build "$out_dir"
  BIN=$out_dir/server/territorio
fi
BIN=$(realpath "$BIN")

work=$(mktemp -d /tmp/write_bench.XXXXXX)
chmod 755 "$work"
server_pid=
pg_bin=/usr/lib/postgresql/15/bin
stop_server() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=
}
cleanup() {
  stop_server
  # pg_ctl stops the postmaster whose PID is in the cluster's postmaster.pid.
  [[ -f $work/pg/postmaster.pid ]] && as_pg "$pg_bin/pg_ctl -D $work/pg -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# territorio's store (the bundled data) with 8 editor tokens for Biobío; the
# points and the tiles; a copy of the store kept for (b).
"$BIN" build --data data --store "$work/base.sqlite" >/dev/null 2>&1
for i in $(seq 8); do
  "$BIN" token create --store "$work/base.sqlite" --name "bench $i" --region 08 --role editor \
    2>/dev/null >>"$work/tokens"
done
python3 bench/write_bench.py points "$work/points" 1000 2>/dev/null
python3 bench/write_bench.py tiles "$work/tiles"
head -1 "$work/tokens" >"$work/token1"

# The anchor: a private cluster, durable as by default (stated explicitly).
mkdir -p "$work/pg"
[[ $(id -u) -eq 0 ]] && chown postgres "$work/pg"
as_pg "$pg_bin/initdb -D $work/pg -A trust -U postgres" >/dev/null
as_pg "$pg_bin/pg_ctl -D $work/pg -w -l $work/pg/log -o \"-p $pg_port -k $work/pg -c listen_addresses= \
  -c fsync=on -c synchronous_commit=on -c full_page_writes=on\" start" >/dev/null
psql=(psql -q -X -v ON_ERROR_STOP=1 -h "$work/pg" -p "$pg_port" -U postgres postgres)
"${psql[@]}" -c "CREATE EXTENSION postgis"
# The store's units (both divisions, all levels) as territorio holds them.
ogr2ogr -f PostgreSQL "PG:host=$work/pg port=$pg_port user=postgres dbname=postgres" "$work/base.sqlite" units \
  -nln units -lco GEOMETRY_NAME=geom -lco FID=fid -lco SPATIAL_INDEX=NONE
"${psql[@]}" -f bench/write_bench_anchor.sql
awk '{ print $1 "\t" $2 }' "$work/points" | "${psql[@]}" -c "COPY bench_points(lon, lat) FROM STDIN"
"${psql[@]}" -c "VACUUM ANALYZE"
npoints=$(wc -l <"$work/points")
pgbench=(pgbench -n -h "$work/pg" -p "$pg_port" -U postgres -M prepared -D npoints="$npoints" -D nwarm="$nwarm")
"${pgbench[@]}" -c 1 -t "$nwarm" -f bench/write_bench_post.sql postgres >/dev/null
# A check that the anchor's join finds what territorio's would: 6 units a record.
units=$("${psql[@]}" -At -c "SELECT count(*) FROM initiative_units")
((units == 6 * nwarm)) || { echo "write_bench: anchor joined $units units for $nwarm records (want $((6 * nwarm)))" >&2; exit 1; }

# And that its commune is territorio's for every point.
(echo "n,lon,lat"; awk '{ print NR "," $1 "," $2 }' "$work/points") >"$work/points.csv"
"$BIN" join --store "$work/base.sqlite" "$work/points.csv" "$work/joined.csv" >/dev/null 2>&1
"${psql[@]}" -At -F' ' -c "SELECT p.n, (SELECT u.code FROM units u WHERE u.division = '2018' AND u.level = 'commune'
  AND ST_Intersects(u.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) ORDER BY u.code LIMIT 1)
  FROM bench_points p ORDER BY p.n" >"$work/anchor_communes"
agreement=$(python3 bench/write_bench.py agree "$work/joined.csv" "$work/anchor_communes")

base=http://127.0.0.1:$port
serve() {  # store [serve options...]
  "$BIN" serve --store "$@" --port "$port" >"$work/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do curl -sf -o /dev/null "$base/readyz" && break; sleep 0.1; done
}
cp "$work/base.sqlite" "$work/a.sqlite"
# (a) measures how fast writes can go: no per-token limit (the default, 300 a
# minute and 20 at once, would answer 429 to nearly all of them).
serve "$work/a.sqlite" --write-rate 1000000 --write-burst 100000

anchor() {  # clients -> writes/s
  "${psql[@]}" -c CHECKPOINT
  "${pgbench[@]}" -c "$1" -j "$1" -T "$secs" -f bench/write_bench_post.sql@1 -f bench/write_bench_patch.sql@1 \
    postgres >"$work/pgbench.out" 2>&1 || { cat "$work/pgbench.out" >&2; return 1; }
  local failed; failed=$(awk '/^number of failed transactions/ {print $5}' "$work/pgbench.out")
  [[ ${failed:-0} == 0 ]] || echo "anchor: $failed failed transactions" >&2
  awk '/^tps/ {printf "%.1f", $3; exit}' "$work/pgbench.out"
}
ours() {  # clients -> writes/s (only acknowledged ones: 201 and 200)
  local tokens=$work/tokens
  (($1 == 1)) && tokens=$work/token1
  RUN=c$1 POINTS=$work/points TOKENS=$tokens wrk -t"$1" -c"$1" -d"${secs}s" --timeout 60s -s bench/write_bench.lua "$base/" \
    >"$work/wrk.out" 2>&1 || { cat "$work/wrk.out" >&2; return 1; }
  grep '^WRITES' "$work/wrk.out" >&2
  awk '/^WRITES/ { split($4, a, "="); printf "%.1f", a[2] }' "$work/wrk.out"
}

# Everything below also goes to the file (not through a pipe: the server's
# PID must stay in this shell for cleanup).
exec > >(tee "$out_dir/write_bench.txt") 2>&1
{
  echo "# write_bench $(date -u +%FT%TZ): nproc=$(nproc) $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "binary: $BIN; $secs s per write run; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "anchor: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') + PostGIS $("${psql[@]}" -At -c \
    "SELECT extversion FROM pg_extension WHERE extname = 'postgis'"), fsync $("${psql[@]}" -At -c 'SHOW fsync'), \
synchronous_commit $("${psql[@]}" -At -c 'SHOW synchronous_commit'), wal_sync_method $("${psql[@]}" -At -c 'SHOW wal_sync_method')"
  echo "$agreement"
  echo
  echo "## (a) acknowledged writes per second (half POST, half PATCH)"
  echo
  echo "| clients | territorio writes/s | PostGIS writes/s | territorio / PostGIS |"
  echo "| --- | --- | --- | --- |"
  for c in 1 8; do
    a=$(anchor "$c")
    t=$(ours "$c")
    echo "| $c | $t | $a | $(awk -v t="$t" -v a="$a" 'BEGIN { printf "%.3g", t / a }') |"
  done
  echo
  echo "territorio store after (a): $(du -m "$work/a.sqlite" | cut -f1) MB; anchor database: $("${psql[@]}" -At -c \
    "SELECT pg_database_size('postgres') / 1048576") MB"
  stop_server

  # (b) a fresh copy of the store, default limits (the pacer's writes go
  # round the 8 tokens, 1.25 a second each): reads on an idle server, then
  # with writes.
  cp "$work/base.sqlite" "$work/b.sqlite"
  serve "$work/b.sqlite"
  python3 bench/write_bench.py probe "$base" "$work/tiles" 5 >/dev/null  # warm
  python3 bench/write_bench.py probe "$base" "$work/tiles" "$probe_secs" >"$work/idle"
  python3 bench/write_bench.py pace "$base" "$work/tokens" "$work/points" 10 "$probe_secs" >"$work/pace" &
  pace_pid=$!
  python3 bench/write_bench.py probe "$base" "$work/tiles" "$probe_secs" >"$work/load"
  wait "$pace_pid"
  echo
  echo "## (b) reads every 20 ms, idle and while 10 writes/s arrive ($probe_secs s each)"
  echo
  cat "$work/pace"
  echo
  echo "| read | idle p50 / p99 / max ms | under writes p50 / p99 / max ms | p99 under writes / idle |"
  echo "| --- | --- | --- | --- |"
  for kind in tile items; do
    read -r _ n0 i50 i99 imax < <(grep "^$kind " "$work/idle")
    read -r _ n1 l50 l99 lmax < <(grep "^$kind " "$work/load")
    echo "| $kind ($n0 / $n1) | $i50 / $i99 / $imax | $l50 / $l99 / $lmax | $(awk -v l="$l99" -v i="$i99" \
      'BEGIN { printf "%.2f", l / i }') |"
  done
  echo "read errors: idle $(awk '/^errors/ {print $2}' "$work/idle"), under writes $(awk '/^errors/ {print $2}' "$work/load")"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
