# Sourced by scripts/serve and scripts/test: installs missing Debian packages.
# Idempotent and quick when everything is present (dpkg is asked first).

# Packages the server needs to build and run (DejaVu: the font of the PDF
# reports; libpq-dev: the PostgreSQL store, of which a server that only runs
# needs libpq5; python3: the build generates CQL2's Unicode tables with it).
RUNTIME_PACKAGES=(build-essential cmake pkg-config python3
  libpistache-dev libgdal-dev libgeos-dev libproj-dev
  libspatialite-dev libsqlite3-dev libsqlite3-mod-spatialite
  nlohmann-json3-dev libprotozero-dev libcairo2-dev libssl-dev libpq-dev
  fonts-dejavu-core)
# Packages only the test suite needs: GoogleTest, libcurl for the HTTP
# client, GDAL's command-line clients, Chromium for the map page's tests,
# clang with libFuzzer's runtime for the fuzz targets (scripts/fuzz),
# poppler-utils (pdftotext, pdftoppm) to read the PDF reports back,
# PostgreSQL with PostGIS for the PostgreSQL store's tests (scripts/test_pg),
# QGIS (python3-qgis, qgis-providers) for the QGIS client tests (tests/e2e/qgis_*_test.py:
# WMS, QML styles, MBTiles packages),
# nginx for the cluster test (scripts/cluster; on a fresh install its
# package starts the system's nginx on port 80, which the tests never use).
TEST_PACKAGES=(libgtest-dev libcurl4-openssl-dev gdal-bin chromium clang libclang-rt-14-dev
  poppler-utils postgresql-15 postgresql-15-postgis-3 nginx python3-qgis qgis-providers)

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

# Node.js and npm from Debian, unless an npm is already on the PATH.
ensure_npm() {
  command -v npm >/dev/null 2>&1 || ensure_packages nodejs npm
}

# npm ci in a folder with a package-lock.json, skipped while node_modules
# was installed from the same lockfile (a stamp holds the lockfile's hash).
npm_ci() {
  local dir=$1 stamp=$1/node_modules/.territorio-lock.sha256 hash
  hash=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ] && return 0
  echo "npm ci in $dir" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$hash" >"$stamp"
}
