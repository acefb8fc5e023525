#include "server/routes/features.h"

#include <algorithm>

#include "layers/cql2/cql2_eval.h"
#include "layers/cql2/cql2_parser.h"
#include "layers/features/feature_query.h"
#include "layers/coverage/territory_initiatives.h"
#include "layers/model/vocabulary.h"
#include "layers/tiles/tiles.h"
#include "server/encode/collection_schema.h"
#include "server/encode/geojson.h"
#include "server/encode/html.h"
#include "server/caching_policy.h"
#include "server/http/errors.h"
#include "server/params.h"
#include "server/routes/downloads.h"
#include "server/routes/html_language.h"
#include "server/routes/ogc_params.h"
#include "server/routes/styles.h"

namespace server::routes {
namespace {

using nlohmann::json;

const layers::Collection& find_collection(const http::Request& r, const OgcContext& ctx) {
  const std::string& id = r.path_param("collectionId");
  if (const auto* c = ctx.catalog.find(id)) return *c;
  json ids = json::array();
  for (const auto& c : ctx.catalog.collections()) ids.push_back(c->id);
  throw http::NotFound("no collection '" + id + "'", {{"collection", id}, {"collections", ids}});
}

json link(std::string href, std::string rel, std::string type, std::string title) {
  return {{"href", std::move(href)}, {"rel", std::move(rel)}, {"type", std::move(type)}, {"title", std::move(title)}};
}

json crs_list() {
  json list = json::array();
  for (const auto& c : layers::supported_crs()) list.push_back(c.uri);
  return list;
}

// The validator of an answer: besides the request line, the negotiated
// format (f= or Accept) and the base URL (Host, X-Forwarded-*) select it.
// An HTML page's language selects it too (html_language also rejects a bad
// ?lang= in any format).
caching::Validator validator_for(const http::Request& r, const OgcContext& ctx, const std::string& base, Format f) {
  const encode::Language language = html_language(r);
  std::string variant = base + "|" + std::to_string(static_cast<int>(f));
  if (f == Format::html) variant += "|" + std::string(encode::language_tag(language));
  return caching::data_validator(r, ctx.generation, variant);
}

http::Response html_response(const http::Request& r, const std::string& title, const json& doc,
                             std::string_view geojson = {}) {
  http::Response resp;
  resp.content_type = kHtml;
  resp.body = encode::html_page(title, doc, geojson, html_language(r));
  return resp;
}

http::Response finish(const http::Request& r, http::Response resp, const caching::Validator& v) {
  http::set_header(resp, "Vary", kVaryHtml);
  return caching::stamp(r, std::move(resp), v);
}

// Links to a collection's tilesets. The vector tilesets' link has no type:
// GDAL 3.6's OGC API client (Debian 12) was built without its vector tile
// reader and, given typed links to both kinds, lets a failed vector attempt
// undo the map tiles it opened; it skips links without a type, which later
// GDAL versions and other clients follow (type is optional on a link).
json tileset_links(const std::string& self, const std::string& title, layers::TileLayer t) {
  json vector = {{"href", self + "/tiles"}, {"rel", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"},
                 {"title", "Vector tilesets of " + title}};
  json out = json::array({vector});
  if (layers::tile_layer_has_map(t))
    out.push_back(link(self + "/map/tiles", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-map", kJson,
                       "Map tilesets of " + title));
  return out;
}

json collection_json(const layers::Collection& c, const std::string& base, bool full) {
  const std::string self = base + "/collections/" + c.id;
  json j = {{"id", c.id}, {"title", c.title}, {"description", c.description}, {"itemType", "feature"}};
  json extent = json::object();
  if (c.extent)
    extent["spatial"] = {{"bbox", {{c.extent->min_x, c.extent->min_y, c.extent->max_x, c.extent->max_y}}},
                         {"crs", layers::crs84().uri}};
  if (c.years)
    extent["temporal"] = {{"interval", {{std::to_string(c.years->first) + "-01-01T00:00:00Z",
                                         std::to_string(c.years->second) + "-12-31T23:59:59Z"}}},
                          {"trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}};
  j["extent"] = extent;
  j["crs"] = crs_list();
  j["storageCrs"] = layers::crs84().uri;
  j["links"] = {
      link(self, full ? "self" : "collection", kJson, c.title),
      link(self + "?f=html", "alternate", "text/html", c.title + " as HTML"),
      link(self + "/items", "items", kGeoJson, c.title + " (GeoJSON)"),
      link(self + "/items?f=html", "items", "text/html", c.title + " (HTML)"),
      link(self + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json",
           "Queryables of " + c.title),
      link(self + "/schema", "describedby", "application/schema+json", "Schema of " + c.title),
      link(self + "/schema", "http://www.opengis.net/def/rel/ogc/1.0/schema", "application/schema+json",
           "Schema of " + c.title),
      link(self + "/items?f=csv", "enclosure", "text/csv", "All of " + c.title + " as CSV"),
      link(self + "/items?f=gpkg", "enclosure", "application/geopackage+sqlite3",
           "All of " + c.title + " as GeoPackage"),
      link(self + "/items?f=fgb", "enclosure", "application/flatgeobuf", "All of " + c.title + " as FlatGeobuf"),
  };
  // Collections that are also tilesets say so, for OGC API - Tiles clients.
  if (const auto t = layers::parse_tile_layer(c.id); t && layers::tile_layer_is_collection(*t))
    for (json& l : tileset_links(self, c.title, *t)) j["links"].push_back(std::move(l));
  // The map's choropleths as client styles (OGC API - Styles).
  if (collection_has_styles(c.id))
    j["links"].push_back(link(self + "/styles", kStylesRel, kJson, "Styles of " + c.title));
  return j;
}

// Properties a filter or query parameter may name, as a JSON Schema. With
// the registry, an attribute with a controlled vocabulary lists the values
// a filter accepts as its enum (GIS clients offer them as a list).
json queryables_json(const layers::Collection& c, const std::string& base, const layers::Registry* registry) {
  json props = json::object();
  props["geometry"] = {{"title", "Geometry"},
                       {"x-ogc-role", "primary-geometry"},
                       {"format", c.geometry_kind == layers::GeometryKind::point           ? "geometry-point"
                                  : c.geometry_kind == layers::GeometryKind::multi_polygon ? "geometry-multipolygon"
                                                                                           : "geometry-any"}};
  for (const auto& f : c.fields) {
    props[f.name] = {{"title", f.title}, {"type", std::string(layers::field_type_name(f.type))}};
    if (registry && !layers::vocabulary(f.name).empty())
      props[f.name]["enum"] = layers::allowed_values(*registry, f.name);
  }
  return {{"$schema", "https://json-schema.org/draft/2019-09/schema"},
          {"$id", base + "/collections/" + c.id + "/queryables"},
          {"type", "object"},
          {"title", c.title},
          {"properties", props},
          {"additionalProperties", false}};
}

std::string content_crs(const layers::Crs& crs) { return "<" + crs.uri + ">"; }

// A metadata resource (only f= allowed) as JSON or HTML, with its ETag: the
// document is built only when the client's copy is stale.
template <typename Build>
http::Response metadata(const http::Request& r, const OgcContext& ctx, const std::string& media_type,
                        const Build& build) {
  check_known_params(r, {"f", "lang"});
  const Format f = negotiate(r, false);
  const std::string base = base_url(r, ctx.site);
  const caching::Validator etag = validator_for(r, ctx, base, f);
  if (caching::client_is_current(r, etag)) return caching::not_modified(etag);
  const auto [title, doc] = build(base);
  http::Response resp = f == Format::html ? html_response(r, title, doc) : http::json(200, doc.dump());
  if (f != Format::html) resp.content_type = media_type;
  return finish(r, std::move(resp), etag);
}

}  // namespace

http::Response collections(const http::Request& r, const OgcContext& ctx) {
  return metadata(r, ctx, kJson, [&](const std::string& base) -> std::pair<std::string, json> {
    json list = json::array();
    for (const auto& c : ctx.catalog.collections()) list.push_back(collection_json(*c, base, false));
    return {"Collections",
            {{"links",
              {link(base + "/collections", "self", kJson, "Collections"),
               link(base + "/collections?f=html", "alternate", "text/html", "Collections as HTML")}},
             {"crs", crs_list()},
             {"collections", list}}};
  });
}

http::Response collection(const http::Request& r, const OgcContext& ctx) {
  const layers::Collection& c = find_collection(r, ctx);
  return metadata(r, ctx, kJson, [&](const std::string& base) -> std::pair<std::string, json> {
    return {c.title, collection_json(c, base, true)};
  });
}

http::Response queryables(const http::Request& r, const OgcContext& ctx) {
  const layers::Collection& c = find_collection(r, ctx);
  return metadata(r, ctx, "application/schema+json", [&](const std::string& base) -> std::pair<std::string, json> {
    return {"Queryables of " + c.title,
            queryables_json(c, base, c.id == "initiatives" ? ctx.registry : nullptr)};
  });
}

http::Response schema(const http::Request& r, const OgcContext& ctx) {
  const layers::Collection& c = find_collection(r, ctx);
  return metadata(r, ctx, "application/schema+json", [&](const std::string& base) -> std::pair<std::string, json> {
    return {"Schema of " + c.title, encode::collection_schema(c, base + "/collections/" + c.id + "/schema",
                                                              c.id == "initiatives" ? ctx.registry : nullptr)};
  });
}

http::Response items(const http::Request& r, const OgcContext& ctx) {
  const layers::Collection& c = find_collection(r, ctx);
  // Known parameters: the standard ones and every queryable by name.
  // datetime on every collection (Part 1): one without a temporal extent matches every feature.
  static const std::vector<std::string> kStandard = {"f",      "limit",       "offset",      "bbox",       "bbox-crs",
                                                     "crs",    "datetime",    "filter",      "filter-lang", "filter-crs",
                                                     "sortby", "properties", "lang"};
  for (const auto& [name, value] : r.query) {
    const bool known = std::find(kStandard.begin(), kStandard.end(), name) != kStandard.end() || c.field_index(name);
    if (!known) {
      json allowed = json::array();
      for (const auto& s : kStandard) allowed.push_back(s);
      for (const auto& fd : c.fields) allowed.push_back(fd.name);
      throw http::BadRequest("unknown query parameter '" + name + "'", {{"parameter", name}, {"allowed", allowed}});
    }
  }
  const Format format = negotiate(r, true);
  const bool download = is_download(format);
  const layers::Crs& crs = r.query_value("crs") ? parse_crs("crs", *r.query_value("crs")) : layers::crs84();
  const layers::Crs& bbox_crs = r.query_value("bbox-crs") ? parse_crs("bbox-crs", *r.query_value("bbox-crs")) : layers::crs84();

  layers::FeatureQuery q;
  // A download holds every matched feature unless limit says otherwise.
  q.limit = download ? parse_download_limit(r.query_value("limit")) : parse_limit(r.query_value("limit"));
  q.offset = parse_offset(r.query_value("offset"));
  if (const auto b = r.query_value("bbox")) q.boxes = parse_bbox(*b, bbox_crs);
  else if (r.query_value("bbox-crs")) throw http::BadRequest("bbox-crs needs a bbox", {{"parameter", "bbox-crs"}});
  if (const auto dt = r.query_value("datetime")) {
    const auto years = parse_datetime(*dt);  // checked everywhere, used where features have a time
    if (c.temporal) std::tie(q.year_min, q.year_max) = years;
  }
  if (const auto s = r.query_value("sortby")) q.sortby = parse_sortby(*s, c);
  std::optional<std::vector<std::size_t>> selected;
  if (const auto p = r.query_value("properties")) selected = parse_properties(*p, c);

  std::vector<layers::cql2::NodePtr> filters;
  for (const auto& fd : c.fields) {
    for (const auto& value : r.query_values(fd.name)) {
      try {
        filters.push_back(layers::property_equals(c, fd.name, value));
      } catch (const std::invalid_argument& e) {
        throw http::BadRequest(e.what(), {{"parameter", fd.name}});
      }
    }
  }
  if (const auto lang = r.query_value("filter-lang"); lang && *lang != "cql2-text")
    throw http::BadRequest("filter-lang must be cql2-text", {{"parameter", "filter-lang"}, {"allowed", {"cql2-text"}}});
  const layers::Crs& filter_crs =
      r.query_value("filter-crs") ? parse_crs("filter-crs", *r.query_value("filter-crs")) : layers::crs84();
  if (const auto text = r.query_value("filter")) {
    try {
      auto node = layers::cql2::parse(*text);
      layers::bind_filter(c, *node, filter_crs);
      filters.push_back(std::move(node));
    } catch (const layers::DomainError& e) {  // SyntaxError, UnknownProperty, TypeError: named as the filter's
      throw http::BadRequest(e.what(), {{"parameter", "filter"}});
    }
  }
  for (const auto& n : filters) q.filters.push_back(n.get());

  const std::string base = base_url(r, ctx.site);
  const caching::Validator etag = validator_for(r, ctx, base, format);
  if (caching::client_is_current(r, etag)) return caching::not_modified(etag);

  const layers::FeaturePage page = layers::query_features(c, q);

  const std::string path = base + "/collections/" + c.id + "/items";
  if (download) {
    std::vector<std::size_t> fields;
    if (selected)
      fields = *selected;
    else
      for (std::size_t k = 0; k < c.fields.size(); ++k) fields.push_back(k);
    return finish(r, routes::download(r, {c, q, page, std::move(fields), format, crs, path}), etag);
  }

  json links = json::array();
  links.push_back(link(path + query_with(r, {}), "self", format == Format::html ? "text/html" : kGeoJson, "This page"));
  for (const auto& [fmt, type, title] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"json", kGeoJson, "GeoJSON"}, {"html", "text/html", "HTML"}, {"csv", "text/csv", "CSV"},
           {"gpkg", "application/geopackage+sqlite3", "GeoPackage"}, {"fgb", "application/flatgeobuf", "FlatGeobuf"}})
    if ((fmt == "html") != (format == Format::html)) {
      // A download without limit holds every match: say this page's size.
      const bool file = fmt != "json" && fmt != "html";
      links.push_back(link(path + query_with(r, {{"f", fmt}, {"limit", file ? std::optional<std::string>(std::to_string(q.limit))
                                                                             : r.query_value("limit")}}),
                           "alternate", type, "This page as " + title));
    }
  const std::string page_type = format == Format::html ? "text/html" : kGeoJson;
  if (q.offset + page.features.size() < page.matched)
    links.push_back(link(path + query_with(r, {{"offset", std::to_string(q.offset + page.features.size())}}), "next",
                         page_type, "Next page"));
  if (q.offset > 0) {
    const std::size_t prev = q.offset > q.limit ? q.offset - q.limit : 0;
    links.push_back(link(path + query_with(r, {{"offset", prev ? std::optional<std::string>(std::to_string(prev)) : std::nullopt}}),
                         "prev", page_type, "Previous page"));
  }
  links.push_back(link(base + "/collections/" + c.id, "collection", kJson, c.title));

  encode::FeatureEncoding enc{&crs, selected};
  std::string body = encode::feature_collection(c, page, enc, links, encode::utc_now());
  http::Response resp;
  if (format == Format::html) {
    json doc = json::parse(body);
    json rows = json::array();
    for (auto& feat : doc["features"]) {
      json row = {{"id", feat["id"]}};
      for (auto& [k, v] : feat["properties"].items()) row[k] = v;
      row["link"] = path + "/" + url_encode(feat["id"].get<std::string>()) + "?f=html";
      rows.push_back(row);
    }
    json shown = {{"numberMatched", doc["numberMatched"]}, {"numberReturned", doc["numberReturned"]},
                  {"timeStamp", doc["timeStamp"]}, {"links", doc["links"]}, {"features", rows}};
    resp = html_response(r, c.title, shown, body);
  } else {
    resp.content_type = kGeoJson;
    resp.body = std::move(body);
  }
  resp.headers.emplace_back("Content-Crs", content_crs(crs));
  return finish(r, std::move(resp), etag);
}

http::Response item(const http::Request& r, const OgcContext& ctx) {
  check_known_params(r, {"f", "crs", "properties", "lang"});
  const layers::Collection& c = find_collection(r, ctx);
  const Format format = negotiate(r, false);
  const layers::Crs& crs = r.query_value("crs") ? parse_crs("crs", *r.query_value("crs")) : layers::crs84();
  std::optional<std::vector<std::size_t>> selected;
  if (const auto p = r.query_value("properties")) selected = parse_properties(*p, c);
  const std::string& fid = r.path_param("featureId");
  const layers::PublishedFeature* f = c.find(fid);
  if (!f) throw http::NotFound("no feature '" + fid + "' in collection " + c.id, {{"collection", c.id}, {"featureId", fid}});
  const std::string base = base_url(r, ctx.site);
  caching::Validator etag = validator_for(r, ctx, base, format);
  if (ctx.registry && c.id == "initiatives")
    if (const auto* record = layers::find_initiative(*ctx.registry, fid)) etag = caching::record_validator(record->revision, etag);
  if (caching::client_is_current(r, etag)) return caching::not_modified(etag);
  const std::string self = base + "/collections/" + c.id + "/items/" + url_encode(fid);
  json links = {link(self + query_with(r, {}), "self", format == Format::html ? "text/html" : kGeoJson, "This feature"),
                link(self + query_with(r, {{"f", format == Format::html ? "json" : "html"}}), "alternate",
                     format == Format::html ? kGeoJson : "text/html", "This feature as " + std::string(format == Format::html ? "GeoJSON" : "HTML")),
                link(base + "/collections/" + c.id, "collection", kJson, c.title)};
  std::string body;
  encode::append_feature(body, c, *f, encode::FeatureEncoding{&crs, selected}, &links);
  http::Response resp;
  if (format == Format::html) {
    json doc = json::parse(body);
    json shown = {{"id", doc["id"]}, {"properties", doc["properties"]}, {"links", doc["links"]}};
    // The title translated before the id is added (html_page translates whole texts).
    resp = html_response(r, encode::translate(html_language(r), c.title) + ": " + fid, shown, body);
  } else {
    resp.content_type = kGeoJson;
    resp.body = std::move(body);
  }
  resp.headers.emplace_back("Content-Crs", content_crs(crs));
  return finish(r, std::move(resp), etag);
}

}  // namespace server::routes
