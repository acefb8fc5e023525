#include "server/openapi.h"

#include "layers/feature_crs.h"
#include "layers/feature_query.h"

namespace server {
namespace {

using nlohmann::json;

json param(const std::string& name, const std::string& in, const std::string& description, json schema,
           bool required = false) {
  json p = {{"name", name}, {"in", in}, {"description", description}, {"schema", std::move(schema)}};
  p["required"] = required || in == "path";
  return p;
}

json ref(const std::string& name) { return {{"$ref", "#/components/parameters/" + name}}; }

json response(const std::string& description, const std::vector<std::string>& types) {
  json content = json::object();
  for (const auto& t : types) content[t] = {{"schema", {{"type", t == "text/html" ? "string" : "object"}}}};
  return {{"description", description}, {"content", content}};
}

json errors(json responses) {
  const json problem = {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/problem"}}}}}};
  responses["400"] = {{"description", "A bad query parameter"}, {"content", problem}};
  responses["404"] = {{"description", "Unknown collection or feature"}, {"content", problem}};
  responses["304"] = {{"description", "Not modified (If-None-Match)"}};
  return responses;
}

json get(const std::string& summary, const std::string& id, json parameters, json responses) {
  return {{"get", {{"summary", summary}, {"operationId", id}, {"parameters", std::move(parameters)},
                   {"responses", errors(std::move(responses))}}}};
}

}  // namespace

json openapi_document(const layers::FeatureCatalog& catalog, const std::string& base_url) {
  json crs_enum = json::array();
  for (const auto& c : layers::supported_crs()) crs_enum.push_back(c.uri);
  json ids = json::array();
  for (const auto& c : catalog.collections()) ids.push_back(c->id);

  json params = {
      {"f", param("f", "query", "Format: json or html", {{"type", "string"}, {"enum", {"json", "html"}}})},
      {"fItems", param("f", "query", "Format: json (GeoJSON), html, or a download: csv, gpkg, fgb",
                       {{"type", "string"}, {"enum", {"json", "geojson", "html", "csv", "gpkg", "fgb"}}})},
      {"collectionId", param("collectionId", "path", "Collection", {{"type", "string"}, {"enum", ids}})},
      {"featureId", param("featureId", "path", "Feature id", {{"type", "string"}})},
      {"limit", param("limit", "query", "Features per page (larger values are clamped to 10000)",
                      {{"type", "integer"}, {"minimum", 1}, {"default", layers::kDefaultLimit}})},
      {"offset", param("offset", "query", "Features to skip", {{"type", "integer"}, {"minimum", 0}, {"default", 0}})},
      {"bbox", {{"name", "bbox"}, {"in", "query"}, {"required", false}, {"style", "form"}, {"explode", false},
                {"description", "minx,miny,maxx,maxy (or with heights, 6 numbers) in bbox-crs; minx > maxx crosses the antimeridian"},
                {"schema", {{"type", "array"}, {"minItems", 4}, {"maxItems", 6}, {"items", {{"type", "number"}}}}}}},
      {"bbox-crs", param("bbox-crs", "query", "CRS of bbox", {{"type", "string"}, {"format", "uri"}, {"enum", crs_enum}})},
      {"crs", param("crs", "query", "CRS of the returned geometries", {{"type", "string"}, {"format", "uri"}, {"enum", crs_enum}})},
      {"datetime", param("datetime", "query", "Instant or interval (RFC 3339, '..' open); initiatives: contest year",
                         {{"type", "string"}})},
      {"filter", param("filter", "query", "CQL2 text filter", {{"type", "string"}})},
      {"filter-lang", param("filter-lang", "query", "Filter language", {{"type", "string"}, {"enum", {"cql2-text"}}, {"default", "cql2-text"}})},
      {"filter-crs", param("filter-crs", "query", "CRS of filter geometries", {{"type", "string"}, {"enum", {layers::crs84().uri}}})},
      {"sortby", param("sortby", "query", "Comma-separated properties, + ascending (default) or - descending", {{"type", "string"}})},
      {"properties", param("properties", "query", "Comma-separated properties to return", {{"type", "string"}})},
  };
  const json feature_types = {"application/geo+json", "text/html"};
  json paths = json::object();
  paths["/"] = get("Landing page", "getLandingPage", {ref("f")}, {{"200", response("Landing page", {"application/json", "text/html"})}});
  paths["/conformance"] = get("Conformance classes", "getConformance", {ref("f")},
                              {{"200", response("Conformance classes", {"application/json", "text/html"})}});
  paths["/api"] = get("This document", "getApi", {ref("f")},
                      {{"200", response("The OpenAPI document", {"application/vnd.oai.openapi+json;version=3.0", "text/html"})}});
  paths["/collections"] = get("Collections", "getCollections", {ref("f")},
                              {{"200", response("Collections", {"application/json", "text/html"})}});
  paths["/collections/{collectionId}"] = get("A collection", "describeCollection", {ref("collectionId"), ref("f")},
                                             {{"200", response("Collection", {"application/json", "text/html"})}});
  paths["/collections/{collectionId}/queryables"] =
      get("Queryables of a collection", "getQueryables", {ref("collectionId"), ref("f")},
          {{"200", response("JSON Schema of the queryables", {"application/schema+json", "text/html"})}});
  const json items_params = {ref("fItems"), ref("limit"), ref("offset"), ref("bbox"), ref("bbox-crs"), ref("crs"),
                             ref("filter"), ref("filter-lang"), ref("filter-crs"), ref("sortby"), ref("properties")};
  json generic = items_params;
  generic.insert(generic.begin(), ref("collectionId"));
  generic.push_back(ref("datetime"));
  const json item_types = {"application/geo+json", "text/html", "text/csv", "application/geopackage+sqlite3",
                           "application/flatgeobuf"};
  paths["/collections/{collectionId}/items"] =
      get("Features of a collection", "getFeatures", generic, {{"200", response("Features", item_types)}});
  paths["/collections/{collectionId}/items/{featureId}"] =
      get("A feature", "getFeature", {ref("collectionId"), ref("featureId"), ref("f"), ref("crs"), ref("properties")},
          {{"200", response("Feature", feature_types)}});
  // One items path per collection, declaring its queryables as parameters.
  for (const auto& c : catalog.collections()) {
    json ps = items_params;
    if (c->temporal) ps.push_back(ref("datetime"));
    for (const auto& f : c->fields) {
      const char* type = f.type == layers::FieldType::integer ? "integer"
                         : f.type == layers::FieldType::number ? "number"
                         : f.type == layers::FieldType::boolean ? "boolean" : "string";
      ps.push_back(param(f.name, "query", f.title + " (equals; repeat for any of)", {{"type", type}}));
    }
    paths["/collections/" + c->id + "/items"] =
        get(c->title, "getFeatures_" + c->id, ps, {{"200", response(c->title, item_types)}});
  }
  return {
      {"openapi", "3.0.3"},
      {"info", {{"title", "territorio: OGC API - Features"},
                {"version", "1.0.0"},
                {"description", "Territorial units of Chile (both divisions), initiatives and census zones."},
                {"license", {{"name", "See data/SOURCES.md"}}}}},
      {"servers", {{{"url", base_url.empty() ? "/" : base_url}}}},
      {"paths", paths},
      {"components",
       {{"parameters", params},
        {"schemas",
         {{"problem", {{"type", "object"},
                       {"properties", {{"type", {{"type", "string"}}}, {"title", {{"type", "string"}}},
                                       {"status", {{"type", "integer"}}}, {"detail", {{"type", "string"}}}}}}}}}}},
  };
}

}  // namespace server
