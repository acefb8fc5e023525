// /collections/{id}/schema (OGC API - Features - Part 5): the exact
// documents of communes and initiatives, the links and conformance classes
// that announce it, and, over every feature of every collection, that each
// property the items carry is in the schema with the JSON type it has (and
// a value its enum admits).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

namespace {

using nlohmann::json;
using test_support::HttpClient;

test_support::ServerProcess& server() {
  static test_support::ServerProcess s(TERRITORIO_TEST_STORE);
  return s;
}

json get_json(const std::string& path, const std::string& type = "") {
  HttpClient c;
  const auto r = c.get(server().url(path));
  EXPECT_EQ(r.status, 200) << path;
  if (!type.empty()) {
    EXPECT_EQ(r.headers.at("content-type"), type) << path;
  }
  return json::parse(r.body);
}

// The JSON Schema type name of a value.
std::string json_type(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "integer";
    case json::value_t::number_float: return "number";
    case json::value_t::string: return "string";
    case json::value_t::array: return "array";
    default: return "object";
  }
}

bool admits(const json& type, const std::string& t) {
  // JSON Schema: "number" admits integers too.
  const auto one = [&](const std::string& declared) { return declared == t || (declared == "number" && t == "integer"); };
  if (type.is_string()) return one(type);
  for (const auto& d : type)
    if (one(d)) return true;
  return false;
}

TEST(Schema, CommunesExactly) {
  const std::string base = server().url("");
  const json expected = json::parse(R"json({
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": ")json" + base + R"json(/collections/communes/schema",
    "type": "object",
    "title": "Communes of Chile",
    "description": "Communes of the 2018 territorial division (CUT codes) with their Censo 2017 population, geodesic area and the number of initiatives acting in each. Antártica (12202) has no boundary in the INE cartography and is left out.",
    "additionalProperties": false,
    "properties": {
      "code": {"title": "CUT code", "type": "string", "x-ogc-role": "id", "x-ogc-propertySeq": 1},
      "name": {"title": "Official name", "type": "string", "x-ogc-propertySeq": 2},
      "province_code": {"title": "Province CUT code", "type": "string", "x-ogc-propertySeq": 3},
      "province_name": {"title": "Province name", "type": "string", "x-ogc-propertySeq": 4},
      "region_code": {"title": "Region CUT code", "type": "string", "x-ogc-propertySeq": 5},
      "region_name": {"title": "Region name", "type": "string", "x-ogc-propertySeq": 6},
      "population": {"title": "Population (Censo 2017)", "type": "integer", "x-ogc-propertySeq": 7},
      "area_km2": {"title": "Geodesic area in km²", "type": "number", "x-ogc-propertySeq": 8},
      "initiatives": {"title": "Initiatives acting in the unit (footprint at its level or finer)", "type": "integer", "x-ogc-propertySeq": 9},
      "initiatives_enclosing": {"title": "Initiatives acting on a whole enclosing unit", "type": "integer", "x-ogc-propertySeq": 10},
      "geometry": {"title": "Geometry", "x-ogc-role": "primary-geometry", "format": "geometry-multipolygon", "x-ogc-propertySeq": 11}
    }
  })json");
  EXPECT_EQ(get_json("/collections/communes/schema", "application/schema+json"), expected);
}

