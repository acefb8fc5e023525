// The API's HTML pages in the reader's language (issue 17): Accept-Language
// with quality values picks Spanish or English, ?lang= overrides it, the
// answers vary on it, JSON is the same in both, and every collection's
// title and description has its Spanish text.
#include <gtest/gtest.h>

#include <array>
#include <string_view>

#include <nlohmann/json.hpp>

#include "server/accept_language.h"
#include "server/encode/html_text.h"
#include "tests/support/served_store_test.h"

namespace {

using nlohmann::json;
using server::encode::Language;

constexpr std::array<std::string_view, 2> kOffered = {"en", "es"};

std::string_view pick(std::string_view field) { return server::preferred_language(field, kOffered); }

TEST(AcceptLanguage, QualityValuesDecide) {
  EXPECT_EQ(pick("en;q=0.5, es;q=0.9"), "es");
  EXPECT_EQ(pick("es;q=0.4, en;q=0.5"), "en");
  EXPECT_EQ(pick("es-CL,es;q=0.9,en;q=0.8"), "es");
  EXPECT_EQ(pick("en-GB,en;q=0.9,es;q=0.8"), "en");
  EXPECT_EQ(pick("ES-cl"), "es");
  EXPECT_EQ(pick("fr-FR, es;q=0.1"), "es");
  EXPECT_EQ(pick("es;q=1.000, en;q=1"), "es") << "equal qualities: the first named";
  EXPECT_EQ(pick("en, es"), "en");
  EXPECT_EQ(pick("*;q=0.5, en;q=0.1"), "es") << "* stands for the languages no range names";
  EXPECT_EQ(pick("es;q=0, en;q=0"), "en") << "nothing acceptable: the default";
  EXPECT_EQ(pick("es;q=0"), "en");
  EXPECT_EQ(pick("fr, de"), "en");
  EXPECT_EQ(pick(""), "en");
  EXPECT_EQ(pick("espanol"), "en") << "a primary subtag is at most 8 letters and must equal the tag";
}

TEST(AcceptLanguage, UnreadableEntriesAreSkipped) {
  EXPECT_EQ(pick("es;q=2, en;q=0.5"), "en");
  EXPECT_EQ(pick("es;q=0.5000, en;q=0.1"), "en") << "at most three decimals";
  EXPECT_EQ(pick("es;q=abc, en;q=0.1"), "en");
  EXPECT_EQ(pick("es;level=1, en;q=0.1"), "en");
  EXPECT_EQ(pick("e$s, en;q=0.1"), "en");
  EXPECT_EQ(pick(",,, ;, es;q=0.7 ,"), "es");
  EXPECT_EQ(pick("-es, es-, es--cl"), "en");
}

TEST(AcceptLanguage, OnlyTheFirst64EntriesAreRead) {
  std::string field;
  for (int i = 0; i < 64; ++i) field += "fr;q=0.5, ";
  EXPECT_EQ(pick(field + "es"), "en");
  EXPECT_EQ(pick("es, " + field), "es");
}

TEST(HtmlText, TranslatesWholeTextsAndPatterns) {
  EXPECT_EQ(server::encode::translate(Language::es, "Collections"), "Colecciones");
  EXPECT_EQ(server::encode::translate(Language::en, "Collections"), "Collections");
  EXPECT_EQ(server::encode::translate(Language::es, "Vector tilesets of Communes of Chile"),
            "Teselas vectoriales de Comunas de Chile");
  EXPECT_EQ(server::encode::translate(Language::es, "Regions of Chile (2007 division) as HTML"),
            "Regiones de Chile (división de 2007) en HTML");
  EXPECT_EQ(server::encode::translate(Language::es, "All of Initiatives as GeoPackage"),
            "Descarga completa de Iniciativas (GeoPackage)");
  EXPECT_EQ(server::encode::translate(Language::es, "No such text"), "No such text");
  EXPECT_EQ(server::encode::member_label(Language::es, "numberMatched"), "coincidencias");
  EXPECT_EQ(server::encode::member_label(Language::es, "region_code"), "region_code");
  EXPECT_EQ(server::encode::member_label(Language::en, "links"), "links");
}

class HtmlLanguage : public test_support::ServedStoreTest {
 protected:
  test_support::HttpResult html(const std::string& path, const std::string& accept_language = "") {
    test_support::HeaderList h = {{"Accept", "text/html"}};
    if (!accept_language.empty()) h.emplace_back("Accept-Language", accept_language);
    return client_.get(server_->url(path), h);
  }
  static bool has(const std::string& body, std::string_view text) { return body.find(text) != std::string::npos; }
};

TEST_F(HtmlLanguage, LandingPageFollowsAcceptLanguage) {
  const auto es = html("/", "en;q=0.5, es;q=0.9");
  ASSERT_EQ(es.status, 200);
  EXPECT_EQ(es.headers.at("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(es.headers.at("vary"), "Accept, Accept-Language, Accept-Encoding");
  EXPECT_TRUE(has(es.body, "<html lang=\"es\">"));
  EXPECT_TRUE(has(es.body, "<nav><a href=\"/\">territorio</a> · <a href=\"/collections\">colecciones</a> · "
                           "<a href=\"/api?f=html\">API</a> · <a href=\"/map\">mapa</a></nav>"));
  EXPECT_TRUE(has(es.body, "<tr><th>descripción</th><td>Las unidades territoriales de Chile (regiones, provincias y "
                           "comunas; divisiones de 2018 y 2007)"));
  EXPECT_TRUE(has(es.body, ">Este documento</a>"));
  EXPECT_TRUE(has(es.body, ">La definición de la API (OpenAPI 3.0)</a>"));
  EXPECT_TRUE(has(es.body, ">Teselas vectoriales de Comunas de Chile</a>"));
  EXPECT_TRUE(has(es.body, ">Mapa web de cobertura</a>"));
  EXPECT_FALSE(has(es.body, "This document"));

  const auto en = html("/", "en-GB,en;q=0.9,es;q=0.8");
  ASSERT_EQ(en.status, 200);
  EXPECT_EQ(en.headers.at("vary"), "Accept, Accept-Language, Accept-Encoding");
  EXPECT_TRUE(has(en.body, "<html lang=\"en\">"));
  EXPECT_TRUE(has(en.body, "<a href=\"/collections\">collections</a> · <a href=\"/api?f=html\">API</a> · "
                           "<a href=\"/map\">map</a></nav>"));
  EXPECT_TRUE(has(en.body, "<tr><th>description</th><td>Chile&#39;s territorial units"));
  EXPECT_TRUE(has(en.body, ">This document</a>"));
  EXPECT_TRUE(has(en.body, ">Vector tilesets of Communes of Chile</a>"));
  EXPECT_FALSE(has(en.body, "Este documento"));

  EXPECT_TRUE(has(html("/").body, "<html lang=\"en\">")) << "no Accept-Language: English";
  EXPECT_TRUE(has(html("/", "es-CL").body, "<html lang=\"es\">"));
}

TEST_F(HtmlLanguage, LangParameterOverridesTheHeader) {
  EXPECT_TRUE(has(html("/?lang=es", "en").body, "<html lang=\"es\">"));
  EXPECT_TRUE(has(html("/collections?f=html&lang=en", "es").body, "<h1>Collections</h1>"));
  const json p = problem("/?lang=fr", 400);
  EXPECT_EQ(p["parameter"], "lang");
  EXPECT_EQ(p["allowed"], json::array({"es", "en"}));
  EXPECT_EQ(problem("/collections/communes/items?lang=de", 400)["parameter"], "lang");
  EXPECT_EQ(problem("/collections/communes/items/05101?f=json&lang=", 400)["parameter"], "lang");
}

TEST_F(HtmlLanguage, CollectionItemsAndFeaturePagesInSpanish) {
  const std::string es = "es";
  const auto collections = html("/collections", es);
  EXPECT_TRUE(has(collections.body, "<h1>Colecciones</h1>"));
  EXPECT_TRUE(has(collections.body, "<title>Colecciones - territorio</title>"));
  const auto collection = html("/collections/communes", es);
  EXPECT_TRUE(has(collection.body, "<h1>Comunas de Chile</h1>"));
  EXPECT_TRUE(has(collection.body, ">Descarga completa de Comunas de Chile (CSV)</a>"));
  EXPECT_TRUE(has(collection.body, ">Esquema de Comunas de Chile</a>"));
  EXPECT_TRUE(has(collection.body, "<th>CRS de almacenamiento</th>"));
  const auto items = html("/collections/communes/items?limit=2", es);
  EXPECT_TRUE(has(items.body, "<h1>Comunas de Chile</h1>"));
  EXPECT_TRUE(has(items.body, "<tr><th>coincidencias</th><td>345</td></tr>"));
  EXPECT_TRUE(has(items.body, ">Página siguiente</a>"));
  EXPECT_TRUE(has(items.body, ">Esta página en GeoJSON</a>"));
  const auto item = html("/collections/communes/items/05101", es);
  EXPECT_TRUE(has(item.body, "<h1>Comunas de Chile: 05101</h1>"));
  EXPECT_TRUE(has(item.body, ">Este elemento en GeoJSON</a>"));
  const auto queryables = html("/collections/initiatives/queryables", es);
  EXPECT_TRUE(has(queryables.body, "<h1>Propiedades consultables de Iniciativas</h1>"));
  EXPECT_TRUE(has(queryables.body, "<td>Año del concurso</td>"));
  EXPECT_TRUE(has(html("/conformance", es).body, "<h1>Conformidad</h1>"));
  EXPECT_TRUE(has(html("/api", es).body, "<th>método</th>"));
}

TEST_F(HtmlLanguage, JsonIsTheSameInBothAndHtmlValidatorsDiffer) {
  const auto en = client_.get(server_->url("/collections"), {{"Accept-Language", "en"}});
  const auto es = client_.get(server_->url("/collections"), {{"Accept-Language", "es"}});
  EXPECT_EQ(en.headers.at("content-type"), "application/json");
  EXPECT_EQ(en.body, es.body);
  EXPECT_EQ(en.headers.at("etag"), es.headers.at("etag"));
  EXPECT_EQ(es.headers.at("vary"), "Accept, Accept-Language, Accept-Encoding");
  const auto html_es = html("/collections", "es");
  const auto html_en = html("/collections", "en");
  EXPECT_NE(html_es.headers.at("etag"), html_en.headers.at("etag"));
  // The Spanish page's validator does not answer 304 to an English request.
  const auto again = client_.get(server_->url("/collections"),
                                 {{"Accept", "text/html"}, {"Accept-Language", "en"}, {"If-None-Match", html_es.headers.at("etag")}});
  EXPECT_EQ(again.status, 200);
  const auto same = client_.get(server_->url("/collections"),
                                {{"Accept", "text/html"}, {"Accept-Language", "es"}, {"If-None-Match", html_es.headers.at("etag")}});
  EXPECT_EQ(same.status, 304);
}

TEST_F(HtmlLanguage, EveryCollectionTitleAndDescriptionHasItsSpanishText) {
  const json list = get_json("/collections");
  ASSERT_GE(list["collections"].size(), 7u);
  for (const auto& c : list["collections"]) {
    const std::string title = c["title"], description = c["description"];
    EXPECT_NE(server::encode::translate(Language::es, title), title) << c["id"];
    EXPECT_NE(server::encode::translate(Language::es, description), description) << c["id"];
  }
}

}  // namespace
