#!/usr/bin/env bash
# Builds territorio_pip_bench in Release into build-bench/ and runs it.
# Arguments are passed to the driver, e.g.  bench/run.sh --spatialite-points 2000
# The full output is also saved to build-bench/pip_bench.txt.
set -euo pipefail

cd "$(dirname "$0")/.."

# Debian 12 packages: compilers and CMake, what the top-level CMakeLists.txt
# finds (GEOS, GDAL, PROJ, SpatiaLite, SQLite, nlohmann_json, Pistache), and
# gdal-bin for the ogr2ogr that builds the SpatiaLite anchor database.
source bench/lib.sh
ensure_packages "${RUNTIME_PACKAGES[@]}" gdal-bin
bench_build --bench build-bench territorio_pip_bench

(
  echo "machine: nproc=$(nproc) cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "load average before run: $(cut -d' ' -f1-3 /proc/loadavg)"
  rc=0
  ./build-bench/bench/territorio_pip_bench "$@" || rc=$?
  echo "load average after run: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit "$rc"
) 2>&1 | tee build-bench/pip_bench.txt
# pipefail + set -e: a failing driver (1: error, 2: 1 vs N threads differ) fails the script.
