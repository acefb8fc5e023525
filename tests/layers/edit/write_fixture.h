#pragma once
// A real server on a private copy of the fixture store, with an editor
// token for Biobío (08), one for Ñuble (16) and an admin token, for the
// tests of the write API.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "layers/access/token_store.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace test_support {

class WriteServer {
 public:
  explicit WriteServer(const std::string& dir, const std::vector<std::string>& args = {"--write-burst", "1000", "--write-rate", "1000000"})
      : store_(dir + "/s.sqlite") {
    std::filesystem::copy_file(TERRITORIO_TEST_STORE, store_);
    layers::access::TokenStore tokens(store_);
    const auto now = std::chrono::system_clock::now();
    biobio = tokens.create({"GORE Biobío", layers::access::Role::editor, {"08"}, std::nullopt}, now).bearer;
    nuble = tokens.create({"GORE Ñuble", layers::access::Role::editor, {"16"}, std::nullopt}, now).bearer;
    admin = tokens.create({"SUBDERE", layers::access::Role::admin, {}, std::nullopt}, now).bearer;
    server = std::make_unique<ServerProcess>(store_, args);
  }
  std::string url(const std::string& path) const { return server->url(path); }
  const std::string& store() const { return store_; }

  std::string biobio, nuble, admin;
  std::unique_ptr<ServerProcess> server;

 private:
  std::string store_;
};

inline HeaderList bearer(const std::string& token, HeaderList more = {}) {
  more.emplace_back("Authorization", "Bearer " + token);
  return more;
}

// A feature in Concepción (08101) by code, unless told otherwise.
inline std::string feature_body(const std::string& id, const std::string& name, const std::string& codes = "08101") {
  nlohmann::json f = {{"type", "Feature"},
                      {"geometry", nullptr},
                      {"properties",
                       {{"name", name}, {"institution", "Gobierno Regional"}, {"area", "Social"},
                        {"footprint_kind", "codes"}, {"footprint_division", "2018"}, {"footprint_codes", codes}}}};
  if (!id.empty()) f["properties"]["id"] = id;
  return f.dump();
}

}  // namespace test_support
