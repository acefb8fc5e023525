#include "server/routes/styles.h"

#include <memory>

#include <nlohmann/json.hpp>

#include "layers/styles/choropleth.h"
#include "layers/styles/maplibre_style.h"
#include "layers/styles/qml_style.h"
#include "layers/styles/sld_style.h"
#include "server/caching_policy.h"
#include "server/http/errors.h"
#include "server/params.h"
#include "server/routes/tiles_params.h"

namespace server::routes {

namespace {

using nlohmann::json;

struct Encoding {
  const char* f;
  const char* type;
  const char* title;
};
constexpr Encoding kEncodings[] = {{"mapbox", kMapboxStyleType, "MapLibre / Mapbox GL style"},
                                   {"qml", kQmlType, "QGIS style (QML)"},
                                   {"sld", kSldType, "OGC SLD 1.1 / SE"}};

const Encoding& encoding_param(const http::Request& r) {
  const auto f = r.query_value("f");
  if (!f) return kEncodings[0];
  for (const Encoding& e : kEncodings)
    if (*f == e.f) return e;
  throw http::BadRequest("f must be one of mapbox, qml, sld, not '" + *f + "'",
                         {{"parameter", "f"}, {"allowed", {"mapbox", "qml", "sld"}}});
}

http::Response fixed(std::string body, const char* type) {
  http::Response resp;
  resp.body = std::move(body);
  resp.content_type = type;
  http::set_header(resp, "Cache-Control", caching::kFixed);
  return resp;
}

// The tileset of a collection with styles: 404 for one without (no map
// tiles, or initiatives, whose map tiles are not classes).
layers::TileLayer styled_layer(const std::string& collection_id) {
  const layers::TileLayer layer = collection_tile_layer(collection_id, true);
  if (layers::choropleth_styles(layer).empty())
    throw http::NotFound("collection '" + collection_id + "' has no styles", {{"collectionId", collection_id}});
  return layer;
}

http::Response style_list(const http::Request& r, const Site& site) {
  check_known_params(r, {"f"});
  if (const auto f = r.query_value("f"); f && *f != "json")
    throw http::BadRequest("f must be json, not '" + *f + "'", {{"parameter", "f"}, {"allowed", {"json"}}});
  const std::string& id = r.path_param("collectionId");
  const auto all = layers::choropleth_styles(styled_layer(id));
  const std::string self = base_url(r, site) + "/collections/" + id + "/styles";
  json styles = json::array();
  for (const auto& s : all) {
    json links = json::array();
    for (const Encoding& e : kEncodings)
      links.push_back({{"href", self + "/" + s.id + "?f=" + e.f}, {"rel", "stylesheet"}, {"type", e.type},
                       {"title", s.title + " (" + e.title + ")"}});
    styles.push_back({{"id", s.id}, {"title", s.title}, {"links", links}});
  }
  const json doc = {{"default", all.front().id},
                    {"styles", styles},
                    {"links", {{{"href", self}, {"rel", "self"}, {"type", "application/json"}, {"title", "Styles of " + id}}}}};
  return fixed(doc.dump(), "application/json");
}

http::Response style_document(const http::Request& r, const Site& site) {
  check_known_params(r, {"f"});
  const std::string& id = r.path_param("collectionId");
  const layers::TileLayer layer = styled_layer(id);
  const std::string& style_id = r.path_param("styleId");
  const auto style = layers::find_choropleth_style(layer, style_id);
  if (!style) {
    json allowed = json::array();
    for (const auto& s : layers::choropleth_styles(layer)) allowed.push_back(s.id);
    throw http::NotFound("no style '" + style_id + "' for collection '" + id + "'",
                         {{"styleId", style_id}, {"allowed", allowed}});
  }
  const Encoding& e = encoding_param(r);
  const std::string f = e.f;
  if (f == "qml") return fixed(layers::qml_style(*style), e.type);
  if (f == "sld") return fixed(layers::sld_style(*style), e.type);
  return fixed(layers::maplibre_style(*style, base_url(r, site)).dump(), e.type);
}

}  // namespace

bool collection_has_styles(const std::string& collection_id) {
  const auto layer = layers::parse_tile_layer(collection_id);
  return layer && layers::tile_layer_is_collection(*layer) && !layers::choropleth_styles(*layer).empty();
}

void add_style_routes(http::Router& router, const Site& site) {
  auto s = std::make_shared<const Site>(site);
  router.add("GET", "/collections/{collectionId}/styles", [s](const http::Request& r) { return style_list(r, *s); });
  router.add("GET", "/collections/{collectionId}/styles/{styleId}",
             [s](const http::Request& r) { return style_document(r, *s); });
}

}  // namespace server::routes
