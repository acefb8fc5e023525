#include "server/routes/wmts.h"

#include <cctype>
#include <charconv>

#include "layers/ogc_services/wmts_capabilities.h"
#include "server/caching_policy.h"
#include "server/routes/ogc_service_kvp.h"
#include "server/routes/tiles_params.h"

namespace server::routes {

namespace {

const std::vector<std::string_view> kCapabilitiesParams = {"SERVICE", "REQUEST", "VERSION", "ACCEPTVERSIONS",
                                                           "SECTIONS", "UPDATESEQUENCE", "ACCEPTFORMATS"};
const std::vector<std::string_view> kTileParams = {"SERVICE", "REQUEST",       "VERSION",    "LAYER",   "STYLE",
                                                   "FORMAT",  "TILEMATRIXSET", "TILEMATRIX", "TILEROW", "TILECOL"};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The names of one tile, from the KVP parameters or the REST path.
struct TileNames {
  std::string layer, style, tms, matrix, row, col;
};

std::uint32_t index_param(const char* name, const std::string& text, std::uint32_t count, const char* code) {
  std::uint32_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    throw OgcServiceError("InvalidParameterValue", name, std::string(name) + " must be a non-negative integer");
  if (v >= count)
    throw OgcServiceError(code, name, std::string(name) + " must be from 0 to " + std::to_string(count - 1));
  return v;
}

// Unknown layer, style or matrix set: 404 at a REST address, 400 in KVP.
layers::RasterQuery tile_query(const TileNames& n, const Kvp& k, const layers::Registry& registry, int missing) {
  layers::RasterQuery q;
  const auto layer = layers::parse_tile_layer(n.layer);
  const auto& served = layers::wmts_layers();
  if (!layer || std::find(served.begin(), served.end(), *layer) == served.end())
    throw OgcServiceError("InvalidParameterValue", "LAYER", "no layer '" + n.layer.substr(0, 64) + "'", missing);
  q.tile.layer = *layer;
  const std::vector<std::string> styles = layers::wmts_styles(*layer);
  const std::string style = n.style.empty() ? styles.front() : n.style;
  if (std::find(styles.begin(), styles.end(), style) == styles.end())
    throw OgcServiceError("InvalidParameterValue", "STYLE", "no style '" + style.substr(0, 64) + "' of " + n.layer, missing);
  if (const auto m = layers::parse_measure(style)) q.measure = *m;
  const auto tms = layers::parse_tile_matrix_set(n.tms);
  if (!tms)
    throw OgcServiceError("InvalidParameterValue", "TILEMATRIXSET", "no tile matrix set '" + n.tms.substr(0, 64) + "'",
                          missing);
  q.tms = *tms;
  q.tile.tile.z = static_cast<int>(index_param("TILEMATRIX", n.matrix,
                                               static_cast<std::uint32_t>(layers::max_tile_matrix(q.tms)) + 1,
                                               "InvalidParameterValue"));
  q.tile.tile.y = index_param("TILEROW", n.row, layers::matrix_height(q.tms, q.tile.tile.z), "TileOutOfRange");
  q.tile.tile.x = index_param("TILECOL", n.col, layers::matrix_width(q.tms, q.tile.tile.z), "TileOutOfRange");
  tile_filter_params(k.vendor_request(), registry, q.tile);
  return q;
}

http::Response tile_answer(const http::Request& r, layers::TileService& tiles, const layers::Snapshot& s,
                           const layers::RasterQuery& q) {
  const caching::Validator etag = caching::data_validator(r, s.generation());
  if (caching::client_is_current(r, etag)) return caching::not_modified(etag);
  http::Response resp;
  resp.body = tiles.raster_tile(s, q)->body;
  resp.content_type = "image/png";
  return caching::stamp(r, std::move(resp), etag);
}

http::Response capabilities(const http::Request& r, const layers::Snapshot& s, const Site& site) {
  const std::string base = base_url(r, site);
  return caching::answer(r, caching::data_validator(r, s.generation(), base), [&] {
    http::Response resp;
    resp.body = layers::wmts_capabilities(s, base);
    resp.content_type = "application/xml; charset=utf-8";
    return resp;
  });
}

http::Response kvp(const http::Request& r, layers::TileService& tiles, const layers::Snapshot& s, const Site& site) {
  return ogc_answer(OgcService::wmts, [&] {
    const Kvp k(r);
    const std::string service = k.required("SERVICE");
    if (!iequals(service, "WMTS")) throw OgcServiceError("InvalidParameterValue", "SERVICE", "SERVICE must be WMTS");
    const std::string request = k.required("REQUEST");
    if (iequals(request, "GetCapabilities")) {
      k.check_known(kCapabilitiesParams);
      return capabilities(r, s, site);
    }
    if (!iequals(request, "GetTile"))
      throw OgcServiceError("OperationNotSupported", "REQUEST", "REQUEST must be GetCapabilities or GetTile");
    k.check_known(kTileParams);
    if (const std::string v = k.required("VERSION"); v != "1.0.0")
      throw OgcServiceError("InvalidParameterValue", "VERSION", "VERSION must be 1.0.0");
    if (k.required("FORMAT") != "image/png")
      throw OgcServiceError("InvalidParameterValue", "FORMAT", "FORMAT must be image/png");
    const TileNames n{k.required("LAYER"),      k.get("STYLE").value_or(""), k.required("TILEMATRIXSET"),
                      k.required("TILEMATRIX"), k.required("TILEROW"),       k.required("TILECOL")};
    return tile_answer(r, tiles, s, tile_query(n, k, s.registry(), 400));
  });
}

http::Response rest_tile(const http::Request& r, layers::TileService& tiles, const layers::Snapshot& s) {
  return ogc_answer(OgcService::wmts, [&] {
    const Kvp k(r);
    k.check_known({});
    const TileNames n{r.path_param("layer"),      r.path_param("style"),   r.path_param("tileMatrixSet"),
                      r.path_param("tileMatrix"), r.path_param("tileRow"), r.path_param("tileCol")};
    return tile_answer(r, tiles, s, tile_query(n, k, s.registry(), 404));
  });
}

}  // namespace

void add_wmts_routes(http::Router& router, layers::RegistryHolder& holder, const Site& site,
                     std::shared_ptr<layers::TileService> tiles) {
  auto s = std::make_shared<const Site>(site);
  router.add("GET", "/wmts", [s, tiles, &holder](const http::Request& r) { return kvp(r, *tiles, *holder.current(), *s); });
  router.add("GET", "/wmts/1.0.0/WMTSCapabilities.xml", [s, &holder](const http::Request& r) {
    return ogc_answer(OgcService::wmts, [&] {
      Kvp(r).check_known({});
      return capabilities(r, *holder.current(), *s);
    });
  });
  router.add("GET", "/wmts/1.0.0/{layer}/{style}/{tileMatrixSet}/{tileMatrix}/{tileRow}/{tileCol}.png",
             [tiles, &holder](const http::Request& r) { return rest_tile(r, *tiles, *holder.current()); });
}

}  // namespace server::routes
