// libFuzzer target: the CQL2 text parser (layers/cql2/cql2_parser.h) on arbitrary
// bytes. A SyntaxError is the expected refusal; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "layers/cql2/cql2_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    layers::cql2::parse(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const layers::cql2::SyntaxError&) {
  }
  return 0;
}
