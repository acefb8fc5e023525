#include "layers/styles/qml_style.h"

#include <string_view>

#include "layers/styles/style_xml.h"

namespace layers {

namespace {

using style_xml::escape;
using style_xml::number;

// QGIS colours are "r,g,b,a" in decimal.
std::string qgis_colour(const std::string& hex) {
  const auto byte = [&](std::size_t at) { return std::to_string(std::stoi(hex.substr(at, 2), nullptr, 16)); };
  return byte(1) + "," + byte(3) + "," + byte(5) + ",255";
}

std::string prop(std::string_view k, const std::string& v) {
  return "<prop k=\"" + std::string(k) + "\" v=\"" + escape(v) + "\"/>";
}

std::string symbol(const ChoroplethStyle& s, std::size_t k) {
  const std::string fill = qgis_colour(s.classes[k].colour);
  std::string out = "      <symbol type=\"" + std::string(s.points ? "marker" : "fill") + "\" name=\"" +
                    std::to_string(k) + "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n";
  if (s.points)
    out += "        <layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">" + prop("color", fill) +
           prop("name", "circle") + prop("size", "2") + prop("size_unit", "MM") +
           prop("outline_color", "255,255,255,255") + prop("outline_style", "solid") + prop("outline_width", "0.1") +
           prop("outline_width_unit", "MM") + "</layer>\n";
  else
    out += "        <layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">" + prop("color", fill) +
           prop("style", "solid") + prop("outline_color", "255,255,255,255") + prop("outline_style", "solid") +
           prop("outline_width", "0.1") + prop("outline_width_unit", "MM") + "</layer>\n";
  return out + "      </symbol>\n";
}

}  // namespace

std::string qml_style(const ChoroplethStyle& s) {
  std::string out =
      "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      "<qgis version=\"3.22.0\" styleCategories=\"Symbology\">\n"
      "  <renderer-v2 type=\"graduatedSymbol\" attr=\"" +
      escape(s.qgis_expression) +
      "\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n"
      "    <ranges>\n";
  for (std::size_t k = 0; k < s.classes.size(); ++k)
    out += "      <range lower=\"" + number(class_boundary(s, k)) + "\" upper=\"" + number(class_boundary(s, k + 1)) +
           "\" symbol=\"" + std::to_string(k) + "\" label=\"" + escape(s.classes[k].label) + "\" render=\"true\"/>\n";
  out += "    </ranges>\n    <symbols>\n";
  for (std::size_t k = 0; k < s.classes.size(); ++k) out += symbol(s, k);
  out += "    </symbols>\n  </renderer-v2>\n  <layerGeometryType>" + std::string(s.points ? "0" : "2") +
         "</layerGeometryType>\n</qgis>\n";
  return out;
}

}  // namespace layers
