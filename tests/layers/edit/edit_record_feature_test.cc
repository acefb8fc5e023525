// record_feature_json: the exact text of a record as stored, and the round
// trip parse_feature(record_feature_json(x)) == x for seed-like records and
// for every record of the bundled seed as import reads it.
#include <gtest/gtest.h>

#include <string>

#include "geo/geos/coordinate_geometry.h"
#include "layers/edit/feature_body.h"
#include "layers/edit/json_body.h"
#include "layers/store/initiative_source.h"

namespace {

using layers::Division;
using layers::FootprintKind;
using layers::Initiative;
using layers::Level;
using layers::edit::record_feature_json;

std::string wkb_of(const geo::Geometry& g) {
  if (!g) return "";
  const auto wkb = g.to_wkb();
  return std::string(wkb.begin(), wkb.end());
}

// Every member of the record, the geometry as WKB bytes.
void expect_same(const Initiative& a, const Initiative& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.institution, b.institution);
  EXPECT_EQ(a.institution_type, b.institution_type);
  EXPECT_EQ(a.area, b.area);
  EXPECT_EQ(a.thematic_field, b.thematic_field);
  EXPECT_EQ(a.scope, b.scope);
  EXPECT_EQ(a.rurality, b.rurality);
  EXPECT_EQ(a.contest, b.contest);
  EXPECT_EQ(a.year, b.year);
  EXPECT_EQ(a.stage, b.stage);
  EXPECT_EQ(a.award, b.award);
  EXPECT_EQ(a.field_visit, b.field_visit);
  EXPECT_EQ(a.region_recorded, b.region_recorded);
  EXPECT_EQ(a.attributes, b.attributes);
  EXPECT_EQ(a.footprint.kind, b.footprint.kind);
  EXPECT_EQ(a.footprint.division, b.footprint.division);
  EXPECT_EQ(a.footprint.codes, b.footprint.codes);
  EXPECT_EQ(a.footprint.names, b.footprint.names);
  EXPECT_EQ(a.footprint.names_level, b.footprint.names_level);
  EXPECT_EQ(a.footprint.basis_note, b.footprint.basis_note);
  EXPECT_EQ(wkb_of(a.footprint.geometry), wkb_of(b.footprint.geometry));
}

Initiative round_trip(const Initiative& in) {
  return layers::edit::parse_feature(layers::edit::parse_json_body(record_feature_json(in))).initiative;
}

Initiative seed_like() {
  Initiative in;
  in.id = "60";
  in.name = "La Red Intercomunal de Chiloé";
  in.institution = "Asociación \"Provincial\"";
  in.region_recorded = "Los Lagos";
  in.year = 2009;
  in.field_visit = false;
  in.footprint.kind = FootprintKind::codes;
  in.footprint.codes = {"102", "10201"};
  in.footprint.basis_note = "province named in title";
  in.attributes = {{"id", "60"},           {"annex_order", "1"},           {"name", in.name},
                   {"institution", in.institution}, {"region_recorded", "Los Lagos"}, {"year", "2009"},
                   {"field_visit", "false"}, {"footprint_division", "2018"}, {"footprint_codes", "102;10201"},
                   {"footprint_basis", in.footprint.basis_note}};
  return in;
}

TEST(EditRecordFeature, WritesPropertiesInAttributeOrderWithTypedRecognisedValues) {
  const Initiative in = seed_like();
  EXPECT_EQ(record_feature_json(in, 12),
            R"({"type":"Feature","id":"60","revision":12,"geometry":null,"properties":{"id":"60","annex_order":"1",)"
            R"("name":"La Red Intercomunal de Chiloé","institution":"Asociación \"Provincial\"",)"
            R"("region_recorded":"Los Lagos","year":2009,"field_visit":false,"footprint_division":"2018",)"
            R"("footprint_codes":"102;10201","footprint_basis":"province named in title","footprint_kind":"codes"}})");
  expect_same(round_trip(in), in);
}

