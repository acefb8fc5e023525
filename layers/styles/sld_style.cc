#include "layers/styles/sld_style.h"

#include "layers/styles/style_xml.h"

namespace layers {

namespace {

using style_xml::escape;
using style_xml::number;

std::string comparison(const char* op, const ChoroplethStyle& s, double value) {
  return std::string("<ogc:") + op + ">" + s.filter_expression + "<ogc:Literal>" + number(value) +
         "</ogc:Literal></ogc:" + op + ">";
}

std::string filter(const ChoroplethStyle& s, std::size_t k) {
  const bool last = k + 1 == s.classes.size();
  const std::string from = comparison("PropertyIsGreaterThanOrEqualTo", s, s.classes[k].lower);
  if (last) return "<ogc:Filter>" + from + "</ogc:Filter>";
  return "<ogc:Filter><ogc:And>" + from + comparison("PropertyIsLessThan", s, s.classes[k + 1].lower) +
         "</ogc:And></ogc:Filter>";
}

std::string symbolizer(const ChoroplethStyle& s, std::size_t k) {
  const std::string fill = "<se:Fill><se:SvgParameter name=\"fill\">" + s.classes[k].colour + "</se:SvgParameter></se:Fill>";
  const std::string stroke =
      "<se:Stroke><se:SvgParameter name=\"stroke\">#ffffff</se:SvgParameter>"
      "<se:SvgParameter name=\"stroke-width\">0.5</se:SvgParameter></se:Stroke>";
  if (s.points)
    return "<se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>circle</se:WellKnownName>" + fill + stroke +
           "</se:Mark><se:Size>6</se:Size></se:Graphic></se:PointSymbolizer>";
  return "<se:PolygonSymbolizer>" + fill + stroke + "</se:PolygonSymbolizer>";
}

}  // namespace

std::string sld_style(const ChoroplethStyle& s) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<StyledLayerDescriptor version=\"1.1.0\" xmlns=\"http://www.opengis.net/sld\" "
      "xmlns:se=\"http://www.opengis.net/se\" xmlns:ogc=\"http://www.opengis.net/ogc\" "
      "xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://www.opengis.net/sld "
      "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n"
      " <NamedLayer>\n  <se:Name>" +
      escape(tile_layer_name(s.layer)) + "</se:Name>\n  <UserStyle>\n   <se:Name>" + escape(s.id) +
      "</se:Name>\n   <se:Description><se:Title>" + escape(s.title) +
      "</se:Title></se:Description>\n   <se:FeatureTypeStyle>\n";
  for (std::size_t k = 0; k < s.classes.size(); ++k)
    out += "    <se:Rule><se:Name>" + escape(s.classes[k].label) + "</se:Name><se:Description><se:Title>" +
           escape(s.classes[k].label) + "</se:Title></se:Description>" + filter(s, k) + symbolizer(s, k) +
           "</se:Rule>\n";
  out += "   </se:FeatureTypeStyle>\n  </UserStyle>\n </NamedLayer>\n</StyledLayerDescriptor>\n";
  return out;
}

}  // namespace layers
