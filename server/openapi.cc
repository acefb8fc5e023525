#include "server/openapi.h"

#include "layers/features/feature_crs.h"
#include "layers/features/feature_query.h"
#include "server/routes/downloads.h"

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


json str(std::initializer_list<const char*> values = {}) {
  json schema = {{"type", "string"}};
  if (values.size()) schema["enum"] = json::array();
  for (const char* v : values) schema["enum"].push_back(v);
  return schema;
}

json op(const std::string& method, const std::string& summary, const std::string& id, json parameters,
        json responses) {
  return {{method, {{"summary", summary}, {"operationId", id}, {"parameters", std::move(parameters)},
                    {"responses", errors(std::move(responses))}}}};
}

// The initiative filter shared by coverage, statistics and tiles (server/filter_params.h).
json filter_params() {
  json ps = json::array();
  for (const char* name : {"area", "thematic_field", "award", "stage", "institution_type", "scope", "rurality", "contest"})
    ps.push_back(param(name, "query", std::string(name) + ": any of (repeat or comma-separate)", str()));
  ps.push_back(param("field_visit", "query", "Initiatives with (true) or without (false) a field visit",
                     str({"true", "false"})));
  ps.push_back(param("year", "query", "Contest year: YYYY, YYYY/YYYY, YYYY/.. or ../YYYY", str()));
  ps.push_back(param("division", "query", "Territorial division", str({"2018", "2007"})));
  return ps;
}

json with(json a, const json& b) {
  for (const auto& p : b) a.push_back(p);
  return a;
}

// OGC API - Features Part 4 on initiatives, their history and the changes
// feed. Writes need a bearer token (securitySchemes.bearer).
void add_write_paths(json& paths) {
  const json id = param("featureId", "path", "Initiative id", str());
  const json if_match = param("If-Match", "header", "The record's ETag, W/\"r<revision>\" (or *)", str(), true);
  const json content_crs = param("Content-Crs", "header", "CRS of the body's geometry, as <URI> (default CRS84)", str());
  const json bearer = json::array({{{"bearer", json::array()}}});
  const json feature = {{"application/geo+json", {{"schema", {{"type", "object"}}}}}};
  auto problem = [](const char* why) { return json{{"description", why}}; };
  auto write = [&](const char* method, const char* summary, const char* id_name, json params, json body_types, json responses) {
    json o = op(method, summary, id_name, std::move(params), std::move(responses));
    o[method]["security"] = bearer;
    if (!body_types.is_null()) o[method]["requestBody"] = {{"required", true}, {"content", body_types}};
    for (const auto& [code, why] : std::vector<std::pair<const char*, const char*>>{
             {"400", "Invalid feature or patch"}, {"401", "No valid bearer token"},
             {"403", "The record is outside the token's regions"}, {"413", "Body over the limit"},
             {"429", "Too many writes with this token (Retry-After)"}})
      o[method]["responses"][code] = problem(why);
    return o;
  };
  json items = write("post", "Create an initiative", "createInitiative", json::array({content_crs}), feature,
                     {{"201", {{"description", "Created; Location and ETag of the new record"}}},
                      {"409", problem("An initiative with this id exists")}});
  paths["/collections/initiatives/items"].update(items);
  json item = write("put", "Replace an initiative", "replaceInitiative", json::array({id, if_match, content_crs}), feature,
                    {{"200", response("The record as stored, with its joined units", {"application/geo+json"})},
                     {"412", problem("If-Match names an older version")}, {"428", problem("If-Match is missing")}});
  item.update(write("patch", "Change an initiative (JSON merge patch of the feature)", "updateInitiative",
                    json::array({id, if_match, content_crs}),
                    {{"application/merge-patch+json", {{"schema", {{"type", "object"}}}}}},
                    {{"200", response("The record as stored, with its joined units", {"application/geo+json"})},
                     {"412", problem("If-Match names an older version")}, {"428", problem("If-Match is missing")}}));
  item.update(write("delete", "Delete an initiative", "deleteInitiative", json::array({id, if_match}), nullptr,
                    {{"204", {{"description", "Deleted"}}}, {"412", problem("If-Match names an older version")},
                     {"428", problem("If-Match is missing")}}));
  paths["/collections/initiatives/items/{featureId}"] = item;
  paths["/collections/initiatives/items/{featureId}/history"] =
      op("get", "Every version of an initiative: who, when, before and after", "getInitiativeHistory",
         json::array({id}), {{"200", response("Versions, oldest first", {"application/json"})}});
  paths["/imports"] = write("post", "Import initiatives (as territorio import): all or nothing", "importInitiatives",
                            json::array(),
                            {{"text/csv", {{"schema", {{"type", "string"}}}}},
                             {"application/geo+json", {{"schema", {{"type", "object"}}}}},
                             {"application/geopackage+sqlite3", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}},
                            {{"201", response("A report per record", {"application/json"})},
                             {"409", problem("A record's id is already stored")}});
  paths["/changes"] = op("get", "What changed since a generation", "getChanges",
                         json::array({param("since", "query", "The generation the client has (0: all)",
                                            {{"type", "integer"}, {"minimum", 0}}, true)}),
                         {{"200", response("Changed records, oldest first", {"application/json"})}});
}

