// A server started from the territory cache answers byte for byte as one
// that built its Territory: vector tiles of every boundary layer at zooms
// 0-14, the unit collections' items, neighbours and gaps. A damaged cache
// is rebuilt (and written again, the same bytes) without changing a byte
// served. Each server here reads a copy of the fixture store in its own
// folder, so no cache is read from a shared place.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "tests/support/http_client.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Paths to compare: tiles around places from north to south at every
// zoom, and the documents that read the boundaries' texts and neighbours.
std::vector<std::string> paths() {
  std::vector<std::string> out;
  const std::pair<double, double> places[] = {{-70.65, -33.45}, {-73.05, -36.82}, {-70.91, -53.16},
                                              {-70.40, -23.65}, {-109.35, -27.12}};
  for (const char* layer : {"communes", "provinces", "regions", "regions-2007", "provinces-2007", "territorio"})
    for (int z = 0; z <= 14; z += (z < 6 ? 1 : 2))
      for (const auto& [lon, lat] : places) {
        const double n = std::pow(2.0, z);
        const int x = static_cast<int>((lon + 180) / 360 * n);
        const double r = lat * M_PI / 180;
        const int y = static_cast<int>((1 - std::log(std::tan(r) + 1 / std::cos(r)) / M_PI) / 2 * n);
        out.push_back("/tiles/" + std::string(layer) + "/" + std::to_string(z) + "/" + std::to_string(x) + "/" +
                      std::to_string(y) + ".mvt");
      }
  for (const char* c : {"communes", "provinces", "regions", "regions-2007", "provinces-2007"})
    out.push_back("/collections/" + std::string(c) + "/items?limit=1000");
  out.push_back("/collections/communes/items?bbox=-71,-34,-70,-33&limit=50");
  out.push_back("/collections/communes/items/13101");
  for (const char* code : {"13101", "05201", "12101", "08", "161"})
    out.push_back("/territories/" + std::string(code) + "/nearby-initiatives");
  out.push_back("/coverage?level=commune");
  return out;
}

std::vector<std::string> bodies(const test_support::ServerProcess& server) {
  test_support::HttpClient client;
  std::vector<std::string> out;
  for (const std::string& p : paths()) {
    const auto r = client.get(server.url(p));
    EXPECT_EQ(r.status, 200) << p;
    // Links name the server's port, and item lists the time they were
    // made, which differ between starts.
    std::string body = r.body;
    const std::string stamp = "\"timeStamp\":\"";
    for (std::size_t at = body.find(stamp); at != std::string::npos; at = body.find(stamp, at + 1))
      body.replace(at + stamp.size(), body.find('"', at + stamp.size()) - at - stamp.size(), "T");
    const std::string base = server.url("");
    for (std::size_t at = body.find(base); at != std::string::npos; at = body.find(base, at))
      body.replace(at, base.size(), "BASE");
    out.push_back(std::move(body));
  }
  return out;
}

TEST(TerritoryCacheStart, CachedStartServesTheSameBytesAsABuiltOne) {
  test_support::TempDir dir("territorio-territory-cache-e2e");
  const std::string store = dir.path("store.sqlite");
  fs::copy_file(TERRITORIO_TEST_STORE, store);
  const std::string cache = store + ".territory";
  ASSERT_FALSE(fs::exists(cache));

  std::vector<std::string> built;
  {
    test_support::ServerProcess server(store);  // builds, then writes the cache
    built = bodies(server);
  }
  ASSERT_TRUE(fs::exists(cache));
  const std::string written = read_all(cache);
  ASSERT_GT(written.size(), 1000u);

  {
    test_support::ServerProcess server(store);  // reads it
    const auto cached = bodies(server);
    ASSERT_EQ(cached.size(), built.size());
    for (std::size_t i = 0; i < built.size(); ++i) EXPECT_TRUE(cached[i] == built[i]) << paths()[i];
  }

  // Truncated: not trusted, built and written again.
  std::ofstream(cache, std::ios::binary | std::ios::trunc) << written.substr(0, written.size() / 3);
  {
    test_support::ServerProcess server(store);
    const auto rebuilt = bodies(server);
    for (std::size_t i = 0; i < built.size(); ++i) EXPECT_TRUE(rebuilt[i] == built[i]) << paths()[i];
  }
  EXPECT_TRUE(read_all(cache) == written);
}

}  // namespace
