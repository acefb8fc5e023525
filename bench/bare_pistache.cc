// The ceiling anchor of bench/ceiling.sh (issue 18): the bare Pistache
// handler (Debian libpistache, the one territorio links) answering from
// memory, with nothing of ours between the socket and the bytes:
//   GET /healthz                      -> {"status":"ok"} (application/json)
//   GET /tiles/communes/{z}/{x}/{y}.mvt -> the file DIR/{z}/{x}/{y}.mvt, read at start
// Every other path is 404. The only header a handler adds is Content-Type;
// Pistache adds Content-Length (and what else it adds on its own).
// Usage: territorio_bare_pistache PORT TILE_DIR [THREADS]
// Prints "listening PORT tiles=N" once ready.
#include <pistache/endpoint.h>
#include <pistache/http.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>

namespace {

using namespace Pistache;

constexpr std::string_view kTilePrefix = "/tiles/communes/";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Resource "/tiles/communes/z/x/y.mvt" -> the body of DIR/z/x/y.mvt.
std::unordered_map<std::string, std::string> load_tiles(const std::filesystem::path& dir) {
  std::unordered_map<std::string, std::string> tiles;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mvt") continue;
    const std::string relative = std::filesystem::relative(entry.path(), dir).generic_string();
    tiles.emplace(std::string(kTilePrefix) + relative, read_file(entry.path()));
  }
  return tiles;
}

class Bare final : public Http::Handler {
 public:
  HTTP_PROTOTYPE(Bare)

  explicit Bare(std::shared_ptr<const std::unordered_map<std::string, std::string>> tiles)
      : tiles_(std::move(tiles)),
        json_(Http::Mime::MediaType::fromString("application/json")),
        mvt_(Http::Mime::MediaType::fromString("application/vnd.mapbox-vector-tile")) {}

  void onRequest(const Http::Request& request, Http::ResponseWriter response) override {
    const std::string& path = request.resource();
    if (path == "/healthz") {
      response.send(Http::Code::Ok, R"({"status":"ok"})", json_);
      return;
    }
    const auto tile = tiles_->find(path);
    if (tile == tiles_->end()) {
      response.send(Http::Code::Not_Found);
      return;
    }
    response.send(Http::Code::Ok, tile->second.data(), tile->second.size(), mvt_);
  }

 private:
  std::shared_ptr<const std::unordered_map<std::string, std::string>> tiles_;
  Http::Mime::MediaType json_;
  Http::Mime::MediaType mvt_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: territorio_bare_pistache PORT TILE_DIR [THREADS]\n";
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const unsigned threads = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : std::thread::hardware_concurrency();
  auto tiles = std::make_shared<const std::unordered_map<std::string, std::string>>(load_tiles(argv[2]));

  Http::Endpoint endpoint(Address("127.0.0.1", Port(static_cast<std::uint16_t>(port))));
  endpoint.init(Http::Endpoint::options().threads(static_cast<int>(threads)).flags(Tcp::Options::ReuseAddr));
  endpoint.setHandler(std::make_shared<Bare>(tiles));
  endpoint.serveThreaded();
  std::cout << "listening " << endpoint.getPort() << " tiles=" << tiles->size() << std::endl;
  // Serves until killed.
  for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
}
