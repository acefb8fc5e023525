#!/usr/bin/env bash
# The PostgreSQL twin of the fixture store: database territorio_fixture on
# the test server (TERRITORIO_TEST_PG), built afresh by the real binary;
# tests copy it (CREATE DATABASE ... TEMPLATE) and never connect to it.
# Usage: build_fixture_pg.sh TERRITORIO_BIN DATA_DIR
set -euo pipefail
if [ -z "${TERRITORIO_TEST_PG:-}" ]; then
  echo "TERRITORIO_TEST_PG is not set: the PostgreSQL store's tests need a server. Run scripts/test," \
       "or eval \"\$(scripts/test_pg start)\" before ctest (scripts/test_pg stop afterwards)" >&2
  exit 1
fi
psql -qX -v ON_ERROR_STOP=1 "$TERRITORIO_TEST_PG" \
  -c "DROP DATABASE IF EXISTS territorio_fixture WITH (FORCE)" -c "CREATE DATABASE territorio_fixture"
"$1" build --data "$2" --store "${TERRITORIO_TEST_PG%/*}/territorio_fixture"
