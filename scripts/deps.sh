# Sourced by scripts/serve and scripts/test: installs missing Debian packages.
# Idempotent and quick when everything is present (dpkg is asked first).

# Packages the server needs to build and run.
RUNTIME_PACKAGES=(build-essential cmake pkg-config
  libpistache-dev libgdal-dev libgeos-dev libproj-dev
  libspatialite-dev libsqlite3-dev libsqlite3-mod-spatialite
  nlohmann-json3-dev libprotozero-dev)
# Packages only the test suite needs: GoogleTest, libcurl for the HTTP
# client, GDAL's command-line clients.
TEST_PACKAGES=(libgtest-dev libcurl4-openssl-dev gdal-bin)

ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
