#include "server/encode/collection_schema.h"

#include <vector>

#include "layers/edit/feature_body.h"
#include "layers/model/vocabulary.h"

namespace server::encode {
namespace {

using nlohmann::json;

const char* geometry_format(layers::GeometryKind k) {
  switch (k) {
    case layers::GeometryKind::point: return "geometry-point";
    case layers::GeometryKind::multi_polygon: return "geometry-multipolygon";
    case layers::GeometryKind::any: break;
  }
  return "geometry-any";
}

// Per field, whether some feature holds null in it.
std::vector<bool> null_somewhere(const layers::Collection& c) {
  std::vector<bool> out(c.fields.size(), false);
  for (const auto& f : c.features)
    for (std::size_t k = 0; k < c.fields.size() && k < f->values.size(); ++k)
      if (layers::is_null(f->values[k])) out[k] = true;
  return out;
}

}  // namespace

json collection_schema(const layers::Collection& c, const std::string& schema_url, const layers::Registry* records) {
  const std::vector<bool> nulls = null_somewhere(c);
  json props = json::object();
  int seq = 0;
  for (std::size_t k = 0; k < c.fields.size(); ++k) {
    const layers::FieldDef& f = c.fields[k];
    const bool is_id = k == c.id_field;
    const bool nullable = !is_id && (records || nulls[k]);
    const std::string type(layers::field_type_name(f.type));
    json p = {{"title", f.title}};
    if (f.list) p["description"] = "Codes separated by ';' (a filter on it matches any of them).";
    p["type"] = nullable ? json::array({type, "null"}) : json(type);
    if (is_id) p["x-ogc-role"] = "id";
    if (records && !layers::vocabulary(f.name).empty()) {
      json values = layers::allowed_values(*records, f.name);
      if (nullable) values.push_back(nullptr);
      p["enum"] = values;
    }
    if (records && layers::edit::is_output_only_property(f.name)) p["readOnly"] = true;
    p["x-ogc-propertySeq"] = ++seq;
    props[f.name] = p;
  }
  // GeoJSON carries the geometry beside the properties, null when unknown.
  props["geometry"] = {{"title", "Geometry"},
                       {"x-ogc-role", "primary-geometry"},
                       {"format", geometry_format(c.geometry_kind)},
                       {"x-ogc-propertySeq", ++seq}};
  return {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
          {"$id", schema_url},
          {"type", "object"},
          {"title", c.title},
          {"description", c.description},
          {"properties", props},
          {"additionalProperties", false}};
}

}  // namespace server::encode
