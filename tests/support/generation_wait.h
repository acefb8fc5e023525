#pragma once
// A server reloads its store in the background after an import: tests that
// import and then query wait, within a bound, until /readyz reports the new
// generation (instead of assuming the reload happened with the import).
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

namespace test_support {

// The generation the server publishes now.
inline std::int64_t served_generation(HttpClient& client, const ServerProcess& server) {
  const HttpResult r = client.get(server.url("/readyz"));
  if (r.status != 200) return -1;
  return nlohmann::json::parse(r.body).at("generation").get<std::int64_t>();
}

// Polls /readyz until the generation is at least `wanted` or `bound` has
// passed; returns the last generation seen (the caller asserts on it).
inline std::int64_t wait_for_generation(HttpClient& client, const ServerProcess& server, std::int64_t wanted,
                                        std::chrono::seconds bound = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  std::int64_t seen = served_generation(client, server);
  while (seen < wanted && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    seen = served_generation(client, server);
  }
  return seen;
}

}  // namespace test_support
