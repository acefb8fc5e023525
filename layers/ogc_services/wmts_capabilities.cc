#include "layers/ogc_services/wmts_capabilities.h"

#include <cmath>

#include "geo/tile_crs84.h"
#include "geo/tile_math.h"
#include "layers/ogc_services/service_xml.h"
#include "layers/ogc_services/wms_capabilities.h"
#include "layers/styles/choropleth.h"
#include "layers/styles/style_xml.h"
#include "layers/tiles/raster_frame.h"

namespace layers {

namespace {

using service_xml::attribute;
using service_xml::element;
using style_xml::number;

// The standardized rendering pixel of scale denominators (0.28 mm) and the
// metres of a degree on the WGS 84 semi-major axis.
constexpr double kPixelMetres = 0.00028;
constexpr double kMetresPerDegree = geo::kMercatorHalfWorld / 180.0;

std::string get_operation(const std::string& name, const std::string& href, bool rest) {
  std::string out = "<ows:Operation" + attribute("name", name) + "><ows:DCP><ows:HTTP>";
  out += "<ows:Get" + attribute("xlink:href", href + "/wmts?") +
         "><ows:Constraint name=\"GetEncoding\"><ows:AllowedValues><ows:Value>KVP</ows:Value></ows:AllowedValues>"
         "</ows:Constraint></ows:Get>";
  if (rest)
    out += "<ows:Get" + attribute("xlink:href", href + "/wmts/1.0.0/") +
           "><ows:Constraint name=\"GetEncoding\"><ows:AllowedValues><ows:Value>RESTful</ows:Value>"
           "</ows:AllowedValues></ows:Constraint></ows:Get>";
  return out + "</ows:HTTP></ows:DCP></ows:Operation>";
}

std::string matrix_limits(TileMatrixSet tms, const geo::Envelope& lonlat) {
  std::string out = "<TileMatrixSetLimits>";
  for (int z = 0; z <= max_tile_matrix(tms); ++z) {
    const geo::TileRange r = tiles_covering(tms, lonlat, z);
    out += "<TileMatrixLimits>" + element("TileMatrix", std::to_string(z)) +
           element("MinTileRow", std::to_string(r.min_y)) + element("MaxTileRow", std::to_string(r.max_y)) +
           element("MinTileCol", std::to_string(r.min_x)) + element("MaxTileCol", std::to_string(r.max_x)) +
           "</TileMatrixLimits>";
  }
  return out + "</TileMatrixSetLimits>";
}

std::string tile_matrix_set(TileMatrixSet tms) {
  const bool mercator = tms == TileMatrixSet::web_mercator_quad;
  const std::string crs = mercator ? "urn:ogc:def:crs:EPSG::3857" : "urn:ogc:def:crs:OGC:1.3:CRS84";
  const double h = geo::kMercatorHalfWorld;
  std::string out = "<TileMatrixSet>" + element("ows:Identifier", tile_matrix_set_name(tms));
  // The whole grid (GDAL's EXTENT_METHOD=TILE_MATRIX_SET reads it).
  out += "<ows:BoundingBox" + attribute("crs", crs) + ">" +
         element("ows:LowerCorner", mercator ? number(-h) + " " + number(-h) : std::string("-180 -90")) +
         element("ows:UpperCorner", mercator ? number(h) + " " + number(h) : std::string("180 90")) + "</ows:BoundingBox>";
  out += element("ows:SupportedCRS", crs);
  if (mercator) out += element("WellKnownScaleSet", "urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible");
  const std::string corner = mercator ? number(-h) + " " + number(h) : std::string("-180 90");
  for (int z = 0; z <= max_tile_matrix(tms); ++z) {
    const double pixel_metres =
        mercator ? geo::tile_size_metres(z) / 256.0 : geo::crs84_cell_degrees(z) * kMetresPerDegree;
    out += "<TileMatrix>" + element("ows:Identifier", std::to_string(z)) +
           element("ScaleDenominator", number(pixel_metres / kPixelMetres)) + element("TopLeftCorner", corner) +
           element("TileWidth", "256") + element("TileHeight", "256") +
           element("MatrixWidth", std::to_string(matrix_width(tms, z))) +
           element("MatrixHeight", std::to_string(matrix_height(tms, z))) + "</TileMatrix>";
  }
  return out + "</TileMatrixSet>\n";
}

}  // namespace

const std::vector<TileLayer>& wmts_layers() {
  static const std::vector<TileLayer> list = [] {
    std::vector<TileLayer> out;
    for (const std::string& name : tile_layer_names())
      if (const TileLayer l = *parse_tile_layer(name); tile_layer_is_collection(l) && tile_layer_has_map(l))
        out.push_back(l);
    return out;
  }();
  return list;
}

std::vector<ChoroplethStyle> legend_styles(TileLayer layer) {
  // The initiatives are points and footprints in one colour: no classes.
  if (layer == TileLayer::initiatives) return {};
  return choropleth_styles(layer);
}

std::vector<std::string> wmts_styles(TileLayer layer) {
  std::vector<std::string> out;
  for (const ChoroplethStyle& s : legend_styles(layer)) out.push_back(s.id);
  if (out.empty()) out.push_back("default");
  return out;
}

std::string wmts_capabilities(const Snapshot& snapshot, const std::string& base) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Capabilities xmlns=\"http://www.opengis.net/wmts/1.0\" xmlns:ows=\"http://www.opengis.net/ows/1.1\""
      " xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
      " xmlns:gml=\"http://www.opengis.net/gml\" xsi:schemaLocation=\"http://www.opengis.net/wmts/1.0"
      " http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd\" version=\"1.0.0\">\n";
  out += "<ows:ServiceIdentification>" + element("ows:Title", "territorio: initiatives per territorial unit of Chile") +
         element("ows:ServiceType", "OGC WMTS") + element("ows:ServiceTypeVersion", "1.0.0") +
         element("ows:Fees", "none") + element("ows:AccessConstraints", "none") + "</ows:ServiceIdentification>\n";
  out += "<ows:OperationsMetadata>" + get_operation("GetCapabilities", base, true) +
         get_operation("GetTile", base, true) + "</ows:OperationsMetadata>\n<Contents>\n";
  for (TileLayer layer : wmts_layers()) {
    const std::string name(tile_layer_name(layer));
    const geo::Envelope e = service_xml::layer_extent(snapshot, layer);
    out += "<Layer>" + element("ows:Title", service_xml::layer_title(snapshot, layer)) +
           "<ows:WGS84BoundingBox>" + element("ows:LowerCorner", number(e.min_x) + " " + number(e.min_y)) +
           element("ows:UpperCorner", number(e.max_x) + " " + number(e.max_y)) + "</ows:WGS84BoundingBox>" +
           element("ows:Identifier", name);
    const std::vector<std::string> styles = wmts_styles(layer);
    const bool legends = !legend_styles(layer).empty();
    for (std::size_t i = 0; i < styles.size(); ++i) {
      out += std::string("<Style") + (i == 0 ? " isDefault=\"true\"" : "") + ">" + element("ows:Identifier", styles[i]);
      if (legends)
        out += "<LegendURL format=\"image/png\"" + attribute("xlink:href", wms_legend_url(base, layer, styles[i])) + "/>";
      out += "</Style>";
    }
    out += element("Format", "image/png");
    for (TileMatrixSet tms : {TileMatrixSet::web_mercator_quad, TileMatrixSet::world_crs84_quad})
      out += "<TileMatrixSetLink>" + element("TileMatrixSet", tile_matrix_set_name(tms)) + matrix_limits(tms, e) +
             "</TileMatrixSetLink>";
    out += "<ResourceURL format=\"image/png\" resourceType=\"tile\"" +
           attribute("template", base + "/wmts/1.0.0/" + name + "/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png") +
           "/></Layer>\n";
  }
  for (TileMatrixSet tms : {TileMatrixSet::web_mercator_quad, TileMatrixSet::world_crs84_quad})
    out += tile_matrix_set(tms);
  out += "</Contents>\n<ServiceMetadataURL" + attribute("xlink:href", base + "/wmts/1.0.0/WMTSCapabilities.xml") +
         "/>\n</Capabilities>\n";
  return out;
}

}  // namespace layers
