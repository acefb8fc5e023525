#include "server/routes/wms.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "geo/tile_math.h"
#include "layers/ogc_services/feature_info.h"
#include "layers/ogc_services/legend_graphic.h"
#include "layers/ogc_services/map_crs.h"
#include "layers/ogc_services/map_render.h"
#include "layers/ogc_services/wms_capabilities.h"
#include "layers/ogc_services/wmts_capabilities.h"
#include "layers/styles/choropleth.h"
#include "server/caching_policy.h"
#include "server/filter_params.h"
#include "server/params.h"
#include "server/routes/ogc_service_kvp.h"

namespace server::routes {

namespace {

// Parameters besides the vendor ones. Clients add a few of their own
// (QGIS: DPI, MAP_RESOLUTION, FORMAT_OPTIONS): accepted and ignored.
const std::vector<std::string_view> kCapabilitiesParams = {"SERVICE", "VERSION", "REQUEST", "FORMAT", "UPDATESEQUENCE"};
const std::vector<std::string_view> kMapParams = {"SERVICE", "VERSION",     "REQUEST",    "LAYERS",  "STYLES",
                                                  "CRS",     "BBOX",        "WIDTH",      "HEIGHT",  "FORMAT",
                                                  "TRANSPARENT", "BGCOLOR", "EXCEPTIONS", "DPI",     "MAP_RESOLUTION",
                                                  "FORMAT_OPTIONS"};
const std::vector<std::string_view> kInfoParams = [] {
  std::vector<std::string_view> out = kMapParams;
  out.insert(out.end(), {"QUERY_LAYERS", "INFO_FORMAT", "FEATURE_COUNT", "I", "J"});
  return out;
}();
const std::vector<std::string_view> kLegendParams = {
    "SERVICE", "VERSION", "REQUEST",    "LAYER",  "STYLE", "FORMAT",         "SLD_VERSION",    "WIDTH", "HEIGHT",
    "SCALE",   "EXCEPTIONS", "TRANSPARENT", "DPI", "MAP_RESOLUTION", "LEGEND_OPTIONS", "SRCWIDTH", "SRCHEIGHT",
    "BBOX",    "CRS",     "FORMAT_OPTIONS"};
constexpr std::size_t kMaxLayers = 5;

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(',', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

void check_version(const Kvp& k) {
  if (const auto v = k.get("VERSION"); v && *v != "1.3.0")
    throw OgcServiceError("InvalidParameterValue", "VERSION", "this server speaks WMS 1.3.0, not '" + *v + "'");
}

void check_exceptions(const Kvp& k) {
  const auto v = k.get("EXCEPTIONS");
  if (!v || *v == "XML" || *v == "application/vnd.ogc.se_xml" || *v == "text/xml") return;
  throw OgcServiceError("InvalidParameterValue", "EXCEPTIONS", "EXCEPTIONS must be XML");
}

void check_format(const Kvp& k, bool required) {
  const auto f = required ? std::optional<std::string>(k.required("FORMAT")) : k.get("FORMAT");
  if (f && *f != "image/png") throw OgcServiceError("InvalidFormat", "FORMAT", "FORMAT must be image/png");
}

layers::TileLayer map_layer(const std::string& name, const char* locator) {
  const auto l = layers::parse_tile_layer(name);
  if (!l || !layers::is_map_layer(*l))
    throw OgcServiceError("LayerNotDefined", locator, "no layer '" + name.substr(0, 64) + "'");
  return *l;
}

double number(const std::string& text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    throw OgcServiceError("InvalidParameterValue", "BBOX", "BBOX must be four numbers minx,miny,maxx,maxy");
  return v;
}

geo::Envelope bbox_param(const Kvp& k, const layers::MapCrs& crs) {
  const std::vector<std::string> parts = split(k.required("BBOX"));
  if (parts.size() != 4)
    throw OgcServiceError("InvalidParameterValue", "BBOX", "BBOX must be four numbers minx,miny,maxx,maxy");
  const geo::Envelope box = layers::frame_box(crs, number(parts[0]), number(parts[1]), number(parts[2]), number(parts[3]));
  if (!(box.min_x < box.max_x && box.min_y < box.max_y))
    throw OgcServiceError("InvalidParameterValue", "BBOX", "BBOX must have its minimum below its maximum on both axes");
  // Within the CRS's own range, with room around the world.
  const double x_limit = crs.frame == layers::FrameCrs::lonlat ? 540 : 2 * geo::kMercatorHalfWorld;
  const double y_limit = crs.frame == layers::FrameCrs::lonlat ? 90 : 2 * geo::kMercatorHalfWorld;
  if (box.min_x < -x_limit || box.max_x > x_limit || box.min_y < -y_limit || box.max_y > y_limit)
    throw OgcServiceError("InvalidParameterValue", "BBOX", "BBOX lies outside the range of " + crs.name);
  return box;
}

geo::Rgba bgcolor_param(const Kvp& k) {
  const auto v = k.get("BGCOLOR");
  if (!v) return {255, 255, 255, 255};
  unsigned value = 0;
  const bool hex = v->size() == 8 && (v->starts_with("0x") || v->starts_with("0X"));
  const auto [end, ec] = hex ? std::from_chars(v->data() + 2, v->data() + v->size(), value, 16) : std::from_chars_result{};
  if (!hex || ec != std::errc() || end != v->data() + v->size())
    throw OgcServiceError("InvalidParameterValue", "BGCOLOR", "BGCOLOR must be 0xRRGGBB");
  return {static_cast<std::uint8_t>(value >> 16), static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value), 255};
}

struct MapPart {
  layers::MapQuery query;
  const layers::MapCrs* crs;
};

// The map part shared by GetMap and GetFeatureInfo.
MapPart map_part(const Kvp& k, const layers::Registry& registry) {
  MapPart p;
  layers::MapQuery& q = p.query;
  const std::vector<std::string> names = split(k.required("LAYERS"));
  if (names.size() > kMaxLayers)
    throw OgcServiceError("InvalidParameterValue", "LAYERS", "at most " + std::to_string(kMaxLayers) + " layers");
  const std::string styles_text = k.get("STYLES").value_or("");
  const std::vector<std::string> styles = split(styles_text);
  if (!styles_text.empty() && styles.size() != names.size())
    throw OgcServiceError("StyleNotDefined", "STYLES", "STYLES must name one style per layer, or be empty");
  for (std::size_t i = 0; i < names.size(); ++i) {
    layers::MapLayer l{map_layer(names[i], "LAYERS"), layers::Measure::initiatives};
    if (!styles_text.empty() && !styles[i].empty()) {
      const auto m = layers::parse_measure(styles[i]);
      if (!m)
        throw OgcServiceError("StyleNotDefined", "STYLES",
                              "no style '" + styles[i].substr(0, 64) + "'; styles are initiatives, per_100k, covered");
      l.measure = *m;
    }
    q.layers.push_back(l);
  }
  const std::string crs_name = k.required("CRS");
  p.crs = layers::find_map_crs(crs_name);
  if (!p.crs) throw OgcServiceError("InvalidCRS", "CRS", "CRS '" + crs_name.substr(0, 64) + "' is not served");
  q.crs = p.crs->frame;
  q.box = bbox_param(k, *p.crs);
  q.width = int_param("WIDTH", k.required("WIDTH"), 1, layers::kMaxMapPixels);
  q.height = int_param("HEIGHT", k.required("HEIGHT"), 1, layers::kMaxMapPixels);
  if (const auto t = k.get("TRANSPARENT")) {
    if (iequals(*t, "TRUE"))
      q.transparent = true;
    else if (iequals(*t, "FALSE"))
      q.transparent = false;
    else
      throw OgcServiceError("InvalidParameterValue", "TRANSPARENT", "TRANSPARENT must be TRUE or FALSE");
  } else {
    q.transparent = false;  // WMS 1.3.0's default
  }
  q.background = bgcolor_param(k);
  const http::Request vendor = k.vendor_request();
  q.division = division_param(vendor);
  q.filter = parse_filter(vendor, registry);
  return p;
}

http::Response with_type(std::string body, const char* type) {
  http::Response resp;
  resp.body = std::move(body);
  resp.content_type = type;
  return resp;
}

http::Response get_capabilities(const Kvp& k, const http::Request& r, const layers::Snapshot& s, const Site& site) {
  k.check_known(kCapabilitiesParams);
  const auto service = k.get("SERVICE");
  if (!service) throw OgcServiceError("MissingParameterValue", "SERVICE", "missing parameter SERVICE");
  if (const auto f = k.get("FORMAT"); f && *f != "text/xml" && *f != "application/vnd.ogc.wms_xml")
    throw OgcServiceError("InvalidFormat", "FORMAT", "capabilities come as text/xml");
  // Any VERSION is answered with 1.3.0, the only one served (version negotiation).
  const std::string base = base_url(r, site);
  return caching::answer(r, caching::data_validator(r, s.generation(), base), [&] {
    return with_type(layers::wms_capabilities(s, base, filter_param_names()), "text/xml; charset=utf-8");
  });
}

http::Response get_map(const Kvp& k, const http::Request& r, const layers::Snapshot& s) {
  k.check_known(kMapParams);
  check_version(k);
  check_exceptions(k);
  check_format(k, true);
  const MapPart p = map_part(k, s.registry());
  return caching::answer(r, caching::data_validator(r, s.generation()),
                         [&] { return with_type(layers::render_map(s, p.query), "image/png"); });
}

http::Response get_feature_info(const Kvp& k, const http::Request& r, const layers::Snapshot& s) {
  k.check_known(kInfoParams);
  check_version(k);
  check_exceptions(k);
  check_format(k, false);
  const MapPart p = map_part(k, s.registry());
  const layers::MapQuery& q = p.query;
  std::vector<std::size_t> queried;  // indexes into q.layers
  for (const std::string& name : split(k.required("QUERY_LAYERS"))) {
    const layers::TileLayer l = map_layer(name, "QUERY_LAYERS");
    const auto at = std::find_if(q.layers.begin(), q.layers.end(), [&](const layers::MapLayer& m) { return m.layer == l; });
    if (at == q.layers.end())
      throw OgcServiceError("LayerNotDefined", "QUERY_LAYERS", "QUERY_LAYERS names '" + name + "', which is not in LAYERS");
    if (queried.size() >= kMaxLayers)
      throw OgcServiceError("InvalidParameterValue", "QUERY_LAYERS", "at most " + std::to_string(kMaxLayers) + " layers");
    queried.push_back(static_cast<std::size_t>(at - q.layers.begin()));
  }
  const std::string format = k.required("INFO_FORMAT");
  const char* type = format == "application/json" || format == "application/geo+json" ? "application/json"
                     : format == "text/html"                                         ? "text/html; charset=utf-8"
                     : format == "text/plain"                                        ? "text/plain; charset=utf-8"
                                                                                     : nullptr;
  if (!type)
    throw OgcServiceError("InvalidFormat", "INFO_FORMAT", "INFO_FORMAT must be application/json, text/html or text/plain");
  if (const auto n = k.get("FEATURE_COUNT")) int_param("FEATURE_COUNT", *n, 1, 1000);
  auto pixel = [&](const char* name, int size) {
    const std::string text = k.required(name);
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < 0 || v >= size)
      throw OgcServiceError("InvalidPoint", name,
                            std::string(name) + " must be a pixel of the map, from 0 to " + std::to_string(size - 1));
    return v;
  };
  const int i = pixel("I", q.width), j = pixel("J", q.height);
  return caching::answer(r, caching::data_validator(r, s.generation()), [&] {
    std::vector<layers::UnitInfo> found;
    const layers::RasterFrame frame(q.crs, q.box, q.width, q.height);
    double lon, lat;
    if (frame.px_to_lonlat(i + 0.5, j + 0.5, lon, lat))
      for (std::size_t index : queried)
        if (auto u = layers::unit_at(s, q.layers[index].layer, q.layers[index].measure, q.division, q.filter, lon, lat))
          found.push_back(std::move(*u));
    const std::string body = std::string(type) == "application/json" ? layers::feature_info_geojson(found)
                             : format == "text/html"                  ? layers::feature_info_html(found)
                                                                      : layers::feature_info_text(found);
    return with_type(body, type);
  });
}

http::Response get_legend_graphic(const Kvp& k, const http::Request& r, const layers::Snapshot& s) {
  k.check_known(kLegendParams);
  check_version(k);
  check_exceptions(k);
  check_format(k, false);
  if (const auto v = k.get("SLD_VERSION"); v && *v != "1.1.0")
    throw OgcServiceError("InvalidParameterValue", "SLD_VERSION", "SLD_VERSION must be 1.1.0");
  for (const char* hint : {"WIDTH", "HEIGHT", "SRCWIDTH", "SRCHEIGHT"})
    if (const auto v = k.get(hint)) int_param(hint, *v, 1, layers::kMaxMapPixels);
  const std::string name = k.required("LAYER");
  const auto layer = layers::parse_tile_layer(name);
  if (!layer || layers::legend_styles(*layer).empty())
    throw OgcServiceError("LayerNotDefined", "LAYER", "no layer '" + name.substr(0, 64) + "'");
  const std::string style_name = k.get("STYLE").value_or("");
  const auto style = style_name.empty() ? std::optional(layers::legend_styles(*layer).front())
                                        : layers::find_choropleth_style(*layer, style_name);
  if (!style) throw OgcServiceError("StyleNotDefined", "STYLE", "no style '" + style_name.substr(0, 64) + "'");
  return caching::answer(r, caching::data_validator(r, s.generation()),
                         [&] { return with_type(layers::legend_png(*style), "image/png"); });
}

// Lenient and cheap (HeavyWhen): whether a GetMap asks for more than a
// megapixel, which runs on the job pool.
bool large_map(const http::Request& r) {
  long pixels = 1;
  for (const auto& [name, value] : r.query)
    if (iequals(name, "WIDTH") || iequals(name, "HEIGHT")) {
      int v = 0;
      std::from_chars(value.data(), value.data() + value.size(), v);
      pixels *= std::clamp(v, 1, layers::kMaxMapPixels);
    }
  return pixels > (1l << 20);
}

}  // namespace

