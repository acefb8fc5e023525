// parse_feature: a GeoJSON Feature of the write API read into the record
// import would make (fields, attributes in input order, id rules, the
// footprint rule, geometry and CRS), and every refusal with its message.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "geo/geos/geometry_ops.h"
#include "geo/proj/proj_transform.h"
#include "layers/edit/feature_body.h"
#include "layers/model/initiative_fields.h"
#include "layers/edit/json_body.h"

namespace {

using layers::Division;
using layers::Fault;
using layers::FootprintKind;
using layers::Level;
using layers::SourceRecord;
using layers::edit::BadBody;
using layers::edit::FeatureOptions;
using layers::edit::parse_feature;
using Attributes = std::vector<std::pair<std::string, std::string>>;

SourceRecord parsed(const std::string& body, const FeatureOptions& options = {}) {
  return parse_feature(layers::edit::parse_json_body(body), options);
}

struct Refusal {
  Fault fault;
  std::string detail;
};

Refusal refusal(const std::string& body, const FeatureOptions& options = {}) {
  try {
    parsed(body, options);
  } catch (const BadBody& e) {
    return {e.fault, e.what()};
  }
  ADD_FAILURE() << "accepted: " << body;
  return {Fault::conflict, ""};
}

// A feature with the given properties (without braces) and geometry.
std::string feature(const std::string& properties, const std::string& geometry = "null") {
  return R"({"type":"Feature","geometry":)" + geometry + R"(,"properties":{)" + properties + "}}";
}

std::string detail(const std::string& properties, const std::string& geometry = "null") {
  const Refusal r = refusal(feature(properties, geometry));
  EXPECT_EQ(r.fault, Fault::invalid);
  return r.detail;
}

TEST(EditFeatureBody, ReadsEveryRecognisedFieldAndKeepsAttributesInInputOrder) {
  const SourceRecord rec = parsed(feature(
      R"("zeta":"first","id":"X1","name":" Red de Chiloé ","institution":"Municipalidad","institution_type":"Municipio",)"
      R"("area":"Social","thematic_field":"Salud","scope":"Comunal","rurality":"Rural","contest":"2016","year":2016,)"
      R"("stage":"finalizada","award":"1er Lugar","field_visit":true,"region_recorded":"Los Lagos",)"
      R"("footprint_division":"2007","footprint_codes":["10201"," 10202"],"footprint_names":"Castro;Ancud",)"
      R"("footprint_level":"Commune","footprint_basis":"title","score":4.0,"ratio":0.25,"big":12345678901234,)"
      R"("flag":false,"gone":null,"commune_codes":"13101","region_codes_2007":"13","footprint_kind":"codes")"));
  const auto& in = rec.initiative;
  EXPECT_EQ(in.id, "X1");
  EXPECT_EQ(rec.label, "feature (id X1)");
  EXPECT_EQ(in.name, "Red de Chiloé");
  EXPECT_EQ(in.institution, "Municipalidad");
  EXPECT_EQ(in.institution_type, "Municipio");
  EXPECT_EQ(in.area, "Social");
  EXPECT_EQ(in.thematic_field, "Salud");
  EXPECT_EQ(in.scope, "Comunal");
  EXPECT_EQ(in.rurality, "Rural");
  EXPECT_EQ(in.contest, "2016");
  EXPECT_EQ(in.year, 2016);
  EXPECT_EQ(in.stage, "finalizada");
  EXPECT_EQ(in.award, "1er Lugar");
  EXPECT_EQ(in.field_visit, true);
  EXPECT_EQ(in.region_recorded, "Los Lagos");
  EXPECT_EQ(in.footprint.kind, FootprintKind::codes);
  EXPECT_EQ(in.footprint.division, Division::d2007);
  EXPECT_EQ(in.footprint.codes, (std::vector<std::string>{"10201", "10202"}));
  EXPECT_EQ(in.footprint.names, (std::vector<std::string>{"Castro", "Ancud"}));
  EXPECT_EQ(in.footprint.names_level, Level::commune);
  EXPECT_EQ(in.footprint.basis_note, "title");
  EXPECT_FALSE(in.footprint.geometry);
  const Attributes expected = {{"zeta", "first"},
                               {"id", "X1"},
                               {"name", " Red de Chiloé "},
                               {"institution", "Municipalidad"},
                               {"institution_type", "Municipio"},
                               {"area", "Social"},
                               {"thematic_field", "Salud"},
                               {"scope", "Comunal"},
                               {"rurality", "Rural"},
                               {"contest", "2016"},
                               {"year", "2016"},
                               {"stage", "finalizada"},
                               {"award", "1er Lugar"},
                               {"field_visit", "true"},
                               {"region_recorded", "Los Lagos"},
                               {"footprint_division", "2007"},
                               {"footprint_codes", "10201; 10202"},
                               {"footprint_names", "Castro;Ancud"},
                               {"footprint_level", "Commune"},
                               {"footprint_basis", "title"},
                               {"score", "4"},
                               {"ratio", "0.25"},
                               {"big", "12345678901234"},
                               {"flag", "false"}};
  EXPECT_EQ(in.attributes, expected);
  EXPECT_TRUE(rec.notes.empty());
}

TEST(EditFeatureBody, ReadsFieldsAsImportDoes) {
  // Names are matched case-insensitively; text values are read like CSV
  // fields: "2016.0" is not a year, "sí" is a yes.
  auto in = parsed(feature(R"("NAME":"a","Year":"1999","Field_Visit":"sí","year_note":"x")")).initiative;
  EXPECT_EQ(in.name, "a");
  EXPECT_EQ(in.year, 1999);
  EXPECT_EQ(in.field_visit, true);
  EXPECT_EQ(in.attributes, (Attributes{{"NAME", "a"}, {"Year", "1999"}, {"Field_Visit", "sí"}, {"year_note", "x"}}));
  in = parsed(feature(R"("name":"a","year":2016.0,"field_visit":0,"empty":"")")).initiative;
  EXPECT_EQ(in.year, 2016);
  EXPECT_EQ(in.field_visit, false);
  EXPECT_EQ(in.attributes, (Attributes{{"name", "a"}, {"year", "2016"}, {"field_visit", "0"}}));
  EXPECT_EQ(in.id, "");
  EXPECT_EQ(in.footprint.kind, FootprintKind::unknown);
}

TEST(EditFeatureBody, RefusesFieldsImportRefuses) {
  EXPECT_EQ(detail(R"("id":"a")"), "missing name");
  EXPECT_EQ(detail(R"("name":"  ")"), "missing name");
  EXPECT_EQ(detail(R"("name":"a","year":1800)"), "year '1800' is not a year between 1900 and 2100");
  EXPECT_EQ(detail(R"("name":"a","year":2016.5)"), "year '2016.5' is not a year between 1900 and 2100");
  EXPECT_EQ(detail(R"("name":"a","year":true)"), "year 'true' is not a year between 1900 and 2100");
  EXPECT_EQ(detail(R"("name":"a","field_visit":"maybe")"), "field_visit 'maybe' is not true or false");
  EXPECT_EQ(detail(R"("name":"a","footprint_division":2010)"), "footprint_division '2010' is not 2018 or 2007");
  EXPECT_EQ(detail(R"("name":"a","footprint_level":"barrio")"),
            "footprint_level 'barrio' is not region, province or commune");
}

TEST(EditFeatureBody, RefusesValuesThatAreNotText) {
  EXPECT_EQ(detail(R"("name":"a","tags":["x"])"), "property 'tags' must be a string, number, boolean or null");
  EXPECT_EQ(detail(R"("name":{"es":"a"})"), "property 'name' must be a string, number, boolean or null");
  EXPECT_EQ(detail(R"("name":"a","footprint_codes":["08101",8102])"),
            "property 'footprint_codes' must be a string or an array of strings");
  EXPECT_EQ(detail(R"("name":"a","footprint_kind":3)"), "footprint_kind must be a string");
  EXPECT_EQ(detail(R"("name":"a","":"x")"), "a property name must not be empty");
  EXPECT_EQ(detail(R"("name":"a","Name":"b")"), "properties 'name' and 'Name' name the same field");
  EXPECT_EQ(detail(R"("name":"a","footprint_kind":"codes","FOOTPRINT_KIND":"names")"),
            "properties 'footprint_kind' and 'FOOTPRINT_KIND' name the same field");
}

TEST(EditFeatureBody, RefusesWhatIsNotAFeature) {
  const std::string msg = "the body must be a GeoJSON Feature (an object with \"type\": \"Feature\")";
  EXPECT_EQ(refusal(R"([])").detail, msg);
  EXPECT_EQ(refusal(R"({"type":"FeatureCollection","features":[]})").detail, msg);
  EXPECT_EQ(refusal(R"({"properties":{"name":"a"}})").detail, msg);
  EXPECT_EQ(refusal(R"({"type":"Feature","properties":["name"]})").detail, "/properties must be an object or null");
  EXPECT_EQ(refusal(R"({"type":"Feature","properties":null})").detail, "missing name");
  // Foreign members (links, bbox, a revision) are ignored.
  EXPECT_EQ(parsed(R"({"type":"Feature","links":[],"bbox":[0,0,1,1],"revision":3,"properties":{"name":"a"}})")
                .initiative.name,
            "a");
}

TEST(EditFeatureBody, IdComesFromPropertiesOrTheFeatureAndMustAgree) {
  EXPECT_EQ(parsed(R"({"type":"Feature","id":"X1","properties":{"name":"a"}})").initiative.id, "X1");
  EXPECT_EQ(parsed(R"({"type":"Feature","id":60,"properties":{"name":"a","id":"60"}})").initiative.id, "60");
  EXPECT_EQ(parsed(R"({"type":"Feature","id":null,"properties":{"name":"a","id":" a.b_c-9 "}})").initiative.id,
            "a.b_c-9");
  const auto no_id = parsed(R"({"type":"Feature","properties":{"name":"a"}})");
  EXPECT_EQ(no_id.initiative.id, "");
  EXPECT_EQ(no_id.label, "feature");
  EXPECT_EQ(refusal(R"({"type":"Feature","id":"X1","properties":{"name":"a","id":"X2"}})").detail,
            "the feature id 'X1' and properties.id 'X2' differ");
  EXPECT_EQ(refusal(R"({"type":"Feature","id":1.5,"properties":{"name":"a"}})").detail,
            "the feature id must be a string or an integer");
  EXPECT_EQ(refusal(R"({"type":"Feature","id":"a b","properties":{"name":"a"}})").detail,
            "the id 'a b' is not 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
  EXPECT_EQ(refusal(R"({"type":"Feature","id":"","properties":{"name":"a"}})").detail,
            "the id '' is not 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
  EXPECT_EQ(refusal(R"({"type":"Feature","properties":{"name":"a","id":")" + std::string(65, 'x') + R"("}})").detail,
            "the id '" + std::string(40, 'x') + "...' is not 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
  EXPECT_NO_THROW(parsed(R"({"type":"Feature","properties":{"name":"a","id":")" + std::string(64, 'x') + R"("}})"));
}

TEST(EditFeatureBody, WithoutFootprintKindTheGeometryComesFirstThenCodesThenNames) {
  const std::string point = R"({"type":"Point","coordinates":[-70.65,-33.45]})";
  auto f = parsed(feature(R"("name":"a","footprint_codes":"13101","footprint_names":"Santiago")", point))
               .initiative.footprint;
  EXPECT_EQ(f.kind, FootprintKind::points);
  EXPECT_EQ(f.geometry.to_wkt(), "POINT (-70.65 -33.45)");
  EXPECT_EQ(f.codes, std::vector<std::string>{"13101"});  // kept, as import keeps them
  f = parsed(feature(R"("name":"a","footprint_codes":"13101","footprint_names":"Santiago")")).initiative.footprint;
  EXPECT_EQ(f.kind, FootprintKind::codes);
  f = parsed(feature(R"("name":"a","footprint_codes":" ; ","footprint_names":"Santiago")")).initiative.footprint;
  EXPECT_EQ(f.kind, FootprintKind::names);
  // An empty geometry is no geometry.
  f = parsed(feature(R"("name":"a","footprint_codes":"13101")", R"({"type":"MultiPoint","coordinates":[]})"))
          .initiative.footprint;
  EXPECT_EQ(f.kind, FootprintKind::codes);
  EXPECT_FALSE(f.geometry);
  f = parsed(feature(R"("name":"a")", R"({"type":"MultiPolygon","coordinates":[]})")).initiative.footprint;
  EXPECT_EQ(f.kind, FootprintKind::unknown);
}

TEST(EditFeatureBody, FootprintKindDecides) {
  const std::string square = R"({"type":"Polygon","coordinates":[[[-70.7,-33.5],[-70.6,-33.5],[-70.6,-33.4],)"
                             R"([-70.7,-33.4],[-70.7,-33.5]]]})";
  // codes and names ignore the geometry (a GET feature's union of units), even one that is not valid.
  auto f = parsed(feature(R"("name":"a","footprint_kind":"codes","footprint_codes":"13101")", square))
               .initiative.footprint;
  EXPECT_EQ(f.kind, FootprintKind::codes);
  EXPECT_FALSE(f.geometry);
  f = parsed(feature(R"("name":"a","footprint_kind":" Names ","footprint_names":"Santiago","footprint_codes":"1")",
                     R"({"type":"LineString","coordinates":7})"))
          .initiative.footprint;
  EXPECT_EQ(f.kind, FootprintKind::names);
  f = parsed(feature(R"("name":"a","footprint_kind":"polygons","footprint_codes":"13101")", square))
          .initiative.footprint;
  EXPECT_EQ(f.kind, FootprintKind::polygons);
  EXPECT_EQ(f.geometry.to_wkt(2), "MULTIPOLYGON (((-70.7 -33.5, -70.6 -33.5, -70.6 -33.4, -70.7 -33.4, -70.7 -33.5)))");
  f = parsed(feature(R"("name":"a","footprint_kind":"unknown","footprint_codes":"13101")", square))
          .initiative.footprint;
  EXPECT_EQ(f.kind, FootprintKind::unknown);
  EXPECT_FALSE(f.geometry);
  EXPECT_EQ(f.codes, std::vector<std::string>{"13101"});
  // An empty footprint_kind is no footprint_kind.
  EXPECT_EQ(parsed(feature(R"("name":"a","footprint_kind":"","footprint_codes":"13101")")).initiative.footprint.kind,
            FootprintKind::codes);

  EXPECT_EQ(detail(R"("name":"a","footprint_kind":"codes","footprint_names":"Santiago")"),
            "footprint_kind codes needs footprint_codes");
  EXPECT_EQ(detail(R"("name":"a","footprint_kind":"names","footprint_names":";")"),
            "footprint_kind names needs footprint_names");
  EXPECT_EQ(detail(R"("name":"a","footprint_kind":"points")", square),
            "footprint_kind points needs a Point or MultiPoint geometry");
  EXPECT_EQ(detail(R"("name":"a","footprint_kind":"points")"), "footprint_kind points needs a Point or MultiPoint geometry");
  EXPECT_EQ(detail(R"("name":"a","footprint_kind":"points")", R"({"type":"MultiPoint","coordinates":[]})"),
            "footprint_kind points needs a Point or MultiPoint geometry");
  EXPECT_EQ(detail(R"("name":"a","footprint_kind":"polygons")", R"({"type":"Point","coordinates":[0,0]})"),
            "footprint_kind polygons needs a Polygon or MultiPolygon geometry");
  EXPECT_EQ(detail(R"("name":"a","footprint_kind":"lines")"),
            "footprint_kind 'lines' is not codes, names, points, polygons or unknown");
}

TEST(EditFeatureBody, ReadsPointsAndPolygonsAsImportStoresThem) {
  auto f = parsed(feature(R"("name":"a")", R"({"type":"MultiPoint","coordinates":[[-70.5,-33.5,512],[-71,-34]]})"))
               .initiative.footprint;
  EXPECT_EQ(f.kind, FootprintKind::points);
  EXPECT_EQ(f.geometry.to_wkt(1), "MULTIPOINT (-70.5 -33.5, -71 -34)");
  f = parsed(feature(R"("name":"a")",
                     R"({"type":"MultiPolygon","coordinates":[[[[0,0],[2,0],[2,2],[0,2],[0,0]],[[0.5,0.5],[1,0.5],)"
                     R"([1,1],[0.5,0.5]]],[[[5,5],[6,5],[6,6],[5,5]]]]})"))
          .initiative.footprint;
  EXPECT_EQ(f.kind, FootprintKind::polygons);
  EXPECT_EQ(f.geometry.to_wkt(1),
            "MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0), (0.5 0.5, 1 0.5, 1 1, 0.5 0.5)), ((5 5, 6 5, 6 6, 5 5)))");
  // A bow tie is repaired into its two triangles, and a note says why.
  const auto rec = parsed(R"({"type":"Feature","id":"b1","properties":{"name":"a"},"geometry":{"type":"Polygon",)"
                          R"("coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}})");
  EXPECT_EQ(rec.initiative.footprint.kind, FootprintKind::polygons);
  EXPECT_DOUBLE_EQ(rec.initiative.footprint.geometry.area(), 2.0);
  EXPECT_EQ(rec.initiative.footprint.geometry.type_id(), 6);  // GEOS_MULTIPOLYGON
  EXPECT_EQ(rec.notes, std::vector<std::string>{"feature (id b1): invalid polygon repaired (Self-intersection[1 1])"});
  EXPECT_EQ(detail(R"("name":"a")", R"({"type":"Polygon","coordinates":[[[0,0],[1,1],[2,2],[0,0]]]})"),
            "invalid polygon cannot be repaired (Self-intersection[1 1])");
}

TEST(EditFeatureBody, RefusesGeometriesThatAreNotFootprints) {
  EXPECT_EQ(detail(R"("name":"a")", R"({"type":"LineString","coordinates":[[0,0],[1,1]]})"),
            "geometry type LineString is not supported: a footprint is points or polygons");
  EXPECT_EQ(detail(R"("name":"a")", R"({"type":"GeometryCollection","geometries":[]})"),
            "geometry type GeometryCollection is not supported: a footprint is points or polygons");
  EXPECT_EQ(detail(R"("name":"a")", R"({"type":"Circle","coordinates":[0,0]})"),
            "/geometry/type 'Circle' is not a GeoJSON geometry type");
  EXPECT_EQ(detail(R"("name":"a")", R"({"coordinates":[0,0]})"),
            "/geometry/type must be Point, MultiPoint, Polygon or MultiPolygon");
  EXPECT_EQ(detail(R"("name":"a")", R"x("POINT(0 0)")x"), "/geometry must be a GeoJSON geometry object or null");
  EXPECT_EQ(detail(R"("name":"a")", R"({"type":"Point"})"), "/geometry/coordinates is missing");
  EXPECT_EQ(detail(R"("name":"a")", R"({"type":"Point","coordinates":[1]})"),
            "/geometry/coordinates: a position must be an array of 2 or 3 numbers");
  EXPECT_EQ(detail(R"("name":"a")", R"({"type":"MultiPoint","coordinates":[[1,2],[1,"2"]]})"),
            "/geometry/coordinates/1: a position must be an array of 2 or 3 numbers");
  EXPECT_EQ(detail(R"("name":"a")", R"({"type":"MultiPoint","coordinates":{}})"),
            "/geometry/coordinates must be an array");
  EXPECT_EQ(detail(R"("name":"a")", R"({"type":"Polygon","coordinates":[]})"),
            "/geometry/coordinates: a polygon needs at least one ring");
  EXPECT_EQ(detail(R"("name":"a")", R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]})"),
            "/geometry/coordinates/0: a polygon ring needs at least 4 positions");
  EXPECT_EQ(detail(R"("name":"a")", R"({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1]]]]})"),
            "/geometry/coordinates/0/0: a polygon ring must end where it starts");
  EXPECT_EQ(detail(R"("name":"a")", R"({"type":"Point","coordinates":[-70,-91]})"),
            "/geometry/coordinates: position [-70, -91] is not a longitude and latitude");
  EXPECT_EQ(detail(R"("name":"a")", R"({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],)"
                                    R"([[[0,0],[181,0],[1,1],[0,0]]]]})"),
            "/geometry/coordinates/1: position [181, 0] is not a longitude and latitude");
}

