// libFuzzer target: the pure parsers of query and path parameters
// (server/params.h, server/routes/ogc_params.h, server/routes/tiles_params.h)
// on arbitrary text. The first byte picks the parser, the rest is its input.
// An http::HttpError (400, 404) is the expected refusal; anything else (a
// crash, a sanitizer report, another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "layers/features/collections.h"
#include "layers/features/feature_crs.h"
#include "layers/tiles/tiles.h"
#include "server/http/errors.h"
#include "server/params.h"
#include "server/routes/ogc_params.h"
#include "server/routes/tiles_params.h"

namespace {

namespace routes = server::routes;

const layers::Collection& collection() {
  static const layers::Collection c = [] {
    layers::Collection c;
    c.id = "things";
    c.fields = {{"name", layers::FieldType::string, "Name", false},
                {"year", layers::FieldType::integer, "Year", false},
                {"codes", layers::FieldType::string, "Codes", true}};
    return c;
  }();
  return c;
}

// text split at each '/', for the path parameters of a tile.
std::vector<std::string> parts(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find('/', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

void run(std::uint8_t which, const std::string& text) {
  server::http::Request r;
  r.method = "GET";
  r.path = "/";
  switch (which % 14) {
    case 0: server::parse_number("n", text, -180, 180); break;
    case 1: server::parse_unit_code(text); break;
    case 2:
      r.query = {{"division", text}};
      server::division_param(r);
      break;
    case 3: routes::parse_limit(text); break;
    case 4: routes::parse_offset(text); break;
    case 5: routes::parse_bbox(text, layers::crs84()); break;
    case 6: {
      const auto p = parts(text);
      const layers::Crs& crs = routes::parse_crs("bbox-crs", p[0]);
      if (p.size() > 1) routes::parse_bbox(p[1], crs);
      break;
    }
    case 7: routes::parse_datetime(text); break;
    case 8: routes::parse_sortby(text, collection()); break;
    case 9: routes::parse_properties(text, collection()); break;
    case 10: {
      const auto p = parts(text);
      r.path_params = {{"layer", "communes"}, {"z", p[0]}, {"x", p.size() > 1 ? p[1] : ""}};
      routes::tile_id_params(r, p.size() > 2 ? p[2] : "");
      break;
    }
    case 11:
      r.path_params = {{"layer", text}};
      routes::tile_layer_param(r);
      break;
    case 12:
      r.query = {{"properties", text}};
      routes::properties_param(r, layers::TileLayer::communes);
      break;
    case 13:
      r.query = {{"f", text}, {"x", text}};
      r.headers = {{"accept", text}};
      routes::negotiate(r, true);
      routes::query_with(r, {{"f", text}, {"limit", std::nullopt}});
      routes::url_encode(text);
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  try {
    run(data[0], std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  } catch (const server::http::HttpError&) {
  }
  return 0;
}
