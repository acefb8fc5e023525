#pragma once
// The registry loaded from the fixture store that ctest builds once with the
// real binary (test build_fixture_store), shared by the read-only tests.
#include "layers/snapshot/registry.h"

namespace test_support {

inline const layers::Registry& fixture_registry() {
  static const auto registry = layers::Registry::load(TERRITORIO_TEST_STORE);
  return *registry;
}

}  // namespace test_support