TEST(EditRecordFeature, WritesTheRecordsValuesNotStaleAttributeText) {
  // A record made in code: fields set without attributes, attributes whose
  // text the record no longer says, and names a write ignores.
  Initiative in;
  in.id = "x";
  in.name = "Nombre";
  in.stage = "terreno";
  in.footprint.kind = FootprintKind::names;
  in.footprint.division = Division::d2007;
  in.footprint.names = {"Chillán", "Bulnes"};
  in.footprint.names_level = Level::commune;
  in.attributes = {{"Year", "  "}, {"NAME", "old name"}, {"commune_codes", "16101"}, {"footprint_kind", "codes"},
                   {"note", "a\nb"}};
  EXPECT_EQ(record_feature_json(in),
            R"({"type":"Feature","id":"x","geometry":null,"properties":{"NAME":"Nombre","note":"a\nb",)"
            R"("stage":"terreno","footprint_division":"2007","footprint_names":"Chillán;Bulnes",)"
            R"("footprint_level":"commune","footprint_kind":"names"}})");
  const Initiative back = round_trip(in);
  EXPECT_EQ(back.name, "Nombre");
  EXPECT_EQ(back.footprint.names, in.footprint.names);
  EXPECT_EQ(back.footprint.division, Division::d2007);
  EXPECT_EQ(back.attributes, (std::vector<std::pair<std::string, std::string>>{
                                 {"NAME", "Nombre"},
                                 {"note", "a\nb"},
                                 {"stage", "terreno"},
                                 {"footprint_division", "2007"},
                                 {"footprint_names", "Chillán;Bulnes"},
                                 {"footprint_level", "commune"}}));
  // Written again, the record read back gives the same text.
  EXPECT_EQ(record_feature_json(round_trip(back)), record_feature_json(back));
  // An id not yet assigned is left out, not written empty.
  in = Initiative{};
  in.name = "n";
  EXPECT_EQ(record_feature_json(in),
            R"({"type":"Feature","geometry":null,"properties":{"name":"n","footprint_kind":"unknown"}})");
  EXPECT_EQ(round_trip(in).id, "");
}

TEST(EditRecordFeature, WritesOwnGeometriesWithEveryDigit) {
  Initiative in;
  in.id = "p1";
  in.name = "puntos";
  in.attributes = {{"name", "puntos"}};
  in.footprint.kind = FootprintKind::points;
  in.footprint.geometry = geo::multi_point_from_xy({-70.61348718734511, -33.42886129681733, 0.1 + 0.2, -1e-7});
  EXPECT_EQ(record_feature_json(in),
            R"({"type":"Feature","id":"p1","geometry":{"type":"MultiPoint","coordinates":[[-70.61348718734511,)"
            R"(-33.42886129681733],[0.30000000000000004,-1e-07]]},"properties":{"name":"puntos","footprint_kind":"points"}})");
  expect_same(round_trip(in), in);

  in.footprint.kind = FootprintKind::polygons;
  in.footprint.geometry = geo::Geometry::from_wkt(
      "MULTIPOLYGON (((-70.7 -33.5, -70.6 -33.5, -70.6 -33.4, -70.7 -33.4, -70.7 -33.5), "
      "(-70.65 -33.45, -70.64 -33.45, -70.64 -33.44, -70.65 -33.45)), ((-71 -34, -70.9 -34, -70.9 -33.9, -71 -34)))");
  expect_same(round_trip(in), in);

  // A footprint of codes shows no geometry even if one is held.
  in.footprint.kind = FootprintKind::codes;
  in.footprint.codes = {"13101"};
  EXPECT_NE(record_feature_json(in).find(R"("geometry":null)"), std::string::npos);
}

TEST(EditRecordFeature, EverySeedRecordReadsBackAsImportReadIt) {
  const auto records = layers::read_initiatives(TERRITORIO_DATA_DIR "/initiatives_seed.csv");
  ASSERT_EQ(records.size(), 29u);
  for (const auto& rec : records) {
    SCOPED_TRACE(rec.label);
    expect_same(round_trip(rec.initiative), rec.initiative);
  }
  EXPECT_EQ(record_feature_json(records[0].initiative),
            R"({"type":"Feature","id":"60","geometry":null,"properties":{"id":"60","annex_order":"1",)"
            R"("name":"La Red Intercomunal de Desarrollo Económico Local de Chiloé: Una Plataforma para el )"
            R"(desarrollo de la provincia.","institution":"Asociación Provincial de Municipios de Chiloé",)"
            R"("region_recorded":"Los Lagos","award":"2do Lugar","field_visit":true,"area":"Político-Institucional",)"
            R"("stage":"finalizada","footprint_division":"2018","footprint_codes":"102",)"
            R"x("footprint_basis":"province named in title (Chiloé)","footprint_kind":"codes"}})x");
}

}  // namespace
