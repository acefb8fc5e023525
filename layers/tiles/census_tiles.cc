#include "layers/tiles/census_tiles.h"

#include <algorithm>
#include <stdexcept>

#include "geo/mvt/mvt_encoder.h"
#include "geo/mvt/mvt_geometry.h"
#include "geo/raster/raster_canvas.h"
#include "layers/tiles/feature_id.h"
#include "layers/tiles/raster_frame.h"

namespace layers {

namespace {

// A disc's radius in pixels at 1x, and its outline.
constexpr double kDiscRadius = 2.5;
constexpr geo::Rgba kDiscOutline{255, 255, 255, 255};

// The zone's population, or 0 when the collection has none for it.
std::int64_t population_of(const PublishedFeature& f, std::size_t field) {
  const auto* v = std::get_if<std::int64_t>(&f.values[field]);
  return v ? *v : 0;
}

// Positions of the census features whose point lies in the lon/lat box, in collection (zone code) order.
std::vector<std::size_t> zones_in(const Collection& census, const geo::Envelope& box) {
  std::vector<std::size_t> out;
  census.spatial.query(box, [&](std::size_t p) { out.push_back(p); });
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

const std::vector<ColourClass>& census_palette() {
  static const std::vector<ColourClass> classes = [] {
    const auto& steps = palette(Measure::initiatives);  // the same six colours
    return std::vector<ColourClass>{{0, steps[0].colour, "0"},
                                    {1, steps[1].colour, "1 to 1,999"},
                                    {2000, steps[2].colour, "2,000 to 2,999"},
                                    {3000, steps[3].colour, "3,000 to 3,999"},
                                    {4000, steps[4].colour, "4,000 to 5,999"},
                                    {6000, steps[5].colour, "6,000+"}};
  }();
  return classes;
}

std::size_t census_class_of(std::int64_t population) {
  const auto& p = census_palette();
  std::size_t k = 0;
  while (k + 1 < p.size() && static_cast<double>(population) >= p[k + 1].lower) ++k;
  return k;
}

VectorTile build_census_tile(const Collection& census, const TileQuery& q, const TileLimits& limits) {
  if (q.layer != TileLayer::census_zones) throw std::invalid_argument("census tiles draw the census zones only");
  const geo::TileGrid grid{geo::TileTransform(q.tile, kTileExtent), kTileExtent, kTileBuffer};
  const RasterFrame frame(TileMatrixSet::web_mercator_quad, q.tile, kTileExtent);
  const std::string name(tile_layer_name(TileLayer::census_zones));
  geo::mvt::Layer layer(name, kTileExtent);
  auto wanted = [&](const std::string& field) {
    return !q.properties || std::find(q.properties->begin(), q.properties->end(), field) != q.properties->end();
  };
  // Tile fields in their order, each with its column in the collection.
  std::vector<std::pair<std::string, std::size_t>> columns;
  for (const TileField& f : census_tile_fields())
    if (wanted(f.name))
      if (const auto column = census.field_index(f.name)) columns.emplace_back(f.name, *column);
  VectorTile out;
  for (std::size_t p : zones_in(census, frame.lonlat_box(kTileBuffer))) {
    if (out.features >= limits.max_features || layer.feature_bytes() >= limits.max_bytes) {
      out.truncated = true;
      break;
    }
    const PublishedFeature& f = *census.features[p];
    double mx, my;
    geo::lonlat_to_mercator(f.box.min_x, f.box.min_y, mx, my);
    geo::mvt::IntPoint at;
    if (!geo::tile_point(mx, my, grid, at)) continue;
    geo::mvt::FeatureBuilder b(layer);
    b.set_id(tile_feature_id(f.id, p + 1));
    b.add_point(at);
    for (const auto& [field, column] : columns) {
      const FieldValue& v = f.values[column];
      if (const auto* s = std::get_if<std::string>(&v))
        b.add_property(field, *s);
      else if (const auto* i = std::get_if<std::int64_t>(&v))
        b.add_property(field, *i);
    }
    if (b.commit()) ++out.features;
  }
  out.bytes = geo::mvt::encode_tile({&layer});
  return out;
}

std::string build_census_raster_tile(const Collection& census, const RasterQuery& q) {
  if (q.tile.layer != TileLayer::census_zones) throw std::invalid_argument("census tiles draw the census zones only");
  const int px = 256 * q.scale;
  const RasterFrame frame(q.tms, q.tile.tile, px);
  const double radius = kDiscRadius * q.scale;
  const auto population = census.field_index("population");
  // Discs by class, so each class is one pass over its centres; a disc
  // reaching in from a neighbouring tile is drawn too.
  std::vector<std::vector<std::pair<double, double>>> by_class(census_palette().size());
  for (std::size_t p : zones_in(census, frame.lonlat_box(radius + 1))) {
    const PublishedFeature& f = *census.features[p];
    double x, y;
    frame.lonlat_to_px(f.box.min_x, f.box.min_y, x, y);
    by_class[census_class_of(population ? population_of(f, *population) : 0)].emplace_back(x, y);
  }
  geo::RasterCanvas canvas(px);
  for (std::size_t k = 0; k < by_class.size(); ++k)
    canvas.draw_discs(by_class[k], radius, census_palette()[k].colour, kDiscOutline, 0.5 * q.scale);
  return canvas.png();
}

}  // namespace layers
