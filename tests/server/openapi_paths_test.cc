// /api declares every route the server answers, with its method, so a
// client generated from it reaches the whole service.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "layers/snapshot/registry_holder.h"
#include "server/routes.h"

namespace {

TEST(OpenApiPaths, EveryRouteIsDeclaredWithItsMethod) {
  layers::RegistryHolder holder(TERRITORIO_TEST_STORE);
  const server::http::Router router = server::make_router(holder);
  server::http::Request request;
  request.method = "GET";
  request.path = "/api";
  const server::http::Response api = router.dispatch(request);
  ASSERT_EQ(api.status, 200);
  const nlohmann::json doc = nlohmann::json::parse(api.body);
  ASSERT_GE(router.declared().size(), 30u);
  for (const auto& [method, pattern] : router.declared()) {
    std::string lower = method;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    ASSERT_TRUE(doc["paths"].contains(pattern)) << pattern;
    EXPECT_TRUE(doc["paths"][pattern].contains(lower)) << method << " " << pattern;
    // Every {parameter} of the pattern is declared as a path parameter.
    for (std::size_t open = pattern.find('{'); open != std::string::npos; open = pattern.find('{', open + 1)) {
      const std::string name = pattern.substr(open + 1, pattern.find('}', open) - open - 1);
      bool found = false;
      for (const auto& p : doc["paths"][pattern][lower]["parameters"]) {
        const auto& resolved = p.contains("$ref")
                                   ? doc["components"]["parameters"][p["$ref"].get<std::string>().substr(24)]
                                   : p;
        found = found || (resolved["name"] == name && resolved["in"] == "path");
      }
      EXPECT_TRUE(found) << "{" << name << "} of " << pattern;
    }
  }
}

}  // namespace