TEST(EditFeatureBody, BoundsThePositionsOfTheGeometry) {
  FeatureOptions small;
  small.max_vertices = 4;
  const std::string four = R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]})";
  EXPECT_EQ(parsed(feature(R"("name":"a")", four), small).initiative.footprint.kind, FootprintKind::polygons);
  const auto r = refusal(feature(R"("name":"a")", R"({"type":"MultiPoint","coordinates":[[0,0],[0,0],[0,0],[0,0],)"
                                                  R"([0,0],"not even read"]})"),
                         small);
  EXPECT_EQ(r.fault, Fault::too_large);
  EXPECT_EQ(r.detail, "the geometry has more than 4 positions, the limit");
  // The default: 200,000.
  std::string many = R"({"type":"MultiPoint","coordinates":[)";
  for (int i = 0; i < 200'001; ++i) many += i ? ",[0,0]" : "[0,0]";
  many += "]}";
  EXPECT_EQ(refusal(feature(R"("name":"a")", many)).detail, "the geometry has more than 200000 positions, the limit");
}

TEST(EditFeatureBody, ContentCrsNamesASupportedCrs) {
  using layers::edit::parse_content_crs;
  EXPECT_EQ(parse_content_crs("<http://www.opengis.net/def/crs/EPSG/0/32719>").proj, "EPSG:32719");
  EXPECT_EQ(parse_content_crs(" <http://www.opengis.net/def/crs/OGC/1.3/CRS84> ").proj, "OGC:CRS84");
  EXPECT_EQ(parse_content_crs("http://www.opengis.net/def/crs/EPSG/0/4326").proj, "EPSG:4326");
  EXPECT_EQ(parse_content_crs("<https://www.opengis.net/def/crs/EPSG/0/3857>").proj, "EPSG:3857");
  const std::string supported =
      " is not a supported CRS: <http://www.opengis.net/def/crs/OGC/1.3/CRS84>, "
      "<http://www.opengis.net/def/crs/EPSG/0/4326>, <http://www.opengis.net/def/crs/EPSG/0/3857>, "
      "<http://www.opengis.net/def/crs/EPSG/0/32718>, <http://www.opengis.net/def/crs/EPSG/0/32719>";
  for (const std::string bad : {"<http://www.opengis.net/def/crs/EPSG/0/32619>", "<>", "", "EPSG:99999"}) {
    try {
      parse_content_crs(bad);
      ADD_FAILURE() << bad;
    } catch (const BadBody& e) {
      EXPECT_EQ(e.fault, Fault::invalid);
      EXPECT_EQ(std::string(e.what()), "Content-Crs '" + bad + "'" + supported);
    }
  }
  try {
    parse_content_crs("<\xff\n" + std::string(100, 'x') + ">");
    ADD_FAILURE();
  } catch (const BadBody& e) {
    EXPECT_EQ(std::string(e.what()), "Content-Crs '<??" + std::string(77, 'x') + "...'" + supported);
  }
}

