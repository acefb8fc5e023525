// GET /initiatives?q= and GET /initiatives/{id} from the real binary on the
// fixture store: the acceptance query, folding, bad input as 400 problems,
// an unknown id 404, and the printable sheet in HTML.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/served_store_test.h"

namespace {

using nlohmann::json;

class InitiativeSheets : public test_support::ServedStoreTest {
 protected:
  std::vector<std::string> ids(const std::string& path) {
    std::vector<std::string> out;
    const json j = get_json(path);
    for (const auto& h : j["initiatives"]) out.push_back(h["id"]);
    return out;
  }
};

TEST_F(InitiativeSheets, PresupuestosParticipativosFindsLautaroFirstWithTheRemarkAndItsSection) {
  const json j = get_json("/initiatives?q=presupuestos%20participativos");
  EXPECT_EQ(j["q"], "presupuestos participativos");
  EXPECT_EQ(j["words"], json::array({"presupuestos", "participativos"}));
  ASSERT_GE(j["count"].get<int>(), 1);
  const json& first = j["initiatives"][0];
  EXPECT_EQ(first["rank"], 1);
  EXPECT_EQ(first["id"], "80");
  EXPECT_EQ(first["name"], "Presupuestos Participativos Municipales");
  EXPECT_EQ(first["institution"], "Municipalidad de Lautaro");
  EXPECT_EQ(first["description"],
            "Presupuestos participativos municipales en Lautaro: la ciudadanía decide sobre proyectos; un mecanismo "
            "formal de gestión participativa.");
  ASSERT_EQ(first["remarks"].size(), 2u);
  const json& remark = first["remarks"][0];
  EXPECT_EQ(remark["dimension"], "participation");
  EXPECT_EQ(remark["label"], "Participación ciudadana");
  EXPECT_EQ(remark["section"], "4.2.4 b)");
  EXPECT_EQ(remark["text"],
            "La constitución de mesas territoriales con participación de diversos actores y la incorporación de "
            "instancias en distintas fases del ciclo de la gestión pública: diagnósticos participativos (p. ej. "
            "Intervención comunitaria en Santa María; Integración de políticas públicas en El Bosque), diseño "
            "participativo (p. ej. Parque en Collipulli), decisión sobre proyectos (por ej. Presupuestos "
            "Participativos en Lautaro), evidencian una realidad que está instalándose en la gestión pública en el "
            "nivel local principalmente, pero también provincial y regional.");
  std::string matched;
  for (const auto& s : remark["snippet"])
    if (s["match"]) matched += s["text"].get<std::string>() + "|";
  EXPECT_EQ(matched, "Presupuestos|Participativos|") << "the snippet is the window around the most matches";
  EXPECT_EQ(first["remarks"][1]["section"], "4.2.5 b)");
  EXPECT_EQ(first["remarks"][1]["label"], "Flexibilidad e innovación en la gestión");
  EXPECT_EQ(first["links"][0]["href"], server_->url("/initiatives/80"));
  EXPECT_EQ(first["links"][1]["href"], server_->url("/initiatives/80?f=html"));
}

TEST_F(InitiativeSheets, CaseAndAccentsAreFolded) {
  const auto want = ids("/initiatives?q=presupuestos%20participativos");
  EXPECT_EQ(ids("/initiatives?q=PRESUPUESTOS%20participativos"), want);
  EXPECT_EQ(ids("/initiatives?q=presupuesto+participativo"), want);
  EXPECT_EQ(ids("/initiatives?q=participaci%C3%B3n%20ciudadana&limit=3"), ids("/initiatives?q=PARTICIPACION+CIUDADANA&limit=3"));
  EXPECT_EQ(ids("/initiatives?q=participaci%C3%B3n%20ciudadana&limit=3").size(), 3u);
  EXPECT_EQ(ids("/initiatives?q=Valle%20del%20Huasco&limit=1"), (std::vector<std::string>{"248"}));
  EXPECT_EQ(get_json("/initiatives?q=zzzz")["count"], 0);
}

TEST_F(InitiativeSheets, BadSearchesAre400Problems) {
  EXPECT_EQ(problem("/initiatives", 400)["detail"], "missing query parameter q (words to search for)");
  EXPECT_EQ(problem("/initiatives?q=%C2%BF%3F", 400)["detail"], "q has no word to search for");
  EXPECT_EQ(problem("/initiatives?q=" + std::string(201, 'a'), 400)["detail"], "q is longer than 200 bytes");
  EXPECT_EQ(problem("/initiatives?q=a1+a2+a3+a4+a5+a6+a7+a8+a9", 400)["detail"], "q has more than 8 words");
  problem("/initiatives?q=mesa&limit=0", 400);
  problem("/initiatives?q=mesa&limit=51", 400);
  problem("/initiatives?q=mesa&limit=2.5", 400);
  problem("/initiatives?q=mesa&q=agua", 400);
  problem("/initiatives?q=mesa&sort=name", 400);
}

TEST_F(InitiativeSheets, TheSheetAsJson) {
  const json j = get_json("/initiatives/248");
  EXPECT_EQ(j["description"], "Foro y mesa del agua del Valle del Huasco ante un problema de recursos hídricos: "
                              "capacitación y encuentro de los actores.");
  ASSERT_EQ(j["sheet"]["dimensions"].size(), 5u);
  EXPECT_EQ(j["sheet"]["dimensions"][0], json::parse(R"({"dimension":"actors","label":"Articulación de actores",
                                                         "remark":null,"section":null})"));
  EXPECT_EQ(j["sheet"]["dimensions"][2]["section"], "4.2.3 b)");
  EXPECT_EQ(j["sheet"]["dimensions"][2]["remark"].get<std::string>().substr(0, 68),
            "En otros casos, se trata de articulación de actores básicos, tales");
  const json elqui = get_json("/initiatives/5");
  EXPECT_EQ(elqui["description"], nullptr);
  for (const auto& d : elqui["sheet"]["dimensions"]) EXPECT_EQ(d["remark"], nullptr);
  EXPECT_EQ(problem("/initiatives/nope", 404)["status"], 404);
  EXPECT_EQ(problem("/initiatives/nope?f=html", 404)["status"], 404);
  problem("/initiatives/80?f=pdf", 400);
  problem("/initiatives/80?x=1", 400);
}

TEST_F(InitiativeSheets, TheSheetAsAPrintableSpanishPage) {
  const auto r = get("/initiatives/80?f=html");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<html lang=\"es\">"), std::string::npos);
  EXPECT_NE(r.body.find("<title>Ficha: Presupuestos Participativos Municipales</title>"), std::string::npos);
  EXPECT_NE(r.body.find("<h3>Participación ciudadana <span class=\"section\">(sección 4.2.4)</span></h3>"
                        "<blockquote>«La constitución de mesas territoriales"),
            std::string::npos);
  EXPECT_NE(r.body.find("<p class=\"section\">Sección 4.2.4 b)</p>"), std::string::npos);
  EXPECT_NE(r.body.find("<h3>Articulación de actores <span class=\"section\">(sección 4.2.1)</span></h3>"
                        "<p class=\"unknown\">La fuente no dice nada de esta iniciativa en esta dimensión.</p>"),
            std::string::npos);
  EXPECT_NE(r.body.find("<tr><th>Comunas</th><td>Lautaro (09108)</td></tr>"), std::string::npos);
  EXPECT_NE(r.body.find("@media print"), std::string::npos);
  const auto by_accept = client_.request("GET", server_->url("/initiatives/80"), "", {{"Accept", "text/html"}});
  EXPECT_EQ(by_accept.body, r.body);
  EXPECT_NE(by_accept.headers.at("etag"), get("/initiatives/80").headers.at("etag"))
      << "the HTML and the JSON of one URL have different tags";
  EXPECT_EQ(by_accept.headers.at("vary").find("Accept"), 0u);
}

}  // namespace
