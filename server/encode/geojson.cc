#include "server/encode/geojson.h"

#include <ctime>

#include "geo/geos/geojson_geometry.h"

namespace server::encode {
namespace {

nlohmann::json value_json(const layers::FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* b = std::get_if<bool>(&v)) return *b;
  return nullptr;
}

void append_geometry(std::string& out, const layers::PublishedFeature& f, const layers::Crs* crs) {
  if (!crs || crs->is_crs84() || !f.geometry) {
    out += f.geometry_json;
    return;
  }
  geo::CoordinateFormat fmt;
  fmt.precision = crs->projected ? layers::kMetrePrecision : layers::kDegreePrecision;
  fmt.transform = layers::transform_from_crs84(*crs);
  fmt.swap_axes = crs->lat_first;
  geo::append_geojson_geometry(out, *f.geometry, fmt);
}

}  // namespace

void append_feature(std::string& out, const layers::Collection& c, const layers::PublishedFeature& f,
                    const FeatureEncoding& e, const nlohmann::json* links) {
  out += "{\"type\":\"Feature\",\"id\":";
  out += nlohmann::json(f.id).dump();
  out += ",\"geometry\":";
  append_geometry(out, f, e.crs);
  out += ",\"properties\":";
  if (!e.fields) {
    out += f.properties_json;
  } else {
    out += '{';
    bool first = true;
    for (std::size_t k : *e.fields) {
      if (!first) out += ',';
      first = false;
      out += nlohmann::json(c.fields[k].name).dump();
      out += ':';
      out += value_json(f.values[k]).dump();
    }
    out += '}';
  }
  if (links) {
    out += ",\"links\":";
    out += links->dump();
  }
  out += '}';
}

std::string feature_collection(const layers::Collection& c, const layers::FeaturePage& page, const FeatureEncoding& e,
                               const nlohmann::json& links, const std::string& time_stamp) {
  // One allocation: the links' text, then every feature's texts and the
  // frame around them (a reallocation would copy the body once more).
  const std::string links_text = links.dump();
  std::string out;
  std::size_t guess = 256 + time_stamp.size() + links_text.size();
  for (const auto* f : page.features) guess += f->geometry_json.size() + f->properties_json.size() + f->id.size() + 64;
  out.reserve(guess);
  out += "{\"type\":\"FeatureCollection\",\"numberMatched\":";
  out += std::to_string(page.matched);
  out += ",\"numberReturned\":";
  out += std::to_string(page.features.size());
  out += ",\"timeStamp\":\"";
  out += time_stamp;
  out += "\",\"links\":";
  out += links_text;
  out += ",\"features\":[";
  for (std::size_t i = 0; i < page.features.size(); ++i) {
    if (i) out += ',';
    append_feature(out, c, *page.features[i], e);
  }
  out += "]}";
  return out;
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace server::encode
