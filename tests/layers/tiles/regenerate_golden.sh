#!/bin/sh
# Rewrites tests/layers/tiles/golden/*.json from the current tile encoder. Run only
# on purpose, then review the diff: usage tests/layers/tiles/regenerate_golden.sh BUILD_DIR
set -eu
build=${1:?usage: $0 BUILD_DIR}
TERRITORIO_REGENERATE_GOLDEN=1 "$build/tests/layers_tests" --gtest_filter='VectorTiles.GoldenTiles'
git -C "$(dirname "$0")/../../.." status --short tests/layers/tiles/golden
