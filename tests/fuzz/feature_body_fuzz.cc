// libFuzzer target: the write API's body readers (layers/edit) on arbitrary
// bytes: parse_json_body, then parse_feature. The first byte picks the
// Content-Crs ('1' EPSG:4326, '2' EPSG:32719, else CRS84), the rest is the
// body. A BadBody is the expected refusal; anything else is a bug, and so is
// a record whose Feature text does not read back to the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "layers/edit/feature_body.h"
#include "layers/edit/json_body.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace layers::edit;
  if (size == 0) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  FeatureOptions options;
  options.max_vertices = 2000;
  if (data[0] == '1') options.crs = &parse_content_crs("<http://www.opengis.net/def/crs/EPSG/0/4326>");
  if (data[0] == '2') options.crs = &parse_content_crs("<http://www.opengis.net/def/crs/EPSG/0/32719>");
  layers::SourceRecord rec;
  try {
    rec = parse_feature(parse_json_body(body), options);
  } catch (const BadBody&) {
    return 0;
  }
  // What is stored reads back as itself: the audit trail's texts restore it.
  const std::string text = record_feature_json(rec.initiative, 1);
  const std::string again = record_feature_json(parse_feature(parse_json_body(text)).initiative, 1);
  if (again != text) std::abort();
  return 0;
}
