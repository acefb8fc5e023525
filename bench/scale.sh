#!/usr/bin/env bash
# Cost as the registry grows (issue 15 §3). For each size N: synthetic
# initiatives (bench/synth_initiatives.py, fixed seed) imported into a copy
# of the bundled store; the import's time and peak RSS, the store's size;
# `territorio serve` on it: time to /readyz, RSS (VmRSS, VmHWM), cold and
# warm tiles, an items page with a CQL2 filter, /coverage?level=commune and
# one write's time to visibility (bench/scale_probe.py). One JSON line per
# (store, N) is appended to RESULTS; the table bench/scale.md and the plot
# bench/scale.png are remade from all of them (bench/scale_report.py), with
# the rows of BEFORE (results of an older binary) beside them if given.
# Usage: bench/scale.sh [--store spatialite|postgresql] [N...]   (default N: 1000 10000 100000 1000000)
# --store: the store measured (a column of the table). postgresql: a private
# PostgreSQL 15 + PostGIS started here (PG_PORT, default 18391; data under
# build-bench-scale/pg; deploy/postgresql's settings, so durable as deployed)
# and stopped by its PID file at the end; one database per N, built from
# data/ by `territorio build` and then imported into, like the SpatiaLite copy.
# Environment: PORT (18380), SEED (15), BIN (a territorio binary; default:
# Release build into build-bench-scale/), RESULTS (bench/scale_results.jsonl,
# kept in the tree so a run of one store or size keeps the others' rows),
# BEFORE (none), KEEP (1: keep the stores).
set -euo pipefail
cd "$(dirname "$0")/.."
store_kind=spatialite
sizes=()
while (($#)); do
  case $1 in
    --store) store_kind=$2; shift 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
((${#sizes[@]})) || sizes=(1000 10000 100000 1000000)
[[ $store_kind == spatialite || $store_kind == postgresql ]] ||
  { echo "scale: --store must be spatialite or postgresql, not '$store_kind'" >&2; exit 2; }
port=${PORT:-18380}
seed=${SEED:-15}
out_dir=build-bench-scale
results=${RESULTS:-bench/scale_results.jsonl}

source bench/lib.sh
pg_packages=()
[[ $store_kind == postgresql ]] && pg_packages=(postgresql-15 postgresql-15-postgis-3 postgresql-client-15 libpq-dev)
bench_packages curl python3 python3-matplotlib time "${pg_packages[@]}"

mkdir -p "$out_dir"
if [[ -z ${BIN:-} ]]; then
  bench_build "$out_dir"
  BIN=$out_dir/server/territorio
fi
BIN=$(realpath "$BIN")
work=$(realpath "$out_dir")/work
mkdir -p "$work"
server_pid=
pg_dir=$(realpath "$out_dir")/pg
pg_port=${PG_PORT:-18391}
pg_bin=/usr/lib/postgresql/15/bin
pg_started=
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  # pg_ctl stops the postmaster whose PID is in the cluster's postmaster.pid.
  [[ -n $pg_started ]] && as_pg "$pg_bin/pg_ctl -D '$pg_dir/data' -m fast -w stop" >/dev/null 2>&1 || true
  # Only this run's files: another run (another store or size) may share the folder.
  if [[ ${KEEP:-0} != 1 ]]; then
    for n in "${sizes[@]}"; do rm -f "$work/store_${store_kind}_$n".sqlite* "$work/run_${store_kind}_$n".*; done
    [[ -n $pg_started ]] && rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT
now_ms() { echo $(($(date +%s%N) / 1000000)); }
base=http://127.0.0.1:$port
# Debian's Python: the one python3-matplotlib is installed for.
py=/usr/bin/python3

if [[ $store_kind == postgresql ]]; then
  rm -rf "$pg_dir"
  mkdir -p "$pg_dir"
  [[ $(id -u) -eq 0 ]] && chown postgres "$pg_dir"
  as_pg "$pg_bin/initdb -D '$pg_dir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  cp deploy/postgresql/territorio.conf "$pg_dir/data/territorio.conf"
  echo "include 'territorio.conf'" >>"$pg_dir/data/postgresql.conf"
  as_pg "$pg_bin/pg_ctl -D '$pg_dir/data' -w -l '$pg_dir/log' -o \"-p $pg_port -k '$pg_dir' -c listen_addresses=127.0.0.1\" start" >/dev/null
  pg_started=1
  pg_uri=postgresql://postgres@127.0.0.1:$pg_port
else
  [[ -f $work/base.sqlite ]] || "$BIN" build --data data --store "$work/base.sqlite" >/dev/null 2>&1
fi

store_of() {  # N -> the store's locator
  if [[ $store_kind == postgresql ]]; then echo "$pg_uri/store_$1"; else echo "$work/store_${store_kind}_$1.sqlite"; fi
}

store_mb() {  # N -> the store's size on disk in MB
  if [[ $store_kind == postgresql ]]; then
    psql -qXAt "$pg_uri/postgres" -c "SELECT pg_database_size('store_$1') / 1048576"
  else
    du -cm "$(store_of "$1")"* | tail -1 | cut -f1
  fi
}

drop_store() {  # N
  if [[ $store_kind == postgresql ]]; then
    psql -qX "$pg_uri/postgres" -c "DROP DATABASE IF EXISTS store_$1 WITH (FORCE)" >/dev/null
  else
    rm -f "$(store_of "$1")"*
  fi
}

make_store() {  # N csv store -> "import_s import_peak_mb"
  local run=$work/run_${store_kind}_$1
  if [[ $store_kind == postgresql ]]; then
    # The bundled data built afresh in the database (what cp of base.sqlite is to SpatiaLite).
    drop_store "$1"
    psql -qX "$pg_uri/postgres" -c "CREATE DATABASE store_$1" >/dev/null
    "$BIN" build --data data --store "$3" >"$run.build.log" 2>&1 || { cat "$run.build.log" >&2; exit 1; }
  else
    cp "$work/base.sqlite" "$3"
  fi
  /usr/bin/time -f '%e %M' -o "$run.time" "$BIN" import --store "$3" "$2" >"$run.import.log" 2>&1 ||
    { cat "$run.import.log" >&2; exit 1; }
  awk '{ printf "%s %.1f\n", $1, $2 / 1024 }' "$run.time"
}

for n in "${sizes[@]}"; do
  csv=$work/synth_${n}_${seed}.csv
  # Written aside first: a run stopped halfway leaves no partial CSV behind.
  [[ -f $csv ]] || { "$py" bench/synth_initiatives.py "$n" "$csv.part" --seed "$seed" && mv "$csv.part" "$csv"; }
  store=$(store_of "$n")
  echo "scale: $store_kind N=$n: import" >&2
  read -r import_s import_peak_mb < <(make_store "$n" "$csv" "$store")
  store_mb=$(store_mb "$n")
  token=$("$BIN" token create --store "$store" --name scale --role admin 2>/dev/null | tail -1)

  echo "scale: $store_kind N=$n: serve" >&2
  t0=$(now_ms)
  "$BIN" serve --store "$store" --port "$port" --write-rate 1000000 >"$work/run_${store_kind}_$n.serve.log" 2>&1 &
  server_pid=$!
  until curl -sf -o /dev/null "$base/readyz"; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/run_${store_kind}_$n.serve.log" >&2; exit 1; }
    sleep 0.05
  done
  ready_s=$(awk -v a="$t0" -v b="$(now_ms)" 'BEGIN { printf "%.2f", (b - a) / 1000 }')
  probe=$("$py" bench/scale_probe.py "$base" "$server_pid" "$token")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
  [[ ${KEEP:-0} == 1 ]] || drop_store "$n"
  "$py" - "$store_kind" "$n" "$seed" "$import_s" "$import_peak_mb" "$store_mb" "$ready_s" "$probe" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    >>"$results" <<'EOF'
import json, sys, time
kind, n, seed, imp, imp_mb, store_mb, ready, probe, load = sys.argv[1:]
row = {"store": kind, "n": int(n), "seed": int(seed), "import_s": float(imp), "import_peak_mb": float(imp_mb),
       "store_mb": int(store_mb), "ready_s": float(ready), "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "load_average": load}
row.update(json.loads(probe))
print(json.dumps(row))
EOF
  tail -1 "$results" >&2
done
"$py" bench/scale_report.py "$results" bench/scale.md bench/scale.png ${BEFORE:+"$BEFORE"}
