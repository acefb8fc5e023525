// libFuzzer target: POST /join's GeoJSON reader and join (layers/join/upload_join.h)
// on arbitrary bytes, with limits small enough to keep each run fast. An
// UploadError is the expected refusal; anything else (a crash, a sanitizer
// report, another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "layers/join/upload_join.h"
#include "tests/fuzz/fuzz_catalog.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const layers::UploadLimits limits = [] {
    layers::UploadLimits l;
    l.max_features = 1000;
    l.max_geometry_vertices = 2000;
    l.max_upload_vertices = 5000;
    return l;
  }();
  std::string out;
  try {
    layers::join_geojson_upload(fuzz::small_catalog(), std::string_view(reinterpret_cast<const char*>(data), size),
                                out, limits);
  } catch (const layers::UploadError&) {
  }
  return 0;
}
