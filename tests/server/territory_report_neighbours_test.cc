// "Lo que hicieron los vecinos" in report.pdf and report.html, for Iquique
// (01101, no initiative), against entries computed here with none of the
// server's code: the covered communes and their initiatives from the seed
// CSV files, adjacency and centroid distances from the boundary file
// (boundary_model.h), names from the codes and seed files, descriptions
// from data/practice_sheets.csv; ordered as nearby-initiatives promises
// (adjacent, same province, same region, then the rest, each by distance).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "layers/store/csv_table.h"
#include "tests/layers/coverage/seed_model.h"
#include "tests/layers/neighbours/boundary_model.h"
#include "tests/support/pdf_tools.h"
#include "tests/support/served_store_test.h"

namespace {

constexpr std::size_t kListed = 10;  // the report lists the nearest ten

struct Entry {
  std::string id, name, where, description;
};

struct Expected {
  std::vector<Entry> listed;
  std::size_t total = 0;
};

// A column of a bundled CSV file, by a key column.
std::map<std::string, std::string> column(const std::string& file, const std::string& key, const std::string& value) {
  const auto t = layers::read_csv(std::string(TERRITORIO_DATA_DIR) + "/" + file);
  std::map<std::string, std::string> out;
  for (const auto& r : t.rows) out[r[t.column(key)]] = r[t.column(value)];
  return out;
}

// 1250.84 -> "1.250,8" (Chilean format, one decimal).
std::string es_km(double km) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", km);
  std::string s = buf;
  const std::string whole = s.substr(0, s.find('.'));
  std::string grouped;
  for (std::size_t k = 0; k < whole.size(); ++k) {
    if (k > 0 && (whole.size() - k) % 3 == 0) grouped += '.';
    grouped += whole[k];
  }
  return grouped + "," + s.substr(s.find('.') + 1);
}

Expected expected_neighbours(const std::string& code) {
  const seed_model::Model model;
  const auto coverage = model.coverage(seed_model::commune, false, [](const auto&) { return true; });
  const auto adjacent = boundary_model::adjacency_from_boundary_file().at(code);
  const auto km = boundary_model::centroid_km_from(code);
  const seed_model::Commune& self = model.communes().at(code);
  const auto names = column("territorial_codes.csv", "commune_code", "commune_name");
  const auto titles = column("initiatives_seed.csv", "id", "name");
  const auto descriptions = column("practice_sheets.csv", "id", "description");
  const std::vector<std::string> tier_words = {"limítrofe", "misma provincia", "misma región", "más lejos"};

  std::set<std::string> seen;  // the unit's own initiatives are never listed
  for (const auto& id : coverage.at(code).in) seen.insert(id);
  for (const auto& id : coverage.at(code).enclosing) seen.insert(id);
  std::vector<std::tuple<int, double, std::string>> units;  // tier, km, code
  for (const auto& [other, e] : coverage) {
    if (other == code || (e.in.empty() && e.enclosing.empty())) continue;
    const seed_model::Commune& c = model.communes().at(other);
    const int tier = adjacent.count(other) ? 0 : c.p18 == self.p18 ? 1 : c.r18 == self.r18 ? 2 : 3;
    units.emplace_back(tier, km.at(other), other);
  }
  std::sort(units.begin(), units.end());
  Expected out;
  for (const auto& [tier, d, other] : units) {
    const auto& e = coverage.at(other);
    for (const bool enclosing : {false, true})
      for (const std::string& id : enclosing ? e.enclosing : e.in) {
        if (!seen.insert(id).second) continue;
        ++out.total;
        if (out.listed.size() == kListed) continue;
        std::string where = "Comuna " + names.at(other) + " (" + other + ") · " + tier_words[tier] + " · a " + es_km(d) + " km";
        if (enclosing) where += " · actúa sobre una unidad mayor que la contiene";
        out.listed.push_back({id, titles.at(id), where, descriptions.count(id) ? descriptions.at(id) : ""});
      }
  }
  return out;
}

std::string squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\f' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

class ReportNeighbours : public test_support::ServedStoreTest {};

TEST_F(ReportNeighbours, IquiqueShowsWhatItsNeighboursDid) {
  const Expected expected = expected_neighbours("01101");
  ASSERT_EQ(expected.listed.size(), kListed);
  EXPECT_EQ(expected.total, 29u) << "every seed initiative: none acts in Iquique";

  // The PDF, as a reader's tool extracts it (lines joined: long names wrap).
  const auto pdf = get("/territories/01101/report.pdf");
  ASSERT_EQ(pdf.status, 200);
  const std::string text = test_support::pdf_text(pdf.body);
  const std::size_t from = text.find("\nLo que hicieron los vecinos\n"), to = text.find("\nFuentes\n");
  ASSERT_NE(from, std::string::npos) << text;
  ASSERT_NE(to, std::string::npos) << text;
  std::string want;
  for (const Entry& e : expected.listed)
    want += e.id + " · " + e.name + " " + e.where + (e.description.empty() ? "" : " " + e.description) + " ";
  want += "… y " + std::to_string(expected.total - kListed) + " más";
  EXPECT_EQ(squeeze(text.substr(from, to - from)), "Lo que hicieron los vecinos " + want);

  // The HTML page, element by element.
  const auto html = get("/territories/01101/report.html");
  ASSERT_EQ(html.status, 200);
  std::string section = "<section id=\"neighbours\"><h2>Lo que hicieron los vecinos</h2><ol class=\"initiatives\">";
  for (const Entry& e : expected.listed) {
    section += "<li data-id=\"" + e.id + "\"><strong>" + escaped(e.id + " · " + e.name) + "</strong><small>" +
               escaped(e.where) + "</small>";
    if (!e.description.empty()) section += "<span class=\"description\">" + escaped(e.description) + "</span>";
    section += "</li>";
  }
  section += "</ol><p class=\"muted\">… y " + std::to_string(expected.total - kListed) + " más</p></section>";
  EXPECT_NE(html.body.find(section), std::string::npos) << section << "\n\n" << html.body;
}

TEST_F(ReportNeighbours, WhenNoInitiativePassesTheFilterTheSectionSaysSo) {
  const auto html = get("/territories/01101/report.html?year=1990");
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("<section id=\"neighbours\"><h2>Lo que hicieron los vecinos</h2>"
                           "<p>Ninguna iniciativa en otras unidades.</p></section>"),
            std::string::npos);
}

}  // namespace