TEST(EditFeatureBody, ReprojectsFromTheContentCrs) {
  FeatureOptions utm;
  utm.crs = &layers::edit::parse_content_crs("<http://www.opengis.net/def/crs/EPSG/0/32719>");
  const auto f = parsed(feature(R"("name":"a")", R"({"type":"Point","coordinates":[350000,6300000]})"), utm)
                     .initiative.footprint;
  double x = 350000, y = 6300000;
  geo::ProjTransform("EPSG:32719", "OGC:CRS84").transform(x, y);
  double px = 0, py = 0;
  geo::point_xy(f.geometry, px, py);
  EXPECT_EQ(px, x);
  EXPECT_EQ(py, y);
  EXPECT_EQ(f.geometry.to_wkt(4), "POINT (-70.6135 -33.4289)");
  // EPSG:4326 is latitude first.
  FeatureOptions latlon;
  latlon.crs = &layers::edit::parse_content_crs("<http://www.opengis.net/def/crs/EPSG/0/4326>");
  EXPECT_EQ(parsed(feature(R"("name":"a")", R"({"type":"Point","coordinates":[-33.45,-70.65]})"), latlon)
                .initiative.footprint.geometry.to_wkt(),
            "POINT (-70.65 -33.45)");
  EXPECT_EQ(refusal(feature(R"("name":"a")", R"({"type":"Point","coordinates":[-100,10]})"), latlon).detail,
            "/geometry/coordinates: position [10, -100] (in CRS84) is not a longitude and latitude");
}

TEST(EditFeatureBody, NewIdsAreFreshAndValid) {
  const std::string a = layers::edit::new_initiative_id(), b = layers::edit::new_initiative_id();
  EXPECT_EQ(a.size(), 13u);
  EXPECT_EQ(a[0], 'i');
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef", 1), std::string::npos);
  EXPECT_NE(a, b);
  EXPECT_TRUE(layers::is_valid_initiative_id(a));
}

}  // namespace
