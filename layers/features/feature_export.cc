#include "layers/features/feature_export.h"

#include <memory>
#include <optional>

#include "geo/gdal/gdal_dataset.h"

namespace layers {
namespace {

const char* driver_of(ExportFormat format) {
  return format == ExportFormat::csv ? "CSV" : format == ExportFormat::gpkg ? "GPKG" : "FlatGeobuf";
}

geo::FieldType column_type(FieldType t) {
  switch (t) {
    case FieldType::integer: return geo::FieldType::integer;
    case FieldType::number: return geo::FieldType::real;
    case FieldType::boolean: return geo::FieldType::boolean;
    case FieldType::string: break;
  }
  return geo::FieldType::string;
}

// What the file declares: lon/lat CRSs (CRS84, EPSG:4326) are stored as
// EPSG:4326 longitude first, as every GIS file format does.
std::string file_crs(const Crs& crs) { return crs.projected ? crs.proj : "EPSG:4326"; }

// Creates the layer with the id and the selected fields.
geo::Layer create(geo::Dataset& ds, const Collection& c, const std::vector<std::size_t>& fields, ExportFormat format,
                  const Crs& crs) {
  std::vector<std::string> options;
  // CSV: geometry as a WKT column, and the .csvt types file beside it.
  if (format == ExportFormat::csv) options = {"GEOMETRY=AS_WKT", "CREATE_CSVT=YES"};
  const geo::GeometryType type = c.geometry_kind == GeometryKind::point           ? geo::GeometryType::point
                                 : c.geometry_kind == GeometryKind::multi_polygon ? geo::GeometryType::multi_polygon
                                                                                  : geo::GeometryType::unknown;
  geo::Layer layer = ds.create_layer(c.id, type, file_crs(crs), options);
  // FlatGeobuf keeps no fid: the id travels as a field in every format.
  layer.create_field("id", geo::FieldType::string);
  for (std::size_t k : fields)
    if (c.fields[k].name != "id") layer.create_field(c.fields[k].name, column_type(c.fields[k].type));
  return layer;
}

}  // namespace

std::string_view export_extension(ExportFormat format) {
  return format == ExportFormat::csv ? ".csv" : format == ExportFormat::gpkg ? ".gpkg" : ".fgb";
}

bool exported(const PublishedFeature& f, ExportFormat format) {
  return format != ExportFormat::fgb || f.geometry != nullptr;
}

std::size_t export_features(const Collection& c, const std::vector<const PublishedFeature*>& features,
                            const std::vector<std::size_t>& fields, ExportFormat format, const Crs& crs,
                            const std::string& path) {
  auto ds = geo::Dataset::create_vector(driver_of(format), path);
  geo::Layer layer = create(ds, c, fields, format, crs);
  std::optional<geo::GeometryTransform> transform;
  if (crs.projected) transform.emplace(crs.proj);
  // Column positions, looked up once rather than per feature.
  geo::Feature probe = layer.new_feature();
  const int id_column = probe.field_index("id");
  std::vector<std::pair<std::size_t, int>> columns;
  for (std::size_t k : fields)
    if (c.fields[k].name != "id") columns.emplace_back(k, probe.field_index(c.fields[k].name));
  if (format == ExportFormat::gpkg) ds.start_transaction();
  std::size_t written = 0;
  for (const PublishedFeature* f : features) {
    if (!exported(*f, format)) continue;
    geo::Feature out = layer.new_feature();
    out.set(id_column, f->id);
    for (const auto& [k, i] : columns) {
      const FieldValue& v = f->values[k];
      if (const auto* s = std::get_if<std::string>(&v))
        out.set(i, *s);
      else if (const auto* n = std::get_if<std::int64_t>(&v))
        out.set(i, static_cast<long long>(*n));
      else if (const auto* d = std::get_if<double>(&v))
        out.set(i, *d);
      else if (const auto* b = std::get_if<bool>(&v))
        out.set(i, static_cast<long long>(*b ? 1 : 0));
      else
        out.set_null(i);
    }
    if (f->geometry) out.set_geometry(*f->geometry, transform ? &*transform : nullptr);
    layer.write(out);
    ++written;
  }
  if (format == ExportFormat::gpkg) ds.commit_transaction();
  ds.close();
  return written;
}

}  // namespace layers
