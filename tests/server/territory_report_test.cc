// GET /territories/{code}/report.pdf and report.html: the figures of
// /coverage for the unit, read back from the PDF with pdftotext and from the
// HTML page; names and codes in both divisions; a map that is drawn.
#include <gtest/gtest.h>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "geo/raster/raster_canvas.h"
#include "tests/support/pdf_tools.h"
#include "tests/support/served_store_test.h"

namespace {

using nlohmann::json;

// Chilean formats, written here independently of the server's: 1556805 -> "1.556.805".
std::string es_int(std::int64_t v) {
  std::string s = std::to_string(v), out;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (k > 0 && (s.size() - k) % 3 == 0) out += '.';
    out += s[k];
  }
  return out;
}
// A /coverage per_100k (already rounded to 0.01): 0.26 -> "0,26".
std::string es_2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  s[s.find('.')] = ',';
  return s;
}

class TerritoryReport : public test_support::ServedStoreTest {
 protected:
  // The unit's entry in /coverage at its level.
  json coverage_entry(const std::string& level, const std::string& code, const std::string& query = "") {
    const json c = get_json("/coverage?level=" + level + "&within=" + code + query);
    for (const json& u : c["units"])
      if (u["code"] == code) return u;
    ADD_FAILURE() << "no " << code << " in /coverage";
    return {};
  }
  // The summary of its communes: /coverage?level=commune&within=code.
  json communes_summary(const std::string& code, const std::string& query = "") {
    return get_json("/coverage?level=commune&within=" + code + query)["summary"];
  }

  // The lines every format must show for the unit, from /coverage.
  std::vector<std::pair<std::string, std::string>> figures(const std::string& level, const std::string& code,
                                                           const std::string& query = "") {
    const json u = coverage_entry(level, code, query);
    const json s = communes_summary(code, query);
    std::vector<std::pair<std::string, std::string>> f = {
        {"Iniciativas", es_int(u["total"].get<std::int64_t>())},
        {"Que actúan en la unidad", es_int(static_cast<std::int64_t>(u["acting_in"].size()))},
        {"Que actúan sobre una unidad mayor que la contiene",
         es_int(static_cast<std::int64_t>(u["acting_on_enclosing"].size()))},
        {"Población (Censo 2017)", es_int(u["population"].get<std::int64_t>())},
        {"Iniciativas por 100.000 habitantes", es_2(u["per_100k"].get<double>())},
        {"Población cubierta", es_int(s["population_covered"].get<std::int64_t>())},
    };
    if (level != "commune")
      f.push_back({"Comunas con iniciativas",
                   es_int(s["units_covered"].get<std::int64_t>()) + " de " + es_int(s["units"].get<std::int64_t>())});
    return f;
  }

  std::string pdf_text(const std::string& path) {
    const auto r = get(path);
    EXPECT_EQ(r.status, 200) << path << " " << r.body.substr(0, 300);
    EXPECT_EQ(r.headers.at("content-type"), "application/pdf");
    return test_support::pdf_text(r.body);
  }

  // Pixels of page 1 at 50 dpi, inside the map's frame, in the palette's
  // blue-green colours (blue well above red: not white, grey or black text).
  std::size_t map_pixels(const std::string& path) {
    const auto r = get(path);
    const geo::RgbaImage page = geo::decode_png(test_support::pdf_page_png(r.body, 1, 50));
    EXPECT_EQ(page.width, 414);  // A4 at 50 dpi, rounded up
    EXPECT_EQ(page.height, 585);
    std::size_t n = 0;
    // The frame spans the text width below the title: x 42-553 pt, y 130-470 pt.
    for (int y = 130 * 50 / 72; y < 470 * 50 / 72; ++y)
      for (int x = 42 * 50 / 72; x < 553 * 50 / 72; ++x) {
        const geo::Rgba p = page.at(x, y);
        n += p.b > p.r + 40;
      }
    return n;
  }
};

void expect_lines(const std::string& text, const std::vector<std::pair<std::string, std::string>>& figures) {
  for (const auto& [label, value] : figures)
    EXPECT_NE(text.find("\n" + label + ": " + value + "\n"), std::string::npos) << label << ": " << value << "\n" << text;
}

TEST_F(TerritoryReport, RegionPdfShowsTheFiguresOfCoverage) {
  const std::string text = pdf_text("/territories/08/report.pdf");
  expect_lines(text, figures("region", "08"));
  const json country = get_json("/coverage?level=region")["summary"];
  char chile[32];
  std::snprintf(chile, sizeof chile, "%.2f", country["initiatives"].get<double>() * 1e5 / country["population"].get<double>());
  std::string chile_es = chile;
  chile_es[chile_es.find('.')] = ',';
  expect_lines(text, {{"Chile, iniciativas por 100.000 habitantes", chile_es}});
  EXPECT_NE(text.find("Región Biobío\n"), std::string::npos);
  EXPECT_NE(text.find("División 2018: región Biobío, código 08\n"), std::string::npos) << text;
  EXPECT_NE(text.find("División 2007: parte de la región Biobío, código 08\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Provincia Concepción (081): "), std::string::npos);
  // Three pages since what the neighbours did fills its section.
  EXPECT_NE(text.find("Página 1 de 3"), std::string::npos);
  EXPECT_NE(text.find("Página 3 de 3"), std::string::npos);
  EXPECT_EQ(test_support::pdf_pages(get("/territories/08/report.pdf").body), 3);
  EXPECT_GT(map_pixels("/territories/08/report.pdf"), 5000u);
}