TEST(Schema, InitiativesExactly) {
  const std::string base = server().url("");
  const json expected = json::parse(R"json({
  "$id": ")json" + base + R"json(/collections/initiatives/schema",
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "additionalProperties": false,
  "description": "Initiatives of the Sistema de Buenas Prácticas para el Desarrollo de los Territorios: every field of the record, the codes of the units they act in (both divisions), and their geometry: their own points or polygons, or else the union of the units they act in. Without a location the geometry is null.",
  "properties": {
    "id": {
      "title": "Identifier",
      "type": "string",
      "x-ogc-propertySeq": 1,
      "x-ogc-role": "id"
    },
    "name": {
      "title": "Name",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 2
    },
    "institution": {
      "title": "Institution",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 3
    },
    "institution_type": {
      "enum": [
        "GORE",
        "Intendencia",
        "SEREMI",
        "Gobernación",
        "Servicio Público",
        "Municipio",
        "Asociación Municipios",
        "Organización Sociedad Civil",
        "Organizaciones Productivas y de Mercado",
        "Otros",
        "Redes",
        null
      ],
      "title": "Institution type",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 4
    },
    "area": {
      "enum": [
        "Social",
        "Económico",
        "Ordenamiento y Ambiental",
        "Político-Institucional",
        null
      ],
      "title": "Area",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 5
    },
    "thematic_field": {
      "enum": [
        "Planificación y gestión de inversiones",
        "Desarrollo económico local",
        "Desarrollo social",
        "Salud",
        "Desarrollo institucional",
        "Turismo",
        "Gestión participativa",
        "Educación ambiental",
        "Diseño urbano",
        "Justicia",
        null
      ],
      "title": "Thematic field",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 6
    },
    "scope": {
      "enum": [
        "Regional",
        "Provincial",
        "Municipal",
        "Interregional",
        "Interprovincial",
        "Intermunicipal",
        "Global o Internacional",
        null
      ],
      "title": "Declared scope",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 7
    },
    "rurality": {
      "enum": [
        "Rural",
        "Urbano",
        "Mixto",
        null
      ],
      "title": "Rurality",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 8
    },
    "contest": {
      "title": "Contest",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 9
    },
    "year": {
      "title": "Contest year",
      "type": [
        "integer",
        "null"
      ],
      "x-ogc-propertySeq": 10
    },
    "stage": {
      "enum": [
        "inscrita",
        "profundización",
        "finalizada",
        "terreno",
        null
      ],
      "title": "Stage reached",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 11
    },
    "award": {
      "enum": [
        "1er Lugar",
        "2do Lugar",
        "Mención Honrosa",
        null
      ],
      "title": "Award",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 12
    },
    "field_visit": {
      "title": "Field visit",
      "type": [
        "boolean",
        "null"
      ],
      "x-ogc-propertySeq": 13
    },
    "region_recorded": {
      "title": "Region as recorded by the source",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 14
    },
    "footprint_kind": {
      "title": "How the footprint is given (codes, names, points, polygons, unknown)",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 15
    },
    "annex_order": {
      "title": "annex_order",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 16
    },
    "footprint_division": {
      "title": "footprint_division",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 17
    },
    "footprint_codes": {
      "title": "footprint_codes",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 18
    },
    "footprint_basis": {
      "title": "footprint_basis",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 19
    },
    "description": {
      "title": "description",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 20
    },
    "remark_resources": {
      "title": "remark_resources",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 21
    },
    "remark_resources_section": {
      "title": "remark_resources_section",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 22
    },
    "remark_planning": {
      "title": "remark_planning",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 23
    },
    "remark_planning_section": {
      "title": "remark_planning_section",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 24
    },
    "remark_participation": {
      "title": "remark_participation",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 25
    },
    "remark_participation_section": {
      "title": "remark_participation_section",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 26
    },
    "remark_innovation": {
      "title": "remark_innovation",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 27
    },
    "remark_innovation_section": {
      "title": "remark_innovation_section",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 28
    },
    "remark_actors": {
      "title": "remark_actors",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 29
    },
    "remark_actors_section": {
      "title": "remark_actors_section",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 30
    },
    "commune_codes": {
      "description": "Codes separated by ';' (a filter on it matches any of them).",
      "readOnly": true,
      "title": "Codes (;-separated) of the communes it acts in, 2018 division",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 31
    },
    "province_codes": {
      "description": "Codes separated by ';' (a filter on it matches any of them).",
      "readOnly": true,
      "title": "Codes (;-separated) of the provinces it acts in, 2018 division",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 32
    },
    "region_codes": {
      "description": "Codes separated by ';' (a filter on it matches any of them).",
      "readOnly": true,
      "title": "Codes (;-separated) of the regions it acts in, 2018 division",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 33
    },
    "province_codes_2007": {
      "description": "Codes separated by ';' (a filter on it matches any of them).",
      "readOnly": true,
      "title": "Codes (;-separated) of the provinces it acts in, 2007 division",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 34
    },
    "region_codes_2007": {
      "description": "Codes separated by ';' (a filter on it matches any of them).",
      "readOnly": true,
      "title": "Codes (;-separated) of the regions it acts in, 2007 division",
      "type": [
        "string",
        "null"
      ],
      "x-ogc-propertySeq": 35
    },
    "geometry": {
      "format": "geometry-any",
      "title": "Geometry",
      "x-ogc-propertySeq": 36,
      "x-ogc-role": "primary-geometry"
    }
  },
  "title": "Initiatives",
  "type": "object"
})json");
  const json got = get_json("/collections/initiatives/schema", "application/schema+json");
  EXPECT_EQ(got, expected) << got.dump(2);
}

