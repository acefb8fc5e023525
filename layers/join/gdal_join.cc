#include "layers/join/gdal_join.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "geo/error.h"
#include "geo/gdal/gdal_dataset.h"
#include "geo/geos/geometry_ops.h"
#include "layers/errors.h"
#include "layers/join/place_join.h"

namespace layers {

namespace {
struct OutputFormat {
  std::string driver;
  std::vector<std::string> layer_options;
};

OutputFormat format_for(const std::string& output) {
  std::string ext = std::filesystem::path(output).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".gpkg") return {"GPKG", {}};
  if (ext == ".geojson" || ext == ".json") return {"GeoJSON", {"RFC7946=YES"}};
  if (ext == ".csv") return {"CSV", {"GEOMETRY=AS_WKT"}};
  throw DataError("output '" + output + "': use a .gpkg, .geojson or .csv file name");
}

// Points and polygons go through the in-memory join, so files and uploads
// follow one set of rules.
PlaceJoin join_geometry(const Catalog& catalog, const geo::Geometry& g) {
  if (g && !g.is_empty() && g.is_puntal()) return join_points(catalog, geo::point_coordinates(g));
  return join_polygonal(catalog, g);
}
}  // namespace

const std::vector<std::string>& csv_open_options() {
  static const std::vector<std::string> options = {
      "X_POSSIBLE_NAMES=lon,longitude,lng,long,x", "Y_POSSIBLE_NAMES=lat,latitude,y",
      "GEOM_POSSIBLE_NAMES=wkt,geometry,geom", "KEEP_GEOM_COLUMNS=YES", "AUTODETECT_TYPE=NO"};
  return options;
}

void check_output_format(const std::string& output) { format_for(output); }

BatchJoinReport gdal_join(const Catalog& catalog, const std::string& source, const std::string& path,
                          const std::string& layer_name, const JoinProgress& progress) {
  const OutputFormat fmt = format_for(path);
  std::vector<std::string> open_options;
  const std::string src_ext = std::filesystem::path(source).extension().string();
  if (src_ext == ".csv" || src_ext == ".CSV") open_options = csv_open_options();
  geo::Dataset in = geo::Dataset::open_vector(source, open_options);
  if (in.layer_count() < 1) throw DataError("source '" + source + "' has no layer");
  geo::Layer src = in.layer(0);
  const long long total = progress ? src.feature_count(true) : 0;

  BatchJoinReport report;
  geo::Dataset out = geo::Dataset::create_vector(fmt.driver, path);
  geo::Layer dst = out.create_layer(layer_name, geo::GeometryType::unknown, "EPSG:4326", fmt.layer_options);
  dst.create_fields_like(src);
  const auto existing = dst.field_names();
  const auto& columns = place_join_columns();
  for (const std::string& c : columns) {
    if (std::find(existing.begin(), existing.end(), c) != existing.end())
      throw DataError("source already has a field named " + c);
    dst.create_field(c, geo::FieldType::string);
  }
  const bool tx = fmt.driver == "GPKG";
  if (tx) out.start_transaction();
  while (geo::Feature f = src.next()) {
    geo::Feature o = dst.new_feature();
    o.set_from(f);
    PlaceJoin j;
    try {
      j = join_geometry(catalog, f.geometry());
    } catch (const geo::Error&) {
      j = {{}, "invalid_geometry"};
    }
    const std::vector<std::string> values = place_join_values(catalog, j);
    for (std::size_t k = 0; k < columns.size(); ++k) o.set(o.field_index(columns[k]), values[k]);
    dst.write(o);
    ++report.by_basis[j.basis];
    ++report.records;
    if (progress && (report.records % 1000 == 0 || report.records == static_cast<std::size_t>(total)))
      progress(report.records, report.records, static_cast<std::uint64_t>(std::max<long long>(total, 0)));
  }
  if (tx) out.commit_transaction();
  out.close();
  return report;
}

}  // namespace layers