TEST_F(TerritoryReport, ProvincePdfShowsTheFiguresOfCoverage) {
  const std::string text = pdf_text("/territories/081/report.pdf");
  expect_lines(text, figures("province", "081"));
  const json region = coverage_entry("region", "08");
  expect_lines(text, {{"Región Biobío, iniciativas por 100.000 habitantes", es_2(region["per_100k"].get<double>())}});
  EXPECT_NE(text.find("Provincia Concepción\n"), std::string::npos);
  EXPECT_NE(text.find("División 2018: provincia Concepción, código 081; región Biobío (08)\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("División 2007: provincia Concepción, código 081; región Biobío (08)\n"), std::string::npos);
  EXPECT_GT(map_pixels("/territories/081/report.pdf"), 5000u);
}

TEST_F(TerritoryReport, CommunePdfNamesItInBothDivisions) {
  const std::string text = pdf_text("/territories/16101/report.pdf");
  expect_lines(text, figures("commune", "16101"));
  EXPECT_NE(text.find("Comuna Chillán\n"), std::string::npos);
  EXPECT_NE(text.find("División 2018: comuna Chillán, código 16101; provincia Diguillín (161); región Ñuble (16)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("División 2007: comuna Chillán, código 08401; provincia Ñuble (084); región Biobío (08)\n"),
            std::string::npos);
  EXPECT_GT(map_pixels("/territories/16101/report.pdf"), 5000u);
}

TEST_F(TerritoryReport, FilterAndDivisionGiveTheirOwnFigures) {
  const std::string q = "&division=2007&area=Social";
  const std::string text = pdf_text("/territories/084/report.pdf?division=2007&area=Social");
  expect_lines(text, figures("province", "084", q));
  EXPECT_NE(text.find("División 2018: repartida entre las provincias Diguillín (161), Itata (162), Punilla (163)\n"),
            std::string::npos)
      << text;
}

TEST_F(TerritoryReport, InitiativesActingInAndOnTheUnitAreListed) {
  const json u = coverage_entry("commune", "08101");
  const std::string text = pdf_text("/territories/08101/report.pdf");
  for (const json& id : u["acting_on_enclosing"])
    EXPECT_NE(text.find("\n" + id.get<std::string>() + " · "), std::string::npos) << id;
  for (const json& id : u["acting_in"]) EXPECT_NE(text.find("\n" + id.get<std::string>() + " · "), std::string::npos);
  EXPECT_NE(text.find("Iniciativas que actúan sobre la unidad (" + std::to_string(u["acting_on_enclosing"].size()) + ")"),
            std::string::npos);
}

TEST_F(TerritoryReport, HtmlShowsTheSameFigures) {
  for (const auto& [level, code] : std::vector<std::pair<std::string, std::string>>{
           {"region", "08"}, {"province", "081"}, {"commune", "08101"}}) {
    const auto r = get("/territories/" + code + "/report.html");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers.at("content-type"), "text/html; charset=utf-8");
    for (const auto& [label, value] : figures(level, code))
      EXPECT_NE(r.body.find("<tr><th>" + label + "</th><td>" + value + "</td></tr>"), std::string::npos)
          << code << " " << label << ": " << value;
    EXPECT_NE(r.body.find("@page { size: A4 portrait"), std::string::npos);
    EXPECT_NE(r.body.find("<a href=\"report.pdf\">Ficha (PDF)</a>"), std::string::npos);
    EXPECT_NE(r.body.find("<svg "), std::string::npos);
  }
  const auto filtered = get("/territories/08/report.html?area=Social&division=2007");
  EXPECT_NE(filtered.body.find("<a href=\"report.pdf?area=Social&amp;division=2007\">"), std::string::npos);
}

TEST_F(TerritoryReport, BadRequestsAreProblems) {
  EXPECT_EQ(problem("/territories/09999/report.pdf", 404)["status"], 404);
  EXPECT_EQ(problem("/territories/16/report.pdf?division=2007", 404)["status"], 404);
  problem("/territories/8x/report.pdf", 400);
  problem("/territories/08/report.pdf?division=1999", 400);
  problem("/territories/08/report.html?colour=red", 400);
  problem("/territories/08/report.html?year=soon", 400);
}

TEST_F(TerritoryReport, CarriesTheDataValidator) {
  const auto first = get("/territories/081/report.pdf");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.headers.at("cache-control"), "no-cache");
  const std::string etag = first.headers.at("etag");
  EXPECT_TRUE(etag.starts_with("W/\"g")) << etag;
  EXPECT_EQ(first.headers.at("content-disposition"), "inline; filename=\"ficha_081.pdf\"");
  const auto again = client_.get(server_->url("/territories/081/report.pdf"), {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_NE(get("/territories/081/report.html").headers.at("etag"), etag);
}

}  // namespace
