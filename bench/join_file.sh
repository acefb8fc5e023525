#!/usr/bin/env bash
# The file join, `territorio join points.csv out.csv`, against its PostGIS
# anchor in the same run: N uniform points in Chile's bounding box
# (bench/join_points.py, fixed seed), the whole process timed (read, join,
# write), best of REPEAT runs; then the same points COPYed into a private
# PostgreSQL 15 + PostGIS 3 cluster and joined with ST_Intersects to the
# ST_Subdivide'd 2018 communes (GiST index), COPY + join timed. Also once
# with --reader gdal (GDAL's generic CSV reading and writing, the path before
# the streaming reader), and a check that both outputs are the same bytes.
#
# With BASE_BIN (the binary before a change), each run times BASE_BIN right
# after BIN on the same file and the outputs must be the same bytes.
#
# Usage: bench/join_file.sh        Environment: N (1000000), REPEAT (3),
#   PG_PORT (18532), BIN (a built territorio; else a Release build in build-bench-join),
#   BASE_BIN (optional: a binary to compare with, run alternately)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-1000000}
repeat=${REPEAT:-3}
pg_port=${PG_PORT:-18532}
out_dir=build-bench-join

source bench/lib.sh
bench_packages gdal-bin python3 postgresql-15 postgresql-15-postgis-3

if [[ -z ${BIN:-} ]]; then
  bench_build "$out_dir"
  BIN=$out_dir/server/territorio
fi
BIN=$(realpath "$BIN")

work=$(mktemp -d /tmp/join_file.XXXXXX)
chmod 755 "$work"
pg_bin=/usr/lib/postgresql/15/bin
cleanup() {
  [[ -f $work/pg/postmaster.pid ]] && as_pg "$pg_bin/pg_ctl -D $work/pg -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }
rate() { python3 -c "import sys; print(f'{$n / float(sys.argv[1]):,.0f}')" "$1"; }

"$BIN" build --data data --store "$work/store.sqlite" >/dev/null 2>&1
python3 bench/join_points.py "$n" "$work/points.csv"
echo "join_file: $n points, $(stat -c %s "$work/points.csv") bytes of CSV, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

best=
base_best=
base_same=identical
for r in $(seq "$repeat"); do
  rm -f "$work/out.csv"
  t0=$(now)
  "$BIN" join --store "$work/store.sqlite" "$work/points.csv" "$work/out.csv" 2>"$work/join.log"
  t=$(python3 -c "print($(now) - $t0)")
  echo "territorio join (streaming CSV), run $r: $(printf %.3f "$t") s"
  [[ -z $best ]] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)" && best=$t
  if [[ -n ${BASE_BIN:-} ]]; then
    rm -f "$work/base.csv"
    t0=$(now)
    "$BASE_BIN" join --store "$work/store.sqlite" "$work/points.csv" "$work/base.csv" 2>/dev/null
    t=$(python3 -c "print($(now) - $t0)")
    echo "BASE_BIN join (streaming CSV), run $r: $(printf %.3f "$t") s"
    [[ -z $base_best ]] || python3 -c "import sys; sys.exit(0 if $t < $base_best else 1)" && base_best=$t
    cmp -s "$work/out.csv" "$work/base.csv" || base_same=DIFFERENT
  fi
done
tail -1 "$work/join.log"

t0=$(now)
"$BIN" join --store "$work/store.sqlite" --reader gdal "$work/points.csv" "$work/gdal.csv" 2>/dev/null
gdal_t=$(python3 -c "print($(now) - $t0)")
cmp -s "$work/out.csv" "$work/gdal.csv" && same=identical || same=DIFFERENT

# The anchor: a private cluster; the communes as the store holds them.
mkdir -p "$work/pg"
[[ $(id -u) -eq 0 ]] && chown postgres "$work/pg"
as_pg "$pg_bin/initdb -D $work/pg -A trust -U postgres" >/dev/null
as_pg "$pg_bin/pg_ctl -D $work/pg -w -l $work/pg/log -o \"-p $pg_port -k $work/pg -c listen_addresses=\" start" >/dev/null
psql=(psql -q -X -v ON_ERROR_STOP=1 -h "$work/pg" -p "$pg_port" -U postgres postgres)
"${psql[@]}" -c "CREATE EXTENSION postgis"
ogr2ogr -f PostgreSQL "PG:host=$work/pg port=$pg_port user=postgres dbname=postgres" "$work/store.sqlite" units \
  -nln units -lco GEOMETRY_NAME=geom -lco FID=fid -lco SPATIAL_INDEX=NONE
"${psql[@]}" <<'SQL'
CREATE TABLE communes AS
  SELECT code, ST_Subdivide(geom, 256) AS geom FROM units WHERE division = '2018' AND level = 'commune';
CREATE INDEX ON communes USING gist (geom);
VACUUM ANALYZE communes;
CREATE UNLOGGED TABLE points (id bigint, lon float8, lat float8);
SQL
t0=$(now)
"${psql[@]}" <<SQL
\copy points FROM '$work/points.csv' WITH (FORMAT csv, HEADER true)
CREATE UNLOGGED TABLE joined AS
  SELECT p.id, c.code FROM points p
  LEFT JOIN LATERAL (SELECT code FROM communes c
                     WHERE ST_Intersects(c.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))
                     ORDER BY code LIMIT 1) c ON true;
SQL
pg_t=$(python3 -c "print($(now) - $t0)")
pg_matched=$("${psql[@]}" -At -c "SELECT count(code) FROM joined")
our_inside=$(python3 - "$work/join.log" <<'PY'
import re, sys
line = open(sys.argv[1]).read().strip().splitlines()[-1]
counts = dict(re.findall(r"(\w+)=(\d+)", line))
print(int(counts.get("point_in_polygon", 0)) + int(counts.get("point_in_overlapping_polygons", 0)))
PY
)

echo
printf '%-44s %10s %14s %8s\n' method seconds points/s ratio
printf '%-44s %10.3f %14s %7.2fx\n' "PostGIS: COPY + ST_Intersects (subdivided)" "$pg_t" "$(rate "$pg_t")" 1
printf '%-44s %10.3f %14s %7.2fx\n' "territorio join --reader gdal" "$gdal_t" "$(rate "$gdal_t")" \
  "$(python3 -c "print($pg_t / $gdal_t)")"
if [[ -n ${BASE_BIN:-} ]]; then
  printf '%-44s %10.3f %14s %7.2fx\n' "BASE_BIN join (streaming CSV)" "$base_best" "$(rate "$base_best")" \
    "$(python3 -c "print($pg_t / $base_best)")"
fi
printf '%-44s %10.3f %14s %7.2fx\n' "territorio join (streaming CSV)" "$best" "$(rate "$best")" \
  "$(python3 -c "print($pg_t / $best)")"
[[ -z ${BASE_BIN:-} ]] || echo "outputs of BIN and BASE_BIN on every run: $base_same"
echo "outputs of the two territorio paths: $same; points inside a commune: territorio $our_inside, PostGIS $pg_matched"
