#include "layers/batch_join.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "geo/error.h"
#include "geo/gdal_dataset.h"
#include "geo/geometry_ops.h"
#include "layers/errors.h"
#include "layers/join.h"

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

// The appended columns, in order.
const char* const kColumns[] = {"commune_code", "commune_name", "province_code", "province_name",
                                "region_code", "region_name", "province_code_2007", "province_name_2007",
                                "region_code_2007", "region_name_2007", "join_basis"};

struct Joined {
  std::vector<const Unit*> communes;
  std::string basis;
};

Joined join_geometry(const Catalog& catalog, const geo::Geometry& g) {
  Joined j;
  if (!g || g.is_empty()) return {{}, "no_geometry"};
  if (g.is_puntal()) {
    std::set<std::string> seen;
    for (const auto& [x, y] : geo::point_coordinates(g)) {
      if (!in_chile_extent(x, y)) return {{}, "outside_chile"};
      const PointMatch m = catalog.locate(x, y);
      if (!m.commune) return {{}, "none"};
      if (seen.insert(m.commune->code).second) j.communes.push_back(m.commune);
      j.basis = point_basis_name(m.basis);
    }
    return j;
  }
  if (!g.is_polygonal()) return {{}, "unsupported_geometry"};
  geo::Geometry poly = g.is_valid() ? g.clone() : geo::make_valid_polygonal(g);
  if (poly.is_empty()) return {{}, "invalid_geometry"};
  const geo::Envelope e = poly.envelope();
  if (!in_chile_extent(e.min_x, e.min_y) || !in_chile_extent(e.max_x, e.max_y)) return {{}, "outside_chile"};
  const JoinOptions options;
  for (const auto& o : catalog.overlapping_communes(poly))
    if (o.share_of_query >= options.min_overlap_share || o.share_of_polygon >= options.min_overlap_share)
      j.communes.push_back(catalog.commune_by_index(o.id));
  j.basis = j.communes.empty() ? "none" : g.is_valid() ? "polygon_overlap" : "polygon_overlap_repaired";
  return j;
}

// Distinct units' codes or names, in commune order, joined by ';'.
std::string collect(const std::vector<const Unit*>& units, std::string Unit::*field) {
  std::string out;
  std::set<const Unit*> seen;
  for (const Unit* u : units) {
    if (!u || !seen.insert(u).second) continue;
    out += (out.empty() ? "" : ";") + u->*field;
  }
  return out;
}
}  // namespace

BatchJoinReport batch_join(const Catalog& catalog, const std::string& source, const std::string& output,
                           const Progress& progress) {
  const OutputFormat fmt = format_for(output);
  std::vector<std::string> open_options;
  const std::string src_ext = std::filesystem::path(source).extension().string();
  if (src_ext == ".csv" || src_ext == ".CSV")
    open_options = {"X_POSSIBLE_NAMES=lon,longitude,lng,long,x", "Y_POSSIBLE_NAMES=lat,latitude,y",
                    "GEOM_POSSIBLE_NAMES=wkt,geometry,geom", "KEEP_GEOM_COLUMNS=YES", "AUTODETECT_TYPE=NO"};
  geo::Dataset in = geo::Dataset::open_vector(source, open_options);
  if (in.layer_count() < 1) throw DataError("source '" + source + "' has no layer");
  geo::Layer src = in.layer(0);
  const long long total = src.feature_count(true);

  if (std::filesystem::exists(output)) throw DataError("output '" + output + "' already exists");
  const std::string tmp = output + ".partial" + std::filesystem::path(output).extension().string();
  std::filesystem::remove(tmp);
  BatchJoinReport report;
  try {
    geo::Dataset out = geo::Dataset::create_vector(fmt.driver, tmp);
    geo::Layer dst = out.create_layer(std::filesystem::path(output).stem().string(), geo::GeometryType::unknown, true,
                                      fmt.layer_options);
    dst.create_fields_like(src);
    const auto existing = dst.field_names();
    for (const char* c : kColumns) {
      if (std::find(existing.begin(), existing.end(), c) != existing.end())
        throw DataError("source already has a field named " + std::string(c));
      dst.create_field(c, geo::FieldType::string);
    }
    const bool tx = fmt.driver == "GPKG";
    if (tx) out.start_transaction();
    while (geo::Feature f = src.next()) {
      geo::Feature o = dst.new_feature();
      o.set_from(f);
      Joined j;
      try {
        j = join_geometry(catalog, f.geometry());
      } catch (const geo::Error&) {
        j = {{}, "invalid_geometry"};
      }
      std::vector<const Unit*> p18, r18, p07, r07;
      for (const Unit* c : j.communes) {
        p18.push_back(catalog.ancestor(Division::d2018, *c, Level::province));
        r18.push_back(catalog.ancestor(Division::d2018, *c, Level::region));
        p07.push_back(catalog.ancestor(Division::d2007, *c, Level::province));
        r07.push_back(catalog.ancestor(Division::d2007, *c, Level::region));
      }
      const auto code = &Unit::code, name = &Unit::name;
      const std::string values[] = {collect(j.communes, code), collect(j.communes, name), collect(p18, code),
                                    collect(p18, name), collect(r18, code), collect(r18, name), collect(p07, code),
                                    collect(p07, name), collect(r07, code), collect(r07, name), j.basis};
      for (std::size_t k = 0; k < std::size(kColumns); ++k) o.set(o.field_index(kColumns[k]), values[k]);
      dst.write(o);
      ++report.by_basis[j.basis];
      ++report.records;
      if (progress && (report.records % 1000 == 0 || report.records == static_cast<std::size_t>(total)))
        progress(report.records, static_cast<std::size_t>(std::max<long long>(total, 0)), "joining records");
    }
    if (tx) out.commit_transaction();
    out.close();
    std::filesystem::rename(tmp, output);
  } catch (...) {
    std::filesystem::remove(tmp);
    throw;
  }
  return report;
}

}  // namespace layers
