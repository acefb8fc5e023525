#pragma once
// A test suite that talks to one real server on the fixture store, started
// once for the suite (starting it takes longer than most of its tests).
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

namespace test_support {

class ServedStoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServerProcess(TERRITORIO_TEST_STORE); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  HttpResult get(const std::string& path) { return client_.get(server_->url(path)); }

  // The JSON body of a GET that must answer 200.
  nlohmann::json get_json(const std::string& path) {
    const auto r = get(path);
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    return nlohmann::json::parse(r.body);
  }

  // The problem document of a GET that must fail with this status.
  nlohmann::json problem(const std::string& path, long status) {
    const auto r = get(path);
    EXPECT_EQ(r.status, status) << path << " " << r.body;
    EXPECT_EQ(r.headers.at("content-type"), "application/problem+json") << path;
    return nlohmann::json::parse(r.body);
  }

  inline static ServerProcess* server_ = nullptr;
  HttpClient client_;
};

}  // namespace test_support
