#include "server/routes/ogc_landing.h"

#include <cctype>

#include "layers/tiles/tiles.h"
#include "server/encode/html.h"
#include "server/caching_policy.h"
#include "server/openapi.h"
#include "server/params.h"
#include "server/routes/html_language.h"
#include "server/routes/ogc_params.h"

namespace server::routes {
namespace {

using nlohmann::json;

json link(std::string href, std::string rel, std::string type, std::string title) {
  return {{"href", std::move(href)}, {"rel", std::move(rel)}, {"type", std::move(type)}, {"title", std::move(title)}};
}

http::Response respond(const http::Request& r, const OgcContext& ctx, Format f, const std::string& title,
                       const json& doc, const char* json_type = kJson) {
  http::Response resp;
  std::string variant = base_url(r, ctx.site) + "|" + std::to_string(static_cast<int>(f));
  if (f == Format::html) {
    const encode::Language language = html_language(r);
    resp.content_type = kHtml;
    resp.body = encode::html_page(title, doc, {}, language);
    variant += "|" + std::string(encode::language_tag(language));
  } else {
    html_language(r);  // a bad ?lang= is a 400 in any format
    resp.content_type = json_type;
    resp.body = doc.dump();
  }
  http::set_header(resp, "Vary", kVaryHtml);
  return caching::stamp(r, std::move(resp), caching::data_validator(r, ctx.generation, variant));
}

// Each collection's vector and map tilesets, as the collection links them
// (server/routes/features.cc), titled with the collection.
json with_tileset_links(json doc, const std::string& base, const OgcContext& ctx) {
  for (const auto& c : ctx.catalog.collections())
    if (const auto t = layers::parse_tile_layer(c->id); t && layers::tile_layer_is_collection(*t)) {
      const std::string self = base + "/collections/" + c->id;
      doc["links"].push_back({{"href", self + "/tiles"},
                              {"rel", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"},
                              {"title", "Vector tilesets of " + c->title}});
      if (layers::tile_layer_has_map(*t))
        doc["links"].push_back(link(self + "/map/tiles", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-map", kJson,
                                    "Map tilesets of " + c->title));
    }
  return doc;
}

}  // namespace

const std::vector<std::string>& conformance_classes() {
  static const std::vector<std::string> kClasses = {
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
      "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
      "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
      "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
      "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
      "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
      "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
      "http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison",
      "http://www.opengis.net/spec/cql2/1.0/conf/accent-insensitive-comparison",
      "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
      "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
      "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
      // Part 5 (Schemas), published also as OGC API - Common - Part 3.
      "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/schemas",
      "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/advanced-property-roles",
      "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/returnables-and-receivables",
      "http://www.opengis.net/spec/ogcapi-common-3/1.0/conf/schemas",
      "http://www.opengis.net/spec/ogcapi-common-3/1.0/conf/advanced-property-roles",
      "http://www.opengis.net/spec/ogcapi-common-3/1.0/conf/returnables-and-receivables",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/png",
      "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
      "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset",
      "http://www.opengis.net/spec/tms/2.0/conf/tilesetmetadata",
      "http://www.opengis.net/spec/tms/2.0/conf/json-tilesetmetadata",
  };
  return kClasses;
}

http::Response landing(const http::Request& r, const OgcContext& ctx) {
  check_known_params(r, {"f", "lang"});
  const Format f = negotiate(r, false);
  const std::string base = base_url(r, ctx.site);
  const json doc = {
      {"title", "territorio"},
      {"description",
       "Chile's territorial units (regions, provinces, communes; 2018 and 2007 divisions), the initiatives of the "
       "Sistema de Buenas Prácticas para el Desarrollo de los Territorios and the INE census zones, as OGC API - "
       "Features."},
      {"links",
       {link(base + "/", "self", kJson, "This document"), link(base + "/?f=html", "alternate", "text/html", "This document as HTML"),
        link(base + "/api", "service-desc", kOpenApi, "The API definition (OpenAPI 3.0)"),
        link(base + "/api?f=html", "service-doc", "text/html", "The API documentation"),
        link(base + "/conformance", "conformance", kJson, "Conformance classes"),
        link(base + "/conformance", "http://www.opengis.net/def/rel/ogc/1.0/conformance", kJson, "Conformance classes"),
        link(base + "/collections", "data", kJson, "Collections"),
        link(base + "/collections", "http://www.opengis.net/def/rel/ogc/1.0/data", kJson, "Collections"),
        link(base + "/tileMatrixSets", "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes", kJson,
             "Tile matrix sets"),
        link(base + "/map", "related", "text/html", "Web map of coverage"),
        link(base + "/wms?SERVICE=WMS&REQUEST=GetCapabilities", "related", "text/xml",
             "WMS 1.3.0 capabilities (the coverage choropleths as maps)"),
        link(base + "/wmts/1.0.0/WMTSCapabilities.xml", "related", "application/xml",
             "WMTS 1.0.0 capabilities (the map tiles)")}}};
  return respond(r, ctx, f, "territorio", with_tileset_links(doc, base, ctx));
}

http::Response conformance(const http::Request& r, const OgcContext& ctx) {
  check_known_params(r, {"f", "lang"});
  const Format f = negotiate(r, false);
  return respond(r, ctx, f, "Conformance", {{"conformsTo", conformance_classes()}});
}

http::Response api(const http::Request& r, const OgcContext& ctx) {
  check_known_params(r, {"f", "lang"});
  const Format f = negotiate(r, false);
  const json doc = openapi_document(ctx.catalog, base_url(r, ctx.site));
  if (f != Format::html) return respond(r, ctx, f, "API", doc, kOpenApi);
  // The service-doc: each path with its parameters, readable in a browser.
  json rows = json::array();
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, operation] : item.items()) {
      json names = json::array();
      for (const auto& p : operation["parameters"]) {
        if (p.contains("$ref")) {
          const std::string ref = p["$ref"];
          names.push_back(doc["components"]["parameters"][ref.substr(ref.rfind('/') + 1)]["name"]);
        } else {
          names.push_back(p["name"]);
        }
      }
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      rows.push_back({{"method", upper}, {"path", path}, {"summary", operation["summary"]}, {"parameters", names}});
    }
  const std::string base = base_url(r, ctx.site);
  return respond(r, ctx, f, "API",
                 {{"openapi", doc["openapi"]}, {"info", doc["info"]},
                  {"links", {link(base + "/api", "service-desc", kOpenApi, "The OpenAPI 3.0 document")}},
                  {"paths", rows}});
}

}  // namespace server::routes
