#include "server/routes/tiles_documents.h"

#include <cmath>

#include "geo/tile_crs84.h"
#include "geo/tile_math.h"
#include "layers/tiles/tileset.h"

namespace server::routes {

namespace {

using nlohmann::json;
using layers::TileMatrixSet;

constexpr const char* kMvtType = "application/vnd.mapbox-vector-tile";
// Metres per degree on the WGS 84 semi-major axis: the scale of CRS84 tile matrices.
constexpr double kMetresPerDegree = 6378137.0 * 3.14159265358979323846 / 180.0;
// The standardized rendering pixel size of the scale denominators, in metres.
constexpr double kPixelMetres = 0.00028;

json link(std::string href, std::string rel, std::string type, std::string title) {
  return json{{"href", std::move(href)}, {"rel", std::move(rel)}, {"type", std::move(type)}, {"title", std::move(title)}};
}

json templated(std::string href, std::string type, std::string title) {
  return json{{"href", std::move(href)}, {"rel", "item"}, {"type", std::move(type)}, {"templated", true}, {"title", std::move(title)}};
}

std::string tms_path(const std::string& base, TileMatrixSet tms) {
  return base + "/tileMatrixSets/" + std::string(layers::tile_matrix_set_name(tms));
}

struct Grid {
  double min_x, min_y, max_x, max_y;  // the whole grid, in the CRS's units
  double cell0;                       // units per pixel at matrix 0
  double metres_per_unit;
};

Grid grid_of(TileMatrixSet tms) {
  if (tms == TileMatrixSet::web_mercator_quad) {
    const double h = geo::kMercatorHalfWorld;
    return {-h, -h, h, h, geo::tile_size_metres(0) / 256.0, 1.0};
  }
  return {-180, -90, 180, 90, geo::crs84_cell_degrees(0), kMetresPerDegree};
}

}  // namespace

std::string tile_matrix_set_uri(TileMatrixSet tms) {
  return "http://www.opengis.net/def/tilematrixset/OGC/1.0/" + std::string(layers::tile_matrix_set_name(tms));
}

std::string tile_matrix_set_crs(TileMatrixSet tms) {
  return tms == TileMatrixSet::web_mercator_quad ? "http://www.opengis.net/def/crs/EPSG/0/3857"
                                                 : "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
}

json tile_matrix_set_document(TileMatrixSet tms, const std::string& base) {
  const bool mercator = tms == TileMatrixSet::web_mercator_quad;
  const Grid g = grid_of(tms);
  const std::string id(layers::tile_matrix_set_name(tms));
  const std::string crs = tile_matrix_set_crs(tms);
  json matrices = json::array();
  for (int z = 0; z <= layers::max_tile_matrix(tms); ++z) {
    const double cell = g.cell0 / std::ldexp(1.0, z);
    const json origin = {g.min_x, g.max_y};
    matrices.push_back({// TMS 2.0
                        {"id", std::to_string(z)},
                        {"scaleDenominator", cell * g.metres_per_unit / kPixelMetres},
                        {"cellSize", cell},
                        {"cornerOfOrigin", "topLeft"},
                        {"pointOfOrigin", origin},
                        {"tileWidth", 256},
                        {"tileHeight", 256},
                        {"matrixWidth", layers::matrix_width(tms, z)},
                        {"matrixHeight", layers::matrix_height(tms, z)},
                        // TMS 1.0, for GDAL 3.6
                        {"identifier", std::to_string(z)},
                        {"topLeftCorner", origin}});
  }
  const json lower = {g.min_x, g.min_y}, upper = {g.max_x, g.max_y};
  return {
      {"id", id},
      {"title", mercator ? "Google Maps Compatible for the World" : "CRS84 for the World"},
      {"uri", tile_matrix_set_uri(tms)},
      {"crs", crs},
      {"orderedAxes", mercator ? json{"E", "N"} : json{"Lon", "Lat"}},
      {"wellKnownScaleSet", mercator ? "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible"
                                     : "http://www.opengis.net/def/wkss/OGC/1.0/GoogleCRS84Quad"},
      // lowerLeft/upperRight for 2.0, lowerCorner/upperCorner for 1.0.
      {"boundingBox", {{"crs", crs}, {"lowerLeft", lower}, {"upperRight", upper}, {"lowerCorner", lower}, {"upperCorner", upper}}},
      {"identifier", id},
      {"supportedCRS", crs},
      {"links", {link(tms_path(base, tms), "self", "application/json", id)}},
      {"tileMatrices", matrices},
  };
}

json tile_matrix_sets_document(const std::string& base) {
  json list = json::array();
  for (TileMatrixSet tms : {TileMatrixSet::web_mercator_quad, TileMatrixSet::world_crs84_quad}) {
    const std::string id(layers::tile_matrix_set_name(tms));
    list.push_back({{"id", id},
                    {"title", tile_matrix_set_document(tms, base)["title"]},
                    {"uri", tile_matrix_set_uri(tms)},
                    {"crs", tile_matrix_set_crs(tms)},
                    {"links", {link(tms_path(base, tms), "self", "application/json", id)}}});
  }
  return {{"links", {link(base + "/tileMatrixSets", "self", "application/json", "Tile matrix sets")}},
          {"tileMatrixSets", list}};
}

json tile_matrix_set_limits(TileMatrixSet tms, const geo::Envelope& lonlat) {
  json limits = json::array();
  for (int z = 0; z <= layers::max_tile_matrix(tms); ++z) {
    const geo::TileRange r = layers::tiles_covering(tms, lonlat, z);
    limits.push_back({{"tileMatrix", std::to_string(z)},
                      {"minTileRow", r.min_y},
                      {"maxTileRow", r.max_y},
                      {"minTileCol", r.min_x},
                      {"maxTileCol", r.max_x}});
  }
  return limits;
}

json whole_tile_matrix_set_limits(TileMatrixSet tms) {
  json limits = json::array();
  for (int z = 0; z <= layers::max_tile_matrix(tms); ++z)
    limits.push_back({{"tileMatrix", std::to_string(z)},
                      {"minTileRow", 0},
                      {"maxTileRow", layers::matrix_height(tms, z) - 1},
                      {"minTileCol", 0},
                      {"maxTileCol", layers::matrix_width(tms, z) - 1}});
  return limits;
}

json tileset_bounding_box(const geo::Envelope& e) {
  auto down = [](double v) { return std::floor(v * 1e6) / 1e6; };
  auto up = [](double v) { return std::ceil(v * 1e6) / 1e6; };
  return {{"lowerLeft", {down(e.min_x), down(e.min_y)}},
          {"upperRight", {up(e.max_x), up(e.max_y)}},
          {"crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}};
}

namespace {

std::string collection_path(const std::string& base, const TilesetSubject& s) { return base + "/collections/" + s.collection; }

std::string vector_tileset_path(const std::string& base, const TilesetSubject& s) {
  return collection_path(base, s) + "/tiles/WebMercatorQuad";
}

std::string map_tileset_path(const std::string& base, const TilesetSubject& s, TileMatrixSet tms) {
  return collection_path(base, s) + "/map/tiles/" + std::string(layers::tile_matrix_set_name(tms));
}

json vector_layer(const std::string& name) {
  json properties = json::object();
  for (const auto& f : layers::tile_fields(name)) {
    const std::string type = f.type == "String" ? "string" : f.type == "Boolean" ? "boolean" : "number";
    properties[f.name] = {{"type", type}, {"description", f.description}};
  }
  const bool points = name == layers::kInitiativePointsLayer || name == layers::tile_layer_name(layers::TileLayer::census_zones);
  return {{"id", name},
          {"dataType", "vector"},
          {"geometryDimension", points ? 0 : 2},
          {"minTileMatrix", "0"},
          {"maxTileMatrix", std::to_string(layers::kMaxTileZoom)},
          {"propertiesSchema", {{"type", "object"}, {"properties", properties}}}};
}

// What a tileset and its summary in a list share.
json summary(const std::string& title, const char* data_type, TileMatrixSet tms, json links) {
  return {{"title", title},
          {"dataType", data_type},
          {"crs", tile_matrix_set_crs(tms)},
          {"tileMatrixSetURI", tile_matrix_set_uri(tms)},
          {"links", std::move(links)}};
}

}  // namespace

json vector_tileset(const std::string& base, const TilesetSubject& s) {
  const TileMatrixSet tms = TileMatrixSet::web_mercator_quad;
  const std::string self = vector_tileset_path(base, s);
  json t = summary(s.title + " (vector tiles)", "vector", tms,
                   {link(self, "self", "application/json", s.title + ": vector tileset"),
                    link(tms_path(base, tms), kTilingSchemeRel, "application/json", "WebMercatorQuad"),
                    link(base + "/tiles/" + s.collection + ".json", "describedby", "application/json", "TileJSON"),
                    link(collection_path(base, s), "collection", "application/json", s.title),
                    templated(self + "/{tileMatrix}/{tileRow}/{tileCol}", kMvtType, "Mapbox vector tiles")});
  t["boundingBox"] = tileset_bounding_box(s.extent);
  t["tileMatrixSetLimits"] = tile_matrix_set_limits(tms, s.extent);
  t["layers"] = json::array();
  for (const std::string& l : layers::mvt_layer_names(s.layer)) t["layers"].push_back(vector_layer(l));
  return t;
}

json map_tileset(const std::string& base, const TilesetSubject& s, TileMatrixSet tms) {
  const std::string self = map_tileset_path(base, s, tms);
  const std::string id(layers::tile_matrix_set_name(tms));
  json t = summary(s.title + " (map, " + id + ")", "map", tms,
                   {link(self, "self", "application/json", s.title + ": map tileset in " + id),
                    link(tms_path(base, tms), kTilingSchemeRel, "application/json", id),
                    link(collection_path(base, s), "collection", "application/json", s.title),
                    templated(self + "/{tileMatrix}/{tileRow}/{tileCol}", "image/png", "PNG map tiles")});
  t["boundingBox"] = tileset_bounding_box(s.extent);
  t["tileMatrixSetLimits"] = tms == TileMatrixSet::world_crs84_quad ? whole_tile_matrix_set_limits(tms)
                                                                    : tile_matrix_set_limits(tms, s.extent);
  return t;
}

json vector_tilesets(const std::string& base, const TilesetSubject& s) {
  const TileMatrixSet tms = TileMatrixSet::web_mercator_quad;
  const std::string self = collection_path(base, s) + "/tiles";
  json entry = summary(s.title + " (vector tiles)", "vector", tms,
                       {link(vector_tileset_path(base, s), "self", "application/json", s.title + ": vector tileset"),
                        link(tms_path(base, tms), kTilingSchemeRel, "application/json", "WebMercatorQuad")});
  return {{"links", {link(self, "self", "application/json", s.title + ": vector tilesets"),
                     link(collection_path(base, s), "collection", "application/json", s.title)}},
          {"tilesets", json::array({entry})}};
}

json map_tilesets(const std::string& base, const TilesetSubject& s) {
  json list = json::array();
  for (TileMatrixSet tms : {TileMatrixSet::web_mercator_quad, TileMatrixSet::world_crs84_quad}) {
    const std::string id(layers::tile_matrix_set_name(tms));
    list.push_back(summary(s.title + " (map, " + id + ")", "map", tms,
                           {link(map_tileset_path(base, s, tms), "self", "application/json",
                                 s.title + ": map tileset in " + id),
                            link(tms_path(base, tms), kTilingSchemeRel, "application/json", id)}));
  }
  return {{"links", {link(collection_path(base, s) + "/map/tiles", "self", "application/json", s.title + ": map tilesets"),
                     link(collection_path(base, s), "collection", "application/json", s.title)}},
          {"tilesets", list}};
}

}  // namespace server::routes
