#pragma once
// Command-line options of the territorio binary. Every option has an
// environment variable so the same binary runs under systemd or CI.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace server {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string command;                  // serve | build | import | join | token | audit | export-tiles
  std::vector<std::string> positional;  // SOURCE [OUTPUT]; token: create | list | revoke ID; export-tiles: OUT
  std::string store;                    // --store, TERRITORIO_STORE
  std::string data_dir;                 // --data, TERRITORIO_DATA
  std::string address = "127.0.0.1";    // --address, TERRITORIO_ADDRESS
  int port = 8080;                      // --port, TERRITORIO_PORT
  int threads = 0;                      // --threads, TERRITORIO_THREADS (0: one per core)
  int jobs = 0;                         // --jobs, TERRITORIO_JOBS: heavy-request threads (0: one per core)
  int job_queue = 0;                    // --job-queue, TERRITORIO_JOB_QUEUE (0: twice the jobs)
  // --cors-write-origin (repeatable), TERRITORIO_CORS_WRITE_ORIGINS (comma-separated):
  // origins whose web pages may send writes (POST, PUT, PATCH, DELETE).
  std::vector<std::string> cors_write_origins;
  std::string public_url;               // --public-url, TERRITORIO_PUBLIC_URL
  int write_rate = 300;                 // --write-rate, TERRITORIO_WRITE_RATE: per token, per minute
  int write_burst = 20;                 // --write-burst, TERRITORIO_WRITE_BURST
  int tile_cache_mb = 256;              // --tile-cache-mb, TERRITORIO_TILE_CACHE_MB (0: no tile cache)
  std::string web_dir;                  // --web, TERRITORIO_WEB (empty: the source tree's web/)
  bool force = false;                   // --force (build: replace an existing store)
  bool progress = false;                // --progress (join: progress on stderr also when it is no terminal)
  std::string join_reader = "auto";     // --reader auto|gdal (join: gdal reads CSV through GDAL too)
  // token create: --name, --region (repeatable), --role editor|admin, --expires YYYY-MM-DD.
  struct Token {
    std::string name;
    std::vector<std::string> regions;
    std::string role = "editor";
    std::optional<std::string> expires;
  } token;
  // audit: --since (a UTC date or time prefix), --token ID, --limit N.
  struct Audit {
    std::optional<std::string> since;
    std::optional<std::string> token;
    int limit = 10000;
  } audit;
  // export-tiles: --layers a,b (tile layer names, checked), --minzoom, --maxzoom, --within CODE, --format.
  struct TilesExport {
    std::vector<std::string> layers;
    int minzoom = 0;
    int maxzoom = 10;
    std::optional<std::string> within;
    std::string format = "mbtiles";
  } tiles_export;
  bool help = false;
  bool version = false;
};

// Parses argv; throws UsageError with a message naming the bad argument.
Options parse_options(int argc, const char* const* argv);
std::string usage();

}  // namespace server
