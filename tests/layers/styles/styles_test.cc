// The style encodings against the server palette: every class bound and
// colour of the PNG tiles' palette appears, in order, in the MapLibre step
// expression, the QML ranges and symbols and the SLD rules (parsed as XML
// by GDAL's CPL parser, as a client would).
#include <gtest/gtest.h>

#include <cpl_minixml.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "layers/styles/choropleth.h"
#include "layers/styles/maplibre_style.h"
#include "layers/styles/qml_style.h"
#include "layers/styles/sld_style.h"
#include "layers/tiles/census_tiles.h"
#include "layers/tiles/tiles_palette.h"

namespace {

using nlohmann::json;
using namespace layers;

struct XmlFree {
  void operator()(CPLXMLNode* n) const { CPLDestroyXMLNode(n); }
};
using Xml = std::unique_ptr<CPLXMLNode, XmlFree>;

Xml parse(const std::string& text) { return Xml(CPLParseXMLString(text.c_str())); }

// The children of `parent` named `name` (elements only).
std::vector<const CPLXMLNode*> children(const CPLXMLNode* parent, const char* name) {
  std::vector<const CPLXMLNode*> out;
  for (const CPLXMLNode* c = parent ? parent->psChild : nullptr; c; c = c->psNext)
    if (c->eType == CXT_Element && std::string(c->pszValue) == name) out.push_back(c);
  return out;
}

std::string hex(geo::Rgba c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

// The reference: the palette the PNG tiles draw with.
const std::vector<ColourClass>& reference(const ChoroplethStyle& s) {
  if (s.layer == TileLayer::census_zones) return census_palette();
  return palette(*parse_measure(s.id));
}

std::vector<ChoroplethStyle> all_styles() {
  std::vector<ChoroplethStyle> out;
  for (const std::string& name : tile_layer_names())
    for (auto& s : choropleth_styles(*parse_tile_layer(name))) out.push_back(std::move(s));
  return out;
}

TEST(Styles, EveryMapTilesetHasItsMeasuresAndOnlyThose) {
  for (const std::string& name : tile_layer_names()) {
    const TileLayer t = *parse_tile_layer(name);
    std::vector<std::string> ids;
    for (const auto& s : choropleth_styles(t)) ids.push_back(s.id);
    if (!tile_layer_has_map(t) || t == TileLayer::initiatives) {
      EXPECT_TRUE(ids.empty()) << name;
    } else if (t == TileLayer::census_zones) {
      EXPECT_EQ(ids, std::vector<std::string>({"population"}));
    } else {
      EXPECT_EQ(ids, std::vector<std::string>({"initiatives", "per_100k", "covered"})) << name;
    }
  }
  EXPECT_EQ(all_styles().size(), 5u * 3 + 1);
  EXPECT_FALSE(find_choropleth_style(TileLayer::communes, "height"));
  EXPECT_FALSE(find_choropleth_style(TileLayer::initiatives, "initiatives"));
}

TEST(Styles, MapLibreStepHasThePaletteBoundsAndColours) {
  for (const auto& s : all_styles()) {
    const json doc = json::parse(maplibre_style(s, "http://h:1").dump());
    EXPECT_EQ(doc["version"], 8);
    EXPECT_EQ(doc["sources"]["territorio"]["tiles"][0],
              "http://h:1/tiles/" + std::string(tile_layer_name(s.layer)) + "/{z}/{x}/{y}.mvt");
    const json& layer = doc["layers"][1];
    EXPECT_EQ(layer["source-layer"], std::string(tile_layer_name(s.layer)));
    const json& step = layer["paint"][s.points ? "circle-color" : "fill-color"];
    const auto& p = reference(s);
    ASSERT_EQ(step.size(), 3 + 2 * (p.size() - 1)) << s.id;
    EXPECT_EQ(step[0], "step");
    EXPECT_EQ(step[1], json::parse(R"(["to-number", ["get", ")" + s.property + R"("], 0])"));
    EXPECT_EQ(step[2], hex(p[0].colour));
    for (std::size_t k = 1; k < p.size(); ++k) {
      EXPECT_EQ(step[1 + 2 * k].get<double>(), p[k].lower) << s.id << " " << k;
      EXPECT_EQ(step[2 + 2 * k], hex(p[k].colour)) << s.id << " " << k;
    }
  }
  // Spelled out once, for the communes per 100,000.
  const json doc = maplibre_style(*find_choropleth_style(TileLayer::communes, "per_100k"), "");
  EXPECT_EQ(doc["layers"][1]["paint"]["fill-color"].dump(),
            R"(["step",["to-number",["get","per_100k"],0],"#e0e0e0",1e-09,"#c7e9b4",1.0,"#7fcdbb",2.0,"#41b6c4",5.0,"#1d91c0",10.0,"#0c2c84"])");
  EXPECT_EQ(doc["layers"][2]["type"], "line");
}

TEST(Styles, QmlIsAGraduatedRendererWithOneRangePerClass) {
  for (const auto& s : all_styles()) {
    const Xml xml = parse(qml_style(s));
    ASSERT_TRUE(xml) << s.id;
    const CPLXMLNode* qgis = CPLGetXMLNode(xml.get(), "=qgis");
    ASSERT_TRUE(qgis);
    const CPLXMLNode* renderer = CPLGetXMLNode(qgis, "renderer-v2");
    ASSERT_TRUE(renderer);
    EXPECT_STREQ(CPLGetXMLValue(renderer, "type", ""), "graduatedSymbol");
    EXPECT_EQ(CPLGetXMLValue(renderer, "attr", ""), s.qgis_expression);
    const auto ranges = children(CPLGetXMLNode(renderer, "ranges"), "range");
    const auto symbols = children(CPLGetXMLNode(renderer, "symbols"), "symbol");
    const auto& p = reference(s);
    ASSERT_EQ(ranges.size(), p.size()) << s.id;
    ASSERT_EQ(symbols.size(), p.size()) << s.id;
    for (std::size_t k = 0; k < p.size(); ++k) {
      EXPECT_EQ(CPLGetXMLValue(ranges[k], "label", ""), p[k].label);
      EXPECT_EQ(std::stod(CPLGetXMLValue(ranges[k], "symbol", "")), static_cast<double>(k));
      const double lower = std::stod(CPLGetXMLValue(ranges[k], "lower", ""));
      const double upper = std::stod(CPLGetXMLValue(ranges[k], "upper", ""));
      // Closed ranges half a step off the palette bounds.
      const auto half_step_below = [&](double bound) {
        return std::ceil(bound / s.resolution - 1e-9) * s.resolution - s.resolution / 2;
      };
      EXPECT_NEAR(lower, k == 0 ? p[0].lower : half_step_below(p[k].lower), 1e-12);
      EXPECT_NEAR(upper, k + 1 < p.size() ? half_step_below(p[k + 1].lower) : kTopValue, 1e-12);
      const CPLXMLNode* layer = CPLGetXMLNode(const_cast<CPLXMLNode*>(symbols[k]), "layer");
      ASSERT_TRUE(layer);
      std::string colour;
      for (const CPLXMLNode* prop : children(layer, "prop"))
        if (std::string(CPLGetXMLValue(prop, "k", "")) == "color") colour = CPLGetXMLValue(prop, "v", "");
      const geo::Rgba c = p[k].colour;
      EXPECT_EQ(colour, std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + ",255");
    }
  }
  // The bounds spelled out: counts 0 | 1 | 2 | 3-4 | 5-9 | 10+.
  const Xml xml = parse(qml_style(*find_choropleth_style(TileLayer::communes, "initiatives")));
  std::string bounds;
  for (const CPLXMLNode* r : children(CPLGetXMLNode(xml.get(), "=qgis.renderer-v2.ranges"), "range"))
    bounds += std::string(CPLGetXMLValue(r, "lower", "")) + "-" + CPLGetXMLValue(r, "upper", "") + " ";
  EXPECT_EQ(bounds, "0.0-0.5 0.5-1.5 1.5-2.5 2.5-4.5 4.5-9.5 9.5-1000000000.0 ");
}

TEST(Styles, SldHasOneRulePerClassWithThePaletteRange) {
  for (const auto& s : all_styles()) {
    const Xml xml = parse(sld_style(s));
    ASSERT_TRUE(xml) << s.id;
    const CPLXMLNode* root = CPLGetXMLNode(xml.get(), "=StyledLayerDescriptor");
    ASSERT_TRUE(root);
    EXPECT_STREQ(CPLGetXMLValue(root, "version", ""), "1.1.0");
    const CPLXMLNode* fts = CPLGetXMLNode(root, "NamedLayer.UserStyle.se:FeatureTypeStyle");
    ASSERT_TRUE(fts);
    const auto rules = children(fts, "se:Rule");
    const auto& p = reference(s);
    ASSERT_EQ(rules.size(), p.size()) << s.id;
    for (std::size_t k = 0; k < p.size(); ++k) {
      CPLXMLNode* rule = const_cast<CPLXMLNode*>(rules[k]);
      EXPECT_EQ(CPLGetXMLValue(rule, "se:Name", ""), p[k].label);
      const bool last = k + 1 == p.size();
      const char* from = last ? "ogc:Filter.ogc:PropertyIsGreaterThanOrEqualTo.ogc:Literal"
                              : "ogc:Filter.ogc:And.ogc:PropertyIsGreaterThanOrEqualTo.ogc:Literal";
      EXPECT_EQ(std::stod(CPLGetXMLValue(rule, from, "nan")), p[k].lower) << s.id << " " << k;
      if (!last) {
        EXPECT_EQ(std::stod(CPLGetXMLValue(rule, "ogc:Filter.ogc:And.ogc:PropertyIsLessThan.ogc:Literal", "nan")),
                  p[k + 1].lower);
      }
      const char* fill = s.points ? "se:PointSymbolizer.se:Graphic.se:Mark.se:Fill.se:SvgParameter"
                                  : "se:PolygonSymbolizer.se:Fill.se:SvgParameter";
      EXPECT_EQ(CPLGetXMLValue(rule, fill, ""), hex(p[k].colour)) << s.id << " " << k;
    }
  }
}

}  // namespace
