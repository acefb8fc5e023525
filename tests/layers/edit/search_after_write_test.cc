// A write changes what /initiatives?q= finds at once: a PATCH of a seed
// record's description (and of a remark) is searchable in the answer to the
// very next request, its old words no longer find it, the sheet shows the
// new text, and a bad sheet field is a 400 that changes nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/layers/edit/write_fixture.h"
#include "tests/support/temp_dir.h"

namespace {

using nlohmann::json;
using test_support::bearer;
using test_support::HttpResult;

class SearchAfterWrite : public ::testing::Test {
 protected:
  SearchAfterWrite() : server_(dir_.path("")) {}
  HttpResult get(const std::string& path) { return client_.request("GET", server_.url(path), "", {}); }
  std::vector<std::string> ids(const std::string& q) {
    const HttpResult r = get("/initiatives?q=" + q);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const json j = json::parse(r.body);
    for (const auto& h : j["initiatives"]) out.push_back(h["id"]);
    return out;
  }
  HttpResult patch(const std::string& id, const std::string& body) {
    const HttpResult item = get("/collections/initiatives/items/" + id);
    return client_.request("PATCH", server_.url("/collections/initiatives/items/" + id), body,
                           bearer(server_.admin, {{"Content-Type", "application/merge-patch+json"},
                                                   {"If-Match", item.headers.at("etag")}}));
  }
  test_support::TempDir dir_{"territorio-search-write"};
  test_support::WriteServer server_;
  test_support::HttpClient client_;
};

TEST_F(SearchAfterWrite, APatchedDescriptionIsFoundOnTheNextRequest) {
  // 393, Modelo de Gestión Territorial en la Región del Bío Bío (its 2007
  // region spans today's Ñuble too: an admin writes it).
  EXPECT_TRUE(ids("xilografia").empty());
  const HttpResult patched = patch("393", R"({"properties":{"description":"Talleres de xilografía en Lota."}})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json::parse(patched.body)["properties"]["description"], "Talleres de xilografía en Lota.");
  EXPECT_EQ(ids("XILOGRAFIAS"), (std::vector<std::string>{"393"}));
  // Again: the words of the description before no longer find it.
  ASSERT_EQ(patch("393", R"({"properties":{"description":"Talleres de serigrafía en Lota."}})").status, 200);
  EXPECT_TRUE(ids("xilografia").empty());
  EXPECT_EQ(ids("serigrafia"), (std::vector<std::string>{"393"}));
  const json sheet = json::parse(get("/initiatives/393").body);
  EXPECT_EQ(sheet["description"], "Talleres de serigrafía en Lota.");
  EXPECT_EQ(sheet["sheet"]["dimensions"][2]["section"], "4.2.3 b)") << "a merge patch keeps the remarks";
  const json hits = json::parse(get("/initiatives?q=serigrafia").body);
  EXPECT_EQ(hits["initiatives"][0]["description"], "Talleres de serigrafía en Lota.");

  // A remark of a later contest, with its section.
  ASSERT_EQ(patch("393", R"({"properties":{"remark_resources":"Financiado por el FNDR.","remark_resources_section":"informe 2010, 2.1"}})").status, 200);
  const json found = json::parse(get("/initiatives?q=fndr").body);
  ASSERT_EQ(found["count"], 1);
  EXPECT_EQ(found["initiatives"][0]["remarks"][0]["section"], "informe 2010, 2.1");
  EXPECT_EQ(found["initiatives"][0]["remarks"][0]["dimension"], "resources");
}

TEST_F(SearchAfterWrite, ABadSheetFieldIsA400AndChangesNothing) {
  const HttpResult r = patch("393", R"({"properties":{"remark_innovation":"Sin sección."}})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/problem+json");
  EXPECT_EQ(json::parse(r.body)["detail"], "remark_innovation needs remark_innovation_section");
  const HttpResult lines = patch("393", R"({"properties":{"description":"una\nsegunda línea"}})");
  EXPECT_EQ(lines.status, 400) << lines.body;
  EXPECT_TRUE(ids("segunda").empty());
}

}  // namespace