TEST(Schema, LinkedConformingAndDocumented) {
  for (const auto& coll : get_json("/collections")["collections"]) {
    std::set<std::string> rels;
    for (const auto& l : coll["links"])
      if (l["href"] == server().url("/collections/" + coll["id"].get<std::string>() + "/schema") &&
          l["type"] == "application/schema+json")
        rels.insert(l["rel"]);
    EXPECT_EQ(rels, (std::set<std::string>{"describedby", "http://www.opengis.net/def/rel/ogc/1.0/schema"})) << coll["id"];
  }
  const json conf = get_json("/conformance");
  const std::set<std::string> classes(conf["conformsTo"].begin(), conf["conformsTo"].end());
  for (const char* c : {"http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/schemas",
                        "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/advanced-property-roles",
                        "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/returnables-and-receivables"})
    EXPECT_TRUE(classes.count(c)) << c;
  const json api = get_json("/api");
  EXPECT_EQ(api["paths"]["/collections/{collectionId}/schema"]["get"]["operationId"], "getSchema");
  HttpClient c;
  EXPECT_EQ(c.get(server().url("/collections/nope/schema")).status, 404);
  EXPECT_EQ(c.get(server().url("/collections/communes/schema?limit=1")).status, 400);
  const auto html = c.get(server().url("/collections/communes/schema?f=html"));
  EXPECT_EQ(html.headers.at("content-type"), "text/html; charset=utf-8");
}

TEST(Schema, EveryPropertyOfEveryFeatureHasItsDeclaredType) {
  for (const auto& coll : get_json("/collections")["collections"]) {
    const std::string id = coll["id"];
    const json schema = get_json("/collections/" + id + "/schema");
    const json& props = schema["properties"];
    ASSERT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    ASSERT_EQ(schema["additionalProperties"], false);
    // Exactly one id and one primary geometry, which is spatial.
    int ids = 0;
    for (const auto& [name, p] : props.items()) {
      ids += p.value("x-ogc-role", "") == "id";
      if (name == "geometry") {
        EXPECT_EQ(p["x-ogc-role"], "primary-geometry");
        EXPECT_FALSE(p.contains("type"));
        EXPECT_EQ(p["format"].get<std::string>().rfind("geometry-", 0), 0u);
      } else {
        EXPECT_TRUE(p.contains("type")) << id << " " << name;
      }
    }
    EXPECT_EQ(ids, 1) << id;
    const json all = get_json("/collections/" + id + "/items?limit=10000");
    ASSERT_EQ(all["numberReturned"], all["numberMatched"]) << id;
    std::size_t checked = 0;
    for (const auto& f : all["features"]) {
      for (const auto& [name, value] : f["properties"].items()) {
        ASSERT_TRUE(props.contains(name)) << id << " " << f["id"] << " carries " << name;
        const json& p = props[name];
        EXPECT_TRUE(admits(p["type"], json_type(value))) << id << " " << f["id"] << " " << name << " = " << value;
        if (p.contains("enum")) {
          EXPECT_NE(std::find(p["enum"].begin(), p["enum"].end(), value), p["enum"].end())
              << id << " " << f["id"] << " " << name << " = " << value;
        }
        if (p.value("x-ogc-role", "") == "id") {
          EXPECT_EQ(value, f["id"]) << id;
        }
        ++checked;
      }
    }
    EXPECT_GT(checked, 0u) << id;
  }
}

}  // namespace
