# Sourced by the bench scripts, from the repository's root: the packages a
# measurement needs, the Release build it measures, and PostgreSQL's tools
# as the user they must run as.
# shellcheck shell=bash
source scripts/deps.sh

# bench_packages PACKAGE...: the given packages, and the build's own
# (scripts/deps.sh) unless BIN or BUILD_DIR names a binary built already;
# installed when missing. npm comes with Debian's nodejs or NodeSource's.
bench_packages() {
  if [[ -n ${BIN:-}${BUILD_DIR:-} ]]; then
    ensure_packages "$@"
  else
    ensure_packages "${RUNTIME_PACKAGES[@]}" "$@"
  fi
}

# bench_build [--bench] DIR [TARGET...]: a Release build in DIR of TARGETs
# (default: territorio); --bench adds the benchmark drivers (bench/). A
# measurement must not stop on a warning: GCC 12 at -O3 warns falsely on
# string concatenation (its bug 105329), so -Werror is off here.
bench_build() {
  local flags=(-DCMAKE_BUILD_TYPE=Release -DTERRITORIO_TESTS=OFF -DTERRITORIO_WERROR=OFF)
  if [[ $1 == --bench ]]; then flags+=(-DTERRITORIO_BENCH=ON); shift; fi
  local dir=$1; shift
  command -v ccache >/dev/null && flags+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  cmake -S . -B "$dir" "${flags[@]}" >/dev/null
  local targets=("$@")
  ((${#targets[@]})) || targets=(territorio)
  cmake --build "$dir" --target "${targets[@]}" -j"$(nproc)" >/dev/null
}

# initdb and pg_ctl refuse to run as root: as the postgres user then.
as_pg() { if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
