#include "layers/features/feature_export.h"

#include "geo/gdal/gdal_dataset.h"
#include "geo/gdal/vsimem.h"

namespace layers {

std::string export_features(const Collection& c, const std::vector<const PublishedFeature*>& features,
                            const std::vector<std::size_t>& fields, ExportFormat format) {
  geo::MemoryDirectory dir;
  const std::string file = c.id + (format == ExportFormat::csv ? ".csv" : format == ExportFormat::gpkg ? ".gpkg" : ".fgb");
  const std::string driver = format == ExportFormat::csv ? "CSV" : format == ExportFormat::gpkg ? "GPKG" : "FlatGeobuf";
  std::vector<std::string> layer_options;
  if (format == ExportFormat::csv) layer_options = {"GEOMETRY=AS_WKT"};
  // The CSV driver writes one file per layer into a directory it creates.
  const std::string target = format == ExportFormat::csv ? dir.path("csv") : dir.path(file);
  auto ds = geo::Dataset::create_vector(driver, target);
  const geo::GeometryType type = c.geometry_kind == GeometryKind::point           ? geo::GeometryType::point
                                 : c.geometry_kind == GeometryKind::multi_polygon ? geo::GeometryType::multi_polygon
                                                                                  : geo::GeometryType::unknown;
  geo::Layer layer = ds.create_layer(c.id, type, true, layer_options);
  // FlatGeobuf keeps no fid: the id travels as a field in every format.
  layer.create_field("id", geo::FieldType::string);
  for (std::size_t k : fields) {
    const FieldType t = c.fields[k].type;
    if (c.fields[k].name == "id") continue;
    layer.create_field(c.fields[k].name, t == FieldType::number                                  ? geo::FieldType::real
                                         : t == FieldType::integer || t == FieldType::boolean ? geo::FieldType::integer
                                                                                              : geo::FieldType::string);
  }
  if (format == ExportFormat::gpkg) ds.start_transaction();
  for (const PublishedFeature* f : features) {
    geo::Feature out = layer.new_feature();
    out.set(out.field_index("id"), f->id);
    for (std::size_t k : fields) {
      if (c.fields[k].name == "id") continue;
      const int i = out.field_index(c.fields[k].name);
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
    if (f->geometry) out.set_geometry(*f->geometry);
    layer.write(out);
  }
  if (format == ExportFormat::gpkg) ds.commit_transaction();
  ds.close();
  return dir.read(format == ExportFormat::csv ? "csv/" + file : file);
}

}  // namespace layers
