// libFuzzer target: POST /join's CSV reader and join (layers/join/upload_join.h)
// on arbitrary bytes; the rows handed to the sink are written out as POST
// /join does. An UploadError is the expected refusal; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "layers/join/upload_join.h"
#include "tests/fuzz/fuzz_catalog.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const layers::UploadLimits limits = [] {
    layers::UploadLimits l;
    l.max_csv_records = 1000;
    l.max_geometry_vertices = 2000;
    l.max_upload_vertices = 5000;
    return l;
  }();
  std::string out;
  try {
    layers::join_csv_upload(
        fuzz::small_catalog(), std::string_view(reinterpret_cast<const char*>(data), size),
        [&](const std::vector<std::string_view>& fields) {
          for (const auto f : fields) out.append(f).push_back(',');
          out.push_back('\n');
        },
        limits);
  } catch (const layers::UploadError&) {
  }
  return 0;
}
