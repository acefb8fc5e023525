#include "layers/ogc_services/wms_capabilities.h"

#include "geo/tile_math.h"
#include "layers/ogc_services/legend_graphic.h"
#include "layers/ogc_services/map_crs.h"
#include "layers/ogc_services/map_render.h"
#include "layers/ogc_services/service_xml.h"
#include "layers/styles/choropleth.h"
#include "layers/styles/style_xml.h"

namespace layers {

namespace {

using service_xml::attribute;
using service_xml::element;
using style_xml::number;

std::string online(const std::string& href) {
  return "<OnlineResource xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:type=\"simple\"" +
         attribute("xlink:href", href) + "/>";
}

std::string operation(const std::string& name, const std::vector<std::string>& formats, const std::string& href) {
  std::string out = "<" + name + ">";
  for (const std::string& f : formats) out += element("Format", f);
  out += "<DCPType><HTTP><Get>" + online(href) + "</Get></HTTP></DCPType></" + name + ">";
  return out;
}

std::string geographic_box(const geo::Envelope& e) {
  return "<EX_GeographicBoundingBox>" + element("westBoundLongitude", number(e.min_x)) +
         element("eastBoundLongitude", number(e.max_x)) + element("southBoundLatitude", number(e.min_y)) +
         element("northBoundLatitude", number(e.max_y)) + "</EX_GeographicBoundingBox>";
}

std::string bounding_box(const std::string& crs, double minx, double miny, double maxx, double maxy) {
  return "<BoundingBox" + attribute("CRS", crs) + attribute("minx", number(minx)) + attribute("miny", number(miny)) +
         attribute("maxx", number(maxx)) + attribute("maxy", number(maxy)) + "/>";
}

// In CRS:84, EPSG:4326 (latitude first) and EPSG:3857; UTM boxes of a
// layer reaching Rapa Nui would be meaningless, so none are given.
std::string bounding_boxes(const geo::Envelope& e) {
  double x0, y0, x1, y1;
  geo::lonlat_to_mercator(e.min_x, e.min_y, x0, y0);
  geo::lonlat_to_mercator(e.max_x, e.max_y, x1, y1);
  return bounding_box("CRS:84", e.min_x, e.min_y, e.max_x, e.max_y) +
         bounding_box("EPSG:4326", e.min_y, e.min_x, e.max_y, e.max_x) + bounding_box("EPSG:3857", x0, y0, x1, y1);
}

}  // namespace

std::string wms_legend_url(const std::string& base, TileLayer layer, const std::string& style) {
  return base + "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&FORMAT=image/png&LAYER=" +
         std::string(tile_layer_name(layer)) + "&STYLE=" + style;
}

std::string wms_capabilities(const Snapshot& snapshot, const std::string& base,
                             const std::vector<std::string_view>& filter_params) {
  std::string names;
  for (std::string_view n : filter_params) {
    if (!names.empty()) names += ", ";
    names += n;
  }
  const std::string service = base + "/wms?";
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<WMS_Capabilities version=\"1.3.0\" xmlns=\"http://www.opengis.net/wms\""
      " xmlns:sld=\"http://www.opengis.net/sld\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
      " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.opengis.net/wms"
      " http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd http://www.opengis.net/sld"
      " http://schemas.opengis.net/sld/1.1.0/sld_capabilities.xsd\">\n<Service>";
  out += element("Name", "WMS") + element("Title", "territorio: initiatives per territorial unit of Chile");
  out += element("Abstract",
                 "Coverage choropleths of Chile's regions, provinces and communes (initiatives acting in each unit, "
                 "initiatives per 100,000 inhabitants, covered or not). Vendor parameters of GetMap, GetFeatureInfo: "
                 "division (2018|2007) and the initiative filter of /coverage (" + names + ").");
  out += online(base + "/wms") + element("Fees", "none") + element("AccessConstraints", "none");
  out += element("LayerLimit", std::to_string(map_layers().size())) +
         element("MaxWidth", std::to_string(kMaxMapPixels)) + element("MaxHeight", std::to_string(kMaxMapPixels));
  out += "</Service>\n<Capability><Request>";
  out += operation("GetCapabilities", {"text/xml"}, service);
  out += operation("GetMap", {"image/png"}, service);
  out += operation("GetFeatureInfo", {"application/json", "text/html", "text/plain"}, service);
  out += operation("sld:GetLegendGraphic", {"image/png"}, service);
  out += "</Request><Exception>" + element("Format", "XML") + "</Exception>\n";
  out += "<Layer>" + element("Title", "territorio");
  for (const MapCrs& c : map_crss()) out += element("CRS", c.name);
  const geo::Envelope all = snapshot.registry().catalog().extent();
  out += geographic_box(all) + bounding_boxes(all) + "\n";
  for (TileLayer layer : map_layers()) {
    const geo::Envelope e = service_xml::layer_extent(snapshot, layer);
    out += "<Layer queryable=\"1\" opaque=\"0\">" + element("Name", tile_layer_name(layer)) +
           element("Title", service_xml::layer_title(snapshot, layer)) + geographic_box(e) + bounding_boxes(e);
    for (const ChoroplethStyle& s : choropleth_styles(layer)) {
      const auto [w, h] = legend_size(s);
      out += "<Style>" + element("Name", s.id) + element("Title", s.title) + "<LegendURL" +
             attribute("width", std::to_string(w)) + attribute("height", std::to_string(h)) + ">" +
             element("Format", "image/png") + online(wms_legend_url(base, layer, s.id)) + "</LegendURL></Style>";
    }
    out += "</Layer>\n";
  }
  out += "</Layer></Capability></WMS_Capabilities>\n";
  return out;
}

}  // namespace layers