// Every route outside OGC API - Features: territories, coverage,
// statistics, the join, tiles and the map page.
void add_service_paths(json& paths) {
  const json json_type = {"application/json"};
  const json csv_or_json = {"application/json", "text/csv"};
  const json code = param("code", "path", "CUT code (2 region, 3 province, 5 commune)", str());
  const json division = param("division", "query", "Territorial division", str({"2018", "2007"}));
  const json layer = param("layer", "path", "Tileset",
                           str({"regions", "provinces", "communes", "initiatives", "territorio", "regions-2007",
                                "provinces-2007", "census-zones"}));
  const json z = param("z", "path", "Zoom, 0 to 16", {{"type", "integer"}, {"minimum", 0}, {"maximum", 16}});
  const json x = param("x", "path", "Column, 0 to 2^z-1", {{"type", "integer"}, {"minimum", 0}});
  const json collection = param("collectionId", "path", "Collection with tiles",
                                str({"regions", "provinces", "communes", "regions-2007", "provinces-2007", "initiatives",
                                     "census-zones"}));
  const json map_collection = param("collectionId", "path", "Collection with map tiles",
                                    str({"regions", "provinces", "communes", "regions-2007", "provinces-2007",
                                         "initiatives", "census-zones"}));
  const json tms = param("tileMatrixSetId", "path", "Tile matrix set", str({"WebMercatorQuad"}));
  const json any_tms = param("tileMatrixSetId", "path", "Tile matrix set", str({"WebMercatorQuad", "WorldCRS84Quad"}));
  const json f = param("f", "query", "Format", str({"json"}));
  const json fcsv = param("f", "query", "Format", str({"json", "csv"}));

  paths["/healthz"] = op("get", "The process is up", "getHealth", json::array(), {{"200", response("Up", json_type)}});
  paths["/readyz"] = op("get", "The store is loaded (and, on PostgreSQL, its commits are heard and caught up with)",
                        "getReadiness", json::array(),
                        {{"200", response("Ready", json_type)},
                         {"503", response("Not ready: the database is away or this replica is catching up; the body "
                                          "gives the generation served", json_type)}});
  paths["/metrics"] = op("get", "Requests, latency, tile cache and data generation", "getMetrics", json::array(),
                         {{"200", response("Prometheus text format 0.0.4", {"text/plain"})}});
  paths["/territories"] = op("get", "Gazetteer search", "searchTerritories",
      {param("q", "query", "Place name (accent-insensitive, aliases, prefixes)", str(), true),
       param("level", "query", "Only units of this level", str({"region", "province", "commune"})), division,
       param("limit", "query", "Results", {{"type", "integer"}, {"minimum", 1}})},
      {{"200", response("Ranked matches", json_type)}});
  paths["/territories/{code}"] = op("get", "A territorial unit", "getTerritory", {code, division},
                                    {{"200", response("The unit with parents, children and population", json_type)}});
  paths["/territories/{code}/initiatives"] = op("get", "Initiatives acting in, under or over a unit",
      "getTerritoryInitiatives", with(json::array({code}), filter_params()),
      {{"200", response("Initiatives with how each relates to the unit", json_type)}});
  // The ficha of a unit (issue 16): the figures of /coverage for it, in Spanish.
  paths["/territories/{code}/report.pdf"] = op("get", "The report of a unit (ficha), A4 PDF in Spanish",
      "getTerritoryReportPdf", with(json::array({code}), filter_params()),
      {{"200", {{"description", "Map, figures as /coverage gives them, initiatives, codes in both divisions, sources"},
                {"content", {{"application/pdf", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}}});
  paths["/territories/{code}/report.html"] = op("get", "The report of a unit (ficha), printable HTML in Spanish",
      "getTerritoryReportHtml", with(json::array({code}), filter_params()),
      {{"200", response("The same report as the PDF, with print CSS for A4", {"text/html"})}});
  paths["/territories/{code}/nearby-initiatives"] = op("get", "What the neighbours did: initiatives around a unit",
      "getNearbyInitiatives",
      with(json::array({code,
                        param("limit", "query", "Initiatives listed (default 20)",
                              {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}})}),
           filter_params()),
      {{"200", response("The unit's neighbours, and the initiatives of the adjacent units, then of the rest of its "
                        "province and region, then the nearest by distance, each with how it relates, its unit and "
                        "the distance in km between centroids",
                        json_type)}});
  paths["/locate"] = op("get", "The units containing a point", "locate",
      {param("lon", "query", "Longitude (WGS 84)", {{"type", "number"}}, true),
       param("lat", "query", "Latitude (WGS 84)", {{"type", "number"}}, true)},
      {{"200", response("Commune, province and region in both divisions", json_type)}});
  paths["/initiatives"] = op("get", "Full-text search of the initiatives and the report's remarks", "searchInitiatives",
      {param("q", "query",
             "Words to find in names, institutions, descriptions and the report's remarks (case, accents, plural "
             "and gender folded; every word required, the last one also as a prefix; at most 8 words, 200 bytes)",
             str(), true),
       param("limit", "query", "Results", {{"type", "integer"}, {"minimum", 1}, {"maximum", 50}, {"default", 10}})},
      {{"200", response("Ranked initiatives, each with its description, matching remarks and their sections, links "
                        "to its sheet",
                        json_type)}});
  paths["/initiatives/{id}"] = op("get", "An initiative with every joined unit and its practice sheet", "getInitiative",
      {param("id", "path", "Initiative id", str()), param("f", "query", "Format (else the Accept header)", str({"json", "html"}))},
      {{"200", response("The initiative (JSON), or its printable sheet in Spanish (HTML)", {"application/json", "text/html"})},
       {"404", {{"description", "No such initiative"}}}});
  paths["/coverage"] = op("get", "Coverage per unit, summary and gaps", "getCoverage",
      with(json::array({param("level", "query", "Level", str({"region", "province", "commune"}), true),
                        param("within", "query", "Only the units inside this region or province (CUT code)", str()),
                        param("covered", "query", "Only the units with (true) or without (false) an initiative",
                              str({"true", "false"})),
                        param("sort", "query", "Order of the units, '-' first for descending (ties by code)",
                              str({"code", "-code", "name", "-name", "population", "-population", "total", "-total",
                                   "per_100k", "-per_100k", "nearest_initiative_km", "-nearest_initiative_km",
                                   "neighbours_per_100k", "-neighbours_per_100k"})),
                        param("compare", "query",
                              "Change per unit between two editions: contest:A,B (two contest labels as the data "
                              "spells them, accent- and case-insensitive) or year:A,B (each YYYY or YYYY/YYYY). "
                              "The other filters apply to both; not with covered, sort, or a filter on the compared "
                              "attribute. Each unit then has count_a, count_b, count_change, per_100k_a, per_100k_b, "
                              "per_100k_change and change (newly_covered, no_longer_covered, covered_in_both, "
                              "covered_in_neither); the summary counts them",
                              str()),
                        fcsv}),
           filter_params()),
      {{"200", response("Coverage; each unit with nearest_initiative_km (geodesic, between centroids, to the "
                        "nearest unit of the level with an initiative; 0 if it has one) and neighbours_per_100k",
                        csv_or_json)}});
  paths["/stats/initiatives"] = op("get", "Counts of initiatives by one or two attributes", "getInitiativeStats",
      with(json::array({param("by", "query", "Attribute (repeat for a cross-tabulation)", str(), true), fcsv}),
           filter_params()),
      {{"200", response("Counts with totals", csv_or_json)}});
  json join = op("post", "Append commune, province and region to uploaded records", "joinUpload", json::array(),
                 {{"200", response("The records with the units appended", {"application/geo+json", "text/csv"})},
                  {"413", {{"description", "Upload over the limit"}}}});
  join["post"]["requestBody"] = {{"required", true},
                                 {"content", {{"application/geo+json", {{"schema", {{"type", "object"}}}}},
                                              {"text/csv", {{"schema", {{"type", "string"}}}}}}}};
  paths["/join"] = join;

  const json tile_filters = filter_params();
  paths["/tiles/{layer}/{z}/{x}/{y}.mvt"] = op("get", "A vector tile (MVT 2.1, XYZ)", "getVectorTile",
      with(json::array({layer, z, x, param("y", "path", "Row, 0 to 2^z-1", {{"type", "integer"}, {"minimum", 0}}),
                        param("properties", "query", "Comma-separated properties to keep", str())}),
           tile_filters),
      {{"200", response("Tile", {"application/vnd.mapbox-vector-tile"})}});
  paths["/tiles/{layer}/{z}/{x}/{y}.png"] = op(
      "get", "A map tile (PNG): a coverage choropleth, or the initiatives' points and footprints", "getRasterTile",
      with(json::array({param("layer", "path", "Tileset",
                              str({"regions", "provinces", "communes", "regions-2007", "provinces-2007", "initiatives",
                                   "census-zones"})),
                        z, x, param("y", "path", "Row, optionally followed by @2x", str()),
                        param("measure", "query",
                              "What the colours show (not for census-zones, drawn by population, nor initiatives)",
                              str({"initiatives", "per_100k", "covered"}))}),
           tile_filters),
      {{"200", response("Tile", {"image/png"})}});
  paths["/tiles/{layer}.json"] = op("get", "TileJSON 3.0 of a tileset", "getTileJson", with(json::array({layer}), tile_filters),
                                    {{"200", response("TileJSON", json_type)}});
  paths["/tiles/WebMercatorQuad"] = op("get", "The WebMercatorQuad tile matrix set", "getWebMercatorQuad", {f},
                                       {{"200", response("Tile matrix set", json_type)}});
  paths["/tileMatrixSets"] = op("get", "Tile matrix sets", "getTileMatrixSets", {f}, {{"200", response("List", json_type)}});
  paths["/tileMatrixSets/{tileMatrixSetId}"] =
      op("get", "A tile matrix set (TMS 2.0, with the TMS 1.0 members GDAL 3.6 reads)", "getTileMatrixSet",
         {any_tms, f}, {{"200", response("Tile matrix set", json_type)}});
  paths["/collections/{collectionId}/map/tiles"] = op("get", "Map tilesets of a collection", "getCollectionMapTilesets",
                                                      {map_collection, f}, {{"200", response("Tilesets", json_type)}});
  paths["/collections/{collectionId}/map/tiles/{tileMatrixSetId}"] = op(
      "get", "A map tileset (PNG)", "getCollectionMapTileset", {map_collection, any_tms, f},
      {{"200", response("Tileset", json_type)}});
  paths["/collections/{collectionId}/map/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}"] =
      op("get", "A map tile (PNG)", "getCollectionMapTile",
         with(json::array({map_collection, any_tms,
                           param("tileMatrix", "path", "Tile matrix, 0 to 16 (WebMercatorQuad) or 15 (WorldCRS84Quad)",
                                 {{"type", "integer"}, {"minimum", 0}, {"maximum", 16}}),
                           param("tileRow", "path", "Row", {{"type", "integer"}, {"minimum", 0}}),
                           param("tileCol", "path", "Column", {{"type", "integer"}, {"minimum", 0}}),
                           param("f", "query", "Format", str({"png"})),
                           param("measure", "query", "What the colours show (not for census-zones or initiatives)",
                                 str({"initiatives", "per_100k", "covered"}))}),
              tile_filters),
         {{"200", response("Tile", {"image/png"})}});
  paths["/collections/{collectionId}/tiles"] = op("get", "Tilesets of a collection", "getCollectionTilesets",
                                                  {collection, f}, {{"200", response("Tilesets", json_type)}});
  paths["/collections/{collectionId}/tiles/{tileMatrixSetId}"] = op("get", "A vector tileset", "getCollectionTileset",
      {collection, tms, f}, {{"200", response("Tileset", json_type)}});
  paths["/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}"] =
      op("get", "A vector tile at its OGC API - Tiles address", "getCollectionTile",
         with(json::array({collection, tms,
                           param("tileMatrix", "path", "Zoom, 0 to 16", {{"type", "integer"}, {"minimum", 0}, {"maximum", 16}}),
                           param("tileRow", "path", "Row", {{"type", "integer"}, {"minimum", 0}}),
                           param("tileCol", "path", "Column", {{"type", "integer"}, {"minimum", 0}}),
                           param("f", "query", "Format", str({"mvt"})),
                           param("properties", "query", "Comma-separated properties to keep", str())}),
              tile_filters),
         {{"200", response("Tile", {"application/vnd.mapbox-vector-tile"})}});

  // OGC API - Styles (read-only): the map's choropleths per collection with map tiles.
  paths["/collections/{collectionId}/styles"] =
      op("get", "Styles of a collection: the map's choropleths (one per measure; census-zones: population), "
                "each linked in every encoding", "getCollectionStyles", {map_collection, f},
         {{"200", response("Styles, the default named", json_type)}});
  paths["/collections/{collectionId}/styles/{styleId}"] = op(
      "get", "A style: the PNG tiles' classes and colours as a MapLibre style on the vector tiles (f=mapbox, the "
             "default), a QGIS graduated renderer over the collection's items (f=qml) or SLD 1.1 / SE (f=sld)",
      "getCollectionStyle",
      {map_collection, param("styleId", "path", "Style", str({"initiatives", "per_100k", "covered", "population"})),
       param("f", "query", "Encoding", str({"mapbox", "qml", "sld"}))},
      {{"200", response("Style", {"application/vnd.mapbox.style+json", "application/vnd.qgis.qml",
                                  "application/vnd.ogc.sld+xml;version=1.1"})}});

  // WMS 1.3.0 and WMTS 1.0.0 (server/routes/wms.h, wmts.h): KVP names are
  // case-insensitive; errors are OGC exception reports (XML), not problems.
  const json xml_exception = {{"description", "OGC exception report (WMS: ServiceExceptionReport, WMTS: ows:ExceptionReport)"},
                              {"content", {{"text/xml", json::object()}, {"application/xml", json::object()}}}};
  const json wms_layers = str({"regions", "provinces", "communes", "regions-2007", "provinces-2007"});
  json wms = op("get", "WMS 1.3.0: GetCapabilities, GetMap (PNG in EPSG:3857, EPSG:4326 latitude first, CRS:84, "
                       "EPSG:32718, EPSG:32719, WIDTH and HEIGHT up to 4096), GetFeatureInfo (the unit under I/J and its "
                       "coverage figures), GetLegendGraphic; division and the coverage filter as vendor parameters",
                "getWms",
                with(json::array({param("SERVICE", "query", "Service", str({"WMS"})),
                                  param("VERSION", "query", "Version", str({"1.3.0"})),
                                  param("REQUEST", "query", "Operation",
                                        str({"GetCapabilities", "GetMap", "GetFeatureInfo", "GetLegendGraphic"}), true),
                                  param("LAYERS", "query", "Comma-separated layers, drawn in order (at most 5)", str()),
                                  param("STYLES", "query", "Comma-separated styles (measures), one per layer, or empty",
                                        str()),
                                  param("CRS", "query", "CRS of BBOX",
                                        str({"EPSG:3857", "EPSG:4326", "CRS:84", "EPSG:32718", "EPSG:32719"})),
                                  param("BBOX", "query", "minx,miny,maxx,maxy in the CRS's axis order", str()),
                                  param("WIDTH", "query", "Pixels", {{"type", "integer"}, {"minimum", 1}, {"maximum", 4096}}),
                                  param("HEIGHT", "query", "Pixels", {{"type", "integer"}, {"minimum", 1}, {"maximum", 4096}}),
                                  param("FORMAT", "query", "Image format", str({"image/png"})),
                                  param("TRANSPARENT", "query", "Transparent background", str({"TRUE", "FALSE"})),
                                  param("BGCOLOR", "query", "Background 0xRRGGBB", str()),
                                  param("QUERY_LAYERS", "query", "GetFeatureInfo: layers to query", str()),
                                  param("INFO_FORMAT", "query", "GetFeatureInfo format",
                                        str({"application/json", "text/html", "text/plain"})),
                                  param("I", "query", "GetFeatureInfo: pixel column", {{"type", "integer"}, {"minimum", 0}}),
                                  param("J", "query", "GetFeatureInfo: pixel row", {{"type", "integer"}, {"minimum", 0}}),
                                  param("LAYER", "query", "GetLegendGraphic: the layer", wms_layers),
                                  param("STYLE", "query", "GetLegendGraphic: the style",
                                        str({"initiatives", "per_100k", "covered"}))}),
                     tile_filters),
                {{"200", response("Capabilities, map, feature info or legend",
                                  {"text/xml", "image/png", "application/json", "text/html", "text/plain"})},
                 {"400", xml_exception}});
  paths["/wms"] = wms;
  paths["/wmts"] = op("get", "WMTS 1.0.0 KVP: GetCapabilities, GetTile (the map tiles' bytes)", "getWmts",
      with(json::array({param("SERVICE", "query", "Service", str({"WMTS"}), true),
                        param("REQUEST", "query", "Operation", str({"GetCapabilities", "GetTile"}), true),
                        param("VERSION", "query", "Version", str({"1.0.0"})),
                        param("LAYER", "query", "Layer", str()), param("STYLE", "query", "Style", str()),
                        param("FORMAT", "query", "Format", str({"image/png"})),
                        param("TILEMATRIXSET", "query", "Tile matrix set", str({"WebMercatorQuad", "WorldCRS84Quad"})),
                        param("TILEMATRIX", "query", "Tile matrix", str()),
                        param("TILEROW", "query", "Row", {{"type", "integer"}, {"minimum", 0}}),
                        param("TILECOL", "query", "Column", {{"type", "integer"}, {"minimum", 0}})}),
           tile_filters),
      {{"200", response("Capabilities or tile", {"application/xml", "image/png"})}, {"400", xml_exception}});
  paths["/wmts/1.0.0/WMTSCapabilities.xml"] = op("get", "WMTS 1.0.0 capabilities (RESTful)", "getWmtsCapabilities",
      json::array(), {{"200", response("Capabilities", {"application/xml"})}});
  paths["/wmts/1.0.0/{layer}/{style}/{tileMatrixSet}/{tileMatrix}/{tileRow}/{tileCol}.png"] = op(
      "get", "WMTS 1.0.0 tile (RESTful): the map tile of the layer, style (measure) and tile matrix set", "getWmtsTile",
      with(json::array({param("layer", "path", "Layer", str()), param("style", "path", "Style", str()),
                        param("tileMatrixSet", "path", "Tile matrix set", str({"WebMercatorQuad", "WorldCRS84Quad"})),
                        param("tileMatrix", "path", "Tile matrix", {{"type", "integer"}, {"minimum", 0}}),
                        param("tileRow", "path", "Row", {{"type", "integer"}, {"minimum", 0}}),
                        param("tileCol", "path", "Column", {{"type", "integer"}, {"minimum", 0}})}),
           tile_filters),
      {{"200", response("Tile", {"image/png"})}, {"400", xml_exception}, {"404", xml_exception}});

  const json file = param("file", "path", "File name", str());
  const json html = {"text/html"};
  paths["/map"] = op("get", "The planners' coverage map; its query is the page's state (level, division, metric, filters, unit, center, zoom, lang; embed=1 for an iframe), read by the page", "getMap", json::array(), {{"200", response("Page", html)}});
  paths["/map/{file}"] = op("get", "A script or style of the map page", "getMapFile", {file},
                            {{"200", response("File", {"text/javascript", "text/css", "image/svg+xml"})}});
  paths["/map/i18n/{file}"] = op("get", "The map page's strings (es.json, en.json)", "getMapStrings", {file},
                                 {{"200", response("Strings", json_type)}});
  paths["/map/vendor/{file}"] = op("get", "MapLibre GL JS, served locally", "getMapVendorFile", {file},
                                   {{"200", response("File", {"text/javascript", "text/css"})}});
}

}  // namespace

json openapi_document(const layers::FeatureCatalog& catalog, const std::string& base_url) {
  json crs_enum = json::array();
  for (const auto& c : layers::supported_crs()) crs_enum.push_back(c.uri);
  json ids = json::array();
  for (const auto& c : catalog.collections()) ids.push_back(c->id);

  json params = {
      {"f", param("f", "query", "Format: json or html", {{"type", "string"}, {"enum", {"json", "html"}}})},
      {"lang", param("lang", "query", "Language of an HTML answer: es or en (else the Accept-Language header, else en)",
                     {{"type", "string"}, {"enum", {"es", "en"}}})},
      {"fItems", param("f", "query",
                       "Format: json (GeoJSON), html, or a download: csv, gpkg, fgb (every matched feature unless limit "
                       "says otherwise, in crs, typed columns; Link headers to the next and previous downloads when "
                       "partial), or the companions of a CSV download that GDAL reads beside it: csvt (column types) "
                       "and prj (CRS)",
                       {{"type", "string"}, {"enum", {"json", "geojson", "html", "csv", "gpkg", "fgb", "csvt", "prj"}}})},
      {"collectionId", param("collectionId", "path", "Collection", {{"type", "string"}, {"enum", ids}})},
      {"featureId", param("featureId", "path", "Feature id", {{"type", "string"}})},
      {"limit", param("limit", "query",
                      "Features per page (larger values are clamped to 10000); for a download (f=csv, gpkg, fgb) "
                      "from 1 to " + std::to_string(routes::kMaxDownloadLimit) + ", default every matched feature",
                      {{"type", "integer"}, {"minimum", 1}, {"default", layers::kDefaultLimit}})},
      {"offset", param("offset", "query", "Features to skip", {{"type", "integer"}, {"minimum", 0}, {"default", 0}})},
      {"bbox", {{"name", "bbox"}, {"in", "query"}, {"required", false}, {"style", "form"}, {"explode", false},
                {"description", "minx,miny,maxx,maxy (or with heights, 6 numbers) in bbox-crs; minx > maxx crosses the antimeridian"},
                {"schema", {{"type", "array"}, {"minItems", 4}, {"maxItems", 6}, {"items", {{"type", "number"}}}}}}},
      {"bbox-crs", param("bbox-crs", "query", "CRS of bbox", {{"type", "string"}, {"format", "uri"}, {"enum", crs_enum}})},
      {"crs", param("crs", "query", "CRS of the returned geometries", {{"type", "string"}, {"format", "uri"}, {"enum", crs_enum}})},
      {"datetime", param("datetime", "query",
                         "Instant or interval: an RFC 3339 date-time or date (also YYYY or YYYY-MM), or two of "
                         "them separated by '/' with '..' or nothing for an open end. Only initiatives have a "
                         "time, their contest year (the whole calendar year): an initiative is selected when its "
                         "year meets the interval. As Part 1 requires (/req/core/fc-time-response C), datetime "
                         "also selects every feature without a time: initiatives with no recorded year, and "
                         "every feature of the other collections, which have no temporal extent.",
                         {{"type", "string"}})},
      {"filter", param("filter", "query",
                       "CQL2 text filter. Text compares exactly (case and accents count, by code point); "
                       "CASEI(...) and ACCENTI(...) ignore them: CASEI(ACCENTI(name)) = CASEI(ACCENTI('nunoa')). "
                       "Both sides of a comparison must be of one type (400 otherwise). The only functions are "
                       "CASEI, ACCENTI and the spatial S_* (no UPPER/LOWER).",
                       {{"type", "string"}})},
      {"filter-lang", param("filter-lang", "query", "Filter language", {{"type", "string"}, {"enum", {"cql2-text"}}, {"default", "cql2-text"}})},
      {"filter-crs", param("filter-crs", "query", "CRS of the geometry literals of filter (any CRS of crs; default CRS84)",
                           {{"type", "string"}, {"format", "uri"}, {"enum", crs_enum}})},
      {"sortby", param("sortby", "query", "Comma-separated properties, + ascending (default) or - descending", {{"type", "string"}})},
      {"properties", param("properties", "query", "Comma-separated properties to return", {{"type", "string"}})},
  };
  const json feature_types = {"application/geo+json", "text/html"};
  json paths = json::object();
  paths["/"] = get("Landing page", "getLandingPage", {ref("f"), ref("lang")}, {{"200", response("Landing page", {"application/json", "text/html"})}});
  paths["/conformance"] = get("Conformance classes", "getConformance", {ref("f"), ref("lang")},
                              {{"200", response("Conformance classes", {"application/json", "text/html"})}});
  paths["/api"] = get("This document", "getApi", {ref("f"), ref("lang")},
                      {{"200", response("The OpenAPI document", {"application/vnd.oai.openapi+json;version=3.0", "text/html"})}});
  paths["/collections"] = get("Collections", "getCollections", {ref("f"), ref("lang")},
                              {{"200", response("Collections", {"application/json", "text/html"})}});
  paths["/collections/{collectionId}"] = get("A collection", "describeCollection", {ref("collectionId"), ref("f"), ref("lang")},
                                             {{"200", response("Collection", {"application/json", "text/html"})}});
  paths["/collections/{collectionId}/queryables"] =
      get("Queryables of a collection", "getQueryables", {ref("collectionId"), ref("f"), ref("lang")},
          {{"200", response("JSON Schema of the queryables", {"application/schema+json", "text/html"})}});
  paths["/collections/{collectionId}/schema"] =
      get("Schema of a collection's features (OGC API - Features - Part 5)", "getSchema", {ref("collectionId"), ref("f"), ref("lang")},
          {{"200", response("JSON Schema 2020-12 of the features' properties", {"application/schema+json", "text/html"})}});
  const json items_params = {ref("fItems"), ref("limit"), ref("offset"), ref("bbox"), ref("bbox-crs"), ref("crs"),
                             ref("datetime"), ref("filter"), ref("filter-lang"), ref("filter-crs"), ref("sortby"), ref("properties"), ref("lang")};
  json generic = items_params;
  generic.insert(generic.begin(), ref("collectionId"));
  const json item_types = {"application/geo+json", "text/html", "text/csv", "application/geopackage+sqlite3",
                           "application/flatgeobuf", "text/plain"};
  paths["/collections/{collectionId}/items"] =
      get("Features of a collection", "getFeatures", generic, {{"200", response("Features", item_types)}});
  paths["/collections/{collectionId}/items/{featureId}"] =
      get("A feature", "getFeature", {ref("collectionId"), ref("featureId"), ref("f"), ref("crs"), ref("properties"), ref("lang")},
          {{"200", response("Feature", feature_types)}});
  // One items path per collection, declaring its queryables as parameters.
  for (const auto& c : catalog.collections()) {
    json ps = items_params;
    for (const auto& f : c->fields) {
      const char* type = f.type == layers::FieldType::integer ? "integer"
                         : f.type == layers::FieldType::number ? "number"
                         : f.type == layers::FieldType::boolean ? "boolean" : "string";
      ps.push_back(param(f.name, "query", f.title + " (equals exactly; repeat for any of)", {{"type", type}}));
    }
    paths["/collections/" + c->id + "/items"] =
        get(c->title, "getFeatures_" + c->id, ps, {{"200", response(c->title, item_types)}});
  }
  add_write_paths(paths);
  add_service_paths(paths);
  return {
      {"openapi", "3.0.3"},
      {"info", {{"title", "territorio"},
                {"version", "1.0.0"},
                {"description", "Territorial units of Chile (both divisions), initiatives and census zones: OGC API - Features and Tiles, coverage, statistics, queries by territory and the join."},
                {"license", {{"name", "See data/SOURCES.md"}}}}},
      {"servers", {{{"url", base_url.empty() ? "/" : base_url}}}},
      {"paths", paths},
      {"components",
       {{"parameters", params},
        {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"},
                                          {"description", "A token made by territorio token create"}}}}},
        {"schemas",
         {{"problem", {{"type", "object"},
                       {"properties", {{"type", {{"type", "string"}}}, {"title", {{"type", "string"}}},
                                       {"status", {{"type", "integer"}}}, {"detail", {{"type", "string"}}}}}}}}}}},
  };
}

}  // namespace server
