// GET /territories?q= called on the handler with bytes that are not UTF-8
// (the HTTP layer may refuse them earlier; the handler must not need it):
// a 200 whose JSON echoes the query with U+FFFD, never a 500.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/routes/territory_search.h"
#include "tests/support/fixture_store.h"

namespace {

TEST(TerritorySearchBytes, InvalidUtf8QueryIsEchoedWithReplacement) {
  server::http::Request r;
  r.method = "GET";
  r.path = "/territories";
  r.query = {{"q", "Chill\xe1n \xff"}};
  const auto res = server::routes::search_territories(r, test_support::fixture_registry());
  EXPECT_EQ(res.status, 200);
  const auto j = nlohmann::json::parse(res.body);
  EXPECT_EQ(j["query"], "Chill\xef\xbf\xbdn \xef\xbf\xbd");
  EXPECT_TRUE(j["results"].is_array());
}

}  // namespace