http::Response wms(const http::Request& r, const layers::Snapshot& s, const Site& site) {
  return ogc_answer(OgcService::wms, [&] {
    const Kvp k(r);
    if (const auto service = k.get("SERVICE"); service && !iequals(*service, "WMS"))
      throw OgcServiceError("InvalidParameterValue", "SERVICE", "SERVICE must be WMS");
    const std::string request = k.required("REQUEST");
    if (iequals(request, "GetCapabilities")) return get_capabilities(k, r, s, site);
    if (iequals(request, "GetMap")) return get_map(k, r, s);
    if (iequals(request, "GetFeatureInfo")) return get_feature_info(k, r, s);
    if (iequals(request, "GetLegendGraphic")) return get_legend_graphic(k, r, s);
    throw OgcServiceError("OperationNotSupported", "REQUEST",
                          "REQUEST must be GetCapabilities, GetMap, GetFeatureInfo or GetLegendGraphic");
  });
}

void add_wms_routes(http::Router& router, layers::RegistryHolder& holder, const Site& site) {
  auto s = std::make_shared<const Site>(site);
  router.add("GET", "/wms", [s, &holder](const http::Request& r) { return wms(r, *holder.current(), *s); },
             http::HeavyWhen(large_map));
}

}  // namespace server::routes
